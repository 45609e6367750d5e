//! Records as CouchDB documents: the request bodies a sync sends and the
//! answers it reads. A document is `{"_id": "kind:id", "record": {…}}`, the
//! record's fields with their stamps as in an export file.

use std::collections::BTreeMap;

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::{Couch, Store, SyncError};
use crate::export::{parse_record, record_value, valid_name, write_record};
use crate::record::Record;
use crate::replica::{MergeSummary, RecordKey, Replica};

/// What the server holds of a record, as last seen: its revision (needed to
/// replace it) and a digest of its value (to tell whether ours differs
/// without keeping a second copy of every record).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Held {
    pub rev: String,
    pub digest: u64,
}

/// What the server holds, per record.
pub type Known = BTreeMap<RecordKey, Held>;

/// A digest of a record's value. If a later build hashes differently, the
/// only cost is one needless push per record.
pub fn digest(record: &Record) -> u64 {
    digest_with(&mut Vec::new(), record)
}

/// [`digest`], writing the record's text into `text` (emptied first): a sync
/// digests every record with one buffer, not an allocation for each.
fn digest_with(text: &mut Vec<u8>, record: &Record) -> u64 {
    text.clear();
    write_record(text, record);
    let hash = Sha256::digest(text);
    u64::from_le_bytes(hash[..8].try_into().expect("a SHA-256 hash has 32 bytes"))
}

/// A document's id for a record.
pub fn doc_id(key: &RecordKey) -> String {
    format!("{}:{}", key.kind, key.id)
}

/// The record a document id names; `None` for ids that are not Flok's
/// (design documents, `_local` documents, strangers).
pub fn key_of(id: &str) -> Option<RecordKey> {
    let (kind, record_id) = id.split_once(':')?;
    (!id.starts_with('_') && valid_name(kind, 32) && valid_name(record_id, 64)).then(|| RecordKey::new(kind, record_id))
}

/// The document for a record; `rev` is the revision it replaces, if any.
pub fn to_doc(key: &RecordKey, record: &Record, rev: Option<&str>) -> Value {
    let mut doc = json!({ "_id": doc_id(key), "record": record_value(record) });
    if let Some(rev) = rev {
        doc["_rev"] = json!(rev);
    }
    doc
}

/// A record document read back; `None` for documents that are not Flok's,
/// which a sync leaves alone.
pub(super) fn from_doc(doc: &Value) -> Option<Result<(RecordKey, String, Record), SyncError>> {
    let id = doc.get("_id")?.as_str()?;
    let key = key_of(id)?;
    let record = doc.get("record")?;
    let Some(rev) = doc.get("_rev").and_then(Value::as_str) else {
        return Some(Err(SyncError::Garbage(format!("document {id} has no revision"))));
    };
    Some(
        parse_record(|| id.to_owned(), record.clone())
            .map(|r| (key, rev.to_owned(), r))
            .map_err(|e| SyncError::Garbage(e.to_string())),
    )
}

fn parse(body: &[u8]) -> Result<Value, SyncError> {
    serde_json::from_slice(body).map_err(|e| SyncError::Garbage(e.to_string()))
}

/// What one page of `_changes` brought.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pulled {
    /// The sequence to continue from.
    pub last_seq: Value,
    /// How many changes the page listed (fewer than asked for: the last page).
    pub count: usize,
    pub summary: MergeSummary,
    /// Flok documents whose revision tree has conflicting leaves (the
    /// database was replicated): the id and the losing leaves' revisions.
    pub conflicted: Vec<(String, Vec<String>)>,
}

/// Reads a `_changes?include_docs=true` response, merges its documents into
/// the store and notes them in `known`. A response that is not CouchDB's
/// changes nothing.
pub fn apply_changes(store: &mut impl Store, known: &mut Known, body: &[u8]) -> Result<Pulled, SyncError> {
    let body = parse(body)?;
    let (Some(results), Some(last_seq)) = (body.get("results").and_then(Value::as_array), body.get("last_seq")) else {
        return Err(SyncError::Garbage("no results or last_seq".into()));
    };
    let docs =
        results.iter().filter_map(|change| change.get("doc")).filter_map(from_doc).collect::<Result<Vec<_>, _>>()?;
    let conflicted = results.iter().filter_map(|change| conflicts_of(change.get("doc")?)).collect();
    Ok(Pulled { last_seq: last_seq.clone(), count: results.len(), summary: absorb(store, known, docs), conflicted })
}

/// A Flok document's losing leaves, as `conflicts=true` lists them.
fn conflicts_of(doc: &Value) -> Option<(String, Vec<String>)> {
    let id = doc.get("_id")?.as_str()?;
    key_of(id)?;
    let revs: Vec<String> =
        doc.get("_conflicts")?.as_array()?.iter().filter_map(|r| Some(r.as_str()?.to_owned())).collect();
    (!revs.is_empty()).then(|| (id.to_owned(), revs))
}

