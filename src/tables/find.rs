//! Finding one of a document's tables by the words of one of its cells,
//! and turning a label that finds no row or column into an error.

use crate::source::SourceFile;

use super::error::LookupError;
use super::lookup::{normalise, LabelError, TablesByKey};
use super::table::Table;

/// The one table (its index in `tables`) with a cell whose words are
/// `query`, or failing that contain it. `source` is the document the tables
/// are of, to name each by its line when several match.
pub fn find_table(
    tables: &[Table],
    by_key: &TablesByKey,
    source: &SourceFile,
    query: &str,
) -> Result<usize, LookupError> {
    let wanted = normalise(query);
    for exactly in [true, false] {
        let found: Vec<(usize, &Table)> = if exactly {
            by_key
                .with_cell(&wanted)
                .iter()
                .filter_map(|&i| Some((i, tables.get(i)?)))
                .collect()
        } else {
            tables
                .iter()
                .enumerate()
                .filter(|(_, t)| t.mentions_normalised(&wanted, false))
                .collect()
        };
        match found.as_slice() {
            [(one, _)] => return Ok(*one),
            [] => continue,
            several => {
                return Err(LookupError::Label {
                    what: "table",
                    query: query.to_string(),
                    nearest: several
                        .iter()
                        .map(|(_, t)| {
                            format!(
                                "the table at line {}",
                                source.line_name(source.line_col(t.span.start).line)
                            )
                        })
                        .collect(),
                    ambiguous: true,
                })
            }
        }
    }
    Err(LookupError::Label {
        what: "table",
        query: query.to_string(),
        nearest: Vec::new(),
        ambiguous: false,
    })
}

/// A row or column label that found nothing, or several.
pub fn label_error(what: &'static str, query: &str, error: LabelError) -> LookupError {
    let (nearest, ambiguous) = match error {
        LabelError::NotFound { nearest } => (nearest, false),
        LabelError::Ambiguous { matches } => (matches, true),
    };
    LookupError::Label {
        what,
        query: query.to_string(),
        nearest,
        ambiguous,
    }
}
