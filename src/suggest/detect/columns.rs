//! Relationships between the columns of each row: a total of a block of
//! columns or of two columns, a difference of two, a per-period column
//! (weekly is yearly / 52, monthly / 12) and a quotient (per head, per
//! property, a share of like over like). They are searched together, for
//! each result column, so that the best candidate is chosen among all of
//! them in one fixed order.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use super::fit::{best, gcd, try_shape, unit_of_column};
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
        let mut scalings = Vec::new();
        // The block of columns just before it, three or more wide.
        for start in 0..result.saturating_sub(2) {
            let parts: Vec<usize> = (start..result).collect();
            if !in_unit(grid, &parts, unit) {
                continue;
            }
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
                    if left < right && in_unit(grid, &[left, right], unit) {
                        candidates.extend(try_shape(
                            grid,
                            Shape::ColumnSum {
                                total: result,
                                parts: vec![left, right],
                            },
                            labelled,
                        ));
                    }
                    if unit.is_some() && in_unit(grid, &[left, right], unit) {
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
                if unit_of_column(grid, left) == unit {
                    let periods = PERIODS.iter().flat_map(|&p| [(1, p), (p, 1)]);
                    for (numerator, denominator) in periods.chain(fractions(grid, result, left)) {
                        scalings.extend(try_shape(
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
                candidates.extend(net(grid, result, left));
            }
        }
        candidates.extend(changes(grid, result));
        // Of scalings that hold alike, a part of a column (9% of the
        // addressable spend) before a multiple of a part (180% of the 5%
        // column), and the nearest column: a paper works each column from
        // the one before it.
        scalings.sort_by_key(|r| match r.shape {
            Shape::ColumnScaled {
                source,
                numerator,
                denominator,
                ..
            } => (numerator > denominator, result.abs_diff(source)),
            _ => (true, usize::MAX),
        });
        candidates.extend(scalings);
        if candidates.is_empty() && small {
            candidates.extend((0..columns).filter_map(|source| offset(grid, result, source)));
        }
        found.extend(best(candidates));
    }
    found
}

/// Column `result` as column `source` plus one amount in every row (a
/// district's charge added to each parish's Band D), when another
/// relationship does not explain it and no row breaks it: the amount is
/// the one most rows share, and the first row that shows it is the
/// reference the rule names.
fn offset(grid: &Grid, result: usize, source: usize) -> Option<Relationship> {
    let unit = unit_of_column(grid, result)?;
    // The column to the right is the one worked out (and so each pair is
    // tried one way only, not as A = B + c and B = A − c both).
    if source >= result || unit == Unit::Percent || unit_of_column(grid, source) != Some(unit) {
        return None;
    }
    let amounts: Vec<(usize, Decimal)> = (0..grid.rows.len())
        .filter_map(|row| {
            let (r, s) = (grid.cell(row, result)?, grid.cell(row, source)?);
            (!r.is_nil() && !s.is_nil()).then(|| (row, r.value - s.value))
        })
        .collect();
    let common = amounts
        .iter()
        .map(|(_, amount)| *amount)
        .max_by_key(|amount| amounts.iter().filter(|(_, a)| a == amount).count())?;
    if common.is_zero() {
        return None;
    }
    let reference = amounts.iter().find(|(_, a)| *a == common)?.0;
    // Every row must keep it: an amount added is a policy (a flat pay
    // award, a £2 rise in most fees) that papers make exceptions to, so a
    // row that breaks it is as likely the exception as a slip.
    try_shape(
        grid,
        Shape::ColumnOffset {
            result,
            source,
            reference,
        },
        false,
    )
    .filter(|r| r.broken.is_empty())
}

/// The simple fractions (denominator up to 20) that column `result` is of
/// column `source` in the first rows that print both: VAT is 1/5 of the
/// net price, a county's 40% share 2/5 of the cost. Each is then tried on
/// every row; the first rows only propose it.
fn fractions(grid: &Grid, result: usize, source: usize) -> Vec<(u32, u32)> {
    let ratios = (0..grid.rows.len())
        .filter_map(|row| {
            let (r, s) = (grid.cell(row, result)?, grid.cell(row, source)?);
            (!s.value.is_zero() && !r.value.is_zero()).then(|| r.value / s.value)
        })
        .take(3);
    let mut found = Vec::new();
    for ratio in ratios {
        for fraction in simple_fractions(ratio) {
            if !found.contains(&fraction) {
                found.push(fraction);
            }
        }
    }
    found
}

/// The fractions within 1% of `ratio` worth trying: the simplest `p/q`
/// with q up to 20 (1/5, 3/5, 6/5), and the whole percentage (9%, as
/// 9/100), but not 1/1. Splits and rates are a part of their column or a
/// little more than it (gross = net + VAT); per-period columns are tried
/// apart.
fn simple_fractions(ratio: Decimal) -> Vec<(u32, u32)> {
    if ratio <= Decimal::ZERO || ratio > Decimal::TWO {
        return Vec::new();
    }
    let near = |numerator: u32, denominator: u32| {
        let exact = Decimal::from(numerator) / Decimal::from(denominator);
        numerator > 0
            && numerator != denominator
            && (exact - ratio).abs() * Decimal::ONE_HUNDRED <= ratio
    };
    let round = |denominator: u32| (ratio * Decimal::from(denominator)).round().to_u32();
    let simplest = (1..=20u32).find_map(|q| round(q).filter(|&p| near(p, q)).map(|p| (p, q)));
    let percent = round(100)
        .filter(|&p| near(p, 100))
        .map(|p| (p / gcd(p, 100), 100 / gcd(p, 100)));
    let mut fractions: Vec<(u32, u32)> = simplest.into_iter().collect();
    fractions.extend(percent.filter(|p| Some(*p) != simplest));
    fractions
}

/// `result` = `gross` less the block of columns between them (two or
/// more, in the same unit): net = gross − grants − fees, each printed
/// positive.
fn net(grid: &Grid, result: usize, gross: usize) -> Option<Relationship> {
    let less: Vec<usize> = (gross + 1..result).collect();
    let unit = unit_of_column(grid, result)?;
    let same = std::iter::once(gross)
        .chain(less.iter().copied())
        .all(|c| unit_of_column(grid, c) == Some(unit));
    if less.len() < 2 || !same || unit == Unit::Percent {
        return None;
    }
    try_shape(
        grid,
        Shape::ColumnNet {
            result,
            gross,
            less,
        },
        false,
    )
}

/// A percentage column as the per cent change between two columns of the
/// same unit, either way round.
fn changes(grid: &Grid, result: usize) -> Vec<Relationship> {
    if unit_of_column(grid, result) != Some(Unit::Percent) {
        return Vec::new();
    }
    let amounts: Vec<usize> = (0..grid.columns.len())
        .filter(|&c| unit_of_column(grid, c).is_some_and(|u| u != Unit::Percent))
        .collect();
    let mut found = Vec::new();
    for &from in &amounts {
        for &to in &amounts {
            if from != to && unit_of_column(grid, from) == unit_of_column(grid, to) {
                found.extend(try_shape(
                    grid,
                    Shape::ColumnChange { result, from, to },
                    false,
                ));
            }
        }
    }
    found
}

/// Whether every column of `columns` is in `unit`: a sum or difference
/// of pounds and plain numbers is no rule the evaluator can judge (a
/// figure column with no header beside `£` columns reads as plain numbers).
fn in_unit(grid: &Grid, columns: &[usize], unit: Option<Unit>) -> bool {
    columns.iter().all(|&c| unit_of_column(grid, c) == unit)
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
    let label = grid
        .columns
        .get(result)
        .map_or(String::new(), |c| c.label.to_lowercase());
    let per = label.contains("per ") || label.contains("average");
    // A column named a rate (`Band D £`, `Cost per head`) is evidence in
    // itself, as a total's label is: a table of three parishes has too few
    // rows to show a quotient by count alone, and one slipped leaves two.
    let named = per || label.contains("band d");
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
        named && matches!(units, (Unit::Pounds, Unit::Pounds, _)),
    )
}
