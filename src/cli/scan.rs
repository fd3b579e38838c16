//! `vd-audit scan`: what vd-audit reads in one document, and which claims
//! of the packs read each figure. A pack that cannot be loaded is reported
//! and left out, since the scan is how its author finds out what to write.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use super::args::{CoverageFormat, ScanArgs};
use super::audit::audit_packs;
use super::packs::find_packs;
use super::settings::Settings;
use crate::report;

/// `vd-audit scan`: what vd-audit reads in a document. A pack that cannot
/// be loaded is reported and left out: the scan is how its author finds
/// out what to write.
pub fn run_scan(args: &ScanArgs, settings: &Settings) -> i32 {
    // The document is named by the user, not a pack: only the size limit applies.
    let document = match crate::document::read_document(&args.document, &settings.access) {
        Ok(document) => document,
        Err(e) => {
            eprintln!("error: cannot read `{}`: {e}", args.document.display());
            return 2;
        }
    };
    let audits = if args.packs.is_empty() && !Path::new("rules").is_dir() {
        Vec::new()
    } else {
        match find_packs(&args.packs, &settings.access) {
            Ok(packs) => audit_packs(&packs, &BTreeMap::new(), &settings.access),
            Err(message) => {
                eprintln!("error: {message}");
                return 2;
            }
        }
    };
    for audit in &audits {
        if let report::PackAudit::NotLoaded(_) = audit {
            eprintln!("warning: {} could not be loaded (see `vd-audit check`); its claims are not counted", report::pack_name(audit));
        }
    }
    let (packs, read_by) = crate::scan::claims_reading(&audits, &args.document);
    let mut scan = crate::scan::scan(&document, packs, &read_by);
    // What `check --auto` would not read, marked here too, so that a
    // table the scan shows is not taken for one whose arithmetic is checked.
    scan.not_read = crate::suggest::suggest(&document)
        .unread
        .iter()
        .map(ToString::to_string)
        .collect();
    let output = match args.format {
        CoverageFormat::Human => crate::scan::human(&scan),
        CoverageFormat::Json => serde_json::to_string_pretty(&scan).unwrap_or_default() + "\n",
    };
    let _ = std::io::stdout().write_all(output.as_bytes());
    0
}
