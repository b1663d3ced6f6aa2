//! Getting a token: the three-legged flow of RFC 5849 section 2, built and parsed
//! here so that every binding only carries its HTTP client's requests.
//!
//! 1. The temporary-credentials request (section 2.1): signed with `oauth_callback`.
//! 2. Resource-owner authorization (section 2.2): a URL for the browser, and the
//!    redirect back with `oauth_token` and `oauth_verifier`.
//! 3. The token-credentials request (section 2.3): signed with the temporary
//!    credentials and `oauth_verifier`.

use crate::credentials::Secret;
use crate::encode::percent_encode;
use crate::error::{Error, Problem, Rejection};
use crate::provider::Provider;
use crate::signer::{Signer, SignerBuilder};
use std::fmt;

/// A provider's answer to a request, as the HTTP client received it.
#[derive(Debug, Clone, Copy)]
pub struct ProviderAnswer<'a> {
    /// The HTTP status code.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<&'a str>,
    /// The `WWW-Authenticate` header, if any (where the OAuth Problem Reporting
    /// extension puts `oauth_problem` on a 401).
    pub www_authenticate: Option<&'a str>,
    /// The body.
    pub body: &'a [u8],
}

impl<'a> ProviderAnswer<'a> {
    /// An answer with `status` and `body` and no headers.
    pub fn new(status: u16, body: &'a [u8]) -> Self {
        ProviderAnswer {
            status,
            content_type: None,
            www_authenticate: None,
            body,
        }
    }

    /// Sets the `Content-Type` header.
    pub fn content_type(mut self, content_type: Option<&'a str>) -> Self {
        self.content_type = content_type;
        self
    }

    /// Sets the `WWW-Authenticate` header.
    pub fn www_authenticate(mut self, value: Option<&'a str>) -> Self {
        self.www_authenticate = value;
        self
    }
}

/// Temporary or token credentials as a provider issued them (RFC 5849 sections 2.1
/// and 2.3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenResponse {
    /// `oauth_token`.
    pub token: String,
    /// `oauth_token_secret`; hidden in `Debug` and zeroed when dropped.
    pub token_secret: Secret,
    /// Whether `oauth_callback_confirmed` was `true` (section 2.1).
    pub callback_confirmed: bool,
    /// Every other parameter of the answer, in order: `oauth_callback_confirmed`,
    /// and the provider's own, such as `user_id`, `screen_name`, `oauth_expires_in`.
    pub extra: Vec<(String, String)>,
}

impl TokenResponse {
    fn new(token: String, token_secret: Secret) -> Self {
        TokenResponse {
            token,
            token_secret,
            callback_confirmed: false,
            extra: Vec::new(),
        }
    }
}

/// The parameters of the redirect back from the provider (RFC 5849 section 2.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizationResponse {
    /// `oauth_token`: the temporary token the authorization was for.
    pub token: Option<String>,
    /// `oauth_verifier`.
    pub verifier: Option<String>,
    /// Every parameter of the redirect's query, in order (providers add their own,
    /// and Twitter sends `denied` when the user says no).
    pub params: Vec<(String, String)>,
}

impl AuthorizationResponse {
    fn get(&self, name: &str) -> Option<&str> {
        find(&self.params, name)
    }
}

fn find<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Decodes `application/x-www-form-urlencoded` pairs (`+` is a space).
fn form_pairs(text: &str, what: &str) -> Result<Vec<(String, String)>, Error> {
    let decode = |part: &str| {
        String::from_utf8(crate::encode::percent_decode(part.replace('+', " "))).map_err(|_| {
            Error::ResponseInvalid {
                reason: format!("{what} holds a value that is not UTF-8 once decoded"),
            }
        })
    };
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((decode(name)?, decode(value)?))
        })
        .collect()
}

/// The first 200 characters of an answer, made printable, to say what came instead
/// of a token response.
fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let mut out: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if out.chars().count() > 200 {
        out = out.chars().take(200).collect::<String>() + "…";
    }
    out
}

// The body decides, not the Content-Type: Twitter, for one, sends its form-encoded
// token answers as text/html.
fn is_json(answer: &ProviderAnswer<'_>) -> bool {
    answer.body.trim_ascii_start().starts_with(b"{")
}

fn is_html(answer: &ProviderAnswer<'_>) -> bool {
    answer.body.trim_ascii_start().starts_with(b"<")
}

