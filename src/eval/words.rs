//! Finding the words of every text anchor of a pack in one pass over each
//! document.
//!
//! A text anchor is searched for only near the occurrences of its words
//! (see [`anchor_words`]). Searching for each anchor's word with
//! `str::match_indices` made a pack's cost its number of anchors times the
//! document's length; one Aho-Corasick automaton over all the words of a
//! pack's anchors finds them all in one pass.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use aho_corasick::AhoCorasick;

use crate::lang::ast::{Anchor, Expr, ExprKind, Pack, Statement};
use crate::pack::LoadedPack;

/// How many of a pattern's words are searched for: its longest, which are
/// the likeliest to be rare. Enough that the two rarest are usually words
/// particular to the anchor (a name), not words of a sentence that recurs
/// on every page ("costs", "in total"), which would make an anchor's cost
/// grow with the document; few enough that "the" and "and", which occur
/// everywhere, are rarely searched for.
const WORDS_PER_ANCHOR: usize = 8;

/// The words of `pattern` to search for: the longest few of those of three
/// characters or more, between whitespace, `{}` and `{_}`. Each stands in
/// the text, as written, wherever the pattern matches.
pub fn anchor_words(pattern: &str) -> Vec<&str> {
    let mut words: Vec<&str> = pattern
        .split(|c: char| c.is_whitespace())
        .flat_map(|w| w.split("{_}"))
        .flat_map(|w| w.split("{}"))
        .filter(|w| w.len() >= 3)
        .collect();
    words.sort_by_key(|w| (std::cmp::Reverse(w.len()), *w));
    words.dedup();
    words.truncate(WORDS_PER_ANCHOR);
    words
}

/// Where each key word occurs in one document.
#[derive(Debug, Default)]
pub struct WordHits {
    starts: HashMap<String, Vec<usize>>,
}

impl WordHits {
    /// Finds every occurrence of `words` in `text` in one pass. For each
    /// word the occurrences are those `str::match_indices` gives: leftmost,
    /// and not overlapping each other.
    pub fn find(text: &str, words: &BTreeSet<&str>) -> WordHits {
        let words: Vec<&str> = words.iter().copied().collect();
        let Ok(automaton) = AhoCorasick::new(&words) else {
            // Too many words for one automaton: search each on its own.
            let starts = words
                .iter()
                .map(|w| {
                    (
                        w.to_string(),
                        text.match_indices(w).map(|(at, _)| at).collect(),
                    )
                })
                .collect();
            return WordHits { starts };
        };
        // Occurrences by the word's position in `words`, so that a match
        // costs no hashing.
        let mut found: Vec<Vec<usize>> = vec![Vec::new(); words.len()];
        // Overlapping search reports every occurrence of every word; an
        // occurrence that overlaps the previous one of the same word is
        // dropped, as match_indices would.
        let mut last_end: Vec<usize> = vec![0; words.len()];
        for hit in automaton.find_overlapping_iter(text) {
            let index = hit.pattern().as_usize();
            let (Some(list), Some(end)) = (found.get_mut(index), last_end.get_mut(index)) else {
                continue;
            };
            if hit.start() >= *end {
                *end = hit.end();
                list.push(hit.start());
            }
        }
        let starts = words
            .iter()
            .zip(found)
            .map(|(word, mut list)| {
                // Overlapping matches come in order of their end, which for
                // one word is the order of their start; sort to be sure.
                list.sort_unstable();
                (word.to_string(), list)
            })
            .collect();
        WordHits { starts }
    }

    /// Where `word` occurs, if it was searched for.
    pub fn get(&self, word: &str) -> Option<&[usize]> {
        self.starts.get(word).map(Vec::as_slice)
    }
}

/// Every text anchor of the pack: its document's name and its pattern.
pub fn text_anchors(pack: &Pack) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    for statement in &pack.statements {
        match statement {
            Statement::Let(binding) => collect(&binding.value, &mut found),
            Statement::Claim(claim) => {
                collect(&claim.stated, &mut found);
                collect(&claim.computed, &mut found);
                if let Some(tolerance) = &claim.tolerance {
                    collect(tolerance, &mut found);
                }
            }
            Statement::Hedge { tolerance, .. } => collect(tolerance, &mut found),
            Statement::Rounding { .. }
            | Statement::ExpectMalformed { .. }
            | Statement::FailedLet { .. }
            | Statement::For(_) => {}
        }
    }
    found
}

fn collect<'a>(expr: &'a Expr, found: &mut Vec<(&'a str, &'a str)>) {
    match &expr.kind {
        ExprKind::Anchor(Anchor::Text { document, pattern }) => {
            found.push((document.name.as_str(), pattern.value.as_str()))
        }
        ExprKind::Anchor(_) | ExprKind::Number { .. } | ExprKind::Name(_) | ExprKind::List(_) => {}
        ExprKind::Negate(operand) => collect(operand, found),
        ExprKind::Binary { lhs, rhs, .. } => {
            collect(lhs, found);
            collect(rhs, found);
        }
        ExprKind::Call { args, .. } => args.iter().for_each(|a| collect(a, found)),
    }
}

/// Where the words of the pack's text anchors occur, per document name:
/// one pass over each document for all of its anchors.
pub(super) fn find_anchor_words(pack: &LoadedPack) -> HashMap<String, WordHits> {
    let mut wanted: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (document, pattern) in text_anchors(&pack.ast) {
        wanted
            .entry(document)
            .or_default()
            .extend(anchor_words(pattern));
    }
    wanted
        .into_iter()
        .filter_map(|(name, words)| {
            let document = pack.documents.get(name)?;
            Some((
                name.to_string(),
                WordHits::find(&document.source.text, &words),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occurrences_are_those_match_indices_finds() {
        let text = "aaaa total - £5, Total - £6, totals";
        let words: BTreeSet<&str> = ["aaa", "total", "otal"].into_iter().collect();
        let hits = WordHits::find(text, &words);
        for word in &words {
            let expected: Vec<usize> = text.match_indices(word).map(|(at, _)| at).collect();
            assert_eq!(hits.get(word), Some(expected.as_slice()), "{word}");
        }
        assert_eq!(hits.get("absent"), None);
    }

    #[test]
    fn anchor_words_are_three_characters_or_more() {
        assert_eq!(anchor_words("Total - £{}"), ["Total"]);
        assert_eq!(anchor_words("per theme)\t£{_} x {}"), ["theme)", "per"]);
        assert_eq!(
            anchor_words("the county's 40% share of the total is {}"),
            ["county's", "share", "total", "40%", "the"]
        );
        assert!(anchor_words("£{} x").is_empty());
    }
}
