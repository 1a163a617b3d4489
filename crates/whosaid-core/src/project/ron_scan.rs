//! A structural walk over RON text: brackets, commas and `name:` field keys, with strings, chars,
//! raw and byte strings and comments skipped exactly as ron 0.12 reads them (block comments nest).
//! It does not validate anything; serde does that. It lets us read the format version without
//! parsing the whole file, name the field around a syntax error, and cut the document list into
//! pieces that can be parsed on several cores.

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
    /// Whether the walk has passed anything whosaid never writes: a comment, a raw or byte
    /// string, a char, an attribute, a character outside ASCII or a stray symbol outside strings.
    /// Up to the first such thing, reading RON is a matter of brackets, commas and plain
    /// strings, which this walk and ron cannot read differently.
    pub unusual: bool,
}

impl<'a> Scan<'a> {
    pub fn new(text: &'a str) -> Self {
        Scan {
            text,
            i: 0,
            depth: 0,
            unusual: false,
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
                b'\'' => {
                    self.unusual = true;
                    self.i = skip_quoted(b, i, b'\'');
                }
                b'/' => {
                    self.unusual = true;
                    self.i = skip_comment(b, i).unwrap_or(i + 1);
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
                b' ' | b'\t' | b'\n' | b'\r' | b':' | b'-' | b'+' | b'.' | b'0'..=b'9' => {
                    self.i += 1;
                }
                c if c == b'_' || c.is_ascii_alphabetic() || c >= 0x80 => {
                    if let Some(end) = skip_literal(b, i) {
                        // A raw string, byte string or byte: r"…", r#"…"#, b"…", br"…", b'…'.
                        self.unusual = true;
                        self.i = end;
                        continue;
                    }
                    if c >= 0x80 {
                        self.unusual = true;
                        if let Some(ch) = text.get(i..).and_then(|rest| rest.chars().next())
                            && ch.is_whitespace()
                        {
                            self.i += ch.len_utf8();
                            continue;
                        }
                    }
                    // A raw identifier `r#name` reads as `name`.
                    let start = if b[i..].starts_with(b"r#") {
                        self.unusual = true;
                        i + 2
                    } else {
                        i
                    };
                    let end = start
                        + b[start..]
                            .iter()
                            .take_while(|&&c| c == b'_' || c.is_ascii_alphanumeric() || c >= 0x80)
                            .count();
                    let (j, commented) = skip_blanks(text, end.max(i + 1));
                    self.unusual |= commented;
                    if end > start && b.get(j) == Some(&b':') && b.get(j + 1) != Some(&b':') {
                        self.i = j + 1;
                        return Some((i, Token::Field(&text[start..end])));
                    }
                    self.i = end.max(i + 1);
                }
                _ => {
                    // `#![enable(…)]`, and anything else ron would stop at.
                    self.unusual = true;
                    self.i += 1;
                }
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

/// The index just past the comment starting at `i`, as ron reads it: a line comment runs to the
/// line break (not included), a block comment to its matching `*/`, each `/*` inside opening one
/// more level. `None` if no comment starts at `i`; an unclosed block comment runs to the end.
fn skip_comment(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i..i + 2)? {
        b"//" => Some(memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n)),
        b"/*" => {
            let (mut level, mut j) = (1, i + 2);
            while level > 0 {
                let Some(n) = memchr::memchr2(b'/', b'*', &b[j..]) else {
                    return Some(b.len());
                };
                j += n;
                if b[j..].starts_with(b"/*") {
                    level += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    level -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            Some(j)
        }
        _ => None,
    }
}

/// The index of the first byte from `i` on that is neither a blank nor inside a comment, and
/// whether a comment or a blank outside ASCII was passed.
fn skip_blanks(text: &str, mut i: usize) -> (usize, bool) {
    let b = text.as_bytes();
    let mut unusual = false;
    loop {
        match b.get(i) {
            Some(b' ' | b'\t' | b'\n' | b'\r') => i += 1,
            Some(b'/') => match skip_comment(b, i) {
                Some(end) => (i, unusual) = (end, true),
                None => return (i, unusual),
            },
            Some(_) => match text.get(i..).and_then(|rest| rest.chars().next()) {
                Some(ch) if ch.is_whitespace() => (i, unusual) = (i + ch.len_utf8(), true),
                _ => return (i, unusual),
            },
            None => return (i, unusual),
        }
    }
}

/// The index just past a raw string (`r"…"`, `r#"…"#`), byte string (`b"…"`, `br"…"`) or byte
/// (`b'…'`) starting at `i`, as ron reads them; `None` if none starts there.
fn skip_literal(b: &[u8], i: usize) -> Option<usize> {
    let rest = &b[i..];
    if rest.starts_with(b"b\"") {
        return Some(skip_quoted(b, i + 1, b'"'));
    }
    if rest.starts_with(b"b'") {
        return Some(skip_quoted(b, i + 1, b'\''));
    }
    let raw = if rest.starts_with(b"br\"") || rest.starts_with(b"br#") {
        i + 2
    } else if rest.starts_with(b"r\"") || rest.starts_with(b"r#\"") || rest.starts_with(b"r##") {
        i + 1
    } else {
        return None;
    };
    let hashes = b[raw..].iter().take_while(|&&c| c == b'#').count();
    let open = raw + hashes;
    if b.get(open) != Some(&b'"') {
        // ron refuses it; nothing after it is read.
        return Some(b.len());
    }
    let mut close = vec![b'"'];
    close.extend(std::iter::repeat_n(b'#', hashes));
    Some(
        memchr::memmem::find(&b[open + 1..], &close)
            .map_or(b.len(), |n| open + 1 + n + close.len()),
    )
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
/// brackets included, and the ranges of its elements. Only for plain text, where this walk reads
/// exactly what ron reads: `None` if anything [unusual](Scan::unusual) comes before the list ends,
/// if there is no such field, if its value is not a list closed by `]`, or if an element other
/// than the last is blank (`[a,,b]`, which ron refuses).
pub fn top_level_list(text: &str, name: &str) -> Option<(Range<usize>, Vec<Range<usize>>)> {
    let (open, mut scan) = open_top_level_list(text, name)?;
    let mut elements = Vec::new();
    let mut start = open + 1;
    while let Some((pos, token)) = scan.next() {
        match token {
            Token::Comma if scan.depth == 2 => {
                if text[start..pos].trim().is_empty() {
                    return None;
                }
                elements.push(start..pos);
                start = pos + 1;
            }
            Token::Close if scan.depth == 1 => {
                // `[…)` is no list to ron.
                if scan.unusual || text.as_bytes()[pos] != b']' {
                    return None;
                }
                // After the last comma (or in an empty list) there may be nothing.
                if !text[start..pos].trim().is_empty() {
                    elements.push(start..pos);
                }
                return Some((open..pos + 1, elements));
            }
            _ => {}
        }
    }
    None
}

/// Where the `[` of the top-level list `name` is, if everything before it is plain (see
/// [`Scan::unusual`]): what lies before can then be cut there and read apart from the list.
pub fn top_level_list_start(text: &str, name: &str) -> Option<usize> {
    let (open, scan) = open_top_level_list(text, name)?;
    (!scan.unusual).then_some(open)
}

fn open_top_level_list<'a>(text: &'a str, name: &str) -> Option<(usize, Scan<'a>)> {
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
    Some((open, scan))
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

    /// What whosaid writes: plain strings, brackets, commas, names and numbers.
    const PLAIN: &str = r#"(
  format_version: 3,
  corpus: "a, b: [c] /* // ",
  speakers: [],
  documents: [
    (path: "x.txt", note: "\"), [ 'a' r#\""),
    (path: "y.txt", annotations: [(id: 1), (id: 2)]),
  ],
  view: (),
)
"#;

    #[test]
    fn cuts_a_plain_top_level_list_into_its_elements() {
        let (whole, parts) = top_level_list(PLAIN, "documents").unwrap();
        assert!(PLAIN[whole.clone()].starts_with('[') && PLAIN[whole.clone()].ends_with(']'));
        let parts: Vec<&str> = parts.into_iter().map(|r| PLAIN[r].trim()).collect();
        assert_eq!(
            parts,
            [
                r#"(path: "x.txt", note: "\"), [ 'a' r#\"")"#,
                r#"(path: "y.txt", annotations: [(id: 1), (id: 2)])"#,
            ]
        );
        assert_eq!(top_level_list(PLAIN, "speakers").unwrap().1, []);
        assert!(top_level_list(PLAIN, "view").is_none());
        assert!(top_level_list("(documents: [(a: 1)", "documents").is_none());
    }

    #[test]
    fn a_list_with_anything_unusual_or_an_empty_element_is_not_cut() {
        // Comments, raw strings and chars are read as ron reads them, but the cut is left to
        // ron itself: whosaid never writes them.
        assert!(top_level_list(TEXT, "documents").is_none());
        for odd in [
            "(documents: [/**/ (a: 1)])",
            "(documents: [(a: 1) // x\n])",
            "#![enable(implicit_some)] (documents: [(a: 1)])",
            "(documents: [(a: r\"x\")])",
            "(documents: [(a: b\"x\")])",
            "(documents: [(a: 'x')])",
            "(documents: [(\u{e9}: 1)])",
            "(documents: [, (a: 1)])",
            "(documents: [(a: 1),, (a: 2)])",
            "(documents: [(a: 1)), view: ())",
        ] {
            assert!(top_level_list(odd, "documents").is_none(), "{odd}");
        }
        // After the list, ron reads the rest itself (with an empty list in its place).
        assert!(top_level_list("(documents: [(a: 1)] /* x */)", "documents").is_some());
        // Blank after the last comma is a trailing comma, which ron takes.
        let (_, parts) = top_level_list("(documents: [(a: 1), ])", "documents").unwrap();
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0], 13..19);
    }

    #[test]
    fn block_comments_nest_as_in_ron() {
        let text = "( /* /* */ documents: [(a: 1)], format_version: 9, // */ documents: [],\n format_version: 3)";
        assert_eq!(peek_version(text), Some(3));
        assert_eq!(top_level_value(text, "documents"), Some("[]"));
        assert_eq!(top_level_list(text, "documents"), None);
        let text = "(/* a /* b */ c */ format_version: 4, /*/ x */ corpus: \"k\")";
        assert_eq!(peek_version(text), Some(4));
        assert_eq!(top_level_value(text, "corpus"), Some("\"k\""));
        // Raw and byte strings, and a field name with a comment before its colon.
        let text = r###"(a: br#"x"# , format_version /* c */ : 5, b: r##"format_version: 6"##)"###;
        assert_eq!(peek_version(text), Some(5));
        assert_eq!(
            top_level_value(text, "b"),
            Some(r###"r##"format_version: 6"##"###)
        );
    }

    #[test]
    fn names_the_field_being_read() {
        let at = TEXT.find("'a'").unwrap();
        assert_eq!(field_at(TEXT, at), Some("c"));
        let at = TEXT.find("view").unwrap();
        assert_eq!(field_at(TEXT, at), None);
    }
}
