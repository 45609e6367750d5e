//! The store: the replica this device holds, the clock that stamps its
//! changes, and the pipeline that saves them.
//!
//! The replica is not a signal: each kind of record has a trigger of its
//! own, so a view re-runs when the kinds it reads change (People when people
//! change, not when someone checks in). Typed reads are shared, never a copy
//! of a kind per call (see `flok_core::Typed`).

use flok_core::model::{Agreement, Cancellation, CheckIn, FollowUp, Person, Settings, SignUp, KINDS};
use flok_core::replica::MergeSummary;
use flok_core::{Clock, Entity, Id, Millis, Replica, Stamp, Typed};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::perf;
use crate::storage::{self, Heard, LoadError, Migration, SaveError};

/// Check-ins, cancellations, sign-ups and conversations held made longer ago
/// than this are read after the first screen is drawn: two months, so an open stay and the
/// recent and coming weeks are always there.
pub(super) const RECENT_MS: u64 = 62 * 24 * 60 * 60 * 1000;

/// Something the person must know about their data, shown above every page
/// (in their language: the words are chosen where it is shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The saved data could not be loaded; nothing was lost. Stays until dismissed.
    NotLoaded(LoadError),
    /// A change could not be saved; it is kept in the tab, and an export is
    /// offered. Goes once a save succeeds.
    NotSaved(SaveError),
}

#[derive(Clone, Copy)]
pub struct Store {
    replica: StoredValue<Replica>,
    clock: StoredValue<Clock>,
    /// One per kind in [`KINDS`], and one for the rest (a kind a newer
    /// Flok wrote).
    kinds: [Trigger; KINDS.len() + 1],
    /// Notified by each change made on this device (not by merges).
    made: Trigger,
    /// Counts replacements of the whole replica (another tab undid an import).
    replaced: StoredValue<u64>,
    /// The replica's version up to which every record is stored.
    saved: StoredValue<u64>,
    pub notice: RwSignal<Option<Notice>>,
    /// Whether the saved data a first screen needs has been read (pages
    /// wait before saying "empty"): all but the older check-ins,
    /// cancellations, sign-ups and conversations.
    pub loaded: RwSignal<bool>,
    /// Whether every saved record has been read, the years of check-ins,
    /// cancellations, sign-ups and conversations too: what reports, the
    /// follow-ups due, exports, imports and sync wait for.
    pub history: RwSignal<bool>,
    /// Saves still being written; leaving the page now could lose them.
    pub saving: RwSignal<u32>,
    /// Counts requests to keep the first screen's copy (the last one wins).
    pub(super) keeping: StoredValue<u32>,
    /// Whether the latest save failed.
    pub save_failed: RwSignal<bool>,
    /// How this build moves data an earlier build kept as one value.
    migration: Option<Migration>,
}

/// Where the store stands: equal marks mean nothing changed between them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    replaced: u64,
    version: u64,
}

/// One change being made: what it writes, stamped once, and which kinds it touches.
pub struct Edit<'a> {
    replica: &'a mut Replica,
    stamp: Stamp,
    kinds: Vec<&'static str>,
}

impl Edit<'_> {
    /// Writes `value` as record `id`.
    pub fn put<T: Entity>(&mut self, id: Id, value: &T) {
        self.replica.put(id, value, self.stamp);
        self.kinds.push(T::KIND);
    }

    /// Deletes record `id` for good.
    pub fn remove<T: Entity>(&mut self, id: Id) {
        self.replica.remove::<T>(id, self.stamp);
        self.kinds.push(T::KIND);
    }
}

impl Store {
    /// Starts empty and loads what this device saved in the background; a
    /// problem becomes a notice, never a crash. Changes made before the load
    /// finishes are kept: loading merges, and saving merges with what is stored.
    pub fn start(migration: Option<Migration>) -> Self {
        let store = Self {
            replica: StoredValue::new(Replica::new()),
            clock: StoredValue::new(Clock::new(crate::prefs::device_id())),
            kinds: std::array::from_fn(|_| Trigger::new()),
            made: Trigger::new(),
            replaced: StoredValue::new(0),
            saved: StoredValue::new(0),
            notice: RwSignal::new(None),
            loaded: RwSignal::new(false),
            history: RwSignal::new(false),
            saving: RwSignal::new(0),
            keeping: StoredValue::new(0),
            save_failed: RwSignal::new(false),
            migration,
        };
        spawn_local(async move {
            let loading = perf::begin("flok:load");
            // The last two months of check-ins, cancellations, sign-ups and conversations, and everything else.
            let since = now_millis().saturating_sub(RECENT_MS);
            let recent = storage::load_recent(since, migration).await;
            store.absorb_stored(recent.replica);
            perf::end("flok:load", loading);
            if let Some(error) = recent.problem {
                store.notice.set(Some(Notice::NotLoaded(error)));
            }
            store.loaded.set(true);
            // The page the person opened, drawn with their data.
            request_animation_frame(|| perf::mark("flok:first-render"));
            store.read_history(recent.history_before).await;
            store.keep_first_screen().await;
        });
        store.keep_first_screen_on_leaving();
        // Another tab saved: merge what it stored, so both show the same.
        // Another tab undid an import: take the stored data as it is.
        storage::on_save_elsewhere(move |heard| {
            spawn_local(async move {
                match heard {
                    Heard::Records(keys) => store.absorb_stored(storage::load_records(&keys).await),
                    Heard::Replaced => store.replace(storage::load(store.migration).await.0),
                }
            })
        });
        store
    }

