//! Documents of a project's list in the shape whosaid writes them, read and written several times
//! faster than by ron's general reader and writer; for anything else ron does the work.
//!
//! It takes only what it can read exactly as ron does: the fields it knows, each once, plain
//! decimal numbers, strings with the simple escapes, `Some(…)`/`None`, blanks between tokens.
//! Anything else (a comment, an unknown or repeated field, a missing required one, `\u{…}`, a
//! number ron would read in another way, a struct name) is `None`, never a guess: ron then reads
//! the piece and gives the project or the exact error. `fast_path_agrees` holds both to it.
//! Writing gives exactly the bytes of ron's pretty writer (tests compare them on generated text).

use super::fragment::Fragment;
use super::ids::{AnnotationId, SpeakerId};
use super::label::Label;
use super::model::{AnchorStatus, Annotation, DocEntry};
use super::pending::{Provenance, Rejected};
use crate::corpus::DocMetadata;
use serde::Deserialize;
use serde::de::value::{BorrowedStrDeserializer, Error as ValueError};
use smol_str::SmolStr;
use std::borrow::Cow;
use std::ops::Range;

/// The document `text` holds (blanks around it allowed), if it is written plainly.
pub(crate) fn document(text: &str) -> Option<DocEntry> {
    let mut r = Reader {
        s: text,
        b: text.as_bytes(),
        i: 0,
    };
    r.blanks();
    let doc = r.doc()?;
    r.blanks();
    (r.i == r.b.len()).then_some(doc)
}

/// The documents of a list read one after the other from byte `from` (just inside its `[`, or
/// just after a comma between two documents), each given to `each` with where it lies, which
/// makes what is kept of it. With `stop`, reading
/// ends when a comma leaves it exactly there (`None` if it would pass it, or if the list closes
/// first); without, when the list closes, whose `]` is then returned.
pub(crate) fn documents_from<R>(
    text: &str,
    from: usize,
    stop: Option<usize>,
    each: impl Fn(DocEntry, Range<usize>) -> R,
) -> Option<(Vec<R>, Option<usize>)> {
    let mut r = Reader {
        s: text,
        b: text.as_bytes(),
        i: from,
    };
    let mut docs = Vec::new();
    loop {
        r.blanks();
        if r.peek()? == b']' {
            return stop.is_none().then_some((docs, Some(r.i)));
        }
        let start = r.i;
        let doc = r.doc()?;
        docs.push(each(doc, start..r.i));
        r.blanks();
        match r.peek()? {
            b',' => {
                r.i += 1;
                match stop {
                    Some(stop) if r.i == stop => return Some((docs, None)),
                    Some(stop) if r.i > stop => return None,
                    _ => {}
                }
            }
            b']' => return stop.is_none().then_some((docs, Some(r.i))),
            _ => return None,
        }
    }
}

struct Reader<'a> {
    s: &'a str,
    b: &'a [u8],
    i: usize,
}

/// Fills a field once: a field given twice is ron's error to report.
fn set<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value);
    Some(())
}

/// A list read element by element grows by doubling; a project holds a million small lists, so
/// each keeps only the room it uses.
fn fitted<T>(mut v: Vec<T>) -> Vec<T> {
    if v.capacity() > v.len() {
        v.shrink_to_fit();
    }
    v
}

