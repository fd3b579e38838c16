//! `vd-audit check` as a user runs it: exit statuses, the bundled Phase 4
//! audit (human and JSON snapshots), and edits to the document that must be
//! caught.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const PACK: &str = "rules/derbyshire-dales-phase4.vd";
const DOCUMENT: &str = "documents/derbyshire-dales-phase4-2021-07-08.txt";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// vd-audit run from the repository root, with fixed-width, colourless output.
fn vd_audit(args: &[&str]) -> (i32, String, String) {
    vd_audit_in(&root(), args)
}

/// vd-audit run from `dir`, which is then its project root.
fn vd_audit_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("vd-audit")
        .unwrap()
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().expect("vd-audit was killed"),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn the_bundled_audit_passes_with_its_expected_discrepancy() {
    let (status, stdout, _) = vd_audit(&["check", "--color", "never"]);
    assert_eq!(status, 0, "{stdout}");
    assert!(stdout.contains("Six councils share the district 60% equally (expected discrepancy)"));
    assert!(stdout.contains("stated: 43,635"));
    assert!(stdout.contains("computed: 261,749 / 6 = 43,624.83 → 43,625"));
}

#[test]
fn phase4_report_human() {
    let (status, stdout, _) = vd_audit(&["check", PACK, "--color", "never", "--width", "100"]);
    assert_eq!(status, 0);
    insta::assert_snapshot!(stdout);
}

#[test]
fn phase4_report_json() {
    let (status, stdout, _) = vd_audit(&["check", PACK, "--format", "json"]);
    assert_eq!(status, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    insta::assert_json_snapshot!(json);
}

#[test]
fn no_color_is_respected_when_colour_is_automatic() {
    let output = Command::cargo_bin("vd-audit")
        .unwrap()
        .current_dir(root())
        .env("NO_COLOR", "1")
        .args(["check", PACK])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&output.stdout).contains('\u{1b}'));
    let forced = vd_audit(&["check", PACK, "--color", "always"]).1;
    assert!(
        forced.contains('\u{1b}'),
        "--color always should colour the output"
    );
}

/// Writes `text` to a temporary copy of the Phase 4 document.
fn draft(dir: &Path, text: &str) -> String {
    let path = dir.join("draft.txt");
    std::fs::write(&path, text).unwrap();
    format!("dales={}", path.display())
}

/// The figures of the section 7.1 cost table, with their byte offsets.
fn cost_table_figures(text: &str) -> Vec<(usize, usize, String)> {
    let start = text.find("Programme Team\t£296,248").unwrap();
    let end = text[start..].find("7.2 ").unwrap() + start;
    let figures = vd_audit::figures::recognise(text).figures;
    figures
        .into_iter()
        .filter(|f| f.span.start >= start && f.span.end <= end)
        // Grade numbers are words of the row labels, not figures of the table.
        .filter(|f| !text[..f.span.start].ends_with("Grade "))
        .map(|f| (f.digits.start, f.digits.end, f.printed))
        .collect()
}

#[test]
fn changing_any_figure_of_the_cost_table_fails_the_claims_it_breaks() {
    let original = std::fs::read_to_string(root().join(DOCUMENT)).unwrap();
    let figures = cost_table_figures(&original);
    assert!(
        figures.len() >= 15,
        "the cost table has {} figures",
        figures.len()
    );
    let dir = common::project_dir().unwrap();
    for (start, end, printed) in figures {
        // Change the leading digit, as a typing slip would. (A slip in the
        // last digit of a figure summed with others can be within rounding:
        // that verdict is tested in `the_verdicts_of_the_design`.)
        let digits = &original[start..end];
        let first = digits.chars().next().unwrap().to_digit(10).unwrap();
        let changed = format!("{}{}", first % 9 + 1, &digits[1..]);
        let text = format!("{}{}{}", &original[..start], changed, &original[end..]);
        let document = draft(dir.path(), &text);
        let (status, stdout, stderr) =
            vd_audit(&["check", PACK, "--document", &document, "--format", "json"]);
        assert_eq!(
            status, 1,
            "changing {printed} to {changed} was not caught: {stderr}"
        );
        let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let line = text[..start].matches('\n').count() + 1;
        let failing: Vec<&serde_json::Value> = json["claims"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["outcome"] == "fail")
            .collect();
        assert!(!failing.is_empty());
        for claim in &failing {
            let reads_it = claim["line"] == line
                || claim["inputs"].as_array().unwrap().iter().any(|i| {
                    i["line"] == line && i["printed"].as_str().unwrap().contains(&changed)
                });
            let is_the_figure = claim["stated"]
                .as_str()
                .is_some_and(|s| s.contains(&changed));
            assert!(
                reads_it || is_the_figure || claim["status"] == "discrepancy",
                "{claim}"
            );
        }
        // The human report points at the document line of each broken claim.
        let (_, human, _) = vd_audit(&["check", PACK, "--document", &document, "--color", "never"]);
        for claim in failing {
            assert!(human.contains(claim["title"].as_str().unwrap()), "{human}");
        }
    }
}

