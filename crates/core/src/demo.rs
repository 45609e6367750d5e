//! A deterministic, realistic data set for trying Flok and measuring it: an
//! activity centre's functions, people with agreements, and years of shifts
//! with check-ins, cancellations, sign-ups, spontaneous help and follow-ups.
//!
//! The same options always give the same replica. The seed also makes the
//! device id and record ids, so different seeds act as different devices.

use chrono::{Days, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use std::collections::BTreeMap;

use crate::clock::{DeviceId, Stamp};
use crate::entity::{Entity, Id};
use crate::model::{
    Agreement, Cancellation, CheckIn, Competence, Event, FollowUp, Function, OccurrenceRef, Outcome, Person, SignUp,
    Stage, Status,
};
use crate::recurrence::{Nth, Recurrence, Schedule};
use crate::replica::Replica;
use crate::shifts::shifts_between;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoOptions {
    pub seed: u64,
    pub people: usize,
    pub years: u32,
}

/// The last day of every demo data set: fixed, so output never depends on
/// the day it is made, and in the past, so no stamp lies in the future.
pub const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(2026, 10, 31).expect("valid");

const FIRST_NAMES: &[&str] = &[
    "Anna", "Birte", "Bent", "Carl", "Dorte", "Erik", "Eva", "Finn", "Grethe", "Hans", "Inge", "Jens", "Karen", "Lars",
    "Lone", "Mette", "Niels", "Ole", "Pia", "Poul", "Rikke", "Søren", "Tove", "Ulla", "Vagn", "Aase", "Bodil",
    "Jørgen", "Kirsten", "Mogens", "Hanne", "Per", "Ib", "Else", "Knud", "Gitte", "Torben", "Lise",
];
const LAST_NAMES: &[&str] = &[
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
];
/// Functions of an activity centre: name, people per shift, start hour, hours.
const FUNCTIONS: &[(&str, u16, u32, i64)] = &[
    ("Café", 3, 10, 3),
    ("Kitchen", 2, 9, 4),
    ("Yoga instructor", 1, 14, 2),
    ("Lecture", 1, 19, 2),
    ("Reception", 1, 8, 4),
    ("Event helper", 4, 17, 4),
];

struct Generator {
    rng: ChaCha8Rng,
    device: DeviceId,
    /// Stamps issued per millisecond, so each is unique as a real clock's are.
    issued: BTreeMap<u64, u16>,
    replica: Replica,
}

impl Generator {
    /// An id as a device makes one at `at` (time-ordered, as the browser's
    /// storage reads the recent ones first).
    fn id(&mut self, at: NaiveDateTime) -> Id {
        let millis = u64::try_from(at.and_utc().timestamp_millis()).unwrap_or(0);
        Id::made_at(millis, self.rng.random())
    }

    /// A stamp of the demo device at `at`: records carry the time they
    /// would have been made, as on a device used over the years.
    fn stamp(&mut self, at: NaiveDateTime) -> Stamp {
        let millis = u64::try_from(at.and_utc().timestamp_millis()).unwrap_or(0);
        let counter = self.issued.entry(millis).or_default();
        *counter += 1;
        Stamp { millis, counter: *counter - 1, device: self.device }
    }

    /// Adds a record as if made at `at` on the demo device.
    fn put<T: Entity>(&mut self, at: NaiveDateTime, value: &T) -> Id {
        let id = self.id(at);
        let stamp = self.stamp(at);
        self.replica.put(id, value, stamp);
        id
    }

    fn day_between(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days().max(0) as u64;
        from + Days::new(self.rng.random_range(0..=span))
    }

    fn minutes(&mut self, spread: i64) -> Duration {
        Duration::minutes(self.rng.random_range(-spread..=spread))
    }
}

/// Makes the data set. 200 people over 5 years is the size Flok is measured at.
pub fn demo(options: DemoOptions) -> Replica {
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let device = DeviceId::from_u64(rng.random());
    let mut g = Generator { rng, device, issued: BTreeMap::new(), replica: Replica::new() };
    let first_day = LAST_DAY.checked_sub_months(Months::new(12 * options.years)).unwrap_or(LAST_DAY);
    let noon = |d: NaiveDate| d.and_hms_opt(12, 0, 0).expect("valid");

    for (id, competence) in Competence::seeded() {
        let stamp = g.stamp(noon(first_day));
        g.replica.put(id, &competence, stamp);
    }

    let mut people = Vec::new();
    for n in 0..options.people {
        let first = *FIRST_NAMES.choose(&mut g.rng).expect("names");
        let last = *LAST_NAMES.choose(&mut g.rng).expect("names");
        let added_on = g.day_between(first_day, LAST_DAY - Days::new(30));
        let mut person = Person::new(&format!("{first} {last}"), added_on).expect("a demo name is valid");
        if g.rng.random_bool(0.7) {
            person.phone = Some(format!("+45 {:08}", g.rng.random_range(20_000_000..99_999_999u32)));
        }
        if g.rng.random_bool(0.5) {
            person.email = Some(format!("{}.{}{n}@example.org", first.to_lowercase(), last.to_lowercase()));
        }
        let roll: f64 = g.rng.random();
        person.status = if roll < 0.10 {
            Status::Left { on: g.day_between(added_on + Days::new(30), LAST_DAY) }
        } else if roll < 0.15 {
            let from = g.day_between(LAST_DAY - Days::new(90), LAST_DAY);
            Status::Paused { from, until: g.rng.random_bool(0.5).then(|| from + Days::new(60)) }
        } else {
            Status::Active
        };
        let id = g.put(noon(added_on), &person);
        people.push((id, added_on));
    }

    let mut functions = Vec::new();
    for &(name, needed, hour, hours) in FUNCTIONS {
        let contact = people.choose(&mut g.rng).map(|(id, _)| *id);
        let id = g.put(noon(first_day), &Function::new(name, contact, needed).expect("valid"));
        functions.push((id, hour, hours));
    }

    // Most people hold one agreement, some two; Event helpers work events.
    let mut agreements = Vec::new();
    for &(person, added_on) in &people {
        let count = if g.rng.random_bool(0.25) { 2 } else { 1 };
        for _ in 0..count {
            let &(function, hour, hours) = functions[..functions.len() - 1].choose(&mut g.rng).expect("functions");
            let start = g.day_between(added_on, added_on + Days::new(30)).min(LAST_DAY);
            let recurrence = if g.rng.random_bool(0.85) {
                let day = Weekday::try_from(g.rng.random_range(0..5u8)).expect("weekday");
                Recurrence::Weekly { weekdays: vec![day], interval: if g.rng.random_bool(0.3) { 2 } else { 1 } }
            } else {
                let nth = *[Nth::First, Nth::Second, Nth::Third, Nth::Last].choose(&mut g.rng).expect("nth");
                Recurrence::Monthly { nth, weekday: Weekday::try_from(g.rng.random_range(0..5u8)).expect("weekday") }
            };
            let starts = NaiveTime::from_hms_opt(hour, 0, 0).expect("valid");
            let ends = starts + Duration::hours(hours);
            let last_day = g.rng.random_bool(0.15).then(|| g.day_between(start, LAST_DAY));
            let schedule = Schedule::new(recurrence, starts, ends, start, last_day).expect("a demo schedule is valid");
            let buddy = g.rng.random_bool(0.1).then(|| people.choose(&mut g.rng).map(|(id, _)| *id)).flatten();
            let id = g.put(noon(start), &Agreement { person, function, schedule, buddy, follows: None });
            agreements.push((id, start));
        }
    }

    // Twice a year a party needing helpers.
    let helpers = functions.last().expect("functions").0;
    let mut year_start = first_day;
    while year_start < LAST_DAY {
        for (title, month) in [("Summer party", 6), ("Christmas lunch", 12)] {
            let date = year_start.checked_add_months(Months::new(month - 1)).unwrap_or(year_start);
            if date <= LAST_DAY {
                let event = Event {
                    function: Some(helpers),
                    title: title.into(),
                    date,
                    starts: NaiveTime::from_hms_opt(17, 0, 0).expect("valid"),
                    ends: NaiveTime::from_hms_opt(21, 0, 0).expect("valid"),
                    needed: 6,
                    description: None,
                };
                g.put(noon(date - Days::new(30)), &event);
            }
        }
        year_start = year_start.checked_add_months(Months::new(12)).unwrap_or(LAST_DAY);
    }

    // Years of shifts: most are worked, some cancelled and taken by others.
    for shift in shifts_between(&g.replica.clone(), first_day, LAST_DAY) {
        let start = shift.start();
        let end = shift.date.and_time(shift.ends);
        let mut workers = shift.expected.clone();
        if let Some(&person) = shift.expected.first().filter(|_| g.rng.random_bool(0.08)) {
            let given_at = start - Duration::hours(g.rng.random_range(1..96));
            let reason = ["Ill", "Doctor's appointment", "Family visit", "Travelling"]
                .choose(&mut g.rng)
                .map(|r| (*r).to_owned());
            g.put(
                given_at,
                &Cancellation { person, occurrence: shift.occurrence, reason, given_at, recorded_by: None },
            );
            workers.retain(|p| *p != person);
            if g.rng.random_bool(0.35) {
                let taker = people.choose(&mut g.rng).expect("people").0;
                g.put(
                    given_at + Duration::hours(2),
                    &SignUp { person: taker, occurrence: shift.occurrence, recorded_by: None },
                );
                workers.push(taker);
            }
        }
        if let OccurrenceRef::Event { .. } = shift.occurrence {
            for _ in 0..shift.places.saturating_sub(1) {
                let helper = people.choose(&mut g.rng).expect("people").0;
                g.put(
                    start - Duration::days(7),
                    &SignUp { person: helper, occurrence: shift.occurrence, recorded_by: None },
                );
                workers.push(helper);
            }
        }
        for person in workers {
            if g.rng.random_bool(0.93) {
                let checked_in = start + g.minutes(10);
                let checked_out = Some(end + g.minutes(20));
                let stay = CheckIn { checked_out, ..CheckIn::new(person, Some(shift.occurrence), None, checked_in) };
                g.put(checked_in, &stay);
            }
        }
    }

    // Spontaneous help, welcome but counted apart: a few people drop by.
    let mut day = first_day;
    while day <= LAST_DAY {
        if let Some(&(person, _)) = people.choose(&mut g.rng).filter(|(_, added)| *added <= day) {
            let checked_in = day.and_hms_opt(g.rng.random_range(9..15), 0, 0).expect("valid") + g.minutes(30);
            let checked_out = Some(checked_in + Duration::minutes(g.rng.random_range(30..150)));
            g.put(checked_in, &CheckIn { checked_out, ..CheckIn::new(person, None, None, checked_in) });
        }
        day = day + Days::new(g.rng.random_range(1..4));
    }

    // Trial conversation after a month, follow-up after two.
    for (agreement, start) in agreements {
        for stage in [Stage::Trial, Stage::FollowUp] {
            let held_on = stage.due(start) + Days::new(g.rng.random_range(0..10));
            if held_on <= LAST_DAY {
                let outcome = Some(if g.rng.random_bool(0.9) { Outcome::Continue } else { Outcome::Change });
                let note = g.rng.random_bool(0.3).then(|| "Happy with the task; wants more baking.".to_owned());
                g.put(noon(held_on), &FollowUp { agreement, stage, held_on, outcome, note });
            }
        }
    }
    g.replica
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export;

    fn small(seed: u64) -> DemoOptions {
        DemoOptions { seed, people: 12, years: 1 }
    }

    #[test]
    fn the_same_options_give_the_same_file() {
        assert_eq!(export::write(&demo(small(7))), export::write(&demo(small(7))));
    }

    #[test]
    fn different_seeds_act_as_different_devices() {
        let a = demo(small(1));
        let b = demo(small(2));
        let device = |r: &Replica| r.latest_stamp().unwrap().device;
        assert_ne!(device(&a), device(&b));
        let mut both = a.clone();
        both.merge(&b);
        assert_eq!(
            both.len(),
            a.len() + b.len() - Competence::seeded().len(),
            "only the seeded competences are shared"
        );
    }

    #[test]
    fn the_data_set_holds_every_kind_of_record() {
        let replica = demo(small(3));
        assert_eq!(replica.all::<Person>().len(), 12);
        assert_eq!(replica.all::<Function>().len(), FUNCTIONS.len());
        assert!(!replica.all::<Agreement>().is_empty());
        assert!(replica.all::<CheckIn>().iter().any(|(_, c)| c.is_spontaneous()));
        assert!(replica.all::<CheckIn>().iter().any(|(_, c)| !c.is_spontaneous()));
        assert!(!replica.all::<Cancellation>().is_empty());
        assert!(!replica.all::<FollowUp>().is_empty());
        assert!(!replica.all::<Event>().is_empty());
        assert!(
            replica.latest_stamp().unwrap().millis
                <= LAST_DAY.and_hms_opt(23, 59, 59).unwrap().and_utc().timestamp_millis() as u64 + 86_400_000
        );
    }
}
