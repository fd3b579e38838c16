//! The scanner behind [`recognise`](super::recognise).

use std::str::FromStr;

use rust_decimal::Decimal;

use super::figure::{Figure, Figures, MalformedFigure};
use super::hedge::hedge_around;
use super::money::money_word;
use super::range::join_ranges;
use crate::span::Span;
use crate::units::{Scale, Unit};

/// Finds every figure in `text`.
pub fn recognise(text: &str) -> Figures {
    let bytes = text.as_bytes();
    let mut found = Figures::default();
    let mut i = 0;
    while let Some(byte) = bytes.get(i) {
        if !byte.is_ascii_digit() || !starts_a_number(text, i) {
            i += 1;
            continue;
        }
        let end = number_run_end(bytes, i);
        for piece in split_run(text, i, end, &mut found.malformed) {
            if let Some(figure) = read_figure(text, piece, &mut found.malformed) {
                found.figures.push(figure);
            }
        }
        i = end.max(i + 1);
    }
    // A scale word already read with its digits (`5 thousand`) is no second figure.
    let read = SpansRead::new(&found.figures);
    let words: Vec<Figure> = super::words::number_words(text)
        .into_iter()
        .filter(|w| !read.overlaps(w.span))
        .collect();
    found.figures.extend(words);
    found.figures.sort_by_key(|f| f.span.start);
    found.ranges = join_ranges(text, &mut found.figures);
    for figure in &mut found.figures {
        figure.hedge = hedge_around(&text[..figure.span.start], &text[figure.span.end..]);
    }
    found
}

/// The spans of the figures read from digits, sorted, so that whether a
/// number word overlaps one is a binary search rather than a comparison
/// with every figure (which made reading a document quadratic).
struct SpansRead {
    /// `(start, end)` of each figure, in order of start.
    spans: Vec<(usize, usize)>,
    /// For each position in `spans`, the greatest end up to it.
    furthest_end: Vec<usize>,
}

impl SpansRead {
    fn new(figures: &[Figure]) -> SpansRead {
        let mut spans: Vec<(usize, usize)> =
            figures.iter().map(|f| (f.span.start, f.span.end)).collect();
        spans.sort_unstable();
        let furthest_end = spans
            .iter()
            .scan(0, |furthest, &(_, end)| {
                *furthest = end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        SpansRead {
            spans,
            furthest_end,
        }
    }

    /// Whether any figure's span overlaps `span`: some figure starts before
    /// `span` ends and ends after it starts.
    fn overlaps(&self, span: Span) -> bool {
        let starting_before = self.spans.partition_point(|&(start, _)| start < span.end);
        starting_before
            .checked_sub(1)
            .and_then(|last| self.furthest_end.get(last))
            .is_some_and(|&end| end > span.start)
    }
}

/// Digits start a number unless they continue a word (`COVID19`, `v0.2`) or
/// another number.
fn starts_a_number(text: &str, at: usize) -> bool {
    let mut before = text[..at].chars().rev();
    match before.next() {
        None => true,
        // `COVID-19`: a hyphen glued to a word joins the digits to it.
        Some('-') => !before.next().is_some_and(char::is_alphabetic),
        Some('/') => second_of_a_split(text, at),
        // `(£ '000)` is a scale in a header, not a figure.
        Some(c) => !(c.is_alphanumeric() || matches!(c, '.' | ',' | '_' | '/' | '\'' | '’')),
    }
}

/// Whether the digits at `at`, just after a slash, are the second figure of
/// a split (`60/40`, `65%/35%`): a number stands just before the slash, it
/// does not itself follow a slash, and no slash and digit follow these
/// digits. So the parts of `27/11/2020` after the first are not figures,
/// and neither are the digits of `www.example.org/2021`.
fn second_of_a_split(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at).and_then(|t| t.strip_suffix('/')) else {
        return false;
    };
    let before = before.strip_suffix('%').unwrap_or(before);
    if !before.ends_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let run_start = before
        .trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ','))
        .len();
    let first_starts = text.get(..run_start).is_some_and(|t| {
        t.chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '/'))
    });
    let end = number_run_end(text.as_bytes(), at);
    let rest = text.get(end..).unwrap_or_default();
    let rest = rest.strip_prefix('%').unwrap_or(rest);
    let chained = rest
        .strip_prefix('/')
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    first_starts && !chained
}

/// The end of the run of digits, separators and decimal points at `start`,
/// without trailing punctuation (the full stop that ends a sentence).
fn number_run_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start;
    while matches!(bytes.get(end), Some(b'0'..=b'9' | b',' | b'.')) {
        end += 1;
    }
    while end > start && matches!(bytes.get(end - 1), Some(b',' | b'.')) {
        end -= 1;
    }
    end
}