#[test]
fn fixing_the_known_mistake_makes_the_expectation_stale() {
    let original = std::fs::read_to_string(root().join(DOCUMENT)).unwrap();
    let fixed = original.replace(
        "(43,635 per council if six councils)",
        "(43,625 per council if six councils)",
    );
    let dir = common::project_dir().unwrap();
    let document = draft(dir.path(), &fixed);
    let (status, stdout, _) = vd_audit(&[
        "check",
        PACK,
        "--document",
        &document,
        "--color",
        "never",
        "--width",
        "200",
    ]);
    assert_eq!(status, 1);
    assert!(
        stdout.contains("a discrepancy was expected, but the claim is now exact"),
        "{stdout}"
    );
}

/// Checks `claims` against `document`, both written to a temporary
/// directory (as `doc.txt`, declared as `d`) and checked from there, so that
/// the report names them by relative paths and can be snapshotted.
fn check_claims(claims: &str, document: &str) -> (i32, String) {
    let dir = common::project_dir().unwrap();
    std::fs::write(dir.path().join("doc.txt"), document).unwrap();
    std::fs::write(
        dir.path().join("pack.vd"),
        format!("document d = \"doc.txt\"\n{claims}"),
    )
    .unwrap();
    let (status, stdout, _) = vd_audit_in(dir.path(), &["check", "pack.vd", "--color", "never"]);
    (status, stdout)
}

#[test]
fn a_pinned_expectation_goes_stale_when_the_figure_changes() {
    // Another slip in the same figure is not hidden by the expectation.
    let original = std::fs::read_to_string(root().join(DOCUMENT)).unwrap();
    let slipped = original.replace("(43,635 per council", "(34,635 per council");
    let dir = common::project_dir().unwrap();
    let document = draft(dir.path(), &slipped);
    let (status, stdout, _) = vd_audit(&[
        "check",
        PACK,
        "--document",
        &document,
        "--color",
        "never",
        "--width",
        "200",
    ]);
    assert_eq!(status, 1);
    assert!(
        stdout.contains(
            "the expected discrepancy was about `43,635`, but the document now prints `34,635`"
        ),
        "{stdout}"
    );
}

#[test]
fn a_syntax_error_exits_2_with_a_span() {
    let (status, stdout) = check_claims("claim \"t\" d \"Total {}\" = 5\n", "Total 5\n");
    assert_eq!(status, 2);
    insta::assert_snapshot!(stdout);
}

/// A council tax paper whose pack has two syntax errors and a `let` with
/// one, among good claims; Band C has two digits swapped (£1,871.56).
const BAND_PAPER: &str = "Council tax 2024/25\n\
Band D: £2,105.51, of which the county precept £1,512.72 and the adult social care precept 2%.\n\
Band A: £1,403.67\n\
Band C: £1,817.56\n";

const BAND_PACK: &str = r#"let band_d = d "Band D: £{}"
claim "Band A is 6/9 of Band D"
  d "Band A: £{}" = 6 / 9 * band_d
let county = d "county precept £{}" +
claim "Band C is 8/9 of Band D"
  d "Band C: £{}" == 8 / 9 * band_d
claim "The county precept is most of Band D"
  d "county precept £{}" < band_d * county
claim "The social care precept is 2%" d "social care precept {}" == 2% within
claim "Band D is 3/2 of Band A"
  d "Band D: £{}" == 3 * d "Band A: £{}" / 2
"#;

#[test]
fn every_syntax_error_is_reported_and_the_claims_that_parse_are_checked() {
    let (status, stdout) = check_claims(BAND_PACK, BAND_PAPER);
    assert_eq!(status, 2);
    insta::assert_snapshot!(stdout);
}

