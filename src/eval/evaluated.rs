//! A value as the evaluator carries it: a quantity with its interval, the
//! working that produced it, and the document figures it was read from.

use rust_decimal::Decimal;

use crate::figures::Figure;
use crate::pack::FigureRef;
use crate::span::Span;
use crate::units::{Scale, Unit};

use super::error::{EvalError, EvalErrorKind};
use super::quantity::{Quantity, QuantityError};

/// A value with the working that produced it. A range (`£20-66m`) is two
/// values, low and high, carried end by end through the arithmetic.
#[derive(Clone, Debug)]
pub(super) struct Evaluated {
    pub(super) quantity: Quantity,
    /// The high end, when this is a range.
    pub(super) high: Option<Quantity>,
    pub(super) working: String,
    /// Binding strength of the working's outermost operator, for brackets.
    pub(super) precedence: u8,
    /// The document figure this value is, when it is exactly one (the low
    /// end of a range), with the unit and scale its table header gives it.
    pub(super) figure: Option<(FigureRef, Figure)>,
    /// The high end's figure, when this is a range read from a document.
    pub(super) high_figure: Option<(FigureRef, Figure)>,
    pub(super) inputs: Vec<FigureRef>,
}

impl Evaluated {
    pub(super) fn scalar(
        quantity: Quantity,
        working: String,
        precedence: u8,
        inputs: Vec<FigureRef>,
    ) -> Evaluated {
        Evaluated {
            quantity,
            high: None,
            working,
            precedence,
            figure: None,
            high_figure: None,
            inputs,
        }
    }

    /// The high end: the value itself when it is not a range.
    pub(super) fn high_or_only(&self) -> &Quantity {
        self.high.as_ref().unwrap_or(&self.quantity)
    }
}

pub(super) const ATOM: u8 = 3;
pub(super) const PRODUCT: u8 = 2;
pub(super) const SUM: u8 = 1;

pub(super) fn bracket(value: &Evaluated, at_least: u8) -> String {
    if value.precedence < at_least {
        format!("({})", value.working)
    } else {
        value.working.clone()
    }
}

pub(super) fn quantity_error(error: QuantityError, span: Span) -> EvalError {
    let kind = match error {
        QuantityError::Unit(u) => EvalErrorKind::Units(u.message),
        QuantityError::Arith(a) => EvalErrorKind::Arith(a),
    };
    EvalError::new(span, kind)
}

/// A figure as the working shows it: as printed, but "six" as 6, and a
/// bare `280.9` that its table states in £m as `£280.9m`, so that
/// `£280.9m / 152,410 = 1,843.05` reads as the sum it is.
pub(super) fn as_worked(figure: &Figure) -> String {
    if figure.in_words {
        return figure.value.to_string();
    }
    let suffix = match figure.scale {
        Scale::Thousand => "k",
        Scale::Million => "m",
        Scale::Billion => "bn",
        Scale::One | Scale::Pence => return figure.printed.clone(),
    };
    let printed = &figure.printed;
    if figure.unit != Unit::Pounds || printed.contains('£') || printed.ends_with(suffix) {
        return printed.clone();
    }
    if let Some(inner) = printed.strip_prefix('(').and_then(|p| p.strip_suffix(')')) {
        return format!("(£{inner}{suffix})");
    }
    match printed.strip_prefix(['-', '–', '−']) {
        Some(digits) => format!("-£{digits}{suffix}"),
        None => format!("£{printed}{suffix}"),
    }
}

/// A figure as a quantity: percentages become ratios.
pub(super) fn figure_quantity(figure: &Figure) -> Quantity {
    let interval = figure.interval();
    let unit = figure.unit;
    Quantity {
        value: ratio_if_percent(figure.value, unit),
        bounds: crate::interval::Interval {
            lo: ratio_if_percent(interval.lo, unit),
            hi: ratio_if_percent(interval.hi, unit),
        },
        unit,
    }
}

pub(super) fn ratio_if_percent(value: Decimal, unit: Unit) -> Decimal {
    if unit == Unit::Percent {
        value / Decimal::ONE_HUNDRED
    } else {
        value
    }
}
