//! The app's state in signals, and the actions the pages dispatch.
//!
//! Pages read signals and call these methods; every rule is asked of the
//! core, every write goes through [`crate::storage`].

use chrono::NaiveDate;
use flok_core::import::{self, ImportPlan};
use flok_core::model::Settings;
use flok_core::model::{Function, FunctionError, NameError, Person, PersonName, Status};
use flok_core::replica::MergeSummary;
use flok_core::{export, Clock, Id, Millis, Replica, Stamp};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Lang, Texts};
use crate::storage::{self, LoadError, SaveError};

/// Something the person must know about their data, shown above every page
/// (in their language: the words are chosen where it is shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The saved data could not be loaded; nothing was lost.
    NotLoaded(LoadError),
    /// A change could not be saved; it is kept in the tab, and an export is offered.
    NotSaved(SaveError),
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
    /// The language chosen on this device; `None` follows the browser.
    pub language_choice: RwSignal<Option<Lang>>,
    /// The browser's language, read once at start.
    browser_lang: Lang,
    /// Who uses this device, if chosen.
    pub me: RwSignal<Option<Id>>,
    /// A person whose deletion waits out the undo window: id and name.
    pub pending_deletion: RwSignal<Option<(Id, String)>>,
}

/// How long a deletion can be undone.
pub const UNDO_WINDOW: std::time::Duration = std::time::Duration::from_secs(8);

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
            language_choice: RwSignal::new(storage::chosen_language()),
            browser_lang: Lang::from_browser(storage::browser_languages().iter().map(String::as_str)),
            pending_deletion: RwSignal::new(None),
            me: RwSignal::new(storage::me()),
        };
        spawn_local(async move {
            match storage::load().await {
                Ok(stored) => {
                    state.absorb(&stored);
                }
                Err(error) => state.notice.set(Some(Notice::NotLoaded(error))),
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

    /// The interface language: the one chosen here, else the browser's.
    pub fn lang(&self) -> Lang {
        self.language_choice.get().unwrap_or(self.browser_lang)
    }

    /// The interface's words, in its language.
    pub fn t(&self) -> &'static Texts {
        self.lang().texts()
    }

    /// Chooses the language on this device (`None`: as the browser).
    pub fn choose_language(&self, choice: Option<Lang>) {
        storage::choose_language(choice);
        self.language_choice.set(choice);
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
        self.change(|replica, stamp| replica.put(Settings::ID, &settings, stamp));
    }

    /// Makes one change to the replica, stamped now, and saves it.
    fn change(&self, edit: impl FnOnce(&mut Replica, Stamp)) {
        let stamp = self.stamp();
        self.replica.update(|replica| edit(replica, stamp));
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
        self.change(|replica, stamp| replica.put(Id::new(), &person, stamp));
        Ok(person.name)
    }

    /// Notes who uses this device (`None`: no one chosen).
    pub fn set_me(&self, me: Option<Id>) {
        storage::set_me(me);
        self.me.set(me);
    }

    /// Adds the person using this device, and notes that it is them.
    pub fn add_me(&self, name: &str) -> Result<(), NameError> {
        let person = Person::new(name, today())?;
        let id = Id::new();
        self.change(|replica, stamp| replica.put(id, &person, stamp));
        self.set_me(Some(id));
        Ok(())
    }

    /// Names the group (shared by every device of the group).
    pub fn set_group_name(&self, name: &str) {
        let settings = Settings { group_name: name.trim().to_owned(), ..self.settings() };
        if settings != self.settings() {
            self.change(|replica, stamp| replica.put(Settings::ID, &settings, stamp));
        }
    }

    /// Adds a function (a kind of task), refusing what makes no sense.
    pub fn add_function(&self, name: &str, contact: Option<Id>, needed: &str) -> Result<(), FunctionError> {
        let function = Function::new(name, contact, Function::parse_needed(needed)?)?;
        self.change(|replica, stamp| replica.put(Id::new(), &function, stamp));
        Ok(())
    }

    /// A person, if still there.
    pub fn person(&self, id: Id) -> Option<Person> {
        self.replica.with(|replica| replica.read::<Person>(id))
    }

    /// A person's name as saved (empty once they are deleted).
    pub fn name_of(&self, id: Id) -> String {
        self.person(id).map(|p| p.name.into()).unwrap_or_default()
    }

    /// Saves a person's details as typed; a name that makes no sense changes nothing.
    pub fn edit_person(&self, id: Id, name: &str, phone: &str, email: &str, note: &str) -> Result<(), NameError> {
        let Some(person) = self.person(id) else { return Ok(()) };
        let edited = person.edited(name, phone, email, note)?;
        self.change(|replica, stamp| replica.put(id, &edited, stamp));
        Ok(())
    }

    /// Pauses, marks as left, or brings back a person; their history stays.
    pub fn set_status(&self, id: Id, status: Status) {
        if let Some(person) = self.person(id) {
            let person = Person { status, ..person };
            self.change(|replica, stamp| replica.put(id, &person, stamp));
        }
    }

    /// Asks to delete a person. It happens after a few seconds unless undone,
    /// so a slip of the finger costs nothing; a deletion already waiting
    /// happens at once.
    pub fn delete_person_soon(&self, id: Id, name: String) {
        self.delete_waiting_person();
        self.pending_deletion.set(Some((id, name)));
        let state = *self;
        set_timeout(
            move || {
                if state.pending_deletion.get_untracked().is_some_and(|(waiting, _)| waiting == id) {
                    state.delete_waiting_person();
                }
            },
            UNDO_WINDOW,
        );
    }

    /// Takes back a deletion still waiting.
    pub fn undo_deletion(&self) {
        self.pending_deletion.set(None);
    }

    /// Carries out the waiting deletion: the person's record becomes a
    /// tombstone, and their personal data goes wherever the deletion travels.
    fn delete_waiting_person(&self) {
        if let Some((id, _)) = self.pending_deletion.get_untracked() {
            self.pending_deletion.set(None);
            self.change(|replica, stamp| replica.remove::<Person>(id, stamp));
        }
    }

    fn save(&self) {
        let state = *self;
        let snapshot = self.replica.get_untracked();
        self.saving.update(|n| *n += 1);
        spawn_local(async move {
            let result = storage::save(&snapshot).await;
            state.save_failed.set(result.is_err());
            state.notice.set(result.err().map(Notice::NotSaved));
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
