//! Stage 4: evaluating a pack. Anchors are resolved to figures, expressions
//! are computed in exact decimals with intervals for every input's rounding,
//! and each claim gets a verdict.

mod anchor;
mod causes;
mod claim;
mod derive;
mod error;
mod functions;
mod lists;
mod quantity;
mod verdict;
mod words;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::figures::{Figure, Hedge};
use crate::format;
use crate::lang::ast::{Anchor, BinaryOp, Claim, Expr, ExprKind, Ident, Rounding, Statement};
use crate::load::{Document, LoadedPack};
use crate::span::Span;
use crate::units::Unit;

pub use anchor::{find_table, is_nil, Anchored};
pub use causes::likely_cause;
pub use derive::{derive, Derivation, Step};
pub use error::{Candidate, EvalError, EvalErrorKind};
pub use lists::select;
pub use quantity::{Quantity, QuantityError};
pub use verdict::{judge, Stated, Verdict};

/// Figure `index` of `document` as its table column qualifies it: a bare
/// `261,749` under a `£` header is £261,749. `None` when there is no such
/// figure.
pub fn figure_in_context(document: &Document, index: usize) -> Option<Figure> {
    anchor::in_context(document, index)
}

impl Candidate {
    /// A figure of `document` as suggestions show it: line and context.
    pub fn from_document(document: &Document, index: usize) -> Option<Candidate> {
        anchor::candidate(document, index)
    }
}

/// The error for an anchor whose figure is not in its document: never met,
/// since anchors are resolved in the document they read, but reported
/// rather than trusted.
fn gone(span: Span) -> EvalError {
    EvalError::new(
        span,
        EvalErrorKind::Arguments("the anchored figure is not in the document".into()),
    )
}

/// The error for a whole-table rule or list met unexpanded: never met when
/// the pack is loaded by [`crate::load::load_pack`], which expands them.
fn not_expanded(span: Span) -> EvalError {
    EvalError::new(
        span,
        EvalErrorKind::Arguments(
            "this whole-table rule was not expanded on its document's table".into(),
        ),
    )
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
    /// The computed value as `expect discrepancy … computed "…"` pins it:
    /// printed like the stated figure (`£`, scale, grouping) to twelve
    /// significant figures, and at least two places more than the figure,
    /// so that a slip in any input changes it (`43,624.8333333`). For a
    /// range, both ends: `£24.5m to £72.6m`.
    pub computed_pin: String,
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
    /// For a verdict within rounding, the inputs whose printed precision
    /// it rests on, when taking them as exact would change it.
    pub rests_on: Option<RestsOn>,
    /// For a range, the judgement of its other end.
    pub other_end: Option<Box<Judgement>>,
}

/// What a verdict within rounding rests on, found by evaluating the claim
/// again with inputs taken as exact (a point, not the interval their
/// printing allows): first each input alone, then all of them together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestsOn {
    /// The input whose printed precision the verdict rests on most, when
    /// taking that one alone as exact changes the verdict; `None` when only
    /// the inputs' rounding together explains the stated figure.
    pub input: Option<FigureRef>,
    /// What `input` stands for: every value that prints as it
    /// (percentages as ratios).
    pub stands_for: Option<crate::interval::Interval>,
    /// With `input`: the other inputs that alone would change the verdict
    /// too. Without: every input whose rounding is allowed for.
    pub others: Vec<FigureRef>,
    /// Whether taking `input` as exact narrows the computation more than
    /// taking any of `others` does (rather than as much as one of them).
    pub most: bool,
    /// The computed value's bounds with `input` (or, without one, every
    /// input) taken as exact.
    pub bounds_if_exact: crate::interval::Interval,
    /// The verdict then: worse than within rounding.
    pub verdict_if_exact: Verdict,
}

/// A computed pin as it is compared: without thousands separators and
/// spaces, so that `43624.8333333` written by hand pins `43,624.8333333`;
/// every digit, the point, the unit and the scale still count.
fn pin_key(pin: &str) -> String {
    pin.chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect()
}

/// A side of an expected discrepancy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The figure the document prints.
    Stated,
    /// The value the rule computes.
    Computed,
}

