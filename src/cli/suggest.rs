//! The commands that propose a pack from a document: `vd-audit suggest`
//! prints the suggested pack, and `vd-audit init` writes it to
//! `rules/<stem>.vd` (never overwriting) and says what to do next. Both
//! read a document the user named, with only the size limit applying.

use std::io::Write;
use std::path::Path;

use super::args::{InitArgs, SuggestArgs};
use super::settings::Settings;

/// `vd-audit suggest`: the suggested pack of each document, on standard
/// output.
pub fn run_suggest(args: &SuggestArgs, settings: &Settings) -> i32 {
    let mut out = String::new();
    for path in &args.documents {
        let Some(document) = read_document(path, settings) else {
            return 2;
        };
        if !out.is_empty() {
            out.push('\n');
        }
        let named = crate::suggest::path_from(&args.pack_dir, path);
        out.push_str(&crate::suggest::suggested_pack(&document, &named));
    }
    let _ = std::io::stdout().write_all(out.as_bytes());
    0
}

/// `vd-audit init`: writes the suggested pack to `rules/<stem>.vd`,
/// refusing to overwrite, and says what to do next.
pub fn run_init(args: &InitArgs, settings: &Settings) -> i32 {
    let Some(document) = read_document(&args.document, settings) else {
        return 2;
    };
    let stem = args
        .document
        .file_stem()
        .map_or_else(|| "paper".into(), |s| s.to_string_lossy().into_owned());
    let pack_path = args.pack_dir.join(format!("{stem}.vd"));
    let named = crate::suggest::path_from(&args.pack_dir, &args.document);
    let suggestions = crate::suggest::suggest(&document);
    let text = crate::suggest::render::pack(&named, &suggestions);
    let written = std::fs::create_dir_all(&args.pack_dir).and_then(|()| {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&pack_path)
            .and_then(|mut file| file.write_all(text.as_bytes()))
    });
    if let Err(e) = written {
        let why = if e.kind() == std::io::ErrorKind::AlreadyExists {
            "it already exists, and init never overwrites a pack; move it away or edit it"
                .to_string()
        } else {
            e.to_string()
        };
        eprintln!("error: cannot write `{}`: {why}", pack_path.display());
        return 2;
    }
    let rules = suggestions.rules();
    let tables = &suggestions.tables;
    let with_rules = tables
        .iter()
        .filter(|t| !t.relationships.is_empty())
        .count();
    let _ = writeln!(
        std::io::stdout(),
        "Wrote {} with {rules} suggested rule(s) over {with_rules} of the paper's {} table(s) of figures.\n\n\
         Next:\n  \
         1. Read each rule against the paper; delete any that is a coincidence.\n  \
         2. vd-audit check {}    (a rule broken in one row is a likely slip)\n  \
         3. vd-audit scan {}    (every figure, for claims about the prose)\n  \
         4. vd-audit coverage {}    (the figures no claim reads yet)",
        pack_path.display(),
        tables.len(),
        pack_path.display(),
        args.document.display(),
        pack_path.display(),
    );
    0
}

/// A document the user named on the command line (only the size limit
/// applies), or `None` after saying why it cannot be read.
fn read_document(path: &Path, settings: &Settings) -> Option<crate::document::Document> {
    match crate::document::read_document(path, &settings.access) {
        Ok(document) => Some(document),
        Err(e) => {
            eprintln!("error: cannot read `{}`: {e}", path.display());
            None
        }
    }
}
