//! Saving: the records changed since the last save go to storage in
//! slices, and how it went is told (a failure until a save succeeds).

use flok_core::{Record, RecordKey, Replica};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{Notice, Store};
use crate::storage::{self, SaveError};

/// Records copied out and handed to one storage write: the write itself
/// waits for the database between its batches.
const SAVED_PER_WRITE: usize = 400;

impl Store {
    /// Saves what changed, in the background.
    pub fn save(&self) {
        self.write(self.store_changes());
    }

    /// Stores the records changed since the last save, a slice at a time
    /// (an import changes thousands); a failed save leaves them to the next one.
    pub async fn store_changes(self) -> Result<(), SaveError> {
        let (since, version) = (self.saved_version(), self.with_untracked(Replica::version));
        let mut after = None;
        loop {
            // Copied as they are now: a slice may wait for the one before. A
            // record changed meanwhile behind `after` goes with the next save.
            let records: Vec<(RecordKey, Record)> = self.with_untracked(|replica| {
                let changed = replica.changed_since_after(since, after.as_ref()).take(SAVED_PER_WRITE);
                changed.map(|(key, record)| (key.clone(), record.clone())).collect()
            });
            let Some((last, _)) = records.last() else { break };
            after = Some(last.clone());
            storage::save(&records.iter().map(|(key, record)| (key, record)).collect::<Vec<_>>()).await?;
        }
        self.saved_up_to(version);
        Ok(())
    }

    /// Runs a write to storage in the background.
    pub fn write(&self, write: impl std::future::Future<Output = Result<(), SaveError>> + 'static) {
        let store = *self;
        spawn_local(async move { store.written(write).await });
    }

    /// Runs a write to storage, counting it while it runs and reporting how
    /// it ended. A failure is told until a write succeeds; a notice about
    /// loading stays until the person dismisses it.
    pub async fn written(&self, write: impl std::future::Future<Output = Result<(), SaveError>>) {
        self.saving.update(|n| *n += 1);
        let result = write.await;
        self.save_failed.set(result.is_err());
        match result {
            Err(error) => self.notice.set(Some(Notice::NotSaved(error))),
            Ok(()) if self.notice.with_untracked(|n| matches!(n, Some(Notice::NotSaved(_)))) => self.notice.set(None),
            Ok(()) => {}
        }
        self.saving.update(|n| *n -= 1);
    }
}
