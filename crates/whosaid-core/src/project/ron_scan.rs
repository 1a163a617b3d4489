//! A structural walk over RON text: brackets, commas and `name:` field keys, with strings, chars,
//! raw strings and comments skipped. It does not validate anything; serde does that. It lets us
//! read the format version without parsing the whole file, name the field around a syntax error,
//! and cut the document list into pieces that can be parsed on several cores.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    Open,
    Close,
    Comma,
    /// A field key: an identifier followed by `:` (not `::`).
    Field(&'a str),
}

/// Walks `text` token by token; `depth` is the bracket depth after the last token returned.
pub struct Scan<'a> {
    text: &'a str,
    i: usize,
    pub depth: usize,
}

impl<'a> Scan<'a> {
    pub fn new(text: &'a str) -> Self {
        Scan {
            text,
            i: 0,
            depth: 0,
        }
    }
}

impl<'a> Iterator for Scan<'a> {
    /// The byte where the token starts, and the token.
    type Item = (usize, Token<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        let text = self.text;
        let b = text.as_bytes();
        while self.i < b.len() {
            let i = self.i;
            match b[i] {
                b'"' => self.i = skip_quoted(b, i, b'"'),
                b'\'' => self.i = skip_quoted(b, i, b'\''),
                b'/' if b.get(i + 1) == Some(&b'/') => {
                    self.i = b[i..]
                        .iter()
                        .position(|&c| c == b'\n')
                        .map_or(b.len(), |n| i + n);
                }
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    self.i = text[i + 2..].find("*/").map_or(b.len(), |n| i + 2 + n + 2);
                }
                b'r' if matches!(b.get(i + 1), Some(b'"' | b'#')) => {
                    // A raw string: r"…" or r#"…"#.
                    let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                    let start = i + 1 + hashes;
                    if b.get(start) == Some(&b'"') {
                        let close = format!("\"{}", "#".repeat(hashes));
                        self.i = text[start + 1..]
                            .find(&close)
                            .map_or(b.len(), |n| start + 1 + n + close.len());
                    } else {
                        self.i += 1;
                    }
                }
                b'(' | b'[' | b'{' => {
                    self.i += 1;
                    self.depth += 1;
                    return Some((i, Token::Open));
                }
                b')' | b']' | b'}' => {
                    self.i += 1;
                    self.depth = self.depth.saturating_sub(1);
                    return Some((i, Token::Close));
                }
                b',' => {
                    self.i += 1;
                    return Some((i, Token::Comma));
                }
                c if c == b'_' || c.is_ascii_alphabetic() => {
                    let mut end = i;
                    while end < b.len() && (b[end] == b'_' || b[end].is_ascii_alphanumeric()) {
                        end += 1;
                    }
                    let mut j = end;
                    while j < b.len() && b[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    if b.get(j) == Some(&b':') && b.get(j + 1) != Some(&b':') {
                        self.i = j + 1;
                        return Some((i, Token::Field(&text[i..end])));
                    }
                    self.i = end;
                }
                _ => self.i += 1,
            }
        }
        None
    }
}

/// The index just past a quoted string or char starting at `i`, backslash escapes included.
fn skip_quoted(b: &[u8], mut i: usize, quote: u8) -> usize {
    i += 1;
    // Strings are most of a project file: jump between quotes and backslashes.
    while let Some(n) = b
        .get(i..)
        .and_then(|rest| memchr::memchr2(quote, b'\\', rest))
    {
        if b[i + n] == quote {
            return i + n + 1;
        }
        i += n + 2;
    }
    b.len()
}

/// The struct field whose value is being read at byte `at`: the last `name:` before it whose value
/// has not ended (no `,` or closing bracket at its level since). ron says what it expected but not
/// for which field; this names it.
pub fn field_at(text: &str, at: usize) -> Option<&str> {
    let mut open: Vec<(usize, &str)> = Vec::new(); // (bracket depth, field name)
    let mut scan = Scan::new(text);
    while let Some((pos, token)) = scan.next() {
        if pos >= at {
            break;
        }
        match token {
            Token::Open => {}
            Token::Close => open.retain(|&(d, _)| d <= scan.depth),
            Token::Comma => open.retain(|&(d, _)| d < scan.depth),
            Token::Field(name) => {
                open.retain(|&(d, _)| d < scan.depth);
                open.push((scan.depth, name));
            }
        }
    }
    open.last().map(|&(_, name)| name)
}

