//! Encrypted exports ("sealed" files) for passing a group's data through
//! e-mail or chat: AES-256-GCM with a key from the group passphrase by
//! PBKDF2-SHA256 (600,000 iterations, the OWASP 2023 figure). The header is
//! authenticated too, so changing any byte of the file, or using the wrong
//! passphrase, is refused. The envelope is in docs/export-format.md.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// What the `format` member of a sealed file says.
pub const FORMAT: &str = "flok-sealed";
pub const VERSION: &str = "1.0";
/// The work factor new files are sealed with.
pub const ITERATIONS: u32 = 600_000;
/// Passphrases shorter than this are refused when sealing.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
/// Random bytes a seal needs: a 16-byte salt and a 12-byte nonce.
pub const RANDOM_BYTES: usize = 28;

#[derive(Serialize, Deserialize)]
struct Envelope {
    format: String,
    version: String,
    cipher: String,
    kdf: Kdf,
    nonce: String,
    ciphertext: String,
}

#[derive(Serialize, Deserialize)]
struct Kdf {
    name: String,
    iterations: u32,
    salt: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SealError {
    #[error("the passphrase must have at least {MIN_PASSPHRASE_CHARS} characters")]
    ShortPassphrase,
    #[error("the passphrase is wrong, or the file was changed after it was sealed")]
    WrongPassphraseOrTampered,
    #[error("the sealed file is damaged: {0}")]
    Damaged(String),
}

/// Whether these bytes are a sealed file (so the import asks for the passphrase).
pub fn is_sealed(bytes: &[u8]) -> bool {
    // Only the envelope is looked at: an ordinary export may be many megabytes.
    crate::scan::member_of(bytes, "format").is_some_and(|format| format == FORMAT)
}

/// Seals `plain` (an export's text) under `passphrase`; `random` must come
/// from a cryptographic generator (the browser's `crypto.getRandomValues`).
pub fn seal(plain: &[u8], passphrase: &str, iterations: u32, random: [u8; RANDOM_BYTES]) -> Result<String, SealError> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(SealError::ShortPassphrase);
    }
    let (salt, nonce) = random.split_at(16);
    let mut envelope = Envelope {
        format: FORMAT.into(),
        version: VERSION.into(),
        cipher: "AES-256-GCM".into(),
        kdf: Kdf { name: "PBKDF2-SHA256".into(), iterations, salt: BASE64.encode(salt) },
        nonce: BASE64.encode(nonce),
        ciphertext: String::new(),
    };
    let cipher = Aes256Gcm::new(&key(passphrase, salt, iterations).into());
    let sealed = cipher
        .encrypt(Nonce::from_slice(nonce), Payload { msg: plain, aad: header(&envelope).as_bytes() })
        .expect("AES-GCM encrypts any message under 64 GiB");
    envelope.ciphertext = BASE64.encode(sealed);
    let mut text = serde_json::to_string_pretty(&envelope).expect("an envelope serializes");
    text.push('\n');
    Ok(text)
}

/// Opens a sealed file: the export's text, or why not.
pub fn open(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>, SealError> {
    let envelope: Envelope = serde_json::from_slice(bytes).map_err(|e| SealError::Damaged(e.to_string()))?;
    if envelope.format != FORMAT || envelope.cipher != "AES-256-GCM" || envelope.kdf.name != "PBKDF2-SHA256" {
        return Err(SealError::Damaged("it names a cipher Flok does not use".into()));
    }
    if !(1..=10_000_000).contains(&envelope.kdf.iterations) {
        return Err(SealError::Damaged("its work factor is out of range".into()));
    }
    let decode =
        |field: &str, text: &str| BASE64.decode(text).map_err(|_| SealError::Damaged(format!("{field} is not base64")));
    let salt = decode("kdf.salt", &envelope.kdf.salt)?;
    let nonce = decode("nonce", &envelope.nonce)?;
    let sealed = decode("ciphertext", &envelope.ciphertext)?;
    if nonce.len() != 12 || salt.len() < 8 {
        return Err(SealError::Damaged("its nonce or salt has the wrong length".into()));
    }
    let cipher = Aes256Gcm::new(&key(passphrase, &salt, envelope.kdf.iterations).into());
    cipher
        .decrypt(Nonce::from_slice(&nonce), Payload { msg: &sealed, aad: header(&envelope).as_bytes() })
        .map_err(|_| SealError::WrongPassphraseOrTampered)
}

fn key(passphrase: &str, salt: &[u8], iterations: u32) -> [u8; 32] {
    let mut key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passphrase.as_bytes(), salt, iterations, &mut key);
    key
}

/// Every header member, authenticated with the ciphertext.
fn header(e: &Envelope) -> String {
    format!("{}|{}|{}|{}|{}|{}|{}", e.format, e.version, e.cipher, e.kdf.name, e.kdf.iterations, e.kdf.salt, e.nonce)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RANDOM: [u8; RANDOM_BYTES] = [7; RANDOM_BYTES];
    /// Few iterations keep the debug-build tests quick; the work factor is in the file.
    const FAST: u32 = 1_000;

    #[test]
    fn a_sealed_file_opens_with_its_passphrase_only() {
        let plain = br#"{"format":"flok-export","version":"2.0","records":{}}"#;
        let sealed = seal(plain, "kaffe og kage", FAST, RANDOM).unwrap();
        assert!(is_sealed(sealed.as_bytes()));
        assert!(!is_sealed(plain));
        assert!(!sealed.contains("flok-export"), "the content is not readable");
        assert_eq!(open(sealed.as_bytes(), "kaffe og kage").unwrap(), plain);
        assert_eq!(open(sealed.as_bytes(), "kaffe og kagE"), Err(SealError::WrongPassphraseOrTampered));
        assert_eq!(seal(plain, "kort", FAST, RANDOM), Err(SealError::ShortPassphrase));
    }

    #[test]
    fn any_change_to_the_file_is_refused() {
        let sealed = seal(b"hello volunteers", "kaffe og kage", FAST, RANDOM).unwrap();
        let mut envelope: serde_json::Value = serde_json::from_str(&sealed).unwrap();
        envelope["kdf"]["iterations"] = (FAST + 1).into();
        let changed = envelope.to_string();
        assert_eq!(open(changed.as_bytes(), "kaffe og kage"), Err(SealError::WrongPassphraseOrTampered));

        let mut bytes: Vec<u8> = BASE64
            .decode(serde_json::from_str::<serde_json::Value>(&sealed).unwrap()["ciphertext"].as_str().unwrap())
            .unwrap();
        bytes[3] ^= 1;
        let mut envelope: serde_json::Value = serde_json::from_str(&sealed).unwrap();
        envelope["ciphertext"] = BASE64.encode(bytes).into();
        assert_eq!(open(envelope.to_string().as_bytes(), "kaffe og kage"), Err(SealError::WrongPassphraseOrTampered));
        assert!(matches!(open(b"{}", "x"), Err(SealError::Damaged(_))));
    }
}
