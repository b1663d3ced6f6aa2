//! The server side: verifying a signed request (RFC 5849 section 3.2) with secrets
//! found through a C callback, an optional nonce store (in memory or the caller's,
//! behind a callback) and options.

use crate::args::{bytes_arg, handle, handle_mut, optional_str_arg, out_arg, str_arg};
use crate::error::oauth1_result::{self, *};
use crate::key::oauth1_rsa_public_key;
use crate::output::{c_string, free_handle, get, get_string, give_handle};
use crate::rejection::{oauth1_rejection, oauth1_rejection_free};
use crate::signer::{oauth1_placement, placement_to_c};
use oauth1_core::{
    Consumer, MemoryNonceStore, NonceCheck, NonceStore, NonceStoreUnavailable, ReceivedRequest,
    RsaPublicKey, Secret, SecretLookup, SignatureMethod, Verified, VerifyOptions,
};
use std::ffi::{CString, c_char, c_void};
use std::sync::Arc;

/// Where a secret lookup callback puts its answer, with `oauth1_secret_sink_set()`
/// and, for the consumer question, `oauth1_secret_sink_set_rsa_public_key()` and
/// `oauth1_secret_sink_allow_two_legged()`. Valid only during the callback.
pub struct oauth1_secret_sink {
    /// Whether the callback answers the consumer question (`token` NULL).
    consumer_question: bool,
    /// Zeroed when dropped.
    secret: Option<Secret>,
    rsa_public_key: Option<RsaPublicKey>,
    two_legged: bool,
}

/// Finds secrets for `oauth1_verify()`, which asks two separate questions:
///
/// - the consumer question, with the request's `consumer_key` and `token` NULL:
///   answer with `oauth1_secret_sink_set(sink, consumer_secret)` for the HMAC methods
///   and PLAINTEXT, `oauth1_secret_sink_set_rsa_public_key(sink, key)` for the RSA
///   methods (RFC 5849 section 3.4.3), or both; a consumer answered with a public key
///   alone signs with RSA only, and its other requests are refused with
///   `OAUTH1_ERR_SIGNATURE_METHOD_REJECTED`, as are RSA requests of a consumer without
///   a public key. Call `oauth1_secret_sink_allow_two_legged(sink)` as well if this
///   consumer may sign requests without a token (two-legged requests); a request
///   without `oauth_token` is otherwise refused with `OAUTH1_ERR_PARAMETER_ABSENT`,
///   naming `oauth_token`;
/// - the token question, only for a request that names a token, with that `token`:
///   answer with `oauth1_secret_sink_set(sink, token_secret)` (`""` for an RSA
///   consumer, whose methods do not use it).
///
/// Secrets are copied and keys referenced, so they may be freed right after. To say
/// the key or token is unknown, return without answering (see
/// `oauth1_verify_options_set_hide_unknown_keys()` for the code that follows). The
/// strings passed in are valid during the call only. The callback runs on the thread
/// that called `oauth1_verify()` and must not unwind or `longjmp` out.
pub type oauth1_secret_lookup_fn = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        consumer_key: *const c_char,
        token: *const c_char,
        sink: *mut oauth1_secret_sink,
    ),
>;

/// Answers a secret lookup with `secret` (copied; an empty string is a valid secret).
/// Called again, it replaces the answer.
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

/// Answers the consumer question (`token` NULL) with the consumer's RSA public key,
/// for verifying `RSA-SHA1`, `RSA-SHA256` and `RSA-SHA512` signatures (RFC 5849
/// section 3.4.3); without `oauth1_secret_sink_set()` the consumer is RSA-only. The
/// sink keeps its own reference, so the caller may free `key` right after. Called
/// again, it replaces the key. While answering the token question it is
/// `OAUTH1_ERR_NOT_AVAILABLE` and changes nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_secret_sink_set_rsa_public_key(
    sink: *mut oauth1_secret_sink,
    key: *const oauth1_rsa_public_key,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (sink, key) = unsafe { (handle_mut(sink)?, handle(key)?) };
        if !sink.consumer_question {
            return Err(OAUTH1_ERR_NOT_AVAILABLE);
        }
        sink.rsa_public_key = Some(key.inner.clone());
        Ok(())
    }
}

