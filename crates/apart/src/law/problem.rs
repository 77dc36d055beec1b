//! What is wrong with law data: the reason the `LAW_INVALID_*` errors give, and each item of
//! [`LawBook::problems`](super::LawBook::problems). Typed, so that it is said in French and
//! English like every other message, and a program can tell one problem from another.

use time::Date;

use super::{FIRST_DATE, LAST_KNOWN_DATE, Unit, format_date};
use crate::diagnostic::{Detail, Lang, quote, quote_at_most};

/// How many characters of a parser's or a system's message a problem keeps.
const PARSER_MESSAGE_MAX_CHARS: usize = 200;

/// The largest law text read, in bytes: a file of decrees, or a table to replace. The built-in
/// data of every table is under 100 KiB; a bound keeps a wrong file (`/dev/zero`, a dump) from
/// taking the memory of the process that reads it.
///
/// ```
/// use apart::law::{LawBook, MAX_LAW_TEXT_BYTES};
/// let huge = "#".repeat(MAX_LAW_TEXT_BYTES + 1);
/// let err = LawBook::with_file(&huge).unwrap_err();
/// assert_eq!(apart::Diagnostic::code(&err), "LAW_INVALID_FILE");
/// assert!(apart::Diagnostic::message(&err, apart::Lang::En).contains("at most 1048576 bytes"));
/// ```
pub const MAX_LAW_TEXT_BYTES: usize = 1 << 20;

/// What is wrong with a caller's table, row or law file (or, for
/// [`LawBook::problems`](super::LawBook::problems), with a table of the book).
///
/// ```
/// use apart::law::{LawBook, LawError, LawProblem, Param, Row, Value};
/// use apart::{Diagnostic, Lang};
/// use time::macros::date;
///
/// let mut book = LawBook::shared()?.clone();
/// let typo = Row::new(date!(2026 - 08 - 01), Value::Known("1231".parse()?), "Arrêté");
/// let err = book.upsert_row(Param::SmicHourly, typo).unwrap_err();
/// let LawError::InvalidOverride { problem, .. } = &err else { unreachable!() };
/// assert_eq!(problem.id(), "out_of_range");
/// assert_eq!(
///     err.message(Lang::Fr),
///     "ligne refusée pour « smic_hourly » : valeur 1231 au 2026-08-01 hors de l'intervalle \
///      0.01 à 100 de l'unité eur_per_hour"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LawProblem {
    /// The text is not TOML of the expected shape.
    Syntax {
        /// The line of the problem, when the parser knows it.
        line: Option<usize>,
        /// The TOML parser's own message (in English), cut short and escaped.
        parser: String,
    },
    /// A value of the text was refused by its reader (a date, a decimal, a spelling): the
    /// value error, with the line.
    Value {
        /// The line of the value, when the parser knows it.
        line: Option<usize>,
        /// Why the value was refused.
        error: Box<crate::value::ValueError>,
    },
    /// The text is longer than [`MAX_LAW_TEXT_BYTES`].
    TooLarge {
        /// The most bytes read.
        max: usize,
    },
    /// A law file does not exist (a front end that reads files: the CLI's `--law`).
    FileNotFound,
    /// A law file may not be read.
    FileNotPermitted,
    /// A law file is not UTF-8 text.
    FileNotText,
    /// A law file could not be read for another reason.
    Unreadable {
        /// The system's message (in the system's language), cut short and escaped.
        reason: String,
    },
    /// A table in the data-file format gives no `unit`.
    NoUnit,
    /// The text names another table than the one it is given for.
    OtherTable {
        /// The table id the text names (shortened).
        named: String,
    },
    /// A law file gives neither a table nor `verified_until`.
    NoTable,
    /// A caller's table gives another unit than the built-in table's.
    OtherUnit {
        /// The unit given.
        given: Unit,
        /// The built-in table's unit.
        builtin: Unit,
    },
    /// A table has no row.
    NoRows,
    /// A table's first row starts after [`FIRST_DATE`]: the dates before it would have no row.
    StartsLate {
        /// The first row's date.
        first: Date,
    },
    /// Two rows whose dates do not strictly increase.
    DatesNotIncreasing {
        /// The earlier row's date.
        previous: Date,
        /// The date of the row after it.
        next: Date,
    },
    /// A value outside its unit's range ([`Unit::range`]).
    OutOfRange {
        /// The row's date.
        from: Date,
        /// The value (shortened).
        value: String,
        /// The table's unit.
        unit: Unit,
    },
    /// A fractional value in a unit counted in whole numbers (days, months, hours per year).
    NotWhole {
        /// The row's date.
        from: Date,
        /// The value (shortened).
        value: String,
        /// The table's unit.
        unit: Unit,
    },
    /// A `none` (not applicable) row in a table that has none: a SMIC, a rate or a delay always
    /// applies, and a later computation would fail with a misleading error.
    NotApplicableRefused {
        /// The row's date.
        from: Date,
    },
    /// A row without a source.
    NoSource {
        /// The row's date.
        from: Date,
    },
    /// A table verified until a date before [`LAST_KNOWN_DATE`] (only listed by
    /// [`LawBook::problems`](super::LawBook::problems): an accepted caller table may say so).
    VerifiedBeforeRelease {
        /// The table's last verified date.
        until: Date,
    },
}

