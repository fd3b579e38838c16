//! Choosing rows or columns of a table by their labels, for whole-table
//! rules (`for row in t.rows("Band A" to "Band H")`) and for the lists of
//! `sum(t.column("£'000", "Staff" to "Premises"))`.
//!
//! Only rows (columns) with a figure in them are chosen: a heading row
//! inside a range has nothing to check. Each row chosen is given the label
//! that finds it again, and only it, as `cell(…)` looks labels up, so that
//! the claims a rule expands into each read their own cells.

use std::collections::HashMap;

use super::lookup::{normalise, LabelError};
use super::table::{is_figure_cell, Table};
use crate::figures::Figures;

/// Which rows (or columns), by the labels a pack writes.
#[derive(Clone, Copy, Debug)]
pub enum Selection<'q> {
    /// Every row with a figure in it.
    All,
    /// From the row `from` finds to the row `to` finds, in table order.
    Range { from: &'q str, to: &'q str },
    /// The rows these find, in this order.
    List(&'q [&'q str]),
}

/// A row or column chosen: its index (into `data_rows()`, or the column
/// number from 0) and the label that finds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picked {
    pub index: usize,
    pub label: String,
}

/// Why a selection chose nothing it could use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SelectError {
    /// Label number `query` of the selection (0 for `from`, 1 for `to`)
    /// found no row, or several.
    Label { query: usize, error: LabelError },
    /// `to` stands before `from` in the table.
    Backwards { from: String, to: String },
    /// No row in the selection holds a figure.
    Empty,
    /// A row with figures whose label does not find it alone (or that has
    /// none): `label` is what it has, `found` the labels it also finds.
    Unaddressable { label: String, found: Vec<String> },
}

impl Table {
    /// The data rows that `selection` chooses.
    pub fn select_rows(
        &self,
        selection: Selection<'_>,
        figures: &Figures,
    ) -> Result<Vec<Picked>, SelectError> {
        let holds_figures = |index: usize| {
            self.data_rows()
                .get(index)
                .is_some_and(|row| row.cells.iter().any(|c| is_figure_cell(c, figures)))
        };
        let chosen = self.chosen(
            selection,
            self.data_rows().len(),
            |query| self.find_row(query, figures),
            holds_figures,
        )?;
        // A label no other row shares finds its row: only rows whose first
        // label repeats are looked up (a lookup reads every row).
        let first_labels: Vec<Option<String>> = self
            .data_rows()
            .iter()
            .map(|r| self.row_label(r, figures).map(normalise))
            .collect();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for label in first_labels.iter().flatten() {
            *counts.entry(label.as_str()).or_default() += 1;
        }
        chosen
            .into_iter()
            .map(|index| {
                let row = self.data_rows().get(index);
                let labels = row.map(|r| self.row_labels(r, figures)).unwrap_or_default();
                let unique = first_labels
                    .get(index)
                    .and_then(Option::as_deref)
                    .is_some_and(|first| counts.get(first) == Some(&1));
                match labels.first() {
                    Some(first) if unique && normalise(first) == first.to_lowercase() => {
                        Ok(Picked {
                            index,
                            label: first.to_string(),
                        })
                    }
                    _ => {
                        // A label each section repeats (`Sub-total`) finds
                        // its row with the section's heading before it.
                        let in_section = self
                            .section_of(index, figures)
                            .zip(labels.first())
                            .map(|(section, label)| format!("{section} / {label}"));
                        let mut tries: Vec<&str> = labels.clone();
                        tries.extend(in_section.as_deref());
                        self.addressing(index, tries, |query| self.find_row(query, figures))
                    }
                }
            })
            .collect()
    }

