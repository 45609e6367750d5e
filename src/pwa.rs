//! The service worker (`pwa/sw.js`), which keeps the app shell for offline
//! starts: registered in release builds, and a new version offered ("Reload
//! to update") rather than forced, so nothing is swapped under a person's
//! fingers. Debug builds (`serve.sh --dev`) change constantly and skip it.

use std::cell::RefCell;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
}

/// Registers the worker and sets `update_ready` when a new version has been
/// installed and waits.
pub fn register(update_ready: RwSignal<bool>) {
    if cfg!(debug_assertions) {
        return;
    }
    let container = window().navigator().service_worker();
    let registering = container.register("./sw.js");
    spawn_local(async move {
        let Ok(registration) =
            JsFuture::from(registering).await.and_then(JsValue::dyn_into::<ServiceWorkerRegistration>)
        else {
            return;
        };
        REGISTRATION.with_borrow_mut(|slot| *slot = Some(registration.clone()));
        // A version found while this page was loading may be waiting already,
        // or still installing with its `updatefound` gone before we listened.
        if registration.waiting().is_some() {
            offer(update_ready);
        }
        if let Some(installing) = registration.installing() {
            watch(installing, update_ready);
        }
        let found = registration.clone();
        let on_found = Closure::<dyn Fn()>::new(move || {
            if let Some(installing) = found.installing() {
                watch(installing, update_ready);
            }
        });
        registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        // It lives as long as the page.
        on_found.forget();
        // An installed app may stay open for days; the browser itself looks
        // for a new version only on navigation, so look whenever it is seen.
        let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if !document().hidden() && window().navigator().on_line() {
                // Offline or unreachable, it is simply tried again next time.
                if let Ok(checking) = registration.update() {
                    spawn_local(async move {
                        let _ = JsFuture::from(checking).await;
                    });
                }
            }
        });
    });
}

/// Offers the update once `worker` has installed (it may have already).
fn watch(worker: ServiceWorker, update_ready: RwSignal<bool>) {
    if worker.state() == ServiceWorkerState::Installed {
        offer(update_ready);
        return;
    }
    let installing = worker.clone();
    let on_state = Closure::<dyn Fn()>::new(move || {
        if installing.state() == ServiceWorkerState::Installed {
            offer(update_ready);
        }
    });
    worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
    on_state.forget();
}

/// Shows the notice, unless this is the first install: with no worker in
/// control yet there is nothing to replace.
fn offer(update_ready: RwSignal<bool>) {
    if window().navigator().service_worker().controller().is_some() {
        update_ready.set(true);
    }
}

/// Switches to the waiting version and reloads into it once it controls
/// the page. Stored data is untouched: only the shell changes.
pub fn update() {
    let container = window().navigator().service_worker();
    container.set_oncontrollerchange(Some(
        Closure::once_into_js(|| {
            let _ = window().location().reload();
        })
        .unchecked_ref(),
    ));
    REGISTRATION.with_borrow(|registration| {
        if let Some(waiting) = registration.as_ref().and_then(ServiceWorkerRegistration::waiting) {
            let _ = waiting.post_message(&JsValue::from_str("update"));
        }
    });
}