impl<'a> Reader<'a> {
    fn blanks(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.peek() == Some(c)).then(|| self.i += 1)
    }

    /// `(name: value, …)`, a trailing comma allowed; `field` reads the value of the field `name`
    /// and fails for a field it does not know.
    fn fields(&mut self, mut field: impl FnMut(&mut Self, &'a str) -> Option<()>) -> Option<()> {
        self.eat(b'(')?;
        loop {
            self.blanks();
            if self.eat(b')').is_some() {
                return Some(());
            }
            let name = self.ident()?;
            self.blanks();
            self.eat(b':')?;
            if self.peek() == Some(b':') {
                return None;
            }
            self.blanks();
            field(self, name)?;
            self.blanks();
            if self.eat(b',').is_none() {
                return self.eat(b')');
            }
        }
    }

    /// `[item, …]`, a trailing comma allowed.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.eat(b'[')?;
        self.blanks();
        if self.eat(b']').is_some() {
            return Some(Vec::new());
        }
        // Most lists (an annotation's speakers and fragments) hold one item: room for exactly
        // that, where an empty list's first push makes room for four, given back by `fitted`.
        let mut out = Vec::with_capacity(1);
        loop {
            self.blanks();
            if self.eat(b']').is_some() {
                return Some(fitted(out));
            }
            out.push(item(self)?);
            self.blanks();
            if self.eat(b',').is_none() {
                return self.eat(b']').map(|()| fitted(out));
            }
        }
    }

    /// An ASCII identifier; one glued to a quote or `#` (raw and byte strings, raw identifiers)
    /// or to a character outside ASCII is left to ron.
    fn ident(&mut self) -> Option<&'a str> {
        let start = self.i;
        if !self.peek()?.is_ascii_alphabetic() && self.peek()? != b'_' {
            return None;
        }
        while matches!(self.peek(), Some(c) if c == b'_' || c.is_ascii_alphanumeric()) {
            self.i += 1;
        }
        if matches!(self.peek(), Some(c) if c == b'#' || c == b'"' || c == b'\'' || c >= 0x80) {
            return None;
        }
        Some(&self.s[start..self.i])
    }

    /// A plain decimal number: no sign, leading zero, underscore, base, fraction or exponent.
    fn uint(&mut self) -> Option<u64> {
        let start = self.i;
        let mut n: u64 = 0;
        while let Some(c @ b'0'..=b'9') = self.peek() {
            n = n.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
            self.i += 1;
        }
        let digits = self.i - start;
        if digits == 0 || (digits > 1 && self.b[start] == b'0') {
            return None;
        }
        if matches!(self.peek(), Some(c) if c == b'_' || c == b'.' || c.is_ascii_alphanumeric()) {
            return None;
        }
        Some(n)
    }

    fn offset(&mut self) -> Option<usize> {
        usize::try_from(self.uint()?).ok()
    }

    fn boolean(&mut self) -> Option<bool> {
        match self.ident()? {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// A string as a [`SmolStr`], copied straight from the text when it has no escapes (a
    /// timestamp then needs no allocation at all).
    fn small_string(&mut self) -> Option<SmolStr> {
        self.eat(b'"')?;
        let n = memchr::memchr2(b'"', b'\\', &self.b[self.i..])?;
        if self.b[self.i + n] == b'"' {
            let s = SmolStr::new(&self.s[self.i..self.i + n]);
            self.i += n + 1;
            return Some(s);
        }
        self.i -= 1; // back to the opening quote: the general reader undoes the escapes
        self.string().map(SmolStr::from)
    }

    fn string(&mut self) -> Option<String> {
        let mut s = self.text()?.into_owned();
        // Kept for good: no room left over from undoing escapes.
        s.shrink_to_fit();
        Some(s)
    }

    /// A quoted string with the escapes whosaid writes (`\"`, `\\`, `\n`, `\r`, `\t`, `\0`,
    /// `\'`); `\u{…}` and `\x…` are left to ron. Borrowed from the file where it has no
    /// escapes: a fragment copies its three strings into one block, and copying each on the way
    /// would double a big load's allocations.
    fn text(&mut self) -> Option<Cow<'a, str>> {
        self.eat(b'"')?;
        let n = memchr::memchr2(b'"', b'\\', &self.b[self.i..])?;
        let first = &self.s[self.i..self.i + n];
        self.i += n + 1;
        if self.b[self.i - 1] == b'"' {
            return Some(Cow::Borrowed(first));
        }
        let mut out = String::with_capacity(first.len() + 16);
        out.push_str(first);
        loop {
            let c = match self.peek()? {
                b'"' => '"',
                b'\\' => '\\',
                b'\'' => '\'',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'0' => '\0',
                _ => return None,
            };
            out.push(c);
            self.i += 1;
            let n = memchr::memchr2(b'"', b'\\', &self.b[self.i..])?;
            out.push_str(&self.s[self.i..self.i + n]);
            self.i += n + 1;
            if self.b[self.i - 1] == b'"' {
                return Some(Cow::Owned(out));
            }
        }
    }

    /// A unit variant of an enum (`Quote`, `Review`), by the enum's own names.
    fn unit<T: Deserialize<'a>>(&mut self) -> Option<T> {
        let name = self.ident()?;
        T::deserialize(BorrowedStrDeserializer::<ValueError>::new(name)).ok()
    }

    /// `None` or `Some(value)`.
    fn option<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        match self.ident()? {
            "None" => Some(None),
            "Some" => {
                self.blanks();
                self.eat(b'(')?;
                self.blanks();
                let v = value(self)?;
                self.blanks();
                self.eat(b')')?;
                Some(Some(v))
            }
            _ => None,
        }
    }

    fn doc(&mut self) -> Option<DocEntry> {
        let (mut path, mut hash, mut done, mut metadata) = (None, None, None, None);
        let (mut annotations, mut rejected) = (None, None);
        self.fields(|r, name| match name {
            "path" => set(&mut path, r.string()?),
            "hash" => set(&mut hash, r.string()?),
            "done" => set(&mut done, r.boolean()?),
            "metadata" => set(&mut metadata, r.metadata()?),
            "annotations" => set(&mut annotations, r.list(Self::annotation)?),
            "rejected" => set(&mut rejected, r.list(Self::rejected)?),
            _ => None,
        })?;
        Some(DocEntry {
            path: path?,
            hash: hash?,
            done: done.unwrap_or(false),
            metadata: metadata.unwrap_or_default(),
            annotations: annotations.unwrap_or_default(),
            rejected: rejected.unwrap_or_default(),
            conflicts: Vec::new(),
        })
    }

    fn metadata(&mut self) -> Option<DocMetadata> {
        let (mut title, mut outlet, mut date, mut url) = (None, None, None, None);
        self.fields(|r, name| {
            let slot = match name {
                "title" => &mut title,
                "outlet" => &mut outlet,
                "date" => &mut date,
                "url" => &mut url,
                _ => return None,
            };
            set(slot, r.option(Self::string)?)
        })?;
        Some(DocMetadata {
            title: title.flatten(),
            outlet: outlet.flatten(),
            date: date.flatten(),
            url: url.flatten(),
        })
    }

    fn rejected(&mut self) -> Option<Rejected> {
        let (mut label, mut text) = (None, None);
        self.fields(|r, name| match name {
            "label" => set(&mut label, r.unit()?),
            "text" => set(&mut text, r.string()?),
            _ => None,
        })?;
        Some(Rejected {
            label: label?,
            text: text?,
        })
    }

    fn annotation(&mut self) -> Option<Annotation> {
        let (mut id, mut label, mut speakers, mut addressee) = (None, None, None, None);
        let (mut cue, mut fragments, mut note, mut created) = (None, None, None, None);
        let (mut modified, mut anchor, mut suggested, mut annotator) = (None, None, None, None);
        self.fields(|r, name| match name {
            "id" => set(&mut id, AnnotationId(r.uint()?)),
            "label" => set(&mut label, r.unit()?),
            "speakers" => set(&mut speakers, r.list(|r| r.uint().map(SpeakerId))?),
            "addressee" => set(&mut addressee, r.option(|r| r.uint().map(SpeakerId))?),
            "cue" => set(&mut cue, r.option(Self::fragment)?),
            "fragments" => set(&mut fragments, r.list(Self::fragment)?),
            "note" => set(&mut note, r.string()?),
            "created" => set(&mut created, r.small_string()?),
            "modified" => set(&mut modified, r.small_string()?),
            "anchor" => set(&mut anchor, r.unit()?),
            "suggested" => set(&mut suggested, r.option(Self::provenance)?),
            "annotator" => set(&mut annotator, r.string()?),
            _ => None,
        })?;
        let (created, modified) = (created?, modified?);
        // Equal times share one value (a long, odd timestamp is then held once, not twice).
        let modified = if modified == created {
            created.clone()
        } else {
            modified
        };
        Some(Annotation {
            id: id?,
            label: label?,
            speakers: speakers.unwrap_or_default(),
            addressee: addressee.flatten(),
            cue: cue.flatten().map(Box::new),
            fragments: fragments?,
            note: note.unwrap_or_default(),
            created,
            modified,
            anchor: anchor.unwrap_or_default(),
            suggested: suggested.flatten(),
            annotator: annotator.unwrap_or_default(),
        })
    }

    fn fragment(&mut self) -> Option<Fragment> {
        let (mut start, mut end, mut text, mut prefix, mut suffix) = (None, None, None, None, None);
        self.fields(|r, name| match name {
            "start" => set(&mut start, r.offset()?),
            "end" => set(&mut end, r.offset()?),
            "text" => set(&mut text, r.text()?),
            "prefix" => set(&mut prefix, r.text()?),
            "suffix" => set(&mut suffix, r.text()?),
            _ => None,
        })?;
        Some(Fragment::with_context(
            start?,
            end?,
            &text?,
            prefix.as_deref().unwrap_or_default(),
            suffix.as_deref().unwrap_or_default(),
        ))
    }

    fn provenance(&mut self) -> Option<Provenance> {
        let (mut confidence, mut edited) = (None, None);
        self.fields(|r, name| match name {
            "confidence" => set(&mut confidence, u8::try_from(r.uint()?).ok()?),
            "edited" => set(&mut edited, r.boolean()?),
            _ => None,
        })?;
        Some(Provenance {
            confidence: confidence?,
            edited: edited.unwrap_or(false),
        })
    }
}

