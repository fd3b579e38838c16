//! Writing found relationships as a pack in the rule language: one
//! whole-table rule per relationship, with a comment saying where it holds
//! and where it breaks.

use std::fmt::Write as _;

use super::detect::{Relationship, Shape};
use super::grid::Grid;
use super::suggestions::Suggestions;

/// The name the pack gives the document.
pub const DOCUMENT: &str = "paper";

/// The pack: its `document` line (with `path` as written) and a rule per
/// relationship of every table.
pub fn pack(path: &str, suggestions: &Suggestions) -> String {
    let tables = &suggestions.tables;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Suggested by `vd-audit suggest`: each rule is a relationship that a table\n\
         # keeps in all its rows (or columns) but at most one in five, allowing for\n\
         # rounding. A row that breaks it is a likely slip; read the paper before\n\
         # relying on any rule, and delete those that are coincidence.\n\
         document {DOCUMENT} = {}",
        quoted(path)
    );
    if suggestions.rules() == 0 {
        let _ = writeln!(out, "\n# No table relationship was found.");
    }
    for (index, table) in tables.iter().enumerate() {
        let restated: Vec<_> = suggestions
            .restatements
            .iter()
            .filter(|r| r.grid == index)
            .collect();
        if table.relationships.is_empty() && restated.is_empty() {
            continue;
        }
        let name = format!("table{}", table.grid.table + 1);
        let _ = writeln!(
            out,
            "\n# The table at line {}.\nlet {name} = {DOCUMENT}.table({})",
            table.grid.line,
            quoted(&table.grid.key)
        );
        for relationship in &table.relationships {
            out.push('\n');
            rule(&mut out, &table.grid, &name, relationship);
        }
        if !restated.is_empty() {
            out.push_str("\n# Figures of the text that restate this table's.\n");
        }
        for restatement in restated {
            let grid = &table.grid;
            let (Some(row), Some(column)) = (
                grid.rows.get(restatement.row),
                grid.columns.get(restatement.column),
            ) else {
                continue;
            };
            let _ = writeln!(
                out,
                "claim \"Line {} restates {} in {}\"\n  {DOCUMENT} {} == {name}.cell({}, {})",
                restatement.line,
                row.title(),
                column.title(),
                quoted(&restatement.anchor),
                row.reference(),
                column.reference()
            );
        }
    }
    out
}

/// A string literal. Labels with a `"` are never chosen (see the grid).
fn quoted(text: &str) -> String {
    format!("\"{text}\"")
}

fn rule(out: &mut String, grid: &Grid, table: &str, relationship: &Relationship) {
    let per_row = relationship.shape.per_row();
    let (variable, places) = if per_row {
        ("row", "rows")
    } else {
        ("column", "columns")
    };
    let axes = if per_row { &grid.rows } else { &grid.columns };
    let title = |place: usize| axes.get(place).map_or_else(String::new, |a| a.title());
    let applied = relationship.kept + relationship.broken.len();
    let _ = write!(
        out,
        "# Holds in {} of {applied} {places}",
        relationship.kept
    );
    if relationship.broken.is_empty() {
        out.push_str(".\n");
    } else {
        let broken: Vec<String> = relationship.broken.iter().map(|&p| title(p)).collect();
        let _ = writeln!(out, "; breaks in {}.", broken.join(", "));
    }
    // Columns without a header are named by number, which a loop cannot
    // run over: their claims are written out one by one.
    let numbered = relationship
        .over
        .iter()
        .any(|&p| axes.get(p).is_some_and(|a| a.by_number));
    if numbered {
        for &place in &relationship.over {
            let Some(axis) = axes.get(place) else {
                continue;
            };
            let (stated, computed, description) =
                sides(grid, table, &relationship.shape, &axis.reference());
            let _ = writeln!(
                out,
                "claim \"{}: {description}, as {} of {applied} {places} keep\"\n  {stated} == {computed}",
                axis.title(),
                relationship.kept
            );
        }
        return;
    }
    let _ = writeln!(
        out,
        "for {variable} in {table}.{places}({})",
        selection(grid, per_row, &relationship.over)
    );
    let (stated, computed, description) = sides(grid, table, &relationship.shape, variable);
    let _ = writeln!(
        out,
        "  claim \"{{{variable}}}: {description}, as {} of {applied} {places} keep\"",
        relationship.kept
    );
    let _ = writeln!(out, "    {stated} == {computed}");
}

/// The rows or columns a rule runs over: a range when they are adjacent in
/// the table, else a list.
fn selection(grid: &Grid, per_row: bool, places: &[usize]) -> String {
    let axes = if per_row { &grid.rows } else { &grid.columns };
    let picked: Vec<&super::grid::Axis> = places.iter().filter_map(|&p| axes.get(p)).collect();
    match picked.as_slice() {
        [first, .., last] if adjacent(axes, places) && picked.len() > 2 => {
            format!("{} to {}", first.reference(), last.reference())
        }
        _ => picked
            .iter()
            .map(|a| a.reference())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// Whether `places` are next to each other in the table itself, so that
/// `"first" to "last"` names them and nothing else.
fn adjacent(axes: &[super::grid::Axis], places: &[usize]) -> bool {
    places.windows(2).all(|w| match w {
        [a, b] => match (axes.get(*a), axes.get(*b)) {
            (Some(a), Some(b)) => b.index == a.index + 1,
            _ => false,
        },
        _ => true,
    })
}

/// The stated side, the computed side and a description for the title.
fn sides(grid: &Grid, table: &str, shape: &Shape, at: &str) -> (String, String, String) {
    let axis = |axes: &[super::grid::Axis], i: usize| {
        axes.get(i).map_or((String::new(), String::new()), |a| {
            (a.reference(), a.title())
        })
    };
    let column = |c: usize| axis(&grid.columns, c);
    let row = |r: usize| axis(&grid.rows, r);
    let in_row = |c: usize| format!("{table}.cell({at}, {})", column(c).0);
    let in_column = |r: usize| format!("{table}.cell({}, {at})", row(r).0);
    match shape {
        Shape::ColumnSum { total, parts } => {
            let adjacent = adjacent(&grid.columns, parts);
            let names: Vec<String> = parts.iter().map(|&c| column(c).1).collect();
            let computed = match parts.as_slice() {
                [first, .., last] if adjacent && parts.len() > 2 => format!(
                    "sum({table}.row({at}, {} to {}))",
                    column(*first).0,
                    column(*last).0
                ),
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
                [first, .., last] if adjacent && parts.len() > 2 => format!(
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
        Shape::ColumnScaled {
            result,
            source,
            numerator,
            denominator,
        } => {
            let (operation, words) = if *denominator == 1 {
                (format!("* {numerator}"), format!("times {numerator}"))
            } else {
                (format!("/ {denominator}"), format!("over {denominator}"))
            };
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
        Shape::RowMultiple {
            row: multiple,
            reference,
            numerator,
            denominator,
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
