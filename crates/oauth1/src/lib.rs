#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod clock;
mod credentials;
mod encode;
mod error;
mod explain;
mod flow;
mod header;
mod nonce;
mod nonce_store;
mod params;
mod problem;
mod protocol;
mod provider;
mod redirect;
mod rsa_key;
mod signature;
mod signer;
mod template;
mod url;
mod verify;

pub use clock::{unix_now, unix_seconds};
pub use credentials::{Credentials, ENV_VARS, PRIVATE_KEY_FILE_VAR, PartialCredentials, Secret};
pub use encode::{ENCODE_SET, percent_decode, percent_encode};
pub use error::{ERROR_KINDS, Error, ErrorKind, Problem, Rejection};
pub use explain::{ExplainedParam, Explanation};
pub use flow::{
    AuthorizationResponse, Endpoint, Flow, ProviderAnswer, TokenResponse, authorization_url,
    parse_authorization_response, parse_token_response, provider_error,
};
pub use header::parse_authorization_header;
pub use nonce::generate_nonce;
pub use nonce_store::{MemoryNonceStore, NonceStoreStats, nonce_store_key};
pub use params::{ParamSource, is_form_content_type, normalized_parameters};
pub use problem::clock_offset_from_problem;
pub use provider::Provider;
pub use redirect::{RedirectHop, redirect_hop};
pub use rsa_key::{KeyOptions, MIN_RSA_KEY_BITS, RsaPrivateKey, RsaPublicKey};
pub use signature::{SignatureMethod, hmac_signature};
pub use signer::{Placement, Request, Signed, Signer, SignerBuilder, SignerOptions, Wire};
pub use url::base_string_uri;
pub use verify::{
    BASE_STRING_CUT_MARK, Consumer, DEFAULT_VERIFY_METHODS, MAX_REJECTION_BASE_STRING, NonceCheck,
    NonceStore, NonceStoreUnavailable, ReceivedRequest, SecretLookup, Verified, VerifyOptions,
    nonce_verdict, verify,
};

/// Every protocol parameter name a [`Signer`] may send, in sort order (RFC 5849
/// section 3.1, with `oauth_callback` and `oauth_verifier` from section 2 and
/// `oauth_body_hash` from the OAuth Request Body Hash extension).
///
/// ```
/// assert_eq!(oauth1::PROTOCOL_PARAMETERS[4], "oauth_signature");
/// ```
pub const PROTOCOL_PARAMETERS: [&str; 10] = protocol::NAMES;

/// The repository README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct RepositoryReadme;
