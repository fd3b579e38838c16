//! Stage 5: reports. The same audit can be printed for people (miette
//! diagnostics and a summary), for machines (JSON), for CI tools (SARIF,
//! JUnit XML, GitHub Actions annotations) and for committees (one HTML page
//! of the documents with their figures marked).

pub mod diagnostic;
pub mod finding;
pub mod github;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod writer;

use std::fmt::Write as _;

use miette::{GraphicalReportHandler, GraphicalTheme};

use crate::eval::{ClaimOutcome, Outcome, PackOutcome, Verdict};
use crate::load::{LoadError, LoadedPack};

pub use diagnostic::Problem;
pub use writer::{render, ReportStream, ReportWriter, Tally};

/// One pack's audit, or the reason it could not be run.
#[derive(Debug)]
pub enum PackAudit {
    Audited(AuditedPack),
    NotLoaded(LoadError),
}

#[derive(Debug)]
pub struct AuditedPack {
    pub pack: LoadedPack,
    pub outcome: PackOutcome,
}

impl AuditedPack {
    /// A pack with no claim and no syntax error: it would pass whatever its
    /// documents say. (A pack whose claims all failed to parse has its
    /// syntax errors to show for it.)
    pub fn states_no_claim(&self) -> bool {
        self.outcome.claims.is_empty() && self.pack.syntax_errors.is_empty()
    }
}

/// Counts of every verdict and outcome, for the summary line and exit status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub claims: usize,
    pub exact: usize,
    pub within_rounding: usize,
    pub approximate: usize,
    pub discrepancy: usize,
    pub expected_discrepancy: usize,
    pub stale_expectation: usize,
    pub error: usize,
    /// Malformed figures no pack expects.
    pub malformed_figures: usize,
    /// Malformed figures a pack marks with `expect malformed`.
    pub expected_malformed_figures: usize,
    /// Packs that state no claim: they would pass whatever their documents say.
    #[serde(skip_serializing_if = "is_zero")]
    pub empty_packs: usize,
}

fn is_zero(count: &usize) -> bool {
    *count == 0
}

impl Summary {
    pub fn of(audits: &[PackAudit]) -> Summary {
        let mut tally = Tally::default();
        for audit in audits {
            tally.add(audit);
        }
        tally.summary()
    }

    fn add(&mut self, audited: &AuditedPack) {
        if audited.states_no_claim() {
            self.empty_packs += 1;
        }
        self.error += audited.pack.syntax_errors.len();
        self.error += audited.outcome.binding_errors.len();
        let malformed = &audited.outcome.malformed;
        self.malformed_figures += malformed.iter().filter(|m| m.expected.is_none()).count();
        self.expected_malformed_figures +=
            malformed.iter().filter(|m| m.expected.is_some()).count();
        self.stale_expectation += audited.outcome.stale_malformed.len();
        for claim in &audited.outcome.claims {
            self.claims += 1;
            match claim.verdict() {
                None => self.error += 1,
                Some(Verdict::Exact) => self.exact += 1,
                Some(Verdict::WithinRounding) => self.within_rounding += 1,
                Some(Verdict::Approximate) => self.approximate += 1,
                Some(Verdict::Discrepancy) => {
                    self.discrepancy += 1;
                    if claim.expected() {
                        self.expected_discrepancy += 1;
                    }
                }
            }
            if claim.stale_expectation() {
                self.stale_expectation += 1;
            }
        }
    }

    /// 0 when every claim holds or is expected, 1 for findings, 2 when a
    /// rule, document or argument is in error.
    pub fn exit_code(&self) -> i32 {
        self.exit_code_with(Strictness::default())
    }

    /// As [`Summary::exit_code`], with the verdicts that `strictness` denies
    /// counted as findings.
    pub fn exit_code_with(&self, strictness: Strictness) -> i32 {
        let denied = (strictness.within_rounding && self.within_rounding > 0)
            || (strictness.approximate && self.approximate > 0);
        if self.error > 0 || (strictness.empty_pack && self.empty_packs > 0) {
            2
        } else if self.discrepancy > self.expected_discrepancy
            || self.stale_expectation > 0
            || self.malformed_figures > 0
            || denied
        {
            1
        } else {
            0
        }
    }

