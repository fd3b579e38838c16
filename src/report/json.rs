//! The JSON report: one object per claim and a summary, for CI and scripts.
//! Its shape is versioned by `format_version`.

use serde::Serialize;

use std::io::{self, Write};

use super::audit::PackAudit;
use super::diagnostic::Problem;
use super::strictness::Strictness;
use super::summary::Summary;
use super::writer::ReportWriter;
use crate::eval::{ClaimOutcome, FigureRef, Outcome, Verdict};
use crate::format;
use crate::pack::LoadedPack;

pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
pub struct Report {
    pub format_version: u32,
    pub claims: Vec<ClaimJson>,
    /// Problems that are not claims: syntax errors, failed `let`s,
    /// malformed figures.
    pub problems: Vec<ProblemJson>,
    pub summary: Summary,
    pub exit_code: i32,
}

#[derive(Serialize)]
pub struct ClaimJson {
    pub id: String,
    pub title: String,
    /// exact | within_rounding | approximate | discrepancy | error
    pub status: &'static str,
    /// Whether the pack marks this claim as a known discrepancy.
    pub expected: bool,
    pub expectation: Option<String>,
    /// pass | fail | error: what the claim contributes to the exit status.
    pub outcome: &'static str,
    /// The figure as printed in the document.
    pub stated: Option<String>,
    /// The computed value, exactly (percentages as ratios).
    pub computed: Option<String>,
    /// The computed value rounded as the stated figure is printed.
    pub computed_rounded: Option<String>,
    pub working: Option<String>,
    pub difference: Option<String>,
    pub relative_difference: Option<String>,
    pub cause: Option<String>,
    /// What else the verdict rests on: another rounding convention, a hedge,
    /// the input whose printed precision makes it within rounding.
    pub notes: Vec<String>,
    /// For a verdict within rounding that taking inputs as exact would
    /// change: which, and what the verdict would then be.
    pub rests_on: Option<RestsOnJson>,
    pub document: Option<String>,
    /// The page of the stated figure, in a document printed on pages (a
    /// PDF); `line` is then the line on that page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// In a web page, the element the stated figure came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub element: Option<String>,
    pub rule: String,
    pub rule_line: usize,
    pub rule_column: usize,
    pub inputs: Vec<FigureJson>,
    pub error: Option<String>,
    /// The pinned sides of an expected discrepancy that have moved: what
    /// the expectation pins and what the claim gives now. Left out when
    /// none has.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expectation_moved: Vec<MovedJson>,
}

#[derive(Serialize)]
pub struct MovedJson {
    /// stated | computed
    pub side: &'static str,
    pub pinned: String,
    pub now: String,
}

#[derive(Serialize)]
pub struct RestsOnJson {
    /// The input whose printed precision the verdict rests on most; `null`
    /// when only the inputs' rounding together explains the stated figure.
    pub input: Option<FigureJson>,
    /// Every value `input` stands for (percentages as ratios).
    pub stands_for: Option<BoundsJson>,
    /// With `input`: the other inputs that alone would change the verdict
    /// too. Without: every input whose rounding was allowed for.
    pub others: Vec<FigureJson>,
    /// The verdict with `input` (or, without one, every input) taken as
    /// exact.
    pub verdict_if_exact: &'static str,
    /// The computed value's bounds then.
    pub computed_if_exact: BoundsJson,
}

#[derive(Serialize)]
pub struct BoundsJson {
    pub low: String,
    pub high: String,
}

impl BoundsJson {
    fn of(interval: crate::interval::Interval) -> BoundsJson {
        BoundsJson {
            low: format::plain(interval.lo.round_dp(12)),
            high: format::plain(interval.hi.round_dp(12)),
        }
    }
}

/// A verdict as the JSON report spells it.
fn status(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Exact => "exact",
        Verdict::WithinRounding => "within_rounding",
        Verdict::Approximate => "approximate",
        Verdict::Discrepancy => "discrepancy",
    }
}

