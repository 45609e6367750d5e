//! When an agreement's shifts fall: weekly on chosen weekdays (every N weeks)
//! or monthly on the n-th (or last) weekday, between a start and an optional
//! end date. Weeks start on Monday, as in Denmark.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Which week of the month a monthly shift falls in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Nth {
    First,
    Second,
    Third,
    Fourth,
    Last,
}

/// The repeating pattern of an agreement.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "every")]
pub enum Recurrence {
    /// On these weekdays, in every `interval`-th week counted from the start.
    Weekly {
        #[serde(with = "weekday_list")]
        weekdays: Vec<Weekday>,
        interval: u8,
    },
    /// On the n-th given weekday of each month.
    Monthly {
        nth: Nth,
        #[serde(with = "weekday_name")]
        weekday: Weekday,
    },
}

/// An agreement's timetable: pattern, shift times, and the dates it runs.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Schedule {
    pub recurrence: Recurrence,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    pub first_day: NaiveDate,
    pub last_day: Option<NaiveDate>,
}

/// Why a timetable was refused; each becomes a sentence beside its field.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ScheduleError {
    #[error("choose at least one weekday")]
    NoWeekday,
    #[error("repeat every 1 to {max} weeks", max = Schedule::MAX_INTERVAL)]
    Interval,
    #[error("the shift must end after it starts")]
    EndsBeforeStart,
    #[error("the last day comes before the first day")]
    LastDayBeforeFirst,
    #[error("dates must lie between {} and {}", Schedule::EARLIEST, Schedule::LATEST)]
    DateOutOfRange,
}

impl Schedule {
    pub const MAX_INTERVAL: u8 = 52;
    /// Dates outside these years are typing mistakes, not plans.
    pub const EARLIEST: NaiveDate = NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid");
    pub const LATEST: NaiveDate = NaiveDate::from_ymd_opt(2200, 12, 31).expect("valid");

    /// Checks a timetable as entered; weekdays are sorted and deduplicated.
    pub fn new(
        mut recurrence: Recurrence,
        starts: NaiveTime,
        ends: NaiveTime,
        first_day: NaiveDate,
        last_day: Option<NaiveDate>,
    ) -> Result<Self, ScheduleError> {
        if let Recurrence::Weekly { weekdays, interval } = &mut recurrence {
            weekdays.sort_unstable_by_key(Weekday::num_days_from_monday);
            weekdays.dedup();
            if weekdays.is_empty() {
                return Err(ScheduleError::NoWeekday);
            }
            if !(1..=Self::MAX_INTERVAL).contains(interval) {
                return Err(ScheduleError::Interval);
            }
        }
        if ends <= starts {
            return Err(ScheduleError::EndsBeforeStart);
        }
        let in_range = |d: NaiveDate| (Self::EARLIEST..=Self::LATEST).contains(&d);
        if !in_range(first_day) || last_day.is_some_and(|d| !in_range(d)) {
            return Err(ScheduleError::DateOutOfRange);
        }
        if last_day.is_some_and(|last| last < first_day) {
            return Err(ScheduleError::LastDayBeforeFirst);
        }
        Ok(Self { recurrence, starts, ends, first_day, last_day })
    }

    /// The length of one shift in minutes.
    pub fn minutes(&self) -> i64 {
        (self.ends - self.starts).num_minutes()
    }

    /// Whether a shift falls on `date`.
    pub fn falls_on(&self, date: NaiveDate) -> bool {
        if date < self.first_day || self.last_day.is_some_and(|last| date > last) {
            return false;
        }
        match &self.recurrence {
            Recurrence::Weekly { weekdays, interval } => {
                let weeks = (monday_of(date) - monday_of(self.first_day)).num_weeks();
                weekdays.contains(&date.weekday()) && weeks % i64::from(*interval) == 0
            }
            Recurrence::Monthly { nth, weekday } => {
                nth_weekday(date.year(), date.month(), *nth, *weekday) == Some(date)
            }
        }
    }

    /// The shift dates from `from` to `to`, both included, in order.
    pub fn dates_between(&self, from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> + '_ {
        let from = from.max(self.first_day);
        let to = self.last_day.map_or(to, |last| to.min(last));
        from.iter_days().take_while(move |d| *d <= to).filter(|d| self.falls_on(*d))
    }

