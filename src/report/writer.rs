//! Reports written a pack at a time.
//!
//! Every format is a [`ReportWriter`]: a header, then each pack's part in
//! the order of the packs, then a footer with the totals. `check` hands
//! each pack's audit to the writer as soon as it is ready and drops it
//! once written, so a run over thousands of packs holds a few packs'
//! documents and outcomes at a time, not all of them. A new format
//! implements the three methods; [`render`] gives its whole report as a
//! string, for tests and for callers that have every audit at hand.
//!
//! Formats whose header carries totals (SARIF's exit code, JUnit's counts)
//! keep each pack's *text* until [`ReportWriter::finish`]: the report, but
//! none of the documents it was made from.

use std::io::{self, Write};

use super::audit::PackAudit;
use super::summary::{Summary, Tally};

/// A report format, written a pack at a time.
pub trait ReportWriter {
    /// Writes what comes before the first pack.
    fn begin(&mut self, out: &mut dyn Write) -> io::Result<()>;

    /// Writes one pack's part of the report. Packs come in order, each
    /// once; the audit is dropped afterwards.
    fn pack(&mut self, audit: &PackAudit, out: &mut dyn Write) -> io::Result<()>;

    /// Writes what comes after the last pack; `totals` counts every pack.
    fn finish(&mut self, totals: &Summary, out: &mut dyn Write) -> io::Result<()>;
}

/// A report being written: the format, where it goes, and the running
/// totals. A failure to write (standard output closed by `head`, say)
/// stops the writing but not the counting, so the totals, and the exit
/// status they give, are those of every pack.
pub struct ReportStream<'w, W: ReportWriter> {
    writer: W,
    out: &'w mut dyn Write,
    tally: Tally,
    /// The first failure to write; nothing is written after it.
    failure: Option<io::Error>,
}

impl<'w, W: ReportWriter> ReportStream<'w, W> {
    /// Starts the report: writes its header.
    pub fn begin(mut writer: W, out: &'w mut dyn Write) -> Self {
        let failure = writer.begin(out).err();
        ReportStream {
            writer,
            out,
            tally: Tally::default(),
            failure,
        }
    }

    /// Writes one pack's part and counts it.
    pub fn pack(&mut self, audit: &PackAudit) {
        self.tally.add(audit);
        if self.failure.is_none() {
            self.failure = self.writer.pack(audit, self.out).err();
        }
    }

    /// Writes the footer and returns the totals, and the failure to write
    /// if there was one.
    pub fn finish(mut self) -> (Summary, Option<io::Error>) {
        let totals = self.tally.summary();
        if self.failure.is_none() {
            self.failure = self
                .writer
                .finish(&totals, self.out)
                .and_then(|()| self.out.flush())
                .err();
        }
        (totals, self.failure)
    }
}

/// The whole report for `audits`, as a string.
pub fn render(writer: impl ReportWriter, audits: &[PackAudit]) -> String {
    let mut bytes = Vec::new();
    let mut stream = ReportStream::begin(writer, &mut bytes);
    for audit in audits {
        stream.pack(audit);
    }
    // Writing to a Vec cannot fail.
    let _ = stream.finish();
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `text` with every line but the first indented by `depth` levels of
/// serde_json's pretty printer, to place a value pretty-printed on its own
/// inside an enclosing one. JSON text has no line breaks inside strings,
/// so every line break is the printer's.
pub fn indent_json(text: &str, depth: usize) -> String {
    let indent = "  ".repeat(depth);
    text.replace('\n', &format!("\n{indent}"))
}
