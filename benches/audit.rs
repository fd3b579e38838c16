//! How long the stages take on the bundled documents and packs.
//!
//! Run with `cargo bench`. Method and results: docs/performance.md.

use std::collections::BTreeMap;
use std::path::PathBuf;

use vd_audit::cli::{audit_packs, find_packs};
use vd_audit::eval::evaluate;
use vd_audit::figures::recognise;
use vd_audit::load::{load_pack, Document};
use vd_audit::source::SourceFile;

fn main() {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("the crate's directory");
    divan::main();
}

fn bolsover() -> String {
    std::fs::read_to_string("documents/bolsover-members-pack-2020-09.txt")
        .expect("the bundled document")
}

/// Stage 1 on the largest document (274 KB, 3,225 lines).
#[divan::bench]
fn figures_of_the_largest_document(bencher: divan::Bencher) {
    let text = bolsover();
    bencher.bench(|| recognise(divan::black_box(&text)));
}

/// Stages 1 and 2: figures and tables.
#[divan::bench]
fn figures_and_tables_of_the_largest_document(bencher: divan::Bencher) {
    let text = bolsover();
    bencher.bench(|| {
        Document::new(SourceFile::new(
            "bolsover.txt",
            divan::black_box(text.as_str()),
        ))
    });
}

/// Stage 4 alone: evaluating the largest pack, documents already loaded.
#[divan::bench]
fn evaluate_the_largest_pack(bencher: divan::Bencher) {
    let pack = load_pack(
        &PathBuf::from("rules/bolsover/02-appendix-f.vd"),
        &BTreeMap::new(),
        &access(),
    )
    .expect("the pack loads");
    bencher.bench(|| evaluate(divan::black_box(&pack)));
}

/// What `vd-audit check` does, without printing: load and evaluate every
/// bundled pack.
#[divan::bench(sample_count = 20)]
fn check_every_bundled_pack(bencher: divan::Bencher) {
    let access = access();
    let packs = find_packs(&[], &access).expect("rules/");
    bencher.bench(|| audit_packs(divan::black_box(&packs), &BTreeMap::new(), &access));
}

/// What a run in the repository root may read.
fn access() -> vd_audit::access::Access {
    vd_audit::cli::Settings::defaults_in(".".as_ref())
        .expect("the working directory")
        .access
}
