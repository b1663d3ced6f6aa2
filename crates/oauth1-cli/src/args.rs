//! The command line: clap types for `oauth1 sign`, `verify`, `offset`, `request`,
//! `login` and `providers`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use oauth1::{Placement, SignatureMethod, VerifyOptions};
use std::path::PathBuf;

const MAIN_EXAMPLES: &str = "\
Examples:
  oauth1 sign --credentials examples/credentials.example.json \\
      'https://va.data.liveperson.net/operations/api/account/12345678/agentactivity?timeframe=60&v=1&agentIds=all&skillIds=all'
  oauth1 sign --explain -X POST --data '{\"a\":1}' --content-type application/json https://api.example.com/x
  oauth1 verify -X GET https://api.example.com/x --authorization 'OAuth oauth_consumer_key=\"…\", …'
  oauth1 offset 'OAuth oauth_problem=\"timestamp_refused\", oauth_acceptable_timestamps=\"1700000000-1700000600\"'
  oauth1 login --provider trello --credentials consumer.json --save token.json
  oauth1 request --provider trello --credentials token.json https://api.trello.com/1/members/me

Credentials come from flags, then --credentials FILE, then the environment
(OAUTH1_CONSUMER_KEY, OAUTH1_CONSUMER_SECRET, OAUTH1_TOKEN, OAUTH1_TOKEN_SECRET,
OAUTH1_PRIVATE_KEY_FILE), value by value.
An empty consumer secret is a valid one: --consumer-secret '', a variable set to nothing or
\"secret\": \"\" counts as given; an empty key, token or token secret counts as absent.
RSA-SHA1, RSA-SHA256 and RSA-SHA512 sign with the consumer's private key (--private-key)
and need no consumer secret; `oauth1 verify --public-key` checks them.
Exit status: 0 success, 1 verification failed (or, for login and request, the provider
refused), 2 usage or bad input, which prints one line
`oauth1: error: CODE: message` on standard error (CODE such as invalid_url or invalid_timestamp).";

const SIGN_EXAMPLES: &str = "\
Examples:
  # LivePerson: App key, Secret, Access token and Access token secret in a file
  oauth1 sign --credentials examples/credentials.example.json \\
      'https://va.data.liveperson.net/operations/api/account/12345678/agentactivity?timeframe=60&v=1&agentIds=all&skillIds=all'

  # A JSON POST as a ready-to-run curl command, with credentials from the environment
  export OAUTH1_CONSUMER_KEY=… OAUTH1_CONSUMER_SECRET=… OAUTH1_TOKEN=… OAUTH1_TOKEN_SECRET=…
  oauth1 sign --format curl --data @body.json --content-type application/json https://api.example.com/items

  # Why does the server say signature_invalid? Every step, secrets masked:
  oauth1 sign --explain --nonce abc --timestamp 1700000000 'https://api.example.com/x?q=a+b'

  # Jira application link: RSA-SHA1 (the default with a private key), no consumer secret
  oauth1 sign --consumer-key jira-consumer --private-key jira.pem --callback oob \\
      -X POST https://jira.example.com/plugins/servlet/oauth/request-token

  # Mastercard: RSA-SHA256 and a body hash, the key in a PKCS#12 file whose password is
  # in the variable KEYSTORE_PASSWORD (a password is never a flag: ps would show it)
  oauth1 sign --consumer-key … --private-key key.p12 --key-password-env KEYSTORE_PASSWORD \\
      --signature-method RSA-SHA256 --body-hash --data @body.json --content-type application/json URL

--data is sent as application/x-www-form-urlencoded unless --content-type says otherwise,
like curl; only a form body's pairs are signed.";

