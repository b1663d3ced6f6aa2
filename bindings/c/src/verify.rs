//! The server side: verifying a signed request (RFC 5849 section 3.2) with secrets
//! found through a C callback, an optional in-memory nonce store and options.

use crate::args::{bytes_arg, handle, handle_mut, optional_str_arg, out_arg, str_arg};
use crate::error::oauth1_result::{self, *};
use crate::output::{free_handle, give_handle, give_string};
use crate::rejection::oauth1_rejection;
use crate::signer::{oauth1_placement, placement_to_c};
use oauth1_core::{
    MemoryNonceStore, ReceivedRequest, Secret, SecretLookup, SignatureMethod, Verified,
    VerifyOptions,
};
use std::ffi::{CString, c_char, c_void};
use std::sync::Arc;

/// Where a secret lookup callback puts the secret it found, with
/// `oauth1_secret_sink_set()`. Valid only during the callback.
#[allow(non_camel_case_types)] // C name
pub struct oauth1_secret_sink {
    secret: Option<Secret>,
}

/// Finds a secret for `oauth1_verify()`. Called with the request's `consumer_key` and
/// `token` NULL to ask for the consumer secret, then, if the request names a token,
/// with that `token` to ask for its token secret. To answer, call
/// `oauth1_secret_sink_set(sink, secret)` (the secret is copied, so it may be freed
/// right after); to say the key or token is unknown, return without calling it, and
/// verification fails with `OAUTH1_ERR_CONSUMER_KEY_UNKNOWN` or
/// `OAUTH1_ERR_TOKEN_REJECTED`. The strings passed in are valid during the call only.
/// The callback runs on the thread that called `oauth1_verify()` and must not unwind
/// or `longjmp` out.
#[allow(non_camel_case_types)] // C name
pub type oauth1_secret_lookup_fn = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        consumer_key: *const c_char,
        token: *const c_char,
        sink: *mut oauth1_secret_sink,
    ),
>;

/// Answers a secret lookup with `secret` (copied; an empty string is a valid secret).
///
/// # Safety
/// `sink` is NULL or the sink passed to the running callback; `secret` is NULL or a
/// NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_secret_sink_set(
    sink: *mut oauth1_secret_sink,
    secret: *const c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (sink, secret) = unsafe { (handle_mut(sink)?, str_arg(secret)?) };
        sink.secret = Some(Secret::new(secret));
        Ok(())
    }
}

/// The C callback as a [`SecretLookup`].
struct CallbackLookup {
    lookup:
        unsafe extern "C" fn(*mut c_void, *const c_char, *const c_char, *mut oauth1_secret_sink),
    user_data: *mut c_void,
}

impl CallbackLookup {
    fn ask(&self, consumer_key: &str, token: Option<&str>) -> Option<Secret> {
        // A name with an interior NUL (sent as %00) cannot be passed to C: unknown.
        let key = CString::new(consumer_key).ok()?;
        let token = match token {
            Some(t) => Some(CString::new(t).ok()?),
            None => None,
        };
        let mut sink = oauth1_secret_sink { secret: None };
        // SAFETY: the strings are NUL-terminated and outlive the call, the sink is a
        // live local, and the callback and `user_data` are the caller's, who promised
        // a callable function that does not unwind.
        unsafe {
            (self.lookup)(
                self.user_data,
                key.as_ptr(),
                token.as_ref().map_or(std::ptr::null(), |t| t.as_ptr()),
                &mut sink,
            );
        }
        sink.secret
    }
}

impl SecretLookup for CallbackLookup {
    fn consumer_secret(&self, consumer_key: &str) -> Option<Secret> {
        self.ask(consumer_key, None)
    }

    fn token_secret(&self, consumer_key: &str, token: &str) -> Option<Secret> {
        self.ask(consumer_key, Some(token))
    }
}

/// Remembers nonces in memory so that a request cannot be replayed (RFC 5849 section
/// 3.3), bounded in size. Safe to share between threads and between options; free it
/// with `oauth1_nonce_store_free()` (options holding it keep it alive).
#[allow(non_camel_case_types)] // C name
pub struct oauth1_nonce_store {
    inner: Arc<MemoryNonceStore>,
}

/// A nonce store for at most `capacity` nonces, each kept `window_seconds` past its
/// timestamp; `window_seconds` should be at least the verifier's maximum clock skew
/// (300 seconds by default). 100000 and 300 are good defaults.
///
/// # Safety
/// `out` is NULL or valid for writing a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_nonce_store_new(
    capacity: usize,
    window_seconds: u64,
    out: *mut *mut oauth1_nonce_store,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let out = unsafe { out_arg(out)? };
        let inner = Arc::new(MemoryNonceStore::new(capacity, window_seconds));
        give_handle(out, oauth1_nonce_store { inner })
    }
}

