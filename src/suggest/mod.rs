//! Suggesting rules: the arithmetic a paper's tables give away, found
//! without a pack (`vd-audit suggest`, `init` and `check --auto`).
//!
//! Each table the table reader knows becomes a [`grid::Grid`] of figures
//! (`grid`); [`detect`] finds the relationships the grid keeps in all but at
//! most one place in five (totals, sub-totals, differences, weekly and
//! per-head columns, shares of a total, rows in fixed ratios); [`render`]
//! writes them as whole-table rules, so that `check` judges them as it
//! judges any pack.

pub mod detect;
pub mod grid;
pub mod render;
pub mod restate;
mod sides;
mod suggestions;
pub mod unread;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::access::Access;
use crate::document::{read_document, Document};
use crate::pack::{pack_from_text, LoadError};
use crate::report::{AuditedPack, PackAudit};
use crate::source::SourceFile;

pub use detect::{Relationship, Shape};
pub use grid::Grid;
pub use suggestions::{Suggestions, TableSuggestion};
pub use unread::Unread;

/// The relationships of every table of the document, in document order,
/// and the text's restatements of their figures.
pub fn suggest(document: &Document) -> Suggestions {
    let grids = Grid::of_document(document);
    let restatements = restate::restatements(document, &grids);
    let across = restate::across_tables(&grids);
    let tables: Vec<TableSuggestion> = grids
        .into_iter()
        .map(|grid| TableSuggestion {
            relationships: detect::relationships(&grid),
            grid,
        })
        .collect();
    let read: Vec<(&Grid, bool)> = tables
        .iter()
        .map(|t| (&t.grid, !t.relationships.is_empty()))
        .collect();
    let unread = unread::unread(document, &read);
    Suggestions {
        tables,
        restatements,
        across,
        unread,
    }
}

/// The suggested pack for `document`, naming it by `path` (as the pack's
/// `document` line is to read it).
pub fn suggested_pack(document: &Document, path: &str) -> String {
    render::pack(path, &suggest(document))
}

/// `check --auto`: audits the document at `path` with the pack `suggest`
/// would write for it, less the text's restatements of table figures. The pack is shown as `auto/<file stem>.vd`, so that
/// its claims have ids and places like any pack's. The document is the
/// user's own choice: only the size limit applies.
pub fn audit(path: &Path, access: &Access) -> PackAudit {
    audit_noting_unread(path, access).audit
}

/// `check --auto` on one document, with what it did not read.
#[derive(Debug)]
pub struct AutoAudit {
    pub audit: PackAudit,
    /// The blocks of figures no rule reads and the rules left out, a line
    /// each (`lines 12–27: 9 rows of figures in 2 column(s), no arithmetic
    /// found`), for a note after the report.
    pub unread: Vec<String>,
}

/// As [`audit`], saying also which blocks of figures no rule reads.
pub fn audit_noting_unread(path: &Path, access: &Access) -> AutoAudit {
    let document = match read_document(path, access) {
        Ok(document) => Arc::new(document),
        Err(e) => {
            return AutoAudit {
                audit: PackAudit::NotLoaded(LoadError::Unreadable {
                    path: path.to_path_buf(),
                    reason: e.to_string(),
                }),
                unread: Vec::new(),
            }
        }
    };
    let stem = path
        .file_stem()
        .map_or_else(|| "document".into(), |s| s.to_string_lossy().into_owned());
    // The text's restatements are left out: they are found by their value,
    // so in the draft they are found in they always agree, and a slip in
    // one is never found. They are for a pack that is kept (`suggest`,
    // `init`), whose words then find them in the next draft.
    let mut suggestions = suggest(&document);
    suggestions.restatements.clear();
    let written = render::written(&document.source.display_path, &suggestions);
    let mut unread: Vec<String> = suggestions.unread.iter().map(ToString::to_string).collect();
    unread.extend(written.left_out.iter().map(|r| format!("left out, {r}")));
    let rule_file = SourceFile::new(Path::new("auto").join(format!("{stem}.vd")), written.text);
    let documents = BTreeMap::from([(render::DOCUMENT.to_string(), document)]);
    let pack = pack_from_text(rule_file, documents);
    let mut outcome = crate::eval::evaluate(&pack);
    unread.extend(leave_out_failed_rules(&pack, &mut outcome));
    name_shared_slips(&pack, &mut outcome);
    AutoAudit {
        audit: PackAudit::Audited(AuditedPack { pack, outcome }),
        unread,
    }
}