    #[inline(never)]
    fn trigger(&self, kind: &str) -> Trigger {
        self.kinds[KINDS.iter().position(|k| *k == kind).unwrap_or(KINDS.len())]
    }

    /// Makes the running view re-run when any of these kinds changes.
    #[inline(never)]
    pub fn track(&self, kinds: &[&str]) {
        kinds.iter().for_each(|kind| self.trigger(kind).track());
    }

    /// Makes the running view re-run when anything changes.
    #[inline(never)]
    pub fn track_all(&self) {
        self.kinds.iter().for_each(Trigger::track);
    }

    /// Makes the running view re-run after each change made on this device.
    pub fn track_made(&self) {
        self.made.track();
    }

    /// Every live record of kind `T`, shared; the view re-runs when that kind changes.
    pub fn all<T: Entity>(&self) -> Typed<T> {
        self.trigger(T::KIND).track();
        self.replica.with_value(Replica::all::<T>)
    }

    /// Record `id` of kind `T`, if live; the view re-runs when that kind changes.
    pub fn read<T: Entity>(&self, id: Id) -> Option<T> {
        self.trigger(T::KIND).track();
        self.replica.with_value(|replica| replica.read::<T>(id))
    }

    /// Reads the replica; the view re-runs when any of `kinds` changes.
    pub fn with<R>(&self, kinds: &[&str], read: impl FnOnce(&Replica) -> R) -> R {
        self.track(kinds);
        self.replica.with_value(read)
    }

    /// Reads the replica without making the view depend on it.
    pub fn with_untracked<R>(&self, read: impl FnOnce(&Replica) -> R) -> R {
        self.replica.with_value(read)
    }

    /// Whether this device holds data an earlier build kept that only the
    /// whole app can move ([`LoadError::Earlier`]).
    pub fn needs_whole_app(&self) -> bool {
        self.notice.with(|notice| matches!(notice, Some(Notice::NotLoaded(LoadError::Earlier))))
    }

    /// A person's name as saved (empty once they are deleted).
    #[inline(never)]
    pub fn name_of(&self, id: Id) -> String {
        self.read::<Person>(id).map(|p| p.name.into()).unwrap_or_default()
    }

    /// The group's settings (defaults until someone changes them).
    #[inline(never)]
    pub fn settings(&self) -> Settings {
        self.trigger(Settings::KIND).track();
        self.settings_untracked()
    }

    /// The group's settings, without making the view depend on them.
    pub fn settings_untracked(&self) -> Settings {
        self.with_untracked(|replica| replica.read::<Settings>(Settings::ID)).unwrap_or_default()
    }

    /// Where the store stands now.
    pub fn mark(&self) -> Mark {
        Mark { replaced: self.replaced.get_value(), version: self.with_untracked(Replica::version) }
    }

    /// Makes one change, stamped now, and saves it.
    pub fn change(&self, edit: impl FnOnce(&mut Edit)) {
        let stamp = self.stamp();
        let kinds = self.replica.try_update_value(|replica| {
            let mut change = Edit { replica, stamp, kinds: Vec::new() };
            edit(&mut change);
            change.kinds
        });
        self.announce_kinds(&kinds.unwrap_or_default());
        self.changed_here();
    }

    /// After a change made on this device: saves it, and tells who waits
    /// for such changes (the sync).
    pub fn changed_here(&self) {
        self.made.notify();
        self.save();
    }

    /// Re-runs the views of these kinds.
    pub(super) fn announce_kinds(&self, kinds: &[&str]) {
        kinds.iter().for_each(|kind| self.trigger(kind).notify());
    }

    /// A stamp for a change made now.
    pub(super) fn stamp(&self) -> Stamp {
        let now = now_millis();
        self.clock.try_update_value(|clock| clock.tick(now)).expect("the store lives as long as the app")
    }