/// How far a document's lines are indented in the project's list, and the step per level.
const BASE: usize = 4;

/// One document as it appears inside the project's list (indented, with its comma), exactly as
/// ron's pretty writer with the project's configuration puts it; `None` for a document with
/// merge conflicts (ron writes those).
pub(crate) fn document_text(doc: &DocEntry) -> Option<String> {
    if !doc.conflicts.is_empty() {
        return None;
    }
    let mut w = Writer {
        out: String::with_capacity(256 + doc.annotations.len() * 400),
    };
    w.line(0, "(");
    w.string_field(1, "path", &doc.path);
    w.string_field(1, "hash", &doc.hash);
    w.field(1, "done", if doc.done { "true" } else { "false" });
    if !doc.metadata.is_empty() {
        w.line(1, "metadata: (");
        let m = &doc.metadata;
        for (name, value) in [
            ("title", &m.title),
            ("outlet", &m.outlet),
            ("date", &m.date),
            ("url", &m.url),
        ] {
            w.indent(2);
            w.out.push_str(name);
            match value {
                Some(v) => {
                    w.out.push_str(": Some(");
                    w.quoted(v);
                    w.out.push_str("),\n");
                }
                None => w.out.push_str(": None,\n"),
            }
        }
        w.line(1, "),");
    }
    if doc.annotations.is_empty() {
        w.line(1, "annotations: [],");
    } else {
        w.line(1, "annotations: [");
        for a in &doc.annotations {
            w.annotation(a);
        }
        w.line(1, "],");
    }
    if !doc.rejected.is_empty() {
        w.line(1, "rejected: [");
        for r in &doc.rejected {
            w.line(2, "(");
            w.field(3, "label", label_name(r.label));
            w.string_field(3, "text", &r.text);
            w.line(2, "),");
        }
        w.line(1, "],");
    }
    w.line(0, "),");
    Some(w.out)
}

