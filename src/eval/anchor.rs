//! Resolving anchors to figures.
//!
//! A text anchor such as `"Total - £{}"` matches a figure when the words
//! before `{}` end just before the figure and the words after it begin just
//! after it. Any run of whitespace in the anchor matches any run of
//! whitespace in the document (tabs, line breaks), so anchors can be written
//! the way the text reads. The `£`, `%` or scale word of a figure may be
//! written in the anchor or left to the figure. `{_}` stands for any other
//! figure, so that an anchor can step over a figure without naming its value:
//! `"Manager fixed term\t£{_} (plus £{} oncosts)"`.

use crate::figures::{Figure, Figures};
use crate::lang::ast::{CellPick, ColumnRef};
use crate::load::Document;
use crate::span::Span;
use crate::tables::{header_unit, LabelError, Table};
use crate::units::{Scale, Unit};

use super::error::{Candidate, CellAsk, CellFigure, EvalErrorKind, SeveralFigures};
use super::words::{anchor_words, WordHits};

/// What an anchor found: one figure, or a range of two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchored {
    /// An index into `figures.figures`.
    Figure(usize),
    /// An index into `figures.ranges`.
    Range(usize),
    /// A table cell printed `-` (or `–`, `—`, `nil`): none, exactly zero,
    /// in the unit its column's figures have.
    Nil(Unit),
}

/// The one figure or range the pattern anchors. A pattern that fits a whole
/// range stands for the range, even where it also fits one of its ends.
/// `words` holds where the pattern's key word occurs, when it was searched
/// for with the pack's other anchors.
pub fn resolve_text(
    document: &Document,
    name: &str,
    pattern: &str,
    words: &WordHits,
) -> Result<Anchored, EvalErrorKind> {
    let (before, after) = pattern.split_once("{}").unwrap_or((pattern, ""));
    let figures = &document.figures;
    let near = near_figures(document, pattern, words);
    let before_pieces: Vec<&str> = before.split("{_}").collect();
    let after_pieces: Vec<&str> = after.split("{_}").collect();
    let fits = |starts: [usize; 2], ends: [usize; 2]| {
        starts
            .iter()
            .any(|&s| before_matches(document, s, &before_pieces))
            && ends
                .iter()
                .any(|&e| after_matches(document, e, &after_pieces))
    };
    let ranges: Vec<usize> = near
        .iter()
        .filter_map(|&i| range_starting_at(figures, i))
        .filter(|&r| {
            let Some((low, high)) = range_ends(figures, r) else {
                return false;
            };
            fits(
                [low.span.start, low.digits.start],
                [high.span.end, high.digits.end],
            )
        })
        .collect();
    let in_found_range = |i: usize| {
        ranges.iter().any(|&r| {
            figures
                .ranges
                .get(r)
                .is_some_and(|range| range.low == i || range.high == i)
        })
    };
    let singles = near.iter().copied().filter(|&i| {
        !in_found_range(i)
            && figures
                .figures
                .get(i)
                .is_some_and(|f| fits([f.span.start, f.digits.start], [f.span.end, f.digits.end]))
    });
    let matches: Vec<Anchored> = ranges
        .iter()
        .map(|&r| Anchored::Range(r))
        .chain(singles.map(Anchored::Figure))
        .collect();
    let first_figure = |a: &Anchored| match *a {
        Anchored::Figure(i) => i,
        Anchored::Range(r) => figures.ranges.get(r).map_or(0, |range| range.low),
        // Text anchors find figures only.
        Anchored::Nil(_) => 0,
    };
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(malformed_at(document, before, after).unwrap_or_else(|| {
            EvalErrorKind::AnchorNotFound {
                document: name.to_string(),
                nearest: nearest(document, before, after),
            }
        })),
        several => Err(EvalErrorKind::AnchorAmbiguous {
            document: name.to_string(),
            matches: several
                .iter()
                .take(5)
                .filter_map(|a| candidate(document, first_figure(a)))
                .collect(),
        }),
    }
}

