//! What the Debian package installs is there and consistent: the window icon decodes, each icon PNG
//! has the size its hicolor folder says, and the desktop entry starts `whosaid` with that icon.

use std::path::Path;

const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// Width and height from a PNG's IHDR chunk.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(&bytes[1..4], b"PNG", "{} is not a PNG", path.display());
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn window_icon_is_the_256_px_artwork() {
    let icon = whosaid::ui::window_icon();
    assert_eq!((icon.width, icon.height), (256, 256));
    assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    // Not blank: the artwork has opaque pixels of more than one colour.
    let opaque: std::collections::HashSet<&[u8]> =
        icon.rgba.chunks(4).filter(|p| p[3] == 255).collect();
    assert!(opaque.len() > 3, "{} colours", opaque.len());
}

#[test]
fn package_assets_exist_with_the_sizes_their_folders_say() {
    let manifest = std::fs::read_to_string(Path::new(REPO).join("Cargo.toml")).unwrap();
    let mut icons = 0;
    for line in manifest
        .lines()
        .filter(|l| l.contains("usr/share/icons/hicolor/"))
    {
        let parts: Vec<&str> = line.split('"').collect();
        let (source, target) = (parts[1], parts[3]);
        assert!(
            Path::new(REPO).join(source).exists(),
            "{source} is packaged but missing"
        );
        let size = target.split('/').nth(4).unwrap();
        if let Some((w, h)) = size.split_once('x') {
            let expected = (w.parse().unwrap(), h.parse().unwrap());
            assert_eq!(
                png_size(&Path::new(REPO).join(source)),
                expected,
                "{source}"
            );
            icons += 1;
        }
    }
    assert!(icons >= 7, "only {icons} PNG sizes packaged");
}

#[test]
fn desktop_entry_starts_whosaid_with_its_icon() {
    let entry = std::fs::read_to_string(Path::new(REPO).join("assets/whosaid.desktop")).unwrap();
    let field = |key: &str| {
        entry
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .unwrap_or_else(|| panic!("no {key} in the desktop entry"))
            .to_owned()
    };
    assert_eq!(entry.lines().next(), Some("[Desktop Entry]"));
    assert_eq!(field("Type"), "Application");
    assert_eq!(field("Exec").split_whitespace().next(), Some("whosaid"));
    assert_eq!(field("Icon"), "whosaid");
    assert!(field("Categories").ends_with(';'));
}
