//! The arithmetic of a medium term financial plan: a budget brought
//! forward from the year before, a net budget of the sub-totals and the
//! rows beside them, and a gap named as a difference.

use super::*;
use crate::source::SourceFile;

fn shapes(text: &str) -> Vec<Shape> {
    let document = Document::new(SourceFile::new("plan.txt", text.to_string()));
    suggest(&document)
        .tables
        .into_iter()
        .flat_map(|t| t.relationships)
        .map(|r| r.shape)
        .collect()
}

const PLAN: &str = "\
Line                                   2027/28     2028/29     2029/30
Budget brought forward                 142,310     147,460     152,635
  Pay award                              3,610       2,980       3,050
  Waste disposal                         1,260         905         980
  Children's placements                  4,880       4,215       4,460
Total pressures                          9,750       8,100       8,490
  Service redesign                     (2,600)     (1,525)     (1,120)
  Procurement                          (1,390)       (960)       (705)
  Income generation                      (610)       (440)       (385)
Total savings                          (4,600)     (2,925)     (2,210)
Net budget requirement                 147,460     152,635     158,915
Total funding                          146,520     155,100     160,490
Budget gap                                 940     (2,465)     (1,575)
";

#[test]
fn a_plan_carries_its_net_budget_and_names_its_gap() {
    let found = shapes(PLAN);
    // Rows are numbered in the grid: brought forward 0, pressures 1–3 and
    // their total 4, savings 5–7 and their total 8, net budget 9, funding
    // 10, gap 11.
    assert!(
        found.contains(&Shape::RowCarried { row: 0, from: 9 }),
        "{found:?}"
    );
    assert!(
        found.contains(&Shape::RowSum {
            total: 9,
            parts: vec![0, 4, 8]
        }),
        "{found:?}"
    );
    assert!(
        found.contains(&Shape::RowDifference {
            result: 11,
            left: 9,
            right: 10
        }),
        "{found:?}"
    );
}

#[test]
fn a_gap_that_is_no_difference_of_its_rows_gives_no_rule() {
    let text = PLAN.replace(
        "Budget gap                                 940     (2,465)     (1,575)",
        "Budget gap                                 512         377         604",
    );
    let found = shapes(&text);
    assert!(
        !found
            .iter()
            .any(|s| matches!(s, Shape::RowDifference { .. })),
        "{found:?}"
    );
}

#[test]
fn a_gap_that_takes_a_third_row_in_one_year_gives_no_two_row_rule() {
    // Recharges start in the last year: the surplus is income less
    // expenditure less recharges there, so income less expenditure breaks
    // in one column of three and is no rule of the table.
    let text = "\
| Building control | 2025/26 £ | 2026/27 £ | 2027/28 £ |
|---|---:|---:|---:|
| Income | 612,400 | 648,900 | 671,300 |
| Expenditure | 545,550 | 564,230 | 583,100 |
| Support recharges | - | - | 61,850 |
| Surplus/(deficit) | 66,850 | 84,670 | 26,350 |
";
    let found = shapes(text);
    assert!(
        !found
            .iter()
            .any(|s| matches!(s, Shape::RowDifference { .. })),
        "{found:?}"
    );
}

#[test]
fn a_forecast_opening_at_the_budgets_balance_gives_no_carried_rule() {
    // The 2026/27 budget and forecast both open at the 2025/26 closing
    // balance: "the column before" holds for two columns of three only.
    let text = "\
Reserve                       2025/26     2026/27     2026/27     2027/28
                               Actual      Budget    Forecast      Budget
Opening balance                 8,412       7,525       7,525       5,975
Contributions                     613         300         450         350
Use of reserve                 (1,500)     (1,500)     (2,000)     (1,000)
Closing balance                 7,525       6,325       5,975       5,325
";
    let found = shapes(text);
    assert!(
        !found.iter().any(|s| matches!(s, Shape::RowCarried { .. })),
        "{found:?}"
    );
}

#[test]
fn a_flat_rise_with_exceptions_gives_no_same_amount_rule() {
    // Most fees rise by £2; the full allotment plot by £3, as the paper
    // says: the amount added is a policy with an exception, not a slip.
    let text = "\
Charge                         2026/27     2027/28
                                     £           £
Garden waste, first bin          48.00       50.00
Garden waste, second bin         36.00       38.00
Bulky waste, up to 3 items       33.00       35.00
Replacement bin                  29.00       31.00
Pest control, wasps              62.00       64.00
Allotment plot, full             55.00       58.00
Dog kennelling, per day          18.00       20.00
";
    let found = shapes(text);
    assert!(
        !found
            .iter()
            .any(|s| matches!(s, Shape::ColumnOffset { .. })),
        "{found:?}"
    );
    // With the exception gone, every row keeps it, and it is a rule.
    let flat = text.replace("55.00       58.00", "55.00       57.00");
    assert!(
        shapes(&flat)
            .iter()
            .any(|s| matches!(s, Shape::ColumnOffset { .. })),
        "{:?}",
        shapes(&flat)
    );
}

#[test]
fn a_total_each_section_repeats_is_named_a_total_by_its_own_label() {
    // `Net expenditure` under each heading: named with its section, it is
    // still a total, so two year columns are evidence enough.
    let text = "\
Service                                 2026/27    2027/28
LEISURE CENTRES
  Employees                               2,140      2,210
  Running costs                           1,675      1,730
  Income                                (3,120)    (3,285)
  Net expenditure                           695        655

MUSEUMS
  Employees                                 865        890
  Running costs                             412        425
  Income                                  (298)      (310)
  Net expenditure                           979      1,005
";
    let sums = shapes(text)
        .into_iter()
        .filter(|s| matches!(s, Shape::RowSum { .. }))
        .count();
    assert_eq!(sums, 2, "{:?}", shapes(text));
}
