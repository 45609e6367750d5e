//! A *fast aftale*: a person's fixed agreement to do a function on a
//! repeating schedule, optionally with a buddy who shares it.
//!
//! Agreements change (another weekday from March, a new buddy): a change
//! from a date goes on as a new record that *follows* the first of its line,
//! so the shifts before that date, and their check-ins and cancellations,
//! keep naming the agreement they were made for. Within a line each record
//! ends the day before the next one starts; that rule, not a stored last
//! day, keeps two phones changing one agreement from one agreement per day.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::entity::{Entity, Id};
use crate::recurrence::Schedule;
use crate::replica::Replica;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Agreement {
    pub person: Id,
    pub function: Id,
    pub schedule: Schedule,
    /// The partner in a buddy pair: told when this person cancels.
    #[serde(default)]
    pub buddy: Option<Id>,
    /// The first agreement of the line this one continues. Set once, when
    /// made, so left out of files while empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follows: Option<Id>,
}

impl Entity for Agreement {
    const KIND: &'static str = "agreement";
}

/// Why a change to an agreement was refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum AgreementError {
    #[error("the agreement had not started on that date")]
    BeforeStart,
    #[error("the agreement had ended by that date")]
    AfterEnd,
    #[error("the agreement was deleted")]
    Gone,
}

impl Agreement {
    /// The first agreement of this one's line (itself if it changed never).
    pub fn line(&self, id: Id) -> Id {
        self.follows.unwrap_or(id)
    }
}

/// The first days of every agreement, by line: what ends each agreement
/// where the next of its line begins.
pub struct Lines(Vec<(Id, NaiveDate)>);

impl Lines {
    pub fn of(agreements: &[(Id, Agreement)]) -> Self {
        let mut starts: Vec<(Id, NaiveDate)> =
            agreements.iter().map(|(id, a)| (a.line(*id), a.schedule.first_day)).collect();
        starts.sort_unstable();
        Self(starts)
    }

    /// The agreement's last day: its own, or the day before the next
    /// agreement of its line starts, whichever comes first.
    pub fn last_day(&self, id: Id, agreement: &Agreement) -> Option<NaiveDate> {
        let key = (agreement.line(id), agreement.schedule.first_day);
        let next = self.0.partition_point(|start| *start <= key);
        let followed = self.0.get(next).filter(|(line, _)| *line == key.0).and_then(|(_, day)| day.pred_opt());
        match (agreement.schedule.last_day, followed) {
            (Some(own), Some(cut)) => Some(own.min(cut)),
            (own, cut) => own.or(cut),
        }
    }
}

/// Every agreement of `line`, earliest first.
pub fn line_of(replica: &Replica, line: Id) -> Vec<(Id, Agreement)> {
    let mut all: Vec<(Id, Agreement)> =
        replica.all::<Agreement>().iter().filter(|(id, a)| a.line(*id) == line).cloned().collect();
    all.sort_unstable_by_key(|(id, a)| (a.schedule.first_day, *id));
    all
}

/// The record that makes `changed` hold from `from` on, for the line of
/// agreement `id`: the agreement running on `from` when that is its first
/// day, else the next of its line (with an id every device derives alike).
pub fn change_from(
    replica: &Replica,
    id: Id,
    mut changed: Agreement,
    from: NaiveDate,
) -> Result<(Id, Agreement), AgreementError> {
    let line = replica.read::<Agreement>(id).ok_or(AgreementError::Gone)?.line(id);
    let all = line_of(replica, line);
    let (id, current) =
        all.iter().rev().find(|(_, a)| a.schedule.first_day <= from).ok_or(AgreementError::BeforeStart)?;
    let lines = Lines::of(&replica.all::<Agreement>());
    if lines.last_day(*id, current).is_some_and(|last| from > last) {
        return Err(AgreementError::AfterEnd);
    }
    changed.schedule.first_day = from;
    changed.follows = current.follows;
    if from == current.schedule.first_day {
        return Ok((*id, changed));
    }
    changed.follows = Some(line);
    Ok((line.derived(from.num_days_from_ce() as u64), changed))
}

