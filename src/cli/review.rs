//! `vd-audit review`: the expected discrepancies whose pins are missing or
//! out of date, each with the diff of its `expect discrepancy` line, and
//! the pinned form written only when the author accepts it.
//!
//! An expectation is pending when it pins no stated figure or no computed
//! value, or when a side it pins has moved, while its claim is still a
//! discrepancy: accepting writes both sides as the claim now gives them.
//! An expectation whose claim is no longer a discrepancy is listed with
//! advice to remove it; review never removes one itself.

use std::collections::BTreeMap;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use super::args::ReviewArgs;
use super::audit::audit_for_report;
use super::settings::Settings;
use crate::eval::{ClaimOutcome, Verdict};
use crate::lang::ast::Expectation;
use crate::pack::LoadedPack;
use crate::report::PackAudit;
use crate::source::SourceFile;
use crate::span::Span;

/// One expectation to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The pack's path as reports show it.
    pub pack: String,
    /// The line of `expect discrepancy` in the pack, from 1.
    pub line: usize,
    pub claim_id: String,
    pub title: String,
    /// Why it is shown.
    pub why: String,
    pub kind: ItemKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// The claim is still a discrepancy: pin it as it is now.
    Pin(Pin),
    /// The claim is no longer a discrepancy: the author should remove the
    /// expectation.
    Remove,
}

/// The pinned form of one expectation: the edits, within the pack's text,
/// that turn the old lines into the new ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pin {
    pub path: PathBuf,
    /// The expectation's span in the pack: claims that share it (a loop's)
    /// must pin the same text.
    pub expectation: Span,
    /// Replacements of byte ranges of the pack's text, in order.
    pub edits: Vec<(Span, String)>,
    /// The whole lines holding the expectation, before and after.
    pub old_lines: String,
    pub new_lines: String,
}

/// Every expectation of the audited packs that review shows, in pack and
/// claim order.
pub fn pending(audits: &[PackAudit]) -> Vec<Item> {
    let mut items = Vec::new();
    for audit in audits {
        let PackAudit::Audited(audited) = audit else {
            continue;
        };
        for claim in &audited.outcome.claims {
            items.extend(item(&audited.pack, claim));
        }
    }
    items
}

/// What review shows for one claim, if anything.
fn item(pack: &LoadedPack, claim: &ClaimOutcome) -> Option<Item> {
    let expectation = claim.claim.expectation.as_ref()?;
    let judgement = claim.result.as_ref().ok()?;
    let file = &pack.rule_file;
    let line = file.line_col(expectation.span.start).line;
    let base = |why: String, kind: ItemKind| Item {
        pack: file.display_path.clone(),
        line,
        claim_id: claim.id.clone(),
        title: claim.claim.title.value.clone(),
        why,
        kind,
    };
    if judgement.verdict != Verdict::Discrepancy {
        let why = format!(
            "the claim is no longer a discrepancy (it is now {}): check it, then remove the `expect discrepancy` line",
            judgement.verdict.label()
        );
        return Some(base(why, ItemKind::Remove));
    }
    let moved = claim.moved();
    if moved.is_empty() && !claim.unpinned() {
        return None;
    }
    let mut reasons: Vec<String> = moved.iter().map(|m| m.describe()).collect();
    if expectation.printed.is_none() {
        reasons.push("the stated figure is not pinned".into());
    }
    if expectation.computed.is_none() {
        reasons.push("the computed value is not pinned".into());
    }
    let edits = pin_edits(
        file,
        expectation,
        &judgement.stated_text,
        &judgement.computed_pin,
    );
    let (old_lines, new_lines) = lines_after(file, expectation.span, &edits);
    Some(base(
        reasons.join("; "),
        ItemKind::Pin(Pin {
            path: file.path.clone(),
            expectation: expectation.span,
            edits,
            old_lines,
            new_lines,
        }),
    ))
}

