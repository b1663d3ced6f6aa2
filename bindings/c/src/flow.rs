//! Getting a token: the three-legged flow of RFC 5849 section 2 over the core's
//! [`Flow`]. The application sends each request with its own HTTP client; liboauth1
//! makes the signer for each step, builds the authorization URL and judges every
//! answer.

use crate::args::{bytes_arg, handle, handle_mut, optional_str_arg, out_arg, pairs_arg, str_arg};
use crate::error::oauth1_result::{self, *};
use crate::output::{buffer_arg, c_string, free_handle, get_string, give_handle};
use crate::signer::{oauth1_signer, oauth1_signer_builder};
use oauth1_core::{Endpoint, Flow, Provider, ProviderAnswer, TokenResponse};
use std::ffi::c_char;

/// One run of the three-legged flow (RFC 5849 section 2) for one consumer: it makes
/// the signers of the two token requests, reads the provider's answers, builds the
/// authorization URL and checks the redirect back; the application sends the
/// requests. Not thread-safe: use it from one thread at a time. Free it with
/// `oauth1_flow_free()`.
///
/// The steps, each followed by the application's HTTP request:
/// 1. `oauth1_flow_request_token_signer()`: sign a POST to the provider's
///    temporary-credentials URL; give the answer to `oauth1_flow_accept_request_token()`.
/// 2. `oauth1_flow_authorization_url()`: send the user there. Give the redirect back to
///    `oauth1_flow_accept_authorization_response()`, or the verifier the user typed in
///    (callback `"oob"`) to `oauth1_flow_set_verifier()`.
/// 3. `oauth1_flow_access_token_signer()`: sign a POST to the token URL; give the
///    answer to `oauth1_flow_accept_access_token()`.
///
/// Then `oauth1_flow_signer()` signs API calls, and `oauth1_flow_access_token()` and
/// `oauth1_flow_access_token_secret()` give the token credentials to keep.
pub struct oauth1_flow {
    /// The consumer as the caller described it, preset included: kept to start the
    /// flow over when the callback or the preset changes.
    consumer: oauth1_signer_builder,
    callback: Option<String>,
    inner: Flow,
}

impl oauth1_flow {
    /// A flow at its beginning for `consumer` and `callback`; the consumer's preset
    /// (`oauth1_signer_builder_set_provider()`) gives the flow its endpoints too.
    fn start(
        consumer: oauth1_signer_builder,
        callback: Option<String>,
    ) -> Result<Self, oauth1_result> {
        let mut inner = Flow::new(consumer.core_builder()?);
        if let Some(provider) = &consumer.provider {
            inner = inner.provider(provider);
        }
        if let Some(callback) = &callback {
            inner = inner.callback(callback.clone());
        }
        Ok(oauth1_flow {
            consumer,
            callback,
            inner,
        })
    }
}

/// Starts a flow for the consumer that `consumer` describes: its key and secret or
/// RSA private key, signature method, realm, placement and other options, and its
/// preset if `oauth1_signer_builder_set_provider()` gave one (then the flow knows the
/// provider's endpoints as well). A token set on the builder is ignored: the flow
/// supplies its own. The builder is copied, so the caller may free it right after.
/// The callback is the builder's (`oauth1_signer_builder_set_callback()`) until
/// `oauth1_flow_set_callback()`; without either, the one the preset insists on, else
/// `"oob"` (out of band). A NULL consumer secret without a private key is
/// `OAUTH1_ERR_INVALID_CREDENTIALS`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_new(
    consumer: *const oauth1_signer_builder,
    out: *mut *mut oauth1_flow,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (consumer, out) = unsafe { (handle(consumer)?, out_arg(out)?) };
        let callback = consumer.options.callback.clone();
        give_handle(out, oauth1_flow::start(consumer.clone(), callback)?)
    }
}

/// Frees a flow, clearing the secrets it holds; NULL does nothing.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_free(flow: *mut oauth1_flow) {
    // SAFETY: the caller's contract, forwarded.
    ffi_panic_boundary! { unsafe { free_handle(flow) } }
}

/// Sets the `oauth_callback` of the temporary-credentials request (RFC 5849 section
/// 2.1): the URL the provider sends the user back to, or `"oob"` when the user copies
/// the verifier by hand. Set it before step 1: it starts the flow over, dropping any
/// credentials and verifier it holds.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_set_callback(
    flow: *mut oauth1_flow,
    callback: *const c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (flow, callback) = unsafe { (handle_mut(flow)?, str_arg(callback)?) };
        *flow = oauth1_flow::start(flow.consumer.clone(), Some(callback.to_owned()))?;
        Ok(())
    }
}

