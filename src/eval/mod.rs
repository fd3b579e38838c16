//! Evaluation (layer 9 of `src/lib.rs`). Anchors are resolved to figures, expressions
//! are computed in exact decimals with intervals for every input's rounding,
//! and each claim gets a verdict.

mod anchor;
mod balancing;
mod causes;
mod claim;
mod derive;
mod error;
mod evaluated;
mod evaluator;
mod functions;
mod lists;
mod outcome;
mod quantity;
mod run;
mod verdict;
mod words;

pub use crate::pack::FigureRef;
pub use anchor::{candidate, Anchored};
pub use causes::likely_cause;
pub use derive::{derive, Derivation, Step};
pub use error::{Candidate, EvalError, EvalErrorKind};
pub use evaluator::AnchorCache;
pub use outcome::{
    ClaimOutcome, Judgement, MalformedOutcome, Moved, Outcome, PackOutcome, RestsOn, Side,
};
pub use quantity::{Quantity, QuantityError};
pub use run::{claim_ids, evaluate, evaluate_claims, evaluate_with};
pub use verdict::{judge, Stated, Verdict};

#[cfg(test)]
mod tests;
