//! An HTML `<table>` as a Markdown pipe table: `rowspan` and `colspan`
//! placed on a grid, the header rows (`<thead>`, or leading rows of `<th>`
//! cells) joined into one header, and the `<caption>` on a line above.

use scraper::ElementRef;

/// The most rows or columns one cell may span.
const MOST_SPANNED: usize = 100;

/// One cell placed on the grid.
#[derive(Clone, Debug, Default)]
struct Placed {
    text: String,
    header: bool,
}

/// The table's lines, each with the element it came from.
/// `name` is the table's (`table 2`, `table 2 #bands`).
pub fn render(table: ElementRef, name: &str) -> Vec<(String, String)> {
    let mut lines = Vec::new();
    let origin = |what: &str| format!("{name}{what}");
    if let Some(caption) = child(table, "caption") {
        lines.push((squash(&text_of(caption)), origin(", caption")));
    }
    let (grid, header_rows) = grid_of(table);
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return lines;
    }
    let cell = |row: &Vec<Placed>, column: usize| {
        row.get(column)
            .map(|c| c.text.replace('|', "/"))
            .unwrap_or_default()
    };
    let header: Vec<String> = (0..width)
        .map(|column| {
            let mut words: Vec<String> = Vec::new();
            for row in grid.iter().take(header_rows) {
                let text = cell(row, column);
                if !text.is_empty() && words.last() != Some(&text) {
                    words.push(text);
                }
            }
            words.join(" ")
        })
        .collect();
    lines.push((format!("| {} |", header.join(" | ")), origin(", header")));
    lines.push((format!("|{}", "---|".repeat(width)), origin(", header")));
    for (r, row) in grid.iter().enumerate().skip(header_rows) {
        let cells: Vec<String> = (0..width).map(|c| cell(row, c)).collect();
        lines.push((
            format!("| {} |", cells.join(" | ")),
            origin(&format!(", row {}", r + 1 - header_rows)),
        ));
    }
    lines
}

/// The rows of the table's cells on a grid, and how many of the first rows
/// are its header.
fn grid_of(table: ElementRef) -> (Vec<Vec<Placed>>, usize) {
    let mut grid: Vec<Vec<Option<Placed>>> = Vec::new();
    let mut in_head = Vec::new();
    for (r, (row, head)) in rows(table).into_iter().enumerate() {
        in_head.push(head);
        if grid.len() <= r {
            grid.resize(r + 1, Vec::new());
        }
        let mut column = 0;
        for cell in row
            .child_elements()
            .filter(|e| matches!(e.value().name(), "td" | "th"))
        {
            while grid
                .get(r)
                .and_then(|row| row.get(column))
                .is_some_and(Option::is_some)
            {
                column += 1;
            }
            let span = |name: &str| {
                cell.value()
                    .attr(name)
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    // A span past a hundred is a page built to exhaust memory
                    // (a council's table spans a few rows or columns).
                    .map_or(1, |n| n.clamp(1, MOST_SPANNED))
            };
            let (rows_spanned, columns_spanned) = (span("rowspan"), span("colspan"));
            let placed = Placed {
                text: squash(&text_of(cell)),
                header: cell.value().name() == "th",
            };
            for dr in 0..rows_spanned {
                if grid.len() <= r + dr {
                    grid.resize(r + dr + 1, Vec::new());
                }
                for dc in 0..columns_spanned {
                    let Some(target) = grid.get_mut(r + dr) else {
                        continue;
                    };
                    if target.len() <= column + dc {
                        target.resize(column + dc + 1, None);
                    }
                    // A heading spanning columns names each; a figure spanning
                    // rows is printed once, so the rows below it hold none.
                    let copy = dr == 0 || placed.header || column + dc == 0;
                    if let Some(slot) = target.get_mut(column + dc) {
                        *slot = Some(if copy {
                            placed.clone()
                        } else {
                            Placed::default()
                        });
                    }
                }
            }
            column += columns_spanned;
        }
    }
    let grid: Vec<Vec<Placed>> = grid
        .into_iter()
        .map(|row| row.into_iter().map(Option::unwrap_or_default).collect())
        .collect();
    let header_rows = in_head.iter().take_while(|&&h| h).count().max(
        grid.iter()
            .take_while(|row| !row.is_empty() && row.iter().all(|c| c.header || c.text.is_empty()))
            .count(),
    );
    // A table has one header row at least (the pipe table needs it), and a
    // body row at least when it has two rows.
    let header_rows = header_rows
        .min(grid.len().saturating_sub(1))
        .max(usize::from(!grid.is_empty()));
    (grid, header_rows)
}

/// The table's rows in order, each with whether it is in `<thead>`; rows of
/// tables nested inside cells are not the table's.
fn rows(table: ElementRef) -> Vec<(ElementRef, bool)> {
    let mut rows = Vec::new();
    for part in table.child_elements() {
        match part.value().name() {
            "tr" => rows.push((part, false)),
            "thead" | "tbody" | "tfoot" => {
                let head = part.value().name() == "thead";
                rows.extend(
                    part.child_elements()
                        .filter(|e| e.value().name() == "tr")
                        .map(|e| (e, head)),
                );
            }
            _ => {}
        }
    }
    rows
}

fn child<'a>(element: ElementRef<'a>, name: &str) -> Option<ElementRef<'a>> {
    element.child_elements().find(|e| e.value().name() == name)
}

fn text_of(element: ElementRef) -> String {
    element.text().collect::<Vec<_>>().join(" ")
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::text_of;

    #[test]
    fn spans_headers_and_captions_make_a_pipe_table() {
        let (text, origins) = text_of(
            "<table id=bands><caption>Table 2: Charges by band</caption>\
             <thead><tr><th rowspan=2>Band</th><th colspan=2>2027/28</th></tr>\
             <tr><th>Ratio</th><th>Charge</th></tr></thead>\
             <tbody><tr><th>Band A</th><td>6/9</td><td>£1,279.55</td></tr>\
             <tr><th>Band B</th><td>7/9</td><td>£1,492.81</td></tr></tbody></table>",
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "Table 2: Charges by band");
        assert_eq!(lines[1], "| Band | 2027/28 Ratio | 2027/28 Charge |");
        assert_eq!(lines[2], "|---|---|---|");
        assert_eq!(lines[3], "| Band A | 6/9 | £1,279.55 |");
        assert_eq!(origins[0], "table 1 #bands, caption");
        assert_eq!(origins[4], "table 1 #bands, row 2");
    }

    #[test]
    fn a_figure_spanning_rows_is_printed_once() {
        let (text, _) = text_of(
            "<table><tr><th>Item</th><th>£</th></tr>\
             <tr><td>Roads</td><td rowspan=2>500</td></tr><tr><td>Parks</td></tr></table>",
        );
        assert!(text.contains("| Roads | 500 |"), "{text}");
        assert!(text.contains("| Parks |  |"), "{text}");
    }
}
