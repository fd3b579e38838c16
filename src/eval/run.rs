//! Evaluating a pack: every statement in order, each claim with an id
//! that stays the same from run to run.

use std::collections::HashMap;

use crate::lang::ast::Statement;
use crate::pack::LoadedPack;
use crate::span::Span;

use super::balancing::recognise_balancing_figures;
use super::evaluator::{AnchorCache, Evaluator};
use super::outcome::{ClaimOutcome, MalformedOutcome, PackOutcome};

/// Evaluates every statement of the pack in order.
pub fn evaluate(pack: &LoadedPack) -> PackOutcome {
    evaluate_with(pack, &AnchorCache::default())
}

/// As [`evaluate`], resolving anchors through `anchors`: those already in it
/// are not searched again.
pub fn evaluate_with(pack: &LoadedPack, anchors: &AnchorCache) -> PackOutcome {
    evaluate_claims(pack, anchors, &claim_ids(pack), |_| true)
}

/// The id of each claim of the pack, in order: stable across runs and
/// unaffected by other claims, the pack's file stem and a slug of the
/// title, numbered from the second claim with the same slug on.
pub fn claim_ids(pack: &LoadedPack) -> Vec<String> {
    let stem = pack
        .rule_file
        .path
        .file_stem()
        .map_or_else(|| "pack".to_string(), |s| s.to_string_lossy().into_owned());
    let mut counts = HashMap::new();
    let mut ids = Vec::new();
    for statement in &pack.ast.statements {
        if let Statement::Claim(claim) = statement {
            let slug = slug(&claim.title.value);
            let count = counts.entry(slug.clone()).or_insert(0);
            *count += 1;
            ids.push(if *count == 1 {
                format!("{stem}/{slug}")
            } else {
                format!("{stem}/{slug}-{count}")
            });
        }
    }
    ids
}

/// As [`evaluate_with`], judging only the claims whose position among the
/// pack's claims (0 for the first) `judged` accepts; the others are left
/// out of the outcome. Every `let` is still evaluated. Re-auditing after a
/// slip in one figure (the mutation score) needs only the claims that read
/// it.
/// `ids` are the claims' ids, from [`claim_ids`].
pub fn evaluate_claims(
    pack: &LoadedPack,
    anchors: &AnchorCache,
    ids: &[String],
    judged: impl Fn(usize) -> bool,
) -> PackOutcome {
    let mut evaluator = Evaluator::new(pack, anchors);
    let mut outcome = PackOutcome::default();
    let mut claim_count = 0;
    for statement in &pack.ast.statements {
        match statement {
            Statement::Claim(claim) => {
                let position = claim_count;
                claim_count += 1;
                if !judged(position) {
                    continue;
                }
                let id = ids.get(position).cloned().unwrap_or_default();
                outcome.claims.push(ClaimOutcome {
                    id,
                    claim: claim.clone(),
                    result: evaluator.claim(claim),
                });
            }
            declaration => outcome
                .binding_errors
                .extend(evaluator.declare(declaration)),
        }
    }
    recognise_balancing_figures(pack, &mut outcome.claims);
    expected_malformed(pack, &mut outcome);
    outcome
}

/// Pairs the documents' malformed figures with the pack's `expect malformed`
/// lines.
fn expected_malformed(pack: &LoadedPack, outcome: &mut PackOutcome) {
    let expectations: Vec<(&str, &str, &str, Span)> = pack
        .ast
        .statements
        .iter()
        .filter_map(|s| match s {
            Statement::ExpectMalformed {
                document,
                printed,
                reason,
                span,
            } => Some((
                document.name.as_str(),
                printed.value.as_str(),
                reason.value.as_str(),
                *span,
            )),
            _ => None,
        })
        .collect();
    let mut used = vec![false; expectations.len()];
    for (name, document) in &pack.documents {
        for (index, malformed) in document.figures.malformed.iter().enumerate() {
            let found = expectations
                .iter()
                .position(|(d, p, _, _)| d == name && *p == malformed.printed);
            if let Some(used) = found.and_then(|i| used.get_mut(i)) {
                *used = true;
            }
            outcome.malformed.push(MalformedOutcome {
                document: name.clone(),
                index,
                expected: found
                    .and_then(|i| expectations.get(i))
                    .map(|(_, _, reason, _)| reason.to_string()),
            });
        }
    }
    outcome.stale_malformed = expectations
        .iter()
        .zip(used)
        .filter(|(_, used)| !used)
        .map(|(e, _)| e.3)
        .collect();
}

/// `Six councils share the district 60% equally` → `six-councils-share-the-district-60-equally`
fn slug(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            slug.extend(c.to_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}
