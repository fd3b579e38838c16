//! Auditing packs: loading and evaluating each in parallel, a window at a
//! time, handing the audits on in the order of the packs so that the
//! output is the same whatever the number of threads; and, for the
//! commands that need every pack to load, reporting any that does not.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::packs::find_packs;
use super::settings::Settings;
use crate::access::Access;
use crate::document::{Document, DocumentCache};
use crate::eval::evaluate;
use crate::pack::load_pack_with;
use crate::report::{self, AuditedPack, PackAudit, Style, Summary};

/// Loads and evaluates every pack, in parallel; the audits are in the
/// order of `packs`.
pub fn audit_packs(
    packs: &[PathBuf],
    overrides: &BTreeMap<String, PathBuf>,
    access: &Access,
) -> Vec<PackAudit> {
    let mut audits = Vec::with_capacity(packs.len());
    audit_packs_in_order(packs, overrides, access, |audit| audits.push(audit));
    audits
}

/// Loads and evaluates the packs in parallel, a window of them at a time,
/// and hands each audit to `report` in the order of `packs`, so that a
/// report can be written, and the audit dropped, before later packs are
/// read: memory holds a window of packs, not all of them. The output is
/// the same whatever the number of threads.
pub fn audit_packs_in_order(
    packs: &[PathBuf],
    overrides: &BTreeMap<String, PathBuf>,
    access: &Access,
    mut report: impl FnMut(PackAudit),
) {
    let cache = DocumentCache::default();
    // Enough packs in flight to keep every thread busy while the slowest
    // of a window finishes.
    let window = 4 * rayon::current_num_threads().max(1);
    // The previous window's documents, kept so that the next window's
    // packs that read them (packs on one paper sit together) need not
    // read them again.
    let mut kept: Vec<Arc<Document>> = Vec::new();
    for chunk in packs.chunks(window) {
        let audits: Vec<PackAudit> = chunk
            .par_iter()
            .map(|path| audit_pack(path, overrides, access, &cache))
            .collect();
        let documents: Vec<Arc<Document>> = audits
            .iter()
            .filter_map(|audit| match audit {
                PackAudit::Audited(audited) => Some(audited.pack.documents.values()),
                PackAudit::NotLoaded(_) => None,
            })
            .flatten()
            .cloned()
            .collect();
        audits.into_iter().for_each(&mut report);
        kept = documents;
    }
    drop(kept);
}

/// Loads and evaluates one pack.
fn audit_pack(
    path: &Path,
    overrides: &BTreeMap<String, PathBuf>,
    access: &Access,
    cache: &DocumentCache,
) -> PackAudit {
    match load_pack_with(path, overrides, access, cache) {
        Ok(pack) => {
            let outcome = evaluate(&pack);
            PackAudit::Audited(AuditedPack { pack, outcome })
        }
        Err(error) => PackAudit::NotLoaded(error),
    }
}

/// Audits the packs at `paths` for a command that needs every pack to load:
/// a pack in error is reported as `check` reports it, and the exit status
/// is 2.
pub(super) fn audit_for_report(
    paths: &[PathBuf],
    settings: &Settings,
) -> Result<Vec<PackAudit>, i32> {
    let packs = find_packs(paths, &settings.access).map_err(|message| {
        eprintln!("error: {message}");
        2
    })?;
    let audits = audit_packs(&packs, &BTreeMap::new(), &settings.access);
    if Summary::of(&audits).error > 0 {
        let style = Style {
            color: false,
            width: 100,
        };
        eprint!("{}", report::human(&audits, style));
        eprintln!("error: fix the errors above (see `vd-audit check`) first");
        return Err(2);
    }
    Ok(audits)
}
