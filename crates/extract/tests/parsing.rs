//! The parsing layer against public test cases: Recognizers-Text (numbers,
//! percentages, currencies) and quantulum3 (quantities), read from
//! `../shared/corpora/` and skipped with a note when absent. Each test
//! prints its score and holds a floor that locks in what the scanner
//! reaches; raise the floors when it gets better.
use dyad_extract::{figures, numbers, QtyLexicon};
use dyad_text::Span;
use serde_json::Value;
use std::path::PathBuf;

fn load(rel: &str) -> Option<Value> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora")
        .join(rel);
    match std::fs::read_to_string(&p) {
        Ok(t) => Some(serde_json::from_str(&t).expect("test cases are JSON")),
        Err(_) => {
            println!("note: {} is absent; skipped", p.display());
            None
        }
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1e-9)
}

fn whole(s: &str) -> Span {
    Span::new(0, s.len())
}

#[test]
fn recognizers_numbers() {
    let Some(cases) = load("recognizers-text/Number_English_NumberModel.json") else {
        return;
    };
    let lex = QtyLexicon::builtin();
    let (mut want, mut hit, mut got) = (0, 0, 0);
    for c in cases.as_array().unwrap() {
        let input = c["Input"].as_str().unwrap_or("");
        let nums: Vec<f64> = numbers(lex, input, whole(input))
            .into_iter()
            .filter_map(|(_, v)| v.ok())
            .collect();
        got += nums.len();
        let mut used = vec![false; nums.len()];
        for r in c["Results"].as_array().into_iter().flatten() {
            want += 1;
            let Some(v) = r["Resolution"]["value"]
                .as_str()
                .and_then(|v| v.parse::<f64>().ok())
            else {
                continue;
            };
            if let Some(k) = (0..nums.len()).find(|&k| !used[k] && close(nums[k], v)) {
                used[k] = true;
                hit += 1;
            }
        }
    }
    let r = hit as f64 / want as f64;
    let p = hit as f64 / got.max(1) as f64;
    println!("Recognizers-Text NumberModel: recall {r:.3} ({hit}/{want}), precision {p:.3}");
    assert!(r >= 0.42, "number recall {r:.3} fell below its floor");
}

#[test]
fn recognizers_percentages() {
    let Some(cases) = load("recognizers-text/Number_English_PercentModel.json") else {
        return;
    };
    let lex = QtyLexicon::builtin();
    let (mut want, mut hit) = (0, 0);
    for c in cases.as_array().unwrap() {
        let input = c["Input"].as_str().unwrap_or("");
        let figs = figures(lex, input, whole(input));
        for r in c["Results"].as_array().into_iter().flatten() {
            want += 1;
            let v: Option<f64> = r["Resolution"]["value"]
                .as_str()
                .and_then(|v| v.trim_end_matches('%').parse().ok());
            if figs.iter().any(|f| {
                f.unit.as_deref() == Some("percent")
                    && v.is_some_and(|v| f.value.is_some_and(|x| close(x, v)))
            }) {
                hit += 1;
            }
        }
    }
    let r = hit as f64 / want as f64;
    println!("Recognizers-Text PercentModel: recall {r:.3} ({hit}/{want})");
    assert!(r >= 0.6, "percent recall {r:.3} fell below its floor");
}

fn currency_code(unit: &str) -> Option<&'static str> {
    Some(match unit {
        "Dollar" | "United States dollar" | "Cent" => "USD",
        "Euro" => "EUR",
        "Chinese yuan" => "CNY",
        "Pound" | "British pound" | "Pence" => "GBP",
        "Canadian dollar" => "CAD",
        "Japanese yen" => "JPY",
        "Australian dollar" => "AUD",
        "Turkish lira" => "TRY",
        "Rupee" => "INR",
        _ => return None,
    })
}

#[test]
fn recognizers_currencies() {
    let Some(cases) = load("recognizers-text/NumberWithUnit_English_CurrencyModel.json") else {
        return;
    };
    let lex = QtyLexicon::builtin();
    let (mut want, mut value_hit, mut unit_hit) = (0, 0, 0);
    for c in cases.as_array().unwrap() {
        let input = c["Input"].as_str().unwrap_or("");
        let figs = figures(lex, input, whole(input));
        for r in c["Results"].as_array().into_iter().flatten() {
            want += 1;
            let unit = r["Resolution"]["unit"].as_str().unwrap_or("");
            let Some(mut v) = r["Resolution"]["value"]
                .as_str()
                .and_then(|v| v.parse::<f64>().ok())
            else {
                continue;
            };
            if unit == "Cent" || unit == "Pence" {
                v /= 100.0;
            }
            let m: Vec<_> = figs
                .iter()
                .filter(|f| {
                    f.dim.as_deref() == Some("currency") && f.value.is_some_and(|x| close(x, v))
                })
                .collect();
            if !m.is_empty() {
                value_hit += 1;
                if currency_code(unit)
                    .is_some_and(|code| m.iter().any(|f| f.unit.as_deref() == Some(code)))
                {
                    unit_hit += 1;
                }
            }
        }
    }
    let rv = value_hit as f64 / want as f64;
    let ru = unit_hit as f64 / want as f64;
    println!("Recognizers-Text CurrencyModel: value recall {rv:.3} ({value_hit}/{want}), value+currency {ru:.3}");
    assert!(
        rv >= 0.7,
        "currency value recall {rv:.3} fell below its floor"
    );
    assert!(
        ru >= 0.6,
        "currency value+unit recall {ru:.3} fell below its floor"
    );
}

#[test]
fn quantulum3_quantities() {
    let Some(cases) = load("quantulum3/quantities.json") else {
        return;
    };
    let lex = QtyLexicon::builtin();
    let (mut want, mut hit) = (0, 0);
    for c in cases.as_array().unwrap() {
        let input = c["req"].as_str().unwrap_or("");
        let figs = figures(lex, input, whole(input));
        let nums: Vec<f64> = numbers(lex, input, whole(input))
            .into_iter()
            .filter_map(|(_, v)| v.ok())
            .collect();
        for r in c["res"].as_array().into_iter().flatten() {
            let Some(v) = r["value"].as_f64() else {
                continue;
            };
            want += 1;
            // a unit-less quantity is a bare number; one with a unit a figure
            let ok = if r["unit"] == "dimensionless" {
                nums.iter().any(|&x| close(x, v))
            } else {
                figs.iter().any(|f| f.value.is_some_and(|x| close(x, v)))
                    || nums.iter().any(|&x| close(x, v))
            };
            if ok {
                hit += 1;
            }
        }
    }
    let r = hit as f64 / want as f64;
    println!("quantulum3: value recall {r:.3} ({hit}/{want})");
    assert!(
        r >= 0.75,
        "quantulum3 value recall {r:.3} fell below its floor"
    );
}
