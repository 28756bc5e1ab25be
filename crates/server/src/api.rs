//! The routes of `/api/v1` and `/healthz`: one table ([`ROUTES`]) that the
//! dispatcher reads and a test compares with the OpenAPI document.

use crate::error::{ApiError, Kind};
use crate::http::{Request, Response};
use crate::offsets::{add_span16, Utf16Map};
use crate::{assets, keys, lock, State};
use dyad_store::{By, Filter, Kind as Table, Store};
use dyad_text::input::Format;
use dyad_text::Doc;
use rusqlite::{params, OptionalExtension};
use serde_json::{json, Map, Value};

type Handler = fn(&State, &Request, &str) -> Result<Response, ApiError>;

/// One route: method, path (a trailing `{name}` takes the rest of the
/// path), handler, and the query parameters it accepts.
pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub params: &'static [&'static str],
    handler: Handler,
}

const EVENT_FILTERS: &[&str] = &[
    "actor",
    "source",
    "target",
    "dyad",
    "country",
    "code",
    "root",
    "plover",
    "quad",
    "modality",
    "from",
    "to",
    "doc",
    "all_versions",
    "limit",
    "offset",
    "format",
];
const OTHER_FILTERS: &[&str] = &[
    "actor",
    "dyad",
    "country",
    "from",
    "to",
    "doc",
    "all_versions",
    "limit",
    "offset",
    "format",
];

/// Every route the server answers (besides the dashboard's assets).
pub const ROUTES: &[Route] = &[
    Route {
        method: "GET",
        path: "/healthz",
        params: &[],
        handler: healthz,
    },
    Route {
        method: "GET",
        path: "/api/v1/openapi.json",
        params: &[],
        handler: openapi,
    },
    Route {
        method: "GET",
        path: "/api/v1/summary",
        params: &["limit"],
        handler: summary,
    },
    Route {
        method: "GET",
        path: "/api/v1/documents",
        params: &["q", "limit", "offset", "format"],
        handler: documents,
    },
    Route {
        method: "POST",
        path: "/api/v1/documents",
        params: &[],
        handler: ingest,
    },
    Route {
        method: "GET",
        path: "/api/v1/documents/{doc}",
        params: &["version"],
        handler: document,
    },
    Route {
        method: "GET",
        path: "/api/v1/events",
        params: EVENT_FILTERS,
        handler: events,
    },
    Route {
        method: "GET",
        path: "/api/v1/claims",
        params: OTHER_FILTERS,
        handler: claims,
    },
    Route {
        method: "GET",
        path: "/api/v1/commitments",
        params: OTHER_FILTERS,
        handler: commitments,
    },
    Route {
        method: "GET",
        path: "/api/v1/dyad",
        params: &["a", "b", "by", "from", "to", "all_modalities", "format"],
        handler: dyad,
    },
    Route {
        method: "GET",
        path: "/api/v1/actors",
        params: &["limit", "countries"],
        handler: actors,
    },
    Route {
        method: "GET",
        path: "/api/v1/pairs",
        params: &["limit"],
        handler: pairs,
    },
    Route {
        method: "GET",
        path: "/api/v1/search",
        params: &["q", "limit", "offset"],
        handler: search,
    },
    Route {
        method: "POST",
        path: "/api/v1/code",
        params: &[],
        handler: code,
    },
];

/// The OpenAPI document, served as is.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Matches a route path against a request path; returns the captured tail.
fn matches<'a>(pattern: &str, path: &'a str) -> Option<&'a str> {
    match pattern.find('{') {
        None => (pattern == path).then_some(""),
        Some(i) => {
            let tail = path.strip_prefix(&pattern[..i])?;
            (!tail.is_empty()).then_some(tail)
        }
    }
}

/// The routes that change the store: refused on a read-only server.
pub const WRITES: &[(&str, &str)] = &[("POST", "/api/v1/documents")];

/// Methods and request headers a CORS preflight allows.
const CORS_METHODS: &str = "GET, HEAD, POST, OPTIONS";
const CORS_HEADERS: &str = "Authorization, Content-Type";

/// Adds the CORS headers to a response: only when an origin is configured
/// and the request comes from exactly that origin.
pub fn cors(state: &State, req: &Request, res: Response) -> Response {
    match (&state.cors_origin, req.header("origin")) {
        (Some(allowed), Some(origin)) if allowed == origin => res
            .with("Access-Control-Allow-Origin", allowed.clone())
            .with("Vary", "Origin"),
        (Some(_), _) => res.with("Vary", "Origin"),
        _ => res,
    }
}

