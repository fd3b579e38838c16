//! Money words after a number: `pence` and `pounds`, with the scale of
//! pence. Both the digit scanner (`8 pence`, `3 pounds`) and numbers in
//! words (`four pence`) read them, so the word list lives here, apart from
//! either, and neither of those two modules has to import the other.

use crate::units::{Scale, Unit};

/// The money a word after a number names: `pence` and `pounds`, with the
/// scale of pence. Shared with numbers in words (`four pence`).
pub(super) fn money_word(word: &str) -> Option<(Unit, Scale)> {
    match word.to_ascii_lowercase().as_str() {
        "pence" | "penny" => Some((Unit::Pounds, Scale::Pence)),
        "pounds" | "pound" => Some((Unit::Pounds, Scale::One)),
        _ => None,
    }
}
