//! Errors found while evaluating a pack: anchors that match nowhere or
//! twice, unknown names, unit mismatches, division by zero. Each carries the
//! span in the rule file of the expression that failed.

use std::fmt;

use crate::interval::ArithError;
use crate::span::Span;
use crate::tables::LookupError;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError {
    pub span: Span,
    pub kind: EvalErrorKind,
}

/// A place in a document shown to help fix an anchor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub line: usize,
    /// The line as a report names it (`14`, or `p3:14` in a PDF).
    pub line_name: String,
    pub printed: String,
    /// The words around the figure, on its line.
    pub context: String,
}

/// What a `cell(…)` asked of a cell holding several figures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellAsk {
    /// No figure named: `cell("Parks", "Split")`.
    Nothing,
    /// `cell("Parks", "Split", 3)`, beyond the cell's figures.
    Position(usize),
    /// `cell("Services", "Split", "West")`: a label before no figure, or
    /// before several.
    Label { label: String, ambiguous: bool },
}

/// A cell holding several figures, and what was asked of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeveralFigures {
    pub document: String,
    pub cell: String,
    /// `cell("Parks", "Split"`: the call as written, without its end, for
    /// the calls the help suggests.
    pub call: String,
    pub asked: CellAsk,
    pub figures: Vec<CellFigure>,
}

/// A figure of a cell holding several, as an error lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellFigure {
    /// Counted from 1.
    pub position: usize,
    pub printed: String,
    /// The words before it in the cell, if any.
    pub label: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvalErrorKind {
    UnknownDocument {
        name: String,
        known: Vec<String>,
    },
    UnknownName {
        name: String,
        nearest: Option<String>,
    },
    /// A name whose `let` failed; the failure is reported at the `let`.
    FailedName {
        name: String,
    },
    AnchorNotFound {
        document: String,
        nearest: Vec<Candidate>,
    },
    AnchorAmbiguous {
        document: String,
        matches: Vec<Candidate>,
    },
    /// A table, row or column that its labels find nowhere or several
    /// times, or rows or columns that cannot be chosen.
    Table(LookupError),
    /// A cell holding no figure, or several outside brackets.
    CellFigures {
        document: String,
        cell: String,
        count: usize,
    },
    /// A cell holding several figures (`65%/35%`), read without saying
    /// which, or with a position or label that picks none.
    SeveralFigures(Box<SeveralFigures>),
    /// The document's text at the anchor is not a readable figure.
    MalformedFigure {
        printed: String,
        reason: String,
    },
    StatedNotAFigure,
    Units(String),
    Arith(ArithError),
    Arguments(String),
}

impl From<LookupError> for EvalErrorKind {
    fn from(error: LookupError) -> EvalErrorKind {
        EvalErrorKind::Table(error)
    }
}

impl EvalError {
    pub fn new(span: Span, kind: EvalErrorKind) -> EvalError {
        EvalError { span, kind }
    }