/// The edits that pin both sides of `expectation`: each side written or
/// replaced in place, every other character of the line kept.
fn pin_edits(
    file: &SourceFile,
    expectation: &Expectation,
    stated: &str,
    computed: &str,
) -> Vec<(Span, String)> {
    let mut edits = Vec::new();
    let printed = quote(stated);
    let pinned = quote(computed);
    match &expectation.printed {
        Some(text) if text.value != stated => edits.push((text.span, printed)),
        Some(_) => {}
        None => {
            // Before `computed "…"` when there is one, else before the reason.
            let at = expectation
                .computed
                .as_ref()
                .map_or(expectation.reason.span.start, |c| {
                    computed_keyword(file, expectation, c.span)
                });
            edits.push((Span::new(at, at), format!("{printed} ")));
        }
    }
    match &expectation.computed {
        Some(text) if text.value.trim() != computed => edits.push((text.span, pinned)),
        Some(_) => {}
        None => {
            let at = expectation.reason.span.start;
            edits.push((Span::new(at, at), format!("computed {pinned} ")));
        }
    }
    edits.sort_by_key(|(span, _)| (span.start, span.end));
    edits
}

/// Where the word `computed` before the computed pin at `pin` begins.
fn computed_keyword(file: &SourceFile, expectation: &Expectation, pin: Span) -> usize {
    let before = file
        .text
        .get(expectation.span.start..pin.start)
        .unwrap_or_default();
    before
        .rfind("computed")
        .map_or(pin.start, |at| expectation.span.start + at)
}

