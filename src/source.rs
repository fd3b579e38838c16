//! Loaded source texts (documents and rule files) with line and column lookup.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// One file's text, loaded once and shared by every stage that reads it.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as shown to users: relative to the working directory when the
    /// file lies beneath it, so that reports are the same on every machine.
    pub display_path: String,
    /// The path used to open the file.
    pub path: PathBuf,
    pub text: Arc<str>,
    index: Arc<TextIndex>,
    /// For a document printed on pages (a PDF): the 0-based line of the text
    /// on which each page begins, so that a place is named by its page and
    /// its line on that page.
    pages: Option<Arc<[usize]>>,
    /// For a document rebuilt from a web page: the element each line of the
    /// text came from (`table 2, row 3`), empty where none.
    origins: Option<Arc<[String]>>,
}

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// A place as reports show it: `p3:14:22` (page 3, line 14 of that page,
/// column 22) in a document printed on pages, `14:22` in any other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ShownAt {
    pub page: Option<usize>,
    pub line: usize,
    pub column: usize,
}

impl ShownAt {
    /// `p3:14` or `14`.
    pub fn line_name(&self) -> String {
        match self.page {
            Some(page) => format!("p{page}:{}", self.line),
            None => self.line.to_string(),
        }
    }
}

impl std::fmt::Display for ShownAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line_name(), self.column)
    }
}

/// Where lines start, and how many characters come before each block of
/// bytes, so that a line and column are found in time independent of the
/// file's size. Counting from the start of the file, or of a line, for each
/// diagnostic would make a report on a document of one 50 MB line (text
/// copied out of a PDF) quadratic.
#[derive(Debug)]
struct TextIndex {
    /// The byte offset of each line's first byte; the first is 0.
    line_starts: Vec<usize>,
    /// `chars_before_block[k]`: the characters in the first `k * CHAR_BLOCK` bytes.
    chars_before_block: Vec<usize>,
}

const CHAR_BLOCK: usize = 4096;

/// Whether a byte begins a character (is not a UTF-8 continuation byte).
fn starts_char(byte: u8) -> bool {
    byte & 0xC0 != 0x80
}

impl TextIndex {
    fn new(text: &str) -> TextIndex {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut chars_before_block = vec![0];
        let mut chars = 0;
        for block in text.as_bytes().chunks(CHAR_BLOCK) {
            chars += block.iter().filter(|&&b| starts_char(b)).count();
            chars_before_block.push(chars);
        }
        TextIndex {
            line_starts,
            chars_before_block,
        }
    }

