//! The indemnity and allocation engine (`apart::indemnity`) and the law book (`apart::law`).
//!
//! Inputs and outputs are the core's records in their JSON form (snake_case keys, as in
//! `tests/vectors/indemnity.json`): an `EmployeeMonth`, `Options`, an `Outcome` whose
//! `explanation` steps carry their French and English text and legal source, a
//! `ClaimOutcome`. Every value is parsed by the core, so a bad one is the core's error.

use apart::calendar::Month;
use apart::indemnity::{self as core, EmployeeMonth, Options};
use apart::law::{LawBook as CoreLawBook, Param, Row};
use apart::money::Euros;
use wasm_bindgen::prelude::*;

use crate::convert::{self, out, record, record_or_default, text};
use crate::error::OrThrow;

/// The legal parameters (SMIC, rates, floors, ceilings, quotas) as dated rows with their
/// sources. `new LawBook()` is the law embedded in this release; a caller adds a row (a decree
/// published after the release) or replaces a table, then computes with it
/// (`book.compute(…)`, `book.computeClaim(…)`, `book.contributions(…)`).
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct LawBook {
    inner: CoreLawBook,
}

impl LawBook {
    /// The core book (for the machines and the claims from CSV that read it).
    pub(crate) fn core(&self) -> &CoreLawBook {
        &self.inner
    }
}

fn shared() -> Result<&'static CoreLawBook, JsValue> {
    CoreLawBook::shared().or_throw()
}

fn param(value: &JsValue) -> Result<Param, JsValue> {
    text(value, "param")?.parse::<Param>().or_throw()
}

#[wasm_bindgen]
impl LawBook {
    /// The law embedded in this release. Throws a `LawError` if it does not load.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Result<LawBook, JsValue> {
        Ok(LawBook {
            inner: shared()?.clone(),
        })
    }

    /// The row of `param` (a table id such as `smic_hourly`) in force on `date`
    /// (`YYYY-MM-DD`). Throws a `LawError` (`LAW_UNKNOWN_PARAMETER`, `LAW_DATE_BEFORE_FIRST`…)
    /// or an `InputError` (`VALUE_INVALID_DATE`).
    #[wasm_bindgen(unchecked_return_type = "LawRow")]
    pub fn lookup(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] param: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
    ) -> Result<JsValue, JsValue> {
        let param = self::param(&param)?;
        let date = convert::date(&text(&date, "date")?, "date")?;
        out(self.inner.lookup(param, date).or_throw()?)
    }

    /// Adds or replaces the row of `param` that starts on `row.from` (the row as the law
    /// tables write it). Throws a `LawError` (unknown table, value out of the table's range)
    /// or an `InputError`.
    #[wasm_bindgen(js_name = upsertRow)]
    pub fn upsert_row(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] param: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LawRow")] row: JsValue,
    ) -> Result<(), JsValue> {
        let param = self::param(&param)?;
        let row: Row = record(&row)?;
        self.inner.upsert_row(param, row).or_throw()
    }

    /// Applies a law file (the built-in table format, the same file as `apart simulate --law
    /// FILE`): one table (`id` and `[[values]]`) or several under `[[tables]]`, with an
    /// optional `verified_until`. All of it or nothing; returns the ids of the tables changed.
    /// The file's `verified_until` vouches for **every** table of the book, not only those of
    /// the file (a floor decree may lag the SMIC by a month): to vouch for one table, give that
    /// table its own `valid_until`.
    #[wasm_bindgen(js_name = applyFile)]
    pub fn apply_file(
        &mut self,
        #[wasm_bindgen(js_name = text, unchecked_param_type = "string")] file: JsValue,
    ) -> Result<Vec<String>, JsValue> {
        let changes = self.inner.apply_file(&text(&file, "text")?).or_throw()?;
        Ok(changes.iter().map(|c| c.param.id().to_owned()).collect())
    }

    /// The last date every table is verified for (`YYYY-MM-DD`); later months compute with
    /// the values in force and a `LAW_BEYOND_VERIFIED_DATE` warning.
    #[wasm_bindgen(js_name = verifiedUntil)]
    pub fn verified_until(&self) -> String {
        apart::calendar::format_date(self.inner.verified_until())
    }

    /// Declares the table of `param` verified until `until` (later dates compute with the rows
    /// in force and a warning, or are refused with `strict_law_dates`).
    #[wasm_bindgen(js_name = setValidUntil)]
    pub fn set_valid_until(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] param: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] until: JsValue,
    ) -> Result<(), JsValue> {
        let param = self::param(&param)?;
        let until = convert::date(&text(&until, "until")?, "until")?;
        self.inner.set_valid_until(param, until).or_throw()
    }

    /// Replaces the table of `param` by one written in the embedded tables' TOML format.
    #[wasm_bindgen(js_name = replaceTable)]
    pub fn replace_table(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] param: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] toml: JsValue,
    ) -> Result<(), JsValue> {
        let param = self::param(&param)?;
        let toml = text(&toml, "toml")?;
        self.inner.replace_table(param, &toml).or_throw()
    }

    /// What the table checks find wrong (a table verified for less than this release, dates
    /// not increasing, values out of range): one `LawError` (`LAW_INVALID_DATA`, its
    /// `details.problem` saying which) per problem, returned rather than thrown; empty for a
    /// sound book.
    #[wasm_bindgen(unchecked_return_type = "Array<ApartError>")]
    pub fn problems(&self) -> Vec<JsValue> {
        self.inner
            .problems()
            .iter()
            .map(crate::error::throw)
            .collect()
    }

    /// Every table, each row with its start date, value, status and source.
    #[wasm_bindgen(unchecked_return_type = "Array<Record<string, unknown>>")]
    pub fn tables(&self) -> Result<JsValue, JsValue> {
        out(self.inner.tables())
    }
}

