//! Expressions: arithmetic with its precedence, numbers with their units and
//! scales, names and function calls. Every level that recurses counts its
//! depth, so that no pack can nest past [`MAX_EXPRESSION_DEPTH`].
//!
//! ```text
//! expr       = term { ("+" | "-") term }
//! term       = unary { ("*" | "/" | "of") unary }
//! unary      = "-" unary | primary
//! primary    = number | function "(" expr { "," expr } ")" | anchor | name
//!            | "(" expr ")"
//! number     = ["£"] digits ["." digits] ["%" | "k" | "m" | "bn"] [unit word]
//! ```

use nom::bytes::complete::take_while1;
use nom::character::complete::char as one_char;
use nom::combinator::{cut, opt, recognize};
use nom::multi::{many0, separated_list1};
use nom::sequence::{pair, preceded};
use nom::Err;
use rust_decimal::Decimal;
use std::str::FromStr;

use super::state::{found_token, Fail, PResult, Parser, KEYWORDS};
use super::tokens::{is_name_char, is_name_start, skip};
use crate::lang::ast::{Anchor, BinaryOp, Expr, ExprKind, Function, Ident};
use crate::lang::limits::MAX_EXPRESSION_DEPTH;
use crate::span::Span;
use crate::units::Unit;

impl<'a> Parser<'a> {
    pub(super) fn expr(&self, i: &'a str) -> PResult<'a, Expr> {
        let ops = [("+", BinaryOp::Add), ("-", BinaryOp::Subtract)];
        self.left_assoc(i, &ops, |i| self.term(i))
    }

    pub(super) fn term(&self, i: &'a str) -> PResult<'a, Expr> {
        let ops = [
            ("*", BinaryOp::Multiply),
            ("/", BinaryOp::Divide),
            ("of", BinaryOp::Of),
        ];
        self.left_assoc(i, &ops, |i| self.unary(i))
    }

    pub(super) fn left_assoc(
        &self,
        i: &'a str,
        ops: &[(&'static str, BinaryOp)],
        operand: impl Fn(&'a str) -> PResult<'a, Expr>,
    ) -> PResult<'a, Expr> {
        let (mut i, mut lhs) = operand(i)?;
        // `a + b + c` nests to the left: its height grows with every
        // operator, though the parser itself does not recurse.
        let mut height = lhs.height();
        loop {
            let Some((rest, op, op_span)) = self.binary_op(i, ops) else {
                return Ok((i, lhs));
            };
            let (rest, rhs) = cut(&operand)(rest)?;
            let span = lhs.span.join(rhs.span);
            height = 1 + height.max(rhs.height());
            if height > MAX_EXPRESSION_DEPTH {
                return self.too_deep(rest, span);
            }
            lhs = Expr {
                kind: ExprKind::Binary {
                    op,
                    op_span,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                },
                span,
            };
            i = rest;
        }
    }

    pub(super) fn binary_op(
        &self,
        i: &'a str,
        ops: &[(&'static str, BinaryOp)],
    ) -> Option<(&'a str, BinaryOp, Span)> {
        let (i, _) = skip(i).ok()?;
        ops.iter().find_map(|&(symbol, op)| {
            let rest = i.strip_prefix(symbol)?;
            let is_word = symbol.chars().all(char::is_alphabetic);
            if is_word && rest.starts_with(is_name_char) {
                return None;
            }
            Some((rest, op, self.span(i, rest)))
        })
    }

    pub(super) fn unary(&self, i: &'a str) -> PResult<'a, Expr> {
        let (after_ws, _) = skip(i)?;
        if let Some(rest) = after_ws.strip_prefix('-') {
            let (rest, operand) = self.nested(rest, cut(|i| self.unary(i)))?;
            let span = self.span(after_ws, rest).join(operand.span);
            let kind = ExprKind::Negate(Box::new(operand));
            return self.bounded(rest, Expr { kind, span });
        }
        self.primary(i)
    }

    pub(super) fn primary(&self, i: &'a str) -> PResult<'a, Expr> {
        let (i, _) = skip(i)?;
        if let Some(rest) = i.strip_prefix('(') {
            let (rest, inner) = self.nested(rest, cut(|i| self.expr(i)))?;
            let (rest, close) = cut(|i| self.symbol(i, ")"))(rest)?;
            let span = Span::new(self.offset(i), close.end);
            return Ok((
                rest,
                Expr {
                    kind: inner.kind,
                    span,
                },
            ));
        }
        if i.starts_with(|c: char| c.is_ascii_digit() || c == '£') {
            return self.number(i);
        }
        if i.starts_with(is_name_start) && !KEYWORDS.contains(&found_token(i)) {
            return self.named(i);
        }
        self.fail(i, "an expression")
    }

    /// A name: a function call, an anchor into a document, or a let binding.
    pub(super) fn named(&self, i: &'a str) -> PResult<'a, Expr> {
        let (rest, name) = self.name(i)?;
        let (after_ws, _) = skip(rest)?;
        if let Some(function) = Function::ALL.into_iter().find(|f| f.name() == name.name) {
            if after_ws.starts_with('(') {
                return self.call(rest, function, name.span);
            }
        }
        if after_ws.starts_with('"') {
            let (rest, pattern) = self.string(rest)?;
            self.check_pattern(&pattern)?;
            let span = name.span.join(pattern.span);
            let anchor = Anchor::Text {
                document: name,
                pattern,
            };
            return Ok((
                rest,
                Expr {
                    kind: ExprKind::Anchor(anchor),
                    span,
                },
            ));
        }
        if after_ws.starts_with('.') {
            return self.cell_anchor(rest, name);
        }
        if let Some(message) = self.label_not_number(&name) {
            return self.failure(rest, name.span, message);
        }
        let span = name.span;
        Ok((
            rest,
            Expr {
                kind: ExprKind::Name(name),
                span,
            },
        ))
    }

    /// Why `name`, used where a number goes, is not one: it names a label
    /// or a loop's variable. `None` when it may be a number.
    fn label_not_number(&self, name: &Ident) -> Option<String> {
        let n = &name.name;
        if let Some(scope) = self
            .loops
            .borrow()
            .iter()
            .rev()
            .find(|s| s.variable.name == *n)
        {
            let what = scope.axis.singular();
            return Some(format!(
                "`{n}` stands for a {what} label of the `for`, not a number: read a figure with it, as in `table.cell({})`",
                if what == "row" { format!("{n}, \"…\"") } else { format!("\"…\", {n}") }
            ));
        }
        if self.labels.borrow().contains_key(n) {
            return Some(format!(
                "`{n}` is a label (`let {n} = \"…\"`), not a number: use it where a row or column label goes, as in `table.cell(\"…\", {n})`"
            ));
        }
        if self.numbers.borrow().contains(n) {
            return None;
        }
        let bound = *self.ended_loops.borrow().get(n)?;
        let line = self.line_of(bound);
        Some(format!(
            "`{n}` is the variable of the `for` on line {line}, and stands for a label only in the claim that `for` governs"
        ))
    }

    /// An argument of `sum`, `min` or `max`: an expression, or a list of a
    /// row's or column's figures.
    fn list_or_expr(&self, i: &'a str) -> PResult<'a, Expr> {
        match self.cell_list(i) {
            Ok((rest, list)) => {
                let (after, _) = skip(rest)?;
                if after.starts_with(',') || after.starts_with(')') {
                    return Ok((rest, list));
                }
                self.failure(
                    rest,
                    list.span,
                    "a row or column list stands alone as an argument of `sum`, `min` or `max`: write the arithmetic outside, as in `sum(t.column(…)) * 2`".into(),
                )
            }
            Err(Err::Error(_)) => self.expr(i),
            Err(failure) => Err(failure),
        }
    }

    pub(super) fn call(
        &self,
        i: &'a str,
        function: Function,
        function_span: Span,
    ) -> PResult<'a, Expr> {
        let (i, _) = self.symbol(i, "(")?;
        let takes_lists = matches!(function, Function::Sum | Function::Min | Function::Max);
        let (i, args) = self.nested(
            i,
            cut(separated_list1(
                |i| self.symbol(i, ","),
                |i| {
                    if takes_lists {
                        self.list_or_expr(i)
                    } else {
                        self.expr(i)
                    }
                },
            )),
        )?;
        let (i, close) = cut(|i| self.symbol(i, ")"))(i)?;
        let span = function_span.join(close);
        let kind = ExprKind::Call {
            function,
            function_span,
            args,
        };
        self.bounded(i, Expr { kind, span })
    }

    /// `6`, `1,367`, `40%`, `£436,248`, `£1.08bn`, `8p`
    pub(super) fn number(&self, i: &'a str) -> PResult<'a, Expr> {
        let start = i;
        let (i, pound) = opt(one_char('£'))(i)?;
        let digits = || take_while1::<_, &'a str, Fail<'a>>(|c: char| c.is_ascii_digit());
        let mut grouped = recognize(pair(digits(), many0(preceded(one_char(','), digits()))));
        let mut fraction = opt(preceded(one_char('.'), digits()));
        let (i, whole) = match grouped(i) {
            Ok(ok) => ok,
            Err(_) => return self.fail(i, "digits"),
        };
        if whole.split(',').skip(1).any(|g| g.len() != 3) {
            return Err(Err::Failure(Fail {
                at: i,
                expected: Vec::new(),
                message: Some((
                    self.span(start, i),
                    "a thousands separator must be followed by exactly three digits".into(),
                )),
            }));
        }
        let (i, decimals) = fraction(i)?;
        let suffixes: [(&str, Unit, Decimal); 6] = [
            ("%", Unit::Percent, Decimal::ONE),
            ("pp", Unit::PercentagePoints, Decimal::ONE),
            // `8p`: pence, in pounds.
            ("p", Unit::Pounds, Decimal::new(1, 2)),
            ("bn", Unit::Number, Decimal::from(1_000_000_000)),
            ("m", Unit::Number, Decimal::from(1_000_000)),
            ("k", Unit::Number, Decimal::from(1_000)),
        ];
        let mut rest = i;
        let mut unit = if pound.is_some() {
            Unit::Pounds
        } else {
            Unit::Number
        };
        let mut multiplier = Decimal::ONE;
        for (suffix, suffix_unit, scale) in suffixes {
            if pound.is_some() && suffix == "p" {
                continue;
            }
            if let Some(after) = i.strip_prefix(suffix) {
                if !after.starts_with(is_name_char) {
                    rest = after;
                    multiplier = scale;
                    if suffix_unit != Unit::Number {
                        unit = suffix_unit;
                    }
                    break;
                }
            }
        }
        if rest.starts_with(is_name_char) {
            return self.fail(rest, "an operator or the end of the number");
        }
        // `12 FTE`, `9 tonnes`, `3 pp`, `100 people`, `3 percentage points`:
        // a unit of one word or two after a space.
        if let Some(spaced) = rest.strip_prefix(' ') {
            let (first, after_first) = split_word(spaced);
            let second = after_first.strip_prefix(' ').map(split_word);
            let two_words = second.and_then(|(second, after)| {
                Unit::from_word(&format!("{first} {second}")).map(|u| (u, after))
            });
            let word_unit = two_words.or_else(|| Unit::from_word(first).map(|u| (u, after_first)));
            if let Some((word_unit, after)) = word_unit {
                if unit == Unit::Number {
                    unit = word_unit;
                    rest = after;
                }
            }
        }
        let digits = format!(
            "{}{}",
            whole.replace(',', ""),
            decimals.map_or(String::new(), |d| format!(".{d}"))
        );
        let value = Decimal::from_str(&digits)
            .ok()
            .and_then(|v| v.checked_mul(multiplier));
        let span = self.span(start, rest);
        let Some(value) = value else {
            return Err(Err::Failure(Fail {
                at: rest,
                expected: Vec::new(),
                message: Some((span, "this number is too large to represent exactly".into())),
            }));
        };
        Ok((
            rest,
            Expr {
                kind: ExprKind::Number { value, unit },
                span,
            },
        ))
    }
}

/// The letters at the start of `text`, and what follows them.
fn split_word(text: &str) -> (&str, &str) {
    let len = text
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    text.split_at(len)
}
