//! RSA keys for `RSA-SHA1`, `RSA-SHA256` and `RSA-SHA512` (RFC 5849 section 3.4.3):
//! loading them from PEM, DER and PKCS#12, and the RSASSA-PKCS1-v1_5 operation itself.
//!
//! The cryptography is OpenSSL's (built from source into our binaries): its private-key
//! operation is constant-time and blinded, where RustCrypto's `rsa` is still open to
//! RUSTSEC-2023-0071, and it reads every key format providers hand out.

use crate::error::Error;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use openssl::error::ErrorStack;
use openssl::hash::MessageDigest;
use openssl::pkcs12::Pkcs12;
use openssl::pkey::{HasPublic, Id, PKey, PKeyRef, Private, Public};
use openssl::provider::Provider;
use openssl::rsa::Rsa;
use openssl::x509::X509;
use std::cell::Cell;
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;
use zeroize::Zeroizing;

/// The shortest RSA key accepted unless [`KeyOptions::allow_short_key`] says otherwise.
pub const MIN_RSA_KEY_BITS: u32 = 2048;

/// How to load an RSA key: its password, and whether keys under
/// [`MIN_RSA_KEY_BITS`] are accepted.
///
/// ```
/// use oauth1::KeyOptions;
/// let options = KeyOptions::default().password("s3cret").allow_short_key(true);
/// # let _ = options;
/// ```
#[derive(Clone, Default)]
#[must_use]
pub struct KeyOptions {
    password: Option<Zeroizing<Vec<u8>>>,
    allow_short_key: bool,
}

impl KeyOptions {
    /// The password of an encrypted PKCS#8 or PKCS#1 PEM key, or of a PKCS#12 file.
    pub fn password(mut self, password: impl AsRef<[u8]>) -> Self {
        self.password = Some(Zeroizing::new(password.as_ref().to_vec()));
        self
    }

    /// Accepts keys shorter than 2048 bits, which some old providers still use (the
    /// OAuth Core 1.0 test key and older Jira guides have 1024 bits). Off by default.
    pub fn allow_short_key(mut self, allow: bool) -> Self {
        self.allow_short_key = allow;
        self
    }

    fn password_bytes(&self) -> Option<&[u8]> {
        self.password.as_deref().map(Vec::as_slice)
    }
}

impl fmt::Debug for KeyOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyOptions")
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("allow_short_key", &self.allow_short_key)
            .finish()
    }
}

/// A consumer's RSA private key, for signing with `RSA-SHA1`, `RSA-SHA256` or
/// `RSA-SHA512` (RFC 5849 section 3.4.3).
///
/// It reads PEM (`PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`, `RSA PRIVATE KEY`, also with
/// a legacy `Proc-Type: 4,ENCRYPTED` header), DER (PKCS#8, encrypted PKCS#8, PKCS#1)
/// and PKCS#12. The key material is never shown (`Debug` prints the size alone) and
/// OpenSSL clears it when the last clone is dropped.
///
/// ```
/// # let pem = std::fs::read("../../tests/vectors/keys/rsa-2048.pem").unwrap();
/// use oauth1::{KeyOptions, RsaPrivateKey};
/// let key = RsaPrivateKey::from_bytes(&pem, &KeyOptions::default())?;
/// assert_eq!(key.bits(), 2048);
/// assert_eq!(format!("{key:?}"), "RsaPrivateKey(2048 bits)");
/// # Ok::<(), oauth1::Error>(())
/// ```
#[derive(Clone)]
pub struct RsaPrivateKey {
    key: PKey<Private>,
    /// The public half, derived once when the key is read.
    public: RsaPublicKey,
}

/// A consumer's RSA public key, for verifying `RSA-SHA1`, `RSA-SHA256` and
/// `RSA-SHA512` signatures (RFC 5849 section 3.4.3).
///
/// It reads PEM (`PUBLIC KEY`, `RSA PUBLIC KEY`, `CERTIFICATE`) and DER
/// (SubjectPublicKeyInfo, PKCS#1, X.509 certificate).
#[derive(Clone)]
pub struct RsaPublicKey {
    key: PKey<Public>,
}

