//! The unit and scale a column's header gives the figures under it.

use crate::units::{Scale, Unit};

/// The unit and scale a column header gives its cells: `£`, `(£m)`,
/// `(£ '000)`, `%`. `None` when the header names no unit.
pub fn header_unit(labels: &[&str]) -> Option<(Unit, Scale)> {
    let header = labels.join(" / ").to_lowercase();
    if !header.contains('£') {
        // A `%` column (`% reduction`, `(%)`) holds percentages.
        return header.contains('%').then_some((Unit::Percent, Scale::One));
    }
    // `(£m)`, `£m`, `(£ '000)`: a scale written right after the `£`, not the
    // first letter of the next label (`Savings £ / Medium`).
    let after_pound = |suffix: &str| {
        header.match_indices('£').any(|(at, _)| {
            let rest = header[at + '£'.len_utf8()..].trim_start();
            rest.strip_prefix(suffix)
                .is_some_and(|tail| !tail.starts_with(char::is_alphabetic))
        })
    };
    let scale = if after_pound("m") || header.contains("million") {
        Scale::Million
    } else if after_pound("bn") || header.contains("billion") {
        Scale::Billion
    } else if after_pound("'000")
        || after_pound("’000")
        || after_pound("000")
        || after_pound("k")
        || header.contains("'000")
    {
        Scale::Thousand
    } else {
        Scale::One
    };
    Some((Unit::Pounds, scale))
}

/// A unit written as a unit and nothing else: `£`, `£m`, `£'000`,
/// `£000s`, `£ thousands`, `£bn`, `%`, brackets allowed (`(£m)`). Where a
/// caption or a row label states one, it scales that table's or row's
/// figures; a word with a `£` in it (`£ per head`) states none.
pub fn stated_unit(words: &str) -> Option<(Unit, Scale)> {
    let inner = words.trim();
    let inner = inner
        .strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or(inner);
    let squeezed: String = inner
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
        .replace('’', "'");
    if squeezed == "%" {
        return Some((Unit::Percent, Scale::One));
    }
    let scale = match squeezed.strip_prefix('£')? {
        "" => Scale::One,
        "m" | "million" | "millions" => Scale::Million,
        "bn" | "billion" | "billions" => Scale::Billion,
        "'000" | "000" | "000s" | "'000s" | "k" | "thousand" | "thousands" => Scale::Thousand,
        _ => return None,
    };
    Some((Unit::Pounds, scale))
}

/// The unit a label states at its end: `Band D council tax (£)`,
/// `Net budget £m`, `Increase (%)`. A label that only mentions a unit
/// inside its words (`60% split of costs`) states none.
pub fn trailing_unit(label: &str) -> Option<(Unit, Scale)> {
    let label = label.trim_end();
    if label.ends_with(')') {
        let open = label.rfind('(')?;
        return stated_unit(label.get(open..)?);
    }
    // `Net budget £m`, `Net budget £ '000`: the last word, or the last two
    // when the `£` stands apart from its scale.
    let words: Vec<&str> = label.split_whitespace().collect();
    let last = words.last()?;
    stated_unit(last).or_else(|| match words.as_slice() {
        [.., pound, scale] if *pound == "£" => stated_unit(&format!("£{scale}")),
        _ => None,
    })
}
