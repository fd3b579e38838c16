//! The evaluator: names bound by `let`, anchors resolved to figures
//! (each once, through an [`AnchorCache`]), and expressions computed.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::document::{figure_in_context, Document};
use crate::figures::{Figure, Hedge};
use crate::format;
use crate::lang::ast::{Anchor, BinaryOp, Expr, ExprKind, Ident, Rounding, Statement};
use crate::pack::{FigureRef, LoadedPack};
use crate::span::Span;
use crate::units::Unit;

use super::anchor::{self, Anchored};
use super::error::{EvalError, EvalErrorKind};
use super::evaluated::{
    as_worked, bracket, figure_quantity, quantity_error, ratio_if_percent, Evaluated, ATOM,
    PRODUCT, SUM,
};
use super::quantity::Quantity;
use super::words::{self, find_anchor_words};

/// The error for an anchor whose figure is not in its document: never met,
/// since anchors are resolved in the document they read, but reported
/// rather than trusted.
pub(super) fn gone(span: Span) -> EvalError {
    EvalError::new(
        span,
        EvalErrorKind::Arguments("the anchored figure is not in the document".into()),
    )
}

/// The error for a whole-table rule or list met unexpanded: never met when
/// the pack is loaded by [`crate::pack::load_pack`], which expands them.
pub(super) fn not_expanded(span: Span) -> EvalError {
    EvalError::new(
        span,
        EvalErrorKind::Arguments(
            "this whole-table rule was not expanded on its document's table".into(),
        ),
    )
}

/// Where each anchor of a pack found its figure, keyed by the anchor's span
/// in the rule file and, for a cell, its labels: the claims a whole-table
/// rule expands into share their anchors' spans. Re-evaluating a pack whose documents changed only in
/// the digits of a figure (the mutation score) reuses it, so the anchors are
/// not searched again.
#[derive(Debug, Default)]
pub struct AnchorCache {
    pub(super) found: std::cell::RefCell<HashMap<(Span, String), Result<Found, EvalErrorKind>>>,
}

/// An anchor's key in an [`AnchorCache`].
pub(super) fn cache_key(anchor: &Anchor, span: Span) -> (Span, String) {
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
pub(super) enum Found {
    Figures(Anchored),
    /// `items(…)`: the number of items.
    Items(usize),
}

pub(super) struct Evaluator<'p> {
    pub(super) pack: &'p LoadedPack,
    pub(super) anchors: &'p AnchorCache,
    /// Where the key words of the pack's text anchors occur, per document;
    /// found at the first anchor not already in `anchors`.
    pub(super) words: std::cell::OnceCell<HashMap<String, words::WordHits>>,
    /// The tables that (document name, query) found, or why none.
    pub(super) tables: std::cell::RefCell<HashMap<(String, String), Result<usize, EvalErrorKind>>>,
    /// `None` for a binding whose evaluation failed.
    pub(super) bindings: HashMap<String, Option<Evaluated>>,
    /// The rounding convention declared for the claims that follow.
    pub(super) rounding: Rounding,
    /// Tolerances a pack sets for hedge words, as fractions.
    pub(super) hedge_tolerances: HashMap<Hedge, Decimal>,
    /// Every `let` so far, in order, so that a value can be worked out
    /// again with some of its inputs taken as exact.
    pub(super) lets: Vec<LetRecord<'p>>,
    /// The document figures taken as exact (a point, not the interval
    /// their printing allows) in the evaluation under way: empty except
    /// while finding what a verdict within rounding rests on.
    pub(super) exact_inputs: std::cell::RefCell<BTreeSet<FigureRef>>,
    /// While a `let` is worked out again: its position in `lets`, so that
    /// its names mean what they meant where it stands.
    pub(super) as_of: std::cell::Cell<Option<usize>>,
}

/// One `let`: its name, its expression (`None` when it did not parse) and
/// its value (`None` when it failed).
pub(super) struct LetRecord<'p> {
    pub(super) name: &'p str,
    pub(super) expr: Option<&'p Expr>,
    pub(super) value: Option<Evaluated>,
}

impl<'p> Evaluator<'p> {
    pub(super) fn new(pack: &'p LoadedPack, anchors: &'p AnchorCache) -> Evaluator<'p> {
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
    pub(super) fn declare(&mut self, statement: &'p Statement) -> Option<EvalError> {
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

    pub(super) fn expr(&self, expr: &Expr) -> Result<Evaluated, EvalError> {
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
    pub(super) fn figure_quantity(&self, figure: &Figure, reference: &FigureRef) -> Quantity {
        let quantity = figure_quantity(figure);
        if self.exact_inputs.borrow().contains(reference) {
            return Quantity::exact(quantity.value, quantity.unit);
        }
        quantity
    }

    /// A `let` name while some figures are taken as exact: a binding that
    /// read one of them is worked out again, with the names it uses as
    /// they were where it stands; any other keeps its value.
    pub(super) fn name_with_exact_inputs(&self, ident: &Ident) -> Result<Evaluated, EvalError> {
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
    pub(super) fn named(&self, value: &Evaluated) -> Evaluated {
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

    pub(super) fn anchor(&self, anchor: &Anchor, span: Span) -> Result<Evaluated, EvalError> {
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
                "nil".to_string(),
                ATOM,
                Vec::new(),
            )),
            Anchored::Figure(index) => {
                let figure = figure_in_context(document, index).ok_or_else(|| gone(span))?;
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
                let low = figure_in_context(document, range.low).ok_or_else(|| gone(span))?;
                let high = figure_in_context(document, range.high).ok_or_else(|| gone(span))?;
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
    pub(super) fn table<'d>(
        &self,
        document: &'d Document,
        name: &str,
        query: &str,
    ) -> Result<&'d crate::tables::Table, EvalErrorKind> {
        let key = (name.to_string(), query.to_string());
        let cached = self.tables.borrow().get(&key).cloned();
        let found = cached.unwrap_or_else(|| {
            let found = document.find_table(query).map_err(EvalErrorKind::from);
            self.tables.borrow_mut().insert(key, found.clone());
            found
        })?;
        document
            .tables
            .get(found)
            .ok_or_else(|| EvalErrorKind::Arguments(format!("no table {found} in `{name}`")))
    }

    pub(super) fn document(&self, name: &str, span: Span) -> Result<&Document, EvalError> {
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

    pub(super) fn binary(
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

pub(super) fn anchor_heading(anchor: &Anchor) -> &str {
    match anchor {
        Anchor::Items { heading, .. } => &heading.value,
        _ => "",
    }
}
