//! Packs are untrusted input: a pack may read documents inside its project
//! only, and nothing it is refused appears in any output format.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// Words that stand in the file outside the project: none may reach a report.
const SECRET: &str = "SECRET-CONTENTS root:x:0:0";

const FORMATS: [&str; 6] = ["human", "json", "sarif", "junit", "github", "html"];

/// A temporary project (holding `.git`) beside a directory outside it that
/// holds a secret file.
struct Layout {
    _dir: tempfile::TempDir,
    project: PathBuf,
    outside: PathBuf,
}

fn layout() -> Layout {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    let outside = dir.path().join("outside");
    for sub in ["rules", "documents", ".git"] {
        std::fs::create_dir_all(project.join(sub)).unwrap();
    }
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(
        outside.join("secret.txt"),
        format!("{SECRET}\nThe total is 1,234.\n"),
    )
    .unwrap();
    std::fs::write(project.join("documents/paper.txt"), "The total is 1,234.\n").unwrap();
    Layout {
        _dir: dir,
        project,
        outside,
    }
}

/// A pack reading `path`, with one claim that holds and one whose anchor
/// matches nowhere (which would list "the nearest places" of the document).
fn pack_reading(path: &str) -> String {
    format!(
        "document d = \"{path}\"\n\
         claim \"The total\"\n  d \"The total is {{}}\" == 1234\n\
         claim \"Missing\"\n  d \"no such words root {{}}\" == 1\n"
    )
}

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("vd-audit")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text)
}

/// `check` of `pack` exits 2 in every format, and never prints the secret.
fn assert_refused_everywhere(project: &Path, pack: &str) {
    for format in FORMATS {
        let (status, output) = run(project, &["check", pack, "--format", format]);
        assert_eq!(status, 2, "{format}: {output}");
        assert!(!output.contains("SECRET"), "{format} leaks: {output}");
        assert!(!output.contains("root:x"), "{format} leaks: {output}");
    }
    let (_, human) = run(project, &["check", pack]);
    assert!(human.contains("vd::io::refused"), "{human}");
}

#[test]
fn an_absolute_path_is_refused() {
    let layout = layout();
    let secret = layout.outside.join("secret.txt");
    std::fs::write(
        layout.project.join("rules/abs.vd"),
        pack_reading(&secret.display().to_string()),
    )
    .unwrap();
    assert_refused_everywhere(&layout.project, "rules/abs.vd");
    // Wide enough that the message is not wrapped however long the
    // temporary directory's path is.
    let (_, human) = run(
        &layout.project,
        &["check", "rules/abs.vd", "--width", "10000"],
    );
    assert!(human.contains("it lies outside the project"), "{human}");
}

#[test]
fn etc_passwd_is_refused() {
    let layout = layout();
    std::fs::write(
        layout.project.join("rules/passwd.vd"),
        pack_reading("/etc/passwd"),
    )
    .unwrap();
    assert_refused_everywhere(&layout.project, "rules/passwd.vd");
}

#[test]
fn climbing_out_with_dot_dot_is_refused() {
    let layout = layout();
    std::fs::write(
        layout.project.join("rules/climb.vd"),
        pack_reading("../../outside/secret.txt"),
    )
    .unwrap();
    assert_refused_everywhere(&layout.project, "rules/climb.vd");
}

#[cfg(unix)]
#[test]
fn a_symlink_leading_out_is_refused() {
    let layout = layout();
    std::os::unix::fs::symlink(
        layout.outside.join("secret.txt"),
        layout.project.join("documents/link.txt"),
    )
    .unwrap();
    std::fs::write(
        layout.project.join("rules/link.vd"),
        pack_reading("../documents/link.txt"),
    )
    .unwrap();
    assert_refused_everywhere(&layout.project, "rules/link.vd");
    // A symlink that stays inside the project is followed.
    std::os::unix::fs::symlink(
        layout.project.join("documents/paper.txt"),
        layout.project.join("documents/inside.txt"),
    )
    .unwrap();
    std::fs::write(
        layout.project.join("rules/inside.vd"),
        "document d = \"../documents/inside.txt\"\nclaim \"t\"\n  d \"The total is {}\" == 1234\n",
    )
    .unwrap();
    let (status, output) = run(&layout.project, &["check", "rules/inside.vd"]);
    assert_eq!(status, 0, "{output}");
}

