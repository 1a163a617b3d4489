//! The team commands of `whosaid`: `merge` (the git merge driver) and `git-setup`, which
//! configures a repository to merge project files with it.

use std::path::Path;
use std::process::Command;
use whosaid::merge::Merged;
use whosaid::project::{load_project, parse_project, project_to_ron, write_atomically};

/// The git configuration `git-setup` writes: the README gives the same two lines.
pub const DRIVER: &str = "whosaid merge %O %A %B -o %A";
pub const ATTRIBUTES_LINE: &str = "*.ron merge=whosaid";

/// Merges `ours` and `theirs` (descended from `base`) and writes `out` atomically; the merge
/// with its conflicts. `out` is written only when what it gets loads again, so a failed merge
/// leaves it as it was (for git: our version, without conflict markers).
pub fn merge(base: &Path, ours: &Path, theirs: &Path, out: &Path) -> Result<Merged, String> {
    let load = |p: &Path| load_project(p).map_err(|e| e.to_string());
    let (b, o, t) = (load(base)?, load(ours)?, load(theirs)?);
    let merged = whosaid::merge::merge(&b, &o, &t);
    let text = project_to_ron(&merged.project);
    parse_project(out, &text).map_err(|e| {
        format!(
            "the merged project would not load again ({e}); {} not written",
            out.display()
        )
    })?;
    write_atomically(out, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    Ok(merged)
}

/// Configures the repository holding `dir` to merge `.ron` files with `whosaid merge`: the
/// driver in the repository's git config, the attribute in `dir/.gitattributes` (added once).
/// What was done, for the user.
pub fn git_setup(dir: &Path) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["config", "merge.whosaid.driver", DRIVER])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git config in {} failed: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let path = dir.join(".gitattributes");
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let mut done = format!(
        "git config merge.whosaid.driver \"{DRIVER}\" (in {})",
        dir.display()
    );
    if existing.lines().any(|l| l.trim() == ATTRIBUTES_LINE) {
        done.push_str(&format!(
            "; {} already has {ATTRIBUTES_LINE}",
            path.display()
        ));
    } else {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(ATTRIBUTES_LINE);
        text.push('\n');
        write_atomically(&path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        done.push_str(&format!("; added {ATTRIBUTES_LINE} to {}", path.display()));
    }
    Ok(done)
}

/// `whosaid agree`: the agreement report over the projects, as a table or JSON.
pub fn agree(paths: &[std::path::PathBuf], json: bool) -> Result<String, String> {
    let coders = whosaid::agree::load_coders(paths)?;
    let report = whosaid::agree::agreement(&coders)?;
    Ok(if json {
        serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n"
    } else {
        report.to_text()
    })
}
