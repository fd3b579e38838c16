//! Numbers written in words: "all nine councils", "the eight district and
//! borough councils". They are counts, so they are exact: "nine" is 9, not
//! anything from 8.5 to 9.5. With a money word after them ("four pence",
//! "three pounds") they are amounts rounded to that unit instead.

use rust_decimal::Decimal;

use super::figure::Figure;
use super::money::money_word;
use crate::span::Span;
use crate::units::{Scale, Unit};

const WORDS: [(&str, i64); 29] = [
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("thousand", 1000),
];

/// Every number word in `text`, as exact figures.
pub fn number_words(text: &str) -> Vec<Figure> {
    let mut found = Vec::new();
    let mut start = None;
    let mut at = 0;
    // Byte by byte for ASCII, which is nearly all of a document; a
    // character at a time only where one is not ASCII.
    while at <= text.len() {
        let (alphabetic, width) = match text.as_bytes().get(at) {
            None => (false, 1),
            Some(byte) if byte.is_ascii() => (byte.is_ascii_alphabetic(), 1),
            Some(_) => text
                .get(at..)
                .and_then(|rest| rest.chars().next())
                .map_or((false, 1), |c| (c.is_alphabetic(), c.len_utf8())),
        };
        match (alphabetic, start) {
            (true, None) => start = Some(at),
            (false, Some(s)) => {
                if let Some(figure) = word_figure(text, Span::new(s, at)) {
                    found.push(figure);
                }
                start = None;
            }
            _ => {}
        }
        at += width;
    }
    found
}

/// The shortest and longest number words, in bytes: most words of a
/// document are ruled out by their length alone.
const SHORTEST: usize = 3;
const LONGEST: usize = 9;

fn word_figure(text: &str, span: Span) -> Option<Figure> {
    if !(SHORTEST..=LONGEST).contains(&(span.end - span.start)) {
        return None;
    }
    let word = span.slice(text);
    let value = WORDS
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|&(_, v)| v)?;
    // "four pence", "three pounds": money, rounded to the penny or pound.
    let after = text.get(span.end..).unwrap_or_default();
    let money = after.strip_prefix(' ').and_then(|rest| {
        let len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let (unit, scale) = money_word(rest.get(..len)?)?;
        Some((unit, scale, 1 + len))
    });
    let (unit, scale, whole) = match money {
        Some((unit, scale, len)) => (unit, scale, Span::new(span.start, span.end + len)),
        None => (Unit::Number, Scale::One, span),
    };
    Some(Figure {
        span: whole,
        digits: span,
        printed: whole.slice(text).to_string(),
        value: Decimal::from(value) * scale.multiplier(),
        unit,
        scale,
        decimals: 0,
        hedge: None,
        in_words: true,
        footnote: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_number_word_is_within_the_lengths_checked_first() {
        for (word, _) in WORDS {
            assert!((SHORTEST..=LONGEST).contains(&word.len()), "{word}");
        }
        let found: Vec<_> = number_words("Seventeen, THOUSAND and a hundredth")
            .into_iter()
            .map(|f| f.value)
            .collect();
        assert_eq!(found, [Decimal::from(17), Decimal::from(1000)]);
    }
}