/// What ending a line takes: the records to write and those to remove.
pub type Ending = (Vec<(Id, Agreement)>, Vec<Id>);

/// Ends the line of agreement `id` on `last`: the last one still running
/// gets that last day; any planned to start after it is removed.
pub fn end_on(replica: &Replica, id: Id, last: NaiveDate) -> Result<Ending, AgreementError> {
    let current = replica.read::<Agreement>(id).ok_or(AgreementError::Gone)?;
    let line = line_of(replica, current.line(id));
    if line.first().is_some_and(|(_, a)| last < a.schedule.first_day) {
        return Err(AgreementError::BeforeStart);
    }
    let (kept, removed): (Vec<_>, Vec<_>) = line.into_iter().partition(|(_, a)| a.schedule.first_day <= last);
    let ending = kept.last().map(|(id, a)| {
        let mut a = a.clone();
        a.schedule.last_day = Some(last);
        (*id, a)
    });
    Ok((ending.into_iter().collect(), removed.into_iter().map(|(id, _)| id).collect()))
}

/// Every record of the line of agreement `id`, to delete it as a whole.
pub fn whole_line(replica: &Replica, id: Id) -> Vec<Id> {
    let line = replica.read::<Agreement>(id).map_or(id, |a| a.line(id));
    line_of(replica, line).into_iter().map(|(id, _)| id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{DeviceId, Stamp};
    use crate::model::{Cancellation, FollowUp, Function, OccurrenceRef, Person};
    use crate::shifts::shifts_between;
    use crate::testing::mondays;
    use chrono::{Days, NaiveTime};
    use proptest::prelude::*;

    const ANNA: Id = Id::from_u128(1);
    const CAFE: Id = Id::from_u128(10);
    const MONDAYS: Id = Id::from_u128(20);

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 1).unwrap() + Days::new(u64::from(d) - 1)
    }

    fn stamp(millis: u64, device: u64) -> Stamp {
        Stamp { millis, counter: 0, device: DeviceId::from_u64(device) }
    }

    /// Anna does the café on Mondays 10–13 from 2 November.
    fn group() -> Replica {
        let mut r = Replica::new();
        r.put(ANNA, &Person::new("Anna", date(1)).unwrap(), stamp(1, 1));
        r.put(CAFE, &Function::new("Café", None, 1).unwrap(), stamp(1, 1));
        let agreement =
            Agreement { person: ANNA, function: CAFE, schedule: mondays(10, 13, date(2)), buddy: None, follows: None };
        r.put(MONDAYS, &agreement, stamp(1, 1));
        r
    }

    /// The café's agreed shifts (not its needed places) by date and start hour.
    fn agreed(r: &Replica, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, NaiveTime)> {
        let shifts = shifts_between(r, from, to);
        shifts
            .iter()
            .filter(|s| matches!(s.occurrence, OccurrenceRef::Agreement { .. }))
            .map(|s| (s.date, s.starts))
            .collect()
    }

    fn afternoons() -> Agreement {
        Agreement { person: ANNA, function: CAFE, schedule: mondays(13, 16, date(2)), buddy: None, follows: None }
    }

    #[test]
    fn a_change_from_a_date_leaves_the_shifts_before_it_as_they_were() {
        let mut r = group();
        let notice = Cancellation {
            person: ANNA,
            occurrence: OccurrenceRef::Agreement { agreement: MONDAYS, date: date(9) },
            reason: None,
            given_at: date(8).and_hms_opt(9, 0, 0).unwrap(),
            recorded_by: None,
        };
        r.put(Id::from_u128(30), &notice, stamp(2, 1));
        let (id, changed) = change_from(&r, MONDAYS, afternoons(), date(16)).unwrap();
        assert_ne!(id, MONDAYS);
        assert_eq!((changed.follows, changed.schedule.first_day), (Some(MONDAYS), date(16)));
        r.put(id, &changed, stamp(3, 1));

        let ten = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
        let one = NaiveTime::from_hms_opt(13, 0, 0).unwrap();
        assert_eq!(
            agreed(&r, date(1), date(30)),
            [(date(2), ten), (date(9), ten), (date(16), one), (date(23), one), (date(30), one)]
        );
        let ninth = shifts_between(&r, date(9), date(9)).remove(0);
        assert_eq!(ninth.cancelled.len(), 1, "the cancellation before the change still holds");
        assert_eq!(FollowUp::due(&r, date(30) + Days::new(60)).len(), 2, "a change starts no new trial");

        // Changed again from the same date: the same record, on every phone.
        assert_eq!(change_from(&group(), MONDAYS, afternoons(), date(16)).unwrap().0, id);
        assert_eq!(change_from(&r, MONDAYS, afternoons(), date(16)).unwrap().0, id);
        assert_eq!(change_from(&r, id, afternoons(), date(16)).unwrap().0, id);
        assert_eq!(change_from(&r, MONDAYS, afternoons(), date(1)), Err(AgreementError::BeforeStart));
        let (ended, _) = end_on(&r, MONDAYS, date(23)).unwrap();
        r.put(ended[0].0, &ended[0].1, stamp(4, 1));
        assert_eq!(change_from(&r, MONDAYS, afternoons(), date(30)), Err(AgreementError::AfterEnd));
        assert_eq!(change_from(&r, Id::from_u128(99), afternoons(), date(20)), Err(AgreementError::Gone));
    }

    #[test]
    fn ending_a_line_drops_what_was_planned_after_and_deleting_takes_it_all() {
        let mut r = group();
        let (later, changed) = change_from(&r, MONDAYS, afternoons(), date(23)).unwrap();
        r.put(later, &changed, stamp(2, 1));
        let (written, removed) = end_on(&r, MONDAYS, date(16)).unwrap();
        assert_eq!(removed, [later]);
        assert_eq!(written.len(), 1);
        assert_eq!((written[0].0, written[0].1.schedule.last_day), (MONDAYS, Some(date(16))));
        assert_eq!(end_on(&r, later, date(1)), Err(AgreementError::BeforeStart));
        for (id, a) in &written {
            r.put(*id, a, stamp(3, 1));
        }
        r.remove::<Agreement>(later, stamp(3, 1));
        assert_eq!(agreed(&r, date(1), date(30)).len(), 3);
        assert_eq!(whole_line(&r, MONDAYS), [MONDAYS]);
    }

    proptest! {
        /// Two phones change one agreement, each from its own date (or the
        /// same), and exchange their records in either order: both end with
        /// the same shifts, and never two of the line on one day.
        #[test]
        fn two_phones_changing_one_agreement_keep_one_agreement_a_day(
            first in 0u64..6, second in 0u64..6,
            first_hour in 11u32..15, second_hour in 11u32..15,
            a_first in any::<bool>(),
        ) {
            let mut phones = [group(), group()];
            let edits = [(first, first_hour), (second, second_hour)];
            for (device, (phone, (weeks, hour))) in phones.iter_mut().zip(edits).enumerate() {
                let mut edit = afternoons();
                edit.schedule.starts = NaiveTime::from_hms_opt(hour, 0, 0).unwrap();
                edit.schedule.ends = NaiveTime::from_hms_opt(hour + 2, 0, 0).unwrap();
                let from = date(2) + Days::new(7 * weeks);
                let (id, changed) = change_from(phone, MONDAYS, edit, from).unwrap();
                phone.put(id, &changed, stamp(5 + weeks, device as u64));
            }
            let [mut a, mut b] = phones;
            let (a_copy, b_copy) = (a.clone(), b.clone());
            if a_first { a.merge(&b_copy); b.merge(&a_copy); } else { b.merge(&a_copy); a.merge(&b_copy); }
            let (from, to) = (date(1), date(1) + Days::new(70));
            prop_assert_eq!(agreed(&a, from, to), agreed(&b, from, to));
            let days = agreed(&a, from, to);
            let mut dates: Vec<NaiveDate> = days.iter().map(|(d, _)| *d).collect();
            dates.dedup();
            prop_assert_eq!(dates.len(), days.len(), "one agreement of the line a day: {:?}", days);
            prop_assert_eq!(days.len(), 10, "every Monday still has its shift");
        }
    }
}
