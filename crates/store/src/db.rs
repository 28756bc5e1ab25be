//! Opening a store: header and identity checks, WAL, migrations.

use rusqlite::{Connection, OpenFlags};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// `PRAGMA application_id` of a dyad store: the bytes "dyad".
pub const APPLICATION_ID: i64 = 0x6479_6164;

/// The numbered migrations, embedded; `user_version` is the last applied.
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "0001_init.sql",
        include_str!("../migrations/0001_init.sql"),
    ),
    (
        2,
        "0002_api_keys.sql",
        include_str!("../migrations/0002_api_keys.sql"),
    ),
    (
        3,
        "0003_sentence_search.sql",
        include_str!("../migrations/0003_sentence_search.sql"),
    ),
    (
        4,
        "0004_target_country_index.sql",
        include_str!("../migrations/0004_target_country_index.sql"),
    ),
    (
        5,
        "0005_actor_pair_counts.sql",
        include_str!("../migrations/0005_actor_pair_counts.sql"),
    ),
];

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    MIGRATIONS.last().map(|m| m.0).unwrap_or(0)
}

/// What went wrong, for callers that branch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// No store at the path (read-only commands do not create one).
    Missing,
    /// The file is not an SQLite database, or SQLite reports it damaged.
    Corrupt,
    /// An SQLite database, but not one dyad made.
    Foreign,
    /// Made by a newer dyad: its schema version is above ours.
    TooNew,
    /// Any other SQLite or I/O failure.
    Sqlite,
    /// A bad filter or argument.
    Usage,
}

/// A store error; the message names the database file.
#[derive(Debug)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
        }
    }
    pub(crate) fn sql(path: &Path, e: rusqlite::Error) -> Error {
        let corrupt = matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt)
        );
        Error::new(
            if corrupt {
                ErrorKind::Corrupt
            } else {
                ErrorKind::Sqlite
            },
            format!("{}: {e}", path.display()),
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// How to open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Create the file if absent and migrate it to our schema.
    Create,
    /// The store must exist; it is migrated if older.
    Existing,
}

/// Checks the first bytes of an existing, non-empty file before SQLite
/// touches it, so that a foreign file is never written to.
fn check_header(path: &Path) -> Result<bool> {
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => {
            return Err(Error::new(
                ErrorKind::Sqlite,
                format!("{}: {e}", path.display()),
            ))
        }
    };
    let mut head = [0u8; 16];
    let mut n = 0;
    while n < head.len() {
        match f.read(&mut head[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) => {
                return Err(Error::new(
                    ErrorKind::Sqlite,
                    format!("{}: {e}", path.display()),
                ))
            }
        }
    }
    if n == 0 {
        return Ok(true); // empty file: SQLite treats it as a new database
    }
    if n < 16 || &head != b"SQLite format 3\0" {
        return Err(Error::new(
            ErrorKind::Corrupt,
            format!(
                "{}: not a dyad store (not an SQLite database); it was left untouched",
                path.display()
            ),
        ));
    }
    Ok(true)
}

/// Opens (or creates) a store and brings its schema up to date.
pub fn open(path: &Path, mode: Mode) -> Result<(Connection, PathBuf)> {
    let path = path.to_path_buf();
    let exists = check_header(&path)?;
    if !exists && mode == Mode::Existing {
        return Err(Error::new(
            ErrorKind::Missing,
            format!(
                "{}: no store here; run `dyad ingest` first (or give --db FILE)",
                path.display()
            ),
        ));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(&path, flags).map_err(|e| Error::sql(&path, e))?;
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .map_err(|e| Error::sql(&path, e))?;
    // Identity before anything is written.
    let app: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| Error::sql(&path, e))?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| Error::sql(&path, e))?;
    let tables: Vec<String> = {
        let mut st = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .map_err(|e| Error::sql(&path, e))?;
        let rows = st
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| Error::sql(&path, e))?;
        rows.collect::<std::result::Result<_, _>>()
            .map_err(|e| Error::sql(&path, e))?
    };
    let fresh = app == 0 && version == 0 && tables.is_empty();
    if !fresh && app != APPLICATION_ID {
        let shown: Vec<&str> = tables.iter().take(5).map(|s| s.as_str()).collect();
        return Err(Error::new(
            ErrorKind::Foreign,
            format!(
                "{}: an SQLite database that dyad did not make (tables: {}); it was left untouched",
                path.display(),
                if shown.is_empty() {
                    "none".to_string()
                } else {
                    shown.join(", ")
                }
            ),
        ));
    }
    if version > schema_version() {
        return Err(Error::new(
            ErrorKind::TooNew,
            format!(
                "{}: made by a newer dyad (schema version {version}; this dyad knows up to {}); upgrade dyad to use it",
                path.display(),
                schema_version()
            ),
        ));
    }
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| Error::sql(&path, e))?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(|e| Error::sql(&path, e))?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(|e| Error::sql(&path, e))?;
    migrate(&conn, version).map_err(|e| Error::sql(&path, e))?;
    Ok((conn, path))
}

/// Applies every migration above `from`, each in its own transaction
/// together with the `user_version` bump, so a crash leaves a whole step.
fn migrate(conn: &Connection, from: i64) -> rusqlite::Result<()> {
    for (n, _name, sql) in MIGRATIONS.iter().filter(|m| m.0 > from) {
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let res = (|| {
            // Another process may have migrated meanwhile.
            let now: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if now >= *n {
                return Ok(());
            }
            conn.execute_batch(sql)?;
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
            conn.pragma_update(None, "user_version", n)?;
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_written_by', ?1)",
                [concat!("dyad ", env!("CARGO_PKG_VERSION"))],
            )?;
            Ok(())
        })();
        match res {
            Ok(()) => conn.execute_batch("COMMIT")?,
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                return Err(e);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_in_order_and_all_embedded() {
        for (i, (n, name, sql)) in MIGRATIONS.iter().enumerate() {
            assert_eq!(*n, i as i64 + 1);
            assert!(name.starts_with(&format!("{n:04}_")), "{name}");
            assert!(!sql.trim().is_empty());
        }
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|f| f.ends_with(".sql"))
            .collect();
        files.sort();
        let embedded: Vec<&str> = MIGRATIONS.iter().map(|m| m.1).collect();
        assert_eq!(files, embedded, "every migrations/*.sql must be listed");
    }
}
