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
    /// A difference between percentages: `3 percentage points`, `3pp`.
    PercentagePoints,
    /// People: `1,367 people`, `79,000 residents`.
    People,
    /// Full-time equivalent posts: `12 FTE`.
    Fte,
    /// `9 tonnes`, `1.3t`, `1.3 t`
    Tonnes,
    /// `0.404kg`, `930 kg`. Not converted to tonnes: adding kilograms to
    /// tonnes is a unit error, as the figures are rarely meant together.
    Kilograms,
    /// `5.03bn miles`
    Miles,
    /// `5km`, `12 kilometres`
    Kilometres,
}

impl Unit {
    pub fn is_dimensionless(self) -> bool {
        matches!(self, Unit::Number | Unit::Percent)
    }

    /// Whether values of the two units can be added, subtracted or compared.
    /// Percentage points stand apart from percentages: a change of 3
    /// percentage points is not a change of 3%.
    pub fn same_dimension(self, other: Unit) -> bool {
        self == other || (self.is_dimensionless() && other.is_dimensionless())
    }

    /// Counts of things that a per-unit amount can be multiplied by: £ per
    /// head times people is pounds.
    pub fn is_headcount(self) -> bool {
        matches!(self, Unit::People | Unit::Fte)
    }

    /// The unit of `self * other`, if the product means something.
    pub fn times(self, other: Unit) -> Option<Unit> {
        match (self, other) {
            (a, b) if a.is_dimensionless() && b.is_dimensionless() => Some(Unit::Number),
            (a, b) if b.is_dimensionless() => Some(a),
            (a, b) if a.is_dimensionless() => Some(b),
            (Unit::Pounds, b) if b.is_headcount() => Some(Unit::Pounds),
            (a, Unit::Pounds) if a.is_headcount() => Some(Unit::Pounds),
            _ => None,
        }
    }

    /// The unit of `self / other`, if the quotient means something.
    pub fn per(self, other: Unit) -> Option<Unit> {
        match (self, other) {
            (a, b) if a.same_dimension(b) => Some(Unit::Number),
            (a, b) if b.is_dimensionless() => Some(a),
            (Unit::Pounds, b) if b.is_headcount() => Some(Unit::Pounds),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Unit::Number => "a plain number",
            Unit::Pounds => "pounds (£)",
            Unit::Percent => "a percentage",
            Unit::PercentagePoints => "percentage points",
            Unit::People => "people",
            Unit::Fte => "full-time equivalent posts (FTE)",
            Unit::Tonnes => "tonnes",
            Unit::Kilograms => "kilograms (kg)",
            Unit::Miles => "miles",
            Unit::Kilometres => "kilometres (km)",
        }
    }

    /// The unit a word after a number names: `FTE`, `tonnes`, `people`.
    pub fn from_word(word: &str) -> Option<Unit> {
        match word.to_lowercase().as_str() {
            "fte" => Some(Unit::Fte),
            "tonnes" | "tonne" | "t" => Some(Unit::Tonnes),
            "kg" | "kilograms" | "kilogram" | "kilos" => Some(Unit::Kilograms),
            "miles" | "mile" => Some(Unit::Miles),
            "km" | "kilometres" | "kilometre" | "kilometers" | "kilometer" => {
                Some(Unit::Kilometres)
            }
            "people" | "persons" | "residents" => Some(Unit::People),
            "pp" | "percentage points" | "percentage point" => Some(Unit::PercentagePoints),
            _ => None,
        }
    }
}

impl Unit {
    /// The unit of letters glued to a number's digits: `0.404kg`, `1.3t`,
    /// `5km`, `12FTE`. Only these: `5G`, `3D` and `15th` are not figures.
    pub fn from_glued(letters: &str) -> Option<Unit> {
        match letters {
            "kg" => Some(Unit::Kilograms),
            "t" => Some(Unit::Tonnes),
            "km" => Some(Unit::Kilometres),
            _ if letters.eq_ignore_ascii_case("fte") => Some(Unit::Fte),
            _ => None,
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A unit's name in the JSON that `scan` and `explain` write.
pub fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Number => "number",
        Unit::Pounds => "pounds",
        Unit::Percent => "percent",
        Unit::PercentagePoints => "percentage_points",
        Unit::People => "people",
        Unit::Fte => "fte",
        Unit::Tonnes => "tonnes",
        Unit::Kilograms => "kilograms",
        Unit::Miles => "miles",
        Unit::Kilometres => "kilometres",
    }
}

/// A scale's name in the JSON that `scan` and `explain` write.
pub fn scale_name(scale: Scale) -> &'static str {
    match scale {
        Scale::One => "one",
        Scale::Thousand => "thousand",
        Scale::Million => "million",
        Scale::Billion => "billion",
        Scale::Pence => "pence",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dimensions() {
        assert!(Unit::Percent.same_dimension(Unit::Number));
        assert!(!Unit::Percent.same_dimension(Unit::PercentagePoints));
        assert!(!Unit::Pounds.same_dimension(Unit::Fte));
        assert_eq!(Unit::Pounds.times(Unit::People), Some(Unit::Pounds));
        assert_eq!(Unit::Pounds.times(Unit::Pounds), None);
        assert_eq!(Unit::Pounds.per(Unit::People), Some(Unit::Pounds));
        assert_eq!(Unit::Pounds.per(Unit::Pounds), Some(Unit::Number));
        assert_eq!(Unit::Number.per(Unit::Pounds), None);
        assert_eq!(Unit::Tonnes.times(Unit::Percent), Some(Unit::Tonnes));
        assert!(!Unit::Kilograms.same_dimension(Unit::Tonnes));
        assert_eq!(Unit::from_word("t"), Some(Unit::Tonnes));
        assert_eq!(Unit::from_glued("kg"), Some(Unit::Kilograms));
        assert_eq!(Unit::from_glued("FTE"), Some(Unit::Fte));
        for not_a_unit in ["G", "D", "th", "v", "T"] {
            assert_eq!(Unit::from_glued(not_a_unit), None, "{not_a_unit}");
        }
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
    /// `p`, `pence`: `8p` is £0.08, printed to the penny.
    Pence,
}

impl Scale {
    pub fn multiplier(self) -> rust_decimal::Decimal {
        use rust_decimal::Decimal;
        match self {
            Scale::One => Decimal::ONE,
            Scale::Thousand => Decimal::from(1_000),
            Scale::Million => Decimal::from(1_000_000),
            Scale::Billion => Decimal::from(1_000_000_000),
            Scale::Pence => Decimal::new(1, 2),
        }
    }
}