const VERIFY_EXAMPLES: &str = "\
Examples:
  oauth1 verify -X GET 'https://api.example.com/x?a=1' \\
      --authorization 'OAuth oauth_consumer_key=\"key\", oauth_nonce=\"…\", oauth_signature=\"…\", …'
  oauth1 verify -X POST https://api.example.com/x --data 'a=1&oauth_consumer_key=…'   # form-body placement
  oauth1 verify --format json --signature-methods HMAC-SHA256,PLAINTEXT URL --authorization …
  oauth1 verify --consumer-key jira-consumer --public-key jira.crt URL --authorization …

The credentials are the server's: with a token, only requests that carry that token are
accepted (a request without oauth_token is parameter_absent); without a token, only
two-legged requests (no oauth_token) are. RSA-SHA1/256/512 requests are checked with
--public-key (a public key or certificate); given without a consumer secret, it makes the
consumer RSA-only, and its HMAC or PLAINTEXT requests are signature_method_rejected.

The verdict goes to standard output; exit status 0 when the request is valid, 1 when it is
not (with the OAuth problem name, the reason and, for signature_invalid, the base string the
server computed, which is for your logs, not for the client), 2 when the input cannot be
read (such as a malformed header), with `oauth1: error: CODE: message` on standard error.";

/// The help heading of the flags that change what `verify` accepts.
const VERIFICATION: &str = "Verification (each flag changes one of the library's defaults)";

/// The `verify` help's closing text: the verification defaults, read from the
/// library so that they cannot drift from it, and the flag that changes each.
pub fn verify_after_help() -> String {
    let defaults = VerifyOptions::default();
    let rows = [
        (
            "accepted methods",
            method_list(defaults.accepted_methods()),
            "--signature-methods LIST",
        ),
        (
            "RSA methods",
            "need the consumer's --public-key".to_owned(),
            "--public-key FILE",
        ),
        (
            "PLAINTEXT",
            "only when named, and then only over https".to_owned(),
            "--allow-plaintext-over-http",
        ),
        (
            "timestamp, nonce",
            "required for every method".to_owned(),
            "--allow-missing-timestamp (PLAINTEXT)",
        ),
        (
            "clock skew",
            format!("{} seconds either way", defaults.allowed_skew()),
            "--max-skew SECONDS",
        ),
        (
            "body hash",
            "checked when sent, not required".to_owned(),
            "--require-body-hash",
        ),
        (
            "unknown key, token",
            "consumer_key_unknown, token_rejected".to_owned(),
            "--hide-unknown-keys",
        ),
        (
            "oauth_token",
            "what the credentials say (see below)".to_owned(),
            "--token, or none",
        ),
        (
            "nonces",
            "not remembered: a replay is not detected".to_owned(),
            "--redis URL",
        ),
    ];
    let width = rows.iter().map(|(_, d, _)| d.len()).max().unwrap_or(0);
    let mut out =
        String::from("Verification defaults (the library's) and the flag that changes each:\n");
    for (what, default, flag) in rows {
        out.push_str(&format!("  {what:<19} {default:<width$}  {flag}\n"));
    }
    out.push_str(
        "Each run sees one request, so without --redis it cannot tell a replay. With --redis URL\n\
         each nonce is recorded in Redis (SET NX EX, kept the allowed skew past its timestamp)\n\
         and a second run with the same request is nonce_used; if Redis cannot answer within\n\
         about a second, the request is refused with nonce_store_unavailable (exit status 2).\n\n",
    );
    out.push_str(VERIFY_EXAMPLES);
    out
}

/// `HMAC-SHA1, HMAC-SHA256, HMAC-SHA512`.
pub fn method_list(methods: &[SignatureMethod]) -> String {
    methods
        .iter()
        .map(|m| m.name())
        .collect::<Vec<_>>()
        .join(", ")
}

fn signature_methods_help() -> String {
    format!(
        "The signature methods to accept, comma-separated or repeated; PLAINTEXT only when named [default: {}]",
        method_list(VerifyOptions::default().accepted_methods())
    )
}