/// The request path that reads these leaves of a document.
pub fn leaves_path(id: &str, revs: &[String]) -> String {
    let revs = Value::from(revs.to_vec()).to_string();
    format!("{}?open_revs={}", utf8_percent_encode(id, NON_ALPHANUMERIC), utf8_percent_encode(&revs, NON_ALPHANUMERIC))
}

/// Reads an `open_revs` answer (`[{"ok": doc}, {"missing": rev}]`) and
/// merges every leaf that is a Flok record into the store; `known` is left
/// as it is (it names the winner). Gives the merged leaves' revisions: once
/// the merged record is written on the winner, they are deleted. A leaf that
/// is deleted or not a Flok record is left alone.
pub fn apply_leaves(store: &mut impl Store, body: &[u8]) -> Result<(MergeSummary, Vec<String>), SyncError> {
    let Value::Array(leaves) = parse(body)? else {
        return Err(SyncError::Garbage("an open_revs answer is a list".into()));
    };
    let docs = leaves.iter().filter_map(|leaf| leaf.get("ok")).filter(|doc| doc.get("_deleted").is_none());
    let docs = docs.filter_map(from_doc).collect::<Result<Vec<_>, _>>()?;
    let revs = docs.iter().map(|(_, rev, _)| rev.clone()).collect();
    let incoming: Replica = docs.into_iter().map(|(key, _, record)| (key, record)).collect();
    Ok((store.merge(&incoming), revs))
}

/// Reads an `_all_docs?include_docs=true` response (the documents a push
/// found in conflict) the same way.
pub fn apply_all_docs(store: &mut impl Store, known: &mut Known, body: &[u8]) -> Result<MergeSummary, SyncError> {
    let body = parse(body)?;
    let rows = body.get("rows").and_then(Value::as_array).ok_or_else(|| SyncError::Garbage("no rows".into()))?;
    let docs = rows.iter().filter_map(|row| row.get("doc")).filter_map(from_doc).collect::<Result<Vec<_>, _>>()?;
    Ok(absorb(store, known, docs))
}

fn absorb(store: &mut impl Store, known: &mut Known, docs: Vec<(RecordKey, String, Record)>) -> MergeSummary {
    let incoming: Replica = docs.iter().map(|(key, _, record)| (key.clone(), record.clone())).collect();
    for (key, rev, record) in docs {
        known.insert(key, Held { rev, digest: digest(&record) });
    }
    store.merge(&incoming)
}

/// Records digested between two pauses while looking for what to push.
const DIGESTS_PER_PAUSE: usize = 1_000;

/// The documents for every record the server does not hold as it is here
/// (already merged with what it held, since a pull comes first). Reads the
/// store a stretch at a time and pauses between: years of records take a
/// while to digest, and the store is never held across a pause.
pub async fn push_docs(couch: &mut impl Couch, store: &impl Store, known: &Known) -> Vec<Value> {
    let (mut docs, mut text) = (Vec::new(), Vec::new());
    let mut after: Option<RecordKey> = None;
    loop {
        let last = store.read(|replica| {
            let mut last = None;
            for (key, record) in replica.changed_since_after(0, after.as_ref()).take(DIGESTS_PER_PAUSE) {
                let held = known.get(key);
                if held.is_none_or(|held| held.digest != digest_with(&mut text, record)) {
                    docs.push(to_doc(key, record, held.map(|held| held.rev.as_str())));
                }
                last = Some(key);
            }
            last.cloned()
        });
        match last {
            Some(key) => after = Some(key),
            None => return docs,
        }
        couch.pause().await;
    }
}

/// What a push did: documents stored, and ids refused as conflicts (someone
/// wrote them since the pull: fetch them, merge, push again).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pushed {
    pub stored: usize,
    pub conflicts: Vec<String>,
}

/// Reads a `_bulk_docs` response, noting the new revisions of what was
/// stored. The first `records` results answer record documents; the rest
/// answer deletions of losing leaves, which say nothing of the records (one
/// refused means that leaf changed: the next pull sees it again).
pub fn apply_push_result(
    store: &impl Store,
    known: &mut Known,
    body: &[u8],
    records: usize,
) -> Result<Pushed, SyncError> {
    let Value::Array(results) = parse(body)? else {
        return Err(SyncError::Garbage("a _bulk_docs answer is a list".into()));
    };
    let mut pushed = Pushed::default();
    for result in results.into_iter().take(records) {
        let id =
            result.get("id").and_then(Value::as_str).ok_or_else(|| SyncError::Garbage("a result without id".into()))?;
        match (result.get("rev").and_then(Value::as_str), result.get("error").and_then(Value::as_str)) {
            (Some(rev), None) => {
                let key = key_of(id);
                if let Some((key, digest)) =
                    key.and_then(|key| store.read(|r| r.get(&key).map(digest)).map(|d| (key, d)))
                {
                    known.insert(key, Held { rev: rev.to_owned(), digest });
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
