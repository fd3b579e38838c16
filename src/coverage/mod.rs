//! Coverage: how many of a document's figures the packs audit, which ones
//! they leave alone, and how many of the audited ones a typing slip in the
//! document would be caught for (the mutation score).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::document::{classify, FigureKind};
use crate::eval::{claim_ids, evaluate_claims, evaluate_with, AnchorCache, Judgement, Outcome};
use crate::figures::Figure;
use crate::report::PackAudit;
use crate::{document::Document, pack::LoadedPack};

/// One document's coverage, over every pack that reads it.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentCoverage {
    pub document: String,
    /// Figures to audit: every figure but dates, phone numbers, numbering
    /// and numbers that are part of a name.
    pub figures: usize,
    /// Of those, figures with arithmetic meaning, or read by a claim.
    pub arithmetic: usize,
    /// Of those, figures at least one claim reads.
    pub read: usize,
    /// `read / arithmetic`, in percent, to one decimal place.
    pub percent: String,
    /// Figures with arithmetic meaning that no claim reads.
    pub unread: Vec<UnreadFigure>,
    /// Read figures whose digits, when two adjacent ones are swapped (or a
    /// lone digit changed), make a claim fail; present when measured.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mutations: Option<MutationScore>,
}

#[derive(Clone, Debug, Serialize)]
pub struct UnreadFigure {
    /// The page, in a document printed on pages (a PDF); `line` is then the
    /// line on that page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    pub line: usize,
    pub column: usize,
    pub printed: String,
    pub context: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct MutationScore {
    pub tried: usize,
    pub caught: usize,
    pub percent: String,
    /// The figures whose change no claim noticed.
    pub missed: Vec<UnreadFigure>,
}

/// The figures each claim read, per document path.
fn figures_read(audits: &[PackAudit]) -> BTreeMap<String, BTreeSet<usize>> {
    let mut read: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for audit in audits {
        let PackAudit::Audited(audited) = audit else {
            continue;
        };
        for claim in &audited.outcome.claims {
            let Ok(judgement) = &claim.result else {
                continue;
            };
            for reference in judgement_figures(judgement) {
                let Some((document, _)) = audited.pack.figure(&reference) else {
                    continue;
                };
                let path = document.source.display_path.clone();
                read.entry(path).or_default().insert(reference.index);
            }
        }
    }
    read
}

fn judgement_figures(judgement: &Judgement) -> Vec<crate::eval::FigureRef> {
    let mut figures = vec![judgement.stated.clone()];
    figures.extend(judgement.inputs.iter().cloned());
    if let Some(other) = &judgement.other_end {
        figures.push(other.stated.clone());
    }
    figures
}

/// The documents the packs read, each once, by display path.
fn documents(audits: &[PackAudit]) -> BTreeMap<String, &Document> {
    let mut documents = BTreeMap::new();
    for audit in audits {
        if let PackAudit::Audited(audited) = audit {
            for document in audited.pack.documents.values() {
                documents
                    .entry(document.source.display_path.clone())
                    .or_insert(document.as_ref());
            }
        }
    }
    documents
}

/// Coverage of every document the packs read.
pub fn coverage(audits: &[PackAudit]) -> Vec<DocumentCoverage> {
    let read = figures_read(audits);
    documents(audits)
        .into_iter()
        .map(|(path, document)| {
            let read_here = read.get(&path).cloned().unwrap_or_default();
            document_coverage(path, document, &read_here)
        })
        .collect()
}

fn document_coverage(
    path: String,
    document: &Document,
    read: &BTreeSet<usize>,
) -> DocumentCoverage {
    let mut figures = 0;
    let mut arithmetic = 0;
    let mut read_count = 0;
    let mut unread = Vec::new();
    for (index, figure) in document.figures.figures.iter().enumerate() {
        let kind = classify(document, figure);
        let is_read = read.contains(&index);
        if matches!(
            kind,
            FigureKind::Date | FigureKind::Phone | FigureKind::Numbering | FigureKind::Label
        ) && !is_read
        {
            continue;
        }
        figures += 1;
        if kind != FigureKind::Arithmetic && !is_read {
            continue;
        }
        arithmetic += 1;
        if is_read {
            read_count += 1;
        } else {
            unread.extend(unread_figure(document, index));
        }
    }
    DocumentCoverage {
        document: path,
        figures,
        arithmetic,
        read: read_count,
        percent: percent(read_count, arithmetic),
        unread,
        mutations: None,
    }
}

impl UnreadFigure {
    /// `14`, or `p3:14` for line 14 of page 3.
    fn line_name(&self) -> String {
        match self.page {
            Some(page) => format!("p{page}:{}", self.line),
            None => self.line.to_string(),
        }
    }
}

fn unread_figure(document: &Document, index: usize) -> Option<UnreadFigure> {
    let figure = document.figures.figures.get(index)?;
    let at = document.source.shown_at(figure.span.start);
    Some(UnreadFigure {
        page: at.page,
        line: at.line,
        column: at.column,
        printed: figure.printed.clone(),
        context: crate::eval::candidate(document, index)?.context,
    })
}

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "100.0".into();
    }
    let tenths = (part * 1000 + whole / 2) / whole;
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// For each read figure, changes its digits as a typing slip would and
/// re-audits the packs that read the document: the share of changes some
/// claim catches. Anchors are taken to find the same figures (they are
/// anchored by words, and only digits change), so they are not searched
/// again: see [`AnchorCache`].
pub fn measure_mutations(audits: &[PackAudit], coverage: &mut [DocumentCoverage]) {
    let read = figures_read(audits);
    for entry in coverage.iter_mut() {
        let Some(indexes) = read.get(&entry.document) else {
            continue;
        };
        let mut readers: Vec<Reader> = audits
            .iter()
            .filter_map(|a| match a {
                PackAudit::Audited(p) => Reader::new(&p.pack, &entry.document),
                PackAudit::NotLoaded(_) => None,
            })
            .collect();
        let Some(original) = readers
            .first()
            .and_then(|r| r.pack.documents.get(&r.name))
            .cloned()
        else {
            continue;
        };
        let mut tried = 0;
        let mut missed = Vec::new();
        for &index in indexes {
            let Some(slipped) = mistyped(&original, index) else {
                continue;
            };
            tried += 1;
            let caught = readers
                .iter_mut()
                .any(|reader| reader.catches(index, &slipped));
            if !caught {
                missed.extend(unread_figure(&original, index));
            }
        }
        entry.mutations = Some(MutationScore {
            tried,
            caught: tried - missed.len(),
            percent: percent(tried - missed.len(), tried),
            missed,
        });
    }
}

