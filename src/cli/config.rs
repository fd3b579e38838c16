//! `vd-audit.yaml`, the settings file read from the project root (the
//! nearest directory above the working directory that holds it or `.git`),
//! and the strictness that it and the command line give:
//!
//! ```yaml
//! deny: [within-rounding]   # or [approximate], or both
//! strict: true              # both
//! allow-outside-root: true  # packs may read documents outside the root (local use)
//! ```
//!
//! The command line wins: when `--deny` or `--strict` is given, the file's
//! `deny` and `strict` are not read. An unknown key, or a value of the wrong
//! kind, is an error located in the file.

use std::path::Path;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, Severity};
use serde::Deserialize;

use crate::access::CONFIG_FILE_NAME as FILE_NAME;
use crate::report::{Problem, Strictness};
use crate::source::SourceFile;
use crate::span::Span;

/// A verdict that can be made a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum DeniedVerdict {
    #[serde(alias = "within_rounding")]
    #[value(alias = "within_rounding")]
    WithinRounding,
    Approximate,
}

/// The contents of `vd-audit.yaml`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Verdicts to turn into failures.
    #[serde(default)]
    pub deny: Vec<DeniedVerdict>,
    /// Deny every verdict that can be denied.
    #[serde(default)]
    pub strict: bool,
    /// Let packs read documents outside the project root.
    #[serde(default)]
    pub allow_outside_root: bool,
}

impl Config {
    pub fn strictness(&self) -> Strictness {
        settings(&self.deny, self.strict)
    }
}

/// The strictness of a run: the command line's when it says anything about
/// it, the file's otherwise, and none without either.
pub fn strictness(deny: &[DeniedVerdict], strict: bool, file: Option<&Config>) -> Strictness {
    if strict || !deny.is_empty() {
        settings(deny, strict)
    } else {
        file.map(Config::strictness).unwrap_or_default()
    }
}

fn settings(deny: &[DeniedVerdict], strict: bool) -> Strictness {
    if strict {
        return Strictness::STRICT;
    }
    Strictness {
        within_rounding: deny.contains(&DeniedVerdict::WithinRounding),
        approximate: deny.contains(&DeniedVerdict::Approximate),
        empty_pack: false,
    }
}

/// Reads `vd-audit.yaml` in `dir`; `None` when there is no such file.
pub fn read(dir: &Path) -> Result<Option<Config>, Box<Problem>> {
    let path = dir.join(FILE_NAME);
    if !path.exists() {
        return Ok(None);
    }
    let file = SourceFile::read(&path).map_err(|e| {
        Box::new(problem(
            "vd::config::unreadable",
            format!("cannot read {}: {e}", crate::source::display_path(&path)),
        ))
    })?;
    parse(&file).map(Some)
}

/// Parses a settings file; an error is a diagnostic labelled at the key or
/// value at fault.
pub fn parse(file: &SourceFile) -> Result<Config, Box<Problem>> {
    let error = match serde_yaml::from_str::<Config>(&file.text) {
        Ok(config) => return Ok(config),
        Err(error) => error,
    };
    let full = error.to_string();
    // serde_yaml appends the location, which the label shows instead.
    let message = match full.rsplit_once(" at line ") {
        Some((message, at)) if at.contains(" column ") => message.to_string(),
        _ => full.clone(),
    };
    let unknown_key = message
        .strip_prefix("unknown field `")
        .and_then(|rest| rest.split_once('`'))
        .map(|(key, _)| key.to_string());
    let mut diagnostic = match &unknown_key {
        Some(key) => {
            let mut help = "the keys are `deny` (a list of `within-rounding` and `approximate`), `strict` and `allow-outside-root` (true or false)"
                .to_string();
            if let Some(near) = ["deny", "strict", "allow-outside-root"]
                .into_iter()
                .find(|k| strsim::levenshtein(k, key) <= 2)
            {
                help = format!("did you mean `{near}`? {help}");
            }
            let mut p = problem(
                "vd::config::unknown_key",
                format!("unknown key `{key}` in {}", file.display_path),
            );
            p.help = Some(help);
            p
        }
        None => {
            let unknown_verdict = message
                .split_once("unknown variant `")
                .and_then(|(_, rest)| rest.split_once('`'))
                .map(|(verdict, _)| verdict);
            let message = match unknown_verdict {
                Some(verdict) => format!("`{verdict}` is not a verdict that can be denied"),
                None => message,
            };
            let mut p = problem(
                "vd::config::invalid",
                format!("{}: {message}", file.display_path),
            );
            p.help = Some(
                "`deny` takes a list of `within-rounding` and `approximate`, `strict` true or false: for example `deny: [within-rounding]` or `strict: true`"
                    .into(),
            );
            p
        }
    };
    if let Some(location) = error.location() {
        let start = offset(&file.text, location.line(), location.column());
        let span = Span::new(start, start + token_len(&file.text[start..]));
        let label = if unknown_key.is_some() {
            "unknown key"
        } else {
            "here"
        };
        diagnostic.source = Some(file.named_source());
        diagnostic
            .labels
            .push(LabeledSpan::new_with_span(Some(label.to_string()), span));
    }
    Err(Box::new(diagnostic))
}

