//! `oauth1 request` against real local servers that verify every request with the
//! core's `oauth1::verify`: redirect chains (301, 302, 303, 307, 308) signed anew at
//! each hop, unsigned hops to another origin unless trusted, `-i`, a preset, and the
//! explanations of a refusal (timestamp_refused gives the offset, signature_invalid
//! the base string we signed).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

mod common;
mod provider;

use common::{Run, run};
use oauth1::{Credentials, Error, Placement, SecretLookup, VerifyOptions};
use provider::{Handler, Received, Reply, Server};
use std::sync::{Arc, Mutex};

const KEY: &str = "redirect-consumer";
const SECRET: &str = "redirect-secret";
const TOKEN: &str = "redirect-token";
const TOKEN_SECRET: &str = "redirect-token-secret";

fn credentials() -> Credentials {
    Credentials::new(KEY, SECRET, Some(TOKEN), Some(TOKEN_SECRET))
}

fn env() -> Vec<(&'static str, &'static str)> {
    common::env_credentials(KEY, SECRET, TOKEN, TOKEN_SECRET)
}

/// What a hop got: its method, path, body, and the verdict on its signature
/// (`None` when it carried no Authorization header).
type Hop = (String, String, String, Option<Result<(), String>>);

/// A server that verifies every request that carries a signature, refusing a bad one
/// with 401, and otherwise answers as `route` says; the hops are recorded.
fn verifying_server(
    lookup: impl SecretLookup + Send + Sync + 'static,
    options: VerifyOptions,
    route: impl Fn(&Received) -> Reply + Send + Sync + 'static,
) -> (Server, Arc<Mutex<Vec<Hop>>>) {
    let hops = Arc::new(Mutex::new(Vec::new()));
    let hops2 = hops.clone();
    let handler: Handler = Arc::new(move |r: &Received| {
        let signed = r.header("authorization").is_some() || r.url.contains("oauth_signature=");
        let verdict = signed.then(|| oauth1::verify(&r.to_verify(), &lookup, &options));
        hops2.lock().unwrap().push((
            r.method.clone(),
            r.url
                .split_once("127.0.0.1:")
                .unwrap()
                .1
                .split_once('/')
                .unwrap()
                .1
                .to_owned(),
            String::from_utf8_lossy(&r.body).into_owned(),
            verdict
                .as_ref()
                .map(|v| v.as_ref().map(drop).map_err(Error::to_string)),
        ));
        match verdict {
            Some(Err(e)) => Reply::refusal(&e),
            _ => route(r),
        }
    });
    (Server::start(handler), hops)
}

/// The redirect chains: each path answers with the next hop.
fn chain(r: &Received) -> Reply {
    match r.path.as_str() {
        "/start" => Reply::redirect(301, "/hop1"),
        "/hop1" => Reply::redirect(302, "/hop2?x=1&y=a%20b"),
        "/hop2" => Reply::redirect(303, "hop3"),
        "/hop3" => Reply::redirect(307, "/hop4"),
        "/hop4" => Reply::redirect(308, "/final?done=yes"),
        "/post307" => Reply::redirect(307, "/post308"),
        "/post308" => Reply::redirect(308, "/final"),
        "/post303" => Reply::redirect(303, "/final"),
        "/post301" => Reply::redirect(301, "/final"),
        "/loop" => Reply::redirect(302, "/loop"),
        "/final" => Reply::new(
            200,
            "text/plain",
            format!("{} {}\n", r.method, String::from_utf8_lossy(&r.body)),
        ),
        _ => Reply::new(404, "text/plain", "not found\n"),
    }
}

fn request(args: &[&str]) -> Run {
    let mut all = vec!["request"];
    all.extend_from_slice(args);
    run(&all, &env())
}

