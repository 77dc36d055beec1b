//! The catalogue of every error code: one example of each, from which `docs/errors.md` and
//! `apart explain CODE` are generated.
//!
//! [`errors`] returns an example instance of every error the library can return, as the
//! umbrella [`Error`]: each carries its code, its family, its structured fields and its French
//! and English messages, exactly as a caller would receive it. [`entries`] groups them by
//! family and code, with the names of the fields; [`warnings`] lists the indemnity warnings the
//! same way.
//!
//! # The rule for new codes
//!
//! A code written in a [`Diagnostic::code`] match must have an example here: the test
//! `every_code_in_a_code_match_has_an_example` reads the sources and fails otherwise, and the
//! drift test of `docs/errors.md` then asks for `APART_BLESS=1`. A guard refusal
//! ([`crate::machine::TransitionError::GuardFailed`]) carries the code of the domain error that
//! refused, which has its own entry.
//!
//! ```
//! use apart::catalogue;
//! use apart::Diagnostic;
//! let entries = catalogue::entries();
//! let key = entries.iter().find(|e| e.code == "SIRET_INVALID_KEY").unwrap();
//! assert_eq!(key.family.as_str(), "siret");
//! assert!(key.fields.contains(&"expected"));
//! assert!(key.example.message(apart::Lang::En).starts_with("invalid SIRET"));
//! ```

use std::borrow::Cow;

use time::macros::{date, datetime};

use crate::Error;
use crate::account::AccountError;
use crate::diagnostic::{Diagnostic, Family, InternalError, Lang};
use crate::entropy::EntropyError;
use crate::forms::{
    AddressError, CityError, EmailConfirmationError, EmailError, FieldErrors, HumanCheckError,
    LoginIdentifierError, PersonNameError, PhoneError, PostalCodeError, SecretAnswerError,
    TextError,
};
use crate::indemnity::claim_csv::CsvError;
use crate::indemnity::{IndemnityError, InputProblem, Warning};
use crate::law::{LawError, LawProblem, Unit};
use crate::lines::LineError;
use crate::machine::{SnapshotError, TransitionError};
use crate::money::MoneyError;
use crate::procedure::ProcedureError;
use crate::seal::SealError;
use crate::siret::{IdentifierKind, LengthHint, SiretError};
use crate::value::{DecimalKind, ValueError};

/// One code of one family: what `docs/errors.md` shows.
///
/// # Example
///
/// ```
/// use apart::{Diagnostic, Family};
/// let entries = apart::catalogue::entries();
/// let entry = entries.iter().find(|e| e.code == "SEAL_KEY_TOO_SHORT").ok_or("no entry")?;
/// assert_eq!(entry.family, Family::Machine);
/// assert_eq!(entry.fields, ["len", "min"]);
/// assert_eq!(entry.example.code(), entry.code);
/// assert_eq!(
///     entry.example.to_string(),
///     "clé de scellement trop courte : 8 octets, au moins 32"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Entry {
    /// The stable code.
    pub code: &'static str,
    /// The family (one per code: a test checks it).
    pub family: Family,
    /// The names of the structured fields, over every example of the code.
    pub fields: Vec<&'static str>,
    /// An example instance (the first one listed).
    pub example: Error,
}

impl Entry {
    /// The entry as Markdown: a `###` heading with the code, then the family (with the
    /// exception class every binding raises), the fields and the example's two messages. What
    /// `docs/errors.md` is made of, and what `apart explain CODE` prints.
    ///
    /// ```
    /// let entry = apart::catalogue::entries().into_iter().find(|e| e.code == "MONEY_OVERFLOW").unwrap();
    /// assert!(entry.markdown().starts_with("### `MONEY_OVERFLOW`\n"));
    /// ```
    pub fn markdown(&self) -> String {
        let fields = if self.fields.is_empty() {
            "none".to_owned()
        } else {
            self.fields
                .iter()
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "### `{code}`\n\n\
             - family: `{family}` (Python and Node `{class}`, Kotlin `ApartException.{kotlin}`)\n\
             - fields: {fields}\n\
             - fr: {fr}\n\
             - en: {en}\n",
            code = self.code,
            family = self.family.as_str(),
            class = self.family.class_name(),
            kotlin = self.family.class_name().trim_end_matches("Error"),
            fr = self.example.message(Lang::Fr),
            en = self.example.message(Lang::En),
        )
    }
}