/// How many nonces the store holds now.
///
/// # Safety
/// `store` is NULL or a live store; `out` is NULL or valid for writing a `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_nonce_store_len(
    store: *const oauth1_nonce_store,
    out: *mut usize,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (store, out) = unsafe { (handle(store)?, out_arg(out)?) };
        out.write(store.inner.len());
        Ok(())
    }
}

/// Releases the caller's reference to a store; NULL does nothing.
///
/// # Safety
/// `store` is NULL or a store not yet freed that no other thread is using through
/// this pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_nonce_store_free(store: *mut oauth1_nonce_store) {
    // SAFETY: the caller's contract, forwarded.
    ffi_panic_boundary! { unsafe { free_handle(store) } }
}

/// Options for `oauth1_verify()`. Not thread-safe while being changed; once set up,
/// one options object may be used by many concurrent `oauth1_verify()` calls. Free
/// it with `oauth1_verify_options_free()`.
#[allow(non_camel_case_types)] // C name
pub struct oauth1_verify_options {
    now: Option<u64>,
    max_skew: u64,
    nonce_store: Option<Arc<MemoryNonceStore>>,
    methods: Vec<SignatureMethod>,
}

/// Options with the defaults: the system clock, 300 seconds of allowed clock skew,
/// no nonce store (replays go undetected), every signature method accepted.
///
/// # Safety
/// `out` is NULL or valid for writing a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verify_options_new(
    out: *mut *mut oauth1_verify_options,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let out = unsafe { out_arg(out)? };
        let defaults = VerifyOptions::default();
        give_handle(
            out,
            oauth1_verify_options {
                now: defaults.now,
                max_skew: defaults.max_skew,
                nonce_store: None,
                methods: defaults.signature_methods.to_vec(),
            },
        )
    }
}

/// Frees options; NULL does nothing.
///
/// # Safety
/// `options` is NULL or options not yet freed that no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verify_options_free(options: *mut oauth1_verify_options) {
    // SAFETY: the caller's contract, forwarded.
    ffi_panic_boundary! { unsafe { free_handle(options) } }
}

/// Fixes the server's "now" in seconds since the epoch, for tests; 0 means the system
/// clock (the default).
///
/// # Safety
/// `options` is NULL or live options used by this thread alone.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verify_options_set_now(
    options: *mut oauth1_verify_options,
    now: u64,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        unsafe { handle_mut(options)? }.now = (now != 0).then_some(now);
        Ok(())
    }
}

/// How far `oauth_timestamp` may be from now, in seconds (RFC 5849 section 3.3); 300
/// by default.
///
/// # Safety
/// `options` is NULL or live options used by this thread alone.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verify_options_set_max_skew(
    options: *mut oauth1_verify_options,
    seconds: u64,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        unsafe { handle_mut(options)? }.max_skew = seconds;
        Ok(())
    }
}

/// Uses `store` to catch replayed nonces (the options keep their own reference, so
/// the store may be freed before them); NULL stops using one.
///
/// # Safety
/// `options` is NULL or live options used by this thread alone; `store` is NULL or a
/// live store.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verify_options_set_nonce_store(
    options: *mut oauth1_verify_options,
    store: *const oauth1_nonce_store,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded; a NULL store is allowed.
        let (options, store) = unsafe { (handle_mut(options)?, store.as_ref()) };
        options.nonce_store = store.map(|s| Arc::clone(&s.inner));
        Ok(())
    }
}

/// Accepts only the signature methods named in `methods`, a comma-separated list
/// such as `"HMAC-SHA256,HMAC-SHA512"` (ASCII case and spaces ignored); others are
/// `OAUTH1_ERR_SIGNATURE_METHOD_REJECTED`. An unknown name is
/// `OAUTH1_ERR_UNKNOWN_SIGNATURE_METHOD`, an empty list `OAUTH1_ERR_INVALID_ARGUMENT`;
/// either leaves the options as they were.
///
/// # Safety
/// `options` is NULL or live options used by this thread alone; `methods` is NULL or
/// a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verify_options_set_signature_methods(
    options: *mut oauth1_verify_options,
    methods: *const c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (options, methods) = unsafe { (handle_mut(options)?, str_arg(methods)?) };
        let parsed = methods
            .split(',')
            .filter(|m| !m.trim().is_empty())
            .map(str::parse)
            .collect::<Result<Vec<SignatureMethod>, _>>()?;
        if parsed.is_empty() {
            return Err(OAUTH1_ERR_INVALID_ARGUMENT);
        }
        options.methods = parsed;
        Ok(())
    }
}

/// A request that verified: what it was signed with. Immutable; free it with
/// `oauth1_verified_free()`.
#[allow(non_camel_case_types)] // C name
pub struct oauth1_verified {
    inner: Verified,
}

