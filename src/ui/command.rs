//! Everything the user can ask of the app, and the messages views send with data. Views only emit
//! these; `WhosaidApp::run_action` is the one place that carries them out.

use crate::interop::ExportFormat;
use crate::project::{AnnotationId, Label, SpeakerId};
use crate::workspace::{Intent, SpeakerRole};
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

/// A command the user gives (menu, key or button): it carries at most a choice among a few
/// (a label, a role, a format), so each one can be described, bound to keys and listed in Help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UiCommand {
    Undo,
    Redo,
    OpenProject,
    OpenCorpus,
    Save,
    SaveAs,
    Export(ExportFormat),
    /// File > Import: asks what to import (after unsaved work is saved or discarded).
    Import,
    Quit,
    /// Tags the current text selection with a label, then asks for the speaker.
    TagSelection(Label),
    /// Adds the current text selection as a fragment of the selected annotation.
    AddFragment,
    NextAnnotation,
    PreviousAnnotation,
    NextDocument,
    PreviousDocument,
    /// Toggles the done mark of the open document.
    ToggleDone,
    DeleteSelected,
    /// Opens the speaker picker for the selected annotation: its speaker, another speaker, or
    /// the addressee.
    PickSpeaker(SpeakerRole),
    /// Marks the selected text as the cue (reporting words) of the selected annotation.
    SetCue,
    ShowShortcuts,
    /// Shows or hides the speaker registry.
    ToggleRegistry,
    /// Shows or hides the table of every annotation in the corpus.
    ToggleTable,
    /// Edits the title, outlet, date and URL of the open document.
    EditDocumentDetails,
    /// Opens the find bar, in the open document or across the corpus.
    Find {
        all_documents: bool,
    },
    /// Runs the suggestion engine over the open document, or over every document.
    Suggest {
        all_documents: bool,
    },
    /// Steps to the next / previous pending suggestion of the document, wrapping.
    NextSuggestion,
    PreviousSuggestion,
    /// Accepts the current suggestion and moves on to the next.
    AcceptSuggestion,
    /// Rejects the current suggestion (it is not proposed again) and moves on to the next.
    RejectSuggestion,
    /// Accepts every pending suggestion of the open document, as one undoable step.
    AcceptAllSuggestions,
    /// Leaves the current suggestion (none is current afterwards).
    LeaveSuggestion,
}

/// What the views tell the app, with the data it needs (a path, an id, a change): not a command
/// a user names, so it has no words or keys.
#[derive(Clone, Debug, PartialEq)]
pub enum AppMessage {
    /// A change to the project.
    Perform(Intent),
    Open(PathBuf),
    SaveTo(PathBuf),
    ExportTo(ExportFormat, PathBuf),
    /// Imports as asked, replacing the open project with the result (unsaved).
    ImportFrom(super::import_dialog::ImportRequest),
    SelectDocument(String),
    SelectAnnotation(Option<AnnotationId>),
    /// Selects an annotation and scrolls the view to it.
    RevealAnnotation(AnnotationId),
    /// Opens the editor for a speaker's name and aliases.
    EditSpeaker(SpeakerId),
    SelectOrphan(Option<AnnotationId>),
    /// Takes an alias out of a speaker into a speaker of its own.
    SplitAlias(SpeakerId, String),
    /// Opens a document (if needed) and selects the text at `range`.
    GoTo(String, std::ops::Range<usize>),
    /// Tags these spans (search matches) with a label, as one undoable step.
    TagMatches(Vec<(String, std::ops::Range<usize>)>, Label),
    /// Puts the orphan on the text selected in the open document.
    ReattachOrphan(AnnotationId),
    DeleteOrphan(AnnotationId),
    /// Makes a pending suggestion of the open document the current one (and scrolls to it), or
    /// leaves the current one.
    SelectSuggestion(Option<u64>),
}

/// Either of the two, in the order the views emitted them.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Command(UiCommand),
    Message(AppMessage),
}

impl From<UiCommand> for Action {
    fn from(c: UiCommand) -> Self {
        Action::Command(c)
    }
}

impl From<AppMessage> for Action {
    fn from(m: AppMessage) -> Self {
        Action::Message(m)
    }
}

