//! A CouchDB database in memory, for the sync's tests, answering as the HTTP
//! API does: each document is a tree of revisions whose leaves may conflict
//! (two servers replicating both ways, a cluster after a partition); a
//! revision id is made from the edit, as CouchDB's are; the winner is the
//! leaf CouchDB would pick (not deleted first, then the longest
//! branch, then the highest revision id); a write must name a leaf; `_changes`
//! lists each document changed since a sequence (every leaf with
//! `style=all_docs`, the losing ones as `_conflicts` with `conflicts=true`);
//! `open_revs` reads given leaves. It can fail its n-th request, let another
//! client write just before the next `_bulk_docs`, and replicate to another
//! server.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::docs::from_doc;
use super::{Answer, Couch, Method, Unreachable};
use crate::replica::Replica;

/// How the in-memory server fails one request.
#[derive(Clone, Copy, Debug)]
pub enum Failure {
    Offline,
    Status(u16),
    Garbage,
}

/// One leaf of a document's revision tree.
#[derive(Clone, Debug)]
struct Leaf {
    /// `N-tag`: N counts the edits from the root.
    rev: String,
    /// The revisions before this one, oldest first.
    history: Vec<String>,
    body: Value,
    deleted: bool,
}

impl Leaf {
    fn generation(&self) -> u64 {
        self.rev.split('-').next().and_then(|n| n.parse().ok()).unwrap_or(0)
    }
}

#[derive(Clone, Debug, Default)]
struct Doc {
    leaves: Vec<Leaf>,
    seq: u64,
}

impl Doc {
    /// The leaf CouchDB shows: a live one before a deleted one, then the
    /// longest branch, then the highest revision id.
    fn winner(&self) -> Option<&Leaf> {
        self.leaves
            .iter()
            .max_by(|a, b| (!a.deleted, a.generation(), &a.rev).cmp(&(!b.deleted, b.generation(), &b.rev)))
    }

    /// The live leaves that lost.
    fn conflicts(&self) -> Vec<String> {
        let winner = self.winner().map(|w| w.rev.clone());
        self.leaves.iter().filter(|l| !l.deleted && Some(&l.rev) != winner.as_ref()).map(|l| l.rev.clone()).collect()
    }
}

#[derive(Default)]
pub struct Server {
    docs: BTreeMap<String, Doc>,
    local: BTreeMap<String, (u64, Value)>,
    seq: u64,
    pub missing: bool,
    pub requests: usize,
    pub fail: Option<(usize, Failure)>,
    pub sneak: Vec<Value>,
    /// How often the sync let other work run.
    pub pauses: usize,
}

impl Couch for Server {
    async fn request(&mut self, method: Method, path: &str, body: Option<&Value>) -> Result<Answer, Unreachable> {
        self.requests += 1;
        let (status, body) = match self.fail.filter(|(at, _)| *at == self.requests) {
            Some((_, Failure::Offline)) => return Err(Unreachable),
            Some((_, Failure::Status(status))) => (status, json!({"error": "failed"})),
            Some((_, Failure::Garbage)) => return Ok(Answer { status: 200, body: b"<html>proxy</html>".to_vec() }),
            None => self.answer(method, path, body),
        };
        Ok(Answer { status, body: body.to_string().into_bytes() })
    }

    async fn pause(&mut self) {
        self.pauses += 1;
    }
}

fn with_rev(doc: &Value, rev: &str) -> Value {
    let mut doc = doc.clone();
    doc["_rev"] = json!(rev);
    doc
}

fn param<'a>(query: &'a str, name: &str) -> Option<&'a str> {
    query.split('&').find_map(|p| p.strip_prefix(name)?.strip_prefix('='))
}

