//! Soundness of the interval arithmetic: whatever exact values an author
//! rounded for display, the exact result of the computation lies inside the
//! interval vd-audit propagates from the printed figures. If this failed,
//! vd-audit could call honest rounding a discrepancy.

use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};
use vd_audit::figures::recognise;
use vd_audit::interval::Interval;

/// An exact value an author might have had in a spreadsheet.
fn exact() -> impl Strategy<Value = Decimal> {
    (-10_000_000_000i64..10_000_000_000i64, 0u32..6)
        .prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale))
}

/// `value` as the author printed it with `places` decimals, read back by
/// vd-audit's figure recogniser, and the interval vd-audit gives it.
fn printed(value: Decimal, places: u32) -> Interval {
    let rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("The figure is {rounded:.*} here.", places as usize);
    let figures = recognise(&text).figures;
    assert_eq!(figures.len(), 1, "{text}");
    figures[0].interval()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_printed_figure_contains_its_exact_value(x in exact(), places in 0u32..4) {
        prop_assert!(printed(x, places).contains(x));
    }

    #[test]
    fn sums_differences_and_products_contain_the_exact_result(
        x in exact(), y in exact(), px in 0u32..4, py in 0u32..4,
    ) {
        let (a, b) = (printed(x, px), printed(y, py));
        prop_assert!(a.add(&b).unwrap().contains(x + y));
        prop_assert!(a.sub(&b).unwrap().contains(x - y));
        prop_assert!(a.mul(&b).unwrap().contains(x * y));
    }

    #[test]
    fn quotients_contain_the_exact_result(x in exact(), y in exact(), px in 0u32..4, py in 0u32..4) {
        let (a, b) = (printed(x, px), printed(y, py));
        // A divisor whose interval reaches zero is an error, not a result.
        prop_assume!(b.lo > Decimal::ZERO || b.hi < Decimal::ZERO);
        let quotient = a.div(&b).unwrap();
        let exact = x.checked_div(y).unwrap();
        prop_assert!(quotient.contains(exact), "{x} / {y} = {exact} outside [{}, {}]", quotient.lo, quotient.hi);
    }

    #[test]
    fn rounding_an_interval_keeps_the_rounded_exact_value(x in exact(), y in exact(), places in 0u32..3) {
        let a = printed(x, 2).add(&printed(y, 2)).unwrap();
        let rounded = a.round_with(places, RoundingStrategy::MidpointAwayFromZero);
        prop_assert!(rounded.contains((x + y).round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)));
    }
}
