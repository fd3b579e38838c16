//! The scanner behind [`recognise`](super::recognise).

use std::str::FromStr;

use rust_decimal::Decimal;

use super::money::money_word;
use super::{hedge_around, range::join_ranges, Figure, Figures, MalformedFigure};
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
    })
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
/// `2019-2021` or `£20-66m`). Returns the bytes consumed, the unit, and the sign.
fn read_prefix(before: &str) -> (usize, Unit, bool) {
    let mut len = 0;
    let mut unit = Unit::Number;
    if before.ends_with('£') {
        len += '£'.len_utf8();
        unit = Unit::Pounds;
    }
    let rest = &before[..before.len() - len];
    for minus in ['-', '−'] {
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
    if let Some(spaced) = after.strip_prefix(' ') {
        for percent in ["per cent", "percent"] {
            if starts_with_word(spaced, percent) {
                return Some(Suffix {
                    len: 1 + percent.len(),
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
                len: 1 + word_len,
                unit: Some(unit),
                scale,
            });
        }
        if let Some(scale) = scale_word(&spaced[..word_len], false) {
            return Some(Suffix {
                len: 1 + word_len,
                scale,
                ..plain
            });
        }
    }
    Some(plain)
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
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    /// Recognises `text` and checks the invariants every figure must keep:
    /// its printed text is its span, and its digits lie inside it.
    #[track_caller]
    fn figures(text: &str) -> Vec<Figure> {
        let found = recognise(text);
        for figure in &found.figures {
            assert_eq!(figure.printed, figure.span.slice(text));
            assert!(figure.span.contains(figure.digits));
        }
        found.figures
    }

    #[track_caller]
    fn one(text: &str) -> Figure {
        let all = figures(text);
        assert_eq!(
            all.len(),
            1,
            "expected one figure in {text:?}, got {all:#?}"
        );
        all.into_iter().next().unwrap()
    }

    #[test]
    fn thousands_separators_and_pounds() {
        let f = one("The total cost is £436,248.");
        assert_eq!(f.printed, "£436,248");
        assert_eq!(f.value, dec!(436248));
        assert_eq!(f.unit, Unit::Pounds);
        assert_eq!(f.step(), dec!(1));
        assert_eq!(f.interval().lo, dec!(436247.5));
        assert_eq!(f.interval().hi, dec!(436248.5));
    }

    #[test]
    fn decimals_set_the_precision() {
        let f = one("Sub-total\t\t\t\t364.6");
        assert_eq!(f.value, dec!(364.6));
        assert_eq!(f.decimals, 1);
        assert_eq!(f.interval().lo, dec!(364.55));
        assert_eq!(f.interval().hi, dec!(364.65));
    }

    #[test]
    fn percentages_keep_their_printed_number() {
        let f = one("County Council 40% split");
        assert_eq!((f.value, f.unit), (dec!(40), Unit::Percent));
        let f = one("Proportion 41.7% of adults");
        assert_eq!(
            (f.value, f.decimals, f.unit),
            (dec!(41.7), 1, Unit::Percent)
        );
        let f = one("a rise of 5 per cent.");
        assert_eq!((f.printed.as_str(), f.unit), ("5 per cent", Unit::Percent));
    }

    #[test]
    fn scale_suffixes_and_words() {
        let cases = [
            (
                "approximately £1.08bn that",
                "£1.08bn",
                dec!(1080000000),
                dec!(10000000),
            ),
            (
                "£27 bn economy",
                "£27 bn",
                dec!(27000000000),
                dec!(1000000000),
            ),
            (
                "£35 million of",
                "£35 million",
                dec!(35000000),
                dec!(1000000),
            ),
            (
                "£1.1 billion.",
                "£1.1 billion",
                dec!(1100000000),
                dec!(100000000),
            ),
            ("around £650k a year", "£650k", dec!(650000), dec!(1000)),
            ("72.6m in", "72.6m", dec!(72600000), dec!(100000)),
            ("5 thousand people", "5 thousand", dec!(5000), dec!(1000)),
        ];
        for (text, printed, value, step) in cases {
            let f = one(text);
            assert_eq!(f.printed, printed, "in {text:?}");
            assert_eq!(f.value, value, "in {text:?}");
            assert_eq!(f.step(), step, "in {text:?}");
        }
    }

    #[test]
    fn negatives_stand_alone_but_hyphens_do_not_negate() {
        assert_eq!(one("a change of -£5,000 this year").value, dec!(-5000));
        assert_eq!(one("a change of -12.5%").value, dec!(-12.5));
        assert_eq!(one("(−3 FTE)").value, dec!(-3));
        let range = figures("benefits of £20-66m");
        assert_eq!(range.len(), 2);
        assert_eq!(range[1].value, dec!(66000000));
        let years = figures("2019-2021");
        assert_eq!(years[1].value, dec!(2021));
    }

    #[test]
    fn digits_glued_to_words_are_not_figures() {
        for text in [
            "15th July",
            "PwC draft v0.2",
            "COVID19",
            "COVID-19",
            "5G masts",
            "Section 1.2.3",
            "(£ '000)",
        ] {
            assert!(
                figures(text).is_empty(),
                "{text:?} gave {:?}",
                figures(text)
            );
        }
    }

    #[test]
    fn a_sentence_full_stop_is_not_a_decimal_point() {
        let f = one("is £52,350.");
        assert_eq!((f.value, f.decimals), (dec!(52350), 0));
    }

    #[test]
    fn html_leftovers_around_a_cell() {
        let f = one("<b>15.1</b>");
        assert_eq!((f.printed.as_str(), f.value), ("15.1", dec!(15.1)));
    }

    #[test]
    fn small_lists_split_at_commas() {
        let all = figures("see paragraphs 1,2 and 3");
        let values: Vec<_> = all.iter().map(|f| f.value).collect();
        assert_eq!(values, [dec!(1), dec!(2), dec!(3)]);
    }

    #[test]
    fn misplaced_separators_are_malformed_never_guessed() {
        let found = recognise("Derbyshire County Council\t1,103,5000\t2%");
        assert_eq!(found.figures.len(), 1, "only the 2% is a figure");
        assert_eq!(found.malformed.len(), 1);
        let bad = &found.malformed[0];
        assert_eq!(bad.printed, "1,103,5000");
        assert!(bad.reason.contains(",5000"), "{}", bad.reason);
        assert_eq!(recognise("1000,000").malformed.len(), 1);
    }

    #[test]
    fn unit_words_after_figures() {
        let cases = [
            ("CO2 emissions per capita\t9 tonnes\t8 tonnes", Unit::Tonnes),
            ("a reduction of 12 FTE in", Unit::Fte),
            ("up 3 percentage points", Unit::PercentagePoints),
            ("up 3pp on last year", Unit::PercentagePoints),
            ("79,000 people", Unit::People),
        ];
        for (text, unit) in cases {
            assert_eq!(figures(text)[0].unit, unit, "{text:?}");
        }
        assert_eq!(one("12 FTE").printed, "12");
    }

    #[test]
    fn ranges_share_scale_and_currency() {
        let found = recognise("organisational benefits of £20-66m and");
        assert_eq!(found.ranges.len(), 1);
        let (low, high) = (&found.figures[0], &found.figures[1]);
        assert_eq!(
            (low.value, low.unit, low.step()),
            (dec!(20000000), Unit::Pounds, dec!(1000000))
        );
        assert_eq!((high.value, high.unit), (dec!(66000000), Unit::Pounds));
        let found = recognise("of £20.0–65.9m");
        assert_eq!(found.figures[0].step(), dec!(100000));
        assert_eq!(found.ranges[0].span.slice("of £20.0–65.9m"), "£20.0–65.9m");
        let found = recognise("estimated at between £20 million to £66 million that");
        assert_eq!(found.ranges.len(), 1);
        assert_eq!(
            found.figures[0].hedge,
            Some(crate::figures::Hedge::Estimated)
        );
        let found = recognise("between £23m and £29m");
        assert_eq!(found.ranges.len(), 1);
        assert_eq!(found.figures[1].value, dec!(29000000));
        assert!(recognise("£20m. 66m").ranges.is_empty());
    }

    #[test]
    fn number_words_are_exact_counts() {
        let all = recognise("all nine councils, the eight districts and 9 more");
        let words: Vec<_> = all.figures.iter().filter(|f| f.in_words).collect();
        assert_eq!(words.len(), 2);
        assert_eq!(
            (words[0].printed.as_str(), words[0].value),
            ("nine", dec!(9))
        );
        assert_eq!(words[0].interval().lo, words[0].interval().hi);
        assert!(recognise("someone nonetheless").figures.is_empty());
    }

    #[test]
    fn hedges_stay_with_their_figures() {
        let f = one("wider system benefits estimated at approximately £1.08bn that");
        assert_eq!(f.hedge, Some(crate::figures::Hedge::Approximately));
        assert_eq!(one("the total is £1.08bn").hedge, None);
    }

    fn printed_values(text: &str) -> Vec<(String, Decimal, Unit)> {
        figures(text)
            .into_iter()
            .map(|f| (f.printed, f.value, f.unit))
            .collect()
    }

    #[test]
    fn pence_are_pounds_printed_to_the_penny() {
        let f = one("Weekly increase 8p");
        assert_eq!((f.printed.as_str(), f.value), ("8p", dec!(0.08)));
        assert_eq!(
            (f.unit, f.scale, f.step()),
            (Unit::Pounds, Scale::Pence, dec!(0.01))
        );
        assert_eq!(
            (f.interval().lo, f.interval().hi),
            (dec!(0.075), dec!(0.085))
        );
        assert_eq!(one("| Band A | 64p |").value, dec!(0.64));
        assert_eq!(one("a fall of -3p a week").value, dec!(-0.03));
        assert_eq!(one("(5p)").printed, "5p");
        let f = one("an increase of 8 pence a week");
        assert_eq!((f.printed.as_str(), f.value), ("8 pence", dec!(0.08)));
        // A column that holds pounds and pence: both are pounds.
        let row = printed_values("| Band D | £1,440.00 | £1,512.00 | £72.00 | £1.38 |\n| Band A | £960.00 | £1,008.00 | £48.00 | 92p |");
        assert!(
            row.iter().all(|(_, _, unit)| *unit == Unit::Pounds),
            "{row:?}"
        );
        assert_eq!(row.last().map(|r| r.1), Some(dec!(0.92)));
        let found = recognise("a charge of £5p");
        assert!(found.figures.is_empty());
        assert_eq!(found.malformed.len(), 1);
        // Not pence: `10pm`, `3pp`, `p.5`.
        assert!(figures("at 10pm").is_empty());
        assert!(figures("rising 3p.a.").is_empty());
        assert_eq!(one("up 3pp").unit, Unit::PercentagePoints);
    }

    #[test]
    fn money_in_number_words_is_rounded_not_exact() {
        let found = printed_values(
            "an increase of four pence a week, seven pence, three pounds and nine councils",
        );
        assert_eq!(
            found,
            [
                ("four pence".to_string(), dec!(0.04), Unit::Pounds),
                ("seven pence".to_string(), dec!(0.07), Unit::Pounds),
                ("three pounds".to_string(), dec!(3), Unit::Pounds),
                ("nine".to_string(), dec!(9), Unit::Number),
            ]
        );
        let all = figures("four pence and three pounds for nine councils");
        assert_eq!(
            (all[0].interval().lo, all[0].interval().hi),
            (dec!(0.035), dec!(0.045))
        );
        assert_eq!(
            (all[1].interval().lo, all[1].interval().hi),
            (dec!(2.5), dec!(3.5))
        );
        assert_eq!(all[2].interval().lo, all[2].interval().hi);
    }

    #[test]
    fn units_glued_to_digits() {
        let cases = [
            (
                "a passenger vehicle emits 0.404kg of CO2 per mile",
                "0.404kg",
                dec!(0.404),
                Unit::Kilograms,
            ),
            ("- 930kg 3 bed semi", "930kg", dec!(930), Unit::Kilograms),
            ("saves 1.3t a year", "1.3t", dec!(1.3), Unit::Tonnes),
            ("a team of 12FTE", "12FTE", dec!(12), Unit::Fte),
            ("within 5km of", "5km", dec!(5), Unit::Kilometres),
        ];
        for (text, printed, value, unit) in cases {
            let f = figures(text).into_iter().next().unwrap();
            assert_eq!(
                (f.printed.as_str(), f.value, f.unit),
                (printed, value, unit),
                "{text:?}"
            );
        }
        // A unit word after a space is the unit too, though not printed with it.
        let f = one("or 1.3 t of carbon");
        assert_eq!((f.printed.as_str(), f.unit), ("1.3", Unit::Tonnes));
        assert_eq!(one("or 1.3 Tonne carbon").unit, Unit::Tonnes);
        assert_eq!(one("a round trip of 12 km").unit, Unit::Kilometres);
        for text in ["5G masts", "v0.2", "15th July", "3D printing", "4x4"] {
            assert!(figures(text).iter().all(|f| f.printed != text), "{text:?}");
        }
        assert!(figures("5G and 3D").is_empty());
    }

    #[test]
    fn splits_with_a_slash_are_two_figures() {
        let found = printed_values("| Parks | 65%/35% |");
        assert_eq!(
            found,
            [
                ("65%".to_string(), dec!(65), Unit::Percent),
                ("35%".to_string(), dec!(35), Unit::Percent),
            ]
        );
        let found = printed_values("a split of 60/40 between the councils");
        let values: Vec<_> = found.iter().map(|f| f.1).collect();
        assert_eq!(values, [dec!(60), dec!(40)]);
        assert_eq!(figures("shared 40 / 60").len(), 2);
        let found = printed_values("North – 41,250; South – 18,902");
        let values: Vec<_> = found.iter().map(|f| f.1).collect();
        assert_eq!(values, [dec!(41250), dec!(18902)]);
        assert_eq!(figures("in 2018/19.").len(), 2);
        assert_eq!(figures("(2017/2018)").len(), 2);
        // A date is one figure and digits that are not read.
        assert_eq!(figures("on 27/11/2020").len(), 1);
        assert!(figures("see www.example.org/2021").is_empty());
        assert!(figures("draft v0.2/3").is_empty());
    }

    #[test]
    fn too_many_digits_is_malformed() {
        let found = recognise("99999999999999999999999999999999 people");
        assert!(found.figures.is_empty());
        assert_eq!(found.malformed.len(), 1);
    }
}
