//! The functions of the rule language: `sum`, `round`, `floor`, `ceil`,
//! `min`, `max`, `abs`, `count`, `exact`, `low` and `high`.

use rust_decimal::RoundingStrategy;

use super::error::{EvalError, EvalErrorKind};
use super::evaluated::{quantity_error, Evaluated, ATOM};
use super::evaluator::Evaluator;
use super::quantity::Quantity;
use crate::format;
use crate::lang::ast::{Expr, Function};
use crate::span::Span;
use crate::units::Unit;

impl Evaluator<'_> {
    pub(super) fn call(
        &self,
        function: Function,
        function_span: Span,
        args: &[Expr],
        span: Span,
    ) -> Result<Evaluated, EvalError> {
        // A row or column list is its cells, each an argument.
        let args = &*self.spread(args)?;
        let values = args
            .iter()
            .map(|a| self.expr(a))
            .collect::<Result<Vec<_>, _>>()?;
        let arity_error = |wanted: &str| {
            EvalError::new(
                span,
                EvalErrorKind::Arguments(format!(
                    "`{}` takes {wanted}, but was given {}",
                    function.name(),
                    args.len()
                )),
            )
        };
        let one = || match values.as_slice() {
            [value] => Ok(value),
            _ => Err(arity_error("one argument")),
        };
        match function {
            Function::Count => {
                let value = one()?;
                let q = &value.quantity;
                let counts_things = matches!(q.unit, Unit::Number | Unit::People | Unit::Fte);
                if value.high.is_some()
                    || !q.value.fract().is_zero()
                    || q.value.is_sign_negative()
                    || !counts_things
                {
                    let message = format!(
                        "`count` takes a whole number of things, but this is {}",
                        format::quantity(q.value, q.unit, 6)
                    );
                    return Err(EvalError::new(span, EvalErrorKind::Arguments(message)));
                }
                // Still the figure the document prints, now known to be exact:
                // 4 posts are exactly 4, not anything from 3.5 to 4.5.
                return Ok(Evaluated {
                    quantity: Quantity::exact(q.value, q.unit),
                    ..value.clone()
                });
            }
            Function::Exact => {
                // The figure as printed, in its own unit, with nothing on
                // either side: a rate set by law or policy is not a rounding.
                let value = one()?;
                let exact = |q: &Quantity| Quantity::exact(q.value, q.unit);
                return Ok(Evaluated {
                    quantity: exact(&value.quantity),
                    high: value.high.as_ref().map(exact),
                    ..value.clone()
                });
            }
            Function::Low | Function::High => {
                let value = one()?;
                let Some(high) = &value.high else {
                    let message = format!(
                        "`{}` takes a range, such as £20-66m, but this is one value",
                        function.name()
                    );
                    return Err(EvalError::new(span, EvalErrorKind::Arguments(message)));
                };
                let (quantity, figure) = if function == Function::Low {
                    (value.quantity.clone(), value.figure.clone())
                } else {
                    (high.clone(), value.high_figure.clone())
                };
                let working = format!("{}({})", function.name(), value.working);
                return Ok(Evaluated {
                    figure,
                    ..Evaluated::scalar(quantity, working, ATOM, value.inputs.clone())
                });
            }
            _ => {}
        }
        let places = match (function, values.as_slice()) {
            (Function::Round | Function::Floor | Function::Ceil, [_]) => 0,
            (Function::Round | Function::Floor | Function::Ceil, [_, places]) => {
                let place_arg = args.get(1).ok_or_else(|| arity_error("two arguments"))?;
                self.places(places, place_arg)?
            }
            (Function::Round | Function::Floor | Function::Ceil, _) => {
                return Err(arity_error(
                    "one or two arguments (the value and the decimal places)",
                ))
            }
            (Function::Abs, [_]) => 0,
            (Function::Abs, _) => return Err(arity_error("one argument")),
            _ => 0,
        };
        let operands: &[Evaluated] = match function {
            Function::Round | Function::Floor | Function::Ceil => {
                values.get(..1).unwrap_or_default()
            }
            _ => &values,
        };
        let apply = |end: fn(&Evaluated) -> &Quantity| {
            self.apply(function, function_span, operands.iter().map(end), places)
        };
        let quantity = apply(|v| &v.quantity)?;
        let high = if operands.iter().any(|v| v.high.is_some()) {
            Some(apply(Evaluated::high_or_only)?)
        } else {
            None
        };
        let working = format!(
            "{}({})",
            function.name(),
            values
                .iter()
                .map(|v| v.working.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
        Ok(Evaluated {
            high,
            ..Evaluated::scalar(
                quantity,
                working,
                ATOM,
                values.into_iter().flat_map(|v| v.inputs).collect(),
            )
        })
    }

    /// Applies a numeric function to one end of its arguments.
    fn apply<'q>(
        &self,
        function: Function,
        function_span: Span,
        mut operands: impl Iterator<Item = &'q Quantity>,
        places: u32,
    ) -> Result<Quantity, EvalError> {
        let first = operands.next().cloned().ok_or_else(|| {
            EvalError::new(
                function_span,
                EvalErrorKind::Arguments(format!("`{}` needs an argument", function.name())),
            )
        })?;
        Ok(match function {
            Function::Sum => {
                let mut total = first;
                for q in operands {
                    total = total.add(q).map_err(|e| quantity_error(e, function_span))?;
                }
                total
            }
            Function::Min | Function::Max => {
                let mut best = first;
                for q in operands {
                    if !best.unit.same_dimension(q.unit) {
                        let message =
                            format!("cannot compare {} with {}", best.unit.name(), q.unit.name());
                        return Err(EvalError::new(function_span, EvalErrorKind::Units(message)));
                    }
                    best = if function == Function::Min {
                        Quantity {
                            value: best.value.min(q.value),
                            bounds: best.bounds.min(&q.bounds),
                            unit: best.unit,
                        }
                    } else {
                        Quantity {
                            value: best.value.max(q.value),
                            bounds: best.bounds.max(&q.bounds),
                            unit: best.unit,
                        }
                    };
                }
                best
            }
            Function::Abs => Quantity {
                value: first.value.abs(),
                bounds: first.bounds.abs(),
                unit: first.unit,
            },
            Function::Round | Function::Floor | Function::Ceil => {
                let strategy = match function {
                    Function::Round => RoundingStrategy::MidpointAwayFromZero,
                    Function::Floor => RoundingStrategy::ToNegativeInfinity,
                    _ => RoundingStrategy::ToPositiveInfinity,
                };
                // A percentage rounds in percent, as it is printed.
                let places = if first.unit == Unit::Percent {
                    places + 2
                } else {
                    places
                };
                Quantity {
                    value: first.value.round_dp_with_strategy(places, strategy),
                    bounds: first.bounds.round_with(places, strategy),
                    unit: first.unit,
                }
            }
            Function::Count | Function::Exact | Function::Low | Function::High => first,
        })
    }

    /// The decimal places argument of `round`, `floor` and `ceil`.
    fn places(&self, value: &Evaluated, expr: &Expr) -> Result<u32, EvalError> {
        let q = &value.quantity;
        let whole = q.value.fract().is_zero()
            && q.unit == Unit::Number
            && q.bounds.lo == q.bounds.hi
            && value.high.is_none();
        match u32::try_from(q.value.mantissa())
            .ok()
            .filter(|p| whole && *p <= 20 && q.value.scale() == 0)
        {
            Some(places) => Ok(places),
            None => Err(EvalError::new(
                expr.span,
                EvalErrorKind::Arguments(
                    "the decimal places must be a whole number from 0 to 20, written in the rule"
                        .into(),
                ),
            )),
        }
    }
}
