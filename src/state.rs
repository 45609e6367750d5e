//! The app's state in signals, and the actions the pages dispatch.
//!
//! Pages read signals and call these methods; every rule is asked of the
//! core, every write goes through [`crate::storage`].

use std::sync::Arc;

use chrono::{NaiveDate, NaiveDateTime};
use flok_core::calendar;
use flok_core::couch::SettingsError;
use flok_core::duty::{self, DutyError};
use flok_core::import::{self, ImportPlan};
use flok_core::model::{Agreement, Competence, FollowUp, Grant, OccurrenceRef, Settings};
use flok_core::model::{Function, FunctionError, NameError, Person, PersonName, Status};
use flok_core::replica::MergeSummary;
use flok_core::replica::Prior;
use flok_core::sealed::{self, SealError};
use flok_core::shifts::{shifts_between, Shift};
use flok_core::{export, Clock, Id, Millis, Record, RecordKey, Replica, Stamp};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{Lang, Texts};
use crate::perf;
use crate::slices::{self, Slice};
use crate::storage::{self, Heard, LoadError, SaveError};
use crate::sync::{self, SyncSettings, SyncStatus};

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
    /// Whether this device shows the coordinator pages.
    pub coordinator: RwSignal<bool>,
    /// A person whose deletion waits out the undo window: id and name.
    pub pending_deletion: RwSignal<Option<(Id, String)>>,
    /// What the last import changed, as it was before, while that import
    /// can still be undone (until the next change or sync).
    before_import: RwSignal<Option<Prior>>,
    /// Where this device syncs live, if it does.
    pub sync_settings: RwSignal<Option<SyncSettings>>,
    pub sync_status: RwSignal<SyncStatus>,
    /// A sync was asked for while one ran: run another when it ends.
    sync_again: StoredValue<bool>,
    /// The sync that waits for a moment of quiet after a change.
    sync_timer: StoredValue<Option<TimeoutHandle>>,
    /// The replica's version up to which every record is stored.
    saved: StoredValue<u64>,
}

