//! Finding the relationships a table keeps: totals, differences, weekly
//! and per-head columns, shares of a total, and rows in fixed ratios.
//!
//! A relationship is tried on every row (or column) where all its cells
//! hold a figure. It holds there when the computed value, worked out from
//! its inputs' intervals, overlaps what the stated figure may stand for, as
//! `check` allows for rounding. It is proposed when it holds in at least
//! three places and breaks in at most one place in five: a table that keeps
//! a rule everywhere but once has a slip in that one place, and one that
//! breaks it often has no such rule. Places where every figure is zero
//! prove nothing and are left out of the count.
//!
//! The shapes themselves are in `shape`, and trying one on a table in
//! `fit`; the searches are by kind of relationship: `columns` (sums,
//! differences, per-period columns and quotients along a row), `sums`
//! (totals of rows), `multiples` (rows in fixed ratios), `quotients`
//! (a row that is one row over another) and `shares`
//! (percentages of a total, and shares that make 100%).

mod columns;
mod fit;
mod multiples;
mod quotients;
mod shape;
mod shares;
mod sums;

use self::columns::column_relationships;
use self::multiples::row_multiples;
use self::quotients::row_quotients;
use self::shares::{shares, wholes};
use self::sums::row_sums;
use super::grid::Grid;

pub use self::shape::{is_total_label, Relationship, Shape};

/// Every relationship the grid keeps, at most one per result column and
/// one per result row.
pub fn relationships(grid: &Grid) -> Vec<Relationship> {
    let mut found = Vec::new();
    found.extend(column_relationships(grid));
    let row_sums = row_sums(grid);
    let totals: Vec<usize> = row_sums
        .iter()
        .filter_map(|r| match r.shape {
            Shape::RowSum { total, .. } => Some(total),
            _ => None,
        })
        .collect();
    found.extend(row_sums);
    found.extend(shares(grid, &totals, &found));
    found.extend(row_multiples(grid, &totals));
    found.extend(row_quotients(grid));
    found.extend(wholes(grid));
    found
}
