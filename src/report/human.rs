//! The report for people: miette diagnostics, then a summary line per
//! pack and one for the run.

use miette::{GraphicalReportHandler, GraphicalTheme};

use super::audit::{pack_name, PackAudit};
use super::problems::problems_with;
use super::strictness::Strictness;
use super::summary::Summary;
use super::writer::{render, ReportWriter};

/// How human-readable output is drawn.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    pub width: usize,
}

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
