//! The mergeable store: every record a map of fields, every field a value with
//! the stamp of the change that set it.
//!
//! Merging keeps, field by field, the value with the later stamp; a deletion
//! is permanent and empties the record, so personal data leaves every replica
//! the deletion reaches. This makes merge a join of a semilattice: the order
//! of merges, repeats and groupings never change the result. The store does
//! not know what the fields mean, so kinds and fields a newer Flok wrote are
//! kept verbatim and travel on; the typed model reads what it knows.

use std::collections::{BTreeMap, VecDeque};
use std::ops::Bound;

use serde_json::Value;

use crate::clock::{Millis, Stamp};
use crate::derived::Derived;
use crate::record::{Field, Record};

/// A record's kind, as written in exports: `person`, `function`, …
pub type Kind = String;
/// A record's id, made on the device that created it.
pub type RecordId = String;

/// Identifies a record in a replica.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecordKey {
    pub kind: Kind,
    pub id: RecordId,
}

impl RecordKey {
    pub fn new(kind: impl Into<Kind>, id: impl Into<RecordId>) -> Self {
        Self { kind: kind.into(), id: id.into() }
    }
}

/// What merging another replica into this one did (or would do), per kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergeSummary {
    pub kinds: BTreeMap<Kind, KindSummary>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindSummary {
    /// Records this replica did not have.
    pub new: usize,
    /// Live records whose fields changed.
    pub changed: usize,
    /// Live records the other replica deleted.
    pub deleted: usize,
    /// Incoming field values left out because this replica holds a later edit.
    pub conflicts_resolved: usize,
}

impl MergeSummary {
    pub fn is_empty(&self) -> bool {
        self.kinds.values().all(|k| *k == KindSummary::default())
    }

    /// Adds what merging other records did (records no part shares).
    pub fn add(&mut self, other: MergeSummary) {
        for (kind, counts) in other.kinds {
            let sum = self.kinds.entry(kind).or_default();
            sum.new += counts.new;
            sum.changed += counts.changed;
            sum.deleted += counts.deleted;
            sum.conflicts_resolved += counts.conflicts_resolved;
        }
    }
}

/// How many of the latest changes a replica remembers by record: more than a
/// tap makes, far fewer than an import's.
const RECENT_CHANGES: usize = 16;

/// The records a merge changed, as they were before (`None`: new), to undo it.
pub type Prior = Vec<(RecordKey, Option<Record>)>;

/// Every record this device knows, live or deleted.
#[derive(Clone, Debug, Default)]
pub struct Replica {
    records: BTreeMap<RecordKey, Entry>,
    /// Counts the changes made to this copy, so a caller can ask what changed
    /// since it last looked (to save or sync only that). Not part of the data.
    version: u64,
    /// The version at which records last left this copy or changed without
    /// each being marked (see [`Replica::rewritten_at`]).
    rewritten: u64,
    /// Records an undone merge took out, with the version that took each:
    /// derived values follow them without reading everything again.
    removed: Vec<(u64, RecordKey)>,
    /// The records of the latest changes, oldest first, with the version of
    /// each: what changed since a tap is found here, not by passing over
    /// every record of its kind (20,000 check-ins in five years).
    recent: VecDeque<(u64, RecordKey)>,
    /// The version of the latest change no longer in `recent`.
    forgotten: u64,
    /// Values derived from the records (typed copies), not data.
    derived: Derived,
}

/// A record and the [`Replica::version`] of its latest change.
#[derive(Clone, Debug)]
struct Entry {
    record: Record,
    changed: u64,
}

/// Two replicas are equal when they hold the same records, however they got them.
impl PartialEq for Replica {
    fn eq(&self, other: &Self) -> bool {
        self.records.len() == other.records.len() && self.records().eq(other.records())
    }
}

impl Replica {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get(&self, key: &RecordKey) -> Option<&Record> {
        self.records.get(key).map(|entry| &entry.record)
    }

    pub fn records(&self) -> impl Iterator<Item = (&RecordKey, &Record)> {
        self.records.iter().map(|(key, entry)| (key, &entry.record))
    }

