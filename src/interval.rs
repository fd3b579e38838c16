//! Closed intervals of decimals: what a rounded figure may stand for, and
//! what a computation on such figures may yield.
//!
//! Every operation is checked: overflow and division by an interval that
//! contains zero are errors for the caller to attach a span to, never panics.

use rust_decimal::{Decimal, RoundingStrategy};
use thiserror::Error;

/// The closed interval `[lo, hi]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval {
    pub lo: Decimal,
    pub hi: Decimal,
}

/// Why an arithmetic step could not be carried out.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum ArithError {
    #[error("division by zero")]
    DivisionByZero,
    #[error("the divisor could be zero once its rounding is allowed for ({lo} to {hi})")]
    DivisorSpansZero { lo: Decimal, hi: Decimal },
    #[error("the result is too large to represent exactly")]
    Overflow,
}

impl Interval {
    pub fn point(value: Decimal) -> Interval {
        Interval {
            lo: value,
            hi: value,
        }
    }

    /// `[centre - half_width, centre + half_width]`.
    pub fn around(centre: Decimal, half_width: Decimal) -> Interval {
        Interval {
            lo: centre - half_width,
            hi: centre + half_width,
        }
    }

    pub fn contains(&self, value: Decimal) -> bool {
        self.lo <= value && value <= self.hi
    }

    pub fn overlaps(&self, other: &Interval) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }

    pub fn add(&self, other: &Interval) -> Result<Interval, ArithError> {
        Ok(Interval {
            lo: checked(self.lo.checked_add(other.lo))?,
            hi: checked(self.hi.checked_add(other.hi))?,
        })
    }

    pub fn sub(&self, other: &Interval) -> Result<Interval, ArithError> {
        Ok(Interval {
            lo: checked(self.lo.checked_sub(other.hi))?,
            hi: checked(self.hi.checked_sub(other.lo))?,
        })
    }

    pub fn mul(&self, other: &Interval) -> Result<Interval, ArithError> {
        let products = [
            checked(self.lo.checked_mul(other.lo))?,
            checked(self.lo.checked_mul(other.hi))?,
            checked(self.hi.checked_mul(other.lo))?,
            checked(self.hi.checked_mul(other.hi))?,
        ];
        Ok(hull(&products))
    }

    pub fn div(&self, other: &Interval) -> Result<Interval, ArithError> {
        if other.lo.is_zero() && other.hi.is_zero() {
            return Err(ArithError::DivisionByZero);
        }
        if other.lo <= Decimal::ZERO && Decimal::ZERO <= other.hi {
            return Err(ArithError::DivisorSpansZero {
                lo: other.lo,
                hi: other.hi,
            });
        }
        let ends = [
            quotient(self.lo, other.lo)?,
            quotient(self.lo, other.hi)?,
            quotient(self.hi, other.lo)?,
            quotient(self.hi, other.hi)?,
        ];
        Ok(Interval {
            lo: hull(&ends.map(|q| q.lo)).lo,
            hi: hull(&ends.map(|q| q.hi)).hi,
        })
    }

    pub fn neg(&self) -> Interval {
        Interval {
            lo: -self.hi,
            hi: -self.lo,
        }
    }

    pub fn abs(&self) -> Interval {
        if self.lo >= Decimal::ZERO {
            *self
        } else if self.hi <= Decimal::ZERO {
            self.neg()
        } else {
            Interval {
                lo: Decimal::ZERO,
                hi: self.hi.max(-self.lo),
            }
        }
    }

    pub fn min(&self, other: &Interval) -> Interval {
        Interval {
            lo: self.lo.min(other.lo),
            hi: self.hi.min(other.hi),
        }
    }

    pub fn max(&self, other: &Interval) -> Interval {
        Interval {
            lo: self.lo.max(other.lo),
            hi: self.hi.max(other.hi),
        }
    }

    /// Applies a monotone non-decreasing rounding to both ends.
    pub fn round_with(&self, places: u32, strategy: RoundingStrategy) -> Interval {
        Interval {
            lo: self.lo.round_dp_with_strategy(places, strategy),
            hi: self.hi.round_dp_with_strategy(places, strategy),
        }
    }
}

fn checked(value: Option<Decimal>) -> Result<Decimal, ArithError> {
    value.ok_or(ArithError::Overflow)
}

/// The smallest interval holding every value (of at least one).
fn hull(values: &[Decimal]) -> Interval {
    let first = values.first().copied().unwrap_or_default();
    let lo = values.iter().copied().fold(first, Decimal::min);
    let hi = values.iter().copied().fold(first, Decimal::max);
    Interval { lo, hi }
}

/// One unit in the last place `value` can hold.
/// `dividend / divisor` as an interval holding the exact quotient. Decimal
/// division rounds in the 28th significant digit, so an inexact quotient is
/// widened by one unit there; an exact one (18 / 9, 9 / 6) is not widened
/// at all: widening 2 by one unit of its last place would make it 1 to 3.
fn quotient(dividend: Decimal, divisor: Decimal) -> Result<Interval, ArithError> {
    let q = checked(dividend.checked_div(divisor))?;
    if q.checked_mul(divisor) == Some(dividend) {
        return Ok(Interval::point(q));
    }
    Ok(Interval {
        lo: q - ulp(q),
        hi: q + ulp(q),
    })
}

fn ulp(value: Decimal) -> Decimal {
    Decimal::new(1, value.scale())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn sums_and_differences_widen() {
        let a = Interval::around(dec!(364.6), dec!(0.05));
        let b = Interval::around(dec!(17.0), dec!(0.05));
        assert_eq!(
            a.add(&b).unwrap(),
            Interval {
                lo: dec!(381.50),
                hi: dec!(381.70)
            }
        );
        assert_eq!(
            a.sub(&b).unwrap(),
            Interval {
                lo: dec!(347.50),
                hi: dec!(347.70)
            }
        );
    }

    #[test]
    fn products_take_the_extreme_corners() {
        let a = Interval {
            lo: dec!(-2),
            hi: dec!(3),
        };
        let b = Interval {
            lo: dec!(-5),
            hi: dec!(4),
        };
        assert_eq!(
            a.mul(&b).unwrap(),
            Interval {
                lo: dec!(-15),
                hi: dec!(12)
            }
        );
    }

    #[test]
    fn an_exact_quotient_is_not_widened() {
        // Band ratios: 18/9 of Band D is exactly twice it.
        let ratio = Interval::point(dec!(18))
            .div(&Interval::point(dec!(9)))
            .unwrap();
        assert_eq!(ratio, Interval::point(dec!(2)));
        let ratio = Interval::point(dec!(9))
            .div(&Interval::point(dec!(6)))
            .unwrap();
        assert_eq!(ratio, Interval::point(dec!(1.5)));
        // A third is not exact: the interval holds it, and is narrow.
        let third = Interval::point(dec!(1))
            .div(&Interval::point(dec!(3)))
            .unwrap();
        assert!(third.lo < third.hi && third.hi - third.lo < dec!(0.000000000000000000000001));
    }

    #[test]
    fn division_by_zero_and_by_a_span_over_zero_are_errors() {
        let a = Interval::point(dec!(1));
        assert_eq!(
            a.div(&Interval::point(dec!(0))),
            Err(ArithError::DivisionByZero)
        );
        assert!(matches!(
            a.div(&Interval::around(dec!(0.2), dec!(0.5))),
            Err(ArithError::DivisorSpansZero { .. })
        ));
    }

    #[test]
    fn overflow_is_an_error() {
        let big = Interval::point(Decimal::MAX);
        assert_eq!(big.add(&big), Err(ArithError::Overflow));
    }
}
