//! The layouts of space-aligned tables, each on lines written for it.

use crate::figures::{recognise, Figures};
use crate::tables::{find_tables, Table};

fn tables_of(text: &str) -> (Vec<Table>, Figures) {
    let figures = recognise(text);
    (find_tables(text, &figures), figures)
}

/// Each data row as its label and cell texts.
fn rows(table: &Table) -> Vec<Vec<String>> {
    table
        .data_rows()
        .iter()
        .map(|r| r.cells.iter().map(|c| c.text.clone()).collect())
        .collect()
}

fn headers(table: &Table) -> Vec<String> {
    (1..table.column_count())
        .map(|c| table.column_labels(c).join(" / "))
        .collect()
}

#[test]
fn a_pdf_budget_with_stacked_headers_and_wrapped_labels() {
    let text = "\
Table 2: Revenue budget

                              2024/25
                      Gross         Income           Net
                expenditure
Service               £'000          £'000         £'000
Adults, health &
commissioning        12,450        (3,100)         9,350
Libraries             1,200              -         1,200
                     13,650        (3,100)        10,550

The budget is balanced.
";
    let (tables, _) = tables_of(text);
    assert_eq!(tables.len(), 1, "{tables:#?}");
    let table = &tables[0];
    assert_eq!(
        headers(table),
        [
            "2024/25 / Gross expenditure £'000",
            "2024/25 / Income £'000",
            "2024/25 / Net £'000"
        ]
    );
    assert_eq!(table.column_labels(0), ["Service"]);
    assert_eq!(
        rows(table),
        [
            [
                "Adults, health & commissioning",
                "12,450",
                "(3,100)",
                "9,350"
            ],
            ["Libraries", "1,200", "-", "1,200"],
            ["", "13,650", "(3,100)", "10,550"],
        ]
    );
}

#[test]
fn rows_that_fill_only_some_columns_and_blocks_split_by_blank_lines() {
    let text = "\
Scheme                 2024/25     2025/26     Total
                         £'000       £'000     £'000
Depot roof                 450                   450
Play areas                 120         130       250

Cycle routes                           600       600
Total                      570         730     1,300
";
    let (tables, _) = tables_of(text);
    assert_eq!(tables.len(), 1, "{tables:#?}");
    let table = &tables[0];
    assert_eq!(
        headers(table),
        ["2024/25 £'000", "2025/26 £'000", "Total £'000"]
    );
    assert_eq!(
        rows(table),
        [
            ["Depot roof", "450", "", "450"],
            ["Play areas", "120", "130", "250"],
            ["Cycle routes", "", "600", "600"],
            ["Total", "570", "730", "1,300"],
        ]
    );
    // The blank under 2025/26 is nil: the scheme spends nothing that year.
    let depot = &table.data_rows()[0];
    assert!(table.is_nil_cell(depot, 2));
    assert!(!table.is_nil_cell(depot, 1), "450 is a figure");
}

#[test]
fn figure_label_figure_rows_copied_from_a_web_page() {
    let text = "\
2022-23 Net (£000's) Portfolio 2023-24 Net (£000's)
12,345 Children's Services 13,456
9,870 Adult Social Care 10,102
22,215 Total 23,558
";
    let (tables, figures) = tables_of(text);
    assert_eq!(tables.len(), 1, "{tables:#?}");
    let table = &tables[0];
    assert_eq!(
        headers(table),
        ["2022-23 Net (£000's)", "2023-24 Net (£000's)"]
    );
    assert_eq!(table.column_labels(0), ["Portfolio"]);
    assert_eq!(table.find_row("Adult Social Care", &figures), Ok(1));
    assert_eq!(rows(table)[2], ["Total", "22,215", "23,558"]);
}

