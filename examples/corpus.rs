//! A synthetic corpus of council papers and rule packs, for measuring
//! vd-audit at archive scale (docs/performance.md).
//!
//! ```sh
//! cargo run --release --example corpus -- --documents 100 --claims 100 --seed 1 --out /tmp/corpus
//! # --kilobytes 800 for papers of about 800 KB
//! vd-audit check /tmp/corpus/packs
//! ```
//!
//! It writes `documents/paper-NNNN.txt` (about 200 KB each: numbered
//! paragraphs of prose with figures in every form the recogniser reads, £,
//! £m, £bn, k, %, ranges, number words, hedges, unit words, and pipe and tab
//! tables with totals), `packs/paper-NNNN.vd` with `--claims` claims on it
//! (text anchors, table cells, sums over table rows and columns; about one
//! in twenty false and marked `expect discrepancy`), and `anchors.txt`, the
//! literal words of every text anchor, one a line, for `grep -F -f`.
//!
//! The output depends only on the arguments: a small hand-written PRNG
//! (splitmix64) and no hash-map iteration, so the same seed gives the same
//! bytes. Every generated pack audits with exit status 0.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// splitmix64: tiny, fast and good enough to vary the corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn range(&mut self, low: i64, high: i64) -> i64 {
        low + (self.next() % (high - low + 1) as u64) as i64
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    /// True one time in `n`.
    fn one_in(&mut self, n: u64) -> bool {
        self.next().is_multiple_of(n)
    }
}

const ADJECTIVES: [&str; 40] = [
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "rural",
    "urban",
    "coastal",
    "upland",
    "riverside",
    "historic",
    "modern",
    "community",
    "municipal",
    "regional",
    "neighbourhood",
    "integrated",
    "shared",
    "digital",
    "green",
    "strategic",
    "local",
    "civic",
    "joint",
    "combined",
    "extended",
    "enhanced",
    "revised",
    "phased",
    "pilot",
    "seasonal",
    "permanent",
    "temporary",
    "statutory",
    "voluntary",
    "targeted",
    "preventive",
    "responsive",
    "sustainable",
    "accessible",
];

const SERVICES: [&str; 40] = [
    "library service",
    "leisure centre",
    "waste collection",
    "street lighting",
    "housing repairs",
    "planning service",
    "parks programme",
    "car parking",
    "homelessness support",
    "youth service",
    "adult learning",
    "flood defence",
    "bus subsidy",
    "highways maintenance",
    "museum service",
    "market hall",
    "cemetery service",
    "licensing team",
    "environmental health",
    "benefits service",
    "revenues team",
    "customer contact",
    "ICT programme",
    "estates review",
    "regeneration fund",
    "tourism service",
    "arts grant",
    "sports pitch",
    "play area",
    "allotment scheme",
    "recycling centre",
    "energy retrofit",
    "town centre fund",
    "care line",
    "disabled facilities",
    "community safety",
    "grounds maintenance",
    "public toilets",
    "food waste",
    "cycle network",
];

const PLACES: [&str; 40] = [
    "Ashford",
    "Belper",
    "Bolsover",
    "Buxton",
    "Chesterfield",
    "Clay Cross",
    "Dronfield",
    "Glossop",
    "Heanor",
    "Ilkeston",
    "Long Eaton",
    "Matlock",
    "Ripley",
    "Shirebrook",
    "Swadlincote",
    "Wirksworth",
    "Ashbourne",
    "Bakewell",
    "Chapel",
    "Hadfield",
    "Alfreton",
    "Eckington",
    "Killamarsh",
    "Staveley",
    "Clowne",
    "Whaley Bridge",
    "New Mills",
    "Darley",
    "Crich",
    "Hope",
    "Tideswell",
    "Melbourne",
    "Borrowash",
    "Sandiacre",
    "Somercotes",
    "Codnor",
    "Holmewood",
    "Tibshelf",
    "Pinxton",
    "Stanley",
];

const ROWS: [&str; 6] = [
    "Staffing",
    "Premises",
    "Transport",
    "Supplies and services",
    "Third party payments",
    "Support services",
];

const COUNT_WORDS: [(&str, i64); 8] = [
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
];

