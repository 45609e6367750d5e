//! Deleting a person erases what was written about them.
//!
//! A person's record becomes a tombstone, which empties it wherever it
//! travels. The texts about them in other kinds go too: the notes and
//! outcomes of their conversations, the reasons they gave for cancelling.
//! What the group's statistics need stays, under an id without a name (the
//! hours of their check-ins count for the function and month).
//!
//! The erasure is a change like any other: each text is set to null with a
//! stamp later than any the device holds, so it wins over the text on every
//! device it reaches (files, sync, storage). A device that merges a deletion
//! erases again whatever text it still holds, or receives later from a
//! device that had not heard of the deletion yet: [`erase_about_deleted`]
//! runs after every merge. Its stamp depends only on the data, so devices
//! holding the same data make the same erasure.

use serde_json::Value;

use crate::clock::{DeviceId, Stamp};
use crate::entity::{Entity, Id};
use crate::model::{Agreement, Cancellation, FollowUp, Person};
use crate::replica::{RecordKey, Replica};
use crate::typed_cache::find;

/// The fields that hold what was written about a person, by kind.
pub const TEXTS_ABOUT_A_PERSON: [(&str, &str); 3] =
    [(FollowUp::KIND, "note"), (FollowUp::KIND, "outcome"), (Cancellation::KIND, "reason")];

/// The device an erasure is stamped by: every device that erases the same
/// texts after the same merge makes the same change.
pub const ERASING_DEVICE: DeviceId = DeviceId::from_u64(u64::MAX);

