//! Offsets as other tools count them, turned into code points of the corpus text; and the corpus
//! document an imported record is about.
//!
//! Cost: the indexes are made once per text in linear time and answer in O(log n) (an offset, a
//! line); documents are found by name in O(log n) per cut of the name, by text through a hash.

use crate::corpus::Corpus;
use std::collections::HashMap;

/// How an imported file counts offsets into its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OffsetUnit {
    /// Unicode code points (Python `str` indices, Rust `char`s): brat, Label Studio, whosaid.
    Codepoints,
    /// UTF-16 code units (JavaScript string indices): doccano, older Label Studio. An emoji or
    /// other character beyond U+FFFF counts two.
    Utf16,
}

impl OffsetUnit {
    pub fn name(self) -> &'static str {
        match self {
            OffsetUnit::Codepoints => "code points",
            OffsetUnit::Utf16 => "UTF-16 code units",
        }
    }
}

/// Converts UTF-16 code unit offsets of one text to code point offsets.
#[derive(Clone, Debug, Default)]
pub struct Utf16Index {
    /// The UTF-16 offset of every character beyond U+FFFF (two code units each), in order.
    astral: Vec<usize>,
}

impl Utf16Index {
    pub fn new(text: &str) -> Self {
        let mut astral = Vec::new();
        let mut unit = 0;
        for c in text.chars() {
            if c.len_utf16() == 2 {
                astral.push(unit);
            }
            unit += c.len_utf16();
        }
        Self { astral }
    }

    /// The code point offset at UTF-16 offset `unit`; `None` when `unit` falls between the two
    /// halves of a surrogate pair (so the file does not count in UTF-16 code units).
    pub fn code_points(&self, unit: usize) -> Option<usize> {
        let before = self.astral.partition_point(|&a| a < unit);
        if before > 0 && self.astral[before - 1] + 1 == unit {
            return None;
        }
        Some(unit - before)
    }
}

/// Line numbers of byte offsets into one text: the line starts, found once, and a binary search,
/// so that a message's line costs O(log lines) however far into a big file it is.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self { starts }
    }

    /// The 1-based line of byte `byte`.
    pub fn line(&self, byte: usize) -> usize {
        self.starts.partition_point(|&s| s <= byte)
    }
}

/// Code points of a text as a tool had it (with a byte order mark, or other line endings) mapped
/// to code points of the corpus text: the two are equal once a leading byte order mark and every
/// carriage return before a line feed are removed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextMap {
    /// Code point offsets in the tool's text of the characters the corpus text lacks.
    tool_extra: Vec<usize>,
    /// For each character the tool's text lacks, how many characters of the common text come
    /// before it.
    corpus_extra: Vec<usize>,
}

/// The text without a leading byte order mark and without carriage returns before line feeds,
/// and the code point offsets of what was removed.
fn normalized(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut removed = Vec::new();
    let mut chars = text.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        let drop = (i == 0 && c == '\u{feff}')
            || (c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n'));
        if drop {
            removed.push(i);
        } else {
            out.push(c);
        }
    }
    (out, removed)
}

impl TextMap {
    /// The map between two texts that differ at most in a byte order mark and line endings;
    /// `None` when they differ in anything else.
    pub fn new(tool: &str, corpus: &str) -> Option<TextMap> {
        if tool == corpus {
            return Some(TextMap::default());
        }
        let (t, tool_extra) = normalized(tool);
        let (c, removed) = normalized(corpus);
        if t != c {
            return None;
        }
        let corpus_extra = removed.iter().enumerate().map(|(k, &i)| i - k).collect();
        Some(TextMap {
            tool_extra,
            corpus_extra,
        })
    }

    pub fn is_identity(&self) -> bool {
        self.tool_extra.is_empty() && self.corpus_extra.is_empty()
    }

    /// The corpus offset of the tool's code point offset `offset`.
    pub fn map(&self, offset: usize) -> usize {
        let common = offset - self.tool_extra.partition_point(|&i| i < offset);
        common + self.corpus_extra.partition_point(|&i| i < common)
    }
}

/// Whether the text a file gives for a span is the text found at its offsets: the same, or the
/// same but for the kind and number of white space characters between words (brat joins the
/// pieces of a discontinuous span with a space; a line break inside a span is often written as
/// one).
pub fn texts_agree(given: &str, found: &str) -> bool {
    fn words(s: &str) -> impl Iterator<Item = &str> {
        s.split(char::is_whitespace).filter(|w| !w.is_empty())
    }
    given == found
        || (given.starts_with(char::is_whitespace) == found.starts_with(char::is_whitespace)
            && given.ends_with(char::is_whitespace) == found.ends_with(char::is_whitespace)
            && words(given).eq(words(found)))
}

