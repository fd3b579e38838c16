//! `vd-audit check`: audits the packs (or, with `--auto`, documents with
//! the rules suggest finds) and writes the report in the format asked for,
//! a pack at a time where it can, and turns the totals into the exit
//! status. The largest command, so it has a file of its own.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use super::args::{CheckArgs, ColorChoice, Format};
use super::audit::{audit_packs, audit_packs_in_order};
use super::config;
use super::packs::find_packs;
use super::settings::Settings;
use crate::access::Access;
use crate::report::{self, PackAudit, ReportStream, Style, Summary};

/// `vd-audit check`: audits the packs and prints the report.
pub fn run_check(args: &CheckArgs, settings: &Settings) -> i32 {
    let strictness = config::strictness(&args.deny, args.strict, settings.file_config.as_ref());
    if args.auto && args.paths.is_empty() {
        eprintln!("error: check --auto needs the documents to audit, e.g. `vd-audit check --auto documents/paper.txt`");
        return 2;
    }
    let packs = if args.auto {
        // Say so now, rather than as a pack that cannot be read.
        for document in &args.paths {
            if let Err(e) = std::fs::metadata(document) {
                eprintln!("error: cannot read document `{}`: {e}", document.display());
                return 2;
            }
        }
        args.paths.clone()
    } else {
        match find_packs(&args.paths, &settings.access) {
            Ok(packs) => packs,
            Err(message) => {
                eprintln!("error: {message}");
                return 2;
            }
        }
    };
    let overrides: BTreeMap<String, PathBuf> = args.documents.iter().cloned().collect();
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Box::new(std::io::BufWriter::new(file)),
            Err(e) => {
                eprintln!(
                    "error: cannot write the report to `{}`: {e}",
                    path.display()
                );
                return 2;
            }
        },
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let audit = Audit {
        auto: args.auto,
        packs: &packs,
        overrides: &overrides,
        access: &settings.access,
        strictness,
    };
    let written = match args.format {
        Format::Human => audit.report(report::HumanReport::new(style(args), strictness), &mut out),
        Format::Json => audit.report(report::json::JsonReport::new(strictness), &mut out),
        Format::Sarif => audit.report(report::sarif::SarifReport::new(strictness), &mut out),
        Format::Junit => audit.report(report::junit::JunitReport::new(strictness), &mut out),
        Format::Github => audit.report(report::github::GithubReport::new(strictness), &mut out),
        Format::Html => audit.html(&mut out),
    };
    let written = match written {
        Ok(written) => written,
        Err(UnusedOverride(name)) => {
            eprintln!(
                "error: --document {name}=…: no pack audited here declares a document named `{name}`"
            );
            return 2;
        }
    };
    // A closed pipe (`| head`) is no error worth reporting; a file that
    // cannot be written is.
    if let (Some(path), Some(e)) = (&args.output, &written.failure) {
        eprintln!(
            "error: cannot write the report to `{}`: {e}",
            path.display()
        );
        return 2;
    }
    // What `check --auto` did not read, after the report: a document
    // with few claims may hold tables no rule looked at.
    let _ = out.flush();
    for note in &written.notes {
        eprintln!("{note}");
    }
    let status = written.totals.exit_code_with(strictness);
    if status == 2 && args.format != Format::Human {
        // The report is for a machine or a browser; a CI log shows
        // standard error.
        if let Some(line) = report::error_line(&written.errors) {
            eprintln!("{line}");
        }
    }
    status
}

/// What `check` audits, and how strictly.
struct Audit<'a> {
    /// `packs` are documents, audited with the rules suggest finds.
    auto: bool,
    packs: &'a [PathBuf],
    overrides: &'a BTreeMap<String, PathBuf>,
    access: &'a Access,
    strictness: report::Strictness,
}

/// A report written: the totals, why the run is in error (a line per
/// error, for standard error), and a failure to write, if any.
struct Written {
    totals: Summary,
    errors: Vec<String>,
    failure: Option<std::io::Error>,
    /// Notes for standard error: with `--auto`, the blocks of figures no
    /// rule reads.
    notes: Vec<String>,
}

