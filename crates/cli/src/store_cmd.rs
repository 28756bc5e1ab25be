//! The store commands: `ingest`, `recode`, `query`, `dyad`, `actors`,
//! `export`. Arguments and printing only; the work is in `dyad-store`.

use crate::{load_lexicon, load_tagger, parse_date_arg, LexArgs};
use anyhow::{bail, Context, Result};
use clap::{Subcommand, ValueEnum};
use dyad_code::Coder;
use dyad_store::{By, Filter, IngestOptions, Kind, Mode, Progress, Row, Series, Store};
use dyad_text::input::ReadOptions;
use serde_json::{json, Value};
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args, Clone)]
pub struct DbArg {
    /// The store file.
    #[arg(long, value_name = "FILE", default_value = "dyad.db")]
    db: PathBuf,
}

#[derive(clap::Args, Clone, Default)]
pub struct FilterArgs {
    /// Source or target actor: code prefix (CHN matches CHNGOV) or country.
    #[arg(long)]
    actor: Option<String>,
    #[arg(long)]
    source: Option<String>,
    #[arg(long)]
    target: Option<String>,
    /// A pair in either direction: A,B (or A-B).
    #[arg(long, value_name = "A,B")]
    dyad: Option<String>,
    /// Source or target country (ISO alpha-3 or CAMEO region).
    #[arg(long)]
    country: Option<String>,
    /// CAMEO code or its prefix (04 is the whole root).
    #[arg(long)]
    code: Option<String>,
    /// CAMEO root (2 digits).
    #[arg(long)]
    root: Option<String>,
    /// PLOVER event category (CONSULT, ACCUSE, ...).
    #[arg(long)]
    plover: Option<String>,
    /// Quad class 1-4.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    quad: Option<u8>,
    /// asserted, future, intent, negated, hypothetical or reported.
    #[arg(long)]
    modality: Option<String>,
    /// From this date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
    #[arg(long)]
    from: Option<String>,
    /// Up to this date, inclusive.
    #[arg(long)]
    to: Option<String>,
    /// Document id (`*` and `?` are wildcards).
    #[arg(long)]
    doc: Option<String>,
    /// Include superseded versions of changed documents.
    #[arg(long)]
    all_versions: bool,
    /// At most this many rows.
    #[arg(long)]
    limit: Option<usize>,
}

