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
