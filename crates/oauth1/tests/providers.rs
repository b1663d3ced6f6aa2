//! The provider presets (`crates/oauth1/providers.json`): what every preset sets once
//! its values are filled in, that a signer built with [`SignerBuilder::provider`] signs
//! as the provider expects (checked again by this crate's own `verify`), the errors for
//! unknown names and missing or odd values, and the worked examples providers publish
//! (`tests/vectors/providers.json`).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

use oauth1::{
    Consumer, Endpoint, Error, Flow, KeyOptions, Placement, Provider, ReceivedRequest, Request,
    RsaPrivateKey, SecretLookup, SignatureMethod, Signed, Signer, SignerBuilder, Verified,
    VerifyOptions, percent_encode, verify,
};
use serde_json::Value;

const CONSUMER_KEY: &str = "consumer-key";
const CONSUMER_SECRET: &str = "consumer-secret";
const TIMESTAMP: u64 = 1_700_000_000;
const NONCE: &str = "n0nce0123456789abcdef";

/// What one preset must set, written out by hand from the provider's documentation.
struct Expected {
    name: &'static str,
    values: &'static [(&'static str, &'static str)],
    /// The values it takes, sorted.
    variables: &'static [&'static str],
    request_token_url: Option<&'static str>,
    authorize_url: Option<&'static str>,
    access_token_url: Option<&'static str>,
    api_base: Option<&'static str>,
    method: SignatureMethod,
    placement: Placement,
    version: bool,
    realm: Option<&'static str>,
    body_hash: bool,
    empty_token: bool,
    callback: Option<&'static str>,
    authorize_token_param: &'static str,
    authorize_params: &'static [(&'static str, &'static str)],
    required_headers: &'static [(&'static str, &'static str)],
    /// Where its documentation lives.
    docs_prefix: &'static str,
}

/// The defaults most presets share; each entry below states what differs.
const THREE_LEGGED_HMAC: Expected = Expected {
    name: "",
    values: &[],
    variables: &[],
    request_token_url: None,
    authorize_url: None,
    access_token_url: None,
    api_base: None,
    method: SignatureMethod::HmacSha1,
    placement: Placement::Header,
    version: true,
    realm: None,
    body_hash: false,
    empty_token: false,
    callback: None,
    authorize_token_param: "oauth_token",
    authorize_params: &[],
    required_headers: &[],
    docs_prefix: "https://",
};

