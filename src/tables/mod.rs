//! Stage 2: the tables of a document, as rows of cells with labels.
//!
//! Two layouts occur in the documents: blocks of tab-separated lines (how the
//! PDF converter wrote tables) and Markdown pipe tables. A table has one or
//! more header rows; a header cell left empty continues the label to its
//! left (`Year 1 (£m)` spans its `Low` and `High` columns). Cells keep their
//! span in the original text, so a figure read from a cell is reported where
//! it is printed, leftovers such as `<b>15.1</b>` included.

use crate::figures::Figures;
use crate::span::Span;
use crate::units::{Scale, Unit};

mod lookup;
mod plain;
mod select;

pub use lookup::{nearest as nearest_labels, normalise, LabelError, Lookup, TablesByKey};
pub use select::{Picked, SelectError, Selection};

#[derive(Clone, Debug)]
pub struct Table {
    /// From the start of the first row to the end of the last.
    pub span: Span,
    pub rows: Vec<Row>,
    /// How many of `rows` are header rows.
    pub header_rows: usize,
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

    /// Every cell with words in it before the row's first figure: a row
    /// can be labelled by its outcome and its measure both.
    pub fn row_labels<'t>(&self, row: &'t Row, figures: &Figures) -> Vec<&'t str> {
        row.cells
            .iter()
            .take_while(|c| !is_figure_cell(c, figures))
            .filter(|c| !c.text.is_empty())
            .map(|c| c.text.as_str())
            .collect()
    }
}

/// The unit and scale a column header gives its cells: `£`, `(£m)`,
/// `(£ '000)`, `%`. `None` when the header names no unit.
pub fn header_unit(labels: &[&str]) -> Option<(Unit, Scale)> {
    let header = labels.join(" / ").to_lowercase();
    if !header.contains('£') {
        // A `%` column (`% reduction`, `(%)`) holds percentages.
        return header.contains('%').then_some((Unit::Percent, Scale::One));
    }
    // `(£m)`, `£m`, `(£ '000)`: a scale written right after the `£`, not the
    // first letter of the next label (`Savings £ / Medium`).
    let after_pound = |suffix: &str| {
        header.match_indices('£').any(|(at, _)| {
            let rest = header[at + '£'.len_utf8()..].trim_start();
            rest.strip_prefix(suffix)
                .is_some_and(|tail| !tail.starts_with(char::is_alphabetic))
        })
    };
    let scale = if after_pound("m") || header.contains("million") {
        Scale::Million
    } else if after_pound("bn") || header.contains("billion") {
        Scale::Billion
    } else if after_pound("'000")
        || after_pound("’000")
        || after_pound("000")
        || after_pound("k")
        || header.contains("'000")
    {
        Scale::Thousand
    } else {
        Scale::One
    };
    Some((Unit::Pounds, scale))
}

/// Finds the tables of a document: pipe tables, tab-separated tables, and
/// the plain tables text copied from a PDF leaves (see [`plain`]), in
/// document order.
pub fn find_tables(text: &str, figures: &Figures) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut block: Vec<Span> = Vec::new();
    let mut block_is_pipe = false;
    let mut offset = 0;
    // Every line, and whether it belongs to a pipe or tab table.
    let mut lines: Vec<(Span, bool)> = Vec::new();
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let span = Span::new(offset, offset + body.len());
        offset += line.len();
        let is_pipe = body.trim_start().starts_with('|');
        let is_row = is_pipe || body.contains('\t');
        lines.push((span, is_row));
        if is_row && (block.is_empty() || is_pipe == block_is_pipe) {
            block_is_pipe = is_pipe;
            block.push(span);
            continue;
        }
        flush(text, figures, &mut block, block_is_pipe, &mut tables);
        if is_row {
            block_is_pipe = is_pipe;
            block.push(span);
        }
    }
    flush(text, figures, &mut block, block_is_pipe, &mut tables);
    tables.extend(plain::plain_tables(text, figures, &lines));
    tables.sort_by_key(|t| t.span.start);
    tables
}

fn flush(
    text: &str,
    figures: &Figures,
    block: &mut Vec<Span>,
    pipe: bool,
    tables: &mut Vec<Table>,
) {
    let lines = std::mem::take(block);
    let table = if pipe {
        pipe_table(text, &lines)
    } else {
        tab_table(text, figures, &lines)
    };
    if let Some(table) = table {
        tables.push(table);
    }
}

fn tab_table(text: &str, figures: &Figures, lines: &[Span]) -> Option<Table> {
    // A lone tabbed line is a table only if it has at least two cells.
    let rows: Vec<Row> = lines.iter().map(|&l| split_row(text, l, '\t')).collect();
    if rows.is_empty() || (rows.len() == 1 && rows.first().is_some_and(|r| r.cells.len() < 2)) {
        return None;
    }
    let header_rows = rows
        .iter()
        .position(|row| row.cells.iter().skip(1).any(|c| is_figure_cell(c, figures)))
        .unwrap_or(1);
    Some(Table {
        span: lines.first()?.join(*lines.last()?),
        rows,
        header_rows,
        first_labels: std::sync::OnceLock::new(),
        headers: std::sync::OnceLock::new(),
    })
}

