//! Relationships between the columns of each row: a total of a block of
//! columns or of two columns, a difference of two, a per-period column
//! (weekly is yearly / 52, monthly / 12) and a quotient (per head, per
//! property, a share of like over like). They are searched together, for
//! each result column, so that the best candidate is chosen among all of
//! them in one fixed order.

use super::fit::{best, try_shape, unit_of_column};
use super::shape::{is_total_label, Relationship, Shape};
use crate::suggest::grid::Grid;
use crate::units::Unit;

/// The most cells the search over pairs of columns reads in one table
/// (about a second in a release build).
const PAIR_SEARCH_CELLS: usize = 3_000_000;

/// Divisors and multipliers of a per-period column: weeks and months.
const PERIODS: [u32; 2] = [52, 12];

/// For each column, the best rule that makes it from columns to its left.
pub(super) fn column_relationships(grid: &Grid) -> Vec<Relationship> {
    let columns = grid.columns.len();
    // Pairs of columns for every result column: columns³ × rows cells
    // read, kept under a bound so that a very wide table stays quick.
    let small = columns.saturating_pow(3).saturating_mul(grid.rows.len()) <= PAIR_SEARCH_CELLS;
    let mut found = Vec::new();
    for result in 0..columns {
        let unit = unit_of_column(grid, result);
        let labelled = grid
            .columns
            .get(result)
            .is_some_and(|c| is_total_label(&c.label));
        let mut candidates = Vec::new();
        // The block of columns just before it, three or more wide.
        for start in 0..result.saturating_sub(2) {
            let parts: Vec<usize> = (start..result).collect();
            candidates.extend(try_shape(
                grid,
                Shape::ColumnSum {
                    total: result,
                    parts,
                },
                labelled,
            ));
        }
        if small {
            for left in 0..result {
                for right in 0..result {
                    if left == right {
                        continue;
                    }
                    if left < right {
                        candidates.extend(try_shape(
                            grid,
                            Shape::ColumnSum {
                                total: result,
                                parts: vec![left, right],
                            },
                            labelled,
                        ));
                    }
                    if unit.is_some() && unit_of_column(grid, left) == unit {
                        candidates.extend(try_shape(
                            grid,
                            Shape::ColumnDifference {
                                result,
                                left,
                                right,
                            },
                            false,
                        ));
                    }
                    candidates.extend(quotient(grid, result, left, right));
                }
                for period in PERIODS {
                    for (numerator, denominator) in [(1, period), (period, 1)] {
                        if unit_of_column(grid, left) == unit {
                            candidates.extend(try_shape(
                                grid,
                                Shape::ColumnScaled {
                                    result,
                                    source: left,
                                    numerator,
                                    denominator,
                                },
                                false,
                            ));
                        }
                    }
                }
            }
        }
        found.extend(best(candidates));
    }
    found
}

/// `result` = `numerator` / `denominator`, when the units make sense of it:
/// money over a count (per head, per property), or a share of like over
/// like.
fn quotient(
    grid: &Grid,
    result: usize,
    numerator: usize,
    denominator: usize,
) -> Option<Relationship> {
    let units = (
        unit_of_column(grid, result)?,
        unit_of_column(grid, numerator)?,
        unit_of_column(grid, denominator)?,
    );
    let per = grid.columns.get(result).is_some_and(|c| {
        let label = c.label.to_lowercase();
        label.contains("per ") || label.contains("average")
    });
    let count = |u: Unit| matches!(u, Unit::Number | Unit::People);
    let sensible = match units {
        (Unit::Pounds, Unit::Pounds, d) => count(d),
        (Unit::Percent, n, d) => n == d && n != Unit::Percent,
        // Voters per council seat: a count over a count, when the header
        // says it is one.
        (r, n, d) => per && count(r) && count(n) && count(d),
    };
    if !sensible {
        return None;
    }
    try_shape(
        grid,
        Shape::ColumnQuotient {
            result,
            numerator,
            denominator,
        },
        false,
    )
}
