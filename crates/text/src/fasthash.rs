//! A small, fast, non-cryptographic hash for the string-keyed tables of the
//! lexicon and the segmenter (the default SipHash showed up in profiles of
//! the coder). The keys are dictionary words, not attacker-chosen data that
//! could be used to degrade a table.
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Multiply-rotate hashing over 8-byte words (the scheme used by rustc).
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([
                c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7],
            ]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // the last 1-7 bytes as one little-endian word padded with
            // zeros (as if copied into a zeroed buffer, which called
            // memcpy for every short word), from two overlapping reads:
            // the bytes both reads cover are the same bytes
            let n = rest.len();
            let w = if n >= 4 {
                let lo = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]) as u64;
                let hi =
                    u32::from_le_bytes([rest[n - 4], rest[n - 3], rest[n - 2], rest[n - 1]]) as u64;
                lo | hi << (8 * (n - 4))
            } else {
                rest[0] as u64
                    | (rest[n / 2] as u64) << (8 * (n / 2))
                    | (rest[n - 1] as u64) << (8 * (n - 1))
            };
            self.add(w);
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A string of up to seven bytes as one integer: its bytes, and its length
/// in the top byte (so that no two strings share one); `None` when longer.
/// A map keyed by it hashes and compares one integer instead of a string
/// (most words are that short).
#[inline]
pub fn pack7(s: &str) -> Option<u64> {
    let b = s.as_bytes();
    let n = b.len();
    // the bytes as a little-endian word from two overlapping reads, as
    // `FastHasher` reads a tail (the bytes both reads cover are the same)
    let w = match n {
        0 => 0,
        1..=3 => {
            b[0] as u64 | (b[n / 2] as u64) << (8 * (n / 2)) | (b[n - 1] as u64) << (8 * (n - 1))
        }
        4..=7 => {
            let lo = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64;
            let hi = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]) as u64;
            lo | hi << (8 * (n - 4))
        }
        _ => return None,
    };
    Some((n as u64) << 56 | w)
}

/// A string of up to fifteen bytes as two integers: its first eight bytes,
/// then the rest with its length in the top byte (so that no two strings
/// share one); `None` when longer. A map keyed by it hashes two words and
/// compares two integers instead of a string (nearly every word is that
/// short).
#[inline]
pub fn pack15(s: &str) -> Option<(u64, u64)> {
    let b = s.as_bytes();
    let n = b.len();
    if n < 8 {
        return pack7(s).map(|w| (w & !(0xff << 56), (n as u64) << 56));
    }
    if n > 15 {
        return None;
    }
    let lo = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
    // the bytes after the eighth from one read of the last eight, shifted
    // down (the bytes both reads cover are the same)
    let m = n - 8;
    let hi = if m == 0 {
        0
    } else {
        let last = u64::from_le_bytes([
            b[n - 8],
            b[n - 7],
            b[n - 6],
            b[n - 5],
            b[n - 4],
            b[n - 3],
            b[n - 2],
            b[n - 1],
        ]);
        last >> (8 * (8 - m))
    };
    Some((lo, hi | (n as u64) << 56))
}

/// A hash set with [`FastHasher`].
pub type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_strings_are_distinct() {
        let keys = [
            "", "a", "a\0", "\0", "ab", "ba", "will", "é", "éta", "abcdefg",
        ];
        for a in keys {
            for b in keys {
                assert_eq!(pack7(a) == pack7(b), a == b, "{a:?} {b:?}");
            }
        }
        assert_eq!(pack7("abcdefgh"), None);
        // the bytes in order, whatever the length
        let text = "abcdefg";
        for n in 0..=7 {
            let mut want = (n as u64) << 56;
            for (j, c) in text.bytes().take(n).enumerate() {
                want |= (c as u64) << (8 * j);
            }
            assert_eq!(pack7(&text[..n]), Some(want), "{n}");
        }
    }

    #[test]
    fn packed_strings_of_fifteen_bytes_are_distinct() {
        let keys = [
            "",
            "a",
            "a\0",
            "\0",
            "ab",
            "ba",
            "will",
            "é",
            "éta",
            "abcdefg",
            "abcdefgh",
            "abcdefgh\0",
            "abcdefghi",
            "bbcdefghi",
            "abcdefghj",
            "abcdefghijklmno",
            "abcdefghijklmnp",
            "international",
        ];
        for a in keys {
            for b in keys {
                assert_eq!(pack15(a) == pack15(b), a == b, "{a:?} {b:?}");
            }
        }
        assert_eq!(pack15("abcdefghijklmnop"), None);
        // the bytes in order, whatever the length
        let text = "abcdefghijklmno";
        for n in 0..=15 {
            let mut want = [0u8; 16];
            want[..n].copy_from_slice(&text.as_bytes()[..n]);
            want[15] = n as u8;
            let (lo, hi) = pack15(&text[..n]).unwrap();
            let got = (lo as u128) | (hi as u128) << 64;
            assert_eq!(got, u128::from_le_bytes(want), "{n}");
        }
    }

    #[test]
    fn distinct_words_spread() {
        let mut m: FastMap<String, u32> = FastMap::default();
        for (i, w) in [
            "visit", "visits", "visited", "a", "b", "ab", "ba", "", "visiting",
        ]
        .iter()
        .enumerate()
        {
            m.insert(w.to_string(), i as u32);
        }
        assert_eq!(m.len(), 9);
        assert_eq!(m.get("visited"), Some(&2));
        assert_eq!(m.get(""), Some(&7));
        assert_eq!(m.get("visitor"), None);
    }

    /// The hash of every length is the one of the first version, which
    /// copied the last bytes into a zeroed buffer: map orders stay as
    /// they were.
    #[test]
    fn tail_word_as_zero_padded_buffer() {
        fn reference(bytes: &[u8]) -> u64 {
            let mut h = FastHasher::default();
            let mut chunks = bytes.chunks_exact(8);
            for c in &mut chunks {
                h.add(u64::from_le_bytes(c.try_into().unwrap()));
            }
            let rest = chunks.remainder();
            if !rest.is_empty() {
                let mut buf = [0u8; 8];
                buf[..rest.len()].copy_from_slice(rest);
                h.add(u64::from_le_bytes(buf));
            }
            h.finish()
        }
        let text: Vec<u8> = (1..=40u8).map(|b| b.wrapping_mul(37)).collect();
        for len in 0..=text.len() {
            let mut h = FastHasher::default();
            h.write(&text[..len]);
            assert_eq!(h.finish(), reference(&text[..len]), "length {len}");
        }
    }
}