impl Server {
    fn answer(&mut self, method: Method, path: &str, body: Option<&Value>) -> (u16, Value) {
        if self.missing {
            return (404, json!({"error": "not_found", "reason": "Database does not exist."}));
        }
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        match (method, path) {
            (Method::Get, "") => (200, json!({"db_name": "flok"})),
            (Method::Get, id) if id.starts_with("_local/") => match self.local.get(id) {
                Some((rev, doc)) => (200, with_rev(doc, &format!("0-{rev}"))),
                None => (404, json!({"error": "not_found"})),
            },
            (Method::Put, id) if id.starts_with("_local/") => {
                let body = body.unwrap();
                let current = self.local.get(id).map(|(rev, _)| format!("0-{rev}"));
                if current.as_deref() != body.get("_rev").and_then(Value::as_str) {
                    return (409, json!({"error": "conflict"}));
                }
                let rev = self.local.get(id).map_or(1, |(rev, _)| rev + 1);
                self.local.insert(id.to_owned(), (rev, body.clone()));
                (201, json!({"ok": true, "id": id, "rev": format!("0-{rev}")}))
            }
            (Method::Get, "_changes") => (200, self.changes(query)),
            (Method::Post, "_bulk_docs") => {
                for doc in std::mem::take(&mut self.sneak) {
                    self.store(doc);
                }
                let results = body.unwrap()["docs"].as_array().unwrap().iter().map(|doc| self.write(doc)).collect();
                (201, Value::Array(results))
            }
            (Method::Post, "_all_docs") => (200, self.all_docs(body.unwrap())),
            (Method::Get, id) if !id.starts_with('_') => self.open_revs(&percent_decode(id), query),
            _ => (400, json!({"error": "bad_request"})),
        }
    }

    fn changes(&self, query: &str) -> Value {
        let number = |name| param(query, name).unwrap().parse::<u64>().unwrap();
        let (since, limit) = (number("since"), number("limit"));
        let all_leaves = param(query, "style") == Some("all_docs");
        let conflicts = param(query, "conflicts") == Some("true");
        let mut changed: Vec<_> = self.docs.iter().filter(|(_, doc)| doc.seq > since).collect();
        changed.sort_by_key(|(_, doc)| doc.seq);
        let results: Vec<Value> = changed
            .iter()
            .take(limit as usize)
            .map(|(id, doc)| {
                let winner = doc.winner().unwrap();
                let leaves: Vec<&Leaf> = if all_leaves { doc.leaves.iter().collect() } else { vec![winner] };
                let mut shown = self.shown(id, winner);
                if conflicts && !doc.conflicts().is_empty() {
                    shown["_conflicts"] = json!(doc.conflicts());
                }
                let mut change = json!({"id": id, "seq": doc.seq, "doc": shown,
                    "changes": leaves.iter().map(|l| json!({"rev": l.rev})).collect::<Vec<_>>()});
                if winner.deleted {
                    change["deleted"] = json!(true);
                }
                change
            })
            .collect();
        let last_seq = results.last().map_or(since, |r| r["seq"].as_u64().unwrap());
        json!({"results": results, "last_seq": last_seq})
    }

    /// A leaf as a reader gets it: its body with `_id` and `_rev`, or a stub if deleted.
    fn shown(&self, id: &str, leaf: &Leaf) -> Value {
        if leaf.deleted {
            json!({"_id": id, "_rev": leaf.rev, "_deleted": true})
        } else {
            with_rev(&leaf.body, &leaf.rev)
        }
    }

    fn open_revs(&self, id: &str, query: &str) -> (u16, Value) {
        let Some(doc) = self.docs.get(id) else { return (404, json!({"error": "not_found"})) };
        let wanted: Vec<String> = serde_json::from_str(&percent_decode(param(query, "open_revs").unwrap())).unwrap();
        let found = wanted
            .iter()
            .map(|rev| match doc.leaves.iter().find(|l| &l.rev == rev) {
                Some(leaf) => json!({"ok": self.shown(id, leaf)}),
                None => json!({"missing": rev}),
            })
            .collect();
        (200, Value::Array(found))
    }

    /// A revision id as CouchDB makes it: from the edit itself (the parent
    /// revision, the body, whether it deletes), so the same edit made on two
    /// servers is one revision once they replicate.
    fn rev_of(generation: u64, parent: Option<&str>, body: &Value, deleted: bool) -> String {
        use sha2::{Digest, Sha256};
        let hash = Sha256::digest(json!([parent, deleted, body]).to_string().as_bytes());
        let tag: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
        format!("{generation}-{tag}")
    }

