//! The procedure (`apart::procedure`): what surrounds the DA, DI and assistance machines
//! (which themselves are driven through `Machine`): creating a DI, the DI code, the recap
//! documents, the assistance form and the dated procedural rules.
//!
//! Records are in the core's JSON form, as for accounts.

use apart::procedure::{self as core, DiCode, assistance, recap, rules};
use napi::Env;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;
use serde_json::Value;

use crate::arg;
use crate::convert;
use crate::error::OrThrow;
use crate::indemnity::Law;
use crate::records::{date, record_value, snapshot, snapshots, to_js, to_json as js};

/// A DI code as the ASP writes it: normalised (spaces and separators removed). Throws a
/// `ProcedureError`.
#[napi(catch_unwind)]
pub fn parse_di_code(env: Env, input: arg::String) -> napi::Result<String> {
    DiCode::parse(&input)
        .map(|c| c.as_str().to_owned())
        .or_throw(&env)
}

/// Whether `input`, as typed, is the DI code `code`.
#[napi(catch_unwind)]
pub fn di_code_matches(env: Env, code: arg::String, input: arg::String) -> napi::Result<bool> {
    let code = DiCode::parse(&code).or_throw(&env)?;
    Ok(code.matches(&input))
}

/// A new DI (monthly claim) in Draft for `month` (`"YYYY-MM"`), from an authorised DA and the
/// DIs already created for it. Throws a `ProcedureError`.
#[napi(
    catch_unwind,
    ts_args_type = "da: MachineSnapshot, code: string, month: string, existing: Array<MachineSnapshot>, now: Date | number | string",
    ts_return_type = "MachineSnapshot"
)]
pub fn create_di(
    env: Env,
    da: arg::Value,
    code: arg::String,
    month: arg::String,
    existing: arg::Vec<arg::Value>,
    arg::Now(now): arg::Now,
) -> napi::Result<Value> {
    let da = snapshot::<core::da::DaMachine>(&env, &da)?;
    let code = DiCode::parse(&code).or_throw(&env)?;
    let month: apart::calendar::Month = month.parse().or_throw(&env)?;
    let existing = snapshots::<core::di::DiMachine>(&env, &existing)?;
    core::di::DiMachine::create(&da, code, month, &existing, now)
        .map(|s| s.to_value())
        .or_throw(&env)
}

fn kind(env: &Env, kind: arg::String) -> napi::Result<apart::procedure::RecapKind> {
    record_value(env, "kind", Value::String(kind.0))
}

/// The recap of a DA (`da_submitted` or `da_decision`). Throws a `ProcedureError` when the DA
/// is not in a state that has this recap.
#[napi(
    catch_unwind,
    ts_args_type = "da: MachineSnapshot, kind: 'da_submitted' | 'da_decision'",
    ts_return_type = "RecapDocument"
)]
pub fn recap_of_da<'env>(
    env: &'env Env,
    da: arg::Value,
    kind: arg::String,
) -> napi::Result<Unknown<'env>> {
    let da = snapshot::<core::da::DaMachine>(env, &da)?;
    let recap = recap::Recap::of_da(&da, self::kind(env, kind)?).or_throw(env)?;
    to_js(env, &recap::RecapDocument::from(&recap))
}

/// The recap of a DI (`di_submitted` or `di_validated`), with the amounts the snapshot does
/// not hold (the core's `RecapAmounts`: decimals as text or integers, the IBAN masked). Throws a
/// `ProcedureError`, or an `InputError` for a bad `amounts`.
#[napi(
    catch_unwind,
    ts_args_type = "di: MachineSnapshot, kind: 'di_submitted' | 'di_validated', amounts?: RecapAmounts | undefined | null",
    ts_return_type = "RecapDocument"
)]
pub fn recap_of_di<'env>(
    env: &'env Env,
    di: arg::Value,
    kind: arg::String,
    amounts: Option<Unknown<'_>>,
) -> napi::Result<Unknown<'env>> {
    let di = snapshot::<core::di::DiMachine>(env, &di)?;
    let kind = self::kind(env, kind)?;
    let amounts: Option<recap::RecapAmounts> =
        crate::records::optional_object(env, "amounts", amounts)?;
    let recap = recap::Recap::of_di(&di, kind, amounts.as_ref()).or_throw(env)?;
    to_js(env, &recap::RecapDocument::from(&recap))
}

