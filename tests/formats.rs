//! The output formats, through the built binary: snapshots of every format
//! on the bundled Phase 4 pack, byte-stability, the SARIF log against the
//! official SARIF 2.1.0 schema, JUnit well-formedness, and the strictness
//! settings (`--deny`, `--strict`, `vd-audit.yaml`) on a small pack whose
//! verdicts are within rounding and approximate.

mod common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const PHASE4: &str = "rules/derbyshire-dales-phase4.vd";
const FORMATS: [&str; 5] = ["human", "json", "sarif", "junit", "github"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `vd-audit` in `dir` without colour and without `NO_COLOR`.
fn vd_audit_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_vd-audit"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("vd-audit runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// `vd-audit check --color never --format <format> <pack>` at the
/// repository root.
fn phase4(format: &str) -> Run {
    vd_audit_in(
        &root(),
        &["check", "--color", "never", "--format", format, PHASE4],
    )
}

#[test]
fn phase4_human() {
    let run = phase4("human");
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn phase4_json() {
    let run = phase4("json");
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn phase4_sarif() {
    let run = phase4("sarif");
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn phase4_junit() {
    let run = phase4("junit");
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn phase4_github() {
    let run = phase4("github");
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn every_format_is_byte_identical_across_runs() {
    for format in FORMATS {
        let first = phase4(format);
        let second = phase4(format);
        assert!(!first.stdout.is_empty(), "{format}: no output");
        assert_eq!(
            first.stdout.as_bytes(),
            second.stdout.as_bytes(),
            "{format} differs between runs"
        );
        assert_eq!(first.code, second.code, "{format}");
    }
}

#[test]
fn paths_are_relative_to_the_working_directory_however_the_pack_is_named() {
    let absolute = root().join(PHASE4);
    let absolute = absolute.to_str().expect("a UTF-8 path");
    let dotted = format!("./{PHASE4}");
    for format in FORMATS {
        let plain = phase4(format);
        for spelling in [absolute, dotted.as_str()] {
            let other = vd_audit_in(
                &root(),
                &["check", "--color", "never", "--format", format, spelling],
            );
            assert_eq!(
                plain.stdout, other.stdout,
                "{format} with the pack named {spelling}"
            );
        }
        assert!(
            !plain.stdout.contains(root().to_str().unwrap_or("/")),
            "{format} prints an absolute path"
        );
    }
}

// ── SARIF ──────────────────────────────────────────────────────────────────

fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("tests/data/sarif-schema-2.1.0.json"))
        .expect("the schema is there");
    let schema: serde_json::Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, text: &str) -> serde_json::Value {
    let log: serde_json::Value = serde_json::from_str(text).expect("SARIF output is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF output does not validate:\n{}",
        errors.join("\n")
    );
    log
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let validator = sarif_validator();
    let log = assert_valid_sarif(&validator, &phase4("sarif").stdout);
    let results = log["runs"][0]["results"].as_array().expect("results");
    // Only the expected discrepancy: every other Phase 4 claim is exact.
    assert_eq!(results.len(), 1);
    let result = &results[0];
    assert_eq!(result["ruleId"], "vd::verdict::discrepancy");
    assert_eq!(result["level"], "warning");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["snippet"]["text"], "43,635");
    assert_eq!(region["startLine"], 190);
    let related = result["relatedLocations"]
        .as_array()
        .expect("related locations");
    let uri = |l: &serde_json::Value| l["physicalLocation"]["artifactLocation"]["uri"].clone();
    assert_eq!(uri(&related[0]), PHASE4, "the rule comes first");
    assert_eq!(
        related[1]["physicalLocation"]["region"]["snippet"]["text"],
        "261,749"
    );
    assert_eq!(result["suppressions"][0]["kind"], "external");
    let rule_index = result["ruleIndex"].as_u64().expect("a rule index") as usize;
    assert_eq!(
        log["runs"][0]["tool"]["driver"]["rules"][rule_index]["id"],
        "vd::verdict::discrepancy"
    );
}

#[test]
fn sarif_with_failures_and_errors_validates_too() {
    let validator = sarif_validator();
    let dir = rounding_pack();
    let strict = vd_audit_in(dir.path(), &["check", "--strict", "--format", "sarif"]);
    assert_eq!(strict.code, 1);
    let log = assert_valid_sarif(&validator, &strict.stdout);
    let levels: Vec<_> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap_or("").to_string(),
                r["level"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        levels,
        [
            (
                "vd::verdict::within_rounding".to_string(),
                "error".to_string()
            ),
            ("vd::verdict::approximate".to_string(), "error".to_string())
        ]
    );

    // A pack with an anchor that matches nowhere, a failed `let` and a
    // malformed figure: results without a claim's figures.
    let broken = common::project_dir().expect("a temporary directory");
    std::fs::write(
        broken.path().join("doc.txt"),
        "The total is 1,103,5000 and the part is 5.\n",
    )
    .expect("write");
    std::fs::write(
        broken.path().join("pack.vd"),
        "document d = \"doc.txt\"\nlet missing = d \"no such words {}\"\nclaim \"The part\"\n  d \"the part is {}\" == missing\n",
    )
    .expect("write");
    let run = vd_audit_in(broken.path(), &["check", "pack.vd", "--format", "sarif"]);
    assert_eq!(run.code, 2);
    let log = assert_valid_sarif(&validator, &run.stdout);
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
    let rule_ids: Vec<_> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        rule_ids,
        [
            "vd::figure::malformed",
            "vd::anchor::not_found",
            "vd::rule::unknown_name"
        ]
    );
}

// ── JUnit ──────────────────────────────────────────────────────────────────

/// Parses the report and checks that each suite's counts are those of its
/// test cases; returns (tests, failures, errors, skipped) of the whole.
fn junit_counts(xml: &str) -> (usize, usize, usize, usize) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let attribute = |e: &quick_xml::events::BytesStart, name: &str| -> usize {
        let value = e
            .try_get_attribute(name)
            .expect("attributes parse")
            .expect("the attribute is there");
        value
            .normalized_value(quick_xml::XmlVersion::Explicit1_0)
            .expect("unescapes")
            .parse()
            .expect("a count")
    };
    let mut declared = Vec::new();
    let mut counted = Vec::new();
    let mut total = None;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"testsuites" => {
                    total =
                        Some(["tests", "failures", "errors", "skipped"].map(|n| attribute(&e, n)));
                }
                b"testsuite" => {
                    declared
                        .push(["tests", "failures", "errors", "skipped"].map(|n| attribute(&e, n)));
                    counted.push([0; 4]);
                }
                b"testcase" => counted.last_mut().expect("inside a suite")[0] += 1,
                b"failure" => counted.last_mut().expect("inside a suite")[1] += 1,
                b"error" => counted.last_mut().expect("inside a suite")[2] += 1,
                b"skipped" => counted.last_mut().expect("inside a suite")[3] += 1,
                _ => {}
            },
            _ => {}
        }
    }
    assert_eq!(declared, counted, "suite counts");
    let sum = counted.iter().fold([0; 4], |mut acc, c| {
        for i in 0..4 {
            acc[i] += c[i];
        }
        acc
    });
    assert_eq!(total, Some(sum), "testsuites counts");
    (sum[0], sum[1], sum[2], sum[3])
}

