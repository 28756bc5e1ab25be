//! A small HTTP/1.1 server side: request parsing and response writing on
//! blocking std sockets. Enough for the API and the dashboard: methods,
//! paths, query strings, headers, `Content-Length` bodies and keep-alive;
//! no chunked request bodies (they are refused with 411), no TLS (put a
//! proxy in front for that).

use std::io::{self, BufRead, BufReader, Read, Write};

/// Largest request body accepted (a posted document).
pub const MAX_BODY: usize = 16 << 20;
/// Largest request line plus headers.
const MAX_HEAD: usize = 64 << 10;

#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The path, percent-decoded.
    pub path: String,
    /// Query parameters in order, percent-decoded (`+` is a space).
    pub query: Vec<(String, String)>,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// HTTP/1.0, or `Connection: close`.
    pub close: bool,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The last value of a query parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Why a request could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The peer closed the connection before a request started.
    Closed,
    Io(io::Error),
    /// Malformed: answered with this status and message, then closed.
    Bad(u16, &'static str, String),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-decoding; `plus` turns `+` into a space (query strings).
/// Invalid escapes are kept as written; invalid UTF-8 is replaced.
pub fn decode(s: &str, plus: bool) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => match (hex(b[i + 1]), hex(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' if plus => out.push(b' '),
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encoding for a path segment or query value.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

pub fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k, true), decode(v, true)),
            None => (decode(p, true), String::new()),
        })
        .collect()
}

/// Reads one line ending in `\n` (CR stripped), counting toward `budget`.
fn line(r: &mut impl BufRead, budget: &mut usize) -> Result<Option<String>, ReadError> {
    let mut buf = Vec::new();
    let n = r
        .by_ref()
        .take(*budget as u64 + 1)
        .read_until(b'\n', &mut buf)?;
    if n == 0 {
        return Ok(None);
    }
    if n > *budget {
        return Err(ReadError::Bad(
            431,
            "headers_too_large",
            "the request line and headers are too large".into(),
        ));
    }
    *budget -= n;
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

/// Reads one request; `Ok(None)`-like end of stream is `ReadError::Closed`.
pub fn read_request<R: Read>(r: &mut BufReader<R>) -> Result<Request, ReadError> {
    let mut budget = MAX_HEAD;
    // tolerate blank lines between keep-alive requests
    let first = loop {
        match line(r, &mut budget)? {
            None => return Err(ReadError::Closed),
            Some(l) if l.is_empty() => continue,
            Some(l) => break l,
        }
    };
    let bad = |m: &str| ReadError::Bad(400, "bad_request", m.to_string());
    let mut parts = first.split(' ');
    let (method, target, version) = match (parts.next(), parts.next(), parts.next()) {
        (Some(m), Some(t), Some(v)) if !m.is_empty() && t.starts_with('/') => (m, t, v),
        _ => return Err(bad("malformed request line")),
    };
    if !version.starts_with("HTTP/1.") {
        return Err(ReadError::Bad(
            505,
            "http_version",
            format!("{version} is not supported; use HTTP/1.1"),
        ));
    }
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p, q),
        None => (target, ""),
    };
    let mut headers = Vec::new();
    loop {
        match line(r, &mut budget)? {
            None => return Err(bad("connection closed inside the headers")),
            Some(l) if l.is_empty() => break,
            Some(l) => match l.split_once(':') {
                Some((k, v)) => headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string())),
                None => return Err(bad("malformed header line")),
            },
        }
    }
    let mut req = Request {
        method: method.to_string(),
        path: decode(path, false),
        query: parse_query(query),
        headers,
        body: Vec::new(),
        close: version == "HTTP/1.0",
    };
    if let Some(c) = req.header("connection") {
        let c = c.to_ascii_lowercase();
        if c.contains("close") {
            req.close = true;
        } else if c.contains("keep-alive") {
            req.close = false;
        }
    }
    if req
        .header("transfer-encoding")
        .is_some_and(|t| !t.eq_ignore_ascii_case("identity"))
    {
        return Err(ReadError::Bad(
            411,
            "length_required",
            "chunked request bodies are not supported; send Content-Length".into(),
        ));
    }
    if let Some(len) = req.header("content-length") {
        let n: usize = len
            .parse()
            .map_err(|_| bad("Content-Length is not a number"))?;
        if n > MAX_BODY {
            return Err(ReadError::Bad(
                413,
                "payload_too_large",
                format!("the body has {n} bytes; at most {MAX_BODY} are accepted"),
            ));
        }
        let mut body = vec![0; n];
        r.read_exact(&mut body)?;
        req.body = body;
    }
    Ok(req)
}

/// A response to write.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            content_type,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    pub fn json(status: u16, v: &serde_json::Value) -> Response {
        Response::new(status, "application/json", v.to_string())
    }

    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }
}

pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "Status",
    }
}

/// Writes a response; `head` leaves the body out (HEAD requests).
pub fn write_response(
    w: &mut impl Write,
    res: &Response,
    close: bool,
    head: bool,
) -> io::Result<()> {
    let mut h = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nX-Content-Type-Options: nosniff\r\n",
        res.status,
        reason(res.status),
        res.content_type,
        res.body.len()
    );
    for (k, v) in &res.headers {
        h.push_str(&format!("{k}: {v}\r\n"));
    }
    if close {
        h.push_str("Connection: close\r\n");
    }
    h.push_str("\r\n");
    w.write_all(h.as_bytes())?;
    if !head {
        w.write_all(&res.body)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<Request, ReadError> {
        read_request(&mut BufReader::new(raw.as_bytes()))
    }

    #[test]
    fn decodes_percent_and_plus() {
        assert_eq!(decode("a%20b+c", true), "a b c");
        assert_eq!(decode("a+b", false), "a+b");
        assert_eq!(decode("%E4%B8%AD", false), "中");
        assert_eq!(decode("100%", false), "100%");
        assert_eq!(decode("%zz%4", false), "%zz%4");
        assert_eq!(encode("a b/中"), "a%20b%2F%E4%B8%AD");
        assert_eq!(decode(&encode("x?&=y"), true), "x?&=y");
    }

    #[test]
    fn parses_a_request_with_body_and_query() {
        let r = parse(
            "POST /api/v1/code?a=CHN&b=R%55S HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\nabcdNEXT",
        )
        .unwrap();
        assert_eq!(r.method, "POST");
        assert_eq!(r.path, "/api/v1/code");
        assert_eq!(r.param("b"), Some("RUS"));
        assert_eq!(r.header("host"), Some("x"));
        assert_eq!(r.body, b"abcd");
        assert!(!r.close);
    }

    #[test]
    fn refuses_malformed_requests() {
        assert!(matches!(parse(""), Err(ReadError::Closed)));
        assert!(matches!(
            parse("GARBAGE\r\n\r\n"),
            Err(ReadError::Bad(400, ..))
        ));
        assert!(matches!(
            parse("GET / HTTP/2\r\n\r\n"),
            Err(ReadError::Bad(505, ..))
        ));
        assert!(matches!(
            parse("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"),
            Err(ReadError::Bad(411, ..))
        ));
        assert!(matches!(
            parse("POST / HTTP/1.1\r\nContent-Length: 999999999999\r\n\r\n"),
            Err(ReadError::Bad(413, ..))
        ));
        assert!(matches!(
            parse("GET / HTTP/1.0\r\n\r\n").map(|r| r.close),
            Ok(true)
        ));
    }
}
