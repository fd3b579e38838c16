//! Lines of a PDF's pages as text that the table reader reads: each word at
//! the character column its position on the page gives (a right-aligned
//! figure by its right edge, so that a column of figures stays a column),
//! one space between the words of a phrase and at least two between
//! columns; the running header, footer and page number of each page left
//! out, and a table's header rows repeated at the top of a page read once.

use std::collections::HashSet;

use super::lines::{Line, Word};

/// The document's text and the 0-based line on which each page begins.
#[derive(Debug, Default, PartialEq)]
pub struct LaidOut {
    pub text: String,
    pub page_starts: Vec<usize>,
}

/// A page's lines in reading order, and the page's height in points.
#[derive(Clone, Debug, Default)]
pub struct Page {
    pub height: f64,
    pub lines: Vec<Line>,
}

/// The pages' lines as one text.
pub fn lay_out(pages: &[Page]) -> LaidOut {
    let furniture: HashSet<(usize, usize)> = running_furniture(pages).into_iter().collect();
    let grid = Grid::of(pages, &furniture);
    let mut out = LaidOut::default();
    let mut line_count = 0;
    // The body of the page before, for finding a table's header repeated.
    let mut previous: Vec<&Line> = Vec::new();
    for (page, Page { lines, .. }) in pages.iter().enumerate() {
        out.page_starts.push(line_count);
        let body: Vec<&Line> = lines
            .iter()
            .enumerate()
            .filter(|(i, line)| !furniture.contains(&(page, *i)) || line.words.is_empty())
            .map(|(_, line)| line)
            .collect();
        let repeated = repeated_header(&body, &previous, &grid);
        let mut last: Option<&Line> = None;
        for line in body.get(repeated..).unwrap_or_default() {
            if let Some(last) = last {
                // A wide gap, or a move back up the page (the next column of
                // two), is a break between paragraphs or tables.
                // So is a change of type size: a heading over a table.
                let resized = (line.size - last.size).abs() > 0.15 * line.size.max(last.size);
                if line.y - last.y > 2.0 * line.size || line.y < last.y || resized {
                    out.text.push('\n');
                    line_count += 1;
                }
            }
            out.text.push_str(&grid.render(line));
            out.text.push('\n');
            line_count += 1;
            last = Some(line);
        }
        previous = body;
    }
    out
}

/// How words are placed on a grid of characters: columns of a width
/// measured on the document, counted from its leftmost word.
struct Grid {
    left: f64,
    column: f64,
    /// The space between the words of a phrase, in ems of its line's type,
    /// as the document sets it.
    space: f64,
}

impl Grid {
    /// The grid of the pages' body text: the running header and footer
    /// (`furniture`) left out, so that a browser's print stamp set further
    /// left than the text does not indent every line.
    fn of(pages: &[Page], furniture: &HashSet<(usize, usize)>) -> Grid {
        let words = || {
            pages
                .iter()
                .enumerate()
                .flat_map(|(p, page)| {
                    page.lines
                        .iter()
                        .enumerate()
                        .filter(move |(i, _)| !furniture.contains(&(p, *i)))
                })
                .flat_map(|(_, line)| &line.words)
        };
        let left = words().map(|w| w.x).fold(f64::INFINITY, f64::min);
        let width = |w: &&Word| (w.x_end - w.x) / w.text.chars().count() as f64;
        let median = |mut widths: Vec<f64>| {
            widths.retain(|w| w.is_finite() && *w > 0.0);
            widths.sort_by(f64::total_cmp);
            widths.get(widths.len() / 2).copied()
        };
        // A column is a figure's character wide, when there are figures:
        // digits are wider than most letters, and on a narrower grid a
        // column of figures set close (a word processor's table) would
        // take more characters than its width and push the next column
        // right, row by row by a different amount.
        let figures = median(
            words()
                .filter(|w| is_figure_like(&w.text))
                .map(|w| width(&w))
                .collect(),
        );
        let all = median(
            words()
                .filter(|w| !w.text.is_empty())
                .map(|w| width(&w))
                .collect(),
        );
        let column = figures.or(all).unwrap_or(5.0);
        Grid {
            left: if left.is_finite() { left } else { 0.0 },
            column,
            space: word_space(pages),
        }
    }