/// Every code of every family, sorted by family then code, each with its fields and one
/// example.
///
/// # Example
///
/// ```
/// let entries = apart::catalogue::entries();
/// assert!(entries.is_sorted_by_key(|e| (e.family.as_str(), e.code)));
/// // One family per code: the class a front end raises is the code's.
/// let families: Vec<&str> = entries
///     .iter()
///     .filter(|e| e.code == "REASON_REQUIRED")
///     .map(|e| e.family.as_str())
///     .collect();
/// assert_eq!(families, ["procedure"]);
/// ```
pub fn entries() -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::new();
    for error in errors() {
        let (code, family) = (error.code(), error.family());
        let names: Vec<&'static str> = error.details().into_iter().map(|(k, _)| k).collect();
        match entries
            .iter_mut()
            .find(|e| e.code == code && e.family == family)
        {
            Some(entry) => {
                for name in names {
                    if !entry.fields.contains(&name) {
                        entry.fields.push(name);
                    }
                }
            }
            None => entries.push(Entry {
                code,
                family,
                fields: names,
                example: error,
            }),
        }
    }
    entries.sort_by(|a, b| (a.family.as_str(), a.code).cmp(&(b.family.as_str(), b.code)));
    entries
}

/// An example of every warning an indemnity outcome can carry.
///
/// # Example
///
/// ```
/// use apart::indemnity::{simulate, EmployeeMonth, Options};
/// // A full-timer paid 1 560 € (below the SMIC), 70 h not worked in 2026-01.
/// let input = EmployeeMonth::new("2026-01".parse()?, "1560".parse()?, "70".parse()?);
/// let out = simulate(&input, &Options::default())?;
/// assert_eq!(out.warnings.first().map(|w| w.code()), Some("RMM_INPUTS_MISSING"));
/// let catalogue = apart::catalogue::warnings();
/// assert!(out.warnings.iter().all(|w| catalogue.iter().any(|c| c.code() == w.code())));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn warnings() -> Vec<Warning> {
    vec![
        Warning::HoursAboveContract { hours: "10".into() },
        Warning::HoursAboveLegalDuration {
            hours: "8.33".into(),
        },
        Warning::HoursAboveApldLimit {
            hours: "12".into(),
            reason: "above_apld_reduction_limit".into(),
        },
        Warning::QuotaExceeded {
            hours: "20".into(),
            quota: "1000".into(),
        },
        Warning::RmmNotComputed,
        Warning::RmmInputsMissing {
            hourly_indemnity: "7.91".into(),
            floor: "9.52".into(),
        },
        Warning::NetCapApplied {
            hourly_indemnity: "12.50".into(),
            net_hourly_pay: "11.80".into(),
        },
        Warning::ComplementAsPay {
            amount: "35.00".into(),
        },
        Warning::MayotteContributionNotComputed,
        Warning::UnconfirmedParameter {
            table: "allocation_floor".into(),
            from: "2026-01-01".into(),
        },
        Warning::UnknownFloorSkipped {
            table: "mayotte_majorated_allocation_floor".into(),
            from: "2020-03-01".into(),
            highest_known: "8.33".into(),
        },
        Warning::LawBeyondVerifiedDate {
            date: "2026-11-01".into(),
            verified_until: "2026-05-31".into(),
        },
    ]
}