    /// The next `count` shift dates on or after `from` (the editor's preview).
    pub fn next_dates(&self, from: NaiveDate, count: usize) -> Vec<NaiveDate> {
        self.dates_between(from, Self::LATEST).take(count).collect()
    }
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}

/// The n-th `weekday` of a month, if the month has one (every month has four).
fn nth_weekday(year: i32, month: u32, nth: Nth, weekday: Weekday) -> Option<NaiveDate> {
    match nth {
        Nth::Last => {
            let first_of_next = NaiveDate::from_ymd_opt(year, month, 1)?.checked_add_months(Months::new(1))?;
            let last = first_of_next.pred_opt()?;
            let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
            last.checked_sub_days(Days::new(u64::from(back)))
        }
        _ => {
            let n = match nth {
                Nth::First => 1,
                Nth::Second => 2,
                Nth::Third => 3,
                _ => 4,
            };
            NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
        }
    }
}

/// Weekdays as the short English names people can read in a file: "mon".
mod weekday_name {
    use chrono::Weekday;
    use serde::{Deserialize, Deserializer, Serializer};

    pub const NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    pub fn name(day: Weekday) -> &'static str {
        NAMES[day.num_days_from_monday() as usize]
    }

    pub fn parse(text: &str) -> Option<Weekday> {
        NAMES.iter().position(|n| *n == text).and_then(|i| Weekday::try_from(i as u8).ok())
    }

    pub fn serialize<S: Serializer>(day: &Weekday, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(name(*day))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Weekday, D::Error> {
        let text = String::deserialize(d)?;
        parse(&text).ok_or_else(|| serde::de::Error::custom(format!("“{text}” is not a weekday (mon … sun)")))
    }
}

mod weekday_list {
    use chrono::Weekday;
    use serde::ser::SerializeSeq;
    use serde::{Deserialize, Deserializer, Serializer};

    use super::weekday_name::{name, parse};

    pub fn serialize<S: Serializer>(days: &[Weekday], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(days.len()))?;
        for day in days {
            seq.serialize_element(name(*day))?;
        }
        seq.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Weekday>, D::Error> {
        Vec::<String>::deserialize(d)?
            .iter()
            .map(|text| parse(text).ok_or_else(|| serde::de::Error::custom(format!("“{text}” is not a weekday"))))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    fn weekly(weekdays: Vec<Weekday>, interval: u8, first: NaiveDate) -> Schedule {
        Schedule::new(Recurrence::Weekly { weekdays, interval }, time(10, 0), time(13, 0), first, None).unwrap()
    }

    #[test]
    fn weekly_on_two_weekdays() {
        // Monday 23 November 2026.
        let s = weekly(vec![Weekday::Thu, Weekday::Mon], 1, date(2026, 11, 23));
        assert_eq!(
            s.next_dates(date(2026, 11, 23), 4),
            [date(2026, 11, 23), date(2026, 11, 26), date(2026, 11, 30), date(2026, 12, 3)]
        );
        assert_eq!(s.minutes(), 180);
    }

    #[test]
    fn every_second_week_counts_from_the_week_of_the_first_day() {
        // Starts on a Wednesday; the Monday of that week is week 0.
        let s = weekly(vec![Weekday::Mon, Weekday::Fri], 2, date(2026, 11, 25));
        assert_eq!(
            s.next_dates(date(2026, 11, 1), 4),
            [date(2026, 11, 27), date(2026, 12, 7), date(2026, 12, 11), date(2026, 12, 21)]
        );
    }

    #[test]
    fn monthly_on_the_first_tuesday_and_the_last_friday() {
        let first_tue = Schedule::new(
            Recurrence::Monthly { nth: Nth::First, weekday: Weekday::Tue },
            time(18, 0),
            time(20, 0),
            date(2026, 11, 1),
            None,
        )
        .unwrap();
        assert_eq!(
            first_tue.next_dates(date(2026, 11, 1), 3),
            [date(2026, 11, 3), date(2026, 12, 1), date(2027, 1, 5)]
        );
        let last_fri = Schedule::new(
            Recurrence::Monthly { nth: Nth::Last, weekday: Weekday::Fri },
            time(18, 0),
            time(20, 0),
            date(2026, 1, 1),
            None,
        )
        .unwrap();
        assert_eq!(last_fri.next_dates(date(2026, 1, 1), 3), [date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 27)]);
    }

