//! Tests of the digit scanner: which runs of digits are figures, with
//! what unit, scale and precision; which are malformed; and how number
//! words and ranges join them. They live apart from the scanner so that
//! its source stays short enough to read in one sitting.

use super::*;
use rust_decimal_macros::dec;

/// Recognises `text` and checks the invariants every figure must keep:
/// its printed text is its span, and its digits lie inside it.
#[track_caller]
fn figures(text: &str) -> Vec<Figure> {
    let found = recognise(text);
    for figure in &found.figures {
        assert_eq!(figure.printed, figure.span.slice(text));
        assert!(figure.span.contains(figure.digits));
    }
    found.figures
}

#[track_caller]
fn one(text: &str) -> Figure {
    let all = figures(text);
    assert_eq!(
        all.len(),
        1,
        "expected one figure in {text:?}, got {all:#?}"
    );
    all.into_iter().next().unwrap()
}

#[test]
fn thousands_separators_and_pounds() {
    let f = one("The total cost is £436,248.");
    assert_eq!(f.printed, "£436,248");
    assert_eq!(f.value, dec!(436248));
    assert_eq!(f.unit, Unit::Pounds);
    assert_eq!(f.step(), dec!(1));
    assert_eq!(f.interval().lo, dec!(436247.5));
    assert_eq!(f.interval().hi, dec!(436248.5));
}

#[test]
fn decimals_set_the_precision() {
    let f = one("Sub-total\t\t\t\t364.6");
    assert_eq!(f.value, dec!(364.6));
    assert_eq!(f.decimals, 1);
    assert_eq!(f.interval().lo, dec!(364.55));
    assert_eq!(f.interval().hi, dec!(364.65));
}

#[test]
fn percentages_keep_their_printed_number() {
    let f = one("County Council 40% split");
    assert_eq!((f.value, f.unit), (dec!(40), Unit::Percent));
    let f = one("Proportion 41.7% of adults");
    assert_eq!(
        (f.value, f.decimals, f.unit),
        (dec!(41.7), 1, Unit::Percent)
    );
    let f = one("a rise of 5 per cent.");
    assert_eq!((f.printed.as_str(), f.unit), ("5 per cent", Unit::Percent));
}

#[test]
fn scale_suffixes_and_words() {
    let cases = [
        (
            "approximately £1.08bn that",
            "£1.08bn",
            dec!(1080000000),
            dec!(10000000),
        ),
        (
            "£27 bn economy",
            "£27 bn",
            dec!(27000000000),
            dec!(1000000000),
        ),
        (
            "£35 million of",
            "£35 million",
            dec!(35000000),
            dec!(1000000),
        ),
        (
            "£1.1 billion.",
            "£1.1 billion",
            dec!(1100000000),
            dec!(100000000),
        ),
        ("around £650k a year", "£650k", dec!(650000), dec!(1000)),
        ("72.6m in", "72.6m", dec!(72600000), dec!(100000)),
        ("5 thousand people", "5 thousand", dec!(5000), dec!(1000)),
        // A PDF's line wrapped between the figure and its word.
        (
            "benefits of £20\n   million to",
            "£20\n   million",
            dec!(20000000),
            dec!(1000000),
        ),
        ("rose by 3\nper cent", "3\nper cent", dec!(3), dec!(1)),
    ];
    for (text, printed, value, step) in cases {
        let f = one(text);
        assert_eq!(f.printed, printed, "in {text:?}");
        assert_eq!(f.value, value, "in {text:?}");
        assert_eq!(f.step(), step, "in {text:?}");
    }
}

#[test]
fn negatives_stand_alone_but_hyphens_do_not_negate() {
    assert_eq!(one("a change of -£5,000 this year").value, dec!(-5000));
    assert_eq!(one("a change of -12.5%").value, dec!(-12.5));
    assert_eq!(one("(−3 FTE)").value, dec!(-3));
    let range = figures("benefits of £20-66m");
    assert_eq!(range.len(), 2);
    assert_eq!(range[1].value, dec!(66000000));
    let years = figures("2019-2021");
    assert_eq!(years[1].value, dec!(2021));
}

#[test]
fn digits_glued_to_words_are_not_figures() {
    for text in [
        "15th July",
        "PwC draft v0.2",
        "COVID19",
        "COVID-19",
        "5G masts",
        "Section 1.2.3",
        "(£ '000)",
    ] {
        assert!(
            figures(text).is_empty(),
            "{text:?} gave {:?}",
            figures(text)
        );
    }
}

#[test]
fn a_sentence_full_stop_is_not_a_decimal_point() {
    let f = one("is £52,350.");
    assert_eq!((f.value, f.decimals), (dec!(52350), 0));
}

#[test]
fn html_leftovers_around_a_cell() {
    let f = one("<b>15.1</b>");
    assert_eq!((f.printed.as_str(), f.value), ("15.1", dec!(15.1)));
}

#[test]
fn small_lists_split_at_commas() {
    let all = figures("see paragraphs 1,2 and 3");
    let values: Vec<_> = all.iter().map(|f| f.value).collect();
    assert_eq!(values, [dec!(1), dec!(2), dec!(3)]);
}

