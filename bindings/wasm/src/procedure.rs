//! The procedure (`apart::procedure`): DI codes, creating a DI against an authorised DA, and
//! the recaps (JSON with its hash, and HTML) of a DA or a DI.

use apart::calendar::Month;
use apart::indemnity::{EmployeeMonth, Options};
use apart::machine::Snapshot;
use apart::procedure::RecapKind;
use apart::procedure::da::DaMachine;
use apart::procedure::di::DiMachine;
use apart::procedure::recap::{Recap, RecapAmounts, RecapDocument, RecapWithClaim};
use apart::procedure::{DiCode, rules};
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::convert::{self, from_text, json_text, out, record, record_or_default, text};
use crate::error::{OrThrow, throw};
use crate::indemnity::LawBook;

/// The DI code in its canonical form (`DI000123`): spaces, NBSP and lower case allowed.
/// Throws a `ProcedureError`.
#[wasm_bindgen(js_name = parseDiCode)]
pub fn parse_di_code(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<String, JsValue> {
    Ok(DiCode::parse(&text(&input, "input")?)
        .or_throw()?
        .as_str()
        .to_owned())
}

/// Whether `input`, as typed, is the DI code `code`. Throws a `ProcedureError` for a bad
/// `code`.
#[wasm_bindgen(js_name = diCodeMatches)]
pub fn di_code_matches(
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<bool, JsValue> {
    let code = DiCode::parse(&text(&code, "code")?).or_throw()?;
    Ok(code.matches(&text(&input, "input")?))
}

/// An IBAN masked as a recap prints it (the last digits only).
#[wasm_bindgen(js_name = maskIban)]
pub fn mask_iban(
    #[wasm_bindgen(unchecked_param_type = "string")] iban: JsValue,
) -> Result<String, JsValue> {
    Ok(apart::procedure::recap::mask_iban(&text(&iban, "iban")?))
}

fn snapshot<M: apart::machine::Machine>(
    value: &JsValue,
    field: &str,
) -> Result<Snapshot<M>, JsValue> {
    let text = json_text(value, field)?;
    Snapshot::<M>::from_json(&text).or_throw()
}

/// A new DI (a snapshot of `apart.di`) for `month` (`YYYY-MM`) against the authorised DA
/// `da`, with its DI `code`; `existing` are the DA's other DIs. Throws a `ProcedureError`.
#[wasm_bindgen(js_name = createDi, unchecked_return_type = "MachineSnapshot")]
pub fn create_di(
    #[wasm_bindgen(unchecked_param_type = "MachineSnapshot")] da: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] month: JsValue,
    #[wasm_bindgen(unchecked_param_type = "MachineSnapshot[]")] existing: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Date")] now: JsValue,
) -> Result<JsValue, JsValue> {
    let da = snapshot::<DaMachine>(&da, "da")?;
    let code = DiCode::parse(&text(&code, "code")?).or_throw()?;
    let month: Month = text(&month, "month")?
        .parse::<Month>()
        .map_err(|e| e.with_field("month"))
        .or_throw()?;
    let existing: Vec<Snapshot<DiMachine>> =
        match convert::json(&existing, "existing").or_throw()? {
            Value::Null => Vec::new(),
            Value::Array(items) => items
                .iter()
                .map(|v| Snapshot::<DiMachine>::from_json(&v.to_string()))
                .collect::<Result<_, _>>()
                .or_throw()?,
            other => {
                return Err(crate::error::throw(&apart::value::ValueError::WrongType {
                    field: Some("existing".into()),
                    expected: apart::value::expected::AN_ARRAY.into(),
                    found: convert::kind(&other).into(),
                }));
            }
        };
    let now = convert::instant(&now, "now")?;
    let di =
        apart::procedure::di::DiMachine::create(&da, code, month, &existing, now).or_throw()?;
    from_text(&di.to_json())
}

fn kind(kind: &JsValue) -> Result<RecapKind, JsValue> {
    apart::value::from_json_value(Value::String(text(kind, "kind")?))
        .map_err(|e| e.with_field("kind"))
        .or_throw()
}

/// The recap of a DA or DI snapshot: `kind` is `da_submitted`, `da_decision`,
/// `di_submitted` or `di_validated`; `amounts` (the core's `RecapAmounts`) the DI's
/// computed amounts, if any. Gives the core's `RecapDocument`: `content`, `content_hash`,
/// `canonical_json` (the text whose SHA-256 is `content_hash`) and `html` (the printable page). Throws a `ProcedureError`
/// (`RECAP_NOT_AVAILABLE`) or a `MachineError` (a bad snapshot).
#[wasm_bindgen(unchecked_return_type = "Recap")]
pub fn recap(
    #[wasm_bindgen(unchecked_param_type = "MachineSnapshot")] snapshot: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] kind: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RecapAmounts")] amounts: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let amounts = amounts.unwrap_or_default();
    let text = json_text(&snapshot, "snapshot")?;
    let kind = self::kind(&kind)?;
    let amounts: Option<RecapAmounts> = if amounts.is_undefined() || amounts.is_null() {
        None
    } else {
        Some(record(&amounts)?)
    };
    let recap = Recap::from_snapshot_json(&text, kind, amounts.as_ref()).map_err(|e| throw(&e))?;
    out(&RecapDocument::from(&recap))
}

fn recap_with_claim(
    book: &apart::law::LawBook,
    di: &JsValue,
    kind: &JsValue,
    employees: &JsValue,
    options: &JsValue,
) -> Result<JsValue, JsValue> {
    let di = snapshot::<DiMachine>(di, "di")?;
    let kind = self::kind(kind)?;
    let employees: Vec<EmployeeMonth> = record(employees)?;
    let options: Options = record_or_default(options)?;
    out(&RecapWithClaim::of(&di, kind, book, &employees, &options).or_throw()?)
}

/// The recap of a DI with its amounts computed by the indemnity engine (embedded law) from
/// `employees` (one `EmployeeMonth` per line of the DI, in order): `{ recap, claim }`. Throws a
/// `ProcedureError` (`RECAP_CLAIM_MISMATCH` when the inputs do not match the lines). With a
/// caller's book: `book.recapOfDiWithClaim(…)`.
#[wasm_bindgen(
    js_name = recapOfDiWithClaim,
    unchecked_return_type = "{ recap: Recap; claim: ClaimOutcome }"
)]
pub fn recap_of_di_with_claim(
    #[wasm_bindgen(unchecked_param_type = "MachineSnapshot")] di: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "EmployeeMonth[]")] employees: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let book = apart::law::LawBook::shared().or_throw()?;
    recap_with_claim(book, &di, &kind, &employees, &options.unwrap_or_default())
}

