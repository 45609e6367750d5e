//! Checking in and out: the record of hours actually given.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::entity::{Entity, Id};
use crate::model::OccurrenceRef;

/// One stay at the centre. Tied to a shift when the person came for one;
/// without a shift it is spontaneous help, welcome but counted apart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub person: Id,
    #[serde(default)]
    pub occurrence: Option<OccurrenceRef>,
    pub checked_in: NaiveDateTime,
    #[serde(default)]
    pub checked_out: Option<NaiveDateTime>,
    /// The function of hours entered by hand (a stay for a shift has its
    /// shift's). These three are set when the stay is made and never
    /// cleared, so they are left out of files while empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<Id>,
    /// Who recorded it, when not the person themselves (a coordinator).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_by: Option<Id>,
    /// Hours entered afterwards ("2 hours on 3 March"), not checked in.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_hand: bool,
}

impl Entity for CheckIn {
    const KIND: &'static str = "checkin";
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CheckOutError {
    #[error("already checked out")]
    AlreadyOut,
    #[error("the check-out time is before the check-in time")]
    BeforeCheckIn,
}

impl CheckIn {
    /// A stay for no shift and no function: welcome help, counted apart.
    pub fn is_spontaneous(&self) -> bool {
        self.occurrence.is_none() && self.function.is_none()
    }

    /// A stay starting at `at`, by the person themselves.
    pub fn new(person: Id, occurrence: Option<OccurrenceRef>, function: Option<Id>, at: NaiveDateTime) -> Self {
        Self { person, occurrence, checked_in: at, checked_out: None, function, recorded_by: None, by_hand: false }
    }

    /// Whether the person is on duty (checked in, not yet out).
    pub fn is_open(&self) -> bool {
        self.checked_out.is_none()
    }

    pub fn check_out(&mut self, at: NaiveDateTime) -> Result<(), CheckOutError> {
        if self.checked_out.is_some() {
            return Err(CheckOutError::AlreadyOut);
        }
        if at < self.checked_in {
            return Err(CheckOutError::BeforeCheckIn);
        }
        self.checked_out = Some(at);
        Ok(())
    }

    /// Minutes given, once checked out.
    pub fn minutes(&self) -> Option<i64> {
        self.checked_out.map(|out| (out - self.checked_in).num_minutes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn checking_out_records_the_minutes_once() {
        let mut stay = CheckIn::new(Id::from_u128(1), None, None, at(10, 0));
        assert!(stay.is_open() && stay.is_spontaneous());
        assert_eq!(stay.check_out(at(9, 0)), Err(CheckOutError::BeforeCheckIn));
        stay.check_out(at(12, 30)).unwrap();
        assert_eq!(stay.minutes(), Some(150));
        assert_eq!(stay.check_out(at(13, 0)), Err(CheckOutError::AlreadyOut));
    }
}
