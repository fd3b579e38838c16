//! Web pages (`.html`, `.htm`), read with the `scraper` parser (html5ever):
//! the page's text, without its scripts, styles and navigation, one line
//! per paragraph, heading or list item; each `<table>` as a pipe table that
//! the table reader reads (see [`table`]), its `<caption>` on the line
//! above as the table's name. Each line remembers the element it came from,
//! counted by kind through the page and with its `id` where it has one
//! (`p 4`, `h2 1 #bands`, `table 2, row 3`), which `scan` and the JSON and
//! SARIF reports give beside a figure's line (with the table column).

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
    /// How many elements of each kind have begun a line so far.
    counted: std::collections::HashMap<String, usize>,
}

impl Writer {
    /// `p 4`: the element is the fourth `<p>` on the page; `p 4 #intro`
    /// when it has an id.
    fn name_of(&mut self, element: ElementRef) -> String {
        let name = element.value().name();
        let count = self.counted.entry(name.to_string()).or_default();
        *count += 1;
        with_id(format!("{name} {count}"), element)
    }

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
            let name = with_id(format!("table {number}"), element);
            for (line, origin) in table::render(element, &name) {
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
            let origin = out.name_of(element);
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
        out.origin = out.name_of(element);
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

/// `name`, followed by the element's `#id` where it has one.
fn with_id(name: String, element: ElementRef) -> String {
    match element.value().id() {
        Some(id) if !id.trim().is_empty() => format!("{name} #{}", id.trim()),
        _ => name,
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
             <h1>Council tax</h1><p>The charge is <b>£1,919</b>.33 a year.</p>\
             <p id=' rise '>It rises by 4.99%.</p></body></html>",
        );
        assert_eq!(
            text,
            "Council tax\n\nThe charge is £1,919.33 a year.\n\nIt rises by 4.99%.\n\n"
        );
        assert_eq!(origins[0], "h1 1");
        assert_eq!(origins[2], "p 1");
        assert_eq!(origins[4], "p 2 #rise");
    }
}