impl Side {
    pub fn name(self) -> &'static str {
        match self {
            Side::Stated => "stated",
            Side::Computed => "computed",
        }
    }
}

/// A pinned side of an expected discrepancy that is no longer what the
/// expectation says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moved<'a> {
    pub side: Side,
    /// What the expectation pins.
    pub pinned: &'a str,
    /// What the claim gives now.
    pub now: &'a str,
}

impl Moved<'_> {
    /// `the stated figure was `43,635` and is now `43,636``
    pub fn describe(&self) -> String {
        let what = match self.side {
            Side::Stated => "the stated figure",
            Side::Computed => "the computed value",
        };
        format!("{what} was `{}` and is now `{}`", self.pinned, self.now)
    }
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

    /// An expected discrepancy that the document no longer has, or whose
    /// stated figure or computed value is no longer the one the expectation
    /// pins.
    pub fn stale_expectation(&self) -> bool {
        if self.claim.expectation.is_none() {
            return false;
        }
        let Ok(judgement) = &self.result else {
            return false;
        };
        judgement.verdict != Verdict::Discrepancy || !self.moved().is_empty()
    }

    /// For a stale expectation pinned to a printed figure the document no
    /// longer prints: what it prints now.
    pub fn reprinted(&self) -> Option<(&str, &str)> {
        let printed = self.claim.expectation.as_ref()?.printed.as_ref()?;
        let judgement = self.result.as_ref().ok()?;
        (printed.value != judgement.stated_text)
            .then_some((printed.value.as_str(), judgement.stated_text.as_str()))
    }

    /// For a stale expectation pinned to a computed value the rule no
    /// longer computes (an input has changed): the pin, and the value now.
    pub fn recomputed(&self) -> Option<(&str, &str)> {
        let computed = self.claim.expectation.as_ref()?.computed.as_ref()?;
        let judgement = self.result.as_ref().ok()?;
        (pin_key(&computed.value) != pin_key(&judgement.computed_pin))
            .then_some((computed.value.as_str(), judgement.computed_pin.as_str()))
    }

    /// The pinned sides of the expectation that have moved, stated first.
    pub fn moved(&self) -> Vec<Moved<'_>> {
        let stated = self.reprinted().map(|(pinned, now)| Moved {
            side: Side::Stated,
            pinned,
            now,
        });
        let computed = self.recomputed().map(|(pinned, now)| Moved {
            side: Side::Computed,
            pinned,
            now,
        });
        stated.into_iter().chain(computed).collect()
    }

    /// Whether the expectation leaves a side unpinned: no printed figure, or
    /// no computed value.
    pub fn unpinned(&self) -> bool {
        self.claim
            .expectation
            .as_ref()
            .is_some_and(|e| e.printed.is_none() || e.computed.is_none())
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
    evaluate_claims(pack, anchors, &claim_ids(pack), |_| true)
}

/// The id of each claim of the pack, in order: stable across runs and
/// unaffected by other claims, the pack's file stem and a slug of the
/// title, numbered from the second claim with the same slug on.
pub fn claim_ids(pack: &LoadedPack) -> Vec<String> {
    let stem = pack
        .rule_file
        .path
        .file_stem()
        .map_or_else(|| "pack".to_string(), |s| s.to_string_lossy().into_owned());
    let mut counts = HashMap::new();
    let mut ids = Vec::new();
    for statement in &pack.ast.statements {
        if let Statement::Claim(claim) = statement {
            let slug = slug(&claim.title.value);
            let count = counts.entry(slug.clone()).or_insert(0);
            *count += 1;
            ids.push(if *count == 1 {
                format!("{stem}/{slug}")
            } else {
                format!("{stem}/{slug}-{count}")
            });
        }
    }
    ids
}

