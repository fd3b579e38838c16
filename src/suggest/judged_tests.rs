//! The packs `check --auto` judges: every rule it wrote for itself can be
//! judged, and one that cannot is left out and named, not an error.

use super::*;
use crate::source::SourceFile;

fn document(text: &str) -> Document {
    Document::new(SourceFile::new("paper.txt", text.to_string()))
}

#[test]
fn a_suggested_rule_that_cannot_be_judged_is_left_out_and_named() {
    let paper = document("| Line | 2025/26 £ | Count |\n|---|---|---|\n| Staff | 4,210 | 12 |\n");
    let rules = "document paper = \"paper.txt\"\nclaim \"Staff: pounds less a count\"\n  paper.table(\"Staff\").cell(\"Staff\", \"2025/26 £\") == paper.table(\"Staff\").cell(\"Staff\", \"2025/26 £\") - paper.table(\"Staff\").cell(\"Staff\", \"Count\")\nclaim \"Staff restated\"\n  paper.table(\"Staff\").cell(\"Staff\", \"2025/26 £\") == paper.table(\"Staff\").cell(\"Staff\", \"2025/26 £\")\n";
    let pack = crate::pack::pack_from_text(
        SourceFile::new("auto/paper.vd", rules),
        [("paper".to_string(), std::sync::Arc::new(paper))].into(),
    );
    let mut outcome = crate::eval::evaluate(&pack);
    let left_out = leave_out_failed_rules(&pack, &mut outcome);
    assert_eq!(outcome.claims.len(), 1, "the rule that can be judged stays");
    assert_eq!(left_out.len(), 1, "{left_out:?}");
    assert!(
        left_out[0].starts_with("left out, the rule at line 2 of the suggested pack (“Staff: pounds less a count”): it cannot be judged: "),
        "{}",
        left_out[0]
    );
}

#[test]
fn a_figure_column_with_no_unit_is_not_summed_with_pounds() {
    // The first column's header is lost in a figure–label–figure layout, so
    // its figures read as plain numbers: no sum or difference mixes them
    // with the £ columns (the evaluator could not judge it).
    // A web page's budget copied as text: its first table's header puts
    // the first year before the label column's name.
    let text = include_str!("../../tests/papers/web-budget-dash-years.txt");
    let paper = document(text);
    let rules = render::pack("paper.txt", &suggest(&paper));
    let pack = crate::pack::pack_from_text(
        SourceFile::new("auto/paper.vd", rules.as_str()),
        [(render::DOCUMENT.to_string(), std::sync::Arc::new(paper))].into(),
    );
    let outcome = crate::eval::evaluate(&pack);
    assert!(!outcome.claims.is_empty(), "{rules}");
    for claim in &outcome.claims {
        assert!(claim.result.is_ok(), "{rules}\n{:?}", claim.result);
    }
}
