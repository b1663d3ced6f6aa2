//! A real local OAuth 1.0a provider for the `login` and `request` tests: HTTP/1.1 on
//! 127.0.0.1 over `std::net::TcpListener`, one thread per connection, verifying every
//! signed request with the core's `oauth1::verify` (RFC 5849 section 3.2). It issues
//! temporary credentials (section 2.1), approves an authorization at once by
//! redirecting to the callback (2.2), issues token credentials (2.3) and protects a
//! resource; a [`Mode`] makes it answer wrongly in one chosen way.

#![allow(
    dead_code,
    reason = "each test file uses a different part of the provider"
)]

use oauth1::{
    Consumer, Error, ReceivedRequest, Secret, SecretLookup, VerifyOptions,
    parse_authorization_header,
};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The consumer the provider knows.
pub const CONSUMER_KEY: &str = "test-consumer";
pub const CONSUMER_SECRET: &str = "test-consumer-secret";
/// The token credentials it issues.
pub const ACCESS_TOKEN: &str = "access-token-1";
pub const ACCESS_SECRET: &str = "access-secret-1";

/// The paths it serves (Magento's token paths, so that the magento preset finds them).
pub const REQUEST_TOKEN_PATH: &str = "/oauth/token/request";
pub const AUTHORIZE_PATH: &str = "/oauth/authorize";
pub const ACCESS_TOKEN_PATH: &str = "/oauth/token/access";
pub const RESOURCE_PATH: &str = "/api/me";

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    /// The full URL, `http://127.0.0.1:PORT/path?query`.
    pub url: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The request as `oauth1::verify` takes it.
    pub fn to_verify(&self) -> ReceivedRequest<'_> {
        let mut r = ReceivedRequest::new(&self.method, &self.url);
        r.authorization = self.header("authorization");
        if !self.body.is_empty() {
            r = r.body(&self.body, self.header("content-type"));
        }
        r
    }

    /// The protocol parameters of the Authorization header.
    pub fn oauth_param(&self, name: &str) -> Option<String> {
        let header = self.header("authorization")?;
        let params = parse_authorization_header(header).ok()?;
        params.into_iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
}

/// An answer to send.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    pub fn form(body: &str) -> Reply {
        Reply::new(200, "application/x-www-form-urlencoded", body)
    }

    pub fn redirect(status: u16, location: &str) -> Reply {
        Reply {
            status,
            headers: vec![("Location".into(), location.into())],
            body: Vec::new(),
        }
    }

    /// A 401 with the rejection's `WWW-Authenticate`, as RFC 5849 section 3.2 answers.
    pub fn refusal(error: &Error) -> Reply {
        match error {
            Error::Rejected(r) => Reply {
                status: 401,
                headers: vec![
                    ("WWW-Authenticate".into(), r.www_authenticate(Some("test"))),
                    ("Content-Type".into(), "text/plain".into()),
                ],
                body: format!("{}\n", r.problem).into_bytes(),
            },
            other => Reply::new(400, "text/plain", other.to_string()),
        }
    }
}

/// A handler: the request in, the answer out.
pub type Handler = Arc<dyn Fn(&Received) -> Reply + Send + Sync>;

/// A server on 127.0.0.1 with a free port; stops when dropped.
pub struct Server {
    pub base: String,
    port: u16,
    stop: Arc<AtomicBool>,
    pub log: Arc<Mutex<Vec<Received>>>,
}

