//! `.flok` files: exports compressed with gzip by the browser's own
//! `CompressionStream` (no compressor in the wasm), and unpacked a chunk at
//! a time, refused as soon as they pass the import limit — a gzip bomb of a
//! few kilobytes never gets to fill the phone's memory.

use flok_core::export::{ImportError, MAX_BYTES};
use js_sys::{Reflect, Uint8Array};
use leptos::wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, ReadableStream, ReadableStreamDefaultReader, ReadableWritablePair, Response, TransformStream};

/// `blob` compressed, as a blob of its own (never copied into the wasm).
pub async fn compress(blob: &Blob) -> Result<Blob, JsValue> {
    let packed = through(blob, "CompressionStream")?;
    let response = Response::new_with_opt_readable_stream(Some(&packed))?;
    JsFuture::from(response.blob()?).await?.dyn_into()
}

/// `blob` read through a gzip `CompressionStream` or `DecompressionStream`
/// (made by name: web-sys still counts both as unstable).
fn through(blob: &Blob, stream: &str) -> Result<ReadableStream, JsValue> {
    let class: js_sys::Function = Reflect::get(&js_sys::global(), &stream.into())?.dyn_into()?;
    let gzip: TransformStream = Reflect::construct(&class, &js_sys::Array::of1(&"gzip".into()))?.unchecked_into();
    Ok(blob.stream().pipe_through(&ReadableWritablePair::new(&gzip.readable(), &gzip.writable())))
}

/// The bytes of a compressed file, or why they cannot be had.
pub async fn decompress(file: &Blob) -> Result<Vec<u8>, ImportError> {
    let plain = through(file, "DecompressionStream").map_err(|_| ImportError::CompressedDamaged)?;
    let reader: ReadableStreamDefaultReader = plain.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|_| ImportError::CompressedDamaged)?;
        if Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            return Ok(bytes);
        }
        let value: Uint8Array =
            Reflect::get(&chunk, &"value".into()).map_err(|_| ImportError::CompressedDamaged)?.unchecked_into();
        let at = bytes.len();
        if at + value.length() as usize > MAX_BYTES {
            let _ = reader.cancel();
            return Err(ImportError::UnpacksTooLarge { max: MAX_BYTES });
        }
        bytes.resize(at + value.length() as usize, 0);
        value.copy_to(&mut bytes[at..]);
    }
}