#[wasm_bindgen]
impl LawBook {
    /// `recapOfDiWithClaim` with this book's parameters.
    #[wasm_bindgen(
        js_name = recapOfDiWithClaim,
        unchecked_return_type = "{ recap: Recap; claim: ClaimOutcome }"
    )]
    pub fn recap_of_di_with_claim(
        &self,
        #[wasm_bindgen(unchecked_param_type = "MachineSnapshot")] di: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] kind: JsValue,
        #[wasm_bindgen(unchecked_param_type = "EmployeeMonth[]")] employees: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        recap_with_claim(
            self.inner(),
            &di,
            &kind,
            &employees,
            &options.unwrap_or_default(),
        )
    }
}

// ---------------------------------------------------------------------------------------------
// The dated rules of the procedure, read from the law embedded in this release (a caller's
// book reaches the DA and DI deadlines through `Machine.withLaw`).

fn book() -> Result<&'static apart::law::LawBook, JsValue> {
    apart::law::LawBook::shared().or_throw()
}

fn motive(motive: &JsValue) -> Result<apart::procedure::Motive, JsValue> {
    text(motive, "motive")?
        .parse::<apart::procedure::Motive>()
        .map_err(|e| e.with_field("motive"))
        .or_throw()
}

/// The last day to file a DA for `motive` and a placement starting on `placement`. Throws a
/// `ProcedureError` when no rule covers the date.
#[wasm_bindgen(js_name = lastFilingDay)]
pub fn last_filing_day(
    #[wasm_bindgen(unchecked_param_type = "string")] motive: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Date")] placement: JsValue,
) -> Result<String, JsValue> {
    let motive = self::motive(&motive)?;
    let placement = convert::day(&placement, "placement")?;
    rules::last_filing_day(book()?, motive, placement)
        .map(apart::calendar::format_date)
        .or_throw()
}

/// The days allowed to file a DA after the placement, for `motive` (`null`: it must be filed
/// before). Throws a `ProcedureError`.
#[wasm_bindgen(js_name = lateFilingDays, unchecked_return_type = "number | null")]
pub fn late_filing_days(
    #[wasm_bindgen(unchecked_param_type = "string")] motive: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string | Date")] placement: JsValue,
) -> Result<JsValue, JsValue> {
    let motive = self::motive(&motive)?;
    let placement = convert::day(&placement, "placement")?;
    let days = rules::late_filing_days(book()?, motive, placement).or_throw()?;
    // `null` as in Node (wasm-bindgen writes a missing number as `undefined`).
    Ok(days.map_or(JsValue::NULL, |d| JsValue::from(u32::from(d))))
}

