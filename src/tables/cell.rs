//! What a cell's text says: its words, and whether it is a figure in
//! brackets (an accountant's negative) or nothing (`-`, `nil`).

/// The words of a cell: HTML tags removed, whitespace collapsed.
pub fn words_of(cell: &str) -> String {
    let mut words = String::with_capacity(cell.len());
    let mut in_tag = false;
    for c in cell.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                words.push(' ');
            }
            _ if in_tag => {}
            _ => words.push(c),
        }
    }
    words.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A cell printed as none: `-`, `–`, `—` or `nil`, as accounts print a
/// line with nothing in it.
pub fn is_nil(cell: &str) -> bool {
    matches!(cell.trim(), "-" | "–" | "—") || cell.trim().eq_ignore_ascii_case("nil")
}

/// A cell that is the figure in brackets and nothing else: `(1,950)`,
/// `(£1,950)`. In prose, brackets are an aside, not a sign.
pub fn is_bracketed(cell: &str, printed: &str) -> bool {
    cell.strip_prefix('(')
        .and_then(|rest| rest.strip_suffix(')'))
        .is_some_and(|inside| inside == printed)
}
