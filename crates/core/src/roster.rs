//! The coordinator's roster: per day and function, who is expected, who has
//! checked in, who cancelled, who is missing, and how many places are open
//! against the number of people the function needs.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::entity::Id;
use crate::model::{CheckIn, Function, OccurrenceRef};
use crate::replica::Replica;
use crate::shifts::shifts_between;
use crate::typed_cache::find;

/// How late someone may be before they count as missing.
pub const GRACE: Duration = Duration::minutes(15);

/// Where one person stands for one shift.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Presence {
    /// Expected, and the shift has not started more than [`GRACE`] ago.
    Expected,
    CheckedIn {
        at: NaiveDateTime,
    },
    CheckedOut {
        at: NaiveDateTime,
        out: NaiveDateTime,
    },
    /// Not checked in [`GRACE`] after the start.
    Missing,
    /// Gave notice, this many hours before the start.
    Cancelled {
        notice_hours: f64,
    },
}

/// The people of one function at one time on one day (all its agreements and
/// events then, taken together).
#[derive(Clone, Debug, PartialEq)]
pub struct Slot {
    pub date: NaiveDate,
    pub function: Id,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    pub people: Vec<(Id, Presence)>,
    /// Places nobody fills: the larger of the shifts' own open places and the
    /// function's need beyond those expected.
    pub open: u16,
}

/// The roster from `from` to `to`, by date, start time and function, as it
/// stands at `now`.
pub fn roster(replica: &Replica, from: NaiveDate, to: NaiveDate, now: NaiveDateTime) -> Vec<Slot> {
    let functions = replica.all::<Function>();
    let mut stays: BTreeMap<(Id, OccurrenceRef), &CheckIn> = BTreeMap::new();
    let all_stays = replica.all::<CheckIn>();
    for (_, stay) in all_stays.iter() {
        if let Some(occurrence) = stay.occurrence {
            stays.insert((stay.person, occurrence), stay);
        }
    }
    let mut slots: BTreeMap<(NaiveDate, NaiveTime, Id, NaiveTime), (Slot, u16)> = BTreeMap::new();
    for shift in shifts_between(replica, from, to) {
        let key = (shift.date, shift.starts, shift.function, shift.ends);
        let (slot, shift_open) = slots.entry(key).or_insert_with(|| {
            let slot = Slot {
                date: shift.date,
                function: shift.function,
                starts: shift.starts,
                ends: shift.ends,
                people: Vec::new(),
                open: 0,
            };
            (slot, 0)
        });
        *shift_open += shift.open_places();
        for &person in &shift.expected {
            let presence = match stays.get(&(person, shift.occurrence)) {
                Some(CheckIn { checked_in, checked_out: None, .. }) => Presence::CheckedIn { at: *checked_in },
                Some(CheckIn { checked_in, checked_out: Some(out), .. }) => {
                    Presence::CheckedOut { at: *checked_in, out: *out }
                }
                None if now >= shift.start() + GRACE => Presence::Missing,
                None => Presence::Expected,
            };
            slot.people.push((person, presence));
        }
        for c in &shift.cancelled {
            slot.people.push((c.person, Presence::Cancelled { notice_hours: c.notice_hours(shift.start()) }));
        }
    }
    slots
        .into_values()
        .map(|(mut slot, shift_open)| {
            let expected = slot.people.iter().filter(|(_, p)| !matches!(p, Presence::Cancelled { .. })).count();
            let short = find(&functions, slot.function).map_or(0, |f| f.needed).saturating_sub(expected as u16);
            slot.open = shift_open.max(short);
            slot
        })
        .collect()
}

/// The Monday of the week `date` falls in (weeks start on Monday).
pub fn week_start(date: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{DeviceId, Stamp};
    use crate::model::{Agreement, Cancellation, Person};
    use crate::testing::mondays;

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        date(d).and_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn the_roster_says_who_came_who_is_missing_and_what_is_open() {
        let stamp = Stamp { millis: 1, counter: 0, device: DeviceId::from_u64(1) };
        let mut r = Replica::new();
        let cafe = Id::from_u128(10);
        r.put(cafe, &Function::new("Café", None, 4).unwrap(), stamp);
        let schedule = mondays(10, 13, date(2));
        for n in 1..=3u128 {
            r.put(Id::from_u128(n), &Person::new(&format!("P{n}"), date(1)).unwrap(), stamp);
            let agreement =
                Agreement { person: Id::from_u128(n), function: cafe, schedule: schedule.clone(), buddy: None };
            r.put(Id::from_u128(20 + n), &agreement, stamp);
        }
        let occurrence = |n: u128| OccurrenceRef::Agreement { agreement: Id::from_u128(20 + n), date: date(23) };
        let stay = CheckIn {
            person: Id::from_u128(1),
            occurrence: Some(occurrence(1)),
            checked_in: at(23, 9, 58),
            checked_out: None,
        };
        r.put(Id::from_u128(31), &stay, stamp);
        let notice =
            Cancellation { person: Id::from_u128(3), occurrence: occurrence(3), reason: None, given_at: at(22, 10, 0) };
        r.put(Id::from_u128(32), &notice, stamp);

        let before = roster(&r, date(23), date(23), at(23, 10, 10));
        assert_eq!(before.len(), 1);
        assert_eq!(before[0].people[1], (Id::from_u128(2), Presence::Expected));
        let slot = roster(&r, date(23), date(23), at(23, 10, 15)).remove(0);
        assert_eq!(
            slot.people,
            [
                (Id::from_u128(1), Presence::CheckedIn { at: at(23, 9, 58) }),
                (Id::from_u128(2), Presence::Missing),
                (Id::from_u128(3), Presence::Cancelled { notice_hours: 24.0 }),
            ]
        );
        assert_eq!(slot.open, 2, "the café needs four; two are expected");
        assert_eq!(roster(&r, date(24), date(29), at(23, 10, 15)), []);
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(week_start(date(29)), date(23));
        assert_eq!(week_start(date(23)), date(23));
    }
}