impl UiCommand {
    /// The modifier shortcut that triggers this command everywhere, even while typing.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        Some(match self {
            UiCommand::Undo => KeyboardShortcut::new(cmd, Key::Z),
            UiCommand::Redo => KeyboardShortcut::new(cmd_shift, Key::Z),
            UiCommand::OpenProject => KeyboardShortcut::new(cmd, Key::O),
            UiCommand::OpenCorpus => KeyboardShortcut::new(cmd_shift, Key::O),
            UiCommand::Save => KeyboardShortcut::new(cmd, Key::S),
            UiCommand::SaveAs => KeyboardShortcut::new(cmd_shift, Key::S),
            UiCommand::Quit => KeyboardShortcut::new(cmd, Key::Q),
            UiCommand::ToggleRegistry => KeyboardShortcut::new(cmd, Key::R),
            UiCommand::ToggleTable => KeyboardShortcut::new(cmd, Key::T),
            UiCommand::EditDocumentDetails => KeyboardShortcut::new(cmd, Key::I),
            UiCommand::Find {
                all_documents: false,
            } => KeyboardShortcut::new(cmd, Key::F),
            UiCommand::Find {
                all_documents: true,
            } => KeyboardShortcut::new(cmd_shift, Key::F),
            UiCommand::NextDocument => KeyboardShortcut::new(cmd, Key::PageDown),
            UiCommand::PreviousDocument => KeyboardShortcut::new(cmd, Key::PageUp),
            UiCommand::Suggest {
                all_documents: false,
            } => KeyboardShortcut::new(cmd, Key::G),
            UiCommand::Suggest {
                all_documents: true,
            } => KeyboardShortcut::new(cmd_shift, Key::G),
            _ => return None,
        })
    }

    /// Commands with a modifier shortcut, most specific (more modifiers) first, since egui matches
    /// Ctrl+S inside Ctrl+Shift+S.
    pub fn with_shortcuts() -> Vec<UiCommand> {
        vec![
            UiCommand::Find {
                all_documents: true,
            },
            UiCommand::Suggest {
                all_documents: true,
            },
            UiCommand::Redo,
            UiCommand::OpenCorpus,
            UiCommand::SaveAs,
            UiCommand::Undo,
            UiCommand::OpenProject,
            UiCommand::Save,
            UiCommand::Quit,
            UiCommand::ToggleRegistry,
            UiCommand::ToggleTable,
            UiCommand::EditDocumentDetails,
            UiCommand::Find {
                all_documents: false,
            },
            UiCommand::NextDocument,
            UiCommand::PreviousDocument,
            UiCommand::Suggest {
                all_documents: false,
            },
        ]
    }
}

/// Keys for pending suggestions, looked at before [`plain_key_command`]: Tab and Shift+Tab step
/// through them whenever the document has some; Enter, Backspace / Delete and Escape act on the
/// current one. The label keys, S and A act on the current suggestion through the commands they
/// already send (see `run_command`).
pub fn suggestion_key_command(
    key: Key,
    modifiers: Modifiers,
    has_pending: bool,
    has_current: bool,
) -> Option<UiCommand> {
    let plain = !modifiers.any();
    Some(match key {
        Key::Tab if has_pending && plain => UiCommand::NextSuggestion,
        Key::Tab if has_pending && modifiers.shift_only() => UiCommand::PreviousSuggestion,
        Key::Enter if has_current && plain => UiCommand::AcceptSuggestion,
        Key::Backspace | Key::Delete if has_current && plain => UiCommand::RejectSuggestion,
        Key::Escape if has_current && plain => UiCommand::LeaveSuggestion,
        _ => return None,
    })
}

/// Single keys that work while the document has the keyboard (no text field focused).
pub fn plain_key_command(key: Key, shift: bool) -> Option<UiCommand> {
    Some(match key {
        Key::Num1 | Key::C if !shift => UiCommand::TagSelection(Label::Claim),
        Key::Num2 | Key::Q if !shift => UiCommand::TagSelection(Label::Quote),
        Key::Num3 | Key::D if !shift => UiCommand::TagSelection(Label::Demand),
        Key::Plus => UiCommand::AddFragment,
        Key::Equals if shift => UiCommand::AddFragment,
        Key::N if !shift => UiCommand::NextAnnotation,
        Key::P if !shift => UiCommand::PreviousAnnotation,
        Key::S if !shift => UiCommand::PickSpeaker(SpeakerRole::Main),
        Key::S => UiCommand::PickSpeaker(SpeakerRole::Another),
        Key::A if !shift => UiCommand::PickSpeaker(SpeakerRole::Addressee),
        Key::K if !shift => UiCommand::SetCue,
        Key::M if !shift => UiCommand::ToggleDone,
        // Delete alone: Backspace rejects suggestions, and must not destroy work when none is
        // current.
        Key::Delete => UiCommand::DeleteSelected,
        Key::Questionmark => UiCommand::ShowShortcuts,
        Key::F1 => UiCommand::ShowShortcuts,
        _ => return None,
    })
}