/// Answers one request.
pub fn handle(state: &State, req: &Request) -> Response {
    let path = req.path.as_str();
    if req.method == "OPTIONS" && state.cors_origin.is_some() {
        // a CORS preflight; `cors` adds the origin when it is the one allowed
        return Response::new(204, "text/plain", Vec::new())
            .with("Access-Control-Allow-Methods", CORS_METHODS)
            .with("Access-Control-Allow-Headers", CORS_HEADERS)
            .with("Access-Control-Max-Age", "600");
    }
    if !path.starts_with("/api/") && path != "/healthz" {
        if matches!(req.method.as_str(), "GET" | "HEAD") {
            if let Some(r) = assets::get(path) {
                return r;
            }
        }
        return ApiError::new(Kind::NotFound, format!("no page at {path}")).response();
    }
    let method = if req.method == "HEAD" {
        "GET"
    } else {
        req.method.as_str()
    };
    let mut allowed: Vec<&str> = Vec::new();
    for r in ROUTES {
        let Some(tail) = matches(r.path, path) else {
            continue;
        };
        if r.method != method {
            allowed.push(r.method);
            continue;
        }
        if state.read_only && WRITES.contains(&(r.method, r.path)) {
            return ApiError::new(
                Kind::ReadOnly,
                format!(
                    "{} {} changes the store; this server is read-only (--read-only)",
                    r.method, r.path
                ),
            )
            .response();
        }
        if let Some((k, _)) = req
            .query
            .iter()
            .find(|(k, _)| !r.params.contains(&k.as_str()))
        {
            return ApiError::field(
                Kind::InvalidParameter,
                k,
                format!(
                    "unknown parameter for {} {} (accepted: {})",
                    r.method,
                    r.path,
                    if r.params.is_empty() {
                        "none".to_string()
                    } else {
                        r.params.join(", ")
                    }
                ),
            )
            .response();
        }
        return match (r.handler)(state, req, tail) {
            Ok(res) => res,
            Err(e) => e.response(),
        };
    }
    if !allowed.is_empty() {
        return ApiError::new(
            Kind::MethodNotAllowed,
            format!(
                "{} is not allowed on {path} (allowed: {})",
                req.method,
                allowed.join(", ")
            ),
        )
        .response()
        .with("Allow", allowed.join(", "));
    }
    ApiError::new(Kind::NotFound, format!("no route {path}")).response()
}

// ---------- parameters ----------

fn invalid(field: &str, msg: impl Into<String>) -> ApiError {
    ApiError::field(Kind::InvalidParameter, field, msg)
}

fn int_param(req: &Request, name: &str, default: usize, max: usize) -> Result<usize, ApiError> {
    match req.param(name) {
        None | Some("") => Ok(default),
        Some(v) => match v.parse::<usize>() {
            Ok(n) if n <= max => Ok(n),
            Ok(_) => Err(invalid(name, format!("{v} is above the maximum {max}"))),
            Err(_) => Err(invalid(
                name,
                format!("\"{v}\" is not a non-negative integer"),
            )),
        },
    }
}

fn bool_param(req: &Request, name: &str) -> Result<bool, ApiError> {
    match req.param(name) {
        None => Ok(false),
        Some("" | "true" | "1" | "yes") => Ok(true),
        Some("false" | "0" | "no") => Ok(false),
        Some(v) => Err(invalid(name, format!("\"{v}\" is not true or false"))),
    }
}

fn str_param(req: &Request, name: &str) -> Option<String> {
    req.param(name)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

fn date_param(req: &Request, name: &str) -> Result<Option<String>, ApiError> {
    let Some(v) = str_param(req, name) else {
        return Ok(None);
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let ok = match v.len() {
        4 => digits(&v),
        7 => {
            digits(&v[..4])
                && &v[4..5] == "-"
                && v[5..].parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
        }
        10 => dyad_text::input::parse_date(&v).is_some(),
        _ => false,
    };
    if ok {
        Ok(Some(v))
    } else {
        Err(invalid(
            name,
            format!("\"{v}\" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD"),
        ))
    }
}

fn code_param(req: &Request, name: &str) -> Result<Option<String>, ApiError> {
    let Some(v) = str_param(req, name) else {
        return Ok(None);
    };
    if v.len() <= 15 && v.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Ok(Some(v.to_ascii_uppercase()))
    } else {
        Err(invalid(
            name,
            format!("\"{v}\" is not an actor code (letters and digits, e.g. CHN or CHNGOV)"),
        ))
    }
}

fn dyad_param(req: &Request) -> Result<Option<(String, String)>, ApiError> {
    let Some(v) = str_param(req, "dyad") else {
        return Ok(None);
    };
    let ok =
        |s: &str| !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_alphanumeric());
    match v.split_once(',') {
        Some((a, b)) if ok(a.trim()) && ok(b.trim()) => Ok(Some((
            a.trim().to_ascii_uppercase(),
            b.trim().to_ascii_uppercase(),
        ))),
        _ => Err(invalid(
            "dyad",
            format!("\"{v}\" is not two actor codes A,B (e.g. CHN,RUS)"),
        )),
    }
}

/// CSV or JSON, from `format` or the Accept header.
fn wants_csv(req: &Request) -> Result<bool, ApiError> {
    match req.param("format") {
        Some("csv") => Ok(true),
        Some("json") => Ok(false),
        Some(v) => Err(invalid("format", format!("\"{v}\" is not json or csv"))),
        None => Ok(req
            .header("accept")
            .is_some_and(|a| a.contains("text/csv") && !a.contains("application/json"))),
    }
}

struct Page {
    limit: usize,
    offset: usize,
}

fn page(req: &Request) -> Result<Page, ApiError> {
    Ok(Page {
        limit: int_param(req, "limit", 50, 1000)?,
        offset: int_param(req, "offset", 0, usize::MAX / 4)?,
    })
}

// ---------- small handlers ----------

fn healthz(state: &State, _: &Request, _: &str) -> Result<Response, ApiError> {
    let docs: i64 = state.with_store(|s| {
        Ok(s.conn().query_row(
            "SELECT count(*) FROM documents WHERE current = 1",
            [],
            |r| r.get(0),
        )?)
    })?;
    Ok(Response::json(
        200,
        &json!({"status": "ok", "documents": docs, "version": env!("CARGO_PKG_VERSION")}),
    ))
}

fn openapi(_: &State, _: &Request, _: &str) -> Result<Response, ApiError> {
    Ok(Response::new(200, "application/json", OPENAPI))
}

