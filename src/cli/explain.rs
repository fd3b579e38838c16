//! `vd-audit explain`: one claim's derivation, found by its id or title;
//! an unknown or ambiguous claim is an error that lists the nearest ids.

use std::collections::BTreeMap;
use std::io::Write;

use super::args::{CoverageFormat, ExplainArgs};
use super::audit::audit_packs;
use super::packs::find_packs;
use super::settings::Settings;

/// `vd-audit explain`: one claim's derivation. An unknown claim is an
/// error (exit 2) that lists the nearest ids.
pub fn run_explain(args: &ExplainArgs, settings: &Settings) -> i32 {
    let packs = match find_packs(&args.packs, &settings.access) {
        Ok(packs) => packs,
        Err(message) => {
            eprintln!("error: {message}");
            return 2;
        }
    };
    let audits = audit_packs(&packs, &BTreeMap::new(), &settings.access);
    let (audited, index) = match crate::explain::find(&audits, &args.claim) {
        Ok(found) => found,
        Err(crate::explain::NotFound::Unknown { nearest }) => {
            eprintln!("error: no claim has the id or title `{}`", args.claim);
            if !nearest.is_empty() {
                eprintln!("help: the nearest claims are:\n  {}", nearest.join("\n  "));
            }
            return 2;
        }
        Err(crate::explain::NotFound::Ambiguous { ids }) => {
            eprintln!(
                "error: several claims have the title `{}`; name one by its id:\n  {}",
                args.claim,
                ids.join("\n  ")
            );
            return 2;
        }
    };
    let Some(explanation) = crate::explain::explain(audited, index) else {
        eprintln!(
            "error: the claim `{}` could not be found again in its pack",
            args.claim
        );
        return 2;
    };
    let output = match args.format {
        CoverageFormat::Human => crate::explain::human(&explanation),
        CoverageFormat::Json => {
            serde_json::to_string_pretty(&explanation).unwrap_or_default() + "\n"
        }
    };
    let _ = std::io::stdout().write_all(output.as_bytes());
    0
}
