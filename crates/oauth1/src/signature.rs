//! Signature methods (RFC 5849 section 3.4) and the OAuth body hash.

use crate::error::Error;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha512};
use std::fmt;
use std::str::FromStr;
use zeroize::Zeroizing;

/// How a request is signed (RFC 5849 section 3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum SignatureMethod {
    /// `HMAC-SHA1` (section 3.4.2), the default and what most providers expect.
    #[default]
    HmacSha1,
    /// `HMAC-SHA256`, as NetSuite and Magento require.
    HmacSha256,
    /// `HMAC-SHA512`.
    HmacSha512,
    /// `PLAINTEXT` (section 3.4.4): the signature is the key itself; use only over TLS.
    Plaintext,
}

impl SignatureMethod {
    /// The name sent in `oauth_signature_method`, such as `HMAC-SHA1`.
    pub fn name(self) -> &'static str {
        match self {
            SignatureMethod::HmacSha1 => "HMAC-SHA1",
            SignatureMethod::HmacSha256 => "HMAC-SHA256",
            SignatureMethod::HmacSha512 => "HMAC-SHA512",
            SignatureMethod::Plaintext => "PLAINTEXT",
        }
    }

    /// Every supported method.
    pub const ALL: [SignatureMethod; 4] = [
        SignatureMethod::HmacSha1,
        SignatureMethod::HmacSha256,
        SignatureMethod::HmacSha512,
        SignatureMethod::Plaintext,
    ];

    /// The `oauth_body_hash` of `body`: base64 of its digest with this method's hash
    /// (SHA-1 for PLAINTEXT), per the OAuth Request Body Hash extension, section 3.1.
    ///
    /// ```
    /// use oauth1::SignatureMethod;
    /// assert_eq!(SignatureMethod::HmacSha1.body_hash(b"Hello World!"), "Lve95gjOVATpfV8EL5X4nxwjKHE=");
    /// ```
    pub fn body_hash(self, body: &[u8]) -> String {
        let mut buf = [0u8; MAX_HMAC_SIGNATURE_LEN];
        body_hash_into(self, body, &mut buf).to_owned()
    }
}

impl fmt::Display for SignatureMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for SignatureMethod {
    type Err = Error;

    /// Parses a method name, ignoring ASCII case (`hmac-sha256` is `HMAC-SHA256`).
    fn from_str(name: &str) -> Result<Self, Error> {
        SignatureMethod::ALL
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| Error::UnknownSignatureMethod {
                name: crate::url::truncate(name).to_owned(),
            })
    }
}

/// The signing key of section 3.4.2, `enc(consumer_secret) & enc(token_secret)`,
/// with the HMAC state already keyed so that each signature only hashes the base string.
#[derive(Clone)]
pub(crate) enum Key {
    HmacSha1(Hmac<Sha1>),
    HmacSha256(Hmac<Sha256>),
    HmacSha512(Hmac<Sha512>),
    Plaintext(Zeroizing<String>),
}

/// The longest base64 signature: HMAC-SHA512 is 64 bytes, 88 characters of base64.
pub(crate) const MAX_HMAC_SIGNATURE_LEN: usize = 88;

impl Key {
    /// Builds the key from the two secrets (section 3.4.2, 3.4.4).
    pub fn new(
        method: SignatureMethod,
        consumer_secret: &str,
        token_secret: &str,
    ) -> Result<Key, Error> {
        let mut key = Zeroizing::new(String::with_capacity(
            3 * (consumer_secret.len() + token_secret.len()) + 1,
        ));
        crate::encode::encode_into_string(&mut key, consumer_secret.as_bytes());
        key.push('&');
        crate::encode::encode_into_string(&mut key, token_secret.as_bytes());
        let bytes = key.as_bytes();
        let unusable = |_| Error::InvalidCredentials {
            reason: "the secrets do not make a usable HMAC key".into(),
        };
        Ok(match method {
            SignatureMethod::HmacSha1 => {
                Key::HmacSha1(Hmac::new_from_slice(bytes).map_err(unusable)?)
            }
            SignatureMethod::HmacSha256 => {
                Key::HmacSha256(Hmac::new_from_slice(bytes).map_err(unusable)?)
            }
            SignatureMethod::HmacSha512 => {
                Key::HmacSha512(Hmac::new_from_slice(bytes).map_err(unusable)?)
            }
            SignatureMethod::Plaintext => Key::Plaintext(key),
        })
    }

