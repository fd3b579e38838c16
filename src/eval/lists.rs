//! Rows and columns chosen by their labels: the lists of `sum`, `min` and
//! `max` (`sum(budget.column("£'000", "Staff" to "Premises"))`), read as
//! one cell anchor per figure, and the errors of a choice that finds
//! nothing it can use, shared with the expansion of whole-table rules.

use crate::lang::ast::{Anchor, Axis, CellList, ColumnRef, Expr, ExprKind, Text};
use crate::lang::choose;
use crate::lang::limits::MAX_LIST_FIGURES;
use crate::span::Span;
use crate::tables::LookupError;

use super::error::{EvalError, EvalErrorKind};
use super::evaluator::Evaluator;

impl Evaluator<'_> {
    /// The cells a list reads, as anchors: one expression per figure, each
    /// with the list's span in the rule.
    pub(super) fn list_cells(&self, list: &CellList, span: Span) -> Result<Vec<Expr>, EvalError> {
        let name = &list.document.name;
        let document = self.document(name, list.document.span)?;
        let table = self
            .table(document, name, &list.table.value)
            .map_err(|kind| EvalError::new(span, kind))?;
        // `column(label, rows)` reads down a column, so chooses rows.
        let chosen_axis = match list.along {
            Axis::Columns => Axis::Rows,
            Axis::Rows => Axis::Columns,
        };
        let picked = choose(&document.figures, table, chosen_axis, &list.labels, span)
            .map_err(|e| EvalError::new(e.span, e.error.into()))?;
        if picked.len() > MAX_LIST_FIGURES {
            return Err(EvalError::new(
                span,
                EvalErrorKind::Table(LookupError::Choice(format!(
                    "this list reads {} figures, and a list may read at most {MAX_LIST_FIGURES}: choose a range",
                    picked.len()
                ))),
            ));
        }
        Ok(picked
            .into_iter()
            .map(|p| {
                let (row, column) = match list.along {
                    Axis::Columns => (
                        Text {
                            value: p.label,
                            span: list.label.span,
                        },
                        ColumnRef::Label(list.label.clone()),
                    ),
                    Axis::Rows => (
                        list.label.clone(),
                        ColumnRef::Label(Text {
                            value: p.label,
                            span: list.label.span,
                        }),
                    ),
                };
                let anchor = Anchor::Cell {
                    document: list.document.clone(),
                    table: list.table.clone(),
                    row,
                    column,
                    pick: None,
                };
                Expr {
                    kind: ExprKind::Anchor(anchor),
                    span,
                }
            })
            .collect())
    }

    /// The arguments of a call with each list put as its cells.
    pub(super) fn spread<'e>(
        &self,
        args: &'e [Expr],
    ) -> Result<std::borrow::Cow<'e, [Expr]>, EvalError> {
        if !args.iter().any(|a| matches!(a.kind, ExprKind::List(_))) {
            return Ok(std::borrow::Cow::Borrowed(args));
        }
        let mut spread = Vec::with_capacity(args.len());
        for arg in args {
            match &arg.kind {
                ExprKind::List(list) => spread.extend(self.list_cells(list, arg.span)?),
                _ => spread.push(arg.clone()),
            }
        }
        Ok(std::borrow::Cow::Owned(spread))
    }
}
