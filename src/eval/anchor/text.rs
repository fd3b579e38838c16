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

use crate::document::Document;
use crate::figures::{Figure, Figures};

use super::super::error::EvalErrorKind;
use super::super::words::{anchor_words, WordHits};
use super::found::Anchored;
use super::nearest::{candidate, nearest};

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
pub(super) fn range_starting_at(figures: &Figures, index: usize) -> Option<usize> {
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

    #[test]
    fn matches_start_and_end_on_word_boundaries() {
        assert_eq!(ends_with_words("16 x ", "6 x "), None);
        assert_eq!(ends_with_words("(6 x ", "6 x "), Some(1));
        assert_eq!(starts_with_words(" councillors", " council"), None);
    }
}
