//! Loaded source texts (documents and rule files) with line and column lookup.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{MietteError, MietteSpanContents, NamedSource, SourceCode, SourceSpan, SpanContents};

/// One file's text, loaded once and shared by every stage that reads it.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as shown to users: relative to the working directory when the
    /// file lies beneath it, so that reports are the same on every machine.
    pub display_path: String,
    /// The path used to open the file.
    pub path: PathBuf,
    pub text: Arc<str>,
    /// Where each line starts, shared with the file's [`Snippets`].
    line_starts: Arc<[usize]>,
}

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> SourceFile {
        let path = path.into();
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            display_path: display_path(&path),
            path,
            text,
            line_starts,
        }
    }

    /// Reads a UTF-8 file; the error says which file and why.
    pub fn read(path: &Path) -> Result<SourceFile, std::io::Error> {
        let bytes = std::fs::read(path)?;
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
        line_col(&self.text, &self.line_starts, offset)
    }

    /// The text of the (1-based) line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        self.text[start..end].trim_end_matches('\r')
    }

    pub fn named_source(&self) -> NamedSource<Snippets> {
        NamedSource::new(
            &self.display_path,
            Snippets {
                text: Arc::clone(&self.text),
                line_starts: Arc::clone(&self.line_starts),
            },
        )
    }
}

/// A file's text as diagnostics show it: a long line (the PDF converter
/// writes whole paragraphs and table rows on one line) is cut to a window
/// around the labelled figure, so that a report stays readable.
#[derive(Clone, Debug)]
pub struct Snippets {
    pub text: Arc<str>,
    line_starts: Arc<[usize]>,
}

impl Snippets {
    /// The line and column of `offset`, as [`SourceFile::line_col`].
    pub fn line_col(&self, offset: usize) -> LineCol {
        line_col(&self.text, &self.line_starts, offset)
    }
}

/// The 1-based line and column of `offset` in `text`, whose lines start at
/// `line_starts`.
fn line_col(text: &str, line_starts: &[usize], offset: usize) -> LineCol {
    let line = line_starts
        .partition_point(|&start| start <= offset)
        .saturating_sub(1);
    let start = line_starts.get(line).copied().unwrap_or(0);
    let column = text
        .get(start..offset.min(text.len()))
        .map_or(0, |before| before.chars().count())
        + 1;
    LineCol {
        line: line + 1,
        column,
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
        let (start, end) = (span.offset(), span.offset() + span.len());
        if end > text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        // miette reads the header's column from here: the label's column in
        // characters, as JSON and SARIF count it.
        let column = text[line_start..start].chars().count();
        let (from, to, lines) = if line_end - line_start > LONG_LINE {
            let (from, to) = window(text, start, end, line_start, line_end);
            (from, to, 1)
        } else {
            let from = extend_back(text, line_start, context_lines_before);
            let to = extend_forward(text, line_end, context_lines_after);
            (from, to, text[from..to].matches('\n').count() + 1)
        };
        // The 0-based line of `from`, by binary search rather than by
        // counting the line breaks before it.
        let line = self
            .line_starts
            .partition_point(|&start| start <= from)
            .saturating_sub(1);
        Ok(Box::new(MietteSpanContents::new(
            text[from..to].as_bytes(),
            (from, to - from).into(),
            line,
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

/// The start of the line `count` lines above the one starting at `from`,
/// stopping before a long line.
fn extend_back(text: &str, mut from: usize, count: usize) -> usize {
    for _ in 0..count {
        if from == 0 {
            break;
        }
        let previous = text[..from - 1].rfind('\n').map_or(0, |i| i + 1);
        if from - 1 - previous > LONG_LINE {
            break;
        }
        from = previous;
    }
    from
}

/// The end of the line `count` lines below the one ending at `to`, stopping
/// before a long line.
fn extend_forward(text: &str, mut to: usize, count: usize) -> usize {
    for _ in 0..count {
        if to >= text.len() {
            break;
        }
        let next = text[to + 1..].find('\n').map_or(text.len(), |i| to + 1 + i);
        if next - to - 1 > LONG_LINE {
            break;
        }
        to = next;
    }
    to
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
}