const EXPECTED: &[Expected] = &[
    Expected {
        name: "x",
        request_token_url: Some("https://api.x.com/oauth/request_token"),
        authorize_url: Some("https://api.x.com/oauth/authorize"),
        access_token_url: Some("https://api.x.com/oauth/access_token"),
        api_base: Some("https://api.x.com"),
        docs_prefix: "https://docs.x.com/",
        ..THREE_LEGGED_HMAC
    },
    Expected {
        name: "netsuite",
        values: &[("account", "1234567_SB1")],
        variables: &["account"],
        request_token_url: Some("https://1234567-sb1.restlets.api.netsuite.com/rest/requesttoken"),
        authorize_url: Some(
            "https://1234567-sb1.app.netsuite.com/app/login/secure/authorizetoken.nl",
        ),
        access_token_url: Some("https://1234567-sb1.restlets.api.netsuite.com/rest/accesstoken"),
        api_base: Some("https://1234567-sb1.suitetalk.api.netsuite.com"),
        method: SignatureMethod::HmacSha256,
        realm: Some("1234567_SB1"),
        docs_prefix: "https://docs.oracle.com/en/cloud/saas/netsuite/",
        ..THREE_LEGGED_HMAC
    },
    Expected {
        name: "jira",
        values: &[("base_url", "https://example.com/jira/")],
        variables: &["base_url"],
        request_token_url: Some("https://example.com/jira/plugins/servlet/oauth/request-token"),
        authorize_url: Some("https://example.com/jira/plugins/servlet/oauth/authorize"),
        access_token_url: Some("https://example.com/jira/plugins/servlet/oauth/access-token"),
        api_base: Some("https://example.com/jira/rest/api/2"),
        method: SignatureMethod::RsaSha1,
        docs_prefix: "https://developer.atlassian.com/server/jira/",
        ..THREE_LEGGED_HMAC
    },
    Expected {
        name: "trello",
        variables: &["app_name"],
        request_token_url: Some("https://trello.com/1/OAuthGetRequestToken"),
        authorize_url: Some("https://trello.com/1/OAuthAuthorizeToken"),
        access_token_url: Some("https://trello.com/1/OAuthGetAccessToken"),
        api_base: Some("https://api.trello.com/1"),
        // No app name given: its parameter is left out.
        authorize_params: &[("scope", "read"), ("expiration", "30days")],
        docs_prefix: "https://developer.atlassian.com/cloud/trello/",
        ..THREE_LEGGED_HMAC
    },
    Expected {
        name: "etrade",
        request_token_url: Some("https://api.etrade.com/oauth/request_token"),
        authorize_url: Some("https://us.etrade.com/e/t/etws/authorize"),
        access_token_url: Some("https://api.etrade.com/oauth/access_token"),
        api_base: Some("https://api.etrade.com"),
        callback: Some("oob"),
        authorize_token_param: "token",
        authorize_params: &[("key", "{consumer_key}")],
        docs_prefix: "https://apisb.etrade.com/docs/",
        ..THREE_LEGGED_HMAC
    },
    Expected {
        name: "garmin",
        request_token_url: Some("https://connectapi.garmin.com/oauth-service/oauth/request_token"),
        authorize_url: Some("https://connect.garmin.com/oauthConfirm"),
        access_token_url: Some("https://connectapi.garmin.com/oauth-service/oauth/access_token"),
        api_base: Some("https://apis.garmin.com"),
        docs_prefix: "https://developer.garmin.com/",
        ..THREE_LEGGED_HMAC
    },
    Expected {
        name: "flickr",
        request_token_url: Some("https://www.flickr.com/services/oauth/request_token"),
        authorize_url: Some("https://www.flickr.com/services/oauth/authorize"),
        access_token_url: Some("https://www.flickr.com/services/oauth/access_token"),
        api_base: Some("https://api.flickr.com/services/rest"),
        authorize_params: &[("perms", "read")],
        docs_prefix: "https://www.flickr.com/services/api/",
        ..THREE_LEGGED_HMAC
    },
    Expected {
        name: "smugmug",
        request_token_url: Some("https://api.smugmug.com/services/oauth/1.0a/getRequestToken"),
        authorize_url: Some("https://api.smugmug.com/services/oauth/1.0a/authorize"),
        access_token_url: Some("https://api.smugmug.com/services/oauth/1.0a/getAccessToken"),
        api_base: Some("https://api.smugmug.com/api/v2"),
        authorize_params: &[("Access", "Public"), ("Permissions", "Read")],
        docs_prefix: "https://api.smugmug.com/api/v2/doc/",
        ..THREE_LEGGED_HMAC
    },
    Expected {
        name: "discogs",
        variables: &["user_agent"],
        request_token_url: Some("https://api.discogs.com/oauth/request_token"),
        authorize_url: Some("https://www.discogs.com/oauth/authorize"),
        access_token_url: Some("https://api.discogs.com/oauth/access_token"),
        api_base: Some("https://api.discogs.com"),
        method: SignatureMethod::Plaintext,
        required_headers: &[("User-Agent", "oauth1-core")],
        docs_prefix: "https://www.discogs.com/developers",
        ..THREE_LEGGED_HMAC
    },
    Expected {
        name: "tumblr",
        request_token_url: Some("https://www.tumblr.com/oauth/request_token"),
        authorize_url: Some("https://www.tumblr.com/oauth/authorize"),
        access_token_url: Some("https://www.tumblr.com/oauth/access_token"),
        api_base: Some("https://api.tumblr.com/v2"),
        docs_prefix: "https://www.tumblr.com/docs/",
        ..THREE_LEGGED_HMAC
    },
    Expected {
        name: "schoology",
        variables: &["domain"],
        request_token_url: Some("https://api.schoology.com/v1/oauth/request_token"),
        authorize_url: Some("https://www.schoology.com/oauth/authorize"),
        access_token_url: Some("https://api.schoology.com/v1/oauth/access_token"),
        api_base: Some("https://api.schoology.com/v1"),
        realm: Some("Schoology API"),
        empty_token: true,
        docs_prefix: "https://developers.schoology.com/",
        ..THREE_LEGGED_HMAC
    },
    Expected {
        name: "magento",
        values: &[("base_url", "https://shop.example.com")],
        variables: &["base_url"],
        request_token_url: Some("https://shop.example.com/oauth/token/request"),
        access_token_url: Some("https://shop.example.com/oauth/token/access"),
        api_base: Some("https://shop.example.com/rest"),
        method: SignatureMethod::HmacSha256,
        docs_prefix: "https://developer.adobe.com/commerce/",
        ..THREE_LEGGED_HMAC
    },
    Expected {
        name: "woocommerce",
        values: &[("base_url", "http://shop.example.com/")],
        variables: &["base_url"],
        api_base: Some("http://shop.example.com/wp-json/wc/v3"),
        method: SignatureMethod::HmacSha256,
        placement: Placement::Query,
        version: false,
        docs_prefix: "https://woocommerce.github.io/woocommerce-rest-api-docs/",
        ..THREE_LEGGED_HMAC
    },
    Expected {
        name: "lti",
        placement: Placement::Body,
        callback: Some("about:blank"),
        docs_prefix: "https://www.imsglobal.org/",
        ..THREE_LEGGED_HMAC
    },
    Expected {
        name: "mastercard",
        api_base: Some("https://api.mastercard.com"),
        method: SignatureMethod::RsaSha256,
        body_hash: true,
        docs_prefix: "https://developer.mastercard.com/",
        ..THREE_LEGGED_HMAC
    },
];

