//! `dyad code --jobs N`: documents coded on N worker threads, output in
//! input order, memory bounded while streaming.
//!
//! The reading thread (the caller's) pulls documents lazily from the inputs
//! and packs them into batches of about [`BATCH_BYTES`] of text, so that the
//! cost of a channel hand-off is spread over many small JSON Lines documents
//! and a long document travels alone. Workers turn a batch into one output
//! buffer with the per-document function the caller passes in (the `code`
//! arm of `main.rs` owns what a document's output is: events, claims,
//! commitments). A writer thread puts the buffers back in sequence.
//!
//! Memory is bounded by a window of credits: the reader takes one credit per
//! batch and the writer returns it once that batch is written, so at most
//! `window` batches exist at once (queued, being coded, or waiting for an
//! earlier one to finish), whatever the input size. No rayon: three channels
//! and scoped threads are all it takes.

use anyhow::Result;
use dyad_text::input::{read_path, read_reader, read_stdin, Format, InputError, ReadOptions};
use dyad_text::Doc;
use std::collections::BTreeMap;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, sync_channel, Receiver};
use std::sync::Mutex;

/// A batch is sent on once its documents hold this many bytes of text.
pub const BATCH_BYTES: usize = 64 * 1024;
/// ... or this many documents.
pub const BATCH_DOCS: usize = 256;

/// The number of worker threads: `requested`, or all cores for `None`/0.
pub fn jobs(requested: Option<usize>) -> usize {
    match requested {
        Some(n) if n > 0 => n,
        _ => std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
    }
}

type DocResult = Result<Doc, InputError>;

/// The documents of `paths`, read lazily: `-` streams JSON Lines from stdin
/// (or reads it whole in a forced other format), a JSON Lines file is
/// streamed line by line, any other file or folder is read when the
/// iterator reaches it.
pub fn inputs(paths: Vec<PathBuf>, opts: ReadOptions) -> impl Iterator<Item = DocResult> {
    paths.into_iter().flat_map(move |p| open(&p, &opts))
}

fn open(p: &Path, opts: &ReadOptions) -> Box<dyn Iterator<Item = DocResult>> {
    if p.as_os_str() == "-" {
        let mut o = opts.clone();
        o.format = o.format.or(Some(Format::Jsonl));
        return read_stdin(&o);
    }
    let jsonl = opts.format.or_else(|| Format::from_path(p)) == Some(Format::Jsonl);
    // A non-empty JSON Lines file streams; empty files, folders and other
    // formats go through `read_path`, which reports them as it always has.
    let streamable = jsonl && std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() > 0);
    if streamable {
        if let Ok(f) = std::fs::File::open(p) {
            let mut o = opts.clone();
            o.format = Some(Format::Jsonl);
            let name = p.display().to_string();
            return read_reader(&name, BufReader::with_capacity(256 * 1024, f), &o);
        }
    }
    Box::new(read_path(p, opts).into_iter())
}

/// Codes `docs` with `work` on `jobs` threads and writes each document's
/// output to `out` in input order. Input errors are printed to stderr as
/// they are read and counted; a document whose `work` fails is named on
/// stderr and counted too. Returns the count; an error only when writing
/// fails (a closed pipe included).
pub fn code_ordered<I, W, F>(docs: I, jobs: usize, mut out: W, work: F) -> Result<usize>
where
    I: Iterator<Item = DocResult>,
    W: Write + Send,
    F: Fn(&Doc, &mut Vec<u8>) -> Result<()> + Sync,
{
    let failures = std::sync::atomic::AtomicUsize::new(0);
    // a batch's output appended to `buf`
    let fill_batch = |batch: &[Doc], buf: &mut Vec<u8>| {
        for doc in batch {
            let mark = buf.len();
            // A panic is a bug, but it must cost one document, not the run:
            // a dead worker would leave its batch unwritten and the writer
            // waiting for it forever.
            let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(doc, buf)))
                .unwrap_or_else(|_| {
                    Err(anyhow::anyhow!(
                        "internal error while coding (a bug; please report it)"
                    ))
                });
            if let Err(e) = res {
                // a half-written document is dropped whole
                buf.truncate(mark);
                eprintln!("dyad: {}: {e:#}", doc.id);
                failures.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        }
    };
    let run_batch = |batch: &[Doc]| -> Vec<u8> {
        let mut buf = Vec::new();
        fill_batch(batch, &mut buf);
        buf
    };
    let mut input_failures = 0;
    let mut batches = Batches {
        docs,
        failures: &mut input_failures,
    };

    if jobs <= 1 {
        // Same batching, no threads: the reference order by construction
        // (one output buffer, reused: it stops growing after a few batches)
        let mut buf = Vec::new();
        while let Some(batch) = batches.next_batch() {
            buf.clear();
            fill_batch(&batch, &mut buf);
            out.write_all(&buf)?;
        }
        out.flush()?;
        return Ok(input_failures + failures.into_inner());
    }

    let window = jobs * 2 + 2;
    let (job_tx, job_rx) = sync_channel::<(usize, Vec<Doc>)>(window);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = channel::<(usize, Vec<u8>)>();
    let (credit_tx, credit_rx) = sync_channel::<()>(window);
    for _ in 0..window {
        credit_tx
            .send(())
            .expect("the credit channel holds the whole window");
    }

    let written = std::thread::scope(|s| -> Result<()> {
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            let job_rx = &job_rx;
            let run_batch = &run_batch;
            s.spawn(move || loop {
                // The lock is held only while taking a batch.
                let next = match job_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((seq, batch)) = next else { return };
                let buf = run_batch(&batch);
                drop(batch);
                if done_tx.send((seq, buf)).is_err() {
                    return; // the writer stopped
                }
            });
        }
        drop(done_tx);
        let writer = s.spawn(move || write_in_order(done_rx, credit_tx, &mut out));

        let mut seq = 0;
        while let Some(batch) = batches.next_batch() {
            // Wait for room in the window; none comes back once the writer
            // has stopped on an error.
            if credit_rx.recv().is_err() {
                break;
            }
            if job_tx.send((seq, batch)).is_err() {
                break;
            }
            seq += 1;
        }
        drop(job_tx);
        match writer.join() {
            Ok(r) => r,
            Err(p) => std::panic::resume_unwind(p),
        }
    });
    written?;
    Ok(input_failures + failures.into_inner())
}