/// The recap of a DI whose amounts come from the indemnity engine: one `EmployeeMonth` per DI
/// line, in order; returns the recap and the claim it shows. Throws a `ProcedureError`
/// (`RECAP_CLAIM_MISMATCH` when the inputs do not match the lines).
#[napi(
    catch_unwind,
    ts_args_type = "di: MachineSnapshot, kind: 'di_submitted' | 'di_validated', employees: Array<EmployeeMonth>, options?: Options | undefined | null, law?: LawBook | undefined | null",
    ts_return_type = "RecapWithClaim"
)]
pub fn recap_of_di_with_claim<'env>(
    env: &'env Env,
    di: arg::Value,
    kind: arg::String,
    employees: Unknown<'_>,
    options: Option<Unknown<'_>>,
    law: Law,
) -> napi::Result<Unknown<'env>> {
    let di = snapshot::<core::di::DiMachine>(env, &di)?;
    let kind = self::kind(env, kind)?;
    let employees: Vec<apart::indemnity::EmployeeMonth> = crate::records::record(env, &employees)?;
    let options = crate::indemnity::options(env, options)?;
    let both = recap::RecapWithClaim::of(&di, kind, law.0, &employees, &options);
    to_js(env, &both.or_throw(env)?)
}

/// An IBAN masked for display: every character but the last 4 as `*`, in groups of 4.
#[napi(catch_unwind)]
pub fn mask_iban(iban: arg::String) -> String {
    recap::mask_iban(&iban)
}

/// The motives of the assistance form, in its order (`{ code, label }`, the label in French).
#[napi(catch_unwind, ts_return_type = "Array<Choice>")]
pub fn assistance_motives() -> napi::Result<Value> {
    js(&core::assistance_motives())
}

/// The DA motives, in the extranet's order (`{ code, label }`, the label in French).
#[napi(catch_unwind, ts_return_type = "Array<Choice>")]
pub fn da_motives() -> napi::Result<Value> {
    js(&core::da_motives())
}

/// Every DA state, in the machine's order: its name, French label and whether DIs can be
/// created in it.
#[napi(catch_unwind, ts_return_type = "Array<DaStateInfo>")]
pub fn da_states() -> napi::Result<Value> {
    js(&core::da_states())
}

/// Every DI state, in the machine's order: its name, the extranet's status code and label, the
/// status an employer sees, and whether it counts as filed.
#[napi(catch_unwind, ts_return_type = "Array<DiStateInfo>")]
pub fn di_states() -> napi::Result<Value> {
    js(&core::di_states())
}

/// The assistance form pre-filled when another page hands over (a motive name or code, and the
/// SIRET typed there).
#[napi(catch_unwind, ts_return_type = "AssistanceForm")]
pub fn assistance_form_handed_over(
    motive: arg::String,
    siret: Option<arg::String>,
) -> napi::Result<Value> {
    js(&assistance::AssistanceForm::handed_over(
        &motive,
        siret.map(String::from),
    ))
}

/// Checks every field of the assistance form at once, with the security code. Returns the
/// request (canonical values). Throws a `FormError` listing every refused field.
#[napi(
    catch_unwind,
    ts_args_type = "form: AssistanceForm, humanCheck: HumanCheck",
    ts_return_type = "Record<string, unknown>"
)]
pub fn validate_assistance_form(
    env: Env,
    form: arg::Value,
    human_check: crate::forms::HumanCheck,
) -> napi::Result<Value> {
    let form: assistance::AssistanceForm = record_value(&env, "form", form.0)?;
    let check = crate::forms::human_check(&env, human_check)?;
    js(&form.validate(&check).or_throw(&env)?)
}

