//! Live sync with a CouchDB database, in the terms of CouchDB's HTTP API:
//! each record is one document (`_id` = `kind:id`, the record's fields with
//! their stamps in `record`). A sync pulls `_changes` since a checkpoint and
//! merges, then pushes with `_bulk_docs` the records the server does not hold
//! as they are here. CouchDB's own conflict handling is never relied on: a
//! document is only ever replaced by the core's merge of both sides, so every
//! device and the server converge.
//!
//! This module builds request bodies and reads responses; the app does the
//! HTTP. Everything here is tested natively against an in-memory server.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use thiserror::Error;

use crate::export::{parse_record, record_value, valid_name};
use crate::replica::{MergeSummary, Record, RecordKey, Replica};

/// What the server holds of each record, as last seen: its revision and value.
pub type Known = BTreeMap<RecordKey, (String, Record)>;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SyncError {
    #[error("the server's answer is not what a CouchDB database sends: {0}")]
    Garbage(String),
}

/// A document's id for a record.
pub fn doc_id(key: &RecordKey) -> String {
    format!("{}:{}", key.kind, key.id)
}

/// The document for a record; `rev` is the revision it replaces, if any.
pub fn to_doc(key: &RecordKey, record: &Record, rev: Option<&str>) -> Value {
    let mut doc = json!({ "_id": doc_id(key), "record": record_value(record) });
    if let Some(rev) = rev {
        doc["_rev"] = json!(rev);
    }
    doc
}

/// A record document read back; `None` for documents that are not Flok's
/// (design documents, strangers), which a sync leaves alone.
fn from_doc(doc: &Value) -> Option<Result<(RecordKey, String, Record), SyncError>> {
    let id = doc.get("_id")?.as_str()?;
    let (kind, record_id) = id.split_once(':')?;
    if id.starts_with('_') || !valid_name(kind, 32) || !valid_name(record_id, 64) {
        return None;
    }
    let record = doc.get("record")?;
    let Some(rev) = doc.get("_rev").and_then(Value::as_str) else {
        return Some(Err(SyncError::Garbage(format!("document {id} has no revision"))));
    };
    Some(
        parse_record(id, record)
            .map(|r| (RecordKey::new(kind, record_id), rev.to_owned(), r))
            .map_err(|e| SyncError::Garbage(e.to_string())),
    )
}

/// What a pull brought: the checkpoint to keep, and what merging changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pulled {
    pub last_seq: Value,
    pub summary: MergeSummary,
}

/// Reads a `_changes?include_docs=true` response, merges its documents into
/// `replica` and notes them in `known`. A response that is not CouchDB's
/// changes nothing.
pub fn apply_changes(replica: &mut Replica, known: &mut Known, body: &[u8]) -> Result<Pulled, SyncError> {
    let body: Value = serde_json::from_slice(body).map_err(|e| SyncError::Garbage(e.to_string()))?;
    let (Some(results), Some(last_seq)) = (body.get("results").and_then(Value::as_array), body.get("last_seq")) else {
        return Err(SyncError::Garbage("no results or last_seq".into()));
    };
    let docs =
        results.iter().filter_map(|change| change.get("doc")).filter_map(from_doc).collect::<Result<Vec<_>, _>>()?;
    Ok(Pulled { last_seq: last_seq.clone(), summary: absorb(replica, known, docs) })
}

/// Reads an `_all_docs?include_docs=true` response (the documents a push
/// found in conflict) the same way.
pub fn apply_all_docs(replica: &mut Replica, known: &mut Known, body: &[u8]) -> Result<MergeSummary, SyncError> {
    let body: Value = serde_json::from_slice(body).map_err(|e| SyncError::Garbage(e.to_string()))?;
    let rows = body.get("rows").and_then(Value::as_array).ok_or_else(|| SyncError::Garbage("no rows".into()))?;
    let docs = rows.iter().filter_map(|row| row.get("doc")).filter_map(from_doc).collect::<Result<Vec<_>, _>>()?;
    Ok(absorb(replica, known, docs))
}

fn absorb(replica: &mut Replica, known: &mut Known, docs: Vec<(RecordKey, String, Record)>) -> MergeSummary {
    let incoming: Replica = docs.iter().map(|(key, _, record)| (key.clone(), record.clone())).collect();
    for (key, rev, record) in docs {
        known.insert(key, (rev, record));
    }
    replica.merge(&incoming)
}

