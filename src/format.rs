//! Printing decimals the way the documents print them: thousands separators,
//! `£` and `%`, a fixed number of decimals.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::units::Unit;

/// `value` rounded half-up to `decimals` places, with thousands separators.
pub fn grouped(value: Decimal, decimals: u32) -> String {
    let rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{:.*}", decimals as usize, rounded.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if rounded.is_sign_negative() && !rounded.is_zero() {
        out.push('-');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// A value in its unit, for working and messages: `£43,624.83`, `40%`.
/// Shows at most `max_decimals` places, fewer when the value needs fewer.
pub fn quantity(value: Decimal, unit: Unit, max_decimals: u32) -> String {
    let shown = if unit == Unit::Percent {
        value * Decimal::ONE_HUNDRED
    } else {
        value
    };
    let needed = shown.normalize().scale().min(max_decimals);
    let digits = grouped(shown, needed);
    match unit {
        Unit::Pounds if digits.starts_with('-') => format!("-£{}", &digits[1..]),
        Unit::Pounds => format!("£{digits}"),
        Unit::Percent => format!("{digits}%"),
        Unit::PercentagePoints => format!("{digits} percentage points"),
        Unit::People => format!("{digits} people"),
        Unit::Fte => format!("{digits} FTE"),
        Unit::Tonnes => format!("{digits} tonnes"),
        Unit::Kilograms => format!("{digits} kg"),
        Unit::Miles => format!("{digits} miles"),
        Unit::Kilometres => format!("{digits} km"),
        Unit::Number => digits,
    }
}

/// `differs by £10 (0.02%)`: how far a stated figure is from the computed
/// one, and as a share of it. Between percentages the gap is given in
/// points (`differs by 2.1 percentage points`), as a percentage of a
/// percentage would read as something else.
pub fn difference(difference: Decimal, relative: Option<Decimal>, unit: Unit) -> String {
    if unit == Unit::Percent {
        let points = (difference * Decimal::ONE_HUNDRED).abs();
        let shown = quantity(points, Unit::PercentagePoints, 4);
        if points == Decimal::ONE {
            return "differs by 1 percentage point".to_string();
        }
        return format!("differs by {shown}");
    }
    let by = quantity(difference.abs(), unit, 4);
    match relative {
        Some(relative) => format!(
            "differs by {by} ({}%)",
            grouped((relative * Decimal::ONE_HUNDRED).abs(), 2)
        ),
        None => format!("differs by {by}"),
    }
}

/// A plain decimal string for machine-readable output: no separators, no
/// trailing zeros.
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn grouping_and_rounding() {
        assert_eq!(grouped(dec!(43624.8333), 2), "43,624.83");
        assert_eq!(grouped(dec!(43624.8333), 0), "43,625");
        assert_eq!(grouped(dec!(-1234567.5), 0), "-1,234,568");
        assert_eq!(grouped(dec!(999), 0), "999");
    }

    #[test]
    fn units() {
        assert_eq!(quantity(dec!(174499.2), Unit::Pounds, 2), "£174,499.2");
        assert_eq!(quantity(dec!(0.4), Unit::Percent, 2), "40%");
        assert_eq!(quantity(dec!(-5), Unit::Pounds, 2), "-£5");
        assert_eq!(plain(dec!(43625.000)), "43625");
    }
}
