//! The header of a space-aligned table: the lines of words above its first
//! row, each word run given to the column it stands over.
//!
//! A header stacked over several lines (`Gross` / `expenditure` /
//! `£'000`) is one label per column, its lines joined. A line of years over
//! sub-headers (`2024/25` over `Gross  Income  Net`) is a header row of its
//! own, each year over the columns nearer to it than to any other year. A
//! run of words over the labels (`Service`) heads the label column, and a
//! header with none leaves it empty.

use super::chunks::{Chunk, Kind, Line};
use super::columns::Columns;
use crate::span::Span;

/// One header row: the label column's words, then each column's.
pub(super) type HeaderRow = Vec<Vec<Span>>;

/// The header rows above a table with `columns`, whose labels lie within
/// `labels` (character columns), read from `lines` top to bottom.
pub(super) fn header_rows(
    text: &str,
    lines: &[&Line],
    columns: &Columns,
    labels: (usize, usize),
) -> Vec<HeaderRow> {
    if !columns.by_position {
        return by_place_rows(text, lines, columns.count(), labels);
    }
    let mut years = Vec::new();
    let mut stacked: HeaderRow = vec![Vec::new(); columns.count() + 1];
    for (n, line) in lines.iter().enumerate() {
        let chunks: Vec<&Chunk> = line.chunks.iter().collect();
        // Words over the labels (`Service` beside `Budget 2024/25`) head
        // the label column; the rest of the line may still be years.
        let (over_labels, over_columns): (Vec<&Chunk>, Vec<&Chunk>) = chunks
            .iter()
            .partition(|chunk| slots(chunk, columns, labels) == [0]);
        if is_year_line(text, &over_columns) && over_columns.len() < columns.count() {
            years.push(spanning(&over_columns, columns));
            if let Some(cell) = stacked.first_mut() {
                cell.extend(over_labels.iter().map(|chunk| chunk.span));
            }
            continue;
        }
        let last = n + 1 == lines.len();
        for chunk in chunks {
            let slots = slots(chunk, columns, labels);
            if last && slots.len() > 1 {
                // The line just above the figures heads one column per
                // label (a heading that spans columns sits higher): a run
                // over several is labels set closer than two spaces, as a
                // word processor sets a table that fits its text.
                for (slot, word) in words_by_column(text, chunk, columns) {
                    if let Some(cell) = stacked.get_mut(slot) {
                        cell.push(word);
                    }
                }
                continue;
            }
            for slot in slots {
                if let Some(cell) = stacked.get_mut(slot) {
                    cell.push(chunk.span);
                }
            }
        }
    }
    years.push(stacked);
    years.retain(|row| row.iter().any(|c| !c.is_empty()));
    years
}

/// Whether a line above a table is its title rather than a header line:
/// one run of words that names itself (`Table A: …`, `Figure 3 …`), or
/// words that reach across the first column from the labels' side, as a
/// title centred over the table does. A heading over the columns
/// (`Forecast outturn` over `Gross  Income  Net`) starts over them, and a
/// stacked header word (`expenditure`) ends where its column ends.
pub(super) fn is_title(text: &str, line: &Line, columns: &Columns) -> bool {
    let [chunk] = line.chunks.as_slice() else {
        return false;
    };
    if chunk.kind != Kind::Words {
        return false;
    }
    let words = chunk.span.slice(text);
    if names_itself(words) {
        return true;
    }
    let Some(&(first_start, first_end)) = columns.extents.first() else {
        return false;
    };
    let across_first_column = chunk.start < first_start && chunk.end > first_end + 1;
    columns.by_position
        && across_first_column
        && words.split_whitespace().count() >= 2
        && !is_year(words)
}

/// `Table 2: …`, `Table A – …`, `Figure 3.1 …`, `Chart 4`: a caption's own
/// name, a capitalised word then a number or a letter.
fn names_itself(words: &str) -> bool {
    let mut parts = words.split_whitespace();
    let (Some(kind), Some(number)) = (parts.next(), parts.next()) else {
        return false;
    };
    let number = number.trim_end_matches([':', '.', ',']);
    let numbered = number.chars().next().is_some_and(|c| c.is_ascii_digit())
        && number.chars().all(|c| c.is_ascii_digit() || c == '.');
    let lettered = number.len() == 1 && number.chars().all(|c| c.is_ascii_uppercase());
    matches!(kind, "Table" | "Figure" | "Chart" | "Exhibit") && (numbered || lettered)
}

