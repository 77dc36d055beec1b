//! Law files: a caller's rows and tables, in the shape of the built-in data files.
//!
//! A law file is what every front end loads (`apart simulate --law FILE`, the `LawBook` of
//! each binding) to add a decree published after this release. It is either one table exactly
//! as in `crates/apart/src/law/data/`, or several under `[[tables]]`:
//!
//! ```toml
//! verified_until = "2026-12-31"    # optional: the caller vouches for every table until then
//!                                   # (all of the book's, not only these; a table's own
//!                                   # `valid_until` vouches for it alone)
//!
//! [[tables]]
//! id = "smic_hourly"                # unit and description may be left out (the built-in ones)
//! [[tables.values]]
//! from = "2026-06-01"
//! value = "12.31"
//! source = { title = "Arrêté du 22 mai 2026" }   # status defaults to "confirmed"
//!
//! [[tables]]
//! id = "indemnity_floor"
//! replace = true                    # the rows replace the whole table (default: added)
//! # …
//! ```
//!
//! Rows are added, or replace the row of the same `from` date; with `replace = true` the rows
//! replace the table, and must then start at [`FIRST_DATE`](super::FIRST_DATE) like the
//! built-in tables (an `unknown` or `none` row for what the caller does not know), so that a
//! replaced table never drops earlier rows unnoticed. Every row passes the same checks as the
//! built-in data (value within the unit's range, a source, dates increasing); a file that fails
//! one check changes nothing.

use serde::Deserialize;
use time::Date;

use super::error::LawError;
use super::problem::LawProblem;
use super::table::TableFile;
use super::{LawBook, Param};

/// What a law file changed, table by table (for `apart law check`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// The table.
    pub param: Param,
    /// How many rows the file gives for it.
    pub rows: usize,
    /// Whether the file replaced the whole table.
    pub replaced: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LawFile {
    #[serde(default, with = "crate::calendar::serde::option_date")]
    verified_until: Option<Date>,
    #[serde(default)]
    tables: Vec<TableFile>,
}

impl LawFile {
    /// Refuses rows whose dates do not strictly increase within a table, or a date given twice
    /// for one table across the file: each would make one row silently replace another.
    fn check_row_order(&self) -> Result<(), LawError> {
        let mut seen: std::collections::HashMap<&str, std::collections::BTreeSet<Date>> =
            std::collections::HashMap::new();
        for table in &self.tables {
            let dates = seen.entry(table.id.as_str()).or_default();
            let mut previous: Option<Date> = None;
            for row in &table.values {
                let repeated = dates.get(&row.from).copied();
                if let Some(previous) = previous.filter(|p| *p >= row.from).or(repeated) {
                    return Err(LawError::InvalidOverride {
                        table: table.id.parse::<Param>()?.id(),
                        problem: LawProblem::DatesNotIncreasing {
                            previous,
                            next: row.from,
                        },
                    });
                }
                dates.insert(row.from);
                previous = Some(row.from);
            }
        }
        Ok(())
    }
}

impl LawBook {
    /// Applies a law file (see the module documentation) to this book: all of it or, on the
    /// first problem, nothing.
    ///
    /// # Errors
    ///
    /// [`LawError::InvalidFile`] when the text is not a law file (with the line),
    /// [`LawError::UnknownParam`] for a table id this release does not know,
    /// [`LawError::InvalidOverride`] for a row or table the checks refuse (a replaced table
    /// that starts after [`FIRST_DATE`](super::FIRST_DATE) among them).
    ///
    /// ```
    /// use apart::law::{LawBook, Param};
    /// use time::macros::date;
    /// let mut book = LawBook::shared()?.clone();
    /// let changes = book.apply_file(r#"
    ///     verified_until = "2026-12-31"
    ///     [[tables]]
    ///     id = "smic_hourly"
    ///     [[tables.values]]
    ///     from = "2026-06-01"
    ///     value = "12.31"
    ///     source = { title = "Arrêté du 22 mai 2026" }
    /// "#)?;
    /// assert_eq!(changes.len(), 1);
    /// assert_eq!(book.lookup(Param::SmicHourly, date!(2026 - 07 - 01))?.value.to_string(), "12.31");
    /// assert_eq!(book.verified_until(), date!(2026 - 12 - 31));
    /// // A rate of -5 is refused, and nothing changes.
    /// let bad = "id = \"droit_commun_indemnity_rate\"\n[[values]]\nfrom = \"2026-01-01\"\nvalue = \"-5\"\nsource = { title = \"x\" }\n";
    /// assert_eq!(apart::Diagnostic::code(&book.apply_file(bad).unwrap_err()), "LAW_INVALID_OVERRIDE");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply_file(&mut self, text: &str) -> Result<Vec<FileChange>, LawError> {
        let invalid = |problem: LawProblem| LawError::InvalidFile {
            file: None,
            problem,
        };
        let document: toml::Table = LawProblem::parse(text).map_err(invalid)?;
        // Parsed again as the typed shape, so that errors keep their line.
        let file = if document.contains_key("id") {
            LawFile {
                verified_until: None,
                tables: vec![LawProblem::parse(text).map_err(invalid)?],
            }
        } else {
            LawProblem::parse(text).map_err(invalid)?
        };
        file.check_row_order()?;
        if file.tables.is_empty() && file.verified_until.is_none() {
            return Err(invalid(LawProblem::NoTable));
        }
        let mut book = self.clone();
        let mut changes = Vec::with_capacity(file.tables.len());
        for table in file.tables {
            let param: Param = table.id.parse()?;
            let rows = table.values.len();
            let replaced = table.replace;
            if replaced {
                let checked = book.checked_table(param, table)?;
                *book.table_mut(param)? = checked;
            } else {
                let builtin = book.table(param)?;
                if let Some(unit) = table.unit
                    && unit != builtin.unit
                {
                    return Err(LawError::InvalidOverride {
                        table: param.id(),
                        problem: LawProblem::OtherUnit {
                            given: unit,
                            builtin: builtin.unit,
                        },
                    });
                }
                for row in table.values {
                    book.upsert_row(param, row)?;
                }
                if let Some(until) = table.valid_until {
                    book.set_valid_until(param, until)?;
                } else if table.open_ended || table.ended {
                    book.table_mut(param)?.valid_until = None;
                }
            }
            changes.push(FileChange {
                param,
                rows,
                replaced,
            });
        }
        if let Some(until) = file.verified_until {
            book.set_tables_valid_until(until);
        }
        book.refresh();
        *self = book;
        Ok(changes)
    }

    /// The built-in book with a law file applied.
    ///
    /// # Errors
    ///
    /// As [`LawBook::apply_file`].
    pub fn with_file(text: &str) -> Result<LawBook, LawError> {
        let mut book = LawBook::shared()?.clone();
        book.apply_file(text)?;
        Ok(book)
    }
}
