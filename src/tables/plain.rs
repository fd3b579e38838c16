//! Tables that text copied from a PDF or a web page leaves behind: lines
//! of a label followed by figures, separated by single spaces or runs of
//! spaces, under a header line.
//!
//! ```text
//! Anytown Parish Council 2023/24 £ 2024/25 £
//! Grounds maintenance 48,200 51,375
//! Interest received -12,000 -15,500
//! Election costs - 4,000
//! ```
//!
//! A line is a row when everything after its label is figures or `-` (for
//! none). Consecutive rows with the same number of figures form a table:
//! two or more rows of two or more figures, or three or more rows of one.
//! The line before them is the header when it can be split into as many
//! column labels as the rows have figures: by year (`2023/24 £`), by runs
//! of spaces, or one word per column.

use super::cell::words_of;
use super::table::{Cell, Row, Table};
use crate::figures::Figures;
use crate::span::Span;

/// A row's pieces: the label and each figure (or `-`).
struct PlainRow {
    line: Span,
    label: Span,
    values: Vec<Span>,
}

/// The plain tables among `lines` (spans of whole lines, in order), where
/// `taken` says which lines already belong to a pipe or tab table.
pub fn plain_tables(text: &str, figures: &Figures, lines: &[(Span, bool)]) -> Vec<Table> {
    let mut tables = Vec::new();
    let mut block: Vec<PlainRow> = Vec::new();
    let mut header: Option<Span> = None;
    let mut previous: Option<Span> = None;
    for &(line, taken) in lines {
        let row = if taken {
            None
        } else {
            plain_row(text, figures, line)
        };
        match row {
            Some(row)
                if block
                    .first()
                    .is_none_or(|first| first.values.len() == row.values.len()) =>
            {
                if block.is_empty() {
                    header = previous.filter(|p| !p.slice(text).trim().is_empty());
                }
                block.push(row);
            }
            row => {
                let next_header = previous.filter(|p| !p.slice(text).trim().is_empty());
                tables.extend(table(text, std::mem::take(&mut block), header.take()));
                if let Some(row) = row {
                    header = next_header;
                    block.push(row);
                }
            }
        }
        previous = (!taken).then_some(line);
    }
    tables.extend(table(text, block, header));
    tables
}

/// The line as a row: a label with letters in it, then figures or dashes
/// to the end of the line, at least one of them a figure.
fn plain_row(text: &str, figures: &Figures, line: Span) -> Option<PlainRow> {
    let body = line.slice(text);
    let in_line = figures.within(line);
    let mut values = Vec::new();
    let mut end = body.trim_end().len();
    loop {
        let before = body.get(..end)?;
        let start = before.rfind(char::is_whitespace).map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
        let token = before.get(start..)?;
        let span = Span::new(line.start + start, line.start + end);
        let is_figure = in_line.iter().any(|f| f.span == span && f.printed == token);
        if !(is_figure || matches!(token, "-" | "–" | "—")) {
            break;
        }
        values.push(span);
        end = before.get(..start)?.trim_end().len();
        if end == 0 {
            return None;
        }
    }
    values.reverse();
    let label = Span::new(line.start, line.start + end);
    let has_figure = values.iter().any(|v| in_line.iter().any(|f| f.span == *v));
    let label_has_words = label.slice(text).chars().any(char::is_alphabetic);
    (has_figure && label_has_words && !values.is_empty()).then_some(PlainRow {
        line,
        label,
        values,
    })
}

fn table(text: &str, block: Vec<PlainRow>, header: Option<Span>) -> Option<Table> {
    let width = block.first()?.values.len();
    let enough = if width >= 2 { 2 } else { 3 };
    if block.len() < enough {
        return None;
    }
    let header_row = header.and_then(|h| header_cells(text, h, width));
    let first_line = header_row.as_ref().map_or(block.first()?.line, |r| r.span);
    let last_line = block.last()?.line;
    let mut rows: Vec<Row> = header_row.into_iter().collect();
    let header_rows = rows.len();
    rows.extend(block.iter().map(|row| {
        Row {
            span: row.line,
            cells: std::iter::once(row.label)
                .chain(row.values.iter().copied())
                .map(|span| cell(text, span))
                .collect(),
        }
    }));
    Some(Table {
        span: first_line.join(last_line),
        rows,
        header_rows,
        blank_is_nil: false,
        first_labels: std::sync::OnceLock::new(),
        headers: std::sync::OnceLock::new(),
    })
}

