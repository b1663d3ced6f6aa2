//! What a server's refusal means, for people: the `oauth_problem` of a 4xx answer
//! (OAuth Problem Reporting, in `WWW-Authenticate` or the body; RFC 5849 section 3.2
//! says a bad signature is a 401) turned into what to do about it. The core reads the
//! answer ([`oauth1::provider_error`]); this module words the advice.

use crate::http::Response;
use oauth1::{Error, Problem, Signed};

/// A refusal explained: the code for the `oauth1: error: CODE: …` line, the line's
/// message, and further lines (the base string we signed).
#[derive(Debug)]
pub struct Explained {
    /// The core's code: a problem name, `provider_error`, `response_invalid`, …
    pub code: &'static str,
    /// What it means and what to do.
    pub message: String,
    /// More lines to print after it, each a whole line.
    pub details: Vec<String>,
}

/// Explains `response`, a refusal of the request signed as `signed` (`None` when the
/// last hop went unsigned to another origin). `now` is this machine's clock,
/// without `--clock-offset`, from which the offset to pass is computed.
pub fn explain(response: &Response, signed: Option<&Signed>, now: u64) -> Explained {
    let error = oauth1::provider_error(&response.answer());
    let code = error.code();
    let status = format!("HTTP {} {}", response.status, response.reason);
    let status = status.trim_end();
    match error {
        Error::Rejected(rejection) => {
            let mut details = Vec::new();
            let advice = match rejection.problem {
                Problem::TimestampRefused => timestamp_advice(response, signed, now),
                Problem::SignatureInvalid => {
                    match signed {
                        Some(signed) => details.push(format!(
                            "oauth1: the base string we signed: {}",
                            signed.base_string()
                        )),
                        None => details.push(
                            "oauth1: the request that was refused went unsigned, to another origin after a redirect; pass --trusted-origin ORIGIN to sign it"
                                .to_owned(),
                        ),
                    }
                    "the server computed another signature: compare the base string we signed (below) with the server's; the method, the URL (scheme, host, port, path, query) and every parameter must match, and a wrong consumer or token secret gives this answer too".to_owned()
                }
                Problem::NonceUsed => "the server has seen this nonce already: send the request again, it gets a new one".to_owned(),
                Problem::VersionRejected => "the server refuses oauth_version: pass --no-version to leave it out".to_owned(),
                Problem::ParameterAbsent => {
                    let absent = rejection.parameters_absent.join(", ");
                    if absent.is_empty() {
                        "the server misses a protocol parameter".to_owned()
                    } else {
                        format!("the server misses {absent}")
                    }
                }
                Problem::ParameterRejected => {
                    let rejected = rejection.parameters_rejected.join(", ");
                    if rejected.is_empty() {
                        "the server refuses a protocol parameter".to_owned()
                    } else {
                        format!("the server refuses {rejected}")
                    }
                }
                Problem::SignatureMethodRejected => "the server does not accept this signature method: choose another with --signature-method, or use its --provider preset".to_owned(),
                Problem::ConsumerKeyUnknown => "the server does not know the consumer key: check it, and that it belongs to this server (a sandbox and production have different keys)".to_owned(),
                Problem::TokenRejected => "the server does not accept the token: it may be expired or revoked, or belong to another consumer; get a new one with `oauth1 login`".to_owned(),
                _ => rejection.problem.kind().summary.to_owned(),
            };
            Explained {
                code,
                message: format!("{status}: {advice} ({})", rejection.reason),
                details,
            }
        }
        Error::ProviderError {
            problem, reason, ..
        } => {
            let message = match problem.as_deref() {
                Some(problem) => match meaning(problem) {
                    Some(meaning) => {
                        format!("{status}: oauth_problem={problem}: {meaning} ({reason})")
                    }
                    None => format!("{status}: oauth_problem={problem} ({reason})"),
                },
                None => format!("{status}: {reason}"),
            };
            Explained {
                code,
                message,
                details: Vec::new(),
            }
        }
        other => Explained {
            code,
            message: format!("{status}: {other}"),
            details: Vec::new(),
        },
    }
}

/// `timestamp_refused`: the offset to retry with, from the server's window.
fn timestamp_advice(response: &Response, signed: Option<&Signed>, now: u64) -> String {
    // The window is in WWW-Authenticate or in a form body; the core reads either.
    let offset = response
        .header("www-authenticate")
        .and_then(|h| oauth1::clock_offset_from_problem(h, now).ok())
        .or_else(|| {
            std::str::from_utf8(&response.body)
                .ok()
                .and_then(|body| oauth1::clock_offset_from_problem(body.trim(), now).ok())
        });
    let sent = signed
        .map(|s| format!(" (we sent oauth_timestamp {})", s.timestamp()))
        .unwrap_or_default();
    match offset {
        Some(offset) => format!(
            "the server's clock and this machine's differ{sent}: retry with --clock-offset {offset}"
        ),
        None => format!(
            "the server refuses the timestamp{sent} without saying which it accepts: check this machine's clock"
        ),
    }
}

/// What the OAuth Problem Reporting names the core does not model mean, and what to
/// do about each.
fn meaning(problem: &str) -> Option<&'static str> {
    Some(match problem {
        "consumer_key_rejected" => {
            "the consumer key is known but no longer allowed (revoked or disabled)"
        }
        "consumer_key_refused" => {
            "the consumer key is refused for now (the provider may be throttling it): wait and retry"
        }
        "token_used" => {
            "the token was used already: a temporary token is exchanged only once; log in again"
        }
        "token_expired" => "the token has expired: get a new one with `oauth1 login`",
        "token_revoked" => {
            "the user or the provider revoked the token: get a new one with `oauth1 login`"
        }
        "additional_authorization_required" => {
            "the token lacks a permission this resource needs: the user must authorize more"
        }
        "permission_unknown" => {
            "the user has not yet approved (or refused) the authorization: finish it in the browser first"
        }
        "permission_denied" | "user_refused" => "the user refused the authorization",
        _ => return None,
    })
}
