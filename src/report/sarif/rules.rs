//! The SARIF rules table: every diagnostic code a result can carry, with
//! its name, description, help and default level, in a fixed order, and
//! how a result finds its rule's index (adding a generic rule for a code
//! the table lacks). The table is long prose, so it has a file of its own.

use super::model::{Configuration, Message, Rule};

pub(super) fn rule_index(rules: &mut Vec<Rule>, code: &str) -> usize {
    if let Some(index) = rules.iter().position(|r| r.id == code) {
        return index;
    }
    rules.push(
        CatalogueEntry {
            id: "",
            name: "Other",
            short: "A problem found while auditing",
            help: "See the message for what went wrong and where.",
            level: "error",
        }
        .rule_with_id(code),
    );
    rules.len() - 1
}

pub(super) struct CatalogueEntry {
    id: &'static str,
    name: &'static str,
    short: &'static str,
    help: &'static str,
    level: &'static str,
}

impl CatalogueEntry {
    pub(super) fn rule(&self) -> Rule {
        self.rule_with_id(self.id)
    }

    fn rule_with_id(&self, id: &str) -> Rule {
        Rule {
            id: id.to_string(),
            name: self.name.to_string(),
            short_description: Message {
                text: self.short.to_string(),
            },
            full_description: Message {
                text: format!("{}.", self.short),
            },
            help: Message {
                text: self.help.to_string(),
            },
            default_configuration: Configuration { level: self.level },
        }
    }
}

/// Every code a result can carry, in a fixed order: the verdicts, then the
/// problems of documents, rules and evaluation.
pub(super) const CATALOGUE: &[CatalogueEntry] = &[
    CatalogueEntry {
        id: "vd::verdict::discrepancy",
        name: "Discrepancy",
        short: "A stated figure disagrees with what the rule computes, even allowing for rounding",
        help: "The figure printed in the document cannot be reconciled with the value the rule computes from the document's other figures, even allowing for the rounding of every input. Correct the document; or, to record a known mistake, add `expect discrepancy \"reason\"` under the claim in the rule pack.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::verdict::within_rounding",
        name: "WithinRounding",
        short: "A stated figure differs from the computation by no more than its inputs' rounding",
        help: "The computed value, rounded as the figure is printed, is not the figure, but the difference is explained by how the figures it is computed from were rounded. A note by default; a failure with `--deny within-rounding`, `--strict` or `deny: [within-rounding]` in vd-audit.yaml.",
        level: "note",
    },
    CatalogueEntry {
        id: "vd::verdict::approximate",
        name: "Approximate",
        short: "A `~=` claim misses by no more than its tolerance",
        help: "The claim is written with `~=` and a tolerance, and the stated figure is within that tolerance of the computed value but not equal to it. A note by default; a failure with `--deny approximate`, `--strict` or `deny: [approximate]` in vd-audit.yaml.",
        level: "note",
    },
    CatalogueEntry {
        id: "vd::expectation::stale",
        name: "StaleExpectation",
        short: "A claim marked `expect discrepancy` no longer has a discrepancy",
        help: "The document no longer has the mistake the rule pack expects (a corrected draft, perhaps): remove the `expect discrepancy` line from the claim. Or the stated figure or the computed value is no longer the one the expectation pins (an input has changed): check the claim again, then pin it again with `vd-audit review`.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::figure::malformed",
        name: "MalformedFigure",
        short: "A run of digits in a document is not a well-formed figure",
        help: "vd-audit does not guess what a malformed figure (misplaced thousands separators, two decimal points) was meant to be: correct the document.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::anchor::not_found",
        name: "AnchorNotFound",
        short: "An anchor matches no place in the document",
        help: "Anchors find figures by the words around them (`{}` marks the figure). Compare the anchor's words with the document; the message lists the nearest places.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::anchor::ambiguous",
        name: "AnchorAmbiguous",
        short: "An anchor matches more than one place in the document",
        help: "Add words to the anchor so that only one place matches; the message lists the places it matches.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::anchor::table",
        name: "TableCell",
        short: "A table, row or column label matches nothing or several, or a cell holds no single figure",
        help: "Check the table, row and column labels against the document; the message lists the nearest labels.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::rule::unknown_document",
        name: "UnknownDocument",
        short: "A rule names a document the pack does not declare",
        help: "Declare the document with `document name = \"path\"`, or use one of the names the pack declares.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::rule::unknown_name",
        name: "UnknownName",
        short: "A rule uses a name that is not bound, or whose `let` failed",
        help: "Bind the name with `let` before the claim that uses it, or fix the `let` that failed.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::rule::stated_not_a_figure",
        name: "StatedNotAFigure",
        short: "The left side of a claim is not a single document figure",
        help: "A claim compares one figure the document states (on the left) with a computation (on the right).",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::rule::units",
        name: "Units",
        short: "A rule combines or compares figures of different units",
        help: "Pounds, percentages and plain numbers combine only in ways that make sense (`40% of £436,248`, `£261,749 / 6`).",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::rule::arguments",
        name: "Arguments",
        short: "A function or comparison in a rule is given the wrong arguments",
        help: "See the rule language in the README for what each function and comparison takes.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::rule::table_rule",
        name: "TableRule",
        short: "A whole-table rule or a row or column list cannot choose its rows: a range runs backwards or holds no figure, a label finds several rows, or an expectation names no row",
        help: "Write ranges in table order, name rows with repeated labels in a list, and name the rows of `expect discrepancy for` as the table prints them.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::eval::arithmetic",
        name: "Arithmetic",
        short: "A computation divides by zero or overflows",
        help: "A divisor that could be zero once its rounding is allowed for cannot be checked; rewrite the claim.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::parse::syntax",
        name: "Syntax",
        short: "A rule pack has a syntax error",
        help: "See the rule language in the README.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::parse::limit",
        name: "Limit",
        short: "A rule pack passes a limit: an expression nested too deep, or too many claims",
        help: "Name the parts of a deep expression with `let`; split a pack of more than 10,000 claims.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::io::document",
        name: "Document",
        short: "A document a pack declares cannot be read, or a document name is declared twice",
        help: "Document paths are relative to the pack file; `--document name=path` reads another file.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::pack::empty",
        name: "EmptyPack",
        short: "A rule pack states no claim, so it passes whatever its documents say",
        help: "Add claims, or remove the pack. Under --strict this is an error.",
        level: "warning",
    },
    CatalogueEntry {
        id: "vd::io::refused",
        name: "Refused",
        short: "A document a pack declares lies outside the project root, or is not a regular file",
        help: "A pack reads documents inside its project only; `--document name=path` or `--allow-outside-root` reads another file.",
        level: "error",
    },
    CatalogueEntry {
        id: "vd::io::unreadable",
        name: "Unreadable",
        short: "A rule pack cannot be read",
        help: "Check the path and that the file is UTF-8 text.",
        level: "error",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Verdict;
    use crate::report::diagnostic;

    #[test]
    fn every_verdict_but_exact_has_a_rule() {
        for verdict in [
            Verdict::WithinRounding,
            Verdict::Approximate,
            Verdict::Discrepancy,
        ] {
            let code = diagnostic::verdict_code(verdict);
            assert!(CATALOGUE.iter().any(|e| e.id == code), "{code}");
        }
    }
}
