//! Nothing passes silently and hostile input gets a diagnostic: a pack with
//! no claim, an error in a machine-format run, input past the limits.

mod common;

use std::path::Path;

use assert_cmd::Command;

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let output = Command::cargo_bin("vd-audit")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A directory holding `doc.txt` with `document` and `pack.vd` with `pack`.
fn project(document: &str, pack: &str) -> tempfile::TempDir {
    let dir = common::project_dir().unwrap();
    std::fs::write(dir.path().join("doc.txt"), document).unwrap();
    std::fs::write(dir.path().join("pack.vd"), pack).unwrap();
    dir
}

#[test]
fn a_pack_with_no_claim_is_a_warning_and_an_error_under_strict() {
    let dir = project("The total is 5.\n", "document d = \"doc.txt\"\n# to do\n");
    let lenient = run(dir.path(), &["check", "pack.vd"]);
    assert_eq!(lenient.status, 0, "{}", lenient.stdout);
    assert!(
        lenient.stdout.contains("⚠ pack.vd states no claim"),
        "{}",
        lenient.stdout
    );
    assert!(
        lenient.stdout.contains("1 pack with no claim"),
        "{}",
        lenient.stdout
    );

    let strict = run(dir.path(), &["check", "pack.vd", "--strict"]);
    assert_eq!(strict.status, 2, "{}", strict.stdout);
    assert!(
        strict.stdout.contains("× pack.vd states no claim"),
        "{}",
        strict.stdout
    );

    // Every format carries it.
    let json = run(dir.path(), &["check", "pack.vd", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["problems"][0]["code"], "vd::pack::empty");
    assert_eq!(report["problems"][0]["severity"], "warning");
    let sarif = run(dir.path(), &["check", "pack.vd", "--format", "sarif"]);
    assert!(
        sarif.stdout.contains("\"ruleId\": \"vd::pack::empty\""),
        "{}",
        sarif.stdout
    );
    let junit = run(
        dir.path(),
        &["check", "pack.vd", "--format", "junit", "--strict"],
    );
    assert!(
        junit.stdout.contains("name=\"the pack states a claim\""),
        "{}",
        junit.stdout
    );
    assert!(junit.stdout.contains("<error"), "{}", junit.stdout);
    let github = run(dir.path(), &["check", "pack.vd", "--format", "github"]);
    assert!(github.stdout.contains("::warning"), "{}", github.stdout);
}

#[test]
fn a_machine_format_ending_in_error_says_why_on_stderr() {
    let dir = project(
        "The total is 5.\n",
        "document d = \"doc.txt\"\nclaim \"t\"\n  d \"no such words {}\" == 5\n",
    );
    for format in ["json", "sarif", "junit", "github"] {
        let run = run(dir.path(), &["check", "pack.vd", "--format", format]);
        assert_eq!(run.status, 2);
        assert_eq!(
            run.stderr,
            "error: 1 error stopped the audit: pack.vd:3:3: this anchor matches nowhere in `d`\n",
            "{format}"
        );
    }
    // The human report shows the errors itself.
    let human = run(dir.path(), &["check", "pack.vd"]);
    assert_eq!(human.status, 2);
    assert_eq!(human.stderr, "");
}

#[test]
fn expressions_nested_past_the_limit_are_refused_not_a_crash() {
    // Each would overflow the stack of a recursive parser or evaluator.
    let deep = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let negated = format!("{}1", "-".repeat(100_000));
    let chained = format!("1{}", "+1".repeat(100_000));
    let call = format!("{}1{}", "abs(".repeat(10_000), ")".repeat(10_000));
    for expression in [deep, negated, chained, call] {
        let dir = project(
            "The total is 5.\n",
            &format!(
                "document d = \"doc.txt\"\nclaim \"t\"\n  d \"total is {{}}\" == {expression}\n"
            ),
        );
        let run = run(dir.path(), &["check", "pack.vd"]);
        assert_eq!(run.status, 2, "{}", run.stderr);
        assert!(
            run.stdout.contains("vd::parse::limit"),
            "{}",
            &run.stdout[..500]
        );
        assert!(run.stdout.contains("nests more than 100 deep"));
    }
    // A long sum is written with sum(…), which has no depth to speak of.
    let terms = vec!["1"; 5_000].join(", ");
    let dir = project(
        "The total is 5,000.\n",
        &format!("document d = \"doc.txt\"\nclaim \"t\"\n  d \"total is {{}}\" == sum({terms})\n"),
    );
    let run = run(dir.path(), &["check", "pack.vd"]);
    assert_eq!(run.status, 0, "{}", run.stdout);
}

#[test]
fn a_pack_past_the_claim_limit_is_refused() {
    let claims: String = (0..10_001)
        .map(|i| format!("claim \"c{i}\"\n  d \"total is {{}}\" == 5\n"))
        .collect();
    let dir = project(
        "The total is 5.\n",
        &format!("document d = \"doc.txt\"\n{claims}"),
    );
    let run = run(dir.path(), &["check", "pack.vd"]);
    assert_eq!(run.status, 2);
    assert!(
        run.stdout.contains("at most 10000 claims"),
        "{}",
        &run.stdout[..400]
    );
    assert!(
        run.stdout.contains("c10000"),
        "points at the first claim too many"
    );
}

// ── Time: no input takes super-linear time ─────────────────────────────────
//
// Each hostile input is timed against a plain one of the same size, run the
// same way, so that the budget holds on a slow or busy machine: a quadratic
// path shows up as a ratio far above the budget, not as a few seconds.

/// How long `vd-audit check pack.vd` takes in `dir`, with its exit status.
fn timed(dir: &Path) -> (std::time::Duration, i32) {
    let start = std::time::Instant::now();
    let run = run(dir, &["check", "pack.vd"]);
    (start.elapsed(), run.status)
}

/// Prose with a figure every few words, `bytes` long, with `separator`
/// between sentences.
fn prose(bytes: usize, separator: &str) -> String {
    let mut text = String::from("The headline total is £99.");
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(separator);
        text.push_str(&format!(
            "Line {i} costs £{},{:03} and about {}% of the {} people.",
            i % 900 + 1,
            i % 1000,
            i % 97,
            i * 7 % 10_000
        ));
        i += 1;
    }
    text.push('\n');
    text
}