/// The answer's parameters: a form body (section 2.1 says form-encoded) or a flat
/// JSON object, which some providers send instead.
fn answer_params(answer: &ProviderAnswer<'_>) -> Result<Vec<(String, String)>, Error> {
    let invalid = |reason: String| Error::ResponseInvalid { reason };
    if is_json(answer) {
        let value: serde_json::Value = serde_json::from_slice(answer.body)
            .map_err(|e| invalid(format!("its JSON does not parse: {e}")))?;
        let object = value
            .as_object()
            .ok_or_else(|| invalid("its JSON is not an object".into()))?;
        return Ok(object
            .iter()
            .filter_map(|(k, v)| {
                let v = match v {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Number(n) => n.to_string(),
                    serde_json::Value::Bool(b) => b.to_string(),
                    _ => return None,
                };
                Some((k.clone(), v))
            })
            .collect());
    }
    if is_html(answer) {
        return Err(invalid(format!(
            "it is an HTML page ({}), not a form-encoded body: {}",
            answer.content_type.unwrap_or("no Content-Type"),
            excerpt(answer.body)
        )));
    }
    let text = std::str::from_utf8(answer.body)
        .map_err(|_| invalid("its body is not UTF-8 text".into()))?;
    let text = text.trim();
    if text.is_empty() {
        return Err(invalid("its body is empty".into()));
    }
    if !text.contains('=') {
        return Err(invalid(format!(
            "its body is not form-encoded: {}",
            excerpt(answer.body)
        )));
    }
    form_pairs(text, "the answer")
}

/// The problem parameters of an answer: those of `WWW-Authenticate`, then those of the
/// body that the header does not have (providers put `oauth_problem_advice` in either).
fn problem_params(answer: &ProviderAnswer<'_>) -> Vec<(String, String)> {
    let mut params = answer
        .www_authenticate
        .and_then(|h| crate::header::parse_authorization_header(h).ok())
        .filter(|p| find(p, "oauth_problem").is_some())
        .unwrap_or_default();
    for (name, value) in answer_params(answer).unwrap_or_default() {
        if find(&params, &name).is_none() {
            params.push((name, value));
        }
    }
    params
}

fn provider_error_from(status: Option<u16>, params: &[(String, String)], body: &[u8]) -> Error {
    let problem = find(params, "oauth_problem").map(str::to_owned);
    let advice = find(params, "oauth_problem_advice").map(str::to_owned);
    let known = problem
        .as_deref()
        .and_then(|name| Problem::ALL.into_iter().find(|p| p.name() == name));
    if let Some(known) = known {
        let mut rejection = Rejection::new(
            known,
            advice.unwrap_or_else(|| format!("the provider answered oauth_problem={known}")),
        );
        if let Some((min, max)) = find(params, "oauth_acceptable_timestamps")
            .and_then(|w| w.split_once('-'))
            .and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)))
        {
            rejection.acceptable_timestamps = Some((min, max));
        }
        if let Some(rejected) = find(params, "oauth_parameters_rejected") {
            rejection.parameters_rejected = rejected.split('&').map(str::to_owned).collect();
        }
        return rejection.into();
    }
    let reason = advice.unwrap_or_else(|| {
        if body.is_empty() {
            "the answer has no body".to_owned()
        } else {
            excerpt(body)
        }
    });
    Error::ProviderError {
        status,
        problem: problem.map(|p| crate::url::truncate(&p).to_owned()),
        reason,
    }
}

/// What a provider's refusal means: a problem this crate names (`signature_invalid`,
/// `timestamp_refused` with its window, …) becomes [`Error::Rejected`], anything else
/// [`Error::ProviderError`] with the status, the `oauth_problem` if there is one, and
/// the provider's advice or the start of its answer.
///
/// ```
/// use oauth1::{provider_error, Error, ProviderAnswer};
/// let answer = ProviderAnswer::new(401, b"")
///     .www_authenticate(Some(r#"OAuth oauth_problem="timestamp_refused", oauth_acceptable_timestamps="100-700""#));
/// let Error::Rejected(r) = provider_error(&answer) else { panic!() };
/// assert_eq!(r.acceptable_timestamps, Some((100, 700)));
///
/// let answer = ProviderAnswer::new(401, b"oauth_problem=permission_denied");
/// assert_eq!(provider_error(&answer).code(), "provider_error");
/// ```
pub fn provider_error(answer: &ProviderAnswer<'_>) -> Error {
    provider_error_from(Some(answer.status), &problem_params(answer), answer.body)
}

