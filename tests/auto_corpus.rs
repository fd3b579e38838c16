//! Zero-config audits of papers in the layouts councils publish (issue
//! 20): `check --auto` on each paper of `tests/auto/` finds its table
//! arithmetic with no false discrepancy, and a typing slip in any table
//! figure is reported as a discrepancy reading the slipped line.
//!
//! The papers are invented: two laid out as `pdftotext -layout` prints a
//! Word budget (stacked headers, a year over sub-headers, wrapped labels,
//! section headings, rows filling only some columns, blocks split by blank
//! lines), and two copied from web pages (figure–label–figure rows, a
//! header with no label cell and grant lines short of the first column);
//! the others hold the arithmetic council tables hold: Band D as the
//! requirement over the tax base, per cent changes, VAT and fixed splits,
//! net = gross − grants − fees, a bridge between years' budgets and the
//! table that restates its end, shares of a total (tests/auto/README.md).
//! A slip is made in every figure that is a cell of a table's data row.

mod common;
use common::slipped;

use std::path::{Path, PathBuf};

use vd_audit::cli::Settings;
use vd_audit::document::Document;
use vd_audit::eval::Verdict;
use vd_audit::report::PackAudit;
use vd_audit::source::SourceFile;
use vd_audit::tables::is_figure_cell;

fn papers() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/auto");
    let mut papers: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    papers.sort();
    papers
}

/// The claims of `check --auto` on `paper`, each as its verdict and the
/// lines of the figures it reads.
fn audit(paper: &Path) -> Vec<(Verdict, Vec<usize>)> {
    let access = Settings::defaults_in(paper.parent().unwrap())
        .unwrap()
        .access;
    let PackAudit::Audited(audited) = vd_audit::suggest::audit(paper, &access) else {
        panic!("{} was not audited", paper.display());
    };
    assert!(audited.pack.syntax_errors.is_empty(), "{}", paper.display());
    assert!(
        audited.outcome.binding_errors.is_empty(),
        "{}",
        paper.display()
    );
    audited
        .outcome
        .claims
        .iter()
        .filter_map(|claim| {
            let judgement = claim.result.as_ref().ok()?;
            let lines = std::iter::once(&judgement.stated)
                .chain(&judgement.inputs)
                .filter_map(|f| {
                    let (document, read) = audited.pack.figure(f)?;
                    Some(document.source.line_col(read.span.start).line)
                })
                .collect();
            Some((judgement.verdict, lines))
        })
        .collect()
}

/// The line and digits of every figure that is a cell of a table's data
/// row: the figures of the table, not a number in a row's label (`Cycle
/// route, phase 2`).
fn table_figures(paper: &Path, text: &str) -> Vec<(usize, std::ops::Range<usize>)> {
    let document = Document::new(SourceFile::new(paper, text.to_string()));
    let cells: Vec<_> = document
        .tables
        .iter()
        .flat_map(|t| {
            t.data_rows().iter().flat_map(|r| {
                r.cells
                    .iter()
                    .filter(|c| is_figure_cell(c, &document.figures))
                    .map(|c| c.span)
            })
        })
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
        .map(|f| {
            (
                document.source.line_col(f.span.start).line,
                f.digits.start..f.digits.end,
            )
        })
        .collect()
}

#[test]
fn every_paper_audits_with_claims_and_no_discrepancy() {
    let papers = papers();
    assert!(papers.len() >= 12, "{} papers", papers.len());
    for paper in papers {
        let claims = audit(&paper);
        assert!(
            claims.len() >= 2,
            "{}: {} claims",
            paper.display(),
            claims.len()
        );
        let false_alarms: Vec<_> = claims
            .iter()
            .filter(|(verdict, _)| *verdict == Verdict::Discrepancy)
            .collect();
        assert!(
            false_alarms.is_empty(),
            "{}: {false_alarms:?}",
            paper.display()
        );
    }
}

#[test]
fn slips_in_table_figures_are_caught_on_their_line() {
    let mut caught = 0;
    let mut missed = Vec::new();
    for paper in papers() {
        let text = std::fs::read_to_string(&paper).unwrap();
        let dir = common::project_dir().unwrap();
        let copy = dir.path().join(paper.file_name().unwrap());
        for (line, digits) in table_figures(&paper, &text) {
            let draft = slipped(&text, digits.clone());
            std::fs::write(&copy, &draft).unwrap();
            let flagged = audit(&copy)
                .iter()
                .any(|(verdict, lines)| *verdict == Verdict::Discrepancy && lines.contains(&line));
            if flagged {
                caught += 1;
            } else {
                missed.push(format!(
                    "{}:{line}: {} became {}",
                    paper.file_name().unwrap().to_string_lossy(),
                    &text[digits.clone()],
                    &draft[digits]
                ));
            }
        }
    }
    let total = caught + missed.len();
    eprintln!(
        "{caught} of {total} slips caught; missed:\n{}",
        missed.join("\n")
    );
    assert!(total >= 80, "{total} slips");
    // Issue 20 asks for 97% of slips reported on their line.
    assert!(
        caught * 100 >= total * 97,
        "{caught} of {total} slips caught; missed:\n{}",
        missed.join("\n")
    );
}
