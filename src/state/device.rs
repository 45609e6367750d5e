//! This device's own choices and facts, kept in localStorage
//! ([`crate::prefs`]): who uses it, coordinator mode, its language, its
//! last export, and whether the browser promised to keep its data.

use chrono::NaiveDate;
use flok_core::Id;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::Lang;
use crate::prefs;

#[derive(Clone, Copy)]
pub struct Device {
    /// Who uses this device, if chosen.
    pub me: RwSignal<Option<Id>>,
    /// Whether this device shows the coordinator pages.
    pub coordinator: RwSignal<bool>,
    /// The language chosen on this device; `None` follows the browser.
    pub language_choice: RwSignal<Option<Lang>>,
    /// The browser's language, read once at start.
    pub browser_lang: Lang,
    /// The day this device last exported.
    pub last_export: RwSignal<Option<NaiveDate>>,
    /// Whether the browser promised to keep the data (`None` until it answers).
    pub persistent: RwSignal<Option<bool>>,
}

impl Device {
    /// Reads the device's choices, and asks the browser to keep the data.
    pub fn start() -> Self {
        let device = Self {
            me: RwSignal::new(prefs::me()),
            coordinator: RwSignal::new(prefs::coordinator()),
            language_choice: RwSignal::new(prefs::chosen_language()),
            browser_lang: Lang::from_browser(prefs::browser_languages().iter().map(String::as_str)),
            last_export: RwSignal::new(prefs::last_export()),
            persistent: RwSignal::new(None),
        };
        spawn_local(async move { device.persistent.set(Some(crate::storage::request_persistence().await)) });
        device
    }

    /// Notes who uses this device (`None`: no one chosen).
    pub fn set_me(&self, me: Option<Id>) {
        prefs::set_me(me);
        self.me.set(me);
    }

    /// Shows or hides the coordinator pages on this device.
    pub fn set_coordinator(&self, on: bool) {
        prefs::set_coordinator(on);
        self.coordinator.set(on);
    }

    /// Chooses the language on this device (`None`: as the browser).
    pub fn choose_language(&self, choice: Option<Lang>) {
        prefs::choose_language(choice);
        self.language_choice.set(choice);
    }

    /// Notes a successful export, which quiets the reminder.
    pub fn exported(&self, today: NaiveDate) {
        prefs::record_export(today);
        self.last_export.set(Some(today));
    }
}