/// A pack that reads the document being mutated, ready to re-audit it.
struct Reader {
    /// The pack's own copy, whose document takes each slip in turn.
    pack: LoadedPack,
    /// The pack's name for the document.
    name: String,
    /// Where the pack's anchors found their figures.
    anchors: AnchorCache,
    /// The pack's claim ids, worked out once.
    ids: Vec<String>,
    /// Whether the pack fails before any slip: then it "catches" every one.
    fails_already: bool,
    /// For each figure of the document, the claims (by position) that read
    /// it: only they can change when it does.
    claims_reading: BTreeMap<usize, Vec<usize>>,
}

impl Reader {
    /// `None` when the pack does not read the document at `path`.
    fn new(pack: &LoadedPack, path: &str) -> Option<Reader> {
        let name = pack
            .documents
            .iter()
            .find(|(_, d)| d.source.display_path == path)?
            .0
            .clone();
        let anchors = AnchorCache::default();
        let outcome = evaluate_with(pack, &anchors);
        let fails_already = !outcome.binding_errors.is_empty()
            || outcome.claims.iter().any(|c| c.outcome() != Outcome::Pass);
        let mut claims_reading: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (position, claim) in outcome.claims.iter().enumerate() {
            let Ok(judgement) = &claim.result else {
                continue;
            };
            for reference in judgement_figures(judgement) {
                if reference.document == name {
                    let claims = claims_reading.entry(reference.index).or_default();
                    if claims.last() != Some(&position) {
                        claims.push(position);
                    }
                }
            }
        }
        Some(Reader {
            pack: pack.clone(),
            name,
            anchors,
            ids: claim_ids(pack),
            fails_already,
            claims_reading,
        })
    }

