//! Attendance, for the coordinator's planning: per person, the shifts they
//! were due at in a period, how many they came to, cancelled (and how many
//! of those with less than a day's notice) or missed. Plain counts: no
//! score, nothing blocked. A closed day counts for nobody.

use crate::entity::Id;
use crate::replica::Replica;
use crate::roster::{roster, Presence};
use chrono::{NaiveDate, NaiveDateTime};

/// Below this many hours a cancellation counts as short notice.
pub const SHORT_NOTICE_HOURS: f64 = 24.0;

/// One person's attendance in a period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Attendance {
    /// Shifts they were due at: came, cancelled, missed or still to come.
    pub expected: u32,
    pub came: u32,
    pub cancelled: u32,
    /// Of the cancelled, those given less than [`SHORT_NOTICE_HOURS`] before.
    pub short_notice: u32,
    pub missing: u32,
}

/// Everyone's attendance from `from` to `to` as it stands at `now`, by id.
pub fn attendance(replica: &Replica, from: NaiveDate, to: NaiveDate, now: NaiveDateTime) -> Vec<(Id, Attendance)> {
    let mut all = Vec::new();
    add_attendance(&mut all, replica, from, to, now);
    all
}

/// Adds the attendance from `from` to `to` to `all` (by id): a year can be
/// counted a month at a time, each part its own short task on a phone.
pub fn add_attendance(
    all: &mut Vec<(Id, Attendance)>,
    replica: &Replica,
    from: NaiveDate,
    to: NaiveDate,
    now: NaiveDateTime,
) {
    for slot in roster(replica, from, to, now).into_iter().filter(|s| s.closed.is_none()) {
        for entry in slot.people {
            let at = match all.binary_search_by_key(&entry.person, |(id, _)| *id) {
                Ok(at) => at,
                Err(at) => {
                    all.insert(at, (entry.person, Attendance::default()));
                    at
                }
            };
            let count = &mut all[at].1;
            count.expected += 1;
            match entry.presence {
                Presence::CheckedIn { .. } | Presence::CheckedOut { .. } | Presence::NotCheckedOut { .. } => {
                    count.came += 1
                }
                Presence::Cancelled { notice_hours } => {
                    count.cancelled += 1;
                    count.short_notice += u32::from(notice_hours < SHORT_NOTICE_HOURS);
                }
                Presence::Missing => count.missing += 1,
                Presence::Expected => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{DeviceId, Stamp};
    use crate::duty;
    use crate::model::{Agreement, Cancellation, Closure, Function, OccurrenceRef, Person};
    use crate::testing::mondays;

    #[test]
    fn attendance_counts_came_cancelled_and_missing_and_not_closed_days() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let stamp = Stamp { millis: 1, counter: 0, device: DeviceId::from_u64(1) };
        let (anna, cafe, mondays_id) = (Id::from_u128(1), Id::from_u128(10), Id::from_u128(20));
        let mut r = Replica::new();
        r.put(anna, &Person::new("Anna", day(1)).unwrap(), stamp);
        r.put(cafe, &Function::new("Café", None, 1).unwrap(), stamp);
        let agreement =
            Agreement { person: anna, function: cafe, schedule: mondays(10, 13, day(2)), buddy: None, follows: None };
        r.put(mondays_id, &agreement, stamp);
        let shift = |d| OccurrenceRef::Agreement { agreement: mondays_id, date: day(d) };
        // 2nd: came. 9th: cancelled the evening before. 16th: closed. 23rd: missing. 30th: still to come.
        let mut stay = duty::check_in(&r, anna, Some(shift(2)), day(2).and_hms_opt(10, 0, 0).unwrap()).unwrap();
        stay.checked_out = day(2).and_hms_opt(13, 0, 0);
        r.put(Id::from_u128(30), &stay, stamp);
        let given_at = day(8).and_hms_opt(20, 0, 0).unwrap();
        r.put(
            Id::from_u128(31),
            &Cancellation { person: anna, occurrence: shift(9), reason: None, given_at, recorded_by: None },
            stamp,
        );
        r.put(Id::from_u128(32), &Closure { date: day(16), reason: "Closed".into() }, stamp);

        let now = day(27).and_hms_opt(12, 0, 0).unwrap();
        let counts = attendance(&r, day(1), day(30), now);
        let expected = Attendance { expected: 4, came: 1, cancelled: 1, short_notice: 1, missing: 1 };
        assert_eq!(counts, [(anna, expected)]);

        // Counted in parts, the same.
        for split in 1..30 {
            let mut parts = Vec::new();
            add_attendance(&mut parts, &r, day(1), day(split), now);
            add_attendance(&mut parts, &r, day(split + 1), day(30), now);
            assert_eq!(parts, counts, "split after the {split}th");
        }
    }
}
