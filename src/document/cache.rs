//! Documents shared between the packs that read them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};

use crate::access::Access;

use super::prepared::Document;
use super::read::read_document;

/// The documents packs have read, by canonical path, so that a document
/// read by several packs is read and recognised once. An entry lasts as
/// long as some pack holds its document: once every pack that read it has
/// been reported and dropped, the document is freed, and a later pack
/// reads it again.
#[derive(Debug, Default)]
pub struct DocumentCache {
    slots: Mutex<HashMap<PathBuf, Arc<Mutex<Weak<Document>>>>>,
}

impl DocumentCache {
    /// The document at `path`: the one already read, while a pack holds
    /// it, or else read now. Two packs asking for the same document at once
    /// wait for one reading.
    /// Every file is read through `access`, which holds it to the size limit.
    pub fn read(&self, path: &Path, access: &Access) -> std::io::Result<Arc<Document>> {
        // A path that cannot be resolved cannot be read either: reading it
        // gives the error the user should see.
        let Ok(key) = std::fs::canonicalize(path) else {
            return read_document(path, access).map(Arc::new);
        };
        let slot = match self.slots.lock() {
            Ok(mut slots) => Arc::clone(slots.entry(key).or_default()),
            Err(_) => return read_document(path, access).map(Arc::new),
        };
        let Ok(mut held) = slot.lock() else {
            return read_document(path, access).map(Arc::new);
        };
        if let Some(document) = held.upgrade() {
            return Ok(document);
        }
        let document = Arc::new(read_document(path, access)?);
        *held = Arc::downgrade(&document);
        Ok(document)
    }
}
