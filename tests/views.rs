//! Views re-render for the data they show, and only for it (headless
//! Chromium, a debug build, whose render counter `flok_app::renders` counts):
//! a check-in does not re-render the People list, the Functions page or
//! Today's next shifts and news (weeks of the group's shifts), editing
//! one person re-renders that person's row alone, and works Today's news out
//! once.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;

use flok_app::pages::functions::FunctionsPage;
use flok_app::pages::people::PeoplePage;
use flok_app::pages::today::TodayPage;
use flok_app::renders::renders;
use flok_app::state::{self, Device, Store};
use flok_core::model::{Agreement, Function, OccurrenceRef};
use flok_core::recurrence::{Recurrence, Schedule};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets timers, storage and the reactive system run for `ms` milliseconds.
async fn settle(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    JsFuture::from(promise).await.unwrap();
}

/// The counts of the views this test watches.
fn counts() -> [u32; 5] {
    ["people-list", "person-row", "functions-list", "next-shifts", "news"].map(renders)
}

#[wasm_bindgen_test]
async fn a_view_re_renders_for_the_kinds_it_shows_only() {
    flok_app::storage::erase().await.unwrap();
    LocalStorage::clear();
    let parent = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&parent).unwrap();
    thread_local!(static STORE: Cell<Option<(Store, Device)>> = const { Cell::new(None) });
    let _mounted = leptos::mount::mount_to(parent.clone().unchecked_into(), || {
        state::provide(Some(flok_app::storage::migration));
        STORE.set(Some((expect_context::<Store>(), state::use_device())));
        view! { <PeoplePage /> <FunctionsPage /> <TodayPage /> }
    });
    let (store, device) = STORE.get().unwrap();
    for _ in 0..50 {
        if store.loaded.get_untracked() {
            break;
        }
        settle(20).await;
    }
    let (anna, _) = store.add_person("Anna").unwrap();
    let (bent, _) = store.add_person("Bent").unwrap();
    store.add_person("Carl").unwrap();
    store.save_function(None, ("Café", ""), Some(anna), "2").unwrap();
    device.set_me(Some(bent));
    settle(50).await;
    let text = parent.text_content().unwrap();
    assert!(text.contains("Anna") && text.contains("Carl") && text.contains("Café"), "{text}");
    let before = counts();
    assert!(before.iter().all(|n| *n > 0), "every watched view rendered: {before:?}");

    store.check_in(bent).unwrap();
    settle(50).await;
    assert_eq!(counts(), before, "a check-in re-rendered (people list, rows, functions, next shifts, news)");

    store.edit_person(bent, "Bent Berg", "", "", "").unwrap();
    settle(50).await;
    let after = counts();
    assert_eq!(after[1], before[1] + 1, "editing one person re-renders one row: {before:?} → {after:?}");
    assert_eq!(after[2], before[2], "editing a person re-rendered the functions list");
    assert!(parent.text_content().unwrap().contains("Bent Berg"));

    // Anna, whose buddy Bent is, cannot come tomorrow: Bent's Today tells him.
    let cafe = store.all::<Function>()[0].0;
    let tomorrow = state::wall_today() + chrono::Duration::days(1);
    let daily =
        Recurrence::Weekly { weekdays: (0..7u8).map(|d| chrono::Weekday::try_from(d).unwrap()).collect(), interval: 1 };
    let at = |h| chrono::NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    let schedule = Schedule::new(daily, at(10), at(12), tomorrow, None).unwrap();
    store.add_agreement(&Agreement { person: anna, function: cafe, schedule, buddy: Some(bent), follows: None });
    let agreement = store.all::<Agreement>()[0].0;
    let occurrence = OccurrenceRef::Agreement { agreement, date: tomorrow };
    store.cancel_shift(anna, occurrence, tomorrow, "ill").unwrap();
    settle(50).await;
    assert!(parent.text_content().unwrap().contains("ill"), "the news of Anna's cancellation is on Today");
    let before = counts();
    store.edit_person(anna, "Anna Ahl", "", "", "").unwrap();
    settle(50).await;
    let after = counts();
    assert_eq!(after[4], before[4] + 1, "the news worked out once for a change: {before:?} → {after:?}");
    assert!(parent.text_content().unwrap().contains("Anna Ahl"));
}
