//! The rule language's parser, written with nom.
//!
//! ```text
//! pack       = ["pack" string] { document | let | claim | rounding | hedge | malformed }
//! document   = "document" name "=" string
//! let        = "let" name "=" (expr | name "." "table" "(" string ")")
//! claim      = "claim" string expr comparison expr ["within" expr]
//!              ["hedged" string] ["expect" "discrepancy" [string] string]
//! rounding   = "rounding" ("half-up" | "half-even" | "truncate")
//! hedge      = "hedge" string "within" expr
//! malformed  = "expect" "malformed" name string string
//! comparison = "==" | "~=" | "<=" | ">=" | "<" | ">"
//! expr       = term { ("+" | "-") term }
//! term       = unary { ("*" | "/" | "of") unary }
//! unary      = "-" unary | primary
//! primary    = number | function "(" expr { "," expr } ")" | anchor | name
//!            | "(" expr ")"
//! anchor     = name string
//!            | name "." "table" "(" string ")" "." "cell" "(" string "," (string | integer) ")"
//!            | name "." "items" "(" string ")"
//!            | table_name "." "cell" "(" string "," (string | integer) ")"
//! number     = ["£"] digits ["." digits] ["%" | "k" | "m" | "bn"]
//! ```
//!
//! Newlines are ordinary whitespace: keywords start statements, so none is
//! needed as a separator. `#` starts a comment that runs to the end of the line.

use std::str::FromStr;

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char as one_char, satisfy};
use nom::combinator::{cut, opt, recognize};
use nom::error::{ErrorKind, ParseError as NomParseError};
use nom::multi::{many0, separated_list1};
use nom::sequence::{pair, preceded};
use nom::{Err, IResult};
use rust_decimal::Decimal;

use super::ast::*;
use super::error::ParseError;
use super::{MAX_CLAIMS_PER_PACK, MAX_EXPRESSION_DEPTH, MAX_STEPS_PER_ANCHOR};
use crate::span::Span;
use crate::units::Unit;

/// Words that cannot be used as names.
const KEYWORDS: &[&str] = &[
    "pack",
    "document",
    "let",
    "claim",
    "expect",
    "discrepancy",
    "of",
    "within",
    "rounding",
    "hedge",
    "hedged",
    "malformed",
];

/// Parses a whole pack, or returns the error furthest into the text.
pub fn parse_pack(source: &str) -> Result<Pack, ParseError> {
    let parser = Parser {
        whole: source,
        nesting: Default::default(),
        past_limit: Default::default(),
        tables: Default::default(),
    };
    match parser.pack(source) {
        Ok((_, pack)) => within_claim_limit(pack),
        Err(Err::Error(fail) | Err::Failure(fail)) => Err(parser.to_error(fail)),
        Err(Err::Incomplete(_)) => Err(ParseError::new(
            Span::new(source.len(), source.len()),
            "the rule file ends too early".into(),
        )),
    }
}

/// The pack, unless it states more than [`MAX_CLAIMS_PER_PACK`] claims.
fn within_claim_limit(pack: Pack) -> Result<Pack, ParseError> {
    let first_too_many = pack
        .statements
        .iter()
        .filter_map(|s| match s {
            Statement::Claim(claim) => Some(claim.title.span),
            _ => None,
        })
        .nth(MAX_CLAIMS_PER_PACK);
    match first_too_many {
        Some(span) => Err(ParseError::limit(
            span,
            format!("a pack may state at most {MAX_CLAIMS_PER_PACK} claims, and this is one more: split the pack"),
        )),
        None => Ok(pack),
    }
}

/// Why a parser failed at a position: what it expected there, or a message.
#[derive(Debug)]
struct Fail<'a> {
    at: &'a str,
    expected: Vec<&'static str>,
    message: Option<(Span, String)>,
}

impl<'a> NomParseError<&'a str> for Fail<'a> {
    fn from_error_kind(input: &'a str, _: ErrorKind) -> Self {
        Fail {
            at: input,
            expected: Vec::new(),
            message: None,
        }
    }

    fn append(_: &'a str, _: ErrorKind, other: Self) -> Self {
        other
    }

    /// Keeps the failure that got furthest; at the same place, merges what
    /// each alternative expected.
    fn or(mut self, other: Self) -> Self {
        if other.at.len() < self.at.len() || self.message.is_none() && other.message.is_some() {
            return other;
        }
        if other.at.len() == self.at.len() {
            for e in other.expected {
                if !self.expected.contains(&e) {
                    self.expected.push(e);
                }
            }
        }
        self
    }
}

