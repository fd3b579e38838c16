//! Expressions: operator precedence and associativity, numbers with their
//! units, scales and unit words, pence and metric units, string escapes,
//! and the messages for a missing operand, a keyword used as a name, a bad
//! number or an unterminated string.

use super::*;

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
fn string_escapes() {
    let c = claim(r#"claim "say \"hi\"" d "a\tb {} \\ c" == 1"#);
    assert_eq!(c.title.value, "say \"hi\"");
    assert_eq!(tree(&c.stated), r#"d"a\tb {} \\ c""#);
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
fn error_unterminated_string() {
    let (message, at) = error("claim \"title\nlet x = 1");
    assert_eq!(message, "this string has no closing `\"` on its line");
    assert_eq!(at, "\"title");
}
