//! Every change to a project is an [`Edit`]; applying one yields its inverse, which is what the
//! undo history keeps (one entry per user action, never a snapshot of the project).

mod apply;
mod history;

pub use apply::{Edit, EditError, apply};
pub use history::{History, HistoryError, MergeKey};
