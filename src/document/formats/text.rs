//! Plain text and Markdown: the text is the document as it stands. Tables
//! are Markdown pipe tables, tab-separated lines, or label-then-figures
//! lines (see [`crate::tables`]).

use std::path::Path;

use crate::access::Access;
use crate::source::SourceFile;

/// The file at `path` as UTF-8 text.
pub fn read(path: &Path, access: &Access) -> std::io::Result<SourceFile> {
    access.read(path)
}