/// Verifies a signed request as the server received it (RFC 5849 section 3.2): finds
/// the protocol parameters in exactly one place (the `authorization` header value,
/// the query, or a form body), checks the version, signature method, timestamp
/// window and credentials, recomputes the signature and compares it in constant
/// time, then checks the nonce.
///
/// `authorization`, `content_type` and `options` may be NULL (NULL options are the
/// defaults); `body`/`body_len` as for signing. Secrets come from `lookup`, called
/// with `user_data`. On success `*out` is a new `oauth1_verified`. A request that
/// fails verification returns the problem's code (`OAUTH1_ERR_SIGNATURE_INVALID`,
/// `OAUTH1_ERR_TIMESTAMP_REFUSED`, … in the 200 range; `oauth1_result_name()` gives
/// the OAuth Problem Reporting name to send back), one that cannot be read at all
/// `OAUTH1_ERR_INVALID_URL`, `OAUTH1_ERR_MALFORMED_HEADER` and so on.
///
/// Safe to call from many threads at once with the same options and nonce store.
///
/// # Safety
/// The strings are NULL or NUL-terminated; `body` is NULL or points to `body_len`
/// readable bytes; `lookup` is NULL or a function as described at
/// `oauth1_secret_lookup_fn`; `options` is NULL or live options not being changed;
/// `out` is NULL or valid for writing a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verify(
    method: *const c_char,
    url: *const c_char,
    authorization: *const c_char,
    body: *const u8,
    body_len: usize,
    content_type: *const c_char,
    lookup: oauth1_secret_lookup_fn,
    user_data: *mut c_void,
    options: *const oauth1_verify_options,
    out: *mut *mut oauth1_verified,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let out = unsafe { out_arg(out)? };
        // SAFETY: the caller's contract, forwarded.
        let verified = unsafe {
            verify_args(
                method, url, authorization, body, body_len, content_type, lookup, user_data,
                options,
            )
        }??;
        give_handle(out, oauth1_verified { inner: verified })
    }
}

/// `oauth1_verify()`, and when the request is rejected (a code in the 200 range),
/// why: `*rejection` is then a new `oauth1_rejection` with the details a server
/// answers with (`oauth1_rejection_www_authenticate()`) and a reason to log. In every
/// other case, success included, `*rejection` is set to NULL, so it can always be
/// passed to `oauth1_rejection_free()`. This is the one function that writes an
/// out-parameter when it fails.
///
/// # Safety
/// As for `oauth1_verify()`; `rejection` is NULL or valid for writing a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verify_with_rejection(
    method: *const c_char,
    url: *const c_char,
    authorization: *const c_char,
    body: *const u8,
    body_len: usize,
    content_type: *const c_char,
    lookup: oauth1_secret_lookup_fn,
    user_data: *mut c_void,
    options: *const oauth1_verify_options,
    out: *mut *mut oauth1_verified,
    rejection: *mut *mut oauth1_rejection,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let mut rejection = unsafe { out_arg(rejection)? };
        // Cleared first, so that no way out, a panic included, leaves it unset.
        rejection.reborrow().write(std::ptr::null_mut());
        // SAFETY: the caller's contract, forwarded.
        let out = unsafe { out_arg(out)? };
        // SAFETY: the caller's contract, forwarded.
        let result = unsafe {
            verify_args(
                method, url, authorization, body, body_len, content_type, lookup, user_data,
                options,
            )
        }?;
        match result {
            Ok(verified) => give_handle(out, oauth1_verified { inner: verified }),
            Err(oauth1_core::Error::Rejected(why)) => {
                let code = oauth1_result::of_problem(why.problem);
                give_handle(rejection, oauth1_rejection { inner: why })?;
                Err(code)
            }
            Err(error) => Err(error.into()),
        }
    }
}

/// Reads the arguments of `oauth1_verify()` and verifies: the outer error is about the
/// arguments, the inner result the verification's.
///
/// # Safety
/// As for `oauth1_verify()`.
unsafe fn verify_args(
    method: *const c_char,
    url: *const c_char,
    authorization: *const c_char,
    body: *const u8,
    body_len: usize,
    content_type: *const c_char,
    lookup: oauth1_secret_lookup_fn,
    user_data: *mut c_void,
    options: *const oauth1_verify_options,
) -> Result<Result<Verified, oauth1_core::Error>, oauth1_result> {
    // SAFETY: the caller's contract, forwarded; NULL options are allowed.
    let (method, url, authorization, body, content_type, options) = unsafe {
        (
            str_arg(method)?,
            str_arg(url)?,
            optional_str_arg(authorization)?,
            bytes_arg(body, body_len)?,
            optional_str_arg(content_type)?,
            options.as_ref(),
        )
    };
    let lookup = CallbackLookup {
        lookup: lookup.ok_or(OAUTH1_ERR_NULL_PARAMETER)?,
        user_data,
    };
    let mut received = ReceivedRequest::new(method, url);
    received.authorization = authorization;
    received.body = body;
    received.content_type = content_type;
    let mut verify_options = VerifyOptions::default();
    if let Some(options) = options {
        verify_options.now = options.now;
        verify_options.max_skew = options.max_skew;
        verify_options.nonce_store = options
            .nonce_store
            .as_deref()
            .map(|s| s as &dyn oauth1_core::NonceStore);
        verify_options.signature_methods = &options.methods;
    }
    Ok(oauth1_core::verify(&received, &lookup, &verify_options))
}

