//! The `RsaPrivateKey` and `RsaPublicKey` classes, for `RSA-SHA1`, `RSA-SHA256` and
//! `RSA-SHA512` (RFC 5849 section 3.4.3), and reading a key from a field that takes
//! either a key object or the key's PEM text or bytes. Every format and every check
//! is the core's ([`oauth1::RsaPrivateKey`], [`oauth1::RsaPublicKey`]).

use crate::args::{self, Body, Fields};
use crate::error::{Outcome, argument, throwing};
use napi::ValueType;
use napi::bindgen_prelude::{ClassInstance, Env, FromNapiValue, JsValue, Unknown};
use napi_derive::napi;
use oauth1::{KeyOptions, Secret};

/// A consumer's RSA private key, for signing with `RSA-SHA1`, `RSA-SHA256` or
/// `RSA-SHA512` (RFC 5849 section 3.4.3): give it to `new Signer({ privateKey })`.
///
/// Reads PEM (`PRIVATE KEY`, `ENCRYPTED PRIVATE KEY`, `RSA PRIVATE KEY`), DER and
/// PKCS#12 (`.p12`/`.pfx`). The key material stays in native memory, is cleared
/// when the key is collected, and is never shown: `util.inspect` prints
/// `RsaPrivateKey { bits: 2048 }`.
///
/// ```js
/// const key = RsaPrivateKey.fromFile('consumer.p12', { password: process.env.KEY_PASSWORD })
/// const signer = new Signer({ consumerKey: 'jira-consumer', privateKey: key, signatureMethod: 'RSA-SHA256' })
/// ```
#[napi]
pub struct RsaPrivateKey {
    pub(crate) inner: oauth1::RsaPrivateKey,
}

#[napi]
impl RsaPrivateKey {
    /// Reads a key from PEM text, or from the bytes of a PEM, DER or PKCS#12 file.
    /// Throws `key_password` (missing or wrong password), `key_type` (a public key,
    /// a certificate or a key that is not RSA), `key_unreadable` or `key_too_short`
    /// (under 2048 bits, unless `allowShortKey`).
    #[napi(
        constructor,
        ts_args_type = "data: string | Uint8Array | ArrayBuffer, options?: RsaPrivateKeyOptions"
    )]
    pub fn new(env: Env, data: Unknown, options: Option<Unknown>) -> napi::Result<Self> {
        const WHAT: &str = "new RsaPrivateKey(data, options)";
        throwing(&env, || {
            let options = key_options(options, WHAT, true)?;
            let data = args::required(
                args::body(args::positional(data)?, WHAT, "data")?,
                WHAT,
                "data",
            )?;
            let inner = with_bytes(data, |d| oauth1::RsaPrivateKey::from_bytes(d, &options))?;
            Ok(RsaPrivateKey { inner })
        })
    }

    /// Reads a key from a PEM, DER or PKCS#12 file; throws as the constructor does,
    /// and `key_unreadable` when the file cannot be read.
    #[napi(
        factory,
        js_name = "fromFile",
        ts_args_type = "path: string, options?: RsaPrivateKeyOptions"
    )]
    pub fn from_file(env: Env, path: Unknown, options: Option<Unknown>) -> napi::Result<Self> {
        throwing(&env, || {
            let options = key_options(options, "RsaPrivateKey.fromFile(path, options)", true)?;
            let path = args::text(path, "RsaPrivateKey.fromFile", "path")?;
            let inner = oauth1::RsaPrivateKey::from_file(path, &options)?;
            Ok(RsaPrivateKey { inner })
        })
    }

    /// The modulus size in bits.
    #[napi(getter)]
    pub fn bits(&self) -> u32 {
        self.inner.bits()
    }

    /// The matching public key, as a server registers it.
    #[napi(js_name = "publicKey")]
    pub fn public_key(&self) -> RsaPublicKey {
        RsaPublicKey {
            inner: self.inner.public_key(),
        }
    }
}

/// A consumer's RSA public key, for verifying `RSA-SHA1`, `RSA-SHA256` and
/// `RSA-SHA512` signatures (RFC 5849 section 3.4.3): a lookup's `consumer` answers
/// with it as `rsaPublicKey`. Reads PEM (`PUBLIC KEY`, `RSA PUBLIC KEY`,
/// `CERTIFICATE`) and DER (SubjectPublicKeyInfo, PKCS#1, X.509 certificate).
/// `util.inspect` prints `RsaPublicKey { bits: 2048 }`.
#[napi]
pub struct RsaPublicKey {
    pub(crate) inner: oauth1::RsaPublicKey,
}