    /// Its records, taken out: a large replica can then be let go of a
    /// slice at a time rather than all at once.
    pub fn into_records(self) -> impl Iterator<Item = (RecordKey, Record)> {
        self.records.into_iter().map(|(key, entry)| (key, entry.record))
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Grows with every change to this copy of the data (a set, a deletion,
    /// a merge that changed something).
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The latest version at which records left this copy (records held
    /// back) or changed without being marked one by one: what was derived
    /// before it must be derived afresh, not from [`Replica::changed_since`].
    /// (Records an undone merge takes out are noted one by one instead.)
    pub fn rewritten_at(&self) -> u64 {
        self.rewritten
    }

    /// The ids of kind `kind` an undone merge took out after `version`.
    pub(crate) fn removed_since<'a>(&'a self, kind: &'a str, version: u64) -> impl Iterator<Item = &'a RecordId> + 'a {
        let from = self.removed.partition_point(|(at, _)| *at <= version);
        self.removed[from..].iter().filter(move |(_, key)| key.kind == kind).map(|(_, key)| &key.id)
    }

    /// Values derived from the records, kept beside them.
    pub(crate) fn derived(&self) -> &Derived {
        &self.derived
    }

    /// Marks a change [`Replica::changed_since`] cannot tell record by record.
    fn rewrite(&mut self) {
        self.version += 1;
        self.rewritten = self.version;
    }

    /// The records changed after `version` (a value [`Replica::version`]
    /// gave; every record changed after 0), in key order.
    pub fn changed_since(&self, version: u64) -> impl Iterator<Item = (&RecordKey, &Record)> {
        self.changed_since_after(version, None)
    }

    /// Like [`Replica::changed_since`], from the record after `key` on: where
    /// work done a slice at a time resumes.
    pub fn changed_since_after(
        &self,
        version: u64,
        key: Option<&RecordKey>,
    ) -> impl Iterator<Item = (&RecordKey, &Record)> {
        let from = key.map_or(Bound::Unbounded, Bound::Excluded);
        let changed = self.records.range((from, Bound::Unbounded)).filter(move |(_, entry)| entry.changed > version);
        changed.map(|(key, entry)| (key, &entry.record))
    }

    /// The records of one kind changed after `version`, in id order.
    pub(crate) fn of_kind_changed_since<'a>(
        &'a self,
        kind: &'a str,
        version: u64,
    ) -> impl Iterator<Item = (&'a RecordId, &'a Record)> + 'a {
        self.of_kind_entries(kind).filter(move |(_, entry)| entry.changed > version).map(|(id, e)| (id, &e.record))
    }

    /// Like [`Replica::of_kind_changed_since`], found among the latest
    /// changes rather than all of the kind; `None` if those do not reach back
    /// to `version`.
    pub(crate) fn of_kind_lately_changed(&self, kind: &str, version: u64) -> Option<Vec<(&RecordId, &Record)>> {
        if version < self.forgotten {
            return None;
        }
        let from = self.recent.partition_point(|(at, _)| *at <= version);
        let changes = self.recent.range(from..).filter(|(_, key)| key.kind == kind);
        // Each record once, at its latest change; one an undone merge took out is gone.
        let latest = changes
            .filter_map(|(at, key)| self.records.get(key).filter(|e| e.changed == *at).map(|e| (&key.id, &e.record)));
        let mut latest: Vec<_> = latest.collect();
        latest.sort_unstable_by(|a, b| a.0.cmp(b.0));
        Some(latest)
    }

