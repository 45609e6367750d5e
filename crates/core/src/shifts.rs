//! The shifts of a date range, derived from agreements and one-off events:
//! who is expected, who cancelled, who took a place, and how many places are
//! still open. Nothing here is stored; it is worked out from the records.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::entity::{Entity, Id};
use crate::model::{Agreement, Cancellation, Event, Function, OccurrenceRef, Person, SignUp};
use crate::replica::Replica;
use crate::typed_cache::find;

/// One shift of one function: an agreement's date, or an event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shift {
    pub occurrence: OccurrenceRef,
    pub function: Id,
    pub date: NaiveDate,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    /// Places this shift has: one per agreement, the event's count for events.
    pub places: u16,
    /// Who is expected: the agreement's person (unless they cancelled) and
    /// whoever took a place.
    pub expected: Vec<Id>,
    /// Who cancelled, with their notice.
    pub cancelled: Vec<Cancellation>,
    /// The buddy told of a cancellation (agreements only).
    pub buddy: Option<Id>,
}

impl Shift {
    pub fn start(&self) -> NaiveDateTime {
        self.date.and_time(self.starts)
    }

    /// Places nobody fills: after a cancellation, or an event not yet full.
    pub fn open_places(&self) -> u16 {
        self.places.saturating_sub(self.expected.len() as u16)
    }
}

/// The kinds [`shifts_between`] reads: a view of shifts that re-reads when
/// one of them changes is never stale.
pub const KINDS_READ: [&str; 6] =
    [Person::KIND, Function::KIND, Agreement::KIND, Event::KIND, Cancellation::KIND, SignUp::KIND];

