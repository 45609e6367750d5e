//! Long work (an import, loading years of records) is done in slices, with
//! the page let through between them, so no tap waits behind it for long.

/// How many records one slice reads, compares or merges: about ten
/// milliseconds of work on a mid-range phone.
pub const RECORDS_PER_SLICE: usize = 400;

/// Waits for the next turn of the event loop (a zero timeout), so taps,
/// drawing and other tasks run first.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let waiting = web_sys::window().map(|window| window.set_timeout_with_callback(&resolve));
        if !matches!(waiting, Some(Ok(_))) {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
