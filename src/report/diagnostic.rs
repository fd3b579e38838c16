//! Every message vd-audit prints as a miette diagnostic: one type, built from
//! verdicts, evaluation errors, syntax errors and malformed figures.

use std::fmt;
use std::path::Path;

use miette::{Diagnostic, LabeledSpan, Severity, SourceCode};

use crate::access::Refusal;
use crate::eval::{ClaimOutcome, EvalError, Judgement, Moved, Side, Verdict};
use crate::figures::MalformedFigure;
use crate::format;
use crate::lang::ast::Comparison;
use crate::lang::ParseError;
use crate::pack::{LoadError, LoadedPack};
use crate::source::SourceFile;
use crate::span::Span;

/// A message with labels in one source file, and related messages that may
/// label another (a miette diagnostic cannot label two files).
#[derive(Debug)]
pub struct Problem {
    pub code: &'static str,
    pub message: String,
    pub severity: Severity,
    pub source: Option<crate::source::ShownSource>,
    pub labels: Vec<LabeledSpan>,
    pub help: Option<String>,
    pub related: Vec<Problem>,
}

impl Problem {
    fn new(code: &'static str, severity: Severity, message: String) -> Problem {
        Problem {
            code,
            message,
            severity,
            source: None,
            labels: Vec::new(),
            help: None,
            related: Vec::new(),
        }
    }

    fn label(mut self, file: &SourceFile, span: Span, text: String) -> Problem {
        self.source = Some(file.named_source());
        self.labels
            .push(LabeledSpan::new_with_span(Some(text), span));
        self
    }

    fn help(mut self, help: Option<String>) -> Problem {
        self.help = help;
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Problem {}

impl Diagnostic for Problem {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.code))
    }

    fn severity(&self) -> Option<Severity> {
        Some(self.severity)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn Diagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn Diagnostic)))
    }
}

/// The stable code of a verdict, reused by every output format.
pub fn verdict_code(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Exact => "vd::verdict::exact",
        Verdict::WithinRounding => "vd::verdict::within_rounding",
        Verdict::Approximate => "vd::verdict::approximate",
        Verdict::Discrepancy => "vd::verdict::discrepancy",
    }
}

/// The diagnostic for a claim that is not simply exact; `None` when it is.
pub fn claim_problem(pack: &LoadedPack, claim: &ClaimOutcome) -> Option<Problem> {
    let judgement = match &claim.result {
        Err(error) => {
            let mut problem = eval_problem(pack, error);
            problem.message = format!("{}: {}", claim.claim.title.value, problem.message);
            return Some(problem);
        }
        Ok(judgement) => judgement,
    };
    if judgement.verdict == Verdict::Exact && !claim.stale_expectation() {
        return None;
    }
    let (document, figure) = pack.figure(&judgement.stated)?;
    let (code, severity, message) = headline(claim, judgement);
    let rule = Problem::new(
        "vd::working",
        Severity::Advice,
        "as computed by the rule".into(),
    )
    .label(
        &pack.rule_file,
        claim.claim.computed.span,
        format!("computed: {}", judgement.working),
    );
    let mut problem = Problem::new(code, severity, message)
        .label(
            &document.source,
            figure.span,
            format!("stated: {}", figure.printed),
        )
        .help(Some(help_text(claim, judgement)).filter(|help| !help.is_empty()));
    problem.related.push(rule);
    Some(problem)
}

fn headline(claim: &ClaimOutcome, judgement: &Judgement) -> (&'static str, Severity, String) {
    let title = &claim.claim.title.value;
    if judgement.verdict == Verdict::Discrepancy {
        if let Some(message) = moved_message(claim) {
            let message = format!("{title}: {message}");
            return ("vd::expectation::stale", Severity::Error, message);
        }
    }
    if claim.stale_expectation() {
        let message = format!(
            "{title}: a discrepancy was expected, but the claim is now {}",
            judgement.verdict.label()
        );
        return ("vd::expectation::stale", Severity::Error, message);
    }
    let code = verdict_code(judgement.verdict);
    match judgement.verdict {
        Verdict::Discrepancy if claim.expected() => (
            code,
            Severity::Warning,
            format!("{title} (expected discrepancy)"),
        ),
        Verdict::Discrepancy => (code, Severity::Error, title.clone()),
        verdict => (
            code,
            Severity::Advice,
            format!("{title} ({})", verdict.label()),
        ),
    }
}

