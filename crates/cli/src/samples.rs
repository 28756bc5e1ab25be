//! The sample documents built into the binary (written for dyad; each about
//! a real, dated event). They feed `dyad code --sample` and the demo.
use dyad_text::input::{read_bytes, Format, ReadOptions};
use dyad_text::Doc;

pub const SAMPLES: &str = include_str!("../../../data/samples/samples.jsonl");

pub fn docs() -> Vec<Doc> {
    let opts = ReadOptions {
        format: Some(Format::Jsonl),
        ..Default::default()
    };
    read_bytes("samples.jsonl", SAMPLES.as_bytes(), &opts)
        .into_iter()
        .filter_map(|r| r.ok())
        .collect()
}
