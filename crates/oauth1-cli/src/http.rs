//! The HTTP client of `oauth1 login` and `oauth1 request`: ureq over rustls, with
//! redirects followed here rather than by ureq, because a signature covers one method
//! and one URL (RFC 5849 section 3.4.1) and so each hop needs its own.

use crate::fail::{CliError, HTTP_ERROR};
use oauth1::{Request, Signed, Signer, Wire};
use std::sync::Arc;
use std::time::Duration;
use ureq::Agent;
use ureq::tls::{Certificate, RootCerts, TlsConfig, TlsProvider};

/// How many redirects are followed before the last 3xx answer is given back as it is,
/// as browsers and curl do (curl's `--max-redirs` is 50, browsers stop near 20; an OAuth
/// API that needs more than a few is looping).
pub const MAX_REDIRECTS: usize = 10;

/// The most bytes read from one answer: ample for an API's JSON, and a bound on what a
/// misbehaving server can make this command hold in memory.
const MAX_BODY: u64 = 64 * 1024 * 1024;

/// How long one exchange may take, connection and body included.
const TIMEOUT: Duration = Duration::from_secs(60);

/// One request to send: the method, URL, body and headers before signing.
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// The HTTP method.
    pub method: String,
    /// The full URL, query included.
    pub url: String,
    /// The body, if any.
    pub body: Option<Vec<u8>>,
    /// The body's Content-Type, sent and signed with it.
    pub content_type: Option<String>,
    /// Other headers to send on every hop (a provider's User-Agent, `-H`).
    pub headers: Vec<(String, String)>,
}

/// One answer as received.
#[derive(Debug)]
pub struct Response {
    /// `HTTP/1.1`.
    pub version: String,
    /// The status code.
    pub status: u16,
    /// The status's reason phrase (the standard one for the code).
    pub reason: String,
    /// The headers in the order received, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body, decoded from its transfer encoding.
    pub body: Vec<u8>,
}

impl Response {
    /// The first value of the header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The answer as the core reads a provider's answer (RFC 5849 sections 2.1, 2.3).
    pub fn answer(&self) -> oauth1::ProviderAnswer<'_> {
        oauth1::ProviderAnswer::new(self.status, &self.body)
            .content_type(self.header("content-type"))
            .www_authenticate(self.header("www-authenticate"))
    }

    /// `HTTP/1.1 200 OK`, then each header as `name: value`, for `request -i`.
    pub fn head(&self) -> String {
        let mut out = format!("{} {} {}\r\n", self.version, self.status, self.reason);
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {value}\r\n"));
        }
        out.push_str("\r\n");
        out
    }
}

/// What sending a signed request produced: every answer in order (the redirects,
/// then the last), and the signature of the last signed hop.
#[derive(Debug)]
pub struct Exchange {
    /// The redirect answers followed, in order.
    pub redirects: Vec<Response>,
    /// The final answer.
    pub response: Response,
    /// The signature sent with the last hop that was signed, to explain a refusal.
    pub signed: Option<Signed>,
    /// Whether the final request was sent unsigned (a hop to another origin).
    pub last_hop_unsigned: bool,
}

/// The client: one ureq agent, TLS by rustls with ring and the system's roots.
pub struct Client {
    agent: Agent,
}

impl Client {
    /// An agent that follows no redirect itself, reports every status as an answer
    /// (a 401 is what `request` explains, not a failure of the client), and trusts the
    /// system's root certificates, as the Redis client does.
    pub fn new() -> Client {
        let roots: Vec<Certificate<'static>> = rustls_native_certs::load_native_certs()
            .certs
            .iter()
            .map(|der| Certificate::from_der(der.as_ref()).to_owned())
            .collect();
        let tls = TlsConfig::builder()
            .provider(TlsProvider::Rustls)
            .root_certs(RootCerts::new_with_certs(&roots))
            .unversioned_rustls_crypto_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .build();
        let agent = Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .timeout_global(Some(TIMEOUT))
            .user_agent(concat!("oauth1-cli/", env!("CARGO_PKG_VERSION")))
            .tls_config(tls)
            .build()
            .new_agent();
        Client { agent }
    }

