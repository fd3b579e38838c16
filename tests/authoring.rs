//! What a pack author and a committee read beside `check`: `scan` (what
//! vd-audit sees in a document), `explain` (one claim's derivation) and the
//! HTML report written with `--output`.

mod common;

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

const PACK: &str = "rules/derbyshire-dales-phase4.vd";
const DOCUMENT: &str = "documents/derbyshire-dales-phase4-2021-07-08.txt";
const SIX: &str = "derbyshire-dales-phase4/six-councils-share-the-district-60-equally";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn vd_audit(args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("vd-audit")
        .unwrap()
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn json(args: &[&str]) -> Value {
    let (status, stdout, stderr) = vd_audit(args);
    assert_eq!(status, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

#[test]
fn explain_shows_every_input_with_its_interval_and_place() {
    let (status, stdout, _) = vd_audit(&["explain", SIX, PACK]);
    assert_eq!(status, 0);
    for line in [
        "computed: 261,749 / 6 = £43,624.833333 in [",
        "read “261,749” at documents/derbyshire-dales-phase4-2021-07-08.txt:190:101: 261749 pounds, scale one, 0 decimal place(s), stands for [261748.5, 261749.5]",
        "rounding: 43624.833333… rounded half-up to the nearest 1, as the stated figure is printed: 43625",
        "comparison: stated 43635 == computed 43625",
        "verdict: discrepancy (stated minus computed: 10)",
        "expected by the pack: 43,635 should be 43,625",
    ] {
        assert!(stdout.contains(line), "missing `{line}` in\n{stdout}");
    }
}

#[test]
fn explain_finds_a_claim_by_title_and_gives_json() {
    let by_title = json(&[
        "explain",
        "Six councils share the district 60% equally",
        "--format",
        "json",
    ]);
    assert_eq!(by_title["id"], SIX);
    assert_eq!(by_title["verdict"], "discrepancy");
    let districts = &by_title["computed"]["inputs"][0];
    assert_eq!(districts["rule"], "districts");
    assert_eq!(
        districts["interval"],
        serde_json::json!(["261748.5", "261749.5"])
    );
    let figure = &districts["inputs"][0]["figure"];
    assert_eq!(figure["printed"], "261,749");
    assert_eq!(figure["line"], 190);
    assert_eq!(figure["unit"], "pounds");
}

#[test]
fn explain_works_for_every_bundled_claim() {
    let report = json(&["check", "--format", "json"]);
    let claims = report["claims"].as_array().unwrap();
    // The first claim of every pack, and one in seven.
    let mut last_pack = None;
    for (index, claim) in claims.iter().enumerate() {
        let first = last_pack != Some(&claim["rule"]);
        last_pack = Some(&claim["rule"]);
        if !first && index % 7 != 0 {
            continue;
        }
        let id = claim["id"].as_str().unwrap();
        let pack = claim["rule"].as_str().unwrap();
        let explained = json(&["explain", id, pack, "--format", "json"]);
        assert_eq!(explained["verdict"], claim["status"], "{id}");
        assert_eq!(explained["working"], claim["working"], "{id}");
    }
}

#[test]
fn an_unknown_claim_exits_2_with_the_nearest() {
    let (status, stdout, stderr) = vd_audit(&["explain", "six councils share", PACK]);
    assert_eq!(status, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("no claim has the id or title `six councils share`"));
    let nearest = stderr.split("nearest claims are:").nth(1).unwrap();
    assert!(nearest.trim_start().starts_with(SIX), "{stderr}");
}

#[test]
fn scan_lists_figures_with_the_claims_that_read_them() {
    let scan = json(&["scan", DOCUMENT, "--format", "json"]);
    let figures = scan["figures"].as_array().unwrap();
    let six = figures
        .iter()
        .find(|f| f["line"] == 190 && f["column"] == 188)
        .unwrap();
    assert_eq!(six["printed"], "43,635");
    assert_eq!(six["unit"], "pounds");
    assert_eq!(six["interval"], serde_json::json!(["43634.5", "43635.5"]));
    assert_eq!(six["kind"], "arithmetic");
    assert!(six["read_by"].as_array().unwrap().contains(&SIX.into()));
    let packs = scan["packs"].as_array().unwrap();
    assert!(packs.contains(&PACK.into()), "{packs:?}");
}

#[test]
fn scan_lists_tables_as_cell_addresses_them() {
    let scan = json(&[
        "scan",
        "documents/bolsover-members-pack-2020-09.txt",
        "--format",
        "json",
    ]);
    let tables = scan["tables"].as_array().unwrap();
    let phasing = tables
        .iter()
        .find(|t| {
            t["columns"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["label"] == "Year 1 (£m) / Low")
        })
        .unwrap();
    let column = phasing["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["label"] == "Year 1 (£m) / Low")
        .unwrap();
    assert_eq!(column["unit"], "pounds");
    assert_eq!(column["scale"], "million");
    let rows = phasing["rows"].as_array().unwrap();
    assert!(rows.iter().any(|r| r["labels"][0] == "Front office"));
    assert!(phasing["find_with"].is_string());
}

#[test]
fn scan_names_a_headerless_label_column_as_the_row_labels() {
    // A label column without a header is not a column of figures to
    // address by number; a figure column without one is.
    let dir = common::project_dir().unwrap();
    let path = dir.path().join("portfolio.txt");
    std::fs::write(
        &path,
        "\
Budget by portfolio

                      2024/25     2025/26
                        £'000       £'000
Adult social care      41,200      43,950
Children's services    28,400      29,100
Total                  69,600      73,050

| Net income (£'000) | 1,250 |
| Net spend (£'000)  | 9,400 |
",
    )
    .unwrap();
    let (status, stdout, stderr) = vd_audit(&["scan", path.to_str().unwrap()]);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(
        stdout
            .matches("column 1: the row labels, no header")
            .count(),
        2,
        "{stdout}"
    );
    assert!(
        stdout.contains("column 2: no header: address it by number, cell(row, 2)"),
        "{stdout}"
    );
    assert!(!stdout.contains("cell(row, 1)"), "{stdout}");
}

#[test]
fn scan_marks_the_blocks_check_auto_does_not_read() {
    // The Phase 4 paper's cost table holds a cost with its on-costs in each
    // cell, which no rule reads alone: scan says so, as check --auto does.
    let (status, stdout, stderr) = vd_audit(&["scan", DOCUMENT]);
    assert_eq!(status, 0, "{stderr}");
    let marks = stdout
        .split("Not read by `check --auto`")
        .nth(1)
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        marks.contains("line 204: a row whose cells hold several figures each"),
        "{marks}"
    );
    let scan = json(&["scan", DOCUMENT, "--format", "json"]);
    let not_read = scan["not_read"].as_array().unwrap();
    assert!(
        not_read
            .iter()
            .any(|b| b.as_str().unwrap().starts_with("lines 188–191: ")),
        "{not_read:?}"
    );
}

#[test]
fn scan_works_on_every_bundled_document_without_packs_too() {
    for entry in std::fs::read_dir(root().join("documents")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let path = path.to_str().unwrap();
            let (status, stdout, stderr) = vd_audit(&["scan", path]);
            assert_eq!(status, 0, "{path}: {stderr}");
            assert!(stdout.contains(" figures ("), "{path}");
        }
    }
    let (status, _, stderr) = vd_audit(&["scan", "documents/no-such.txt"]);
    assert_eq!(status, 2);
    assert!(stderr.contains("cannot read `documents/no-such.txt`"));
}

#[test]
fn check_writes_any_format_to_output() {
    let dir = common::project_dir().unwrap();
    let page = dir.path().join("report.html");
    let (status, stdout, _) = vd_audit(&[
        "check",
        PACK,
        "--format",
        "html",
        "--output",
        page.to_str().unwrap(),
    ]);
    assert_eq!(status, 0);
    assert!(stdout.is_empty(), "the report went to standard output too");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Six councils share the district 60% equally"));
    let json_path = dir.path().join("report.json");
    vd_audit(&[
        "check",
        PACK,
        "--format",
        "json",
        "-o",
        json_path.to_str().unwrap(),
    ]);
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(json_path).unwrap()).unwrap();
    assert_eq!(written["summary"]["claims"], 39);
    let (status, _, stderr) = vd_audit(&["check", PACK, "--output", "/no/such/dir/r.txt"]);
    assert_eq!(status, 2);
    assert!(
        stderr.contains("cannot write the report to `/no/such/dir/r.txt`"),
        "{stderr}"
    );
}
