//! Reading a big project file a block at a time: the documents of each block are read on every
//! core as it arrives, so the file's text is never held whole beside the project it becomes.

use super::chunked::{
    DOCUMENT_START, MIN_PARALLEL_BYTES, SaveCache, fingerprint, read_chained_between,
};
use super::model::{DocEntry, FORMAT_VERSION, Project};
use super::ron_scan::{peek_version, top_level_list_start};
use super::storage::{LoadError, finish_parsed, parse_project_cached};
use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Bytes read at a time: enough for every core to parse a share of each block, and little
/// beside the project being built (the buffer is the biggest single allocation of a load).
const BLOCK: usize = 8 << 20;

/// Reads and checks the project file at `path` as [`super::load_project`] does, with the BLAKE3
/// hash of its bytes; `head` is given the text before the document list as soon as that is read
/// (the corpus can load meanwhile). With a `cache`, documents are remembered as written (see
/// [`super::parse_project_cached`]). A file the block reader does not take (small, edited by
/// hand, another version) is read whole and parsed as before, errors included.
pub fn read_project(
    path: &Path,
    cache: Option<&mut SaveCache>,
    head: impl FnOnce(&str),
) -> Result<(Project, blake3::Hash), LoadError> {
    read_project_hashing(path, cache, head, true)
        .map(|(project, hash)| (project, hash.expect("asked for")))
}

/// As [`read_project`]; the hash only when `hash` asks for it (a save compares it with the file
/// on disk; a command that never saves, such as an export, need not spend the time).
pub fn read_project_hashing(
    path: &Path,
    cache: Option<&mut SaveCache>,
    head: impl FnOnce(&str),
    hash: bool,
) -> Result<(Project, Option<blake3::Hash>), LoadError> {
    read_project_settling(path, cache, head, hash, &|_| {})
}

/// As [`read_project_hashing`], giving each document read in blocks to `settle` as soon as it is
/// read, on the thread that read it (e.g. to let its fragments share the corpus text, if that is
/// loaded by then, before the next documents are read); a file read whole is not.
pub fn read_project_settling(
    path: &Path,
    mut cache: Option<&mut SaveCache>,
    head: impl FnOnce(&str),
    hash: bool,
    settle: &(dyn Fn(&mut DocEntry) + Sync),
) -> Result<(Project, Option<blake3::Hash>), LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let mut head = Some(head);
    let mut file = File::open(path).map_err(io)?;
    let streamed = stream(
        &mut file,
        cache.as_deref_mut(),
        &mut head,
        BLOCK,
        hash,
        settle,
    )
    .map_err(io)?;
    if let Some((project, hash)) = streamed {
        return Ok((finish_parsed(path, project)?, hash));
    }
    drop(file);
    let bytes = std::fs::read(path).map_err(io)?;
    let hash = hash.then(|| blake3::hash(&bytes));
    let text = std::str::from_utf8(&bytes).map_err(|e| LoadError::Encoding {
        path: path.to_owned(),
        offset: e.valid_up_to(),
    })?;
    if let Some(head) = head.take() {
        head(text);
    }
    Ok((parse_project_cached(path, text, cache)?, hash))
}

/// Appends up to a block of the file to `buf`; whether the file ended.
fn fill(file: &mut File, buf: &mut Vec<u8>, block: usize) -> std::io::Result<bool> {
    let before = buf.len();
    // Room for exactly one more block: left to grow as it reads, the buffer doubled to twice
    // the block.
    buf.reserve_exact(block);
    file.take(block as u64).read_to_end(buf)?;
    Ok(buf.len() - before < block)
}

/// The UTF-8 text at the start of `buf`, short of a character cut by the block's end (none is
/// at the file's end); `None` for bytes that are not UTF-8.
fn text_of(buf: &[u8], eof: bool) -> Option<&str> {
    match std::str::from_utf8(buf) {
        Ok(text) => Some(text),
        Err(e) if e.error_len().is_none() && !eof => {
            std::str::from_utf8(&buf[..e.valid_up_to()]).ok()
        }
        Err(_) => None,
    }
}

