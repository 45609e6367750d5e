//! A volunteer's side of the day: their shifts, checking in and out,
//! cancelling one shift (*melde afbud*), taking an open place, and the hours
//! they gave. Each action checks the records first and returns the record to
//! store, so a second tap or a stale screen never makes nonsense.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime};
use thiserror::Error;

use crate::entity::{Entity, Id};
use crate::model::{Agreement, Cancellation, CheckIn, CheckOutError, Event, Function, OccurrenceRef, SignUp, Waiting};
use crate::replica::Replica;
use crate::shifts::{shifts_between, Shift};
use crate::stays;

/// Why an action on a shift or a stay was refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DutyError {
    #[error("already checked in")]
    AlreadyCheckedIn,
    #[error("not checked in")]
    NotCheckedIn,
    #[error(transparent)]
    CheckOut(#[from] CheckOutError),
    #[error("not expected at this shift")]
    NotExpected,
    #[error("this shift is over")]
    ShiftOver,
    #[error("no open place left")]
    NoOpenPlace,
    #[error("already on this shift")]
    AlreadyOnShift,
    #[error("the centre is closed that day")]
    Closed,
    #[error("already on the waiting list")]
    AlreadyWaiting,
    #[error("there is an open place: take it")]
    PlaceOpen,
    #[error("the time is in the future")]
    InFuture,
}

/// The kinds this module's questions read (shifts and stays): also enough
/// for the roster, the reports and the calendar.
pub const KINDS_READ: [&str; 9] = {
    let [a, b, c, d, e, f, g, h] = crate::shifts::KINDS_READ;
    [a, b, c, d, e, f, g, h, CheckIn::KIND]
};

/// The person's stay going on at `now` (checked in, not out, not closed by
/// itself), if any.
pub fn open_stay(replica: &Replica, person: Id, now: NaiveDateTime) -> Option<(Id, CheckIn)> {
    replica
        .all::<CheckIn>()
        .iter()
        .filter(|(_, s)| s.person == person && stays::is_going_on(replica, s, now))
        .max_by_key(|(_, s)| s.checked_in)
        .cloned()
}

/// Who is on duty at `now`.
pub fn here(replica: &Replica, now: NaiveDateTime) -> BTreeSet<Id> {
    let mut here = BTreeSet::new();
    let stays = replica.all::<CheckIn>();
    here.extend(stays.iter().filter(|(_, s)| stays::is_going_on(replica, s, now)).map(|(_, s)| s.person));
    here
}

/// The function a shift belongs to, as its records say now.
pub fn function_of(replica: &Replica, occurrence: &OccurrenceRef) -> Option<Id> {
    match occurrence {
        OccurrenceRef::Agreement { agreement, .. } => replica.read::<Agreement>(*agreement).map(|a| a.function),
        OccurrenceRef::Event { event } => replica.read::<Event>(*event).and_then(|e| e.function),
        OccurrenceRef::Needed { function, .. } => Some(*function),
    }
}

/// A new stay from `at`, for a shift or spontaneous; refused while one is open.
pub fn check_in(
    replica: &Replica,
    person: Id,
    occurrence: Option<OccurrenceRef>,
    at: NaiveDateTime,
) -> Result<CheckIn, DutyError> {
    if open_stay(replica, person, at).is_some() {
        return Err(DutyError::AlreadyCheckedIn);
    }
    Ok(CheckIn::new(person, occurrence, None, at))
}

/// Ends the person's open stay at `at`: the stay's id and its new value.
pub fn check_out(replica: &Replica, person: Id, at: NaiveDateTime) -> Result<(Id, CheckIn), DutyError> {
    let (id, mut stay) = open_stay(replica, person, at).ok_or(DutyError::NotCheckedIn)?;
    stay.check_out(at)?;
    Ok((id, stay))
}

/// The person's shifts from `from` to `to`: those they are expected at, and
/// those they cancelled (shown as cancelled).
pub fn shifts_of(replica: &Replica, person: Id, from: NaiveDate, to: NaiveDate) -> Vec<Shift> {
    shifts_between(replica, from, to)
        .into_iter()
        .filter(|s| s.expected.contains(&person) || s.cancelled.iter().any(|c| c.person == person))
        .collect()
}

/// The shift a check-in now belongs to: the person's first shift today that
/// has not ended and that they have not checked in for yet.
pub fn shift_to_check_in(replica: &Replica, person: Id, now: NaiveDateTime) -> Option<Shift> {
    let stays = replica.all::<CheckIn>();
    let checked_in = |s: &Shift| stays.iter().any(|(_, c)| c.person == person && c.occurrence == Some(s.occurrence));
    shifts_of(replica, person, now.date(), now.date())
        .into_iter()
        .find(|s| s.has(person) && s.closed.is_none() && s.end() > now && !checked_in(s))
}