/// The value of the top-level `format_version` field, without reading the rest of the file.
pub fn peek_version(text: &str) -> Option<u32> {
    let mut scan = Scan::new(text);
    while let Some((_, token)) = scan.next() {
        if scan.depth == 1 && token == Token::Field("format_version") {
            let rest = text[scan.i..].trim_start();
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            return rest[..digits].parse().ok();
        }
    }
    None
}

/// The text of the value of the top-level field `name`, up to the comma or bracket that ends it.
pub fn top_level_value<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let mut scan = Scan::new(text);
    while let Some((_, token)) = scan.next() {
        if scan.depth == 1 && token == Token::Field(name) {
            let start = scan.i;
            while let Some((pos, token)) = scan.next() {
                let ends = match token {
                    Token::Comma => scan.depth == 1,
                    Token::Close => scan.depth == 0,
                    _ => false,
                };
                if ends {
                    return Some(text[start..pos].trim());
                }
            }
            return None;
        }
    }
    None
}

/// The list that is the value of the top-level field `name`: the byte range of the whole list,
/// brackets included, and the ranges of its elements (blank pieces left out). `None` if there is
/// no such field, or its value is not a list that closes.
pub fn top_level_list(text: &str, name: &str) -> Option<(Range<usize>, Vec<Range<usize>>)> {
    let mut scan = Scan::new(text);
    while let Some((_, token)) = scan.next() {
        if scan.depth == 1 && token == Token::Field(name) {
            break;
        }
    }
    let (open, Token::Open) = scan.next()? else {
        return None;
    };
    if text.as_bytes()[open] != b'[' || scan.depth != 2 {
        return None;
    }
    let mut elements = Vec::new();
    let mut start = open + 1;
    let mut push = |range: Range<usize>| {
        if !text[range.clone()].trim().is_empty() {
            elements.push(range);
        }
    };
    while let Some((pos, token)) = scan.next() {
        match token {
            Token::Comma if scan.depth == 2 => {
                push(start..pos);
                start = pos + 1;
            }
            Token::Close if scan.depth == 1 => {
                push(start..pos);
                return Some((open..pos + 1, elements));
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r##"// a comment with documents: [ and (
(
  format_version: 2,
  corpus: "a, b: [c]",
  speakers: [],
  documents: [
    (path: "x.txt", note: r#"raw ), ["#, c: 'a'),
    /* a block ] comment */ (path: "y.txt", annotations: [(id: 1), (id: 2)]),
  ],
  view: (),
)
"##;

    #[test]
    fn peeks_the_version_at_the_top_level_only() {
        assert_eq!(peek_version(TEXT), Some(2));
        assert_eq!(peek_version("(inner: (format_version: 7))"), None);
        assert_eq!(peek_version("(\n  format_version : 12 ,)"), Some(12));
    }

    #[test]
    fn finds_a_top_level_value() {
        assert_eq!(top_level_value(TEXT, "corpus"), Some(r#""a, b: [c]""#));
        assert_eq!(top_level_value(TEXT, "view"), Some("()"));
        assert_eq!(top_level_value("(a: 1)", "a"), Some("1"));
        assert_eq!(top_level_value("(b: (a: 1))", "a"), None);
    }

    #[test]
    fn cuts_a_top_level_list_into_its_elements() {
        let (whole, parts) = top_level_list(TEXT, "documents").unwrap();
        assert!(TEXT[whole.clone()].starts_with('[') && TEXT[whole.clone()].ends_with(']'));
        let parts: Vec<&str> = parts.into_iter().map(|r| TEXT[r].trim()).collect();
        assert_eq!(
            parts,
            [
                r##"(path: "x.txt", note: r#"raw ), ["#, c: 'a')"##,
                r#"/* a block ] comment */ (path: "y.txt", annotations: [(id: 1), (id: 2)])"#,
            ]
        );
        assert_eq!(top_level_list(TEXT, "speakers").unwrap().1, []);
        assert!(top_level_list(TEXT, "view").is_none());
        assert!(top_level_list("(documents: [(a: 1)", "documents").is_none());
    }

    #[test]
    fn names_the_field_being_read() {
        let at = TEXT.find("'a'").unwrap();
        assert_eq!(field_at(TEXT, at), Some("c"));
        let at = TEXT.find("view").unwrap();
        assert_eq!(field_at(TEXT, at), None);
    }
}
