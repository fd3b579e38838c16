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
