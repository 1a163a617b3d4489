//! The keyboard reference shown by F1 (and in the README): rows of commands whose keys come from
//! the command table, and notes on keys that are no command of their own.

use super::UiCommand;
use crate::project::Label;
use crate::workspace::SpeakerRole;
use egui::KeyboardShortcut;

/// A row of the keyboard reference: commands listed together, whose keys come from
/// [`UiCommand::info`], or a note on keys that are no command of their own.
enum HelpRow {
    Keys(&'static [UiCommand], &'static str),
    Note(&'static str, &'static str),
}

const HELP: &[HelpRow] = &[
    HelpRow::Note(
        "Mouse drag, Shift+click, double-click",
        "select text (double-click: a word)",
    ),
    HelpRow::Note(
        "Shift+Arrows, Ctrl+Shift+Left/Right",
        "extend the selection by character / word",
    ),
    HelpRow::Note(
        "Shift+Home / Shift+End",
        "extend to the start / end of the paragraph",
    ),
    HelpRow::Keys(
        &[UiCommand::TagSelection(Label::Claim)],
        "tag the selection as a claim",
    ),
    HelpRow::Keys(
        &[UiCommand::TagSelection(Label::Quote)],
        "tag the selection as a quote",
    ),
    HelpRow::Keys(
        &[UiCommand::TagSelection(Label::Demand)],
        "tag the selection as a demand",
    ),
    HelpRow::Keys(
        &[UiCommand::AddFragment],
        "add the selection as another fragment of the selected annotation",
    ),
    HelpRow::Keys(
        &[UiCommand::PickSpeaker(SpeakerRole::Main)],
        "choose the speaker of the selected annotation",
    ),
    HelpRow::Keys(
        &[UiCommand::PickSpeaker(SpeakerRole::Another)],
        "add (or remove) another speaker: \"said Mr Logan and Prof Michta\"",
    ),
    HelpRow::Keys(
        &[UiCommand::PickSpeaker(SpeakerRole::Addressee)],
        "choose the addressee: who a demand calls on to act",
    ),
    HelpRow::Keys(
        &[UiCommand::SetCue],
        "mark the selected text as the cue (the reporting words)",
    ),
    HelpRow::Keys(
        &[UiCommand::NextAnnotation, UiCommand::PreviousAnnotation],
        "next / previous annotation in the document",
    ),
    HelpRow::Keys(
        &[UiCommand::NextDocument, UiCommand::PreviousDocument],
        "next / previous document",
    ),
    HelpRow::Keys(
        &[UiCommand::ToggleDone],
        "mark the document done / not done",
    ),
    HelpRow::Keys(
        &[UiCommand::DeleteSelected],
        "delete the selected annotation",
    ),
    HelpRow::Keys(&[UiCommand::Undo], "undo"),
    HelpRow::Keys(&[UiCommand::Redo], "redo"),
    HelpRow::Keys(&[UiCommand::Save, UiCommand::SaveAs], "save / save as"),
    HelpRow::Keys(
        &[UiCommand::OpenProject, UiCommand::OpenCorpus],
        "open a project / a corpus folder",
    ),
    HelpRow::Keys(
        &[UiCommand::ToggleRegistry],
        "the speaker registry: edit, merge, who said what",
    ),
    HelpRow::Keys(
        &[UiCommand::ToggleTable],
        "all annotations of the corpus: filter, sort, jump",
    ),
    HelpRow::Keys(
        &[UiCommand::EditDocumentDetails],
        "the open document's title, outlet, date and URL",
    ),
    HelpRow::Keys(
        &[
            UiCommand::Find {
                all_documents: false,
            },
            UiCommand::Find {
                all_documents: true,
            },
        ],
        "find in the document / in all documents; Enter steps through matches",
    ),
    HelpRow::Keys(
        &[
            UiCommand::Suggest {
                all_documents: false,
            },
            UiCommand::Suggest {
                all_documents: true,
            },
        ],
        "suggest claims, quotes and demands in this document / in all documents",
    ),
    HelpRow::Keys(
        &[UiCommand::NextSuggestion, UiCommand::PreviousSuggestion],
        "next / previous suggestion (outlined spans) in the document",
    ),
    HelpRow::Keys(
        &[UiCommand::AcceptSuggestion],
        "accept the current suggestion and go to the next",
    ),
    HelpRow::Keys(
        &[UiCommand::RejectSuggestion],
        "reject the current suggestion: it is not proposed again",
    ),
    HelpRow::Note(
        "1 2 3 (C Q D), S, A",
        "with a suggestion current and no text selected: relabel it, choose its speaker, its addressee",
    ),
    HelpRow::Keys(
        &[UiCommand::LeaveSuggestion],
        "leave the current suggestion",
    ),
    HelpRow::Keys(
        &[UiCommand::ZoomIn, UiCommand::ZoomOut, UiCommand::ZoomReset],
        "zoom in / out / back to 100 % (View menu, kept for the next start)",
    ),
    HelpRow::Keys(
        &[UiCommand::AcceptAnalystSpan, UiCommand::AcceptAgreeingSpans],
        "adjudicating: accept the span selected in an analyst's lane / every agreeing span",
    ),
    HelpRow::Keys(&[UiCommand::Quit], "quit"),
    HelpRow::Keys(&[UiCommand::ShowShortcuts], "this list"),
];

