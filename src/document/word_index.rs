//! Where each word of a document stands, built once per document on first
//! use. An anchor that matches nowhere looks for the places that share its
//! rarest words; searching the text for them again for every such anchor
//! would make a pack of many broken anchors take claims × size.

use std::collections::HashMap;

/// The byte offsets of each word (a run of letters and digits) of a text.
#[derive(Clone, Debug, Default)]
pub struct WordIndex {
    positions: HashMap<String, Vec<usize>>,
}

impl WordIndex {
    pub fn new(text: &str) -> WordIndex {
        let mut positions: HashMap<String, Vec<usize>> = HashMap::new();
        let mut start = None;
        for (at, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            match (start, c.is_alphanumeric()) {
                (None, true) => start = Some(at),
                (Some(from), false) => {
                    if let Some(word) = text.get(from..at) {
                        positions
                            .entry(word.to_string())
                            .or_default()
                            .push(at - word.len());
                    }
                    start = None;
                }
                _ => {}
            }
        }
        WordIndex { positions }
    }

    /// Where `word` stands as a whole word, in document order.
    pub fn positions(&self, word: &str) -> &[usize] {
        self.positions.get(word).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whole_words_only() {
        let index = WordIndex::new("The cost of 5 costs: cost£12, Band D.");
        assert_eq!(index.positions("cost"), &[4, 21]);
        assert_eq!(index.positions("costs"), &[14]);
        assert_eq!(index.positions("D"), &[36]);
        assert_eq!(index.positions("£12"), &[] as &[usize]);
        assert_eq!(index.positions("12"), &[27]);
    }
}
