//! Encrypted exports in a real browser: WebCrypto (which the app uses, off
//! the page's thread) and the core's cipher (which the command line uses)
//! make the same file and open each other's.
#![cfg(target_arch = "wasm32")]

use flok_app::crypto;
use flok_app::i18n::ExportProblem;
use flok_core::sealed::{self, SealError, RANDOM_BYTES};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const RANDOM: [u8; RANDOM_BYTES] = [9; RANDOM_BYTES];
/// Few iterations: the core's PBKDF2 in a debug wasm build is slow.
const FAST: u32 = 2_000;

#[wasm_bindgen_test]
async fn webcrypto_and_the_core_make_the_same_file_and_open_each_others() {
    let plain = br#"{"format":"flok-export","records":{"person":{}}}"#;
    let in_browser = crypto::seal(plain, "kaffe og kage", FAST, RANDOM).await.unwrap();
    let by_core = sealed::seal(plain, "kaffe og kage", FAST, RANDOM).unwrap();
    assert_eq!(in_browser, by_core, "same key, same nonce, same file");
    assert_eq!(sealed::open(in_browser.as_bytes(), "kaffe og kage").unwrap(), plain);
    assert_eq!(crypto::open(by_core.as_bytes(), "kaffe og kage").await.unwrap(), plain);
}

#[wasm_bindgen_test]
async fn a_wrong_passphrase_or_a_short_one_is_refused_in_the_browser() {
    let by_core = sealed::seal(b"hello", "kaffe og kage", FAST, RANDOM).unwrap();
    let refused = |error| ExportProblem::Seal(error);
    let wrong = crypto::open(by_core.as_bytes(), "kaffe og kagE").await;
    assert_eq!(wrong, Err(refused(SealError::WrongPassphraseOrTampered)));
    assert_eq!(crypto::seal(b"hello", "kort", FAST, RANDOM).await, Err(refused(SealError::ShortPassphrase)));
    assert!(matches!(crypto::open(b"{}", "kaffe og kage").await, Err(ExportProblem::Seal(SealError::Damaged(_)))));
}