/// The keyboard reference shown in Help and the README.
pub const SHORTCUTS: &[(&str, &str)] = &[
    (
        "Mouse drag, Shift+click, double-click",
        "select text (double-click: a word)",
    ),
    (
        "Shift+Arrows, Ctrl+Shift+Left/Right",
        "extend the selection by character / word",
    ),
    (
        "Shift+Home / Shift+End",
        "extend to the start / end of the paragraph",
    ),
    ("1 or C", "tag the selection as a claim"),
    ("2 or Q", "tag the selection as a quote"),
    ("3 or D", "tag the selection as a demand"),
    (
        "+",
        "add the selection as another fragment of the selected annotation",
    ),
    ("S", "choose the speaker of the selected annotation"),
    (
        "Shift+S",
        "add (or remove) another speaker: \"said Mr Logan and Prof Michta\"",
    ),
    ("A", "choose the addressee: who a demand calls on to act"),
    (
        "K",
        "mark the selected text as the cue (the reporting words)",
    ),
    ("N / P", "next / previous annotation in the document"),
    ("Ctrl+PageDown / Ctrl+PageUp", "next / previous document"),
    ("M", "mark the document done / not done"),
    ("Delete", "delete the selected annotation"),
    ("Ctrl+Z", "undo"),
    ("Ctrl+Shift+Z or Ctrl+Y", "redo"),
    ("Ctrl+S / Ctrl+Shift+S", "save / save as"),
    ("Ctrl+O / Ctrl+Shift+O", "open a project / a corpus folder"),
    ("Ctrl+R", "the speaker registry: edit, merge, who said what"),
    (
        "Ctrl+T",
        "all annotations of the corpus: filter, sort, jump",
    ),
    ("Ctrl+I", "the open document's title, outlet, date and URL"),
    (
        "Ctrl+F / Ctrl+Shift+F",
        "find in the document / in all documents; Enter steps through matches",
    ),
    (
        "Ctrl+G / Ctrl+Shift+G",
        "suggest claims, quotes and demands in this document / in all documents",
    ),
    (
        "Tab / Shift+Tab",
        "next / previous suggestion (outlined spans) in the document",
    ),
    ("Enter", "accept the current suggestion and go to the next"),
    (
        "Backspace or Delete",
        "reject the current suggestion: it is not proposed again",
    ),
    (
        "1 2 3 (C Q D), S, A",
        "with a suggestion current and no text selected: relabel it, choose its speaker, its addressee",
    ),
    ("Escape", "leave the current suggestion"),
    ("Ctrl+Q", "quit"),
    ("F1 or ?", "this list"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_is_left_to_egui_when_there_is_nothing_to_step_through() {
        let none = Modifiers::NONE;
        assert_eq!(suggestion_key_command(Key::Tab, none, false, false), None);
        assert_eq!(
            suggestion_key_command(Key::Tab, Modifiers::SHIFT, true, false),
            Some(UiCommand::PreviousSuggestion)
        );
        assert_eq!(suggestion_key_command(Key::Enter, none, true, false), None);
        assert_eq!(
            suggestion_key_command(Key::Backspace, none, true, true),
            Some(UiCommand::RejectSuggestion)
        );
        // Ctrl+Backspace and friends stay with whoever else wants them.
        assert_eq!(
            suggestion_key_command(Key::Backspace, Modifiers::COMMAND, true, true),
            None
        );
    }

    #[test]
    fn only_delete_deletes_the_selected_annotation() {
        assert_eq!(
            plain_key_command(Key::Delete, false),
            Some(UiCommand::DeleteSelected)
        );
        assert_eq!(plain_key_command(Key::Backspace, false), None);
        assert_eq!(
            suggestion_key_command(Key::Backspace, Modifiers::NONE, true, false),
            None
        );
    }

    #[test]
    fn no_two_commands_share_a_shortcut_and_specific_ones_come_first() {
        let all = UiCommand::with_shortcuts();
        let shortcuts: Vec<_> = all.iter().map(|c| c.shortcut().unwrap()).collect();
        for (i, a) in shortcuts.iter().enumerate() {
            for b in &shortcuts[i + 1..] {
                assert_ne!(a, b);
                // A later shortcut must not be a more specific form of an earlier one.
                assert!(
                    !(a.logical_key == b.logical_key && b.modifiers.contains(a.modifiers)),
                    "{a:?} is checked before the more specific {b:?}"
                );
            }
        }
    }
}