/// An example of every error, as the umbrella [`Error`] (what a caller receives).
///
/// # Example
///
/// ```
/// use apart::{Diagnostic, Lang};
/// let errors = apart::catalogue::errors();
/// let key = "73282932000075".parse::<apart::siret::Siret>().unwrap_err();
/// assert!(errors.iter().any(|e| e.code() == key.code()));
/// // Every code is SCREAMING_SNAKE_CASE, every example has both messages.
/// assert!(errors.iter().all(|e| e.code().bytes().all(|b| b.is_ascii_uppercase() || b == b'_')));
/// assert!(errors.iter().all(|e| !e.message(Lang::Fr).is_empty() && !e.message(Lang::En).is_empty()));
/// ```
pub fn errors() -> Vec<Error> {
    let mut all: Vec<Error> = Vec::new();
    all.extend(siret().into_iter().map(Error::from));
    all.extend(value().into_iter().map(Error::from));
    all.push(
        MoneyError::Overflow {
            operation: "mul",
            left: "79228162514264337593543950335".into(),
            right: "2".into(),
        }
        .into(),
    );
    all.extend(law().into_iter().map(Error::from));
    all.extend(indemnity().into_iter().map(Error::from));
    all.extend(claim_csv());
    all.extend(machine());
    all.extend(procedure().into_iter().map(Error::from));
    all.extend(forms());
    all.extend(account().into_iter().map(Error::from));
    all.push(EntropyError::new("getrandom: no entropy source").into());
    all.push(InternalError::panic("index out of bounds: the len is 3 but the index is 7").into());
    all.push(InternalError::binding("JSON.parse").into());
    all.push(
        InternalError::Unwritable {
            code: "SIRET_INVALID_KEY",
        }
        .into(),
    );
    all
}

/// The errors of reading lines and claims from CSV: the codes of [`ValueError`] (and of the
/// indemnity), with the line (and byte) in their fields.
fn claim_csv() -> Vec<Error> {
    vec![
        LineError::too_long(4321, 70_000, 65_536, b"employee;gross_monthly").into(),
        LineError::NotUtf8 { line: 2, byte: 7 }.into(),
        CsvError::TooManyCells { line: 4, header: 3 }.into(),
        CsvError::UnclosedQuote { line: 5, cell: 2 }.into(),
        CsvError::UnknownColumn {
            column: "Gross_Monthly".into(),
            expected: "employee, month, gross_monthly, hours_not_worked".into(),
        }
        .into(),
        CsvError::DuplicateColumn {
            column: "employee".into(),
        }
        .into(),
        CsvError::NoMonth { line: 2 }.into(),
        CsvError::NoRows.into(),
        CsvError::Cell {
            line: 4321,
            column: Some("gross_monthly"),
            error: ValueError::invalid_decimal(DecimalKind::Amount, "2 000 €")
                .with_field("gross_monthly"),
        }
        .into(),
        CsvError::Refused {
            line: 3,
            column: Some("month"),
            error: IndemnityError::ClaimMonthMismatch {
                claim: "2026-01".into(),
                line: "2026-02".into(),
            },
        }
        .into(),
    ]
}

fn siret() -> Vec<SiretError> {
    use IdentifierKind::{Siren, Siret, Tva};
    vec![
        SiretError::Empty {
            expected: Some(Siret),
        },
        SiretError::InvalidCharacter {
            character: "O".into(),
            index: 3,
            expected: Some(Siret),
        },
        SiretError::InvalidLength {
            length: 8,
            expected: None,
            hint: Some(LengthHint::LeadingZeroLost {
                suggestion: "058801481".into(),
            }),
        },
        SiretError::Placeholder { expected: Siren },
        SiretError::InvalidSirenKey {
            kind: Siren,
            expected: 9,
            found: 3,
        },
        SiretError::InvalidSiretKey {
            expected: 4,
            found: 5,
        },
        SiretError::InvalidLaPosteKey {
            expected: 5,
            found: 7,
        },
        SiretError::InvalidTvaKey {
            expected: 44,
            found: 45,
        },
        SiretError::InvalidTvaCountry { found: "BE".into() },
        SiretError::Empty {
            expected: Some(Tva),
        },
    ]
}