/// Uses the preset of a provider by name (ASCII case ignored, such as `"trello"`):
/// its endpoints (read them with `oauth1_flow_request_token_url()` and the like), the
/// callback it insists on, its authorization-URL parameters, and its signing settings,
/// as `oauth1_signer_builder_set_provider()` applies them, under the consumer's own.
/// `values` is NULL or a NULL-terminated array alternating names and values, such as
/// `{"account", "1234567_SB1", NULL}`. Errors: `OAUTH1_ERR_UNKNOWN_PROVIDER`,
/// `OAUTH1_ERR_INVALID_OPTION` for a missing or unknown value, and
/// `OAUTH1_ERR_NULL_PARAMETER` for a name without its value; each leaves the flow as it
/// was. Set it before step 1: it starts the flow over.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_set_provider(
    flow: *mut oauth1_flow,
    name: *const c_char,
    values: *const *const c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (flow, name, values) =
            unsafe { (handle_mut(flow)?, str_arg(name)?, pairs_arg(values)?) };
        let mut consumer = flow.consumer.clone();
        consumer.provider = Some(Provider::get(name, &values)?);
        *flow = oauth1_flow::start(consumer, flow.callback.clone())?;
        Ok(())
    }
}

/// The preset's URL of `endpoint`, as a new string; `OAUTH1_ERR_NOT_AVAILABLE` without
/// a preset or when the preset has none.
///
/// # Safety
/// The pointer contract of every exported function (crate docs).
unsafe fn preset_url(
    flow: *const oauth1_flow,
    out: *mut *mut c_char,
    endpoint: Endpoint,
) -> Result<(), oauth1_result> {
    // SAFETY: the caller's contract, forwarded.
    unsafe {
        get_string(flow, out, |f| {
            let preset = f.inner.preset()?;
            match endpoint {
                Endpoint::RequestToken => preset.request_token_url.as_deref(),
                Endpoint::Authorize => preset.authorize_url.as_deref(),
                _ => preset.access_token_url.as_deref(),
            }
        })
    }
}

/// The preset's temporary-credentials URL (RFC 5849 section 2.1), where step 1 sends
/// its POST; `OAUTH1_ERR_NOT_AVAILABLE` without a preset that names one.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_request_token_url(
    flow: *const oauth1_flow,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { preset_url(flow, out, Endpoint::RequestToken) } }
}

/// The preset's resource-owner authorization URL (RFC 5849 section 2.2), which
/// `oauth1_flow_authorization_url()` uses when given NULL; `OAUTH1_ERR_NOT_AVAILABLE`
/// without a preset that names one.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_authorize_url(
    flow: *const oauth1_flow,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { preset_url(flow, out, Endpoint::Authorize) } }
}

/// The preset's token-credentials URL (RFC 5849 section 2.3), where step 3 sends its
/// POST; `OAUTH1_ERR_NOT_AVAILABLE` without a preset that names one.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_access_token_url(
    flow: *const oauth1_flow,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { preset_url(flow, out, Endpoint::AccessToken) } }
}

/// Step 1 (RFC 5849 section 2.1): a new signer for the temporary-credentials request,
/// which carries `oauth_callback` and no token. Sign the POST with it
/// (`oauth1_signer_sign()` and the like) and free it with `oauth1_signer_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_request_token_signer(
    flow: *const oauth1_flow,
    out: *mut *mut oauth1_signer,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (flow, out) = unsafe { (handle(flow)?, out_arg(out)?) };
        give_handle(out, oauth1_signer { inner: flow.inner.request_token_signer()? })
    }
}

/// Reads a provider's answer from its C parts; the body may be NULL with length 0.
///
/// # Safety
/// The pointer contract of every exported function (crate docs).
unsafe fn answer_arg<'a>(
    status: u16,
    content_type: *const c_char,
    www_authenticate: *const c_char,
    body: *const u8,
    body_len: usize,
) -> Result<ProviderAnswer<'a>, oauth1_result> {
    // SAFETY: the caller's contract, forwarded.
    let (content_type, www_authenticate, body) = unsafe {
        (
            optional_str_arg(content_type)?,
            optional_str_arg(www_authenticate)?,
            bytes_arg(body, body_len)?,
        )
    };
    Ok(ProviderAnswer::new(status, body.unwrap_or_default())
        .content_type(content_type)
        .www_authenticate(www_authenticate))
}