#[test]
fn a_web_table_with_no_label_cell_and_short_grant_lines() {
    let text = "\
Gross Income Net
Employees 4,210 (210) 4,000
Premises 1,100 (100) 1,000
Revenue support grant (1,500) (1,500)
Net cost 5,310 (1,810) 3,500
";
    let (tables, _) = tables_of(text);
    assert_eq!(tables.len(), 1, "{tables:#?}");
    let table = &tables[0];
    assert_eq!(headers(table), ["Gross", "Income", "Net"]);
    assert_eq!(
        rows(table)[2],
        ["Revenue support grant", "", "(1,500)", "(1,500)"]
    );
}

#[test]
fn negatives_nil_and_footnote_markers() {
    let text = "\
Line                 2024/25     2025/26
Fees                  -1,234      –1,300
Grants                   nil       2,000*
Rents                 567(a)           –
";
    let (tables, _) = tables_of(text);
    assert_eq!(tables.len(), 1, "{tables:#?}");
    assert_eq!(
        rows(&tables[0]),
        [
            ["Fees", "-1,234", "–1,300"],
            ["Grants", "nil", "2,000"],
            ["Rents", "567", "–"],
        ]
    );
}

#[test]
fn a_section_heading_inside_a_table_is_a_row_of_its_own() {
    let text = "\
Service                2024/25     2025/26
Place
Highways                 3,100       3,250
Parks                      900         950
People
Libraries                1,200       1,180
Museums                    400         420
";
    let (tables, _) = tables_of(text);
    assert_eq!(tables.len(), 1, "{tables:#?}");
    let labels: Vec<String> = rows(&tables[0]).iter().map(|r| r[0].clone()).collect();
    assert_eq!(
        labels,
        [
            "Place",
            "Highways",
            "Parks",
            "People",
            "Libraries",
            "Museums"
        ]
    );
    // A heading's blanks are no amounts, and a label is never nil.
    let table = &tables[0];
    let place = &table.data_rows()[0];
    assert!(!table.is_nil_cell(place, 1));
    assert!(!table.is_nil_cell(&table.data_rows()[1], 0));
}

#[test]
fn prose_is_no_table() {
    let text = "\
The council will spend £48,200 on grounds maintenance in 2024/25.
It expects interest of £12,000.

Two lines ending 4 5
are not a table of one figure each 6
";
    let (tables, _) = tables_of(text);
    assert!(tables.is_empty(), "{tables:#?}");
}

#[test]
fn bracket_negatives_are_figure_cells() {
    let text = "\
Item                        2026/27          2027/28
Net budget requirement    14,820,600      £15,371,950
Revenue support grant     (1,245,300)     (£1,302,800)
Council tax requirement   13,575,300      £14,069,150
";
    let (tables, figures) = tables_of(text);
    assert_eq!(tables.len(), 1, "{tables:#?}");
    let table = &tables[0];
    let grant = &table.data_rows()[1];
    let figure_cells: Vec<&str> = grant
        .cells
        .iter()
        .filter(|c| crate::tables::is_figure_cell(c, &figures))
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(figure_cells, ["(1,245,300)", "(£1,302,800)"]);
    assert_eq!(
        table.row_label(grant, &figures),
        Some("Revenue support grant")
    );
}

#[test]
fn a_number_inside_a_label_keeps_its_row_in_the_table() {
    let text = "\
Source                        2027/28     2028/29     Total
Prudential borrowing              6.0         8.3      14.3
Section 106 contributions         1.0         1.0       2.0
Capital receipts                  2.4         3.5       5.9
Total funding                     9.4        12.8      22.2
";
    let (tables, _) = tables_of(text);
    assert_eq!(tables.len(), 1, "{tables:#?}");
    assert_eq!(
        rows(&tables[0]),
        [
            ["Prudential borrowing", "6.0", "8.3", "14.3"],
            ["Section 106 contributions", "1.0", "1.0", "2.0"],
            ["Capital receipts", "2.4", "3.5", "5.9"],
            ["Total funding", "9.4", "12.8", "22.2"],
        ]
    );
}