    /// Every record of one kind, live or deleted, in id order.
    pub(crate) fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = (&'a RecordId, &'a Record)> + 'a {
        self.of_kind_entries(kind).map(|(id, entry)| (id, &entry.record))
    }

    fn of_kind_entries<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = (&'a RecordId, &'a Entry)> + 'a {
        self.records
            .range(RecordKey::new(kind, "")..)
            .take_while(move |(key, _)| key.kind == kind)
            .map(|(k, e)| (&k.id, e))
    }

    /// Counts a change to the record `key`: its version.
    fn note_change(&mut self, key: &RecordKey) -> u64 {
        self.version += 1;
        if self.recent.len() == RECENT_CHANGES {
            self.forgotten = self.recent.pop_front().map_or(0, |(at, _)| at);
        }
        self.recent.push_back((self.version, key.clone()));
        self.version
    }

    /// The latest stamp in the replica: a clock that observes it issues later ones.
    pub fn latest_stamp(&self) -> Option<Stamp> {
        self.records.values().filter_map(|entry| entry.record.latest_stamp()).max()
    }

    /// Sets one field, as a change stamped `stamp`. A deleted record stays
    /// deleted; an older stamp than the field's current one loses, as in a merge.
    pub fn set(&mut self, key: RecordKey, field: &str, value: Value, stamp: Stamp) {
        let mut change = Record::default();
        change.insert(field, Field::new(&value, stamp));
        self.merge_record(key, &change, &mut KindSummary::default());
    }

    /// Deletes a record for good, as a change stamped `stamp`.
    pub fn delete(&mut self, key: RecordKey, stamp: Stamp) {
        self.merge_record(key, &Record::deleted_at(stamp), &mut KindSummary::default());
    }

    /// Merges `other` into this replica and says what changed.
    pub fn merge(&mut self, other: &Replica) -> MergeSummary {
        self.merge_of(other.records())
    }

    /// Merges these records into this replica and says what changed.
    pub fn merge_of<'a>(&mut self, records: impl IntoIterator<Item = (&'a RecordKey, &'a Record)>) -> MergeSummary {
        let mut summary = MergeSummary::default();
        for (key, incoming) in records {
            let counts = summary.kinds.entry(key.kind.clone()).or_default();
            self.merge_record(key.clone(), incoming, counts);
        }
        summary.kinds.retain(|_, counts| *counts != KindSummary::default());
        summary
    }

    /// Like [`Replica::merge_of`], also giving what each record it changed
    /// was before (`None`: it was new), so the merge can be undone.
    pub fn merge_undoably<'a>(
        &mut self,
        records: impl IntoIterator<Item = (&'a RecordKey, &'a Record)>,
    ) -> (MergeSummary, Prior) {
        let mut summary = MergeSummary::default();
        let mut before = Vec::new();
        for (key, incoming) in records {
            let (was, version) = (self.get(key).cloned(), self.version);
            self.merge_record(key.clone(), incoming, summary.kinds.entry(key.kind.clone()).or_default());
            if self.version != version {
                before.push((key.clone(), was));
            }
        }
        summary.kinds.retain(|_, counts| *counts != KindSummary::default());
        (summary, before)
    }

    /// Puts records back as [`Replica::merge_undoably`] found them. This
    /// undoes a merge on this device only, before it travels on: it is not a
    /// change other replicas could merge.
    pub fn restore(&mut self, before: Prior) {
        for (key, was) in before.into_iter().rev() {
            match was {
                Some(record) => {
                    let changed = self.note_change(&key);
                    self.records.insert(key, Entry { record, changed });
                }
                None => {
                    self.version += 1;
                    // Noted, as nothing is left to mark the change.
                    if self.records.remove(&key).is_some() {
                        self.removed.push((self.version, key));
                    }
                }
            }
        }
    }

    /// What [`Replica::merge`] would do, leaving this replica as it is (only
    /// the records both hold are copied, one at a time, to be merged aside).
    pub fn preview(&self, other: &Replica) -> MergeSummary {
        self.preview_of(other.records())
    }

    /// What merging these records would do, leaving this replica as it is.
    pub fn preview_of<'a>(&self, records: impl IntoIterator<Item = (&'a RecordKey, &'a Record)>) -> MergeSummary {
        let mut summary = MergeSummary::default();
        for (key, incoming) in records {
            let counts = summary.kinds.entry(key.kind.clone()).or_default();
            match self.get(key) {
                Some(local) => drop(local.clone().merge_counted(incoming, counts)),
                None => counts.new += usize::from(!incoming.is_deleted()),
            }
        }
        summary.kinds.retain(|_, counts| *counts != KindSummary::default());
        summary
    }

    /// A copy without the named fields (kind, field): what leaves the group
    /// in an export without personal details. Merging such a copy erases
    /// nothing, since a missing field is not a deletion.
    pub fn without_fields(&self, fields: &[(&str, &str)]) -> Replica {
        self.without(|key, field| fields.contains(&(key.kind.as_str(), field)))
    }

    /// A copy without the fields `drop` names (record, field name).
    pub fn without(&self, drop: impl Fn(&RecordKey, &str) -> bool) -> Replica {
        let mut copy = self.clone();
        copy.rewrite();
        for (key, entry) in &mut copy.records {
            let dropped: Vec<String> =
                entry.record.fields().map(|(name, _)| name).filter(|name| drop(key, name)).map(str::to_owned).collect();
            for name in dropped {
                entry.record.remove(&name);
            }
        }
        copy
    }

    /// A copy of the records `keep` chooses, whole.
    pub fn only(&self, keep: impl Fn(&RecordKey, &Record) -> bool) -> Replica {
        let mut copy = Replica::new();
        copy.extend(self.records().filter(|(key, record)| keep(key, record)).map(|(k, r)| (k.clone(), r.clone())));
        copy
    }

    /// Splits off the records holding a stamp later than `limit` (a clock far
    /// ahead): merging them would drag every clock that sees them into the
    /// future. They stay in `self`'s source, to be merged once time catches up.
    pub fn hold_back_after(&mut self, limit: Millis) -> Vec<HeldBack> {
        let mut held = Vec::new();
        self.records.retain(|key, entry| match entry.record.latest_stamp() {
            Some(stamp) if stamp.millis > limit => {
                held.push(HeldBack { key: key.clone(), stamp });
                false
            }
            _ => true,
        });
        if !held.is_empty() {
            self.rewrite();
        }
        held
    }

    /// Takes in one record, new or not; counts what it did.
    fn merge_record(&mut self, key: RecordKey, incoming: &Record, counts: &mut KindSummary) {
        let Some(entry) = self.records.get_mut(&key) else {
            counts.new += usize::from(!incoming.is_deleted());
            self.insert(key, incoming.clone());
            return;
        };
        if entry.record.merge_counted(incoming, counts) {
            entry.changed = self.version + 1;
            self.note_change(&key);
        }
    }

    /// Adds a record this replica did not hold.
    fn insert(&mut self, key: RecordKey, record: Record) {
        let changed = self.note_change(&key);
        self.records.insert(key, Entry { record: Record::tombstoned_or(record), changed });
    }
}

