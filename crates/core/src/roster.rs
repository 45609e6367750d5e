//! The coordinator's roster: per day and function, who is expected, who has
//! checked in, who cancelled, who is missing, and how many places are open
//! against the number of people the function needs.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};

use crate::entity::Id;
use crate::model::{Cancellation, CheckIn, OccurrenceRef, SignUp};
use crate::replica::Replica;
use crate::shifts::shifts_between;
use crate::stays;

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
    /// Checked in and never out: closed by itself, counted to `closed` (see
    /// [`crate::stays`]), for the coordinator to correct.
    NotCheckedOut {
        at: NaiveDateTime,
        closed: NaiveDateTime,
    },
    /// Not checked in [`GRACE`] after the start.
    Missing,
    /// Gave notice, this many hours before the start.
    Cancelled {
        notice_hours: f64,
    },
}

/// One person in a slot: where they stand, and the shift and stay that say so.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub person: Id,
    pub presence: Presence,
    pub occurrence: OccurrenceRef,
    /// Their stay for this shift, if they checked in.
    pub stay: Option<Id>,
    /// Their cancellation, if they gave notice.
    pub cancellation: Option<Id>,
    /// Who recorded what the entry stands on (the place, the stay or the
    /// cancellation), when not the person themselves.
    pub recorded_by: Option<Id>,
}

/// The people of one function at one time on one day (all its agreements and
/// needed places then, taken together), or of one event.
#[derive(Clone, Debug, PartialEq)]
pub struct Slot {
    pub date: NaiveDate,
    pub function: Option<Id>,
    /// An event's title.
    pub title: Option<String>,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    pub people: Vec<Entry>,
    /// Places nobody fills, over all its shifts.
    pub open: u16,
    /// The shifts with open places, to put someone into.
    pub open_shifts: Vec<OccurrenceRef>,
    /// Why the centre is closed that day, if it is.
    pub closed: Option<String>,
}