    /// Whether the gap before `word` (after a word ending at `end`) parts
    /// two columns: wider than a space and a half and most of an em (a
    /// justified line stretches its spaces), or, on a line whose spaces are
    /// not stretched, twice the document's space, as a word processor sets
    /// the cells of a table that fits its text.
    fn is_column_gap(&self, line: &Line, end: f64, word: &Word) -> bool {
        let gap = word.x - end;
        let normal = self.space * line.size;
        gap > (1.5 * self.column).max(0.9 * line.size)
            || (gap > 2.0 * normal && !is_stretched(line, normal))
    }

    /// Whether a line is a row of a table: it ends in a figure set apart
    /// from the words before it by a column's gap.
    fn is_table_row(&self, line: &Line) -> bool {
        match line.words.as_slice() {
            [.., before, last] => {
                is_figure_like(&last.text) && self.is_column_gap(line, before.x_end, last)
            }
            _ => false,
        }
    }

    fn render(&self, line: &Line) -> String {
        let mut text = String::new();
        let mut cursor = 0usize;
        let mut last_end: Option<f64> = None;
        for word in &line.words {
            let length = word.text.chars().count();
            let wanted = if is_figure_like(&word.text) {
                self.at(word.x_end).saturating_sub(length)
            } else {
                self.at(word.x)
            };
            let start = match last_end {
                None => wanted,
                Some(end) if self.is_column_gap(line, end, word) => wanted.max(cursor + 2),
                Some(_) => cursor + 1,
            };
            text.extend(std::iter::repeat_n(' ', start - cursor));
            text.push_str(&word.text);
            cursor = start + length;
            last_end = Some(word.x_end);
        }
        text
    }

    fn at(&self, x: f64) -> usize {
        let column = ((x - self.left) / self.column).round();
        if column.is_finite() && column > 0.0 {
            column as usize
        } else {
            0
        }
    }
}

/// The gaps between the words of each line, in ems of the line's type.
fn gaps(line: &Line) -> impl Iterator<Item = f64> + '_ {
    line.words
        .windows(2)
        .filter_map(|pair| match pair {
            [before, after] => Some((after.x - before.x_end) / line.size),
            _ => None,
        })
        .filter(|gap| gap.is_finite() && *gap > 0.0)
}

/// The document's space between words, in ems: the median gap narrower
/// than half an em (wider gaps part columns), or a quarter em, as most
/// fonts set it, when no line has two words.
fn word_space(pages: &[Page]) -> f64 {
    let mut spaces: Vec<f64> = pages
        .iter()
        .flat_map(|page| &page.lines)
        .flat_map(gaps)
        .filter(|gap| *gap < 0.5)
        .collect();
    spaces.sort_by(f64::total_cmp);
    spaces.get(spaces.len() / 2).copied().unwrap_or(0.25)
}

/// A line whose every space is wider than the document's (`normal`, in
/// points): justified, so its wide gaps are stretched spaces, not columns.
fn is_stretched(line: &Line, normal: f64) -> bool {
    let narrowest = gaps(line).fold(f64::INFINITY, f64::min) * line.size;
    narrowest.is_finite() && narrowest > 1.3 * normal
}

/// Whether a word is printed as a figure and so aligned on its right edge.
fn is_figure_like(word: &str) -> bool {
    let body = word.trim_start_matches(['(', '£', '-', '–', '$', '€']);
    body.starts_with(|c: char| c.is_ascii_digit()) || matches!(word, "-" | "–" | "nil")
}

/// The lines (page, index) that are a page's running header or footer: of
/// the first two and last two lines of a page, those in its top or bottom
/// eighth, when the same words (digits aside) stand there on at least half
/// the pages, or when they are a page number (`Page 3 of 12`, `- 3 -`,
/// `3/12`) or a browser's print stamp.
fn running_furniture(pages: &[Page]) -> Vec<(usize, usize)> {
    // Each page's edge lines with their shapes, and on how many pages each
    // shape stands at an edge: counted once, so that a long paper costs
    // time in proportion to its pages.
    let edges: Vec<Vec<(usize, String)>> = pages.iter().map(edge_shapes).collect();
    let mut pages_with: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for page in &edges {
        let mut shapes: Vec<&str> = page.iter().map(|(_, shape)| shape.as_str()).collect();
        shapes.sort_unstable();
        shapes.dedup();
        for shape in shapes {
            *pages_with.entry(shape).or_default() += 1;
        }
    }
    let mut found = Vec::new();
    for (number, page) in edges.iter().enumerate() {
        for (i, key) in page {
            let repeats = pages_with.get(key.as_str()).copied().unwrap_or(0);
            let running = pages.len() >= 2 && repeats >= 2 && repeats * 2 >= pages.len();
            if running || is_page_number(key) || is_print_stamp(key, *i == 0) {
                found.push((number, *i));
            }
        }
    }
    found
}

