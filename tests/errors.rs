//! docs/errors.md, the catalogue of diagnostic codes, is complete and true:
//! every code in the source has an entry, every entry is a code in the
//! source, and every example prints what the catalogue shows.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn catalogue() -> String {
    std::fs::read_to_string(root().join("docs/errors.md")).unwrap()
}

/// Every `"vd::…"` string literal in the source.
fn codes_in_source() -> BTreeSet<String> {
    fn walk(dir: &Path, codes: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, codes);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (at, _) in text.match_indices("\"vd::") {
                    let code: String = text[at + 1..]
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || *c == '_' || *c == ':')
                        .collect();
                    codes.insert(code);
                }
            }
        }
    }
    let mut codes = BTreeSet::new();
    walk(&root().join("src"), &mut codes);
    codes
}

/// The catalogue's entries: each `## vd::…` heading and the text under it.
fn entries(catalogue: &str) -> Vec<(String, String)> {
    catalogue
        .split("\n## ")
        .skip(1)
        .map(|section| {
            let (heading, body) = section.split_once('\n').unwrap();
            (heading.trim().to_string(), body.to_string())
        })
        .collect()
}

#[test]
fn every_code_has_an_entry_and_every_entry_a_code() {
    let in_source = codes_in_source();
    let text = catalogue();
    let in_catalogue: BTreeSet<String> = entries(&text).into_iter().map(|(code, _)| code).collect();
    let missing: Vec<_> = in_source.difference(&in_catalogue).collect();
    let gone: Vec<_> = in_catalogue.difference(&in_source).collect();
    assert!(
        missing.is_empty(),
        "codes missing from docs/errors.md: {missing:?}"
    );
    assert!(
        gone.is_empty(),
        "docs/errors.md names codes that no longer exist: {gone:?}"
    );
    for (code, body) in entries(&text) {
        assert!(body.contains("**Fix.**"), "{code} says how to fix it");
        assert!(body.contains("```output"), "{code} has an example");
        assert!(
            text.contains(&format!("[`{code}`]")),
            "{code} is in the table"
        );
    }
}

/// The contents of the fenced block of `kind` in `body`, if any.
fn block<'a>(body: &'a str, kind: &str) -> Option<&'a str> {
    let start = body.find(&format!("```{kind}\n"))? + kind.len() + 4;
    let end = start + body[start..].find("\n```")?;
    Some(&body[start..end])
}

#[test]
fn every_example_prints_what_the_catalogue_shows() {
    for (code, body) in entries(&catalogue()) {
        // The temporary directory is the project root, as in the catalogue.
        let dir = common::project_dir().unwrap();
        let write =
            |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).unwrap();
        if let Some(document) = block(&body, "document") {
            write("doc.txt", format!("{document}\n").as_bytes());
        }
        if let Some(pack) = block(&body, "vd") {
            write("pack.vd", format!("{pack}\n").as_bytes());
        }
        if let Some(yaml) = block(&body, "yaml") {
            write("vd-audit.yaml", format!("{yaml}\n").as_bytes());
        }
        // The two examples of files that are not UTF-8 describe their bytes.
        if body
            .contains("`pack.vd` holds `document d = \"doc.txt\"` and a comment with the byte 0xE9")
        {
            write(
                "pack.vd",
                b"document d = \"doc.txt\"\n# caf\xe9 in Latin-1\n",
            );
        }
        if body.contains("`vd-audit.yaml` holds the bytes `deny: [`, 0xFF, `]`") {
            write("vd-audit.yaml", b"deny: [\xff]\n");
        }
        let line = body
            .lines()
            .find(|l| l.starts_with("`vd-audit ") && l.contains("` prints (exit status "))
            .unwrap_or_else(|| panic!("{code}: no command line"));
        let command = &line[1..line.find("` prints").unwrap()];
        let status: i32 = line[line.find("exit status ").unwrap() + 12..]
            .trim_end_matches("):")
            .parse()
            .unwrap();
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
        let output = Command::cargo_bin("vd-audit")
            .unwrap()
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(status),
            "{code}: the exit status"
        );
        let project = dir.path().canonicalize().unwrap();
        let expected = block(&body, "output").unwrap();
        // The catalogue shows the root as `/path/to/project`; a longer
        // temporary path (a long TMPDIR) wraps the line it is on elsewhere.
        let placeholder = "/path/to/project";
        if expected.contains(placeholder)
            && project.to_string_lossy().chars().count() > placeholder.len()
        {
            let _ = std::io::Write::write_all(
                &mut std::io::stderr(),
                format!(
                    "\n*** tests/errors.rs: SKIPPED the output of {code}: it shows the project \
                     root, and {} is longer than {placeholder}, so it wraps differently \
                     (set TMPDIR=/tmp) ***\n",
                    project.display()
                )
                .as_bytes(),
            );
            continue;
        }
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
        .replace(&*project.to_string_lossy(), placeholder);
        assert_eq!(printed.trim_end(), expected, "{code}: the example's output");
    }
}
