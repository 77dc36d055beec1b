//! The README's `console` blocks are real: each `$ apart …` line is run (from the repository
//! root) and its output must be the lines under it, so the README cannot drift from the
//! command. `APART_BLESS=1 cargo test -p apart-cli --test readme` rewrites them from the
//! command's actual output.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Splits a command line as a POSIX shell would for the simple cases the README uses: words,
/// "double quotes" and 'single quotes'. Anything needing a shell (pipes, `$`, `>`) is refused.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, ' ') => {
                if in_word {
                    out.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, '|' | '>' | '<' | '$' | ';' | '&' | '`') => {
                panic!("README command needs a shell: {line}")
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    assert!(quote.is_none(), "unclosed quote: {line}");
    if in_word {
        out.push(word);
    }
    out
}

/// What a README command prints: stdout, then stderr.
fn run(line: &str) -> String {
    let words = words(line);
    let (program, args) = words.split_first().expect("a command");
    match program.as_str() {
        "apart" => {
            let o = Command::new(env!("CARGO_BIN_EXE_apart"))
                .args(args)
                .current_dir(root())
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            let mut text = String::from_utf8(o.stdout).unwrap();
            text.push_str(&String::from_utf8(o.stderr).unwrap());
            text
        }
        "cat" => args
            .iter()
            .map(|f| std::fs::read_to_string(root().join(f)).unwrap())
            .collect(),
        other => panic!("README console blocks run `apart` and `cat` only, not {other}"),
    }
}

#[test]
fn readme_console_blocks_are_the_commands_output() {
    let path = root().join("README.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = String::with_capacity(text.len());
    let mut stale = Vec::new();
    let mut commands = 0;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        if line.trim_end() != "```console" {
            continue;
        }
        // The block: `$ command` lines, each followed by its output.
        while let Some(line) = lines.next() {
            if line.trim_end() == "```" {
                out.push_str(line);
                break;
            }
            let Some(command) = line.trim_end().strip_prefix("$ ") else {
                panic!("README: a console block starts with `$ `: {line}");
            };
            out.push_str(line);
            let mut expected = String::new();
            while let Some(next) = lines.peek() {
                if next.starts_with("$ ") || next.trim_end() == "```" {
                    break;
                }
                expected.push_str(next);
                lines.next();
            }
            let actual = run(command);
            commands += 1;
            if actual != expected {
                stale.push(command.to_owned());
            }
            out.push_str(&actual);
        }
    }
    assert!(commands >= 5, "only {commands} commands found in README.md");
    if std::env::var("APART_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, out).unwrap();
    } else {
        assert!(
            stale.is_empty(),
            "README.md shows stale output for {stale:?}: regenerate with \
             `APART_BLESS=1 cargo test -p apart-cli --test readme`"
        );
    }
}

#[test]
fn words_split_like_a_shell() {
    assert_eq!(
        words(r#"apart siret check "732 829 320 00074" 'a b' c"#),
        ["apart", "siret", "check", "732 829 320 00074", "a b", "c"]
    );
}
