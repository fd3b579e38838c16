//! The characters a PDF page draws, with where it draws them: what the
//! PDF library reports as it runs the page's content stream (decoding each
//! font through its encoding, ToUnicode or CID map), collected for layout.

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

/// One character drawn on a page, in points from the page's top left.
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    /// Left edge.
    pub x: f64,
    /// Right edge: the left edge plus the character's advance.
    pub x_end: f64,
    /// Baseline, measured down from the top of the page.
    pub y: f64,
    /// The font size, as drawn.
    pub size: f64,
    pub text: String,
}

/// A page's glyphs, and the page's size.
#[derive(Debug, Default)]
pub struct PageGlyphs {
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
}

/// Collects the glyphs of the page being output.
#[derive(Default)]
pub struct Collector {
    pub page: PageGlyphs,
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.page.width = media_box.urx - media_box.llx;
        self.page.height = media_box.ury - media_box.lly;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        text: &str,
    ) -> Result<(), OutputError> {
        // The text rendering matrix scales the font size into page space;
        // its scale is the size the reader sees.
        let scaled_x = font_size * (trm.m11 + trm.m21);
        let scaled_y = font_size * (trm.m12 + trm.m22);
        let size = (scaled_x * scaled_y).abs().sqrt();
        let x = trm.m31;
        let glyph = Glyph {
            x,
            x_end: x + width * size,
            y: self.page.height - trm.m32,
            size,
            text: normalise(text),
        };
        if glyph.size.is_finite() && glyph.x.is_finite() && glyph.y.is_finite() {
            self.page.glyphs.push(glyph);
        }
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// A character as the text of the paper means it: ligatures spelt out,
/// soft hyphens dropped, and the many spaces of typesetting (no-break,
/// thin, figure) read as a space, which layout then measures.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{00AD}' | '\u{200B}' | '\u{FEFF}' | '\0' => {}
            '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\t' => out.push(' '),
            '\u{2212}' => out.push('-'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn ligatures_and_typesetting_spaces_read_as_plain_text() {
        assert_eq!(normalise("\u{FB01}gure"), "figure");
        assert_eq!(normalise("e\u{FB03}cient"), "efficient");
        assert_eq!(normalise("re\u{00AD}port"), "report");
        assert_eq!(normalise("£1\u{202F}234"), "£1 234");
        assert_eq!(normalise("\u{2212}5"), "-5");
    }
}
