//! The rows or columns a list of labels chooses from a table: the rows of
//! a whole-table rule (`for row in t.rows("Band A" to "Band H")`), which
//! are expanded when a pack is loaded, and the lists of `sum`, `min` and
//! `max` (`sum(t.column("£'000", "Staff" to "Premises"))`), read when it is
//! evaluated. Both report a choice that finds nothing the same way.

use crate::figures::Figures;
use crate::span::Span;
use crate::tables::{
    label_error, quoted_labels, LookupError, Picked, SelectError, Selection, Table,
};

use super::ast::{Axis, Labels, Text};

/// A choice that found nothing it can use, with the label at fault, or
/// the whole list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChoiceError {
    pub span: Span,
    pub error: LookupError,
}

/// Chooses the rows (`Axis::Rows`) or columns of `table` that `labels`
/// name. An error points at the label at fault, or else at `whole`.
pub fn choose(
    figures: &Figures,
    table: &Table,
    axis: Axis,
    labels: &Labels,
    whole: Span,
) -> Result<Vec<Picked>, ChoiceError> {
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
        Axis::Rows => table.select_rows(selection, figures),
        Axis::Columns => table.select_columns(selection, figures),
    };
    picked.map_err(|error| {
        let what = axis.singular();
        let labels_span = texts.iter().map(|t| t.span).reduce(Span::join);
        let span = match &error {
            SelectError::Label { query, .. } => texts.get(*query).map_or(whole, |t| t.span),
            _ => labels_span.unwrap_or(whole),
        };
        let error = match error {
            SelectError::Label { query, error } => {
                label_error(what, queries.get(query).copied().unwrap_or_default(), error)
            }
            SelectError::Backwards { from, to } => LookupError::Choice(format!(
                "this range of {what}s runs backwards: \"{to}\" comes before \"{from}\" in the table; write \"{to}\" to \"{from}\""
            )),
            SelectError::Empty => LookupError::Choice(match labels {
                Labels::All { .. } => format!("no {what} of this table holds a figure"),
                _ => format!("no {what} in this range holds a figure"),
            }),
            SelectError::Unaddressable { label, .. } if label.is_empty() => {
                LookupError::Choice(format!(
                    "a {what} with figures here has no label to find it by: name the {what}s in a list"
                ))
            }
            SelectError::Unaddressable { label, found } => {
                let finds = if found.len() > 1 {
                    format!("finds {} {what}s ({})", found.len(), quoted_labels(&found))
                } else {
                    format!("finds another {what} first")
                };
                LookupError::Choice(format!(
                    "the {what} \"{label}\" cannot be read on its own: its label {finds}; name the {what}s in a list of labels that each find one"
                ))
            }
        };
        ChoiceError { span, error }
    })
}
