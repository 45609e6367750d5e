//! Typed records over the generic replica.
//!
//! Each kind is a plain serde struct. Reading gathers a record's fields into
//! it, ignoring fields this version does not know (they stay in the replica);
//! writing stamps only the fields whose value changed, so two people editing
//! different fields of one record both keep their edit.

use std::fmt;
use std::str::FromStr;

use serde::de::value::MapDeserializer;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::clock::Stamp;
use crate::record::{Json, Record};
use crate::replica::{RecordKey, Replica};

/// A record id, made on the device that creates the record (UUID v7:
/// time-ordered and never colliding between devices).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(Uuid);

impl Id {
    /// A new id, unique to this device and moment. It reads the clock (and
    /// randomness): the one place the core does, since ids are made where
    /// records are.
    // No `Default`: an id that is random by default would surprise.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        Self(Uuid::now_v7())
    }

    /// An id derived from a number: for deterministic demo data and tests.
    pub const fn from_u128(n: u128) -> Self {
        Self(Uuid::from_u128(n))
    }

    /// An id made from this one and `salt`, the same on every device: two
    /// phones making "the record that follows `self` from a date" make one.
    pub fn derived(self, salt: u64) -> Self {
        // splitmix64 on each half: cheap, well spread, and no collision with
        // the time-ordered v7 ids in practice.
        let mix = |mut z: u64| {
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        let n = self.0.as_u128();
        let (high, low) = ((n >> 64) as u64, n as u64);
        let high = mix(high ^ salt.rotate_left(17));
        let low = mix(low ^ high ^ salt);
        Self(Uuid::from_u128((u128::from(high) << 64) | u128::from(low)))
    }

    /// An id as [`Id::new`] makes one at `millis` (UUID v7), its other bits
    /// from `random`: for demo data made as if over the years.
    pub const fn made_at(millis: u64, random: u128) -> Self {
        const TIME_AND_VERSION: u128 = !0 << 76;
        let variant = (random & !(TIME_AND_VERSION | (0b11 << 62))) | (0b10 << 62);
        Self(Uuid::from_u128(((millis as u128) << 80) | (0x7 << 76) | variant))
    }

    /// Sorts (as text, as stored keys do) before every id [`Id::new`] makes
    /// at or after `millis`, and after every one it made before: where the
    /// records made since a moment start.
    pub fn made_since(millis: u64) -> String {
        Self(Uuid::from_u128((millis as u128) << 80)).to_string()
    }

    /// The id of a record there is only one of (the group's settings).
    pub const fn nil() -> Self {
        Self(Uuid::nil())
    }

    /// The id `text` spells the way Flok writes ids (lowercase, hyphenated),
    /// or `None`. Keys spelled so order as their ids do, and no two name the
    /// same id; a file written by hand may spell one otherwise.
    pub fn from_key(text: &str) -> Option<Self> {
        let id = Uuid::try_parse(text).ok()?;
        let mut spelled = [0u8; uuid::fmt::Hyphenated::LENGTH];
        (id.hyphenated().encode_lower(&mut spelled) == text).then_some(Self(id))
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for Id {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(Self)
    }
}

/// A kind of record the app understands.
pub trait Entity: Serialize + DeserializeOwned + Clone + Send + Sync + 'static {
    /// The kind's name in exports.
    const KIND: &'static str;
}

impl Replica {
    /// The record `id` of kind `T`, if it is live and readable by this version.
    pub fn read<T: Entity>(&self, id: Id) -> Option<T> {
        Self::typed(self.get(&RecordKey::new(T::KIND, id.to_string()))?)
    }

    /// A record as a `T`, if it is live and readable by this version.
    pub(crate) fn typed<T: Entity>(record: &Record) -> Option<T> {
        if record.is_deleted() {
            return None;
        }
        // Parsed first: read from text, each kind would carry its own copy
        // of the JSON parser into the wasm build (3 KB); from parsed values
        // they share the one reader of values.
        let values: Vec<(&str, Value)> = record.fields().map(|(name, field)| (name, field.value.value())).collect();
        let fields = values.iter().map(|(name, value)| (*name, value));
        T::deserialize(MapDeserializer::<_, serde_json::Error>::new(fields)).ok()
    }

    /// Writes `value` as record `id`, stamping only the fields that differ.
    pub fn put<T: Entity>(&mut self, id: Id, value: &T, stamp: Stamp) {
        let Ok(Value::Object(fields)) = serde_json::to_value(value) else {
            unreachable!("an entity serializes to a JSON object");
        };
        let key = RecordKey::new(T::KIND, id.to_string());
        for (name, new) in fields {
            let unchanged = self.get(&key).and_then(|r| r.field(&name)).is_some_and(|f| f.value == Json::new(&new));
            if !unchanged {
                self.set(key.clone(), &name, new, stamp);
            }
        }
    }

    /// Deletes record `id` of kind `T` for good.
    pub fn remove<T: Entity>(&mut self, id: Id, stamp: Stamp) {
        self.delete(RecordKey::new(T::KIND, id.to_string()), stamp);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn an_id_made_now_is_made_since_a_moment_ago() {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as u64;
        assert!(Id::made_since(now - 1_000) < Id::new().to_string());
        assert!(Id::made_since(now + 60_000) > Id::new().to_string());
        assert_eq!(Id::made_at(now, u128::MAX).0.get_version_num(), 7);
        assert_eq!(Id::made_at(now, 0).0.get_variant(), uuid::Variant::RFC4122);
    }

    proptest! {
        #[test]
        fn ids_sort_by_the_moment_they_were_made(
            at in 0..(1u64 << 47), later in 1..(1u64 << 40), a in any::<u128>(), b in any::<u128>()
        ) {
            let (before, boundary, after) = (Id::made_at(at, a), Id::made_since(at + later), Id::made_at(at + later, b));
            prop_assert!(before.to_string() < boundary);
            prop_assert!(boundary <= after.to_string());
        }
    }
}