    /// Sends one request as it is and reads the whole answer.
    pub fn send_once(
        &self,
        method: &str,
        url: &str,
        headers: &[(String, String)],
        body: Option<&[u8]>,
    ) -> Result<Response, CliError> {
        let fail = |why: String| CliError::input(HTTP_ERROR, format!("{method} {url}: {why}"));
        let mut builder = ureq::http::Request::builder().method(method).uri(url);
        for (name, value) in headers {
            builder = builder.header(name, value);
        }
        let sent = match body {
            Some(body) => builder
                .body(body)
                .map_err(|e| fail(e.to_string()))
                .and_then(|r| self.agent.run(r).map_err(|e| fail(describe(&e)))),
            None => builder
                .body(())
                .map_err(|e| fail(e.to_string()))
                .and_then(|r| self.agent.run(r).map_err(|e| fail(describe(&e)))),
        }?;
        let (parts, mut body) = sent.into_parts();
        let body = body
            .with_config()
            .limit(MAX_BODY)
            .read_to_vec()
            .map_err(|e| fail(format!("cannot read the answer: {}", describe(&e))))?;
        Ok(Response {
            version: format!("{:?}", parts.version),
            status: parts.status.as_u16(),
            reason: parts.status.canonical_reason().unwrap_or("").to_owned(),
            headers: parts
                .headers
                .iter()
                .map(|(n, v)| {
                    (
                        n.as_str().to_owned(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body,
        })
    }

    /// Signs `request` with `signer`, sends it, and follows redirects, signing each
    /// hop anew for its own method and URL: the core's [`oauth1::redirect_hop`] says
    /// where a hop goes, with which method, whether the body goes along, and whether
    /// it is signed (same origin or one of `trusted_origins`); a hop to another origin
    /// goes out with no OAuth parameter at all, so that no credential leaks there.
    pub fn send_signed(
        &self,
        signer: &Signer,
        request: Outgoing,
        trusted_origins: &[&str],
    ) -> Result<Exchange, CliError> {
        let mut hop = request;
        let mut sign = true;
        let mut redirects = Vec::new();
        let mut last_signed = None;
        loop {
            let (response, signed) = self.send_hop(signer, &hop, sign)?;
            if signed.is_some() {
                last_signed = signed;
            }
            let next = match response.header("location") {
                Some(location) if redirects.len() < MAX_REDIRECTS => oauth1::redirect_hop(
                    response.status,
                    &hop.method,
                    &hop.url,
                    location,
                    trusted_origins,
                )
                .map_err(|e| {
                    CliError::core(e).with_note(&format!("the redirect from {}", hop.url))
                })?,
                Some(_) if (300..400).contains(&response.status) => {
                    crate::fail::warn(&format!(
                        "stopped after {MAX_REDIRECTS} redirects; the last answer is shown as it is"
                    ));
                    None
                }
                _ => None,
            };
            let Some(next) = next else {
                return Ok(Exchange {
                    redirects,
                    response,
                    signed: last_signed,
                    last_hop_unsigned: !sign,
                });
            };
            if !next.keep_body {
                hop.body = None;
                hop.content_type = None;
            }
            hop.method = next.method;
            hop.url = next.url;
            // The core judges a hop against the URL that redirected, so once a hop has
            // gone to an origin not trusted, the hops after it stay unsigned: that origin
            // redirecting within itself must not get the credentials either.
            sign = sign && next.sign;
            redirects.push(response);
        }
    }

    /// Sends one hop, signed for its method and URL unless `sign` is false.
    fn send_hop(
        &self,
        signer: &Signer,
        hop: &Outgoing,
        sign: bool,
    ) -> Result<(Response, Option<Signed>), CliError> {
        let mut headers = hop.headers.clone();
        if let Some(content_type) = &hop.content_type {
            headers.push(("Content-Type".to_owned(), content_type.clone()));
        }
        if !sign {
            let response = self.send_once(&hop.method, &hop.url, &headers, hop.body.as_deref())?;
            return Ok((response, None));
        }
        let mut to_sign = Request::new(&hop.method, &hop.url);
        if let Some(body) = &hop.body {
            to_sign = to_sign.body(body, hop.content_type.as_deref());
        } else {
            to_sign.content_type = hop.content_type.as_deref();
        }
        let signed = signer.sign(&to_sign).map_err(CliError::core)?;
        let response = match signed.wire() {
            Wire::Header(authorization) => {
                headers.push(("Authorization".to_owned(), authorization.to_owned()));
                self.send_once(&hop.method, &hop.url, &headers, hop.body.as_deref())?
            }
            Wire::Url(url) => self.send_once(&hop.method, url, &headers, hop.body.as_deref())?,
            Wire::Body(body) => {
                if hop.content_type.is_none() {
                    headers.push((
                        "Content-Type".to_owned(),
                        crate::request::FORM_CONTENT_TYPE.to_owned(),
                    ));
                }
                self.send_once(&hop.method, &hop.url, &headers, Some(body))?
            }
        };
        Ok((response, Some(signed)))
    }
}

/// ureq's error in words, naming the usual causes.
fn describe(e: &ureq::Error) -> String {
    match e {
        ureq::Error::HostNotFound => "the host name does not resolve".to_owned(),
        ureq::Error::ConnectionFailed => "the connection was refused or failed".to_owned(),
        ureq::Error::Timeout(_) => {
            format!("no complete answer within {} seconds", TIMEOUT.as_secs())
        }
        ureq::Error::BodyExceedsLimit(limit) => {
            format!("the answer's body is larger than {limit} bytes")
        }
        other => other.to_string(),
    }
}
