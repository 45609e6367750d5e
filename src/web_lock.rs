//! One thing at a time across this site's tabs, with the Web Locks API: two
//! tabs syncing at once would race for the same checkpoint on the server
//! (a 409). Where the browser has no Web Locks, the work runs at once.

use std::future::Future;

use js_sys::{Function, Promise, Reflect};
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Runs `work` while this tab holds the lock `name`; other tabs asking for
/// it wait their turn.
pub async fn with_lock<T>(name: &str, work: impl Future<Output = T>) -> T {
    let locks = web_sys::window().and_then(|w| Reflect::get(&w.navigator(), &"locks".into()).ok());
    let request = locks.as_ref().and_then(|l| Reflect::get(l, &"request".into()).ok()?.dyn_into::<Function>().ok());
    let (Some(locks), Some(request)) = (locks, request) else { return work.await };
    // The lock is held until the promise the callback returns settles.
    let mut release = None;
    let held = Promise::new(&mut |resolve, _| release = Some(resolve));
    let mut granted_by = None;
    let granted = Promise::new(&mut |resolve, _| granted_by = Some(resolve));
    let callback = Closure::once_into_js(move |_lock: JsValue| {
        if let Some(granted_by) = granted_by {
            let _ = granted_by.call0(&JsValue::NULL);
        }
        held
    });
    if let Ok(asked) = request.call2(&locks, &name.into(), &callback) {
        // A refusal (the page is going away) is not an uncaught error.
        let ignore = Closure::once_into_js(|_: JsValue| {});
        if let Some(catch) = Reflect::get(&asked, &"catch".into()).ok().and_then(|c| c.dyn_into::<Function>().ok()) {
            let _ = catch.call1(&asked, &ignore);
        }
    } else {
        return work.await;
    }
    let _ = JsFuture::from(granted).await;
    let result = work.await;
    if let Some(release) = release {
        let _ = release.call0(&JsValue::NULL);
    }
    result
}
