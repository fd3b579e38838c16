//! Whole-table rules on a council tax paper: a band table with yearly and
//! weekly changes, a budget in £'000 and a five-year phasing table
//! (`tests/tables/council-tax-bands.*`). Each `for` yields one claim per row
//! or column, with its own id, verdict and place in every report; a slip in
//! one cell is reported by the one claim that reads it.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const PACK: &str = "council-tax-bands.vd";
const DOCUMENT: &str = "council-tax-bands.txt";

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/tables")
}

/// A project of its own holding the pack and `document` as its document.
fn project(document: &str, pack: &str) -> tempfile::TempDir {
    let dir = common::project_dir().unwrap();
    std::fs::write(dir.path().join(DOCUMENT), document).unwrap();
    std::fs::write(dir.path().join(PACK), pack).unwrap();
    dir
}

fn original() -> (String, String) {
    (
        std::fs::read_to_string(corpus().join(DOCUMENT)).unwrap(),
        std::fs::read_to_string(corpus().join(PACK)).unwrap(),
    )
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("vd-audit")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn audit(dir: &Path) -> (i32, Vec<Value>) {
    let (status, stdout, stderr) = run(dir, &["check", PACK, "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    (status, json["claims"].as_array().unwrap().clone())
}

fn ids(claims: &[Value]) -> Vec<&str> {
    claims.iter().map(|c| c["id"].as_str().unwrap()).collect()
}

#[test]
fn every_row_and_column_is_a_claim_of_its_own() {
    let (document, pack) = original();
    let dir = project(&document, &pack);
    let (status, claims) = audit(dir.path());
    assert_eq!(status, 0);
    assert_eq!(claims.len(), 2 + 8 + 8 + 2 + 1 + 2 + 8 * 2);
    assert!(claims.iter().all(|c| c["status"] == "exact"), "{claims:#?}");
    let ids = ids(&claims);
    for id in [
        "council-tax-bands/band-a-the-yearly-change-is-this-year-s-charge-less-last-year-s",
        "council-tax-bands/band-h-the-weekly-change-is-the-yearly-change-52",
        "council-tax-bands/band-f-is-13-9-of-band-d-2023-24",
        "council-tax-bands/band-f-is-13-9-of-band-d-2024-25",
        "council-tax-bands/the-services-add-up-to-the-net-budget",
        "council-tax-bands/back-office-years-1-to-5-add-up-to-the-total",
        "council-tax-bands/band-h-is-its-ratio-of-band-d-2024-25",
    ] {
        assert!(ids.contains(&id), "{id} in {ids:#?}");
    }
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "ids are unique");
    // Each weekly claim reads the weekly cell of its own band's row.
    let weekly: Vec<(u64, &str)> = claims
        .iter()
        .filter(|c| c["id"].as_str().unwrap().contains("weekly"))
        .map(|c| (c["line"].as_u64().unwrap(), c["stated"].as_str().unwrap()))
        .collect();
    assert_eq!(
        weekly,
        [
            (6, "1.06"),
            (7, "1.23"),
            (8, "1.41"),
            (9, "1.58"),
            (10, "1.94"),
            (11, "2.29"),
            (12, "2.64"),
            (13, "3.17")
        ]
    );
    // The budget's services, in £'000, are the sum's inputs.
    let budget = claims
        .iter()
        .find(|c| c["id"].as_str().unwrap().ends_with("net-budget"))
        .unwrap();
    assert_eq!(
        budget["working"],
        "sum(£1,240k, £310k, £185k, £62k) = £1,797k"
    );
    assert_eq!(budget["inputs"].as_array().unwrap().len(), 4);
}

#[test]
fn a_slipped_cell_is_reported_by_the_one_claim_that_reads_it() {
    let (document, pack) = original();
    // Band F's weekly change with its digits swapped.
    let slipped = document.replace("118.94\t2.29\n", "118.94\t2.92\n");
    assert_ne!(slipped, document);
    let dir = project(&slipped, &pack);
    let (status, claims) = audit(dir.path());
    assert_eq!(status, 1);
    let failing: Vec<&str> = claims
        .iter()
        .filter(|c| c["outcome"] != "pass")
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        failing,
        ["council-tax-bands/band-f-the-weekly-change-is-the-yearly-change-52"]
    );
    let (_, human, _) = run(dir.path(), &["check", PACK]);
    assert!(
        human.contains("× Band F: the weekly change is the yearly change / 52"),
        "{human}"
    );
    assert!(human.contains("stated: 2.92"), "{human}");

    // Pinned for that row, the audit passes, and the others stay unexpected.
    let pinned = pack.replace(
        "round(bands.cell(row, yearly) / 52, 2)\n",
        "round(bands.cell(row, yearly) / 52, 2)\n    expect discrepancy for \"Band F\" \"2.92\" \"digits swapped: 118.94 / 52 is 2.29\"\n",
    );
    assert_ne!(pinned, pack);
    let dir = project(&slipped, &pinned);
    let (status, claims) = audit(dir.path());
    assert_eq!(status, 0);
    let expected: Vec<&str> = claims
        .iter()
        .filter(|c| c["expected"] == true)
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        expected,
        ["council-tax-bands/band-f-the-weekly-change-is-the-yearly-change-52"]
    );
    // When the next draft corrects the figure, the expectation is stale.
    let dir = project(&document, &pinned);
    let (status, claims) = audit(dir.path());
    assert_eq!(status, 1);
    assert_eq!(claims.iter().filter(|c| c["outcome"] == "fail").count(), 1);
}

