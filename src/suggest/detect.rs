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

use rust_decimal::Decimal;

use super::grid::{Grid, Value};
use crate::interval::Interval;
use crate::units::Unit;

/// How one figure of a row (or column) follows from others.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// In each row: column `total` = the sum of columns `parts`.
    ColumnSum { total: usize, parts: Vec<usize> },
    /// In each row: column `result` = column `left` - column `right`.
    ColumnDifference {
        result: usize,
        left: usize,
        right: usize,
    },
    /// In each row: column `result` = column `source` × `numerator` /
    /// `denominator` (a weekly column is the yearly one / 52).
    ColumnScaled {
        result: usize,
        source: usize,
        numerator: u32,
        denominator: u32,
    },
    /// In each row: column `result` = column `numerator` / column
    /// `denominator` (a per-head or Band D column).
    ColumnQuotient {
        result: usize,
        numerator: usize,
        denominator: usize,
    },
    /// In each row: column `share` = column `of` / that column's figure in
    /// row `total_row` (a percentage of the total).
    ColumnShare {
        share: usize,
        of: usize,
        total_row: usize,
    },
    /// In each row: the percentages of columns `parts` make 100%.
    ColumnsWhole { parts: Vec<usize> },
    /// In each row: the two percentages of column `column`'s cells
    /// (`65%/35%`) make 100%.
    PairWhole { column: usize },
    /// In each column: row `total` = the sum of rows `parts`.
    RowSum { total: usize, parts: Vec<usize> },
    /// In each column: row `row` = row `reference` × `numerator` /
    /// `denominator` (council tax Band F is 13/9 of Band D).
    RowMultiple {
        row: usize,
        reference: usize,
        numerator: u32,
        denominator: u32,
    },
}

impl Shape {
    /// Whether the shape is applied row by row (else column by column).
    pub fn per_row(&self) -> bool {
        !matches!(self, Shape::RowSum { .. } | Shape::RowMultiple { .. })
    }
}

/// A relationship of one table, and where it holds and breaks.
#[derive(Clone, Debug, PartialEq)]
pub struct Relationship {
    pub shape: Shape,
    /// Rows (for a per-row shape) or columns, by position in the grid, where
    /// all its figures are printed: the places a rule would check.
    pub over: Vec<usize>,
    /// Of `over`, where it breaks.
    pub broken: Vec<usize>,
    /// How many of `over` keep it (places where every figure is zero are
    /// in `over` but neither keep nor break it).
    pub kept: usize,
}

/// The outcome of a shape in one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fit {
    Holds,
    Breaks,
    /// Every figure is zero: proves nothing.
    Trivial,
}

/// Tables with more rows or columns than this are only searched for the
/// cheap shapes (sums of adjacent rows and columns), so that an unusually
/// large table cannot make suggest slow.
const LARGE: usize = 40;

/// The most cells the search over pairs of columns reads in one table
/// (about a second in a release build).
const PAIR_SEARCH_CELLS: usize = 3_000_000;

/// Divisors and multipliers of a per-period column: weeks and months.
const PERIODS: [u32; 2] = [52, 12];

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
    found.extend(wholes(grid));
    found
}

