//! The HTML report in a real browser: headless Chromium, driven over the
//! DevTools protocol on a pipe (`--remote-debugging-pipe`, so no network,
//! no WebSocket and no extra dependency). The page of the bundled packs must
//! mark the figures the JSON report says each claim reads, with the verdict
//! the JSON gives; show the same totals; and, when a discrepancy is
//! clicked, show its working. A screenshot is saved under target/ for a
//! person to look at.
//!
//! Without Chromium the test says so on standard error (past the harness's
//! capture, so `cargo test` shows it) and passes; `.ci/run` installs
//! Chromium first and sets `VD_AUDIT_REQUIRE_CHROMIUM`, under which a missing
//! Chromium fails the test, so in CI it always runs.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn chromium() -> Option<String> {
    let program = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let works = Command::new(&program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    works.then_some(program)
}

/// Runs vd-audit from the repository root.
fn vd_audit(args: &[&str]) -> String {
    let output = assert_cmd::Command::cargo_bin("vd-audit")
        .unwrap()
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.code() != Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A headless Chromium and one page in it, spoken to over the DevTools
/// protocol on file descriptors 3 (to the browser) and 4 (from it).
struct Browser {
    child: Child,
    to: ChildStdin,
    from: Receiver<Value>,
    next: u64,
    session: Option<String>,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start(program: &str) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new("bash")
            .arg("-c")
            // The shell hands its standard input and output to Chromium as
            // the protocol's pipes, and nothing else.
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>/dev/null"#)
            .arg(program)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--window-size=1400,900",
                "--remote-debugging-pipe",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let to = child.stdin.take().unwrap();
        let mut reader = BufReader::new(child.stdout.take().unwrap());
        let (send, from) = channel();
        std::thread::spawn(move || loop {
            let mut message = Vec::new();
            match reader.read_until(0, &mut message) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    message.pop();
                    if let Ok(value) = serde_json::from_slice::<Value>(&message) {
                        if send.send(value).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let mut browser = Browser {
            child,
            to,
            from,
            next: 0,
            session: None,
            _profile: profile,
        };
        let target = browser.call("Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().unwrap().to_string();
        let attached = browser.call(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        browser.session = Some(attached["sessionId"].as_str().unwrap().to_string());
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
        );
        browser
    }

    /// Sends a command and waits for its answer.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let mut message = json!({"id": self.next, "method": method, "params": params});
        if let Some(session) = &self.session {
            message["sessionId"] = json!(session);
        }
        let mut bytes = serde_json::to_vec(&message).unwrap();
        bytes.push(0);
        self.to.write_all(&bytes).unwrap();
        self.to.flush().unwrap();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let answer = self
                .from
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("Chromium did not answer {method}"));
            if answer["id"] == json!(self.next) {
                assert!(answer.get("error").is_none(), "{method}: {answer}");
                return answer["result"].clone();
            }
        }
    }

    /// Evaluates JavaScript in the page and returns its value.
    fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        assert!(
            result.get("exceptionDetails").is_none(),
            "{expression}: {result}"
        );
        result["result"]["value"].clone()
    }

    /// Opens `url` and waits until the page has loaded and painted; returns
    /// how long that took.
    fn open(&mut self, url: &str) -> Duration {
        let start = Instant::now();
        self.call("Page.navigate", json!({"url": url}));
        while self.eval("document.readyState") != json!("complete") {
            std::thread::sleep(Duration::from_millis(20));
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the page never loaded"
            );
        }
        // Two animation frames: the first paint has happened.
        self.eval(
            "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))",
        );
        start.elapsed()
    }

    /// A real mouse click at the centre of the element `selector` selects.
    fn click(&mut self, selector: &str) {
        let at = self.eval(&format!(
            "(() => {{ const e = document.querySelector({selector:?}); e.scrollIntoView({{block: 'center'}});
               const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
        ));
        let (x, y) = (at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    fn key(&mut self, key: &str, code: u32) {
        for kind in ["keyDown", "keyUp"] {
            self.call(
                "Input.dispatchKeyEvent",
                json!({"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code}),
            );
        }
    }

    fn screenshot(&mut self, path: &Path) {
        let shot = self.call("Page.captureScreenshot", json!({"format": "png"}));
        let png = base64_decode(shot["data"].as_str().unwrap());
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let digits: Vec<u8> = text.bytes().filter(|&c| c != b'=').map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let mut n = 0u32;
        for (i, d) in chunk.iter().enumerate() {
            n |= u32::from(*d) << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}

/// Every marked figure of the rendered page: its document, line and column
/// (read from the rendered text, not from the ids), its classes, whether
/// its symbol is drawn, and the ids of its claims.
const MARKS: &str = r#"(() => {
  const ids = {};
  for (const a of document.getElementById('claims').content.querySelectorAll('article'))
    ids[a.id.slice(1)] = a.dataset.id;
  const marks = [];
  for (const section of document.querySelectorAll('section.document')) {
    const path = section.querySelector('h2').textContent;
    let n = 0;
    for (const line of section.querySelectorAll('.l')) {
      const step = line.style.counterIncrement;
      n += step ? parseInt(step.split(' ')[1]) : 1;
      for (const mark of line.querySelectorAll('.f')) {
        const range = document.createRange();
        range.setStart(line, 0);
        range.setEnd(mark, 0);
        marks.push({
          document: path, line: n, column: Array.from(range.toString()).length + 1,
          printed: mark.textContent,
          class: mark.className,
          symbol: getComputedStyle(mark, '::after').content,
          claims: (mark.dataset.c || '').split(' ').filter(x => x).map(x => ids[x]),
        });
      }
    }
  }
  return marks;
})()"#;

/// Scrolls through the first (longest) document a screen at a time and
/// returns the longest gap between two frames, in milliseconds.
const SCROLL: &str = r#"new Promise(done => {
  const section = document.querySelector('section.document');
  const top = section.offsetTop, end = top + section.offsetHeight;
  let y = top, last = performance.now(), slowest = 0;
  window.scrollTo(0, y);
  const step = () => {
    const now = performance.now();
    slowest = Math.max(slowest, now - last);
    last = now;
    y += window.innerHeight;
    if (y >= end) return done(Math.round(slowest));
    window.scrollTo(0, y);
    requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
})"#;

/// The shade of a claim as the page must show it, from the JSON report.
fn shade(claim: &Value) -> &'static str {
    let expected = claim["expected"] == json!(true);
    match claim["status"].as_str().unwrap() {
        _ if expected && claim["outcome"] == json!("fail") => "st",
        "discrepancy" if expected => "xd",
        "discrepancy" => "di",
        "approximate" => "ap",
        "within_rounding" => "wr",
        "exact" => "ex",
        _ => "er",
    }
}

const WORST_LAST: [&str; 7] = ["ex", "wr", "ap", "xd", "st", "di", "er"];

#[test]
fn the_html_report_in_chromium_agrees_with_the_json_report() {
    let Some(program) = chromium() else {
        let reason = "no working `chromium` on PATH (`chromium --version` failed; set CHROMIUM \
                      to its path, or `apt-get install -y chromium`; .ci/run installs it)";
        assert!(
            std::env::var_os("VD_AUDIT_REQUIRE_CHROMIUM").is_none(),
            "VD_AUDIT_REQUIRE_CHROMIUM is set, but {reason}"
        );
        // Straight to standard error, which the test harness does not
        // capture, so that `cargo test` shows the skip although it passes.
        let _ = writeln!(
            std::io::stderr(),
            "\n\n*** SKIPPED the browser test: {reason} ***\n"
        );
        return;
    };
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let page_path = out.join("report.html");
    vd_audit(&[
        "check",
        "--format",
        "html",
        "--output",
        page_path.to_str().unwrap(),
    ]);
    let report: Value = serde_json::from_str(&vd_audit(&["check", "--format", "json"])).unwrap();
    let coverage: Value =
        serde_json::from_str(&vd_audit(&["coverage", "--format", "json"])).unwrap();

    let mut browser = Browser::start(&program);
    let took = browser.open(&format!("file://{}", page_path.display()));
    eprintln!(
        "the report ({} bytes) loaded and painted in {} ms",
        std::fs::metadata(&page_path).unwrap().len(),
        took.as_millis()
    );
    let marks: Vec<Value> = serde_json::from_value(browser.eval(MARKS)).unwrap();
    let at = |m: &Value| {
        (
            m["document"].as_str().unwrap().to_string(),
            m["line"].as_u64().unwrap(),
            m["column"].as_u64().unwrap(),
        )
    };
    let by_place: BTreeMap<_, &Value> = marks.iter().map(|m| (at(m), m)).collect();
    assert_eq!(by_place.len(), marks.len(), "two marks in one place");

    // Every figure a claim reads is marked where the JSON says, and lists
    // the claim; a stated figure is filled, with the worst verdict of the
    // claims that read it.
    let claims = report["claims"].as_array().unwrap();
    let mut worst: BTreeMap<(String, u64, u64), usize> = BTreeMap::new();
    let mut read_by_marks = BTreeSet::new();
    for claim in claims.iter().filter(|c| c["status"] != json!("error")) {
        let id = claim["id"].as_str().unwrap();
        let stated = at(claim);
        let places = std::iter::once(stated.clone())
            .chain(claim["inputs"].as_array().unwrap().iter().map(at));
        for place in places {
            let mark = by_place
                .get(&place)
                .unwrap_or_else(|| panic!("{id}: no mark at {place:?}"));
            assert!(
                mark["claims"].as_array().unwrap().contains(&json!(id)),
                "{id}: the mark at {place:?} does not list it: {mark}"
            );
            let rank = WORST_LAST.iter().position(|s| *s == shade(claim)).unwrap();
            let entry = worst.entry(place).or_insert(0);
            *entry = (*entry).max(rank);
        }
        read_by_marks.insert(id.to_string());
        let mark = by_place[&stated];
        let class = mark["class"].as_str().unwrap();
        assert!(
            !class.split(' ').any(|c| c == "i"),
            "{id}: its stated figure is shown as an input only"
        );
    }
    for (place, rank) in &worst {
        let class = by_place[place]["class"].as_str().unwrap();
        assert!(
            class.split(' ').any(|c| c == WORST_LAST[*rank]),
            "{place:?}: shown as `{class}`, the JSON says {}",
            WORST_LAST[*rank]
        );
    }
    // No mark lists a claim the JSON does not have.
    for mark in &marks {
        for id in mark["claims"].as_array().unwrap() {
            assert!(
                read_by_marks.contains(id.as_str().unwrap()),
                "unknown claim {id}"
            );
        }
        let symbol = mark["symbol"].as_str().unwrap();
        assert!(symbol.len() > 2, "{mark}: no symbol beside the colour");
    }

    // The figures not checked are those the coverage report lists.
    let mut unread_count = 0;
    let mut unread_page: BTreeSet<(String, u64, u64)> = marks
        .iter()
        .filter(|m| m["class"].as_str().unwrap().split(' ').any(|c| c == "nc"))
        .map(at)
        .collect();
    for document in coverage["documents"].as_array().unwrap() {
        for figure in document["unread"].as_array().unwrap() {
            let place = (
                document["document"].as_str().unwrap().to_string(),
                figure["line"].as_u64().unwrap(),
                figure["column"].as_u64().unwrap(),
            );
            assert!(
                unread_page.remove(&place),
                "{place:?} is not marked as not checked"
            );
            unread_count += 1;
        }
    }
    assert!(
        unread_page.is_empty(),
        "marked as not checked but read: {unread_page:?}"
    );

    // The totals in the page are the JSON report's.
    let totals = browser.eval(
        "Object.fromEntries(Array.from(document.querySelectorAll('tfoot [data-k]'), td => [td.dataset.k, parseInt(td.textContent)]))",
    );
    let summary = &report["summary"];
    let expected_totals = json!({
        "claims": summary["claims"],
        "exact": summary["exact"],
        "within_rounding": summary["within_rounding"],
        "approximate": summary["approximate"],
        "expected_discrepancy": summary["expected_discrepancy"],
        "unexpected_discrepancy": summary["discrepancy"].as_u64().unwrap() - summary["expected_discrepancy"].as_u64().unwrap(),
        "stale_expectation": summary["stale_expectation"],
        "error": summary["error"],
        "not_checked": unread_count,
        "malformed_figures": summary["malformed_figures"].as_u64().unwrap() + summary["expected_malformed_figures"].as_u64().unwrap(),
    });
    assert_eq!(totals, expected_totals);

    // Clicking a discrepancy shows its working, its inputs and the pack's
    // reason in the panel.
    let discrepancy = claims
        .iter()
        .find(|c| {
            c["status"] == json!("discrepancy") && c["document"].as_str().unwrap().contains("dales")
        })
        .unwrap();
    let place = at(discrepancy);
    let index = marks.iter().position(|m| at(m) == place).unwrap();
    browser.eval(&format!(
        "document.querySelectorAll('section.document .f')[{index}].setAttribute('data-test', 'target')"
    ));
    assert_eq!(
        browser.eval("getComputedStyle(document.getElementById('panel-body')).display"),
        json!("block")
    );
    browser.click("[data-test=target]");
    let panel = browser.eval("document.getElementById('panel-body').innerText");
    let panel = panel.as_str().unwrap();
    for part in ["title", "working", "expectation"] {
        let text = discrepancy[part].as_str().unwrap();
        assert!(
            panel.contains(text),
            "the panel does not show the {part} `{text}`:\n{panel}"
        );
    }
    for input in discrepancy["inputs"].as_array().unwrap() {
        let place = format!(
            "{}:{}:{}",
            input["document"].as_str().unwrap(),
            input["line"],
            input["column"]
        );
        assert!(
            panel.contains(&place),
            "the panel does not say where {place} was read:\n{panel}"
        );
    }
    assert_eq!(
        browser.eval("document.activeElement.dataset.test"),
        json!("target")
    );
    browser.screenshot(&out.join("html-report.png"));

    // From the keyboard: Tab moves to the next figure and opens it.
    browser.key("Tab", 9);
    let focused = browser.eval("document.activeElement.className");
    assert!(
        focused.as_str().unwrap().starts_with("f "),
        "Tab went to {focused}"
    );
    let opened = browser.eval("document.querySelector('#panel-body h2').textContent");
    let printed = browser.eval("document.activeElement.textContent");
    assert!(
        opened.as_str().unwrap().contains(printed.as_str().unwrap()),
        "the panel shows {opened}, not the focused {printed}"
    );
    eprintln!("screenshot: {}", out.join("html-report.png").display());

    // Scrolling the longest document (Bolsover, 3,225 lines) from top to
    // bottom, one screen per frame: the slowest frame, for the record and
    // with a bound that only a broken page (say, a layout per figure) breaks.
    let slowest = browser.eval(SCROLL);
    eprintln!("scrolling the Bolsover document: slowest frame {slowest} ms");
    assert!(
        slowest.as_f64().unwrap() < 1000.0,
        "a frame took {slowest} ms"
    );
}