/// A short quotation of a span's text for a message, cut in the middle when long.
pub fn quoted(text: &str) -> String {
    const MAX: usize = 60;
    let n = text.chars().count();
    let shown = if n <= MAX {
        text.to_string()
    } else {
        let head: String = text.chars().take(MAX / 2).collect();
        let tail: String = text.chars().skip(n - MAX / 2).collect();
        format!("{head}…{tail}")
    };
    format!("{shown:?}")
}

/// Finds corpus documents by the name a file gives them, or by their text.
pub struct DocFinder<'a> {
    corpus: &'a Corpus,
    /// Documents by the hash of their normalized text (see [`TextMap`]); made on first use.
    by_text: Option<HashMap<blake3::Hash, Vec<usize>>>,
    /// Documents by file name (the path's last component); made on first use.
    by_file: std::sync::OnceLock<HashMap<&'a str, Vec<usize>>>,
}

impl<'a> DocFinder<'a> {
    pub fn new(corpus: &'a Corpus) -> Self {
        Self {
            corpus,
            by_text: None,
            by_file: std::sync::OnceLock::new(),
        }
    }

    /// The document a file names: its path in the corpus (`/` or `\` separators, with or without
    /// `.txt`), a longer path ending in it (an absolute path on the annotator's machine), or a file
    /// name only one document has.
    pub fn by_name(&self, name: &str) -> Result<String, String> {
        let clean = name.trim().replace('\\', "/");
        let clean = clean.trim_start_matches("./");
        if clean.is_empty() {
            return Err("the document name is empty".into());
        }
        let with_txt = format!("{clean}.txt");
        for candidate in [clean, with_txt.as_str()] {
            if self.corpus.document(candidate).is_some() {
                return Ok(candidate.to_string());
            }
        }
        let corpus: &'a Corpus = self.corpus;
        let docs = &corpus.documents;
        // The longest corpus path the name ends with: the name cut after its first `/` that
        // leaves a corpus path (each cut is one lookup, not a pass over the corpus).
        let suffix = [clean, with_txt.as_str()]
            .into_iter()
            .filter_map(|c| {
                c.match_indices('/')
                    .map(|(i, _)| &c[i + 1..])
                    .find(|rest| self.corpus.document(rest).is_some())
            })
            .max_by_key(|p| p.len());
        if let Some(path) = suffix {
            return Ok(path.to_string());
        }
        let file = clean.rsplit('/').next().unwrap_or(clean);
        let file_txt = format!("{file}.txt");
        let by_file = self.by_file.get_or_init(|| {
            let mut index: HashMap<&'a str, Vec<usize>> = HashMap::new();
            for (i, d) in docs.iter().enumerate() {
                let f = d.path.rsplit('/').next().unwrap_or(&d.path);
                index.entry(f).or_default().push(i);
            }
            index
        });
        let mut found: Vec<usize> = [file, file_txt.as_str()]
            .iter()
            .flat_map(|f| by_file.get(f).into_iter().flatten().copied())
            .collect();
        found.sort_unstable();
        found.dedup();
        let named: Vec<&str> = found.iter().map(|&i| docs[i].path.as_str()).collect();
        match named.as_slice() {
            [one] => Ok(one.to_string()),
            [] => Err(format!(
                "no document {clean:?} in the corpus {}",
                self.corpus.root.display()
            )),
            several => Err(format!(
                "{} documents of the corpus are named {file:?} ({}); give the path",
                several.len(),
                several.join(", ")
            )),
        }
    }

