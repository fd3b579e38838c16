//! A paper's note on its own rounding ("totals may not add because of
//! rounding", "rounded to the nearest penny") lets a figure it governs
//! stand one unit of the note from what its inputs give: the verdict is
//! approximate, as the note allows, with the note and its line. Without the
//! note, or beyond it, or outside the table it governs, the same figure is
//! a discrepancy.

use vd_audit::eval::{evaluate, Judgement, Verdict};
use vd_audit::lang::parse_pack;
use vd_audit::source::SourceFile;
use vd_audit::{document::Document, pack::LoadedPack};

/// Audits `text` (as document `d`) with the claims in `rules`.
fn judge(text: &str, rules: &str) -> Vec<Judgement> {
    let source = format!("document d = \"d.txt\"\n{rules}");
    let pack = LoadedPack {
        rule_file: SourceFile::new("pack.vd", source.as_str()),
        ast: parse_pack(&source).into_result().unwrap(),
        syntax_errors: Vec::new(),
        documents: [(
            "d".to_string(),
            Document::new(SourceFile::new("d.txt", text)).into(),
        )]
        .into(),
    };
    evaluate(&pack)
        .claims
        .into_iter()
        .map(|claim| claim.result.unwrap())
        .collect()
}

/// A weekly column worked from yearly charges before they were rounded:
/// Band B's weekly figure is a penny from yearly / 52.
fn bands(note: &str) -> String {
    format!(
        "Band\tYearly £\tWeekly £\n\
         Band A\t1,040.00\t20.00\n\
         Band B\t1,213.33\t23.34\n\
         Band C\t1,386.67\t26.67\n\
         {note}\n"
    )
}

const WEEKLY: &str = r#"
claim "Band B weekly"
  d.table("Band B").cell("Band B", "Weekly £") == d.table("Band B").cell("Band B", "Yearly £") / 52
"#;

#[test]
fn a_penny_out_under_a_note_on_rounding_to_the_penny_is_approximate() {
    let judged = judge(
        &bands("\nFigures are rounded to the nearest penny."),
        WEEKLY,
    );
    assert_eq!(judged[0].verdict, Verdict::Approximate, "{:?}", judged[0]);
    let note = judged[0].notes.join(" ");
    assert!(
        note.contains(
            "as the paper's note allows: “Figures are rounded to the nearest penny.” (line 6)"
        ),
        "{note}"
    );
    assert!(note.contains("£0.01"), "{note}");
}

#[test]
fn the_same_penny_without_the_note_is_a_discrepancy() {
    let judged = judge(&bands(""), WEEKLY);
    assert_eq!(judged[0].verdict, Verdict::Discrepancy);
    assert!(judged[0].notes.iter().all(|n| !n.contains("note allows")));
}

#[test]
fn a_note_does_not_cover_a_slip_larger_than_its_unit() {
    let text = bands("\nTotals may not add due to rounding.").replace("23.34", "23.43");
    let judged = judge(&text, WEEKLY);
    assert_eq!(judged[0].verdict, Verdict::Discrepancy);
}

#[test]
fn a_note_names_a_unit_larger_than_the_printed_place() {
    // Figures printed to the pound but rounded to the nearest £1,000.
    let text = "Service\tCost £\nStaff\t12,000\nPremises\t5,000\nTotal\t18,000\n\nAll figures are rounded to the nearest £1,000.\n";
    let rules = r#"
let t = d.table("Staff")
claim "Total"
  t.cell("Total", "Cost £") == t.cell("Staff", "Cost £") + t.cell("Premises", "Cost £")
"#;
    let judged = judge(text, rules);
    assert_eq!(judged[0].verdict, Verdict::Approximate, "{:?}", judged[0]);
    let without = judge(
        &text.replace("\nAll figures are rounded to the nearest £1,000.", ""),
        rules,
    );
    assert_eq!(without[0].verdict, Verdict::Discrepancy);
}

#[test]
fn a_note_governs_its_own_table_and_not_the_prose_after_it() {
    let text = format!(
        "{}\n\nThe Band B weekly charge is £23.34, from the yearly charge of £1,213.33 over 52 weeks.\n",
        bands("\nTotals may not add because of rounding.")
    );
    let rules = r#"
claim "In prose"
  d "weekly charge is £{}" == d "yearly charge of £{}" / 52
"#;
    assert_eq!(judge(&text, rules)[0].verdict, Verdict::Discrepancy);
}

#[test]
fn a_slip_of_two_units_in_a_small_figure_is_a_discrepancy_under_a_note() {
    // 1,962 less 1,905 is 57: a change printed 55 is a slip, whatever the
    // note says about totals.
    let text = "Service\t2024/25 £'000\t2025/26 £'000\tChange £'000\nLeisure\t1,905\t1,962\t55\nParks\t800\t810\t10\n\nTotals may not add because of rounding.\n";
    let rules = r#"
let t = d.table("Leisure")
claim "Change"
  t.cell("Leisure", "Change £'000") == t.cell("Leisure", "2025/26 £'000") - t.cell("Leisure", "2024/25 £'000")
"#;
    assert_eq!(judge(text, rules)[0].verdict, Verdict::Discrepancy);
    let one_out = text.replace("\t55\n", "\t59\n");
    // 59 is two from 57 as well: the note allows one unit, not two.
    assert_eq!(judge(&one_out, rules)[0].verdict, Verdict::Discrepancy);
}

