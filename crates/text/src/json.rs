//! JSON text written directly, byte for byte what `serde_json` writes for
//! the same values (compact form), for the records written by the million.

/// A string, quoted and escaped as `serde_json` escapes it: `"` and `\`
/// with a backslash, the control characters below 0x20 as `\b \t \n \f \r`
/// or `\u00xx` (lower-case hex); everything else, other characters
/// included, as it is.
pub fn string(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    // most strings need no escape: tested a word at a time (the last word
    // overlapping the one before, or a short string read as one word with
    // spaces after it), then copied whole
    if !any_needs_escape(b) {
        out.reserve(b.len() + 2);
        out.push(b'"');
        out.extend_from_slice(b);
        out.push(b'"');
        return;
    }
    out.reserve(s.len() + 2);
    out.push(b'"');
    let mut run = 0; // start of the bytes not yet written
    let mut i = 0;
    // eight bytes at a time while none of them needs an escape
    while i + 8 <= b.len() {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[i..i + 8]);
        if !needs_escape(u64::from_le_bytes(w)) {
            i += 8;
            continue;
        }
        for k in i..i + 8 {
            if let Some(e) = escape(b[k]) {
                out.extend_from_slice(&b[run..k]);
                push_escape(out, b[k], e);
                run = k + 1;
            }
        }
        i += 8;
    }
    for k in i..b.len() {
        if let Some(e) = escape(b[k]) {
            out.extend_from_slice(&b[run..k]);
            push_escape(out, b[k], e);
            run = k + 1;
        }
    }
    out.extend_from_slice(&b[run..]);
    out.push(b'"');
}

/// `null`, or what `write` writes for the value.
#[inline]
pub fn opt<T>(out: &mut Vec<u8>, v: Option<T>, write: impl FnOnce(&mut Vec<u8>, T)) {
    match v {
        Some(v) => write(out, v),
        None => out.extend_from_slice(b"null"),
    }
}

/// A string or `null`.
pub fn opt_string(out: &mut Vec<u8>, s: Option<&str>) {
    opt(out, s, string);
}

/// A float as `serde_json` writes it (`null` when not finite).
pub fn float(out: &mut Vec<u8>, x: f64) {
    let _ = serde_json::to_writer(&mut *out, &x);
}

/// A float or `null`.
pub fn opt_float(out: &mut Vec<u8>, x: Option<f64>) {
    opt(out, x, float);
}

/// `true` or `false`.
pub fn boolean(out: &mut Vec<u8>, b: bool) {
    out.extend_from_slice(if b { b"true" } else { b"false" });
}

/// An array of strings.
pub fn strings<S: AsRef<str>>(out: &mut Vec<u8>, items: &[S]) {
    out.push(b'[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        string(out, s.as_ref());
    }
    out.push(b']');
}

/// `[a,b]` or `null`.
pub fn opt_pair(out: &mut Vec<u8>, p: Option<[usize; 2]>) {
    opt(out, p, pair);
}

/// An unsigned integer in decimal (two digits a step, from a table).
pub fn uint(out: &mut Vec<u8>, mut n: u64) {
    const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let pair = |r: u64| {
        let r = 2 * r as usize;
        [PAIRS[r], PAIRS[r + 1]]
    };
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    if n < 100 {
        out.extend_from_slice(&pair(n));
        return;
    }
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    while n >= 100 {
        i -= 2;
        buf[i..i + 2].copy_from_slice(&pair(n % 100));
        n /= 100;
    }
    if n >= 10 {
        i -= 2;
        buf[i..i + 2].copy_from_slice(&pair(n));
    } else {
        i -= 1;
        buf[i] = b'0' + n as u8;
    }
    out.extend_from_slice(&buf[i..]);
}

/// `[a,b]`.
pub fn pair(out: &mut Vec<u8>, p: [usize; 2]) {
    out.push(b'[');
    uint(out, p[0] as u64);
    out.push(b',');
    uint(out, p[1] as u64);
    out.push(b']');
}

/// Whether one of eight bytes is below 0x20, a `"` or a `\`. Each test is
/// exact as a whole (the classic "has a zero byte" on `x` shifted by the
/// value); which byte it is does not matter here.
#[inline]
fn needs_escape(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = x.wrapping_sub(ONES * 0x20) & !x;
    let quote = (x ^ (ONES * b'"' as u64)).wrapping_sub(ONES) & !(x ^ (ONES * b'"' as u64));
    let slash = (x ^ (ONES * b'\\' as u64)).wrapping_sub(ONES) & !(x ^ (ONES * b'\\' as u64));
    (below | quote | slash) & HIGH != 0
}