fn max_skew_help() -> String {
    format!(
        "How far oauth_timestamp may be from now, in seconds [default: {}]",
        VerifyOptions::default().allowed_skew()
    )
}

const OFFSET_EXAMPLES: &str = "\
Examples:
  oauth1 offset 'OAuth oauth_problem=\"timestamp_refused\", oauth_acceptable_timestamps=\"1700000000-1700000600\"'
  oauth1 sign --clock-offset \"$(oauth1 offset \"$WWW_AUTHENTICATE\")\" https://api.example.com/x

Prints the seconds to add to this machine's clock: the middle of the server's window minus now.";

const REQUEST_EXAMPLES: &str = "\
Examples:
  oauth1 request --credentials token.json https://api.example.com/me
  oauth1 request -i -X POST --data 'status=hello' --credentials token.json https://api.example.com/statuses
  oauth1 request --provider netsuite --provider-value account=1234567_SB1 --credentials ns.json \\
      https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1

The body goes to standard output, as received; with -i the status line and headers first.
Redirects (301, 302, 303, 307, 308) are followed, up to 10, each hop signed anew for its own
method and URL; a hop to another origin is sent unsigned unless --trusted-origin names it.
When the server refuses the request with an oauth_problem, a line on standard error says what
it means: timestamp_refused gives the --clock-offset to retry with, signature_invalid the base
string that was signed (compare it with the server's).
Exit status: 0 for a 1xx, 2xx or 3xx answer, 1 for a 4xx or 5xx answer, 2 for bad input or no
answer at all (oauth1: error: http_error: …).";

const LOGIN_EXAMPLES: &str = "\
Examples:
  oauth1 login --provider trello --credentials consumer.json --save trello.json
  oauth1 login --credentials consumer.json --request-token-url https://api.example.com/oauth/request_token \\
      --authorize-url https://api.example.com/oauth/authorize \\
      --access-token-url https://api.example.com/oauth/access_token --save token.json
  oauth1 login --credentials consumer.json --provider jira --provider-value base_url=https://jira.example.com \\
      --private-key jira.pem --oob --no-browser --save jira.json

Steps (RFC 5849 section 2): get temporary credentials; open the authorization URL in the browser
(or print `authorize: URL` on standard error with --no-browser); receive the redirect back on
http://127.0.0.1:PORT/callback (or, with --oob, read the verifier from standard input); get the
token credentials; write them with the consumer's to --save FILE (mode 0600), so that
`oauth1 request --credentials FILE URL` can use them. Exit status: 0 saved, 1 the provider
refused or answered something else than RFC 5849 says, 2 bad input or no answer.";

/// `oauth1`: sign, verify and send OAuth 1.0a requests, and get tokens.
#[derive(Debug, Parser)]
#[command(
    name = "oauth1",
    version,
    about = "Sign, explain, verify and send OAuth 1.0a requests, and get tokens (RFC 5849)",
    after_help = MAIN_EXAMPLES
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign a request: print its Authorization header, a JSON object or a curl command.
    #[command(after_help = SIGN_EXAMPLES)]
    Sign(SignArgs),
    /// Check a signed request the way a server would.
    #[command(after_help = verify_after_help())]
    Verify(VerifyArgs),
    /// Turn a timestamp_refused answer into the clock offset for `sign --clock-offset`.
    #[command(after_help = OFFSET_EXAMPLES)]
    Offset(OffsetArgs),
    /// Send a signed request, follow redirects re-signing each hop, print the answer.
    #[command(after_help = REQUEST_EXAMPLES)]
    Request(RequestCmdArgs),
    /// Get token credentials through the provider's three-legged flow and save them.
    #[command(after_help = LOGIN_EXAMPLES)]
    Login(LoginArgs),
    /// List the provider presets that --provider takes.
    Providers,
}

