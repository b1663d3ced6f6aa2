//! How the command reports trouble: one line on standard error, and the exit status.

use std::fmt;
use std::io::Write;
use std::process::ExitCode;

/// Exit status for a request that failed verification.
pub const EXIT_REJECTED: u8 = 1;
/// Exit status for bad usage or bad input.
pub const EXIT_BAD_INPUT: u8 = 2;

/// Why a command could not do its job; always exit status 2.
#[derive(Debug)]
pub enum CliError {
    /// The input is wrong: a missing credential, a bad URL, an unreadable file…
    Input(String),
    /// Standard output was closed early (`oauth1 sign … | head -c 10`); not worth a message.
    BrokenPipe,
}

impl CliError {
    /// Bad input, in words.
    pub fn input(message: impl Into<String>) -> Self {
        CliError::Input(message.into())
    }

    /// Bad input the core found; its messages never carry a secret.
    pub fn core(error: oauth1::Error) -> Self {
        CliError::Input(error.to_string())
    }

    /// Prints the message (if any) and gives the exit status.
    pub fn report(&self) -> ExitCode {
        if let CliError::Input(message) = self {
            // One line, whatever the message quotes: a newline in it would look like
            // a second message.
            let line: String = message
                .chars()
                .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
                .collect();
            let _ = writeln!(std::io::stderr(), "oauth1: error: {line}");
        }
        ExitCode::from(EXIT_BAD_INPUT)
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Input(message) => f.write_str(message),
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
            CliError::Input(format!("cannot write the result: {e}"))
        }
    }
}

/// Prints a warning on standard error; a closed stderr is no reason to fail.
pub fn warn(message: &str) {
    let _ = writeln!(std::io::stderr(), "oauth1: warning: {message}");
}
