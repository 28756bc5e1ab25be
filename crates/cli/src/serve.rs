//! `dyad serve`, `dyad demo` and `dyad key`: wiring of dyad-server to the
//! coder, the extractors and the store.
use crate::{commitments, demo_store, load_lexicon, load_tagger, samples, LexArgs};
use anyhow::{anyhow, Context, Result};
use dyad_code::{event_record, Coder};
use dyad_extract::Reference;
use dyad_lexicon::Lexicon;
use dyad_server::{Options, Pipeline, Server};
use dyad_store::{IngestOptions, IngestStats, Mode, Store};
use dyad_text::Doc;
use dyad_time::Tagger;
use serde_json::Value;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Subcommand)]
pub enum WebCmd {
    /// Serve the HTTP API (/api/v1) and the dashboard over a store.
    Serve {
        /// The store file (created if absent).
        #[arg(long, value_name = "FILE", default_value = "dyad.db")]
        db: PathBuf,
        /// Address to listen on (port 0 picks a free port).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        #[command(flatten)]
        lex: LexArgs,
        #[command(flatten)]
        limits: ServeArgs,
    },
    /// Ingest the bundled samples into a fresh store and serve the dashboard.
    Demo {
        /// Store file to use instead of a new temporary one.
        #[arg(long, value_name = "FILE")]
        db: Option<PathBuf>,
        /// Address to listen on (port 0 picks a free port).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        #[command(flatten)]
        lex: LexArgs,
        #[command(flatten)]
        limits: ServeArgs,
    },
    /// API keys for the write routes of `dyad serve`.
    Key {
        #[command(subcommand)]
        cmd: KeyCmd,
    },
}

/// The server's limits and exposure.
#[derive(clap::Args, Clone)]
pub struct ServeArgs {
    /// Refuse the routes that change the store (403 read_only).
    #[arg(long)]
    read_only: bool,
    /// Allow cross-origin requests from this one origin (e.g.
    /// https://example.org); without it no CORS header is sent.
    #[arg(long, value_name = "ORIGIN")]
    cors_origin: Option<String>,
    /// Seconds to read one request whole, from its first byte (408 after).
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    read_timeout: f64,
    /// Connections served at once; more wait in the listen backlog.
    #[arg(long, value_name = "N", default_value_t = 64,
          value_parser = clap::value_parser!(u16).range(1..=4096))]
    max_connections: u16,
}

impl ServeArgs {
    fn options(&self) -> Result<Options> {
        if !(self.read_timeout.is_finite()
            && self.read_timeout > 0.0
            && self.read_timeout <= 3600.0)
        {
            return Err(anyhow!(
                "--read-timeout: {} is not a number of seconds in (0, 3600]",
                self.read_timeout
            ));
        }
        if let Some(o) = &self.cors_origin {
            if o.is_empty() || o == "*" || o.contains(char::is_whitespace) {
                return Err(anyhow!(
                    "--cors-origin: \"{o}\" is not one origin (scheme://host[:port])"
                ));
            }
        }
        Ok(Options {
            read_timeout: std::time::Duration::from_secs_f64(self.read_timeout),
            read_only: self.read_only,
            cors_origin: self.cors_origin.clone(),
            max_connections: usize::from(self.max_connections),
            ..Options::default()
        })
    }
}

#[derive(clap::Subcommand)]
pub enum KeyCmd {
    /// Create a key; it is printed once and only its hash is stored.
    Create {
        /// A name to recognise the key by.
        #[arg(long, default_value = "default")]
        name: String,
        #[arg(long, value_name = "FILE", default_value = "dyad.db")]
        db: PathBuf,
    },
    /// Revoke keys by id, name or the key itself.
    Revoke {
        which: String,
        #[arg(long, value_name = "FILE", default_value = "dyad.db")]
        db: PathBuf,
    },
}

/// The coder, the claim extractor and the commitment detector, for the
/// server: the same code as `dyad code` and `dyad ingest`.
struct CliPipeline {
    lexicon: &'static Lexicon,
    tagger: &'static Tagger,
    reference: &'static Reference,
    cues: &'static dyad_commit::Cues,
}

impl CliPipeline {
    fn new(lex: &LexArgs) -> Result<CliPipeline> {
        // The server lives as long as the process: its lexicon too.
        let lexicon: &'static Lexicon = Box::leak(Box::new(load_lexicon(lex)?));
        let tagger = load_tagger(lex)?;
        let reference: &'static Reference = Box::leak(Box::new(Reference::builtin()));
        let cues = commitments::load_cues(lex)?;
        Ok(CliPipeline {
            lexicon,
            tagger,
            reference,
            cues,
        })
    }

    fn claims(&self, doc: &Doc) -> Vec<Value> {
        let ex = crate::claims::extractor(self.lexicon, self.tagger, self.reference);
        ex.extract(doc)
            .iter()
            .map(|c| dyad_extract::claim_record(doc, c))
            .collect()
    }

    /// Commitments of `docs`, resolved against each other, by document id.
    fn commitments(&self, docs: &[Doc]) -> HashMap<String, Vec<Value>> {
        let coder = Coder::new(self.lexicon, self.tagger);
        let col = commitments::Collector::new(self.lexicon, self.tagger, self.reference, self.cues);
        for d in docs {
            col.add(d, &coder.code(d), true);
        }
        let items = match col.finish(None) {
            Ok((items, _)) => items,
            Err(e) => {
                eprintln!("dyad: {e:#}");
                Vec::new()
            }
        };
        let mut by: HashMap<String, Vec<Value>> = HashMap::new();
        for (c, o) in &items {
            by.entry(c.doc.clone())
                .or_default()
                .push(dyad_commit::commitment_record(c, Some(o)));
        }
        by
    }
}

