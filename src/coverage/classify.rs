//! Which figures of a document a pack should audit.
//!
//! Dates, phone numbers, paragraph and list numbers, and numbers that are
//! part of a name (`Phase 4`, `Grade 14`, `Local Government Act 1972`) are
//! figures to the recogniser but not arithmetic: coverage leaves them out.
//! Of the rest, a figure carries arithmetic meaning when it stands in a
//! table, carries a unit or scale (`£`, `%`, `m`, `FTE`), or stands in a
//! sentence that computes, splits, totals or restates.

use crate::figures::Figure;
use crate::load::Document;

/// What a figure is, for coverage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FigureKind {
    /// Part of a date: `8 July 2021`, `2021/22`, a year.
    Date,
    /// A telephone number.
    Phone,
    /// A paragraph, section, list or page number, or a footnote marker.
    Numbering,
    /// Part of a name: `Phase 4`, `Grade 14`, `Section 101`.
    Label,
    /// A figure in a table, with a unit or scale, or in a sentence that
    /// does arithmetic.
    Arithmetic,
    /// A number in running text with no arithmetic around it.
    Prose,
}

const MONTHS: [&str; 24] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Words that make the number after them part of a name.
const NAMING_WORDS: [&str; 25] = [
    "phase",
    "grade",
    "section",
    "appendix",
    "level",
    "act",
    "page",
    "paragraph",
    "table",
    "figure",
    "option",
    "proposal",
    "stage",
    "tier",
    "covid",
    "attainment",
    "nvq",
    "step",
    "recommendation",
    "recommendations",
    "number",
    "year",
    "age",
    "aged",
    "box",
];

/// Words that mark a sentence as doing arithmetic.
/// Words that mark a sentence as computing, splitting, totalling or
/// restating: the sentences whose figures a pack should check.
const ARITHMETIC_WORDS: [&str; 22] = [
    "total",
    "totals",
    "sub-total",
    "subtotal",
    "split",
    "share",
    "shared",
    "shares",
    "per",
    "equates",
    "equate",
    "equivalent",
    "sum",
    "average",
    "averages",
    "each",
    "times",
    "of which",
    "=",
    "x",
    "×",
    "comprising",
];

pub fn classify(document: &Document, figure: &Figure) -> FigureKind {
    let text = &document.source.text;
    let line_start = text[..figure.span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[figure.span.end..]
        .find('\n')
        .map_or(text.len(), |i| figure.span.end + i);
    let line = &text[line_start..line_end];
    let before = &text[line_start..figure.span.start];
    let after = &text[figure.span.end..line_end];
    if is_date(figure, before, after) {
        return FigureKind::Date;
    }
    if is_phone(figure, line, before) {
        return FigureKind::Phone;
    }
    if is_numbering(figure, before, after) {
        return FigureKind::Numbering;
    }
    if is_label(before) || is_ratio_notation(before, after) {
        return FigureKind::Label;
    }
    if figure.in_words {
        // "three months", "one voice": a count in words is arithmetic only
        // when a claim reads it.
        return FigureKind::Prose;
    }
    if is_duration(figure, after) {
        // "the next 5 years", "2 year road map", "16-18 year olds"
        return FigureKind::Prose;
    }
    // A figure that is a table cell on its own is arithmetic; a figure in a
    // cell of prose (an assumptions column) is judged as prose.
    if in_figure_cell(document, figure) {
        return FigureKind::Arithmetic;
    }
    let lower = sentence(text, figure).to_lowercase();
    let arithmetic_sentence = lower.contains("of which")
        || lower
            .split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '=' | '×')))
            .any(|word| ARITHMETIC_WORDS.contains(&word));
    // A figure stated once in prose ("73% of people feel safe", a grant of
    // £3,000 in a case study) is a statistic, not arithmetic, unless its
    // sentence computes, splits, totals or restates; a figure a claim reads
    // counts whatever its sentence.
    if arithmetic_sentence {
        FigureKind::Arithmetic
    } else {
        FigureKind::Prose
    }
}

/// Whether the figure is alone in a table cell (`1.3`, `<b>15.1</b>`).
fn in_figure_cell(document: &Document, figure: &Figure) -> bool {
    document
        .tables
        .iter()
        .filter(|t| t.span.contains(figure.span))
        .flat_map(|t| t.rows.iter())
        .flat_map(|r| r.cells.iter())
        .find(|c| c.span.contains(figure.span))
        .is_some_and(|c| crate::tables::is_figure_cell(c, &document.figures))
}

