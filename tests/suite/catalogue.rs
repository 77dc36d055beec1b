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
