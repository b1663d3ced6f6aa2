//! Building a signer and signing requests (RFC 5849 sections 3.1–3.5).

use crate::args::{bytes_arg, handle, handle_mut, optional_str_arg, out_arg, pairs_arg, str_arg};
use crate::error::oauth1_result::{self, *};
use crate::key::oauth1_rsa_private_key;
use crate::output::{free_handle, give_handle};
use crate::signed::oauth1_signed;
use oauth1_core::{
    Credentials, Placement, Provider, Request, Secret, Signed, Signer, SignerBuilder,
    SignerOptions, Wire,
};
use std::ffi::c_char;

/// Where the protocol parameters travel (RFC 5849 section 3.5): one of the
/// `OAUTH1_PLACEMENT_` constants.
pub type oauth1_placement = u32;

/// The `Authorization: OAuth …` header (RFC 5849 section 3.5.1); the default.
pub const OAUTH1_PLACEMENT_HEADER: oauth1_placement = 0;
/// The URL's query (RFC 5849 section 3.5.3); see `oauth1_signed_url()`.
pub const OAUTH1_PLACEMENT_QUERY: oauth1_placement = 1;
/// A form-encoded body (RFC 5849 section 3.5.2); see `oauth1_signed_body()`.
pub const OAUTH1_PLACEMENT_BODY: oauth1_placement = 2;

/// The placement of a C constant: its index in [`Placement::ALL`].
pub(crate) fn placement_from_c(value: oauth1_placement) -> Result<Placement, oauth1_result> {
    // An unknown placement is the core's invalid_option, as in every binding.
    let placement = Placement::ALL.get(value as usize).copied();
    placement.ok_or(OAUTH1_ERR_INVALID_OPTION)
}

/// The C constant of a placement.
pub(crate) fn placement_to_c(value: Placement) -> oauth1_placement {
    let index = Placement::ALL.iter().position(|p| *p == value);
    index.map_or(OAUTH1_PLACEMENT_HEADER, |i| i as oauth1_placement)
}

/// Collects credentials and options for a signer. Not thread-safe: use one builder
/// from one thread at a time. Free it with `oauth1_signer_builder_free()`.
#[derive(Clone)]
pub struct oauth1_signer_builder {
    credentials: Credentials,
    /// What the caller set; the core's defaults apply to the rest.
    pub(crate) options: SignerOptions,
    /// Proves the resource owner's approval: kept as a secret, zeroed when dropped,
    /// and put into the options only to build.
    verifier: Option<Secret>,
    /// The consumer secret was NULL: only a signer with a private key can be built.
    no_consumer_secret: bool,
    /// A preset whose settings apply before the caller's options, which win.
    pub(crate) provider: Option<Provider>,
}

impl oauth1_signer_builder {
    pub(crate) fn from_credentials(credentials: Credentials) -> Self {
        let options = SignerOptions::default();
        oauth1_signer_builder {
            credentials,
            options,
            verifier: None,
            no_consumer_secret: false,
            provider: None,
        }
    }

    /// The core's builder: the preset's settings, then the caller's options over them.
    /// A NULL consumer secret without a private key is `OAUTH1_ERR_INVALID_CREDENTIALS`.
    pub(crate) fn core_builder(&self) -> Result<SignerBuilder, oauth1_result> {
        if self.no_consumer_secret && self.options.private_key.is_none() {
            return Err(OAUTH1_ERR_INVALID_CREDENTIALS);
        }
        let options = SignerOptions {
            verifier: self.verifier.as_ref().map(|v| v.expose().to_owned()),
            ..self.options.clone()
        };
        let builder = Signer::from_credentials(self.credentials.clone());
        let builder = match &self.provider {
            Some(provider) => builder.provider(provider),
            None => builder,
        };
        Ok(builder.options(options))
    }
}