    /// The columns that `selection` chooses.
    pub fn select_columns(
        &self,
        selection: Selection<'_>,
        figures: &Figures,
    ) -> Result<Vec<Picked>, SelectError> {
        let holds_figures = |index: usize| {
            self.data_rows().iter().any(|row| {
                row.cells
                    .get(index)
                    .is_some_and(|c| is_figure_cell(c, figures))
            })
        };
        let chosen = self.chosen(
            selection,
            self.column_count(),
            |query| self.find_column(query),
            holds_figures,
        )?;
        // As for rows: with one header row, a header no other column
        // shares finds its column.
        let headers: Vec<String> = (0..self.column_count())
            .map(|c| normalise(&self.column_labels(c).join(" / ")))
            .collect();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for header in &headers {
            *counts.entry(header.as_str()).or_default() += 1;
        }
        chosen
            .into_iter()
            .map(|index| {
                let labels = self.column_labels(index);
                let unique = headers
                    .get(index)
                    .is_some_and(|h| !h.is_empty() && counts.get(h.as_str()) == Some(&1));
                if let (true, [only]) = (unique, labels.as_slice()) {
                    if normalise(only) != only.to_lowercase() {
                        return self.addressing(index, labels.clone(), |q| self.find_column(q));
                    }
                    return Ok(Picked {
                        index,
                        label: only.to_string(),
                    });
                }
                // The last header alone reads best (`2024/25 £`); the
                // headers joined (`Year 1 (£m) / Low`) when it is not unique.
                let mut tries: Vec<String> =
                    labels.last().map(|l| l.to_string()).into_iter().collect();
                if labels.len() > 1 {
                    tries.push(labels.join(" / "));
                }
                let tries: Vec<&str> = tries.iter().map(String::as_str).collect();
                self.addressing(index, tries, |query| self.find_column(query))
            })
            .collect()
    }

    /// The indexes `selection` chooses among `count`, keeping those that
    /// hold figures.
    fn chosen(
        &self,
        selection: Selection<'_>,
        count: usize,
        find: impl Fn(&str) -> Result<usize, LabelError>,
        holds_figures: impl Fn(usize) -> bool,
    ) -> Result<Vec<usize>, SelectError> {
        let find_at = |query: usize, label: &str| {
            find(label).map_err(|error| SelectError::Label { query, error })
        };
        let chosen: Vec<usize> = match selection {
            Selection::All => (0..count).filter(|&i| holds_figures(i)).collect(),
            Selection::Range { from, to } => {
                let first = find_at(0, from)?;
                let last = find_at(1, to)?;
                if last < first {
                    return Err(SelectError::Backwards {
                        from: from.to_string(),
                        to: to.to_string(),
                    });
                }
                (first..=last).filter(|&i| holds_figures(i)).collect()
            }
            Selection::List(labels) => labels
                .iter()
                .enumerate()
                .map(|(query, label)| find_at(query, label))
                .collect::<Result<_, _>>()?,
        };
        if chosen.is_empty() {
            return Err(SelectError::Empty);
        }
        Ok(chosen)
    }

