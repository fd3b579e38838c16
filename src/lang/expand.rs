//! Whole-table rules, expanded when the pack's documents are loaded.
//!
//! ```text
//! for row in bands.rows("Band A" to "Band H")
//!   claim "{row}: weekly change is yearly change / 52"
//!     bands.cell(row, "Weekly change") == bands.cell(row, "Yearly change") / 52
//!     expect discrepancy for "Band F" "61p" "reason"
//! ```
//!
//! becomes one ordinary claim per row of the table from `Band A` to
//! `Band H` that holds figures: the loop's variable is replaced, wherever
//! the claim uses it as a label, by the label that finds that row (and only
//! it), and `{row}` in the title by the same label (a title without the
//! placeholder gets ` (label)` added), so that each claim has its own id,
//! verdict and diagnostic, and every report, `explain` and the mutation
//! score treat it as any other claim. An expectation `for` some rows goes
//! to their claims only.
//!
//! A loop that cannot be expanded (no such document or table, a label of
//! its range that finds no row, a range that runs backwards or holds no
//! figure, an expectation for a row the loop does not have) is an error at
//! the loop, with its place: it yields no claims, and `check` exits 2.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::ast::{
    Anchor, Axis, Claim, ColumnRef, Expectation, Expr, ExprKind, ForBody, ForLoop, Ident, Pack,
    Statement, Text,
};
use super::choice::choose;
use super::error::ParseError;
use super::limits::MAX_CLAIMS_PER_PACK;
use crate::document::Document;
use crate::span::Span;
use crate::tables::{quoted_labels, LabelError, Lookup, LookupError, Picked};

/// Replaces each `for` of the pack by the claims it stands for, and
/// returns the errors of those that cannot be expanded.
pub fn expand(pack: &mut Pack, documents: &BTreeMap<String, Arc<Document>>) -> Vec<ParseError> {
    let statements = std::mem::take(&mut pack.statements);
    let mut expansion = Expansion {
        documents,
        claims: statements
            .iter()
            .filter(|s| matches!(s, Statement::Claim(_)))
            .count(),
        errors: Vec::new(),
        statements: Vec::with_capacity(statements.len()),
    };
    for statement in statements {
        match statement {
            Statement::For(for_loop) => expansion.for_loop(*for_loop),
            other => expansion.statements.push(other),
        }
    }
    pack.statements = expansion.statements;
    expansion.errors
}

struct Expansion<'d> {
    documents: &'d BTreeMap<String, Arc<Document>>,
    /// Claims in the pack so far, against [`MAX_CLAIMS_PER_PACK`].
    claims: usize,
    errors: Vec<ParseError>,
    statements: Vec<Statement>,
}

/// One `for` of a nest, with the rows (or columns) it runs over.
struct Level {
    variable: Ident,
    axis: Axis,
    uses: Vec<Span>,
    picked: Vec<Picked>,
}

/// An `expect discrepancy for …`: the rows it is for, as (level, index).
struct Pinned {
    expectation: Expectation,
    iterations: Vec<(usize, usize)>,
}

