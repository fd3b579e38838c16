//! Anchors: where a figure is found in a document, by the words around it
//! or by its table cell, and the list counts of `items(…)`.
//!
//! Also the labels of whole-table rules: a label is a string, a name bound
//! to one (`let yearly = "Yearly change £"`), or in a `for` its variable; a
//! list is the figures of a row or column over a range of labels.
//!
//! ```text
//! anchor     = name string
//!            | table "." "cell" "(" label "," (label | integer) ["," (string | integer)] ")"
//!            | name "." "items" "(" label ")"
//! table      = name "." "table" "(" label ")" | table_name
//! list       = table "." ("row" | "column") "(" label ["," labels] ")"
//! labels     = label "to" label | label {"," label}
//! label      = string | label_name | loop_variable
//! ```

use nom::bytes::complete::take_while1;
use nom::combinator::cut;
use nom::Err;

use super::state::{Fail, PResult, Parser};
use super::tokens::{is_name_start, skip};
use crate::lang::ast::{
    Anchor, Axis, CellList, CellPick, ColumnRef, Expr, ExprKind, Ident, Labels, Text,
};
use crate::lang::limits::MAX_STEPS_PER_ANCHOR;
use crate::span::Span;

impl<'a> Parser<'a> {
    /// `dales.table("Programme Team")` with no `.cell(…)` after it.
    pub(super) fn table_alone(&self, i: &'a str) -> Option<(&'a str, Ident, Text)> {
        let (i, document) = self.name(i).ok()?;
        let (i, _) = self.symbol(i, ".").ok()?;
        let (i, _) = self.keyword(i, "table").ok()?;
        let (i, _) = self.symbol(i, "(").ok()?;
        let (i, table) = self.label(i, false).ok()?;
        let (i, _) = self.symbol(i, ")").ok()?;
        let (after, _) = skip(i).ok()?;
        (!after.starts_with('.')).then_some((i, document, table))
    }