type PResult<'a, T> = IResult<&'a str, T, Fail<'a>>;

struct Parser<'a> {
    whole: &'a str,
    /// How many brackets, minus signs and calls enclose the expression being
    /// parsed: the parser recurses once for each.
    nesting: std::cell::Cell<usize>,
    /// An expression went past [`MAX_EXPRESSION_DEPTH`].
    past_limit: std::cell::Cell<bool>,
    /// `let costs = dales.table("Programme Team")`: the tables named so far,
    /// so that `costs.cell(…)` can stand for `dales.table("…").cell(…)`.
    tables: std::cell::RefCell<std::collections::HashMap<String, (Ident, Text)>>,
}

impl<'a> Parser<'a> {
    fn offset(&self, rest: &str) -> usize {
        self.whole.len() - rest.len()
    }

    fn span(&self, before: &str, after: &str) -> Span {
        Span::new(self.offset(before), self.offset(after))
    }

    fn fail<T>(&self, at: &'a str, expected: &'static str) -> PResult<'a, T> {
        Err(Err::Error(Fail {
            at,
            expected: vec![expected],
            message: None,
        }))
    }

    /// Parses with `parse` one level deeper, refusing to go past
    /// [`MAX_EXPRESSION_DEPTH`].
    fn nested<T>(
        &self,
        i: &'a str,
        parse: impl FnOnce(&'a str) -> PResult<'a, T>,
    ) -> PResult<'a, T> {
        let depth = self.nesting.get();
        if depth >= MAX_EXPRESSION_DEPTH {
            let start = self.offset(i);
            return self.too_deep(i, Span::new(start, start + 1));
        }
        self.nesting.set(depth + 1);
        let parsed = parse(i);
        self.nesting.set(depth);
        parsed
    }

    /// `expr`, unless it nests deeper than [`MAX_EXPRESSION_DEPTH`].
    fn bounded(&self, rest: &'a str, expr: Expr) -> PResult<'a, Expr> {
        if expr.height() > MAX_EXPRESSION_DEPTH {
            return self.too_deep(rest, expr.span);
        }
        Ok((rest, expr))
    }

    fn too_deep<T>(&self, at: &'a str, span: Span) -> PResult<'a, T> {
        self.beyond_limit(
            at,
            span,
            format!(
                "this expression nests more than {MAX_EXPRESSION_DEPTH} deep: name its parts with `let`, or add many terms with `sum(…)`"
            ),
        )
    }

    /// A failure that ends the parse: the error reported is this one.
    fn beyond_limit<T>(&self, at: &'a str, span: Span, message: String) -> PResult<'a, T> {
        self.past_limit.set(true);
        Err(Err::Failure(Fail {
            at,
            expected: Vec::new(),
            message: Some((span, message)),
        }))
    }

    fn to_error(&self, fail: Fail<'a>) -> ParseError {
        if let Some((span, message)) = fail.message {
            if self.past_limit.get() {
                return ParseError::limit(span, message);
            }
            return ParseError::new(span, message);
        }
        let start = self.offset(fail.at);
        let found = found_token(fail.at);
        let span = Span::new(start, start + found.len());
        let expected = match fail.expected.as_slice() {
            [] => "valid rule syntax".to_string(),
            [one] => one.to_string(),
            [init @ .., last] => format!("{}, or {last}", init.join(", ")),
        };
        let found = if found.is_empty() {
            "the end of the file".to_string()
        } else {
            format!("`{found}`")
        };
        ParseError::new(span, format!("expected {expected}, found {found}"))
    }

    // ── statements ────────────────────────────────────────────────────────

    fn pack(&self, i: &'a str) -> PResult<'a, Pack> {
        let (i, title) = opt(preceded(
            |i| self.keyword(i, "pack"),
            cut(|i| self.string(i)),
        ))(i)?;
        let (i, items) = many0(|i| self.statement(i))(i)?;
        let (i, _) = skip(i)?;
        if !i.is_empty() {
            return Err(Err::Failure(Fail {
                at: i,
                expected: vec![
                    "`document`",
                    "`let`",
                    "`claim`",
                    "`rounding`",
                    "`hedge`",
                    "`expect malformed`",
                    "a comment",
                ],
                message: None,
            }));
        }
        let mut pack = Pack {
            title,
            documents: Vec::new(),
            statements: Vec::new(),
        };
        for item in items {
            match item {
                Item::Document(d) => pack.documents.push(d),
                Item::Statement(s) => pack.statements.push(s),
                Item::TableName => {}
            }
        }
        Ok((i, pack))
    }

    fn statement(&self, i: &'a str) -> PResult<'a, Item> {
        alt((
            |i| self.document(i).map(|(i, d)| (i, Item::Document(d))),
            |i| self.let_(i),
            |i| {
                self.claim(i)
                    .map(|(i, c)| (i, Item::Statement(Statement::Claim(c))))
            },
            |i| self.rounding(i).map(|(i, r)| (i, Item::Statement(r))),
            |i| self.hedge(i).map(|(i, h)| (i, Item::Statement(h))),
            |i| {
                self.expect_malformed(i)
                    .map(|(i, m)| (i, Item::Statement(m)))
            },
        ))(i)
    }

    fn document(&self, i: &'a str) -> PResult<'a, DocumentDecl> {
        let (i, start) = self.keyword(i, "document")?;
        let (i, name) = cut(|i| self.name(i))(i)?;
        let (i, _) = cut(|i| self.symbol(i, "="))(i)?;
        let (i, path) = cut(|i| self.string(i))(i)?;
        let span = start.join(path.span);
        Ok((i, DocumentDecl { name, path, span }))
    }

    fn let_(&self, i: &'a str) -> PResult<'a, Item> {
        let (i, start) = self.keyword(i, "let")?;
        let (i, name) = cut(|i| self.name(i))(i)?;
        let (i, _) = cut(|i| self.symbol(i, "="))(i)?;
        if let Some((rest, document, table)) = self.table_alone(i) {
            self.tables
                .borrow_mut()
                .insert(name.name.clone(), (document, table));
            return Ok((rest, Item::TableName));
        }
        let (i, value) = cut(|i| self.expr(i))(i)?;
        let span = start.join(value.span);
        Ok((
            i,
            Item::Statement(Statement::Let(Let { name, value, span })),
        ))
    }

    /// `dales.table("Programme Team")` with no `.cell(…)` after it.
    fn table_alone(&self, i: &'a str) -> Option<(&'a str, Ident, Text)> {
        let (i, document) = self.name(i).ok()?;
        let (i, _) = self.symbol(i, ".").ok()?;
        let (i, _) = self.keyword(i, "table").ok()?;
        let (i, _) = self.symbol(i, "(").ok()?;
        let (i, table) = self.string(i).ok()?;
        let (i, _) = self.symbol(i, ")").ok()?;
        let (after, _) = skip(i).ok()?;
        (!after.starts_with('.')).then_some((i, document, table))
    }

    fn claim(&self, i: &'a str) -> PResult<'a, Claim> {
        let (i, start) = self.keyword(i, "claim")?;
        let (i, title) = cut(|i| self.string(i))(i)?;
        let (i, stated) = cut(|i| self.expr(i))(i)?;
        let (i, (comparison, comparison_span)) = cut(|i| self.comparison(i))(i)?;
        let (i, computed) = cut(|i| self.expr(i))(i)?;
        let (i, tolerance) = opt(preceded(
            |i| self.keyword(i, "within"),
            cut(|i| self.expr(i)),
        ))(i)?;
        let (i, hedge) = opt(preceded(
            |i| self.keyword(i, "hedged"),
            cut(|i| self.hedge_phrase(i)),
        ))(i)?;
        let (i, expectation) = opt(|i| self.expectation(i))(i)?;
        let end = expectation
            .as_ref()
            .map(|e| e.span)
            .or(hedge.as_ref().map(|h| h.span))
            .or(tolerance.as_ref().map(|t| t.span))
            .unwrap_or(computed.span);
        let claim = Claim {
            title,
            stated,
            comparison,
            comparison_span,
            computed,
            tolerance,
            hedge,
            expectation,
            span: start.join(end),
        };
        Ok((i, claim))
    }

    /// `expect malformed dales "1,103,5000" "should read 1,103,500"`
    fn expect_malformed(&self, i: &'a str) -> PResult<'a, Statement> {
        let (i, start) = self.keyword(i, "expect")?;
        let (i, _) = cut(|i| self.keyword(i, "malformed"))(i)?;
        let (i, document) = cut(|i| self.name(i))(i)?;
        let (i, printed) = cut(|i| self.string(i))(i)?;
        let (i, reason) = cut(|i| self.string(i))(i)?;
        let span = start.join(reason.span);
        Ok((
            i,
            Statement::ExpectMalformed {
                document,
                printed,
                reason,
                span,
            },
        ))
    }

    /// `rounding half-even`
    fn rounding(&self, i: &'a str) -> PResult<'a, Statement> {
        let (i, start) = self.keyword(i, "rounding")?;
        let (i, _) = skip(i)?;
        for convention in Rounding::ALL {
            if let Some(rest) = i.strip_prefix(convention.keyword()) {
                if !rest.starts_with(is_name_char) {
                    let span = start.join(self.span(i, rest));
                    return Ok((rest, Statement::Rounding { convention, span }));
                }
            }
        }
        Err(Err::Failure(Fail {
            at: i,
            expected: vec!["`half-up`", "`half-even`", "`truncate`"],
            message: None,
        }))
    }

    /// `hedge "just under" within 2%`
    fn hedge(&self, i: &'a str) -> PResult<'a, Statement> {
        let (i, start) = self.keyword(i, "hedge")?;
        let (i, phrase) = cut(|i| self.hedge_phrase(i))(i)?;
        let (i, _) = cut(|i| self.keyword(i, "within"))(i)?;
        let (i, tolerance) = cut(|i| self.expr(i))(i)?;
        let span = start.join(tolerance.span);
        Ok((
            i,
            Statement::Hedge {
                phrase,
                tolerance,
                span,
            },
        ))
    }

    /// A hedge phrase in quotes, one of those vd-audit knows.
    fn hedge_phrase(&self, i: &'a str) -> PResult<'a, Text> {
        let (rest, phrase) = self.string(i)?;
        if crate::figures::Hedge::from_phrase(&phrase.value).is_some() {
            return Ok((rest, phrase));
        }
        let known: Vec<&str> = crate::figures::Hedge::ALL
            .iter()
            .map(|h| h.phrase())
            .collect();
        Err(Err::Failure(Fail {
            at: rest,
            expected: Vec::new(),
            message: Some((
                phrase.span,
                format!("unknown hedge; the hedges are: {}", known.join(", ")),
            )),
        }))
    }

    fn comparison(&self, i: &'a str) -> PResult<'a, (Comparison, Span)> {
        let ops = [
            ("==", Comparison::Equal),
            ("~=", Comparison::Approximately),
            ("<=", Comparison::LessOrEqual),
            (">=", Comparison::GreaterOrEqual),
            ("<", Comparison::Less),
            (">", Comparison::Greater),
        ];
        let (i, _) = skip(i)?;
        for (symbol, comparison) in ops {
            if let Some(rest) = i.strip_prefix(symbol) {
                return Ok((rest, (comparison, self.span(i, rest))));
            }
        }
        self.fail(i, "a comparison (`==`, `~=`, `<`, `<=`, `>`, `>=`)")
    }

    fn expectation(&self, i: &'a str) -> PResult<'a, Expectation> {
        let (i, start) = self.keyword(i, "expect")?;
        // Not cut: `expect malformed` after a claim is a statement of its own.
        let (i, _) = self.keyword(i, "discrepancy")?;
        let (i, first) = cut(|i| self.string(i))(i)?;
        let (i, second) = opt(|i| self.string(i))(i)?;
        let (printed, reason) = match second {
            Some(reason) => (Some(first), reason),
            None => (None, first),
        };
        let span = start.join(reason.span);
        Ok((
            i,
            Expectation {
                printed,
                reason,
                span,
            },
        ))
    }

    // ── expressions ───────────────────────────────────────────────────────

    fn expr(&self, i: &'a str) -> PResult<'a, Expr> {
        let ops = [("+", BinaryOp::Add), ("-", BinaryOp::Subtract)];
        self.left_assoc(i, &ops, |i| self.term(i))
    }

    fn term(&self, i: &'a str) -> PResult<'a, Expr> {
        let ops = [
            ("*", BinaryOp::Multiply),
            ("/", BinaryOp::Divide),
            ("of", BinaryOp::Of),
        ];
        self.left_assoc(i, &ops, |i| self.unary(i))
    }

    fn left_assoc(
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

    fn binary_op(
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

    fn unary(&self, i: &'a str) -> PResult<'a, Expr> {
        let (after_ws, _) = skip(i)?;
        if let Some(rest) = after_ws.strip_prefix('-') {
            let (rest, operand) = self.nested(rest, cut(|i| self.unary(i)))?;
            let span = self.span(after_ws, rest).join(operand.span);
            let kind = ExprKind::Negate(Box::new(operand));
            return self.bounded(rest, Expr { kind, span });
        }
        self.primary(i)
    }

    fn primary(&self, i: &'a str) -> PResult<'a, Expr> {
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
    fn named(&self, i: &'a str) -> PResult<'a, Expr> {
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
        let span = name.span;
        Ok((
            rest,
            Expr {
                kind: ExprKind::Name(name),
                span,
            },
        ))
    }

    fn check_pattern(&self, pattern: &Text) -> Result<(), Err<Fail<'a>>> {
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

    fn call(&self, i: &'a str, function: Function, function_span: Span) -> PResult<'a, Expr> {
        let (i, _) = self.symbol(i, "(")?;
        let (i, args) = self.nested(
            i,
            cut(separated_list1(|i| self.symbol(i, ","), |i| self.expr(i))),
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

    /// `dales.table("Council").cell("County Council 40% split", "£")`
    fn cell_anchor(&self, i: &'a str, document: Ident) -> PResult<'a, Expr> {
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
        let (i, close) = cut(|i| self.symbol(i, ")"))(i)?;
        let span = document.span.join(close);
        let anchor = Anchor::Cell {
            document,
            table,
            row,
            column,
        };
        Ok((
            i,
            Expr {
                kind: ExprKind::Anchor(anchor),
                span,
            },
        ))
    }

    fn column_ref(&self, i: &'a str) -> PResult<'a, ColumnRef> {
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

    /// `6`, `1,367`, `40%`, `£436,248`, `£1.08bn`
    fn number(&self, i: &'a str) -> PResult<'a, Expr> {
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
        let suffixes: [(&str, Unit, Decimal); 4] = [
            ("%", Unit::Percent, Decimal::ONE),
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
            if let Some(after) = i.strip_prefix(suffix) {
                if !after.starts_with(is_name_char) {
                    rest = after;
                    multiplier = scale;
                    if suffix_unit == Unit::Percent {
                        unit = Unit::Percent;
                    }
                    break;
                }
            }
        }
        if rest.starts_with(is_name_char) {
            return self.fail(rest, "an operator or the end of the number");
        }
        // `12 FTE`, `9 tonnes`, `3 pp`, `100 people`: a unit word after a space.
        if let Some(spaced) = rest.strip_prefix(' ') {
            let word_len = spaced
                .find(|c: char| !c.is_ascii_alphabetic())
                .unwrap_or(spaced.len());
            if let Some(word_unit) = Unit::from_word(&spaced[..word_len]) {
                if unit == Unit::Number {
                    unit = word_unit;
                    rest = &spaced[word_len..];
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

    // ── tokens ────────────────────────────────────────────────────────────

    fn name(&self, i: &'a str) -> PResult<'a, Ident> {
        let (i, _) = skip(i)?;
        let word: PResult<'a, &'a str> =
            recognize(pair(satisfy(is_name_start), take_while(is_name_char)))(i);
        match word {
            Ok((rest, word)) if !KEYWORDS.contains(&word) => {
                let span = self.span(i, rest);
                Ok((
                    rest,
                    Ident {
                        name: word.to_string(),
                        span,
                    },
                ))
            }
            _ => self.fail(i, "a name"),
        }
    }

    fn keyword(&self, i: &'a str, word: &'static str) -> PResult<'a, Span> {
        let (i, _) = skip(i)?;
        match i.strip_prefix(word) {
            Some(rest) if !rest.starts_with(is_name_char) => Ok((rest, self.span(i, rest))),
            _ => self.fail(i, keyword_name(word)),
        }
    }

    fn symbol(&self, i: &'a str, symbol: &'static str) -> PResult<'a, Span> {
        let (i, _) = skip(i)?;
        match tag::<_, _, Fail<'a>>(symbol)(i) {
            Ok((rest, _)) => Ok((rest, self.span(i, rest))),
            Err(_) => self.fail(i, symbol_name(symbol)),
        }
    }

    /// A string in double quotes, with `\"`, `\\`, `\t` and `\n` escapes.
    fn string(&self, i: &'a str) -> PResult<'a, Text> {
        let (i, _) = skip(i)?;
        let Some(body) = i.strip_prefix('"') else {
            return self.fail(i, "a string in double quotes");
        };
        let mut value = String::new();
        let mut chars = body.char_indices();
        while let Some((at, c)) = chars.next() {
            match c {
                '"' => {
                    let rest = &body[at + 1..];
                    return Ok((
                        rest,
                        Text {
                            value,
                            span: self.span(i, rest),
                        },
                    ));
                }
                '\\' => match chars.next() {
                    Some((_, '"')) => value.push('"'),
                    Some((_, '\\')) => value.push('\\'),
                    Some((_, 't')) => value.push('\t'),
                    Some((_, 'n')) => value.push('\n'),
                    Some((escape_at, other)) => {
                        let span = Span::new(
                            self.offset(body) + at,
                            self.offset(body) + escape_at + other.len_utf8(),
                        );
                        return Err(Err::Failure(Fail {
                            at: &body[at..],
                            expected: Vec::new(),
                            message: Some((
                                span,
                                format!("unknown escape `\\{other}`; use \\\", \\\\, \\t or \\n"),
                            )),
                        }));
                    }
                    None => break,
                },
                '\n' => break,
                _ => value.push(c),
            }
        }
        let line_end = i.find('\n').unwrap_or(i.len());
        Err(Err::Failure(Fail {
            at: i,
            expected: Vec::new(),
            message: Some((
                Span::new(self.offset(i), self.offset(i) + line_end),
                "this string has no closing `\"` on its line".into(),
            )),
        }))
    }
}

// As `Statement`: built once per statement and consumed at once.
#[allow(clippy::large_enum_variant)]
enum Item {
    Document(DocumentDecl),
    Statement(Statement),
    /// `let costs = dales.table("…")`: recorded by the parser, not evaluated.
    TableName,
}

/// Skips whitespace and `#` comments.
fn skip(i: &str) -> PResult<'_, ()> {
    let mut rest = i.trim_start();
    while let Some(comment) = rest.strip_prefix('#') {
        rest = comment
            .find('\n')
            .map_or("", |end| &comment[end..])
            .trim_start();
    }
    Ok((rest, ()))
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn keyword_name(word: &'static str) -> &'static str {
    match word {
        "pack" => "`pack`",
        "document" => "`document`",
        "let" => "`let`",
        "claim" => "`claim`",
        "expect" => "`expect`",
        "discrepancy" => "`discrepancy`",
        "within" => "`within`",
        "malformed" => "`malformed`",
        "table" => "`table`, `items` or `cell`",
        "cell" => "`cell`",
        _ => "a keyword",
    }
}

fn symbol_name(symbol: &'static str) -> &'static str {
    match symbol {
        "=" => "`=`",
        "(" => "`(`",
        ")" => "`)`",
        "," => "`,`",
        "." => "`.`",
        _ => "a symbol",
    }
}

/// The token at the start of `rest`, for "found …" in messages.
fn found_token(rest: &str) -> &str {
    let Some(first) = rest.chars().next() else {
        return "";
    };
    if first.is_alphanumeric() || first == '_' {
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        return &rest[..end];
    }
    if first == '"' {
        let end = rest[1..]
            .find(['"', '\n'])
            .map_or(rest.len(), |e| e + 2)
            .min(rest.len());
        return &rest[..end];
    }
    &rest[..first.len_utf8()]
}
