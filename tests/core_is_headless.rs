//! The core crate is free of user interface crates: its dependencies, on every platform, include
//! none of egui, eframe, rfd, winit or clap, so the headless commands build without them; and the
//! command built without the `app` feature links no display crate.

use std::process::Command;

const UI_CRATES: [&str; 5] = ["egui", "eframe", "rfd", "winit", "clap"];

/// The names of the crates `cargo tree` lists for `args`, first the package itself.
fn dependencies(args: &[&str]) -> (Vec<String>, String) {
    let out = Command::new(env!("CARGO"))
        .args(["tree", "--locked", "--offline"])
        .args(args)
        .args(["-e", "normal", "--prefix", "none"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo should run");
    assert!(
        out.status.success(),
        "cargo tree failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8(out.stdout).expect("cargo tree prints UTF-8");
    let names = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_string)
        .collect();
    (names, tree)
}

fn is_ui_crate(name: &str, crates: &[&str]) -> bool {
    crates.iter().any(|ui| {
        name.strip_prefix(ui)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('-') || rest.starts_with('_'))
    })
}

#[test]
fn the_core_depends_on_no_ui_crate() {
    let (names, tree) = dependencies(&["-p", "whosaid-core", "--target", "all"]);
    assert_eq!(
        names.first().map(String::as_str),
        Some("whosaid-core"),
        "unexpected cargo tree output:\n{tree}"
    );
    assert!(
        names.iter().any(|n| n == "ron"),
        "cargo tree lists too little:\n{tree}"
    );
    for name in &names {
        assert!(
            !is_ui_crate(name, &UI_CRATES),
            "whosaid-core depends on {name}, a user interface crate:\n{tree}"
        );
    }
}

#[test]
fn the_command_without_the_app_feature_has_no_display_crate() {
    // On this platform: clap's Windows crates are not downloaded for an offline tree of all.
    let headless = ["-p", "whosaid", "--no-default-features"];
    let (names, tree) = dependencies(&headless);
    assert_eq!(names.first().map(String::as_str), Some("whosaid"), "{tree}");
    assert!(names.iter().any(|n| n == "clap"), "{tree}");
    let display = ["egui", "eframe", "rfd", "winit"];
    for name in &names {
        assert!(
            !is_ui_crate(name, &display),
            "whosaid without `app` depends on {name}:\n{tree}"
        );
    }
    // And with it (the default) the app's crates are there: the check above can fail.
    let (names, tree) = dependencies(&["-p", "whosaid"]);
    assert!(names.iter().any(|n| n == "eframe"), "{tree}");
}
