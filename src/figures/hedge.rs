//! Hedge words: "approximately", "just under", "up to"… A hedged figure does
//! not claim to be the exact (rounded) value, and each hedge says in which
//! direction and how far the true value may lie.

use rust_decimal::Decimal;

/// Which side of the stated figure the true value lies on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Either side: "approximately 1,400".
    Either,
    /// Below the stated figure: "just under 1,400".
    Below,
    /// Above the stated figure: "over 1,400".
    Above,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Hedge {
    Approximately,
    About,
    Around,
    InTheRegionOf,
    Estimated,
    JustUnder,
    Almost,
    Nearly,
    Over,
    MoreThan,
    UpTo,
    AtLeast,
    OrSo,
}

impl Hedge {
    pub const ALL: [Hedge; 13] = [
        Hedge::Approximately,
        Hedge::About,
        Hedge::Around,
        Hedge::InTheRegionOf,
        Hedge::Estimated,
        Hedge::JustUnder,
        Hedge::Almost,
        Hedge::Nearly,
        Hedge::Over,
        Hedge::MoreThan,
        Hedge::UpTo,
        Hedge::AtLeast,
        Hedge::OrSo,
    ];

    /// The words as written before the figure (after it for "or so").
    pub fn phrase(self) -> &'static str {
        match self {
            Hedge::Approximately => "approximately",
            Hedge::About => "about",
            Hedge::Around => "around",
            Hedge::InTheRegionOf => "in the region of",
            Hedge::Estimated => "estimated",
            Hedge::JustUnder => "just under",
            Hedge::Almost => "almost",
            Hedge::Nearly => "nearly",
            Hedge::Over => "over",
            Hedge::MoreThan => "more than",
            Hedge::UpTo => "up to",
            Hedge::AtLeast => "at least",
            Hedge::OrSo => "or so",
        }
    }

    pub fn from_phrase(phrase: &str) -> Option<Hedge> {
        let phrase = phrase.trim().to_lowercase();
        Hedge::ALL.into_iter().find(|h| h.phrase() == phrase)
    }

    pub fn direction(self) -> Direction {
        match self {
            Hedge::JustUnder | Hedge::Almost | Hedge::Nearly | Hedge::UpTo => Direction::Below,
            Hedge::Over | Hedge::MoreThan | Hedge::AtLeast => Direction::Above,
            _ => Direction::Either,
        }
    }

    /// How far from the stated figure the true value may lie, as a fraction
    /// of the stated figure, unless a pack says otherwise. "Just under" is
    /// close; "up to" and "at least" bound one side only.
    pub fn default_tolerance(self) -> Decimal {
        let percent = match self {
            Hedge::Approximately | Hedge::About | Hedge::Around | Hedge::JustUnder => 5,
            Hedge::InTheRegionOf
            | Hedge::Estimated
            | Hedge::OrSo
            | Hedge::Almost
            | Hedge::Nearly => 10,
            Hedge::Over | Hedge::MoreThan => 25,
            Hedge::UpTo | Hedge::AtLeast => 100,
        };
        Decimal::new(percent, 2)
    }

    /// Whether the true value `value` is consistent with the hedged stated
    /// figure `stated`, within `tolerance` (a fraction of `stated`).
    pub fn allows(self, stated: Decimal, value: Decimal, tolerance: Decimal) -> bool {
        let reach = (stated * tolerance).abs();
        match self.direction() {
            Direction::Either => (value - stated).abs() <= reach,
            Direction::Below => value <= stated && stated - value <= reach,
            Direction::Above => value >= stated && value - stated <= reach,
        }
    }
}

/// The hedge written just before a figure (`before` is the text up to the
/// figure) or just after it (`after` is the text from its end).
pub fn hedge_around(before: &str, after: &str) -> Option<Hedge> {
    // Only the last words matter; looking further would make reading a
    // document quadratic in its length.
    let before = tail(before, 64).trim_end();
    if before.ends_with('~') {
        return Some(Hedge::Approximately);
    }
    let after = &after[..floor_boundary(after, 16)];
    let before = strip_word_suffix(before, "between")
        .unwrap_or(before)
        .trim_end();
    let before = strip_word_suffix(before, "at").unwrap_or(before).trim_end();
    // "estimated to be £17,000"
    let before = strip_word_suffix(before, "to be")
        .unwrap_or(before)
        .trim_end();
    let lower: String = before
        .chars()
        .rev()
        .take(24)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase();
    let found = Hedge::ALL
        .into_iter()
        .filter(|h| *h != Hedge::OrSo)
        .filter(|h| strip_word_suffix(&lower, h.phrase()).is_some())
        .max_by_key(|h| h.phrase().len());
    if found.is_some() {
        return found;
    }
    let after = after
        .trim_start_matches(|c: char| c.is_alphabetic() && c != ' ')
        .trim_start()
        .to_lowercase();
    (after.starts_with("or so") && !after[5..].starts_with(char::is_alphanumeric))
        .then_some(Hedge::OrSo)
}