/// Shares that make 100%: adjacent percentage columns, and cells holding
/// a pair of percentages (`65%/35%`).
fn wholes(grid: &Grid) -> Vec<Relationship> {
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

/// Tries `shape` at every place and keeps it when it is a rule of the table.
fn try_shape(grid: &Grid, shape: Shape, labelled_total: bool) -> Option<Relationship> {
    let places = if shape.per_row() {
        grid.rows.len()
    } else {
        grid.columns.len()
    };
    let mut over = Vec::new();
    let mut broken = Vec::new();
    let mut kept = 0;
    // Places that repeat the same figures (every row 10% + 15% = 25%) are
    // one piece of evidence, not several.
    let mut evidence: Vec<Vec<Decimal>> = Vec::new();
    for place in 0..places {
        let Some((fit, figures)) = fit(grid, &shape, place) else {
            continue;
        };
        over.push(place);
        match fit {
            Fit::Holds => {
                kept += 1;
                if !evidence.contains(&figures) {
                    evidence.push(figures);
                }
            }
            Fit::Breaks => broken.push(place),
            Fit::Trivial => {}
        }
    }
    let applied = kept + broken.len();
    let rule = evidence.len() >= 3 && broken.len() * 5 <= applied;
    // A total labelled as such is a rule even in a table with one to three
    // columns of figures, where three places cannot keep it: the label is
    // the evidence the count cannot give.
    // With so few places a labelled total is trusted as a rule when it
    // holds in all of them, or in two and breaks in one.
    let labelled =
        labelled_total && (broken.is_empty() && kept >= 1 || kept >= 2 && broken.len() == 1);
    (rule || labelled).then_some(Relationship {
        shape,
        over,
        broken,
        kept,
    })
}

/// Whether `shape` holds at `place`, with the figures it read there;
/// `None` when a figure is missing or the arithmetic cannot be done.
fn fit(grid: &Grid, shape: &Shape, place: usize) -> Option<(Fit, Vec<Decimal>)> {
    let (stated, inputs, computed) = compute(grid, shape, place)?;
    let mut figures = vec![stated.value];
    figures.extend(inputs.iter().map(|v| v.value));
    let fit = if figures.iter().all(Decimal::is_zero) {
        Fit::Trivial
    } else if computed.overlaps(&stated.interval) {
        Fit::Holds
    } else {
        Fit::Breaks
    };
    Some((fit, figures))
}

type Computed<'g> = (&'g Value, Vec<&'g Value>, Interval);

fn compute<'g>(grid: &'g Grid, shape: &Shape, place: usize) -> Option<Computed<'g>> {
    let at_row = |column: usize| grid.cell(place, column);
    let at_column = |row: usize| grid.cell(row, place);
    match shape {
        Shape::ColumnSum { total, parts } => sum(at_row(*total)?, parts.iter().map(|&c| at_row(c))),
        Shape::RowSum { total, parts } => {
            sum(at_column(*total)?, parts.iter().map(|&r| at_column(r)))
        }
        Shape::ColumnsWhole { parts } => {
            let (first, rest) = parts.split_first()?;
            let stated = at_row(*first)?;
            let mut inputs = Vec::new();
            let mut whole = Interval::point(Decimal::ONE);
            for &c in rest {
                let part = at_row(c)?;
                if part.unit != Unit::Percent || stated.unit != Unit::Percent {
                    return None;
                }
                whole = whole.sub(&part.interval).ok()?;
                inputs.push(part);
            }
            Some((stated, inputs, whole))
        }
        Shape::PairWhole { column } => {
            let (first, second) = grid.pair(place, *column)?;
            if first.unit != Unit::Percent || second.unit != Unit::Percent {
                return None;
            }
            let whole = Interval::point(Decimal::ONE).sub(&second.interval).ok()?;
            Some((first, vec![second], whole))
        }
        Shape::ColumnDifference {
            result,
            left,
            right,
        } => {
            let (l, r) = (at_row(*left)?, at_row(*right)?);
            let computed = l.interval.sub(&r.interval).ok()?;
            Some((at_row(*result)?, vec![l, r], computed))
        }
        Shape::ColumnScaled {
            result,
            source,
            numerator,
            denominator,
        } => {
            let s = at_row(*source)?;
            Some((
                at_row(*result)?,
                vec![s],
                scaled(s, *numerator, *denominator)?,
            ))
        }
        Shape::RowMultiple {
            row,
            reference,
            numerator,
            denominator,
        } => {
            let s = at_column(*reference)?;
            // Percentage columns (the increase, a share) are not multiples.
            if s.unit == Unit::Percent {
                return None;
            }
            Some((
                at_column(*row)?,
                vec![s],
                scaled(s, *numerator, *denominator)?,
            ))
        }
        Shape::ColumnQuotient {
            result,
            numerator,
            denominator,
        } => {
            let (n, d) = (at_row(*numerator)?, at_row(*denominator)?);
            let computed = n.interval.div(&d.interval).ok()?;
            Some((at_row(*result)?, vec![n, d], computed))
        }
        Shape::ColumnShare {
            share,
            of,
            total_row,
        } => {
            let (part, whole) = (at_row(*of)?, grid.cell(*total_row, *of)?);
            let computed = part.interval.div(&whole.interval).ok()?;
            Some((at_row(*share)?, vec![part, whole], computed))
        }
    }
}

fn sum<'g>(
    stated: &'g Value,
    parts: impl Iterator<Item = Option<&'g Value>>,
) -> Option<Computed<'g>> {
    let mut inputs = Vec::new();
    let mut total = Interval::point(Decimal::ZERO);
    for part in parts {
        let part = part?;
        if part.unit != stated.unit {
            return None;
        }
        total = total.add(&part.interval).ok()?;
        inputs.push(part);
    }
    Some((stated, inputs, total))
}

