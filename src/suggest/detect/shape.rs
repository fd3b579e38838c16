//! The relationships suggest looks for, as data: each [`Shape`] says how
//! one figure of a row (or column) follows from others, and a
//! [`Relationship`] is a shape together with the places it holds and
//! breaks. Every search in `detect` produces these, and `render` writes
//! them out as rules, so they live apart from any one search.

/// How one figure of a row (or column) follows from others.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// In each row: column `total` = the sum of columns `parts`.
    ColumnSum { total: usize, parts: Vec<usize> },
    /// In each row: column `result` = column `left` - column `right`.
    ColumnDifference {
        result: usize,
        left: usize,
        right: usize,
    },
    /// In each row: column `result` = column `gross` less each of columns
    /// `less` (net spending = gross − grants − fees, each printed
    /// positive).
    ColumnNet {
        result: usize,
        gross: usize,
        less: Vec<usize>,
    },
    /// In each row: column `result` is the change from column `from` to
    /// column `to` as a share of `from` (a per cent change).
    ColumnChange {
        result: usize,
        from: usize,
        to: usize,
    },
    /// In each row: column `result` = column `source` × `numerator` /
    /// `denominator` (a weekly column is the yearly one / 52).
    ColumnScaled {
        result: usize,
        source: usize,
        numerator: u32,
        denominator: u32,
    },
    /// In each row: column `result` = column `source` plus the same amount
    /// as in row `reference` (each parish's Band D with the district's
    /// charge added: the same £236.07 in every row).
    ColumnOffset {
        result: usize,
        source: usize,
        reference: usize,
    },
    /// In each row: column `result` = column `numerator` / column
    /// `denominator` (a per-head or Band D column).
    ColumnQuotient {
        result: usize,
        numerator: usize,
        denominator: usize,
    },
    /// In each row: column `share` = column `of` / that column's figure in
    /// row `total_row` (a percentage of the total).
    ColumnShare {
        share: usize,
        of: usize,
        total_row: usize,
    },
    /// In each row: column `share` is how many pounds of every £100 of
    /// column `of`'s figure in row `total_row` the row's figure is (where
    /// each £100 of council tax goes).
    ColumnPerHundred {
        share: usize,
        of: usize,
        total_row: usize,
    },
    /// In each row: the percentages of columns `parts` make 100%.
    ColumnsWhole { parts: Vec<usize> },
    /// In each row: the two percentages of column `column`'s cells
    /// (`65%/35%`) make 100%.
    PairWhole { column: usize },
    /// In each row: the first share of column `shares`' pair (`62%/38%`)
    /// is the first count of column `counts`' pair (`North – 5; South –
    /// 3`) over the two counts together.
    PairFollows { shares: usize, counts: usize },
    /// In each column: row `total` = the sum of rows `parts`.
    RowSum { total: usize, parts: Vec<usize> },
    /// In each column: row `result` = row `numerator` / row `denominator`
    /// (the Band D charge is the council tax requirement over the tax
    /// base; a per-head row).
    RowQuotient {
        result: usize,
        numerator: usize,
        denominator: usize,
    },
    /// In each column: row `result` = row `left` - row `right` (the budget
    /// gap is the net budget requirement less the funding).
    RowDifference {
        result: usize,
        left: usize,
        right: usize,
    },
    /// In each column but the first: row `row` = row `from` in the column
    /// before (the budget brought forward is last year's net budget).
    RowCarried { row: usize, from: usize },
    /// In each column: row `row` = row `reference` × `numerator` /
    /// `denominator` (council tax Band F is 13/9 of Band D).
    RowMultiple {
        row: usize,
        reference: usize,
        numerator: u32,
        denominator: u32,
        /// The ratio is a council tax band's, set in law, not one the
        /// table's columns showed.
        in_law: bool,
    },
}

impl Shape {
    /// Whether the shape is applied row by row (else column by column).
    pub fn per_row(&self) -> bool {
        !matches!(
            self,
            Shape::RowSum { .. }
                | Shape::RowMultiple { .. }
                | Shape::RowQuotient { .. }
                | Shape::RowCarried { .. }
                | Shape::RowDifference { .. }
        )
    }
}

/// A relationship of one table, and where it holds and breaks.
#[derive(Clone, Debug, PartialEq)]
pub struct Relationship {
    pub shape: Shape,
    /// Rows (for a per-row shape) or columns, by position in the grid, where
    /// all its figures are printed: the places a rule would check.
    pub over: Vec<usize>,
    /// Of `over`, where it breaks.
    pub broken: Vec<usize>,
    /// How many of `over` keep it (places where every figure is zero are
    /// in `over` but neither keep nor break it).
    pub kept: usize,
}

/// The column a per-row relationship makes.
pub(super) fn result_column(relationship: &Relationship) -> Option<usize> {
    match relationship.shape {
        Shape::ColumnSum { total, .. } => Some(total),
        Shape::ColumnDifference { result, .. }
        | Shape::ColumnOffset { result, .. }
        | Shape::ColumnNet { result, .. }
        | Shape::ColumnChange { result, .. }
        | Shape::ColumnScaled { result, .. }
        | Shape::ColumnQuotient { result, .. } => Some(result),
        Shape::ColumnShare { share, .. } | Shape::ColumnPerHundred { share, .. } => Some(share),
        Shape::RowSum { .. }
        | Shape::RowMultiple { .. }
        | Shape::RowQuotient { .. }
        | Shape::RowCarried { .. }
        | Shape::RowDifference { .. }
        | Shape::ColumnsWhole { .. }
        | Shape::PairWhole { .. }
        | Shape::PairFollows { .. } => None,
    }
}

/// `Total`, `Sub-total`, `Net budget`, `Total (£'000s)`, `Council tax
/// requirement` (what the rows above it come to, in a council's budget).
pub fn is_total_label(label: &str) -> bool {
    // A row named with its section (`LEISURE / Net expenditure`) is named
    // a total by its own label, the part after the section's.
    let own = label.rsplit(" / ").next().unwrap_or(label);
    let lower = own.to_lowercase();
    lower.contains("total") || lower.starts_with("net ") || lower.ends_with(" requirement")
}