impl Expansion<'_> {
    fn for_loop(&mut self, outer: ForLoop) {
        let span = outer.span;
        let mut levels = Vec::new();
        let mut current = outer;
        let (claim, expectations) = loop {
            let ForLoop {
                variable,
                document,
                table,
                axis,
                labels,
                body,
                uses,
                span,
            } = current;
            match self.pick(&document, &table, axis, &labels, span) {
                Ok(picked) => levels.push(Level {
                    variable,
                    axis,
                    uses,
                    picked,
                }),
                Err(error) => {
                    self.errors.push(error);
                    return;
                }
            }
            match body {
                ForBody::For(inner) => current = *inner,
                ForBody::Claim {
                    claim,
                    expectations,
                } => break (claim, expectations),
            }
        };
        let (general, pinned) = self.expectations(&levels, expectations);
        let mut at = vec![0; levels.len()];
        let mut clashes = Vec::new();
        loop {
            if self.claims >= MAX_CLAIMS_PER_PACK {
                self.errors.push(ParseError::limit(
                    span,
                    format!("a pack may state at most {MAX_CLAIMS_PER_PACK} claims, and this `for` makes more: choose fewer rows, or split the pack"),
                ));
                return;
            }
            let mut claim = claim.clone();
            for (level, &index) in levels.iter().zip(&at) {
                if let Some(picked) = level.picked.get(index) {
                    substitute(&mut claim, level, picked);
                }
            }
            let mut applying = pinned.iter().filter(|p| {
                p.iterations
                    .iter()
                    .any(|&(level, index)| at.get(level) == Some(&index))
            });
            claim.expectation = match (applying.next(), applying.next()) {
                (Some(first), second) => {
                    if let Some(second) = second {
                        if !clashes.contains(&second.expectation.span) {
                            clashes.push(second.expectation.span);
                            self.errors.push(table_rule(
                                second.expectation.span,
                                format!(
                                    "two expectations are for the claim \"{}\": give each row one",
                                    claim.title.value
                                ),
                            ));
                        }
                    }
                    Some(first.expectation.clone())
                }
                (None, _) => general.clone(),
            };
            self.statements.push(Statement::Claim(claim));
            self.claims += 1;
            if !advance(&mut at, &levels) {
                break;
            }
        }
    }

    /// The rows (columns) a `for` runs over.
    fn pick(
        &self,
        document: &Ident,
        table: &Text,
        axis: Axis,
        labels: &super::ast::Labels,
        span: Span,
    ) -> Result<Vec<Picked>, ParseError> {
        let Some(found) = self.documents.get(&document.name) else {
            let known: Vec<&str> = self.documents.keys().map(String::as_str).collect();
            return Err(ParseError::table(
                document.span,
                format!("no document is named `{}`", document.name),
                "vd::rule::unknown_document",
                Some(format!("this pack declares: {}", known.join(", "))),
            ));
        };
        let index = found
            .find_table(&table.value)
            .map_err(|error| from_lookup(table.span, error))?;
        let Some(table) = found.tables.get(index) else {
            return Err(table_rule(
                table.span,
                "this table is not in the document".into(),
            ));
        };
        choose(&found.figures, table, axis, labels, span)
            .map_err(|choice| from_lookup(choice.span, choice.error))
    }

    /// The expectation for every row, and those for some, with the rows
    /// each names. Errors for labels that name no row of the loops.
    fn expectations(
        &mut self,
        levels: &[Level],
        expectations: Vec<Expectation>,
    ) -> (Option<Expectation>, Vec<Pinned>) {
        let mut general: Option<Expectation> = None;
        let mut pinned = Vec::new();
        for expectation in expectations {
            if expectation.only_for.is_empty() {
                if general.is_some() {
                    self.errors.push(table_rule(
                        expectation.span,
                        "a claim in a `for` has one expectation for every row; name the rows of the others with `expect discrepancy for \"…\"`".into(),
                    ));
                } else {
                    general = Some(expectation);
                }
                continue;
            }
            let mut iterations = Vec::new();
            for label in &expectation.only_for {
                match self.iterations_named(levels, label) {
                    Ok(found) => iterations.extend(found),
                    Err(error) => self.errors.push(error),
                }
            }
            pinned.push(Pinned {
                expectation,
                iterations,
            });
        }
        (general, pinned)
    }

    /// The (level, index) of each row or column of the loops that `label`
    /// names, as `cell(…)` would find it among them.
    fn iterations_named(
        &self,
        levels: &[Level],
        label: &Text,
    ) -> Result<Vec<(usize, usize)>, ParseError> {
        let mut found = Vec::new();
        let mut nearest = Vec::new();
        for (level_index, level) in levels.iter().enumerate() {
            let labels = level
                .picked
                .iter()
                .enumerate()
                .map(|(i, p)| (i, p.label.as_str()));
            match Lookup::unique(&label.value, labels) {
                Ok(index) => found.push((level_index, index)),
                Err(LabelError::Ambiguous { matches }) => {
                    return Err(from_lookup(
                        label.span,
                        LookupError::Label {
                            what: level.axis.singular(),
                            query: label.value.clone(),
                            nearest: matches,
                            ambiguous: true,
                        },
                    ))
                }
                Err(LabelError::NotFound { nearest: near }) => nearest.extend(near),
            }
        }
        if found.is_empty() {
            let what = levels.first().map_or("row", |l| l.axis.singular());
            let mut error = table_rule(
                label.span,
                format!(
                    "\"{}\" names no {what} of this `for`, so the expectation is for nothing",
                    label.value
                ),
            );
            nearest.truncate(3);
            if !nearest.is_empty() {
                error.help = Some(format!("the nearest are: {}", quoted_labels(&nearest)));
            }
            return Err(error);
        }
        Ok(found)
    }
}

/// Moves `at` to the next combination of the loops' rows, the innermost
/// fastest; `false` after the last.
fn advance(at: &mut [usize], levels: &[Level]) -> bool {
    for (index, level) in at.iter_mut().zip(levels).rev() {
        *index += 1;
        if *index < level.picked.len() {
            return true;
        }
        *index = 0;
    }
    false
}

/// Puts `picked`'s label where the claim uses the loop's variable, and in
/// its title.
fn substitute(claim: &mut Claim, level: &Level, picked: &Picked) {
    let mut replace = |text: &mut Text| {
        if level.uses.contains(&text.span) {
            text.value.clone_from(&picked.label);
        }
    };
    each_label(&mut claim.stated, &mut replace);
    each_label(&mut claim.computed, &mut replace);
    if let Some(tolerance) = &mut claim.tolerance {
        each_label(tolerance, &mut replace);
    }
    let placeholder = format!("{{{}}}", level.variable.name);
    let title = &mut claim.title.value;
    if title.contains(&placeholder) {
        *title = title.replace(&placeholder, &picked.label);
    } else {
        title.push_str(&format!(" ({})", picked.label));
    }
}

