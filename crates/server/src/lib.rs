//! `dyad serve`: the HTTP API (`/api/v1`, `/healthz`) and the dashboard,
//! every asset embedded in the binary.
//!
//! # Design
//!
//! - **Blocking std sockets, a thread per connection, no async runtime.**
//!   Every request ends in SQLite, which blocks; the API's work is a few
//!   milliseconds of reading; the users are a handful of analysts and a
//!   browser. A small hand-written HTTP/1.1 layer ([`http`]) keeps the
//!   build free of a runtime and its dozens of crates, and the server is
//!   one more module of the same synchronous code as the CLI.
//! - **A pool of store connections.** Each request takes an open
//!   [`Store`] from the pool (or opens one) and gives it back; SQLite in WAL
//!   mode lets the readers run beside the one writer. Concurrent
//!   connections are capped ([`Options::max_connections`]); past the cap
//!   new connections are not accepted but wait in the listen backlog, and
//!   while the server is at the cap every response closes its connection,
//!   so keep-alive clients take turns instead of starving the waiting ones.
//! - **The coder comes from outside.** The server does not know lexicons or
//!   extractors: the binary passes a [`Pipeline`] that codes a document
//!   into contract records and ingests documents into a store, the same
//!   code `dyad code` and `dyad ingest` run.
//! - **Offsets are converted here only.** Records keep byte spans; where
//!   the API returns a text, every `span` gets a `span16` in UTF-16 code
//!   units beside it ([`offsets`], docs/OFFSETS.md).
//! - **One error table** ([`error::TABLE`]): status, stable `code`, `type`.

pub mod api;
pub mod assets;
pub mod error;
pub mod http;
pub mod keys;
pub mod offsets;
pub mod search;

use dyad_store::{IngestStats, Mode, Store};
use dyad_text::Doc;
use serde_json::Value;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, BufWriter, Read};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the server needs from the coder.
pub trait Pipeline: Send + Sync {
    /// The records of one document (events, claims, commitments), exactly
    /// as `dyad code` writes them.
    fn code(&self, doc: &Doc) -> Vec<Value>;
    /// Codes and stores documents, as `dyad ingest` does.
    fn ingest(&self, store: &mut Store, docs: Vec<Doc>) -> Result<IngestStats, String>;
}

/// Server options.
#[derive(Debug, Clone)]
pub struct Options {
    pub max_connections: usize,
    /// Idle time before a keep-alive connection is closed.
    pub idle: Duration,
    /// Time to read one request whole (line, headers and body), counted
    /// from its first byte; past it the client gets 408 and the connection
    /// is closed (a client sending its headers slowly holds a connection
    /// at most this long).
    pub read_timeout: Duration,
    /// Write routes answer 403 `read_only`.
    pub read_only: bool,
    /// The one origin allowed by CORS; `None`: no CORS headers at all.
    pub cors_origin: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_connections: 64,
            idle: Duration::from_secs(15),
            read_timeout: Duration::from_secs(10),
            read_only: false,
            cors_origin: None,
        }
    }
}

/// Commitments resolved over the store, by row id, with the state of the
/// store they were resolved for.
type Resolved = Option<(String, Arc<HashMap<i64, Value>>)>;

/// Shared state of the handlers.
pub struct State {
    pub db: PathBuf,
    pub pipeline: Box<dyn Pipeline>,
    pool: Mutex<Vec<Store>>,
    /// Ingests run one at a time.
    pub(crate) writer: Mutex<()>,
    /// Commitments resolved over the store, by row id, and the state of the
    /// store they were resolved for.
    resolved: Mutex<Resolved>,
    /// Write routes are refused (`--read-only`).
    pub read_only: bool,
    /// The origin CORS allows, if any (`--cors-origin`).
    pub cors_origin: Option<String>,
}

impl State {
    pub fn new(db: &Path, pipeline: Box<dyn Pipeline>) -> State {
        State {
            db: db.to_path_buf(),
            pipeline,
            pool: Mutex::new(Vec::new()),
            writer: Mutex::new(()),
            resolved: Mutex::new(None),
            read_only: false,
            cors_origin: None,
        }
    }

    /// The stored commitments with their status as of the latest document
    /// date, resolved over the whole store (as `dyad query commitments`
    /// shows them: ingest stores them without a status). Cached until the
    /// store's documents or commitments change.
    pub fn resolved_commitments(
        &self,
        store: &Store,
    ) -> Result<Arc<HashMap<i64, Value>>, error::ApiError> {
        let key: String = store.conn().query_row(
            "SELECT (SELECT count(*) || '/' || coalesce(max(id), 0) FROM commitments WHERE current = 1)
                    || '/' || (SELECT count(*) || '/' || coalesce(max(id), 0) FROM documents WHERE current = 1)",
            [],
            |r| r.get(0),
        )?;
        if let Some((k, map)) = lock(&self.resolved).as_ref() {
            if *k == key {
                return Ok(map.clone());
            }
        }
        let (_, items) = store.resolve_commitments(None)?;
        let map: Arc<HashMap<i64, Value>> =
            Arc::new(items.into_iter().map(|x| (x.id, x.record)).collect());
        *lock(&self.resolved) = Some((key, map.clone()));
        Ok(map)
    }

