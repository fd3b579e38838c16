//! Issue 20: a pack written by `suggest` (or `check --auto`) always
//! parses, whatever the table's labels hold, and says which blocks of
//! figures no rule reads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use assert_cmd::Command;
use proptest::prelude::*;

use vd_audit::document::Document;
use vd_audit::source::SourceFile;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every paper the tests and the repository hold: the corpus, the bundled
/// documents, the table and figure fixtures, and `tests/papers/*.txt`.
fn papers() -> Vec<PathBuf> {
    let mut papers = Vec::new();
    for dir in [
        "tests/corpus",
        "documents",
        "tests/papers",
        "tests/tables",
        "tests/figures",
    ] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        papers.extend(
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt")),
        );
    }
    papers.sort();
    papers
}

/// The syntax and expansion errors of the pack suggested for `text`,
/// checked against the document as `check` would.
fn errors_of_suggested_pack(text: &str) -> (String, Vec<String>) {
    let document = Arc::new(Document::new(SourceFile::new(
        "paper.txt",
        text.to_string(),
    )));
    let pack = vd_audit::suggest::suggested_pack(&document, "paper.txt");
    let mut errors: Vec<String> = vd_audit::lang::parse_pack(&pack)
        .errors
        .iter()
        .map(|e| e.message.clone())
        .collect();
    let documents = BTreeMap::from([("paper".to_string(), document)]);
    let loaded =
        vd_audit::pack::pack_from_text(SourceFile::new("auto.vd", pack.clone()), documents);
    errors.extend(loaded.syntax_errors.iter().map(|e| e.message.clone()));
    (pack, errors)
}

#[test]
fn the_pack_suggested_for_every_paper_parses() {
    let papers = papers();
    assert!(papers.len() >= 10, "{papers:?}");
    for paper in papers {
        let text = std::fs::read_to_string(&paper).unwrap();
        let (pack, errors) = errors_of_suggested_pack(&text);
        assert!(
            errors.is_empty(),
            "{}: the suggested pack does not parse: {errors:?}\n{pack}",
            paper.display()
        );
    }
}

/// The page of issue 20: last year's figure before the label and this
/// year's after it. The rows are named by their words, and the column
/// without a header is summed cell by cell (a list cannot name it).
#[test]
fn a_figure_before_the_label_gives_a_pack_that_parses_and_names_rows_by_their_words() {
    let text = "Revenue budget by service\n\n\
                2023/24 £'000 Service 2024/25 £'000\n\
                12,345 Children's Services 13,456\n\
                8,210 Adult Social Care 8,650\n\
                4,120 Highways 4,300\n\
                2,050 Libraries 2,100\n\
                26,725 Total 28,506\n";
    let (pack, errors) = errors_of_suggested_pack(text);
    assert!(errors.is_empty(), "{errors:?}\n{pack}");
    // Columns by their years, rows by their words; the word after the
    // first year's unit heads the labels, not the column.
    assert!(
        pack.contains("table1.columns(\"2023/24 £'000\", \"2024/25 £'000\")"),
        "{pack}"
    );
    assert!(
        pack.contains("table1.cell(\"Total\", column) == sum(table1.column(column, \"Children's Services\" to \"Libraries\"))"),
        "{pack}"
    );
}