impl RsaPrivateKey {
    /// Reads a private key from PEM, DER or PKCS#12 bytes.
    pub fn from_bytes(data: &[u8], options: &KeyOptions) -> Result<Self, Error> {
        let key = read_private(data, options)?;
        check_rsa(&key, options, "private")?;
        let public = public_half(&key)?;
        Ok(RsaPrivateKey { key, public })
    }

    /// Reads a private key from a PEM, DER or PKCS#12 file.
    pub fn from_file(path: impl AsRef<Path>, options: &KeyOptions) -> Result<Self, Error> {
        let data = read_file(path.as_ref())?;
        RsaPrivateKey::from_bytes(&data, options)
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> u32 {
        self.key.bits()
    }

    /// The matching public key, as a server registers it.
    pub fn public_key(&self) -> RsaPublicKey {
        self.public.clone()
    }

    /// The RSASSA-PKCS1-v1_5 signature of `message` with `digest`, as base64
    /// (RFC 5849 section 3.4.3.1).
    pub(crate) fn sign(&self, digest: MessageDigest, message: &[u8]) -> Result<String, Error> {
        let signature = openssl::sign::Signer::new(digest, &self.key)
            .and_then(|mut signer| signer.sign_oneshot_to_vec(message))
            .map_err(|e| Error::InvalidCredentials {
                reason: format!("the RSA key could not sign ({})", reason(&e)),
            })?;
        Ok(BASE64.encode(signature))
    }
}

impl RsaPublicKey {
    /// Reads a public key or an X.509 certificate from PEM or DER bytes.
    pub fn from_bytes(data: &[u8], options: &KeyOptions) -> Result<Self, Error> {
        let key = read_public(data)?;
        check_rsa(&key, options, "public")?;
        Ok(RsaPublicKey { key })
    }

    /// Reads a public key or an X.509 certificate from a PEM or DER file.
    pub fn from_file(path: impl AsRef<Path>, options: &KeyOptions) -> Result<Self, Error> {
        let data = read_file(path.as_ref())?;
        RsaPublicKey::from_bytes(&data, options)
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> u32 {
        self.key.bits()
    }

    /// Whether `signature` (base64) is the RSASSA-PKCS1-v1_5 signature of `message`
    /// with `digest` (RFC 5849 section 3.4.3.2). Anything that is not valid base64 or
    /// does not verify is `false`.
    pub(crate) fn verify(&self, digest: MessageDigest, message: &[u8], signature: &str) -> bool {
        let Ok(signature) = BASE64.decode(signature) else {
            return false;
        };
        openssl::sign::Verifier::new(digest, &self.key)
            .and_then(|mut verifier| verifier.verify_oneshot(&signature, message))
            .unwrap_or(false)
    }
}

impl PartialEq for RsaPublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.key.public_eq(&other.key)
    }
}

impl Eq for RsaPublicKey {}

impl fmt::Debug for RsaPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RsaPrivateKey({} bits)", self.bits())
    }
}

impl fmt::Debug for RsaPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RsaPublicKey({} bits)", self.bits())
    }
}

/// The public half of a private key, as a key of its own.
fn public_half(key: &PKey<Private>) -> Result<RsaPublicKey, Error> {
    let der = key.public_key_to_der().map_err(|e| {
        unreadable(format!(
            "the public half of the key cannot be encoded ({})",
            reason(&e)
        ))
    })?;
    let key = PKey::public_key_from_der(&der)
        .map_err(|e| unreadable(format!("the public key cannot be read ({})", reason(&e))))?;
    Ok(RsaPublicKey { key })
}

/// What a PEM file holds: the label of its first block that `wanted` accepts, or else
/// of its first block. A file exported from a PKCS#12 store often holds certificates
/// and the key together, in either order, and OpenSSL reads the block it is asked for.
fn pem_label(data: &[u8], wanted: impl Fn(&str) -> bool) -> Option<&str> {
    let text = std::str::from_utf8(data).ok()?;
    let mut labels = text.split("-----BEGIN ").skip(1).filter_map(|rest| {
        let end = rest.find("-----")?;
        Some(&rest[..end])
    });
    let first = labels.next()?;
    Some(if wanted(first) {
        first
    } else {
        labels.find(|label| wanted(label)).unwrap_or(first)
    })
}

