//! The unit a table's caption states for all its figures: `Table A:
//! Council tax requirement 2025/26 (£m)`, `All figures are in £'000`. A
//! column whose own header states no unit takes it, so that `412.6` under
//! `2024/25` in that table is £412.6m, not a bare number a thousand or a
//! million times too small to divide by a tax base.

use crate::tables::{stated_unit, Table};
use crate::units::{Scale, Unit};

/// How many lines above a table its caption may stand (a blank line and a
/// note may come between).
const CAPTION_REACH: usize = 4;

/// Per table of `text`, the unit its caption states, if any.
pub fn find_caption_units(text: &str, tables: &[Table]) -> Vec<Option<(Unit, Scale)>> {
    let mut floor = 0;
    tables
        .iter()
        .map(|table| {
            let above = text.get(floor.min(table.span.start)..table.span.start);
            floor = table.span.end;
            above.and_then(caption_unit)
        })
        .collect()
}

/// The unit stated by the nearest caption among the last lines of `above`.
fn caption_unit(above: &str) -> Option<(Unit, Scale)> {
    above
        .lines()
        .rev()
        .take(CAPTION_REACH)
        .filter(|line| !line.trim().is_empty())
        .find_map(line_unit)
}

/// A caption's unit: a bracketed unit in a short line that is not a
/// sentence (`Revenue budget 2025/26 (£'000)`), or a line that says the
/// figures are in one (`All figures are in £m.`).
fn line_unit(line: &str) -> Option<(Unit, Scale)> {
    let line = line.trim();
    let lower = line.to_lowercase();
    let says_figures = ["figures", "amounts", "values"]
        .iter()
        .any(|word| lower.contains(word));
    if says_figures {
        if let Some(at) = lower.rfind(" in £") {
            let rest = lower.get(at + " in ".len()..)?;
            let rest = rest.trim_end_matches(['.', ')', ':', ';']);
            let words: Vec<&str> = rest.split_whitespace().collect();
            let two = words.get(..2).map(|w| w.join(" "));
            return two
                .and_then(|w| stated_unit(&w))
                .or_else(|| words.first().and_then(|w| stated_unit(w)));
        }
    }
    let is_sentence = line.ends_with('.') || line.split_whitespace().count() > 20;
    if is_sentence {
        return None;
    }
    bracketed_units(line).last().copied()
}

/// The units stated by bracketed groups of `line`: `(£m)`, `(£ '000)`.
fn bracketed_units(line: &str) -> Vec<(Unit, Scale)> {
    line.match_indices('(')
        .filter_map(|(open, _)| {
            let rest = line.get(open..)?;
            let close = rest.find(')')?;
            stated_unit(rest.get(..=close)?)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::line_unit;
    use crate::units::{Scale, Unit};

    #[test]
    fn a_caption_states_the_unit_of_its_table() {
        let pounds = |scale| Some((Unit::Pounds, scale));
        for (line, unit) in [
            (
                "Table A: Council tax requirement 2025/26 (£m)",
                pounds(Scale::Million),
            ),
            (
                "Revenue budget by service (£ '000)",
                pounds(Scale::Thousand),
            ),
            ("All figures are in £'000.", pounds(Scale::Thousand)),
            ("Figures shown in £ thousands", pounds(Scale::Thousand)),
            ("Amounts in £m", pounds(Scale::Million)),
        ] {
            assert_eq!(line_unit(line), unit, "{line}");
        }
        for line in [
            "The council will spend £3m (£m) more next year.",
            "Table 4: Spend per head (£ per head)",
            "Table 5: Tax base (Band D equivalents)",
            "Revenue budget 2025/26",
        ] {
            assert_eq!(line_unit(line), None, "{line}");
        }
    }
}
