//! The people list in the browser's localStorage, through gloo-storage.
//!
//! One key holds one versioned document, and `setItem` replaces a key whole,
//! so a save is either done or not: a closed tab never leaves half a list.
//! A value this version cannot read is moved aside, never overwritten.

use flok_core::People;
use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

/// Where the people list is kept.
pub const PEOPLE_KEY: &str = "flok.people";
/// Prefix of the keys an unreadable list is moved to, with a time stamp.
pub const UNREADABLE_PREFIX: &str = "flok.people.unreadable.";
/// The version of the stored document this build writes and reads.
const VERSION: u32 = 1;

/// The stored document; generic so a save can borrow what a load owns.
#[derive(Serialize, Deserialize)]
struct Stored<P> {
    version: u32,
    people: P,
}

/// Why the saved list could not be loaded. Nothing is lost in either case.
#[derive(Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The browser offers no storage (e.g. a private window that blocks it).
    Unavailable,
    /// The saved list made no sense to this version; it was copied to `kept_as`.
    Unreadable { kept_as: String, reason: String },
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

/// The people saved on this device; an empty list the first time.
pub fn load_people() -> Result<People, LoadError> {
    if !available() {
        return Err(LoadError::Unavailable);
    }
    match LocalStorage::get::<Stored<People>>(PEOPLE_KEY) {
        Ok(stored) if stored.version == VERSION => Ok(stored.people),
        Ok(stored) => Err(move_aside(format!(
            "it was written by a newer Flok (version {})",
            stored.version
        ))),
        Err(StorageError::KeyNotFound(_)) => Ok(People::new()),
        Err(error) => Err(move_aside(error.to_string())),
    }
}

/// Copies the unreadable value to a key of its own and clears the main key,
/// so the next save cannot destroy it and a person can still recover it.
fn move_aside(reason: String) -> LoadError {
    let storage = LocalStorage::raw();
    let kept_as = format!(
        "{UNREADABLE_PREFIX}{}",
        chrono::Utc::now().timestamp_millis()
    );
    let copied = storage
        .get_item(PEOPLE_KEY)
        .ok()
        .flatten()
        .is_some_and(|raw| storage.set_item(&kept_as, &raw).is_ok());
    if copied {
        LocalStorage::delete(PEOPLE_KEY);
        LoadError::Unreadable { kept_as, reason }
    } else {
        // No room to copy it: leave it where it is, under its own key.
        LoadError::Unreadable {
            kept_as: PEOPLE_KEY.to_owned(),
            reason,
        }
    }
}

/// Saves the whole list under one key, replacing the previous one atomically.
pub fn save_people(people: &People) -> Result<(), SaveError> {
    if !available() {
        return Err(SaveError::Unavailable);
    }
    let stored = Stored {
        version: VERSION,
        people,
    };
    LocalStorage::set(PEOPLE_KEY, &stored).map_err(|error| match error {
        StorageError::JsError(js) if js.name == "QuotaExceededError" => SaveError::Full,
        other => SaveError::Failed(other.to_string()),
    })
}