/// How long a deletion can be undone.
pub const UNDO_WINDOW: std::time::Duration = std::time::Duration::from_secs(8);
/// How long after a change a sync starts, so a burst of taps is one sync.
const SYNC_AFTER_CHANGE: std::time::Duration = std::time::Duration::from_secs(2);
/// How often an open, visible, online app syncs to hear of others' changes.
const SYNC_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

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
            before_import: RwSignal::new(None),
            me: RwSignal::new(storage::me()),
            coordinator: RwSignal::new(storage::coordinator()),
            sync_settings: RwSignal::new(storage::sync_settings()),
            sync_status: RwSignal::new(SyncStatus { synced_at: storage::synced_at(), ..SyncStatus::default() }),
            sync_again: StoredValue::new(false),
            sync_timer: StoredValue::new(None),
            saved: StoredValue::new(0),
        };
        spawn_local(async move {
            let loading = perf::begin("flok:load");
            let (stored, problem) = storage::load().await;
            state.absorb_stored(stored);
            perf::end("flok:load", loading);
            match problem {
                None => state.sync_now(),
                Some(error) => state.notice.set(Some(Notice::NotLoaded(error))),
            }
            state.loaded.set(true);
            // The page the person opened, drawn with their data.
            request_animation_frame(|| perf::mark("flok:first-render"));
        });
        // Back online, back in view, or a minute on: hear what others changed.
        let _ = window_event_listener(leptos::ev::online, move |_| state.sync_now());
        let _ = window_event_listener(leptos::ev::visibilitychange, move |_| state.sync_when_seen());
        let _ = set_interval_with_handle(move || state.sync_when_seen(), SYNC_EVERY);
        spawn_local(async move {
            state.persistent.set(Some(storage::request_persistence().await));
        });
        // Another tab saved: merge what it stored, so both show the same.
        // Another tab undid an import: take the stored data as it is.
        storage::on_save_elsewhere(move |heard| {
            spawn_local(async move {
                match heard {
                    Heard::Records(keys) => state.absorb_stored(storage::load_records(&keys).await),
                    Heard::Replaced => {
                        let (stored, _) = storage::load().await;
                        state.before_import.set(None);
                        state.saved.set_value(stored.version());
                        state.replica.set(stored);
                    }
                }
            })
        });
        state
    }

    /// Merges records read from storage. What they change is stored already,
    /// unless this tab holds changes not yet saved: then all is saved with them.
    fn absorb_stored(&self, stored: Replica) {
        let all_saved = self.replica.with_untracked(Replica::version) == self.saved.get_value();
        if self.replica.with_untracked(Replica::is_empty) && !stored.is_empty() {
            // At start: taken as it is, typed copies and all, not merged record by record.
            if let Some(latest) = stored.latest_stamp() {
                self.clock.update_value(|clock| clock.observe(latest));
            }
            self.saved.set_value(stored.version());
            self.replica.set(stored);
            return;
        }
        self.absorb(&stored);
        if all_saved {
            self.saved.set_value(self.replica.with_untracked(Replica::version));
        }
    }

    /// Merges records from elsewhere (storage, a file), and moves the clock
    /// past them so this device's next change sorts after them.
    fn absorb(&self, other: &Replica) -> MergeSummary {
        if let Some(latest) = other.latest_stamp() {
            self.clock.update_value(|clock| clock.observe(latest));
        }
        let mut summary = MergeSummary::default();
        // Views are re-derived only when something changed (a sync often brings nothing).
        self.replica.maybe_update(|replica| {
            summary = replica.merge(other);
            !summary.is_empty()
        });
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

    /// Changes the group's settings, and saves.
    pub fn change_settings(&self, edit: impl FnOnce(&mut Settings)) {
        let mut settings = self.settings();
        edit(&mut settings);
        self.change(|replica, stamp| replica.put(Settings::ID, &settings, stamp));
    }

    /// My shifts of the next three months as an iCalendar file: name and text.
    pub fn calendar_file(&self, person: Id) -> (String, String) {
        let alarm = u32::from(self.settings().calendar_alarm_minutes);
        let text = self.replica.with_untracked(|r| {
            calendar::shifts_calendar(
                r,
                person,
                today(),
                today() + chrono::Months::new(3),
                alarm,
                chrono::Utc::now().naive_utc(),
            )
        });
        ("flok-shifts.ics".to_owned(), text)
    }

    /// Makes one change to the replica, stamped now, and saves it.
    fn change(&self, edit: impl FnOnce(&mut Replica, Stamp)) {
        self.before_import.set(None);
        let stamp = self.stamp();
        self.replica.update(|replica| edit(replica, stamp));
        self.save();
    }

    /// A stamp for a change made now.
    fn stamp(&self) -> Stamp {
        let now = now_millis();
        self.clock.try_update_value(|clock| clock.tick(now)).expect("the app's state lives as long as the app")
    }

    /// The export file of everything on this device, or (`personal` false)
    /// of everything but personal details: its name and text.
    pub fn export_file(&self, personal: bool) -> (String, String) {
        let name = export::file_name(&self.settings().group_name, today());
        if personal {
            (name, self.replica.with(export::write))
        } else {
            (
                name.replace(".json", "-no-personal-details.json"),
                self.replica.with(export::write_without_personal_details),
            )
        }
    }

    /// The full export sealed under the group passphrase: name and text.
    pub fn export_sealed(&self, passphrase: &str) -> Result<(String, String), SealError> {
        let mut random = [0u8; sealed::RANDOM_BYTES];
        let filled = window().crypto().and_then(|c| c.get_random_values_with_u8_array(&mut random).map(|_| ()));
        // Without a cryptographic generator there is no safe seal.
        filled.map_err(|_| SealError::Damaged("this browser has no secure random numbers".into()))?;
        let (name, text) = self.export_file(true);
        let text = sealed::seal(text.as_bytes(), passphrase, sealed::ITERATIONS, random)?;
        Ok((name.replace(".json", "-encrypted.json"), text))
    }

    /// Notes a successful export, which quiets the reminder.
    pub fn exported(&self) {
        storage::record_export(today());
        self.last_export.set(Some(today()));
    }

    /// Checks a file and works out what importing it would do; changes
    /// nothing. Done in slices: a five-year file does not freeze the page.
    pub async fn plan_import(&self, bytes: &[u8]) -> Result<ImportPlan, export::ImportError> {
        // Reading the file took the task before; checking starts afresh.
        slices::next_task().await;
        let started = perf::begin("flok:import-plan");
        let mut slice = Slice::start();
        let mut planning = import::Planning::start(bytes, now_millis())?;
        loop {
            if slice.spent() {
                slice.next().await;
            }
            let step = self.replica.with_untracked(|local| planning.step(local, slices::RECORDS_PER_STEP))?;
            if let Some(plan) = step {
                perf::end("flok:import-plan", started);
                return Ok(plan);
            }
        }
    }

    /// Merges a planned import, in slices, and saves; it can be undone until
    /// the next change. Pages see the merged data once it is all in.
    pub async fn apply_import(&self, plan: Arc<ImportPlan>) -> MergeSummary {
        // A task of its own: the tap that asked for it has its page to draw.
        slices::next_task().await;
        let started = perf::begin("flok:import-merge");
        // Taken over rather than copied, so the file's records are let go of
        // as they are merged, not all at once at the end.
        let incoming = Arc::try_unwrap(plan).map_or_else(|shared| shared.incoming.clone(), |plan| plan.incoming);
        if let Some(latest) = incoming.latest_stamp() {
            self.clock.update_value(|clock| clock.observe(latest));
        }
        let (mut summary, mut before) = (MergeSummary::default(), Vec::new());
        let mut records = incoming.into_records();
        let mut slice = Slice::start();
        loop {
            let part: Vec<_> = records.by_ref().take(slices::RECORDS_PER_STEP).collect();
            if part.is_empty() {
                break;
            }
            self.replica.update_untracked(|replica| {
                let (done, was) = replica.merge_undoably(part.iter().map(|(key, record)| (key, record)));
                summary.add(done);
                before.extend(was);
            });
            if slice.spent() {
                // Read typed now, a slice at a time, not by the next page all at once.
                self.replica.with_untracked(flok_core::model::refresh_typed);
                slice.next().await;
            }
        }
        // The pages drawing the merged data get a task of their own too.
        slice.next().await;
        self.replica.with_untracked(flok_core::model::refresh_typed);
        self.replica.notify();
        perf::end("flok:import-merge", started);
        self.save();
        self.before_import.set(Some(before));
        summary
    }

    /// Whether the last import can still be undone.
    pub fn can_undo_import(&self) -> bool {
        self.before_import.with(Option::is_some)
    }

    /// Puts the data back as it was before the last import, here and in the
    /// stored copy (which other tabs then take as it is). Done in slices:
    /// undoing five years touches tens of thousands of records.
    pub fn undo_import(&self) {
        let Some(mut before) = self.before_import.try_update(Option::take).flatten() else { return };
        let state = *self;
        self.write(async move {
            let keys: Vec<RecordKey> = before.iter().map(|(key, _)| key.clone()).collect();
            let mut slice = Slice::start();
            // Last change first, as `Replica::restore` does.
            while !before.is_empty() {
                let part = before.split_off(before.len().saturating_sub(slices::RECORDS_PER_STEP));
                state.replica.update_untracked(|replica| replica.restore(part));
                if slice.spent() {
                    slice.next().await;
                }
            }
            // Every record is read typed afresh after a restore: a kind at a time.
            for refresh in flok_core::model::REFRESH_TYPED {
                slice.next().await;
                state.replica.with_untracked(refresh);
            }
            slice.next().await;
            state.replica.notify();
            // Stored as restored: what the import changed put back, what it added taken out.
            let records: Vec<_> = state.replica.with_untracked(|replica| {
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

    /// Adds a function (a kind of task), or with `id` changes one; refuses
    /// what makes no sense.
    pub fn save_function(
        &self,
        id: Option<Id>,
        name: &str,
        contact: Option<Id>,
        needed: &str,
    ) -> Result<(), FunctionError> {
        let function = Function::new(name, contact, Function::parse_needed(needed)?)?;
        self.change(|replica, stamp| replica.put(id.unwrap_or_default(), &function, stamp));
        Ok(())
    }

    /// Shows or hides the coordinator pages on this device.
    pub fn set_coordinator(&self, on: bool) {
        storage::set_coordinator(on);
        self.coordinator.set(on);
    }

    /// One shift as it stands now, if it still exists.
    fn shift(&self, occurrence: OccurrenceRef, date: NaiveDate) -> Option<Shift> {
        self.replica.with_untracked(|replica| {
            shifts_between(replica, date, date).into_iter().find(|s| s.occurrence == occurrence)
        })
    }

    /// Checks a person in now: for their shift today if they have one, else
    /// as spontaneous help. Returns the shift it counts for.
    pub fn check_in(&self, person: Id) -> Result<Option<Shift>, DutyError> {
        let at = now();
        let (stay, shift) = self.replica.with_untracked(|replica| {
            let shift = duty::shift_to_check_in(replica, person, at);
            duty::check_in(replica, person, shift.as_ref().map(|s| s.occurrence), at).map(|stay| (stay, shift))
        })?;
        self.change(|replica, stamp| replica.put(Id::new(), &stay, stamp));
        Ok(shift)
    }

    /// Checks a person out now; returns the minutes of the stay.
    pub fn check_out(&self, person: Id) -> Result<i64, DutyError> {
        let (id, stay) = self.replica.with_untracked(|replica| duty::check_out(replica, person, now()))?;
        self.change(|replica, stamp| replica.put(id, &stay, stamp));
        Ok(stay.minutes().unwrap_or(0))
    }

    /// Records that `person` cannot come to one shift.
    pub fn cancel_shift(
        &self,
        person: Id,
        occurrence: OccurrenceRef,
        date: NaiveDate,
        reason: &str,
    ) -> Result<(), DutyError> {
        let shift = self.shift(occurrence, date).ok_or(DutyError::NotExpected)?;
        let notice = duty::cancel(person, &shift, reason, now())?;
        self.change(|replica, stamp| replica.put(Id::new(), &notice, stamp));
        Ok(())
    }

    /// `person` takes an open place in one shift.
    pub fn take_slot(&self, person: Id, occurrence: OccurrenceRef, date: NaiveDate) -> Result<(), DutyError> {
        let shift = self.shift(occurrence, date).ok_or(DutyError::NoOpenPlace)?;
        let sign_up = duty::take(person, &shift, now())?;
        self.change(|replica, stamp| replica.put(Id::new(), &sign_up, stamp));
        Ok(())
    }

    /// Adds an agreement, already checked by the editor.
    pub fn add_agreement(&self, agreement: &Agreement) {
        self.change(|replica, stamp| replica.put(Id::new(), agreement, stamp));
    }

    /// Records a follow-up conversation.
    pub fn record_follow_up(&self, follow_up: &FollowUp) {
        self.change(|replica, stamp| replica.put(Id::new(), follow_up, stamp));
    }

    /// Gives a competence to a person (once), noting who gave it.
    pub fn grant(&self, person: Id, competence: Id) {
        let Some(named) =
            self.replica.with_untracked(|r| Competence::all(r).into_iter().find(|(id, _)| *id == competence))
        else {
            return;
        };
        if self.replica.with_untracked(|r| Grant::find(r, person, competence)).is_some() {
            return;
        }
        let grant = Grant { person, competence, granted_by: self.me.get_untracked(), granted_on: today() };
        self.change(|replica, stamp| {
            // A seeded competence becomes a record when first given.
            replica.put(competence, &named.1, stamp);
            replica.put(Id::new(), &grant, stamp);
        });
    }

    /// Takes a competence back.
    pub fn revoke(&self, grant: Id) {
        self.change(|replica, stamp| replica.remove::<Grant>(grant, stamp));
    }

    /// Adds a competence to the group's list; returns false, changing
    /// nothing, for a blank name.
    pub fn add_competence(&self, name: &str) -> bool {
        let name = name.trim();
        if !name.is_empty() {
            let competence = Competence { name: name.to_owned() };
            self.change(|replica, stamp| replica.put(Id::new(), &competence, stamp));
        }
        !name.is_empty()
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

    /// Saves a change, and syncs it soon.
    fn save(&self) {
        self.write(self.store_changes());
        self.sync_soon();
    }

    /// Records copied out and handed to one storage write: the write itself
    /// waits for the database between its batches.
    const SAVED_PER_WRITE: usize = 400;

    /// Stores the records changed since the last save, a slice at a time
    /// (an import changes thousands); a failed save leaves them to the next one.
    async fn store_changes(self) -> Result<(), SaveError> {
        let (since, version) = (self.saved.get_value(), self.replica.with_untracked(Replica::version));
        let mut after = None;
        loop {
            // Copied as they are now: a slice may wait for the one before. A
            // record changed meanwhile behind `after` goes with the next save.
            let records: Vec<(RecordKey, Record)> = self.replica.with_untracked(|replica| {
                let changed = replica.changed_since_after(since, after.as_ref()).take(Self::SAVED_PER_WRITE);
                changed.map(|(key, record)| (key.clone(), record.clone())).collect()
            });
            let Some((last, _)) = records.last() else { break };
            after = Some(last.clone());
            storage::save(&records.iter().map(|(key, record)| (key, record)).collect::<Vec<_>>()).await?;
        }
        self.saved.update_value(|saved| *saved = (*saved).max(version));
        Ok(())
    }

    /// Runs a write to storage in the background.
    fn write(&self, write: impl std::future::Future<Output = Result<(), SaveError>> + 'static) {
        let state = *self;
        spawn_local(async move { state.written(write).await });
    }

    /// Runs a write to storage, counting it while it runs and reporting how it ended.
    async fn written(&self, write: impl std::future::Future<Output = Result<(), SaveError>>) {
        self.saving.update(|n| *n += 1);
        let result = write.await;
        self.save_failed.set(result.is_err());
        self.notice.set(result.err().map(Notice::NotSaved));
        self.saving.update(|n| *n -= 1);
    }

    /// Keeps new sync settings and syncs at once, or forgets them (`None`);
    /// settings that cannot be used are refused and change nothing.
    pub fn set_sync_settings(&self, settings: Option<SyncSettings>) -> Result<(), SettingsError> {
        if let Some(settings) = &settings {
            settings.target()?;
        }
        storage::set_sync_settings(settings.as_ref());
        self.sync_status.set(SyncStatus::default());
        self.sync_settings.set(settings);
        self.sync_now();
        Ok(())
    }

    /// Syncs in a moment, unless another change comes first.
    fn sync_soon(&self) {
        if self.sync_settings.with_untracked(Option::is_none) {
            return;
        }
        if let Some(Some(waiting)) = self.sync_timer.try_get_value() {
            waiting.clear();
        }
        let state = *self;
        self.sync_timer.set_value(set_timeout_with_handle(move || state.sync_now(), SYNC_AFTER_CHANGE).ok());
    }

    /// Syncs if the app is on screen and the device online.
    fn sync_when_seen(&self) {
        if !document().hidden() && window().navigator().on_line() {
            self.sync_now();
        }
    }

    /// Syncs now with the database in the settings, if any. One sync runs at
    /// a time; one asked for meanwhile follows it.
    pub fn sync_now(&self) {
        let Some(target) = self.sync_settings.get_untracked().and_then(|s| s.target().ok()) else { return };
        if self.sync_status.with_untracked(|s| s.running) {
            self.sync_again.set_value(true);
            return;
        }
        self.sync_status.update(|s| s.running = true);
        // What an import brought is about to travel: undoing it here alone would not take it back.
        self.before_import.set(None);
        let state = *self;
        let snapshot = self.replica.get_untracked();
        let before = snapshot.version();
        spawn_local(async move {
            let (synced, sync_state, result) = sync::run(target, snapshot).await;
            // Kept even when the sync failed part-way: it only gained merged records.
            let pulled: Replica = synced.changed_since(before).map(|(k, r)| (k.clone(), r.clone())).collect();
            state.absorb(&pulled);
            // The records first: the sync state must never say the server
            // holds what this device has not kept.
            state
                .written(async move {
                    state.store_changes().await?;
                    storage::save_sync_state(&sync_state).await
                })
                .await;
            let at = now();
            if result.is_ok() {
                storage::record_sync(at);
            }
            state.sync_status.update(|status| {
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
            if state.sync_again.try_update_value(std::mem::take) == Some(true) {
                state.sync_now();
            }
        });
    }
}

/// Today on this device's calendar.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Now on this device's clock, in local time (shifts are in wall-clock time).
pub fn now() -> NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// This device's clock, in milliseconds since 1970 (UTC).
fn now_millis() -> Millis {
    u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap_or(0)
}
