//! The replica in the browser's localStorage, through gloo-storage.
//!
//! The whole replica is one key holding an export file (compact JSON), and
//! `setItem` replaces a key whole: a crash or a closed tab mid-save leaves the
//! previous state, never half of one. Before writing, a save merges what is
//! stored (another tab may have saved since), so two tabs never overwrite each
//! other's records. A value this version cannot read is moved aside, never
//! overwritten.

use flok_core::export::{self, ImportError};
use flok_core::{DeviceId, Replica};
use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};

/// Where the replica is kept.
pub const REPLICA_KEY: &str = "flok.replica";
/// This installation's device id: made once, never taken from a file.
pub const DEVICE_KEY: &str = "flok.device";
/// Where Flok 0.1 kept its list of people; migrated on first load.
pub const LEGACY_PEOPLE_KEY: &str = "flok.people";
/// The day this device last exported (a fact about the device, not the group).
pub const LAST_EXPORT_KEY: &str = "flok.last-export";
/// Prefix of the keys an unreadable value is moved to, with a time stamp.
pub const UNREADABLE_PREFIX: &str = "flok.unreadable.";

/// Why the saved data could not be loaded. Nothing is lost in either case.
#[derive(Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The browser offers no storage (e.g. a private window that blocks it).
    Unavailable,
    /// The saved data made no sense to this version; it was copied to `kept_as`.
    Unreadable { kept_as: String, reason: ImportError },
}

/// Why a save did not happen. The change is still in the open tab.
#[derive(Debug, PartialEq, Eq)]
pub enum SaveError {
    Unavailable,
    /// The browser's quota for this site is used up.
    Full,
    Failed(String),
}

fn available() -> bool {
    web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))))
}

fn raw(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// This installation's device id, made and kept on first use.
pub fn device_id() -> DeviceId {
    if !available() {
        return DeviceId::random();
    }
    if let Some(id) = raw(DEVICE_KEY).and_then(|text| text.parse().ok()) {
        return id;
    }
    let id = DeviceId::random();
    // If this fails the next start makes another id: harmless, as ids only
    // need to differ between devices.
    let _ = LocalStorage::raw().set_item(DEVICE_KEY, &id.to_string());
    id
}

/// The replica saved on this device; empty the first time. Data from Flok
/// 0.1 is migrated (its key is removed after the first successful save).
pub fn load() -> Result<Replica, LoadError> {
    if !available() {
        return Err(LoadError::Unavailable);
    }
    for key in [REPLICA_KEY, LEGACY_PEOPLE_KEY] {
        if let Some(text) = raw(key) {
            return export::read(text.as_bytes()).map_err(|reason| move_aside(key, &text, reason));
        }
    }
    Ok(Replica::new())
}

/// Copies an unreadable value to a key of its own and clears the original,
/// so the next save cannot destroy it and a person can still recover it.
fn move_aside(key: &str, text: &str, reason: ImportError) -> LoadError {
    let kept_as = format!("{UNREADABLE_PREFIX}{}", chrono::Utc::now().timestamp_millis());
    if LocalStorage::raw().set_item(&kept_as, text).is_ok() {
        LocalStorage::delete(key);
        LoadError::Unreadable { kept_as, reason }
    } else {
        // No room to copy it: leave it under its own key, untouched.
        LoadError::Unreadable { kept_as: key.to_owned(), reason }
    }
}

/// Saves the replica, first merging in what another tab may have stored.
pub fn save(replica: &mut Replica) -> Result<(), SaveError> {
    if !available() {
        return Err(SaveError::Unavailable);
    }
    if let Some(stored) = raw(REPLICA_KEY).and_then(|text| export::read(text.as_bytes()).ok()) {
        replica.merge(&stored);
    }
    LocalStorage::set(REPLICA_KEY, export::to_value(replica)).map_err(|error| match error {
        StorageError::JsError(js) if js.name == "QuotaExceededError" => SaveError::Full,
        other => SaveError::Failed(other.to_string()),
    })?;
    LocalStorage::delete(LEGACY_PEOPLE_KEY);
    Ok(())
}

/// The day this device last exported, if ever.
pub fn last_export() -> Option<chrono::NaiveDate> {
    available().then(|| raw(LAST_EXPORT_KEY)).flatten().and_then(|text| text.parse().ok())
}

/// Notes that this device exported today.
pub fn record_export(day: chrono::NaiveDate) {
    if available() {
        let _ = LocalStorage::raw().set_item(LAST_EXPORT_KEY, &day.to_string());
    }
}

/// Asks the browser to keep Flok's data even when space runs low or the
/// site goes unused (Safari otherwise may delete it after seven days).
/// Resolves to whether the browser agreed.
pub async fn request_persistence() -> bool {
    let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else {
        return false;
    };
    let Ok(promise) = storage.persist() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok_and(|granted| granted.is_truthy())
}
