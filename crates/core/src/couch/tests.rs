use std::collections::BTreeMap;
use std::future::Future;
use std::task::{Context, Poll, Waker};

use proptest::prelude::*;
use serde_json::{json, Value};

use super::docs::{apply_changes, from_doc};
use super::session::PAGE;
use super::*;
use crate::replica::{RecordKey, Replica};
use crate::testing::arb_replica;

/// How the in-memory server fails one request.
#[derive(Clone, Copy, Debug)]
enum Failure {
    Offline,
    Status(u16),
    Garbage,
}

/// A CouchDB database in memory, answering as the HTTP API does: revisions
/// count up, a write naming an old revision is a conflict, `_changes` lists
/// the latest revision of each document changed since a sequence, `limit`
/// pages it. It can fail its n-th request, and let another client write
/// just before the next `_bulk_docs`.
#[derive(Default)]
struct Server {
    docs: BTreeMap<String, (u64, Value, u64)>,
    local: BTreeMap<String, (u64, Value)>,
    seq: u64,
    missing: bool,
    requests: usize,
    fail: Option<(usize, Failure)>,
    sneak: Vec<Value>,
    /// How often the sync let other work run.
    pauses: usize,
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
            _ => (400, json!({"error": "bad_request"})),
        }
    }

    fn changes(&self, query: &str) -> Value {
        let param = |name: &str| query.split('&').find_map(|p| p.strip_prefix(name)).unwrap().parse::<u64>().unwrap();
        let (since, limit) = (param("since="), param("limit="));
        let mut changed: Vec<_> = self.docs.iter().filter(|(_, (_, _, seq))| *seq > since).collect();
        changed.sort_by_key(|(_, (_, _, seq))| *seq);
        let results: Vec<Value> = changed
            .iter()
            .take(limit as usize)
            .map(|(id, (rev, doc, seq))| json!({"id": id, "seq": seq, "doc": with_rev(doc, &format!("{rev}-x"))}))
            .collect();
        let last_seq = results.last().map_or(since, |r| r["seq"].as_u64().unwrap());
        json!({"results": results, "last_seq": last_seq})
    }

    fn write(&mut self, doc: &Value) -> Value {
        let id = doc["_id"].as_str().unwrap().to_owned();
        let current = self.docs.get(&id).map(|(rev, _, _)| format!("{rev}-x"));
        if current.as_deref() != doc.get("_rev").and_then(Value::as_str) {
            return json!({"id": id, "error": "conflict", "reason": "Document update conflict."});
        }
        let rev = self.store(doc.clone());
        json!({"ok": true, "id": id, "rev": format!("{rev}-x")})
    }

    /// Stores a document as the newest revision, whatever it replaces.
    fn store(&mut self, doc: Value) -> u64 {
        let id = doc["_id"].as_str().unwrap().to_owned();
        self.seq += 1;
        let rev = self.docs.get(&id).map_or(1, |(rev, _, _)| rev + 1);
        self.docs.insert(id, (rev, doc, self.seq));
        rev
    }

    fn all_docs(&self, body: &Value) -> Value {
        let rows: Vec<Value> = body["keys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|key| match self.docs.get(key.as_str().unwrap()) {
                Some((rev, doc, _)) => json!({"id": key, "doc": with_rev(doc, &format!("{rev}-x"))}),
                None => json!({"key": key, "error": "not_found"}),
            })
            .collect();
        json!({"rows": rows})
    }

    /// The records the server holds.
    fn replica(&self) -> Replica {
        self.docs
            .values()
            .filter_map(|(rev, doc, _)| from_doc(&with_rev(doc, &format!("{rev}-x"))))
            .map(|doc| doc.unwrap())
            .map(|(key, _, record)| (key, record))
            .collect()
    }
}

fn with_rev(doc: &Value, rev: &str) -> Value {
    let mut doc = doc.clone();
    doc["_rev"] = json!(rev);
    doc
}