    /// The 0-based line holding the byte at `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(0)
    }

    /// The offset of the line break ending the 0-based `line`, or the end of
    /// the text.
    fn line_end(&self, line: usize, text_len: usize) -> usize {
        self.line_starts
            .get(line + 1)
            .map_or(text_len, |&next| next - 1)
    }

    /// How many characters come before the byte at `offset` (a character
    /// boundary at most the text's length).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let block = offset / CHAR_BLOCK;
        let counted = self.chars_before_block.get(block).copied().unwrap_or(0);
        let rest = text
            .as_bytes()
            .get(block * CHAR_BLOCK..offset)
            .unwrap_or_default();
        counted + rest.iter().filter(|&&b| starts_char(b)).count()
    }

    /// The 0-based column, in characters, of `offset` in its line.
    fn column(&self, text: &str, offset: usize) -> usize {
        let line_start = self.line_start(self.line_of(offset));
        self.chars_before(text, offset) - self.chars_before(text, line_start)
    }
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> SourceFile {
        let path = path.into();
        let text = text.into();
        let index = Arc::new(TextIndex::new(&text));
        SourceFile {
            display_path: display_path(&path),
            path,
            text,
            index,
            pages: None,
            origins: None,
        }
    }

    /// A document rebuilt from a web page, each line's element in `origins`.
    pub fn with_origins(
        path: impl Into<PathBuf>,
        text: impl Into<Arc<str>>,
        origins: Vec<String>,
    ) -> SourceFile {
        let mut file = SourceFile::new(path, text);
        file.origins = Some(origins.into());
        file
    }

    /// The element the 1-based `line` came from, in a document rebuilt from a web page.
    pub fn origin(&self, line: usize) -> Option<&str> {
        let origin = self.origins.as_deref()?.get(line.checked_sub(1)?)?;
        (!origin.is_empty()).then_some(origin.as_str())
    }

    /// The element of a web page the text at `offset` came from: the line's
    /// element, and in a table row the column (counted as the rebuilt pipe
    /// table counts them, spans spread out): `table 2, row 3, column 2`.
    pub fn element_at(&self, offset: usize) -> Option<String> {
        let line = self.line_col(offset).line;
        let origin = self.origin(line)?;
        let in_table_row = origin.starts_with("table ")
            && (origin.contains(", row ") || origin.ends_with(", header"));
        let line_start = self.index.line_start(line.saturating_sub(1));
        let before = self.text.get(line_start..offset.max(line_start))?;
        match before.matches('|').count() {
            column @ 1.. if in_table_row => Some(format!("{origin}, column {column}")),
            _ => Some(origin.to_string()),
        }
    }

    /// A document printed on pages: `page_starts` holds the 0-based line on
    /// which each page's text begins, in order, the first 0.
    pub fn paged(
        path: impl Into<PathBuf>,
        text: impl Into<Arc<str>>,
        page_starts: Vec<usize>,
    ) -> SourceFile {
        let mut file = SourceFile::new(path, text);
        file.pages = Some(page_starts.into());
        file
    }

    /// The pages' first lines, when the document is printed on pages.
    pub fn page_starts(&self) -> Option<&[usize]> {
        self.pages.as_deref()
    }

    /// The page (1-based) and the line on it (1-based) of the 1-based
    /// `line`, when the document is printed on pages.
    pub fn page_line(&self, line: usize) -> Option<(usize, usize)> {
        page_line(self.pages.as_deref()?, line)
    }

    /// How a report names the 1-based `line`: `p3:14` (line 14 of page 3)
    /// in a paged document, `14` otherwise.
    pub fn line_name(&self, line: usize) -> String {
        match self.page_line(line) {
            Some((page, on_page)) => format!("p{page}:{on_page}"),
            None => line.to_string(),
        }
    }

    /// How a report names the 1-based lines `first` to `last`: `line 12`,
    /// `lines 12–27`, and in a paged document `page 3, lines 12–27` (or
    /// `lines p3:40–p4:2` across a page break).
    pub fn lines_name(&self, first: usize, last: usize) -> String {
        let (a, b) = (self.page_line(first), self.page_line(last));
        match (a, b) {
            (Some((p, x)), Some((q, y))) if p == q && x == y => format!("page {p}, line {x}"),
            (Some((p, x)), Some((q, y))) if p == q => format!("page {p}, lines {x}–{y}"),
            (Some((p, x)), Some((q, y))) => format!("lines p{p}:{x}–p{q}:{y}"),
            _ if first == last => format!("line {first}"),
            _ => format!("lines {first}–{last}"),
        }
    }

    /// How a report names the place of `offset`: `p3:14:22` in a paged
    /// document, `14:22` otherwise.
    pub fn place(&self, offset: usize) -> String {
        self.shown_at(offset).to_string()
    }

    /// Where `offset` is, as reports show it: on a page of a paged document,
    /// the page and the line on that page.
    pub fn shown_at(&self, offset: usize) -> ShownAt {
        let at = self.line_col(offset);
        match self.page_line(at.line) {
            Some((page, line)) => ShownAt {
                page: Some(page),
                line,
                column: at.column,
            },
            None => ShownAt {
                page: None,
                line: at.line,
                column: at.column,
            },
        }
    }

    /// Reads a UTF-8 file; the error says which file and why.
    pub fn read(path: &Path) -> Result<SourceFile, std::io::Error> {
        SourceFile::from_bytes(path, std::fs::read(path)?)
    }

    /// The file at `path` from its bytes, which must be UTF-8.
    pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<SourceFile, std::io::Error> {
        let text = String::from_utf8(bytes).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "not UTF-8 text (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            )
        })?;
        Ok(SourceFile::new(path, text))
    }

    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        LineCol {
            line: self.index.line_of(offset) + 1,
            column: self.index.column(&self.text, offset) + 1,
        }
    }

    /// The text of the (1-based) line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let line = line.saturating_sub(1);
        let start = self.index.line_start(line);
        let end = self.index.line_end(line, self.text.len());
        self.text
            .get(start..end)
            .unwrap_or_default()
            .trim_end_matches('\r')
    }

    pub fn named_source(&self) -> ShownSource {
        ShownSource {
            name: self.display_path.clone(),
            snippets: Snippets {
                text: Arc::clone(&self.text),
                index: Arc::clone(&self.index),
                pages: self.pages.clone(),
            },
        }
    }
}

