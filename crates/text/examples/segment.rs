//! Prints the sentences of a file, one per line, for eyeballing the
//! segmenter: `cargo run -p dyad-text --example segment -- FILE`.
use dyad_text::{read_path, sentences, ReadOptions};
use std::path::Path;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: segment FILE");
        std::process::exit(2);
    };
    for doc in read_path(Path::new(&path), &ReadOptions::default()) {
        match doc {
            Ok(doc) => {
                for s in sentences(&doc.text) {
                    println!("{}", doc.text[s].replace('\n', "⏎"));
                }
            }
            Err(e) => eprintln!("error: {e}"),
        }
    }
}
