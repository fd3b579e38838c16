//! The command line (layer 12 of `src/lib.rs`). `args` is what the user typed (clap);
//! `main` turns it into an audit and an exit status, dispatching to a file
//! per command (`check`, `coverage`, `explain`, `findings`, `fmt`,
//! `review`, `scan`, and `suggest` with `init`). What the commands share
//! is apart: `settings` (what a run may read), `packs` (finding pack
//! files) and `audit` (loading and evaluating them in parallel).

mod args;
mod audit;
mod check;
pub mod config;
mod coverage;
mod explain;
mod findings;
mod fmt;
mod packs;
pub mod review;
mod scan;
mod settings;
mod suggest;

use clap::Parser;

pub use args::{
    AccessArgs, Args, CheckArgs, ColorChoice, Command, CoverageArgs, CoverageFormat, ExplainArgs,
    FindingsArgs, FmtArgs, Format, InitArgs, ReviewArgs, ScanArgs, SuggestArgs,
};
pub use audit::{audit_packs, audit_packs_in_order};
pub use check::run_check;
pub use coverage::run_coverage;
pub use explain::run_explain;
pub use findings::run_findings;
pub use fmt::run_fmt;
pub use packs::find_packs;
pub use review::run_review;
pub use scan::run_scan;
pub use settings::Settings;
pub use suggest::{run_init, run_suggest};

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
