//! Errors in the text of a rule file.

use thiserror::Error;

use crate::span::Span;

/// A syntax error, or a limit passed, with the span of the offending text
/// in the rule file.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{message}")]
pub struct ParseError {
    pub span: Span,
    pub message: String,
    /// Whether the text breaks the grammar or a limit.
    pub limit: bool,
}

impl ParseError {
    pub fn new(span: Span, message: String) -> ParseError {
        ParseError {
            span,
            message,
            limit: false,
        }
    }

    /// Well-formed text past one of the limits that keep a hostile pack from
    /// exhausting a CI runner (expression depth, claims per pack).
    pub fn limit(span: Span, message: String) -> ParseError {
        ParseError {
            span,
            message,
            limit: true,
        }
    }

    /// The diagnostic code: `vd::parse::syntax` or `vd::parse::limit`.
    pub fn code(&self) -> &'static str {
        if self.limit {
            "vd::parse::limit"
        } else {
            "vd::parse::syntax"
        }
    }
}
