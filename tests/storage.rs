//! The storage layer in a real browser (headless Chromium, IndexedDB): what
//! is saved is what a reload finds, two tabs never overwrite each other's
//! records, data from earlier builds is migrated, and a value that cannot be
//! read is never destroyed. (A full quota is tested end to end, where the
//! quota can be set through the DevTools protocol.)
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use flok_app::prefs::{device_id, DEVICE_KEY, LEGACY_KEYS};
use flok_app::storage::{
    erase, keep_first_screen, load, load_history, load_recent, load_records, migration, restore, save, stored_text,
    LoadError, Migration, Recent, SaveError, UNREADABLE_PREFIX,
};
use flok_core::export::ImportError;
use flok_core::model::Person;
use flok_core::{export, DeviceId, Field, Id, RecordKey, Replica, Stamp};
use gloo_storage::{LocalStorage, Storage};
use serde_json::json;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The whole app's way with data an earlier build kept as one value.
const MOVES: Option<Migration> = Some(migration);

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn with_people(names: &[&str], device: u64) -> Replica {
    let mut replica = Replica::new();
    for (n, name) in names.iter().enumerate() {
        let stamp = Stamp { millis: 1_000 + n as u64, counter: 0, device: DeviceId::from_u64(device) };
        replica.put(person_id(device, n), &Person::new(name, day()).unwrap(), stamp);
    }
    replica
}

fn person_id(device: u64, n: usize) -> Id {
    Id::from_u128(u128::from(device) << 64 | n as u128)
}

fn names(replica: &Replica) -> Vec<String> {
    Person::by_name(replica).into_iter().map(|(_, p)| p.name.into()).collect()
}

async fn fresh() {
    erase().await.unwrap();
    LocalStorage::clear();
}

async fn save_all(replica: &Replica) -> Result<(), SaveError> {
    save(&replica.records().collect::<Vec<_>>()).await
}

/// What a reload finds, which must load without a problem.
async fn loaded() -> Replica {
    let (replica, problem) = load(MOVES).await;
    assert_eq!(problem, None);
    replica
}

/// Writes `text` under `key` in one of Flok's stores, as a damaged value, a
/// newer version's or an earlier build's would be.
async fn store_raw(store: &str, key: JsValue, text: &str) {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let open = factory.open("flok").unwrap();
    let db: web_sys::IdbDatabase = wait(open.unchecked_ref()).await.dyn_into().unwrap();
    let tx = db.transaction_with_str_and_mode(store, web_sys::IdbTransactionMode::Readwrite).unwrap();
    let put = tx.object_store(store).unwrap().put_with_key(&text.into(), &key).unwrap();
    wait(&put).await;
    db.close();
}

/// Where builds before the records store kept the whole replica.
async fn store_as_one_value(text: &str) {
    store_raw("replica", "current".into(), text).await;
}

/// The first screen's copy as stored, as JSON text; `None` if none is kept.
async fn kept_copy() -> Option<String> {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let open = factory.open("flok").unwrap();
    let db: web_sys::IdbDatabase = wait(open.unchecked_ref()).await.dyn_into().unwrap();
    let get = db.transaction_with_str("replica").unwrap().object_store("replica").unwrap().get(&COPY.into()).unwrap();
    let value = wait(&get).await;
    db.close();
    (!value.is_undefined()).then(|| js_sys::JSON::stringify(&value).unwrap().into())
}

async fn wait(request: &web_sys::IdbRequest) -> JsValue {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let r = request.clone();
        let done =
            wasm_bindgen::closure::Closure::once_into_js(move || resolve.call1(&JsValue::NULL, &r.result().unwrap()));
        request.set_onsuccess(Some(done.unchecked_ref()));
    });
    JsFuture::from(promise).await.unwrap()
}

#[wasm_bindgen_test]
async fn the_first_load_finds_nothing() {
    fresh().await;
    assert_eq!(load(MOVES).await, (Replica::new(), None));
}

#[wasm_bindgen_test]
async fn a_saved_replica_is_what_the_next_load_finds() {
    fresh().await;
    let long = "ø".repeat(10_000);
    let replica = with_people(&["Anna", "<img src=x onerror=alert(1)>", &long], 1);
    save_all(&replica).await.unwrap();
    // A reload starts from nothing but what storage holds.
    assert_eq!(loaded().await, replica);
}