/// Gives the flow the provider's answer to the temporary-credentials request: the
/// HTTP status, the `Content-Type` and `WWW-Authenticate` headers (each NULL when
/// absent) and the body (NULL and 0 for none). On `OAUTH1_OK` the flow holds the
/// temporary credentials (`oauth1_flow_request_token()`). Errors, the flow unchanged:
/// `OAUTH1_ERR_CALLBACK_UNCONFIRMED` without `oauth_callback_confirmed=true` (RFC 5849
/// section 2.1); `OAUTH1_ERR_RESPONSE_INVALID` for an answer that is not a form (JSON
/// is tolerated) with `oauth_token` and `oauth_token_secret`, such as an HTML page;
/// for a refusal (not 2xx, or an `oauth_problem`), the code of the problem it names
/// (`OAUTH1_ERR_SIGNATURE_INVALID`, `OAUTH1_ERR_TIMESTAMP_REFUSED`, …; pass the
/// `WWW-Authenticate` value or body to `oauth1_clock_offset_from_problem()`), else
/// `OAUTH1_ERR_PROVIDER_ERROR`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_accept_request_token(
    flow: *mut oauth1_flow,
    status: u16,
    content_type: *const c_char,
    www_authenticate: *const c_char,
    body: *const u8,
    body_len: usize,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (flow, answer) = unsafe {
            (handle_mut(flow)?, answer_arg(status, content_type, www_authenticate, body, body_len)?)
        };
        flow.inner.accept_request_token(&answer)?;
        Ok(())
    }
}

/// Resumes a flow with temporary credentials kept from step 1, as a web application
/// does when the user comes back in another request (any verifier is dropped).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_set_request_token(
    flow: *mut oauth1_flow,
    token: *const c_char,
    token_secret: *const c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (flow, token, secret) =
            unsafe { (handle_mut(flow)?, str_arg(token)?, str_arg(token_secret)?) };
        flow.inner.set_request_token(token, secret);
        Ok(())
    }
}

/// The temporary token (`oauth_token` of RFC 5849 section 2.1) as a new string;
/// `OAUTH1_ERR_NOT_AVAILABLE` before step 1.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_request_token(
    flow: *const oauth1_flow,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get_string(flow, out, |f| f.inner.request_token().map(|t| t.token.as_str())) } }
}

/// Step 2 (RFC 5849 section 2.2): the URL to send the user to, written NUL-terminated
/// into the caller's buffer: `authorize_url` (NULL: the preset's) with `oauth_token`
/// and the preset's parameters added to its query, then `extra`, NULL or a
/// NULL-terminated array alternating names and values (Trello's `scope` and
/// `expiration`, Flickr's `perms`), which replace preset parameters of the same name.
/// Values are percent-encoded here.
///
/// `*needed` is set to the capacity required (the length plus one) on success and on
/// `OAUTH1_ERR_BUFFER_TOO_SMALL`, when `buf` is left untouched; `buf` may be NULL when
/// `cap` is 0. Before step 1, or with NULL and no preset URL, the result is
/// `OAUTH1_ERR_INVALID_OPTION`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_authorization_url(
    flow: *const oauth1_flow,
    authorize_url: *const c_char,
    extra: *const *const c_char,
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (flow, given, extra, buffer) = unsafe {
            (
                handle(flow)?,
                optional_str_arg(authorize_url)?,
                pairs_arg(extra)?,
                buffer_arg(buf, cap, needed)?,
            )
        };
        let authorize_url = flow.inner.endpoint(Endpoint::Authorize, given)?;
        let url = flow.inner.authorization_url(&authorize_url, &extra)?;
        buffer.write(url.as_bytes())
    }
}

/// Gives the flow the redirect back from the provider (RFC 5849 section 2.2): the
/// whole callback URL, or only its query. On `OAUTH1_OK` the flow keeps its
/// `oauth_verifier` for step 3, and `*verifier` is a new copy of it. Errors:
/// `OAUTH1_ERR_TOKEN_MISMATCH` when its `oauth_token` is not the temporary token of
/// this flow, or it has none (it belongs to another authorization);
/// `OAUTH1_ERR_PROVIDER_ERROR` when it says the user refused (`denied`, or an
/// `oauth_problem`); `OAUTH1_ERR_RESPONSE_INVALID` without `oauth_verifier`;
/// `OAUTH1_ERR_INVALID_OPTION` before step 1.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_accept_authorization_response(
    flow: *mut oauth1_flow,
    url: *const c_char,
    verifier: *mut *mut c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (flow, url, verifier) =
            unsafe { (handle_mut(flow)?, str_arg(url)?, out_arg(verifier)?) };
        let accepted = flow.inner.accept_authorization_response(url)?;
        verifier.write(c_string(accepted.as_bytes())?.into_raw());
        Ok(())
    }
}

