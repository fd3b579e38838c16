//! Finding a table, row or column by the words of its label.
//!
//! A label matches when its words equal the query (ignoring case and runs of
//! whitespace); failing that, when they contain it. Either way the match must
//! be unique: a query that matches nothing or several labels is an error that
//! lists the nearest labels, so a pack author can see what was there.

use std::collections::HashMap;

use super::cell::words_of;
use super::table::{is_figure_cell, Table};
use crate::figures::Figures;

/// A document's tables by the words of each of their cells (lower case), so
/// that finding a table by a label does not read every cell of every table.
#[derive(Clone, Debug, Default)]
pub struct TablesByKey {
    tables: HashMap<String, Vec<usize>>,
}

impl TablesByKey {
    pub fn new(tables: &[Table]) -> TablesByKey {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, table) in tables.iter().enumerate() {
            for cell in table.rows.iter().flat_map(|r| &r.cells) {
                let found = by_key.entry(cell.key.clone()).or_default();
                if found.last() != Some(&index) {
                    found.push(index);
                }
            }
        }
        TablesByKey { tables: by_key }
    }

    /// The tables with a cell whose words are `key` (normalised), in order.
    pub fn with_cell(&self, key: &str) -> &[usize] {
        self.tables.get(key).map_or(&[], Vec::as_slice)
    }
}

/// The outcome of looking a label up among several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabelError {
    /// No label matched; the nearest labels, best first.
    NotFound { nearest: Vec<String> },
    /// Several labels matched.
    Ambiguous { matches: Vec<String> },
}

/// Looks `query` up among `labels` (index, label) and returns the index.
pub struct Lookup;

impl Lookup {
    pub fn unique<'a, I>(query: &str, labels: I) -> Result<usize, LabelError>
    where
        I: IntoIterator<Item = (usize, &'a str)> + Clone,
    {
        let wanted = normalise(query);
        // Labels come from cells, whose words are already collapsed.
        let equal: Vec<_> = labels
            .clone()
            .into_iter()
            .filter(|(_, label)| label.to_lowercase() == wanted)
            .collect();
        let matches = if equal.is_empty() {
            labels
                .clone()
                .into_iter()
                .filter(|(_, label)| label.to_lowercase().contains(&wanted))
                .collect()
        } else {
            equal
        };
        match matches.as_slice() {
            [(index, _)] => Ok(*index),
            [] => Err(LabelError::NotFound {
                nearest: nearest(&wanted, labels.into_iter().map(|(_, l)| l)),
            }),
            several => Err(LabelError::Ambiguous {
                matches: several.iter().map(|(_, l)| l.to_string()).collect(),
            }),
        }
    }
}

impl Table {
    /// The data row whose label is `query`; the index is into `data_rows()`.
    /// The first label is tried first; failing that, any of the row's labels
    /// (`Unemployment rate` in a row first labelled by its outcome).
    pub fn find_row(&self, query: &str, figures: &Figures) -> Result<usize, LabelError> {
        // The rows whose first label equals the query: one is the answer.
        let index = self.first_labels.get_or_init(|| {
            let mut index: HashMap<String, Vec<usize>> = HashMap::new();
            for (i, row) in self.data_rows().iter().enumerate() {
                if let Some(label) = self.row_label(row, figures) {
                    index.entry(label.to_lowercase()).or_default().push(i);
                }
            }
            index
        });
        if let Some([one]) = index.get(&normalise(query)).map(Vec::as_slice) {
            return Ok(*one);
        }
        let labels: Vec<(usize, &str)> = self
            .data_rows()
            .iter()
            .enumerate()
            .filter_map(|(i, row)| Some((i, self.row_label(row, figures)?)))
            .collect();
        let first = Lookup::unique(query, labels.iter().copied());
        if !matches!(first, Err(LabelError::NotFound { .. })) {
            return first;
        }
        let all: Vec<(usize, &str)> = self
            .data_rows()
            .iter()
            .enumerate()
            .flat_map(|(i, row)| {
                self.row_labels(row, figures)
                    .into_iter()
                    .skip(1)
                    .map(move |l| (i, l))
            })
            .collect();
        let found = match Lookup::unique(query, all.iter().copied()) {
            Ok(row) => Ok(row),
            Err(LabelError::NotFound { .. }) => first,
            Err(ambiguous) => Err(ambiguous),
        };
        found.or_else(|error| self.find_row_in_section(query, figures).ok_or(error))
    }