    /// A label: a string, a name bound to one by `let`, or (when
    /// `loop_variables`) the variable of a `for` around it, which stands
    /// for each of its labels in turn.
    pub(super) fn label(&self, i: &'a str, loop_variables: bool) -> PResult<'a, Text> {
        let (i, _) = skip(i)?;
        if i.starts_with('"') || !i.starts_with(is_name_start) {
            return match self.string(i) {
                Err(Err::Error(_)) => self.fail(i, "a label in double quotes"),
                other => other,
            };
        }
        let (rest, name) = self.name(i)?;
        if loop_variables {
            let mut loops = self.loops.borrow_mut();
            if let Some(scope) = loops
                .iter_mut()
                .rev()
                .find(|s| s.variable.name == name.name)
            {
                scope.uses.push(name.span);
                let value = format!("{{{}}}", name.name);
                return Ok((
                    rest,
                    Text {
                        value,
                        span: name.span,
                    },
                ));
            }
        }
        if let Some(label) = self.labels.borrow().get(&name.name) {
            let value = label.value.clone();
            return Ok((
                rest,
                Text {
                    value,
                    span: name.span,
                },
            ));
        }
        let message = self.not_a_label(&name);
        self.failure(rest, name.span, message)
    }

    /// Why `name` cannot stand where a label goes.
    fn not_a_label(&self, name: &Ident) -> String {
        let n = &name.name;
        if let Some(scope) = self.loops.borrow().iter().find(|s| s.variable.name == *n) {
            return format!(
                "`{n}` stands for each {} of the `for` in turn, and cannot choose the rows or columns of a loop or an expectation: write the labels",
                scope.axis.singular()
            );
        }
        if let Some(bound) = self.ended_loops.borrow().get(n) {
            let line = self.line_of(*bound);
            return format!(
                "`{n}` is the variable of the `for` on line {line}, and stands for a label only in the claim that `for` governs"
            );
        }
        format!("`{n}` is not a label: write the label in double quotes, or name it first with `let {n} = \"…\"`")
    }

    /// The line (from 1) of a span in the rule file.
    pub(super) fn line_of(&self, span: Span) -> usize {
        1 + self
            .whole
            .get(..span.start)
            .map_or(0, |before| before.matches('\n').count())
    }

    /// A table: `dales.table("…")`, or a name given to one by `let`. `None`
    /// when the text is neither, so that the caller may try something else.
    pub(super) fn table_ref(&self, i: &'a str) -> Option<(&'a str, Ident, Text)> {
        let (i, name) = self.name(i).ok()?;
        let table_call = self
            .symbol(i, ".")
            .and_then(|(i, _)| self.keyword(i, "table"));
        if let Ok((i, _)) = table_call {
            let (i, _) = self.symbol(i, "(").ok()?;
            let (i, table) = self.label(i, false).ok()?;
            let (i, _) = self.symbol(i, ")").ok()?;
            return Some((i, name, table));
        }
        let (document, table) = self.tables.borrow().get(&name.name).cloned()?;
        let document = Ident {
            name: document.name,
            span: name.span,
        };
        Some((i, document, table))
    }

    /// The table of a `for`, or the error that says why the text is not one.
    pub(super) fn loop_table(&self, i: &'a str) -> PResult<'a, (Ident, Text)> {
        if let Some((rest, document, table)) = self.table_ref(i) {
            return Ok((rest, (document, table)));
        }
        let (rest, name) = self.name(i)?;
        // `dales.table(…` with an error in it: the error is there.
        if let Ok((after, _)) = self
            .symbol(rest, ".")
            .and_then(|(after, _)| self.keyword(after, "table"))
        {
            let (after, _) = cut(|i| self.symbol(i, "("))(after)?;
            let (after, _) = cut(|i| self.label(i, false))(after)?;
            cut(|i| self.symbol(i, ")"))(after)?;
        }
        let n = &name.name;
        self.failure(
            rest,
            name.span,
            format!("`{n}` is not a table: name one first with `let {n} = document.table(\"…\")`, or write `document.table(\"…\")`"),
        )
    }

    /// The labels between the brackets of `rows(…)`, `columns(…)` or after
    /// the first label of a list: none (all of them, `open` being the
    /// opening bracket), `"A" to "B"`, or `"A", "B", …`.
    pub(super) fn labels(
        &self,
        i: &'a str,
        open: Span,
        loop_variables: bool,
    ) -> PResult<'a, Labels> {
        let (after, _) = skip(i)?;
        if after.starts_with(')') {
            return Ok((i, Labels::All { span: open }));
        }
        let (i, first) = self.label(i, loop_variables)?;
        if let Ok((i, _)) = self.keyword(i, "to") {
            let (i, to) = cut(|i| self.label(i, loop_variables))(i)?;
            return Ok((i, Labels::Range { from: first, to }));
        }
        let mut list = vec![first];
        let mut i = i;
        while let Ok((rest, _)) = self.symbol(i, ",") {
            let (rest, next) = cut(|i| self.label(i, loop_variables))(rest)?;
            list.push(next);
            i = rest;
        }
        Ok((i, Labels::List(list)))
    }

    /// `budget.column("£'000", "Staff" to "Premises")` or
    /// `t.row("Front office", "Year 1" to "Year 5")`: a list of figures,
    /// for `sum`, `min` and `max`. An error (not a failure) when the text is
    /// not a list, so that an expression may be tried instead.
    pub(super) fn cell_list(&self, i: &'a str) -> PResult<'a, Expr> {
        let (start, _) = skip(i)?;
        let Some((i, document, table)) = self.table_ref(start) else {
            return self.fail(start, "a list");
        };
        let (i, _) = self.symbol(i, ".")?;
        let (i, along) = match self.axis(i, "row", "column") {
            Ok((i, Axis::Rows)) => (i, Axis::Rows),
            Ok((i, Axis::Columns)) => (i, Axis::Columns),
            Err(_) => return self.fail(start, "a list"),
        };
        let (i, open) = cut(|i| self.symbol(i, "("))(i)?;
        let (i, label) = cut(|i| self.label(i, true))(i)?;
        let (i, labels) = match self.symbol(i, ",") {
            Ok((i, _)) => cut(|i| self.labels(i, open, true))(i)?,
            Err(_) => (i, Labels::All { span: open }),
        };
        let (i, close) = cut(|i| self.symbol(i, ")"))(i)?;
        let span = self.span(start, i).join(close);
        let list = CellList {
            document,
            table,
            along,
            label,
            labels,
        };
        Ok((
            i,
            Expr {
                kind: ExprKind::List(Box::new(list)),
                span,
            },
        ))
    }

    /// The error for `.row(…)`, `.column(…)`, `.rows(…)` or `.columns(…)`
    /// where a figure is wanted, if that is what stands at `i`.
    fn misplaced_list<T>(&self, i: &'a str) -> Option<PResult<'a, T>> {
        let (at, _) = skip(i).ok()?;
        for (word, message) in [
            ("row", "a row of figures is a list: use it as the argument of `sum(…)`, `min(…)` or `max(…)`"),
            ("column", "a column of figures is a list: use it as the argument of `sum(…)`, `min(…)` or `max(…)`"),
            ("rows", "`rows(…)` chooses the rows of a whole-table rule: `for row in table.rows(…)` before a claim"),
            ("columns", "`columns(…)` chooses the columns of a whole-table rule: `for column in table.columns(…)` before a claim"),
        ] {
            if let Ok((rest, span)) = self.keyword(at, word) {
                return Some(self.failure(rest, span, message.into()));
            }
        }
        None
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
            let (i, heading) = cut(|i| self.label(i, false))(i)?;
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
        if let Some(misplaced) = self.misplaced_list(i) {
            return misplaced;
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
            let (i, table) = cut(|i| self.label(i, false))(i)?;
            let (i, _) = cut(|i| self.symbol(i, ")"))(i)?;
            let (i, _) = cut(|i| self.symbol(i, "."))(i)?;
            if let Some(misplaced) = self.misplaced_list(i) {
                return misplaced;
            }
            let (i, _) = cut(|i| self.keyword(i, "cell"))(i)?;
            (i, document, table)
        };
        let (i, _) = cut(|i| self.symbol(i, "("))(i)?;
        let (i, row) = cut(|i| self.label(i, true))(i)?;
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
        if i.starts_with('"') || i.starts_with(is_name_start) {
            let (i, label) = self.label(i, true)?;
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
