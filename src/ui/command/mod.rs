//! Everything the user can ask of the app, and the messages views send with data. Views only emit
//! these; `WhosaidApp::run_action` is the one place that carries them out.

use crate::interop::ExportFormat;
use crate::project::{AnnotationId, Label, SpeakerId};
use crate::ui::settings::{ReadingWidth, ThemeChoice};
use crate::workspace::{Intent, SpeakerRole};
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

mod help;
mod keys;

pub use help::{help_lines, spell_shortcut};
pub use keys::{plain_key_command, suggestion_key_command};

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
    /// View > Zoom in / out / back to 100 %, kept for the next start.
    ZoomIn,
    ZoomOut,
    ZoomReset,
    /// View > a light or dark theme, or the system's; kept for the next start.
    Theme(ThemeChoice),
    /// View > how wide the reading column may grow; kept for the next start.
    ReadingWidth(ReadingWidth),
    /// Opens another analyst's project of the same corpus, for adjudication beside this one.
    AdjudicateAgainst,
    /// Copies the span selected in an analyst's lane into this project.
    AcceptAnalystSpan,
    /// Copies every span all analysts agree on (and this project lacks) into it, as one step.
    AcceptAgreeingSpans,
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
    /// Boxed: a message can be much larger than a command.
    Message(Box<AppMessage>),
}

impl From<UiCommand> for Action {
    fn from(c: UiCommand) -> Self {
        Action::Command(c)
    }
}

impl From<AppMessage> for Action {
    fn from(m: AppMessage) -> Self {
        Action::Message(Box::new(m))
    }
}

/// Where a key is read, which decides which keys may be shared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyContext {
    /// A modifier shortcut: works everywhere, even while a text field has the keyboard.
    Always,
    /// A single key while the document has the keyboard (no text field focused).
    Reading,
    /// A key for pending suggestions, read before the reading keys while the document has some.
    Suggestion,
}

/// The one description of a command: what menus call it, what it does, and its keys.
pub struct CommandInfo {
    /// The menu text.
    pub words: &'static str,
    /// What it does, for the menu's hover text.
    pub tooltip: &'static str,
    /// Its keys, the main one first.
    pub shortcuts: Vec<(KeyContext, KeyboardShortcut)>,
}

