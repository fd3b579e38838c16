//! The command line as the user typed it.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use super::config::DeniedVerdict;

/// Executable arithmetic claims for public documents: recompute every
/// figure a rule pack names and report every mismatch.
#[derive(Debug, Parser)]
#[command(name = "vd-audit", version, about)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,

    #[command(flatten)]
    pub access: AccessArgs,
}

/// What a run may read; these flags go before or after the subcommand.
#[derive(Debug, clap::Args)]
pub struct AccessArgs {
    /// Let packs read documents outside the project root (the nearest
    /// directory above the working directory holding vd-audit.yaml or .git).
    /// For local use: never on packs from a pull request
    #[arg(long, global = true)]
    pub allow_outside_root: bool,

    /// Largest document or rule file read, e.g. 200MiB [default: 64MiB]
    #[arg(long, global = true, value_name = "SIZE", value_parser = crate::access::parse_size)]
    pub max_file_size: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Audit rule packs: exit 0 when every claim holds or is an expected
    /// discrepancy, 1 on findings, 2 on errors in rules, documents or usage.
    Check(CheckArgs),
    /// Per document: how many figures it has, how many carry arithmetic
    /// meaning, how many of those a claim reads, and which ones none reads.
    /// Exits 1 when a document is below --min percent.
    Coverage(CoverageArgs),
    /// Print FINDINGS.md: every discrepancy, within-rounding and approximate
    /// verdict, and malformed figure, per document.
    Findings(FindingsArgs),
    /// Every figure of a document (line, column, value, unit, scale,
    /// precision, hedge, and the claims that read it) and every table with
    /// its row and column labels as `cell(row, column)` addresses them
    Scan(ScanArgs),
    /// One claim's derivation as a tree: every input with its value, unit,
    /// interval and place, every intermediate result, the rounding, the
    /// comparison and the verdict
    Explain(ExplainArgs),
    /// Expected discrepancies to pin: each `expect discrepancy` that pins
    /// no stated figure or no computed value, or whose pinned side has
    /// moved, with the diff of its line; on a terminal, asks whether to
    /// write the pinned form. Exits 1 when something is left pending
    Review(ReviewArgs),
    /// Print a pack of the relationships the document's tables keep
    /// (totals, sub-totals, differences, weekly and per-head columns,
    /// shares, rows in fixed ratios), as whole-table rules to review
    Suggest(SuggestArgs),
    /// Start a pack for a document: write rules/<name>.vd with its
    /// `document` line and the suggested rules (never over an existing file)
    Init(InitArgs),
    /// Lay rule files out canonically (indentation, spacing, aligned `let`
    /// lines; comments kept); with --check, only say which would change
    Fmt(FmtArgs),
}

#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// Rule packs (.vd files) or directories of them [default: rules/]
    pub paths: Vec<PathBuf>,

    /// Write the pinned form of every expectation shown, without asking
    #[arg(long)]
    pub accept: bool,
}

#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Rule packs (.vd files) or directories of them [default: rules/]
    pub paths: Vec<PathBuf>,

    /// Change nothing: list the files that are not laid out canonically,
    /// with the first line that differs, and exit 1 if there are any
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, clap::Args)]
pub struct SuggestArgs {
    /// The documents: text, Markdown, PDF (.pdf) or web pages (.html, .htm)
    #[arg(required = true)]
    pub documents: Vec<PathBuf>,

    /// The directory the pack will be saved in: its `document` line names
    /// the document relative to it
    #[arg(long, value_name = "DIR", default_value = "rules")]
    pub pack_dir: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The document: text, Markdown, PDF (.pdf) or a web page (.html, .htm)
    pub document: PathBuf,

    /// Where to write the pack
    #[arg(long, value_name = "DIR", default_value = "rules")]
    pub pack_dir: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// The document: text, Markdown, PDF (.pdf) or a web page (.html, .htm)
    pub document: PathBuf,

    /// Rule packs (.vd files) or directories of them, to tell which figures
    /// their claims read [default: rules/, when there is one]
    pub packs: Vec<PathBuf>,

    /// Output format: human or json
    #[arg(long, value_enum, default_value_t = CoverageFormat::Human)]
    pub format: CoverageFormat,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The claim: its id (as in `check --format json`, e.g.
    /// derbyshire-dales-phase4/six-councils-share-the-district-60-equally)
    /// or its title
    pub claim: String,

    /// Rule packs (.vd files) or directories of them [default: rules/]
    pub packs: Vec<PathBuf>,

    /// Output format: human or json
    #[arg(long, value_enum, default_value_t = CoverageFormat::Human)]
    pub format: CoverageFormat,
}

#[derive(Debug, clap::Args)]
pub struct CoverageArgs {
    /// Rule packs (.vd files) or directories of them [default: rules/]
    pub paths: Vec<PathBuf>,

    /// Output format: human or json
    #[arg(long, value_enum, default_value_t = CoverageFormat::Human)]
    pub format: CoverageFormat,

    /// Also change the digits of every figure a claim reads (two adjacent
    /// digits swapped, or a lone digit changed), one at a time, and count
    /// how many changes some claim catches
    #[arg(long)]
    pub mutations: bool,

    /// Exit 1 when any document's coverage (or, with --mutations, its
    /// mutation score) is below this percentage
    #[arg(long, value_name = "PERCENT")]
    pub min: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CoverageFormat {
    Human,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct FindingsArgs {
    /// Rule packs (.vd files) or directories of them [default: rules/]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Rule packs (.vd files) or directories of them [default: rules/];
    /// with --auto, documents
    pub paths: Vec<PathBuf>,

    /// Audit the documents named instead of packs, with the rules
    /// `vd-audit suggest` finds in their tables: each cell that breaks a
    /// relationship the rest of its table keeps is a discrepancy
    #[arg(long, conflicts_with = "documents")]
    pub auto: bool,

    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Write the report to FILE instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Read a pack's document from another file, e.g. a new draft:
    /// --document dales=drafts/phase4-v2.txt
    #[arg(long = "document", value_name = "NAME=PATH", value_parser = parse_document)]
    pub documents: Vec<(String, PathBuf)>,

    /// Colour in human output [auto: only on a terminal and without NO_COLOR]
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Width of human output, in columns
    #[arg(long, default_value_t = 100)]
    pub width: usize,

    /// Make a verdict a failure (exit 1); repeatable. Overrides vd-audit.yaml
    #[arg(long, value_enum, value_name = "VERDICT", value_delimiter = ',')]
    pub deny: Vec<DeniedVerdict>,

    /// Deny both within-rounding and approximate verdicts. Overrides vd-audit.yaml
    #[arg(long)]
    pub strict: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    /// SARIF 2.1.0, for code scanning
    Sarif,
    /// JUnit XML, for CI test reports
    Junit,
    /// GitHub Actions annotations (workflow commands)
    Github,
    /// One self-contained HTML page: the documents with every checked
    /// figure marked by verdict, and the working one click away
    Html,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_document(value: &str) -> Result<(String, PathBuf), String> {
    match value.split_once('=') {
        Some((name, path)) if !name.is_empty() && !path.is_empty() => {
            Ok((name.to_string(), PathBuf::from(path)))
        }
        _ => Err(format!(
            "expected NAME=PATH, as in dales=draft.txt, not `{value}`"
        )),
    }
}