fn value() -> Vec<ValueError> {
    let field = |f: &str| Some(f.to_owned());
    vec![
        ValueError::InvalidDecimal {
            field: field("gross_monthly"),
            kind: DecimalKind::Amount,
            input: "2 000 €".into(),
        },
        ValueError::InvalidDecimal {
            field: field("hours_not_worked"),
            kind: DecimalKind::Hours,
            input: "7h30".into(),
        },
        ValueError::InvalidMonth {
            field: field("month"),
            input: "2026-13".into(),
        },
        ValueError::InvalidDate {
            field: field("hours_date"),
            input: "2026-02-30".into(),
        },
        ValueError::InvalidInstant {
            field: field("now"),
            input: "2026-01-31T09:00:00+05:30:15".into(),
            reason: Cow::Borrowed("offset_seconds"),
        },
        ValueError::UnknownVariant {
            field: field("regime"),
            option: Cow::Borrowed("regime"),
            input: "chomage".into(),
            expected: "droit_commun, apld, apld_rebond".into(),
        },
        ValueError::OutOfRange {
            field: field("year"),
            input: "12026".into(),
            expected: "0000 to 9999".into(),
        },
        ValueError::NotFinite {
            field: field("gross_monthly"),
            input: "NaN".into(),
        },
        ValueError::FloatRefused {
            field: field("gross_monthly"),
            input: "2000.1".into(),
        },
        ValueError::TooLong {
            field: field("employee"),
            length: 300,
            max: 255,
        },
        ValueError::ControlChar {
            field: field("employee"),
            index: 6,
            code_point: "U+001B".into(),
        },
        ValueError::UnknownField {
            field: field("contract_hour"),
            expected: "month, gross_monthly, contract_hours, …".into(),
        },
        ValueError::MissingField {
            field: field("gross_monthly"),
        },
        ValueError::WrongType {
            field: field("employees"),
            expected: "a list".into(),
            found: "a string".into(),
        },
        ValueError::Malformed {
            field: None,
            reason: "EOF while parsing an object".into(),
        },
        ValueError::TooLarge {
            field: None,
            size: 100_000_000,
            max: 65_536,
        },
    ]
}

fn law() -> Vec<LawError> {
    vec![
        LawError::BeforeFirstRow {
            table: "smic_hourly",
            date: "2020-02-01".into(),
            first: "2020-03-01".into(),
        },
        LawError::AfterLastKnown {
            table: "smic_hourly",
            date: "2026-07-01".into(),
            valid_until: "2026-05-31".into(),
        },
        LawError::UnknownValue {
            table: "allocation_floor_mayotte",
            date: "2020-04-01".into(),
            from: "2020-03-01".into(),
            note: "not published for Mayotte before 2021".into(),
        },
        LawError::UnknownParam {
            name: "smic_horaire".into(),
        },
        LawError::InvalidData {
            table: "droit_commun_allocation_rate",
            problem: LawProblem::DatesNotIncreasing {
                previous: date!(2021 - 07 - 01),
                next: date!(2021 - 01 - 01),
            },
        },
        LawError::InvalidOverride {
            table: "droit_commun_allocation_rate",
            problem: LawProblem::OutOfRange {
                from: date!(2026 - 06 - 01),
                value: "5".into(),
                unit: Unit::Fraction,
            },
        },
        LawError::InvalidFile {
            file: Some("loi-2026.toml".into()),
            problem: LawProblem::Syntax {
                line: Some(3),
                parser: "invalid table header".into(),
            },
        },
    ]
}

fn indemnity() -> Vec<IndemnityError> {
    vec![
        IndemnityError::HoursOutOfRange {
            field: "hours_not_worked",
            value: "9999".into(),
            min: "0".into(),
            max: "744".into(),
        },
        IndemnityError::SalaryOutOfRange {
            field: "gross_monthly",
            value: "-1".into(),
            min: "0.01".into(),
            max: "1000000".into(),
        },
        IndemnityError::DateOutsideMonth {
            date: "2026-02-14".into(),
            month: "2026-01".into(),
        },
        IndemnityError::RegimeNotInForce {
            regime: "covid_closed",
            date: "2026-01-01".into(),
            table: "allocation_rate_covid_closed",
            from: None,
            until: Some(time::macros::date!(2022 - 03 - 31)),
            hint: "droit_commun".into(),
        },
        IndemnityError::NoContributionsInTerritory {
            territory: "mayotte",
        },
        IndemnityError::RegimeNotInTerritory {
            regime: "mayotte_chido",
            territory: "mainland",
        },
        IndemnityError::InvalidDays {
            problem: InputProblem::DaysNotHalves { days: "2.3".into() },
        },
        IndemnityError::MissingInput {
            field: "net_hourly_pay",
            rule: "R5122-18 al. 4",
        },
        IndemnityError::InvalidInput {
            field: "complement_rate",
            problem: InputProblem::ComplementRateAndAmount,
        },
        IndemnityError::ClaimMonthMismatch {
            claim: "2026-01".into(),
            line: "2026-02".into(),
        },
    ]
}

