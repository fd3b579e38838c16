//! The places nearest to an anchor that matches nowhere, shown to help
//! the pack's author fix it.

use crate::document::Document;

use super::super::error::Candidate;

/// How many figures are compared with an anchor that matches nowhere, to
/// find the nearest places: comparing every figure of a long document, for
/// every anchor that fails, would take claims × figures × the anchor's
/// length squared.
const MAX_FIGURES_SCORED: usize = 64;

/// How many characters on each side of `{}` are compared when looking for
/// the nearest places.
const MAX_COMPARED_CHARS: usize = 60;

/// The figures worth comparing with an anchor that matches nowhere: those
/// near a word of the anchor, the rarest words in the document first (a
/// number or a name, not "the"), at most [`MAX_FIGURES_SCORED`]. In a short
/// document, every figure.
fn figures_near_words(document: &Document, before: &str, after: &str) -> Vec<usize> {
    let figures = &document.figures.figures;
    if figures.len() <= MAX_FIGURES_SCORED {
        return (0..figures.len()).collect();
    }
    let index = document.words();
    let mut words: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric())
        .chain(after.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 3)
        .collect();
    words.sort_unstable();
    words.dedup();
    words.sort_by_key(|w| index.positions(w).len());
    let reach = before.len().max(after.len()) + 64;
    let mut chosen = std::collections::BTreeSet::new();
    for word in words {
        for &at in index.positions(word) {
            let first = figures.partition_point(|f| f.span.end + reach < at);
            let last = figures.partition_point(|f| f.span.start < at + word.len() + reach);
            chosen.extend(first..last);
            if chosen.len() >= MAX_FIGURES_SCORED {
                return chosen.into_iter().take(MAX_FIGURES_SCORED).collect();
            }
        }
    }
    chosen.into_iter().collect()
}

/// The three figures whose surroundings read most like the pattern, among
/// those [`figures_near_words`] picks.
pub(super) fn nearest(document: &Document, before: &str, after: &str) -> Vec<Candidate> {
    let text = &document.source.text;
    // Only the words next to the figure are compared: the edit distance
    // takes time in the square of the lengths, and a long anchor's far
    // words say little about which place it meant.
    let before = tail_chars(before, MAX_COMPARED_CHARS);
    let after = head_chars(after, MAX_COMPARED_CHARS);
    let (before, after) = (before.as_str(), after.as_str());
    let wanted = format!("{}{{}}{}", squash(before), squash(after));
    let before_len = before.chars().count() + 4;
    let after_len = after.chars().count() + 4;
    let figures = &document.figures.figures;
    let mut scored: Vec<(f64, usize)> = figures_near_words(document, before, after)
        .into_iter()
        .filter_map(|i| figures.get(i).map(|f| (i, f)))
        .map(|(i, f)| {
            let head: String = text[..f.digits.start]
                .chars()
                .rev()
                .take(before_len)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let tail: String = text[f.digits.end..].chars().take(after_len).collect();
            let seen = format!("{}{{}}{}", squash(&head), squash(&tail));
            (strsim::normalized_levenshtein(&wanted, &seen), i)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(3)
        .filter_map(|(_, i)| candidate(document, i))
        .collect()
}

pub(super) fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How a figure is shown when suggested: its line and the words around it.
pub fn candidate(document: &Document, index: usize) -> Option<Candidate> {
    let figure = document.figures.figures.get(index)?;
    let source = &document.source;
    let line = source.line_col(figure.span.start).line;
    let line_start = source.text[..figure.span.start]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = source.text[figure.span.end..]
        .find('\n')
        .map_or(source.text.len(), |i| figure.span.end + i);
    let before: String = squash(&source.text[line_start..figure.span.start]);
    let after: String = squash(&source.text[figure.span.end..line_end]);
    let before: String = tail_chars(&before, 40);
    let after: String = head_chars(&after, 40);
    Some(Candidate {
        line,
        line_name: source.line_name(line),
        printed: figure.printed.clone(),
        context: format!("“{before} {} {after}”", figure.printed)
            .replace("“ ", "“")
            .replace(" ”", "”"),
    })
}

fn tail_chars(text: &str, n: usize) -> String {
    let count = text.chars().count();
    if count <= n {
        return text.to_string();
    }
    let kept: String = text.chars().skip(count - n).collect();
    format!("…{kept}")
}

fn head_chars(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_string();
    }
    let kept: String = text.chars().take(n).collect();
    format!("{kept}…")
}