/// Signs requests with one set of credentials and options. Immutable once built and
/// safe to use from many threads at once: every function taking a
/// `const oauth1_signer *` may run concurrently on the same signer. Free it with
/// `oauth1_signer_free()` once no thread uses it.
pub struct oauth1_signer {
    pub(crate) inner: Signer,
}

/// Starts a signer builder from the client credentials (RFC 5849 section 1.1): the
/// consumer key and secret, which LivePerson calls App key and Secret. Every option
/// starts at the core's default, which each setter names.
///
/// `consumer_secret` may be NULL for a consumer that signs with RSA (RFC 5849 section
/// 3.4.3), which uses no shared secret: `oauth1_signer_builder_build()` is then
/// `OAUTH1_ERR_INVALID_CREDENTIALS` unless `oauth1_signer_builder_set_private_key()`
/// gave a key. (`""` is a valid, empty, HMAC secret, not "none".)
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_builder_new(
    consumer_key: *const c_char,
    consumer_secret: *const c_char,
    out: *mut *mut oauth1_signer_builder,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (key, secret, out) = unsafe {
            (str_arg(consumer_key)?, optional_str_arg(consumer_secret)?, out_arg(out)?)
        };
        let credentials =
            Credentials::new(key, secret.unwrap_or(""), None::<String>, None::<String>);
        let builder = oauth1_signer_builder {
            no_consumer_secret: secret.is_none(),
            ..oauth1_signer_builder::from_credentials(credentials)
        };
        give_handle(out, builder)
    }
}

/// Frees a builder; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_builder_free(builder: *mut oauth1_signer_builder) {
    // SAFETY: the caller's contract, forwarded.
    ffi_panic_boundary! { unsafe { free_handle(builder) } }
}

/// Sets (or replaces) the token credentials (RFC 5849 section 2.3): `oauth_token` and
/// its secret, LivePerson's Access token and Access token secret. An empty token
/// means none (two-legged requests); pass `""` as the secret when there is none.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_builder_set_token(
    builder: *mut oauth1_signer_builder,
    token: *const c_char,
    token_secret: *const c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (builder, token, token_secret) =
            unsafe { (handle_mut(builder)?, str_arg(token)?, str_arg(token_secret)?) };
        builder.credentials.token = Some(token.to_owned());
        builder.credentials.token_secret = Some(token_secret.into());
        Ok(())
    }
}

/// Sets the signature method by name (RFC 5849 section 3.4): `"HMAC-SHA1"` (the
/// default without a private key), `"HMAC-SHA256"`, `"HMAC-SHA512"`, `"PLAINTEXT"`, or
/// `"RSA-SHA1"` (the default with one), `"RSA-SHA256"`, `"RSA-SHA512"`; ASCII case
/// ignored. Another name is `OAUTH1_ERR_UNKNOWN_SIGNATURE_METHOD` and leaves the
/// builder as it was. At build, an RSA method without a private key is
/// `OAUTH1_ERR_INVALID_CREDENTIALS`, and a private key with another method
/// `OAUTH1_ERR_INVALID_OPTION`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_builder_set_signature_method(
    builder: *mut oauth1_signer_builder,
    name: *const c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (builder, name) = unsafe { (handle_mut(builder)?, str_arg(name)?) };
        builder.options.signature_method = Some(name.parse()?);
        Ok(())
    }
}

/// Sets (or replaces) the consumer's RSA private key, for `RSA-SHA1` (the default
/// once a key is set), `RSA-SHA256` or `RSA-SHA512` (RFC 5849 section 3.4.3), which
/// use neither the consumer secret nor the token secret. The builder keeps its own
/// reference, so the caller may free `key` right after.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_builder_set_private_key(
    builder: *mut oauth1_signer_builder,
    key: *const oauth1_rsa_private_key,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (builder, key) = unsafe { (handle_mut(builder)?, handle(key)?) };
        builder.options.private_key = Some(key.inner.clone());
        Ok(())
    }
}

