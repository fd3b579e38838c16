//! What `suggest` finds in a document: each table's relationships, and
//! the figures of the text that restate a table's cell.

use super::detect::Relationship;
use super::grid::Grid;
use super::restate;
use super::unread::Unread;

/// The relationships found in one table.
#[derive(Clone, Debug)]
pub struct TableSuggestion {
    pub grid: Grid,
    pub relationships: Vec<Relationship>,
}

/// Everything suggest finds in a document.
#[derive(Clone, Debug)]
pub struct Suggestions {
    /// Every table of figures, in document order, with its relationships.
    pub tables: Vec<TableSuggestion>,
    /// Figures of the text that restate a table's cell.
    pub restatements: Vec<restate::Restatement>,
    /// Cells of one table restated in a later one.
    pub across: Vec<restate::Across>,
    /// The blocks of figures no rule reads, in document order.
    pub unread: Vec<Unread>,
}

impl Suggestions {
    /// How many rules the pack will hold.
    pub fn rules(&self) -> usize {
        self.tables
            .iter()
            .map(|t| t.relationships.len())
            .sum::<usize>()
            + self.restatements.len()
            + self.across.len()
    }
}
