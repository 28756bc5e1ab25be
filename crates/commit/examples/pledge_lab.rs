//! Development aid: grouped cross-validation over the training manifestos
//! only (the held-out ones are not read), with extra feature families and
//! other learners, for trying ideas on top of the shipped features
//! (`pledge::features`). `cargo run --release -p dyad-commit --example
//! pledge_lab -- TSV`, settings in the environment:
//!
//! - `FEAT=a,b,...` adds families: `pos` (decile of the position in the
//!   manifesto), `head` (after a heading or a colon, sentences since the
//!   last heading), `dens` / `dens2` ("will" and past-tense sentences
//!   around), `tri` (word trigrams), `suf` (word prefixes and suffixes),
//!   `chr` (character 5-grams), `first` (the first three words), `skip`
//!   (the three words after "will"), `xr` / `xrb` (words / bigrams crossed
//!   with the rules' verdict), `clause` (semicolons and commas), `time`
//!   (the time tagger's dates before, at or after the manifesto's year);
//! - `LEARN=lr` (logistic regression, AdaGrad; `EPOCHS RATE L2 MINC WPOS`
//!   the class weight of pledges, `NORM=1` rows scaled by 1/sqrt(length)),
//!   `nb` (NB-SVM: log-count ratios, `ALPHA`, `NBMIX`), `ap` / `nbap`
//!   (averaged perceptron, passive-aggressive with `PAC`), `ftrl`
//!   (FTRL-proximal, `FA L1 L2`);
//! - `KNN=K` (`KMIX`) mixes in the labels of the K most similar sentences
//!   of other manifestos; `CLS=1` a threshold per verdict (specific, broad,
//!   rejected); `SAVE=FILE` / `MIXWITH=FILE` (`MIXW`) average two runs'
//!   probabilities; `RANDSPLIT=1` splits at random instead of by manifesto;
//!   `QUANT=r|z` ranks or z-scores the probabilities within each manifesto;
//!   `SEED`, `DROP=w,b` (families), `DROPF=f:x,..` (feature prefixes);
//!   `RATES=r:` pledge rates per manifesto of features, `SHOW=FEATURE`
//!   pledges with it, `ERRORS=N` errors.
//!
//! It prints the pooled out-of-group F1 at the best threshold and the
//! "honest" F1, each manifesto's threshold chosen on the others.
use dyad_commit::eval::{examples, held_out, read_pledges, Counts};
use dyad_commit::pledge::{best_threshold, Rng};
use dyad_commit::Detector;
use std::collections::HashMap;

fn env_f(k: &str, d: f64) -> f64 {
    std::env::var(k)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(d)
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

/// rows: (feature ids, values), label
type Row = (Vec<(usize, f64)>, bool);

fn lr(rows: &[&Row], dim: usize, epochs: usize, rate: f64, l2: f64, wpos: f64) -> (Vec<f64>, f64) {
    let mut w = vec![0.0; dim];
    let mut g2 = vec![0.0; dim];
    let (mut b, mut bg) = (0.0, 0.0);
    let mut perm: Vec<usize> = (0..rows.len()).collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15u64.wrapping_mul(env_f("SEED", 5.0) as u64) | 1);
    for _ in 0..epochs {
        for i in (1..perm.len()).rev() {
            perm.swap(i, rng.below(i + 1));
        }
        for &r in &perm {
            let (x, y) = rows[r];
            let z = b + x.iter().map(|(i, v)| w[*i] * v).sum::<f64>();
            let cw = if *y { wpos } else { 1.0 };
            let g = (sigmoid(z) - if *y { 1.0 } else { 0.0 }) * cw;
            bg += g * g;
            b -= rate * g / (bg.sqrt() + 1e-8);
            for (i, v) in x {
                let gi = g * v + l2 * w[*i];
                g2[*i] += gi * gi;
                w[*i] -= rate * gi / (g2[*i].sqrt() + 1e-8);
            }
        }
    }
    (w, b)
}

