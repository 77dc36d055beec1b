//! `docs/errors.md`, the catalogue of every error code, is generated from
//! `apart::catalogue`: this test fails when it drifts. Regenerate it with
//! `APART_BLESS=1 cargo test -p apart-tests catalogue`.

use apart::catalogue::{entries, warnings};
use apart::diagnostic::Family;
use apart::{Diagnostic, Lang};

fn document() -> String {
    let entries = entries();
    let mut doc = String::from(
        "# Error codes\n\n\
         Every error of apart, in every language, has a stable code (never renamed or reused), a family, \
         structured fields and a message in French and English. The family decides the exception class: \
         Python and Node raise `<Family>Error` (all subclasses of `ApartError`), Kotlin \
         `ApartException.<Family>`; the CLI prints the code, and its JSON errors carry the whole record \
         (`code`, `family`, `messages`, `details`). `apart explain CODE` prints one entry.\n\n\
         Generated from `apart::catalogue` (one example of each code; the messages below are those \
         examples'). Do not edit: regenerate with `APART_BLESS=1 cargo test -p apart-tests catalogue`.\n\n\
         | family | class | codes |\n|---|---|---|\n",
    );
    for family in Family::ALL {
        let codes: Vec<String> = entries
            .iter()
            .filter(|e| e.family == *family)
            .map(|e| format!("[`{0}`](#{1})", e.code, e.code.to_ascii_lowercase()))
            .collect();
        if !codes.is_empty() {
            doc.push_str(&format!(
                "| `{}` | `{}` | {} |\n",
                family.as_str(),
                family.class_name(),
                codes.join(", ")
            ));
        }
    }
    for family in Family::ALL {
        let mut first = true;
        for entry in entries.iter().filter(|e| e.family == *family) {
            if first {
                doc.push_str(&format!("\n## {}\n", family.as_str()));
                first = false;
            }
            doc.push('\n');
            doc.push_str(&entry.markdown());
        }
    }
    doc.push_str(
        "\n## Warnings\n\nAn accepted indemnity computation may carry warnings (`Outcome.warnings`): \
         a code and a message, never an exception.\n\n",
    );
    for warning in warnings() {
        doc.push_str(&format!(
            "- `{}`: {} / {}\n",
            warning.code(),
            warning.message(Lang::Fr),
            warning.message(Lang::En)
        ));
    }
    doc
}

#[test]
fn errors_md_is_up_to_date() {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/errors.md");
    let text = document();
    if std::env::var("APART_BLESS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &text).unwrap();
    }
    assert!(
        std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()),
        "docs/errors.md is stale: regenerate with `APART_BLESS=1 cargo test -p apart-tests catalogue`"
    );
}

/// Every example's French message is French (the checker of `errors.rs`: English words outside
/// what the message quotes), warnings included.
#[test]
fn french_messages_have_no_english_words() {
    let mut english = Vec::new();
    for entry in entries() {
        let fr = entry.example.message(Lang::Fr);
        if let Some(word) = super::errors::english_word(&fr) {
            english.push(format!("{}: '{word}' in {fr}", entry.code));
        }
    }
    for warning in warnings() {
        let fr = warning.message(Lang::Fr);
        if let Some(word) = super::errors::english_word(&fr) {
            english.push(format!("{}: '{word}' in {fr}", warning.code()));
        }
    }
    assert!(english.is_empty(), "{}", english.join("\n"));
}

/// Words in the core's code that look like codes and are not: serde's casing name.
const NOT_CODES: &[&str] = &["SCREAMING_SNAKE_CASE"];

/// Every code the core writes is in the catalogue: each string literal in SCREAMING_SNAKE_CASE in
/// the core's code (comments and tests aside) is the code of an entry or of a warning. An inline
/// code (a guard's `Refusal::new`) would reach callers with no entry in `docs/errors.md` and
/// nothing for `apart explain`.
#[test]
fn every_code_in_the_sources_is_catalogued() {
    let mut known: std::collections::BTreeSet<String> =
        entries().iter().map(|e| e.code.to_owned()).collect();
    known.extend(warnings().iter().map(|w| w.code().to_owned()));
    known.extend(NOT_CODES.iter().map(|c| (*c).to_owned()));
    let mut files = Vec::new();
    crate::layering::rust_files(&crate::layering::src(), &mut files);
    files.sort();
    let mut uncatalogued = Vec::new();
    for file in &files {
        let code = crate::layering::code(&std::fs::read_to_string(file).unwrap());
        for literal in code.split('"').skip(1).step_by(2) {
            let looks_like_code = literal.contains('_')
                && literal.starts_with(|c: char| c.is_ascii_uppercase())
                && literal
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            if looks_like_code && !known.contains(literal) {
                uncatalogued.push(format!("{literal} ({})", file.display()));
            }
        }
    }
    assert!(
        uncatalogued.is_empty(),
        "codes missing from apart::catalogue: {uncatalogued:?}"
    );
}

/// The Rust files of every binding and of the CLI.
fn front_end_files() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in [
        "bindings/node/src",
        "bindings/python/src",
        "bindings/uniffi/src",
        "bindings/wasm/src",
        "crates/apart-cli/src",
    ] {
        crate::layering::rust_files(&root.join(dir), &mut files);
    }
    files
}

/// No front end defines an error of its own: no binding and not the CLI implements
/// `Diagnostic`, so every code a caller meets is a core type's, in the catalogue (the Node and
/// browser bindings each had their own `MACHINE_UNKNOWN` and internal errors, with messages of
/// their own).
#[test]
fn front_ends_define_no_error_of_their_own() {
    let files = front_end_files();
    assert!(files.len() > 40, "{} files read", files.len());
    let own: Vec<String> = files
        .iter()
        .filter(|file| {
            crate::layering::code(&std::fs::read_to_string(file).unwrap())
                .contains("Diagnostic for ")
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(own.is_empty(), "errors defined by a front end: {own:?}");
}

/// The words a front end puts in `INPUT_WRONG_TYPE` for what it expected are the core's
/// (`apart::value::expected`, with their French): no `wrong_type("…")` and no literal
/// `expected: "…"` in a `WrongType` written by a binding or the CLI (the French message said
/// "attendu : a string or a Uint8Array").
#[test]
fn front_ends_spell_no_type_words_of_their_own() {
    let files = front_end_files();
    let mut literal = Vec::new();
    for file in &files {
        let code = crate::layering::code(&std::fs::read_to_string(file).unwrap());
        let lines: Vec<&str> = code.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let compact: String = line.split_whitespace().collect();
            let in_wrong_type = lines[i.saturating_sub(3)..i]
                .iter()
                .any(|l| l.contains("WrongType"));
            if compact.contains("wrong_type(\"")
                || compact.contains("wrong_type(py,\"")
                || (in_wrong_type && compact.starts_with("expected:\""))
            {
                literal.push(format!("{}:{}", file.display(), i + 1));
            }
        }
    }
    assert!(
        literal.is_empty(),
        "type words spelt by a front end: {literal:?}"
    );
}
