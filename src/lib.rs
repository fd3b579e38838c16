//! vd-audit makes the arithmetic claims of public documents executable.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`figures`]: every figure in a document, with its span, unit, scale and
//!    printed precision;
//! 2. [`tables`]: the document's tables, cells addressed by row and column label;
//! 3. [`lang`]: the rule language, parsed with nom into a spanned AST;
//! 4. [`eval`]: anchors resolved to figures, claims recomputed in exact
//!    decimals with intervals for rounding, and a verdict per claim;
//! 5. [`report`]: miette diagnostics and JSON;
//! 6. [`cli`]: `vd-audit check` and `vd-audit coverage` ([`coverage`]:
//!    which figures the packs read, and which slips they would catch);
//!    [`scan`] and [`explain`], what a pack author reads.
//!
//! ```
//! use vd_audit::{eval, load::{Document, LoadedPack}, lang, source::SourceFile};
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
pub mod eval;
pub mod explain;
pub mod figures;
pub mod format;
pub mod interval;
pub mod lang;
pub mod load;
pub mod report;
pub mod scan;
pub mod source;
pub mod span;
pub mod suggest;
pub mod tables;
pub mod units;
pub mod word_index;