fn scaled(source: &Value, numerator: u32, denominator: u32) -> Option<Interval> {
    source
        .interval
        .mul(&Interval::point(numerator.into()))
        .ok()?
        .div(&Interval::point(denominator.into()))
        .ok()
}

/// Columns of the grid that hold money, counts or any unit but percentages:
/// the ones totals and ratios are made of.
fn unit_of_column(grid: &Grid, column: usize) -> Option<Unit> {
    (0..grid.rows.len()).find_map(|row| grid.cell(row, column).map(|v| v.unit))
}

/// For each column, the best rule that makes it from columns to its left.
fn column_relationships(grid: &Grid) -> Vec<Relationship> {
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

/// For each row, the best sum of rows above it: a block of adjacent rows
/// (a sub-total), or the sub-totals found so far (a grand total of
/// sections).
fn row_sums(grid: &Grid) -> Vec<Relationship> {
    let mut found: Vec<Relationship> = Vec::new();
    let rows = grid.rows.len();
    for total in 0..rows {
        let labelled = grid
            .rows
            .get(total)
            .is_some_and(|r| is_total_label(&r.label));
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
                    parts: subtotals,
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
/// of one or two columns of figures (where no other column can show the
/// rule): the total of every row since the previous total, when each of
/// those rows is read and none is itself a total or an "of which". In so
/// narrow a table this is what "Total" means, and a break in it is the
/// finding a reader wants.
fn whole_section(grid: &Grid, total: usize, found: &[Relationship]) -> Option<Relationship> {
    if grid.columns.len() > 2 {
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
    let rows: Vec<&super::grid::Axis> = parts.iter().filter_map(|&r| grid.rows.get(r)).collect();
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

/// Percentage columns that are each row's share of a total row, where no
/// other rule already makes them.
fn shares(grid: &Grid, totals: &[usize], found: &[Relationship]) -> Vec<Relationship> {
    let made: Vec<usize> = found.iter().filter_map(result_column).collect();
    let mut shares = Vec::new();
    for share in 0..grid.columns.len() {
        if made.contains(&share) || unit_of_column(grid, share) != Some(Unit::Percent) {
            continue;
        }
        let mut candidates = Vec::new();
        for of in 0..grid.columns.len() {
            if unit_of_column(grid, of) == Some(Unit::Percent) {
                continue;
            }
            for &total_row in totals {
                candidates.extend(try_shape(
                    grid,
                    Shape::ColumnShare {
                        share,
                        of,
                        total_row,
                    },
                    false,
                ));
            }
        }
        shares.extend(best(candidates));
    }
    shares
}

/// Rows that are a fixed simple fraction (denominator up to 12) of one
/// reference row in every column: the reference that explains most rows,
/// and among those the one the paper names most often (council tax bands
/// are fractions of Band D, the band a paper talks about), then the one
/// whose fractions are nearest 1.
fn row_multiples(grid: &Grid, totals: &[usize]) -> Vec<Relationship> {
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

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// The column a per-row relationship makes.
fn result_column(relationship: &Relationship) -> Option<usize> {
    match relationship.shape {
        Shape::ColumnSum { total, .. } => Some(total),
        Shape::ColumnDifference { result, .. }
        | Shape::ColumnScaled { result, .. }
        | Shape::ColumnQuotient { result, .. } => Some(result),
        Shape::ColumnShare { share, .. } => Some(share),
        Shape::RowSum { .. }
        | Shape::RowMultiple { .. }
        | Shape::ColumnsWhole { .. }
        | Shape::PairWhole { .. } => None,
    }
}

/// The candidate kept in most places, then broken in fewest, then the
/// first tried (sums before differences before ratios).
fn best(candidates: Vec<Relationship>) -> Option<Relationship> {
    let mut best: Option<Relationship> = None;
    for candidate in candidates {
        let better = best.as_ref().is_none_or(|b| {
            (candidate.kept, std::cmp::Reverse(candidate.broken.len()))
                > (b.kept, std::cmp::Reverse(b.broken.len()))
        });
        if better {
            best = Some(candidate);
        }
    }
    best
}

/// `Total`, `Sub-total`, `Net budget`, `Total (£'000s)`.
pub fn is_total_label(label: &str) -> bool {
    let lower = label.to_lowercase();
    lower.contains("total") || lower.starts_with("net ")
}
