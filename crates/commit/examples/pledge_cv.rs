//! Development aid for the pledge model: grouped cross-validation over the
//! training manifestos only (the held-out ones are not read), for
//! comparing settings: `cargo run --release -p dyad-commit --example
//! pledge_cv -- TSV [EPOCHS RATE L2 MIN_COUNT]`; `DROP=w,b` in the
//! environment leaves those feature families out, `SEED=N` shuffles with
//! another seed (the figures move by about 0.005 with it).
use dyad_commit::eval::{examples, held_out, read_pledges, Counts};
use dyad_commit::pledge::{best_threshold, out_of_group, Example, TrainOptions};
use dyad_commit::Detector;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "../shared/corpora/election-pledges/pledges_train.tsv".into());
    let rows = match read_pledges(std::path::Path::new(&path)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let d = TrainOptions::default();
    let num = |i: usize, def: f64| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(def);
    let o = TrainOptions {
        epochs: num(2, d.epochs as f64) as usize,
        rate: num(3, d.rate),
        l2: num(4, d.l2),
        min_count: num(5, d.min_count as f64) as usize,
        seed: std::env::var("SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(d.seed),
        ..d
    };
    let lex = dyad_lexicon::Lexicon::builtin().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2)
    });
    let det = Detector::new(&lex, dyad_time::Tagger::builtin());
    let train_rows: Vec<_> = rows.iter().filter(|r| !held_out(r)).cloned().collect();
    let mut ex = examples(&det, &train_rows);
    if let Ok(drop) = std::env::var("DROP") {
        let drop: Vec<String> = drop.split(',').map(|x| format!("{x}:")).collect();
        for e in &mut ex {
            e.features
                .retain(|f| !drop.iter().any(|d| f.starts_with(d.as_str())));
        }
    }
    let refs: Vec<&Example> = ex.iter().collect();
    let probs = out_of_group(&refs, &o);
    let scored: Vec<(f64, bool)> = probs.iter().zip(&ex).map(|(p, e)| (*p, e.label)).collect();
    let (thr, f1) = best_threshold(&scored);
    let mut at5 = Counts::default();
    for (p, l) in &scored {
        at5.add(*l, *p >= 0.5);
    }
    println!(
        "{o:?}\ntraining manifestos, out-of-group: best threshold {thr:.3} F1 {f1:.3}; at 0.5 P {:.3} R {:.3} F1 {:.3}",
        at5.precision(),
        at5.recall(),
        at5.f1()
    );
    let mut rules = Counts::default();
    for e in &ex {
        rules.add(e.label, e.features.iter().any(|f| f == "r:S"));
    }
    println!(
        "rules alone on the same rows: P {:.3} R {:.3} F1 {:.3}",
        rules.precision(),
        rules.recall(),
        rules.f1()
    );
    if let Ok(n) = std::env::var("ERRORS") {
        let n: usize = n.parse().unwrap_or(20);
        let (mut fp, mut fneg) = (0, 0);
        for (k, (e, p)) in ex.iter().zip(&probs).enumerate() {
            if k % 5 != 2 {
                continue;
            }
            if !e.label && *p >= thr && fp < n {
                fp += 1;
                println!("FP {p:.2} {}", train_rows[k].text);
            } else if e.label && *p < thr && fneg < n {
                fneg += 1;
                println!("FN {p:.2} {}", train_rows[k].text);
            }
        }
    }
    // per manifesto at the best threshold
    let mut groups: Vec<&str> = ex.iter().map(|e| e.group.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    for g in groups {
        let mut c = Counts::default();
        for (e, p) in ex.iter().zip(&probs).filter(|(e, _)| e.group == g) {
            c.add(e.label, *p >= thr);
        }
        println!(
            "  {g}: F1 {:.3} ({} rows)",
            c.f1(),
            c.tp + c.fp + c.fn_ + c.tn
        );
    }
}