/// The range whose low end is figure `index`, if any.
fn range_starting_at(figures: &Figures, index: usize) -> Option<usize> {
    let at = figures.ranges.partition_point(|r| r.low < index);
    figures
        .ranges
        .get(at)
        .filter(|r| r.low == index)
        .map(|_| at)
}

fn range_ends(figures: &Figures, range: usize) -> Option<(&Figure, &Figure)> {
    let range = figures.ranges.get(range)?;
    Some((
        figures.figures.get(range.low)?,
        figures.figures.get(range.high)?,
    ))
}

/// Where in the text a match of `pattern` could start a figure: around the
/// occurrences of its rarest word that have its next rarest word nearby,
/// in order. `None` when the pattern has no word to look for. This keeps
/// an anchor from testing every figure of a long document, or every
/// figure near a word that occurs on every page; the windows, and the
/// reach within which both words must occur, are wide enough for any run
/// of whitespace a document puts where the pattern has one space, up to a
/// few hundred bytes.
fn search_windows(
    text: &str,
    pattern: &str,
    words: &WordHits,
) -> Option<Vec<std::ops::Range<usize>>> {
    let mut found: Vec<(&str, std::borrow::Cow<[usize]>)> = anchor_words(pattern)
        .into_iter()
        .map(|word| {
            let starts = match words.get(word) {
                Some(starts) => std::borrow::Cow::Borrowed(starts),
                None => text.match_indices(word).map(|(at, _)| at).collect(),
            };
            (word, starts)
        })
        .collect();
    // Fewest occurrences first; of those, the longest word.
    found.sort_by_key(|(word, starts)| (starts.len(), std::cmp::Reverse(word.len())));
    let (rarest, at) = found.first()?;
    let other = found.iter().find(|(word, _)| word != rarest);
    let offset = pattern.find(rarest)?;
    let slack = 4 * pattern.len() + 256;
    let reach = pattern.len() + slack;
    let near_other = |at: usize| {
        other.is_none_or(|(_, starts)| {
            let first = starts.partition_point(|&s| s + reach < at);
            starts.get(first).is_some_and(|&s| s <= at + reach)
        })
    };
    Some(
        at.iter()
            .copied()
            .filter(|&at| near_other(at))
            .map(|at| at.saturating_sub(offset + slack)..at + (pattern.len() - offset) + slack)
            .collect(),
    )
}

/// The figures that lie in one of the pattern's search windows (all of
/// them, when the pattern has no word to search for), in document order.
/// Only the figures in the windows are visited, so an anchor costs the
/// occurrences of its word, not the length of the document.
fn near_figures(document: &Document, pattern: &str, words: &WordHits) -> Vec<usize> {
    let figures = &document.figures.figures;
    let Some(windows) = search_windows(&document.source.text, pattern, words) else {
        return (0..figures.len()).collect();
    };
    let mut near = Vec::new();
    // Windows come in order of their start; a figure already taken by the
    // previous window is not taken again.
    let mut next = 0;
    for window in windows {
        let first = figures.partition_point(|f| f.span.start < window.start);
        let last = figures.partition_point(|f| f.span.start < window.end);
        near.extend(first.max(next)..last);
        next = next.max(last);
    }
    near
}

/// The figure whose `start` or `digits.start` is `pos`, if any.
fn figure_starting_at(document: &Document, pos: usize) -> Option<&Figure> {
    let figures = &document.figures.figures;
    let i = figures.partition_point(|f| f.digits.start < pos);
    figures
        .get(i)
        .filter(|f| f.span.start == pos || f.digits.start == pos)
}

/// The figure whose `end` or `digits.end` is `pos`, if any.
fn figure_ending_at(document: &Document, pos: usize) -> Option<&Figure> {
    let figures = &document.figures.figures;
    let i = figures.partition_point(|f| f.span.end < pos);
    figures
        .get(i)
        .filter(|f| f.span.end == pos || f.digits.end == pos)
}

