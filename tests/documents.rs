//! The documents are the objects of the audit: they must stay byte for byte
//! as published, mistakes included, or line numbers and verdicts would lie.

use sha2::{Digest, Sha256};

/// SHA-256 of each file as received (../shared/seeds, named in documents/README.md).
const DOCUMENTS: [(&str, &str); 5] = [
    (
        "bolsover-members-pack-2020-09.txt",
        "c905d9a3a06d49512825142cccec9627bdaff3263fb498581d1b2fab387ff6ff",
    ),
    (
        "vision-derbyshire-proposition-2020.txt",
        "c218a1f31de12b26e7917da3b05c4646e042b2b6a50e1cd24ecbededc0623604",
    ),
    (
        "high-peak-corporate-select-2020-11-30.txt",
        "49461068489fdbcaca98615b86feff2aff9a3ab089ef9a0667d09a54f4e35145",
    ),
    (
        "derbyshire-dales-phase4-2021-07-08.txt",
        "1c60750fb58b64b0f389bc4f44547571d9d9b8b434eaa0e38d737d8d37f34408",
    ),
    (
        "chesterfield-cabinet-phase2-2020-02-25.txt",
        "d0c2040c89f94e5b08c0423ba211204d0c28826a62436a32081c4a401308faf8",
    ),
];

#[test]
fn documents_are_byte_for_byte_the_originals() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("documents");
    for (name, digest) in DOCUMENTS {
        let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let actual: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            actual, digest,
            "{name} differs from the document as published"
        );
    }
}

#[test]
fn the_readme_names_every_document_and_its_original() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/documents/README.md"))
            .unwrap();
    for (name, _) in DOCUMENTS {
        assert!(
            readme.contains(name),
            "documents/README.md does not mention {name}"
        );
    }
    for original in [
        "000_9532b9d196d60dbc.txt",
        "001_685f1853d65119d1.txt",
        "002_788e2702ffb990ae.txt",
        "003_d38bf74fce93f335.txt",
        "004_22ca487d1754dcc4.txt",
    ] {
        assert!(
            readme.contains(original),
            "documents/README.md does not give the original name {original}"
        );
    }
}
