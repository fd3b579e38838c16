//! The syntax tree of a rule pack. Every node carries the span of the text
//! it was parsed from, in the pack's own file.

use rust_decimal::Decimal;

use crate::span::Span;
use crate::units::Unit;

/// A parsed rule pack: the documents it reads and its statements in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Pack {
    /// `pack "Derbyshire Dales Phase 4"`
    pub title: Option<Text>,
    pub documents: Vec<DocumentDecl>,
    pub statements: Vec<Statement>,
}

/// A string literal and where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

/// A name and where it stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// `document dales = "../documents/derbyshire-dales-phase4-2021.txt"`; the
/// path is relative to the pack file.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentDecl {
    pub name: Ident,
    pub path: Text,
    pub span: Span,
}

// A claim is larger than the other statements; a pack holds its statements
// once, in one Vec, so boxing claims would add indirection and save nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Statement {
    Let(Let),
    Claim(Claim),
    /// `rounding half-even`: how the document rounds, for the claims after it.
    Rounding {
        convention: Rounding,
        span: Span,
    },
    /// `hedge "just under" within 2%`: how far a hedge word reaches.
    Hedge {
        phrase: Text,
        tolerance: Expr,
        span: Span,
    },
    /// `expect malformed dales "1,103,5000" "should read 1,103,500"`: a
    /// malformed figure the document is known to print.
    ExpectMalformed {
        document: Ident,
        printed: Text,
        reason: Text,
        span: Span,
    },
    /// `let total = dales "Total £{"`: a `let` with a syntax error (reported
    /// by the parser). Its name is bound to nothing, so that a claim using
    /// it says that its `let` has an error.
    FailedLet {
        name: Ident,
        span: Span,
    },
    /// `for row in bands.rows("Band A" to "Band H")` and the claim (or
    /// nested `for`) it governs: a whole-table rule, expanded into one claim
    /// per row or column when the pack's documents are loaded.
    For(Box<ForLoop>),
}

/// `for row in bands.rows("Band A" to "Band H")` and what it governs.
#[derive(Clone, Debug, PartialEq)]
pub struct ForLoop {
    /// `row`: the name the body uses for each label in turn.
    pub variable: Ident,
    pub document: Ident,
    /// The table's label, as in `dales.table("…")`.
    pub table: Text,
    /// `rows(…)` or `columns(…)`.
    pub axis: Axis,
    pub labels: Labels,
    pub body: ForBody,
    /// Where the body uses `variable` as a label: each is a [`Text`] whose
    /// value is `{row}` until the loop is expanded.
    pub uses: Vec<Span>,
    /// From `for` to the closing bracket of `rows(…)`.
    pub span: Span,
}

/// What a `for` governs.
// Built once per `for` and consumed when the pack is loaded.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum ForBody {
    /// A claim, with its expectations: `expect discrepancy for "Band F" …`
    /// applies to one row only, so a claim in a `for` may have several.
    Claim {
        claim: Claim,
        expectations: Vec<Expectation>,
    },
    For(Box<ForLoop>),
}

/// Rows or columns of a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis {
    Rows,
    Columns,
}

impl Axis {
    /// `row` or `column`.
    pub fn singular(self) -> &'static str {
        match self {
            Axis::Rows => "row",
            Axis::Columns => "column",
        }
    }
}

/// Which rows (or columns) of a table: all that hold figures, an inclusive
/// range in table order, or a list.
#[derive(Clone, Debug, PartialEq)]
pub enum Labels {
    /// `rows()`: every row (column) with a figure in it.
    All { span: Span },
    /// `rows("Band A" to "Band H")`
    Range { from: Text, to: Text },
    /// `rows("Band A", "Band D")`
    List(Vec<Text>),
}

/// `budget.column("£'000", "Staff" to "Premises")`: the figures of one
/// column over a range of rows (or of one row over a range of columns), as
/// the arguments of `sum`, `min` or `max`. Replaced by its cells when the
/// pack's documents are loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct CellList {
    pub document: Ident,
    pub table: Text,
    /// `Columns` for `column(label, rows)`: the figures down one column;
    /// `Rows` for `row(label, columns)`: the figures along one row.
    pub along: Axis,
    /// The column (for `column(…)`) or row (for `row(…)`) read.
    pub label: Text,
    /// The rows (for `column(…)`) or columns (for `row(…)`) read.
    pub labels: Labels,
}

