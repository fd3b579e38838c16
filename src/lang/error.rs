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
    /// The code, when the error is not one of the grammar or a limit: a
    /// whole-table rule that cannot be expanded on its documents.
    pub table_code: Option<&'static str>,
    /// What to print under the message: the nearest labels.
    pub help: Option<String>,
}

impl ParseError {
    pub fn new(span: Span, message: String) -> ParseError {
        ParseError {
            span,
            message,
            limit: false,
            table_code: None,
            help: None,
        }
    }

    /// Well-formed text past one of the limits that keep a hostile pack from
    /// exhausting a CI runner (expression depth, claims per pack).
    pub fn limit(span: Span, message: String) -> ParseError {
        ParseError {
            span,
            message,
            limit: true,
            table_code: None,
            help: None,
        }
    }

    /// A whole-table rule (`for … in …`) or a row or column list that
    /// cannot be expanded on its document's table: `code` is
    /// `vd::anchor::table` for a label that finds nothing, or
    /// `vd::rule::table_rule`.
    pub fn table(
        span: Span,
        message: String,
        code: &'static str,
        help: Option<String>,
    ) -> ParseError {
        ParseError {
            span,
            message,
            limit: false,
            table_code: Some(code),
            help,
        }
    }

    /// The diagnostic code: `vd::parse::syntax`, `vd::parse::limit`, or a
    /// table rule's.
    pub fn code(&self) -> &'static str {
        if let Some(code) = self.table_code {
            code
        } else if self.limit {
            "vd::parse::limit"
        } else {
            "vd::parse::syntax"
        }
    }
}
