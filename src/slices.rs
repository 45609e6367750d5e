//! Long work (checking and merging an import; a sync) is done in
//! slices, with the page let through between them, so no tap waits behind
//! it for long. A slice is measured in time, not records: on a slow phone
//! it does less.

use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::JsCast;

/// How many records one step reads, compares or merges: a fraction of a
/// millisecond, so a slice ends close to its time.
pub const RECORDS_PER_STEP: usize = 50;

/// How long one slice may keep the page busy: well under the 50 ms after
/// which a tap feels held up, with room for the drawing that follows.
const SLICE_MS: f64 = 10.0;

/// The slice being worked in.
pub struct Slice {
    started: f64,
}

impl Slice {
    pub fn start() -> Self {
        Self { started: now() }
    }

    /// Whether this slice has had its time.
    pub fn spent(&self) -> bool {
        now() - self.started >= SLICE_MS
    }

    /// Lets the page through, then starts the next slice.
    pub async fn next(&mut self) {
        next_task().await;
        self.started = now();
    }
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Waits for the next turn of the event loop, so taps, drawing and other
/// tasks run first. A message to itself, not a zero timeout: browsers hold
/// back nested timeouts by 4 ms each, which would idle an import for long.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Ok(channel) = web_sys::MessageChannel::new() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        let port = channel.port1();
        let resolved = resolve.clone();
        let on_message = Closure::once_into_js(move || {
            let _ = resolved.call0(&wasm_bindgen::JsValue::NULL);
        });
        port.set_onmessage(Some(on_message.unchecked_ref()));
        if channel.port2().post_message(&wasm_bindgen::JsValue::NULL).is_err() {
            port.set_onmessage(None);
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A signal that turns true a task after now: a part of a page drawn after
/// the rest (a long table), so that no one task is long. (The page may be
/// left before: then nothing is drawn.)
pub fn after_this_task() -> leptos::prelude::RwSignal<bool> {
    use leptos::prelude::*;
    let drawn = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        next_task().await;
        let _ = drawn.try_set(true);
    });
    drawn
}

/// How many rows a long list draws when its page opens: a phone's screenful.
const FIRST_ROWS: usize = 20;

/// How many more each later frame draws: on a phone 4× slower than this
/// machine, 20 people or agreements take 15–30 ms.
const ROWS_PER_PART: usize = 20;

/// How many of a list's `rows` to draw: a screenful at once, then more a
/// frame at a time, so that opening a page of 200 people or 400
/// agreements keeps no task long (all at once took 130–700 ms at 4×).
/// Once all are drawn it is unbounded, so a row added later shows at once.
/// (A page left before stops it.)
pub fn rows_in_parts(rows: leptos::prelude::Signal<usize>) -> leptos::prelude::Signal<usize> {
    use leptos::prelude::*;
    let drawn = RwSignal::new(FIRST_ROWS);
    leptos::task::spawn_local(async move {
        loop {
            next_frame().await;
            next_task().await;
            let (Some(now), Some(all)) = (drawn.try_get_untracked(), rows.try_get_untracked()) else { return };
            let more = if now >= all { usize::MAX } else { now + ROWS_PER_PART };
            if drawn.try_set(more).is_some() || more == usize::MAX {
                return;
            }
        }
    });
    drawn.into()
}

/// Waits for the next frame to be drawn.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if web_sys::window().and_then(|w| w.request_animation_frame(&resolve).ok()).is_none() {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits `ms` milliseconds without keeping the page busy.
pub async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let waited = web_sys::window().map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms));
        if !matches!(waited, Some(Ok(_))) {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