impl LawProblem {
    /// The problem of a TOML parser error: its line and its first line of message, short and
    /// printable.
    pub(super) fn syntax(text: &str, error: &toml::de::Error) -> LawProblem {
        let line = error
            .span()
            .and_then(|span| text.get(..span.start))
            .map(|before| before.matches('\n').count() + 1);
        if let Some(error) = crate::value::carried(error.message()) {
            return LawProblem::Value {
                line,
                error: Box::new(error),
            };
        }
        let message = error.message().lines().next().unwrap_or_default();
        LawProblem::Syntax {
            line,
            parser: quote_at_most(message, PARSER_MESSAGE_MAX_CHARS),
        }
    }

    /// `text` read as TOML of shape `T`, within [`MAX_LAW_TEXT_BYTES`].
    pub(super) fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, LawProblem> {
        if text.len() > MAX_LAW_TEXT_BYTES {
            return Err(LawProblem::TooLarge {
                max: MAX_LAW_TEXT_BYTES,
            });
        }
        toml::from_str(text).map_err(|e| LawProblem::syntax(text, &e))
    }

    /// The problem of a law file that could not be read: the common causes by name, others
    /// with the system's message.
    ///
    /// ```
    /// use apart::law::LawProblem;
    /// use apart::Lang;
    /// use std::io::{Error, ErrorKind};
    /// let problem = LawProblem::unreadable(&Error::from(ErrorKind::NotFound));
    /// assert_eq!(problem, LawProblem::FileNotFound);
    /// assert_eq!(problem.message(Lang::Fr), "fichier introuvable");
    /// let problem = LawProblem::unreadable(&Error::other("disk on fire"));
    /// assert_eq!(problem.message(Lang::En), "cannot be read ('disk on fire')");
    /// ```
    pub fn unreadable(error: &std::io::Error) -> LawProblem {
        match error.kind() {
            std::io::ErrorKind::NotFound => LawProblem::FileNotFound,
            std::io::ErrorKind::PermissionDenied => LawProblem::FileNotPermitted,
            std::io::ErrorKind::InvalidData => LawProblem::FileNotText,
            _ => LawProblem::Unreadable {
                reason: quote_at_most(&error.to_string(), PARSER_MESSAGE_MAX_CHARS),
            },
        }
    }

