//! Finding the pack files a command reads: the paths named on the command
//! line, each directory walked for `.vd` files in name order, refusing
//! any found by the walk that resolves outside that directory and the
//! project root (a symlink from a pull request, say).

use std::path::{Path, PathBuf};

use crate::access::Access;

/// The pack files named on the command line; a directory stands for every
/// `.vd` file beneath it, in name order; no path at all for `rules/`.
///
/// A file named on the command line is the user's choice. One found by
/// walking a directory came with the directory, perhaps from a pull request,
/// so it must resolve inside that directory or the project root: a symlink
/// `rules/x.vd` to a file elsewhere is refused, not read.
pub fn find_packs(paths: &[PathBuf], access: &Access) -> Result<Vec<PathBuf>, String> {
    let default = [PathBuf::from("rules")];
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let mut packs = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut walk = PackWalk {
                top: path.canonicalize().map_err(|e| cannot_list(path, &e))?,
                access,
                visited: Vec::new(),
                packs: &mut packs,
            };
            walk.collect(path)?;
        } else if path.is_file() {
            packs.push(path.clone());
        } else if paths == default {
            return Err("there is no rules/ directory here: run vd-audit from the repository root, or name the packs to check".into());
        } else {
            return Err(format!("`{}` does not exist", path.display()));
        }
    }
    if packs.is_empty() {
        return Err(format!(
            "no rule packs (.vd files) found in {}",
            paths
                .iter()
                .map(|p| format!("`{}`", p.display()))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(packs)
}

fn cannot_list(dir: &Path, error: &std::io::Error) -> String {
    format!("cannot list `{}`: {error}", dir.display())
}

/// A walk of a directory named on the command line, collecting `.vd` files.
struct PackWalk<'a> {
    /// The directory named, canonical.
    top: PathBuf,
    access: &'a Access,
    /// Directories already walked, canonical: a symlink loop is walked once.
    visited: Vec<PathBuf>,
    packs: &'a mut Vec<PathBuf>,
}

impl PackWalk<'_> {
    fn collect(&mut self, dir: &Path) -> Result<(), String> {
        let canonical = dir.canonicalize().map_err(|e| cannot_list(dir, &e))?;
        if self.visited.contains(&canonical) {
            return Ok(());
        }
        self.visited.push(canonical);
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .and_then(|entries| entries.map(|e| e.map(|e| e.path())).collect())
            .map_err(|e| cannot_list(dir, &e))?;
        entries.sort();
        for entry in entries {
            let is_pack = entry.extension().is_some_and(|e| e == "vd");
            if !entry.is_dir() && !is_pack {
                continue;
            }
            let resolved = entry.canonicalize().map_err(|e| cannot_list(&entry, &e))?;
            if !resolved.starts_with(&self.top)
                && !resolved.starts_with(&self.access.root)
                && !self.access.allow_outside_root
            {
                return Err(format!(
                    "refused to read `{}`: it resolves to `{}`, outside `{}` and the project root `{}`",
                    entry.display(),
                    resolved.display(),
                    self.top.display(),
                    self.access.root.display()
                ));
            }
            if resolved.is_dir() {
                self.collect(&entry)?;
            } else if resolved.is_file() {
                self.packs.push(entry);
            } else {
                return Err(format!(
                    "refused to read `{}`: it is not a regular file",
                    entry.display()
                ));
            }
        }
        Ok(())
    }
}
