//! A page's glyphs rebuilt into words and lines in reading order: glyphs
//! that share a baseline are a line, glyphs that touch are a word (so a
//! figure drawn as several runs, `1,` then `234`, is one word), and a block
//! of lines set in two columns of prose is read down the left column and
//! then down the right.

use super::glyphs::{Glyph, PageGlyphs};

/// A word of a line, with its left and right edges in points.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub x: f64,
    pub x_end: f64,
    pub text: String,
}

/// A line of a page: its words left to right, its baseline and font size.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub y: f64,
    pub size: f64,
    pub words: Vec<Word>,
}

/// The lines of a page in reading order.
pub fn page_lines(page: &PageGlyphs) -> Vec<Line> {
    let rows = baseline_rows(&page.glyphs);
    let lines: Vec<Line> = rows.into_iter().filter_map(|row| words_of(&row)).collect();
    read_columns(lines, page.width)
}

/// The glyphs grouped by baseline, top to bottom, each group left to right.
/// A glyph within half its size of a baseline (a raised footnote marker)
/// belongs to it.
fn baseline_rows(glyphs: &[Glyph]) -> Vec<Vec<&Glyph>> {
    let mut sorted: Vec<&Glyph> = glyphs.iter().filter(|g| !g.text.is_empty()).collect();
    sorted.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<Vec<&Glyph>> = Vec::new();
    for glyph in sorted {
        let joins = rows
            .last()
            .and_then(|row| row.first())
            .is_some_and(|first| glyph.y - first.y <= 0.5 * first.size.min(glyph.size).max(1.0));
        match rows.last_mut() {
            Some(row) if joins => row.push(glyph),
            _ => rows.push(vec![glyph]),
        }
    }
    for row in &mut rows {
        row.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    rows
}

/// A row of glyphs as words: a space glyph, or a gap wider than a sixth of
/// the font size, ends a word. A glyph drawn twice in the same place (text
/// made bold by overprinting) counts once.
fn words_of(row: &[&Glyph]) -> Option<Line> {
    let size = median(row.iter().map(|g| g.size))?;
    let y = row.first()?.y;
    let mut words: Vec<Word> = Vec::new();
    let mut ends_word = true;
    for glyph in row {
        if glyph.text.trim().is_empty() {
            ends_word = true;
            continue;
        }
        if let Some(last) = words.last_mut() {
            let overprinted =
                last.text.ends_with(&glyph.text) && (glyph.x_end - last.x_end).abs() < 0.1 * size;
            if overprinted {
                continue;
            }
            let gap = glyph.x - last.x_end;
            if !ends_word && gap <= size / 6.0 && gap >= -size / 2.0 {
                last.text.push_str(&glyph.text);
                last.x_end = last.x_end.max(glyph.x_end);
                continue;
            }
        }
        words.push(Word {
            x: glyph.x,
            x_end: glyph.x_end,
            text: glyph.text.trim().to_string(),
        });
        ends_word = false;
    }
    (!words.is_empty()).then_some(Line { y, size, words })
}

fn median(values: impl Iterator<Item = f64>) -> Option<f64> {
    let mut values: Vec<f64> = values.filter(|v| v.is_finite()).collect();
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied()
}

/// The fewest lines a block set in two columns holds.
const TWO_COLUMN_LINES: usize = 5;

/// `lines` in reading order: each block of prose set in two columns (a
/// gutter in the middle of the page that no word crosses, prose on either
/// side) becomes its left column's lines and then its right column's.
fn read_columns(lines: Vec<Line>, page_width: f64) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    let mut rest: &[Line] = &lines;
    while let Some(first) = rest.first() {
        match two_column_block(rest, page_width) {
            Some((count, gutter)) => {
                let (block, after) = rest.split_at(count.min(rest.len()));
                let (left, right): (Vec<Line>, Vec<Line>) =
                    block.iter().map(|line| split_at(line, gutter)).unzip();
                out.extend(left.into_iter().filter(|l| !l.words.is_empty()));
                out.extend(right.into_iter().filter(|l| !l.words.is_empty()));
                rest = after;
            }
            None => {
                out.push(first.clone());
                rest = rest.get(1..).unwrap_or_default();
            }
        }
    }
    out
}

/// The line's words left of `gutter`, and those right of it.
fn split_at(line: &Line, gutter: f64) -> (Line, Line) {
    let (left, right) = line.words.iter().cloned().partition(|w| w.x_end <= gutter);
    let part = |words| Line {
        y: line.y,
        size: line.size,
        words,
    };
    (part(left), part(right))
}