/// A rounding convention an author may use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rounding {
    /// `half-up`: 2.5 → 3 (the default).
    HalfUp,
    /// `half-even`: 2.5 → 2, 3.5 → 4 (banker's rounding).
    HalfEven,
    /// `truncate`: 2.9 → 2 (digits dropped).
    Truncate,
}

impl Rounding {
    pub const ALL: [Rounding; 3] = [Rounding::HalfUp, Rounding::HalfEven, Rounding::Truncate];

    pub fn keyword(self) -> &'static str {
        match self {
            Rounding::HalfUp => "half-up",
            Rounding::HalfEven => "half-even",
            Rounding::Truncate => "truncate",
        }
    }

    pub fn strategy(self) -> rust_decimal::RoundingStrategy {
        use rust_decimal::RoundingStrategy;
        match self {
            Rounding::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
            Rounding::Truncate => RoundingStrategy::ToZero,
        }
    }

    /// How a note names what the author did.
    pub fn description(self) -> &'static str {
        match self {
            Rounding::HalfUp => "rounded half-up",
            Rounding::HalfEven => "rounded half to even",
            Rounding::Truncate => "truncated (digits dropped, not rounded)",
        }
    }
}

/// `let total = dales "is £{}"`
#[derive(Clone, Debug, PartialEq)]
pub struct Let {
    pub name: Ident,
    pub value: Expr,
    pub span: Span,
}

/// ```text
/// claim "Six councils share the district 60% equally"
///   dales "({} per council if six councils)" == districts / 6
///   expect discrepancy "43,635 should be 43,625"
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    pub title: Text,
    /// The figure the document states; must be read from a document.
    pub stated: Expr,
    pub comparison: Comparison,
    pub comparison_span: Span,
    pub computed: Expr,
    /// `within 1%` or `within £500`, for `~=`.
    pub tolerance: Option<Expr>,
    /// `hedged "just under"`: read the stated figure as hedged, whatever
    /// words the document puts next to it.
    pub hedge: Option<Text>,
    pub expectation: Option<Expectation>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    /// `==`
    Equal,
    /// `~=`, with a tolerance
    Approximately,
    /// `<`
    Less,
    /// `<=`
    LessOrEqual,
    /// `>`
    Greater,
    /// `>=`
    GreaterOrEqual,
}

impl Comparison {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Equal => "==",
            Comparison::Approximately => "~=",
            Comparison::Less => "<",
            Comparison::LessOrEqual => "<=",
            Comparison::Greater => ">",
            Comparison::GreaterOrEqual => ">=",
        }
    }
}

