//! `--help` of the program and of every command reads as plain text: no rustdoc links left from the
//! source's doc comments, and every value of a `--format` has words saying what it writes.

use std::process::Command;

fn help(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?} --help failed");
    String::from_utf8(out.stdout).unwrap()
}

const COMMANDS: &[&str] = &["export", "speakers", "suggest", "check", "import"];

#[test]
fn no_help_text_carries_rustdoc_links() {
    let top = help(&[]);
    for command in COMMANDS {
        assert!(top.contains(command), "{command} not listed:\n{top}");
    }
    for args in std::iter::once(vec![]).chain(COMMANDS.iter().map(|c| vec![*c])) {
        let text = help(&args);
        for link in ["[`", "`]", "](", "(see ["] {
            assert!(
                !text.contains(link),
                "{args:?} --help has {link:?}:\n{text}"
            );
        }
    }
}

#[test]
fn every_format_value_is_described() {
    // clap lists each possible value on a line "- NAME: words" when it has help.
    for (command, values) in [
        (
            "export",
            &[
                "jsonl",
                "csv",
                "brat",
                "w3c",
                "labelstudio",
                "doccano",
                "html",
            ][..],
        ),
        ("import", &["brat", "doccano", "labelstudio", "jsonl"][..]),
        ("speakers", &["table", "json"][..]),
        ("suggest", &["jsonl"][..]),
    ] {
        let text = help(&[command]);
        for value in values {
            let line = text
                .lines()
                .find(|l| {
                    l.trim_start()
                        .trim_start_matches("- ")
                        .starts_with(&format!("{value}:"))
                })
                .unwrap_or_else(|| panic!("{command} --help: no words for {value}:\n{text}"));
            assert!(
                line.len() > value.len() + 12,
                "{command} --help: {value} is barely described: {line:?}"
            );
        }
    }
}
