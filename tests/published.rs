//! Papers as published (issue 21): PDFs printed by LibreOffice and by
//! Chromium, and web pages, read directly. The fixtures are in
//! `tests/published/`, made by `tests/published/make.py` (which needs
//! LibreOffice and Chromium; these tests need neither).
//!
//! - The papers written for this issue (a Word budget over two pages, a
//!   council-tax web page, a briefing set in two columns) audit with no
//!   false discrepancy, and a PDF finds what its web page finds.
//! - Each paper of `tests/auto/` printed by both producers: `check --auto`
//!   gives the same verdicts as on the text, its table figures are read
//!   into the same row and column, and slips made in the text rebuilt from
//!   the PDF are caught as on the text.
//! - The bundled packs, pointed at the bundled documents printed to PDF,
//!   give the verdicts they give on the text, where printing keeps the
//!   words their anchors read (see `BUNDLED_ALIKE`).
//! - What cannot be read is said, with exit 2.

mod common;
use common::slipped;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use vd_audit::document::formats::pdf::text_of;
use vd_audit::document::Document;
use vd_audit::source::SourceFile;
use vd_audit::tables::is_figure_cell;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn published(name: &str) -> PathBuf {
    root().join("tests/published").join(name)
}

fn vd_audit() -> Command {
    vd_audit_in(root())
}

/// vd-audit run in `dir` (a scratch project holding a slipped copy).
fn vd_audit_in(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("vd-audit").unwrap();
    command.current_dir(dir);
    command
}

