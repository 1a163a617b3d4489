//! The sample project a first start opens: bundled in the binary and copied to the user's data
//! folder (`~/.local/share/whosaid/sample/`), so the analyst works on a copy of their own.
//!
//! Never the checkout's or the package's files: edits to those would change the repository
//! (or fail on a read-only `/usr/share`), and the sample would not be a sample any more.

use std::path::{Path, PathBuf};

/// The project, relative to the sample folder; its corpus path (`../assets/corpus`) holds in the
/// copy as in the checkout, since the copy keeps the layout.
const PROJECT: &str = "projects/ukraine-nato.ron";

/// Every file of the sample, by its path in the checkout (and in the copy), with its text.
const FILES: [(&str, &str); 6] = [
    (
        "assets/corpus/000_06f3196ba6b743a6.txt",
        include_str!("../../assets/corpus/000_06f3196ba6b743a6.txt"),
    ),
    (
        "assets/corpus/001_5b4937168b606144.txt",
        include_str!("../../assets/corpus/001_5b4937168b606144.txt"),
    ),
    (
        "assets/corpus/002_841add45dd8341c3.txt",
        include_str!("../../assets/corpus/002_841add45dd8341c3.txt"),
    ),
    (
        "assets/corpus/003_611bafdf104ab7f9.txt",
        include_str!("../../assets/corpus/003_611bafdf104ab7f9.txt"),
    ),
    (
        "assets/corpus/004_395019b86e74a298.txt",
        include_str!("../../assets/corpus/004_395019b86e74a298.txt"),
    ),
    // Last: a copy cut short (a full disk) has no project yet, and is completed next time.
    (PROJECT, include_str!("../../projects/ukraine-nato.ron")),
];

/// Where the sample is copied: `$XDG_DATA_HOME/whosaid/sample` (or the platform's equivalent).
pub fn default_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("whosaid").join("sample"))
}

/// The sample's project in `dir`, copied there first where missing. Files already there are
/// left as they are: they are the analyst's copy, maybe with their work in it.
pub fn install(dir: &Path) -> Result<PathBuf, String> {
    for (path, text) in FILES {
        let to = dir.join(path);
        if to.exists() {
            continue;
        }
        let parent = to.parent().expect("a file in a folder");
        std::fs::create_dir_all(parent)
            .and_then(|()| crate::project::write_atomically(&to, text.as_bytes()))
            .map_err(|e| format!("cannot copy the sample project to {}: {e}", to.display()))?;
    }
    Ok(dir.join(PROJECT))
}

/// The project the first start opens: the sample, copied to [`default_dir`]; `None` (with a
/// word on standard error) when there is no such folder or it cannot be written.
pub fn first_start() -> Option<PathBuf> {
    let Some(dir) = default_dir() else {
        eprintln!("whosaid: no user data folder to copy the sample project to");
        return None;
    };
    install(&dir)
        .inspect_err(|e| eprintln!("whosaid: {e}"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_file_is_bundled_as_it_is_in_the_checkout() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut in_checkout: Vec<String> = std::fs::read_dir(root.join("assets/corpus"))
            .unwrap()
            .map(|e| format!("assets/corpus/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
        in_checkout.push(PROJECT.to_string());
        in_checkout.sort();
        let mut bundled: Vec<String> = FILES.iter().map(|(p, _)| p.to_string()).collect();
        bundled.sort();
        assert_eq!(bundled, in_checkout, "a sample file is not bundled");
        for (path, text) in FILES {
            assert_eq!(std::fs::read_to_string(root.join(path)).unwrap(), text);
        }
    }

    #[test]
    fn a_copy_is_completed_but_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let project = install(dir.path()).unwrap();
        assert_eq!(project, dir.path().join(PROJECT));
        std::fs::write(&project, "(the analyst's work)").unwrap();
        let gone = dir.path().join(FILES[0].0);
        std::fs::remove_file(&gone).unwrap();
        install(dir.path()).unwrap();
        assert_eq!(
            std::fs::read_to_string(&project).unwrap(),
            "(the analyst's work)"
        );
        assert_eq!(std::fs::read_to_string(&gone).unwrap(), FILES[0].1);
    }

    #[test]
    fn a_folder_that_cannot_be_written_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("not-a-folder");
        std::fs::write(&file, "").unwrap();
        let e = install(&file).unwrap_err();
        assert!(e.contains("not-a-folder/assets/corpus"), "{e}");
    }
}