impl Server {
    pub fn start(handler: Handler) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local address").port();
        let base = format!("http://127.0.0.1:{port}");
        let stop = Arc::new(AtomicBool::new(false));
        let log = Arc::new(Mutex::new(Vec::new()));
        let (stop2, log2, base2) = (stop.clone(), log.clone(), base.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (handler, log, base) = (handler.clone(), log2.clone(), base2.clone());
                std::thread::spawn(move || serve(stream, &handler, &log, &base));
            }
        });
        Server {
            base,
            port,
            stop,
            log,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The requests received so far.
    pub fn seen(&self) -> Vec<Received> {
        self.log.lock().expect("log").clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn serve(stream: TcpStream, handler: &Handler, log: &Mutex<Vec<Received>>, base: &str) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let mut words = line.split_whitespace();
    let (Some(method), Some(target)) = (words.next(), words.next()) else {
        return;
    };
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 {
            return;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    let length: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let received = Received {
        method: method.to_owned(),
        url: format!("{base}{target}"),
        path: target.split('?').next().unwrap_or(target).to_owned(),
        headers,
        body,
    };
    log.lock().expect("log").push(received.clone());
    let reply = handler(&received);
    let mut out = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.body.len()
    );
    for (name, value) in &reply.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let _ = writer.write_all(out.as_bytes());
    let _ = writer.write_all(&reply.body);
    let _ = writer.flush();
}

/// How the provider answers: right, or wrong in one way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every step as RFC 5849 section 2 says.
    Good,
    /// The temporary-credentials answer lacks `oauth_callback_confirmed`.
    NoCallbackConfirmed,
    /// The temporary-credentials request is refused: 401 with `oauth_problem=permission_denied`.
    RefuseRequestToken,
    /// The temporary-credentials answer is an HTML page.
    Html,
    /// The authorization redirects back with another token than the one issued.
    WrongToken,
}

/// What the provider keeps: the temporary credentials it issued, by token, with
/// their callback and verifier, and whether the token credentials were issued.
#[derive(Default)]
struct State {
    temporary: HashMap<String, (String, String, String)>,
    issued: bool,
}

/// The provider: the server, its state and the consumer it knows.
pub struct Provider {
    pub server: Server,
    /// The verified requests, by path, with the signature method used.
    pub verified: Arc<Mutex<Vec<(String, String)>>>,
}

/// The lookup `verify` uses: the one consumer, the temporary tokens and the access token.
struct Lookup<'a> {
    secret: &'a str,
    state: &'a State,
}

impl SecretLookup for Lookup<'_> {
    fn consumer(&self, consumer_key: &str) -> Option<Consumer> {
        (consumer_key == CONSUMER_KEY).then(|| Consumer::new(self.secret).two_legged(true))
    }

    fn token_secret(&self, consumer_key: &str, token: &str) -> Option<Secret> {
        if consumer_key != CONSUMER_KEY {
            return None;
        }
        if token == ACCESS_TOKEN && self.state.issued {
            return Some(Secret::new(ACCESS_SECRET));
        }
        self.state
            .temporary
            .get(token)
            .map(|(secret, _, _)| Secret::new(secret.clone()))
    }
}

