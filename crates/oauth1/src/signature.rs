//! Signature methods (RFC 5849 section 3.4) and the OAuth body hash.

use crate::error::Error;
use crate::rsa_key::{RsaPrivateKey, RsaPublicKey};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, KeyInit, Mac};
use openssl::hash::MessageDigest;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha512};
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;
use subtle::ConstantTimeEq;
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
    /// `RSA-SHA1` (section 3.4.3): RSASSA-PKCS1-v1_5 with SHA-1 and the consumer's
    /// private key, as Jira Server and Data Center application links use.
    RsaSha1,
    /// `RSA-SHA256`: as `RSA-SHA1` with SHA-256, as Mastercard's APIs use.
    RsaSha256,
    /// `RSA-SHA512`: as `RSA-SHA1` with SHA-512.
    RsaSha512,
}

impl SignatureMethod {
    /// The name sent in `oauth_signature_method`, such as `HMAC-SHA1`.
    pub fn name(self) -> &'static str {
        match self {
            SignatureMethod::HmacSha1 => "HMAC-SHA1",
            SignatureMethod::HmacSha256 => "HMAC-SHA256",
            SignatureMethod::HmacSha512 => "HMAC-SHA512",
            SignatureMethod::Plaintext => "PLAINTEXT",
            SignatureMethod::RsaSha1 => "RSA-SHA1",
            SignatureMethod::RsaSha256 => "RSA-SHA256",
            SignatureMethod::RsaSha512 => "RSA-SHA512",
        }
    }

    /// Every supported method.
    pub const ALL: [SignatureMethod; 7] = [
        SignatureMethod::HmacSha1,
        SignatureMethod::HmacSha256,
        SignatureMethod::HmacSha512,
        SignatureMethod::Plaintext,
        SignatureMethod::RsaSha1,
        SignatureMethod::RsaSha256,
        SignatureMethod::RsaSha512,
    ];

    /// Whether this is one of the RSA methods (section 3.4.3), which sign with the
    /// consumer's private key instead of the shared secrets.
    pub fn is_rsa(self) -> bool {
        matches!(
            self,
            SignatureMethod::RsaSha1 | SignatureMethod::RsaSha256 | SignatureMethod::RsaSha512
        )
    }

    /// The digest of an RSA method.
    fn rsa_digest(self) -> Option<MessageDigest> {
        match self {
            SignatureMethod::RsaSha1 => Some(MessageDigest::sha1()),
            SignatureMethod::RsaSha256 => Some(MessageDigest::sha256()),
            SignatureMethod::RsaSha512 => Some(MessageDigest::sha512()),
            _ => None,
        }
    }

    /// The `oauth_body_hash` of `body`: base64 of its digest with this method's hash
    /// (SHA-1 for PLAINTEXT and RSA-SHA1), per the OAuth Request Body Hash extension, section 3.1.
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

/// The signing key: for HMAC (section 3.4.2) `enc(consumer_secret) & enc(token_secret)`
/// with the HMAC state already keyed, so that each signature only hashes the base
/// string; for RSA (section 3.4.3) the consumer's private key.
#[derive(Clone)]
pub(crate) enum Key {
    HmacSha1(Hmac<Sha1>),
    HmacSha256(Hmac<Sha256>),
    HmacSha512(Hmac<Sha512>),
    Plaintext(Zeroizing<String>),
    Rsa(RsaPrivateKey, MessageDigest),
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
            SignatureMethod::RsaSha1 | SignatureMethod::RsaSha256 | SignatureMethod::RsaSha512 => {
                return Err(Error::InvalidCredentials {
                    reason: format!(
                        "{method} signs with the consumer's RSA private key, and none was given"
                    ),
                });
            }
        })
    }

    /// The key of an RSA method (section 3.4.3).
    pub fn rsa(method: SignatureMethod, key: RsaPrivateKey) -> Result<Key, Error> {
        let digest = method.rsa_digest().ok_or_else(|| {
            Error::option(format!(
                "an RSA private key was given, but the signature method is {method}; use RSA-SHA1, RSA-SHA256 or RSA-SHA512"
            ))
        })?;
        Ok(Key::Rsa(key, digest))
    }

    /// Signs `base_string` (section 3.4.2: base64 of the HMAC, written into `buf`;
    /// 3.4.3: base64 of the RSA signature; 3.4.4: the key itself).
    pub fn signature<'s>(
        &'s self,
        base_string: &[u8],
        buf: &'s mut [u8; MAX_HMAC_SIGNATURE_LEN],
    ) -> Result<Cow<'s, str>, Error> {
        // The keyed state is cloned for each signature, so the key schedule runs once.
        let len = match self {
            Key::HmacSha1(mac) => encode_mac(mac, base_string, buf),
            Key::HmacSha256(mac) => encode_mac(mac, base_string, buf),
            Key::HmacSha512(mac) => encode_mac(mac, base_string, buf),
            Key::Plaintext(key) => return Ok(Cow::Borrowed(key)),
            Key::Rsa(key, digest) => return key.sign(*digest, base_string).map(Cow::Owned),
        };
        Ok(Cow::Borrowed(crate::encode::ascii(&buf[..len])))
    }

    /// The longest signature this key makes, in bytes of base64.
    pub fn max_signature_len(&self) -> usize {
        match self {
            Key::Rsa(key, _) => (key.bits() as usize).div_ceil(8).div_ceil(3) * 4,
            Key::Plaintext(key) => key.len(),
            _ => MAX_HMAC_SIGNATURE_LEN,
        }
    }

    /// Whether `received` is the signature of `base_string` (section 3.2), compared
    /// in constant time for the shared-secret methods.
    pub fn verifies(&self, base_string: &[u8], received: &str) -> Result<bool, Error> {
        let mut buf = [0u8; MAX_HMAC_SIGNATURE_LEN];
        let expected = self.signature(base_string, &mut buf)?;
        Ok(bool::from(expected.as_bytes().ct_eq(received.as_bytes())))
    }
}

/// Checks an RSA signature (section 3.4.3.2) with the consumer's public key.
pub(crate) fn rsa_verifies(
    method: SignatureMethod,
    key: &RsaPublicKey,
    base_string: &[u8],
    received: &str,
) -> bool {
    method
        .rsa_digest()
        .is_some_and(|digest| key.verify(digest, base_string, received))
}

/// Writes the `oauth_body_hash` of `body` into `buf` and returns it.
pub(crate) fn body_hash_into<'b>(
    method: SignatureMethod,
    body: &[u8],
    buf: &'b mut [u8; MAX_HMAC_SIGNATURE_LEN],
) -> &'b str {
    let len = match method {
        SignatureMethod::HmacSha1 | SignatureMethod::Plaintext | SignatureMethod::RsaSha1 => {
            base64_into(&Sha1::digest(body), buf)
        }
        SignatureMethod::HmacSha256 | SignatureMethod::RsaSha256 => {
            base64_into(&Sha256::digest(body), buf)
        }
        SignatureMethod::HmacSha512 | SignatureMethod::RsaSha512 => {
            base64_into(&Sha512::digest(body), buf)
        }
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
        other => {
            return Err(Error::option(format!("{other} is not an HMAC method")));
        }
    };
    Ok(crate::encode::ascii(&buf[..n]).to_owned())
}
