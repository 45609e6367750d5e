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
/// The most a file may ask for: about 4 s of a phone's WebCrypto at a 4×
/// slower CPU (a file asking for millions would hold an opener for minutes).
pub const MAX_ITERATIONS: u32 = 1_000_000;
// New files must open everywhere.
const _: () = assert!(ITERATIONS <= MAX_ITERATIONS);
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

/// A seal being made: the envelope and what the cipher needs. The core
/// seals with [`seal`]; a browser derives the key and encrypts with its own
/// WebCrypto (off the page's thread), then calls [`Sealing::finish`].
pub struct Sealing {
    envelope: Envelope,
    salt: Vec<u8>,
    nonce: Vec<u8>,
}

impl Sealing {
    /// Checks the passphrase and lays out the envelope; `random` must come
    /// from a cryptographic generator (the browser's `crypto.getRandomValues`).
    pub fn start(passphrase: &str, iterations: u32, random: [u8; RANDOM_BYTES]) -> Result<Self, SealError> {
        if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(SealError::ShortPassphrase);
        }
        let (salt, nonce) = random.split_at(16);
        let envelope = Envelope {
            format: FORMAT.into(),
            version: VERSION.into(),
            cipher: "AES-256-GCM".into(),
            kdf: Kdf { name: "PBKDF2-SHA256".into(), iterations, salt: BASE64.encode(salt) },
            nonce: BASE64.encode(nonce),
            ciphertext: String::new(),
        };
        Ok(Self { envelope, salt: salt.to_vec(), nonce: nonce.to_vec() })
    }

    /// What the key is derived with, and what the cipher uses.
    pub fn cipher(&self) -> Cipher<'_> {
        Cipher::of(&self.envelope, &self.salt, &self.nonce)
    }

    /// The sealed file, given the AES-256-GCM output (ciphertext, then tag).
    pub fn finish(mut self, sealed: &[u8]) -> String {
        self.envelope.ciphertext = BASE64.encode(sealed);
        let mut text = serde_json::to_string_pretty(&self.envelope).expect("an envelope serializes");
        text.push('\n');
        text
    }
}

/// A sealed file being opened: checked, and what the cipher needs.
pub struct Opening {
    envelope: Envelope,
    salt: Vec<u8>,
    nonce: Vec<u8>,
    sealed: Vec<u8>,
}

impl Opening {
    /// Reads and checks the envelope (not yet the passphrase).
    pub fn read(bytes: &[u8]) -> Result<Self, SealError> {
        let envelope: Envelope = serde_json::from_slice(bytes).map_err(|e| SealError::Damaged(e.to_string()))?;
        if envelope.format != FORMAT || envelope.cipher != "AES-256-GCM" || envelope.kdf.name != "PBKDF2-SHA256" {
            return Err(SealError::Damaged("it names a cipher Flok does not use".into()));
        }
        if !(1..=MAX_ITERATIONS).contains(&envelope.kdf.iterations) {
            return Err(SealError::Damaged("its work factor is out of range".into()));
        }
        let decode = |field: &str, text: &str| {
            BASE64.decode(text).map_err(|_| SealError::Damaged(format!("{field} is not base64")))
        };
        let salt = decode("kdf.salt", &envelope.kdf.salt)?;
        let nonce = decode("nonce", &envelope.nonce)?;
        let sealed = decode("ciphertext", &envelope.ciphertext)?;
        if nonce.len() != 12 || salt.len() < 8 {
            return Err(SealError::Damaged("its nonce or salt has the wrong length".into()));
        }
        Ok(Self { envelope, salt, nonce, sealed })
    }

    /// What the key is derived with, and what the cipher uses.
    pub fn cipher(&self) -> Cipher<'_> {
        Cipher::of(&self.envelope, &self.salt, &self.nonce)
    }

    /// The AES-256-GCM output to decrypt (ciphertext, then tag).
    pub fn sealed(&self) -> &[u8] {
        &self.sealed
    }
}

