//! One claim's derivation as a tree, for `vd-audit explain`: every
//! sub-expression of the stated and computed sides with its value and the
//! interval it may lie in, down to the document figures and the rule's
//! constants.

use super::error::EvalError;
use super::evaluated::Evaluated;
use super::evaluator::{AnchorCache, Evaluator};
use super::quantity::Quantity;
use crate::figures::Figure;
use crate::lang::ast::{Anchor, Claim, ColumnRef, Expr, ExprKind, Rounding, Statement};
use crate::pack::FigureRef;
use crate::pack::LoadedPack;

/// One step of a derivation.
#[derive(Clone, Debug)]
pub struct Step {
    /// The rule text of this step, as written.
    pub rule: String,
    /// Its value (the low end, for a range) and interval.
    pub value: Quantity,
    /// The high end, for a range.
    pub high: Option<Quantity>,
    /// The step as the working shows it: `261,749 / 6`.
    pub working: String,
    /// The document figure this step reads, as its table column qualifies it.
    pub figure: Option<(FigureRef, Figure)>,
    /// The high end's figure, for a range.
    pub high_figure: Option<(FigureRef, Figure)>,
    /// What the step is computed from; for a name, the `let` it names.
    pub children: Vec<Step>,
}

/// A claim's two sides, and what judged them.
#[derive(Clone, Debug)]
pub struct Derivation {
    pub stated: Step,
    pub computed: Step,
    pub tolerance: Option<Step>,
    /// The rounding convention in force for the claim.
    pub rounding: Rounding,
}

/// The derivation of the pack's claim number `index` (counting claims only),
/// evaluated with the bindings, rounding and hedges in force where it stands.
/// `None` when the pack has no such claim.
pub fn derive(pack: &LoadedPack, index: usize) -> Option<Result<Derivation, EvalError>> {
    let anchors = AnchorCache::default();
    let mut evaluator = Evaluator::new(pack, &anchors);
    let mut claims = 0;
    for statement in &pack.ast.statements {
        let Statement::Claim(claim) = statement else {
            evaluator.declare(statement);
            continue;
        };
        if claims == index {
            return Some(evaluator.derivation(claim));
        }
        claims += 1;
    }
    None
}

impl Evaluator<'_> {
    fn derivation(&self, claim: &Claim) -> Result<Derivation, EvalError> {
        let before = claim.span.start;
        Ok(Derivation {
            stated: self.step(&claim.stated, before)?,
            computed: self.step(&claim.computed, before)?,
            tolerance: claim
                .tolerance
                .as_ref()
                .map(|t| self.step(t, before))
                .transpose()?,
            rounding: self.rounding,
        })
    }

    /// The step for `expr` and, recursively, for what it is computed from.
    /// `before` is where the claim stands: a name means the last `let` of
    /// it before there.
    fn step(&self, expr: &Expr, before: usize) -> Result<Step, EvalError> {
        let value: Evaluated = self.expr(expr)?;
        let children = match &expr.kind {
            ExprKind::Binary { lhs, rhs, .. } => {
                vec![self.step(lhs, before)?, self.step(rhs, before)?]
            }
            ExprKind::Negate(operand) => vec![self.step(operand, before)?],
            ExprKind::Call { args, .. } => {
                let mut children = Vec::with_capacity(args.len());
                for arg in args {
                    let ExprKind::List(list) = &arg.kind else {
                        children.push(self.step(arg, before)?);
                        continue;
                    };
                    // Each figure of a list, named by its cell.
                    for cell in self.list_cells(list, arg.span)? {
                        let mut step = self.step(&cell, before)?;
                        if let ExprKind::Anchor(Anchor::Cell { row, column, .. }) = &cell.kind {
                            let column = match column {
                                ColumnRef::Label(label) => format!("{:?}", label.value),
                                ColumnRef::Position { number, .. } => number.to_string(),
                            };
                            step.rule = format!("cell({:?}, {column})", row.value);
                        }
                        children.push(step);
                    }
                }
                children
            }
            ExprKind::Name(ident) => match self.binding(&ident.name, before) {
                Some(bound) => vec![self.step(bound, bound.span.start)?],
                None => Vec::new(),
            },
            ExprKind::Number { .. } | ExprKind::Anchor(_) | ExprKind::List(_) => Vec::new(),
        };
        Ok(Step {
            rule: self
                .pack
                .rule_file
                .text
                .get(expr.span.range())
                .unwrap_or_default()
                .to_string(),
            value: value.quantity,
            high: value.high,
            working: value.working,
            figure: value.figure,
            high_figure: value.high_figure,
            children,
        })
    }

    /// The expression of the last `let name = …` before `before`.
    fn binding(&self, name: &str, before: usize) -> Option<&Expr> {
        self.pack.ast.statements.iter().rev().find_map(|s| match s {
            Statement::Let(binding) if binding.name.name == name && binding.span.start < before => {
                Some(&binding.value)
            }
            _ => None,
        })
    }
}