/// Calls `f` on every label of the expression's anchors and lists.
fn each_label(expr: &mut Expr, f: &mut impl FnMut(&mut Text)) {
    match &mut expr.kind {
        ExprKind::Anchor(Anchor::Cell {
            table, row, column, ..
        }) => {
            f(table);
            f(row);
            if let ColumnRef::Label(label) = column {
                f(label);
            }
        }
        ExprKind::Anchor(Anchor::Items { heading, .. }) => f(heading),
        ExprKind::Anchor(Anchor::Text { .. }) | ExprKind::Number { .. } | ExprKind::Name(_) => {}
        ExprKind::List(list) => {
            f(&mut list.table);
            f(&mut list.label);
            match &mut list.labels {
                super::ast::Labels::All { .. } => {}
                super::ast::Labels::Range { from, to } => {
                    f(from);
                    f(to);
                }
                super::ast::Labels::List(labels) => labels.iter_mut().for_each(f),
            }
        }
        ExprKind::Negate(operand) => each_label(operand, f),
        ExprKind::Binary { lhs, rhs, .. } => {
            each_label(lhs, f);
            each_label(rhs, f);
        }
        ExprKind::Call { args, .. } => args.iter_mut().for_each(|a| each_label(a, f)),
    }
}

fn table_rule(span: Span, message: String) -> ParseError {
    ParseError::table(span, message, "vd::rule::table_rule", None)
}

