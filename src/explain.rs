//! `vd-audit explain CLAIM`: one claim's derivation as a tree. Every input
//! with its printed form, value, unit, the interval it stands for and where
//! it was read; every intermediate result with its interval; the rounding
//! applied; the comparison and the verdict.

use std::fmt::Write as _;

use serde::Serialize;

use crate::eval::{derive, ClaimOutcome, Derivation, FigureRef, Quantity, Step};
use crate::figures::Figure;
use crate::format;
use crate::pack::LoadedPack;
use crate::report::{AuditedPack, PackAudit};
use crate::units::{scale_name, unit_name};

pub const FORMAT_VERSION: u32 = 1;

/// Why no claim could be explained.
#[derive(Debug)]
pub enum NotFound {
    /// No claim has that id or title; the nearest ids, best first.
    Unknown { nearest: Vec<String> },
    /// Several claims have that title.
    Ambiguous { ids: Vec<String> },
}

/// The claim whose id is `query`, or whose title is (ignoring case).
pub fn find<'a>(
    audits: &'a [PackAudit],
    query: &str,
) -> Result<(&'a AuditedPack, usize), NotFound> {
    let claims: Vec<(&AuditedPack, usize, &ClaimOutcome)> = audits
        .iter()
        .filter_map(|a| match a {
            PackAudit::Audited(p) => Some(p),
            PackAudit::NotLoaded(_) => None,
        })
        .flat_map(|p| {
            p.outcome
                .claims
                .iter()
                .enumerate()
                .map(move |(i, c)| (p, i, c))
        })
        .collect();
    let wanted = query.trim().to_lowercase();
    let by_id: Vec<_> = claims
        .iter()
        .filter(|(_, _, c)| c.id == query.trim())
        .collect();
    let by_title: Vec<_> = claims
        .iter()
        .filter(|(_, _, c)| c.claim.title.value.to_lowercase() == wanted)
        .collect();
    match (by_id.as_slice(), by_title.as_slice()) {
        ([(pack, index, _)], _) | ([], [(pack, index, _)]) => Ok((pack, *index)),
        ([], []) => Err(NotFound::Unknown {
            nearest: nearest(&claims, &wanted),
        }),
        (_, several) => Err(NotFound::Ambiguous {
            ids: several.iter().map(|(_, _, c)| c.id.clone()).collect(),
        }),
    }
}

