//! The help and the crate's README say what the command does: the verification
//! defaults they state are the library's, and every flag they name exists.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

mod common;

use common::run;
use oauth1::{DEFAULT_VERIFY_METHODS, VerifyOptions};

const VERIFY_FLAGS: [&str; 7] = [
    "--signature-methods",
    "--allow-plaintext-over-http",
    "--allow-missing-timestamp",
    "--require-body-hash",
    "--hide-unknown-keys",
    "--max-skew",
    "--redis",
];

fn help(command: &str) -> String {
    let r = run(&[command, "--help"], &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("crates/oauth1-cli/README.md")
}

fn default_methods() -> String {
    DEFAULT_VERIFY_METHODS
        .iter()
        .map(|m| m.name())
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn verify_help_states_the_librarys_defaults_and_the_flags() {
    let text = help("verify");
    let methods = default_methods();
    assert!(
        text.contains(&format!("[default: {methods}]")),
        "the default methods, {methods}, are not in:\n{text}"
    );
    assert!(
        !methods.contains("PLAINTEXT"),
        "PLAINTEXT is a default again"
    );
    let skew = VerifyOptions::default().allowed_skew();
    assert!(
        text.contains(&format!("[default: {skew}]")),
        "the default skew {skew} is not in:\n{text}"
    );
    assert!(text.contains("Verification defaults"), "{text}");
    for flag in VERIFY_FLAGS {
        assert!(
            text.matches(flag).count() >= 2,
            "{flag} is not both a flag and in the defaults table:\n{text}"
        );
    }
}

#[test]
fn the_readme_states_the_defaults_and_names_only_real_flags() {
    let readme = readme();
    let section = readme
        .split("## Verification defaults")
        .nth(1)
        .expect("a Verification defaults section");
    let section = section.split("\n## ").next().unwrap();
    let names: Vec<&str> = DEFAULT_VERIFY_METHODS.iter().map(|m| m.name()).collect();
    let listed = format!(
        "{} and {} are accepted",
        names[..names.len() - 1].join(", "),
        names[names.len() - 1]
    );
    assert!(section.contains(&listed), "{listed:?} not in the section");
    let skew = VerifyOptions::default().allowed_skew();
    assert!(section.contains(&format!("{skew} seconds")), "skew {skew}");
    for flag in VERIFY_FLAGS {
        assert!(section.contains(flag), "{flag} not in the section");
    }

    // Every --flag the README names is one that some command has.
    let all_help = format!(
        "{}{}{}{}{}{}",
        help("sign"),
        help("verify"),
        help("offset"),
        help("request"),
        help("login"),
        run(&["--help"], &[]).stdout
    );
    let mut named = 0;
    for (i, _) in readme.match_indices("--") {
        let flag: String = readme[i..]
            .chars()
            .take_while(|c| *c == '-' || c.is_ascii_alphanumeric())
            .collect();
        let starts_a_flag = flag.as_bytes().get(2).is_some_and(u8::is_ascii_lowercase)
            && !readme[..i].ends_with('-');
        if !starts_a_flag {
            continue;
        }
        named += 1;
        assert!(
            all_help.contains(&format!("{flag} ")) || all_help.contains(&format!("{flag}\n")),
            "the README names {flag}, which no command has"
        );
    }
    assert!(named > 10, "only {named} flags found in the README");
}
