//! The web-page reader on any text: a line's element for every line, and
//! tables the table reader can read.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|html: &str| {
    let (text, origins) = vd_audit::document::formats::html::text_of(html);
    assert_eq!(text.lines().count(), origins.len());
    let figures = vd_audit::figures::recognise(&text);
    std::hint::black_box(vd_audit::tables::find_tables(&text, &figures));
});
