//! Whole-table rules, expanded when the pack's documents are loaded.
//!
//! ```text
//! for row in bands.rows("Band A" to "Band H")
//!   claim "{row}: weekly change is yearly change / 52"
//!     bands.cell(row, "Weekly change") == bands.cell(row, "Yearly change") / 52
//!     expect discrepancy for "Band F" "61p" "reason"
//! ```
//!
//! becomes one ordinary claim per row of the table from `Band A` to
//! `Band H` that holds figures: the loop's variable is replaced, wherever
//! the claim uses it as a label, by the label that finds that row (and only
//! it), and `{row}` in the title by the same label (a title without the
//! placeholder gets ` (label)` added), so that each claim has its own id,
//! verdict and diagnostic, and every report, `explain` and the mutation
//! score treat it as any other claim. An expectation `for` some rows goes
//! to their claims only.
//!
//! A loop that cannot be expanded (no such document or table, a label of
//! its range that finds no row, a range that runs backwards or holds no
//! figure, an expectation for a row the loop does not have) is an error at
//! the loop, with its place: it yields no claims, and `check` exits 2.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::ast::{
    Anchor, Axis, Claim, ColumnRef, Expectation, Expr, ExprKind, ForBody, ForLoop, Ident, Pack,
    Statement, Text,
};
use super::error::ParseError;
use super::MAX_CLAIMS_PER_PACK;
use crate::eval::{EvalError, EvalErrorKind};
use crate::load::Document;
use crate::span::Span;
use crate::tables::{LabelError, Lookup, Picked};

/// Replaces each `for` of the pack by the claims it stands for, and
/// returns the errors of those that cannot be expanded.
pub fn expand(pack: &mut Pack, documents: &BTreeMap<String, Arc<Document>>) -> Vec<ParseError> {
    let statements = std::mem::take(&mut pack.statements);
    let mut expansion = Expansion {
        documents,
        claims: statements
            .iter()
            .filter(|s| matches!(s, Statement::Claim(_)))
            .count(),
        errors: Vec::new(),
        statements: Vec::with_capacity(statements.len()),
    };
    for statement in statements {
        match statement {
            Statement::For(for_loop) => expansion.for_loop(*for_loop),
            other => expansion.statements.push(other),
        }
    }
    pack.statements = expansion.statements;
    expansion.errors
}

struct Expansion<'d> {
    documents: &'d BTreeMap<String, Arc<Document>>,
    /// Claims in the pack so far, against [`MAX_CLAIMS_PER_PACK`].
    claims: usize,
    errors: Vec<ParseError>,
    statements: Vec<Statement>,
}

/// One `for` of a nest, with the rows (or columns) it runs over.
struct Level {
    variable: Ident,
    axis: Axis,
    uses: Vec<Span>,
    picked: Vec<Picked>,
}

/// An `expect discrepancy for …`: the rows it is for, as (level, index).
struct Pinned {
    expectation: Expectation,
    iterations: Vec<(usize, usize)>,
}