#[test]
fn a_title_straight_above_the_header_is_not_a_header_line() {
    // As a browser prints a `<caption>` to PDF: centred over the table,
    // with no blank line before the header. (A raw string: `\` at a line's
    // end would eat the first line's indent.)
    let text = r"
               Table A: Capital programme by scheme (£m)
Scheme                          2027/28    2028/29    2029/30     Total
Town centre regeneration            4.2        6.1        3.3      13.6
Depot replacement                   1.0        2.0          -       3.0
Total                               5.2        8.1        3.3      16.6

                       Capital spending by year
Source                          2027/28    2028/29    2029/30     Total
Borrowing                           3.0        5.0        2.0      10.0
Grants                              2.2        3.1        1.3       6.6

                                   Table B: Funding (£m)
Source                          2027/28    2028/29    2029/30     Total
Borrowing                           3.0        5.0        2.0      10.0
Grants                              2.2        3.1        1.3       6.6
";
    let (tables, _) = tables_of(text);
    assert_eq!(tables.len(), 3, "{tables:#?}");
    for table in &tables {
        assert_eq!(headers(table), ["2027/28", "2028/29", "2029/30", "Total"]);
    }
    assert_eq!(tables[0].column_labels(0), ["Scheme"]);
    assert_eq!(tables[1].column_labels(0), ["Source"]);
    // The table starts at its header, so the title stays in the text.
    assert!(text[tables[0].span.start..].starts_with("Scheme"));
}

#[test]
fn a_heading_over_some_columns_stays_a_header_line() {
    let text = r"
                          Forecast outturn for the year
Service                   Gross      Income         Net
Libraries                 1,200        (200)      1,000
Museums                     800        (100)        700
";
    let (tables, _) = tables_of(text);
    assert_eq!(tables.len(), 1, "{tables:#?}");
    assert_eq!(
        headers(&tables[0]),
        [
            "Forecast outturn for the year Gross",
            "Forecast outturn for the year Income",
            "Forecast outturn for the year Net"
        ]
    );
}

#[test]
fn labels_set_one_space_apart_just_above_the_figures_head_one_column_each() {
    // A word-processor table that fits its text, as its PDF's text layer
    // prints it: the header's labels one space apart.
    let text = r"
    Parish    Precept £ Tax base  Band D £
Ashvale Town  412,300   9,812.4  42.02
Brinkley       38,650   1,204.7  32.08
Coldmere       21,900     655.0  33.44
";
    let (tables, _) = tables_of(text);
    assert_eq!(tables.len(), 1, "{tables:#?}");
    assert_eq!(headers(&tables[0]), ["Precept £", "Tax base", "Band D £"]);
    assert_eq!(tables[0].column_labels(0), ["Parish"]);
}

#[test]
fn years_over_sub_headers_in_a_table_whose_figures_do_not_line_up() {
    // Left-aligned figures in a proportional font, as a word processor's
    // PDF prints them: the columns are read by place, and the years still
    // head three columns each.
    let text = r"
                              2026/27                    2027/28
     Directorate
                      Gross   Income     Net    Gross    Income     Net
Adult social care    212,400  (61,250)  151,150  228,900  (64,800)  164,100
Children's services  148,700  (42,300)  106,400  155,200  (43,900)  111,300
Place                96,350  (28,900)  67,450  99,800  (29,650)  70,150
";
    let (tables, _) = tables_of(text);
    assert_eq!(tables.len(), 1, "{tables:#?}");
    assert_eq!(
        headers(&tables[0]),
        [
            "2026/27 / Gross",
            "2026/27 / Income",
            "2026/27 / Net",
            "2027/28 / Gross",
            "2027/28 / Income",
            "2027/28 / Net"
        ]
    );
    assert_eq!(tables[0].column_labels(0), ["Directorate"]);
    assert_eq!(rows(&tables[0])[2][4], "99,800");
}

