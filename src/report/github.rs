//! GitHub Actions workflow commands: one `::error`, `::warning` or
//! `::notice` line per claim that is not simply exact and per problem,
//! which GitHub shows as annotations on the file, line and column; then the
//! summary lines as plain log text.
//!
//! A failing claim is an error, an expected discrepancy a warning, a
//! within-rounding or approximate verdict that is not denied a notice.

use std::fmt::Write as _;
use std::io;

use super::audit::PackAudit;
use super::diagnostic::Problem;
use super::finding::{self, figure_place, is_finding, problem_place, Level, Place};
use super::strictness::Strictness;
use super::summary::Summary;
use super::writer::ReportWriter;

/// The workflow commands, a line each, then the summary.
pub fn github(audits: &[PackAudit], strictness: Strictness) -> String {
    super::render(GithubReport::new(strictness), audits)
}

/// The workflow commands, a pack at a time; the summary lines at the end.
pub struct GithubReport {
    strictness: Strictness,
    /// Each pack's summary line, written at the end.
    summaries: Vec<String>,
}

impl GithubReport {
    pub fn new(strictness: Strictness) -> GithubReport {
        GithubReport {
            strictness,
            summaries: Vec::new(),
        }
    }
}

impl ReportWriter for GithubReport {
    fn begin(&mut self, _out: &mut dyn io::Write) -> io::Result<()> {
        Ok(())
    }

    fn pack(&mut self, audit: &PackAudit, out: &mut dyn io::Write) -> io::Result<()> {
        let mut text = String::new();
        pack_commands(&mut text, audit, self.strictness);
        let summary = Summary::of(std::slice::from_ref(audit));
        self.summaries
            .push(format!("{}: {}\n", super::pack_name(audit), summary.line()));
        out.write_all(text.as_bytes())
    }

    fn finish(&mut self, totals: &Summary, out: &mut dyn io::Write) -> io::Result<()> {
        for line in &self.summaries {
            out.write_all(line.as_bytes())?;
        }
        writeln!(out, "total: {}", totals.line())
    }
}

/// One pack's commands: its problems, then its claims that are findings.
fn pack_commands(out: &mut String, audit: &PackAudit, strictness: Strictness) {
    for problem in super::pack_problems_with(audit, strictness) {
        let level = Level::of_severity(problem.severity);
        command(
            out,
            level,
            problem_place(&problem).as_ref(),
            &problem.message,
            &details(&problem, None),
        );
    }
    let PackAudit::Audited(audited) = audit else {
        return;
    };
    let pack = &audited.pack;
    for claim in audited.outcome.claims.iter().filter(|c| is_finding(c)) {
        let Some(problem) = super::claim_problem_with(pack, claim, strictness) else {
            continue;
        };
        let level = finding::claim_level(claim, strictness);
        match &claim.result {
            Ok(judgement) => {
                let stated = figure_place(pack, &judgement.stated);
                let computation = match &stated {
                    Some(stated) => {
                        format!("stated {}, computed {}", stated.text, judgement.working)
                    }
                    None => format!("computed {}", judgement.working),
                };
                let message = details(&problem, Some(&computation));
                command(out, level, stated.as_ref(), &problem.message, &message);
            }
            Err(_) => {
                let message = details(&problem, None);
                command(
                    out,
                    level,
                    problem_place(&problem).as_ref(),
                    &problem.message,
                    &message,
                );
            }
        }
    }
}

/// `vd::verdict::discrepancy: stated …, computed …`, then the help.
fn details(problem: &Problem, computation: Option<&str>) -> String {
    let mut message = problem.code.to_string();
    if let Some(computation) = computation {
        let _ = write!(message, ": {computation}");
    }
    if let Some(help) = problem.help.as_ref().filter(|h| !h.is_empty()) {
        let _ = write!(message, "\n{help}");
    }
    message
}

fn command(out: &mut String, level: Level, place: Option<&Place>, title: &str, message: &str) {
    let name = match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "notice",
    };
    let mut properties = Vec::new();
    if let Some(place) = place {
        properties.push(format!("file={}", property(&place.file)));
        properties.push(format!("line={}", place.start.line));
        properties.push(format!("col={}", place.start.column));
        properties.push(format!("endLine={}", place.end.line));
        // GitHub reads the end column only on a one-line annotation.
        if place.end.line == place.start.line {
            properties.push(format!("endColumn={}", place.end.column));
        }
    }
    properties.push(format!("title={}", property(title)));
    let _ = writeln!(out, "::{name} {}::{}", properties.join(","), data(message));
}

/// A command's message: `%`, CR and LF escaped.
fn data(value: &str) -> String {
    value
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value: as a message, and `:` and `,` too.
fn property(value: &str) -> String {
    data(value).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(data("50% of a\r\nb"), "50%25 of a%0D%0Ab");
        assert_eq!(property("a: b, c%"), "a%3A b%2C c%25");
    }
}