/// The notice that `person` cannot come to `shift`, given at `at`.
pub fn cancel(person: Id, shift: &Shift, reason: &str, at: NaiveDateTime) -> Result<Cancellation, DutyError> {
    if shift.closed.is_some() {
        return Err(DutyError::Closed);
    }
    if !shift.has(person) {
        return Err(DutyError::NotExpected);
    }
    if shift.end() <= at {
        return Err(DutyError::ShiftOver);
    }
    let reason = Some(reason.trim().to_owned()).filter(|r| !r.is_empty());
    Ok(Cancellation { person, occurrence: shift.occurrence, reason, given_at: at, recorded_by: None })
}

/// `person` taking an open place in `shift`: one nobody waits for, or the
/// one offered to them from the waiting list.
pub fn take(person: Id, shift: &Shift, at: NaiveDateTime) -> Result<SignUp, DutyError> {
    if shift.start() <= at {
        return Err(DutyError::ShiftOver);
    }
    let sign_up = put_into(person, shift, at, None)?;
    if !shift.offered().contains(&person) && shift.free_places() == 0 {
        return Err(DutyError::NoOpenPlace);
    }
    Ok(sign_up)
}

/// A coordinator (`by`) putting `person` into an open place of `shift`, up
/// to its end and whoever waits: the coordinator decides.
pub fn put_into(person: Id, shift: &Shift, at: NaiveDateTime, by: Option<Id>) -> Result<SignUp, DutyError> {
    if shift.closed.is_some() {
        return Err(DutyError::Closed);
    }
    if shift.has(person) {
        return Err(DutyError::AlreadyOnShift);
    }
    if shift.end() <= at {
        return Err(DutyError::ShiftOver);
    }
    if shift.open_places() == 0 {
        return Err(DutyError::NoOpenPlace);
    }
    Ok(SignUp { person, occurrence: shift.occurrence, recorded_by: by })
}

/// `person` joining the waiting list of a full `shift`.
pub fn wait(person: Id, shift: &Shift, at: NaiveDateTime) -> Result<Waiting, DutyError> {
    if shift.closed.is_some() {
        return Err(DutyError::Closed);
    }
    if shift.has(person) {
        return Err(DutyError::AlreadyOnShift);
    }
    if shift.start() <= at {
        return Err(DutyError::ShiftOver);
    }
    if shift.waiting.contains(&person) {
        return Err(DutyError::AlreadyWaiting);
    }
    if shift.free_places() > 0 {
        return Err(DutyError::PlaceOpen);
    }
    Ok(Waiting { person, occurrence: shift.occurrence, since: at })
}

/// The waiting-list records of `person` for `occurrence`: removed when
/// they take the place or let it pass.
pub fn waiting_records(replica: &Replica, person: Id, occurrence: OccurrenceRef) -> Vec<Id> {
    let all = replica.all::<Waiting>();
    all.iter().filter(|(_, w)| w.person == person && w.occurrence == occurrence).map(|(id, _)| *id).collect()
}

/// Places offered to `person` from a waiting list, not yet started by `now`.
pub fn offers_for(replica: &Replica, person: Id, now: NaiveDateTime, to: NaiveDate) -> Vec<Shift> {
    // Most people wait for nothing: Today need not work out weeks of shifts.
    if !replica.all::<Waiting>().iter().any(|(_, w)| w.person == person) {
        return Vec::new();
    }
    let mut offers = shifts_between(replica, now.date(), to);
    offers.retain(|s| s.start() > now && s.offered().contains(&person));
    offers
}

/// Shifts with places `person` may take (free, or offered to them) that
/// have not started by `now`, up to `to`.
pub fn open_slots(replica: &Replica, now: NaiveDateTime, to: NaiveDate, person: Option<Id>) -> Vec<Shift> {
    let mut open = shifts_between(replica, now.date(), to);
    let offered = |s: &Shift| person.is_some_and(|p| s.offered().contains(&p));
    open.retain(|s| s.start() > now && (s.free_places() > 0 || offered(s)));
    open
}

/// Events with every place taken, not started by `now`: their waiting lists.
pub fn full_events(replica: &Replica, now: NaiveDateTime, to: NaiveDate) -> Vec<Shift> {
    let mut full = shifts_between(replica, now.date(), to);
    full.retain(|s| {
        matches!(s.occurrence, OccurrenceRef::Event { .. })
            && s.start() > now
            && s.closed.is_none()
            && s.free_places() == 0
    });
    full
}