#[test]
fn years_named_by_a_word_head_the_columns_under_them() {
    // `Budget 2024/25` spans Gross, Income and Net as a bare year does,
    // rather than gluing itself to the column in its middle.
    let text = r"
                         Budget 2024/25             Outturn 2025/26
                    Gross    Income      Net    Gross    Income      Net
Adult care         12,400    (3,100)    9,300  13,050    (3,250)    9,800
Highways            5,100      (900)    4,200   5,400      (950)    4,450
";
    let (tables, _) = tables_of(text);
    assert_eq!(tables.len(), 1, "{tables:#?}");
    assert_eq!(
        headers(&tables[0]),
        [
            "Budget 2024/25 / Gross",
            "Budget 2024/25 / Income",
            "Budget 2024/25 / Net",
            "Outturn 2025/26 / Gross",
            "Outturn 2025/26 / Income",
            "Outturn 2025/26 / Net"
        ]
    );
}

#[test]
fn a_label_heading_beside_named_years_leaves_them_spanning() {
    // `Service` over the labels does not stop `Budget 2024/25` heading
    // all three columns under it: it heads the label column instead.
    let text = r"
Service              Budget 2024/25               Budget 2025/26
                 Gross   Income      Net      Gross   Income      Net
Housing          1,240     (310)     930      1,310     (320)     990
Leisure            860     (400)     460        905     (415)     490
";
    let (tables, _) = tables_of(text);
    assert_eq!(tables.len(), 1, "{tables:#?}");
    assert_eq!(
        headers(&tables[0]),
        [
            "Budget 2024/25 / Gross",
            "Budget 2024/25 / Income",
            "Budget 2024/25 / Net",
            "Budget 2025/26 / Gross",
            "Budget 2025/26 / Income",
            "Budget 2025/26 / Net"
        ]
    );
    let table = &tables[0];
    let label_heading: Vec<&str> = table.rows[..table.header_rows]
        .iter()
        .filter_map(|row| row.cells.first())
        .map(|cell| cell.text.as_str())
        .filter(|words| !words.is_empty())
        .collect();
    assert_eq!(label_heading, ["Service"]);
}

#[test]
fn a_long_heading_with_a_year_is_not_a_year_line() {
    // Five words and a year are a heading of their own, over the columns
    // it reaches, not a year that spans them.
    let text = r"
                    Net budget agreed by Council 2024/25
Service             Gross      Income         Net
Libraries           1,200        (200)      1,000
Museums               800        (100)        700
";
    let (tables, _) = tables_of(text);
    assert_eq!(tables.len(), 1, "{tables:#?}");
    let headers = headers(&tables[0]);
    assert!(
        headers.iter().all(|h| !h.contains(" / ")),
        "read as a year row: {headers:?}"
    );
}

#[test]
fn a_nil_in_the_first_figure_column_is_no_part_of_the_label() {
    let text = "\
                                 2027/28     2028/29     2029/30
Net budget requirement           196,650     207,495     219,285
Total funding                    196,650     203,950     211,860
Budget gap                             -       3,545       7,425
";
    let (tables, figures) = tables_of(text);
    assert_eq!(tables.len(), 1, "{tables:#?}");
    let table = &tables[0];
    let gap = &table.data_rows()[2];
    assert_eq!(table.row_labels(gap, &figures), ["Budget gap"]);
    assert!(table.is_nil_cell(gap, 1));
}

#[test]
fn a_column_of_vat_codes_between_the_figures() {
    let text = "\
                              2027/28                 2027/28
                               charge      VAT             charge
Charge                      excl. VAT     code      VAT   incl. VAT
Garden waste (per bin)          48.50        S     9.70       58.20
Bulky waste, up to 3 items      33.75        S     6.75       40.50
Allotment rent, full plot       55.00        E        -       55.00
";
    let (tables, _) = tables_of(text);
    assert_eq!(tables.len(), 1, "{tables:#?}");
    assert_eq!(
        rows(&tables[0]),
        [
            ["Garden waste (per bin)", "48.50", "S", "9.70", "58.20"],
            ["Bulky waste, up to 3 items", "33.75", "S", "6.75", "40.50"],
            ["Allotment rent, full plot", "55.00", "E", "-", "55.00"],
        ]
    );
    assert!(
        headers(&tables[0])[1].contains("VAT code"),
        "{:?}",
        headers(&tables[0])
    );
}