#[derive(Serialize)]
pub struct FigureJson {
    pub document: String,
    /// The page, in a document printed on pages (a PDF); `line` is then the
    /// line on that page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    pub line: usize,
    pub column: usize,
    /// In a web page, the element the figure came from (`table 2, row 3,
    /// column 2`, `p 4`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub element: Option<String>,
    pub printed: String,
}

#[derive(Serialize)]
pub struct ProblemJson {
    pub code: &'static str,
    pub severity: &'static str,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

pub fn report(audits: &[PackAudit]) -> Report {
    report_with(audits, Strictness::default())
}

/// The report with the verdicts that `strictness` denies counted as
/// failures, in each claim's `outcome` and in `exit_code`.
pub fn report_with(audits: &[PackAudit], strictness: Strictness) -> Report {
    let mut claims = Vec::new();
    let mut problems = Vec::new();
    for audit in audits {
        match audit {
            PackAudit::Audited(audited) => {
                claims.extend(
                    audited
                        .outcome
                        .claims
                        .iter()
                        .map(|c| claim_json(&audited.pack, c, strictness)),
                );
                problems.extend(
                    super::pack_problems_with(audit, strictness)
                        .iter()
                        .map(problem_json),
                );
            }
            PackAudit::NotLoaded(_) => problems.extend(
                super::pack_problems_with(audit, strictness)
                    .iter()
                    .map(problem_json),
            ),
        }
    }
    let summary = Summary::of(audits);
    Report {
        format_version: FORMAT_VERSION,
        claims,
        problems,
        exit_code: summary.exit_code_with(strictness),
        summary,
    }
}

/// The report as pretty-printed JSON, ending in a newline: the same text
/// as serializing [`report_with`], written a pack at a time.
pub fn json(audits: &[PackAudit], strictness: Strictness) -> String {
    super::render(JsonReport::new(strictness), audits)
}

/// The JSON report, a pack at a time: each claim is written as it comes;
/// the problems (few) are kept for the end, where the summary goes.
pub struct JsonReport {
    strictness: Strictness,
    claims_written: usize,
    problems: Vec<ProblemJson>,
}

impl JsonReport {
    pub fn new(strictness: Strictness) -> JsonReport {
        JsonReport {
            strictness,
            claims_written: 0,
            problems: Vec::new(),
        }
    }
}

impl ReportWriter for JsonReport {
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        write!(
            out,
            "{{\n  \"format_version\": {FORMAT_VERSION},\n  \"claims\": ["
        )
    }

    fn pack(&mut self, audit: &PackAudit, out: &mut dyn Write) -> io::Result<()> {
        if let PackAudit::Audited(audited) = audit {
            for claim in &audited.outcome.claims {
                let json = claim_json(&audited.pack, claim, self.strictness);
                let separator = if self.claims_written == 0 { "" } else { "," };
                write!(out, "{separator}\n    {}", pretty(&json, 2))?;
                self.claims_written += 1;
            }
        }
        self.problems.extend(
            super::pack_problems_with(audit, self.strictness)
                .iter()
                .map(problem_json),
        );
        Ok(())
    }

    fn finish(&mut self, totals: &Summary, out: &mut dyn Write) -> io::Result<()> {
        let close = if self.claims_written == 0 {
            "]"
        } else {
            "\n  ]"
        };
        writeln!(
            out,
            "{close},\n  \"problems\": {},\n  \"summary\": {},\n  \"exit_code\": {}\n}}",
            pretty(&self.problems, 1),
            pretty(totals, 1),
            totals.exit_code_with(self.strictness)
        )
    }
}

/// `value` as serde_json pretty-prints it at `depth` inside a document.
fn pretty(value: &impl Serialize, depth: usize) -> String {
    super::writer::indent_json(
        &serde_json::to_string_pretty(value).unwrap_or_default(),
        depth,
    )
}