    /// Signs `base_string` (section 3.4.2: base64 of the HMAC, written into `buf`;
    /// 3.4.4: the key itself).
    pub fn signature<'s>(
        &'s self,
        base_string: &[u8],
        buf: &'s mut [u8; MAX_HMAC_SIGNATURE_LEN],
    ) -> &'s str {
        // The keyed state is cloned for each signature, so the key schedule runs once.
        let len = match self {
            Key::HmacSha1(mac) => encode_mac(mac, base_string, buf),
            Key::HmacSha256(mac) => encode_mac(mac, base_string, buf),
            Key::HmacSha512(mac) => encode_mac(mac, base_string, buf),
            Key::Plaintext(key) => return key,
        };
        crate::encode::ascii(&buf[..len])
    }
}

/// Writes the `oauth_body_hash` of `body` into `buf` and returns it.
pub(crate) fn body_hash_into<'b>(
    method: SignatureMethod,
    body: &[u8],
    buf: &'b mut [u8; MAX_HMAC_SIGNATURE_LEN],
) -> &'b str {
    let len = match method {
        SignatureMethod::HmacSha1 | SignatureMethod::Plaintext => {
            base64_into(&Sha1::digest(body), buf)
        }
        SignatureMethod::HmacSha256 => base64_into(&Sha256::digest(body), buf),
        SignatureMethod::HmacSha512 => base64_into(&Sha512::digest(body), buf),
    };
    crate::encode::ascii(&buf[..len])
}

fn encode_mac<M: Mac + Clone>(
    mac: &M,
    message: &[u8],
    buf: &mut [u8; MAX_HMAC_SIGNATURE_LEN],
) -> usize {
    let mut mac = mac.clone();
    mac.update(message);
    let tag = mac.finalize().into_bytes();
    base64_into(&tag, buf)
}

/// Standard base64 with padding (RFC 4648 section 4) of a digest of at most 64 bytes,
/// written into the caller's stack buffer.
fn base64_into(digest: &[u8], out: &mut [u8; MAX_HMAC_SIGNATURE_LEN]) -> usize {
    // 64 bytes make 88 characters, which is the buffer's size: this cannot fail.
    BASE64.encode_slice(digest, out).unwrap_or_default()
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(***)")
    }
}

/// Computes a raw HMAC signature of `message` with `key` (both as given, nothing encoded)
/// and returns it as base64: the primitive of RFC 5849 section 3.4.2, for tests and
/// for checking a signature by hand.
///
/// ```
/// use oauth1::{hmac_signature, SignatureMethod};
/// assert_eq!(
///     hmac_signature(SignatureMethod::HmacSha1, b"cs&", b"bs").unwrap(),
///     "egQqG5AJep5sJ7anhXju1unge2I="
/// );
/// ```
pub fn hmac_signature(
    method: SignatureMethod,
    key: &[u8],
    message: &[u8],
) -> Result<String, Error> {
    let mut buf = [0u8; MAX_HMAC_SIGNATURE_LEN];
    let invalid = |_| Error::option("the HMAC key is unusable");
    let n = match method {
        SignatureMethod::HmacSha1 => encode_mac(
            &Hmac::<Sha1>::new_from_slice(key).map_err(invalid)?,
            message,
            &mut buf,
        ),
        SignatureMethod::HmacSha256 => encode_mac(
            &Hmac::<Sha256>::new_from_slice(key).map_err(invalid)?,
            message,
            &mut buf,
        ),
        SignatureMethod::HmacSha512 => encode_mac(
            &Hmac::<Sha512>::new_from_slice(key).map_err(invalid)?,
            message,
            &mut buf,
        ),
        SignatureMethod::Plaintext => {
            return Err(Error::option("PLAINTEXT is not an HMAC method"));
        }
    };
    Ok(crate::encode::ascii(&buf[..n]).to_owned())
}
