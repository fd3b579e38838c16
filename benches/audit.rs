//! How long each stage takes, on the bundled documents and packs and on a
//! generated corpus (examples/corpus.rs).
//!
//! Run with `cargo bench`. Method and results: docs/performance.md.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use vd_audit::cli::{audit_packs, find_packs};
use vd_audit::document::Document;
use vd_audit::eval::evaluate;
use vd_audit::figures::recognise;
use vd_audit::lang::parse_pack;
use vd_audit::pack::load_pack;
use vd_audit::report::{self, Strictness, Style};
use vd_audit::source::SourceFile;
use vd_audit::tables::find_tables;

#[allow(dead_code)]
#[path = "../examples/corpus.rs"]
mod corpus;

fn main() {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("the crate's directory");
    divan::main();
}

fn bolsover() -> String {
    std::fs::read_to_string("documents/bolsover-members-pack-2020-09.txt")
        .expect("the bundled document")
}

/// A corpus of 10 generated papers (about 200 KB each) with 100 claims
/// each, made once per run.
fn generated() -> &'static Path {
    static CORPUS: OnceLock<tempfile::TempDir> = OnceLock::new();
    CORPUS
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("a temporary directory");
            corpus::generate(10, 100, 1, dir.path());
            dir
        })
        .path()
}

fn generated_paper() -> String {
    std::fs::read_to_string(generated().join("documents/paper-0001.txt")).expect("generated")
}

/// Stage 1 on the largest document (274 KB, 3,225 lines).
#[divan::bench]
fn figures_of_the_largest_document(bencher: divan::Bencher) {
    let text = bolsover();
    bencher.bench(|| recognise(divan::black_box(&text)));
}

/// Stage 1 on a generated paper (200 KB).
#[divan::bench]
fn figures_of_a_generated_paper(bencher: divan::Bencher) {
    let text = generated_paper();
    bencher.bench(|| recognise(divan::black_box(&text)));
}

/// Stage 2 alone: the tables of the largest document, figures found.
#[divan::bench]
fn tables_of_the_largest_document(bencher: divan::Bencher) {
    let text = bolsover();
    let figures = recognise(&text);
    bencher.bench(|| find_tables(divan::black_box(&text), &figures));
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

/// Stage 3: parsing the largest pack (270 claims).
#[divan::bench]
fn parse_the_largest_pack(bencher: divan::Bencher) {
    let rules = std::fs::read_to_string("rules/bolsover/02-appendix-f.vd").expect("the pack");
    bencher.bench(|| parse_pack(divan::black_box(&rules)));
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

/// Stage 4 alone on a generated pack: 100 claims on a 200 KB paper.
#[divan::bench]
fn evaluate_a_generated_pack(bencher: divan::Bencher) {
    let pack = load_pack(
        &generated().join("packs/paper-0001.vd"),
        &BTreeMap::new(),
        &generated_access(),
    )
    .expect("the pack loads");
    bencher.bench(|| evaluate(divan::black_box(&pack)));
}

/// Stage 5: every report format over the bundled packs, audits made.
#[divan::bench(args = ["human", "json", "sarif", "junit", "github"])]
fn report_every_bundled_pack(bencher: divan::Bencher, format: &str) {
    let access = access();
    let packs = find_packs(&[], &access).expect("rules/");
    let audits = audit_packs(&packs, &BTreeMap::new(), &access);
    let style = Style {
        color: false,
        width: 100,
    };
    let strictness = Strictness::default();
    bencher.bench(|| match format {
        "human" => report::human_with(&audits, style, strictness),
        "json" => report::json::json(&audits, strictness),
        "sarif" => report::sarif::sarif(&audits, strictness),
        "junit" => report::junit::junit(&audits, strictness),
        _ => report::github::github(&audits, strictness),
    });
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

/// Load and evaluate the 10 generated packs (1,000 claims, 2 MB of text).
#[divan::bench(sample_count = 10)]
fn check_ten_generated_packs(bencher: divan::Bencher) {
    let access = generated_access();
    let packs = find_packs(&[generated().join("packs")], &access).expect("packs/");
    bencher.bench(|| audit_packs(divan::black_box(&packs), &BTreeMap::new(), &access));
}

/// What a run in the generated corpus's directory may read: the corpus,
/// whose root that directory is.
fn generated_access() -> vd_audit::access::Access {
    vd_audit::cli::Settings::defaults_in(generated())
        .expect("the corpus directory")
        .access
}
