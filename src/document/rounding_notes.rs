//! What a paper says about its own rounding: "totals may not add because of
//! rounding", "figures are rounded to the nearest £1,000". Such a note
//! tells the reader that a total a unit or so away from its parts is not a
//! mistake, and vd-audit honours it: a claim on a figure the note governs
//! that misses by no more than the note allows is approximate, as the
//! paper's note allows, not a discrepancy.
//!
//! A note governs the table it stands in, or the table that ends just
//! above it (within [`LINES_AFTER_TABLE`] lines) or starts just below it
//! (within [`LINES_BEFORE_TABLE`]); a note that speaks of the whole paper
//! ("all figures in this report are rounded") governs every figure.

use rust_decimal::Decimal;

use crate::source::SourceFile;
use crate::span::Span;
use crate::tables::Table;

/// How many lines below a table a note about it may stand.
pub const LINES_AFTER_TABLE: usize = 6;
/// How many lines above a table a note about it may stand.
pub const LINES_BEFORE_TABLE: usize = 3;

/// A paper's note on its own rounding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoundingNote {
    /// The sentence of the note, as printed.
    pub span: Span,
    /// Its line, counted from 1.
    pub line: usize,
    /// The line as a report names it (`14`, or `p3:14` in a PDF).
    pub line_name: String,
    /// The note's words, whitespace collapsed, for messages.
    pub text: String,
    /// The unit the note says figures are rounded to (`£1,000` is 1000,
    /// "the nearest penny" 0.01), in pounds or plain numbers; `None` when it
    /// names none ("totals may not add because of rounding").
    pub unit: Option<Decimal>,
    /// What it governs.
    pub governs: Governs,
}

/// The figures a rounding note speaks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Governs {
    /// The figures of one table (its index in the document's tables).
    Table(usize),
    /// Every figure of the paper.
    Document,
}

/// The rounding notes of a text whose tables are `tables`. A note near no
/// table, and not about the whole paper, governs nothing and is left out.
pub fn find_rounding_notes(source: &SourceFile, tables: &[Table]) -> Vec<RoundingNote> {
    let text = &source.text;
    let mut notes = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let span = Span::new(offset, offset + body.len());
        offset += line.len();
        let lower = body.to_lowercase();
        if !speaks_of_rounding(&lower) {
            continue;
        }
        let line_number = source.line_col(span.start).line;
        let governs = if speaks_of_whole_paper(&lower) {
            Some(Governs::Document)
        } else {
            nearest_table(source, tables, span, line_number).map(Governs::Table)
        };
        if let Some(governs) = governs {
            notes.push(RoundingNote {
                span,
                line: line_number,
                line_name: source.line_name(line_number),
                text: body.split_whitespace().collect::<Vec<_>>().join(" "),
                unit: rounding_unit(&lower),
                governs,
            });
        }
    }
    notes
}

/// "may not add", "do not sum due to rounding", "rounded to the nearest",
/// "subject to rounding", "differences due to rounding".
fn speaks_of_rounding(lower: &str) -> bool {
    if !lower.contains("round") {
        return false;
    }
    [
        "may not add",
        "may not sum",
        "may not total",
        "might not add",
        "do not add",
        "does not add",
        "do not sum",
        "does not sum",
        "not add up",
        "not sum",
        "rounded to the nearest",
        "rounded to nearest",
        "subject to rounding",
        "due to rounding",
        "because of rounding",
        "owing to rounding",
        "rounding differences",
        "rounding difference",
    ]
    .iter()
    .any(|phrase| lower.contains(phrase))
}

fn speaks_of_whole_paper(lower: &str) -> bool {
    [
        "this report",
        "this paper",
        "this document",
        "throughout",
        "all figures",
    ]
    .iter()
    .any(|phrase| lower.contains(phrase))
}

/// The table the note at `span` (on `line`) stands in, below, or above.
fn nearest_table(source: &SourceFile, tables: &[Table], span: Span, line: usize) -> Option<usize> {
    let line_of = |offset: usize| source.line_col(offset).line;
    let inside = tables.iter().position(|t| t.span.contains(span));
    inside
        .or_else(|| {
            tables.iter().rposition(|t| {
                let end = line_of(t.span.end);
                end < line && line - end <= LINES_AFTER_TABLE
            })
        })
        .or_else(|| {
            tables.iter().position(|t| {
                let start = line_of(t.span.start);
                start > line && start - line <= LINES_BEFORE_TABLE
            })
        })
}

