//! Helpers shared by the integration tests.

/// A temporary directory that is a project root of its own (it holds
/// `.git`), so that a `.git` or `vd-audit.yaml` above the system's temporary
/// directory (a TMPDIR inside a clone, a home directory kept in git) neither
/// makes a directory above it the root nor lends it settings.
#[allow(dead_code)]
pub fn project_dir() -> std::io::Result<tempfile::TempDir> {
    let dir = tempfile::tempdir()?;
    std::fs::create_dir(dir.path().join(".git"))?;
    Ok(dir)
}

/// `text` with the digits in `digits` slipped as a typist would: the first
/// two adjacent different digits swapped, or else the last digit changed
/// (as `coverage --mutations` slips a figure).
#[allow(dead_code)]
pub fn slipped(text: &str, digits: std::ops::Range<usize>) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let positions: Vec<usize> = digits.filter(|&i| bytes[i].is_ascii_digit()).collect();
    match positions.windows(2).find(|w| bytes[w[0]] != bytes[w[1]]) {
        Some(pair) => bytes.swap(pair[0], pair[1]),
        None => {
            let last = *positions.last().unwrap();
            bytes[last] = if bytes[last] == b'9' {
                b'1'
            } else {
                bytes[last] + 1
            };
        }
    }
    String::from_utf8(bytes).unwrap()
}