/// The sentence around the figure, within its line.
fn sentence<'t>(text: &'t str, figure: &Figure) -> &'t str {
    let line_start = text[..figure.span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[figure.span.end..]
        .find('\n')
        .map_or(text.len(), |i| figure.span.end + i);
    // Sentences end at a full stop, and so do the items of an HTML list or
    // the cells of a table row.
    let boundaries = [". ", "<li>", "</li>", "\t"];
    let before = &text[line_start..figure.span.start];
    let start = boundaries
        .iter()
        .filter_map(|b| before.rfind(b).map(|i| line_start + i + b.len()))
        .max()
        .unwrap_or(line_start);
    let after = &text[figure.span.end..line_end];
    let end = boundaries
        .iter()
        .filter_map(|b| after.find(b).map(|i| figure.span.end + i))
        .min()
        .unwrap_or(line_end);
    &text[start..end]
}

fn last_word(text: &str) -> String {
    text.trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase()
}

fn first_word(text: &str) -> String {
    text.trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase()
}

fn is_date(figure: &Figure, before: &str, after: &str) -> bool {
    if figure.unit != crate::units::Unit::Number || figure.scale != crate::units::Scale::One {
        return false;
    }
    let month_near = MONTHS.contains(&last_word(before).as_str())
        || MONTHS.contains(&first_word(after).as_str());
    let printed = figure.printed.as_str();
    let year_like = printed.len() == 4
        && printed.chars().all(|c| c.is_ascii_digit())
        && (1900..=2100).contains(&printed.parse::<u32>().unwrap_or(0));
    let day_like = figure.decimals == 0
        && figure.value >= rust_decimal::Decimal::ONE
        && figure.value <= rust_decimal::Decimal::from(31);
    year_like || (month_near && day_like) || after.starts_with('/') && figure.decimals == 0
}

fn is_phone(figure: &Figure, line: &str, before: &str) -> bool {
    let lower = line.to_lowercase();
    // `01246 345308`: the second group follows a dialling code.
    let after_code = {
        let code = last_word(before);
        before.ends_with(' ')
            && code.len() >= 4
            && code.starts_with('0')
            && code.chars().all(|c| c.is_ascii_digit())
    };
    after_code
        || (figure.printed.starts_with('0')
            && figure.printed.len() >= 4
            && !figure.printed.contains('.'))
        || lower.contains("telephone")
        || lower.contains("tel:")
        || lower.contains("phone")
}

/// `1.1 This is…`, `- 4.7 The case…`, `1. That Council…`, `# 3`, `[2]`.
fn is_numbering(figure: &Figure, before: &str, after: &str) -> bool {
    let lead = before.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '#' | '*' | '•' | '|')
    });
    if lead.is_empty()
        && figure.unit == crate::units::Unit::Number
        && figure.scale == crate::units::Scale::One
    {
        let rest = after.trim_end();
        let numbered = after.starts_with(". ")
            || after.starts_with(") ")
            || after.starts_with(' ')
            || rest.is_empty();
        if numbered
            && (figure.decimals > 0
                || after.starts_with(". ")
                || after.starts_with(") ")
                || rest.is_empty()
                || figure.printed.len() <= 2)
        {
            // A bare integer opening a line is list or section numbering,
            // unless the line goes on to say what it counts ("3 councils").
            return figure.decimals > 0
                || !after.trim_start().starts_with(|c: char| c.is_lowercase());
        }
    }
    // `[2]`, `^2`, `<sup>2</sup>`: footnote markers.
    before.ends_with('[') && after.starts_with(']')
        || before.ends_with('^')
        || before.ends_with("<sup>")
}

fn is_duration(figure: &Figure, after: &str) -> bool {
    let unit_free =
        figure.unit == crate::units::Unit::Number && figure.scale == crate::units::Scale::One;
    // `16-18 year olds`: the low end of an age band too.
    let word = first_word(after.trim_start_matches(|c: char| c == '-' || c.is_ascii_digit()));
    unit_free
        && matches!(
            word.as_str(),
            "year" | "years" | "month" | "months" | "week" | "weeks" | "day" | "days" | "olds"
        )
}

/// `1:1` coaching, `16:9`.
fn is_ratio_notation(before: &str, after: &str) -> bool {
    (before.ends_with(':') && before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit()))
        || (after.starts_with(':') && after[1..].starts_with(|c: char| c.is_ascii_digit()))
}

fn is_label(before: &str) -> bool {
    NAMING_WORDS.contains(&last_word(before).as_str())
}
