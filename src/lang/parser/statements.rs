//! Statements: the pack, `document`, `let`, `claim` (with its comparison,
//! tolerance, hedge and expectation), `for` (a whole-table rule), `rounding`, `hedge` and
//! `expect malformed`; and how parsing resumes after a statement with an
//! error.
//!
//! ```text
//! pack       = ["pack" string] { document | let | claim | for | rounding | hedge | malformed }
//! document   = "document" name "=" string
//! let        = "let" name "=" (expr | string | name "." "table" "(" label ")")
//! claim      = "claim" string expr comparison expr ["within" expr]
//!              ["hedged" string] [expectation]
//! expectation = "expect" "discrepancy" ["for" label {"," label}] [string]
//!              ["computed" string] string
//! for        = "for" name "in" table "." ("rows" | "columns") "(" [labels] ")"
//!              (for | claim {expectation})
//! rounding   = "rounding" ("half-up" | "half-even" | "truncate")
//! hedge      = "hedge" string "within" expr
//! malformed  = "expect" "malformed" name string string
//! comparison = "==" | "~=" | "<=" | ">=" | "<" | ">"
//! ```

use nom::branch::alt;
use nom::combinator::{cut, opt};
use nom::multi::{many0, separated_list1};
use nom::sequence::preceded;
use nom::Err;

use super::state::{Fail, Item, LoopScope, PResult, Parser};
use super::tokens::{is_name_char, skip};
use crate::lang::ast::{
    Axis, Claim, Comparison, DocumentDecl, Expectation, ForBody, ForLoop, Ident, Let, Pack,
    Rounding, Statement, Text,
};
use crate::lang::error::ParseError;
use crate::lang::limits::{MAX_LOOP_NESTING, MAX_SYNTAX_ERRORS};
use crate::span::Span;

impl<'a> Parser<'a> {
    /// Parses every statement it can, with the errors of those it cannot.
    /// A statement with an error is reported and skipped: parsing resumes at
    /// the next line that begins with a statement's keyword (see
    /// [`resume_after`]), so one mistake costs one statement, not the pack.
    pub(super) fn pack(&self, source: &'a str) -> (Pack, Vec<ParseError>) {
        let mut pack = Pack {
            title: None,
            documents: Vec::new(),
            statements: Vec::new(),
        };
        let mut errors = Vec::new();
        let title = opt(preceded(
            |i| self.keyword(i, "pack"),
            cut(|i| self.string(i)),
        ))(source);
        let mut i = match title {
            Ok((rest, title)) => {
                pack.title = title;
                rest
            }
            Err(error) => {
                errors.push(self.statement_error(source, error));
                resume_after(source)
            }
        };
        loop {
            let at = skipped(i);
            if at.is_empty() {
                break;
            }
            if errors.len() >= MAX_SYNTAX_ERRORS {
                errors.push(self.too_many_errors(at));
                break;
            }
            self.past_limit.set(false);
            match self.statement(at) {
                Ok((rest, item)) => {
                    match item {
                        Item::Document(d) => pack.documents.push(d),
                        Item::Statement(s) => pack.statements.push(s),
                        Item::TableName | Item::Label => {}
                    }
                    i = rest;
                }
                Err(error) => {
                    errors.push(self.statement_error(at, error));
                    if let Some(name) = self.let_name(at) {
                        let span = name.span;
                        pack.statements.push(Statement::FailedLet { name, span });
                    }
                    self.loops.borrow_mut().clear();
                    i = if after_word(at, "for").is_some() {
                        after_loop(at)
                    } else {
                        resume_after(at)
                    };
                }
            }
        }
        (pack, errors)
    }

    /// The error of a statement that starts at `at` and does not parse.
    fn statement_error(&self, at: &'a str, error: Err<Fail<'a>>) -> ParseError {
        match error {
            // No statement's keyword matched here.
            Err::Error(_) => self.to_error(Fail {
                at,
                expected: vec![
                    "`document`",
                    "`let`",
                    "`claim`",
                    "`for`",
                    "`rounding`",
                    "`hedge`",
                    "`expect malformed`",
                    "a comment",
                ],
                message: None,
            }),
            Err::Failure(fail) => self.to_error(fail),
            Err::Incomplete(_) => ParseError::new(
                Span::new(self.whole.len(), self.whole.len()),
                "the rule file ends too early".into(),
            ),
        }
    }

