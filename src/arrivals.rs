//! Files that reach Flok from other apps: opened with Flok (the manifest's
//! `file_handlers`, delivered through `window.launchQueue`) or shared to it
//! (the manifest's `share_target`: the service worker keeps the POSTed file
//! in a cache and opens `?shared#/open`). Either way the file waits in a
//! signal and the Open page takes it to the import preview.

use js_sys::{Array, Function, Promise, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::closure::Closure;
use leptos::wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, File, FilePropertyBag, Response};

use crate::route::Page;

/// The cache the service worker keeps a shared file in (see `pwa/sw.js`).
const SHARED_CACHE: &str = "flok-shared";
/// Its key there.
const SHARED_KEY: &str = "shared-file";

/// A file that arrived and waits for the Open page.
#[derive(Clone, Copy)]
pub struct Arrivals {
    pub file: RwSignal<Option<File>, LocalStorage>,
}

impl Arrivals {
    /// Listens for files opened with Flok, and takes one shared to it.
    pub fn start() -> Self {
        let arrivals = Self { file: RwSignal::new_local(None) };
        arrivals.listen_to_launches();
        if window().location().search().unwrap_or_default().contains("shared") {
            spawn_local(async move {
                if let Some(file) = take_shared().await {
                    arrivals.arrive(file);
                }
            });
        }
        arrivals
    }

    fn arrive(&self, file: File) {
        self.file.set(Some(file));
        let _ = window().location().set_hash(&Page::Open.href()[1..]);
    }

    /// `launchQueue.setConsumer`: each launch with files hands over the first.
    fn listen_to_launches(&self) {
        let Ok(queue) = Reflect::get(&window(), &"launchQueue".into()) else { return };
        let Ok(set_consumer) = Reflect::get(&queue, &"setConsumer".into()).and_then(JsValue::dyn_into::<Function>)
        else {
            return;
        };
        let arrivals = *self;
        let consumer = Closure::<dyn Fn(JsValue)>::new(move |params: JsValue| {
            let handles: Array =
                Reflect::get(&params, &"files".into()).map(|files| Array::from(&files)).unwrap_or_default();
            let Some(handle) = handles.iter().next() else { return };
            spawn_local(async move {
                let get_file = Reflect::get(&handle, &"getFile".into()).and_then(JsValue::dyn_into::<Function>);
                let promise = get_file.and_then(|f| f.call0(&handle)).and_then(JsValue::dyn_into::<Promise>);
                if let Ok(file) = async { JsFuture::from(promise?).await?.dyn_into::<File>() }.await {
                    arrivals.arrive(file);
                }
            });
        });
        let _ = set_consumer.call1(&queue, consumer.as_ref());
        // It lives as long as the page.
        consumer.forget();
    }
}

/// The file the service worker kept from a share, taken out of its cache.
async fn take_shared() -> Option<File> {
    // The address loses its `?shared`: a reload does not import again.
    let _ =
        window().history().ok()?.replace_state_with_url(&JsValue::NULL, "", Some(&format!("./{}", Page::Open.href())));
    let caches = window().caches().ok()?;
    let cache: web_sys::Cache = JsFuture::from(caches.open(SHARED_CACHE)).await.ok()?.dyn_into().ok()?;
    let response: Response = JsFuture::from(cache.match_with_str(SHARED_KEY)).await.ok()?.dyn_into().ok()?;
    let _ = JsFuture::from(cache.delete_with_str(SHARED_KEY)).await;
    let name = response.headers().get("x-flok-name").ok().flatten().unwrap_or_default();
    let name = js_sys::decode_uri_component(&name).map(String::from).unwrap_or(name);
    let blob: Blob = JsFuture::from(response.blob().ok()?).await.ok()?.dyn_into().ok()?;
    let options = FilePropertyBag::new();
    options.set_type(&blob.type_());
    File::new_with_blob_sequence_and_options(&Array::of1(&blob), &name, &options).ok()
}
