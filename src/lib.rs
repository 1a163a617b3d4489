//! whosaid: tag who said what in a corpus of news articles.
//!
//! The core (corpus, text, project, edit, speakers, suggest, interop, workspace) is the
//! `whosaid-core` crate, which knows nothing of egui and is re-exported here under the same paths;
//! `ui` is the desktop front end and changes a project only through [`workspace::Intent`]s.

pub use whosaid_core::{
    agree, application, corpus, edit, interop, merge, parallel, progress, project, speakers,
    suggest, text, workspace,
};
// `synthetic` (benchmark data) exists only with whosaid-core's `synthetic` feature, which the
// tests and benches turn on: this re-exports it then, and nothing more otherwise.
#[allow(unused_imports)]
#[doc(hidden)]
pub use whosaid_core::*;

#[cfg(feature = "app")]
pub mod ui;
