//! Fixed corpora for dyad's benchmarks, read from `../shared` beside the
//! checkout (benchmarks may read it; the product never does).
use dyad_text::input::{read_bytes, Format, ReadOptions};
use dyad_text::Doc;
use std::io::Read;
use std::path::PathBuf;

/// The shared reference folder, if present.
pub fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared");
    p.is_dir().then_some(p)
}

/// The English press conferences of China's foreign ministry, 2018–2020
/// (`corpora/fmprc-presscon/fmprc_en.jsonl.gz`, 513 pages), as documents
/// dated by their titles.
pub fn presscon_en() -> Option<Vec<Doc>> {
    let path = shared()?.join("corpora/fmprc-presscon/fmprc_en.jsonl.gz");
    let f = std::fs::File::open(path).ok()?;
    let mut s = String::new();
    flate2::read::GzDecoder::new(f)
        .read_to_string(&mut s)
        .ok()?;
    let opts = ReadOptions {
        format: Some(Format::Jsonl),
        ..Default::default()
    };
    Some(
        read_bytes("fmprc_en.jsonl", s.as_bytes(), &opts)
            .into_iter()
            .filter_map(|d| d.ok())
            .collect(),
    )
}

/// The UN General Debate speeches of 2021 (`corpora/ungdc/sessions_2021_2022/2021`).
pub fn ungdc_2021() -> Option<Vec<Doc>> {
    let dir = shared()?.join("corpora/ungdc/sessions_2021_2022/2021");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    Some(
        paths
            .into_iter()
            .filter_map(|p| {
                let t = std::fs::read_to_string(&p).ok()?;
                Some(Doc::plain(
                    p.file_name()?.to_string_lossy().to_string(),
                    t,
                    None,
                ))
            })
            .collect(),
    )
}
