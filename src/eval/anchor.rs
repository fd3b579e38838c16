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

use crate::figures::Figure;
use crate::lang::ast::ColumnRef;
use crate::load::Document;
use crate::tables::{header_unit, LabelError, Table};
use crate::units::{Scale, Unit};

use super::error::{Candidate, EvalErrorKind};

/// What an anchor found: one figure, or a range of two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchored {
    /// An index into `figures.figures`.
    Figure(usize),
    /// An index into `figures.ranges`.
    Range(usize),
}

/// The one figure or range the pattern anchors. A pattern that fits a whole
/// range stands for the range, even where it also fits one of its ends.
pub fn resolve_text(
    document: &Document,
    name: &str,
    pattern: &str,
) -> Result<Anchored, EvalErrorKind> {
    let (before, after) = pattern.split_once("{}").unwrap_or((pattern, ""));
    let figures = &document.figures;
    let near = near_figures(document, pattern);
    let fits = |starts: [usize; 2], ends: [usize; 2]| {
        starts.iter().any(|&s| before_matches(document, s, before))
            && ends.iter().any(|&e| after_matches(document, e, after))
    };
    let ranges: Vec<usize> = figures
        .ranges
        .iter()
        .enumerate()
        .filter(|(_, r)| near[r.low])
        .filter(|(_, r)| {
            let (low, high) = (&figures.figures[r.low], &figures.figures[r.high]);
            fits(
                [low.span.start, low.digits.start],
                [high.span.end, high.digits.end],
            )
        })
        .map(|(i, _)| i)
        .collect();
    let in_found_range = |i: usize| {
        ranges
            .iter()
            .any(|&r| figures.ranges[r].low == i || figures.ranges[r].high == i)
    };
    let singles = figures
        .figures
        .iter()
        .enumerate()
        .filter(|&(i, _)| near[i])
        .filter(|&(i, f)| {
            !in_found_range(i) && fits([f.span.start, f.digits.start], [f.span.end, f.digits.end])
        })
        .map(|(i, _)| i);
    let matches: Vec<Anchored> = ranges
        .iter()
        .map(|&r| Anchored::Range(r))
        .chain(singles.map(Anchored::Figure))
        .collect();
    let first_figure = |a: &Anchored| match *a {
        Anchored::Figure(i) => i,
        Anchored::Range(r) => figures.ranges[r].low,
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
                .map(|a| candidate(document, first_figure(a)))
                .collect(),
        }),
    }
}

/// Where in the text a match of `pattern` could start a figure: around each
/// occurrence of the pattern's longest word. `None` when the pattern has no
/// word to look for. This keeps an anchor from testing every figure of a
/// long document; the windows are wide enough for any run of whitespace a
/// document puts where the pattern has one space, up to a few hundred bytes.
fn search_windows(text: &str, pattern: &str) -> Option<Vec<std::ops::Range<usize>>> {
    let word = pattern
        .split(|c: char| c.is_whitespace())
        .flat_map(|w| w.split("{_}"))
        .flat_map(|w| w.split("{}"))
        .max_by_key(|w| w.len())
        .filter(|w| w.len() >= 3)?;
    let offset = pattern.find(word)?;
    let slack = 4 * pattern.len() + 256;
    Some(
        text.match_indices(word)
            .map(|(at, _)| at.saturating_sub(offset + slack)..at + (pattern.len() - offset) + slack)
            .collect(),
    )
}