/// Spells a shortcut with `format`, but a single key by its symbol (`+`, `?`), which egui's
/// formatting spells by name.
pub fn spell_shortcut(
    s: &KeyboardShortcut,
    format: impl Fn(&KeyboardShortcut) -> String,
) -> String {
    if s.modifiers.is_none() {
        s.logical_key.symbol_or_name().to_string()
    } else {
        format(s)
    }
}

/// The keyboard reference shown in Help (and the README), one line a row, keys spelled by `format`.
pub fn help_lines(format: impl Fn(&KeyboardShortcut) -> String) -> Vec<String> {
    HELP.iter()
        .map(|row| match row {
            HelpRow::Note(keys, what) => format!("{keys}: {what}"),
            HelpRow::Keys(commands, what) => {
                let keys: Vec<String> = commands
                    .iter()
                    .map(|c| {
                        let keys: Vec<String> = c
                            .info()
                            .shortcuts
                            .iter()
                            .map(|(_, s)| spell_shortcut(s, &format))
                            .collect();
                        keys.join(" or ")
                    })
                    .collect();
                format!("{}: {what}", keys.join(" / "))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spell(s: &KeyboardShortcut) -> String {
        spell_shortcut(s, |s| s.format(&egui::ModifierNames::NAMES, false))
    }

    #[test]
    fn every_command_with_a_key_is_in_the_help_with_its_keys() {
        let help = help_lines(|s| s.format(&egui::ModifierNames::NAMES, false));
        for c in UiCommand::all() {
            let keys: Vec<String> = c.info().shortcuts.iter().map(|(_, s)| spell(s)).collect();
            if keys.is_empty() {
                continue;
            }
            let listed = HELP
                .iter()
                .any(|row| matches!(row, HelpRow::Keys(commands, _) if commands.contains(&c)));
            assert!(listed, "{c:?} is missing from the help");
            let joined = keys.join(" or ");
            assert!(
                help.iter().any(|line| line.contains(&joined)),
                "{joined} ({c:?}) not in {help:#?}"
            );
        }
        assert!(help.contains(&"Ctrl+Shift+Z or Ctrl+Y: redo".to_string()));
        assert!(
            help.iter()
                .any(|l| l.starts_with("Ctrl+G / Ctrl+Shift+G: "))
        );
        assert!(help.iter().any(|l| l.starts_with("1 or C: ")));
        assert!(help.iter().any(|l| l.starts_with("F1 or ?: ")), "{help:#?}");
        assert!(help.iter().any(|l| l.starts_with("+: ")), "{help:#?}");
    }
}