/// The claims of the suggested pack that could not be judged, taken out of
/// the audit and named: a rule `suggest` wrote for itself that the
/// evaluator cannot judge (units its grid read alike that the document's
/// cells give otherwise) is its own mistake, not the paper's, so it is said
/// in the note on what was not read rather than failing the run.
fn leave_out_failed_rules(
    pack: &crate::pack::LoadedPack,
    outcome: &mut crate::eval::PackOutcome,
) -> Vec<String> {
    let mut left_out = Vec::new();
    outcome.claims.retain(|claim| match &claim.result {
        Ok(_) => true,
        Err(error) => {
            let line = pack.rule_file.line_col(claim.claim.span.start).line;
            left_out.push(format!(
                "left out, the rule at line {line} of the suggested pack (“{}”): it cannot be judged: {error}",
                claim.claim.title.value
            ));
            false
        }
    });
    left_out
}

/// One mistyped cell breaks every rule that reads it (its row's change and
/// its column's total): a figure read by two or more of the discrepancies
/// is named as their likely cause, which no one rule can see alone.
fn name_shared_slips(pack: &crate::pack::LoadedPack, outcome: &mut crate::eval::PackOutcome) {
    use crate::eval::{FigureRef, Verdict};
    let read_by_broken = |figure: &FigureRef| {
        outcome
            .claims
            .iter()
            .filter_map(|c| c.result.as_ref().ok())
            .filter(|j| j.verdict == Verdict::Discrepancy)
            .filter(|j| &j.stated == figure || j.inputs.contains(figure))
            .count()
    };
    let mut causes = Vec::new();
    for claim in &outcome.claims {
        let Ok(judgement) = &claim.result else {
            causes.push(None);
            continue;
        };
        let shared = (judgement.verdict == Verdict::Discrepancy)
            .then(|| {
                std::iter::once(&judgement.stated)
                    .chain(&judgement.inputs)
                    .map(|f| (f, read_by_broken(f)))
                    .filter(|(_, count)| *count >= 2)
                    .max_by_key(|(_, count)| *count)
            })
            .flatten();
        causes.push(shared.and_then(|(figure, count)| {
            let (document, read) = pack.figure(figure)?;
            let line = document.source.line_name(document.source.line_col(read.span.start).line);
            Some(format!(
                "“{}” (line {line}) is read by {count} of the rules this paper breaks: a slip there would break them all, so it is the likely slip",
                read.printed
            ))
        }));
    }
    for (claim, cause) in outcome.claims.iter_mut().zip(causes) {
        if let (Ok(judgement), Some(cause)) = (&mut claim.result, cause) {
            judgement.cause = Some(cause);
        }
    }
}

/// `path` as a pack in `pack_dir` names it: relative to the pack's
/// directory when both are under the working directory (`../documents/x.txt`
/// from `rules/`), else absolute.
pub fn path_from(pack_dir: &Path, path: &Path) -> String {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (from, to) = (absolute(pack_dir), absolute(path));
    let common = from
        .components()
        .zip(to.components())
        .take_while(|(a, b)| a == b)
        .count();
    if common == 0 {
        return to.to_string_lossy().replace('\\', "/");
    }
    let ups = from.components().count() - common;
    let mut relative: Vec<String> = vec!["..".to_string(); ups];
    relative.extend(
        to.components()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    relative.join("/")
}

#[cfg(test)]
mod judged_tests;
#[cfg(test)]
mod plan_tests;
#[cfg(test)]
mod tests;
