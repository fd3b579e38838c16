//! What a verdict within rounding rests on: the claim worked out again
//! with each rounded input taken as exact (and then all of them), to find
//! the inputs whose rounding alone decides it, and the note that says so
//! ("within rounding only because “3%” (line 12) stands for 2.5%–3.5%:
//! …"), naming each input by its place in the documents.

use rust_decimal::Decimal;

use std::collections::BTreeSet;

use super::super::evaluated::ratio_if_percent;
use super::super::evaluator::Evaluator;
use super::super::outcome::RestsOn;
use super::super::quantity::Quantity;
use super::super::verdict::{judge, Stated, Verdict};
use super::hedges::hedge_allows;
use super::printed::{printed_like, shown_value};
use super::End;
use crate::document::figure_in_context;
use crate::format;
use crate::interval::Interval;
use crate::lang::ast::{Claim, Comparison, Expr};
use crate::pack::FigureRef;
use crate::units::Unit;

impl Evaluator<'_> {
    /// What a verdict within rounding rests on: the claim evaluated again
    /// with each rounded input taken as exact, and then with all of them.
    /// `None` when no input's precision changes the verdict (the stated
    /// figure's own rounding explains it), or when evaluating again fails.
    pub(super) fn rests_on(
        &self,
        claim: &Claim,
        end: &End,
        stated: &Stated,
        tolerance: Option<Decimal>,
        inputs: &[FigureRef],
    ) -> Option<RestsOn> {
        let candidates: Vec<&FigureRef> = inputs
            .iter()
            .filter(|i| **i != end.reference && self.is_rounded(i))
            .take(MAX_INPUTS_TAKEN_EXACT)
            .collect();
        let width = |q: &Quantity| q.bounds.hi - q.bounds.lo;
        let equality = matches!(
            claim.comparison,
            Comparison::Equal | Comparison::Approximately
        );
        let hedge = self.hedge(claim, end.figure).filter(|_| equality);
        let judged = |exact: BTreeSet<FigureRef>| {
            let quantity = self.computed_with_exact(&claim.computed, exact, end.high)?;
            let mut verdict = judge(stated, claim.comparison, &quantity, tolerance);
            // A hedged figure would still be approximate.
            if let (Verdict::Discrepancy, Some((hedge, reach))) = (verdict, hedge) {
                if hedge_allows(hedge, reach, end.stated.value, &quantity) {
                    verdict = Verdict::Approximate;
                }
            }
            Some((verdict, quantity))
        };
        // (how much narrower the computation gets, input, bounds, verdict)
        let mut deciding = Vec::new();
        // The inputs whose rounding widens the computation at all (the
        // other end of a range read with `low(…)` does not).
        let mut widening = Vec::new();
        for &input in &candidates {
            let Some((verdict, quantity)) = judged(BTreeSet::from([input.clone()])) else {
                continue;
            };
            let narrowed = width(end.computed) - width(&quantity);
            if narrowed > Decimal::ZERO {
                widening.push(input);
            }
            if verdict > Verdict::WithinRounding {
                deciding.push((narrowed, input, quantity.bounds, verdict));
            }
        }
        // Most first; on a tie, in the order the inputs are printed.
        deciding.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        let most = match deciding.as_slice() {
            [first, second, ..] => first.0 > second.0,
            _ => true,
        };
        if let Some((_, input, bounds, verdict)) = deciding.first() {
            let stands_for = self.pack.figure(input).and_then(|(document, _)| {
                let figure = figure_in_context(document, input.index)?;
                let interval = figure.interval();
                Some(Interval {
                    lo: ratio_if_percent(interval.lo, figure.unit),
                    hi: ratio_if_percent(interval.hi, figure.unit),
                })
            });
            return Some(RestsOn {
                input: Some((*input).clone()),
                stands_for,
                others: deciding.iter().skip(1).map(|d| d.1.clone()).collect(),
                most,
                bounds_if_exact: *bounds,
                verdict_if_exact: *verdict,
            });
        }
        if widening.len() < 2 {
            return None;
        }
        let all = widening.iter().map(|&i| i.clone()).collect();
        let (verdict, quantity) = judged(all)?;
        (verdict > Verdict::WithinRounding).then(|| RestsOn {
            input: None,
            stands_for: None,
            others: widening.into_iter().cloned().collect(),
            most: false,
            bounds_if_exact: quantity.bounds,
            verdict_if_exact: verdict,
        })
    }

    /// Whether a document figure stands for more than one value.
    fn is_rounded(&self, reference: &FigureRef) -> bool {
        self.pack
            .figure(reference)
            .and_then(|(document, _)| figure_in_context(document, reference.index))
            .is_some_and(|figure| {
                let interval = figure.interval();
                interval.lo != interval.hi
            })
    }

    /// One end of the computation with the figures `exact` taken as exact.
    fn computed_with_exact(
        &self,
        expr: &Expr,
        exact: BTreeSet<FigureRef>,
        high: bool,
    ) -> Option<Quantity> {
        *self.exact_inputs.borrow_mut() = exact;
        let value = self.expr(expr);
        self.exact_inputs.borrow_mut().clear();
        let value = value.ok()?;
        if high {
            value.high
        } else {
            Some(value.quantity)
        }
    }

    /// The note for what a verdict within rounding rests on: `within
    /// rounding only because “3%” (line 12) stands for 2.5%–3.5%: taken as
    /// exactly 3%, the computed value is £60.00 and the stated £66.60 would
    /// be a discrepancy of £6.60`.
    pub(super) fn rests_on_note(
        &self,
        claim: &Claim,
        rests_on: &RestsOn,
        end: &End,
        difference: Decimal,
    ) -> String {
        let stated = end.figure;
        // Cells of one table row can print the same figure on one line:
        // those are told apart by their column.
        let named: Vec<&FigureRef> = rests_on.input.iter().chain(&rests_on.others).collect();
        let ambiguous = |reference: &FigureRef| {
            let same = named
                .iter()
                .filter(|other| {
                    self.input_place(other, &end.reference, false)
                        == self.input_place(reference, &end.reference, false)
                })
                .count();
            same > 1
        };
        let place = |reference: &FigureRef| {
            self.input_place(reference, &end.reference, ambiguous(reference))
        };
        let listed = |references: &[FigureRef]| {
            let mut named: Vec<String> = references.iter().take(4).map(place).collect();
            let more = references.len().saturating_sub(4);
            if more > 0 {
                named.push(format!("{more} more"));
            }
            match named.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("{} and {last}", rest.join(", "))
                }
                _ => named.concat(),
            }
        };
        let (because, taken) = match (&rests_on.input, rests_on.stands_for) {
            (Some(input), stands_for) => {
                let printed = self
                    .pack
                    .figure(input)
                    .map(|(_, f)| f.printed.clone())
                    .unwrap_or_default();
                let stands = stands_for
                    .zip(self.pack.figure(input))
                    .and_then(|(i, (document, _))| {
                        let figure = figure_in_context(document, input.index)?;
                        let decimals = figure.decimals + 1;
                        Some(format!(
                            " stands for {}–{}",
                            printed_like(&figure, i.lo, decimals),
                            printed_like(&figure, i.hi, decimals)
                        ))
                    })
                    .unwrap_or_default();
                let because = if rests_on.others.is_empty() {
                    format!("{}{stands}", place(input))
                } else {
                    let and = if rests_on.most {
                        "and, though less, of"
                    } else {
                        "and of"
                    };
                    format!(
                        "of the rounding of {}, which{stands}, {and} {}; each alone decides it",
                        place(input),
                        listed(&rests_on.others)
                    )
                };
                (because, format!("taken as exactly {printed}"))
            }
            (None, _) => (
                format!(
                    "of the rounding of its inputs together ({})",
                    listed(&rests_on.others)
                ),
                "taken as printed".to_string(),
            ),
        };
        let computed = shown_value(stated, end.computed.value);
        let gap = if stated.unit == Unit::Percent {
            let points = (difference * Decimal::ONE_HUNDRED).abs().normalize();
            if points == Decimal::ONE {
                "1 percentage point".to_string()
            } else {
                format!(
                    "{} percentage points",
                    format::grouped(points, points.scale())
                )
            }
        } else {
            shown_value(stated, difference.abs())
        };
        let hedge = self.hedge(claim, stated).map(|(hedge, _)| hedge);
        let would_be = match (rests_on.verdict_if_exact, hedge) {
            (Verdict::Approximate, Some(hedge)) => format!(
                "would be only approximate, {gap} off, within the reach of “{}”",
                hedge.phrase()
            ),
            (Verdict::Approximate, None) => {
                format!("would be only approximate, {gap} off, within the claim's tolerance")
            }
            _ if difference.is_zero() => "would be a discrepancy".to_string(),
            _ => format!("would be a discrepancy of {gap}"),
        };
        format!(
            "within rounding only because {because}: {taken}, the computed value is {computed} and the stated {} {would_be}",
            printed_like(stated, end.stated.value, stated.decimals)
        )
    }

    /// `“3%” (line 12)`, or `“1.3” (line 543, column 40)` with `column`;
    /// naming the document when it is not the stated figure's.
    fn input_place(&self, input: &FigureRef, stated: &FigureRef, column: bool) -> String {
        let Some((document, figure)) = self.pack.figure(input) else {
            return String::new();
        };
        let at = document.source.line_col(figure.span.start);
        let mut place = format!("line {}", document.source.line_name(at.line));
        if column {
            place.push_str(&format!(", column {}", at.column));
        }
        if input.document != stated.document {
            place.push_str(&format!(" of {}", document.source.display_path));
        }
        format!("“{}” ({place})", figure.printed)
    }
}

/// How many inputs are taken as exact, one at a time, to find what a
/// verdict within rounding rests on: a sum of a long column is worked out
/// again at most this many times.
const MAX_INPUTS_TAKEN_EXACT: usize = 64;