/// Sets the verifier the user typed in, for a flow whose callback is `"oob"` (RFC 5849
/// section 2.2); surrounding spaces are dropped.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_set_verifier(
    flow: *mut oauth1_flow,
    verifier: *const c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (flow, verifier) = unsafe { (handle_mut(flow)?, str_arg(verifier)?) };
        flow.inner.set_verifier(verifier);
        Ok(())
    }
}

/// Step 3 (RFC 5849 section 2.3): a new signer for the token-credentials request,
/// with the temporary credentials and `oauth_verifier`. Without temporary credentials
/// or a verifier the result is `OAUTH1_ERR_INVALID_OPTION`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_access_token_signer(
    flow: *const oauth1_flow,
    out: *mut *mut oauth1_signer,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (flow, out) = unsafe { (handle(flow)?, out_arg(out)?) };
        give_handle(out, oauth1_signer { inner: flow.inner.access_token_signer()? })
    }
}

/// Gives the flow the provider's answer to the token-credentials request, as
/// `oauth1_flow_accept_request_token()` takes it (without the callback check). On
/// `OAUTH1_OK` the flow holds the token credentials. Errors, the flow unchanged:
/// `OAUTH1_ERR_RESPONSE_INVALID`, a problem's code, or `OAUTH1_ERR_PROVIDER_ERROR`
/// (a wrong or used verifier is usually a bare 401).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_accept_access_token(
    flow: *mut oauth1_flow,
    status: u16,
    content_type: *const c_char,
    www_authenticate: *const c_char,
    body: *const u8,
    body_len: usize,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (flow, answer) = unsafe {
            (handle_mut(flow)?, answer_arg(status, content_type, www_authenticate, body, body_len)?)
        };
        flow.inner.accept_access_token(&answer)?;
        Ok(())
    }
}

/// The token (`oauth_token` of RFC 5849 section 2.3) as a new string;
/// `OAUTH1_ERR_NOT_AVAILABLE` until step 3 succeeded.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_access_token(
    flow: *const oauth1_flow,
    out: *mut *mut c_char,
) -> oauth1_result {
    // SAFETY: the caller's contract, forwarded.
    ffi_result! { unsafe { get_string(flow, out, |f| f.inner.access_token().map(|t| t.token.as_str())) } }
}

/// The token secret (`oauth_token_secret` of RFC 5849 section 2.3), written
/// NUL-terminated into the caller's buffer only, so that no copy is left for the
/// library to clear: keep it as a secret. `*needed` is set as for
/// `oauth1_flow_authorization_url()`. `OAUTH1_ERR_NOT_AVAILABLE` until step 3
/// succeeded.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_access_token_secret(
    flow: *const oauth1_flow,
    buf: *mut c_char,
    cap: usize,
    needed: *mut usize,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (flow, buffer) = unsafe { (handle(flow)?, buffer_arg(buf, cap, needed)?) };
        let token = flow.inner.access_token().ok_or(OAUTH1_ERR_NOT_AVAILABLE)?;
        buffer.write(token.token_secret.expose().as_bytes())
    }
}

/// The answer's parameter `name`, for the provider's own (X's `user_id` and
/// `screen_name`, `oauth_expires_in`, …; `oauth_callback_confirmed` too): from the
/// token-credentials answer once accepted, else from the temporary-credentials
/// answer. `oauth_token_secret` is never given here. A new string;
/// `OAUTH1_ERR_NOT_AVAILABLE` when the answer has no such parameter.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_response_param(
    flow: *const oauth1_flow,
    name: *const c_char,
    out: *mut *mut c_char,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let name = unsafe { str_arg(name)? };
        // SAFETY: the caller's contract, forwarded.
        unsafe {
            get_string(flow, out, |f| {
                let answer: &TokenResponse = f.inner.access_token().or(f.inner.request_token())?;
                answer.extra.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
            })
        }
    }
}

/// A new signer for API calls on the resource owner's behalf: the consumer with the
/// token credentials (RFC 5849 section 3). Before step 3 succeeded the result is
/// `OAUTH1_ERR_INVALID_OPTION`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn oauth1_flow_signer(
    flow: *const oauth1_flow,
    out: *mut *mut oauth1_signer,
) -> oauth1_result {
    ffi_result! {
        // SAFETY: the caller's contract, forwarded.
        let (flow, out) = unsafe { (handle(flow)?, out_arg(out)?) };
        give_handle(out, oauth1_signer { inner: flow.inner.signer()? })
    }
}