/// The request as it goes on the wire, shared by `sign` and `verify`.
#[derive(Debug, Args)]
pub struct RequestArgs {
    /// The HTTP method [default: GET, or POST with --data]
    #[arg(
        short = 'X',
        long = "request",
        visible_alias = "method",
        value_name = "METHOD"
    )]
    pub method: Option<String>,

    /// The full request URL, query included
    #[arg(value_name = "URL")]
    pub url: String,

    /// The body: literal text, @FILE to read a file, or @- to read standard input
    #[arg(short = 'd', long, value_name = "BODY", allow_hyphen_values = true)]
    pub data: Option<String>,

    /// The body's Content-Type [default with --data: application/x-www-form-urlencoded, like curl]
    #[arg(long, value_name = "TYPE")]
    pub content_type: Option<String>,
}

/// Where the credentials come from; flags win over the file, the file over the environment.
///
/// Values may begin with `-` (random secrets do), so that a secret is never taken for
/// a flag and quoted back in a usage error.
#[derive(Debug, Args)]
#[command(next_help_heading = "Credentials")]
pub struct CredentialArgs {
    /// A JSON file with consumer_key, consumer_secret, token, token_secret, or LivePerson's appKey, secret, accessToken, accessTokenSecret
    #[arg(long, value_name = "FILE")]
    pub credentials: Option<PathBuf>,

    /// The consumer key (LivePerson: App key) [env: OAUTH1_CONSUMER_KEY]
    #[arg(long, value_name = "KEY", allow_hyphen_values = true)]
    pub consumer_key: Option<String>,

    /// The consumer secret (LivePerson: Secret), possibly empty; visible to other users in `ps`, prefer the file or environment [env: OAUTH1_CONSUMER_SECRET]
    #[arg(long, value_name = "SECRET", allow_hyphen_values = true)]
    pub consumer_secret: Option<String>,

    /// The token (LivePerson: Access token) [env: OAUTH1_TOKEN]
    #[arg(long, value_name = "TOKEN", allow_hyphen_values = true)]
    pub token: Option<String>,

    /// The token secret (LivePerson: Access token secret); visible in `ps`, prefer the file or environment [env: OAUTH1_TOKEN_SECRET]
    #[arg(long, value_name = "SECRET", allow_hyphen_values = true)]
    pub token_secret: Option<String>,
}

/// What `sign --format` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The Authorization header value (with --placement query the signed URL, with body the signed body)
    Header,
    /// One JSON object with authorization, signature, base_string, nonce, timestamp, params
    Json,
    /// A ready-to-run curl command
    Curl,
}

/// `oauth1 sign`.
#[derive(Debug, Args)]
pub struct SignArgs {
    /// The request.
    #[command(flatten)]
    pub request: RequestArgs,

    /// How to sign.
    #[command(flatten)]
    pub signing: SigningArgs,

    /// oauth_callback, for a temporary-credentials request
    #[arg(long, value_name = "URL")]
    pub callback: Option<String>,

    /// oauth_verifier, for a token request
    #[arg(long, value_name = "VERIFIER")]
    pub verifier: Option<String>,

    /// A fixed oauth_nonce, for a reproducible signature [default: 32 random characters]
    #[arg(long, value_name = "NONCE")]
    pub nonce: Option<String>,

    /// A fixed oauth_timestamp in seconds, for a reproducible signature [default: now]
    #[arg(
        long,
        value_name = "SECONDS",
        allow_negative_numbers = true,
        value_parser = |s: &str| unix_seconds(s, "--timestamp")
    )]
    pub timestamp: Option<u64>,

    /// What to print
    #[arg(long, value_enum, default_value_t = Format::Header)]
    pub format: Format,

    /// Print every step of the signature for a human, secrets masked, instead of --format
    #[arg(long, conflicts_with = "format")]
    pub explain: bool,

    /// The provider preset, if any.
    #[command(flatten)]
    pub provider: ProviderArgs,

    /// The credentials, under their own heading after the options.
    #[command(flatten)]
    pub credentials: CredentialArgs,

    /// The consumer's RSA private key, with the credentials.
    #[command(flatten)]
    pub key: PrivateKeyArgs,
}

