//! Scoring against gold: the English election pledges (pledge or not) and
//! the commitment gold files (`testdata/gold/commitments_*.jsonl`).
use crate::Detector;
use dyad_text::Span;
use serde_json::Value;
use std::path::Path;

/// One English row of the election-pledges table.
#[derive(Debug, Clone)]
pub struct PledgeRow {
    /// 1-based line in the file.
    pub line: usize,
    pub manifesto: String,
    pub text: String,
    /// The gold label: 0 no pledge, 1 specific pledge, 2 broad pledge.
    pub label: u8,
}

/// Reads the English (India) rows of `pledges_train.tsv`.
pub fn read_pledges(path: &Path) -> Result<Vec<PledgeRow>, String> {
    let data = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut lines = data.lines();
    let head: Vec<&str> = lines
        .next()
        .ok_or_else(|| format!("{}: empty file", path.display()))?
        .split('\t')
        .collect();
    let col = |name: &str| {
        head.iter()
            .position(|h| *h == name)
            .ok_or_else(|| format!("{}:1: no column \"{name}\"", path.display()))
    };
    let (c_country, c_file, c_label, c_text) =
        (col("country")?, col("file")?, col("pledge")?, col("text")?);
    let mut out = Vec::new();
    for (n, l) in lines.enumerate() {
        let f: Vec<&str> = l.split('\t').collect();
        let get = |c: usize| f.get(c).copied().unwrap_or("");
        if get(c_country) != "India" {
            continue;
        }
        let label: u8 = get(c_label).trim().parse().map_err(|_| {
            format!(
                "{}:{}: pledge label \"{}\" is not 0, 1 or 2",
                path.display(),
                n + 2,
                get(c_label)
            )
        })?;
        out.push(PledgeRow {
            line: n + 2,
            manifesto: get(c_file).to_string(),
            text: get(c_text).trim().to_string(),
            label,
        });
    }
    Ok(out)
}

/// The manifesto a row's file belongs to: year and party ("2004INC" for
/// `EnglishIndiaMiMacdataset5_2004INCmanifesto`). The table holds the 2004
/// INC manifesto twice, in two files of nearly the same sentences; both
/// are one manifesto here, so that they never sit on both sides of a split.
pub fn manifesto_of(file: &str) -> String {
    let tail = file.rsplit('_').next().unwrap_or(file);
    let cut = tail
        .to_ascii_lowercase()
        .rfind("manifesto")
        .unwrap_or(tail.len());
    tail[..cut].to_string()
}

/// The manifestos held out from training the shipped pledge model, fixed
/// before any model was trained: one per election from 1999 to 2009,
/// parties alternating (the rules' word lists were adjusted while reading
/// the 2014 and 2019 manifestos, so the test is taken from the others).
pub const HELD_OUT: &[&str] = &["1999INC", "2004BJP", "2009INC"];

/// Whether a row is in the held-out test manifestos.
pub fn held_out(r: &PledgeRow) -> bool {
    HELD_OUT.contains(&manifesto_of(&r.manifesto).as_str())
}

/// The training examples of the pledge model: each row's features from the
/// rules' reading (`det`'s genre does not matter), its label (any pledge)
/// and its manifesto.
pub fn examples(det: &Detector, rows: &[PledgeRow]) -> Vec<crate::pledge::Example> {
    rows.iter()
        .map(|r| {
            let (toks, reading) = det.rules_reading(&r.text, Span::new(0, r.text.len()), None);
            let mut features = Vec::new();
            crate::pledge::features(&r.text, &toks, &reading, &mut |parts| {
                features.push(parts.concat())
            });
            crate::pledge::Example {
                features,
                label: r.label > 0,
                group: manifesto_of(&r.manifesto),
            }
        })
        .collect()
}

/// Counts of a binary decision.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

