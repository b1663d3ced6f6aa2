//! The three-legged flow (RFC 5849 section 2) as the core's [`oauth1::Flow`] state
//! machine, for `OAuth1Flow` in `flow.js`, which sends the requests with `fetch`:
//! this side makes the signers of the two token requests, reads the provider's
//! answers, builds the authorization URL and checks the redirect back.

use crate::args::Fields;
use crate::error::{Outcome, argument, throwing};
use crate::signer::{SIGNING_OPTIONS, Signer, builder};
use napi::bindgen_prelude::{Env, External, Uint8Array, Unknown};
use napi_derive::napi;
use oauth1::{Credentials, Endpoint, ProviderAnswer, TokenResponse};
use std::sync::Arc;

/// The option names of `new OAuth1Flow(options)` that reach here (`fetch` stays in
/// JavaScript): the consumer's credentials, the callback, and the signing options
/// but `callback` and `verifier`, which the flow sets itself.
fn known_options() -> Vec<&'static str> {
    let mut known = vec!["consumerKey", "consumerSecret", "privateKey", "callback"];
    known.extend(
        SIGNING_OPTIONS
            .iter()
            .filter(|name| !matches!(**name, "callback" | "verifier")),
    );
    known
}

/// The flow's state as `flow.js` keeps it, one per `OAuth1Flow`: an `External`
/// (internal, with no typings of its own; `flow.d.ts` types `OAuth1Flow`).
pub type Flow = External<oauth1::Flow>;

/// Credentials as `flow.js` receives them: the token, its secret and every other
/// parameter of the answer, in order.
type Issued = (String, String, Vec<(String, String)>);

fn issued(response: &TokenResponse) -> Issued {
    (
        response.token.clone(),
        response.token_secret.expose().to_owned(),
        response.extra.clone(),
    )
}

fn signer(built: Result<oauth1::Signer, oauth1::Error>) -> Outcome<Signer> {
    Ok(Signer {
        inner: Arc::new(built?),
    })
}

/// An endpoint by the name `flow.js` gives it.
fn endpoint(name: &str) -> Outcome<Endpoint> {
    match name {
        "requestToken" => Ok(Endpoint::RequestToken),
        "authorize" => Ok(Endpoint::Authorize),
        "accessToken" => Ok(Endpoint::AccessToken),
        other => Err(argument(format!("no endpoint called {other:?}"))),
    }
}

/// Internal to `flow.js`: checks the consumer's credentials and options (as `new
/// Signer` does, with the preset applied before the caller's own options) and the
/// callback, and starts a flow.
#[napi(js_name = "_flowNew", skip_typescript)]
pub fn flow_new(env: Env, options: Unknown) -> napi::Result<Flow> {
    const WHAT: &str = "new OAuth1Flow(options)";
    throwing(&env, || {
        let fields = Fields::new(options, WHAT)?;
        fields.only(&known_options())?;
        let consumer_key = fields.required_string("consumerKey")?;
        let consumer_secret = fields.string("consumerSecret")?;
        let private_key = crate::keys::private_key(&fields, WHAT)?;
        if consumer_secret.is_none() && private_key.is_none() {
            let reason = format!(
                "{WHAT}: `consumerSecret` is required unless a `privateKey` is given \
                 (the RSA methods need none)"
            );
            return Err(oauth1::Error::InvalidCredentials { reason }.into());
        }
        let credentials = Credentials {
            consumer_key,
            consumer_secret: consumer_secret.unwrap_or_default().into(),
            token: None,
            token_secret: None,
        };
        let consumer = builder(
            oauth1::Signer::from_credentials(credentials),
            private_key,
            Some(&fields),
        )?;
        // The consumer must be usable before any request is made: build it once.
        consumer.clone().build()?;
        let mut flow = oauth1::Flow::new(consumer);
        if let Some(preset) = crate::provider::from_fields(&fields)? {
            flow = flow.provider(&preset);
        }
        // `callback` is the flow's `oauth_callback` (section 2.1); the core's builder
        // refused an empty one above.
        if let Some(callback) = fields.string("callback")? {
            flow = flow.callback(callback);
        }
        Ok(External::new(flow))
    })
}

/// Internal: the URL of an endpoint, `given` or else the preset's (`invalid_option`
/// naming the endpoint when there is neither).
#[napi(js_name = "_flowEndpoint", skip_typescript)]
pub fn flow_endpoint(
    env: Env,
    flow: &Flow,
    name: String,
    given: Option<String>,
) -> napi::Result<String> {
    throwing(&env, || {
        Ok(flow.endpoint(endpoint(&name)?, given.as_deref())?)
    })
}

/// Internal: the `oauth_callback` the temporary-credentials request carries.
#[napi(js_name = "_flowCallback", skip_typescript)]
pub fn flow_callback(flow: &Flow) -> String {
    flow.callback_uri().to_owned()
}

