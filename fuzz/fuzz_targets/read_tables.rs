//! The table reader on any text: every cell it addresses is a figure of the
//! document.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let figures = vd_audit::figures::recognise(text);
    let tables = vd_audit::tables::find_tables(text, &figures);
    std::hint::black_box(tables);
});
