//! Typed copies of records, kept per kind beside the replica.
//!
//! The roster, a report and the thank-you list read every check-in of five
//! years; parsing each from its fields again after every tap costs tens of
//! milliseconds on a phone. The copies are refreshed from the records changed
//! since they were made (the replica's version says which), so a change costs
//! only the records it touched (an undone merge notes the records it took
//! out); they are read afresh when the replica says it was rewritten since. They are not data: equality, merging and exporting
//! never see them, and a copy of the replica shares them until one side
//! changes. Readers get them shared, never copied.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::entity::{Entity, Id};
use crate::record::Record;
use crate::replica::Replica;

/// The live, readable records of one kind, sorted by id. A vector, not a
/// map: one map type per kind cost the wasm build more than 20 KB.
pub type Typed<T> = Arc<Vec<(Id, T)>>;

/// The record `id` in typed copies (sorted by id, as [`Replica::all`] gives
/// them): a binary search, where building a map would copy and sort again.
pub fn find<T>(typed: &[(Id, T)], id: Id) -> Option<&T> {
    typed.binary_search_by_key(&id, |(at, _)| *at).ok().map(|n| &typed[n].1)
}

/// One kind's copies as of one version of the replica.
#[derive(Clone)]
struct Kept<T> {
    version: u64,
    items: Typed<T>,
}

impl Replica {
    /// Every live, readable record of kind `T`, in id order (creation
    /// order), shared: only records changed since the last call are read.
    pub fn all<T: Entity>(&self) -> Typed<T> {
        let kept = self.derived().take::<Kept<T>>().filter(|kept| kept.version >= self.rewritten_at());
        let mut kept = kept.unwrap_or_else(|| Kept { version: 0, items: Arc::default() });
        if kept.version != self.version() {
            // Taken out by an undone merge: dropped first (one may be back since).
            let mut removed = BTreeSet::new();
            removed.extend(self.removed_since(T::KIND, kept.version).filter_map(|key| Id::from_key(key)));
            if !removed.is_empty() {
                Arc::make_mut(&mut kept.items).retain(|(id, _)| !removed.contains(id));
            }
            let changes = self.of_kind_changed_ids(T::KIND, kept.version);
            if let Some((first, _)) = changes.first() {
                // Copied only if a caller or another copy of the replica still holds it.
                let items = Arc::make_mut(&mut kept.items);
                // Only the copies from the first changed one on move: a tap
                // changes a recent record, and ids grow with time.
                let after = items.split_off(items.partition_point(|(id, _)| id < first));
                merge_in_order(items, after, changes);
            }
            kept.version = self.version();
        }
        let items = Arc::clone(&kept.items);
        self.derived().keep(kept);
        items
    }

    /// Brings the kept typed copies of kind `T` (see [`Replica::all`]) up to date now.
    pub fn refresh_typed<T: Entity>(&self) {
        self.all::<T>();
    }

    /// The records of one kind changed after `version`, by id, in id order:
    /// found among the latest changes if those reach back that far, else among
    /// all of the kind. A key spelled otherwise than Flok writes ids is left out.
    fn of_kind_changed_ids<'a>(&'a self, kind: &'a str, version: u64) -> Vec<(Id, &'a Record)> {
        let lately = self.of_kind_lately_changed(kind, version);
        let changes = lately.unwrap_or_else(|| self.of_kind_changed_since(kind, version).collect());
        changes.into_iter().filter_map(|(key, record)| Some((Id::from_key(key)?, record))).collect()
    }
}

