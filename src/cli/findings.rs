//! `vd-audit findings`: FINDINGS.md, the findings of every pack written as
//! Markdown, on standard output. Every pack must load first.

use std::io::Write;

use super::args::FindingsArgs;
use super::audit::audit_for_report;
use super::settings::Settings;
use crate::report;

/// `vd-audit findings`: FINDINGS.md on standard output.
pub fn run_findings(args: &FindingsArgs, settings: &Settings) -> i32 {
    match audit_for_report(&args.paths, settings) {
        Ok(audits) => {
            let _ = std::io::stdout().write_all(report::markdown::findings(&audits).as_bytes());
            0
        }
        Err(status) => status,
    }
}
