//! Claims: the figures a text states, what they measure, whose they are,
//! the period they cover, and whether they add up.
//!
//! The work is split the way the evidence flows: [`scan`] finds figures in
//! a sentence with a small grammar over its own tokens (so malformed digits
//! are refused whole instead of half-read); [`claim`] gives each figure its
//! meaning from the sentence (measure, actors, period, target or
//! observation); [`check`] compares figures within a text, across texts and
//! against reference tables, writing the arithmetic of every finding. All
//! word lists live in `data/lexicon/quantity/*.qty` and are embedded.
pub mod claim;
pub mod lexicon;
pub mod record;
pub mod reference;
pub mod scan;

pub use claim::{agrees, Claim, CrossIndex, Extractor, Finding, Status, Verdict};
pub use lexicon::{QtyError, QtyLexicon};
pub use record::{claim_record, claim_view, ClaimView};
pub use reference::{RefRow, Reference};
pub use scan::{figures, figures_of_tokens, may_have_figure, numbers, Figure};
