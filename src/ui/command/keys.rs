//! The single keys of the document view, read from the command table by context: which command a
//! key gives while reading, and which while pending suggestions are up.

use super::{KeyContext, UiCommand};
use egui::{Key, Modifiers};

/// The command bound to `key` with `modifiers` in `context` by the table, if any.
fn table_command(
    context: KeyContext,
    key: Key,
    matches: impl Fn(Modifiers) -> bool,
) -> Option<UiCommand> {
    UiCommand::all().into_iter().find(|c| {
        c.info()
            .shortcuts
            .iter()
            .any(|(x, s)| *x == context && s.logical_key == key && matches(s.modifiers))
    })
}

/// Whether two sets of modifiers are the same, Ctrl and Cmd counting as one.
fn same_modifiers(a: Modifiers, b: Modifiers) -> bool {
    let command = |m: Modifiers| m.command || m.ctrl || m.mac_cmd;
    a.alt == b.alt && a.shift == b.shift && command(a) == command(b)
}

/// Keys for pending suggestions, looked at before [`plain_key_command`], as the table binds them
/// in [`KeyContext::Suggestion`]: stepping (Tab, Shift+Tab) whenever the document has some, the
/// rest (Enter, Backspace / Delete, Escape) only while one is current, so that otherwise the key
/// stays with egui or the reading keys. The label keys, S and A act on the current suggestion
/// through the commands they already send (see `run_command`).
pub fn suggestion_key_command(
    key: Key,
    modifiers: Modifiers,
    has_pending: bool,
    has_current: bool,
) -> Option<UiCommand> {
    let c = table_command(KeyContext::Suggestion, key, |m| {
        same_modifiers(m, modifiers)
    })?;
    let stepping = matches!(c, UiCommand::NextSuggestion | UiCommand::PreviousSuggestion);
    (if stepping { has_pending } else { has_current }).then_some(c)
}

/// Single keys that work while the document has the keyboard (no text field focused), as the
/// table binds them in [`KeyContext::Reading`]. Shift tells letters and digits apart (S, Shift+S);
/// other keys (`+`, `?`, Delete, F1) are the same with or without it, since keyboards differ in
/// which need Shift to type them, and Shift+= is taken for the `+` it types on many of them.
pub fn plain_key_command(key: Key, shift: bool) -> Option<UiCommand> {
    let key = if key == Key::Equals && shift {
        Key::Plus
    } else {
        key
    };
    let name = key.name();
    let shift_matters = name.len() == 1 && name.chars().all(|c| c.is_ascii_alphanumeric());
    table_command(KeyContext::Reading, key, |m| {
        !m.alt && !m.command && !m.ctrl && (!shift_matters || m.shift == shift)
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::table;
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
    fn the_key_handlers_agree_with_the_table() {
        for (context, s, c) in table() {
            let got = match context {
                KeyContext::Always => continue,
                KeyContext::Reading => plain_key_command(s.logical_key, s.modifiers.shift),
                KeyContext::Suggestion => {
                    suggestion_key_command(s.logical_key, s.modifiers, true, true)
                }
            };
            assert_eq!(got, Some(c), "{s:?} in {context:?}");
        }
        // And no key does something the table does not say. (Shift+= is what `+` sends on
        // keyboards where it is shifted.)
        for key in Key::ALL.iter().copied() {
            for shift in [false, true] {
                let modifiers = if shift {
                    Modifiers::SHIFT
                } else {
                    Modifiers::NONE
                };
                let plain = plain_key_command(key, shift).map(|c| (KeyContext::Reading, c));
                let suggestion = suggestion_key_command(key, modifiers, true, true)
                    .map(|c| (KeyContext::Suggestion, c));
                for (context, c) in plain.into_iter().chain(suggestion) {
                    let known = c
                        .info()
                        .shortcuts
                        .iter()
                        .any(|(x, s)| *x == context && s.logical_key == key)
                        || (key, c) == (Key::Equals, UiCommand::AddFragment);
                    assert!(
                        known,
                        "{key:?} (shift {shift}) gives {c:?}, not in the table"
                    );
                }
            }
        }
    }

    #[test]
    fn shift_tells_letters_and_digits_apart_but_not_symbols() {
        use crate::project::Label;
        use crate::workspace::SpeakerRole;
        assert_eq!(
            plain_key_command(Key::Num1, false),
            Some(UiCommand::TagSelection(Label::Claim))
        );
        // Shift+1 types "!": no label.
        assert_eq!(plain_key_command(Key::Num1, true), None);
        assert_eq!(
            plain_key_command(Key::S, true),
            Some(UiCommand::PickSpeaker(SpeakerRole::Another))
        );
        assert_eq!(plain_key_command(Key::C, true), None);
        for shift in [false, true] {
            assert_eq!(
                plain_key_command(Key::Questionmark, shift),
                Some(UiCommand::ShowShortcuts)
            );
            assert_eq!(
                plain_key_command(Key::Plus, shift),
                Some(UiCommand::AddFragment)
            );
        }
        assert_eq!(
            plain_key_command(Key::Equals, true),
            Some(UiCommand::AddFragment)
        );
        assert_eq!(plain_key_command(Key::Equals, false), None);
    }
}
