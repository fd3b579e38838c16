use super::*;
use crate::source::SourceFile;

fn document(text: &str) -> Document {
    Document::new(SourceFile::new("paper.txt", text.to_string()))
}

fn shapes(text: &str) -> Vec<(Shape, Vec<usize>)> {
    suggest(&document(text))
        .tables
        .into_iter()
        .flat_map(|t| t.relationships)
        .map(|r| (r.shape, r.broken))
        .collect()
}

const BUDGET: &str = "\
| Line | 2024/25 £'000 | 2025/26 £'000 | Change £'000 |
|---|---|---|---|
| Employees | 4,210 | 4,388 | 178 |
| Premises | 1,122 | 1,187 | 65 |
| Transport | 233 | 241 | 8 |
| Supplies and services | 1,876 | 1,802 | -74 |
| Total expenditure | 7,441 | 7,618 | 177 |
| Fees and charges | -1,950 | -2,064 | -114 |
| Grants and contributions | -812 | -790 | 22 |
| Total income | -2,762 | -2,854 | -92 |
| Net budget | 4,679 | 4,764 | 85 |
";

#[test]
fn a_budget_gives_its_sub_totals_its_net_total_and_its_change_column() {
    let found = shapes(BUDGET);
    assert!(found.contains(&(
        Shape::ColumnDifference {
            result: 2,
            left: 1,
            right: 0
        },
        vec![]
    )));
    assert!(found.contains(&(
        Shape::RowSum {
            total: 4,
            parts: vec![0, 1, 2, 3]
        },
        vec![]
    )));
    assert!(found.contains(&(
        Shape::RowSum {
            total: 7,
            parts: vec![5, 6]
        },
        vec![]
    )));
    assert!(found.contains(&(
        Shape::RowSum {
            total: 8,
            parts: vec![4, 7]
        },
        vec![]
    )));
}

#[test]
fn a_slipped_cell_is_the_one_place_its_rules_break() {
    let slipped = BUDGET.replace("| 1,187 |", "| 1,178 |");
    let found = shapes(&slipped);
    // Premises' change no longer follows, and 2025/26 expenditure no longer adds up.
    assert!(found.contains(&(
        Shape::ColumnDifference {
            result: 2,
            left: 1,
            right: 0
        },
        vec![1]
    )));
    assert!(found.contains(&(
        Shape::RowSum {
            total: 4,
            parts: vec![0, 1, 2, 3]
        },
        vec![1]
    )));
}

const BANDS: &str = "\
The Band D charge rises by 5.0%. Band D is the band other bands are set from.

| Band | 2024/25 £ | 2025/26 £ | Increase a year £ | Increase % | Increase a week |
|---|---|---|---|---|---|
| Band A | 1,104.00 | 1,159.20 | 55.20 | 5.0% | £1.06 |
| Band B | 1,288.00 | 1,352.40 | 64.40 | 5.0% | £1.24 |
| Band C | 1,472.00 | 1,545.60 | 73.60 | 5.0% | £1.42 |
| Band D | 1,656.00 | 1,738.80 | 82.80 | 5.0% | £1.59 |
| Band E | 2,024.00 | 2,125.20 | 101.20 | 5.0% | £1.95 |
| Band F | 2,392.00 | 2,511.60 | 119.60 | 5.0% | £2.30 |
| Band G | 2,760.00 | 2,898.00 | 138.00 | 5.0% | £2.65 |
| Band H | 3,312.00 | 3,477.60 | 165.60 | 5.0% | £3.18 |
";

#[test]
fn a_band_table_gives_its_weekly_column_and_its_ratios_to_band_d() {
    let found = shapes(BANDS);
    assert!(found.contains(&(
        Shape::ColumnScaled {
            result: 4,
            source: 2,
            numerator: 1,
            denominator: 52
        },
        vec![]
    )));
    assert!(found.contains(&(
        Shape::RowMultiple {
            row: 5,
            reference: 3,
            numerator: 13,
            denominator: 9,
            in_law: false
        },
        vec![]
    )));
    assert!(found.contains(&(
        Shape::ColumnQuotient {
            result: 3,
            numerator: 2,
            denominator: 0
        },
        vec![]
    )));
}

#[test]
fn columns_that_keep_no_rule_give_none() {
    let text = "\
| Ward | Electors | Councillors | Turnout % |
|---|---|---|---|
| North | 4,512 | 2 | 31.2% |
| South | 6,803 | 3 | 28.9% |
| East | 3,998 | 2 | 35.0% |
| West | 5,120 | 2 | 26.4% |
";
    assert_eq!(shapes(text), vec![]);
}

