//! The rule parser on any text: it returns a pack or a located error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(error) = vd_audit::lang::parse_pack(text) {
        // The error's span must lie in the text, on character boundaries:
        // every report slices the rule file with it.
        assert!(error.span.end <= text.len(), "{error:?}");
        assert!(text.is_char_boundary(error.span.start), "{error:?}");
        assert!(text.is_char_boundary(error.span.end), "{error:?}");
    }
});
