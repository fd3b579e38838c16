//! What the page shows, gathered from the audits before any HTML is written:
//! the documents, which figures to mark and how, and the claims in order.

use std::collections::BTreeMap;

use crate::document::{classify, FigureKind};
use crate::eval::{ClaimOutcome, FigureRef, Judgement, Outcome, Verdict};
use crate::figures::MalformedFigure;
use crate::report::audit::PackAudit;
use crate::report::diagnostic::Problem;
use crate::report::strictness::Strictness;
use crate::{document::Document, pack::LoadedPack};

/// How a figure or a claim is shown. Later variants are worse: a figure
/// read by several claims is shown as the worst of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Shade {
    /// A figure with arithmetic meaning that no claim reads.
    NotChecked,
    Exact,
    WithinRounding,
    Approximate,
    /// A discrepancy the pack expects.
    Expected,
    /// An expected discrepancy the document no longer has.
    Stale,
    Discrepancy,
    /// A claim that could not be evaluated, or a malformed figure.
    Error,
}

impl Shade {
    pub const ALL: [Shade; 8] = [
        Shade::Discrepancy,
        Shade::Stale,
        Shade::Error,
        Shade::Expected,
        Shade::Approximate,
        Shade::WithinRounding,
        Shade::Exact,
        Shade::NotChecked,
    ];

    pub fn of(claim: &ClaimOutcome) -> Shade {
        match claim.verdict() {
            None => Shade::Error,
            Some(_) if claim.stale_expectation() => Shade::Stale,
            Some(Verdict::Discrepancy) if claim.expected() => Shade::Expected,
            Some(Verdict::Discrepancy) => Shade::Discrepancy,
            Some(Verdict::Approximate) => Shade::Approximate,
            Some(Verdict::WithinRounding) => Shade::WithinRounding,
            Some(Verdict::Exact) => Shade::Exact,
        }
    }

    /// The CSS class, short because the page holds thousands of them.
    pub fn class(self) -> &'static str {
        match self {
            Shade::NotChecked => "nc",
            Shade::Exact => "ex",
            Shade::WithinRounding => "wr",
            Shade::Approximate => "ap",
            Shade::Expected => "xd",
            Shade::Stale => "st",
            Shade::Discrepancy => "di",
            Shade::Error => "er",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Shade::NotChecked => "not checked",
            Shade::Exact => "exact",
            Shade::WithinRounding => "within rounding",
            Shade::Approximate => "approximate",
            Shade::Expected => "expected discrepancy",
            Shade::Stale => "stale expectation",
            Shade::Discrepancy => "discrepancy",
            Shade::Error => "error",
        }
    }

    /// Shown beside every mark, so that no verdict rests on colour alone.
    pub fn symbol(self) -> &'static str {
        match self {
            Shade::NotChecked => "?",
            Shade::Exact => "✓",
            Shade::WithinRounding => "≈",
            Shade::Approximate => "~",
            Shade::Expected => "!",
            Shade::Stale => "↻",
            Shade::Discrepancy => "✗",
            Shade::Error => "⚠",
        }
    }
}

/// A figure the page marks.
#[derive(Clone, Debug)]
pub struct Mark {
    /// Numbers of the claims that read the figure, in claim order.
    pub claims: Vec<usize>,
    /// Whether some claim states it (rather than only computing from it).
    pub stated: bool,
    pub shade: Shade,
}

/// A malformed figure of a document, once however many packs read it.
#[derive(Clone, Debug)]
pub struct Malformed<'a> {
    pub figure: &'a MalformedFigure,
    /// The pack's reason, when a pack expects it.
    pub expected: Option<String>,
}

/// One document as the page shows it.
pub struct DocumentView<'a> {
    /// Its position in the page, used in element ids.
    pub number: usize,
    pub document: &'a Document,
    /// Marks by figure index, for every figure a claim reads or that has
    /// arithmetic meaning.
    pub marks: BTreeMap<usize, Mark>,
    pub malformed: Vec<Malformed<'a>>,
}

/// One claim as the page shows it.
pub struct ClaimView<'a> {
    pub number: usize,
    pub pack: &'a LoadedPack,
    pub claim: &'a ClaimOutcome,
    pub shade: Shade,
    pub outcome: Outcome,
    /// The document number of its stated figure.
    pub document: Option<usize>,
}

impl ClaimView<'_> {
    pub fn judgement(&self) -> Option<&Judgement> {
        self.claim.result.as_ref().ok()
    }
}

/// Everything the page shows.
pub struct Page<'a> {
    pub documents: Vec<DocumentView<'a>>,
    pub claims: Vec<ClaimView<'a>>,
    /// Problems that belong to no claim or figure: packs that could not be
    /// loaded, failed `let`s, stale `expect malformed` lines.
    pub problems: Vec<Problem>,
}

