//! Stage 6: the command line. `args` is what the user typed (clap);
//! `run` turns it into an audit and an exit status.

mod args;
pub mod config;

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::Parser;

pub use args::{
    Args, CheckArgs, ColorChoice, Command, CoverageArgs, CoverageFormat, FindingsArgs, Format,
};

use std::sync::Arc;

use rayon::prelude::*;

use crate::eval::evaluate;
use crate::load::{load_pack_with, Document, DocumentCache};
use crate::report::{self, AuditedPack, PackAudit, ReportStream, Style, Summary};

/// Runs vd-audit with the process's arguments and returns the exit status.
pub fn main() -> i32 {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() { 2 } else { 0 };
        }
    };
    match args.command {
        Command::Check(check) => run_check(&check),
        Command::Coverage(coverage) => run_coverage(&coverage),
        Command::Findings(findings) => run_findings(&findings),
    }
}

/// Audits the packs at `paths` for a command that needs every pack to load:
/// a pack in error is reported as `check` reports it, and the exit status
/// is 2.
fn audit_for_report(paths: &[PathBuf]) -> Result<Vec<PackAudit>, i32> {
    let packs = find_packs(paths).map_err(|message| {
        eprintln!("error: {message}");
        2
    })?;
    let audits = audit_packs(&packs, &BTreeMap::new());
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

/// `vd-audit coverage`: which figures the packs read.
pub fn run_coverage(args: &CoverageArgs) -> i32 {
    let audits = match audit_for_report(&args.paths) {
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

/// `vd-audit findings`: FINDINGS.md on standard output.
pub fn run_findings(args: &FindingsArgs) -> i32 {
    match audit_for_report(&args.paths) {
        Ok(audits) => {
            let _ = std::io::stdout().write_all(report::markdown::findings(&audits).as_bytes());
            0
        }
        Err(status) => status,
    }
}

/// `vd-audit check`: audits the packs and prints the report.
pub fn run_check(args: &CheckArgs) -> i32 {
    let file_config = match config::read(Path::new(".")) {
        Ok(file_config) => file_config,
        Err(problem) => {
            let color = args.color == ColorChoice::Always
                || (args.color == ColorChoice::Auto
                    && std::env::var_os("NO_COLOR").map_or(true, |v| v.is_empty())
                    && std::io::stderr().is_terminal());
            eprint!("{}", config::render(&problem, color));
            return 2;
        }
    };
    let strictness = config::strictness(&args.deny, args.strict, file_config.as_ref());
    let packs = match find_packs(&args.paths) {
        Ok(packs) => packs,
        Err(message) => {
            eprintln!("error: {message}");
            return 2;
        }
    };
    let overrides: BTreeMap<String, PathBuf> = args.documents.iter().cloned().collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match args.format {
        Format::Human => check_report(
            report::HumanReport::new(style(args), strictness),
            &packs,
            &overrides,
            &mut out,
        ),
        Format::Json => check_report(
            report::json::JsonReport::new(strictness),
            &packs,
            &overrides,
            &mut out,
        ),
        Format::Sarif => check_report(
            report::sarif::SarifReport::new(strictness),
            &packs,
            &overrides,
            &mut out,
        ),
        Format::Junit => check_report(
            report::junit::JunitReport::new(strictness),
            &packs,
            &overrides,
            &mut out,
        ),
        Format::Github => check_report(
            report::github::GithubReport::new(strictness),
            &packs,
            &overrides,
            &mut out,
        ),
    };
    match written {
        Ok(totals) => totals.exit_code_with(strictness),
        Err(UnusedOverride(name)) => {
            eprintln!(
                "error: --document {name}=…: no pack audited here declares a document named `{name}`"
            );
            2
        }
    }
}

/// `--document NAME=…` names a document no audited pack declares.
struct UnusedOverride(String);

/// Audits the packs and writes the report with `writer`, a pack at a time
/// as each is audited, so that memory holds a window of packs however
/// many there are. With `--document` overrides, every pack is audited
/// before anything is written: an override no pack uses is an error, and
/// then there is no report. A failure to write the report is ignored, as
/// `check` always has: the exit status still says what the audit found.
fn check_report(
    writer: impl report::ReportWriter,
    packs: &[PathBuf],
    overrides: &BTreeMap<String, PathBuf>,
    out: &mut dyn Write,
) -> Result<Summary, UnusedOverride> {
    if overrides.is_empty() {
        let mut stream = ReportStream::begin(writer, out);
        audit_packs_in_order(packs, overrides, |audit| stream.pack(&audit));
        return Ok(stream.finish().0);
    }
    let audits = audit_packs(packs, overrides);
    let unused = overrides.keys().find(|name| {
        !audits
            .iter()
            .any(|a| matches!(a, PackAudit::Audited(p) if p.pack.documents.contains_key(*name)))
    });
    if let Some(name) = unused {
        return Err(UnusedOverride(name.clone()));
    }
    let mut stream = ReportStream::begin(writer, out);
    for audit in &audits {
        stream.pack(audit);
    }
    Ok(stream.finish().0)
}

/// Loads and evaluates every pack, in parallel; the audits are in the
/// order of `packs`.
pub fn audit_packs(packs: &[PathBuf], overrides: &BTreeMap<String, PathBuf>) -> Vec<PackAudit> {
    let mut audits = Vec::with_capacity(packs.len());
    audit_packs_in_order(packs, overrides, |audit| audits.push(audit));
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
            .map(|path| audit_pack(path, overrides, &cache))
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
    cache: &DocumentCache,
) -> PackAudit {
    match load_pack_with(path, overrides, cache) {
        Ok(pack) => {
            let outcome = evaluate(&pack);
            PackAudit::Audited(AuditedPack { pack, outcome })
        }
        Err(error) => PackAudit::NotLoaded(error),
    }
}

fn style(args: &CheckArgs) -> Style {
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").map_or(true, |v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    Style {
        color,
        width: args.width,
    }
}

/// The pack files named on the command line; a directory stands for every
/// `.vd` file beneath it, in name order; no path at all for `rules/`.
pub fn find_packs(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let default = [PathBuf::from("rules")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut packs = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect_packs(path, &mut packs)
                .map_err(|e| format!("cannot list `{}`: {e}", path.display()))?;
        } else if path.is_file() {
            packs.push(path.clone());
        } else if paths == default {
            return Err("there is no rules/ directory here: run vd-audit from the repository root, or name the packs to check".into());
        } else {
            return Err(format!("`{}` does not exist", path.display()));
        }
    }
    if packs.is_empty() {
        return Err(format!(
            "no rule packs (.vd files) found in {}",
            paths
                .iter()
                .map(|p| format!("`{}`", p.display()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(packs)
}

fn collect_packs(dir: &Path, packs: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            collect_packs(&entry, packs)?;
        } else if entry.extension().is_some_and(|e| e == "vd") {
            packs.push(entry);
        }
    }
    Ok(())
}