#[cfg(feature = "lifecycles")]
impl LawBook {
    /// The core's book.
    pub(crate) fn inner(&self) -> &CoreLawBook {
        &self.inner
    }
}

/// The computations with this book (the free functions use the embedded one).
#[wasm_bindgen]
impl LawBook {
    /// `compute` with this book's parameters.
    #[wasm_bindgen(js_name = compute, unchecked_return_type = "Outcome")]
    pub fn compute_with(
        &self,
        #[wasm_bindgen(unchecked_param_type = "EmployeeMonth")] input: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        compute_in(&self.inner, &input, &options.unwrap_or_default())
    }

    /// `computeClaim` with this book's parameters.
    #[wasm_bindgen(js_name = computeClaim, unchecked_return_type = "ClaimOutcome")]
    pub fn compute_claim_with(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] month: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EmployeeMonth[]")] employees: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        claim_in(
            &self.inner,
            &month,
            &employees,
            &options.unwrap_or_default(),
        )
    }

    /// `contributions` with this book's parameters.
    #[wasm_bindgen(js_name = contributions, unchecked_return_type = "Contributions")]
    pub fn contributions_with(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] territory: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] indemnity: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] net_pay_worked: JsValue,
    ) -> Result<JsValue, JsValue> {
        contributions_in(&self.inner, &date, &territory, &indemnity, &net_pay_worked)
    }
}

fn compute_in(book: &CoreLawBook, input: &JsValue, options: &JsValue) -> Result<JsValue, JsValue> {
    let input: EmployeeMonth = record(input)?;
    let options: Options = record_or_default(options)?;
    out(&core::compute(book, &input, &options).or_throw()?)
}

fn claim_in(
    book: &CoreLawBook,
    month: &JsValue,
    employees: &JsValue,
    options: &JsValue,
) -> Result<JsValue, JsValue> {
    let month: Month = text(month, "month")?
        .parse::<Month>()
        .map_err(|e| e.with_field("month"))
        .or_throw()?;
    // Each record read alone: an unreadable one is a refused line (as in Node and Python).
    let employees: Vec<serde_json::Value> = record(employees)?;
    let options: Options = record_or_default(options)?;
    let records = employees.into_iter().map(Ok);
    out(&core::compute_claim_of_values(
        book, month, records, &options,
    ))
}

fn contributions_in(
    book: &CoreLawBook,
    date: &JsValue,
    territory: &JsValue,
    indemnity: &JsValue,
    net_pay_worked: &JsValue,
) -> Result<JsValue, JsValue> {
    let date = convert::date(&text(date, "date")?, "date")?;
    let territory = text(territory, "territory")?.parse().or_throw()?;
    let indemnity: Euros = decimal(indemnity, "indemnity")?;
    let net: Euros = decimal(net_pay_worked, "net_pay_worked")?;
    out(&core::contributions(book, date, territory, indemnity, net).or_throw()?)
}

/// One employee-month with the embedded law: indemnity, allocation, rest payable, warnings
/// and (with `options.explain: 'on'`) the explanation steps in French and English with their
/// legal references. Throws an `InputError` (a bad record, naming the field), an
/// `IndemnityError` or a `LawError`. With a caller's book: `book.compute(input, options)`.
#[wasm_bindgen(unchecked_return_type = "Outcome")]
pub fn compute(
    #[wasm_bindgen(unchecked_param_type = "EmployeeMonth")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    compute_in(shared()?, &input, &options.unwrap_or_default())
}

/// A whole monthly claim with the embedded law: one line per employee (its outcome, or its
/// error: a refused line never stops the others) and the totals. Throws an `InputError` for a
/// bad month or record.
#[wasm_bindgen(js_name = computeClaim, unchecked_return_type = "ClaimOutcome")]
pub fn compute_claim(
    #[wasm_bindgen(unchecked_param_type = "string")] month: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EmployeeMonth[]")] employees: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    claim_in(shared()?, &month, &employees, &options.unwrap_or_default())
}

/// CSG, CRDS and the Alsace-Moselle levy on an indemnity paid on `date` (`YYYY-MM-DD`) in
/// `territory` (the core's spelling), with `indemnity` and `netPayWorked` decimals as strings.
#[wasm_bindgen(unchecked_return_type = "Contributions")]
pub fn contributions(
    #[wasm_bindgen(unchecked_param_type = "string")] date: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] territory: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] indemnity: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] net_pay_worked: JsValue,
) -> Result<JsValue, JsValue> {
    contributions_in(shared()?, &date, &territory, &indemnity, &net_pay_worked)
}

fn decimal<T: std::str::FromStr<Err = apart::value::ValueError>>(
    value: &JsValue,
    field: &str,
) -> Result<T, JsValue> {
    text(value, field)?
        .parse::<T>()
        .map_err(|e| e.with_field(field))
        .or_throw()
}

/// The spellings each option of an `EmployeeMonth` accepts (the canonical snake_case ones),
/// in the core's order: what a page lists in its selects.
#[wasm_bindgen(
    js_name = indemnityChoices,
    unchecked_return_type = "{ regime: string[]; category: string[]; territory: string[]; overtime: string[] }"
)]
pub fn indemnity_choices() -> Result<JsValue, JsValue> {
    fn names<T: Copy + std::fmt::Display>(all: &[T]) -> Vec<String> {
        all.iter().map(ToString::to_string).collect()
    }
    out(&serde_json::json!({
        "regime": names(core::Regime::ALL),
        "category": names(core::Category::ALL),
        "territory": names(core::PayTerritory::ALL),
        "overtime": names(core::Overtime::ALL),
    }))
}
