//! Stage 6: the command line. `args` is what the user typed (clap);
//! `run` turns it into an audit and an exit status.

mod args;
pub mod config;
pub mod review;

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::Parser;

pub use args::{
    AccessArgs, Args, CheckArgs, ColorChoice, Command, CoverageArgs, CoverageFormat, ExplainArgs,
    FindingsArgs, FmtArgs, Format, InitArgs, ReviewArgs, ScanArgs, SuggestArgs,
};

use std::sync::Arc;

use rayon::prelude::*;

use crate::access::{Access, DEFAULT_MAX_FILE_BYTES};
use crate::document::{Document, DocumentCache};
use crate::eval::evaluate;
use crate::pack::load_pack_with;
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
    let settings = match Settings::read(&args.access) {
        Ok(settings) => settings,
        Err(status) => return status,
    };
    match args.command {
        Command::Check(check) => run_check(&check, &settings),
        Command::Coverage(coverage) => run_coverage(&coverage, &settings),
        Command::Findings(findings) => run_findings(&findings, &settings),
        Command::Scan(scan) => run_scan(&scan, &settings),
        Command::Explain(explain) => run_explain(&explain, &settings),
        Command::Review(review) => run_review(&review, &settings),
        Command::Suggest(suggest) => run_suggest(&suggest, &settings),
        Command::Init(init) => run_init(&init, &settings),
        Command::Fmt(fmt) => run_fmt(&fmt, &settings),
    }
}

/// What every command needs before it reads a pack: what it may read, and
/// the project's `vd-audit.yaml`.
#[derive(Clone, Debug)]
pub struct Settings {
    pub access: Access,
    pub file_config: Option<config::Config>,
}

impl Settings {
    /// The settings of a run in the working directory; a problem with
    /// `vd-audit.yaml` is printed, and the exit status returned.
    fn read(args: &AccessArgs) -> Result<Settings, i32> {
        let max_file_bytes = args.max_file_size.unwrap_or(DEFAULT_MAX_FILE_BYTES);
        let mut access =
            Access::from_working_dir(Path::new("."), args.allow_outside_root, max_file_bytes)
                .map_err(|e| {
                    eprintln!("error: cannot find the working directory: {e}");
                    2
                })?;
        let file_config = config::read(&access.root).map_err(|problem| {
            let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stderr().is_terminal();
            eprint!("{}", config::render(&problem, color));
            2
        })?;
        if file_config.as_ref().is_some_and(|c| c.allow_outside_root) {
            access.allow_outside_root = true;
        }
        Ok(Settings {
            access,
            file_config,
        })
    }

    /// The settings of a run in `dir` with no flags: what library users
    /// (tests, benchmarks) get.
    pub fn defaults_in(dir: &Path) -> std::io::Result<Settings> {
        Ok(Settings {
            access: Access::from_working_dir(dir, false, DEFAULT_MAX_FILE_BYTES)?,
            file_config: None,
        })
    }
}