#[test]
fn a_note_on_thousands_does_not_cover_a_figure_printed_to_the_penny() {
    // The costs are rounded to £1,000; the per-resident figures beside
    // them are printed to the penny, and a £1,000 allowance would excuse
    // any slip in them (here 1,496.28 for 496.28).
    let text = "Council\tNet cost £\tPer resident £\n\
                Ashvale\t12,410,000\t237.28\n\
                Brinkley\t8,275,000\t259.00\n\
                Total\t20,686,000\t1,496.28\n\
                \n\
                Figures are rounded to the nearest £1,000.\n";
    let claim = |column: &str| {
        format!(
            "let t = d.table(\"Ashvale\")\nclaim \"Total\"\n  t.cell(\"Total\", \"{column}\") == t.cell(\"Ashvale\", \"{column}\") + t.cell(\"Brinkley\", \"{column}\")\n"
        )
    };
    let rates = judge(text, &claim("Per resident £"));
    assert_eq!(rates[0].verdict, Verdict::Discrepancy, "{:?}", rates[0]);
    assert!(rates[0].notes.iter().all(|n| !n.contains("note allows")));
    // The costs, in whole thousands, are still governed: £1,000 out is
    // approximate, as the note allows.
    let costs = judge(text, &claim("Net cost £"));
    assert_eq!(costs[0].verdict, Verdict::Approximate, "{:?}", costs[0]);
}

// ── Balancing figures: one part set a unit off so that the parts add up ──

/// Three equal costs whose shares a paper prints as 33.3%, 33.3% and 33.4%
/// so that they add up to 100.0%: the 33.4% is a balancing figure.
const SHARES: &str = "\
| Council | Cost £ | Share |
|---|---|---|
| Northby | 1,000.00 | 33.3% |
| Southby | 1,000.00 | 33.3% |
| Westby | 1,000.00 | 33.4% |
| Total | 3,000.00 | 100.0% |
";

const SHARE_RULES: &str = r#"
let t = d.table("Northby")
let total = t.cell("Total", "Cost £")
claim "Northby: share of the cost"
  t.cell("Northby", "Share") == t.cell("Northby", "Cost £") / total
claim "Southby: share of the cost"
  t.cell("Southby", "Share") == t.cell("Southby", "Cost £") / total
claim "Westby: share of the cost"
  t.cell("Westby", "Share") == t.cell("Westby", "Cost £") / total
claim "Shares add up to 100%"
  t.cell("Total", "Share") == sum(t.column("Share", "Northby" to "Westby"))
"#;

#[test]
fn a_part_set_one_unit_off_so_the_parts_add_up_is_a_balancing_figure() {
    let judged = judge(SHARES, SHARE_RULES);
    let westby = &judged[2];
    assert_eq!(westby.verdict, Verdict::WithinRounding, "{westby:?}");
    assert_eq!(westby.cause, None);
    let note = westby.notes.join(" ");
    assert!(
        note.contains("a balancing figure: it is set 0.1 percentage points off its own value rounded (33.3%) so that the parts add up exactly to “100.0%” (line 6), as “Shares add up to 100%” checks"),
        "{note}"
    );
    assert_eq!(judged[3].verdict, Verdict::Exact);
}

#[test]
fn without_the_sum_it_completes_a_part_one_unit_off_is_a_discrepancy() {
    // No claim adds the shares up: nothing says the part balances them.
    let rules = SHARE_RULES.split("claim \"Shares").next().unwrap();
    assert_eq!(judge(SHARES, rules)[2].verdict, Verdict::Discrepancy);
    // The shares do not add up to the total exactly as printed: 33.4%
    // balances nothing, and stays a discrepancy.
    let judged = judge(&SHARES.replace("100.0%", "100.1%"), SHARE_RULES);
    assert_eq!(judged[2].verdict, Verdict::Discrepancy);
    assert_eq!(judged[3].verdict, Verdict::WithinRounding);
    // Two units off is no balancing.
    let judged = judge(
        &SHARES.replace("| 33.4% |", "| 33.5% |").replace(
            "| Southby | 1,000.00 | 33.3% |",
            "| Southby | 1,000.00 | 33.2% |",
        ),
        SHARE_RULES,
    );
    assert_eq!(judged[2].verdict, Verdict::Discrepancy);
}

#[test]
fn a_slip_of_one_unit_in_a_part_is_no_balancing_figure() {
    // A part slipped by one unit breaks the sum it would balance.
    let judged = judge(
        &SHARES.replace("| 33.3% |\n| Westby", "| 33.4% |\n| Westby"),
        SHARE_RULES,
    );
    assert_eq!(judged[1].verdict, Verdict::Discrepancy, "{:?}", judged[1]);
    // The shares no longer add up to 100.0% exactly (only within their
    // rounding), so no part of them balances.
    assert_eq!(judged[3].verdict, Verdict::WithinRounding);
}
