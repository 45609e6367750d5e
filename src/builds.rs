//! Flok ships as two builds of one app: a volunteer's day (Today, My
//! shifts, Open slots: the small first download) and the whole app. The
//! loader in `index.html` starts the small one unless this device is in
//! coordinator mode, this tab already opened the whole app, or the address
//! is a first arrival only the whole app takes (joining, a file shared to
//! Flok or opened with it); a page the small build does not hold opens the
//! whole app in its place, as a reload that the loader answers with the
//! whole build. Both read the same stored data, so nothing is handed over
//! but the address.

use leptos::prelude::*;

use crate::state::Store;

/// The tab's note (sessionStorage) that it opened the whole app; the
/// loader in `index.html` reads it.
const WHOLE_APP_KEY: &str = "flok.whole-app";

/// Reloads into the whole app once every change is stored (a reload while
/// saving would ask the person whether to leave).
pub fn open_whole_app(store: Store) {
    Effect::new(move || {
        if store.saving.get() > 0 {
            return;
        }
        let noted = window().session_storage().ok().flatten().map(|tab| tab.set_item(WHOLE_APP_KEY, "1"));
        // The loader starts the small build only where it can read this
        // note back, so a reload cannot come back here.
        if matches!(noted, Some(Ok(()))) {
            let _ = window().location().reload();
        }
    });
}