fn expected(name: &str) -> &'static Expected {
    EXPECTED
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no expectations written for the preset {name}"))
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
        .collect()
}

fn rsa_key() -> RsaPrivateKey {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/vectors/keys/rsa-2048.pem"
    );
    RsaPrivateKey::from_file(path, &KeyOptions::default()).expect("the test key")
}

/// The consumer's builder, with the private key an RSA preset signs with.
fn consumer(provider: &Provider) -> SignerBuilder {
    let builder = Signer::builder(CONSUMER_KEY, CONSUMER_SECRET);
    if provider.signature_method.is_rsa() {
        builder.private_key(rsa_key())
    } else {
        builder
    }
}

/// The server side of every preset: knows the consumer (secret and public key), the
/// one access token, and lets the consumer sign two-legged requests.
struct Server;

impl SecretLookup for Server {
    fn consumer(&self, consumer_key: &str) -> Option<Consumer> {
        (consumer_key == CONSUMER_KEY).then(|| {
            Consumer::new(CONSUMER_SECRET)
                .rsa_public_key(rsa_key().public_key())
                .two_legged(true)
        })
    }

    fn token_secret(&self, consumer_key: &str, token: &str) -> Option<oauth1::Secret> {
        (consumer_key == CONSUMER_KEY && token == "access-token")
            .then(|| oauth1::Secret::new("access-token-secret"))
    }
}

/// Verifies a signed request as the provider would receive it, wherever the preset
/// put the parameters.
fn verify_as_received(
    method: &str,
    url: &str,
    body: Option<(&[u8], &str)>,
    signed: &Signed,
) -> Verified {
    let mut received = ReceivedRequest::new(method, signed.signed_url().unwrap_or(url));
    if signed.signed_url().is_none() && signed.signed_body().is_none() {
        received.authorization = Some(signed.authorization());
    }
    if let Some((body, content_type)) = body {
        received.body = Some(signed.signed_body().unwrap_or(body));
        received.content_type = Some(content_type);
    } else if let Some(form) = signed.signed_body() {
        received.body = Some(form);
        received.content_type = Some("application/x-www-form-urlencoded");
    }
    let options = VerifyOptions::default()
        .now(TIMESTAMP)
        .signature_methods(SignatureMethod::ALL)
        .unwrap();
    let verified = verify(&received, &Server, &options)
        .unwrap_or_else(|e| panic!("{method} {url}: the preset's request does not verify: {e}"));
    assert_eq!(verified.consumer_key, CONSUMER_KEY);
    verified
}

fn param<'s>(signed: &'s Signed, name: &str) -> Option<&'s str> {
    signed.params().find(|(n, _)| *n == name).map(|(_, v)| v)
}

#[test]
fn the_expectations_cover_every_preset() {
    let mut written: Vec<&str> = EXPECTED.iter().map(|e| e.name).collect();
    written.sort_unstable();
    assert_eq!(Provider::names(), written);
}

#[test]
fn every_preset_sets_what_its_provider_documents() {
    for e in EXPECTED {
        let p = Provider::get(e.name, e.values)
            .unwrap_or_else(|err| panic!("{}: the preset does not load: {err}", e.name));
        let name = e.name;
        assert_eq!(p.name, name);
        assert_eq!(
            p.request_token_url.as_deref(),
            e.request_token_url,
            "{name}"
        );
        assert_eq!(p.authorize_url.as_deref(), e.authorize_url, "{name}");
        assert_eq!(p.access_token_url.as_deref(), e.access_token_url, "{name}");
        assert_eq!(p.api_base.as_deref(), e.api_base, "{name}");
        assert_eq!(p.signature_method, e.method, "{name}");
        assert_eq!(p.placement, e.placement, "{name}");
        assert_eq!(p.version, e.version, "{name}");
        assert_eq!(p.realm.as_deref(), e.realm, "{name}");
        assert_eq!(p.body_hash, e.body_hash, "{name}");
        assert_eq!(p.empty_token, e.empty_token, "{name}");
        assert_eq!(p.callback.as_deref(), e.callback, "{name}");
        assert_eq!(p.authorize_token_param, e.authorize_token_param, "{name}");
        assert_eq!(p.authorize_params, owned(e.authorize_params), "{name}");
        assert_eq!(p.required_headers, owned(e.required_headers), "{name}");
        assert!(p.docs.starts_with(e.docs_prefix), "{name}: docs {}", p.docs);
        assert!(!p.title.is_empty() && !p.notes.is_empty(), "{name}");
        let mut variables: Vec<&str> = Provider::variables(name)
            .unwrap()
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        variables.sort_unstable();
        assert_eq!(variables, e.variables, "{name}");
        // One-legged APIs have no token endpoints; three-legged ones have both.
        assert_eq!(
            p.request_token_url.is_some(),
            p.access_token_url.is_some(),
            "{name}"
        );
    }
}