    /// Merges records from elsewhere (storage, a file, a sync), moves the
    /// clock past them so this device's next change sorts after them, and
    /// re-runs the views of the kinds that changed.
    pub fn merge(&self, other: &Replica) -> MergeSummary {
        self.observe(other);
        let summary = self.replica.try_update_value(|replica| replica.merge(other)).unwrap_or_default();
        self.announce(&summary);
        if !summary.is_empty() {
            self.move_merged_records();
        }
        // A deletion, or a text about someone deleted, may have come in.
        if [Person::KIND, Agreement::KIND, FollowUp::KIND, Cancellation::KIND]
            .iter()
            .any(|kind| summary.kinds.contains_key(*kind))
        {
            self.erase_about_deleted();
        }
        summary
    }

    /// Moves the clock past every stamp of `other`.
    pub fn observe(&self, other: &Replica) {
        if let Some(latest) = other.latest_stamp() {
            self.observe_stamp(latest);
        }
    }

    /// Moves the clock past `stamp`.
    pub(super) fn observe_stamp(&self, stamp: Stamp) {
        self.clock.update_value(|clock| clock.observe(stamp));
    }

    /// Changes the replica without re-running any view (a slice of a long
    /// merge); [`Store::announce`] or [`Store::announce_all`] follows.
    pub fn update_quietly<R>(&self, change: impl FnOnce(&mut Replica) -> R) -> Option<R> {
        self.replica.try_update_value(change)
    }

    /// Re-runs the views of the kinds a merge changed.
    pub fn announce(&self, summary: &MergeSummary) {
        summary.kinds.keys().for_each(|kind| self.trigger(kind).notify());
    }

    /// Re-runs every view of the data.
    pub fn announce_all(&self) {
        self.kinds.iter().for_each(Trigger::notify);
    }

    /// Merges records read from storage. What they change is stored already,
    /// unless this tab holds changes not yet saved: then all is saved with them.
    fn absorb_stored(&self, stored: Replica) {
        let (empty, all_saved) = self.with_untracked(|r| (r.is_empty(), r.version() == self.saved.get_value()));
        if empty && !stored.is_empty() {
            // At start: taken as it is, typed copies and all, not merged record by record.
            self.observe(&stored);
            self.saved.set_value(stored.version());
            self.replica.set_value(stored);
            self.announce_all();
            // Saved by a build that did not erase yet, or cut short before it did.
            self.move_merged_records();
            self.erase_about_deleted();
            return;
        }
        self.merge(&stored);
        if all_saved {
            self.saved.set_value(self.with_untracked(Replica::version));
        }
    }

    /// Reads the older records a batch at a time, letting the page through
    /// between batches; then pages that need the years see them at once.
    async fn read_history(&self, since: u64) {
        let store = *self;
        let started = perf::begin("flok:load-history");
        let problem = storage::load_history(since, |batch| async move {
            let all_saved = store.with_untracked(|r| r.version() == store.saved.get_value());
            store.observe(&batch);
            store.update_quietly(|replica| {
                replica.merge(&batch);
                flok_core::model::refresh_typed(replica);
            });
            if all_saved {
                store.saved.set_value(store.with_untracked(Replica::version));
            }
            crate::slices::next_task().await;
        })
        .await;
        perf::end("flok:load-history", started);
        if let Some(error) = problem {
            self.notice.set(Some(Notice::NotLoaded(error)));
        }
        self.announce_kinds(&[CheckIn::KIND, Cancellation::KIND, SignUp::KIND, FollowUp::KIND]);
        self.history.set(true);
        // A record of the years may name someone merged since.
        self.move_merged_records();
    }

    /// Waits until every saved record has been read (see [`Store::history`]).
    pub async fn all_read(&self) {
        while !self.history.get_untracked() {
            crate::slices::pause(50).await;
        }
    }

    /// The replica's version up to which every record is stored.
    pub(super) fn saved_version(&self) -> u64 {
        self.saved.get_value()
    }

    /// Notes that every record up to `version` is stored.
    pub(super) fn saved_up_to(&self, version: u64) {
        self.saved.update_value(|saved| *saved = (*saved).max(version));
    }

    /// Takes the stored data as it is (another tab undid an import).
    fn replace(&self, stored: Replica) {
        self.replaced.update_value(|n| *n += 1);
        self.saved.set_value(stored.version());
        self.replica.set_value(stored);
        self.announce_all();
    }
}

/// This device's clock, in milliseconds since 1970 (UTC).
pub fn now_millis() -> Millis {
    u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap_or(0)
}
