//! `uniffi-bindgen`, built from the same pinned `uniffi` as `apart-uniffi`, so that the
//! generated Kotlin, Swift and Python always match the scaffolding compiled into the library.
//!
//! ```text
//! cargo run -p uniffi-bindgen -- generate target/debug/libapart.so --config bindings/uniffi/bindgen.toml \
//!     --language kotlin --out-dir bindings/uniffi/generated/kotlin --no-format
//! ```
//!
//! One change to uniffi's Kotlin, made after generation and checked: uniffi 0.32 makes the
//! `message` of a rich error a dump of its fields (`code=…, messageFr=…, details=…`) and the
//! error a checked Java exception. `ApartException` gets the French message as `message` (what
//! `Throwable.message`, logs and `println(e)` show) and extends `RuntimeException`, so that Java
//! callers are not forced to catch it around calls that rarely fail. The patch fails loudly if
//! uniffi's output changes shape (the version is pinned; the drift check regenerates on every run).
//!
//! The doc comments lose their Rust examples (fenced blocks and their `# Example` heading), in
//! the Kotlin, the Swift and the Python (whose docstrings would read an example's `\u{…}` as a
//! bad escape).
//!
//! A fix to uniffi's Kotlin: an object given as an argument is lowered by cloning its handle
//! without the destroyed-check its own methods make (`callWithHandle`), so passing an object
//! after its `close()` read freed memory (SIGSEGV, or another object's data). Every `lower` of
//! an object goes through `callWithHandle` instead: `IllegalStateException` ("has already been
//! destroyed") after `close()`, and no use-after-free when another thread closes it meanwhile.
//!
//! And one addition: the record fields uniffi 0.32 cannot give a default (enums, decimals) get
//! the core's, from [`apart::ffi_uniffi::record_defaults`], so that Kotlin `Options()` is the
//! core's `Options::default()`; a default uniffi did write must agree with the core's.

use std::path::PathBuf;
use std::process::ExitCode;

use heck::ToLowerCamelCase;
use serde_json::{Map, Value};

/// The error class whose `message` is patched, and the field holding its French message.
const ERROR_CLASS: &str = "ApartException";
const MESSAGE_FIELD: &str = "messageFr";

fn main() -> ExitCode {
    uniffi::uniffi_bindgen_main();
    let args: Vec<String> = std::env::args().collect();
    let value_of = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    if args.get(1).map(String::as_str) != Some("generate") {
        return ExitCode::SUCCESS;
    }
    let Some(out_dir) = value_of("--out-dir") else {
        return ExitCode::SUCCESS;
    };
    let (file, patch): (PathBuf, Patch) = match value_of("--language").as_deref() {
        Some("kotlin") => (PathBuf::from(out_dir).join("fr/apart/apart.kt"), patch_kt),
        Some("swift") => (PathBuf::from(out_dir).join("Apart.swift"), |text| {
            Ok(apart::doc_comments::without_rust_examples(text))
        }),
        // In the Python, every fenced block is a docstring's.
        Some("python") => (PathBuf::from(out_dir).join("apart.py"), |text| {
            Ok(apart::doc_comments::doc_without_rust_examples(text) + "\n")
        }),
        _ => return ExitCode::SUCCESS,
    };
    match patch_file(&file, patch) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("uniffi-bindgen: cannot patch {}: {why}", file.display());
            ExitCode::FAILURE
        }
    }
}

/// A rewrite of a generated file.
type Patch = fn(&str) -> Result<String, String>;

fn patch_file(file: &PathBuf, patch: Patch) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    std::fs::write(file, patch(&text)?).map_err(|e| e.to_string())
}

/// Every change to the Kotlin, in order.
fn patch_kt(text: &str) -> Result<String, String> {
    let patched = patch_lowering(&patch_kotlin(text)?)?;
    let patched = patch_defaults(&patched, &apart::ffi_uniffi::record_defaults())?;
    Ok(apart::doc_comments::without_rust_examples(&patched))
}