fn machine() -> Vec<Error> {
    vec![
        TransitionError::InvalidTransition {
            machine: "di",
            from: "Draft",
            event: "Pay",
            allowed: vec!["Edit", "Submit"],
        }
        .into(),
        TransitionError::TerminalState {
            machine: "da",
            from: "Closed",
            event: "Submit",
        }
        .into(),
        TransitionError::ForbiddenActor {
            machine: "da",
            from: "Submitted",
            event: "Authorise",
            actor: "employer",
        }
        .into(),
        TransitionError::StaleSnapshot {
            machine: "credential",
            expected: 7,
            found: 6,
        }
        .into(),
        TransitionError::ClockBehind {
            machine: "apart.da",
            from: "Submitted",
            event: "Withdraw",
            last: "2022-02-10T10:00:00+01:00".into(),
            now: "2000-01-01T00:00:00Z".into(),
        }
        .into(),
        SnapshotError::Malformed {
            machine: "credential",
            error: Box::new(ValueError::Malformed {
                field: None,
                reason: "expected value at line 1 column 1".into(),
            }),
        }
        .into(),
        SnapshotError::WrongMachine {
            expected: "credential",
            found: "da".into(),
        }
        .into(),
        SnapshotError::UnknownMachine {
            id: "apart.nope".into(),
        }
        .into(),
        SnapshotError::VersionUnsupported {
            machine: "credential",
            found: 9,
            supported: 1,
        }
        .into(),
        SnapshotError::MalformedInput {
            machine: "da",
            what: "event",
            error: Box::new(ValueError::UnknownVariant {
                field: Some("type".into()),
                option: "variant".into(),
                input: "Paid".into(),
                expected: "Edit, Submit, Withdraw".into(),
            }),
        }
        .into(),
        SnapshotError::UnknownState {
            machine: "da",
            state: "Bogus".into(),
        }
        .into(),
        SnapshotError::TooLarge {
            machine: "credential",
            bytes: 80_000_000,
            max: 16_777_216,
        }
        .into(),
        SnapshotError::Inconsistent {
            machine: "habilitation",
            state: "Active",
            reason: "granted_at",
        }
        .into(),
        TransitionError::Unrepresentable {
            machine: "credential",
            from: "Active",
            event: "LoginFailed",
            problem: crate::machine::WriteProblem::TooLarge {
                max: crate::machine::MAX_SNAPSHOT_BYTES,
            },
        }
        .into(),
        SealError::KeyTooShort { len: 8 }.into(),
        SealError::Missing.into(),
        SealError::AlreadySealed.into(),
        SealError::NotAnObject.into(),
        SealError::Invalid.into(),
    ]
}

