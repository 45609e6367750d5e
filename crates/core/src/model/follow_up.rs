//! Follow-ups: a trial conversation one month after a volunteer starts a fixed
//! function, and a follow-up one month later.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::entity::{Entity, Id};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Trial,
    FollowUp,
}

impl Stage {
    /// When this conversation is due for an agreement starting on `start`.
    pub fn due(self, start: NaiveDate) -> NaiveDate {
        let months = match self {
            Stage::Trial => 1,
            Stage::FollowUp => 2,
        };
        start.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Continue,
    Change,
    Stop,
}

/// A conversation held. The note is private: left out of exports without
/// personal details.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub agreement: Id,
    pub stage: Stage,
    pub held_on: NaiveDate,
    pub outcome: Outcome,
    #[serde(default)]
    pub note: Option<String>,
}

impl Entity for FollowUp {
    const KIND: &'static str = "followup";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trial_after_one_month_follow_up_after_two() {
        let start = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        assert_eq!(Stage::Trial.due(start), NaiveDate::from_ymd_opt(2026, 2, 28).unwrap());
        assert_eq!(Stage::FollowUp.due(start), NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
    }
}