/// Sets the `realm` sent first in the Authorization header (RFC 5849 section 3.5.1;
/// the header's realm is not signed, while a `realm` pair in the URL's query or a form
/// body is an ordinary, signed parameter). NULL removes it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_builder_set_realm(
    builder: *mut oauth1_signer_builder,
    realm: *const c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (builder, realm) = unsafe { (handle_mut(builder)?, optional_str_arg(realm)?) };
        builder.options.realm = realm.map(str::to_owned);
        Ok(())
    }
}

/// Whether to send `oauth_version="1.0"` (optional per RFC 5849 section 3.1); on by
/// default.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_builder_set_version(
    builder: *mut oauth1_signer_builder,
    send: bool,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        unsafe { handle_mut(builder)? }.options.version = Some(send);
        Ok(())
    }
}

/// Whether to send `oauth_body_hash` for bodies that are not form-encoded (OAuth
/// Request Body Hash extension); off by default.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_builder_set_body_hash(
    builder: *mut oauth1_signer_builder,
    send: bool,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        unsafe { handle_mut(builder)? }.options.body_hash = Some(send);
        Ok(())
    }
}

/// Seconds added to the system clock for `oauth_timestamp` (RFC 5849 section 3.3); may
/// be negative. `oauth1_clock_offset_from_problem()` computes it from a server's
/// `timestamp_refused` answer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_builder_set_clock_offset(
    builder: *mut oauth1_signer_builder,
    seconds: i64,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        unsafe { handle_mut(builder)? }.options.clock_offset = Some(seconds);
        Ok(())
    }
}

/// Sets the `oauth_callback` sent with every request (RFC 5849 section 2.1), such as
/// `"oob"`; NULL removes it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_builder_set_callback(
    builder: *mut oauth1_signer_builder,
    callback: *const c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (builder, callback) = unsafe { (handle_mut(builder)?, optional_str_arg(callback)?) };
        builder.options.callback = callback.map(str::to_owned);
        Ok(())
    }
}

/// Sets the `oauth_verifier` sent with every request (RFC 5849 section 2.3); NULL
/// removes it.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_builder_set_verifier(
    builder: *mut oauth1_signer_builder,
    verifier: *const c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (builder, verifier) = unsafe { (handle_mut(builder)?, optional_str_arg(verifier)?) };
        builder.verifier = verifier.map(Secret::new);
        Ok(())
    }
}

/// Sets where the protocol parameters go (RFC 5849 section 3.5): one of the
/// `OAUTH1_PLACEMENT_` constants; another value is `OAUTH1_ERR_INVALID_OPTION` and
/// leaves the builder as it was.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_builder_set_placement(
    builder: *mut oauth1_signer_builder,
    placement: oauth1_placement,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let builder = unsafe { handle_mut(builder)? };
        builder.options.placement = Some(placement_from_c(placement)?);
        Ok(())
    }
}

/// Applies the preset of a provider that still uses OAuth 1.0a, by name (ASCII case
/// ignored, such as `"netsuite"`, `"trello"`, `"x"`): its signature method, placement
/// (RFC 5849 section 3.5), `oauth_version`, realm, body hash and empty-token rule.
/// The builder's own setters win over the preset, whether called before or after.
///
/// `values` fills the preset's templates: NULL, or a NULL-terminated array alternating
/// names and values, such as `{"account", "1234567_SB1", NULL}` for NetSuite. Errors:
/// `OAUTH1_ERR_UNKNOWN_PROVIDER` for a name that is not a preset,
/// `OAUTH1_ERR_INVALID_OPTION` for a missing or unknown value, and
/// `OAUTH1_ERR_NULL_PARAMETER` for a name without its value; each leaves the builder
/// as it was. Called again, it replaces the preset.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_builder_set_provider(
    builder: *mut oauth1_signer_builder,
    name: *const c_char,
    values: *const *const c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (builder, name, values) =
            unsafe { (handle_mut(builder)?, str_arg(name)?, pairs_arg(values)?) };
        builder.provider = Some(Provider::get(name, &values)?);
        Ok(())
    }
}