/// The malformed figure standing where the anchor points, if one does: the
/// anchor is right, the document's figure is unreadable.
fn malformed_at(document: &Document, before: &str, after: &str) -> Option<EvalErrorKind> {
    let text = &document.source.text;
    let bad = document.figures.malformed.iter().find(|m| {
        let prefix = m.span.start
            ..=m.span.start
                + text[m.span.start..]
                    .find(|c: char| c.is_ascii_digit())
                    .unwrap_or(0);
        anchors(
            text,
            [*prefix.start(), *prefix.end()],
            [m.span.end, m.span.end],
            before,
            after,
        )
    })?;
    Some(EvalErrorKind::MalformedFigure {
        printed: bad.printed.clone(),
        reason: bad.reason.clone(),
    })
}

fn anchors(text: &str, starts: [usize; 2], ends: [usize; 2], before: &str, after: &str) -> bool {
    starts
        .iter()
        .any(|&s| ends_with_words(&text[..s], before).is_some())
        && ends
            .iter()
            .any(|&e| starts_with_words(&text[e..], after).is_some())
}

/// Whether the text before `pos` ends with the pattern whose pieces
/// between `{_}`s are `pieces`, each `{_}` matching one figure of the
/// document. The pattern is split once per anchor, not once per figure
/// tried.
///
/// The pieces are matched from `pos` backwards, one at a time. A figure can
/// be stepped over from its sign or currency or from its digits, so each
/// step can leave two places to go on from; the places are kept as a small
/// set, never as a tree of choices, so the work grows with the number of
/// `{_}`, not exponentially.
fn before_matches(document: &Document, pos: usize, pieces: &[&str]) -> bool {
    let text = &document.source.text;
    let mut places = vec![pos];
    let mut remaining = pieces.iter().rev().peekable();
    while let Some(piece) = remaining.next() {
        let starts = places
            .iter()
            .filter_map(|&p| text.get(..p).and_then(|t| ends_with_words(t, piece)));
        if remaining.peek().is_none() {
            return starts.count() > 0;
        }
        places = step_back_over_figures(document, starts);
        if places.is_empty() {
            return false;
        }
    }
    true
}

/// Whether the text from `pos` starts with the pattern of `pieces`, as
/// [`before_matches`].
fn after_matches(document: &Document, pos: usize, pieces: &[&str]) -> bool {
    let text = &document.source.text;
    let mut places = vec![pos];
    let mut remaining = pieces.iter().peekable();
    while let Some(piece) = remaining.next() {
        let ends = places.iter().filter_map(|&p| {
            text.get(p..)
                .and_then(|t| starts_with_words(t, piece))
                .map(|len| p + len)
        });
        if remaining.peek().is_none() {
            return ends.count() > 0;
        }
        places = step_forward_over_figures(document, ends);
        if places.is_empty() {
            return false;
        }
    }
    true
}

/// Where matching goes on after stepping back over the figure that ends at
/// each of `ends`: its start and the start of its digits, without repeats.
fn step_back_over_figures(document: &Document, ends: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut places = Vec::new();
    for figure in ends.filter_map(|end| figure_ending_at(document, end)) {
        for place in [figure.span.start, figure.digits.start] {
            if !places.contains(&place) {
                places.push(place);
            }
        }
    }
    places
}

/// As [`step_back_over_figures`], forwards: the end of each figure starting
/// at one of `starts`, and the end of its digits.
fn step_forward_over_figures(
    document: &Document,
    starts: impl Iterator<Item = usize>,
) -> Vec<usize> {
    let mut places = Vec::new();
    for figure in starts.filter_map(|start| figure_starting_at(document, start)) {
        for place in [figure.span.end, figure.digits.end] {
            if !places.contains(&place) {
                places.push(place);
            }
        }
    }
    places
}