/// What moved in an expected discrepancy that is still a discrepancy:
/// `the expected discrepancy was about `43,635`, but the document now
/// prints `43,636``; `None` when nothing did.
pub fn moved_message(claim: &ClaimOutcome) -> Option<String> {
    match claim.moved().as_slice() {
        [] => None,
        [Moved {
            side: Side::Stated,
            pinned,
            now,
        }] => Some(format!(
            "the expected discrepancy was about `{pinned}`, but the document now prints `{now}`"
        )),
        [Moved {
            side: Side::Computed,
            pinned,
            now,
        }] => Some(format!(
            "the expected discrepancy was computed as `{pinned}`, but the rule now computes `{now}`"
        )),
        moved => Some(format!(
            "the expected discrepancy has moved on both sides: {}",
            moved
                .iter()
                .map(Moved::describe)
                .collect::<Vec<_>>()
                .join("; ")
        )),
    }
}

fn help_text(claim: &ClaimOutcome, judgement: &Judgement) -> String {
    let mut parts = Vec::new();
    let moved = claim.moved();
    if !moved.is_empty() && judgement.verdict == Verdict::Discrepancy {
        let what = if moved.iter().any(|m| m.side == Side::Stated) {
            "the figure has changed since the expectation was written"
        } else {
            "an input of the computation has changed since the expectation was pinned"
        };
        parts.push(format!("{what}: check the claim again, then pin it again with `vd-audit review`, or update or remove the `expect discrepancy` line"));
    } else if claim.stale_expectation() {
        parts.push(
            "the document no longer has this mistake: remove the `expect discrepancy` line"
                .to_string(),
        );
    }
    let equality = matches!(
        claim.claim.comparison,
        Comparison::Equal | Comparison::Approximately
    );
    if !judgement.difference.is_zero() && equality {
        parts.push(format::difference(
            judgement.difference,
            judgement.relative_difference,
            judgement.computed.unit,
        ));
    }
    if !equality && judgement.verdict == Verdict::Discrepancy {
        parts.push(order_help(claim.claim.comparison, judgement));
    }
    parts.extend(judgement.notes.iter().cloned());
    if judgement.verdict == Verdict::WithinRounding && judgement.notes.is_empty() {
        parts.push(
            "the difference is explained by the rounding of the figures it is computed from".into(),
        );
    }
    if let Some(cause) = &judgement.cause {
        parts.push(cause.clone());
    }
    if let Some(expectation) = &claim.claim.expectation {
        if !claim.stale_expectation() {
            parts.push(format!("expected, because: {}", expectation.reason.value));
        }
    }
    parts.join("; ")
}

/// What a failed ordering (`<`, `<=`, `>`, `>=`) says: the bound the
/// stated figure breaks, and by how much.
fn order_help(comparison: Comparison, judgement: &Judgement) -> String {
    let relation = match comparison {
        Comparison::Less => "below",
        Comparison::LessOrEqual => "at most",
        Comparison::Greater => "above",
        Comparison::GreaterOrEqual => "at least",
        Comparison::Equal | Comparison::Approximately => "equal to",
    };
    let unit = judgement.computed.unit;
    let bound = format::quantity(judgement.rounded, unit, 4);
    let gap = format::quantity(judgement.difference.abs(), unit, 4);
    let side = if judgement.difference.is_sign_negative() {
        "less"
    } else {
        "more"
    };
    if judgement.difference.is_zero() {
        format!("the stated figure should be {relation} {bound}, even allowing for rounding; it is equal to it")
    } else {
        format!("the stated figure should be {relation} {bound}, even allowing for rounding; it is {gap} {side}")
    }
}

/// The diagnostic for an error met while evaluating, located in the rule.
pub fn eval_problem(pack: &LoadedPack, error: &EvalError) -> Problem {
    Problem::new(error.code(), Severity::Error, error.to_string())
        .label(&pack.rule_file, error.span, "here".into())
        .help(error.help())
}

