//! Finding a document's tables: blocks of tab-separated lines (how a PDF
//! converter writes tables), Markdown pipe tables, and the plain tables of
//! [`super::plain`].

use crate::figures::Figures;
use crate::span::Span;

use super::aligned;
use super::cell::words_of;
use super::plain;
use super::table::{is_figure_cell, Cell, Row, Table};

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
    // Space-aligned tables first: where they read a block, the plain
    // reader (one figure per word from the end of the line) would misread it.
    let (aligned, taken) = aligned::aligned_tables(text, figures, &lines);
    tables.extend(aligned);
    for (line, taken) in lines.iter_mut().zip(taken) {
        line.1 |= taken;
    }
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
        blank_is_nil: false,
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
        blank_is_nil: false,
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
