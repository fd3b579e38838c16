//! What suggest did not read: the blocks of figures that gave no rule, so
//! that "0 claims" is never the whole answer. Three kinds: a table read
//! into a grid whose figures keep no relationship; a table the reader
//! found that no rule can name (no cell's words find it alone, or fewer
//! than two of its rows of figures have a label that finds them); and
//! lines of figures outside every table, whose columns the table reader
//! could not align.

use std::fmt;

use super::grid::Grid;
use crate::document::{classify, Document, FigureKind};

/// A block of the document's figures that no suggested rule reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unread {
    pub first_line: usize,
    pub last_line: usize,
    /// The lines as a report names them (`lines 12–27`, `page 3, lines 12–27`).
    pub lines: String,
    /// What is there and why no rule reads it.
    pub why: String,
}

impl fmt::Display for Unread {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.lines, self.why)
    }
}

/// Lines in a row, each with figures and few words, that make a block
/// worth reporting when no table holds them.
const MIN_BLOCK_LINES: usize = 3;

/// Most words a line of figures has besides them: a row's label.
const MAX_LABEL_WORDS: usize = 8;

/// The blocks of `document` that no rule reads, in document order, given
/// each grid with whether any relationship was found in it.
pub fn unread(document: &Document, grids: &[(&Grid, bool)]) -> Vec<Unread> {
    let mut found = Vec::new();
    for (grid, _) in grids.iter().filter(|(_, found)| !found) {
        let span = document.tables.get(grid.table).map(|t| t.span);
        if span.is_some_and(|span| arithmetic_rows(document, span) >= 2) {
            found.push(no_arithmetic(document, grid));
        }
    }
    for (grid, _) in grids {
        found.extend(unnamed_rows(document, grid));
    }
    for (index, table) in document.tables.iter().enumerate() {
        if grids.iter().any(|(g, _)| g.table == index) {
            continue;
        }
        let rows_with_figures = arithmetic_rows(document, table.span);
        if rows_with_figures < 2 {
            continue;
        }
        let (first_line, last_line) = lines_of(document, table.span.start, table.span.end);
        let why = match Grid::unnamed(document, index) {
            Some(why) => format!(
                "a table of {rows_with_figures} rows of figures that no rule can name: {why}"
            ),
            None => format!("a table of {rows_with_figures} rows of figures, not read"),
        };
        found.push(Unread {
            first_line,
            last_line,
            lines: document.source.lines_name(first_line, last_line),
            why,
        });
    }
    found.extend(untabled_blocks(document));
    found.sort_by_key(|u| (u.first_line, u.last_line));
    found
}

/// A grid whose figures keep no relationship the searches know; a note
/// when its rows hold different numbers of figures, which is how columns
/// that were not aligned look.
fn no_arithmetic(document: &Document, grid: &Grid) -> Unread {
    let counts: Vec<usize> = (0..grid.rows.len())
        .map(|r| {
            (0..grid.columns.len())
                .filter(|&c| grid.cell(r, c).is_some())
                .count()
        })
        .collect();
    let (low, high) = (
        counts.iter().copied().min().unwrap_or(0),
        counts.iter().copied().max().unwrap_or(0),
    );
    let start = document.tables.get(grid.table).map_or(0, |t| t.span.start);
    let end = document.tables.get(grid.table).map_or(0, |t| t.span.end);
    let (first_line, last_line) = lines_of(document, start, end);
    let rows = grid.rows.len();
    let mut why = format!(
        "{rows} rows of figures in {} column(s), no arithmetic found",
        grid.columns.len()
    );
    if low != high {
        why.push_str(&format!(
            " (rows hold {low} to {high} figures a rule can read: some cells are empty or hold several figures, or columns are not aligned)"
        ));
    }
    Unread {
        first_line,
        last_line,
        lines: document.source.lines_name(first_line, last_line),
        why,
    }
}