/// `--document NAME=…` names a document no audited pack declares.
struct UnusedOverride(String);

impl Audit<'_> {
    /// Audits the packs and writes the report with `writer`, a pack at a
    /// time as each is audited, so that memory holds a window of packs
    /// however many there are. With `--document` overrides, every pack is
    /// audited before anything is written: an override no pack uses is an
    /// error, and then there is no report.
    fn report(
        &self,
        writer: impl report::ReportWriter,
        out: &mut dyn Write,
    ) -> Result<Written, UnusedOverride> {
        let mut errors = Vec::new();
        if self.overrides.is_empty() && !self.auto {
            let mut stream = ReportStream::begin(writer, out);
            audit_packs_in_order(self.packs, self.overrides, self.access, |audit| {
                errors.extend(report::pack_errors(&audit, self.strictness));
                stream.pack(&audit);
            });
            let (totals, failure) = stream.finish();
            return Ok(Written {
                totals,
                errors,
                failure,
                notes: Vec::new(),
            });
        }
        let (audits, notes) = self.all()?;
        let mut stream = ReportStream::begin(writer, out);
        for audit in &audits {
            errors.extend(report::pack_errors(audit, self.strictness));
            stream.pack(audit);
        }
        let (totals, failure) = stream.finish();
        Ok(Written {
            totals,
            errors,
            failure,
            notes,
        })
    }

    /// The HTML report: one page of every document, so every pack is
    /// audited before it is written.
    fn html(&self, out: &mut dyn Write) -> Result<Written, UnusedOverride> {
        let (audits, notes) = self.all()?;
        let page = report::html::html(&audits, self.strictness);
        let failure = out
            .write_all(page.as_bytes())
            .and_then(|()| out.flush())
            .err();
        Ok(Written {
            totals: Summary::of(&audits),
            errors: audits
                .iter()
                .flat_map(|a| report::pack_errors(a, self.strictness))
                .collect(),
            failure,
            notes,
        })
    }

    /// Every pack audited, or the first override no pack uses; with
    /// `--auto`, also a note per document on what no rule reads.
    fn all(&self) -> Result<(Vec<PackAudit>, Vec<String>), UnusedOverride> {
        if self.auto {
            let mut audits = Vec::new();
            let mut notes = Vec::new();
            for document in self.packs {
                let auto = crate::suggest::audit_noting_unread(document, self.access);
                notes.extend(unread_note(&auto));
                audits.push(auto.audit);
            }
            return Ok((audits, notes));
        }
        let audits = audit_packs(self.packs, self.overrides, self.access);
        let unused = self.overrides.keys().find(|name| {
            !audits
                .iter()
                .any(|a| matches!(a, PackAudit::Audited(p) if p.pack.documents.contains_key(*name)))
        });
        match unused {
            Some(name) => Err(UnusedOverride(name.clone())),
            None => Ok((audits, Vec::new())),
        }
    }
}

/// `note: auto/x.vd: no rule reads these figures; …` and a line per block,
/// or a line saying the document has no table of figures at all.
fn unread_note(auto: &crate::suggest::AutoAudit) -> Option<String> {
    let PackAudit::Audited(audited) = &auto.audit else {
        return None;
    };
    let pack = audited.pack.rule_file.display_path.clone();
    if auto.unread.is_empty() {
        let claims = audited.outcome.claims.len();
        let figures: usize = audited
            .pack
            .documents
            .values()
            .map(|d| d.figures.figures.len())
            .sum();
        return (claims == 0).then(|| {
            format!(
                "note: {pack}: no table or block of figures found; the document's {figures} figure(s) are in its prose (`vd-audit scan` lists them)"
            )
        });
    }
    let mut note = format!("note: {pack}: no rule reads these figures; read them in the paper:");
    for line in &auto.unread {
        note.push_str("\n  ");
        note.push_str(line);
    }
    Some(note)
}

fn style(args: &CheckArgs) -> Style {
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    };
    Style {
        color,
        width: args.width,
    }
}
