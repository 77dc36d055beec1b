//! TypeScript declarations of the records, derived from their serde shape (feature `ts`).
//!
//! The records keep their Rust definition as the one source: each derives `ts_rs::TS` behind
//! the feature, which reads the same serde attributes that write and read the JSON, so the
//! declarations cannot drift from what the library accepts and returns. The Node package and
//! the browser package both ship the text of [`declarations`] (as `records.d.ts`); their
//! tests compare the committed file with it.
//!
//! Conventions of the generated file: decimals (money, hours, rates), months and dates are
//! `string` (decimal text, `YYYY-MM`, `YYYY-MM-DD`); options are unions of their canonical
//! `snake_case` spellings (the kebab-case form is accepted on input too); a field with a
//! default is optional (`?`); integers are `number`.
//!
//! ```
//! let text = apart::ts::declarations();
//! assert!(text.contains("export type EmployeeMonth = {"));
//! assert!(text.contains("export type Family = \"siret\" | \"form\""));
//! ```

use std::any::TypeId;
use std::collections::BTreeMap;

use ts_rs::{Config, TS, TypeVisitor};

use crate::diagnostic::Family;

/// Every exception family, as the union of their names (what `family` holds in JSON).
impl TS for Family {
    type WithoutGenerics = Family;
    type OptionInnerType = Family;

    fn docs() -> Option<String> {
        Some(
            "/**\n * What kind of error a diagnostic is: every binding picks its exception class from it\n * (`siret` → `SiretError`, `input` → `InputError`…).\n */\n"
                .to_owned(),
        )
    }

    fn name(_: &Config) -> String {
        "Family".to_owned()
    }

    fn decl(cfg: &Config) -> String {
        format!("type Family = {};", Self::inline(cfg))
    }

    fn decl_concrete(cfg: &Config) -> String {
        Self::decl(cfg)
    }

    fn inline(_: &Config) -> String {
        Family::ALL
            .iter()
            .map(|f| format!("\"{}\"", f.as_str()))
            .collect::<Vec<_>>()
            .join(" | ")
    }

    fn output_path() -> Option<std::path::PathBuf> {
        Some("Family.ts".into())
    }
}

/// Collects the declaration of a type and of everything it refers to.
struct Collect<'a> {
    cfg: &'a Config,
    seen: Vec<TypeId>,
    out: BTreeMap<String, String>,
}

impl TypeVisitor for Collect<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Only named types (those with a file of their own in ts-rs' terms) are declared;
        // the others (String, Vec, Option…) are written inline.
        if T::output_path().is_none() || self.seen.contains(&TypeId::of::<T>()) {
            return;
        }
        self.seen.push(TypeId::of::<T>());
        let mut text = crate::doc_comments::without_rust_examples(&T::docs().unwrap_or_default());
        text.push_str("export ");
        text.push_str(&T::decl(self.cfg));
        self.out.insert(T::ident(self.cfg), text);
        T::visit_dependencies(self);
    }
}

/// `export type Warning = A | B;` as `export type Warning = (A | B) & { messages: Messages };`.
fn with_messages(decl: &str) -> String {
    match decl.split_once("export type Warning = ") {
        Some((docs, union)) => format!(
            "{docs}export type Warning = ({}) & {{ messages: Messages }};",
            union.trim_end().trim_end_matches(';')
        ),
        None => decl.to_owned(),
    }
}