    /// The first of `labels` that finds row (column) `index` and nothing
    /// else.
    fn addressing(
        &self,
        index: usize,
        labels: Vec<&str>,
        find: impl Fn(&str) -> Result<usize, LabelError>,
    ) -> Result<Picked, SelectError> {
        for label in &labels {
            if find(label) == Ok(index) {
                return Ok(Picked {
                    index,
                    label: label.to_string(),
                });
            }
        }
        let first = labels.first().map(|l| l.to_string()).unwrap_or_default();
        let found = match labels.first().map(|l| find(l)) {
            Some(Err(LabelError::Ambiguous { matches })) => matches,
            _ => Vec::new(),
        };
        Err(SelectError::Unaddressable {
            label: first,
            found,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::recognise;
    use crate::tables::find_tables;

    const BANDS: &str = "Band\tRatio\t2023/24 £\t2024/25 £\tYearly change £\n\
        Band A\t6/9\t1,100.00\t1,154.89\t54.89\n\
        Band B\t7/9\t1,283.33\t1,347.37\t64.04\n\
        Band C\t8/9\t1,466.67\t1,539.85\t73.18\n\
        Band D\t9/9\t1,650.00\t1,732.33\t82.33\n";

    fn bands() -> (Table, Figures) {
        let figures = recognise(BANDS);
        let table = find_tables(BANDS, &figures).remove(0);
        (table, figures)
    }

    fn labels(picked: &[Picked]) -> Vec<&str> {
        picked.iter().map(|p| p.label.as_str()).collect()
    }

    #[test]
    fn a_range_of_rows_inclusive_in_table_order() {
        let (table, figures) = bands();
        let range = Selection::Range {
            from: "Band B",
            to: "band d",
        };
        let picked = table.select_rows(range, &figures).unwrap();
        assert_eq!(labels(&picked), ["Band B", "Band C", "Band D"]);
        assert_eq!(picked[0].index, 1);
        let all = table.select_rows(Selection::All, &figures).unwrap();
        assert_eq!(all.len(), 4);
    }

    #[test]
    fn columns_with_figures_by_their_header() {
        let (table, figures) = bands();
        let all = table.select_columns(Selection::All, &figures).unwrap();
        assert_eq!(labels(&all), ["2023/24 £", "2024/25 £", "Yearly change £"]);
        let range = Selection::Range {
            from: "2023/24",
            to: "2024/25",
        };
        let picked = table.select_columns(range, &figures).unwrap();
        assert_eq!(picked.iter().map(|p| p.index).collect::<Vec<_>>(), [2, 3]);
    }

    #[test]
    fn backwards_missing_and_ambiguous_labels() {
        let (table, figures) = bands();
        let backwards = Selection::Range {
            from: "Band C",
            to: "Band A",
        };
        assert!(matches!(
            table.select_rows(backwards, &figures),
            Err(SelectError::Backwards { .. })
        ));
        let missing = Selection::Range {
            from: "Band A",
            to: "Band Z",
        };
        match table.select_rows(missing, &figures) {
            Err(SelectError::Label {
                query: 1,
                error: LabelError::NotFound { nearest },
            }) => assert!(nearest.contains(&"Band A".to_string()), "{nearest:?}"),
            other => panic!("{other:?}"),
        }
        let list = ["Band"];
        assert!(matches!(
            table.select_rows(Selection::List(&list), &figures),
            Err(SelectError::Label {
                query: 0,
                error: LabelError::Ambiguous { .. }
            })
        ));
    }

    #[test]
    fn a_row_whose_label_finds_another_row_too_is_refused() {
        let text = "Item\t£'000\nStaff\t1,200\nTotal\t1,200\nOther\t5\nTotal\t1,205\n";
        let figures = recognise(text);
        let table = find_tables(text, &figures).remove(0);
        match table.select_rows(Selection::All, &figures) {
            Err(SelectError::Unaddressable { label, found }) => {
                assert_eq!(label, "Total");
                assert_eq!(found, ["Total", "Total"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn heading_rows_inside_a_range_are_left_out() {
        let text = "Service\t£'000\nStaff\t1,200\nPremises (all sites)\t\nRent\t300\nRates\t40\n";
        let figures = recognise(text);
        let table = find_tables(text, &figures).remove(0);
        let range = Selection::Range {
            from: "Staff",
            to: "Rates",
        };
        let picked = table.select_rows(range, &figures).unwrap();
        assert_eq!(labels(&picked), ["Staff", "Rent", "Rates"]);
        let only_heading = Selection::Range {
            from: "Premises",
            to: "Premises",
        };
        assert_eq!(
            table.select_rows(only_heading, &figures),
            Err(SelectError::Empty)
        );
    }

    #[test]
    fn a_label_each_section_repeats_is_named_with_its_section() {
        let text = "\
                                 2026/27     2027/28
COMMUNITIES
  Community safety                   812         845
  Leisure                          1,946       2,030
  Sub-total                        2,758       2,875

ENVIRONMENT
  Refuse collection                3,912       4,260
  Street cleansing                 1,584       1,622
  Sub-total                        5,496       5,882
";
        let figures = recognise(text);
        let table = find_tables(text, &figures).remove(0);
        let environment = table.find_row("ENVIRONMENT / Sub-total", &figures).unwrap();
        assert_eq!(table.section_of(environment, &figures), Some("ENVIRONMENT"));
        assert!(matches!(
            table.find_row("Sub-total", &figures),
            Err(LabelError::Ambiguous { .. })
        ));
        assert!(table.find_row("PLACE / Sub-total", &figures).is_err());
        let picked = table.select_rows(Selection::All, &figures).unwrap();
        let labels: Vec<&str> = picked.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Community safety",
                "Leisure",
                "COMMUNITIES / Sub-total",
                "Refuse collection",
                "Street cleansing",
                "ENVIRONMENT / Sub-total"
            ]
        );
    }
}
