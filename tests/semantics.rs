//! What figures mean, shown on text from the documents: hedges, ranges,
//! units and scales, rounding conventions, likely causes and counts. Each
//! test audits lines cut from a bundled document (or a copy with one figure
//! changed, as a new draft would change it) with a small pack.

use vd_audit::eval::{evaluate, Judgement, Verdict};
use vd_audit::lang::parse_pack;
use vd_audit::source::SourceFile;
use vd_audit::{document::Document, pack::LoadedPack};

const BOLSOVER: &str = "bolsover-members-pack-2020-09.txt";
const PROPOSITION: &str = "vision-derbyshire-proposition-2020.txt";
const HIGH_PEAK: &str = "high-peak-corporate-select-2020-11-30.txt";
const DALES: &str = "derbyshire-dales-phase4-2021-07-08.txt";

fn document(name: &str) -> String {
    std::fs::read_to_string(format!("{}/documents/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Lines `first..=last` (1-based) of a bundled document.
fn lines(name: &str, first: usize, last: usize) -> String {
    document(name)
        .lines()
        .skip(first - 1)
        .take(last + 1 - first)
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Audits `text` (as document `d`) with the claims in `rules`.
fn audit(text: &str, rules: &str) -> Vec<Result<Judgement, String>> {
    let source = format!("document d = \"d.txt\"\n{rules}");
    let pack = LoadedPack {
        rule_file: SourceFile::new("pack.vd", source.as_str()),
        ast: parse_pack(&source)
            .into_result()
            .unwrap_or_else(|e| panic!("{e:?}")),
        syntax_errors: Vec::new(),
        documents: [(
            "d".to_string(),
            Document::new(SourceFile::new("d.txt", text)).into(),
        )]
        .into(),
    };
    let outcome = evaluate(&pack);
    assert!(
        outcome.binding_errors.is_empty(),
        "{:?}",
        outcome.binding_errors
    );
    outcome
        .claims
        .into_iter()
        .map(|c| c.result.map_err(|e| e.to_string()))
        .collect()
}

#[track_caller]
fn only(text: &str, rules: &str) -> Judgement {
    let mut results = audit(text, rules);
    assert_eq!(results.len(), 1);
    results.remove(0).unwrap_or_else(|e| panic!("{e}"))
}

// ── Hedges ────────────────────────────────────────────────────────────────

const JOB_LOSSES: &str = r#"
let seniors   = count(d "£55,000 = **the loss of {} jobs**")
let workforce = count(d "£25,600 = **the loss of {} jobs**")
"#;

#[test]
fn just_under_1400_is_checked_as_just_under() {
    // "This equates to a total of just under 1,400 job losses": 27 + 1367 = 1,394.
    let text = lines(BOLSOVER, 85, 87);
    let rules =
        format!("{JOB_LOSSES}claim \"t\" d \"just under {{}} job losses\" == seniors + workforce");
    let judgement = only(&text, &rules);
    assert_eq!(judgement.verdict, Verdict::Approximate);
    assert!(
        judgement.notes[0].contains("“just under”, which allows 5% below the figure"),
        "{:?}",
        judgement.notes
    );
    // Over 1,400 would not be "just under": a discrepancy.
    let over = text.replace("**the loss of 1367 jobs**", "**the loss of 1380 jobs**");
    assert_eq!(only(&over, &rules).verdict, Verdict::Discrepancy);
}

#[test]
fn the_job_loss_arithmetic_of_the_leaders_letter() {
    let text = lines(BOLSOVER, 85, 87);
    let rules = format!(
        "{JOB_LOSSES}
        claim \"senior\" d \"£55,000 = **the loss of {{}} jobs**\" == d \"£{{}} saving on an average salary of £55,000\" / d \"average salary of £{{}} = **the loss of 27\"
        claim \"workforce\" d \"£25,600 = **the loss of {{}} jobs**\" == d \"£{{}} saving on an average salary of £25,600\" / d \"average salary of £{{}} = **the loss of 1367\"
        claim \"Bolsover's share of an even spread\" d \"can expect to lose **{{}} jobs**\" == (seniors + workforce) / count(d \"across the {{}} Districts\")"
    );
    let results = audit(&text, &rules);
    assert_eq!(results[0].as_ref().unwrap().verdict, Verdict::Exact);
    assert_eq!(results[1].as_ref().unwrap().verdict, Verdict::Exact);
    // 1,394 / 8 = 174.25, printed 175: it is 1,400 / 8. No digit slip is claimed.
    let share = results[2].as_ref().unwrap();
    assert_eq!(share.verdict, Verdict::Discrepancy);
    assert_eq!(share.cause, None);
}

#[test]
fn each_hedge_word_is_read_from_the_documents() {
    use vd_audit::figures::{recognise, Hedge};
    let bolsover = document(BOLSOVER);
    let cases = [
        (
            document(DALES),
            "approximately £1.08bn",
            Hedge::Approximately,
        ),
        (
            bolsover.clone(),
            "in the region of £1.27bn",
            Hedge::InTheRegionOf,
        ),
        (
            document("chesterfield-cabinet-phase2-2020-02-25.txt"),
            "estimated to be £17,000",
            Hedge::Estimated,
        ),
        (bolsover.clone(), "just under 1,400", Hedge::JustUnder),
        (bolsover.clone(), "almost 5 times", Hedge::Almost),
        (bolsover.clone(), "nearly 50 years", Hedge::Nearly),
        (bolsover.clone(), "over 22 million", Hedge::Over),
        (bolsover.clone(), "more than 140 people", Hedge::MoreThan),
        (bolsover.clone(), "up to £48 million", Hedge::UpTo),
        (bolsover.clone(), "at least 80,000", Hedge::AtLeast),
        (bolsover.clone(), "around 250,000", Hedge::Around),
        (bolsover.clone(), "a thousand or so job losses", Hedge::OrSo),
        // No document hedges a figure with "about"; this is the phrasing of
        // the Bolsover letter with the word swapped in.
        (
            "a total of about 1,400 job losses".to_string(),
            "about 1,400",
            Hedge::About,
        ),
    ];
    for (text, phrase, hedge) in cases {
        let at = text
            .find(phrase)
            .unwrap_or_else(|| panic!("{phrase:?} is not in the document"));
        let figures = recognise(&text).figures;
        let figure = figures
            .iter()
            .find(|f| f.span.start >= at && f.span.end <= at + phrase.len())
            .unwrap_or_else(|| panic!("no figure in {phrase:?}"));
        assert_eq!(figure.hedge, Some(hedge), "{phrase:?}");
    }
}

#[test]
fn a_pack_can_set_how_far_a_hedge_reaches() {
    let text = lines(BOLSOVER, 85, 87);
    let rules = format!("{JOB_LOSSES}hedge \"just under\" within 0.2%\nclaim \"t\" d \"just under {{}} job losses\" == seniors + workforce");
    // 1,394 is 0.43% under 1,400: too far for a reach of 0.2%.
    assert_eq!(only(&text, &rules).verdict, Verdict::Discrepancy);
}

#[test]
fn a_claim_can_state_the_hedge_itself() {
    let text = "The programme costs £296,000 in all.\nParts: £196,248 and £100,000.\n";
    let rules = "claim \"t\" d \"costs £{} in all\" == d \"Parts: £{} and\" + d \"and £{}.\" hedged \"approximately\"";
    assert_eq!(only(text, rules).verdict, Verdict::Approximate);
}

// ── Ranges ────────────────────────────────────────────────────────────────

#[test]
fn ranges_are_compared_end_by_end_in_every_form() {
    // Line 30: £20.0-65.9m, line 61: £20-66m, line 155: £20-65m.
    let text =
        lines(PROPOSITION, 30, 30) + &lines(PROPOSITION, 61, 61) + &lines(PROPOSITION, 155, 155);
    let rules = r##"
        let first = d "councils in the region of {}. The model"
        claim "headline" d "# {}" == first
        claim "savings" d "save our councils an estimated {} by" == first
    "##;
    let results = audit(&text, rules);
    let headline = results[0].as_ref().unwrap();
    assert_eq!(headline.verdict, Verdict::Exact, "{}", headline.working);
    assert!(
        headline
            .working
            .contains("low end: £20.0-65.9m = £20m; high end: £20.0-65.9m = £65.9m → £66m"),
        "{}",
        headline.working
    );
    // 65.9 printed as 65: a truncation, reported as such.
    let savings = results[1].as_ref().unwrap();
    assert_eq!(savings.verdict, Verdict::WithinRounding);
    assert!(
        savings.notes[0].contains("truncated"),
        "{:?}",
        savings.notes
    );
}

#[test]
fn words_to_and_between_make_ranges_too() {
    // High Peak: "£20 million to £66 million"; Derbyshire Dales: "between £20
    // million to £66 million"; both restate the proposition's £20.0-65.9m.
    let high_peak = lines(HIGH_PEAK, 55, 55);
    let dales = lines(DALES, 130, 130);
    let proposition = lines(PROPOSITION, 30, 30);
    for (restated, anchor) in [
        (high_peak, "organisational benefits of {} and wider"),
        (dales, "between {} and wider"),
    ] {
        let text = format!("{proposition}{restated}");
        let rules =
            format!(r#"claim "t" d "{anchor}" == d "councils in the region of {{}}. The model""#);
        let judgement = only(&text, &rules);
        assert_eq!(judgement.verdict, Verdict::Exact, "{}", judgement.working);
    }
}

#[test]
fn the_drafts_headline_truncates() {
    // design.md: "£24–72m" for £24.5–72.6m is a truncation, not a rounding.
    // Line 180 gives the draft's range on a line of its own; line 1330
    // restates it.
    let text = lines(BOLSOVER, 178, 180) + &lines(BOLSOVER, 1330, 1330);
    let rules = r#"claim "t" d "in the region of {}.**" == d "{}\n**The estimated""#;
    let judgement = only(&text, rules);
    assert_eq!(judgement.verdict, Verdict::WithinRounding);
    assert!(
        judgement
            .notes
            .iter()
            .any(|n| n.contains("truncated (digits dropped, not rounded)")),
        "{:?}",
        judgement.notes
    );
    // Declared, truncation is the document's convention: exact.
    let declared = only(&text, &format!("rounding truncate\n{rules}"));
    assert_eq!(declared.verdict, Verdict::Exact);
}

// ── Units and scales ──────────────────────────────────────────────────────

/// The five sub-totals of the wider system benefit tables (column "(£m)")
/// add up to the headline £1.27bn.
#[test]
fn a_column_in_millions_adds_up_to_a_headline_in_billions() {
    let text = lines(BOLSOVER, 1321, 1321) + "\n" + &lines(BOLSOVER, 365, 421);
    let column = "Wider system benefit (£m)";
    let table = |row: &str| format!("d.table(\"{row}\").cell(\"Sub-total\", \"{column}\")");
    let rules = format!(
        "claim \"t\" d \"communities) is in the region of {{}}.**\" == {} + {} + {} + {} + {}",
        table("People can manage their quality of life, health and wellbeing"),
        table("A fair society, where everyone has opportunities"),
        table("Climate change targets exceeded"),
        table("An inclusive and diverse economy"),
        table("Communities drive sustainable change"),
    );
    let judgement = only(&text, &rules);
    assert_eq!(judgement.verdict, Verdict::Exact, "{}", judgement.working);
    assert!(
        judgement.working.ends_with("= £1.2667bn → £1.27bn"),
        "{}",
        judgement.working
    );
}

#[test]
fn units_must_agree() {
    // Bolsover line 390: "CO2 emissions per capita\t9 tonnes\t8 tonnes".
    let text = lines(BOLSOVER, 389, 390);
    let results = audit(
        &text,
        "claim \"tonnes are tonnes\" d \"per capita\t{} tonnes\" == d \"tonnes\t{} tonnes\" + 1 tonnes
         claim \"tonnes are not pounds\" d \"per capita\t{} tonnes\" == d \"tonnes\t{} tonnes\" + £1
         claim \"nor people\" d \"per capita\t{} tonnes\" > 8 people",
    );
    assert_eq!(results[0].as_ref().unwrap().verdict, Verdict::Exact);
    assert_eq!(
        results[1].as_ref().unwrap_err(),
        "cannot add tonnes and pounds (£)"
    );
    assert!(results[2]
        .as_ref()
        .unwrap_err()
        .contains("cannot compare tonnes (the stated figure) with people"));
}

#[test]
fn percentage_points_are_not_percentages() {
    let text = "Unemployment rate\t4.2%\t3.9%\nA fall of 0.3 percentage points.\n";
    let results = audit(
        text,
        "claim \"pp\" d \"fall of {} percentage\" == 0.3 pp
         claim \"mixed\" d \"fall of {} percentage\" == d \"rate\t{}\" - d \"%\t{}\"",
    );
    assert_eq!(results[0].as_ref().unwrap().verdict, Verdict::Exact);
    assert!(results[1]
        .as_ref()
        .unwrap_err()
        .contains("cannot compare percentage points"));
}

// ── Rates set by policy, and gaps between percentages, on council tax lines ──
//
// These lines are written in the shape of council tax papers (a precept
// increase, a band table, a parish share); the bundled documents have few.

/// A band table row and the precept sentence above it: 3% of last year's
/// Band D of £1,440.00 is £43.20.
const PRECEPT: &str = "\
The adult social care precept of 3% on last year's Band D charge of £1,440.00 adds £43.20.
Band\tRatio\t2023/24\t2024/25
Band D\t9/9\t£1,440.00\t£1,526.40
";

#[test]
fn an_exact_rate_is_not_a_rounded_one() {
    let rule = |rate: &str| {
        format!("claim \"precept\" d \"adds £{{}}\" == {rate} of d \"Band D charge of £{{}}\"")
    };
    let printed = "d \"care precept of {}\"";
    let exact = "exact(d \"care precept of {}\")";
    // As printed, the rate stands for 2.5% to 3.5%: £36.00 to £50.40.
    assert_eq!(only(PRECEPT, &rule(printed)).verdict, Verdict::Exact);
    assert_eq!(only(PRECEPT, &rule(exact)).verdict, Verdict::Exact);
    // £48.00 is 11% too much: lost in the rounding of "3%", unless 3% is
    // exactly what the law sets.
    let slipped = PRECEPT.replace("adds £43.20", "adds £48.00");
    assert_eq!(
        only(&slipped, &rule(printed)).verdict,
        Verdict::WithinRounding
    );
    let judgement = only(&slipped, &rule(exact));
    assert_eq!(judgement.verdict, Verdict::Discrepancy);
    // The rate keeps its unit: 3% of pounds is pounds.
    assert_eq!(judgement.working, "3% of £1,440.00 = £43.2 → £43.20");
    assert_eq!(
        judgement.computed.bounds.hi - judgement.computed.bounds.lo,
        rust_decimal::Decimal::new(3, 4)
    );
}

#[test]
fn exact_applies_to_any_figure_and_each_end_of_a_range() {
    // A band row: Band D this year is last year's plus 6% (3% core, 3% care).
    let rules = "claim \"band D\" d.table(\"Band\").cell(\"Band D\", \"2024/25\") == exact(106%) * exact(d.table(\"Band\").cell(\"Band D\", \"2023/24\"))";
    assert_eq!(only(PRECEPT, rules).verdict, Verdict::Exact);
    let text = "Increases of 2.99% to 4.99% on £1,000.00 add £29.90 to £49.90.\n";
    let rules = "claim \"range\" d \"add £{}\" == exact(d \"Increases of {}\") of d \"on £{}\"";
    assert_eq!(only(text, rules).verdict, Verdict::Exact);
    let results = audit(text, "claim \"t\" d \"add £{}\" == exact(1, 2)");
    assert!(
        results[0]
            .as_ref()
            .unwrap_err()
            .contains("`exact` takes one argument"),
        "{results:?}"
    );
}

/// Parish precepts as a share of council tax: £1,250,000 of £21,000,000 is
/// 5.95%, which the paper calls "about 7%".
const PARISH: &str = "\
Parish precepts total £1,250,000 in 2024/25, about 7% of the £21,000,000 raised.
The town council's share rose to 41.0% (2023/24: 38.5%).
";

#[test]
fn a_tolerance_in_percentage_points() {
    let share = |within: &str| {
        format!("claim \"parish share\" d \"about {{}} of the\" ~= d \"total £{{}}\" / d \"the £{{}} raised\" within {within}")
    };
    // 7% against 5.95%: 1.05 points apart.
    for within in ["3 pp", "3 percentage points", "3pp", "2 percentage point"] {
        assert_eq!(
            only(PARISH, &share(within)).verdict,
            Verdict::Approximate,
            "{within}"
        );
    }
    // 0.5 points from 5.95% does not reach 6.5%, the least "7%" can be.
    for within in ["0.5 pp", "0.5 percentage points"] {
        let judgement = only(PARISH, &share(within));
        assert_eq!(judgement.verdict, Verdict::Discrepancy, "{within}");
    }
    // As ever, a percentage tolerance is a share of the computed value:
    // 3% of 5.95% is 0.18 points.
    assert_eq!(only(PARISH, &share("3%")).verdict, Verdict::Discrepancy);
    // Points are for percentages, not pounds.
    let results = audit(
        PARISH,
        "claim \"t\" d \"total £{}\" ~= d \"the £{}\" / 17 within 3 pp",
    );
    assert!(
        results[0]
            .as_ref()
            .unwrap_err()
            .starts_with("a tolerance in percentage points is for a comparison of percentages, but the computation is pounds (£)"),
        "{results:?}"
    );
}

#[test]
fn the_gap_between_percentages_is_given_in_points() {
    // The help line of the report says how far apart the figures are.
    let text = "The Band D increase is 4.99%: £1,526.40 this year against £1,440.00 last year.\n";
    let rules = "claim \"increase\" d \"increase is {}\" == (d \"£{} this year\" - d \"£{} last year\") / d \"£{} last year\"";
    let judgement = only(text, rules);
    assert_eq!(judgement.verdict, Verdict::Discrepancy);
    // (1,526.40 - 1,440.00) / 1,440.00 is 6.00%: 1.01 points below 4.99%.
    assert_eq!(
        vd_audit::format::difference(
            judgement.difference,
            judgement.relative_difference,
            judgement.computed.unit
        ),
        "differs by 1.01 percentage points"
    );
    assert_eq!(
        vd_audit::format::difference(
            rust_decimal::Decimal::new(1, 2),
            None,
            vd_audit::units::Unit::Percent
        ),
        "differs by 1 percentage point"
    );
    // Other units keep the amount and its share.
    assert_eq!(
        vd_audit::format::difference(
            rust_decimal::Decimal::new(-1000, 2),
            Some(rust_decimal::Decimal::new(-23, 5)),
            vd_audit::units::Unit::Pounds
        ),
        "differs by £10 (0.02%)"
    );
}

// ── Likely causes, on copies of the Phase 4 report with one figure changed ──

const SPLIT: &str = r#"
let total     = d "The total cost of taking forward resourcing proposals is £{}"
let county_pc = d "County Council {} split"
let district_pc = d "District and Borough Councils {} split"
let districts = d.table("Council").cell("District and Borough Councils", "£")
claim "county" d.table("Council").cell("County Council 40% split", "£") == county_pc of total
"#;

#[track_caller]
fn cause_of(text: &str, rules: &str) -> String {
    let judgement = only(text, rules);
    assert_eq!(
        judgement.verdict,
        Verdict::Discrepancy,
        "{}",
        judgement.working
    );
    judgement
        .cause
        .unwrap_or_else(|| panic!("no cause for {}", judgement.working))
}

#[test]
fn cause_single_digit_and_transposition() {
    let text = document(DALES);
    let rules = r#"
        let districts = d.table("Council").cell("District and Borough Councils", "£")
        claim "six" d "({} per council if six councils)" == districts / 6
    "#;
    assert_eq!(
        cause_of(&text, rules),
        "one digit differs from 43,625, a likely typing error"
    );
    let swapped = text.replace("(43,635 per council", "(43,652 per council");
    assert!(
        cause_of(&swapped, rules).starts_with("two adjacent digits are swapped (43,625 has 25)")
    );
}

#[test]
fn cause_scale_slip() {
    let text = document(DALES).replace(
        "County Council 40% split\t174,499",
        "County Council 40% split\t17,450",
    );
    assert_eq!(
        cause_of(&text, SPLIT),
        "the figure is the computed value divided by 10: a slip of scale"
    );
}

#[test]
fn cause_wrong_base() {
    // 40% of the districts' 261,749 instead of the total.
    let text = document(DALES).replace(
        "County Council 40% split\t174,499",
        "County Council 40% split\t104,700",
    );
    assert_eq!(
        cause_of(&text, SPLIT),
        "40% was applied to 261,749 instead of to £436,248: the wrong base"
    );
}

#[test]
fn cause_swapped_percentages() {
    let text = document(DALES).replace(
        "County Council 40% split\t174,499",
        "County Council 40% split\t261,749",
    );
    assert_eq!(
        cause_of(&text, SPLIT),
        "60% was applied instead of 40%: the two percentages are swapped"
    );
}

#[test]
fn cause_a_total_that_leaves_out_or_repeats_a_part() {
    let rules = r#"
        let team = d.table("Programme Team").cell("Programme Team", 2)
        let budget = d.table("Programme Team").cell("Programme Budget", 2)
        let equipment = d.table("Programme Team").cell("Equipment, Travel and Subsistence", 2)
        let comms = d.table("Programme Team").cell("Communications Budget", 2)
        claim "total" d "Total - £{}" == team + budget + equipment + comms
    "#;
    let left_out = document(DALES).replace("Total - £436,248", "Total - £406,248");
    assert_eq!(cause_of(&left_out, rules), "the total leaves out £30,000");
    let repeated = document(DALES).replace("Total - £436,248", "Total - £466,248");
    assert_eq!(cause_of(&repeated, rules), "the total counts £30,000 twice");
}

#[test]
fn cause_rate_times_target_instead_of_change() {
    // No document makes this slip; the sentence is written for the test.
    let text = "The scheme trains 1,200 people a year at £500 each. Raising that to 1,500 people adds £750,000 a year.\n";
    let rules = r#"claim "t" d "adds £{} a year" == d "at £{} each" * (d "Raising that to {} people" - d "trains {} people")"#;
    assert_eq!(
        cause_of(text, rules),
        "the rate was multiplied by a level (1,500) instead of by the change (1,500 - 1,200)"
    );
}

#[test]
fn cause_rate_times_target_in_the_pwc_benefits() {
    // Bolsover line 404: unemployment falls from 4.2% to 3.9%, at £63.5m per
    // percentage point (line 694); the benefit printed, £247.7m, is £63.5m
    // times 3.9.
    let text = lines(BOLSOVER, 403, 404) + "\n" + &lines(BOLSOVER, 694, 694);
    let rules = r#"
        let now = d.table("Single economic plan").cell("Unemployment rate", "Measure now")
        let target = d.table("Single economic plan").cell("Unemployment rate", "Target Measure")
        claim "t" d.table("Single economic plan").cell("Unemployment rate", "Wider system benefit (£m)")
          == d "Assumed cost per unit £{} per percent of unemployed adults" * ((now - target) / 1%)
    "#;
    assert_eq!(
        cause_of(&text, rules),
        "the rate was multiplied by a level (3.9%) instead of by the change (4.2% - 3.9%)"
    );
}

// ── Counts ────────────────────────────────────────────────────────────────

#[test]
fn counting_the_items_of_a_list() {
    // High Peak 11.5: "The paper makes 7 recommendations", then seven bullets.
    let text = lines(HIGH_PEAK, 254, 262);
    let rules = r#"claim "t" d "makes {} recommendations" == d.items("makes 7 recommendations")"#;
    assert_eq!(only(&text, rules).verdict, Verdict::Exact);
    let six = text.replace(" - Empower real-world economies;\n", "");
    assert_eq!(only(&six, rules).verdict, Verdict::Discrepancy);
    // Derbyshire Dales: nine numbered recommendations.
    let rules = r#"claim "t" d "1.2 Phase {} of the approach" < d.items("RECOMMENDATION")"#;
    let judgement = only(&document(DALES), rules);
    assert!(
        judgement
            .working
            .starts_with("9 items listed after “RECOMMENDATION”"),
        "{}",
        judgement.working
    );
}

#[test]
fn counting_in_words() {
    // "All ten Councils in Derbyshire – Derbyshire County Council, Derby City
    // Council and the eight district and borough councils".
    let text = lines(HIGH_PEAK, 139, 139);
    let rules = r#"claim "t" d "All {} Councils in Derbyshire" == 1 + 1 + d "and the {} district and borough councils""#;
    let judgement = only(&text, rules);
    assert_eq!(judgement.verdict, Verdict::Exact);
    assert_eq!(judgement.working, "1 + 1 + 8 = 10");
}

// ── What a verdict within rounding rests on, and notes that do not mislead ──
//
// Lines in the shape of council papers: a precept rate, a budget table in
// £'000 with a headline in £m, hours at an hourly rate, a range of savings.

fn notes_of(judgement: &Judgement) -> String {
    judgement.notes.join(" | ")
}

#[test]
fn a_verdict_within_rounding_names_the_rate_it_rests_on() {
    // A band figure made 11% wrong: 3% of £2,000.00 is £60.00, not £66.60,
    // but a printed 3% stands for 2.5% to 3.5% (£50.00 to £70.00).
    let text = "\
Band D is £2,000.00 this year.
The adult social care precept of 3% of the Band D charge adds £66.60.
";
    let rules = r#"claim "t" d "adds £{}" == d "precept of {}" of d "Band D is £{}""#;
    let judgement = only(text, rules);
    assert_eq!(judgement.verdict, Verdict::WithinRounding);
    assert_eq!(
        judgement.notes,
        ["within rounding only because “3%” (line 2) stands for 2.5%–3.5%: taken as exactly 3%, the computed value is £60.00 and the stated £66.60 would be a discrepancy of £6.60"]
    );
    let rests_on = judgement.rests_on.expect("it rests on the rate");
    assert_eq!(rests_on.verdict_if_exact, Verdict::Discrepancy);
    assert!(rests_on.others.is_empty());
    let stands_for = rests_on.stands_for.unwrap();
    assert_eq!(
        (stands_for.lo, stands_for.hi),
        (
            rust_decimal::Decimal::new(25, 3),
            rust_decimal::Decimal::new(35, 3)
        )
    );
    // With the rate exact, as the law sets it, the same figure is a
    // discrepancy and there is nothing left to rest on.
    let exact = r#"claim "t" d "adds £{}" == exact(d "precept of {}") of d "Band D is £{}""#;
    let judgement = only(text, exact);
    assert_eq!(judgement.verdict, Verdict::Discrepancy);
    assert!(judgement.rests_on.is_none());
    // The right figure is exact: no note at all.
    let right = only(&text.replace("£66.60", "£60.00"), rules);
    assert_eq!(right.verdict, Verdict::Exact);
    assert!(right.notes.is_empty() && right.rests_on.is_none());
}

#[test]
fn a_binding_that_reads_the_rounded_input_is_worked_out_again() {
    // The rate is read by a `let`, and the base is a `let` computed from
    // two figures: taking the rate as exact reworks the product, and the
    // base keeps its own rounding.
    let text = "\
Band D was £1,900.00 last year and rises by £100.00.
The adult social care precept of 3% of the new Band D charge adds £66.60.
";
    let rules = r#"
let rate = d "precept of {}"
let base = d "was £{}" + d "rises by £{}"
let precept = rate of base
claim "t" d "adds £{}" == precept
"#;
    let judgement = only(text, rules);
    assert_eq!(judgement.verdict, Verdict::WithinRounding);
    let rests_on = judgement.rests_on.clone().expect("it rests on the rate");
    assert!(notes_of(&judgement).contains("because “3%” (line 2) stands for 2.5%–3.5%"));
    assert!(rests_on.others.is_empty(), "{rests_on:?}");
}

#[test]
fn a_table_in_thousands_totalled_half_up_gets_no_truncation_note() {
    // The parts are whole thousands; the total row is the sum of the exact
    // amounts, rounded half-up (1,234.4 + 456.4 + 789.4 = 2,480.2), so it
    // is one more than the printed parts add to. The headline in £m
    // rounds the total half-up too: 2,449.6 thousand is £2.4m, though the
    // printed 2,450 would round to £2.5m.
    let text = "\
The service budget totals £2.4m this year.

| Service | Budget (£'000) |
|---|---|
| Staff | 1,234 |
| Premises | 456 |
| Supplies | 789 |
| Total | 2,480 |
| Budget | 2,450 |
";
    let total = r#"claim "total" d.table("Staff").cell("Total", "Budget") == d.table("Staff").cell("Staff", "Budget") + d.table("Staff").cell("Premises", "Budget") + d.table("Staff").cell("Supplies", "Budget")"#;
    let judgement = only(text, total);
    assert_eq!(judgement.verdict, Verdict::WithinRounding);
    let notes = notes_of(&judgement);
    assert!(!notes.contains("truncated"), "{notes}");
    // No one part decides it: their rounding together does.
    let rests_on = judgement.rests_on.expect("the parts' rounding");
    assert_eq!(rests_on.input, None);
    assert_eq!(rests_on.others.len(), 3);
    assert!(
        notes.starts_with("within rounding only because of the rounding of its inputs together (“1,234” (line 5), “456” (line 6) and “789” (line 7)): taken as printed, the computed value is"),
        "{notes}"
    );

    let headline =
        r#"claim "headline" d "totals £{}" == d.table("Staff").cell("Budget", "Budget")"#;
    let judgement = only(text, headline);
    assert_eq!(judgement.verdict, Verdict::WithinRounding);
    let notes = notes_of(&judgement);
    // Half-up explains £2.4m (2,450 stands for 2,449.5 to 2,450.5
    // thousand): no claim that the council truncates.
    assert!(!notes.contains("truncated"), "{notes}");
    assert!(
        notes.contains(
            "because “2,450” (line 9) stands for £2,449.5k–£2,450.5k: taken as exactly 2,450"
        ),
        "{notes}"
    );
    // Declared, half-up is what the document does; truncation is not named
    // unless it is what explains the figure.
    let declared = only(text, &format!("rounding half-up\n{headline}"));
    assert!(!notes_of(&declared).contains("truncated"));
}

#[test]
fn a_genuine_truncation_keeps_its_note() {
    // £24.5-72.6m printed as £24-72m: 72.6 can never round half-up to 72,
    // whatever the rounding of 72.6; dropping the digits gives it.
    let text = "\
The benefits are estimated at £24.5-72.6m a year.
In summary, savings of £24-72m a year.
";
    let rules = r#"claim "t" d "savings of {} a year" == d "estimated at {} a year""#;
    let judgement = only(text, rules);
    assert_eq!(judgement.verdict, Verdict::WithinRounding);
    let notes = notes_of(&judgement);
    assert!(
        notes.contains(
            "high end: the document's figure is the computed value truncated (digits dropped, not rounded), not rounded half-up"
        ),
        "{notes}"
    );
    // The low end, 24.5, may be 24.45 and round half-up to 24: that end
    // names the input it rests on, not a convention.
    assert!(!notes.contains("low end: the document's figure"), "{notes}");
    assert!(
        notes.contains(
            "low end: within rounding only because “£24.5” (line 1) stands for £24.45m–£24.55m"
        ),
        "{notes}"
    );
}

#[test]
fn when_each_of_several_inputs_decides_alone_the_one_that_matters_most_comes_first() {
    // 12.5 hours a week at £12.5 an hour is £156.25; printed, each stands
    // for 12.45 to 12.55, so the product may be up to £157.50. Either
    // input taken as exact brings it below £157.495.
    let text = "\
The post is 12.5 hours a week at £12.5 an hour: £157.50 a week.
";
    let rules = r#"claim "t" d "hour: £{} a week" == d "post is {} hours" * d "at £{} an hour""#;
    let judgement = only(text, rules);
    assert_eq!(judgement.verdict, Verdict::WithinRounding);
    let rests_on = judgement.rests_on.clone().expect("either input");
    assert_eq!(rests_on.others.len(), 1);
    assert_eq!(
        notes_of(&judgement),
        "within rounding only because of the rounding of “12.5” (line 1), which stands for 12.45–12.55, and of “£12.5” (line 1); each alone decides it: taken as exactly 12.5, the computed value is £156.25 and the stated £157.50 would be a discrepancy of £1.25"
    );
    // 25 hours (24.5 to 25.5) at £6.5 (6.45 to 6.55) is £162.50, and could
    // be up to £167.03. Either taken as exact rules out £166.00, but the
    // hours' rounding (±£3.25) matters more than the rate's (±£1.25).
    let text = "The post is 25 hours a week at £6.5 an hour: £166.00 a week.\n";
    let judgement = only(text, rules);
    assert_eq!(judgement.verdict, Verdict::WithinRounding);
    assert_eq!(
        notes_of(&judgement),
        "within rounding only because of the rounding of “25” (line 1), which stands for 24.5–25.5, and, though less, of “£6.5” (line 1); each alone decides it: taken as exactly 25, the computed value is £162.50 and the stated £166.00 would be a discrepancy of £3.50"
    );
}

#[test]
fn rounding_of_the_stated_figure_alone_is_not_an_input_to_name() {
    // 40% of £436,248 is £174,499.2: exact, and a stated figure that only
    // its own rounding reconciles names no input.
    let text = "The county pays 40% of £436,248, which is £174,499.\n";
    let rules = r#"claim "t" d "which is £{}" == exact(d "pays {}") of d "of £{}""#;
    let judgement = only(text, rules);
    assert_eq!(judgement.verdict, Verdict::Exact);
    assert!(judgement.rests_on.is_none());
}

#[test]
fn an_approximate_claim_says_it_would_be_only_approximate() {
    // `~=` within 12%: with 3% taken as exact, £66.60 is 11% over £60.00,
    // inside the tolerance but no longer within rounding.
    let text = "\
Band D is £2,000.00 this year.
The adult social care precept of 3% of the Band D charge adds £66.60.
";
    let rules = r#"claim "t" d "adds £{}" ~= d "precept of {}" of d "Band D is £{}" within 12%"#;
    let judgement = only(text, rules);
    assert_eq!(judgement.verdict, Verdict::WithinRounding);
    let rests_on = judgement.rests_on.clone().expect("it rests on the rate");
    assert_eq!(rests_on.verdict_if_exact, Verdict::Approximate);
    assert!(
        notes_of(&judgement).ends_with(
            "the computed value is £60.00 and the stated £66.60 would be only approximate, £6.60 off, within the claim's tolerance"
        ),
        "{}",
        notes_of(&judgement)
    );
}

#[test]
fn a_name_bound_again_later_keeps_its_first_meaning_when_worked_out_again() {
    // `precept` reads the first `rate`; `rate` is bound again before the
    // claim. Taking 3% as exact reworks `precept` with the 3%, not the 2%.
    let text = "\
Band D is £2,000.00 this year.
The adult social care precept of 3% of the Band D charge adds £66.60.
The general increase is 2%.
";
    let rules = r#"
let rate = d "precept of {}"
let precept = rate of d "Band D is £{}"
let rate = d "increase is {}"
claim "t" d "adds £{}" == precept
"#;
    let judgement = only(text, rules);
    assert_eq!(judgement.verdict, Verdict::WithinRounding);
    assert!(
        notes_of(&judgement).starts_with("within rounding only because “3%” (line 2) stands for 2.5%–3.5%: taken as exactly 3%, the computed value is £60.00"),
        "{}",
        notes_of(&judgement)
    );
    let rests_on = judgement.rests_on.expect("the rate");
    assert_eq!(
        rests_on.bounds_if_exact.hi - rests_on.bounds_if_exact.lo,
        rust_decimal::Decimal::new(3, 4)
    );
}

#[test]
fn an_input_from_another_document_is_named_with_its_document() {
    // The precept rate is set in the budget report; the bill leaflet
    // states the amount.
    let source = "document bill = \"bill.txt\"\ndocument budget = \"budget.txt\"\n\
                  claim \"t\" bill \"adds £{}\" == budget \"precept of {}\" of bill \"Band D is £{}\"\n";
    let document = |name: &str, text: &str| {
        (
            name.to_string(),
            std::sync::Arc::new(Document::new(SourceFile::new(format!("{name}.txt"), text))),
        )
    };
    let pack = LoadedPack {
        rule_file: SourceFile::new("pack.vd", source),
        ast: parse_pack(source).into_result().unwrap(),
        syntax_errors: Vec::new(),
        documents: [
            document(
                "bill",
                "Band D is £2,000.00 this year.\nThe care precept adds £66.60.\n",
            ),
            document(
                "budget",
                "An adult social care precept of 3% is proposed.\n",
            ),
        ]
        .into(),
    };
    let outcome = evaluate(&pack);
    let judgement = outcome.claims[0].result.as_ref().unwrap();
    assert_eq!(judgement.verdict, Verdict::WithinRounding);
    assert!(
        notes_of(judgement)
            .starts_with("within rounding only because “3%” (line 1 of budget.txt) stands for"),
        "{}",
        notes_of(judgement)
    );
}

#[test]
fn a_hedged_figure_would_be_approximate_not_a_discrepancy() {
    // "about £62.00": with 3% taken as exact, £60.00 is 3.3% away, inside
    // the 5% that "about" allows.
    let text = "\
Band D is £2,000.00 this year.
The adult social care precept of 3% of the Band D charge adds about £62.00.
";
    let rules = r#"claim "t" d "adds about £{}" == d "precept of {}" of d "Band D is £{}""#;
    let judgement = only(text, rules);
    assert_eq!(judgement.verdict, Verdict::WithinRounding);
    let rests_on = judgement.rests_on.clone().expect("it rests on the rate");
    assert_eq!(rests_on.verdict_if_exact, Verdict::Approximate);
    assert!(
        notes_of(&judgement).ends_with(
            "the stated £62.00 would be only approximate, £2.00 off, within the reach of “about”"
        ),
        "{}",
        notes_of(&judgement)
    );
}

#[test]
fn cause_a_column_total_that_counts_a_part_twice() {
    // A £'000 budget whose total is added up from a column as a list: the
    // parts are the list's cells, so a total one part too high names it.
    let text = "Table 1: Revenue budget\n\n| Line | 2025/26 £'000 |\n|---|---|\n| Employees | 4,388 |\n| Premises | 1,157 |\n| Transport | 88 |\n| Net budget | 5,721 |\n";
    let rules = r#"
        let budget = d.table("Net budget")
        claim "t" budget.cell("Net budget", "2025/26 £'000") == sum(budget.column("2025/26 £'000", "Employees" to "Transport"))
    "#;
    assert_eq!(cause_of(text, rules), "the total counts £88k twice");
    let left_out = text.replace("| Net budget | 5,721 |", "| Net budget | 5,545 |");
    assert_eq!(cause_of(&left_out, rules), "the total leaves out £88k");
}

#[test]
fn a_bracketed_cell_is_a_negative_figure_and_a_bracketed_aside_is_not() {
    let text = "\
The grant (£812,000 last year) is shown as income.

| Line | £'000 |
|---|---|
| Fees and charges | (1,950) |
| Grants | (812) |
| Total income | (2,762) |
";
    let total = only(
        text,
        "claim \"Income adds up\"\n  d.table(\"Grants\").cell(\"Total income\", \"£'000\") == d.table(\"Grants\").cell(\"Fees and charges\", \"£'000\") + d.table(\"Grants\").cell(\"Grants\", \"£'000\")",
    );
    assert_eq!(total.verdict, Verdict::Exact);
    assert_eq!(total.stated_value, rust_decimal_macros::dec!(-2762000));
    let aside = only(text, "claim \"Aside\"\n  d \"(£{} last year)\" == £812,000");
    assert_eq!(aside.stated_value, rust_decimal_macros::dec!(812000));
}

#[test]
fn a_dash_in_a_table_cell_is_none_an_exact_zero_in_its_columns_unit() {
    let text = "\
Anytown Parish Council 2024/25 £ 2025/26 £
Grounds maintenance 12,400 13,150
Election costs - 1,500
Interest received -200 -250
Total 12,200 14,400
";
    let total = only(
        text,
        "claim \"Total\"\n  d.table(\"Election costs\").cell(\"Total\", \"2024/25 £\") == sum(d.table(\"Election costs\").column(\"2024/25 £\", \"Grounds maintenance\" to \"Interest received\"))",
    );
    assert_eq!(total.verdict, Verdict::Exact);
    assert_eq!(total.inputs.len(), 2, "the dash is no figure of the paper");
    let slipped = only(
        &text.replace("Total 12,200", "Total 12,300"),
        "claim \"Total\"\n  d.table(\"Election costs\").cell(\"Total\", \"2024/25 £\") == sum(d.table(\"Election costs\").column(\"2024/25 £\", \"Grounds maintenance\" to \"Interest received\"))",
    );
    assert_eq!(slipped.verdict, Verdict::Discrepancy);
}

#[test]
fn the_working_shows_a_tables_scale_and_a_dash_as_nil() {
    // Bare cells under a £'000 header are shown with their unit and scale,
    // and a dash as nil, so the working reads as the sum it is
    // (`£4,388k + nil`, not `4,388 + -`).
    let text = "| Line | 2025/26 £'000 |\n|---|---|\n| Employees | 4,388 |\n| Premises | - |\n| Transport | (88) |\n| Net budget | 4,300 |\n";
    let budget = only(
        text,
        r#"
        let b = d.table("Net budget")
        let col = "2025/26 £'000"
        claim "t" b.cell("Net budget", col) == b.cell("Employees", col) + b.cell("Premises", col) + b.cell("Transport", col)
        "#,
    );
    assert_eq!(budget.verdict, Verdict::Exact);
    assert_eq!(budget.working, "£4,388k + nil + (£88k) = £4,300k");
}
