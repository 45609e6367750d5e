//! The storage layer in a real browser (headless Chromium, IndexedDB): what
//! is saved is what a reload finds, two tabs never overwrite each other's
//! records, data from earlier builds is migrated, and a value that cannot be
//! read is never destroyed. (A full quota is tested end to end, where the
//! quota can be set through the DevTools protocol.)
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use flok_app::storage::{
    device_id, erase, load, save, stored_text, LoadError, DEVICE_KEY, LEGACY_KEYS, UNREADABLE_PREFIX,
};
use flok_core::export::ImportError;
use flok_core::model::Person;
use flok_core::{export, DeviceId, Id, Replica, Stamp};
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn with_people(names: &[&str], device: u64) -> Replica {
    let mut replica = Replica::new();
    for (n, name) in names.iter().enumerate() {
        let id = Id::from_u128(u128::from(device) << 64 | n as u128);
        let stamp = Stamp { millis: 1_000 + n as u64, counter: 0, device: DeviceId::from_u64(device) };
        replica.put(id, &Person::new(name, day()).unwrap(), stamp);
    }
    replica
}

fn names(replica: &Replica) -> Vec<String> {
    Person::by_name(replica).into_iter().map(|(_, p)| p.name.into()).collect()
}

async fn fresh() {
    erase().await.unwrap();
    LocalStorage::clear();
}

/// Writes `text` as the stored replica, as a damaged or newer value would be.
async fn store_raw(text: &str) {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let open = factory.open_with_u32("flok", 1).unwrap();
    let db: web_sys::IdbDatabase = wait(open.unchecked_ref()).await.dyn_into().unwrap();
    let tx = db.transaction_with_str_and_mode("replica", web_sys::IdbTransactionMode::Readwrite).unwrap();
    let put = tx.object_store("replica").unwrap().put_with_key(&text.into(), &"current".into()).unwrap();
    wait(&put).await;
    db.close();
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
    assert_eq!(load().await, Ok(Replica::new()));
}

#[wasm_bindgen_test]
async fn a_saved_replica_is_what_the_next_load_finds() {
    fresh().await;
    let long = "ø".repeat(10_000);
    let replica = with_people(&["Anna", "<img src=x onerror=alert(1)>", &long], 1);
    save(&replica).await.unwrap();
    // A reload starts from nothing but what storage holds.
    assert_eq!(load().await, Ok(replica));
}

#[wasm_bindgen_test]
async fn a_save_keeps_what_another_tab_saved_meanwhile() {
    fresh().await;
    save(&with_people(&["Anna"], 1)).await.unwrap();
    // The other tab saves Bent; this tab, which never saw Bent, saves Carl.
    save(&with_people(&["Bent"], 2)).await.unwrap();
    save(&with_people(&["Anna", "Carl"], 1)).await.unwrap();
    assert_eq!(names(&load().await.unwrap()), ["Anna", "Bent", "Carl"]);
}

#[wasm_bindgen_test]
async fn two_saves_at_the_same_moment_both_land() {
    fresh().await;
    let first = with_people(&["Anna"], 1);
    let second = with_people(&["Bent"], 2);
    let (a, b) = futures::join!(save(&first), save(&second));
    assert_eq!((a, b), (Ok(()), Ok(())));
    assert_eq!(names(&load().await.unwrap()), ["Anna", "Bent"]);
}

#[wasm_bindgen_test]
async fn an_unreadable_value_is_kept_aside_and_reported() {
    fresh().await;
    let damaged = "{\"format\": \"flok-export\", \"records\": {";
    store_raw(damaged).await;

    let Err(LoadError::Unreadable { kept_as, reason }) = load().await else {
        panic!("a damaged value must be reported");
    };
    assert_eq!(reason, ImportError::Truncated);
    assert!(kept_as.starts_with(UNREADABLE_PREFIX));
    assert_eq!(stored_text(&kept_as).await.as_deref(), Some(damaged));
    // The current key is free again, so the next save cannot overwrite the copy.
    assert_eq!(load().await, Ok(Replica::new()));
    save(&with_people(&["Anna"], 1)).await.unwrap();
    assert_eq!(stored_text(&kept_as).await.as_deref(), Some(damaged));
}

#[wasm_bindgen_test]
async fn data_from_a_newer_version_is_kept_aside_not_overwritten() {
    fresh().await;
    let newer = export::write(&with_people(&["Anna"], 1)).replace("\"version\": \"2.0\"", "\"version\": \"3.0\"");
    store_raw(&newer).await;

    let Err(LoadError::Unreadable { kept_as, reason }) = load().await else {
        panic!("a newer file must be reported");
    };
    assert_eq!(reason, ImportError::NewerVersion { found: "3.0".into() });
    assert_eq!(stored_text(&kept_as).await.as_deref(), Some(newer.as_str()));
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
        let replica = load().await.unwrap();
        assert_eq!(names(&replica), ["Anna"]);
        assert!(LocalStorage::raw().get_item(key).unwrap().is_some(), "kept until saved anew");
        save(&replica).await.unwrap();
        assert_eq!(LocalStorage::raw().get_item(key).unwrap(), None);
        assert_eq!(names(&load().await.unwrap()), ["Anna"]);
    }
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
