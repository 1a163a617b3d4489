//! A path typed in the app, where no native file dialog is available: Tab completes it from the
//! file system as a shell does, and the choices left are listed under the field.

use egui::{Key, Ui};
use std::path::{MAIN_SEPARATOR, Path, PathBuf};

/// What Tab makes of a typed path: the text completed as far as it is unambiguous, and the
/// names that still fit when more than one does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completion {
    pub text: String,
    pub choices: Vec<String>,
}

/// `~/` at the start stands for the home folder, as in a shell.
pub fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), dirs::home_dir()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}

/// Completes the last part of `typed` from the entries of its folder: to the one entry that
/// starts so (a folder gets its `/`), or to what all of them share. Hidden entries only when
/// the part typed starts with a dot. The text stays as typed (`~/` kept) up to the last part.
pub fn complete(typed: &str) -> Completion {
    let unchanged = Completion {
        text: typed.to_string(),
        choices: Vec::new(),
    };
    let cut = typed.rfind(['/', MAIN_SEPARATOR]).map_or(0, |i| i + 1);
    let (folder_typed, part) = typed.split_at(cut);
    let folder = match folder_typed {
        "" => PathBuf::from("."),
        f => expand_home(f),
    };
    let Ok(entries) = std::fs::read_dir(&folder) else {
        return unchanged;
    };
    let mut fits: Vec<(String, bool)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let shown = !name.starts_with('.') || part.starts_with('.');
            (shown && name.starts_with(part)).then(|| (name, e.path().is_dir()))
        })
        .collect();
    fits.sort();
    match fits.as_slice() {
        [] => unchanged,
        [(name, is_dir)] => Completion {
            text: format!("{folder_typed}{name}{}", if *is_dir { "/" } else { "" }),
            choices: Vec::new(),
        },
        _ => {
            let shared = fits
                .iter()
                .skip(1)
                .fold(fits[0].0.as_str(), |shared, (n, _)| {
                    let len = shared
                        .char_indices()
                        .zip(n.chars())
                        .take_while(|((_, a), b)| a == b)
                        .last()
                        .map_or(0, |((i, a), _)| i + a.len_utf8());
                    &shared[..len]
                });
            Completion {
                text: format!("{folder_typed}{shared}"),
                choices: fits
                    .iter()
                    .map(|(n, d)| format!("{n}{}", if *d { "/" } else { "" }))
                    .collect(),
            }
        }
    }
}

/// A single-line path field labelled `name`: Tab completes (the keyboard stays in the field),
/// the choices left show under it. Returns the field's response.
pub fn show(ui: &mut Ui, name: &str, hint: &str, text: &mut String) -> egui::Response {
    let label = ui.label(name);
    show_labelled(ui, label.id, hint, text)
}

/// As [`show`], named by a label already shown (`label`).
pub fn show_labelled(
    ui: &mut Ui,
    label: egui::Id,
    hint: &str,
    text: &mut String,
) -> egui::Response {
    let output = egui::TextEdit::singleline(text)
        .hint_text(hint)
        .desired_width(f32::INFINITY)
        // Tab is for completing here, not for moving to the next widget.
        .lock_focus(true)
        .show(ui);
    let response = output.response.response.clone().labelled_by(label);
    let choices_id = response.id.with("choices");
    if response.has_focus() && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Tab)) {
        let done = complete(text);
        *text = done.text;
        // The caret after what was completed, to type on.
        let mut state = output.state;
        let end = egui::text::CCursor::new(text.chars().count());
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::one(end)));
        state.store(ui.ctx(), response.id);
        ui.data_mut(|d| d.insert_temp(choices_id, done.choices));
    } else if response.changed() {
        ui.data_mut(|d| d.remove::<Vec<String>>(choices_id));
    }
    let choices: Option<Vec<String>> = ui.data(|d| d.get_temp(choices_id));
    if let Some(choices) = choices.filter(|c| !c.is_empty()) {
        const SHOWN: usize = 12;
        let mut line = choices[..choices.len().min(SHOWN)].join("   ");
        if choices.len() > SHOWN {
            line.push_str(&format!("   … {} more", choices.len() - SHOWN));
        }
        ui.weak(line);
    }
    response
}

/// Why `path` cannot be opened, if it cannot: nothing is there.
pub fn check_exists(path: &Path) -> Result<(), String> {
    if path.exists() {
        Ok(())
    } else {
        Err(format!(
            "Nothing at {}: no such file or folder.",
            path.display()
        ))
    }
}

/// Why a file cannot be written at `path`, if it cannot: its folder is not there.
pub fn check_folder_exists(path: &Path) -> Result<(), String> {
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(folder) if !folder.is_dir() => Err(format!(
            "No folder {} to write {} in.",
            folder.display(),
            path.file_name().unwrap_or_default().to_string_lossy()
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_completes_the_one_entry_or_what_the_entries_share() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().display().to_string();
        std::fs::create_dir(dir.path().join("corpus-2024")).unwrap();
        std::fs::write(dir.path().join("project-a.ron"), "").unwrap();
        std::fs::write(dir.path().join("project-b.ron"), "").unwrap();
        std::fs::write(dir.path().join(".hidden"), "").unwrap();

        let one = complete(&format!("{root}/cor"));
        assert_eq!(one.text, format!("{root}/corpus-2024/"));
        assert!(one.choices.is_empty());

        let two = complete(&format!("{root}/pro"));
        assert_eq!(two.text, format!("{root}/project-"));
        assert_eq!(two.choices, ["project-a.ron", "project-b.ron"]);

        let all = complete(&format!("{root}/"));
        assert_eq!(
            all.choices,
            ["corpus-2024/", "project-a.ron", "project-b.ron"]
        );
        assert_eq!(
            complete(&format!("{root}/.h")).text,
            format!("{root}/.hidden")
        );

        let none = complete(&format!("{root}/zzz"));
        assert_eq!(none.text, format!("{root}/zzz"));
        let no_folder = complete("/no/such/folder/x");
        assert_eq!(no_folder.text, "/no/such/folder/x");
    }

    #[test]
    fn paths_are_checked_before_they_are_used() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_exists(dir.path()).is_ok());
        let gone = dir.path().join("gone.ron");
        assert!(check_exists(&gone).unwrap_err().contains("gone.ron"));
        assert!(check_folder_exists(&gone).is_ok());
        let deep = dir.path().join("no/such/x.ron");
        assert!(check_folder_exists(&deep).unwrap_err().contains("no/such"));
        assert!(check_folder_exists(Path::new("x.ron")).is_ok());
    }
}