#[cfg(unix)]
#[test]
fn proc_and_fifos_are_not_regular_files() {
    let layout = layout();
    std::fs::write(
        layout.project.join("rules/proc.vd"),
        pack_reading("/proc/self/environ"),
    )
    .unwrap();
    assert_refused_everywhere(&layout.project, "rules/proc.vd");

    // A FIFO inside the project would block a reader for ever: it is not opened.
    let fifo = layout.project.join("documents/fifo.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.as_ref().is_ok_and(|s| s.success()) {
        std::fs::write(
            layout.project.join("rules/fifo.vd"),
            pack_reading("../documents/fifo.txt"),
        )
        .unwrap();
        let (status, output) = run(&layout.project, &["check", "rules/fifo.vd"]);
        assert_eq!(status, 2, "{output}");
        assert!(output.contains("a FIFO, not a regular file"), "{output}");
    } else {
        // Straight to standard error, past the test harness's capture.
        let _ = std::io::Write::write_all(
            &mut std::io::stderr(),
            format!("\n*** tests/confinement.rs: SKIPPED the FIFO case: `mkfifo` failed ({made:?}) ***\n").as_bytes(),
        );
    }
}

#[cfg(unix)]
#[test]
fn a_pack_symlinked_into_rules_from_outside_is_refused() {
    let layout = layout();
    std::fs::write(
        layout.outside.join("evil.vd"),
        format!("{SECRET} this is not a rule\n"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        layout.outside.join("evil.vd"),
        layout.project.join("rules/evil.vd"),
    )
    .unwrap();
    for format in FORMATS {
        let (status, output) = run(&layout.project, &["check", "--format", format]);
        assert_eq!(status, 2, "{output}");
        assert!(!output.contains("SECRET"), "{format} leaks: {output}");
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_rules_is_walked_once() {
    let layout = layout();
    std::fs::write(
        layout.project.join("rules/paper.vd"),
        "document d = \"../documents/paper.txt\"\nclaim \"t\"\n  d \"The total is {}\" == 1234\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        layout.project.join("rules"),
        layout.project.join("rules/again"),
    )
    .unwrap();
    let (status, output) = run(&layout.project, &["check"]);
    assert_eq!(status, 0, "{output}");
    assert!(output.contains("total: 1 claim"), "{output}");
}

#[test]
fn the_user_may_allow_documents_outside_the_root() {
    let layout = layout();
    std::fs::write(
        layout.project.join("rules/climb.vd"),
        "document d = \"../../outside/secret.txt\"\nclaim \"t\"\n  d \"The total is {}\" == 1234\n",
    )
    .unwrap();
    let (status, output) = run(
        &layout.project,
        &["check", "rules/climb.vd", "--allow-outside-root"],
    );
    assert_eq!(status, 0, "{output}");
    std::fs::write(
        layout.project.join("vd-audit.yaml"),
        "allow-outside-root: true\n",
    )
    .unwrap();
    let (status, output) = run(&layout.project, &["check", "rules/climb.vd"]);
    assert_eq!(status, 0, "{output}");
}

#[test]
fn a_document_named_on_the_command_line_is_the_users_choice() {
    let layout = layout();
    std::fs::write(
        layout.project.join("rules/paper.vd"),
        "document d = \"../documents/paper.txt\"\nclaim \"t\"\n  d \"The total is {}\" == 1234\n",
    )
    .unwrap();
    let secret = layout.outside.join("secret.txt");
    let choice = format!("d={}", secret.display());
    let (status, output) = run(
        &layout.project,
        &["check", "rules/paper.vd", "--document", &choice],
    );
    assert_eq!(status, 0, "{output}");
}

#[test]
fn the_project_root_is_found_above_the_working_directory() {
    // Run from rules/: the root is still the directory holding `.git`, so
    // `../documents` is inside it.
    let layout = layout();
    std::fs::write(
        layout.project.join("rules/paper.vd"),
        "document d = \"../documents/paper.txt\"\nclaim \"t\"\n  d \"The total is {}\" == 1234\n",
    )
    .unwrap();
    let (status, output) = run(&layout.project.join("rules"), &["check", "paper.vd"]);
    assert_eq!(status, 0, "{output}");
}

#[test]
fn a_file_over_the_size_limit_is_an_error() {
    let layout = layout();
    std::fs::write(
        layout.project.join("documents/big.txt"),
        "The total is 1,234.\n".repeat(200),
    )
    .unwrap();
    std::fs::write(
        layout.project.join("rules/big.vd"),
        "document d = \"../documents/big.txt\"\nclaim \"t\"\n  d \"The total is {}\" == 1234\n",
    )
    .unwrap();
    let (status, output) = run(
        &layout.project,
        &["check", "rules/big.vd", "--max-file-size", "1K"],
    );
    assert_eq!(status, 2, "{output}");
    assert!(
        output.contains("larger than the limit of 1 KiB"),
        "{output}"
    );
    let (status, output) = run(
        &layout.project,
        &["check", "rules/big.vd", "--max-file-size", "lots"],
    );
    assert_eq!(status, 2, "{output}");
}
