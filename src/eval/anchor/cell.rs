//! Reading a table cell by row and column labels, and one figure of a
//! cell that holds several (`65%/35%`, `North – 41,250; South – 18,902`).

use crate::document::{column_unit, Document};
use crate::lang::ast::{CellPick, ColumnRef};
use crate::span::Span;
use crate::tables::{label_error, LabelError, Table};

use super::super::error::{CellAsk, CellFigure, EvalErrorKind, SeveralFigures};
use super::found::Anchored;
use super::text::range_starting_at;

/// The figure (or range) in a cell of `table` (found with [`find_table`])
/// found by row and column labels, and for a cell holding several figures
/// (`65%/35%`, `North – 41,250; South – 18,902`) by `pick`: its position or
/// the label before it. A cell of several figures read without `pick` is
/// an error listing them, never its first figure.
pub fn resolve_cell(
    document: &Document,
    name: &str,
    table: &Table,
    row_query: &str,
    column: &ColumnRef,
    pick: Option<&CellPick>,
) -> Result<Anchored, EvalErrorKind> {
    let figures = &document.figures;
    let row_index = table
        .find_row(row_query, figures)
        .map_err(|e| EvalErrorKind::from(label_error("row", row_query, e)))?;
    let row = table.data_rows().get(row_index).ok_or_else(|| {
        EvalErrorKind::from(label_error(
            "row",
            row_query,
            LabelError::NotFound {
                nearest: Vec::new(),
            },
        ))
    })?;
    let column_index = match column {
        ColumnRef::Label(label) => table
            .find_column(&label.value)
            .map_err(|e| EvalErrorKind::from(label_error("column", &label.value, e)))?,
        ColumnRef::Position { number, .. } => number - 1,
    };
    let Some(cell) = row.cells.get(column_index) else {
        return Err(EvalErrorKind::Arguments(format!(
            "the row \"{row_query}\" has {} cells, so it has no column {}",
            row.cells.len(),
            column_index + 1
        )));
    };
    let items = cell_items(document, cell.span);
    let several = |asked: CellAsk| {
        EvalErrorKind::SeveralFigures(Box::new(SeveralFigures {
            document: name.to_string(),
            cell: cell.text.clone(),
            call: format!("cell(\"{row_query}\", {}", column_written(column)),
            asked,
            figures: items
                .iter()
                .enumerate()
                .map(|(at, item)| CellFigure {
                    position: at + 1,
                    printed: item.printed.clone(),
                    label: item.label.clone(),
                })
                .collect(),
        }))
    };
    match (pick, items.as_slice()) {
        (None, []) if table.is_nil_cell(row, column_index) => {
            Ok(Anchored::Nil(column_unit(document, table, column_index)))
        }
        (_, []) => Err(EvalErrorKind::CellFigures {
            document: name.to_string(),
            cell: cell.text.clone(),
            count: 0,
        }),
        (None, [one]) => Ok(one.anchored),
        (None, _) => Err(several(CellAsk::Nothing)),
        (Some(CellPick::Position { number, .. }), _) => number
            .checked_sub(1)
            .and_then(|at| items.get(at))
            .map(|item| item.anchored)
            .ok_or_else(|| several(CellAsk::Position(*number))),
        (Some(CellPick::Label(label)), _) => {
            let labels = items
                .iter()
                .enumerate()
                .filter_map(|(at, item)| Some((at, item.label.as_deref()?)));
            match crate::tables::Lookup::unique(&label.value, labels) {
                Ok(at) => items
                    .get(at)
                    .map(|item| item.anchored)
                    .ok_or_else(|| several(CellAsk::Nothing)),
                Err(error) => Err(several(CellAsk::Label {
                    label: label.value.clone(),
                    ambiguous: matches!(error, LabelError::Ambiguous { .. }),
                })),
            }
        }
    }
}

/// How the column of a `cell(…)` call was written, for the calls an error
/// suggests.
fn column_written(column: &ColumnRef) -> String {
    match column {
        ColumnRef::Label(label) => format!("\"{}\"", label.value),
        ColumnRef::Position { number, .. } => number.to_string(),
    }
}

/// One figure of a cell, as `cell(row, column, n)` counts them: a range
/// (`£20-66m`) is one.
#[derive(Clone, Debug)]
struct CellItem {
    anchored: Anchored,
    printed: String,
    /// The words before the figure, after the previous one: `North` in
    /// `North – 41,250; South – 18,902`.
    label: Option<String>,
}

