//! Web pages (`.html`, `.htm`), read with the `scraper` parser (html5ever):
//! the page's text, without its scripts, styles and navigation, one line
//! per paragraph, heading or list item; each `<table>` as a pipe table that
//! the table reader reads (see [`table`]), its `<caption>` on the line
//! above as the table's name. Each line remembers the element it came from
//! (`table 2, row 3`), which JSON reports give with a figure's line.

mod table;

use std::path::Path;

use scraper::{ElementRef, Html, Node};

use crate::access::Access;
use crate::source::SourceFile;

/// The web page at `path`, through `access` (which holds it to the size limit).
pub fn read(path: &Path, access: &Access) -> std::io::Result<SourceFile> {
    let page = access.read(path)?;
    let (text, origins) = text_of(&page.text);
    Ok(SourceFile::with_origins(path, text, origins))
}

/// Elements whose text is not the page's: code, styling, and the site's
/// navigation around the page.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "svg", "button", "select", "iframe",
];

/// Elements that begin and end a line of their own.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "figure",
    "figcaption",
    "address",
    "form",
    "fieldset",
    "hr",
    "body",
];

/// The page's text, and for each of its lines the element it came from.
pub fn text_of(html: &str) -> (String, Vec<String>) {
    let document = Html::parse_document(html);
    let mut out = Writer::default();
    walk(document.root_element(), &mut out);
    out.end_line();
    (out.text, out.origins)
}

/// The text being written, a line at a time.
#[derive(Default)]
struct Writer {
    text: String,
    origins: Vec<String>,
    line: String,
    /// The element the current line comes from.
    origin: String,
    tables: usize,
    paragraphs: usize,
}

impl Writer {
    /// Appends a run of text: words inside it one space apart, and a space
    /// at its edges only where the page has one (`<b>£1</b>,000` is £1,000).
    fn word(&mut self, text: &str) {
        let spaced_before = text.starts_with(char::is_whitespace);
        for (i, word) in text.split_whitespace().enumerate() {
            let open = self.line.is_empty() || self.line.ends_with(' ');
            if !open && (i > 0 || spaced_before) {
                self.line.push(' ');
            }
            self.line.push_str(word);
        }
        if text.ends_with(char::is_whitespace) && !self.line.is_empty() && !self.line.ends_with(' ')
        {
            self.line.push(' ');
        }
    }

    fn end_line(&mut self) {
        let line = self.line.trim_end().to_string();
        if !line.is_empty() {
            self.push_line(&line, &self.origin.clone());
        }
        self.line.clear();
    }

    fn push_line(&mut self, line: &str, origin: &str) {
        self.text.push_str(line);
        self.text.push('\n');
        self.origins.push(origin.to_string());
    }

    /// A blank line, so that a table stands apart from the prose around it.
    fn blank(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.push_line("", "");
        }
    }
}

fn walk(element: ElementRef, out: &mut Writer) {
    let name = element.value().name();
    if SKIPPED.contains(&name) || element.value().attr("role") == Some("navigation") {
        return;
    }
    if element.value().attr("hidden").is_some()
        || element.value().attr("aria-hidden") == Some("true")
    {
        return;
    }
    match name {
        "table" => {
            out.end_line();
            out.tables += 1;
            let number = out.tables;
            out.blank();
            for (line, origin) in table::render(element, number) {
                out.push_line(&line, &origin);
            }
            out.blank();
            return;
        }
        "br" => {
            out.end_line();
            return;
        }
        "pre" => {
            out.end_line();
            out.paragraphs += 1;
            let origin = format!("pre {}", out.paragraphs);
            let text: String = element.text().collect();
            for line in text.lines() {
                out.push_line(line.trim_end(), &origin);
            }
            return;
        }
        _ => {}
    }
    let block = BLOCKS.contains(&name);
    if block {
        out.end_line();
        out.paragraphs += 1;
        out.origin = format!("{name} {}", out.paragraphs);
    }
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.word(text),
            Node::Element(_) => {
                if let Some(child) = ElementRef::wrap(child) {
                    walk(child, out);
                }
            }
            _ => {}
        }
    }
    if block {
        out.end_line();
        if name.starts_with('h') || name == "p" {
            out.blank();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_of_a_page_leaves_out_scripts_styles_and_navigation() {
        let (text, origins) = text_of(
            "<html><head><title>T</title><style>p{color:red}</style></head><body>\
             <nav><a href='/'>Home</a> 2027</nav><script>var x = 12;</script>\
             <h1>Council tax</h1><p>The charge is <b>£1,919</b>.33 a year.</p></body></html>",
        );
        assert_eq!(text, "Council tax\n\nThe charge is £1,919.33 a year.\n\n");
        assert_eq!(origins[2], "p 3");
    }
}
