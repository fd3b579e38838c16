//! A document's text as the page shows it: one element per line (so that
//! lines can be numbered without putting numbers into the text), and every
//! marked figure wrapped in a link that opens its claims.

use std::fmt::Write as _;

use super::escape::escape;
use super::model::{DocumentView, Shade};
use crate::span::Span;

/// One stretch of the text to wrap.
struct Wrap {
    span: Span,
    /// The opening tag; the closing tag follows from `link`.
    open: String,
    link: bool,
}

/// The id of a figure's mark: `f{document}-{figure index}`.
pub fn figure_id(document: usize, index: usize) -> String {
    format!("f{document}-{index}")
}

/// The id of a malformed figure's mark.
pub fn malformed_id(document: usize, index: usize) -> String {
    format!("m{document}-{index}")
}

/// Appends the document's text, lines numbered and figures marked.
pub fn write_document(out: &mut String, view: &DocumentView) {
    let text: &str = &view.document.source.text;
    out.push_str("<pre class=\"doc\">");
    let mut at = 0;
    let mut lines = LineWriter {
        page_starts: view.document.source.page_starts().map(<[usize]>::to_vec),
        ..LineWriter::default()
    };
    lines.open(out);
    for wrap in wraps(view) {
        if wrap.span.start < at {
            // Overlapping marks cannot be nested in one text; keep the first.
            continue;
        }
        let (Some(before), Some(inside)) = (
            text.get(at..wrap.span.start),
            text.get(wrap.span.start..wrap.span.end),
        ) else {
            continue;
        };
        lines.text(out, before);
        out.push_str(&wrap.open);
        // A figure broken over two lines stays one mark; the line count
        // catches up on the line it ends on.
        lines.extra += inside.matches('\n').count();
        out.push_str(&escape(inside));
        out.push_str(if wrap.link { "</a>" } else { "</span>" });
        at = wrap.span.end;
    }
    lines.text(out, text.get(at..).unwrap_or_default());
    // The newline that ends the last line opens no line of its own.
    let empty = "<span class=\"l\">";
    if text.ends_with('\n') && out.ends_with(empty) {
        out.truncate(out.len() - empty.len());
        out.push_str("</pre>\n");
    } else {
        out.push_str("</span></pre>\n");
    }
}

/// Opens and closes line elements as newlines go by.
#[derive(Default)]
struct LineWriter {
    /// Newlines written inside marks since the current line opened.
    extra: usize,
    /// The 0-based line the next element opens, when counted.
    next: usize,
    /// In a document printed on pages, the line each page begins on: there
    /// the page's number is shown and the lines are counted afresh.
    page_starts: Option<Vec<usize>>,
}

impl LineWriter {
    /// Opens a line element; when the one before held more than one line (a
    /// figure broken over two), the numbering skips the lines it took.
    fn open(&mut self, out: &mut String) {
        let first = self.next;
        let line = self.next + self.extra;
        self.next = line + 1;
        let starts = self.page_starts.as_deref().unwrap_or_default();
        if let Some(page) = starts.iter().rposition(|&s| s >= first && s <= line) {
            let _ = write!(
                out,
                "<span class=\"page\">page {}</span><span class=\"l\" style=\"counter-reset:n {}\">",
                page + 1,
                line - starts.get(page).copied().unwrap_or(0)
            );
            self.extra = 0;
            return;
        }
        if self.extra > 0 {
            let _ = write!(
                out,
                "<span class=\"l\" style=\"counter-increment:n {}\">",
                self.extra + 1
            );
        } else {
            out.push_str("<span class=\"l\">");
        }
        self.extra = 0;
    }

    fn text(&mut self, out: &mut String, text: &str) {
        let mut pieces = text.split('\n');
        if let Some(first) = pieces.next() {
            out.push_str(&escape(first));
        }
        for piece in pieces {
            // The newline stays in the text, so that copying keeps it.
            out.push_str("\n</span>");
            self.open(out);
            out.push_str(&escape(piece));
        }
    }
}

/// Every stretch to wrap, in text order.
fn wraps(view: &DocumentView) -> Vec<Wrap> {
    let figures = &view.document.figures;
    let mut wraps: Vec<Wrap> = view
        .marks
        .iter()
        .filter_map(|(&index, mark)| {
            let figure = figures.figures.get(index)?;
            let mut class = mark.shade.class().to_string();
            if !mark.stated && mark.shade != Shade::NotChecked {
                class.push_str(" i");
            }
            let open = if mark.claims.is_empty() {
                // Unread figures carry no working to open: a plain span keeps
                // them out of the tab order and the page small.
                format!("<span class=\"f {class}\">")
            } else {
                let id = figure_id(view.number, index);
                let claims: Vec<String> = mark.claims.iter().map(usize::to_string).collect();
                format!(
                    "<a class=\"f {class}\" id=\"{id}\" href=\"#{id}\" data-c=\"{}\">",
                    claims.join(" ")
                )
            };
            Some(Wrap {
                span: figure.span,
                link: !mark.claims.is_empty(),
                open,
            })
        })
        .collect();
    for (index, malformed) in view.malformed.iter().enumerate() {
        let id = malformed_id(view.number, index);
        let reason = match &malformed.expected {
            Some(expected) => format!(
                "{}; expected by the pack: {expected}",
                malformed.figure.reason
            ),
            None => malformed.figure.reason.clone(),
        };
        let class = if malformed.expected.is_some() {
            "xd"
        } else {
            "er"
        };
        wraps.push(Wrap {
            span: malformed.figure.span,
            link: true,
            open: format!(
                "<a class=\"f {class}\" id=\"{id}\" href=\"#{id}\" data-m=\"{}\">",
                escape(&reason)
            ),
        });
    }
    wraps.sort_by_key(|w| (w.span.start, w.span.end));
    wraps
}
