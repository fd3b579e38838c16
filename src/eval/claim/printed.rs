//! Computed values printed the way the document prints its figure: the
//! same currency, scale suffix, decimals and grouping, so that the working
//! (`261,749 / 6 = 43,624.83 → 43,625`), the notes and the pins of an
//! expectation can be compared with the figure by eye, and a pin is the
//! same text whenever the value is the same.

use rust_decimal::Decimal;

use crate::figures::Figure;
use crate::format;
use crate::units::Unit;

/// The computed value as the stated figure is printed (`£60.00`), to two
/// more places when it has them (`£43,624.83` beside `43,635`).
pub(super) fn shown_value(stated: &Figure, value: Decimal) -> String {
    let printed = ratio_as_printed(value, stated.unit) / stated.scale.multiplier();
    let decimals = if printed.normalize().scale() <= stated.decimals {
        stated.decimals
    } else {
        stated.decimals + 2
    };
    printed_like(stated, value, decimals)
}

/// A quantity's value as the document prints it: a ratio as a percentage.
fn ratio_as_printed(value: Decimal, unit: Unit) -> Decimal {
    if unit == Unit::Percent {
        value * Decimal::ONE_HUNDRED
    } else {
        value
    }
}

/// `261,749 / 6 = 43,624.83 → 43,625`; the value is shown to two more
/// places than the stated figure, the arrow only when rounding changes it.
pub(super) fn working_line(
    working: &str,
    value: Decimal,
    stated: &Figure,
    rounded_text: &str,
) -> String {
    let shown = printed_like(stated, value, stated.decimals + 2);
    let mut line = if working == shown {
        shown.clone()
    } else {
        format!("{working} = {shown}")
    };
    if shown != rounded_text {
        line.push_str(&format!(" → {rounded_text}"));
    }
    line
}

/// Significant figures of a computed pin: more than any figure a council
/// paper prints has, so that a slip of one unit in any input's last digit
/// shows.
const PIN_SIGNIFICANT: i64 = 12;

/// `value` as an expectation pins it: printed like `figure`, to
/// [`PIN_SIGNIFICANT`] significant figures and at least two places more
/// than the figure, trailing zeros dropped. The same value always gives the
/// same text.
pub(in crate::eval) fn pin(figure: &Figure, value: Decimal) -> String {
    let shown = if figure.unit == Unit::Percent {
        value * Decimal::ONE_HUNDRED
    } else {
        value
    };
    let mut magnitude = (shown / figure.scale.multiplier()).abs();
    // The power of ten of the first significant digit; bounded, as a
    // decimal has at most 28 digits either side of the point.
    let mut exponent: i64 = 0;
    while magnitude >= Decimal::TEN && exponent < 29 {
        magnitude /= Decimal::TEN;
        exponent += 1;
    }
    while !magnitude.is_zero() && magnitude < Decimal::ONE && exponent > -29 {
        magnitude *= Decimal::TEN;
        exponent -= 1;
    }
    let significant = (PIN_SIGNIFICANT - 1 - exponent).clamp(0, 20);
    let decimals = u32::try_from(significant)
        .unwrap_or(0)
        .max(figure.decimals + 2);
    printed_like(figure, value, decimals.min(20))
}

/// `value` printed the way `figure` is: same currency, scale suffix,
/// decimals and grouping, so that the two can be compared by eye. An end of
/// a range that left its `£` or scale to the other end gets them back.
pub(super) fn printed_like(figure: &Figure, value: Decimal, decimals: u32) -> String {
    let shown = if figure.unit == Unit::Percent {
        value * Decimal::ONE_HUNDRED
    } else {
        value
    };
    let number = shown / figure.scale.multiplier();
    let relative = |at: usize| at - figure.span.start;
    let digits = &figure.printed[relative(figure.digits.start)..relative(figure.digits.end)];
    let mut body = format::grouped(number.abs(), decimals);
    if decimals > figure.decimals && body.contains('.') {
        // Trailing zeros past the stated precision say nothing.
        body = body.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    let whole_digits = digits.split('.').next().unwrap_or(digits).len();
    if !digits.contains(',') && whole_digits >= 4 {
        // The document writes 3209, not 3,209: so does the working.
        body.retain(|c| c != ',');
    }
    let before = figure.printed[..relative(figure.digits.start)].trim_start_matches(['-', '−']);
    let mut after = figure.printed[relative(figure.digits.end)..].to_string();
    // `65.9m` in `£20.0-65.9m` is £65.9m; a bare `43,635` under a `£`
    // column header stays bare, as the document prints it.
    let scaled = !matches!(
        figure.scale,
        crate::units::Scale::One | crate::units::Scale::Pence
    );
    let pound = if figure.unit == Unit::Pounds && scaled && !before.contains('£') {
        "£"
    } else {
        ""
    };
    if after.is_empty() {
        after = match figure.scale {
            crate::units::Scale::One => "",
            crate::units::Scale::Thousand => "k",
            crate::units::Scale::Million => "m",
            crate::units::Scale::Billion => "bn",
            crate::units::Scale::Pence => "p",
        }
        .to_string();
    }
    let sign = if number.is_sign_negative() && !number.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{pound}{before}{body}{after}")
}
