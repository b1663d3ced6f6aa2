//! Every C or C++ example in `bindings/c/README.md` is tested: like the top-level
//! README (scripts/check-readme), each such block follows a `<!-- example: PATH -->`
//! line and appears verbatim in PATH, a file that bindings/c/test.sh compiles and runs.
//! Shell and text blocks are commands and prose.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test may stop at the first failure

use std::path::Path;

const TESTED_ELSEWHERE: [&str; 2] = ["sh", "text"];

#[test]
fn readme_examples_are_verbatim_parts_of_tested_files() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = crate_dir.join("../..");
    let readme = std::fs::read_to_string(crate_dir.join("README.md")).expect("read README.md");
    let lines: Vec<&str> = readme.lines().collect();
    let mut problems = Vec::new();
    let mut checked = 0;
    let mut i = 0;
    while i < lines.len() {
        let Some(lang) = lines[i].strip_prefix("```") else {
            i += 1;
            continue;
        };
        let start = i;
        let end = (i + 1..lines.len())
            .find(|&j| lines[j] == "```")
            .unwrap_or_else(|| panic!("README.md:{}: the block is never closed", start + 1));
        let body: String = lines[start + 1..end]
            .iter()
            .map(|l| format!("{l}\n"))
            .collect();
        let tag = start
            .checked_sub(1)
            .and_then(|p| lines[p].strip_prefix("<!-- example: "))
            .and_then(|rest| rest.strip_suffix(" -->"));
        match tag {
            None if TESTED_ELSEWHERE.contains(&lang) => {}
            None => problems.push(format!(
                "README.md:{}: a {lang:?} block without <!-- example: PATH -->",
                start + 1
            )),
            Some(path) => match std::fs::read_to_string(root.join(path)) {
                Err(_) => problems.push(format!("README.md:{}: {path} does not exist", start + 1)),
                Ok(text) if !text.contains(&body) => problems.push(format!(
                    "README.md:{}: the block is not a verbatim part of {path}",
                    start + 1
                )),
                Ok(_) => checked += 1,
            },
        }
        i = end + 1;
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked >= 2, "the README's C examples were not found");
}