/// A run of digits in a document that is not a readable figure.
pub fn malformed_problem(document: &SourceFile, malformed: &MalformedFigure) -> Problem {
    Problem::new(
        "vd::figure::malformed",
        Severity::Error,
        format!("`{}` is not a well-formed figure", malformed.printed),
    )
    .label(document, malformed.span, malformed.reason.clone())
    .help(Some(
        "vd-audit does not guess what a malformed figure was meant to be".into(),
    ))
}

/// An `expect malformed` line whose figure the document no longer prints.
pub fn stale_malformed_problem(pack: &LoadedPack, span: Span) -> Problem {
    Problem::new(
        "vd::expectation::stale",
        Severity::Error,
        "a malformed figure was expected, but the document no longer prints it".into(),
    )
    .label(&pack.rule_file, span, "expected here".into())
    .help(Some(
        "the document has been corrected: remove this `expect malformed` line".into(),
    ))
}

/// A pack that states no claim passes whatever its documents say: a warning,
/// or an error under `--strict`.
pub fn empty_pack_problem(pack: &LoadedPack, is_error: bool) -> Problem {
    let severity = if is_error {
        Severity::Error
    } else {
        Severity::Warning
    };
    let problem = Problem::new(
        "vd::pack::empty",
        severity,
        format!("{} states no claim", pack.rule_file.display_path),
    )
    .help(Some(
        "a pack with no `claim` checks nothing, so it passes whatever its documents say; add claims, or remove the pack".into(),
    ));
    // Point at the first `document` line, if any, so that the diagnostic
    // shows which pack this is.
    match pack.ast.documents.first() {
        Some(decl) => problem.label(
            &pack.rule_file,
            decl.span,
            "no claim reads this document".into(),
        ),
        None => problem,
    }
}

/// The diagnostic for a statement of a pack that does not parse (or that
/// passes a limit). The pack's other statements are still evaluated.
pub fn syntax_problem(rule_file: &SourceFile, error: &ParseError) -> Problem {
    Problem::new(error.code(), Severity::Error, error.message.clone())
        .label(rule_file, error.span, "here".into())
        .help(error.help.clone())
}

/// The diagnostic for a pack that could not be loaded.
pub fn load_problem(error: &LoadError) -> Problem {
    match error {
        LoadError::Unreadable { path, reason } => Problem::new(
            "vd::io::unreadable",
            Severity::Error,
            // `check --auto` reads documents where `check` reads packs.
            format!(
                "cannot read {} `{}`: {reason}",
                if path.extension().is_some_and(|e| e == "vd") {
                    "rule pack"
                } else {
                    "document"
                },
                path.display()
            ),
        ),
        LoadError::Document {
            rule_file,
            span,
            message,
        } => Problem::new("vd::io::document", Severity::Error, message.clone()).label(
            rule_file,
            *span,
            "declared here".into(),
        ),
        LoadError::Refused {
            rule_file,
            span,
            path,
            refusal,
        } => refused_problem(rule_file, *span, path, refusal),
    }
}

/// A document the pack may not read. The message names the path, never the
/// file's contents: it was not opened.
fn refused_problem(rule_file: &SourceFile, span: Span, path: &Path, refusal: &Refusal) -> Problem {
    let help = match refusal {
        Refusal::OutsideRoot { .. } => {
            "a pack reads documents inside its project only, so that a pack from a pull request cannot quote other files into a report; \
             move the document into the project, name it yourself with `--document NAME=PATH`, \
             or allow it for local use with `--allow-outside-root` (or `allow-outside-root: true` in vd-audit.yaml)"
        }
        Refusal::NotARegularFile { .. } => "a pack's `document` line must name a regular text file",
    };
    let why = match refusal {
        // Say where a path leads only when it leads somewhere else.
        Refusal::OutsideRoot { resolved, root } if resolved == path => {
            format!("it lies outside the project root `{}`", root.display())
        }
        other => other.to_string(),
    };
    Problem::new(
        "vd::io::refused",
        Severity::Error,
        format!("refused to read document `{}`: {why}", path.display()),
    )
    .label(rule_file, span, "declared here".into())
    .help(Some(help.into()))
}
