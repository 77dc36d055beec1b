//! How every error reaches the user: one line of text, or one JSON object, on stderr.

use apart::diagnostic::{Diagnostic, DiagnosticRecord, Lang, Messages};

use crate::text::{escape_controls, json_safe};

/// `message` preceded by where the fault is (`--gross`, `ligne 12`), unless it already says so.
pub fn placed(place: Option<&str>, message: String, lang: Lang) -> String {
    match place {
        Some(place) if message.contains(place) => message,
        Some(place) if lang == Lang::En => format!("{place}: {message}"),
        Some(place) => format!("{place} : {message}"),
        None => message,
    }
}

/// The wire form of an error (the core's [`DiagnosticRecord`]), its messages saying where the
/// fault is and its `field` set to `place` when the core did not know it.
pub fn record(e: &dyn Diagnostic, place: Option<&str>) -> DiagnosticRecord {
    let mut record = DiagnosticRecord::of(e);
    record.messages = Messages {
        fr: placed(place, record.messages.fr, Lang::Fr),
        en: placed(place, record.messages.en, Lang::En),
    };
    if let Some(place) = place {
        if record.detail("field").is_none() {
            record.details.push(("field".to_owned(), place.into()));
        }
    }
    record
}

/// Prints an error to stderr: `CODE: message` in `lang`, or with `json` one object
/// `{"error": {"code", "family", "messages": {"fr", "en"}, "details"}}`. `place` says where
/// (`--gross`, `ligne 12`).
pub fn print_error(e: &dyn Diagnostic, lang: Lang, json: bool, place: Option<&str>) {
    if json {
        let value = serde_json::json!({ "error": record(e, place) });
        eprintln!("{}", json_safe(&value.to_string()));
    } else {
        let message = placed(place, e.message(lang), lang);
        eprintln!("{}: {}", e.code(), escape_controls(&message));
    }
}
