//! The shifts of a date range, derived from agreements, one-off events and
//! the places functions need: who is expected, who cancelled, who took a
//! place, who waits for one, how many places are still open, and whether
//! the centre is closed that day. Nothing here is stored; it is worked out
//! from the records.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use crate::entity::{Entity, Id};
use crate::model::{
    Agreement, Cancellation, Closure, Event, Function, Lines, OccurrenceRef, Person, SignUp, Status, Waiting,
};
use crate::replica::{RecordKey, Replica};
use crate::typed_cache::find;

/// One shift: an agreement's date, an event, or a function's needed places.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shift {
    pub occurrence: OccurrenceRef,
    /// None for a joint meeting, which belongs to no function.
    pub function: Option<Id>,
    /// An event's title.
    pub title: Option<String>,
    pub date: NaiveDate,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    /// Places this shift has: one per agreement, the event's count for
    /// events, the missing ones for a function's needed places.
    pub places: u16,
    /// Who is expected: the agreement's person (unless they cancelled) and
    /// whoever took a place.
    pub expected: Vec<Id>,
    /// Who cancelled, with their notice.
    pub cancelled: Vec<Cancellation>,
    /// The buddy told of a cancellation (agreements only).
    pub buddy: Option<Id>,
    /// Who waits for a place, first in line first.
    pub waiting: Vec<Id>,
    /// Why the centre is closed that day, if it is: then nobody is due.
    pub closed: Option<String>,
}

impl Shift {
    pub fn start(&self) -> NaiveDateTime {
        self.date.and_time(self.starts)
    }

    pub fn end(&self) -> NaiveDateTime {
        self.date.and_time(self.ends)
    }

    /// Places nobody fills: after a cancellation, an event not yet full, a
    /// function short of people. None on a closed day.
    pub fn open_places(&self) -> u16 {
        if self.closed.is_some() {
            return 0;
        }
        self.places.saturating_sub(self.expected.len() as u16)
    }

    /// The people waiting who are offered the open places, first in line first.
    pub fn offered(&self) -> &[Id] {
        &self.waiting[..self.waiting.len().min(usize::from(self.open_places()))]
    }

    /// Open places anyone may take: those not offered to the waiting list.
    pub fn free_places(&self) -> u16 {
        self.open_places() - self.offered().len() as u16
    }

    /// Whether `person` holds a place in it (expected, not cancelled).
    pub fn has(&self, person: Id) -> bool {
        self.expected.contains(&person)
    }
}

/// The kinds [`shifts_between`] reads: a view of shifts that re-reads when
/// one of them changes is never stale.
pub const KINDS_READ: [&str; 8] = [
    Person::KIND,
    Function::KIND,
    Agreement::KIND,
    Event::KIND,
    Cancellation::KIND,
    SignUp::KIND,
    Waiting::KIND,
    Closure::KIND,
];