/// A string as the rule language writes it.
pub fn quote(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The whole lines holding `span`, before and after `edits` (which lie in
/// `span`), without the last line break.
fn lines_after(file: &SourceFile, span: Span, edits: &[(Span, String)]) -> (String, String) {
    let text = &*file.text;
    let start = text
        .get(..span.start)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |at| at + 1);
    let end = text
        .get(span.end..)
        .and_then(|t| t.find('\n'))
        .map_or(text.len(), |at| span.end + at);
    let old = text.get(start..end).unwrap_or_default();
    let shifted: Vec<(Span, String)> = edits
        .iter()
        .map(|(s, new)| {
            (
                Span::new(s.start.saturating_sub(start), s.end.saturating_sub(start)),
                new.clone(),
            )
        })
        .collect();
    let new = apply(old, &shifted).unwrap_or_else(|| old.to_string());
    (old.to_string(), new)
}

/// `text` with `edits` applied; `None` when two of them overlap or one lies
/// outside the text.
pub fn apply(text: &str, edits: &[(Span, String)]) -> Option<String> {
    let mut sorted: Vec<&(Span, String)> = edits.iter().collect();
    sorted.sort_by_key(|(span, _)| (span.start, span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, new) in sorted {
        if span.start < at || span.end < span.start {
            return None;
        }
        out.push_str(text.get(at..span.start)?);
        out.push_str(new);
        at = span.end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

/// `-` before each old line, `+` before each new one.
pub fn diff(pin: &Pin) -> String {
    let mut out = String::new();
    for line in pin.old_lines.lines() {
        out.push_str(&format!("-{line}\n"));
    }
    for line in pin.new_lines.lines() {
        out.push_str(&format!("+{line}\n"));
    }
    out
}

/// An item as review lists it.
pub fn render(item: &Item) -> String {
    let mut out = format!(
        "{}:{}: {} ({})\n  {}\n",
        item.pack, item.line, item.title, item.claim_id, item.why
    );
    if let ItemKind::Pin(pin) = &item.kind {
        out.push_str(&diff(pin));
    }
    out
}

/// Writes the accepted pins into their packs: the edits only, every other
/// byte kept. A pack changed on disk since it was read is left alone.
/// Returns a message per pack that could not be written.
pub fn write(accepted: &[&Pin], packs: &BTreeMap<PathBuf, &SourceFile>) -> Vec<String> {
    let mut by_path: BTreeMap<&PathBuf, Vec<&Pin>> = BTreeMap::new();
    for pin in accepted {
        let pins = by_path.entry(&pin.path).or_default();
        // Claims that share one expectation line (a loop's) pin it once.
        if !pins
            .iter()
            .any(|p| p.expectation == pin.expectation && p.edits == pin.edits)
        {
            pins.push(pin);
        }
    }
    let mut failures = Vec::new();
    for (path, pins) in by_path {
        let Some(file) = packs.get(path) else {
            failures.push(format!("`{}`: not a pack of this review", path.display()));
            continue;
        };
        let shared = pins.iter().enumerate().find(|(i, pin)| {
            pins.iter()
                .skip(i + 1)
                .any(|other| other.expectation == pin.expectation)
        });
        if let Some((_, pin)) = shared {
            failures.push(format!(
                "`{}` line {}: claims sharing one expectation give it different pins; write one expectation per claim (`for \"label\"`), then review again",
                file.display_path,
                file.line_col(pin.expectation.start).line
            ));
            continue;
        }
        let edits: Vec<(Span, String)> =
            pins.iter().flat_map(|p| p.edits.iter().cloned()).collect();
        let Some(new) = apply(&file.text, &edits) else {
            failures.push(format!(
                "`{}`: the pins overlap; nothing was written to it",
                file.display_path
            ));
            continue;
        };
        match std::fs::read(path) {
            Ok(bytes) if bytes == file.text.as_bytes() => {}
            Ok(_) => {
                failures.push(format!(
                    "`{}` has changed since it was read: run review again",
                    file.display_path
                ));
                continue;
            }
            Err(e) => {
                failures.push(format!("cannot read `{}`: {e}", file.display_path));
                continue;
            }
        }
        if let Err(e) = std::fs::write(path, new) {
            failures.push(format!("cannot write `{}`: {e}", file.display_path));
        }
    }
    failures
}

/// How review decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// List, change nothing.
    List,
    /// Accept every pin shown.
    AcceptAll,
    /// Ask for each item.
    Ask,
}

/// `vd-audit review`: lists, asks or accepts, writes what was accepted,
/// and returns the exit status: 0 when nothing is left pending, 1 when
/// something is, 2 when a pack could not be written.
pub fn run(audits: &[PackAudit], mode: Mode) -> i32 {
    let items = pending(audits);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if items.is_empty() {
        let _ = writeln!(out, "every expected discrepancy is pinned on both sides");
        return 0;
    }
    let mut accepted: Vec<&Pin> = Vec::new();
    let mut left = 0;
    let stdin = std::io::stdin();
    let mut answers = stdin.lock();
    let mut quit = false;
    for item in &items {
        let _ = write!(out, "{}", render(item));
        let ItemKind::Pin(pin) = &item.kind else {
            left += 1;
            let _ = writeln!(out);
            continue;
        };
        let take = match mode {
            Mode::List => false,
            Mode::AcceptAll => true,
            Mode::Ask if quit => false,
            Mode::Ask => match ask(&mut out, &mut answers) {
                Answer::Accept => true,
                Answer::Skip => false,
                Answer::Quit => {
                    quit = true;
                    false
                }
            },
        };
        if take {
            accepted.push(pin);
            let _ = writeln!(out, "  accepted");
        } else {
            left += 1;
        }
        let _ = writeln!(out);
    }
    let packs: BTreeMap<PathBuf, &SourceFile> = audits
        .iter()
        .filter_map(|a| match a {
            PackAudit::Audited(p) => Some((p.pack.rule_file.path.clone(), &p.pack.rule_file)),
            PackAudit::NotLoaded(_) => None,
        })
        .collect();
    let failures = write(&accepted, &packs);
    for failure in &failures {
        eprintln!("error: {failure}");
    }
    if !failures.is_empty() {
        return 2;
    }
    let _ = writeln!(
        out,
        "{} shown, {} accepted, {} pending",
        items.len(),
        accepted.len(),
        left
    );
    if left > 0 && mode == Mode::List {
        let _ = writeln!(
            out,
            "run `vd-audit review --accept` to pin them all, or review on a terminal to choose"
        );
    }
    i32::from(left > 0)
}

enum Answer {
    Accept,
    Skip,
    Quit,
}

/// Asks until the answer is one of accept, skip or quit; the end of input
/// is quit.
fn ask(out: &mut impl Write, answers: &mut impl BufRead) -> Answer {
    loop {
        let _ = write!(out, "  pin it? [a]ccept, [s]kip, [q]uit: ");
        let _ = out.flush();
        let mut line = String::new();
        match answers.read_line(&mut line) {
            Ok(0) | Err(_) => return Answer::Quit,
            Ok(_) => {}
        }
        match line.trim().to_lowercase().as_str() {
            "a" | "accept" | "y" | "yes" => return Answer::Accept,
            "s" | "skip" | "n" | "no" => return Answer::Skip,
            "q" | "quit" => return Answer::Quit,
            _ => {}
        }
    }
}

/// The mode for the flags and the terminal: `--accept` accepts all; on a
/// terminal review asks; else it lists.
pub fn mode(accept: bool) -> Mode {
    if accept {
        Mode::AcceptAll
    } else if std::io::stdin().is_terminal() {
        Mode::Ask
    } else {
        Mode::List
    }
}

/// `vd-audit review`: the expected discrepancies to pin. Packs with errors
/// are reported as `check` reports them, and the exit status is 2.
pub fn run_review(args: &ReviewArgs, settings: &Settings) -> i32 {
    match audit_for_report(&args.paths, settings) {
        Ok(audits) => run(&audits, mode(args.accept)),
        Err(status) => status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_quotes_and_backslashes() {
        assert_eq!(quote("£43,624.8333333"), "\"£43,624.8333333\"");
        assert_eq!(quote("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
    }

    #[test]
    fn claims_sharing_an_expectation_with_different_pins_are_not_written() {
        let dir = std::env::temp_dir().join(format!("vd-review-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("pack.vd");
        let text = "claim \"t\" d \"{}\" == 1\n  expect discrepancy \"why\"\n";
        std::fs::write(&path, text).unwrap();
        let file = SourceFile::new(&path, text);
        let at = text.find("\"why\"").unwrap();
        let expectation = Span::new(text.find("expect").unwrap(), at + 5);
        let pin = |value: &str| Pin {
            path: path.clone(),
            expectation,
            edits: vec![(Span::new(at, at), format!("computed \"{value}\" "))],
            old_lines: String::new(),
            new_lines: String::new(),
        };
        let (band_a, band_b) = (pin("£1,403.67"), pin("£1,637.62"));
        let packs: BTreeMap<PathBuf, &SourceFile> = [(path.clone(), &file)].into();
        let failures = write(&[&band_a, &band_b], &packs);
        assert_eq!(failures.len(), 1, "{failures:?}");
        assert!(failures[0].contains("line 2"), "{failures:?}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        // The same pin from two claims is written once.
        let same = pin("£1,403.67");
        assert!(write(&[&band_a, &same], &packs).is_empty());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "claim \"t\" d \"{}\" == 1\n  expect discrepancy computed \"£1,403.67\" \"why\"\n"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn edits_apply_in_order_and_overlaps_are_refused() {
        let text = "expect discrepancy \"why\"";
        let edits = vec![
            (Span::new(19, 19), "\"43,635\" ".to_string()),
            (Span::new(19, 19), "computed \"1\" ".to_string()),
        ];
        assert_eq!(
            apply(text, &edits).as_deref(),
            Some("expect discrepancy \"43,635\" computed \"1\" \"why\"")
        );
        let overlapping = vec![
            (Span::new(19, 24), "x".to_string()),
            (Span::new(20, 22), "y".to_string()),
        ];
        assert_eq!(apply(text, &overlapping), None);
        assert_eq!(apply(text, &[(Span::new(30, 31), String::new())]), None);
    }
}