impl Expansion<'_> {
    fn for_loop(&mut self, outer: ForLoop) {
        let span = outer.span;
        let mut levels = Vec::new();
        let mut current = outer;
        let (claim, expectations) = loop {
            let ForLoop {
                variable,
                document,
                table,
                axis,
                labels,
                body,
                uses,
                span,
            } = current;
            match self.pick(&document, &table, axis, &labels, span) {
                Ok(picked) => levels.push(Level {
                    variable,
                    axis,
                    uses,
                    picked,
                }),
                Err(error) => {
                    self.errors.push(error);
                    return;
                }
            }
            match body {
                ForBody::For(inner) => current = *inner,
                ForBody::Claim {
                    claim,
                    expectations,
                } => break (claim, expectations),
            }
        };
        let (general, pinned) = self.expectations(&levels, expectations);
        let mut at = vec![0; levels.len()];
        let mut clashes = Vec::new();
        loop {
            if self.claims >= MAX_CLAIMS_PER_PACK {
                self.errors.push(ParseError::limit(
                    span,
                    format!("a pack may state at most {MAX_CLAIMS_PER_PACK} claims, and this `for` makes more: choose fewer rows, or split the pack"),
                ));
                return;
            }
            let mut claim = claim.clone();
            for (level, &index) in levels.iter().zip(&at) {
                if let Some(picked) = level.picked.get(index) {
                    substitute(&mut claim, level, picked);
                }
            }
            let mut applying = pinned.iter().filter(|p| {
                p.iterations
                    .iter()
                    .any(|&(level, index)| at.get(level) == Some(&index))
            });
            claim.expectation = match (applying.next(), applying.next()) {
                (Some(first), second) => {
                    if let Some(second) = second {
                        if !clashes.contains(&second.expectation.span) {
                            clashes.push(second.expectation.span);
                            self.errors.push(table_rule(
                                second.expectation.span,
                                format!(
                                    "two expectations are for the claim \"{}\": give each row one",
                                    claim.title.value
                                ),
                            ));
                        }
                    }
                    Some(first.expectation.clone())
                }
                (None, _) => general.clone(),
            };
            self.statements.push(Statement::Claim(claim));
            self.claims += 1;
            if !advance(&mut at, &levels) {
                break;
            }
        }
    }

    /// The rows (columns) a `for` runs over.
    fn pick(
        &self,
        document: &Ident,
        table: &Text,
        axis: Axis,
        labels: &super::ast::Labels,
        span: Span,
    ) -> Result<Vec<Picked>, ParseError> {
        let Some(found) = self.documents.get(&document.name) else {
            return Err(from_eval(EvalError::new(
                document.span,
                EvalErrorKind::UnknownDocument {
                    name: document.name.clone(),
                    known: self.documents.keys().cloned().collect(),
                },
            )));
        };
        let index = crate::eval::find_table(found, &table.value)
            .map_err(|kind| from_eval(EvalError::new(table.span, kind)))?;
        let Some(table) = found.tables.get(index) else {
            return Err(table_rule(
                table.span,
                "this table is not in the document".into(),
            ));
        };
        crate::eval::select(found, table, axis, labels, span).map_err(from_eval)
    }

    /// The expectation for every row, and those for some, with the rows
    /// each names. Errors for labels that name no row of the loops.
    fn expectations(
        &mut self,
        levels: &[Level],
        expectations: Vec<Expectation>,
    ) -> (Option<Expectation>, Vec<Pinned>) {
        let mut general: Option<Expectation> = None;
        let mut pinned = Vec::new();
        for expectation in expectations {
            if expectation.only_for.is_empty() {
                if general.is_some() {
                    self.errors.push(table_rule(
                        expectation.span,
                        "a claim in a `for` has one expectation for every row; name the rows of the others with `expect discrepancy for \"…\"`".into(),
                    ));
                } else {
                    general = Some(expectation);
                }
                continue;
            }
            let mut iterations = Vec::new();
            for label in &expectation.only_for {
                match self.iterations_named(levels, label) {
                    Ok(found) => iterations.extend(found),
                    Err(error) => self.errors.push(error),
                }
            }
            pinned.push(Pinned {
                expectation,
                iterations,
            });
        }
        (general, pinned)
    }

    /// The (level, index) of each row or column of the loops that `label`
    /// names, as `cell(…)` would find it among them.
    fn iterations_named(
        &self,
        levels: &[Level],
        label: &Text,
    ) -> Result<Vec<(usize, usize)>, ParseError> {
        let mut found = Vec::new();
        let mut nearest = Vec::new();
        for (level_index, level) in levels.iter().enumerate() {
            let labels = level
                .picked
                .iter()
                .enumerate()
                .map(|(i, p)| (i, p.label.as_str()));
            match Lookup::unique(&label.value, labels) {
                Ok(index) => found.push((level_index, index)),
                Err(LabelError::Ambiguous { matches }) => {
                    return Err(from_eval(EvalError::new(
                        label.span,
                        EvalErrorKind::Label {
                            what: level.axis.singular(),
                            query: label.value.clone(),
                            nearest: matches,
                            ambiguous: true,
                        },
                    )))
                }
                Err(LabelError::NotFound { nearest: near }) => nearest.extend(near),
            }
        }
        if found.is_empty() {
            let what = levels.first().map_or("row", |l| l.axis.singular());
            let mut error = table_rule(
                label.span,
                format!(
                    "\"{}\" names no {what} of this `for`, so the expectation is for nothing",
                    label.value
                ),
            );
            nearest.truncate(3);
            if !nearest.is_empty() {
                error.help = Some(format!("the nearest are: {}", quoted(&nearest)));
            }
            return Err(error);
        }
        Ok(found)
    }
}