/// The summary line `check` prints for the run, and its exit code.
fn total(args: &[&str]) -> (String, i32) {
    let output = vd_audit().arg("check").args(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("total: "))
        .unwrap_or_else(|| {
            panic!(
                "no total in {args:?}:\n{stdout}\n{}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
    (line.to_string(), output.status.code().unwrap_or(-1))
}

#[test]
fn the_written_papers_audit_from_pdf_with_no_false_discrepancy() {
    for (pdf, claims) in [
        ("revenue-budget.pdf", 40),
        ("council-tax.pdf", 4),
        ("briefing.pdf", 8),
    ] {
        let path = published(pdf);
        let (line, code) = total(&["--auto", path.to_str().unwrap()]);
        assert_eq!(code, 0, "{pdf}: {line}");
        assert!(line.contains(" 0 discrepancies"), "{pdf}: {line}");
        let found: usize = line["total: ".len()..]
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        assert!(found >= claims, "{pdf}: {line}");
    }
}

#[test]
fn a_web_page_and_its_print_find_the_same_arithmetic() {
    // The tax-setting page puts its tax base under a `£` header, a caption
    // straight above each table and a band table with one column of
    // charges; LibreOffice sets its tables' cells close together. The
    // two-year budget has years spanning sub-headers (`colspan`), which
    // LibreOffice prints with its figures left-aligned.
    let prints: [(&str, &[&str]); 5] = [
        ("council-tax", &["council-tax.pdf"]),
        ("briefing", &["briefing.pdf"]),
        (
            "tax-setting",
            &["tax-setting.pdf", "tax-setting.libreoffice.pdf"],
        ),
        ("capital-programme", &["capital-programme.pdf"]),
        (
            "two-year-budget",
            &["two-year-budget.pdf", "two-year-budget.libreoffice.pdf"],
        ),
    ];
    for (name, pdfs) in prints {
        let html = published(&format!("src/{name}.html"));
        let (from_html, _) = total(&["--auto", html.to_str().unwrap()]);
        assert!(
            from_html.contains(" 0 discrepancies") && !from_html.starts_with("total: 0 claims"),
            "{name}: {from_html}"
        );
        for pdf in pdfs {
            let (from_pdf, _) = total(&["--auto", published(pdf).to_str().unwrap()]);
            assert_eq!(from_html, from_pdf, "{pdf}");
        }
    }
}

#[test]
fn a_band_slipped_in_a_band_table_is_a_discrepancy() {
    // Band E's 236.92 typed as 263.92: one column of charges, so only the
    // band's ratio in law shows the slip.
    let dir = common::project_dir().unwrap();
    let page = std::fs::read_to_string(published("src/tax-setting.html")).unwrap();
    assert!(page.contains(">236.92<"));
    let slipped = dir.path().join("tax-setting.html");
    std::fs::write(&slipped, page.replace(">236.92<", ">263.92<")).unwrap();
    let output = vd_audit_in(dir.path())
        .args(["check", "--auto", "tax-setting.html"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("“E” is 11/9 of “D”, the band's ratio in law"),
        "{stdout}"
    );
    assert!(stdout.contains("1 discrepancy"), "{stdout}");
}

#[test]
fn a_pack_reads_a_two_column_pdf_and_names_the_page() {
    let pack = published("briefing.vd");
    let (line, code) = total(&[pack.to_str().unwrap()]);
    assert_eq!(code, 0, "{line}");
    assert!(line.starts_with("total: 6 claims: 6 exact"), "{line}");
    // The same pack on the web page the PDF was printed from.
    let html = published("src/briefing.html");
    let (line, _) = total(&[
        pack.to_str().unwrap(),
        "--document",
        &format!("briefing={}", html.display()),
    ]);
    assert!(line.starts_with("total: 6 claims: 6 exact"), "{line}");
    let output = vd_audit()
        .args(["check", "--format", "json", pack.to_str().unwrap()])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let claim = &json["claims"][0];
    assert_eq!(claim["page"], 1, "{claim}");
    assert_eq!(claim["line"], 6, "{claim}");
}

#[test]
fn a_figure_on_a_web_page_is_named_by_its_element() {
    let page = published("src/council-tax.html");
    let page = page.to_str().unwrap();
    let output = vd_audit()
        .args(["scan", page, "--format", "json"])
        .output()
        .unwrap();
    let scan: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let element_of = |printed: &str| {
        scan["figures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["printed"] == printed)
            .map(|f| f["element"].clone())
    };
    // The precept is the second cell of the first row of the first table;
    // the tax base is stated first in a paragraph.
    assert_eq!(
        element_of("£98,412,350"),
        Some("table 1, row 1, column 2".into())
    );
    assert_eq!(element_of("63,912.40"), Some("p 1".into()));
    // The SARIF location of a finding carries it too: with the police's
    // Band D charge mistyped, the total Band D charge (row 4) no longer adds.
    let dir = common::project_dir().unwrap();
    let text = std::fs::read_to_string(page).unwrap();
    std::fs::write(
        dir.path().join("slip.html"),
        text.replace("£280.16", "£280.61"),
    )
    .unwrap();
    let output = vd_audit_in(dir.path())
        .args(["check", "--auto", "slip.html", "--format", "sarif"])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let elements: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["locations"][0]["properties"]["element"].as_str())
        .collect();
    assert!(
        elements.contains(&"table 1, row 4, column 4"),
        "{elements:?}"
    );
}

#[test]
fn a_discrepancy_in_a_pdf_points_at_its_page_and_line() {
    let dir = common::project_dir().unwrap();
    std::fs::copy(published("briefing.pdf"), dir.path().join("briefing.pdf")).unwrap();
    let pack = std::fs::read_to_string(published("briefing.vd")).unwrap();
    std::fs::write(
        dir.path().join("slip.vd"),
        pack.replace("40% of cost", "45% of cost"),
    )
    .unwrap();
    let output = vd_audit_in(dir.path())
        .args(["check", "slip.vd", "--color", "never"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("[briefing.pdf:p1:6:21]"), "{stdout}");
    assert!(
        stdout.contains("county council pays £174,400 and the districts"),
        "{stdout}"
    );
}

/// The papers of `tests/auto/`, by name without `.txt`.
fn corpus() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join("tests/auto"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".txt").map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

const PRODUCERS: [&str; 2] = ["chromium", "libreoffice"];

/// Papers a producer cannot print as they stand: LibreOffice's text import
/// wraps a line wider than its page, so this paper's 86-character table
/// rows are broken across two lines in the PDF itself.
const WRAPPED_BY: &[(&str, &str)] = &[("libreoffice", "pdf-two-year-services")];

fn wrapped(producer: &str, name: &str) -> bool {
    WRAPPED_BY.contains(&(producer, name))
}

#[test]
fn the_corpus_printed_to_pdf_audits_as_the_text_does() {
    for name in corpus() {
        let text = root().join(format!("tests/auto/{name}.txt"));
        let (expected, _) = total(&["--auto", text.to_str().unwrap()]);
        for producer in PRODUCERS {
            let pdf = published(&format!("auto/{name}.{producer}.pdf"));
            let (got, _) = total(&["--auto", pdf.to_str().unwrap()]);
            if wrapped(producer, &name) {
                assert!(got.contains(" 0 discrepancies"), "{producer} {name}: {got}");
            } else {
                assert_eq!(got, expected, "{producer} {name}");
            }
        }
    }
}

/// Every table figure of a text: its table, the first label of its row, its
/// column, and the figure as printed.
fn table_cells(text: &str) -> Vec<(usize, String, usize, String)> {
    let document = Document::new(SourceFile::new("paper.txt", text.to_string()));
    let mut cells = Vec::new();
    for (t, table) in document.tables.iter().enumerate() {
        for row in table.data_rows() {
            let label = table
                .row_labels(row, &document.figures)
                .first()
                .map(|s| s.to_string());
            for (c, cell) in row.cells.iter().enumerate() {
                if is_figure_cell(cell, &document.figures) {
                    cells.push((t, label.clone().unwrap_or_default(), c, cell.text.clone()));
                }
            }
        }
    }
    cells
}

#[test]
fn table_figures_are_read_into_the_same_row_and_column() {
    for producer in PRODUCERS {
        let (mut right, mut all) = (0, 0);
        for name in corpus() {
            let text =
                std::fs::read_to_string(root().join(format!("tests/auto/{name}.txt"))).unwrap();
            let pdf = std::fs::read(published(&format!("auto/{name}.{producer}.pdf"))).unwrap();
            let rebuilt = text_of(&pdf).unwrap().text;
            let expected = table_cells(&text);
            let got = table_cells(&rebuilt);
            all += expected.len();
            right += expected.iter().filter(|cell| got.contains(cell)).count();
        }
        eprintln!("{producer}: {right} of {all} table figures in the right row and column");
        // Only the paper LibreOffice wraps (WRAPPED_BY) is read otherwise.
        assert!(right * 100 >= all * 95, "{producer}: {right} of {all}");
    }
}

#[test]
fn slips_in_the_text_of_a_pdf_are_caught_as_in_the_text() {
    let producer = "chromium";
    let (mut caught, mut total_slips) = (0, 0);
    let dir = common::project_dir().unwrap();
    for name in corpus() {
        let pdf = std::fs::read(published(&format!("auto/{name}.{producer}.pdf"))).unwrap();
        let rebuilt = text_of(&pdf).unwrap().text;
        let copy = dir.path().join(format!("{name}.txt"));
        let document = Document::new(SourceFile::new(&copy, rebuilt.clone()));
        for figure in slip_targets(&document) {
            std::fs::write(&copy, slipped(&rebuilt, figure.clone())).unwrap();
            let (line, _) = total(&["--auto", copy.to_str().unwrap()]);
            total_slips += 1;
            caught += usize::from(!line.contains(" 0 discrepancies"));
        }
    }
    eprintln!("{producer}: {caught} of {total_slips} slips caught");
    assert!(total_slips >= 80, "{total_slips} slips");
    assert!(
        caught * 100 >= total_slips * 97,
        "{caught} of {total_slips}"
    );
}

/// The digits of each figure that is a table's data cell.
fn slip_targets(document: &Document) -> Vec<std::ops::Range<usize>> {
    let cells: Vec<_> = document
        .tables
        .iter()
        .flat_map(|t| t.data_rows().iter().flat_map(|r| r.cells.iter()))
        .filter(|c| is_figure_cell(c, &document.figures))
        .map(|c| c.span)
        .collect();
    document
        .figures
        .figures
        .iter()
        .filter(|f| {
            cells
                .iter()
                .any(|c| c.start <= f.span.start && f.span.end <= c.end)
        })
        .map(|f| f.digits.start..f.digits.end)
        .collect()
}

/// The bundled packs that give, on each producer's print of their
/// documents, the verdicts they give on the text. The others, Derbyshire
/// Dales and the four Bolsover files, read tables whose cells the text
/// parts with tabs (`Programme Team\t£296,248`, `Council\t£`), which
/// printing turns into jumps of the pen, read as spaces; and LibreOffice
/// wraps a 300-character table row and a long header onto two lines.
const BUNDLED_ALIKE: &[(&str, &[&str])] = &[
    (
        "chromium",
        &[
            "chesterfield-cabinet-phase2.vd",
            "cross-document.vd",
            "high-peak-corporate-select.vd",
            "vision-derbyshire-proposition.vd",
        ],
    ),
    (
        "libreoffice",
        &[
            "chesterfield-cabinet-phase2.vd",
            "cross-document.vd",
            "high-peak-corporate-select.vd",
            "vision-derbyshire-proposition.vd",
        ],
    ),
];

#[test]
fn bundled_packs_on_the_printed_documents_give_the_same_verdicts() {
    for (producer, packs) in BUNDLED_ALIKE {
        for pack in *packs {
            let path = root().join("rules").join(pack);
            let source = std::fs::read_to_string(&path).unwrap();
            let mut args = vec![path.to_string_lossy().into_owned()];
            for line in source.lines().filter(|l| l.starts_with("document ")) {
                let name = line.split_whitespace().nth(1).unwrap();
                let file = line.split('"').nth(1).unwrap();
                let stem = Path::new(file).file_stem().unwrap().to_string_lossy();
                args.push("--document".into());
                args.push(format!(
                    "{name}=tests/published/documents/{stem}.{producer}.pdf"
                ));
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let (on_text, _) = total(&args[..1]);
            let (on_pdf, _) = total(&args);
            assert_eq!(on_pdf, on_text, "{producer} {pack}");
        }
    }
}

#[test]
fn what_cannot_be_read_is_said_with_exit_2() {
    let dir = common::project_dir().unwrap();
    let budget = std::fs::read(published("revenue-budget.pdf")).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "page.pdf",
            b"<!DOCTYPE html><html><body>Budget</body></html>".to_vec(),
            "it is a web page",
        ),
        (
            "cut.pdf",
            budget[..budget.len() / 3].to_vec(),
            "the PDF is damaged",
        ),
        (
            "locked.pdf",
            std::fs::read(published("errors/encrypted.pdf")).unwrap(),
            "needs a password",
        ),
        (
            "scan.pdf",
            std::fs::read(published("errors/scanned.pdf")).unwrap(),
            "page 1 has no text: the PDF is scanned; run OCR first",
        ),
    ];
    for (name, bytes, message) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        for command in [
            vec!["check", "--auto", name],
            vec!["scan", name],
            vec!["suggest", name],
        ] {
            let output = Command::cargo_bin("vd-audit")
                .unwrap()
                .current_dir(dir.path())
                .args(&command)
                .output()
                .unwrap();
            let all = format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            assert_eq!(output.status.code(), Some(2), "{command:?}: {all}");
            assert!(all.contains(message), "{command:?}: {all}");
            assert!(!all.contains("panicked"), "{command:?}: {all}");
        }
    }
}
