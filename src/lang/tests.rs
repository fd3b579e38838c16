//! Parser tests: what parses to what, and the messages of what does not.

use rust_decimal_macros::dec;

use super::ast::*;
use super::parse_pack;
use crate::units::Unit;

#[track_caller]
fn claim(source: &str) -> Claim {
    let pack = parse_pack(source)
        .into_result()
        .unwrap_or_else(|e| panic!("{source:?}: {e:?}"));
    match pack.statements.as_slice() {
        [Statement::Claim(claim)] => claim.clone(),
        other => panic!("expected one claim, got {other:?}"),
    }
}

/// The error's message and the text its span covers, for a source with
/// exactly one error.
#[track_caller]
fn error(source: &str) -> (String, String) {
    match parse_pack(source).errors.as_slice() {
        [error] => (
            error.message.clone(),
            source[error.span.range()].to_string(),
        ),
        other => panic!("expected one syntax error, got {other:?}"),
    }
}

/// Every error's message and the text its span covers, and the titles of
/// the claims that parsed.
fn errors_and_claims(source: &str) -> (Vec<(String, String)>, Vec<String>) {
    let parsed = parse_pack(source);
    let errors = parsed
        .errors
        .iter()
        .map(|e| (e.message.clone(), source[e.span.range()].to_string()))
        .collect();
    let claims = parsed
        .pack
        .statements
        .iter()
        .filter_map(|s| match s {
            Statement::Claim(c) => Some(c.title.value.clone()),
            _ => None,
        })
        .collect();
    (errors, claims)
}

/// An expression as an s-expression, without spans.
fn tree(expr: &Expr) -> String {
    match &expr.kind {
        ExprKind::Number { value, unit } => match unit {
            Unit::Percent => format!("{value}%"),
            Unit::Pounds => format!("£{value}"),
            Unit::Number => value.to_string(),
            other => format!("{value} {}", other.name()),
        },
        ExprKind::Name(ident) => ident.name.clone(),
        ExprKind::Anchor(Anchor::Text { document, pattern }) => {
            format!("{}{:?}", document.name, pattern.value)
        }
        ExprKind::Anchor(Anchor::Cell {
            document,
            table,
            row,
            column,
            pick,
        }) => {
            let column = match column {
                ColumnRef::Label(text) => format!("{:?}", text.value),
                ColumnRef::Position { number, .. } => number.to_string(),
            };
            let column = match pick {
                None => column,
                Some(CellPick::Label(text)) => format!("{column} {:?}", text.value),
                Some(CellPick::Position { number, .. }) => format!("{column} {number}"),
            };
            format!(
                "{}[{:?} {:?} {column}]",
                document.name, table.value, row.value
            )
        }
        ExprKind::Anchor(Anchor::Items { document, heading }) => {
            format!("{}.items({:?})", document.name, heading.value)
        }
        ExprKind::Negate(inner) => format!("(- {})", tree(inner)),
        ExprKind::Binary { op, lhs, rhs, .. } => {
            format!("({} {} {})", op.symbol(), tree(lhs), tree(rhs))
        }
        ExprKind::Call { function, args, .. } => {
            format!(
                "({} {})",
                function.name(),
                args.iter().map(tree).collect::<Vec<_>>().join(" ")
            )
        }
        ExprKind::List(list) => format!(
            "{}[{:?}].{}({:?} {})",
            list.document.name,
            list.table.value,
            list.along.singular(),
            list.label.value,
            labels(&list.labels)
        ),
    }
}

