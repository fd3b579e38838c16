//! Writing found relationships as a pack in the rule language: one
//! whole-table rule per relationship, with a comment saying where it holds
//! and where it breaks, and at the end the blocks of figures that gave no
//! rule. Every statement is parsed before it is written: one that the
//! parser would not read is left out, and the pack says so, so that a
//! suggested pack always parses.

use std::fmt::Write as _;

use super::detect::{Relationship, Shape};
use super::grid::{quoted, Grid};
use super::sides::{adjacent, sides};
use super::suggestions::Suggestions;

/// The name the pack gives the document.
pub const DOCUMENT: &str = "paper";

/// A pack as written: its text, and the rules left out of it because the
/// rule language could not say them (each with the line of its table).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Written {
    pub text: String,
    pub left_out: Vec<String>,
}

/// The pack: its `document` line (with `path` as written) and a rule per
/// relationship of every table.
pub fn pack(path: &str, suggestions: &Suggestions) -> String {
    written(path, suggestions).text
}

/// The pack and what it had to leave out.
pub fn written(path: &str, suggestions: &Suggestions) -> Written {
    let tables = &suggestions.tables;
    let mut out = String::new();
    let mut left_out = Vec::new();
    // The tables given a name so far, which a later table's claims can
    // read.
    let mut named: Vec<usize> = Vec::new();
    let document_line = format!("document {DOCUMENT} = {}\n", quoted(path));
    let _ = write!(
        out,
        "# Suggested by `vd-audit suggest`: each rule is a relationship that a table\n\
         # keeps in all its rows (or columns) but at most one in five, allowing for\n\
         # rounding. A row that breaks it is a likely slip; read the paper before\n\
         # relying on any rule, and delete those that are coincidence.\n\
         {document_line}"
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
        let across: Vec<_> = suggestions
            .across
            .iter()
            .filter(|a| a.to.0 == index)
            .collect();
        let carried_on = suggestions.across.iter().any(|a| a.from.0 == index);
        if table.relationships.is_empty() && restated.is_empty() && across.is_empty() && !carried_on
        {
            continue;
        }
        let grid = &table.grid;
        let name = format!("table{}", grid.table + 1);
        let table_line = format!("let {name} = {DOCUMENT}.table({})\n", quoted(&grid.key));
        if let Some(error) = syntax_error(&document_line, &table_line) {
            left_out.push(format!(
                "line {}: the table's rules: it cannot be named ({error})",
                grid.line
            ));
            continue;
        }
        let _ = write!(out, "\n# The table at line {}.\n{table_line}", grid.line);
        named.push(index);
        let context = format!("{document_line}{table_line}");
        let mut statement =
            |out: &mut String, text: String, what: &dyn Fn() -> String| match syntax_error(
                &context, &text,
            ) {
                None => out.push_str(&text),
                Some(error) => left_out.push(format!(
                    "line {}: {}: the rule language cannot say it as written ({error})",
                    grid.line,
                    what()
                )),
            };
        for relationship in &table.relationships {
            out.push('\n');
            let text = rule(grid, &name, relationship);
            let what = || describe(grid, &name, relationship);
            statement(&mut out, text, &what);
        }
        if !restated.is_empty() {
            out.push_str("\n# Figures of the text that restate this table's.\n");
        }
        for restatement in restated {
            let (Some(row), Some(column)) = (
                grid.rows.get(restatement.row),
                grid.columns.get(restatement.column),
            ) else {
                continue;
            };
            let title = format!(
                "Line {} restates {} in {}",
                restatement.line,
                row.title(),
                column.title()
            );
            let text = format!(
                "claim {}\n  {DOCUMENT} {} == {name}.cell({}, {})\n",
                quoted(&title),
                quoted(&restatement.anchor),
                row.reference(),
                column.reference()
            );
            statement(&mut out, text, &|| title.clone());
        }
        for carried in across {
            let (from_grid, from_row, from_column) = carried.from;
            let (_, row, column) = carried.to;
            let (Some(earlier), Some(row), Some(column)) = (
                tables.get(from_grid).map(|t| &t.grid),
                grid.rows.get(row),
                grid.columns.get(column),
            ) else {
                continue;
            };
            let (Some(from_row), Some(from_column)) =
                (earlier.rows.get(from_row), earlier.columns.get(from_column))
            else {
                continue;
            };
            let title = format!(
                "{} restates {} of the table at line {}",
                row.title(),
                from_row.title(),
                earlier.line
            );
            if !named.contains(&from_grid) {
                left_out.push(format!(
                    "line {}: {title}: that table has no name",
                    grid.line
                ));
                continue;
            }
            let text = format!(
                "\n# A figure carried from the table at line {}.\nclaim {}\n  {name}.cell({}, {}) == table{}.cell({}, {})\n",
                earlier.line,
                quoted(&title),
                row.reference(),
                column.reference(),
                earlier.table + 1,
                from_row.reference(),
                from_column.reference()
            );
            let context = format!(
                "{context}let table{} = {DOCUMENT}.table(\"x\")\n",
                earlier.table + 1
            );
            match syntax_error(&context, &text) {
                None => out.push_str(&text),
                Some(error) => left_out.push(format!(
                    "line {}: {title}: the rule language cannot say it as written ({error})",
                    grid.line
                )),
            }
        }
    }
    not_read(&mut out, suggestions, &left_out);
    Written {
        text: out,
        left_out,
    }
}

