//! A figure as its place in the document qualifies it: a bare `261,749`
//! in a `£` column is £261,749, `1.3` under `(£m)` is £1.3m, and `(1,950)`
//! alone in a cell is an accountant's -1,950.

use crate::figures::Figure;
use crate::tables::{header_unit, is_bracketed, trailing_unit, Table};
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
    let label = cells.first().map_or("", |c| c.text.as_str());
    // A row that states its own unit (`Band D council tax (£)` in a table
    // captioned `(£m)`) is in it, whatever its column says.
    let own = column.filter(|&c| c > 0).and_then(|_| trailing_unit(label));
    let given = own.or_else(|| column.and_then(|c| stated_column_unit(document, at, table, c)));
    if let Some((unit, scale)) = given {
        // `Tax base (Band D equivalents)` in a `2027/28 £` column is a
        // count of properties, not pounds: the header's £ is the other
        // rows'.
        if own.is_none() && unit == Unit::Pounds && names_a_count(label) {
            return Some(figure);
        }
        figure.unit = unit;
        figure.scale = scale;
        figure.value *= scale.multiplier();
    }
    Some(figure)
}

/// The unit the paper states for column `column` of table number `at`:
/// its header's, or else its table caption's, unless the header names a
/// count (`Posts`, `Number of households`) that a `(£m)` caption does not
/// make money.
fn stated_column_unit(
    document: &Document,
    at: usize,
    table: &Table,
    column: usize,
) -> Option<(Unit, Scale)> {
    let labels = table.column_labels(column);
    if let Some(unit) = header_unit(&labels) {
        return Some(unit);
    }
    // The caption's unit is the figures', not the labels' (`Phase 2`).
    if column == 0 {
        return None;
    }
    let caption = document.caption_units.get(at).copied().flatten()?;
    let counts = labels
        .iter()
        .any(|label| names_a_count(label) || is_count_header(label));
    (!counts).then_some(caption)
}

/// A column header that names a count: `FTE`, `Posts`, `No.`, `Number`.
fn is_count_header(label: &str) -> bool {
    let lower = label.trim().to_lowercase();
    [
        "fte",
        "posts",
        "no.",
        "no",
        "number",
        "count",
        "properties",
        "households",
    ]
    .iter()
    .any(|word| lower == *word)
}

/// The unit the paper states for column `column` of `table`, one of
/// `document`'s tables: its header's, or its caption's.
pub fn column_stated_unit(
    document: &Document,
    table: &Table,
    column: usize,
) -> Option<(Unit, Scale)> {
    let at = document
        .tables
        .iter()
        .position(|t| std::ptr::eq(t, table))?;
    stated_column_unit(document, at, table, column)
}

/// A row label that names a count (`Tax base`, `Number of households`,
/// `Population`, `Staff (FTE)`): its figures are not the money its column
/// holds. Kept narrow, since a long label may mention a count in passing
/// (`60% split (Costs dependent upon the total number of Councils)`) and
/// `Households support fund` or `Cost of 3 FTE posts` are money.
pub fn names_a_count(label: &str) -> bool {
    let lower = label.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let starts = [
        "number of",
        "no. of",
        "population",
        "tax base",
        "taxbase",
        "headcount",
    ]
    .iter()
    .any(|phrase| lower.starts_with(phrase));
    let short = words.len() <= 6;
    let names = ["tax base", "taxbase", "band d equivalents"]
        .iter()
        .any(|phrase| lower.contains(phrase));
    starts || (short && (names || words.last() == Some(&"fte")))
}

/// The unit of a column's figures: its header's or caption's, or else that of the first
/// figure printed in it (`£12,400` under `2024/25`), or a plain number.
pub fn column_unit(document: &Document, table: &Table, column: usize) -> Unit {
    if let Some((unit, _)) = column_stated_unit(document, table, column) {
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

#[cfg(test)]
mod tests {
    use super::names_a_count;

    #[test]
    fn a_count_is_named_by_its_row_label() {
        for label in [
            "Tax base (Band D equivalents)",
            "Council taxbase",
            "Number of households",
            "Population (mid-2025)",
            "Staff (FTE)",
        ] {
            assert!(names_a_count(label), "{label}");
        }
        for label in [
            "District and Borough Councils 60% split (Costs dependent upon the total number of Councils joining)",
            "Cost of 3 FTE posts",
            "Households support fund",
            "Income from properties",
            "Council tax requirement",
            "Band D council tax",
            "Public health grant",
        ] {
            assert!(!names_a_count(label), "{label}");
        }
    }
}
