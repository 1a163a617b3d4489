//! The project: documents, speakers and annotations, and how they are stored as RON.

mod atomic;
mod chunked;
#[cfg(test)]
mod fast_path_agrees;
mod fragment;
mod ids;
mod label;
mod lock;
mod migrate;
mod model;
mod pending;
mod plain_doc;
mod recovery;
mod ron_scan;
mod save_check;
mod saving;
mod storage;
mod streamed;
mod streaming;
mod writeback;

pub use atomic::{resolve_links, write_atomically, write_atomically_with};
pub use chunked::SaveCache;
pub use fragment::Fragment;
pub use ids::{AnnotationId, SESSION_SPAN, SpeakerId};
pub(crate) use ids::{fresh_session_id, next_session_id};
pub use label::Label;
pub use lock::lock_path;
pub use model::{
    AnchorStatus, Annotation, Conflict, DocEntry, FORMAT_VERSION, Project, Speaker,
    SpeakerConflict, SpeakerKind, ViewState,
};
pub use pending::{Guess, Pending, PendingByDoc, Provenance, Rejected};
pub use recovery::{ProjectDiff, recovery_path};
pub use save_check::check_saved;
pub use saving::{ProjectFile, SaveError, StreamFailure, Written, backup_path};
pub use storage::{
    LoadError, load_project, parse_project, parse_project_cached, peek_corpus, project_to_ron,
    project_to_ron_cached, project_to_ron_with_corpus, save_project,
};
pub(crate) use streamed::write_checked as write_project_checked;
pub use streaming::{read_project, read_project_hashing, read_project_settling};