/// The page and line on it of a 1-based `line`, given each page's 0-based first line.
fn page_line(page_starts: &[usize], line: usize) -> Option<(usize, usize)> {
    let zero_based = line.checked_sub(1)?;
    let page = page_starts.partition_point(|&start| start <= zero_based);
    let start = page_starts.get(page.checked_sub(1)?)?;
    Some((page, zero_based - start + 1))
}

/// A file's text under the name diagnostics show for it. Unlike miette's
/// `NamedSource`, the name shown with a snippet of a paged document carries
/// the page (`budget.pdf:p3`), and its lines are counted on that page.
#[derive(Clone, Debug)]
pub struct ShownSource {
    name: String,
    snippets: Snippets,
}

impl ShownSource {
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn inner(&self) -> &Snippets {
        &self.snippets
    }
}

impl SourceCode for ShownSource {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .snippets
            .read_span(span, context_lines_before, context_lines_after)?;
        let mut name = self.name.clone();
        let mut line = inner.line();
        if let Some(starts) = self.snippets.pages.as_deref() {
            let label_line = self.snippets.index.line_of(span.offset());
            if let Some((page, _)) = page_line(starts, label_line + 1) {
                let start = starts.get(page - 1).copied().unwrap_or(0);
                name = format!("{name}:p{page}");
                line = line.saturating_sub(start);
            }
        }
        Ok(Box::new(MietteSpanContents::new_named(
            name,
            inner.data(),
            *inner.span(),
            line,
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// A file's text as diagnostics show it: a long line (the PDF converter
/// writes whole paragraphs and table rows on one line) is cut to a window
/// around the labelled figure, so that a report stays readable.
#[derive(Clone, Debug)]
pub struct Snippets {
    pub text: Arc<str>,
    index: Arc<TextIndex>,
    pages: Option<Arc<[usize]>>,
}

impl Snippets {
    /// The line and column of `offset`, as [`SourceFile::line_col`].
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        LineCol {
            line: self.index.line_of(offset) + 1,
            column: self.index.column(&self.text, offset) + 1,
        }
    }

    /// The file these snippets are cut from, under the name a diagnostic
    /// shows for it, sharing its text and index.
    pub fn file(&self, shown_as: &str) -> SourceFile {
        SourceFile {
            display_path: shown_as.to_string(),
            path: PathBuf::from(shown_as),
            text: Arc::clone(&self.text),
            index: Arc::clone(&self.index),
            pages: self.pages.clone(),
            origins: None,
        }
    }
}

/// How many bytes of a long line a diagnostic shows on each side of its label.
const SNIPPET_REACH: usize = 60;

impl SourceCode for Snippets {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text: &str = &self.text;
        let index = &self.index;
        let (start, end) = (span.offset(), span.offset() + span.len());
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first_line = index.line_of(start);
        let last_line = index.line_of(end);
        let line_start = index.line_start(first_line);
        let line_end = index.line_end(last_line, text.len());
        // miette reads the header's column from here: the label's column in
        // characters, as JSON and SARIF count it.
        let column = index.column(text, start);
        let (from, to, lines) = if line_end - line_start > LONG_LINE {
            let (from, to) = window(text, start, end, line_start, line_end);
            (from, to, 1)
        } else {
            let first = extend_back(index, first_line, context_lines_before);
            let last = extend_forward(index, last_line, context_lines_after, text.len());
            let (from, to) = (index.line_start(first), index.line_end(last, text.len()));
            (from, to, last - first + 1)
        };
        let contents = text.get(from..to).ok_or(MietteError::OutOfBounds)?;
        Ok(Box::new(MietteSpanContents::new(
            contents.as_bytes(),
            (from, to - from).into(),
            index.line_of(from),
            column,
            lines,
        )))
    }
}

/// A line longer than this is shown as a window around its label.
const LONG_LINE: usize = 4 * SNIPPET_REACH;

/// The part of a long line around `[start, end)`, cut between words.
fn window(
    text: &str,
    start: usize,
    end: usize,
    line_start: usize,
    line_end: usize,
) -> (usize, usize) {
    let mut from = start.saturating_sub(SNIPPET_REACH).max(line_start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    if from > line_start {
        if let Some(space) = text[from..start].find(' ') {
            from += space + 1;
        }
    }
    let mut to = (end + SNIPPET_REACH).min(line_end).max(end);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    if to < line_end {
        if let Some(space) = text[end..to].rfind(' ') {
            to = end + space;
        }
    }
    (from, to)
}

/// The line `count` lines above the 0-based `line`, stopping before a long line.
fn extend_back(index: &TextIndex, line: usize, count: usize) -> usize {
    let mut first = line;
    for _ in 0..count {
        let Some(previous) = first.checked_sub(1) else {
            break;
        };
        let length = index.line_start(first) - 1 - index.line_start(previous);
        if length > LONG_LINE {
            break;
        }
        first = previous;
    }
    first
}

/// The line `count` lines below the 0-based `line`, stopping before a long line.
fn extend_forward(index: &TextIndex, line: usize, count: usize, text_len: usize) -> usize {
    let mut last = line;
    for _ in 0..count {
        let next = last + 1;
        if next >= index.line_starts.len() {
            break;
        }
        let length = index.line_end(next, text_len) - index.line_start(next);
        if length > LONG_LINE {
            break;
        }
        last = next;
    }
    last
}

/// `path` relative to the working directory when it lies beneath it, with `/`
/// separators, so that output does not depend on where a clone lives.
pub fn display_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            let absolute = std::fs::canonicalize(path).ok()?;
            let cwd = std::fs::canonicalize(cwd).ok()?;
            absolute.strip_prefix(&cwd).ok().map(Path::to_path_buf)
        })
        .unwrap_or_else(|| path.to_path_buf());
    let mut shown = String::new();
    for part in relative.components() {
        use std::path::Component;
        match part {
            Component::CurDir => continue,
            Component::RootDir => shown.push('/'),
            other => {
                if !shown.is_empty() && !shown.ends_with('/') {
                    shown.push('/');
                }
                shown.push_str(&other.as_os_str().to_string_lossy());
            }
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let file = SourceFile::new("x.txt", "ab\n£12\n\nlast");
        assert_eq!(file.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(3), LineCol { line: 2, column: 1 });
        // `£` is two bytes but one column.
        assert_eq!(file.line_col(5), LineCol { line: 2, column: 2 });
        assert_eq!(file.line_col(8), LineCol { line: 3, column: 1 });
        assert_eq!(file.line_col(9), LineCol { line: 4, column: 1 });
        assert_eq!(file.line_text(2), "£12");
        assert_eq!(file.line_text(4), "last");
    }

    #[test]
    fn a_paged_document_names_a_place_by_page_and_line_on_it() {
        let file = SourceFile::paged("x.pdf", "one\ntwo\nthree\nfour", vec![0, 2]);
        assert_eq!(file.place(0), "p1:1:1");
        assert_eq!(file.place(5), "p1:2:2");
        assert_eq!(file.place(8), "p2:1:1");
        assert_eq!(file.line_name(4), "p2:2");
        let plain = SourceFile::new("x.txt", "one\ntwo");
        assert_eq!(plain.place(5), "2:2");
    }
}