/// Parses a provider's answer to a temporary-credentials request (RFC 5849 section
/// 2.1, with `require_callback_confirmed`) or a token-credentials request (section
/// 2.3): a 2xx form-encoded body (JSON tolerated) with `oauth_token` and
/// `oauth_token_secret`. A refusal is [`provider_error`]'s error; an HTML page or a
/// body without the two values is [`Error::ResponseInvalid`]; a missing
/// `oauth_callback_confirmed=true`, when required, is [`Error::CallbackUnconfirmed`].
///
/// ```
/// use oauth1::{parse_token_response, ProviderAnswer};
/// let body = b"oauth_token=hh5s93j4hdidpola&oauth_token_secret=hdhd0244k9j7ao03&oauth_callback_confirmed=true";
/// let temporary = parse_token_response(&ProviderAnswer::new(200, body), true)?;
/// assert_eq!(temporary.token, "hh5s93j4hdidpola");
/// assert_eq!(temporary.token_secret.expose(), "hdhd0244k9j7ao03");
/// assert!(temporary.callback_confirmed);
///
/// let html = ProviderAnswer::new(200, b"<html>Sign in</html>").content_type(Some("text/html"));
/// assert_eq!(parse_token_response(&html, false).unwrap_err().code(), "response_invalid");
/// # Ok::<(), oauth1::Error>(())
/// ```
pub fn parse_token_response(
    answer: &ProviderAnswer<'_>,
    require_callback_confirmed: bool,
) -> Result<TokenResponse, Error> {
    if !(200..300).contains(&answer.status) {
        return Err(provider_error(answer));
    }
    let params = answer_params(answer)?;
    if find(&params, "oauth_problem").is_some() {
        return Err(provider_error_from(
            Some(answer.status),
            &params,
            answer.body,
        ));
    }
    let missing = |name: &str| Error::ResponseInvalid {
        reason: format!(
            "it has no {name}; it has {}",
            if params.is_empty() {
                "no parameters".to_owned()
            } else {
                params
                    .iter()
                    .map(|(k, _)| crate::url::truncate(k))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        ),
    };
    let token = find(&params, "oauth_token")
        .filter(|t| !t.is_empty())
        .ok_or_else(|| missing("oauth_token"))?;
    let secret =
        find(&params, "oauth_token_secret").ok_or_else(|| missing("oauth_token_secret"))?;
    let mut response = TokenResponse::new(token.to_owned(), Secret::new(secret));
    response.callback_confirmed = find(&params, "oauth_callback_confirmed") == Some("true");
    if require_callback_confirmed && !response.callback_confirmed {
        return Err(Error::CallbackUnconfirmed);
    }
    response.extra = params
        .into_iter()
        .filter(|(k, _)| k != "oauth_token" && k != "oauth_token_secret")
        .collect();
    Ok(response)
}

/// Adds `name=value` pairs to a URL's query, keeping its fragment last.
fn add_query(url: &str, pairs: &[(&str, &str)]) -> Result<String, Error> {
    crate::url::RequestUrl::parse(url)?;
    let (base, fragment) = url.split_at(url.find('#').unwrap_or(url.len()));
    let mut out = String::with_capacity(url.len() + 64);
    out.push_str(base);
    let mut separator = if base.contains('?') {
        if base.ends_with(['?', '&']) { "" } else { "&" }
    } else {
        "?"
    };
    for (name, value) in pairs {
        out.push_str(separator);
        out.push_str(&percent_encode(name));
        out.push('=');
        out.push_str(&percent_encode(value));
        separator = "&";
    }
    out.push_str(fragment);
    Ok(out)
}

/// The resource-owner authorization URL (RFC 5849 section 2.2): `authorize_url` with
/// `oauth_token` and any `extra` parameters (Trello's `scope` and `expiration`,
/// Flickr's `perms`) added to its query.
///
/// ```
/// let url = oauth1::authorization_url("https://photos.example.net/authorize", "hh5s93j4hdidpola", &[("perms", "read")])?;
/// assert_eq!(url, "https://photos.example.net/authorize?oauth_token=hh5s93j4hdidpola&perms=read");
/// # Ok::<(), oauth1::Error>(())
/// ```
pub fn authorization_url(
    authorize_url: &str,
    token: &str,
    extra: &[(&str, &str)],
) -> Result<String, Error> {
    let mut pairs = vec![("oauth_token", token)];
    pairs.extend_from_slice(extra);
    add_query(authorize_url, &pairs)
}

/// Reads the redirect back from the provider (RFC 5849 section 2.2): `url` is the
/// whole callback URL, or only its query. No check is made here; [`Flow`] checks the
/// token against the one it was issued.
///
/// ```
/// let back = oauth1::parse_authorization_response(
///     "http://printer.example.com/ready?oauth_token=hh5s93j4hdidpola&oauth_verifier=hfdp7dh39dks9884",
/// )?;
/// assert_eq!(back.verifier.as_deref(), Some("hfdp7dh39dks9884"));
/// # Ok::<(), oauth1::Error>(())
/// ```
pub fn parse_authorization_response(url: &str) -> Result<AuthorizationResponse, Error> {
    let url = url.trim();
    let without_fragment = &url[..url.find('#').unwrap_or(url.len())];
    let query = match without_fragment.split_once('?') {
        Some((_, query)) => query,
        None if without_fragment.contains("://") => "",
        None => without_fragment,
    };
    let params = form_pairs(query, "the redirect")?;
    Ok(AuthorizationResponse {
        token: find(&params, "oauth_token").map(str::to_owned),
        verifier: find(&params, "oauth_verifier").map(str::to_owned),
        params,
    })
}

/// One of the three endpoints of the flow (RFC 5849 section 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Endpoint {
    /// The temporary-credentials request URI (section 2.1).
    RequestToken,
    /// The resource-owner authorization URI (section 2.2).
    Authorize,
    /// The token request URI (section 2.3).
    AccessToken,
}

