//! A document prepared for auditing: its text, with the figures found in
//! it (and the malformed ones), its tables, and an index of its words,
//! each built once however many packs and claims read it.

use std::sync::OnceLock;

use crate::figures::{recognise, Figures};
use crate::source::SourceFile;
use crate::tables::{find_table, find_tables, LookupError, Table, TablesByKey};
use crate::units::{Scale, Unit};

use super::caption::find_caption_units;
use super::rounding_notes::{find_rounding_notes, Governs, RoundingNote};
use super::word_index::WordIndex;

/// A document with its figures and tables.
#[derive(Clone, Debug)]
pub struct Document {
    pub source: SourceFile,
    pub figures: Figures,
    pub tables: Vec<Table>,
    /// The tables by the words of their cells.
    pub tables_by_key: TablesByKey,
    /// What the paper says about its own rounding.
    pub rounding_notes: Vec<RoundingNote>,
    /// Per table, the unit its caption states (`Table A … (£m)`).
    pub caption_units: Vec<Option<(Unit, Scale)>>,
    /// Where each word stands, built when first asked for.
    word_index: OnceLock<WordIndex>,
}

impl Document {
    /// Finds the figures and tables of `source`.
    pub fn new(source: SourceFile) -> Document {
        let figures = recognise(&source.text);
        let tables = find_tables(&source.text, &figures);
        let tables_by_key = TablesByKey::new(&tables);
        let rounding_notes = find_rounding_notes(&source, &tables);
        let caption_units = find_caption_units(&source.text, &tables);
        Document {
            source,
            figures,
            tables,
            tables_by_key,
            rounding_notes,
            caption_units,
            word_index: OnceLock::new(),
        }
    }

    /// Where each word of the document stands.
    pub fn words(&self) -> &WordIndex {
        self.word_index
            .get_or_init(|| WordIndex::new(&self.source.text))
    }

    /// The note on rounding that governs the figure at `span`: the note of
    /// the table it stands in, or else one about the whole paper.
    pub fn rounding_note_for(&self, span: crate::span::Span) -> Option<&RoundingNote> {
        let table = self.tables.iter().position(|t| t.span.contains(span));
        let of_table = table.and_then(|table| {
            self.rounding_notes
                .iter()
                .find(|note| note.governs == Governs::Table(table))
        });
        of_table.or_else(|| {
            self.rounding_notes
                .iter()
                .find(|note| note.governs == Governs::Document)
        })
    }

    /// The one table (its index in `tables`) with a cell whose words are
    /// `query`, or failing that contain it.
    pub fn find_table(&self, query: &str) -> Result<usize, LookupError> {
        find_table(&self.tables, &self.tables_by_key, &self.source, query)
    }
}
