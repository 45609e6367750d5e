//! Saving: the records changed since the last save go to storage in
//! slices, and how it went is told (a failure until a save succeeds). Once
//! saves settle, the first screen's copy is taken again (each save of a
//! record drops it).

use flok_core::{Record, RecordKey, Replica};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::store::{now_millis, RECENT_MS};
use super::wall_today;
use super::{Notice, Store};
use crate::storage::{self, SaveError};

/// Records copied out and handed to one storage write: the write itself
/// waits for the database between its batches.
const SAVED_PER_WRITE: usize = 400;
/// How long saves must have settled before the first screen's copy is
/// taken: a burst of changes (a sync, an import, taps) takes it once.
const KEEP_AFTER_MS: i32 = 3_000;

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
        self.keep_first_screen_soon();
    }

    /// Takes the first screen's copy for the next start once saves have
    /// settled for a moment (and everything is read).
    pub(super) fn keep_first_screen_soon(&self) {
        let store = *self;
        let Some(ticket) = self.keeping.try_update_value(|n| {
            *n += 1;
            *n
        }) else {
            return;
        };
        spawn_local(async move {
            crate::slices::pause(KEEP_AFTER_MS).await;
            if store.keeping.try_get_value() == Some(ticket) {
                store.keep_first_screen().await;
            }
        });
    }

    /// Takes the first screen's copy when the person leaves the page (a
    /// phone may end it there), rather than after the moment's wait.
    pub(super) fn keep_first_screen_on_leaving(&self) {
        let store = *self;
        let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().hidden() {
                store.keeping.update_value(|n| *n += 1);
                spawn_local(async move { store.keep_first_screen().await });
            }
        });
    }

    /// Takes the first screen's copy now, unless a save is under way or the
    /// years are not all read (a later call takes it), there is nothing to
    /// copy, or the last save failed (the copy would take room a full
    /// storage lacks).
    pub(super) async fn keep_first_screen(&self) {
        let settled = self.saving.get_untracked() == 0 && !self.save_failed.get_untracked();
        if settled && self.history.get_untracked() && !self.with_untracked(Replica::is_empty) {
            // Without a copy the next start reads the records: slower, the same data.
            let keeping = crate::perf::begin("flok:keep-first-screen");
            let coming = || self.with_untracked(|replica| flok_core::shifts::coming_notices(replica, wall_today()));
            let _ = storage::keep_first_screen(now_millis().saturating_sub(RECENT_MS), coming).await;
            crate::perf::end("flok:keep-first-screen", keeping);
        }
    }
}