/// Says, while answering the consumer question (`token` NULL), that this consumer may
/// send requests without `oauth_token` (two-legged requests, signed with the client
/// credentials alone). It counts only together with `oauth1_secret_sink_set()` or
/// `oauth1_secret_sink_set_rsa_public_key()`. While answering the token question it is
/// `OAUTH1_ERR_NOT_AVAILABLE` and changes nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_secret_sink_allow_two_legged(
    sink: *mut oauth1_secret_sink,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let sink = unsafe { handle_mut(sink)? };
        if !sink.consumer_question {
            return Err(OAUTH1_ERR_NOT_AVAILABLE);
        }
        sink.two_legged = true;
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
    /// Asks the callback one question; `None` when a name cannot be passed to C.
    fn ask(&self, consumer_key: &str, token: Option<&str>) -> Option<oauth1_secret_sink> {
        // A name with an interior NUL (sent as %00) cannot be passed to C: unknown.
        let key = CString::new(consumer_key).ok()?;
        let token = token.map(CString::new).transpose().ok()?;
        let mut sink = oauth1_secret_sink {
            consumer_question: token.is_none(),
            secret: None,
            rsa_public_key: None,
            two_legged: false,
        };
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
        Some(sink)
    }
}

impl SecretLookup for CallbackLookup {
    fn consumer(&self, consumer_key: &str) -> Option<Consumer> {
        let sink = self.ask(consumer_key, None)?;
        let consumer = match (sink.secret, sink.rsa_public_key) {
            (Some(secret), None) => Consumer::new(secret),
            (secret, Some(key)) => {
                let mut consumer = Consumer::rsa(key);
                consumer.secret = secret;
                consumer
            }
            (None, None) => return None,
        };
        Some(consumer.two_legged(sink.two_legged))
    }

    fn token_secret(&self, consumer_key: &str, token: &str) -> Option<Secret> {
        self.ask(consumer_key, Some(token))?.secret
    }
}

/// Remembers nonces so that a request cannot be replayed (RFC 5849 section 3.3): a
/// store in memory (`oauth1_nonce_store_new()`) or one of the caller's behind a
/// callback (`oauth1_nonce_store_from_callback()`), such as a shared database.
///
/// The memory store is bounded in size and shared fairly between consumers: when it
/// is full, the consumer holding the most entries loses its oldest, and that
/// consumer's timestamps up to the evicted one's are refused from then on, so a flood
/// from one consumer costs only that consumer. Safe to share between threads and
/// between options; free it with `oauth1_nonce_store_free()` (options holding it keep
/// it alive).
pub struct oauth1_nonce_store {
    inner: Arc<dyn NonceStore>,
    /// The same store when it is the memory one, for its statistics.
    memory: Option<Arc<MemoryNonceStore>>,
}

/// A nonce check's answer (`oauth1_nonce_check_fn`): the nonce was not seen before
/// with these credentials and timestamp, and is now recorded.
pub const OAUTH1_NONCE_FRESH: u32 = 0;
/// A nonce check's answer: the nonce was already used with these credentials and
/// timestamp; the request is refused with `OAUTH1_ERR_NONCE_USED`.
pub const OAUTH1_NONCE_REPLAYED: u32 = 1;
/// A nonce check's answer: the timestamp is older than the store can vouch for; the
/// request is refused with `OAUTH1_ERR_TIMESTAMP_REFUSED`.
pub const OAUTH1_NONCE_TOO_OLD: u32 = 2;
/// A nonce check's answer: the store could not answer (a database down, slow or
/// refusing); the request is refused with `OAUTH1_ERR_NONCE_STORE_UNAVAILABLE`, which
/// a server answers with 503 and `Retry-After`, never 401. Any value other than the
/// four `OAUTH1_NONCE_` constants counts as this one.
pub const OAUTH1_NONCE_UNAVAILABLE: u32 = 3;

