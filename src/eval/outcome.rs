//! What evaluating a pack gives: an outcome per claim (a judgement with
//! its working, or the error that stopped it), how an expectation pinned in
//! the pack has moved, and the document's malformed figures with the
//! pack's word on each.

use rust_decimal::Decimal;

use crate::lang::ast::Claim;
use crate::pack::FigureRef;
use crate::span::Span;

use super::error::EvalError;
use super::quantity::Quantity;
use super::verdict::Verdict;

/// The outcome of one claim.
#[derive(Clone, Debug)]
pub struct ClaimOutcome {
    /// Stable across runs and unaffected by other claims: the pack's file
    /// stem and a slug of the title.
    pub id: String,
    pub claim: Claim,
    pub result: Result<Judgement, EvalError>,
}

/// A claim that could be evaluated.
#[derive(Clone, Debug)]
pub struct Judgement {
    pub verdict: Verdict,
    pub stated: FigureRef,
    pub computed: Quantity,
    /// The computed value rounded as the stated figure is printed.
    pub rounded: Decimal,
    /// The stated value as a quantity (percentages as ratios).
    pub stated_value: Decimal,
    /// The stated figure as the document prints it; for a range, the whole
    /// range (`£20-65m`).
    pub stated_text: String,
    /// The computation with its inputs: `261,749 / 6 = 43,624.83 → 43,625`.
    pub working: String,
    /// The computed value as `expect discrepancy … computed "…"` pins it:
    /// printed like the stated figure (`£`, scale, grouping) to twelve
    /// significant figures, and at least two places more than the figure,
    /// so that a slip in any input changes it (`43,624.8333333`). For a
    /// range, both ends: `£24.5m to £72.6m`.
    pub computed_pin: String,
    /// Stated minus rounded computed value.
    pub difference: Decimal,
    /// `difference` as a fraction of the rounded computed value.
    pub relative_difference: Option<Decimal>,
    pub cause: Option<String>,
    /// What else the verdict rests on: a rounding convention other than the
    /// declared one, a hedge word and how far it reaches.
    pub notes: Vec<String>,
    /// Every document figure the computation read.
    pub inputs: Vec<FigureRef>,
    /// For a verdict within rounding, the inputs whose printed precision
    /// it rests on, when taking them as exact would change it.
    pub rests_on: Option<RestsOn>,
    /// For a range, the judgement of its other end.
    pub other_end: Option<Box<Judgement>>,
}

/// What a verdict within rounding rests on, found by evaluating the claim
/// again with inputs taken as exact (a point, not the interval their
/// printing allows): first each input alone, then all of them together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestsOn {
    /// The input whose printed precision the verdict rests on most, when
    /// taking that one alone as exact changes the verdict; `None` when only
    /// the inputs' rounding together explains the stated figure.
    pub input: Option<FigureRef>,
    /// What `input` stands for: every value that prints as it
    /// (percentages as ratios).
    pub stands_for: Option<crate::interval::Interval>,
    /// With `input`: the other inputs that alone would change the verdict
    /// too. Without: every input whose rounding is allowed for.
    pub others: Vec<FigureRef>,
    /// Whether taking `input` as exact narrows the computation more than
    /// taking any of `others` does (rather than as much as one of them).
    pub most: bool,
    /// The computed value's bounds with `input` (or, without one, every
    /// input) taken as exact.
    pub bounds_if_exact: crate::interval::Interval,
    /// The verdict then: worse than within rounding.
    pub verdict_if_exact: Verdict,
}

/// A computed pin as it is compared: without thousands separators and
/// spaces, so that `43624.8333333` written by hand pins `43,624.8333333`;
/// every digit, the point, the unit and the scale still count.
fn pin_key(pin: &str) -> String {
    pin.chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect()
}

/// A side of an expected discrepancy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The figure the document prints.
    Stated,
    /// The value the rule computes.
    Computed,
}

impl Side {
    pub fn name(self) -> &'static str {
        match self {
            Side::Stated => "stated",
            Side::Computed => "computed",
        }
    }
}

