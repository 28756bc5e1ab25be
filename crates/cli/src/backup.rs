//! `dyad backup FILE [--db DB]`: a consistent copy of a live store.
//!
//! SQLite's online backup API copies the database page by page from one
//! read transaction, so the copy is a snapshot even while `dyad ingest` or
//! the server writes (WAL mode lets writers go on meanwhile). All pages are
//! copied in one step (`i32::MAX` pages): a stepwise copy restarts whenever
//! another connection writes, and could never finish under a steady stream
//! of writes.
//!
//! The copy is written to `FILE.partial` beside the target, checked with
//! `PRAGMA integrity_check`, and only then renamed to `FILE`, so an
//! interrupted backup never leaves a truncated `FILE` behind.

use anyhow::{bail, Context, Result};
use dyad_store::{Mode, Store};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Row counts that tell a store's contents apart, for the summary line.
const TABLES: &[&str] = &["documents", "events", "claims", "commitments"];

/// Copies the store `db` to `file`; refuses to overwrite an existing file
/// unless `force`. Prints what was copied.
pub fn run(db: &Path, file: &Path, force: bool) -> Result<i32> {
    if same_file(db, file) {
        bail!(
            "{}: the backup must be another file than the store",
            file.display()
        );
    }
    if file.exists() && !force {
        bail!(
            "{}: exists; give another name or --force to replace it",
            file.display()
        );
    }
    // opening through the store checks that `db` is a dyad store
    let store = Store::open(db, Mode::Existing)?;
    let partial = partial_path(file);
    let _ = std::fs::remove_file(&partial);
    let result = copy(store.conn(), &partial).and_then(|()| check(&partial));
    let counts = match result {
        Ok(c) => c,
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
    };
    std::fs::rename(&partial, file)
        .with_context(|| format!("renaming {} to {}", partial.display(), file.display()))?;
    let summary: Vec<String> = TABLES
        .iter()
        .zip(&counts)
        .map(|(t, n)| format!("{n} {t}"))
        .collect();
    println!(
        "{}: backup of {} ({})",
        file.display(),
        db.display(),
        summary.join(", ")
    );
    Ok(0)
}

fn partial_path(file: &Path) -> PathBuf {
    let mut name = file.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    file.with_file_name(name)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

fn copy(src: &Connection, dest: &Path) -> Result<()> {
    let mut out = Connection::open(dest).with_context(|| format!("creating {}", dest.display()))?;
    let backup = Backup::new(src, &mut out).with_context(|| format!("{}", dest.display()))?;
    backup
        .run_to_completion(i32::MAX, Duration::from_millis(50), None)
        .with_context(|| format!("copying the store to {}", dest.display()))?;
    drop(backup);
    // one self-contained file: the copy keeps no -wal beside it
    out.pragma_update(None, "journal_mode", "DELETE")
        .with_context(|| format!("{}", dest.display()))?;
    Ok(())
}

/// Checks the copy and counts its rows.
fn check(path: &Path) -> Result<Vec<i64>> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .with_context(|| format!("opening {}", path.display()))?;
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .with_context(|| format!("{}: integrity check", path.display()))?;
    if verdict != "ok" {
        bail!(
            "{}: the copy fails its integrity check: {verdict}",
            path.display()
        );
    }
    TABLES
        .iter()
        .map(|t| {
            conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .with_context(|| format!("{}: counting {t}", path.display()))
        })
        .collect()
}
