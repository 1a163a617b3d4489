//! How labels look: one colour each, shared by highlights, legend and lists.

use crate::project::Label;
use egui::Color32;

pub fn label_color(label: Label) -> Color32 {
    match label {
        Label::Claim => Color32::from_rgb(66, 133, 244),
        Label::Quote => Color32::from_rgb(230, 150, 20),
        Label::Demand => Color32::from_rgb(214, 51, 108),
    }
}

/// Translucent fill: overlapping spans blend, so nesting shows as a deeper colour.
pub fn label_fill(label: Label) -> Color32 {
    label_color(label).gamma_multiply(0.22)
}

/// The keys that apply a label to the selection.
pub fn label_keys(label: Label) -> &'static str {
    match label {
        Label::Claim => "1 / C",
        Label::Quote => "2 / Q",
        Label::Demand => "3 / D",
    }
}
