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
mod state;
mod statements;
mod tokens;

use super::ast::{Pack, Statement};
use super::error::ParseError;
use super::limits::MAX_CLAIMS_PER_PACK;

use state::Parser;

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
