//! A snapshot of every bundled pack's report, as `check` prints it without
//! colour at a fixed width: a change to a pack, a document or vd-audit's
//! semantics shows up here as a diff to review.

use std::path::PathBuf;

use assert_cmd::Command;

#[test]
fn every_pack_report() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let access = vd_audit::cli::Settings::defaults_in(&root).unwrap().access;
    let packs = vd_audit::cli::find_packs(&[root.join("rules")], &access).unwrap();
    assert!(packs.len() >= 6, "the bundled packs: {packs:?}");
    for pack in packs {
        let relative = pack
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let output = Command::cargo_bin("vd-audit")
            .unwrap()
            .current_dir(&root)
            .args(["check", &relative, "--color", "never", "--width", "100"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{relative} does not pass");
        let name = relative
            .trim_start_matches("rules/")
            .trim_end_matches(".vd")
            .replace('/', "__");
        insta::assert_snapshot!(name, String::from_utf8(output.stdout).unwrap());
    }
}
