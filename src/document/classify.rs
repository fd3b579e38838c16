//! Which figures of a document a pack should audit.
//!
//! Dates, phone numbers, paragraph and list numbers, and numbers that are
//! part of a name (`Phase 4`, `Grade 14`, `Local Government Act 1972`) are
//! figures to the recogniser but not arithmetic: coverage leaves them out.
//! Years and year ranges (`2021-22`, `2018/19`) are dates, and figures in a
//! table's header rows are labels. Of the rest, a figure carries arithmetic
//! meaning when it is money (`£180,000`, `£2.4m`, `8p`, "four pence"), a
//! scaled figure or a count printed with thousands separators (`98,300`),
//! stands in a table cell of figures (`1.3`, `65%/35%`), or stands in a
//! sentence that computes, splits, totals or restates.

use super::prepared::Document;
use crate::figures::Figure;
use crate::units::{Scale, Unit};

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
    if is_money_or_count(figure) {
        // `£180,000`, `£2.4m`, `8p`, "four pence", `98,300`: amounts a
        // paper adds, splits and restates, wherever they stand (the first
        // line of a block of tabbed prose is taken for a header row).
        return FigureKind::Arithmetic;
    }
    if in_header_row(document, figure) {
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
    if in_figure_cell(document, figure) || in_cell_of_figures(document, figure) {
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

/// Money (`£180,000`, `£2.4m`, `8p`, "four pence"), a scaled figure
/// (`33.6m`), or a count printed with thousands separators (`98,300`).
/// Years, dates and numbering are ruled out before this is asked.
fn is_money_or_count(figure: &Figure) -> bool {
    let digits = figure.printed.trim_start_matches(['-', '−', '£']);
    figure.unit == Unit::Pounds
        || figure.scale != Scale::One
        || (figure.unit != Unit::Percent
            && figure.decimals == 0
            && !figure.in_words
            && digits.starts_with(|c: char| c.is_ascii_digit())
            && digits.contains(','))
}

/// Whether the figure stands in a header row of a table: `2023/24 £`,
/// `Year 1 (£m)` are labels of columns.
fn in_header_row(document: &Document, figure: &Figure) -> bool {
    document
        .tables
        .iter()
        .filter(|t| t.span.contains(figure.span))
        .any(|t| {
            t.rows
                .get(..t.header_rows)
                .unwrap_or_default()
                .iter()
                .any(|r| r.span.contains(figure.span))
        })
}

/// Whether the figure is one of several in a data cell that holds figures
/// and nothing else (`65%/35%`, `60/40`, `£20-66m`).
fn in_cell_of_figures(document: &Document, figure: &Figure) -> bool {
    let text = &document.source.text;
    document
        .tables
        .iter()
        .filter(|t| t.span.contains(figure.span))
        .flat_map(|t| t.data_rows().iter())
        .flat_map(|r| r.cells.iter())
        .find(|c| c.span.contains(figure.span))
        .is_some_and(|cell| {
            let mut rest = String::new();
            let mut at = cell.span.start;
            for f in document.figures.within(cell.span) {
                rest.push_str(text.get(at..f.span.start).unwrap_or_default());
                at = f.span.end;
            }
            rest.push_str(text.get(at..cell.span.end).unwrap_or_default());
            !crate::tables::words_of(&rest).contains(char::is_alphanumeric)
        })
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
    year_like
        || (month_near && day_like)
        || slash_date(figure, before, after)
        || short_year_after_year(figure, before)
}

/// Whether the figure is one half of a date or year written with a slash:
/// `30/10`, `27/11/2020`, `2018/19`, `2017/2018`, but not `60/40`.
fn slash_date(figure: &Figure, before: &str, after: &str) -> bool {
    let whole = |text: &str| -> Option<u32> {
        (!text.is_empty() && text.len() <= 4 && text.chars().all(|c| c.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    };
    let own = whole(&figure.printed);
    let previous = before
        .strip_suffix('/')
        .map(|b| whole(b.rsplit(|c: char| !c.is_ascii_digit()).next().unwrap_or("")));
    let next = after
        .strip_prefix('/')
        .map(|a| whole(a.split(|c: char| !c.is_ascii_digit()).next().unwrap_or("")));
    let date_pair =
        |first: Option<u32>, second: Option<u32>, second_len: usize| match (first, second) {
            (Some(a), Some(b)) => {
                let year = (1900..=2100).contains(&a);
                (year && (second_len == 2 || (1900..=2100).contains(&b)))
                    || ((1..=31).contains(&a) && (1..=12).contains(&b))
            }
            _ => false,
        };
    let next_len = after
        .strip_prefix('/')
        .map_or(0, |a| a.chars().take_while(char::is_ascii_digit).count());
    // `27/11/2020`: the first number before two slashes is a day.
    let chained = after.strip_prefix('/').is_some_and(|a| {
        a.trim_start_matches(|c: char| c.is_ascii_digit())
            .starts_with('/')
    });
    own.is_some()
        && (chained
            || previous.is_some_and(|p| date_pair(p, own, figure.printed.len()))
            || next.is_some_and(|n| date_pair(own, n, next_len)))
}

/// `22` in `2021-22` or `2018/ 19`: the end of a span of years.
fn short_year_after_year(figure: &Figure, before: &str) -> bool {
    let trimmed = before.trim_end();
    let Some(head) = trimmed
        .strip_suffix('-')
        .or_else(|| trimmed.strip_suffix('–'))
        .or_else(|| trimmed.strip_suffix('/'))
    else {
        return false;
    };
    let year: String = head
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    figure.printed.len() == 2
        && figure.printed.chars().all(|c| c.is_ascii_digit())
        && year.len() == 4
        && year
            .chars()
            .rev()
            .collect::<String>()
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2100).contains(&y))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    /// Each figure of `text` as printed, with its kind.
    fn kinds(text: &str) -> Vec<(String, FigureKind)> {
        let document = Document::new(SourceFile::new("paper.txt", text));
        document
            .figures
            .figures
            .iter()
            .map(|f| (f.printed.clone(), classify(&document, f)))
            .collect()
    }

    #[track_caller]
    fn assert_kinds(text: &str, expected: &[(&str, FigureKind)]) {
        let expected: Vec<(String, FigureKind)> =
            expected.iter().map(|(p, k)| (p.to_string(), *k)).collect();
        assert_eq!(kinds(text), expected, "in {text:?}");
    }

    use FigureKind::{Arithmetic, Date, Label, Numbering, Prose};

    #[test]
    fn money_in_prose_has_arithmetic_meaning() {
        assert_kinds(
            "The scheme will cost £180,000 in the first year.\n",
            &[("£180,000", Arithmetic)],
        );
        assert_kinds(
            "Capital receipts of £2.4m are expected, with £615k from land sales.\n",
            &[("£2.4m", Arithmetic), ("£615k", Arithmetic)],
        );
        assert_kinds(
            "Weekly increase 8p for a Band A property.\n",
            &[("8p", Arithmetic)],
        );
        assert_kinds(
            "This is an increase of four pence a week.\n",
            &[("four pence", Arithmetic)],
        );
    }

    #[test]
    fn counts_in_prose_have_arithmetic_meaning() {
        assert_kinds(
            "The district has a population of 98,300.\n",
            &[("98,300", Arithmetic)],
        );
        // A small number stated once, and a count in words, are not.
        assert_kinds(
            "The paper was read by 40 members of three committees.\n",
            &[("40", Prose), ("three", Prose)],
        );
        assert_kinds("A rise of 3% is proposed.\n", &[("3%", Prose)]);
    }

    #[test]
    fn years_and_year_ranges_are_labels_not_arithmetic() {
        assert_kinds(
            "The budget for 2021-22 and the outturn for 2018/19 and (2017/2018).\n",
            &[
                ("2021", Date),
                ("22", Date),
                ("2018", Date),
                ("19", Date),
                ("2017", Date),
                ("2018", Date),
            ],
        );
        assert_kinds(
            "the revenue outturn data for 2018/ 19, the council's total\n",
            &[("2018", Date), ("19", Date)],
        );
        assert_kinds(
            "Leaders met on 30/10 and 27/11/2020.\n",
            &[("30", Date), ("10", Date), ("27", Date)],
        );
    }

    #[test]
    fn splits_are_arithmetic_dates_are_not() {
        assert_kinds(
            "a split of 60/40 between the councils\n",
            &[("60", Arithmetic), ("40", Arithmetic)],
        );
        assert_kinds(
            "| Service | Split |\n|---|---|\n| Parks | 65%/35% |\n| Waste | North – 41,250; South – 18,902 |\n",
            &[
                ("65%", Arithmetic),
                ("35%", Arithmetic),
                ("41,250", Arithmetic),
                ("18,902", Arithmetic),
            ],
        );
    }

    #[test]
    fn figures_in_a_header_row_are_labels() {
        assert_kinds(
            "| Band | 2023/24 £ | 2024/25 £ | Yearly change £ | Weekly change |\n|---|---|---|---|---|\n| Band D | £1,440.00 | £1,512.00 | £72.00 | £1.38 |\n| Band A | £960.00 | £1,008.00 | £48.00 | 92p |\n",
            &[
                ("2023", Date),
                ("24", Date),
                ("2024", Date),
                ("25", Date),
                ("£1,440.00", Arithmetic),
                ("£1,512.00", Arithmetic),
                ("£72.00", Arithmetic),
                ("£1.38", Arithmetic),
                ("£960.00", Arithmetic),
                ("£1,008.00", Arithmetic),
                ("£48.00", Arithmetic),
                ("92p", Arithmetic),
            ],
        );
        assert_kinds(
            "\tYear 1 (£m)\tYear 2 (£m)\tCost 10\nFront office\t1.3\t5.1\t2\n",
            &[
                ("1", Label),
                ("2", Label),
                ("10", Label),
                ("1.3", Arithmetic),
                ("5.1", Arithmetic),
                ("2", Arithmetic),
            ],
        );
    }

    #[test]
    fn money_in_the_first_line_of_tabbed_prose_still_counts() {
        // A block of tabbed lines with no figure cell has its first line
        // taken for a header row; its money is still money.
        assert_kinds(
            "Manager fixed term\t£52,350 (plus £13,211 oncosts)\nOfficer\tto be appointed\n",
            &[("£52,350", Arithmetic), ("£13,211", Arithmetic)],
        );
    }

    #[test]
    fn numbering_stays_numbering() {
        assert_kinds(
            "2.1 The district pays £117,000.\n",
            &[("2.1", Numbering), ("£117,000", Arithmetic)],
        );
    }
}
