//! The three-legged flow (RFC 5849 section 2) end to end between `Flow` and a
//! provider built on `verify`, and every bad provider answer's error.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

use oauth1::{
    Credentials, Error, Flow, ProviderAnswer, ReceivedRequest, Request, Signer, VerifyOptions,
    parse_authorization_header, parse_token_response, provider_error, verify,
};

const KEY: &str = "dpf43f3p2l4k3l03";
const SECRET: &str = "kd94hf93k423kf44";

fn header_param(authorization: &str, name: &str) -> Option<String> {
    parse_authorization_header(authorization)
        .unwrap()
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

#[test]
fn a_flow_completes_against_a_provider_that_verifies_every_step() {
    let consumer = Credentials::new(KEY, SECRET, None::<String>, None::<String>);
    let mut flow = Flow::new(
        Signer::builder(KEY, SECRET).signature_method(oauth1::SignatureMethod::HmacSha256),
    )
    .callback("http://127.0.0.1:8080/callback");

    // Step 1: the provider verifies the consumer's signature and reads the callback.
    let signed = flow
        .request_token_signer()
        .unwrap()
        .sign(&Request::new("POST", "https://provider.test/initiate"))
        .unwrap();
    let received = ReceivedRequest::new("POST", "https://provider.test/initiate")
        .authorization(signed.authorization());
    let verified = verify(&received, &consumer, &VerifyOptions::default()).unwrap();
    assert_eq!(verified.token, None);
    assert_eq!(
        header_param(signed.authorization(), "oauth_callback").as_deref(),
        Some("http://127.0.0.1:8080/callback")
    );
    let answer = b"oauth_token=temp-1&oauth_token_secret=temp-secret&oauth_callback_confirmed=true";
    flow.accept_request_token(&ProviderAnswer::new(200, answer))
        .unwrap();

    // Step 2: the user is sent to the provider and comes back.
    let url = flow
        .authorization_url(
            "https://provider.test/authorize?lang=en",
            &[("perms", "read")],
        )
        .unwrap();
    assert_eq!(
        url,
        "https://provider.test/authorize?lang=en&oauth_token=temp-1&perms=read"
    );
    let verifier = flow
        .accept_authorization_response(
            "http://127.0.0.1:8080/callback?oauth_token=temp-1&oauth_verifier=v%2B1",
        )
        .unwrap();
    assert_eq!(verifier, "v+1");

    // Step 3: signed with the temporary credentials and the verifier.
    let signed = flow
        .access_token_signer()
        .unwrap()
        .sign(&Request::new("POST", "https://provider.test/token"))
        .unwrap();
    let temporary = Credentials::new(KEY, SECRET, Some("temp-1"), Some("temp-secret"));
    let received = ReceivedRequest::new("POST", "https://provider.test/token")
        .authorization(signed.authorization());
    verify(&received, &temporary, &VerifyOptions::default()).unwrap();
    assert_eq!(
        header_param(signed.authorization(), "oauth_verifier").as_deref(),
        Some("v+1")
    );
    assert_eq!(header_param(signed.authorization(), "oauth_callback"), None);
    let answer = b"oauth_token=access-1&oauth_token_secret=access-secret&user_id=42";
    let issued = flow
        .accept_access_token(&ProviderAnswer::new(200, answer))
        .unwrap();
    assert_eq!(issued.extra, [("user_id".to_owned(), "42".to_owned())]);

    // The resource: signed with the token credentials, in HMAC-SHA256 as chosen.
    let signed = flow
        .signer()
        .unwrap()
        .sign(&Request::new(
            "GET",
            "https://provider.test/photos?size=original",
        ))
        .unwrap();
    let access = Credentials::new(KEY, SECRET, Some("access-1"), Some("access-secret"));
    let received = ReceivedRequest::new("GET", "https://provider.test/photos?size=original")
        .authorization(signed.authorization());
    let verified = verify(&received, &access, &VerifyOptions::default()).unwrap();
    assert_eq!(
        verified.signature_method,
        oauth1::SignatureMethod::HmacSha256
    );
    assert_eq!(header_param(signed.authorization(), "oauth_verifier"), None);
}

#[test]
fn the_callback_defaults_to_oob_and_a_typed_verifier_is_trimmed() {
    let mut flow = Flow::new(Signer::builder(KEY, SECRET));
    assert_eq!(flow.callback_uri(), "oob");
    let signed = flow
        .request_token_signer()
        .unwrap()
        .sign(&Request::new("POST", "https://provider.test/initiate"))
        .unwrap();
    assert_eq!(
        header_param(signed.authorization(), "oauth_callback").as_deref(),
        Some("oob")
    );
    assert_eq!(
        flow.access_token_signer().unwrap_err().code(),
        "invalid_option"
    );
    flow.set_request_token("temp-1", "temp-secret");
    assert_eq!(
        flow.access_token_signer().unwrap_err().code(),
        "invalid_option"
    );
    flow.set_verifier(" 123456\n");
    let signed = flow
        .access_token_signer()
        .unwrap()
        .sign(&Request::new("POST", "https://provider.test/token"))
        .unwrap();
    assert_eq!(
        header_param(signed.authorization(), "oauth_verifier").as_deref(),
        Some("123456")
    );
}

#[test]
fn a_redirect_for_another_authorization_is_refused() {
    let mut flow = Flow::new(Signer::builder(KEY, SECRET));
    let fresh = |flow: &mut Flow, url: &str| flow.accept_authorization_response(url).unwrap_err();
    assert_eq!(
        fresh(&mut flow, "http://cb/?oauth_token=t&oauth_verifier=v").code(),
        "invalid_option",
        "nothing to match against yet"
    );
    flow.set_request_token("temp-1", "s");
    let err = fresh(&mut flow, "http://cb/?oauth_token=temp-2&oauth_verifier=v");
    assert_eq!(err.code(), "token_mismatch");
    assert!(!err.to_string().contains("temp-2"), "{err}");
    assert_eq!(
        fresh(&mut flow, "http://cb/?oauth_verifier=v").code(),
        "token_mismatch"
    );
    assert_eq!(
        fresh(&mut flow, "http://cb/?oauth_token=temp-1").code(),
        "response_invalid"
    );
    let denied = fresh(&mut flow, "http://cb/?denied=temp-1");
    assert!(matches!(
        &denied,
        Error::ProviderError { status: None, problem: Some(p), .. } if p == "user_refused"
    ));
    assert_eq!(
        fresh(
            &mut flow,
            "oauth_token=temp-1&oauth_problem=permission_denied"
        )
        .code(),
        "provider_error"
    );
}

#[test]
fn bad_token_answers_name_their_problem() {
    let parse = |status: u16, body: &[u8], content_type: Option<&str>| {
        parse_token_response(
            &ProviderAnswer::new(status, body).content_type(content_type),
            true,
        )
        .unwrap_err()
    };
    let unconfirmed = parse(200, b"oauth_token=t&oauth_token_secret=s", None);
    assert_eq!(unconfirmed, Error::CallbackUnconfirmed);
    assert_eq!(
        parse(
            200,
            b"oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=false",
            None
        ),
        Error::CallbackUnconfirmed
    );
    let html = parse(
        200,
        b"<!doctype html><p>Log in</p>",
        Some("text/html; charset=utf-8"),
    );
    assert_eq!(html.code(), "response_invalid");
    assert!(html.to_string().contains("HTML page (text/html"), "{html}");
    for body in [
        &b""[..],
        b"not a form",
        b"oauth_token_secret=s&oauth_callback_confirmed=true",
    ] {
        assert_eq!(
            parse(200, body, None).code(),
            "response_invalid",
            "{body:?}"
        );
    }
    assert_eq!(
        parse(200, &[0xff, b'=', 0xfe], None).code(),
        "response_invalid"
    );
    assert_eq!(
        parse(200, b"{\"oauth_token\": ", Some("application/json")).code(),
        "response_invalid"
    );

    let refused = parse(
        401,
        b"oauth_problem=signature_invalid&oauth_problem_advice=check+the+secret",
        Some("application/x-www-form-urlencoded"),
    );
    let Error::Rejected(rejection) = &refused else {
        panic!("{refused:?}")
    };
    assert_eq!(rejection.problem.name(), "signature_invalid");
    assert_eq!(rejection.reason, "check the secret");

    let other = parse(401, b"oauth_problem=token_expired", None);
    assert!(matches!(
        &other,
        Error::ProviderError { status: Some(401), problem: Some(p), .. } if p == "token_expired"
    ));
    let server_error = parse(
        500,
        b"<html><h1>Internal\nError</h1></html>",
        Some("text/html"),
    );
    assert_eq!(server_error.code(), "provider_error");
    assert!(
        server_error.to_string().contains("HTTP 500"),
        "{server_error}"
    );
    assert!(
        server_error.to_string().contains("Internal Error"),
        "{server_error}"
    );
    let problem_in_ok = parse(200, b"oauth_problem=consumer_key_unknown", None);
    assert_eq!(problem_in_ok.code(), "consumer_key_unknown");
}

#[test]
fn a_form_labelled_html_is_read_as_the_form_it_is() {
    // Twitter's token endpoints answer form-encoded bodies as text/html.
    let body = b"oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true";
    let answer = ProviderAnswer::new(200, body).content_type(Some("text/html;charset=utf-8"));
    assert_eq!(parse_token_response(&answer, true).unwrap().token, "t");
}

#[test]
fn json_answers_are_tolerated_and_extras_kept() {
    let body = br#"{"oauth_token":"t","oauth_token_secret":"s","oauth_callback_confirmed":true,"user_id":7}"#;
    let response = parse_token_response(
        &ProviderAnswer::new(200, body).content_type(Some("application/json")),
        true,
    )
    .unwrap();
    assert_eq!(response.token, "t");
    assert_eq!(response.token_secret.expose(), "s");
    assert_eq!(
        response.extra,
        [
            ("oauth_callback_confirmed".to_owned(), "true".to_owned()),
            ("user_id".to_owned(), "7".to_owned())
        ]
    );
    assert!(!format!("{response:?}").contains("\"s\""));
}

#[test]
fn the_problem_header_wins_and_gives_the_clock_window() {
    let answer = ProviderAnswer::new(401, b"<html>denied</html>").www_authenticate(Some(
        r#"OAuth realm="api", oauth_problem="timestamp_refused", oauth_acceptable_timestamps="1000-1600""#,
    ));
    let Error::Rejected(rejection) = provider_error(&answer) else {
        panic!()
    };
    assert_eq!(rejection.acceptable_timestamps, Some((1000, 1600)));
    let answer = ProviderAnswer::new(
        401,
        b"oauth_problem=signature_invalid&oauth_problem_advice=check+the+secret",
    )
    .www_authenticate(Some(
        r#"OAuth realm="api", oauth_problem="signature_invalid""#,
    ));
    let Error::Rejected(rejection) = provider_error(&answer) else {
        panic!()
    };
    assert_eq!(
        rejection.reason, "check the secret",
        "the body's advice joins the header's problem"
    );
    let answer = ProviderAnswer::new(403, b"").www_authenticate(Some("Basic realm=\"x\""));
    assert!(matches!(
        provider_error(&answer),
        Error::ProviderError { status: Some(403), problem: None, ref reason } if reason == "the answer has no body"
    ));
}

#[test]
fn schoology_style_empty_tokens_are_signed_and_sent() {
    let signer = Signer::builder(KEY, SECRET)
        .empty_token(true)
        .build()
        .unwrap();
    let signed = signer
        .sign(&Request::new("GET", "https://api.example.com/v1/users/me"))
        .unwrap();
    assert!(signed.authorization().contains("oauth_token=\"\""));
    assert!(signed.base_string().contains("oauth_token%3D%26"));
    let with_token = Signer::builder(KEY, SECRET)
        .empty_token(true)
        .token("t", "s")
        .build()
        .unwrap();
    let signed = with_token
        .sign(&Request::new("GET", "https://api.example.com/"))
        .unwrap();
    assert!(signed.authorization().contains("oauth_token=\"t\""));
    let no_token_with_secret = Signer::builder(KEY, SECRET)
        .empty_token(true)
        .token("", "s")
        .build();
    assert_eq!(
        no_token_with_secret.unwrap_err().code(),
        "invalid_credentials"
    );
}

#[test]
fn a_presets_endpoints_and_authorization_parameters_are_used() {
    let provider = oauth1::Provider::get("netsuite", &[("account", "1234567_SB1")]).unwrap();
    let flow = Flow::new(Signer::builder(KEY, SECRET).provider(&provider)).provider(&provider);
    assert_eq!(
        flow.endpoint(oauth1::Endpoint::RequestToken, None).unwrap(),
        "https://1234567-sb1.restlets.api.netsuite.com/rest/requesttoken"
    );
    assert_eq!(
        flow.endpoint(oauth1::Endpoint::RequestToken, Some("https://x.test/rt"))
            .unwrap(),
        "https://x.test/rt"
    );
    let bare = Flow::new(Signer::builder(KEY, SECRET));
    let err = bare
        .endpoint(oauth1::Endpoint::AccessToken, None)
        .unwrap_err();
    assert!(
        err.to_string().contains("no access token URL was given"),
        "{err}"
    );
    let signed = flow
        .request_token_signer()
        .unwrap()
        .sign(&Request::new(
            "POST",
            "https://1234567-sb1.restlets.api.netsuite.com/rest/requesttoken",
        ))
        .unwrap();
    assert!(
        signed
            .authorization()
            .starts_with("OAuth realm=\"1234567_SB1\"")
    );
    assert!(signed.authorization().contains("HMAC-SHA256"));
}