impl Record {
    /// Merges another copy of this record into it, counts what that did, and
    /// says whether anything changed (a stamp counts: it must travel on).
    fn merge_counted(&mut self, incoming: &Record, counts: &mut KindSummary) -> bool {
        let mut changed = false;
        if let Some(deleted) = incoming.deleted {
            if self.deleted.is_none() {
                counts.deleted += 1;
            }
            changed |= self.deleted < Some(deleted);
            self.deleted = self.deleted.max(Some(deleted));
        }
        if self.is_deleted() {
            changed |= self.has_fields();
            self.clear_fields();
            return changed;
        }
        let mut changed_value = false;
        for (name, field) in incoming.fields() {
            match self.field_mut(name) {
                Some(current) if field.beats(current) => {
                    changed_value |= current.value != field.value;
                    changed |= current.stamp != field.stamp || current.value != field.value;
                    *current = field.clone();
                }
                Some(current) => {
                    // An older edit of a value changed since: the newer one stays.
                    counts.conflicts_resolved += usize::from(current.value != field.value);
                }
                None => {
                    self.insert(name, field.clone());
                    changed_value = true;
                    changed = true;
                }
            }
        }
        counts.changed += usize::from(changed_value);
        changed
    }

    /// A deleted record keeps no fields, whatever arrived with it.
    fn tombstoned_or(mut record: Record) -> Record {
        if record.is_deleted() {
            record.clear_fields();
        }
        record
    }
}

/// A record not merged because its stamp lies too far in the future; the UI
/// names the device whose clock looks wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldBack {
    pub key: RecordKey,
    pub stamp: Stamp,
}

impl FromIterator<(RecordKey, Record)> for Replica {
    fn from_iter<I: IntoIterator<Item = (RecordKey, Record)>>(iter: I) -> Self {
        let mut replica = Replica::new();
        replica.extend(iter);
        replica
    }
}