/// Where a header chunk belongs: the label column (slot 0) when it lies
/// over the labels rather than a column, else every column it overlaps
/// (slot 1 on), or the nearest.
fn slots(chunk: &Chunk, columns: &Columns, labels: (usize, usize)) -> Vec<usize> {
    let overlap =
        |(start, end): (usize, usize)| chunk.end.min(end).saturating_sub(chunk.start.max(start));
    let over: Vec<usize> = columns
        .extents
        .iter()
        .enumerate()
        .filter(|(_, &extent)| overlap(extent) > 0)
        .map(|(i, _)| i + 1)
        .collect();
    let over_labels = overlap(labels);
    let best_column = columns
        .extents
        .iter()
        .map(|&e| overlap(e))
        .max()
        .unwrap_or(0);
    if over_labels > best_column || (over.is_empty() && chunk.end <= labels.1.max(labels.0 + 1)) {
        return vec![0];
    }
    if !over.is_empty() {
        return over;
    }
    nearest(chunk.centre(), columns)
        .map(|c| c + 1)
        .into_iter()
        .collect()
}

/// Each word of `chunk` with the column (slot 1 on) nearest its centre.
fn words_by_column(text: &str, chunk: &Chunk, columns: &Columns) -> Vec<(usize, Span)> {
    let body = chunk.span.slice(text);
    split_words(text, chunk.span)
        .into_iter()
        .filter_map(|word| {
            let before = body.get(..word.start - chunk.span.start)?.chars().count();
            let start = chunk.start + before;
            let centre = start + word.slice(text).chars().count() / 2;
            nearest(centre, columns).map(|column| (column + 1, word))
        })
        .collect()
}

fn nearest(centre: usize, columns: &Columns) -> Option<usize> {
    columns
        .extents
        .iter()
        .enumerate()
        .min_by_key(|(_, &(start, end))| ((start + end) / 2).abs_diff(centre))
        .map(|(i, _)| i)
}

/// A line of years (`2023/24   2024/25`) over more columns than years:
/// each column takes the year nearest it.
fn spanning(chunks: &[&Chunk], columns: &Columns) -> HeaderRow {
    let mut row: HeaderRow = vec![Vec::new(); columns.count() + 1];
    for (i, &(start, end)) in columns.extents.iter().enumerate() {
        let centre = (start + end) / 2;
        let year = chunks.iter().min_by_key(|c| c.centre().abs_diff(centre));
        if let (Some(year), Some(cell)) = (year, row.get_mut(i + 1)) {
            cell.push(year.span);
        }
    }
    row
}

/// Whether every chunk of the line is a year heading: a year or a range of
/// years, alone or named (`Budget 2025/26`, `Outturn 2023-24`).
fn is_year_line(text: &str, chunks: &[&Chunk]) -> bool {
    !chunks.is_empty() && chunks.iter().all(|c| is_year_heading(c.span.slice(text)))
}

/// `2024/25`, `Budget 2024/25`, `Forecast outturn 2023-24`, `2025/26
/// estimate`: one year among at most three words. A heading with more
/// words, or with a figure beside its year, is a label of its own.
fn is_year_heading(words: &str) -> bool {
    let parts: Vec<&str> = words.split_whitespace().collect();
    let years = parts.iter().filter(|w| is_year(w)).count();
    let named = parts
        .iter()
        .filter(|w| !is_year(w))
        .all(|w| w.chars().all(char::is_alphabetic));
    is_year(words) || (years == 1 && named && parts.len() <= 4)
}

/// `2024/25`, `2024-25`, `2024`, `Year 2024/25`.
pub(super) fn is_year(word: &str) -> bool {
    let word = word.trim_start_matches("Year ").trim();
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    let rest = &word[digits..];
    digits == 4
        && (rest.is_empty()
            || (rest.starts_with(['/', '-', '–'])
                && rest[rest.chars().next().map_or(1, char::len_utf8)..]
                    .chars()
                    .all(|c| c.is_ascii_digit())))
}

