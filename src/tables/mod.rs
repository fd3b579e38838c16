//! The tables stage (layer 5 of `src/lib.rs`): the tables of a document, as rows of cells with labels.
//!
//! Two layouts occur in the documents: blocks of tab-separated lines (how the
//! PDF converter wrote tables) and Markdown pipe tables. A table has one or
//! more header rows; a header cell left empty continues the label to its
//! left (`Year 1 (£m)` spans its `Low` and `High` columns). Cells keep their
//! span in the original text, so a figure read from a cell is reported where
//! it is printed, leftovers such as `<b>15.1</b>` included.
//!
//! A table is found by the words of one of its cells ([`find_table`]), and
//! its rows and columns by their labels ([`Lookup`], [`Selection`]); what
//! is not found is a [`LookupError`], which the rule language (expanding
//! whole-table rules) and the evaluator (reading cells) report alike.

mod aligned;
mod cell;
mod delimited;
mod error;
mod find;
mod header;
mod lookup;
mod plain;
mod select;
mod table;

pub use cell::{is_bracketed, is_nil, words_of};
pub use delimited::find_tables;
pub use error::{quoted_labels, LookupError};
pub use find::{find_table, label_error};
pub use header::{header_unit, stated_unit, trailing_unit};
pub use lookup::{nearest as nearest_labels, normalise, LabelError, Lookup, TablesByKey};
pub use select::{Picked, SelectError, Selection};
pub use table::{is_figure_cell, Cell, Row, Table};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::{recognise, Figures};
    use crate::units::{Scale, Unit};

    fn tables_of(text: &str) -> (Vec<Table>, Figures) {
        let figures = recognise(text);
        (find_tables(text, &figures), figures)
    }

    const PHASING: &str = "Intro\n\n\tYear 1 (£m)\t\tYear 2 (£m)\t\n\tLow\tHigh\tLow\tHigh\nFront office\t0\t0\t1.3\t5.1\n<b>Sub-total</b>\t\t\t<b>15.1</b>\t<b>43.7</b>\n\nAfter\n";

    #[test]
    fn two_header_rows_with_spanning_labels() {
        let (tables, figures) = tables_of(PHASING);
        assert_eq!(tables.len(), 1);
        let table = &tables[0];
        assert_eq!(table.header_rows, 2);
        assert_eq!(table.column_labels(2), ["Year 1 (£m)", "High"]);
        assert_eq!(table.column_labels(3), ["Year 2 (£m)", "Low"]);
        let rows = table.data_rows();
        assert_eq!(table.row_label(&rows[0], &figures), Some("Front office"));
        assert_eq!(table.row_label(&rows[1], &figures), Some("Sub-total"));
        let cell = &rows[1].cells[3];
        assert_eq!(cell.text, "15.1");
        assert_eq!(cell.span.slice(PHASING), "<b>15.1</b>");
        assert!(is_figure_cell(cell, &figures));
    }

    #[test]
    fn units_and_scales_from_headers() {
        assert_eq!(header_unit(&["£"]), Some((Unit::Pounds, Scale::One)));
        assert_eq!(
            header_unit(&["Year 1 (£m)", "Low"]),
            Some((Unit::Pounds, Scale::Million))
        );
        assert_eq!(
            header_unit(&["Cost (£ '000)"]),
            Some((Unit::Pounds, Scale::Thousand))
        );
        assert_eq!(
            header_unit(&["Savings £", "Medium"]),
            Some((Unit::Pounds, Scale::One))
        );
        assert_eq!(
            header_unit(&["Total (£m)"]),
            Some((Unit::Pounds, Scale::Million))
        );
        assert_eq!(
            header_unit(&["% reduction", "Low"]),
            Some((Unit::Percent, Scale::One))
        );
        assert_eq!(header_unit(&["Population"]), None);
    }

    #[test]
    fn a_table_without_header_rows_has_none() {
        let text = "Programme Team\t£296,248\nProgramme Budget\t£100,000\n";
        let (tables, _) = tables_of(text);
        assert_eq!(tables[0].header_rows, 0);
        assert_eq!(tables[0].rows.len(), 2);
    }

    #[test]
    fn pipe_tables() {
        let text = "| | |\n|---|---|\n| TITLE: | Vision Derbyshire |\n| Cost | £5 |\n";
        let (tables, figures) = tables_of(text);
        assert_eq!(tables.len(), 1);
        let table = &tables[0];
        assert_eq!(table.header_rows, 1);
        assert_eq!(table.data_rows().len(), 2);
        let cost = &table.data_rows()[1];
        assert_eq!(table.row_label(cost, &figures), Some("Cost"));
        assert_eq!(cost.cells[1].text, "£5");
    }

    #[test]
    fn a_unit_is_stated_alone_or_at_a_labels_end() {
        let pounds = |scale| Some((Unit::Pounds, scale));
        assert_eq!(stated_unit("(£m)"), pounds(Scale::Million));
        assert_eq!(stated_unit("£ '000"), pounds(Scale::Thousand));
        assert_eq!(stated_unit("(£000s)"), pounds(Scale::Thousand));
        assert_eq!(stated_unit("£ thousands"), pounds(Scale::Thousand));
        assert_eq!(stated_unit("£"), pounds(Scale::One));
        assert_eq!(stated_unit("(%)"), Some((Unit::Percent, Scale::One)));
        assert_eq!(stated_unit("£ per head"), None);
        assert_eq!(stated_unit("(Band D equivalents)"), None);
        assert_eq!(trailing_unit("Band D council tax (£)"), pounds(Scale::One));
        assert_eq!(trailing_unit("Net budget £m"), pounds(Scale::Million));
        assert_eq!(trailing_unit("Net budget £ '000"), pounds(Scale::Thousand));
        assert_eq!(
            trailing_unit("Increase (%)"),
            Some((Unit::Percent, Scale::One))
        );
        assert_eq!(trailing_unit("60% split of costs"), None);
        assert_eq!(trailing_unit("Tax base (Band D equivalents)"), None);
        assert_eq!(trailing_unit("Spend per head (£ per head)"), None);
    }
}
