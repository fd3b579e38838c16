//! Expected discrepancies pinned on both sides, on lines shaped like
//! council tax papers: a pinned side that moves makes the expectation
//! stale, and says from what to what.

use super::*;
use crate::document::Document;
use crate::lang::parse_pack;
use crate::pack::LoadedPack;
use crate::source::SourceFile;

/// Audits `text` (as document `d`) with the claims in `rules`.
fn claims(text: &str, rules: &str) -> Vec<ClaimOutcome> {
    let source = format!("document d = \"d.txt\"\n{rules}");
    let pack = LoadedPack {
        rule_file: SourceFile::new("pack.vd", source.as_str()),
        ast: parse_pack(&source)
            .into_result()
            .unwrap_or_else(|e| panic!("{e:?}")),
        syntax_errors: Vec::new(),
        documents: [(
            "d".to_string(),
            Document::new(SourceFile::new("d.txt", text)).into(),
        )]
        .into(),
    };
    evaluate(&pack).claims
}

#[track_caller]
fn only(text: &str, rules: &str) -> ClaimOutcome {
    let mut claims = claims(text, rules);
    assert_eq!(claims.len(), 1, "{claims:?}");
    claims.remove(0)
}

/// Band A is 6/9 of Band D: £1,403.67; the paper prints £1,403.37.
const BANDS: &str = "\
Council tax 2024/25 by band
Band D £2,105.51 (up from £2,005.26)
Band A £1,403.37
";

fn band_a(printed: &str, computed: &str) -> String {
    format!(
        r#"claim "Band A is 6/9 of Band D"
  d "Band A £{{}}" == 6 / 9 * d "Band D £{{}} (up"
  expect discrepancy "{printed}" computed "{computed}" "two digits swapped""#
    )
}

#[test]
fn the_computed_pin_is_the_value_to_twelve_significant_figures_printed_like_the_figure() {
    let claim = only(BANDS, &band_a("£1,403.37", "x"));
    let judgement = claim.result.as_ref().unwrap();
    assert_eq!(judgement.verdict, Verdict::Discrepancy);
    // 2,105.51 × 6 / 9 = 1,403.67333…: more places than the working's
    // 1,403.6733, so that a slip of a penny in Band D shows.
    assert_eq!(judgement.computed_pin, "£1,403.67333333");
    // An exact value has no trailing zeros.
    let text = "Band D £2,106.00 (up\nBand A £1,405.00\n";
    let claim = only(text, &band_a("£1,405.00", "x"));
    assert_eq!(claim.result.unwrap().computed_pin, "£1,404");
}

#[test]
fn a_pinned_expectation_that_still_holds_is_not_stale() {
    let claim = only(BANDS, &band_a("£1,403.37", "£1,403.67333333"));
    assert!(!claim.stale_expectation());
    assert!(claim.moved().is_empty());
    assert!(!claim.unpinned());
    assert_eq!(claim.outcome(), Outcome::Pass);
}

#[test]
fn a_computed_pin_written_without_separators_still_holds() {
    let claim = only(BANDS, &band_a("£1,403.37", " £1403.67333333 "));
    assert!(!claim.stale_expectation(), "{:?}", claim.moved());
    // A digit more or less is another value.
    let claim = only(BANDS, &band_a("£1,403.37", "£1,403.6733333"));
    assert!(claim.stale_expectation());
}

#[test]
fn a_new_stated_figure_makes_the_expectation_stale_on_the_stated_side() {
    let text = BANDS.replace("Band A £1,403.37", "Band A £1,403.38");
    let claim = only(&text, &band_a("£1,403.37", "£1,403.67333333"));
    assert!(claim.stale_expectation());
    assert_eq!(claim.reprinted(), Some(("£1,403.37", "£1,403.38")));
    assert_eq!(claim.recomputed(), None);
    assert_eq!(
        claim.moved(),
        vec![Moved {
            side: Side::Stated,
            pinned: "£1,403.37",
            now: "£1,403.38"
        }]
    );
    assert_eq!(claim.outcome(), Outcome::Fail);
}