fn problem(code: &'static str, message: String) -> Problem {
    Problem {
        code,
        message,
        severity: Severity::Error,
        source: None,
        labels: Vec::new(),
        help: None,
        related: Vec::new(),
    }
}

/// The byte offset of a 1-based line and character column.
fn offset(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        .min(text.len());
    let rest = &text[line_start..];
    let within = rest
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(rest.len(), |(i, _)| i);
    line_start + within
}

/// The length in bytes of the key or scalar that starts `text`.
fn token_len(text: &str) -> usize {
    let mut chars = text.char_indices();
    match chars.next() {
        Some((_, quote @ ('"' | '\''))) => chars
            .find(|&(_, c)| c == quote || c == '\n')
            .map_or(text.len(), |(i, c)| if c == quote { i + 1 } else { i }),
        Some(_) => text
            .find(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | ']' | '}' | '#'))
            .unwrap_or(text.len()),
        None => 0,
    }
}

/// The diagnostic as miette draws it, for standard error.
pub fn render(problem: &Problem, color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_links(false);
    let mut out = String::new();
    let _ = handler.render_report(&mut out, problem);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Config, Box<Problem>> {
        parse(&SourceFile::new("vd-audit.yaml", text))
    }

    #[test]
    fn reads_deny_and_strict() {
        assert_eq!(parse_text("").ok(), Some(Config::default()));
        let config = parse_text("deny: [within-rounding]\n").ok();
        assert_eq!(
            config.map(|c| c.strictness()),
            Some(Strictness {
                within_rounding: true,
                approximate: false,
                empty_pack: false,
            })
        );
        let config = parse_text("# strict\nstrict: true\n").ok();
        assert_eq!(config.map(|c| c.strictness()), Some(Strictness::STRICT));
        let config = parse_text("allow-outside-root: true\n").ok();
        assert_eq!(config.map(|c| c.allow_outside_root), Some(true));
    }

    #[test]
    fn an_unknown_key_is_labelled_where_it_stands() {
        let text = "# £ and €\nstrict: true\nsrict: true\n";
        let Err(problem) = parse_text(text) else {
            panic!("accepted an unknown key")
        };
        assert_eq!(problem.code, "vd::config::unknown_key");
        assert_eq!(problem.message, "unknown key `srict` in vd-audit.yaml");
        let label = &problem.labels[0];
        assert_eq!(&text[label.offset()..label.offset() + label.len()], "srict");
        assert!(problem
            .help
            .as_deref()
            .is_some_and(|h| h.starts_with("did you mean `strict`?")));
    }

    #[test]
    fn a_bad_value_is_labelled() {
        let text = "deny: [approximate, sometimes]\n";
        let Err(problem) = parse_text(text) else {
            panic!("accepted a bad verdict")
        };
        assert_eq!(problem.code, "vd::config::invalid");
        let label = &problem.labels[0];
        assert_eq!(
            &text[label.offset()..label.offset() + label.len()],
            "sometimes"
        );
    }

    #[test]
    fn the_command_line_wins() {
        let file = Config {
            deny: vec![DeniedVerdict::WithinRounding],
            ..Config::default()
        };
        let only_approximate = Strictness {
            within_rounding: false,
            approximate: true,
            empty_pack: false,
        };
        assert_eq!(
            strictness(&[DeniedVerdict::Approximate], false, Some(&file)),
            only_approximate
        );
        assert_eq!(strictness(&[], true, Some(&file)), Strictness::STRICT);
        assert_eq!(strictness(&[], false, Some(&file)), file.strictness());
        assert_eq!(strictness(&[], false, None), Strictness::default());
    }
}
