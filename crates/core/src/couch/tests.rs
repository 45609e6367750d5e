use std::future::Future;
use std::task::{Context, Poll, Waker};

use proptest::prelude::*;
use serde_json::json;

use super::docs::{apply_changes, apply_leaves};
use super::session::PAGE;
use super::test_server::{Failure, Server};
use super::*;
use crate::replica::{RecordKey, Replica};
use crate::testing::arb_replica;

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
    let mut server = Server::default();
    server.missing = true;
    let mut a = Device::new(0, Replica::new());
    assert_eq!(a.sync(&mut server), Err(SyncError::NoDatabase));
}

#[test]
fn a_cookie_session_is_opened_on_the_server_of_the_database() {
    assert_eq!(session_url(" https://couch.example.org/ "), "https://couch.example.org/_session");
    assert_eq!(session_body("aarhus", "kaffe"), json!({"name": "aarhus", "password": "kaffe"}));
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

#[test]
fn leaves_that_are_garbage_or_not_flok_records_are_refused_or_left_alone() {
    let mut replica = Replica::new();
    for body in [&b"<html>502</html>"[..], br#"{"ok": true}"#, b""] {
        assert!(apply_leaves(&mut replica, body).is_err(), "{body:?}");
    }
    let record = crate::export::record_value(&{
        let mut r = Replica::new();
        r.set(RecordKey::new("person", "p1"), "name", json!("Anna"), stamp(4));
        r.get(&RecordKey::new("person", "p1")).unwrap().clone()
    });
    let leaves = json!([
        {"ok": {"_id": "person:p1", "_rev": "2-a", "record": record}},
        {"ok": {"_id": "person:p1", "_rev": "2-b", "other": "an app's own document"}},
        {"ok": {"_id": "person:p1", "_rev": "3-c", "_deleted": true}},
        {"missing": "2-d"},
    ]);
    let (summary, merged) = apply_leaves(&mut replica, leaves.to_string().as_bytes()).unwrap();
    assert_eq!(merged, ["2-a"], "only the Flok leaf is merged, and only it is deleted later");
    assert_eq!(summary.kinds["person"].new, 1);
    let damaged = json!([{"ok": {"_id": "person:p1", "_rev": "2-a", "record": {"name": "no stamp"}}}]);
    assert!(apply_leaves(&mut replica, damaged.to_string().as_bytes()).is_err());
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

/// Two servers replicating both ways (a backup, two sites), each with its
/// own phones: concurrent edits of different fields and of the same field
/// end in conflicting leaves; once the phones have synced, every phone and
/// both servers hold the same records and no document keeps a conflict.
#[test]
fn conflicting_leaves_of_replicated_servers_are_merged_and_resolved() {
    let key = RecordKey::new("person", "p1");
    let (mut one, mut two) = (Server::default(), Server::default());
    let mut first = Device::new(0, Replica::new());
    first.replica.set(key.clone(), "name", json!("Anna"), stamp(1));
    first.sync(&mut one).unwrap();
    one.replicate_to(&mut two);
    let (mut a, mut b) = (Device::new(1, Replica::new()), Device::new(2, Replica::new()));
    a.sync(&mut one).unwrap();
    b.sync(&mut two).unwrap();
    // A edits the phone number and the name on server one; B the e-mail and the name on two.
    a.replica.set(key.clone(), "phone", json!("12 34 56 78"), stamp(10));
    a.replica.set(key.clone(), "name", json!("Anna A"), stamp(11));
    b.replica.set(key.clone(), "email", json!("anna@example.org"), stamp(12));
    b.replica.set(key.clone(), "name", json!("Anna B"), stamp(13));
    a.sync(&mut one).unwrap();
    b.sync(&mut two).unwrap();
    one.replicate_to(&mut two);
    two.replicate_to(&mut one);
    assert_eq!(one.conflicted(), ["person:p1"], "the servers hold both edits as conflicting leaves");
    assert_eq!(two.conflicted(), ["person:p1"]);

    // New phones on each server see both edits, the later name winning.
    let (mut c, mut d) = (Device::new(3, Replica::new()), Device::new(4, Replica::new()));
    c.sync(&mut one).unwrap();
    d.sync(&mut two).unwrap();
    for phone in [&c, &d] {
        let record = phone.replica.get(&key).unwrap();
        assert_eq!(
            [record.get("name"), record.get("phone"), record.get("email")],
            [Some(json!("Anna B")), Some(json!("12 34 56 78")), Some(json!("anna@example.org"))]
        );
    }
    assert!(one.conflicted().is_empty() && two.conflicted().is_empty(), "the phones resolved the conflicts");
    one.replicate_to(&mut two);
    two.replicate_to(&mut one);
    for device in [&mut a, &mut b, &mut c, &mut d] {
        device.sync(&mut one).unwrap();
        device.sync(&mut two).unwrap();
    }
    one.replicate_to(&mut two);
    two.replicate_to(&mut one);
    let everything = c.replica.clone();
    for device in [&a, &b, &d] {
        assert_eq!(device.replica, everything);
    }
    assert_eq!(one.replica(), everything);
    assert_eq!(two.replica(), everything);
    assert!(one.conflicted().is_empty() && two.conflicted().is_empty());
}

/// A deletion in one leaf and an edit in another: the deletion wins on
/// every device, as in a file merge; and a leaf that is not a Flok record
/// is left alone.
#[test]
fn a_deleted_record_in_one_leaf_wins_over_an_edit_in_another() {
    let key = RecordKey::new("person", "p1");
    let (mut one, mut two) = (Server::default(), Server::default());
    let mut a = Device::new(0, Replica::new());
    a.replica.set(key.clone(), "name", json!("Anna"), stamp(1));
    a.sync(&mut one).unwrap();
    one.replicate_to(&mut two);
    let mut b = Device::new(1, Replica::new());
    b.sync(&mut two).unwrap();
    a.replica.delete(key.clone(), stamp(5));
    b.replica.set(key.clone(), "phone", json!("12"), stamp(9));
    a.sync(&mut one).unwrap();
    b.sync(&mut two).unwrap();
    two.replicate_to(&mut one);
    let mut c = Device::new(2, Replica::new());
    c.sync(&mut one).unwrap();
    assert!(c.replica.get(&key).unwrap().is_deleted());
    assert!(!c.replica.get(&key).unwrap().has_fields());
    assert!(one.conflicted().is_empty());
    b.sync(&mut one).unwrap();
    assert!(b.replica.get(&key).unwrap().is_deleted());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Phones on two replicating servers, with any data and any order of
    /// syncs and replications, converge: every phone and both servers end
    /// with the merge of everything, and no conflict is left.
    #[test]
    fn phones_on_two_replicating_servers_converge(
        starts in proptest::collection::vec(arb_replica(), 4),
        order in proptest::collection::vec((0..4usize, any::<bool>(), any::<bool>()), 1..12),
    ) {
        let (mut one, mut two) = (Server::default(), Server::default());
        let mut devices: Vec<Device> = starts.iter().enumerate().map(|(n, r)| Device::new(n, r.clone())).collect();
        for &(d, on_one, replicate) in &order {
            devices[d].sync(if on_one { &mut one } else { &mut two }).unwrap();
            if replicate {
                one.replicate_to(&mut two);
                two.replicate_to(&mut one);
            }
        }
        for _ in 0..2 {
            one.replicate_to(&mut two);
            two.replicate_to(&mut one);
            for (n, device) in devices.iter_mut().enumerate() {
                device.sync(if n % 2 == 0 { &mut one } else { &mut two }).unwrap();
            }
        }
        one.replicate_to(&mut two);
        two.replicate_to(&mut one);
        for (n, device) in devices.iter_mut().enumerate() {
            device.sync(if n % 2 == 0 { &mut one } else { &mut two }).unwrap();
        }
        let everything = merged(&starts);
        for device in &devices {
            prop_assert_eq!(&device.replica, &everything);
        }
        prop_assert_eq!(one.replica(), everything.clone());
        prop_assert_eq!(two.replica(), everything);
        prop_assert!(one.conflicted().is_empty() && two.conflicted().is_empty());
    }
}