impl Endpoint {
    fn option_name(self) -> &'static str {
        match self {
            Endpoint::RequestToken => "request token URL",
            Endpoint::Authorize => "authorize URL",
            Endpoint::AccessToken => "access token URL",
        }
    }
}

/// The three-legged flow (RFC 5849 section 2) as a state machine: it makes the
/// signers for the two token requests, reads the provider's answers, builds the
/// authorization URL and checks the redirect back. The caller sends the requests.
///
/// ```
/// use oauth1::{Flow, ProviderAnswer, Request, Signer};
/// let mut flow = Flow::new(Signer::builder("dpf43f3p2l4k3l03", "kd94hf93k423kf44"))
///     .callback("http://printer.example.com/ready");
/// let signer = flow.request_token_signer()?;
/// let signed = signer.sign(&Request::new("POST", "https://photos.example.net/initiate"))?;
/// assert!(signed.authorization().contains("oauth_callback=\"http%3A%2F%2Fprinter.example.com%2Fready\""));
///
/// // … POST it; the provider answers:
/// let body = b"oauth_token=hh5s93j4hdidpola&oauth_token_secret=hdhd0244k9j7ao03&oauth_callback_confirmed=true";
/// flow.accept_request_token(&ProviderAnswer::new(200, body))?;
/// let url = flow.authorization_url("https://photos.example.net/authorize", &[])?;
/// assert_eq!(url, "https://photos.example.net/authorize?oauth_token=hh5s93j4hdidpola");
///
/// // … the user approves; the browser comes back to the callback:
/// flow.accept_authorization_response("http://printer.example.com/ready?oauth_token=hh5s93j4hdidpola&oauth_verifier=hfdp7dh39dks9884")?;
/// let signer = flow.access_token_signer()?;
/// let signed = signer.sign(&Request::new("POST", "https://photos.example.net/token"))?;
/// assert!(signed.authorization().contains("oauth_verifier=\"hfdp7dh39dks9884\""));
///
/// let body = b"oauth_token=nnch734d00sl2jdk&oauth_token_secret=pfkkdhi9sl3r4s00";
/// flow.accept_access_token(&ProviderAnswer::new(200, body))?;
/// let api = flow.signer()?; // signs API calls as the user
/// assert_eq!(api.credentials().token.as_deref(), Some("nnch734d00sl2jdk"));
/// # Ok::<(), oauth1::Error>(())
/// ```
#[derive(Clone)]
pub struct Flow {
    consumer: SignerBuilder,
    provider: Option<Provider>,
    callback: Option<String>,
    request_token: Option<TokenResponse>,
    verifier: Option<Secret>,
    access_token: Option<TokenResponse>,
}

impl fmt::Debug for Flow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Flow")
            .field("consumer_key", &self.consumer.consumer_key())
            .field("provider", &self.provider.as_ref().map(|p| &p.name))
            .field("callback", &self.callback)
            .field("request_token", &self.request_token)
            .field("verifier", &self.verifier)
            .field("access_token", &self.access_token)
            .finish()
    }
}