    /// Runs `f` with a store connection from the pool.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, error::ApiError>,
    ) -> Result<T, error::ApiError> {
        let taken = lock(&self.pool).pop();
        let mut store = match taken {
            Some(s) => s,
            None => Store::open(&self.db, Mode::Create)?,
        };
        let out = f(&mut store);
        let mut pool = lock(&self.pool);
        if pool.len() < 8 {
            pool.push(store);
        }
        out
    }
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}

/// A bound server, not yet serving.
pub struct Server {
    listener: TcpListener,
    state: Arc<State>,
    opts: Options,
}

impl Server {
    /// Binds `addr` (port 0 picks a free port) and checks that the store
    /// opens (it is created when absent).
    pub fn bind(
        addr: &str,
        db: &Path,
        pipeline: Box<dyn Pipeline>,
        opts: Options,
    ) -> Result<Server, String> {
        let mut state = State::new(db, pipeline);
        state.read_only = opts.read_only;
        state.cors_origin = opts.cors_origin.clone();
        let state = Arc::new(state);
        state
            .with_store(|_| Ok(()))
            .map_err(|e| e.message.clone())?;
        let listener = TcpListener::bind(addr).map_err(|e| format!("binding {addr}: {e}"))?;
        Ok(Server {
            listener,
            state,
            opts,
        })
    }

    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    pub fn state(&self) -> Arc<State> {
        self.state.clone()
    }

    /// Serves until the process ends.
    pub fn run(self) -> std::io::Result<()> {
        let live = Arc::new(AtomicUsize::new(0));
        let max = self.opts.max_connections.max(1);
        loop {
            // at the cap, new connections wait in the kernel's listen backlog
            while live.load(Ordering::SeqCst) >= max {
                std::thread::sleep(Duration::from_millis(1));
            }
            let stream = match self.listener.accept() {
                Ok((s, _)) => s,
                Err(_) => {
                    // e.g. out of file descriptors: do not spin
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                }
            };
            live.fetch_add(1, Ordering::SeqCst);
            let state = self.state.clone();
            let mine = live.clone();
            let idle = self.opts.idle;
            let limit = self.opts.read_timeout;
            let spawned = std::thread::Builder::new()
                .name("dyad-http".into())
                .spawn(move || {
                    let busy = || mine.load(Ordering::SeqCst) >= max;
                    serve_connection(stream, &state, idle, limit, &busy);
                    mine.fetch_sub(1, Ordering::SeqCst);
                });
            if spawned.is_err() {
                // the thread did not start (its stream is dropped): undo its count
                live.fetch_sub(1, Ordering::SeqCst);
            }
        }
    }
}

/// A socket whose reads stop at a deadline: each read waits at most the
/// time left, and once it is spent reads fail with `TimedOut`.
struct Deadline {
    stream: TcpStream,
    until: Option<Instant>,
}

impl Read for Deadline {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if let Some(until) = self.until {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    "request read time limit",
                ));
            }
            self.stream.set_read_timeout(Some(left))?;
        }
        self.stream.read(buf)
    }
}

fn timed_out(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
    )
}

/// Serves one connection's requests; `busy` tells whether the server is at
/// its connection cap (then the connection is closed after its response).
fn serve_connection(
    stream: TcpStream,
    state: &State,
    idle: Duration,
    limit: Duration,
    busy: &dyn Fn() -> bool,
) {
    let _ = stream.set_nodelay(true);
    let Ok(write_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(Deadline {
        stream,
        until: None,
    });
    let mut writer = BufWriter::new(write_half);
    loop {
        // wait (at most `idle`) for the next request's first byte, then
        // give the whole request `limit`
        if reader.buffer().is_empty() {
            reader.get_mut().until = None;
            if reader
                .get_ref()
                .stream
                .set_read_timeout(Some(idle))
                .is_err()
            {
                return;
            }
            match reader.fill_buf() {
                Ok([]) | Err(_) => return,
                Ok(_) => {}
            }
        }
        reader.get_mut().until = Some(Instant::now() + limit);
        let req = match http::read_request(&mut reader) {
            Ok(r) => r,
            Err(http::ReadError::Io(e)) if timed_out(&e) => {
                let e = error::ApiError::new(
                    error::Kind::RequestTimeout,
                    format!(
                        "the request was not received within {} s",
                        limit.as_secs_f64()
                    ),
                );
                let _ = http::write_response(&mut writer, &e.response(), true, false);
                return;
            }
            Err(http::ReadError::Closed) | Err(http::ReadError::Io(_)) => return,
            Err(http::ReadError::Bad(_, code, msg)) => {
                let e = error::ApiError::from_code(code, msg);
                let _ = http::write_response(&mut writer, &e.response(), true, false);
                return;
            }
        };
        let res = api::cors(state, &req, api::handle(state, &req));
        let head = req.method == "HEAD";
        let close = req.close || busy();
        if http::write_response(&mut writer, &res, close, head).is_err() || close {
            return;
        }
    }
}