#[test]
fn prose_that_restates_a_cell_is_found_by_the_words_before_it() {
    let text = format!(
        "The net budget rises to £4,764,000 next year, and spending on premises is £1,187,000.\n\n{BUDGET}"
    );
    let found = suggest(&document(&text));
    let anchors: Vec<(&str, usize, usize)> = found
        .restatements
        .iter()
        .map(|r| (r.anchor.as_str(), r.row, r.column))
        .collect();
    assert_eq!(
        anchors,
        vec![("rises to {}", 8, 1), ("premises is {}", 1, 1)]
    );
    let pack = render::pack("paper.txt", &found);
    assert!(
        pack.contains("paper \"rises to {}\" == table1.cell(\"Net budget\", \"2025/26 £'000\")"),
        "{pack}"
    );
}

#[test]
fn a_one_column_total_that_does_not_add_up_is_a_finding() {
    let text = "\
| Item | £ |
|---|---|
| Staff | 48,200 |
| Premises | 12,000 |
| Transport | 3,400 |
| Total | 64,600 |
";
    let found = shapes(text);
    assert_eq!(
        found,
        vec![(
            Shape::RowSum {
                total: 3,
                parts: vec![0, 1, 2]
            },
            vec![0]
        )]
    );
    // With an "of which" line above it, "Total" need not add every row.
    let of_which = text.replace("| Transport | 3,400 |", "| of which agency staff | 3,400 |");
    assert_eq!(shapes(&of_which), vec![]);
}

#[test]
fn shares_that_make_a_whole_in_adjacent_columns_and_in_split_cells() {
    let text = "\
| Scheme | Cost £'000 | Borrowing % | Grants % | Reserves % | Split |
|---|---|---|---|---|---|
| Depot | 1,200 | 40% | 35% | 25% | 60%/40% |
| Library | 850 | 20% | 70% | 10% | 55%/45% |
| Pool | 4,300 | 65% | 20% | 15% | 70%/30% |
| Offices | 2,100 | 50% | 30% | 20% | 50%/50% |
| Bridges | 3,400 | 10% | 85% | 5% | 65%/25% |
";
    let found = shapes(text);
    assert!(
        found.contains(&(
            Shape::ColumnsWhole {
                parts: vec![1, 2, 3]
            },
            vec![]
        )),
        "{found:?}"
    );
    // Bridges' split is 65% and 25%: the one row that breaks the rule.
    assert!(
        found.contains(&(Shape::PairWhole { column: 4 }, vec![4])),
        "{found:?}"
    );
}

#[test]
fn bracketed_cells_are_negative_as_in_accounts() {
    let bracketed = BUDGET
        .replace(
            "| -1,950 | -2,064 | -114 |",
            "| (1,950) | (2,064) | (114) |",
        )
        .replace("| -812 | -790 | 22 |", "| (812) | (790) | 22 |")
        .replace("| -2,762 | -2,854 | -92 |", "| (2,762) | (2,854) | (92) |")
        .replace("| 1,876 | 1,802 | -74 |", "| 1,876 | 1,802 | (74) |");
    assert_eq!(shapes(&bracketed), shapes(BUDGET));
}

#[test]
fn a_budget_copied_from_a_pdf_with_dashes_for_none() {
    let text = "\
Little Snoring Parish Council 2024/25 £ 2025/26 £
Grounds maintenance 12,400 13,150
Street lighting 4,800 5,010
Election costs - 1,500
Interest received -200 -250
Total 17,000 19,500
";
    // 2025/26 adds to 19,410: the one column that breaks a labelled total.
    assert_eq!(
        shapes(text),
        vec![(
            Shape::RowSum {
                total: 4,
                parts: vec![0, 1, 2, 3]
            },
            vec![1]
        )]
    );
}

#[test]
fn a_band_d_row_is_the_requirement_over_the_tax_base_in_each_year() {
    // Two year columns: the label `Band D` is the evidence three places
    // would give, and the slipped 2026/27 charge breaks it there.
    let text = "\
| Line | 2025/26 | 2026/27 |
|---|---|---|
| Council tax requirement | £6,120,400 | £6,402,900 |
| Tax base | 3,612.5 | 3,640.1 |
| Band D charge | £1,694.23 | £1,795.01 |
";
    let found = shapes(text);
    assert!(
        found.contains(&(
            Shape::RowQuotient {
                result: 2,
                numerator: 0,
                denominator: 1
            },
            vec![1]
        )),
        "{found:?}"
    );
}

