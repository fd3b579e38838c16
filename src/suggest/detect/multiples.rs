//! Rows in fixed ratios: each row a simple fraction of one reference row in
//! every column, as council tax bands are of Band D. The reference is
//! chosen for the whole table, since such ratios are a structure of the
//! table rather than of one row.

use rust_decimal::Decimal;

use super::fit::{gcd, try_shape, LARGE};
use super::shape::{Relationship, Shape};
use crate::suggest::grid::Grid;
use crate::units::Unit;

/// Rows that are a fixed simple fraction (denominator up to 12) of one
/// reference row in every column: the reference that explains most rows,
/// and among those the one the paper names most often (council tax bands
/// are fractions of Band D, the band a paper talks about), then the one
/// whose fractions are nearest 1.
pub(super) fn row_multiples(grid: &Grid, totals: &[usize]) -> Vec<Relationship> {
    let rows = grid.rows.len();
    if rows > LARGE || grid.columns.len() < 3 {
        return Vec::new();
    }
    let mut best_set: Option<(usize, usize, Decimal, Vec<Relationship>)> = None;
    for reference in (0..rows).filter(|r| !totals.contains(r)) {
        let mut set = Vec::new();
        let mut spread = Decimal::ZERO;
        for row in (0..rows).filter(|&r| r != reference && !totals.contains(&r)) {
            if let Some((relationship, ratio)) = multiple(grid, row, reference) {
                spread += (ratio - Decimal::ONE).abs();
                set.push(relationship);
            }
        }
        let mentions = grid.mentions.get(reference).copied().unwrap_or(0);
        let better = match &best_set {
            None => !set.is_empty(),
            Some((count, best_mentions, best_spread, _)) => {
                (set.len(), mentions) > (*count, *best_mentions)
                    || ((set.len(), mentions) == (*count, *best_mentions) && spread < *best_spread)
            }
        };
        if better {
            best_set = Some((set.len(), mentions, spread, set));
        }
    }
    // Rows in fixed ratios are a structure of the whole table: a reference
    // that explains fewer than half the other rows found coincidences.
    let others = rows.saturating_sub(1 + totals.len());
    best_set
        .filter(|(count, ..)| *count * 2 >= others)
        .map(|(_, _, _, set)| set)
        .unwrap_or_default()
}

/// The simplest fraction `row` / `reference` that the table's money
/// columns keep (not 1: equal rows are no ratio), with the ratio. The
/// fractions tried come from the first few columns, so that one slipped
/// figure does not hide the ratio.
fn multiple(grid: &Grid, row: usize, reference: usize) -> Option<(Relationship, Decimal)> {
    let ratios: Vec<Decimal> = (0..grid.columns.len())
        .filter_map(|c| {
            let (r, s) = (grid.cell(row, c)?, grid.cell(reference, c)?);
            (s.unit != Unit::Percent && !s.value.is_zero()).then(|| r.value / s.value)
        })
        .take(3)
        .collect();
    for ratio in ratios {
        for denominator in 1..=12u32 {
            let Some(numerator) = (ratio * Decimal::from(denominator))
                .round()
                .to_string()
                .parse::<u32>()
                .ok()
            else {
                continue;
            };
            if numerator == 0 || numerator == denominator || gcd(numerator, denominator) != 1 {
                continue;
            }
            let shape = Shape::RowMultiple {
                row,
                reference,
                numerator,
                denominator,
            };
            if let Some(relationship) = try_shape(grid, shape, false) {
                let exact = Decimal::from(numerator) / Decimal::from(denominator);
                return Some((relationship, exact));
            }
        }
    }
    None
}
