//! Totals of rows: in each column, a row that is the sum of a block of rows
//! above it (a sub-total), of the sub-totals found so far (a grand total of
//! sections), or, in a narrow table, of every row since the previous total
//! when the row is labelled as one.

use super::fit::{best, fit, try_shape, Fit, LARGE};
use super::shape::{is_total_label, Relationship, Shape};
use crate::suggest::grid::{Axis, Grid};

/// For each row, the best sum of rows above it: a block of adjacent rows
/// (a sub-total), or the sub-totals found so far (a grand total of
/// sections).
pub(super) fn row_sums(grid: &Grid) -> Vec<Relationship> {
    let mut found: Vec<Relationship> = Vec::new();
    let rows = grid.rows.len();
    for total in 0..rows {
        let labelled = grid
            .rows
            .get(total)
            .is_some_and(|r| is_total_label(&r.label))
            || closes_bridge(grid, total);
        let mut candidates = Vec::new();
        let first = if rows <= LARGE * 5 {
            0
        } else {
            total.saturating_sub(LARGE)
        };
        for start in first..total.saturating_sub(1) {
            candidates.extend(try_shape(
                grid,
                Shape::RowSum {
                    total,
                    parts: (start..total).collect(),
                },
                labelled,
            ));
        }
        // Sections, each with its own sub-total: the total of the
        // sub-totals found so far that do not overlap.
        let subtotals: Vec<usize> = found
            .iter()
            .filter_map(|r| match &r.shape {
                Shape::RowSum { total: t, .. } => Some(*t),
                _ => None,
            })
            .collect();
        if subtotals.len() >= 2 {
            candidates.extend(try_shape(
                grid,
                Shape::RowSum {
                    total,
                    parts: subtotals.clone(),
                },
                labelled,
            ));
        }
        // The sub-totals with the rows that stand alone beside them (the
        // budget brought forward, then pressures and savings each with its
        // total): every row above that no sum found so far adds up.
        let top_level: Vec<usize> = (0..total)
            .filter(|row| {
                !found.iter().any(|r| match &r.shape {
                    Shape::RowSum { parts, .. } => parts.contains(row),
                    _ => false,
                })
            })
            .collect();
        let beside = top_level.iter().filter(|r| !subtotals.contains(r)).count();
        if !subtotals.is_empty() && beside >= 1 && top_level.len() >= 2 {
            candidates.extend(try_shape(
                grid,
                Shape::RowSum {
                    total,
                    parts: top_level,
                },
                labelled,
            ));
        }
        match best(candidates) {
            Some(best) => found.push(best),
            None if labelled => found.extend(whole_section(grid, total, &found)),
            None => {}
        }
    }
    found
}

/// A row labelled as a total that no block of rows adds up to, in a table
/// whose total prints one or two figures (where no other column can show the
/// rule): the total of every row since the previous total, when each of
/// those rows is read and none is itself a total or an "of which". In so
/// narrow a table this is what "Total" means, and a break in it is the
/// finding a reader wants.
fn whole_section(grid: &Grid, total: usize, found: &[Relationship]) -> Option<Relationship> {
    // Narrow in figures: the total's row prints one or two (other
    // columns may hold splits and counts, which have no total).
    let printed = (0..grid.columns.len())
        .filter(|&c| grid.cell(total, c).is_some())
        .count();
    if printed > 2 {
        return None;
    }
    let previous_total = found
        .iter()
        .filter_map(|r| match r.shape {
            Shape::RowSum { total: t, .. } if t < total => Some(t),
            _ => None,
        })
        .max();
    let start = previous_total.map_or(0, |t| t + 1);
    let parts: Vec<usize> = (start..total).collect();
    let rows: Vec<&Axis> = parts.iter().filter_map(|&r| grid.rows.get(r)).collect();
    let first_in_table = if start == 0 { 0 } else { rows.first()?.index };
    let unbroken = rows.first()?.index == first_in_table
        && rows
            .windows(2)
            .all(|w| matches!(w, [a, b] if b.index == a.index + 1))
        && grid.rows.get(total)?.index == rows.last()?.index + 1;
    let plain = rows.iter().all(|r| {
        let label = r.label.to_lowercase();
        !is_total_label(&label) && !label.contains("of which") && !label.contains("includ")
    });
    if parts.len() < 2 || !unbroken || !plain {
        return None;
    }
    let shape = Shape::RowSum { total, parts };
    let mut over = Vec::new();
    let mut broken = Vec::new();
    let mut kept = 0;
    for column in 0..grid.columns.len() {
        match fit(grid, &shape, column) {
            Some((Fit::Holds, _)) => {
                over.push(column);
                kept += 1;
            }
            Some((Fit::Breaks, _)) => {
                over.push(column);
                broken.push(column);
            }
            Some((Fit::Trivial, _)) => over.push(column),
            None => {}
        }
    }
    (!over.is_empty()).then_some(Relationship {
        shape,
        over,
        broken,
        kept,
    })
}

/// Whether `row` is the last row of a bridge from one year's figure to the
/// next: `2026/27 net budget` … `2027/28 net budget`, the first and last
/// rows named alike but for the year. The rows between are the changes,
/// and the last is the first plus them: its label is its evidence, as a
/// total's is.
fn closes_bridge(grid: &Grid, row: usize) -> bool {
    let words_but_years = |label: &str| -> Vec<String> {
        label
            .split_whitespace()
            .filter(|w| !is_year(w))
            .map(str::to_lowercase)
            .collect()
    };
    match (grid.rows.first(), grid.rows.get(row)) {
        (Some(first), Some(last)) if row + 1 == grid.rows.len() && row >= 2 => {
            let words = words_but_years(&last.label);
            first.label != last.label && !words.is_empty() && words == words_but_years(&first.label)
        }
        _ => false,
    }
}

/// `2026/27`, `2026-27`, `2027`: a year or a financial year.
fn is_year(word: &str) -> bool {
    let digits: Vec<&str> = word.split(['/', '-', '–']).collect();
    let all_digits = digits
        .iter()
        .all(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
    all_digits && digits.first().is_some_and(|d| d.len() == 4) && digits.len() <= 2
}