/// The block reading; `Ok(None)` whenever it does not take the file.
fn stream(
    file: &mut File,
    cache: Option<&mut SaveCache>,
    head: &mut Option<impl FnOnce(&str)>,
    block: usize,
    hash: bool,
    settle: &(dyn Fn(&mut DocEntry) + Sync),
) -> std::io::Result<Option<(Project, Option<blake3::Hash>)>> {
    let mut buf = Vec::new();
    let mut eof = fill(file, &mut buf, block)?;
    if (eof && buf.len() < MIN_PARALLEL_BYTES) || buf.starts_with(b"\xef\xbb\xbf") {
        return Ok(None);
    }
    let Some(text) = text_of(&buf, eof) else {
        return Ok(None);
    };
    let Some(open) = top_level_list_start(text, "documents") else {
        return Ok(None);
    };
    if peek_version(&text[..open]) != Some(FORMAT_VERSION) {
        return Ok(None);
    }
    let before_list = text[..open].to_owned();
    if let Some(head) = head.take() {
        head(&before_list);
    }
    let seeding = cache.is_some();
    let mut hasher = hash.then(blake3::Hasher::new);
    let (mut docs, mut seen) = (Vec::new(), HashMap::new());
    // `pos`: where the next document starts in `buf`; `base`: where `buf` starts in the file.
    let (mut pos, mut base) = (open + 1, 0usize);
    loop {
        let Some(text) = text_of(&buf, eof) else {
            return Ok(None);
        };
        let stop = if eof {
            None
        } else {
            match memchr::memmem::rfind(&text.as_bytes()[pos..], DOCUMENT_START.as_bytes()) {
                Some(n) if n > 0 => Some(pos + n),
                // No whole document in what was read yet: read on.
                _ => {
                    eof = fill(file, &mut buf, block)?;
                    continue;
                }
            }
        };
        let Some((made, close)) = read_chained_between(text, pos, stop, |mut doc, range| {
            let range = base + range.start..base + range.end;
            let written = (seeding && doc.is_normalized()).then(|| (fingerprint(&doc), range));
            settle(&mut doc);
            (doc, written)
        }) else {
            return Ok(None);
        };
        for (doc, written) in made {
            if let Some(written) = written {
                seen.insert(doc.path.clone(), written);
            }
            docs.push(doc);
        }
        match (stop, close) {
            (Some(stop), _) => {
                if let Some(hasher) = &mut hasher {
                    hasher.update(&buf[..stop]);
                }
                buf.drain(..stop);
                (pos, base) = (0, base + stop);
                eof = fill(file, &mut buf, block)?;
            }
            (None, Some(close)) => {
                let header = format!("{before_list}[]{}", &text[close + 1..]);
                let Ok(mut project) = ron::from_str::<Project>(&header) else {
                    return Ok(None);
                };
                if !project.documents.is_empty() {
                    return Ok(None);
                }
                if let Some(hasher) = &mut hasher {
                    hasher.update(&buf);
                }
                project.documents = docs;
                if let Some(cache) = cache {
                    cache.docs = seen;
                }
                return Ok(Some((project, hasher.map(|h| h.finalize()))));
            }
            (None, None) => return Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{load_project, parse_project_cached};

    /// A saved project over the size the block reader takes, and its text.
    fn saved(dir: &Path) -> (std::path::PathBuf, String) {
        let path = crate::synthetic::annotated_project(dir, 20, 20_000, 30, 120, 5).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.len() > MIN_PARALLEL_BYTES);
        assert!(!text.is_ascii(), "characters a block's end can cut");
        (path, text)
    }

    /// Reads `path` with blocks of `block` bytes, as `read_project` does with its own size;
    /// `None` where the block reader gave up and the whole file was read.
    fn read_in_blocks(
        path: &Path,
        block: usize,
        cache: Option<&mut SaveCache>,
    ) -> (Option<Project>, usize) {
        let mut heads = 0;
        let mut head = Some(|_: &str| heads += 1);
        let mut file = File::open(path).unwrap();
        let streamed = stream(&mut file, cache, &mut head, block, true, &|_| {}).unwrap();
        let project = streamed.map(|(p, hash)| {
            assert_eq!(hash, Some(blake3::hash(&std::fs::read(path).unwrap())));
            finish_parsed(path, p).unwrap()
        });
        (project, heads)
    }

    #[test]
    fn the_buffer_holds_no_more_than_a_block_beside_what_is_left_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bytes");
        std::fs::write(&path, vec![b'x'; 5 * 65_536 + 100]).unwrap();
        let mut file = File::open(&path).unwrap();
        let (block, mut buf) = (65_536, Vec::new());
        let mut eof = false;
        while !eof {
            eof = fill(&mut file, &mut buf, block).unwrap();
            assert!(buf.capacity() <= 100 + block, "{} bytes", buf.capacity());
            // As the reader does: what it took leaves, a little is left for the next block.
            let keep = buf.len().min(100);
            buf.drain(..buf.len() - keep);
        }
    }

    #[test]
    fn a_file_read_in_blocks_gives_the_project_its_hash_and_where_documents_lie() {
        let dir = tempfile::tempdir().unwrap();
        let (path, text) = saved(dir.path());
        let whole = load_project(&path).unwrap();
        let mut expected = SaveCache::default();
        parse_project_cached(&path, &text, Some(&mut expected)).unwrap();
        for block in [65_537, 300_001, BLOCK] {
            let mut cache = SaveCache::default();
            let (project, heads) = read_in_blocks(&path, block, Some(&mut cache));
            assert_eq!(project.as_ref(), Some(&whole), "blocks of {block}");
            assert_eq!(heads, 1);
            assert_eq!(cache.docs, expected.docs, "blocks of {block}");
        }
        let (project, hash) = read_project(&path, None, |_| {}).unwrap();
        assert_eq!(
            (project, hash),
            (whole.clone(), blake3::hash(text.as_bytes()))
        );
        // Not hashed when not asked: the same project.
        let (project, hash) = read_project_hashing(&path, None, |_| {}, false).unwrap();
        assert_eq!((project, hash), (whole, None));
    }

    #[test]
    fn every_document_read_in_blocks_is_settled_once_and_kept_as_settled() {
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = saved(dir.path());
        let whole = load_project(&path).unwrap();
        let given = std::sync::Mutex::new(Vec::new());
        let (project, _) =
            read_project_settling(&path, None, |_| {}, false, &|entry: &mut DocEntry| {
                given.lock().unwrap().push(entry.path.clone());
                entry.metadata.outlet = Some("settled".into());
            })
            .unwrap();
        let mut given = given.into_inner().unwrap();
        given.sort();
        let mut paths: Vec<String> = whole.documents.iter().map(|d| d.path.clone()).collect();
        paths.sort();
        assert_eq!(given, paths);
        assert!(
            project
                .documents
                .iter()
                .all(|d| d.metadata.outlet.as_deref() == Some("settled"))
        );
    }

    #[test]
    fn a_file_the_blocks_do_not_take_is_read_whole_with_the_same_result_or_error() {
        let dir = tempfile::tempdir().unwrap();
        let (path, text) = saved(dir.path());
        // A comment deep in the list, after several blocks were read: the whole file is read
        // again by the loader, and the corpus is not asked for twice.
        let at = text.len() * 3 / 4 + text[text.len() * 3 / 4..].find("label: ").unwrap();
        let edited = format!("{}/* a comment */ {}", &text[..at], &text[at..]);
        std::fs::write(&path, &edited).unwrap();
        let (streamed, heads) = read_in_blocks(&path, 65_537, None);
        assert_eq!((streamed, heads), (None, 1));
        let mut heads = 0;
        let (project, hash) = read_project(&path, None, |_| heads += 1).unwrap();
        assert_eq!(project, load_project(&path).unwrap());
        assert_eq!((hash, heads), (blake3::hash(edited.as_bytes()), 1));

        // Bytes that are not UTF-8 deep in the file: the loader's own message and offset.
        let mut bytes = text.into_bytes();
        let at = bytes.len() - 1000;
        bytes[at] = 0xff;
        std::fs::write(&path, &bytes).unwrap();
        let err = read_project(&path, None, |_| {}).unwrap_err();
        assert_eq!(
            err.to_string(),
            load_project(&path).unwrap_err().to_string()
        );
        assert!(
            err.to_string().contains(&format!("byte offset {at}")),
            "{err}"
        );
    }
}
