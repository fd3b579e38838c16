//! Judging a claim: the stated figure (or range, end by end) against the
//! computation, with the declared rounding, other conventions, hedges and
//! likely causes.
//!
//! This file judges the comparison itself; `hedges` says how far a hedge
//! reaches, `rests_on` finds and explains what a verdict within rounding
//! rests on, and `printed` prints computed values as the document prints
//! its figure.

mod hedges;
mod paper_notes;
mod printed;
mod rests_on;

use rust_decimal::Decimal;

use self::hedges::{direction_words, hedge_allows};
use self::printed::{printed_like, working_line};
use super::causes::likely_cause;
use super::error::{EvalError, EvalErrorKind};
use super::evaluated::{ratio_if_percent, Evaluated};
use super::evaluator::Evaluator;
use super::outcome::Judgement;
use super::quantity::Quantity;
use super::verdict::{judge, Stated, Verdict};
use crate::figures::Figure;
use crate::format;
use crate::lang::ast::{Claim, Comparison, Expr, Rounding};
use crate::pack::FigureRef;
use crate::units::Unit;

pub(super) use self::printed::pin;

/// One end of a claim (the only end, unless the figure is a range).
struct End<'a> {
    reference: FigureRef,
    figure: &'a Figure,
    stated: &'a Quantity,
    computed: &'a Quantity,
    /// Whether this is the high end of a range.
    high: bool,
}