/// The person's other shifts on the day of `shift` that overlap it in time.
pub fn clashes(replica: &Replica, person: Id, shift: &Shift) -> Vec<Shift> {
    let mut same_day = shifts_of(replica, person, shift.date, shift.date);
    same_day.retain(|s| {
        s.occurrence != shift.occurrence && s.has(person) && s.starts < shift.ends && shift.starts < s.ends
    });
    same_day
}

/// The functions a person already does: by agreement, or by having taken a
/// place or checked in for one.
pub fn functions_of(replica: &Replica, person: Id) -> BTreeSet<Id> {
    // Inserted one by one: `collect` into a set sorts first, a stable sort
    // that costs the wasm kilobytes for each element type.
    let mut functions = BTreeSet::new();
    functions.extend(replica.all::<Agreement>().iter().filter(|(_, a)| a.person == person).map(|(_, a)| a.function));
    for (_, sign_up) in replica.all::<SignUp>().iter().filter(|(_, s)| s.person == person) {
        functions.extend(function_of(replica, &sign_up.occurrence));
    }
    for (_, stay) in replica.all::<CheckIn>().iter().filter(|(_, s)| s.person == person) {
        functions.extend(stay.function.or_else(|| stay.occurrence.as_ref().and_then(|o| function_of(replica, o))));
    }
    functions
}

/// Minutes given in a period, agreed shifts apart from spontaneous help.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hours {
    pub agreed_minutes: i64,
    pub spontaneous_minutes: i64,
}

/// What `person` gave from `from` to `to` (by the day they checked in), as
/// of `now`: a forgotten check-out counts to the shift's end.
pub fn hours(replica: &Replica, person: Id, from: NaiveDate, to: NaiveDate, now: NaiveDateTime) -> Hours {
    let mut hours = Hours::default();
    for (_, stay) in replica.all::<CheckIn>().iter() {
        if stay.person != person || !(from..=to).contains(&stay.checked_in.date()) {
            continue;
        }
        let minutes = stays::minutes(replica, stay, now).unwrap_or(0);
        if stay.is_spontaneous() {
            hours.spontaneous_minutes += minutes;
        } else {
            hours.agreed_minutes += minutes;
        }
    }
    hours
}

