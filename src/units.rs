//! Units of figures and of computed values, and the dimension rules that
//! keep a rule from adding pounds to percentages.

use std::fmt;

/// What a figure counts. Percentages are ratios shown as percent: 40% is the
/// ratio 0.4 in every computation and is printed back as 40%.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// A plain number or count: `6`, `1,367`.
    Number,
    /// Money in pounds sterling: `£436,248`, `£1.08bn`.
    Pounds,
    /// A ratio printed as a percentage: `40%`.
    Percent,
}

impl Unit {
    pub fn is_dimensionless(self) -> bool {
        matches!(self, Unit::Number | Unit::Percent)
    }

    /// Whether values of the two units can be added, subtracted or compared.
    pub fn same_dimension(self, other: Unit) -> bool {
        self == other || (self.is_dimensionless() && other.is_dimensionless())
    }

    pub fn name(self) -> &'static str {
        match self {
            Unit::Number => "a plain number",
            Unit::Pounds => "pounds (£)",
            Unit::Percent => "a percentage",
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The scale a figure's printed digits are multiplied by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scale {
    One,
    /// `k`, `thousand`
    Thousand,
    /// `m`, `million`
    Million,
    /// `bn`, `billion`
    Billion,
}

impl Scale {
    pub fn multiplier(self) -> rust_decimal::Decimal {
        use rust_decimal::Decimal;
        match self {
            Scale::One => Decimal::ONE,
            Scale::Thousand => Decimal::from(1_000),
            Scale::Million => Decimal::from(1_000_000),
            Scale::Billion => Decimal::from(1_000_000_000),
        }
    }
}
