//! When the store syncs with its CouchDB database: soon after a change, at
//! start, every minute while the app is seen and online, and when asked. The
//! core's sync steps over the store itself (lent a step at a time), never
//! over a copy; this file keeps the sync state between syncs and stores it
//! after the records it describes.

use flok_core::couch::{self, SettingsError, SyncState};
use flok_core::replica::MergeSummary;
use flok_core::{DeviceId, Replica};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{wall_now, Imports, Notice, Store};
use crate::perf;
use crate::prefs;
use crate::storage;
use crate::sync::{SyncSettings, SyncStatus};

/// How long after a change a sync starts, so a burst of taps is one sync.
const SYNC_AFTER_CHANGE: std::time::Duration = std::time::Duration::from_secs(2);
/// How often an open, visible, online app syncs to hear of others' changes.
const SYNC_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

#[derive(Clone, Copy)]
pub struct LiveSync {
    store: Store,
    imports: Imports,
    device: DeviceId,
    /// Where this device syncs live, if it does.
    pub settings: RwSignal<Option<SyncSettings>>,
    pub status: RwSignal<SyncStatus>,
    /// What this device knows of its database: read from storage once, then
    /// kept here and stored after each sync.
    known: StoredValue<Option<SyncState>>,
    /// A sync was asked for while one ran: run another when it ends.
    again: StoredValue<bool>,
    /// The sync that waits for a moment of quiet after a change.
    timer: StoredValue<Option<TimeoutHandle>>,
}

/// The store, as the core's sync reaches it.
struct Lent(Store);

impl couch::Store for Lent {
    fn read<R>(&self, read: impl FnOnce(&Replica) -> R) -> R {
        self.0.with_untracked(read)
    }

    fn merge(&mut self, incoming: &Replica) -> MergeSummary {
        self.0.merge(incoming)
    }
}

impl LiveSync {
    /// Syncs once the saved data is loaded, then as described above.
    pub fn start(store: Store, imports: Imports) -> Self {
        let sync = Self {
            store,
            imports,
            device: prefs::device_id(),
            settings: RwSignal::new(prefs::sync_settings()),
            status: RwSignal::new(SyncStatus { synced_at: prefs::synced_at(), ..SyncStatus::default() }),
            known: StoredValue::new(None),
            again: StoredValue::new(false),
            timer: StoredValue::new(None),
        };
        // All read, the years too: sync. (Data that could not be read waits for the person.)
        Effect::new(move |_| {
            let unreadable = store.notice.with(|n| matches!(n, Some(Notice::NotLoaded(_))));
            if store.history.get() && !unreadable {
                sync.now();
            }
        });
        // A change made here: sync soon (not at the effect's first run).
        Effect::new(move |first: Option<()>| {
            store.track_made();
            if first.is_some() {
                sync.soon();
            }
        });
        // Back online, back in view, or a minute on: hear what others changed.
        let _ = window_event_listener(leptos::ev::online, move |_| sync.now());
        let _ = window_event_listener(leptos::ev::visibilitychange, move |_| sync.when_seen());
        let _ = set_interval_with_handle(move || sync.when_seen(), SYNC_EVERY);
        sync
    }

    /// Keeps new sync settings and syncs at once, or forgets them (`None`);
    /// settings that cannot be used are refused and change nothing. Where
    /// the server opens a cookie session, the password is not kept.
    pub fn set_settings(&self, settings: Option<SyncSettings>) -> Result<(), SettingsError> {
        let Some(settings) = settings else {
            prefs::set_sync_settings(None);
            self.status.set(SyncStatus::default());
            self.settings.set(None);
            return Ok(());
        };
        settings.target()?;
        self.status.set(SyncStatus { running: true, ..SyncStatus::default() });
        let sync = *self;
        spawn_local(async move {
            let settings = settings.with_session().await;
            prefs::set_sync_settings(Some(&settings));
            sync.status.set(SyncStatus::default());
            sync.settings.set(Some(settings));
            sync.now();
        });
        Ok(())
    }

    /// Syncs in a moment, unless another change comes first.
    fn soon(&self) {
        if self.settings.with_untracked(Option::is_none) {
            return;
        }
        if let Some(Some(waiting)) = self.timer.try_get_value() {
            waiting.clear();
        }
        let sync = *self;
        self.timer.set_value(set_timeout_with_handle(move || sync.now(), SYNC_AFTER_CHANGE).ok());
    }

    /// Syncs if the app is on screen and the device online.
    fn when_seen(&self) {
        if !document().hidden() && window().navigator().on_line() {
            self.now();
        }
    }

    /// Syncs now with the database in the settings, if any. One sync runs at
    /// a time; one asked for meanwhile follows it.
    pub fn now(&self) {
        let Some(mut target) = self.settings.get_untracked().and_then(|s| s.target().ok()) else { return };
        if self.status.with_untracked(|s| s.running) {
            self.again.set_value(true);
            return;
        }
        self.status.update(|s| s.running = true);
        // What an import brought is about to travel: undoing it here alone would not take it back.
        self.imports.forget();
        let sync = *self;
        spawn_local(async move {
            let url = target.url.clone();
            // Kept from the last sync; else (first sync, or another database) as stored.
            let mut state = match sync.known.try_update_value(Option::take).flatten().filter(|k| k.target == url) {
                Some(kept) => kept,
                None => storage::sync_state().await.filter(|s| s.target == url).unwrap_or_else(|| SyncState::new(&url)),
            };
            let (device, since) = (sync.device.to_string(), state.since.clone());
            // One tab syncs at a time: two would race for the checkpoint (a 409).
            let result = crate::web_lock::with_lock("flok-sync", async {
                let syncing = perf::begin("flok:sync");
                let result = couch::sync(&mut target, &device, &mut Lent(sync.store), &mut state).await;
                perf::end("flok:sync", syncing);
                result
            })
            .await;
            // Nothing pulled, pushed or waiting: what the state says is stored already.
            let unchanged = state.since == since && result.as_ref().is_ok_and(|s| s.sent == 0 && s.waiting == 0);
            let text = (!unchanged).then(|| state.to_json());
            sync.known.set_value(Some(state));
            // The records first: the sync state must never say the server
            // holds what this device has not kept. Kept even when the sync
            // failed part-way: it only gained merged records.
            let store = sync.store;
            store
                .written(async move {
                    store.store_changes().await?;
                    match text {
                        Some(text) => storage::save_sync_state(&text).await,
                        None => Ok(()),
                    }
                })
                .await;
            let at = wall_now();
            if result.is_ok() {
                prefs::record_sync(at);
            }
            sync.status.update(|status| {
                status.running = false;
                match result {
                    Ok(done) => {
                        status.synced_at = Some(at);
                        status.last = Some(done);
                        status.error = None;
                    }
                    Err(error) => status.error = Some(error),
                }
            });
            if sync.again.try_update_value(std::mem::take) == Some(true) {
                sync.now();
            }
        });
    }
}
