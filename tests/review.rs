//! `vd-audit review`: expected discrepancies pinned on both sides. Each
//! test writes a council paper and its pack to a temporary directory and
//! runs vd-audit there.

mod common;

use std::path::Path;

use assert_cmd::Command;

fn vd_audit_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("vd-audit")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().expect("vd-audit was killed"),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// A budget in £'000 with a total one digit out (4,818 for 4,808), and a
/// council tax band table with Band A's digits swapped (£1,403.37 for
/// £1,403.67).
const PAPER: &str = "\
Revenue budget 2024/25

Service\tBudget £'000\tStaff FTE
Staff\t3,120\t61
Premises\t904\t4
Transport\t784\t9
Total\t4,818\t74

Council tax 2024/25: Band D £2,105.51, Band A £1,403.37.
";

/// Comments, blank lines and an expectation on the claim's own line: all
/// must come through an accepted review byte for byte.
const PACK: &str = "\
# Budget and bands   (a comment the review must keep)
document paper = \"../paper.txt\"

let budget = paper.table(\"Service\")

claim \"The services add up to the total\"
  budget.cell(\"Total\", \"Budget £'000\") == budget.cell(\"Staff\", \"Budget £'000\") + budget.cell(\"Premises\", \"Budget £'000\") + budget.cell(\"Transport\", \"Budget £'000\")
  expect discrepancy \"total one digit out\"   # keep me

claim \"Band A is 6/9 of Band D\" paper \"Band A £{}\" == 6 / 9 * paper \"Band D £{},\" expect discrepancy \"£1,403.37\" \"digits swapped\"
\r
claim \"Band D is Band D\"
  paper \"Band D £{},\" == paper \"Band D £{},\"
";

fn project(pack: &str, paper: &str) -> tempfile::TempDir {
    let dir = common::project_dir().unwrap();
    std::fs::write(dir.path().join("vd-audit.yaml"), "").unwrap();
    std::fs::create_dir(dir.path().join("rules")).unwrap();
    std::fs::write(dir.path().join("rules/budget.vd"), pack).unwrap();
    std::fs::write(dir.path().join("paper.txt"), paper).unwrap();
    dir
}

fn pack_text(dir: &tempfile::TempDir) -> String {
    std::fs::read_to_string(dir.path().join("rules/budget.vd")).unwrap()
}

#[test]
fn review_lists_unpinned_expectations_with_a_diff_and_exits_1() {
    let dir = project(PACK, PAPER);
    let (status, stdout, stderr) = vd_audit_in(dir.path(), &["review"]);
    assert_eq!(status, 1, "{stdout}{stderr}");
    assert!(
        stdout.contains("rules/budget.vd:8: The services add up to the total"),
        "{stdout}"
    );
    assert!(
        stdout.contains("the stated figure is not pinned; the computed value is not pinned"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "-  expect discrepancy \"total one digit out\"   # keep me\n\
             +  expect discrepancy \"4,818\" computed \"£4,808k\" \"total one digit out\"   # keep me\n"
        ),
        "{stdout}"
    );
    // The expectation on the claim's line: the whole line is the diff.
    assert!(
        stdout.contains("rules/budget.vd:10: Band A is 6/9 of Band D"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "expect discrepancy \"£1,403.37\" computed \"£1,403.67333333\" \"digits swapped\"\n"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("2 shown, 0 accepted, 2 pending"),
        "{stdout}"
    );
    // Listing writes nothing.
    assert_eq!(pack_text(&dir), PACK);
    // And check still passes: an unpinned expectation is not stale.
    let (status, _, _) = vd_audit_in(dir.path(), &["check"]);
    assert_eq!(status, 0);
}

#[test]
fn accepting_rewrites_only_the_expectations_and_review_then_finds_nothing() {
    let dir = project(PACK, PAPER);
    let (status, stdout, stderr) = vd_audit_in(dir.path(), &["review", "--accept"]);
    assert_eq!(status, 0, "{stdout}{stderr}");
    assert!(
        stdout.contains("2 shown, 2 accepted, 0 pending"),
        "{stdout}"
    );
    let expected = PACK
        .replace(
            "expect discrepancy \"total one digit out\"",
            "expect discrepancy \"4,818\" computed \"£4,808k\" \"total one digit out\"",
        )
        .replace(
            "expect discrepancy \"£1,403.37\" \"digits swapped\"",
            "expect discrepancy \"£1,403.37\" computed \"£1,403.67333333\" \"digits swapped\"",
        );
    // Every other byte, the comments and the stray carriage return included.
    assert_eq!(pack_text(&dir), expected);
    let (status, stdout, _) = vd_audit_in(dir.path(), &["review"]);
    assert_eq!(status, 0, "{stdout}");
    assert!(
        stdout.contains("every expected discrepancy is pinned on both sides"),
        "{stdout}"
    );
    let (status, _, _) = vd_audit_in(dir.path(), &["check"]);
    assert_eq!(status, 0);
}

#[test]
fn a_changed_input_makes_a_pinned_expectation_stale_with_both_values() {
    let dir = project(PACK, PAPER);
    assert_eq!(vd_audit_in(dir.path(), &["review", "--accept"]).0, 0);
    // The next draft changes Premises, an input, not the total it states.
    let draft = PAPER.replace("Premises\t904", "Premises\t940");
    std::fs::write(dir.path().join("paper.txt"), draft).unwrap();
    let (status, stdout, _) =
        vd_audit_in(dir.path(), &["check", "--color", "never", "--width", "300"]);
    assert_eq!(status, 1, "{stdout}");
    assert!(
        stdout.contains("The services add up to the total: the expected discrepancy was computed as `£4,808k`, but the rule now computes `£4,844k`"),
        "{stdout}"
    );
    assert!(stdout.contains("vd::expectation::stale"), "{stdout}");
    // Every format says which side moved, from what to what.
    let (_, json, _) = vd_audit_in(dir.path(), &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let claim = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["title"] == "The services add up to the total")
        .unwrap();
    assert_eq!(claim["outcome"], "fail");
    assert_eq!(
        claim["expectation_moved"],
        serde_json::json!([{"side": "computed", "pinned": "£4,808k", "now": "£4,844k"}])
    );
    for format in ["sarif", "junit", "github", "html"] {
        let (status, out, _) = vd_audit_in(dir.path(), &["check", "--format", format]);
        assert_eq!(status, 1, "{format}");
        // GitHub escapes commas in a title; HTML writes ` as is.
        let out = out.replace("%2C", ",");
        assert!(
            out.contains("was computed as `£4,808k`, but the rule now computes `£4,844k`"),
            "{format}: {out}"
        );
    }
    // Review shows it, and accepting pins the new value.
    let (status, stdout, _) = vd_audit_in(dir.path(), &["review"]);
    assert_eq!(status, 1);
    assert!(
        stdout.contains("the computed value was `£4,808k` and is now `£4,844k`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("+  expect discrepancy \"4,818\" computed \"£4,844k\" \"total one digit out\"   # keep me"),
        "{stdout}"
    );
    assert_eq!(vd_audit_in(dir.path(), &["review", "--accept"]).0, 0);
    assert_eq!(vd_audit_in(dir.path(), &["check"]).0, 0);
}

#[test]
fn a_corrected_figure_is_listed_with_advice_and_never_removed() {
    let dir = project(PACK, PAPER);
    let corrected = PAPER.replace("Total\t4,818", "Total\t4,808");
    std::fs::write(dir.path().join("paper.txt"), corrected).unwrap();
    let (status, stdout, _) = vd_audit_in(dir.path(), &["review", "--accept"]);
    assert_eq!(status, 1, "{stdout}");
    assert!(
        stdout.contains("the claim is no longer a discrepancy (it is now exact): check it, then remove the `expect discrepancy` line"),
        "{stdout}"
    );
    // The other expectation is pinned; this one is left as it was.
    let text = pack_text(&dir);
    assert!(text.contains("  expect discrepancy \"total one digit out\"   # keep me\n"));
    assert!(text.contains("computed \"£1,403.67333333\""));
}

#[test]
fn review_of_a_pack_with_errors_exits_2_as_check_does() {
    let dir = project(
        &PACK.replace(
            "claim \"Band D is Band D\"",
            "claim \"Band D is Band D\" ==",
        ),
        PAPER,
    );
    let (status, _, stderr) = vd_audit_in(dir.path(), &["review", "--accept"]);
    assert_eq!(status, 2, "{stderr}");
    assert_eq!(pack_text(&dir).matches("computed").count(), 0);
}

#[test]
fn review_reads_only_packs_inside_the_project() {
    let outside = tempfile::TempDir::new().unwrap();
    std::fs::write(outside.path().join("x.vd"), PACK).unwrap();
    let dir = project(PACK, PAPER);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.path().join("x.vd"), dir.path().join("rules/x.vd"))
            .unwrap();
        let (status, _, stderr) = vd_audit_in(dir.path(), &["review", "--accept"]);
        assert_eq!(status, 2);
        assert!(stderr.contains("refused to read"), "{stderr}");
        assert_eq!(
            std::fs::read_to_string(outside.path().join("x.vd")).unwrap(),
            PACK
        );
    }
}