/// Audits the packs at `paths` for a command that needs every pack to load:
/// a pack in error is reported as `check` reports it, and the exit status
/// is 2.
fn audit_for_report(paths: &[PathBuf], settings: &Settings) -> Result<Vec<PackAudit>, i32> {
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

/// `vd-audit review`: the expected discrepancies to pin. Packs with errors
/// are reported as `check` reports them, and the exit status is 2.
pub fn run_review(args: &ReviewArgs, settings: &Settings) -> i32 {
    match audit_for_report(&args.paths, settings) {
        Ok(audits) => review::run(&audits, review::mode(args.accept)),
        Err(status) => status,
    }
}

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

/// `vd-audit scan`: what vd-audit reads in a document. A pack that cannot
/// be loaded is reported and left out: the scan is how its author finds
/// out what to write.
pub fn run_scan(args: &ScanArgs, settings: &Settings) -> i32 {
    // The document is named by the user, not a pack: only the size limit applies.
    let source = match settings.access.read(&args.document) {
        Ok(source) => source,
        Err(e) => {
            eprintln!("error: cannot read `{}`: {e}", args.document.display());
            return 2;
        }
    };
    let document = crate::document::Document::new(source);
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
    let scan = crate::scan::scan(&document, packs, &read_by);
    let output = match args.format {
        CoverageFormat::Human => crate::scan::human(&scan),
        CoverageFormat::Json => serde_json::to_string_pretty(&scan).unwrap_or_default() + "\n",
    };
    let _ = std::io::stdout().write_all(output.as_bytes());
    0
}

/// `vd-audit suggest`: the suggested pack of each document, on standard
/// output.
pub fn run_suggest(args: &SuggestArgs, settings: &Settings) -> i32 {
    let mut out = String::new();
    for path in &args.documents {
        let Some(document) = read_document(path, settings) else {
            return 2;
        };
        if !out.is_empty() {
            out.push('\n');
        }
        let named = crate::suggest::path_from(&args.pack_dir, path);
        out.push_str(&crate::suggest::suggested_pack(&document, &named));
    }
    let _ = std::io::stdout().write_all(out.as_bytes());
    0
}

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

/// `vd-audit init`: writes the suggested pack to `rules/<stem>.vd`,
/// refusing to overwrite, and says what to do next.
pub fn run_init(args: &InitArgs, settings: &Settings) -> i32 {
    let Some(document) = read_document(&args.document, settings) else {
        return 2;
    };
    let stem = args
        .document
        .file_stem()
        .map_or_else(|| "paper".into(), |s| s.to_string_lossy().into_owned());
    let pack_path = args.pack_dir.join(format!("{stem}.vd"));
    let named = crate::suggest::path_from(&args.pack_dir, &args.document);
    let suggestions = crate::suggest::suggest(&document);
    let text = crate::suggest::render::pack(&named, &suggestions);
    let written = std::fs::create_dir_all(&args.pack_dir).and_then(|()| {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&pack_path)
            .and_then(|mut file| file.write_all(text.as_bytes()))
    });
    if let Err(e) = written {
        let why = if e.kind() == std::io::ErrorKind::AlreadyExists {
            "it already exists, and init never overwrites a pack; move it away or edit it"
                .to_string()
        } else {
            e.to_string()
        };
        eprintln!("error: cannot write `{}`: {why}", pack_path.display());
        return 2;
    }
    let rules = suggestions.rules();
    let tables = &suggestions.tables;
    let with_rules = tables
        .iter()
        .filter(|t| !t.relationships.is_empty())
        .count();
    let _ = writeln!(
        std::io::stdout(),
        "Wrote {} with {rules} suggested rule(s) over {with_rules} of the paper's {} table(s) of figures.\n\n\
         Next:\n  \
         1. Read each rule against the paper; delete any that is a coincidence.\n  \
         2. vd-audit check {}    (a rule broken in one row is a likely slip)\n  \
         3. vd-audit scan {}    (every figure, for claims about the prose)\n  \
         4. vd-audit coverage {}    (the figures no claim reads yet)",
        pack_path.display(),
        tables.len(),
        pack_path.display(),
        args.document.display(),
        pack_path.display(),
    );
    0
}

/// A document the user named on the command line (only the size limit
/// applies), or `None` after saying why it cannot be read.
fn read_document(path: &Path, settings: &Settings) -> Option<crate::document::Document> {
    match settings.access.read(path) {
        Ok(source) => Some(crate::document::Document::new(source)),
        Err(e) => {
            eprintln!("error: cannot read `{}`: {e}", path.display());
            None
        }
    }
}

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

