//! The parser's state and its failures: the text being parsed, the limits
//! counted as it goes (nesting, loops, names of tables and labels), and how
//! a failure becomes an error with a span and the token found.

use nom::error::{ErrorKind, ParseError as NomParseError};
use nom::{Err, IResult};

use crate::lang::ast::{DocumentDecl, Expr, Ident, Statement, Text};
use crate::lang::error::ParseError;
use crate::lang::limits::MAX_EXPRESSION_DEPTH;
use crate::span::Span;

/// Words that cannot be used as names.
pub(super) const KEYWORDS: &[&str] = &[
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
    "for",
];

/// Why a parser failed at a position: what it expected there, or a message.
#[derive(Debug)]
pub(super) struct Fail<'a> {
    pub(super) at: &'a str,
    pub(super) expected: Vec<&'static str>,
    pub(super) message: Option<(Span, String)>,
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

pub(super) type PResult<'a, T> = IResult<&'a str, T, Fail<'a>>;

/// The state of one parse. Each level adds its methods in its own file.
pub(super) struct Parser<'a> {
    /// The whole rule file: a span is where the remaining input starts in it.
    pub(super) whole: &'a str,
    /// How many brackets, minus signs and calls enclose the expression being
    /// parsed: the parser recurses once for each.
    pub(super) nesting: std::cell::Cell<usize>,
    /// The statement being parsed went past a limit: its error is a
    /// `vd::parse::limit`. Cleared before each statement.
    pub(super) past_limit: std::cell::Cell<bool>,
    /// `let costs = dales.table("Programme Team")`: the tables named so far,
    /// so that `costs.cell(…)` can stand for `dales.table("…").cell(…)`.
    pub(super) tables: std::cell::RefCell<std::collections::HashMap<String, (Ident, Text)>>,
    /// `let yearly = "Yearly change £"`: the labels named so far.
    pub(super) labels: std::cell::RefCell<std::collections::HashMap<String, Text>>,
    /// The `for` loops around the statement being parsed, outermost first.
    pub(super) loops: std::cell::RefCell<Vec<LoopScope>>,
    /// The variables of loops already closed, with where each was bound,
    /// to say why one is not known after its claim.
    pub(super) ended_loops: std::cell::RefCell<std::collections::HashMap<String, Span>>,
    /// The names bound by a `let` to a value, so that a closed loop's
    /// variable that is also such a name stays usable.
    pub(super) numbers: std::cell::RefCell<std::collections::HashSet<String>>,
}

/// A `for` whose body is being parsed: its variable, and where the body
/// uses it as a label.
pub(super) struct LoopScope {
    pub(super) variable: Ident,
    pub(super) axis: crate::lang::ast::Axis,
    pub(super) uses: Vec<Span>,
}

impl<'a> Parser<'a> {
    pub(super) fn offset(&self, rest: &str) -> usize {
        self.whole.len() - rest.len()
    }

    pub(super) fn span(&self, before: &str, after: &str) -> Span {
        Span::new(self.offset(before), self.offset(after))
    }

    pub(super) fn fail<T>(&self, at: &'a str, expected: &'static str) -> PResult<'a, T> {
        Err(Err::Error(Fail {
            at,
            expected: vec![expected],
            message: None,
        }))
    }

    /// Parses with `parse` one level deeper, refusing to go past
    /// [`MAX_EXPRESSION_DEPTH`].
    pub(super) fn nested<T>(
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
    pub(super) fn bounded(&self, rest: &'a str, expr: Expr) -> PResult<'a, Expr> {
        if expr.height() > MAX_EXPRESSION_DEPTH {
            return self.too_deep(rest, expr.span);
        }
        Ok((rest, expr))
    }

    pub(super) fn too_deep<T>(&self, at: &'a str, span: Span) -> PResult<'a, T> {
        self.beyond_limit(
            at,
            span,
            format!(
                "this expression nests more than {MAX_EXPRESSION_DEPTH} deep: name its parts with `let`, or add many terms with `sum(…)`"
            ),
        )
    }

    /// A failure that ends the parse: the error reported is this one.
    pub(super) fn beyond_limit<T>(
        &self,
        at: &'a str,
        span: Span,
        message: String,
    ) -> PResult<'a, T> {
        self.past_limit.set(true);
        Err(Err::Failure(Fail {
            at,
            expected: Vec::new(),
            message: Some((span, message)),
        }))
    }

    /// A failure with its own message: the error reported is this one.
    pub(super) fn failure<T>(&self, at: &'a str, span: Span, message: String) -> PResult<'a, T> {
        Err(Err::Failure(Fail {
            at,
            expected: Vec::new(),
            message: Some((span, message)),
        }))
    }

    pub(super) fn to_error(&self, fail: Fail<'a>) -> ParseError {
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
}

// As `Statement`: built once per statement and consumed at once.
#[allow(clippy::large_enum_variant)]
pub(super) enum Item {
    Document(DocumentDecl),
    Statement(Statement),
    /// `let costs = dales.table("…")`: recorded by the parser, not evaluated.
    TableName,
    /// `let yearly = "Yearly change £"`: recorded by the parser, and put in
    /// place of the name wherever a label is read.
    Label,
}

/// The token at the start of `rest`, for "found …" in messages.
pub(super) fn found_token(rest: &str) -> &str {
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