/// Splits a run into the numbers it holds: one number usually, several for a
/// list such as `1,2`; none for a section number such as `1.2.3`. Misplaced
/// thousands separators are recorded as malformed.
fn split_run(
    text: &str,
    start: usize,
    end: usize,
    malformed: &mut Vec<MalformedFigure>,
) -> Vec<Span> {
    let run = &text[start..end];
    if run.matches('.').count() > 1 {
        return Vec::new();
    }
    let (whole, fraction) = run.split_once('.').unwrap_or((run, ""));
    if fraction.contains(',') {
        // `0.5,1`: a list whose first item has decimals.
        let cut = start + whole.len() + 1 + fraction.find(',').unwrap_or(0);
        let mut pieces = split_run(text, start, cut, malformed);
        pieces.extend(split_run(text, cut + 1, end, malformed));
        return pieces;
    }
    let groups: Vec<&str> = whole.split(',').collect();
    let [first, rest @ ..] = groups.as_slice() else {
        return vec![Span::new(start, end)];
    };
    if rest.is_empty() {
        return vec![Span::new(start, end)];
    }
    let first_ok = (1..=3).contains(&first.len());
    if first_ok && rest.iter().all(|g| g.len() == 3) {
        return vec![Span::new(start, end)];
    }
    if fraction.is_empty() && rest.iter().all(|g| g.len() <= 2 && !g.is_empty()) {
        // `1,2` or `3,10`: a list of small numbers, not thousands.
        let mut pieces = Vec::new();
        let mut at = start;
        for group in groups {
            pieces.push(Span::new(at, at + group.len()));
            at += group.len() + 1;
        }
        return pieces;
    }
    malformed.push(MalformedFigure {
        span: Span::new(start, end),
        printed: run.to_string(),
        reason: separator_problem(&groups),
    });
    Vec::new()
}

fn separator_problem(groups: &[&str]) -> String {
    let (first, rest) = groups.split_first().unwrap_or((&"", &[]));
    if let Some(bad) = rest.iter().find(|g| g.len() != 3) {
        format!(
            "a thousands separator must be followed by exactly three digits, but `,{bad}` has {}",
            bad.len()
        )
    } else {
        format!("the digits before the first thousands separator (`{first}`) are more than three")
    }
}

/// Reads the number at `digits` with whatever sign, currency, percent or scale
/// surrounds it; `None` when the digits are part of something else (`15th`,
/// `5G`).
fn read_figure(text: &str, digits: Span, malformed: &mut Vec<MalformedFigure>) -> Option<Figure> {
    let suffix = read_suffix(&text[digits.end..])?;
    let (prefix_len, unit_from_prefix, negative) = read_prefix(&text[..digits.start]);
    let printed_digits = digits.slice(text);
    let unit = suffix
        .unit
        .or_else(|| unit_word(&text[digits.end + suffix.len..]))
        .unwrap_or(unit_from_prefix);
    let span = Span::new(digits.start - prefix_len, digits.end + suffix.len);
    let fail = |reason: &str, malformed: &mut Vec<MalformedFigure>| {
        malformed.push(MalformedFigure {
            span,
            printed: span.slice(text).to_string(),
            reason: reason.to_string(),
        })
    };
    if unit_from_prefix == Unit::Pounds && suffix.scale == Scale::Pence {
        fail(
            "a figure is written in pounds (`£1.20`) or in pence (`8p`), not both",
            malformed,
        );
        return None;
    }
    let Ok(magnitude) = Decimal::from_str(&printed_digits.replace(',', "")) else {
        fail("too many digits to represent exactly", malformed);
        return None;
    };
    let Some(scaled) = magnitude.checked_mul(suffix.scale.multiplier()) else {
        fail("too large to represent exactly", malformed);
        return None;
    };
    let decimals = printed_digits
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len() as u32);
    Some(Figure {
        span,
        digits,
        printed: span.slice(text).to_string(),
        value: if negative { -scaled } else { scaled },
        unit,
        scale: suffix.scale,
        decimals,
        hedge: None,
        in_words: false,
        footnote: footnote_after(&text[span.end..]).map(str::to_string),
    })
}

/// A footnote marker glued to the end of a figure, as tables print them:
/// `*`, `**`, `†`, `‡`, a superscript digit (`¹`), or one lower-case letter
/// or roman numeral in brackets (`(a)`, `(ii)`), followed by a space, the
/// end of the line or punctuation. The figure is read without it.
fn footnote_after(after: &str) -> Option<&str> {
    let ends = |rest: &str| {
        rest.chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || matches!(c, ',' | ';' | '.' | ')' | '|'))
    };
    let marks = after
        .char_indices()
        .take_while(|&(_, c)| {
            matches!(
                c,
                '*' | '†' | '‡' | '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹'
            )
        })
        .last()
        .map(|(at, c)| at + c.len_utf8());
    if let Some(len) = marks {
        return after.get(..len).filter(|_| ends(&after[len..]));
    }
    let inside = after.strip_prefix('(')?;
    let close = inside.find(')')?;
    let letters = inside.get(..close)?;
    let roman = letters.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    let one_letter = letters.len() == 1 && letters.chars().all(|c| c.is_ascii_lowercase());
    let len = close + 2;
    (!letters.is_empty() && letters.len() <= 4 && (one_letter || roman) && ends(&after[len..]))
        .then(|| &after[..len])
}

