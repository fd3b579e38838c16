//! A pack bound to its documents: the rules that parsed, the errors of
//! those that did not, and each document the pack names, read.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::document::Document;
use crate::figures::{Figure, MalformedFigure};
use crate::lang::ast::Pack;
use crate::lang::ParseError;
use crate::source::SourceFile;

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

/// A figure of one of a pack's documents: the document's name in the pack
/// and the figure's index in its `figures`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct FigureRef {
    pub document: String,
    pub index: usize,
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

    /// The malformed figure `index` of the document named `document`, as
    /// [`LoadedPack::figure`].
    pub fn malformed(&self, document: &str, index: usize) -> Option<(&Document, &MalformedFigure)> {
        let document = self.documents.get(document)?;
        let malformed = document.figures.malformed.get(index)?;
        Some((document, malformed))
    }
}
