//! The canonical layout of a rule file (`vd-audit fmt`).
//!
//! Only whitespace outside strings and comments changes, and lines are
//! never joined or split, so a pack means the same after formatting:
//!
//! - a statement (`pack`, `document`, `let`, `claim`, `rounding`, `hedge`,
//!   `expect malformed`, `for`) starts at the left margin, or two spaces in
//!   for each `for` that governs it;
//! - a claim's lines (its comparison, `within`, `hedged`, `expect`) are
//!   indented two spaces more than the claim, and lines continuing an
//!   expression four;
//! - runs of spaces become one; the `=` of adjacent `let` lines (and of
//!   adjacent `document` lines) line up;
//! - a comment keeps its words, on its own line at the indentation of the
//!   code after it, or two spaces after the code it follows;
//! - no trailing spaces, no more than one blank line in a row, one newline
//!   at the end.
//!
//! Formatting is idempotent: formatting formatted text changes nothing.

/// Words that start a statement (`expect` only when `malformed` follows).
const STATEMENTS: &[&str] = &[
    "pack", "document", "let", "claim", "rounding", "hedge", "for",
];

/// Lines of a claim that belong to the claim itself, not to an expression.
const CLAIM_PARTS: &[&str] = &["expect", "within", "hedged"];

/// A line cut into its code and its comment (`#` to the end, outside a
/// string), both trimmed.
struct Line<'t> {
    code: String,
    comment: Option<&'t str>,
}

/// `text` laid out canonically.
pub fn format_rules(text: &str) -> String {
    let lines: Vec<Line> = text.lines().map(cut).collect();
    let indents = indents(&lines);
    let widths = let_widths(&lines, &indents);
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for (index, line) in lines.iter().enumerate() {
        if line.code.is_empty() && line.comment.is_none() {
            blank_run += 1;
            continue;
        }
        if blank_run > 0 && !out.is_empty() {
            out.push('\n');
        }
        blank_run = 0;
        let indent = indents.get(index).copied().unwrap_or(0);
        out.push_str(&" ".repeat(indent));
        let code = match widths.get(index).copied().flatten() {
            Some(width) => align_let(&line.code, width),
            None => line.code.clone(),
        };
        out.push_str(&code);
        if let Some(comment) = line.comment {
            if !code.is_empty() {
                out.push_str("  ");
            }
            out.push_str(comment);
        }
        out.push('\n');
    }
    out
}

/// Splits a line at its comment and collapses the code's runs of
/// whitespace outside strings.
fn cut(line: &str) -> Line<'_> {
    let mut code = String::with_capacity(line.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut space = false;
    for (at, c) in line.char_indices() {
        if in_string {
            code.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '#' => {
                return Line {
                    code: code.trim().to_string(),
                    comment: line.get(at..).map(str::trim_end),
                }
            }
            c if c.is_whitespace() => space = true,
            c => {
                if space && !code.is_empty() {
                    code.push(' ');
                }
                space = false;
                if c == '"' {
                    in_string = true;
                }
                code.push(c);
            }
        }
    }
    Line {
        code: code.trim().to_string(),
        comment: None,
    }
}

fn first_word(code: &str) -> &str {
    code.split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()
        .unwrap_or("")
}

fn starts_statement(code: &str) -> bool {
    let word = first_word(code);
    STATEMENTS.contains(&word)
        || (word == "expect" && code.split_whitespace().nth(1) == Some("malformed"))
}

/// The indentation of each line: code by the statement it belongs to,
/// comments by the code after them.
fn indents(lines: &[Line]) -> Vec<usize> {
    let mut indents = vec![0; lines.len()];
    // Statements a pending `for` governs are indented one more level.
    let mut depth = 0;
    let mut statement_indent = 0;
    let mut in_claim = false;
    let mut body_lines = 0;
    for (index, line) in lines.iter().enumerate() {
        if line.code.is_empty() {
            continue;
        }
        let indent = if starts_statement(&line.code) {
            statement_indent = depth * 2;
            in_claim = first_word(&line.code) == "claim";
            body_lines = 0;
            depth = if first_word(&line.code) == "for" {
                depth + 1
            } else {
                0
            };
            statement_indent
        } else {
            body_lines += 1;
            let part = CLAIM_PARTS.contains(&first_word(&line.code));
            if in_claim && (body_lines == 1 || part) {
                statement_indent + 2
            } else {
                statement_indent + 4
            }
        };
        if let Some(slot) = indents.get_mut(index) {
            *slot = indent;
        }
    }
    // A comment line takes the indentation of the next line of code.
    let mut next = 0;
    for (index, line) in lines.iter().enumerate().rev() {
        if line.code.is_empty() {
            if let Some(slot) = indents.get_mut(index) {
                *slot = next;
            }
        } else {
            next = indents.get(index).copied().unwrap_or(0);
        }
    }
    indents
}

