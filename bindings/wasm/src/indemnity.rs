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

use crate::convert::{self, out, record, record_or_default};
use crate::error::OrThrow;

/// The legal parameters (SMIC, rates, floors, ceilings, quotas) as dated rows with their
/// sources. `new LawBook()` is the law embedded in this release; a caller adds a row (a decree
/// published after the release) or replaces a table, and passes the book to `compute`,
/// `computeClaim` and `contributions`.
#[wasm_bindgen]
#[derive(Debug, Clone)]
pub struct LawBook {
    inner: CoreLawBook,
}

fn shared() -> Result<&'static CoreLawBook, JsValue> {
    CoreLawBook::shared().or_throw()
}

fn param(text: &str) -> Result<Param, JsValue> {
    text.parse::<Param>().or_throw()
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
    pub fn lookup(&self, param: &str, date: &str) -> Result<JsValue, JsValue> {
        let param = self::param(param)?;
        let date = convert::date(date, "date")?;
        out(self.inner.lookup(param, date).or_throw()?)
    }

    /// Adds or replaces the row of `param` that starts on `row.from` (the row as the law
    /// tables write it). Throws a `LawError` (unknown table, value out of the table's range)
    /// or an `InputError`.
    #[wasm_bindgen(js_name = upsertRow)]
    pub fn upsert_row(
        &mut self,
        param: &str,
        #[wasm_bindgen(unchecked_param_type = "LawRow")] row: JsValue,
    ) -> Result<(), JsValue> {
        let param = self::param(param)?;
        let row: Row = record(&row)?;
        self.inner.upsert_row(param, row).or_throw()
    }

    /// Declares the table of `param` valid until `until` (lookups after it are refused).
    #[wasm_bindgen(js_name = setValidUntil)]
    pub fn set_valid_until(&mut self, param: &str, until: &str) -> Result<(), JsValue> {
        let param = self::param(param)?;
        let until = convert::date(until, "until")?;
        self.inner.set_valid_until(param, until).or_throw()
    }

    /// Replaces the table of `param` by one written in the embedded tables' TOML format.
    #[wasm_bindgen(js_name = replaceTable)]
    pub fn replace_table(&mut self, param: &str, toml: &str) -> Result<(), JsValue> {
        let param = self::param(param)?;
        self.inner.replace_table(param, toml).or_throw()
    }

    /// What the table checks find wrong (dates not increasing, gaps, values out of range):
    /// empty for a sound book.
    pub fn problems(&self) -> Vec<String> {
        self.inner.problems()
    }

    /// Every table, each row with its start date, value, status and source.
    #[wasm_bindgen(unchecked_return_type = "Array<Record<string, unknown>>")]
    pub fn tables(&self) -> Result<JsValue, JsValue> {
        out(self.inner.tables())
    }
}

impl LawBook {
    /// The core's book.
    pub(crate) fn inner(&self) -> &CoreLawBook {
        &self.inner
    }
}

fn book_or(law: Option<&LawBook>) -> Result<&CoreLawBook, JsValue> {
    match law {
        Some(l) => Ok(&l.inner),
        None => shared(),
    }
}

/// One employee-month: indemnity, allocation, rest payable, warnings and (unless
/// `options.explain` is `off`) the explanation steps in French and English with their legal
/// references. `law` defaults to the embedded book. Throws an `InputError` (a bad record,
/// naming the field), an `IndemnityError` or a `LawError`.
#[wasm_bindgen(unchecked_return_type = "Outcome")]
pub fn compute(
    #[wasm_bindgen(unchecked_param_type = "EmployeeMonth")] input: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
    law: Option<LawBook>,
) -> Result<JsValue, JsValue> {
    let input: EmployeeMonth = record(&input)?;
    let options: Options = record_or_default(&options)?;
    let outcome = core::compute(book_or(law.as_ref())?, &input, &options).or_throw()?;
    out(&outcome)
}

/// A whole monthly claim: one line per employee (its outcome, or its error: a refused line
/// never stops the others) and the totals. Throws an `InputError` for a bad month or record.
#[wasm_bindgen(js_name = computeClaim, unchecked_return_type = "ClaimOutcome")]
pub fn compute_claim(
    month: &str,
    #[wasm_bindgen(unchecked_param_type = "EmployeeMonth[]")] employees: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Options")] options: JsValue,
    law: Option<LawBook>,
) -> Result<JsValue, JsValue> {
    let month: Month = month
        .parse::<Month>()
        .map_err(|e| e.with_field("month"))
        .or_throw()?;
    let employees: Vec<EmployeeMonth> = record(&employees)?;
    let options: Options = record_or_default(&options)?;
    let claim = core::compute_claim(book_or(law.as_ref())?, month, &employees, &options);
    out(&claim)
}

/// CSG, CRDS and the Alsace-Moselle levy on an indemnity paid on `date` (`YYYY-MM-DD`) in
/// `territory` (the core's `PayTerritory` spelling), with `indemnity` and `netPayWorked`
/// decimals as strings.
#[wasm_bindgen(unchecked_return_type = "Contributions")]
pub fn contributions(
    date: &str,
    territory: &str,
    indemnity: &str,
    net_pay_worked: &str,
    law: Option<LawBook>,
) -> Result<JsValue, JsValue> {
    let date = convert::date(date, "date")?;
    let territory = territory.parse().or_throw()?;
    let indemnity: Euros = decimal(indemnity, "indemnity")?;
    let net: Euros = decimal(net_pay_worked, "net_pay_worked")?;
    let c = core::contributions(book_or(law.as_ref())?, date, territory, indemnity, net).or_throw()?;
    out(&c)
}

fn decimal<T: std::str::FromStr<Err = apart::value::ValueError>>(
    text: &str,
    field: &str,
) -> Result<T, JsValue> {
    text.parse::<T>().map_err(|e| e.with_field(field)).or_throw()
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
        "territory": names(core::Territory::ALL),
        "overtime": names(core::Overtime::ALL),
    }))
}
