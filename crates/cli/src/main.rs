//! `dyad`: the command line. Only glue: arguments, wiring, printing.
//!
//! Exit codes: 0 success; 1 some inputs could not be read (the others were
//! coded); 2 usage error, bad lexicon or unreadable gold file; 3 an
//! evaluation fell below its `--min-f1` floor.

mod backup;
mod checks_cmd;
mod claims;
mod commitments;
mod conflibert;
mod demo_store;
mod eval;
mod explain;
mod parallel;
mod petrarch_cmd;
mod pledges;
mod samples;
mod serve;
mod store_cmd;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand};
use dyad_code::Coder;
use dyad_lexicon::{LexErrors, Lexicon};
use dyad_text::input::{read_path, read_stdin, ReadOptions};
use dyad_text::Doc;
use dyad_time::Tagger;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A sentence allocates many small, short-lived vectors and strings (tokens,
/// mentions, matches, records); mimalloc serves them from per-thread free
/// lists at about a third of the instructions of the system allocator
/// (`malloc` and `free` were ~18 % of `dyad code`'s instructions; see
/// BENCHMARKS.md, issue 9).
///
/// `mimalloc::MiMalloc` asks `mi_malloc_aligned` for every allocation; for
/// the alignments of nearly all of them (at most 8: strings, vectors of
/// integers and of structs of words) a plain `mi_malloc` gives the same
/// (every mimalloc block is at least pointer-aligned) on a shorter path:
/// 1.4 M allocations on 200 press conferences.
#[global_allocator]
static GLOBAL: Mi = Mi;

struct Mi;

/// Alignments every mimalloc block has.
const MI_MIN_ALIGN: usize = std::mem::size_of::<usize>();

// SAFETY: each call forwards to mimalloc, whose blocks are aligned to at
// least MI_MIN_ALIGN; larger alignments go to its aligned calls, as
// MiMalloc does for all.
unsafe impl std::alloc::GlobalAlloc for Mi {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= MI_MIN_ALIGN {
            libmimalloc_sys::mi_malloc(layout.size()) as *mut u8
        } else {
            libmimalloc_sys::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= MI_MIN_ALIGN {
            libmimalloc_sys::mi_zalloc(layout.size()) as *mut u8
        } else {
            libmimalloc_sys::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        libmimalloc_sys::mi_free(ptr as *mut std::ffi::c_void);
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= MI_MIN_ALIGN {
            libmimalloc_sys::mi_realloc(ptr as *mut std::ffi::c_void, new_size) as *mut u8
        } else {
            libmimalloc_sys::mi_realloc_aligned(
                ptr as *mut std::ffi::c_void,
                new_size,
                layout.align(),
            ) as *mut u8
        }
    }
}

#[derive(Parser)]
#[command(
    name = "dyad",
    version,
    about = "Code who did what to whom, when, from diplomatic and news text"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(clap::Args, Clone, Default)]
pub struct LexArgs {
    /// Use this lexicon folder instead of the built-in one.
    #[arg(long, global = true, value_name = "DIR")]
    lexicon: Option<PathBuf>,
    /// Lay this folder over the built-in lexicon (same paths replace files).
    #[arg(long, global = true, value_name = "DIR", conflicts_with = "lexicon")]
    lexicon_extra: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Cmd {
    /// Code documents and write JSON Lines records to stdout.
    Code {
        /// Files or folders (recursively); `-` reads JSON Lines from stdin.
        paths: Vec<PathBuf>,
        /// Document date (YYYY-MM-DD) for documents that carry none.
        #[arg(long)]
        date: Option<String>,
        /// Code the sample documents built into the binary.
        #[arg(long)]
        sample: bool,
        /// Input format (text, markdown, html, jsonl) instead of guessing
        /// from the file name; stdin defaults to jsonl.
        #[arg(long)]
        format: Option<dyad_text::input::Format>,
        /// Worker threads (default: all cores); output stays in input order.
        #[arg(long, short = 'j', value_name = "N")]
        jobs: Option<usize>,
        /// Write each event once with all its mentions (the same act told in
        /// several sentences or documents) instead of one record per mention.
        /// Holds the run's records in memory.
        #[arg(long)]
        merge: bool,
        /// The largest document read, in bytes (a file, stdin, or one JSON
        /// Lines line); larger ones are reported and skipped. 0: no limit.
        #[arg(long, value_name = "BYTES", default_value_t = dyad_text::input::DEFAULT_MAX_BYTES)]
        max_doc_bytes: usize,
        /// The kind of text, for commitment records: diplomatic (the rules
        /// decide) or manifesto (the pledge model decides pledges).
        #[arg(long, default_value = "diplomatic", value_parser = dyad_commit::Genre::parse)]
        genre: dyad_commit::Genre,
        #[command(flatten)]
        lex: LexArgs,
    },
    /// Show the figures of documents as a table, with consistency findings.
    Claims {
        /// Files or folders (recursively); `-` reads JSON Lines from stdin.
        paths: Vec<PathBuf>,
        /// Document date (YYYY-MM-DD) for documents that carry none.
        #[arg(long)]
        date: Option<String>,
        /// Reference table (CSV: measure,actors,period,value,unit,source);
        /// repeatable; replaces the built-in China-Russia trade table.
        #[arg(long, value_name = "FILE")]
        reference: Vec<PathBuf>,
        #[command(flatten)]
        lex: LexArgs,
    },
    /// List commitments (what was promised, by when) with their status
    /// (kept, broken, overdue, open) and the evidence for it.
    Commitments {
        /// Files or folders (recursively); `-` reads JSON Lines from stdin.
        paths: Vec<PathBuf>,
        /// Document date (YYYY-MM-DD) for documents that carry none.
        #[arg(long)]
        date: Option<String>,
        /// Resolve as of this date (default: the latest document date).
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Read the bundled samples too, as evidence of what happened later.
        #[arg(long)]
        sample: bool,
        /// Only specific commitments (a checkable act, figure or date).
        #[arg(long)]
        specific: bool,
        /// Write JSON Lines records instead of a listing.
        #[arg(long)]
        json: bool,
        /// The kind of text: diplomatic (the rules decide) or manifesto
        /// (the pledge model decides which sentences are pledges).
        #[arg(long, default_value = "diplomatic", value_parser = dyad_commit::Genre::parse)]
        genre: dyad_commit::Genre,
        #[command(flatten)]
        lex: LexArgs,
    },
    /// Train or score the pledge model on the English election pledges.
    Pledges {
        #[command(subcommand)]
        cmd: pledges::PledgeCmd,
        #[command(flatten)]
        lex: LexArgs,
    },
    /// Show how one sentence was coded: tokens, actors, patterns, decisions.
    Explain {
        path: PathBuf,
        /// 0-based sentence index (as in the `sentence` field of records).
        #[arg(long)]
        sentence: Option<usize>,
        #[arg(long)]
        date: Option<String>,
        #[command(flatten)]
        lex: LexArgs,
    },
    /// Check or inspect lexicons.
    Lexicon {
        #[command(subcommand)]
        cmd: LexCmd,
    },
    /// Score the coder against a gold file.
    Eval {
        #[arg(required_unless_present_any = ["petrarch_suite", "conflibert_class", "conflibert_spans"])]
        gold: Option<PathBuf>,
        /// Run PETRARCH's validation suite (PETR.UnitTest.records.xml) with
        /// its own dictionaries imported, instead of a gold file.
        #[arg(long, value_name = "FILE", conflicts_with = "gold")]
        petrarch_suite: Option<PathBuf>,
        /// Quad-class accuracy on ConfliBERT's cameo_class TSV (sentence,
        /// tab, class 0-4) instead of a gold file.
        #[arg(long, value_name = "FILE", conflicts_with = "gold")]
        conflibert_class: Option<PathBuf>,
        /// Source/target span F1 on ConfliBERT's cameo_ner CoNLL file
        /// instead of a gold file.
        #[arg(long, value_name = "FILE", conflicts_with = "gold")]
        conflibert_spans: Option<PathBuf>,
        /// Score these records (output of `dyad code`) instead of coding.
        #[arg(long)]
        pred: Option<PathBuf>,
        /// Only gold lines of this split (dev or test); with
        /// --conflibert-spans, dev is the sentences with an even 0-based
        /// index in the file and test those with an odd one.
        #[arg(long)]
        split: Option<String>,
        /// Count the date in the match key too.
        #[arg(long)]
        with_date: bool,
        /// Exit 3 if the overall F1 is below this.
        #[arg(long)]
        min_f1: Option<f64>,
        /// Print each missed and spurious event, and each gold sentence with PLOVER
        /// categories that no coded event gets right (type and both countries).
        #[arg(long)]
        errors: bool,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        lex: LexArgs,
    },
    /// Cross-document checks over a store: claim conflicts, claims against
    /// reference tables, commitment outcomes as of a date.
    Checks(checks_cmd::ChecksArgs),
    #[command(flatten)]
    Store(store_cmd::StoreCmd),
    /// Copy the store to FILE with SQLite's online backup (safe while
    /// ingest or the server writes); the copy is checked before it is named.
    Backup {
        file: PathBuf,
        /// The store file.
        #[arg(long, value_name = "DB", default_value = "dyad.db")]
        db: PathBuf,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    #[command(flatten)]
    Web(serve::WebCmd),
}

#[derive(Subcommand)]
enum LexCmd {
    /// Validate a lexicon folder (default: the built-in lexicon).
    Check { dir: Option<PathBuf> },
    /// Write the built-in lexicon files to a folder, to start your own.
    Export { dir: PathBuf },
    /// Convert another coder's dictionaries (PETRARCH2/TABARI) into a dyad
    /// lexicon folder; IMPORT-REPORT.log there lists what was not converted.
    Import {
        /// The dictionary format: petrarch.
        #[arg(long)]
        from: String,
        /// Folder with the dictionaries (and PETR_config.ini, if any).
        dir: PathBuf,
        /// Output lexicon folder.
        #[arg(long)]
        out: PathBuf,
        /// Leave out dyad's own code lists and word lists (for non-CAMEO codes).
        #[arg(long)]
        bare: bool,
    },
}

fn main() {
    // A closed pipe (`dyad code ... | head`) ends dyad quietly, as it ends
    // `cat`: Rust ignores SIGPIPE by default and `println!` would panic.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of one signal at start-up,
    // before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(c) => c,
        Err(e) => {
            if is_broken_pipe(&e) {
                0
            } else {
                eprintln!("dyad: {e:#}");
                2
            }
        }
    };
    std::process::exit(code);
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}

/// Loads the lexicon the arguments ask for.
pub fn load_lexicon(args: &LexArgs) -> Result<Lexicon> {
    let res: Result<Lexicon, LexErrors> = if let Some(d) = &args.lexicon {
        Lexicon::from_dir(d)
    } else if let Some(d) = &args.lexicon_extra {
        Lexicon::overlay_files(d).and_then(|f| Lexicon::from_files(&f))
    } else {
        builtin_lexicon()
    };
    res.map_err(|e| anyhow::anyhow!("{e}"))
}

/// The built-in lexicon as the build compiled it (`build.rs`), or built
/// now when the build could not (then with its errors).
pub fn builtin_lexicon() -> Result<Lexicon, LexErrors> {
    match Lexicon::from_snapshot(LEXICON_SNAPSHOT) {
        Some(lex) => Ok(lex),
        None => Lexicon::builtin(),
    }
}

static LEXICON_SNAPSHOT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.snapshot"));

/// The temporal tagger for a lexicon choice (temporal/ files may be overridden too).
pub fn load_tagger(args: &LexArgs) -> Result<&'static Tagger> {
    let dir = args.lexicon.as_ref().or(args.lexicon_extra.as_ref());
    if let Some(d) = dir {
        let t = d.join("temporal");
        if t.is_dir() {
            let files = Lexicon::read_dir_files(d).map_err(|e| anyhow::anyhow!("{e}"))?;
            let files: Vec<(String, String)> = files
                .into_iter()
                .filter(|(p, _)| p.starts_with("temporal/"))
                .collect();
            let tagger = Tagger::from_files(&files).map_err(|errs| {
                anyhow::anyhow!(
                    "{}",
                    errs.iter()
                        .map(|e| e.to_string())
                        .collect::<Vec<_>>()
                        .join("\n")
                )
            })?;
            return Ok(Box::leak(Box::new(tagger)));
        }
    }
    Ok(Tagger::builtin())
}

pub fn parse_date_arg(d: &Option<String>) -> Result<Option<chrono::NaiveDate>> {
    match d {
        None => Ok(None),
        Some(s) => match dyad_code::parse_date(s) {
            Some(d) if s.len() == 10 => Ok(Some(d)),
            _ => bail!("--date: \"{s}\" is not a date; write YYYY-MM-DD"),
        },
    }
}

/// Reads every input; errors are printed and counted, the rest coded.
pub fn read_inputs(paths: &[PathBuf], opts: &ReadOptions, failures: &mut usize) -> Vec<Doc> {
    let mut docs = Vec::new();
    for p in paths {
        let results: Vec<_> = if p.as_os_str() == "-" {
            // stdin is JSON Lines unless a format was forced
            let mut o = opts.clone();
            o.format = o.format.or(Some(dyad_text::input::Format::Jsonl));
            read_stdin(&o).collect()
        } else {
            read_path(p, opts)
        };
        for r in results {
            match r {
                Ok(d) => docs.push(d),
                Err(e) => {
                    eprintln!("dyad: {e}");
                    *failures += 1;
                }
            }
        }
    }
    docs
}

fn run(cli: Cli) -> Result<i32> {
    match cli.cmd {
        Cmd::Checks(a) => checks_cmd::run(a),
        Cmd::Store(cmd) => store_cmd::run(cmd),
        Cmd::Backup { file, db, force } => backup::run(&db, &file, force),
        Cmd::Pledges { cmd, lex } => {
            let lexicon = load_lexicon(&lex)?;
            let tagger = load_tagger(&lex)?;
            let cues = commitments::load_cues(&lex)?;
            pledges::run(cmd, &lexicon, tagger, cues)
        }
        Cmd::Web(cmd) => serve::run(cmd),
        Cmd::Code {
            paths,
            date,
            sample,
            format,
            jobs,
            merge,
            max_doc_bytes,
            genre,
            lex,
        } => {
            let date = parse_date_arg(&date)?;
            // never freed: the process ends with the run, and dropping the
            // lexicon's ~200,000 allocations took 6 M instructions at exit
            let lexicon: &'static Lexicon = Box::leak(Box::new(load_lexicon(&lex)?));
            let tagger = load_tagger(&lex)?;
            if paths.is_empty() && !sample {
                bail!("nothing to code: give files or folders, `-` for stdin, or --sample");
            }
            let max_bytes = if max_doc_bytes == 0 {
                usize::MAX
            } else {
                max_doc_bytes
            };
            let opts = ReadOptions {
                date,
                format,
                max_bytes,
            };
            let sample_docs = if sample { samples::docs() } else { Vec::new() };
            // read lazily, coded on `--jobs` threads, written in input order
            let docs = sample_docs
                .into_iter()
                .map(Ok)
                .chain(parallel::inputs(paths, opts));
            // the records are events: the acts' phrases are not read
            let coder = Coder {
                act_phrases: false,
                ..Coder::new(lexicon, tagger)
            };
            let reference = dyad_extract::Reference::builtin();
            let extractor = claims::extractor(lexicon, tagger, &reference);
            let cues = commitments::load_cues(&lex)?;
            // spilled to a temporary file: any length of input in bounded memory
            let promises = commitments::Collector::spilling(lexicon, tagger, &reference, cues)?
                .with_genre(genre);
            let out = BufWriter::with_capacity(1 << 16, std::io::stdout());
            // One document's whole output (the function runs on a worker).
            let per_doc = |doc: &Doc, out: &mut Vec<u8>| -> Result<()> {
                let coded = coder.code(doc);
                for e in &coded.events {
                    dyad_code::event_view(lexicon, doc, e).write_json(out);
                    out.write_all(b"\n")?;
                }
                // the coder's sentences, tokens and phrases, not read again
                let figures = extractor.extract_coded(
                    doc,
                    &coded.sentences,
                    &coded.tokens,
                    &coded.ids,
                    &coded.dates,
                    &coded.phrases,
                );
                out.write_all(&claims::write_records(doc, &figures))?;
                promises.add_with_claims(doc, &coded, &figures, true);
                Ok(())
            };
            let failures = if merge {
                // event coreference needs the whole run: code into memory,
                // merge, then write
                let mut buf: Vec<u8> = Vec::new();
                let failures =
                    parallel::code_ordered(docs, parallel::jobs(jobs), &mut buf, per_doc)?;
                let records: Vec<serde_json::Value> = buf
                    .split(|&b| b == b'\n')
                    .filter(|l| !l.is_empty())
                    .map(serde_json::from_slice)
                    .collect::<Result<_, _>>()?;
                let mut out = BufWriter::new(std::io::stdout().lock());
                for r in dyad_code::merge_records(records) {
                    serde_json::to_writer(&mut out, &r)?;
                    out.write_all(b"\n")?;
                }
                out.flush()?;
                failures
            } else {
                parallel::code_ordered(docs, parallel::jobs(jobs), out, per_doc)?
            };
            // commitments last: resolving them needs every document of the run
            let mut out = BufWriter::new(std::io::stdout().lock());
            promises.finish_each(None, |c, o| commitments::write_records(&mut out, &[(c, o)]))?;
            out.flush()?;
            Ok(if failures > 0 { 1 } else { 0 })
        }
        Cmd::Claims {
            paths,
            date,
            reference,
            lex,
        } => {
            let date = parse_date_arg(&date)?;
            let lexicon = load_lexicon(&lex)?;
            let tagger = load_tagger(&lex)?;
            let reference = claims::load_reference(&reference)?;
            if paths.is_empty() {
                bail!("nothing to read: give files or folders, or `-` for stdin");
            }
            let opts = ReadOptions {
                date,
                ..Default::default()
            };
            claims::run(&lexicon, tagger, &paths, &opts, &reference)
        }
        Cmd::Commitments {
            paths,
            date,
            as_of,
            sample,
            specific,
            json,
            genre,
            lex,
        } => {
            let date = parse_date_arg(&date)?;
            let as_of = parse_date_arg(&as_of).map_err(|_| {
                anyhow::anyhow!(
                    "--as-of: \"{}\" is not a date; write YYYY-MM-DD",
                    as_of.as_deref().unwrap_or("")
                )
            })?;
            let lexicon = load_lexicon(&lex)?;
            let tagger = load_tagger(&lex)?;
            if paths.is_empty() && !sample {
                bail!("nothing to read: give files or folders, `-` for stdin, or --sample");
            }
            let read = ReadOptions {
                date,
                ..Default::default()
            };
            let o = commitments::Options {
                as_of,
                sample,
                json,
                specific_only: specific,
                genre,
            };
            let cues = commitments::load_cues(&lex)?;
            commitments::run(&lexicon, tagger, cues, &paths, &read, &o)
        }
        Cmd::Explain {
            path,
            sentence,
            date,
            lex,
        } => {
            let date = parse_date_arg(&date)?;
            let lexicon = load_lexicon(&lex)?;
            let tagger = load_tagger(&lex)?;
            explain::run(&lexicon, tagger, &path, sentence, date)
        }
        Cmd::Lexicon { cmd } => match cmd {
            LexCmd::Check { dir } => lexicon_check(dir.as_deref()),
            LexCmd::Import {
                from,
                dir,
                out,
                bare,
            } => petrarch_cmd::run_import(&from, &dir, &out, bare),
            LexCmd::Export { dir } => {
                for (p, c) in dyad_lexicon::builtin_files() {
                    let dest = dir.join(p);
                    if let Some(parent) = dest.parent() {
                        std::fs::create_dir_all(parent)
                            .with_context(|| format!("creating {}", parent.display()))?;
                    }
                    std::fs::write(&dest, c)
                        .with_context(|| format!("writing {}", dest.display()))?;
                }
                println!(
                    "wrote {} files to {}",
                    dyad_lexicon::builtin_files().len(),
                    dir.display()
                );
                Ok(0)
            }
        },
        Cmd::Eval {
            gold,
            petrarch_suite,
            conflibert_class,
            conflibert_spans,
            pred,
            split,
            with_date,
            min_f1,
            errors,
            json,
            lex,
        } => {
            if let Some(file) = petrarch_suite {
                return petrarch_cmd::run_suite(&file, errors, json);
            }
            if conflibert_class.is_some() || conflibert_spans.is_some() {
                let lexicon = load_lexicon(&lex)?;
                let tagger = load_tagger(&lex)?;
                if split.is_some() && conflibert_class.is_some() {
                    bail!("--split applies to --conflibert-spans, not --conflibert-class");
                }
                let split = split.as_deref().map(conflibert::Split::parse).transpose()?;
                let o = conflibert::Options {
                    json,
                    errors,
                    split,
                };
                let (class, spans) = (conflibert_class.as_deref(), conflibert_spans.as_deref());
                return conflibert::run(&lexicon, tagger, class, spans, &o, min_f1);
            }
            let Some(gold) = gold else {
                bail!("give a gold file or --petrarch-suite FILE");
            };
            let opts = eval::Options {
                split,
                with_date,
                errors,
                json,
            };
            let lexicon = load_lexicon(&lex)?;
            let tagger = load_tagger(&lex)?;
            let score = eval::run(&lexicon, tagger, &gold, pred.as_deref(), &opts)?;
            if let Some(min) = min_f1 {
                if score < min {
                    eprintln!("dyad: F1 {score:.3} is below the floor {min:.3}");
                    return Ok(3);
                }
            }
            Ok(0)
        }
    }
}

fn lexicon_check(dir: Option<&Path>) -> Result<i32> {
    let (files, name) = match dir {
        Some(d) => (
            Lexicon::read_dir_files(d).map_err(|e| anyhow::anyhow!("{e}"))?,
            d.display().to_string(),
        ),
        None => (
            dyad_lexicon::builtin_files()
                .iter()
                .map(|(p, c)| (p.to_string(), c.to_string()))
                .collect(),
            "built-in lexicon".to_string(),
        ),
    };
    let mut bad = false;
    match Lexicon::from_files(&files) {
        Ok(l) => {
            let codes: std::collections::HashSet<&str> =
                l.patterns.iter().map(|p| p.code.as_str()).collect();
            println!(
                "{name}: ok — {} event codes, {} actors, {} persons, {} agents, {} phrases, {} patterns covering {} CAMEO codes",
                l.codes.len(),
                l.actors.len(),
                l.people.len(),
                l.agents.len(),
                l.phrases.len(),
                l.patterns.len(),
                codes.len()
            );
        }
        Err(e) => {
            eprintln!("{e}");
            bad = true;
        }
    }
    let temporal: Vec<(String, String)> = files
        .into_iter()
        .filter(|(p, _)| p.starts_with("temporal/"))
        .collect();
    if !temporal.is_empty() {
        match Tagger::from_files(&temporal) {
            Ok(_) => println!("{name}: temporal lexicon ok ({} files)", temporal.len()),
            Err(errs) => {
                for e in errs {
                    eprintln!("{e}");
                }
                bad = true;
            }
        }
    }
    if !commitments::check_cues(dir, &name) {
        bad = true;
    }
    Ok(if bad { 2 } else { 0 })
}

#[cfg(test)]
mod snapshot_tests {
    use super::*;

    /// The embedded snapshot is the lexicon the sources build now (not a
    /// stale or empty one: the binary would still code, but slower or,
    /// were it stale, with an old lexicon).
    #[test]
    fn the_embedded_lexicon_is_the_built_one() {
        let fresh = Lexicon::builtin().expect("built-in lexicon").snapshot();
        assert!(!LEXICON_SNAPSHOT.is_empty(), "the build wrote no snapshot");
        assert!(
            LEXICON_SNAPSHOT == fresh.as_slice(),
            "the snapshot is stale"
        );
        let back = Lexicon::from_snapshot(LEXICON_SNAPSHOT).expect("a snapshot");
        assert_eq!(back.version, Lexicon::builtin().unwrap().version);
    }
}