#[test]
fn a_slip_in_a_budget_line_or_a_band_charge_is_caught() {
    let (document, pack) = original();
    for (from, to, caught_by) in [
        (
            "Premises\t310\n",
            "Premises\t301\n",
            vec!["council-tax-bands/the-services-add-up-to-the-net-budget"],
        ),
        (
            "Front office\t120\t140",
            "Front office\t120\t104",
            vec!["council-tax-bands/front-office-years-1-to-5-add-up-to-the-total"],
        ),
        (
            "Band F\t13/9\t2,383.33",
            "Band F\t13/9\t2,833.33",
            vec![
                "council-tax-bands/band-f-the-yearly-change-is-this-year-s-charge-less-last-year-s",
                "council-tax-bands/band-f-is-13-9-of-band-d-2023-24",
                "council-tax-bands/band-f-is-its-ratio-of-band-d-2023-24",
            ],
        ),
    ] {
        let slipped = document.replace(from, to);
        assert_ne!(slipped, document, "{from}");
        let dir = project(&slipped, &pack);
        let (status, claims) = audit(dir.path());
        assert_eq!(status, 1, "{from}");
        let failing: Vec<&str> = claims
            .iter()
            .filter(|c| c["outcome"] != "pass")
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        assert_eq!(failing, caught_by, "{from}");
    }
}

#[test]
fn every_slip_in_the_tables_is_caught() {
    let dir = corpus();
    let (status, stdout, stderr) =
        run(&dir, &["coverage", "--mutations", PACK, "--format", "json"]);
    assert_eq!(status, 0, "{stderr}");
    let json: Value = serde_json::from_str(&stdout).unwrap();
    let document = &json["documents"][0];
    let mutations = &document["mutations"];
    assert_eq!(mutations["tried"], mutations["caught"], "{json:#}");
    assert_eq!(document["read"], document["arithmetic"], "{json:#}");
    assert!(mutations["tried"].as_u64().unwrap() >= 45, "{json:#}");
}

