//! Whole-table rules: `for` over a range or list of rows and columns,
//! nested loops, rows and columns as lists for `sum`, `min` and `max`,
//! loop variables and their scope, expectations for rows, and the limits
//! on nesting. The loops are parsed from a small Band D table's pack.

use super::*;

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
