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

use std::collections::BTreeMap;

use serde::Serialize;

use super::audit::PackAudit;
use super::diagnostic::Problem;
use super::finding::{self, figure_place, is_finding, problem_place, Level, Place};
use super::strictness::Strictness;
use super::summary::Summary;
use super::writer::ReportWriter;
use crate::eval::{ClaimOutcome, Verdict};
use crate::pack::LoadedPack;

/// The `id` of the official schema (errata 01).
pub const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
pub const VERSION: &str = "2.1.0";

#[derive(Serialize)]
pub struct Log {
    #[serde(rename = "$schema")]
    pub schema: &'static str,
    pub version: &'static str,
    pub runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Run {
    pub tool: Tool,
    pub invocations: Vec<Invocation>,
    pub column_kind: &'static str,
    pub results: Vec<SarifResult>,
}

#[derive(Serialize)]
pub struct Tool {
    pub driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Driver {
    pub name: &'static str,
    pub version: &'static str,
    pub semantic_version: &'static str,
    pub rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    pub id: String,
    pub name: String,
    pub short_description: Message,
    pub full_description: Message,
    pub help: Message,
    pub default_configuration: Configuration,
}

#[derive(Serialize)]
pub struct Configuration {
    pub level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Invocation {
    pub execution_successful: bool,
    pub exit_code: i32,
}

#[derive(Serialize)]
pub struct Message {
    pub text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SarifResult {
    pub rule_id: String,
    pub rule_index: usize,
    pub level: &'static str,
    pub message: Message,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressions: Vec<Suppression>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<ClaimProperties>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<usize>,
    pub physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PhysicalLocation {
    pub artifact_location: ArtifactLocation,
    pub region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ArtifactLocation {
    pub uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    pub start_line: usize,
    pub start_column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub snippet: Message,
}

#[derive(Serialize)]
pub struct Suppression {
    pub kind: &'static str,
    pub justification: String,
}

/// vd-audit's own facts about a claim, in the result's property bag.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimProperties {
    pub claim_id: String,
    pub title: String,
    /// As in the JSON report: exact | within_rounding | approximate |
    /// discrepancy | error.
    pub status: &'static str,
    pub expected: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working: Option<String>,
}

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

fn location(id: Option<usize>, place: &Place, message: Option<String>) -> Location {
    let relative = !is_absolute(&place.file);
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: file_uri(&place.file),
                uri_base_id: relative.then_some("%SRCROOT%"),
            },
            region: Region {
                start_line: place.start.line,
                start_column: place.start.column,
                end_line: place.end.line,
                end_column: place.end.column,
                snippet: Message {
                    text: place.text.clone(),
                },
            },
        },
        message: message.map(|text| Message { text }),
    }
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "note",
    }
}

fn is_absolute(path: &str) -> bool {
    path.starts_with('/') || path.as_bytes().get(1) == Some(&b':')
}

/// A displayed path as a URI reference: relative paths stay relative (to
/// `%SRCROOT%`, the working directory), absolute ones become `file:` URIs;
/// anything but unreserved characters and `/` is percent-encoded.
pub fn file_uri(path: &str) -> String {
    let drive = !path.starts_with('/') && is_absolute(path);
    let mut uri = String::from(match (path.starts_with('/'), drive) {
        (true, _) => "file://",
        (false, true) => "file:///",
        (false, false) => "",
    });
    for (i, byte) in path.bytes().enumerate() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(char::from(byte))
            }
            b'\\' => uri.push('/'),
            b':' if drive && i == 1 => uri.push(':'),
            other => uri.push_str(&format!("%{other:02X}")),
        }
    }
    uri
}

fn rule_index(rules: &mut Vec<Rule>, code: &str) -> usize {
    if let Some(index) = rules.iter().position(|r| r.id == code) {
        return index;
    }
    rules.push(
        CatalogueEntry {
            id: "",
            name: "Other",
            short: "A problem found while auditing",
            help: "See the message for what went wrong and where.",
            level: "error",
        }
        .rule_with_id(code),
    );
    rules.len() - 1
}

struct CatalogueEntry {
    id: &'static str,
    name: &'static str,
    short: &'static str,
    help: &'static str,
    level: &'static str,
}

impl CatalogueEntry {
    fn rule(&self) -> Rule {
        self.rule_with_id(self.id)
    }

    fn rule_with_id(&self, id: &str) -> Rule {
        Rule {
            id: id.to_string(),
            name: self.name.to_string(),
            short_description: Message {
                text: self.short.to_string(),
            },
            full_description: Message {
                text: format!("{}.", self.short),
            },
            help: Message {
                text: self.help.to_string(),
            },
            default_configuration: Configuration { level: self.level },
        }
    }
}