/// A sample for each value any preset takes, of the kind that value needs.
fn sample(variable: &str) -> &'static str {
    match variable {
        "account" => "7654321_RP",
        "base_url" => "https://example.com/base/",
        "domain" => "district.schoology.com",
        "app_name" => "My App",
        "user_agent" => "MyApp/1.0 +https://example.com",
        other => panic!("no sample for the value {other}: add one"),
    }
}

#[test]
fn every_listed_name_loads_and_its_urls_are_filled() {
    for name in Provider::names() {
        let variables = Provider::variables(name).unwrap();
        for (variable, description) in &variables {
            assert!(
                description.len() > 10,
                "{name}: {variable} needs a description"
            );
        }
        let values: Vec<(&str, &str)> = variables.iter().map(|(v, _)| (*v, sample(v))).collect();
        let p = Provider::get(name, &values)
            .unwrap_or_else(|err| panic!("{name} with {values:?}: {err}"));
        let urls = [
            &p.request_token_url,
            &p.authorize_url,
            &p.access_token_url,
            &p.api_base,
        ];
        for url in urls.into_iter().flatten() {
            assert!(url.starts_with("https://"), "{name}: {url}");
            assert!(!url.contains(['{', '}']), "{name}: unfilled {url}");
            // Each URL is one a request can be signed for.
            Signer::builder("k", "s")
                .build()
                .unwrap()
                .sign(&Request::new("GET", url))
                .unwrap_or_else(|err| panic!("{name}: {url}: {err}"));
        }
        for (param, value) in p.authorize_params.iter().chain(&p.required_headers) {
            assert!(
                !value.contains(['{', '}']) || value == "{consumer_key}",
                "{name}: {param}={value}"
            );
        }
        // The name is matched without regard to case or surrounding space.
        let upper = format!(" {} ", name.to_ascii_uppercase());
        assert_eq!(Provider::get(&upper, &values).unwrap(), p);
    }
}

#[test]
fn every_preset_signs_as_it_says_and_its_requests_verify() {
    for name in Provider::names() {
        let e = expected(name);
        let p = Provider::get(name, e.values).unwrap();
        let url = format!(
            "{}/things?a=1",
            p.api_base
                .as_deref()
                .unwrap_or("https://tool.example.com/launch")
        );
        let three_legged = p.request_token_url.is_some();
        let mut builder = consumer(&p).provider(&p);
        if three_legged {
            builder = builder.token("access-token", "access-token-secret");
        }
        let signer = builder
            .build()
            .unwrap_or_else(|err| panic!("{name}: {err}"));
        let (method, body) = if p.placement == Placement::Body {
            (
                "POST",
                Some((
                    &b"lti_message_type=basic-lti-launch-request"[..],
                    "application/x-www-form-urlencoded",
                )),
            )
        } else {
            ("GET", None)
        };
        let mut request = Request::new(method, &url).nonce(NONCE).timestamp(TIMESTAMP);
        if let Some((bytes, content_type)) = body {
            request = request.body(bytes, Some(content_type));
        }
        let signed = signer
            .sign(&request)
            .unwrap_or_else(|err| panic!("{name}: {err}"));

        assert_eq!(
            param(&signed, "oauth_signature_method"),
            Some(p.signature_method.name()),
            "{name}"
        );
        assert_eq!(
            param(&signed, "oauth_version").is_some(),
            p.version,
            "{name}"
        );
        assert_eq!(
            param(&signed, "oauth_body_hash").is_some(),
            p.body_hash,
            "{name}"
        );
        let token = param(&signed, "oauth_token");
        if three_legged {
            assert_eq!(token, Some("access-token"), "{name}");
        } else {
            assert_eq!(token, p.empty_token.then_some(""), "{name}");
        }
        let callback = if three_legged {
            None
        } else {
            p.callback.as_deref()
        };
        assert_eq!(param(&signed, "oauth_callback"), callback, "{name}");
        match &p.realm {
            // The header carries the realm percent-encoded, as every value (RFC 5849
            // section 3.5.1), first.
            Some(realm) => assert!(
                signed
                    .authorization()
                    .starts_with(&format!("OAuth realm=\"{}\", ", percent_encode(realm))),
                "{name}: {}",
                signed.authorization()
            ),
            None => assert!(!signed.authorization().contains("realm="), "{name}"),
        }
        match p.placement {
            Placement::Header => {
                assert!(signed.signed_url().is_none() && signed.signed_body().is_none());
            }
            Placement::Query => {
                let sent = signed.signed_url().unwrap();
                assert!(sent.starts_with(&format!("{url}&oauth_")), "{name}: {sent}");
                assert!(sent.contains("&oauth_signature="), "{name}: {sent}");
            }
            Placement::Body => {
                let form = String::from_utf8(signed.signed_body().unwrap().to_vec()).unwrap();
                assert!(
                    form.starts_with("lti_message_type=basic-lti-launch-request&oauth_"),
                    "{name}: {form}"
                );
                assert!(form.contains("&oauth_signature="), "{name}: {form}");
            }
            _ => panic!("{name}: a placement this test does not know"),
        }
        let verified = verify_as_received(method, &url, body, &signed);
        let header_realm = if p.placement == Placement::Header {
            p.realm.as_deref()
        } else {
            None
        };
        assert_eq!(verified.realm.as_deref(), header_realm, "{name}");
        assert_eq!(verified.placement, p.placement, "{name}");
    }
}

