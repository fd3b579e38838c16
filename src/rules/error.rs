//! Errors in the text of a rule file.

use thiserror::Error;

use crate::span::Span;

/// A syntax error, with the span of the offending text in the rule file.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[error("{message}")]
pub struct ParseError {
    pub span: Span,
    pub message: String,
}

impl ParseError {
    pub fn new(span: Span, message: String) -> ParseError {
        ParseError { span, message }
    }
}