impl Provider {
    pub fn start(mode: Mode) -> Provider {
        let state = Arc::new(Mutex::new(State::default()));
        let verified = Arc::new(Mutex::new(Vec::new()));
        let counter = Arc::new(AtomicUsize::new(0));
        let verified2 = verified.clone();
        let handler: Handler = Arc::new(move |r: &Received| {
            let mut state = state.lock().expect("state");
            let check = |state: &State| {
                let lookup = Lookup {
                    secret: CONSUMER_SECRET,
                    state,
                };
                oauth1::verify(&r.to_verify(), &lookup, &VerifyOptions::default())
            };
            match r.path.as_str() {
                REQUEST_TOKEN_PATH => {
                    if mode == Mode::RefuseRequestToken {
                        return Reply {
                            status: 401,
                            headers: vec![(
                                "WWW-Authenticate".into(),
                                "OAuth realm=\"test\", oauth_problem=\"permission_denied\"".into(),
                            )],
                            body: Vec::new(),
                        };
                    }
                    let ok = match check(&state) {
                        Ok(ok) => ok,
                        Err(e) => return Reply::refusal(&e),
                    };
                    if ok.token.is_some() || r.method != "POST" {
                        return Reply::new(400, "text/plain", "expected a POST without a token");
                    }
                    verified2
                        .lock()
                        .expect("verified")
                        .push((r.path.clone(), ok.signature_method.name().to_owned()));
                    if mode == Mode::Html {
                        return Reply::new(
                            200,
                            "text/html",
                            "<html><body>Please sign in</body></html>",
                        );
                    }
                    let Some(callback) = r.oauth_param("oauth_callback") else {
                        return Reply::new(400, "text/plain", "oauth_callback is missing");
                    };
                    let n = counter.fetch_add(1, Ordering::SeqCst);
                    let token = format!("temporary-{n}");
                    let secret = format!("temporary-secret-{n}");
                    let verifier = format!("verifier-{n}");
                    state
                        .temporary
                        .insert(token.clone(), (secret.clone(), callback, verifier));
                    let confirmed = if mode == Mode::NoCallbackConfirmed {
                        ""
                    } else {
                        "&oauth_callback_confirmed=true"
                    };
                    Reply::form(&format!(
                        "oauth_token={token}&oauth_token_secret={secret}{confirmed}"
                    ))
                }
                AUTHORIZE_PATH => {
                    let query = r.url.split_once('?').map_or("", |(_, q)| q);
                    let token = query
                        .split('&')
                        .find_map(|p| p.strip_prefix("oauth_token="))
                        .unwrap_or("");
                    let Some((_, callback, verifier)) = state.temporary.get(token) else {
                        return Reply::new(400, "text/plain", "unknown temporary token");
                    };
                    if callback == "oob" {
                        return Reply::new(200, "text/plain", format!("verifier={verifier}"));
                    }
                    let token = if mode == Mode::WrongToken {
                        "another-token".to_owned()
                    } else {
                        token.to_owned()
                    };
                    Reply::redirect(
                        302,
                        &format!("{callback}?oauth_token={token}&oauth_verifier={verifier}"),
                    )
                }
                ACCESS_TOKEN_PATH => {
                    let ok = match check(&state) {
                        Ok(ok) => ok,
                        Err(e) => return Reply::refusal(&e),
                    };
                    let token = ok.token.clone().unwrap_or_default();
                    let Some((_, _, verifier)) = state.temporary.remove(&token) else {
                        return Reply::new(401, "text/plain", "oauth_problem=token_used");
                    };
                    if r.oauth_param("oauth_verifier").as_deref() != Some(verifier.as_str()) {
                        return Reply::new(401, "text/plain", "oauth_problem=permission_unknown");
                    }
                    verified2
                        .lock()
                        .expect("verified")
                        .push((r.path.clone(), ok.signature_method.name().to_owned()));
                    state.issued = true;
                    Reply::form(&format!(
                        "oauth_token={ACCESS_TOKEN}&oauth_token_secret={ACCESS_SECRET}&user_id=42&screen_name=tester"
                    ))
                }
                RESOURCE_PATH => match check(&state) {
                    Ok(ok) if ok.token.as_deref() == Some(ACCESS_TOKEN) => {
                        Reply::new(200, "text/plain", "hello tester\n")
                    }
                    Ok(_) => Reply::new(401, "text/plain", "oauth_problem=token_rejected"),
                    Err(e) => Reply::refusal(&e),
                },
                _ => Reply::new(404, "text/plain", "not found"),
            }
        });
        Provider {
            server: Server::start(handler),
            verified,
        }
    }

    pub fn url(&self, path: &str) -> String {
        self.server.url(path)
    }
}

/// The browser: a GET that does not follow redirects; the status, the Location and
/// the body.
pub fn browser_get(url: &str) -> (u16, Option<String>, String) {
    let rest = url.strip_prefix("http://").expect("an http URL");
    let (host, target) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let target = if target.is_empty() { "/" } else { target };
    let mut stream = TcpStream::connect(host).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: test-browser\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((&answer, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let location = head.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        name.eq_ignore_ascii_case("location")
            .then(|| value.trim().to_owned())
    });
    (status, location, body.to_owned())
}
