//! How the command reports trouble: one line on standard error, and the exit status.
//!
//! The line is `oauth1: error: CODE: MESSAGE`. CODE is stable and machine-readable:
//! the core's [`oauth1::Error::code`] (`invalid_url`, `invalid_timestamp`,
//! `invalid_option`, `malformed_header`, …) for everything the core judges, and one of
//! the codes below for what only the command can get wrong. MESSAGE is for people.

use std::fmt;
use std::io::Write;
use std::process::ExitCode;

/// Exit status for a request that failed verification.
pub const EXIT_REJECTED: u8 = 1;
/// Exit status for bad usage or bad input.
pub const EXIT_BAD_INPUT: u8 = 2;

/// A credential is missing from every source, or unusable (the core's code for the same).
pub const INVALID_CREDENTIALS: &str = "invalid_credentials";
/// An output option cannot carry the result (the core's code for an option that does
/// not fit the request).
pub const INVALID_OPTION: &str = "invalid_option";
/// The private key's password is missing: `--key-password-env` names a variable that
/// is not set (the core's code for a missing or wrong password).
pub const KEY_PASSWORD: &str = "key_password";
/// A file or stream could not be read or written.
pub const IO_ERROR: &str = "io_error";
/// An HTTP exchange failed before an answer came: the host does not resolve, the
/// connection is refused, TLS fails, or the answer is cut short (`login`, `request`).
pub const HTTP_ERROR: &str = "http_error";

/// Why a command could not do its job: exit status 2, or 1 for [`CliError::Refused`].
#[derive(Debug)]
pub enum CliError {
    /// A provider or server refused what was sent (`login`, `request`): exit status 1,
    /// like a request that fails `verify`.
    Refused {
        /// The stable code: the core's (`provider_error`, `signature_invalid`, …).
        code: &'static str,
        /// What the answer means, in words.
        message: String,
    },
    /// The input is wrong: a missing credential, a bad URL, an unreadable file…
    Input {
        /// The stable code printed before the message.
        code: &'static str,
        /// What is wrong, in words; never a secret.
        message: String,
    },
    /// Standard output was closed early (`oauth1 sign … | head -c 10`); not worth a message.
    BrokenPipe,
}

impl CliError {
    /// Bad input, with its code and in words.
    pub fn input(code: &'static str, message: impl Into<String>) -> Self {
        CliError::Input {
            code,
            message: message.into(),
        }
    }

    /// Bad input the core found, with the core's code; its messages never carry a secret.
    pub fn core(error: oauth1::Error) -> Self {
        CliError::Input {
            code: error.code(),
            message: error.to_string(),
        }
    }

    /// A provider's refusal (exit status 1) when the core names one: a refusal of
    /// the request (a problem such as `signature_invalid`, `provider_error`) or an
    /// answer that is not what RFC 5849 section 2 describes (`response_invalid`,
    /// `callback_unconfirmed`, `token_mismatch`); any other error is bad input.
    pub fn from_provider(error: oauth1::Error) -> Self {
        match error {
            oauth1::Error::Rejected(_)
            | oauth1::Error::ProviderError { .. }
            | oauth1::Error::ResponseInvalid { .. }
            | oauth1::Error::CallbackUnconfirmed
            | oauth1::Error::TokenMismatch { .. } => CliError::Refused {
                code: error.code(),
                message: error.to_string(),
            },
            other => CliError::core(other),
        }
    }

    /// Names the flag the value came from, unless the message already does.
    #[must_use]
    pub fn for_flag(mut self, flag: &str) -> Self {
        if let CliError::Input { message, .. } = &mut self
            && !message.contains(flag)
        {
            *message = format!("{flag}: {message}");
        }
        self
    }

    /// Adds a note after the message: `MESSAGE (NOTE)`.
    #[must_use]
    pub fn with_note(mut self, note: &str) -> Self {
        if let CliError::Input { message, .. } | CliError::Refused { message, .. } = &mut self {
            *message = format!("{message} ({note})");
        }
        self
    }

    /// Puts `context` before the message: `CONTEXT: MESSAGE`.
    #[must_use]
    pub fn context(mut self, context: &str) -> Self {
        if let CliError::Input { message, .. } | CliError::Refused { message, .. } = &mut self {
            *message = format!("{context}: {message}");
        }
        self
    }

    /// Prints the line (if any) and gives the exit status.
    pub fn report(&self) -> ExitCode {
        match self {
            CliError::Input { code, message } => {
                let _ = writeln!(std::io::stderr(), "{}", error_line(code, message));
                ExitCode::from(EXIT_BAD_INPUT)
            }
            CliError::Refused { code, message } => {
                let _ = writeln!(std::io::stderr(), "{}", error_line(code, message));
                ExitCode::from(EXIT_REJECTED)
            }
            CliError::BrokenPipe => ExitCode::from(EXIT_BAD_INPUT),
        }
    }
}

/// `oauth1: error: CODE: MESSAGE` on one line, whatever the message quotes: a newline
/// in it would look like a second message.
pub fn error_line(code: &str, message: &str) -> String {
    let message: String = message
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    format!("oauth1: error: {code}: {message}")
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Input { message, .. } | CliError::Refused { message, .. } => {
                f.write_str(message)
            }
            CliError::BrokenPipe => f.write_str("standard output was closed"),
        }
    }
}

impl From<std::io::Error> for CliError {
    /// A failure to write the result.
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            CliError::BrokenPipe
        } else {
            CliError::input(IO_ERROR, format!("cannot write the result: {e}"))
        }
    }
}

/// Prints a warning on standard error; a closed stderr is no reason to fail.
pub fn warn(message: &str) {
    let _ = writeln!(std::io::stderr(), "oauth1: warning: {message}");
}

#[cfg(test)]
mod tests {
    use super::error_line;

    #[test]
    fn the_line_has_the_code_after_the_prefix_and_no_line_break() {
        assert_eq!(
            error_line("invalid_url", "invalid URL: a\nb\rc"),
            "oauth1: error: invalid_url: invalid URL: a b c"
        );
    }
}