/// `vd-audit check`: audits the packs and prints the report.
pub fn run_check(args: &CheckArgs, settings: &Settings) -> i32 {
    let strictness = config::strictness(&args.deny, args.strict, settings.file_config.as_ref());
    if args.auto && args.paths.is_empty() {
        eprintln!("error: check --auto needs the documents to audit, e.g. `vd-audit check --auto documents/paper.txt`");
        return 2;
    }
    let packs = if args.auto {
        // Say so now, rather than as a pack that cannot be read.
        for document in &args.paths {
            if let Err(e) = std::fs::metadata(document) {
                eprintln!("error: cannot read document `{}`: {e}", document.display());
                return 2;
            }
        }
        args.paths.clone()
    } else {
        match find_packs(&args.paths, &settings.access) {
            Ok(packs) => packs,
            Err(message) => {
                eprintln!("error: {message}");
                return 2;
            }
        }
    };
    let overrides: BTreeMap<String, PathBuf> = args.documents.iter().cloned().collect();
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Box::new(std::io::BufWriter::new(file)),
            Err(e) => {
                eprintln!(
                    "error: cannot write the report to `{}`: {e}",
                    path.display()
                );
                return 2;
            }
        },
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let audit = Audit {
        auto: args.auto,
        packs: &packs,
        overrides: &overrides,
        access: &settings.access,
        strictness,
    };
    let written = match args.format {
        Format::Human => audit.report(report::HumanReport::new(style(args), strictness), &mut out),
        Format::Json => audit.report(report::json::JsonReport::new(strictness), &mut out),
        Format::Sarif => audit.report(report::sarif::SarifReport::new(strictness), &mut out),
        Format::Junit => audit.report(report::junit::JunitReport::new(strictness), &mut out),
        Format::Github => audit.report(report::github::GithubReport::new(strictness), &mut out),
        Format::Html => audit.html(&mut out),
    };
    let written = match written {
        Ok(written) => written,
        Err(UnusedOverride(name)) => {
            eprintln!(
                "error: --document {name}=…: no pack audited here declares a document named `{name}`"
            );
            return 2;
        }
    };
    // A closed pipe (`| head`) is no error worth reporting; a file that
    // cannot be written is.
    if let (Some(path), Some(e)) = (&args.output, &written.failure) {
        eprintln!(
            "error: cannot write the report to `{}`: {e}",
            path.display()
        );
        return 2;
    }
    let status = written.totals.exit_code_with(strictness);
    if status == 2 && args.format != Format::Human {
        // The report is for a machine or a browser; a CI log shows
        // standard error.
        if let Some(line) = report::error_line(&written.errors) {
            eprintln!("{line}");
        }
    }
    status
}

/// What `check` audits, and how strictly.
struct Audit<'a> {
    /// `packs` are documents, audited with the rules suggest finds.
    auto: bool,
    packs: &'a [PathBuf],
    overrides: &'a BTreeMap<String, PathBuf>,
    access: &'a Access,
    strictness: report::Strictness,
}

/// A report written: the totals, why the run is in error (a line per
/// error, for standard error), and a failure to write, if any.
struct Written {
    totals: Summary,
    errors: Vec<String>,
    failure: Option<std::io::Error>,
}

/// `--document NAME=…` names a document no audited pack declares.
struct UnusedOverride(String);

