//! The customer's page: its tokens and the sealing of what customers upload.
//!
//! The installation has one secret, 32 random bytes made at first open and kept in `site_keys`
//! (never logged). From it come two keys, by HMAC with a label: one for page tokens, one for
//! sealing files. A lead's token is `HMAC-SHA256(token key, lead_id ‖ generation)` cut to 128
//! bits and written base64url (22 characters): the server can make it again for the lead's JSON
//! and its messages, nobody can guess it without the key, and only its SHA-256 is stored, so a
//! copy of the database opens no page. Revoking bumps the lead's generation.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut m = <HmacSha256 as Mac>::new_from_slice(key).expect("HMAC takes a key of any length");
    for p in parts {
        m.update(p);
    }
    m.finalize().into_bytes().into()
}

/// The keys derived from the installation's secret.
pub struct SiteKeys {
    token: [u8; 32],
    files: [u8; 32],
    /// Seals the secrets of the settings (an SMS token, passwords): see the settings module.
    settings: [u8; 32],
    /// Signs the mystery shopper's test inquiries (issue 23).
    canary: [u8; 32],
}

impl std::fmt::Debug for SiteKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SiteKeys(…)")
    }
}

/// A sealed file could not be opened: the wrong key, or the bytes were changed.
#[derive(Debug, thiserror::Error)]
#[error("the sealed file does not open with this installation's key")]
pub struct Unsealable;

impl SiteKeys {
    pub fn new(secret: &[u8]) -> SiteKeys {
        SiteKeys {
            token: hmac(secret, &[b"pronto tracking token v1"]),
            files: hmac(secret, &[b"pronto sealed files v1"]),
            settings: hmac(secret, &[b"pronto sealed settings v1"]),
            canary: hmac(secret, &[b"pronto canary token v1"]),
        }
    }

    /// The mark a test inquiry of run `run` carries (a form field, a mail header, a call
    /// event's field): `RUN.SIGNATURE`. Only this installation can make one.
    pub fn canary_token(&self, run: i64) -> String {
        let mac = hmac(&self.canary, &[&run.to_be_bytes()]);
        format!("{run}.{}", URL_SAFE_NO_PAD.encode(&mac[..16]))
    }

    /// The run a mark made by [`SiteKeys::canary_token`] names; `None` for anything else.
    pub fn canary_run(&self, token: &str) -> Option<i64> {
        let (run, _) = token.trim().split_once('.')?;
        let run: i64 = run.parse().ok()?;
        let want = self.canary_token(run);
        // Compared in constant time: the signature is a secret's.
        let (a, b) = (want.as_bytes(), token.trim().as_bytes());
        (a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0).then_some(run)
    }

    /// A fresh secret, for the first open.
    pub fn random_secret() -> [u8; 32] {
        let mut s = [0u8; 32];
        getrandom::fill(&mut s).expect("the operating system's random source failed");
        s
    }

    /// The page token of `lead_id` in its `generation`.
    pub fn token(&self, lead_id: i64, generation: i64) -> String {
        let mac = hmac(&self.token, &[&lead_id.to_be_bytes(), &generation.to_be_bytes()]);
        URL_SAFE_NO_PAD.encode(&mac[..16])
    }

    /// Encrypts `plain` with a random nonce: `nonce ‖ ciphertext ‖ tag`.
    pub fn seal(&self, plain: &[u8]) -> Vec<u8> {
        seal_with(&self.files, plain)
    }

    pub fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, Unsealable> {
        open_with(&self.files, sealed)
    }

    /// A setting's secret sealed with its own key, base64 (what the `settings` row holds).
    pub fn seal_setting(&self, plain: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(seal_with(&self.settings, plain.as_bytes()))
    }