/// Every shift from `from` to `to` (both included), ordered by start time.
/// Agreements of people who have left, or are paused that day, give none;
/// agreements whose function was deleted give none either. Where the
/// agreements of a function at one time give fewer people than it needs,
/// the missing places are a shift of their own, open to anyone.
pub fn shifts_between(replica: &Replica, from: NaiveDate, to: NaiveDate) -> Vec<Shift> {
    let (people, functions, events) = (replica.all::<Person>(), replica.all::<Function>(), replica.all::<Event>());
    // Only the notices for shifts in the period (and for events no longer
    // known): a group's years hold thousands, copied for nothing.
    let in_period = |occurrence: &OccurrenceRef| {
        let date = occurrence.date(|event| find(&events, event).map(|e| e.date));
        date.is_none_or(|date| (from..=to).contains(&date))
    };
    let mut cancellations: BTreeMap<OccurrenceRef, Vec<Cancellation>> = BTreeMap::new();
    for (_, c) in replica.all::<Cancellation>().iter().filter(|(_, c)| in_period(&c.occurrence)) {
        cancellations.entry(c.occurrence).or_default().push(c.clone());
    }
    let mut sign_ups: BTreeMap<OccurrenceRef, Vec<Id>> = BTreeMap::new();
    for (_, s) in replica.all::<SignUp>().iter().filter(|(_, s)| in_period(&s.occurrence)) {
        sign_ups.entry(s.occurrence).or_default().push(s.person);
    }
    // Each waiting line in order: by shift, then by when they asked.
    let mut line: Vec<(OccurrenceRef, NaiveDateTime, Id, Id)> = replica
        .all::<Waiting>()
        .iter()
        .filter(|(_, w)| in_period(&w.occurrence))
        .map(|(id, w)| (w.occurrence, w.since, *id, w.person))
        .collect();
    line.sort_unstable();
    let waiting_for = |occurrence: &OccurrenceRef| -> Vec<Id> {
        let first = line.partition_point(|(o, ..)| o < occurrence);
        line[first..].iter().take_while(|(o, ..)| o == occurrence).map(|(.., person)| *person).collect()
    };
    // Someone who took a function's needed place keeps it when the
    // agreements later give enough people.
    let mut taken_needed: Vec<OccurrenceRef> = sign_ups
        .keys()
        .filter(|o| matches!(o, OccurrenceRef::Needed { date, .. } if (from..=to).contains(date)))
        .copied()
        .collect();
    let closures = replica.all::<Closure>();
    let closed_on = |date: NaiveDate| closures.iter().find(|(_, c)| c.date == date).map(|(_, c)| c.reason.clone());

    let mut shifts = Vec::new();
    let mut add = |occurrence, function, title, (date, starts, ends), places, regular: Option<Id>, buddy| {
        let cancelled = cancellations.remove(&occurrence).unwrap_or_default();
        let gave_notice = |person: &Id| cancelled.iter().any(|c| c.person == *person);
        let mut expected: Vec<Id> = regular.into_iter().filter(|p| !gave_notice(p)).collect();
        for person in sign_ups.remove(&occurrence).unwrap_or_default() {
            if !expected.contains(&person) && !gave_notice(&person) {
                expected.push(person);
            }
        }
        let mut waiting: Vec<Id> = Vec::new();
        for person in waiting_for(&occurrence) {
            if !expected.contains(&person) && !waiting.contains(&person) {
                waiting.push(person);
            }
        }
        let closed = closed_on(date);
        shifts.push(Shift {
            occurrence,
            function,
            title,
            date,
            starts,
            ends,
            places,
            expected,
            cancelled,
            buddy,
            waiting,
            closed,
        });
    };

    let agreements = replica.all::<Agreement>();
    let lines = Lines::of(&agreements);
    // What each function's agreements give at each time (a paused person
    // gives nobody): the needed places are what is left over.
    let mut given: Vec<(Id, NaiveDate, NaiveTime, NaiveTime, u16)> = Vec::new();
    for (id, agreement) in agreements.iter() {
        let Some(person) = find(&people, agreement.person) else {
            continue;
        };
        if find(&functions, agreement.function).is_none() {
            continue;
        }
        let schedule = &agreement.schedule;
        let to = lines.last_day(*id, agreement).map_or(to, |last| to.min(last));
        for date in schedule.dates_between(from, to) {
            if matches!(person.status, Status::Left { on } if date >= on) {
                break;
            }
            let takes_part = person.status.takes_part_on(date);
            given.push((agreement.function, date, schedule.starts, schedule.ends, u16::from(takes_part)));
            if takes_part {
                let occurrence = OccurrenceRef::Agreement { agreement: *id, date };
                let when = (date, schedule.starts, schedule.ends);
                add(occurrence, Some(agreement.function), None, when, 1, Some(agreement.person), agreement.buddy);
            }
        }
    }
    given.sort_unstable();
    for run in given.chunk_by(|a, b| (a.0, a.1, a.2, a.3) == (b.0, b.1, b.2, b.3)) {
        let (function, date, starts, ends, _) = run[0];
        let needed = find(&functions, function).filter(|f| !f.retired).map_or(0, |f| f.needed);
        let missing = needed.saturating_sub(run.iter().map(|g| g.4).sum());
        let occurrence = OccurrenceRef::Needed { function, date, starts, ends };
        if missing > 0 {
            add(occurrence, Some(function), None, (date, starts, ends), missing, None, None);
            taken_needed.retain(|o| *o != occurrence);
        }
    }
    for occurrence in taken_needed {
        if let OccurrenceRef::Needed { function, date, starts, ends } = occurrence {
            add(occurrence, Some(function), None, (date, starts, ends), 0, None, None);
        }
    }
    for (id, event) in events.iter() {
        if (from..=to).contains(&event.date) {
            let occurrence = OccurrenceRef::Event { event: *id };
            let when = (event.date, event.starts, event.ends);
            add(occurrence, event.function, Some(event.title.clone()), when, event.needed, None, None);
        }
    }
    // The occurrence makes the key unique: an unstable sort gives the same order
    // with less code in the wasm (each stable sort instantiation is kilobytes).
    shifts.sort_unstable_by_key(|s| (s.start(), s.function, s.occurrence));
    shifts
}