#[test]
fn check_auto_passes_the_awkward_labels_and_says_what_it_did_not_read() {
    let output = Command::cargo_bin("vd-audit")
        .unwrap()
        .current_dir(root())
        .args(["check", "--auto", "tests/papers/awkward-labels.txt"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(stdout.contains("0 discrepancies"), "{stdout}");
    assert!(!stdout.contains("vd::parse"), "{stdout}");
    assert!(
        stderr.contains("note: auto/awkward-labels.vd: no rule reads these figures"),
        "{stderr}"
    );
    // The ward table keeps no arithmetic; the row labelled `2024` (a
    // figure) cannot be named.
    assert!(
        stderr.contains("lines 38–43: 4 rows of figures in 2 column(s), no arithmetic found"),
        "{stderr}"
    );
    assert!(
        stderr.contains("line 23: a row of figures that no rule can name"),
        "{stderr}"
    );
}

#[test]
fn suggest_ends_with_the_blocks_it_did_not_read_and_check_auto_notes_a_paper_of_prose() {
    let dir = tempfile::tempdir().unwrap();
    let paper = dir.path().join("paper.txt");
    std::fs::write(
        &paper,
        "Ward figures\n\n\
         | Ward | Electors | Councillors |\n|---|---|---|\n\
         | North | 4,123 | 3 |\n| South | 2,987 | 2 |\n| East | 3,456 | 4 |\n\n\
         The precept rises by £12,400 to £310,000 this year.\n",
    )
    .unwrap();
    let prose = dir.path().join("prose.txt");
    std::fs::write(
        &prose,
        "The precept rises by £12,400 to £310,000 this year.\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let output = Command::cargo_bin("vd-audit")
            .unwrap()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        (
            String::from_utf8(output.stdout).unwrap(),
            String::from_utf8(output.stderr).unwrap(),
        )
    };
    let (pack, _) = run(&["suggest", "paper.txt"]);
    assert!(
        pack.contains("# Not read: the figures below gave no rule."),
        "{pack}"
    );
    assert!(
        pack.contains("#   lines 3–7: 3 rows of figures in 2 column(s), no arithmetic found"),
        "{pack}"
    );
    let (_, stderr) = run(&["check", "--auto", "prose.txt"]);
    assert!(
        stderr.contains("note: auto/prose.vd: no table or block of figures found; the document's 2 figure(s) are in its prose"),
        "{stderr}"
    );
}

/// Labels made of the characters that break a string or a rule: quotes,
/// backslashes, braces, `#`, tabs, digits, keywords and non-ASCII.
fn awkward_label() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "\"", "\\", "{", "}", "{row}", "#", "\t", "12,345", "£3", "claim", "for", "let", "to",
        "rows", "é", "–", "∑", "Total", "Net", " ", "(", ")", "x", "Band D", ",", "%",
    ]);
    prop::collection::vec(pieces, 1..6).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A pipe table (or plain lines) with awkward labels, whose last row
    /// totals the others: whatever suggest writes parses.
    #[test]
    fn a_table_with_any_labels_gives_a_pack_that_parses(
        labels in prop::collection::vec(awkward_label(), 3..7),
        header in awkward_label(),
        values in prop::collection::vec((1u32..5000, 1u32..5000), 3..7),
        piped in any::<bool>(),
    ) {
        let rows = labels.len().min(values.len());
        let mut text = String::from("Budget\n\n");
        if piped {
            text.push_str(&format!("| Line | {header} | 2025/26 £ |\n|---|---|---|\n"));
        } else {
            text.push_str(&format!("{header} 2025/26 £\n"));
        }
        let (mut first, mut second) = (0u64, 0u64);
        for (label, (a, b)) in labels.iter().zip(&values).take(rows) {
            first += u64::from(*a);
            second += u64::from(*b);
            let label = label.replace('|', "/");
            if piped {
                text.push_str(&format!("| {label} | {a} | {b} |\n"));
            } else {
                text.push_str(&format!("{label} {a} {b}\n"));
            }
        }
        if piped {
            text.push_str(&format!("| Total | {first} | {second} |\n"));
        } else {
            text.push_str(&format!("Total {first} {second}\n"));
        }
        let (pack, errors) = errors_of_suggested_pack(&text);
        prop_assert!(errors.is_empty(), "{:?}\n{}\n{}", errors, text, pack);
    }
}

#[test]
fn papers_dir_exists() {
    assert!(Path::new(&root().join("tests/papers/awkward-labels.txt")).exists());
}
