//! [`SharedStr`]: an immutable string that is cheap to clone.
//!
//! The coder's actors carry their code (`CHNGOV`), their country (`CHN`) and
//! how the code was reached (`via`, for `dyad explain`), and its rules copy
//! actors from mentions to events, from a sentence to the next, from one
//! member of a list to another: hundreds of thousands of copies on a corpus,
//! each of them a `String` allocated, copied and freed. A code or a country
//! fits in the value itself (no allocation to make or to copy it); a longer
//! text is allocated once and shared by its copies.

use std::sync::Arc;

/// An immutable string: up to [`SharedStr::INLINE`] bytes kept inline,
/// longer ones in an `Arc<str>` shared by the clones. It derefs to `str`
/// and compares, hashes, orders and prints as that string does; it is as
/// large as a `String`.
#[derive(Clone)]
pub struct SharedStr(Repr);

#[derive(Clone)]
enum Repr {
    /// `buf[..len]` is valid UTF-8: it is only ever copied from a `&str`.
    Inline {
        len: u8,
        buf: [u8; SharedStr::INLINE],
    },
    Shared(Arc<str>),
}

str_like!(SharedStr);

impl SharedStr {
    /// The longest text kept inline.
    pub const INLINE: usize = 22;

    /// A copy of `s`.
    #[inline]
    pub fn new(s: &str) -> SharedStr {
        if s.len() <= SharedStr::INLINE {
            let mut buf = [0u8; SharedStr::INLINE];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            SharedStr(Repr::Inline {
                len: s.len() as u8,
                buf,
            })
        } else {
            SharedStr(Repr::Shared(Arc::from(s)))
        }
    }

    /// The texts one after the other (`CHN` and `GOV`: `CHNGOV`), made in
    /// place when they fit: a code built from a country and a role is never
    /// allocated.
    pub fn concat(parts: &[&str]) -> SharedStr {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        if len <= SharedStr::INLINE {
            let mut buf = [0u8; SharedStr::INLINE];
            let mut at = 0;
            for p in parts {
                buf[at..at + p.len()].copy_from_slice(p.as_bytes());
                at += p.len();
            }
            SharedStr(Repr::Inline {
                len: len as u8,
                buf,
            })
        } else {
            SharedStr::new(&parts.concat())
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline { len, buf } => {
                let b = &buf[..*len as usize];
                // SAFETY: an inline text is only built by `new`, which
                // copies all the bytes of a `&str`, so `b` is valid UTF-8.
                unsafe { std::str::from_utf8_unchecked(b) }
            }
            Repr::Shared(s) => s,
        }
    }
}

impl Default for SharedStr {
    fn default() -> SharedStr {
        SharedStr::new("")
    }
}

impl From<&str> for SharedStr {
    #[inline]
    fn from(s: &str) -> SharedStr {
        SharedStr::new(s)
    }
}

impl From<&String> for SharedStr {
    #[inline]
    fn from(s: &String) -> SharedStr {
        SharedStr::new(s)
    }
}

impl From<String> for SharedStr {
    #[inline]
    fn from(s: String) -> SharedStr {
        SharedStr::new(&s)
    }
}

impl From<SharedStr> for String {
    fn from(s: SharedStr) -> String {
        s.as_str().to_string()
    }
}

impl PartialEq<SharedStr> for str {
    #[inline]
    fn eq(&self, o: &SharedStr) -> bool {
        self == o.as_str()
    }
}

impl PartialEq<SharedStr> for &str {
    #[inline]
    fn eq(&self, o: &SharedStr) -> bool {
        *self == o.as_str()
    }
}

impl PartialEq<SharedStr> for String {
    #[inline]
    fn eq(&self, o: &SharedStr) -> bool {
        self.as_str() == o.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::SharedStr;
    use std::collections::HashMap;

    #[test]
    fn behaves_as_its_string() {
        let long = "the speaker named in the title (\"Foreign Ministry\"): CHN";
        for s in [
            "",
            "CHN",
            "IGOUNOSEC",
            "exactly twenty-two byt",
            "twenty-three bytes long",
            "ü€𝄞",
            long,
        ] {
            let v = SharedStr::new(s);
            assert_eq!(v.as_str(), s);
            assert_eq!(&*v, s);
            assert_eq!(v.len(), s.len());
            assert_eq!(v, s);
            assert_eq!(v, s.to_string());
            assert_eq!(s, v);
            assert_eq!(format!("{v}"), s);
            assert_eq!(format!("{v:?}"), format!("{s:?}"));
            let c = v.clone();
            assert_eq!(c, v);
            assert_eq!(String::from(c), s);
            assert_eq!(SharedStr::from(s.to_string()), v);
        }
        assert_eq!(SharedStr::default(), "");
        for parts in [
            &["CHN", "GOV"][..],
            &[],
            &["", ""],
            &["ü€", "𝄞", "x"],
            &["exactly twenty-", "two byt"],
            &["twenty-three ", "bytes long"],
            &["CHN", "the speaker named in the title"],
        ] {
            assert_eq!(SharedStr::concat(parts), parts.concat());
        }
        assert_eq!(
            std::mem::size_of::<SharedStr>(),
            std::mem::size_of::<String>()
        );
        assert_eq!(
            std::mem::size_of::<Option<SharedStr>>(),
            std::mem::size_of::<String>()
        );
    }

    #[test]
    fn orders_and_hashes_as_str() {
        let mut v: Vec<SharedStr> = ["RUS", "CHN", "a much longer text than inline", "CHNGOV"]
            .into_iter()
            .map(SharedStr::from)
            .collect();
        v.sort();
        let got: Vec<&str> = v.iter().map(|s| s.as_str()).collect();
        assert_eq!(
            got,
            ["CHN", "CHNGOV", "RUS", "a much longer text than inline"]
        );
        let mut m: HashMap<SharedStr, u32> = HashMap::new();
        m.insert("CHN".into(), 1);
        m.insert("a much longer text than inline".into(), 2);
        assert_eq!(m.get("CHN"), Some(&1));
        assert_eq!(m.get("a much longer text than inline"), Some(&2));
    }
}
