//! The whole check on a (pack, document) pair: the input is the pack, a line
//! holding only `%%`, then the document. Every report format is rendered.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vd_audit::eval::evaluate;
use vd_audit::{document::Document, pack::LoadedPack};
use vd_audit::report::{self, AuditedPack, PackAudit, Strictness, Style};
use vd_audit::source::SourceFile;

fuzz_target!(|input: &str| {
    let (rules, text) = input.split_once("\n%%\n").unwrap_or((input, ""));
    // The statements that parse are evaluated, as `check` does.
    let parsed = vd_audit::lang::parse_pack(rules);
    let mut ast = parsed.pack;
    let mut syntax_errors = parsed.errors;
    // Every document the pack declares reads the same text.
    let documents: std::collections::BTreeMap<_, _> = ast
        .documents
        .iter()
        .map(|d| {
            let source = SourceFile::new("doc.txt", text);
            (
                d.name.name.clone(),
                std::sync::Arc::new(Document::new(source)),
            )
        })
        .collect();
    // Whole-table rules are expanded on the document's tables, as `check`
    // does when it loads a pack.
    syntax_errors.extend(vd_audit::lang::expand(&mut ast, &documents));
    let pack = LoadedPack {
        rule_file: SourceFile::new("pack.vd", rules),
        ast,
        syntax_errors,
        documents,
    };
    let outcome = evaluate(&pack);
    let audits = [PackAudit::Audited(AuditedPack { pack, outcome })];
    let strictness = Strictness::default();
    let style = Style {
        color: false,
        width: 100,
    };
    std::hint::black_box(report::human(&audits, style));
    std::hint::black_box(report::json::report_with(&audits, strictness));
    std::hint::black_box(report::sarif::sarif(&audits, strictness));
    std::hint::black_box(report::junit::junit(&audits, strictness));
    std::hint::black_box(report::github::github(&audits, strictness));
    std::hint::black_box(report::markdown::findings(&audits));
});