/// A nonce store of the caller's (`oauth1_nonce_store_from_callback()`): checks the
/// nonce for `consumer_key`, `token` (NULL for a request without one) and `timestamp`
/// and records it if it was not seen, as ONE atomic operation (with Redis: `SET key 1
/// NX EX ttl`, never a read followed by a write), keeping each entry at least as long
/// as the verifier's maximum clock skew past its timestamp. `now` is the server time
/// the verifier used, in seconds since the epoch. For a store shared with servers in
/// other languages, key each entry with `oauth1_nonce_store_key()`.
///
/// Returns `OAUTH1_NONCE_FRESH`, `OAUTH1_NONCE_REPLAYED`, `OAUTH1_NONCE_TOO_OLD` or
/// `OAUTH1_NONCE_UNAVAILABLE`; any other value counts as unavailable (fail closed): it
/// must never answer fresh for a nonce it could not record. The strings are valid
/// during the call only. The callback may be called from any thread that verifies, by
/// several at once, so it and `user_data` must be thread-safe; it must not unwind or
/// `longjmp` out.
pub type oauth1_nonce_check_fn = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        consumer_key: *const c_char,
        token: *const c_char,
        nonce: *const c_char,
        timestamp: u64,
        now: u64,
    ) -> u32,
>;

/// The C callback as a [`NonceStore`].
struct CallbackNonceStore {
    check: unsafe extern "C" fn(
        *mut c_void,
        *const c_char,
        *const c_char,
        *const c_char,
        u64,
        u64,
    ) -> u32,
    user_data: *mut c_void,
}

// SAFETY: the callback and `user_data` are the caller's, who promised with
// `oauth1_nonce_store_from_callback()` that both may be used from any thread, by
// several at once; the store itself holds nothing else.
unsafe impl Send for CallbackNonceStore {}
// SAFETY: as for `Send`: the caller promised that concurrent calls are safe.
unsafe impl Sync for CallbackNonceStore {}

impl NonceStore for CallbackNonceStore {
    fn check_and_insert(
        &self,
        consumer_key: &str,
        token: Option<&str>,
        nonce: &str,
        timestamp: u64,
        now: u64,
    ) -> Result<NonceCheck, NonceStoreUnavailable> {
        // A string with an interior NUL (sent as %00) cannot be passed to C; the store
        // cannot vouch for it, so the request is refused (fail closed).
        let unpassable = |_| {
            NonceStoreUnavailable {
            reason: "a NUL byte in the consumer key, token or nonce cannot be passed to the nonce check callback".into(),
        }
        };
        let key = CString::new(consumer_key).map_err(unpassable)?;
        let token = token.map(CString::new).transpose().map_err(unpassable)?;
        let nonce = CString::new(nonce).map_err(unpassable)?;
        // SAFETY: the strings are NUL-terminated and outlive the call, and the callback
        // and `user_data` are the caller's, who promised a thread-safe function that
        // does not unwind.
        let answer = unsafe {
            (self.check)(
                self.user_data,
                key.as_ptr(),
                token.as_ref().map_or(std::ptr::null(), |t| t.as_ptr()),
                nonce.as_ptr(),
                timestamp,
                now,
            )
        };
        match answer {
            OAUTH1_NONCE_FRESH => Ok(NonceCheck::Fresh),
            OAUTH1_NONCE_REPLAYED => Ok(NonceCheck::Replayed),
            OAUTH1_NONCE_TOO_OLD => Ok(NonceCheck::TooOld),
            OAUTH1_NONCE_UNAVAILABLE => Err(NonceStoreUnavailable {
                reason: "the nonce check callback answered OAUTH1_NONCE_UNAVAILABLE".into(),
            }),
            other => Err(NonceStoreUnavailable {
                reason: format!(
                    "the nonce check callback answered {other}, which is no OAUTH1_NONCE_ constant"
                ),
            }),
        }
    }
}

