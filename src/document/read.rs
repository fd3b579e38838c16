//! Reading a file into a document: the one door every document comes in
//! by, whatever its format. A format is a file of `formats/` that turns the
//! file's bytes into text; the figures and tables are found in that text
//! the same way for all.

use std::path::Path;

use crate::access::Access;

use super::formats::{self, Format};
use super::prepared::Document;

/// Reads the document at `path`, through `access` (which holds it to the
/// size limit), in the format its name gives.
pub fn read_document(path: &Path, access: &Access) -> std::io::Result<Document> {
    let source = match Format::of(path) {
        Format::Text => formats::text::read(path, access)?,
        Format::Pdf => formats::pdf::read(path, access)?,
        Format::Html => formats::html::read(path, access)?,
    };
    Ok(Document::new(source))
}
