//! The SARIF 2.1.0 report, for code scanning (GitHub's upload-sarif and
//! other SARIF viewers): one result per claim that is not simply exact,
//! located at the figure the document states, with the rule's computation
//! and every input figure as related locations; then one result per problem
//! that belongs to no claim (a pack that cannot be loaded, a malformed
//! figure, a failed `let`).
//!
//! Rule ids are the diagnostic codes (`vd::verdict::discrepancy`, …).
//! Columns count Unicode code points (`columnKind`), as every vd-audit
//! report does. Built from serde structs, so that the order of keys is
//! fixed and the output byte-stable.
//!
//! This file fills the log in; `model` is the shape of the document,
//! `rules` the table of rules, and `locations` how places become SARIF
//! locations and URIs.

mod locations;
mod model;
mod rules;

use std::collections::BTreeMap;

use self::locations::location;
use self::rules::{rule_index, CATALOGUE};
use super::finding::{self, figure_place, is_finding, problem_place, Level, Place};
use super::{PackAudit, Problem, ReportWriter, Strictness, Summary};
use crate::eval::{ClaimOutcome, Verdict};
use crate::pack::LoadedPack;

pub use locations::file_uri;
pub use model::{
    ArtifactLocation, ClaimProperties, Configuration, Driver, Invocation, Location, Log, Message,
    PhysicalLocation, Region, Rule, Run, SarifResult, Suppression, Tool, SCHEMA, VERSION,
};

/// The SARIF log as pretty-printed JSON, ending in a newline.
pub fn sarif(audits: &[PackAudit], strictness: Strictness) -> String {
    super::render(SarifReport::new(strictness), audits)
}

/// The SARIF log, a pack at a time. The log's rules and exit code come
/// before its results, so each pack's results are kept as text (not the
/// pack) and the log is written at the end.
pub struct SarifReport {
    strictness: Strictness,
    rules: Vec<Rule>,
    /// The results so far, each pretty-printed where it goes in the log.
    results: String,
}

/// How deep `runs[0].results[i]` lies in the log.
const RESULT_DEPTH: usize = 4;

impl SarifReport {
    pub fn new(strictness: Strictness) -> SarifReport {
        SarifReport {
            strictness,
            rules: CATALOGUE.iter().map(|entry| entry.rule()).collect(),
            results: String::new(),
        }
    }
}

impl ReportWriter for SarifReport {
    fn begin(&mut self, _out: &mut dyn std::io::Write) -> std::io::Result<()> {
        Ok(())
    }

    fn pack(&mut self, audit: &PackAudit, _out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let indent = "  ".repeat(RESULT_DEPTH);
        for result in pack_results(audit, self.strictness, &mut self.rules) {
            let text = serde_json::to_string_pretty(&result).unwrap_or_default();
            if !self.results.is_empty() {
                self.results.push(',');
            }
            self.results.push('\n');
            self.results.push_str(&indent);
            self.results
                .push_str(&super::writer::indent_json(&text, RESULT_DEPTH));
        }
        Ok(())
    }

    fn finish(&mut self, totals: &Summary, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let rules = std::mem::take(&mut self.rules);
        let log = log_with(rules, Vec::new(), totals.exit_code_with(self.strictness));
        let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
        // `results` is the run's last field, so its empty array is the last
        // one printed: the results go in there.
        const EMPTY: &str = "\"results\": []";
        if let Some(at) = text.rfind(EMPTY).filter(|_| !self.results.is_empty()) {
            let closing = format!("\n{}]", "  ".repeat(RESULT_DEPTH - 1));
            text.replace_range(
                at..at + EMPTY.len(),
                &format!("\"results\": [{}{closing}", self.results),
            );
        }
        text.push('\n');
        out.write_all(text.as_bytes())
    }
}

pub fn log(audits: &[PackAudit], strictness: Strictness) -> Log {
    let mut rules: Vec<Rule> = CATALOGUE.iter().map(|entry| entry.rule()).collect();
    let mut results = Vec::new();
    for audit in audits {
        results.extend(pack_results(audit, strictness, &mut rules));
    }
    let exit_code = Summary::of(audits).exit_code_with(strictness);
    log_with(rules, results, exit_code)
}

/// One pack's results: its problems, then its claims that are findings.
fn pack_results(
    audit: &PackAudit,
    strictness: Strictness,
    rules: &mut Vec<Rule>,
) -> Vec<SarifResult> {
    let mut results = Vec::new();
    for problem in super::pack_problems_with(audit, strictness) {
        results.push(problem_result(&problem, None, rules));
    }
    if let PackAudit::Audited(audited) = audit {
        for claim in audited.outcome.claims.iter().filter(|c| is_finding(c)) {
            results.extend(claim_result(&audited.pack, claim, strictness, rules));
        }
    }
    results
}