fn read_private(data: &[u8], options: &KeyOptions) -> Result<PKey<Private>, Error> {
    let password = options.password_bytes();
    // OpenSSL asks for the password only when the key is encrypted.
    let asked = Cell::new(false);
    if let Some(label) = pem_label(data, |label| label.ends_with("PRIVATE KEY")) {
        return match label {
            "PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" | "RSA PRIVATE KEY" => {
                PKey::private_key_from_pem_callback(data, password_callback(password, &asked))
                    .map_err(|e| private_key_error(&e, asked.get(), password.is_some()))
            }
            "PUBLIC KEY" | "RSA PUBLIC KEY" | "CERTIFICATE" => Err(public_where_private(label)),
            other if other.ends_with("PRIVATE KEY") => Err(Error::KeyType {
                reason: format!("the PEM block is an {other}; RSA signing needs an RSA key"),
            }),
            other => Err(unreadable(format!(
                "the PEM block is a {:?}, not a private key",
                crate::url::truncate(other)
            ))),
        };
    }
    if data.trim_ascii().is_empty() {
        return Err(unreadable("the key is empty"));
    }
    // DER: a PKCS#12 file, a PKCS#8 or PKCS#1 key, or an encrypted PKCS#8 key.
    if let Ok(pkcs12) = Pkcs12::from_der(data) {
        return read_pkcs12(&pkcs12, password);
    }
    if let Ok(key) = PKey::private_key_from_der(data) {
        return Ok(key);
    }
    match PKey::private_key_from_pkcs8_callback(data, password_callback(password, &asked)) {
        Ok(key) => return Ok(key),
        Err(e) if asked.get() => return Err(private_key_error(&e, true, password.is_some())),
        Err(_) => {}
    }
    if read_public(data).is_ok() {
        return Err(public_where_private("DER public key or certificate"));
    }
    Err(unreadable(
        "the data is neither PEM nor a DER key nor a PKCS#12 file (a truncated or corrupt file?)",
    ))
}

fn read_pkcs12(pkcs12: &Pkcs12, password: Option<&[u8]>) -> Result<PKey<Private>, Error> {
    let password = match password {
        None => "",
        Some(bytes) => std::str::from_utf8(bytes)
            .ok()
            .filter(|p| !p.contains('\0'))
            .ok_or_else(|| Error::KeyPassword {
                reason: "a PKCS#12 password must be UTF-8 text without NUL characters".into(),
            })?,
    };
    // Older PKCS#12 files (RC2 and 3DES, as older Java keytools make) need OpenSSL's
    // legacy provider, loaded only when such a file comes along.
    let parsed = pkcs12
        .parse2(password)
        .or_else(|e| match legacy_ciphers() {
            true if !is_mac_failure(&e) => pkcs12.parse2(password),
            _ => Err(e),
        })
        .map_err(|e| match () {
            _ if !is_mac_failure(&e) => unreadable(format!(
                "the PKCS#12 file cannot be decrypted ({})",
                reason(&e)
            )),
            _ if password.is_empty() => Error::KeyPassword {
                reason: "the PKCS#12 file is protected by a password; give it".into(),
            },
            _ => Error::KeyPassword {
                reason: "the PKCS#12 password is wrong".into(),
            },
        })?;
    parsed.pkey.ok_or_else(|| Error::KeyType {
        reason: "the PKCS#12 file holds no private key (only certificates)".into(),
    })
}

/// Whether PKCS#12 parsing failed on its integrity check, which is what a wrong
/// password looks like.
fn is_mac_failure(e: &ErrorStack) -> bool {
    e.errors().iter().any(|err| {
        err.reason()
            .is_some_and(|r| r.contains("mac verify failure"))
    })
}

/// Loads OpenSSL's legacy provider (RC2, 3DES with SHA-1 KDFs) once; `false` where it
/// is not built in.
fn legacy_ciphers() -> bool {
    static LEGACY: OnceLock<Option<Provider>> = OnceLock::new();
    LEGACY
        .get_or_init(|| Provider::try_load(None, "legacy", true).ok())
        .is_some()
}