/// How requests are signed: shared by `sign`, `request` and `login`. Each is `None`
/// (or false) when not given, so that a provider preset's setting stays unless the
/// user names another.
#[derive(Debug, Args)]
pub struct SigningArgs {
    /// The realm to send in the Authorization header (it is not signed); --provider may set one
    #[arg(long, value_name = "REALM")]
    pub realm: Option<String>,

    /// HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256, RSA-SHA512 (with --private-key) or PLAINTEXT (which sends the secrets themselves: https only); --provider sets its own [default: HMAC-SHA1, or RSA-SHA1 with a private key]
    #[arg(long, value_name = "METHOD", value_parser = parse_signature_method)]
    pub signature_method: Option<SignatureMethod>,

    /// Leave out oauth_version="1.0"
    #[arg(long)]
    pub no_version: bool,

    /// Send oauth_body_hash (for bodies that are not form-encoded)
    #[arg(long)]
    pub body_hash: bool,

    /// Seconds to add to this machine's clock (may be negative); see `oauth1 offset`
    #[arg(
        long,
        value_name = "SECONDS",
        allow_negative_numbers = true,
        default_value_t = 0
    )]
    pub clock_offset: i64,

    /// Where the protocol parameters go: header, query or body; --provider sets its own [default: header]
    #[arg(long, value_name = "WHERE", value_parser = parse_placement)]
    pub placement: Option<Placement>,
}

/// A provider preset from the core's data file (`oauth1 providers` lists them).
#[derive(Debug, Args)]
pub struct ProviderArgs {
    /// A provider preset (see `oauth1 providers`): its signature method, placement, realm, URLs and headers, under the options given here
    #[arg(long, value_name = "NAME")]
    pub provider: Option<String>,

    /// A value the preset needs, such as account=1234567_SB1 for netsuite or base_url=https://jira.example.com for jira; repeatable
    #[arg(
        long = "provider-value",
        value_name = "KEY=VALUE",
        requires = "provider"
    )]
    pub provider_values: Vec<String>,
}

/// What `oauth1 request` sends and prints.
#[derive(Debug, Args)]
pub struct RequestCmdArgs {
    /// The request.
    #[command(flatten)]
    pub request: RequestArgs,

    /// Print the status line and headers before the body (each redirect's too)
    #[arg(short = 'i', long)]
    pub include: bool,

    /// A header to send as well, `Name: value`; repeatable
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,

    /// An origin that a redirect may take the signature to, such as https://api.example.com; repeatable [default: the request's own origin only]
    #[arg(long = "trusted-origin", value_name = "ORIGIN")]
    pub trusted_origins: Vec<String>,

    /// How to sign.
    #[command(flatten)]
    pub signing: SigningArgs,

    /// The provider preset, if any.
    #[command(flatten)]
    pub provider: ProviderArgs,

    /// The credentials, under their own heading after the options.
    #[command(flatten)]
    pub credentials: CredentialArgs,

    /// The consumer's RSA private key, with the credentials.
    #[command(flatten)]
    pub key: PrivateKeyArgs,
}