/// Rewrites the `ApartException` sealed class: French `message`, unchecked base class.
fn patch_kotlin(text: &str) -> Result<String, String> {
    let header = format!("sealed class {ERROR_CLASS}: kotlin.Exception() {{");
    let start = text
        .find(&header)
        .ok_or_else(|| format!("`{header}` not found"))?;
    let (before, rest) = text.split_at(start);
    let end = rest
        .find("companion object ErrorHandler")
        .ok_or("the end of the error class was not found")?;
    let (class, after) = rest.split_at(end);
    let variants = class.matches(&format!(") : {ERROR_CLASS}() {{")).count();
    let mut out = String::with_capacity(class.len());
    let mut replaced = 0;
    for line in class.split_inclusive('\n') {
        if line.trim_start().starts_with("get() = \"code=${") {
            let indent = line.strip_suffix(line.trim_start()).unwrap_or("");
            out.push_str(&format!("{indent}get() = `{MESSAGE_FIELD}`\n"));
            replaced += 1;
        } else {
            out.push_str(line);
        }
    }
    if variants == 0 || replaced != variants {
        return Err(format!(
            "expected one generated `message` per variant ({variants}), found {replaced}"
        ));
    }
    let out = out.replacen(
        &header,
        &format!("sealed class {ERROR_CLASS}: kotlin.RuntimeException() {{"),
        1,
    );
    Ok(format!("{before}{out}{after}"))
}

/// Lowers every object through its `callWithHandle` (see the module's documentation): one per
/// object class, or the patch fails.
fn patch_lowering(text: &str) -> Result<String, String> {
    const UNCHECKED: &str = "): Long {\n        return value.uniffiCloneHandle()\n    }";
    const CHECKED: &str = "): Long {\n        // apart's uniffi-bindgen: checked, as method calls are.\n        return value.callWithHandle { it }\n    }";
    let objects = text
        .matches("internal inline fun <R> callWithHandle(")
        .count();
    let lowered = text.matches(UNCHECKED).count();
    if objects == 0 || lowered != objects {
        return Err(format!(
            "expected one unchecked `lower` per object class ({objects}), found {lowered}"
        ));
    }
    Ok(text.replace(UNCHECKED, CHECKED))
}

/// Gives each field of the records in `defaults` the core's default (`var `x`: T = …`).
fn patch_defaults(text: &str, defaults: &[(&str, Map<String, Value>)]) -> Result<String, String> {
    let mut out = text.to_owned();
    for (record, fields) in defaults {
        let header = format!("\ndata class {record} (\n");
        let start = out
            .find(&header)
            .ok_or(format!("record {record} not found"))?
            + header.len();
        let end = start
            + out[start..]
                .find("\n){")
                .ok_or(format!("{record}: no end"))?
            + 1;
        let (mut body, mut found) = (String::new(), 0);
        for line in out[start..end].split_inclusive('\n') {
            let decl = line.trim_start().strip_prefix("var `");
            let Some((name, rest)) = decl.and_then(|d| d.split_once("`: ")) else {
                body.push_str(line);
                continue;
            };
            let Some(value) = fields
                .iter()
                .find(|(k, _)| k.to_lower_camel_case() == name)
                .map(|f| f.1)
            else {
                body.push_str(line);
                continue;
            };
            found += 1;
            let (ty, given) = match rest.trim_end().split_once(" = ") {
                Some((ty, given)) => (ty, Some(given)),
                None => (rest.trim_end(), None),
            };
            let literal = kotlin_literal(&out, ty, value)?;
            match given {
                None => body.push_str(&format!("{} = {literal}\n", line.trim_end())),
                Some(given) if given == literal => body.push_str(line),
                Some(given) => {
                    return Err(format!(
                        "{record}.{name}: {given} is not the core's {literal}"
                    ));
                }
            }
        }
        if found != fields.len() {
            return Err(format!(
                "{record}: {found} of {} defaulted fields found",
                fields.len()
            ));
        }
        out.replace_range(start..end, &body);
    }
    Ok(out)
}