/// Frees a verification result; NULL does nothing.
///
/// # Safety
/// `verified` is NULL or a result not yet freed that no other thread is using.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_free(verified: *mut oauth1_verified) {
    // SAFETY: the caller's contract, forwarded.
    ffi_panic_boundary! { unsafe { free_handle(verified) } }
}

/// Writes a copy of one optional string field of `verified` to `out`.
///
/// # Safety
/// `verified` is NULL or a live result; `out` is NULL or valid for writing a pointer.
unsafe fn verified_field(
    verified: *const oauth1_verified,
    out: *mut *mut c_char,
    field: impl FnOnce(&Verified) -> Option<&str>,
) -> Result<(), oauth1_result> {
    // SAFETY: the caller's contract, forwarded.
    let (verified, out) = unsafe { (handle(verified)?, out_arg(out)?) };
    let value = field(&verified.inner).ok_or(OAUTH1_ERR_NOT_AVAILABLE)?;
    give_string(out, value.as_bytes())
}

/// The `oauth_consumer_key` the request was signed with.
///
/// # Safety
/// `verified` is NULL or a live result; `out` is NULL or valid for writing a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_consumer_key(
    verified: *const oauth1_verified,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { verified_field(verified, out, |v| Some(v.consumer_key.as_str())) } }
}

/// The `oauth_token`; `OAUTH1_ERR_NOT_AVAILABLE` for a request without one.
///
/// # Safety
/// `verified` is NULL or a live result; `out` is NULL or valid for writing a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_token(
    verified: *const oauth1_verified,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { verified_field(verified, out, |v| v.token.as_deref()) } }
}

/// The `oauth_signature_method`, such as `"HMAC-SHA1"`.
///
/// # Safety
/// `verified` is NULL or a live result; `out` is NULL or valid for writing a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_signature_method(
    verified: *const oauth1_verified,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { verified_field(verified, out, |v| Some(v.signature_method.name())) } }
}

/// The `oauth_nonce`; `OAUTH1_ERR_NOT_AVAILABLE` for a PLAINTEXT request without one.
///
/// # Safety
/// `verified` is NULL or a live result; `out` is NULL or valid for writing a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_nonce(
    verified: *const oauth1_verified,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { verified_field(verified, out, |v| v.nonce.as_deref()) } }
}

/// The `realm` of the Authorization header; `OAUTH1_ERR_NOT_AVAILABLE` without one.
///
/// # Safety
/// `verified` is NULL or a live result; `out` is NULL or valid for writing a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_realm(
    verified: *const oauth1_verified,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { verified_field(verified, out, |v| v.realm.as_deref()) } }
}

/// The signature base string the server computed (RFC 5849 section 3.4.1).
///
/// # Safety
/// `verified` is NULL or a live result; `out` is NULL or valid for writing a pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_base_string(
    verified: *const oauth1_verified,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { verified_field(verified, out, |v| Some(v.base_string.as_str())) } }
}

/// The `oauth_timestamp`; `OAUTH1_ERR_NOT_AVAILABLE` for a PLAINTEXT request without one.
///
/// # Safety
/// `verified` is NULL or a live result; `out` is NULL or valid for writing a `uint64_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_timestamp(
    verified: *const oauth1_verified,
    out: *mut u64,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (verified, out) = unsafe { (handle(verified)?, out_arg(out)?) };
        out.write(verified.inner.timestamp.ok_or(OAUTH1_ERR_NOT_AVAILABLE)?);
        Ok(())
    }
}

/// Where the protocol parameters were found: an `OAUTH1_PLACEMENT_` constant.
///
/// # Safety
/// `verified` is NULL or a live result; `out` is NULL or valid for writing a `uint32_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_placement(
    verified: *const oauth1_verified,
    out: *mut oauth1_placement,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (verified, out) = unsafe { (handle(verified)?, out_arg(out)?) };
        out.write(placement_to_c(verified.inner.placement));
        Ok(())
    }
}