#[test]
fn a_table_rule_that_cannot_be_expanded_stops_the_audit() {
    let (document, pack) = original();
    let broken = pack.replace(
        r#"bands.rows("Band A" to "Band H")"#,
        r#"bands.rows("Band H" to "Band A")"#,
    );
    let dir = project(&document, &broken);
    let (status, stdout, _) = run(dir.path(), &["check", PACK]);
    assert_eq!(status, 2);
    assert!(stdout.contains("vd::rule::table_rule"), "{stdout}");
    assert!(
        stdout.contains("this range of rows runs backwards: \"Band A\" comes before \"Band H\""),
        "{stdout}"
    );
    // Neither `for` yields a claim; the others are still checked.
    assert!(
        stdout.contains("23 claims: 23 exact, 0 within rounding, 0 approximate, 0 discrepancies (0 expected), 2 errors"),
        "{stdout}"
    );
    let (status, stdout, stderr) = run(dir.path(), &["check", PACK, "--format", "sarif"]);
    assert_eq!(status, 2);
    assert!(stderr.contains("2 errors stopped the audit"), "{stderr}");
    assert!(
        stdout.contains("\"ruleId\": \"vd::rule::table_rule\""),
        "{stdout}"
    );
}

#[test]
fn explain_shows_each_figure_of_a_list_by_its_cell() {
    let dir = corpus();
    let (status, stdout, _) = run(
        &dir,
        &[
            "explain",
            "council-tax-bands/the-services-add-up-to-the-net-budget",
            PACK,
        ],
    );
    assert_eq!(status, 0);
    for line in [
        "├─ cell(\"Staff\", \"£'000\") = £1,240,000",
        "└─ cell(\"Transport\", \"£'000\") = £62,000",
    ] {
        assert!(stdout.contains(line), "missing `{line}` in\n{stdout}");
    }
}

/// How long `vd-audit check PACK` takes in `dir`, with its exit status.
fn timed(dir: &Path) -> (std::time::Duration, i32) {
    let start = std::time::Instant::now();
    let (status, _, _) = run(dir, &["check", PACK]);
    (start.elapsed(), status)
}

#[test]
fn a_whole_table_rule_over_a_long_table_costs_what_its_claims_do() {
    // 20,000 rows; a `for` over 2,500 of them against the same 2,500
    // claims written out. Choosing the rows, and finding each row's cells,
    // must not read the whole table for every row.
    let mut document = String::from("Long table\n\nItem\tAmount £\tDouble £\n");
    for i in 0..20_000 {
        document.push_str(&format!("Row {i}\t{i}\t{}\n", 2 * i));
    }
    let head = "document d = \"council-tax-bands.txt\"\nlet t = d.table(\"Row 1\")\n";
    let looped = format!(
        "{head}for row in t.rows(\"Row 0\" to \"Row 2499\")\n  claim \"{{row}} doubles\" t.cell(row, \"Double £\") == 2 * t.cell(row, \"Amount £\")\n"
    );
    let mut written = head.to_string();
    for i in 0..2_500 {
        written.push_str(&format!(
            "claim \"Row {i} doubles\" t.cell(\"Row {i}\", \"Double £\") == 2 * t.cell(\"Row {i}\", \"Amount £\")\n"
        ));
    }
    let plain_dir = project(&document, &written);
    let loop_dir = project(&document, &looped);
    let (plain, status) = timed(plain_dir.path());
    assert_eq!(status, 0);
    let (hostile, status) = timed(loop_dir.path());
    assert_eq!(status, 0);
    let allowed = plain * 3 + std::time::Duration::from_secs(1);
    assert!(hostile <= allowed, "{hostile:?} against {plain:?}");

    // Past the claim limit, the `for` stops with an error, not a long wait.
    let all = format!(
        "{head}for row in t.rows()\n  claim \"{{row}} doubles\" t.cell(row, \"Double £\") == 2 * t.cell(row, \"Amount £\")\n"
    );
    let dir = project(&document, &all);
    let (status, stdout, _) = run(dir.path(), &["check", PACK]);
    assert_eq!(status, 2);
    assert!(
        stdout.contains("a pack may state at most 10000 claims, and this `for` makes more"),
        "{}",
        &stdout[stdout.len().saturating_sub(2000)..]
    );
}
