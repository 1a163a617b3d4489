//! Where an export's side files go: the Label Studio labeling config beside its tasks. Writing
//! each format where the user asked is the table of exporters' job (`exporters.rs`).

use std::path::{Path, PathBuf};

/// Where the Label Studio labeling config goes when the tasks go to `tasks`: beside it, named
/// `TASKS.config.xml` (`tasks.json` -> `tasks.json.config.xml`).
pub fn labelstudio_config_path(tasks: &Path) -> PathBuf {
    let mut name = tasks.as_os_str().to_owned();
    name.push(".config.xml");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_labeling_config_goes_beside_the_tasks() {
        assert_eq!(
            labelstudio_config_path(Path::new("out/tasks.json")),
            PathBuf::from("out/tasks.json.config.xml")
        );
    }
}