/// The Kotlin literal of a JSON value for a field of type `ty`: enum constants (uniffi's
/// SHOUTY_CASE of the snake_case spelling), decimals (`BigDecimal` custom types), booleans,
/// integers and `null`.
fn kotlin_literal(text: &str, ty: &str, value: &Value) -> Result<String, String> {
    let inner = ty.strip_suffix('?').unwrap_or(ty);
    Ok(match (inner, value) {
        (_, Value::Null) if inner != ty => "null".to_owned(),
        ("kotlin.Boolean", Value::Bool(b)) => b.to_string(),
        ("kotlin.Int", Value::Number(n)) => n.to_string(),
        ("kotlin.Long", Value::Number(n)) => format!("{n}L"),
        (_, Value::String(s)) if text.contains(&format!("\nenum class {inner} {{")) => {
            format!("{inner}.{}", s.to_uppercase())
        }
        (_, Value::String(s))
            if text.contains(&format!("typealias {inner} = java.math.BigDecimal\n")) =>
        {
            format!("java.math.BigDecimal(\"{s}\")")
        }
        _ => return Err(format!("no Kotlin default for {value} of type {ty}")),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn message_becomes_the_french_message() {
        let kt = "x\nsealed class ApartException: kotlin.Exception() {\n    class Siret(\n        val `messageFr`: kotlin.String\n        ) : ApartException() {\n        override val message\n            get() = \"code=${ `code` }, messageFr=${ `messageFr` }\"\n    }\n    companion object ErrorHandler {}\n}\n";
        let out = patch_kotlin(kt).unwrap();
        assert!(out.contains("sealed class ApartException: kotlin.RuntimeException() {"));
        assert!(out.contains("            get() = `messageFr`\n"));
        assert!(!out.contains("code=$"));
    }

    #[test]
    fn an_unexpected_shape_is_refused() {
        assert!(patch_kotlin("class Other").is_err());
        let no_message = "sealed class ApartException: kotlin.Exception() {\n    class Siret(\n        ) : ApartException() {\n    }\n    companion object ErrorHandler {}\n";
        assert!(patch_kotlin(no_message).is_err());
    }

    #[test]
    fn objects_are_lowered_through_their_checked_call() {
        let kt = "class Book {\n    internal inline fun <R> callWithHandle(block: (handle: Long) -> R): R {}\n}\n    override fun lower(value: Book): Long {\n        return value.uniffiCloneHandle()\n    }\n";
        let out = patch_lowering(kt).unwrap();
        assert!(out.contains("        return value.callWithHandle { it }\n"));
        assert!(!out.contains("return value.uniffiCloneHandle()"));
        assert!(patch_lowering("class Other").is_err());
        assert!(
            patch_lowering(&out).is_err(),
            "a second pass finds nothing to patch"
        );
    }

    #[test]
    fn fields_get_the_core_defaults() {
        let kt = "x\nenum class Mode {\n}\npublic typealias Hours = java.math.BigDecimal\n\ndata class R (\n    var `mode`: Mode\n    , \n    var `contractHours`: Hours\n    , \n    var `flag`: kotlin.Boolean = false \n    , \n    var `n`: kotlin.Int?\n    , \n    var `month`: CalendarMonth\n){\n";
        let fields = serde_json::json!({"mode": "per_hour", "contract_hours": "151.67", "flag": false, "n": null});
        let defaults = [("R", fields.as_object().unwrap().clone())];
        let out = patch_defaults(kt, &defaults).unwrap();
        assert!(out.contains("var `mode`: Mode = Mode.PER_HOUR\n"));
        assert!(out.contains("var `contractHours`: Hours = java.math.BigDecimal(\"151.67\")\n"));
        assert!(out.contains("var `n`: kotlin.Int? = null\n"));
        assert!(out.contains("var `month`: CalendarMonth\n"));
        let wrong = serde_json::json!({"flag": true});
        assert!(patch_defaults(kt, &[("R", wrong.as_object().unwrap().clone())]).is_err());
        let absent = serde_json::json!({"other": 1});
        assert!(patch_defaults(kt, &[("R", absent.as_object().unwrap().clone())]).is_err());
    }
}
