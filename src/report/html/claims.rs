//! The claims as the page shows them: one article per claim (kept in a
//! `<template>`, cloned into the side panel when a figure is opened), and
//! the list of findings at the top of the page.

use std::fmt::Write as _;

use super::escape::escape;
use super::model::{ClaimView, Page, Shade};
use super::text::{figure_id, malformed_id};
use crate::document::figure_in_context;
use crate::eval::{FigureRef, Judgement, Outcome};
use crate::figures::Figure;
use crate::format;
use crate::lang::ast::Comparison;
use crate::pack::LoadedPack;
use crate::report::finding::{figure_place, Place};
use crate::units::Unit;

/// `✗ discrepancy`, as a badge: the symbol and the word, never colour alone.
pub fn badge(shade: Shade) -> String {
    format!(
        "<span class=\"b {}\">{} {}</span>",
        shade.class(),
        shade.symbol(),
        shade.label()
    )
}

/// Every claim's article, inside a template the script clones from.
pub fn write_template(out: &mut String, page: &Page) {
    out.push_str("<template id=\"claims\">\n");
    for claim in &page.claims {
        write_article(out, page, claim);
    }
    out.push_str("</template>\n");
}

fn write_article(out: &mut String, page: &Page, view: &ClaimView) {
    let claim = view.claim;
    let _ = write!(
        out,
        "<article id=\"c{}\" class=\"claim\" data-id=\"{}\"><h3>{} {}</h3>",
        view.number,
        escape(&claim.id),
        badge(view.shade),
        escape(&claim.claim.title.value)
    );
    match &claim.result {
        Ok(judgement) => write_judgement(out, page, view, judgement),
        Err(error) => {
            let _ = write!(
                out,
                "<dl><dt>Error</dt><dd>{}</dd>",
                escape(&error.to_string())
            );
            if let Some(help) = error.help() {
                let _ = write!(out, "<dt>Help</dt><dd>{}</dd>", escape(&help));
            }
        }
    }
    write_rule_place(out, view.pack, claim.claim.span.start);
    out.push_str("</dl></article>\n");
}

fn write_judgement(out: &mut String, page: &Page, view: &ClaimView, judgement: &Judgement) {
    let _ = write!(out, "<p class=\"w\">{}</p><dl>", escape(&judgement.working));
    let _ = write!(
        out,
        "<dt>Stated</dt><dd>{}</dd>",
        figure_item(page, view.pack, &judgement.stated)
    );
    if let Some(other) = &judgement.other_end {
        let _ = write!(
            out,
            "<dt>Other end</dt><dd>{}</dd>",
            figure_item(page, view.pack, &other.stated)
        );
    }
    if !judgement.inputs.is_empty() {
        out.push_str("<dt>Inputs</dt><dd><ul>");
        for input in &judgement.inputs {
            let _ = write!(out, "<li>{}</li>", figure_item(page, view.pack, input));
        }
        out.push_str("</ul></dd>");
    }
    let _ = write!(
        out,
        "<dt>Verdict</dt><dd>{}{}</dd>",
        view.shade.label(),
        outcome_note(view.outcome)
    );
    if let Some(difference) = difference(view, judgement) {
        let _ = write!(out, "<dt>Difference</dt><dd>{}</dd>", escape(&difference));
    }
    if let Some(cause) = &judgement.cause {
        let _ = write!(out, "<dt>Likely cause</dt><dd>{}</dd>", escape(cause));
    }
    for note in &judgement.notes {
        let _ = write!(out, "<dt>Note</dt><dd>{}</dd>", escape(note));
    }
    if let Some(expectation) = &view.claim.claim.expectation {
        let _ = write!(
            out,
            "<dt>Expected by the pack</dt><dd>{}</dd>",
            escape(&expectation.reason.value)
        );
    }
}

fn outcome_note(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pass => "",
        Outcome::Fail => " (fails the run)",
        Outcome::Error => " (an error)",
    }
}

fn write_rule_place(out: &mut String, pack: &LoadedPack, offset: usize) {
    let at = pack.rule_file.line_col(offset);
    let _ = write!(
        out,
        "<dt>Rule</dt><dd><code>{}:{}:{}</code></dd>",
        escape(&pack.rule_file.display_path),
        at.line,
        at.column
    );
}

/// `43,635 = £43,635 at documents/paper.txt:190:188`, the figure a link.
fn figure_item(page: &Page, pack: &LoadedPack, reference: &FigureRef) -> String {
    let Some(place) = figure_place(pack, reference) else {
        return String::new();
    };
    let value = pack
        .documents
        .get(&reference.document)
        .and_then(|d| figure_in_context(d, reference.index))
        .map(|f| figure_value(&f))
        .unwrap_or_default();
    let link = match page.document_number(pack, &reference.document) {
        Some(number) => format!(
            "<a href=\"#{}\">{}</a>",
            figure_id(number, reference.index),
            escape(&place.text)
        ),
        None => escape(&place.text),
    };
    format!(
        "{link} = {} <span class=\"at\">{}</span>",
        escape(&value),
        escape(&place.at())
    )
}

/// A figure's value in its unit, scale applied: `£1,300,000` for `1.3`
/// under `(£m)`.
pub fn figure_value(figure: &Figure) -> String {
    if figure.unit == Unit::Percent {
        return format!("{}%", format::grouped(figure.value, figure.decimals));
    }
    // `8p` is £0.08: two more places in pounds than printed in pence.
    let pence = if figure.scale == crate::units::Scale::Pence {
        2
    } else {
        0
    };
    format::quantity(figure.value, figure.unit, figure.decimals + pence)
}

