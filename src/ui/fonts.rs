//! Fonts for every script an article may be in: egui's own (Latin, Greek, Cyrillic, emoji) plus bundled
//! Arabic, Hebrew, Devanagari and a CJK subset, with the system's fonts asked for whatever is still missing.

use egui::{
    FallbackRequest, FontData, FontDefinitions, FontFamily, FontInsert, FontPriority,
    InsertFontFamily,
};
use std::sync::Arc;

/// Script fonts that go into every family's configured chain, so the same article looks the same on every
/// machine. Small (a few hundred kB each) and distinct in coverage, so their order does not matter.
const SCRIPT_FONTS: &[(&str, &[u8])] = &[
    (
        "NotoSansArabic",
        include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf"),
    ),
    (
        "NotoSansHebrew",
        include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf"),
    ),
    (
        "NotoSansDevanagari",
        include_bytes!("../../assets/fonts/NotoSansDevanagari-Regular.ttf"),
    ),
];

/// Subsets of CJK fonts: Droid Sans Fallback's common Han characters and kana (1.5 MB), and NanumGothic's
/// common Hangul syllables (0.7 MB). They are offered only after the system font provider found nothing,
/// so a full system CJK font (fonts-noto-cjk and the like) wins where installed, and a fresh machine still
/// reads Chinese, Japanese and Korean.
const HAN_KANA: (&str, &[u8]) = (
    "DroidSansFallback-CJK-subset",
    include_bytes!("../../assets/fonts/DroidSansFallback-CJK-subset.ttf"),
);
const HANGUL: (&str, &[u8]) = (
    "WhosaidHangul",
    include_bytes!("../../assets/fonts/WhosaidHangul-Regular.ttf"),
);

/// Installs the fonts on `ctx`. eframe adds its system font provider before the app is created, so the
/// CJK provider added here is asked after it.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
    ctx.add_font_provider(Arc::new(bundled_cjk));
}

/// egui's default fonts with the script fonts inserted before the emoji and icon fonts, which are the
/// last resort of each family.
pub fn definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    for (name, bytes) in SCRIPT_FONTS {
        defs.font_data
            .insert((*name).to_owned(), Arc::new(FontData::from_static(bytes)));
    }
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let chain = defs.families.entry(family).or_default();
        // egui lists "egui-icons" first among its fallbacks; insert before it (or at the end).
        let at = chain
            .iter()
            .position(|f| f == "egui-icons")
            .unwrap_or(chain.len());
        for (offset, (name, _)) in SCRIPT_FONTS.iter().enumerate() {
            chain.insert(at + offset, (*name).to_owned());
        }
    }
    defs
}

/// The discovering provider for the CJK subsets: answers for a character of their blocks.
fn bundled_cjk(request: &FallbackRequest<'_>) -> Option<FontInsert> {
    let c = request.cluster.chars().next()?;
    let (name, bytes) = match c as u32 {
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7A3 => HANGUL,
        0x3000..=0x30FF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF => HAN_KANA,
        _ => return None,
    };
    let lowest = |family| InsertFontFamily {
        family,
        priority: FontPriority::Lowest,
    };
    Some(FontInsert::new(
        name,
        FontData::from_static(bytes),
        vec![
            lowest(FontFamily::Proportional),
            lowest(FontFamily::Monospace),
        ],
    ))
}
