//! The counts of a run's verdicts, for the summary lines and the exit status.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::eval::Verdict;

use super::audit::{AuditedPack, PackAudit};
use super::strictness::Strictness;

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

    pub(super) fn add(&mut self, audited: &AuditedPack) {
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

pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// Counts of verdicts and outcomes, a pack at a time. A malformed figure
/// is one finding however many packs read its document: it is expected
/// when any of them expects it. Only its place is kept, not the document.
#[derive(Debug, Default)]
pub struct Tally {
    summary: Summary,
    /// (document path, index of the malformed figure) → whether expected.
    malformed: BTreeMap<(String, usize), bool>,
}

impl Tally {
    pub fn add(&mut self, audit: &PackAudit) {
        match audit {
            PackAudit::NotLoaded(_) => self.summary.error += 1,
            PackAudit::Audited(audited) => {
                self.summary.add(audited);
                for entry in &audited.outcome.malformed {
                    let Some(document) = audited.pack.documents.get(&entry.document) else {
                        continue;
                    };
                    let path = document.source.display_path.clone();
                    *self.malformed.entry((path, entry.index)).or_default() |=
                        entry.expected.is_some();
                }
            }
        }
    }

    pub fn summary(&self) -> Summary {
        let mut summary = self.summary;
        summary.malformed_figures = self.malformed.values().filter(|e| !**e).count();
        summary.expected_malformed_figures = self.malformed.values().filter(|e| **e).count();
        summary
    }
}
