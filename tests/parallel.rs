//! Auditing in parallel and writing reports a pack at a time change
//! nothing in the output: the same bytes, in every format, whatever the
//! number of threads.

mod common;

use std::path::Path;
use std::process::Command;

use assert_cmd::prelude::*;

#[allow(dead_code)]
#[path = "../examples/corpus.rs"]
mod corpus;

const FORMATS: [&str; 5] = ["human", "json", "sarif", "junit", "github"];

fn check(dir: &Path, threads: Option<&str>, args: &[&str]) -> (Vec<u8>, Option<i32>) {
    let mut command = Command::cargo_bin("vd-audit").unwrap();
    command.current_dir(dir).arg("check").args(args);
    match threads {
        Some(threads) => command.env("RAYON_NUM_THREADS", threads),
        None => command.env_remove("RAYON_NUM_THREADS"),
    };
    let output = command.output().unwrap();
    (output.stdout, output.status.code())
}

/// Every format gives the same bytes and exit status with one thread as
/// with the default number and with more threads than cores.
fn assert_same_whatever_the_threads(dir: &Path, args: &[&str]) {
    for format in FORMATS {
        let args: Vec<&str> = args.iter().copied().chain(["--format", format]).collect();
        let serial = check(dir, Some("1"), &args);
        assert!(!serial.0.is_empty(), "{format}: no output");
        for threads in [None, Some("3")] {
            let parallel = check(dir, threads, &args);
            assert_eq!(parallel.1, serial.1, "{format} with {threads:?} threads");
            assert!(
                parallel.0 == serial.0,
                "{format} with {threads:?} threads differs from one thread"
            );
        }
    }
}

#[test]
fn the_bundled_packs_report_the_same_whatever_the_threads() {
    assert_same_whatever_the_threads(Path::new(env!("CARGO_MANIFEST_DIR")), &[]);
}

#[test]
fn a_generated_corpus_reports_the_same_whatever_the_threads() {
    let dir = common::project_dir().unwrap();
    // More packs than the window of packs audited at once (4 per thread).
    corpus::generate(14, 30, 7, dir.path());
    assert_same_whatever_the_threads(dir.path(), &["packs"]);
    let (_, status) = check(dir.path(), None, &["packs"]);
    assert_eq!(status, Some(0), "a generated corpus audits clean");
}

#[test]
fn the_corpus_generator_is_deterministic() {
    let (a, b) = (
        common::project_dir().unwrap(),
        common::project_dir().unwrap(),
    );
    corpus::generate(3, 20, 11, a.path());
    corpus::generate(3, 20, 11, b.path());
    for file in [
        "documents/paper-0002.txt",
        "packs/paper-0003.vd",
        "anchors.txt",
    ] {
        let read = |dir: &Path| std::fs::read(dir.join(file)).unwrap();
        assert!(read(a.path()) == read(b.path()), "{file} differs");
    }
}

/// The reports written a pack at a time are the documents the whole-run
/// serializers give.
#[test]
fn streamed_json_and_sarif_are_the_whole_documents() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).unwrap();
    let access = vd_audit::cli::Settings::defaults_in(root).unwrap().access;
    let packs = vd_audit::cli::find_packs(&[], &access).unwrap();
    let audits = vd_audit::cli::audit_packs(&packs, &Default::default(), &access);
    for strictness in [
        vd_audit::report::Strictness::default(),
        vd_audit::report::Strictness::STRICT,
    ] {
        let whole =
            serde_json::to_string_pretty(&vd_audit::report::json::report_with(&audits, strictness))
                .unwrap()
                + "\n";
        assert!(vd_audit::report::json::json(&audits, strictness) == whole);
        let whole =
            serde_json::to_string_pretty(&vd_audit::report::sarif::log(&audits, strictness))
                .unwrap()
                + "\n";
        assert!(vd_audit::report::sarif::sarif(&audits, strictness) == whole);
        let empty = vd_audit::report::json::json(&[], strictness);
        let whole_empty =
            serde_json::to_string_pretty(&vd_audit::report::json::report_with(&[], strictness))
                .unwrap()
                + "\n";
        assert_eq!(empty, whole_empty);
    }
}
