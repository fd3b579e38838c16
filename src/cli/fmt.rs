//! `vd-audit fmt`: lays each pack out canonically, or with `--check` says
//! which are not. A pack with a syntax error is left alone (exit 2), since
//! its layout could not be trusted.

use std::io::Write;

use super::args::FmtArgs;
use super::packs::find_packs;
use super::settings::Settings;

/// `vd-audit fmt`: lays each pack out canonically. A pack with a syntax
/// error is left alone (exit 2): its layout could not be trusted.
pub fn run_fmt(args: &FmtArgs, settings: &Settings) -> i32 {
    let packs = match find_packs(&args.paths, &settings.access) {
        Ok(packs) => packs,
        Err(message) => {
            eprintln!("error: {message}");
            return 2;
        }
    };
    let mut status = 0;
    for path in &packs {
        let source = match settings.access.read(path) {
            Ok(source) => source,
            Err(e) => {
                eprintln!("error: cannot read `{}`: {e}", path.display());
                status = 2;
                continue;
            }
        };
        let errors = crate::lang::parse_pack(&source.text).errors;
        if let Some(error) = errors.first() {
            let at = source.line_col(error.span.start);
            eprintln!(
                "error: {}:{}:{}: {} (not formatted: {} syntax error(s); `vd-audit check` lists them)",
                path.display(),
                at.line,
                at.column,
                error.message,
                errors.len()
            );
            status = 2;
            continue;
        }
        let formatted = crate::lang::layout::format_rules(&source.text);
        if formatted == *source.text {
            continue;
        }
        if args.check {
            let first = source
                .text
                .lines()
                .zip(formatted.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            let _ = writeln!(
                std::io::stdout(),
                "{}:{}: not laid out as `vd-audit fmt` would\n  - {}\n  + {}",
                path.display(),
                first + 1,
                source.text.lines().nth(first).unwrap_or(""),
                formatted.lines().nth(first).unwrap_or("")
            );
            status = status.max(1);
        } else if let Err(e) = std::fs::write(path, formatted) {
            eprintln!("error: cannot write `{}`: {e}", path.display());
            status = 2;
        } else {
            let _ = writeln!(std::io::stdout(), "formatted {}", path.display());
        }
    }
    status
}
