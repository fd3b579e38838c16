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
