//! Competences given by prior agreement (buy supplies, hold a key…) and who
//! holds them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::entity::{Entity, Id};
use crate::replica::Replica;
use crate::typed_cache::find;

/// A competence on the group's own list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Competence {
    pub name: String,
}

impl Entity for Competence {
    const KIND: &'static str = "competence";
}

impl Competence {
    /// The list a new group starts with, from the seed policy. Fixed ids, so
    /// two devices seeding a group make the same records.
    pub fn seeded() -> Vec<(Id, Competence)> {
        ["Buys supplies", "Contacts suppliers", "Key holder", "Opens and closes", "Uses AV equipment"]
            .into_iter()
            .enumerate()
            .map(|(i, name)| (Id::from_u128(0xC0_0000 + i as u128), Competence { name: name.to_owned() }))
            .collect()
    }
}

impl Competence {
    /// The seeded list and the group's own, by name; a seeded one the group
    /// stored (or renamed) is listed once.
    pub fn all(replica: &Replica) -> Vec<(Id, Competence)> {
        let stored = replica.all::<Competence>();
        let mut all = stored.to_vec();
        all.extend(Competence::seeded().into_iter().filter(|(id, _)| find(&stored, *id).is_none()));
        all.sort_by_cached_key(|(id, c)| (c.name.to_lowercase(), *id));
        all
    }
}

impl Grant {
    /// The grant of `competence` to `person`, if they hold it.
    pub fn find(replica: &Replica, person: Id, competence: Id) -> Option<Id> {
        replica.all::<Grant>().iter().find(|(_, g)| g.person == person && g.competence == competence).map(|(id, _)| *id)
    }
}

/// A competence given to a person: by whom and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub person: Id,
    pub competence: Id,
    #[serde(default)]
    pub granted_by: Option<Id>,
    pub granted_on: NaiveDate,
}

impl Entity for Grant {
    const KIND: &'static str = "grant";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{DeviceId, Stamp};

    #[test]
    fn the_seeded_list_and_the_groups_own_are_listed_once_by_name() {
        let stamp = Stamp { millis: 1, counter: 0, device: DeviceId::from_u64(1) };
        let mut r = Replica::new();
        let (key, _) = Competence::seeded().into_iter().find(|(_, c)| c.name == "Key holder").unwrap();
        r.put(key, &Competence { name: "Has a key".into() }, stamp);
        r.put(Id::from_u128(1), &Competence { name: "First aid".into() }, stamp);
        let names: Vec<String> = Competence::all(&r).into_iter().map(|(_, c)| c.name).collect();
        assert_eq!(
            names,
            ["Buys supplies", "Contacts suppliers", "First aid", "Has a key", "Opens and closes", "Uses AV equipment"]
        );

        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        r.put(
            Id::from_u128(2),
            &Grant { person: Id::from_u128(9), competence: key, granted_by: None, granted_on: day },
            stamp,
        );
        assert_eq!(Grant::find(&r, Id::from_u128(9), key), Some(Id::from_u128(2)));
        assert_eq!(Grant::find(&r, Id::from_u128(8), key), None);
    }
}
