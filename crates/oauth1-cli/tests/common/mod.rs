//! Running the built `oauth1` binary from the integration tests.

#![allow(
    dead_code,
    reason = "each test file uses a different part of these helpers"
)]

pub mod tls;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub stdout_bytes: Vec<u8>,
}

impl Run {
    /// Both streams, for checks that something appears in neither.
    pub fn all_output(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// A command for the binary with no `OAUTH1_*` variable (key file included) inherited, so that
/// the developer's own environment cannot change a test.
pub fn oauth1() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_oauth1"));
    for name in oauth1::ENV_VARS {
        cmd.env_remove(name);
    }
    cmd.env_remove(oauth1::PRIVATE_KEY_FILE_VAR);
    // `login` and `request` honour proxy variables, as curl does; the tests' servers are
    // on 127.0.0.1 and must be reached directly.
    for name in ["http_proxy", "https_proxy", "all_proxy"] {
        cmd.env_remove(name).env_remove(name.to_ascii_uppercase());
    }
    // A panic would print a backtrace with this; the tests check that none appears.
    cmd.env("RUST_BACKTRACE", "1");
    cmd
}

/// Runs `cmd`, feeding `stdin` (or nothing).
pub fn run_cmd(mut cmd: Command, stdin: Option<&[u8]>) -> Run {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the oauth1 binary starts");
    {
        let mut input = child.stdin.take().expect("stdin is piped");
        if let Some(bytes) = stdin {
            input.write_all(bytes).expect("write stdin");
        }
    }
    let out = child.wait_with_output().expect("the oauth1 binary runs");
    let run = Run {
        code: out.status.code().expect("exited, not killed by a signal"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        stdout_bytes: out.stdout,
    };
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("backtrace"),
        "the binary panicked: {}",
        run.stderr
    );
    run
}

/// Runs the binary with `args` and extra environment variables.
pub fn run(args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = oauth1();
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    run_cmd(cmd, None)
}

/// Environment variables holding a full set of credentials.
pub fn env_credentials<'a>(
    key: &'a str,
    secret: &'a str,
    token: &'a str,
    token_secret: &'a str,
) -> Vec<(&'static str, &'a str)> {
    vec![
        ("OAUTH1_CONSUMER_KEY", key),
        ("OAUTH1_CONSUMER_SECRET", secret),
        ("OAUTH1_TOKEN", token),
        ("OAUTH1_TOKEN_SECRET", token_secret),
    ]
}

/// Writes a file under the test scratch directory and returns its path; each call
/// gets its own name, so tests running in parallel do not collide.
pub fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("oauth1-cli-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create the scratch directory");
    let path = dir.join(name);
    std::fs::write(&path, contents).expect("write the scratch file");
    path
}

/// The workspace root, where `examples/` and `tests/vectors/` live.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A test key of `tests/vectors/keys` (see the README there).
pub fn test_key(name: &str) -> PathBuf {
    workspace_root().join("tests/vectors/keys").join(name)
}

/// Lines of base64 from a PEM file, for checks that no key material is printed: every
/// full line between the BEGIN and END lines (the last, shorter line is left out, as a
/// short line could turn up by chance); none for text that is not PEM.
pub fn pem_lines(pem: &str) -> Vec<String> {
    let lines: Vec<&str> = pem
        .lines()
        .filter(|l| !l.starts_with("-----") && !l.contains(':') && !l.trim().is_empty())
        .collect();
    let full = lines.iter().map(|l| l.len()).max().unwrap_or(0);
    let found: Vec<String> = lines
        .into_iter()
        .filter(|l| l.len() == full)
        .map(str::to_owned)
        .collect();
    found
}

/// The first piece of the PEM text's base64 that appears in the output, if any: each
/// full line is cut into pieces of 16 characters, which no signature or nonce
/// repeats by chance.
pub fn key_material_in(output: &str, pem: &str) -> Option<String> {
    pem_lines(pem).iter().find_map(|line| {
        line.as_bytes()
            .chunks_exact(16)
            .map(|piece| String::from_utf8_lossy(piece).into_owned())
            .find(|piece| output.contains(piece.as_str()))
    })
}

/// Asserts that no piece of the PEM text's base64 appears in the output.
pub fn assert_no_key_material(what: &str, output: &str, pem: &str) {
    if let Some(piece) = key_material_in(output, pem) {
        panic!("{what}: a piece of the key ({piece}) was printed:\n{output}");
    }
}

/// Parses stdout as one JSON object.
pub fn json_of(run: &Run) -> serde_json::Value {
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", run.stdout))
}

/// Asserts exit status 2 and exactly one line on stderr, and returns that line.
pub fn assert_bad_input(run: &Run, what: &str) -> String {
    assert_eq!(run.code, 2, "{what}: exit status; stderr: {}", run.stderr);
    assert!(
        run.stdout.is_empty(),
        "{what}: stdout should be empty: {}",
        run.stdout
    );
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "{what}: one line on stderr, got {:?}",
        run.stderr
    );
    assert!(
        lines[0].starts_with("oauth1: error: "),
        "{what}: message {:?}",
        lines[0]
    );
    lines[0].to_owned()
}

/// The stable code of an error line, `oauth1: error: CODE: message`.
pub fn error_code(line: &str) -> &str {
    let rest = line
        .strip_prefix("oauth1: error: ")
        .unwrap_or_else(|| panic!("not an error line: {line:?}"));
    let (code, _) = rest
        .split_once(": ")
        .unwrap_or_else(|| panic!("no code in {line:?}"));
    assert!(
        !code.is_empty() && code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
        "not a code: {code:?} in {line:?}"
    );
    code
}

/// Asserts the bad-input contract (exit status 2, nothing on stdout, one line on
/// stderr) with this code, and returns the line.
pub fn assert_error(run: &Run, code: &str) -> String {
    let line = assert_bad_input(run, code);
    assert_eq!(error_code(&line), code, "{line}");
    line
}

/// The shells to read the command with: `sh` always, `bash` and `dash` when installed.
pub fn shells() -> Vec<&'static str> {
    let mut shells = vec!["sh"];
    for extra in ["bash", "dash"] {
        if Command::new(extra)
            .arg("-c")
            .arg("true")
            .status()
            .is_ok_and(|s| s.success())
        {
            shells.push(extra);
        }
    }
    shells
}

/// Has `shell` parse `command` and returns the words it would run, split on the NUL
/// bytes `printf '%s\0'` puts after each.
pub fn parse_with_shell(shell: &str, command: &[u8]) -> Vec<Vec<u8>> {
    use std::os::unix::ffi::OsStrExt;
    let mut script = b"printf '%s\\0' ".to_vec();
    script.extend_from_slice(command);
    let out = Command::new(shell)
        .arg("-c")
        .arg(std::ffi::OsStr::from_bytes(&script))
        .output()
        .expect("the shell runs");
    assert!(
        out.status.success(),
        "{shell} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut words: Vec<Vec<u8>> = out.stdout.split(|&b| b == 0).map(<[u8]>::to_vec).collect();
    assert_eq!(
        words.pop(),
        Some(Vec::new()),
        "{shell}: output ends with NUL"
    );
    words
}
