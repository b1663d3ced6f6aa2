//! A step-by-step account of one signature, for people debugging a
//! `401 signature_invalid` (RFC 5849 section 3.4.1, step by step).

use crate::encode::{encoded_once, percent_decode};
use crate::error::Error;
use crate::params::{ParamSet, ParamSource, is_form_content_type};
use crate::signer::{Request, Signed, Signer};
use crate::url::RequestUrl;

/// One request parameter as it entered the base string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplainedParam {
    /// Where it came from.
    pub source: ParamSource,
    /// The name, decoded (invalid UTF-8 shown as U+FFFD).
    pub name: String,
    /// The value, decoded (invalid UTF-8 shown as U+FFFD).
    pub value: String,
    /// The name encoded per section 3.6, as it is sorted and joined.
    pub encoded_name: String,
    /// The value encoded per section 3.6.
    pub encoded_value: String,
}

/// Everything that went into a signature, in the order RFC 5849 section 3.4.1 builds it.
#[derive(Debug, Clone)]
pub struct Explanation {
    /// The base string URI (section 3.4.1.2).
    pub base_string_uri: String,
    /// What normalising the URL changed, in words ("the default port 443 was dropped").
    pub uri_changes: Vec<String>,
    /// Every parameter in sorted order (section 3.4.1.3.2), protocol parameters
    /// included and `oauth_signature` excluded.
    pub params: Vec<ExplainedParam>,
    /// The normalised parameter string, `name=value&…`.
    pub normalized_parameters: String,
    /// The signing key with each secret masked: `<consumer secret>&<token secret>`
    /// or `<consumer secret>&` when there is no token secret; for the RSA methods, the
    /// key's size alone.
    pub masked_key: String,
    /// Classic mistakes visible in the request, in words.
    pub warnings: Vec<String>,
    /// The signing result itself.
    pub signed: Signed,
}

impl Signer {
    /// Signs `request` like [`Signer::sign`] and explains every step: the URI and what
    /// was normalised, each parameter with its source, raw and encoded forms, the base
    /// string, the key with its secrets masked, and warnings about classic mistakes.
    ///
    /// ```
    /// use oauth1::{Request, Signer};
    /// let signer = Signer::builder("key", "secret").build()?;
    /// let e = signer.explain(&Request::new("get", "HTTPS://Api.Example.com:443?q=a+b"))?;
    /// assert_eq!(e.base_string_uri, "https://api.example.com/");
    /// assert!(e.uri_changes.iter().any(|c| c.contains("443")));
    /// assert!(e.warnings.iter().any(|w| w.contains('+')));
    /// assert_eq!(e.masked_key, "<consumer secret>&");
    /// # Ok::<(), oauth1::Error>(())
    /// ```
    pub fn explain(&self, request: &Request<'_>) -> Result<Explanation, Error> {
        let signed = self.sign(request)?;
        let url = RequestUrl::parse(request.url)?;
        let form_body = is_form_content_type(request.content_type);

        let mut base_string_uri = String::new();
        url.write_base_uri(&mut base_string_uri, false);
        let uri_changes = uri_changes(request.url, &url, &base_string_uri);

        let mut set = ParamSet::default();
        set.add_form(url.query.as_bytes(), ParamSource::Query)?;
        if form_body {
            set.add_form(request.body.unwrap_or_default(), ParamSource::Body)?;
        }
        for (name, value) in signed.params() {
            if name != "oauth_signature" {
                set.add_raw(name.as_bytes(), value.as_bytes(), ParamSource::Protocol)?;
            }
        }
        set.sort();
        let params = set
            .iter()
            .map(|(encoded_name, encoded_value, source)| ExplainedParam {
                source,
                name: decoded(encoded_name),
                value: decoded(encoded_value),
                encoded_name: encoded_once(encoded_name),
                encoded_value: encoded_once(encoded_value),
            })
            .collect();
        let mut normalized_parameters = String::new();
        set.write_normalized(&mut normalized_parameters, false);

        let has_token_secret = self
            .credentials()
            .token_secret
            .as_ref()
            .is_some_and(|s| !s.expose().is_empty());
        let masked_key = if let Some(key) = self.private_key() {
            format!(
                "<RSA private key, {} bits> (the token secret is not used)",
                key.bits()
            )
        } else if has_token_secret {
            "<consumer secret>&<token secret>".to_owned()
        } else {
            "<consumer secret>&".to_owned()
        };

        Ok(Explanation {
            base_string_uri,
            uri_changes,
            params,
            normalized_parameters,
            masked_key,
            warnings: self.warnings(request, &url, form_body, signed.timestamp()),
            signed,
        })
    }

