//! Space-aligned tables: budgets as a PDF's text layer (`pdftotext
//! -layout`) prints them, and tables copied from a web page with a space
//! between cells.
//!
//! ```text
//!                                   2024/25
//!                         Gross      Income        Net
//! Service                 £'000       £'000      £'000
//! Adults, health &
//! commissioning          12,450      (3,100)     9,350
//! Libraries               1,200           -      1,200
//!                        13,650      (3,100)    10,550
//! ```
//!
//! A block is the lines from a row of figures to the last row of figures
//! after it, through lines of words (labels that wrap, section headings)
//! and single blank lines (a table printed in blocks). Its columns are
//! found by [`columns`], its header from the lines of words just above it
//! by [`header`]; a line of words inside it joins the row it belongs to
//! (see [`wrapped`]). A line of figures with no words is a row with no
//! label, as an unlabelled sub-total prints.

mod chunks;
mod columns;
mod header;
mod wrapped;

use self::chunks::{chunk_line, is_prose, Kind, Line};
use self::columns::Columns;
use self::header::{header_rows, is_title, HeaderRow};
use self::wrapped::{logical_rows, LogicalRow};
use super::cell::words_of;
use super::table::{Cell, Row, Table};
use crate::figures::Figures;
use crate::span::Span;

/// At most this many lines of words above a table are its header.
const HEADER_LINES: usize = 5;

/// The aligned tables among `lines` (whole lines in order, and whether a
/// pipe or tab table took each), with the lines they take.
pub fn aligned_tables(
    text: &str,
    figures: &Figures,
    lines: &[(Span, bool)],
) -> (Vec<Table>, Vec<bool>) {
    let chunked: Vec<Option<Line>> = lines
        .iter()
        .map(|&(span, taken)| (!taken).then(|| chunk_line(text, figures, span)))
        .collect();
    let mut taken = vec![false; lines.len()];
    let mut tables = Vec::new();
    let mut at = 0;
    while at < chunked.len() {
        let is_row = chunked
            .get(at)
            .and_then(Option::as_ref)
            .is_some_and(|l| l.is_row(text));
        if !is_row {
            at += 1;
            continue;
        }
        let end = block_end(text, &chunked, at);
        let start = block_start(text, &chunked, at);
        let header = header_start(text, &chunked, start);
        match table(text, figures, &chunked, header, start, end) {
            Some((found, header)) => {
                taken
                    .iter_mut()
                    .take(end + 1)
                    .skip(header)
                    .for_each(|t| *t = true);
                tables.push(found);
                at = end + 1;
            }
            None => at += 1,
        }
    }
    (tables, taken)
}

fn line_at(chunked: &[Option<Line>], at: usize) -> Option<&Line> {
    chunked.get(at).and_then(Option::as_ref)
}

/// A line of words that may sit inside a table: one run of words, short,
/// and not a sentence.
fn is_label_line(text: &str, line: &Line) -> bool {
    line.chunks.len() == 1
        && line.chunks.iter().all(|c| c.kind == Kind::Words)
        && !is_prose(line.span.slice(text))
}

/// The last row of the block that starts with the row at `start`.
fn block_end(text: &str, chunked: &[Option<Line>], start: usize) -> usize {
    let mut last_row = start;
    let mut blanks = 0;
    let mut at = start + 1;
    while let Some(line) = line_at(chunked, at) {
        if line.is_blank() {
            blanks += 1;
            if blanks > 1 {
                break;
            }
        } else if line.is_row(text) {
            last_row = at;
            blanks = 0;
        } else if is_label_line(text, line) {
            // A label that wraps, or a section heading: kept only if a row
            // follows it (checked when the next row comes).
            blanks = 0;
        } else {
            break;
        }
        at += 1;
    }
    last_row
}

/// The first line of the block whose first row of figures is at `row`:
/// the lines of words just above it that lie left of its figures are a
/// label that wraps onto it or a section heading, not its header.
fn block_start(text: &str, chunked: &[Option<Line>], row: usize) -> usize {
    let first_value = line_at(chunked, row)
        .and_then(|l| l.values().map(|v| v.start).min())
        .unwrap_or(0);
    let mut start = row;
    while let Some(line) = start.checked_sub(1).and_then(|i| line_at(chunked, i)) {
        let over_labels = line.chunks.iter().all(|c| c.end < first_value);
        if !(is_label_line(text, line) && over_labels) {
            break;
        }
        start -= 1;
    }
    start
}

/// The first line of the header above the row at `first_row`: the lines
/// of words just above it, not prose, at most [`HEADER_LINES`].
fn header_start(text: &str, chunked: &[Option<Line>], first_row: usize) -> usize {
    let mut start = first_row;
    while start > 0 && first_row - start < HEADER_LINES {
        let Some(line) = line_at(chunked, start - 1) else {
            break;
        };
        let header_like = !line.is_blank()
            && !line.has_figure()
            && (line.chunks.len() >= 2 || is_label_line(text, line));
        if !header_like {
            break;
        }
        start -= 1;
    }
    start
}

