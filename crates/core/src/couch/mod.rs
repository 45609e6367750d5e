//! Live sync with a CouchDB database, in the terms of CouchDB's HTTP API:
//! each record is one document, pulled through `_changes` from a checkpoint
//! in a `_local` document and pushed with `_bulk_docs`. CouchDB's choice of a
//! winning revision is never relied on: a device replaces a document only
//! with the core's merge of both sides, and where the database holds
//! conflicting leaves (it was replicated: a backup, two sites, a cluster
//! after a partition), the pull reads every leaf, merges each into the
//! device field by field, and resolves the conflict on the server (the merge
//! written on the winner, the losing leaves deleted, in one `_bulk_docs`).
//! So every device and every server converge.
//!
//! The app only carries requests; everything here is tested natively
//! against an in-memory server that can fail at any request.

mod docs;
mod session;
#[cfg(test)]
mod test_server;
#[cfg(test)]
mod tests;

pub use docs::{Held, Known};
pub use session::{
    basic_auth, checkpoint_id, database_url, session_body, session_url, sync, Answer, Couch, Method, SettingsError,
    Store, SyncState, Synced, Unreachable,
};

/// Why a sync stopped. Local data is intact in every case; the next sync
/// resumes from the last checkpoint.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    #[error("the server could not be reached")]
    Unreachable,
    #[error("the server refused the user name or password")]
    Unauthorized,
    #[error("the database does not exist on the server")]
    NoDatabase,
    #[error("the server answered with status {0}")]
    Status(u16),
    #[error("the server's answer is not what a CouchDB database sends: {0}")]
    Garbage(String),
}

impl From<Unreachable> for SyncError {
    fn from(_: Unreachable) -> Self {
        Self::Unreachable
    }
}
