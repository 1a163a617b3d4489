//! The project: documents, speakers and annotations, and how they are stored as RON.

mod atomic;
mod chunked;
mod migrate;
mod model;
mod recovery;
mod ron_scan;
mod storage;

pub use atomic::write_atomically;
pub use model::{
    AnchorStatus, Annotation, AnnotationId, DocEntry, FORMAT_VERSION, Fragment, Label, Project,
    Speaker, SpeakerId, SpeakerKind, ViewState,
};
pub use recovery::{ProjectDiff, recovery_path};
pub use storage::{
    LoadError, SaveError, load_project, parse_project, project_to_ron, save_project,
};