/// The table of header lines `header..first_row` and block
/// `first_row..=end`, if its rows line up into columns, with the line its
/// header starts on once a title above it is left out.
fn table(
    text: &str,
    figures: &Figures,
    chunked: &[Option<Line>],
    header: usize,
    first_row: usize,
    end: usize,
) -> Option<(Table, usize)> {
    let block: Vec<&Line> = (first_row..=end)
        .filter_map(|i| line_at(chunked, i))
        .collect();
    if block
        .iter()
        .any(|l| !l.is_blank() && !l.is_row(text) && !is_label_line(text, l))
    {
        return None;
    }
    let rows: Vec<&Line> = block.iter().copied().filter(|l| l.is_row(text)).collect();
    let columns = Columns::of(&rows)?;
    if !enough(&rows, &columns) {
        return None;
    }
    let labels = label_extent(&rows);
    // A title printed straight above the header (`Table A: Capital
    // programme (£m)`) names the table; read as a header line, it would
    // join the label column's or one column's label.
    let header = (header..first_row)
        .rev()
        .find(|&i| line_at(chunked, i).is_some_and(|l| is_title(text, l, &columns)))
        .map_or(header, |title| title + 1);
    let header_lines: Vec<&Line> = (header..first_row)
        .filter_map(|i| line_at(chunked, i))
        .collect();
    let headers = header_rows(text, &header_lines, &columns, labels);
    let logical = logical_rows(text, &block);
    let mut table_rows: Vec<Row> = headers.iter().map(|h| header_row(text, h)).collect();
    let header_count = table_rows.len();
    table_rows.extend(
        logical
            .iter()
            .map(|row| data_row(text, figures, row, &columns)),
    );
    let first_line = header_lines.first().map_or(block.first()?.span, |l| l.span);
    let table = Table {
        span: first_line.join(block.last()?.span),
        rows: table_rows,
        header_rows: header_count,
        blank_is_nil: true,
        first_labels: std::sync::OnceLock::new(),
        headers: std::sync::OnceLock::new(),
    };
    Some((table, header))
}

/// Enough rows to be a table: two full rows of two or more columns, or
/// three rows of one; and, by place, most rows full.
fn enough(rows: &[&Line], columns: &Columns) -> bool {
    let width = columns.count();
    let full = rows.iter().filter(|r| r.values().count() == width).count();
    let labelled = rows.iter().filter(|r| r.words().next().is_some()).count();
    let shape = if width >= 2 {
        full >= 2
    } else {
        rows.len() >= 3
    };
    let placed = columns.by_position || full * 2 >= rows.len();
    shape && placed && labelled >= 1
}

/// The character columns the rows' labels occupy.
fn label_extent(rows: &[&Line]) -> (usize, usize) {
    rows.iter()
        .flat_map(|r| r.words())
        .fold((usize::MAX, 0), |(s, e), w| (s.min(w.start), e.max(w.end)))
}

fn cell(text: &str, spans: &[Span], fallback: Span) -> Cell {
    let words: Vec<String> = spans.iter().map(|s| words_of(s.slice(text))).collect();
    let words = words.join(" ");
    let span = match (spans.first(), spans.last()) {
        (Some(first), Some(last)) => first.join(*last),
        _ => fallback,
    };
    Cell {
        span,
        key: words.to_lowercase(),
        text: words,
    }
}

fn header_row(text: &str, header: &HeaderRow) -> Row {
    let all: Vec<Span> = header.iter().flatten().copied().collect();
    let start = all.iter().map(|s| s.start).min().unwrap_or(0);
    let end = all.iter().map(|s| s.end).max().unwrap_or(start);
    let empty = Span::new(end, end);
    Row {
        span: Span::new(start, end),
        cells: header
            .iter()
            .map(|spans| cell(text, spans, empty))
            .collect(),
    }
}

/// A row as cells: its label first, then a cell per column, empty where
/// the row prints nothing.
fn data_row(text: &str, figures: &Figures, row: &LogicalRow, columns: &Columns) -> Row {
    let empty = Span::new(row.figures.span.end, row.figures.span.end);
    let mut cells = vec![cell(text, &row.label, empty)];
    let placed = columns.place(row.figures);
    let figures_of = |span: Span| figures.within(span);
    for column in 0..columns.count() {
        let value: Vec<Span> = placed
            .iter()
            .filter(|(c, _)| *c == column)
            .map(|(_, v)| v.span)
            .collect();
        let mut value_cell = cell(text, &value, empty);
        // `61,300*`: the cell reads as its figure, the marker its note.
        if let [figure] = value.first().map_or(&[][..], |s| figures_of(*s)) {
            if let Some(marker) = figure.footnote.as_deref() {
                if let Some(bare) = value_cell.text.strip_suffix(marker) {
                    value_cell.text = bare.to_string();
                    value_cell.key = value_cell.text.to_lowercase();
                }
            }
        }
        cells.push(value_cell);
    }
    Row {
        span: row.span,
        cells,
    }
}

#[cfg(test)]
mod tests;
