//! Single shifts: one-off events and joint meetings, sign-ups for open
//! places, the waiting list, cancellations (*afbud*) of one shift, and days
//! the centre is closed.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::entity::{Entity, Id};
use crate::recurrence::Schedule;

/// A one-off occurrence: a summer party needing helpers, a joint meeting.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Event {
    /// The function it belongs to; a joint meeting belongs to none.
    #[serde(default)]
    pub function: Option<Id>,
    pub title: String,
    pub date: NaiveDate,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    /// Places it has.
    pub needed: u16,
    #[serde(default)]
    pub description: Option<String>,
}

impl Entity for Event {
    const KIND: &'static str = "event";
}

/// Why an event was refused; each becomes a sentence beside its field.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum EventError {
    #[error("an event needs a title")]
    NoTitle,
    #[error("an event has 1 to {max} places", max = Event::MAX_PLACES)]
    Places,
    #[error("the event must end after it starts")]
    EndsBeforeStart,
    #[error("the date must lie between 1900 and 2200")]
    DateOutOfRange,
}

impl Event {
    /// More places than this is a typing mistake.
    pub const MAX_PLACES: u16 = 500;

    /// Checks an event as entered; title and description are trimmed.
    pub fn new(
        title: &str,
        function: Option<Id>,
        date: NaiveDate,
        (starts, ends): (NaiveTime, NaiveTime),
        places: u16,
        description: &str,
    ) -> Result<Self, EventError> {
        let title = title.trim();
        if title.is_empty() {
            return Err(EventError::NoTitle);
        }
        if !(Schedule::EARLIEST..=Schedule::LATEST).contains(&date) {
            return Err(EventError::DateOutOfRange);
        }
        if ends <= starts {
            return Err(EventError::EndsBeforeStart);
        }
        if !(1..=Self::MAX_PLACES).contains(&places) {
            return Err(EventError::Places);
        }
        let description = Some(description.trim().to_owned()).filter(|d| !d.is_empty());
        Ok(Self { function, title: title.to_owned(), date, starts, ends, needed: places, description })
    }

    /// The number of places, as typed in a form.
    pub fn parse_places(text: &str) -> Result<u16, EventError> {
        text.trim().parse::<u16>().ok().filter(|n| (1..=Self::MAX_PLACES).contains(n)).ok_or(EventError::Places)
    }
}

/// Names one shift: an agreement's shift on a date, a one-off event, or the
/// places a function needs beyond what its agreements give at one time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OccurrenceRef {
    Agreement { agreement: Id, date: NaiveDate },
    Event { event: Id },
    Needed { function: Id, date: NaiveDate, starts: NaiveTime, ends: NaiveTime },
}

impl OccurrenceRef {
    /// The shift's date: its own, or for an event the one `event_date` gives
    /// (none for an event no longer known).
    pub fn date(&self, event_date: impl FnOnce(Id) -> Option<NaiveDate>) -> Option<NaiveDate> {
        match *self {
            Self::Agreement { date, .. } | Self::Needed { date, .. } => Some(date),
            Self::Event { event } => event_date(event),
        }
    }
}

/// A person taking an open place in a shift ("I'll take it"), or put into
/// it by a coordinator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignUp {
    pub person: Id,
    pub occurrence: OccurrenceRef,
    /// Set when made, never cleared: left out of files while empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_by: Option<Id>,
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
    /// Who recorded it, when not the person themselves (they phoned in).
    /// Set when made, never cleared: left out of files while empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_by: Option<Id>,
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

/// A person waiting for a place in a full shift; the first in line is
/// offered the next place that opens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiting {
    pub person: Id,
    pub occurrence: OccurrenceRef,
    /// When they asked: the line's order.
    pub since: NaiveDateTime,
}

impl Entity for Waiting {
    const KIND: &'static str = "waiting";
}

/// A day the centre is closed (a holiday): every shift of that day is
/// cancelled with one reason, and nobody's cancellation counts for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    pub date: NaiveDate,
    pub reason: String,
}

impl Entity for Closure {
    const KIND: &'static str = "closure";
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
            recorded_by: None,
        };
        assert_eq!(cancel(shift - chrono::Duration::minutes(90)).notice_hours(shift), 1.5);
        assert_eq!(cancel(shift - chrono::Duration::days(2)).notice_hours(shift), 48.0);
        assert!(cancel(shift + chrono::Duration::minutes(30)).notice_hours(shift) < 0.0);
    }

    #[test]
    fn an_event_needs_a_title_sensible_places_and_times() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 24).unwrap();
        let time = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        let event = |title, date, ends, places| Event::new(title, None, date, (time(17), time(ends)), places, " ");
        assert_eq!(event(" Party ", day, 22, 6).map(|e| (e.title, e.description)), Ok(("Party".into(), None)));
        assert_eq!(event("  ", day, 22, 6), Err(EventError::NoTitle));
        assert_eq!(event("Party", day, 22, 0), Err(EventError::Places));
        assert_eq!(event("Party", day, 22, 501), Err(EventError::Places));
        assert_eq!(event("Party", day, 17, 6), Err(EventError::EndsBeforeStart));
        let far = NaiveDate::from_ymd_opt(2201, 1, 1).unwrap();
        assert_eq!(event("Party", far, 22, 6), Err(EventError::DateOutOfRange));
        assert_eq!(Event::parse_places("500"), Ok(500));
        assert_eq!(Event::parse_places("five"), Err(EventError::Places));
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
