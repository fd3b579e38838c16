//! Values during evaluation: a best value, the interval it may lie in once
//! every input's rounding is allowed for, and a unit.

use rust_decimal::Decimal;

use crate::interval::{ArithError, Interval};
use crate::units::Unit;

/// A computed value. Percentages are held as ratios (40% is 0.4).
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The value computed from the figures as printed.
    pub value: Decimal,
    /// Every value the computation could yield for inputs that print the same.
    pub bounds: Interval,
    pub unit: Unit,
}

/// An operation the units do not allow, such as `£ + %`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitError {
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuantityError {
    Unit(UnitError),
    Arith(ArithError),
}

impl From<ArithError> for QuantityError {
    fn from(e: ArithError) -> Self {
        QuantityError::Arith(e)
    }
}

fn unit_error(message: String) -> QuantityError {
    QuantityError::Unit(UnitError { message })
}

impl Quantity {
    pub fn exact(value: Decimal, unit: Unit) -> Quantity {
        Quantity {
            value,
            bounds: Interval::point(value),
            unit,
        }
    }

    pub fn add(&self, other: &Quantity) -> Result<Quantity, QuantityError> {
        let unit = self.additive_unit(other, "add")?;
        Ok(Quantity {
            value: self
                .value
                .checked_add(other.value)
                .ok_or(ArithError::Overflow)?,
            bounds: self.bounds.add(&other.bounds)?,
            unit,
        })
    }

    pub fn sub(&self, other: &Quantity) -> Result<Quantity, QuantityError> {
        let unit = self.additive_unit(other, "subtract")?;
        Ok(Quantity {
            value: self
                .value
                .checked_sub(other.value)
                .ok_or(ArithError::Overflow)?,
            bounds: self.bounds.sub(&other.bounds)?,
            unit,
        })
    }

    pub fn mul(&self, other: &Quantity) -> Result<Quantity, QuantityError> {
        let unit = self.unit.times(other.unit).ok_or_else(|| {
            unit_error(format!(
                "cannot multiply {} by {}",
                self.unit.name(),
                other.unit.name()
            ))
        })?;
        Ok(Quantity {
            value: self
                .value
                .checked_mul(other.value)
                .ok_or(ArithError::Overflow)?,
            bounds: self.bounds.mul(&other.bounds)?,
            unit,
        })
    }

    pub fn div(&self, other: &Quantity) -> Result<Quantity, QuantityError> {
        let unit = self.unit.per(other.unit).ok_or_else(|| {
            unit_error(format!(
                "cannot divide {} by {}",
                self.unit.name(),
                other.unit.name()
            ))
        })?;
        if other.value.is_zero() {
            return Err(ArithError::DivisionByZero.into());
        }
        Ok(Quantity {
            value: self
                .value
                .checked_div(other.value)
                .ok_or(ArithError::Overflow)?,
            bounds: self.bounds.div(&other.bounds)?,
            unit,
        })
    }

    /// `self of other`: a percentage of something.
    pub fn of(&self, other: &Quantity) -> Result<Quantity, QuantityError> {
        if self.unit != Unit::Percent {
            return Err(unit_error(format!(
                "`of` takes a percentage on its left, as in `40% of total`, but this is {}",
                self.unit.name()
            )));
        }
        let mut product = self.mul(other)?;
        product.unit = other.unit;
        Ok(product)
    }

    pub fn neg(&self) -> Quantity {
        Quantity {
            value: -self.value,
            bounds: self.bounds.neg(),
            unit: self.unit,
        }
    }

    fn additive_unit(&self, other: &Quantity, verb: &str) -> Result<Unit, QuantityError> {
        if !self.unit.same_dimension(other.unit) {
            return Err(unit_error(format!(
                "cannot {verb} {} and {}",
                self.unit.name(),
                other.unit.name()
            )));
        }
        Ok(
            if self.unit == other.unit || !self.unit.is_dimensionless() {
                self.unit
            } else {
                Unit::Number
            },
        )
    }
}
