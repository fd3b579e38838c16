//! The PDF reader on any bytes: an error or a text, never a panic, and the
//! pages' first lines in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(laid) = vd_audit::document::formats::pdf::text_of(bytes) {
        assert!(laid.page_starts.windows(2).all(|w| w[0] <= w[1]));
        let figures = vd_audit::figures::recognise(&laid.text);
        std::hint::black_box(vd_audit::tables::find_tables(&laid.text, &figures));
    }
});