/// Appends to `items` the copies `after` with the changed records read in,
/// both in id order, in one pass: inserting one by one would move the rest
/// for each record an import adds.
fn merge_in_order<T: Entity>(items: &mut Vec<(Id, T)>, after: Vec<(Id, T)>, changes: Vec<(Id, &Record)>) {
    let mut after = after.into_iter().peekable();
    items.reserve(after.len());
    for (id, record) in changes {
        while let Some(item) = after.next_if(|(at, _)| *at < id) {
            items.push(item);
        }
        // Replaced, or gone (removed, or no longer readable).
        after.next_if(|(at, _)| *at == id);
        items.extend(Replica::typed::<T>(record).map(|value| (id, value)));
    }
    items.extend(after);
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use crate::clock::Stamp;
    use crate::entity::{Entity, Id};
    use crate::model::Competence;
    use crate::replica::{RecordKey, Replica};
    use crate::testing::arb_stamp;

    #[derive(Clone, Debug)]
    enum Step {
        Put(u128, String, Stamp),
        /// A record whose key spells its id in capitals, as a hand-edited file might.
        PutShouting(u128, String, Stamp),
        Remove(u128, Stamp),
        /// A field no version can read: the record drops out of the typed view.
        Garble(u128, Stamp),
        /// Puts this many records at once, among the few ids (more than a
        /// tap's, and past what the replica remembers of its latest changes).
        Many(u8, String, Stamp),
        /// Reads the view, so later steps refresh a warm cache.
        Look,
        /// Merges another device's steps.
        Merge(Vec<Step>),
        /// Merges another device's steps and undoes that merge: records leave.
        MergeUndone(Vec<Step>),
    }

    /// A few ids, spelled with digits and with letters, so that keys in
    /// capitals sort elsewhere than the same ids in Flok's spelling.
    fn ids() -> impl Strategy<Value = u128> {
        prop::sample::select(vec![1, 0xa, 0x1b, 0xc0])
    }

    fn arb_step() -> impl Strategy<Value = Step> {
        let edit = prop_oneof![
            4 => (ids(), "[a-c]{1,2}", arb_stamp()).prop_map(|(id, name, stamp)| Step::Put(id, name, stamp)),
            1 => (ids(), "[a-c]{1,2}", arb_stamp()).prop_map(|(id, name, stamp)| Step::PutShouting(id, name, stamp)),
            1 => (ids(), arb_stamp()).prop_map(|(id, stamp)| Step::Remove(id, stamp)),
            1 => (ids(), arb_stamp()).prop_map(|(id, stamp)| Step::Garble(id, stamp)),
            1 => (0..80u8, "[a-c]{1,2}", arb_stamp()).prop_map(|(n, name, stamp)| Step::Many(n, name, stamp)),
            2 => Just(Step::Look),
        ];
        edit.prop_recursive(1, 12, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Step::Merge),
                prop::collection::vec(inner, 0..6).prop_map(Step::MergeUndone),
            ]
        })
    }

    fn run(replica: &mut Replica, step: &Step) {
        match step {
            Step::Put(id, name, stamp) => replica.put(Id::from_u128(*id), &Competence { name: name.clone() }, *stamp),
            Step::PutShouting(id, name, stamp) => {
                let key = RecordKey::new(Competence::KIND, Id::from_u128(*id).to_string().to_uppercase());
                replica.set(key, "name", json!(name), *stamp);
            }
            Step::Remove(id, stamp) => replica.remove::<Competence>(Id::from_u128(*id), *stamp),
            Step::Garble(id, stamp) => {
                let key = RecordKey::new(Competence::KIND, Id::from_u128(*id).to_string());
                replica.set(key, "name", json!(7), *stamp);
            }
            Step::Many(n, name, stamp) => {
                for id in (0..u128::from(*n)).map(|n| 2 + 2 * n) {
                    replica.put(Id::from_u128(id), &Competence { name: name.clone() }, *stamp);
                }
            }
            Step::Look => drop(replica.all::<Competence>()),
            Step::Merge(steps) => {
                let mut other = Replica::new();
                steps.iter().for_each(|s| run(&mut other, s));
                replica.merge(&other);
            }
            Step::MergeUndone(steps) => {
                let mut other = Replica::new();
                steps.iter().for_each(|s| run(&mut other, s));
                let (_, before) = replica.merge_undoably(other.records());
                drop(replica.all::<Competence>());
                replica.restore(before);
            }
        }
    }

    /// The view read from scratch, by a replica that never cached anything.
    fn fresh(replica: &Replica) -> Vec<(Id, Competence)> {
        replica.records().map(|(k, r)| (k.clone(), r.clone())).collect::<Replica>().all().to_vec()
    }

    proptest! {
        #[test]
        fn the_kept_view_always_equals_one_read_afresh(
            steps in prop::collection::vec(arb_step(), 0..30),
            split in 0..30usize,
        ) {
            let mut replica = Replica::new();
            let (before, after) = steps.split_at(split.min(steps.len()));
            before.iter().for_each(|s| run(&mut replica, s));
            // A copy shares the kept view; each side's later changes stay its own.
            let mut copy = replica.clone();
            for (n, step) in after.iter().enumerate() {
                run(if n % 2 == 0 { &mut replica } else { &mut copy }, step);
                prop_assert_eq!(&*replica.all::<Competence>(), &fresh(&replica));
                prop_assert_eq!(&*copy.all::<Competence>(), &fresh(&copy));
            }
            // One entry per id, in id order: what readers of the view search by.
            let view = replica.all::<Competence>();
            prop_assert!(view.windows(2).all(|pair| pair[0].0 < pair[1].0));
            prop_assert_eq!(&*replica.all::<Competence>(), &fresh(&replica));
        }
    }

    #[test]
    fn a_copy_without_fields_and_a_held_back_replica_are_read_afresh() {
        let stamp = |millis| Stamp { millis, counter: 0, device: crate::DeviceId::from_u64(1) };
        let mut replica = Replica::new();
        let anna = Id::from_u128(1);
        let person = crate::model::Person::new("Anna", chrono::NaiveDate::MIN).unwrap();
        replica.put(anna, &crate::model::Person { phone: Some("12345678".into()), ..person }, stamp(1));
        replica.put(Id::from_u128(2), &Competence { name: "Later".into() }, stamp(99));
        assert_eq!(replica.all::<crate::model::Person>()[0].1.phone.as_deref(), Some("12345678"));
        assert_eq!(replica.all::<Competence>().len(), 1);

        let stripped = replica.without_fields(&[("person", "phone")]);
        assert_eq!(stripped.all::<crate::model::Person>()[0].1.phone, None);
        replica.hold_back_after(50);
        assert!(replica.all::<Competence>().is_empty());
    }
}
