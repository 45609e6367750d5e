//! Follow-ups: a trial conversation one month after a volunteer starts a fixed
//! function, and a follow-up one month later.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use std::collections::BTreeSet;

use crate::entity::{Entity, Id};
use crate::model::{Agreement, Person, Status};
use crate::replica::Replica;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
/// personal details. Note and outcome are erased (null) once the person is
/// deleted (see [`crate::erasure`]); the conversation still counts as held.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub agreement: Id,
    pub stage: Stage,
    pub held_on: NaiveDate,
    #[serde(default)]
    pub outcome: Option<Outcome>,
    #[serde(default)]
    pub note: Option<String>,
}

impl Entity for FollowUp {
    const KIND: &'static str = "followup";
}

/// A conversation that is due (or overdue) and not yet held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    pub agreement: Id,
    pub person: Id,
    pub stage: Stage,
    pub due: NaiveDate,
}

impl FollowUp {
    /// Conversations due by `until`, oldest first, for agreements of people
    /// still in the group; a stage already held is not due again, nor any
    /// after a conversation that stopped the agreement. An
    /// agreement changed from a date has its conversations under the first
    /// of its line: a change starts no new trial.
    pub fn due(replica: &Replica, until: NaiveDate) -> Vec<Due> {
        let mut held = BTreeSet::new();
        let mut stopped = BTreeSet::new();
        for (_, f) in replica.all::<FollowUp>().iter() {
            held.insert((f.agreement, f.stage));
            if f.outcome == Some(Outcome::Stop) {
                stopped.insert(f.agreement);
            }
        }
        let mut due: Vec<Due> = replica
            .all::<Agreement>()
            .iter()
            .filter(|(_, a)| a.follows.is_none())
            .filter(|(_, a)| replica.read::<Person>(a.person).is_some_and(|p| !matches!(p.status, Status::Left { .. })))
            .flat_map(|(id, a)| {
                [Stage::Trial, Stage::FollowUp].map(|stage| Due {
                    agreement: *id,
                    person: a.person,
                    stage,
                    due: stage.due(a.schedule.first_day),
                })
            })
            .filter(|d| d.due <= until && !held.contains(&(d.agreement, d.stage)) && !stopped.contains(&d.agreement))
            .collect();
        // The key is unique (an agreement has each stage once): no stable sort needed.
        due.sort_unstable_by_key(|d| (d.due, d.stage, d.agreement));
        due
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{DeviceId, Stamp};
    use crate::recurrence::{Recurrence, Schedule};
    use chrono::{NaiveTime, Weekday};

    #[test]
    fn conversations_fall_due_until_held() {
        let stamp = Stamp { millis: 1, counter: 0, device: DeviceId::from_u64(1) };
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let mut r = Replica::new();
        let (anna, agreement) = (Id::from_u128(1), Id::from_u128(2));
        r.put(anna, &Person::new("Anna", day(9, 1)).unwrap(), stamp);
        let time = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        let weekly = Recurrence::Weekly { weekdays: vec![Weekday::Mon], interval: 1 };
        let schedule = Schedule::new(weekly, time(10), time(12), day(9, 7), None).unwrap();
        r.put(
            agreement,
            &Agreement { person: anna, function: Id::from_u128(3), schedule, buddy: None, follows: None },
            stamp,
        );

        assert_eq!(FollowUp::due(&r, day(10, 6)), []);
        let due = FollowUp::due(&r, day(11, 23));
        assert_eq!(
            due.iter().map(|d| (d.stage, d.due)).collect::<Vec<_>>(),
            [(Stage::Trial, day(10, 7)), (Stage::FollowUp, day(11, 7))]
        );
        let held = FollowUp {
            agreement,
            stage: Stage::Trial,
            held_on: day(10, 9),
            outcome: Some(Outcome::Continue),
            note: None,
        };
        r.put(Id::from_u128(4), &held, stamp);
        assert_eq!(FollowUp::due(&r, day(11, 23)).len(), 1);
        let stopped = FollowUp { outcome: Some(Outcome::Stop), ..held };
        r.put(Id::from_u128(4), &stopped, stamp);
        assert_eq!(FollowUp::due(&r, day(11, 23)), [], "nothing follows a conversation that stopped it");
    }

    #[test]
    fn trial_after_one_month_follow_up_after_two() {
        let start = NaiveDate::from_ymd_opt(2026, 1, 31).unwrap();
        assert_eq!(Stage::Trial.due(start), NaiveDate::from_ymd_opt(2026, 2, 28).unwrap());
        assert_eq!(Stage::FollowUp.due(start), NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
    }
}
