//! JSON strings written straight into a byte buffer, exactly as serde_json writes them: the
//! JSONL export and `suggest` write millions of them, most of which need no escape at all.

pub(super) fn optional_string(s: Option<&str>, out: &mut Vec<u8>) {
    match s {
        Some(s) => string(s, out),
        None => out.extend_from_slice(b"null"),
    }
}

/// `s` as a JSON string, escaped as `serde_json` does. Most strings need no escape: they are
/// found so eight bytes at a time, and copied whole.
pub(super) fn string(s: &str, out: &mut Vec<u8>) {
    if needs_escape(s.as_bytes()) {
        serde_json::to_writer(&mut *out, s).expect("to memory");
    } else {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
}

/// Whether any byte is one JSON escapes: a control character, '"' or '\\'. Each word of eight
/// bytes is tested at once (a byte below `n` shows as a top bit of `(w - n) & !w`, exactly
/// when one is there); checking byte by byte cost more than copying the string.
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const TOP: u64 = u64::from_le_bytes([0x80; 8]);
    // The top bit of each byte below `n`.
    let below = |w: u64, n: u8| w.wrapping_sub(ONES * u64::from(n)) & !w & TOP;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let w = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
        let control = below(w, 0x20);
        let quote = below(w ^ (ONES * u64::from(b'"')), 1);
        let backslash = below(w ^ (ONES * u64::from(b'\\')), 1);
        if control | quote | backslash != 0 {
            return true;
        }
    }
    (words.remainder().iter()).any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn strings_are_written_as_serde_json_writes_them(s in "(\\PC|[\\x00-\\x1f\"\\\\\u{7f}])*") {
            let mut out = Vec::new();
            string(&s, &mut out);
            proptest::prop_assert_eq!(&out, &serde_json::to_vec(&s).unwrap());
            let mut out = Vec::new();
            optional_string(Some(&s), &mut out);
            proptest::prop_assert_eq!(out, serde_json::to_vec(&Some(&s)).unwrap());
        }
    }

    /// Every byte that needs an escape is found wherever it lies in the eight-byte words, next
    /// to any other byte (borrows between bytes must not hide or invent one).
    #[test]
    fn each_byte_to_escape_is_found_at_every_place() {
        for special in (0u8..0x20).chain([b'"', b'\\']) {
            for filler in [
                b'a', b' ', b'!', b'#', b'[', b']', 0x7f, 0x80, 0xff, 0x21, 0x1f,
            ] {
                for len in 1..=17 {
                    for at in 0..len {
                        let mut bytes = vec![filler; len];
                        bytes[at] = special;
                        assert!(needs_escape(&bytes), "{special:#x} at {at} of {len}");
                    }
                    let plain = vec![filler; len];
                    assert_eq!(needs_escape(&plain), filler < 0x20, "{filler:#x} x {len}");
                }
            }
        }
    }

    #[test]
    fn no_string_is_null() {
        let mut out = Vec::new();
        optional_string(None, &mut out);
        assert_eq!(out, b"null");
    }
}