/// The dated rules of the procedure (`apart::procedure::rules`, the function of the same name),
/// each reading the optional `law` (the law embedded in this release when absent). Each
/// argument is read by its kind (a `Day` by [`date`], a `String` as the core's `Motive`, a
/// `Number` as a year from 1 to 9999, a `Flag` as is), named in errors as JavaScript names it;
/// `|v| out` converts the result.
macro_rules! dated_rules {
    ($(
        [$($doc:tt),*] $name:ident($($arg:ident $js:tt: $kind:ident),*) -> $ret:ty,
        $ts_args:tt -> $ts_ret:tt, |$v:ident| $out:expr;
    )*) => {$(
        $(#[doc = $doc])*
        #[napi(catch_unwind, ts_args_type = $ts_args, ts_return_type = $ts_ret)]
        pub fn $name(env: Env, $($arg: arg::$kind,)* law: Law) -> napi::Result<$ret> {
            let $v = rules::$name(law.0, $(dated_rules!(@read env, $arg, $js, $kind)),*)
                .or_throw(&env)?;
            Ok($out)
        }
    )*};
    (@read $env:ident, $arg:ident, $js:tt, Day) => { date(&$env, $js, $arg)? };
    (@read $env:ident, $arg:ident, $js:tt, String) => {
        record_value::<core::Motive>(&$env, $js, Value::String($arg.0))?
    };
    (@read $env:ident, $arg:ident, $js:tt, Number) => {{
        let year = apart::float::whole($arg.0, 1, 9999)
            .map_err(|e| e.with_field($js))
            .or_throw(&$env)?;
        i32::try_from(year).unwrap_or(i32::MAX)
    }};
    (@read $env:ident, $arg:ident, $js:tt, Flag) => { $arg.0 };
}

dated_rules! {
    ["The last day to file a DA for `motive` and a placement starting on `placement`. Throws a",
     "`ProcedureError` when no rule covers the date."]
    last_filing_day(motive "motive": String, placement "placement": Day) -> String,
    "motive: string, placement: string | Date | number, law?: LawBook | undefined | null"
        -> "string", |d| d.to_string();

    ["The last day to file claims (DI) for an authorisation given on `authorisedOn` whose",
     "period ends on `periodEnd`."]
    claims_last_day(authorised_on "authorisedOn": Day, period_end "periodEnd": Day) -> String,
    "authorisedOn: string | Date | number, periodEnd: string | Date | number, law?: LawBook | undefined | null"
        -> "string", |d| d.to_string();

    ["The annual quota of hours per employee for `year` (`works`: whether the establishment's",
     "work is being modernised, the higher quota), as a decimal string."]
    annual_quota_hours(year "year": Number, works "works": Flag) -> String,
    "year: number, works: boolean, law?: LawBook | undefined | null" -> "string", |h| h.to_string();

    ["The decision delay, in days, for a DA received on `receivedOn`. Throws a `ProcedureError`."]
    decision_delay_days(received_on "receivedOn": Day) -> u32,
    "receivedOn: string | Date | number, law?: LawBook | undefined | null"
        -> "number", |d| d.into();

    ["The days allowed to file a DA after the placement, for `motive` (`null`: it must be",
     "filed before). Throws a `ProcedureError`."]
    late_filing_days(motive "motive": String, placement "placement": Day) -> Option<u32>,
    "motive: string, placement: string | Date | number, law?: LawBook | undefined | null"
        -> "number | null", |d| d.map(u32::from);

    ["The maximum duration of an authorisation for a DA received on `receivedOn` (the core's",
     "`DurationLimit`: `months`, `disaster_months`, `cumulative` or `null`)."]
    max_duration(received_on "receivedOn": Day) -> Value,
    "receivedOn: string | Date | number, law?: LawBook | undefined | null"
        -> "DurationLimit", |l| js(&l)?;

    ["The months allowed to file the claims after an authorisation given on `authorisedOn`."]
    claim_deadline_months(authorised_on "authorisedOn": Day) -> u32,
    "authorisedOn: string | Date | number, law?: LawBook | undefined | null"
        -> "number", |m| m.into();

    ["The annual quota of hours per employee for `year` (the core's `AnnualQuota`: `hours`,",
     "`works_hours`)."]
    annual_quota(year "year": Number) -> Value,
    "year: number, law?: LawBook | undefined | null" -> "AnnualQuota", |q| js(&q)?;
}

/// When a DA received at `receivedAt` is accepted by silence, and the delay in days. Throws a
/// `ProcedureError`.
#[napi(
    catch_unwind,
    ts_args_type = "receivedAt: Date | number | string, law?: LawBook | undefined | null",
    ts_return_type = "ImplicitAcceptance"
)]
pub fn implicit_acceptance_at<'env>(
    env: &'env Env,
    received_at: arg::Instant,
    law: Law,
) -> napi::Result<Unknown<'env>> {
    let received_at = convert::instant("receivedAt", received_at).or_throw(env)?;
    to_js(
        env,
        &rules::ImplicitAcceptance::of(law.0, received_at).or_throw(env)?,
    )
}