impl FilterArgs {
    fn filter(&self) -> Result<Filter> {
        let dyad = match &self.dyad {
            None => None,
            Some(s) => {
                let parts: Vec<&str> = s.split([',', '-', ' ']).filter(|p| !p.is_empty()).collect();
                match parts.as_slice() {
                    [a, b] => Some((a.to_string(), b.to_string())),
                    _ => bail!("--dyad \"{s}\": write two actors, as in CHN,RUS"),
                }
            }
        };
        Ok(Filter {
            actor: self.actor.clone(),
            source: self.source.clone(),
            target: self.target.clone(),
            dyad,
            country: self.country.clone(),
            code: self.code.clone(),
            root: self.root.clone(),
            plover: self.plover.clone(),
            quad: self.quad,
            modality: self.modality.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            doc: self.doc.clone(),
            all_versions: self.all_versions,
            limit: self.limit,
        })
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum QueryFormat {
    Table,
    Jsonl,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum SeriesFormat {
    Table,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// PLOVER JSON Lines.
    Plover,
    /// GDELT 2.0-style event table (a subset of its columns, tab-separated).
    Gdelt,
    /// CSV with a header (the columns of `query events --format csv`).
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum KindArg {
    Events,
    Claims,
    Commitments,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PeriodArg {
    Month,
    Quarter,
    Year,
}

#[derive(Subcommand)]
pub enum StoreCmd {
    /// Code documents into the store (skips what is stored unchanged).
    Ingest {
        /// Files or folders (recursively); `-` reads JSON Lines from stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Document date (YYYY-MM-DD) for documents that carry none.
        #[arg(long)]
        date: Option<String>,
        /// Documents per transaction.
        #[arg(long, default_value_t = 100)]
        batch: usize,
        /// Coding threads (default: the available cores, at most 8).
        #[arg(long)]
        threads: Option<usize>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        lex: LexArgs,
    },
    /// Re-run the coder over the stored documents and report what changed.
    Recode {
        #[arg(long)]
        threads: Option<usize>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        lex: LexArgs,
    },
    /// Stored events, claims or commitments, filtered.
    Query {
        #[arg(value_enum)]
        kind: KindArg,
        #[command(flatten)]
        filter: Box<FilterArgs>,
        #[arg(long, value_enum, default_value = "table")]
        format: QueryFormat,
        /// Commitments: their status as of this date (YYYY-MM-DD; default:
        /// the latest document date in the store).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Claims: add the cross-document findings (conflicts, reference).
        #[arg(long)]
        checks: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// Time series of a pair of countries, both directions.
    Dyad {
        a: String,
        b: String,
        #[arg(long, value_enum, default_value = "month")]
        by: PeriodArg,
        /// From this date (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        /// Count negated and hypothetical events too.
        #[arg(long)]
        all_modalities: bool,
        #[arg(long, value_enum, default_value = "table")]
        format: SeriesFormat,
        #[command(flatten)]
        db: DbArg,
    },
    /// The most active actors and country pairs.
    Actors {
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Count by country instead of full actor code.
        #[arg(long)]
        countries: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// Export events: PLOVER JSON Lines, GDELT-style TSV or CSV.
    Export {
        #[arg(value_enum)]
        format: ExportFormat,
        #[command(flatten)]
        filter: Box<FilterArgs>,
        /// Write here instead of stdout.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// GDELT: write a header line (GDELT's own files have none).
        #[arg(long)]
        header: bool,
        #[command(flatten)]
        db: DbArg,
    },
}

pub fn run(cmd: StoreCmd) -> Result<i32> {
    match cmd {
        StoreCmd::Ingest {
            paths,
            date,
            batch,
            threads,
            db,
            lex,
        } => ingest(&paths, date, batch, threads, &db, &lex),
        StoreCmd::Recode { threads, db, lex } => recode(threads, &db, &lex),
        StoreCmd::Query {
            kind,
            filter,
            format,
            as_of,
            checks,
            db,
        } => query(kind, &filter, format, (as_of, checks), &db),
        StoreCmd::Dyad {
            a,
            b,
            by,
            from,
            to,
            all_modalities,
            format,
            db,
        } => dyad(&a, &b, by, from, to, all_modalities, format, &db),
        StoreCmd::Actors {
            limit,
            countries,
            db,
        } => actors(limit, countries, &db),
        StoreCmd::Export {
            format,
            filter,
            output,
            header,
            db,
        } => export(format, &filter, output, header, &db),
    }
}

fn threads(n: Option<usize>) -> usize {
    n.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(8)
    })
    .max(1)
}

/// A one-line progress bar on stderr, only when stderr is a terminal.
struct Bar {
    on: bool,
    start: Instant,
    what: &'static str,
}

impl Bar {
    fn new(what: &'static str) -> Bar {
        Bar {
            on: std::io::stderr().is_terminal(),
            start: Instant::now(),
            what,
        }
    }
    fn show(&self, p: Progress) {
        if !self.on {
            return;
        }
        let secs = self.start.elapsed().as_secs_f64().max(1e-3);
        let rate = p.done as f64 / secs;
        let width = 30;
        let filled = (p.done * width).checked_div(p.total).unwrap_or(width);
        let eta = if rate > 0.0 && p.total > p.done {
            format!(" ETA {:.0}s", (p.total - p.done) as f64 / rate)
        } else {
            String::new()
        };
        eprint!(
            "\r{} [{}{}] {}/{} docs {:.1} docs/s{}   ",
            self.what,
            "#".repeat(filled),
            "-".repeat(width - filled),
            p.done,
            p.total,
            rate,
            eta
        );
        let _ = std::io::stderr().flush();
    }
    fn done(&self) {
        if self.on {
            eprint!("\r{}\r", " ".repeat(80));
        }
    }
}

fn ingest(
    paths: &[PathBuf],
    date: Option<String>,
    batch: usize,
    threads_n: Option<usize>,
    db: &DbArg,
    lex: &LexArgs,
) -> Result<i32> {
    let date = parse_date_arg(&date)?;
    let lexicon = load_lexicon(lex)?;
    let tagger = load_tagger(lex)?;
    let mut store = Store::open(&db.db, Mode::Create)?;
    let start = Instant::now();
    let opts = ReadOptions {
        date,
        ..Default::default()
    };
    // read lazily, a batch at a time: a stream of any length in bounded memory
    let failures = std::cell::Cell::new(0usize);
    let docs = crate::parallel::inputs(paths.to_vec(), opts).filter_map(|r| match r {
        Ok(d) => Some(d),
        Err(e) => {
            eprintln!("dyad: {e}");
            failures.set(failures.get() + 1);
            None
        }
    });
    let coder = Coder::new(&lexicon, tagger);
    let reference = dyad_extract::Reference::builtin();
    let extractor = crate::claims::extractor(&lexicon, tagger, &reference);
    // claims are stored beside the events, as `dyad code` writes them
    // commitments too, without a status: `dyad checks` and `dyad query
    // commitments` resolve them over the whole store
    let cues = crate::commitments::load_cues(lex)?;
    let promises = crate::checks_cmd::CommitmentHook::new(&lexicon, tagger, cues);
    let claims = |doc: &dyad_text::Doc, coded: &dyad_code::Coded| -> Vec<Value> {
        extractor
            .extract(doc)
            .iter()
            .map(|c| dyad_extract::claim_record(doc, c))
            .chain(promises.records_coded(doc, coded))
            .collect()
    };
    let bar = Bar::new("ingest");
    let stats = store.ingest_coded(
        docs,
        &coder,
        &IngestOptions {
            batch,
            threads: threads(threads_n),
        },
        &claims,
        &mut |p| bar.show(p),
    )?;
    bar.done();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{}: {} documents read: {} new, {} changed (new version), {} unchanged; \
         {} sentences, {} events, {} other records stored in {:.1}s ({:.1} docs/s)",
        db.db.display(),
        stats.seen,
        stats.added,
        stats.replaced,
        stats.unchanged,
        stats.sentences,
        stats.events,
        stats.records - stats.events,
        secs,
        stats.seen as f64 / secs.max(1e-9)
    );
    if stats.other_lexicon > 0 {
        println!(
            "note: {} unchanged documents were coded with another lexicon; `dyad recode` recodes them",
            stats.other_lexicon
        );
    }
    Ok(if failures.get() > 0 { 1 } else { 0 })
}

fn recode(threads_n: Option<usize>, db: &DbArg, lex: &LexArgs) -> Result<i32> {
    let lexicon = load_lexicon(lex)?;
    let tagger = load_tagger(lex)?;
    let mut store = Store::open(&db.db, Mode::Existing)?;
    let coder = Coder::new(&lexicon, tagger);
    let reference = dyad_extract::Reference::builtin();
    let extractor = crate::claims::extractor(&lexicon, tagger, &reference);
    // commitments too, without a status: `dyad checks` and `dyad query
    // commitments` resolve them over the whole store
    let cues = crate::commitments::load_cues(lex)?;
    let promises = crate::checks_cmd::CommitmentHook::new(&lexicon, tagger, cues);
    let claims = |doc: &dyad_text::Doc, coded: &dyad_code::Coded| -> Vec<Value> {
        extractor
            .extract(doc)
            .iter()
            .map(|c| dyad_extract::claim_record(doc, c))
            .chain(promises.records_coded(doc, coded))
            .collect()
    };
    let bar = Bar::new("recode");
    let start = Instant::now();
    let st = store.recode_coded(
        &coder,
        &IngestOptions {
            batch: 100,
            threads: threads(threads_n),
        },
        &claims,
        &mut |p| bar.show(p),
    )?;
    bar.done();
    println!(
        "recoded {} documents with lexicon {} in {:.1}s: {} events added, {} removed, {} recoded, {} unchanged ({} documents changed); claims: {} new, {} gone",
        st.documents,
        lexicon.version,
        start.elapsed().as_secs_f64(),
        st.added,
        st.removed,
        st.recoded,
        st.unchanged,
        st.changed_documents,
        st.other_added,
        st.other_removed
    );
    Ok(0)
}

fn kind_of(k: KindArg) -> Kind {
    match k {
        KindArg::Events => Kind::Events,
        KindArg::Claims => Kind::Claims,
        KindArg::Commitments => Kind::Commitments,
    }
}

/// The CSV columns of each kind: header and how to get it from a row.
/// A CSV column: its header and how to get it from a row and its record.
type Col = (&'static str, fn(&Row, &Value) -> String);

fn columns(kind: Kind) -> Vec<Col> {
    fn st(v: &Value) -> String {
        match v {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
    let common: Vec<Col> = vec![
        ("id", |r, _| r.id.to_string()),
        ("doc", |r, _| r.doc.clone()),
        ("sentence", |_, v| st(&v["sentence"])),
    ];
    let rest: Vec<Col> = match kind {
        Kind::Events => vec![
            ("date", |_, v| st(&v["date"])),
            ("date_basis", |_, v| st(&v["date_basis"])),
            ("source", |_, v| st(&v["source"]["code"])),
            ("source_country", |_, v| st(&v["source"]["country"])),
            ("source_text", |_, v| st(&v["source"]["text"])),
            ("target", |_, v| st(&v["target"]["code"])),
            ("target_country", |_, v| st(&v["target"]["country"])),
            ("target_text", |_, v| st(&v["target"]["text"])),
            ("cameo", |_, v| st(&v["cameo"])),
            ("root", |_, v| st(&v["root"])),
            ("quad_class", |_, v| st(&v["quad_class"])),
            ("goldstein", |_, v| st(&v["goldstein"])),
            ("plover_event", |_, v| st(&v["plover"]["event"])),
            ("modality", |_, v| st(&v["modality"])),
            ("trigger", |_, v| st(&v["trigger"]["text"])),
            ("rule", |_, v| st(&v["rule"])),
            ("lexicon", |_, v| st(&v["lexicon"])),
            ("text", |_, v| st(&v["text"])),
        ],
        Kind::Claims => vec![
            ("quantity", |_, v| st(&v["quantity"])),
            ("value", |_, v| st(&v["value"])),
            ("unit", |_, v| st(&v["unit"])),
            ("qualifier", |_, v| st(&v["qualifier"])),
            ("period", |_, v| st(&v["period"])),
            ("actors", |_, v| st(&v["actors"])),
            ("text", |_, v| st(&v["text"])),
        ],
        Kind::Commitments => vec![
            ("actor", |_, v| match &v["actor"] {
                Value::Object(o) => o.get("code").map(st).unwrap_or_default(),
                // commitment records list their actors
                Value::Array(a) => a
                    .iter()
                    .map(|x| st(&x["code"]))
                    .filter(|c| !c.is_empty())
                    .collect::<Vec<_>>()
                    .join("+"),
                other => st(other),
            }),
            ("action", |_, v| match &v["action"] {
                Value::Object(o) => o.get("text").map(st).unwrap_or_default(),
                other => st(other),
            }),
            ("due", |_, v| st(&v["due"])),
            ("status", |_, v| st(&v["status"])),
            ("text", |_, v| st(&v["text"])),
        ],
    };
    common.into_iter().chain(rest).collect()
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn parse(row: &Row) -> Value {
    serde_json::from_str(&row.record).unwrap_or(Value::Null)
}

/// Terminal width: the terminal's own, else `COLUMNS`, else 120.
fn term_width() -> usize {
    #[cfg(unix)]
    {
        if std::io::stdout().is_terminal() {
            // SAFETY: TIOCGWINSZ fills a winsize struct we own; nothing
            // else is read or written.
            let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
            let r = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) };
            if r == 0 && ws.ws_col > 20 {
                return ws.ws_col as usize;
            }
        }
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&c: &usize| c > 20)
        .unwrap_or(120)
}

/// Cuts a string to `w` characters, marking the cut.
fn fit(s: &str, w: usize) -> String {
    let s = s.replace(['\n', '\r', '\t'], " ");
    if s.chars().count() <= w {
        return s;
    }
    if w == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(w - 1).collect();
    out.push('…');
    out
}

/// Prints rows as a table whose last column takes what width is left.
fn print_table(out: &mut impl Write, head: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let total = term_width();
    let n = head.len();
    let mut w: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n - 1) {
            w[i] = w[i].max(c.chars().count()).min(24);
        }
    }
    let used: usize = w[..n - 1].iter().sum::<usize>() + 2 * (n - 1);
    w[n - 1] = total.saturating_sub(used).max(10);
    let line = |cells: Vec<String>| -> String {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            let f = fit(c, w[i]);
            if i + 1 == n {
                s.push_str(&f);
            } else {
                s.push_str(&format!("{f:<width$}  ", width = w[i]));
            }
        }
        s.trim_end().to_string()
    };
    writeln!(
        out,
        "{}",
        line(head.iter().map(|h| h.to_string()).collect())
    )?;
    for r in rows {
        writeln!(out, "{}", line(r.clone()))?;
    }
    Ok(())
}

fn query(
    kind: KindArg,
    fa: &FilterArgs,
    format: QueryFormat,
    (as_of, checks): (Option<String>, bool),
    db: &DbArg,
) -> Result<i32> {
    let kind = kind_of(kind);
    let mut filter = fa.filter()?;
    if as_of.is_some() && kind != Kind::Commitments {
        bail!("--as-of applies to commitments");
    }
    if checks && kind != Kind::Claims {
        bail!("--checks applies to claims");
    }
    let as_of = crate::checks_cmd::parse_as_of(&as_of)?;
    let store = Store::open(&db.db, Mode::Existing)?;
    // commitments resolved over the store; claims with --checks: findings
    let patch = crate::checks_cmd::QueryPatch::new(&store, kind, as_of, checks)?;
    let fix = |r: Row| match &patch {
        Some(p) => p.apply(r),
        None => r,
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match format {
        QueryFormat::Jsonl => {
            store.query::<anyhow::Error>(kind, &filter, |r| {
                let r = fix(r);
                out.write_all(r.record.as_bytes())?;
                out.write_all(b"\n")?;
                Ok(())
            })?;
        }
        QueryFormat::Csv => {
            let cols = columns(kind);
            let head: Vec<&str> = cols.iter().map(|c| c.0).collect();
            writeln!(out, "{}", head.join(","))?;
            store.query::<anyhow::Error>(kind, &filter, |r| {
                let r = fix(r);
                let v = parse(&r);
                let cells: Vec<String> = cols.iter().map(|c| csv_field(&(c.1)(&r, &v))).collect();
                writeln!(out, "{}", cells.join(","))?;
                Ok(())
            })?;
        }
        QueryFormat::Table => {
            let shown = filter.limit.unwrap_or(50);
            filter.limit = Some(shown);
            let total = store.count(
                kind,
                &Filter {
                    limit: None,
                    ..filter.clone()
                },
            )?;
            let cols = columns(kind);
            let pick: &[&str] = match kind {
                Kind::Events => &[
                    "id",
                    "date",
                    "source",
                    "target",
                    "cameo",
                    "quad_class",
                    "goldstein",
                    "modality",
                    "doc",
                    "text",
                ],
                Kind::Claims => &["id", "quantity", "value", "unit", "period", "doc", "text"],
                Kind::Commitments => &["id", "actor", "action", "due", "status", "doc", "text"],
            };
            let idx: Vec<usize> = pick
                .iter()
                .filter_map(|p| cols.iter().position(|c| c.0 == *p))
                .collect();
            let mut rows = Vec::new();
            store.query::<anyhow::Error>(kind, &filter, |r| {
                let r = fix(r);
                let v = parse(&r);
                rows.push(idx.iter().map(|&i| (cols[i].1)(&r, &v)).collect());
                Ok(())
            })?;
            let head: Vec<&str> = idx
                .iter()
                .map(|&i| match cols[i].0 {
                    "quad_class" => "q",
                    "goldstein" => "gs",
                    h => h,
                })
                .collect();
            print_table(&mut out, &head, &rows)?;
            if (rows.len() as i64) < total {
                writeln!(
                    out,
                    "({} of {total} shown; --limit N for more, --format jsonl|csv for all)",
                    rows.len()
                )?;
            }
        }
    }
    out.flush()?;
    Ok(0)
}

/// `▁▂▃▄▅▆▇█` scaled between the smallest and largest value; `None` is a gap.
fn sparkline(vals: &[Option<f64>]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let known: Vec<f64> = vals.iter().flatten().copied().collect();
    let lo = known.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = known.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    vals.iter()
        .map(|v| match v {
            None => ' ',
            Some(x) if hi > lo => BARS[(((x - lo) / (hi - lo)) * 7.0).round() as usize],
            Some(_) => BARS[3],
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn dyad(
    a: &str,
    b: &str,
    by: PeriodArg,
    from: Option<String>,
    to: Option<String>,
    all_modalities: bool,
    format: SeriesFormat,
    db: &DbArg,
) -> Result<i32> {
    Store::check_country(a)?;
    Store::check_country(b)?;
    let by = match by {
        PeriodArg::Month => By::Month,
        PeriodArg::Quarter => By::Quarter,
        PeriodArg::Year => By::Year,
    };
    let store = Store::open(&db.db, Mode::Existing)?;
    let all = [
        "asserted",
        "reported",
        "future",
        "intent",
        "negated",
        "hypothetical",
    ];
    let s = store.series(
        a,
        b,
        by,
        from.as_deref(),
        to.as_deref(),
        all_modalities.then_some(&all[..]),
    )?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match format {
        SeriesFormat::Csv => series_csv(&mut out, &s)?,
        SeriesFormat::Table => series_table(&mut out, &s)?,
    }
    out.flush()?;
    Ok(0)
}

fn series_csv(out: &mut impl Write, s: &Series) -> Result<()> {
    writeln!(
        out,
        "period,source,target,events,quad1,quad2,quad3,quad4,goldstein_sum,goldstein_mean"
    )?;
    for r in &s.rows {
        for (d, (src, tgt)) in [(&s.a, &s.b), (&s.b, &s.a)].into_iter().enumerate() {
            let c = &r.dirs[d];
            writeln!(
                out,
                "{},{src},{tgt},{},{},{},{},{},{:.1},{}",
                r.period,
                c.n,
                c.quad[0],
                c.quad[1],
                c.quad[2],
                c.quad[3],
                c.goldstein_sum,
                c.goldstein_mean()
                    .map(|m| format!("{m:.2}"))
                    .unwrap_or_default()
            )?;
        }
    }
    Ok(())
}

fn series_table(out: &mut impl Write, s: &Series) -> Result<()> {
    if s.rows.is_empty() {
        writeln!(out, "no dated events between {} and {}", s.a, s.b)?;
        return Ok(());
    }
    let cell = |c: &dyad_store::Cell| {
        format!(
            "{:>5} {:>4} {:>4} {:>4} {:>4} {:>7.1} {:>6}",
            c.n,
            c.quad[0],
            c.quad[1],
            c.quad[2],
            c.quad[3],
            c.goldstein_sum,
            c.goldstein_mean()
                .map(|m| format!("{m:.2}"))
                .unwrap_or_else(|| "-".into())
        )
    };
    let pw = s.rows[0].period.len().max(6);
    let half = format!(
        "{:>5} {:>4} {:>4} {:>4} {:>4} {:>7} {:>6}",
        "n", "q1", "q2", "q3", "q4", "gs sum", "mean"
    );
    let hw = half.chars().count();
    let ab = format!("{} -> {}", s.a, s.b);
    writeln!(out, "{:pw$}  {ab:<hw$}  | {} -> {}", "", s.b, s.a)?;
    writeln!(out, "{:pw$}  {half}  | {half}", "period")?;
    for r in &s.rows {
        writeln!(
            out,
            "{:pw$}  {}  | {}",
            r.period,
            cell(&r.dirs[0]),
            cell(&r.dirs[1])
        )?;
    }
    let tot = |d: usize| {
        let mut t = dyad_store::Cell::default();
        for r in &s.rows {
            t.n += r.dirs[d].n;
            for q in 0..4 {
                t.quad[q] += r.dirs[d].quad[q];
            }
            t.goldstein_sum += r.dirs[d].goldstein_sum;
        }
        t
    };
    writeln!(
        out,
        "{:pw$}  {}  | {}",
        "total",
        cell(&tot(0)),
        cell(&tot(1))
    )?;
    // sparklines of the last periods that fit
    let width = term_width().saturating_sub(24).max(10);
    let from = s.rows.len().saturating_sub(width);
    let rows = &s.rows[from..];
    writeln!(
        out,
        "\nsparklines from {} to {}{}:",
        rows[0].period,
        rows[rows.len() - 1].period,
        if from > 0 { " (latest periods)" } else { "" }
    )?;
    for (d, name) in [
        (0, format!("{}->{}", s.a, s.b)),
        (1, format!("{}->{}", s.b, s.a)),
    ] {
        let n: Vec<Option<f64>> = rows.iter().map(|r| Some(r.dirs[d].n as f64)).collect();
        let g: Vec<Option<f64>> = rows.iter().map(|r| r.dirs[d].goldstein_mean()).collect();
        writeln!(out, "  {name:<9} events   {}", sparkline(&n))?;
        writeln!(out, "  {name:<9} mean gs  {}", sparkline(&g))?;
    }
    if s.year_only > 0 {
        writeln!(
            out,
            "({} events dated only to a year are counted in --by year only)",
            s.year_only
        )?;
    }
    Ok(())
}

fn actors(limit: usize, countries: bool, db: &DbArg) -> Result<i32> {
    let store = Store::open(&db.db, Mode::Existing)?;
    let (act, pairs) = store.actors(limit, countries)?;
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    writeln!(
        out,
        "{:<10} {:>8} {:>8} {:>8}",
        if countries { "country" } else { "actor" },
        "events",
        "source",
        "target"
    )?;
    for a in &act {
        writeln!(
            out,
            "{:<10} {:>8} {:>8} {:>8}",
            a.actor,
            a.as_source + a.as_target,
            a.as_source,
            a.as_target
        )?;
    }
    writeln!(out, "\n{:<12} {:>8} {:>10}", "pair", "events", "mean gs")?;
    for p in &pairs {
        writeln!(
            out,
            "{:<12} {:>8} {:>10.2}",
            format!("{}->{}", p.source, p.target),
            p.n,
            p.goldstein_mean
        )?;
    }
    out.flush()?;
    Ok(0)
}

/// A PLOVER record (see docs/STORE.md for the mapping).
fn plover_record(r: &Row, v: &Value) -> Value {
    let entity = |a: &Value| {
        if a.is_null() {
            return Value::Null;
        }
        json!([{ "code": a["code"], "country": a["country"], "text": a["text"], "span": a["span"] }])
    };
    let date = v["date"].as_str().unwrap_or("");
    let start = dyad_store::date_start(date);
    let end = date
        .split('/')
        .nth(1)
        .and_then(dyad_store::date_start)
        .or_else(|| (date.len() == 4 || date.len() == 7).then(|| period_end(date)));
    let list = |x: &Value| match x {
        Value::Null => json!([]),
        Value::Array(_) => x.clone(),
        other => json!([other]),
    };
    let mut o = json!({
        "id": format!("dyad-{}", r.id),
        "has_event": true,
        "date": start,
        "actor": entity(&v["source"]),
        "recipient": entity(&v["target"]),
        "event": list(&v["plover"]["event"]),
        "mode": list(&v["plover"]["mode"]),
        "context": list(&v["plover"]["context"]),
        "quad_code": v["quad_class"],
        "event_text": [v["trigger"]["text"]],
        "text": v["text"],
        "cite_info": {"doc": r.doc, "version": r.version, "url": r.url, "source": r.source,
                      "sentence": v["sentence"], "span": v["span"]},
        "coder": format!("dyad {} ({})", env!("CARGO_PKG_VERSION"), v["lexicon"].as_str().unwrap_or("")),
        "coded_date": r.ingested_at.get(..10),
        "cameo": v["cameo"],
        "goldstein": v["goldstein"],
        "modality": v["modality"],
        "date_text": v["date"],
        "date_basis": v["date_basis"],
        "rule": v["rule"],
    });
    if let (Some(e), Some(obj)) = (end, o.as_object_mut()) {
        obj.insert("enddate".into(), json!(e));
    }
    o
}

/// The last day of `YYYY` or `YYYY-MM`.
fn period_end(p: &str) -> String {
    if p.len() == 4 {
        return format!("{p}-12-31");
    }
    let y: i32 = p[..4].parse().unwrap_or(2000);
    let m: u32 = p[5..7].parse().unwrap_or(1);
    let next = if m == 12 {
        chrono::NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        chrono::NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|d| d.pred_opt())
        .map(|d| d.to_string())
        .unwrap_or_else(|| format!("{p}-28"))
}

/// The GDELT 2.0 event-table columns written, in order.
pub const GDELT_COLUMNS: &[&str] = &[
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "DATEADDED",
    "SOURCEURL",
];

fn gdelt_row(r: &Row, v: &Value) -> String {
    let st = |x: &Value| match x {
        Value::Null => String::new(),
        Value::String(s) => s.replace(['\t', '\n', '\r'], " "),
        other => other.to_string(),
    };
    let date = v["date"].as_str().and_then(dyad_store::date_start);
    let (sql, my, y, frac) = match date.as_deref().and_then(dyad_code::parse_date) {
        Some(d) => {
            use chrono::Datelike;
            (
                d.format("%Y%m%d").to_string(),
                d.format("%Y%m").to_string(),
                d.year().to_string(),
                format!("{:.4}", d.year() as f64 + d.ordinal0() as f64 / 365.0),
            )
        }
        None => Default::default(),
    };
    let cameo = st(&v["cameo"]);
    let added = r
        .ingested_at
        .chars()
        .filter(|c| c.is_ascii_digit())
        .collect::<String>();
    let cells = [
        r.id.to_string(),
        sql,
        my,
        y,
        frac,
        st(&v["source"]["code"]),
        st(&v["source"]["text"]).to_uppercase(),
        st(&v["source"]["country"]),
        st(&v["target"]["code"]),
        st(&v["target"]["text"]).to_uppercase(),
        st(&v["target"]["country"]),
        if v["sentence"].as_i64() == Some(0) {
            "1"
        } else {
            "0"
        }
        .to_string(),
        cameo.clone(),
        cameo.chars().take(3).collect(),
        st(&v["root"]),
        st(&v["quad_class"]),
        st(&v["goldstein"]),
        "1".into(),
        "1".into(),
        "1".into(),
        added,
        r.url.clone().unwrap_or_else(|| r.doc.clone()),
    ];
    cells.join("\t")
}

fn export(
    format: ExportFormat,
    fa: &FilterArgs,
    output: Option<PathBuf>,
    header: bool,
    db: &DbArg,
) -> Result<i32> {
    let filter = fa.filter()?;
    let store = Store::open(&db.db, Mode::Existing)?;
    let sink: Box<dyn Write> = match &output {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    let n = match format {
        ExportFormat::Plover => store.query::<anyhow::Error>(Kind::Events, &filter, |r| {
            serde_json::to_writer(&mut out, &plover_record(&r, &parse(&r)))?;
            out.write_all(b"\n")?;
            Ok(())
        })?,
        ExportFormat::Gdelt => {
            if header {
                writeln!(out, "{}", GDELT_COLUMNS.join("\t"))?;
            }
            store.query::<anyhow::Error>(Kind::Events, &filter, |r| {
                writeln!(out, "{}", gdelt_row(&r, &parse(&r)))?;
                Ok(())
            })?
        }
        ExportFormat::Csv => {
            let cols = columns(Kind::Events);
            let head: Vec<&str> = cols.iter().map(|c| c.0).collect();
            writeln!(out, "{}", head.join(","))?;
            store.query::<anyhow::Error>(Kind::Events, &filter, |r| {
                let v = parse(&r);
                let cells: Vec<String> = cols.iter().map(|c| csv_field(&(c.1)(&r, &v))).collect();
                writeln!(out, "{}", cells.join(","))?;
                Ok(())
            })?
        }
    };
    out.flush()?;
    if let Some(p) = output {
        eprintln!("wrote {n} events to {}", p.display());
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_scales_and_gaps() {
        assert_eq!(sparkline(&[Some(0.0), Some(7.0), None]), "▁█ ");
        assert_eq!(sparkline(&[Some(2.0), Some(2.0)]), "▄▄");
    }

    #[test]
    fn fit_and_csv() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("ab\ncd", 10), "ab cd");
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
        assert_eq!(period_end("2024-02"), "2024-02-29");
        assert_eq!(period_end("2021"), "2021-12-31");
    }
}
