//! The dashboard's files, embedded at build time from `web/`.

use crate::http::Response;

/// (path, content type, bytes).
pub const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "/",
        "text/html; charset=utf-8",
        include_bytes!("../../../web/index.html"),
    ),
    (
        "/app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../web/app.js"),
    ),
    (
        "/charts.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../web/charts.js"),
    ),
    (
        "/style.css",
        "text/css; charset=utf-8",
        include_bytes!("../../../web/style.css"),
    ),
    (
        "/favicon.svg",
        "image/svg+xml",
        include_bytes!("../../../web/favicon.svg"),
    ),
];

pub fn get(path: &str) -> Option<Response> {
    let path = if path == "/index.html" { "/" } else { path };
    ASSETS.iter().find(|a| a.0 == path).map(|(_, ct, body)| {
        Response::new(200, ct, body.to_vec())
            .with("Cache-Control", "no-cache")
            .with(
                "Content-Security-Policy",
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
            )
    })
}
