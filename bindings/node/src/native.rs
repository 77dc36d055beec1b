//! The native records (issue 15): `NativeEmployeeMonth`, an `EmployeeMonth` read once into the
//! core, and `NativeOutcome`, the `Outcome` its `compute()` keeps in the core. Each field is a
//! getter converting that field only when read (the names and values of the core's records, so
//! a new field needs no edit here); `get(name)` reads one by name, `toJSON()` gives the whole
//! record (the `Outcome` that `compute` returns).
//!
//! Both classes are plain JavaScript ([`NATIVE_RECORDS_JS`]) around an `External` that owns
//! the core's value ([`crate::handle`]), not napi-rs classes: napi-rs makes an instance from
//! Rust with a call back into the add-on, `napi_wrap` and a reference map entry, and checks the
//! class of `this` on every method call, which cost more than the computation itself
//! (`NativeEmployeeMonth.compute()` took 2.7 µs for 0.36 µs of computing). Their declarations
//! are in dts-header.d.ts.
//!
//! The native functions behind them take `External`s, which carry no Rust type: [`install`]
//! takes them out of the add-on's exports when it loads and keeps them in the closure of the
//! classes, whose private fields hold only what they made, so nothing else can reach them.

use apart::indemnity as core;
use apart::value::ValueError;
use napi::bindgen_prelude::{Function, Object, Unknown};
use napi::{Either, Env};
use napi_derive::napi;

use crate::error::OrThrow;
use crate::fast::ShortStr;
use crate::indemnity::{LawBook, book_or, options};
use crate::records;