impl UiCommand {
    /// The description of this command. (The match is exhaustive: a new command must say its
    /// words and keys here.)
    pub fn info(self) -> CommandInfo {
        use KeyContext::{Always, Reading, Suggestion};
        let cmd = Modifiers::COMMAND;
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let none = Modifiers::NONE;
        let shift = Modifiers::SHIFT;
        let key = |context, modifiers, key| (context, KeyboardShortcut::new(modifiers, key));
        let (words, tooltip, shortcuts) = match self {
            UiCommand::Undo => (
                "Undo",
                "Undo the last change",
                vec![key(Always, cmd, Key::Z)],
            ),
            UiCommand::Redo => (
                "Redo",
                "Redo the change last undone",
                vec![key(Always, cmd_shift, Key::Z), key(Always, cmd, Key::Y)],
            ),
            UiCommand::OpenProject => (
                "Open project…",
                "Open a project file",
                vec![key(Always, cmd, Key::O)],
            ),
            UiCommand::OpenCorpus => (
                "Open corpus folder…",
                "Open a folder of articles as a new project",
                vec![key(Always, cmd_shift, Key::O)],
            ),
            UiCommand::Save => ("Save", "Save the project", vec![key(Always, cmd, Key::S)]),
            UiCommand::SaveAs => (
                "Save as…",
                "Save the project to another file",
                vec![key(Always, cmd_shift, Key::S)],
            ),
            UiCommand::Export(format) => (
                crate::interop::exporters()
                    .find(|e| e.format == format)
                    .map_or("Export…", |e| e.menu),
                "Export the project",
                vec![],
            ),
            UiCommand::Import => ("Import…", "Import annotations made elsewhere", vec![]),
            UiCommand::Quit => ("Quit", "Quit whosaid", vec![key(Always, cmd, Key::Q)]),
            UiCommand::TagSelection(Label::Claim) => (
                "Tag as claim",
                "Tag the selected text as a claim",
                vec![key(Reading, none, Key::Num1), key(Reading, none, Key::C)],
            ),
            UiCommand::TagSelection(Label::Quote) => (
                "Tag as quote",
                "Tag the selected text as a quote",
                vec![key(Reading, none, Key::Num2), key(Reading, none, Key::Q)],
            ),
            UiCommand::TagSelection(Label::Demand) => (
                "Tag as demand",
                "Tag the selected text as a demand",
                vec![key(Reading, none, Key::Num3), key(Reading, none, Key::D)],
            ),
            UiCommand::AddFragment => (
                "Add fragment",
                "Add the selected text to the selected annotation",
                vec![key(Reading, none, Key::Plus)],
            ),
            UiCommand::NextAnnotation => (
                "Next annotation",
                "Select the next annotation in the document",
                vec![key(Reading, none, Key::N)],
            ),
            UiCommand::PreviousAnnotation => (
                "Previous annotation",
                "Select the previous annotation in the document",
                vec![key(Reading, none, Key::P)],
            ),
            UiCommand::NextDocument => (
                "Next document",
                "Open the next document",
                vec![key(Always, cmd, Key::PageDown)],
            ),
            UiCommand::PreviousDocument => (
                "Previous document",
                "Open the previous document",
                vec![key(Always, cmd, Key::PageUp)],
            ),
            UiCommand::ToggleDone => (
                "Mark document done",
                "Mark the document done / not done",
                vec![key(Reading, none, Key::M)],
            ),
            UiCommand::DeleteSelected => (
                "Delete annotation",
                "Delete the selected annotation",
                vec![key(Reading, none, Key::Delete)],
            ),
            UiCommand::PickSpeaker(SpeakerRole::Main) => (
                "Choose speaker",
                "Choose the speaker of the selected annotation",
                vec![key(Reading, none, Key::S)],
            ),
            UiCommand::PickSpeaker(SpeakerRole::Another) => (
                "Add or remove another speaker",
                "Add (or remove) another speaker of the selected annotation",
                vec![key(Reading, shift, Key::S)],
            ),
            UiCommand::PickSpeaker(SpeakerRole::Addressee) => (
                "Choose addressee",
                "Choose who the selected demand calls on to act",
                vec![key(Reading, none, Key::A)],
            ),
            UiCommand::SetCue => (
                "Mark selection as cue",
                "Mark the selected text as the reporting words of the selected annotation",
                vec![key(Reading, none, Key::K)],
            ),
            UiCommand::ShowShortcuts => (
                "Keyboard shortcuts",
                "List the keys",
                vec![
                    key(Reading, none, Key::F1),
                    key(Reading, none, Key::Questionmark),
                ],
            ),
            UiCommand::ToggleRegistry => (
                "Speakers…",
                "Show or hide the speaker registry",
                vec![key(Always, cmd, Key::R)],
            ),
            UiCommand::ToggleTable => (
                "All annotations…",
                "Show or hide the table of all annotations",
                vec![key(Always, cmd, Key::T)],
            ),
            UiCommand::EditDocumentDetails => (
                "Document details…",
                "Edit the open document's title, outlet, date and URL",
                vec![key(Always, cmd, Key::I)],
            ),
            UiCommand::Find {
                all_documents: false,
            } => (
                "Find in document",
                "Find text in the open document",
                vec![key(Always, cmd, Key::F)],
            ),
            UiCommand::Find {
                all_documents: true,
            } => (
                "Find in all documents",
                "Find text in every document",
                vec![key(Always, cmd_shift, Key::F)],
            ),
            UiCommand::Suggest {
                all_documents: false,
            } => (
                "Suggest in this document",
                "Suggest claims, quotes and demands in the open document",
                vec![key(Always, cmd, Key::G)],
            ),
            UiCommand::Suggest {
                all_documents: true,
            } => (
                "Suggest in all documents",
                "Suggest claims, quotes and demands in every document",
                vec![key(Always, cmd_shift, Key::G)],
            ),
            UiCommand::NextSuggestion => (
                "Next suggestion",
                "Go to the next suggestion in the document",
                vec![key(Suggestion, none, Key::Tab)],
            ),
            UiCommand::PreviousSuggestion => (
                "Previous suggestion",
                "Go to the previous suggestion in the document",
                vec![key(Suggestion, shift, Key::Tab)],
            ),
            UiCommand::AcceptSuggestion => (
                "Accept suggestion",
                "Accept the current suggestion and go to the next",
                vec![key(Suggestion, none, Key::Enter)],
            ),
            UiCommand::RejectSuggestion => (
                "Reject suggestion",
                "Reject the current suggestion: it is not proposed again",
                vec![
                    key(Suggestion, none, Key::Backspace),
                    key(Suggestion, none, Key::Delete),
                ],
            ),
            UiCommand::AcceptAllSuggestions => (
                "Accept all in this document",
                "Accept every suggestion of the open document, as one step",
                vec![],
            ),
            UiCommand::LeaveSuggestion => (
                "Leave suggestion",
                "Leave the current suggestion",
                vec![key(Suggestion, none, Key::Escape)],
            ),
            // Ctrl+= too: on many keyboards `+` is Shift+=, and egui's own zoom keys (switched
            // off for these) took both.
            UiCommand::ZoomIn => (
                "Zoom in",
                "Make everything larger",
                vec![key(Always, cmd, Key::Plus), key(Always, cmd, Key::Equals)],
            ),
            UiCommand::ZoomOut => (
                "Zoom out",
                "Make everything smaller",
                vec![key(Always, cmd, Key::Minus)],
            ),
            UiCommand::ZoomReset => (
                "Actual size",
                "Back to the normal size (100 %)",
                vec![key(Always, cmd, Key::Num0)],
            ),
            UiCommand::Theme(ThemeChoice::Light) => {
                ("Light theme", "Dark text on a light background", vec![])
            }
            UiCommand::Theme(ThemeChoice::Dark) => {
                ("Dark theme", "Light text on a dark background", vec![])
            }
            UiCommand::Theme(ThemeChoice::System) => (
                "Theme of the system",
                "Light or dark as the desktop is set",
                vec![],
            ),
            UiCommand::ReadingWidth(ReadingWidth::Narrow) => {
                ("Narrow column", "Lines of about 65 characters", vec![])
            }
            UiCommand::ReadingWidth(ReadingWidth::Medium) => {
                ("Medium column", "Lines of about 90 characters", vec![])
            }
            UiCommand::ReadingWidth(ReadingWidth::Full) => {
                ("Full width", "Lines as wide as the window", vec![])
            }
            UiCommand::AdjudicateAgainst => (
                "Adjudicate against…",
                "Open another analyst's project of this corpus and list its spans beside this one",
                vec![],
            ),
            UiCommand::AcceptAnalystSpan => (
                "Accept analyst's span",
                "Copy the span selected in an analyst's lane into this project",
                vec![key(Reading, none, Key::J)],
            ),
            UiCommand::AcceptAgreeingSpans => (
                "Accept all agreeing spans",
                "Copy every span all analysts agree on into this project, as one step",
                vec![key(Reading, shift, Key::J)],
            ),
        };
        CommandInfo {
            words,
            tooltip,
            shortcuts,
        }
    }