/// A selection of labels, without spans.
fn labels(labels: &Labels) -> String {
    match labels {
        Labels::All { .. } => "all".into(),
        Labels::Range { from, to } => format!("{:?} to {:?}", from.value, to.value),
        Labels::List(list) => list
            .iter()
            .map(|t| format!("{:?}", t.value))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

#[test]
fn a_whole_pack() {
    let source = r#"
        # A comment
        pack "Phase 4"
        document dales = "../documents/dales.txt"
        let total = dales "Total - £{}"   # trailing comment
        claim "Six councils"
          dales "({} per council if six councils)" == total / 6
          expect discrepancy "one digit mistyped"
    "#;
    let pack = parse_pack(source).into_result().unwrap();
    assert_eq!(pack.title.unwrap().value, "Phase 4");
    assert_eq!(pack.documents[0].name.name, "dales");
    assert_eq!(pack.documents[0].path.value, "../documents/dales.txt");
    assert_eq!(pack.statements.len(), 2);
    let Statement::Claim(claim) = &pack.statements[1] else {
        panic!()
    };
    assert_eq!(
        claim.expectation.as_ref().unwrap().reason.value,
        "one digit mistyped"
    );
    assert_eq!(&source[claim.computed.span.range()], "total / 6");
    assert_eq!(&source[claim.comparison_span.range()], "==");
}

#[test]
fn precedence_and_associativity() {
    let c = claim(r#"claim "t" d "{}" == a + b * c - d2 / 2 / 4"#);
    assert_eq!(tree(&c.computed), "(- (+ a (* b c)) (/ (/ d2 2) 4))");
    let c = claim(r#"claim "t" d "{}" == 40% of total / 6"#);
    assert_eq!(tree(&c.computed), "(/ (of 40% total) 6)");
    let c = claim(r#"claim "t" d "{}" == -(a + b) * 2"#);
    assert_eq!(tree(&c.computed), "(* (- (+ a b)) 2)");
}

#[test]
fn numbers_with_units_and_scales() {
    let c = claim(r#"claim "t" d "{}" == £436,248 + £1.5m + 2k + 0.28 + 62.5%"#);
    assert_eq!(
        tree(&c.computed),
        "(+ (+ (+ (+ £436248 £1500000.0) 2000) 0.28) 62.5%)"
    );
    let ExprKind::Binary { rhs, .. } = &c.computed.kind else {
        panic!()
    };
    assert_eq!(
        rhs.kind,
        ExprKind::Number {
            value: dec!(62.5),
            unit: Unit::Percent
        }
    );
}

#[test]
fn numbers_with_unit_words() {
    let c = claim(r#"claim "t" d "{}" == 12 FTE + 9 tonnes + 3 pp + 100 people + 5 miles"#);
    assert_eq!(
        tree(&c.computed),
        "(+ (+ (+ (+ 12 full-time equivalent posts (FTE) 9 tonnes) 3 percentage points) 100 people) 5 miles)"
    );
    // Percentage points in full or glued, as a tolerance on a precept rise.
    let c = claim(
        r#"claim "t" d "rise of {}" ~= exact(d "precept {}") within 2 percentage points + 0.5pp"#,
    );
    assert_eq!(tree(&c.computed), r#"(exact d"precept {}")"#);
    assert_eq!(
        tree(c.tolerance.as_ref().unwrap()),
        "(+ 2 percentage points 0.5 percentage points)"
    );
}

#[test]
fn pence_and_metric_units() {
    let c = claim(r#"claim "t" d "{}" == £1.20 + 8p + 1.3 t + 0.404 kg"#);
    assert_eq!(
        tree(&c.computed),
        "(+ (+ (+ £1.20 £0.08) 1.3 tonnes) 0.404 kilograms (kg))"
    );
    let (message, _) = error(r#"claim "t" d "{}" == £8p"#);
    assert!(message.contains("operator"), "{message}");
}

#[test]
fn one_figure_of_a_cell_by_position_or_label() {
    let source = r#"
        let parks = d.table("Parks")
        let split = parks.cell("Parks", "Split", 2)
        claim "t" parks.cell("Services", 2, "South") == split + d.table("Parks").cell("Parks", "Split", "North")
    "#;
    let pack = parse_pack(source).into_result().unwrap();
    let Statement::Let(Let { value, .. }) = &pack.statements[0] else {
        panic!("{:?}", pack.statements[0])
    };
    assert_eq!(tree(value), r#"d["Parks" "Parks" "Split" 2]"#);
    let Statement::Claim(claim) = &pack.statements[1] else {
        panic!()
    };
    assert_eq!(tree(&claim.stated), r#"d["Parks" "Services" 2 "South"]"#);
    let (message, at) = error(r#"claim "t" d.table("P").cell("Parks", "Split", 0) == 1"#);
    assert!(message.contains("counted from 1"), "{message}");
    assert_eq!(at, "0");
    let (message, _) = error(r#"claim "t" d.table("P").cell("Parks", "Split", x) == 1"#);
    assert!(message.contains("label before it"), "{message}");
}

#[test]
fn functions_and_anchors() {
    let c = claim(
        r#"claim "t" d.table("Council").cell("Total", "£") == sum(a, round(b, 2), max(c, abs(e)))"#,
    );
    assert_eq!(tree(&c.stated), r#"d["Council" "Total" "£"]"#);
    assert_eq!(tree(&c.computed), "(sum a (round b 2) (max c (abs e)))");
    let c = claim(r#"claim "t" d.table("Phasing").cell("Front office", 3) ~= x within 5%"#);
    assert_eq!(tree(&c.stated), r#"d["Phasing" "Front office" 3]"#);
    assert_eq!(c.comparison, Comparison::Approximately);
    assert_eq!(tree(c.tolerance.as_ref().unwrap()), "5%");
}

#[test]
fn list_counts_rounding_and_hedges() {
    let source = r#"
        rounding truncate
        hedge "just under" within 2%
        claim "t" d "makes {} recommendations" == d.items("RECOMMENDATION") hedged "about"
    "#;
    let pack = parse_pack(source).into_result().unwrap();
    assert!(matches!(
        pack.statements[0],
        Statement::Rounding {
            convention: Rounding::Truncate,
            ..
        }
    ));
    assert!(
        matches!(&pack.statements[1], Statement::Hedge { phrase, .. } if phrase.value == "just under")
    );
    let Statement::Claim(claim) = &pack.statements[2] else {
        panic!()
    };
    assert_eq!(tree(&claim.computed), r#"d.items("RECOMMENDATION")"#);
    assert_eq!(claim.hedge.as_ref().unwrap().value, "about");
    let (message, at) = error(r#"hedge "roughly" within 5%"#);
    assert!(
        message.starts_with("unknown hedge; the hedges are: approximately, about"),
        "{message}"
    );
    assert_eq!(at, r#""roughly""#);
    let (message, _) = error("rounding sideways");
    assert_eq!(
        message,
        "expected `half-up`, `half-even`, or `truncate`, found `sideways`"
    );
}

#[test]
fn an_expectation_can_name_the_printed_figure() {
    let c = claim(r#"claim "t" d "{}" == 1 expect discrepancy "43,635" "one digit mistyped""#);
    let expectation = c.expectation.unwrap();
    assert_eq!(expectation.printed.unwrap().value, "43,635");
    assert_eq!(expectation.reason.value, "one digit mistyped");
}

#[test]
fn an_expectation_can_pin_the_computed_side_too() {
    let c = claim(
        r#"claim "t" d "{}" == 1 expect discrepancy "43,635" computed "43,624.8333333" "one digit mistyped""#,
    );
    let expectation = c.expectation.unwrap();
    assert_eq!(expectation.printed.unwrap().value, "43,635");
    assert_eq!(expectation.computed.unwrap().value, "43,624.8333333");
    assert_eq!(expectation.reason.value, "one digit mistyped");
    // The computed side alone.
    let c = claim(r#"claim "t" d "{}" == 1 expect discrepancy computed "£4.4m" "why""#);
    let expectation = c.expectation.unwrap();
    assert_eq!(expectation.printed, None);
    assert_eq!(expectation.computed.unwrap().value, "£4.4m");
    assert_eq!(expectation.reason.value, "why");
}

#[test]
fn error_a_computed_pin_needs_its_value_and_a_reason() {
    let (message, _) = error(r#"claim "t" d "{}" == 1 expect discrepancy "1" computed "2""#);
    assert_eq!(
        message,
        "expected a string in double quotes, found the end of the file"
    );
    let (message, _) = error(r#"claim "t" d "{}" == 1 expect discrepancy computed 2 "why""#);
    assert_eq!(message, "expected a string in double quotes, found `2`");
}

#[test]
fn an_expected_malformed_figure_after_a_claim() {
    let source = r#"
        claim "t" d "{}" == 1
        expect malformed d "1,103,5000" "should read 1,103,500"
        claim "u" d "x {}" == 2 expect discrepancy "why"
    "#;
    let pack = parse_pack(source).into_result().unwrap();
    assert_eq!(pack.statements.len(), 3);
    assert!(
        matches!(&pack.statements[1], Statement::ExpectMalformed { printed, .. } if printed.value == "1,103,5000")
    );
}

#[test]
fn a_table_can_be_named_once() {
    let source = r#"
        let costs = dales.table("Programme Team")
        claim "t" costs.cell("Total", 2) == costs.cell("Programme Budget", "£")
    "#;
    let pack = parse_pack(source).into_result().unwrap();
    assert_eq!(
        pack.statements.len(),
        1,
        "naming a table is no statement to evaluate"
    );
    let Statement::Claim(claim) = &pack.statements[0] else {
        panic!()
    };
    assert_eq!(tree(&claim.stated), r#"dales["Programme Team" "Total" 2]"#);
    assert_eq!(
        tree(&claim.computed),
        r#"dales["Programme Team" "Programme Budget" "£"]"#
    );
    assert_eq!(
        &source[claim.stated.span.range()],
        r#"costs.cell("Total", 2)"#
    );
    let (message, at) = error(r#"claim "t" costs.cell("Total", 2) == 1"#);
    assert!(message.starts_with("`costs` is not a table"), "{message}");
    assert_eq!(at, "costs");
}

#[test]
fn every_comparison() {
    for (symbol, comparison) in [
        ("==", Comparison::Equal),
        ("~=", Comparison::Approximately),
        ("<", Comparison::Less),
        ("<=", Comparison::LessOrEqual),
        (">", Comparison::Greater),
        (">=", Comparison::GreaterOrEqual),
    ] {
        let c = claim(&format!(r#"claim "t" d "{{}}" {symbol} x"#));
        assert_eq!(c.comparison, comparison, "{symbol}");
    }
}

#[test]
fn string_escapes() {
    let c = claim(r#"claim "say \"hi\"" d "a\tb {} \\ c" == 1"#);
    assert_eq!(c.title.value, "say \"hi\"");
    assert_eq!(tree(&c.stated), r#"d"a\tb {} \\ c""#);
}

#[test]
fn error_missing_comparison() {
    let (message, at) = error("document d = \"x\"\nclaim \"t\" d \"{}\" x");
    assert_eq!(
        message,
        "expected a comparison (`==`, `~=`, `<`, `<=`, `>`, `>=`), found `x`"
    );
    assert_eq!(at, "x");
}

#[test]
fn error_missing_operand() {
    let (message, at) = error("claim \"t\" d \"{}\" == a +\nclaim \"u\" d \"{}\" == b");
    assert_eq!(message, "expected an expression, found `claim`");
    assert_eq!(at, "claim");
    let (message, _) = error("let x = ");
    assert_eq!(message, "expected an expression, found the end of the file");
}

#[test]
fn error_unknown_statement() {
    let (message, at) = error("let x = 1\nclam \"t\" x == 1");
    assert_eq!(message, "expected `document`, `let`, `claim`, `for`, `rounding`, `hedge`, `expect malformed`, or a comment, found `clam`");
    assert_eq!(at, "clam");
}

#[test]
fn error_anchor_without_a_hole() {
    let (message, at) = error(r#"let x = d "Total - £""#);
    assert!(message.starts_with("this anchor has no `{}`"), "{message}");
    assert_eq!(at, r#""Total - £""#);
    let (message, _) = error(r#"let x = d "{} and {}""#);
    assert!(message.contains("more than one `{}`"), "{message}");
}

#[test]
fn error_unterminated_string() {
    let (message, at) = error("claim \"title\nlet x = 1");
    assert_eq!(message, "this string has no closing `\"` on its line");
    assert_eq!(at, "\"title");
}

#[test]
fn error_keyword_as_name_and_bad_number() {
    let (message, at) = error("let claim = 1");
    assert_eq!(message, "expected a name, found `claim`");
    assert_eq!(at, "claim");
    let (message, at) = error("let x = 1,23");
    assert!(message.contains("thousands separator"), "{message}");
    assert_eq!(at, "1,23");
    let (message, _) = error("let x = 6councils");
    assert_eq!(
        message,
        "expected an operator or the end of the number, found `councils`"
    );
}

#[test]
fn error_expectation_needs_a_reason() {
    let (message, _) = error("claim \"t\" d \"{}\" == 1 expect discrepancy");
    assert_eq!(
        message,
        "expected a string in double quotes, found the end of the file"
    );
}

// ── Recovery: one mistake costs one statement ───────────────────────────────

#[test]
fn every_syntax_error_is_reported_and_the_statements_around_them_parse() {
    let source = r#"
document tax = "band-d.txt"
claim "Band D total"
  tax.table("Band").cell("D", "2024/25") == 2,064.43 + 41.08
claim "Band A is 6/9 of Band D"
  tax.table("Band").cell("A", "2024/25") = 6 / 9 * 2,105.51
let precept = tax "County precept {}" +
claim "The adult social care precept is 2%"
  tax "social care precept of {}" == 2%
    claim "Band B is 7/9 of Band D" tax.table("Band").cell("B", "2024/25") ==== 7 / 9 * x
claim "Band C is 8/9 of Band D"
  tax.table("Band").cell("C", "2024/25") == 8 / 9 * 2,105.51
"#;
    let (errors, claims) = errors_and_claims(source);
    assert_eq!(
        errors,
        [
            (
                "expected a comparison (`==`, `~=`, `<`, `<=`, `>`, `>=`), found `=`".to_string(),
                "=".to_string()
            ),
            (
                "expected an expression, found `claim`".to_string(),
                "claim".to_string()
            ),
            (
                "expected an expression, found `=`".to_string(),
                "=".to_string()
            ),
        ]
    );
    assert_eq!(
        claims,
        [
            "Band D total",
            "The adult social care precept is 2%",
            "Band C is 8/9 of Band D"
        ]
    );
}

#[test]
fn a_let_with_an_error_leaves_its_name_marked_as_failed() {
    let source = "let precept = tax \"County precept £{\nclaim \"t\" tax \"{}\" == precept\n";
    let parsed = parse_pack(source);
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    match parsed.pack.statements.as_slice() {
        [Statement::FailedLet { name, span }, Statement::Claim(_)] => {
            assert_eq!(name.name, "precept");
            assert_eq!(&source[span.range()], "precept");
        }
        other => panic!("expected a failed let and a claim, got {other:?}"),
    }
    // A `let` whose name itself is wrong binds nothing.
    let parsed = parse_pack("let 2024 = 1\nclaim \"t\" d \"{}\" == 1\n");
    assert_eq!(parsed.errors.len(), 1);
    assert!(matches!(
        parsed.pack.statements.as_slice(),
        [Statement::Claim(_)]
    ));
}

#[test]
fn parsing_resumes_only_where_a_statement_begins() {
    // After the error, `claims_total` and `expect discrepancy` begin lines
    // but no statement; `hedge` indented does, and so does `expect malformed`.
    let source = r#"
claim "Precept split" d "{}" == 60% of
  claims_total * (1
  expect discrepancy "why"
  hedge "about" within 3%
expect   malformed d "1,103,5000" "typo"
"#;
    let parsed = parse_pack(source);
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    assert!(matches!(
        parsed.pack.statements.as_slice(),
        [Statement::Hedge { .. }, Statement::ExpectMalformed { .. }]
    ));
    // A broken title is an error like any other.
    let (errors, claims) = errors_and_claims("pack Band D\nclaim \"t\" d \"{}\" == 1\n");
    assert_eq!(
        errors,
        [(
            "expected a string in double quotes, found `Band`".to_string(),
            "Band".to_string()
        )]
    );
    assert_eq!(claims, ["t"]);
}

#[test]
fn a_file_of_errors_stops_after_the_limit() {
    // Lines that begin no statement are skipped with the error before them.
    assert_eq!(parse_pack(&"clam \"t\"\n".repeat(500)).errors.len(), 1);
    // Each of these begins a statement, and each has an error.
    let source = "claim 1\n".repeat(super::MAX_SYNTAX_ERRORS + 50);
    let parsed = parse_pack(&source);
    assert_eq!(parsed.errors.len(), super::MAX_SYNTAX_ERRORS + 1);
    let last = parsed.errors.last().unwrap();
    assert!(last.limit, "{last:?}");
    assert!(
        last.message
            .starts_with("this rule file has more than 100 syntax errors"),
        "{}",
        last.message
    );
    assert!(parsed.errors[..super::MAX_SYNTAX_ERRORS]
        .iter()
        .all(|e| !e.limit));
}

#[test]
fn a_limit_error_is_reported_and_the_next_statement_parses() {
    let deep = format!("{}1{}", "(".repeat(200), ")".repeat(200));
    let source = format!("claim \"deep\" d \"{{}}\" == {deep}\nclaim \"t\" d \"{{}}\" == 1\n");
    let parsed = parse_pack(&source);
    match parsed.errors.as_slice() {
        [error] => {
            assert!(error.limit);
            assert_eq!(error.code(), "vd::parse::limit");
        }
        other => panic!("expected one limit error, got {other:?}"),
    }
    let (errors, claims) = errors_and_claims(&format!("{source}claim \"u\" d \"{{}}\" = 1\n"));
    assert_eq!(claims, ["t"]);
    assert_eq!(errors.len(), 2);
    let second = parse_pack(&format!("{source}claim \"u\" d \"{{}}\" = 1\n"));
    assert!(
        !second.errors[1].limit,
        "a limit does not outlive its statement"
    );
}

// ── Whole-table rules ─────────────────────────────────────────────────────

const BANDS: &str = r#"
document tax = "tax.txt"
let bands = tax.table("Band D")
let yearly = "Yearly change £"
"#;

#[track_caller]
fn for_loop(source: &str) -> ForLoop {
    let pack = parse_pack(source)
        .into_result()
        .unwrap_or_else(|e| panic!("{source:?}: {e:?}"));
    match pack.statements.as_slice() {
        [Statement::For(for_loop)] => (**for_loop).clone(),
        other => panic!("expected one for, got {other:?}"),
    }
}

#[test]
fn a_for_over_a_range_of_rows_governs_one_claim() {
    let source = format!(
        "{BANDS}{}",
        r#"
for row in bands.rows("Band A" to "Band H")
  claim "{row}: weekly change is yearly change / 52"
    bands.cell(row, "Weekly change £") == bands.cell(row, yearly) / 52
    expect discrepancy for "Band F" "2.92" "digits swapped"
claim "after" tax "{}" == 1
"#
    );
    let pack = parse_pack(&source).into_result().unwrap();
    let [Statement::For(for_loop), Statement::Claim(after)] = pack.statements.as_slice() else {
        panic!("{:?}", pack.statements)
    };
    assert_eq!(after.title.value, "after");
    assert_eq!(for_loop.variable.name, "row");
    assert_eq!(for_loop.document.name, "tax");
    assert_eq!(for_loop.table.value, "Band D");
    assert_eq!(for_loop.axis, Axis::Rows);
    assert_eq!(labels(&for_loop.labels), r#""Band A" to "Band H""#);
    assert_eq!(
        &source[for_loop.span.range()],
        r#"for row in bands.rows("Band A" to "Band H")"#
    );
    let ForBody::Claim {
        claim,
        expectations,
    } = &for_loop.body
    else {
        panic!()
    };
    assert!(claim.expectation.is_none());
    let [expectation] = expectations.as_slice() else {
        panic!()
    };
    assert_eq!(expectation.only_for[0].value, "Band F");
    assert_eq!(expectation.printed.as_ref().unwrap().value, "2.92");
    // `row` stands as `{row}` where a label goes; `yearly` is its label.
    assert_eq!(
        tree(&claim.stated),
        r#"tax["Band D" "{row}" "Weekly change £"]"#
    );
    assert_eq!(
        tree(&claim.computed),
        r#"(/ tax["Band D" "{row}" "Yearly change £"] 52)"#
    );
    let uses: Vec<&str> = for_loop.uses.iter().map(|s| &source[s.range()]).collect();
    assert_eq!(uses, ["row", "row"]);
    let yearly_at = claim.computed.span.start + "bands.cell(row, ".len();
    assert_eq!(&source[yearly_at..yearly_at + 6], "yearly");
}

#[test]
fn columns_lists_all_and_nested_loops() {
    let f = for_loop(&format!(
        "{BANDS}{}",
        r#"for column in tax.table("Band D").columns("2023/24 £", yearly)
  claim "Band F is 13/9 of Band D ({column})"
    bands.cell("Band F", column) == 13/9 * bands.cell("Band D", column)"#
    ));
    assert_eq!(f.axis, Axis::Columns);
    assert_eq!(labels(&f.labels), r#""2023/24 £", "Yearly change £""#);
    let f = for_loop(&format!(
        "{BANDS}{}",
        r#"for row in bands.rows()
  for column in bands.columns()
    claim "{row} is 2/9 of Band H" bands.cell(row, column) == 1"#
    ));
    assert_eq!(labels(&f.labels), "all");
    let ForBody::For(inner) = &f.body else {
        panic!()
    };
    assert_eq!(inner.variable.name, "column");
    assert_eq!(f.uses.len(), 1);
    assert_eq!(inner.uses.len(), 1);
}

#[test]
fn a_row_or_column_is_a_list_for_sum_min_and_max() {
    let source = r#"
document b = "budget.txt"
let budget = b.table("Net budget")
let pounds = "£'000"
claim "The services add up"
  budget.cell("Net budget", pounds) == sum(budget.column(pounds, "Staff" to "Transport"))
claim "Years"
  b.table("Front office").cell("Front office", "Total") == sum(b.table("Front office").row("Front office", "Year 1", "Year 2"), 5)
claim "Largest" budget.cell("Staff", pounds) == max(budget.column(pounds))
"#;
    let pack = parse_pack(source).into_result().unwrap();
    let computed: Vec<String> = pack
        .statements
        .iter()
        .filter_map(|s| match s {
            Statement::Claim(c) => Some(tree(&c.computed)),
            _ => None,
        })
        .collect();
    assert_eq!(
        computed,
        [
            r#"(sum b["Net budget"].column("£'000" "Staff" to "Transport"))"#,
            r#"(sum b["Front office"].row("Front office" "Year 1", "Year 2") 5)"#,
            r#"(max b["Net budget"].column("£'000" all))"#,
        ]
    );
}

#[test]
fn a_list_anywhere_else_is_an_error() {
    let (message, at) = error(&format!(
        "{BANDS}claim \"t\" bands.cell(\"Band A\", yearly) == bands.column(yearly)"
    ));
    assert!(
        message.starts_with("a column of figures is a list: use it as the argument of `sum(…)`"),
        "{message}"
    );
    assert_eq!(at, "column");
    let (message, at) = error(&format!(
        "{BANDS}claim \"t\" bands.cell(\"Band A\", yearly) == sum(bands.row(\"Band A\") * 2)"
    ));
    assert!(
        message.starts_with("a row or column list stands alone"),
        "{message}"
    );
    assert_eq!(at, "bands.row(\"Band A\")");
    let (message, at) = error(&format!(
        "{BANDS}claim \"t\" bands.cell(\"Band A\", yearly) == abs(bands.row(\"Band A\"))"
    ));
    assert!(
        message.starts_with("a row of figures is a list"),
        "{message}"
    );
    assert_eq!(at, "row");
    let (message, _) = error(&format!(
        "{BANDS}claim \"t\" bands.cell(\"Band A\", yearly) == bands.rows()"
    ));
    assert!(
        message.starts_with("`rows(…)` chooses the rows of a whole-table rule"),
        "{message}"
    );
}

#[test]
fn labels_and_loop_variables_are_not_numbers() {
    let (message, at) = error(&format!(
        "{BANDS}claim \"t\" bands.cell(\"Band A\", yearly) == yearly * 2"
    ));
    assert!(
        message.starts_with("`yearly` is a label (`let yearly = \"…\"`), not a number"),
        "{message}"
    );
    assert_eq!(at, "yearly");
    let (message, at) = error(&format!(
        "{BANDS}for row in bands.rows()\n  claim \"t\" bands.cell(row, yearly) == row / 52"
    ));
    assert!(
        message.starts_with("`row` stands for a row label of the `for`, not a number"),
        "{message}"
    );
    assert_eq!(at, "row");
    // A `let` after the label makes the name a number again.
    let pack = parse_pack(&format!(
        "{BANDS}let yearly = 5\nclaim \"t\" bands.cell(\"Band A\", \"£\") == yearly * 2"
    ));
    assert!(pack.errors.is_empty(), "{:?}", pack.errors);
}

#[test]
fn a_loop_variable_is_known_only_in_its_claim() {
    let source = format!(
        "{BANDS}for row in bands.rows()\n  claim \"t\" bands.cell(row, yearly) == 1\nclaim \"u\" bands.cell(row, yearly) == 1"
    );
    let (message, at) = error(&source);
    assert_eq!(message, "`row` is the variable of the `for` on line 5, and stands for a label only in the claim that `for` governs");
    assert_eq!(at, "row");
    let (message, at) = error(&format!(
        "{BANDS}claim \"t\" bands.cell(\"Band A\", column) == 1"
    ));
    assert_eq!(message, "`column` is not a label: write the label in double quotes, or name it first with `let column = \"…\"`");
    assert_eq!(at, "column");
    // The labels of a range are written, not taken from an outer loop.
    let (message, _) = error(&format!(
        "{BANDS}for row in bands.rows()\n  for column in bands.columns(row)\n    claim \"t\" bands.cell(row, column) == 1"
    ));
    assert!(
        message.starts_with("`row` stands for each row of the `for` in turn"),
        "{message}"
    );
}

#[test]
fn expectations_for_rows_belong_in_a_for() {
    let (message, at) = error(&format!(
        "{BANDS}claim \"t\" bands.cell(\"Band A\", yearly) == 1\n  expect discrepancy for \"Band A\" \"reason\""
    ));
    assert!(
        message
            .starts_with("`expect discrepancy for …` names rows or columns of a whole-table rule"),
        "{message}"
    );
    assert_eq!(at, "\"Band A\"");
    let (message, _) = error(&format!(
        "{BANDS}claim \"t\" bands.cell(\"Band A\", yearly) == 1\n  expect discrepancy \"a\"\n  expect discrepancy \"b\""
    ));
    assert!(
        message.starts_with("a claim has one `expect discrepancy`"),
        "{message}"
    );
    // In a `for`, one per row, with string bindings for the labels.
    let f = for_loop(&format!(
        "{BANDS}let f = \"Band F\"\nfor row in bands.rows()\n  claim \"t\" bands.cell(row, yearly) == 1\n    expect discrepancy for f, \"Band G\" \"a\"\n    expect discrepancy for \"Band H\" \"b\""
    ));
    let ForBody::Claim { expectations, .. } = &f.body else {
        panic!()
    };
    let named: Vec<Vec<&str>> = expectations
        .iter()
        .map(|e| e.only_for.iter().map(|t| t.value.as_str()).collect())
        .collect();
    assert_eq!(named, [vec!["Band F", "Band G"], vec!["Band H"]]);
    // With both sides pinned.
    let f = for_loop(&format!(
        "{BANDS}for row in bands.rows()\n  claim \"t\" bands.cell(row, yearly) == 1\n    expect discrepancy for \"Band F\" \"2.92\" computed \"2.29\" \"digits swapped\""
    ));
    let ForBody::Claim { expectations, .. } = &f.body else {
        panic!()
    };
    let e = &expectations[0];
    assert_eq!(e.only_for[0].value, "Band F");
    assert_eq!(e.printed.as_ref().unwrap().value, "2.92");
    assert_eq!(e.computed.as_ref().unwrap().value, "2.29");
    assert_eq!(e.reason.value, "digits swapped");
}

#[test]
fn a_for_with_an_error_takes_its_claim_with_it() {
    // The claim a broken `for` governs is not read on its own (its `row`
    // would be one more error); parsing resumes after it.
    let source = format!(
        "{BANDS}for row in bands.rowz(\"Band A\")\n  claim \"t\" bands.cell(row, yearly) == 1\nclaim \"after\" bands.cell(\"Band A\", yearly) == 1\nfor row in nothing.rows()\n  for column in bands.columns()\n    claim \"u\" bands.cell(row, column) == 1\nclaim \"last\" bands.cell(\"Band A\", yearly) == 1"
    );
    let (errors, claims) = errors_and_claims(&source);
    assert_eq!(claims, ["after", "last"]);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(
        errors[0].0,
        "expected `rows(…)` or `columns(…)`, found `rowz`"
    );
    assert!(
        errors[1].0.starts_with("`nothing` is not a table"),
        "{}",
        errors[1].0
    );
    // An error in the governed claim is reported once.
    let (errors, claims) = errors_and_claims(&format!(
        "{BANDS}for row in bands.rows()\n  claim \"t\" bands.cell(row, yearly) = 1\nclaim \"after\" bands.cell(\"Band A\", yearly) == 1"
    ));
    assert_eq!(claims, ["after"]);
    assert_eq!(errors.len(), 1, "{errors:?}");
}

#[test]
fn for_loops_nest_only_so_deep() {
    let mut source = BANDS.to_string();
    for n in 0..6 {
        source.push_str(&format!("for v{n} in bands.rows()\n"));
    }
    source.push_str("claim \"t\" bands.cell(v0, yearly) == 1\n");
    let parsed = parse_pack(&source);
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    assert!(parsed.errors[0].limit);
    assert!(parsed.errors[0].message.contains("nest at most 4 deep"));
}