/// As [`evaluate_with`], judging only the claims whose position among the
/// pack's claims (0 for the first) `judged` accepts; the others are left
/// out of the outcome. Every `let` is still evaluated. Re-auditing after a
/// slip in one figure (the mutation score) needs only the claims that read
/// it.
/// `ids` are the claims' ids, from [`claim_ids`].
pub fn evaluate_claims(
    pack: &LoadedPack,
    anchors: &AnchorCache,
    ids: &[String],
    judged: impl Fn(usize) -> bool,
) -> PackOutcome {
    let mut evaluator = Evaluator::new(pack, anchors);
    let mut outcome = PackOutcome::default();
    let mut claim_count = 0;
    for statement in &pack.ast.statements {
        match statement {
            Statement::Claim(claim) => {
                let position = claim_count;
                claim_count += 1;
                if !judged(position) {
                    continue;
                }
                let id = ids.get(position).cloned().unwrap_or_default();
                outcome.claims.push(ClaimOutcome {
                    id,
                    claim: claim.clone(),
                    result: evaluator.claim(claim),
                });
            }
            declaration => outcome
                .binding_errors
                .extend(evaluator.declare(declaration)),
        }
    }
    expected_malformed(pack, &mut outcome);
    outcome
}

/// Where the words of the pack's text anchors occur, per document name:
/// one pass over each document for all of its anchors.
fn find_anchor_words(pack: &LoadedPack) -> HashMap<String, words::WordHits> {
    let mut wanted: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (document, pattern) in words::text_anchors(&pack.ast) {
        wanted
            .entry(document)
            .or_default()
            .extend(words::anchor_words(pattern));
    }
    wanted
        .into_iter()
        .filter_map(|(name, words)| {
            let document = pack.documents.get(name)?;
            Some((
                name.to_string(),
                words::WordHits::find(&document.source.text, &words),
            ))
        })
        .collect()
}