/// Takes in records, as a merge would; a new key's record is taken as it is, not copied.
impl Extend<(RecordKey, Record)> for Replica {
    fn extend<I: IntoIterator<Item = (RecordKey, Record)>>(&mut self, iter: I) {
        for (key, record) in iter {
            if self.records.contains_key(&key) {
                self.merge_record(key, &record, &mut KindSummary::default());
            } else {
                self.insert(key, record);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, DeviceId};
    use crate::testing::{apply, arb_change, arb_key, arb_replica, arb_value};
    use proptest::prelude::*;
    use serde_json::json;

    fn stamp(millis: Millis, device: u64) -> Stamp {
        Stamp { millis, counter: 0, device: DeviceId::from_u64(device) }
    }

    fn key(id: &str) -> RecordKey {
        RecordKey::new("person", id)
    }

    #[test]
    fn the_later_edit_of_a_field_wins_on_both_sides() {
        let mut a = Replica::new();
        let mut b = Replica::new();
        a.set(key("p1"), "name", json!("Anna"), stamp(10, 1));
        b.set(key("p1"), "name", json!("Anne"), stamp(20, 2));
        let mut ab = a.clone();
        ab.merge(&b);
        b.merge(&a);
        assert_eq!(ab, b);
        assert_eq!(ab.get(&key("p1")).unwrap().get("name"), Some(json!("Anne")));
    }

    #[test]
    fn edits_of_different_fields_both_survive() {
        let mut a = Replica::new();
        let mut b = Replica::new();
        a.set(key("p1"), "name", json!("Anna"), stamp(10, 1));
        b.set(key("p1"), "phone", json!("12345678"), stamp(5, 2));
        a.merge(&b);
        let record = a.get(&key("p1")).unwrap();
        assert_eq!(record.get("name"), Some(json!("Anna")));
        assert_eq!(record.get("phone"), Some(json!("12345678")));
    }

    #[test]
    fn a_deletion_removes_the_fields_wherever_it_travels() {
        let mut a = Replica::new();
        a.set(key("p1"), "name", json!("Anna"), stamp(10, 1));
        a.set(key("p1"), "phone", json!("12345678"), stamp(10, 1));
        let mut b = a.clone();
        b.delete(key("p1"), stamp(20, 2));
        assert!(!b.get(&key("p1")).unwrap().has_fields());

        let summary = a.merge(&b);
        let record = a.get(&key("p1")).unwrap();
        assert!(record.is_deleted());
        assert!(!record.has_fields(), "no personal data may remain");
        assert_eq!(summary.kinds["person"].deleted, 1);
    }

    #[test]
    fn an_edit_does_not_bring_a_deleted_record_back() {
        let mut a = Replica::new();
        a.delete(key("p1"), stamp(5, 1));
        a.set(key("p1"), "name", json!("Anna"), stamp(50, 2));
        assert!(!a.get(&key("p1")).unwrap().has_fields());
    }

    #[test]
    fn unknown_kinds_and_fields_are_kept_verbatim() {
        let mut newer = Replica::new();
        let odd = json!({"nested": [1, 2, {"x": null}]});
        newer.set(RecordKey::new("rota-template", "t1"), "shape", odd.clone(), stamp(1, 1));
        newer.set(key("p1"), "pronouns", json!("she/her"), stamp(1, 1));
        let mut older = Replica::new();
        older.merge(&newer);
        assert_eq!(older.get(&RecordKey::new("rota-template", "t1")).unwrap().get("shape"), Some(odd));
        assert_eq!(older.get(&key("p1")).unwrap().get("pronouns"), Some(json!("she/her")));
    }

    #[test]
    fn the_summary_counts_new_changed_deleted_and_resolved_per_kind() {
        let mut mine = Replica::new();
        mine.set(key("kept"), "name", json!("Mine, newer"), stamp(30, 1));
        mine.set(key("edited"), "name", json!("Old"), stamp(10, 1));
        mine.set(key("gone"), "name", json!("Gone"), stamp(10, 1));
        let mut theirs = Replica::new();
        theirs.set(key("kept"), "name", json!("Theirs, older"), stamp(20, 2));
        theirs.set(key("edited"), "name", json!("New"), stamp(20, 2));
        theirs.delete(key("gone"), stamp(20, 2));
        theirs.set(key("fresh"), "name", json!("Fresh"), stamp(20, 2));
        theirs.set(RecordKey::new("function", "f1"), "name", json!("Café"), stamp(20, 2));

        let preview = mine.preview(&theirs);
        assert_eq!(preview.kinds["person"], KindSummary { new: 1, changed: 1, deleted: 1, conflicts_resolved: 1 });
        assert_eq!(preview.kinds["function"], KindSummary { new: 1, ..KindSummary::default() });
        assert_eq!(mine.clone().merge(&theirs), preview);
        assert!(mine.clone().merge(&mine).is_empty(), "merging oneself changes nothing");
    }

    #[test]
    fn records_stamped_far_ahead_are_held_back() {
        let mut incoming = Replica::new();
        incoming.set(key("ok"), "name", json!("Fine"), stamp(1_000, 1));
        incoming.set(key("ahead"), "name", json!("From the future"), stamp(99_000, 7));
        let held = incoming.hold_back_after(5_000);
        assert_eq!(held, vec![HeldBack { key: key("ahead"), stamp: stamp(99_000, 7) }]);
        assert_eq!(incoming.len(), 1);
    }

    fn merged(a: &Replica, b: &Replica) -> Replica {
        let mut out = a.clone();
        out.merge(b);
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4_000))]