/// The first two and last two lines of a page that lie in its top or
/// bottom eighth, each with its shape.
fn edge_shapes(page: &Page) -> Vec<(usize, String)> {
    let n = page.lines.len();
    let mut at: Vec<usize> = (0..n.min(2)).chain(n.saturating_sub(2)..n).collect();
    at.dedup();
    let margin = page.height / 8.0;
    at.into_iter()
        .filter_map(|i| {
            let line = page.lines.get(i)?;
            let in_margin = page.height <= 0.0 || line.y < margin || line.y > page.height - margin;
            in_margin.then(|| (i, shape(line)))
        })
        .collect()
}

/// A line's words, lower case, with each run of digits as `#`.
fn shape(line: &Line) -> String {
    let mut shape = String::new();
    for word in &line.words {
        if !shape.is_empty() {
            shape.push(' ');
        }
        let mut in_digits = false;
        for c in word.text.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_digit() {
                if !in_digits {
                    shape.push('#');
                }
                in_digits = true;
            } else {
                shape.push(c);
                in_digits = false;
            }
        }
    }
    shape
}

fn is_page_number(shape: &str) -> bool {
    let rest: String = shape
        .split(' ')
        .filter(|w| !matches!(*w, "page" | "of"))
        .collect::<Vec<_>>()
        .concat();
    rest.contains('#')
        && rest
            .chars()
            .all(|c| matches!(c, '#' | '/' | '-' | '–' | '|'))
}

/// What a browser prints in the margins: the date and time over the page,
/// and the page's address with the page count under it.
fn is_print_stamp(shape: &str, top: bool) -> bool {
    let first = shape.split(' ').next().unwrap_or_default();
    let dated = top && (first == "#/#/#," || first == "#/#/#");
    let addressed = shape.contains("://") && shape.ends_with(" #/#");
    dated || addressed
}

/// How many of a page's first lines repeat lines of the page before, at
/// most four, when they are a table's header rows repeated where the table
/// goes on: the page before ends in a row of the table and a row follows
/// them. Prose that a paper prints twice (a proposal restated) is text of
/// its own, not a header, and is kept.
fn repeated_header(body: &[&Line], previous: &[&Line], grid: &Grid) -> usize {
    let seen = |line: &&Line| previous.iter().any(|p| words(p) == words(line));
    let count = body.iter().take(4).take_while(|line| seen(line)).count();
    let table_goes_on = previous.last().is_some_and(|l| grid.is_table_row(l))
        && body.get(count).is_some_and(|l| grid.is_table_row(l));
    if table_goes_on {
        count
    } else {
        0
    }
}

