//! Judging a claim: the stated figure (or range, end by end) against the
//! computation, with the declared rounding, other conventions, hedges and
//! likely causes.

use rust_decimal::Decimal;

use std::collections::BTreeSet;

use super::causes::likely_cause;
use super::error::{EvalError, EvalErrorKind};
use super::evaluated::{ratio_if_percent, Evaluated};
use super::evaluator::Evaluator;
use super::outcome::{Judgement, RestsOn};
use super::quantity::Quantity;
use super::verdict::{judge, Stated, Verdict};
use crate::document::figure_in_context;
use crate::figures::{Direction, Figure, Hedge};
use crate::format;
use crate::interval::Interval;
use crate::lang::ast::{Claim, Comparison, Expr, Rounding};
use crate::pack::FigureRef;
use crate::units::Unit;

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

    /// What a verdict within rounding rests on: the claim evaluated again
    /// with each rounded input taken as exact, and then with all of them.
    /// `None` when no input's precision changes the verdict (the stated
    /// figure's own rounding explains it), or when evaluating again fails.
    fn rests_on(
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

    /// The hedge a claim states, or else the one printed with its figure,
    /// and how far it reaches.
    fn hedge(&self, claim: &Claim, figure: &Figure) -> Option<(Hedge, Decimal)> {
        let hedge = claim
            .hedge
            .as_ref()
            .and_then(|h| Hedge::from_phrase(&h.value))
            .or(figure.hedge)?;
        let reach = self
            .hedge_tolerances
            .get(&hedge)
            .copied()
            .unwrap_or_else(|| hedge.default_tolerance());
        Some((hedge, reach))
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
    fn rests_on_note(
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
        let mut place = format!("line {}", at.line);
        if column {
            place.push_str(&format!(", column {}", at.column));
        }
        if input.document != stated.document {
            place.push_str(&format!(" of {}", document.source.display_path));
        }
        format!("“{}” ({place})", figure.printed)
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

/// Whether a hedge lets the stated value stand for the computed one (its
/// value or either bound).
fn hedge_allows(hedge: Hedge, reach: Decimal, stated: Decimal, computed: &Quantity) -> bool {
    let b = &computed.bounds;
    [computed.value, b.lo, b.hi]
        .iter()
        .any(|&v| hedge.allows(stated, v, reach))
}

/// How many inputs are taken as exact, one at a time, to find what a
/// verdict within rounding rests on: a sum of a long column is worked out
/// again at most this many times.
const MAX_INPUTS_TAKEN_EXACT: usize = 64;

/// The computed value as the stated figure is printed (`£60.00`), to two
/// more places when it has them (`£43,624.83` beside `43,635`).
fn shown_value(stated: &Figure, value: Decimal) -> String {
    let printed = ratio_as_printed(value, stated.unit) / stated.scale.multiplier();
    let decimals = if printed.normalize().scale() <= stated.decimals {
        stated.decimals
    } else {
        stated.decimals + 2
    };
    printed_like(stated, value, decimals)
}

/// A quantity's value as the document prints it: a ratio as a percentage.
fn ratio_as_printed(value: Decimal, unit: Unit) -> Decimal {
    if unit == Unit::Percent {
        value * Decimal::ONE_HUNDRED
    } else {
        value
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

fn direction_words(hedge: Hedge) -> &'static str {
    match hedge.direction() {
        Direction::Either => "either side of the figure",
        Direction::Below => "below the figure",
        Direction::Above => "above the figure",
    }
}

/// `261,749 / 6 = 43,624.83 → 43,625`; the value is shown to two more
/// places than the stated figure, the arrow only when rounding changes it.
fn working_line(working: &str, value: Decimal, stated: &Figure, rounded_text: &str) -> String {
    let shown = printed_like(stated, value, stated.decimals + 2);
    let mut line = if working == shown {
        shown.clone()
    } else {
        format!("{working} = {shown}")
    };
    if shown != rounded_text {
        line.push_str(&format!(" → {rounded_text}"));
    }
    line
}

/// Significant figures of a computed pin: more than any figure a council
/// paper prints has, so that a slip of one unit in any input's last digit
/// shows.
const PIN_SIGNIFICANT: i64 = 12;

/// `value` as an expectation pins it: printed like `figure`, to
/// [`PIN_SIGNIFICANT`] significant figures and at least two places more
/// than the figure, trailing zeros dropped. The same value always gives the
/// same text.
pub(super) fn pin(figure: &Figure, value: Decimal) -> String {
    let shown = if figure.unit == Unit::Percent {
        value * Decimal::ONE_HUNDRED
    } else {
        value
    };
    let mut magnitude = (shown / figure.scale.multiplier()).abs();
    // The power of ten of the first significant digit; bounded, as a
    // decimal has at most 28 digits either side of the point.
    let mut exponent: i64 = 0;
    while magnitude >= Decimal::TEN && exponent < 29 {
        magnitude /= Decimal::TEN;
        exponent += 1;
    }
    while !magnitude.is_zero() && magnitude < Decimal::ONE && exponent > -29 {
        magnitude *= Decimal::TEN;
        exponent -= 1;
    }
    let significant = (PIN_SIGNIFICANT - 1 - exponent).clamp(0, 20);
    let decimals = u32::try_from(significant)
        .unwrap_or(0)
        .max(figure.decimals + 2);
    printed_like(figure, value, decimals.min(20))
}

/// `value` printed the way `figure` is: same currency, scale suffix,
/// decimals and grouping, so that the two can be compared by eye. An end of
/// a range that left its `£` or scale to the other end gets them back.
fn printed_like(figure: &Figure, value: Decimal, decimals: u32) -> String {
    let shown = if figure.unit == Unit::Percent {
        value * Decimal::ONE_HUNDRED
    } else {
        value
    };
    let number = shown / figure.scale.multiplier();
    let relative = |at: usize| at - figure.span.start;
    let digits = &figure.printed[relative(figure.digits.start)..relative(figure.digits.end)];
    let mut body = format::grouped(number.abs(), decimals);
    if decimals > figure.decimals && body.contains('.') {
        // Trailing zeros past the stated precision say nothing.
        body = body.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    let whole_digits = digits.split('.').next().unwrap_or(digits).len();
    if !digits.contains(',') && whole_digits >= 4 {
        // The document writes 3209, not 3,209: so does the working.
        body.retain(|c| c != ',');
    }
    let before = figure.printed[..relative(figure.digits.start)].trim_start_matches(['-', '−']);
    let mut after = figure.printed[relative(figure.digits.end)..].to_string();
    // `65.9m` in `£20.0-65.9m` is £65.9m; a bare `43,635` under a `£`
    // column header stays bare, as the document prints it.
    let scaled = !matches!(
        figure.scale,
        crate::units::Scale::One | crate::units::Scale::Pence
    );
    let pound = if figure.unit == Unit::Pounds && scaled && !before.contains('£') {
        "£"
    } else {
        ""
    };
    if after.is_empty() {
        after = match figure.scale {
            crate::units::Scale::One => "",
            crate::units::Scale::Thousand => "k",
            crate::units::Scale::Million => "m",
            crate::units::Scale::Billion => "bn",
            crate::units::Scale::Pence => "p",
        }
        .to_string();
    }
    let sign = if number.is_sign_negative() && !number.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{pound}{before}{body}{after}")
}
