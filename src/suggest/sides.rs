//! The arithmetic of one rule, as the rule language writes it: the stated
//! side, the computed side and the words of its title, for each shape. A
//! column without a header is named by its number, which a list
//! (`t.column(label, …)`, `t.row(label, "A" to "B")`) cannot take: its sums
//! are written cell by cell.

use super::detect::Shape;
use super::grid::{Axis, Grid};

/// Whether `places` are next to each other in the table itself, so that
/// `"first" to "last"` names them and nothing else.
pub(super) fn adjacent(axes: &[Axis], places: &[usize]) -> bool {
    places.windows(2).all(|w| match w {
        [a, b] => match (axes.get(*a), axes.get(*b)) {
            (Some(a), Some(b)) => b.index == a.index + 1,
            _ => false,
        },
        _ => true,
    })
}

/// The stated side, the computed side and a description for the title.
pub(super) fn sides(grid: &Grid, table: &str, shape: &Shape, at: &str) -> (String, String, String) {
    let axis = |axes: &[Axis], i: usize| {
        axes.get(i).map_or((String::new(), String::new()), |a| {
            (a.reference(), a.title())
        })
    };
    let column = |c: usize| axis(&grid.columns, c);
    let row = |r: usize| axis(&grid.rows, r);
    let in_row = |c: usize| format!("{table}.cell({at}, {})", column(c).0);
    let in_column = |r: usize| format!("{table}.cell({}, {at})", row(r).0);
    // A list (`t.column(label, …)`, `t.row(label, "A" to "B")`) names its
    // column or row and the range by label: a column without a header is
    // named by its number, which a list cannot take, so its sums are
    // written cell by cell.
    let by_number = |axes: &[Axis], places: &[usize]| {
        places
            .iter()
            .any(|&p| axes.get(p).is_none_or(|a| a.by_number))
    };
    let at_by_number = at.starts_with(|c: char| c.is_ascii_digit());
    match shape {
        Shape::ColumnSum { total, parts } => {
            let adjacent = adjacent(&grid.columns, parts);
            let names: Vec<String> = parts.iter().map(|&c| column(c).1).collect();
            let computed = match parts.as_slice() {
                [first, .., last]
                    if adjacent && parts.len() > 2 && !by_number(&grid.columns, parts) =>
                {
                    format!(
                        "sum({table}.row({at}, {} to {}))",
                        column(*first).0,
                        column(*last).0
                    )
                }
                _ => parts
                    .iter()
                    .map(|&c| in_row(c))
                    .collect::<Vec<_>>()
                    .join(" + "),
            };
            (
                in_row(*total),
                computed,
                format!("{} adds up {}", column(*total).1, names.join(" + ")),
            )
        }
        Shape::RowSum { total, parts } => {
            let adjacent = adjacent(&grid.rows, parts);
            let names: Vec<String> = parts.iter().map(|&r| row(r).1).collect();
            let computed = match parts.as_slice() {
                [first, .., last] if adjacent && parts.len() > 2 && !at_by_number => format!(
                    "sum({table}.column({at}, {} to {}))",
                    row(*first).0,
                    row(*last).0
                ),
                _ => parts
                    .iter()
                    .map(|&r| in_column(r))
                    .collect::<Vec<_>>()
                    .join(" + "),
            };
            let description = if adjacent && parts.len() > 2 {
                format!(
                    "{} adds up the rows {} to {}",
                    row(*total).1,
                    names.first().map_or("", String::as_str),
                    names.last().map_or("", String::as_str)
                )
            } else {
                format!("{} adds up {}", row(*total).1, names.join(" + "))
            };
            (in_column(*total), computed, description)
        }
        Shape::ColumnDifference {
            result,
            left,
            right,
        } => (
            in_row(*result),
            format!("{} - {}", in_row(*left), in_row(*right)),
            format!(
                "{} is {} less {}",
                column(*result).1,
                column(*left).1,
                column(*right).1
            ),
        ),
        Shape::ColumnOffset {
            result,
            source,
            reference,
        } => (
            in_row(*result),
            format!(
                "{} + ({table}.cell({r}, {}) - {table}.cell({r}, {}))",
                in_row(*source),
                column(*result).0,
                column(*source).0,
                r = row(*reference).0,
            ),
            format!(
                "{} is {} plus the same amount as in {}",
                column(*result).1,
                column(*source).1,
                row(*reference).1
            ),
        ),
        Shape::ColumnNet {
            result,
            gross,
            less,
        } => {
            let computed: Vec<String> = std::iter::once(*gross)
                .chain(less.iter().copied())
                .map(in_row)
                .collect();
            let names: Vec<String> = less.iter().map(|&c| column(c).1).collect();
            (
                in_row(*result),
                computed.join(" - "),
                format!(
                    "{} is {} less {}",
                    column(*result).1,
                    column(*gross).1,
                    names.join(" and ")
                ),
            )
        }
        Shape::ColumnChange { result, from, to } => (
            in_row(*result),
            format!("({} - {}) / {}", in_row(*to), in_row(*from), in_row(*from)),
            format!(
                "{} is the change from {} to {}",
                column(*result).1,
                column(*from).1,
                column(*to).1
            ),
        ),
        Shape::RowDifference {
            result,
            left,
            right,
        } => (
            in_column(*result),
            format!("{} - {}", in_column(*left), in_column(*right)),
            format!(
                "{} is {} less {}",
                row(*result).1,
                row(*left).1,
                row(*right).1
            ),
        ),
        // Written claim by claim (see `render`): `at` is a column, and the
        // column before it is named by `carried_from`.
        Shape::RowCarried { row: carried, from } => (
            in_column(*carried),
            format!("{table}.cell({}, {at})", row(*from).0),
            format!(
                "{} is {} of the column before",
                row(*carried).1,
                row(*from).1
            ),
        ),
        Shape::RowQuotient {
            result,
            numerator,
            denominator,
        } => (
            in_column(*result),
            format!("{} / {}", in_column(*numerator), in_column(*denominator)),
            format!(
                "{} is {} over {}",
                row(*result).1,
                row(*numerator).1,
                row(*denominator).1
            ),
        ),
        Shape::ColumnScaled {
            result,
            source,
            numerator,
            denominator,
        } => {
            let (operation, words) = scaling(*numerator, *denominator);
            (
                in_row(*result),
                format!("{} {operation}", in_row(*source)),
                format!("{} is {} {words}", column(*result).1, column(*source).1),
            )
        }
        Shape::ColumnQuotient {
            result,
            numerator,
            denominator,
        } => (
            in_row(*result),
            format!("{} / {}", in_row(*numerator), in_row(*denominator)),
            format!(
                "{} is {} over {}",
                column(*result).1,
                column(*numerator).1,
                column(*denominator).1
            ),
        ),
        Shape::ColumnShare {
            share,
            of,
            total_row,
        } => (
            in_row(*share),
            format!(
                "{} / {table}.cell({}, {})",
                in_row(*of),
                row(*total_row).0,
                column(*of).0
            ),
            format!(
                "{} is its share of {} in {}",
                column(*share).1,
                column(*of).1,
                row(*total_row).1
            ),
        ),
        Shape::ColumnPerHundred {
            share,
            of,
            total_row,
        } => (
            in_row(*share),
            format!(
                "{} / {table}.cell({}, {}) * £100",
                in_row(*of),
                row(*total_row).0,
                column(*of).0
            ),
            format!(
                "{} is its part of each £100 of {} in {}",
                column(*share).1,
                column(*of).1,
                row(*total_row).1
            ),
        ),
        Shape::ColumnsWhole { parts } => {
            let (first, rest) = parts.split_first().map_or((0, &[][..]), |(f, r)| (*f, r));
            let others: Vec<String> = rest.iter().map(|&c| format!(" - {}", in_row(c))).collect();
            let names: Vec<String> = parts.iter().map(|&c| column(c).1).collect();
            (
                in_row(first),
                format!("100%{}", others.concat()),
                format!("{} make 100%", names.join(", ")),
            )
        }
        Shape::PairWhole { column: c } => {
            let (reference, title) = column(*c);
            (
                format!("{table}.cell({at}, {reference}, 1)"),
                format!("100% - {table}.cell({at}, {reference}, 2)"),
                format!("the two shares in {title} make 100%"),
            )
        }
        Shape::PairFollows { shares, counts } => {
            let (shares, shares_title) = column(*shares);
            let (counts, counts_title) = column(*counts);
            let count = |n: u8| format!("{table}.cell({at}, {counts}, {n})");
            (
                format!("{table}.cell({at}, {shares}, 1)"),
                format!("{} / ({} + {})", count(1), count(1), count(2)),
                format!("the first share in {shares_title} follows the counts in {counts_title}"),
            )
        }
        Shape::RowMultiple {
            row: multiple,
            reference,
            numerator,
            denominator,
            ..
        } => (
            in_column(*multiple),
            format!("{numerator}/{denominator} * {}", in_column(*reference)),
            format!(
                "{} is {numerator}/{denominator} of {}",
                row(*multiple).1,
                row(*reference).1
            ),
        ),
    }
}

/// A fixed scaling as the rule writes it and in words: `* 12` (times 12),
/// `/ 52` (over 52), `* 20%` (20% of), or `* 3 / 8`.
fn scaling(numerator: u32, denominator: u32) -> (String, String) {
    if denominator == 1 {
        (format!("* {numerator}"), format!("times {numerator}"))
    } else if u64::from(numerator) * 100 % u64::from(denominator) == 0 {
        let percent = u64::from(numerator) * 100 / u64::from(denominator);
        (format!("* {percent}%"), format!("at {percent}%"))
    } else if numerator == 1 {
        (format!("/ {denominator}"), format!("over {denominator}"))
    } else {
        let fraction = format!("{numerator}/{denominator}");
        (
            format!("* {numerator} / {denominator}"),
            format!("times {fraction}"),
        )
    }
}
