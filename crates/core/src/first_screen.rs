//! A copy of the records a first screen reads, kept as one text: a phone
//! opening Flok reads one value where it would read a thousand records in
//! many requests. Which records, and when the copy is dropped and taken
//! again, is the browser storage's business; this is the text.
//!
//! `{"since": 1700000000000, "records": [["person", "id", {record}], …]}`:
//! each record as [`crate::export::record_text`] wrote it, and `since` the
//! moment before which the years of history were left out of the copy.

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::export::{read_record, ImportError};
use crate::replica::{RecordKey, Replica};

/// The copy of `records` (each key with its stored text), which hold
/// everything but the history made before `since` (milliseconds).
pub fn write(since: u64, records: impl IntoIterator<Item = (RecordKey, String)>) -> String {
    let mut text = format!(r#"{{"since":{since},"records":["#);
    for (i, (key, record)) in records.into_iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        // A key is text, and always serializes.
        text.push_str(&serde_json::to_string(&(&key.kind, &key.id)).unwrap_or_default());
        // `["kind","id"]` becomes `["kind","id",{record}]`.
        text.pop();
        text.push(',');
        text.push_str(&record);
        text.push(']');
    }
    text.push_str("]}");
    text
}

/// The copy's `since` and records, each checked as a stored record is; an
/// error if any part cannot be read (the caller then reads the records).
pub fn read(text: &str) -> Result<(u64, Replica), ImportError> {
    let copy: Copy = serde_json::from_str(text)
        .map_err(|error| ImportError::Corrupt(format!("a kept copy is not readable ({error})")))?;
    let records = copy
        .records
        .into_iter()
        .map(|(kind, id, record)| Ok((RecordKey::new(kind, id), read_record(record.get())?)))
        .collect::<Result<Replica, ImportError>>()?;
    Ok((copy.since, records))
}

#[derive(Deserialize)]
struct Copy<'a> {
    since: u64,
    #[serde(borrow)]
    records: Vec<(String, String, &'a RawValue)>,
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;
    use crate::clock::{DeviceId, Stamp};
    use crate::export::record_text;
    use crate::testing::arb_replica;

    fn stored(replica: &Replica) -> Vec<(RecordKey, String)> {
        replica.records().map(|(key, record)| (key.clone(), record_text(record))).collect()
    }

    fn same(a: &Replica, b: &Replica) -> bool {
        a.records().eq(b.records())
    }

    proptest! {
        #[test]
        fn a_copy_reads_back_as_the_records_it_copied(replica in arb_replica(), since in any::<u64>()) {
            let (read_since, read) = read(&write(since, stored(&replica))).expect("a copy reads back");
            prop_assert_eq!(read_since, since);
            prop_assert!(same(&read, &replica));
        }
    }

    #[test]
    fn keys_that_need_escaping_read_back() {
        let mut replica = Replica::new();
        let stamp = Stamp { millis: 5, counter: 0, device: DeviceId::from_u64(1) };
        replica.set(RecordKey::new("person", "a \"quoted\" \\ id ø"), "name", json!("Åse \"Å\""), stamp);
        let (_, read) = read(&write(0, stored(&replica))).expect("a copy reads back");
        assert!(same(&read, &replica));
    }

    #[test]
    fn an_empty_copy_is_an_empty_replica() {
        let (since, read) = read(&write(42, [])).expect("an empty copy reads back");
        assert_eq!(since, 42);
        assert!(read.is_empty());
    }

    #[test]
    fn a_damaged_copy_or_record_is_an_error_not_a_part() {
        let mut replica = Replica::new();
        let stamp = Stamp { millis: 5, counter: 0, device: DeviceId::from_u64(1) };
        replica.set(RecordKey::new("person", "a"), "name", json!("Ib"), stamp);
        let sound = write(1, stored(&replica));
        assert!(read(&sound).is_ok());
        assert!(read(&sound[..sound.len() - 3]).is_err(), "cut short");
        assert!(read(&sound.replace(r#""name""#, r#""_name""#)).is_err(), "a record that is not sound");
        assert!(read(r#"{"records":[]}"#).is_err(), "no since");
        assert!(read("[]").is_err());
    }
}