impl Evaluator<'_> {
    pub(super) fn claim(&self, claim: &Claim) -> Result<Judgement, EvalError> {
        let stated = self.expr(&claim.stated)?;
        let Some((stated_ref, figure)) = stated.figure.clone() else {
            return Err(EvalError::new(
                claim.stated.span,
                EvalErrorKind::StatedNotAFigure,
            ));
        };
        let computed = self.expr(&claim.computed)?;
        if stated.high.is_some() != computed.high.is_some() {
            let message = if stated.high.is_some() {
                "the document states a range here, but the computation gives one value: compute a range, or compare one end with low(…) or high(…)"
            } else {
                "the computation gives a range, but the document states one value here: compare with low(…) or high(…)"
            };
            return Err(EvalError::new(
                claim.comparison_span,
                EvalErrorKind::Units(message.into()),
            ));
        }
        if !stated.quantity.unit.same_dimension(computed.quantity.unit) {
            let message = format!(
                "cannot compare {} (the stated figure) with {} (the computation)",
                stated.quantity.unit.name(),
                computed.quantity.unit.name()
            );
            return Err(EvalError::new(
                claim.comparison_span,
                EvalErrorKind::Units(message),
            ));
        }
        let low = End {
            reference: stated_ref,
            figure: &figure,
            stated: &stated.quantity,
            computed: &computed.quantity,
            high: false,
        };
        let mut judgement = self.judge_end(claim, &low, &computed)?;
        if let (Some((high_ref, high_figure)), Some(stated_high), Some(computed_high)) =
            (&stated.high_figure, &stated.high, &computed.high)
        {
            if let Some((document, low_figure)) = self.pack.figure(&low.reference) {
                let span = low_figure.span.join(high_figure.span);
                judgement.stated_text = document.source.text[span.range()].to_string();
            }
            let high = End {
                reference: high_ref.clone(),
                figure: high_figure,
                stated: stated_high,
                computed: computed_high,
                high: true,
            };
            let mut high = self.judge_end(claim, &high, &computed)?;
            high.stated_text = judgement.stated_text.clone();
            judgement.working =
                format!("low end: {}; high end: {}", judgement.working, high.working);
            judgement.computed_pin = format!("{} to {}", judgement.computed_pin, high.computed_pin);
            high.computed_pin = judgement.computed_pin.clone();
            high.working = judgement.working.clone();
            let notes: Vec<String> = (judgement.notes.iter().map(|n| format!("low end: {n}")))
                .chain(high.notes.iter().map(|n| format!("high end: {n}")))
                .collect();
            judgement.notes = notes.clone();
            high.notes = notes;
            // Report the worse end; on a tie, the low one.
            if high.verdict > judgement.verdict {
                high.other_end = Some(Box::new(judgement));
                return Ok(high);
            }
            judgement.other_end = Some(Box::new(high));
        }
        Ok(judgement)
    }

    /// Judges one stated figure against one computed value.
    fn judge_end(
        &self,
        claim: &Claim,
        end: &End,
        computed: &Evaluated,
    ) -> Result<Judgement, EvalError> {
        let figure = end.figure;
        let stated_q = Stated {
            step: ratio_if_percent(figure.step(), figure.unit),
            quantity: end.stated.clone(),
            rounding: self.rounding,
        };
        let tolerance = claim
            .tolerance
            .as_ref()
            .map(|t| self.tolerance(t, end.computed, end.stated.unit))
            .transpose()?;
        if claim.comparison == Comparison::Approximately && tolerance.is_none() {
            let message = "a `~=` claim needs a tolerance, as in `~= total within 1%`".to_string();
            return Err(EvalError::new(
                claim.comparison_span,
                EvalErrorKind::Arguments(message),
            ));
        }
        let mut verdict = judge(&stated_q, claim.comparison, end.computed, tolerance);
        let equality = matches!(
            claim.comparison,
            Comparison::Equal | Comparison::Approximately
        );
        // An ordering compares the values themselves, not a rounding of them.
        let rounded = if equality {
            stated_q.round_like(end.computed.value)
        } else {
            end.computed.value
        };
        let difference = end.stated.value - rounded;
        let mut inputs = computed.inputs.clone();
        inputs.sort();
        inputs.dedup();
        let mut notes = Vec::new();
        let rests_on = (verdict == Verdict::WithinRounding)
            .then(|| self.rests_on(claim, end, &stated_q, tolerance, &inputs))
            .flatten();
        if let Some(rests_on) = &rests_on {
            notes.push(self.rests_on_note(claim, rests_on, end, difference));
        }
        // Another convention is named only when it gives the stated figure
        // and the declared one cannot, whatever the inputs' rounding: a
        // figure that the declared rounding explains says nothing about
        // how the document rounds.
        if equality && verdict == Verdict::Discrepancy {
            let others = self.other_conventions(&stated_q, end.computed.value);
            if !others.is_empty() {
                verdict = verdict.min(Verdict::WithinRounding);
                let described: Vec<&str> = others.iter().map(|r| r.description()).collect();
                notes.push(format!(
                    "the document's figure is the computed value {}, not {}",
                    described.join(" or "),
                    self.rounding.description()
                ));
            }
        }
        if let (true, Some((hedge, reach))) = (
            equality && verdict == Verdict::Discrepancy,
            self.hedge(claim, figure),
        ) {
            let allowed = hedge_allows(hedge, reach, end.stated.value, end.computed);
            let percent = format::grouped(reach * Decimal::ONE_HUNDRED, 0);
            if allowed {
                verdict = Verdict::Approximate;
                notes.push(format!(
                    "the document says “{}”, which allows {percent}% {}",
                    hedge.phrase(),
                    direction_words(hedge)
                ));
            } else {
                notes.push(format!(
                    "the document says “{}”, but that allows only {percent}% {}",
                    hedge.phrase(),
                    direction_words(hedge)
                ));
            }
        }
        // The note lets the figure stand one of its units from the computed
        // value rounded as printed: no further, so that a slip of two units
        // in a small figure is still a discrepancy under a note.
        if equality && verdict == Verdict::Discrepancy {
            if let Some((note, unit)) = self.paper_rounding_note(&end.reference.document, figure) {
                if difference.abs() <= ratio_if_percent(unit, figure.unit) {
                    verdict = Verdict::Approximate;
                    notes.push(format!(
                        "approximate, as the paper's note allows: “{}” (line {}) lets a figure stand {} from the computed value rounded as printed",
                        note.text,
                        note.line_name,
                        format::quantity(unit, figure.unit, figure.decimals)
                    ));
                }
            }
        }
        let relative_difference = (!rounded.is_zero()).then(|| difference / rounded);
        let rounded_text = printed_like(figure, rounded, figure.decimals);
        let cause = (verdict == Verdict::Discrepancy && claim.comparison == Comparison::Equal)
            .then(|| {
                self.structural_cause(claim, &stated_q, end.computed.value)
                    .or_else(|| likely_cause(&figure.printed, &rounded_text))
            })
            .flatten();
        Ok(Judgement {
            verdict,
            stated: end.reference.clone(),
            stated_value: end.stated.value,
            stated_text: figure.printed.clone(),
            working: working_line(&computed.working, end.computed.value, figure, &rounded_text),
            computed_pin: pin(figure, end.computed.value),
            computed: as_stated(end.computed, figure),
            rounded,
            difference,
            relative_difference,
            cause,
            notes,
            inputs,
            rests_on,
            other_end: None,
        })
    }

    /// The other rounding conventions under which the stated figure is
    /// exactly the computed value, when the declared one does not give it.
    fn other_conventions(&self, stated: &Stated, value: Decimal) -> Vec<Rounding> {
        Rounding::ALL
            .into_iter()
            .filter(|r| *r != self.rounding)
            .filter(|r| stated.round_with(value, *r) == stated.quantity.value.normalize())
            .collect()
    }

    /// A `within` tolerance as an absolute amount: a percentage is taken of
    /// the computed value; percentage points are added to a percentage.
    fn tolerance(
        &self,
        expr: &Expr,
        computed: &Quantity,
        stated: Unit,
    ) -> Result<Decimal, EvalError> {
        let tolerance = self.expr(expr)?.quantity;
        if tolerance.unit == Unit::Percent {
            return Ok((tolerance.value * computed.value).abs());
        }
        if tolerance.unit == Unit::PercentagePoints {
            // A share worked out as £ / £ is a plain ratio: compared with a
            // stated percentage, it is a percentage too.
            let percentages = computed.unit == Unit::Percent
                || (stated == Unit::Percent && computed.unit.is_dimensionless());
            if !percentages {
                let message = format!(
                    "a tolerance in percentage points is for a comparison of percentages, but the computation is {}: give a percentage of it, as in `within 2%`",
                    computed.unit.name()
                );
                return Err(EvalError::new(expr.span, EvalErrorKind::Units(message)));
            }
            // Percentages are held as ratios: 3 points are 0.03.
            return Ok((tolerance.value / Decimal::ONE_HUNDRED).abs());
        }
        if !tolerance.unit.same_dimension(computed.unit) {
            let message = format!(
                "the tolerance is {} but the computation is {}",
                tolerance.unit.name(),
                computed.unit.name()
            );
            return Err(EvalError::new(expr.span, EvalErrorKind::Units(message)));
        }
        Ok(tolerance.value.abs())
    }
}

/// The computed value in the stated figure's terms: a ratio (£ / £)
/// compared with a stated percentage is a percentage, so that its gap is
/// given in percentage points.
fn as_stated(computed: &Quantity, figure: &Figure) -> Quantity {
    let mut computed = computed.clone();
    if figure.unit == Unit::Percent && computed.unit.is_dimensionless() {
        computed.unit = Unit::Percent;
    }
    computed
}
