//! Loading a pack: its rule file and the documents it names, each read once
//! and prepared (figures found, tables split) before evaluation.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::figures::{recognise, Figures};
use crate::rules::ast::Pack;
use crate::rules::{parse_pack, ParseError};
use crate::source::SourceFile;
use crate::span::Span;
use crate::tables::{find_tables, Table, TablesByKey};

/// A document with its figures and tables.
#[derive(Clone, Debug)]
pub struct Document {
    pub source: SourceFile,
    pub figures: Figures,
    pub tables: Vec<Table>,
    /// The tables by the words of their cells.
    pub tables_by_key: TablesByKey,
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
        }
    }
}

/// A parsed pack and its documents, keyed by the name the pack gives them.
#[derive(Clone, Debug)]
pub struct LoadedPack {
    pub rule_file: SourceFile,
    pub ast: Pack,
    pub documents: BTreeMap<String, Document>,
}

/// Why a pack could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The rule file itself could not be read.
    Unreadable { path: PathBuf, reason: String },
    /// The rule file has a syntax error.
    Syntax {
        rule_file: SourceFile,
        error: ParseError,
    },
    /// A `document` line names a file that cannot be read, or a name twice.
    Document {
        rule_file: SourceFile,
        span: Span,
        message: String,
    },
}

/// Reads and parses the pack at `path` and every document it names.
/// `overrides` replaces a document's path by name (`--document dales=draft.txt`).
pub fn load_pack(
    path: &Path,
    overrides: &BTreeMap<String, PathBuf>,
) -> Result<LoadedPack, LoadError> {
    let rule_file = SourceFile::read(path).map_err(|e| LoadError::Unreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    let ast = match parse_pack(&rule_file.text) {
        Ok(ast) => ast,
        Err(error) => return Err(LoadError::Syntax { rule_file, error }),
    };
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
        let doc_path = overrides
            .get(&decl.name.name)
            .cloned()
            .unwrap_or_else(|| base.join(&decl.path.value));
        let source = SourceFile::read(&doc_path).map_err(|e| {
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
        documents,
    })
}
