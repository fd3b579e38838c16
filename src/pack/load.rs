//! Loading a pack: its rule file parsed, the documents it names read (once
//! however many packs name them), and its whole-table rules expanded over
//! those documents' tables.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::access::{Access, Refusal};
use crate::document::{Document, DocumentCache};
use crate::lang::{expand, parse_pack, Parsed};
use crate::source::SourceFile;
use crate::span::Span;

use super::loaded::LoadedPack;

/// A pack whose rules are `rule_file` (written by a program, such as
/// `check --auto`, rather than read from a file) over documents already
/// read, by the names its rules give them.
pub fn pack_from_text(
    rule_file: SourceFile,
    documents: BTreeMap<String, Arc<Document>>,
) -> LoadedPack {
    let Parsed {
        pack: mut ast,
        errors: mut syntax_errors,
    } = parse_pack(&rule_file.text);
    syntax_errors.extend(expand(&mut ast, &documents));
    LoadedPack {
        rule_file,
        ast,
        syntax_errors,
        documents,
    }
}

/// Why a pack could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The rule file itself could not be read.
    Unreadable { path: PathBuf, reason: String },
    /// A `document` line names a file that cannot be read, or a name twice.
    Document {
        rule_file: SourceFile,
        span: Span,
        message: String,
    },
    /// A `document` line names a file the pack may not read: outside the
    /// project root, or not a regular file. It is not opened.
    Refused {
        rule_file: SourceFile,
        span: Span,
        path: PathBuf,
        refusal: Refusal,
    },
}

/// Reads and parses the pack at `path` and every document it names.
/// `overrides` replaces a document's path by name (`--document dales=draft.txt`):
/// those are the user's own choice, and only the size limit applies to them;
/// a path the pack names must also be allowed by `access`.
// A load error carries the rule file to point into; it is made once per pack
// at most, so its size costs nothing worth boxing for.
#[allow(clippy::result_large_err)]
pub fn load_pack(
    path: &Path,
    overrides: &BTreeMap<String, PathBuf>,
    access: &Access,
) -> Result<LoadedPack, LoadError> {
    load_pack_with(path, overrides, access, &DocumentCache::default())
}

/// As [`load_pack`], taking documents from `cache` when another pack has
/// read them.
#[allow(clippy::result_large_err)]
pub fn load_pack_with(
    path: &Path,
    overrides: &BTreeMap<String, PathBuf>,
    access: &Access,
    cache: &DocumentCache,
) -> Result<LoadedPack, LoadError> {
    let rule_file = access.read(path).map_err(|e| LoadError::Unreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let Parsed {
        pack: mut ast,
        errors: mut syntax_errors,
    } = parse_pack(&rule_file.text);
    let base = path.parent().unwrap_or(Path::new("."));
    let mut documents = BTreeMap::new();
    for decl in &ast.documents {
        let fail = |message: String| LoadError::Document {
            rule_file: rule_file.clone(),
            span: decl.span,
            message,
        };
        if documents.contains_key(&decl.name.name) {
            return Err(fail(format!(
                "the document name `{}` is declared twice",
                decl.name.name
            )));
        }
        let doc_path = match overrides.get(&decl.name.name) {
            Some(chosen) => chosen.clone(),
            None => {
                let named = base.join(&decl.path.value);
                let unreadable = |e: std::io::Error| {
                    fail(format!("cannot read document `{}`: {e}", named.display()))
                };
                if let Err(refusal) = access.check_pack_file(&named).map_err(unreadable)? {
                    return Err(LoadError::Refused {
                        rule_file: rule_file.clone(),
                        span: decl.span,
                        path: named,
                        refusal,
                    });
                }
                named
            }
        };
        let document = cache.read(&doc_path, access).map_err(|e| {
            fail(format!(
                "cannot read document `{}`: {e}",
                doc_path.display()
            ))
        })?;
        documents.insert(decl.name.name.clone(), document);
    }
    // Whole-table rules become one claim per row, on the tables as loaded.
    syntax_errors.extend(expand(&mut ast, &documents));
    syntax_errors.sort_by_key(|e| e.span.start);
    Ok(LoadedPack {
        rule_file,
        ast,
        syntax_errors,
        documents,
    })
}
