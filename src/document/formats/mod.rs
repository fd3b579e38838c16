//! The formats documents are read from, one file each.

pub mod text;

use std::path::Path;

/// The format of a document file, by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text and Markdown (`.txt`, `.md`), and any file not named as
    /// another format: read as UTF-8 text as it stands.
    Text,
}

impl Format {
    pub fn of(_path: &Path) -> Format {
        Format::Text
    }
}
