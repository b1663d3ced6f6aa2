//! `oauth1 providers`: the presets `--provider` takes, from the core's data file.

use crate::fail::CliError;
use oauth1::Provider;
use std::io::Write;
use std::process::ExitCode;

/// Prints one block per preset: the name and title, the documentation, and the
/// `--provider-value`s the preset needs.
pub fn list() -> Result<ExitCode, CliError> {
    let mut out = String::new();
    for name in Provider::names() {
        let variables = Provider::variables(name).map_err(CliError::core)?;
        let (title, docs) = Provider::about(name).map_err(CliError::core)?;
        out.push_str(&format!("{name:<12} {title}\n"));
        out.push_str(&format!("{:<12} {docs}\n", ""));
        for (variable, description) in variables {
            out.push_str(&format!(
                "{:<12} --provider-value {variable}=…: {description}\n",
                ""
            ));
        }
    }
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}