/// The header of a table read by place: its last line by [`by_place`],
/// under it any line of years that spans the columns evenly (`2026/27`
/// over `Gross  Income  Net`, `2027/28` over the next three), and a run
/// of words over the labels (`Directorate`) for the label column. Other
/// lines above are left out: without positions, which columns they head
/// is a guess.
fn by_place_rows(
    text: &str,
    lines: &[&Line],
    width: usize,
    labels: (usize, usize),
) -> Vec<HeaderRow> {
    let Some((last, above)) = lines.split_last() else {
        return Vec::new();
    };
    let Some(mut bottom) = by_place(text, last, width) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    let mut label_words = Vec::new();
    for line in above {
        let chunks: Vec<&Chunk> = line.chunks.iter().collect();
        let years = chunks.len();
        if is_year_line(text, &chunks) && years > 1 && years < width && width.is_multiple_of(years)
        {
            let span = width / years;
            let mut row: HeaderRow = vec![Vec::new(); width + 1];
            for (column, cell) in row.iter_mut().enumerate().skip(1) {
                if let Some(year) = chunks.get((column - 1) / span) {
                    cell.push(year.span);
                }
            }
            rows.push(row);
        } else if let [only] = chunks.as_slice() {
            if only.kind == Kind::Words
                && only.overlaps(labels.0, labels.1)
                && only.end <= labels.1 + 1
            {
                label_words.push(only.span);
            }
        }
    }
    if let Some(label) = bottom.get_mut(0) {
        label_words.append(label);
        *label = label_words;
    }
    rows.push(bottom);
    rows
}

/// A header copied from a web page, with no positions: its labels by year
/// (`2022-23 Net (£000's) Portfolio 2023-24 Net (£000's)`), by runs of
/// spaces, or one word per column; words after a year's bracketed unit
/// (`Portfolio`) head the label column.
fn by_place(text: &str, line: &Line, width: usize) -> Option<HeaderRow> {
    let words: Vec<Span> = line
        .chunks
        .iter()
        .flat_map(|c| split_words(text, c.span))
        .collect();
    let starts: Vec<usize> = (0..words.len())
        .filter(|&i| words.get(i).is_some_and(|w| is_year(w.slice(text))))
        .collect();
    let mut row: HeaderRow = vec![Vec::new(); width + 1];
    if starts.len() == width {
        for (n, &start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).copied().unwrap_or(words.len());
            let own = words.get(start..end)?;
            // `… (£000's) Portfolio`, `£'000 Service`: the words after the
            // year's unit name the label column.
            let close = own.iter().rposition(|w| {
                let word = w.slice(text);
                word.ends_with(')') || word.contains('£') || word.contains('%')
            });
            let (column, label) = match close {
                Some(at) if at + 1 < own.len() => own.split_at(at + 1),
                _ => (own, &[][..]),
            };
            row.get_mut(n + 1)?.extend(column.iter().copied());
            row.get_mut(0)?.extend(label.iter().copied());
        }
        row.get_mut(0)?
            .extend(words.get(..*starts.first()?)?.iter().copied());
        return Some(row);
    }
    let chunks: Vec<Span> = line.chunks.iter().map(|c| c.span).collect();
    let pieces = if chunks.len() >= width { chunks } else { words };
    // One word per column only when the words are that many (or one
    // more, for the label column): else which words go together is a guess.
    let lead = pieces.len().checked_sub(width)?;
    if lead > 1 {
        return None;
    }
    for (i, piece) in pieces.iter().enumerate() {
        let slot = if i < lead { 0 } else { i - lead + 1 };
        row.get_mut(slot)?.push(*piece);
    }
    Some(row)
}

fn split_words(text: &str, span: Span) -> Vec<Span> {
    let body = span.slice(text);
    body.split_whitespace()
        .map(|w| {
            let at = w.as_ptr() as usize - body.as_ptr() as usize;
            Span::new(span.start + at, span.start + at + w.len())
        })
        .collect()
}
