//! One scenario, kept twice: in Flok's replica and in an Automerge document.
//!
//! Device 1 records five years of a group's work (the demo data set). Device
//! 2 starts from a copy of it, adds a second group's five years (a second
//! seed) and, at the same time as device 1, edits the same field of every
//! twentieth check-in to another value. Merging the two devices resolves
//! those conflicts in both systems. Automerge holds the records as maps
//! (root → kind → id → field, objects and lists as nested maps and lists),
//! one change per record, as the app makes one change per tap.

use automerge::transaction::Transactable;
use automerge::{ActorId, AutoCommit, ObjId, ObjType, Prop, ReadDoc, ScalarValue, ROOT};
use flok_core::demo::{demo, DemoOptions};
use flok_core::model::CheckIn;
use flok_core::{Clock, DeviceId, RecordKey, Replica, Stamp};
use serde_json::{json, Number, Value};

/// The field both devices edit concurrently (a field the model does not
/// know, which Flok keeps verbatim).
const EDITED: &str = "comment";

/// One field set to one value: the concurrent edits.
#[derive(Clone, Debug)]
pub struct Edit {
    pub key: RecordKey,
    pub value: Value,
}

/// The two devices of the scenario, in both systems.
pub struct Scenario {
    pub flok_a: Replica,
    pub flok_b: Replica,
    pub automerge_a: AutoCommit,
    pub automerge_b: AutoCommit,
}

impl Scenario {
    /// The scenario for a group of `people` over five years.
    pub fn new(people: usize) -> Self {
        let base = demo(DemoOptions { seed: 1, people, years: 5 });
        let other = demo(DemoOptions { seed: 2, people, years: 5 });
        let checkins: Vec<RecordKey> =
            base.all::<CheckIn>().iter().step_by(20).map(|(id, _)| RecordKey::new("checkin", id.to_string())).collect();
        let edits = |device: &str| -> Vec<Edit> {
            checkins
                .iter()
                .map(|key| Edit { key: key.clone(), value: json!(format!("{device}: {}", key.id)) })
                .collect()
        };
        let (edits_a, edits_b) = (edits("a"), edits("b"));

        // Both devices edit at the same moment, after the demo's last stamp.
        // Built in an order that holds as few copies at once as it can: at
        // 100× each set of records takes gigabytes.
        let after = base.latest_stamp().expect("the demo is not empty").millis + 60_000;
        let mut shared = AutoCommit::new().with_actor(ActorId::from(b"device-1".as_slice()));
        insert(&mut shared, &base);
        let mut automerge_a = shared.fork().with_actor(ActorId::from(b"device-a".as_slice()));
        edit_automerge(&mut automerge_a, &edits_a);
        let mut automerge_b = shared.fork().with_actor(ActorId::from(b"device-b".as_slice()));
        drop(shared);
        insert(&mut automerge_b, &other);
        edit_automerge(&mut automerge_b, &edits_b);

        let mut flok_b = base.clone();
        flok_b.merge(&other);
        drop(other);
        edit_flok(&mut flok_b, &edits_b, DeviceId::from_u64(0xb), after);
        let mut flok_a = base;
        edit_flok(&mut flok_a, &edits_a, DeviceId::from_u64(0xa), after);
        Self { flok_a, flok_b, automerge_a, automerge_b }
    }
}

fn edit_flok(replica: &mut Replica, edits: &[Edit], device: DeviceId, wall: u64) {
    let mut clock = Clock::new(device);
    for edit in edits {
        replica.set(edit.key.clone(), EDITED, edit.value.clone(), clock.tick(wall));
    }
}

fn edit_automerge(doc: &mut AutoCommit, edits: &[Edit]) {
    for edit in edits {
        let record = object(doc, &ROOT, &edit.key.kind).and_then(|kind| object(doc, &kind, &edit.key.id));
        let record = record.expect("an edit names a record both devices hold");
        put(doc, &record, Prop::from(EDITED), &edit.value);
        doc.commit();
    }
}

/// Adds every record of `replica` to `doc`, one change per record. Kind maps
/// are made only where missing: two devices making the same one concurrently
/// would hide one of them (Automerge keeps one of two conflicting objects).
pub fn insert(doc: &mut AutoCommit, replica: &Replica) {
    for (key, record) in replica.records() {
        let kind = match object(doc, &ROOT, &key.kind) {
            Some(kind) => kind,
            None => doc.put_object(ROOT, key.kind.as_str(), ObjType::Map).expect("the root is a map"),
        };
        if record.is_deleted() {
            doc.delete(&kind, key.id.as_str()).expect("a kind is a map");
        } else {
            let fields = doc.put_object(&kind, key.id.as_str(), ObjType::Map).expect("a kind is a map");
            for (name, field) in record.fields() {
                put(doc, &fields, Prop::from(name), &field.value.value());
            }
        }
        doc.commit();
    }
}