    /// Every command, each choice spelled out (each label, role, format).
    pub fn all() -> Vec<UiCommand> {
        use UiCommand::*;
        let mut all = vec![Undo, Redo, OpenProject, OpenCorpus, Save, SaveAs];
        all.extend(crate::interop::exporters().map(|e| Export(e.format)));
        all.extend([Import, Quit]);
        all.extend(Label::ALL.map(TagSelection));
        all.extend([AddFragment, NextAnnotation, PreviousAnnotation]);
        all.extend([NextDocument, PreviousDocument, ToggleDone, DeleteSelected]);
        let roles = [
            SpeakerRole::Main,
            SpeakerRole::Another,
            SpeakerRole::Addressee,
        ];
        all.extend(roles.map(PickSpeaker));
        all.extend([SetCue, ShowShortcuts, ToggleRegistry, ToggleTable]);
        all.push(EditDocumentDetails);
        for all_documents in [false, true] {
            all.extend([Find { all_documents }, Suggest { all_documents }]);
        }
        all.extend([NextSuggestion, PreviousSuggestion, AcceptSuggestion]);
        all.extend([RejectSuggestion, AcceptAllSuggestions, LeaveSuggestion]);
        all.extend([ZoomIn, ZoomOut, ZoomReset]);
        all.extend(ThemeChoice::ALL.map(Theme));
        all.extend(crate::ui::settings::ReadingWidth::ALL.map(UiCommand::ReadingWidth));
        all.extend([AdjudicateAgainst, AcceptAnalystSpan, AcceptAgreeingSpans]);
        all
    }

