//! The Node.js binding of `apart` (napi-rs): package `apart` on npm.
//!
//! Thin by design (design §7, style §3): each export converts its arguments, makes one call
//! into `apart`, and converts the result or the error. No rule of the domain lives here.
//!
//! * Identifiers are strings; decimals strings (or numbers, see [`convert`]); dates ISO strings
//!   or a `Date` at midnight UTC; instants a `Date` or epoch milliseconds; records plain objects.
//! * Errors are `Error` subclasses, one per family of the core (`SiretError`, `InputError`…),
//!   with `code`, `family`, `message` (French), `messages`, `details` ([`error`]).
//! * Every export is `#[napi(catch_unwind)]`: a panic in the core (there should be none) becomes
//!   a JavaScript error instead of aborting the process.
#![deny(unsafe_code)]

pub mod account;
mod arg;
pub mod bench;
pub mod claim;
pub mod convert;
pub mod error;
pub mod fast;
pub mod forms;
mod handle;
pub mod indemnity;
mod js;
pub mod machine;
pub mod native;
mod pick;
pub mod procedure;
mod records;
mod runtime;
pub mod siret;

use napi::Env;
use napi::bindgen_prelude::Object;
use napi_derive::napi;

/// Runs once per JavaScript environment (the main thread and each worker) when the add-on
/// loads: creates and exports the error classes (one per family of the core) and
/// the native records (`NativeEmployeeMonth`, `NativeOutcome`: [`native`]).
#[napi(module_exports)]
pub fn init(mut exports: Object, env: Env) -> napi::Result<()> {
    native::install(&env, &exports)?;
    runtime::install(
        &env,
        &mut exports,
        &error::class_names(),
        &[
            ("joinStrings", fast::JOIN_JS),
            ("plainJson", &js::plain_json_js()),
            ("record", records::RECORD_JS),
        ],
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    /// Every exported function and method is `#[napi(catch_unwind, …)]`: a panic must become a
    /// JavaScript exception, never abort the process. (napi-rs has no crate-wide switch, so this
    /// test reads the sources.)
    #[test]
    fn every_export_catches_panics() {
        let sources = [
            ("account.rs", include_str!("account.rs")),
            ("bench.rs", include_str!("bench.rs")),
            ("claim.rs", include_str!("claim.rs")),
            ("error.rs", include_str!("error.rs")),
            ("forms.rs", include_str!("forms.rs")),
            ("indemnity.rs", include_str!("indemnity.rs")),
            ("native.rs", include_str!("native.rs")),
            ("machine.rs", include_str!("machine.rs")),
            ("procedure.rs", include_str!("procedure.rs")),
            ("siret.rs", include_str!("siret.rs")),
        ];
        let mut exports = 0;
        for (file, text) in sources {
            let lines: Vec<&str> = text.lines().collect();
            for (i, line) in lines.iter().enumerate() {
                let item = line.trim_start();
                if !(item.starts_with("pub fn ") || item.starts_with("pub fn\t")) {
                    continue;
                }
                // The attributes above the function, up to the doc comment.
                let mut attrs = String::new();
                for above in lines[..i].iter().rev() {
                    let a = above.trim_start();
                    if a.starts_with("///")
                        || a.is_empty()
                        || a.starts_with('}')
                        || a.starts_with("impl")
                    {
                        break;
                    }
                    attrs.push_str(a);
                }
                if attrs.contains("#[napi") {
                    exports += 1;
                    assert!(
                        attrs.contains("catch_unwind"),
                        "{file}:{}: `{}` is exported without catch_unwind",
                        i + 1,
                        item
                    );
                }
            }
        }
        assert!(
            exports > 80,
            "only {exports} exports found: is the scan still right?"
        );
    }
}