fn label_name(label: Label) -> &'static str {
    match label {
        Label::Claim => "Claim",
        Label::Quote => "Quote",
        Label::Demand => "Demand",
    }
}

struct Writer {
    out: String,
}

impl Writer {
    fn indent(&mut self, level: usize) {
        for _ in 0..BASE + 2 * level {
            self.out.push(' ');
        }
    }

    fn line(&mut self, level: usize, text: &str) {
        self.indent(level);
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn field(&mut self, level: usize, name: &str, value: &str) {
        self.indent(level);
        self.out.push_str(name);
        self.out.push_str(": ");
        self.out.push_str(value);
        self.out.push_str(",\n");
    }

    fn number(&mut self, n: u64) {
        use std::fmt::Write as _;
        let _ = write!(self.out, "{n}");
    }

    fn string_field(&mut self, level: usize, name: &str, value: &str) {
        self.indent(level);
        self.out.push_str(name);
        self.out.push_str(": ");
        self.quoted(value);
        self.out.push_str(",\n");
    }

    /// A string as ron writes it: each character through `char::escape_debug`, which leaves
    /// printable ASCII other than quotes and backslashes as it is (those runs are copied whole).
    fn quoted(&mut self, s: &str) {
        self.out.push('"');
        let mut plain = 0;
        for (i, c) in s.char_indices() {
            if matches!(c, ' '..='~') && !matches!(c, '"' | '\'' | '\\') {
                continue;
            }
            self.out.push_str(&s[plain..i]);
            self.out.extend(c.escape_debug());
            plain = i + c.len_utf8();
        }
        self.out.push_str(&s[plain..]);
        self.out.push('"');
    }

    fn annotation(&mut self, a: &Annotation) {
        self.line(2, "(");
        self.indent(3);
        self.out.push_str("id: ");
        self.number(a.id.0);
        self.out.push_str(",\n");
        self.field(3, "label", label_name(a.label));
        if !a.speakers.is_empty() {
            self.line(3, "speakers: [");
            for s in &a.speakers {
                self.indent(4);
                self.number(s.0);
                self.out.push_str(",\n");
            }
            self.line(3, "],");
        }
        if let Some(s) = a.addressee {
            self.indent(3);
            self.out.push_str("addressee: Some(");
            self.number(s.0);
            self.out.push_str("),\n");
        }
        if let Some(cue) = &a.cue {
            self.line(3, "cue: Some((");
            self.indent(4);
            self.out.push_str("start: ");
            self.number(cue.start as u64);
            self.out.push_str(",\n");
            self.indent(4);
            self.out.push_str("end: ");
            self.number(cue.end as u64);
            self.out.push_str(",\n");
            self.string_field(4, "text", cue.text());
            if !cue.prefix().is_empty() {
                self.string_field(4, "prefix", cue.prefix());
            }
            if !cue.suffix().is_empty() {
                self.string_field(4, "suffix", cue.suffix());
            }
            self.line(3, ")),");
        }
        if a.fragments.is_empty() {
            self.line(3, "fragments: [],");
        } else {
            self.line(3, "fragments: [");
            for f in &a.fragments {
                self.indent(4);
                self.out.push_str("(start: ");
                self.number(f.start as u64);
                self.out.push_str(", end: ");
                self.number(f.end as u64);
                self.out.push_str(", text: ");
                self.quoted(f.text());
                if !f.prefix().is_empty() {
                    self.out.push_str(", prefix: ");
                    self.quoted(f.prefix());
                }
                if !f.suffix().is_empty() {
                    self.out.push_str(", suffix: ");
                    self.quoted(f.suffix());
                }
                self.out.push_str("),\n");
            }
            self.line(3, "],");
        }
        if !a.note.is_empty() {
            self.string_field(3, "note", &a.note);
        }
        self.string_field(3, "created", &a.created);
        self.string_field(3, "modified", &a.modified);
        match a.anchor {
            AnchorStatus::Placed => {}
            AnchorStatus::Review => self.field(3, "anchor", "Review"),
            AnchorStatus::Orphaned => self.field(3, "anchor", "Orphaned"),
        }
        if let Some(p) = &a.suggested {
            self.line(3, "suggested: Some((");
            self.indent(4);
            self.out.push_str("confidence: ");
            self.number(u64::from(p.confidence));
            self.out.push_str(",\n");
            if p.edited {
                self.field(4, "edited", "true");
            }
            self.line(3, ")),");
        }
        if !a.annotator.is_empty() {
            self.string_field(3, "annotator", &a.annotator);
        }
        self.line(2, "),");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::chunked::pretty;

    /// A document using every field the reader knows, with strings that need escapes.
    pub(super) fn full() -> DocEntry {
        let mut d = DocEntry::new("b/a “1”.txt".into(), "abc".into());
        d.done = true;
        d.metadata.title = Some("Title with \"quotes\" and \\".into());
        d.metadata.url = Some("https://example.org/a".into());
        d.rejected.push(Rejected {
            label: Label::Claim,
            text: "tab\there".into(),
        });
        let mut f = Fragment::new(3, 9, "x\ny\r\0'");
        f.set_prefix("“No,” é 🇺🇦");
        f.set_suffix("\\n is not a newline");
        d.annotations.push(Annotation {
            speakers: vec![SpeakerId(1), SpeakerId(u64::MAX)],
            addressee: Some(SpeakerId(7)),
            cue: Some(Box::new(Fragment::new(0, 2, "he"))),
            note: "a \"note\"\nwith lines".into(),
            anchor: AnchorStatus::Review,
            suggested: Some(Provenance {
                confidence: 255,
                edited: true,
            }),
            annotator: "Ana".into(),
            ..Annotation::new(
                AnnotationId(9),
                Label::Demand,
                vec![f],
                "2026-01-01T00:00:00Z",
            )
        });
        d.annotations.push(Annotation::new(
            AnnotationId(0),
            Label::Quote,
            vec![Fragment::new(20, 21, "z"), Fragment::new(22, 23, "")],
            "t",
        ));
        d
    }

    #[test]
    fn reads_what_whosaid_writes_as_ron_does() {
        let d = full();
        for text in [
            ron::ser::to_string_pretty(&d, pretty(2)).unwrap(),
            ron::to_string(&d).unwrap(),
        ] {
            let plain = document(&text).unwrap_or_else(|| panic!("not read:\n{text}"));
            assert_eq!(plain, ron::from_str::<DocEntry>(&text).unwrap());
            assert_eq!(plain, d);
            assert_eq!(
                plain.annotations[1].fragments.capacity(),
                2,
                "no spare room"
            );
        }
        let blanks = " \n\t( path : \"p\" ,hash:\"h\",annotations:[ ( id :1,label:Quote,\
                      fragments:[(start:0,end:1,text:\"a\",),],created:\"c\",modified:\"m\", ), ], )\r\n";
        assert_eq!(document(blanks), ron::from_str::<DocEntry>(blanks).ok());
        assert!(document(blanks).is_some());
    }

    #[test]
    fn leaves_anything_else_to_ron() {
        let base = "(path: \"p\", hash: \"h\", annotations: [(id: 1, label: Quote, \
                    fragments: [(start: 0, end: 1, text: \"a\")], created: \"c\", modified: \"m\")])";
        assert!(document(base).is_some());
        for (from, to) in [
            ("id: 1", "id: 01"),
            ("id: 1", "id: 0x1"),
            ("id: 1", "id: 1_0"),
            ("id: 1", "id: +1"),
            ("id: 1", "id: 1.0"),
            ("id: 1", "id: 99999999999999999999"),
            ("id: 1, ", ""),
            ("id: 1", "id: 1, id: 2"),
            ("label: Quote", "label: Quote()"),
            ("label: Quote", "label: Quoted"),
            ("text: \"a\"", "text: \"\\u{61}\""),
            ("text: \"a\"", "text: r\"a\""),
            ("text: \"a\"", "text: \"a\\\n\""),
            ("hash: \"h\"", "hash: \"h\", conflicts: []"),
            ("hash: \"h\"", "hash: \"h\", unknown: 1"),
            ("hash: \"h\"", "hash: \"h\" /* c */"),
            ("(path", "DocEntry(path"),
            ("(path", "\u{a0}(path"),
            ("hash:", "hash::"),
            ("fragments: [", "fragments: ["),
        ] {
            let text = base.replacen(from, to, 1);
            if text == base {
                continue;
            }
            assert_eq!(document(&text), None, "{text}");
        }
        let text = base.replacen(")])", ")]) x", 1);
        assert_eq!(document(&text), None);
        assert!(ron::from_str::<DocEntry>(&text).is_err());
    }
    /// The document as ron's pretty writer puts it in the list (what saving did before).
    fn ron_text(d: &DocEntry) -> String {
        let text = ron::ser::to_string_pretty(d, pretty(2)).unwrap();
        let mut out: String = text.lines().map(|l| format!("    {l}\n")).collect();
        out.pop();
        out.push_str(",\n");
        out
    }

    #[test]
    fn writes_exactly_what_ron_writes_and_reads_it_back() {
        let mut d = full();
        let mut variants = vec![d.clone(), DocEntry::new("e".into(), "h".into())];
        d.metadata = DocMetadata::default();
        d.rejected.clear();
        d.annotations[0].fragments.clear();
        d.annotations[0].anchor = AnchorStatus::Orphaned;
        d.annotations[0].suggested = Some(Provenance {
            confidence: 0,
            edited: false,
        });
        variants.push(d);
        for d in variants {
            let text = document_text(&d).unwrap();
            assert_eq!(text, ron_text(&d));
            let piece = text.trim_end().strip_suffix(',').unwrap();
            assert_eq!(document(piece), Some(d));
        }
        let mut with_conflict = full();
        with_conflict.conflicts.push(crate::project::Conflict {
            id: AnnotationId(9),
            theirs: None,
        });
        assert_eq!(document_text(&with_conflict), None, "left to ron");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(200)
        ))]
        /// Any string, control characters, combining marks and quotes included, is written as
        /// ron writes it and read back as ron reads it (or left to ron).
        #[test]
        fn any_string_is_written_as_ron_writes_it(s in "\\PC*|.*", t in proptest::prelude::any::<String>()) {
            let mut d = full();
            d.path = s.clone();
            d.annotations[0].note = t.clone();
            d.annotations[0].fragments[0].set_text(&t);
            // Timestamps of any length and content, equal and different, come back as written.
            d.annotations[0].created = s.as_str().into();
            d.annotations[0].modified = t.as_str().into();
            d.annotations[1].created = t.as_str().into();
            d.annotations[1].modified = t.as_str().into();
            d.annotations[1].fragments[0].set_prefix(&s);
            d.metadata.outlet = Some(t);
            let text = document_text(&d).unwrap();
            proptest::prop_assert_eq!(&text, &ron_text(&d));
            let piece = text.trim_end().strip_suffix(',').unwrap();
            if let Some(read) = document(piece) {
                proptest::prop_assert_eq!(read, d.clone());
            }
            proptest::prop_assert_eq!(ron::from_str::<DocEntry>(piece).unwrap(), d.clone());
        }
    }
}
