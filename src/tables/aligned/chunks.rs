//! A line of a space-aligned table cut into chunks: each figure (or nil
//! mark) on its own, and runs of words set apart by two or more spaces.
//! Every chunk knows the character columns it occupies, since in text a
//! PDF's text layer prints, a column is a position on the line.

use crate::figures::Figures;
use crate::span::Span;

use super::super::cell::is_nil;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// One figure, with any brackets or footnote marker glued to it.
    Figure,
    /// `-`, `–`, `—` or `nil`: a cell printed as nothing.
    Nil,
    /// Words: a label, a header, a year.
    Words,
    /// A code of one or two capital letters standing alone after a value
    /// (a VAT code `S` or `E`, a RAG rating): a cell of a column of its
    /// own, not a second label.
    Code,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Chunk {
    pub kind: Kind,
    pub span: Span,
    /// First character column, counted from 0.
    pub start: usize,
    /// One past the last character column.
    pub end: usize,
}

impl Chunk {
    pub fn is_value(&self) -> bool {
        self.kind != Kind::Words
    }

    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }

    pub fn centre(&self) -> usize {
        (self.start + self.end) / 2
    }
}

/// A line with its chunks.
#[derive(Clone, Debug)]
pub(super) struct Line {
    pub span: Span,
    pub chunks: Vec<Chunk>,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.chunks.is_empty()
    }

    pub fn values(&self) -> impl Iterator<Item = &Chunk> {
        self.chunks.iter().filter(|c| c.is_value())
    }

    pub fn has_figure(&self) -> bool {
        self.chunks.iter().any(|c| c.kind == Kind::Figure)
    }

    pub fn words(&self) -> impl Iterator<Item = &Chunk> {
        self.chunks.iter().filter(|c| c.kind == Kind::Words)
    }

    /// A row of figures: at least one figure, and at most one run of
    /// words (its label) anywhere on the line: before the figures, after
    /// them, or between them (`12,345 Children's Services 13,456`).
    pub fn is_row(&self, text: &str) -> bool {
        self.has_figure()
            && label_runs(&self.chunks) <= 1
            && self.words().all(|w| !is_prose(w.span.slice(text)))
    }
}

/// Words that are a sentence rather than a label: long, or ending as a
/// sentence ends.
pub(super) fn is_prose(words: &str) -> bool {
    let words = words.trim();
    words.chars().count() > PROSE_LENGTH || words.ends_with(['.', ':', ';']) || words.contains(". ")
}

/// A label longer than this (in characters) is prose.
pub(super) const PROSE_LENGTH: usize = 80;

/// How many runs of words the chunks hold, counting words that follow
/// each other with no value between as one run.
fn label_runs(chunks: &[Chunk]) -> usize {
    let mut runs = 0;
    let mut in_words = false;
    for chunk in chunks {
        let words = chunk.kind == Kind::Words;
        if words && !in_words {
            runs += 1;
        }
        in_words = words;
    }
    runs
}

/// One whitespace-separated word with its byte span and columns.
struct Word {
    span: Span,
    start: usize,
    end: usize,
    kind: Kind,
}

/// Cuts the line at `span` of `text` into chunks.
pub(super) fn chunk_line(text: &str, figures: &Figures, span: Span) -> Line {
    let words = words_of_line(text, figures, span);
    let mut chunks: Vec<Chunk> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let previous = i.checked_sub(1).and_then(|p| words.get(p));
        let gap = previous.map_or(usize::MAX, |p| word.start - p.end);
        let next_is_near = words.get(i + 1).is_some_and(|n| n.start == word.end + 1);
        let next_is_words = words.get(i + 1).is_some_and(|n| n.kind == Kind::Words);
        let kind = match (word.kind, previous) {
            // `- Travel costs £1,500`: a dash starting a line is a bullet.
            (Kind::Nil, None) if next_is_near => Kind::Words,
            // `Year 1`, `Phase 2`: a small number right after a word is
            // part of the label, not a column of its own.
            (Kind::Figure, Some(p))
                if p.kind == Kind::Words && gap == 1 && is_ordinal(text, word) =>
            {
                Kind::Words
            }
            // `Section 106 contributions`, `Route 2000 buses`: a number
            // set one space apart between words is inside the label.
            (Kind::Figure, Some(p))
                if p.kind == Kind::Words && gap == 1 && next_is_near && next_is_words =>
            {
                Kind::Words
            }
            (kind, _) => kind,
        };
        let joins =
            kind == Kind::Words && gap == 1 && chunks.last().is_some_and(|c| c.kind == Kind::Words);
        match chunks.last_mut() {
            Some(last) if joins => {
                last.span = last.span.join(word.span);
                last.end = word.end;
            }
            _ => chunks.push(Chunk {
                kind,
                span: word.span,
                start: word.start,
                end: word.end,
            }),
        }
    }
    number_leading_words(&mut chunks);
    mark_codes(text, &mut chunks);
    Line { span, chunks }
}

/// Marks as codes the runs of words that are one or two capital letters
/// after a value: `45.00   48.50   7.8   S   9.70   58.20`.
fn mark_codes(text: &str, chunks: &mut [Chunk]) {
    let mut after_value = false;
    for chunk in chunks.iter_mut() {
        let word = chunk.span.slice(text);
        let code = (1..=2).contains(&word.len()) && word.chars().all(|c| c.is_ascii_uppercase());
        if chunk.kind == Kind::Words && after_value && code {
            chunk.kind = Kind::Code;
        }
        after_value |= chunk.is_value();
    }
}