/// Checks the credentials and options and makes a signer (the signing key is prepared
/// here, once). The builder is left as it was and may build more signers. A NULL
/// consumer secret without a private key is `OAUTH1_ERR_INVALID_CREDENTIALS`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_builder_build(
    builder: *const oauth1_signer_builder,
    out: *mut *mut oauth1_signer,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (builder, out) = unsafe { (handle(builder)?, out_arg(out)?) };
        give_handle(out, oauth1_signer { inner: builder.core_builder()?.build()? })
    }
}

/// Frees a signer; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_free(signer: *mut oauth1_signer) {
    // SAFETY: the caller's contract, forwarded.
    ffi_panic_boundary! { unsafe { free_handle(signer) } }
}

/// A new signer like `signer` but with another clock offset, as after a
/// `timestamp_refused` answer (see `oauth1_clock_offset_from_problem()`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_with_clock_offset(
    signer: *const oauth1_signer,
    seconds: i64,
    out: *mut *mut oauth1_signer,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (signer, out) = unsafe { (handle(signer)?, out_arg(out)?) };
        give_handle(out, oauth1_signer { inner: signer.inner.with_clock_offset(seconds) })
    }
}

/// Reads the arguments the sign functions share and signs: with the given nonce and
/// timestamp when `fixed` is set, else a fresh nonce and the clock.
///
/// # Safety
/// The pointer contract of every exported function (crate docs).
unsafe fn sign(
    signer: *const oauth1_signer,
    method: *const c_char,
    url: *const c_char,
    body: *const u8,
    body_len: usize,
    content_type: *const c_char,
    fixed: Option<(*const c_char, i64)>,
) -> Result<Signed, oauth1_result> {
    // SAFETY: the caller's contract, forwarded.
    let (signer, method, url, body, content_type, nonce) = unsafe {
        (
            handle(signer)?,
            str_arg(method)?,
            str_arg(url)?,
            bytes_arg(body, body_len)?,
            optional_str_arg(content_type)?,
            fixed.map(|(nonce, _)| str_arg(nonce)).transpose()?,
        )
    };
    let timestamp = fixed.map(|(_, t)| oauth1_core::unix_seconds(t, "the timestamp"));
    let request = Request {
        body,
        content_type,
        nonce,
        timestamp: timestamp.transpose()?,
        ..Request::new(method, url)
    };
    Ok(signer.inner.sign(&request)?)
}

/// Signs a request (RFC 5849 section 3) with a fresh random nonce and the current
/// time (plus the signer's clock offset).
///
/// `method` is the HTTP method in any case; `url` the full request URL, query
/// included; `body`/`body_len` the entity body (NULL and 0 for none), whose
/// parameters are signed only when `content_type` is
/// `application/x-www-form-urlencoded`; `content_type` may be NULL. On success
/// `*out` is a new `oauth1_signed` to read with the `oauth1_signed_` accessors and
/// free with `oauth1_signed_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_sign(
    signer: *const oauth1_signer,
    method: *const c_char,
    url: *const c_char,
    body: *const u8,
    body_len: usize,
    content_type: *const c_char,
    out: *mut *mut oauth1_signed,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (out, inner) = unsafe {
            (out_arg(out)?, sign(signer, method, url, body, body_len, content_type, None)?)
        };
        give_handle(out, oauth1_signed { inner })
    }
}

