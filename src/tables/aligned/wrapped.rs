//! Labels that wrap: a line of words inside a table belongs to a row of
//! figures next to it, or stands alone as a section heading.
//!
//! `Adults, health &` over `commissioning  12,450`: a line ending in a word
//! that cannot end a label (`&`, `and`, `of`, a comma), or followed by a
//! row whose label starts in lower case or that has no label, starts the
//! next row's label. A line starting in lower case, or after a label that
//! cannot end there, ends the previous row's label. Any other line of
//! words is a heading: a row of its own with no figures.

use super::chunks::Line;
use crate::span::Span;

/// A row of the table: its label's pieces, top to bottom, and the line
/// holding its figures (for a heading, its own line).
pub(super) struct LogicalRow<'l> {
    pub label: Vec<Span>,
    pub figures: &'l Line,
    /// All the lines the row takes.
    pub span: Span,
}

/// Words a label cannot end on.
const CONNECTORS: [&str; 8] = ["&", "and", "of", "for", "to", "the", "in", "-"];

fn ends_open(label: &str) -> bool {
    let label = label.trim_end();
    label.ends_with([',', '&', '-', '/', '(', '–'])
        || label
            .rsplit(' ')
            .next()
            .is_some_and(|last| CONNECTORS.contains(&last.to_lowercase().as_str()))
}

fn starts_lower(label: &str) -> bool {
    label
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// The rows of a block's lines (rows of figures, lines of words, blank
/// lines), with wrapped labels joined.
pub(super) fn logical_rows<'l>(text: &str, block: &[&'l Line]) -> Vec<LogicalRow<'l>> {
    let mut rows: Vec<LogicalRow<'l>> = Vec::new();
    let mut pending: Vec<&'l Line> = Vec::new();
    let label_of = |line: &Line| -> Option<Span> { line.words().next().map(|w| w.span) };
    for (i, &line) in block.iter().enumerate() {
        if line.is_blank() {
            rows.extend(pending.drain(..).map(heading));
            continue;
        }
        if !line.is_row(text) {
            let words = line.span.slice(text);
            let previous_open = rows
                .last()
                .filter(|r| !r.figures.chunks.is_empty() && r.figures.is_row(text))
                .and_then(|r| r.label.last())
                .is_some_and(|l| ends_open(l.slice(text)));
            let follows = pending.is_empty()
                && block.get(i.wrapping_sub(1)).is_some_and(|p| p.is_row(text))
                && (starts_lower(words) || previous_open);
            match rows.last_mut() {
                Some(last) if follows => {
                    last.label
                        .push(line.words().next().map_or(line.span, |w| w.span));
                    last.span = last.span.join(line.span);
                }
                _ => pending.push(line),
            }
            continue;
        }
        // A row of figures: the lines of words waiting above it start its
        // label when they run on into it.
        let own = label_of(line);
        let runs_on = pending.last().is_some_and(|p| {
            ends_open(p.span.slice(text)) || own.is_none_or(|l| starts_lower(l.slice(text)))
        });
        let mut label = Vec::new();
        let mut span = line.span;
        if runs_on {
            let joined: Vec<&Line> = std::mem::take(&mut pending);
            if let Some(first) = joined.first() {
                span = first.span.join(line.span);
            }
            label.extend(joined.iter().map(|l| l.span));
        } else {
            rows.extend(pending.drain(..).map(heading));
        }
        label.extend(own);
        rows.push(LogicalRow {
            label,
            figures: line,
            span,
        });
    }
    rows.extend(pending.into_iter().map(heading));
    rows
}

fn heading(line: &Line) -> LogicalRow<'_> {
    LogicalRow {
        label: vec![line.span],
        figures: line,
        span: line.span,
    }
}