/// The roster from `from` to `to`, by date, start time and function, as it
/// stands at `now`.
pub fn roster(replica: &Replica, from: NaiveDate, to: NaiveDate, now: NaiveDateTime) -> Vec<Slot> {
    // The stays of the period (a day's margin each side: a shift late in the
    // evening), sorted for binary search: years of stays are not walked into a
    // map for every week shown.
    let all_stays = replica.all::<CheckIn>();
    let (first, last) = (from - Duration::days(1), to + Duration::days(1));
    let mut stays: Vec<((Id, OccurrenceRef), Id, &CheckIn)> = all_stays
        .iter()
        .filter(|(_, s)| (first..=last).contains(&s.checked_in.date()))
        .filter_map(|(id, s)| s.occurrence.map(|o| ((s.person, o), *id, s)))
        .collect();
    stays.sort_unstable_by_key(|(key, id, _)| (*key, *id));
    // The last stay for that person and shift, as a map keyed by both would keep.
    let stay_of = |key: (Id, OccurrenceRef)| {
        let end = stays.partition_point(|(k, ..)| *k <= key);
        stays[..end].last().filter(|(k, ..)| *k == key).map(|(_, id, s)| (*id, *s))
    };
    // Looked up by binary search: a year's roster has thousands of entries.
    let mut notices: Vec<(Id, OccurrenceRef, Id, Option<Id>)> =
        replica.all::<Cancellation>().iter().map(|(id, c)| (c.person, c.occurrence, *id, c.recorded_by)).collect();
    notices.sort_unstable();
    let notice_of = |person: Id, occurrence: OccurrenceRef| {
        let at = notices.partition_point(|n| (n.0, n.1) < (person, occurrence));
        notices.get(at).filter(|n| (n.0, n.1) == (person, occurrence)).map(|n| (n.2, n.3))
    };
    let mut placed: Vec<(Id, OccurrenceRef, Id)> = replica
        .all::<SignUp>()
        .iter()
        .filter_map(|(_, s)| s.recorded_by.map(|by| (s.person, s.occurrence, by)))
        .collect();
    placed.sort_unstable();
    let placed_by = |person: Id, occurrence: OccurrenceRef| {
        let at = placed.partition_point(|p| (p.0, p.1) < (person, occurrence));
        placed.get(at).filter(|p| (p.0, p.1) == (person, occurrence)).map(|p| p.2)
    };
    type Key = (NaiveDate, NaiveTime, Option<Id>, NaiveTime, Option<Id>);
    let mut slots: BTreeMap<Key, Slot> = BTreeMap::new();
    for shift in shifts_between(replica, from, to) {
        let event = match shift.occurrence {
            OccurrenceRef::Event { event } => Some(event),
            _ => None,
        };
        let key = (shift.date, shift.starts, shift.function, shift.ends, event);
        let slot = slots.entry(key).or_insert_with(|| Slot {
            date: shift.date,
            function: shift.function,
            title: shift.title.clone(),
            starts: shift.starts,
            ends: shift.ends,
            people: Vec::new(),
            open: 0,
            open_shifts: Vec::new(),
            closed: shift.closed.clone(),
        });
        slot.open += shift.open_places();
        if shift.open_places() > 0 {
            slot.open_shifts.push(shift.occurrence);
        }
        let occurrence = shift.occurrence;
        for &person in &shift.expected {
            let stay = stay_of((person, occurrence));
            let presence = match stay {
                Some((_, s)) => match stays::ended_at(replica, s, now) {
                    None => Presence::CheckedIn { at: s.checked_in },
                    Some(out) if s.checked_out.is_some() => Presence::CheckedOut { at: s.checked_in, out },
                    Some(closed) => Presence::NotCheckedOut { at: s.checked_in, closed },
                },
                None if now >= shift.start() + GRACE => Presence::Missing,
                None => Presence::Expected,
            };
            let recorded_by = stay.and_then(|(_, s)| s.recorded_by).or_else(|| placed_by(person, occurrence));
            let stay = stay.map(|(id, _)| id);
            slot.people.push(Entry { person, presence, occurrence, stay, cancellation: None, recorded_by });
        }
        for c in &shift.cancelled {
            let presence = Presence::Cancelled { notice_hours: c.notice_hours(shift.start()) };
            let (cancellation, recorded_by) = notice_of(c.person, occurrence).unzip();
            let recorded_by = recorded_by.flatten();
            slot.people.push(Entry { person: c.person, presence, occurrence, stay: None, cancellation, recorded_by });
        }
    }
    slots.into_values().collect()
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
    use crate::model::{Agreement, Function, Person};
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
            let agreement = Agreement {
                person: Id::from_u128(n),
                function: cafe,
                schedule: schedule.clone(),
                buddy: None,
                follows: None,
            };
            r.put(Id::from_u128(20 + n), &agreement, stamp);
        }
        let occurrence = |n: u128| OccurrenceRef::Agreement { agreement: Id::from_u128(20 + n), date: date(23) };
        let stay = CheckIn {
            person: Id::from_u128(1),
            occurrence: Some(occurrence(1)),
            checked_in: at(23, 9, 58),
            checked_out: None,
            function: None,
            recorded_by: None,
            by_hand: false,
        };
        r.put(Id::from_u128(31), &stay, stamp);
        let notice = Cancellation {
            person: Id::from_u128(3),
            occurrence: occurrence(3),
            reason: None,
            given_at: at(22, 10, 0),
            recorded_by: Some(Id::from_u128(9)),
        };
        r.put(Id::from_u128(32), &notice, stamp);

        let before = roster(&r, date(23), date(23), at(23, 10, 10));
        assert_eq!(before.len(), 1);
        assert_eq!(before[0].people[1].presence, Presence::Expected);
        let slot = roster(&r, date(23), date(23), at(23, 10, 15)).remove(0);
        let people: Vec<(Id, Presence)> = slot.people.iter().map(|e| (e.person, e.presence)).collect();
        assert_eq!(slot.people[0].stay, Some(Id::from_u128(31)));
        assert_eq!(slot.people[2].cancellation, Some(Id::from_u128(32)));
        assert_eq!((slot.people[0].recorded_by, slot.people[2].recorded_by), (None, Some(Id::from_u128(9))));
        assert_eq!(
            people,
            [
                (Id::from_u128(1), Presence::CheckedIn { at: at(23, 9, 58) }),
                (Id::from_u128(2), Presence::Missing),
                (Id::from_u128(3), Presence::Cancelled { notice_hours: 24.0 }),
            ]
        );
        assert_eq!(slot.open, 2, "the café needs four; two are expected");
        assert_eq!(slot.open_shifts.len(), 2, "the cancelled place and the needed one");
        assert!(matches!(
            roster(&r, date(23), date(23), at(23, 14, 59)).remove(0).people[0].presence,
            Presence::CheckedIn { .. }
        ));
        let forgotten = roster(&r, date(23), date(23), at(23, 15, 0)).remove(0);
        assert_eq!(
            forgotten.people[0].presence,
            Presence::NotCheckedOut { at: at(23, 9, 58), closed: at(23, 13, 0) },
            "a check-in left open closes two hours after the shift and counts to its end"
        );
        assert_eq!(roster(&r, date(24), date(29), at(23, 10, 15)), []);
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(week_start(date(29)), date(23));
        assert_eq!(week_start(date(23)), date(23));
    }
}