/// The closing comment: the blocks of figures no rule reads, and the rules
/// left out, so that a pack with few claims says what it did not look at.
fn not_read(out: &mut String, suggestions: &Suggestions, left_out: &[String]) {
    if suggestions.unread.is_empty() && left_out.is_empty() {
        return;
    }
    out.push_str(
        "\n# Not read: the figures below gave no rule. Read them in the paper: a\n\
         # pack with few claims has not checked them.\n",
    );
    for unread in &suggestions.unread {
        let _ = writeln!(out, "#   {unread}");
    }
    for rule in left_out {
        let _ = writeln!(out, "#   left out, {rule}");
    }
}

/// The first syntax error of `statement` after `context` (the lines it
/// needs before it), if the parser would not read it.
fn syntax_error(context: &str, statement: &str) -> Option<String> {
    let text = format!("{context}{statement}");
    crate::lang::parse_pack(&text)
        .errors
        .first()
        .map(|e| e.message.clone())
}

/// A relationship in words, for saying that it was left out.
fn describe(grid: &Grid, table: &str, relationship: &Relationship) -> String {
    let (_, _, description) = sides(grid, table, &relationship.shape, "row");
    description
}

/// A relationship as a rule: a comment saying where it holds, then a
/// whole-table rule, or (over columns without a header) a claim for each.
fn rule(grid: &Grid, table: &str, relationship: &Relationship) -> String {
    let mut out = String::new();
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
    // A figure carried from the column before names two columns, which a
    // loop over columns cannot: its claims are written one by one too.
    let carried = matches!(relationship.shape, Shape::RowCarried { .. });
    if numbered || carried {
        for &place in &relationship.over {
            let Some(axis) = axes.get(place) else {
                continue;
            };
            let (stated, mut computed, description) =
                sides(grid, table, &relationship.shape, &axis.reference());
            if carried {
                let Some(before) = place.checked_sub(1).and_then(|p| axes.get(p)) else {
                    continue;
                };
                computed = sides(grid, table, &relationship.shape, &before.reference()).1;
            }
            let claim = format!(
                "{}: {description}, {}",
                axis.title(),
                evidence(relationship, applied, places)
            );
            let _ = writeln!(out, "claim {}\n  {stated} == {computed}", quoted(&claim));
        }
        return out;
    }
    let _ = writeln!(
        out,
        "for {variable} in {table}.{places}({})",
        selection(grid, per_row, &relationship.over)
    );
    let (stated, computed, description) = sides(grid, table, &relationship.shape, variable);
    let claim = format!(
        "{{{variable}}}: {description}, {}",
        evidence(relationship, applied, places)
    );
    let _ = writeln!(out, "  claim {}", quoted(&claim));
    let _ = writeln!(out, "    {stated} == {computed}");
    out
}

/// Why the claim is made, for its title: how many places keep the rule, or,
/// where none does, the label that names the row a total (a title saying
/// "as 0 of 1 columns keep" would argue against its own claim).
fn evidence(relationship: &Relationship, applied: usize, places: &str) -> String {
    let kept = relationship.kept;
    if matches!(relationship.shape, Shape::RowMultiple { in_law: true, .. }) {
        "the band's ratio in law".to_string()
    } else if kept == 0 {
        "as its label says".to_string()
    } else {
        format!("as {kept} of {applied} {places} keep")
    }
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