#[test]
fn misplaced_separators_are_malformed_never_guessed() {
    let found = recognise("Derbyshire County Council\t1,103,5000\t2%");
    assert_eq!(found.figures.len(), 1, "only the 2% is a figure");
    assert_eq!(found.malformed.len(), 1);
    let bad = &found.malformed[0];
    assert_eq!(bad.printed, "1,103,5000");
    assert!(bad.reason.contains(",5000"), "{}", bad.reason);
    assert_eq!(recognise("1000,000").malformed.len(), 1);
}

#[test]
fn unit_words_after_figures() {
    let cases = [
        ("CO2 emissions per capita\t9 tonnes\t8 tonnes", Unit::Tonnes),
        ("a reduction of 12 FTE in", Unit::Fte),
        ("up 3 percentage points", Unit::PercentagePoints),
        ("up 3pp on last year", Unit::PercentagePoints),
        ("79,000 people", Unit::People),
    ];
    for (text, unit) in cases {
        assert_eq!(figures(text)[0].unit, unit, "{text:?}");
    }
    assert_eq!(one("12 FTE").printed, "12");
}

#[test]
fn ranges_share_scale_and_currency() {
    let found = recognise("organisational benefits of £20-66m and");
    assert_eq!(found.ranges.len(), 1);
    let (low, high) = (&found.figures[0], &found.figures[1]);
    assert_eq!(
        (low.value, low.unit, low.step()),
        (dec!(20000000), Unit::Pounds, dec!(1000000))
    );
    assert_eq!((high.value, high.unit), (dec!(66000000), Unit::Pounds));
    let found = recognise("of £20.0–65.9m");
    assert_eq!(found.figures[0].step(), dec!(100000));
    assert_eq!(found.ranges[0].span.slice("of £20.0–65.9m"), "£20.0–65.9m");
    let found = recognise("estimated at between £20 million to £66 million that");
    assert_eq!(found.ranges.len(), 1);
    assert_eq!(
        found.figures[0].hedge,
        Some(crate::figures::Hedge::Estimated)
    );
    let found = recognise("between £23m and £29m");
    assert_eq!(found.ranges.len(), 1);
    assert_eq!(found.figures[1].value, dec!(29000000));
    assert!(recognise("£20m. 66m").ranges.is_empty());
}

#[test]
fn number_words_are_exact_counts() {
    let all = recognise("all nine councils, the eight districts and 9 more");
    let words: Vec<_> = all.figures.iter().filter(|f| f.in_words).collect();
    assert_eq!(words.len(), 2);
    assert_eq!(
        (words[0].printed.as_str(), words[0].value),
        ("nine", dec!(9))
    );
    assert_eq!(words[0].interval().lo, words[0].interval().hi);
    assert!(recognise("someone nonetheless").figures.is_empty());
}

#[test]
fn hedges_stay_with_their_figures() {
    let f = one("wider system benefits estimated at approximately £1.08bn that");
    assert_eq!(f.hedge, Some(crate::figures::Hedge::Approximately));
    assert_eq!(one("the total is £1.08bn").hedge, None);
}

fn printed_values(text: &str) -> Vec<(String, Decimal, Unit)> {
    figures(text)
        .into_iter()
        .map(|f| (f.printed, f.value, f.unit))
        .collect()
}

#[test]
fn pence_are_pounds_printed_to_the_penny() {
    let f = one("Weekly increase 8p");
    assert_eq!((f.printed.as_str(), f.value), ("8p", dec!(0.08)));
    assert_eq!(
        (f.unit, f.scale, f.step()),
        (Unit::Pounds, Scale::Pence, dec!(0.01))
    );
    assert_eq!(
        (f.interval().lo, f.interval().hi),
        (dec!(0.075), dec!(0.085))
    );
    assert_eq!(one("| Band A | 64p |").value, dec!(0.64));
    assert_eq!(one("a fall of -3p a week").value, dec!(-0.03));
    assert_eq!(one("(5p)").printed, "5p");
    let f = one("an increase of 8 pence a week");
    assert_eq!((f.printed.as_str(), f.value), ("8 pence", dec!(0.08)));
    // A column that holds pounds and pence: both are pounds.
    let row = printed_values("| Band D | £1,440.00 | £1,512.00 | £72.00 | £1.38 |\n| Band A | £960.00 | £1,008.00 | £48.00 | 92p |");
    assert!(
        row.iter().all(|(_, _, unit)| *unit == Unit::Pounds),
        "{row:?}"
    );
    assert_eq!(row.last().map(|r| r.1), Some(dec!(0.92)));
    let found = recognise("a charge of £5p");
    assert!(found.figures.is_empty());
    assert_eq!(found.malformed.len(), 1);
    // Not pence: `10pm`, `3pp`, `p.5`.
    assert!(figures("at 10pm").is_empty());
    assert!(figures("rising 3p.a.").is_empty());
    assert_eq!(one("up 3pp").unit, Unit::PercentagePoints);
}