#[test]
fn junit_is_well_formed_with_consistent_counts() {
    let claims = std::fs::read_to_string(root().join(PHASE4))
        .expect("the pack")
        .lines()
        .filter(|l| l.starts_with("claim "))
        .count();
    let (tests, failures, errors, skipped) = junit_counts(&phase4("junit").stdout);
    assert_eq!((tests, failures, errors, skipped), (claims, 0, 0, 1));

    let dir = rounding_pack();
    let run = vd_audit_in(
        dir.path(),
        &["check", "--deny", "within-rounding", "--format", "junit"],
    );
    assert_eq!(junit_counts(&run.stdout), (2, 1, 0, 0));
}

// ── Strictness ─────────────────────────────────────────────────────────────

/// A pack whose first claim is within rounding (1.2 + 2.2 = 3.4, but the
/// parts could be as much as 1.25 + 2.25 = 3.5, and 3.5 stands for 3.45 to
/// 3.55) and whose second is approximate (3.6 is within 10% of 3.4), in a
/// directory of its own, which the tests run in.
fn rounding_pack() -> tempfile::TempDir {
    let dir = common::project_dir().expect("a temporary directory");
    std::fs::create_dir(dir.path().join("rules")).expect("mkdir");
    std::fs::write(
        dir.path().join("doc.txt"),
        "The parts are 1.2 and 2.2, a total of 3.5.\nTogether they come to about 3.6.\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("rules/parts.vd"),
        r#"document d = "../doc.txt"

let a = d "The parts are {} and"
let b = d "and {}, a total"

claim "The total is the sum of the parts"
  d "a total of {}" == a + b

claim "The parts come to about their sum"
  d "come to about {}" ~= a + b within 10%
"#,
    )
    .expect("write");
    dir
}

