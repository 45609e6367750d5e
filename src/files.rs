//! Files in and out of the browser: download one, hand one to the phone's
//! share sheet, read a picked one (unpacking a `.flok` file).

use flok_core::export::{self, ImportError};
use leptos::wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, FilePropertyBag, HtmlAnchorElement, Url};

use crate::compression;

/// A file to save or share: its name, bytes and type.
pub struct Outgoing {
    pub name: String,
    pub blob: Blob,
}

/// The mime type of a `.flok` file (gzip data).
const FLOK_MIME: &str = "application/gzip";

impl Outgoing {
    /// `text` as a file of type `mime`.
    pub fn text(name: String, text: &str, mime: &str) -> Result<Self, JsValue> {
        let options = BlobPropertyBag::new();
        options.set_type(mime);
        let blob = Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&JsValue::from_str(text)), &options)?;
        Ok(Self { name, blob })
    }

    /// An export, compressed as a `.flok` file.
    pub async fn flok(name: &str, text: &str) -> Result<Self, JsValue> {
        let plain = Self::text(String::new(), text, "application/json")?;
        let packed = compression::compress(&plain.blob).await?;
        let options = BlobPropertyBag::new();
        options.set_type(FLOK_MIME);
        let blob = Blob::new_with_blob_sequence_and_options(&js_sys::Array::of1(&packed), &options)?;
        let name = name.strip_suffix(".json").map_or_else(|| name.to_owned(), |stem| format!("{stem}.flok"));
        Ok(Self { name, blob })
    }

    /// Offers the file as a download.
    pub fn download(&self) -> Result<(), JsValue> {
        let url = Url::create_object_url_with_blob(&self.blob)?;
        let document = leptos::prelude::document();
        let link: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
        link.set_href(&url);
        link.set_download(&self.name);
        link.click();
        Url::revoke_object_url(&url)
    }

    /// Offers the file through the share sheet (Web Share API with files).
    /// `Ok(false)` when this browser cannot share files, so the caller
    /// downloads instead; a share the person cancels counts as done.
    pub async fn share(&self) -> Result<bool, JsValue> {
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
        options.set_type(&self.blob.type_());
        let file = File::new_with_blob_sequence_and_options(&js_sys::Array::of1(&self.blob), &self.name, &options)?;
        let data = js_sys::Object::new();
        js_sys::Reflect::set(&data, &JsValue::from_str("files"), &js_sys::Array::of1(&file))?;
        js_sys::Reflect::set(&data, &JsValue::from_str("title"), &JsValue::from_str(&self.name))?;
        if !can_share.call1(&navigator, &data)?.is_truthy() {
            return Ok(false);
        }
        let promise: js_sys::Promise = share.call1(&navigator, &data)?.dyn_into()?;
        match JsFuture::from(promise).await {
            Ok(_) => Ok(true),
            Err(error) if error.dyn_ref::<web_sys::DomException>().is_some_and(|e| e.name() == "AbortError") => {
                Ok(true)
            }
            Err(error) => Err(error),
        }
    }
}

/// What a received file turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Packing {
    /// A `.flok` file, unpacked.
    Compressed,
    /// Plain JSON.
    Plain,
}

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum Unread {
    /// The browser could not read it.
    Unreadable,
    /// A picture, not a file of data.
    Picture,
    Invalid(ImportError),
}

/// The bytes of a file the person picked or shared, unpacked if compressed.
pub async fn read(file: &File) -> Result<(Vec<u8>, Packing), Unread> {
    if file.type_().starts_with("image/") {
        return Err(Unread::Picture);
    }
    if file.size() > export::MAX_BYTES as f64 {
        return Err(Unread::Invalid(ImportError::TooLarge { bytes: file.size() as usize, max: export::MAX_BYTES }));
    }
    let start = file.slice_with_i32_and_i32(0, 2).map_err(|_| Unread::Unreadable)?;
    if export::is_compressed(&bytes_of(&start).await?) {
        let plain = compression::decompress(file).await.map_err(Unread::Invalid)?;
        return Ok((plain, Packing::Compressed));
    }
    let named_flok = file.name().to_lowercase().ends_with(&format!(".{}", export::COMPRESSED_EXTENSION));
    if named_flok {
        return Err(Unread::Invalid(ImportError::NotCompressed));
    }
    Ok((bytes_of(file).await?, Packing::Plain))
}

async fn bytes_of(blob: &Blob) -> Result<Vec<u8>, Unread> {
    let buffer = JsFuture::from(blob.array_buffer()).await.map_err(|_| Unread::Unreadable)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
