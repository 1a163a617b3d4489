//! JSON written in ASCII alone: every character beyond U+007F as a `\u` escape (two, a surrogate
//! pair, beyond U+FFFF), for tools that guess a file's encoding rather than assume UTF-8.

use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// serde_json's compact output, with non-ASCII characters in strings escaped.
struct AsciiFormatter;

impl Formatter for AsciiFormatter {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Runs of ASCII are written as they are; only the rest is escaped, unit by unit.
        let mut rest = fragment;
        while let Some(i) = rest.find(|c: char| !c.is_ascii()) {
            writer.write_all(&rest.as_bytes()[..i])?;
            let c = rest[i..].chars().next().unwrap_or_default();
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            rest = &rest[i + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

/// Writes `value` as one line of JSON whose bytes are all below 0x80.
pub fn to_ascii_writer<T: Serialize>(out: &mut dyn Write, value: &T) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, AsciiFormatter);
    value.serialize(&mut ser)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_becomes_escapes_that_read_back_the_same() {
        let text = "“No,” said José – 😀\r\n\"x\"\u{2028}";
        let mut out = Vec::new();
        to_ascii_writer(&mut out, &serde_json::json!({ "text": text })).unwrap();
        assert!(out.iter().all(|b| *b < 0x80));
        let line = String::from_utf8(out).unwrap();
        // The emoji is a surrogate pair, as JSON spells characters beyond U+FFFF.
        assert!(line.contains("\\ud83d\\ude00"), "{line}");
        assert!(
            line.contains("\\u201cNo,\\u201d said Jos\\u00e9 \\u2013"),
            "{line}"
        );
        let back: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back["text"], text);
    }
}
