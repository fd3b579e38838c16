//! The minimum Rust version that Cargo.toml and the README state is one the
//! locked dependencies build with: a newcomer on that version can build.

use std::process::Command;

/// `1.88` and `1.88.0` alike, as [major, minor, patch].
fn version(text: &str) -> [u64; 3] {
    let mut parts = text.split('.').map(|part| part.parse().unwrap());
    [(); 3].map(|()| parts.next().unwrap_or(0))
}

#[test]
fn no_locked_dependency_needs_a_newer_rust_than_the_stated_one() {
    let stated = env!("CARGO_PKG_RUST_VERSION");
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let too_new: Vec<String> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|package| {
            let needs = package["rust_version"].as_str()?;
            (version(needs) > version(stated)).then(|| {
                format!(
                    "{} {} needs Rust {needs}",
                    package["name"], package["version"]
                )
            })
        })
        .collect();
    assert!(
        too_new.is_empty(),
        "Cargo.toml says rust-version = {stated}, but:\n{}",
        too_new.join("\n")
    );
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
