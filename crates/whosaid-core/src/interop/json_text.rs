//! JSON strings written straight into a byte buffer, exactly as serde_json writes them: the
//! JSONL export and `suggest` write millions of them, most of which need no escape at all.

pub(super) fn optional_string(s: Option<&str>, out: &mut Vec<u8>) {
    match s {
        Some(s) => string(s, out),
        None => out.extend_from_slice(b"null"),
    }
}

/// `s` as a JSON string, escaped as `serde_json` does. Most strings need no escape: they are
/// found so with a check that looks at many bytes at once, and copied whole.
pub(super) fn string(s: &str, out: &mut Vec<u8>) {
    let plain = s.as_bytes().chunks(16).all(|c| {
        !c.iter().fold(false, |any, &b| {
            any | (b < 0x20) | (b == b'"') | (b == b'\\')
        })
    });
    if plain {
        out.reserve(s.len() + 2);
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        serde_json::to_writer(&mut *out, s).expect("to memory");
    }
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

    #[test]
    fn no_string_is_null() {
        let mut out = Vec::new();
        optional_string(None, &mut out);
        assert_eq!(out, b"null");
    }
}
