//! Writing an export where the user asked: a file (atomically), the Label Studio tasks with their
//! labeling config beside them, or the brat folder.

use super::ExportFormat;
use super::brat::write_brat;
use super::export_error::ExportError;
use super::labelstudio::labelstudio_config;
use crate::project::{write_atomically, write_atomically_with};
use crate::workspace::{OutputKind, Workspace};
use std::path::{Path, PathBuf};

/// Where the Label Studio labeling config goes when the tasks go to `tasks`: beside it, named
/// `TASKS.config.xml` (`tasks.json` -> `tasks.json.config.xml`).
pub fn labelstudio_config_path(tasks: &Path) -> PathBuf {
    let mut name = tasks.as_os_str().to_owned();
    name.push(".config.xml");
    PathBuf::from(name)
}

impl ExportFormat {
    /// Whether the export is a folder (brat) rather than one file or stream.
    pub fn writes_folder(self) -> bool {
        self == ExportFormat::Brat
    }

    /// Whether the export carries the documents' text, so that documents missing from the
    /// corpus are left out of it (see [`super::documents_without_text`]).
    pub fn carries_text(self) -> bool {
        matches!(
            self,
            ExportFormat::Brat | ExportFormat::Labelstudio | ExportFormat::Doccano
        )
    }

    /// Writes the workspace's export to `path`: the file, atomically (and for Label Studio the
    /// labeling config beside it, see [`labelstudio_config_path`]), or the brat folder (see
    /// [`write_brat`]). Returns the paths written, `path` first.
    /// Refused (see [`Workspace::check_output`]) over the open project, its side files or the corpus.
    pub fn export_to(self, ws: &Workspace, path: &Path) -> Result<Vec<PathBuf>, ExportError> {
        ws.check_output(path, OutputKind::Export)?;
        if self == ExportFormat::Labelstudio {
            ws.check_output(&labelstudio_config_path(path), OutputKind::Export)?;
        }
        if self.writes_folder() {
            write_brat(ws, path)?;
            return Ok(vec![path.to_owned()]);
        }
        write_atomically_with(path, |out| self.write_workspace(ws, out))
            .map_err(|e| ExportError::io(path, e))?;
        let mut written = vec![path.to_owned()];
        if self == ExportFormat::Labelstudio {
            let config = labelstudio_config_path(path);
            write_atomically(&config, labelstudio_config().as_bytes())
                .map_err(|e| ExportError::io(&config, e))?;
            written.push(config);
        }
        Ok(written)
    }
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