fn procedure() -> Vec<ProcedureError> {
    use ProcedureError as E;
    vec![
        E::PeriodInverted {
            start: date!(2026 - 03 - 01),
            end: date!(2026 - 01 - 31),
        },
        E::DateOutOfRange {
            field: "start",
            date: date!(-0001 - 12 - 31),
        },
        E::RuleNotCovered {
            rule: "da_decision_delay",
            date: date!(2019 - 12 - 01),
        },
        E::EmployeesRequired,
        E::HoursNotPositive {
            field: "hours_requested",
        },
        E::CseOpinionRequired { headcount: 60 },
        E::WorksRequireRestructuring,
        E::FilingWindowClosed {
            placement: date!(2026 - 01 - 05),
            last_day: date!(2026 - 03 - 06),
            filed_on: date!(2026 - 03 - 10),
        },
        E::DurationExceeded {
            max_months: 3,
            last_allowed: date!(2026 - 04 - 04),
        },
        E::CumulativeDurationExceeded {
            limit_days: 183,
            total_days: 200,
        },
        E::ReasonRequired {
            field: "rejection_reason",
        },
        E::DaAlreadyDecided {
            implicit_at: datetime!(2026-01-20 00:00 +1),
        },
        E::DecisionOutsideRequest,
        E::YearOutOfRange {
            year: 2_147_483_647,
        },
        E::DecisionNumberRequired,
        E::DecisionNumberInvalid { max: 50 },
        E::DaTextInvalid {
            field: "establishment.name",
            max: 100,
        },
        E::DecisionHoursExceeded {
            authorised: "700".into(),
            requested: "600".into(),
        },
        E::NotYetDue {
            due: Some(datetime!(2026-02-01 00:00 +1)),
        },
        E::DaNotAuthorised { state: "Submitted" },
        E::MonthOutsidePeriod {
            month: "2026-05".into(),
        },
        E::DiDuplicateMonth {
            month: "2026-01".into(),
        },
        E::DiClaimDeadlinePassed {
            last_day: date!(2027 - 01 - 31),
        },
        E::DiMonthNotEnded {
            month: "2026-05".into(),
            from: date!(2026 - 06 - 01),
        },
        E::NoEmployeeLine,
        E::NirInvalid { line: 3 },
        E::EmployeeNameRequired { line: 2 },
        E::EmployeeNameInvalid { line: 2, max: 100 },
        E::DuplicateEmployee {
            line: 5,
            first_line: 2,
        },
        E::TrainingExceedsHours { line: 4 },
        E::NegativeHours { line: 1 },
        E::HoursOutOfRange {
            field: "hours_not_worked",
            line: Some(0),
            max: Some("744"),
        },
        E::AuthorisedHoursExceeded {
            authorised: "1000".into(),
            claimed: "1200".into(),
        },
        E::AnnualQuotaExceeded {
            line: 2,
            year: 2026,
            quota: "1000".into(),
            total: "1040".into(),
        },
        E::NotRejectedByIncident {
            incident_id: Some("INC-2026-0042".into()),
        },
        E::RejectedByIncident,
        E::AmountNotPositive {
            field: "employer_allocation",
        },
        E::AmountInvalid {
            field: "amount",
            max: "1000000000.00".into(),
        },
        E::ClawbackExceedsPayment {
            paid: "100.00".into(),
            clawback: "150.00".into(),
        },
        E::PaidBeforeSubmission {
            paid_on: date!(2026 - 01 - 15),
            submitted_on: date!(2026 - 02 - 02),
        },
        E::DiCodeEmpty,
        E::DiCodeInvalidCharacter {
            character: "#".into(),
            index: 4,
        },
        E::DiCodeTooLong {
            length: 70,
            max: crate::procedure::DiCode::MAX_LEN,
        },
        E::DiCodeNotFound {
            code: "DI-2026-0001".into(),
        },
        E::MotiveRequired,
        E::MotiveUnknown { code: "99".into() },
        E::IbanInvalid,
        E::ReasonInvalid {
            field: "reason",
            max: 2000,
        },
        E::RecapNotAvailable {
            kind: "di",
            state: "Draft",
        },
        E::RecapClaimMismatch {
            line: 2,
            mismatch: crate::procedure::RecapMismatch::HoursNotWorked {
                computed: "35".into(),
                on_di: "70".into(),
            },
        },
    ]
}

