//! The crate's layers, held by a test. `src/lib.rs` lists the stages
//! bottom-up in its crate doc, one numbered line each; this test reads that
//! list and every `crate::`, `super::` and child-module path in `src/`, and
//! fails when
//!
//! - a module imports a stage that the list puts above it, or a peer on its
//!   own line (peers stand side by side and do not know each other);
//! - a module is missing from the list;
//! - two files import each other, directly or through others.
//!
//! Unit tests inside `src/` (`#[cfg(test)] mod tests`, and `tests.rs` files)
//! are left out: a test may drive a stage through the stages above it, and
//! no user of the library links it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The layers of `src/lib.rs`'s crate doc: each `//! N. …` line's
/// [`module`] links before its first `: `, lowest layer first.
fn layers(lib: &str) -> Vec<Vec<String>> {
    let mut layers = Vec::new();
    for line in lib.lines() {
        let Some(doc) = line.strip_prefix("//! ") else {
            continue;
        };
        let Some((number, rest)) = doc.split_once(". ") else {
            continue;
        };
        if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let head = rest.split(": ").next().unwrap_or("");
        let names: Vec<String> = head
            .split("[`")
            .skip(1)
            .filter_map(|piece| piece.split_once("`]"))
            .map(|(name, _)| name.to_string())
            .collect();
        if !names.is_empty() {
            layers.push(names);
        }
    }
    layers
}

/// A file of the crate and the module path it defines.
struct SourceFile {
    path: PathBuf,
    module: Vec<String>,
    text: String,
}

fn source_files(root: &Path, dir: &Path, out: &mut Vec<SourceFile>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            source_files(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let relative = path.strip_prefix(root).unwrap().with_extension("");
            let mut module: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                module.pop();
            }
            let text = std::fs::read_to_string(&path).unwrap();
            out.push(SourceFile { path, module, text });
        }
    }
}

/// The library's code of a file, line by line: comments blanked, and
/// nothing from the first `#[cfg(test)]` on (test modules close a file).
fn code_lines(file: &SourceFile) -> Vec<String> {
    let is_test_file = file.module.iter().any(|m| m == "tests");
    if is_test_file || file.path.ends_with("main.rs") {
        return Vec::new();
    }
    file.text
        .lines()
        .take_while(|line| line.trim() != "#[cfg(test)]")
        .map(|line| match line.find("//") {
            Some(at) => line[..at].to_string(),
            None => line.to_string(),
        })
        .collect()
}

/// Every path a piece of code names, as absolute module paths: a use tree
/// (`crate::eval::{anchor::resolve, Verdict}`) gives one path per leaf.
/// `start` is the module the path is relative to.
fn use_tree(text: &str, prefix: &[String], out: &mut Vec<Vec<String>>) -> usize {
    let mut path = prefix.to_vec();
    let mut at = 0;
    let bytes = text.as_bytes();
    loop {
        while at < bytes.len() && bytes[at] == b' ' {
            at += 1;
        }
        if at < bytes.len() && bytes[at] == b'{' {
            at += 1;
            loop {
                at += use_tree(&text[at..], &path, out);
                while at < bytes.len() && matches!(bytes[at], b' ' | b',') {
                    at += 1;
                }
                if at >= bytes.len() || bytes[at] == b'}' {
                    return at + 1;
                }
            }
        }
        let start = at;
        while at < bytes.len() && (bytes[at].is_ascii_alphanumeric() || bytes[at] == b'_') {
            at += 1;
        }
        if at > start {
            path.push(text[start..at].to_string());
        }
        if text[at..].starts_with("::") {
            at += 2;
            continue;
        }
        if at > start || text[at..].starts_with('*') {
            out.push(path);
        }
        // Step over ` as name` and the rest of this leaf.
        while at < bytes.len() && !matches!(bytes[at], b',' | b'}' | b';') {
            at += 1;
        }
        return at;
    }
}

/// One import: where it is, what it names, and the file it lands in.
struct Import {
    line: usize,
    text: String,
    target: Vec<String>,
}

/// The imports of a file: `crate::…`, `super::…`, `self::…`, and paths that
/// begin with one of the file's own child modules, in `use` lines or inline.
fn imports(file: &SourceFile, children: &BTreeSet<String>) -> Vec<Import> {
    let mut found = Vec::new();
    // A use statement may span lines: join the code into one string,
    // remembering where each line starts.
    let lines = code_lines(file);
    let mut joined = String::new();
    let mut starts = Vec::new();
    for line in &lines {
        starts.push(joined.len());
        joined.push_str(line.trim());
        joined.push(' ');
    }
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset);
    let bytes = joined.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        // A path starts a word: not inside another name or path, and not
        // inside a character of several bytes.
        let boundary = joined.is_char_boundary(at)
            && (at == 0
                || !(bytes[at - 1].is_ascii_alphanumeric()
                    || matches!(bytes[at - 1], b'_' | b':')));
        if !boundary {
            at += 1;
            continue;
        }
        let rest = &joined[at..];
        let base: Option<(usize, Vec<String>)> = if rest.starts_with("crate::") {
            Some((7, Vec::new()))
        } else if rest.starts_with("self::") {
            Some((6, file.module.clone()))
        } else if rest.starts_with("super::") {
            let mut parent = file.module.clone();
            let mut skip = 0;
            while joined[at + skip..].starts_with("super::") {
                parent.pop();
                skip += 7;
            }
            Some((skip, parent))
        } else {
            children
                .iter()
                .find(|child| rest.starts_with(&format!("{child}::")))
                .map(|_| (0, file.module.clone()))
        };
        let Some((skip, prefix)) = base else {
            at += 1;
            continue;
        };
        let mut paths = Vec::new();
        let used = use_tree(&joined[at + skip..], &prefix, &mut paths);
        let end = (at + skip + used).min(joined.len());
        let line = line_of(at);
        let text = lines[line - 1].trim().to_string();
        for target in paths {
            found.push(Import {
                line,
                text: text.clone(),
                target,
            });
        }
        at = end.max(at + 1);
    }
    found
}