fn read_public(data: &[u8]) -> Result<PKey<Public>, Error> {
    let bad =
        |what: &str, e: ErrorStack| unreadable(format!("the {what} is corrupt ({})", reason(&e)));
    let public = |label: &str| matches!(label, "PUBLIC KEY" | "RSA PUBLIC KEY" | "CERTIFICATE");
    if let Some(label) = pem_label(data, public) {
        return match label {
            "PUBLIC KEY" => PKey::public_key_from_pem(data).map_err(|e| bad("public key", e)),
            "RSA PUBLIC KEY" => Rsa::public_key_from_pem_pkcs1(data)
                .and_then(PKey::from_rsa)
                .map_err(|e| bad("PKCS#1 public key", e)),
            "CERTIFICATE" => X509::from_pem(data)
                .and_then(|cert| cert.public_key())
                .map_err(|e| bad("certificate", e)),
            other if other.ends_with("PRIVATE KEY") => Err(Error::KeyType {
                reason: format!(
                    "the PEM block is a {other}; verifying needs the public key or certificate, never the private key"
                ),
            }),
            other => Err(unreadable(format!(
                "the PEM block is a {:?}, not a public key or certificate",
                crate::url::truncate(other)
            ))),
        };
    }
    PKey::public_key_from_der(data)
        .or_else(|_| Rsa::public_key_from_der_pkcs1(data).and_then(PKey::from_rsa))
        .or_else(|_| X509::from_der(data).and_then(|cert| cert.public_key()))
        .map_err(|_| {
            if PKey::private_key_from_der(data).is_ok() || Pkcs12::from_der(data).is_ok() {
                Error::KeyType {
                    reason: "this is a private key; verifying needs the public key or certificate"
                        .into(),
                }
            } else {
                unreadable("the data is neither PEM nor a DER public key or certificate")
            }
        })
}

/// Checks that the key is RSA and long enough.
fn check_rsa<T: HasPublic>(
    key: &PKeyRef<T>,
    options: &KeyOptions,
    half: &str,
) -> Result<(), Error> {
    if key.id() != Id::RSA {
        return Err(Error::KeyType {
            reason: format!("the {half} key is not an RSA key; RSA-SHA* signatures need one"),
        });
    }
    let bits = key.bits();
    if bits < MIN_RSA_KEY_BITS && !options.allow_short_key {
        return Err(Error::KeyTooShort { bits });
    }
    Ok(())
}

/// Hands OpenSSL the password when it asks, and nothing when there is none, so that it
/// never falls back to prompting on a terminal.
fn password_callback<'a>(
    password: Option<&'a [u8]>,
    asked: &'a Cell<bool>,
) -> impl FnOnce(&mut [u8]) -> Result<usize, ErrorStack> + 'a {
    move |buf: &mut [u8]| {
        asked.set(true);
        match password {
            Some(p) if p.len() <= buf.len() => {
                buf[..p.len()].copy_from_slice(p);
                Ok(p.len())
            }
            _ => Ok(0),
        }
    }
}

fn private_key_error(e: &ErrorStack, encrypted: bool, password_given: bool) -> Error {
    if encrypted && !password_given {
        return Error::KeyPassword {
            reason: "the key is encrypted; give its password".into(),
        };
    }
    if encrypted {
        return Error::KeyPassword {
            reason: "the key's password is wrong".into(),
        };
    }
    unreadable(format!("the PEM key is corrupt ({})", reason(e)))
}

fn public_where_private(what: &str) -> Error {
    Error::KeyType {
        reason: format!(
            "this is a {what}, which holds only the public key; signing needs the private key"
        ),
    }
}

fn unreadable(reason: impl Into<String>) -> Error {
    Error::KeyUnreadable {
        reason: reason.into(),
    }
}

/// OpenSSL's reason for the first error on its stack, such as `bad base64 decode`; it
/// names what failed, never the key's content.
fn reason(e: &ErrorStack) -> String {
    e.errors()
        .first()
        .and_then(|err| err.reason())
        .unwrap_or("no reason given")
        .to_owned()
}

fn read_file(path: &Path) -> Result<Zeroizing<Vec<u8>>, Error> {
    crate::credentials::read_secret_file(path)
        .map_err(|reason| unreadable(format!("{}: {reason}", path.display())))
}
