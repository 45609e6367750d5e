//! The app's state in signals, and the actions the pages dispatch.
//!
//! Pages read signals and call these methods; every rule is asked of the
//! core, every write goes through [`crate::storage`].

use chrono::NaiveDate;
use flok_core::import::{self, ImportPlan};
use flok_core::model::Settings;
use flok_core::model::{NameError, Person, PersonName};
use flok_core::replica::MergeSummary;
use flok_core::{export, Clock, Id, Millis, Replica, Stamp};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::storage::{self, LoadError, SaveError};

/// Something the person must know about their data, shown above every page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    /// Whether to offer an export: the one way to keep what could not be saved.
    pub offer_export: bool,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub replica: RwSignal<Replica>,
    clock: StoredValue<Clock>,
    pub notice: RwSignal<Option<Notice>>,
    /// The day this device last exported.
    pub last_export: RwSignal<Option<NaiveDate>>,
    /// Whether the browser promised to keep the data (`None` until it answers).
    pub persistent: RwSignal<Option<bool>>,
    /// Whether the saved data has been read (pages wait before saying "empty").
    pub loaded: RwSignal<bool>,
    /// Saves still being written; leaving the page now could lose them.
    pub saving: RwSignal<u32>,
    /// Whether the latest save failed.
    pub save_failed: RwSignal<bool>,
}

impl AppState {
    /// Starts empty and loads what this device saved in the background; a
    /// problem becomes a notice, never a crash. Changes made before the load
    /// finishes are kept: loading merges, and saving merges with what is stored.
    pub fn start() -> Self {
        let state = Self {
            replica: RwSignal::new(Replica::new()),
            clock: StoredValue::new(Clock::new(storage::device_id())),
            notice: RwSignal::new(None),
            last_export: RwSignal::new(storage::last_export()),
            persistent: RwSignal::new(None),
            loaded: RwSignal::new(false),
            saving: RwSignal::new(0),
            save_failed: RwSignal::new(false),
        };
        spawn_local(async move {
            match storage::load().await {
                Ok(stored) => {
                    state.absorb(&stored);
                }
                Err(error) => state.notice.set(Some(Notice { text: load_message(&error), offer_export: false })),
            }
            state.loaded.set(true);
        });
        spawn_local(async move {
            state.persistent.set(Some(storage::request_persistence().await));
        });
        // Another tab saved: merge what it stored, so both show the same.
        storage::on_save_elsewhere(move || {
            spawn_local(async move {
                if let Ok(stored) = storage::load().await {
                    state.absorb(&stored);
                }
            })
        });
        state
    }

    /// Merges records from elsewhere (storage, a file), and moves the clock
    /// past them so this device's next change sorts after them.
    fn absorb(&self, other: &Replica) -> MergeSummary {
        if let Some(latest) = other.latest_stamp() {
            self.clock.update_value(|clock| clock.observe(latest));
        }
        let mut summary = MergeSummary::default();
        self.replica.update(|replica| summary = replica.merge(other));
        summary
    }

    /// The group's settings (defaults until someone changes them).
    pub fn settings(&self) -> Settings {
        self.replica.with(|replica| replica.read::<Settings>(Settings::ID).unwrap_or_default())
    }

    /// Whether to remind this device to export.
    pub fn export_due(&self) -> bool {
        let holds_data = self.replica.with(|replica| !replica.is_empty());
        self.settings().export_due(self.last_export.get(), today(), holds_data)
    }

    /// Changes how many days pass before the export reminder, and saves.
    pub fn set_export_reminder_days(&self, days: u16) {
        let settings = Settings { export_reminder_days: days, ..self.settings() };
        let stamp = self.stamp();
        self.replica.update(|replica| replica.put(Settings::ID, &settings, stamp));
        self.save();
    }

    /// A stamp for a change made now.
    fn stamp(&self) -> Stamp {
        let now = now_millis();
        self.clock.try_update_value(|clock| clock.tick(now)).expect("the app's state lives as long as the app")
    }

    /// The export file of everything on this device: its name and text.
    pub fn export_file(&self) -> (String, String) {
        let name = export::file_name(&self.settings().group_name, today());
        (name, self.replica.with(export::write))
    }

    /// Notes a successful export, which quiets the reminder.
    pub fn exported(&self) {
        storage::record_export(today());
        self.last_export.set(Some(today()));
    }

    /// Checks a file and works out what importing it would do; changes nothing.
    pub fn plan_import(&self, bytes: &[u8]) -> Result<ImportPlan, export::ImportError> {
        self.replica.with_untracked(|replica| import::plan(replica, bytes, now_millis()))
    }

    /// Merges a planned import and saves.
    pub fn apply_import(&self, plan: &ImportPlan) -> MergeSummary {
        let summary = self.absorb(&plan.incoming);
        self.save();
        summary
    }

    /// Adds a person and saves. A refused name changes nothing; a failed save
    /// keeps the person in this tab and says so.
    pub fn add_person(&self, name: &str) -> Result<PersonName, NameError> {
        let person = Person::new(name, today())?;
        let stamp = self.stamp();
        self.replica.update(|replica| replica.put(Id::new(), &person, stamp));
        self.save();
        Ok(person.name)
    }

    fn save(&self) {
        let state = *self;
        let snapshot = self.replica.get_untracked();
        self.saving.update(|n| *n += 1);
        spawn_local(async move {
            let result = storage::save(&snapshot).await;
            state.save_failed.set(result.is_err());
            state.notice.set(result.err().map(|error| Notice { text: save_message(&error), offer_export: true }));
            state.saving.update(|n| *n -= 1);
        });
    }
}

/// Today on this device's calendar.
fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// This device's clock, in milliseconds since 1970 (UTC).
fn now_millis() -> Millis {
    u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap_or(0)
}

fn load_message(error: &LoadError) -> String {
    match error {
        LoadError::Unavailable => "This browser does not let Flok save anything here (is it a private window?). \
             What you add stays only until this tab closes."
            .into(),
        LoadError::Unreadable { kept_as, reason } => format!(
            "The saved data could not be read: {reason} \
             It was kept untouched under the storage key “{kept_as}”; Flok started empty."
        ),
    }
}

fn save_message(error: &SaveError) -> String {
    let cause = match error {
        SaveError::Unavailable => "this browser does not allow saving here".to_owned(),
        SaveError::Full => "this browser's storage for Flok is full".to_owned(),
        SaveError::Failed(reason) => reason.clone(),
    };
    format!("Not saved: {cause}. Your change is kept in this tab only; keep the tab open.")
}
