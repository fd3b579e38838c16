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
use self::quotients::{carried_rows, row_differences, row_quotients};
use self::shares::{shares, wholes};
use self::sums::row_sums;
use super::grid::Grid;

pub use self::shape::{is_total_label, Relationship, Shape};

/// Every relationship the grid keeps, at most one per result column and
/// one per result row.
pub fn relationships(grid: &Grid) -> Vec<Relationship> {
    let mut found = Vec::new();
    found.extend(column_relationships(grid));
    let (ratios, rates) = ratio_columns(grid, &found);
    let row_sums: Vec<Relationship> = row_sums(grid)
        .into_iter()
        .filter_map(|sum| without_columns(sum, &ratios, &rates))
        .collect();
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
    found.extend(carried_rows(grid));
    found.extend(row_differences(grid));
    found.extend(wholes(grid));
    found
}

/// The columns whose figures may not add, as two lists. First those found
/// to be a per cent change, or a quotient over a column that differs from
/// row to row (a cost over each council's own population): a Total row's
/// figure there
/// is the total's rate, not the sum of the rates above it. Then those only
/// named so (`Per resident £`, `Average`, `Change %`): rates over one
/// population add (spending per head by service makes the total per
/// head), rates over each row's own do not, and which it is the column
/// alone cannot tell.
fn ratio_columns(grid: &Grid, found: &[Relationship]) -> (Vec<usize>, Vec<usize>) {
    let found_ratios = found
        .iter()
        .filter_map(|r| match r.shape {
            // Precepts over one tax base are charges that add (the county's
            // Band D, the police's, the total): only rates over each row's
            // own denominator do not.
            Shape::ColumnQuotient {
                result,
                denominator,
                ..
            } => varies(grid, denominator).then_some(result),
            Shape::ColumnChange { result, .. } => Some(result),
            _ => None,
        })
        .collect();
    let named = grid
        .columns
        .iter()
        .enumerate()
        .filter(|(_, column)| names_a_rate(&column.label))
        .map(|(i, _)| i)
        .collect();
    (found_ratios, named)
}

/// Whether the figures of `column` differ from row to row (a Total row's
/// blank, nil in a PDF's table, is no figure).
fn varies(grid: &Grid, column: usize) -> bool {
    let mut values = (0..grid.rows.len())
        .filter_map(|row| grid.cell(row, column))
        .filter(|v| !v.is_nil())
        .map(|v| v.value);
    let first = values.next();
    values.any(|v| Some(v) != first)
}

/// `Per resident £`, `Cost per head`, `Average charge`, `Rate`, `Change %`.
fn names_a_rate(header: &str) -> bool {
    let lower = header.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '%')
        .filter(|w| !w.is_empty())
        .collect();
    let has = |word: &str| words.contains(&word);
    // `per head`, `per resident`; not `per cent`, `per £100` or `per
    // annum`, which add.
    let adds = ["cent", "100", "annum", "year", "month", "week", "day"];
    let per_unit = words
        .windows(2)
        .any(|pair| matches!(pair, [per, unit] if *per == "per" && !adds.contains(unit)));
    let percent = lower.contains('%') || has("percent") || has("cent");
    let change = has("change") || has("increase") || has("growth");
    per_unit || has("average") || has("rate") || (percent && change)
}

/// A sum of rows kept only where it can be a rule: not in a column of
/// rates found (`ratios`), nor where it breaks in a column named a rate
/// (`rates`), which may be rates over each row's own population. `None`
/// when no column is left.
fn without_columns(
    mut sum: Relationship,
    ratios: &[usize],
    rates: &[usize],
) -> Option<Relationship> {
    let held_in_ratio = sum
        .over
        .iter()
        .filter(|c| ratios.contains(c) && !sum.broken.contains(c))
        .count();
    let broken = sum.broken.clone();
    let dropped = |c: &usize| ratios.contains(c) || (rates.contains(c) && broken.contains(c));
    sum.over.retain(|c| !dropped(c));
    sum.broken.retain(|c| !dropped(c));
    sum.kept = sum.kept.saturating_sub(held_in_ratio);
    (!sum.over.is_empty()).then_some(sum)
}
