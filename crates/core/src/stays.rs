//! Stays as the hours count them: a check-in left open counts to its
//! shift's end (or [`UNPLANNED_LIMIT`] after it began, without a shift),
//! closes by itself once checking out late is no longer likely, and is
//! listed for the coordinator to correct, so a forgotten check-out never
//! counts for days. Also hours entered afterwards by hand and
//! corrected times, each checked before it is stored.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use thiserror::Error;

use crate::entity::Id;
use crate::model::{Agreement, CheckIn, Event, OccurrenceRef};
use crate::replica::Replica;

/// How long a stay without a shift may stay open before it closes by itself.
pub const UNPLANNED_LIMIT: Duration = Duration::hours(12);
/// How long after its shift's end a stay can still be checked out: people
/// stay on to tidy up; a stay still open after that was forgotten.
pub const LATE_CHECK_OUT: Duration = Duration::hours(2);

/// Why hours entered or corrected by hand were refused.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum HoursError {
    #[error("enter hours as a number, like 2 or 1.5")]
    NotHours,
    #[error("a day has no more than 24 hours")]
    MoreThanADay,
    #[error("hours cannot be given in the future")]
    InFuture,
    #[error("the check-out time is before the check-in time")]
    OutBeforeIn,
}

/// When the shift a stay was for ends, if it had one that still exists.
pub fn shift_end(replica: &Replica, occurrence: &OccurrenceRef) -> Option<NaiveDateTime> {
    match *occurrence {
        OccurrenceRef::Agreement { agreement, date } => {
            replica.read::<Agreement>(agreement).map(|a| date.and_time(a.schedule.ends))
        }
        OccurrenceRef::Event { event } => replica.read::<Event>(event).map(|e| e.date.and_time(e.ends)),
        OccurrenceRef::Needed { date, ends, .. } => Some(date.and_time(ends)),
    }
}

/// What a stay left open counts to: its shift's end, or [`UNPLANNED_LIMIT`]
/// after it began.
pub fn counts_to(replica: &Replica, stay: &CheckIn) -> NaiveDateTime {
    let end = stay.occurrence.as_ref().and_then(|o| shift_end(replica, o));
    end.map_or(stay.checked_in + UNPLANNED_LIMIT, |end| end.max(stay.checked_in))
}

/// When `stay`, left open, closes by itself.
pub fn closes_at(replica: &Replica, stay: &CheckIn) -> NaiveDateTime {
    closing(stay, counts_to(replica, stay))
}

/// When a stay left open that counts to `counts_to` closes: a shift's stay
/// [`LATE_CHECK_OUT`] later, one without a shift at once.
fn closing(stay: &CheckIn, counts_to: NaiveDateTime) -> NaiveDateTime {
    if stay.occurrence.is_some() {
        counts_to + LATE_CHECK_OUT
    } else {
        counts_to
    }
}

/// When `stay` ended as of `now`: checked out, closed by itself (counted
/// to its shift's end), or not yet.
pub fn ended_at(replica: &Replica, stay: &CheckIn, now: NaiveDateTime) -> Option<NaiveDateTime> {
    stay.checked_out.or_else(|| {
        let counts_to = counts_to(replica, stay);
        (closing(stay, counts_to) <= now).then_some(counts_to)
    })
}

/// Minutes `stay` counts as of `now` (none while it is still going on).
pub fn minutes(replica: &Replica, stay: &CheckIn, now: NaiveDateTime) -> Option<i64> {
    ended_at(replica, stay, now).map(|end| (end - stay.checked_in).num_minutes())
}

/// Whether `stay` is going on at `now`: checked in, not out, not closed by itself.
pub fn is_going_on(replica: &Replica, stay: &CheckIn, now: NaiveDateTime) -> bool {
    stay.checked_out.is_none() && closes_at(replica, stay) > now
}

/// Stays that closed by themselves (forgotten check-outs), oldest first,
/// with the time they count to: for the coordinator to correct.
pub fn forgotten(replica: &Replica, now: NaiveDateTime) -> Vec<(Id, CheckIn, NaiveDateTime)> {
    let mut forgotten: Vec<(Id, CheckIn, NaiveDateTime)> = replica
        .all::<CheckIn>()
        .iter()
        .filter(|(_, s)| s.checked_out.is_none())
        .filter_map(|(id, s)| ended_at(replica, s, now).map(|to| (*id, s.clone(), to)))
        .collect();
    forgotten.sort_unstable_by_key(|(id, s, _)| (s.checked_in, *id));
    forgotten
}

