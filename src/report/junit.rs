//! The JUnit XML report, for CI test-report viewers: a test suite per pack,
//! a test case per claim. A failing claim (an unexpected discrepancy, a
//! stale expectation, a denied verdict) is a `<failure>`, a claim that could
//! not be evaluated an `<error>`, and an expected discrepancy is `<skipped>`
//! (as test runners report an expected failure). A pack that cannot be
//! loaded, a malformed figure or a failed `let` is a test case of its own.
//!
//! Times are written as 0: vd-audit does not time claims, and the output
//! stays byte-stable.

use std::fmt::Write as _;

use super::audit::PackAudit;
use super::diagnostic::Problem;
use super::finding::{figure_place, problem_place, Place};
use super::strictness::Strictness;
use super::summary::Summary;
use super::writer::ReportWriter;
use crate::eval::{ClaimOutcome, Outcome, Verdict};
use crate::pack::LoadedPack;

/// A test case's result, as JUnit has them.
enum CaseResult {
    Passed {
        output: Option<String>,
    },
    Skipped {
        message: String,
    },
    Failure {
        kind: String,
        message: String,
        body: String,
    },
    Error {
        kind: String,
        message: String,
        body: String,
    },
}

struct Case {
    classname: String,
    name: String,
    file: String,
    line: usize,
    result: CaseResult,
}

struct Suite {
    name: String,
    cases: Vec<Case>,
}

/// The JUnit XML document, ending in a newline.
pub fn junit(audits: &[PackAudit], strictness: Strictness) -> String {
    super::render(JunitReport::new(strictness), audits)
}

/// The JUnit XML document, a pack at a time. The root element counts every
/// test case, so each pack's test suite is kept as text (not the pack) and
/// the document is written at the end.
pub struct JunitReport {
    strictness: Strictness,
    /// The test suites so far, as XML.
    suites: String,
    /// Test cases so far: all, failures, errors, skipped.
    totals: [usize; 4],
}

impl JunitReport {
    pub fn new(strictness: Strictness) -> JunitReport {
        JunitReport {
            strictness,
            suites: String::new(),
            totals: [0; 4],
        }
    }
}

impl ReportWriter for JunitReport {
    fn begin(&mut self, _out: &mut dyn std::io::Write) -> std::io::Result<()> {
        Ok(())
    }

    fn pack(&mut self, audit: &PackAudit, _out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let suite = suite(audit, self.strictness);
        let cases: Vec<&Case> = suite.cases.iter().collect();
        let tally = tally(&cases);
        for (total, count) in self.totals.iter_mut().zip(tally) {
            *total += count;
        }
        let _ = writeln!(
            self.suites,
            "  <testsuite name=\"{}\"{} time=\"0\">",
            attr(&suite.name),
            counts(&cases)
        );
        for case in &suite.cases {
            write_case(&mut self.suites, case);
        }
        self.suites.push_str("  </testsuite>\n");
        Ok(())
    }

    fn finish(&mut self, _totals: &Summary, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let [tests, failures, errors, skipped] = self.totals;
        let mut head = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            head,
            "<testsuites name=\"vd-audit\"{} time=\"0\">",
            format_counts([tests, failures, errors, skipped])
        );
        out.write_all(head.as_bytes())?;
        out.write_all(self.suites.as_bytes())?;
        out.write_all(b"</testsuites>\n")
    }
}

/// How many of `cases` there are, and how many failed, erred or were
/// skipped.
fn tally(cases: &[&Case]) -> [usize; 4] {
    let count = |f: fn(&CaseResult) -> bool| cases.iter().filter(|c| f(&c.result)).count();
    [
        cases.len(),
        count(|r| matches!(r, CaseResult::Failure { .. })),
        count(|r| matches!(r, CaseResult::Error { .. })),
        count(|r| matches!(r, CaseResult::Skipped { .. })),
    ]
}

fn format_counts([tests, failures, errors, skipped]: [usize; 4]) -> String {
    format!(" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\" skipped=\"{skipped}\"")
}

fn counts(cases: &[&Case]) -> String {
    format_counts(tally(cases))
}

