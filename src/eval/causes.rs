//! Likely causes of a discrepancy, offered only when the digits show them
//! exactly: never a guess dressed as a cause.

/// Compares the stated figure's digits with the correctly rounded value's
/// digits (both printed to the stated precision).
pub fn likely_cause(stated: &str, correct: &str) -> Option<String> {
    let s: Vec<char> = stated.chars().filter(char::is_ascii_digit).collect();
    let c: Vec<char> = correct.chars().filter(char::is_ascii_digit).collect();
    // A slip of one digit from nothing (0.0) is no typing error.
    if s.len() != c.len() || s == c || c.iter().all(|d| *d == '0') {
        return None;
    }
    // (position, stated digit, correct digit) of each digit that differs.
    let differing: Vec<(usize, char, char)> = s
        .iter()
        .zip(&c)
        .enumerate()
        .filter(|(_, (s, c))| s != c)
        .map(|(i, (&s, &c))| (i, s, c))
        .collect();
    match differing.as_slice() {
        // A last digit one away is as likely rounding as typing: say nothing.
        [(last, printed, right)]
            if *last + 1 == s.len() && printed.to_digit(10)?.abs_diff(right.to_digit(10)?) == 1 =>
        {
            None
        }
        [_] => Some(format!(
            "one digit differs from {correct}, a likely typing error"
        )),
        [(a, sa, ca), (b, sb, cb)] if b - a == 1 && sa == cb && sb == ca => Some(format!(
            "two adjacent digits are swapped ({correct} has {ca}{cb}), a likely typing error"
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_digit_typo() {
        let cause = likely_cause("43,635", "43,625").unwrap();
        assert!(cause.contains("one digit differs from 43,625"), "{cause}");
    }

    #[test]
    fn transposition() {
        let cause = likely_cause("43,652", "43,625").unwrap();
        assert!(cause.contains("swapped"), "{cause}");
    }

    #[test]
    fn a_last_digit_one_away_is_no_typing_error() {
        assert_eq!(likely_cause("175", "174"), None);
        assert!(likely_cause("178", "174").is_some());
    }

    #[test]
    fn nothing_when_the_digits_do_not_show_it() {
        assert_eq!(likely_cause("43,635", "43,700"), None);
        assert_eq!(likely_cause("1,000", "100"), None);
    }
}

/// Causes read from the shape of the claim: each is offered only when
/// redoing the arithmetic the mistaken way gives exactly the stated figure.
pub(super) mod structural {
    use rust_decimal::Decimal;

    use super::super::evaluated::Evaluated;
    use super::super::evaluator::Evaluator;
    use super::super::verdict::Stated;
    use crate::lang::ast::{BinaryOp, Claim, Expr, ExprKind, Function};
    use crate::units::Unit;

    impl Evaluator<'_> {
        /// Why `stated` differs from what `claim` computes, when one of the
        /// usual slips reproduces it exactly.
        pub(in crate::eval) fn structural_cause(
            &self,
            claim: &Claim,
            stated: &Stated,
            computed: Decimal,
        ) -> Option<String> {
            let hits =
                |value: Decimal| stated.round_like(value) == stated.quantity.value.normalize();
            self.scale_slip(computed, &hits)
                .or_else(|| self.part_slip(&claim.computed, computed, &hits))
                .or_else(|| self.percentage_slip(&claim.computed, &hits))
                .or_else(|| self.target_slip(&claim.computed, &hits))
        }

        fn scale_slip(&self, computed: Decimal, hits: &dyn Fn(Decimal) -> bool) -> Option<String> {
            for factor in [10, 100, 1000] {
                let factor = Decimal::from(factor);
                if computed.is_zero() {
                    return None;
                }
                if hits(computed * factor) {
                    return Some(format!(
                        "the figure is {factor} times the computed value: a slip of scale"
                    ));
                }
                if hits(computed / factor) {
                    return Some(format!(
                        "the figure is the computed value divided by {factor}: a slip of scale"
                    ));
                }
            }
            None
        }

        /// A total that leaves one of its parts out, or counts one twice.
        fn part_slip(
            &self,
            expr: &Expr,
            total: Decimal,
            hits: &dyn Fn(Decimal) -> bool,
        ) -> Option<String> {
            let mut parts = Vec::new();
            sum_parts(expr, &mut parts);
            // `sum(t.column(…))` adds the cells of the list, each a part.
            let parts: Vec<Expr> = parts.into_iter().cloned().collect();
            let parts = self.spread(&parts).ok()?;
            if parts.len() < 2 {
                return None;
            }
            for part in parts.iter() {
                let value = self.expr(part).ok()?;
                let shown = self.named(&value).working;
                if hits(total - value.quantity.value) {
                    return Some(format!("the total leaves out {shown}"));
                }
                if hits(total + value.quantity.value) {
                    return Some(format!("the total counts {shown} twice"));
                }
            }
            None
        }

        /// `p of base`: the percentage applied to another figure the pack
        /// reads, or another of its percentages applied to the base.
        fn percentage_slip(&self, expr: &Expr, hits: &dyn Fn(Decimal) -> bool) -> Option<String> {
            let (percent, base) = percent_of(expr)?;
            let percent = self.expr(percent).ok()?;
            let base = self.expr(base).ok()?;
            let percent_text = self.named(&percent).working;
            let base_text = self.named(&base).working;
            for candidate in self.figures_read() {
                let q = &candidate.quantity;
                let shown = self.named(candidate).working;
                if q.unit == base.quantity.unit
                    && q.value != base.quantity.value
                    && hits(percent.quantity.value * q.value)
                {
                    return Some(format!("{percent_text} was applied to {shown} instead of to {base_text}: the wrong base"));
                }
                if q.unit == Unit::Percent
                    && q.value != percent.quantity.value
                    && hits(q.value * base.quantity.value)
                {
                    return Some(format!("{shown} was applied instead of {percent_text}: the two percentages are swapped"));
                }
            }
            None
        }

        /// `rate * (target - baseline)` computed as `rate * target`.
        fn target_slip(&self, expr: &Expr, hits: &dyn Fn(Decimal) -> bool) -> Option<String> {
            let ExprKind::Binary {
                op: BinaryOp::Multiply | BinaryOp::Of,
                lhs,
                rhs,
                ..
            } = &expr.kind
            else {
                return None;
            };
            for (rate, change) in [(lhs, rhs), (rhs, lhs)] {
                // `(now - target)`, or `(now - target) / 1%` for a rate per
                // percentage point.
                let (difference, per) = match &change.kind {
                    ExprKind::Binary {
                        op: BinaryOp::Divide,
                        lhs,
                        rhs,
                        ..
                    } => (&**lhs, Some(&**rhs)),
                    _ => (&**change, None),
                };
                let ExprKind::Binary {
                    op: BinaryOp::Subtract,
                    lhs: first,
                    rhs: second,
                    ..
                } = &difference.kind
                else {
                    continue;
                };
                let rate = self.expr(rate).ok()?;
                let per = match per {
                    Some(per) => self.expr(per).ok()?.quantity.value,
                    None => Decimal::ONE,
                };
                if per.is_zero() {
                    continue;
                }
                let (first, second) = (self.expr(first).ok()?, self.expr(second).ok()?);
                for (level, _) in [(&first, &second), (&second, &first)] {
                    if hits(rate.quantity.value * level.quantity.value / per) {
                        return Some(format!(
                            "the rate was multiplied by a level ({}) instead of by the change ({} - {})",
                            self.named(level).working,
                            self.named(&first).working,
                            self.named(&second).working
                        ));
                    }
                }
            }
            None
        }

        /// Every single figure the pack's `let` bindings read so far.
        fn figures_read(&self) -> Vec<&Evaluated> {
            let mut read: Vec<&Evaluated> = self
                .bindings
                .values()
                .flatten()
                .filter(|v| v.figure.is_some() && v.high.is_none())
                .collect();
            // Bindings live in a hash map: order them so that the cause
            // offered does not depend on it.
            read.sort_by_key(|v| v.figure.as_ref().map(|(r, _)| r.clone()));
            read
        }
    }

    /// The operands of a chain of `+` or of `sum(…)`.
    fn sum_parts<'e>(expr: &'e Expr, parts: &mut Vec<&'e Expr>) {
        match &expr.kind {
            ExprKind::Binary {
                op: BinaryOp::Add,
                lhs,
                rhs,
                ..
            } => {
                sum_parts(lhs, parts);
                sum_parts(rhs, parts);
            }
            ExprKind::Call {
                function: Function::Sum,
                args,
                ..
            } if parts.is_empty() => parts.extend(args.iter()),
            _ => parts.push(expr),
        }
    }

    fn percent_of(expr: &Expr) -> Option<(&Expr, &Expr)> {
        match &expr.kind {
            ExprKind::Binary {
                op: BinaryOp::Of,
                lhs,
                rhs,
                ..
            } => Some((lhs, rhs)),
            _ => None,
        }
    }
}
