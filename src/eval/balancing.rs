//! Balancing figures: a part that a paper has set one unit off its own
//! rounded value so that the rounded parts add up exactly to the whole.
//!
//! Three equal shares of 100% print as 33.3%, 33.3% and 33.4%; £1,005 split
//! 50/50 prints as £503 and £502. Rounded alone, the last part would be
//! 33.3% or £503, and the parts would no longer add up to the total the
//! paper prints. Judged alone, such a part is one unit from its own value
//! and a discrepancy; judged with the sum it completes, it is the paper's
//! rounding, done so that the table adds up.
//!
//! The pass runs over a pack's judged claims. A single slip cannot pass for
//! a balancing figure: a part moved by one unit would break the sum that
//! makes it one.

use rust_decimal::Decimal;

use crate::format;
use crate::lang::ast::{BinaryOp, Claim, Comparison, ExprKind, Function};
use crate::pack::LoadedPack;
use crate::units::Unit;

use super::evaluated::ratio_if_percent;
use super::outcome::{ClaimOutcome, Judgement};
use super::verdict::Verdict;

/// Recognises each balancing figure among `claims` (as [`balancing_note`]
/// defines one): its verdict becomes within rounding, with a note naming
/// the sum it completes.
pub(super) fn recognise_balancing_figures(pack: &LoadedPack, claims: &mut [ClaimOutcome]) {
    let notes: Vec<(usize, String)> = claims
        .iter()
        .enumerate()
        .filter_map(|(i, outcome)| Some((i, balancing_note(pack, outcome, claims)?)))
        .collect();
    for (i, note) in notes {
        if let Some(Ok(judgement)) = claims.get_mut(i).map(|c| &mut c.result) {
            judgement.verdict = Verdict::WithinRounding;
            judgement.cause = None;
            judgement.notes.push(note);
        }
    }
}

/// The note for `outcome` when its stated figure is a balancing figure:
/// it is a discrepancy of exactly one unit of its last printed digit, and
/// another claim adds it up, with other parts, to a total it gives exactly
/// as printed, the total printed no coarser than the part (so that the part
/// rounded alone would break that sum).
fn balancing_note(
    pack: &LoadedPack,
    outcome: &ClaimOutcome,
    claims: &[ClaimOutcome],
) -> Option<String> {
    let part = outcome.result.as_ref().ok()?;
    let single_equality = outcome.claim.comparison == Comparison::Equal && part.other_end.is_none();
    if !single_equality || part.verdict != Verdict::Discrepancy {
        return None;
    }
    let (_, figure) = pack.figure(&part.stated)?;
    let step = ratio_if_percent(figure.step(), figure.unit);
    if part.difference.abs() != step {
        return None;
    }
    let (sum, total) = claims.iter().find_map(|other| {
        let sum = other.result.as_ref().ok()?;
        completes(pack, &other.claim, sum, part, step).then_some((other, sum))
    })?;
    let (document, total_figure) = pack.figure(&total.stated)?;
    let line = document
        .source
        .line_name(document.source.line_col(total_figure.span.start).line);
    let off_by = if figure.unit == Unit::Percent {
        let points = format::grouped(step * Decimal::ONE_HUNDRED, figure.decimals);
        format!("{points} percentage points")
    } else {
        format::quantity(step, figure.unit, figure.decimals)
    };
    let rounded_alone = format::quantity(part.rounded, figure.unit, figure.decimals);
    Some(format!(
        "a balancing figure: it is set {off_by} off its own value rounded ({rounded_alone}) so that the parts add up exactly to “{}” (line {line}), as “{}” checks; a paper adjusts one part so when its rounded parts would not add up to the whole",
        total_figure.printed, sum.claim.title.value
    ))
}

/// Whether `sum` is a claim that adds up parts, `part`'s stated figure
/// among them, to a total it gives exactly as printed, printed to no
/// coarser a step than `part_step`.
fn completes(
    pack: &LoadedPack,
    claim: &Claim,
    sum: &Judgement,
    part: &Judgement,
    part_step: Decimal,
) -> bool {
    let exact = sum.verdict == Verdict::Exact && sum.difference.is_zero();
    if !exact || sum.stated == part.stated || !sum.inputs.contains(&part.stated) {
        return false;
    }
    if claim.comparison != Comparison::Equal || !adds_up(&claim.computed.kind) {
        return false;
    }
    pack.figure(&sum.stated)
        .is_some_and(|(_, total)| ratio_if_percent(total.step(), total.unit) <= part_step)
}

/// Whether an expression adds up parts: `sum(…)`, or parts joined by `+`
/// and `-`.
fn adds_up(expr: &ExprKind) -> bool {
    match expr {
        ExprKind::Call { function, .. } => *function == Function::Sum,
        ExprKind::Binary { op, lhs, rhs, .. } => {
            matches!(op, BinaryOp::Add | BinaryOp::Subtract)
                && is_part(&lhs.kind)
                && is_part(&rhs.kind)
        }
        _ => false,
    }
}

fn is_part(expr: &ExprKind) -> bool {
    match expr {
        ExprKind::Anchor(_) | ExprKind::Name(_) => true,
        ExprKind::Negate(inner) => is_part(&inner.kind),
        binary @ ExprKind::Binary { .. } => adds_up(binary),
        _ => false,
    }
}