fn ftrl(rows: &[&Row], dim: usize, epochs: usize, a: f64, l1: f64, l2: f64) -> (Vec<f64>, f64) {
    let mut z = vec![0.0; dim + 1];
    let mut nn = vec![0.0; dim + 1];
    let wt = |z: f64, n: f64| -> f64 {
        if z.abs() <= l1 {
            0.0
        } else {
            -(z - z.signum() * l1) / ((1.0 + n.sqrt()) / a + l2)
        }
    };
    let mut perm: Vec<usize> = (0..rows.len()).collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15u64.wrapping_mul(env_f("SEED", 5.0) as u64) | 1);
    for _ in 0..epochs {
        for i in (1..perm.len()).rev() {
            perm.swap(i, rng.below(i + 1));
        }
        for &r in &perm {
            let (x, y) = rows[r];
            let mut ids: Vec<(usize, f64)> = x.clone();
            ids.push((dim, 1.0));
            let ws: Vec<f64> = ids.iter().map(|(i, _)| wt(z[*i], nn[*i])).collect();
            let s: f64 = ids.iter().zip(&ws).map(|((_, v), w)| w * v).sum();
            let g = sigmoid(s) - if *y { 1.0 } else { 0.0 };
            for ((i, v), w) in ids.iter().zip(&ws) {
                let gi = g * v;
                let sig = ((nn[*i] + gi * gi).sqrt() - nn[*i].sqrt()) / a;
                z[*i] += gi - sig * w;
                nn[*i] += gi * gi;
            }
        }
    }
    let w: Vec<f64> = (0..=dim).map(|i| wt(z[i], nn[i])).collect();
    (w[..dim].to_vec(), w[dim])
}