/// Where the match begins, if `text` ends with `pattern`: whitespace runs
/// match whitespace runs, and the match does not begin in the middle of a word.
fn ends_with_words(text: &str, pattern: &str) -> Option<usize> {
    let mut hay = text.char_indices().rev().peekable();
    let mut pat = pattern.chars().rev().peekable();
    let mut start = text.len();
    while let Some(p) = pat.next() {
        if p.is_whitespace() {
            while pat.next_if(|c| c.is_whitespace()).is_some() {}
            start = hay.next().filter(|(_, c)| c.is_whitespace())?.0;
            while let Some((at, _)) = hay.next_if(|(_, c)| c.is_whitespace()) {
                start = at;
            }
        } else {
            start = hay.next().filter(|&(_, c)| c == p)?.0;
        }
    }
    let first = pattern.chars().next();
    let glued = first.is_some_and(char::is_alphanumeric)
        && hay.next().is_some_and(|(_, c)| c.is_alphanumeric());
    (!glued).then_some(start)
}

/// How long the match is, if `text` starts with `pattern`, as
/// [`ends_with_words`] reversed.
fn starts_with_words(text: &str, pattern: &str) -> Option<usize> {
    let mut hay = text.char_indices().peekable();
    let mut pat = pattern.chars().peekable();
    let mut end = 0;
    while let Some(p) = pat.next() {
        if p.is_whitespace() {
            while pat.next_if(|c| c.is_whitespace()).is_some() {}
            let (at, c) = hay.next().filter(|(_, c)| c.is_whitespace())?;
            end = at + c.len_utf8();
            while let Some((at, c)) = hay.next_if(|(_, c)| c.is_whitespace()) {
                end = at + c.len_utf8();
            }
        } else {
            let (at, c) = hay.next().filter(|&(_, c)| c == p)?;
            end = at + c.len_utf8();
        }
    }
    let last = pattern.chars().next_back();
    let glued = last.is_some_and(char::is_alphanumeric)
        && hay.next().is_some_and(|(_, c)| c.is_alphanumeric());
    (!glued).then_some(end)
}

/// How many figures are compared with an anchor that matches nowhere, to
/// find the nearest places: comparing every figure of a long document, for
/// every anchor that fails, would take claims × figures × the anchor's
/// length squared.
const MAX_FIGURES_SCORED: usize = 64;

/// How many characters on each side of `{}` are compared when looking for
/// the nearest places.
const MAX_COMPARED_CHARS: usize = 60;

/// The figures worth comparing with an anchor that matches nowhere: those
/// near a word of the anchor, the rarest words in the document first (a
/// number or a name, not "the"), at most [`MAX_FIGURES_SCORED`]. In a short
/// document, every figure.
fn figures_near_words(document: &Document, before: &str, after: &str) -> Vec<usize> {
    let figures = &document.figures.figures;
    if figures.len() <= MAX_FIGURES_SCORED {
        return (0..figures.len()).collect();
    }
    let index = document.words();
    let mut words: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric())
        .chain(after.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 3)
        .collect();
    words.sort_unstable();
    words.dedup();
    words.sort_by_key(|w| index.positions(w).len());
    let reach = before.len().max(after.len()) + 64;
    let mut chosen = std::collections::BTreeSet::new();
    for word in words {
        for &at in index.positions(word) {
            let first = figures.partition_point(|f| f.span.end + reach < at);
            let last = figures.partition_point(|f| f.span.start < at + word.len() + reach);
            chosen.extend(first..last);
            if chosen.len() >= MAX_FIGURES_SCORED {
                return chosen.into_iter().take(MAX_FIGURES_SCORED).collect();
            }
        }
    }
    chosen.into_iter().collect()
}

