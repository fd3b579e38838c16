//! `vd-audit coverage`: which figures of each document the packs read, as
//! text or JSON, optionally with mutation testing, and a failing status
//! when a document is covered less than `--min` percent.

use std::io::Write;

use super::args::{CoverageArgs, CoverageFormat};
use super::audit::audit_for_report;
use super::settings::Settings;

/// `vd-audit coverage`: which figures the packs read.
pub fn run_coverage(args: &CoverageArgs, settings: &Settings) -> i32 {
    let audits = match audit_for_report(&args.paths, settings) {
        Ok(audits) => audits,
        Err(status) => return status,
    };
    let mut coverage = crate::coverage::coverage(&audits);
    if args.mutations {
        crate::coverage::measure_mutations(&audits, &mut coverage);
    }
    let output = match args.format {
        CoverageFormat::Human => crate::coverage::human(&coverage),
        CoverageFormat::Json => {
            let report = serde_json::json!({ "format_version": 1, "documents": coverage });
            serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
        }
    };
    let _ = std::io::stdout().write_all(output.as_bytes());
    let below = |percent: &str| {
        let min = args.min.unwrap_or(0);
        percent
            .split('.')
            .next()
            .and_then(|p| p.parse::<u32>().ok())
            .is_some_and(|p| p < min)
    };
    let short = coverage
        .iter()
        .any(|c| below(&c.percent) || c.mutations.as_ref().is_some_and(|m| below(&m.percent)));
    i32::from(short)
}