/// Runs a future that never waits: the in-memory server answers at once.
fn run<T>(future: impl Future<Output = T>) -> T {
    let mut future = std::pin::pin!(future);
    match future.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(value) => value,
        Poll::Pending => unreachable!("the in-memory server answers at once"),
    }
}

/// A device's side of sync: its replica and what it keeps between syncs.
struct Device {
    id: String,
    replica: Replica,
    state: SyncState,
}

impl Device {
    fn new(n: usize, replica: Replica) -> Self {
        Self { id: format!("d{n}"), replica, state: SyncState::new("http://localhost/flok") }
    }

    fn sync(&mut self, server: &mut Server) -> Result<Synced, SyncError> {
        run(sync(server, &self.id, &mut self.replica, &mut self.state))
    }
}

fn merged<'a>(replicas: impl IntoIterator<Item = &'a Replica>) -> Replica {
    let mut everything = Replica::new();
    for replica in replicas {
        everything.merge(replica);
    }
    everything
}

/// `after` holds everything `before` did (merging it back changes nothing).
fn keeps(after: &Replica, before: &Replica) -> bool {
    let mut check = after.clone();
    check.merge(before);
    &check == after
}

fn failure() -> impl Strategy<Value = Failure> {
    prop_oneof![
        Just(Failure::Offline),
        Just(Failure::Garbage),
        prop::sample::select(vec![401u16, 403, 404, 409, 500, 503]).prop_map(Failure::Status),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Devices with different data that sync in any order, interleaved with
    /// edits, end with the server and each other holding the merge of
    /// everything.
    #[test]
    fn devices_syncing_through_a_server_converge(
        starts in proptest::collection::vec(arb_replica(), 3),
        later in proptest::collection::vec(arb_replica(), 3),
        order in proptest::collection::vec(0..3usize, 1..8),
    ) {
        let mut server = Server::default();
        let mut devices: Vec<Device> = starts.iter().enumerate().map(|(n, r)| Device::new(n, r.clone())).collect();
        for &d in &order {
            devices[d].sync(&mut server).unwrap();
        }
        for (device, edits) in devices.iter_mut().zip(&later) {
            device.replica.merge(edits);
        }
        // Two rounds: the second carries what the first round's last device pushed.
        for _ in 0..2 {
            for device in &mut devices {
                device.sync(&mut server).unwrap();
            }
        }
        let everything = merged(starts.iter().chain(&later));
        for device in &devices {
            prop_assert_eq!(&device.replica, &everything);
        }
        prop_assert_eq!(server.replica(), everything);
    }

    /// A sync that fails at any request (offline, 401, 404, 409, 500,
    /// garbage) keeps every local record, says why, and the next syncs
    /// converge as if nothing had happened.
    #[test]
    fn a_failed_sync_loses_nothing_and_the_next_one_converges(
        mine in arb_replica(),
        theirs in arb_replica(),
        at in 1..12usize,
        how in failure(),
    ) {
        let mut server = Server::default();
        let mut other = Device::new(1, theirs.clone());
        other.sync(&mut server).unwrap();
        let mut device = Device::new(0, mine.clone());
        server.requests = 0;
        server.fail = Some((at, how));
        let result = device.sync(&mut server);
        // A 404 for the checkpoint (the second request) only means there is none yet.
        let harmless = matches!(how, Failure::Status(404)) && at == 2;
        if at <= server.requests && !harmless {
            let expected = match how {
                Failure::Offline => SyncError::Unreachable,
                Failure::Status(401 | 403) => SyncError::Unauthorized,
                Failure::Status(404) => SyncError::NoDatabase,
                Failure::Status(status) => SyncError::Status(status),
                Failure::Garbage => SyncError::Garbage(String::new()),
            };
            let error = result.unwrap_err();
            prop_assert_eq!(std::mem::discriminant(&error), std::mem::discriminant(&expected));
        } else {
            prop_assert!(result.is_ok());
        }
        prop_assert!(keeps(&device.replica, &mine));
        prop_assert!(keeps(&merged([&mine, &theirs]), &server.replica()));
        server.fail = None;
        device.sync(&mut server).unwrap();
        other.sync(&mut server).unwrap();
        let everything = merged([&mine, &theirs]);
        prop_assert_eq!(&device.replica, &everything);
        prop_assert_eq!(&other.replica, &everything);
        prop_assert_eq!(server.replica(), everything);
    }
}

fn stamp(millis: u64) -> crate::Stamp {
    crate::Stamp { millis, counter: 0, device: crate::DeviceId::from_u64(millis) }
}

#[test]
fn a_conflicting_write_is_fetched_merged_and_pushed_again() {
    let key = RecordKey::new("person", "p1");
    let (mut a, mut b, mut server) =
        (Device::new(0, Replica::new()), Device::new(1, Replica::new()), Server::default());
    a.replica.set(key.clone(), "name", json!("Anna"), stamp(1));
    a.sync(&mut server).unwrap();
    b.sync(&mut server).unwrap();
    // B edits one field; A's edit of another lands between B's pull and push.
    a.replica.set(key.clone(), "phone", json!("123"), stamp(2));
    server.sneak =
        vec![json!({"_id": "person:p1", "record": crate::export::record_value(a.replica.get(&key).unwrap())})];
    b.replica.set(key.clone(), "email", json!("b@x"), stamp(3));
    let synced = b.sync(&mut server).unwrap();
    assert_eq!((synced.sent, synced.waiting), (1, 0), "refused once, fetched, merged, stored");
    a.sync(&mut server).unwrap();
    let record = a.replica.get(&key).unwrap();
    assert_eq!([record.get("phone"), record.get("email")], [Some(json!("123")), Some(json!("b@x"))]);
    assert_eq!(a.replica, b.replica);
}

#[test]
fn pulls_and_pushes_page_by_page_and_resume_from_the_checkpoint() {
    let many: Replica = (0..PAGE * 2 + 7)
        .map(|n| {
            let mut r = Replica::new();
            r.set(RecordKey::new("person", format!("p{n}")), "name", json!(format!("P{n}")), stamp(n as u64 + 1));
            r
        })
        .fold(Replica::new(), |mut all, r| {
            all.merge(&r);
            all
        });
    let mut server = Server::default();
    let mut a = Device::new(0, many.clone());
    assert_eq!(a.sync(&mut server).unwrap().sent, many.len());
    // Digesting a thousand records or more, the sync let other work run.
    assert!(server.pauses >= many.len() / 1_000, "{} pauses", server.pauses);
    let mut b = Device::new(1, Replica::new());
    server.requests = 0;
    assert_eq!(b.sync(&mut server).unwrap().received, many.len());
    // Info, checkpoint, three pages each followed by a checkpoint write, nothing to push.
    assert_eq!(server.requests, 2 + 3 * 2);
    assert_eq!(b.replica, many);
    // The next sync starts at the checkpoint: one empty page.
    server.requests = 0;
    assert_eq!(b.sync(&mut server).unwrap(), Synced::default());
    assert_eq!(server.requests, 3);
}

#[test]
fn a_state_the_server_does_not_confirm_starts_afresh() {
    let mut server = Server::default();
    let mut a = Device::new(0, Replica::new());
    a.replica.set(RecordKey::new("person", "p"), "name", json!("P"), stamp(1));
    a.sync(&mut server).unwrap();
    let mut b = Device::new(1, Replica::new());
    b.sync(&mut server).unwrap();
    // B's data and state were erased; the server still has B's checkpoint.
    b.replica = Replica::new();
    b.state = SyncState::new("http://localhost/flok");
    b.sync(&mut server).unwrap();
    assert_eq!(b.replica, a.replica);
    // The database was deleted and made again: no checkpoint, nothing held.
    let mut fresh = Server::default();
    b.sync(&mut fresh).unwrap();
    assert_eq!(fresh.replica(), a.replica);
}

#[test]
fn the_sync_state_reads_back_and_foreign_text_is_refused() {
    let mut server = Server::default();
    let mut a = Device::new(0, Replica::new());
    a.replica.set(RecordKey::new("person", "p"), "name", json!("P"), stamp(1));
    a.sync(&mut server).unwrap();
    assert_eq!(SyncState::from_json(&a.state.to_json()), Some(a.state.clone()));
    for text in ["", "[]", r#"{"target":"x","since":0,"known":{"_design/x":["1-a",1]}}"#] {
        assert_eq!(SyncState::from_json(text), None, "{text}");
    }
}

#[test]
fn a_missing_database_says_so() {
    let mut server = Server { missing: true, ..Server::default() };
    let mut a = Device::new(0, Replica::new());
    assert_eq!(a.sync(&mut server), Err(SyncError::NoDatabase));
}

#[test]
fn basic_auth_encodes_user_and_password() {
    assert_eq!(basic_auth("Aladdin", "open sesame"), "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    assert_eq!(basic_auth("søs", "æ"), "Basic c8O4czrDpg==");
}

#[test]
fn settings_make_a_database_url_or_say_what_is_wrong() {
    assert_eq!(database_url(" https://couch.example.org/ ", "flok"), Ok("https://couch.example.org/flok".into()));
    assert_eq!(
        database_url("http://127.0.0.1:5984", "groups/aarhus"),
        Ok("http://127.0.0.1:5984/groups%2Faarhus".into())
    );
    assert_eq!(database_url("http://couch.example.org", "flok"), Err(SettingsError::NotSecure));
    assert_eq!(database_url("couch.example.org", "flok"), Err(SettingsError::NotAnAddress));
    assert_eq!(database_url("ftp://couch.example.org", "flok"), Err(SettingsError::NotAnAddress));
    assert_eq!(database_url("https://", "flok"), Err(SettingsError::NotAnAddress));
    for name in ["", "Flok", "1flok", "my group"] {
        assert_eq!(database_url("https://x.org", name), Err(SettingsError::DatabaseName), "{name}");
    }
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

/// A sync lends the store a step at a time and never copies it: with the
/// demo group's five years on the device, a sync that moves a few records
/// allocates in proportion to those records, not to the replica.
#[test]
fn a_sync_allocates_for_what_it_moves_not_for_the_replica() {
    use crate::demo::{demo, DemoOptions};
    use crate::model::Competence;
    use crate::testing::allocated_by;

    let group = demo(DemoOptions { seed: 1, people: 200, years: 5 });
    let replica_bytes: usize = group.records().map(|(_, r)| crate::export::record_text(r).len()).sum();
    let mut server = Server::default();
    let (mut phone, mut laptop) = (Device::new(1, group.clone()), Device::new(2, group));
    // Each hears back what it pushed once, as CouchDB's feed lists every write.
    for _ in 0..2 {
        phone.sync(&mut server).unwrap();
        laptop.sync(&mut server).unwrap();
    }

    // The phone adds three records; the laptop pulls them, then pushes two of its own.
    for n in 0..3 {
        let named = Competence { name: format!("Skill {n}") };
        phone.replica.put(crate::Id::from_u128(900 + n), &named, stamp(1_900_000_000_000 + n as u64));
    }
    let (pushed, pushing) = allocated_by(|| phone.sync(&mut server).unwrap());
    assert_eq!(pushed.sent, 3);
    for n in 3..5 {
        let named = Competence { name: format!("Skill {n}") };
        laptop.replica.put(crate::Id::from_u128(900 + n), &named, stamp(1_900_000_000_000 + n as u64));
    }
    let (both, pulling) = allocated_by(|| laptop.sync(&mut server).unwrap());
    assert_eq!((both.received, both.sent), (3, 2));

    // A copy of the replica alone would allocate more than its text.
    let limit = 256 * 1024;
    assert!(replica_bytes > 20 * limit, "the demo group is {replica_bytes} bytes of records");
    for (what, bytes) in [("pushing three records", pushing), ("pulling three, pushing two", pulling)] {
        assert!(bytes < limit, "{what} allocated {bytes} bytes with {replica_bytes} bytes of records on the device");
    }
}
