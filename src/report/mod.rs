//! The reports (layer 10 of `src/lib.rs`). The same audit can be printed for people (miette
//! diagnostics and a summary), for machines (JSON), for CI tools (SARIF,
//! JUnit XML, GitHub Actions annotations) and for committees (one HTML page
//! of the documents with their figures marked).

mod audit;
pub mod diagnostic;
pub mod finding;
pub mod github;
pub mod html;
mod human;
pub mod json;
pub mod junit;
pub mod markdown;
mod problems;
pub mod sarif;
mod strictness;
mod summary;
pub mod writer;

pub use audit::{pack_name, AuditedPack, PackAudit};
pub use diagnostic::Problem;
pub use human::{human, human_with, HumanReport, Style};
pub use problems::{
    claim_problem_with, denied_note, error_line, pack_errors, pack_problems, pack_problems_with,
    problems, problems_with,
};
pub use strictness::Strictness;
pub use summary::Summary;
pub use summary::Tally;
pub use writer::{render, ReportStream, ReportWriter};