#[napi]
impl RsaPublicKey {
    /// Reads a public key or certificate from PEM text or DER bytes. Throws
    /// `key_type` (a private key, or a key that is not RSA), `key_unreadable` or
    /// `key_too_short` (under 2048 bits, unless `allowShortKey`).
    #[napi(
        constructor,
        ts_args_type = "data: string | Uint8Array | ArrayBuffer, options?: RsaPublicKeyOptions"
    )]
    pub fn new(env: Env, data: Unknown, options: Option<Unknown>) -> napi::Result<Self> {
        const WHAT: &str = "new RsaPublicKey(data, options)";
        throwing(&env, || {
            let options = key_options(options, WHAT, false)?;
            let data = args::required(
                args::body(args::positional(data)?, WHAT, "data")?,
                WHAT,
                "data",
            )?;
            let inner = oauth1::RsaPublicKey::from_bytes(data.bytes(), &options)?;
            Ok(RsaPublicKey { inner })
        })
    }

    /// Reads a public key or certificate from a PEM or DER file; throws as the
    /// constructor does, and `key_unreadable` when the file cannot be read.
    #[napi(
        factory,
        js_name = "fromFile",
        ts_args_type = "path: string, options?: RsaPublicKeyOptions"
    )]
    pub fn from_file(env: Env, path: Unknown, options: Option<Unknown>) -> napi::Result<Self> {
        throwing(&env, || {
            let options = key_options(options, "RsaPublicKey.fromFile(path, options)", false)?;
            let path = args::text(path, "RsaPublicKey.fromFile", "path")?;
            let inner = oauth1::RsaPublicKey::from_file(path, &options)?;
            Ok(RsaPublicKey { inner })
        })
    }

    /// The modulus size in bits.
    #[napi(getter)]
    pub fn bits(&self) -> u32 {
        self.inner.bits()
    }
}

/// The options of a key constructor: `allowShortKey`, and `password` for a private key.
fn key_options(options: Option<Unknown>, what: &'static str, private: bool) -> Outcome<KeyOptions> {
    let known: &[&str] = if private {
        &["password", "allowShortKey"]
    } else {
        &["allowShortKey"]
    };
    let Some(fields) = Fields::optional(options, what, known)? else {
        return Ok(KeyOptions::default());
    };
    let options =
        KeyOptions::default().allow_short_key(fields.boolean("allowShortKey")?.unwrap_or(false));
    Ok(match fields.body("password")? {
        Some(password) => with_bytes(password, |p| options.password(p)),
        None => options,
    })
}

/// Runs `f` on the bytes JavaScript gave; text (PEM, a password) is held as a
/// [`Secret`], so that this copy of it is zeroed when dropped.
fn with_bytes<T>(data: Body, f: impl FnOnce(&[u8]) -> T) -> T {
    match data {
        Body::Text(text) => f(Secret::new(text).expose().as_bytes()),
        bytes => f(bytes.bytes()),
    }
}

/// The `privateKey` of `new Signer(options)`: an `RsaPrivateKey`, or PEM text or
/// bytes read with the default options.
pub fn private_key(fields: &Fields, what: &str) -> Outcome<Option<oauth1::RsaPrivateKey>> {
    key(
        fields,
        what,
        "privateKey",
        "RsaPrivateKey",
        |value| {
            ClassInstance::<RsaPrivateKey>::from_unknown(value)
                .ok()
                .map(|k| k.inner.clone())
        },
        |data| {
            with_bytes(data, |d| {
                oauth1::RsaPrivateKey::from_bytes(d, &KeyOptions::default())
            })
        },
    )
}

/// The `rsaPublicKey` of a lookup's consumer answer: an `RsaPublicKey`, or PEM text
/// or DER bytes read with the default options.
pub fn public_key(fields: &Fields, what: &str) -> Outcome<Option<oauth1::RsaPublicKey>> {
    key(
        fields,
        what,
        "rsaPublicKey",
        "RsaPublicKey",
        |value| {
            ClassInstance::<RsaPublicKey>::from_unknown(value)
                .ok()
                .map(|k| k.inner.clone())
        },
        |data| oauth1::RsaPublicKey::from_bytes(data.bytes(), &KeyOptions::default()),
    )
}

/// A key field: an instance of the key class, or the key's text or bytes.
fn key<'e, T>(
    fields: &Fields<'e>,
    what: &str,
    name: &str,
    class: &str,
    instance: impl FnOnce(Unknown<'e>) -> Option<T>,
    parse: impl FnOnce(Body<'e>) -> Result<T, oauth1::Error>,
) -> Outcome<Option<T>> {
    let Some((value, kind)) = fields.value(name)? else {
        return Ok(None);
    };
    let binary = kind == ValueType::Object && (value.is_typedarray()? || value.is_arraybuffer()?);
    if kind == ValueType::String || binary {
        let data = args::body(Some((value, kind)), what, name)?;
        return Ok(data.map(parse).transpose()?);
    }
    let found = (kind == ValueType::Object)
        .then(|| instance(value))
        .flatten();
    found.map(Some).ok_or_else(|| {
        argument(format!(
            "{what}: `{name}` must be an {class}, PEM text or a Buffer, got {}",
            args::described(value, kind).unwrap_or("an unsupported value")
        ))
    })
}
