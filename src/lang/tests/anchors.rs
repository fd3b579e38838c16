//! Anchors: figures found by the words around them (`d "Total {}"`), by a
//! table's cell (by position or label, one figure of a cell), inside
//! function calls, and through a table named once with `let`; and the
//! message for an anchor without its `{}`.

use super::*;

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
fn error_anchor_without_a_hole() {
    let (message, at) = error(r#"let x = d "Total - £""#);
    assert!(message.starts_with("this anchor has no `{}`"), "{message}");
    assert_eq!(at, r#""Total - £""#);
    let (message, _) = error(r#"let x = d "{} and {}""#);
    assert!(message.contains("more than one `{}`"), "{message}");
}
