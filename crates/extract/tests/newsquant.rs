//! NewsQuant dev (Almasian et al., CQE, EMNLP 2023): value + unit F1 of
//! the figure scanner. Reads `../shared/corpora/newsquant/NewsQuant.dev.json`
//! and skips with a note when it is absent. `NEWSQUANT_ERRORS=1` prints
//! every miss and every spurious figure.
use dyad_extract::{figures, QtyLexicon};
use dyad_text::Span;
use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.is_dir().then_some(p)
}

/// Our unit codes in NewsQuant's vocabulary of normalised units.
fn nq_unit(u: &str) -> String {
    let m = match u {
        "percent" => "percentage",
        "pp" => "percentage point",
        "bp" => "basis point",
        "USD" => "dollar",
        "AUD" => "australian dollar",
        "CAD" => "canadian dollar",
        "HKD" => "hong kong dollar",
        "NZD" => "new zealand dollar",
        "JPY" => "japanese yen",
        "GBP" => "pound sterling",
        "EUR" => "euro",
        "ILS" => "shekel",
        "MYR" => "malaysian ringgit",
        "DKK" => "danish krone",
        "CNY" => "renminbi",
        "INR" => "indian rupee",
        "km" => "kilometre",
        "m" => "metre",
        "cm" => "centimetre",
        "mm" => "millimetre",
        "km2" => "square kilometre",
        "m2" => "square metre",
        "kg" => "kilogram",
        "g" => "gram",
        "lb" => "pound-mass",
        "t" => "tonne",
        "mph" => "mile per hour",
        "km/h" => "kilometre per hour",
        "hp" => "horsepower",
        "kW" => "kilowatt",
        "MW" => "megawatt",
        "GW" => "gigawatt",
        "GB" => "gigabyte",
        "TB" => "terabyte",
        "year-of-age" => "year of age",
        "times" => "times",
        "pound-foot" => "pound-foot",
        "mmBTU" => "mega british thermal unit",
        "sqft" => "square foot",
        "mpg" => "mile per gallon",
        "rpm" => "revolutions per minute",
        "ppb" => "parts-per-billion",
        "ppm" => "parts-per-million",
        "mAh" => "milliampere-hour",
        "GPa" => "gigapascal",
        "Nm" => "newton metre",
        "lb-ft" => "foot pound-force",
        "μm" => "micrometre",
        "nm" => "nanometre",
        "mg" => "milligram",
        "mL" => "millilitre",
        "kWh" => "kilowatt hour",
        "GWh" => "gigawatt hour",
        "W" => "watt",
        "Hz" => "hertz",
        "cubic-foot" => "cubic foot",
        "celsius" => "celsius",
        other => other,
    };
    m.to_lowercase()
}

fn singular(w: &str) -> String {
    dyad_extract::scan::singular(&w.to_lowercase())
}

fn unit_matches(pred: Option<&str>, gold: &str) -> bool {
    let gold = gold.trim().to_lowercase();
    match pred {
        None => gold == "-" || gold.is_empty(),
        Some(p) => {
            let mine = if nq_unit(p) != p.to_lowercase() || !p.contains('/') {
                nq_unit(p)
            } else {
                let parts: Vec<String> = p.split('/').map(nq_unit).collect();
                parts.join(" per ")
            };
            if mine == gold {
                return true;
            }
            // counted nouns: our noun is one of the words of theirs
            // ("barrels of oil", "commercial fishermen"), singular
            let ml = singular(mine.rsplit(' ').next().unwrap_or(""));
            gold.split([' ', '-']).any(|w| singular(w) == ml)
                || (gold == "brake horsepower" && mine == "horsepower")
                || (gold == "dollar" && mine.ends_with("dollar"))
                || (gold == "count" && mine == "times")
                || (gold == "horsepower" && mine == "ps")
        }
    }
}

fn parse_gold_value(v: &str) -> Option<(f64, Option<f64>)> {
    let v = v.trim();
    if let Ok(x) = v.parse::<f64>() {
        return Some((x, None));
    }
    let (a, b) = v.split_once('-')?;
    Some((a.parse().ok()?, Some(b.parse().ok()?)))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn newsquant_dev_value_unit_f1() {
    let Some(root) = shared() else {
        println!("note: ../shared not found; NewsQuant check skipped");
        return;
    };
    let path = root.join("corpora/newsquant/NewsQuant.dev.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("note: {} not found; skipped", path.display());
        return;
    };
    let data: serde_json::Value = serde_json::from_str(&text).expect("NewsQuant is JSON");
    let lex = QtyLexicon::builtin();
    let show = std::env::var("NEWSQUANT_ERRORS").is_ok();
    let (mut tp, mut npred, mut ngold) = (0usize, 0usize, 0usize);
    for item in data.as_array().expect("a list") {
        let s = item["text"].as_str().unwrap_or("");
        let figs = figures(lex, s, Span::new(0, s.len()));
        let preds: Vec<_> = figs.iter().filter(|f| f.value.is_some()).collect();
        let mut used = vec![false; preds.len()];
        let golds = item["quantities"].as_array().cloned().unwrap_or_default();
        npred += preds.len();
        ngold += golds.len();
        for g in &golds {
            let Some((mut gv, mut gv2)) = parse_gold_value(g["value"].as_str().unwrap_or(""))
            else {
                continue;
            };
            let mut gu = g["normalized_unit"].as_str().unwrap_or("-").to_string();
            if gu == "cent" || gu.starts_with("cent per ") {
                gv /= 100.0;
                gv2 = gv2.map(|x| x / 100.0);
                gu = format!("dollar{}", &gu[4..]);
            }
            let hit = preds.iter().enumerate().position(|(k, p)| {
                !used[k]
                    && p.value.is_some_and(|v| close(v, gv))
                    && match (gv2, p.value_to) {
                        (Some(a), Some(b)) => close(a, b),
                        (None, None) => true,
                        _ => false,
                    }
                    && unit_matches(p.unit.as_deref(), &gu)
            });
            match hit {
                Some(k) => {
                    used[k] = true;
                    tp += 1;
                }
                None if show => println!("MISS {} {} [{}] in: {s}", g["value"], gu, g["unit"]),
                None => {}
            }
        }
        if show {
            for (k, p) in preds.iter().enumerate() {
                if !used[k] {
                    println!(
                        "SPURIOUS {:?} {:?} {:?} in: {s}",
                        &s[p.span.start..p.span.end],
                        p.value,
                        p.unit
                    );
                }
            }
        }
    }
    let p = tp as f64 / npred.max(1) as f64;
    let r = tp as f64 / ngold.max(1) as f64;
    let f1 = 2.0 * p * r / (p + r).max(f64::MIN_POSITIVE);
    println!("NewsQuant dev value+unit: P {p:.3} R {r:.3} F1 {f1:.3} ({tp} of {ngold} gold, {npred} predicted)");
    assert!(
        f1 >= 0.85,
        "NewsQuant value+unit F1 {f1:.3} fell below the floor"
    );
}
