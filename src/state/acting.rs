//! A coordinator acting for people who do not use the app: a phoned-in
//! cancellation, a place given, a check-in or out at a time, corrected
//! times, hours by hand, a closed day. Each record says who recorded it.

use chrono::{NaiveDate, NaiveDateTime};
use flok_core::duty::{self, DutyError};
use flok_core::model::{Cancellation, CheckIn, Closure, OccurrenceRef};
use flok_core::shifts::Shift;
use flok_core::stays::{self, HoursError};
use flok_core::Id;

use super::{wall_now, wall_today, Store};

impl Store {
    /// Records that `person` cannot come, as they said at `given_at`.
    pub fn record_cancellation(
        &self,
        (person, occurrence, date): (Id, OccurrenceRef, NaiveDate),
        reason: &str,
        given_at: NaiveDateTime,
        by: Option<Id>,
    ) -> Result<(), DutyError> {
        if given_at > wall_now() {
            return Err(DutyError::InFuture);
        }
        let shift = self.shift(occurrence, date).ok_or(DutyError::NotExpected)?;
        let notice = Cancellation { recorded_by: by, ..duty::cancel(person, &shift, reason, given_at)? };
        self.change(|edit| edit.put(Id::new(), &notice));
        Ok(())
    }

    /// Takes a cancellation back: the person is expected again.
    pub fn take_back_cancellation(&self, id: Id) {
        self.change(|edit| edit.remove::<Cancellation>(id));
    }

    /// Puts `person` into an open place; returns their other shifts at the
    /// same time, to warn of (the place is given all the same).
    pub fn put_into(
        &self,
        person: Id,
        occurrence: OccurrenceRef,
        date: NaiveDate,
        by: Option<Id>,
    ) -> Result<Vec<Shift>, DutyError> {
        let shift = self.shift(occurrence, date).ok_or(DutyError::NoOpenPlace)?;
        let sign_up = duty::put_into(person, &shift, wall_now(), by)?;
        let clashes = self.with_untracked(|r| duty::clashes(r, person, &shift));
        let waited = self.with_untracked(|r| duty::waiting_records(r, person, occurrence));
        self.change(|edit| {
            edit.put(Id::new(), &sign_up);
            waited.iter().for_each(|id| edit.remove::<flok_core::model::Waiting>(*id));
        });
        Ok(clashes)
    }

    /// Checks `person` in for a shift at `at`, as the coordinator saw them come.
    pub fn check_in_at(
        &self,
        person: Id,
        occurrence: OccurrenceRef,
        at: NaiveDateTime,
        by: Option<Id>,
    ) -> Result<(), DutyError> {
        if at > wall_now() {
            return Err(DutyError::InFuture);
        }
        let stay = self.with_untracked(|r| duty::check_in(r, person, Some(occurrence), at))?;
        self.change(|edit| edit.put(Id::new(), &CheckIn { recorded_by: by, ..stay }));
        Ok(())
    }

    /// Sets a stay's times: a check-out at a time, or a correction.
    pub fn correct_stay(
        &self,
        id: Id,
        checked_in: NaiveDateTime,
        checked_out: Option<NaiveDateTime>,
        by: Option<Id>,
    ) -> Result<(), HoursError> {
        let Some(stay) = self.read::<CheckIn>(id) else { return Ok(()) };
        let fixed = stays::corrected(&stay, checked_in, checked_out, wall_now())?;
        self.change(|edit| edit.put(id, &CheckIn { recorded_by: by.or(stay.recorded_by), ..fixed }));
        Ok(())
    }

    /// Adds hours given on `date` afterwards ("2 hours on 3 March, café");
    /// returns the minutes added.
    pub fn add_hours(
        &self,
        person: Id,
        function: Option<Id>,
        date: NaiveDate,
        hours: &str,
        by: Option<Id>,
    ) -> Result<i64, HoursError> {
        let minutes = stays::parse_hours(hours)?;
        let stay = self.with_untracked(|r| stays::by_hand(r, person, function, date, minutes, wall_today()))?;
        self.change(|edit| edit.put(Id::new(), &CheckIn { recorded_by: by, ..stay }));
        Ok(minutes)
    }

    /// Takes out hours entered by hand (a typing mistake).
    pub fn remove_hours(&self, id: Id) {
        if self.read::<CheckIn>(id).is_some_and(|s| s.by_hand) {
            self.change(|edit| edit.remove::<CheckIn>(id));
        }
    }

    /// Closes the centre on `date` for `reason`: every shift that day is
    /// cancelled, nobody's cancellation counts. (Two phones closing one day
    /// make two records; the day is closed while any is left.)
    pub fn close_day(&self, date: NaiveDate, reason: &str) -> bool {
        let reason = reason.trim();
        if !reason.is_empty() {
            let closure = Closure { date, reason: reason.to_owned() };
            self.change(|edit| edit.put(Id::new(), &closure));
        }
        !reason.is_empty()
    }

    /// Opens a closed day again.
    pub fn reopen_day(&self, date: NaiveDate) {
        let closures = self.with_untracked(|r| r.all::<Closure>());
        let ids: Vec<Id> = closures.iter().filter(|(_, c)| c.date == date).map(|(id, _)| *id).collect();
        self.change(|edit| ids.iter().for_each(|id| edit.remove::<Closure>(*id)));
    }
}
