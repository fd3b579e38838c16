//! A table as a grid of values: the rows and columns a rule can name, and
//! in each cell the one figure it holds, qualified by its column header
//! (`£'000`, `%`) as a claim reading the cell would take it.

use rust_decimal::Decimal;

use crate::document::figure_in_context as in_context;
use crate::document::Document;
use crate::interval::Interval;
use crate::tables::Table;
use crate::units::Unit;

/// One figure of the grid: what it was printed as and what it may stand
/// for. Percentages are held as ratios (`40%` is 0.4), so that a share is
/// compared with a quotient directly.
#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub value: Decimal,
    pub interval: Interval,
    pub unit: Unit,
    pub printed: String,
}

impl Value {
    /// Whether the cell printed none (`-`, `nil`, or blank where blank is
    /// nil): a zero that is no figure of the paper.
    pub fn is_nil(&self) -> bool {
        self.printed.is_empty() || crate::tables::is_nil(&self.printed)
    }
}

/// A row or column a rule can name: its label finds it, and nothing else.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    /// Index into the table's data rows, or the column's position.
    pub index: usize,
    /// The label, or for a column without a header, its number from 1.
    pub label: String,
    /// The column has no header: a rule names it by `label`, a number.
    pub by_number: bool,
}

impl Axis {
    /// The axis as a rule names it: a quoted label, or a column number.
    pub fn reference(&self) -> String {
        if self.by_number {
            self.label.clone()
        } else {
            quoted(&self.label)
        }
    }

    /// The axis as a title names it.
    pub fn title(&self) -> String {
        if self.by_number {
            format!("column {}", self.label)
        } else {
            format!("“{}”", self.label)
        }
    }
}

/// A table's figures by row and column.
#[derive(Clone, Debug)]
pub struct Grid {
    /// Index into the document's tables.
    pub table: usize,
    /// The line the table starts on, for comments.
    pub line: usize,
    /// A cell's words that find this table and no other.
    pub key: String,
    pub rows: Vec<Axis>,
    pub columns: Vec<Axis>,
    /// `cells[row][column]`, by position in `rows` and `columns`.
    cells: Vec<Vec<Option<Value>>>,
    /// Cells holding two figures (`65%/35%`), by position as `cells`.
    pairs: Vec<Vec<Option<(Value, Value)>>>,
    /// How often each row's label occurs in the paper's text, tables
    /// included: the row a paper talks about is the one others are
    /// measured against (council tax bands are fractions of Band D).
    pub mentions: Vec<usize>,
}

impl Grid {
    pub fn cell(&self, row: usize, column: usize) -> Option<&Value> {
        self.cells.get(row)?.get(column)?.as_ref()
    }

    /// Whether `column` prints a whole (`100%`, as 1): a column of shares,
    /// whose rows add up as its parts do.
    pub fn holds_a_whole(&self, column: usize) -> bool {
        (0..self.rows.len()).any(|row| {
            self.cell(row, column)
                .is_some_and(|v| v.unit == Unit::Percent && v.value == Decimal::ONE)
        })
    }

    /// The two figures of a cell that holds two (`65%/35%`).
    pub fn pair(&self, row: usize, column: usize) -> Option<&(Value, Value)> {
        self.pairs.get(row)?.get(column)?.as_ref()
    }

    /// The grids of every table of the document that a pack can address:
    /// found by a cell's words, with at least two rows and two columns of
    /// figures.
    pub fn of_document(document: &Document) -> Vec<Grid> {
        (0..document.tables.len())
            .filter_map(|index| Grid::new(document, index))
            .collect()
    }

    /// Why the table at `table_index` gives no grid, if it gives none:
    /// no cell's words find it alone, or too few of its rows and columns
    /// of figures have labels that find them.
    pub fn unnamed(document: &Document, table_index: usize) -> Option<String> {
        if Grid::new(document, table_index).is_some() {
            return None;
        }
        if table_key(document, table_index).is_none() {
            return Some("no cell's words find it and no other table".into());
        }
        Some("fewer than two of its rows of figures have a label that finds them alone".into())
    }

