//! Encrypted exports in the browser: the key is derived and the content
//! encrypted by WebCrypto, which works off the page's thread (the core's
//! PBKDF2 in wasm held a phone's page for seconds, and its cipher cost the
//! download 5 KB); the envelope and its checks are the core's
//! (`flok_core::sealed`), which the command line uses with its own cipher.
//! A test checks both make the same file. WebCrypto needs a secure page
//! (https, or this machine): elsewhere encryption is refused in words.

use flok_core::sealed::{self, Cipher, Opening, SealError, Sealing};

use crate::i18n::ExportProblem;
use js_sys::{Array, Object, Reflect, Uint8Array};
use leptos::wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

fn object(members: &[(&str, &JsValue)]) -> Object {
    let object = Object::new();
    for (name, value) in members {
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object
}

/// WebCrypto, where the page may use it (`crypto.subtle` is missing on a
/// page not served over https).
fn subtle() -> Result<SubtleCrypto, ExportProblem> {
    let crypto = web_sys::window().and_then(|w| w.crypto().ok()).ok_or(ExportProblem::NoWebCrypto)?;
    let subtle = Reflect::get(&crypto, &"subtle".into()).ok().filter(|s| !s.is_undefined());
    subtle.map(JsCast::unchecked_into).ok_or(ExportProblem::NoWebCrypto)
}

async fn done(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

/// The AES-GCM key for `cipher`, derived from the passphrase by PBKDF2.
async fn key(subtle: &SubtleCrypto, cipher: &Cipher<'_>, passphrase: &str) -> Result<CryptoKey, JsValue> {
    let raw = Uint8Array::from(passphrase.as_bytes());
    let usage = Array::of1(&"deriveKey".into());
    let base = done(subtle.import_key_with_str("raw", &raw, "PBKDF2", false, &usage)).await?;
    let pbkdf2 = object(&[
        ("name", &"PBKDF2".into()),
        ("hash", &"SHA-256".into()),
        ("salt", &Uint8Array::from(cipher.salt).into()),
        ("iterations", &cipher.iterations.into()),
    ]);
    let aes = object(&[("name", &"AES-GCM".into()), ("length", &256.into())]);
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let key = done(subtle.derive_key_with_object_and_object(&pbkdf2, base.unchecked_ref(), &aes, false, &usages));
    Ok(key.await?.unchecked_into())
}

/// AES-GCM's parameters for `cipher`: its nonce and the authenticated header.
fn gcm(cipher: &Cipher<'_>) -> Object {
    object(&[
        ("name", &"AES-GCM".into()),
        ("iv", &Uint8Array::from(cipher.nonce).into()),
        ("additionalData", &Uint8Array::from(cipher.aad.as_bytes()).into()),
    ])
}

/// Seals `plain` as [`flok_core::sealed::seal`] does (the same file).
pub async fn seal(
    plain: &[u8],
    passphrase: &str,
    iterations: u32,
    random: [u8; sealed::RANDOM_BYTES],
) -> Result<String, ExportProblem> {
    let sealing = Sealing::start(passphrase, iterations, random).map_err(ExportProblem::Seal)?;
    let subtle = subtle()?;
    let cipher = sealing.cipher();
    let encrypted = async {
        let key = key(&subtle, &cipher, passphrase).await?;
        done(subtle.encrypt_with_object_and_u8_array(&gcm(&cipher), &key, plain)).await
    };
    let out = Uint8Array::new(&encrypted.await.map_err(|_| ExportProblem::NoWebCrypto)?).to_vec();
    drop(cipher);
    Ok(sealing.finish(&out))
}

/// Opens a sealed file as [`flok_core::sealed::open`] does: the export's
/// bytes, or why not.
pub async fn open(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>, ExportProblem> {
    let opening = Opening::read(bytes).map_err(ExportProblem::Seal)?;
    let subtle = subtle()?;
    let cipher = opening.cipher();
    let key = key(&subtle, &cipher, passphrase).await.map_err(|_| ExportProblem::NoWebCrypto)?;
    // A wrong passphrase and a changed byte both fail the tag.
    let plain = done(subtle.decrypt_with_object_and_u8_array(&gcm(&cipher), &key, opening.sealed())).await;
    plain
        .map(|plain| Uint8Array::new(&plain).to_vec())
        .map_err(|_| ExportProblem::Seal(SealError::WrongPassphraseOrTampered))
}
