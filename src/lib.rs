//! whosaid: tag who said what in a corpus of news articles.
//!
//! The core (corpus, text, project, edit, speakers, suggest, interop, workspace) knows nothing of
//! egui; `ui` is the desktop front end and changes a project only through [`workspace::Intent`]s.

pub mod corpus;
pub mod edit;
pub mod interop;
pub mod parallel;
pub mod progress;
pub mod project;
pub mod speakers;
pub mod suggest;
pub mod synthetic;
pub mod text;
pub mod ui;
pub mod workspace;
