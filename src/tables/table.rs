//! A table as the document prints it: rows of cells, the first rows
//! headers, each cell with its span in the document and its words.

use crate::figures::Figures;
use crate::span::Span;

#[derive(Clone, Debug)]
pub struct Table {
    /// From the start of the first row to the end of the last.
    pub span: Span,
    pub rows: Vec<Row>,
    /// How many of `rows` are header rows.
    pub header_rows: usize,
    /// A blank cell in a row of figures is nil. Space-aligned tables (a
    /// PDF's text layer) print nothing where a line has no amount, as a
    /// capital scheme spent in one year only; in delimited tables a blank
    /// cell is left empty on purpose and stays unread.
    pub blank_is_nil: bool,
    /// The data rows by their first label (normalised), built at the first
    /// lookup: a whole-table rule looks up every row, and a scan of the
    /// table for each would take time growing with the square of its rows.
    pub(crate) first_labels: std::sync::OnceLock<std::collections::HashMap<String, Vec<usize>>>,
    /// The columns by their headers joined with ` / ` (normalised), for
    /// the same reason.
    pub(crate) headers: std::sync::OnceLock<std::collections::HashMap<String, Vec<usize>>>,
}

#[derive(Clone, Debug)]
pub struct Row {
    pub span: Span,
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug)]
pub struct Cell {
    /// The cell as printed, markup included.
    pub span: Span,
    /// The cell's words: markup removed, whitespace collapsed, trimmed.
    pub text: String,
    /// `text` in lower case, for looking labels up.
    pub key: String,
}

impl Table {
    pub fn data_rows(&self) -> &[Row] {
        self.rows.get(self.header_rows..).unwrap_or_default()
    }

    /// Whether the cell at `column` of `row` reads as none: printed `-` or
    /// `nil`, or blank in a table that prints nil as blank, in a value
    /// column of a row that holds a figure elsewhere (a heading row's
    /// blanks are no amounts, and the first cell is the row's label).
    pub fn is_nil_cell(&self, row: &Row, column: usize) -> bool {
        let Some(cell) = row.cells.get(column) else {
            return false;
        };
        if super::cell::is_nil(&cell.text) {
            return true;
        }
        self.blank_is_nil
            && column > 0
            && cell.text.is_empty()
            && row.cells.iter().skip(1).any(|c| !c.text.is_empty())
    }

    pub fn column_count(&self) -> usize {
        self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0)
    }

    /// The labels of column `index` from the header rows, top to bottom,
    /// with spanning labels carried right across empty header cells.
    pub fn column_labels(&self, index: usize) -> Vec<&str> {
        let headers = self.rows.get(..self.header_rows).unwrap_or_default();
        headers
            .iter()
            .enumerate()
            .map(|(depth, row)| {
                let spans_right = depth + 1 < headers.len();
                let own = row.cells.get(index).map_or("", |c| c.text.as_str());
                if !own.is_empty() || !spans_right {
                    return own;
                }
                row.cells
                    .iter()
                    .take(index)
                    .rev()
                    .map(|c| c.text.as_str())
                    .find(|t| !t.is_empty())
                    .unwrap_or("")
            })
            .filter(|label| !label.is_empty())
            .collect()
    }

    /// The row's label: its first cell with words in it.
    pub fn row_label<'t>(&self, row: &'t Row, figures: &Figures) -> Option<&'t str> {
        self.row_labels(row, figures).into_iter().next()
    }

    /// Every cell with words in it before the row's first figure or nil: a row
    /// can be labelled by its outcome and its measure both.
    pub fn row_labels<'t>(&self, row: &'t Row, figures: &Figures) -> Vec<&'t str> {
        row.cells
            .iter()
            // A nil (`-`) in the first figure column is the row's first
            // value, not a word of its label: `Budget gap  -  3,545`.
            .take_while(|c| !is_figure_cell(c, figures) && !super::cell::is_nil(&c.text))
            .filter(|c| !c.text.is_empty())
            .map(|c| c.text.as_str())
            .collect()
    }
}

/// A cell that holds one figure and nothing else, such as `£296,248`,
/// `<b>15.1</b>` or an accountant's negative `(1,950)`.
pub fn is_figure_cell(cell: &Cell, figures: &Figures) -> bool {
    match figures.within(cell.span) {
        [only] => only.printed == cell.text || super::cell::is_bracketed(&cell.text, &only.printed),
        _ => false,
    }
}