    /// The row `Section / Label`: the one row labelled `Label` under the
    /// section heading `Section`, for a label that several sections repeat
    /// (a `Sub-total` after each).
    fn find_row_in_section(&self, query: &str, figures: &Figures) -> Option<usize> {
        let (section, label) = query.rsplit_once(" / ")?;
        let (section, label) = (normalise(section), normalise(label));
        let rows = self.data_rows();
        let mut found = (0..rows.len()).filter(|&i| {
            let labelled = rows
                .get(i)
                .and_then(|row| self.row_label(row, figures))
                .is_some_and(|l| normalise(l) == label);
            labelled
                && self
                    .section_of(i, figures)
                    .is_some_and(|s| normalise(s) == section)
        });
        let row = found.next()?;
        found.next().is_none().then_some(row)
    }

    /// The section heading over data row `index`: the nearest row above it
    /// with a label and no figure (`ENVIRONMENT` over its services).
    pub fn section_of(&self, index: usize, figures: &Figures) -> Option<&str> {
        let rows = self.data_rows();
        rows.get(..index)?.iter().rev().find_map(|row| {
            let heading = !row.cells.iter().any(|c| is_figure_cell(c, figures));
            heading.then(|| self.row_label(row, figures)).flatten()
        })
    }

    /// The column whose labels, joined by ` / ` or taken one at a time,
    /// match `query`.
    pub fn find_column(&self, query: &str) -> Result<usize, LabelError> {
        let index = self.headers.get_or_init(|| {
            let mut index: HashMap<String, Vec<usize>> = HashMap::new();
            for c in 0..self.column_count() {
                let label = self.column_labels(c).join(" / ");
                if !label.is_empty() {
                    index.entry(label.to_lowercase()).or_default().push(c);
                }
            }
            index
        });
        if let Some([one]) = index.get(&normalise(query)).map(Vec::as_slice) {
            return Ok(*one);
        }
        let joined: Vec<(usize, String)> = (0..self.column_count())
            .map(|c| (c, self.column_labels(c).join(" / ")))
            .filter(|(_, label)| !label.is_empty())
            .collect();
        let whole = Lookup::unique(query, joined.iter().map(|(c, l)| (*c, l.as_str())));
        if let Err(LabelError::NotFound { .. }) = whole {
            // `High` alone finds the column when only one column says High.
            let last: Vec<(usize, &str)> = (0..self.column_count())
                .filter_map(|c| Some((c, *self.column_labels(c).last()?)))
                .collect();
            let wanted = normalise(query);
            let exact: Vec<_> = last
                .iter()
                .filter(|(_, l)| normalise(l) == wanted)
                .collect();
            if let [(c, _)] = exact.as_slice() {
                return Ok(*c);
            }
        }
        whole
    }

    /// Whether any of the table's cells reads `query`, for finding a table by
    /// a heading or row label.
    pub fn mentions(&self, query: &str, exactly: bool) -> bool {
        let wanted = normalise(query);
        self.mentions_normalised(&wanted, exactly)
    }

    /// As [`Table::mentions`], with the query already normalised.
    pub fn mentions_normalised(&self, wanted: &str, exactly: bool) -> bool {
        self.rows.iter().flat_map(|r| &r.cells).any(|cell| {
            if exactly {
                cell.key == wanted
            } else {
                cell.key.contains(wanted)
            }
        })
    }
}

pub fn normalise(label: &str) -> String {
    words_of(label).to_lowercase()
}

/// Up to three labels nearest to `wanted`, best first.
pub fn nearest<'a>(wanted: &str, labels: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut scored: Vec<(f64, &str)> = labels
        .into_iter()
        .filter(|l| !l.is_empty())
        .map(|l| (strsim::normalized_levenshtein(wanted, &normalise(l)), l))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored
        .into_iter()
        .take(3)
        .map(|(_, l)| l.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_beats_contains_and_contains_must_be_unique() {
        let labels = [
            (0, "Council"),
            (1, "County Council 40% split"),
            (2, "District Councils 60% split"),
        ];
        assert_eq!(Lookup::unique("council", labels), Ok(0));
        assert_eq!(Lookup::unique("40% split", labels), Ok(1));
        assert!(
            matches!(Lookup::unique("split", labels), Err(LabelError::Ambiguous { matches }) if matches.len() == 2)
        );
        match Lookup::unique("County Council 45%", labels) {
            Err(LabelError::NotFound { nearest }) => {
                assert_eq!(nearest[0], "County Council 40% split")
            }
            other => panic!("{other:?}"),
        }
    }
}