/// Whether a byte of `b` needs an escape, eight bytes at a time.
#[inline]
fn any_needs_escape(b: &[u8]) -> bool {
    let n = b.len();
    if n >= 8 {
        let word = |k: usize| u64::from_le_bytes(b[k..k + 8].try_into().unwrap_or([0; 8]));
        let mut k = 0;
        while k + 8 < n {
            if needs_escape(word(k)) {
                return true;
            }
            k += 8;
        }
        return needs_escape(word(n - 8));
    }
    if n == 0 {
        return false;
    }
    // the bytes as a little-endian word from overlapping reads (the bytes
    // two reads cover are the same), the rest of it spaces
    let w = if n >= 4 {
        let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64;
        let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]) as u64;
        lo | hi << (8 * (n - 4))
    } else {
        b[0] as u64 | (b[n / 2] as u64) << (8 * (n / 2)) | (b[n - 1] as u64) << (8 * (n - 1))
    };
    let spaces = 0x2020_2020_2020_2020u64 & !(u64::MAX >> (64 - 8 * n));
    needs_escape(w | spaces)
}

/// The escape letter of a byte (`u` for `\u00xx`), if it needs one.
#[inline]
fn escape(c: u8) -> Option<u8> {
    match c {
        b'"' => Some(b'"'),
        b'\\' => Some(b'\\'),
        0x08 => Some(b'b'),
        0x09 => Some(b't'),
        0x0A => Some(b'n'),
        0x0C => Some(b'f'),
        0x0D => Some(b'r'),
        0..=0x1F => Some(b'u'),
        _ => None,
    }
}

fn push_escape(out: &mut Vec<u8>, c: u8, e: u8) {
    if e == b'u' {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[(c >> 4) as usize],
            HEX[(c & 0xF) as usize],
        ]);
    } else {
        out.extend_from_slice(&[b'\\', e]);
    }
}

/// The fields every record opens with, from its opening brace:
/// `{"kind":..,"doc":..,"sentence":..,"text":..,"span":[..]` (the caller
/// goes on with a comma and its own fields, and closes the brace).
pub fn record_head(
    out: &mut Vec<u8>,
    kind: &str,
    doc: &str,
    sentence: usize,
    text: &str,
    span: [usize; 2],
) {
    out.extend_from_slice(b"{\"kind\":");
    string(out, kind);
    out.extend_from_slice(b",\"doc\":");
    string(out, doc);
    out.extend_from_slice(b",\"sentence\":");
    uint(out, sentence as u64);
    out.extend_from_slice(b",\"text\":");
    string(out, text);
    out.extend_from_slice(b",\"span\":");
    pair(out, span);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(s: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        // every ASCII byte, in every position of an eight-byte chunk and in
        // the tail, among plain letters and characters of several bytes
        for c in 0u8..0x80 {
            for pad in 0..17 {
                let mut s = "é".repeat(pad % 3) + &"a".repeat(pad);
                s.push(c as char);
                s.push_str("b’c\u{7f}");
                assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
            }
        }
        // short strings, read as one word: every ASCII byte at every place
        for c in 0u8..0x80 {
            for len in 1..=9 {
                for at in 0..len {
                    let mut s: String = "a".repeat(len);
                    s.replace_range(at..at + 1, &(c as char).to_string());
                    assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
                }
            }
        }
        for s in [
            "",
            "\"",
            "\\\\",
            "a\"b\\c\nd\te\u{1}f\u{1f}",
            "“quoted” — 中文 / slash",
        ] {
            assert_eq!(ours(s), serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn numbers_are_written_as_serde_json_writes_them() {
        let mut all: Vec<u64> = (0..=100_000).collect();
        all.extend([
            999_999,
            1_000_000,
            12345,
            u32::MAX as u64,
            u64::MAX - 1,
            u64::MAX,
        ]);
        for n in all {
            let mut out = Vec::new();
            uint(&mut out, n);
            assert_eq!(out, serde_json::to_vec(&n).unwrap());
        }
        let mut out = Vec::new();
        pair(&mut out, [3, 1024]);
        assert_eq!(out, serde_json::to_vec(&[3usize, 1024]).unwrap());
    }
}
