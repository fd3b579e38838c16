//! The minimum Rust version that Cargo.toml and the README state is one the
//! locked dependencies build with: a newcomer on that version can build.
//!
//! The packages checked are those `cargo metadata --locked --offline
//! --filter-platform <host>` lists: every locked package a build on this
//! machine needs, which the build of this very test has already put on disk,
//! so the check needs neither the network nor a warm cargo cache. The locked
//! packages only other platforms need (Windows' and macOS's) are not
//! downloaded by a build here; they are checked too when they happen to be on
//! disk, or when `VD_AUDIT_MSRV_NETWORK=1` lets cargo download them (as
//! `.ci/run` does); otherwise the test says, on its standard error, that they
//! were not checked.

use std::io::Write;
use std::process::Command;

use serde_json::Value;

/// A notice on the real standard error, which the test harness does not
/// capture, so that `cargo test` shows it even when the test passes.
fn notice(text: &str) {
    let _ = writeln!(std::io::stderr(), "\n*** tests/msrv.rs: {text}\n");
}

/// `1.88` and `1.88.0` alike, as [major, minor, patch]; `None` for what is
/// not such a version.
fn version(text: &str) -> Option<[u64; 3]> {
    let mut parts = text.trim().split('.');
    let mut number = [0; 3];
    for (i, slot) in number.iter_mut().enumerate() {
        match parts.next() {
            Some(part) => *slot = part.parse().ok()?,
            None if i > 0 => break,
            None => return None,
        }
    }
    parts.next().is_none().then_some(number)
}

/// The packages of `cargo metadata` output that need a newer Rust than
/// `stated`, as `name version needs Rust x`; a package whose rust-version
/// cannot be read is listed too, rather than passed over.
fn too_new(metadata: &Value, stated: &str) -> Vec<String> {
    let stated = version(stated).unwrap();
    packages(metadata)
        .iter()
        .filter_map(|package| {
            let needs = package["rust_version"].as_str()?;
            let name = package["name"].as_str().unwrap_or("?");
            let at = package["version"].as_str().unwrap_or("?");
            match version(needs) {
                Some(needs_version) if needs_version <= stated => None,
                Some(_) => Some(format!("{name} {at} needs Rust {needs}")),
                None => Some(format!(
                    "{name} {at} states an unreadable rust-version `{needs}`"
                )),
            }
        })
        .collect()
}

fn packages(metadata: &Value) -> &[Value] {
    metadata["packages"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// `cargo metadata --locked` in the repository, with `extra` arguments.
fn metadata(extra: &[&str]) -> Result<Value, String> {
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .args(extra)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    serde_json::from_slice(&output.stdout).map_err(|e| e.to_string())
}

/// The platform cargo builds for by default, from `cargo -vV`.
fn host() -> String {
    let output = Command::new(env!("CARGO")).arg("-vV").output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    text.lines()
        .find_map(|line| line.strip_prefix("host: "))
        .unwrap_or_else(|| panic!("no host in `cargo -vV`:\n{text}"))
        .trim()
        .to_string()
}

/// Fails with the list when a package needs a newer Rust; and checks that
/// the list checked is this package's, direct dependencies included, so that
/// an empty or foreign list cannot pass.
fn assert_none_too_new(metadata: &Value, what: &str) {
    let stated = env!("CARGO_PKG_RUST_VERSION");
    let names: Vec<&str> = packages(metadata)
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    for dependency in direct_dependencies() {
        assert!(
            names.contains(&dependency.as_str()),
            "{what}: the dependency {dependency} is not among the packages checked: {names:?}"
        );
    }
    let too_new = too_new(metadata, stated);
    assert!(
        too_new.is_empty(),
        "Cargo.toml says rust-version = {stated}, but ({what}):\n{}",
        too_new.join("\n")
    );
}

/// The names of the dependencies Cargo.toml lists in `[dependencies]` and
/// `[dev-dependencies]` (a line each).
fn direct_dependencies() -> Vec<String> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let mut names = Vec::new();
    let mut table = "";
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            table = line;
        } else if let Some((name, _)) = line.split_once('=') {
            if matches!(table, "[dependencies]" | "[dev-dependencies]") {
                names.push(name.trim().to_string());
            }
        }
    }
    assert!(
        names.len() > 10,
        "the dependencies in Cargo.toml: {names:?}"
    );
    names
}

#[test]
fn no_locked_dependency_needs_a_newer_rust_than_the_stated_one() {
    // What a build here needs: on disk, since this test was built.
    let host = host();
    let here = metadata(&["--offline", "--filter-platform", &host]).unwrap_or_else(|error| {
        panic!("cargo metadata for {host} failed, though building this test needed those packages:\n{error}")
    });
    assert_none_too_new(&here, &format!("packages a build for {host} needs"));

    // Every platform's: on disk after a build for each, or downloaded.
    let network = std::env::var("VD_AUDIT_MSRV_NETWORK").is_ok_and(|v| v == "1");
    let everywhere = if network {
        Some(metadata(&[]).unwrap_or_else(|error| {
            panic!("VD_AUDIT_MSRV_NETWORK=1, but cargo metadata failed:\n{error}")
        }))
    } else {
        metadata(&["--offline"]).ok()
    };
    match everywhere {
        Some(everywhere) => {
            assert_none_too_new(&everywhere, "packages of every platform");
            assert!(packages(&everywhere).len() >= packages(&here).len());
        }
        None => notice(&format!(
            "checked the rust-version of the {} locked packages a build for {host} needs; \
             NOT checked those only other platforms need, which are not on disk \
             (VD_AUDIT_MSRV_NETWORK=1 lets cargo download them; .ci/run sets it)",
            packages(&here).len()
        )),
    }
}

/// The checking itself, on a made-up package list: it must report a package
/// that needs a newer Rust, and only that.
#[test]
fn a_package_needing_a_newer_rust_is_reported() {
    let metadata = serde_json::json!({"packages": [
        {"name": "old", "version": "1.0.0", "rust_version": "1.60"},
        {"name": "same", "version": "1.0.0", "rust_version": "1.88.0"},
        {"name": "none", "version": "1.0.0", "rust_version": null},
        {"name": "patch", "version": "2.0.0", "rust_version": "1.88.1"},
        {"name": "minor", "version": "3.1.4", "rust_version": "1.89"},
        {"name": "major", "version": "0.1.0", "rust_version": "2.0"},
        {"name": "odd", "version": "0.1.0", "rust_version": "1.x"},
    ]});
    assert_eq!(
        too_new(&metadata, "1.88"),
        [
            "patch 2.0.0 needs Rust 1.88.1",
            "minor 3.1.4 needs Rust 1.89",
            "major 0.1.0 needs Rust 2.0",
            "odd 0.1.0 states an unreadable rust-version `1.x`",
        ]
    );
    assert!(too_new(&metadata, "2.0").len() == 1, "only `odd` is left");
    assert_eq!(version("1.88"), Some([1, 88, 0]));
    assert_eq!(version("1.88.0"), Some([1, 88, 0]));
    assert_eq!(version("1"), Some([1, 0, 0]));
    assert_eq!(version(""), None);
    assert_eq!(version("1.88.0.1"), None);
}

#[test]
fn the_readme_states_the_same_version() {
    let stated = env!("CARGO_PKG_RUST_VERSION");
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(
        readme.contains(&format!("Rust toolchain ({stated} or later)")),
        "README.md should say `Rust toolchain ({stated} or later)`"
    );
}
