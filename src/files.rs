//! Files in and out of the browser: download a text file, hand one to the
//! phone's share sheet, read a picked one.

use leptos::wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, FilePropertyBag, HtmlAnchorElement, Url};

/// Offers `text` as a download named `name`.
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = leptos::prelude::document();
    let link: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    Url::revoke_object_url(&url)
}

/// The bytes of a file the person picked.
pub async fn read(file: &File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Offers `text` as a file through the share sheet (Web Share API with
/// files). `Ok(false)` when this browser cannot share files, so the caller
/// downloads instead; a share the person cancels counts as done.
pub async fn share(name: &str, text: &str, mime: &str) -> Result<bool, JsValue> {
    let navigator: JsValue = leptos::prelude::window().navigator().into();
    let method = |name: &str| {
        js_sys::Reflect::get(&navigator, &JsValue::from_str(name))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    };
    let (Some(can_share), Some(share)) = (method("canShare"), method("share")) else {
        return Ok(false);
    };
    let options = FilePropertyBag::new();
    options.set_type(mime);
    let file = File::new_with_str_sequence_and_options(&js_sys::Array::of1(&JsValue::from_str(text)), name, &options)?;
    let data = js_sys::Object::new();
    js_sys::Reflect::set(&data, &JsValue::from_str("files"), &js_sys::Array::of1(&file))?;
    js_sys::Reflect::set(&data, &JsValue::from_str("title"), &JsValue::from_str(name))?;
    if !can_share.call1(&navigator, &data)?.is_truthy() {
        return Ok(false);
    }
    let promise: js_sys::Promise = share.call1(&navigator, &data)?.dyn_into()?;
    match JsFuture::from(promise).await {
        Ok(_) => Ok(true),
        Err(error) if error.dyn_ref::<web_sys::DomException>().is_some_and(|e| e.name() == "AbortError") => Ok(true),
        Err(error) => Err(error),
    }
}
