//! Where a SARIF result points: a place in a document or rule pack as a
//! location with its region and snippet, and a displayed path as a URI
//! reference (relative to `%SRCROOT%`, or a `file:` URI when absolute).

use super::model::{
    ArtifactLocation, Location, Message, PhysicalLocation, PlaceProperties, Region,
};
use crate::report::finding::Place;

pub(super) fn location(id: Option<usize>, place: &Place, message: Option<String>) -> Location {
    let relative = !is_absolute(&place.file);
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: file_uri(&place.file),
                uri_base_id: relative.then_some("%SRCROOT%"),
            },
            region: Region {
                start_line: place.start.line,
                start_column: place.start.column,
                end_line: place.end.line,
                end_column: place.end.column,
                snippet: Message {
                    text: place.text.clone(),
                },
            },
        },
        message: message.map(|text| Message { text }),
        properties: (place.page.is_some() || place.element.is_some()).then(|| PlaceProperties {
            page: place.page.map(|(page, _)| page),
            line_on_page: place.page.map(|(_, line)| line),
            element: place.element.clone(),
        }),
    }
}

fn is_absolute(path: &str) -> bool {
    path.starts_with('/') || path.as_bytes().get(1) == Some(&b':')
}

/// A displayed path as a URI reference: relative paths stay relative (to
/// `%SRCROOT%`, the working directory), absolute ones become `file:` URIs;
/// anything but unreserved characters and `/` is percent-encoded.
pub fn file_uri(path: &str) -> String {
    let drive = !path.starts_with('/') && is_absolute(path);
    let mut uri = String::from(match (path.starts_with('/'), drive) {
        (true, _) => "file://",
        (false, true) => "file:///",
        (false, false) => "",
    });
    for (i, byte) in path.bytes().enumerate() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(char::from(byte))
            }
            b'\\' => uri.push('/'),
            b':' if drive && i == 1 => uri.push(':'),
            other => uri.push_str(&format!("%{other:02X}")),
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_references_or_file_uris() {
        assert_eq!(file_uri("documents/a b.txt"), "documents/a%20b.txt");
        assert_eq!(file_uri("/tmp/x/£.txt"), "file:///tmp/x/%C2%A3.txt");
        assert_eq!(file_uri("C:/x/y.txt"), "file:///C:/x/y.txt");
    }
}
