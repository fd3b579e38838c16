//! The rule parser on any text: it returns the statements that parse and a
//! located error for each that does not.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for error in vd_audit::lang::parse_pack(text).errors {
        // The error's span must lie in the text, on character boundaries:
        // every report slices the rule file with it.
        assert!(error.span.end <= text.len(), "{error:?}");
        assert!(text.is_char_boundary(error.span.start), "{error:?}");
        assert!(text.is_char_boundary(error.span.end), "{error:?}");
    }
});
