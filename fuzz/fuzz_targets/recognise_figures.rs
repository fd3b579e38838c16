//! The figure recogniser on any text: every figure's spans lie in the text,
//! in order, on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let figures = vd_audit::figures::recognise(text);
    let mut previous_start = 0;
    for figure in &figures.figures {
        for span in [figure.span, figure.digits] {
            assert!(span.start <= span.end && span.end <= text.len(), "{figure:?}");
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
        assert!(figure.span.start >= previous_start, "figures out of order");
        previous_start = figure.span.start;
    }
});
