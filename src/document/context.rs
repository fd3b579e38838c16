//! A figure as its place in the document qualifies it: a bare `261,749`
//! in a `£` column is £261,749, `1.3` under `(£m)` is £1.3m, and `(1,950)`
//! alone in a cell is an accountant's -1,950.

use crate::figures::Figure;
use crate::tables::{header_unit, is_bracketed, Table};
use crate::units::{Scale, Unit};

use super::prepared::Document;

/// The figure as its table column qualifies it, however it was anchored: a
/// bare `261,749` under a `£` header is £261,749, `1.3` under `(£m)` is
/// £1.3m, and `(1,950)` alone in a cell is an accountant's -1,950.
pub fn figure_in_context(document: &Document, index: usize) -> Option<Figure> {
    let mut figure = document.figures.figures.get(index)?.clone();
    if figure.in_words {
        return Some(figure);
    }
    // Tables are in document order and do not overlap: the only one that
    // can hold the figure is the first that ends at or after its start.
    let at = document
        .tables
        .partition_point(|t| t.span.end < figure.span.start);
    let Some(table) = document
        .tables
        .get(at)
        .filter(|t| t.span.contains(figure.span))
    else {
        return Some(figure);
    };
    // Rows are in document order too: the row is found by halving, not
    // by reading every row (a whole-table rule reads every one).
    let rows = table.data_rows();
    let row_at = rows.partition_point(|r| r.span.end < figure.span.start);
    let cells = rows.get(row_at).map_or(&[][..], |row| row.cells.as_slice());
    let column = cells.iter().position(|c| c.span.contains(figure.span));
    let bracketed = column
        .and_then(|c| cells.get(c))
        .is_some_and(|cell| is_bracketed(&cell.text, &figure.printed));
    if bracketed && figure.value.is_sign_positive() {
        figure.value = -figure.value;
        figure.printed = format!("({})", figure.printed);
    }
    // "eight councils" in a £ column is still a count of councils.
    if figure.unit != Unit::Number || figure.scale != Scale::One {
        return Some(figure);
    }
    if let Some((unit, scale)) = column.and_then(|c| header_unit(&table.column_labels(c))) {
        figure.unit = unit;
        figure.scale = scale;
        figure.value *= scale.multiplier();
    }
    Some(figure)
}

/// The unit of a column's figures: its header's, or else that of the first
/// figure printed in it (`£12,400` under `2024/25`), or a plain number.
pub fn column_unit(document: &Document, table: &Table, column: usize) -> Unit {
    if let Some((unit, _)) = header_unit(&table.column_labels(column)) {
        return unit;
    }
    table
        .data_rows()
        .iter()
        .filter_map(|row| row.cells.get(column))
        .find_map(|cell| {
            let first = document
                .figures
                .figures
                .partition_point(|f| f.span.start < cell.span.start);
            let figure = document.figures.figures.get(first)?;
            cell.span.contains(figure.span).then_some(figure.unit)
        })
        .unwrap_or(Unit::Number)
}
