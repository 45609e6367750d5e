//! Reading data written by earlier versions of Flok.
//!
//! Version 1 kept only a list of people (`{"version": 1, "people": [...]}`),
//! in the browser and nowhere else. It becomes person records stamped at
//! midnight UTC of the day each person was added, by a fixed migration device:
//! every device migrating the same list makes the same records, so the
//! migrated copies merge cleanly with each other.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Map, Value};

use crate::clock::{DeviceId, Stamp};
use crate::entity::Id;
use crate::model::{Person, PersonName, Status};
use crate::replica::Replica;

#[derive(Deserialize)]
struct PersonV1 {
    id: Id,
    name: PersonName,
    added_on: NaiveDate,
}

/// The device that stamps migrated records: fixed, so every device migrating
/// the same list makes identical records.
pub const MIGRATION_DEVICE: DeviceId = DeviceId::from_u64(0);

/// The records of a version 1 list of people; the error says why the list
/// cannot be read.
pub(crate) fn people_list_v1(envelope: &Map<String, Value>) -> Result<Replica, serde_json::Error> {
    let people: Vec<PersonV1> = serde_json::from_value(envelope["people"].clone())?;
    let mut replica = Replica::new();
    for person in people {
        let midnight = person.added_on.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc();
        let stamp = Stamp {
            millis: u64::try_from(midnight.timestamp_millis()).unwrap_or(0),
            counter: 0,
            device: MIGRATION_DEVICE,
        };
        let migrated = Person {
            name: person.name,
            phone: None,
            email: None,
            note: None,
            status: Status::Active,
            added_on: person.added_on,
            merged_into: None,
        };
        replica.put(person.id, &migrated, stamp);
    }
    Ok(replica)
}
