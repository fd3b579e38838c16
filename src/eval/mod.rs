//! Stage 4: evaluating a pack. Anchors are resolved to figures, expressions
//! are computed in exact decimals with intervals for every input's rounding,
//! and each claim gets a verdict.

mod anchor;
mod causes;
mod error;
mod quantity;
mod verdict;

use std::collections::HashMap;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::figures::Figure;
use crate::format;
use crate::load::{Document, LoadedPack};
use crate::rules::ast::{Anchor, BinaryOp, Claim, Comparison, Expr, ExprKind, Function, Statement};
use crate::span::Span;
use crate::units::Unit;

pub use causes::likely_cause;
pub use error::{Candidate, EvalError, EvalErrorKind};
pub use quantity::{Quantity, QuantityError};
pub use verdict::{judge, Stated, Verdict};

/// A figure of one of the pack's documents.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct FigureRef {
    pub document: String,
    pub index: usize,
}

/// The outcome of one claim.
#[derive(Clone, Debug)]
pub struct ClaimOutcome {
    /// Stable across runs and unaffected by other claims: the pack's file
    /// stem and a slug of the title.
    pub id: String,
    pub claim: Claim,
    pub result: Result<Judgement, EvalError>,
}

/// A claim that could be evaluated.
#[derive(Clone, Debug)]
pub struct Judgement {
    pub verdict: Verdict,
    pub stated: FigureRef,
    pub computed: Quantity,
    /// The computed value rounded as the stated figure is printed.
    pub rounded: Decimal,
    /// The stated value as a quantity (percentages as ratios).
    pub stated_value: Decimal,
    /// The computation with its inputs: `261,749 / 6 = 43,624.83 → 43,625`.
    pub working: String,
    /// Stated minus rounded computed value.
    pub difference: Decimal,
    /// `difference` as a fraction of the rounded computed value.
    pub relative_difference: Option<Decimal>,
    pub cause: Option<String>,
    /// Every document figure the computation read.
    pub inputs: Vec<FigureRef>,
}

/// Whether a claim passes, fails or could not be checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Pass,
    /// An unexpected discrepancy, or an expected one that no longer occurs.
    Fail,
    Error,
}

impl ClaimOutcome {
    pub fn expected(&self) -> bool {
        self.claim.expectation.is_some()
    }

    pub fn verdict(&self) -> Option<Verdict> {
        self.result.as_ref().ok().map(|j| j.verdict)
    }

    /// An expected discrepancy that the document no longer has.
    pub fn stale_expectation(&self) -> bool {
        self.expected() && self.verdict().is_some_and(|v| v != Verdict::Discrepancy)
    }

    pub fn outcome(&self) -> Outcome {
        match self.verdict() {
            None => Outcome::Error,
            Some(_) if self.stale_expectation() => Outcome::Fail,
            Some(Verdict::Discrepancy) if !self.expected() => Outcome::Fail,
            Some(_) => Outcome::Pass,
        }
    }
}

/// Everything evaluation found in one pack.
#[derive(Clone, Debug, Default)]
pub struct PackOutcome {
    pub claims: Vec<ClaimOutcome>,
    /// Errors in `let` bindings (claims that use them fail as well).
    pub binding_errors: Vec<EvalError>,
}

/// Evaluates every statement of the pack in order.
pub fn evaluate(pack: &LoadedPack) -> PackOutcome {
    let stem = pack
        .rule_file
        .path
        .file_stem()
        .map_or_else(|| "pack".to_string(), |s| s.to_string_lossy().into_owned());
    let mut evaluator = Evaluator {
        pack,
        bindings: HashMap::new(),
    };
    let mut outcome = PackOutcome::default();
    let mut ids = HashMap::new();
    for statement in &pack.ast.statements {
        match statement {
            Statement::Let(binding) => {
                let value = evaluator.expr(&binding.value);
                if let Err(error) = &value {
                    if !matches!(error.kind, EvalErrorKind::FailedName { .. }) {
                        outcome.binding_errors.push(error.clone());
                    }
                }
                evaluator.bindings.insert(binding.name.name.clone(), value.ok());
            }
            Statement::Claim(claim) => {
                let slug = slug(&claim.title.value);
                let count = ids.entry(slug.clone()).or_insert(0);
                *count += 1;
                let id = if *count == 1 { format!("{stem}/{slug}") } else { format!("{stem}/{slug}-{count}") };
                outcome.claims.push(ClaimOutcome {
                    id,
                    claim: claim.clone(),
                    result: evaluator.claim(claim),
                });
            }
        }
    }
    outcome
}