/// Lines of `span` holding a figure that carries arithmetic (not a date,
/// list number or part of a name): a table of words with numbered items
/// is no table of figures.
fn arithmetic_rows(document: &Document, span: crate::span::Span) -> usize {
    let mut lines: Vec<usize> = document
        .figures
        .within(span)
        .iter()
        .filter(|f| classify(document, f) == FigureKind::Arithmetic)
        .map(|f| document.source.line_col(f.span.start).line)
        .collect();
    lines.dedup();
    lines.len()
}

/// The rows of a grid's table that hold figures but that no rule can name:
/// their label is a figure, is missing, or finds another row too.
fn unnamed_rows(document: &Document, grid: &Grid) -> Vec<Unread> {
    let Some(table) = document.tables.get(grid.table) else {
        return Vec::new();
    };
    table
        .data_rows()
        .iter()
        .enumerate()
        .filter(|(index, _)| !grid.rows.iter().any(|r| r.index == *index))
        .filter_map(|(index, row)| {
            let start = row.cells.first()?.span.start;
            let end = row.cells.last()?.span.end;
            let named = table
                .row_label(row, &document.figures)
                .is_some_and(|label| table.find_row(label, &document.figures) == Ok(index));
            let why = if named {
                "a row whose cells hold several figures each (a cost and its on-costs) or a range, which no rule reads alone"
            } else {
                "a row of figures that no rule can name: its label is a figure, is missing, or finds another row too"
            };
            (arithmetic_rows(document, crate::span::Span::new(start, end)) > 0).then(|| {
                let (first_line, last_line) = lines_of(document, start, end);
                Unread {
                    first_line,
                    last_line,
                    lines: document.source.lines_name(first_line, last_line),
                    why: why.into(),
                }
            })
        })
        .collect()
}

/// The first and last line of the bytes `start..end`.
fn lines_of(document: &Document, start: usize, end: usize) -> (usize, usize) {
    let source = &document.source;
    let first = source.line_col(start).line;
    let last = source.line_col(end.saturating_sub(1).max(start)).line;
    (first, last.max(first))
}

/// Runs of at least three lines outside every table, each holding two or
/// more figures (not dates, numbering or parts of names) and a few words:
/// rows of figures the table reader could not put in columns.
fn untabled_blocks(document: &Document) -> Vec<Unread> {
    let text = &document.source.text;
    let mut blocks = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    let mut close = |run: &mut Vec<usize>| {
        if run.len() >= MIN_BLOCK_LINES {
            if let (Some(&first), Some(&last)) = (run.first(), run.last()) {
                blocks.push(Unread {
                    first_line: first,
                    last_line: last,
                    lines: document.source.lines_name(first, last),
                    why: format!(
                        "{} lines of figures not read as a table (columns could not be aligned)",
                        run.len()
                    ),
                });
            }
        }
        run.clear();
    };
    let mut offset = 0;
    for (number, line) in text.split('\n').enumerate() {
        let start = offset;
        offset += line.len() + 1;
        if line.trim().is_empty() {
            continue;
        }
        let span = crate::span::Span::new(start, start + line.len());
        let in_table = document
            .tables
            .iter()
            .any(|t| t.span.start < span.end && span.start < t.span.end);
        if !in_table && row_of_figures(document, span, line) {
            run.push(number + 1);
        } else {
            close(&mut run);
        }
    }
    close(&mut run);
    blocks
}

/// A line that reads as a row of figures: two or more that carry
/// arithmetic, and no more words than a row's label.
fn row_of_figures(document: &Document, span: crate::span::Span, line: &str) -> bool {
    let figures = document.figures.within(span);
    let counted = figures
        .iter()
        .filter(|f| {
            matches!(
                classify(document, f),
                FigureKind::Arithmetic | FigureKind::Prose
            )
        })
        .count();
    let words = line
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    counted >= 2 && words <= MAX_LABEL_WORDS
}