impl Counts {
    pub fn add(&mut self, gold: bool, pred: bool) {
        match (gold, pred) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The detector's reading of a pledge row: (is a commitment, is specific).
pub fn read_row(det: &Detector, text: &str) -> (bool, bool) {
    match det.sentence(text, Span::new(0, text.len()), None) {
        Ok(f) => (true, f.specific),
        Err(_) => (false, false),
    }
}

/// Pledge detection on the English rows. The English manifestos are
/// annotated with two labels only (0 and 1: no broad pledges are marked),
/// so a pledge is predicted when the detector finds a *specific*
/// commitment; a broad one counts as "no pledge", as the annotators did.
pub fn score_pledges<'r>(det: &Detector, rows: impl IntoIterator<Item = &'r PledgeRow>) -> Counts {
    let mut c = Counts::default();
    for r in rows {
        let (is, specific) = read_row(det, &r.text);
        c.add(r.label > 0, is && specific);
    }
    c
}

/// One gold line of `testdata/gold/commitments_*.jsonl`.
#[derive(Debug, Clone)]
pub struct GoldLine {
    pub line: usize,
    pub doc: String,
    pub date: Option<chrono::NaiveDate>,
    pub text: String,
    pub commitment: bool,
    pub specific: bool,
    pub due: Option<String>,
    pub actors: Vec<String>,
}

/// Reads a commitment gold file; errors name the line and field.
pub fn read_gold(path: &Path) -> Result<Vec<GoldLine>, String> {
    let data = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (n, l) in data.lines().enumerate() {
        let l = l.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let at = |m: String| format!("{}:{}: {m}", path.display(), n + 1);
        let v: Value = serde_json::from_str(l).map_err(|e| at(format!("not JSON: {e}")))?;
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(|x| x.to_string());
        let b = |k: &str| {
            v.get(k)
                .and_then(|x| x.as_bool())
                .ok_or_else(|| at(format!("field \"{k}\" must be true or false")))
        };
        let commitment = b("commitment")?;
        let specific = if commitment { b("specific")? } else { false };
        let date = match s("date") {
            Some(d) => Some(
                crate::parse_ymd(&d)
                    .ok_or_else(|| at(format!("field \"date\": \"{d}\" is not YYYY-MM-DD")))?,
            ),
            None => None,
        };
        out.push(GoldLine {
            line: n + 1,
            doc: s("doc").unwrap_or_default(),
            date,
            text: s("text").ok_or_else(|| at("field \"text\" is missing".into()))?,
            commitment,
            specific,
            due: s("due"),
            actors: v
                .get("actor")
                .and_then(|a| a.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default(),
        });
    }
    Ok(out)
}

/// Scores of the detector on a commitment gold file.
#[derive(Debug, Clone, Default)]
pub struct GoldScores {
    pub detection: Counts,
    /// Specific among the commitments both found.
    pub specific: Counts,
    /// Specific commitments found with the gold due date.
    pub due_right: usize,
    pub due_gold: usize,
    /// Lines where detector and gold disagree: (line, gold, predicted, reason).
    pub errors: Vec<(usize, String, String, String)>,
}

/// Runs each gold sentence through the detector (the sentence alone, with
/// the line's document date).
pub fn score_gold(det: &Detector, gold: &[GoldLine]) -> GoldScores {
    let mut s = GoldScores::default();
    for g in gold {
        let r = det.sentence(&g.text, Span::new(0, g.text.len()), g.date);
        let (is, spec, due, why) = match &r {
            Ok(f) => (
                true,
                f.specific,
                f.due.as_ref().map(|d| d.iso.clone()),
                f.scope_rule.clone(),
            ),
            Err(e) => (false, false, None, e.reason.clone()),
        };
        s.detection.add(g.commitment, is);
        if g.commitment && is {
            s.specific.add(g.specific, spec);
        }
        if g.due.is_some() {
            s.due_gold += 1;
            if due == g.due {
                s.due_right += 1;
            }
        }
        let label = |c: bool, sp: bool| match (c, sp) {
            (false, _) => "none",
            (true, true) => "specific",
            (true, false) => "broad",
        };
        if (g.commitment, g.specific) != (is, spec) || (g.due.is_some() && due != g.due) {
            s.errors.push((
                g.line,
                format!("{} due {:?}", label(g.commitment, g.specific), g.due),
                format!("{} due {:?}", label(is, spec), due),
                why,
            ));
        }
    }
    s
}

/// Pledge scores of a detector (use [`crate::Genre::Manifesto`] for the
/// model) on the held-out manifestos and on the training ones, beside the
/// rules alone on the same rows.
#[derive(Debug, Clone, Default)]
pub struct SplitScores {
    pub held_out: Counts,
    pub training: Counts,
    pub rules_held_out: Counts,
    pub rules_training: Counts,
}

/// Scores `det` and the rules alone (`det` in the diplomatic genre) on the
/// held-out and the training manifestos.
pub fn score_split(det: &Detector, rules: &Detector, rows: &[PledgeRow]) -> SplitScores {
    let (test, train): (Vec<&PledgeRow>, Vec<&PledgeRow>) = rows.iter().partition(|r| held_out(r));
    SplitScores {
        held_out: score_pledges(det, test.iter().copied()),
        training: score_pledges(det, train.iter().copied()),
        rules_held_out: score_pledges(rules, test.iter().copied()),
        rules_training: score_pledges(rules, train.iter().copied()),
    }
}

/// The shipped model: trained on the rows outside [`HELD_OUT`], the
/// threshold chosen on out-of-group predictions among them. Also returns
/// the comment lines that say so, for the head of the model file.
pub fn train_shipped(
    det: &Detector,
    rows: &[PledgeRow],
    o: &crate::pledge::TrainOptions,
) -> (crate::pledge::PledgeModel, Vec<String>) {
    let train_rows: Vec<PledgeRow> = rows.iter().filter(|r| !held_out(r)).cloned().collect();
    let ex = examples(det, &train_rows);
    let refs: Vec<&crate::pledge::Example> = ex.iter().collect();
    let m = crate::pledge::train_with_threshold(&refs, o);
    let mut groups: Vec<&str> = ex.iter().map(|e| e.group.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    let head = vec![
        "The pledge model of dyad (docs/COMMITMENTS.md): a logistic regression over the".into(),
        "rule detector's reading of a sentence and its words. Written by".into(),
        "`dyad pledges train ../shared/corpora/election-pledges/pledges_train.tsv --out FILE`.".into(),
        format!(
            "Trained on {} English rows ({} pledges) of the manifestos {}.",
            ex.len(),
            ex.iter().filter(|e| e.label).count(),
            groups.join(", ")
        ),
        format!(
            "Held out, never trained on: {} (the test of `dyad pledges eval`).",
            HELD_OUT.join(", ")
        ),
        format!(
            "Options: epochs {}, rate {}, l2 {}, min_count {}, prune {}, seed {}; threshold chosen on",
            o.epochs, o.rate, o.l2, o.min_count, o.prune, o.seed
        ),
        "out-of-manifesto predictions within the training manifestos.".into(),
        format!("{} weights follow the header, largest first.", m.weights.len()),
    ];
    (m, head)
}

/// Leave-one-manifesto-out over all rows: each manifesto is scored by a
/// model trained (threshold included) on the others only. Returns the
/// pooled counts and the counts per manifesto.
pub fn cross_validate(
    det: &Detector,
    rows: &[PledgeRow],
    o: &crate::pledge::TrainOptions,
) -> (Counts, Vec<(String, Counts)>) {
    let ex = examples(det, rows);
    let mut groups: Vec<String> = ex.iter().map(|e| e.group.clone()).collect();
    groups.sort_unstable();
    groups.dedup();
    let mut all = Counts::default();
    let mut per = Vec::new();
    for g in groups {
        let train: Vec<&crate::pledge::Example> = ex.iter().filter(|e| e.group != g).collect();
        let m = crate::pledge::train_with_threshold(&train, o);
        let mut c = Counts::default();
        for e in ex.iter().filter(|e| e.group == g) {
            let pred = m.prob_of(&e.features) >= m.threshold;
            c.add(e.label, pred);
            all.add(e.label, pred);
        }
        per.push((g, c));
    }
    (all, per)
}
