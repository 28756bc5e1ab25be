//! Builds the built-in lexicon once, at compile time, and writes it as a
//! snapshot (`dyad_lexicon::Lexicon::snapshot`) that the binary embeds:
//! building it at every start cost ~45 ms (11 % of `dyad code` on 200
//! press conferences). The build-dependency on dyad-lexicon embeds the same
//! `data/lexicon/` files as the binary's, and is rebuilt when they change,
//! which reruns this script. A lexicon that does not build gives an empty
//! snapshot: the binary then builds it at start and reports its errors, as
//! before.
use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("lexicon.snapshot");
    let bytes = match dyad_lexicon::Lexicon::builtin() {
        Ok(lex) => lex.snapshot(),
        Err(_) => Vec::new(),
    };
    std::fs::write(&out, bytes).expect("write the lexicon snapshot");
    println!("cargo:rerun-if-changed=build.rs");
}