/// The cancellations and sign-ups for shifts from `from` on: of the kinds
/// a phone keeps for years, what its first screen needs however long ago it
/// was made (a holiday's cancellation given months ahead, a place taken at
/// an event long before it).
pub fn coming_notices(replica: &Replica, from: NaiveDate) -> Vec<RecordKey> {
    let events = replica.all::<Event>();
    let coming = |occurrence: &OccurrenceRef| {
        occurrence.date(|event| find(&events, event).map(|e| e.date)).is_some_and(|date| date >= from)
    };
    let (cancellations, sign_ups) = (replica.all::<Cancellation>(), replica.all::<SignUp>());
    let cancelled = cancellations.iter().filter(|(_, c)| coming(&c.occurrence)).map(|(id, _)| (Cancellation::KIND, id));
    let taken = sign_ups.iter().filter(|(_, s)| coming(&s.occurrence)).map(|(id, _)| (SignUp::KIND, id));
    cancelled.chain(taken).map(|(kind, id)| RecordKey::new(kind, id.to_string())).collect()
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
        r.put(CAFE, &Function::new("Café", Some(BENT), 1).unwrap(), stamp);
        let schedule = mondays(10, 13, date(2));
        r.put(MONDAYS, &Agreement { person: ANNA, function: CAFE, schedule, buddy: Some(BENT), follows: None }, stamp);
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
            &Cancellation { person: ANNA, occurrence: monday, reason: Some("ill".into()), given_at, recorded_by: None },
            stamp(2),
        );
        let shift = shifts_between(&r, date(9), date(9)).remove(0);
        assert_eq!(shift.expected, []);
        assert_eq!(shift.open_places(), 1);
        assert_eq!(shift.cancelled[0].notice_hours(shift.start()), 16.0);

        r.put(Id::from_u128(31), &SignUp { person: BENT, occurrence: monday, recorded_by: None }, stamp(3));
        let shift = shifts_between(&r, date(9), date(9)).remove(0);
        assert_eq!(shift.expected, [BENT]);
        assert_eq!(shift.open_places(), 0);
    }

    #[test]
    fn the_coming_cancellations_and_sign_ups_are_named_whenever_made() {
        let mut r = group();
        let given_at = date(1).and_hms_opt(9, 0, 0).unwrap();
        let cancel = |date| Cancellation {
            person: ANNA,
            occurrence: OccurrenceRef::Agreement { agreement: MONDAYS, date },
            reason: None,
            given_at,
            recorded_by: None,
        };
        r.put(Id::from_u128(30), &cancel(date(2)), stamp(2));
        r.put(Id::from_u128(31), &cancel(date(16)), stamp(2));
        let (past, coming) = (Id::from_u128(40), Id::from_u128(41));
        r.put(past, &Event::new("Meeting", None, date(3), (time(17), time(18)), 9, "").unwrap(), stamp(2));
        r.put(coming, &Event::new("Party", None, date(27), (time(17), time(22)), 9, "").unwrap(), stamp(2));
        for (id, event) in [(50, past), (51, coming), (52, Id::from_u128(49))] {
            let occurrence = OccurrenceRef::Event { event };
            r.put(Id::from_u128(id), &SignUp { person: BENT, occurrence, recorded_by: None }, stamp(3));
        }
        let key = |kind: &str, id: u128| RecordKey::new(kind, Id::from_u128(id).to_string());
        assert_eq!(coming_notices(&r, date(9)), [key(Cancellation::KIND, 31), key(SignUp::KIND, 51)]);
        assert_eq!(coming_notices(&r, date(16)).len(), 2, "a shift of that day is coming");
        assert_eq!(coming_notices(&r, date(28)), []);
    }

    #[test]
    fn a_period_has_the_shifts_of_its_days_as_a_longer_one_has_them() {
        let mut r = group();
        r.put(CAFE, &Function::new("Café", Some(BENT), 2).unwrap(), stamp(2));
        let at = date(1).and_hms_opt(9, 0, 0).unwrap();
        let monday = |d| OccurrenceRef::Agreement { agreement: MONDAYS, date: date(d) };
        let needed = |d| OccurrenceRef::Needed { function: CAFE, date: date(d), starts: time(10), ends: time(13) };
        let notice =
            Cancellation { person: ANNA, occurrence: monday(9), reason: None, given_at: at, recorded_by: None };
        r.put(Id::from_u128(30), &notice, stamp(3));
        r.put(Id::from_u128(31), &SignUp { person: BENT, occurrence: monday(9), recorded_by: None }, stamp(3));
        r.put(Id::from_u128(32), &SignUp { person: BENT, occurrence: needed(16), recorded_by: None }, stamp(3));
        r.put(Id::from_u128(33), &Waiting { person: ANNA, occurrence: needed(23), since: at }, stamp(3));
        let party = Event::new("Party", None, date(20), (time(17), time(22)), 1, "").unwrap();
        r.put(Id::from_u128(40), &party, stamp(3));
        let at_party = OccurrenceRef::Event { event: Id::from_u128(40) };
        r.put(Id::from_u128(34), &SignUp { person: BENT, occurrence: at_party, recorded_by: None }, stamp(3));
        r.put(Id::from_u128(35), &Waiting { person: ANNA, occurrence: at_party, since: at }, stamp(3));
        let month = shifts_between(&r, date(1), date(30));
        for (from, to) in [(1, 8), (9, 9), (9, 16), (10, 23), (16, 30), (24, 30)] {
            let days = month.iter().filter(|s| (date(from)..=date(to)).contains(&s.date)).cloned().collect::<Vec<_>>();
            assert_eq!(shifts_between(&r, date(from), date(to)), days, "{from} to {to}");
        }
    }

    #[test]
    fn a_paused_person_has_no_shifts_until_their_return() {
        let mut r = group();
        let mut anna = r.read::<Person>(ANNA).unwrap();
        anna.status = Status::Paused { from: date(5), until: Some(date(23)) };
        r.put(ANNA, &anna, stamp(2));
        let shifts = shifts_between(&r, date(1), date(30));
        let hers = |s: &&Shift| s.has(ANNA);
        assert_eq!(shifts.iter().filter(hers).map(|s| s.date).collect::<Vec<_>>(), [date(2), date(23), date(30)]);
        let needed = |s: &&Shift| matches!(s.occurrence, OccurrenceRef::Needed { .. });
        assert_eq!(shifts.iter().filter(needed).map(|s| s.date).collect::<Vec<_>>(), [date(9), date(16)]);
    }

    #[test]
    fn an_event_has_its_own_number_of_places_and_title() {
        let mut r = group();
        let party = Event::new("Christmas party", None, date(27), (time(17), time(22)), 4, "").unwrap();
        r.put(Id::from_u128(40), &party, stamp(2));
        let event = OccurrenceRef::Event { event: Id::from_u128(40) };
        r.put(Id::from_u128(41), &SignUp { person: BENT, occurrence: event, recorded_by: None }, stamp(3));
        let shift = shifts_between(&r, date(27), date(27)).remove(0);
        assert_eq!((shift.places, shift.open_places(), shift.expected.clone()), (4, 3, vec![BENT]));
        assert_eq!((shift.title.as_deref(), shift.function), (Some("Christmas party"), None));
    }

    #[test]
    fn a_function_short_of_people_has_needed_places_anyone_may_take() {
        let mut r = group();
        r.put(CAFE, &Function::new("Café", Some(BENT), 3).unwrap(), stamp(2));
        let monday: Vec<Shift> = shifts_between(&r, date(9), date(9));
        assert_eq!(monday.len(), 2, "Anna's shift and the places the café still needs");
        let needed = OccurrenceRef::Needed { function: CAFE, date: date(9), starts: time(10), ends: time(13) };
        assert_eq!((monday[1].occurrence, monday[1].places, monday[1].open_places()), (needed, 2, 2));
        r.put(Id::from_u128(50), &SignUp { person: BENT, occurrence: needed, recorded_by: None }, stamp(3));
        assert_eq!(shifts_between(&r, date(9), date(9))[1].open_places(), 1);

        // Enough people again: Bent keeps the place he took.
        r.put(CAFE, &Function::new("Café", Some(BENT), 1).unwrap(), stamp(4));
        let monday = shifts_between(&r, date(9), date(9));
        assert_eq!(monday.len(), 2);
        assert_eq!((monday[1].expected.clone(), monday[1].open_places()), (vec![BENT], 0));
        assert_eq!(shifts_between(&r, date(16), date(16)).len(), 1, "no needed places on other Mondays");

        // A paused person gives nobody: their place is needed.
        r.put(CAFE, &Function::new("Café", Some(BENT), 1).unwrap(), stamp(5));
        let mut anna = r.read::<Person>(ANNA).unwrap();
        anna.status = Status::Paused { from: date(10), until: None };
        r.put(ANNA, &anna, stamp(6));
        let paused = shifts_between(&r, date(16), date(16));
        assert_eq!(paused.len(), 1);
        assert!(matches!(paused[0].occurrence, OccurrenceRef::Needed { .. }) && paused[0].open_places() == 1);
        // Retired, the function needs nobody.
        let mut cafe = r.read::<Function>(CAFE).unwrap();
        cafe.retired = true;
        r.put(CAFE, &cafe, stamp(7));
        assert_eq!(shifts_between(&r, date(16), date(16)), []);
    }

    #[test]
    fn the_first_in_the_waiting_line_is_offered_the_place_that_opens() {
        let mut r = group();
        let party = Event::new("Summer party", Some(CAFE), date(27), (time(17), time(22)), 1, "Bring a cake").unwrap();
        r.put(Id::from_u128(40), &party, stamp(2));
        let event = OccurrenceRef::Event { event: Id::from_u128(40) };
        r.put(Id::from_u128(41), &SignUp { person: ANNA, occurrence: event, recorded_by: None }, stamp(3));
        let carl = Id::from_u128(3);
        let at = |h| date(20).and_time(time(h));
        for (id, person, since) in [(43, carl, at(12)), (42, BENT, at(11)), (44, BENT, at(13))] {
            r.put(Id::from_u128(id), &Waiting { person, occurrence: event, since }, stamp(4));
        }
        let full = shifts_between(&r, date(27), date(27)).remove(0);
        assert_eq!((full.waiting.clone(), full.offered().len(), full.free_places()), (vec![BENT, carl], 0, 0));

        let notice =
            Cancellation { person: ANNA, occurrence: event, reason: None, given_at: at(14), recorded_by: None };
        r.put(Id::from_u128(45), &notice, stamp(5));
        let open = shifts_between(&r, date(27), date(27)).remove(0);
        assert_eq!((open.open_places(), open.offered(), open.free_places()), (1, &[BENT][..], 0));
    }

    #[test]
    fn a_closed_day_has_no_places_and_no_one_is_due() {
        let mut r = group();
        r.put(Id::from_u128(60), &Closure { date: date(9), reason: "Holiday".into() }, stamp(2));
        r.put(CAFE, &Function::new("Café", Some(BENT), 2).unwrap(), stamp(3));
        let closed = shifts_between(&r, date(9), date(9));
        assert!(closed.iter().all(|s| s.closed.as_deref() == Some("Holiday") && s.open_places() == 0));
        assert!(shifts_between(&r, date(16), date(16)).iter().all(|s| s.closed.is_none()));
    }
}
