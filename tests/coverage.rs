//! `vd-audit coverage`: which figures the packs read, on the bundled packs.

use std::collections::BTreeMap;
use std::path::PathBuf;

use vd_audit::cli::audit_packs;
use vd_audit::coverage::{coverage, measure_mutations};

fn pack(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules").join(name)
}

#[test]
fn the_phase4_pack_reads_every_figure_with_arithmetic_meaning() {
    let audits = audit_packs(&[pack("derbyshire-dales-phase4.vd")], &BTreeMap::new());
    let mut report = coverage(&audits);
    measure_mutations(&audits, &mut report);
    println!("{}", vd_audit::coverage::human(&report));
    assert_eq!(report.len(), 1);
}