fn paths(hops: &[Hop]) -> Vec<(String, String)> {
    hops.iter()
        .map(|(m, p, _, _)| (m.clone(), p.clone()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

fn all_verified(hops: &[Hop]) {
    for (method, path, _, verdict) in hops {
        assert_eq!(
            verdict,
            &Some(Ok(())),
            "{method} /{path} was not signed for its own method and URL"
        );
    }
}

#[test]
fn a_chain_of_every_redirect_is_signed_anew_at_each_hop() {
    let (server, hops) = verifying_server(credentials(), VerifyOptions::default(), chain);
    let r = request(&[&server.url("/start")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "GET \n");
    let hops = hops.lock().unwrap().clone();
    assert_eq!(
        paths(&hops),
        pairs(&[
            ("GET", "start"),
            ("GET", "hop1"),
            ("GET", "hop2?x=1&y=a%20b"),
            ("GET", "hop3"),
            ("GET", "hop4"),
            ("GET", "final?done=yes"),
        ])
    );
    all_verified(&hops);
}

#[test]
fn a_307_and_308_keep_the_method_and_the_signed_form_body() {
    let (server, hops) = verifying_server(credentials(), VerifyOptions::default(), chain);
    let r = request(&["--data", "a=1&b=two", &server.url("/post307")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "POST a=1&b=two\n");
    let hops = hops.lock().unwrap().clone();
    assert_eq!(
        paths(&hops),
        pairs(&[("POST", "post307"), ("POST", "post308"), ("POST", "final")])
    );
    assert!(hops.iter().all(|(_, _, body, _)| body == "a=1&b=two"));
    all_verified(&hops);
}

#[test]
fn a_303_and_a_301_after_post_become_get_without_the_body() {
    for start in ["/post303", "/post301"] {
        let (server, hops) = verifying_server(credentials(), VerifyOptions::default(), chain);
        let r = request(&["-X", "POST", "--data", "a=1", &server.url(start)]);
        assert_eq!(r.code, 0, "{start}: {}", r.stderr);
        assert_eq!(r.stdout, "GET \n", "{start}");
        let hops = hops.lock().unwrap().clone();
        assert_eq!(
            paths(&hops),
            pairs(&[("POST", &start[1..]), ("GET", "final")])
        );
        assert_eq!(hops[1].2, "", "{start}: the body was dropped");
        all_verified(&hops);
    }
}

#[test]
fn include_prints_each_status_line_and_the_headers() {
    let (server, _) = verifying_server(credentials(), VerifyOptions::default(), chain);
    let r = request(&["-i", &server.url("/hop3")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let heads: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("HTTP/"))
        .collect();
    assert_eq!(
        heads,
        [
            "HTTP/1.1 307 Temporary Redirect",
            "HTTP/1.1 308 Permanent Redirect",
            "HTTP/1.1 200 OK"
        ]
    );
    assert!(r.stdout.contains("location: /hop4\r\n"), "{}", r.stdout);
    assert!(r.stdout.ends_with("\r\n\r\nGET \n"), "{}", r.stdout);
}

#[test]
fn a_redirect_loop_stops_with_the_last_answer() {
    let (server, hops) = verifying_server(credentials(), VerifyOptions::default(), chain);
    let r = request(&["-i", &server.url("/loop")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("stopped after 10 redirects"),
        "{}",
        r.stderr
    );
    assert_eq!(hops.lock().unwrap().len(), 11);
    // The ten redirects followed and the eleventh, given back as it is.
    assert_eq!(
        r.stdout.matches("HTTP/1.1 302 Found\r\n").count(),
        11,
        "{}",
        r.stdout
    );
}

/// Server A redirects to server B, another origin (another port).
fn two_origins() -> (Server, Server, Arc<Mutex<Vec<Hop>>>) {
    let (b, b_hops) = verifying_server(credentials(), VerifyOptions::default(), |r| {
        let signed = r.header("authorization").is_some();
        Reply::new(
            200,
            "text/plain",
            if signed { "signed\n" } else { "unsigned\n" },
        )
    });
    let target = b.url("/landing");
    let (a, _) = verifying_server(credentials(), VerifyOptions::default(), move |_| {
        Reply::redirect(302, &target)
    });
    (a, b, b_hops)
}

#[test]
fn a_hop_to_another_origin_goes_unsigned_unless_trusted() {
    let (a, b, b_hops) = two_origins();
    let r = request(&[&a.url("/away")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "unsigned\n");
    assert_eq!(
        b_hops.lock().unwrap()[0].3,
        None,
        "no Authorization went to B"
    );

    let r = request(&["--trusted-origin", &b.base, &a.url("/away")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "signed\n");
    assert_eq!(b_hops.lock().unwrap()[1].3, Some(Ok(())));
}

#[test]
fn timestamp_refused_gives_the_offset_that_then_works() {
    // The server's clock is an hour ahead of this machine's.
    let now = oauth1::unix_now().unwrap();
    let (server, _) = verifying_server(
        credentials(),
        VerifyOptions::default().now(now + 3600),
        chain,
    );
    let url = server.url("/final");
    let r = request(&[&url]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let line = r.stderr.lines().next().unwrap();
    assert!(
        line.starts_with("oauth1: error: timestamp_refused: HTTP 401"),
        "{line}"
    );
    let offset: i64 = line
        .split("--clock-offset ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no offset in {line}"));
    assert!((3590..=3610).contains(&offset), "{offset}");

    let r = request(&["--clock-offset", &offset.to_string(), &url]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "GET \n");
}

#[test]
fn signature_invalid_prints_the_base_string_we_signed() {
    // The server holds another consumer secret; its base string is the same as ours.
    let server_base = Arc::new(Mutex::new(None));
    let seen = server_base.clone();
    let lookup = Credentials::new(KEY, "another-secret", Some(TOKEN), Some(TOKEN_SECRET));
    let handler: Handler = Arc::new(move |r: &Received| {
        match oauth1::verify(&r.to_verify(), &lookup, &VerifyOptions::default()) {
            Err(Error::Rejected(rejection)) => {
                *seen.lock().unwrap() = rejection.base_string.clone();
                Reply::refusal(&Error::Rejected(rejection))
            }
            _ => Reply::new(200, "text/plain", "accepted?\n"),
        }
    });
    let server = Server::start(handler);
    let r = request(&["--data", "q=a b", &server.url("/items?page=2")]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    // The server's own answer is still printed, as received.
    assert_eq!(r.stdout, "signature_invalid\n");
    let mut lines = r.stderr.lines();
    let line = lines.next().unwrap();
    assert!(
        line.starts_with("oauth1: error: signature_invalid: HTTP 401"),
        "{line}"
    );
    let ours = lines
        .next()
        .and_then(|l| l.strip_prefix("oauth1: the base string we signed: "))
        .unwrap_or_else(|| panic!("no base string line: {}", r.stderr));
    let theirs = server_base
        .lock()
        .unwrap()
        .clone()
        .expect("the server's base string");
    assert_eq!(ours, theirs);
    assert!(ours.starts_with("POST&http%3A%2F%2F127.0.0.1%3A"), "{ours}");
}

#[test]
fn other_refusals_and_errors_are_named() {
    let (server, _) = verifying_server(credentials(), VerifyOptions::default(), chain);
    // A token the server does not know.
    let r = run(
        &["request", &server.url("/final")],
        &common::env_credentials(KEY, SECRET, "other-token", TOKEN_SECRET),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("oauth1: error: token_rejected: HTTP 401"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("oauth1 login"), "{}", r.stderr);

    // A 404 without oauth_problem: the body is printed and the status named.
    let r = request(&[&server.url("/nowhere")]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stdout, "not found\n");
    assert!(
        r.stderr
            .starts_with("oauth1: error: provider_error: HTTP 404 Not Found"),
        "{}",
        r.stderr
    );

    // Nothing listens: no answer at all is exit status 2.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let r = request(&[&format!("http://127.0.0.1:{port}/x")]);
    let line = common::assert_error(&r, "http_error");
    assert!(line.contains(&format!("127.0.0.1:{port}")), "{line}");

    let r = request(&["-H", "Authorization: OAuth x", &server.url("/final")]);
    common::assert_error(&r, "invalid_option");
}

#[test]
fn a_preset_sets_method_placement_and_version() {
    // WooCommerce: HMAC-SHA256, the parameters in the query, no oauth_version; two-legged.
    let seen = Arc::new(Mutex::new(None));
    let seen2 = seen.clone();
    let lookup = Credentials::new(KEY, SECRET, None::<String>, None::<String>);
    let handler: Handler = Arc::new(move |r: &Received| {
        match oauth1::verify(&r.to_verify(), &lookup, &VerifyOptions::default()) {
            Ok(ok) => {
                *seen2.lock().unwrap() = Some((
                    ok.signature_method.name(),
                    ok.placement,
                    r.url.contains("oauth_version"),
                    r.header("x-extra").map(str::to_owned),
                ));
                Reply::new(200, "application/json", "[]\n")
            }
            Err(e) => Reply::refusal(&e),
        }
    });
    let server = Server::start(handler);
    let r = run(
        &[
            "request",
            "--provider",
            "woocommerce",
            "--provider-value",
            &format!("base_url={}", server.base),
            "-H",
            "X-Extra: 1",
            &server.url("/wp-json/wc/v3/products?per_page=5"),
        ],
        &[
            ("OAUTH1_CONSUMER_KEY", KEY),
            ("OAUTH1_CONSUMER_SECRET", SECRET),
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "[]\n");
    assert_eq!(
        seen.lock().unwrap().clone(),
        Some(("HMAC-SHA256", Placement::Query, false, Some("1".to_owned())))
    );
}
