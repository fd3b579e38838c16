//! A document prepared for auditing: its text, with the figures found in
//! it (and the malformed ones), its tables, and an index of its words,
//! each built once however many packs and claims read it.

use std::sync::OnceLock;

use crate::figures::{recognise, Figures};
use crate::source::SourceFile;
use crate::tables::{find_table, find_tables, LookupError, Table, TablesByKey};

use super::word_index::WordIndex;

/// A document with its figures and tables.
#[derive(Clone, Debug)]
pub struct Document {
    pub source: SourceFile,
    pub figures: Figures,
    pub tables: Vec<Table>,
    /// The tables by the words of their cells.
    pub tables_by_key: TablesByKey,
    /// Where each word stands, built when first asked for.
    word_index: OnceLock<WordIndex>,
}

impl Document {
    /// Finds the figures and tables of `source`.
    pub fn new(source: SourceFile) -> Document {
        let figures = recognise(&source.text);
        let tables = find_tables(&source.text, &figures);
        let tables_by_key = TablesByKey::new(&tables);
        Document {
            source,
            figures,
            tables,
            tables_by_key,
            word_index: OnceLock::new(),
        }
    }

    /// Where each word of the document stands.
    pub fn words(&self) -> &WordIndex {
        self.word_index
            .get_or_init(|| WordIndex::new(&self.source.text))
    }

    /// The one table (its index in `tables`) with a cell whose words are
    /// `query`, or failing that contain it.
    pub fn find_table(&self, query: &str) -> Result<usize, LookupError> {
        find_table(&self.tables, &self.tables_by_key, &self.source, query)
    }
}
