//! Which verdicts that pass by default are failures in a run. Both the
//! command line and `vd-audit.yaml` set it; every report honours it.

use crate::eval::{ClaimOutcome, Outcome, Verdict};

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
