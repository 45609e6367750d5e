//! The storage layer in a real browser (headless Chromium): what is saved is
//! what a reload finds, a second tab's records are never overwritten, a full
//! storage damages nothing, and a value that cannot be read is never destroyed.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use flok_app::storage::{
    device_id, load, save, LoadError, SaveError, DEVICE_KEY, LEGACY_PEOPLE_KEY, REPLICA_KEY, UNREADABLE_PREFIX,
};
use flok_core::export::ImportError;
use flok_core::model::Person;
use flok_core::{export, DeviceId, Id, Replica, Stamp};
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn stamp(millis: u64, device: u64) -> Stamp {
    Stamp { millis, counter: 0, device: DeviceId::from_u64(device) }
}

fn with_people(names: &[&str], device: u64) -> Replica {
    let mut replica = Replica::new();
    for (n, name) in names.iter().enumerate() {
        let id = Id::from_u128(u128::from(device) << 64 | n as u128);
        replica.put(id, &Person::new(name, day()).unwrap(), stamp(1_000 + n as u64, device));
    }
    replica
}

fn names(replica: &Replica) -> Vec<String> {
    Person::by_name(replica).into_iter().map(|(_, p)| p.name.into()).collect()
}

fn raw(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).unwrap()
}

fn unreadable_keys() -> Vec<String> {
    let storage = LocalStorage::raw();
    (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .filter(|key| key.starts_with(UNREADABLE_PREFIX))
        .collect()
}

#[wasm_bindgen_test]
fn the_first_load_finds_nothing() {
    LocalStorage::clear();
    assert_eq!(load(), Ok(Replica::new()));
}

#[wasm_bindgen_test]
fn a_saved_replica_is_what_the_next_load_finds() {
    LocalStorage::clear();
    let long = "ø".repeat(10_000);
    let mut replica = with_people(&["Anna", "<img src=x onerror=alert(1)>", &long], 1);
    save(&mut replica).unwrap();
    // A reload starts from nothing but what storage holds.
    assert_eq!(load(), Ok(replica));
}

#[wasm_bindgen_test]
fn a_save_keeps_what_another_tab_saved_meanwhile() {
    LocalStorage::clear();
    let mut this_tab = with_people(&["Anna"], 1);
    save(&mut this_tab).unwrap();
    // The other tab loaded, added Bent and saved; this tab has not seen it.
    let mut other_tab = load().unwrap();
    other_tab.merge(&with_people(&["Bent"], 2));
    save(&mut other_tab).unwrap();

    this_tab.merge(&with_people(&["Carl"], 3));
    save(&mut this_tab).unwrap();
    assert_eq!(names(&this_tab), ["Anna", "Bent", "Carl"]);
    assert_eq!(names(&load().unwrap()), ["Anna", "Bent", "Carl"]);
}

#[wasm_bindgen_test]
fn an_unreadable_value_is_kept_aside_and_reported() {
    LocalStorage::clear();
    LocalStorage::raw().set_item(REPLICA_KEY, "{\"format\": \"flok-export\", \"records\": {").unwrap();

    let Err(LoadError::Unreadable { kept_as, reason }) = load() else {
        panic!("a damaged value must be reported");
    };
    assert_eq!(reason, ImportError::Truncated);
    assert!(kept_as.starts_with(UNREADABLE_PREFIX));
    assert_eq!(raw(&kept_as).as_deref(), Some("{\"format\": \"flok-export\", \"records\": {"));
    // The main key is free again, so the next save cannot overwrite the copy.
    assert_eq!(raw(REPLICA_KEY), None);
    assert_eq!(unreadable_keys(), vec![kept_as]);
}

#[wasm_bindgen_test]
fn data_from_a_newer_version_is_kept_aside_not_overwritten() {
    LocalStorage::clear();
    let newer = export::write(&with_people(&["Anna"], 1)).replace("\"version\": \"2.0\"", "\"version\": \"3.0\"");
    LocalStorage::raw().set_item(REPLICA_KEY, &newer).unwrap();

    let Err(LoadError::Unreadable { kept_as, reason }) = load() else {
        panic!("a newer file must be reported");
    };
    assert_eq!(reason, ImportError::NewerVersion { found: "3.0".into() });
    assert_eq!(raw(&kept_as).as_deref(), Some(newer.as_str()));
}

#[wasm_bindgen_test]
fn the_first_versions_people_list_is_migrated_and_then_retired() {
    LocalStorage::clear();
    let v1 = r#"{"version":1,"people":[{"id":"01936f0e-0000-7000-8000-000000000001","name":"Anna","added_on":"2026-11-20"}]}"#;
    LocalStorage::raw().set_item(LEGACY_PEOPLE_KEY, v1).unwrap();
    let mut replica = load().unwrap();
    assert_eq!(names(&replica), ["Anna"]);
    assert_eq!(raw(LEGACY_PEOPLE_KEY).as_deref(), Some(v1), "kept until the new form is saved");
    save(&mut replica).unwrap();
    assert_eq!(raw(LEGACY_PEOPLE_KEY), None);
    assert_eq!(names(&load().unwrap()), ["Anna"]);
}

#[wasm_bindgen_test]
fn a_full_storage_refuses_the_save_and_damages_nothing() {
    LocalStorage::clear();
    let mut saved = with_people(&["Anna"], 1);
    save(&mut saved).unwrap();

    // Fill the quota with filler, in shrinking chunks, until not even 1,000
    // more characters fit.
    let storage = LocalStorage::raw();
    let mut filler = 0;
    for chunk in [1_000_000, 100_000, 10_000, 1_000] {
        while storage.set_item(&format!("filler.{filler}"), &"x".repeat(chunk)).is_ok() {
            filler += 1;
        }
    }
    let mut bigger = saved.clone();
    bigger.merge(&with_people(&[&"B".repeat(5_000)], 2));
    let result = save(&mut bigger);
    for i in 0..filler {
        storage.remove_item(&format!("filler.{i}")).unwrap();
    }

    assert_eq!(result, Err(SaveError::Full));
    assert_eq!(load(), Ok(saved), "what was saved before is intact");
}

#[wasm_bindgen_test]
fn the_device_id_is_made_once_and_kept() {
    LocalStorage::clear();
    let first = device_id();
    assert_eq!(device_id(), first);
    assert_eq!(raw(DEVICE_KEY), Some(first.to_string()));
    LocalStorage::raw().set_item(DEVICE_KEY, "garbage").unwrap();
    assert_ne!(device_id().to_string(), "garbage");
}