/// An error of looking a table or label up, as an error of the pack.
fn from_lookup(span: Span, error: LookupError) -> ParseError {
    ParseError::table(span, error.to_string(), error.code(), error.help())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::{claim_ids, evaluate, Verdict};
    use crate::lang::parse_pack;
    use crate::pack::LoadedPack;
    use crate::source::SourceFile;

    /// A band table as a council prints it, with Band F's weekly change
    /// mistyped (2.92 for 2.29).
    const TAX: &str = "Council Tax 2024/25\n\n\
        Band\t2023/24 £\t2024/25 £\tYearly change £\tWeekly change £\n\
        Band A\t1,100.00\t1,154.89\t54.89\t1.06\n\
        Band D\t1,650.00\t1,732.34\t82.34\t1.58\n\
        Band F\t2,383.33\t2,502.27\t118.94\t2.92\n\
        Band H\t3,300.00\t3,464.68\t164.68\t3.17\n";

    fn load(rules: &str) -> (LoadedPack, Vec<ParseError>) {
        let source =
            format!("document tax = \"tax.txt\"\nlet bands = tax.table(\"Band D\")\n{rules}");
        let parsed = parse_pack(&source);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let mut ast = parsed.pack;
        let documents: BTreeMap<String, Arc<Document>> = [(
            "tax".to_string(),
            Arc::new(Document::new(SourceFile::new("tax.txt", TAX))),
        )]
        .into();
        let errors = expand(&mut ast, &documents);
        let pack = LoadedPack {
            rule_file: SourceFile::new("bands.vd", source.as_str()),
            ast,
            syntax_errors: errors.clone(),
            documents,
        };
        (pack, errors)
    }

    fn titles(pack: &LoadedPack) -> Vec<&str> {
        pack.ast
            .statements
            .iter()
            .filter_map(|s| match s {
                Statement::Claim(c) => Some(c.title.value.as_str()),
                _ => None,
            })
            .collect()
    }

    const WEEKLY: &str = r#"
for row in bands.rows("Band A" to "Band H")
  claim "{row}: weekly change is yearly change / 52"
    bands.cell(row, "Weekly change £") == round(bands.cell(row, "Yearly change £") / 52, 2)
"#;

    #[test]
    fn one_claim_per_row_each_with_its_own_id_and_cells() {
        let (pack, errors) = load(WEEKLY);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            titles(&pack),
            [
                "Band A: weekly change is yearly change / 52",
                "Band D: weekly change is yearly change / 52",
                "Band F: weekly change is yearly change / 52",
                "Band H: weekly change is yearly change / 52",
            ]
        );
        assert_eq!(
            claim_ids(&pack)[2],
            "bands/band-f-weekly-change-is-yearly-change-52"
        );
        let outcome = evaluate(&pack);
        let stated: Vec<String> = outcome
            .claims
            .iter()
            .map(|c| c.result.as_ref().unwrap().stated_text.clone())
            .collect();
        assert_eq!(stated, ["1.06", "1.58", "2.92", "3.17"]);
        let verdicts: Vec<Verdict> = outcome.claims.iter().filter_map(|c| c.verdict()).collect();
        assert_eq!(
            verdicts,
            [
                Verdict::Exact,
                Verdict::Exact,
                Verdict::Discrepancy,
                Verdict::Exact
            ]
        );
        // Every claim reads its own row: its stated figure and its input.
        for (claim, line) in outcome.claims.iter().zip(4..) {
            let judgement = claim.result.as_ref().unwrap();
            for figure in [&judgement.stated, &judgement.inputs[0]] {
                let (document, figure) = pack.figure(figure).unwrap();
                assert_eq!(document.source.line_col(figure.span.start).line, line);
            }
        }
    }

    #[test]
    fn an_expectation_for_one_row_goes_to_its_claim_only() {
        let rules = format!(
            "{WEEKLY}    expect discrepancy for \"Band F\" \"2.92\" \"digits swapped: 2.29\"\n"
        );
        let (pack, errors) = load(&rules);
        assert!(errors.is_empty(), "{errors:?}");
        let outcome = evaluate(&pack);
        let expected: Vec<bool> = outcome.claims.iter().map(|c| c.expected()).collect();
        assert_eq!(expected, [false, false, true, false]);
        assert!(outcome
            .claims
            .iter()
            .all(|c| c.outcome() == crate::eval::Outcome::Pass));
    }

    #[test]
    fn nested_loops_and_titles_without_placeholders() {
        let (pack, errors) = load(
            r#"
for row in bands.rows("Band F", "Band H")
  for column in bands.columns("2023/24" to "2024/25")
    claim "{row} is a multiple of Band D"
      bands.cell(row, column) > bands.cell("Band D", column)
"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            titles(&pack),
            [
                "Band F is a multiple of Band D (2023/24 £)",
                "Band F is a multiple of Band D (2024/25 £)",
                "Band H is a multiple of Band D (2023/24 £)",
                "Band H is a multiple of Band D (2024/25 £)",
            ]
        );
        let outcome = evaluate(&pack);
        assert!(outcome
            .claims
            .iter()
            .all(|c| c.verdict() == Some(Verdict::Exact)));
    }

    #[test]
    fn lists_sum_a_column_over_a_range_of_rows() {
        let (pack, errors) = load(
            r#"
for column in bands.columns("2023/24" to "2024/25")
  claim "The four bands ({column})"
    bands.cell("Band H", column) < sum(bands.column(column, "Band A" to "Band F"))
"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        let outcome = evaluate(&pack);
        let judgement = outcome.claims[1].result.as_ref().unwrap();
        assert_eq!(
            judgement.working,
            "sum(1,154.89, 1,732.34, 2,502.27) = 5,389.5 → 5,389.50"
        );
        assert_eq!(
            judgement.inputs.len(),
            3,
            "each figure of the list is an input"
        );
    }

    #[test]
    fn errors_point_at_the_loop_and_yield_no_claims() {
        let cases = [
            (
                r#"for row in bands.rows("Band A" to "Band Z")"#,
                "no row matches \"Band Z\"",
                "\"Band Z\"",
            ),
            (
                r#"for row in bands.rows("Band H" to "Band A")"#,
                "this range of rows runs backwards",
                r#""Band H" to "Band A""#,
            ),
            (
                r#"for row in tax.table("Parish precepts").rows()"#,
                "no table matches \"Parish precepts\"",
                "\"Parish precepts\"",
            ),
            (
                r#"for column in bands.columns("Band A")"#,
                "no column matches \"Band A\"",
                "\"Band A\"",
            ),
        ];
        for (header, message, at) in cases {
            let rules =
                format!("{header}\n  claim \"t\" bands.cell(\"Band A\", \"2023/24 £\") == 1\n");
            let (pack, errors) = load(&rules);
            assert_eq!(errors.len(), 1, "{header}: {errors:?}");
            assert!(
                errors[0].message.starts_with(message),
                "{header}: {}",
                errors[0].message
            );
            assert_eq!(&pack.rule_file.text[errors[0].span.range()], at);
            assert!(titles(&pack).is_empty());
        }
        let (_, errors) = load(&format!(
            "{WEEKLY}    expect discrepancy for \"Band Q\" \"reason\"\n"
        ));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].code(), "vd::rule::table_rule");
        assert_eq!(
            errors[0].message,
            "\"Band Q\" names no row of this `for`, so the expectation is for nothing"
        );
        assert!(errors[0]
            .help
            .as_deref()
            .unwrap_or_default()
            .contains("\"Band A\""));
        let (_, errors) = load(&format!(
            "{WEEKLY}    expect discrepancy for \"Band F\" \"a\"\n    expect discrepancy for \"Band F\", \"Band H\" \"b\"\n"
        ));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0]
            .message
            .starts_with("two expectations are for the claim \"Band F"));
    }
}
