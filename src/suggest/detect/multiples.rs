//! Rows in fixed ratios: each row a simple fraction of one reference row in
//! every column, as council tax bands are of Band D. The reference is
//! chosen for the whole table, since such ratios are a structure of the
//! table rather than of one row.

use rust_decimal::Decimal;

use super::fit::{fit, gcd, try_shape, Fit, LARGE};
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
    if rows > LARGE {
        return Vec::new();
    }
    if grid.columns.len() < 3 {
        return bands_in_law(grid);
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

/// Council tax bands in ninths of Band D, as the law sets them in England
/// and Wales (Scotland's upper bands differ, and so keep too few to count).
const BAND_NINTHS: [(char, u32); 9] = [
    ('A', 6),
    ('B', 7),
    ('C', 8),
    ('D', 9),
    ('E', 11),
    ('F', 13),
    ('G', 15),
    ('H', 18),
    ('I', 21),
];

/// A table of council tax bands with one or two columns of charges: too
/// few places to show a ratio, but each band's ratio to Band D is known,
/// so the rows are the evidence. Most bands (at least three, and half of
/// those printed) must keep their ratio, as in a table of fixed ratios; the
/// bands that break it then are its slips. Or the other bands must agree on
/// a Band D charge that the printed one is not: then it is Band D that
/// slipped, and each band's rule shows it.
fn bands_in_law(grid: &Grid) -> Vec<Relationship> {
    let bands: Vec<(usize, u32)> = (0..grid.rows.len())
        .filter_map(|row| {
            let letter = grid.rows.get(row).and_then(|r| band_letter(&r.label))?;
            let ninths = BAND_NINTHS.iter().find(|(l, _)| *l == letter)?.1;
            Some((row, ninths))
        })
        .collect();
    let Some(&(reference, _)) = bands.iter().find(|(_, ninths)| *ninths == 9) else {
        return Vec::new();
    };
    let mut set = Vec::new();
    for &(row, ninths) in bands.iter().filter(|(row, _)| *row != reference) {
        let shape = Shape::RowMultiple {
            row,
            reference,
            numerator: ninths,
            denominator: 9,
            in_law: true,
        };
        let mut relationship = Relationship {
            shape,
            over: Vec::new(),
            broken: Vec::new(),
            kept: 0,
        };
        for column in 0..grid.columns.len() {
            match fit(grid, &relationship.shape, column) {
                Some((Fit::Holds, _)) => relationship.kept += 1,
                Some((Fit::Breaks, _)) => relationship.broken.push(column),
                _ => continue,
            }
            relationship.over.push(column);
        }
        if !relationship.over.is_empty() {
            set.push(relationship);
        }
    }
    let keeping = set.iter().filter(|r| r.broken.is_empty()).count();
    let others: Vec<(usize, u32)> = bands.iter().copied().filter(|b| b.0 != reference).collect();
    if (keeping >= 3 && keeping * 2 >= set.len()) || band_d_is_the_slip(grid, &others) {
        set
    } else {
        Vec::new()
    }
}

/// Whether the other bands agree on a Band D charge in every column (at
/// least three, and half of them, imply the same one, each from its ratio)
/// that Band D's own figure is not: Band D slipped, and every band's rule
/// breaks on it.
fn band_d_is_the_slip(grid: &Grid, others: &[(usize, u32)]) -> bool {
    let nine = Decimal::from(9);
    (0..grid.columns.len()).all(|column| {
        let implied: Vec<(Decimal, Decimal)> = others
            .iter()
            .filter_map(|&(row, ninths)| {
                let value = grid.cell(row, column)?;
                let ratio = nine / Decimal::from(ninths);
                Some((value.interval.lo * ratio, value.interval.hi * ratio))
            })
            .collect();
        let agreeing = implied
            .iter()
            .map(|&(lo, hi)| implied.iter().filter(|&&(l, h)| l <= hi && lo <= h).count())
            .max()
            .unwrap_or(0);
        agreeing >= 3 && agreeing * 2 >= others.len()
    })
}

/// `A`, `Band A`, `A (up to £40,000)`, `Band A:`: the band's letter.
fn band_letter(label: &str) -> Option<char> {
    let label = label.trim();
    let rest = label
        .strip_prefix("Band ")
        .or_else(|| label.strip_prefix("band "))
        .unwrap_or(label)
        .trim_start();
    let mut chars = rest.chars();
    let letter = chars.next().filter(char::is_ascii_uppercase)?;
    match chars.next() {
        None => Some(letter),
        Some(c) if !c.is_alphanumeric() => Some(letter),
        Some(_) => None,
    }
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
                in_law: false,
            };
            if let Some(relationship) = try_shape(grid, shape, false) {
                let exact = Decimal::from(numerator) / Decimal::from(denominator);
                return Some((relationship, exact));
            }
        }
    }
    None
}