/// Hours as typed: "2", "1.5", "1,5" (as Danes write it) or "1:30"; in minutes.
pub fn parse_hours(text: &str) -> Result<i64, HoursError> {
    let text = text.trim();
    let minutes = match text.split_once(':') {
        Some((h, m)) => {
            let (h, m) = (h.trim().parse::<i64>().ok(), m.trim().parse::<i64>().ok());
            h.zip(m).filter(|(_, m)| (0..60).contains(m)).map(|(h, m)| h * 60 + m)
        }
        None => text.replace(',', ".").parse::<f64>().ok().filter(|h| h.is_finite()).map(|h| (h * 60.0).round() as i64),
    };
    minutes.filter(|m| *m > 0).ok_or(HoursError::NotHours)
}

/// Hours given on `date` entered afterwards, for `function` (none is
/// spontaneous help). Refused in the future, or past 24 hours that day with
/// what is already recorded.
pub fn by_hand(
    replica: &Replica,
    person: Id,
    function: Option<Id>,
    date: NaiveDate,
    minutes: i64,
    today: NaiveDate,
) -> Result<CheckIn, HoursError> {
    if date > today {
        return Err(HoursError::InFuture);
    }
    let day_end = date.and_time(NaiveTime::MIN) + Duration::days(1);
    let already: i64 = replica
        .all::<CheckIn>()
        .iter()
        .filter(|(_, s)| s.person == person && s.checked_in.date() == date)
        .map(|(_, s)| minutes_until(replica, s, day_end))
        .sum();
    if minutes + already > 24 * 60 {
        return Err(HoursError::MoreThanADay);
    }
    let from = date.and_time(NaiveTime::MIN);
    let mut stay = CheckIn::new(person, None, function, from);
    stay.checked_out = Some(from + Duration::minutes(minutes));
    stay.by_hand = true;
    Ok(stay)
}

/// The minutes a stay counts, with an open one counted to its closing time.
fn minutes_until(replica: &Replica, stay: &CheckIn, end: NaiveDateTime) -> i64 {
    let out = stay.checked_out.unwrap_or_else(|| counts_to(replica, stay).min(end));
    (out - stay.checked_in).num_minutes().max(0)
}