fn forms() -> Vec<Error> {
    let mut form = FieldErrors::new();
    form.push("phone", PhoneError::InvalidPrefix);
    form.push("email", EmailError::MissingAt);
    vec![
        form.into(),
        PhoneError::Empty.into(),
        PhoneError::InvalidCharacter {
            index: 2,
            character: "x".into(),
        }
        .into(),
        PhoneError::InvalidLength {
            expected: 10,
            found: 9,
        }
        .into(),
        PhoneError::InvalidPrefix.into(),
        PhoneError::UnsupportedCountry {
            country_code: "44".into(),
        }
        .into(),
        PhoneError::CountryCodeMismatch {
            given: "262".into(),
            expected: "596".into(),
        }
        .into(),
        PhoneError::PremiumRate.into(),
        PhoneError::NotFixedLine.into(),
        EmailError::Empty.into(),
        EmailError::NonAscii {
            index: 3,
            character: "é".into(),
        }
        .into(),
        EmailError::MissingAt.into(),
        EmailError::LocalEmpty.into(),
        EmailError::InvalidCharacter {
            index: 4,
            character: ",".into(),
        }
        .into(),
        EmailError::LocalDots.into(),
        EmailError::LocalTooLong { max: 64, len: 70 }.into(),
        EmailError::DomainEmpty.into(),
        EmailError::DomainInvalid {
            label: "-example".into(),
        }
        .into(),
        EmailError::DomainNoTld.into(),
        EmailError::TooLong { max: 254, len: 300 }.into(),
        EmailConfirmationError::Mismatch.into(),
        PostalCodeError::Empty.into(),
        PostalCodeError::Format { len: 4 }.into(),
        PostalCodeError::Invalid.into(),
        PostalCodeError::UnknownArea {
            prefix: "96".into(),
        }
        .into(),
        CityError::InvalidCedex.into(),
        AddressError::StreetNumber { len: 6 }.into(),
        AddressError::StreetExtension {
            found: "quinquies".into(),
        }
        .into(),
        LoginIdentifierError::Empty.into(),
        LoginIdentifierError::LooksLikeEmail.into(),
        LoginIdentifierError::Whitespace { index: 4 }.into(),
        LoginIdentifierError::InvalidCharacter {
            index: 2,
            character: "#".into(),
        }
        .into(),
        LoginIdentifierError::TooLong {
            max: crate::forms::LOGIN_IDENTIFIER_MAX,
            len: 70,
        }
        .into(),
        TextError::Required.into(),
        TextError::TooShort { min: 10, len: 3 }.into(),
        TextError::TooLong {
            max: 4000,
            len: 4100,
        }
        .into(),
        TextError::ControlChar {
            index: 5,
            code_point: "U+001B".into(),
        }
        .into(),
        TextError::RulesInverted { min: 5, max: 1 }.into(),
        HumanCheckError::Required.into(),
        HumanCheckError::Expired {
            age_seconds: 700,
            max_age_seconds: 600,
        }
        .into(),
        HumanCheckError::InFuture {
            ahead_seconds: 3600,
            max_skew_seconds: 120,
        }
        .into(),
        PersonNameError::InvalidCharacter {
            index: 1,
            character: "3".into(),
        }
        .into(),
        PersonNameError::NoLetter.into(),
        SecretAnswerError::Empty.into(),
        SecretAnswerError::TooShort { min: 3, len: 2 }.into(),
        SecretAnswerError::TooLong { max: 100, len: 120 }.into(),
        SecretAnswerError::ControlChar {
            index: 0,
            code_point: "U+0007".into(),
        }
        .into(),
        SecretAnswerError::EqualsPersonalData {
            field: "last_name".into(),
        }
        .into(),
    ]
}