/// The three figures whose surroundings read most like the pattern, among
/// those [`figures_near_words`] picks.
fn nearest(document: &Document, before: &str, after: &str) -> Vec<Candidate> {
    let text = &document.source.text;
    // Only the words next to the figure are compared: the edit distance
    // takes time in the square of the lengths, and a long anchor's far
    // words say little about which place it meant.
    let before = tail_chars(before, MAX_COMPARED_CHARS);
    let after = head_chars(after, MAX_COMPARED_CHARS);
    let (before, after) = (before.as_str(), after.as_str());
    let wanted = format!("{}{{}}{}", squash(before), squash(after));
    let before_len = before.chars().count() + 4;
    let after_len = after.chars().count() + 4;
    let figures = &document.figures.figures;
    let mut scored: Vec<(f64, usize)> = figures_near_words(document, before, after)
        .into_iter()
        .filter_map(|i| figures.get(i).map(|f| (i, f)))
        .map(|(i, f)| {
            let head: String = text[..f.digits.start]
                .chars()
                .rev()
                .take(before_len)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let tail: String = text[f.digits.end..].chars().take(after_len).collect();
            let seen = format!("{}{{}}{}", squash(&head), squash(&tail));
            (strsim::normalized_levenshtein(&wanted, &seen), i)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(3)
        .filter_map(|(_, i)| candidate(document, i))
        .collect()
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How a figure is shown when suggested: its line and the words around it.
pub fn candidate(document: &Document, index: usize) -> Option<Candidate> {
    let figure = document.figures.figures.get(index)?;
    let source = &document.source;
    let line = source.line_col(figure.span.start).line;
    let line_start = source.text[..figure.span.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = source.text[figure.span.end..]
        .find('\n')
        .map_or(source.text.len(), |i| figure.span.end + i);
    let before: String = squash(&source.text[line_start..figure.span.start]);
    let after: String = squash(&source.text[figure.span.end..line_end]);
    let before: String = tail_chars(&before, 40);
    let after: String = head_chars(&after, 40);
    Some(Candidate {
        line,
        printed: figure.printed.clone(),
        context: format!("“{before} {} {after}”", figure.printed)
            .replace("“ ", "“")
            .replace(" ”", "”"),
    })
}

fn tail_chars(text: &str, n: usize) -> String {
    let count = text.chars().count();
    if count <= n {
        return text.to_string();
    }
    let kept: String = text.chars().skip(count - n).collect();
    format!("…{kept}")
}

fn head_chars(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_string();
    }
    let kept: String = text.chars().take(n).collect();
    format!("{kept}…")
}

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
        .map_err(|e| label_error("row", row_query, e))?;
    let row = table.data_rows().get(row_index).ok_or_else(|| {
        label_error(
            "row",
            row_query,
            LabelError::NotFound {
                nearest: Vec::new(),
            },
        )
    })?;
    let column_index = match column {
        ColumnRef::Label(label) => table
            .find_column(&label.value)
            .map_err(|e| label_error("column", &label.value, e))?,
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
        (None, []) if is_nil(&cell.text) => {
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

/// The figure as its table column qualifies it, however it was anchored: a
/// bare `261,749` under a `£` header is £261,749, `1.3` under `(£m)` is
/// £1.3m, and `(1,950)` alone in a cell is an accountant's -1,950.
pub fn in_context(document: &Document, index: usize) -> Option<Figure> {
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

/// A cell printed as none: `-`, `–`, `—` or `nil`, as accounts print a
/// line with nothing in it.
pub fn is_nil(cell: &str) -> bool {
    matches!(cell.trim(), "-" | "–" | "—") || cell.trim().eq_ignore_ascii_case("nil")
}

/// The unit of a column's figures: its header's, or else that of the first
/// figure printed in it (`£12,400` under `2024/25`), or a plain number.
fn column_unit(document: &Document, table: &Table, column: usize) -> Unit {
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

/// A cell that is the figure in brackets and nothing else: `(1,950)`,
/// `(£1,950)`. In prose, brackets are an aside, not a sign.
fn is_bracketed(cell: &str, printed: &str) -> bool {
    cell.strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(')'))
        .is_some_and(|inside| inside == printed)
}

/// The one table (its index in `document.tables`) with a cell whose words
/// are `query`, or failing that contain it.
pub fn find_table(document: &Document, query: &str) -> Result<usize, EvalErrorKind> {
    let wanted = crate::tables::normalise(query);
    for exactly in [true, false] {
        let found: Vec<(usize, &Table)> = if exactly {
            document
                .tables_by_key
                .with_cell(&wanted)
                .iter()
                .filter_map(|&i| Some((i, document.tables.get(i)?)))
                .collect()
        } else {
            document
                .tables
                .iter()
                .enumerate()
                .filter(|(_, t)| t.mentions_normalised(&wanted, false))
                .collect()
        };
        match found.as_slice() {
            [(one, _)] => return Ok(*one),
            [] => continue,
            several => {
                return Err(EvalErrorKind::Label {
                    what: "table",
                    query: query.to_string(),
                    nearest: several
                        .iter()
                        .map(|(_, t)| {
                            format!(
                                "the table at line {}",
                                document.source.line_col(t.span.start).line
                            )
                        })
                        .collect(),
                    ambiguous: true,
                })
            }
        }
    }
    Err(EvalErrorKind::Label {
        what: "table",
        query: query.to_string(),
        nearest: Vec::new(),
        ambiguous: false,
    })
}

pub(super) fn label_error(what: &'static str, query: &str, error: LabelError) -> EvalErrorKind {
    let (nearest, ambiguous) = match error {
        LabelError::NotFound { nearest } => (nearest, false),
        LabelError::Ambiguous { matches } => (matches, true),
    };
    EvalErrorKind::Label {
        what,
        query: query.to_string(),
        nearest,
        ambiguous,
    }
}

fn bracket_depth(text: &str) -> i32 {
    text.chars().fold(0, |depth, c| match c {
        '(' => depth + 1,
        ')' => depth - 1,
        _ => depth,
    })
}

/// How many items the list after the line containing `heading` has: the
/// bullet (`-`, `•`, `*`) or numbered (`1.`, `2)`) lines that follow it,
/// blank lines between them allowed, up to the first line that is neither.
pub fn count_items(document: &Document, name: &str, heading: &str) -> Result<usize, EvalErrorKind> {
    let text = &document.source.text;
    let lines: Vec<&str> = text.lines().collect();
    let wanted = squash(heading);
    // A line whose words contain the heading's contains its longest word
    // as it stands: only those lines are worth squashing.
    let longest = wanted.split(' ').max_by_key(|w| w.len()).unwrap_or("");
    let headings: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.contains(longest) && squash(line).contains(&wanted))
        .map(|(i, _)| i)
        .collect();
    let at = match headings.as_slice() {
        [one] => *one,
        [] => {
            return Err(EvalErrorKind::Label {
                what: "line",
                query: heading.to_string(),
                nearest: Vec::new(),
                ambiguous: false,
            })
        }
        several => {
            return Err(EvalErrorKind::Label {
                what: "line",
                query: heading.to_string(),
                nearest: several
                    .iter()
                    .take(5)
                    .map(|i| format!("line {} of `{name}`", i + 1))
                    .collect(),
                ambiguous: true,
            })
        }
    };
    let mut count = 0;
    for line in lines.iter().skip(at + 1) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !is_list_item(line) {
            break;
        }
        count += 1;
    }
    Ok(count)
}

fn is_list_item(line: &str) -> bool {
    if let Some(rest) = line
        .strip_prefix("- ")
        .or(line.strip_prefix("• "))
        .or(line.strip_prefix("* "))
    {
        // `- 11.6 On 15th October…`: the converter's bullet before the next
        // numbered paragraph, which ends the list.
        return !starts_with_paragraph_number(rest);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

/// `11.6 ` or `3.2.1 `
fn starts_with_paragraph_number(text: &str) -> bool {
    let number: &str = text.split(' ').next().unwrap_or("");
    number.contains('.')
        && number
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_runs_match_whitespace_runs() {
        assert_eq!(
            ends_with_words("Programme Team\t£", "Programme Team £"),
            Some(0)
        );
        assert_eq!(ends_with_words("The Total -\n  £", "Total - £"), Some(4));
        assert_eq!(ends_with_words("Total-£", "Total - £"), None);
        assert_eq!(
            starts_with_words(" per  council) and", " per council)"),
            Some(14)
        );
    }

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
                let error = super::super::error::EvalError::new(Span::new(0, 0), kind);
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

    #[test]
    fn matches_start_and_end_on_word_boundaries() {
        assert_eq!(ends_with_words("16 x ", "6 x "), None);
        assert_eq!(ends_with_words("(6 x ", "6 x "), Some(1));
        assert_eq!(starts_with_words(" councillors", " council"), None);
    }
}
