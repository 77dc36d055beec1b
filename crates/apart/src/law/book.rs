//! [`LawBook`]: every table, built in or supplied by the caller, and the lookups.

use std::sync::OnceLock;

use time::Date;

use super::error::LawError;
use super::problem::LawProblem;
use super::table::{InForce, Row, Table, TableFile, Value};
use super::{LAST_KNOWN_DATE, Param};

/// Every parameter table, built in or supplied by the caller.
///
/// Invariant: holds exactly one table per [`Param`], in [`Param::ALL`] order; every row of
/// every table passes [`Row::problem`] and dates strictly increase (caller data is checked
/// when added, so no caller number can make a computation panic or go negative);
/// `verified_until` is the earliest `valid_until` of the tables.
///
/// Parse the built-in book once ([`LawBook::shared`]) and clone it to add rows: lookups are a
/// binary search over a dozen rows and never allocate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LawBook {
    tables: Vec<Table>,
    verified_until: Date,
}

impl LawBook {
    /// The tables embedded in this release, parsed anew (prefer [`LawBook::shared`]).
    ///
    /// # Errors
    ///
    /// [`LawError::InvalidData`] if an embedded file does not parse: impossible for a released
    /// build, since the table test parses every file.
    ///
    /// ```
    /// use apart::law::{LawBook, Param};
    /// let book = LawBook::builtin()?;
    /// assert_eq!(book.tables().len(), Param::ALL.len());
    /// assert!(book.problems().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builtin() -> Result<LawBook, LawError> {
        Self::parse_builtin()
    }

    /// The built-in book, parsed once per process and shared. Immutable; a caller who adds
    /// rows clones it (`LawBook::shared()?.clone()`) and passes its own book where an API
    /// takes a `&LawBook`.
    ///
    /// # Errors
    ///
    /// As [`LawBook::builtin`] (impossible for a released build); the error is kept and
    /// returned again on every call, never a panic.
    ///
    /// ```
    /// use apart::law::{LawBook, Param};
    /// use time::macros::date;
    /// let book = LawBook::shared()?;
    /// assert!(std::ptr::eq(book, LawBook::shared()?));
    /// let quota = book.lookup(Param::AnnualQuotaHours, date!(2021 - 01 - 01))?;
    /// assert_eq!(quota.value.to_string(), "1607");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn shared() -> Result<&'static LawBook, LawError> {
        static SHARED: OnceLock<Result<LawBook, LawError>> = OnceLock::new();
        SHARED
            .get_or_init(Self::parse_builtin)
            .as_ref()
            .map_err(Clone::clone)
    }

    fn parse_builtin() -> Result<LawBook, LawError> {
        let mut tables = Vec::with_capacity(Param::ALL.len());
        for &param in Param::ALL {
            tables.push(Self::parse_table(param, param.embedded())?);
        }
        Ok(Self::from_tables(tables))
    }

    fn from_tables(tables: Vec<Table>) -> LawBook {
        let mut book = LawBook {
            tables,
            verified_until: LAST_KNOWN_DATE,
        };
        book.refresh();
        book
    }

    /// Recomputes the cached verified date after a change.
    pub(super) fn refresh(&mut self) {
        self.verified_until = self
            .tables
            .iter()
            .filter_map(|t| t.valid_until)
            .min()
            .unwrap_or(LAST_KNOWN_DATE);
    }

    /// Parses one table from TOML text in the data-file format (see the module's *Data
    /// origin*): `unit` is required, every row is checked.
    ///
    /// # Errors
    ///
    /// [`LawError::InvalidData`] when the text does not parse, names another table, has no
    /// unit, its dates are not strictly increasing, a value is out of the unit's range or a
    /// row has no source.
    ///
    /// ```
    /// use apart::law::{LawBook, Param};
    /// let text = "id = \"crds_rate\"\nunit = \"fraction\"\ndescription = \"CRDS\"\n\
    ///             [[values]]\nfrom = \"2020-03-01\"\nvalue = \"-5\"\nsource = { title = \"x\" }\n";
    /// assert!(LawBook::parse_table(Param::CrdsRate, text).is_err());
    /// ```
    pub fn parse_table(param: Param, text: &str) -> Result<Table, LawError> {
        let invalid = |problem: LawProblem| LawError::InvalidData {
            table: param.id(),
            problem,
        };
        let file: TableFile = LawProblem::parse(text).map_err(invalid)?;
        let unit = file.unit.ok_or_else(|| invalid(LawProblem::NoUnit))?;
        let table = Self::table_from_file(param, file, unit, String::new()).map_err(invalid)?;
        Ok(table)
    }

    /// Builds a table from a parsed file, checking its id and rows (the caller wraps the
    /// problem in its own error).
    pub(super) fn table_from_file(
        param: Param,
        file: TableFile,
        unit: super::Unit,
        default_description: String,
    ) -> Result<Table, LawProblem> {
        if file.id != param.id() {
            return Err(LawProblem::OtherTable {
                named: super::error::quote(&file.id),
            });
        }
        let valid_until = if file.ended || file.open_ended {
            None
        } else {
            Some(file.valid_until.unwrap_or(LAST_KNOWN_DATE))
        };
        let table = Table {
            param,
            unit,
            description: file.description.unwrap_or(default_description),
            values: file.values,
            valid_until,
        };
        match table.row_problems().into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(table),
        }
    }

    /// The table of `param`.
    ///
    /// # Errors
    ///
    /// [`LawError::UnknownParam`] cannot happen for a book built by this module (invariant);
    /// it is returned rather than panicking.
    pub fn table(&self, param: Param) -> Result<&Table, LawError> {
        // Param::ALL order is the storage order: direct access, checked.
        self.tables
            .get(param as usize)
            .filter(|t| t.param == param)
            .or_else(|| self.tables.iter().find(|t| t.param == param))
            .ok_or_else(|| LawError::UnknownParam {
                name: param.id().to_owned(),
            })
    }

    /// Every table, in [`Param::ALL`] order.
    pub fn tables(&self) -> &[Table] {
        &self.tables
    }

    /// The last date every table of the book is verified for: the built-in data's
    /// [`LAST_KNOWN_DATE`] unless the caller vouched for later ones. A month after it still
    /// computes with the rows in force, and says so.
    ///
    /// ```
    /// use apart::law::{LawBook, LAST_KNOWN_DATE};
    /// assert_eq!(LawBook::shared()?.verified_until(), LAST_KNOWN_DATE);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn verified_until(&self) -> Date {
        self.verified_until
    }

    /// The row of `param` in force on `date` (the date of the hours not worked), strictly.
    ///
    /// # Errors
    ///
    /// See [`Table::at`]: before the first row, after the verified date, an `unknown` row.
    ///
    /// ```
    /// use apart::law::{LawBook, Param, Value};
    /// use time::macros::date;
    /// let book = LawBook::builtin()?;
    /// // The applied calendar: 52 % in June 2021, not the postponed 36 % of the legal texts.
    /// let row = book.lookup(Param::DroitCommunAllocationRate, date!(2021 - 06 - 15))?;
    /// assert_eq!(row.value, Value::Known("0.52".parse()?));
    /// assert!(book.lookup(Param::DroitCommunAllocationRate, date!(2020 - 02 - 29)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn lookup(&self, param: Param, date: Date) -> Result<&Row, LawError> {
        self.table(param)?.at(date)
    }

    /// The row of `param` in force on `date`, whatever its value, also after the verified
    /// date (values stay in force until a text changes them): see [`Table::in_force`].
    ///
    /// # Errors
    ///
    /// [`LawError::BeforeFirstRow`] before the table's first row.
    #[inline]
    pub fn in_force(&self, param: Param, date: Date) -> Result<InForce<'_>, LawError> {
        self.table(param)?.in_force(date)
    }

    /// Adds a row, or replaces the row with the same `from` date (a decree published after
    /// this release, or a correction). The row has the shape of the data files.
    ///
    /// The table's verified date is not extended: call [`LawBook::set_valid_until`] to vouch
    /// for a later period.
    ///
    /// # Errors
    ///
    /// [`LawError::InvalidOverride`] when the value is outside the unit's range or not whole
    /// in a unit counted whole, the row has no source, or it says `none` in a table that has no
    /// `none` row (a SMIC, a rate or a delay always applies).
    ///
    /// ```
    /// use apart::law::{LawBook, Param, Row, Value};
    /// use time::macros::date;
    ///
    /// let mut book = LawBook::shared()?.clone();
    /// book.upsert_row(Param::SmicHourly, Row::new(date!(2026 - 06 - 01), Value::Known("12.31".parse()?), "Arrêté du 22 mai 2026"))?;
    /// book.set_valid_until(Param::SmicHourly, date!(2026 - 12 - 31))?;
    /// let row = book.lookup(Param::SmicHourly, date!(2026 - 07 - 01))?;
    /// assert_eq!(row.value.to_string(), "12.31");
    /// // Out of range for euros per hour:
    /// assert!(book.upsert_row(Param::SmicHourly, Row::new(date!(2026 - 08 - 01), Value::Known("1231".parse()?), "typo")).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn upsert_row(&mut self, param: Param, row: Row) -> Result<(), LawError> {
        let table = self.table_mut(param)?;
        let problem = row.problem(table.unit).or_else(|| {
            (row.value == Value::NotApplicable && !table.has_not_applicable_row())
                .then_some(LawProblem::NotApplicableRefused { from: row.from })
        });
        if let Some(problem) = problem {
            return Err(LawError::InvalidOverride {
                table: param.id(),
                problem,
            });
        }
        match table.values.binary_search_by(|r| r.from.cmp(&row.from)) {
            Ok(i) => {
                if let Some(slot) = table.values.get_mut(i) {
                    *slot = row;
                }
            }
            Err(i) => table.values.insert(i, row),
        }
        Ok(())
    }

    /// Declares that `param`'s rows are verified until `until` (the caller vouches for the
    /// period after [`LAST_KNOWN_DATE`]); results for later dates carry a warning.
    ///
    /// # Errors
    ///
    /// Cannot fail for a built-in parameter; returns [`LawError::UnknownParam`] otherwise.
    pub fn set_valid_until(&mut self, param: Param, until: Date) -> Result<(), LawError> {
        let table = self.table_mut(param)?;
        table.valid_until = Some(until);
        self.refresh();
        Ok(())
    }

    /// Replaces a whole table with one written in the data-file format. The built-in unit is
    /// kept (`unit` may be left out; another unit is refused) and every row is checked.
    ///
    /// # Errors
    ///
    /// [`LawError::InvalidOverride`] when the text does not parse, names another table,
    /// gives another unit, has no row or a first row after [`FIRST_DATE`](super::FIRST_DATE)
    /// (write an `unknown` or `none` row for the dates not known), or a row is out of range,
    /// without a source, or out of order.
    pub fn replace_table(&mut self, param: Param, toml_text: &str) -> Result<(), LawError> {
        let file: TableFile =
            LawProblem::parse(toml_text).map_err(|problem| LawError::InvalidOverride {
                table: param.id(),
                problem,
            })?;
        let table = self.checked_table(param, file)?;
        *self.table_mut(param)? = table;
        self.refresh();
        Ok(())
    }

    /// A caller's table, checked against the built-in one (its unit and description kept).
    ///
    /// A whole table must cover every date the built-in one does, like the built-in data: rows
    /// from [`FIRST_DATE`](super::FIRST_DATE) (an `unknown` or `none` row says what the caller
    /// does not know). Otherwise a table replacing the built-in one from, say, 2021 would drop
    /// the 2020 rows unnoticed, and [`LawBook::problems`] would list a table the book accepted.
    pub(super) fn checked_table(&self, param: Param, file: TableFile) -> Result<Table, LawError> {
        let builtin = self.table(param)?;
        let refuse = |problem: LawProblem| LawError::InvalidOverride {
            table: param.id(),
            problem,
        };
        if let Some(unit) = file.unit
            && unit != builtin.unit
        {
            return Err(refuse(LawProblem::OtherUnit {
                given: unit,
                builtin: builtin.unit,
            }));
        }
        match file.values.first() {
            None => return Err(refuse(LawProblem::NoRows)),
            Some(first) if first.from > super::FIRST_DATE => {
                return Err(refuse(LawProblem::StartsLate { first: first.from }));
            }
            Some(_) => {}
        }
        if !builtin.has_not_applicable_row()
            && let Some(row) = file.values.iter().find(|r| r.value == Value::NotApplicable)
        {
            return Err(refuse(LawProblem::NotApplicableRefused { from: row.from }));
        }
        Self::table_from_file(param, file, builtin.unit, builtin.description.clone())
            .map_err(refuse)
    }

    /// The problems of every table (see [`Table::problems`]); empty when the book is sound.
    pub fn problems(&self) -> Vec<LawError> {
        self.tables.iter().flat_map(Table::problems).collect()
    }

    pub(super) fn table_mut(&mut self, param: Param) -> Result<&mut Table, LawError> {
        self.tables
            .iter_mut()
            .find(|t| t.param == param)
            .ok_or_else(|| LawError::UnknownParam {
                name: param.id().to_owned(),
            })
    }

    pub(super) fn set_tables_valid_until(&mut self, until: Date) {
        for table in &mut self.tables {
            if table.valid_until.is_some() {
                table.valid_until = Some(until);
            }
        }
        self.refresh();
    }
}