fn account() -> Vec<AccountError> {
    use AccountError as A;
    vec![
        A::InvalidCredentials,
        A::LoginThrottled {
            retry_after_ms: 30_000,
        },
        A::AccountLocked,
        A::AccountDisabled,
        A::AccountNotActivated,
        A::NoHabilitationForApplication {
            application: "apart".into(),
        },
        A::HabilitationLimitReached { limit: 200 },
        A::PrincipalAlreadyExists,
        A::LastPrincipal,
        A::NoPrincipal,
        A::NotPrincipal,
        A::TransferTargetNotEligible,
        A::MandateNotActive,
        A::PrincipalIdentityImmutable,
        A::EstablishmentWouldBeOrphaned { establishments: 2 },
        A::ReasonRequired,
        A::ConditionsNotAccepted,
        A::EffectiveBeforeGrant,
        A::MandatePartiesMissing,
        A::MandateAlreadySigned {
            party: "accountant".into(),
        },
        A::MandateEndBeforeStart,
        A::MandateIncomplete,
        A::MandateEndNotReached,
        A::EstablishmentKnown,
        A::EstablishmentUnknown,
        A::OnboardingSiretMissing,
        A::ThrottleReached,
        A::TransferWithoutAccess,
        A::FormSealed,
        A::TokenMalformed,
        A::TokenInvalid,
        A::TokenAlreadyUsed,
        A::TokenSuperseded,
        A::TokenRevoked,
        A::TokenNotYetValid,
        A::TokenExpired {
            expired_at: "2026-01-31T10:00:00+01:00".into(),
        },
        A::PolicyInvalid {
            field: "free_attempts".into(),
            allowed: "1..=100".into(),
        },
        A::SecretAnswerInvalid,
        A::SecretHashFailed {
            failure: crate::account::HashFailure::UnreadableSalt,
        },
        A::SecretHashRehashRequired {
            scheme: "argon2id$v=19$m=4294967295,t=1,p=1".into(),
            allowed: "8 × p ≤ m ≤ 65536 KiB, 1 ≤ t ≤ 10, 1 ≤ p ≤ 4".into(),
        },
        A::RecordMalformed {
            error: Box::new(ValueError::UnknownField {
                field: Some("secret".into()),
                expected: "failures, first_failure_at, last_failure_at, locked_until".into(),
            }),
        },
        A::EntropyUnavailable {
            reason: "getrandom: no entropy source".into(),
        },
    ]
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )]
    use super::*;

    /// The codes written as literals in the `code()` of every `impl Diagnostic for …` under
    /// `src/`.
    fn codes_in_sources() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut found = Vec::new();
        let mut dirs = vec![root];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs") || path.ends_with("catalogue.rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let mut rest = text.as_str();
                while let Some(at) = rest.find("impl Diagnostic for ") {
                    rest = &rest[at..];
                    let Some(code) = rest.find("fn code(&self)") else {
                        break;
                    };
                    let body = &rest[code..];
                    let open = body.find('{').unwrap();
                    let mut depth = 0;
                    let mut end = open;
                    for (i, c) in body[open..].char_indices() {
                        depth += match c {
                            '{' => 1,
                            '}' => -1,
                            _ => 0,
                        };
                        if depth == 0 {
                            end = open + i;
                            break;
                        }
                    }
                    for literal in body[open..end].split('"').skip(1).step_by(2) {
                        if !literal.is_empty()
                            && literal
                                .bytes()
                                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
                        {
                            found.push((literal.to_owned(), path.display().to_string()));
                        }
                    }
                    rest = &body[end..];
                }
            }
        }
        found
    }

    #[test]
    fn every_code_has_one_family() {
        // A code with two families would raise two exception classes for one code, and its
        // entry in docs/errors.md would be written twice.
        let entries = entries();
        for (i, a) in entries.iter().enumerate() {
            for b in &entries[i + 1..] {
                assert!(
                    a.code != b.code,
                    "{} is in the families {} and {}",
                    a.code,
                    a.family.as_str(),
                    b.family.as_str()
                );
            }
        }
    }

    /// The same rule for warnings: the match below must name every variant (a new one does not
    /// compile until it is added), and `warnings()` must give an example of each.
    #[test]
    fn every_warning_has_an_example() {
        fn variant(w: &Warning) -> usize {
            match w {
                Warning::HoursAboveContract { .. } => 0,
                Warning::HoursAboveLegalDuration { .. } => 1,
                Warning::HoursAboveApldLimit { .. } => 2,
                Warning::QuotaExceeded { .. } => 3,
                Warning::RmmNotComputed => 4,
                Warning::RmmInputsMissing { .. } => 5,
                Warning::NetCapApplied { .. } => 6,
                Warning::ComplementAsPay { .. } => 7,
                Warning::MayotteContributionNotComputed => 8,
                Warning::UnconfirmedParameter { .. } => 9,
                Warning::UnknownFloorSkipped { .. } => 10,
                Warning::LawBeyondVerifiedDate { .. } => 11,
            }
        }
        let mut seen: Vec<usize> = warnings().iter().map(variant).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(
            seen,
            (0..12).collect::<Vec<_>>(),
            "a warning has no example"
        );
    }

    /// The rule of this module: every code of a `code()` match has an example.
    #[test]
    fn every_code_in_a_code_match_has_an_example() {
        let listed: Vec<&str> = errors().iter().map(|e| e.code()).collect();
        let found = codes_in_sources();
        assert!(
            found.len() > 150,
            "only {} codes found: the scan is broken",
            found.len()
        );
        let missing: Vec<String> = found
            .into_iter()
            .filter(|(code, _)| !listed.contains(&code.as_str()))
            .map(|(code, file)| format!("{code} ({file})"))
            .collect();
        assert!(
            missing.is_empty(),
            "codes without an example in catalogue.rs: {missing:?}"
        );
    }

    #[test]
    fn every_example_has_both_messages_and_a_family() {
        for entry in entries() {
            let (fr, en) = (
                entry.example.message(Lang::Fr),
                entry.example.message(Lang::En),
            );
            assert!(!fr.is_empty() && !en.is_empty(), "{}", entry.code);
            assert_ne!(fr, en, "{} is not translated", entry.code);
        }
        for warning in warnings() {
            assert_ne!(warning.message(Lang::Fr), warning.message(Lang::En));
        }
    }
}