/// Every shift from `from` to `to` (both included), ordered by start time.
/// Agreements of people who have left, or are paused that day, give none;
/// agreements whose function was deleted give none either.
pub fn shifts_between(replica: &Replica, from: NaiveDate, to: NaiveDate) -> Vec<Shift> {
    let (people, functions) = (replica.all::<Person>(), replica.all::<Function>());
    let mut cancellations: BTreeMap<OccurrenceRef, Vec<Cancellation>> = BTreeMap::new();
    for (_, c) in replica.all::<Cancellation>().iter() {
        cancellations.entry(c.occurrence).or_default().push(c.clone());
    }
    let mut sign_ups: BTreeMap<OccurrenceRef, Vec<Id>> = BTreeMap::new();
    for (_, s) in replica.all::<SignUp>().iter() {
        sign_ups.entry(s.occurrence).or_default().push(s.person);
    }

    let mut shifts = Vec::new();
    let mut add = |occurrence, function, date, starts, ends, places, regular: Option<Id>, buddy| {
        let cancelled = cancellations.remove(&occurrence).unwrap_or_default();
        let gave_notice = |person: &Id| cancelled.iter().any(|c| c.person == *person);
        let mut expected: Vec<Id> = regular.into_iter().filter(|p| !gave_notice(p)).collect();
        for person in sign_ups.remove(&occurrence).unwrap_or_default() {
            if !expected.contains(&person) && !gave_notice(&person) {
                expected.push(person);
            }
        }
        shifts.push(Shift { occurrence, function, date, starts, ends, places, expected, cancelled, buddy });
    };

    for (id, agreement) in replica.all::<Agreement>().iter() {
        let Some(person) = find(&people, agreement.person) else {
            continue;
        };
        if find(&functions, agreement.function).is_none() {
            continue;
        }
        let schedule = &agreement.schedule;
        for date in schedule.dates_between(from, to).filter(|d| person.status.takes_part_on(*d)) {
            let occurrence = OccurrenceRef::Agreement { agreement: *id, date };
            add(
                occurrence,
                agreement.function,
                date,
                schedule.starts,
                schedule.ends,
                1,
                Some(agreement.person),
                agreement.buddy,
            );
        }
    }
    for (id, event) in replica.all::<Event>().iter() {
        if (from..=to).contains(&event.date) && find(&functions, event.function).is_some() {
            let occurrence = OccurrenceRef::Event { event: *id };
            add(occurrence, event.function, event.date, event.starts, event.ends, event.needed, None, None);
        }
    }
    // The occurrence makes the key unique: an unstable sort gives the same order
    // with less code in the wasm (each stable sort instantiation is kilobytes).
    shifts.sort_unstable_by_key(|s| (s.start(), s.function, s.occurrence));
    shifts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{DeviceId, Stamp};
    use crate::model::Status;
    use crate::testing::mondays;

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn time(h: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, 0, 0).unwrap()
    }

    const ANNA: Id = Id::from_u128(1);
    const BENT: Id = Id::from_u128(2);
    const CAFE: Id = Id::from_u128(10);
    const MONDAYS: Id = Id::from_u128(20);

    /// Anna has the café on Mondays (from 2 November) with Bent as buddy.
    fn group() -> Replica {
        let stamp = Stamp { millis: 1, counter: 0, device: DeviceId::from_u64(1) };
        let mut r = Replica::new();
        r.put(ANNA, &Person::new("Anna", date(1)).unwrap(), stamp);
        r.put(BENT, &Person::new("Bent", date(1)).unwrap(), stamp);
        r.put(CAFE, &Function::new("Café", Some(BENT), 2).unwrap(), stamp);
        let schedule = mondays(10, 13, date(2));
        r.put(MONDAYS, &Agreement { person: ANNA, function: CAFE, schedule, buddy: Some(BENT) }, stamp);
        r
    }

    fn stamp(millis: u64) -> Stamp {
        Stamp { millis, counter: 0, device: DeviceId::from_u64(1) }
    }

    #[test]
    fn an_agreement_gives_a_shift_on_each_of_its_dates() {
        let shifts = shifts_between(&group(), date(1), date(30));
        let dates: Vec<NaiveDate> = shifts.iter().map(|s| s.date).collect();
        assert_eq!(dates, [date(2), date(9), date(16), date(23), date(30)]);
        assert!(shifts.iter().all(|s| s.expected == [ANNA] && s.open_places() == 0 && s.buddy == Some(BENT)));
    }

    #[test]
    fn a_cancellation_opens_the_place_and_a_sign_up_fills_it() {
        let mut r = group();
        let monday = OccurrenceRef::Agreement { agreement: MONDAYS, date: date(9) };
        let given_at = date(8).and_hms_opt(18, 0, 0).unwrap();
        r.put(
            Id::from_u128(30),
            &Cancellation { person: ANNA, occurrence: monday, reason: Some("ill".into()), given_at },
            stamp(2),
        );
        let shift = shifts_between(&r, date(9), date(9)).remove(0);
        assert_eq!(shift.expected, []);
        assert_eq!(shift.open_places(), 1);
        assert_eq!(shift.cancelled[0].notice_hours(shift.start()), 16.0);

        r.put(Id::from_u128(31), &SignUp { person: BENT, occurrence: monday }, stamp(3));
        let shift = shifts_between(&r, date(9), date(9)).remove(0);
        assert_eq!(shift.expected, [BENT]);
        assert_eq!(shift.open_places(), 0);
    }

    #[test]
    fn a_paused_person_has_no_shifts_until_their_return() {
        let mut r = group();
        let mut anna = r.read::<Person>(ANNA).unwrap();
        anna.status = Status::Paused { from: date(5), until: Some(date(23)) };
        r.put(ANNA, &anna, stamp(2));
        let dates: Vec<NaiveDate> = shifts_between(&r, date(1), date(30)).iter().map(|s| s.date).collect();
        assert_eq!(dates, [date(2), date(23), date(30)]);
    }

    #[test]
    fn an_event_has_its_own_number_of_places() {
        let mut r = group();
        let party = Event {
            function: CAFE,
            title: "Christmas party".into(),
            date: date(27),
            starts: time(17),
            ends: time(22),
            needed: 4,
        };
        r.put(Id::from_u128(40), &party, stamp(2));
        r.put(
            Id::from_u128(41),
            &SignUp { person: BENT, occurrence: OccurrenceRef::Event { event: Id::from_u128(40) } },
            stamp(3),
        );
        let shift = shifts_between(&r, date(27), date(27)).remove(0);
        assert_eq!((shift.places, shift.open_places(), shift.expected.clone()), (4, 3, vec![BENT]));
    }
}
