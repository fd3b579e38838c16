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

use crate::figures::{Direction, Figure, Hedge};
use crate::format;
use crate::load::{Document, LoadedPack};
use crate::rules::ast::{Anchor, BinaryOp, Claim, Comparison, Expr, ExprKind, Function, Rounding, Statement};
use crate::span::Span;
use crate::units::Unit;

pub use causes::likely_cause;
pub use error::{Candidate, EvalError, EvalErrorKind};
pub use quantity::{Quantity, QuantityError};
pub use anchor::Anchored;
pub use verdict::{judge, Stated, Verdict};

impl Candidate {
    /// A figure of `document` as suggestions show it: line and context.
    pub fn from_document(document: &Document, index: usize) -> Candidate {
        anchor::candidate(document, index)
    }
}

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
    /// The stated figure as the document prints it; for a range, the whole
    /// range (`£20-65m`).
    pub stated_text: String,
    /// The computation with its inputs: `261,749 / 6 = 43,624.83 → 43,625`.
    pub working: String,
    /// Stated minus rounded computed value.
    pub difference: Decimal,
    /// `difference` as a fraction of the rounded computed value.
    pub relative_difference: Option<Decimal>,
    pub cause: Option<String>,
    /// What else the verdict rests on: a rounding convention other than the
    /// declared one, a hedge word and how far it reaches.
    pub notes: Vec<String>,
    /// Every document figure the computation read.
    pub inputs: Vec<FigureRef>,
    /// For a range, the judgement of its other end.
    pub other_end: Option<Box<Judgement>>,
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
    /// An expected discrepancy that the document no longer has, or that is
    /// now about a different printed figure than the pack says.
    pub fn stale_expectation(&self) -> bool {
        let Some(expectation) = &self.claim.expectation else { return false };
        let Ok(judgement) = &self.result else { return false };
        let moved = expectation.printed.as_ref().is_some_and(|p| p.value != judgement.stated_text);
        judgement.verdict != Verdict::Discrepancy || moved
    }

    /// For a stale expectation pinned to a printed figure the document no
    /// longer prints: what it prints now.
    pub fn reprinted(&self) -> Option<(&str, &str)> {
        let printed = self.claim.expectation.as_ref()?.printed.as_ref()?;
        let judgement = self.result.as_ref().ok()?;
        (printed.value != judgement.stated_text).then_some((printed.value.as_str(), judgement.stated_text.as_str()))
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
    /// Every malformed figure of the pack's documents, and whether the pack
    /// expects it.
    pub malformed: Vec<MalformedOutcome>,
    /// `expect malformed` lines whose figure the document no longer prints.
    pub stale_malformed: Vec<Span>,
}

/// A malformed figure in one of the pack's documents.
#[derive(Clone, Debug)]
pub struct MalformedOutcome {
    pub document: String,
    /// Index into the document's `figures.malformed`.
    pub index: usize,
    /// The pack's reason, when it marks the figure as expected.
    pub expected: Option<String>,
}

/// Evaluates every statement of the pack in order.
pub fn evaluate(pack: &LoadedPack) -> PackOutcome {
    evaluate_with(pack, &AnchorCache::default())
}

/// As [`evaluate`], resolving anchors through `anchors`: those already in it
/// are not searched again.
pub fn evaluate_with(pack: &LoadedPack, anchors: &AnchorCache) -> PackOutcome {
    let stem = pack
        .rule_file
        .path
        .file_stem()
        .map_or_else(|| "pack".to_string(), |s| s.to_string_lossy().into_owned());
    let mut evaluator = Evaluator {
        pack,
        anchors,
        bindings: HashMap::new(),
        rounding: Rounding::HalfUp,
        hedge_tolerances: HashMap::new(),
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
            Statement::Rounding { convention, .. } => evaluator.rounding = *convention,
            Statement::ExpectMalformed { .. } => {}
            Statement::Hedge { phrase, tolerance, .. } => {
                let reach = evaluator.expr(tolerance).and_then(|t| match t.quantity.unit {
                    Unit::Percent => Ok(t.quantity.value),
                    _ => Err(EvalError::new(
                        tolerance.span,
                        EvalErrorKind::Arguments("a hedge's reach is a percentage of the stated figure, as in `within 5%`".into()),
                    )),
                });
                match (reach, Hedge::from_phrase(&phrase.value)) {
                    (Ok(reach), Some(hedge)) => {
                        evaluator.hedge_tolerances.insert(hedge, reach);
                    }
                    (Err(error), _) => outcome.binding_errors.push(error),
                    (Ok(_), None) => {}
                }
            }
        }
    }
    expected_malformed(pack, &mut outcome);
    outcome
}

