//! Which column each figure of a row is in.
//!
//! In a PDF's text layer columns are positions: the figures of a column
//! occupy overlapping character columns from row to row (right-aligned
//! amounts end together), so columns are the groups of overlapping
//! figures, and a row that fills only some columns puts each figure in the
//! one it lies under. Text copied from a web page keeps no positions (one
//! space between cells): there a column is the figure's place in its row,
//! counted from the label outwards, so that a row with fewer figures fills
//! the last columns (grant lines leaving gross spending empty), and in
//! `12,345 Children's Services 13,456` the figure before the label is the
//! first column.

use super::chunks::{Chunk, Line};

/// The columns of a block of rows: where each lies, and each row's values
/// by column.
#[derive(Debug)]
pub(super) struct Columns {
    /// Each column's extent in character columns, left to right; for
    /// columns read by place, the extent of their figures all the same.
    pub extents: Vec<(usize, usize)>,
    /// Whether columns were found by position (else by place in the row).
    pub by_position: bool,
}

impl Columns {
    /// The columns of `rows`, by position when the figures line up and by
    /// place when every row can be read so; `None` when neither.
    pub fn of(rows: &[&Line]) -> Option<Columns> {
        by_position(rows).or_else(|| by_place(rows))
    }

    /// The row's values, each with the index of its column.
    pub fn place<'l>(&self, row: &'l Line) -> Vec<(usize, &'l Chunk)> {
        if self.by_position {
            return row
                .values()
                .filter_map(|v| Some((self.column_at(v)?, v)))
                .collect();
        }
        let (before, after) = split_at_label(row);
        let width = self.extents.len();
        let leading = before.iter().enumerate().map(|(i, v)| (i, *v));
        let first_trailing = width.saturating_sub(after.len());
        let trailing = after
            .iter()
            .enumerate()
            .map(move |(i, v)| (first_trailing + i, *v));
        leading.chain(trailing).collect()
    }

    fn column_at(&self, value: &Chunk) -> Option<usize> {
        self.extents
            .iter()
            .position(|&(start, end)| value.overlaps(start, end))
    }

    pub fn count(&self) -> usize {
        self.extents.len()
    }
}

/// The values before a row's label and after it.
fn split_at_label(row: &Line) -> (Vec<&Chunk>, Vec<&Chunk>) {
    let label = row.chunks.iter().position(|c| !c.is_value());
    match label {
        // No label: every value trails.
        None => (Vec::new(), row.values().collect()),
        Some(at) => {
            let (before, after) = row.chunks.split_at(at);
            (
                before.iter().filter(|c| c.is_value()).collect(),
                after.iter().filter(|c| c.is_value()).collect(),
            )
        }
    }
}

/// Columns as groups of overlapping figures, when no row has two figures
/// in one group and the groups are no more than the widest row has
/// figures (rows that do not line up make more groups than that).
fn by_position(rows: &[&Line]) -> Option<Columns> {
    let mut spans: Vec<(usize, usize)> = rows
        .iter()
        .flat_map(|r| r.values().map(|v| (v.start, v.end)))
        .collect();
    spans.sort_unstable();
    let mut extents: Vec<(usize, usize)> = Vec::new();
    for (start, end) in spans {
        match extents.last_mut() {
            Some(last) if start < last.1 => last.1 = last.1.max(end),
            _ => extents.push((start, end)),
        }
    }
    let widest = rows.iter().map(|r| r.values().count()).max()?;
    let columns = Columns {
        extents,
        by_position: true,
    };
    let one_per_column = rows.iter().all(|row| {
        let mut placed: Vec<usize> = row.values().filter_map(|v| columns.column_at(v)).collect();
        let count = placed.len();
        placed.dedup();
        placed.len() == count
    });
    // A single row of figures proves nothing about positions.
    let aligned = one_per_column && columns.count() == widest && rows.len() >= 2;
    aligned.then_some(columns)
}

/// Columns by place: every row must have as many values before its label
/// as the others, and no more after it than the widest row.
fn by_place(rows: &[&Line]) -> Option<Columns> {
    let splits: Vec<(usize, usize)> = rows
        .iter()
        .map(|r| {
            let (before, after) = split_at_label(r);
            (before.len(), after.len())
        })
        .collect();
    let width = splits.iter().map(|(b, a)| b + a).max()?;
    let leading = splits.iter().map(|(b, _)| *b).max()?;
    let consistent = splits
        .iter()
        .all(|&(b, a)| (b == leading || b == 0) && b + a <= width && (b == 0 || b + a == width));
    if !consistent || width == 0 {
        return None;
    }
    let extent = rows
        .iter()
        .flat_map(|r| r.values())
        .fold((usize::MAX, 0), |(s, e), v| (s.min(v.start), e.max(v.end)));
    Some(Columns {
        extents: vec![extent; width],
        by_position: false,
    })
}

#[cfg(test)]
mod tests {
    use super::super::chunks::chunk_line;
    use super::*;
    use crate::figures::recognise;
    use crate::span::Span;

    fn lines(text: &str) -> (Vec<Line>, crate::figures::Figures) {
        let figures = recognise(text);
        let mut offset = 0;
        let mut out = Vec::new();
        for line in text.lines() {
            out.push(chunk_line(
                text,
                &figures,
                Span::new(offset, offset + line.len()),
            ));
            offset += line.len() + 1;
        }
        (out, figures)
    }

    #[test]
    fn a_row_filling_the_first_and_last_columns_only() {
        let text = "\
Libraries         1,200       300     1,500
Museums             800         -       800
Archive store     2,400               2,400
";
        let (lines, _) = lines(text);
        let rows: Vec<&Line> = lines.iter().collect();
        let columns = Columns::of(&rows).unwrap();
        assert!(columns.by_position);
        assert_eq!(columns.count(), 3);
        let placed: Vec<usize> = columns.place(&lines[2]).iter().map(|(c, _)| *c).collect();
        assert_eq!(placed, [0, 2]);
    }

    #[test]
    fn web_rows_by_place_fill_the_last_columns() {
        let text = "\
Employees 4,210 0 4,210
Revenue support grant (1,500) (1,500)
";
        let (lines, _) = lines(text);
        let rows: Vec<&Line> = lines.iter().collect();
        let columns = Columns::of(&rows).unwrap();
        assert!(!columns.by_position);
        let placed: Vec<usize> = columns.place(&lines[1]).iter().map(|(c, _)| *c).collect();
        assert_eq!(placed, [1, 2]);
    }

    #[test]
    fn figure_label_figure_rows() {
        let text = "\
12,345 Children's Services 13,456
9,870 Adult Social Care 10,102
";
        let (lines, _) = lines(text);
        let rows: Vec<&Line> = lines.iter().collect();
        let columns = Columns::of(&rows).unwrap();
        let placed: Vec<usize> = columns.place(&lines[1]).iter().map(|(c, _)| *c).collect();
        assert_eq!(placed, [0, 1]);
    }
}
