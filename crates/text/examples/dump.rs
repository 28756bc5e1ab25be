//! Prints each document's id, text and sentence spans mapped back to the
//! original: `cargo run -p dyad-text --example dump -- FILE`.
use dyad_text::{read_path, sentences, ReadOptions};
use std::path::Path;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump FILE");
        std::process::exit(2);
    };
    for doc in read_path(Path::new(&path), &ReadOptions::default()) {
        match doc {
            Ok(doc) => {
                println!("== {} ({:?})\n{}\n--", doc.id, doc.date, doc.text);
                for s in sentences(&doc.text) {
                    let o = doc.to_original(s);
                    println!("{:?} -> {:?}: {:?}", s, o, &doc.original[o.start..o.end]);
                }
            }
            Err(e) => eprintln!("error: {e}"),
        }
    }
}