/// Cancellations `person` should hear of: in shifts where they are the buddy
/// or the function's staff contact (their own are left out).
pub fn cancellations_for(replica: &Replica, person: Id, from: NaiveDate, to: NaiveDate) -> Vec<(Shift, Cancellation)> {
    let contact_of = |function: Option<Id>| function.and_then(|f| replica.read::<Function>(f)).and_then(|f| f.contact);
    shifts_between(replica, from, to)
        .into_iter()
        .filter(|s| s.buddy == Some(person) || contact_of(s.function) == Some(person))
        .flat_map(|s| s.cancelled.clone().into_iter().filter(|c| c.person != person).map(move |c| (s.clone(), c)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{DeviceId, Stamp};
    use crate::model::Person;
    use crate::testing::mondays;

    const ANNA: Id = Id::from_u128(1);
    const BENT: Id = Id::from_u128(2);
    const CARL: Id = Id::from_u128(3);
    const CAFE: Id = Id::from_u128(10);
    const MONDAYS: Id = Id::from_u128(20);

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        date(d).and_hms_opt(h, m, 0).unwrap()
    }

    fn stamp(millis: u64) -> Stamp {
        Stamp { millis, counter: 0, device: DeviceId::from_u64(1) }
    }

    /// Anna does the café on Mondays 10–13 with Bent as buddy; Carl is its contact.
    fn group() -> Replica {
        let mut r = Replica::new();
        for (id, name) in [(ANNA, "Anna"), (BENT, "Bent"), (CARL, "Carl")] {
            r.put(id, &Person::new(name, date(1)).unwrap(), stamp(1));
        }
        r.put(CAFE, &Function::new("Café", Some(CARL), 1).unwrap(), stamp(1));
        let schedule = mondays(10, 13, date(2));
        r.put(
            MONDAYS,
            &Agreement { person: ANNA, function: CAFE, schedule, buddy: Some(BENT), follows: None },
            stamp(1),
        );
        r
    }

    #[test]
    fn checking_in_twice_or_out_without_in_is_refused() {
        let mut r = group();
        assert_eq!(check_out(&r, ANNA, at(23, 12, 0)), Err(DutyError::NotCheckedIn));
        let shift = shift_to_check_in(&r, ANNA, at(23, 9, 55)).unwrap();
        let stay = check_in(&r, ANNA, Some(shift.occurrence), at(23, 9, 55)).unwrap();
        r.put(Id::from_u128(50), &stay, stamp(2));
        assert_eq!(check_in(&r, ANNA, None, at(23, 10, 0)), Err(DutyError::AlreadyCheckedIn));
        assert_eq!(check_out(&r, ANNA, at(23, 9, 0)), Err(DutyError::CheckOut(CheckOutError::BeforeCheckIn)));
        let (id, stay) = check_out(&r, ANNA, at(23, 13, 5)).unwrap();
        assert_eq!((id, stay.minutes()), (Id::from_u128(50), Some(190)));
        r.put(id, &stay, stamp(3));
        assert_eq!(open_stay(&r, ANNA, at(23, 13, 6)), None);
        assert_eq!(shift_to_check_in(&r, ANNA, at(23, 13, 6)), None, "that shift is done");
    }

    #[test]
    fn hours_count_agreed_and_spontaneous_apart() {
        let mut r = group();
        let stays = [
            (Some(OccurrenceRef::Agreement { agreement: MONDAYS, date: date(23) }), at(23, 10, 0), at(23, 13, 0)),
            (None, at(24, 9, 0), at(24, 10, 30)),
            (None, at(25, 9, 0), at(25, 9, 0) + chrono::Duration::days(40)),
        ];
        for (i, (occurrence, from, to)) in stays.into_iter().enumerate() {
            let stay = CheckIn {
                person: ANNA,
                occurrence,
                checked_in: from,
                checked_out: Some(to),
                function: None,
                recorded_by: None,
                by_hand: false,
            };
            r.put(Id::from_u128(60 + i as u128), &stay, stamp(2));
        }
        let november = hours(&r, ANNA, date(1), date(24), at(30, 0, 0));
        assert_eq!(november, Hours { agreed_minutes: 180, spontaneous_minutes: 90 });
        assert_eq!(hours(&r, BENT, date(1), date(30), at(30, 0, 0)), Hours::default());
    }

    #[test]
    fn a_cancellation_opens_a_slot_that_the_buddy_and_contact_hear_of() {
        let mut r = group();
        let monday = shifts_of(&r, ANNA, date(30), date(30)).remove(0);
        assert_eq!(cancel(BENT, &monday, "", at(29, 18, 0)), Err(DutyError::NotExpected));
        assert_eq!(cancel(ANNA, &monday, "", at(30, 13, 0)), Err(DutyError::ShiftOver));
        let notice = cancel(ANNA, &monday, "  ill  ", at(29, 18, 0)).unwrap();
        assert_eq!(notice.reason.as_deref(), Some("ill"));
        r.put(Id::from_u128(70), &notice, stamp(2));

        assert_eq!(shifts_of(&r, ANNA, date(30), date(30)).len(), 1, "still listed, as cancelled");
        assert_eq!(cancellations_for(&r, BENT, date(1), date(30)).len(), 1);
        assert_eq!(cancellations_for(&r, CARL, date(1), date(30)).len(), 1);
        assert_eq!(cancellations_for(&r, ANNA, date(1), date(30)).len(), 0);

        let slots = open_slots(&r, at(29, 18, 0), date(30), None);
        assert_eq!(slots.len(), 1);
        assert_eq!(take(ANNA, &slots[0], at(29, 18, 0)).map(|_| ()), Ok(()), "she may change her mind");
        let sign_up = take(BENT, &slots[0], at(29, 19, 0)).unwrap();
        assert_eq!(take(BENT, &slots[0], at(30, 10, 30)), Err(DutyError::ShiftOver));
        r.put(Id::from_u128(71), &sign_up, stamp(3));
        assert!(open_slots(&r, at(29, 19, 0), date(30), None).is_empty());
        let full = shifts_between(&r, date(30), date(30)).remove(0);
        assert_eq!(take(CARL, &full, at(29, 19, 0)), Err(DutyError::NoOpenPlace));
        assert_eq!(take(BENT, &full, at(29, 19, 0)), Err(DutyError::AlreadyOnShift));
        assert_eq!(functions_of(&r, BENT), BTreeSet::from([CAFE]));
        assert_eq!(functions_of(&r, CARL), BTreeSet::new());
    }

    #[test]
    fn a_full_event_has_a_waiting_line_and_a_coordinator_may_put_people_in() {
        let mut r = group();
        let party =
            Event::new("Summer party", None, date(27), (at(27, 17, 0).time(), at(27, 20, 0).time()), 1, "").unwrap();
        r.put(Id::from_u128(80), &party, stamp(2));
        let event = |r: &Replica| shifts_between(r, date(27), date(27)).remove(0);
        let now = at(20, 12, 0);
        assert_eq!(wait(BENT, &event(&r), now), Err(DutyError::PlaceOpen), "take the open place instead");
        r.put(Id::from_u128(81), &take(ANNA, &event(&r), now).unwrap(), stamp(3));
        assert_eq!(full_events(&r, now, date(30)).len(), 1);
        assert_eq!(take(BENT, &event(&r), now), Err(DutyError::NoOpenPlace));
        r.put(Id::from_u128(82), &wait(BENT, &event(&r), now).unwrap(), stamp(4));
        r.put(Id::from_u128(83), &wait(CARL, &event(&r), at(20, 13, 0)).unwrap(), stamp(5));
        assert_eq!(wait(BENT, &event(&r), now), Err(DutyError::AlreadyWaiting));
        assert_eq!(wait(ANNA, &event(&r), now), Err(DutyError::AlreadyOnShift));

        // Anna cancels: the place is Bent's to take or let pass, not Carl's.
        r.put(Id::from_u128(84), &cancel(ANNA, &event(&r), "", at(21, 9, 0)).unwrap(), stamp(6));
        assert_eq!(offers_for(&r, BENT, at(21, 9, 0), date(30)).len(), 1);
        assert_eq!(offers_for(&r, CARL, at(21, 9, 0), date(30)), []);
        assert_eq!(open_slots(&r, at(21, 9, 0), date(30), Some(CARL)).len(), 0, "held for Bent");
        assert_eq!(open_slots(&r, at(21, 9, 0), date(30), Some(BENT)).len(), 1);
        assert_eq!(take(CARL, &event(&r), at(21, 9, 0)), Err(DutyError::NoOpenPlace));
        // Bent lets it pass: it goes to Carl.
        for id in waiting_records(&r, BENT, event(&r).occurrence) {
            r.remove::<Waiting>(id, stamp(7));
        }
        assert_eq!(offers_for(&r, CARL, at(21, 10, 0), date(30)).len(), 1);
        let sign_up = take(CARL, &event(&r), at(21, 10, 0)).unwrap();
        r.put(Id::from_u128(85), &sign_up, stamp(8));
        assert_eq!(event(&r).waiting, [], "someone with the place waits no more");

        // The coordinator may put someone in even after the start, not into a full one.
        assert_eq!(put_into(BENT, &event(&r), at(27, 18, 0), Some(CARL)), Err(DutyError::NoOpenPlace));
        let monday = shifts_of(&r, ANNA, date(30), date(30)).remove(0);
        r.put(Id::from_u128(86), &cancel(ANNA, &monday, "ill", at(30, 9, 0)).unwrap(), stamp(9));
        let monday = shifts_between(&r, date(30), date(30)).remove(0);
        let put = put_into(BENT, &monday, at(30, 10, 30), Some(CARL)).unwrap();
        assert_eq!((put.person, put.recorded_by), (BENT, Some(CARL)));
    }

    #[test]
    fn clashing_shifts_are_named_and_a_closed_day_refuses_duty() {
        let mut r = group();
        let meeting =
            Event::new("Joint meeting", None, date(30), (at(30, 12, 0).time(), at(30, 14, 0).time()), 5, "").unwrap();
        r.put(Id::from_u128(90), &meeting, stamp(2));
        let meeting = shifts_between(&r, date(30), date(30)).into_iter().find(|s| s.title.is_some()).unwrap();
        let clashes = clashes(&r, ANNA, &meeting);
        assert_eq!(clashes.len(), 1, "her café shift 10–13 overlaps the meeting 12–14");
        assert_eq!(clashes[0].function, Some(CAFE));
        assert_eq!(crate::duty::clashes(&r, BENT, &meeting), []);

        r.put(Id::from_u128(91), &crate::model::Closure { date: date(30), reason: "Holiday".into() }, stamp(3));
        let closed = shifts_of(&r, ANNA, date(30), date(30)).remove(0);
        assert_eq!(cancel(ANNA, &closed, "", at(29, 9, 0)), Err(DutyError::Closed));
        assert_eq!(shift_to_check_in(&r, ANNA, at(30, 9, 0)), None);
        assert!(open_slots(&r, at(29, 9, 0), date(30), None).is_empty());
    }
}
