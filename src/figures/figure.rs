//! A figure as printed, with its value, unit, scale and the interval its
//! printing allows; ranges and malformed figures; and a document's figures
//! in order.

use rust_decimal::Decimal;

use crate::interval::Interval;
use crate::span::Span;
use crate::units::{Scale, Unit};

use super::hedge::Hedge;

/// A number as printed in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    /// Everything that belongs to the figure: sign, `£`, digits, `%`, scale.
    pub span: Span,
    /// The digits alone, as printed (`1.08` in `£1.08bn`).
    pub digits: Span,
    /// The text of `span`, exactly as printed.
    pub printed: String,
    /// The signed value with its scale applied: `£1.08bn` is 1,080,000,000.
    /// A percentage keeps its printed number: `40%` is 40.
    pub value: Decimal,
    pub unit: Unit,
    pub scale: Scale,
    /// Digits printed after the decimal point.
    pub decimals: u32,
    /// The hedge written next to the figure ("approximately", "just under"):
    /// the author does not claim it is the exact value.
    pub hedge: Option<Hedge>,
    /// Written in words ("nine"): a count, exact rather than rounded.
    pub in_words: bool,
    /// A footnote marker glued to the figure (`*` in `1,234*`, `(a)` in
    /// `1,234(a)`): not part of the figure's span or value, a note on it.
    pub footnote: Option<String>,
}

impl Figure {
    /// The place value of the last printed digit: 1 for `436,248`, 0.1 for
    /// `364.6`, 10,000,000 for `£1.08bn`.
    pub fn step(&self) -> Decimal {
        Decimal::new(1, self.decimals) * self.scale.multiplier()
    }

    /// Every value that prints as this figure when rounded to its precision.
    pub fn interval(&self) -> Interval {
        // A count in words is exact, and so is a bare `0`: a table that
        // prints 0 beside 1.3 and 5.1 means nothing, not up to 0.5.
        // "four pence" is money rounded to the penny, not a count.
        let count_in_words = self.in_words && self.unit != Unit::Pounds;
        if count_in_words || (self.value.is_zero() && self.decimals == 0) {
            return Interval::point(self.value);
        }
        Interval::around(self.value, self.step() / Decimal::TWO)
    }
}

/// Two figures printed as one range, such as `£20-66m`: indexes of its ends
/// in [`Figures::figures`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RangeFigure {
    pub low: usize,
    pub high: usize,
    /// From the start of the low end to the end of the high end.
    pub span: Span,
}

/// Text that looks like a figure but cannot be read as one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MalformedFigure {
    pub span: Span,
    pub printed: String,
    pub reason: String,
}

/// All figures of one document, in document order, and the runs of digits
/// that could not be read.
#[derive(Clone, Debug, Default)]
pub struct Figures {
    pub figures: Vec<Figure>,
    pub malformed: Vec<MalformedFigure>,
    pub ranges: Vec<RangeFigure>,
}

impl Figures {
    /// The figures lying wholly inside `span`.
    pub fn within(&self, span: Span) -> &[Figure] {
        let first = self.figures.partition_point(|f| f.span.start < span.start);
        let last = self.figures.partition_point(|f| f.span.start < span.end);
        let inside = self.figures.get(first..last).unwrap_or_default();
        let keep = inside.iter().take_while(|f| f.span.end <= span.end).count();
        inside.get(..keep).unwrap_or_default()
    }
}
