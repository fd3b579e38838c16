//! Ranges: `£20-66m`, `£20.0–65.9m`, `£20 million to £66 million`, `between
//! £23m and £29m`. Each is one range figure with two ends; each end keeps
//! its own precision, and an end printed without a scale or `£` takes them
//! from the other end (`£20-66m` runs from £20m to £66m).

use super::figure::{Figure, RangeFigure};
use crate::span::Span;
use crate::units::{Scale, Unit};

/// Joins neighbouring figures into ranges, completing the ends' units and
/// scales, and returns the ranges in document order.
pub fn join_ranges(text: &str, figures: &mut [Figure]) -> Vec<RangeFigure> {
    let mut ranges = Vec::new();
    let mut i = 0;
    while let (Some(low), Some(high)) = (figures.get(i), figures.get(i + 1)) {
        if low.span.end > high.span.start {
            i += 1;
            continue;
        }
        let between = &text[low.span.end..high.span.start];
        let opened_by_between = ends_with_word(
            super::hedge::tail(&text[..low.span.start], 32).trim_end(),
            "between",
        );
        // A dash that stands apart from both figures, two or more spaces
        // or a tab either side, is a nil cell between two columns of a
        // table (`4,120    -    4,120`), not a range.
        let column_gap = between.contains("  ") || between.contains('\t');
        let joined = if column_gap {
            false
        } else if opened_by_between {
            matches!(between.trim(), "and" | "to" | "-" | "–")
        } else {
            matches!(between.trim(), "-" | "–" | "—" | "to") && !between.contains('\n')
        };
        if joined && compatible(low, high) {
            let Some([low, high]) = figures.get_mut(i..i + 2) else {
                break;
            };
            complete(low, high);
            ranges.push(RangeFigure {
                low: i,
                high: i + 1,
                span: Span::new(low.span.start, high.span.end),
            });
            i += 2;
        } else {
            i += 1;
        }
    }
    ranges
}

/// Ends that could belong together: the same unit, or one end bare.
fn compatible(low: &Figure, high: &Figure) -> bool {
    let units_fit = low.unit == high.unit || low.unit == Unit::Number || high.unit == Unit::Number;
    let scales_fit = low.scale == high.scale || low.scale == Scale::One || high.scale == Scale::One;
    units_fit && scales_fit
}

/// Gives each end what the author left to the other: the `£` of the low end,
/// the scale of the high end.
fn complete(low: &mut Figure, high: &mut Figure) {
    if low.scale == Scale::One && high.scale != Scale::One {
        low.scale = high.scale;
        low.value *= high.scale.multiplier();
    }
    if high.scale == Scale::One && low.scale != Scale::One && high.value < low.value {
        high.scale = low.scale;
        high.value *= low.scale.multiplier();
    }
    if low.unit == Unit::Number {
        low.unit = high.unit;
    } else if high.unit == Unit::Number {
        high.unit = low.unit;
    }
}

fn ends_with_word(text: &str, word: &str) -> bool {
    text.to_lowercase().ends_with(word)
        && !text[..text.len() - word.len()].ends_with(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use crate::figures::recognise;

    #[test]
    fn a_nil_dash_between_table_columns_is_not_a_range() {
        let figures = recognise("Direct payments      4,120        -       4,120\n");
        assert!(figures.ranges.is_empty(), "{:?}", figures.ranges);
        let figures = recognise("Savings of £20-66m and £20 - £66m\n");
        assert_eq!(figures.ranges.len(), 2);
    }
}
