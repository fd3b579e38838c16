//! Reading a 100-page PDF budget (benches/data/budget-100-pages.pdf, made
//! by `python3 tests/published/make.py bench`) to its figures and tables,
//! side by side with `pdftotext -layout` on the same file, when poppler's
//! pdftotext is installed.
//!
//! Run with `cargo bench --bench pdf`. Method and results: docs/performance.md.

use std::path::Path;
use std::process::Command;

use vd_audit::access::Access;
use vd_audit::document::formats::pdf::text_of;
use vd_audit::document::read_document;

const BUDGET: &str = "benches/data/budget-100-pages.pdf";

fn main() {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("the crate's directory");
    divan::main();
}

fn access() -> Access {
    Access::from_working_dir(Path::new("."), false, 64 * 1024 * 1024)
        .expect("the working directory")
}

/// The PDF read to a document: text laid out, figures recognised, tables found.
#[divan::bench(sample_count = 20)]
fn pdf_to_figures_and_tables() -> usize {
    let document = read_document(Path::new(BUDGET), &access()).expect("the benchmark's PDF");
    document.figures.figures.len() + document.tables.len()
}

/// Only the text layer laid out, as `pdftotext -layout` gives it.
#[divan::bench(sample_count = 20)]
fn pdf_to_laid_out_text() -> usize {
    let bytes = std::fs::read(BUDGET).expect("the benchmark's PDF");
    text_of(&bytes).expect("a readable PDF").text.len()
}

/// poppler's `pdftotext -layout`, the yardstick; skipped when not installed.
#[divan::bench(sample_count = 20)]
fn pdftotext_layout() -> usize {
    match Command::new("pdftotext")
        .args(["-layout", BUDGET, "-"])
        .output()
    {
        Ok(output) => output.stdout.len(),
        Err(_) => 0,
    }
}
