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
    pub fn is_spontaneous(&self) -> bool {
        self.occurrence.is_none()
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
        let mut stay = CheckIn { person: Id::from_u128(1), occurrence: None, checked_in: at(10, 0), checked_out: None };
        assert!(stay.is_open() && stay.is_spontaneous());
        assert_eq!(stay.check_out(at(9, 0)), Err(CheckOutError::BeforeCheckIn));
        stay.check_out(at(12, 30)).unwrap();
        assert_eq!(stay.minutes(), Some(150));
        assert_eq!(stay.check_out(at(13, 0)), Err(CheckOutError::AlreadyOut));
    }
}