    /// Whether the pack fails when its document prints `slipped` as figure
    /// `index`. A claim's inputs are every figure its computation reads, so
    /// only the claims that read figure `index` are judged again (and every
    /// `let`, which may now fail). The document is restored afterwards.
    fn catches(&mut self, index: usize, slipped: &Figure) -> bool {
        if self.fails_already {
            return true;
        }
        let Some(kept) = self.swap_figure(index, slipped.clone()) else {
            return false;
        };
        let no_claims = Vec::new();
        let reading = self.claims_reading.get(&index).unwrap_or(&no_claims);
        let outcome = evaluate_claims(&self.pack, &self.anchors, &self.ids, |position| {
            reading.binary_search(&position).is_ok()
        });
        self.swap_figure(index, kept);
        !outcome.binding_errors.is_empty()
            || outcome.claims.iter().any(|c| c.outcome() != Outcome::Pass)
    }

    /// Puts `figure` in place of the document's figure `index` and returns
    /// the one it replaces. The first time, `make_mut` gives the pack its
    /// own copy of the document, which other packs still share.
    fn swap_figure(&mut self, index: usize, figure: Figure) -> Option<Figure> {
        let place = self
            .pack
            .documents
            .get_mut(&self.name)
            .and_then(|d| std::sync::Arc::make_mut(d).figures.figures.get_mut(index))?;
        Some(std::mem::replace(place, figure))
    }
}

/// Figure `index` as a typing slip would print it: two adjacent different
/// digits swapped, or else its last digit changed. `None` for a number in
/// words.
fn mistyped(document: &Document, index: usize) -> Option<Figure> {
    let figure = document.figures.figures.get(index)?;
    if figure.in_words {
        return None;
    }
    let mut digits: Vec<char> = figure.digits.slice(&document.source.text).chars().collect();
    let positions: Vec<usize> = (0..digits.len())
        .filter(|&i| digits.get(i).is_some_and(char::is_ascii_digit))
        .collect();
    let swap = positions
        .windows(2)
        .filter_map(|w| Some((*w.first()?, *w.get(1)?)))
        .find(|&(a, b)| digits.get(a) != digits.get(b));
    match swap {
        Some((a, b)) => digits.swap(a, b),
        None => {
            let last = digits.get_mut(*positions.last()?)?;
            *last = if *last == '9' {
                '1'
            } else {
                char::from(*last as u8 + 1)
            };
        }
    }
    let printed: String = digits.iter().filter(|c| **c != ',').collect();
    let magnitude = rust_decimal::Decimal::from_str_exact(&printed).ok()?;
    let sign = if figure.value.is_sign_negative() {
        -rust_decimal::Decimal::ONE
    } else {
        rust_decimal::Decimal::ONE
    };
    // The figure keeps its scale, printed or taken from the other end of a range.
    let mut slipped = figure.clone();
    slipped.value = sign * magnitude.checked_mul(figure.scale.multiplier())?;
    // Same length as before: only digits moved, so every span still holds.
    let (from, to) = (
        figure.digits.start - figure.span.start,
        figure.digits.end - figure.span.start,
    );
    slipped.printed = format!(
        "{}{}{}",
        &figure.printed[..from],
        digits.into_iter().collect::<String>(),
        &figure.printed[to..]
    );
    Some(slipped)
}

/// The coverage report for people.
pub fn human(coverage: &[DocumentCoverage]) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for entry in coverage {
        let _ = writeln!(
            out,
            "{}: {} figures, {} with arithmetic meaning, {} read by a claim ({}%)",
            entry.document, entry.figures, entry.arithmetic, entry.read, entry.percent
        );
        if let Some(m) = &entry.mutations {
            let _ = writeln!(
                out,
                "  a slip in the digits of a read figure is caught for {} of {} ({}%)",
                m.caught, m.tried, m.percent
            );
            for figure in &m.missed {
                let _ = writeln!(
                    out,
                    "    not caught: line {}: {} {}",
                    figure.line_name(),
                    figure.printed,
                    figure.context
                );
            }
        }
        for figure in &entry.unread {
            let _ = writeln!(
                out,
                "  not read: line {}: {} {}",
                figure.line_name(),
                figure.printed,
                figure.context
            );
        }
    }
    out
}