/// averaged perceptron / passive-aggressive (margin-based), returns averaged weights
fn ap(rows: &[&Row], dim: usize, epochs: usize, pa_c: f64) -> (Vec<f64>, f64) {
    let mut w = vec![0.0; dim];
    let mut u = vec![0.0; dim];
    let (mut b, mut ub) = (0.0, 0.0);
    let mut c = 1.0;
    let mut perm: Vec<usize> = (0..rows.len()).collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15u64.wrapping_mul(env_f("SEED", 5.0) as u64) | 1);
    for _ in 0..epochs {
        for i in (1..perm.len()).rev() {
            perm.swap(i, rng.below(i + 1));
        }
        for &r in &perm {
            let (x, y) = rows[r];
            let ys = if *y { 1.0 } else { -1.0 };
            let z = b + x.iter().map(|(i, v)| w[*i] * v).sum::<f64>();
            let loss = 1.0 - ys * z;
            if loss > 0.0 {
                let nx = 1.0 + x.iter().map(|(_, v)| v * v).sum::<f64>();
                let tau = if pa_c > 0.0 {
                    (loss / nx).min(pa_c)
                } else {
                    1.0
                };
                for (i, v) in x {
                    w[*i] += tau * ys * v;
                    u[*i] += c * tau * ys * v;
                }
                b += tau * ys;
                ub += c * tau * ys;
            }
            c += 1.0;
        }
    }
    let wa: Vec<f64> = w.iter().zip(&u).map(|(w, u)| w - u / c).collect();
    (wa, b - ub / c)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .cloned()
        .unwrap_or_else(|| "../shared/corpora/election-pledges/pledges_train.tsv".into());
    let rows = read_pledges(std::path::Path::new(&path)).unwrap();
    let lex = dyad_lexicon::Lexicon::builtin().unwrap();
    let det = Detector::new(&lex, dyad_time::Tagger::builtin());
    let train_rows: Vec<_> = rows.iter().filter(|r| !held_out(r)).cloned().collect();
    let mut ex = examples(&det, &train_rows);
    let feat = std::env::var("FEAT").unwrap_or_default();
    let has = |f: &str| feat.split(',').any(|x| x == f);
    if let Ok(drop) = std::env::var("DROP") {
        let drop: Vec<String> = drop.split(',').map(|x| format!("{x}:")).collect();
        for e in &mut ex {
            e.features
                .retain(|f| !drop.iter().any(|d| f.starts_with(d.as_str())));
        }
    }
    // extra features
    let n = ex.len();
    let lower: Vec<String> = train_rows.iter().map(|r| r.text.to_lowercase()).collect();
    let words: Vec<Vec<String>> = lower
        .iter()
        .map(|t| {
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| w.to_string())
                .collect()
        })
        .collect();
    let is_will = |k: usize| words[k].iter().any(|w| w == "will" || w == "shall");
    let is_past = |k: usize| {
        words[k]
            .iter()
            .any(|w| w == "has" || w == "have" || w == "had" || w == "was" || w == "were")
    };
    let heading = |k: usize| {
        let t = train_rows[k].text.trim();
        words[k].len() <= 10 && !t.ends_with('.') && !is_will(k)
    };
    let mut extra: Vec<Vec<String>> = vec![Vec::new(); n];
    // group boundaries
    let grp_own: Vec<String> = ex.iter().map(|e| e.group.clone()).collect();
    let rand_groups: Vec<String> = (0..ex.len())
        .map(|k| format!("rnd{}", (k * 7919) % 7))
        .collect();
    let grp: Vec<&str> = grp_own.iter().map(|s| s.as_str()).collect();
    let mut start = vec![0usize; n];
    let mut end = vec![0usize; n];
    {
        let mut s = 0;
        for k in 0..=n {
            if k == n || grp[k] != grp[s] {
                for j in s..k {
                    start[j] = s;
                    end[j] = k;
                }
                s = k;
            }
        }
    }
    let win = env_f("WIN", 3.0) as usize;
    for k in 0..n {
        let e = &mut extra[k];
        let same = |j: usize| j >= start[k] && j < end[k];
        if has("pos") {
            let rel = (k - start[k]) as f64 / (end[k] - start[k]) as f64;
            e.push(format!("f:pos={}", (rel * 10.0) as usize));
        }
        if has("head") {
            if k > start[k] && heading(k - 1) {
                e.push("f:after-heading".into());
            }
            if heading(k) {
                e.push("f:heading".into());
            }
            if k > start[k] && train_rows[k - 1].text.trim_end().ends_with(':') {
                e.push("f:after-colon".into());
            }
            // distance since last heading
            let mut d = 0;
            let mut j = k;
            while j > start[k] && !heading(j - 1) && d < 6 {
                d += 1;
                j -= 1;
            }
            e.push(format!("f:since-head={d}"));
        }
        if has("dens") {
            let lo = k.saturating_sub(win).max(start[k]);
            let hi = (k + win + 1).min(end[k]);
            let wc = (lo..hi).filter(|&j| j != k && is_will(j)).count();
            let pc = (lo..hi).filter(|&j| j != k && is_past(j)).count();
            e.push(format!("f:will-dens={}", wc * 4 / (hi - lo).max(1)));
            e.push(format!("f:past-dens={}", pc * 4 / (hi - lo).max(1)));
        }
        if has("dens2") {
            for (off, tag) in [(-1i64, "p"), (1, "n")] {
                let j = k as i64 + off;
                if j >= 0 && same(j as usize) {
                    let j = j as usize;
                    e.push(format!("f:{tag}will={}", is_will(j)));
                    e.push(format!("f:{tag}past={}", is_past(j)));
                }
            }
        }
        if has("xr") || has("xrb") {
            let cls = if ex[k].features.iter().any(|f| f == "r:S") {
                "S"
            } else if ex[k].features.iter().any(|f| f == "r:B") {
                "B"
            } else {
                "-"
            };
            let fam = if has("xrb") { "b:" } else { "w:" };
            let add: Vec<String> = ex[k]
                .features
                .iter()
                .filter(|f| f.starts_with(fam))
                .map(|f| format!("{fam}{cls}|{}", &f[2..]))
                .collect();
            e.extend(add);
        }
        if has("clause") {
            let t = &train_rows[k].text;
            let toks = dyad_text::tokenize(t, dyad_text::Span::new(0, t.len()));
            let semi = toks.iter().filter(|x| x.norm.as_str() == ";").count();
            let commas = toks.iter().filter(|x| x.norm.as_str() == ",").count();
            e.push(format!("f:semi={}", semi.min(2)));
            e.push(format!("f:commas={}", commas.min(4)));
        }
        if has("time") {
            let t = &train_rows[k].text;
            let y: i32 = ex[k].group[..4].parse().unwrap_or(2000);
            let doc = chrono::NaiveDate::from_ymd_opt(y, 3, 1);
            for x in dyad_time::Tagger::builtin().tag(t, dyad_text::Span::new(0, t.len()), doc) {
                let when = match x.value.bounds() {
                    Some((a, _)) if doc.is_some_and(|d| a > d) => "future",
                    Some((_, b)) if doc.is_some_and(|d| b < d) => "past",
                    Some(_) => "now",
                    None => "unresolved",
                };
                e.push(format!("f:t-{when}"));
                e.push(format!("f:t-{when}-{}", x.relation.as_str()));
            }
        }
        if has("tri") {
            let w = &words[k];
            for i in 2..w.len() {
                e.push(format!("b:{} {} {}", w[i - 2], w[i - 1], w[i]));
            }
        }
        if has("suf") {
            for w in &words[k] {
                if w.len() > 5 {
                    e.push(format!("w:~{}", &w[w.len() - 3..]));
                    e.push(format!("w:{}~", &w[..5]));
                }
            }
        }
        if has("chr") {
            let t = format!(" {} ", words[k].join(" "));
            let b = t.as_bytes();
            for i in 0..b.len().saturating_sub(4) {
                if let Ok(s) = std::str::from_utf8(&b[i..i + 5]) {
                    e.push(format!("w:#{s}"));
                }
            }
        }
        if has("first") {
            let w = &words[k];
            for (i, x) in w.iter().take(3).enumerate() {
                e.push(format!("w:@{i}{x}"));
            }
        }
        if has("skip") {
            // will ... verb: the word after will/shall (skipping be/be+adv)
            let w = &words[k];
            for i in 0..w.len() {
                if w[i] == "will" || w[i] == "shall" {
                    for x in w.iter().skip(i + 1).take(3) {
                        e.push(format!("b:will~{x}"));
                    }
                }
            }
        }
    }
    for (e, x) in ex.iter_mut().zip(extra) {
        e.features.extend(x);
    }
    if let Ok(drop) = std::env::var("DROPF") {
        let drop: Vec<&str> = drop.split(',').collect();
        for e in &mut ex {
            e.features
                .retain(|f| !drop.iter().any(|d| f.starts_with(d)));
        }
    }

    if let Ok(pre) = std::env::var("RATES") {
        let mut m: std::collections::BTreeMap<String, HashMap<String, (usize, usize)>> =
            Default::default();
        for e in &ex {
            for f in e.features.iter().filter(|f| f.starts_with(pre.as_str())) {
                let c = m
                    .entry(f.clone())
                    .or_default()
                    .entry(e.group.clone())
                    .or_default();
                c.1 += 1;
                if e.label {
                    c.0 += 1
                }
            }
        }
        for (f, g) in m {
            let tot: usize = g.values().map(|c| c.1).sum();
            if tot < 40 {
                continue;
            }
            let mut gs: Vec<_> = g.into_iter().collect();
            gs.sort();
            let s: Vec<String> = gs
                .iter()
                .map(|(g, c)| format!("{}:{:.2}/{}", &g[2..], c.0 as f64 / c.1 as f64, c.1))
                .collect();
            println!("{f:30} {tot:5} {}", s.join(" "));
        }
        return;
    }
    if let Ok(f) = std::env::var("SHOW") {
        for (k, e) in ex.iter().enumerate() {
            if e.label && e.features.contains(&f) && k % 3 == 0 {
                let why: Vec<&String> = e.features.iter().filter(|x| x.starts_with("s:")).collect();
                println!("{} {:?} {}", e.group, why, train_rows[k].text);
            }
        }
        return;
    }
    // vocabulary per fold
    let learn = std::env::var("LEARN").unwrap_or_else(|_| "lr".into());
    let epochs = env_f("EPOCHS", 10.0) as usize;
    let rate = env_f("RATE", 0.01);
    let l2 = env_f("L2", 3e-4);
    let minc = env_f("MINC", 2.0) as usize;
    let wpos = env_f("WPOS", 1.0);
    let alpha = env_f("ALPHA", 1.0);
    let pa_c = env_f("PAC", 0.0);
    let nbbeta = env_f("NBMIX", 1.0);
    let grp: Vec<&str> = if std::env::var("RANDSPLIT").is_ok() {
        rand_groups.iter().map(|s| s.as_str()).collect()
    } else {
        grp
    };
    let mut groups: Vec<&str> = grp.clone();
    groups.sort_unstable();
    groups.dedup();
    let mut probs = vec![0.0; n];
    for g in &groups {
        let tr: Vec<usize> = (0..n).filter(|&k| grp[k] != *g).collect();
        let mut count: HashMap<&str, usize> = HashMap::new();
        for &k in &tr {
            let mut m: Vec<&str> = ex[k].features.iter().map(|s| s.as_str()).collect();
            m.sort_unstable();
            m.dedup();
            for f in m {
                *count.entry(f).or_insert(0) += 1;
            }
        }
        let mut vocab: Vec<&str> = count
            .iter()
            .filter(|(_, c)| **c >= minc)
            .map(|(f, _)| *f)
            .collect();
        vocab.sort_unstable();
        let index: HashMap<&str, usize> = vocab.iter().enumerate().map(|(i, f)| (*f, i)).collect();
        let dim = vocab.len();
        let vec_of = |k: usize| -> Vec<usize> {
            let mut ids: Vec<usize> = ex[k]
                .features
                .iter()
                .filter_map(|f| index.get(f.as_str()).copied())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        // NB ratios
        let mut r = vec![1.0; dim];
        if learn.starts_with("nb") {
            let mut p = vec![alpha; dim];
            let mut q = vec![alpha; dim];
            for &k in &tr {
                for i in vec_of(k) {
                    if ex[k].label {
                        p[i] += 1.0
                    } else {
                        q[i] += 1.0
                    }
                }
            }
            let sp: f64 = p.iter().sum();
            let sq: f64 = q.iter().sum();
            for i in 0..dim {
                r[i] = ((p[i] / sp) / (q[i] / sq)).ln();
                r[i] = nbbeta * r[i] + (1.0 - nbbeta);
            }
        }
        let norm = std::env::var("NORM").is_ok();
        let rows_all: Vec<Row> = (0..n)
            .map(|k| {
                let ids = vec_of(k);
                let sc = if norm {
                    4.0 / (ids.len().max(1) as f64).sqrt()
                } else {
                    1.0
                };
                (
                    ids.into_iter().map(|i| (i, r[i] * sc)).collect(),
                    ex[k].label,
                )
            })
            .collect();
        let trr: Vec<&Row> = tr.iter().map(|&k| &rows_all[k]).collect();
        let (w, b) = match learn.as_str() {
            "ap" | "nbap" => ap(&trr, dim, epochs, pa_c),
            "ftrl" => ftrl(&trr, dim, epochs, env_f("FA", 0.05), env_f("L1", 1.0), l2),
            _ => lr(&trr, dim, epochs, rate, l2, wpos),
        };
        for k in 0..n {
            if grp[k] == *g {
                let z = b + rows_all[k].0.iter().map(|(i, v)| w[*i] * v).sum::<f64>();
                probs[k] = sigmoid(z);
            }
        }
    }
    if let Ok(kk) = std::env::var("KNN") {
        let kk: usize = kk.parse().unwrap_or(10);
        let mix = env_f("KMIX", 0.5);
        // tf-idf of words and bigrams
        let mut df: HashMap<&str, usize> = HashMap::new();
        let feats: Vec<Vec<&str>> = ex
            .iter()
            .map(|e| {
                let mut v: Vec<&str> = e
                    .features
                    .iter()
                    .filter(|f| f.starts_with("w:") || f.starts_with("b:"))
                    .map(|s| s.as_str())
                    .collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        for v in &feats {
            for f in v {
                *df.entry(f).or_insert(0) += 1;
            }
        }
        let mut vid: HashMap<&str, usize> = HashMap::new();
        let vecs: Vec<Vec<(usize, f64)>> = feats
            .iter()
            .map(|v| {
                let mut x: Vec<(usize, f64)> = v
                    .iter()
                    .map(|f| {
                        let l = vid.len();
                        let id = *vid.entry(f).or_insert(l);
                        (id, (n as f64 / df[f] as f64).ln())
                    })
                    .collect();
                let nn = x.iter().map(|(_, w)| w * w).sum::<f64>().sqrt().max(1e-9);
                for e in &mut x {
                    e.1 /= nn;
                }
                x
            })
            .collect();
        let mut inv: Vec<Vec<(usize, f64)>> = vec![Vec::new(); vid.len()];
        for (k, x) in vecs.iter().enumerate() {
            for (i, w) in x {
                inv[*i].push((k, *w));
            }
        }
        let mut acc = vec![0.0f64; n];
        let mut ks = vec![0.0; n];
        let mut maxsim = vec![0.0; n];
        for k in 0..n {
            for a in acc.iter_mut() {
                *a = 0.0;
            }
            for (i, w) in &vecs[k] {
                for (j, w2) in &inv[*i] {
                    acc[*j] += w * w2;
                }
            }
            let mut c: Vec<(f64, usize)> = (0..n)
                .filter(|&j| grp[j] != grp[k] && acc[j] > 0.0)
                .map(|j| (acc[j], j))
                .collect();
            c.sort_by(|a, b| b.0.total_cmp(&a.0));
            c.truncate(kk);
            let (mut num, mut den) = (0.5 * 0.25, 0.5);
            for (sim, j) in &c {
                num += sim * if ex[*j].label { 1.0 } else { 0.0 };
                den += sim;
            }
            ks[k] = num / den;
            maxsim[k] = c.first().map(|x| x.0).unwrap_or(0.0);
        }
        let sk: Vec<(f64, bool)> = ks.iter().zip(&ex).map(|(p, e)| (*p, e.label)).collect();
        println!("knn alone: F1 {:.4}", best_threshold(&sk).1);
        let hi = sk.iter().zip(&maxsim).filter(|(_, m)| **m > 0.7).count();
        println!("rows with a neighbour > 0.7 cosine: {hi}");
        for k in 0..n {
            probs[k] = (1.0 - mix) * probs[k] + mix * ks[k];
        }
    }
    if let Ok(f) = std::env::var("SAVE") {
        let t: Vec<String> = probs.iter().map(|p| format!("{p}")).collect();
        std::fs::write(&f, t.join("\n")).unwrap();
    }
    if let Ok(f) = std::env::var("MIXWITH") {
        let o: Vec<f64> = std::fs::read_to_string(&f)
            .unwrap()
            .lines()
            .map(|l| l.parse().unwrap())
            .collect();
        let m = env_f("MIXW", 0.5);
        for k in 0..n {
            probs[k] = (1.0 - m) * probs[k] + m * o[k];
        }
    }
    if std::env::var("QUANT").is_ok() {
        // within-manifesto rank of the probability, or its z-score
        let z = std::env::var("QUANT").unwrap() == "z";
        for g in &groups {
            let idx: Vec<usize> = (0..n).filter(|&k| grp[k] == *g).collect();
            let mut v: Vec<f64> = idx.iter().map(|&k| probs[k]).collect();
            if z {
                let m = v.iter().sum::<f64>() / v.len() as f64;
                let sd = (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / v.len() as f64).sqrt();
                for &k in &idx {
                    probs[k] = sigmoid((probs[k] - m) / sd.max(1e-9));
                }
            } else {
                v.sort_by(|a, b| a.total_cmp(b));
                for &k in &idx {
                    let r = v.partition_point(|x| *x < probs[k]);
                    probs[k] = r as f64 / v.len() as f64;
                }
            }
        }
    }
    let scored: Vec<(f64, bool)> = probs.iter().zip(&ex).map(|(p, e)| (*p, e.label)).collect();
    let (thr, f1) = best_threshold(&scored);
    // also: threshold chosen leave-one-group-out (the honest figure)
    let mut honest = Counts::default();
    for g in &groups {
        let other: Vec<(f64, bool)> = scored
            .iter()
            .zip(&grp)
            .filter(|(_, gg)| *gg != g)
            .map(|(s, _)| *s)
            .collect();
        let (t, _) = best_threshold(&other);
        for (s, gg) in scored.iter().zip(&grp) {
            if gg == g {
                honest.add(s.1, s.0 >= t);
            }
        }
    }
    if std::env::var("CLS").is_ok() {
        let cls: Vec<usize> = ex
            .iter()
            .map(|e| {
                if e.features.iter().any(|f| f == "r:S") {
                    0
                } else if e.features.iter().any(|f| f == "r:B") {
                    1
                } else {
                    2
                }
            })
            .collect();
        // coordinate ascent of three thresholds; honest: chosen without the group
        let fit = |sel: &dyn Fn(usize) -> bool| -> [f64; 3] {
            let mut t = [thr; 3];
            let cands: Vec<f64> = (1..100).map(|i| i as f64 / 100.0).collect();
            for _ in 0..3 {
                for c in 0..3 {
                    let mut best = (0.0, t[c]);
                    for &x in &cands {
                        let mut tt = t;
                        tt[c] = x;
                        let mut cn = Counts::default();
                        for k in (0..n).filter(|&k| sel(k)) {
                            cn.add(scored[k].1, scored[k].0 >= tt[cls[k]]);
                        }
                        if cn.f1() > best.0 {
                            best = (cn.f1(), x);
                        }
                    }
                    t[c] = best.1;
                }
            }
            t
        };
        let t_all = fit(&|_| true);
        let mut cn = Counts::default();
        for g in &groups {
            let t = fit(&|k| grp[k] != *g);
            for k in (0..n).filter(|&k| grp[k] == *g) {
                cn.add(scored[k].1, scored[k].0 >= t[cls[k]]);
            }
        }
        println!("per-class thresholds {t_all:?}: honest F1 {:.4}", cn.f1());
    }
    let mut per = Vec::new();
    for g in &groups {
        let mut c = Counts::default();
        for (s, gg) in scored.iter().zip(&grp) {
            if gg == g {
                c.add(s.1, s.0 >= thr);
            }
        }
        per.push(format!("{}:{:.3}", &g[2..], c.f1()));
    }
    println!(
        "FEAT={feat} LEARN={learn} e{epochs} r{rate} l2 {l2} minc {minc} wpos {wpos}: F1 {f1:.4} (thr {thr:.3}; honest {:.4}) {}",
        honest.f1(),
        per.join(" ")
    );
    if let Ok(m) = std::env::var("ERRORS") {
        let m: usize = m.parse().unwrap_or(20);
        let (mut fp, mut fneg) = (0, 0);
        for (k, (e, p)) in ex.iter().zip(&probs).enumerate() {
            if k % 7 != 3 {
                continue;
            }
            if !e.label && *p >= thr && fp < m {
                fp += 1;
                println!("FP {p:.2} {}", train_rows[k].text);
            } else if e.label && *p < thr && fneg < m {
                fneg += 1;
                println!("FN {p:.2} {}", train_rows[k].text);
            }
        }
    }
}
