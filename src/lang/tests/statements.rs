//! Statements and their parts: a whole pack with its title, documents and
//! comments; the comparisons a claim may make; `rounding` and `hedge`;
//! and the expectations that follow a claim (`expect discrepancy` with its
//! pins, `expect malformed`), with the messages when one is incomplete.

use super::*;

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
fn error_expectation_needs_a_reason() {
    let (message, _) = error("claim \"t\" d \"{}\" == 1 expect discrepancy");
    assert_eq!(
        message,
        "expected a string in double quotes, found the end of the file"
    );
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
fn error_unknown_statement() {
    let (message, at) = error("let x = 1\nclam \"t\" x == 1");
    assert_eq!(message, "expected `document`, `let`, `claim`, `for`, `rounding`, `hedge`, `expect malformed`, or a comment, found `clam`");
    assert_eq!(at, "clam");
}