/// Pairs the documents' malformed figures with the pack's `expect malformed`
/// lines.
fn expected_malformed(pack: &LoadedPack, outcome: &mut PackOutcome) {
    let expectations: Vec<(&str, &str, &str, Span)> = pack
        .ast
        .statements
        .iter()
        .filter_map(|s| match s {
            Statement::ExpectMalformed {
                document,
                printed,
                reason,
                span,
            } => Some((
                document.name.as_str(),
                printed.value.as_str(),
                reason.value.as_str(),
                *span,
            )),
            _ => None,
        })
        .collect();
    let mut used = vec![false; expectations.len()];
    for (name, document) in &pack.documents {
        for (index, malformed) in document.figures.malformed.iter().enumerate() {
            let found = expectations
                .iter()
                .position(|(d, p, _, _)| d == name && *p == malformed.printed);
            if let Some(used) = found.and_then(|i| used.get_mut(i)) {
                *used = true;
            }
            outcome.malformed.push(MalformedOutcome {
                document: name.clone(),
                index,
                expected: found
                    .and_then(|i| expectations.get(i))
                    .map(|(_, _, reason, _)| reason.to_string()),
            });
        }
    }
    outcome.stale_malformed = expectations
        .iter()
        .zip(used)
        .filter(|(_, used)| !used)
        .map(|(e, _)| e.3)
        .collect();
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
    fn scalar(
        quantity: Quantity,
        working: String,
        precedence: u8,
        inputs: Vec<FigureRef>,
    ) -> Evaluated {
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
/// in the rule file and, for a cell, its labels: the claims a whole-table
/// rule expands into share their anchors' spans. Re-evaluating a pack whose documents changed only in
/// the digits of a figure (the mutation score) reuses it, so the anchors are
/// not searched again.
#[derive(Debug, Default)]
pub struct AnchorCache {
    found: std::cell::RefCell<HashMap<(Span, String), Result<Found, EvalErrorKind>>>,
}

/// An anchor's key in an [`AnchorCache`].
fn cache_key(anchor: &Anchor, span: Span) -> (Span, String) {
    let labels = match anchor {
        Anchor::Cell {
            table, row, column, ..
        } => {
            let column = match column {
                crate::lang::ast::ColumnRef::Label(label) => label.value.clone(),
                crate::lang::ast::ColumnRef::Position { number, .. } => format!("#{number}"),
            };
            format!("{}\u{1f}{}\u{1f}{column}", table.value, row.value)
        }
        Anchor::Text { .. } | Anchor::Items { .. } => String::new(),
    };
    (span, labels)
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
    /// Where the key words of the pack's text anchors occur, per document;
    /// found at the first anchor not already in `anchors`.
    words: std::cell::OnceCell<HashMap<String, words::WordHits>>,
    /// The tables that (document name, query) found, or why none.
    tables: std::cell::RefCell<HashMap<(String, String), Result<usize, EvalErrorKind>>>,
    /// `None` for a binding whose evaluation failed.
    bindings: HashMap<String, Option<Evaluated>>,
    /// The rounding convention declared for the claims that follow.
    rounding: Rounding,
    /// Tolerances a pack sets for hedge words, as fractions.
    hedge_tolerances: HashMap<Hedge, Decimal>,
    /// Every `let` so far, in order, so that a value can be worked out
    /// again with some of its inputs taken as exact.
    lets: Vec<LetRecord<'p>>,
    /// The document figures taken as exact (a point, not the interval
    /// their printing allows) in the evaluation under way: empty except
    /// while finding what a verdict within rounding rests on.
    exact_inputs: std::cell::RefCell<BTreeSet<FigureRef>>,
    /// While a `let` is worked out again: its position in `lets`, so that
    /// its names mean what they meant where it stands.
    as_of: std::cell::Cell<Option<usize>>,
}

/// One `let`: its name, its expression (`None` when it did not parse) and
/// its value (`None` when it failed).
struct LetRecord<'p> {
    name: &'p str,
    expr: Option<&'p Expr>,
    value: Option<Evaluated>,
}

impl<'p> Evaluator<'p> {
    fn new(pack: &'p LoadedPack, anchors: &'p AnchorCache) -> Evaluator<'p> {
        Evaluator {
            pack,
            anchors,
            words: std::cell::OnceCell::new(),
            tables: Default::default(),
            bindings: HashMap::new(),
            rounding: Rounding::HalfUp,
            hedge_tolerances: HashMap::new(),
            lets: Vec::new(),
            exact_inputs: Default::default(),
            as_of: std::cell::Cell::new(None),
        }
    }

    /// Carries out a statement that is not a claim: a `let`, a rounding
    /// convention, a hedge's reach. Returns the error it met, if any.
    fn declare(&mut self, statement: &'p Statement) -> Option<EvalError> {
        match statement {
            Statement::Let(binding) => {
                let value = self.expr(&binding.value);
                let error = value
                    .as_ref()
                    .err()
                    .filter(|e| !matches!(e.kind, EvalErrorKind::FailedName { .. }))
                    .cloned();
                let value = value.ok();
                self.lets.push(LetRecord {
                    name: &binding.name.name,
                    expr: Some(&binding.value),
                    value: value.clone(),
                });
                self.bindings.insert(binding.name.name.clone(), value);
                error
            }
            Statement::FailedLet { name, .. } => {
                self.lets.push(LetRecord {
                    name: &name.name,
                    expr: None,
                    value: None,
                });
                self.bindings.insert(name.name.clone(), None);
                None
            }
            Statement::Rounding { convention, .. } => {
                self.rounding = *convention;
                None
            }
            Statement::Hedge {
                phrase, tolerance, ..
            } => {
                let reach = self.expr(tolerance).and_then(|t| match t.quantity.unit {
                    Unit::Percent => Ok(t.quantity.value),
                    _ => Err(EvalError::new(
                        tolerance.span,
                        EvalErrorKind::Arguments("a hedge's reach is a percentage of the stated figure, as in `within 5%`".into()),
                    )),
                });
                match (reach, Hedge::from_phrase(&phrase.value)) {
                    (Ok(reach), Some(hedge)) => {
                        self.hedge_tolerances.insert(hedge, reach);
                        None
                    }
                    (Err(error), _) => Some(error),
                    (Ok(_), None) => None,
                }
            }
            // Expanded into claims when the pack is loaded
            // (`crate::lang::expand`); one that was not cannot be checked.
            Statement::For(for_loop) => Some(not_expanded(for_loop.span)),
            Statement::Claim(_) | Statement::ExpectMalformed { .. } => None,
        }
    }

    fn expr(&self, expr: &Expr) -> Result<Evaluated, EvalError> {
        match &expr.kind {
            ExprKind::Number { value, unit } => Ok(Evaluated::scalar(
                Quantity::exact(ratio_if_percent(*value, *unit), *unit),
                self.pack.rule_file.text[expr.span.range()].to_string(),
                ATOM,
                Vec::new(),
            )),
            ExprKind::Name(ident) if !self.exact_inputs.borrow().is_empty() => {
                self.name_with_exact_inputs(ident)
            }
            ExprKind::Name(ident) => match self.bindings.get(&ident.name) {
                Some(Some(value)) => Ok(self.named(value)),
                Some(None) => Err(EvalError::new(
                    ident.span,
                    EvalErrorKind::FailedName {
                        name: ident.name.clone(),
                    },
                )),
                None => Err(EvalError::new(
                    ident.span,
                    EvalErrorKind::UnknownName {
                        name: ident.name.clone(),
                        nearest: crate::tables::nearest_labels(
                            &ident.name,
                            self.bindings.keys().map(String::as_str),
                        )
                        .into_iter()
                        .next(),
                    },
                )),
            },
            ExprKind::Anchor(anchor) => self.anchor(anchor, expr.span),
            ExprKind::List(_) => Err(not_expanded(expr.span)),
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
            ExprKind::Binary {
                op,
                op_span,
                lhs,
                rhs,
            } => self.binary(*op, *op_span, lhs, rhs),
            ExprKind::Call {
                function,
                function_span,
                args,
            } => self.call(*function, *function_span, args, expr.span),
        }
    }

    /// A document figure as a quantity: the interval its printing allows,
    /// or only its value while it is taken as exact.
    fn figure_quantity(&self, figure: &Figure, reference: &FigureRef) -> Quantity {
        let quantity = figure_quantity(figure);
        if self.exact_inputs.borrow().contains(reference) {
            return Quantity::exact(quantity.value, quantity.unit);
        }
        quantity
    }

    /// A `let` name while some figures are taken as exact: a binding that
    /// read one of them is worked out again, with the names it uses as
    /// they were where it stands; any other keeps its value.
    fn name_with_exact_inputs(&self, ident: &Ident) -> Result<Evaluated, EvalError> {
        let before = self.as_of.get().unwrap_or(self.lets.len());
        let failed = || {
            EvalError::new(
                ident.span,
                EvalErrorKind::FailedName {
                    name: ident.name.clone(),
                },
            )
        };
        let found = self
            .lets
            .get(..before)
            .unwrap_or_default()
            .iter()
            .enumerate()
            .rev()
            .find(|(_, l)| l.name == ident.name);
        let Some((position, record)) = found else {
            return Err(failed());
        };
        let (Some(value), Some(expr)) = (&record.value, record.expr) else {
            return Err(failed());
        };
        let reads_exact = {
            let exact = self.exact_inputs.borrow();
            value.inputs.iter().any(|i| exact.contains(i))
        };
        if !reads_exact {
            return Ok(self.named(value));
        }
        let outer = self.as_of.replace(Some(position));
        let again = self.expr(expr);
        self.as_of.set(outer);
        Ok(self.named(&again?))
    }

    /// A `let` name used in an expression: a figure shows as printed, a
    /// computed value shows as its value.
    fn named(&self, value: &Evaluated) -> Evaluated {
        let mut named = value.clone();
        named.working = match (&value.figure, &value.high_figure, &value.high) {
            (Some((low, low_figure)), Some((_, high_figure)), _) => {
                let span = low_figure.span.join(high_figure.span);
                self.pack
                    .documents
                    .get(&low.document)
                    .and_then(|d| d.source.text.get(span.range()))
                    .unwrap_or_default()
                    .to_string()
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
        let key = cache_key(anchor, span);
        let cached = self.anchors.found.borrow().get(&key).cloned();
        let found = cached.unwrap_or_else(|| {
            let found = match anchor {
                Anchor::Items { heading, .. } => {
                    anchor::count_items(document, document_name, &heading.value).map(Found::Items)
                }
                Anchor::Text { pattern, .. } => {
                    let no_words = words::WordHits::default();
                    let words = self
                        .words
                        .get_or_init(|| find_anchor_words(self.pack))
                        .get(document_name)
                        .unwrap_or(&no_words);
                    anchor::resolve_text(document, document_name, &pattern.value, words)
                        .map(Found::Figures)
                }
                Anchor::Cell {
                    table,
                    row,
                    column,
                    pick,
                    ..
                } => self
                    .table(document, document_name, &table.value)
                    .and_then(|table| {
                        anchor::resolve_cell(
                            document,
                            document_name,
                            table,
                            &row.value,
                            column,
                            pick.as_ref(),
                        )
                    })
                    .map(Found::Figures),
            };
            self.anchors.found.borrow_mut().insert(key, found.clone());
            found
        });
        let found = match found.map_err(|kind| EvalError::new(span, kind))? {
            Found::Items(count) => {
                let working = format!("{count} items listed after “{}”", anchor_heading(anchor));
                return Ok(Evaluated::scalar(
                    Quantity::exact(Decimal::from(count), Unit::Number),
                    working,
                    ATOM,
                    Vec::new(),
                ));
            }
            Found::Figures(found) => found,
        };
        let reference = |index| FigureRef {
            document: document_name.clone(),
            index,
        };
        match found {
            // A nil cell is read from the document but is no figure of it:
            // an exact zero with no input to point at.
            Anchored::Nil(unit) => Ok(Evaluated::scalar(
                Quantity::exact(Decimal::ZERO, unit),
                "-".to_string(),
                ATOM,
                Vec::new(),
            )),
            Anchored::Figure(index) => {
                let figure = anchor::in_context(document, index).ok_or_else(|| gone(span))?;
                Ok(Evaluated {
                    figure: Some((reference(index), figure.clone())),
                    ..Evaluated::scalar(
                        self.figure_quantity(&figure, &reference(index)),
                        as_worked(&figure),
                        ATOM,
                        vec![reference(index)],
                    )
                })
            }
            Anchored::Range(range) => {
                let range = document
                    .figures
                    .ranges
                    .get(range)
                    .ok_or_else(|| gone(span))?;
                let low = anchor::in_context(document, range.low).ok_or_else(|| gone(span))?;
                let high = anchor::in_context(document, range.high).ok_or_else(|| gone(span))?;
                Ok(Evaluated {
                    quantity: self.figure_quantity(&low, &reference(range.low)),
                    high: Some(self.figure_quantity(&high, &reference(range.high))),
                    working: document.source.text[range.span.range()].to_string(),
                    precedence: ATOM,
                    figure: Some((reference(range.low), low)),
                    high_figure: Some((reference(range.high), high)),
                    inputs: vec![reference(range.low), reference(range.high)],
                })
            }
        }
    }

    /// The table of `document` that `query` names, found once per pack
    /// however many cells are read from it.
    fn table<'d>(
        &self,
        document: &'d Document,
        name: &str,
        query: &str,
    ) -> Result<&'d crate::tables::Table, EvalErrorKind> {
        let key = (name.to_string(), query.to_string());
        let cached = self.tables.borrow().get(&key).cloned();
        let found = cached.unwrap_or_else(|| {
            let found = anchor::find_table(document, query);
            self.tables.borrow_mut().insert(key, found.clone());
            found
        })?;
        document
            .tables
            .get(found)
            .ok_or_else(|| EvalErrorKind::Arguments(format!("no table {found} in `{name}`")))
    }

    fn document(&self, name: &str, span: Span) -> Result<&Document, EvalError> {
        self.pack
            .documents
            .get(name)
            .map(Arc::as_ref)
            .ok_or_else(|| {
                EvalError::new(
                    span,
                    EvalErrorKind::UnknownDocument {
                        name: name.to_string(),
                        known: self.pack.documents.keys().cloned().collect(),
                    },
                )
            })
    }

    fn binary(
        &self,
        op: BinaryOp,
        op_span: Span,
        lhs: &Expr,
        rhs: &Expr,
    ) -> Result<Evaluated, EvalError> {
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
}

fn anchor_heading(anchor: &Anchor) -> &str {
    match anchor {
        Anchor::Items { heading, .. } => &heading.value,
        _ => "",
    }
}

fn bracket(value: &Evaluated, at_least: u8) -> String {
    if value.precedence < at_least {
        format!("({})", value.working)
    } else {
        value.working.clone()
    }
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

#[cfg(test)]
mod tests;