fn assert_within(
    budget: u32,
    hostile: std::time::Duration,
    plain: std::time::Duration,
    what: &str,
) {
    // The constant covers start-up, which dominates small inputs.
    let allowed = plain * budget + std::time::Duration::from_secs(1);
    assert!(
        hostile <= allowed,
        "{what}: {hostile:?}, against {plain:?} for a plain input of the same size"
    );
}

const HEADLINE_PACK: &str =
    "document d = \"doc.txt\"\nclaim \"t\"\n  d \"headline total is {}\" == £99\n";

#[test]
fn a_document_on_one_line_takes_no_longer_than_one_in_lines() {
    let size = 2_000_000;
    let lines = project(&prose(size, "\n"), HEADLINE_PACK);
    let one_line = project(&prose(size, " "), HEADLINE_PACK);
    let (plain, status) = timed(lines.path());
    assert_eq!(status, 0);
    let (hostile, status) = timed(one_line.path());
    assert_eq!(status, 0);
    assert_within(3, hostile, plain, "a 2 MB document on one line");
}

#[test]
fn a_table_of_ten_thousand_columns_takes_linear_time() {
    // The same 200,000 cells as 20 rows of 10,000 columns and as 2,000 rows
    // of 100.
    fn table(rows: usize, columns: usize) -> String {
        let mut text = String::from("Wide table\n\n| Item |");
        for c in 0..columns {
            text.push_str(&format!(" Col {c} |"));
        }
        text.push_str("\n|---|");
        text.push_str(&"---|".repeat(columns));
        text.push('\n');
        for r in 0..rows {
            text.push_str(&format!("| Row {r} |"));
            for c in 0..columns {
                text.push_str(&format!(" {} |", r * columns + c));
            }
            text.push('\n');
        }
        text
    }
    // Row r of a table of n columns holds r·n + c in column c.
    let cell = |columns: usize, last: usize| {
        format!(
            "document d = \"doc.txt\"\nclaim \"t\"\n  d.table(\"Col 5\").cell(\"Row 3\", \"Col {last}\") == {}\n",
            3 * columns + last
        )
    };
    let wide = project(&table(20, 10_000), &cell(10_000, 9_999));
    let narrow = project(&table(2_000, 100), &cell(100, 99));
    let (plain, status) = timed(narrow.path());
    assert_eq!(status, 0);
    let (hostile, status) = timed(wide.path());
    assert_eq!(status, 0);
    assert_within(3, hostile, plain, "a table of 10,000 columns");
}

#[test]
fn an_anchor_stepping_over_many_figures_takes_linear_time() {
    // Every figure of the document is followed by others, so an anchor of
    // `{_}`s fits everywhere: the most work an anchor can ask for.
    let document: String = (0..50_000).map(|i| format!("{i} ")).collect::<String>() + "\n";
    let steps = vec!["{_}"; 32].join(" ");
    let hostile_pack =
        format!("document d = \"doc.txt\"\nclaim \"t\"\n  d \"{steps} {{}}\" == 5\n");
    let plain_pack = "document d = \"doc.txt\"\nclaim \"t\"\n  d \"{} 1 2 3\" == 0\n";
    let (plain, status) = timed(project(&document, plain_pack).path());
    assert_eq!(status, 0);
    let start = std::time::Instant::now();
    let hostile = project(&document, &hostile_pack);
    let run = run(hostile.path(), &["check", "pack.vd"]);
    let elapsed = start.elapsed();
    assert_eq!(run.status, 2, "ambiguous: it fits everywhere");
    assert!(run.stdout.contains("this anchor matches"), "{}", run.stdout);
    assert_within(10, elapsed, plain, "an anchor of 32 `{_}`");
}

#[test]
fn thousands_of_near_miss_anchors_take_linear_time() {
    // Every anchor misses its place by one letter, so each is compared with
    // the places nearest to it. Four times the anchors over four times the
    // document must take about four times as long, not sixteen (measured:
    // 4.1 times in a debug build).
    fn near_misses(n: usize) -> tempfile::TempDir {
        let document: String = (0..n)
            .map(|i| {
                format!(
                    "The cost of item number {i} is £{},{:03} in total.\n",
                    i % 900 + 1,
                    i % 1000
                )
            })
            .collect();
        let claims: String = (0..n)
            .map(|i| format!("claim \"c{i}\"\n  d \"item numbr {i} is £{{}}\" == £1\n"))
            .collect();
        project(&document, &format!("document d = \"doc.txt\"\n{claims}"))
    }
    let time = |n: usize| {
        let dir = near_misses(n);
        let start = std::time::Instant::now();
        let run = run(dir.path(), &["check", "pack.vd"]);
        let elapsed = start.elapsed();
        assert_eq!(run.status, 2);
        assert!(run.stdout.contains("the nearest places are"));
        elapsed
    };
    let small = time(1_000);
    let large = time(4_000);
    eprintln!("near-miss anchors: 1,000 in {small:?}, 4,000 in {large:?}");
    assert!(
        large < small * 6,
        "1,000 near-miss anchors took {small:?}, 4,000 over a document 4 times as long took {large:?}"
    );
}
