//! Trying a shape on a table: working out, at each row (or column), the
//! computed value from its inputs' intervals and whether it overlaps what
//! the stated figure may stand for, and deciding from the count of places
//! kept and broken whether the shape is a rule of the table. Also the
//! helpers every search shares: a column's unit, the best of several
//! candidates, and the bound on the size of table searched in full.

use rust_decimal::Decimal;

use super::shape::{Relationship, Shape};
use crate::interval::Interval;
use crate::suggest::grid::{Grid, Value};
use crate::units::Unit;

/// The outcome of a shape in one place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Fit {
    Holds,
    Breaks,
    /// Every figure is zero: proves nothing.
    Trivial,
}

/// Tables with more rows or columns than this are only searched for the
/// cheap shapes (sums of adjacent rows and columns), so that an unusually
/// large table cannot make suggest slow.
pub(super) const LARGE: usize = 40;

/// Tries `shape` at every place and keeps it when it is a rule of the table.
pub(super) fn try_shape(grid: &Grid, shape: Shape, labelled_total: bool) -> Option<Relationship> {
    let places = if shape.per_row() {
        grid.rows.len()
    } else {
        grid.columns.len()
    };
    let mut over = Vec::new();
    let mut broken = Vec::new();
    let mut kept = 0;
    // Places that repeat the same figures (every row 10% + 15% = 25%) are
    // one piece of evidence, not several. So are columns that are scalings
    // of each other (savings at 2%, 8% and 10% of a spend column): rows
    // that add up in one add up in all, by chance as much as by rule.
    let sums_of_rows = matches!(shape, Shape::RowSum { .. });
    let mut evidence: Vec<Vec<Decimal>> = Vec::new();
    for place in 0..places {
        let Some((fit, figures)) = fit(grid, &shape, place) else {
            continue;
        };
        over.push(place);
        match fit {
            Fit::Holds => {
                kept += 1;
                let repeats = |seen: &Vec<Decimal>| {
                    *seen == figures || sums_of_rows && proportional(seen, &figures)
                };
                if !evidence.iter().any(repeats) {
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
    // holds in all of them, or breaks in one and holds in the rest: in a
    // table of two year columns, one holding is what shows the other's
    // slip.
    let labelled = labelled_total && kept >= 1 && broken.len() <= 1 && (kept >= 2 || applied <= 2);
    (rule || labelled).then_some(Relationship {
        shape,
        over,
        broken,
        kept,
    })
}

/// Whether `shape` holds at `place`, with the figures it read there;
/// `None` when a figure is missing or the arithmetic cannot be done.
pub(super) fn fit(grid: &Grid, shape: &Shape, place: usize) -> Option<(Fit, Vec<Decimal>)> {
    let (stated, inputs, computed) = compute(grid, shape, place)?;
    // A nil cell is no figure a claim can state: a rule is not checked
    // where its result is printed `-` or left blank.
    if stated.is_nil() {
        return None;
    }
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
            // Percentages add up only when they are shares of a whole: a
            // column of per cent changes has no total of its rows.
            let stated = at_column(*total)?;
            if stated.unit == Unit::Percent && !grid.holds_a_whole(place) {
                return None;
            }
            sum(stated, parts.iter().map(|&r| at_column(r)))
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
        Shape::PairFollows { shares, counts } => {
            let (share, _) = grid.pair(place, *shares)?;
            let (first, second) = grid.pair(place, *counts)?;
            if share.unit != Unit::Percent || first.unit == Unit::Percent {
                return None;
            }
            let whole = first.interval.add(&second.interval).ok()?;
            let computed = first.interval.div(&whole).ok()?;
            Some((share, vec![first, second], computed))
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
        Shape::ColumnOffset {
            result,
            source,
            reference,
        } => {
            // The reference row defines the amount: it checks nothing.
            if place == *reference {
                return None;
            }
            let (from, to) = (
                grid.cell(*reference, *source)?,
                grid.cell(*reference, *result)?,
            );
            let s = at_row(*source)?;
            if from.unit != s.unit || to.unit != s.unit {
                return None;
            }
            let added = to.interval.sub(&from.interval).ok()?;
            let computed = s.interval.add(&added).ok()?;
            Some((at_row(*result)?, vec![s, from, to], computed))
        }
        Shape::ColumnNet {
            result,
            gross,
            less,
        } => {
            let gross = at_row(*gross)?;
            let mut inputs = vec![gross];
            let mut net = gross.interval;
            for &c in less {
                let part = at_row(c)?;
                if part.unit != gross.unit {
                    return None;
                }
                net = net.sub(&part.interval).ok()?;
                inputs.push(part);
            }
            Some((at_row(*result)?, inputs, net))
        }
        Shape::ColumnChange { result, from, to } => {
            let (f, t) = (at_row(*from)?, at_row(*to)?);
            let computed = t.interval.sub(&f.interval).ok()?.div(&f.interval).ok()?;
            Some((at_row(*result)?, vec![f, t], computed))
        }
        Shape::RowDifference {
            result,
            left,
            right,
        } => {
            let (l, r) = (at_column(*left)?, at_column(*right)?);
            let stated = at_column(*result)?;
            if l.unit != stated.unit || r.unit != stated.unit {
                return None;
            }
            let computed = l.interval.sub(&r.interval).ok()?;
            Some((stated, vec![l, r], computed))
        }
        Shape::RowCarried { row, from } => {
            let before = grid.cell(*from, place.checked_sub(1)?)?;
            let stated = at_column(*row)?;
            if before.unit != stated.unit {
                return None;
            }
            Some((stated, vec![before], before.interval))
        }
        Shape::RowQuotient {
            result,
            numerator,
            denominator,
        } => {
            let (n, d) = (at_column(*numerator)?, at_column(*denominator)?);
            let computed = n.interval.div(&d.interval).ok()?;
            Some((at_column(*result)?, vec![n, d], computed))
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
            ..
        } => {
            let s = at_column(*reference)?;
            // Percentage columns (the increase, a share) are not multiples,
            // nor is a figure too coarse to fix a ratio: `142` in £'000
            // stands for 141.5 to 142.5, and 13 times it for anything from
            // 1,840 to 1,853, so that rows in one proportion (each split
            // 80/20) look like multiples of it by rounding alone.
            let coarse = s.interval.hi - s.interval.lo > s.value.abs() / Decimal::ONE_THOUSAND;
            if s.unit == Unit::Percent || coarse {
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
        Shape::ColumnPerHundred {
            share,
            of,
            total_row,
        } => {
            let (part, whole) = (at_row(*of)?, grid.cell(*total_row, *of)?);
            let hundred = Interval::point(Decimal::ONE_HUNDRED);
            let computed = part
                .interval
                .div(&whole.interval)
                .ok()?
                .mul(&hundred)
                .ok()?;
            Some((at_row(*share)?, vec![part, whole], computed))
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

/// Whether two places' figures are in one proportion, to within 0.5%
/// (the second a scaling of the first, rounded).
fn proportional(first: &[Decimal], second: &[Decimal]) -> bool {
    let Some((a, b)) = first
        .iter()
        .zip(second)
        .find(|(a, b)| !a.is_zero() && !b.is_zero())
    else {
        return false;
    };
    let ratio = *b / *a;
    let tolerance = Decimal::new(5, 3);
    first.len() == second.len()
        && first
            .iter()
            .zip(second)
            .all(|(a, b)| (*a * ratio - *b).abs() <= tolerance * b.abs().max(Decimal::ONE))
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
pub(super) fn unit_of_column(grid: &Grid, column: usize) -> Option<Unit> {
    (0..grid.rows.len()).find_map(|row| grid.cell(row, column).map(|v| v.unit))
}

/// The candidate kept in most places, then broken in fewest, then the
/// first tried (sums before differences before ratios).
pub(super) fn best(candidates: Vec<Relationship>) -> Option<Relationship> {
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

/// The greatest common divisor, for writing fractions in lowest terms.
pub(super) fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}