#[test]
fn netsuite_realm_is_upper_case_with_underscores_and_hosts_lower_case_with_dashes() {
    for account in ["1234567_SB1", "1234567_sb1", "1234567-SB1", "1234567-sb1"] {
        let p = Provider::get("netsuite", &[("account", account)]).unwrap();
        assert_eq!(p.realm.as_deref(), Some("1234567_SB1"), "{account}");
        assert_eq!(
            p.api_base.as_deref(),
            Some("https://1234567-sb1.suitetalk.api.netsuite.com"),
            "{account}"
        );
    }
    let p = Provider::get("netsuite", &[("account", "1234567_SB1")]).unwrap();
    let signer = Signer::builder(CONSUMER_KEY, CONSUMER_SECRET)
        .token("access-token", "access-token-secret")
        .provider(&p)
        .build()
        .unwrap();
    let url = "https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=6&deploy=1";
    let signed = signer
        .sign(
            &Request::new("POST", url)
                .nonce(NONCE)
                .timestamp(TIMESTAMP)
                .body(b"{}", Some("application/json")),
        )
        .unwrap();
    let header = signed.authorization();
    assert!(
        header.starts_with("OAuth realm=\"1234567_SB1\", oauth_consumer_key="),
        "{header}"
    );
    assert!(
        header.contains("oauth_signature_method=\"HMAC-SHA256\""),
        "{header}"
    );
    assert!(header.contains("oauth_version=\"1.0\""), "{header}");
    // HMAC-SHA256 signatures are 32 bytes: 44 characters of base64.
    assert_eq!(signed.signature().len(), 44);
    verify_as_received("POST", url, Some((b"{}", "application/json")), &signed);
}

#[test]
fn schoology_sends_an_empty_token_on_two_legged_calls_and_the_real_one_otherwise() {
    let p = Provider::get("schoology", &[]).unwrap();
    let two_legged = Signer::builder(CONSUMER_KEY, CONSUMER_SECRET)
        .provider(&p)
        .build()
        .unwrap();
    let url = "https://api.schoology.com/v1/users/me";
    let signed = two_legged
        .sign(&Request::new("GET", url).nonce(NONCE).timestamp(TIMESTAMP))
        .unwrap();
    let header = signed.authorization();
    assert!(
        header.starts_with("OAuth realm=\"Schoology%20API\", "),
        "{header}"
    );
    assert!(header.contains(", oauth_token=\"\", "), "{header}");
    assert!(
        signed.base_string().contains("%26oauth_token%3D%26"),
        "the empty token is signed"
    );
    let verified = verify_as_received("GET", url, None, &signed);
    assert_eq!(verified.realm.as_deref(), Some("Schoology API"));
    assert_eq!(
        verified.token, None,
        "an empty token is a two-legged request"
    );

    let three_legged = Signer::builder(CONSUMER_KEY, CONSUMER_SECRET)
        .token("access-token", "access-token-secret")
        .provider(&p)
        .build()
        .unwrap();
    let signed = three_legged
        .sign(&Request::new("GET", url).nonce(NONCE).timestamp(TIMESTAMP))
        .unwrap();
    assert_eq!(param(&signed, "oauth_token"), Some("access-token"));

    // The authorization page is the one of the user's own domain.
    let district = Provider::get("schoology", &[("domain", "District.Schoology.com")]).unwrap();
    assert_eq!(
        district.authorize_url.as_deref(),
        Some("https://District.Schoology.com/oauth/authorize")
    );
}