/// `expect discrepancy "the reason, for a committee member"`, or
/// `expect discrepancy "43,635" "the reason"` to say which printed figure the
/// reason is about: when a draft prints something else there, the
/// expectation no longer holds. `expect discrepancy "43,635" computed
/// "43,624.8333333" "the reason"` pins the computed side as well, as
/// [`crate::eval::Judgement::computed_pin`] writes it: when an input of the
/// computation changes, the expectation no longer holds either.
#[derive(Clone, Debug, PartialEq)]
pub struct Expectation {
    /// `expect discrepancy for "Band F" …`: in a `for`, the rows (or
    /// columns) the expectation is about; empty for every one.
    pub only_for: Vec<Text>,
    pub printed: Option<Text>,
    /// `computed "43,624.8333333"`: the span is the string's.
    pub computed: Option<Text>,
    pub reason: Text,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `6`, `40%`, `£1,000`, `£1.5m`: exact constants.
    Number { value: Decimal, unit: Unit },
    /// `districts`
    Name(Ident),
    /// `dales "…{}…"` or `dales.table("…").cell("…", "…")`
    Anchor(Anchor),
    /// `-x`
    Negate(Box<Expr>),
    /// `lhs + rhs`, `lhs of rhs`, …
    Binary {
        op: BinaryOp,
        op_span: Span,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `sum(a, b)`, `round(x, 2)`, …
    Call {
        function: Function,
        function_span: Span,
        args: Vec<Expr>,
    },
    /// `budget.column("£'000", "Staff" to "Premises")`, only as an argument
    /// of `sum`, `min` or `max`, until the pack is loaded.
    List(Box<CellList>),
}

impl Expr {
    /// The number of nodes on the longest path from this expression down to
    /// a leaf. The parser keeps it under [`crate::lang::MAX_EXPRESSION_DEPTH`],
    /// so this recursion, and every other over an expression, is bounded.
    pub fn height(&self) -> usize {
        match &self.kind {
            ExprKind::Number { .. }
            | ExprKind::Name(_)
            | ExprKind::Anchor(_)
            | ExprKind::List(_) => 1,
            ExprKind::Negate(operand) => 1 + operand.height(),
            ExprKind::Binary { lhs, rhs, .. } => 1 + lhs.height().max(rhs.height()),
            ExprKind::Call { args, .. } => 1 + args.iter().map(Expr::height).max().unwrap_or(0),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Subtract,
    Multiply,
    Divide,
    /// `40% of total`
    Of,
}

impl BinaryOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Subtract => "-",
            BinaryOp::Multiply => "*",
            BinaryOp::Divide => "/",
            BinaryOp::Of => "of",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Function {
    Sum,
    Round,
    Floor,
    Ceil,
    Min,
    Max,
    Abs,
    /// `low(r)`, `high(r)`: one end of a range.
    Low,
    High,
    /// `count(x)`: a whole count (posts, councils), exact rather than rounded.
    Count,
    /// `exact(x)`: a figure that is what it says (a statutory rate, a policy
    /// split), not a rounding of something else: 3% is 3%, not 2.5% to 3.5%.
    Exact,
}

impl Function {
    pub const ALL: [Function; 11] = [
        Function::Sum,
        Function::Round,
        Function::Floor,
        Function::Ceil,
        Function::Min,
        Function::Max,
        Function::Abs,
        Function::Low,
        Function::High,
        Function::Count,
        Function::Exact,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Function::Sum => "sum",
            Function::Round => "round",
            Function::Floor => "floor",
            Function::Ceil => "ceil",
            Function::Min => "min",
            Function::Max => "max",
            Function::Abs => "abs",
            Function::Low => "low",
            Function::High => "high",
            Function::Count => "count",
            Function::Exact => "exact",
        }
    }
}

/// Where a figure is found: by the words around it, or by its table cell.
/// Never by the figure's own value, so that a revised draft is re-checked.
#[derive(Clone, Debug, PartialEq)]
pub enum Anchor {
    /// `dales "Total - £{}"`: the `{}` stands where the figure is.
    Text { document: Ident, pattern: Text },
    /// `dales.table("Council").cell("County Council 40% split", "£")`, and
    /// `t.cell("Parks", "Split", 2)` for the second figure of a cell.
    Cell {
        document: Ident,
        table: Text,
        row: Text,
        column: ColumnRef,
        /// Which figure of a cell holding several (`65%/35%`): `None` for
        /// a cell of one figure.
        pick: Option<CellPick>,
    },
    /// `dales.items("RECOMMENDATION")`: how many items the list after the
    /// line with these words has (bullets or numbered lines). An exact count.
    Items { document: Ident, heading: Text },
}

impl Anchor {
    pub fn document(&self) -> &Ident {
        match self {
            Anchor::Text { document, .. }
            | Anchor::Cell { document, .. }
            | Anchor::Items { document, .. } => document,
        }
    }
}

/// A column by its header label, or by its position counted from 1 where
/// labels repeat.
#[derive(Clone, Debug, PartialEq)]
pub enum ColumnRef {
    Label(Text),
    Position { number: usize, span: Span },
}

/// One figure of a cell holding several: `cell("Parks", "Split", 2)` by its
/// position counted from 1, or `cell("Services", "Split", "South")` by the
/// label written before it in the cell.
#[derive(Clone, Debug, PartialEq)]
pub enum CellPick {
    Position { number: usize, span: Span },
    Label(Text),
}
