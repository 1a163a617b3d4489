//! The core crate is free of user interface crates: its dependencies, on every platform, include
//! none of egui, eframe, rfd, winit or clap, so the headless commands build without them.

use std::process::Command;

const UI_CRATES: [&str; 5] = ["egui", "eframe", "rfd", "winit", "clap"];

#[test]
fn the_core_depends_on_no_ui_crate() {
    let out = Command::new(env!("CARGO"))
        .args(["tree", "--locked", "--offline", "-p", "whosaid-core"])
        .args(["-e", "normal", "--target", "all", "--prefix", "none"])
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
    let names: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        names.first(),
        Some(&"whosaid-core"),
        "unexpected cargo tree output:\n{tree}"
    );
    assert!(
        names.contains(&"ron"),
        "cargo tree lists too little:\n{tree}"
    );
    for name in &names {
        for ui in UI_CRATES {
            let is_ui = name.strip_prefix(ui).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with('-') || rest.starts_with('_')
            });
            assert!(
                !is_ui,
                "whosaid-core depends on {name}, a user interface crate:\n{tree}"
            );
        }
    }
}