#[wasm_bindgen_test]
async fn many_records_load_in_batches_and_none_is_missed() {
    fresh().await;
    let names: Vec<String> = (0..1_234).map(|n| format!("Person {n:04}")).collect();
    let replica = with_people(&names.iter().map(String::as_str).collect::<Vec<_>>(), 1);
    save_all(&replica).await.unwrap();
    assert_eq!(loaded().await, replica);
}

#[wasm_bindgen_test]
async fn a_save_writes_only_the_records_it_is_given() {
    fresh().await;
    let replica = with_people(&["Anna", "Bent"], 1);
    let (anna, _) = replica.records().next().unwrap();
    save(&[(anna, replica.get(anna).unwrap())]).await.unwrap();
    assert_eq!(names(&loaded().await), ["Anna"]);
    let bent = RecordKey::new("person", person_id(1, 1).to_string());
    assert_eq!(names(&load_records(&[bent.clone(), anna.clone()]).await), ["Anna"], "Bent was never saved");
    assert_eq!(load_records(&[bent]).await, Replica::new());
}

#[wasm_bindgen_test]
async fn an_undone_import_is_stored_as_it_was_before() {
    fresh().await;
    let before = with_people(&["Anna"], 1);
    save_all(&before).await.unwrap();
    // The import renames Anna (a later stamp) and adds Bent.
    let mut imported = before.clone();
    imported.merge(
        &with_people(&["Anne"], 1)
            .records()
            .map(|(k, r)| {
                let mut later = r.clone();
                for (name, field) in r.fields() {
                    let stamp = Stamp { millis: field.stamp.millis + 1_000, ..field.stamp };
                    later.insert(name, Field { value: field.value.clone(), stamp });
                }
                (k.clone(), later)
            })
            .collect(),
    );
    imported.merge(&with_people(&["Bent"], 2));
    save_all(&imported).await.unwrap();
    assert_eq!(names(&loaded().await), ["Anne", "Bent"]);

    let (anna, was) = before.records().next().unwrap();
    let bent = RecordKey::new("person", person_id(2, 0).to_string());
    restore(&[(anna.clone(), Some(was.clone())), (bent, None)]).await.unwrap();
    // Exactly as before, though the stored Anne had the later stamps.
    assert_eq!(loaded().await, before);
}

#[wasm_bindgen_test]
async fn a_save_keeps_what_another_tab_saved_meanwhile() {
    fresh().await;
    save_all(&with_people(&["Anna"], 1)).await.unwrap();
    // The other tab saves Bent; this tab, which never saw Bent, saves Carl.
    save_all(&with_people(&["Bent"], 2)).await.unwrap();
    save_all(&with_people(&["Anna", "Carl"], 1)).await.unwrap();
    assert_eq!(names(&loaded().await), ["Anna", "Bent", "Carl"]);
}

#[wasm_bindgen_test]
async fn two_tabs_editing_one_record_keep_both_fields() {
    fresh().await;
    let anna = with_people(&["Anna"], 1);
    save_all(&anna).await.unwrap();
    let key = RecordKey::new("person", person_id(1, 0).to_string());
    let stamp = |millis| Stamp { millis, counter: 0, device: DeviceId::from_u64(2) };
    // One tab adds a phone number; the other, which never saw it, renames her.
    let mut phone = anna.clone();
    phone.set(key.clone(), "phone", json!("+45 12 34 56 78"), stamp(5_000));
    let mut renamed = anna.clone();
    renamed.set(key.clone(), "name", json!("Anna Jensen"), stamp(6_000));
    save(&[(&key, phone.get(&key).unwrap())]).await.unwrap();
    save(&[(&key, renamed.get(&key).unwrap())]).await.unwrap();
    let stored = loaded().await;
    let record = stored.get(&key).unwrap();
    assert_eq!(record.get("phone"), Some(json!("+45 12 34 56 78")));
    assert_eq!(record.get("name"), Some(json!("Anna Jensen")));
}

