//! Claims from CSV, read by the core (`apart::indemnity::claim_csv`): the same reader as
//! `apart claim`, Node's `computeClaimCsv` and Python's `compute_claim_csv` (dialects, decimal
//! commas, column names, line limit, a refused cell refusing its line only), and the claim
//! written back as CSV by the core's writer (what `apart claim --format csv` writes).
//!
//! The CSV is a string or a `Uint8Array` (UTF-8, as a dropped file's bytes); `settings` the
//! core's `CsvSettings` (`{ month?, max_line? }`), `options` its `Options`.

use std::io::Cursor;

use apart::diagnostic::Lang;
use apart::indemnity::Options;
use apart::indemnity::claim_csv::{self as core, CsvSettings, ReadError};
use apart::law::LawBook as CoreLawBook;
use apart::value::ValueError;
use js_sys::Uint8Array;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::convert::{integer, internal, optional_text, out, record_or_default, wrong_argument};
use crate::error::{OrThrow, throw};
use crate::indemnity::LawBook;

/// The bytes of a string or a `Uint8Array`.
fn bytes(csv: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = csv.as_string() {
        return Ok(text.into_bytes());
    }
    if let Some(array) = csv.dyn_ref::<Uint8Array>() {
        return Ok(array.to_vec());
    }
    Err(wrong_argument(
        csv,
        apart::value::expected::TEXT_OR_BYTES,
        "csv",
    ))
}

fn lang(lang: Option<JsValue>) -> Result<Lang, JsValue> {
    match optional_text(&lang.unwrap_or_default(), "lang")? {
        None => Ok(Lang::Fr),
        Some(tag) => Lang::from_tag(&tag)
            .ok_or_else(|| {
                ValueError::unknown_variant("lang", &tag, &["fr", "en"]).with_field("lang")
            })
            .or_throw(),
    }
}

/// The thrown error of a read: the CSV's own (a `ReadError::Io` cannot come from memory).
fn read_error(e: ReadError) -> JsValue {
    match e {
        ReadError::Csv(e) => throw(e.as_ref()),
        other => internal(&other.to_string()),
    }
}

fn compute_in(
    book: &CoreLawBook,
    csv: &JsValue,
    settings: &JsValue,
    options: &JsValue,
) -> Result<JsValue, JsValue> {
    let settings: CsvSettings = record_or_default(settings)?;
    let options: Options = record_or_default(options)?;
    let csv = bytes(csv)?;
    out(&core::compute_claim_csv(book, &csv[..], &settings, &options).map_err(read_error)?)
}

fn write_in(
    book: &CoreLawBook,
    csv: &JsValue,
    settings: &JsValue,
    options: &JsValue,
    lang: Option<JsValue>,
) -> Result<String, JsValue> {
    let settings: CsvSettings = record_or_default(settings)?;
    let options: Options = record_or_default(options)?;
    let lang = self::lang(lang)?;
    let csv = bytes(csv)?;
    let mut text = Vec::with_capacity(csv.len() * 2);
    core::write_claim_csv(book, &csv[..], &settings, &options, lang, &mut text)
        .map_err(read_error)?;
    // The writer writes the input's cells and the core's text: UTF-8 (the reader refused any other).
    String::from_utf8(text).map_err(|e| internal(&e.to_string()))
}

/// A whole claim from CSV with the embedded law: one line per row (its outcome, or its error
/// naming the line and the column: a refused row never stops the others) and the totals.
/// Throws an `InputError` when the CSV cannot be read as a claim at all (no header, an unknown
/// column, no row, no month). With a caller's book: `book.computeClaimCsv(…)`.
#[wasm_bindgen(js_name = computeClaimCsv, unchecked_return_type = "ClaimOutcome")]
pub fn compute_claim_csv(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] csv: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CsvSettings")] settings: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let book = CoreLawBook::shared().or_throw()?;
    compute_in(
        book,
        &csv,
        &settings.unwrap_or_default(),
        &options.unwrap_or_default(),
    )
}

/// The claim as CSV, written by the core in the input's dialect (separator, decimal comma):
/// the input's columns, then `line`, `status`, the computed amounts, `error_code` and
/// `error_message` (in `lang`, `fr` by default), and a totals row; the reader reads it back as
/// the same claim. Throws as `computeClaimCsv`.
#[wasm_bindgen(js_name = writeClaimCsv)]
pub fn write_claim_csv(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] csv: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CsvSettings")] settings: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "'fr' | 'en'")] lang: Option<JsValue>,
) -> Result<String, JsValue> {
    let book = CoreLawBook::shared().or_throw()?;
    write_in(
        book,
        &csv,
        &settings.unwrap_or_default(),
        &options.unwrap_or_default(),
        lang,
    )
}