/// When the lines from the first on are a block set in two columns: how
/// many lines it holds and where its gutter is.
fn two_column_block(lines: &[Line], page_width: f64) -> Option<(usize, f64)> {
    let first = lines.first()?;
    let (low, high) = (page_width * 0.3, page_width * 0.7);
    for (gap_start, gap_end) in gaps(first, first.size) {
        let (mut start, mut end) = (gap_start.max(low), gap_end.min(high));
        if end - start < first.size * 0.8 {
            continue;
        }
        let mut count = 0;
        let mut both_prose = 0;
        for line in lines {
            // Justified lines end a little short of or past each other.
            let slack = line.size / 2.0;
            let crosses = line
                .words
                .iter()
                .any(|w| w.x < end - slack && w.x_end > start + slack);
            if crosses || (line.y - first.y) > line.size * 3.0 * (count as f64 + 1.0) {
                break;
            }
            let (left, right) = split_at(line, (start + end) / 2.0);
            if !is_prose(&left) && !is_prose(&right) {
                break;
            }
            both_prose += usize::from(is_prose(&left) && is_prose(&right));
            if let (Some(l), Some(r)) = (left.words.last(), right.words.first()) {
                start = start.max(l.x_end.min(r.x - slack));
                end = end.min(r.x.max(l.x_end + slack));
            }
            count += 1;
        }
        if count >= TWO_COLUMN_LINES && both_prose * 2 >= count {
            return Some((count, (start + end) / 2.0));
        }
    }
    None
}

/// The gaps between a line's words wider than `size`.
fn gaps(line: &Line, size: f64) -> Vec<(f64, f64)> {
    line.words
        .iter()
        .zip(line.words.iter().skip(1))
        .filter(|(a, b)| b.x - a.x_end > size)
        .map(|(a, b)| (a.x_end, b.x))
        .collect()
}

/// Whether a part of a line reads as prose: at least three words, most of
/// them words of letters.
fn is_prose(line: &Line) -> bool {
    let wordy = line
        .words
        .iter()
        .filter(|w| {
            w.text.chars().filter(|c| c.is_alphabetic()).count() * 2 > w.text.chars().count()
        })
        .count();
    line.words.len() >= 3 && wordy * 3 >= line.words.len() * 2
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Glyphs for `text` set at `x`, one unit of `size / 2` per character.
    fn set(text: &str, x: f64, y: f64, size: f64) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                x: x + i as f64 * size / 2.0,
                x_end: x + (i + 1) as f64 * size / 2.0,
                y,
                size,
                text: c.to_string(),
            })
            .collect()
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| {
                l.words
                    .iter()
                    .map(|w| w.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn a_figure_drawn_in_two_runs_is_one_word() {
        let mut glyphs = set("1,", 100.0, 50.0, 10.0);
        glyphs.extend(set("234", 110.0, 50.0, 10.0));
        glyphs.extend(set("Total", 20.0, 50.4, 10.0));
        let page = PageGlyphs {
            width: 600.0,
            height: 800.0,
            glyphs,
        };
        let lines = page_lines(&page);
        assert_eq!(texts(&lines), vec!["Total 1,234"]);
    }

    #[test]
    fn two_columns_of_prose_read_left_then_right() {
        let mut glyphs = Vec::new();
        for row in 0..6 {
            let y = 100.0 + row as f64 * 12.0;
            glyphs.extend(set(&format!("left words here {row}"), 40.0, y, 10.0));
            glyphs.extend(set(&format!("right words there {row}"), 320.0, y, 10.0));
        }
        let page = PageGlyphs {
            width: 600.0,
            height: 800.0,
            glyphs,
        };
        let lines = texts(&page_lines(&page));
        assert_eq!(lines[0], "left words here 0");
        assert_eq!(lines[5], "left words here 5");
        assert_eq!(lines[6], "right words there 0");
    }

    #[test]
    fn a_table_with_a_gap_in_the_middle_is_not_two_columns() {
        let mut glyphs = Vec::new();
        for row in 0..8 {
            let y = 100.0 + row as f64 * 12.0;
            glyphs.extend(set(&format!("Service number {row}"), 40.0, y, 10.0));
            glyphs.extend(set("1,234", 400.0, y, 10.0));
            glyphs.extend(set("5,678", 480.0, y, 10.0));
        }
        let page = PageGlyphs {
            width: 600.0,
            height: 800.0,
            glyphs,
        };
        let lines = texts(&page_lines(&page));
        assert_eq!(lines.len(), 8);
        assert_eq!(lines[0], "Service number 0 1,234 5,678");
    }
}