fn pipe_table(text: &str, lines: &[Span]) -> Option<Table> {
    let is_rule = |l: &Span| {
        let body = l.slice(text).trim();
        body.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) && body.contains('-')
    };
    let header_rows = lines.iter().position(is_rule).unwrap_or(0);
    let rows = lines
        .iter()
        .filter(|l| !is_rule(l))
        .map(|&l| split_row(text, trim_pipes(text, l), '|'))
        .collect::<Vec<_>>();
    if rows.is_empty() {
        return None;
    }
    Some(Table {
        span: lines.first()?.join(*lines.last()?),
        rows,
        header_rows,
        first_labels: std::sync::OnceLock::new(),
        headers: std::sync::OnceLock::new(),
    })
}

/// The span of a pipe row without its outer `|` characters.
fn trim_pipes(text: &str, line: Span) -> Span {
    let body = line.slice(text);
    let start = line.start + body.find('|').map_or(0, |i| i + 1);
    let end = line.start
        + body
            .rfind('|')
            .filter(|&i| line.start + i >= start)
            .unwrap_or(body.len());
    Span::new(start, end.max(start))
}

fn split_row(text: &str, line: Span, separator: char) -> Row {
    let mut cells = Vec::new();
    let mut start = line.start;
    for piece in line.slice(text).split(separator) {
        let span = Span::new(start, start + piece.len());
        let text = words_of(piece);
        cells.push(Cell {
            span,
            key: text.to_lowercase(),
            text,
        });
        start = span.end + separator.len_utf8();
    }
    Row { span: line, cells }
}

/// The words of a cell: HTML tags removed, whitespace collapsed.
pub fn words_of(cell: &str) -> String {
    let mut words = String::with_capacity(cell.len());
    let mut in_tag = false;
    for c in cell.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                words.push(' ');
            }
            _ if in_tag => {}
            _ => words.push(c),
        }
    }
    words.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A cell that holds one figure and nothing else, such as `£296,248` or
/// `<b>15.1</b>`.
pub fn is_figure_cell(cell: &Cell, figures: &Figures) -> bool {
    match figures.within(cell.span) {
        [only] => only.printed == cell.text,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::recognise;

    fn tables_of(text: &str) -> (Vec<Table>, Figures) {
        let figures = recognise(text);
        (find_tables(text, &figures), figures)
    }

    const PHASING: &str = "Intro\n\n\tYear 1 (£m)\t\tYear 2 (£m)\t\n\tLow\tHigh\tLow\tHigh\nFront office\t0\t0\t1.3\t5.1\n<b>Sub-total</b>\t\t\t<b>15.1</b>\t<b>43.7</b>\n\nAfter\n";

    #[test]
    fn two_header_rows_with_spanning_labels() {
        let (tables, figures) = tables_of(PHASING);
        assert_eq!(tables.len(), 1);
        let table = &tables[0];
        assert_eq!(table.header_rows, 2);
        assert_eq!(table.column_labels(2), ["Year 1 (£m)", "High"]);
        assert_eq!(table.column_labels(3), ["Year 2 (£m)", "Low"]);
        let rows = table.data_rows();
        assert_eq!(table.row_label(&rows[0], &figures), Some("Front office"));
        assert_eq!(table.row_label(&rows[1], &figures), Some("Sub-total"));
        let cell = &rows[1].cells[3];
        assert_eq!(cell.text, "15.1");
        assert_eq!(cell.span.slice(PHASING), "<b>15.1</b>");
        assert!(is_figure_cell(cell, &figures));
    }

    #[test]
    fn units_and_scales_from_headers() {
        assert_eq!(header_unit(&["£"]), Some((Unit::Pounds, Scale::One)));
        assert_eq!(
            header_unit(&["Year 1 (£m)", "Low"]),
            Some((Unit::Pounds, Scale::Million))
        );
        assert_eq!(
            header_unit(&["Cost (£ '000)"]),
            Some((Unit::Pounds, Scale::Thousand))
        );
        assert_eq!(
            header_unit(&["Savings £", "Medium"]),
            Some((Unit::Pounds, Scale::One))
        );
        assert_eq!(
            header_unit(&["Total (£m)"]),
            Some((Unit::Pounds, Scale::Million))
        );
        assert_eq!(
            header_unit(&["% reduction", "Low"]),
            Some((Unit::Percent, Scale::One))
        );
        assert_eq!(header_unit(&["Population"]), None);
    }

    #[test]
    fn a_table_without_header_rows_has_none() {
        let text = "Programme Team\t£296,248\nProgramme Budget\t£100,000\n";
        let (tables, _) = tables_of(text);
        assert_eq!(tables[0].header_rows, 0);
        assert_eq!(tables[0].rows.len(), 2);
    }

    #[test]
    fn pipe_tables() {
        let text = "| | |\n|---|---|\n| TITLE: | Vision Derbyshire |\n| Cost | £5 |\n";
        let (tables, figures) = tables_of(text);
        assert_eq!(tables.len(), 1);
        let table = &tables[0];
        assert_eq!(table.header_rows, 1);
        assert_eq!(table.data_rows().len(), 2);
        let cost = &table.data_rows()[1];
        assert_eq!(table.row_label(cost, &figures), Some("Cost"));
        assert_eq!(cost.cells[1].text, "£5");
    }
}
