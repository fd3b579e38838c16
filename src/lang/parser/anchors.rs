//! Anchors: where a figure is found in a document, by the words around it
//! or by its table cell, and the list counts of `items(…)`.
//!
//! ```text
//! anchor     = name string
//!            | name "." "table" "(" string ")" "." "cell" "(" cell_args ")"
//!            | name "." "items" "(" string ")"
//!            | table_name "." "cell" "(" cell_args ")"
//! cell_args  = string "," (string | integer) ["," (string | integer)]
//! ```

use nom::bytes::complete::take_while1;
use nom::combinator::cut;
use nom::Err;

use super::tokens::skip;
use super::{Fail, PResult, Parser};
use crate::lang::ast::{Anchor, CellPick, ColumnRef, Expr, ExprKind, Ident, Text};
use crate::lang::MAX_STEPS_PER_ANCHOR;

impl<'a> Parser<'a> {
    /// `dales.table("Programme Team")` with no `.cell(…)` after it.
    pub(super) fn table_alone(&self, i: &'a str) -> Option<(&'a str, Ident, Text)> {
        let (i, document) = self.name(i).ok()?;
        let (i, _) = self.symbol(i, ".").ok()?;
        let (i, _) = self.keyword(i, "table").ok()?;
        let (i, _) = self.symbol(i, "(").ok()?;
        let (i, table) = self.string(i).ok()?;
        let (i, _) = self.symbol(i, ")").ok()?;
        let (after, _) = skip(i).ok()?;
        (!after.starts_with('.')).then_some((i, document, table))
    }

    pub(super) fn check_pattern(&self, pattern: &Text) -> Result<(), Err<Fail<'a>>> {
        if pattern.value.matches("{_}").count() > MAX_STEPS_PER_ANCHOR {
            let at = self.whole.get(pattern.span.end..).unwrap_or_default();
            let message = format!(
                "this anchor steps over more than {MAX_STEPS_PER_ANCHOR} figures with `{{_}}`: anchor on nearer words, or read the figure from its table"
            );
            return self
                .beyond_limit::<()>(at, pattern.span, message)
                .map(|_| ());
        }
        let holes = pattern.value.matches("{}").count();
        if holes == 1 {
            return Ok(());
        }
        let message = if holes == 0 {
            "this anchor has no `{}`: write `{}` where the figure stands, as in \"Total - £{}\""
        } else {
            "this anchor has more than one `{}`: an anchor finds exactly one figure"
        };
        Err(Err::Failure(Fail {
            at: &self.whole[pattern.span.end..],
            expected: Vec::new(),
            message: Some((pattern.span, message.to_string())),
        }))
    }

    /// `dales.table("Council").cell("County Council 40% split", "£")`
    pub(super) fn cell_anchor(&self, i: &'a str, document: Ident) -> PResult<'a, Expr> {
        let (i, _) = self.symbol(i, ".")?;
        if let Ok((i, _)) = self.keyword(i, "items") {
            let (i, _) = cut(|i| self.symbol(i, "("))(i)?;
            let (i, heading) = cut(|i| self.string(i))(i)?;
            let (i, close) = cut(|i| self.symbol(i, ")"))(i)?;
            let span = document.span.join(close);
            let anchor = Anchor::Items { document, heading };
            return Ok((
                i,
                Expr {
                    kind: ExprKind::Anchor(anchor),
                    span,
                },
            ));
        }
        // `costs.cell(…)`, where `let costs = dales.table("…")`.
        let (i, document, table) = if let Ok((i, _)) = self.keyword(i, "cell") {
            let Some((named_document, named_table)) =
                self.tables.borrow().get(&document.name).cloned()
            else {
                let message = format!(
                    "`{}` is not a table: name one first with `let {} = document.table(\"…\")`",
                    document.name, document.name
                );
                return Err(Err::Failure(Fail {
                    at: i,
                    expected: Vec::new(),
                    message: Some((document.span, message)),
                }));
            };
            let document = Ident {
                name: named_document.name,
                span: document.span,
            };
            (i, document, named_table)
        } else {
            let (i, _) = cut(|i| self.keyword(i, "table"))(i)?;
            let (i, _) = cut(|i| self.symbol(i, "("))(i)?;
            let (i, table) = cut(|i| self.string(i))(i)?;
            let (i, _) = cut(|i| self.symbol(i, ")"))(i)?;
            let (i, _) = cut(|i| self.symbol(i, "."))(i)?;
            let (i, _) = cut(|i| self.keyword(i, "cell"))(i)?;
            (i, document, table)
        };
        let (i, _) = cut(|i| self.symbol(i, "("))(i)?;
        let (i, row) = cut(|i| self.string(i))(i)?;
        let (i, _) = cut(|i| self.symbol(i, ","))(i)?;
        let (i, column) = cut(|i| self.column_ref(i))(i)?;
        let (i, pick) = match self.symbol(i, ",") {
            Ok((i, _)) => {
                let (i, pick) = cut(|i| self.cell_pick(i))(i)?;
                (i, Some(pick))
            }
            Err(_) => (i, None),
        };
        let (i, close) = cut(|i| self.symbol(i, ")"))(i)?;
        let span = document.span.join(close);
        let anchor = Anchor::Cell {
            document,
            table,
            row,
            column,
            pick,
        };
        Ok((
            i,
            Expr {
                kind: ExprKind::Anchor(anchor),
                span,
            },
        ))
    }

    /// The third argument of `cell`: which figure of the cell, by its
    /// position from 1 or by the label before it.
    fn cell_pick(&self, i: &'a str) -> PResult<'a, CellPick> {
        let (i, _) = skip(i)?;
        if i.starts_with('"') {
            let (i, label) = self.string(i)?;
            return Ok((i, CellPick::Label(label)));
        }
        let digits: PResult<'a, &'a str> = take_while1(|c: char| c.is_ascii_digit())(i);
        match digits {
            Ok((rest, digits)) => match digits.parse::<usize>() {
                Ok(number) if number >= 1 => {
                    let span = self.span(i, rest);
                    Ok((rest, CellPick::Position { number, span }))
                }
                _ => self.fail(i, "the figure's position in the cell, counted from 1"),
            },
            Err(_) => self.fail(
                i,
                "which figure of the cell: its position (1, 2, …) or the label before it in double quotes",
            ),
        }
    }

    pub(super) fn column_ref(&self, i: &'a str) -> PResult<'a, ColumnRef> {
        let (i, _) = skip(i)?;
        if i.starts_with('"') {
            let (i, label) = self.string(i)?;
            return Ok((i, ColumnRef::Label(label)));
        }
        let digits: PResult<'a, &'a str> = take_while1(|c: char| c.is_ascii_digit())(i);
        match digits {
            Ok((rest, digits)) => match digits.parse::<usize>() {
                Ok(number) if number >= 1 => {
                    let span = self.span(i, rest);
                    Ok((rest, ColumnRef::Position { number, span }))
                }
                _ => self.fail(i, "a column number counted from 1"),
            },
            Err(_) => self.fail(i, "a column label in double quotes or a column number"),
        }
    }
}