/// The two classes, made once per environment from the add-on's exports: the functions named
/// `__employee*` and `__outcome*` are taken out of the exports, the classes put in.
pub(crate) const NATIVE_RECORDS_JS: &str = r#"(exports) => {
  const take = (name) => { const f = exports[name]; delete exports[name]; return f; };
  const employeeNew = take('__employeeNew'), employeeCompute = take('__employeeCompute');
  const employeeField = take('__employeeField'), employeeJson = take('__employeeJson');
  const employeeFields = take('__employeeFields')();
  const outcomeField = take('__outcomeField'), outcomeJson = take('__outcomeJson');
  const outcomeFields = take('__outcomeFields')();
  const key = Symbol('NativeOutcome');
  class NativeOutcome {
    #outcome;
    constructor(token, outcome) {
      if (token !== key) throw new TypeError('NativeOutcome has no constructor: NativeEmployeeMonth.compute() returns one');
      this.#outcome = outcome;
    }
    get(name) { return outcomeField(this.#outcome, name); }
    toJSON() { return outcomeJson(this.#outcome); }
    static {
      for (const name of outcomeFields) {
        Object.defineProperty(this.prototype, name, {
          get() { return outcomeField(this.#outcome, name); }, enumerable: true, configurable: true,
        });
      }
    }
  }
  class NativeEmployeeMonth {
    #record;
    constructor(record) { this.#record = employeeNew(record); }
    compute(options, law) { return new NativeOutcome(key, employeeCompute(this.#record, options, law)); }
    get(name) { return employeeField(this.#record, name); }
    toJSON() { return employeeJson(this.#record); }
    static {
      for (const name of employeeFields) {
        Object.defineProperty(this.prototype, name, {
          get() { return employeeField(this.#record, name); }, enumerable: true, configurable: true,
        });
      }
    }
  }
  exports.NativeEmployeeMonth = NativeEmployeeMonth;
  exports.NativeOutcome = NativeOutcome;
}"#;

/// Defines `NativeEmployeeMonth` and `NativeOutcome` ([`NATIVE_RECORDS_JS`]) in the add-on's
/// exports, taking the functions below out of them.
pub(crate) fn install(env: &Env, exports: &Object<'_>) -> napi::Result<()> {
    let install: Function<Object<'_>, ()> = env.run_script(NATIVE_RECORDS_JS)?;
    install.call(*exports)
}

/// `new NativeEmployeeMonth(record)`: reads `record` as `compute` does (the same errors).
#[napi(catch_unwind, js_name = "__employeeNew", skip_typescript)]
pub fn employee_new<'env>(env: &'env Env, record: Unknown<'_>) -> napi::Result<Unknown<'env>> {
    let record: core::EmployeeMonth = records::record(env, &record)?;
    crate::handle::new(env, record)
}

/// `NativeEmployeeMonth.compute(options, law)`: `compute(record, options, law)` of the record,
/// its outcome kept in the core.
#[napi(catch_unwind, js_name = "__employeeCompute", skip_typescript)]
#[allow(unsafe_code)]
pub fn employee_compute<'env>(
    env: &'env Env,
    record: Unknown<'_>,
    options: Option<Unknown<'_>>,
    law: Option<&LawBook>,
) -> napi::Result<Unknown<'env>> {
    let options = self::options(env, options)?;
    let outcome = core::compute(book_or(env, law)?, employee(&record)?, &options).or_throw(env)?;
    if owns_nothing(&outcome) {
        // SAFETY: checked just above.
        unsafe { crate::handle::new_bytes(env, &outcome) }
    } else {
        crate::handle::new(env, outcome)
    }
}

/// `NativeEmployeeMonth.get(name)` and its getters.
#[napi(catch_unwind, js_name = "__employeeField", skip_typescript)]
pub fn employee_field<'env>(
    env: &'env Env,
    record: Unknown<'_>,
    name: ShortStr,
) -> napi::Result<Field<'env>> {
    field(env, employee(&record)?, name.as_str())
}

/// `NativeEmployeeMonth.toJSON()`.
#[napi(catch_unwind, js_name = "__employeeJson", skip_typescript)]
pub fn employee_json<'env>(env: &'env Env, record: Unknown<'_>) -> napi::Result<Unknown<'env>> {
    records::to_js_record(env, employee(&record)?)
}

/// The names of the fields of `EmployeeMonth` (the getters of `NativeEmployeeMonth`).
#[napi(catch_unwind, js_name = "__employeeFields", skip_typescript)]
pub fn employee_fields() -> Vec<&'static str> {
    crate::pick::fields::<core::EmployeeMonth>().to_vec()
}

/// `NativeOutcome.get(name)` and its getters.
#[napi(catch_unwind, js_name = "__outcomeField", skip_typescript)]
pub fn outcome_field<'env>(
    env: &'env Env,
    outcome: Unknown<'_>,
    name: ShortStr,
) -> napi::Result<Field<'env>> {
    field(env, &*self::outcome(&outcome)?, name.as_str())
}

/// `NativeOutcome.toJSON()`: the whole `Outcome`, as `compute` returns it.
#[napi(catch_unwind, js_name = "__outcomeJson", skip_typescript)]
pub fn outcome_json<'env>(env: &'env Env, outcome: Unknown<'_>) -> napi::Result<Unknown<'env>> {
    records::to_js_record(env, &*self::outcome(&outcome)?)
}

/// The names of the fields of `Outcome` (the getters of `NativeOutcome`).
#[napi(catch_unwind, js_name = "__outcomeFields", skip_typescript)]
pub fn outcome_fields() -> Vec<&'static str> {
    crate::pick::fields::<core::Outcome>().to_vec()
}

/// The record in a `NativeEmployeeMonth`'s `External`.
fn employee<'a>(record: &Unknown<'a>) -> napi::Result<&'a core::EmployeeMonth> {
    crate::handle::get(record)
}

/// The outcome of a `NativeOutcome`: in its `External`, or a copy of the bytes of a string
/// made by `employee_compute` (on the stack for one call: boxing it would cost what the copy
/// saves).
#[allow(clippy::large_enum_variant)]
enum Outcome<'a> {
    Kept(&'a core::Outcome),
    Copied(std::mem::ManuallyDrop<core::Outcome>),
}

impl std::ops::Deref for Outcome<'_> {
    type Target = core::Outcome;
    fn deref(&self) -> &core::Outcome {
        match self {
            Outcome::Kept(o) => o,
            Outcome::Copied(o) => o,
        }
    }
}

/// The outcome in what a `NativeOutcome` holds (what `employee_compute` returned).
#[allow(unsafe_code)]
fn outcome<'a>(outcome: &Unknown<'a>) -> napi::Result<Outcome<'a>> {
    // SAFETY: only the class of NATIVE_RECORDS_JS reaches this function (the module's doc),
    // passing what `employee_compute` returned: a string of `new_bytes::<core::Outcome>` for an
    // outcome that owns nothing, else an `External`.
    Ok(
        match unsafe { crate::handle::read_bytes::<core::Outcome>(outcome) }? {
            Some(copy) => Outcome::Copied(copy),
            None => Outcome::Kept(crate::handle::get(outcome)?),
        },
    )
}

/// Whether `outcome` owns no memory, so that a copy of its bytes is an outcome as long as it
/// lives ([`crate::handle::new_bytes`]): every field is `Copy` (checked at compile time: a
/// field added to `Outcome` or `Contributions` fails to compile here until it is classed) or an
/// empty `Vec` with no allocation or `None`. The usual outcome (no employee id, no refused
/// hours, no warning, no explanation) does.
fn owns_nothing(outcome: &core::Outcome) -> bool {
    fn plain<T: Copy + 'static>(_: &T) {}
    let core::Outcome {
        employee,
        month,
        parameters_date,
        law_as_of,
        regime,
        rounding,
        smic_hourly,
        hourly_reference_raw,
        hourly_reference,
        indemnity_ceiling,
        allocation_ceiling,
        hourly_reference_capped,
        employee_hourly_indemnity,
        employer_hourly_allocation,
        hours_not_worked,
        hours_compensated,
        hours_refused,
        hours_allocated,
        employee_indemnity,
        rmm_complement,
        conventional_complement,
        conventional_complement_as_pay,
        employer_allocation,
        rest_payable_by_employer,
        contributions,
        warnings,
        explanation,
    } = outcome;
    plain(month);
    plain(parameters_date);
    plain(law_as_of);
    plain(regime);
    plain(rounding);
    plain(smic_hourly);
    plain(hourly_reference_raw);
    plain(hourly_reference);
    plain(indemnity_ceiling);
    plain(allocation_ceiling);
    plain(hourly_reference_capped);
    plain(employee_hourly_indemnity);
    plain(employer_hourly_allocation);
    plain(hours_not_worked);
    plain(hours_compensated);
    plain(hours_allocated);
    plain(employee_indemnity);
    plain(rmm_complement);
    plain(conventional_complement);
    plain(conventional_complement_as_pay);
    plain(employer_allocation);
    plain(rest_payable_by_employer);
    if let Some(core::Contributions {
        base,
        csg_deductible,
        csg_non_deductible,
        crds,
        alsace_moselle,
        before_ecretement,
        ecretement,
        total,
        net_indemnity,
    }) = contributions
    {
        plain(base);
        plain(csg_deductible);
        plain(csg_non_deductible);
        plain(crds);
        plain(alsace_moselle);
        plain(before_ecretement);
        plain(ecretement);
        plain(total);
        plain(net_indemnity);
    }
    employee.is_none()
        && hours_refused.capacity() == 0
        && warnings.capacity() == 0
        && explanation.capacity() == 0
}

/// A field of a native record: its value, or `undefined` when absent.
type Field<'env> = Either<Unknown<'env>, ()>;

/// The field `name` of `record`, or `VALUE_UNKNOWN_VARIANT` naming the fields.
fn field<'env, T: serde::Serialize + serde::de::DeserializeOwned>(
    env: &'env Env,
    record: &T,
    name: &str,
) -> napi::Result<Field<'env>> {
    match crate::pick::field(env, record, name) {
        Some(Some(value)) => Ok(Either::A(value?)),
        Some(None) => Ok(Either::B(())),
        None => Err(ValueError::unknown_variant(
            "field",
            name,
            crate::pick::fields::<T>(),
        ))
        .or_throw(env),
    }
}