/// `6.2 Workforce`, `1 x Grade 14 Programme Manager`: a figure that starts
/// a line of words numbers or counts them, unless a figure ends the line
/// too (`12,345 Children's Services 13,456`).
fn number_leading_words(chunks: &mut Vec<Chunk>) {
    // After a bullet (`- 6.2 Workforce`), the number is the first figure.
    let bullet = chunks
        .first()
        .is_some_and(|c| c.kind == Kind::Words && c.end == c.start + 1);
    if bullet && chunks.len() >= 2 {
        let mut rest = chunks.split_off(1);
        number_leading_words(&mut rest);
        match (chunks.first_mut(), rest.first()) {
            (Some(dash), Some(next)) if next.kind == Kind::Words && next.start == dash.end + 1 => {
                dash.span = dash.span.join(next.span);
                dash.end = next.end;
                chunks.extend(rest.into_iter().skip(1));
            }
            _ => chunks.extend(rest),
        }
        return;
    }
    let numbered = match chunks.as_slice() {
        [first, second, .., last] => {
            first.kind == Kind::Figure
                && second.kind == Kind::Words
                && second.start == first.end + 1
                && !last.is_value()
        }
        [first, second] => {
            first.kind == Kind::Figure
                && second.kind == Kind::Words
                && second.start == first.end + 1
        }
        _ => false,
    };
    if numbered {
        let second = chunks.remove(1);
        if let Some(first) = chunks.first_mut() {
            first.kind = Kind::Words;
            first.span = first.span.join(second.span);
            first.end = second.end;
        }
    }
}

/// `1` or `12` printed bare: a numbering word rather than an amount.
fn is_ordinal(text: &str, word: &Word) -> bool {
    let printed = word.span.slice(text);
    printed.len() <= 2 && printed.chars().all(|c| c.is_ascii_digit())
}

fn words_of_line(text: &str, figures: &Figures, line: Span) -> Vec<Word> {
    let body = line.slice(text);
    let mut words = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    let ends = std::iter::once((body.len(), ' '));
    // A tab is one column: the tab reader takes tabbed lines anyway.
    for (column, (at, c)) in body.char_indices().chain(ends).enumerate() {
        if c.is_whitespace() {
            if let Some((byte, col)) = start.take() {
                let span = Span::new(line.start + byte, line.start + at);
                words.push(Word {
                    span,
                    start: col,
                    end: column,
                    kind: kind_of(text, figures, span),
                });
            }
        } else if start.is_none() {
            start = Some((at, column));
        }
    }
    words
}

/// A word is a figure when it holds exactly one figure and nothing else
/// but brackets (an accountant's negative) and a footnote marker.
fn kind_of(text: &str, figures: &Figures, span: Span) -> Kind {
    let word = span.slice(text);
    if is_nil(word) {
        return Kind::Nil;
    }
    let [figure] = figures.within(span) else {
        return Kind::Words;
    };
    let before = &text[span.start..figure.span.start];
    let after = &text[figure.span.end..span.end];
    let marker = figure.footnote.as_deref().unwrap_or("");
    let after = after.strip_prefix(marker).unwrap_or(after);
    let wrapping = |s: &str| s.chars().all(|c| matches!(c, '(' | ')' | '*' | '†'));
    if wrapping(before) && wrapping(after) {
        Kind::Figure
    } else {
        Kind::Words
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::recognise;

    fn kinds(line: &str) -> Vec<(Kind, &str)> {
        let figures = recognise(line);
        let chunked = chunk_line(line, &figures, Span::new(0, line.len()));
        chunked
            .chunks
            .iter()
            .map(|c| (c.kind, c.span.slice(line)))
            .collect()
    }

    #[test]
    fn figures_nil_and_words_apart() {
        assert_eq!(
            kinds("Adults, health &   (1,234)   -    567(a)  2,000*"),
            vec![
                (Kind::Words, "Adults, health &"),
                (Kind::Figure, "(1,234)"),
                (Kind::Nil, "-"),
                (Kind::Figure, "567(a)"),
                (Kind::Figure, "2,000*"),
            ]
        );
    }

    #[test]
    fn years_and_numbering_are_words() {
        assert_eq!(
            kinds("Year 1   2024/25   12"),
            vec![
                (Kind::Words, "Year 1"),
                (Kind::Words, "2024/25"),
                (Kind::Figure, "12"),
            ]
        );
    }

    #[test]
    fn a_label_between_figures_is_one_run() {
        let line = "12,345 Children's Services 13,456";
        let figures = recognise(line);
        let chunked = chunk_line(line, &figures, Span::new(0, line.len()));
        assert!(chunked.is_row(line));
        assert_eq!(chunked.values().count(), 2);
    }

    #[test]
    fn a_letter_code_after_the_figures_is_a_cell_not_a_label() {
        let line = "Garden waste (per bin)   45.00   48.50   7.8   S   9.70   58.20";
        assert_eq!(
            kinds(line)[3..5],
            [(Kind::Figure, "7.8"), (Kind::Code, "S")]
        );
        let figures = recognise(line);
        assert!(chunk_line(line, &figures, Span::new(0, line.len())).is_row(line));
        // Before any value, capitals are the label's: `Band A`, `B`.
        assert_eq!(kinds("B   1,234.56")[0], (Kind::Words, "B"));
    }
}