fn log_with(rules: Vec<Rule>, results: Vec<SarifResult>, exit_code: i32) -> Log {
    Log {
        schema: SCHEMA,
        version: VERSION,
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "vd-audit",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            invocations: vec![Invocation {
                execution_successful: exit_code != 2,
                exit_code,
            }],
            column_kind: "unicodeCodePoints",
            results,
        }],
    }
}

fn claim_result(
    pack: &LoadedPack,
    claim: &ClaimOutcome,
    strictness: Strictness,
    rules: &mut Vec<Rule>,
) -> Option<SarifResult> {
    let problem = super::claim_problem_with(pack, claim, strictness)?;
    let judgement = match &claim.result {
        Ok(judgement) => judgement,
        Err(_) => return Some(problem_result(&problem, Some(claim), rules)),
    };
    let level = level_name(finding::claim_level(claim, strictness));
    let stated = figure_place(pack, &judgement.stated);
    let mut text = problem.message.clone();
    if let Some(stated) = &stated {
        text.push_str(&format!(
            ": stated {}, computed {}",
            stated.text, judgement.working
        ));
    }
    if let Some(help) = problem.help.as_ref().filter(|h| !h.is_empty()) {
        text.push_str("; ");
        text.push_str(help);
    }
    let mut related = vec![location(
        Some(1),
        &Place::new(&pack.rule_file, claim.claim.computed.span),
        Some(format!("computed: {}", judgement.working)),
    )];
    for input in &judgement.inputs {
        if let Some(place) = figure_place(pack, input) {
            let id = related.len() + 1;
            related.push(location(
                Some(id),
                &place,
                Some(format!("input: {}", place.text)),
            ));
        }
    }
    let suppressions = match &claim.claim.expectation {
        Some(expectation) if judgement.verdict == Verdict::Discrepancy => vec![Suppression {
            kind: "external",
            justification: expectation.reason.value.clone(),
        }],
        _ => Vec::new(),
    };
    Some(SarifResult {
        rule_index: rule_index(rules, problem.code),
        rule_id: problem.code.to_string(),
        level,
        message: Message { text },
        locations: stated.iter().map(|p| location(None, p, None)).collect(),
        related_locations: related,
        partial_fingerprints: fingerprint(claim),
        suppressions,
        properties: Some(properties(
            claim,
            stated.map(|s| s.text),
            Some(judgement.working.clone()),
        )),
    })
}

/// A diagnostic as a result: a problem of the pack, or a claim that could
/// not be evaluated (then located in the rule, and carrying the claim's id).
fn problem_result(
    problem: &Problem,
    claim: Option<&ClaimOutcome>,
    rules: &mut Vec<Rule>,
) -> SarifResult {
    let mut text = problem.message.clone();
    if let Some(help) = problem.help.as_ref().filter(|h| !h.is_empty()) {
        text.push('\n');
        text.push_str(help);
    }
    let related = problem
        .related
        .iter()
        .filter_map(|r| problem_place(r).map(|p| (p, r)))
        .enumerate()
        .map(|(i, (place, r))| {
            let label = r
                .labels
                .first()
                .and_then(|l| l.label())
                .unwrap_or(&r.message)
                .to_string();
            location(Some(i + 1), &place, Some(label))
        })
        .collect();
    SarifResult {
        rule_index: rule_index(rules, problem.code),
        rule_id: problem.code.to_string(),
        level: level_name(Level::of_severity(problem.severity)),
        message: Message { text },
        locations: problem_place(problem)
            .iter()
            .map(|p| location(None, p, None))
            .collect(),
        related_locations: related,
        partial_fingerprints: claim.map(fingerprint).unwrap_or_default(),
        suppressions: Vec::new(),
        properties: claim.map(|c| properties(c, None, None)),
    }
}

fn fingerprint(claim: &ClaimOutcome) -> BTreeMap<&'static str, String> {
    BTreeMap::from([("vdClaimId/v1", claim.id.clone())])
}

fn properties(
    claim: &ClaimOutcome,
    stated: Option<String>,
    working: Option<String>,
) -> ClaimProperties {
    ClaimProperties {
        claim_id: claim.id.clone(),
        title: claim.claim.title.value.clone(),
        status: match claim.verdict() {
            None => "error",
            Some(Verdict::Exact) => "exact",
            Some(Verdict::WithinRounding) => "within_rounding",
            Some(Verdict::Approximate) => "approximate",
            Some(Verdict::Discrepancy) => "discrepancy",
        },
        expected: claim.expected(),
        stated,
        working,
    }
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "note",
    }
}