        #[test]
        fn merge_is_commutative(a in arb_replica(), b in arb_replica()) {
            prop_assert_eq!(merged(&a, &b), merged(&b, &a));
        }

        #[test]
        fn merge_is_associative(a in arb_replica(), b in arb_replica(), c in arb_replica()) {
            prop_assert_eq!(merged(&merged(&a, &b), &c), merged(&a, &merged(&b, &c)));
        }

        #[test]
        fn merge_is_idempotent(a in arb_replica(), b in arb_replica()) {
            prop_assert_eq!(merged(&a, &a), a.clone());
            let once = merged(&a, &b);
            prop_assert_eq!(merged(&once, &b), once);
        }

        #[test]
        fn an_undoable_merge_merges_and_is_undone(a in arb_replica(), b in arb_replica()) {
            let mut merged = a.clone();
            let (summary, before) = merged.merge_undoably(b.records());
            prop_assert_eq!(&merged, &self::merged(&a, &b));
            prop_assert_eq!(summary, a.clone().merge(&b));
            merged.restore(before);
            prop_assert_eq!(merged, a);
        }

        #[test]
        fn a_preview_says_what_the_merge_then_does(a in arb_replica(), b in arb_replica()) {
            let preview = a.preview(&b);
            let mut merged = a.clone();
            prop_assert_eq!(merged.merge(&b), preview);
        }

        #[test]
        fn the_records_changed_since_a_version_are_exactly_those_that_differ(a in arb_replica(), b in arb_replica()) {
            let mut merged = a.clone();
            let before = merged.version();
            merged.merge(&b);
            let changed: Vec<_> = merged.changed_since(before).map(|(key, _)| key.clone()).collect();
            let differ: Vec<_> =
                merged.records().filter(|(key, record)| a.get(key) != Some(record)).map(|(key, _)| key.clone()).collect();
            prop_assert_eq!(&changed, &differ);
            prop_assert_eq!(merged.changed_since(merged.version()).count(), 0);
            // Taken a few at a time, resuming after the last, they are the same.
            let mut resumed: Vec<RecordKey> = Vec::new();
            loop {
                let part: Vec<_> = merged.changed_since_after(before, resumed.last()).take(2).map(|(k, _)| k.clone()).collect();
                if part.is_empty() {
                    break;
                }
                resumed.extend(part);
            }
            prop_assert_eq!(resumed, changed);
            // Taken out, they are the records as they were.
            let kept: Vec<_> = merged.records().map(|(key, record)| (key.clone(), record.clone())).collect();
            prop_assert_eq!(merged.into_records().collect::<Vec<_>>(), kept);
        }

