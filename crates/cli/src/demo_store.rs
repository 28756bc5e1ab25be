//! The store `dyad demo` makes for itself when it is not given `--db`.
//!
//! It is `dyad-demo-<pid>.db` in the temporary folder, so two demos never
//! share one. It must not outlive the demo: SIGINT and SIGTERM (Ctrl-C, a
//! service manager, a test harness) are taken by a thread of their own,
//! which removes the file with its `-wal` and `-shm` and ends the process
//! with status 0. A demo killed without a chance to clean up (SIGKILL, a
//! crash, a power cut) leaves its files behind; the next demo removes
//! those whose process no longer exists before it starts.

use std::path::{Path, PathBuf};

const PREFIX: &str = "dyad-demo-";

/// The SQLite files of a store: the database, its WAL and shared memory,
/// and a rollback journal should one be left.
const SUFFIXES: [&str; 4] = ["", "-wal", "-shm", "-journal"];

/// The demo store of process `pid` in `dir`.
pub fn path_in(dir: &Path, pid: u32) -> PathBuf {
    dir.join(format!("{PREFIX}{pid}.db"))
}

/// Removes a store's files; missing ones are not an error.
pub fn remove(db: &Path) {
    for s in SUFFIXES {
        let mut p = db.as_os_str().to_owned();
        p.push(s);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// The process id in a demo store's file name (`dyad-demo-123.db`, or its
/// `-wal`, `-shm`, `-journal`); `None` for any other name.
fn pid_of(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(PREFIX)?;
    let (pid, tail) = rest.split_once(".db")?;
    if !SUFFIXES.contains(&tail) || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether a process with this id exists (it may be another program that
/// got the id again: its file is then left alone).
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Ok(p) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if p <= 0 {
        return true;
    }
    // SAFETY: signal 0 only checks that the process exists and may be
    // signalled; nothing is sent.
    let r = unsafe { libc::kill(p, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn alive(_: u32) -> bool {
    true
}

/// Removes the demo stores in `dir` of processes that no longer exist
/// (never `me`'s); returns the files removed.
pub fn sweep(dir: &Path, me: u32) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut gone = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(pid_of) else {
            continue;
        };
        if pid == me || alive(pid) {
            continue;
        }
        if e.file_type().is_ok_and(|t| t.is_file()) && std::fs::remove_file(e.path()).is_ok() {
            gone.push(e.path());
        }
    }
    gone
}

/// From now on SIGINT and SIGTERM remove `db` and end the process with
/// status 0. Call it before any other thread starts: the signals are
/// blocked in this thread, every thread started later inherits that, and
/// one thread waits for them.
#[cfg(unix)]
pub fn remove_on_stop(db: PathBuf) -> std::io::Result<()> {
    // SAFETY: a zeroed sigset_t is initialised by sigemptyset before use;
    // the mask is changed for the calling thread only.
    let set = unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::sigaddset(&mut set, libc::SIGTERM);
        let r = libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        if r != 0 {
            return Err(std::io::Error::from_raw_os_error(r));
        }
        set
    };
    std::thread::Builder::new()
        .name("dyad-demo-stop".into())
        .spawn(move || {
            let mut sig: libc::c_int = 0;
            // SAFETY: `set` is initialised and blocked in every thread.
            while unsafe { libc::sigwait(&set, &mut sig) } != 0 {}
            remove(&db);
            eprintln!("dyad demo: stopped; removed {}", db.display());
            std::process::exit(0);
        })?;
    Ok(())
}

#[cfg(not(unix))]
pub fn remove_on_stop(_: PathBuf) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_demo_stores() {
        assert_eq!(pid_of("dyad-demo-123.db"), Some(123));
        assert_eq!(pid_of("dyad-demo-123.db-wal"), Some(123));
        assert_eq!(pid_of("dyad-demo-123.db-shm"), Some(123));
        for other in [
            "dyad-demo-.db",
            "dyad-demo-12a.db",
            "dyad-demo-123.db.bak",
            "dyad-demo-123.dbx",
            "dyad-demo-123",
            "my-dyad-demo-123.db",
        ] {
            assert_eq!(pid_of(other), None, "{other}");
        }
        let d = path_in(Path::new("some/dir"), 7);
        assert_eq!(d, Path::new("some/dir/dyad-demo-7.db"));
    }

    #[cfg(unix)]
    #[test]
    fn the_sweep_takes_only_dead_processes_files() {
        let dir = std::env::temp_dir().join(format!("dyad-demo-sweep-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        // a process that has ended: its id is free (until it is reused)
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let me = std::process::id();
        let keep = [
            path_in(&dir, me),
            dir.join("dyad-demo-notes.txt"),
            dir.join("other.db"),
        ];
        let stale = path_in(&dir, dead);
        for p in keep.iter().chain([&stale]) {
            std::fs::write(p, b"x").unwrap();
        }
        std::fs::write(dir.join(format!("dyad-demo-{dead}.db-wal")), b"x").unwrap();
        let mut gone = sweep(&dir, me);
        gone.sort();
        if alive(dead) {
            // the id was taken again meanwhile: nothing may go
            assert!(gone.is_empty());
        } else {
            assert_eq!(gone.len(), 2, "{gone:?}");
            assert!(!stale.exists());
        }
        for p in &keep {
            assert!(p.exists(), "{}", p.display());
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