/// `oauth1 login`: the three-legged flow of RFC 5849 section 2.
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// The temporary-credentials endpoint (RFC 5849 section 2.1) [default: the provider's]
    #[arg(long, value_name = "URL")]
    pub request_token_url: Option<String>,

    /// The resource-owner authorization endpoint (section 2.2) [default: the provider's]
    #[arg(long, value_name = "URL")]
    pub authorize_url: Option<String>,

    /// The token-credentials endpoint (section 2.3) [default: the provider's]
    #[arg(long, value_name = "URL")]
    pub access_token_url: Option<String>,

    /// The file to write the token credentials to, with the consumer's, as --credentials reads it; created with mode 0600
    #[arg(long, value_name = "FILE")]
    pub save: PathBuf,

    /// Receive the browser's redirect on http://127.0.0.1:PORT/callback; register that URL with providers that check it [default: any free port]
    #[arg(long, value_name = "PORT", conflicts_with = "oob")]
    pub callback_port: Option<u16>,

    /// No callback ("oob"): the provider shows a verifier (PIN) to type on standard input [default: the provider's rule]
    #[arg(long)]
    pub oob: bool,

    /// Do not open a browser: print `authorize: URL` on standard error
    #[arg(long)]
    pub no_browser: bool,

    /// A parameter to add to the authorization URL, such as scope=read,write; repeatable, over the provider's
    #[arg(long = "authorize-param", value_name = "KEY=VALUE")]
    pub authorize_params: Vec<String>,

    /// How long to wait for the browser to come back to the callback, in seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 300)]
    pub callback_timeout: u64,

    /// How to sign the token requests.
    #[command(flatten)]
    pub signing: SigningArgs,

    /// The provider preset, if any.
    #[command(flatten)]
    pub provider: ProviderArgs,

    /// The consumer's credentials, under their own heading after the options.
    #[command(flatten)]
    pub credentials: CredentialArgs,

    /// The consumer's RSA private key, with the credentials.
    #[command(flatten)]
    pub key: PrivateKeyArgs,
}

/// The consumer's RSA private key for `sign`, for RSA-SHA1, RSA-SHA256 and
/// RSA-SHA512 (RFC 5849 section 3.4.3).
#[derive(Debug, Args)]
#[command(next_help_heading = "Credentials")]
pub struct PrivateKeyArgs {
    /// The consumer's RSA private key for RSA-SHA1/256/512: PEM (PKCS#8 or PKCS#1, maybe encrypted), DER or PKCS#12; no consumer secret is needed then [env: OAUTH1_PRIVATE_KEY_FILE; credentials file: private_key_file]
    #[arg(long, value_name = "FILE")]
    pub private_key: Option<PathBuf>,

    /// The environment variable that holds the private key's password (encrypted PEM or DER, PKCS#12); the password itself is never a flag
    #[arg(long, value_name = "VAR")]
    pub key_password_env: Option<String>,

    /// Accept an RSA key shorter than 2048 bits (the OAuth Core 1.0 test key and older Jira guides have 1024)
    #[arg(long)]
    pub allow_short_key: bool,
}

/// What `verify --format` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerifyFormat {
    /// A line for people: `valid: …` or `invalid: PROBLEM: reason`, then the WWW-Authenticate value
    Text,
    /// One JSON object: valid, and the verified values or the problem, reason, parameters_absent, parameters_rejected…
    Json,
}

