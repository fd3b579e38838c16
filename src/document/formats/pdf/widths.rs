//! A repair to the fonts of a PDF before its text is read: the width array
//! of a CID font (`/W`) may give a range of characters one width
//! (`0 2012 600`, as Chromium writes its fixed-width fonts), and the PDF
//! library reads only the other form (`0 [600 600 …]`), leaving every such
//! character without a width and so every character of a line at one
//! place. Each range is rewritten as a list of widths, which the library
//! reads.

use pdf_extract::{Document, Object};

/// The most characters one range may stand for when written out.
const MOST_CHARACTERS: i64 = 65_536;

/// Rewrites every CID font's ranges of widths as lists.
pub fn spell_out_width_ranges(document: &mut Document) {
    for object in document.objects.values_mut() {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        let is_cid_font = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|name| name == b"CIDFontType0" || name == b"CIDFontType2");
        if !is_cid_font {
            continue;
        }
        if let Ok(Object::Array(widths)) = dict.get_mut(b"W") {
            if let Some(listed) = listed(widths) {
                *widths = listed;
            }
        }
    }
}

/// `widths` with each `first last width` range as `first [width …]`, or
/// `None` when it has no range or is not well formed.
fn listed(widths: &[Object]) -> Option<Vec<Object>> {
    let mut out = Vec::with_capacity(widths.len());
    let mut changed = false;
    let mut i = 0;
    while i < widths.len() {
        let first = widths.get(i)?.as_i64().ok()?;
        match widths.get(i + 1)? {
            Object::Array(list) => {
                out.push(Object::Integer(first));
                out.push(Object::Array(list.clone()));
                i += 2;
            }
            last => {
                let last = last.as_i64().ok()?;
                let width = widths.get(i + 2)?.clone();
                if last < first || last - first >= MOST_CHARACTERS {
                    return None;
                }
                out.push(Object::Integer(first));
                out.push(Object::Array(vec![width; (last - first + 1) as usize]));
                changed = true;
                i += 3;
            }
        }
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_of_widths_is_written_out() {
        let widths = vec![
            Object::Integer(3),
            Object::Integer(5),
            Object::Real(600.0),
            Object::Integer(9),
            Object::Array(vec![Object::Integer(250)]),
        ];
        let spelt = listed(&widths).unwrap();
        assert_eq!(spelt.len(), 4);
        assert_eq!(spelt[1], Object::Array(vec![Object::Real(600.0); 3]));
        assert_eq!(spelt[3], Object::Array(vec![Object::Integer(250)]));
        assert_eq!(listed(&[Object::Integer(1), Object::Array(vec![])]), None);
    }
}