    /// The name a failed statement binds, when it is a `let` whose name
    /// parsed: uses of the name then say that its `let` has an error.
    fn let_name(&self, at: &'a str) -> Option<Ident> {
        let (i, _) = self.keyword(at, "let").ok()?;
        let (_, name) = self.name(i).ok()?;
        Some(name)
    }

    fn too_many_errors(&self, at: &'a str) -> ParseError {
        let start = self.offset(at);
        let end = start + at.find('\n').unwrap_or(at.len());
        ParseError::limit(
            Span::new(start, end),
            format!("this rule file has more than {MAX_SYNTAX_ERRORS} syntax errors; the rest of it is not read"),
        )
    }

    pub(super) fn statement(&self, i: &'a str) -> PResult<'a, Item> {
        alt((
            |i| self.document(i).map(|(i, d)| (i, Item::Document(d))),
            |i| self.let_(i),
            |i| {
                self.claim(i)
                    .map(|(i, c)| (i, Item::Statement(Statement::Claim(c))))
            },
            |i| {
                self.for_(i)
                    .map(|(i, f)| (i, Item::Statement(Statement::For(f))))
            },
            |i| self.rounding(i).map(|(i, r)| (i, Item::Statement(r))),
            |i| self.hedge(i).map(|(i, h)| (i, Item::Statement(h))),
            |i| {
                self.expect_malformed(i)
                    .map(|(i, m)| (i, Item::Statement(m)))
            },
        ))(i)
    }

    pub(super) fn document(&self, i: &'a str) -> PResult<'a, DocumentDecl> {
        let (i, start) = self.keyword(i, "document")?;
        let (i, name) = cut(|i| self.name(i))(i)?;
        let (i, _) = cut(|i| self.symbol(i, "="))(i)?;
        let (i, path) = cut(|i| self.string(i))(i)?;
        let span = start.join(path.span);
        Ok((i, DocumentDecl { name, path, span }))
    }

    pub(super) fn let_(&self, i: &'a str) -> PResult<'a, Item> {
        let (i, start) = self.keyword(i, "let")?;
        let (i, name) = cut(|i| self.name(i))(i)?;
        let (i, _) = cut(|i| self.symbol(i, "="))(i)?;
        if let Some((rest, document, table)) = self.table_alone(i) {
            self.tables
                .borrow_mut()
                .insert(name.name.clone(), (document, table));
            self.labels.borrow_mut().remove(&name.name);
            return Ok((rest, Item::TableName));
        }
        if skip(i)?.0.starts_with('"') {
            // `let yearly = "Yearly change £"`: a label, written once.
            let (rest, label) = self.string(i)?;
            self.numbers.borrow_mut().remove(&name.name);
            self.ended_loops.borrow_mut().remove(&name.name);
            self.labels.borrow_mut().insert(name.name, label);
            return Ok((rest, Item::Label));
        }
        let (i, value) = cut(|i| self.expr(i))(i)?;
        self.labels.borrow_mut().remove(&name.name);
        self.numbers.borrow_mut().insert(name.name.clone());
        let span = start.join(value.span);
        Ok((
            i,
            Item::Statement(Statement::Let(Let { name, value, span })),
        ))
    }

    /// A claim outside a `for`: one expectation at most, for every row.
    pub(super) fn claim(&self, i: &'a str) -> PResult<'a, Claim> {
        let (rest, (mut claim, expectations)) = self.claim_parts(i)?;
        let mut expectations = expectations.into_iter();
        claim.expectation = expectations.next();
        if let Some(second) = expectations.next() {
            return self.failure(
                rest,
                second.span,
                "a claim has one `expect discrepancy`; a claim in a `for` may have one for each of its rows, as in `expect discrepancy for \"Band F\" \"reason\"`".into(),
            );
        }
        if let Some(first) = claim.expectation.as_ref().and_then(|e| e.only_for.first()) {
            return self.failure(
                rest,
                first.span,
                "`expect discrepancy for …` names rows or columns of a whole-table rule, and this claim is not in a `for`".into(),
            );
        }
        Ok((rest, claim))
    }

    /// A claim and the expectations after it, which a `for` shares out
    /// among its rows.
    pub(super) fn claim_parts(&self, i: &'a str) -> PResult<'a, (Claim, Vec<Expectation>)> {
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
        let (i, expectations) = many0(|i| self.expectation(i))(i)?;
        let end = expectations
            .last()
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
            expectation: None,
            span: start.join(end),
        };
        Ok((i, (claim, expectations)))
    }

    /// `for row in bands.rows("Band A" to "Band H")` and the claim (or
    /// `for`) it governs.
    pub(super) fn for_(&self, i: &'a str) -> PResult<'a, Box<ForLoop>> {
        let (i, start) = self.keyword(i, "for")?;
        if self.loops.borrow().len() >= MAX_LOOP_NESTING {
            return self.beyond_limit(
                i,
                start,
                format!("`for` loops nest at most {MAX_LOOP_NESTING} deep"),
            );
        }
        let (i, variable) = cut(|i| self.name(i))(i)?;
        let (i, _) = cut(|i| self.keyword(i, "in"))(i)?;
        let (i, (document, table)) = cut(|i| self.loop_table(i))(i)?;
        let (i, _) = cut(|i| self.symbol(i, "."))(i)?;
        let (i, axis) = cut(|i| self.axis(i, "rows", "columns"))(i)?;
        let (i, open) = cut(|i| self.symbol(i, "("))(i)?;
        let (i, labels) = cut(|i| self.labels(i, open, false))(i)?;
        let (i, close) = cut(|i| self.symbol(i, ")"))(i)?;
        self.loops.borrow_mut().push(LoopScope {
            variable: variable.clone(),
            axis,
            uses: Vec::new(),
        });
        let body = cut(|i| self.for_body(i))(i);
        let scope = self.loops.borrow_mut().pop();
        let (i, body) = body?;
        self.ended_loops
            .borrow_mut()
            .insert(variable.name.clone(), variable.span);
        Ok((
            i,
            Box::new(ForLoop {
                variable,
                document,
                table,
                axis,
                labels,
                body,
                uses: scope.map(|s| s.uses).unwrap_or_default(),
                span: start.join(close),
            }),
        ))
    }

    /// What a `for` governs: a claim with its expectations, or another `for`.
    fn for_body(&self, i: &'a str) -> PResult<'a, ForBody> {
        match self.for_(i) {
            Ok((rest, inner)) => return Ok((rest, ForBody::For(inner))),
            Err(Err::Error(_)) => {}
            Err(other) => return Err(other),
        }
        match self.claim_parts(i) {
            Ok((rest, (claim, expectations))) => Ok((
                rest,
                ForBody::Claim {
                    claim,
                    expectations,
                },
            )),
            Err(Err::Error(_)) => self.fail(
                skip(i)?.0,
                "a `claim` (or another `for`) for the `for` to govern",
            ),
            Err(other) => Err(other),
        }
    }

    /// `rows` or `columns` (for a `for`), `row` or `column` (for a list).
    pub(super) fn axis(
        &self,
        i: &'a str,
        rows: &'static str,
        columns: &'static str,
    ) -> PResult<'a, Axis> {
        if let Ok((rest, _)) = self.keyword(i, rows) {
            return Ok((rest, Axis::Rows));
        }
        if let Ok((rest, _)) = self.keyword(i, columns) {
            return Ok((rest, Axis::Columns));
        }
        let expected = if rows == "rows" {
            "`rows(…)` or `columns(…)`"
        } else {
            "`row(…)` or `column(…)`"
        };
        self.fail(skip(i)?.0, expected)
    }

    /// `expect malformed dales "1,103,5000" "should read 1,103,500"`
    pub(super) fn expect_malformed(&self, i: &'a str) -> PResult<'a, Statement> {
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
    pub(super) fn rounding(&self, i: &'a str) -> PResult<'a, Statement> {
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
    pub(super) fn hedge(&self, i: &'a str) -> PResult<'a, Statement> {
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
    pub(super) fn hedge_phrase(&self, i: &'a str) -> PResult<'a, Text> {
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

    pub(super) fn comparison(&self, i: &'a str) -> PResult<'a, (Comparison, Span)> {
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

    pub(super) fn expectation(&self, i: &'a str) -> PResult<'a, Expectation> {
        let (i, start) = self.keyword(i, "expect")?;
        // Not cut: `expect malformed` after a claim is a statement of its own.
        let (i, _) = self.keyword(i, "discrepancy")?;
        let (i, only_for) = opt(preceded(
            |i| self.keyword(i, "for"),
            cut(separated_list1(
                |i| self.symbol(i, ","),
                |i| self.label(i, false),
            )),
        ))(i)?;
        let (i, first) = opt(|i| self.pin(i))(i)?;
        let (i, (printed, computed, reason)) = match first {
            Some(computed) => {
                let (i, reason) = cut(|i| self.string(i))(i)?;
                (i, (None, Some(computed), reason))
            }
            None => {
                let (i, first) = cut(|i| self.string(i))(i)?;
                let (i, computed) = opt(|i| self.pin(i))(i)?;
                if computed.is_some() {
                    let (i, reason) = cut(|i| self.string(i))(i)?;
                    (i, (Some(first), computed, reason))
                } else {
                    match opt(|i| self.string(i))(i)? {
                        (i, Some(reason)) => (i, (Some(first), None, reason)),
                        (i, None) => (i, (None, None, first)),
                    }
                }
            }
        };
        let span = start.join(reason.span);
        Ok((
            i,
            Expectation {
                only_for: only_for.unwrap_or_default(),
                printed,
                computed,
                reason,
                span,
            },
        ))
    }

    /// `computed "43,624.8333333"`: the computed side of an expected
    /// discrepancy.
    fn pin(&self, i: &'a str) -> PResult<'a, Text> {
        let (i, _) = self.keyword(i, "computed")?;
        cut(|i| self.string(i))(i)
    }
}

/// The text after `at` from the next line that begins (after indentation)
/// with a statement's keyword, or the end of the text. A statement with an
/// error is skipped up to there. Lines that begin with anything else are
/// continuations or more of the error: keywords cannot be names, strings
/// end on their line, and `expect discrepancy` belongs to a claim.
fn resume_after(at: &str) -> &str {
    let mut rest = at;
    while let Some((_, next)) = rest.split_once('\n') {
        let line = next.trim_start_matches([' ', '\t', '\r']);
        if starts_statement(line) {
            return line;
        }
        rest = next;
    }
    rest.get(rest.len()..).unwrap_or_default()
}

/// The text after a `for` with an error at `at`, and after what it governs:
/// the `for` lines after it and the claim they lead to, which cannot be
/// read without it.
fn after_loop(at: &str) -> &str {
    let one_line = at
        .split('\n')
        .next()
        .is_some_and(|line| line.split(|c: char| !is_name_char(c)).any(|w| w == "claim"));
    let mut rest = resume_after(at);
    if one_line {
        return rest;
    }
    while after_word(rest, "for").is_some() {
        rest = resume_after(rest);
    }
    if after_word(rest, "claim").is_some() {
        rest = resume_after(rest);
    }
    rest
}

/// Whether `line` begins with a statement's keyword.
fn starts_statement(line: &str) -> bool {
    if let Some(after) = after_word(line, "expect") {
        return after_word(after.trim_start_matches([' ', '\t']), "malformed").is_some();
    }
    [
        "document", "let", "claim", "for", "rounding", "hedge", "pack",
    ]
    .iter()
    .any(|keyword| after_word(line, keyword).is_some())
}

/// `text` after `word`, when it begins with that whole word.
fn after_word<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    text.strip_prefix(word)
        .filter(|after| !after.starts_with(is_name_char))
}

/// `i` after whitespace and comments.
fn skipped(i: &str) -> &str {
    skip(i).map_or(i, |(rest, _)| rest)
}
