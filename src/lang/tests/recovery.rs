//! Recovery: one mistake costs one statement. Every syntax error is
//! reported, the statements around it still parse, a failed `let` leaves
//! its name marked as failed, and a file of errors stops at the limit.

use super::*;
use crate::lang::MAX_SYNTAX_ERRORS;

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
    let source = "claim 1\n".repeat(MAX_SYNTAX_ERRORS + 50);
    let parsed = parse_pack(&source);
    assert_eq!(parsed.errors.len(), MAX_SYNTAX_ERRORS + 1);
    let last = parsed.errors.last().unwrap();
    assert!(last.limit, "{last:?}");
    assert!(
        last.message
            .starts_with("this rule file has more than 100 syntax errors"),
        "{}",
        last.message
    );
    assert!(parsed.errors[..MAX_SYNTAX_ERRORS].iter().all(|e| !e.limit));
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
