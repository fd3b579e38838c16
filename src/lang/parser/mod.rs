//! The rule language's parser, written with nom.
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
//! table      = name "." "table" "(" label ")" | table_name
//! labels     = label "to" label | label {"," label}
//! label      = string | label_name | loop_variable
//! rounding   = "rounding" ("half-up" | "half-even" | "truncate")
//! hedge      = "hedge" string "within" expr
//! malformed  = "expect" "malformed" name string string
//! comparison = "==" | "~=" | "<=" | ">=" | "<" | ">"
//! expr       = term { ("+" | "-") term }
//! term       = unary { ("*" | "/" | "of") unary }
//! unary      = "-" unary | primary
//! primary    = number | function "(" expr { "," expr } ")" | anchor | name
//!            | "(" expr ")"      (sum, min and max also take lists)
//! list       = table "." ("row" | "column") "(" label ["," labels] ")"
//! anchor     = name string
//!            | table "." "cell" "(" label "," (label | integer) ")"
//!            | name "." "items" "(" label ")"
//! number     = ["£"] digits ["." digits] ["%" | "k" | "m" | "bn"]
//! ```
//!
//! Newlines are ordinary whitespace: keywords start statements, so none is
//! needed as a separator. `#` starts a comment that runs to the end of the line.
//!
//! The parser is split by level, each file with its part of the grammar:
//! `statements.rs` (a pack and its statements), `expressions.rs` (arithmetic,
//! numbers and function calls), `anchors.rs` (where a figure is found in a
//! document) and `tokens.rs` (names, keywords, symbols, strings, comments).
//! This file holds what they share: `Parser`, which knows the whole text so
//! that any position can be turned into a span, and `Fail`, nom's error type
//! here, which keeps what each alternative expected.
//!
//! Naming: a method named after a construct (`claim`, `expr`, `number`)
//! parses it; `cut(…)` around a call marks the point after which a mismatch
//! is the user's error, reported as it stands, rather than a cue to try the
//! next alternative.

mod anchors;
mod expressions;
mod statements;
mod tokens;

use nom::error::{ErrorKind, ParseError as NomParseError};
use nom::{Err, IResult};

use super::ast::{DocumentDecl, Expr, Ident, Pack, Statement, Text};
use super::error::ParseError;
use super::{MAX_CLAIMS_PER_PACK, MAX_EXPRESSION_DEPTH};
use crate::span::Span;
use tokens::found_token;

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
    "for",
];

/// A pack as parsed: every statement that parsed, and an error for each
/// that did not (or that passed a limit).
#[derive(Clone, Debug)]
pub struct Parsed {
    pub pack: Pack,
    pub errors: Vec<ParseError>,
}

impl Parsed {
    /// The pack when every statement parsed; otherwise its errors.
    pub fn into_result(self) -> Result<Pack, Vec<ParseError>> {
        if self.errors.is_empty() {
            Ok(self.pack)
        } else {
            Err(self.errors)
        }
    }
}

/// Parses a whole pack: the statements that parse, and the errors of those
/// that do not, in the order of the text.
pub fn parse_pack(source: &str) -> Parsed {
    let parser = Parser {
        whole: source,
        nesting: Default::default(),
        past_limit: Default::default(),
        tables: Default::default(),
        labels: Default::default(),
        loops: Default::default(),
        ended_loops: Default::default(),
        numbers: Default::default(),
    };
    let (mut pack, mut errors) = parser.pack(source);
    errors.extend(within_claim_limit(&mut pack));
    Parsed { pack, errors }
}

/// Drops the claims past [`MAX_CLAIMS_PER_PACK`], with an error at the first.
fn within_claim_limit(pack: &mut Pack) -> Option<ParseError> {
    let first_too_many = pack
        .statements
        .iter()
        .filter_map(|s| match s {
            Statement::Claim(claim) => Some(claim.title.span),
            _ => None,
        })
        .nth(MAX_CLAIMS_PER_PACK)?;
    let mut claims = 0;
    pack.statements.retain(|s| {
        let claim = matches!(s, Statement::Claim(_));
        claims += usize::from(claim);
        !claim || claims <= MAX_CLAIMS_PER_PACK
    });
    Some(ParseError::limit(
        first_too_many,
        format!("a pack may state at most {MAX_CLAIMS_PER_PACK} claims, and this is one more: split the pack"),
    ))
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

/// The state of one parse. Each level adds its methods in its own file.
struct Parser<'a> {
    /// The whole rule file: a span is where the remaining input starts in it.
    whole: &'a str,
    /// How many brackets, minus signs and calls enclose the expression being
    /// parsed: the parser recurses once for each.
    nesting: std::cell::Cell<usize>,
    /// The statement being parsed went past a limit: its error is a
    /// `vd::parse::limit`. Cleared before each statement.
    past_limit: std::cell::Cell<bool>,
    /// `let costs = dales.table("Programme Team")`: the tables named so far,
    /// so that `costs.cell(…)` can stand for `dales.table("…").cell(…)`.
    tables: std::cell::RefCell<std::collections::HashMap<String, (Ident, Text)>>,
    /// `let yearly = "Yearly change £"`: the labels named so far.
    labels: std::cell::RefCell<std::collections::HashMap<String, Text>>,
    /// The `for` loops around the statement being parsed, outermost first.
    loops: std::cell::RefCell<Vec<LoopScope>>,
    /// The variables of loops already closed, with where each was bound,
    /// to say why one is not known after its claim.
    ended_loops: std::cell::RefCell<std::collections::HashMap<String, Span>>,
    /// The names bound by a `let` to a value, so that a closed loop's
    /// variable that is also such a name stays usable.
    numbers: std::cell::RefCell<std::collections::HashSet<String>>,
}

/// A `for` whose body is being parsed: its variable, and where the body
/// uses it as a label.
struct LoopScope {
    variable: Ident,
    axis: super::ast::Axis,
    uses: Vec<Span>,
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

    /// A failure with its own message: the error reported is this one.
    fn failure<T>(&self, at: &'a str, span: Span, message: String) -> PResult<'a, T> {
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
}

// As `Statement`: built once per statement and consumed at once.
#[allow(clippy::large_enum_variant)]
enum Item {
    Document(DocumentDecl),
    Statement(Statement),
    /// `let costs = dales.table("…")`: recorded by the parser, not evaluated.
    TableName,
    /// `let yearly = "Yearly change £"`: recorded by the parser, and put in
    /// place of the name wherever a label is read.
    Label,
}