/// Moves `at` to the next combination of the loops' rows, the innermost
/// fastest; `false` after the last.
fn advance(at: &mut [usize], levels: &[Level]) -> bool {
    for (index, level) in at.iter_mut().zip(levels).rev() {
        *index += 1;
        if *index < level.picked.len() {
            return true;
        }
        *index = 0;
    }
    false
}

/// Puts `picked`'s label where the claim uses the loop's variable, and in
/// its title.
fn substitute(claim: &mut Claim, level: &Level, picked: &Picked) {
    let mut replace = |text: &mut Text| {
        if level.uses.contains(&text.span) {
            text.value.clone_from(&picked.label);
        }
    };
    each_label(&mut claim.stated, &mut replace);
    each_label(&mut claim.computed, &mut replace);
    if let Some(tolerance) = &mut claim.tolerance {
        each_label(tolerance, &mut replace);
    }
    let placeholder = format!("{{{}}}", level.variable.name);
    let title = &mut claim.title.value;
    if title.contains(&placeholder) {
        *title = title.replace(&placeholder, &picked.label);
    } else {
        title.push_str(&format!(" ({})", picked.label));
    }
}

/// Calls `f` on every label of the expression's anchors and lists.
fn each_label(expr: &mut Expr, f: &mut impl FnMut(&mut Text)) {
    match &mut expr.kind {
        ExprKind::Anchor(Anchor::Cell {
            table, row, column, ..
        }) => {
            f(table);
            f(row);
            if let ColumnRef::Label(label) = column {
                f(label);
            }
        }
        ExprKind::Anchor(Anchor::Items { heading, .. }) => f(heading),
        ExprKind::Anchor(Anchor::Text { .. }) | ExprKind::Number { .. } | ExprKind::Name(_) => {}
        ExprKind::List(list) => {
            f(&mut list.table);
            f(&mut list.label);
            match &mut list.labels {
                super::ast::Labels::All { .. } => {}
                super::ast::Labels::Range { from, to } => {
                    f(from);
                    f(to);
                }
                super::ast::Labels::List(labels) => labels.iter_mut().for_each(f),
            }
        }
        ExprKind::Negate(operand) => each_label(operand, f),
        ExprKind::Binary { lhs, rhs, .. } => {
            each_label(lhs, f);
            each_label(rhs, f);
        }
        ExprKind::Call { args, .. } => args.iter_mut().for_each(|a| each_label(a, f)),
    }
}

fn table_rule(span: Span, message: String) -> ParseError {
    ParseError::table(span, message, "vd::rule::table_rule", None)
}

/// An error of looking a table or label up, as an error of the pack.
fn from_eval(error: EvalError) -> ParseError {
    ParseError::table(error.span, error.to_string(), error.code(), error.help())
}

fn quoted(labels: &[String]) -> String {
    labels
        .iter()
        .map(|l| format!("\"{l}\""))
        .collect::<Vec<_>>()
        .join(", ")
}