/// A nonce store that asks `check` (see `oauth1_nonce_check_fn`), called with
/// `user_data`: the caller's own store, such as Redis or a database shared by several
/// servers. Usable wherever a nonce store is (`oauth1_verify_options_set_nonce_store()`);
/// a request is accepted only when `check` answers `OAUTH1_NONCE_FRESH`, and any
/// answer but the four `OAUTH1_NONCE_` constants is `OAUTH1_ERR_NONCE_STORE_UNAVAILABLE`
/// (fail closed). `user_data` must stay valid until the store and every options
/// holding it are freed. `oauth1_nonce_store_len()`, `_capacity()` and `_evicted()`
/// are `OAUTH1_ERR_NOT_AVAILABLE` for it. A NULL `check` is
/// `OAUTH1_ERR_NULL_PARAMETER`.
///
/// # Safety
/// As for every function (see the conventions), and `check` is a function that keeps
/// the rules of `oauth1_nonce_check_fn`, which with `user_data` may be called from any
/// thread, by several at once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_nonce_store_from_callback(
    check: oauth1_nonce_check_fn,
    user_data: *mut c_void,
    out: *mut *mut oauth1_nonce_store,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let out = unsafe { out_arg(out)? };
        let check = check.ok_or(OAUTH1_ERR_NULL_PARAMETER)?;
        let inner: Arc<dyn NonceStore> = Arc::new(CallbackNonceStore { check, user_data });
        give_handle(out, oauth1_nonce_store { inner, memory: None })
    }
}

/// The key under which a store shared by several servers (Redis, a database) records
/// one nonce: `"oauth1:nonce:"` and 64 hex digits, the same in every language this
/// library is bound to, so servers in different languages can share one store.
/// `token` is NULL for a request without one. `*out` is a new string to free with
/// `oauth1_string_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_nonce_store_key(
    consumer_key: *const c_char,
    token: *const c_char,
    nonce: *const c_char,
    timestamp: u64,
    out: *mut *mut c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded; a NULL token is allowed.
        let (consumer_key, token, nonce, out) = unsafe {
            (str_arg(consumer_key)?, optional_str_arg(token)?, str_arg(nonce)?, out_arg(out)?)
        };
        let key = oauth1_core::nonce_store_key(consumer_key, token, nonce, timestamp);
        out.write(c_string(key.as_bytes())?.into_raw());
        Ok(())
    }
}

/// A nonce store for at most `capacity` nonces, each kept `window_seconds` past its
/// timestamp; `window_seconds` should be at least the verifier's maximum clock skew.
/// A capacity or window of 0 could remember nothing and is `OAUTH1_ERR_INVALID_OPTION`.
///
/// Sizing: honest requests are never evicted when `capacity` is at least the peak
/// request rate times `window_seconds + max_skew` (a client whose clock runs ahead
/// keeps its entry that long): 200 requests a second with 300-second skew and window
/// need 120000 entries, about 24 MB. `oauth1_nonce_store_evicted()` counts entries
/// evicted early; a store that evicts under honest load is too small.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_nonce_store_new(
    capacity: usize,
    window_seconds: u64,
    out: *mut *mut oauth1_nonce_store,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let out = unsafe { out_arg(out)? };
        let memory = Arc::new(MemoryNonceStore::new(capacity, window_seconds)?);
        let inner: Arc<dyn NonceStore> = Arc::clone(&memory) as Arc<dyn NonceStore>;
        give_handle(out, oauth1_nonce_store { inner, memory: Some(memory) })
    }
}

/// How many nonces the store holds now; `OAUTH1_ERR_NOT_AVAILABLE` for a callback
/// store.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_nonce_store_len(
    store: *const oauth1_nonce_store,
    out: *mut usize,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get(store, out, |s| s.memory.as_ref().map(|m| m.len())) } }
}

/// The most nonces the store holds (the `capacity` it was made with);
/// `OAUTH1_ERR_NOT_AVAILABLE` for a callback store.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_nonce_store_capacity(
    store: *const oauth1_nonce_store,
    out: *mut usize,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get(store, out, |s| s.memory.as_ref().map(|m| m.capacity())) } }
}

