//! whosaid's core: corpus, text, project, edit, speakers, suggest, interop and workspace, with no
//! user interface (no egui, eframe, rfd, winit or clap); the `whosaid` app and command build on it.

pub mod agree;
pub mod application;
pub mod corpus;
pub mod edit;
pub mod interop;
pub mod merge;
pub mod parallel;
pub mod progress;
pub mod project;
pub mod speakers;
pub mod suggest;
#[cfg(any(test, feature = "synthetic"))]
pub mod synthetic;
pub mod text;
pub mod workspace;