impl Flow {
    /// A flow for the consumer that `consumer` describes: its key and secret or RSA
    /// key, signature method, realm and other options. A token set on it is ignored:
    /// the flow supplies its own.
    pub fn new(consumer: SignerBuilder) -> Self {
        Flow {
            consumer,
            provider: None,
            callback: None,
            request_token: None,
            verifier: None,
            access_token: None,
        }
    }

    /// Uses a preset's endpoints, its required callback and its authorization
    /// parameters. Its signing settings apply through the consumer's builder
    /// ([`SignerBuilder::provider`]), which the caller chose to apply or not.
    pub fn provider(mut self, provider: &Provider) -> Self {
        self.provider = Some(provider.clone());
        self
    }

    /// The `oauth_callback` of the temporary-credentials request (section 2.1):
    /// where the provider sends the user back. Without one the flow sends the
    /// preset's, else `oob` (out of band: the user copies the verifier by hand).
    pub fn callback(mut self, uri: impl Into<String>) -> Self {
        self.callback = Some(uri.into());
        self
    }

    /// The callback the temporary-credentials request carries.
    pub fn callback_uri(&self) -> &str {
        self.callback
            .as_deref()
            .or(self.provider.as_ref().and_then(|p| p.callback.as_deref()))
            .unwrap_or("oob")
    }

    /// The URL of `endpoint`: `given` when there is one, else the preset's; an
    /// [`Error::InvalidOption`] names the one missing.
    pub fn endpoint(&self, endpoint: Endpoint, given: Option<&str>) -> Result<String, Error> {
        if let Some(url) = given {
            return Ok(url.to_owned());
        }
        let preset = self.provider.as_ref().and_then(|p| match endpoint {
            Endpoint::RequestToken => p.request_token_url.clone(),
            Endpoint::Authorize => p.authorize_url.clone(),
            Endpoint::AccessToken => p.access_token_url.clone(),
        });
        preset.ok_or_else(|| {
            Error::option(format!(
                "no {} was given{}",
                endpoint.option_name(),
                match &self.provider {
                    Some(p) => format!(" and the {} preset has none", p.name),
                    None => " and no provider preset names one".to_owned(),
                }
            ))
        })
    }

    /// The preset the flow uses, if any.
    pub fn preset(&self) -> Option<&Provider> {
        self.provider.as_ref()
    }

    /// Step 1 (section 2.1): the signer for the temporary-credentials request, which
    /// carries `oauth_callback` and no token.
    pub fn request_token_signer(&self) -> Result<Signer, Error> {
        self.consumer
            .clone()
            .for_flow(None, Some(self.callback_uri().to_owned()), None)
            .build()
    }

    /// Reads the answer to the temporary-credentials request ([`parse_token_response`],
    /// with `oauth_callback_confirmed` required) and keeps the temporary credentials.
    pub fn accept_request_token(
        &mut self,
        answer: &ProviderAnswer<'_>,
    ) -> Result<&TokenResponse, Error> {
        let response = parse_token_response(answer, true)?;
        self.verifier = None;
        Ok(self.request_token.insert(response))
    }

    /// Resumes a flow with temporary credentials kept from step 1, as a web
    /// application does when the user comes back in another request.
    pub fn set_request_token(&mut self, token: impl Into<String>, secret: impl Into<Secret>) {
        self.request_token = Some(TokenResponse::new(token.into(), secret.into()));
    }

    /// The temporary credentials, once issued or set.
    pub fn request_token(&self) -> Option<&TokenResponse> {
        self.request_token.as_ref()
    }

