//! Loading a pack: its rule file and the documents it names, each read once
//! and prepared (figures found, tables split) before evaluation.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::access::{Access, Refusal};
use crate::eval::{FigureRef, MalformedOutcome};
use crate::figures::{recognise, Figure, Figures, MalformedFigure};
use crate::lang::ast::Pack;
use crate::lang::{parse_pack, ParseError, Parsed};
use crate::source::SourceFile;
use crate::span::Span;
use crate::tables::{find_tables, Table};

/// A document with its figures and tables.
#[derive(Clone, Debug)]
pub struct Document {
    pub source: SourceFile,
    pub figures: Figures,
    pub tables: Vec<Table>,
}

impl Document {
    pub fn new(source: SourceFile) -> Document {
        let figures = recognise(&source.text);
        let tables = find_tables(&source.text, &figures);
        Document {
            source,
            figures,
            tables,
        }
    }
}

/// A parsed pack and its documents, keyed by the name the pack gives them.
#[derive(Clone, Debug)]
pub struct LoadedPack {
    pub rule_file: SourceFile,
    /// The statements that parsed.
    pub ast: Pack,
    /// The errors of the statements that did not: each is reported, and
    /// the rest of the pack is evaluated without them.
    pub syntax_errors: Vec<ParseError>,
    pub documents: BTreeMap<String, Document>,
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
    let rule_file = access.read(path).map_err(|e| LoadError::Unreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let Parsed {
        pack: ast,
        errors: syntax_errors,
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
        let source = access.read(&doc_path).map_err(|e| {
            fail(format!(
                "cannot read document `{}`: {e}",
                doc_path.display()
            ))
        })?;
        documents.insert(decl.name.name.clone(), Document::new(source));
    }
    Ok(LoadedPack {
        rule_file,
        ast,
        syntax_errors,
        documents,
    })
}