#[test]
fn every_format_lists_each_syntax_error_with_its_place() {
    let dir = common::project_dir().unwrap();
    std::fs::write(dir.path().join("doc.txt"), BAND_PAPER).unwrap();
    std::fs::write(
        dir.path().join("pack.vd"),
        format!("document d = \"doc.txt\"\n{BAND_PACK}"),
    )
    .unwrap();
    // The errors are on lines 4, 6 and 11 of pack.vd (the last two where a
    // statement left unfinished meets the next); the claims on lines 6, 8
    // and 11 parse and are checked.
    for format in ["json", "sarif", "junit", "github", "html"] {
        let (status, stdout, _) =
            vd_audit_in(dir.path(), &["check", "pack.vd", "--format", format]);
        assert_eq!(status, 2, "{format}");
        if format == "html" {
            // The page lists errors in the rules by place, without codes.
            for place in ["pack.vd:4:19", "pack.vd:6:1", "pack.vd:11:1"] {
                assert!(stdout.contains(place), "{place} in\n{stdout}");
            }
        } else {
            let syntax = stdout.matches("vd::parse::syntax").count();
            assert!(syntax >= 3, "{format}: {syntax} syntax errors in\n{stdout}");
        }
        // Every format reports the discrepancy among the claims that parse.
        assert!(
            stdout.contains("Band C is 8/9 of Band D"),
            "{format}: {stdout}"
        );
    }
    let (_, json, _) = vd_audit_in(dir.path(), &["check", "pack.vd", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let lines: Vec<u64> = json["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["code"] == "vd::parse::syntax")
        .map(|p| p["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [4, 6, 11]);
    // The claim whose statement has the error is absent; the others are
    // judged, and the one using the broken `let` says so.
    let claims: Vec<(&str, &str)> = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["title"].as_str().unwrap(), c["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        claims,
        [
            ("Band C is 8/9 of Band D", "discrepancy"),
            ("The county precept is most of Band D", "error"),
            ("Band D is 3/2 of Band A", "exact"),
        ]
    );
    let (_, github, _) = vd_audit_in(dir.path(), &["check", "pack.vd", "--format", "github"]);
    for line in [4, 6, 11] {
        assert!(
            github.contains(&format!("file=pack.vd,line={line},")),
            "{github}"
        );
    }
}

#[test]
fn an_anchor_that_matches_nowhere_exits_2_with_candidates() {
    let (status, stdout) = check_claims(
        "claim \"t\" d \"Totl cost £{}\" == 5\n",
        "Intro\nThe total cost £5 is final.\nOther cost £7.\n",
    );
    assert_eq!(status, 2);
    assert!(
        stdout.contains("this anchor matches nowhere in `d`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("line 2: “The total cost £5 is final.”"),
        "{stdout}"
    );
}

#[test]
fn an_ambiguous_anchor_exits_2_listing_the_matches() {
    let (status, stdout) = check_claims("claim \"t\" d \"cost £{}\" == 5\n", "cost £5\ncost £7\n");
    assert_eq!(status, 2);
    assert!(
        stdout.contains("this anchor matches 2 places in `d`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("line 1:") && stdout.contains("line 2:"),
        "{stdout}"
    );
}

#[test]
fn an_unexpected_discrepancy_exits_1() {
    let (status, stdout) = check_claims(
        "claim \"t\" d \"Total {}\" == d \"a {}\" + d \"b {}\"\n",
        "a 2, b 2. Total 7\n",
    );
    assert_eq!(status, 1, "{stdout}");
    assert!(stdout.contains("computed: 2 + 2 = 4"), "{stdout}");
}

#[test]
fn division_by_zero_and_unit_errors_exit_2() {
    let (status, stdout) = check_claims(
        "claim \"t\" d \"Total {}\" == d \"a {}\" / 0\n",
        "a 2. Total 5\n",
    );
    assert_eq!(status, 2);
    assert!(stdout.contains("division by zero"), "{stdout}");
    let (status, stdout) = check_claims(
        "claim \"t\" d \"Total £{}\" == d \"a £{}\" + 5%\n",
        "a £2. Total £5\n",
    );
    assert_eq!(status, 2);
    assert!(
        stdout.contains("cannot add pounds (£) and a percentage"),
        "{stdout}"
    );
}

#[test]
fn a_malformed_figure_is_reported_never_read() {
    let (status, stdout) = check_claims("claim \"t\" d \"Spend {}\" == 1\n", "Spend 1,103,5000\n");
    assert_eq!(status, 2, "{stdout}");
    assert!(
        stdout.contains("`1,103,5000` is not a well-formed figure"),
        "{stdout}"
    );
    assert!(
        stdout.contains("the anchored figure `1,103,5000` cannot be read"),
        "{stdout}"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(vd_audit(&["check", "--format", "yaml"]).0, 2);
    assert_eq!(vd_audit(&["check", "no/such/pack.vd"]).0, 2);
    assert_eq!(
        vd_audit(&["check", PACK, "--document", "nosuch=x.txt"]).0,
        2
    );
    assert_eq!(vd_audit(&["frobnicate"]).0, 2);
}

#[test]
fn adding_pounds_to_fte_exits_2_pointing_at_the_operator() {
    let (status, stdout) = check_claims(
        "claim \"t\" d \"saves £{}\" == d \"cost £{} and\" + d \"and {} FTE\"\n",
        "The change saves £40,000: it cost £30,000 and 12 FTE.\n",
    );
    assert_eq!(status, 2, "{stdout}");
    insta::assert_snapshot!(stdout);
}

#[test]
fn the_readme_shows_what_the_example_prints() {
    let (status, stdout, _) = vd_audit(&["check", "examples/six-councils.vd", "--color", "never"]);
    assert_eq!(status, 1);
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        readme.contains(stdout.trim_end()),
        "README.md's report is out of date; it should read:\n{stdout}"
    );
}

#[test]
fn a_failing_ordering_says_which_bound_it_breaks() {
    // A precept rise capped at 2.99% that the paper prints as 3.1%.
    let (status, stdout) = check_claims(
        "claim \"Within the referendum limit\"\n  d \"rises by {}\" <= d \"limit of {}\"\n",
        "The precept rises by 3.1%, against the referendum limit of 2.99%.\n",
    );
    assert_eq!(status, 1, "{stdout}");
    assert!(!stdout.contains("help: \n"), "no empty help: {stdout}");
    assert!(
        stdout.contains("the stated figure should be at most 2.99%, even allowing for rounding"),
        "{stdout}"
    );
}

#[test]
fn every_comparison_that_fails_or_is_within_rounding_has_a_help_line_with_words() {
    // A precept rise against the referendum limit, in each ordering and
    // as an equality; then a rise printed as 3%, which may be 2.5%.
    let document = "The county precept goes up by 3.1%, against the referendum limit of 2.99%. The parish precept rises by 3%.\n";
    let cases = [
        ("d \"goes up by {}\" <= d \"limit of {}\"", 1, "should be at most 2.99%"),
        ("d \"goes up by {}\" < d \"limit of {}\"", 1, "should be below 2.99%"),
        ("d \"limit of {}\" > d \"goes up by {}\"", 1, "should be above 3.1%"),
        ("d \"limit of {}\" >= d \"goes up by {}\"", 1, "should be at least 3.1%"),
        ("d \"goes up by {}\" == d \"limit of {}\"", 1, "differs by 0.1 percentage points"),
        (
            "d \"goes up by {}\" ~= d \"limit of {}\" within 0.05 pp",
            1,
            "differs by 0.1 percentage points",
        ),
        (
            "d \"parish precept rises by {}\" <= d \"limit of {}\"",
            0,
            "explained by the rounding",
        ),
        // 2.99% is at least 3% only if the parish's 3% is really under
        // 2.995%: the note names it.
        (
            "d \"limit of {}\" >= d \"parish precept rises by {}\"",
            0,
            "within rounding only because “3%” (line 1) stands for 2.5%–3.5%: taken as exactly 3%, the computed value is 3.00% and the stated 2.99% would be a discrepancy of 0.01 percentage points",
        ),
    ];
    for (claim, exit, help) in cases {
        let (status, stdout) = check_claims(&format!("claim \"Limit\"\n  {claim}\n"), document);
        assert_eq!(status, exit, "{claim}: {stdout}");
        let helps: Vec<&str> = stdout
            .lines()
            .filter(|l| l.trim_start().starts_with("help:"))
            .collect();
        assert_eq!(helps.len(), 1, "{claim}: {stdout}");
        assert!(
            helps.iter().all(|h| h.trim_start().len() > "help:".len()),
            "{claim}: an empty help line: {stdout}"
        );
        let flat = stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(help), "{claim}: {stdout}");
    }
}