#[test]
fn a_tax_base_under_a_pound_header_is_still_a_count() {
    // The `£` of the year headers is the money rows'; the tax base row is
    // properties, so Band D is still money over a count.
    let text = "\
| | 2026/27 £ | 2027/28 £ |
|---|---|---|
| Council tax requirement | 7,115,350 | 7,412,650 |
| Tax base (Band D equivalents) | 37,881.0 | 38,240.5 |
| Band D council tax | 187.83 | 193.84 |
";
    let found = shapes(text);
    assert!(
        found.contains(&(
            Shape::RowQuotient {
                result: 2,
                numerator: 0,
                denominator: 1
            },
            vec![]
        )),
        "{found:?}"
    );
}

#[test]
fn a_band_d_column_of_three_parishes_shows_a_slip_in_one() {
    // Two of three rows keep Band D = precept / tax base: too few by
    // count, but the column's name is the evidence.
    let text = "\
| Parish | Precept £ | Tax base | Band D £ |
|---|---|---|---|
| Ashvale Town | 412,300 | 9,812.4 | 42.02 |
| Brinkley | 38,650 | 1,204.7 | 23.08 |
| Coldmere | 21,900 | 655.0 | 33.44 |
";
    let found = shapes(text);
    assert!(
        found.contains(&(
            Shape::ColumnQuotient {
                result: 2,
                numerator: 0,
                denominator: 1
            },
            vec![1]
        )),
        "{found:?}"
    );
}

#[test]
fn a_per_cent_change_column_a_net_column_and_a_vat_column() {
    let text = "\
| Service | 2025/26 £ | 2026/27 £ | Rise % |
|---|---|---|---|
| Parks | 40,000 | 42,000 | 5.0% |
| Libraries | 25,000 | 25,500 | 2.0% |
| Museums | 12,000 | 12,600 | 5.0% |
| Sport | 30,000 | 29,100 | -3.0% |

| Contract | Gross £ | Grants £ | Fees £ | Net £ | VAT £ |
|---|---|---|---|---|---|
| Bridges | 9,000 | 2,000 | 1,000 | 6,000 | 1,200 |
| Lighting | 4,500 | 1,500 | 500 | 2,500 | 500 |
| Signals | 7,250 | 250 | 2,000 | 5,000 | 1,000 |
| Drainage | 3,100 | 300 | 600 | 2,200 | 440 |
";
    let found = shapes(text);
    let has = |shape: Shape| {
        found
            .iter()
            .any(|(s, broken)| *s == shape && broken.is_empty())
    };
    assert!(
        has(Shape::ColumnChange {
            result: 2,
            from: 0,
            to: 1
        }),
        "{found:?}"
    );
    assert!(
        has(Shape::ColumnNet {
            result: 3,
            gross: 0,
            less: vec![1, 2]
        }),
        "{found:?}"
    );
    assert!(
        has(Shape::ColumnScaled {
            result: 4,
            source: 3,
            numerator: 1,
            denominator: 5
        }),
        "{found:?}"
    );
}

#[test]
fn a_bridge_between_years_and_the_table_that_carries_its_end() {
    let text = "\
| Item | £'000 |
|---|---|
| Budget 2025/26 | 10,400 |
| Inflation | 312 |
| Savings | -455 |
| Budget 2026/27 | 10,257 |

| Funding | £'000 |
|---|---|
| Council tax | 7,820 |
| Grants | 2,437 |
| Total funding | 10,257 |
";
    let document = document(text);
    let suggestions = suggest(&document);
    let bridge = suggestions.tables.first().unwrap();
    assert!(bridge.relationships.iter().any(|r| r.shape
        == Shape::RowSum {
            total: 3,
            parts: vec![0, 1, 2]
        }));
    assert_eq!(
        suggestions.across,
        [restate::Across {
            from: (0, 3, 0),
            to: (1, 2, 0)
        }]
    );
    let pack = render::pack("paper.txt", &suggestions);
    assert!(
        pack.contains("table2.cell(\"Total funding\", \"£'000\") == table1.cell(\"Budget 2026/27\", \"£'000\")"),
        "{pack}"
    );
}

#[test]
fn rows_of_one_split_are_no_multiples_of_a_coarse_row() {
    // Every row split 80/20 makes every row proportional to every other:
    // the small row's rounding must not make them look like multiples.
    let text = "\
| Scheme | Cost £'000 | Grant £'000 | Local £'000 |
|---|---|---|---|
| Flood defence | 1,846 | 1,477 | 369 |
| Cycle route | 2,375 | 1,900 | 475 |
| Signage | 142 | 114 | 28 |
| Bridges | 517 | 414 | 103 |
";
    let found = shapes(text);
    assert!(
        !found
            .iter()
            .any(|(s, _)| matches!(s, Shape::RowMultiple { .. })),
        "{found:?}"
    );
    assert!(found.iter().any(|(s, _)| matches!(
        s,
        Shape::ColumnScaled {
            numerator: 4,
            denominator: 5,
            ..
        }
    )));
}