/// The last `bytes` bytes of `text`, or fewer, on a character boundary.
pub(crate) fn tail(text: &str, bytes: usize) -> &str {
    let mut start = text.len().saturating_sub(bytes);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..]
}

fn floor_boundary(text: &str, bytes: usize) -> usize {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// `text` without `word` (lower-case ASCII) at its end, when `word` is a
/// whole word there, in any case.
///
/// This runs for every hedge at every figure of a document, so it compares
/// in place rather than lower-casing `text`. It keeps the rule of the
/// lower-casing it replaces: a text whose lower case has another length in
/// bytes (a few letters such as `İ` change length) never matches.
fn strip_word_suffix<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let cut = text.len().checked_sub(word.len())?;
    let tail = text.get(cut..)?;
    if !tail.eq_ignore_ascii_case(word) || !lower_case_keeps_length(text) {
        return None;
    }
    let head = text.get(..cut)?;
    (!head.ends_with(char::is_alphanumeric)).then_some(head)
}

/// Whether `text.to_lowercase()` has as many bytes as `text`.
fn lower_case_keeps_length(text: &str) -> bool {
    text.is_ascii()
        || text
            .chars()
            .filter(|c| !c.is_ascii())
            .all(|c| c.to_lowercase().map(char::len_utf8).sum::<usize>() == c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn hedges_as_the_documents_write_them() {
        let cases = [
            (
                "wider system benefits estimated at approximately ",
                "",
                Some(Hedge::Approximately),
            ),
            ("benefits estimated at between ", "", Some(Hedge::Estimated)),
            (
                "The cost for Chesterfield Borough Council is therefore estimated to be ",
                "",
                Some(Hedge::Estimated),
            ),
            ("in the region of ", "", Some(Hedge::InTheRegionOf)),
            ("a workforce of just under ", "", Some(Hedge::JustUnder)),
            ("Over ", "", Some(Hedge::Over)),
            ("savings of up to ", "", Some(Hedge::UpTo)),
            ("at least ", "", Some(Hedge::AtLeast)),
            ("saves ", " or so each year", Some(Hedge::OrSo)),
            ("turnover of ", " a year", None),
            ("hangover ", "", None),
            ("costs ~", "", Some(Hedge::Approximately)),
        ];
        for (before, after, hedge) in cases {
            assert_eq!(hedge_around(before, after), hedge, "{before:?}…{after:?}");
        }
    }

    #[test]
    fn each_hedge_has_a_direction_and_a_reach() {
        // "just under 1,400" for 1,394: below and close.
        assert!(Hedge::JustUnder.allows(
            dec!(1400),
            dec!(1394),
            Hedge::JustUnder.default_tolerance()
        ));
        assert!(!Hedge::JustUnder.allows(dec!(1400), dec!(1401), dec!(0.05)));
        assert!(!Hedge::JustUnder.allows(dec!(1400), dec!(1000), dec!(0.05)));
        assert!(Hedge::Over.allows(dec!(1000), dec!(1080), dec!(0.25)));
        assert!(!Hedge::Over.allows(dec!(1000), dec!(990), dec!(0.25)));
        assert!(Hedge::Approximately.allows(dec!(1.1), dec!(1.08), dec!(0.05)));
        assert!(Hedge::UpTo.allows(dec!(66), dec!(20), dec!(1)));
        assert!(!Hedge::AtLeast.allows(dec!(66), dec!(20), dec!(1)));
        for hedge in Hedge::ALL {
            assert_eq!(Hedge::from_phrase(hedge.phrase()), Some(hedge));
            assert!(
                hedge.allows(dec!(100), dec!(100), hedge.default_tolerance()),
                "{hedge:?}"
            );
        }
    }
}
