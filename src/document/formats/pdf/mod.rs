//! PDF: the text layer of each page, rebuilt into lines in reading order
//! and laid out in columns as the table reader reads them (see
//! [`layout`]). A place in a PDF is named by page and line: `p3:14:22` is
//! line 14 of page 3, column 22, counting the lines of the page as
//! vd-audit rebuilds it (which `vd-audit scan` shows), without its running
//! header and footer.
//!
//! The PDF library is `pdf-extract` (on `lopdf`), which decodes each font's
//! encoding, ToUnicode and CID maps and reports every character drawn and
//! where. What it cannot read is said: a file that is not a PDF, one that
//! needs a password, one that is damaged, and pages that are pictures of
//! text (a scan) with no text layer.

mod glyphs;
mod layout;
mod lines;
mod widths;

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;

use rayon::prelude::*;

use crate::access::Access;
use crate::source::SourceFile;

pub use layout::LaidOut;

/// Why a PDF cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    #[error("not a PDF: it does not begin with `%PDF-`{0}")]
    NotAPdf(String),
    #[error("the PDF is encrypted and needs a password; save an unprotected copy and audit that")]
    Encrypted,
    #[error("the PDF is damaged and cannot be read ({0})")]
    Damaged(String),
    #[error("{} no text: the PDF is scanned; run OCR first", pages_have(.0))]
    Scanned(Vec<u32>),
    #[error("{} could not be read ({reason})", pages_name(pages))]
    PagesUnreadable { pages: Vec<u32>, reason: String },
}

/// The PDF at `path`, through `access` (which holds it to the size limit).
pub fn read(path: &Path, access: &Access) -> std::io::Result<SourceFile> {
    let bytes = access.read_bytes(path)?;
    let laid = text_of(&bytes)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?;
    Ok(SourceFile::paged(path, laid.text, laid.page_starts))
}

/// The text of a PDF's pages, laid out, and where each page begins.
pub fn text_of(bytes: &[u8]) -> Result<LaidOut, PdfError> {
    let head = bytes.get(..1024).unwrap_or(bytes);
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::NotAPdf(what_it_is(bytes)));
    }
    let mut document = quietly(|| pdf_extract::Document::load_mem(bytes))
        .map_err(PdfError::Damaged)?
        .map_err(|e| PdfError::Damaged(e.to_string()))?;
    if document.is_encrypted() && document.decrypt("").is_err() {
        return Err(PdfError::Encrypted);
    }
    widths::spell_out_width_ranges(&mut document);
    // Pages are read in parallel: each is its own content stream, and
    // running them is most of the time a PDF takes.
    let numbered: Vec<(u32, pdf_extract::ObjectId)> = document.get_pages().into_iter().collect();
    let read: Vec<(u32, Result<PageRead, String>)> = numbered
        .par_iter()
        .map(|&(number, id)| (number, read_page(&document, number, id)))
        .collect();
    let mut pages = Vec::with_capacity(read.len());
    let mut scanned = Vec::new();
    let mut unreadable = Vec::new();
    let mut reason = String::new();
    for (number, page) in read {
        match page {
            Ok(PageRead {
                page,
                scanned: true,
            }) => {
                scanned.push(number);
                pages.push(page);
            }
            Ok(PageRead { page, .. }) => pages.push(page),
            Err(why) => {
                unreadable.push(number);
                reason = why;
            }
        }
    }
    if !unreadable.is_empty() {
        return Err(PdfError::PagesUnreadable {
            pages: unreadable,
            reason,
        });
    }
    if !scanned.is_empty() {
        return Err(PdfError::Scanned(scanned));
    }
    Ok(layout::lay_out(&pages))
}

/// A page's lines, and whether it is a picture with no text.
struct PageRead {
    page: layout::Page,
    scanned: bool,
}

fn read_page(
    document: &pdf_extract::Document,
    number: u32,
    id: pdf_extract::ObjectId,
) -> Result<PageRead, String> {
    let glyphs = page_glyphs(document, number)?;
    Ok(PageRead {
        scanned: glyphs.glyphs.is_empty() && draws_a_picture(document, id),
        page: layout::Page {
            height: glyphs.height,
            lines: lines::page_lines(&glyphs),
        },
    })
}