/// The child modules a file declares (`mod name;`, `pub mod name;`).
fn declared_children(file: &SourceFile) -> BTreeSet<String> {
    code_lines(file)
        .iter()
        .filter_map(|line| {
            let line = line.trim();
            let line = line
                .strip_prefix("pub(crate) ")
                .or_else(|| line.strip_prefix("pub "))
                .unwrap_or(line);
            let name = line.strip_prefix("mod ")?.strip_suffix(';')?;
            Some(name.to_string())
        })
        .collect()
}

/// The file of the longest module that `path` begins with.
fn file_of<'f>(path: &[String], files: &'f BTreeMap<Vec<String>, usize>) -> Option<&'f usize> {
    (0..=path.len()).rev().find_map(|n| files.get(&path[..n]))
}

struct Crate {
    files: Vec<SourceFile>,
    /// For each file, its imports.
    imports: Vec<Vec<Import>>,
    by_module: BTreeMap<Vec<String>, usize>,
}

fn read_crate(root: &Path) -> Crate {
    let mut files = Vec::new();
    source_files(root, root, &mut files);
    let imports = files
        .iter()
        .map(|f| imports(f, &declared_children(f)))
        .collect();
    let by_module = files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.module.clone(), i))
        .collect();
    Crate {
        files,
        imports,
        by_module,
    }
}

/// A path as `src/…`, from wherever the crate's root folder is.
fn shown(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let from = parts.iter().rposition(|p| p == "src").unwrap_or(0);
    parts[from..].join("/")
}

/// Imports that run up the layers or across a layer.
fn layer_violations(krate: &Crate, layers: &[Vec<String>]) -> Vec<String> {
    let rank: BTreeMap<&str, usize> = layers
        .iter()
        .enumerate()
        .flat_map(|(i, names)| names.iter().map(move |n| (n.as_str(), i)))
        .collect();
    let mut problems = Vec::new();
    for (file, imports) in krate.files.iter().zip(&krate.imports) {
        // `lib.rs` declares the layers; `main.rs` is the program, which
        // uses the library by its crate name.
        let Some(own) = file.module.first().filter(|m| *m != "main") else {
            continue;
        };
        let Some(&own_rank) = rank.get(own.as_str()) else {
            problems.push(format!(
                "{}: the module `{own}` is not in the layer list of src/lib.rs",
                shown(&file.path)
            ));
            continue;
        };
        for import in imports {
            let Some(target) = import.target.first() else {
                continue;
            };
            if target == own {
                continue;
            }
            let Some(&target_rank) = rank.get(target.as_str()) else {
                continue;
            };
            if target_rank >= own_rank {
                let why = if target_rank == own_rank {
                    "a peer on the same layer"
                } else {
                    "a layer above it"
                };
                let problem = format!(
                    "{}:{}: `{own}` imports `{target}`, {why}: {}",
                    shown(&file.path),
                    import.line,
                    import.text
                );
                if !problems.contains(&problem) {
                    problems.push(problem);
                }
            }
        }
    }
    problems
}

/// Circles of files that import each other, each shown once.
fn circles(krate: &Crate) -> Vec<String> {
    let edges: Vec<BTreeMap<usize, String>> = krate
        .imports
        .iter()
        .enumerate()
        .map(|(from, imports)| {
            let mut to = BTreeMap::new();
            for import in imports {
                if let Some(&target) = file_of(&import.target, &krate.by_module) {
                    if target != from {
                        to.entry(target).or_insert_with(|| {
                            format!(
                                "{}:{}: {}",
                                shown(&krate.files[from].path),
                                import.line,
                                import.text
                            )
                        });
                    }
                }
            }
            to
        })
        .collect();
    let mut found = BTreeSet::new();
    let mut reported = Vec::new();
    for start in 0..edges.len() {
        // A path back to `start`, by breadth-first search from its imports.
        let mut came_from: BTreeMap<usize, usize> = BTreeMap::new();
        let mut queue: std::collections::VecDeque<usize> = edges[start].keys().copied().collect();
        for &next in edges[start].keys() {
            came_from.insert(next, start);
        }
        while let Some(at) = queue.pop_front() {
            if at == start {
                break;
            }
            for &next in edges[at].keys() {
                if let std::collections::btree_map::Entry::Vacant(e) = came_from.entry(next) {
                    e.insert(at);
                    queue.push_back(next);
                }
            }
        }
        if !came_from.contains_key(&start) {
            continue;
        }
        let mut circle = vec![start];
        let mut at = came_from[&start];
        while at != start {
            circle.push(at);
            at = came_from[&at];
        }
        circle.reverse();
        let key: BTreeSet<usize> = circle.iter().copied().collect();
        if found.insert(key) {
            let steps: Vec<String> = circle
                .iter()
                .zip(circle.iter().cycle().skip(1))
                .map(|(from, to)| format!("  {}", edges[*from][to]))
                .collect();
            reported.push(format!("a circle of imports:\n{}", steps.join("\n")));
        }
    }
    reported
}

