//! vd-audit makes the arithmetic claims of public documents executable.
//!
//! The pipeline, bottom-up: each numbered line is one layer, with the
//! folder (or file) that holds it. A module imports only the layers listed
//! before its own, never a peer on its own line: `tests/architecture.rs`
//! reads this list and holds every `use` in `src/` to it.
//!
//! 1. [`span`], [`units`], [`interval`], [`source`]: foundations: byte spans, units and scales, intervals of rounding, source files and their lines (`src/span.rs`, `src/units.rs`, `src/interval.rs`, `src/source.rs`);
//! 2. [`format`]: how figures and amounts are printed (`src/format.rs`);
//! 3. [`access`]: what vd-audit may read: the project root, confinement, size limits, the settings file's name (`src/access.rs`);
//! 4. [`figures`]: every figure of a text, with its span, unit, scale and printed precision (`src/figures/`);
//! 5. [`tables`]: tables found in a text, and cells, rows, columns and tables looked up by their labels (`src/tables/`);
//! 6. [`document`]: a file read into a document, once: its text, figures, malformed figures, tables and word index (`src/document/`);
//! 7. [`lang`]: the rule language, parsed with nom into a spanned AST, and whole-table rules expanded over a document's tables (`src/lang/`);
//! 8. [`pack`]: a rule file loaded and bound to the documents it names (`src/pack/`);
//! 9. [`eval`]: anchors resolved to figures, claims recomputed in exact decimals with intervals for rounding, and a verdict per claim (`src/eval/`);
//! 10. [`report`]: miette diagnostics, JSON, SARIF, JUnit, Markdown, GitHub annotations and HTML; problems and strictness (`src/report/`);
//! 11. [`coverage`], [`scan`], [`explain`], [`suggest`]: what a pack author reads: the figures packs read and the slips they catch, a document's figures and tables, a claim's working, and packs written from a document's arithmetic (`src/coverage/`, `src/scan.rs`, `src/explain.rs`, `src/suggest/`);
//! 12. [`cli`]: `vd-audit check`, `coverage`, `scan`, `suggest` and the other commands (`src/cli/`).
//!
//! ```
//! use vd_audit::{document::Document, eval, lang, pack::LoadedPack, source::SourceFile};
//!
//! let text = "The total is £436,248, of which the county pays 40% (£174,499).";
//! let rule = r#"
//!     document paper = "paper.txt"
//!     let total = paper "The total is {}"
//!     claim "The county pays 40%"
//!       paper "pays 40% ({})" == 40% of total
//! "#;
//! let pack = LoadedPack {
//!     rule_file: SourceFile::new("pack.vd", rule),
//!     ast: lang::parse_pack(rule).into_result().unwrap(),
//!     syntax_errors: Vec::new(),
//!     documents: [("paper".to_string(), Document::new(SourceFile::new("paper.txt", text)).into())].into(),
//! };
//! let outcome = eval::evaluate(&pack);
//! let judgement = outcome.claims[0].result.as_ref().unwrap();
//! assert_eq!(judgement.verdict, eval::Verdict::Exact);
//! assert_eq!(judgement.working, "40% of £436,248 = £174,499.2 → £174,499");
//! ```

// Documents and packs are untrusted input: nothing they hold may make
// vd-audit panic. Outside tests, every fallible step returns a diagnostic.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod access;
pub mod cli;
pub mod coverage;
pub mod document;
pub mod eval;
pub mod explain;
pub mod figures;
pub mod format;
pub mod interval;
pub mod lang;
pub mod pack;
pub mod report;
pub mod scan;
pub mod source;
pub mod span;
pub mod suggest;
pub mod tables;
pub mod units;
