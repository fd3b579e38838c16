//! The rule language (layer 7 of `src/lib.rs`). A pack file is parsed into an [`ast::Pack`]
//! whose every node keeps its span in the file.

pub mod ast;
mod choice;
mod error;
mod expand;
pub mod layout;
pub mod limits;
mod parser;

pub use choice::{choose, ChoiceError};
pub use error::ParseError;
pub use expand::expand;
pub use limits::{
    MAX_CLAIMS_PER_PACK, MAX_EXPRESSION_DEPTH, MAX_LIST_FIGURES, MAX_LOOP_NESTING,
    MAX_STEPS_PER_ANCHOR, MAX_SYNTAX_ERRORS,
};
pub use parser::{parse_pack, Parsed};

#[cfg(test)]
mod tests;