#[wasm_bindgen_test]
async fn two_saves_at_the_same_moment_both_land() {
    fresh().await;
    let first = with_people(&["Anna"], 1);
    let second = with_people(&["Bent"], 2);
    let (a, b) = futures::join!(save_all(&first), save_all(&second));
    assert_eq!((a, b), (Ok(()), Ok(())));
    assert_eq!(names(&loaded().await), ["Anna", "Bent"]);
}

#[wasm_bindgen_test]
async fn an_unreadable_record_is_kept_aside_and_the_rest_loads() {
    fresh().await;
    save_all(&with_people(&["Anna"], 1)).await.unwrap();
    let damaged = "{\"name\": [\"Bent\", \"not a stamp\"]}";
    let key = js_sys::Array::of2(&"person".into(), &"bent".into());
    store_raw("records", key.into(), damaged).await;

    let (replica, problem) = load(MOVES).await;
    assert_eq!(names(&replica), ["Anna"]);
    let Some(LoadError::Unreadable { kept_as, reason: ImportError::Corrupt(_) }) = problem else {
        panic!("a damaged record must be reported, not {problem:?}");
    };
    assert!(kept_as.starts_with(UNREADABLE_PREFIX));
    assert_eq!(stored_text(&kept_as).await.as_deref(), Some(damaged));
    // Moved out of the records, so the next load is clean and keeps the copy.
    assert_eq!(names(&loaded().await), ["Anna"]);
    assert_eq!(stored_text(&kept_as).await.as_deref(), Some(damaged));
}

#[wasm_bindgen_test]
async fn an_unreadable_value_is_kept_aside_and_reported() {
    fresh().await;
    let damaged = "{\"format\": \"flok-export\", \"records\": {";
    store_as_one_value(damaged).await;

    let (replica, Some(LoadError::Unreadable { kept_as, reason })) = load(MOVES).await else {
        panic!("a damaged value must be reported");
    };
    assert_eq!(replica, Replica::new());
    assert_eq!(reason, ImportError::Truncated);
    assert!(kept_as.starts_with(UNREADABLE_PREFIX));
    assert_eq!(stored_text(&kept_as).await.as_deref(), Some(damaged));
    // The old key is free again, so nothing later can overwrite the copy.
    assert_eq!(loaded().await, Replica::new());
    save_all(&with_people(&["Anna"], 1)).await.unwrap();
    assert_eq!(stored_text(&kept_as).await.as_deref(), Some(damaged));
}

#[wasm_bindgen_test]
async fn data_from_a_newer_version_is_kept_aside_not_overwritten() {
    fresh().await;
    let newer = export::write(&with_people(&["Anna"], 1)).replace("\"version\": \"2.0\"", "\"version\": \"3.0\"");
    store_as_one_value(&newer).await;

    let (_, Some(LoadError::Unreadable { kept_as, reason })) = load(MOVES).await else {
        panic!("a newer file must be reported");
    };
    assert_eq!(reason, ImportError::NewerVersion { found: "3.0".into() });
    assert_eq!(stored_text(&kept_as).await.as_deref(), Some(newer.as_str()));
}

#[wasm_bindgen_test]
async fn the_one_value_of_earlier_builds_is_moved_into_records() {
    fresh().await;
    store_as_one_value(&export::write(&with_people(&["Anna", "Bent"], 1))).await;
    assert_eq!(names(&loaded().await), ["Anna", "Bent"]);
    assert_eq!(stored_text("current").await, None, "retired once moved");
    assert_eq!(names(&loaded().await), ["Anna", "Bent"]);
}

