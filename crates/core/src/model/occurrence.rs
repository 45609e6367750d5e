//! Single shifts: one-off events, sign-ups for open places, and
//! cancellations (*afbud*) of one shift.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::entity::{Entity, Id};

/// A one-off occurrence, such as a summer party needing helpers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub function: Id,
    pub title: String,
    pub date: NaiveDate,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    pub needed: u16,
}

impl Entity for Event {
    const KIND: &'static str = "event";
}

/// Names one shift: an agreement's shift on a date, or a one-off event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OccurrenceRef {
    Agreement { agreement: Id, date: NaiveDate },
    Event { event: Id },
}

/// A person taking an open place in a shift ("I'll take it").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignUp {
    pub person: Id,
    pub occurrence: OccurrenceRef,
}

impl Entity for SignUp {
    const KIND: &'static str = "signup";
}

/// A person's notice that they cannot come to one shift.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cancellation {
    pub person: Id,
    pub occurrence: OccurrenceRef,
    #[serde(default)]
    pub reason: Option<String>,
    /// When the notice was given, in the group's local time.
    pub given_at: NaiveDateTime,
}

impl Entity for Cancellation {
    const KIND: &'static str = "cancellation";
}

impl Cancellation {
    /// Hours of notice before the shift started; negative if given after.
    pub fn notice_hours(&self, shift_start: NaiveDateTime) -> f64 {
        (shift_start - self.given_at).num_minutes() as f64 / 60.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_is_counted_in_hours_before_the_start() {
        let shift = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap().and_hms_opt(10, 0, 0).unwrap();
        let cancel = |given_at| Cancellation {
            person: Id::from_u128(1),
            occurrence: OccurrenceRef::Event { event: Id::from_u128(2) },
            reason: None,
            given_at,
        };
        assert_eq!(cancel(shift - chrono::Duration::minutes(90)).notice_hours(shift), 1.5);
        assert_eq!(cancel(shift - chrono::Duration::days(2)).notice_hours(shift), 48.0);
        assert!(cancel(shift + chrono::Duration::minutes(30)).notice_hours(shift) < 0.0);
    }

    #[test]
    fn an_occurrence_is_named_readably_in_a_file() {
        let r = OccurrenceRef::Agreement {
            agreement: Id::from_u128(1),
            date: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        };
        assert_eq!(
            serde_json::to_value(r).unwrap(),
            serde_json::json!({"agreement": {"agreement": "00000000-0000-0000-0000-000000000001", "date": "2026-11-26"}})
        );
    }
}
