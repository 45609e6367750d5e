//! Two records for one person ("Anna H." made on a phone, "Anna Hansen" by
//! the coordinator), merged into the one kept.
//!
//! The duplicate is not deleted: it keeps a pointer to the one kept
//! (`merged_into`) and is listed no more. Every record that names it —
//! agreements, check-ins, cancellations, competences, conversations — is
//! moved to the one kept by [`rehome`], which runs after every merge, like
//! the erasure of deleted people's texts: a phone that still made a record
//! for the old id moves it as soon as it hears of the merge, and so does
//! every phone that receives that record. Its stamp depends only on the
//! data, so phones holding the same data make the same change.

use std::collections::HashMap;

use serde_json::Value;

use crate::clock::{DeviceId, Stamp};
use crate::entity::{Entity, Id};
use crate::model::Person;
use crate::replica::{RecordKey, Replica};
use crate::typed_cache::find;

/// The fields that name a person, a kind's fields together.
pub const PERSON_FIELDS: [(&str, &str); 13] = [
    ("agreement", "person"),
    ("agreement", "buddy"),
    ("checkin", "person"),
    ("checkin", "recorded_by"),
    ("cancellation", "person"),
    ("cancellation", "recorded_by"),
    ("signup", "person"),
    ("signup", "recorded_by"),
    ("waiting", "person"),
    ("grant", "person"),
    ("grant", "granted_by"),
    ("function", "contact"),
    ("person", "merged_into"),
];

/// The device moved records are stamped by (see [`crate::erasure::ERASING_DEVICE`]).
pub const MOVING_DEVICE: DeviceId = DeviceId::from_u64(u64::MAX - 1);

/// Why two people cannot be merged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("a person cannot be merged with themselves")]
    Same,
    #[error("that person is no longer in the group")]
    Unknown,
}

/// Who `id` is now: the person it was merged into, followed to one that is
/// not merged. If two phones merged two people into each other at once, the
/// person with the smaller id is kept, on every device alike.
pub fn kept(people: &[(Id, Person)], id: Id) -> Id {
    let mut path = vec![id];
    let mut at = id;
    while let Some(next) = find(people, at).and_then(|p| p.merged_into) {
        if let Some(start) = path.iter().position(|seen| *seen == next) {
            return path[start..].iter().copied().min().unwrap_or(next);
        }
        path.push(next);
        at = next;
    }
    at
}

/// Merges `duplicate` into `keep`: the duplicate points to the one kept,
/// which takes the phone, e-mail and note it lacked; then every record is
/// moved. Gives the records to store.
pub fn merge(replica: &mut Replica, duplicate: Id, keep: Id, stamp: Stamp) -> Result<(), MergeError> {
    if duplicate == keep {
        return Err(MergeError::Same);
    }
    let people = replica.all::<Person>();
    let (Some(dup), Some(kept_one)) = (find(&people, duplicate), find(&people, keep)) else {
        return Err(MergeError::Unknown);
    };
    let mut taken = kept_one.clone();
    taken.phone = taken.phone.or_else(|| dup.phone.clone());
    taken.email = taken.email.or_else(|| dup.email.clone());
    taken.note = match (taken.note, &dup.note) {
        (Some(mine), Some(theirs)) if mine != *theirs => Some(format!("{mine}\n{theirs}")),
        (mine, theirs) => mine.or_else(|| theirs.clone()),
    };
    let pointer = Person { merged_into: Some(keep), ..dup.clone() };
    replica.put(keep, &taken, stamp);
    replica.put(duplicate, &pointer, stamp);
    rehome(replica);
    Ok(())
}