fn write_case(out: &mut String, case: &Case) {
    let _ = write!(
        out,
        "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\" time=\"0\"",
        attr(&case.classname),
        attr(&case.name),
        attr(&case.file),
        case.line
    );
    match &case.result {
        CaseResult::Passed { output: None } => out.push_str("/>\n"),
        CaseResult::Passed {
            output: Some(output),
        } => {
            let _ = writeln!(
                out,
                ">\n      <system-out>{}</system-out>\n    </testcase>",
                text(output)
            );
        }
        CaseResult::Skipped { message } => {
            let _ = writeln!(
                out,
                ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                attr(message)
            );
        }
        CaseResult::Failure {
            kind,
            message,
            body,
        }
        | CaseResult::Error {
            kind,
            message,
            body,
        } => {
            let element = if matches!(case.result, CaseResult::Failure { .. }) {
                "failure"
            } else {
                "error"
            };
            let _ = writeln!(
                out,
                ">\n      <{element} type=\"{}\" message=\"{}\">{}</{element}>\n    </testcase>",
                attr(kind),
                attr(message),
                text(body)
            );
        }
    }
}

fn suite(audit: &PackAudit, strictness: Strictness) -> Suite {
    let name = super::pack_name(audit);
    let classname = class_name(&name);
    let mut cases = Vec::new();
    let audited = match audit {
        PackAudit::Audited(audited) => audited,
        PackAudit::NotLoaded(_) => {
            for problem in super::pack_problems_with(audit, strictness) {
                cases.push(problem_case(
                    &classname,
                    "the pack loads",
                    &name,
                    &problem,
                    false,
                ));
            }
            return Suite { name, cases };
        }
    };
    let pack = &audited.pack;
    for error in &pack.syntax_errors {
        let problem = super::diagnostic::syntax_problem(&pack.rule_file, error);
        let place = Place::new(&pack.rule_file, error.span);
        let case_name = format!("the rule at {} parses", place.at());
        cases.push(problem_case(&classname, &case_name, &name, &problem, false));
    }
    if audited.states_no_claim() {
        let problem = super::diagnostic::empty_pack_problem(pack, strictness.empty_pack);
        let mut case = problem_case(
            &classname,
            "the pack states a claim",
            &name,
            &problem,
            false,
        );
        if !strictness.empty_pack {
            // A warning: reported, not a failure, unless the run is strict.
            case.result = CaseResult::Skipped {
                message: problem.message.clone(),
            };
        }
        cases.push(case);
    }
    for claim in &audited.outcome.claims {
        cases.push(claim_case(pack, &classname, claim, strictness));
    }
    for entry in &audited.outcome.malformed {
        let Some((document, malformed)) = pack.malformed(&entry.document, entry.index) else {
            continue;
        };
        let problem = super::diagnostic::malformed_problem(&document.source, malformed);
        let place = Place::new(&document.source, malformed.span);
        let case_name = format!("the figure at {} is well formed", place.at());
        let mut case = problem_case(&classname, &case_name, &name, &problem, true);
        if let Some(reason) = &entry.expected {
            // Like an expected discrepancy: known, reported, not a failure.
            case.result = CaseResult::Skipped {
                message: format!("expected malformed figure: {reason}"),
            };
        }
        cases.push(case);
    }
    for error in &audited.outcome.binding_errors {
        let problem = super::diagnostic::eval_problem(pack, error);
        let place = Place::new(&pack.rule_file, error.span);
        let case_name = format!("the binding at {} evaluates", place.at());
        cases.push(problem_case(&classname, &case_name, &name, &problem, false));
    }
    Suite { name, cases }
}

/// `rules/derbyshire-dales-phase4.vd` → `derbyshire-dales-phase4`, the
/// prefix of the pack's claim ids.
fn class_name(pack_path: &str) -> String {
    let file = pack_path.rsplit('/').next().unwrap_or(pack_path);
    file.strip_suffix(".vd").unwrap_or(file).to_string()
}

