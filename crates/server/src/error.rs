//! The one table of API errors: each kind has a status, a stable `code` and
//! a `type`; the body is always `{message, code, type}` (plus `field` for
//! validation errors, the name of the parameter or the JSON path at fault).

use crate::http::Response;
use serde_json::json;

/// Every error the API can answer with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A query parameter or JSON field has a bad value (names the field).
    InvalidParameter,
    /// A required query parameter or JSON field is absent.
    MissingField,
    /// The body is not JSON, or not the JSON object expected.
    InvalidJson,
    /// The request could not be parsed as HTTP.
    BadRequest,
    /// No or an unknown API key on a route that needs one.
    Unauthorized,
    /// A write route on a server started with `--read-only`.
    ReadOnly,
    /// No such route, document or record.
    NotFound,
    /// The route exists, not with this method.
    MethodNotAllowed,
    /// A body too large.
    PayloadTooLarge,
    /// A chunked body.
    LengthRequired,
    /// Headers too large.
    HeadersTooLarge,
    /// The request was not read whole within the read time limit.
    RequestTimeout,
    /// Not HTTP/1.x.
    HttpVersion,
    /// The body's content type is not JSON.
    UnsupportedMediaType,
    /// The store could not be opened or read.
    StoreUnavailable,
    /// Anything else: a bug.
    Internal,
}

/// (kind, status, code, type): the table.
pub const TABLE: &[(Kind, u16, &str, &str)] = &[
    (
        Kind::InvalidParameter,
        400,
        "invalid_parameter",
        "invalid_request",
    ),
    (Kind::MissingField, 400, "missing_field", "invalid_request"),
    (Kind::InvalidJson, 400, "invalid_json", "invalid_request"),
    (Kind::BadRequest, 400, "bad_request", "invalid_request"),
    (Kind::Unauthorized, 401, "unauthorized", "auth"),
    (Kind::ReadOnly, 403, "read_only", "auth"),
    (Kind::NotFound, 404, "not_found", "invalid_request"),
    (
        Kind::MethodNotAllowed,
        405,
        "method_not_allowed",
        "invalid_request",
    ),
    (
        Kind::RequestTimeout,
        408,
        "request_timeout",
        "invalid_request",
    ),
    (
        Kind::LengthRequired,
        411,
        "length_required",
        "invalid_request",
    ),
    (
        Kind::PayloadTooLarge,
        413,
        "payload_too_large",
        "invalid_request",
    ),
    (
        Kind::UnsupportedMediaType,
        415,
        "unsupported_media_type",
        "invalid_request",
    ),
    (
        Kind::HeadersTooLarge,
        431,
        "headers_too_large",
        "invalid_request",
    ),
    (Kind::Internal, 500, "internal", "internal"),
    (Kind::StoreUnavailable, 503, "store_unavailable", "internal"),
    (Kind::HttpVersion, 505, "http_version", "invalid_request"),
];

#[derive(Debug, Clone)]
pub struct ApiError {
    pub kind: Kind,
    pub message: String,
    pub field: Option<String>,
}

impl ApiError {
    pub fn new(kind: Kind, message: impl Into<String>) -> ApiError {
        ApiError {
            kind,
            message: message.into(),
            field: None,
        }
    }

    /// A validation error naming its field.
    pub fn field(kind: Kind, field: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            kind,
            message: format!("{field}: {}", message.into()),
            field: Some(field.to_string()),
        }
    }

    /// The error of a status and code read from the HTTP layer.
    pub fn from_code(code: &str, message: String) -> ApiError {
        let kind = TABLE
            .iter()
            .find(|r| r.2 == code)
            .map(|r| r.0)
            .unwrap_or(Kind::BadRequest);
        ApiError::new(kind, message)
    }

    pub fn row(&self) -> (u16, &'static str, &'static str) {
        TABLE
            .iter()
            .find(|r| r.0 == self.kind)
            .map(|r| (r.1, r.2, r.3))
            .unwrap_or((500, "internal", "internal"))
    }

    pub fn status(&self) -> u16 {
        self.row().0
    }

    pub fn response(&self) -> Response {
        let (status, code, typ) = self.row();
        let mut body = json!({"message": self.message, "code": code, "type": typ});
        if let Some(f) = &self.field {
            body["field"] = json!(f);
        }
        let r = Response::json(status, &body);
        if self.kind == Kind::Unauthorized {
            r.with("WWW-Authenticate", "Bearer")
        } else {
            r
        }
    }
}

impl From<dyad_store::Error> for ApiError {
    fn from(e: dyad_store::Error) -> ApiError {
        use dyad_store::ErrorKind as K;
        match e.kind {
            K::Usage => ApiError::new(Kind::InvalidParameter, e.message),
            K::Missing | K::Corrupt | K::Foreign | K::TooNew => {
                ApiError::new(Kind::StoreUnavailable, e.message)
            }
            K::Sqlite => ApiError::new(Kind::Internal, e.message),
        }
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> ApiError {
        ApiError::new(Kind::Internal, format!("store: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_one_row_and_codes_are_unique() {
        let mut codes: Vec<&str> = TABLE.iter().map(|r| r.2).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), TABLE.len());
        let e = ApiError::field(Kind::InvalidParameter, "limit", "not a number");
        let r = e.response();
        assert_eq!(r.status, 400);
        let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
        assert_eq!(v["code"], "invalid_parameter");
        assert_eq!(v["type"], "invalid_request");
        assert_eq!(v["field"], "limit");
        assert!(v["message"].as_str().unwrap().starts_with("limit: "));
    }
}