/// The `_bulk_docs` body for every record the server does not hold as it is
/// here (already merged with what it held, since a pull comes first).
pub fn push_body(replica: &Replica, known: &Known) -> Option<Value> {
    let docs: Vec<Value> = replica
        .records()
        .filter(|(key, record)| known.get(*key).is_none_or(|(_, held)| held != *record))
        .map(|(key, record)| to_doc(key, record, known.get(key).map(|(rev, _)| rev.as_str())))
        .collect();
    (!docs.is_empty()).then(|| json!({ "docs": docs }))
}

/// What a push did: documents stored, and ids refused as conflicts (someone
/// wrote them since the pull: fetch them, merge, push again).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pushed {
    pub stored: usize,
    pub conflicts: Vec<String>,
}

/// Reads a `_bulk_docs` response, noting the new revisions of what was stored.
pub fn apply_push_result(replica: &Replica, known: &mut Known, body: &[u8]) -> Result<Pushed, SyncError> {
    let results: Vec<Value> = serde_json::from_slice(body).map_err(|e| SyncError::Garbage(e.to_string()))?;
    let by_id: BTreeMap<String, &RecordKey> = replica.records().map(|(key, _)| (doc_id(key), key)).collect();
    let mut pushed = Pushed::default();
    for result in results {
        let id =
            result.get("id").and_then(Value::as_str).ok_or_else(|| SyncError::Garbage("a result without id".into()))?;
        match (result.get("rev").and_then(Value::as_str), result.get("error").and_then(Value::as_str)) {
            (Some(rev), None) => {
                if let Some(key) = by_id.get(id) {
                    let record = replica.get(key).cloned().unwrap_or_default();
                    known.insert((*key).clone(), (rev.to_owned(), record));
                    pushed.stored += 1;
                }
            }
            (_, Some("conflict")) => pushed.conflicts.push(id.to_owned()),
            (_, error) => return Err(SyncError::Garbage(format!("{id}: {}", error.unwrap_or("no revision")))),
        }
    }
    Ok(pushed)
}

/// The `_all_docs` request body that fetches conflicting documents.
pub fn fetch_body(ids: &[String]) -> Value {
    json!({ "keys": ids })
}

