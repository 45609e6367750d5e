//! Kiosk mode for a tablet at the counter: everyone expected today and
//! everyone on duty as large buttons (tap to check in or out), a check-in by
//! name for someone else, and a leave button that must be held for two
//! seconds so a passer-by cannot leave by accident.

use std::time::Duration;

use flok_core::duty;
use flok_core::model::Person;
use flok_core::shifts::shifts_between;
use flok_core::Id;
use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};

use crate::components::adding::{chosen, PersonOptions};
use crate::components::field::FormField;
use crate::components::page_heading::PageHeading;
use crate::route::Page;
use crate::state::{use_now, use_store, use_texts};
use flok_core::duty::KINDS_READ;

/// How long the leave button must be held.
pub const HOLD_TO_LEAVE: Duration = Duration::from_secs(2);

#[component]
pub fn KioskPage() -> impl IntoView {
    let (store, words, now) = (use_store(), use_texts(), use_now());
    let message = RwSignal::new(None::<String>);
    // Expected today (by name) and who is on duty, each once; a new day
    // (the kiosk left on overnight) brings its own list.
    let people = Memo::new(move |_| {
        let at = now.at();
        let day = at.date();
        store.with(&KINDS_READ, |r| {
            let here = duty::here(r, at);
            let mut expected = here.clone();
            expected.extend(shifts_between(r, day, day).into_iter().flat_map(|s| s.expected));
            Person::by_name(r)
                .into_iter()
                .filter(|(id, _)| expected.contains(id))
                .map(|(id, p)| (id, p.name.to_string(), here.contains(&id)))
                .collect::<Vec<_>>()
        })
    });
    let tap = move |person: Id, here: bool| {
        let t = words.all();
        let name = store.name_of(person);
        let result = if here {
            store.check_out(person).map(|_| (t.goodbye_person)(&name))
        } else {
            store.check_in(person).map(|_| (t.welcome_person)(&name))
        };
        message.set(Some(result.unwrap_or_else(|refused| t.duty_error(&refused).into())));
    };
    let someone = RwSignal::new(String::new());

    view! {
        <section class="kiosk" aria-labelledby="page-heading">
            <PageHeading text=Signal::derive(move || words.all().page(Page::Kiosk)) />
            <p class="kiosk-message" role="status">{move || message.get()}</p>
            <h2>{move || words.all().expected_today}</h2>
            <ul class="kiosk-people">
                {move || people.get().into_iter().map(|(id, name, here)| {
                    view! {
                        <li>
                            <button type="button" class="kiosk-person" class:here=here on:click=move |_| tap(id, here)>
                                <span class="kiosk-name">{name}</span>
                                <span class="kiosk-action">
                                    {move || if here { words.all().check_out } else { words.all().check_in }}
                                </span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <form class="card" aria-label=move || words.all().someone_else on:submit=move |ev| {
                ev.prevent_default();
                if let Ok(id) = someone.get_untracked().parse::<Id>() {
                    let here = people.with_untracked(|p| p.iter().any(|(p, _, here)| *p == id && *here));
                    tap(id, here);
                }
            }>
                <FormField id="kiosk-someone" label=|w| w.all().someone_else value=someone>
                    <option value="">{move || words.all().choose}</option>
                    <PersonOptions selected=chosen(someone) />
                </FormField>
                <div class="actions">
                    <button type="submit" class="primary">{move || words.all().check_in}</button>
                </div>
            </form>
            <LeaveButton />
        </section>
    }
}

/// Leaves kiosk mode after being held down for [`HOLD_TO_LEAVE`] (by touch,
/// mouse, or a key held on a keyboard); a short tap does nothing.
#[component]
fn LeaveButton() -> impl IntoView {
    let words = use_texts();
    let holding = RwSignal::new(None::<TimeoutHandle>);
    let start = move || {
        if holding.get_untracked().is_some() {
            return;
        }
        let handle = set_timeout_with_handle(
            move || {
                holding.set(None);
                leave();
            },
            HOLD_TO_LEAVE,
        );
        holding.set(handle.ok());
    };
    let stop = move || {
        if let Some(handle) = holding.get_untracked() {
            handle.clear();
            holding.set(None);
        }
    };
    view! {
        <button
            type="button"
            class="leave-kiosk"
            class:holding=move || holding.get().is_some()
            on:pointerdown=move |_| start()
            on:pointerup=move |_| stop()
            on:pointerleave=move |_| stop()
            on:pointercancel=move |_| stop()
            on:keydown=move |ev| if ev.key() == "Enter" || ev.key() == " " { ev.prevent_default(); start() }
            on:keyup=move |_| stop()
            on:contextmenu=|ev| ev.prevent_default()
        >
            {move || words.all().hold_to_leave}
        </button>
    }
}

/// Back to Settings, out of full screen.
fn leave() {
    if document().fullscreen_element().is_some() {
        call_quietly(&document(), "exitFullscreen");
    }
    let _ = window().location().set_hash(&Page::Settings.href());
}

/// Opens kiosk mode full screen (a browser that refuses full screen still
/// shows the kiosk, just with its own bars).
pub fn open() {
    if let Some(root) = document().document_element() {
        call_quietly(&root, "requestFullscreen");
    }
    let _ = window().location().set_hash(&Page::Kiosk.href());
}

/// Calls a full-screen method and settles the promise it returns, so a
/// browser's refusal is not reported as an uncaught error (web-sys's
/// bindings drop the promise).
fn call_quietly(target: &JsValue, method: &str) {
    let function = js_sys::Reflect::get(target, &JsValue::from_str(method))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(promise) =
        function.and_then(|f| f.call0(target).ok()).and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
    {
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}
