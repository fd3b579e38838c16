//! Rows and columns chosen by their labels: the lists of `sum`, `min` and
//! `max` (`sum(budget.column("£'000", "Staff" to "Premises"))`), read as
//! one cell anchor per figure, and the errors of a choice that finds
//! nothing it can use, shared with the expansion of whole-table rules.

use super::anchor::label_error;
use super::{EvalError, EvalErrorKind, Evaluator};
use crate::lang::ast::{Anchor, Axis, CellList, ColumnRef, Expr, ExprKind, Labels, Text};
use crate::lang::MAX_LIST_FIGURES;
use crate::load::Document;
use crate::span::Span;
use crate::tables::{Picked, SelectError, Selection, Table};

/// Chooses the rows (`Axis::Rows`) or columns of `table` that `labels`
/// name. An error points at the label at fault, or else at `whole`.
pub fn select(
    document: &Document,
    table: &Table,
    axis: Axis,
    labels: &Labels,
    whole: Span,
) -> Result<Vec<Picked>, EvalError> {
    let texts: Vec<&Text> = match labels {
        Labels::All { .. } => Vec::new(),
        Labels::Range { from, to } => vec![from, to],
        Labels::List(list) => list.iter().collect(),
    };
    let queries: Vec<&str> = texts.iter().map(|t| t.value.as_str()).collect();
    let selection = match (labels, queries.as_slice()) {
        (Labels::Range { .. }, [from, to]) => Selection::Range { from, to },
        (Labels::List(_), list) => Selection::List(list),
        _ => Selection::All,
    };
    let picked = match axis {
        Axis::Rows => table.select_rows(selection, &document.figures),
        Axis::Columns => table.select_columns(selection, &document.figures),
    };
    picked.map_err(|error| {
        let what = axis.singular();
        let labels_span = texts.iter().map(|t| t.span).reduce(Span::join);
        let span = match &error {
            SelectError::Label { query, .. } => texts.get(*query).map_or(whole, |t| t.span),
            _ => labels_span.unwrap_or(whole),
        };
        let kind = match error {
            SelectError::Label { query, error } => {
                label_error(what, queries.get(query).copied().unwrap_or_default(), error)
            }
            SelectError::Backwards { from, to } => EvalErrorKind::TableRule(format!(
                "this range of {what}s runs backwards: \"{to}\" comes before \"{from}\" in the table; write \"{to}\" to \"{from}\""
            )),
            SelectError::Empty => EvalErrorKind::TableRule(match labels {
                Labels::All { .. } => format!("no {what} of this table holds a figure"),
                _ => format!("no {what} in this range holds a figure"),
            }),
            SelectError::Unaddressable { label, .. } if label.is_empty() => {
                EvalErrorKind::TableRule(format!(
                    "a {what} with figures here has no label to find it by: name the {what}s in a list"
                ))
            }
            SelectError::Unaddressable { label, found } => {
                let finds = if found.len() > 1 {
                    format!("finds {} {what}s ({})", found.len(), quoted(&found))
                } else {
                    format!("finds another {what} first")
                };
                EvalErrorKind::TableRule(format!(
                    "the {what} \"{label}\" cannot be read on its own: its label {finds}; name the {what}s in a list of labels that each find one"
                ))
            }
        };
        EvalError::new(span, kind)
    })
}

fn quoted(labels: &[String]) -> String {
    labels
        .iter()
        .map(|l| format!("\"{l}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

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
        let picked = select(document, table, chosen_axis, &list.labels, span)?;
        if picked.len() > MAX_LIST_FIGURES {
            return Err(EvalError::new(
                span,
                EvalErrorKind::TableRule(format!(
                    "this list reads {} figures, and a list may read at most {MAX_LIST_FIGURES}: choose a range",
                    picked.len()
                )),
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