/// The writer: holds buffers that arrive early until their turn.
fn write_in_order<W: Write>(
    done: Receiver<(usize, Vec<u8>)>,
    credits: std::sync::mpsc::SyncSender<()>,
    out: &mut W,
) -> Result<()> {
    let mut next = 0;
    let mut early: BTreeMap<usize, Vec<u8>> = BTreeMap::new();
    for (seq, buf) in done {
        early.insert(seq, buf);
        while let Some(buf) = early.remove(&next) {
            out.write_all(&buf)?;
            next += 1;
            // the reader may have finished and gone: nothing to wake then
            let _ = credits.send(());
        }
    }
    out.flush()?;
    Ok(())
}

/// Groups documents into batches, printing and counting input errors.
struct Batches<'a, I> {
    docs: I,
    failures: &'a mut usize,
}

impl<I: Iterator<Item = DocResult>> Batches<'_, I> {
    fn next_batch(&mut self) -> Option<Vec<Doc>> {
        let mut batch = Vec::new();
        let mut bytes = 0;
        for r in self.docs.by_ref() {
            match r {
                Ok(d) => {
                    bytes += d.text.len();
                    batch.push(d);
                    if bytes >= BATCH_BYTES || batch.len() >= BATCH_DOCS {
                        break;
                    }
                }
                Err(e) => {
                    eprintln!("dyad: {e}");
                    *self.failures += 1;
                }
            }
        }
        (!batch.is_empty()).then_some(batch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(n: usize) -> Vec<DocResult> {
        (0..n)
            .map(|i| {
                if i % 97 == 13 {
                    Err(InputError {
                        input: "t.jsonl".into(),
                        line: Some(i + 1),
                        message: "bad line".into(),
                    })
                } else {
                    // sizes vary so that batches and finishing order vary
                    let text = "x".repeat((i * 7919) % 5000);
                    Ok(Doc::plain(format!("d{i}"), text, None))
                }
            })
            .collect()
    }

    fn work(d: &Doc, out: &mut Vec<u8>) -> Result<()> {
        if d.id == "d500" {
            out.extend_from_slice(b"partial");
            anyhow::bail!("refused");
        }
        // uneven cost so that workers finish out of order
        let spin = d.text.len() % 3 * 1000;
        let mut h = 0u64;
        for k in 0..spin {
            h = h.wrapping_mul(31).wrapping_add(k as u64);
        }
        writeln!(out, "{} {} {}", d.id, d.text.len(), h % 2)?;
        Ok(())
    }

    #[test]
    fn any_number_of_jobs_gives_the_sequential_output() {
        let mut one = Vec::new();
        let f1 = code_ordered(docs(2000).into_iter(), 1, &mut one, work).unwrap();
        let text = String::from_utf8(one.clone()).unwrap();
        assert!(text.starts_with("d0 0 0\nd1 "));
        assert!(!text.contains("partial") && !text.contains("d500 "));
        // 21 input errors (i % 97 == 13 below 2000) and one refused document
        assert_eq!(f1, 21 + 1);
        for jobs in [2, 3, 8] {
            let mut many = Vec::new();
            let f = code_ordered(docs(2000).into_iter(), jobs, &mut many, work).unwrap();
            assert_eq!(f, f1);
            assert!(many == one, "--jobs {jobs} changed the output");
        }
    }

    #[test]
    fn a_failing_writer_stops_the_run() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        // an endless input: only a stop on the writer's error ends it
        let endless = (0..).map(|i| Ok(Doc::plain(format!("d{i}"), "text", None)));
        let e = code_ordered(endless, 2, Closed, work).unwrap_err();
        assert!(e
            .chain()
            .any(|c| c.downcast_ref::<std::io::Error>().is_some()));
    }

    #[test]
    fn a_panicking_document_costs_only_itself() {
        let boom = |d: &Doc, out: &mut Vec<u8>| -> Result<()> {
            if d.id == "d7" {
                panic!("test panic");
            }
            writeln!(out, "{}", d.id)?;
            Ok(())
        };
        let input = || (0..40).map(|i| Ok(Doc::plain(format!("d{i}"), "t", None)));
        for jobs in [1, 3] {
            let mut out = Vec::new();
            let failures = code_ordered(input(), jobs, &mut out, boom).unwrap();
            assert_eq!(failures, 1);
            let text = String::from_utf8(out).unwrap();
            assert_eq!(text.lines().count(), 39);
            assert!(text.contains("d6\nd8\n") && !text.contains("d7\n"));
        }
    }

    #[test]
    fn jobs_default_to_the_cores() {
        assert!(jobs(None) >= 1);
        assert_eq!(jobs(Some(0)), jobs(None));
        assert_eq!(jobs(Some(3)), 3);
    }
}