/// The claims from CSV with this book's parameters.
#[wasm_bindgen]
impl LawBook {
    /// `computeClaimCsv` with this book's parameters.
    #[wasm_bindgen(js_name = computeClaimCsv, unchecked_return_type = "ClaimOutcome")]
    pub fn compute_claim_csv_with(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] csv: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CsvSettings")] settings: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: Option<JsValue>,
    ) -> Result<JsValue, JsValue> {
        compute_in(
            self.core(),
            &csv,
            &settings.unwrap_or_default(),
            &options.unwrap_or_default(),
        )
    }

    /// `writeClaimCsv` with this book's parameters.
    #[wasm_bindgen(js_name = writeClaimCsv)]
    pub fn write_claim_csv_with(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] csv: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CsvSettings")] settings: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "'fr' | 'en'")] lang: Option<JsValue>,
    ) -> Result<String, JsValue> {
        write_in(
            self.core(),
            &csv,
            &settings.unwrap_or_default(),
            &options.unwrap_or_default(),
            lang,
        )
    }
}

/// `computeClaimCsv` a few rows at a time, for a progress bar: `step(rows)` computes up to
/// `rows` more rows and says whether any may be left; `bytesRead` of `totalBytes` is the
/// progress; `finish()` gives the same `ClaimOutcome` as `computeClaimCsv`, once (the CSV is
/// let go then: `step` answers `false`, a second `finish()` throws an `InternalError`). With
/// the embedded law.
#[wasm_bindgen]
#[derive(Debug)]
pub struct ClaimCsv {
    /// `None` once `finish()` has been called.
    inner: Option<core::ClaimCsv<Cursor<Vec<u8>>>>,
    options: Options,
    total: usize,
    /// The rows computed by `finish()` (every row), once it has been called.
    finished_rows: usize,
}

#[wasm_bindgen]
impl ClaimCsv {
    /// Reads the header. Throws as `computeClaimCsv` (no header, an unknown column…).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] csv: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CsvSettings")] settings: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: Option<JsValue>,
    ) -> Result<ClaimCsv, JsValue> {
        let settings: CsvSettings = record_or_default(&settings.unwrap_or_default())?;
        let options: Options = record_or_default(&options.unwrap_or_default())?;
        let csv = bytes(&csv)?;
        let total = csv.len();
        let inner = core::ClaimCsv::new(Cursor::new(csv), &settings).map_err(read_error)?;
        Ok(ClaimCsv {
            inner: Some(inner),
            options,
            total,
            finished_rows: 0,
        })
    }

    /// Computes up to `rows` more rows (at least one; a whole number up to 4,294,967,295):
    /// `true` while some may be left, `false` once `finish()` has been called. Throws an
    /// `InputError` for another `rows` (`-1`, `1.5`, `'10'`…).
    pub fn step(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] rows: JsValue,
    ) -> Result<bool, JsValue> {
        let rows = integer(&rows, "rows", 0, u32::MAX)?;
        let Some(inner) = &mut self.inner else {
            return Ok(false);
        };
        let book = CoreLawBook::shared().or_throw()?;
        inner
            .step(book, &self.options, rows.max(1) as usize)
            .map_err(read_error)
    }

    /// The bytes read so far.
    #[wasm_bindgen(getter, js_name = bytesRead)]
    pub fn bytes_read(&self) -> f64 {
        let total = u64::try_from(self.total).unwrap_or(u64::MAX);
        let read = self.inner.as_ref().map_or(total, |c| c.bytes_read());
        // A length in memory: far below 2^53.
        #[allow(clippy::cast_precision_loss)]
        let read = read as f64;
        read
    }

    /// The size of the CSV, in bytes.
    #[wasm_bindgen(getter, js_name = totalBytes)]
    pub fn total_bytes(&self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let total = self.total as f64;
        total
    }

    /// The rows computed so far.
    #[wasm_bindgen(getter)]
    pub fn rows(&self) -> u32 {
        let rows = self.inner.as_ref().map_or(self.finished_rows, |c| c.rows());
        u32::try_from(rows).unwrap_or(u32::MAX)
    }

    /// Computes the rows left and gives the claim (as `computeClaimCsv`). Once: a second call
    /// throws an `InternalError` (`INTERNAL_BINDING`).
    #[wasm_bindgen(unchecked_return_type = "ClaimOutcome")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let Some(inner) = self.inner.take() else {
            return Err(internal(
                "ClaimCsv.finish() called again: it gives the claim once",
            ));
        };
        self.finished_rows = inner.rows();
        let book = CoreLawBook::shared().or_throw()?;
        let claim = inner.finish(book, &self.options).map_err(read_error)?;
        self.finished_rows = claim.lines.len();
        out(&claim)
    }
}
