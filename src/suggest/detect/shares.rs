//! Percentages: a column that is each row's share of a total row, and
//! shares that make 100% (adjacent percentage columns, or a cell printing
//! a pair such as `65%/35%`).

use super::fit::{best, try_shape, unit_of_column};
use super::shape::{result_column, Relationship, Shape};
use crate::suggest::grid::Grid;
use crate::units::Unit;

/// Percentage columns that are each row's share of a total row, where no
/// other rule already makes them.
pub(super) fn shares(grid: &Grid, totals: &[usize], found: &[Relationship]) -> Vec<Relationship> {
    let made: Vec<usize> = found.iter().filter_map(result_column).collect();
    let mut shares = Vec::new();
    for share in 0..grid.columns.len() {
        // `Per £100`, `Of each £100`: a share in pounds of a hundred.
        let per_hundred = unit_of_column(grid, share) == Some(Unit::Pounds)
            && grid
                .columns
                .get(share)
                .is_some_and(|c| c.label.contains("£100"));
        if made.contains(&share)
            || unit_of_column(grid, share) != Some(Unit::Percent) && !per_hundred
        {
            continue;
        }
        let mut candidates = Vec::new();
        for of in 0..grid.columns.len() {
            if unit_of_column(grid, of) == Some(Unit::Percent) {
                continue;
            }
            for &total_row in totals {
                let shape = if per_hundred {
                    Shape::ColumnPerHundred {
                        share,
                        of,
                        total_row,
                    }
                } else {
                    Shape::ColumnShare {
                        share,
                        of,
                        total_row,
                    }
                };
                candidates.extend(try_shape(grid, shape, false));
            }
        }
        shares.extend(best(candidates));
    }
    shares
}

/// Shares that make 100%: adjacent percentage columns, and cells holding
/// a pair of percentages (`65%/35%`).
pub(super) fn wholes(grid: &Grid) -> Vec<Relationship> {
    let percent = |c: usize| unit_of_column(grid, c) == Some(Unit::Percent);
    let mut found = Vec::new();
    for column in 0..grid.columns.len() {
        let pairs = (0..grid.rows.len()).any(|r| {
            grid.pair(r, column)
                .is_some_and(|(a, b)| a.unit == Unit::Percent && b.unit == Unit::Percent)
        });
        // Two shares printed as one (`65%/35%`) are a split of a whole:
        // like a labelled total, the form itself is the evidence.
        if pairs {
            found.extend(try_shape(grid, Shape::PairWhole { column }, true));
            // Two counts printed as one beside them are what the split
            // follows, when it does.
            for counts in (0..grid.columns.len()).filter(|&c| c != column) {
                let shape = Shape::PairFollows {
                    shares: column,
                    counts,
                };
                found.extend(try_shape(grid, shape, true));
            }
        }
    }
    let mut start = 0;
    while start < grid.columns.len() {
        let end = (start..grid.columns.len())
            .take_while(|&c| percent(c))
            .last();
        match end {
            Some(end) if end > start => {
                let candidates = (start + 1..=end)
                    .filter_map(|last| {
                        try_shape(
                            grid,
                            Shape::ColumnsWhole {
                                parts: (start..=last).collect(),
                            },
                            false,
                        )
                    })
                    .collect();
                found.extend(best(candidates));
                start = end + 1;
            }
            _ => start += 1,
        }
    }
    found
}