/// Signs a request like `oauth1_signer_sign()` with the given `oauth_nonce` and
/// `oauth_timestamp` (seconds since the epoch, positive; RFC 5849 section 3.3), for
/// reproducible signatures and tests. Both are required; a timestamp of 0 or below is
/// `OAUTH1_ERR_INVALID_TIMESTAMP`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_sign_with(
    signer: *const oauth1_signer,
    method: *const c_char,
    url: *const c_char,
    body: *const u8,
    body_len: usize,
    content_type: *const c_char,
    nonce: *const c_char,
    timestamp: i64,
    out: *mut *mut oauth1_signed,
) -> oauth1_result {
    ffi_result! {
        let fixed = Some((nonce, timestamp));
        // SAFETY: the caller's contract, forwarded.
        let (out, inner) = unsafe {
            (out_arg(out)?, sign(signer, method, url, body, body_len, content_type, fixed)?)
        };
        give_handle(out, oauth1_signed { inner })
    }
}

/// Checks the caller's buffer, signs, and copies what goes on the wire into the
/// buffer as `oauth1_signer_sign_into()` says.
///
/// # Safety
/// The pointer contract of every exported function (crate docs).
unsafe fn sign_into(
    sign: impl FnOnce() -> Result<Signed, oauth1_result>,
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> Result<(), oauth1_result> {
    // SAFETY: the caller's contract, forwarded.
    let needed = unsafe { out_arg(needed)? };
    if buf.is_null() && cap > 0 {
        return Err(OAUTH1_ERR_NULL_PARAMETER);
    }
    let signed = sign()?;
    let value = match signed.wire() {
        Wire::Header(header) => header.as_bytes(),
        Wire::Url(url) => url.as_bytes(),
        Wire::Body(body) => body,
    };
    let required = value.len() + 1;
    if cap < required {
        needed.write(required);
        return Err(OAUTH1_ERR_BUFFER_TOO_SMALL);
    }
    // SAFETY: `cap >= required > 0`, so `buf` is not NULL (checked above) and is valid
    // for `cap` bytes per the caller's contract; it cannot overlap `signed`, which this
    // call just made.
    unsafe {
        std::ptr::copy_nonoverlapping(value.as_ptr(), buf.cast::<u8>(), value.len());
        buf.add(value.len()).write(0);
    }
    needed.write(required);
    Ok(())
}

/// Signs a request like `oauth1_signer_sign()` and writes what goes on the wire,
/// NUL-terminated, into the caller's buffer, with no allocation beyond the signing
/// itself: for header placement the Authorization header value (`OAuth …`), for
/// query placement the signed URL, for body placement the signed form body.
///
/// `*needed` is set to the capacity required (the length plus one for the NUL) on
/// success and on `OAUTH1_ERR_BUFFER_TOO_SMALL`, when `buf` is left untouched. `buf`
/// may be NULL when `cap` is 0, to ask for the size. Each call signs anew with a
/// fresh nonce and the clock, and the percent-encoded signature's length varies
/// (`+`, `/` and `=` take three bytes), so retry with `*needed` plus a margin of 64;
/// 1024 bytes fit typical requests in header placement. With a fixed nonce and
/// timestamp (`oauth1_signer_sign_with_into()`) the length is exact.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_sign_into(
    signer: *const oauth1_signer,
    method: *const c_char,
    url: *const c_char,
    body: *const u8,
    body_len: usize,
    content_type: *const c_char,
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        unsafe {
            let signing = || sign(signer, method, url, body, body_len, content_type, None);
            sign_into(signing, buf, cap, needed)
        }
    }
}

/// `oauth1_signer_sign_into()` with the given `oauth_nonce` and `oauth_timestamp`, as in
/// `oauth1_signer_sign_with()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_signer_sign_with_into(
    signer: *const oauth1_signer,
    method: *const c_char,
    url: *const c_char,
    body: *const u8,
    body_len: usize,
    content_type: *const c_char,
    nonce: *const c_char,
    timestamp: i64,
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> oauth1_result {
    ffi_result! {
        let fixed = Some((nonce, timestamp));
        // SAFETY: the caller's contract, forwarded.
        unsafe {
            let signing = || sign(signer, method, url, body, body_len, content_type, fixed);
            sign_into(signing, buf, cap, needed)
        }
    }
}