impl Pipeline for CliPipeline {
    fn code(&self, doc: &Doc) -> Vec<Value> {
        let coder = Coder::new(self.lexicon, self.tagger);
        let coded = coder.code(doc);
        let mut out: Vec<Value> = coded
            .events
            .iter()
            .map(|e| event_record(self.lexicon, doc, e))
            .collect();
        out.extend(self.claims(doc));
        if let Some(v) = self.commitments(std::slice::from_ref(doc)).remove(&doc.id) {
            out.extend(v);
        }
        out
    }

    fn ingest(&self, store: &mut Store, docs: Vec<Doc>) -> Result<IngestStats, String> {
        let coder = Coder::new(self.lexicon, self.tagger);
        // as `dyad ingest`: claims, and commitments without a status (the
        // server resolves them over the whole store when it shows them)
        let det = dyad_commit::Detector::new(self.lexicon, self.tagger).with_cues(self.cues);
        let extra = |doc: &Doc| -> Vec<Value> {
            let mut v = self.claims(doc);
            let coded = coder.code(doc);
            v.extend(
                det.detect(doc, &coded)
                    .iter()
                    .map(|c| dyad_commit::commitment_record(c, None)),
            );
            v
        };
        store
            .ingest(
                docs,
                &coder,
                &IngestOptions {
                    batch: 100,
                    threads: 1,
                },
                &extra,
                &mut |_| {},
            )
            .map_err(|e| e.to_string())
    }
}

fn serve(db: &Path, addr: &str, pipeline: CliPipeline, note: &str, opts: Options) -> Result<i32> {
    let server = Server::bind(addr, db, Box::new(pipeline), opts).map_err(|e| anyhow!("{e}"))?;
    let local = server.local_addr().context("reading the bound address")?;
    let mut out = std::io::stdout().lock();
    if !note.is_empty() {
        writeln!(out, "{note}")?;
    }
    // The tests read this line to find the port: keep its shape.
    writeln!(
        out,
        "listening on http://{local}/ (store {}; Ctrl-C stops)",
        db.display()
    )?;
    out.flush()?;
    drop(out);
    server.run().context("serving")?;
    Ok(0)
}

/// Ingests the samples into `db` and serves it.
fn demo(db: &Path, addr: String, lex: LexArgs, limits: ServeArgs) -> Result<i32> {
    let opts = limits.options()?;
    let p = CliPipeline::new(&lex)?;
    let mut store = Store::open(db, Mode::Create)?;
    let stats = p
        .ingest(&mut store, samples::docs())
        .map_err(|e| anyhow!("{e}"))?;
    drop(store);
    let note = format!(
        "dyad demo: {} sample documents ({} new), {} events and {} other records stored in {}",
        stats.seen,
        stats.added,
        stats.events,
        stats.records - stats.events,
        db.display()
    );
    serve(db, &addr, p, &note, opts)
}

pub fn run(cmd: WebCmd) -> Result<i32> {
    match cmd {
        WebCmd::Serve {
            db,
            addr,
            lex,
            limits,
        } => {
            let opts = limits.options()?;
            let p = CliPipeline::new(&lex)?;
            serve(&db, &addr, p, "", opts)
        }
        WebCmd::Demo {
            db,
            addr,
            lex,
            limits,
        } => {
            // the demo's own store goes when the demo stops (see demo_store);
            // the signals are taken before any thread starts
            let (path, own) = match db {
                Some(d) => (d, None),
                None => {
                    let tmp = std::env::temp_dir();
                    let me = std::process::id();
                    let swept = demo_store::sweep(&tmp, me);
                    if !swept.is_empty() {
                        eprintln!(
                            "dyad demo: removed {} files of demos no longer running from {}",
                            swept.len(),
                            tmp.display()
                        );
                    }
                    let d = demo_store::path_in(&tmp, me);
                    demo_store::remove(&d);
                    demo_store::remove_on_stop(d.clone())
                        .context("setting up the demo store's removal")?;
                    (d.clone(), Some(d))
                }
            };
            let res = demo(&path, addr, lex, limits);
            // a demo that could not start or serve leaves nothing either
            if let Some(d) = &own {
                demo_store::remove(d);
            }
            res
        }
        WebCmd::Key { cmd } => match cmd {
            KeyCmd::Create { name, db } => {
                let store = Store::open(&db, Mode::Create)?;
                let (id, key) =
                    dyad_server::keys::create(store.conn(), &name).map_err(|e| anyhow!("{e}"))?;
                eprintln!(
                    "created key {id} \"{name}\" in {}; it is shown once, keep it:",
                    db.display()
                );
                println!("{key}");
                Ok(0)
            }
            KeyCmd::Revoke { which, db } => {
                let store = Store::open(&db, Mode::Existing)?;
                let n =
                    dyad_server::keys::revoke(store.conn(), &which).map_err(|e| anyhow!("{e}"))?;
                if n == 0 {
                    eprintln!("no live key matches \"{which}\"");
                    return Ok(2);
                }
                println!("revoked {n} key(s)");
                Ok(0)
            }
        },
    }
}
