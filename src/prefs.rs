//! What this device keeps about itself in localStorage: its id, who uses
//! it, its language, coordinator mode, its sync settings, its last export.
//! Small, synchronous facts, never the group's data (that is
//! [`crate::storage`]'s).

use gloo_storage::{LocalStorage, Storage};

use crate::i18n::Lang;
use crate::sync::SyncSettings;
use flok_core::DeviceId;

/// This installation's device id: made once, never taken from a file.
pub const DEVICE_KEY: &str = "flok.device";
/// Who uses this device (a person's id): a fact about the device, not the group.
pub const ME_KEY: &str = "flok.me";
/// The language chosen on this device; absent to follow the browser.
pub const LANGUAGE_KEY: &str = "flok.language";
/// "on" when this device shows the coordinator pages (the loader in
/// `index.html` reads it too: such a phone starts the whole app).
pub const COORDINATOR_KEY: &str = "flok.coordinator";
/// Where and as whom this device syncs live (JSON of [`SyncSettings`]).
pub const SYNC_KEY: &str = "flok.sync";
/// When this device last synced well.
pub const SYNCED_AT_KEY: &str = "flok.synced-at";
/// The day this device last exported (a fact about the device, not the group).
pub const LAST_EXPORT_KEY: &str = "flok.last-export";
/// The files this device sent lately (JSON of [`Sent`]s), newest first.
pub const SENT_KEY: &str = "flok.sent";
/// How many sent files are remembered for "changes since".
const SENT_KEPT: usize = 5;
/// Where earlier builds kept data in localStorage; moved into records on
/// first load, then removed.
pub const LEGACY_KEYS: [&str; 2] = ["flok.replica", "flok.people"];

fn local_available() -> bool {
    web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))))
}

/// The text kept under `key`, if any.
pub fn raw(key: &str) -> Option<String> {
    local_available().then(|| LocalStorage::raw().get_item(key).ok().flatten()).flatten()
}

/// This installation's device id, made and kept on first use.
pub fn device_id() -> DeviceId {
    if let Some(id) = raw(DEVICE_KEY).and_then(|text| text.parse().ok()) {
        return id;
    }
    let id = DeviceId::random();
    // If this fails the next start makes another id: harmless, as ids only
    // need to differ between devices.
    if local_available() {
        let _ = LocalStorage::raw().set_item(DEVICE_KEY, &id.to_string());
    }
    id
}

/// Who uses this device, if chosen.
pub fn me() -> Option<flok_core::Id> {
    raw(ME_KEY).and_then(|text| text.parse().ok())
}

/// Keeps who uses this device; `None` forgets it.
pub fn set_me(me: Option<flok_core::Id>) {
    keep(ME_KEY, me.map(|id| id.to_string()).as_deref());
}

/// Whether this device shows the coordinator pages.
pub fn coordinator() -> bool {
    raw(COORDINATOR_KEY).as_deref() == Some("on")
}

/// Keeps whether this device shows the coordinator pages.
pub fn set_coordinator(on: bool) {
    keep(COORDINATOR_KEY, Some(if on { "on" } else { "off" }));
}

/// Keeps one of the device's own choices; `None` removes it.
fn keep(key: &str, value: Option<&str>) {
    if local_available() {
        match value {
            Some(value) => {
                let _ = LocalStorage::raw().set_item(key, value);
            }
            None => LocalStorage::delete(key),
        }
    }
}

/// The sync settings kept on this device, if any (and still usable).
pub fn sync_settings() -> Option<SyncSettings> {
    raw(SYNC_KEY).and_then(|text| serde_json::from_str::<SyncSettings>(&text).ok()).filter(|s| s.target().is_ok())
}

/// Keeps the sync settings; `None` forgets them, with the password.
pub fn set_sync_settings(settings: Option<&SyncSettings>) {
    let text = settings.and_then(|s| serde_json::to_string(s).ok());
    keep(SYNC_KEY, text.as_deref());
    if settings.is_none() {
        keep(SYNCED_AT_KEY, None);
    }
}

/// When this device last synced well.
pub fn synced_at() -> Option<chrono::NaiveDateTime> {
    raw(SYNCED_AT_KEY).and_then(|text| text.parse().ok())
}

/// Notes a sync that ended well.
pub fn record_sync(at: chrono::NaiveDateTime) {
    use chrono::Timelike;
    let (date, time) = (at.date(), at.time());
    keep(SYNCED_AT_KEY, Some(&format!("{date}T{:02}:{:02}:{:02}", time.hour(), time.minute(), time.second())));
}

/// The language chosen on this device, if one was.
pub fn chosen_language() -> Option<Lang> {
    raw(LANGUAGE_KEY).and_then(|code| Lang::from_code(&code))
}

/// Keeps the language choice; `None` follows the browser again.
pub fn choose_language(choice: Option<Lang>) {
    keep(LANGUAGE_KEY, choice.map(Lang::code));
}

/// The languages the browser asks for, most wanted first.
pub fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map_or_else(Vec::new, |w| w.navigator().languages().iter().filter_map(|l| l.as_string()).collect())
}

/// The day this device last exported, if ever.
pub fn last_export() -> Option<chrono::NaiveDate> {
    raw(LAST_EXPORT_KEY).and_then(|text| text.parse().ok())
}

/// Notes that this device exported today.
pub fn record_export(day: chrono::NaiveDate) {
    if local_available() {
        let _ = LocalStorage::raw().set_item(LAST_EXPORT_KEY, &day.to_string());
    }
}

/// A file this device sent (a full export or changes): the day, and what
/// it held, so a later file of changes need carry only what is newer.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sent {
    pub day: chrono::NaiveDate,
    pub seen: flok_core::sharing::Seen,
}

/// The files this device sent lately, newest first.
pub fn sent_files() -> Vec<Sent> {
    raw(SENT_KEY).and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default()
}

/// Notes a file sent; one sent earlier the same day is replaced.
pub fn record_sent(sent: Sent) {
    let mut files = sent_files();
    files.retain(|earlier| earlier.day != sent.day);
    files.insert(0, sent);
    files.truncate(SENT_KEPT);
    if let Ok(text) = serde_json::to_string(&files) {
        keep(SENT_KEY, Some(&text));
    }
}

/// Forgets one of the device's facts (or data an earlier build kept here).
pub fn forget(key: &str) {
    keep(key, None);
}

/// Forgets every fact Flok keeps here, with what earlier builds kept.
pub fn forget_all() {
    let keys = [DEVICE_KEY, LAST_EXPORT_KEY, SENT_KEY, LANGUAGE_KEY, ME_KEY, COORDINATOR_KEY, SYNC_KEY, SYNCED_AT_KEY];
    for key in LEGACY_KEYS.into_iter().chain(keys) {
        forget(key);
    }
}
