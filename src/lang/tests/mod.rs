//! Parser tests: what parses to what, and the messages of what does not.
//!
//! This file holds the helpers every topic shares (parse one claim, take
//! the one error, print an expression as an s-expression); the tests are
//! in a file per topic: statements, expressions, anchors, recovery from
//! errors, and whole-table `for` rules.

mod anchors;
mod expressions;
mod for_loops;
mod recovery;
mod statements;

use rust_decimal_macros::dec;

use super::ast::*;
use super::parse_pack;
use crate::units::Unit;

#[track_caller]
fn claim(source: &str) -> Claim {
    let pack = parse_pack(source)
        .into_result()
        .unwrap_or_else(|e| panic!("{source:?}: {e:?}"));
    match pack.statements.as_slice() {
        [Statement::Claim(claim)] => claim.clone(),
        other => panic!("expected one claim, got {other:?}"),
    }
}

/// The error's message and the text its span covers, for a source with
/// exactly one error.
#[track_caller]
fn error(source: &str) -> (String, String) {
    match parse_pack(source).errors.as_slice() {
        [error] => (
            error.message.clone(),
            source[error.span.range()].to_string(),
        ),
        other => panic!("expected one syntax error, got {other:?}"),
    }
}

/// Every error's message and the text its span covers, and the titles of
/// the claims that parsed.
fn errors_and_claims(source: &str) -> (Vec<(String, String)>, Vec<String>) {
    let parsed = parse_pack(source);
    let errors = parsed
        .errors
        .iter()
        .map(|e| (e.message.clone(), source[e.span.range()].to_string()))
        .collect();
    let claims = parsed
        .pack
        .statements
        .iter()
        .filter_map(|s| match s {
            Statement::Claim(c) => Some(c.title.value.clone()),
            _ => None,
        })
        .collect();
    (errors, claims)
}

/// An expression as an s-expression, without spans.
fn tree(expr: &Expr) -> String {
    match &expr.kind {
        ExprKind::Number { value, unit } => match unit {
            Unit::Percent => format!("{value}%"),
            Unit::Pounds => format!("£{value}"),
            Unit::Number => value.to_string(),
            other => format!("{value} {}", other.name()),
        },
        ExprKind::Name(ident) => ident.name.clone(),
        ExprKind::Anchor(Anchor::Text { document, pattern }) => {
            format!("{}{:?}", document.name, pattern.value)
        }
        ExprKind::Anchor(Anchor::Cell {
            document,
            table,
            row,
            column,
            pick,
        }) => {
            let column = match column {
                ColumnRef::Label(text) => format!("{:?}", text.value),
                ColumnRef::Position { number, .. } => number.to_string(),
            };
            let column = match pick {
                None => column,
                Some(CellPick::Label(text)) => format!("{column} {:?}", text.value),
                Some(CellPick::Position { number, .. }) => format!("{column} {number}"),
            };
            format!(
                "{}[{:?} {:?} {column}]",
                document.name, table.value, row.value
            )
        }
        ExprKind::Anchor(Anchor::Items { document, heading }) => {
            format!("{}.items({:?})", document.name, heading.value)
        }
        ExprKind::Negate(inner) => format!("(- {})", tree(inner)),
        ExprKind::Binary { op, lhs, rhs, .. } => {
            format!("({} {} {})", op.symbol(), tree(lhs), tree(rhs))
        }
        ExprKind::Call { function, args, .. } => {
            format!(
                "({} {})",
                function.name(),
                args.iter().map(tree).collect::<Vec<_>>().join(" ")
            )
        }
        ExprKind::List(list) => format!(
            "{}[{:?}].{}({:?} {})",
            list.document.name,
            list.table.value,
            list.along.singular(),
            list.label.value,
            labels(&list.labels)
        ),
    }
}

/// A selection of labels, without spans.
fn labels(labels: &Labels) -> String {
    match labels {
        Labels::All { .. } => "all".into(),
        Labels::Range { from, to } => format!("{:?} to {:?}", from.value, to.value),
        Labels::List(list) => list
            .iter()
            .map(|t| format!("{:?}", t.value))
            .collect::<Vec<_>>()
            .join(", "),
    }
}