    #[test]
    fn no_shift_after_the_last_day() {
        let s = Schedule::new(
            Recurrence::Weekly { weekdays: vec![Weekday::Mon], interval: 1 },
            time(9, 0),
            time(10, 0),
            date(2026, 11, 2),
            Some(date(2026, 11, 16)),
        )
        .unwrap();
        assert_eq!(s.next_dates(date(2026, 1, 1), 10), [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16)]);
    }

    #[test]
    fn nonsense_timetables_are_refused() {
        let d = date(2026, 11, 23);
        let weekly = |weekdays, interval| Recurrence::Weekly { weekdays, interval };
        let cases = [
            (weekly(vec![], 1), time(9, 0), time(10, 0), d, None, ScheduleError::NoWeekday),
            (weekly(vec![Weekday::Mon], 0), time(9, 0), time(10, 0), d, None, ScheduleError::Interval),
            (weekly(vec![Weekday::Mon], 53), time(9, 0), time(10, 0), d, None, ScheduleError::Interval),
            (weekly(vec![Weekday::Mon], 1), time(10, 0), time(9, 0), d, None, ScheduleError::EndsBeforeStart),
            (weekly(vec![Weekday::Mon], 1), time(10, 0), time(10, 0), d, None, ScheduleError::EndsBeforeStart),
            (
                weekly(vec![Weekday::Mon], 1),
                time(9, 0),
                time(10, 0),
                d,
                Some(date(2026, 11, 1)),
                ScheduleError::LastDayBeforeFirst,
            ),
            (
                weekly(vec![Weekday::Mon], 1),
                time(9, 0),
                time(10, 0),
                date(1899, 12, 31),
                None,
                ScheduleError::DateOutOfRange,
            ),
            (
                weekly(vec![Weekday::Mon], 1),
                time(9, 0),
                time(10, 0),
                d,
                Some(date(2201, 1, 1)),
                ScheduleError::DateOutOfRange,
            ),
        ];
        for (recurrence, starts, ends, first, last, expected) in cases {
            assert_eq!(Schedule::new(recurrence, starts, ends, first, last), Err(expected));
        }
    }

    #[test]
    fn a_schedule_is_stored_as_readable_json() {
        let s = weekly(vec![Weekday::Thu, Weekday::Mon, Weekday::Mon], 2, date(2026, 11, 23));
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "recurrence": {"every": "weekly", "weekdays": ["mon", "thu"], "interval": 2},
                "starts": "10:00:00", "ends": "13:00:00", "first_day": "2026-11-23", "last_day": null
            })
        );
        assert_eq!(serde_json::from_value::<Schedule>(json).unwrap(), s);
    }

    proptest! {
        #[test]
        fn weekly_dates_are_on_chosen_weekdays_and_interval_weeks_apart(
            days in prop::collection::vec(0..7u8, 1..7),
            interval in 1..6u8,
            offset in 0..3000u64,
        ) {
            let weekdays: Vec<Weekday> = days.iter().map(|d| Weekday::try_from(*d).unwrap()).collect();
            let first = date(2024, 1, 1) + Days::new(offset);
            let s = weekly(weekdays.clone(), interval, first);
            let dates = s.next_dates(first, 30);
            prop_assert_eq!(dates.len(), 30);
            for pair in dates.windows(2) {
                prop_assert!(pair[0] < pair[1]);
            }
            for d in &dates {
                prop_assert!(weekdays.contains(&d.weekday()));
                prop_assert_eq!((monday_of(*d) - monday_of(first)).num_weeks() % i64::from(interval), 0);
            }
        }

        #[test]
        fn a_monthly_date_is_that_weekday_once_a_month(month_offset in 0..600u32, weekday in 0..7u8, nth in 0..5usize) {
            let nth = [Nth::First, Nth::Second, Nth::Third, Nth::Fourth, Nth::Last][nth];
            let weekday = Weekday::try_from(weekday).unwrap();
            let first = date(2000, 1, 1).checked_add_months(Months::new(month_offset)).unwrap();
            let s = Schedule::new(Recurrence::Monthly { nth, weekday }, time(9, 0), time(10, 0), first, None).unwrap();
            let dates = s.next_dates(first, 12);
            for pair in dates.windows(2) {
                prop_assert!(pair[0].month() != pair[1].month());
            }
            for d in dates {
                prop_assert_eq!(d.weekday(), weekday);
                if nth == Nth::Last {
                    prop_assert!((d + Days::new(7)).month() != d.month());
                }
            }
        }
    }
}