    /// Step 2 (section 2.2): the URL to send the user to. The preset's authorization
    /// parameters come first (with `{consumer_key}` filled in); `extra` adds to them
    /// and overrides those of the same name.
    pub fn authorization_url(
        &self,
        authorize_url: &str,
        extra: &[(&str, &str)],
    ) -> Result<String, Error> {
        let token = self.request_token.as_ref().ok_or_else(|| {
            Error::option("no temporary credentials yet: fetch the request token first")
        })?;
        let consumer_key = self.consumer.consumer_key();
        let token_param = self
            .provider
            .as_ref()
            .map_or("oauth_token", |p| p.authorize_token_param.as_str());
        let preset: Vec<(String, String)> = self
            .provider
            .iter()
            .flat_map(|p| &p.authorize_params)
            .filter(|(name, _)| !extra.iter().any(|(n, _)| n == name))
            .map(|(name, value)| (name.clone(), value.replace("{consumer_key}", consumer_key)))
            .collect();
        let mut pairs: Vec<(&str, &str)> = vec![(token_param, &token.token)];
        pairs.extend(preset.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        pairs.extend(extra.iter().filter(|(n, _)| *n != token_param));
        add_query(authorize_url, &pairs)
    }

    /// Reads the redirect back (section 2.2) and keeps its verifier, which it returns.
    /// A token other than the temporary one is [`Error::TokenMismatch`]; a redirect
    /// that says the user refused (`denied`, or an `oauth_problem`) is
    /// [`Error::ProviderError`]; one without `oauth_verifier` is
    /// [`Error::ResponseInvalid`].
    pub fn accept_authorization_response(&mut self, url: &str) -> Result<String, Error> {
        let back = parse_authorization_response(url)?;
        if back.get("denied").is_some() {
            return Err(Error::ProviderError {
                status: None,
                problem: Some("user_refused".into()),
                reason: "the resource owner denied the authorization".into(),
            });
        }
        if back.get("oauth_problem").is_some() {
            return Err(provider_error_from(None, &back.params, b""));
        }
        let issued = self.request_token.as_ref().ok_or_else(|| {
            Error::option(
                "no temporary credentials to match the redirect against: fetch or set the request token first",
            )
        })?;
        match back.token.as_deref() {
            None => {
                return Err(Error::TokenMismatch {
                    reason: "the redirect carries no oauth_token".into(),
                });
            }
            Some(token) if token != issued.token => {
                return Err(Error::TokenMismatch {
                    reason:
                        "the redirect's oauth_token is not the temporary token this flow was issued"
                            .into(),
                });
            }
            Some(_) => {}
        }
        let verifier =
            back.verifier
                .filter(|v| !v.is_empty())
                .ok_or_else(|| Error::ResponseInvalid {
                    reason: "the redirect carries no oauth_verifier (RFC 5849 section 2.2)".into(),
                })?;
        self.verifier = Some(Secret::new(verifier.clone()));
        Ok(verifier)
    }

    /// Sets the verifier the user typed in (out-of-band flows, section 2.2).
    pub fn set_verifier(&mut self, verifier: impl Into<String>) {
        self.verifier = Some(Secret::new(verifier.into().trim().to_owned()));
    }

    /// Step 3 (section 2.3): the signer for the token-credentials request, with the
    /// temporary credentials and `oauth_verifier`.
    pub fn access_token_signer(&self) -> Result<Signer, Error> {
        let token = self.request_token.as_ref().ok_or_else(|| {
            Error::option("no temporary credentials yet: fetch the request token first")
        })?;
        let verifier = self.verifier.as_ref().ok_or_else(|| {
            Error::option(
                "no verifier yet: accept the authorization redirect or set the verifier first",
            )
        })?;
        self.consumer
            .clone()
            .for_flow(
                Some((token.token.clone(), token.token_secret.clone())),
                None,
                Some(verifier.expose().to_owned()),
            )
            .build()
    }

    /// Reads the answer to the token-credentials request ([`parse_token_response`])
    /// and keeps the token credentials.
    pub fn accept_access_token(
        &mut self,
        answer: &ProviderAnswer<'_>,
    ) -> Result<&TokenResponse, Error> {
        let response = parse_token_response(answer, false)?;
        Ok(self.access_token.insert(response))
    }

    /// Sets token credentials obtained earlier.
    pub fn set_access_token(&mut self, token: impl Into<String>, secret: impl Into<Secret>) {
        self.access_token = Some(TokenResponse::new(token.into(), secret.into()));
    }

    /// The token credentials, once issued or set.
    pub fn access_token(&self) -> Option<&TokenResponse> {
        self.access_token.as_ref()
    }

    /// The signer for API calls on the resource owner's behalf: the consumer with
    /// the token credentials (section 3).
    pub fn signer(&self) -> Result<Signer, Error> {
        let token = self.access_token.as_ref().ok_or_else(|| {
            Error::option("no token credentials yet: fetch the access token first")
        })?;
        self.consumer
            .clone()
            .for_flow(
                Some((token.token.clone(), token.token_secret.clone())),
                None,
                None,
            )
            .build()
    }
}
