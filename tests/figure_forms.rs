//! The figure forms of council papers (issue 12, items 1 and 2): pence
//! beside pounds, money in number words, units glued to the digits, and
//! cells holding several figures. `tests/figures/` holds a small paper and
//! its pack; each test runs `vd-audit check` on it, or on a copy with one
//! figure changed as a new draft would change it.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const PACK: &str = "tests/figures/council-tax-2024.vd";
const DOCUMENT: &str = "tests/figures/council-tax-2024.txt";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// vd-audit run from `dir`, which is then its project root.
fn vd_audit_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("vd-audit")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().expect("vd-audit was killed"),
        format!(
            "{}{}",
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap()
        ),
    )
}

/// The paper and its pack copied to a temporary project, the paper with
/// `from` replaced by `to` and the pack with `rule_from` by `rule_to`.
fn edited(from: &str, to: &str, rule_from: &str, rule_to: &str) -> (i32, String) {
    let dir = common::project_dir().unwrap();
    let text = std::fs::read_to_string(root().join(DOCUMENT)).unwrap();
    assert!(text.contains(from), "{from:?} is not in the paper");
    let pack = std::fs::read_to_string(root().join(PACK)).unwrap();
    assert!(pack.contains(rule_from), "{rule_from:?} is not in the pack");
    std::fs::write(
        dir.path().join("council-tax-2024.txt"),
        text.replacen(from, to, 1),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("pack.vd"),
        pack.replacen(rule_from, rule_to, 1),
    )
    .unwrap();
    vd_audit_in(dir.path(), &["check", "pack.vd", "--width", "200"])
}

#[test]
fn the_paper_adds_up_in_pence_splits_and_tonnes() {
    let (status, output) = vd_audit_in(&root(), &["check", PACK, "--format", "json"]);
    assert_eq!(status, 0, "{output}");
    let json: serde_json::Value = serde_json::from_str(&output).unwrap();
    let claims = json["claims"].as_array().unwrap();
    let working: Vec<(String, String, String)> = claims
        .iter()
        .map(|c| {
            (
                c["status"].as_str().unwrap_or("error").to_string(),
                c["stated"].as_str().unwrap_or("").to_string(),
                c["working"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let expected = [
        ("exact", "92p", "£48.00 / 52 = 92.31p → 92p"),
        ("exact", "£1.38", "£72.00 / 52 = £1.3846 → £1.38"),
        ("exact", "£48.00", "£1,008.00 - £960.00 = £48 → £48.00"),
        ("exact", "£1.38", "92p + 46p = £1.38"),
        ("exact", "92p", "92p"),
        ("exact", "four pence", "£2.08 / 52 = 4 pence"),
        ("exact", "£117,000", "65% of £180,000 = £117,000"),
        ("exact", "35%", "100% - 65% = 35%"),
        ("exact", "£60,152", "£41,250 + £18,902 = £60,152"),
        ("exact", "40", "100 - 60 = 40"),
        ("exact", "404kg", "0.404kg * 1000 = 404kg"),
        ("exact", "1.3", "0.2t + 1.1 = 1.3"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(v, s, w)| (v.to_string(), s.to_string(), w.to_string()))
        .collect();
    assert_eq!(working, expected, "{output}");
}

#[test]
fn a_slip_in_pence_is_caught() {
    let (status, output) = edited("| 92p |", "| 93p |", "", "");
    assert_eq!(status, 1, "{output}");
    assert!(output.contains("stated: 93p"), "{output}");
    assert!(
        output.contains("computed: £48.00 / 52 = 92.31p → 92p"),
        "{output}"
    );
}

#[test]
fn a_slip_in_a_money_word_is_caught() {
    let (status, output) = edited("of four pence a week", "of five pence a week", "", "");
    assert_eq!(status, 1, "{output}");
    assert!(output.contains("stated: five pence"), "{output}");
}

#[test]
fn a_slip_in_the_second_half_of_a_split_is_caught() {
    let (status, output) = edited("| 65%/35% |", "| 65%/36% |", "", "");
    assert_eq!(status, 1, "{output}");
    assert!(output.contains("stated: 36%"), "{output}");
    let (status, output) = edited("South – £18,902", "South – £18,092", "", "");
    assert_eq!(status, 1, "{output}");
    assert!(
        output.contains("computed: £41,250 + £18,092 = £59,342"),
        "{output}"
    );
    let (status, output) = edited("a split of 60/40", "a split of 60/45", "", "");
    assert_eq!(status, 1, "{output}");
}

#[test]
fn a_slip_in_a_glued_unit_is_caught() {
    let (status, output) = edited("emit 404kg", "emit 440kg", "", "");
    assert_eq!(status, 1, "{output}");
    assert!(output.contains("stated: 440kg"), "{output}");
}

#[test]
fn a_cell_of_several_figures_read_as_one_is_an_error_listing_them() {
    let (status, output) = edited(
        "",
        "",
        r#"shared.cell("Parks", "Split", 2) =="#,
        r#"shared.cell("Parks", "Split") =="#,
    );
    assert_eq!(status, 2, "{output}");
    assert!(output.contains("vd::anchor::several"), "{output}");
    assert!(
        output.contains(r#"the cell "65%/35%" holds 2 figures: say which one"#),
        "{output}"
    );
    assert!(
        output.contains(r#"2: 35%: cell("Parks", "Split", 2)"#),
        "{output}"
    );
    let (status, output) = edited(
        "",
        "",
        r#"shared.cell("Waste", "Split", "South")"#,
        r#"shared.cell("Waste", "Split", "West")"#,
    );
    assert_eq!(status, 2, "{output}");
    assert!(output.contains(r#"follows the label "West""#), "{output}");
    assert!(
        output.contains(r#"2: £18,902 after "South": cell("Waste", "Split", 2) or cell("Waste", "Split", "South")"#),
        "{output}"
    );
    let (status, output) = edited(
        "",
        "",
        r#"shared.cell("Parks", "Split", 2) =="#,
        r#"shared.cell("Parks", "Split", 3) =="#,
    );
    assert_eq!(status, 2, "{output}");
    assert!(output.contains("so it has no figure 3"), "{output}");
}

#[test]
fn a_one_figure_cell_and_a_range_cell_read_as_before() {
    let (status, output) = edited(
        "| Waste | North – £41,250; South – £18,902 | £60,152 |",
        "| Waste | North – £41,250; South – £18,902 | £60,152 |\n| Fleet | £20-66m | £1m |",
        r#"claim "The parks split adds up to 100%""#,
        "claim \"A range cell is one figure\"\n  low(shared.cell(\"Fleet\", \"Split\")) == 20 * shared.cell(\"Fleet\", 3)\n\nclaim \"The parks split adds up to 100%\"",
    );
    assert_eq!(status, 0, "{output}");
    assert!(output.contains("13 claims: 13 exact"), "{output}");
}

#[test]
fn the_html_report_gives_pence_in_pounds() {
    let (status, output) = vd_audit_in(&root(), &["check", PACK, "--format", "html"]);
    assert_eq!(status, 0);
    // The inputs panel: 92p and 46p read, as pounds.
    for value in ["£0.92", "£0.46", "£0.04"] {
        assert!(output.contains(value), "{value}");
    }
    assert!(!output.contains("£0 "), "a figure in pence shown as £0");
}