const PROSE: [&str; 12] = [
    "Members are asked to note the position set out below and the risks that attach to it.",
    "The proposals have been developed with partners and reflect the feedback received during consultation.",
    "Officers will continue to monitor delivery and will report any material change to the relevant committee.",
    "The equality impact assessment found no disproportionate effect on any group with a protected characteristic.",
    "Legal advice has been taken on the procurement route and the contract will be let under the usual standing orders.",
    "The scheme supports the council plan priorities for a thriving economy and healthy, safe communities.",
    "Where figures are estimates they are based on the best information available at the time of writing.",
    "The section 151 officer has reviewed the financial implications and is satisfied that they are reasonable.",
    "There are no direct implications for the council's carbon reduction targets arising from this report.",
    "Ward members have been briefed and their comments are reflected in the recommendations.",
    "The risk register will be updated to reflect the mitigations described in this section.",
    "Further detail is available from the author of the report on request.",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

struct Options {
    documents: usize,
    claims: usize,
    kilobytes: usize,
    seed: u64,
    out: PathBuf,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        documents: 10,
        claims: 100,
        kilobytes: 200,
        seed: 1,
        out: PathBuf::from("corpus"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        let number = || value.parse::<u64>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--documents" => options.documents = number()? as usize,
            "--claims" => options.claims = number()? as usize,
            "--kilobytes" => options.kilobytes = number()? as usize,
            "--seed" => options.seed = number()?,
            "--out" => options.out = PathBuf::from(&value),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(options)
}

fn main() {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!(
                "error: {message}\nusage: corpus --documents N --claims M [--kilobytes K] --seed S --out DIR"
            );
            std::process::exit(2);
        }
    };
    let bytes = options.kilobytes * 1000;
    generate_sized(
        options.documents,
        options.claims,
        bytes,
        options.seed,
        &options.out,
    );
}

/// Writes a corpus of `documents` papers of about 200 KB with `claims`
/// claims each into `out`. (Tests include this file to generate a corpus
/// of their own.)
pub fn generate(documents: usize, claims: usize, seed: u64, out: &Path) {
    generate_sized(documents, claims, DEFAULT_BYTES, seed, out);
}