/// Pairs the documents' malformed figures with the pack's `expect malformed`
/// lines.
fn expected_malformed(pack: &LoadedPack, outcome: &mut PackOutcome) {
    let expectations: Vec<(&str, &str, &str, Span)> = pack
        .ast
        .statements
        .iter()
        .filter_map(|s| match s {
            Statement::ExpectMalformed { document, printed, reason, span } => {
                Some((document.name.as_str(), printed.value.as_str(), reason.value.as_str(), *span))
            }
            _ => None,
        })
        .collect();
    let mut used = vec![false; expectations.len()];
    for (name, document) in &pack.documents {
        for (index, malformed) in document.figures.malformed.iter().enumerate() {
            let found = expectations.iter().position(|(d, p, _, _)| d == name && *p == malformed.printed);
            if let Some(i) = found {
                used[i] = true;
            }
            outcome.malformed.push(MalformedOutcome {
                document: name.clone(),
                index,
                expected: found.map(|i| expectations[i].2.to_string()),
            });
        }
    }
    outcome.stale_malformed = expectations.iter().zip(used).filter(|(_, used)| !used).map(|(e, _)| e.3).collect();
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

/// A value with the working that produced it. A range (`£20-66m`) is two
/// values, low and high, carried end by end through the arithmetic.
#[derive(Clone, Debug)]
struct Evaluated {
    quantity: Quantity,
    /// The high end, when this is a range.
    high: Option<Quantity>,
    working: String,
    /// Binding strength of the working's outermost operator, for brackets.
    precedence: u8,
    /// The document figure this value is, when it is exactly one (the low
    /// end of a range), with the unit and scale its table header gives it.
    figure: Option<(FigureRef, Figure)>,
    /// The high end's figure, when this is a range read from a document.
    high_figure: Option<(FigureRef, Figure)>,
    inputs: Vec<FigureRef>,
}

impl Evaluated {
    fn scalar(quantity: Quantity, working: String, precedence: u8, inputs: Vec<FigureRef>) -> Evaluated {
        Evaluated {
            quantity,
            high: None,
            working,
            precedence,
            figure: None,
            high_figure: None,
            inputs,
        }
    }

    /// The high end: the value itself when it is not a range.
    fn high_or_only(&self) -> &Quantity {
        self.high.as_ref().unwrap_or(&self.quantity)
    }
}

const ATOM: u8 = 3;
const PRODUCT: u8 = 2;
const SUM: u8 = 1;

/// Where each anchor of a pack found its figure, keyed by the anchor's span
/// in the rule file. Re-evaluating a pack whose documents changed only in
/// the digits of a figure (the mutation score) reuses it, so the anchors are
/// not searched again.
#[derive(Debug, Default)]
pub struct AnchorCache {
    found: std::cell::RefCell<HashMap<Span, Result<Found, EvalErrorKind>>>,
}

/// What an anchor found.
#[derive(Clone, Copy, Debug)]
enum Found {
    Figures(Anchored),
    /// `items(…)`: the number of items.
    Items(usize),
}

struct Evaluator<'p> {
    pack: &'p LoadedPack,
    anchors: &'p AnchorCache,
    /// `None` for a binding whose evaluation failed.
    bindings: HashMap<String, Option<Evaluated>>,
    /// The rounding convention declared for the claims that follow.
    rounding: Rounding,
    /// Tolerances a pack sets for hedge words, as fractions.
    hedge_tolerances: HashMap<Hedge, Decimal>,
}

