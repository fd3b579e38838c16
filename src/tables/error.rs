//! Why a table, or a row or column of one, could not be found or chosen by
//! its labels. The rule language (expanding whole-table rules) and the
//! evaluator (reading a cell) both look tables up, and report the same
//! error the same way.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LookupError {
    /// A table, row or column label that matched nothing or several:
    /// `cell("Band Z", "£")`.
    Label {
        /// `"table"`, `"row"`, `"column"`, `"list heading"`.
        what: &'static str,
        query: String,
        nearest: Vec<String>,
        ambiguous: bool,
    },
    /// Rows or columns that cannot be chosen: a range that runs backwards
    /// or holds no figure, a row its label cannot find alone.
    Choice(String),
}

impl LookupError {
    /// A stable code for the kind of error, as `vd::…`.
    pub fn code(&self) -> &'static str {
        match self {
            LookupError::Label { .. } => "vd::anchor::table",
            LookupError::Choice(_) => "vd::rule::table_rule",
        }
    }

    /// What to print under the message: the nearest labels.
    pub fn help(&self) -> Option<String> {
        match self {
            LookupError::Label {
                nearest, ambiguous, ..
            } if !nearest.is_empty() => {
                let lead = if *ambiguous {
                    "it matches"
                } else {
                    "the nearest are"
                };
                Some(format!("{lead}: {}", quoted_labels(nearest)))
            }
            _ => None,
        }
    }
}

impl fmt::Display for LookupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LookupError::Label {
                what,
                query,
                ambiguous: true,
                ..
            } => write!(f, "more than one {what} matches \"{query}\""),
            LookupError::Label { what, query, .. } => write!(f, "no {what} matches \"{query}\""),
            LookupError::Choice(message) => f.write_str(message),
        }
    }
}

/// Labels as a list: `"Band A", "Band B"`.
pub fn quoted_labels(labels: &[String]) -> String {
    labels
        .iter()
        .map(|l| format!("\"{l}\""))
        .collect::<Vec<_>>()
        .join(", ")
}