    pub fn line(&self) -> String {
        let mut line = format!(
            "{}: {} exact, {} within rounding, {} approximate, {} ({} expected)",
            plural(self.claims, "claim", "claims"),
            self.exact,
            self.within_rounding,
            self.approximate,
            plural(self.discrepancy, "discrepancy", "discrepancies"),
            self.expected_discrepancy
        );
        if self.stale_expectation > 0 {
            let _ = write!(
                line,
                ", {}",
                plural(
                    self.stale_expectation,
                    "stale expectation",
                    "stale expectations"
                )
            );
        }
        let malformed = self.malformed_figures + self.expected_malformed_figures;
        if malformed > 0 {
            let _ = write!(
                line,
                ", {} ({} expected)",
                plural(malformed, "malformed figure", "malformed figures"),
                self.expected_malformed_figures
            );
        }
        let _ = write!(line, ", {}", plural(self.error, "error", "errors"));
        if self.empty_packs > 0 {
            let _ = write!(
                line,
                ", {} with no claim",
                plural(self.empty_packs, "pack", "packs")
            );
        }
        line
    }
}

/// Which verdicts that pass by default are failures in this run
/// (`--deny`, `--strict`, `vd-audit.yaml`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Strictness {
    pub within_rounding: bool,
    pub approximate: bool,
    /// A pack that states no claim is an error, not a warning.
    pub empty_pack: bool,
}

impl Strictness {
    /// `--strict`: every verdict but exact (and expected discrepancies) fails,
    /// and a pack with no claim is an error.
    pub const STRICT: Strictness = Strictness {
        within_rounding: true,
        approximate: true,
        empty_pack: true,
    };

    pub fn denies(self, verdict: Verdict) -> bool {
        match verdict {
            Verdict::WithinRounding => self.within_rounding,
            Verdict::Approximate => self.approximate,
            Verdict::Exact | Verdict::Discrepancy => false,
        }
    }

    /// What the claim contributes to the exit status under these settings.
    pub fn outcome(self, claim: &ClaimOutcome) -> Outcome {
        match claim.outcome() {
            Outcome::Pass if claim.verdict().is_some_and(|v| self.denies(v)) => Outcome::Fail,
            outcome => outcome,
        }
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// How human-readable output is drawn.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

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
        let Some((document, malformed)) = pack.malformed(entry) else {
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

/// The human report: every diagnostic, then a summary line per pack and
/// one for the whole run.
pub fn human(audits: &[PackAudit], style: Style) -> String {
    human_with(audits, style, Strictness::default())
}

/// As [`human`], with the verdicts that `strictness` denies as errors.
pub fn human_with(audits: &[PackAudit], style: Style, strictness: Strictness) -> String {
    render(HumanReport::new(style, strictness), audits)
}

/// The human report, a pack at a time: each pack's diagnostics as it
/// comes; the summary lines, a pack each and the total, at the end.
pub struct HumanReport {
    handler: GraphicalReportHandler,
    strictness: Strictness,
    /// Malformed figures already shown: each is shown once, not once per
    /// pack reading its document.
    shown_malformed: std::collections::BTreeSet<(Option<String>, Option<usize>)>,
    /// Each pack's summary line, written at the end.
    summaries: Vec<String>,
}

impl HumanReport {
    pub fn new(style: Style, strictness: Strictness) -> HumanReport {
        let theme = if style.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(style.width)
            .with_links(false);
        HumanReport {
            handler,
            strictness,
            shown_malformed: Default::default(),
            summaries: Vec::new(),
        }
    }
}

impl ReportWriter for HumanReport {
    fn begin(&mut self, _out: &mut dyn std::io::Write) -> std::io::Result<()> {
        Ok(())
    }

    fn pack(&mut self, audit: &PackAudit, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut text = String::new();
        for problem in problems_with(audit, self.strictness) {
            if problem.code == "vd::figure::malformed" {
                let place = problem.source.as_ref().map(|s| s.name().to_string());
                let offset = problem.labels.first().map(|l| l.offset());
                if !self.shown_malformed.insert((place, offset)) {
                    continue;
                }
            }
            let _ = self.handler.render_report(&mut text, &problem);
            text.push('\n');
        }
        let summary = Summary::of(std::slice::from_ref(audit));
        self.summaries
            .push(format!("{}: {}\n", pack_name(audit), summary.line()));
        out.write_all(text.as_bytes())
    }

    fn finish(&mut self, totals: &Summary, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        for line in &self.summaries {
            out.write_all(line.as_bytes())?;
        }
        writeln!(out, "total: {}", totals.line())
    }
}

/// The pack's rule file as shown to users, whether or not it could be loaded.
pub fn pack_name(audit: &PackAudit) -> String {
    match audit {
        PackAudit::Audited(a) => a.pack.rule_file.display_path.clone(),
        PackAudit::NotLoaded(LoadError::Unreadable { path, .. }) => {
            crate::source::display_path(path)
        }
        PackAudit::NotLoaded(
            LoadError::Document { rule_file, .. } | LoadError::Refused { rule_file, .. },
        ) => rule_file.display_path.clone(),
    }
}