/// One end of a claim (the only end, unless the figure is a range).
struct End<'a> {
    reference: FigureRef,
    figure: &'a Figure,
    stated: &'a Quantity,
    computed: &'a Quantity,
}

impl Evaluator<'_> {
    fn claim(&self, claim: &Claim) -> Result<Judgement, EvalError> {
        let stated = self.expr(&claim.stated)?;
        let Some((stated_ref, figure)) = stated.figure.clone() else {
            return Err(EvalError::new(claim.stated.span, EvalErrorKind::StatedNotAFigure));
        };
        let computed = self.expr(&claim.computed)?;
        if stated.high.is_some() != computed.high.is_some() {
            let message = if stated.high.is_some() {
                "the document states a range here, but the computation gives one value: compute a range, or compare one end with low(…) or high(…)"
            } else {
                "the computation gives a range, but the document states one value here: compare with low(…) or high(…)"
            };
            return Err(EvalError::new(claim.comparison_span, EvalErrorKind::Units(message.into())));
        }
        if !stated.quantity.unit.same_dimension(computed.quantity.unit) {
            let message = format!(
                "cannot compare {} (the stated figure) with {} (the computation)",
                stated.quantity.unit.name(),
                computed.quantity.unit.name()
            );
            return Err(EvalError::new(claim.comparison_span, EvalErrorKind::Units(message)));
        }
        let low = End {
            reference: stated_ref,
            figure: &figure,
            stated: &stated.quantity,
            computed: &computed.quantity,
        };
        let mut judgement = self.judge_end(claim, &low, &computed)?;
        if let (Some((high_ref, high_figure)), Some(stated_high), Some(computed_high)) =
            (&stated.high_figure, &stated.high, &computed.high)
        {
            let document = &self.pack.documents[&high_ref.document];
            let span = document.figures.figures[low.reference.index].span.join(high_figure.span);
            judgement.stated_text = document.source.text[span.range()].to_string();
            let high = End {
                reference: high_ref.clone(),
                figure: high_figure,
                stated: stated_high,
                computed: computed_high,
            };
            let mut high = self.judge_end(claim, &high, &computed)?;
            high.stated_text = judgement.stated_text.clone();
            judgement.working = format!("low end: {}; high end: {}", judgement.working, high.working);
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
    fn judge_end(&self, claim: &Claim, end: &End, computed: &Evaluated) -> Result<Judgement, EvalError> {
        let figure = end.figure;
        let stated_q = Stated {
            step: ratio_if_percent(figure.step(), figure.unit),
            quantity: end.stated.clone(),
            rounding: self.rounding,
        };
        let tolerance = claim
            .tolerance
            .as_ref()
            .map(|t| self.tolerance(t, end.computed))
            .transpose()?;
        if claim.comparison == Comparison::Approximately && tolerance.is_none() {
            let message = "a `~=` claim needs a tolerance, as in `~= total within 1%`".to_string();
            return Err(EvalError::new(claim.comparison_span, EvalErrorKind::Arguments(message)));
        }
        let mut verdict = judge(&stated_q, claim.comparison, end.computed, tolerance);
        let equality = matches!(claim.comparison, Comparison::Equal | Comparison::Approximately);
        // An ordering compares the values themselves, not a rounding of them.
        let rounded = if equality { stated_q.round_like(end.computed.value) } else { end.computed.value };
        let mut notes = Vec::new();
        if equality && verdict != Verdict::Exact {
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
        let hedge = claim
            .hedge
            .as_ref()
            .and_then(|h| Hedge::from_phrase(&h.value))
            .or(figure.hedge);
        if let (true, Some(hedge)) = (equality && verdict == Verdict::Discrepancy, hedge) {
            let reach = self.hedge_tolerances.get(&hedge).copied().unwrap_or_else(|| hedge.default_tolerance());
            let b = &end.computed.bounds;
            let allowed = [end.computed.value, b.lo, b.hi].iter().any(|&v| hedge.allows(end.stated.value, v, reach));
            let percent = format::grouped(reach * Decimal::ONE_HUNDRED, 0);
            if allowed {
                verdict = Verdict::Approximate;
                notes.push(format!("the document says “{}”, which allows {percent}% {}", hedge.phrase(), direction_words(hedge)));
            } else {
                notes.push(format!("the document says “{}”, but that allows only {percent}% {}", hedge.phrase(), direction_words(hedge)));
            }
        }
        let difference = end.stated.value - rounded;
        let relative_difference = (!rounded.is_zero()).then(|| difference / rounded);
        let rounded_text = printed_like(figure, rounded, figure.decimals);
        let cause = (verdict == Verdict::Discrepancy && claim.comparison == Comparison::Equal)
            .then(|| {
                self.structural_cause(claim, &stated_q, end.computed.value)
                    .or_else(|| likely_cause(&figure.printed, &rounded_text))
            })
            .flatten();
        let mut inputs = computed.inputs.clone();
        inputs.sort();
        inputs.dedup();
        Ok(Judgement {
            verdict,
            stated: end.reference.clone(),
            stated_value: end.stated.value,
            stated_text: figure.printed.clone(),
            working: working_line(&computed.working, end.computed.value, figure, &rounded_text),
            computed: end.computed.clone(),
            rounded,
            difference,
            relative_difference,
            cause,
            notes,
            inputs,
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
            ExprKind::Number { value, unit } => Ok(Evaluated::scalar(
                Quantity::exact(ratio_if_percent(*value, *unit), *unit),
                self.pack.rule_file.text[expr.span.range()].to_string(),
                ATOM,
                Vec::new(),
            )),
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
                    high: value.high.as_ref().map(Quantity::neg),
                    working: format!("-{}", bracket(&value, ATOM)),
                    precedence: ATOM,
                    figure: None,
                    high_figure: None,
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
        named.working = match (&value.figure, &value.high_figure, &value.high) {
            (Some((low, _)), Some((high, _)), _) => {
                let document = &self.pack.documents[&low.document];
                let span = document.figures.figures[low.index].span.join(document.figures.figures[high.index].span);
                document.source.text[span.range()].to_string()
            }
            (Some((_, figure)), None, _) => as_worked(figure),
            (None, _, Some(high)) => format!(
                "{} to {}",
                format::quantity(value.quantity.value, value.quantity.unit, 2),
                format::quantity(high.value, high.unit, 2)
            ),
            (None, _, None) => format::quantity(value.quantity.value, value.quantity.unit, 2),
        };
        named.precedence = ATOM;
        named
    }

    fn anchor(&self, anchor: &Anchor, span: Span) -> Result<Evaluated, EvalError> {
        let document_name = &anchor.document().name;
        let document = self.document(document_name, anchor.document().span)?;
        let cached = self.anchors.found.borrow().get(&span).cloned();
        let found = cached.unwrap_or_else(|| {
            let found = match anchor {
                Anchor::Items { heading, .. } => {
                    anchor::count_items(document, document_name, &heading.value).map(Found::Items)
                }
                Anchor::Text { pattern, .. } => {
                    anchor::resolve_text(document, document_name, &pattern.value).map(Found::Figures)
                }
                Anchor::Cell { table, row, column, .. } => {
                    anchor::resolve_cell(document, document_name, &table.value, &row.value, column)
                        .map(|i| Found::Figures(Anchored::Figure(i)))
                }
            };
            self.anchors.found.borrow_mut().insert(span, found.clone());
            found
        });
        let found = match found.map_err(|kind| EvalError::new(span, kind))? {
            Found::Items(count) => {
                let working = format!("{count} items listed after “{}”", anchor_heading(anchor));
                return Ok(Evaluated::scalar(Quantity::exact(Decimal::from(count), Unit::Number), working, ATOM, Vec::new()));
            }
            Found::Figures(found) => found,
        };
        let reference = |index| FigureRef {
            document: document_name.clone(),
            index,
        };
        match found {
            Anchored::Figure(index) => {
                let figure = anchor::in_context(document, index);
                Ok(Evaluated {
                    figure: Some((reference(index), figure.clone())),
                    ..Evaluated::scalar(figure_quantity(&figure), as_worked(&figure), ATOM, vec![reference(index)])
                })
            }
            Anchored::Range(range) => {
                let range = &document.figures.ranges[range];
                let low = anchor::in_context(document, range.low);
                let high = anchor::in_context(document, range.high);
                Ok(Evaluated {
                    quantity: figure_quantity(&low),
                    high: Some(figure_quantity(&high)),
                    working: document.source.text[range.span.range()].to_string(),
                    precedence: ATOM,
                    figure: Some((reference(range.low), low)),
                    high_figure: Some((reference(range.high), high)),
                    inputs: vec![reference(range.low), reference(range.high)],
                })
            }
        }
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
        let apply = |a: &Quantity, b: &Quantity| {
            match op {
                BinaryOp::Add => a.add(b),
                BinaryOp::Subtract => a.sub(b),
                BinaryOp::Multiply => a.mul(b),
                BinaryOp::Divide => a.div(b),
                BinaryOp::Of => a.of(b),
            }
            .map_err(|e| quantity_error(e, op_span))
        };
        let quantity = apply(&left.quantity, &right.quantity)?;
        let high = if left.high.is_some() || right.high.is_some() {
            Some(apply(left.high_or_only(), right.high_or_only())?)
        } else {
            None
        };
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
            high,
            ..Evaluated::scalar(quantity, working, precedence, inputs)
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
        let one = || match values.as_slice() {
            [value] => Ok(value),
            _ => Err(arity_error("one argument")),
        };
        match function {
            Function::Count => {
                let value = one()?;
                let q = &value.quantity;
                let counts_things = matches!(q.unit, Unit::Number | Unit::People | Unit::Fte);
                if value.high.is_some() || !q.value.fract().is_zero() || q.value.is_sign_negative() || !counts_things {
                    let message = format!(
                        "`count` takes a whole number of things, but this is {}",
                        format::quantity(q.value, q.unit, 6)
                    );
                    return Err(EvalError::new(span, EvalErrorKind::Arguments(message)));
                }
                // Still the figure the document prints, now known to be exact:
                // 4 posts are exactly 4, not anything from 3.5 to 4.5.
                return Ok(Evaluated {
                    quantity: Quantity::exact(q.value, q.unit),
                    ..value.clone()
                });
            }
            Function::Low | Function::High => {
                let value = one()?;
                let Some(high) = &value.high else {
                    let message = format!("`{}` takes a range, such as £20-66m, but this is one value", function.name());
                    return Err(EvalError::new(span, EvalErrorKind::Arguments(message)));
                };
                let (quantity, figure) = if function == Function::Low {
                    (value.quantity.clone(), value.figure.clone())
                } else {
                    (high.clone(), value.high_figure.clone())
                };
                let working = format!("{}({})", function.name(), value.working);
                return Ok(Evaluated {
                    figure,
                    ..Evaluated::scalar(quantity, working, ATOM, value.inputs.clone())
                });
            }
            _ => {}
        }
        let places = match (function, values.as_slice()) {
            (Function::Round | Function::Floor | Function::Ceil, [_]) => 0,
            (Function::Round | Function::Floor | Function::Ceil, [_, places]) => self.places(places, &args[1])?,
            (Function::Round | Function::Floor | Function::Ceil, _) => {
                return Err(arity_error("one or two arguments (the value and the decimal places)"))
            }
            (Function::Abs, [_]) => 0,
            (Function::Abs, _) => return Err(arity_error("one argument")),
            _ => 0,
        };
        let operands: &[Evaluated] = match function {
            Function::Round | Function::Floor | Function::Ceil => &values[..1],
            _ => &values,
        };
        let apply = |end: fn(&Evaluated) -> &Quantity| self.apply(function, function_span, operands.iter().map(end), places);
        let quantity = apply(|v| &v.quantity)?;
        let high = if operands.iter().any(|v| v.high.is_some()) {
            Some(apply(Evaluated::high_or_only)?)
        } else {
            None
        };
        let working = format!(
            "{}({})",
            function.name(),
            values.iter().map(|v| v.working.as_str()).collect::<Vec<_>>().join(", ")
        );
        Ok(Evaluated {
            high,
            ..Evaluated::scalar(quantity, working, ATOM, values.into_iter().flat_map(|v| v.inputs).collect())
        })
    }

    /// Applies a numeric function to one end of its arguments.
    fn apply<'q>(
        &self,
        function: Function,
        function_span: Span,
        mut operands: impl Iterator<Item = &'q Quantity>,
        places: u32,
    ) -> Result<Quantity, EvalError> {
        let first = operands.next().cloned().ok_or_else(|| {
            EvalError::new(function_span, EvalErrorKind::Arguments(format!("`{}` needs an argument", function.name())))
        })?;
        Ok(match function {
            Function::Sum => {
                let mut total = first;
                for q in operands {
                    total = total.add(q).map_err(|e| quantity_error(e, function_span))?;
                }
                total
            }
            Function::Min | Function::Max => {
                let mut best = first;
                for q in operands {
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
            Function::Abs => Quantity { value: first.value.abs(), bounds: first.bounds.abs(), unit: first.unit },
            Function::Round | Function::Floor | Function::Ceil => {
                let strategy = match function {
                    Function::Round => RoundingStrategy::MidpointAwayFromZero,
                    Function::Floor => RoundingStrategy::ToNegativeInfinity,
                    _ => RoundingStrategy::ToPositiveInfinity,
                };
                // A percentage rounds in percent, as it is printed.
                let places = if first.unit == Unit::Percent { places + 2 } else { places };
                Quantity {
                    value: first.value.round_dp_with_strategy(places, strategy),
                    bounds: first.bounds.round_with(places, strategy),
                    unit: first.unit,
                }
            }
            Function::Count | Function::Low | Function::High => first,
        })
    }

    /// The decimal places argument of `round`, `floor` and `ceil`.
    fn places(&self, value: &Evaluated, expr: &Expr) -> Result<u32, EvalError> {
        let q = &value.quantity;
        let whole = q.value.fract().is_zero() && q.unit == Unit::Number && q.bounds.lo == q.bounds.hi && value.high.is_none();
        match u32::try_from(q.value.mantissa()).ok().filter(|p| whole && *p <= 20 && q.value.scale() == 0) {
            Some(places) => Ok(places),
            None => Err(EvalError::new(
                expr.span,
                EvalErrorKind::Arguments("the decimal places must be a whole number from 0 to 20, written in the rule".into()),
            )),
        }
    }
}

fn anchor_heading(anchor: &Anchor) -> &str {
    match anchor {
        Anchor::Items { heading, .. } => &heading.value,
        _ => "",
    }
}

fn direction_words(hedge: Hedge) -> &'static str {
    match hedge.direction() {
        Direction::Either => "either side of the figure",
        Direction::Below => "below the figure",
        Direction::Above => "above the figure",
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

fn quantity_error(error: QuantityError, span: Span) -> EvalError {
    let kind = match error {
        QuantityError::Unit(u) => EvalErrorKind::Units(u.message),
        QuantityError::Arith(a) => EvalErrorKind::Arith(a),
    };
    EvalError::new(span, kind)
}

/// A figure as the working shows it: as printed, but "six" as 6.
fn as_worked(figure: &Figure) -> String {
    if figure.in_words {
        figure.value.to_string()
    } else {
        figure.printed.clone()
    }
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

/// `value` printed the way `figure` is: same currency, scale suffix,
/// decimals and grouping, so that the two can be compared by eye. An end of
/// a range that left its `£` or scale to the other end gets them back.
fn printed_like(figure: &Figure, value: Decimal, decimals: u32) -> String {
    let shown = if figure.unit == Unit::Percent { value * Decimal::ONE_HUNDRED } else { value };
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
    let scaled = figure.scale != crate::units::Scale::One;
    let pound = if figure.unit == Unit::Pounds && scaled && !before.contains('£') { "£" } else { "" };
    if after.is_empty() {
        after = match figure.scale {
            crate::units::Scale::One => "",
            crate::units::Scale::Thousand => "k",
            crate::units::Scale::Million => "m",
            crate::units::Scale::Billion => "bn",
        }
        .to_string();
    }
    let sign = if number.is_sign_negative() && !number.is_zero() { "-" } else { "" };
    format!("{sign}{pound}{before}{body}{after}")
}
