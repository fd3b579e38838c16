//! The table corpus (issue 12): papers in the shapes councils publish,
//! written for these tests (a band table with yearly, weekly and split
//! columns, parish precepts in £'000 with per-head and Band D columns, a
//! budget with sub-totals, services shared between two councils, and
//! percentage-of-total columns), each with a pack of whole-table rules.
//!
//! Each pack passes on its paper as written, and a typing slip in any one
//! figure of any of its tables makes the pack fail: the slipped paper is
//! written out and audited afresh, as `check` would audit a new draft.

mod common;
use common::slipped;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use vd_audit::cli::{audit_packs, Settings};
use vd_audit::document::Document;
use vd_audit::eval::Outcome;
use vd_audit::report::{AuditedPack, PackAudit};
use vd_audit::source::SourceFile;

const CORPUS: &str = "tests/corpus";

/// Every pack of the corpus with the paper it audits (same stem).
fn corpus() -> Vec<(PathBuf, PathBuf)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
    let mut pairs: Vec<(PathBuf, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "vd"))
        .map(|pack| {
            let paper = pack.with_extension("txt");
            assert!(paper.exists(), "{} has no paper", pack.display());
            (pack, paper)
        })
        .collect();
    pairs.sort();
    pairs
}

/// Audits `pack` with `dir` as the project root, as `check` run there would.
fn audit(dir: &Path, pack: &Path) -> AuditedPack {
    let access = Settings::defaults_in(dir).unwrap().access;
    let mut audits = audit_packs(&[pack.to_path_buf()], &BTreeMap::new(), &access);
    match audits.pop() {
        Some(PackAudit::Audited(audited)) => audited,
        Some(PackAudit::NotLoaded(error)) => panic!("{} did not load: {error:?}", pack.display()),
        None => panic!("no audit of {}", pack.display()),
    }
}

/// Why the audit fails, or `None` when it passes.
fn failure(audited: &AuditedPack) -> Option<String> {
    if let Some(error) = audited.pack.syntax_errors.first() {
        return Some(format!("syntax error: {error:?}"));
    }
    if let Some(error) = audited.outcome.binding_errors.first() {
        return Some(format!("binding error: {error:?}"));
    }
    audited
        .outcome
        .claims
        .iter()
        .find(|claim| claim.outcome() != Outcome::Pass)
        .map(|claim| format!("{}: {:?}", claim.id, claim.verdict()))
}

#[test]
fn the_corpus_has_five_papers_each_audited_by_whole_table_rules() {
    let corpus = corpus();
    assert!(corpus.len() >= 5, "{} papers", corpus.len());
    for (pack, _) in &corpus {
        let rules = std::fs::read_to_string(pack).unwrap();
        assert!(
            rules.lines().any(|line| line.starts_with("for ")),
            "{} has no whole-table rule",
            pack.display()
        );
    }
}

#[test]
fn every_pack_passes_on_its_paper() {
    for (pack, _) in corpus() {
        let audited = audit(pack.parent().unwrap(), &pack);
        assert_eq!(failure(&audited), None, "{}", pack.display());
        assert!(
            audited.outcome.claims.len() >= 20,
            "{}: {} claims",
            pack.display(),
            audited.outcome.claims.len()
        );
    }
}

/// The byte ranges of the digits of every figure printed in a data row of
/// one of the paper's tables.
fn table_figures(paper: &Path, text: &str) -> Vec<(usize, std::ops::Range<usize>)> {
    let document = Document::new(SourceFile::new(paper, text.to_string()));
    let mut cells = Vec::new();
    for table in &document.tables {
        for row in table.data_rows() {
            cells.extend(row.cells.iter().map(|cell| cell.span));
        }
    }
    document
        .figures
        .figures
        .iter()
        .filter(|figure| {
            cells
                .iter()
                .any(|cell| cell.start <= figure.span.start && figure.span.end <= cell.end)
        })
        .map(|figure| {
            let line = document.source.line_col(figure.span.start).line;
            (line, figure.digits.start..figure.digits.end)
        })
        .collect()
}

#[test]
fn every_slip_in_a_table_figure_is_caught() {
    for (pack, paper) in corpus() {
        let text = std::fs::read_to_string(&paper).unwrap();
        let figures = table_figures(&paper, &text);
        assert!(
            figures.len() >= 20,
            "{}: {} figures",
            paper.display(),
            figures.len()
        );
        let dir = common::project_dir().unwrap();
        let copy = dir.path().join(pack.file_name().unwrap());
        std::fs::copy(&pack, &copy).unwrap();
        let mut missed = Vec::new();
        for (line, digits) in &figures {
            let draft = slipped(&text, digits.clone());
            std::fs::write(dir.path().join(paper.file_name().unwrap()), &draft).unwrap();
            if failure(&audit(dir.path(), &copy)).is_none() {
                missed.push(format!(
                    "line {line}: {} became {}",
                    &text[digits.clone()],
                    &draft[digits.clone()]
                ));
            }
        }
        assert!(
            missed.is_empty(),
            "{}: {} of {} slips in table figures went unseen:\n{}",
            pack.display(),
            missed.len(),
            figures.len(),
            missed.join("\n")
        );
    }
}
