//! A document as vd-audit reads it: the file read once, in whatever format
//! it comes ([`read_document`]), its figures and malformed figures, its
//! tables and an index of its words ([`Document`]), what each figure is for
//! ([`classify`]), and documents shared between the packs that read them
//! ([`DocumentCache`]).

mod cache;
mod caption;
mod classify;
mod context;
pub mod formats;
mod prepared;
mod read;
mod rounding_notes;
mod word_index;

pub use cache::DocumentCache;
pub use classify::{classify, FigureKind};
pub use context::{column_stated_unit, column_unit, figure_in_context};
pub use prepared::Document;
pub use read::read_document;
pub use rounding_notes::{find_rounding_notes, Governs, RoundingNote};
pub use word_index::WordIndex;