    /// A stable name of the problem, in snake case (the `problem` field of the errors).
    ///
    /// ```
    /// use apart::law::LawProblem;
    /// assert_eq!(LawProblem::NoRows.id(), "no_rows");
    /// ```
    pub fn id(&self) -> &'static str {
        match self {
            LawProblem::Syntax { .. } => "syntax",
            LawProblem::Value { .. } => "invalid_value",
            LawProblem::TooLarge { .. } => "too_large",
            LawProblem::FileNotFound => "file_not_found",
            LawProblem::FileNotPermitted => "file_not_permitted",
            LawProblem::FileNotText => "file_not_text",
            LawProblem::Unreadable { .. } => "unreadable",
            LawProblem::NoUnit => "no_unit",
            LawProblem::OtherTable { .. } => "other_table",
            LawProblem::NoTable => "no_table",
            LawProblem::OtherUnit { .. } => "other_unit",
            LawProblem::NoRows => "no_rows",
            LawProblem::StartsLate { .. } => "starts_late",
            LawProblem::DatesNotIncreasing { .. } => "dates_not_increasing",
            LawProblem::OutOfRange { .. } => "out_of_range",
            LawProblem::NotWhole { .. } => "not_whole",
            LawProblem::NotApplicableRefused { .. } => "not_applicable_refused",
            LawProblem::NoSource { .. } => "no_source",
            LawProblem::VerifiedBeforeRelease { .. } => "verified_before_release",
        }
    }

    /// What is wrong, in `lang`.
    ///
    /// ```
    /// use apart::law::LawProblem;
    /// use apart::Lang;
    /// use time::macros::date;
    /// let problem = LawProblem::NoSource { from: date!(2026 - 06 - 01) };
    /// assert_eq!(problem.message(Lang::Fr), "la ligne du 2026-06-01 n'a pas de source");
    /// assert_eq!(problem.message(Lang::En), "the row of 2026-06-01 has no source");
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        let first = format_date(FIRST_DATE);
        match self {
            // The parser's own words are quoted, as an input would be: toml speaks English.
            LawProblem::Syntax { line, parser } => match (line, fr) {
                (Some(line), true) => format!("ligne {line} : TOML illisible (« {parser} »)"),
                (Some(line), false) => format!("line {line}: unreadable TOML ('{parser}')"),
                (None, true) => format!("TOML illisible (« {parser} »)"),
                (None, false) => format!("unreadable TOML ('{parser}')"),
            },
            LawProblem::Value { line, error } => {
                let error = crate::Diagnostic::message(error.as_ref(), lang);
                match (line, fr) {
                    (Some(line), true) => format!("ligne {line} : {error}"),
                    (Some(line), false) => format!("line {line}: {error}"),
                    (None, _) => error,
                }
            }
            LawProblem::TooLarge { max } => {
                if fr {
                    format!("texte trop long : au plus {max} octets")
                } else {
                    format!("text too long: at most {max} bytes")
                }
            }
            LawProblem::FileNotFound => if fr {
                "fichier introuvable"
            } else {
                "file not found"
            }
            .into(),
            LawProblem::FileNotPermitted => if fr {
                "lecture du fichier non autorisée"
            } else {
                "reading the file is not permitted"
            }
            .into(),
            LawProblem::FileNotText => if fr {
                "le fichier n'est pas du texte UTF-8"
            } else {
                "the file is not UTF-8 text"
            }
            .into(),
            LawProblem::Unreadable { reason } => {
                if fr {
                    format!("lecture impossible (« {reason} »)")
                } else {
                    format!("cannot be read ('{reason}')")
                }
            }
            LawProblem::NoUnit => if fr {
                "pas d'unité (`unit`)"
            } else {
                "no unit (`unit`)"
            }
            .into(),
            LawProblem::OtherTable { named } => {
                if fr {
                    format!("le texte décrit la table « {named} »")
                } else {
                    format!("the text is about table '{named}'")
                }
            }
            LawProblem::NoTable => if fr {
                "aucune table : donnez `id` et `[[values]]`, ou `[[tables]]`"
            } else {
                "no table: give `id` and `[[values]]`, or `[[tables]]`"
            }
            .into(),
            LawProblem::OtherUnit { given, builtin } => {
                let (given, builtin) = (given.as_str(), builtin.as_str());
                if fr {
                    format!("unité {given} au lieu de {builtin}")
                } else {
                    format!("unit {given} instead of {builtin}")
                }
            }
            LawProblem::NoRows => if fr { "aucune ligne" } else { "no rows" }.into(),
            LawProblem::StartsLate { first: row } => {
                let row = format_date(*row);
                if fr {
                    format!(
                        "la première ligne commence le {row}, après le {first} (ajoutez une ligne \
                         'unknown' ou 'none' au {first})"
                    )
                } else {
                    format!(
                        "the first row starts on {row}, after {first} (add an 'unknown' or 'none' \
                         row from {first})"
                    )
                }
            }
            LawProblem::DatesNotIncreasing { previous, next } => {
                let (previous, next) = (format_date(*previous), format_date(*next));
                if fr {
                    format!("dates non croissantes ({previous} puis {next})")
                } else {
                    format!("dates not increasing ({previous} then {next})")
                }
            }
            LawProblem::OutOfRange { from, value, unit } => {
                let ((lo, hi), from, unit) = (unit.range(), format_date(*from), unit.as_str());
                if fr {
                    format!(
                        "valeur {value} au {from} hors de l'intervalle {lo} à {hi} de l'unité {unit}"
                    )
                } else {
                    format!("value {value} on {from} out of the range {lo} to {hi} of unit {unit}")
                }
            }
            LawProblem::NotWhole { from, value, unit } => {
                let (from, unit) = (format_date(*from), unit.as_str());
                if fr {
                    format!(
                        "valeur {value} au {from} : l'unité {unit} se compte en nombres entiers"
                    )
                } else {
                    format!("value {value} on {from}: unit {unit} is counted in whole numbers")
                }
            }
            LawProblem::NotApplicableRefused { from } => {
                let from = format_date(*from);
                if fr {
                    format!(
                        "la ligne du {from} dit « none » (sans objet), ce que cette table n'admet \
                         pas : donnez une valeur, ou « unknown »"
                    )
                } else {
                    format!(
                        "the row of {from} says 'none' (not applicable), which this table does not \
                         allow: give a value, or 'unknown'"
                    )
                }
            }
            LawProblem::NoSource { from } => {
                let from = format_date(*from);
                if fr {
                    format!("la ligne du {from} n'a pas de source")
                } else {
                    format!("the row of {from} has no source")
                }
            }
            LawProblem::VerifiedBeforeRelease { until } => {
                let (until, release) = (format_date(*until), format_date(LAST_KNOWN_DATE));
                if fr {
                    format!("vérifiée jusqu'au {until} seulement, avant le {release}")
                } else {
                    format!("verified until {until} only, before {release}")
                }
            }
        }
    }

    /// The structured fields: `problem` (its [`id`](LawProblem::id)), then its own.
    pub(super) fn details(&self) -> Vec<Detail> {
        let mut details: Vec<Detail> = vec![("problem", self.id().into())];
        match self {
            LawProblem::Syntax { line, parser } => {
                if let Some(line) = line {
                    details.push(("line", (*line).into()));
                }
                details.push(("parser", parser.as_str().into()));
            }
            LawProblem::Value { line, error } => {
                if let Some(line) = line {
                    details.push(("line", (*line).into()));
                }
                details.push(("cause", crate::Diagnostic::code(error.as_ref()).into()));
                details.extend(crate::Diagnostic::details(error.as_ref()));
            }
            LawProblem::TooLarge { max } => details.push(("max", (*max).into())),
            LawProblem::Unreadable { reason } => details.push(("reason", reason.as_str().into())),
            LawProblem::OtherTable { named } => details.push(("named", named.as_str().into())),
            LawProblem::OtherUnit { given, builtin } => {
                details.push(("unit", given.as_str().into()));
                details.push(("expected", builtin.as_str().into()));
            }
            LawProblem::StartsLate { first } => details.push(("first", format_date(*first).into())),
            LawProblem::DatesNotIncreasing { previous, next } => {
                details.push(("previous", format_date(*previous).into()));
                details.push(("next", format_date(*next).into()));
            }
            LawProblem::OutOfRange { from, value, unit }
            | LawProblem::NotWhole { from, value, unit } => {
                details.push(("from", format_date(*from).into()));
                details.push(("value", value.as_str().into()));
                details.push(("unit", unit.as_str().into()));
            }
            LawProblem::NoSource { from } | LawProblem::NotApplicableRefused { from } => {
                details.push(("from", format_date(*from).into()));
            }
            LawProblem::VerifiedBeforeRelease { until } => {
                details.push(("valid_until", format_date(*until).into()));
            }
            LawProblem::NoUnit
            | LawProblem::NoTable
            | LawProblem::NoRows
            | LawProblem::FileNotFound
            | LawProblem::FileNotPermitted
            | LawProblem::FileNotText => {}
        }
        details
    }

    /// The problem of `value` as a shortened text.
    pub(super) fn out_of_range(from: Date, value: &rust_decimal::Decimal, unit: Unit) -> Self {
        LawProblem::OutOfRange {
            from,
            value: quote(&value.to_string()),
            unit,
        }
    }
}
