//! Rendering and reading OAuth Problem Reporting answers: the `WWW-Authenticate`
//! value a server sends, and the clock offset a client takes from `timestamp_refused`.

use crate::encode::encode_into_string as encode_into;
use crate::error::{Error, Rejection};

impl Rejection {
    /// The `WWW-Authenticate` header value for this rejection (RFC 5849 section 3.2
    /// with the Problem Reporting parameters): `OAuth realm="…", oauth_problem="…"`
    /// and, where they apply, `oauth_acceptable_timestamps`, `oauth_parameters_absent`
    /// and `oauth_parameters_rejected`.
    ///
    /// ```
    /// use oauth1::{verify, Credentials, ReceivedRequest, VerifyOptions, Error};
    /// let creds = Credentials::new("k", "s", None::<String>, None::<String>);
    /// let req = ReceivedRequest::new("GET", "https://h/").authorization(
    ///     r#"OAuth oauth_consumer_key="k", oauth_signature_method="HMAC-SHA1", oauth_signature="x", oauth_timestamp="100", oauth_nonce="n""#);
    /// let opts = VerifyOptions::default().now(1000);
    /// let Err(Error::Rejected(r)) = verify(&req, &creds, &opts) else { panic!() };
    /// assert_eq!(
    ///     r.www_authenticate(Some("api")),
    ///     r#"OAuth realm="api", oauth_problem="timestamp_refused", oauth_acceptable_timestamps="700-1300""#
    /// );
    /// ```
    pub fn www_authenticate(&self, realm: Option<&str>) -> String {
        let mut out = String::from("OAuth ");
        if let Some(realm) = realm {
            out.push_str("realm=\"");
            encode_into(&mut out, realm.as_bytes());
            out.push_str("\", ");
        }
        out.push_str("oauth_problem=\"");
        out.push_str(self.problem.name());
        out.push('"');
        if let Some((min, max)) = self.acceptable_timestamps {
            out.push_str(&format!(", oauth_acceptable_timestamps=\"{min}-{max}\""));
        }
        if !self.parameters_absent.is_empty() {
            out.push_str(", oauth_parameters_absent=\"");
            encode_into(&mut out, self.parameters_absent.join("&").as_bytes());
            out.push('"');
        }
        if !self.parameters_rejected.is_empty() {
            out.push_str(", oauth_parameters_rejected=\"");
            encode_into(&mut out, self.parameters_rejected.join("&").as_bytes());
            out.push('"');
        }
        out
    }
}

/// Turns a `timestamp_refused` answer into the clock offset to give the signer
/// ([`crate::SignerBuilder::clock_offset`]): the middle of the server's
/// `oauth_acceptable_timestamps` window minus `now`, the client's clock.
///
/// `answer` may be a `WWW-Authenticate` value (`oauth_acceptable_timestamps="a-b"`) or
/// a form-encoded response body (`oauth_problem=timestamp_refused&oauth_acceptable_timestamps=a-b`).
///
/// ```
/// let offset = oauth1::clock_offset_from_problem(
///     r#"OAuth oauth_problem="timestamp_refused", oauth_acceptable_timestamps="1700000000-1700000600""#,
///     1700000900,
/// ).unwrap();
/// assert_eq!(offset, -600);
/// ```
pub fn clock_offset_from_problem(answer: &str, now: u64) -> Result<i64, Error> {
    const NAME: &str = "oauth_acceptable_timestamps";
    let missing = || Error::header(format!("the answer has no {NAME}=\"MIN-MAX\""));
    let at = answer.find(NAME).ok_or_else(missing)?;
    let rest = answer[at + NAME.len()..].trim_start();
    let rest = rest.strip_prefix('=').ok_or_else(missing)?.trim_start();
    let rest = rest.strip_prefix('"').unwrap_or(rest);
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '%' || c.is_ascii_hexdigit()))
        .unwrap_or(rest.len());
    let window = rest[..end].replace("%2D", "-").replace("%2d", "-");
    let (min, max) = window.split_once('-').ok_or_else(missing)?;
    let parse = |s: &str| {
        s.parse::<u64>().map_err(|_| {
            Error::header(format!(
                "{NAME} must be two whole numbers of seconds as MIN-MAX"
            ))
        })
    };
    let (min, max) = (parse(min)?, parse(max)?);
    if min > max {
        return Err(Error::header(format!(
            "{NAME} has its minimum above its maximum"
        )));
    }
    let middle = i128::from(min) + (i128::from(max) - i128::from(min)) / 2;
    i64::try_from(middle - i128::from(now))
        .map_err(|_| Error::header(format!("{NAME} is too far from the clock to be an offset")))
}