/// How many entries the store evicted before their time since it was made (each made
/// its consumer's older timestamps refused); more than 0 under honest load means the
/// store is too small. `OAUTH1_ERR_NOT_AVAILABLE` for a callback store.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_nonce_store_evicted(
    store: *const oauth1_nonce_store,
    out: *mut u64,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get(store, out, |s| s.memory.as_ref().map(|m| m.stats().evicted)) } }
}

/// Releases the caller's reference to a store; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_nonce_store_free(store: *mut oauth1_nonce_store) {
    // SAFETY: the caller's contract, forwarded.
    ffi_panic_boundary! { unsafe { free_handle(store) } }
}

/// Options for `oauth1_verify()`. Not thread-safe while being changed; once set up,
/// one options object may be used by many concurrent `oauth1_verify()` calls. Free
/// it with `oauth1_verify_options_free()`.
pub struct oauth1_verify_options {
    /// The core's options as the caller set them, save the clock and the nonce store,
    /// which C can set back to none and the core's setters cannot.
    set: VerifyOptions,
    now: Option<u64>,
    nonce_store: Option<Arc<dyn NonceStore>>,
}

impl oauth1_verify_options {
    /// The core's options for one verification.
    fn core(&self) -> VerifyOptions {
        let mut options = self.set.clone();
        if let Some(now) = self.now {
            options = options.now(now);
        }
        if let Some(store) = &self.nonce_store {
            options = options.nonce_store(Arc::clone(store));
        }
        options
    }
}

/// Changes one setting of `options`; if the core refuses the change, the options stay
/// as they were.
///
/// # Safety
/// `options` is NULL or live options used by this thread alone.
unsafe fn change_options(
    options: *mut oauth1_verify_options,
    f: impl FnOnce(VerifyOptions) -> Result<VerifyOptions, oauth1_core::Error>,
) -> Result<(), oauth1_result> {
    // SAFETY: the caller's contract, forwarded.
    let options = unsafe { handle_mut(options)? };
    options.set = f(options.set.clone())?;
    Ok(())
}

/// Options with the core's defaults, which are safe; each setter below says its
/// default. There is no nonce store until one is set: replays go undetected.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verify_options_new(
    out: *mut *mut oauth1_verify_options,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let out = unsafe { out_arg(out)? };
        let set = VerifyOptions::default();
        give_handle(out, oauth1_verify_options { set, now: None, nonce_store: None })
    }
}

/// Frees options; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verify_options_free(options: *mut oauth1_verify_options) {
    // SAFETY: the caller's contract, forwarded.
    ffi_panic_boundary! { unsafe { free_handle(options) } }
}

/// Fixes the server's "now" in seconds since the epoch, for tests; 0 means the system
/// clock (the default). A negative `now` is `OAUTH1_ERR_INVALID_TIMESTAMP` and leaves
/// the options as they were.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verify_options_set_now(
    options: *mut oauth1_verify_options,
    now: i64,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let options = unsafe { handle_mut(options)? };
        let now = oauth1_core::unix_seconds(now, "now")?;
        options.now = (now != 0).then_some(now);
        Ok(())
    }
}

/// How far `oauth_timestamp` may be from now, in seconds (RFC 5849 section 3.3); 300
/// by default. A nonce store's window should be at least this long.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verify_options_set_max_skew(
    options: *mut oauth1_verify_options,
    seconds: u64,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { change_options(options, |o| Ok(o.max_skew(seconds))) } }
}

/// Uses `store` to catch replayed nonces (the options keep their own reference, so
/// the store may be freed before them); NULL stops using one (the default).
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
/// `OAUTH1_ERR_SIGNATURE_METHOD_REJECTED`. By default HMAC-SHA1, HMAC-SHA256,
/// HMAC-SHA512, RSA-SHA1, RSA-SHA256 and RSA-SHA512 are accepted (each only for a
/// consumer the lookup gives the matching secret or public key); PLAINTEXT sends the key itself and is accepted only when
/// named here (and then only over https, see
/// `oauth1_verify_options_set_allow_plaintext_over_http()`). An unknown name is
/// `OAUTH1_ERR_UNKNOWN_SIGNATURE_METHOD`, an empty list (it would refuse every
/// request) `OAUTH1_ERR_INVALID_OPTION`; either leaves the options as they were.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verify_options_set_signature_methods(
    options: *mut oauth1_verify_options,
    methods: *const c_char,
) -> oauth1_result {
    let parse = |list: &str| {
        let names = list.split(',').filter(|m| !m.trim().is_empty());
        names
            .map(str::parse)
            .collect::<Result<Vec<SignatureMethod>, _>>()
    };
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        unsafe {
            let methods = str_arg(methods)?;
            change_options(options, |o| o.signature_methods(parse(methods)?))
        }
    }
}