#[test]
fn mastercard_hashes_every_body_even_an_absent_one() {
    let p = Provider::get("mastercard", &[]).unwrap();
    let signer = consumer(&p).provider(&p).build().unwrap();
    let url =
        "https://sandbox.api.mastercard.com/fraud/merchant/v3/termination-inquiry?Format=JSON";
    let get = signer
        .sign(&Request::new("GET", url).nonce(NONCE).timestamp(TIMESTAMP))
        .unwrap();
    // SHA-256 of nothing.
    assert_eq!(
        param(&get, "oauth_body_hash"),
        Some("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
    );
    assert!(
        get.authorization()
            .contains("oauth_signature_method=\"RSA-SHA256\"")
    );
    assert_eq!(param(&get, "oauth_token"), None);
    verify_as_received("GET", url, None, &get);

    let body = br#"{"TerminationInquiryRequest":{"AcquirerId":"1996"}}"#;
    let post = signer
        .sign(
            &Request::new("POST", url)
                .nonce(NONCE)
                .timestamp(TIMESTAMP)
                .body(body, Some("application/json; charset=utf-8")),
        )
        .unwrap();
    assert_eq!(
        param(&post, "oauth_body_hash"),
        Some("NceUrb3EULVIEpU0DlE0++jpo6r9WmAXWcfhFGmqjgo="),
        "the same hash as the rsa-sha256-body-hash vector in public.json"
    );
    verify_as_received(
        "POST",
        url,
        Some((body, "application/json; charset=utf-8")),
        &post,
    );
}

#[test]
fn woocommerce_puts_the_parameters_in_the_query_without_a_token_or_version() {
    let p = Provider::get("woocommerce", &[("base_url", "http://shop.example.com")]).unwrap();
    let signer = Signer::builder(CONSUMER_KEY, CONSUMER_SECRET)
        .provider(&p)
        .build()
        .unwrap();
    let url = format!("{}/products?per_page=5", p.api_base.as_deref().unwrap());
    let signed = signer
        .sign(&Request::new("GET", &url).nonce(NONCE).timestamp(TIMESTAMP))
        .unwrap();
    let sent = signed.signed_url().unwrap();
    assert!(
        sent.starts_with("http://shop.example.com/wp-json/wc/v3/products?per_page=5&oauth_consumer_key=consumer-key&oauth_nonce="),
        "{sent}"
    );
    assert!(
        sent.contains("&oauth_signature_method=HMAC-SHA256&"),
        "{sent}"
    );
    assert!(
        !sent.contains("oauth_token") && !sent.contains("oauth_version"),
        "{sent}"
    );
    verify_as_received("GET", &url, None, &signed);
}

#[test]
fn an_lti_launch_is_a_signed_form_with_the_about_blank_callback() {
    let p = Provider::get("lti", &[]).unwrap();
    let signer = Signer::builder(CONSUMER_KEY, CONSUMER_SECRET)
        .provider(&p)
        .build()
        .unwrap();
    let launch =
        b"lti_message_type=basic-lti-launch-request&lti_version=LTI-1p0&resource_link_id=42";
    let url = "https://tool.example.com/lti/launch";
    let form_type = "application/x-www-form-urlencoded";
    let signed = signer
        .sign(
            &Request::new("POST", url)
                .nonce(NONCE)
                .timestamp(TIMESTAMP)
                .body(launch, Some(form_type)),
        )
        .unwrap();
    let form = String::from_utf8(signed.signed_body().unwrap().to_vec()).unwrap();
    assert!(form.starts_with("lti_message_type=basic-lti-launch-request&lti_version=LTI-1p0&resource_link_id=42&oauth_callback=about%3Ablank&oauth_consumer_key=consumer-key&"), "{form}");
    assert!(!form.contains("oauth_token"), "{form}");
    verify_as_received("POST", url, Some((launch, form_type)), &signed);
}

#[test]
fn jira_signs_with_the_consumers_private_key() {
    let p = Provider::get("jira", &[("base_url", "https://jira.example.com")]).unwrap();
    // Without a private key an RSA preset cannot sign: a clear error, not a bad signature.
    let err = Signer::builder(CONSUMER_KEY, "")
        .provider(&p)
        .build()
        .unwrap_err();
    assert!(!err.to_string().is_empty());
    let signer = consumer(&p)
        .token("access-token", "access-token-secret")
        .provider(&p)
        .build()
        .unwrap();
    let url = "https://jira.example.com/rest/api/2/myself";
    let signed = signer
        .sign(&Request::new("GET", url).nonce(NONCE).timestamp(TIMESTAMP))
        .unwrap();
    assert!(
        signed
            .authorization()
            .contains("oauth_signature_method=\"RSA-SHA1\"")
    );
    assert_eq!(signed.signature().len(), 344, "a 2048-bit RSA signature");
    verify_as_received("GET", url, None, &signed);
}

#[test]
fn discogs_signs_with_plaintext_and_names_its_user_agent() {
    let p = Provider::get("discogs", &[("user_agent", "FooBarApp/3.0")]).unwrap();
    assert_eq!(
        p.required_headers,
        owned(&[("User-Agent", "FooBarApp/3.0")])
    );
    let signer = Signer::builder(CONSUMER_KEY, CONSUMER_SECRET)
        .token("access-token", "access-token-secret")
        .provider(&p)
        .build()
        .unwrap();
    let signed = signer
        .sign(
            &Request::new("GET", "https://api.discogs.com/oauth/identity")
                .nonce(NONCE)
                .timestamp(TIMESTAMP),
        )
        .unwrap();
    assert_eq!(signed.signature(), "consumer-secret&access-token-secret");
}

#[test]
fn the_callers_own_options_win_over_the_preset() {
    let p = Provider::get("woocommerce", &[("base_url", "https://shop.example.com")]).unwrap();
    let signer = Signer::builder(CONSUMER_KEY, CONSUMER_SECRET)
        .provider(&p)
        .placement(Placement::Header)
        .signature_method(SignatureMethod::HmacSha1)
        .build()
        .unwrap();
    assert_eq!(signer.placement(), Placement::Header);
    assert_eq!(signer.signature_method(), SignatureMethod::HmacSha1);
    assert!(
        !signer.sends_version(),
        "what the caller did not set stays the preset's"
    );
}

#[test]
fn the_flow_builds_each_providers_authorization_url() {
    // E*TRADE: key=<consumer key> and token=<request token> instead of oauth_token.
    let etrade = Provider::get("etrade", &[]).unwrap();
    let mut flow = Flow::new(Signer::builder(CONSUMER_KEY, CONSUMER_SECRET)).provider(&etrade);
    assert_eq!(flow.callback_uri(), "oob");
    flow.set_request_token("request/token=", "request-secret");
    let authorize = flow.endpoint(Endpoint::Authorize, None).unwrap();
    let url = flow.authorization_url(&authorize, &[]).unwrap();
    assert_eq!(
        url,
        "https://us.etrade.com/e/t/etws/authorize?token=request%2Ftoken%3D&key=consumer-key"
    );

    // Trello: the preset's defaults, the app name when given, the caller's overrides.
    let trello = Provider::get("trello", &[("app_name", "My App")]).unwrap();
    assert_eq!(
        trello.authorize_params,
        owned(&[
            ("scope", "read"),
            ("expiration", "30days"),
            ("name", "My App")
        ])
    );
    let mut flow = Flow::new(Signer::builder(CONSUMER_KEY, CONSUMER_SECRET)).provider(&trello);
    flow.set_request_token("t", "s");
    let url = flow
        .authorization_url(
            trello.authorize_url.as_deref().unwrap(),
            &[("scope", "read,write")],
        )
        .unwrap();
    assert_eq!(
        url,
        "https://trello.com/1/OAuthAuthorizeToken?oauth_token=t&expiration=30days&name=My%20App&scope=read%2Cwrite"
    );
}

#[test]
fn twitter_is_another_name_for_x() {
    let x = Provider::get("twitter", &[]).unwrap();
    assert_eq!(x.name, "x");
    assert_eq!(x, Provider::get("X", &[]).unwrap());
    assert!(!Provider::names().contains(&"twitter"));
}

#[test]
fn an_unknown_provider_is_named_in_its_error() {
    let err = Provider::get("myspace", &[]).unwrap_err();
    assert_eq!(
        err,
        Error::UnknownProvider {
            name: "myspace".into()
        }
    );
    assert_eq!(err.code(), "unknown_provider");
    let message = err.to_string();
    assert!(
        message.contains("\"myspace\"") && message.contains("netsuite"),
        "{message}"
    );
    assert_eq!(
        Provider::variables("myspace").unwrap_err().code(),
        "unknown_provider"
    );
    // A very long name is cut in the error, not echoed whole.
    let long = "a".repeat(10_000);
    let Error::UnknownProvider { name } = Provider::get(&long, &[]).unwrap_err() else {
        panic!("not unknown_provider");
    };
    assert!(name.len() < 200);
}

/// The error for `values`, which must be invalid_option naming each of `words`.
fn invalid(provider: &str, values: &[(&str, &str)], words: &[&str]) {
    let err = Provider::get(provider, values)
        .err()
        .unwrap_or_else(|| panic!("{provider} {values:?} was accepted"));
    assert_eq!(err.code(), "invalid_option", "{provider} {values:?}: {err}");
    let message = err.to_string();
    for word in words {
        assert!(
            message.contains(word),
            "{provider} {values:?}: {message:?} lacks {word:?}"
        );
    }
    assert!(
        !message.contains('\n') && !message.contains('\r'),
        "{message:?}"
    );
}

#[test]
fn a_missing_value_names_the_value_and_what_it_is() {
    invalid(
        "netsuite",
        &[],
        &["netsuite", "account", "NetSuite account id"],
    );
    invalid("jira", &[], &["jira", "base_url", "Jira base URL"]);
    invalid("magento", &[], &["magento", "base_url", "store's base URL"]);
    invalid(
        "woocommerce",
        &[],
        &["woocommerce", "base_url", "WordPress site"],
    );
    // A value the preset does not take is a mistake too (a misspelt name, say).
    invalid("netsuite", &[("acount", "1234567")], &["acount", "account"]);
    invalid("x", &[("account", "1234567")], &["takes no value", "none"]);
}

#[test]
fn odd_values_are_refused_before_they_reach_a_host_name_url_or_header() {
    for account in [
        "",
        "1234567.evil.com",
        "1234567/x",
        "1234567#",
        "12 34",
        "1234567\r\n",
        "évian",
    ] {
        invalid("netsuite", &[("account", account)], &["account"]);
    }
    for base_url in [
        "",
        "jira.example.com",
        "ftp://jira.example.com",
        "javascript:alert(1)",
        "https://",
        "https://jira.example.com/?next=1",
        "https://jira.example.com/#top",
        "https://user:pass@jira.example.com",
        "https://jira example.com",
        "https://jira.example.com/\nX-Evil: 1",
    ] {
        invalid("jira", &[("base_url", base_url)], &["base_url"]);
    }
    for domain in [
        "",
        "evil.com/x",
        "-bad.example.com",
        "a..b",
        "host.",
        "a_b.com",
        "x:443",
    ] {
        invalid("schoology", &[("domain", domain)], &["domain"]);
    }
    for agent in ["App\r\nX-Evil: 1", "App\u{0}", ""] {
        invalid("discogs", &[("user_agent", agent)], &["user_agent"]);
    }
    // What is fine is taken: http for WooCommerce's plain-HTTP case, ports and paths.
    for base_url in [
        "http://shop.example.com",
        "https://shop.example.com:8443/store/",
        "HTTPS://Shop.Example.com",
    ] {
        Provider::get("woocommerce", &[("base_url", base_url)])
            .unwrap_or_else(|err| panic!("{base_url}: {err}"));
    }
}

fn vector_file(name: &str) -> Value {
    let path = format!("{}/../../tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn str_of<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// Signs a vector's request with its provider's preset applied and checks what the
/// provider's page printed.
fn check_vector(provider: &str, case: &Value) {
    let name = str_of(case, "name").expect("name");
    let values: Vec<(&str, &str)> = case["provider_values"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.as_str(), v.as_str().unwrap()))
                .collect()
        })
        .unwrap_or_default();
    let p = Provider::get(provider, &values).unwrap();
    let mut builder = Signer::builder(
        str_of(case, "consumer_key").unwrap(),
        str_of(case, "consumer_secret").unwrap(),
    )
    .provider(&p);
    if let Some(token) = str_of(case, "token") {
        builder = builder.token(token, str_of(case, "token_secret").unwrap_or(""));
    }
    if let Some(callback) = str_of(case, "callback") {
        builder = builder.callback(callback);
    }
    let signer = builder.build().unwrap();
    let mut request = Request::new(
        str_of(case, "method").unwrap(),
        str_of(case, "url").unwrap(),
    )
    .nonce(str_of(case, "nonce").unwrap())
    .timestamp(case["timestamp"].as_u64().unwrap());
    if let Some(body) = str_of(case, "body") {
        request = request.body(body.as_bytes(), str_of(case, "content_type"));
    }
    let signed = signer
        .sign(&request)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let expected = &case["expected"];
    assert_eq!(
        signed.base_string(),
        str_of(expected, "base_string").unwrap(),
        "{name}"
    );
    assert_eq!(
        signed.signature(),
        str_of(expected, "signature").unwrap(),
        "{name}"
    );
    if let Some(authorization) = str_of(expected, "authorization") {
        assert_eq!(signed.authorization(), authorization, "{name}");
    }
}