/// `differs by £10 (0.02%)`, for a comparison of equality that is not exact.
fn difference(view: &ClaimView, judgement: &Judgement) -> Option<String> {
    let equality = matches!(
        view.claim.claim.comparison,
        Comparison::Equal | Comparison::Approximately
    );
    if judgement.difference.is_zero() || !equality {
        return None;
    }
    Some(format::difference(
        judgement.difference,
        judgement.relative_difference,
        judgement.computed.unit,
    ))
}

/// The findings, per document in line order: every claim that is not
/// simply exact, and every malformed figure; then the problems that belong
/// to no figure.
pub fn write_findings(out: &mut String, page: &Page) {
    out.push_str("<section id=\"findings\"><h2>Findings</h2>\n");
    for view in &page.documents {
        let mut items: Vec<(usize, String)> = page
            .claims
            .iter()
            .filter(|c| c.document == Some(view.number) && c.shade != Shade::Exact)
            .filter_map(claim_finding)
            .collect();
        for (index, malformed) in view.malformed.iter().enumerate() {
            items.push(malformed_finding(view, index, malformed));
        }
        if items.is_empty() {
            continue;
        }
        items.sort_by_key(|(offset, _)| *offset);
        let _ = write!(
            out,
            "<h3>{} <small>({})</small></h3><ol class=\"findings\">",
            escape(&view.document.source.display_path),
            items.len()
        );
        for (_, item) in items {
            out.push_str(&item);
        }
        out.push_str("</ol>\n");
    }
    write_unplaced(out, page);
    out.push_str("</section>\n");
}

/// A claim's finding, keyed by where its stated figure is.
fn claim_finding(view: &ClaimView) -> Option<(usize, String)> {
    let judgement = view.judgement()?;
    let place: Place = figure_place(view.pack, &judgement.stated)?;
    let number = view.document?;
    let offset = view
        .pack
        .documents
        .get(&judgement.stated.document)
        .and_then(|d| d.figures.figures.get(judgement.stated.index))
        .map_or(0, |f| f.span.start);
    let mut reasons: Vec<String> = Vec::new();
    if let Some(expectation) = &view.claim.claim.expectation {
        reasons.push(format!("expected: {}", expectation.reason.value));
        if judgement.verdict == crate::eval::Verdict::Discrepancy {
            reasons.extend(crate::report::diagnostic::moved_message(view.claim));
        }
    }
    reasons.extend(judgement.cause.iter().cloned());
    reasons.extend(judgement.notes.iter().cloned());
    reasons.extend(difference(view, judgement));
    Some((
        offset,
        format!(
            "<li class=\"{}\"><a href=\"#{}\">line {}</a> {} <b>{}</b>{}<br>stated <q>{}</q>: <span class=\"w\">{}</span>{}</li>",
            view.shade.class(),
            figure_id(number, judgement.stated.index),
            view.pack
                .documents
                .get(&judgement.stated.document)
                .map_or(place.start.line.to_string(), |d| d.source.line_name(place.start.line)),
            badge(view.shade),
            escape(&view.claim.claim.title.value),
            outcome_note(view.outcome),
            escape(&judgement.stated_text),
            escape(&judgement.working),
            if reasons.is_empty() {
                String::new()
            } else {
                format!("<br><span class=\"why\">{}</span>", escape(&reasons.join("; ")))
            }
        ),
    ))
}

fn malformed_finding(
    view: &super::model::DocumentView,
    index: usize,
    malformed: &super::model::Malformed,
) -> (usize, String) {
    let figure = malformed.figure;
    let source = &view.document.source;
    let line = source.line_name(source.line_col(figure.span.start).line);
    let shade = if malformed.expected.is_some() {
        Shade::Expected
    } else {
        Shade::Error
    };
    let mut why = figure.reason.clone();
    if let Some(expected) = &malformed.expected {
        why = format!("{why}; expected: {expected}");
    }
    (
        figure.span.start,
        format!(
            "<li class=\"{}\"><a href=\"#{}\">line {line}</a> {} <b>malformed figure</b> <q>{}</q><br><span class=\"why\">{}</span></li>",
            shade.class(),
            malformed_id(view.number, index),
            badge(shade),
            escape(&figure.printed),
            escape(&why)
        ),
    )
}

/// Claims that could not be evaluated and problems with no figure to
/// point at, with their place in the rule file.
fn write_unplaced(out: &mut String, page: &Page) {
    let errors: Vec<&ClaimView> = page
        .claims
        .iter()
        .filter(|c| c.judgement().is_none())
        .collect();
    if errors.is_empty() && page.problems.is_empty() {
        return;
    }
    out.push_str("<h3>Errors in the rules</h3><ol class=\"findings\">");
    for view in errors {
        let at = view.pack.rule_file.line_col(view.claim.claim.span.start);
        let message = match &view.claim.result {
            Err(error) => error.to_string(),
            Ok(_) => String::new(),
        };
        let _ = write!(
            out,
            "<li class=\"er\">{} <b>{}</b> <code>{}:{}</code><br><span class=\"why\">{}</span></li>",
            badge(Shade::Error),
            escape(&view.claim.claim.title.value),
            escape(&view.pack.rule_file.display_path),
            at.line,
            escape(&message)
        );
    }
    for problem in &page.problems {
        let place = crate::report::finding::problem_place(problem)
            .map(|p| format!(" <code>{}</code>", escape(&p.at())))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<li class=\"er\">{} {}{place}</li>",
            badge(Shade::Error),
            escape(&problem.message)
        );
    }
    out.push_str("</ol>\n");
}
