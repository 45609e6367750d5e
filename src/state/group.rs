//! How the group is set up: its settings, functions, agreements,
//! competences and follow-up conversations; and shifts as a calendar file.

use chrono::NaiveDate;
use flok_core::model::agreement::{self, AgreementError};
use flok_core::model::{Agreement, Competence, Event, FollowUp, Function, FunctionError, Grant, Settings};
use flok_core::{calendar, Id};

use super::{wall_today, Store};

impl Store {
    /// Changes the group's settings, and saves.
    pub fn change_settings(&self, edit: impl FnOnce(&mut Settings)) {
        let mut settings = self.settings_untracked();
        let before = settings.clone();
        edit(&mut settings);
        if settings != before {
            self.change(|change| change.put(Settings::ID, &settings));
        }
    }

    /// Names the group (shared by every device of the group).
    pub fn set_group_name(&self, name: &str) {
        self.change_settings(|s| s.group_name = name.trim().to_owned());
    }

    /// Adds a function (a kind of task), or with `id` changes one; refuses
    /// what makes no sense. A retired function stays retired.
    pub fn save_function(
        &self,
        id: Option<Id>,
        (name, description): (&str, &str),
        contact: Option<Id>,
        needed: &str,
    ) -> Result<(), FunctionError> {
        let mut function = Function::new(name, contact, Function::parse_needed(needed)?)?.described(description);
        function.retired = id.and_then(|id| self.read::<Function>(id)).is_some_and(|f| f.retired);
        self.change(|edit| edit.put(id.unwrap_or_else(Id::new), &function));
        Ok(())
    }

    /// Retires a function (kept in history and reports, gone from pickers),
    /// or brings it back.
    pub fn retire_function(&self, id: Id, retired: bool) {
        if let Some(function) = self.read::<Function>(id) {
            self.change(|edit| edit.put(id, &Function { retired, ..function }));
        }
    }

    /// Adds an agreement, already checked by the editor.
    pub fn add_agreement(&self, agreement: &Agreement) {
        self.change(|edit| edit.put(Id::new(), agreement));
    }

    /// Changes the agreement `id` from `from` on: the shifts before stay as
    /// they were (see [`flok_core::model::agreement`]).
    pub fn change_agreement(&self, id: Id, changed: Agreement, from: NaiveDate) -> Result<(), AgreementError> {
        let (id, changed) = self.with_untracked(|r| agreement::change_from(r, id, changed, from))?;
        self.change(|edit| edit.put(id, &changed));
        Ok(())
    }

    /// Ends the agreement `id` (and what of its line was planned after) on `last`.
    pub fn end_agreement(&self, id: Id, last: NaiveDate) -> Result<(), AgreementError> {
        let (written, removed) = self.with_untracked(|r| agreement::end_on(r, id, last))?;
        self.change(|edit| {
            written.iter().for_each(|(id, a)| edit.put(*id, a));
            removed.iter().for_each(|id| edit.remove::<Agreement>(*id));
        });
        Ok(())
    }

    /// Deletes the agreement `id` with its whole line. Its check-ins stay:
    /// the hours given still count.
    pub fn delete_agreement(&self, id: Id) {
        let line = self.with_untracked(|r| agreement::whole_line(r, id));
        self.change(|edit| line.iter().for_each(|id| edit.remove::<Agreement>(*id)));
    }

    /// Adds an event, or with `id` changes one (already checked by its form).
    pub fn save_event(&self, id: Option<Id>, event: &Event) {
        self.change(|edit| edit.put(id.unwrap_or_else(Id::new), event));
    }

    /// Deletes an event; hours given at it still count.
    pub fn delete_event(&self, id: Id) {
        self.change(|edit| edit.remove::<Event>(id));
    }

    /// Records a follow-up conversation.
    pub fn record_follow_up(&self, follow_up: &FollowUp) {
        self.change(|edit| edit.put(Id::new(), follow_up));
    }

    /// Gives a competence to a person (once), noting who gave it.
    pub fn grant(&self, person: Id, competence: Id, granted_by: Option<Id>) {
        let (named, held) = self.with_untracked(|r| {
            let named = Competence::all(r).into_iter().find(|(id, _)| *id == competence);
            (named, Grant::find(r, person, competence).is_some())
        });
        let Some((_, named)) = named.filter(|_| !held) else { return };
        let grant = Grant { person, competence, granted_by, granted_on: wall_today() };
        self.change(|edit| {
            // A seeded competence becomes a record when first given.
            edit.put(competence, &named);
            edit.put(Id::new(), &grant);
        });
    }

    /// Takes a competence back.
    pub fn revoke(&self, grant: Id) {
        self.change(|edit| edit.remove::<Grant>(grant));
    }

    /// Adds a competence to the group's list; returns false, changing
    /// nothing, for a blank name.
    pub fn add_competence(&self, name: &str) -> bool {
        let name = name.trim();
        if !name.is_empty() {
            let competence = Competence { name: name.to_owned() };
            self.change(|edit| edit.put(Id::new(), &competence));
        }
        !name.is_empty()
    }

    /// My shifts of the next three months as an iCalendar file: name and text.
    pub fn calendar_file(&self, person: Id) -> (String, String) {
        let alarm = u32::from(self.settings_untracked().calendar_alarm_minutes);
        let today = wall_today();
        let text = self.with_untracked(|r| {
            calendar::shifts_calendar(
                r,
                person,
                today,
                today + chrono::Months::new(3),
                alarm,
                chrono::Utc::now().naive_utc(),
            )
        });
        ("flok-shifts.ics".to_owned(), text)
    }
}