#[test]
fn the_worked_examples_providers_publish_sign_with_their_presets() {
    let vectors = vector_file("providers.json");
    assert_eq!(vectors["format"], "oauth1-provider-vectors/1");
    let cases = vectors["signing"].as_array().unwrap();
    assert!(!cases.is_empty());
    for case in cases {
        let provider = str_of(case, "provider").unwrap();
        assert!(str_of(case, "source_url").unwrap().starts_with("https://"));
        check_vector(provider, case);
    }

    // Examples kept in another file are found there, not repeated.
    let references = vectors["references"].as_array().unwrap();
    assert!(!references.is_empty());
    for reference in references {
        let file = vector_file(str_of(reference, "file").unwrap());
        let wanted = str_of(reference, "name").unwrap();
        let case = file[str_of(reference, "section").unwrap()]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| str_of(c, "name") == Some(wanted))
            .unwrap_or_else(|| panic!("{wanted} is not in {}", str_of(reference, "file").unwrap()));
        check_vector(str_of(reference, "provider").unwrap(), case);
    }

    for unusable in vectors["unusable"].as_array().unwrap() {
        let provider = str_of(unusable, "provider").unwrap();
        assert!(Provider::names().contains(&provider), "{provider}");
        assert!(str_of(unusable, "reason").unwrap().len() > 20);
    }
}
