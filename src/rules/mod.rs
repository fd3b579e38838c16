//! Stage 3: the rule language. A pack file is parsed into an [`ast::Pack`]
//! whose every node keeps its span in the file.

pub mod ast;
mod error;
mod parser;

pub use error::ParseError;
pub use parser::parse_pack;

#[cfg(test)]
mod tests;