/// Sets to null every text about a deleted person that is not null yet,
/// stamped just after the latest stamp in the replica (so it wins over every
/// text there); gives that stamp, or `None` when there was nothing to erase
/// (then nothing changed).
pub fn erase_about_deleted(replica: &mut Replica) -> Option<Stamp> {
    // Person records in id order; most groups have no deleted one.
    let deleted: Vec<Id> = replica
        .of_kind(Person::KIND)
        .filter(|(_, record)| record.is_deleted())
        .filter_map(|(key, _)| Id::from_key(key))
        .collect();
    if deleted.is_empty() {
        return None;
    }
    let is_deleted = |id: Id| deleted.binary_search(&id).is_ok();
    let mut erase: Vec<(RecordKey, &str)> = Vec::new();
    let agreements = replica.all::<Agreement>();
    for (id, follow_up) in replica.all::<FollowUp>().iter() {
        // An agreement not yet received ties the conversation to no one yet:
        // the merge that brings it runs this again.
        if find(&agreements, follow_up.agreement).is_some_and(|a| is_deleted(a.person)) {
            let key = RecordKey::new(FollowUp::KIND, id.to_string());
            erase.extend(["note", "outcome"].into_iter().map(|field| (key.clone(), field)));
        }
    }
    for (id, cancellation) in replica.all::<Cancellation>().iter() {
        if is_deleted(cancellation.person) {
            erase.push((RecordKey::new(Cancellation::KIND, id.to_string()), "reason"));
        }
    }
    // Only what is still there: erasing twice changes nothing.
    erase.retain(|(key, field)| {
        replica.get(key).and_then(|record| record.field(field)).is_some_and(|f| f.value.value() != Value::Null)
    });
    let latest = replica.latest_stamp().filter(|_| !erase.is_empty())?;
    let stamp = Stamp { counter: latest.counter.saturating_add(1), device: ERASING_DEVICE, ..latest };
    for (key, field) in erase {
        replica.set(key, field, Value::Null, stamp);
    }
    Some(stamp)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;
    use crate::clock::{Clock, DeviceId};
    use crate::export;
    use crate::model::{Outcome, Stage};
    use crate::testing::mondays;

    const PERSON: Id = Id::from_u128(1);
    const AGREEMENT: Id = Id::from_u128(2);
    /// Words only ever written about the person: no export may hold them once deleted.
    const SECRETS: [&str; 3] = ["Sygt barn", "Lægebesøg", "Trives dårligt"];

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    /// What one device does, in the order it does it.
    #[derive(Clone, Debug)]
    enum Step {
        /// The person, their agreement and a trial conversation with a note.
        Enrol,
        /// A cancellation with a reason (one of the secrets).
        Cancel(usize),
        /// The trial conversation, with a note (on an agreement this device knows).
        Note(usize),
        /// Deletes the person, if this device knows them.
        DeletePerson,
        /// Hears from another device (its index).
        Receive(usize),
    }

    fn arb_step() -> impl Strategy<Value = Step> {
        prop_oneof![
            2 => Just(Step::Enrol),
            2 => (0..3usize).prop_map(Step::Cancel),
            2 => (0..3usize).prop_map(Step::Note),
            1 => Just(Step::DeletePerson),
            4 => (0..3usize).prop_map(Step::Receive),
        ]
    }

    struct Device {
        replica: Replica,
        clock: Clock,
    }

    impl Device {
        fn stamp(&mut self, now: &mut u64) -> Stamp {
            *now += 1_000;
            self.clock.tick(*now)
        }

        /// Merges another device's replica, then erases as the app does after a merge.
        fn receive(&mut self, other: &Replica) {
            self.replica.merge(other);
            if let Some(latest) = other.latest_stamp() {
                self.clock.observe(latest);
            }
            erase_about_deleted(&mut self.replica);
        }

        fn run(&mut self, step: &Step, now: &mut u64, others: &[Replica]) {
            let stamp = self.stamp(now);
            let replica = &mut self.replica;
            match step {
                Step::Enrol => {
                    replica.put(PERSON, &Person::new("Anna", day()).unwrap(), stamp);
                    let agreement = Agreement {
                        person: PERSON,
                        function: Id::from_u128(3),
                        schedule: mondays(10, 12, day()),
                        buddy: None,
                        follows: None,
                    };
                    replica.put(AGREEMENT, &agreement, stamp);
                }
                Step::Cancel(secret) => {
                    let occurrence = crate::model::OccurrenceRef::Agreement { agreement: AGREEMENT, date: day() };
                    let cancellation = Cancellation {
                        person: PERSON,
                        occurrence,
                        reason: Some(SECRETS[*secret].to_owned()),
                        given_at: day().and_hms_opt(8, 0, 0).unwrap(),
                        recorded_by: None,
                    };
                    replica.put(Id::from_u128(100 + *secret as u128), &cancellation, stamp);
                }
                // A conversation is recorded on an agreement this device knows.
                Step::Note(_) if replica.read::<Agreement>(AGREEMENT).is_none() => {}
                Step::Note(secret) => {
                    let follow_up = FollowUp {
                        agreement: AGREEMENT,
                        stage: Stage::Trial,
                        held_on: day(),
                        outcome: Some(Outcome::Stop),
                        note: Some(SECRETS[*secret].to_owned()),
                    };
                    replica.put(Id::from_u128(200), &follow_up, stamp);
                }
                Step::DeletePerson if replica.read::<Person>(PERSON).is_none() => {}
                Step::DeletePerson => {
                    replica.remove::<Person>(PERSON, stamp);
                    erase_about_deleted(replica);
                }
                Step::Receive(from) => {
                    if let Some(other) = others.get(*from) {
                        let other = other.clone();
                        self.receive(&other);
                    }
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1_000))]

        /// Whatever the order of edits and merges, once a device holds the
        /// deletion, no export it writes holds a word written about the person.
        #[test]
        fn once_a_device_has_the_deletion_its_exports_hold_nothing_about_the_person(
            steps in prop::collection::vec((0..3usize, arb_step()), 0..40),
        ) {
            let mut now = 1_800_000_000_000u64;
            let mut devices: Vec<Device> = (1..=3)
                .map(|n| Device { replica: Replica::new(), clock: Clock::new(DeviceId::from_u64(n)) })
                .collect();
            for (device, step) in &steps {
                let others: Vec<Replica> = devices.iter().map(|d| d.replica.clone()).collect();
                devices[*device].run(step, &mut now, &others);
            }
            // Everyone hears from everyone, twice round: all converge.
            for _ in 0..2 {
                for to in 0..3 {
                    for from in 0..3 {
                        let other = devices[from].replica.clone();
                        devices[to].receive(&other);
                    }
                }
            }
            for device in &devices {
                if device.replica.get(&RecordKey::new(Person::KIND, PERSON.to_string())).is_some_and(|r| r.is_deleted()) {
                    for text in [export::write(&device.replica), export::write_without_personal_details(&device.replica)] {
                        for secret in SECRETS {
                            prop_assert!(!text.contains(secret), "{secret} is still in an export");
                        }
                    }
                }
            }
            prop_assert_eq!(&devices[0].replica, &devices[1].replica);
            prop_assert_eq!(&devices[1].replica, &devices[2].replica);
        }
    }

    #[test]
    fn the_hours_of_a_deleted_person_still_count_without_their_name() {
        let mut replica = Replica::new();
        let stamp = |millis| Stamp { millis, counter: 0, device: DeviceId::from_u64(1) };
        replica.put(PERSON, &Person::new("Anna", day()).unwrap(), stamp(1));
        let stay = crate::model::CheckIn {
            person: PERSON,
            occurrence: None,
            checked_in: day().and_hms_opt(10, 0, 0).unwrap(),
            checked_out: day().and_hms_opt(12, 0, 0),
            function: None,
            recorded_by: None,
            by_hand: false,
        };
        replica.put(Id::from_u128(9), &stay, stamp(1));
        replica.remove::<Person>(PERSON, stamp(2));
        assert_eq!(erase_about_deleted(&mut replica), None, "nothing written about Anna to erase");
        let rows =
            crate::report::report(&replica, day(), day(), crate::report::GroupBy::Person, chrono::NaiveDateTime::MAX);
        assert_eq!(rows.iter().map(|r| r.spontaneous_minutes).sum::<i64>(), 120);
        assert!(!export::write(&replica).contains("Anna"));
    }
}
