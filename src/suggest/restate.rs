//! Prose that restates a table's figure: "The net budget rises from
//! £4,679,000" beside a table whose Net budget row prints 4,679 in £'000.
//!
//! A figure of the text (outside every table) restates a cell when its
//! value, scale applied, is exactly the cell's, and no other cell of any
//! table has that value: a figure two cells share could restate either.
//! Figures with fewer than three significant digits (`£50,000`, `5%`) are
//! left alone, since they match by chance. The text's figure is found by the words just before it,
//! back to the previous figure or the start of the line, taken until they
//! occur once in the whole paper.

use rust_decimal::Decimal;

use super::grid::Grid;
use crate::document::figure_in_context;
use crate::document::Document;
use crate::units::Unit;

/// A figure of the text that restates one table cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Restatement {
    /// Index of the grid in the suggestion list.
    pub grid: usize,
    pub row: usize,
    pub column: usize,
    /// The text anchor that finds the prose figure: words, then `{}`.
    pub anchor: String,
    /// The line of the prose figure, for the comment.
    pub line: usize,
}

/// A cell of one table restated in a later table: the total of a bridge
/// is the opening line (or the total) of the funding table after it.
#[derive(Clone, Debug, PartialEq)]
pub struct Across {
    /// The earlier table's grid, row and column.
    pub from: (usize, usize, usize),
    /// The later table's grid, row and column.
    pub to: (usize, usize, usize),
}

/// Cells in the first or last row of a table (where a paper puts the
/// figure it carries from one table to the next) whose value, at least
/// three significant digits, occurs in exactly one other cell of all the
/// tables, in a later table's first or last row.
pub fn across_tables(grids: &[Grid]) -> Vec<Across> {
    let cells = cells_by_value(grids);
    let at_an_end = |g: usize, row: usize| {
        grids
            .get(g)
            .is_some_and(|grid| row == 0 || row + 1 == grid.rows.len())
    };
    let mut found = Vec::new();
    for (i, (value, unit, g, row, column)) in cells.iter().enumerate() {
        if !worth_matching(*value, 0) || !at_an_end(*g, *row) {
            continue;
        }
        let same: Vec<&(Decimal, Unit, usize, usize, usize)> = cells
            .iter()
            .filter(|(v, u, ..)| v == value && u == unit)
            .collect();
        let [_, _] = same.as_slice() else {
            continue;
        };
        let later = cells
            .iter()
            .skip(i + 1)
            .find(|(v, u, other, ..)| v == value && u == unit && other > g);
        if let Some((_, _, to_grid, to_row, to_column)) = later {
            if at_an_end(*to_grid, *to_row) {
                found.push(Across {
                    from: (*g, *row, *column),
                    to: (*to_grid, *to_row, *to_column),
                });
            }
        }
    }
    found
}

/// Most words an anchor takes before it is given up as not unique.
const MAX_WORDS: usize = 8;

/// The restatements of the grids' cells in the document's text.
pub fn restatements(document: &Document, grids: &[Grid]) -> Vec<Restatement> {
    let cells = cells_by_value(grids);
    let mut found = Vec::new();
    for (index, figure) in document.figures.figures.iter().enumerate() {
        let in_table = document.tables.iter().any(|t| t.span.contains(figure.span));
        // An end of a range (`from £1,656.00 to £1,738.80` reads as one)
        // is not a figure an anchor reads alone.
        let in_range = document
            .figures
            .ranges
            .iter()
            .any(|r| r.low == index || r.high == index);
        if in_table || in_range || figure.in_words || !worth_matching(figure.value, figure.decimals)
        {
            continue;
        }
        let Some(figure) = figure_in_context(document, index) else {
            continue;
        };
        let matching: Vec<&(Decimal, Unit, usize, usize, usize)> = cells
            .iter()
            .filter(|(v, u, ..)| *v == figure.value.normalize() && *u == figure.unit)
            .collect();
        let [(_, _, grid, row, column)] = matching.as_slice() else {
            continue;
        };
        let Some(anchor) = anchor_before(document, figure.span.start) else {
            continue;
        };
        found.push(Restatement {
            grid: *grid,
            row: *row,
            column: *column,
            anchor,
            line: document.source.line_col(figure.span.start).line,
        });
    }
    found
}

/// Every cell's value (percentages back in their printed form, as a text
/// figure holds them), with where it is.
fn cells_by_value(grids: &[Grid]) -> Vec<(Decimal, Unit, usize, usize, usize)> {
    let mut cells = Vec::new();
    for (g, grid) in grids.iter().enumerate() {
        for row in 0..grid.rows.len() {
            for column in 0..grid.columns.len() {
                if let Some(value) = grid.cell(row, column) {
                    let printed_value = if value.unit == Unit::Percent {
                        value.value * Decimal::ONE_HUNDRED
                    } else {
                        value.value
                    };
                    cells.push((printed_value.normalize(), value.unit, g, row, column));
                }
            }
        }
    }
    cells
}

/// Figures with at least three significant digits: `£50,000` or `5%`
/// matches some cell by chance, `£504,200` or `41.2%` hardly.
fn worth_matching(value: Decimal, _decimals: u32) -> bool {
    let digits = value.abs().normalize().mantissa().to_string();
    digits.trim_end_matches('0').len() >= 3
}

/// `words {}`: the words before `at`, on its line and after any figure,
/// as many as make them occur once in the paper (at least two).
fn anchor_before(document: &Document, at: usize) -> Option<String> {
    let text = &document.source.text;
    let line_start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let previous_figure_end = document
        .figures
        .figures
        .iter()
        .map(|f| f.span.end)
        .filter(|&end| end <= at && end >= line_start)
        .max()
        .unwrap_or(line_start);
    let before = text.get(previous_figure_end..at)?;
    // The figure's own `£` belongs to the anchor's words: `£{}`.
    let words: Vec<&str> = before.split_whitespace().collect();
    if words.len() < 2
        || before
            .chars()
            .any(|c| matches!(c, '"' | '\\' | '{' | '}' | '#'))
    {
        return None;
    }
    let glued = !before.ends_with(char::is_whitespace);
    let joined = |n: usize| {
        let tail = words.get(words.len().saturating_sub(n)..).unwrap_or(&[]);
        tail.join(" ")
    };
    let normalised: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for n in 2..=MAX_WORDS.min(words.len()) {
        let phrase = joined(n);
        if normalised.matches(phrase.as_str()).count() == 1 {
            let gap = if glued { "" } else { " " };
            return Some(format!("{phrase}{gap}{{}}"));
        }
    }
    None
}
