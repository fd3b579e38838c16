//! The diagnostics of a pack: those of the pack itself (loading, syntax,
//! malformed figures, failed `let`s), then one per claim that is not
//! simply exact.

use crate::eval::{ClaimOutcome, Verdict};
use crate::pack::LoadedPack;

use super::audit::{pack_name, PackAudit};
use super::diagnostic::{self, Problem};
use super::strictness::Strictness;
use super::summary::plural;

/// The diagnostics of one pack: those of the pack itself, then one per
/// claim that is not simply exact, in claim order.
pub fn problems(audit: &PackAudit) -> Vec<Problem> {
    problems_with(audit, Strictness::default())
}

/// As [`problems`], with the claims whose verdict `strictness` denies
/// reported as errors.
pub fn problems_with(audit: &PackAudit, strictness: Strictness) -> Vec<Problem> {
    let mut problems = pack_problems_with(audit, strictness);
    if let PackAudit::Audited(audited) = audit {
        for claim in &audited.outcome.claims {
            problems.extend(claim_problem_with(&audited.pack, claim, strictness));
        }
    }
    problems
}

/// The diagnostic of a claim that is not simply exact; an error, and saying
/// why, when its verdict is denied.
pub fn claim_problem_with(
    pack: &LoadedPack,
    claim: &ClaimOutcome,
    strictness: Strictness,
) -> Option<Problem> {
    let mut problem = diagnostic::claim_problem(pack, claim)?;
    if let Some(verdict) = claim
        .verdict()
        .filter(|v| strictness.denies(*v) && !claim.stale_expectation())
    {
        problem.severity = miette::Severity::Error;
        let denied = denied_note(verdict);
        problem.help = Some(match problem.help.take() {
            Some(help) if !help.is_empty() => format!("{help}; {denied}"),
            _ => denied,
        });
    }
    Some(problem)
}

/// Why a claim with this verdict fails.
pub fn denied_note(verdict: Verdict) -> String {
    format!(
        "{} is denied in this run (--deny, --strict or vd-audit.yaml)",
        verdict.label()
    )
}

/// The diagnostics that belong to no claim: a pack that could not be loaded,
/// its syntax errors, a pack that states no claim, malformed figures in its documents, `let` bindings
/// that failed.
pub fn pack_problems(audit: &PackAudit) -> Vec<Problem> {
    pack_problems_with(audit, Strictness::default())
}

/// As [`pack_problems`], with a pack that states no claim an error when
/// `strictness` says so.
pub fn pack_problems_with(audit: &PackAudit, strictness: Strictness) -> Vec<Problem> {
    let audited = match audit {
        PackAudit::NotLoaded(error) => return vec![diagnostic::load_problem(error)],
        PackAudit::Audited(audited) => audited,
    };
    let pack = &audited.pack;
    let mut problems: Vec<Problem> = pack
        .syntax_errors
        .iter()
        .map(|error| diagnostic::syntax_problem(&pack.rule_file, error))
        .collect();
    if audited.states_no_claim() {
        problems.push(diagnostic::empty_pack_problem(pack, strictness.empty_pack));
    }
    for entry in &audited.outcome.malformed {
        let Some((document, malformed)) = pack.malformed(&entry.document, entry.index) else {
            continue;
        };
        let mut problem = diagnostic::malformed_problem(&document.source, malformed);
        if let Some(reason) = &entry.expected {
            problem.severity = miette::Severity::Warning;
            problem.message = format!("{} (expected)", problem.message);
            problem.help = Some(format!("expected, because: {reason}"));
        }
        problems.push(problem);
    }
    for span in &audited.outcome.stale_malformed {
        problems.push(diagnostic::stale_malformed_problem(pack, *span));
    }
    for error in &audited.outcome.binding_errors {
        problems.push(diagnostic::eval_problem(pack, error));
    }
    problems
}

/// Why a pack puts the run in error (exit 2), a line per error, naming
/// the pack and the place: for standard error when the report itself goes
/// to standard output in a machine format that a CI log does not show.
pub fn pack_errors(audit: &PackAudit, strictness: Strictness) -> Vec<String> {
    let name = pack_name(audit);
    let audited = match audit {
        PackAudit::NotLoaded(error) => {
            return vec![format!(
                "{name}: {}",
                diagnostic::load_problem(error).message
            )];
        }
        PackAudit::Audited(audited) => audited,
    };
    let mut errors = Vec::new();
    if strictness.empty_pack && audited.states_no_claim() {
        errors.push(format!("{name} states no claim"));
    }
    for error in &audited.pack.syntax_errors {
        let at = audited.pack.rule_file.line_col(error.span.start);
        errors.push(format!("{name}:{}:{}: {error}", at.line, at.column));
    }
    let outcome = &audited.outcome;
    let claim_errors = outcome
        .claims
        .iter()
        .filter_map(|c| c.result.as_ref().err());
    for error in outcome.binding_errors.iter().chain(claim_errors) {
        let at = audited.pack.rule_file.line_col(error.span.start);
        errors.push(format!("{name}:{}:{}: {error}", at.line, at.column));
    }
    errors
}

/// One line for standard error: how many errors stopped the audit, and the
/// first of them.
pub fn error_line(errors: &[String]) -> Option<String> {
    let first = errors.first()?.replace('\n', " ");
    let more = match errors.len() {
        1 => String::new(),
        n => format!(" (and {} more, in the report)", n - 1),
    };
    Some(format!(
        "error: {} stopped the audit: {first}{more}",
        plural(errors.len(), "error", "errors")
    ))
}