impl<'a> Page<'a> {
    pub fn of(audits: &'a [PackAudit], strictness: Strictness) -> Page<'a> {
        let mut page = Page {
            documents: documents(audits),
            claims: Vec::new(),
            problems: Vec::new(),
        };
        for audit in audits {
            let PackAudit::Audited(audited) = audit else {
                page.problems.extend(crate::report::pack_problems(audit));
                continue;
            };
            page.add_pack_problems(audit);
            for claim in &audited.outcome.claims {
                page.add_claim(&audited.pack, claim, strictness);
            }
            page.add_malformed(&audited.pack, &audited.outcome.malformed);
        }
        for view in &mut page.documents {
            mark_unread(view);
        }
        page
    }

    /// The page's number for a figure of one of `pack`'s documents.
    pub fn document_number(&self, pack: &LoadedPack, name: &str) -> Option<usize> {
        let path = &pack.documents.get(name)?.source.display_path;
        self.documents
            .iter()
            .find(|d| &d.document.source.display_path == path)
            .map(|d| d.number)
    }

    fn add_pack_problems(&mut self, audit: &PackAudit) {
        // Malformed figures are marked in their documents instead.
        let others = crate::report::pack_problems(audit)
            .into_iter()
            .filter(|p| p.code != "vd::figure::malformed");
        self.problems.extend(others);
    }

    fn add_claim(&mut self, pack: &'a LoadedPack, claim: &'a ClaimOutcome, strictness: Strictness) {
        let number = self.claims.len();
        let shade = Shade::of(claim);
        let mut document = None;
        if let Ok(judgement) = &claim.result {
            document = self.document_number(pack, &judgement.stated.document);
            for (reference, stated) in figures_read(judgement) {
                self.mark(pack, &reference, number, shade, stated);
            }
        }
        self.claims.push(ClaimView {
            number,
            pack,
            claim,
            shade,
            outcome: strictness.outcome(claim),
            document,
        });
    }

    fn mark(
        &mut self,
        pack: &LoadedPack,
        at: &FigureRef,
        claim: usize,
        shade: Shade,
        stated: bool,
    ) {
        let Some(number) = self.document_number(pack, &at.document) else {
            return;
        };
        let Some(view) = self.documents.get_mut(number) else {
            return;
        };
        let mark = view.marks.entry(at.index).or_insert(Mark {
            claims: Vec::new(),
            stated: false,
            shade,
        });
        if !mark.claims.contains(&claim) {
            mark.claims.push(claim);
        }
        mark.stated |= stated;
        mark.shade = mark.shade.max(shade);
    }

    fn add_malformed(&mut self, pack: &'a LoadedPack, entries: &[crate::eval::MalformedOutcome]) {
        for entry in entries {
            let Some(document) = pack.documents.get(&entry.document) else {
                continue;
            };
            let Some(figure) = document.figures.malformed.get(entry.index) else {
                continue;
            };
            let Some(number) = self.document_number(pack, &entry.document) else {
                continue;
            };
            let Some(view) = self.documents.get_mut(number) else {
                continue;
            };
            match view
                .malformed
                .iter_mut()
                .find(|m| m.figure.span == figure.span)
            {
                Some(seen) => {
                    if seen.expected.is_none() {
                        seen.expected.clone_from(&entry.expected);
                    }
                }
                None => view.malformed.push(Malformed {
                    figure,
                    expected: entry.expected.clone(),
                }),
            }
        }
    }
}

/// Every figure a judgement reads, and whether it is a stated one: the
/// stated figure (both ends of a range) and the inputs of the computation.
fn figures_read(judgement: &Judgement) -> Vec<(FigureRef, bool)> {
    let mut figures = vec![(judgement.stated.clone(), true)];
    if let Some(other) = &judgement.other_end {
        figures.push((other.stated.clone(), true));
    }
    figures.extend(judgement.inputs.iter().map(|i| (i.clone(), false)));
    figures
}

/// The documents the packs read, each once, in path order.
fn documents(audits: &[PackAudit]) -> Vec<DocumentView<'_>> {
    let mut by_path: BTreeMap<&str, &Document> = BTreeMap::new();
    for audit in audits {
        if let PackAudit::Audited(audited) = audit {
            for document in audited.pack.documents.values() {
                by_path
                    .entry(document.source.display_path.as_str())
                    .or_insert(document);
            }
        }
    }
    by_path
        .into_values()
        .enumerate()
        .map(|(number, document)| DocumentView {
            number,
            document,
            marks: BTreeMap::new(),
            malformed: Vec::new(),
        })
        .collect()
}

/// Marks the figures with arithmetic meaning that no claim reads, as the
/// coverage report counts them.
fn mark_unread(view: &mut DocumentView) {
    for (index, figure) in view.document.figures.figures.iter().enumerate() {
        if view.marks.contains_key(&index) {
            continue;
        }
        if classify(view.document, figure) == FigureKind::Arithmetic {
            view.marks.insert(
                index,
                Mark {
                    claims: Vec::new(),
                    stated: false,
                    shade: Shade::NotChecked,
                },
            );
        }
    }
}