/// A pinned side of an expected discrepancy that is no longer what the
/// expectation says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moved<'a> {
    pub side: Side,
    /// What the expectation pins.
    pub pinned: &'a str,
    /// What the claim gives now.
    pub now: &'a str,
}

impl Moved<'_> {
    /// `the stated figure was `43,635` and is now `43,636``
    pub fn describe(&self) -> String {
        let what = match self.side {
            Side::Stated => "the stated figure",
            Side::Computed => "the computed value",
        };
        format!("{what} was `{}` and is now `{}`", self.pinned, self.now)
    }
}

/// Whether a claim passes, fails or could not be checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Pass,
    /// An unexpected discrepancy, or an expected one that no longer occurs.
    Fail,
    Error,
}

impl ClaimOutcome {
    pub fn expected(&self) -> bool {
        self.claim.expectation.is_some()
    }

    pub fn verdict(&self) -> Option<Verdict> {
        self.result.as_ref().ok().map(|j| j.verdict)
    }

    /// An expected discrepancy that the document no longer has, or whose
    /// stated figure or computed value is no longer the one the expectation
    /// pins.
    pub fn stale_expectation(&self) -> bool {
        if self.claim.expectation.is_none() {
            return false;
        }
        let Ok(judgement) = &self.result else {
            return false;
        };
        judgement.verdict != Verdict::Discrepancy || !self.moved().is_empty()
    }

    /// For a stale expectation pinned to a printed figure the document no
    /// longer prints: what it prints now.
    pub fn reprinted(&self) -> Option<(&str, &str)> {
        let printed = self.claim.expectation.as_ref()?.printed.as_ref()?;
        let judgement = self.result.as_ref().ok()?;
        (printed.value != judgement.stated_text)
            .then_some((printed.value.as_str(), judgement.stated_text.as_str()))
    }

    /// For a stale expectation pinned to a computed value the rule no
    /// longer computes (an input has changed): the pin, and the value now.
    pub fn recomputed(&self) -> Option<(&str, &str)> {
        let computed = self.claim.expectation.as_ref()?.computed.as_ref()?;
        let judgement = self.result.as_ref().ok()?;
        (pin_key(&computed.value) != pin_key(&judgement.computed_pin))
            .then_some((computed.value.as_str(), judgement.computed_pin.as_str()))
    }

    /// The pinned sides of the expectation that have moved, stated first.
    pub fn moved(&self) -> Vec<Moved<'_>> {
        let stated = self.reprinted().map(|(pinned, now)| Moved {
            side: Side::Stated,
            pinned,
            now,
        });
        let computed = self.recomputed().map(|(pinned, now)| Moved {
            side: Side::Computed,
            pinned,
            now,
        });
        stated.into_iter().chain(computed).collect()
    }

    /// Whether the expectation leaves a side unpinned: no printed figure, or
    /// no computed value.
    pub fn unpinned(&self) -> bool {
        self.claim
            .expectation
            .as_ref()
            .is_some_and(|e| e.printed.is_none() || e.computed.is_none())
    }

    pub fn outcome(&self) -> Outcome {
        match self.verdict() {
            None => Outcome::Error,
            Some(_) if self.stale_expectation() => Outcome::Fail,
            Some(Verdict::Discrepancy) if !self.expected() => Outcome::Fail,
            Some(_) => Outcome::Pass,
        }
    }
}

/// Everything evaluation found in one pack.
#[derive(Clone, Debug, Default)]
pub struct PackOutcome {
    pub claims: Vec<ClaimOutcome>,
    /// Errors in `let` bindings (claims that use them fail as well).
    pub binding_errors: Vec<EvalError>,
    /// Every malformed figure of the pack's documents, and whether the pack
    /// expects it.
    pub malformed: Vec<MalformedOutcome>,
    /// `expect malformed` lines whose figure the document no longer prints.
    pub stale_malformed: Vec<Span>,
}

/// A malformed figure in one of the pack's documents.
#[derive(Clone, Debug)]
pub struct MalformedOutcome {
    pub document: String,
    /// Index into the document's `figures.malformed`.
    pub index: usize,
    /// The pack's reason, when it marks the figure as expected.
    pub expected: Option<String>,
}
