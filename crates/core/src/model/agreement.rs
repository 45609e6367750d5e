//! A *fast aftale*: a person's fixed agreement to do a function on a
//! repeating schedule, optionally with a buddy who shares it.

use serde::{Deserialize, Serialize};

use crate::entity::{Entity, Id};
use crate::recurrence::Schedule;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Agreement {
    pub person: Id,
    pub function: Id,
    pub schedule: Schedule,
    /// The partner in a buddy pair: told when this person cancels.
    #[serde(default)]
    pub buddy: Option<Id>,
}

impl Entity for Agreement {
    const KIND: &'static str = "agreement";
}