/// A band table with one column of charges, as printed.
fn one_column_bands(charges: &[(&str, &str)]) -> String {
    let mut text = String::from("| Band | Charge £ |\n|---|---|\n");
    for (band, charge) in charges {
        text.push_str(&format!("| Band {band} | {charge} |\n"));
    }
    text
}

#[test]
fn one_column_of_band_charges_keeps_the_ratios_set_in_law() {
    let england = [
        ("A", "129.23"),
        ("B", "150.76"),
        ("C", "172.30"),
        ("D", "193.84"),
        ("E", "263.92"), // slipped: 236.92
        ("F", "279.99"),
        ("G", "323.07"),
        ("H", "387.68"),
    ];
    let found = shapes(&one_column_bands(&england));
    let bands: Vec<&(Shape, Vec<usize>)> = found
        .iter()
        .filter(|(s, _)| matches!(s, Shape::RowMultiple { in_law: true, .. }))
        .collect();
    assert_eq!(bands.len(), 7, "{found:?}");
    let broken: Vec<&Shape> = bands
        .iter()
        .filter(|(_, b)| !b.is_empty())
        .map(|(s, _)| s)
        .collect();
    assert_eq!(
        broken,
        [&Shape::RowMultiple {
            row: 4,
            reference: 3,
            numerator: 11,
            denominator: 9,
            in_law: true
        }]
    );
    // Band D itself slipped: every band's rule breaks on it, since the
    // other bands agree on the charge it should be.
    let mut slipped_d = england;
    slipped_d[4] = ("E", "236.92");
    slipped_d[3] = ("D", "913.84");
    let found = shapes(&one_column_bands(&slipped_d));
    let broken = found
        .iter()
        .filter(|(s, b)| matches!(s, Shape::RowMultiple { in_law: true, .. }) && b == &[0])
        .count();
    assert_eq!(broken, 7, "{found:?}");
    // Scotland's upper bands are not ninths: too few keep a ratio in law
    // for the table to be read as England's.
    let scotland = [
        ("A", "129.23"),
        ("B", "150.76"),
        ("C", "172.30"),
        ("D", "193.84"),
        ("E", "254.68"),
        ("F", "314.98"),
        ("G", "379.59"),
        ("H", "474.89"),
    ];
    let found = shapes(&one_column_bands(&scotland));
    assert!(
        !found
            .iter()
            .any(|(s, _)| matches!(s, Shape::RowMultiple { in_law: true, .. })),
        "{found:?}"
    );
}

#[test]
fn a_per_head_column_is_not_summed_by_its_total_row() {
    // The Total row's 241.93 is the total cost over the total population,
    // not the sum of the rates above it.
    let text = "\
| Council | Net cost £'000 | Population | Per resident £ |
|---|---|---|---|
| Ashvale | 12,410 | 52,300 | 237.28 |
| Brinkley | 8,275 | 31,950 | 259.00 |
| Coldmere | 15,980 | 70,120 | 227.90 |
| Dunford | 6,120 | 22,480 | 272.24 |
| Total | 42,785 | 176,850 | 241.93 |
";
    let found = shapes(text);
    let sum = found
        .iter()
        .find(|(s, _)| matches!(s, Shape::RowSum { total: 4, .. }))
        .expect("the Total row adds up the costs and populations");
    assert!(sum.1.is_empty(), "{found:?}");
    let rows = suggest(&document(text));
    let over: Vec<usize> = rows
        .tables
        .iter()
        .flat_map(|t| &t.relationships)
        .filter(|r| matches!(r.shape, Shape::RowSum { .. }))
        .flat_map(|r| r.over.clone())
        .collect();
    assert_eq!(over, [0, 1], "the per-resident column is not summed");
}

#[test]
fn rates_over_one_population_still_add() {
    // Spending per head by service, for one county's population: the
    // per-head figures make the total per head, and a slip in the other
    // column (`per annum`, a sum of money a year) is still found.
    let text = "\
| Service | Spend per head £ | Spend per annum £m |
|---|---|---|
| Education | 1,210 | 968.0 |
| Health | 2,030 | 1,624.0 |
| Transport | 415 | 332.0 |
| Total | 3,655 | 2,934.0 |
";
    let found = shapes(text);
    assert!(
        found.contains(&(
            Shape::RowSum {
                total: 3,
                parts: vec![0, 1, 2]
            },
            vec![1]
        )),
        "{found:?}"
    );
}