/// The glyphs of one page, or why they cannot be had.
fn page_glyphs(
    document: &pdf_extract::Document,
    number: u32,
) -> Result<glyphs::PageGlyphs, String> {
    let mut collector = glyphs::Collector::default();
    quietly(|| pdf_extract::output_doc_page(document, &mut collector, number))?
        .map_err(|e| e.to_string())?;
    Ok(collector.page)
}

/// Whether a page draws an image (a page with no text that does is a scan).
fn draws_a_picture(document: &pdf_extract::Document, id: pdf_extract::ObjectId) -> bool {
    let content = document.get_page_content(id).unwrap_or_default();
    content
        .windows(3)
        .any(|w| w == b" Do" || w == b"\nDo" || w == b"BI ")
}

/// What a file that is not a PDF seems to be, for the message.
fn what_it_is(bytes: &[u8]) -> String {
    let start = String::from_utf8_lossy(bytes.get(..512).unwrap_or(bytes)).to_lowercase();
    if start.trim_start().starts_with("<!doctype html") || start.contains("<html") {
        "; it is a web page (name it .html)".to_string()
    } else if bytes.starts_with(b"PK") {
        "; it is a zip archive (a Word or OpenDocument file?): export it to PDF".to_string()
    } else if std::str::from_utf8(bytes).is_ok() {
        "; it is text (name it .txt)".to_string()
    } else {
        String::new()
    }
}

thread_local! {
    /// Set while the PDF library runs on this thread, so that the panic
    /// hook keeps its panics (which are caught and reported) quiet.
    static IN_PDF_LIBRARY: Cell<bool> = const { Cell::new(false) };
}

/// Runs the PDF library, turning a panic (it asserts on malformed input)
/// into an error instead of a crash, and keeping its message off stderr.
fn quietly<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !IN_PDF_LIBRARY.with(Cell::get) {
                previous(info);
            }
        }));
    });
    IN_PDF_LIBRARY.with(|flag| flag.set(true));
    let result = panic::catch_unwind(AssertUnwindSafe(work));
    IN_PDF_LIBRARY.with(|flag| flag.set(false));
    result.map_err(|payload| {
        let message = payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "the PDF library gave up".to_string());
        format!("malformed content: {message}")
    })
}

/// `page 4 has`, `pages 4–6 have`, `pages 2, 5 and 7 have`.
fn pages_have(pages: &[u32]) -> String {
    let verb = if pages.len() == 1 { "has" } else { "have" };
    format!("{} {verb}", pages_name(pages))
}

fn pages_name(pages: &[u32]) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &page in pages {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == page => *end = page,
            _ => runs.push((page, page)),
        }
    }
    let named: Vec<String> = runs
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect();
    let word = if pages.len() == 1 { "page" } else { "pages" };
    match named.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{word} {} and {last}", rest.join(", ")),
        _ => format!("{word} {}", named.concat()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_named_in_runs() {
        assert_eq!(pages_have(&[4]), "page 4 has");
        assert_eq!(pages_have(&[4, 5, 6]), "pages 4–6 have");
        assert_eq!(pages_have(&[2, 5, 7]), "pages 2, 5 and 7 have");
        assert_eq!(pages_have(&[1, 2, 5]), "pages 1–2 and 5 have");
    }

    #[test]
    fn what_is_not_a_pdf_says_what_it_is() {
        let error = text_of(b"<!DOCTYPE html><html></html>").unwrap_err();
        assert_eq!(
            error.to_string(),
            "not a PDF: it does not begin with `%PDF-`; it is a web page (name it .html)"
        );
        assert!(matches!(
            text_of(b"Budget 2027\n"),
            Err(PdfError::NotAPdf(_))
        ));
    }

    #[test]
    fn a_damaged_pdf_is_an_error_not_a_panic() {
        let error = text_of(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer").unwrap_err();
        assert!(matches!(error, PdfError::Damaged(_)), "{error:?}");
    }
}
