//! Rows that are the quotient of two others in every column: the Band D
//! charge is the council tax requirement over the tax base, a cost per
//! head is the cost over the population. Such a table often has two year
//! columns, too few places for the count of evidence alone, so a row whose
//! label says it is a rate (`Band D`, `per head`, `average`) is evidence
//! in itself, as a total's label is. So is a row named as carried from
//! the year before (`Budget brought forward`), which is another row's
//! figure in the column before.

use super::fit::{best, try_shape, LARGE};
use super::shape::{Relationship, Shape};
use crate::suggest::grid::Grid;
use crate::units::Unit;

/// For each row, the best pair of other rows it is the quotient of.
pub(super) fn row_quotients(grid: &Grid) -> Vec<Relationship> {
    let rows = grid.rows.len();
    if rows > LARGE {
        return Vec::new();
    }
    let mut found = Vec::new();
    for result in 0..rows {
        let named = grid
            .rows
            .get(result)
            .is_some_and(|r| names_a_rate(&r.label));
        // Without a rate's name, three columns at least must show it.
        if !named && grid.columns.len() < 3 {
            continue;
        }
        let mut candidates = Vec::new();
        for numerator in (0..rows).filter(|&r| r != result) {
            for denominator in (0..rows).filter(|&r| r != result && r != numerator) {
                if !money_over_count(grid, result, numerator, denominator) {
                    continue;
                }
                let shape = Shape::RowQuotient {
                    result,
                    numerator,
                    denominator,
                };
                candidates.extend(try_shape(grid, shape, named));
            }
        }
        found.extend(best(candidates));
    }
    found
}

/// `Band D council tax`, `Cost per head`, `Average charge per property`.
fn names_a_rate(label: &str) -> bool {
    let lower = label.to_lowercase();
    ["band d", "per ", "a head", "average"]
        .iter()
        .any(|word| lower.contains(word))
}

/// Money over a count makes money: a charge, a cost per head.
fn money_over_count(grid: &Grid, result: usize, numerator: usize, denominator: usize) -> bool {
    let count = |u: Option<Unit>| matches!(u, Some(Unit::Number | Unit::People));
    unit_of_row(grid, result) == Some(Unit::Pounds)
        && unit_of_row(grid, numerator) == Some(Unit::Pounds)
        && count(unit_of_row(grid, denominator))
}

fn unit_of_row(grid: &Grid, row: usize) -> Option<Unit> {
    (0..grid.columns.len()).find_map(|column| grid.cell(row, column).map(|v| v.unit))
}

/// For each row named as carried from the year before (`Budget brought
/// forward`, `Opening balance`), the row whose figure in the column before
/// it repeats, in the most columns.
pub(super) fn carried_rows(grid: &Grid) -> Vec<Relationship> {
    let rows = grid.rows.len();
    if rows > LARGE || grid.columns.len() < 2 {
        return Vec::new();
    }
    let mut found = Vec::new();
    for row in (0..rows).filter(|&r| grid.rows.get(r).is_some_and(|a| names_a_carry(&a.label))) {
        let candidates = (0..rows)
            .filter(|&from| from != row)
            .filter_map(|from| try_shape(grid, Shape::RowCarried { row, from }, true))
            // Two places at least, and none that breaks it: among every
            // pair of rows one figure may repeat another by chance, and a
            // plan may open a forecast column at the same balance as the
            // budget beside it, or carry a one-off into one year only.
            .filter(|r| r.kept >= 2 && r.broken.is_empty());
        found.extend(best(candidates.collect()));
    }
    found
}

/// `Budget brought forward`, `Balance b/f`, `Opening balance`.
fn names_a_carry(label: &str) -> bool {
    let lower = label.to_lowercase();
    ["brought forward", "b/f", "b/fwd", "opening balance"]
        .iter()
        .any(|words| lower.contains(words))
}

/// For each row named as a difference (`Budget gap`, `Shortfall`,
/// `Surplus`), the pair of rows above it whose difference it is, in the
/// most columns: the name is the evidence, as a total's is.
pub(super) fn row_differences(grid: &Grid) -> Vec<Relationship> {
    let rows = grid.rows.len();
    if rows > LARGE {
        return Vec::new();
    }
    let mut found = Vec::new();
    for result in (0..rows).filter(|&r| grid.rows.get(r).is_some_and(|a| names_a_gap(&a.label))) {
        let mut candidates = Vec::new();
        for left in 0..result {
            for right in (0..result).filter(|&r| r != left) {
                let shape = Shape::RowDifference {
                    result,
                    left,
                    right,
                };
                // Two columns at least, and none that breaks it: among
                // every pair of rows one difference may match by chance,
                // and a gap may take a third row (reserves used in one
                // year, recharges from the next) that two rows leave out.
                candidates.extend(
                    try_shape(grid, shape, true).filter(|r| r.kept >= 2 && r.broken.is_empty()),
                );
            }
        }
        found.extend(best(candidates));
    }
    found
}

/// `Budget gap`, `Funding shortfall`, `Surplus / (deficit)`.
fn names_a_gap(label: &str) -> bool {
    let lower = label.to_lowercase();
    ["gap", "shortfall", "surplus", "deficit"]
        .iter()
        .any(|words| lower.contains(words))
}