    /// The secret of a `settings` row.
    pub fn open_setting(&self, sealed: &str) -> Result<String, Unsealable> {
        let bytes = base64::engine::general_purpose::STANDARD.decode(sealed).map_err(|_| Unsealable)?;
        String::from_utf8(open_with(&self.settings, &bytes)?).map_err(|_| Unsealable)
    }
}

fn seal_with(key: &[u8; 32], plain: &[u8]) -> Vec<u8> {
    let mut nonce = [0u8; 12];
    getrandom::fill(&mut nonce).expect("the operating system's random source failed");
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    let mut out = nonce.to_vec();
    out.extend(cipher.encrypt(Nonce::from_slice(&nonce), plain).expect("sealing in memory does not fail"));
    out
}

fn open_with(key: &[u8; 32], sealed: &[u8]) -> Result<Vec<u8>, Unsealable> {
    if sealed.len() < 12 + 16 {
        return Err(Unsealable);
    }
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    cipher.decrypt(Nonce::from_slice(&sealed[..12]), &sealed[12..]).map_err(|_| Unsealable)
}

/// What is stored of a token: its SHA-256, hex. Anything may come in (a mistyped link); the
/// work is the same for every input.
pub fn token_hash(token: &str) -> String {
    content_hash(token.as_bytes())
}

/// The SHA-256 of a file's content, hex.
pub fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_stable_per_generation_and_unguessable_without_the_key() {
        let k = SiteKeys::new(&[7u8; 32]);
        let t = k.token(42, 0);
        assert_eq!(t.len(), 22, "128 bits in base64url");
        assert_eq!(t, k.token(42, 0));
        assert_ne!(t, k.token(42, 1), "revoking makes a new token");
        assert_ne!(t, k.token(43, 0));
        assert_ne!(t, SiteKeys::new(&[8u8; 32]).token(42, 0), "another installation, another token");
        assert!(t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(token_hash(&t).len(), 64);
        assert_ne!(token_hash(&t), token_hash(&k.token(42, 1)));
    }

    #[test]
    fn only_this_installation_can_mark_a_test_inquiry() {
        let k = SiteKeys::new(&[7u8; 32]);
        let t = k.canary_token(12);
        assert!(t.starts_with("12."), "{t}");
        assert_eq!(k.canary_run(&t), Some(12));
        assert_eq!(k.canary_run(&format!(" {t}\r\n")), Some(12), "a header's spaces do not matter");
        let forged = t.replacen("12.", "13.", 1);
        for bad in [forged.as_str(), "12", "12.", "x.y", "", &SiteKeys::new(&[8u8; 32]).canary_token(12), &t[..t.len() - 1]] {
            assert_eq!(k.canary_run(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn sealed_files_open_only_with_their_key_and_unchanged() {
        let k = SiteKeys::new(&[1u8; 32]);
        let plain = b"passport number 123456789";
        let sealed = k.seal(plain);
        assert!(!sealed.windows(plain.len()).any(|w| w == plain), "the plain text is not in the sealed bytes");
        assert_ne!(sealed, k.seal(plain), "a fresh nonce each time");
        assert_eq!(k.open(&sealed).unwrap(), plain);
        let mut changed = sealed.clone();
        changed[20] ^= 1;
        assert!(k.open(&changed).is_err());
        assert!(SiteKeys::new(&[2u8; 32]).open(&sealed).is_err());
        assert!(k.open(b"short").is_err());
    }

    #[test]
    fn sealed_settings_open_only_with_their_own_key() {
        let k = SiteKeys::new(&[1u8; 32]);
        let sealed = k.seal_setting("twilio-token-123");
        assert!(!sealed.contains("twilio-token-123"));
        assert_eq!(k.open_setting(&sealed).unwrap(), "twilio-token-123");
        assert!(SiteKeys::new(&[2u8; 32]).open_setting(&sealed).is_err());
        let as_file = base64::engine::general_purpose::STANDARD.decode(&sealed).unwrap();
        assert!(k.open(&as_file).is_err(), "the files' key does not open a setting");
    }
}