        #[test]
        fn a_change_applied_anywhere_in_any_order_gives_one_result(
            changes in prop::collection::vec(arb_change(), 0..30),
            order in any::<prop::sample::Index>(),
        ) {
            let mut in_order = Replica::new();
            changes.iter().cloned().for_each(|c| apply(&mut in_order, c));
            let mut rotated = Replica::new();
            let split = if changes.is_empty() { 0 } else { order.index(changes.len()) };
            changes[split..].iter().chain(&changes[..split]).cloned().for_each(|c| apply(&mut rotated, c));
            prop_assert_eq!(in_order, rotated);
        }
    }

    /// Three devices, each with its own (possibly wrong) wall clock, edit and
    /// exchange replicas in a random interleaving.
    #[derive(Clone, Debug)]
    enum Step {
        Edit { device: usize, key: RecordKey, field: &'static str, value: Value },
        Delete { device: usize, key: RecordKey },
        Send { from: usize, to: usize },
        Tick(u64),
    }

    fn arb_step() -> impl Strategy<Value = Step> {
        let field = prop::sample::select(vec!["name", "phone", "x"]);
        prop_oneof![
            6 => (0..3usize, arb_key(), field, arb_value())
                .prop_map(|(device, key, field, value)| Step::Edit { device, key, field, value }),
            1 => (0..3usize, arb_key()).prop_map(|(device, key)| Step::Delete { device, key }),
            3 => (0..3usize, 0..3usize).prop_map(|(from, to)| Step::Send { from, to }),
            2 => (1..100_000_000u64).prop_map(Step::Tick),
        ]
    }

    struct Device {
        replica: Replica,
        clock: Clock,
        skew: i64,
    }

    impl Device {
        /// Three fresh devices whose clocks are off by `skews` milliseconds.
        fn three(skews: [i64; 3]) -> Vec<Device> {
            (0..3)
                .map(|i| Device {
                    replica: Replica::new(),
                    clock: Clock::new(DeviceId::from_u64(i as u64 + 1)),
                    skew: skews[i],
                })
                .collect()
        }

        fn wall(&self, real: u64) -> Millis {
            real.saturating_add_signed(self.skew)
        }

        fn receive(&mut self, other: &Replica) {
            self.replica.merge(other);
            if let Some(latest) = other.latest_stamp() {
                self.clock.observe(latest);
            }
        }
    }

    const DAY: i64 = 86_400_000;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn three_devices_converge_after_exchanging_in_any_order(
            steps in prop::collection::vec(arb_step(), 0..60),
            skews in prop::array::uniform3(-5 * DAY..5 * DAY),
            final_order in Just([0usize, 1, 2]).prop_shuffle(),
        ) {
            let mut real = 1_800_000_000_000u64;
            let mut devices = Device::three(skews);
            for step in steps {
                match step {
                    Step::Edit { device, key, field, value } => {
                        let d = &mut devices[device];
                        let stamp = d.clock.tick(d.wall(real));
                        d.replica.set(key, field, value, stamp);
                    }
                    Step::Delete { device, key } => {
                        let d = &mut devices[device];
                        let stamp = d.clock.tick(d.wall(real));
                        d.replica.delete(key, stamp);
                    }
                    Step::Send { from, to } => {
                        let sent = devices[from].replica.clone();
                        devices[to].receive(&sent);
                    }
                    Step::Tick(ms) => real += ms,
                }
            }
            // Everyone sends to the first in the order, who then sends to all.
            let [hub, x, y] = final_order;
            for from in [x, y] {
                let sent = devices[from].replica.clone();
                devices[hub].receive(&sent);
            }
            let everything = devices[hub].replica.clone();
            for to in [x, y] {
                devices[to].receive(&everything);
            }
            prop_assert_eq!(&devices[0].replica, &devices[1].replica);
            prop_assert_eq!(&devices[1].replica, &devices[2].replica);
        }

        #[test]
        fn an_edit_made_after_seeing_another_wins_however_wrong_the_clocks(
            chain in prop::collection::vec((0..3usize, "[a-z]{1,4}", 0..60_000u64), 1..20),
            skews in prop::array::uniform3(-7 * DAY..7 * DAY),
        ) {
            // Each edit is made by a device that has just received the previous
            // one: a causal chain. The last edit must be the value everywhere.
            let mut real = 1_800_000_000_000u64;
            let mut devices = Device::three(skews);
            let mut previous: Option<usize> = None;
            let mut last_value = String::new();
            for (device, value, pause) in chain {
                real += pause;
                if let Some(p) = previous {
                    let sent = devices[p].replica.clone();
                    devices[device].receive(&sent);
                }
                let d = &mut devices[device];
                let stamp = d.clock.tick(d.wall(real));
                d.replica.set(key("p1"), "name", json!(value.clone()), stamp);
                previous = Some(device);
                last_value = value;
            }
            let mut everything = Replica::new();
            for d in &devices {
                everything.merge(&d.replica);
            }
            prop_assert_eq!(everything.get(&key("p1")).unwrap().get("name"), Some(json!(last_value)));
        }
    }
}
