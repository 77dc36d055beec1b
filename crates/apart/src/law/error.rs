//! Why a parameter could not be read, or a caller's law data was refused.

use super::problem::LawProblem;
pub(crate) use crate::diagnostic::quote;
use crate::diagnostic::{Detail, Diagnostic, Family, Lang, french_display};

/// How a caller adds a row, said the same way in every front end (the CLI's `--law FILE`, the
/// `LawBook` of each binding): no language's own syntax.
const HOW_TO_ADD_FR: &str = "ajoutez la ligne dans un fichier de loi (format des tables intégrées, \
     vérifié par « apart law check ») chargé par --law ou par le LawBook de votre langage";
const HOW_TO_ADD_EN: &str = "add the row in a law file (the built-in table format, checked by \
     'apart law check') loaded with --law or by your language's LawBook";

/// How many characters of a row's note an error carries: a caller's law file may hold a note of
/// any length, and an error stays short (the whole note is in the book).
pub const NOTE_MAX_CHARS: usize = 500;

/// Why a parameter could not be read, or caller data was refused.
///
/// Every message names the table, so that the caller knows which row to add.
///
/// ```
/// use apart::law::{LawBook, Param};
/// use apart::{Diagnostic, Lang};
/// use time::macros::date;
///
/// let err = LawBook::builtin()?.lookup(Param::SmicHourly, date!(2019 - 12 - 01)).unwrap_err();
/// assert_eq!(err.code(), "LAW_DATE_BEFORE_FIRST");
/// assert!(err.message(Lang::En).contains("smic_hourly"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LawError {
    /// The date is before the table's first row (before 2020-03-01 for most tables).
    BeforeFirstRow {
        /// The table id.
        table: &'static str,
        /// The date looked up.
        date: String,
        /// The first date of the table.
        first: String,
    },
    /// The date is after the last date the table is verified for, and the caller asked for
    /// strict dates (by default the rows in force keep applying, with a warning).
    AfterLastKnown {
        /// The table id.
        table: &'static str,
        /// The date looked up.
        date: String,
        /// The last verified date.
        valid_until: String,
    },
    /// The stored sources do not give the value in force on that date, and it could change
    /// the result.
    UnknownValue {
        /// The table id.
        table: &'static str,
        /// The date looked up.
        date: String,
        /// The start of the unknown period.
        from: String,
        /// What is known: the row's note, cut to [`NOTE_MAX_CHARS`] characters.
        note: String,
    },
    /// No table has this name.
    UnknownParam {
        /// The name given (shortened).
        name: String,
    },
    /// A data file or caller table does not parse, or a table of the book has a problem
    /// ([`LawBook::problems`](super::LawBook::problems)).
    InvalidData {
        /// The table id.
        table: &'static str,
        /// What is wrong.
        problem: LawProblem,
    },
    /// A caller row or table was refused (value out of range, no source, another unit…).
    InvalidOverride {
        /// The table id.
        table: &'static str,
        /// What is wrong.
        problem: LawProblem,
    },
    /// A law file (several tables) does not parse, holds no table, or cannot be read.
    InvalidFile {
        /// The file's name, when a front end read it (the CLI's `--law FILE`).
        file: Option<String>,
        /// What is wrong.
        problem: LawProblem,
    },
}

impl Diagnostic for LawError {
    fn family(&self) -> Family {
        Family::Law
    }

    fn code(&self) -> &'static str {
        match self {
            LawError::BeforeFirstRow { .. } => "LAW_DATE_BEFORE_FIRST",
            LawError::AfterLastKnown { .. } => "LAW_DATE_AFTER_LAST_KNOWN",
            LawError::UnknownValue { .. } => "LAW_VALUE_UNKNOWN",
            LawError::UnknownParam { .. } => "LAW_UNKNOWN_PARAMETER",
            LawError::InvalidData { .. } => "LAW_INVALID_DATA",
            LawError::InvalidOverride { .. } => "LAW_INVALID_OVERRIDE",
            LawError::InvalidFile { .. } => "LAW_INVALID_FILE",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        match self {
            LawError::BeforeFirstRow { table, date, first } => {
                if fr {
                    format!(
                        "paramètre « {table} » inconnu au {date} : la table commence le {first}"
                    )
                } else {
                    format!("parameter '{table}' unknown on {date}: the table starts on {first}")
                }
            }
            LawError::AfterLastKnown {
                table,
                date,
                valid_until,
            } => {
                if fr {
                    format!(
                        "paramètre « {table} » non vérifié au {date} : données vérifiées jusqu'au \
                         {valid_until} ; {HOW_TO_ADD_FR}"
                    )
                } else {
                    format!(
                        "parameter '{table}' not verified on {date}: data verified until \
                         {valid_until}; {HOW_TO_ADD_EN}"
                    )
                }
            }
            LawError::UnknownValue {
                table, date, from, ..
            } => {
                if fr {
                    format!(
                        "paramètre « {table} » inconnu au {date} (période commençant le {from}) et \
                         nécessaire à ce calcul ; {HOW_TO_ADD_FR}"
                    )
                } else {
                    format!(
                        "parameter '{table}' unknown on {date} (period starting {from}) and needed \
                         by this computation; {HOW_TO_ADD_EN}"
                    )
                }
            }
            LawError::UnknownParam { name } => {
                if fr {
                    format!("paramètre inconnu : « {name} » (« apart law list » les liste tous)")
                } else {
                    format!("unknown parameter: '{name}' ('apart law list' lists them all)")
                }
            }
            LawError::InvalidData { table, problem } => {
                let problem = problem.message(lang);
                if fr {
                    format!("table « {table} » invalide : {problem}")
                } else {
                    format!("invalid table '{table}': {problem}")
                }
            }
            LawError::InvalidOverride { table, problem } => {
                let problem = problem.message(lang);
                if fr {
                    format!("ligne refusée pour « {table} » : {problem}")
                } else {
                    format!("row refused for '{table}': {problem}")
                }
            }
            LawError::InvalidFile { file, problem } => {
                let problem = problem.message(lang);
                match (file, fr) {
                    (Some(file), true) => format!("fichier de loi « {file} » invalide : {problem}"),
                    (Some(file), false) => format!("invalid law file '{file}': {problem}"),
                    (None, true) => format!("fichier de loi invalide : {problem}"),
                    (None, false) => format!("invalid law file: {problem}"),
                }
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            LawError::BeforeFirstRow { table, date, first } => vec![
                ("table", (*table).into()),
                ("date", date.as_str().into()),
                ("first", first.as_str().into()),
            ],
            LawError::AfterLastKnown {
                table,
                date,
                valid_until,
            } => vec![
                ("table", (*table).into()),
                ("date", date.as_str().into()),
                ("valid_until", valid_until.as_str().into()),
            ],
            LawError::UnknownValue {
                table,
                date,
                from,
                note,
            } => vec![
                ("table", (*table).into()),
                ("date", date.as_str().into()),
                ("from", from.as_str().into()),
                ("note", note.as_str().into()),
            ],
            LawError::UnknownParam { name } => vec![("name", name.as_str().into())],
            LawError::InvalidData { table, problem }
            | LawError::InvalidOverride { table, problem } => {
                let mut details = vec![("table", (*table).into())];
                details.extend(problem.details());
                details
            }
            LawError::InvalidFile { file, problem } => {
                let mut details = Vec::new();
                if let Some(file) = file {
                    details.push(("file", file.as_str().into()));
                }
                details.extend(problem.details());
                details
            }
        }
    }
}
french_display!(LawError);
