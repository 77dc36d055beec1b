//! Errors of the command itself (input that cannot be read as lines or rows) and how every
//! error reaches the user: one line of text, or one JSON object, on stderr.

use apart::diagnostic::{Detail, Diagnostic, DiagnosticRecord, Family, Lang, Messages};
use apart::value::ValueError;

use crate::text::{escape_controls, group, json_safe, line_label};
use apart::diagnostic::quote;

/// Input the command cannot read: a line too long, text that is not UTF-8, a row that does not
/// fit its header, a header with a column the command does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// A line is longer than the limit.
    LineTooLong {
        /// Its number.
        line: u64,
        /// Its length in bytes.
        len: u64,
        /// The limit in bytes.
        max: usize,
        /// Its first characters (already short).
        prefix: String,
    },
    /// A line is not UTF-8.
    NotUtf8 {
        /// Its number.
        line: u64,
        /// The 1-based position of the first invalid byte.
        byte: usize,
    },
    /// A row has more cells than the header.
    TooManyCells {
        /// Its number.
        line: u64,
        /// The header's cells.
        header: usize,
    },
    /// A quoted cell is not closed on its line.
    UnclosedQuote {
        /// Its number.
        line: u64,
        /// The 1-based column of the cell.
        cell: usize,
    },
    /// A header names a column the command does not know.
    UnknownColumn {
        /// The column as written (short quote).
        column: String,
        /// The columns the command knows.
        expected: String,
    },
    /// A header names a column twice.
    DuplicateColumn {
        /// The column.
        column: String,
    },
    /// A row has no month and no `--month` was given.
    NoMonth {
        /// Its number.
        line: u64,
    },
}

impl InputError {
    /// The core's error for the same fault: its code, family and fields are the ones every
    /// front end uses (`INPUT_TOO_LARGE`…); the message here adds what only this reader knows
    /// (the line, the byte, the cell).
    pub fn value(&self) -> ValueError {
        let malformed = |field: Option<String>, reason: &str| ValueError::Malformed {
            field,
            reason: reason.to_owned(),
        };
        match self {
            InputError::LineTooLong { len, max, .. } => ValueError::TooLarge {
                field: None,
                size: *len,
                max: *max as u64,
            },
            InputError::NotUtf8 { .. } => malformed(None, "not UTF-8"),
            InputError::TooManyCells { .. } => malformed(None, "more cells than the header"),
            InputError::UnclosedQuote { .. } => malformed(None, "unclosed quote"),
            InputError::UnknownColumn { column, expected } => ValueError::UnknownField {
                field: Some(column.clone()),
                expected: expected.clone(),
            },
            InputError::DuplicateColumn { column } => {
                malformed(Some(column.clone()), "duplicate column")
            }
            InputError::NoMonth { .. } => ValueError::MissingField {
                field: Some("month".to_owned()),
            },
        }
    }

    /// The line at fault, when there is one.
    fn line(&self) -> Option<u64> {
        match self {
            InputError::LineTooLong { line, .. }
            | InputError::NotUtf8 { line, .. }
            | InputError::TooManyCells { line, .. }
            | InputError::UnclosedQuote { line, .. }
            | InputError::NoMonth { line } => Some(*line),
            InputError::UnknownColumn { .. } | InputError::DuplicateColumn { .. } => None,
        }
    }
}

impl Diagnostic for InputError {
    fn code(&self) -> &'static str {
        self.value().code()
    }

    fn family(&self) -> Family {
        self.value().family()
    }

    fn message(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self {
            InputError::LineTooLong {
                line,
                len,
                max,
                prefix,
            } => {
                if en {
                    format!(
                        "{}: too long, {} bytes (at most {}): « {prefix} »",
                        line_label(lang, *line),
                        group(*len, lang),
                        group(*max as u64, lang)
                    )
                } else {
                    format!(
                        "{} : trop longue, {} octets (au plus {}) : « {prefix} »",
                        line_label(lang, *line),
                        group(*len, lang),
                        group(*max as u64, lang)
                    )
                }
            }
            InputError::NotUtf8 { line, byte } => {
                if en {
                    format!(
                        "{}: not UTF-8 text (byte {byte}); save the file as \"CSV UTF-8\"",
                        line_label(lang, *line)
                    )
                } else {
                    format!(
                        "{} : texte non UTF-8 (octet {byte}) ; enregistrez le fichier en « CSV UTF-8 »",
                        line_label(lang, *line)
                    )
                }
            }
            InputError::TooManyCells { line, header } => {
                if en {
                    format!(
                        "{}: more cells than the {header} columns of the header",
                        line_label(lang, *line)
                    )
                } else {
                    format!(
                        "{} : plus de cellules que les {header} colonnes de l'en-tête",
                        line_label(lang, *line)
                    )
                }
            }
            InputError::UnclosedQuote { line, cell } => {
                if en {
                    format!(
                        "{}: the quote opened in cell {cell} is not closed",
                        line_label(lang, *line)
                    )
                } else {
                    format!(
                        "{} : le guillemet ouvert dans la cellule {cell} n'est pas fermé",
                        line_label(lang, *line)
                    )
                }
            }
            InputError::UnknownColumn { column, expected } => {
                if en {
                    format!("unknown column « {column} » (expected: {expected})")
                } else {
                    format!("colonne inconnue « {column} » (attendu : {expected})")
                }
            }
            InputError::DuplicateColumn { column } => {
                if en {
                    format!("column « {column} » appears twice in the header")
                } else {
                    format!("la colonne « {column} » apparaît deux fois dans l'en-tête")
                }
            }
            InputError::NoMonth { line } => {
                if en {
                    format!(
                        "{}: no month: add a month column or give --month (e.g. --month 2026-01)",
                        line_label(lang, *line)
                    )
                } else {
                    format!(
                        "{} : pas de mois : ajoutez une colonne month ou donnez --month (par exemple --month 2026-01)",
                        line_label(lang, *line)
                    )
                }
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        let mut details = self.value().details();
        if let Some(line) = self.line() {
            details.push(("line", line.into()));
        }
        if let InputError::NotUtf8 { byte, .. } = self {
            details.push(("byte", (*byte).into()));
        }
        details
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Fr))
    }
}

impl std::error::Error for InputError {}

impl InputError {
    /// A line too long, quoting its first characters.
    pub fn too_long(line: u64, len: u64, max: usize, prefix: &[u8]) -> InputError {
        InputError::LineTooLong {
            line,
            len,
            max,
            prefix: quote(&String::from_utf8_lossy(prefix)),
        }
    }
}

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