/// `Six councils share the district 60% equally` → `six-councils-share-the-district-60-equally`
fn slug(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// A value with the working that produced it.
#[derive(Clone, Debug)]
struct Evaluated {
    quantity: Quantity,
    working: String,
    /// Binding strength of the working's outermost operator, for brackets.
    precedence: u8,
    /// The document figure this value is, when it is exactly one, with the
    /// unit and scale its table header gives it.
    figure: Option<(FigureRef, Figure)>,
    inputs: Vec<FigureRef>,
}

const ATOM: u8 = 3;
const PRODUCT: u8 = 2;
const SUM: u8 = 1;

struct Evaluator<'p> {
    pack: &'p LoadedPack,
    /// `None` for a binding whose evaluation failed.
    bindings: HashMap<String, Option<Evaluated>>,
}

impl Evaluator<'_> {
    fn claim(&self, claim: &Claim) -> Result<Judgement, EvalError> {
        let stated = self.expr(&claim.stated)?;
        let Some((stated_ref, figure)) = stated.figure.clone() else {
            return Err(EvalError::new(claim.stated.span, EvalErrorKind::StatedNotAFigure));
        };
        let figure = &figure;
        let computed = self.expr(&claim.computed)?;
        if !stated.quantity.unit.same_dimension(computed.quantity.unit) {
            let message = format!(
                "cannot compare {} (the stated figure) with {} (the computation)",
                stated.quantity.unit.name(),
                computed.quantity.unit.name()
            );
            return Err(EvalError::new(claim.comparison_span, EvalErrorKind::Units(message)));
        }
        let stated_q = Stated {
            step: ratio_if_percent(figure.step(), figure.unit),
            quantity: stated.quantity.clone(),
        };
        let tolerance = claim
            .tolerance
            .as_ref()
            .map(|t| self.tolerance(t, &computed.quantity))
            .transpose()?;
        if claim.comparison == Comparison::Approximately && tolerance.is_none() {
            let message = "a `~=` claim needs a tolerance, as in `~= total within 1%`".to_string();
            return Err(EvalError::new(claim.comparison_span, EvalErrorKind::Arguments(message)));
        }
        let verdict = judge(&stated_q, claim.comparison, &computed.quantity, tolerance);
        let rounded = stated_q.round_like(computed.quantity.value);
        let difference = stated_q.quantity.value - rounded;
        let relative_difference = (!rounded.is_zero()).then(|| difference / rounded);
        let rounded_text = printed_like(figure, rounded, figure.decimals);
        let cause = (verdict == Verdict::Discrepancy && claim.comparison == Comparison::Equal)
            .then(|| likely_cause(&figure.printed, &rounded_text))
            .flatten();
        let mut inputs = computed.inputs.clone();
        inputs.sort();
        inputs.dedup();
        Ok(Judgement {
            verdict,
            stated: stated_ref,
            stated_value: stated_q.quantity.value,
            working: working_line(&computed, figure, &rounded_text),
            computed: computed.quantity,
            rounded,
            difference,
            relative_difference,
            cause,
            inputs,
        })
    }

    /// A `within` tolerance as an absolute amount: a percentage is taken of
    /// the computed value.
    fn tolerance(&self, expr: &Expr, computed: &Quantity) -> Result<Decimal, EvalError> {
        let tolerance = self.expr(expr)?.quantity;
        if tolerance.unit == Unit::Percent {
            return Ok((tolerance.value * computed.value).abs());
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

    fn expr(&self, expr: &Expr) -> Result<Evaluated, EvalError> {
        match &expr.kind {
            ExprKind::Number { value, unit } => Ok(Evaluated {
                quantity: Quantity::exact(ratio_if_percent(*value, *unit), *unit),
                working: self.pack.rule_file.text[expr.span.range()].to_string(),
                precedence: ATOM,
                figure: None,
                inputs: Vec::new(),
            }),
            ExprKind::Name(ident) => match self.bindings.get(&ident.name) {
                Some(Some(value)) => Ok(self.named(value)),
                Some(None) => Err(EvalError::new(
                    ident.span,
                    EvalErrorKind::FailedName { name: ident.name.clone() },
                )),
                None => Err(EvalError::new(
                    ident.span,
                    EvalErrorKind::UnknownName {
                        name: ident.name.clone(),
                        nearest: crate::tables::nearest_labels(&ident.name, self.bindings.keys().map(String::as_str)).into_iter().next(),
                    },
                )),
            },
            ExprKind::Anchor(anchor) => self.anchor(anchor, expr.span),
            ExprKind::Negate(operand) => {
                let value = self.expr(operand)?;
                Ok(Evaluated {
                    quantity: value.quantity.neg(),
                    working: format!("-{}", bracket(&value, ATOM)),
                    precedence: ATOM,
                    figure: None,
                    inputs: value.inputs,
                })
            }
            ExprKind::Binary { op, op_span, lhs, rhs } => self.binary(*op, *op_span, lhs, rhs),
            ExprKind::Call { function, function_span, args } => self.call(*function, *function_span, args, expr.span),
        }
    }

    /// A `let` name used in an expression: a figure shows as printed, a
    /// computed value shows as its value.
    fn named(&self, value: &Evaluated) -> Evaluated {
        let mut named = value.clone();
        if let Some((_, figure)) = &value.figure {
            named.working = figure.printed.clone();
        } else {
            named.working = format::quantity(value.quantity.value, value.quantity.unit, 2);
        }
        named.precedence = ATOM;
        named
    }

    fn anchor(&self, anchor: &Anchor, span: Span) -> Result<Evaluated, EvalError> {
        let document_name = &anchor.document().name;
        let document = self.document(document_name, anchor.document().span)?;
        let index = match anchor {
            Anchor::Text { pattern, .. } => anchor::resolve_text(document, document_name, &pattern.value),
            Anchor::Cell { table, row, column, .. } => {
                anchor::resolve_cell(document, document_name, &table.value, &row.value, column)
            }
        }
        .map_err(|kind| EvalError::new(span, kind))?;
        let figure = anchor::in_context(document, index);
        let reference = FigureRef {
            document: document_name.clone(),
            index,
        };
        Ok(Evaluated {
            quantity: figure_quantity(&figure),
            working: figure.printed.clone(),
            precedence: ATOM,
            figure: Some((reference.clone(), figure)),
            inputs: vec![reference],
        })
    }

    fn document(&self, name: &str, span: Span) -> Result<&Document, EvalError> {
        self.pack.documents.get(name).ok_or_else(|| {
            EvalError::new(
                span,
                EvalErrorKind::UnknownDocument {
                    name: name.to_string(),
                    known: self.pack.documents.keys().cloned().collect(),
                },
            )
        })
    }

    fn binary(&self, op: BinaryOp, op_span: Span, lhs: &Expr, rhs: &Expr) -> Result<Evaluated, EvalError> {
        let left = self.expr(lhs)?;
        let right = self.expr(rhs)?;
        let result = match op {
            BinaryOp::Add => left.quantity.add(&right.quantity),
            BinaryOp::Subtract => left.quantity.sub(&right.quantity),
            BinaryOp::Multiply => left.quantity.mul(&right.quantity),
            BinaryOp::Divide => left.quantity.div(&right.quantity),
            BinaryOp::Of => left.quantity.of(&right.quantity),
        };
        let quantity = result.map_err(|e| quantity_error(e, op_span))?;
        let precedence = match op {
            BinaryOp::Add | BinaryOp::Subtract => SUM,
            _ => PRODUCT,
        };
        // Left-associative: the right operand needs brackets at equal strength.
        let working = format!(
            "{} {} {}",
            bracket(&left, precedence),
            op.symbol(),
            bracket(&right, precedence + 1)
        );
        let mut inputs = left.inputs;
        inputs.extend(right.inputs);
        Ok(Evaluated {
            quantity,
            working,
            precedence,
            figure: None,
            inputs,
        })
    }

    fn call(&self, function: Function, function_span: Span, args: &[Expr], span: Span) -> Result<Evaluated, EvalError> {
        let values = args.iter().map(|a| self.expr(a)).collect::<Result<Vec<_>, _>>()?;
        let arity_error = |wanted: &str| {
            EvalError::new(
                span,
                EvalErrorKind::Arguments(format!("`{}` takes {wanted}, but was given {}", function.name(), args.len())),
            )
        };
        let quantity = match function {
            Function::Sum => {
                let mut total = values[0].quantity.clone();
                for value in &values[1..] {
                    total = total.add(&value.quantity).map_err(|e| quantity_error(e, function_span))?;
                }
                total
            }
            Function::Min | Function::Max => {
                let mut best = values[0].quantity.clone();
                for value in &values[1..] {
                    let q = &value.quantity;
                    if !best.unit.same_dimension(q.unit) {
                        let message = format!("cannot compare {} with {}", best.unit.name(), q.unit.name());
                        return Err(EvalError::new(function_span, EvalErrorKind::Units(message)));
                    }
                    best = if function == Function::Min {
                        Quantity { value: best.value.min(q.value), bounds: best.bounds.min(&q.bounds), unit: best.unit }
                    } else {
                        Quantity { value: best.value.max(q.value), bounds: best.bounds.max(&q.bounds), unit: best.unit }
                    };
                }
                best
            }
            Function::Abs => {
                let [value] = values.as_slice() else { return Err(arity_error("one argument")) };
                let q = &value.quantity;
                Quantity { value: q.value.abs(), bounds: q.bounds.abs(), unit: q.unit }
            }
            Function::Count => {
                let [value] = values.as_slice() else { return Err(arity_error("one argument")) };
                let q = &value.quantity;
                if !q.value.fract().is_zero() || q.value.is_sign_negative() || q.unit != Unit::Number {
                    let message = format!(
                        "`count` takes a whole number of things, but this is {}",
                        format::quantity(q.value, q.unit, 6)
                    );
                    return Err(EvalError::new(span, EvalErrorKind::Arguments(message)));
                }
                // A count is not rounded: 4 posts are exactly 4.
                Quantity::exact(q.value, q.unit)
            }
            Function::Round | Function::Floor | Function::Ceil => {
                let (value, places) = match values.as_slice() {
                    [value] => (value, 0),
                    [value, places] => (value, self.places(places, &args[1])?),
                    _ => return Err(arity_error("one or two arguments (the value and the decimal places)")),
                };
                let strategy = match function {
                    Function::Round => RoundingStrategy::MidpointAwayFromZero,
                    Function::Floor => RoundingStrategy::ToNegativeInfinity,
                    _ => RoundingStrategy::ToPositiveInfinity,
                };
                let q = &value.quantity;
                // A percentage rounds in percent, as it is printed.
                let places = if q.unit == Unit::Percent { places + 2 } else { places };
                Quantity {
                    value: q.value.round_dp_with_strategy(places, strategy),
                    bounds: q.bounds.round_with(places, strategy),
                    unit: q.unit,
                }
            }
        };
        if function == Function::Count {
            // Still the figure the document prints, now known to be exact.
            let [value] = values.as_slice() else { return Err(arity_error("one argument")) };
            return Ok(Evaluated { quantity, ..value.clone() });
        }
        let working = format!(
            "{}({})",
            function.name(),
            values.iter().map(|v| v.working.as_str()).collect::<Vec<_>>().join(", ")
        );
        Ok(Evaluated {
            quantity,
            working,
            precedence: ATOM,
            figure: None,
            inputs: values.into_iter().flat_map(|v| v.inputs).collect(),
        })
    }

    /// The decimal places argument of `round`, `floor` and `ceil`.
    fn places(&self, value: &Evaluated, expr: &Expr) -> Result<u32, EvalError> {
        let q = &value.quantity;
        let whole = q.value.fract().is_zero() && q.unit == Unit::Number && q.bounds.lo == q.bounds.hi;
        match u32::try_from(q.value.mantissa()).ok().filter(|p| whole && *p <= 20 && q.value.scale() == 0) {
            Some(places) => Ok(places),
            None => Err(EvalError::new(
                expr.span,
                EvalErrorKind::Arguments("the decimal places must be a whole number from 0 to 20, written in the rule".into()),
            )),
        }
    }
}

fn bracket(value: &Evaluated, at_least: u8) -> String {
    if value.precedence < at_least {
        format!("({})", value.working)
    } else {
        value.working.clone()
    }
}

/// `261,749 / 6 = 43,624.83 → 43,625`; the value is shown to two more
/// places than the stated figure, the arrow only when rounding changes it.
fn working_line(computed: &Evaluated, stated: &Figure, rounded_text: &str) -> String {
    let shown = printed_like(stated, computed.quantity.value, stated.decimals + 2);
    let mut line = if computed.working == shown {
        shown.clone()
    } else {
        format!("{} = {shown}", computed.working)
    };
    if shown != rounded_text {
        line.push_str(&format!(" → {rounded_text}"));
    }
    line
}

fn quantity_error(error: QuantityError, span: Span) -> EvalError {
    let kind = match error {
        QuantityError::Unit(u) => EvalErrorKind::Units(u.message),
        QuantityError::Arith(a) => EvalErrorKind::Arith(a),
    };
    EvalError::new(span, kind)
}

/// A figure as a quantity: percentages become ratios.
fn figure_quantity(figure: &Figure) -> Quantity {
    let interval = figure.interval();
    let unit = figure.unit;
    Quantity {
        value: ratio_if_percent(figure.value, unit),
        bounds: crate::interval::Interval {
            lo: ratio_if_percent(interval.lo, unit),
            hi: ratio_if_percent(interval.hi, unit),
        },
        unit,
    }
}

fn ratio_if_percent(value: Decimal, unit: Unit) -> Decimal {
    if unit == Unit::Percent {
        value / Decimal::ONE_HUNDRED
    } else {
        value
    }
}

/// `value` printed the way `figure` is: same sign and currency, scale
/// suffix, decimals and grouping, so that the two can be compared by eye.
fn printed_like(figure: &Figure, value: Decimal, decimals: u32) -> String {
    let shown = if figure.unit == Unit::Percent { value * Decimal::ONE_HUNDRED } else { value };
    let number = shown / figure.scale.multiplier();
    let digits = &figure.printed[figure.digits.start - figure.span.start..figure.digits.end - figure.span.start];
    let mut body = format::grouped(number.abs(), decimals);
    if decimals > figure.decimals && body.contains('.') {
        // Trailing zeros past the stated precision say nothing.
        body = body.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    if !digits.contains(',') {
        body.retain(|c| c != ',');
    }
    let before = &figure.printed[..figure.digits.start - figure.span.start];
    let after = &figure.printed[figure.digits.end - figure.span.start..];
    let before = before.trim_start_matches(['-', '−']);
    let sign = if number.is_sign_negative() && !number.is_zero() { "-" } else { "" };
    format!("{sign}{before}{body}{after}")
}
