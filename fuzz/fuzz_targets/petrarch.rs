//! The PETRARCH dictionary import. The fuzzed bytes are split at NUL bytes
//! into a verbs, an actors, an agents, a discards and an issues file (read
//! lossily, as the importer reads files). The import promises that the
//! lexicon files it writes load; that is checked whenever it succeeds.
#![no_main]
use dyad_lexicon::Lexicon;
use dyad_petrarch::{import, Options, Sources};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let mut parts = rest
        .split(|&b| b == 0)
        .map(|p| String::from_utf8_lossy(p).into_owned());
    let mut named = |n: &str| parts.next().map(|t| (n.to_string(), t));
    let src = Sources {
        verbs: named("CAMEO.verbpatterns.txt"),
        actors: named("Phoenix.Countries.actors.txt").into_iter().collect(),
        agents: named("Phoenix.agents.txt"),
        discards: named("Phoenix.discards.txt"),
        issues: named("Phoenix.IssueCoding.txt"),
    };
    let opts = Options {
        dyad_extras: sel & 1 == 1,
    };
    match import(&src, &opts) {
        Ok(imp) => {
            if let Err(e) = Lexicon::from_files(&imp.files) {
                panic!("imported lexicon does not load:\n{e}");
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