/// The `_local` document id where a device keeps its pull checkpoint.
pub fn checkpoint_id(device: &str) -> String {
    format!("_local/flok-{device}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::arb_replica;
    use proptest::prelude::*;

    /// A CouchDB database in memory, answering as the HTTP API does: revisions
    /// count up, a write naming an old revision is a conflict, `_changes`
    /// lists the latest revision of each document changed since a sequence.
    #[derive(Default)]
    struct Server {
        docs: BTreeMap<String, (u64, Value, u64)>,
        seq: u64,
    }

    impl Server {
        fn changes(&self, since: u64) -> Vec<u8> {
            let results: Vec<Value> = self
                .docs
                .iter()
                .filter(|(_, (_, _, seq))| *seq > since)
                .map(|(id, (rev, doc, seq))| json!({"id": id, "seq": seq, "doc": with_rev(doc, *rev)}))
                .collect();
            json!({"results": results, "last_seq": self.seq}).to_string().into_bytes()
        }

        fn bulk_docs(&mut self, body: &Value) -> Vec<u8> {
            let mut out = Vec::new();
            for doc in body["docs"].as_array().unwrap() {
                let id = doc["_id"].as_str().unwrap().to_owned();
                let current = self.docs.get(&id).map(|(rev, _, _)| format!("{rev}-x"));
                if current.as_deref() != doc.get("_rev").and_then(Value::as_str) {
                    out.push(json!({"id": id, "error": "conflict", "reason": "Document update conflict."}));
                    continue;
                }
                self.seq += 1;
                let rev = self.docs.get(&id).map_or(1, |(rev, _, _)| rev + 1);
                self.docs.insert(id.clone(), (rev, doc.clone(), self.seq));
                out.push(json!({"ok": true, "id": id, "rev": format!("{rev}-x")}));
            }
            serde_json::to_vec(&out).unwrap()
        }

        fn all_docs(&self, body: &Value) -> Vec<u8> {
            let rows: Vec<Value> = body["keys"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|key| {
                    self.docs.get(key.as_str().unwrap()).map(|(rev, doc, _)| json!({"doc": with_rev(doc, *rev)}))
                })
                .collect();
            json!({"rows": rows}).to_string().into_bytes()
        }
    }

    fn with_rev(doc: &Value, rev: u64) -> Value {
        let mut doc = doc.clone();
        doc["_rev"] = json!(format!("{rev}-x"));
        doc
    }

    /// A device's side of sync: its replica, what it knows of the server, its checkpoint.
    #[derive(Default)]
    struct Device {
        replica: Replica,
        known: Known,
        since: u64,
    }

    impl Device {
        /// One sync as the app runs it: pull, push, settle conflicts once.
        fn sync(&mut self, server: &mut Server) {
            let pulled = apply_changes(&mut self.replica, &mut self.known, &server.changes(self.since)).unwrap();
            self.since = pulled.last_seq.as_u64().unwrap();
            let Some(body) = push_body(&self.replica, &self.known) else { return };
            let pushed = apply_push_result(&self.replica, &mut self.known, &server.bulk_docs(&body)).unwrap();
            if !pushed.conflicts.is_empty() {
                let fetched = server.all_docs(&fetch_body(&pushed.conflicts));
                apply_all_docs(&mut self.replica, &mut self.known, &fetched).unwrap();
                if let Some(body) = push_body(&self.replica, &self.known) {
                    apply_push_result(&self.replica, &mut self.known, &server.bulk_docs(&body)).unwrap();
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Devices with different data that sync in any order, interleaved
        /// with edits, end with the server and each other holding the merge
        /// of everything.
        #[test]
        fn devices_syncing_through_a_server_converge(
            starts in proptest::collection::vec(arb_replica(), 3),
            later in proptest::collection::vec(arb_replica(), 3),
            order in proptest::collection::vec(0..3usize, 1..8),
        ) {
            let mut server = Server::default();
            let mut devices: Vec<Device> = starts.iter().map(|r| Device { replica: r.clone(), ..Device::default() }).collect();
            for &d in &order {
                devices[d].sync(&mut server);
            }
            for (device, edits) in devices.iter_mut().zip(&later) {
                device.replica.merge(edits);
            }
            // Two rounds: the second carries what the first round's last device pushed.
            for _ in 0..2 {
                for device in &mut devices {
                    device.sync(&mut server);
                }
            }
            let mut everything = Replica::new();
            for r in starts.iter().chain(&later) {
                everything.merge(r);
            }
            for device in &devices {
                prop_assert_eq!(&device.replica, &everything);
            }
            let stored: Replica = server.docs.values().filter_map(|(rev, doc, _)| from_doc(&with_rev(doc, *rev))).map(|d| d.unwrap()).map(|(k, _, r)| (k, r)).collect();
            prop_assert_eq!(stored, everything);
        }
    }

    #[test]
    fn a_conflicting_write_is_fetched_merged_and_pushed_again() {
        let stamp = |millis| crate::Stamp { millis, counter: 0, device: crate::DeviceId::from_u64(millis) };
        let key = RecordKey::new("person", "p1");
        let (mut a, mut b, mut server) = (Device::default(), Device::default(), Server::default());
        a.replica.set(key.clone(), "name", json!("Anna"), stamp(1));
        a.sync(&mut server);
        b.sync(&mut server);
        // Both edit different fields; A syncs first, so B's push names an old revision.
        a.replica.set(key.clone(), "phone", json!("123"), stamp(2));
        b.replica.set(key.clone(), "email", json!("b@x"), stamp(3));
        a.sync(&mut server);
        let pushed = {
            let body = push_body(&b.replica, &b.known).unwrap();
            apply_push_result(&b.replica, &mut b.known, &server.bulk_docs(&body)).unwrap()
        };
        assert_eq!(pushed.conflicts, ["person:p1"]);
        b.sync(&mut server);
        a.sync(&mut server);
        let record = a.replica.get(&key).unwrap();
        assert_eq!([record.get("phone"), record.get("email")], [Some(&json!("123")), Some(&json!("b@x"))]);
        assert_eq!(a.replica, b.replica);
    }

    #[test]
    fn garbage_or_strangers_change_nothing() {
        let mut replica = Replica::new();
        let mut known = Known::new();
        for body in [&b"<html>502 Bad Gateway</html>"[..], br#"{"error":"unauthorized"}"#, b""] {
            assert!(apply_changes(&mut replica, &mut known, body).is_err());
        }
        let strangers = json!({"results": [{"doc": {"_id": "_design/app", "_rev": "1-a"}}, {"doc": {"_id": "hello", "_rev": "1-b"}}], "last_seq": "5-g"});
        let pulled = apply_changes(&mut replica, &mut known, strangers.to_string().as_bytes()).unwrap();
        assert_eq!(pulled.last_seq, json!("5-g"));
        assert!(replica.is_empty() && known.is_empty());
        let bad_record = json!({"results": [{"doc": {"_id": "person:p", "_rev": "1-a", "record": {"name": "no stamp"}}}], "last_seq": 1});
        assert!(apply_changes(&mut replica, &mut known, bad_record.to_string().as_bytes()).is_err());
        assert!(replica.is_empty());
        assert_eq!(checkpoint_id("00aa"), "_local/flok-00aa");
    }
}