fn claim_case(
    pack: &LoadedPack,
    classname: &str,
    claim: &ClaimOutcome,
    strictness: Strictness,
) -> Case {
    let rule_at = pack.rule_file.line_col(claim.claim.span.start);
    let problem = super::claim_problem_with(pack, claim, strictness);
    let headline = problem
        .as_ref()
        .map_or_else(|| claim.claim.title.value.clone(), |p| p.message.clone());
    let code = problem
        .as_ref()
        .map_or("vd::verdict::exact", |p| p.code)
        .to_string();
    let body = problem
        .as_ref()
        .map(|p| claim_body(pack, claim, p))
        .unwrap_or_default();
    let result = match (strictness.outcome(claim), claim.verdict()) {
        (Outcome::Error, _) => CaseResult::Error {
            kind: code,
            message: headline,
            body,
        },
        (Outcome::Fail, _) => CaseResult::Failure {
            kind: code,
            message: headline,
            body,
        },
        (Outcome::Pass, Some(Verdict::Discrepancy)) => CaseResult::Skipped {
            message: format!(
                "expected discrepancy: {}",
                claim
                    .claim
                    .expectation
                    .as_ref()
                    .map_or("", |e| e.reason.value.as_str())
            ),
        },
        (Outcome::Pass, Some(Verdict::Exact) | None) => CaseResult::Passed { output: None },
        (Outcome::Pass, Some(_)) => CaseResult::Passed {
            output: Some(format!("{headline}\n{body}")),
        },
    };
    Case {
        classname: classname.to_string(),
        name: claim.claim.title.value.clone(),
        file: pack.rule_file.display_path.clone(),
        line: rule_at.line,
        result,
    }
}

/// Where the claim's figures are and how it was computed, a line each.
fn claim_body(pack: &LoadedPack, claim: &ClaimOutcome, problem: &Problem) -> String {
    let mut lines = Vec::new();
    match &claim.result {
        Ok(judgement) => {
            if let Some(stated) = figure_place(pack, &judgement.stated) {
                lines.push(format!("{}: stated {}", stated.at(), stated.text));
            }
            let rule = Place::new(&pack.rule_file, claim.claim.computed.span);
            lines.push(format!("{}: computed {}", rule.at(), judgement.working));
            for input in &judgement.inputs {
                if let Some(place) = figure_place(pack, input) {
                    lines.push(format!("{}: input {}", place.at(), place.text));
                }
            }
        }
        Err(_) => {
            if let Some(place) = problem_place(problem) {
                lines.push(format!("{}: {}", place.at(), place.text));
            }
        }
    }
    if let Some(help) = problem.help.as_ref().filter(|h| !h.is_empty()) {
        lines.push(format!("help: {help}"));
    }
    lines.join("\n")
}

fn problem_case(
    classname: &str,
    name: &str,
    pack_path: &str,
    problem: &Problem,
    failure: bool,
) -> Case {
    let place = problem_place(problem);
    let mut body = Vec::new();
    if let Some(place) = &place {
        body.push(format!("{}: {}", place.at(), place.text));
    }
    if let Some(help) = problem.help.as_ref().filter(|h| !h.is_empty()) {
        body.push(format!("help: {help}"));
    }
    let (kind, message, body) = (
        problem.code.to_string(),
        problem.message.clone(),
        body.join("\n"),
    );
    Case {
        classname: classname.to_string(),
        name: name.to_string(),
        file: place
            .as_ref()
            .map_or_else(|| pack_path.to_string(), |p| p.file.clone()),
        line: place.as_ref().map_or(1, |p| p.start.line),
        result: if failure {
            CaseResult::Failure {
                kind,
                message,
                body,
            }
        } else {
            CaseResult::Error {
                kind,
                message,
                body,
            }
        },
    }
}

/// Text escaped for an attribute value: line breaks and tabs as character
/// references, so that attribute normalisation keeps them.
fn attr(value: &str) -> String {
    escape(value, true)
}

/// Text escaped for element content.
fn text(value: &str) -> String {
    escape(value, false)
}

fn escape(value: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\n' if in_attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' if in_attribute => out.push_str("&#9;"),
            // Characters XML 1.0 does not allow at all.
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_forbidden_characters() {
        assert_eq!(attr("a<b & \"c\"\nd"), "a&lt;b &amp; &quot;c&quot;&#10;d");
        assert_eq!(text("x > y\n'z'\u{1}"), "x &gt; y\n'z'\u{FFFD}");
    }

    #[test]
    fn class_names_are_pack_stems() {
        assert_eq!(
            class_name("rules/derbyshire-dales-phase4.vd"),
            "derbyshire-dales-phase4"
        );
        assert_eq!(class_name("pack.vd"), "pack");
    }
}
