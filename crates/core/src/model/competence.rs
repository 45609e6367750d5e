//! Competences given by prior agreement (buy supplies, hold a key…) and who
//! holds them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::entity::{Entity, Id};

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