/// The unit named by the word after a figure: `12 FTE`, `9 tonnes`,
/// `3 percentage points`. The word is not part of the figure's span.
fn unit_word(after: &str) -> Option<Unit> {
    let rest = after.strip_prefix(' ')?;
    if starts_with_word(rest, "percentage points") || starts_with_word(rest, "percentage point") {
        return Some(Unit::PercentagePoints);
    }
    let word_len = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    Unit::from_word(&rest[..word_len]).filter(|u| *u != Unit::PercentagePoints || word_len == 2)
}

/// Reads backwards from the digits: an optional `£`, then an optional minus
/// sign that stands on its own (after a space or bracket, not the hyphen of
/// `2019-2021` or `£20-66m`): a hyphen, a minus sign, or the en dash that
/// typeset tables print (`–1,234`). Returns the bytes consumed, the unit,
/// and the sign.
fn read_prefix(before: &str) -> (usize, Unit, bool) {
    let mut len = 0;
    let mut unit = Unit::Number;
    if before.ends_with('£') {
        len += '£'.len_utf8();
        unit = Unit::Pounds;
    }
    let rest = &before[..before.len() - len];
    for minus in ['-', '−', '–'] {
        if let Some(head) = rest.strip_suffix(minus) {
            let stands_alone = head
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || c == '(');
            if stands_alone {
                return (len + minus.len_utf8(), unit, true);
            }
        }
    }
    (len, unit, false)
}

struct Suffix {
    len: usize,
    unit: Option<Unit>,
    scale: Scale,
}

/// Reads forwards from the digits: `%`, ` per cent`, an attached scale
/// (`m`, `bn`, `k`) or a spaced scale word (` million`, ` bn`). `None` when
/// letters are glued to the digits in some other way (`15th`, `5G`).
fn read_suffix(after: &str) -> Option<Suffix> {
    let plain = Suffix {
        len: 0,
        unit: None,
        scale: Scale::One,
    };
    if after.starts_with('%') {
        return Some(Suffix {
            len: 1,
            unit: Some(Unit::Percent),
            ..plain
        });
    }
    let word_len = after
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(after.len());
    if word_len == 2 && after.starts_with("pp") {
        return Some(Suffix {
            len: 2,
            unit: Some(Unit::PercentagePoints),
            ..plain
        });
    }
    if word_len > 0 {
        let letters = &after[..word_len];
        // Not `3p.a.`: per annum.
        if letters == "p" && !after.get(1..).is_some_and(|rest| rest.starts_with(".a")) {
            // `8p`, `64p`: pence, read as pounds printed to the penny.
            return Some(Suffix {
                len: 1,
                unit: Some(Unit::Pounds),
                scale: Scale::Pence,
            });
        }
        if let Some(unit) = Unit::from_glued(letters) {
            // `0.404kg`, `1.3t`, `12FTE`
            return Some(Suffix {
                len: word_len,
                unit: Some(unit),
                ..plain
            });
        }
        let scale = scale_word(letters, true)?;
        return Some(Suffix {
            len: word_len,
            scale,
            ..plain
        });
    }
    if let Some((gap, spaced)) = word_gap(after) {
        for percent in ["per cent", "percent"] {
            if starts_with_word(spaced, percent) {
                return Some(Suffix {
                    len: gap + percent.len(),
                    unit: Some(Unit::Percent),
                    ..plain
                });
            }
        }
        let word_len = spaced
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(spaced.len());
        if let Some((unit, scale)) = money_word(&spaced[..word_len]) {
            // `8 pence`, `3 pounds`
            return Some(Suffix {
                len: gap + word_len,
                unit: Some(unit),
                scale,
            });
        }
        if let Some(scale) = scale_word(&spaced[..word_len], false) {
            return Some(Suffix {
                len: gap + word_len,
                scale,
                ..plain
            });
        }
    }
    Some(plain)
}

/// The space between a figure and the word after it, and the text from
/// that word on: one space, or a line break with the next line's indent,
/// as a paper printed to PDF wraps `£20` / `million` onto two lines. Two
/// spaces on one line part the columns of a table, not a figure and its
/// word.
fn word_gap(after: &str) -> Option<(usize, &str)> {
    if let Some(rest) = after.strip_prefix(' ') {
        return Some((1, rest));
    }
    let rest = after
        .strip_prefix("\r\n")
        .or_else(|| after.strip_prefix('\n'))?;
    let next_line = rest.trim_start_matches([' ', '\t']);
    Some((after.len() - next_line.len(), next_line))
}

/// The scale a word names. Single letters count only when glued to the
/// digits (`£66m`), since `20 m` could be metres.
fn scale_word(word: &str, attached: bool) -> Option<Scale> {
    match word.to_ascii_lowercase().as_str() {
        "k" if attached => Some(Scale::Thousand),
        "m" if attached => Some(Scale::Million),
        "bn" => Some(Scale::Billion),
        "thousand" => Some(Scale::Thousand),
        "million" => Some(Scale::Million),
        "billion" => Some(Scale::Billion),
        _ => None,
    }
}

fn starts_with_word(text: &str, word: &str) -> bool {
    text.starts_with(word)
        && !text[word.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests;
