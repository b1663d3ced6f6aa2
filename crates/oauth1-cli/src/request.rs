//! The request as the command line gives it: method, URL, body and Content-Type,
//! with curl's defaults.

use crate::args::RequestArgs;
use crate::fail::{CliError, IO_ERROR};
use std::io::Read;

/// The Content-Type curl sends with `--data`, and so the one this command signs with.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// A request read from the command line, body loaded.
#[derive(Debug)]
pub struct CliRequest {
    /// The method as given, or GET (POST when there is a body).
    pub method: String,
    /// The URL as given.
    pub url: String,
    /// The body bytes, if `--data` was given.
    pub body: Option<Vec<u8>>,
    /// The Content-Type as given, or the form type when there is a body.
    pub content_type: Option<String>,
    /// Whether the Content-Type was filled in by default rather than given.
    pub content_type_defaulted: bool,
}

impl CliRequest {
    /// Reads the body (`@FILE`, `@-` for standard input, or the text itself) and
    /// fills in curl's defaults.
    pub fn from_args(args: &RequestArgs) -> Result<Self, CliError> {
        let body = args.data.as_deref().map(read_body).transpose()?;
        let method = args
            .method
            .clone()
            .unwrap_or_else(|| if body.is_some() { "POST" } else { "GET" }.to_owned());
        let content_type_defaulted = body.is_some() && args.content_type.is_none();
        let content_type = if content_type_defaulted {
            Some(FORM_CONTENT_TYPE.to_owned())
        } else {
            args.content_type.clone()
        };
        Ok(CliRequest {
            method,
            url: args.url.clone(),
            body,
            content_type,
            content_type_defaulted,
        })
    }
}

/// The body `--data` names: `@-` is standard input, `@FILE` a file, anything else itself.
fn read_body(data: &str) -> Result<Vec<u8>, CliError> {
    match data.strip_prefix('@') {
        Some("-") => {
            let mut body = Vec::new();
            std::io::stdin().read_to_end(&mut body).map_err(|e| {
                CliError::input(
                    IO_ERROR,
                    format!("cannot read the body from standard input: {e}"),
                )
            })?;
            Ok(body)
        }
        Some(path) => std::fs::read(path).map_err(|e| {
            CliError::input(IO_ERROR, format!("cannot read the body file {path}: {e}"))
        }),
        None => Ok(data.as_bytes().to_vec()),
    }
}