/// Internal: step 1 (section 2.1), the signer of the temporary-credentials request.
#[napi(js_name = "_flowRequestTokenSigner", skip_typescript)]
pub fn flow_request_token_signer(env: Env, flow: &Flow) -> napi::Result<Signer> {
    throwing(&env, || signer(flow.request_token_signer()))
}

/// Internal: reads the answer to the temporary-credentials request and keeps the
/// temporary credentials (`oauth_callback_confirmed=true` required).
#[napi(js_name = "_flowAcceptRequestToken", skip_typescript)]
pub fn flow_accept_request_token(
    env: Env,
    flow: &mut Flow,
    status: u32,
    content_type: Option<String>,
    www_authenticate: Option<String>,
    body: Uint8Array,
) -> napi::Result<Issued> {
    throwing(&env, || {
        let answer = answer(status, &content_type, &www_authenticate, &body)?;
        Ok(issued(flow.accept_request_token(&answer)?))
    })
}

/// Internal: resumes a flow with temporary credentials kept from step 1.
#[napi(js_name = "_flowSetRequestToken", skip_typescript)]
pub fn flow_set_request_token(flow: &mut Flow, token: String, secret: String) {
    flow.set_request_token(token, secret);
}

/// Internal: the temporary token, once issued or set.
#[napi(js_name = "_flowRequestToken", skip_typescript)]
pub fn flow_request_token(flow: &Flow) -> Option<String> {
    flow.request_token().map(|t| t.token.clone())
}

/// Internal: step 2 (section 2.2), the URL to send the user to; `extra` holds
/// `[name, value]` pairs.
#[napi(js_name = "_flowAuthorizationUrl", skip_typescript)]
pub fn flow_authorization_url(
    env: Env,
    flow: &Flow,
    url: Option<String>,
    extra: Vec<Vec<String>>,
) -> napi::Result<String> {
    throwing(&env, || {
        let url = flow.endpoint(Endpoint::Authorize, url.as_deref())?;
        let mut pairs = Vec::with_capacity(extra.len());
        for pair in &extra {
            let [name, value] = pair.as_slice() else {
                return Err(argument("an extra parameter is not a [name, value] pair"));
            };
            pairs.push((name.as_str(), value.as_str()));
        }
        Ok(flow.authorization_url(&url, &pairs)?)
    })
}

/// Internal: reads the redirect back (section 2.2); returns its verifier, and keeps it.
#[napi(js_name = "_flowAcceptAuthorizationResponse", skip_typescript)]
pub fn flow_accept_authorization_response(
    env: Env,
    flow: &mut Flow,
    url: String,
) -> napi::Result<String> {
    throwing(&env, || Ok(flow.accept_authorization_response(&url)?))
}

/// Internal: sets the verifier the user typed in (out-of-band flows).
#[napi(js_name = "_flowSetVerifier", skip_typescript)]
pub fn flow_set_verifier(env: Env, flow: &mut Flow, verifier: String) -> napi::Result<()> {
    throwing(&env, || {
        if verifier.trim().is_empty() {
            return Err(argument("the verifier is empty"));
        }
        flow.set_verifier(verifier);
        Ok(())
    })
}

/// Internal: step 3 (section 2.3), the signer of the token-credentials request.
#[napi(js_name = "_flowAccessTokenSigner", skip_typescript)]
pub fn flow_access_token_signer(env: Env, flow: &Flow) -> napi::Result<Signer> {
    throwing(&env, || signer(flow.access_token_signer()))
}

/// Internal: reads the answer to the token-credentials request and keeps the
/// token credentials.
#[napi(js_name = "_flowAcceptAccessToken", skip_typescript)]
pub fn flow_accept_access_token(
    env: Env,
    flow: &mut Flow,
    status: u32,
    content_type: Option<String>,
    www_authenticate: Option<String>,
    body: Uint8Array,
) -> napi::Result<Issued> {
    throwing(&env, || {
        let answer = answer(status, &content_type, &www_authenticate, &body)?;
        Ok(issued(flow.accept_access_token(&answer)?))
    })
}

/// Internal: the signer for API calls with the token credentials.
#[napi(js_name = "_flowSigner", skip_typescript)]
pub fn flow_signer(env: Env, flow: &Flow) -> napi::Result<Signer> {
    throwing(&env, || signer(flow.signer()))
}

/// A provider's answer as the core reads it.
fn answer<'a>(
    status: u32,
    content_type: &'a Option<String>,
    www_authenticate: &'a Option<String>,
    body: &'a [u8],
) -> Outcome<ProviderAnswer<'a>> {
    let status = u16::try_from(status)
        .ok()
        .filter(|s| (100..=599).contains(s))
        .ok_or_else(|| {
            argument(format!(
                "the answer's status {status} is not an HTTP status"
            ))
        })?;
    Ok(ProviderAnswer::new(status, body)
        .content_type(content_type.as_deref())
        .www_authenticate(www_authenticate.as_deref()))
}