/// Moves every record naming a merged person to the one kept, stamped just
/// after the latest stamp in the replica; gives that stamp, or `None` when
/// nothing named a merged person (then nothing changed).
pub fn rehome(replica: &mut Replica) -> Option<Stamp> {
    let people = replica.all::<Person>();
    // Each merged person's id as a field holds it (JSON text), and who they are now.
    let moved: HashMap<String, Id> = people
        .iter()
        .filter(|(id, p)| p.merged_into.is_some() && kept(&people, *id) != *id)
        .map(|(id, _)| (format!("\"{id}\""), kept(&people, *id)))
        .collect();
    if moved.is_empty() {
        return None;
    }
    let mut moves: Vec<(RecordKey, &str, Id)> = Vec::new();
    // Each kind walked once for all its fields (check-ins name two people).
    for fields in PERSON_FIELDS.chunk_by(|a, b| a.0 == b.0) {
        let kind = fields[0].0;
        // Compared as text: years of check-ins are not parsed for this.
        for (id, record) in replica.of_kind(kind) {
            for &(_, field) in fields {
                let Some(&now) = record.field(field).and_then(|f| moved.get(f.value.text())) else { continue };
                // The kept one of a circle of merges keeps its pointer.
                let is_kept = kind == Person::KIND && Id::from_key(id).is_some_and(|me| kept(&people, me) == me);
                if !is_kept {
                    moves.push((RecordKey::new(kind, id.clone()), field, now));
                }
            }
        }
    }
    let latest = replica.latest_stamp().filter(|_| !moves.is_empty())?;
    let stamp = Stamp { counter: latest.counter.saturating_add(1), device: MOVING_DEVICE, ..latest };
    for (key, field, now) in moves {
        replica.set(key, field, serde_json::to_value(now).unwrap_or(Value::Null), stamp);
    }
    Some(stamp)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::*;
    use crate::clock::Clock;
    use crate::export;
    use crate::model::{Agreement, CheckIn};
    use crate::testing::mondays;

    const DUPLICATE: Id = Id::from_u128(0xD0);
    const KEEP: Id = Id::from_u128(0xE0);
    const OTHER: Id = Id::from_u128(0xF0);

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()
    }

    /// Anna twice (one with a phone and an agreement), and Bo.
    fn group(clock: &mut Clock) -> Replica {
        let mut replica = Replica::new();
        let mut duplicate = Person::new("Anna H.", day()).unwrap();
        duplicate.phone = Some("+45 11 22 33 44".into());
        replica.put(DUPLICATE, &duplicate, clock.tick(1_000));
        replica.put(KEEP, &Person::new("Anna Hansen", day()).unwrap(), clock.tick(1_000));
        replica.put(OTHER, &Person::new("Bo", day()).unwrap(), clock.tick(1_000));
        let agreement = Agreement {
            person: DUPLICATE,
            function: Id::from_u128(3),
            schedule: mondays(10, 12, day()),
            buddy: Some(OTHER),
            follows: None,
        };
        replica.put(Id::from_u128(0xA0), &agreement, clock.tick(1_000));
        replica
    }

    fn names(replica: &Replica) -> Vec<String> {
        Person::by_name(replica).into_iter().map(|(_, p)| p.name.to_string()).collect()
    }

    #[test]
    fn the_kept_person_takes_the_records_and_the_details_it_lacked() {
        let mut clock = Clock::new(DeviceId::from_u64(1));
        let mut replica = group(&mut clock);
        let check_in = CheckIn::new(DUPLICATE, None, None, day().and_hms_opt(10, 0, 0).unwrap());
        replica.put(Id::from_u128(0xC0), &check_in, clock.tick(2_000));

        merge(&mut replica, DUPLICATE, KEEP, clock.tick(3_000)).unwrap();
        assert_eq!(names(&replica), ["Anna Hansen", "Bo"]);
        assert_eq!(replica.read::<Person>(KEEP).unwrap().phone.as_deref(), Some("+45 11 22 33 44"));
        assert_eq!(replica.read::<Agreement>(Id::from_u128(0xA0)).unwrap().person, KEEP);
        assert_eq!(replica.read::<Agreement>(Id::from_u128(0xA0)).unwrap().buddy, Some(OTHER), "Bo stays the buddy");
        assert_eq!(replica.read::<CheckIn>(Id::from_u128(0xC0)).unwrap().person, KEEP);
        assert_eq!(kept(&replica.all::<Person>(), DUPLICATE), KEEP);
        assert_eq!(rehome(&mut replica), None, "moving twice changes nothing");

        assert_eq!(merge(&mut replica, KEEP, KEEP, clock.tick(4_000)), Err(MergeError::Same));
        assert_eq!(merge(&mut replica, Id::from_u128(9), KEEP, clock.tick(4_000)), Err(MergeError::Unknown));
    }

    #[test]
    fn two_people_merged_into_each_other_at_once_leave_the_smaller_id() {
        let (mut a, mut b) = (Clock::new(DeviceId::from_u64(1)), Clock::new(DeviceId::from_u64(2)));
        let mut one = group(&mut a);
        let mut two = one.clone();
        merge(&mut one, DUPLICATE, KEEP, a.tick(5_000)).unwrap();
        merge(&mut two, KEEP, DUPLICATE, b.tick(5_000)).unwrap();
        one.merge(&two);
        rehome(&mut one);
        assert_eq!(names(&one).len(), 2, "one Anna, and Bo: {:?}", names(&one));
        assert_eq!(kept(&one.all::<Person>(), KEEP), DUPLICATE);
        assert_eq!(one.read::<Agreement>(Id::from_u128(0xA0)).unwrap().person, DUPLICATE);
    }

    /// What one phone does.
    #[derive(Clone, Debug)]
    enum Step {
        /// Merges the duplicate into the one kept (if this phone still lists it).
        Merge,
        /// Records a check-in for the duplicate, and edits their phone.
        UseDuplicate(u8),
        /// Hears from another phone, and moves records as the app does after a merge.
        Receive(usize),
    }

    fn arb_step() -> impl Strategy<Value = Step> {
        prop_oneof![1 => Just(Step::Merge), 3 => any::<u8>().prop_map(Step::UseDuplicate), 4 => (0..3usize).prop_map(Step::Receive)]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// One phone merges the duplicate while others still use the old id:
        /// once all have heard from all, every phone holds the same records,
        /// lists one Anna, and nothing names the duplicate but its pointer.
        #[test]
        fn merging_on_one_phone_and_editing_the_duplicate_on_another_converge(
            steps in prop::collection::vec((0..3usize, arb_step()), 0..30)
        ) {
            let mut clocks: Vec<Clock> = (1..=3).map(|d| Clock::new(DeviceId::from_u64(d))).collect();
            let start = group(&mut clocks[0]);
            let mut phones = vec![start.clone(), start.clone(), start];
            let mut now = 10_000;
            let receive = |phones: &mut Vec<Replica>, clocks: &mut Vec<Clock>, to: usize, from: usize| {
                let other = phones[from].clone();
                phones[to].merge(&other);
                if let Some(latest) = other.latest_stamp() {
                    clocks[to].observe(latest);
                }
                rehome(&mut phones[to]);
            };
            for (phone, step) in &steps {
                now += 1_000;
                match step {
                    Step::Merge => {
                        let listed = Person::by_name(&phones[*phone]).iter().any(|(id, _)| *id == DUPLICATE);
                        if listed {
                            let stamp = clocks[*phone].tick(now);
                            merge(&mut phones[*phone], DUPLICATE, KEEP, stamp).unwrap();
                        }
                    }
                    Step::UseDuplicate(n) => {
                        let at = day().and_hms_opt(10, 0, 0).unwrap();
                        let stamp = clocks[*phone].tick(now);
                        phones[*phone].put(Id::from_u128(0x1000 + u128::from(*n)), &CheckIn::new(DUPLICATE, None, None, at), stamp);
                        let mut anna = phones[*phone].read::<Person>(DUPLICATE).unwrap();
                        anna.phone = Some(format!("+45 {n}"));
                        phones[*phone].put(DUPLICATE, &anna, stamp);
                    }
                    Step::Receive(from) => receive(&mut phones, &mut clocks, *phone, *from),
                }
            }
            // Everyone hears from everyone, twice round.
            for _ in 0..2 {
                for to in 0..3 {
                    for from in 0..3 {
                        receive(&mut phones, &mut clocks, to, from);
                    }
                }
            }
            let files: Vec<String> = phones.iter().map(export::write).collect();
            prop_assert_eq!(&files[0], &files[1]);
            prop_assert_eq!(&files[1], &files[2]);
            let merged = steps.iter().any(|(_, step)| matches!(step, Step::Merge));
            let annas = names(&phones[0]).iter().filter(|n| n.starts_with("Anna")).count();
            prop_assert_eq!(annas, if merged { 1 } else { 2 });
            if merged {
                for (id, check_in) in phones[0].all::<CheckIn>().iter() {
                    prop_assert_eq!(check_in.person, KEEP, "check-in {} still names the duplicate", id);
                }
                prop_assert_eq!(phones[0].read::<Agreement>(Id::from_u128(0xA0)).unwrap().person, KEEP);
            }
        }
    }
}
