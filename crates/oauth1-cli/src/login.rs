//! `oauth1 login`: the three-legged flow of RFC 5849 section 2 around the core's
//! [`Flow`]: temporary credentials (2.1), the user's authorization in a browser (2.2)
//! with the redirect back to a one-shot local listener or a verifier typed in, token
//! credentials (2.3), saved to a file that `--credentials` reads.

use crate::args::LoginArgs;
use crate::callback::{Callback, CallbackListener};
use crate::credentials::Loaded;
use crate::fail::{CliError, EXIT_REJECTED, INVALID_OPTION, IO_ERROR, error_line};
use crate::http::{Client, Exchange, Outgoing};
use crate::{refusal, signing};
use oauth1::{Endpoint, Flow, Secret};
use std::io::{BufRead, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

/// The file mode of the saved credentials: the owner alone reads the secrets.
#[cfg(unix)]
const FILE_MODE: u32 = 0o600;

/// Runs the flow; 0 when the credentials are saved, 1 when the provider refused or
/// answered out of the protocol, 2 for bad input or no answer.
pub fn run(args: &mut LoginArgs) -> Result<ExitCode, CliError> {
    let provider = signing::provider(&args.provider)?;
    let prepared = signing::prepare(
        &mut args.credentials,
        &args.key,
        &args.signing,
        provider.as_ref(),
    )?;
    // Refuse what the consumer cannot sign with before the provider is asked anything.
    signing::build(
        prepared.builder.clone(),
        prepared.loaded.private_key_file.as_ref(),
        &args.signing,
        &args.credentials,
    )?;
    let authorize_params = signing::key_values(&args.authorize_params, "--authorize-param")?;
    check_save_target(&args.save)?;

    let mut flow = Flow::new(prepared.builder);
    if let Some(provider) = &provider {
        flow = flow.provider(provider);
    }
    let endpoint = |endpoint, given: &Option<String>, flag: &str| {
        flow.endpoint(endpoint, given.as_deref())
            .map_err(|e| CliError::core(e).with_note(&format!("pass {flag} URL")))
    };
    let request_token_url = endpoint(
        Endpoint::RequestToken,
        &args.request_token_url,
        "--request-token-url",
    )?;
    let authorize_url = endpoint(Endpoint::Authorize, &args.authorize_url, "--authorize-url")?;
    let access_token_url = endpoint(
        Endpoint::AccessToken,
        &args.access_token_url,
        "--access-token-url",
    )?;

    // Out of band when asked, or when the preset insists (E*TRADE) and no port was given.
    let oob = args.oob
        || (args.callback_port.is_none()
            && provider
                .as_ref()
                .and_then(|p| p.callback.as_deref())
                .is_some_and(|c| c == "oob"));
    let listener = if oob {
        flow = flow.callback("oob");
        None
    } else {
        let listener = CallbackListener::bind(args.callback_port.unwrap_or(0))?;
        flow = flow.callback(listener.redirect_uri());
        Some(listener)
    };
    let headers: Vec<(String, String)> = provider
        .iter()
        .flat_map(|p| p.required_headers.iter().cloned())
        .collect();
    let client = Client::new();

    // Step 1 (section 2.1): temporary credentials.
    let signer = flow.request_token_signer().map_err(CliError::core)?;
    let step = format!("the temporary-credentials request (POST {request_token_url})");
    let exchange = client.send_signed(&signer, post(&request_token_url, &headers), &[])?;
    if let Err(e) = flow.accept_request_token(&exchange.response.answer()) {
        return refused(&step, &exchange, e);
    }

    // Step 2 (section 2.2): the user authorizes in the browser.
    let extra: Vec<(&str, &str)> = authorize_params
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let url = flow
        .authorization_url(&authorize_url, &extra)
        .map_err(CliError::core)?;
    show(&url, !args.no_browser, listener.as_ref());
    let callback = match &listener {
        Some(listener) => {
            let callback = listener.wait(Duration::from_secs(args.callback_timeout))?;
            if let Err(e) = flow.accept_authorization_response(&callback.url) {
                let error =
                    CliError::from_provider(e).context("the redirect back from the provider");
                callback.finish(false, &error.to_string());
                return Err(error);
            }
            Some(callback)
        }
        None => {
            read_verifier(&mut flow)?;
            None
        }
    };

    // Step 3 (section 2.3): token credentials.
    let step = format!("the token request (POST {access_token_url})");
    let signer = match flow.access_token_signer() {
        Ok(signer) => signer,
        Err(e) => return abandon(callback, CliError::core(e)),
    };
    let exchange = match client.send_signed(&signer, post(&access_token_url, &headers), &[]) {
        Ok(exchange) => exchange,
        Err(e) => return abandon(callback, e),
    };
    if let Err(e) = flow.accept_access_token(&exchange.response.answer()) {
        if let Some(callback) = callback {
            callback.finish(false, &format!("{step}: {e}"));
        }
        return refused(&step, &exchange, e);
    }
    let saved = save(&args.save, &prepared.loaded, &flow);
    if let Some(callback) = callback {
        finish_page(callback, &saved, &args.save);
    }
    saved?;
    let extra = flow
        .access_token()
        .map(|t| {
            t.extra
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let extra = if extra.is_empty() {
        String::new()
    } else {
        format!(" ({extra})")
    };
    let _ = writeln!(
        std::io::stderr(),
        "oauth1: saved the token credentials to {}{extra}",
        args.save.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Tells the browser that the login failed, and fails with `error`.
fn abandon(callback: Option<Callback>, error: CliError) -> Result<ExitCode, CliError> {
    if let Some(callback) = callback {
        callback.finish(false, &error.to_string());
    }
    Err(error)
}

/// A token request: POST, no body (RFC 5849 section 2 recommends POST).
fn post(url: &str, headers: &[(String, String)]) -> Outgoing {
    Outgoing {
        method: "POST".to_owned(),
        url: url.to_owned(),
        body: None,
        content_type: None,
        headers: headers.to_vec(),
    }
}

/// Reports a refused step: the provider's 4xx or 5xx explained like `request`
/// does (with the base string for `signature_invalid`), or the core's reason why an
/// answer is not a token response. Exit status 1.
fn refused(step: &str, exchange: &Exchange, error: oauth1::Error) -> Result<ExitCode, CliError> {
    let response = &exchange.response;
    if response.status >= 400 {
        let now = oauth1::unix_now().unwrap_or(0);
        let signed = if exchange.last_hop_unsigned {
            None
        } else {
            exchange.signed.as_ref()
        };
        let explained = refusal::explain(response, signed, now);
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(
            stderr,
            "{}",
            error_line(explained.code, &format!("{step}: {}", explained.message))
        );
        for line in explained.details {
            let _ = writeln!(stderr, "{line}");
        }
        return Ok(ExitCode::from(EXIT_REJECTED));
    }
    Err(CliError::from_provider(error).context(step))
}

/// Opens the authorization page, or prints it for the user to open.
fn show(url: &str, browser: bool, listener: Option<&CallbackListener>) {
    let mut stderr = std::io::stderr().lock();
    // The URL alone on its line, so that a script or a test can take it.
    let _ = writeln!(stderr, "authorize: {url}");
    if browser {
        match open_browser(url) {
            Ok(()) => {
                let _ = writeln!(
                    stderr,
                    "oauth1: opened the authorization page in the browser; if it did not open, visit the URL above"
                );
            }
            Err(why) => {
                let _ = writeln!(
                    stderr,
                    "oauth1: warning: cannot open a browser ({why}); visit the URL above"
                );
            }
        }
    }
    if let Some(listener) = listener {
        let _ = writeln!(
            stderr,
            "oauth1: waiting for the provider to send the browser back to {}",
            listener.redirect_uri()
        );
    }
}

/// Opens `url` with the system's own opener: `xdg-open` (freedesktop systems),
/// `open` (macOS) or `rundll32 url.dll,FileProtocolHandler` (Windows). These three
/// are the platforms' documented way to hand a URL to the user's browser; calling
/// them directly needs no crate, and the URL is one argument, never seen by a shell
/// (on Windows `start` would go through cmd, which splits a URL at its `&`).
fn open_browser(url: &str) -> Result<(), String> {
    let (program, args): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("rundll32", &["url.dll,FileProtocolHandler"])
    } else {
        ("xdg-open", &[])
    };
    std::process::Command::new(program)
        .args(args)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|e| format!("{program}: {e}"))
}

/// Out of band (section 2.2): the provider shows the verifier, which the user types
/// in. A pasted redirect URL (with `oauth_verifier=`) is read as the redirect, so its
/// token is checked too.
fn read_verifier(flow: &mut Flow) -> Result<(), CliError> {
    let _ = write!(
        std::io::stderr(),
        "oauth1: type the verifier (PIN) the provider shows, then Enter: "
    );
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::input(IO_ERROR, format!("cannot read the verifier: {e}")))?;
    let line = Secret::new(line.trim().to_owned());
    if line.expose().is_empty() {
        return Err(CliError::input(
            INVALID_OPTION,
            "no verifier was typed on standard input (--oob reads the provider's verifier from it)",
        ));
    }
    if line.expose().contains("oauth_verifier=") {
        flow.accept_authorization_response(line.expose())
            .map_err(|e| CliError::from_provider(e).context("the pasted redirect"))?;
    } else {
        flow.set_verifier(line.expose());
    }
    Ok(())
}

/// Tells the browser how it ended.
fn finish_page(callback: Callback, saved: &Result<(), CliError>, path: &Path) {
    match saved {
        Ok(()) => callback.finish(
            true,
            &format!(
                "oauth1 saved the token credentials to {}. You can close this window.",
                path.display()
            ),
        ),
        Err(e) => callback.finish(false, &e.to_string()),
    }
}

/// Writes the consumer and token credentials to `path` as `--credentials` reads them,
/// with the private key file (absolute) and the provider's extra values under "extra".
///
/// The file is created with mode 0600 under a temporary name in the same folder and
/// renamed over `path`, so that it is never readable by others, even for a moment,
/// and an existing file is replaced whole or not at all.
fn save(path: &Path, loaded: &Loaded, flow: &Flow) -> Result<(), CliError> {
    let token = flow
        .access_token()
        .ok_or_else(|| CliError::input(IO_ERROR, "no token credentials to save"))?;
    let credentials = &loaded.credentials;
    let mut fields: Vec<(&str, &str)> = vec![("consumer_key", &credentials.consumer_key)];
    if loaded.has_consumer_secret {
        fields.push(("consumer_secret", credentials.consumer_secret.expose()));
    }
    fields.push(("token", &token.token));
    fields.push(("token_secret", token.token_secret.expose()));
    let key_file = match &loaded.private_key_file {
        Some(key) => Some(std::path::absolute(&key.path).map_err(|e| {
            CliError::input(
                IO_ERROR,
                format!(
                    "cannot resolve the private key path {}: {e}",
                    key.path.display()
                ),
            )
        })?),
        None => None,
    };
    let key_file = key_file.as_ref().map(|p| p.to_string_lossy());
    if let Some(key_file) = &key_file {
        fields.push(("private_key_file", key_file));
    }
    let extra: Vec<(&str, &str)> = token
        .extra
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let text = credentials_json(&fields, &extra);
    write_private(path, text.expose().as_bytes())
}

/// The JSON object, built in one buffer sized beforehand and held in a [`Secret`],
/// so that the only copy of the secrets in it is zeroed when dropped.
fn credentials_json(fields: &[(&str, &str)], extra: &[(&str, &str)]) -> Secret {
    let size: usize = fields
        .iter()
        .chain(extra)
        .map(|(k, v)| 6 * (k.len() + v.len()) + 16)
        .sum::<usize>()
        + 32;
    let mut out = String::with_capacity(size);
    out.push_str("{\n");
    for (i, (name, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str("  ");
        push_json_string(&mut out, name);
        out.push_str(": ");
        push_json_string(&mut out, value);
    }
    if !extra.is_empty() {
        out.push_str(",\n  \"extra\": {");
        for (i, (name, value)) in extra.iter().enumerate() {
            out.push_str(if i > 0 { ",\n    " } else { "\n    " });
            push_json_string(&mut out, name);
            out.push_str(": ");
            push_json_string(&mut out, value);
        }
        out.push_str("\n  }");
    }
    out.push_str("\n}\n");
    Secret::new(out)
}

/// Appends `s` as a JSON string (RFC 8259 section 7).
fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Checks before the provider is asked anything that `--save` can be written: the
/// user should not approve an authorization whose token then has nowhere to go.
fn check_save_target(path: &Path) -> Result<(), CliError> {
    let bad = |why: String| CliError::input(IO_ERROR, format!("--save {}: {why}", path.display()));
    if path.is_dir() {
        return Err(bad("is a folder; name a file in it".to_owned()));
    }
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(bad(format!(
            "the folder {} does not exist",
            folder.display()
        )));
    }
    Ok(())
}

/// Writes `bytes` to `path` through a new file of mode 0600 renamed into place.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    let fail = |what: &str, e: std::io::Error| {
        CliError::input(IO_ERROR, format!("--save {}: {what}: {e}", path.display()))
    };
    let name = path.file_name().ok_or_else(|| {
        CliError::input(
            IO_ERROR,
            format!("--save {}: not a file name", path.display()),
        )
    })?;
    let mut temporary_name = std::ffi::OsString::from(".");
    temporary_name.push(name);
    temporary_name.push(format!(".{}.tmp", std::process::id()));
    let temporary = path.with_file_name(temporary_name);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE);
    }
    let written = options
        .open(&temporary)
        .map_err(|e| fail("cannot create it", e))
        .and_then(|mut file| {
            file.write_all(bytes)
                .and_then(|()| file.sync_all())
                .map_err(|e| fail("cannot write it", e))
        })
        .and_then(|()| std::fs::rename(&temporary, path).map_err(|e| fail("cannot replace it", e)));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // a test may stop at the first failure

    use super::credentials_json;

    #[test]
    fn the_file_is_json_that_the_credentials_reader_takes() {
        let text = credentials_json(
            &[
                ("consumer_key", "k\"ey"),
                ("consumer_secret", "s\\e\ncret"),
                ("token", "t"),
                ("token_secret", "ts"),
            ],
            &[("screen_name", "é\u{1}")],
        );
        let value: serde_json::Value = serde_json::from_str(text.expose()).unwrap();
        assert_eq!(value["consumer_key"], "k\"ey");
        assert_eq!(value["consumer_secret"], "s\\e\ncret");
        assert_eq!(value["extra"]["screen_name"], "é\u{1}");
        let read = oauth1::PartialCredentials::from_json(text.expose(), "test").unwrap();
        assert_eq!(read.token.as_deref(), Some("t"));
        assert_eq!(read.token_secret.unwrap().expose(), "ts");
    }
}