    fn warnings(
        &self,
        request: &Request<'_>,
        url: &RequestUrl<'_>,
        form_body: bool,
        timestamp: u64,
    ) -> Vec<String> {
        let mut warnings = Vec::new();
        let body = request.body.unwrap_or_default();
        let trimmed = body.trim_ascii_start();
        if form_body && (trimmed.starts_with(b"{") || trimmed.starts_with(b"[")) {
            warnings.push(
                "the body looks like JSON but the Content-Type says form-encoded, so its \"pairs\" are signed; send it as application/json".into(),
            );
        }
        if url.query.contains('+') {
            warnings.push(
                "the query contains '+', which OAuth reads as a space; write %2B if you mean a plus sign".into(),
            );
        }
        if timestamp > 100_000_000_000 {
            warnings.push(format!(
                "the timestamp {timestamp} looks like milliseconds; OAuth timestamps are seconds"
            ));
        }
        if let Some(port) = explicit_default_port(request.url, url) {
            warnings.push(format!(
                "the URL names the default port {port}; it is left out of the signature, so make sure the client sends no port either or the server may sign differently"
            ));
        }
        // RSA signs with the private key alone (section 3.4.3): no token secret is missing.
        let credentials = self.credentials();
        if self.private_key().is_none()
            && credentials.token.is_some()
            && credentials
                .token_secret
                .as_ref()
                .is_none_or(|s| s.expose().is_empty())
        {
            warnings
                .push("a token is set without a token secret; the key ends in '&' alone".into());
        }
        warnings
    }
}

/// The raw text of a base-string form (encoded twice), invalid UTF-8 shown as U+FFFD.
fn decoded(twice: &str) -> String {
    String::from_utf8_lossy(&percent_decode(encoded_once(twice))).into_owned()
}

fn explicit_default_port(raw: &str, url: &RequestUrl<'_>) -> Option<u16> {
    let default = if url.https { 443 } else { 80 };
    let authority_end = raw.find("//").map(|i| i + 2).and_then(|start| {
        raw[start..]
            .find(['/', '?', '#'])
            .map(|e| start + e)
            .or(Some(raw.len()))
    })?;
    let authority = &raw[..authority_end];
    (url.port.is_none() && authority.ends_with(&format!(":{default}"))).then_some(default)
}

fn uri_changes(raw: &str, url: &RequestUrl<'_>, normalized: &str) -> Vec<String> {
    let mut changes = Vec::new();
    let scheme_end = raw.find(':').unwrap_or(0);
    if raw[..scheme_end].bytes().any(|b| b.is_ascii_uppercase()) {
        changes.push("the scheme was lower-cased".into());
    }
    if url.host.bytes().any(|b| b.is_ascii_uppercase()) {
        changes.push("the host was lower-cased".into());
    }
    if let Some(port) = explicit_default_port(raw, url) {
        changes.push(format!("the default port {port} was dropped"));
    }
    if url.path.is_empty() {
        changes.push("the empty path became /".into());
    }
    if !url.query.is_empty() {
        changes.push("the query was taken out (its pairs are parameters)".into());
    }
    if url.end_of_query < raw.len() {
        changes.push("the fragment was dropped".into());
    }
    let authority = &raw[scheme_end..];
    if authority[..authority.find(['/', '?', '#']).unwrap_or(authority.len())].contains('@') {
        changes.push("the user information was dropped".into());
    }
    if !url.path.is_empty() && !normalized.ends_with(url.path) {
        changes.push(
            "characters an HTTP client escapes in the path were taken as their escapes".into(),
        );
    }
    changes
}
