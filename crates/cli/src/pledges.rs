//! `dyad pledges`: train the pledge model on the English election pledges
//! and score it on the manifestos held out from training
//! (docs/COMMITMENTS.md, "The pledge model").
use anyhow::{bail, Result};
use dyad_commit::eval::{
    cross_validate, read_pledges, score_split, train_shipped, Counts, HELD_OUT,
};
use dyad_commit::pledge::TrainOptions;
use dyad_commit::{Cues, Detector, Genre};
use dyad_lexicon::Lexicon;
use dyad_time::Tagger;
use std::path::{Path, PathBuf};

#[derive(clap::Subcommand)]
pub enum PledgeCmd {
    /// Train the pledge model on the rows of the training manifestos (all
    /// but the held-out ones) and write it as a model file.
    Train {
        /// `pledges_train.tsv` of the election-pledges corpus.
        tsv: PathBuf,
        /// Where to write the model (the built-in one is
        /// data/lexicon/commitment/pledge.model).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Passes over the training rows.
        #[arg(long, default_value_t = TrainOptions::default().epochs)]
        epochs: usize,
        /// Learning rate (AdaGrad).
        #[arg(long, default_value_t = TrainOptions::default().rate)]
        rate: f64,
        /// L2 penalty.
        #[arg(long, default_value_t = TrainOptions::default().l2)]
        l2: f64,
        /// Leave out features seen in fewer training sentences.
        #[arg(long, default_value_t = TrainOptions::default().min_count)]
        min_count: usize,
    },
    /// Score pledge detection: the model (built-in, or that of --lexicon)
    /// on the held-out and the training manifestos, beside the rules alone.
    Eval {
        /// `pledges_train.tsv` of the election-pledges corpus.
        tsv: PathBuf,
        /// Also run leave-one-manifesto-out: each manifesto scored by a
        /// model trained on the others only (trains ten models).
        #[arg(long)]
        cv: bool,
        /// Exit 3 if the held-out F1 is below this.
        #[arg(long)]
        min_f1: Option<f64>,
    },
}

fn line(name: &str, c: &Counts) -> String {
    format!(
        "{name:<34} P {:.3}  R {:.3}  F1 {:.3}  (tp {} fp {} fn {})",
        c.precision(),
        c.recall(),
        c.f1(),
        c.tp,
        c.fp,
        c.fn_
    )
}

fn rows(tsv: &Path) -> Result<Vec<dyad_commit::eval::PledgeRow>> {
    let rows = read_pledges(tsv).map_err(|e| anyhow::anyhow!("{e}"))?;
    if rows.is_empty() {
        bail!("{}: no English (India) rows", tsv.display());
    }
    Ok(rows)
}

pub fn run(cmd: PledgeCmd, lex: &Lexicon, tagger: &Tagger, cues: &Cues) -> Result<i32> {
    let rules = Detector::new(lex, tagger).with_cues(cues);
    match cmd {
        PledgeCmd::Train {
            tsv,
            out,
            epochs,
            rate,
            l2,
            min_count,
        } => {
            if epochs == 0 || !(rate > 0.0 && rate.is_finite()) || !(l2 >= 0.0 && l2.is_finite()) {
                bail!("--epochs must be at least 1, --rate above 0 and --l2 at least 0");
            }
            let rows = rows(&tsv)?;
            let o = TrainOptions {
                epochs,
                rate,
                l2,
                min_count,
                ..TrainOptions::default()
            };
            let (m, head) = train_shipped(&rules, &rows, &o);
            std::fs::write(&out, m.to_text(&head))
                .map_err(|e| anyhow::anyhow!("{}: {e}", out.display()))?;
            println!(
                "wrote {}: {} weights, threshold {:.4}; held out: {}",
                out.display(),
                m.weights.len(),
                m.threshold,
                HELD_OUT.join(", ")
            );
            Ok(0)
        }
        PledgeCmd::Eval { tsv, cv, min_f1 } => {
            if cues.pledge_model().is_none() {
                bail!("no pledge model (commitment/pledge.model) in this lexicon");
            }
            let rows = rows(&tsv)?;
            let model = Detector::new(lex, tagger)
                .with_cues(cues)
                .with_genre(Genre::Manifesto);
            let s = score_split(&model, &rules, &rows);
            let n_test = rows
                .iter()
                .filter(|r| dyad_commit::eval::held_out(r))
                .count();
            println!(
                "English election pledges: {} rows; held out {} rows ({})",
                rows.len(),
                n_test,
                HELD_OUT.join(", ")
            );
            println!("{}", line("held out, model", &s.held_out));
            println!("{}", line("held out, rules alone", &s.rules_held_out));
            println!("{}", line("training (in sample), model", &s.training));
            println!("{}", line("training, rules alone", &s.rules_training));
            if cv {
                let (all, per) = cross_validate(&rules, &rows, &TrainOptions::default());
                println!("{}", line("leave-one-manifesto-out, pooled", &all));
                for (g, c) in &per {
                    println!("{}", line(&format!("  {g}"), c));
                }
            }
            if let Some(min) = min_f1 {
                if s.held_out.f1() < min {
                    eprintln!("held-out F1 {:.3} is below --min-f1 {min}", s.held_out.f1());
                    return Ok(3);
                }
            }
            Ok(0)
        }
    }
}
