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

use std::path::PathBuf;
use std::process::ExitCode;

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
    if args.get(1).map(String::as_str) != Some("generate")
        || value_of("--language").as_deref() != Some("kotlin")
    {
        return ExitCode::SUCCESS;
    }
    let Some(out_dir) = value_of("--out-dir") else {
        return ExitCode::SUCCESS;
    };
    let file = PathBuf::from(out_dir).join("fr/apart/apart.kt");
    match patch_file(&file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("uniffi-bindgen: cannot patch {}: {why}", file.display());
            ExitCode::FAILURE
        }
    }
}

fn patch_file(file: &PathBuf) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    let patched = patch_kotlin(&text)?;
    std::fs::write(file, patched).map_err(|e| e.to_string())
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
}
