//! `items(…)`: counting the items of a list under a heading.

use crate::document::Document;
use crate::tables::LookupError;

use super::super::error::EvalErrorKind;
use super::nearest::squash;

/// How many items the list after the line containing `heading` has: the
/// bullet (`-`, `•`, `*`) or numbered (`1.`, `2)`) lines that follow it,
/// blank lines between them allowed, up to the first line that is neither.
pub fn count_items(document: &Document, name: &str, heading: &str) -> Result<usize, EvalErrorKind> {
    let text = &document.source.text;
    let lines: Vec<&str> = text.lines().collect();
    let wanted = squash(heading);
    // A line whose words contain the heading's contains its longest word
    // as it stands: only those lines are worth squashing.
    let longest = wanted.split(' ').max_by_key(|w| w.len()).unwrap_or("");
    let headings: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.contains(longest) && squash(line).contains(&wanted))
        .map(|(i, _)| i)
        .collect();
    let at = match headings.as_slice() {
        [one] => *one,
        [] => {
            return Err(EvalErrorKind::Table(LookupError::Label {
                what: "line",
                query: heading.to_string(),
                nearest: Vec::new(),
                ambiguous: false,
            }))
        }
        several => {
            return Err(EvalErrorKind::Table(LookupError::Label {
                what: "line",
                query: heading.to_string(),
                nearest: several
                    .iter()
                    .take(5)
                    .map(|i| format!("line {} of `{name}`", i + 1))
                    .collect(),
                ambiguous: true,
            }))
        }
    };
    let mut count = 0;
    for line in lines.iter().skip(at + 1) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !is_list_item(line) {
            break;
        }
        count += 1;
    }
    Ok(count)
}

fn is_list_item(line: &str) -> bool {
    if let Some(rest) = line
        .strip_prefix("- ")
        .or(line.strip_prefix("• "))
        .or(line.strip_prefix("* "))
    {
        // `- 11.6 On 15th October…`: the converter's bullet before the next
        // numbered paragraph, which ends the list.
        return !starts_with_paragraph_number(rest);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

/// `11.6 ` or `3.2.1 `
fn starts_with_paragraph_number(text: &str) -> bool {
    let number: &str = text.split(' ').next().unwrap_or("");
    number.contains('.')
        && number
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
}
