//! One record as the replica keeps it: its fields, each a value with the
//! stamp of the change that set it, or the stamp of its deletion.
//!
//! A phone holds every record of five years in memory (the demo group's are
//! 23,000), so a record is kept small: its few fields in a short list sorted
//! by name, each value as its canonical JSON text. Maps of parsed values took
//! ~2.5 KB a record, most of it the nodes of small nested objects; this ~0.65.

use std::fmt;

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::Value;

use crate::clock::Stamp;

/// A JSON value as canonical text: compact, object keys in order. Two
/// values are equal exactly when their texts are, and the text orders a
/// tie between two edits the same way on every replica.
#[derive(Clone)]
pub struct Json(Box<RawValue>);

impl Json {
    pub fn new(value: &Value) -> Self {
        Self(serde_json::value::to_raw_value(&Sorted(value)).expect("a JSON value always serializes"))
    }

    /// A value as our own writer wrote it: already canonical, so kept as is.
    pub(crate) fn written(text: &RawValue) -> Self {
        Self(text.to_owned())
    }

    pub fn text(&self) -> &str {
        self.0.get()
    }

    /// The value, parsed.
    pub fn value(&self) -> Value {
        serde_json::from_str(self.text()).expect("canonical text is JSON")
    }
}

impl PartialEq for Json {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text()
    }
}

impl Eq for Json {}

impl fmt::Debug for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text())
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// A value written with object keys in order, whatever order the JSON
/// library keeps maps in (a dependency may switch it to insertion order).
struct Sorted<'a>(&'a Value);

impl Serialize for Sorted<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Object(map) => {
                let mut entries: Vec<_> = map.iter().collect();
                entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
                serializer.collect_map(entries.into_iter().map(|(name, member)| (name, Sorted(member))))
            }
            Value::Array(items) => serializer.collect_seq(items.iter().map(Sorted)),
            scalar => scalar.serialize(serializer),
        }
    }
}

/// A field's value and the change that set it.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub value: Json,
    pub stamp: Stamp,
}

impl Field {
    pub fn new(value: &Value, stamp: Stamp) -> Self {
        Self { value: Json::new(value), stamp }
    }

    /// Whether `self` wins over `other` for the same field. Equal stamps come
    /// only from a hand-edited file; the value's text then decides, so every
    /// replica still agrees.
    pub(crate) fn beats(&self, other: &Field) -> bool {
        self.stamp.cmp(&other.stamp).then_with(|| self.value.text().cmp(other.value.text())).is_gt()
    }
}

/// One record: its live fields, or the stamp of its deletion.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record {
    /// In name order, each name once.
    fields: Vec<(Box<str>, Field)>,
    pub deleted: Option<Stamp>,
}

impl Record {
    /// A record deleted at `stamp`: it keeps no fields.
    pub fn deleted_at(stamp: Stamp) -> Self {
        Self { fields: Vec::new(), deleted: Some(stamp) }
    }

    pub fn is_deleted(&self) -> bool {
        self.deleted.is_some()
    }

    pub fn has_fields(&self) -> bool {
        !self.fields.is_empty()
    }

    /// Its fields, in name order.
    pub fn fields(&self) -> impl ExactSizeIterator<Item = (&str, &Field)> {
        self.fields.iter().map(|(name, field)| (&**name, field))
    }

    pub fn field(&self, name: &str) -> Option<&Field> {
        self.position(name).ok().map(|at| &self.fields[at].1)
    }

    /// A field's value, parsed.
    pub fn get(&self, name: &str) -> Option<Value> {
        self.field(name).map(|field| field.value.value())
    }

    /// Sets a field, replacing what it held.
    pub fn insert(&mut self, name: &str, field: Field) {
        match self.position(name) {
            Ok(at) => self.fields[at].1 = field,
            Err(at) => self.fields.insert(at, (name.into(), field)),
        }
    }

    pub fn remove(&mut self, name: &str) -> Option<Field> {
        self.position(name).ok().map(|at| self.fields.remove(at).1)
    }

    pub(crate) fn field_mut(&mut self, name: &str) -> Option<&mut Field> {
        self.position(name).ok().map(|at| &mut self.fields[at].1)
    }

    pub(crate) fn clear_fields(&mut self) {
        self.fields = Vec::new();
    }

    /// The latest stamp anywhere in the record.
    pub fn latest_stamp(&self) -> Option<Stamp> {
        self.fields.iter().map(|(_, f)| f.stamp).chain(self.deleted).max()
    }

    fn position(&self, name: &str) -> Result<usize, usize> {
        self.fields.binary_search_by(|(held, _)| (**held).cmp(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::DeviceId;
    use crate::testing::arb_json;
    use proptest::prelude::*;
    use serde_json::json;

    fn stamp(millis: u64) -> Stamp {
        Stamp { millis, counter: 0, device: DeviceId::from_u64(1) }
    }

    #[test]
    fn fields_are_found_by_name_whatever_order_they_were_set_in() {
        let mut record = Record::default();
        for (name, millis) in [("phone", 1), ("name", 2), ("added_on", 3), ("name", 4)] {
            record.insert(name, Field::new(&json!(millis), stamp(millis)));
        }
        let names: Vec<_> = record.fields().map(|(name, _)| name).collect();
        assert_eq!(names, ["added_on", "name", "phone"]);
        assert_eq!(record.get("name"), Some(json!(4)));
        assert_eq!(record.remove("phone").map(|f| f.stamp), Some(stamp(1)));
        assert_eq!((record.field("phone"), record.latest_stamp()), (None, Some(stamp(4))));
    }

    #[test]
    fn a_value_is_kept_as_compact_text_with_its_keys_in_order() {
        let value: Value = serde_json::from_str(r#"{ "b": [1, {"z": null, "a": "é"}], "a": 2.5 }"#).unwrap();
        assert_eq!(Json::new(&value).text(), r#"{"a":2.5,"b":[1,{"a":"é","z":null}]}"#);
    }

    proptest! {
        #[test]
        fn text_is_the_value_and_tells_values_apart(a in arb_json(), b in arb_json()) {
            let (ja, jb) = (Json::new(&a), Json::new(&b));
            prop_assert_eq!(ja.value(), a.clone());
            prop_assert_eq!(ja.text(), serde_json::to_string(&a).unwrap());
            prop_assert_eq!(ja == jb, a == b);
        }
    }
}