/// Whether PLAINTEXT, when accepted at all, is accepted over plain http too. RFC 5849
/// section 3.4.4 requires a secure transport, so this is `false` by default; set it
/// only where TLS ends in front of the server and the URL it sees says `http`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verify_options_set_allow_plaintext_over_http(
    options: *mut oauth1_verify_options,
    allow: bool,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { change_options(options, |o| Ok(o.allow_plaintext_over_http(allow))) } }
}

/// Whether `oauth_timestamp` and `oauth_nonce` are required for every signature
/// method (`true`, the default). With `false`, PLAINTEXT requests may leave both
/// out, as RFC 5849 section 3.3 permits, and skip the nonce store; HMAC requests
/// still need them.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verify_options_set_require_timestamp(
    options: *mut oauth1_verify_options,
    require: bool,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { change_options(options, |o| Ok(o.require_timestamp(require))) } }
}

/// Whether a request whose body is not form-encoded must carry a valid
/// `oauth_body_hash` (OAuth Request Body Hash); without one it is
/// `OAUTH1_ERR_PARAMETER_ABSENT`. `false` by default, when a body hash is checked
/// only if sent; `oauth1_verified_body_hash_checked()` tells whether it was.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verify_options_set_require_body_hash(
    options: *mut oauth1_verify_options,
    require: bool,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { change_options(options, |o| Ok(o.require_body_hash(require))) } }
}

/// Whether an unknown consumer key or token is answered as
/// `OAUTH1_ERR_SIGNATURE_INVALID`, after the same work as a wrong signature, so that
/// the answers cannot tell which keys exist. `false` by default: they are
/// `OAUTH1_ERR_CONSUMER_KEY_UNKNOWN` and `OAUTH1_ERR_TOKEN_REJECTED`, which helps
/// honest clients.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verify_options_set_hide_unknown_keys(
    options: *mut oauth1_verify_options,
    hide: bool,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { change_options(options, |o| Ok(o.hide_unknown_keys(hide))) } }
}

/// A request that verified: what it was signed with. Immutable; free it with
/// `oauth1_verified_free()`.
pub struct oauth1_verified {
    inner: Verified,
}