/// The figures of a cell in order, a range counting once. Figures in
/// brackets (`£5,000 (2%)`) are notes on the figure before them and are
/// left out, unless the cell has no other.
fn cell_items(document: &Document, cell: Span) -> Vec<CellItem> {
    let figures = &document.figures;
    let text = &document.source.text;
    // Figures are in order of their start: only those starting in the cell
    // can lie in it.
    let first = figures
        .figures
        .partition_point(|f| f.span.start < cell.start);
    let last = figures.figures.partition_point(|f| f.span.start < cell.end);
    let inside: Vec<usize> = (first..last)
        .filter(|&i| {
            figures
                .figures
                .get(i)
                .is_some_and(|f| cell.contains(f.span))
        })
        .collect();
    let unbracketed: Vec<usize> = inside
        .iter()
        .copied()
        .filter(|&i| {
            figures.figures.get(i).is_some_and(|f| {
                text.get(cell.start..f.span.start)
                    .is_some_and(|before| bracket_depth(before) == 0)
            })
        })
        .collect();
    let chosen = if unbracketed.is_empty() {
        inside
    } else {
        unbracketed
    };
    let mut items = Vec::new();
    let mut after_previous = cell.start;
    let mut skip_to = 0;
    for &i in &chosen {
        if i < skip_to {
            continue;
        }
        let Some(figure) = figures.figures.get(i) else {
            continue;
        };
        let range = range_starting_at(figures, i).filter(|&r| {
            figures
                .ranges
                .get(r)
                .is_some_and(|range| chosen.contains(&range.high))
        });
        let (anchored, span) = match range.and_then(|r| Some((r, figures.ranges.get(r)?))) {
            Some((r, range)) => {
                skip_to = range.high + 1;
                (Anchored::Range(r), range.span)
            }
            None => (Anchored::Figure(i), figure.span),
        };
        let label = text
            .get(after_previous..span.start)
            .map(|between| {
                crate::tables::words_of(between)
                    .trim_matches(|c: char| {
                        c.is_whitespace()
                            || matches!(c, '–' | '-' | '—' | ':' | ';' | ',' | '/' | '=' | '|')
                    })
                    .to_string()
            })
            .filter(|label| !label.is_empty());
        items.push(CellItem {
            anchored,
            printed: text.get(span.range()).unwrap_or_default().to_string(),
            label,
        });
        after_previous = span.end;
    }
    items
}

fn bracket_depth(text: &str) -> i32 {
    text.chars().fold(0, |depth, c| match c {
        '(' => depth + 1,
        ')' => depth - 1,
        _ => depth,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The figure `cell(row, column[, pick])` reads in `text`, as printed,
    /// or the error's message and help.
    fn read_cell(text: &str, row: &str, column: &str, pick: Option<CellPick>) -> String {
        let document = Document::new(crate::source::SourceFile::new("paper.txt", text));
        let table = document.tables.first().unwrap();
        let label = |value: &str| crate::lang::ast::Text {
            value: value.to_string(),
            span: Span::new(0, 0),
        };
        let column = ColumnRef::Label(label(column));
        match resolve_cell(&document, "d", table, row, &column, pick.as_ref()) {
            Ok(Anchored::Figure(i)) => document.figures.figures[i].printed.clone(),
            Ok(Anchored::Range(r)) => {
                document.source.text[document.figures.ranges[r].span.range()].to_string()
            }
            Ok(Anchored::Nil(unit)) => format!("nil ({})", unit.name()),
            Err(kind) => {
                let error = super::super::super::error::EvalError::new(Span::new(0, 0), kind);
                format!("{error}\n{}", error.help().unwrap_or_default())
            }
        }
    }

    const SPLITS: &str = "| Service | Split | Cost £ |\n|---|---|---|\n| Parks | 65%/35% | £180,000 |\n| Waste | North – 41,250; South – 18,902 | £60,152 |\n| Street cleaning | 60/40 | £20-66m |\n| Grants | £5,000 (2%) | (5p) |\n";

    #[test]
    fn one_figure_of_a_cell_by_position_or_label() {
        let position = |n| {
            Some(CellPick::Position {
                number: n,
                span: Span::new(0, 0),
            })
        };
        let label = |l: &str| {
            Some(CellPick::Label(crate::lang::ast::Text {
                value: l.to_string(),
                span: Span::new(0, 0),
            }))
        };
        assert_eq!(read_cell(SPLITS, "Parks", "Split", position(2)), "35%");
        assert_eq!(read_cell(SPLITS, "Parks", "Split", position(1)), "65%");
        assert_eq!(
            read_cell(SPLITS, "Street cleaning", "Split", position(2)),
            "40"
        );
        assert_eq!(
            read_cell(SPLITS, "Waste", "Split", label("South")),
            "18,902"
        );
        assert_eq!(
            read_cell(SPLITS, "Waste", "Split", label("north")),
            "41,250"
        );
        // One figure, a range, a figure with a note in brackets, and a
        // figure in brackets alone read as before.
        assert_eq!(read_cell(SPLITS, "Parks", "Cost £", None), "£180,000");
        assert_eq!(
            read_cell(SPLITS, "Street cleaning", "Cost £", None),
            "£20-66m"
        );
        assert_eq!(read_cell(SPLITS, "Grants", "Split", None), "£5,000");
        assert_eq!(read_cell(SPLITS, "Grants", "Cost £", None), "5p");
    }

    #[test]
    fn a_cell_of_several_figures_read_as_one_lists_them() {
        let message = read_cell(SPLITS, "Waste", "Split", None);
        assert!(
            message.starts_with(
                "the cell \"North – 41,250; South – 18,902\" holds 2 figures: say which one"
            ),
            "{message}"
        );
        assert!(message.contains("1: 41,250 after \"North\": cell(\"Waste\", \"Split\", 1) or cell(\"Waste\", \"Split\", \"North\")"), "{message}");
        let message = read_cell(SPLITS, "Street cleaning", "Split", None);
        assert!(
            message.contains("  2: 40: cell(\"Street cleaning\", \"Split\", 2)"),
            "{message}"
        );
        let message = read_cell(
            SPLITS,
            "Parks",
            "Split",
            Some(CellPick::Position {
                number: 3,
                span: Span::new(0, 0),
            }),
        );
        assert!(
            message.starts_with("the cell \"65%/35%\" holds 2 figures, so it has no figure 3"),
            "{message}"
        );
    }
}