/// Every code a result can carry, in a fixed order: the verdicts, then the
/// problems of documents, rules and evaluation.
const CATALOGUE: &[CatalogueEntry] = &[
    CatalogueEntry {
        id: "vd::verdict::discrepancy",
        name: "Discrepancy",
        short: "A stated figure disagrees with what the rule computes, even allowing for rounding",
        help: "The figure printed in the document cannot be reconciled with the value the rule computes from the document's other figures, even allowing for the rounding of every input. Correct the document; or, to record a known mistake, add `expect discrepancy \"reason\"` under the claim in the rule pack.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::verdict::within_rounding",
        name: "WithinRounding",
        short: "A stated figure differs from the computation by no more than its inputs' rounding",
        help: "The computed value, rounded as the figure is printed, is not the figure, but the difference is explained by how the figures it is computed from were rounded. A note by default; a failure with `--deny within-rounding`, `--strict` or `deny: [within-rounding]` in vd-audit.yaml.",
        level: "note",
    },
    CatalogueEntry {
        id: "vd::verdict::approximate",
        name: "Approximate",
        short: "A `~=` claim misses by no more than its tolerance",
        help: "The claim is written with `~=` and a tolerance, and the stated figure is within that tolerance of the computed value but not equal to it. A note by default; a failure with `--deny approximate`, `--strict` or `deny: [approximate]` in vd-audit.yaml.",
        level: "note",
    },
    CatalogueEntry {
        id: "vd::expectation::stale",
        name: "StaleExpectation",
        short: "A claim marked `expect discrepancy` no longer has a discrepancy",
        help: "The document no longer has the mistake the rule pack expects (a corrected draft, perhaps): remove the `expect discrepancy` line from the claim. Or the stated figure or the computed value is no longer the one the expectation pins (an input has changed): check the claim again, then pin it again with `vd-audit review`.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::figure::malformed",
        name: "MalformedFigure",
        short: "A run of digits in a document is not a well-formed figure",
        help: "vd-audit does not guess what a malformed figure (misplaced thousands separators, two decimal points) was meant to be: correct the document.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::anchor::not_found",
        name: "AnchorNotFound",
        short: "An anchor matches no place in the document",
        help: "Anchors find figures by the words around them (`{}` marks the figure). Compare the anchor's words with the document; the message lists the nearest places.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::anchor::ambiguous",
        name: "AnchorAmbiguous",
        short: "An anchor matches more than one place in the document",
        help: "Add words to the anchor so that only one place matches; the message lists the places it matches.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::anchor::table",
        name: "TableCell",
        short: "A table, row or column label matches nothing or several, or a cell holds no single figure",
        help: "Check the table, row and column labels against the document; the message lists the nearest labels.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::rule::unknown_document",
        name: "UnknownDocument",
        short: "A rule names a document the pack does not declare",
        help: "Declare the document with `document name = \"path\"`, or use one of the names the pack declares.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::rule::unknown_name",
        name: "UnknownName",
        short: "A rule uses a name that is not bound, or whose `let` failed",
        help: "Bind the name with `let` before the claim that uses it, or fix the `let` that failed.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::rule::stated_not_a_figure",
        name: "StatedNotAFigure",
        short: "The left side of a claim is not a single document figure",
        help: "A claim compares one figure the document states (on the left) with a computation (on the right).",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::rule::units",
        name: "Units",
        short: "A rule combines or compares figures of different units",
        help: "Pounds, percentages and plain numbers combine only in ways that make sense (`40% of £436,248`, `£261,749 / 6`).",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::rule::arguments",
        name: "Arguments",
        short: "A function or comparison in a rule is given the wrong arguments",
        help: "See the rule language in the README for what each function and comparison takes.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::rule::table_rule",
        name: "TableRule",
        short: "A whole-table rule or a row or column list cannot choose its rows: a range runs backwards or holds no figure, a label finds several rows, or an expectation names no row",
        help: "Write ranges in table order, name rows with repeated labels in a list, and name the rows of `expect discrepancy for` as the table prints them.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::eval::arithmetic",
        name: "Arithmetic",
        short: "A computation divides by zero or overflows",
        help: "A divisor that could be zero once its rounding is allowed for cannot be checked; rewrite the claim.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::parse::syntax",
        name: "Syntax",
        short: "A rule pack has a syntax error",
        help: "See the rule language in the README.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::parse::limit",
        name: "Limit",
        short: "A rule pack passes a limit: an expression nested too deep, or too many claims",
        help: "Name the parts of a deep expression with `let`; split a pack of more than 10,000 claims.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::io::document",
        name: "Document",
        short: "A document a pack declares cannot be read, or a document name is declared twice",
        help: "Document paths are relative to the pack file; `--document name=path` reads another file.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::pack::empty",
        name: "EmptyPack",
        short: "A rule pack states no claim, so it passes whatever its documents say",
        help: "Add claims, or remove the pack. Under --strict this is an error.",
        level: "warning",
    },
    CatalogueEntry {
        id: "vd::io::refused",
        name: "Refused",
        short: "A document a pack declares lies outside the project root, or is not a regular file",
        help: "A pack reads documents inside its project only; `--document name=path` or `--allow-outside-root` reads another file.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::io::unreadable",
        name: "Unreadable",
        short: "A rule pack cannot be read",
        help: "Check the path and that the file is UTF-8 text.",
        level: "error",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::diagnostic;

    #[test]
    fn uris_are_relative_references_or_file_uris() {
        assert_eq!(file_uri("documents/a b.txt"), "documents/a%20b.txt");
        assert_eq!(file_uri("/tmp/x/£.txt"), "file:///tmp/x/%C2%A3.txt");
        assert_eq!(file_uri("C:/x/y.txt"), "file:///C:/x/y.txt");
    }

    #[test]
    fn every_verdict_but_exact_has_a_rule() {
        for verdict in [
            Verdict::WithinRounding,
            Verdict::Approximate,
            Verdict::Discrepancy,
        ] {
            let code = diagnostic::verdict_code(verdict);
            assert!(CATALOGUE.iter().any(|e| e.id == code), "{code}");
        }
    }
}