/// `stay` with its times corrected; refused when out comes before in, the
/// stay lasts more than a day, or it ends after `now`.
pub fn corrected(
    stay: &CheckIn,
    checked_in: NaiveDateTime,
    checked_out: Option<NaiveDateTime>,
    now: NaiveDateTime,
) -> Result<CheckIn, HoursError> {
    if checked_in > now || checked_out.is_some_and(|out| out > now) {
        return Err(HoursError::InFuture);
    }
    if let Some(out) = checked_out {
        if out < checked_in {
            return Err(HoursError::OutBeforeIn);
        }
        if out - checked_in > Duration::days(1) {
            return Err(HoursError::MoreThanADay);
        }
    }
    Ok(CheckIn { checked_in, checked_out, ..stay.clone() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{DeviceId, Stamp};
    use crate::duty;
    use crate::model::{Function, Person};
    use crate::testing::mondays;
    use proptest::prelude::*;

    const ANNA: Id = Id::from_u128(1);
    const CAFE: Id = Id::from_u128(10);
    const MONDAYS: Id = Id::from_u128(20);

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    fn stamp(millis: u64) -> Stamp {
        Stamp { millis, counter: 0, device: DeviceId::from_u64(1) }
    }

    /// Anna does the café on Mondays 10–13.
    fn group() -> Replica {
        let mut r = Replica::new();
        r.put(ANNA, &Person::new("Anna", at(1, 0, 0).date()).unwrap(), stamp(1));
        r.put(CAFE, &Function::new("Café", None, 1).unwrap(), stamp(1));
        let agreement = Agreement {
            person: ANNA,
            function: CAFE,
            schedule: mondays(10, 13, at(2, 0, 0).date()),
            buddy: None,
            follows: None,
        };
        r.put(MONDAYS, &agreement, stamp(1));
        r
    }

    #[test]
    fn a_forgotten_check_out_counts_to_the_shift_end_and_is_listed() {
        let mut r = group();
        let monday = OccurrenceRef::Agreement { agreement: MONDAYS, date: at(23, 0, 0).date() };
        r.put(Id::from_u128(50), &duty::check_in(&r, ANNA, Some(monday), at(23, 9, 55)).unwrap(), stamp(2));
        assert!(duty::here(&r, at(23, 14, 0)).contains(&ANNA), "staying on to tidy up");
        assert_eq!(duty::hours(&r, ANNA, at(1, 0, 0).date(), at(30, 0, 0).date(), at(23, 14, 0)).agreed_minutes, 0);
        assert_eq!(forgotten(&r, at(23, 14, 59)), []);

        let later = at(25, 9, 0);
        assert!(duty::here(&r, later).is_empty());
        assert_eq!(duty::hours(&r, ANNA, at(1, 0, 0).date(), at(30, 0, 0).date(), later).agreed_minutes, 185);
        let listed = forgotten(&r, later);
        assert_eq!((listed.len(), listed[0].0, listed[0].2), (1, Id::from_u128(50), at(23, 13, 0)));
        // She can check in again: the old stay no longer blocks her.
        assert!(duty::check_in(&r, ANNA, None, later).is_ok());

        // Without a shift, a stay closes twelve hours after it began.
        let drop_in = duty::check_in(&r, ANNA, None, at(24, 9, 0)).unwrap();
        assert_eq!(closes_at(&r, &drop_in), at(24, 21, 0));
        assert_eq!(minutes(&r, &drop_in, at(24, 20, 0)), None);
        assert_eq!(minutes(&r, &drop_in, at(24, 21, 0)), Some(720));

        let fixed = corrected(&listed[0].1, at(23, 9, 55), Some(at(23, 12, 30)), later).unwrap();
        r.put(Id::from_u128(50), &fixed, stamp(3));
        assert_eq!(forgotten(&r, later), []);
        assert_eq!(duty::hours(&r, ANNA, at(1, 0, 0).date(), at(30, 0, 0).date(), later).agreed_minutes, 155);
    }

    #[test]
    fn corrections_and_hours_by_hand_are_checked() {
        let mut r = group();
        let stay = duty::check_in(&r, ANNA, None, at(23, 9, 0)).unwrap();
        let now = at(24, 12, 0);
        assert_eq!(corrected(&stay, at(23, 9, 0), Some(at(23, 8, 0)), now), Err(HoursError::OutBeforeIn));
        assert_eq!(corrected(&stay, at(23, 9, 0), Some(at(24, 9, 1)), now), Err(HoursError::MoreThanADay));
        assert_eq!(corrected(&stay, at(23, 9, 0), Some(at(24, 12, 1)), now), Err(HoursError::InFuture));

        let day = at(3, 0, 0).date();
        let today = at(24, 0, 0).date();
        assert_eq!(by_hand(&r, ANNA, Some(CAFE), at(25, 0, 0).date(), 60, today), Err(HoursError::InFuture));
        let two = by_hand(&r, ANNA, Some(CAFE), day, 120, today).unwrap();
        assert!(two.by_hand && !two.is_spontaneous() && two.minutes() == Some(120));
        r.put(Id::from_u128(60), &two, stamp(2));
        assert_eq!(by_hand(&r, ANNA, None, day, 22 * 60 + 1, today), Err(HoursError::MoreThanADay));
        assert!(by_hand(&r, ANNA, None, day, 22 * 60, today).is_ok());
        assert_eq!(duty::hours(&r, ANNA, day, day, now).agreed_minutes, 120, "hours for a function count as agreed");
    }

    #[test]
    fn hours_are_read_as_people_write_them() {
        assert_eq!(parse_hours("2"), Ok(120));
        assert_eq!(parse_hours(" 1.5 "), Ok(90));
        assert_eq!(parse_hours("1,5"), Ok(90));
        assert_eq!(parse_hours("1:30"), Ok(90));
        for bad in ["", "0", "-1", "two", "1:75", "NaN", "inf"] {
            assert_eq!(parse_hours(bad), Err(HoursError::NotHours), "{bad}");
        }
    }

    proptest! {
        /// However a stay was left open, a day after it began it has closed
        /// and counts less than a day, at any later time.
        #[test]
        fn an_open_stay_never_counts_for_days(hour in 0u32..24, for_shift in any::<bool>(), days_later in 0i64..400) {
            let r = group();
            let occurrence = for_shift.then_some(OccurrenceRef::Agreement { agreement: MONDAYS, date: at(23, 0, 0).date() });
            let stay = CheckIn::new(ANNA, occurrence, None, at(23, hour, 0));
            let now = at(23, hour, 0) + Duration::days(1 + days_later);
            let counted = minutes(&r, &stay, now);
            prop_assert!(counted.is_some_and(|m| (0..24 * 60).contains(&m)), "{:?} minutes", counted);
        }
    }
}
