//! The native records (issue 15): `NativeEmployeeMonth`, an `EmployeeMonth` read once into the
//! core, and `NativeOutcome`, the `Outcome` its `compute()` keeps in the core. Each field is a
//! getter converting that field only when read (the names and values of the core's records, so
//! a new field needs no edit here); `get(name)` reads one by name, `toJSON()` gives the whole
//! record (the `Outcome` that `compute` returns).
//!
//! Both classes are plain JavaScript ([`NATIVE_RECORDS_JS`], declared in dts-header.d.ts)
//! around an `External` owning the core's value ([`crate::handle`]): a napi-rs class cost more
//! than the computation (`compute()` took 2.7 µs for 0.36 µs of computing). The functions
//! behind them take `External`s, which carry no Rust type: [`install`] takes them out of the
//! exports into the classes' closure, so that nothing else can reach them.

use apart::indemnity as core;
use apart::value::ValueError;
use napi::bindgen_prelude::{Function, Object, Unknown};
use napi::{Either, Env};
use napi_derive::napi;

use crate::error::OrThrow;
use crate::fast::ShortStr;
use crate::indemnity::{Law, options};
use crate::{handle, records};

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
  // `compute(new NativeEmployeeMonth(r))`: the record is already read (its TypeScript type is
  // an `EmployeeMonth` too), so its own `compute` gives the same `Outcome`.
  const compute = exports.compute;
  exports.compute = function compute_(input, options, law) {
    return input instanceof NativeEmployeeMonth
      ? input.compute(options, law).toJSON()
      : compute(input, options, law);
  };
  Object.defineProperty(exports.compute, 'name', { value: 'compute' });
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
pub fn employee_compute<'env>(
    env: &'env Env,
    record: Unknown<'_>,
    options: Option<Unknown<'_>>,
    law: Law,
) -> napi::Result<Unknown<'env>> {
    let options = self::options(env, options)?;
    let outcome = core::compute(
        law.0,
        handle::get::<core::EmployeeMonth>(&record)?,
        &options,
    )
    .or_throw(env)?;
    crate::handle::new(env, outcome)
}

/// The functions behind `get(name)` and the getters, `toJSON()` and the list of getters of the
/// native record of each core type (`__employeeField`, `__employeeJson`, `__employeeFields`…).
macro_rules! native_fields {
    ($($t:ty: $field:ident $field_js:tt, $json:ident $json_js:tt, $names:ident $names_js:tt;)*) => {$(
        #[napi(catch_unwind, js_name = $field_js, skip_typescript)]
        pub fn $field<'env>(env: &'env Env, record: Unknown<'_>, name: ShortStr) -> napi::Result<Field<'env>> {
            field(env, handle::get::<$t>(&record)?, name.as_str())
        }

        #[napi(catch_unwind, js_name = $json_js, skip_typescript)]
        pub fn $json<'env>(env: &'env Env, record: Unknown<'_>) -> napi::Result<Unknown<'env>> {
            records::to_js_record(env, handle::get::<$t>(&record)?)
        }

        #[napi(catch_unwind, js_name = $names_js, skip_typescript)]
        pub fn $names() -> Vec<&'static str> {
            apart::fields::names::<$t>().to_vec()
        }
    )*};
}

native_fields! {
    core::EmployeeMonth: employee_field "__employeeField", employee_json "__employeeJson",
        employee_fields "__employeeFields";
    core::Outcome: outcome_field "__outcomeField", outcome_json "__outcomeJson",
        outcome_fields "__outcomeFields";
}

/// A field of a native record: its value, or `undefined` when absent.
type Field<'env> = Either<Unknown<'env>, ()>;

/// The field `name` of `record`, or `VALUE_UNKNOWN_VARIANT` naming the fields.
fn field<'env, T: serde::Serialize + serde::de::DeserializeOwned>(
    env: &'env Env,
    record: &T,
    name: &str,
) -> napi::Result<Field<'env>> {
    match apart::fields::find(record, name, ToJs(env)) {
        Some(Some(value)) => Ok(Either::A(value?)),
        Some(None) => Ok(Either::B(())),
        None => Err(ValueError::unknown_variant(
            "field",
            name,
            apart::fields::names::<T>(),
        ))
        .or_throw(env),
    }
}

/// A field made a JavaScript value by napi-rs's serializer (`apart::fields::find` converts one
/// field of a record alone, without the rest of it).
struct ToJs<'env>(&'env Env);

impl<'env> apart::fields::Take for ToJs<'env> {
    type Out = napi::Result<Unknown<'env>>;
    fn take<V: ?Sized + serde::Serialize>(self, value: &V) -> Self::Out {
        self.0.to_js_value(&value)
    }
}
