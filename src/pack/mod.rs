//! Packs bound to their documents: a rule file parsed, the documents it
//! names read through the document stage, and its whole-table rules
//! expanded over their tables ([`load_pack`]), ready for the evaluator.

mod load;
mod loaded;

pub use load::{load_pack, load_pack_with, pack_from_text, LoadError};
pub use loaded::{FigureRef, LoadedPack};