    /// The key the menus show beside this command: its main one.
    pub fn menu_shortcut(self) -> Option<KeyboardShortcut> {
        self.info().shortcuts.first().map(|(_, s)| *s)
    }

    /// `words` and this command's main key in brackets, for a button's hover text ("Change (S)"),
    /// so that the key shown is the one the table gives.
    pub fn with_key_hint(self, words: &str) -> String {
        match self.menu_shortcut() {
            Some(s) => format!("{words} ({})", spell_shortcut(&s, |s| format!("{s:?}"))),
            None => words.to_string(),
        }
    }

    /// The modifier shortcuts that trigger commands everywhere, even while typing, most specific
    /// (more modifiers) first, since egui matches Ctrl+S inside Ctrl+Shift+S.
    pub fn with_shortcuts() -> Vec<(UiCommand, KeyboardShortcut)> {
        let mut all: Vec<_> = UiCommand::all()
            .into_iter()
            .flat_map(|c| {
                c.info()
                    .shortcuts
                    .into_iter()
                    .filter(|(context, _)| *context == KeyContext::Always)
                    .map(move |(_, s)| (c, s))
            })
            .collect();
        all.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        all
    }
}

fn modifier_count(m: Modifiers) -> usize {
    [m.alt, m.ctrl, m.shift, m.mac_cmd, m.command]
        .into_iter()
        .filter(|x| *x)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn button_hints_name_the_key_the_table_gives() {
        let main = UiCommand::PickSpeaker(SpeakerRole::Main);
        assert_eq!(main.with_key_hint("Change"), "Change (S)");
        let addressee = UiCommand::PickSpeaker(SpeakerRole::Addressee);
        assert_eq!(addressee.with_key_hint("Choose"), "Choose (A)");
    }

    #[test]
    fn modifier_shortcuts_are_tried_most_specific_first() {
        let shortcuts: Vec<_> = UiCommand::with_shortcuts()
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        assert!(shortcuts.contains(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)));
        for (i, a) in shortcuts.iter().enumerate() {
            for b in &shortcuts[i + 1..] {
                // A later shortcut must not be a more specific form of an earlier one.
                assert!(
                    !(a.logical_key == b.logical_key && b.modifiers.contains(a.modifiers)),
                    "{a:?} is checked before the more specific {b:?}"
                );
            }
        }
    }

    /// Every (context, key) of the command table, with its command.
    pub(super) fn table() -> Vec<(KeyContext, KeyboardShortcut, UiCommand)> {
        UiCommand::all()
            .into_iter()
            .flat_map(|c| c.info().shortcuts.into_iter().map(move |(x, s)| (x, s, c)))
            .collect()
    }

    #[test]
    fn no_two_commands_share_a_shortcut_in_the_same_context() {
        let table = table();
        for (i, (context, shortcut, command)) in table.iter().enumerate() {
            for (other_context, other, other_command) in &table[i + 1..] {
                assert!(
                    !(context == other_context && shortcut == other),
                    "{command:?} and {other_command:?} share {shortcut:?} ({context:?})"
                );
            }
        }
    }

    #[test]
    fn all_lists_every_command_once() {
        let all = UiCommand::all();
        for (i, c) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(c), "{c:?} twice");
            assert!(!c.info().words.is_empty() && !c.info().tooltip.is_empty());
        }
        assert!(all.contains(&UiCommand::LeaveSuggestion));
    }
}