/// For each figure, whether it lies in one of the pattern's search windows
/// (all of them, when the pattern has no word to search for).
fn near_figures(document: &Document, pattern: &str) -> Vec<bool> {
    let figures = &document.figures.figures;
    let Some(windows) = search_windows(&document.source.text, pattern) else {
        return vec![true; figures.len()];
    };
    let mut near = vec![false; figures.len()];
    for window in windows {
        let first = figures.partition_point(|f| f.span.start < window.start);
        let last = figures.partition_point(|f| f.span.start < window.end);
        near[first..last].iter_mut().for_each(|n| *n = true);
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

/// Whether the text before `pos` ends with `pattern`, each `{_}` in it
/// matching one figure of the document.
///
/// The pattern is matched from `pos` backwards, one stretch of words between
/// `{_}`s at a time. A figure can be stepped over from its sign or currency
/// or from its digits, so each step can leave two places to go on from; the
/// places are kept as a set of at most two, never as a tree of choices, so
/// the work grows with the number of `{_}`, not exponentially.
fn before_matches(document: &Document, pos: usize, pattern: &str) -> bool {
    let text = &document.source.text;
    let mut stretches = pattern.rsplit("{_}").peekable();
    let mut places = vec![pos];
    while let Some(stretch) = stretches.next() {
        let starts = places
            .iter()
            .filter_map(|&p| text.get(..p).and_then(|t| ends_with_words(t, stretch)));
        if stretches.peek().is_none() {
            return starts.count() > 0;
        }
        places = step_back_over_figures(document, starts);
        if places.is_empty() {
            return false;
        }
    }
    false
}

/// Whether the text from `pos` starts with `pattern`, as [`before_matches`].
fn after_matches(document: &Document, pos: usize, pattern: &str) -> bool {
    let text = &document.source.text;
    let mut stretches = pattern.split("{_}").peekable();
    let mut places = vec![pos];
    while let Some(stretch) = stretches.next() {
        let ends = places.iter().filter_map(|&p| {
            text.get(p..)
                .and_then(|t| starts_with_words(t, stretch))
                .map(|len| p + len)
        });
        if stretches.peek().is_none() {
            return ends.count() > 0;
        }
        places = step_forward_over_figures(document, ends);
        if places.is_empty() {
            return false;
        }
    }
    false
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
    let text = &document.source.text;
    let mut words: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric())
        .chain(after.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 3)
        .collect();
    words.sort_unstable();
    words.dedup();
    // Occurrences past the limit make no difference to the order.
    words.sort_by_cached_key(|w| text.match_indices(w).take(MAX_FIGURES_SCORED + 1).count());
    let reach = before.len().max(after.len()) + 64;
    let mut chosen = std::collections::BTreeSet::new();
    for word in words {
        for (at, _) in text.match_indices(word) {
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
        .map(|(_, i)| candidate(document, i))
        .collect()
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How a figure is shown when suggested: its line and the words around it.
pub fn candidate(document: &Document, index: usize) -> Candidate {
    let figure = &document.figures.figures[index];
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
    Candidate {
        line,
        printed: figure.printed.clone(),
        context: format!("“{before} {} {after}”", figure.printed)
            .replace("“ ", "“")
            .replace(" ”", "”"),
    }
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

/// The figure in a table cell found by table, row and column labels.
pub fn resolve_cell(
    document: &Document,
    name: &str,
    table_query: &str,
    row_query: &str,
    column: &ColumnRef,
) -> Result<usize, EvalErrorKind> {
    let table = find_table(document, table_query)?;
    let figures = &document.figures;
    let row_index = table
        .find_row(row_query, figures)
        .map_err(|e| label_error("row", row_query, e))?;
    let row = &table.data_rows()[row_index];
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
    let unbracketed: Vec<usize> = figures
        .figures
        .iter()
        .enumerate()
        .filter(|(_, f)| cell.span.contains(f.span))
        .filter(|(_, f)| bracket_depth(&document.source.text[cell.span.start..f.span.start]) == 0)
        .map(|(i, _)| i)
        .collect();
    match unbracketed.as_slice() {
        [one] => Ok(*one),
        other => Err(EvalErrorKind::CellFigures {
            document: name.to_string(),
            cell: cell.text.clone(),
            count: other.len(),
        }),
    }
}

/// The figure as its table column qualifies it, however it was anchored: a
/// bare `261,749` under a `£` header is £261,749, and `1.3` under `(£m)` is
/// £1.3m.
pub fn in_context(document: &Document, index: usize) -> Figure {
    let mut figure = document.figures.figures[index].clone();
    // "eight councils" in a £ column is still a count of councils.
    if figure.unit != Unit::Number || figure.scale != Scale::One || figure.in_words {
        return figure;
    }
    let Some(table) = document
        .tables
        .iter()
        .find(|t| t.span.contains(figure.span))
    else {
        return figure;
    };
    let column = table
        .data_rows()
        .iter()
        .find_map(|row| row.cells.iter().position(|c| c.span.contains(figure.span)));
    if let Some((unit, scale)) = column.and_then(|c| header_unit(&table.column_labels(c))) {
        figure.unit = unit;
        figure.scale = scale;
        figure.value *= scale.multiplier();
    }
    figure
}

fn find_table<'d>(document: &'d Document, query: &str) -> Result<&'d Table, EvalErrorKind> {
    let wanted = crate::tables::normalise(query);
    for exactly in [true, false] {
        let found: Vec<&Table> = document
            .tables
            .iter()
            .filter(|t| t.mentions_normalised(&wanted, exactly))
            .collect();
        match found.as_slice() {
            [one] => return Ok(one),
            [] => continue,
            several => {
                return Err(EvalErrorKind::Label {
                    what: "table",
                    query: query.to_string(),
                    nearest: several
                        .iter()
                        .map(|t| {
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

fn label_error(what: &'static str, query: &str, error: LabelError) -> EvalErrorKind {
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

/// How many items the list after the line containing `heading` has: the
/// bullet (`-`, `•`, `*`) or numbered (`1.`, `2)`) lines that follow it,
/// blank lines between them allowed, up to the first line that is neither.
pub fn count_items(document: &Document, name: &str, heading: &str) -> Result<usize, EvalErrorKind> {
    let text = &document.source.text;
    let lines: Vec<&str> = text.lines().collect();
    let wanted = squash(heading);
    let headings: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| squash(line).contains(&wanted))
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
    for line in &lines[at + 1..] {
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