#[test]
fn money_in_number_words_is_rounded_not_exact() {
    let found = printed_values(
        "an increase of four pence a week, seven pence, three pounds and nine councils",
    );
    assert_eq!(
        found,
        [
            ("four pence".to_string(), dec!(0.04), Unit::Pounds),
            ("seven pence".to_string(), dec!(0.07), Unit::Pounds),
            ("three pounds".to_string(), dec!(3), Unit::Pounds),
            ("nine".to_string(), dec!(9), Unit::Number),
        ]
    );
    let all = figures("four pence and three pounds for nine councils");
    assert_eq!(
        (all[0].interval().lo, all[0].interval().hi),
        (dec!(0.035), dec!(0.045))
    );
    assert_eq!(
        (all[1].interval().lo, all[1].interval().hi),
        (dec!(2.5), dec!(3.5))
    );
    assert_eq!(all[2].interval().lo, all[2].interval().hi);
}

#[test]
fn units_glued_to_digits() {
    let cases = [
        (
            "a passenger vehicle emits 0.404kg of CO2 per mile",
            "0.404kg",
            dec!(0.404),
            Unit::Kilograms,
        ),
        ("- 930kg 3 bed semi", "930kg", dec!(930), Unit::Kilograms),
        ("saves 1.3t a year", "1.3t", dec!(1.3), Unit::Tonnes),
        ("a team of 12FTE", "12FTE", dec!(12), Unit::Fte),
        ("within 5km of", "5km", dec!(5), Unit::Kilometres),
    ];
    for (text, printed, value, unit) in cases {
        let f = figures(text).into_iter().next().unwrap();
        assert_eq!(
            (f.printed.as_str(), f.value, f.unit),
            (printed, value, unit),
            "{text:?}"
        );
    }
    // A unit word after a space is the unit too, though not printed with it.
    let f = one("or 1.3 t of carbon");
    assert_eq!((f.printed.as_str(), f.unit), ("1.3", Unit::Tonnes));
    assert_eq!(one("or 1.3 Tonne carbon").unit, Unit::Tonnes);
    assert_eq!(one("a round trip of 12 km").unit, Unit::Kilometres);
    for text in ["5G masts", "v0.2", "15th July", "3D printing", "4x4"] {
        assert!(figures(text).iter().all(|f| f.printed != text), "{text:?}");
    }
    assert!(figures("5G and 3D").is_empty());
}

#[test]
fn splits_with_a_slash_are_two_figures() {
    let found = printed_values("| Parks | 65%/35% |");
    assert_eq!(
        found,
        [
            ("65%".to_string(), dec!(65), Unit::Percent),
            ("35%".to_string(), dec!(35), Unit::Percent),
        ]
    );
    let found = printed_values("a split of 60/40 between the councils");
    let values: Vec<_> = found.iter().map(|f| f.1).collect();
    assert_eq!(values, [dec!(60), dec!(40)]);
    assert_eq!(figures("shared 40 / 60").len(), 2);
    let found = printed_values("North – 41,250; South – 18,902");
    let values: Vec<_> = found.iter().map(|f| f.1).collect();
    assert_eq!(values, [dec!(41250), dec!(18902)]);
    assert_eq!(figures("in 2018/19.").len(), 2);
    assert_eq!(figures("(2017/2018)").len(), 2);
    // A date is one figure and digits that are not read.
    assert_eq!(figures("on 27/11/2020").len(), 1);
    assert!(figures("see www.example.org/2021").is_empty());
    assert!(figures("draft v0.2/3").is_empty());
}

#[test]
fn too_many_digits_is_malformed() {
    let found = recognise("99999999999999999999999999999999 people");
    assert!(found.figures.is_empty());
    assert_eq!(found.malformed.len(), 1);
}

#[test]
fn an_en_dash_glued_to_digits_is_a_minus_sign() {
    let f = one("Interest received\t–1,234");
    assert_eq!((f.printed.as_str(), f.value), ("–1,234", dec!(-1234)));
    // Not the dash of a range or of a year span.
    let all = figures("2019–2021");
    assert!(all.iter().all(|f| f.value.is_sign_positive()));
    let f = one("North – 41,250");
    assert_eq!(f.value, dec!(41250));
}

#[test]
fn footnote_markers_are_notes_on_the_figure() {
    for (text, note) in [
        ("Total 1,234* of which", "*"),
        ("Total 1,234** of which", "**"),
        ("Total 1,234(a)", "(a)"),
        ("Total 1,234(ii), then", "(ii)"),
        ("Total 1,234† ", "†"),
    ] {
        let f = one(text);
        assert_eq!(f.printed, "1,234", "{text}");
        assert_eq!(f.value, dec!(1234));
        assert_eq!(f.footnote.as_deref(), Some(note), "{text}");
    }
    assert_eq!(one("Total 1,234 (a)").footnote, None);
    assert_eq!(one("Total 1,234(abc)").footnote, None);
    assert_eq!(one("a cost of £5,000.").footnote, None);
}

#[test]
fn two_spaces_part_a_figure_from_the_word_after_it() {
    // Columns of a table, not a figure and its scale.
    assert_eq!(one("Budget  20  million people").value, dec!(20));
    assert_eq!(one("2,000\n\nmillion").value, dec!(2000));
}
