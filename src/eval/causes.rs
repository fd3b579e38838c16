//! Likely causes of a discrepancy, offered only when the digits show them
//! exactly: never a guess dressed as a cause.

/// Compares the stated figure's digits with the correctly rounded value's
/// digits (both printed to the stated precision).
pub fn likely_cause(stated: &str, correct: &str) -> Option<String> {
    let s: Vec<char> = stated.chars().filter(char::is_ascii_digit).collect();
    let c: Vec<char> = correct.chars().filter(char::is_ascii_digit).collect();
    if s.len() != c.len() || s == c {
        return None;
    }
    let differing: Vec<usize> = (0..s.len()).filter(|&i| s[i] != c[i]).collect();
    match differing.as_slice() {
        [_] => Some(format!("one digit differs from {correct}, a likely typing error")),
        [a, b] if b - a == 1 && s[*a] == c[*b] && s[*b] == c[*a] => Some(format!(
            "two adjacent digits are swapped ({correct} has {}{}), a likely typing error",
            c[*a], c[*b]
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_digit_typo() {
        let cause = likely_cause("43,635", "43,625").unwrap();
        assert!(cause.contains("one digit differs from 43,625"), "{cause}");
    }

    #[test]
    fn transposition() {
        let cause = likely_cause("43,652", "43,625").unwrap();
        assert!(cause.contains("swapped"), "{cause}");
    }

    #[test]
    fn nothing_when_the_digits_do_not_show_it() {
        assert_eq!(likely_cause("43,635", "43,700"), None);
        assert_eq!(likely_cause("1,000", "100"), None);
    }
}
