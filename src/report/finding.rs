//! What the CI formats (SARIF, JUnit, GitHub annotations) share: where a
//! figure, a rule expression or a diagnostic's label is, and how serious a
//! claim's verdict is in this run.

use crate::eval::{ClaimOutcome, FigureRef, Outcome, Verdict};
use crate::pack::LoadedPack;
use crate::source::{LineCol, SourceFile};
use crate::span::Span;

use super::diagnostic::Problem;
use super::strictness::Strictness;

/// A stretch of a file, as the formats print it: the path relative to the
/// working directory, 1-based lines and character columns (the end column
/// is the one just after the stretch), and the text itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub file: String,
    pub start: LineCol,
    pub end: LineCol,
    pub text: String,
    /// In a document printed on pages (a PDF), the page and line on it
    /// where the stretch starts; `start` and `end` count lines through the
    /// whole text vd-audit rebuilt from the pages.
    pub page: Option<(usize, usize)>,
    /// In a document rebuilt from a web page, the element the stretch
    /// starts in (`table 2, row 3, column 2`).
    pub element: Option<String>,
}

impl Place {
    pub fn new(file: &SourceFile, span: Span) -> Place {
        let end = span.end.min(file.text.len());
        let start = span.start.min(end);
        Place {
            file: file.display_path.clone(),
            start: file.line_col(start),
            end: file.line_col(end),
            text: file.text.get(start..end).unwrap_or_default().to_string(),
            page: file.page_line(file.line_col(start).line),
            element: file.element_at(start),
        }
    }

    /// `documents/paper.txt:190:188`, `budget.pdf:p3:14:22`
    pub fn at(&self) -> String {
        match self.page {
            Some((page, line)) => format!("{}:p{page}:{line}:{}", self.file, self.start.column),
            None => format!("{}:{}:{}", self.file, self.start.line, self.start.column),
        }
    }
}

/// Where a document figure is printed.
pub fn figure_place(pack: &LoadedPack, reference: &FigureRef) -> Option<Place> {
    let document = pack.documents.get(&reference.document)?;
    let figure = document.figures.figures.get(reference.index)?;
    Some(Place::new(&document.source, figure.span))
}

/// Where a diagnostic's first label points, when it has one.
pub fn problem_place(problem: &Problem) -> Option<Place> {
    let source = problem.source.as_ref()?;
    let label = problem.labels.first()?;
    let file = source.inner().file(source.name());
    Some(Place::new(
        &file,
        Span::new(label.offset(), label.offset() + label.len()),
    ))
}

/// How serious a finding is, in the three levels every CI format has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Error,
    Warning,
    Note,
}

impl Level {
    pub fn of_severity(severity: miette::Severity) -> Level {
        match severity {
            miette::Severity::Error => Level::Error,
            miette::Severity::Warning => Level::Warning,
            miette::Severity::Advice => Level::Note,
        }
    }
}

/// A failing claim (or one that could not be checked) is an error, an
/// expected discrepancy a warning, anything else a note.
pub fn claim_level(claim: &ClaimOutcome, strictness: Strictness) -> Level {
    match strictness.outcome(claim) {
        Outcome::Fail | Outcome::Error => Level::Error,
        Outcome::Pass if claim.verdict() == Some(Verdict::Discrepancy) => Level::Warning,
        Outcome::Pass => Level::Note,
    }
}

/// Whether a claim is worth reporting on its own: every claim but those
/// that are simply exact.
pub fn is_finding(claim: &ClaimOutcome) -> bool {
    claim.verdict() != Some(Verdict::Exact) || claim.stale_expectation()
}