/// Verifies a signed request as the server received it (RFC 5849 section 3.2), with
/// the protocol parameters in exactly one place: the `authorization` header value, the
/// query, or a form body. `authorization`, `content_type` and `options` may be NULL
/// (NULL options are the defaults); `body`/`body_len` as for signing. Secrets come
/// from `lookup`, called with `user_data` (see `oauth1_secret_lookup_fn`).
///
/// On success `*out` is a new `oauth1_verified`. A rejected request returns the
/// problem's code (`OAUTH1_ERR_SIGNATURE_INVALID`, … in the 200 range, whose
/// `oauth1_result_name()` is the OAuth Problem Reporting name to send back), one that
/// cannot be read at all `OAUTH1_ERR_INVALID_URL`, `OAUTH1_ERR_MALFORMED_HEADER` and so
/// on. Safe to call from many threads at once with the same options and nonce store.
///
/// # Safety
/// As for every function (see the conventions), and `lookup` is NULL or a function
/// that keeps the rules of `oauth1_secret_lookup_fn`.
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
    ffi_panic_boundary! {
        let mut rejection = std::ptr::null_mut();
        // SAFETY: the caller's contract, forwarded; `rejection` is a local, freed once.
        unsafe {
            let rc = oauth1_verify_with_rejection(
                method, url, authorization, body, body_len, content_type, lookup, user_data,
                options, out, &mut rejection,
            );
            oauth1_rejection_free(rejection);
            rc
        }
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
/// As for `oauth1_verify()`.
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
        // SAFETY: the caller's contract, forwarded; NULL options are the defaults.
        let (method, url, authorization, body, content_type, options, out) = unsafe {
            (
                str_arg(method)?,
                str_arg(url)?,
                optional_str_arg(authorization)?,
                bytes_arg(body, body_len)?,
                optional_str_arg(content_type)?,
                options.as_ref(),
                out_arg(out)?,
            )
        };
        let lookup = CallbackLookup {
            lookup: lookup.ok_or(OAUTH1_ERR_NULL_PARAMETER)?,
            user_data,
        };
        let received = ReceivedRequest { method, url, authorization, body, content_type };
        let options = options.map_or_else(VerifyOptions::default, oauth1_verify_options::core);
        match oauth1_core::verify(&received, &lookup, &options) {
            Ok(verified) => give_handle(out, oauth1_verified { inner: verified }),
            Err(oauth1_core::Error::Rejected(why)) => {
                let code = oauth1_result::of_kind(why.problem.kind());
                give_handle(rejection, oauth1_rejection { inner: *why })?;
                Err(code)
            }
            Err(error) => Err(error.into()),
        }
    }
}

/// Frees a verification result; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_free(verified: *mut oauth1_verified) {
    // SAFETY: the caller's contract, forwarded.
    ffi_panic_boundary! { unsafe { free_handle(verified) } }
}

/// The `oauth_consumer_key` the request was signed with.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_consumer_key(
    verified: *const oauth1_verified,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get_string(verified, out, |v| Some(v.inner.consumer_key.as_str())) } }
}

/// The `oauth_token`; `OAUTH1_ERR_NOT_AVAILABLE` for a request without one (accepted
/// only for a consumer the lookup allows to sign without a token).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_token(
    verified: *const oauth1_verified,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get_string(verified, out, |v| v.inner.token.as_deref()) } }
}

/// The `oauth_signature_method`, such as `"HMAC-SHA1"`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_signature_method(
    verified: *const oauth1_verified,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get_string(verified, out, |v| Some(v.inner.signature_method.name())) } }
}

/// The `oauth_nonce`; `OAUTH1_ERR_NOT_AVAILABLE` for a PLAINTEXT request without one
/// (which `oauth1_verify_options_set_require_timestamp()` must allow).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_nonce(
    verified: *const oauth1_verified,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get_string(verified, out, |v| v.inner.nonce.as_deref()) } }
}

/// The `realm` of the Authorization header; `OAUTH1_ERR_NOT_AVAILABLE` without one.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_realm(
    verified: *const oauth1_verified,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get_string(verified, out, |v| v.inner.realm.as_deref()) } }
}

/// The signature base string the server computed (RFC 5849 section 3.4.1).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_base_string(
    verified: *const oauth1_verified,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get_string(verified, out, |v| Some(v.inner.base_string.as_str())) } }
}

/// The `oauth_timestamp`; `OAUTH1_ERR_NOT_AVAILABLE` for a PLAINTEXT request without one
/// (which `oauth1_verify_options_set_require_timestamp()` must allow).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_timestamp(
    verified: *const oauth1_verified,
    out: *mut u64,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get(verified, out, |v| v.inner.timestamp) } }
}

/// Where the protocol parameters were found: an `OAUTH1_PLACEMENT_` constant.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_placement(
    verified: *const oauth1_verified,
    out: *mut oauth1_placement,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get(verified, out, |v| Some(placement_to_c(v.inner.placement))) } }
}

/// Whether an `oauth_body_hash` was checked against the body (OAuth Request Body
/// Hash): `true` when the request carried one, which then matched.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_verified_body_hash_checked(
    verified: *const oauth1_verified,
    out: *mut bool,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get(verified, out, |v| Some(v.inner.body_hash_checked)) } }
}
