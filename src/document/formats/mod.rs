//! The formats documents are read from, one file each.

pub mod html;
pub mod pdf;
pub mod text;

use std::path::Path;

/// The format of a document file, by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text and Markdown (`.txt`, `.md`), and any file not named as
    /// another format: read as UTF-8 text as it stands.
    Text,
    /// PDF (`.pdf`): the text layer of each page, laid out.
    Pdf,
    /// Web pages (`.html`, `.htm`): the page's text and its tables.
    Html,
}

impl Format {
    pub fn of(path: &Path) -> Format {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match extension.as_str() {
            "pdf" => Format::Pdf,
            "html" | "htm" | "xhtml" => Format::Html,
            _ => Format::Text,
        }
    }
}