    /// A stable code for the kind of error, as `vd::…`.
    pub fn code(&self) -> &'static str {
        match &self.kind {
            EvalErrorKind::UnknownDocument { .. } => "vd::rule::unknown_document",
            EvalErrorKind::UnknownName { .. } | EvalErrorKind::FailedName { .. } => {
                "vd::rule::unknown_name"
            }
            EvalErrorKind::AnchorNotFound { .. } => "vd::anchor::not_found",
            EvalErrorKind::AnchorAmbiguous { .. } => "vd::anchor::ambiguous",
            EvalErrorKind::Table(lookup) => lookup.code(),
            EvalErrorKind::CellFigures { .. } => "vd::anchor::table",
            EvalErrorKind::SeveralFigures(_) => "vd::anchor::several",
            EvalErrorKind::MalformedFigure { .. } => "vd::figure::malformed",
            EvalErrorKind::StatedNotAFigure => "vd::rule::stated_not_a_figure",
            EvalErrorKind::Units(_) => "vd::rule::units",
            EvalErrorKind::Arith(_) => "vd::eval::arithmetic",
            EvalErrorKind::Arguments(_) => "vd::rule::arguments",
        }
    }

    /// What to print under the message: candidates, suggestions.
    pub fn help(&self) -> Option<String> {
        match &self.kind {
            EvalErrorKind::UnknownDocument { known, .. } => {
                Some(format!("this pack declares: {}", known.join(", ")))
            }
            EvalErrorKind::UnknownName { nearest: Some(n), .. } => Some(format!("did you mean `{n}`?")),
            EvalErrorKind::AnchorNotFound { nearest, .. } if !nearest.is_empty() => {
                Some(format!("the nearest places are:\n{}", list_candidates(nearest)))
            }
            EvalErrorKind::AnchorAmbiguous { matches, .. } => Some(format!(
                "add words to the anchor so that only one of these matches:\n{}",
                list_candidates(matches)
            )),
            EvalErrorKind::Table(lookup) => lookup.help(),
            EvalErrorKind::CellFigures { count, .. } if *count > 1 => Some(
                "anchor the figure by the words around it instead, as in doc \"… £{} …\"".into(),
            ),
            EvalErrorKind::SeveralFigures(several) => {
                Some(several_help(&several.call, &several.figures))
            }
            EvalErrorKind::StatedNotAFigure => Some(
                "put the anchor of the figure the document states on the left, as in `doc \"Total - £{}\" == a + b`".into(),
            ),
            _ => None,
        }
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            EvalErrorKind::UnknownDocument { name, .. } => {
                write!(f, "no document is named `{name}`")
            }
            EvalErrorKind::UnknownName { name, .. } => {
                write!(f, "`{name}` is not defined by a `let` above")
            }
            EvalErrorKind::FailedName { name } => write!(
                f,
                "`{name}` could not be evaluated (see the error at its `let`)"
            ),
            EvalErrorKind::AnchorNotFound { document, .. } => {
                write!(f, "this anchor matches nowhere in `{document}`")
            }
            EvalErrorKind::AnchorAmbiguous { document, matches } => {
                write!(
                    f,
                    "this anchor matches {} places in `{document}`",
                    matches.len()
                )
            }
            EvalErrorKind::Table(lookup) => write!(f, "{lookup}"),
            EvalErrorKind::CellFigures { cell, count: 0, .. } => {
                write!(f, "the cell \"{cell}\" holds no figure")
            }
            EvalErrorKind::CellFigures { cell, count, .. } => {
                write!(f, "the cell \"{cell}\" holds {count} figures outside brackets, so which one is meant is unclear")
            }
            EvalErrorKind::SeveralFigures(several) => {
                let SeveralFigures {
                    cell,
                    asked,
                    figures,
                    ..
                } = several.as_ref();
                match asked {
                CellAsk::Nothing => write!(
                    f,
                    "the cell \"{cell}\" holds {} figures: say which one",
                    figures.len()
                ),
                CellAsk::Position(n) => write!(
                    f,
                    "the cell \"{cell}\" holds {} figures, so it has no figure {n}",
                    figures.len()
                ),
                CellAsk::Label {
                    label,
                    ambiguous: false,
                } => write!(
                    f,
                    "no figure in the cell \"{cell}\" follows the label \"{label}\""
                ),
                CellAsk::Label { label, .. } => write!(
                    f,
                    "more than one figure in the cell \"{cell}\" follows a label matching \"{label}\""
                ),
                }
            }
            EvalErrorKind::MalformedFigure { printed, reason } => {
                write!(
                    f,
                    "the anchored figure `{printed}` cannot be read: {reason}"
                )
            }
            EvalErrorKind::StatedNotAFigure => {
                write!(
                    f,
                    "the left side of a claim must be a figure read from a document"
                )
            }
            EvalErrorKind::Units(message) | EvalErrorKind::Arguments(message) => {
                f.write_str(message)
            }
            EvalErrorKind::Arith(e) => write!(f, "{e}"),
        }
    }
}

/// Each figure of the cell with the call that reads it: by position, and
/// by label where the cell gives it one.
fn several_help(call: &str, figures: &[CellFigure]) -> String {
    let lines: Vec<String> = figures
        .iter()
        .map(|figure| {
            let by_position = format!("{call}, {})", figure.position);
            match &figure.label {
                Some(label) => format!(
                    "  {}: {} after \"{label}\": {by_position} or {call}, \"{label}\")",
                    figure.position, figure.printed
                ),
                None => format!("  {}: {}: {by_position}", figure.position, figure.printed),
            }
        })
        .collect();
    format!(
        "say which figure, by its position from 1 or by the label before it:\n{}",
        lines.join("\n")
    )
}

fn list_candidates(candidates: &[Candidate]) -> String {
    candidates
        .iter()
        .map(|c| {
            format!(
                "  line {}: {} (figure {})",
                c.line_name, c.context, c.printed
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