fn exit_code(dir: &Path, args: &[&str]) -> i32 {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    vd_audit_in(dir, &all).code
}

#[test]
fn the_rounding_pack_has_one_verdict_of_each_kind() {
    let dir = rounding_pack();
    let run = vd_audit_in(dir.path(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let statuses: Vec<_> = report["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| c["status"].clone())
        .collect();
    assert_eq!(statuses, ["within_rounding", "approximate"]);
    assert_eq!(run.code, 0);
    assert_eq!(report["exit_code"], 0);
}

#[test]
fn deny_turns_a_verdict_into_a_failure() {
    let dir = rounding_pack();
    let dir = dir.path();
    assert_eq!(exit_code(dir, &[]), 0);
    assert_eq!(exit_code(dir, &["--deny", "within-rounding"]), 1);
    assert_eq!(exit_code(dir, &["--deny", "approximate"]), 1);
    assert_eq!(
        exit_code(dir, &["--deny", "within-rounding", "--deny", "approximate"]),
        1
    );
    assert_eq!(exit_code(dir, &["--strict"]), 1);
    assert_eq!(
        exit_code(dir, &["--deny", "exact"]),
        2,
        "not a verdict that can be denied"
    );
}

#[test]
fn deny_reaches_only_the_denied_verdict() {
    let dir = rounding_pack();
    let run = vd_audit_in(
        dir.path(),
        &["check", "--deny", "approximate", "--format", "json"],
    );
    assert_eq!(run.code, 1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let outcomes: Vec<_> = report["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| c["outcome"].clone())
        .collect();
    assert_eq!(outcomes, ["pass", "fail"]);
    assert_eq!(report["exit_code"], 1);

    let human = vd_audit_in(
        dir.path(),
        &["check", "--deny", "approximate", "--color", "never"],
    );
    assert!(
        human.stdout.contains("approximate is denied in this run"),
        "{}",
        human.stdout
    );
    assert!(
        !human.stdout.contains("within rounding is denied"),
        "{}",
        human.stdout
    );
}

#[test]
fn a_denied_pack_that_only_has_exact_claims_still_passes() {
    let run = vd_audit_in(&root(), &["check", "--strict", PHASE4]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn vd_audit_yaml_sets_strictness_and_the_command_line_wins() {
    let dir = rounding_pack();
    let dir = dir.path();
    let config = dir.join("vd-audit.yaml");

    std::fs::write(&config, "deny: [within-rounding]\n").expect("write");
    assert_eq!(exit_code(dir, &[]), 1);
    let run = vd_audit_in(dir, &["check", "--format", "github"]);
    assert!(
        run.stdout
            .starts_with("::error file=doc.txt,line=1,col=39,"),
        "{}",
        run.stdout
    );

    std::fs::write(&config, "# the CI's settings\nstrict: true\n").expect("write");
    assert_eq!(exit_code(dir, &[]), 1);

    std::fs::write(&config, "strict: false\ndeny: []\n").expect("write");
    assert_eq!(exit_code(dir, &[]), 0);

    std::fs::write(&config, "").expect("write");
    assert_eq!(exit_code(dir, &[]), 0);

    // The command line replaces the file's settings.
    std::fs::write(&config, "deny: [within-rounding]\n").expect("write");
    let run = vd_audit_in(dir, &["check", "--deny", "approximate", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let outcomes: Vec<_> = report["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| c["outcome"].clone())
        .collect();
    assert_eq!(outcomes, ["pass", "fail"]);
}

#[test]
fn an_unknown_key_in_vd_audit_yaml_exits_2_with_a_label() {
    let dir = rounding_pack();
    std::fs::write(
        dir.path().join("vd-audit.yaml"),
        "deny: [approximate]\nstrickt: true\n",
    )
    .expect("write");
    let run = vd_audit_in(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "", "no report when the settings are in error");
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn a_bad_value_in_vd_audit_yaml_exits_2_with_a_label() {
    let dir = rounding_pack();
    std::fs::write(
        dir.path().join("vd-audit.yaml"),
        "deny: [within-rounding, sometimes]\n",
    )
    .expect("write");
    let run = vd_audit_in(dir.path(), &["check"]);
    assert_eq!(run.code, 2);
    insta::assert_snapshot!(run.stderr);
}

#[test]
fn strict_rounding_pack_junit() {
    let dir = rounding_pack();
    let run = vd_audit_in(dir.path(), &["check", "--strict", "--format", "junit"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn strict_rounding_pack_github() {
    let dir = rounding_pack();
    let run = vd_audit_in(dir.path(), &["check", "--strict", "--format", "github"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn rounding_pack_github_without_strictness() {
    let dir = rounding_pack();
    let run = vd_audit_in(dir.path(), &["check", "--format", "github"]);
    assert_eq!(run.code, 0);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn the_example_workflow_runs_check_and_uploads_the_sarif() {
    let text = std::fs::read_to_string(root().join("examples/github-workflow.yml"))
        .expect("the example is there");
    let workflow: serde_yaml::Value = serde_yaml::from_str(&text).expect("the example is YAML");
    let steps = workflow["jobs"]["audit"]["steps"]
        .as_sequence()
        .expect("a job with steps");
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    assert!(
        runs.iter().any(|r| r.starts_with("cargo install")),
        "{runs:?}"
    );
    assert!(
        runs.iter()
            .any(|r| r.contains("vd-audit check --format sarif > vd-audit.sarif")),
        "{runs:?}"
    );
    assert!(
        runs.iter()
            .any(|r| r.contains("vd-audit check --format github")),
        "{runs:?}"
    );
    assert!(
        uses.iter()
            .any(|u| u.starts_with("github/codeql-action/upload-sarif@")),
        "{uses:?}"
    );
}

/// The fenced blocks of a Markdown file whose info string is `language`.
fn fenced_blocks(markdown: &str, language: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match current.as_mut() {
            Some(block) if line == "```" => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None if line == format!("```{language}") => current = Some(String::new()),
            None => {}
        }
    }
    blocks
}

#[test]
fn the_json_format_doc_example_is_what_vd_audit_prints() {
    let doc =
        std::fs::read_to_string(root().join("docs/json-format.md")).expect("the doc is there");
    let texts = fenced_blocks(&doc, "text");
    let [document, pack] = &texts[..] else {
        panic!("the doc has a document and a pack: {texts:?}")
    };
    let json = fenced_blocks(&doc, "json");
    let dir = common::project_dir().expect("a temporary directory");
    std::fs::create_dir(dir.path().join("rules")).expect("mkdir");
    std::fs::create_dir(dir.path().join("documents")).expect("mkdir");
    std::fs::write(dir.path().join("documents/paper.txt"), document).expect("write");
    std::fs::write(dir.path().join("rules/example.vd"), pack).expect("write");
    let run = vd_audit_in(
        dir.path(),
        &[
            "check",
            "rules/example.vd",
            "--format",
            "json",
            "--deny",
            "within-rounding",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(json, [run.stdout]);
}