fn claim_json(pack: &LoadedPack, claim: &ClaimOutcome, strictness: Strictness) -> ClaimJson {
    let rule_at = pack.rule_file.line_col(claim.claim.span.start);
    let mut json = ClaimJson {
        id: claim.id.clone(),
        title: claim.claim.title.value.clone(),
        status: "error",
        expected: claim.expected(),
        expectation: claim
            .claim
            .expectation
            .as_ref()
            .map(|e| e.reason.value.clone()),
        outcome: match strictness.outcome(claim) {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Error => "error",
        },
        stated: None,
        computed: None,
        computed_rounded: None,
        working: None,
        difference: None,
        relative_difference: None,
        cause: None,
        notes: Vec::new(),
        rests_on: None,
        document: None,
        page: None,
        line: None,
        column: None,
        element: None,
        rule: pack.rule_file.display_path.clone(),
        rule_line: rule_at.line,
        rule_column: rule_at.column,
        inputs: Vec::new(),
        error: None,
        expectation_moved: claim
            .moved()
            .iter()
            .map(|m| MovedJson {
                side: m.side.name(),
                pinned: m.pinned.to_string(),
                now: m.now.to_string(),
            })
            .collect(),
    };
    match &claim.result {
        Err(error) => json.error = Some(error.to_string()),
        Ok(judgement) => {
            json.status = status(judgement.verdict);
            json.computed = Some(format::plain(judgement.computed.value.round_dp(12)));
            json.computed_rounded = Some(format::plain(judgement.rounded));
            json.working = Some(judgement.working.clone());
            json.difference = Some(format::plain(judgement.difference));
            json.relative_difference = judgement
                .relative_difference
                .map(|r| format::plain(r.round_dp(6)));
            json.cause = judgement.cause.clone();
            json.notes = judgement.notes.clone();
            json.rests_on = judgement.rests_on.as_ref().map(|r| RestsOnJson {
                input: r.input.as_ref().and_then(|i| figure_json(pack, i)),
                stands_for: r.stands_for.map(BoundsJson::of),
                others: r
                    .others
                    .iter()
                    .filter_map(|i| figure_json(pack, i))
                    .collect(),
                verdict_if_exact: status(r.verdict_if_exact),
                computed_if_exact: BoundsJson::of(r.bounds_if_exact),
            });
            json.stated = Some(judgement.stated_text.clone());
            if let Some(stated) = figure_json(pack, &judgement.stated) {
                json.document = Some(stated.document);
                json.page = stated.page;
                json.line = Some(stated.line);
                json.column = Some(stated.column);
                json.element = stated.element;
            }
            json.inputs = judgement
                .inputs
                .iter()
                .filter_map(|i| figure_json(pack, i))
                .collect();
        }
    }
    json
}

fn figure_json(pack: &LoadedPack, reference: &FigureRef) -> Option<FigureJson> {
    let (document, figure) = pack.figure(reference)?;
    let at = document.source.shown_at(figure.span.start);
    Some(FigureJson {
        document: document.source.display_path.clone(),
        page: at.page,
        line: at.line,
        column: at.column,
        element: document.source.element_at(figure.span.start),
        printed: figure.printed.clone(),
    })
}

fn problem_json(problem: &Problem) -> ProblemJson {
    let (file, line, column) = match (&problem.source, problem.labels.first()) {
        (Some(source), Some(label)) => {
            let at = source.inner().line_col(label.offset());
            (
                Some(source.name().to_string()),
                Some(at.line),
                Some(at.column),
            )
        }
        _ => (None, None, None),
    };
    ProblemJson {
        code: problem.code,
        severity: match problem.severity {
            miette::Severity::Error => "error",
            miette::Severity::Warning => "warning",
            miette::Severity::Advice => "advice",
        },
        message: problem.message.clone(),
        file,
        line,
        column,
    }
}
