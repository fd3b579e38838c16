//! Prints the text vd-audit rebuilds from a PDF, page by page, as the table
//! reader sees it: `cargo run --example pdf_text -- paper.pdf`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pdf_text <paper.pdf>");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: cannot read `{path}`: {e}");
            std::process::exit(2);
        }
    };
    match vd_audit::document::formats::pdf::text_of(&bytes) {
        Ok(laid) => {
            for (i, line) in laid.text.lines().enumerate() {
                if let Some(page) = laid.page_starts.iter().position(|&s| s == i) {
                    println!("──── page {} ────", page + 1);
                }
                println!("{line}");
            }
        }
        Err(e) => {
            eprintln!("error: cannot read `{path}`: {e}");
            std::process::exit(2);
        }
    }
}