fn words(line: &Line) -> Vec<&str> {
    line.words.iter().map(|w| w.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::super::lines::Word;
    use super::*;

    /// A line of words, each `(x, text)`, with characters 5 points wide.
    fn line(y: f64, words: &[(f64, &str)]) -> Line {
        Line {
            y,
            size: 10.0,
            words: words
                .iter()
                .map(|(x, text)| Word {
                    x: *x,
                    x_end: x + 5.0 * text.chars().count() as f64,
                    text: text.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn right_aligned_figures_keep_their_column() {
        let page = vec![
            line(
                100.0,
                &[(0.0, "Waste"), (30.0, "collection"), (200.0, "1,234")],
            ),
            line(112.0, &[(0.0, "Parks"), (210.0, "987")]),
        ];
        let laid = lay_out(&[Page {
            height: 800.0,
            lines: page,
        }]);
        let lines: Vec<&str> = laid.text.lines().collect();
        assert_eq!(lines[0], "Waste collection                        1,234");
        assert_eq!(lines[1], "Parks                                     987");
    }

    /// Words set one after another from `x`, each gap the one given.
    fn set(y: f64, x: f64, words: &[(&str, f64)]) -> Line {
        let mut at = x;
        let placed: Vec<(f64, &str)> = words
            .iter()
            .map(|&(text, gap)| {
                let word = (at, text);
                at += 5.0 * text.chars().count() as f64 + gap;
                word
            })
            .collect();
        line(y, &placed)
    }

    #[test]
    fn cells_set_close_by_a_word_processor_stay_apart_but_justified_spaces_do_not() {
        // Spaces of 2.5 points (a quarter em); the header's cells are 6
        // points apart, under the 9 points that part columns on any line.
        let page = vec![
            set(
                100.0,
                0.0,
                &[
                    ("The", 2.5),
                    ("precepts", 2.5),
                    ("are", 2.5),
                    ("below", 0.0),
                ],
            ),
            set(
                112.0,
                0.0,
                &[
                    ("Parish", 6.0),
                    ("Precept", 2.5),
                    ("£", 6.0),
                    ("Tax", 2.5),
                    ("base", 0.0),
                ],
            ),
            // Justified: every space stretched to 6 points.
            set(
                124.0,
                0.0,
                &[
                    ("Each", 6.0),
                    ("parish", 6.0),
                    ("sets", 6.0),
                    ("its", 6.0),
                    ("own", 0.0),
                ],
            ),
        ];
        let laid = lay_out(&[Page {
            height: 800.0,
            lines: page,
        }]);
        let lines: Vec<&str> = laid.text.lines().collect();
        assert_eq!(lines[0], "The precepts are below");
        assert_eq!(lines[1], "Parish  Precept £  Tax base");
        assert_eq!(lines[2], "Each parish sets its own");
    }

    #[test]
    fn running_headers_footers_and_page_numbers_are_left_out() {
        let page = |n: usize, row: &str| Page {
            height: 800.0,
            lines: vec![
                line(20.0, &[(0.0, "Budget"), (35.0, "2027/28")]),
                line(100.0, &[(0.0, row), (200.0, "1,234")]),
                line(
                    780.0,
                    &[
                        (90.0, "Page"),
                        (115.0, &n.to_string()),
                        (125.0, "of"),
                        (140.0, "2"),
                    ],
                ),
            ],
        };
        let laid = lay_out(&[page(1, "Roads"), page(2, "Parks")]);
        assert!(!laid.text.contains("Budget"), "{}", laid.text);
        assert!(!laid.text.contains("Page"), "{}", laid.text);
        assert_eq!(laid.page_starts, vec![0, 1]);
    }

    #[test]
    fn a_header_row_repeated_over_a_page_break_is_read_once() {
        let header = |y| line(y, &[(0.0, "Service"), (190.0, "£'000")]);
        let first = vec![
            line(50.0, &[(0.0, "Budget"), (40.0, "report")]),
            line(300.0, &[(0.0, "Table"), (30.0, "1")]),
            header(400.0),
            line(412.0, &[(0.0, "Roads"), (200.0, "1,234")]),
        ];
        let second = vec![header(50.0), line(62.0, &[(0.0, "Parks"), (210.0, "987")])];
        let page = |lines| Page {
            height: 800.0,
            lines,
        };
        let laid = lay_out(&[page(first), page(second)]);
        assert_eq!(laid.text.matches("Service").count(), 1, "{}", laid.text);
        assert!(laid.text.contains("Parks"));
    }

    #[test]
    fn prose_a_paper_prints_twice_is_kept_on_both_pages() {
        let said = |y| line(y, &[(0.0, "The"), (20.0, "team"), (50.0, "would")]);
        let first = vec![
            line(300.0, &[(0.0, "Proposal"), (45.0, "one")]),
            said(312.0),
            line(324.0, &[(0.0, "Outcomes")]),
        ];
        let second = vec![said(300.0), line(312.0, &[(0.0, "Outcomes")])];
        let page = |lines| Page {
            height: 800.0,
            lines,
        };
        let laid = lay_out(&[page(first), page(second)]);
        assert_eq!(laid.text.matches("team").count(), 2, "{}", laid.text);
        assert_eq!(laid.text.matches("Outcomes").count(), 2, "{}", laid.text);
    }
}
