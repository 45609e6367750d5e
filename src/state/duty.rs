//! A volunteer's duty: checking in and out, cancelling a shift, taking an
//! open place. Each rule is the core's; this records what it decides.

use chrono::NaiveDate;
use flok_core::duty::{self, DutyError};
use flok_core::model::{OccurrenceRef, Waiting};
use flok_core::shifts::{shifts_between, Shift};
use flok_core::Id;

use super::{wall_now, Store};

impl Store {
    /// One shift as it stands now, if it still exists.
    pub(super) fn shift(&self, occurrence: OccurrenceRef, date: NaiveDate) -> Option<Shift> {
        self.with_untracked(|replica| {
            shifts_between(replica, date, date).into_iter().find(|s| s.occurrence == occurrence)
        })
    }

    /// Checks a person in now: for their shift today if they have one, else
    /// as spontaneous help. Returns the shift it counts for.
    pub fn check_in(&self, person: Id) -> Result<Option<Shift>, DutyError> {
        let at = wall_now();
        let (stay, shift) = self.with_untracked(|replica| {
            let shift = duty::shift_to_check_in(replica, person, at);
            duty::check_in(replica, person, shift.as_ref().map(|s| s.occurrence), at).map(|stay| (stay, shift))
        })?;
        self.change(|edit| edit.put(Id::new(), &stay));
        Ok(shift)
    }

    /// Checks a person out now; returns the minutes of the stay.
    pub fn check_out(&self, person: Id) -> Result<i64, DutyError> {
        let (id, stay) = self.with_untracked(|replica| duty::check_out(replica, person, wall_now()))?;
        self.change(|edit| edit.put(id, &stay));
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
        let notice = duty::cancel(person, &shift, reason, wall_now())?;
        self.change(|edit| edit.put(Id::new(), &notice));
        Ok(())
    }

    /// `person` takes an open place in one shift (leaving its waiting list).
    pub fn take_slot(&self, person: Id, occurrence: OccurrenceRef, date: NaiveDate) -> Result<(), DutyError> {
        let shift = self.shift(occurrence, date).ok_or(DutyError::NoOpenPlace)?;
        let sign_up = duty::take(person, &shift, wall_now())?;
        let waited = self.with_untracked(|r| duty::waiting_records(r, person, occurrence));
        self.change(|edit| {
            edit.put(Id::new(), &sign_up);
            waited.iter().for_each(|id| edit.remove::<Waiting>(*id));
        });
        Ok(())
    }

    /// `person` joins the waiting list of a full shift.
    pub fn join_waiting_list(&self, person: Id, occurrence: OccurrenceRef, date: NaiveDate) -> Result<(), DutyError> {
        let shift = self.shift(occurrence, date).ok_or(DutyError::NoOpenPlace)?;
        let waiting = duty::wait(person, &shift, wall_now())?;
        self.change(|edit| edit.put(Id::new(), &waiting));
        Ok(())
    }

    /// `person` leaves a waiting list, or lets the place offered to them pass
    /// to the next in line.
    pub fn leave_waiting_list(&self, person: Id, occurrence: OccurrenceRef) {
        let waited = self.with_untracked(|r| duty::waiting_records(r, person, occurrence));
        self.change(|edit| waited.iter().for_each(|id| edit.remove::<Waiting>(*id)));
    }
}