/// The TypeScript declarations of every record a front end sends or receives, in one file,
/// sorted by name: `export type EmployeeMonth = { … }`, `export type Outcome = { … }`, …
pub fn declarations() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut collect = Collect {
        cfg: &cfg,
        seen: Vec::new(),
        out: BTreeMap::new(),
    };
    collect.visit::<crate::indemnity::EmployeeMonth>();
    collect.visit::<crate::indemnity::Options>();
    collect.visit::<crate::indemnity::Outcome>();
    collect.visit::<crate::indemnity::ClaimOutcome>();
    collect.visit::<crate::indemnity::claim_csv::CsvSettings>();
    collect.visit::<crate::diagnostic::DiagnosticRecord>();
    collect.visit::<crate::diagnostic::DetailValue>();
    collect.visit::<crate::diagnostic::Messages>();
    collect.visit::<crate::law::Row>();
    collect.visit::<crate::forms::PhonePolicy>();
    collect.visit::<crate::forms::HumanCheck>();
    collect.visit::<crate::account::AccountFormInput>();
    collect.visit::<crate::procedure::assistance::AssistanceForm>();
    collect.visit::<crate::procedure::recap::RecapAmounts>();
    collect.visit::<crate::procedure::rules::DurationLimit>();
    collect.visit::<crate::procedure::rules::AnnualQuota>();
    collect.visit::<crate::forms::Choice>();
    collect.visit::<crate::procedure::DaStateInfo>();
    collect.visit::<crate::procedure::DiStateInfo>();
    collect.visit::<crate::account::AttemptCounter>();
    collect.visit::<crate::account::LoginThrottlePolicy>();
    collect.visit::<crate::recovery::Redeemed>();
    collect.visit::<crate::recovery::ResetRequestPolicy>();
    collect.visit::<crate::recovery::record::RecoveryOptions>();
    collect.visit::<crate::recovery::RevokeReason>();
    collect.visit::<crate::recovery::TokenPolicy>();
    collect.visit::<crate::siret::SirenRecord>();
    collect.visit::<crate::siret::SiretRecord>();
    collect.visit::<crate::siret::NicRecord>();
    collect.visit::<crate::siret::TvaRecord>();
    collect.visit::<crate::siret::IdentifierRecord>();
    collect.visit::<crate::siret::ParseOptions>();
    collect.visit::<crate::siret::SiretReport>();
    collect.visit::<crate::siret::generate::GenerateOptions>();
    collect.visit::<crate::forms::PhoneRecord>();
    collect.visit::<crate::forms::EmailRecord>();
    collect.visit::<crate::forms::PostalCodeRecord>();
    collect.visit::<crate::forms::CityRecord>();
    collect.visit::<crate::forms::LoginIdentifierRecord>();
    collect.visit::<crate::forms::SecretAnswerNames>();
    collect.visit::<crate::machine::JsonStep>();
    collect.visit::<crate::forms::StandardTextRules>();
    collect.visit::<crate::forms::StreetExtension>();
    collect.visit::<crate::machine::Actor>();
    collect.visit::<crate::procedure::recap::RecapWithClaim>();
    collect.visit::<crate::procedure::rules::ImplicitAcceptance>();
    collect.visit::<crate::recovery::Purpose>();
    collect.visit::<crate::account::Application>();
    collect.visit::<crate::recovery::record::ResetAccount>();
    collect.visit::<crate::recovery::record::ReminderAccount>();
    collect.visit::<crate::recovery::record::RequestOutcome>();
    collect.visit::<crate::recovery::record::ActivationMail>();
    collect.visit::<crate::recovery::record::Redemption>();
    collect.visit::<crate::recovery::record::ResetCompletion>();
    collect.visit::<crate::account::record::LoginTarget>();
    collect.visit::<crate::account::record::LoginOutcome>();
    collect.visit::<crate::account::record::SecretAnswerCheck>();
    collect.visit::<crate::account::record::PrincipalTransfer>();
    // A warning is written with its messages (its own `Serialize`), which the derive, reading
    // only the variants, does not see: every variant gets them.
    if let Some(decl) = collect.out.get_mut("Warning") {
        *decl = with_messages(decl);
    }
    let mut text = String::from(
        "/* Generated by `apart::ts::declarations()` (crates/apart/src/ts.rs) from the serde shape of the\n * records of the Rust core: do not edit by hand. */\n",
    );
    for decl in collect.out.values() {
        text.push('\n');
        text.push_str(decl);
        text.push('\n');
    }
    text
}

/// The TypeScript declarations of the error classes of the JavaScript packages (Node and the
/// browser ship the same file, `errors.d.ts`): `ApartError` with the fields every error carries,
/// and one subclass per family of [`Family::ALL`], named by [`Family::class_name`].
///
/// ```
/// let text = apart::ts::error_declarations();
/// assert!(text.contains("export declare class SiretError extends ApartError {}"));
/// ```
pub fn error_declarations() -> String {
    let mut text = String::from(ERRORS_HEAD);
    for family in Family::ALL {
        text.push_str(&format!(
            "/** An error of the family `{}`. */\nexport declare class {} extends ApartError {{}}\n",
            family.as_str(),
            family.class_name()
        ));
    }
    text
}

const ERRORS_HEAD: &str = r#"/* Generated by `apart::ts::error_declarations()` (crates/apart/src/ts.rs) from the families of
 * the Rust core: do not edit by hand. */

/** Structured fields of an error: strings and integers only. */
export type ErrorDetails = Record<string, string | number>

/** One refused field of a form (`FormError.fields`): the field's own diagnostic. */
export interface FieldProblem {
  field: string
  code: string
  family: import('./records.js').Family
  /** French, as `messages.fr`. */
  message: string
  messages: { fr: string; en: string }
  details: ErrorDetails
}

/**
 * Every error the library throws: the class is its family's (`SiretError`, `InputError`…).
 * `code` is stable public API; `message` is French, `messages.en` English.
 */
export declare class ApartError extends Error {
  /** The stable machine code, such as `SIRET_INVALID_KEY`. */
  readonly code: string
  /** The family, which decides the class. */
  readonly family: import('./records.js').Family
  /** The message in each language (`message` is `messages.fr`). */
  readonly messages: { fr: string; en: string }
  /** The structured fields (each also set on the error itself, e.g. `err.expected`). */
  readonly details: ErrorDetails
  /** A `FormError`'s refused fields, every one. */
  readonly fields?: FieldProblem[]
  readonly [detail: string]: unknown
  /**
   * The library makes its errors itself; a test may make one to fake it:
   * `new SiretError('clé fausse', { code: 'SIRET_INVALID_KEY' })`. The family is the class's.
   */
  constructor(message?: string, options?: ApartErrorOptions)
}

/** What a test gives to make an error ([`ApartError`]'s constructor). */
export interface ApartErrorOptions {
  /** The code (default `''`). */
  code?: string
  /** The structured fields (default `{}`), each also set on the error. */
  details?: ErrorDetails
  /** The message in each language (default: `message` in both). */
  messages?: { fr: string; en: string }
  /** A `FormError`'s refused fields. */
  fields?: FieldProblem[]
  /** The cause, as `Error`'s. */
  cause?: unknown
}
"#;
