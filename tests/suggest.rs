//! Zero-config auditing (issue 13): `suggest` finds a table's arithmetic,
//! `check --auto` reports the cells that break it, `init` starts a pack,
//! and `fmt` lays packs out canonically.

mod common;
use common::slipped;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

use vd_audit::cli::Settings;
use vd_audit::document::Document;
use vd_audit::eval::{Outcome, Verdict};
use vd_audit::report::PackAudit;
use vd_audit::source::SourceFile;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn vd_audit(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::cargo_bin("vd-audit")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The table corpus of issue 12: papers written for the tests.
fn corpus() -> Vec<PathBuf> {
    let mut papers: Vec<PathBuf> = std::fs::read_dir(root().join("tests/corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    papers.sort();
    papers
}

/// `check --auto` on `paper`, through the library: the claims of the
/// suggested pack.
fn auto(paper: &Path) -> vd_audit::report::AuditedPack {
    let access = Settings::defaults_in(paper.parent().unwrap())
        .unwrap()
        .access;
    match vd_audit::suggest::audit(paper, &access) {
        PackAudit::Audited(audited) => audited,
        PackAudit::NotLoaded(e) => panic!("{e:?}"),
    }
}

fn failures(audited: &vd_audit::report::AuditedPack) -> Vec<String> {
    assert!(
        audited.pack.syntax_errors.is_empty(),
        "the suggested pack does not parse: {:?}\n{}",
        audited.pack.syntax_errors,
        audited.pack.rule_file.text
    );
    assert!(
        audited.outcome.binding_errors.is_empty(),
        "{:?}",
        audited.outcome.binding_errors
    );
    audited
        .outcome
        .claims
        .iter()
        .filter(|c| c.outcome() != Outcome::Pass)
        .map(|c| format!("{} ({:?})", c.id, c.result.as_ref().map(|j| j.verdict)))
        .collect()
}

#[test]
fn auto_finds_nothing_wrong_in_the_unchanged_corpus() {
    for paper in corpus() {
        let audited = auto(&paper);
        assert!(
            audited.outcome.claims.len() >= 5,
            "{}: only {} claims suggested\n{}",
            paper.display(),
            audited.outcome.claims.len(),
            audited.pack.rule_file.text
        );
        assert_eq!(
            failures(&audited),
            Vec::<String>::new(),
            "{}",
            paper.display()
        );
    }
}

/// On the corpus, one cell changed at a time: of the slips in figures that
/// a suggested rule reads (tables whose structure suggest found), at least
/// 90% are reported, each as a discrepancy.
#[test]
fn auto_flags_nine_in_ten_single_cell_slips_where_it_found_the_structure() {
    let (mut tried, mut caught) = (0, 0);
    let mut missed = Vec::new();
    for paper in corpus() {
        let text = std::fs::read_to_string(&paper).unwrap();
        let audited = auto(&paper);
        let read: std::collections::BTreeSet<usize> = audited
            .outcome
            .claims
            .iter()
            .filter_map(|c| c.result.as_ref().ok())
            .flat_map(|j| j.inputs.iter().chain(std::iter::once(&j.stated)))
            .map(|r| r.index)
            .collect();
        let document = Document::new(SourceFile::new(&paper, text.clone()));
        let dir = common::project_dir().unwrap();
        let copy = dir.path().join(paper.file_name().unwrap());
        for index in read {
            let figure = &document.figures.figures[index];
            let draft = slipped(&text, figure.digits.start..figure.digits.end);
            std::fs::write(&copy, &draft).unwrap();
            let after = auto(&copy);
            tried += 1;
            let flagged = after
                .outcome
                .claims
                .iter()
                .any(|c| c.verdict() == Some(Verdict::Discrepancy));
            if flagged {
                caught += 1;
            } else {
                missed.push(format!(
                    "{}:{}: {} became {}",
                    paper.file_name().unwrap().to_string_lossy(),
                    document.source.line_col(figure.span.start).line,
                    figure.printed,
                    &draft[figure.span.start..figure.span.end]
                ));
            }
        }
    }
    eprintln!(
        "check --auto caught {caught} of {tried} single-cell slips; missed:\n{}",
        missed.join("\n")
    );
    assert!(tried >= 100, "only {tried} slips tried");
    assert!(
        caught * 10 >= tried * 9,
        "caught {caught} of {tried}; missed:\n{}",
        missed.join("\n")
    );
}

#[test]
fn auto_reports_the_slipped_cell_with_the_rule_it_breaks_in_every_format() {
    let dir = common::project_dir().unwrap();
    let text = std::fs::read_to_string(root().join("tests/corpus/service-budget.txt")).unwrap();
    std::fs::write(
        dir.path().join("budget.txt"),
        text.replace("| 1,187 |", "| 1,178 |"),
    )
    .unwrap();
    let (status, stdout, stderr) = vd_audit(dir.path(), &["check", "--auto", "budget.txt"]);
    assert_eq!(status, 1, "{stdout}{stderr}");
    assert!(stdout.contains("Premises"), "{stdout}");
    assert!(stdout.contains("rows keep"), "{stdout}");
    // Both broken rules read the mistyped cell, and each says so.
    assert_eq!(
        stdout
            .matches("“1,178” (line 21) is read by 2 of the rules this paper breaks")
            .count(),
        2,
        "{stdout}"
    );
    let (status, stdout, _) = vd_audit(
        dir.path(),
        &["check", "--auto", "budget.txt", "--format", "json"],
    );
    assert_eq!(status, 1);
    let json: Value = serde_json::from_str(&stdout).unwrap();
    assert!(json.to_string().contains("discrepancy"), "{stdout}");
    // The working of the broken rules reads the slipped figure.
    assert!(
        stdout.contains("1,178") || stdout.contains("1178"),
        "{stdout}"
    );
    for format in ["sarif", "junit", "github", "human"] {
        let (status, stdout, stderr) = vd_audit(
            dir.path(),
            &["check", "--auto", "budget.txt", "--format", format],
        );
        assert_eq!(status, 1, "{format}: {stderr}");
        assert!(!stdout.is_empty(), "{format}");
    }
    let (status, _, stderr) = vd_audit(dir.path(), &["check", "--auto", "missing.txt"]);
    assert_eq!(status, 2);
    assert!(
        stderr.contains("cannot read document `missing.txt`"),
        "{stderr}"
    );
    let unchanged = root().join("tests/corpus/service-budget.txt");
    let (status, stdout, _) = vd_audit(&root(), &["check", "--auto", unchanged.to_str().unwrap()]);
    assert_eq!(status, 0, "{stdout}");
}

#[test]
fn suggest_prints_whole_table_rules_that_check_passes() {
    let dir = common::project_dir().unwrap();
    std::fs::create_dir(dir.path().join("rules")).unwrap();
    std::fs::copy(
        root().join("tests/corpus/council-tax-bands.txt"),
        dir.path().join("bands.txt"),
    )
    .unwrap();
    let (status, pack, stderr) = vd_audit(dir.path(), &["suggest", "bands.txt"]);
    assert_eq!(status, 0, "{stderr}");
    assert!(pack.contains("document paper = \"../bands.txt\""), "{pack}");
    assert!(
        pack.contains("for row in table1.rows(\"Band A\" to \"Band H\")"),
        "{pack}"
    );
    assert!(pack.contains("13/9 *"), "{pack}");
    std::fs::write(dir.path().join("rules/bands.vd"), &pack).unwrap();
    let (status, stdout, stderr) = vd_audit(dir.path(), &["check"]);
    assert_eq!(status, 0, "{stdout}{stderr}");
}

#[test]
fn init_writes_a_pack_once_and_never_overwrites() {
    let dir = common::project_dir().unwrap();
    std::fs::copy(
        root().join("tests/corpus/parish-precepts.txt"),
        dir.path().join("precepts.txt"),
    )
    .unwrap();
    let (status, stdout, stderr) = vd_audit(dir.path(), &["init", "precepts.txt"]);
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.contains("rules/precepts.vd"), "{stdout}");
    assert!(
        stdout.contains("vd-audit check rules/precepts.vd"),
        "{stdout}"
    );
    let pack = dir.path().join("rules/precepts.vd");
    let written = std::fs::read_to_string(&pack).unwrap();
    assert!(
        written.contains("document paper = \"../precepts.txt\""),
        "{written}"
    );
    std::fs::write(&pack, "# my own edits\n").unwrap();
    let (status, _, stderr) = vd_audit(dir.path(), &["init", "precepts.txt"]);
    assert_eq!(status, 2);
    assert!(stderr.contains("never overwrites"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&pack).unwrap(), "# my own edits\n");
    let (status, _, stderr) = vd_audit(dir.path(), &["init", "missing.txt"]);
    assert_eq!(status, 2);
    assert!(stderr.contains("cannot read"), "{stderr}");
}

#[test]
fn suggest_finds_the_totals_of_the_bundled_tables() {
    let (status, stdout, stderr) = vd_audit(
        &root(),
        &[
            "suggest",
            "documents/derbyshire-dales-phase4-2021-07-08.txt",
            "documents/bolsover-members-pack-2020-09.txt",
        ],
    );
    assert_eq!(status, 0, "{stderr}");
    for total in [
        // The Phase 4 cost table.
        "“Total” adds up “Programme Team” + “Programme Budget” + “Equipment, Travel and Subsistence” + “Communications Budget”",
        // Appendix F's benefit and one-off cost tables.
        "“Operational efficiency and effectiveness sub-total” adds up the rows “Front office” to “Senior management”",
        "“Total annual benefit from Year 5” adds up the rows “Operational efficiency and effectiveness sub-total” to “Income/revenue”",
        "“Total one-off cost (£m)” adds up the rows “Redundancy costs - senior managers” to “Contingency”",
        // The PwC summary tables.
        "“Total” adds up the rows “Derbyshire County Council*” to “South Derbyshire”",
        "“Total” adds up the rows “Front Office” to “Back Office”",
    ] {
        assert!(stdout.contains(total), "missing {total}\n{stdout}");
    }
}

#[test]
fn fmt_is_idempotent_on_every_bundled_pack_and_checks_without_writing() {
    let dir = common::project_dir().unwrap();
    for entry in walk(&root().join("rules")) {
        let relative = entry.strip_prefix(root()).unwrap();
        let target = dir.path().join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &target).unwrap();
    }
    let (status, _, stderr) = vd_audit(dir.path(), &["fmt"]);
    assert_eq!(status, 0, "{stderr}");
    let once: Vec<String> = walk(&dir.path().join("rules"))
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let (status, stdout, _) = vd_audit(dir.path(), &["fmt", "--check"]);
    assert_eq!(
        status, 0,
        "formatting formatted packs changes them:\n{stdout}"
    );
    for (path, text) in walk(&dir.path().join("rules")).iter().zip(&once) {
        assert_eq!(&std::fs::read_to_string(path).unwrap(), text);
        assert_eq!(&vd_audit_layout(text), text, "{}", path.display());
    }
    let messy = dir.path().join("rules/messy.vd");
    std::fs::write(&messy, "document   d = \"x.txt\"\n").unwrap();
    let (status, stdout, _) = vd_audit(dir.path(), &["fmt", "--check"]);
    assert_eq!(status, 1);
    assert!(stdout.contains("messy.vd:1"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&messy).unwrap(),
        "document   d = \"x.txt\"\n"
    );
    std::fs::write(&messy, "claim \"broken\n").unwrap();
    let (status, _, stderr) = vd_audit(dir.path(), &["fmt"]);
    assert_eq!(status, 2);
    assert!(stderr.contains("not formatted"), "{stderr}");
}

fn vd_audit_layout(text: &str) -> String {
    vd_audit::lang::layout::format_rules(text)
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "vd") {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[test]
fn the_bundled_packs_are_laid_out_canonically() {
    let (status, stdout, stderr) = vd_audit(&root(), &["fmt", "--check"]);
    assert_eq!(status, 0, "run `vd-audit fmt`:\n{stdout}{stderr}");
}

/// A year heading named by a word (`Budget 2025/26`), as a PDF prints a
/// two-year summary: each year's Net is read as its Gross plus Income and
/// each column's Total as its rows, so a slip in one Net breaks its
/// column's Total (with four rows, one broken row is more than the one in
/// five a row rule may lose, so the row rule is not proposed then).
#[test]
fn auto_reads_year_headings_named_by_a_word_over_gross_income_net() {
    let paper = "\
Revenue budget summary

                         Budget 2024/25                  Budget 2025/26
                    Gross    Income      Net        Gross    Income      Net
                    £'000     £'000    £'000        £'000     £'000    £'000
Adult care         12,400    (3,100)    9,300      13,050    (3,250)    9,800
Children's services 8,200    (1,200)    7,000       8,600    (1,300)    7,300
Highways            5,100      (900)    4,200       5,400      (950)    4,450
Total              25,700    (5,200)   20,500      27,050    (5,500)   21,550
";
    let dir = common::project_dir().unwrap();
    let path = dir.path().join("summary.txt");
    std::fs::write(&path, paper).unwrap();
    let audited = auto(&path);
    let pack = &audited.pack.rule_file.text;
    assert!(
        pack.contains(
            "table1.cell(row, \"Budget 2025/26 / Net £'000\") == \
             table1.cell(row, \"Budget 2025/26 / Gross £'000\") + \
             table1.cell(row, \"Budget 2025/26 / Income £'000\")"
        ),
        "{pack}"
    );
    assert!(
        pack.contains(
            "table1.columns(\"Budget 2024/25 / Gross £'000\" to \"Budget 2025/26 / Net £'000\")"
        ),
        "{pack}"
    );
    assert_eq!(failures(&audited), Vec::<String>::new());
    std::fs::write(&path, paper.replace("7,300", "7,030")).unwrap();
    let slipped = auto(&path);
    assert!(
        failures(&slipped)
            .iter()
            .any(|f| f.contains("budget-2025-26-net") && f.contains("Discrepancy")),
        "{:#?}",
        failures(&slipped)
    );
}

#[test]
fn auto_reads_named_years_beside_a_heading_over_the_labels() {
    // `Service` heads the labels on the line of years; each year still
    // spans its Gross, Income and Net, so each Net is found as a row rule.
    let paper = "\
Cost of services

Service              Budget 2024/25               Budget 2025/26
                 Gross   Income      Net      Gross   Income      Net
                 £'000    £'000    £'000      £'000    £'000    £'000
Housing          1,240     (310)     930      1,310     (320)     990
Leisure            860     (400)     460        905     (415)     490
Planning           615     (205)     410        640     (210)     430
Total            2,715     (915)   1,800      2,855     (945)   1,910
";
    let dir = common::project_dir().unwrap();
    let path = dir.path().join("services.txt");
    std::fs::write(&path, paper).unwrap();
    let audited = auto(&path);
    let pack = &audited.pack.rule_file.text;
    assert!(
        pack.contains(
            "table1.cell(row, \"Budget 2024/25 / Net £'000\") == \
             table1.cell(row, \"Budget 2024/25 / Gross £'000\") + \
             table1.cell(row, \"Budget 2024/25 / Income £'000\")"
        ),
        "{pack}"
    );
    assert_eq!(failures(&audited), Vec::<String>::new());
    std::fs::write(&path, paper.replace("  460  ", "  470  ")).unwrap();
    let slipped = auto(&path);
    let found = failures(&slipped);
    assert!(
        found
            .iter()
            .any(|f| f.contains("budget-2024-25-net") && f.contains("Discrepancy")),
        "{found:#?}"
    );
}

#[test]
fn a_captions_unit_lets_the_band_d_charge_divide_and_the_total_restate() {
    // `Table 1 … (£m)` makes 62.50 £62.5m, so the Band D row (£, by its
    // own label) is the requirement over the tax base; and `All figures
    // are in £'000` makes the service total 96,400 restate £96.40m.
    let paper = root().join("tests/auto/captioned-units.txt");
    let audited = auto(&paper);
    let pack = &audited.pack.rule_file.text;
    assert!(
        pack.contains(
            "table1.cell(\"Band D council tax\", column) == \
             table1.cell(\"Council tax requirement\", column) / \
             table1.cell(\"Tax base (Band D equivalents)\", column)"
        ),
        "{pack}"
    );
    assert!(
        pack.contains(
            "table2.cell(\"Total\", \"2026/27\") == \
             table1.cell(\"Net budget requirement\", \"2026/27\")"
        ),
        "{pack}"
    );
    assert_eq!(failures(&audited), Vec::<String>::new());
    let dir = common::project_dir().unwrap();
    let copy = dir.path().join("captioned-units.txt");
    let text = std::fs::read_to_string(&paper).unwrap();
    std::fs::write(&copy, text.replace("1,572.18", "1,527.18")).unwrap();
    let found = failures(&auto(&copy));
    assert!(
        found
            .iter()
            .any(|f| f.contains("band-d-council-tax") && f.contains("Discrepancy")),
        "{found:#?}"
    );
}