/// The last day to file the claims (DI) of an authorisation given on `authorisedOn` for a
/// period ending on `periodEnd`. Throws a `ProcedureError`.
#[wasm_bindgen(js_name = claimsLastDay)]
pub fn claims_last_day(
    #[wasm_bindgen(js_name = authorisedOn, unchecked_param_type = "string | Date")]
    authorised_on: JsValue,
    #[wasm_bindgen(js_name = periodEnd, unchecked_param_type = "string | Date")]
    period_end: JsValue,
) -> Result<String, JsValue> {
    let authorised_on = convert::day(&authorised_on, "authorisedOn")?;
    let period_end = convert::day(&period_end, "periodEnd")?;
    rules::claims_last_day(book()?, authorised_on, period_end)
        .map(apart::calendar::format_date)
        .or_throw()
}

/// The months allowed to file the claims after an authorisation given on `authorisedOn`.
/// Throws a `ProcedureError`.
#[wasm_bindgen(js_name = claimDeadlineMonths)]
pub fn claim_deadline_months(
    #[wasm_bindgen(js_name = authorisedOn, unchecked_param_type = "string | Date")]
    authorised_on: JsValue,
) -> Result<u32, JsValue> {
    let authorised_on = convert::day(&authorised_on, "authorisedOn")?;
    rules::claim_deadline_months(book()?, authorised_on)
        .map(u32::from)
        .or_throw()
}

/// The decision delay, in days, for a DA received on `receivedOn`. Throws a `ProcedureError`.
#[wasm_bindgen(js_name = decisionDelayDays)]
pub fn decision_delay_days(
    #[wasm_bindgen(js_name = receivedOn, unchecked_param_type = "string | Date")]
    received_on: JsValue,
) -> Result<u32, JsValue> {
    let received_on = convert::day(&received_on, "receivedOn")?;
    rules::decision_delay_days(book()?, received_on)
        .map(u32::from)
        .or_throw()
}

/// When a DA received at `receivedAt` is accepted by silence, and the delay in days:
/// `{ at, days }` (`at` in RFC 3339, in the offset of `receivedAt`). Throws a
/// `ProcedureError`.
#[wasm_bindgen(
    js_name = implicitAcceptanceAt,
    unchecked_return_type = "{ at: string; days: number }"
)]
pub fn implicit_acceptance_at(
    #[wasm_bindgen(js_name = receivedAt, unchecked_param_type = "string | Date")]
    received_at: JsValue,
) -> Result<JsValue, JsValue> {
    let received_at = convert::instant(&received_at, "receivedAt")?;
    let (at, days) = rules::implicit_acceptance_at(book()?, received_at).or_throw()?;
    out(&serde_json::json!({ "at": apart::calendar::format_instant(at), "days": days }))
}

/// The maximum duration of an authorisation for a DA received on `receivedOn` (the core's
/// `DurationLimit`). Throws a `ProcedureError`.
#[wasm_bindgen(js_name = maxDuration, unchecked_return_type = "DurationLimit")]
pub fn max_duration(
    #[wasm_bindgen(js_name = receivedOn, unchecked_param_type = "string | Date")]
    received_on: JsValue,
) -> Result<JsValue, JsValue> {
    let received_on = convert::day(&received_on, "receivedOn")?;
    out(&rules::max_duration(book()?, received_on).or_throw()?)
}

/// The annual quota of hours per employee for `year` (the core's `AnnualQuota`). Throws a
/// `ProcedureError`.
#[wasm_bindgen(js_name = annualQuota, unchecked_return_type = "AnnualQuota")]
pub fn annual_quota(
    #[wasm_bindgen(unchecked_param_type = "number")] year: JsValue,
) -> Result<JsValue, JsValue> {
    let year = convert::integer(&year, "year", i32::MIN, i32::MAX)?;
    out(&rules::annual_quota(book()?, year).or_throw()?)
}

/// The annual quota of hours per employee for `year` (`works`: the quota for modernisation
/// works), as a decimal string. Throws a `ProcedureError`.
#[wasm_bindgen(js_name = annualQuotaHours)]
pub fn annual_quota_hours(
    #[wasm_bindgen(unchecked_param_type = "number")] year: JsValue,
    #[wasm_bindgen(unchecked_param_type = "boolean")] works: JsValue,
) -> Result<String, JsValue> {
    let year = convert::integer(&year, "year", i32::MIN, i32::MAX)?;
    let works = convert::boolean(&works, "works")?;
    rules::annual_quota_hours(book()?, year, works)
        .map(|hours| hours.to_string())
        .or_throw()
}