/// For each `let` line in a run of adjacent `let` lines at one indentation,
/// the width its name is padded to so that the `=` signs line up.
fn let_widths(lines: &[Line], indents: &[usize]) -> Vec<Option<usize>> {
    let mut widths = vec![None; lines.len()];
    let mut start = 0;
    while start < lines.len() {
        let indent = indents.get(start).copied().unwrap_or(0);
        let mut end = start;
        while lines.get(end).and_then(|l| let_name(&l.code)).is_some()
            && indents.get(end) == Some(&indent)
        {
            end += 1;
        }
        if end == start {
            start += 1;
            continue;
        }
        let width = (start..end)
            .filter_map(|i| let_name(&lines.get(i)?.code).map(str::len))
            .max()
            .unwrap_or(0);
        for slot in widths.iter_mut().take(end).skip(start) {
            *slot = Some(width);
        }
        start = end;
    }
    widths
}

/// `let name = …` or `document name = …` → (`let`, `name`).
fn binding(code: &str) -> Option<(&str, &str)> {
    let (keyword, rest) = code.split_once(' ')?;
    if keyword != "let" && keyword != "document" {
        return None;
    }
    let (name, value) = rest.split_once(' ')?;
    value.starts_with('=').then_some((keyword, name))
}

/// `let name = …` → `name`; the runs of lines whose `=` line up are runs
/// of one keyword.
fn let_name(code: &str) -> Option<&str> {
    binding(code).map(|(_, name)| name)
}

/// `let name = value` with the name padded to `width`.
fn align_let(code: &str, width: usize) -> String {
    let Some((keyword, name)) = binding(code) else {
        return code.to_string();
    };
    let value = code
        .get(keyword.len() + 1 + name.len()..)
        .unwrap_or("")
        .trim_start()
        .trim_start_matches('=')
        .trim_start();
    format!("{keyword} {name:<width$} = {value}")
}

#[cfg(test)]
mod tests {
    use super::format_rules;

    const MESSY: &str = "\
pack   \"Parish precepts\"
  document paper =   \"p.txt\"


# the table
let t = paper.table(\"Total\")   # named once
let longer_name   =   \"Band D £\"
    claim \"A  title  keeps   its spaces\"
t.cell(\"Total\", longer_name)   ==  sum(t.column(longer_name, \"A\" to \"B\"))
      expect discrepancy \"1\" \"a # in a string is no comment\"
for row in t.rows(\"A\" to \"B\")
claim \"{row}: per head\"
      t.cell(row, \"Per head £\") == t.cell(row, \"Precept\")
   / count(t.cell(row, \"Population\"))
claim \"after the loop\"
  paper \"{}\" == 1
";

    #[test]
    fn a_messy_pack_gets_the_canonical_layout() {
        let expected = "\
pack \"Parish precepts\"
document paper = \"p.txt\"

# the table
let t           = paper.table(\"Total\")  # named once
let longer_name = \"Band D £\"
claim \"A  title  keeps   its spaces\"
  t.cell(\"Total\", longer_name) == sum(t.column(longer_name, \"A\" to \"B\"))
  expect discrepancy \"1\" \"a # in a string is no comment\"
for row in t.rows(\"A\" to \"B\")
  claim \"{row}: per head\"
    t.cell(row, \"Per head £\") == t.cell(row, \"Precept\")
      / count(t.cell(row, \"Population\"))
claim \"after the loop\"
  paper \"{}\" == 1
";
        assert_eq!(format_rules(MESSY), expected);
    }

    #[test]
    fn formatting_is_idempotent_and_changes_only_whitespace() {
        let once = format_rules(MESSY);
        assert_eq!(format_rules(&once), once);
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(squeeze(&once), squeeze(MESSY));
    }
}