#[wasm_bindgen_test]
async fn data_kept_in_local_storage_by_earlier_builds_is_migrated_then_retired() {
    for (key, text) in [
        ("flok.people", r#"{"version":1,"people":[{"id":"01936f0e-0000-7000-8000-000000000001","name":"Anna","added_on":"2026-11-20"}]}"#.to_owned()),
        ("flok.replica", export::write(&with_people(&["Anna"], 1))),
    ] {
        fresh().await;
        assert!(LEGACY_KEYS.contains(&key));
        LocalStorage::raw().set_item(key, &text).unwrap();
        assert_eq!(names(&loaded().await), ["Anna"]);
        assert_eq!(LocalStorage::raw().get_item(key).unwrap(), None, "retired once moved");
        assert_eq!(names(&loaded().await), ["Anna"]);
    }
}

/// The volunteer's build carries no migration: it reads what is in records,
/// says the whole app must move the rest, and leaves that data as it is.
#[wasm_bindgen_test]
async fn a_build_without_a_migration_leaves_an_earlier_builds_data_for_the_whole_app() {
    fresh().await;
    save_all(&with_people(&["Bo"], 2)).await.unwrap();
    store_as_one_value(&export::write(&with_people(&["Anna"], 1))).await;
    let first = load_recent(0, None).await;
    assert_eq!((first.problem, names(&first.replica)), (Some(LoadError::Earlier), vec!["Bo".to_owned()]));
    assert!(stored_text("current").await.is_some(), "left for the whole app");
    assert_eq!(names(&loaded().await), ["Anna", "Bo"]);
    assert_eq!(load_recent(0, None).await.problem, None, "nothing is left to move");

    fresh().await;
    LocalStorage::raw().set_item(LEGACY_KEYS[1], &export::write(&with_people(&["Anna"], 1))).unwrap();
    assert_eq!(load(None).await.1, Some(LoadError::Earlier));
    assert!(LocalStorage::raw().get_item(LEGACY_KEYS[1]).unwrap().is_some(), "left for the whole app");
    assert_eq!(names(&loaded().await), ["Anna"]);
}

#[wasm_bindgen_test]
async fn the_device_id_is_made_once_and_kept() {
    fresh().await;
    let first = device_id();
    assert_eq!(device_id(), first);
    assert_eq!(LocalStorage::raw().get_item(DEVICE_KEY).unwrap(), Some(first.to_string()));
    LocalStorage::raw().set_item(DEVICE_KEY, "garbage").unwrap();
    assert_ne!(device_id().to_string(), "garbage");
}

#[wasm_bindgen_test]
async fn the_first_screen_reads_recent_records_and_the_years_come_after() {
    use flok_core::model::CheckIn;
    fresh().await;
    const DAY: u64 = 24 * 60 * 60 * 1000;
    let now = 1_795_000_000_000; // 18 November 2026
    let since = now - 62 * DAY;
    // Two people (a kind after check-ins), a kind before, and two years of check-ins made over time.
    let mut replica = with_people(&["Anna", "Bo"], 1);
    let stamp = |millis| Stamp { millis, counter: 0, device: DeviceId::from_u64(2) };
    replica.set(RecordKey::new("agreement", "a"), "x", json!(1), stamp(1));
    // A cancellation given and a conversation held long ago, and each lately.
    let (old, lately) = (Id::made_at(now - 100 * DAY, 1), Id::made_at(now - DAY, 2));
    for id in [old, lately] {
        replica.set(RecordKey::new("cancellation", id.to_string()), "x", json!(1), stamp(1));
        replica.set(RecordKey::new("followup", id.to_string()), "x", json!(1), stamp(1));
    }
    let at = day().and_hms_opt(10, 0, 0).unwrap();
    for n in 0..1_460u64 {
        let made = now - n * DAY / 2;
        let check_in = CheckIn::new(person_id(1, 0), None, None, at);
        replica.put(Id::made_at(made, u128::from(n)), &check_in, stamp(made));
    }
    save_all(&replica).await.unwrap();

    let first = load_recent(since, MOVES).await;
    let recent = first.replica;
    assert_eq!((first.problem, first.history_before), (None, since));
    assert_eq!(names(&recent), ["Anna", "Bo"]);
    assert!(recent.get(&RecordKey::new("agreement", "a")).is_some());
    for kind in ["cancellation", "followup"] {
        assert!(recent.get(&RecordKey::new(kind, lately.to_string())).is_some(), "{kind} made lately");
        assert!(recent.get(&RecordKey::new(kind, old.to_string())).is_none(), "{kind} made long ago");
    }
    let made = |replica: &Replica| -> Vec<u64> {
        replica
            .records()
            .filter(|(key, _)| key.kind == "checkin")
            .map(|(_, r)| r.latest_stamp().unwrap().millis)
            .collect()
    };
    assert_eq!(made(&recent).len(), 125, "two months of check-ins, two a day, and the first moment of the two months");
    assert!(made(&recent).iter().all(|m| *m >= since));

    let (mut older, mut batches) = (Replica::new(), 0);
    let problem = load_history(since, |batch| {
        batches += 1;
        older.extend(batch.into_records());
        async {}
    })
    .await;
    assert_eq!(problem, None);
    assert!(batches >= 3, "read in batches ({batches})");
    assert_eq!(made(&older).len(), 1_460 - 125);
    assert!(made(&older).iter().all(|m| *m < since));
    for kind in ["cancellation", "followup"] {
        assert!(older.get(&RecordKey::new(kind, old.to_string())).is_some(), "{kind} made long ago");
    }
    assert!(
        older.records().all(|(key, _)| ["checkin", "cancellation", "followup"].contains(&key.kind.as_str())),
        "the rest came first"
    );
    let mut both = recent;
    both.extend(older.into_records());
    assert_eq!(both, loaded().await, "together, everything stored");
}

/// Records of every kind, with two years of check-ins made over time up to
/// `now` (milliseconds), saved.
async fn saved_years(now: u64) -> Replica {
    use flok_core::model::CheckIn;
    let mut replica = with_people(&["Anna", "Bo"], 1);
    let at = day().and_hms_opt(10, 0, 0).unwrap();
    for n in 0..730u64 {
        let made = now - n * 24 * 60 * 60 * 1000;
        let check_in = CheckIn::new(person_id(1, 0), None, None, at);
        let stamp = Stamp { millis: made, counter: 0, device: DeviceId::from_u64(2) };
        replica.put(Id::made_at(made, u128::from(n)), &check_in, stamp);
    }
    save_all(&replica).await.unwrap();
    replica
}

/// A first load from [`SINCE`] and the history after it: everything stored.
async fn first_load_and_history() -> (Recent, Replica) {
    let first = load_recent(SINCE, MOVES).await;
    let mut both = first.replica.clone();
    let problem = load_history(first.history_before, |batch| {
        both.extend(batch.into_records());
        async {}
    })
    .await;
    assert_eq!((&first.problem, problem), (&None, None));
    (first, both)
}

const COPY: &str = "first-screen";
const DAY_MS: u64 = 24 * 60 * 60 * 1000;
/// 18 November 2026, and two months before: what a first screen reads from.
const NOW: u64 = 1_795_000_000_000;
const SINCE: u64 = NOW - 62 * DAY_MS;

/// An empty device that then saved [`saved_years`] up to [`NOW`].
async fn fresh_years() -> Replica {
    fresh().await;
    saved_years(NOW).await
}

#[wasm_bindgen_test]
async fn the_first_screen_is_read_from_its_copy_and_every_save_drops_it() {
    let mut replica = fresh_years().await;
    let (without, _) = first_load_and_history().await;

    keep_first_screen(SINCE, Vec::new).await.unwrap();
    assert!(kept_copy().await.is_some(), "a copy is kept");
    let (with, everything) = first_load_and_history().await;
    assert_eq!(with.replica, without.replica, "the copy holds what the records gave");
    assert_eq!(with.history_before, SINCE);
    assert_eq!(everything, replica);

    // A save drops the copy in the same transaction: the next start reads the records.
    let stamp = Stamp { millis: NOW, counter: 0, device: DeviceId::from_u64(3) };
    replica.put(person_id(3, 0), &Person::new("Cai", day()).unwrap(), stamp);
    save_all(&replica).await.unwrap();
    assert_eq!(kept_copy().await, None, "the save dropped the copy");
    let (after, everything) = first_load_and_history().await;
    assert_eq!(names(&after.replica), ["Anna", "Bo", "Cai"]);
    assert_eq!(everything, replica);
}

#[wasm_bindgen_test]
async fn a_copy_taken_weeks_ago_leaves_the_history_before_its_own_moment() {
    let replica = fresh_years().await;
    let weeks_ago = NOW - 90 * DAY_MS;
    keep_first_screen(weeks_ago, Vec::new).await.unwrap();
    let (first, everything) = first_load_and_history().await;
    assert_eq!(first.history_before, weeks_ago);
    assert_eq!(everything, replica, "nothing is read twice or missed");
}

#[wasm_bindgen_test]
async fn a_copy_that_cannot_be_read_is_dropped_and_the_records_are_read() {
    fresh_years().await;
    let (expected, _) = first_load_and_history().await;
    // Not a copy: text where `[since, keys, texts]` belongs.
    store_raw("replica", COPY.into(), r#"[1, [["person", "x"]], ["{}"]]"#).await;
    let first = load_recent(SINCE, MOVES).await;
    assert_eq!(first.replica, expected.replica);
    assert_eq!((first.problem, first.history_before), (None, SINCE));
    assert_eq!(kept_copy().await, None, "dropped, so the next copy is taken");
    keep_first_screen(SINCE, Vec::new).await.unwrap();
    assert!(kept_copy().await.is_some());
}

/// A cancellation given months ahead for a coming shift is history by when
/// it was made, yet the first screen needs it: the copy holds it.
#[wasm_bindgen_test]
async fn the_copy_holds_the_older_records_a_first_screen_needs() {
    let mut replica = fresh_years().await;
    let made = |days: u64, n| Id::made_at(NOW - days * DAY_MS, n);
    let (old, recent, gone) = (made(100, 1), made(3, 2), made(100, 3));
    let stamp = Stamp { millis: NOW, counter: 0, device: DeviceId::from_u64(3) };
    for id in [old, recent] {
        replica.set(RecordKey::new("cancellation", id.to_string()), "x", json!(1), stamp);
    }
    save_all(&replica).await.unwrap();
    let keys = [old, recent, gone].map(|id| RecordKey::new("cancellation", id.to_string()));
    keep_first_screen(SINCE, || keys.to_vec()).await.unwrap();
    let (first, everything) = first_load_and_history().await;
    let holds = |id: Id| first.replica.get(&RecordKey::new("cancellation", id.to_string())).is_some();
    assert!(holds(old) && holds(recent), "both, the older one from before {SINCE}");
    assert!(!holds(gone), "a key with no record adds nothing");
    assert_eq!(first.history_before, SINCE);
    assert_eq!(everything, replica, "read twice, kept once");
}

#[wasm_bindgen_test]
async fn a_kept_copy_is_not_taken_again() {
    fresh_years().await;
    keep_first_screen(SINCE, Vec::new).await.unwrap();
    let kept = kept_copy().await;
    keep_first_screen(NOW - 10 * DAY_MS, || panic!("worked out though a copy is kept")).await.unwrap();
    assert_eq!(kept_copy().await, kept, "only a save drops it");
}

#[wasm_bindgen_test]
async fn a_start_reads_the_copy_not_the_records() {
    fresh_years().await;
    keep_first_screen(SINCE, Vec::new).await.unwrap();
    // A record written behind Flok's back, which does not drop the copy.
    let dan = with_people(&["Dan"], 4);
    let (key, record) = dan.records().next().unwrap();
    let entry = js_sys::Array::of2(&key.kind.as_str().into(), &key.id.as_str().into());
    store_raw("records", entry.into(), &export::record_text(record)).await;
    assert_eq!(names(&load_recent(SINCE, MOVES).await.replica), ["Anna", "Bo"]);
    assert_eq!(names(&loaded().await), ["Anna", "Bo", "Dan"]);
}

#[wasm_bindgen_test]
async fn a_record_in_the_copy_that_cannot_be_read_is_kept_aside_and_the_rest_loads() {
    fresh_years().await;
    // Damaged on disk after the copy was taken, in the records and the copy alike.
    let damaged = js_sys::Array::of2(&"person".into(), &"damaged".into());
    store_raw("records", damaged.clone().into(), r#"{"name": ["#).await;
    keep_first_screen(SINCE, Vec::new).await.unwrap();
    let first = load_recent(SINCE, MOVES).await;
    assert_eq!(names(&first.replica), ["Anna", "Bo"]);
    assert!(
        matches!(&first.problem, Some(LoadError::Unreadable { kept_as, .. }) if kept_as.starts_with(UNREADABLE_PREFIX)),
        "{:?}",
        first.problem
    );
    assert_eq!(kept_copy().await, None, "setting the record aside dropped the copy");
    // Loads without a problem: the damaged record is no longer among the records.
    assert_eq!(names(&loaded().await), ["Anna", "Bo"]);
}
