//! Hedges in a claim: the hedge a claim states, or else the one printed
//! with its figure ("about", "just under"), how far it reaches, whether it
//! lets the stated value stand for the computed one, and the words for its
//! direction. Both judging a claim and finding what a verdict rests on ask
//! these questions, so they sit apart from either.

use rust_decimal::Decimal;

use super::super::evaluator::Evaluator;
use super::super::quantity::Quantity;
use crate::figures::{Direction, Figure, Hedge};
use crate::lang::ast::Claim;

impl Evaluator<'_> {
    /// The hedge a claim states, or else the one printed with its figure,
    /// and how far it reaches.
    pub(super) fn hedge(&self, claim: &Claim, figure: &Figure) -> Option<(Hedge, Decimal)> {
        let hedge = claim
            .hedge
            .as_ref()
            .and_then(|h| Hedge::from_phrase(&h.value))
            .or(figure.hedge)?;
        let reach = self
            .hedge_tolerances
            .get(&hedge)
            .copied()
            .unwrap_or_else(|| hedge.default_tolerance());
        Some((hedge, reach))
    }
}

/// Whether a hedge lets the stated value stand for the computed one (its
/// value or either bound).
pub(super) fn hedge_allows(
    hedge: Hedge,
    reach: Decimal,
    stated: Decimal,
    computed: &Quantity,
) -> bool {
    let b = &computed.bounds;
    [computed.value, b.lo, b.hi]
        .iter()
        .any(|&v| hedge.allows(stated, v, reach))
}

pub(super) fn direction_words(hedge: Hedge) -> &'static str {
    match hedge.direction() {
        Direction::Either => "either side of the figure",
        Direction::Below => "below the figure",
        Direction::Above => "above the figure",
    }
}