#[test]
fn a_changed_input_makes_the_expectation_stale_on_the_computed_side() {
    // A penny more on Band D, the input: the stated figure is the same.
    let text = BANDS.replace("£2,105.51", "£2,105.52");
    let claim = only(&text, &band_a("£1,403.37", "£1,403.67333333"));
    assert_eq!(claim.verdict(), Some(Verdict::Discrepancy));
    assert!(claim.stale_expectation());
    assert_eq!(claim.reprinted(), None);
    assert_eq!(claim.recomputed(), Some(("£1,403.67333333", "£1,403.68")));
    assert_eq!(
        claim.moved()[0].describe(),
        "the computed value was `£1,403.67333333` and is now `£1,403.68`"
    );
    assert_eq!(claim.outcome(), Outcome::Fail);
}

#[test]
fn both_sides_can_move_at_once() {
    let text = BANDS
        .replace("£2,105.51", "£2,105.52")
        .replace("Band A £1,403.37", "Band A £1,430.37");
    let claim = only(&text, &band_a("£1,403.37", "£1,403.67333333"));
    let sides: Vec<Side> = claim.moved().iter().map(|m| m.side).collect();
    assert_eq!(sides, [Side::Stated, Side::Computed]);
}

#[test]
fn an_expectation_pinning_one_side_is_unpinned_but_not_stale() {
    let rules = r#"claim "Band A is 6/9 of Band D"
  d "Band A £{}" == 6 / 9 * d "Band D £{} (up"
  expect discrepancy "£1,403.37" "two digits swapped""#;
    let claim = only(BANDS, rules);
    assert!(claim.unpinned());
    assert!(!claim.stale_expectation());
    // The computed side alone, with no printed figure.
    let rules = r#"claim "Band A is 6/9 of Band D"
  d "Band A £{}" == 6 / 9 * d "Band D £{} (up"
  expect discrepancy computed "£1,403.67333333" "two digits swapped""#;
    let claim = only(BANDS, rules);
    assert!(claim.unpinned());
    assert!(!claim.stale_expectation());
    let text = BANDS.replace("£2,105.51", "£2,105.50");
    let claim = only(&text, rules);
    assert_eq!(
        claim.recomputed(),
        Some(("£1,403.67333333", "£1,403.66666667"))
    );
}

#[test]
fn a_corrected_figure_is_stale_whatever_the_pins() {
    let text = BANDS.replace("Band A £1,403.37", "Band A £1,403.67");
    let claim = only(&text, &band_a("£1,403.37", "£1,403.67333333"));
    assert_eq!(claim.verdict(), Some(Verdict::Exact));
    assert!(claim.stale_expectation());
}

#[test]
fn a_range_pins_both_ends() {
    // The increase at 2.99% and 4.99% of £1,000.00, with the high end
    // printed £59.90 for £49.90.
    let text = "Increases of 2.99% to 4.99% on £1,000.00 add £29.90 to £59.90.\n";
    let rules = r#"claim "range" d "add £{}" == exact(d "Increases of {}") of d "on £{}"
  expect discrepancy "£29.90 to £59.90" computed "£29.9 to £49.9" "a slip""#;
    let claim = only(text, rules);
    let judgement = claim.result.as_ref().unwrap();
    assert_eq!(judgement.verdict, Verdict::Discrepancy);
    assert_eq!(judgement.computed_pin, "£29.9 to £49.9");
    assert!(!claim.stale_expectation(), "{:?}", claim.moved());
    // The low end's input changes: the pin says so.
    let text = text.replace("2.99%", "2.98%");
    let claim = only(&text, rules);
    assert_eq!(
        claim.recomputed(),
        Some(("£29.9 to £49.9", "£29.8 to £49.9"))
    );
}