impl Audit<'_> {
    /// Audits the packs and writes the report with `writer`, a pack at a
    /// time as each is audited, so that memory holds a window of packs
    /// however many there are. With `--document` overrides, every pack is
    /// audited before anything is written: an override no pack uses is an
    /// error, and then there is no report.
    fn report(
        &self,
        writer: impl report::ReportWriter,
        out: &mut dyn Write,
    ) -> Result<Written, UnusedOverride> {
        let mut errors = Vec::new();
        if self.overrides.is_empty() && !self.auto {
            let mut stream = ReportStream::begin(writer, out);
            audit_packs_in_order(self.packs, self.overrides, self.access, |audit| {
                errors.extend(report::pack_errors(&audit, self.strictness));
                stream.pack(&audit);
            });
            let (totals, failure) = stream.finish();
            return Ok(Written {
                totals,
                errors,
                failure,
            });
        }
        let audits = self.all()?;
        let mut stream = ReportStream::begin(writer, out);
        for audit in &audits {
            errors.extend(report::pack_errors(audit, self.strictness));
            stream.pack(audit);
        }
        let (totals, failure) = stream.finish();
        Ok(Written {
            totals,
            errors,
            failure,
        })
    }

    /// The HTML report: one page of every document, so every pack is
    /// audited before it is written.
    fn html(&self, out: &mut dyn Write) -> Result<Written, UnusedOverride> {
        let audits = self.all()?;
        let page = report::html::html(&audits, self.strictness);
        let failure = out
            .write_all(page.as_bytes())
            .and_then(|()| out.flush())
            .err();
        Ok(Written {
            totals: Summary::of(&audits),
            errors: audits
                .iter()
                .flat_map(|a| report::pack_errors(a, self.strictness))
                .collect(),
            failure,
        })
    }

    /// Every pack audited, or the first override no pack uses.
    fn all(&self) -> Result<Vec<PackAudit>, UnusedOverride> {
        if self.auto {
            return Ok(self
                .packs
                .iter()
                .map(|document| crate::suggest::audit(document, self.access))
                .collect());
        }
        let audits = audit_packs(self.packs, self.overrides, self.access);
        let unused = self.overrides.keys().find(|name| {
            !audits
                .iter()
                .any(|a| matches!(a, PackAudit::Audited(p) if p.pack.documents.contains_key(*name)))
        });
        match unused {
            Some(name) => Err(UnusedOverride(name.clone())),
            None => Ok(audits),
        }
    }
}

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

fn style(args: &CheckArgs) -> Style {
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
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
///
/// A file named on the command line is the user's choice. One found by
/// walking a directory came with the directory, perhaps from a pull request,
/// so it must resolve inside that directory or the project root: a symlink
/// `rules/x.vd` to a file elsewhere is refused, not read.
pub fn find_packs(paths: &[PathBuf], access: &Access) -> Result<Vec<PathBuf>, String> {
    let default = [PathBuf::from("rules")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut packs = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut walk = PackWalk {
                top: path.canonicalize().map_err(|e| cannot_list(path, &e))?,
                access,
                visited: Vec::new(),
                packs: &mut packs,
            };
            walk.collect(path)?;
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

fn cannot_list(dir: &Path, error: &std::io::Error) -> String {
    format!("cannot list `{}`: {error}", dir.display())
}

/// A walk of a directory named on the command line, collecting `.vd` files.
struct PackWalk<'a> {
    /// The directory named, canonical.
    top: PathBuf,
    access: &'a Access,
    /// Directories already walked, canonical: a symlink loop is walked once.
    visited: Vec<PathBuf>,
    packs: &'a mut Vec<PathBuf>,
}

impl PackWalk<'_> {
    fn collect(&mut self, dir: &Path) -> Result<(), String> {
        let canonical = dir.canonicalize().map_err(|e| cannot_list(dir, &e))?;
        if self.visited.contains(&canonical) {
            return Ok(());
        }
        self.visited.push(canonical);
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .and_then(|entries| entries.map(|e| e.map(|e| e.path())).collect())
            .map_err(|e| cannot_list(dir, &e))?;
        entries.sort();
        for entry in entries {
            let is_pack = entry.extension().is_some_and(|e| e == "vd");
            if !entry.is_dir() && !is_pack {
                continue;
            }
            let resolved = entry.canonicalize().map_err(|e| cannot_list(&entry, &e))?;
            if !resolved.starts_with(&self.top)
                && !resolved.starts_with(&self.access.root)
                && !self.access.allow_outside_root
            {
                return Err(format!(
                    "refused to read `{}`: it resolves to `{}`, outside `{}` and the project root `{}`",
                    entry.display(),
                    resolved.display(),
                    self.top.display(),
                    self.access.root.display()
                ));
            }
            if resolved.is_dir() {
                self.collect(&entry)?;
            } else if resolved.is_file() {
                self.packs.push(entry);
            } else {
                return Err(format!(
                    "refused to read `{}`: it is not a regular file",
                    entry.display()
                ));
            }
        }
        Ok(())
    }
}
