//! What an anchor finds.

use crate::units::Unit;

/// What an anchor found: one figure, or a range of two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchored {
    /// An index into `figures.figures`.
    Figure(usize),
    /// An index into `figures.ranges`.
    Range(usize),
    /// A table cell printed `-` (or `–`, `—`, `nil`): none, exactly zero,
    /// in the unit its column's figures have.
    Nil(Unit),
}
