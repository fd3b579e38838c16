//! A paper's own note on its rounding ("totals may not add because of
//! rounding", "rounded to the nearest £1,000"), as it bears on a claim.

use rust_decimal::Decimal;

use crate::document::RoundingNote;
use crate::figures::Figure;
use crate::units::Unit;

use super::super::evaluator::Evaluator;

impl Evaluator<'_> {
    /// The note governing the stated figure, and the unit it rounds to:
    /// the paper's figures may each stand one such unit from the computed
    /// value rounded as printed (an author rounding at each step, or working
    /// from figures before they were rounded). A note that names no unit, a
    /// unit of money for a figure that is not money, or a unit coarser than
    /// the figure is printed to, stands for the stated figure's last printed
    /// place.
    pub(super) fn paper_rounding_note(
        &self,
        document: &str,
        figure: &Figure,
    ) -> Option<(&RoundingNote, Decimal)> {
        let note = self
            .pack
            .documents
            .get(document)?
            .rounding_note_for(figure.span)?;
        let step = figure.step();
        // "Rounded to the nearest £1,000" speaks of figures printed in
        // thousands, or in whole thousands of pounds: not of a rate printed
        // to the penny (£241.93 per resident) in the same table.
        let rounded_so = |unit: Decimal| step >= unit || (figure.value % unit).is_zero();
        let unit = match note.unit {
            Some(unit) if figure.unit == Unit::Pounds && !unit.is_zero() && rounded_so(unit) => {
                unit.max(step)
            }
            _ => step,
        };
        Some((note, unit))
    }
}
