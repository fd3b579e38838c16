//! What vd-audit may read. Packs and documents arrive in pull requests, and
//! CI runs vd-audit with whatever the runner can read, so a document named
//! by a pack must lie inside the project root (after following symlinks) and
//! be a regular file; nothing else is opened, so nothing else can be quoted
//! in a report. Files the user names on the command line are the user's own
//! choice and are not confined, but every file read is held to a size limit.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::source::SourceFile;

/// The settings file's name, looked for in the working directory and its
/// ancestors; the folder that holds it is the project root.
pub const CONFIG_FILE_NAME: &str = "vd-audit.yaml";

/// The default limit on the size of a document or rule file: far above any
/// council paper (the largest bundled document is under 300 KB), far below
/// what would exhaust a CI runner.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Where the files a pack names may come from, and how large any file may be.
#[derive(Clone, Debug)]
pub struct Access {
    /// The project root, canonical: the nearest ancestor of the working
    /// directory that holds `vd-audit.yaml` or `.git`, else the working
    /// directory itself.
    pub root: PathBuf,
    /// Documents named by a pack may lie outside the root (`--allow-outside-root`).
    pub allow_outside_root: bool,
    pub max_file_bytes: u64,
}

/// Why a file named by a pack is not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The file, after following symlinks, lies outside the project root.
    OutsideRoot { resolved: PathBuf, root: PathBuf },
    /// A directory, device, FIFO, socket or other thing that is not a regular file.
    NotARegularFile { kind: &'static str },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::OutsideRoot { resolved, root } => write!(
                f,
                "it resolves to `{}`, outside the project root `{}`",
                resolved.display(),
                root.display()
            ),
            Refusal::NotARegularFile { kind } => write!(f, "it is {kind}, not a regular file"),
        }
    }
}

impl Access {
    /// The access of a run started in `working_dir`, with the root found as
    /// described on [`Access::root`].
    pub fn from_working_dir(
        working_dir: &Path,
        allow_outside_root: bool,
        max_file_bytes: u64,
    ) -> std::io::Result<Access> {
        Ok(Access {
            root: project_root(working_dir)?,
            allow_outside_root,
            max_file_bytes,
        })
    }

    /// Whether a pack may read `path`. The path must exist (the caller
    /// reports a missing file as unreadable).
    pub fn check_pack_file(&self, path: &Path) -> std::io::Result<Result<(), Refusal>> {
        // `canonicalize` follows every symlink and removes `..`, so what is
        // compared is the file that would actually be opened.
        let resolved = path.canonicalize()?;
        if !self.allow_outside_root && !resolved.starts_with(&self.root) {
            return Ok(Err(Refusal::OutsideRoot {
                resolved,
                root: self.root.clone(),
            }));
        }
        let file_type = std::fs::metadata(&resolved)?.file_type();
        if !file_type.is_file() {
            return Ok(Err(Refusal::NotARegularFile {
                kind: describe(&file_type),
            }));
        }
        Ok(Ok(()))
    }

    /// Reads a UTF-8 file of at most `max_file_bytes`.
    pub fn read(&self, path: &Path) -> std::io::Result<SourceFile> {
        read_limited(path, self.max_file_bytes)
    }

    /// Reads the bytes of a file of at most `max_file_bytes` (a PDF, which
    /// is not text).
    pub fn read_bytes(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        read_bytes_limited(path, self.max_file_bytes)
    }
}

/// The nearest ancestor of `working_dir` (itself included) holding
/// `vd-audit.yaml` or `.git`; `working_dir` itself when there is none.
pub fn project_root(working_dir: &Path) -> std::io::Result<PathBuf> {
    let start = working_dir.canonicalize()?;
    let found = start
        .ancestors()
        .find(|dir| dir.join(CONFIG_FILE_NAME).exists() || dir.join(".git").exists());
    Ok(found.unwrap_or(&start).to_path_buf())
}

/// Reads a UTF-8 file, refusing one larger than `max_bytes`. The limit is
/// applied to the bytes read, not only to the size the file system reports,
/// which is 0 for `/proc` files and FIFOs.
pub fn read_limited(path: &Path, max_bytes: u64) -> std::io::Result<SourceFile> {
    SourceFile::from_bytes(path, read_bytes_limited(path, max_bytes)?)
}

/// The bytes of a file, refusing one larger than `max_bytes`, as [`read_limited`].
pub fn read_bytes_limited(path: &Path, max_bytes: u64) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "larger than the limit of {} (raise it with --max-file-size)",
                human_size(max_bytes)
            ),
        ));
    }
    Ok(bytes)
}

/// `64 MiB`, `512 KiB`, `100 bytes`.
pub fn human_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// Parses a size given on the command line: `64MiB`, `100M`, `512k`, `1000`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits_end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(digits_end);
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("expected a size such as 64MiB or 100M, not `{text}`"))?;
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1024,
        "m" | "mb" | "mib" => 1024 * 1024,
        "g" | "gb" | "gib" => 1024 * 1024 * 1024,
        _ => {
            return Err(format!(
                "unknown unit in `{text}`: use bytes, K, M or G (KiB, MiB, GiB)"
            ))
        }
    };
    number
        .checked_mul(multiplier)
        .ok_or_else(|| format!("`{text}` is too large"))
}

fn describe(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_with_their_units() {
        assert_eq!(parse_size("64MiB"), Ok(64 * 1024 * 1024));
        assert_eq!(parse_size("100M"), Ok(100 * 1024 * 1024));
        assert_eq!(parse_size("512k"), Ok(512 * 1024));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5 parsecs").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_it_is_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, "x".repeat(2000)).unwrap();
        let error = read_limited(&path, 1024).unwrap_err();
        assert!(error.to_string().contains("limit of 1 KiB"), "{error}");
        assert!(read_limited(&path, 2000).is_ok());
    }

    #[test]
    fn the_root_is_the_nearest_ancestor_with_a_marker() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("project");
        let deep = project.join("rules/sub");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(project.join("vd-audit.yaml"), "").unwrap();
        let root = project_root(&deep).unwrap();
        assert_eq!(root, project.canonicalize().unwrap());
    }
}
