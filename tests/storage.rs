//! The storage layer in a real browser (headless Chromium): what is saved is
//! what a reload finds, and a value that cannot be read is never destroyed.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use flok_app::storage::{load_people, save_people, LoadError, PEOPLE_KEY, UNREADABLE_PREFIX};
use flok_core::People;
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
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
fn the_first_load_finds_no_one() {
    LocalStorage::clear();
    assert_eq!(load_people(), Ok(People::new()));
}

#[wasm_bindgen_test]
fn saved_people_are_found_by_the_next_load() {
    LocalStorage::clear();
    let mut people = People::new();
    people.add("Anna", day()).unwrap();
    people.add("<img src=x onerror=alert(1)>", day()).unwrap();
    people.add(&"ø".repeat(10_000), day()).unwrap();
    save_people(&people).unwrap();

    // A reload starts from nothing but what storage holds.
    assert_eq!(load_people(), Ok(people));
}

#[wasm_bindgen_test]
fn a_second_save_replaces_the_first() {
    LocalStorage::clear();
    let mut people = People::new();
    people.add("Anna", day()).unwrap();
    save_people(&people).unwrap();
    people.add("Bent", day()).unwrap();
    save_people(&people).unwrap();
    assert_eq!(load_people().unwrap().len(), 2);
}

#[wasm_bindgen_test]
fn an_unreadable_list_is_kept_aside_and_reported() {
    LocalStorage::clear();
    LocalStorage::raw()
        .set_item(PEOPLE_KEY, "{not json")
        .unwrap();

    let Err(LoadError::Unreadable { kept_as, .. }) = load_people() else {
        panic!("a corrupt value must be reported");
    };
    assert!(kept_as.starts_with(UNREADABLE_PREFIX));
    assert_eq!(raw(&kept_as).as_deref(), Some("{not json"));
    // The main key is free again, so the next save cannot overwrite the copy.
    assert_eq!(raw(PEOPLE_KEY), None);
    assert_eq!(unreadable_keys(), vec![kept_as]);
}

#[wasm_bindgen_test]
fn a_list_from_a_newer_version_is_kept_aside_not_overwritten() {
    LocalStorage::clear();
    let newer = r#"{"version":99,"people":[]}"#;
    LocalStorage::raw().set_item(PEOPLE_KEY, newer).unwrap();

    let Err(LoadError::Unreadable { kept_as, reason }) = load_people() else {
        panic!("a newer document must be reported");
    };
    assert!(reason.contains("newer"), "{reason}");
    assert_eq!(raw(&kept_as).as_deref(), Some(newer));
}

#[wasm_bindgen_test]
fn a_stored_blank_name_makes_the_list_unreadable_rather_than_silently_dropped() {
    LocalStorage::clear();
    let blank = r#"{"version":1,"people":[{"id":"01936f0e-0000-7000-8000-000000000000","name":"  ","added_on":"2026-11-23"}]}"#;
    LocalStorage::raw().set_item(PEOPLE_KEY, blank).unwrap();
    assert!(matches!(load_people(), Err(LoadError::Unreadable { .. })));
    assert_eq!(unreadable_keys().len(), 1);
}