fn summary(state: &State, req: &Request, _: &str) -> Result<Response, ApiError> {
    let limit = int_param(req, "limit", 10, 100)?;
    state.with_store(|s| {
        let sum = s.summary()?;
        let mut st = s.conn().prepare_cached(
            "SELECT e.id, d.version, e.record FROM events e JOIN documents d ON d.id = e.doc_id
             WHERE e.current = 1 AND e.date_start IS NOT NULL
             ORDER BY e.date_start DESC, e.id DESC LIMIT ?1",
        )?;
        let latest: Vec<Value> = st
            .query_map([limit as i64], |r| {
                Ok(item(r.get(0)?, r.get(1)?, &r.get::<_, String>(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let span: (Option<String>, Option<String>) = s.conn().query_row(
            "SELECT min(date), max(date) FROM documents WHERE current = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(Response::json(
            200,
            &json!({
                "documents": sum.documents,
                "versions": sum.versions,
                "sentences": sum.sentences,
                "events": sum.events,
                "claims": sum.claims,
                "commitments": sum.commitments,
                "first_date": span.0,
                "last_date": span.1,
                "lexicons": sum.lexicons.iter().map(|(l, n)| json!({"lexicon": l, "documents": n})).collect::<Vec<_>>(),
                "latest_events": latest,
            }),
        ))
    })
}

/// Stored commitments resolved over the store, to show instead of the
/// stored records (which carry no status); empty for other tables.
type Patch = std::sync::Arc<std::collections::HashMap<i64, Value>>;

fn patch_for(state: &State, s: &Store, kind: Table) -> Result<Patch, ApiError> {
    if kind == Table::Commitments {
        state.resolved_commitments(s)
    } else {
        Ok(Patch::default())
    }
}

/// A stored record (or its resolved form) with its row id and version.
fn patched(id: i64, version: i64, record: &str, patch: &Patch) -> Value {
    match patch.get(&id) {
        Some(v) => {
            let mut v = v.clone();
            if let Some(o) = v.as_object_mut() {
                o.insert("id".into(), json!(id));
                o.insert("doc_version".into(), json!(version));
            }
            v
        }
        None => item(id, version, record),
    }
}

/// A stored record with its row id and document version.
fn item(id: i64, version: i64, record: &str) -> Value {
    let mut v: Value = serde_json::from_str(record).unwrap_or_else(|_| json!({}));
    if let Some(o) = v.as_object_mut() {
        o.insert("id".into(), json!(id));
        o.insert("doc_version".into(), json!(version));
    }
    v
}

// ---------- documents ----------

fn documents(state: &State, req: &Request, _: &str) -> Result<Response, ApiError> {
    let p = page(req)?;
    let csv = wants_csv(req)?;
    let q = str_param(req, "q").map(|q| {
        format!(
            "%{}%",
            q.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        )
    });
    state.with_store(|s| {
        let cond = "d.current = 1 AND (?1 IS NULL OR d.doc LIKE ?1 ESCAPE '\\' OR d.title LIKE ?1 ESCAPE '\\')";
        let total: i64 = s.conn().query_row(
            &format!("SELECT count(*) FROM documents d WHERE {cond}"),
            [&q],
            |r| r.get(0),
        )?;
        let mut st = s.conn().prepare_cached(&format!(
            "SELECT d.doc, d.version, d.date, d.title, d.source, d.url, d.format, d.sentences,
               (SELECT count(*) FROM events e WHERE e.doc_id = d.id AND e.current = 1),
               (SELECT count(*) FROM claims c WHERE c.doc_id = d.id AND c.current = 1),
               (SELECT count(*) FROM commitments m WHERE m.doc_id = d.id AND m.current = 1),
               length(CAST(d.original AS BLOB))
             FROM documents d WHERE {cond}
             ORDER BY d.date IS NULL, d.date DESC, d.doc LIMIT ?2 OFFSET ?3"
        ))?;
        let items: Vec<Value> = st
            .query_map(params![q, p.limit as i64, p.offset as i64], |r| {
                Ok(json!({
                    "doc": r.get::<_, String>(0)?,
                    "version": r.get::<_, i64>(1)?,
                    "date": r.get::<_, Option<String>>(2)?,
                    "title": r.get::<_, Option<String>>(3)?,
                    "source": r.get::<_, Option<String>>(4)?,
                    "url": r.get::<_, Option<String>>(5)?,
                    "format": r.get::<_, String>(6)?,
                    "sentences": r.get::<_, i64>(7)?,
                    "events": r.get::<_, i64>(8)?,
                    "claims": r.get::<_, i64>(9)?,
                    "commitments": r.get::<_, i64>(10)?,
                    "bytes": r.get::<_, i64>(11)?,
                }))
            })?
            .collect::<rusqlite::Result<_>>()?;
        if csv {
            let cols = [
                "doc", "version", "date", "title", "source", "url", "format", "sentences", "events",
                "claims", "commitments", "bytes",
            ];
            return Ok(csv_response(&cols, items.iter().map(|v| {
                cols.iter().map(|c| plain(&v[*c])).collect()
            })));
        }
        Ok(Response::json(
            200,
            &json!({"total": total, "limit": p.limit, "offset": p.offset, "items": items}),
        ))
    })
}

fn document(state: &State, req: &Request, id: &str) -> Result<Response, ApiError> {
    let version = match req.param("version") {
        None => None,
        Some(v) => Some(
            v.parse::<i64>()
                .map_err(|_| invalid("version", format!("\"{v}\" is not an integer")))?,
        ),
    };
    state.with_store(|s| {
        let c = s.conn();
        type Head = (i64, i64, bool, Option<String>, Option<String>, Option<String>, Option<String>, String, String, String);
        let head: Option<Head> = c
            .query_row(
                "SELECT id, version, current, date, title, source, url, format, original, ingested_at
                 FROM documents WHERE doc = ?1 AND (?2 IS NULL AND current = 1 OR version = ?2)
                 ORDER BY version DESC LIMIT 1",
                params![id, version],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get::<_, i64>(2)? == 1,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                        r.get(9)?,
                    ))
                },
            )
            .optional()?;
        let Some((row, ver, current, date, title, source, url, format, original, ingested)) = head
        else {
            return Err(ApiError::new(
                Kind::NotFound,
                match version {
                    Some(v) => format!("no document \"{id}\" version {v}"),
                    None => format!("no document \"{id}\""),
                },
            ));
        };
        let map = Utf16Map::new(&original);
        let sentences: Vec<Value> = c
            .prepare_cached("SELECT idx, start, \"end\" FROM sentences WHERE doc_id = ?1 ORDER BY idx")?
            .query_map([row], |r| {
                let (a, b): (i64, i64) = (r.get(1)?, r.get(2)?);
                Ok(json!({
                    "index": r.get::<_, i64>(0)?,
                    "span": [a, b],
                    "span16": [map.at(a as usize), map.at(b as usize)],
                }))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = json!({
            "doc": id,
            "version": ver,
            "current": current,
            "date": date,
            "title": title,
            "source": source,
            "url": url,
            "format": format,
            "ingested_at": ingested,
            "text": original,
            "length16": map.at(original.len()),
            "sentences": sentences,
        });
        for (t, kind) in [
            ("events", Table::Events),
            ("claims", Table::Claims),
            ("commitments", Table::Commitments),
        ] {
            let patch = patch_for(state, s, kind)?;
            let mut items: Vec<Value> = c
                .prepare_cached(&format!("SELECT id, record FROM {t} WHERE doc_id = ?1 ORDER BY id"))?
                .query_map([row], |r| {
                    Ok(patched(r.get(0)?, ver, &r.get::<_, String>(1)?, &patch))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for v in &mut items {
                add_span16(v, &map, id);
            }
            out[t] = Value::Array(items);
        }
        Ok(Response::json(200, &out))
    })
}

// ---------- events, claims, commitments ----------

fn events(state: &State, req: &Request, _: &str) -> Result<Response, ApiError> {
    let quad = match str_param(req, "quad") {
        None => None,
        Some(v) => match v.parse::<u8>() {
            Ok(q @ 1..=4) => Some(q),
            _ => {
                return Err(invalid(
                    "quad",
                    format!("\"{v}\" is not a quad class 1 to 4"),
                ))
            }
        },
    };
    let root = match str_param(req, "root") {
        Some(v) if v.len() <= 2 && v.bytes().all(|b| b.is_ascii_digit()) => Some(v),
        Some(v) => {
            return Err(invalid(
                "root",
                format!("\"{v}\" is not a CAMEO root (01 to 20)"),
            ))
        }
        None => None,
    };
    let cameo = match str_param(req, "code") {
        Some(v) if v.len() <= 4 && v.bytes().all(|b| b.is_ascii_digit()) => Some(v),
        Some(v) => {
            return Err(invalid(
                "code",
                format!("\"{v}\" is not a CAMEO code (digits, e.g. 04 or 0411)"),
            ))
        }
        None => None,
    };
    let modality = match str_param(req, "modality") {
        Some(v) => {
            let m = v.to_ascii_lowercase();
            const M: &[&str] = &[
                "asserted",
                "future",
                "intent",
                "negated",
                "hypothetical",
                "reported",
            ];
            if !M.contains(&m.as_str()) {
                return Err(invalid(
                    "modality",
                    format!("\"{v}\" is not one of {}", M.join(", ")),
                ));
            }
            Some(m)
        }
        None => None,
    };
    let filter = Filter {
        actor: code_param(req, "actor")?,
        source: code_param(req, "source")?,
        target: code_param(req, "target")?,
        dyad: dyad_param(req)?,
        country: code_param(req, "country")?,
        code: cameo,
        root,
        plover: code_param(req, "plover")?,
        quad,
        modality,
        from: date_param(req, "from")?,
        to: date_param(req, "to")?,
        doc: str_param(req, "doc"),
        all_versions: bool_param(req, "all_versions")?,
        limit: None,
    };
    listing(state, req, Table::Events, filter, None)
}

fn others(state: &State, req: &Request, kind: Table) -> Result<Response, ApiError> {
    let filter = Filter {
        from: date_param(req, "from")?,
        to: date_param(req, "to")?,
        doc: str_param(req, "doc"),
        all_versions: bool_param(req, "all_versions")?,
        ..Default::default()
    };
    // actors are matched on the records: commitments name several
    let mut want: Vec<Vec<String>> = Vec::new();
    if let Some(a) = code_param(req, "actor")? {
        want.push(vec![a]);
    }
    if let Some(c) = code_param(req, "country")? {
        want.push(vec![c]);
    }
    if let Some((a, b)) = dyad_param(req)? {
        want.push(vec![a]);
        want.push(vec![b]);
    }
    listing(state, req, kind, filter, Some(want))
}

fn claims(state: &State, req: &Request, _: &str) -> Result<Response, ApiError> {
    others(state, req, Table::Claims)
}

fn commitments(state: &State, req: &Request, _: &str) -> Result<Response, ApiError> {
    others(state, req, Table::Commitments)
}

/// Every actor code and country a claim or commitment names.
fn record_actors(v: &Value) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.to_ascii_uppercase()),
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(o) => {
                for k in ["code", "country"] {
                    if let Some(Value::String(s)) = o.get(k) {
                        out.push(s.to_ascii_uppercase());
                    }
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for k in ["actors", "actor", "counterpart"] {
        if let Some(x) = v.get(k) {
            walk(x, &mut out);
        }
    }
    out
}

/// Reads a table with a filter and paging; `want` (claims, commitments)
/// lists actor conditions checked on each record: every group must match
/// one of the record's actors (code by prefix, or country).
fn listing(
    state: &State,
    req: &Request,
    kind: Table,
    mut filter: Filter,
    want: Option<Vec<Vec<String>>>,
) -> Result<Response, ApiError> {
    let p = page(req)?;
    let csv = wants_csv(req)?;
    state.with_store(|s| {
        let patch = patch_for(state, s, kind)?;
        let mut items: Vec<Value> = Vec::new();
        let total: i64;
        match want.filter(|w| !w.is_empty()) {
            None => {
                total = s.count(kind, &filter)?;
                filter.limit = Some(p.offset + p.limit);
                let mut i = 0;
                s.query(kind, &filter, |r| -> Result<(), ApiError> {
                    if i >= p.offset {
                        let mut v = patched(r.id, r.version, &r.record, &patch);
                        v["doc_current"] = json!(r.current);
                        items.push(v);
                    }
                    i += 1;
                    Ok(())
                })?;
            }
            Some(groups) => {
                // SQL narrows by the actor codes as quoted JSON strings;
                // each record is then checked exactly
                let (sql, args) = actor_sql(kind, &filter, &groups);
                let mut st = s.conn().prepare(&sql)?;
                let mut rows = st.query(rusqlite::params_from_iter(args.iter()))?;
                let mut n = 0i64;
                while let Some(r) = rows.next()? {
                    let record: String = r.get(3)?;
                    let v: Value = serde_json::from_str(&record).unwrap_or(Value::Null);
                    let names = record_actors(&v);
                    let ok = groups.iter().all(|g| {
                        g.iter()
                            .any(|w| names.iter().any(|x| x.starts_with(w.as_str())))
                    });
                    if ok {
                        if n as usize >= p.offset && items.len() < p.limit {
                            let mut v = patched(r.get(0)?, r.get(1)?, &record, &patch);
                            v["doc_current"] = json!(r.get::<_, i64>(2)? == 1);
                            items.push(v);
                        }
                        n += 1;
                    }
                }
                total = n;
            }
        }
        if csv {
            let cols = csv_columns(kind);
            return Ok(csv_response(
                &cols.iter().map(|c| c.0).collect::<Vec<_>>(),
                items
                    .iter()
                    .map(|v| cols.iter().map(|c| (c.1)(v)).collect()),
            )
            .with("X-Total-Count", total.to_string()));
        }
        Ok(Response::json(
            200,
            &json!({"total": total, "limit": p.limit, "offset": p.offset, "items": items}),
        ))
    })
}

fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// The query of claims or commitments naming actors: the filter's dates
/// and document, and a LIKE per actor on the JSON that names them.
fn actor_sql(kind: Table, f: &Filter, groups: &[Vec<String>]) -> (String, Vec<String>) {
    let (table, col) = match kind {
        Table::Claims => ("claims", "x.actors"),
        _ => ("commitments", "x.record"),
    };
    let mut c: Vec<String> = Vec::new();
    let mut a: Vec<String> = Vec::new();
    if !f.all_versions {
        c.push("x.current = 1".into());
    }
    for g in groups {
        let mut any = Vec::new();
        for w in g {
            a.push(format!("%\"{}%", like_escape(w)));
            any.push(format!("{col} LIKE ?{} ESCAPE '\\'", a.len()));
        }
        c.push(format!("({})", any.join(" OR ")));
    }
    if let Some(d) = &f.from {
        a.push(match d.len() {
            4 => format!("{d}-01-01"),
            7 => format!("{d}-01"),
            _ => d.clone(),
        });
        c.push(format!("x.date_start >= ?{}", a.len()));
    }
    if let Some(d) = &f.to {
        a.push(match d.len() {
            4 => format!("{d}-12-31"),
            7 => format!("{d}-31"),
            _ => d.clone(),
        });
        c.push(format!("x.date_start <= ?{}", a.len()));
    }
    if let Some(d) = &f.doc {
        a.push(d.clone());
        let op = if d.contains(['*', '?']) { "GLOB" } else { "=" };
        c.push(format!("d.doc {op} ?{}", a.len()));
    }
    let w = if c.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", c.join(" AND "))
    };
    (
        format!(
            "SELECT x.id, d.version, x.current, x.record FROM {table} x
             JOIN documents d ON d.id = x.doc_id {w} ORDER BY x.doc_id, x.id"
        ),
        a,
    )
}

type Col = (&'static str, fn(&Value) -> String);

fn plain(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn csv_columns(kind: Table) -> Vec<Col> {
    let mut c: Vec<Col> = vec![
        ("id", |v| plain(&v["id"])),
        ("doc", |v| plain(&v["doc"])),
        ("sentence", |v| plain(&v["sentence"])),
    ];
    match kind {
        Table::Events => c.extend::<[Col; 14]>([
            ("date", |v| plain(&v["date"])),
            ("source", |v| plain(&v["source"]["code"])),
            ("source_country", |v| plain(&v["source"]["country"])),
            ("target", |v| plain(&v["target"]["code"])),
            ("target_country", |v| plain(&v["target"]["country"])),
            ("cameo", |v| plain(&v["cameo"])),
            ("root", |v| plain(&v["root"])),
            ("quad_class", |v| plain(&v["quad_class"])),
            ("goldstein", |v| plain(&v["goldstein"])),
            ("plover", |v| plain(&v["plover"]["event"])),
            ("modality", |v| plain(&v["modality"])),
            ("trigger", |v| plain(&v["trigger"]["text"])),
            ("rule", |v| plain(&v["rule"])),
            ("text", |v| plain(&v["text"])),
        ]),
        Table::Claims => c.extend::<[Col; 8]>([
            ("quantity", |v| plain(&v["quantity"])),
            ("value", |v| plain(&v["value"])),
            ("unit", |v| plain(&v["unit"])),
            ("qualifier", |v| plain(&v["qualifier"])),
            ("period", |v| plain(&v["period"])),
            ("actors", |v| record_actors(v).join(" ")),
            ("checks", |v| {
                v["checks"].as_array().map_or(0, Vec::len).to_string()
            }),
            ("text", |v| plain(&v["text"])),
        ]),
        Table::Commitments => c.extend::<[Col; 6]>([
            ("actor", |v| {
                let mut a = Vec::new();
                if let Some(x) = v["actor"].as_array() {
                    a.extend(x.iter().map(|x| plain(&x["code"])));
                } else {
                    a.push(plain(&v["actor"]));
                }
                a.join(" ")
            }),
            ("action", |v| {
                let a = &v["action"];
                plain(if a.is_object() { &a["text"] } else { a })
            }),
            ("due", |v| plain(&v["due"])),
            ("status", |v| plain(&v["status"])),
            ("made", |v| plain(&v["made"])),
            ("text", |v| plain(&v["text"])),
        ]),
    }
    c
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv_response(head: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Response {
    let mut out = head.join(",");
    out.push('\n');
    for r in rows {
        out.push_str(&r.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    Response::new(200, "text/csv; charset=utf-8", out)
}

// ---------- series, actors ----------

fn country(req: &Request, name: &str) -> Result<String, ApiError> {
    let v = str_param(req, name).ok_or_else(|| {
        ApiError::field(
            Kind::MissingField,
            name,
            "a country code is required (e.g. CHN)",
        )
    })?;
    Store::check_country(&v).map_err(|e| invalid(name, e.message))?;
    Ok(v.to_ascii_uppercase())
}

fn dyad(state: &State, req: &Request, _: &str) -> Result<Response, ApiError> {
    let a = country(req, "a")?;
    let b = country(req, "b")?;
    let by_s = str_param(req, "by").unwrap_or_else(|| "month".into());
    let by: By = by_s.parse().map_err(|e: String| invalid("by", e))?;
    let from = date_param(req, "from")?;
    let to = date_param(req, "to")?;
    let all = bool_param(req, "all_modalities")?;
    let csv = wants_csv(req)?;
    let mods: &[&str] = &[
        "asserted",
        "reported",
        "future",
        "intent",
        "negated",
        "hypothetical",
    ];
    let series = state.with_store(|s| {
        Ok(s.series(
            &a,
            &b,
            by,
            from.as_deref(),
            to.as_deref(),
            all.then_some(mods),
        )?)
    })?;
    let cell = |src: &str, tgt: &str, c: &dyad_store::Cell| {
        json!({
            "source": src, "target": tgt, "n": c.n, "quad": c.quad,
            "goldstein_sum": (c.goldstein_sum * 1000.0).round() / 1000.0,
            "goldstein_mean": c.goldstein_mean().map(|m| (m * 1000.0).round() / 1000.0),
        })
    };
    if csv {
        let head = [
            "period",
            "source",
            "target",
            "n",
            "q1",
            "q2",
            "q3",
            "q4",
            "goldstein_sum",
            "goldstein_mean",
        ];
        let mut rows = Vec::new();
        for r in &series.rows {
            for (i, (s, t)) in [(&a, &b), (&b, &a)].into_iter().enumerate() {
                let c = &r.dirs[i];
                rows.push(vec![
                    r.period.clone(),
                    s.clone(),
                    t.clone(),
                    c.n.to_string(),
                    c.quad[0].to_string(),
                    c.quad[1].to_string(),
                    c.quad[2].to_string(),
                    c.quad[3].to_string(),
                    format!("{:.3}", c.goldstein_sum),
                    c.goldstein_mean()
                        .map(|m| format!("{m:.3}"))
                        .unwrap_or_default(),
                ]);
            }
        }
        return Ok(csv_response(&head, rows.into_iter()));
    }
    let rows: Vec<Value> = series
        .rows
        .iter()
        .map(|r| json!({"period": r.period, "dirs": [cell(&a, &b, &r.dirs[0]), cell(&b, &a, &r.dirs[1])]}))
        .collect();
    Ok(Response::json(
        200,
        &json!({"a": a, "b": b, "by": by_s, "all_modalities": all, "year_only": series.year_only, "rows": rows}),
    ))
}

fn actors(state: &State, req: &Request, _: &str) -> Result<Response, ApiError> {
    let limit = int_param(req, "limit", 20, 500)?;
    let countries = bool_param(req, "countries")?;
    let (acts, pairs) = state.with_store(|s| Ok(s.actors(limit, countries)?))?;
    Ok(Response::json(
        200,
        &json!({
            "countries": countries,
            "actors": acts.iter().map(|a| json!({
                "actor": a.actor, "as_source": a.as_source, "as_target": a.as_target,
                "total": a.as_source + a.as_target,
            })).collect::<Vec<_>>(),
            "pairs": pairs_json(&pairs),
        }),
    ))
}

fn pairs_json(pairs: &[dyad_store::PairCount]) -> Vec<Value> {
    pairs
        .iter()
        .map(|p| {
            json!({"source": p.source, "target": p.target, "n": p.n,
                   "goldstein_mean": (p.goldstein_mean * 1000.0).round() / 1000.0})
        })
        .collect()
}

fn pairs(state: &State, req: &Request, _: &str) -> Result<Response, ApiError> {
    let limit = int_param(req, "limit", 50, 1000)?;
    // from the pair series kept at ingest: a few thousand rows at most
    let pairs = state.with_store(|s| {
        let mut st = s.conn().prepare_cached(
            "SELECT src, tgt, sum(n), sum(gsum) FROM pair_counts WHERE src != tgt
             GROUP BY 1, 2 HAVING sum(n) > 0 ORDER BY 3 DESC, 1, 2 LIMIT ?1",
        )?;
        let rows = st
            .query_map([limit as i64], |r| {
                let n: i64 = r.get(2)?;
                let g: f64 = r.get(3)?;
                Ok(dyad_store::PairCount {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    n,
                    goldstein_mean: g / n.max(1) as f64,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    })?;
    Ok(Response::json(200, &json!({"pairs": pairs_json(&pairs)})))
}

// ---------- search ----------

fn search(state: &State, req: &Request, _: &str) -> Result<Response, ApiError> {
    let q = str_param(req, "q")
        .ok_or_else(|| ApiError::field(Kind::MissingField, "q", "give words to search for"))?;
    if q.len() > 200 {
        return Err(invalid("q", "at most 200 bytes"));
    }
    let expr =
        crate::search::match_expr(&q).ok_or_else(|| invalid("q", "has no word to search for"))?;
    let p = page(req)?;
    {
        let _w = lock(&state.writer);
        state.with_store(|s| Ok(crate::search::refresh(s.conn())?))?;
    }
    state.with_store(|s| {
        let c = s.conn();
        let from = "FROM sentence_fts f
             JOIN documents d ON d.id = f.rowid / 1048576 AND d.current = 1
             JOIN sentences s ON s.doc_id = d.id AND s.idx = f.rowid % 1048576
             WHERE sentence_fts MATCH ?1";
        let total: i64 = c.query_row(&format!("SELECT count(*) {from}"), [&expr], |r| r.get(0))?;
        let sent = "CAST(substr(CAST(d.original AS BLOB), s.start + 1, s.\"end\" - s.start) AS TEXT)";
        let mut st = c.prepare_cached(&format!(
            "SELECT d.doc, d.date, d.title, s.idx, s.start, s.\"end\", {sent},
               (SELECT count(*) FROM events e WHERE e.doc_id = d.id AND e.current = 1 AND e.sentence = s.idx)
             {from} ORDER BY f.rank, d.date DESC LIMIT ?2 OFFSET ?3"
        ))?;
        let items: Vec<Value> = st
            .query_map(params![expr, p.limit as i64, p.offset as i64], |r| {
                Ok(json!({
                    "doc": r.get::<_, String>(0)?,
                    "date": r.get::<_, Option<String>>(1)?,
                    "title": r.get::<_, Option<String>>(2)?,
                    "sentence": r.get::<_, i64>(3)?,
                    "span": [r.get::<_, i64>(4)?, r.get::<_, i64>(5)?],
                    "text": r.get::<_, Option<String>>(6)?,
                    "events": r.get::<_, i64>(7)?,
                }))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Response::json(
            200,
            &json!({"q": q, "total": total, "limit": p.limit, "offset": p.offset, "items": items}),
        ))
    })
}

// ---------- posted documents ----------

fn json_body(req: &Request) -> Result<Map<String, Value>, ApiError> {
    if let Some(ct) = req.header("content-type") {
        if !ct.to_ascii_lowercase().contains("json") {
            return Err(ApiError::new(
                Kind::UnsupportedMediaType,
                format!("Content-Type {ct}: send application/json"),
            ));
        }
    }
    match serde_json::from_slice::<Value>(&req.body) {
        Ok(Value::Object(o)) => Ok(o),
        Ok(_) => Err(ApiError::new(
            Kind::InvalidJson,
            "the body must be a JSON object",
        )),
        Err(e) => Err(ApiError::new(
            Kind::InvalidJson,
            format!("the body is not JSON: {e}"),
        )),
    }
}

/// A document from a JSON object; `path` prefixes field names in errors.
fn doc_from(o: &Map<String, Value>, path: &str, id_required: bool) -> Result<Doc, ApiError> {
    let f = |k: &str| format!("{path}{k}");
    let opt_str = |k: &str| -> Result<Option<String>, ApiError> {
        match o.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(invalid(&f(k), "must be a string")),
        }
    };
    const KNOWN: &[&str] = &["id", "text", "date", "title", "source", "url", "format"];
    if let Some(k) = o.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        return Err(invalid(
            &f(k),
            format!("unknown field (accepted: {})", KNOWN.join(", ")),
        ));
    }
    let text = match o.get("text") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::String(_)) => return Err(invalid(&f("text"), "is empty")),
        Some(_) => return Err(invalid(&f("text"), "must be a string")),
        None => {
            return Err(ApiError::field(
                Kind::MissingField,
                &f("text"),
                "is required",
            ))
        }
    };
    let date = match opt_str("date")? {
        None => None,
        Some(d) => match dyad_text::input::parse_date(&d) {
            Some(x) if d.trim().len() == 10 => Some(x),
            _ => {
                return Err(invalid(
                    &f("date"),
                    format!("\"{d}\" is not a date; write YYYY-MM-DD"),
                ))
            }
        },
    };
    let format = match opt_str("format")? {
        None => Format::Text,
        Some(s) => match s.parse::<Format>() {
            Ok(Format::Jsonl) => Format::Text,
            Ok(x) => x,
            Err(e) => return Err(invalid(&f("format"), e)),
        },
    };
    let id = match opt_str("id")? {
        Some(i) if !i.trim().is_empty() => i.trim().to_string(),
        Some(_) => return Err(invalid(&f("id"), "is empty")),
        None if id_required => {
            return Err(ApiError::field(Kind::MissingField, &f("id"), "is required"))
        }
        None => "posted".to_string(),
    };
    let mut doc = Doc::parse(id, text, format, date);
    doc.title = opt_str("title")?;
    doc.source = opt_str("source")?;
    doc.url = opt_str("url")?;
    Ok(doc)
}

fn code(state: &State, req: &Request, _: &str) -> Result<Response, ApiError> {
    let body = json_body(req)?;
    let doc = doc_from(&body, "", false)?;
    let mut records = state.pipeline.code(&doc);
    let map = Utf16Map::new(&doc.original);
    for r in &mut records {
        add_span16(r, &map, &doc.id);
    }
    let count = |k: &str| records.iter().filter(|r| r["kind"] == k).count();
    Ok(Response::json(
        200,
        &json!({
            "doc": doc.id,
            "date": doc.date.map(|d| d.to_string()),
            "title": doc.title,
            "text": doc.original,
            "counts": {"events": count("event"), "claims": count("claim"), "commitments": count("commitment")},
            "records": records,
        }),
    ))
}

fn ingest(state: &State, req: &Request, _: &str) -> Result<Response, ApiError> {
    let key = req
        .header("authorization")
        .and_then(|h| h.strip_prefix("Bearer ").or_else(|| h.strip_prefix("bearer ")))
        .map(str::trim)
        .ok_or_else(|| {
            ApiError::new(
                Kind::Unauthorized,
                "an API key is required: send Authorization: Bearer <key> (create one with `dyad key create`)",
            )
        })?;
    let name = state.with_store(|s| Ok(keys::check(s.conn(), key)?))?;
    let Some(name) = name else {
        return Err(ApiError::new(
            Kind::Unauthorized,
            "unknown or revoked API key",
        ));
    };
    let body = json_body(req)?;
    let docs: Vec<Doc> = match body.get("documents") {
        Some(Value::Array(a)) => {
            if body.len() > 1 {
                return Err(invalid(
                    "documents",
                    "give either documents or one document's fields",
                ));
            }
            if a.is_empty() || a.len() > 1000 {
                return Err(invalid("documents", "give 1 to 1000 documents"));
            }
            a.iter()
                .enumerate()
                .map(|(i, d)| match d {
                    Value::Object(o) => doc_from(o, &format!("documents[{i}]."), true),
                    _ => Err(invalid(&format!("documents[{i}]"), "must be an object")),
                })
                .collect::<Result<_, _>>()?
        }
        Some(_) => return Err(invalid("documents", "must be an array of documents")),
        None => vec![doc_from(&body, "", true)?],
    };
    let ids: Vec<String> = docs.iter().map(|d| d.id.clone()).collect();
    let _w = lock(&state.writer);
    let stats = state.with_store(|s| {
        state
            .pipeline
            .ingest(s, docs)
            .map_err(|e| ApiError::new(Kind::Internal, e))
    })?;
    Ok(Response::json(
        201,
        &json!({
            "documents": ids,
            "added": stats.added,
            "replaced": stats.replaced,
            "unchanged": stats.unchanged,
            "sentences": stats.sentences,
            "events": stats.events,
            "records": stats.records,
            "key": name,
        }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_paths_match() {
        assert_eq!(matches("/api/v1/events", "/api/v1/events"), Some(""));
        assert_eq!(matches("/api/v1/events", "/api/v1/event"), None);
        assert_eq!(
            matches("/api/v1/documents/{doc}", "/api/v1/documents/a/b.txt"),
            Some("a/b.txt")
        );
        assert_eq!(
            matches("/api/v1/documents/{doc}", "/api/v1/documents/"),
            None
        );
    }

    #[test]
    fn every_route_is_in_the_openapi_document_and_back() {
        let spec: Value = serde_json::from_str(OPENAPI).unwrap();
        let paths = spec["paths"].as_object().unwrap();
        let mut documented = Vec::new();
        for (p, ops) in paths {
            for m in ops.as_object().unwrap().keys() {
                if m != "parameters" {
                    documented.push(format!("{} {p}", m.to_ascii_uppercase()));
                }
            }
        }
        let mut routed: Vec<String> = ROUTES
            .iter()
            .map(|r| format!("{} {}", r.method, r.path))
            .collect();
        documented.sort();
        routed.sort();
        assert_eq!(routed, documented);
        // and each route's query parameters are the documented ones
        for r in ROUTES {
            let op = &paths[r.path][r.method.to_ascii_lowercase()];
            let mut doc_params: Vec<String> = op["parameters"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|p| {
                            let p = if let Some(rf) = p["$ref"].as_str() {
                                let name = rf.rsplit('/').next().unwrap();
                                &spec["components"]["parameters"][name]
                            } else {
                                p
                            };
                            (p["in"] == "query").then(|| p["name"].as_str().unwrap().to_string())
                        })
                        .collect()
                })
                .unwrap_or_default();
            doc_params.sort();
            let mut mine: Vec<String> = r.params.iter().map(|s| s.to_string()).collect();
            mine.sort();
            assert_eq!(mine, doc_params, "{} {}", r.method, r.path);
        }
    }

    #[test]
    fn record_actors_reads_every_shape() {
        let v = json!({"actor": [{"code": "RUSGOV", "country": "RUS"}], "counterpart": [{"code": "CHNGOV"}], "actors": ["USA"]});
        let a = record_actors(&v);
        assert!(
            a.contains(&"RUSGOV".to_string())
                && a.contains(&"CHNGOV".to_string())
                && a.contains(&"USA".to_string())
        );
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