#[test]
fn every_import_runs_down_the_layers_of_the_crate_doc() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let layers = layers(&lib);
    assert!(
        layers.len() >= 8,
        "src/lib.rs lists too few layers: {layers:?}"
    );
    let problems = layer_violations(&read_crate(&src()), &layers);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_two_files_import_each_other() {
    let problems = circles(&read_crate(&src()));
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn every_file_has_room_to_read() {
    let krate = read_crate(&src());
    let mut sizes: Vec<(usize, String)> = krate
        .files
        .iter()
        .map(|f| (f.text.lines().count(), shown(&f.path)))
        .collect();
    sizes.sort();
    let too_long: Vec<String> = sizes
        .iter()
        .filter(|(lines, _)| *lines > 600)
        .map(|(lines, path)| format!("{path}: {lines} lines"))
        .collect();
    assert!(
        too_long.is_empty(),
        "files over 600 lines:\n{}",
        too_long.join("\n")
    );
    let median = sizes[sizes.len() / 2].0;
    assert!(median < 200, "the median file has {median} lines");
}

// The checks above, on a crate written for the purpose: they must catch
// what they are for, or a clean result would mean nothing.
mod checks {
    use super::*;

    fn write(root: &Path, files: &[(&str, &str)]) {
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }

    const LIB: &str =
        "//! 1. [`low`]: the bottom\n//! 2. [`mid`], [`side`]: peers\n//! 3. [`high`]: the top\n";

    #[test]
    fn an_import_from_a_higher_layer_is_named_with_its_file_and_line() {
        let root = tempfile::tempdir().unwrap();
        write(
            root.path(),
            &[
                ("lib.rs", LIB),
                ("low.rs", "use std::fmt;\n\nuse crate::high::Top;\n"),
                ("mid.rs", "use crate::low::Bottom;\n"),
                ("side.rs", "pub fn f() { crate::mid::g() }\n"),
                ("high.rs", "use crate::{low::A, mid::B};\n"),
            ],
        );
        let problems = layer_violations(&read_crate(root.path()), &layers(LIB));
        assert_eq!(problems.len(), 2, "{problems:#?}");
        assert!(
            problems[0].ends_with(
                "low.rs:3: `low` imports `high`, a layer above it: use crate::high::Top;"
            ),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].contains("side.rs:1: `side` imports `mid`, a peer on the same layer"),
            "{}",
            problems[1]
        );
    }

    #[test]
    fn two_files_that_import_each_other_through_a_third_are_a_circle() {
        let root = tempfile::tempdir().unwrap();
        write(
            root.path(),
            &[
                ("lib.rs", "pub mod low;\n"),
                ("low/mod.rs", "mod a;\nmod b;\nmod c;\npub use a::A;\n"),
                ("low/a.rs", "use super::b::B;\n"),
                ("low/b.rs", "use super::c::C;\n"),
                ("low/c.rs", "pub fn f() {\n    super::a::g()\n}\n"),
            ],
        );
        let problems = circles(&read_crate(root.path()));
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(
            problems[0].contains("low/c.rs:2: super::a::g()"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn a_child_that_imports_what_its_folder_re_exports_from_it_is_a_circle() {
        let root = tempfile::tempdir().unwrap();
        write(
            root.path(),
            &[
                ("lib.rs", "pub mod low;\n"),
                ("low/mod.rs", "mod a;\npub use a::f;\npub struct Thing;\n"),
                ("low/a.rs", "use super::Thing;\n"),
            ],
        );
        assert_eq!(circles(&read_crate(root.path())).len(), 1);
    }

    #[test]
    fn test_modules_are_left_out() {
        let root = tempfile::tempdir().unwrap();
        write(
            root.path(),
            &[
                ("lib.rs", LIB),
                (
                    "low.rs",
                    "pub fn f() {}\n\n#[cfg(test)]\nmod tests {\n    use crate::high::Top;\n}\n",
                ),
                ("high.rs", "use crate::low::f;\n"),
            ],
        );
        let krate = read_crate(root.path());
        assert!(layer_violations(&krate, &layers(LIB)).is_empty());
        assert!(circles(&krate).is_empty());
    }
}
