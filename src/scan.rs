//! `vd-audit scan DOCUMENT`: what vd-audit sees in a document, for a pack
//! author writing anchors. Every figure with its place, value, unit, scale,
//! printed precision and hedge, and whether a claim reads it; every table
//! with its header rows, and its row and column labels as `cell(row,
//! column)` addresses them.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::document::Document;
use crate::document::{classify, column_stated_unit, figure_in_context, FigureKind};
use crate::figures::{Figure, Figures};
use crate::format;
use crate::tables::{is_figure_cell, Table};
use crate::units::{scale_name, unit_name};

pub const FORMAT_VERSION: u32 = 1;

/// A document as vd-audit reads it.
#[derive(Debug, Serialize)]
pub struct Scan {
    pub format_version: u32,
    pub document: String,
    /// The packs whose claims were looked at for `read_by`.
    pub packs: Vec<String>,
    pub figures: Vec<ScannedFigure>,
    pub malformed: Vec<ScannedMalformed>,
    pub tables: Vec<ScannedTable>,
    /// The blocks of figures `check --auto` finds no arithmetic in or
    /// cannot read (`lines 12–27: 9 rows of figures …`), each with why; set
    /// by the caller, which can ask `suggest`.
    pub not_read: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ScannedFigure {
    /// The page, in a document printed on pages (a PDF); `line` is then the
    /// line on that page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    pub line: usize,
    pub column: usize,
    /// In a web page, the element the figure came from (`table 2, row 3,
    /// column 2`, `p 4`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub element: Option<String>,
    pub printed: String,
    /// The value with its scale applied, as the rule language reads it
    /// (a table column's `(£m)` included); percentages as printed (40).
    pub value: String,
    pub unit: &'static str,
    pub scale: &'static str,
    /// Digits printed after the decimal point.
    pub decimals: u32,
    /// Every value that prints as this figure: `[lo, hi]`.
    pub interval: [String; 2],
    pub hedge: Option<&'static str>,
    pub in_words: bool,
    /// `low` or `high` for an end of a range such as `£20-66m`.
    pub range_end: Option<&'static str>,
    /// arithmetic | prose | date | phone | numbering | label
    pub kind: &'static str,
    /// The ids of the claims that read it.
    pub read_by: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ScannedMalformed {
    /// The page, in a document printed on pages (a PDF); `line` is then the
    /// line on that page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    pub line: usize,
    pub column: usize,
    /// In a web page, the element the figure came from (`table 2, row 3,
    /// column 2`, `p 4`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub element: Option<String>,
    pub printed: String,
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct ScannedTable {
    /// The page, in a document printed on pages (a PDF); `line` is then the
    /// line on that page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    pub line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_page: Option<usize>,
    pub end_line: usize,
    /// Words that find this table and no other: `table("…")`.
    pub find_with: Option<String>,
    pub header_rows: Vec<Vec<String>>,
    pub columns: Vec<ScannedColumn>,
    pub rows: Vec<ScannedRow>,
}

#[derive(Debug, Serialize)]
pub struct ScannedColumn {
    /// 1-based, as `cell(row, 3)` counts.
    pub number: usize,
    /// The header labels joined with ` / `, as `cell(row, "…")` takes them.
    pub label: String,
    /// Whether the column holds the rows' labels (words, no figure), not
    /// figures: with no header it is the label column, not a column of
    /// figures to address by number.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub holds_row_labels: bool,
    /// The unit and scale the header gives its figures, if any.
    pub unit: Option<&'static str>,
    pub scale: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct ScannedRow {
    /// The page, in a document printed on pages (a PDF); `line` is then the
    /// line on that page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    pub line: usize,
    /// Every label that finds the row, the first one first.
    pub labels: Vec<String>,
    pub figures: usize,
}

/// Scans `document`; `read_by` gives, per figure index, the claims that
/// read it.
pub fn scan(
    document: &Document,
    packs: Vec<String>,
    read_by: &BTreeMap<usize, Vec<String>>,
) -> Scan {
    let source = &document.source;
    let figures = document
        .figures
        .figures
        .iter()
        .enumerate()
        .map(|(index, figure)| {
            let shown = figure_in_context(document, index).unwrap_or_else(|| figure.clone());
            scanned_figure(
                document,
                index,
                &shown,
                read_by.get(&index).cloned().unwrap_or_default(),
            )
        })
        .collect();
    let malformed = document
        .figures
        .malformed
        .iter()
        .map(|m| {
            let at = source.shown_at(m.span.start);
            ScannedMalformed {
                page: at.page,
                line: at.line,
                column: at.column,
                element: source.element_at(m.span.start),
                printed: m.printed.clone(),
                reason: m.reason.clone(),
            }
        })
        .collect();
    let tables = document
        .tables
        .iter()
        .map(|t| scanned_table(document, t))
        .collect();
    Scan {
        format_version: FORMAT_VERSION,
        document: source.display_path.clone(),
        packs,
        figures,
        malformed,
        tables,
        not_read: Vec::new(),
    }
}

fn scanned_figure(
    document: &Document,
    index: usize,
    figure: &Figure,
    read_by: Vec<String>,
) -> ScannedFigure {
    let at = document.source.shown_at(figure.span.start);
    let interval = figure.interval();
    let range_end = document.figures.ranges.iter().find_map(|r| {
        if r.low == index {
            Some("low")
        } else if r.high == index {
            Some("high")
        } else {
            None
        }
    });
    ScannedFigure {
        page: at.page,
        line: at.line,
        column: at.column,
        element: document.source.element_at(figure.span.start),
        printed: figure.printed.clone(),
        value: format::plain(figure.value),
        unit: unit_name(figure.unit),
        scale: scale_name(figure.scale),
        decimals: figure.decimals,
        interval: [format::plain(interval.lo), format::plain(interval.hi)],
        hedge: figure.hedge.map(|h| h.phrase()),
        in_words: figure.in_words,
        range_end,
        kind: kind_name(classify(document, figure)),
        read_by,
    }
}

fn scanned_table(document: &Document, table: &Table) -> ScannedTable {
    let source = &document.source;
    let figures = &document.figures;
    let header_rows = table
        .rows
        .get(..table.header_rows)
        .unwrap_or_default()
        .iter()
        .map(|row| row.cells.iter().map(|c| c.text.clone()).collect())
        .collect();
    let columns = (0..table.column_count())
        .map(|c| {
            let labels = table.column_labels(c);
            let unit = column_stated_unit(document, table, c);
            ScannedColumn {
                number: c + 1,
                holds_row_labels: holds_row_labels(table, c, figures),
                label: labels.join(" / "),
                unit: unit.map(|(u, _)| unit_name(u)),
                scale: unit.map(|(_, s)| scale_name(s)),
            }
        })
        .collect();
    let rows = table
        .data_rows()
        .iter()
        .map(|row| ScannedRow {
            page: source.shown_at(row.span.start).page,
            line: source.shown_at(row.span.start).line,
            labels: table
                .row_labels(row, figures)
                .into_iter()
                .map(str::to_string)
                .collect(),
            figures: row
                .cells
                .iter()
                .filter(|c| is_figure_cell(c, figures))
                .count(),
        })
        .collect();
    ScannedTable {
        page: source.shown_at(table.span.start).page,
        line: source.shown_at(table.span.start).line,
        end_page: source.shown_at(table.span.end).page,
        end_line: source.shown_at(table.span.end).line,
        find_with: finding_words(document, table),
        header_rows,
        columns,
        rows,
    }
}

/// Whether column `c` of `table` holds words in its data rows and never a
/// figure.
fn holds_row_labels(table: &Table, c: usize, figures: &Figures) -> bool {
    let cells: Vec<_> = table
        .data_rows()
        .iter()
        .filter_map(|row| row.cells.get(c))
        .filter(|cell| !cell.text.trim().is_empty())
        .collect();
    !cells.is_empty() && cells.iter().all(|cell| !is_figure_cell(cell, figures))
}

/// The first of the table's labels that no other table has, so that
/// `table("…")` finds this one.
fn finding_words(document: &Document, table: &Table) -> Option<String> {
    table
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .filter(|c| !c.text.is_empty() && !is_figure_cell(c, &document.figures))
        .map(|c| c.text.as_str())
        .find(|words| {
            document
                .tables
                .iter()
                .filter(|t| t.mentions(words, true))
                .count()
                == 1
        })
        .map(str::to_string)
}

fn kind_name(kind: FigureKind) -> &'static str {
    match kind {
        FigureKind::Arithmetic => "arithmetic",
        FigureKind::Prose => "prose",
        FigureKind::Date => "date",
        FigureKind::Phone => "phone",
        FigureKind::Numbering => "numbering",
        FigureKind::Label => "label",
    }
}

/// The scan for people: a line per figure, then each table.
pub fn human(scan: &Scan) -> String {
    let mut out = String::new();
    let read = scan
        .figures
        .iter()
        .filter(|f| !f.read_by.is_empty())
        .count();
    let _ = writeln!(
        out,
        "{}: {} figures ({read} read by a claim of {} pack(s)), {} tables, {} malformed",
        scan.document,
        scan.figures.len(),
        scan.packs.len(),
        scan.tables.len(),
        scan.malformed.len()
    );
    // A web page's figures end with the element they came from.
    let elements = scan.figures.iter().any(|f| f.element.is_some());
    let _ = writeln!(
        out,
        "\nFigures\n{:<10} {:<16} {:<18} {:<9} {:<8} {:>2}  {:<16} {:<10} read by{}",
        "line:col",
        "printed",
        "value",
        "unit",
        "scale",
        "dp",
        "hedge",
        "kind",
        if elements { "  (element)" } else { "" }
    );
    for f in &scan.figures {
        write_figure_line(&mut out, f);
    }
    for m in &scan.malformed {
        let _ = writeln!(
            out,
            "{:<10} {:<16} malformed: {}",
            format!("{}:{}", named_line(m.page, m.line), m.column),
            m.printed,
            m.reason
        );
    }
    for (number, table) in scan.tables.iter().enumerate() {
        write_table(&mut out, number + 1, table);
    }
    if !scan.not_read.is_empty() {
        out.push_str(
            "\nNot read by `check --auto` (no arithmetic found, or no rule can name it):\n",
        );
        for block in &scan.not_read {
            let _ = writeln!(out, "  {block}");
        }
    }
    out
}

fn write_figure_line(out: &mut String, f: &ScannedFigure) {
    let read = match f.read_by.as_slice() {
        [] => "-".to_string(),
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} (+{} more)", rest.len()),
    };
    let printed = match f.range_end {
        Some(end) => format!("{} ({end})", f.printed),
        None => f.printed.clone(),
    };
    let element = match &f.element {
        Some(element) => format!("  ({element})"),
        None => String::new(),
    };
    let _ = writeln!(
        out,
        "{:<10} {:<16} {:<18} {:<9} {:<8} {:>2}  {:<16} {:<10} {read}{element}",
        format!("{}:{}", named_line(f.page, f.line), f.column),
        printed,
        f.value,
        f.unit,
        f.scale,
        f.decimals,
        f.hedge.unwrap_or("-"),
        f.kind
    );
}

/// `14`, or `p3:14` for line 14 of page 3.
fn named_line(page: Option<usize>, line: usize) -> String {
    match page {
        Some(page) => format!("p{page}:{line}"),
        None => line.to_string(),
    }
}

fn write_table(out: &mut String, number: usize, table: &ScannedTable) {
    let find = match &table.find_with {
        Some(words) => format!("table(\"{words}\")"),
        None => "no label is unique to it".to_string(),
    };
    let _ = writeln!(
        out,
        "\nTable {number}, lines {}-{}: {find}",
        named_line(table.page, table.line),
        named_line(table.end_page, table.end_line)
    );
    for (depth, header) in table.header_rows.iter().enumerate() {
        let _ = writeln!(out, "  header row {}: {}", depth + 1, header.join(" | "));
    }
    for column in &table.columns {
        let unit = match (column.unit, column.scale) {
            (Some(unit), Some(scale)) => format!("  ({unit}, {scale})"),
            _ => String::new(),
        };
        if column.label.is_empty() && column.holds_row_labels {
            let _ = writeln!(out, "  column {}: the row labels, no header", column.number);
        } else if column.label.is_empty() {
            let _ = writeln!(
                out,
                "  column {0}: no header: address it by number, cell(row, {0})",
                column.number
            );
        } else {
            let _ = writeln!(
                out,
                "  column {}: \"{}\"{unit}",
                column.number, column.label
            );
        }
    }
    for row in &table.rows {
        let labels: Vec<String> = row.labels.iter().map(|l| format!("\"{l}\"")).collect();
        let labels = if labels.is_empty() {
            "(no label)".to_string()
        } else {
            labels.join(" or ")
        };
        let _ = writeln!(
            out,
            "  row, line {}: {labels}, {} figures",
            named_line(row.page, row.line),
            row.figures
        );
    }
}

/// The packs that read the document at `path`, and per figure index the
/// ids of the claims that read it.
pub fn claims_reading(
    audits: &[crate::report::PackAudit],
    path: &std::path::Path,
) -> (Vec<String>, BTreeMap<usize, Vec<String>>) {
    let wanted = std::fs::canonicalize(path).ok();
    let mut packs = Vec::new();
    let mut read: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for audit in audits {
        let crate::report::PackAudit::Audited(audited) = audit else {
            continue;
        };
        let names: Vec<&String> = audited
            .pack
            .documents
            .iter()
            .filter(|(_, d)| {
                wanted.is_some() && std::fs::canonicalize(&d.source.path).ok() == wanted
            })
            .map(|(name, _)| name)
            .collect();
        if names.is_empty() {
            continue;
        }
        packs.push(audited.pack.rule_file.display_path.clone());
        for claim in &audited.outcome.claims {
            let Ok(judgement) = &claim.result else {
                continue;
            };
            let mut figures = vec![&judgement.stated];
            figures.extend(judgement.other_end.iter().map(|o| &o.stated));
            figures.extend(&judgement.inputs);
            for figure in figures.into_iter().filter(|f| names.contains(&&f.document)) {
                let ids = read.entry(figure.index).or_default();
                if !ids.contains(&claim.id) {
                    ids.push(claim.id.clone());
                }
            }
        }
    }
    (packs, read)
}
