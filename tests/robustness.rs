//! Nothing passes silently and hostile input gets a diagnostic: a pack with
//! no claim, an error in a machine-format run, input past the limits.

use std::path::Path;

use assert_cmd::Command;

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let output = Command::cargo_bin("vd-audit")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A directory holding `doc.txt` with `document` and `pack.vd` with `pack`.
fn project(document: &str, pack: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("doc.txt"), document).unwrap();
    std::fs::write(dir.path().join("pack.vd"), pack).unwrap();
    dir
}

#[test]
fn a_pack_with_no_claim_is_a_warning_and_an_error_under_strict() {
    let dir = project("The total is 5.\n", "document d = \"doc.txt\"\n# to do\n");
    let lenient = run(dir.path(), &["check", "pack.vd"]);
    assert_eq!(lenient.status, 0, "{}", lenient.stdout);
    assert!(
        lenient.stdout.contains("⚠ pack.vd states no claim"),
        "{}",
        lenient.stdout
    );
    assert!(
        lenient.stdout.contains("1 pack with no claim"),
        "{}",
        lenient.stdout
    );

    let strict = run(dir.path(), &["check", "pack.vd", "--strict"]);
    assert_eq!(strict.status, 2, "{}", strict.stdout);
    assert!(
        strict.stdout.contains("× pack.vd states no claim"),
        "{}",
        strict.stdout
    );

    // Every format carries it.
    let json = run(dir.path(), &["check", "pack.vd", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["problems"][0]["code"], "vd::pack::empty");
    assert_eq!(report["problems"][0]["severity"], "warning");
    let sarif = run(dir.path(), &["check", "pack.vd", "--format", "sarif"]);
    assert!(
        sarif.stdout.contains("\"ruleId\": \"vd::pack::empty\""),
        "{}",
        sarif.stdout
    );
    let junit = run(
        dir.path(),
        &["check", "pack.vd", "--format", "junit", "--strict"],
    );
    assert!(
        junit.stdout.contains("name=\"the pack states a claim\""),
        "{}",
        junit.stdout
    );
    assert!(junit.stdout.contains("<error"), "{}", junit.stdout);
    let github = run(dir.path(), &["check", "pack.vd", "--format", "github"]);
    assert!(github.stdout.contains("::warning"), "{}", github.stdout);
}

#[test]
fn a_machine_format_ending_in_error_says_why_on_stderr() {
    let dir = project(
        "The total is 5.\n",
        "document d = \"doc.txt\"\nclaim \"t\"\n  d \"no such words {}\" == 5\n",
    );
    for format in ["json", "sarif", "junit", "github"] {
        let run = run(dir.path(), &["check", "pack.vd", "--format", format]);
        assert_eq!(run.status, 2);
        assert_eq!(
            run.stderr,
            "error: 1 error stopped the audit: pack.vd:3:3: this anchor matches nowhere in `d`\n",
            "{format}"
        );
    }
    // The human report shows the errors itself.
    let human = run(dir.path(), &["check", "pack.vd"]);
    assert_eq!(human.status, 2);
    assert_eq!(human.stderr, "");
}
