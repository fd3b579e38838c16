//! The HTML report: the documents themselves, every figure a claim reads
//! marked by its verdict, and the working one click (or one key) away.
//!
//! One self-contained page: the style sheet and the small script are
//! inlined, and nothing is fetched, so the file works offline and can be
//! mailed to a committee. It is built from the same `[PackAudit]` as every
//! other format, so however an audit is produced, the page shows it.
//!
//! Long documents stay quick because the page stays lean: a figure is one
//! element, unread figures without arithmetic meaning are plain text, and
//! each claim's working is written once, in a `<template>` that the script
//! clones into the side panel when a figure is opened.

mod claims;
mod escape;
mod model;
mod text;

use std::fmt::Write as _;

use super::audit::PackAudit;
use super::strictness::Strictness;
use super::summary::Summary;
use claims::badge;
pub use escape::escape;
pub use model::Shade;
use model::{DocumentView, Page};

const STYLE: &str = include_str!("style.css");
const SCRIPT: &str = include_str!("script.js");

/// The whole page.
pub fn html(audits: &[PackAudit], strictness: Strictness) -> String {
    let page = Page::of(audits, strictness);
    let summary = Summary::of(audits);
    let mut out = String::with_capacity(1 << 20);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>vd-audit report</title><style>{STYLE}</style></head><body>\n\
         <main><header><h1>vd-audit report</h1><p id=\"total\">{}.</p>",
        escape(&summary.line())
    );
    write_legend(&mut out);
    out.push_str("</header>\n");
    write_summary(&mut out, &page, &summary);
    claims::write_findings(&mut out, &page);
    out.push_str("<p class=\"printnote\">The documents' text is left out of the printed report: each finding gives its line.</p>\n");
    for view in &page.documents {
        write_document_section(&mut out, view);
    }
    out.push_str("</main>\n");
    write_panel(&mut out);
    claims::write_template(&mut out, &page);
    let _ = write!(out, "<script>{SCRIPT}</script>\n</body></html>\n");
    out
}

fn write_legend(out: &mut String) {
    out.push_str("<p class=\"legend\">");
    for shade in Shade::ALL {
        out.push_str(&badge(shade));
        out.push(' ');
    }
    out.push_str("<span class=\"hint\">A figure a claim only computes from is underlined, not filled. Select a figure (click, or Tab to it) to see its claims and their working.</span></p>");
}

/// Per document: claims by verdict (counted where the stated figure is),
/// figures not checked, malformed figures; and the total, as `check`
/// counts it.
fn write_summary(out: &mut String, page: &Page, summary: &Summary) {
    out.push_str("<section id=\"summary\"><h2>Summary</h2><table><thead><tr><th>document</th><th>claims</th>");
    for shade in Shade::ALL {
        let _ = write!(out, "<th>{}</th>", badge(shade));
    }
    out.push_str("<th>malformed</th></tr></thead><tbody>\n");
    for view in &page.documents {
        write_summary_row(out, page, view);
    }
    out.push_str("</tbody><tfoot><tr><th>total</th>");
    let unread: usize = page
        .documents
        .iter()
        .map(|d| {
            d.marks
                .values()
                .filter(|m| m.shade == Shade::NotChecked)
                .count()
        })
        .sum();
    let cells = [
        ("claims", summary.claims),
        (
            "unexpected_discrepancy",
            summary
                .discrepancy
                .saturating_sub(summary.expected_discrepancy),
        ),
        ("stale_expectation", summary.stale_expectation),
        ("error", summary.error),
        ("expected_discrepancy", summary.expected_discrepancy),
        ("approximate", summary.approximate),
        ("within_rounding", summary.within_rounding),
        ("exact", summary.exact),
        ("not_checked", unread),
        (
            "malformed_figures",
            summary.malformed_figures + summary.expected_malformed_figures,
        ),
    ];
    for (key, count) in cells {
        let _ = write!(out, "<td data-k=\"{key}\">{count}</td>");
    }
    out.push_str("</tr></tfoot></table></section>\n");
}

fn write_summary_row(out: &mut String, page: &Page, view: &DocumentView) {
    let claims: Vec<Shade> = page
        .claims
        .iter()
        .filter(|c| c.document == Some(view.number))
        .map(|c| c.shade)
        .collect();
    let _ = write!(
        out,
        "<tr><th><a href=\"#d{}\">{}</a></th><td>{}</td>",
        view.number,
        escape(&view.document.source.display_path),
        claims.len()
    );
    for shade in Shade::ALL {
        let count = if shade == Shade::NotChecked {
            view.marks
                .values()
                .filter(|m| m.shade == Shade::NotChecked)
                .count()
        } else {
            claims.iter().filter(|s| **s == shade).count()
        };
        let _ = write!(out, "<td>{count}</td>");
    }
    let _ = writeln!(out, "<td>{}</td></tr>", view.malformed.len());
}

fn write_document_section(out: &mut String, view: &DocumentView) {
    let _ = write!(
        out,
        "<section class=\"document\" id=\"d{}\"><h2>{}</h2>",
        view.number,
        escape(&view.document.source.display_path)
    );
    text::write_document(out, view);
    out.push_str("</section>\n");
}

fn write_panel(out: &mut String) {
    out.push_str(
        "<aside id=\"panel\" aria-live=\"polite\" aria-label=\"Claims of the selected figure\">\
         <button id=\"panel-close\" type=\"button\" aria-label=\"Close\">×</button>\
         <div id=\"panel-body\"><p class=\"hint\">Select a marked figure in a document, or a finding, to see the claims that read it: the working, each input and where it was read, the verdict and its likely cause.</p></div></aside>\n",
    );
}

#[cfg(test)]
mod tests;