fn cell(text: &str, span: Span) -> Cell {
    let words = words_of(span.slice(text));
    Cell {
        span,
        key: words.to_lowercase(),
        text: words,
    }
}

/// The header line as a row of a leading cell and `width` column labels,
/// or `None` when it cannot be split so.
fn header_cells(text: &str, line: Span, width: usize) -> Option<Row> {
    let body = line.slice(text);
    let tokens: Vec<Span> = body
        .split_whitespace()
        .map(|token| {
            let at = token.as_ptr() as usize - body.as_ptr() as usize;
            Span::new(line.start + at, line.start + at + token.len())
        })
        .collect();
    let labels = by_year(text, &tokens, width)
        .or_else(|| by_spaces(text, line, width))
        .or_else(|| {
            // One word per column, when the last words are that many.
            let last = tokens.get(tokens.len().checked_sub(width)?..)?;
            Some(last.to_vec())
        })?;
    let first = labels.first()?;
    let lead = Span::new(line.start, first.start);
    Some(Row {
        span: line,
        cells: std::iter::once(lead)
            .chain(labels)
            .map(|span| cell(text, span))
            .collect(),
    })
}

/// `Anytown Parish Council 2023/24 £ 2024/25 £`: a label starts at each
/// year and takes the unit words after it.
fn by_year(text: &str, tokens: &[Span], width: usize) -> Option<Vec<Span>> {
    let is_year = |t: &Span| {
        let token = t.slice(text);
        let digits = token.chars().take_while(char::is_ascii_digit).count();
        digits == 4 && (token.len() == 4 || token[4..].starts_with(['/', '-', '–']))
    };
    let starts: Vec<usize> = (0..tokens.len())
        .filter(|&i| tokens.get(i).is_some_and(is_year))
        .collect();
    if starts.len() != width {
        return None;
    }
    let mut labels = Vec::new();
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(tokens.len(), |&next| next);
        labels.push(tokens.get(start)?.join(*tokens.get(end - 1)?));
    }
    Some(labels)
}

/// A header whose labels are set apart by runs of two or more spaces.
fn by_spaces(text: &str, line: Span, width: usize) -> Option<Vec<Span>> {
    let body = line.slice(text);
    let mut pieces = Vec::new();
    let mut start = None;
    let mut spaces = 0;
    for (i, c) in body.char_indices() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        if spaces >= 2 || start.is_none() {
            if let Some(s) = start {
                pieces.push((s, i - spaces));
            }
            start = Some(i);
        }
        spaces = 0;
    }
    if let Some(s) = start {
        pieces.push((s, body.trim_end().len()));
    }
    let last = pieces.get(pieces.len().checked_sub(width)?..)?;
    if pieces.len() < width + 1 && pieces.len() != width {
        return None;
    }
    Some(
        last.iter()
            .map(|&(s, e)| Span::new(line.start + s, line.start + e))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use crate::figures::recognise;
    use crate::tables::find_tables;

    #[test]
    fn a_parish_budget_copied_from_a_pdf() {
        let text = "\
Budget summary

Anytown Parish Council 2023/24 £ 2024/25 £
Grounds maintenance 48,200 51,375
Interest received -12,000 -15,500
Election costs - 4,000
Total 36,200 39,875

The clerk will report.
";
        let figures = recognise(text);
        let tables = find_tables(text, &figures);
        assert_eq!(tables.len(), 1);
        let table = &tables[0];
        assert_eq!(table.header_rows, 1);
        assert_eq!(table.column_labels(1), vec!["2023/24 £"]);
        assert_eq!(table.column_labels(2), vec!["2024/25 £"]);
        assert_eq!(table.find_row("Interest received", &figures), Ok(1));
        let total = &table.data_rows()[3];
        assert_eq!(total.cells[2].text, "39,875");
        assert_eq!(table.data_rows()[2].cells[1].text, "-");
    }

    #[test]
    fn a_header_split_by_runs_of_spaces() {
        let text = "\
Service            Budget     Actual    Variance
Libraries          120,000    118,500   -1,500
Museums            64,000     66,250    2,250
";
        let figures = recognise(text);
        let tables = find_tables(text, &figures);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].column_labels(3), vec!["Variance"]);
        assert_eq!(tables[0].find_row("Museums", &figures), Ok(1));
    }

    #[test]
    fn prose_with_figures_is_no_table() {
        let text = "\
The council will spend £48,200 on grounds maintenance in 2024/25.
It expects interest of £12,000.

Two lines ending 4 5
are not a table of one figure each 6
";
        let figures = recognise(text);
        assert!(find_tables(text, &figures).is_empty());
    }
}