/// As [`generate`], with papers of about `bytes` bytes (longer when the
/// claims need more text).
pub fn generate_sized(documents: usize, claims: usize, bytes: usize, seed: u64, out: &Path) {
    let document_dir = out.join("documents");
    let pack_dir = out.join("packs");
    std::fs::create_dir_all(&document_dir).expect("create documents/");
    std::fs::create_dir_all(&pack_dir).expect("create packs/");
    let mut anchors = String::new();
    for index in 1..=documents {
        // Each document has its own stream, so that document 7 is the same
        // whether 10 or 1,000 are generated.
        let mut rng = Rng(seed ^ (index as u64).wrapping_mul(0xA076_1D64_78BD_642F));
        let paper = Paper::generate(&mut rng, index, claims, bytes);
        let name = format!("paper-{index:04}");
        write(&document_dir.join(format!("{name}.txt")), &paper.text);
        write(&pack_dir.join(format!("{name}.vd")), &paper.pack(&name));
        for anchor in &paper.anchors {
            for piece in anchor.split("{_}").flat_map(|p| p.split("{}")) {
                if piece.trim().len() >= 3 {
                    anchors.push_str(piece);
                    anchors.push('\n');
                }
            }
        }
    }
    write(&out.join("anchors.txt"), &anchors);
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// One generated paper: its text, the claims about it, and the text
/// anchors those claims use.
struct Paper {
    text: String,
    lets: Vec<String>,
    claims: Vec<Claim>,
    anchors: Vec<String>,
    title: String,
}

struct Claim {
    title: String,
    body: String,
    /// The printed figure of a false claim.
    false_figure: Option<String>,
}

/// About 200 KB of text per paper, unless `--kilobytes` says otherwise.
const DEFAULT_BYTES: usize = 200_000;

impl Paper {
    fn generate(rng: &mut Rng, index: usize, claims: usize, bytes: usize) -> Paper {
        let mut paper = Paper {
            text: String::new(),
            lets: Vec::new(),
            claims: Vec::new(),
            anchors: Vec::new(),
            title: format!("Generated council paper {index}"),
        };
        let mut names = Names::default();
        let month = rng.pick(&MONTHS);
        let _ = write!(
            paper.text,
            "\nCabinet\n\n{} {month} 2025\n\nReport of the Director of Finance\n\nGENERATED PAPER {index}: BUDGET AND SERVICE REVIEW\n\n",
            rng.range(1, 28)
        );
        let mut section = 0;
        let mut paragraph = 0;
        let mut table = 0;
        while paper.text.len() < bytes || paper.claims.len() < claims {
            if paragraph % 12 == 0 {
                section += 1;
                let _ = write!(paper.text, "{section} SECTION {section}\n\n");
            }
            paragraph += 1;
            let _ = write!(paper.text, "{section}.{} ", paragraph % 12 + 1);
            // Claims are spread over the paper rather than bunched at the start.
            let claimed = paper.claims.len() < claims
                && (paper.text.len() as f64 / bytes as f64)
                    >= paper.claims.len() as f64 / claims as f64 * 0.9;
            let kind = rng.range(0, 9);
            if kind == 9 {
                table += 1;
                paper.table(rng, &mut names, table, claimed);
            } else {
                paper.sentence(rng, &mut names, kind, claimed);
            }
            for _ in 0..rng.range(1, 4) {
                paper.text.push(' ');
                paper.text.push_str(rng.pick(&PROSE));
            }
            paper.text.push_str("\n\n");
        }
        paper.text.push_str("BACKGROUND PAPERS\n\nNone.\n");
        // A table's claims may take the count past `claims`.
        paper.claims.truncate(claims);
        paper
    }

    /// Records a claim; one in twenty is made false by the caller, through
    /// `slip`, before the figure is printed.
    fn claim(&mut self, title: String, body: String, false_figure: Option<String>) {
        self.claims.push(Claim {
            title,
            body,
            false_figure,
        });
    }

    fn anchor(&mut self, pattern: String) -> String {
        let quoted = format!("paper \"{}\"", pattern.replace('\t', "\\t"));
        self.anchors.push(pattern);
        quoted
    }

    /// One sentence with figures in one of the recogniser's forms; when
    /// `claimed`, the claims that check it.
    fn sentence(&mut self, rng: &mut Rng, names: &mut Names, kind: i64, claimed: bool) {
        let name = names.fresh(rng);
        let slip = claimed && rng.one_in(20);
        match kind {
            // Whole pounds, a 40% share.
            0 | 1 => {
                let total = rng.range(50_000, 9_000_000);
                let share = round_div(total * 4, 10);
                let printed = pounds(if slip { share + share / 10 + 7 } else { share });
                let _ = write!(
                    self.text,
                    "The {name} costs {} in total, and the county's 40% share of it is {printed}.",
                    pounds(total)
                );
                if claimed {
                    let total = self.anchor(format!("The {name} costs {{}} in total"));
                    let share = self.anchor(format!(
                        "{name} costs £{{_}} in total, and the county's 40% share of it is {{}}"
                    ));
                    self.claim(
                        format!("The county pays 40% of the {name}"),
                        format!("{share} == 40% of {total}"),
                        slip.then_some(printed),
                    );
                }
            }
            // A number word: shared equally between councils.
            2 => {
                let (word, count) = COUNT_WORDS[rng.range(0, 7) as usize];
                let each = rng.range(10_000, 400_000);
                let total = each * count + rng.range(0, count - 1);
                let share = round_div(total, count);
                let printed = pounds(if slip { share + share / 5 + 3 } else { share });
                let _ = write!(
                    self.text,
                    "The {} budget for the {name} is shared equally between the {word} councils, {printed} each.",
                    pounds(total)
                );
                if claimed {
                    let each = self.anchor(format!(
                        "for the {name} is shared equally between the {{_}} councils, {{}} each"
                    ));
                    let count = self.anchor(format!(
                        "for the {name} is shared equally between the {{}} councils"
                    ));
                    let total = self.anchor(format!("The {{}} budget for the {name}"));
                    self.claim(
                        format!("The {name} is shared equally"),
                        format!("{each} == {total} / {count}"),
                        slip.then_some(printed),
                    );
                }
            }
            // £bn over ten years, £m a year.
            3 => {
                let tenths_bn = rng.range(11, 99);
                let per_year_m = tenths_bn * 10;
                let printed = format!("£{}m", if slip { per_year_m + 40 } else { per_year_m });
                let _ = write!(
                    self.text,
                    "Over ten years the {name} is worth £{}.{}bn, which is {printed} a year.",
                    tenths_bn / 10,
                    tenths_bn % 10
                );
                if claimed {
                    let year =
                        self.anchor(format!("the {name} is worth £{{_}}, which is {{}} a year"));
                    let whole = self.anchor(format!("the {name} is worth {{}}, which"));
                    self.claim(
                        format!("The {name} over ten years"),
                        format!("{year} == {whole} / 10"),
                        slip.then_some(printed),
                    );
                }
            }
            // k: monthly and yearly.
            4 => {
                let month = rng.range(5, 90);
                let printed = format!("£{}k", if slip { month * 12 + 50 } else { month * 12 });
                let _ = write!(
                    self.text,
                    "The {name} saves £{month}k a month, or {printed} a year once it is running."
                );
                if claimed {
                    let year =
                        self.anchor(format!("The {name} saves £{{_}} a month, or {{}} a year"));
                    let month = self.anchor(format!("The {name} saves {{}} a month"));
                    self.claim(
                        format!("The {name} saves twelve months' worth"),
                        format!("{year} == {month} * 12"),
                        slip.then_some(printed),
                    );
                }
            }
            // A range and its midpoint.
            5 => {
                let low = rng.range(10, 60);
                let high = low + 2 * rng.range(2, 30);
                let middle = (low + high) / 2;
                let printed = format!("£{}m", if slip { middle + 9 } else { middle });
                let _ = write!(
                    self.text,
                    "Benefits of the {name} are put at £{low}-{high}m, with a midpoint of {printed}."
                );
                if claimed {
                    let mid = self.anchor(format!(
                        "{name} are put at £{{_}}-{{_}}, with a midpoint of {{}}."
                    ));
                    let range =
                        self.anchor(format!("Benefits of the {name} are put at {{}}, with"));
                    self.claim(
                        format!("The midpoint of the {name} benefits"),
                        format!("{mid} == (low({range}) + high({range})) / 2"),
                        slip.then_some(printed),
                    );
                }
            }
            // A hedge: approximately the product.
            6 => {
                let (word, sites) = COUNT_WORDS[rng.range(0, 7) as usize];
                let each = rng.range(100_000, 900_000);
                let exact = each * sites;
                let rounded = round_div(exact, 10_000) * 10_000;
                let printed = pounds(if slip { rounded * 2 } else { rounded });
                let _ = write!(
                    self.text,
                    "The {name} costs {} a year at each of {word} sites, approximately {printed} in all.",
                    pounds(each)
                );
                if claimed {
                    let all = self.anchor(format!(
                        "{name} costs £{{_}} a year at each of {{_}} sites, approximately {{}} in all"
                    ));
                    let each = self.anchor(format!("The {name} costs {{}} a year at each"));
                    let sites =
                        self.anchor(format!("{name} costs £{{_}} a year at each of {{}} sites"));
                    self.claim(
                        format!("The {name} across its sites"),
                        format!("{all} == {each} * {sites}"),
                        slip.then_some(printed),
                    );
                }
            }
            // A percentage rise.
            7 => {
                let before = rng.range(100_000, 5_000_000);
                let tenths = rng.range(5, 150);
                let after = round_div(before * (1000 + tenths), 1000);
                let printed = pounds(if slip { after + after / 8 } else { after });
                let _ = write!(
                    self.text,
                    "Spending on the {name} was {} last year; with a rise of {}.{}% it is {printed} this year.",
                    pounds(before),
                    tenths / 10,
                    tenths % 10
                );
                if claimed {
                    let after = self.anchor(format!(
                        "{name} was £{{_}} last year; with a rise of {{_}} it is {{}} this year"
                    ));
                    let before = self.anchor(format!("Spending on the {name} was {{}} last year"));
                    let rate = self.anchor(format!(
                        "{name} was £{{_}} last year; with a rise of {{}} it is"
                    ));
                    self.claim(
                        format!("The {name} rises by its rate"),
                        format!("{after} == {before} + {rate} of {before}"),
                        slip.then_some(printed),
                    );
                }
            }
            // Unit words and a date, never claimed.
            _ => {
                let _ = write!(
                    self.text,
                    "The {name} has {} FTE posts, serves {} people and diverted {} tonnes from landfill by {} {} 2024.",
                    rng.range(3, 90),
                    thousands(rng.range(1_000, 90_000)),
                    thousands(rng.range(100, 9_000)),
                    rng.range(1, 28),
                    rng.pick(&MONTHS)
                );
            }
        }
    }

    /// A table of yearly costs in £m with a total row and a total column,
    /// as a pipe table or a tab-separated one.
    fn table(&mut self, rng: &mut Rng, names: &mut Names, number: usize, claimed: bool) {
        let name = names.fresh(rng);
        let caption = format!("Costs of the {name}");
        let _ = write!(
            self.text,
            "Table {number} sets out the costs of the {name}.\n\n"
        );
        let years = 3;
        let rows = rng.range(3, ROWS.len() as i64) as usize;
        // Tenths of £m, so that sums are exact.
        let mut cells: Vec<Vec<i64>> = (0..rows)
            .map(|_| (0..years).map(|_| rng.range(1, 999)).collect())
            .collect();
        let column_totals: Vec<i64> = (0..years)
            .map(|y| cells.iter().map(|row| row[y]).sum())
            .collect();
        cells.push(column_totals);
        for row in &mut cells {
            let total = row.iter().sum();
            row.push(total);
        }
        // A false row total (never the grand total, which two claims read).
        let slipped_row =
            (claimed && rng.one_in(4)).then(|| rng.range(0, rows as i64 - 1) as usize);
        let mut printed_slip = None;
        if let Some(row) = slipped_row {
            if let Some(total) = cells[row].last_mut() {
                *total += 30;
                printed_slip = Some(tenths(*total));
            }
        }
        let headers: Vec<String> = (1..=years)
            .map(|y| format!("Year {y} (£m)"))
            .chain(std::iter::once("Total (£m)".to_string()))
            .collect();
        let labels: Vec<&str> = ROWS[..rows].iter().copied().chain(["Total"]).collect();
        let pipe = rng.one_in(2);
        let line = |first: &str, rest: &[String]| {
            if pipe {
                format!("| {first} | {} |\n", rest.join(" | "))
            } else {
                format!("{first}\t{}\n", rest.join("\t"))
            }
        };
        self.text.push_str(&line(&caption, &headers));
        if pipe {
            self.text
                .push_str(&format!("|---|{}\n", "---|".repeat(headers.len())));
        }
        for (label, row) in labels.iter().zip(&cells) {
            let printed: Vec<String> = row.iter().map(|&v| tenths(v)).collect();
            self.text.push_str(&line(label, &printed));
        }
        self.text.push('\n');
        if !claimed {
            return;
        }
        let table = format!("table_{number}");
        self.lets
            .push(format!("let {table} = paper.table(\"{caption}\")"));
        let cell = |row: &str, column: &str| format!("{table}.cell(\"{row}\", \"{column}\")");
        for (r, label) in labels.iter().enumerate() {
            let parts: Vec<String> = headers[..years].iter().map(|h| cell(label, h)).collect();
            self.claim(
                format!("{label} in the {name} table adds up"),
                format!("{} == {}", cell(label, &headers[years]), parts.join(" + ")),
                if slipped_row == Some(r) {
                    printed_slip.clone()
                } else {
                    None
                },
            );
        }
        for header in &headers[..years] {
            let parts: Vec<String> = labels[..rows].iter().map(|l| cell(l, header)).collect();
            self.claim(
                format!("{header} in the {name} table adds up"),
                format!("{} == sum({})", cell("Total", header), parts.join(", ")),
                None,
            );
        }
    }

    fn pack(&self, name: &str) -> String {
        let mut pack = format!(
            "# Generated by examples/corpus.rs.\n\npack \"{}\"\n\ndocument paper = \"../documents/{name}.txt\"\n\n",
            self.title
        );
        for binding in &self.lets {
            pack.push_str(binding);
            pack.push('\n');
        }
        for claim in &self.claims {
            let _ = write!(pack, "\nclaim \"{}\"\n  {}\n", claim.title, claim.body);
            if let Some(printed) = &claim.false_figure {
                let _ = writeln!(
                    pack,
                    "  expect discrepancy \"{printed}\" \"a slip the generator made on purpose\""
                );
            }
        }
        pack
    }
}

/// Names of services, unique within a paper, so that every anchor matches
/// once: "northern library service in Buxton".
#[derive(Default)]
struct Names {
    used: std::collections::BTreeSet<(usize, usize, usize)>,
}

impl Names {
    fn fresh(&mut self, rng: &mut Rng) -> String {
        loop {
            let key = (
                rng.range(0, 39) as usize,
                rng.range(0, 39) as usize,
                rng.range(0, 39) as usize,
            );
            if self.used.insert(key) {
                return format!(
                    "{} {} in {}",
                    ADJECTIVES[key.0], SERVICES[key.1], PLACES[key.2]
                );
            }
        }
    }
}

/// `a / b` rounded half up, for positive numbers.
fn round_div(a: i64, b: i64) -> i64 {
    (2 * a + b) / (2 * b)
}

fn thousands(value: i64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn pounds(value: i64) -> String {
    format!("£{}", thousands(value))
}

/// Tenths as a one-decimal figure: 1234 → `123.4`.
fn tenths(value: i64) -> String {
    format!("{}.{}", value / 10, value % 10)
}