    /// A write through the HTTP API: it must name a leaf (or create the document).
    fn write(&mut self, doc: &Value) -> Value {
        let id = doc["_id"].as_str().unwrap().to_owned();
        let named = doc.get("_rev").and_then(Value::as_str);
        let existing = self.docs.get(&id);
        let leaf = match (named, existing) {
            (Some(rev), Some(existing)) => existing.leaves.iter().position(|l| l.rev == rev),
            (None, None) => None,
            (None, Some(existing)) if existing.leaves.iter().all(|l| l.deleted) => None,
            _ => return json!({"id": id, "error": "conflict", "reason": "Document update conflict."}),
        };
        if named.is_some() && leaf.is_none() {
            return json!({"id": id, "error": "conflict", "reason": "Document update conflict."});
        }
        let rev = self.put_leaf(&id, leaf, doc);
        json!({"ok": true, "id": id, "rev": rev})
    }

    /// Stores `doc` as a new revision after leaf `parent` (or as a new branch).
    fn put_leaf(&mut self, id: &str, parent: Option<usize>, doc: &Value) -> String {
        let before = parent.and_then(|n| self.docs.get(id).map(|d| d.leaves[n].clone()));
        let generation = before.as_ref().map_or(1, |b| b.generation() + 1);
        let mut body = doc.clone();
        let deleted = body.as_object_mut().unwrap().remove("_deleted").is_some_and(|d| d == json!(true));
        body.as_object_mut().unwrap().remove("_rev");
        let rev = Self::rev_of(generation, before.as_ref().map(|b| b.rev.as_str()), &body, deleted);
        let history = before.as_ref().map_or_else(Vec::new, |b| [b.history.clone(), vec![b.rev.clone()]].concat());
        self.seq += 1;
        let seq = self.seq;
        let entry = self.docs.entry(id.to_owned()).or_default();
        if let Some(n) = parent {
            entry.leaves.remove(n);
        }
        // The same edit again (as after a replication) is the same revision.
        entry.leaves.retain(|leaf| leaf.rev != rev);
        entry.leaves.push(Leaf { rev: rev.clone(), history, body, deleted });
        entry.seq = seq;
        rev
    }

    /// Stores a document as another client would have: on the winning leaf.
    pub fn store(&mut self, doc: Value) {
        let id = doc["_id"].as_str().unwrap().to_owned();
        let winner = self.docs.get(&id).and_then(|d| {
            let rev = d.winner()?.rev.clone();
            d.leaves.iter().position(|l| l.rev == rev)
        });
        self.put_leaf(&id, winner, &doc);
    }

    fn all_docs(&self, body: &Value) -> Value {
        let rows: Vec<Value> = body["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|key| {
                let id = key.as_str().unwrap();
                match self.docs.get(id).and_then(Doc::winner) {
                    Some(leaf) if !leaf.deleted => json!({"id": key, "doc": self.shown(id, leaf)}),
                    _ => json!({"key": key, "error": "not_found"}),
                }
            })
            .collect();
        json!({"rows": rows})
    }

    /// Copies every revision this server lacks to `target`, as CouchDB's
    /// replicator does: a leaf that extends one of the target's replaces it,
    /// one that does not is a new branch, in conflict.
    pub fn replicate_to(&self, target: &mut Server) {
        for (id, doc) in &self.docs {
            for leaf in &doc.leaves {
                let theirs = target.docs.entry(id.clone()).or_default();
                let known = theirs.leaves.iter().any(|l| l.rev == leaf.rev || l.history.contains(&leaf.rev));
                if known {
                    continue;
                }
                theirs.leaves.retain(|l| !leaf.history.contains(&l.rev));
                theirs.leaves.push(leaf.clone());
                target.seq += 1;
                theirs.seq = target.seq;
            }
        }
    }

    /// The records the server shows (each document's winner).
    pub fn replica(&self) -> Replica {
        self.docs
            .iter()
            .filter_map(|(id, doc)| from_doc(&self.shown(id, doc.winner()?)))
            .map(|doc| doc.unwrap())
            .map(|(key, _, record)| (key, record))
            .collect()
    }

    /// The documents that still hold conflicting leaves.
    pub fn conflicted(&self) -> Vec<String> {
        self.docs.iter().filter(|(_, doc)| !doc.conflicts().is_empty()).map(|(id, _)| id.clone()).collect()
    }
}

/// Undoes the percent-encoding of a path or query part.
fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8().unwrap().into_owned()
}