/// Reads the document back into a replica (every field stamped alike: the
/// report does not look at stamps), so the same report code runs on it.
pub fn to_replica(doc: &AutoCommit) -> Replica {
    let stamp = Stamp { millis: 0, counter: 0, device: DeviceId::from_u64(0) };
    let mut replica = Replica::new();
    for kind in doc.keys(ROOT) {
        let kind_obj = object(doc, &ROOT, &kind).expect("a kind is a map");
        for id in doc.keys(&kind_obj) {
            let fields = object(doc, &kind_obj, &id).expect("a record is a map");
            for name in doc.keys(&fields) {
                let value = read(doc, &fields, Prop::from(name.as_str()));
                replica.set(RecordKey::new(kind.clone(), id.clone()), &name, value, stamp);
            }
        }
    }
    replica
}

fn object(doc: &AutoCommit, parent: &ObjId, key: &str) -> Option<ObjId> {
    match doc.get(parent, key).ok()?? {
        (automerge::Value::Object(_), id) => Some(id),
        _ => None,
    }
}

/// Writes a JSON value at `prop` (a map key or a list index to insert at).
fn put(doc: &mut AutoCommit, parent: &ObjId, prop: Prop, value: &Value) {
    let nested = match value {
        Value::Object(_) => Some(ObjType::Map),
        Value::Array(_) => Some(ObjType::List),
        _ => None,
    };
    let made = match (nested, prop) {
        (Some(kind), Prop::Map(key)) => Some(doc.put_object(parent, key, kind)),
        (Some(kind), Prop::Seq(index)) => Some(doc.insert_object(parent, index, kind)),
        (None, Prop::Map(key)) => doc.put(parent, key, scalar(value)).err().map(Err),
        (None, Prop::Seq(index)) => doc.insert(parent, index, scalar(value)).err().map(Err),
    };
    let Some(made) = made else { return };
    let child = made.expect("parents are maps and lists made here");
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| put(doc, &child, Prop::from(k.as_str()), v)),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| put(doc, &child, Prop::Seq(i), v)),
        _ => {}
    }
}

fn scalar(value: &Value) -> ScalarValue {
    match value {
        Value::Null => ScalarValue::Null,
        Value::Bool(b) => ScalarValue::Boolean(*b),
        Value::Number(n) if n.is_i64() => ScalarValue::Int(n.as_i64().unwrap_or_default()),
        Value::Number(n) if n.is_u64() => ScalarValue::Uint(n.as_u64().unwrap_or_default()),
        Value::Number(n) => ScalarValue::F64(n.as_f64().unwrap_or_default()),
        Value::String(s) => ScalarValue::Str(s.as_str().into()),
        Value::Object(_) | Value::Array(_) => unreachable!("objects and lists are not scalars"),
    }
}

fn read(doc: &AutoCommit, parent: &ObjId, prop: Prop) -> Value {
    let Ok(Some((value, id))) = doc.get(parent, prop) else { return Value::Null };
    match value {
        automerge::Value::Object(ObjType::List) => {
            (0..doc.length(&id)).map(|i| read(doc, &id, Prop::Seq(i))).collect::<Vec<_>>().into()
        }
        automerge::Value::Object(_) => doc
            .keys(&id)
            .map(|k| (k.clone(), read(doc, &id, Prop::from(k.as_str()))))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        automerge::Value::Scalar(s) => match s.as_ref() {
            ScalarValue::Boolean(b) => Value::Bool(*b),
            ScalarValue::Int(i) => Value::from(*i),
            ScalarValue::Uint(u) => Value::from(*u),
            ScalarValue::F64(f) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
            ScalarValue::Str(s) => Value::String(s.to_string()),
            _ => Value::Null,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(replica: &Replica) -> Vec<(RecordKey, Vec<(String, Value)>)> {
        let fields = |r: &flok_core::Record| r.fields().map(|(k, f)| (k.to_owned(), f.value.value())).collect();
        replica.records().map(|(key, record)| (key.clone(), fields(record))).collect()
    }

    #[test]
    fn both_systems_hold_the_same_records_before_and_after_the_merge() {
        let mut s = Scenario::new(4);
        assert_eq!(values(&to_replica(&s.automerge_a)), values(&s.flok_a));
        assert_eq!(values(&to_replica(&s.automerge_b)), values(&s.flok_b));
        s.flok_a.merge(&s.flok_b);
        s.automerge_a.merge(&mut s.automerge_b).unwrap();
        let (flok, automerge) = (values(&s.flok_a), values(&to_replica(&s.automerge_a)));
        // Concurrent edits may resolve to different winners; all else agrees.
        let keys = |v: &[(RecordKey, Vec<(String, Value)>)]| v.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&flok), keys(&automerge));
        let edited = flok.iter().filter(|(_, fields)| fields.iter().any(|(name, _)| name == EDITED)).count();
        assert!(edited > 0, "the scenario has concurrent edits");
        for ((_, f), (_, a)) in flok.iter().zip(&automerge) {
            let without = |v: &Vec<(String, Value)>| v.iter().filter(|(n, _)| n != EDITED).cloned().collect::<Vec<_>>();
            assert_eq!(without(f), without(a));
        }
    }
}