    fn new(document: &Document, table_index: usize) -> Option<Grid> {
        let table = document.tables.get(table_index)?;
        let key = table_key(document, table_index)?;
        let rows = addressable_rows(document, table);
        let columns = addressable_columns(table);
        let values: Vec<Vec<Vec<Value>>> = rows
            .iter()
            .map(|row| {
                columns
                    .iter()
                    .map(|column| cell_values(document, table, row.index, column.index))
                    .collect()
            })
            .collect();
        // Only the rows and columns holding a figure somewhere.
        let keep_rows: Vec<bool> = values
            .iter()
            .map(|r| r.iter().any(|v| !v.is_empty()))
            .collect();
        let keep_columns: Vec<bool> = (0..columns.len())
            .map(|c| {
                values
                    .iter()
                    .any(|r| r.get(c).is_some_and(|v| !v.is_empty()))
            })
            .collect();
        let keep = |all: &[bool], i: usize| all.get(i).copied().unwrap_or(false);
        let rows: Vec<Axis> = rows
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(&keep_rows, *i))
            .map(|(_, row)| row)
            .collect();
        let values: Vec<Vec<Vec<Value>>> = values
            .into_iter()
            .enumerate()
            .filter(|(i, _)| keep(&keep_rows, *i))
            .map(|(_, row)| {
                row.into_iter()
                    .enumerate()
                    .filter(|(c, _)| keep(&keep_columns, *c))
                    .map(|(_, cell)| cell)
                    .collect()
            })
            .collect();
        let columns: Vec<Axis> = columns
            .into_iter()
            .enumerate()
            .filter(|(c, _)| keep(&keep_columns, *c))
            .map(|(_, column)| column)
            .collect();
        let mut values = values;
        give_nils_their_column_unit(&mut values);
        let cells = values
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| match cell.as_slice() {
                        [one] => Some(one.clone()),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        let pairs = values
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| match cell.as_slice() {
                        [first, second] => Some((first.clone(), second.clone())),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        let mentions = rows
            .iter()
            .map(|row| document.source.text.matches(row.label.as_str()).count())
            .collect();
        (rows.len() >= 2 && !columns.is_empty()).then(|| Grid {
            mentions,
            table: table_index,
            line: document.source.line_col(table.span.start).line,
            key,
            rows,
            columns,
            cells,
            pairs,
        })
    }
}

/// A cell's words that `doc.table("…")` finds this table by, and no other:
/// the first row label (or header) that is unique to it.
fn table_key(document: &Document, index: usize) -> Option<String> {
    let table = document.tables.get(index)?;
    let figures = &document.figures;
    let mut candidates: Vec<&str> = table
        .data_rows()
        .iter()
        .filter_map(|row| table.row_label(row, figures))
        .collect();
    candidates.extend(
        table
            .rows
            .iter()
            .take(table.header_rows)
            .flat_map(|r| &r.cells)
            .map(|c| c.text.as_str()),
    );
    // A label's words without the figure it holds find the table in the
    // next draft too, when the figure has changed.
    let finds = |label: &&str| {
        quotable(label)
            && label.chars().any(char::is_alphabetic)
            && document.find_table(label) == Ok(index)
    };
    candidates
        .into_iter()
        .find_map(|label| {
            let words = words_before_figures(label);
            let words = words_after_figure(words).unwrap_or(words);
            [words, label].into_iter().find(finds)
        })
        .map(str::to_string)
}

/// Data rows whose first label finds them, and only them. A label that
/// holds the row's own figure (`Total - £436,248`) is named by its words
/// before the figure (`Total`), so that the rule still finds the row when
/// a draft changes the figure.
fn addressable_rows(document: &Document, table: &Table) -> Vec<Axis> {
    let figures = &document.figures;
    table
        .data_rows()
        .iter()
        .enumerate()
        .filter_map(|(index, row)| {
            let label = table.row_label(row, figures)?;
            let finds =
                |label: &str| quotable(label) && table.find_row(label, figures) == Ok(index);
            let label = words_before_figures(label);
            // `12,345 Children's Services 13,456` (last year's figure before
            // the label): the words after the figure name the row.
            let label = words_after_figure(label)
                .filter(|l| finds(l))
                .unwrap_or(label);
            // A label each section repeats (`Sub-total`) is named with its
            // section's heading: `ENVIRONMENT / Sub-total`.
            let label = if finds(label) {
                label.to_string()
            } else {
                let section = table.section_of(index, figures)?;
                Some(format!("{section} / {label}")).filter(|l| finds(l))?
            };
            Some(Axis {
                index,
                label,
                by_number: false,
            })
        })
        .collect()
}

/// `Total - £436,248` → `Total`: a label's words before an amount (`£`,
/// or digits with a separator) that ends it, without the punctuation
/// before it. `Year 5` and labels that start with the amount are kept.
fn words_before_figures(label: &str) -> &str {
    let Some(cut) = label.find(|c: char| c.is_ascii_digit() || c == '£') else {
        return label;
    };
    let amount = label.get(cut..).unwrap_or("");
    let is_amount = !amount.chars().any(char::is_alphabetic)
        && (amount.contains('£') || amount.contains(',') || amount.contains('.'));
    if !is_amount {
        return label;
    }
    let words = label
        .get(..cut)
        .unwrap_or(label)
        .trim_end_matches(|c: char| c.is_whitespace() || "-–—:(".contains(c));
    if words.chars().any(char::is_alphabetic) {
        words
    } else {
        label
    }
}

/// `12,345 Children's Services` → `Children's Services`: the words after
/// an amount (`£`, or digits with a separator) that starts the label, when
/// there are words after it.
fn words_after_figure(label: &str) -> Option<&str> {
    let (first, rest) = label.split_once(char::is_whitespace)?;
    let amount = first.chars().any(|c| c.is_ascii_digit())
        && first
            .chars()
            .all(|c| c.is_ascii_digit() || "£,.-–()%".contains(c))
        && first.contains(['£', ',', '.']);
    let words = rest.trim_start_matches(|c: char| c.is_whitespace() || "-–—:".contains(c));
    (amount && words.chars().any(char::is_alphabetic)).then_some(words)
}

/// Columns whose joined header labels find them, and only them; a column
/// without a header is named by its number.
fn addressable_columns(table: &Table) -> Vec<Axis> {
    (0..table.column_count())
        .filter_map(|index| {
            let label = table.column_labels(index).join(" / ");
            if label.is_empty() {
                return Some(Axis {
                    index,
                    label: (index + 1).to_string(),
                    by_number: true,
                });
            }
            (quotable(&label) && table.find_column(&label) == Ok(index)).then_some(Axis {
                index,
                label,
                by_number: false,
            })
        })
        .collect()
}

/// Whether a label can be written as a string in a pack and find its row
/// there: any text but an empty one, or one holding a whole-table rule's
/// placeholder (`{row}`, `{column}`), which its title would replace.
/// Quotes, backslashes and line breaks are escaped by [`quoted`].
fn quotable(label: &str) -> bool {
    !label.trim().is_empty() && !label.contains("{row}") && !label.contains("{column}")
}

/// `text` as a string literal of the rule language: in double quotes, with
/// `"`, `\\`, tabs and line breaks escaped as the parser reads them.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A `-` cell takes the unit of the other figures of its column, as
/// `cell()` reads it, so that it adds to them.
fn give_nils_their_column_unit(values: &mut [Vec<Vec<Value>>]) {
    let columns = values.first().map_or(0, Vec::len);
    for column in 0..columns {
        let unit = values
            .iter()
            .filter_map(|row| row.get(column)?.first())
            .find(|v| !v.is_nil())
            .map(|v| v.unit);
        let Some(unit) = unit else { continue };
        for row in values.iter_mut() {
            if let Some([nil]) = row.get_mut(column).map(Vec::as_mut_slice) {
                if nil.is_nil() {
                    nil.unit = unit;
                }
            }
        }
    }
}

/// The figures of a cell, as a claim reading it would take them: one, or
/// two percentages (`65%/35%`); none for an empty cell, words, a range
/// (`£20-66m`, one figure with two ends) or other figures side by side.
fn cell_values(document: &Document, table: &Table, row: usize, column: usize) -> Vec<Value> {
    let Some(row) = table.data_rows().get(row) else {
        return Vec::new();
    };
    let Some(cell) = row.cells.get(column) else {
        return Vec::new();
    };
    // `-` is none: zero, in its column's unit (set once the column is read).
    if table.is_nil_cell(row, column) {
        return vec![Value {
            value: Decimal::ZERO,
            interval: Interval::point(Decimal::ZERO),
            unit: Unit::Number,
            printed: cell.text.clone(),
        }];
    }
    let figures = &document.figures.figures;
    let start = figures.partition_point(|f| f.span.start < cell.span.start);
    let inside: Vec<usize> = (start..figures.len())
        .take_while(|&i| figures.get(i).is_some_and(|f| f.span.end <= cell.span.end))
        .collect();
    let in_range = |index: usize| {
        document
            .figures
            .ranges
            .iter()
            .any(|r| r.low == index || r.high == index)
    };
    if inside.len() > 2 || inside.iter().any(|&i| in_range(i)) {
        return Vec::new();
    }
    let values: Vec<Value> = inside
        .into_iter()
        .filter_map(|index| value_of(document, index))
        .collect();
    // Two figures are read only as a split (`65%/35%`) or as the two
    // counts a split may follow (`North – 5; South – 3`); a cost and its
    // on-costs in one cell are no figure a rule can name.
    // Counts are read so only after the row's first figure: in its label
    // (`1 x Grade 14 Programme Manager`, `Budget 2026/27`) two numbers
    // are words.
    let all = |units: &[Unit]| values.iter().all(|v| units.contains(&v.unit));
    let labels = table.row_labels(row, &document.figures);
    let in_label = labels.iter().any(|l| std::ptr::eq(*l, cell.text.as_str()));
    let counts = all(&[Unit::Number, Unit::People]) && !in_label;
    match values.as_slice() {
        [_, _] if !all(&[Unit::Percent]) && !counts => Vec::new(),
        _ => values,
    }
}

fn value_of(document: &Document, index: usize) -> Option<Value> {
    let figure = in_context(document, index)?;
    let interval = figure.interval();
    let (value, interval) = if figure.unit == Unit::Percent {
        let hundred = Decimal::ONE_HUNDRED;
        (
            figure.value / hundred,
            Interval {
                lo: interval.lo / hundred,
                hi: interval.hi / hundred,
            },
        )
    } else {
        (figure.value, interval)
    };
    Some(Value {
        value,
        interval,
        unit: figure.unit,
        printed: figure.printed.clone(),
    })
}
