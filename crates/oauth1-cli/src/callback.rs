//! The one-shot listener that receives the provider's redirect back to the client
//! (RFC 5849 section 2.2) on `http://127.0.0.1:PORT/callback` during `oauth1 login`.
//!
//! One request to `/callback` is all it takes, so a `TcpListener` and a few lines of
//! HTTP/1.1 do instead of a server framework. It listens on the loopback address only,
//! so no other machine can reach it.

use crate::fail::{CliError, IO_ERROR};
use std::io::{ErrorKind, Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The path the provider redirects to.
pub const CALLBACK_PATH: &str = "/callback";

/// The most bytes of a request head read: a redirect's URL with its token and verifier
/// is far shorter, and a browser's headers fit with room to spare.
const MAX_HEAD: usize = 16 * 1024;

/// How long one connection may take to send its request head: a browser sends it at
/// once; one that stays silent (a preconnect) must not hold the listener.
const HEAD_TIMEOUT: Duration = Duration::from_secs(5);

/// The callback error code: the browser never came back in time.
pub const CALLBACK_TIMEOUT: &str = "callback_timeout";

/// A listener bound to 127.0.0.1.
pub struct CallbackListener {
    listener: TcpListener,
    port: u16,
}

/// The redirect received: the URL it asked for and the connection to answer on.
pub struct Callback {
    /// `http://127.0.0.1:PORT/callback?oauth_token=…&oauth_verifier=…`.
    pub url: String,
    stream: TcpStream,
}

impl CallbackListener {
    /// Binds 127.0.0.1:`port`; port 0 takes any free port.
    pub fn bind(port: u16) -> Result<CallbackListener, CliError> {
        let listener =
            TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).map_err(|e| {
                CliError::input(
                    IO_ERROR,
                    format!("--callback-port {port}: cannot listen on 127.0.0.1:{port}: {e}"),
                )
            })?;
        let port = listener
            .local_addr()
            .map_err(|e| CliError::input(IO_ERROR, format!("the callback listener: {e}")))?
            .port();
        Ok(CallbackListener { listener, port })
    }

    /// The callback URL to send as `oauth_callback` (section 2.1).
    pub fn redirect_uri(&self) -> String {
        format!("http://127.0.0.1:{}{CALLBACK_PATH}", self.port)
    }

    /// Waits for the browser's `GET /callback?…`, up to `timeout`. Other paths (the
    /// browser's `/favicon.ico`, a stray visit) get a 404 and the wait goes on.
    ///
    /// Each connection is read on its own thread: a browser may open a spare
    /// connection and send nothing on it, which must not hold up the one that carries
    /// the redirect.
    pub fn wait(&self, timeout: Duration) -> Result<Callback, CliError> {
        let deadline = Instant::now() + timeout;
        let fail = |e: std::io::Error| {
            CliError::input(IO_ERROR, format!("the callback listener failed: {e}"))
        };
        // Non-blocking accept, polled, so that the deadline holds.
        self.listener.set_nonblocking(true).map_err(fail)?;
        let (found, callbacks) = mpsc::channel();
        loop {
            match self.listener.accept() {
                Ok((stream, _)) => {
                    let (found, port) = (found.clone(), self.port);
                    std::thread::spawn(move || {
                        if let Some(callback) = answer(stream, port) {
                            // The receiver is gone only once a callback was taken.
                            let _ = found.send(callback);
                        }
                    });
                    continue;
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => {}
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(fail(e)),
            }
            if let Ok(callback) = callbacks.try_recv() {
                return Ok(callback);
            }
            if Instant::now() >= deadline {
                return Err(CliError::input(
                    CALLBACK_TIMEOUT,
                    format!(
                        "the browser did not come back to {} within {} s: approve the authorization in the browser, or pass --oob to type the verifier, or a longer --callback-timeout",
                        self.redirect_uri(),
                        timeout.as_secs()
                    ),
                ));
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }
}

/// Reads one request; the callback if it is `GET /callback…`, otherwise answers it
/// and gives `None`. A connection that misbehaves is dropped, never fatal.
fn answer(mut stream: TcpStream, port: u16) -> Option<Callback> {
    stream.set_nonblocking(false).ok()?;
    stream.set_read_timeout(Some(HEAD_TIMEOUT)).ok()?;
    stream.set_write_timeout(Some(HEAD_TIMEOUT)).ok()?;
    let head = read_head(&mut stream)?;
    let line = head.lines().next()?;
    let mut words = line.split(' ');
    let (method, target) = (words.next()?, words.next()?);
    let path = target.split('?').next().unwrap_or(target);
    if path != CALLBACK_PATH {
        let _ = respond(&mut stream, "404 Not Found", "Not found", "");
        return None;
    }
    if method != "GET" {
        let _ = respond(
            &mut stream,
            "405 Method Not Allowed",
            "Method not allowed",
            "",
        );
        return None;
    }
    Some(Callback {
        url: format!("http://127.0.0.1:{port}{target}"),
        stream,
    })
}

impl Callback {
    /// Answers the browser with a short page saying whether the login went through.
    pub fn finish(mut self, ok: bool, message: &str) {
        let (status, title) = if ok {
            ("200 OK", "Signed in")
        } else {
            ("400 Bad Request", "Sign-in failed")
        };
        // The browser is only told; a closed tab is no reason to fail the login.
        let _ = respond(&mut self.stream, status, title, message);
    }
}

/// Reads up to the blank line that ends the head; `None` if it never comes.
fn read_head(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        if head.len() > MAX_HEAD {
            return None;
        }
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        head.extend_from_slice(&buf[..n]);
    }
    String::from_utf8(head).ok()
}

/// Writes a small HTML page and closes the connection.
fn respond(
    stream: &mut TcpStream,
    status: &str,
    title: &str,
    message: &str,
) -> std::io::Result<()> {
    let page = format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>oauth1: {title}</title></head>\n<body><h1>{title}</h1><p>{}</p></body></html>\n",
        html_escape(message)
    );
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{page}",
        page.len()
    )?;
    stream.flush()
}

/// Escapes text for an HTML page: a provider's error text is put into it.
fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::html_escape;

    #[test]
    fn markup_in_a_message_is_shown_not_run() {
        assert_eq!(
            html_escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
    }
}
