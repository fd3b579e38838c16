//! Loading a pack: its rule file and the documents it names, each read once
//! and prepared (figures found, tables split) before evaluation.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};

use crate::access::{Access, Refusal};
use crate::eval::{FigureRef, MalformedOutcome};
use crate::figures::{recognise, Figure, Figures, MalformedFigure};
use crate::lang::ast::Pack;
use crate::lang::{expand, parse_pack, ParseError, Parsed};
use crate::source::SourceFile;
use crate::span::Span;
use crate::tables::{find_tables, Table, TablesByKey};
use crate::word_index::WordIndex;

/// A document with its figures and tables.
#[derive(Clone, Debug)]
pub struct Document {
    pub source: SourceFile,
    pub figures: Figures,
    pub tables: Vec<Table>,
    /// The tables by the words of their cells.
    pub tables_by_key: TablesByKey,
    /// Where each word stands, built when first asked for.
    word_index: std::sync::OnceLock<WordIndex>,
}

impl Document {
    pub fn new(source: SourceFile) -> Document {
        let figures = recognise(&source.text);
        let tables = find_tables(&source.text, &figures);
        let tables_by_key = TablesByKey::new(&tables);
        Document {
            source,
            figures,
            tables,
            tables_by_key,
            word_index: std::sync::OnceLock::new(),
        }
    }

    /// Where each word of the document stands.
    pub fn words(&self) -> &WordIndex {
        self.word_index
            .get_or_init(|| WordIndex::new(&self.source.text))
    }
}

/// A parsed pack and its documents, keyed by the name the pack gives them.
/// A document read by several packs is shared between them.
#[derive(Clone, Debug)]
pub struct LoadedPack {
    pub rule_file: SourceFile,
    /// The statements that parsed.
    pub ast: Pack,
    /// The errors of the statements that did not, and of whole-table rules
    /// that could not be expanded: each is reported, and the rest of the
    /// pack is evaluated without them.
    pub syntax_errors: Vec<ParseError>,
    pub documents: BTreeMap<String, Arc<Document>>,
}

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
            return access
                .read(path)
                .map(|source| Arc::new(Document::new(source)));
        };
        let slot = match self.slots.lock() {
            Ok(mut slots) => Arc::clone(slots.entry(key).or_default()),
            Err(_) => return access.read(path).map(|s| Arc::new(Document::new(s))),
        };
        let Ok(mut held) = slot.lock() else {
            return access.read(path).map(|s| Arc::new(Document::new(s)));
        };
        if let Some(document) = held.upgrade() {
            return Ok(document);
        }
        let document = Arc::new(Document::new(access.read(path)?));
        *held = Arc::downgrade(&document);
        Ok(document)
    }
}

impl LoadedPack {
    /// The figure a reference points at, with its document. References are
    /// made by evaluating this pack, so this finds one; a report that met a
    /// reference that did not would leave the figure out, not stop.
    pub fn figure(&self, reference: &FigureRef) -> Option<(&Document, &Figure)> {
        let document = self.documents.get(&reference.document)?;
        let figure = document.figures.figures.get(reference.index)?;
        Some((document, figure))
    }

    /// A malformed figure of a document, as [`LoadedPack::figure`].
    pub fn malformed(&self, entry: &MalformedOutcome) -> Option<(&Document, &MalformedFigure)> {
        let document = self.documents.get(&entry.document)?;
        let malformed = document.figures.malformed.get(entry.index)?;
        Some((document, malformed))
    }
}

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
