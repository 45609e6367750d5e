//! Importing a file: checked and previewed without changing anything, merged
//! in slices, and undone (on this device, until anything else changes or a
//! sync carries the import on).

use std::sync::Arc;

use flok_core::import::{self, ImportPlan};
use flok_core::replica::{MergeSummary, Prior};
use flok_core::{export, RecordKey};
use leptos::prelude::*;

use super::store::{now_millis, Mark, Store};
use crate::perf;
use crate::slices::{self, Slice};
use crate::storage;

#[derive(Clone, Copy)]
pub struct Imports {
    store: Store,
    /// What the last import changed, as it was before, and where the store
    /// stood once it was in: undoable while the store still stands there.
    before: RwSignal<Option<(Mark, Prior)>>,
}

impl Imports {
    pub fn new(store: Store) -> Self {
        Self { store, before: RwSignal::new(None) }
    }

    /// Checks a file and works out what importing it would do; changes
    /// nothing. Done in slices: a five-year file does not freeze the page.
    pub async fn plan(&self, bytes: &[u8]) -> Result<ImportPlan, export::ImportError> {
        // Compared with everything stored, the years too.
        self.store.all_read().await;
        // Reading the file took the task before; checking starts afresh.
        slices::next_task().await;
        let started = perf::begin("flok:import-plan");
        let mut slice = Slice::start();
        let mut planning = import::Planning::start(bytes, now_millis())?;
        loop {
            if slice.spent() {
                slice.next().await;
            }
            let step = self.store.with_untracked(|local| planning.step(local, slices::RECORDS_PER_STEP))?;
            if let Some(plan) = step {
                perf::end("flok:import-plan", started);
                return Ok(plan);
            }
        }
    }

    /// Merges a planned import, in slices, and saves; it can be undone until
    /// the next change. Pages see the merged data once it is all in.
    pub async fn apply(&self, plan: Arc<ImportPlan>) -> MergeSummary {
        // A task of its own: the tap that asked for it has its page to draw.
        slices::next_task().await;
        let started = perf::begin("flok:import-merge");
        // Counted from here: taking the file's records over is part of the first slice.
        let mut slice = Slice::start();
        // Taken over rather than copied, so the file's records are let go of
        // as they are merged, not all at once at the end.
        let incoming = Arc::try_unwrap(plan).map_or_else(|shared| shared.incoming.clone(), |plan| plan.incoming);
        self.store.observe(&incoming);
        let (mut summary, mut before) = (MergeSummary::default(), Vec::new());
        let mut records = incoming.into_records();
        loop {
            let part: Vec<_> = records.by_ref().take(slices::RECORDS_PER_STEP).collect();
            if part.is_empty() {
                break;
            }
            self.store.update_quietly(|replica| {
                let (done, was) = replica.merge_undoably(part.iter().map(|(key, record)| (key, record)));
                summary.add(done);
                before.extend(was);
            });
            if slice.spent() {
                // Read typed now, a slice at a time, not by the next page all at once.
                self.store.with_untracked(flok_core::model::refresh_typed);
                slice.next().await;
            }
        }
        // The pages drawing the merged data get a task of their own too.
        slice.next().await;
        self.store.with_untracked(flok_core::model::refresh_typed);
        self.store.announce(&summary);
        perf::end("flok:import-merge", started);
        // Saved, and (with live sync) sent on soon, as a change made here.
        self.store.changed_here();
        // Moved and erased after the mark: undoing the import keeps both.
        self.store.move_merged_records();
        self.store.erase_about_deleted();
        self.before.set(Some((self.store.mark(), before)));
        summary
    }

    /// Whether the last import can still be undone.
    pub fn can_undo(&self) -> bool {
        self.store.track_all();
        self.before.with(|before| before.as_ref().is_some_and(|(mark, _)| *mark == self.store.mark()))
    }

    /// Gives up undoing the last import: what it brought is about to travel.
    pub fn forget(&self) {
        if self.before.with_untracked(Option::is_some) {
            self.before.set(None);
        }
    }

    /// Puts the data back as it was before the last import, here and in the
    /// stored copy (which other tabs then take as it is). Done in slices:
    /// undoing five years touches tens of thousands of records.
    pub fn undo(&self) {
        if !self.can_undo() {
            return;
        }
        let Some((_, mut before)) = self.before.try_update(Option::take).flatten() else { return };
        let store = self.store;
        store.write(async move {
            let keys: Vec<RecordKey> = before.iter().map(|(key, _)| key.clone()).collect();
            let mut slice = Slice::start();
            // Last change first, as `Replica::restore` does.
            while !before.is_empty() {
                let part = before.split_off(before.len().saturating_sub(slices::RECORDS_PER_STEP));
                store.update_quietly(|replica| replica.restore(part));
                if slice.spent() {
                    slice.next().await;
                }
            }
            // Every record is read typed afresh after a restore: a kind at a time.
            for refresh in flok_core::model::REFRESH_TYPED {
                slice.next().await;
                store.with_untracked(refresh);
            }
            slice.next().await;
            store.announce_all();
            // Stored as restored: what the import changed put back, what it added taken out.
            let records: Vec<_> = store.with_untracked(|replica| {
                keys.into_iter()
                    .map(|key| {
                        let now = replica.get(&key).cloned();
                        (key, now)
                    })
                    .collect()
            });
            storage::restore(&records).await
        });
    }
}
