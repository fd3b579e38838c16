//! Judging a claim: is the stated figure what the computation gives, allowing
//! for how the author rounded?

use rust_decimal::Decimal;
use serde::Serialize;

use super::quantity::Quantity;
use crate::interval::Interval;
use crate::lang::ast::{Comparison, Rounding};

/// The four verdicts of design.md, from best to worst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The computed value, rounded as the stated figure is printed, is the
    /// stated figure (or the comparison holds for the printed values).
    Exact,
    /// Not exact, but explicable by the rounding of the inputs: the intervals
    /// overlap.
    WithinRounding,
    /// A claim written with `~=` that misses by no more than its tolerance.
    Approximate,
    /// Irreconcilable even allowing for every input's rounding.
    Discrepancy,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Exact => "exact",
            Verdict::WithinRounding => "within rounding",
            Verdict::Approximate => "approximate",
            Verdict::Discrepancy => "discrepancy",
        }
    }
}

/// The stated figure as a quantity, with the step it was printed to (in the
/// quantity's own terms: a ratio step for a percentage).
pub struct Stated {
    pub quantity: Quantity,
    pub step: Decimal,
    /// How the document rounds (half-up unless the pack says otherwise).
    pub rounding: Rounding,
}

impl Stated {
    /// The computed value rounded, as the document rounds, to the stated
    /// figure's precision.
    pub fn round_like(&self, value: Decimal) -> Decimal {
        self.round_with(value, self.rounding)
    }

    pub fn round_with(&self, value: Decimal, rounding: Rounding) -> Decimal {
        let steps = (value / self.step).round_dp_with_strategy(0, rounding.strategy());
        (steps * self.step).normalize()
    }
}

/// Whether some value the computation could give prints as the stated
/// figure. A figure rounded half-up stands for `[s - h, s + h)`: 65.5 prints
/// as 66, not 65, so 65m and 66m (both rounded) cannot be the same value,
/// whichever of the two is stated. Intervals that only touch at one end do
/// not overlap, unless one of them is a single exact value.
fn could_print_as(stated: &Quantity, computed: &Quantity) -> bool {
    let (s, c) = (&stated.bounds, &computed.bounds);
    if s.lo == s.hi || c.lo == c.hi {
        return c.lo <= s.hi && s.lo <= c.hi && (s.lo == s.hi || c.lo < s.hi);
    }
    c.lo < s.hi && s.lo < c.hi
}

/// Judges `stated <comparison> computed`. `tolerance` is the absolute
/// tolerance of a `~=` claim.
pub fn judge(
    stated: &Stated,
    comparison: Comparison,
    computed: &Quantity,
    tolerance: Option<Decimal>,
) -> Verdict {
    let s = &stated.quantity;
    let (holds_printed, holds_somewhere) = match comparison {
        Comparison::Equal | Comparison::Approximately => (
            stated.round_like(computed.value) == s.value.normalize(),
            could_print_as(s, computed),
        ),
        Comparison::Less => (s.value < computed.value, s.bounds.lo < computed.bounds.hi),
        Comparison::LessOrEqual => (s.value <= computed.value, s.bounds.lo <= computed.bounds.hi),
        Comparison::Greater => (s.value > computed.value, s.bounds.hi > computed.bounds.lo),
        Comparison::GreaterOrEqual => {
            (s.value >= computed.value, s.bounds.hi >= computed.bounds.lo)
        }
    };
    if holds_printed {
        Verdict::Exact
    } else if holds_somewhere {
        Verdict::WithinRounding
    } else if let Some(tolerance) = tolerance.filter(|_| comparison == Comparison::Approximately) {
        let widened = Interval {
            lo: computed.bounds.lo - tolerance,
            hi: computed.bounds.hi + tolerance,
        };
        if widened.overlaps(&s.bounds) {
            Verdict::Approximate
        } else {
            Verdict::Discrepancy
        }
    } else {
        Verdict::Discrepancy
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Unit;
    use rust_decimal_macros::dec;

    fn stated(value: Decimal, step: Decimal) -> Stated {
        Stated {
            quantity: Quantity {
                value,
                bounds: Interval::around(value, step / dec!(2)),
                unit: Unit::Pounds,
            },
            step,
            rounding: Rounding::HalfUp,
        }
    }

    fn computed(value: Decimal, lo: Decimal, hi: Decimal) -> Quantity {
        Quantity {
            value,
            bounds: Interval { lo, hi },
            unit: Unit::Pounds,
        }
    }

    #[test]
    fn the_four_verdicts_of_the_design() {
        // 40% of £436,248 = 174,499.2, printed 174,499.
        let c = computed(dec!(174499.2), dec!(174499.0), dec!(174499.4));
        assert_eq!(
            judge(&stated(dec!(174499), dec!(1)), Comparison::Equal, &c, None),
            Verdict::Exact
        );
        // Five benefits adding to 364.7, printed as 364.6.
        let c = computed(dec!(364.7), dec!(364.45), dec!(364.95));
        assert_eq!(
            judge(&stated(dec!(364.6), dec!(0.1)), Comparison::Equal, &c, None),
            Verdict::WithinRounding
        );
        // 261,749 / 6, printed as 43,635.
        let c = computed(dec!(43624.83), dec!(43624.75), dec!(43624.92));
        assert_eq!(
            judge(&stated(dec!(43635), dec!(1)), Comparison::Equal, &c, None),
            Verdict::Discrepancy
        );
        assert_eq!(
            judge(
                &stated(dec!(43635), dec!(1)),
                Comparison::Approximately,
                &c,
                Some(dec!(50))
            ),
            Verdict::Approximate
        );
    }

    #[test]
    fn neighbouring_rounded_figures_are_not_within_rounding() {
        // 65m and 66m, both rounded to the million: 65.5 prints as 66.
        let c = computed(dec!(66), dec!(65.5), dec!(66.5));
        assert_eq!(
            judge(&stated(dec!(65), dec!(1)), Comparison::Equal, &c, None),
            Verdict::Discrepancy
        );
        let c = computed(dec!(65.2), dec!(65.15), dec!(65.25));
        assert_eq!(
            judge(&stated(dec!(65), dec!(1)), Comparison::Equal, &c, None),
            Verdict::Exact
        );
    }

    #[test]
    fn half_up_rounding_to_the_stated_step() {
        let s = stated(dec!(1080000000), dec!(10000000));
        assert_eq!(s.round_like(dec!(1075000000)), dec!(1080000000));
        assert_eq!(s.round_like(dec!(1074999999)), dec!(1070000000));
    }

    #[test]
    fn orderings_allow_for_rounding() {
        let c = computed(dec!(100), dec!(99.5), dec!(100.5));
        assert_eq!(
            judge(&stated(dec!(99), dec!(1)), Comparison::Less, &c, None),
            Verdict::Exact
        );
        assert_eq!(
            judge(&stated(dec!(100), dec!(1)), Comparison::Less, &c, None),
            Verdict::WithinRounding
        );
        assert_eq!(
            judge(&stated(dec!(102), dec!(1)), Comparison::Less, &c, None),
            Verdict::Discrepancy
        );
    }
}