    /// The documents whose text is `text`, but for a byte order mark and line endings.
    pub fn by_text(&mut self, text: &str) -> Vec<String> {
        let corpus = self.corpus;
        let index = self.by_text.get_or_insert_with(|| {
            let mut index: HashMap<blake3::Hash, Vec<usize>> = HashMap::new();
            for (i, d) in corpus.documents.iter().enumerate() {
                index
                    .entry(blake3::hash(normalized(d.text.as_str()).0.as_bytes()))
                    .or_default()
                    .push(i);
            }
            index
        });
        let hash = blake3::hash(normalized(text).0.as_bytes());
        index
            .get(&hash)
            .map(|found| {
                found
                    .iter()
                    .map(|&i| corpus.documents[i].path.clone())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A tool's export file as text: UTF-8, a byte order mark left out.
pub(super) fn read_text(input: &std::path::Path) -> Result<String, String> {
    let bytes =
        std::fs::read(input).map_err(|e| format!("cannot read {}: {e}", input.display()))?;
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    std::str::from_utf8(body).map(str::to_string).map_err(|e| {
        format!(
            "{} is not UTF-8 (byte {})",
            input.display(),
            e.valid_up_to()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;

    #[test]
    fn lines_are_counted_as_line_breaks_before_the_byte_plus_one() {
        let text = "a\nbc\n\nd";
        let index = LineIndex::new(text);
        for byte in 0..=text.len() {
            assert_eq!(
                index.line(byte),
                text[..byte].matches('\n').count() + 1,
                "{byte}"
            );
        }
    }

    #[test]
    fn utf16_offsets_become_code_points() {
        let text = "😀 “No,” 🇺🇦 said Zelenskyy";
        let index = Utf16Index::new(text);
        // The emoji is two UTF-16 units, the flag four; the curly quotes one each.
        let utf16_of = |needle: &str| text[..text.find(needle).unwrap()].encode_utf16().count();
        let cp_of = |needle: &str| text[..text.find(needle).unwrap()].chars().count();
        for needle in ["“No", "🇺🇦", "said", "Zelenskyy"] {
            assert_eq!(index.code_points(utf16_of(needle)), Some(cp_of(needle)));
        }
        assert_eq!(index.code_points(0), Some(0));
        assert_eq!(
            index.code_points(1),
            None,
            "inside the emoji's surrogate pair"
        );
        let end = text.encode_utf16().count();
        assert_eq!(index.code_points(end), Some(text.chars().count()));
    }

    #[test]
    fn texts_differing_in_line_endings_and_bom_map_onto_each_other() {
        let corpus = "Title\r\n“We will not,” he said.\r\nEnd";
        let tool = "\u{feff}Title\n“We will not,” he said.\nEnd";
        let map = TextMap::new(tool, corpus).unwrap();
        let at = |t: &str, needle: &str| t[..t.find(needle).unwrap()].chars().count();
        for needle in ["Title", "“We", "he said", "End"] {
            assert_eq!(map.map(at(tool, needle)), at(corpus, needle), "{needle}");
        }
        // A span ending before a line break ends before the carriage return.
        assert_eq!(map.map(at(tool, "\nEnd")), at(corpus, "\r\nEnd"));
        assert_eq!(map.map(tool.chars().count()), corpus.chars().count());
        let back = TextMap::new(corpus, tool).unwrap();
        assert_eq!(back.map(at(corpus, "End")), at(tool, "End"));
        assert!(TextMap::new(corpus, corpus).unwrap().is_identity());
        assert!(TextMap::new("Title\nx", corpus).is_none());
    }

    #[test]
    fn span_texts_agree_up_to_white_space_between_words() {
        assert!(texts_agree(
            "“We will not,” “give up.”",
            "“We will not,”\r\n“give up.”"
        ));
        assert!(!texts_agree("Zelensky", "Zelenskyy"));
        assert!(!texts_agree("Zelensky", "Zelensky "));
        assert!(!texts_agree("Zelensky", "elensky"));
    }

    #[test]
    fn documents_are_found_by_path_name_or_text() {
        let doc =
            |path: &str, text: &str| Document::from_text(path.into(), text.into(), String::new());
        let corpus = Corpus {
            root: "corpus".into(),
            documents: vec![
                doc("a/x.txt", "one\r\ntwo"),
                doc("b/x.txt", "three"),
                doc("b/y.txt", "four"),
            ],
            ..Default::default()
        };
        let mut f = DocFinder::new(&corpus);
        assert_eq!(f.by_name("a/x.txt").unwrap(), "a/x.txt");
        assert_eq!(f.by_name("./b\\y").unwrap(), "b/y.txt");
        assert_eq!(f.by_name("/home/me/corpus/a/x.txt").unwrap(), "a/x.txt");
        assert_eq!(f.by_name("y.txt").unwrap(), "b/y.txt");
        let err = f.by_name("x.txt").unwrap_err();
        assert!(err.contains("a/x.txt, b/x.txt"), "{err}");
        assert!(f.by_name("z.txt").is_err());
        assert_eq!(f.by_text("one\ntwo"), ["a/x.txt"]);
        assert!(f.by_text("five").is_empty());
    }
}
