//! Who the analyst is: the name recorded on the annotations and speakers they make or change,
//! taken from the command line, the environment or git's `user.name`.

use std::path::Path;
use std::process::Command;

/// The environment variable that names the analyst for commands (imports, merges).
pub const ANNOTATOR_ENV: &str = "WHOSAID_ANNOTATOR";

/// The analyst's name for a command: `given` (`--annotator`), else `WHOSAID_ANNOTATOR`, else
/// git's `user.name` as seen from `dir` (a repository's own setting wins over the global one);
/// empty when none is set. Blank values count as unset.
pub fn resolve_annotator(given: Option<&str>, dir: &Path) -> String {
    let env = std::env::var(ANNOTATOR_ENV).ok();
    [given.map(str::to_string), env]
        .into_iter()
        .flatten()
        .map(|n| n.trim().to_string())
        .find(|n| !n.is_empty())
        .or_else(|| git_user_name(dir))
        .unwrap_or_default()
}

/// `git config user.name` run in `dir`: `None` when git is missing or no name is set.
pub fn git_user_name(dir: &Path) -> Option<String> {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let out = Command::new("git")
        .args(["config", "user.name"])
        .current_dir(dir)
        .output()
        .ok()?;
    let name = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (out.status.success() && !name.is_empty()).then_some(name)
}