/// Up to five claim ids whose id or title is nearest to `wanted`.
fn nearest(claims: &[(&AuditedPack, usize, &ClaimOutcome)], wanted: &str) -> Vec<String> {
    let mut scored: Vec<(f64, &str)> = claims
        .iter()
        .map(|(_, _, c)| {
            let id = strsim::normalized_levenshtein(wanted, &c.id.to_lowercase());
            let slug = c.id.rsplit('/').next().unwrap_or(&c.id);
            let by_slug = strsim::normalized_levenshtein(wanted, slug);
            let title = strsim::normalized_levenshtein(wanted, &c.claim.title.value.to_lowercase());
            (id.max(by_slug).max(title), c.id.as_str())
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(5)
        .map(|(_, id)| id.to_string())
        .collect()
}

/// The explanation of one claim, for JSON and for people.
#[derive(Debug, Serialize)]
pub struct Explanation {
    pub format_version: u32,
    pub id: String,
    pub title: String,
    pub rule: String,
    pub rule_line: usize,
    pub stated: Option<Node>,
    pub computed: Option<Node>,
    pub tolerance: Option<Node>,
    /// `rounded half-up`, the convention in force.
    pub rounding: Option<String>,
    /// The place value the stated figure is printed to (1, 0.1, 100000).
    pub rounded_to: Option<String>,
    /// The computed value rounded as the stated figure is printed.
    pub computed_rounded: Option<String>,
    pub comparison: String,
    /// exact | within_rounding | approximate | discrepancy | error
    pub verdict: String,
    pub working: Option<String>,
    pub difference: Option<String>,
    pub cause: Option<String>,
    pub notes: Vec<String>,
    pub expectation: Option<String>,
    pub error: Option<String>,
}

/// One step of the derivation.
#[derive(Debug, Serialize)]
pub struct Node {
    pub rule: String,
    pub working: String,
    pub value: String,
    pub unit: &'static str,
    /// `[lo, hi]`: every value the step could have, allowing for rounding.
    pub interval: [String; 2],
    /// The value and interval as people read them: `£43,624.83`.
    #[serde(skip)]
    pub shown: String,
    /// For a range, its high end.
    pub high: Option<Box<Node>>,
    /// The document figure the step reads.
    pub figure: Option<FigureNode>,
    pub inputs: Vec<Node>,
}

#[derive(Debug, Serialize)]
pub struct FigureNode {
    pub printed: String,
    pub document: String,
    /// The page, in a document printed on pages (a PDF); `line` is then the
    /// line on that page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    pub line: usize,
    pub column: usize,
    pub value: String,
    pub unit: &'static str,
    pub scale: &'static str,
    pub decimals: u32,
    pub interval: [String; 2],
    pub hedge: Option<&'static str>,
}

/// Explains claim `index` of `audited`.
pub fn explain(audited: &AuditedPack, index: usize) -> Option<Explanation> {
    let pack = &audited.pack;
    let claim = audited.outcome.claims.get(index)?;
    let at = pack.rule_file.line_col(claim.claim.span.start);
    let mut explanation = Explanation {
        format_version: FORMAT_VERSION,
        id: claim.id.clone(),
        title: claim.claim.title.value.clone(),
        rule: pack.rule_file.display_path.clone(),
        rule_line: at.line,
        stated: None,
        computed: None,
        tolerance: None,
        rounding: None,
        rounded_to: None,
        computed_rounded: None,
        comparison: claim.claim.comparison.symbol().to_string(),
        verdict: "error".into(),
        working: None,
        difference: None,
        cause: None,
        notes: Vec::new(),
        expectation: claim
            .claim
            .expectation
            .as_ref()
            .map(|e| e.reason.value.clone()),
        error: None,
    };
    match derive(pack, index)? {
        Ok(derivation) => add_derivation(&mut explanation, pack, &derivation),
        Err(error) => explanation.error = Some(error.to_string()),
    }
    match &claim.result {
        Ok(judgement) => {
            explanation.verdict = judgement.verdict.label().replace(' ', "_");
            explanation.computed_rounded = Some(format::plain(judgement.rounded));
            explanation.working = Some(judgement.working.clone());
            explanation.difference = Some(format::plain(judgement.difference));
            explanation.cause.clone_from(&judgement.cause);
            explanation.notes.clone_from(&judgement.notes);
        }
        Err(error) => explanation.error = Some(error.to_string()),
    }
    Some(explanation)
}

fn add_derivation(explanation: &mut Explanation, pack: &LoadedPack, derivation: &Derivation) {
    explanation.stated = Some(node(pack, &derivation.stated));
    explanation.computed = Some(node(pack, &derivation.computed));
    explanation.tolerance = derivation.tolerance.as_ref().map(|t| node(pack, t));
    explanation.rounding = Some(derivation.rounding.description().to_string());
    explanation.rounded_to = derivation
        .stated
        .figure
        .as_ref()
        .map(|(_, f)| format::plain(f.step()));
}

fn node(pack: &LoadedPack, step: &Step) -> Node {
    let high = step.high.as_ref().map(|high| {
        Box::new(Node {
            rule: step.rule.clone(),
            working: step.working.clone(),
            value: format::plain(high.value),
            unit: unit_name(high.unit),
            interval: interval(high),
            shown: shown(high),
            high: None,
            figure: step
                .high_figure
                .as_ref()
                .and_then(|(r, f)| figure_node(pack, r, f)),
            inputs: Vec::new(),
        })
    });
    Node {
        rule: step.rule.clone(),
        working: step.working.clone(),
        value: format::plain(step.value.value),
        unit: unit_name(step.value.unit),
        interval: interval(&step.value),
        shown: shown(&step.value),
        high,
        figure: step
            .figure
            .as_ref()
            .and_then(|(r, f)| figure_node(pack, r, f)),
        inputs: step.children.iter().map(|c| node(pack, c)).collect(),
    }
}

/// `£43,624.83 in [£43,624.75, £43,624.92]`, to six places at most.
fn shown(quantity: &Quantity) -> String {
    let show = |v| format::quantity(v, quantity.unit, 6);
    if quantity.bounds.lo == quantity.bounds.hi {
        return format!("{} (exact)", show(quantity.value));
    }
    format!(
        "{} in [{}, {}]",
        show(quantity.value),
        show(quantity.bounds.lo),
        show(quantity.bounds.hi)
    )
}

fn interval(quantity: &Quantity) -> [String; 2] {
    [
        format::plain(quantity.bounds.lo),
        format::plain(quantity.bounds.hi),
    ]
}

fn figure_node(pack: &LoadedPack, reference: &FigureRef, figure: &Figure) -> Option<FigureNode> {
    let document = pack.documents.get(&reference.document)?;
    let at = document.source.shown_at(figure.span.start);
    let bounds = figure.interval();
    Some(FigureNode {
        page: at.page,
        printed: figure.printed.clone(),
        document: document.source.display_path.clone(),
        line: at.line,
        column: at.column,
        value: format::plain(figure.value),
        unit: unit_name(figure.unit),
        scale: scale_name(figure.scale),
        decimals: figure.decimals,
        interval: [format::plain(bounds.lo), format::plain(bounds.hi)],
        hedge: figure.hedge.map(|h| h.phrase()),
    })
}

/// The explanation for people: the claim, then each side as a tree.
pub fn human(e: &Explanation) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "claim {}\n  “{}”, {}:{}\n",
        e.id, e.title, e.rule, e.rule_line
    );
    for (label, side) in [
        ("stated", &e.stated),
        ("computed", &e.computed),
        ("within", &e.tolerance),
    ] {
        if let Some(node) = side {
            let _ = writeln!(out, "{label}: {} = {}", node_label(node), node_value(node));
            write_figures(&mut out, node, "   ");
            write_children(&mut out, node, "");
        }
    }
    if let (Some(rounding), Some(rounded), Some(computed)) =
        (&e.rounding, &e.computed_rounded, &e.computed)
    {
        let to = e
            .rounded_to
            .as_deref()
            .map(|t| format!(" to the nearest {t}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "rounding: {} {rounding}{to}, as the stated figure is printed: {}",
            short(&computed.value),
            short(rounded)
        );
    }
    if let (Some(stated), Some(rounded)) = (&e.stated, &e.computed_rounded) {
        let _ = writeln!(
            out,
            "comparison: stated {} {} computed {}",
            short(&stated.value),
            e.comparison,
            short(rounded)
        );
    }
    if let Some(working) = &e.working {
        let _ = writeln!(out, "working: {working}");
    }
    let mut verdict = e.verdict.replace('_', " ");
    if let Some(difference) = e.difference.as_deref().filter(|d| *d != "0") {
        let _ = write!(verdict, " (stated minus computed: {})", short(difference));
    }
    let _ = writeln!(out, "verdict: {verdict}");
    for (label, text) in [
        ("likely cause", &e.cause),
        ("expected by the pack", &e.expectation),
        ("error", &e.error),
    ] {
        if let Some(text) = text {
            let _ = writeln!(out, "{label}: {text}");
        }
    }
    for note in &e.notes {
        let _ = writeln!(out, "note: {note}");
    }
    out
}

fn write_children(out: &mut String, node: &Node, indent: &str) {
    let count = node.inputs.len();
    for (i, child) in node.inputs.iter().enumerate() {
        let (branch, next) = if i + 1 == count {
            ("└─ ", "   ")
        } else {
            ("├─ ", "│  ")
        };
        let _ = writeln!(
            out,
            "{indent}{branch}{} = {}",
            node_label(child),
            node_value(child)
        );
        let inner = format!("{indent}{next}");
        write_figures(out, child, &format!("{inner}   "));
        write_children(out, child, &inner);
    }
}

/// What a step is called in the tree: a name or an anchor as the rule
/// writes it, a computation as its working (`0 + 1.3 + 1.3`), which stays
/// short where the rule text would repeat every anchor.
fn node_label(node: &Node) -> String {
    let is_name = node.rule.chars().all(|c| c.is_alphanumeric() || c == '_');
    let text = if node.inputs.is_empty() || is_name {
        &node.rule
    } else {
        &node.working
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `£43,624.83 in [£43,624.75, £43,624.92]`, both ends for a range.
fn node_value(node: &Node) -> String {
    match &node.high {
        Some(high) => format!("{} to {}", node.shown, high.shown),
        None => node.shown.clone(),
    }
}

/// Where a step that reads the document read it, and what the figure
/// stands for; a name shows this at the anchor it names instead.
fn write_figures(out: &mut String, node: &Node, indent: &str) {
    if !node.inputs.is_empty() {
        return;
    }
    for figure in node
        .figure
        .iter()
        .chain(node.high.iter().filter_map(|h| h.figure.as_ref()))
    {
        let hedge = figure
            .hedge
            .map(|h| format!(", hedged “{h}”"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{indent}read “{}” at {}:{}:{}: {} {}, scale {}, {} decimal place(s), stands for [{}, {}]{hedge}",
            figure.printed,
            figure.document,
            match figure.page {
                Some(page) => format!("p{page}:{}", figure.line),
                None => figure.line.to_string(),
            },
            figure.column,
            figure.value,
            figure.unit,
            figure.scale,
            figure.decimals,
            figure.interval[0],
            figure.interval[1],
        );
    }
}

/// A long decimal cut to six places for reading; JSON keeps every digit.
fn short(value: &str) -> String {
    match value.parse::<rust_decimal::Decimal>() {
        Ok(d) if d.scale() > 6 => format!("{}…", format::plain(d.round_dp(6))),
        _ => value.to_string(),
    }
}
