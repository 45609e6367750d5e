//! Files made to be passed on, smaller than the whole: a volunteer's copy,
//! and the changes since an earlier file. Both are ordinary exports (marked
//! in their envelope) and merge exactly like a full one: a record that is
//! missing, or a field left out, is never a deletion.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::clock::{DeviceId, Millis, Stamp};
use crate::entity::Entity;
use crate::export::{self, Scope, PERSONAL_FIELDS};
use crate::model::{Function, Person};
use crate::record::Record;
use crate::replica::Replica;

/// `personal_details` of a volunteer's copy.
pub const VOLUNTEER_COPY: &str = "volunteer-copy";

/// A copy for volunteers: no private notes, no notes of conversations, no
/// reasons for cancelling, and contact details only of the staff contacts
/// volunteers are meant to reach.
pub fn write_for_volunteers(replica: &Replica) -> String {
    let contacts: Vec<String> = replica
        .all::<Function>()
        .iter()
        .filter_map(|(_, function)| function.contact)
        .map(|id| id.to_string())
        .collect();
    let copy = replica.without(|key, field| {
        let contact_detail = key.kind == Person::KIND && ["phone", "email"].contains(&field);
        if contact_detail {
            return !contacts.contains(&key.id);
        }
        PERSONAL_FIELDS.contains(&(key.kind.as_str(), field)) || (key.kind == "followup" && field == "outcome")
    });
    let scope = Scope { personal_details: Some(VOLUNTEER_COPY.to_owned()), since: None };
    export::write_scoped(&copy, scope)
}

/// What a device held when it wrote a file: the latest stamp of each device
/// whose changes it had. A later file need carry only what is newer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Seen(BTreeMap<DeviceId, Stamp>);

impl Seen {
    /// What `replica` holds now.
    pub fn of(replica: &Replica) -> Self {
        let mut seen = BTreeMap::new();
        for (_, record) in replica.records() {
            for stamp in stamps(record) {
                let latest = seen.entry(stamp.device).or_insert(stamp);
                *latest = (*latest).max(stamp);
            }
        }
        Seen(seen)
    }

    /// Whether a change stamped `stamp` was unknown then.
    fn lacks(&self, stamp: Stamp) -> bool {
        self.0.get(&stamp.device).is_none_or(|seen| stamp > *seen)
    }
}

/// Where a file of changes starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Since {
    /// After an earlier file: everything it did not hold.
    File(Seen),
    /// Changes stamped at or after a moment, on any device.
    Moment(Millis),
}

impl Since {
    /// Changes stamped on or after `day` began (UTC), on any device.
    pub fn day(day: chrono::NaiveDate) -> Self {
        let midnight = day.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp_millis());
        Since::Moment(u64::try_from(midnight).unwrap_or(0))
    }
}

/// The records changed since `since` (whole, so each merges on its own),
/// marked with `label` (what the person chose, such as a date).
pub fn write_changes(replica: &Replica, since: &Since, label: &str) -> String {
    let changed = replica.only(|_, record| match since {
        Since::File(seen) => stamps(record).any(|stamp| seen.lacks(stamp)),
        Since::Moment(from) => stamps(record).any(|stamp| stamp.millis >= *from),
    });
    export::write_scoped(&changed, Scope { personal_details: None, since: Some(label.to_owned()) })
}

fn stamps(record: &Record) -> impl Iterator<Item = Stamp> + '_ {
    record.deleted.into_iter().chain(record.fields().map(|(_, field)| field.stamp))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;
    use crate::clock::Clock;
    use crate::export::read;
    use crate::testing::{apply, arb_change, arb_replica, Change};
    use crate::Id;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()
    }

    #[test]
    fn a_volunteers_copy_keeps_only_staff_contacts_reachable() {
        let mut clock = Clock::new(DeviceId::from_u64(1));
        let mut replica = Replica::new();
        let (staff, volunteer) = (Id::from_u128(1), Id::from_u128(2));
        for (id, name) in [(staff, "Mette"), (volunteer, "Anna")] {
            let mut person = Person::new(name, day()).unwrap();
            person.phone = Some(format!("+45 {name}"));
            person.email = Some(format!("{name}@example.org"));
            person.note = Some(format!("private about {name}"));
            replica.put(id, &person, clock.tick(1));
        }
        let function = Function::new("Café", Some(staff), 2).unwrap();
        replica.put(Id::from_u128(3), &function, clock.tick(2));

        let text = write_for_volunteers(&replica);
        assert!(text.contains("+45 Mette") && text.contains("Mette@example.org"), "the staff contact stays");
        for gone in ["+45 Anna", "Anna@example.org", "private about"] {
            assert!(!text.contains(gone), "{gone} left the group");
        }
        let copy = read(text.as_bytes()).unwrap();
        assert_eq!(copy.read::<Person>(volunteer).unwrap().name.as_str(), "Anna");
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["personal_details"], VOLUNTEER_COPY);
        let mut merged = replica.clone();
        merged.merge(&copy);
        assert_eq!(merged, replica, "importing the copy erases nothing");
    }

    #[test]
    fn changes_since_a_moment_hold_the_records_touched_then() {
        let mut replica = Replica::new();
        let mut clock = Clock::new(DeviceId::from_u64(1));
        replica.put(Id::from_u128(1), &Person::new("Old", day()).unwrap(), clock.tick(1_000));
        replica.put(Id::from_u128(2), &Person::new("New", day()).unwrap(), clock.tick(5_000));
        let text = write_changes(&replica, &Since::Moment(5_000), "2 Nov");
        assert_eq!(Since::day(day()), Since::Moment(1_793_577_600_000), "2 November 2026, 00:00 UTC");
        assert!(text.contains("New") && !text.contains("Old"));
        assert!(text.contains("\"since\": \"2 Nov\""));
    }

    proptest! {
        /// What a device had when it wrote a file, plus the changes since
        /// (made later, by clocks that had moved on), is everything it has:
        /// a receiver of both ends where a full file would have taken it.
        #[test]
        fn an_earlier_file_and_the_changes_since_merge_like_the_whole(
            first in arb_replica(),
            later in prop::collection::vec(arb_change(), 0..25),
            receiver in arb_replica(),
        ) {
            let seen = Seen::of(&first);
            let mut now = first.clone();
            for change in later {
                apply(&mut now, match change {
                    Change::Set(key, field, value, stamp) => Change::Set(key, field, value, afterwards(stamp)),
                    Change::Delete(key, stamp) => Change::Delete(key, afterwards(stamp)),
                });
            }
            let changes = read(write_changes(&now, &Since::File(seen), "x").as_bytes()).unwrap();
            prop_assert!(changes.len() <= now.len());

            let (mut by_parts, mut whole) = (receiver.clone(), receiver);
            by_parts.merge(&first);
            by_parts.merge(&changes);
            whole.merge(&now);
            prop_assert_eq!(export::write(&by_parts), export::write(&whole));
        }
    }

    /// A stamp later than any [`arb_replica`] makes.
    fn afterwards(stamp: Stamp) -> Stamp {
        Stamp { millis: stamp.millis + 100, ..stamp }
    }
}