/// `oauth1 verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The request.
    #[command(flatten)]
    pub request: RequestArgs,

    /// The Authorization header value received, `OAuth …` [default: look in the query and form body]
    #[arg(long, value_name = "VALUE")]
    pub authorization: Option<String>,

    /// What to print
    #[arg(long, value_enum, default_value_t = VerifyFormat::Text)]
    pub format: VerifyFormat,

    /// The server's time in seconds since the Unix epoch [default: this machine's clock]
    #[arg(
        long,
        value_name = "SECONDS",
        allow_negative_numbers = true,
        value_parser = |s: &str| unix_seconds(s, "--now")
    )]
    pub now: Option<u64>,

    #[arg(long, value_name = "SECONDS", help = max_skew_help(), help_heading = VERIFICATION)]
    pub max_skew: Option<u64>,

    #[arg(
        long,
        value_name = "LIST",
        allow_hyphen_values = true,
        help = signature_methods_help(),
        help_heading = VERIFICATION
    )]
    pub signature_methods: Vec<String>,

    /// Accept PLAINTEXT over plain http too (when --signature-methods names it); for a server behind a proxy that ends TLS
    #[arg(long, help_heading = VERIFICATION)]
    pub allow_plaintext_over_http: bool,

    /// Let PLAINTEXT requests leave out oauth_timestamp and oauth_nonce (RFC 5849 section 3.3); other methods still need both
    #[arg(long, help_heading = VERIFICATION)]
    pub allow_missing_timestamp: bool,

    /// Refuse a body that is not form-encoded unless a valid oauth_body_hash covers it (parameter_absent)
    #[arg(long, help_heading = VERIFICATION)]
    pub require_body_hash: bool,

    /// Answer an unknown consumer key or token as signature_invalid, after the same work, so that answers do not tell which keys exist
    #[arg(long, help_heading = VERIFICATION)]
    pub hide_unknown_keys: bool,

    /// Remember nonces in Redis and refuse replays (nonce_used), shared with every server using the same Redis: redis://[USER:PASSWORD@]HOST[:PORT][/DB], rediss://… (TLS) or redis+unix:///PATH; Redis down is nonce_store_unavailable, never accepted
    #[arg(long, value_name = "URL", help_heading = VERIFICATION)]
    pub redis: Option<String>,

    /// The server's credentials, under their own heading after the options: with a
    /// token they accept requests with that token only, without one two-legged
    /// requests only.
    #[command(flatten)]
    pub credentials: CredentialArgs,

    /// The consumer's RSA public key, with the credentials.
    #[command(flatten)]
    pub key: PublicKeyArgs,
}

/// `oauth1 offset`.
#[derive(Debug, Args)]
pub struct OffsetArgs {
    /// The server's answer: a WWW-Authenticate value or a form-encoded body with oauth_acceptable_timestamps
    #[arg(value_name = "ANSWER")]
    pub answer: String,

    /// This machine's time in seconds since the Unix epoch [default: the clock]
    #[arg(
        long,
        value_name = "SECONDS",
        allow_negative_numbers = true,
        value_parser = |s: &str| unix_seconds(s, "--now")
    )]
    pub now: Option<u64>,
}

fn parse_signature_method(s: &str) -> Result<SignatureMethod, oauth1::Error> {
    s.parse()
}

/// The consumer's RSA public key for `verify`, which checks RSA-SHA1, RSA-SHA256 and
/// RSA-SHA512 signatures (RFC 5849 section 3.4.3).
#[derive(Debug, Args)]
#[command(next_help_heading = "Credentials")]
pub struct PublicKeyArgs {
    /// The consumer's RSA public key or X.509 certificate (PEM or DER), to check RSA-SHA1/256/512 signatures; without a consumer secret the consumer is RSA-only
    #[arg(long, value_name = "FILE")]
    pub public_key: Option<PathBuf>,

    /// Accept an RSA key shorter than 2048 bits (the OAuth Core 1.0 test key and older Jira guides have 1024)
    #[arg(long)]
    pub allow_short_key: bool,
}

fn parse_placement(s: &str) -> Result<Placement, oauth1::Error> {
    s.parse()
}

/// A count of seconds since 1970 as the core takes it: negative is
/// `invalid_timestamp` (through [`oauth1::unix_seconds`]), and so is text that is not
/// a whole number.
fn unix_seconds(s: &str, flag: &str) -> Result<u64, oauth1::Error> {
    let seconds: i64 = s
        .trim()
        .parse()
        .map_err(|_| oauth1::Error::InvalidTimestamp {
            reason: format!("{flag} must be a whole number of seconds since 1970"),
        })?;
    oauth1::unix_seconds(seconds, flag)
}

/// The methods `--signature-methods` names, each value split at commas; empty
/// pieces are skipped, so `--signature-methods ''` is an empty list, which the core
/// refuses (`invalid_option`). `None` when the flag was not given.
pub fn signature_methods(values: &[String]) -> Option<Result<Vec<SignatureMethod>, oauth1::Error>> {
    if values.is_empty() {
        return None;
    }
    Some(
        values
            .iter()
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(str::parse)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