/// The unit a note rounds to: "the nearest £1,000", "nearest £0.1m",
/// "nearest thousand", "the nearest penny", "nearest pound", "one decimal
/// place", "nearest whole number".
fn rounding_unit(lower: &str) -> Option<Decimal> {
    let after = lower.split("nearest").nth(1).map(str::trim_start);
    if let Some(after) = after {
        let words = after.strip_prefix("the ").unwrap_or(after);
        let named = [
            ("penny", Decimal::new(1, 2)),
            ("pence", Decimal::new(1, 2)),
            ("1p", Decimal::new(1, 2)),
            ("pound", Decimal::ONE),
            ("£1 ", Decimal::ONE),
            ("whole number", Decimal::ONE),
            ("thousand", Decimal::new(1000, 0)),
            ("million", Decimal::new(1_000_000, 0)),
            ("£'000", Decimal::new(1000, 0)),
            ("£000", Decimal::new(1000, 0)),
        ];
        if let Some((_, unit)) = named.iter().find(|(word, _)| words.starts_with(word)) {
            return Some(*unit);
        }
        if let Some(unit) = money_unit(words) {
            return Some(unit);
        }
    }
    if lower.contains("one decimal place") || lower.contains("1 decimal place") {
        return Some(Decimal::new(1, 1));
    }
    None
}

/// `£1,000`, `£100k`, `£0.1m`, `£1m` at the start of `words`.
fn money_unit(words: &str) -> Option<Decimal> {
    let rest = words.strip_prefix('£')?;
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .collect();
    let tail = &rest[digits.len()..];
    let value: Decimal = digits.replace(',', "").parse().ok()?;
    let scale = if tail.starts_with("bn") {
        Decimal::new(1_000_000_000, 0)
    } else if tail.starts_with('m') {
        Decimal::new(1_000_000, 0)
    } else if tail.starts_with('k') {
        Decimal::new(1000, 0)
    } else {
        Decimal::ONE
    };
    (value > Decimal::ZERO).then_some(value * scale)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::recognise;
    use crate::tables::find_tables;

    fn notes(text: &str) -> Vec<RoundingNote> {
        let source = SourceFile::new("paper.txt", text);
        let tables = find_tables(text, &recognise(text));
        find_rounding_notes(&source, &tables)
    }

    const BUDGET: &str = "Intro\n\nService\t2023/24 £'000\t2024/25 £'000\nParks\t1,200\t1,300\nLibraries\t800\t900\nTotal\t2,001\t2,200\n\nTotals may not add because of rounding.\n\nLater text.\n";

    #[test]
    fn a_note_below_a_table_governs_it() {
        let found = notes(BUDGET);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].governs, Governs::Table(0));
        assert_eq!(found[0].line, 8);
        assert_eq!(found[0].unit, None);
        assert_eq!(found[0].text, "Totals may not add because of rounding.");
    }

    #[test]
    fn a_note_far_from_any_table_governs_nothing() {
        let text = BUDGET.replace("\n\nTotals", "\n\n\n\n\n\n\n\n\nTotals");
        assert!(notes(&text).is_empty());
    }

    #[test]
    fn a_note_about_the_whole_paper_governs_it_all() {
        let found = notes("All figures in this report are rounded to the nearest £1,000.\n\nThe cost is £12,000.\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].governs, Governs::Document);
        assert_eq!(found[0].unit, Some(Decimal::new(1000, 0)));
    }

    #[test]
    fn units_the_notes_name() {
        let unit = |text: &str| rounding_unit(&text.to_lowercase());
        assert_eq!(
            unit("rounded to the nearest penny"),
            Some(Decimal::new(1, 2))
        );
        assert_eq!(
            unit("rounded to the nearest £0.1m"),
            Some(Decimal::new(100_000, 0))
        );
        assert_eq!(
            unit("rounded to nearest thousand"),
            Some(Decimal::new(1000, 0))
        );
        assert_eq!(
            unit("rounded to one decimal place"),
            Some(Decimal::new(1, 1))
        );
        assert_eq!(unit("may not add due to rounding"), None);
    }

    #[test]
    fn words_about_rounding_that_are_not_notes() {
        assert!(!speaks_of_rounding("the roundabout will cost £2m"));
        assert!(!speaks_of_rounding("we rounded up the volunteers"));
        assert!(speaks_of_rounding("figures are subject to rounding"));
    }
}