/// What sealing or opening one file takes: PBKDF2-SHA256 over the passphrase
/// with `salt` and `iterations` gives a 256-bit key; AES-GCM with `nonce`
/// authenticates `aad` (the header) with the content.
pub struct Cipher<'a> {
    pub iterations: u32,
    pub salt: &'a [u8],
    pub nonce: &'a [u8],
    pub aad: String,
}

impl<'a> Cipher<'a> {
    fn of(envelope: &Envelope, salt: &'a [u8], nonce: &'a [u8]) -> Self {
        Self { iterations: envelope.kdf.iterations, salt, nonce, aad: header(envelope) }
    }

    /// The key, derived here (the command line, the tests).
    pub fn key(&self, passphrase: &str) -> [u8; 32] {
        let mut key = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passphrase.as_bytes(), self.salt, self.iterations, &mut key);
        key
    }
}

/// Seals `plain` (an export's text) under `passphrase`; `random` must come
/// from a cryptographic generator.
pub fn seal(plain: &[u8], passphrase: &str, iterations: u32, random: [u8; RANDOM_BYTES]) -> Result<String, SealError> {
    let sealing = Sealing::start(passphrase, iterations, random)?;
    let cipher = sealing.cipher();
    let aes = Aes256Gcm::new(&cipher.key(passphrase).into());
    let sealed = aes
        .encrypt(Nonce::from_slice(cipher.nonce), Payload { msg: plain, aad: cipher.aad.as_bytes() })
        .expect("AES-GCM encrypts any message under 64 GiB");
    Ok(sealing.finish(&sealed))
}

/// Opens a sealed file: the export's text, or why not.
pub fn open(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>, SealError> {
    let opening = Opening::read(bytes)?;
    let cipher = opening.cipher();
    let aes = Aes256Gcm::new(&cipher.key(passphrase).into());
    aes.decrypt(Nonce::from_slice(cipher.nonce), Payload { msg: opening.sealed(), aad: cipher.aad.as_bytes() })
        .map_err(|_| SealError::WrongPassphraseOrTampered)
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

    #[test]
    fn a_file_asking_for_more_work_than_a_phone_can_do_is_refused_at_once() {
        let sealed = seal(b"hello volunteers", "kaffe og kage", FAST, RANDOM).unwrap();
        let mut envelope: serde_json::Value = serde_json::from_str(&sealed).unwrap();
        envelope["kdf"]["iterations"] = (MAX_ITERATIONS + 1).into();
        let started = std::time::Instant::now();
        let refused = open(envelope.to_string().as_bytes(), "kaffe og kage");
        assert_eq!(refused, Err(SealError::Damaged("its work factor is out of range".into())));
        assert!(started.elapsed() < std::time::Duration::from_millis(100), "no key was derived");
    }

    #[test]
    fn the_steps_a_browser_takes_give_the_same_file() {
        // The browser derives and encrypts with WebCrypto from what Sealing
        // gives; here the same steps with the core's cipher.
        let sealing = Sealing::start("kaffe og kage", FAST, RANDOM).unwrap();
        let cipher = sealing.cipher();
        let aes = Aes256Gcm::new(&cipher.key("kaffe og kage").into());
        let out = aes.encrypt(Nonce::from_slice(cipher.nonce), Payload { msg: b"hej", aad: cipher.aad.as_bytes() });
        let text = sealing.finish(&out.unwrap());
        assert_eq!(text, seal(b"hej", "kaffe og kage", FAST, RANDOM).unwrap());
        assert_eq!(Opening::read(text.as_bytes()).unwrap().cipher().key("kaffe og kage"), cipher_key());
    }

    fn cipher_key() -> [u8; 32] {
        Sealing::start("kaffe og kage", FAST, RANDOM).unwrap().cipher().key("kaffe og kage")
    }
}
