//! The errors of the procedure: DA and DI content, deadlines, the DI code and the recap.

use time::{Date, OffsetDateTime};

use crate::calendar::format_instant;
use crate::diagnostic::{Detail, Diagnostic, Lang, french_display};
use crate::machine::SnapshotError;

/// Why a procedure step was refused. Guards of the DA and DI machines refuse with these same
/// codes (through [`crate::machine::Refusal::from_diagnostic`]), so a front end sees one code
/// whether it checked a request alone or sent the event.
///
/// NOTE: the codes are public API: never renamed or reused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProcedureError {
    /// A period ends before it starts.
    PeriodInverted {
        /// The first day given.
        start: Date,
        /// The last day given.
        end: Date,
    },
    /// A date a caller built cannot be written as `YYYY-MM-DD` (its year is outside
    /// 0000–9999), so a record holding it could not be stored and read back.
    DateOutOfRange {
        /// The field (`start`, `end`, `paid_on`).
        field: &'static str,
        /// The date given.
        date: Date,
    },
    /// A year outside 0000 to 9999 (no date of it can be stored).
    YearOutOfRange {
        /// The year given.
        year: i32,
    },
    /// A dated rule has no row for this date (before the first row of its table).
    RuleNotCovered {
        /// The rule's table (`decision_delay`, `max_duration`, …).
        rule: &'static str,
        /// The date looked up.
        date: Date,
    },
    /// The request names no employee.
    EmployeesRequired,
    /// The hours requested or authorised are not positive.
    HoursNotPositive {
        /// The field (`hours`).
        field: &'static str,
    },
    /// The CSE opinion is required (≥ 50 employees, motive other than 3° and 5°).
    CseOpinionRequired {
        /// The company's headcount given.
        headcount: u32,
    },
    /// The 100-hour modernisation-works quota is claimed with a motive other than 4°.
    WorksRequireRestructuring,
    /// The request is filed too late after the placement in activité partielle.
    FilingWindowClosed {
        /// The first day of the period (placement).
        placement: Date,
        /// The last local day on which the request could be filed.
        last_day: Date,
        /// The local day of filing.
        filed_on: Date,
    },
    /// The period is longer than the maximum authorisation.
    DurationExceeded {
        /// The maximum, in months.
        max_months: u8,
        /// The last day the period may reach.
        last_allowed: Date,
    },
    /// The period would take the authorisations over their cumulative limit in the rolling
    /// window (6 months over 12 consecutive months since 2021-07-01).
    CumulativeDurationExceeded {
        /// The limit, in days for this window.
        limit_days: i64,
        /// The days authorised in the window with this request.
        total_days: i64,
    },
    /// A reason is required (refusal, withdrawal, rejection).
    ReasonRequired {
        /// The field (`reasons`, `reason`).
        field: &'static str,
    },
    /// A reason longer than [`MAX_REASON_CHARS`](crate::procedure::MAX_REASON_CHARS), or
    /// holding a control or bidirectional character other than a line break or a tab.
    ReasonInvalid {
        /// The field (`reasons`, `reason`).
        field: &'static str,
        /// The most characters.
        max: usize,
    },
    /// The silence delay has elapsed: the request is already accepted.
    DaAlreadyDecided {
        /// The instant of implicit acceptance.
        implicit_at: OffsetDateTime,
    },
    /// The decision's period is not inside the requested period.
    DecisionOutsideRequest,
    /// An explicit decision without its number (blank).
    DecisionNumberRequired,
    /// A decision number longer than [`MAX_DECISION_NUMBER_CHARS`](crate::procedure::da::MAX_DECISION_NUMBER_CHARS)
    /// characters, or with a control or bidirectional-override character.
    DecisionNumberInvalid {
        /// The longest number accepted, in characters.
        max: usize,
    },
    /// A text of the DA (its reference, the establishment's name or address) that is empty
    /// where required, longer than its bound, or holds a control or bidirectional-override
    /// character: it is printed on the recap and the administration's screens.
    DaTextInvalid {
        /// The field (`reference`, `establishment.name`, `establishment.address`).
        field: &'static str,
        /// The most characters accepted.
        max: usize,
    },
    /// The decision authorises more hours than the request asked for.
    DecisionHoursExceeded {
        /// The hours the decision would authorise.
        authorised: String,
        /// The hours requested.
        requested: String,
    },
    /// Not yet due (a timed event sent early).
    NotYetDue {
        /// When it falls due; `None` when nothing sets that instant yet (no authorisation).
        due: Option<OffsetDateTime>,
    },
    /// A DI needs an authorised DA.
    DaNotAuthorised {
        /// The DA's state.
        state: &'static str,
    },
    /// The month claimed does not meet the authorised period.
    MonthOutsidePeriod {
        /// The month.
        month: String,
    },
    /// Another live DI already claims this month for this DA.
    DiDuplicateMonth {
        /// The month.
        month: String,
    },
    /// A claim sent before the end of the month it claims: its hours are not all known yet.
    DiMonthNotEnded {
        /// The month.
        month: String,
        /// The first day on which it can be sent.
        from: Date,
    },
    /// The filing deadline of the DI has passed.
    DiClaimDeadlinePassed {
        /// The last day on which the claim could be filed.
        last_day: Date,
    },
    /// A claim needs at least one employee line.
    NoEmployeeLine,
    /// A line's NIR is not a valid social security number.
    NirInvalid {
        /// The line (0-based).
        line: usize,
    },
    /// A line has no employee name.
    EmployeeNameRequired {
        /// The line (0-based).
        line: usize,
    },
    /// An employee's name with a control or bidirectional-override character, or longer
    /// than [`MAX_EMPLOYEE_NAME_CHARS`](crate::procedure::di::MAX_EMPLOYEE_NAME_CHARS).
    EmployeeNameInvalid {
        /// The line (0-based).
        line: usize,
        /// The most characters a name may have.
        max: usize,
    },
    /// The same employee (NIR) is on two lines.
    DuplicateEmployee {
        /// The line (0-based).
        line: usize,
        /// The earlier line with the same NIR (0-based).
        first_line: usize,
    },
    /// A line's training hours exceed its hours not worked.
    TrainingExceedsHours {
        /// The line (0-based).
        line: usize,
    },
    /// A line has negative hours.
    NegativeHours {
        /// The line (0-based).
        line: usize,
    },
    /// Hours outside what a month or a year can hold (a line above 744 h, an employee's year
    /// above 8 784 h, negative facts), or a total too large to compute: refused, never summed
    /// into an overflow.
    HoursOutOfRange {
        /// The field (`hours_not_worked`, `training_hours`, `hours_claimed_on_da`,
        /// `year_hours`).
        field: &'static str,
        /// The line or the entry (0-based), when there is one.
        line: Option<usize>,
        /// The largest accepted value, when there is one.
        max: Option<&'static str>,
    },
    /// The claim exceeds the hours still authorised on the DA.
    AuthorisedHoursExceeded {
        /// The hours authorised.
        authorised: String,
        /// The hours claimed including this claim.
        claimed: String,
    },
    /// An employee would exceed the annual quota of hours.
    AnnualQuotaExceeded {
        /// The line (0-based).
        line: usize,
        /// The year.
        year: i32,
        /// The quota.
        quota: String,
        /// The hours including this claim.
        total: String,
    },
    /// Regularisation is only for a DI rejected by that incident.
    NotRejectedByIncident {
        /// The incident given ([`quote`](crate::diagnostic::quote)d), if the question named one.
        incident_id: Option<String>,
    },
    /// A DI rejected by an incident is regularised by the ASP, not corrected.
    RejectedByIncident,
    /// A payment or recovery amount is not positive.
    AmountNotPositive {
        /// The field.
        field: &'static str,
    },
    /// A payment or recovery amount with more than two decimals, or beyond any claim
    /// ([`MAX_PAYMENT`](crate::procedure::di::MAX_PAYMENT)).
    AmountInvalid {
        /// The field.
        field: &'static str,
        /// The largest amount accepted.
        max: String,
    },
    /// A clawback larger than the payment it recovers.
    ClawbackExceedsPayment {
        /// The amount paid.
        paid: String,
        /// The clawback asked.
        clawback: String,
    },
    /// A payment dated before the claim was sent.
    PaidBeforeSubmission {
        /// The payment date given.
        paid_on: Date,
        /// The day the claim was sent.
        submitted_on: Date,
    },
    /// The DI code is empty once spaces and invisible characters are removed.
    DiCodeEmpty,
    /// The DI code has a character that cannot be part of it.
    DiCodeInvalidCharacter {
        /// The character.
        character: String,
        /// Its position (in characters, 0-based, in the text given).
        index: usize,
    },
    /// The DI code is too long.
    DiCodeTooLong {
        /// Its length in characters.
        length: usize,
        /// The maximum.
        max: usize,
    },
    /// No DI of the DA has this code.
    DiCodeNotFound {
        /// The normalised code looked for ([`quote`](crate::diagnostic::quote)d).
        code: String,
    },
    /// No motive selected (the placeholder « Veuillez sélectionner un motif… »).
    MotiveRequired,
    /// The motive code is not one of the seven.
    MotiveUnknown {
        /// The code given ([`quote`](crate::diagnostic::quote)d).
        code: String,
    },
    /// This recap cannot be produced in the current state.
    RecapNotAvailable {
        /// The recap kind asked for.
        kind: &'static str,
        /// The current state.
        state: &'static str,
    },
    /// The indemnity inputs given for a DI recap do not match the DI's lines, or the engine
    /// refused one of them.
    RecapClaimMismatch {
        /// The line (0-based); the number of lines for a count mismatch.
        line: usize,
        /// What differs.
        mismatch: RecapMismatch,
    },
    /// An IBAN given for a recap that is not one (ISO 13616: country, check digits, at most
    /// 30 letters or digits, the mod-97 check).
    IbanInvalid,
}

/// What differs between the indemnity inputs given for a DI recap and the DI's lines
/// (`RECAP_CLAIM_MISMATCH`).
///
/// ```
/// use apart::procedure::{ProcedureError, RecapMismatch};
/// use apart::{Diagnostic, Lang};
/// let err = ProcedureError::RecapClaimMismatch {
///     line: 2,
///     mismatch: RecapMismatch::HoursNotWorked { computed: "35".into(), on_di: "70".into() },
/// };
/// assert_eq!(
///     err.message(Lang::Fr),
///     "montants du récapitulatif : la ligne 3 ne correspond pas à la DI (35 heures chômées \
///      calculées pour 70 sur la DI)"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecapMismatch {
    /// Not as many inputs as the DI has lines.
    LineCount {
        /// The inputs given.
        inputs: usize,
        /// The DI's lines.
        lines: usize,
    },
    /// The indemnity engine refused the line's input (its error code).
    Refused {
        /// The engine's error code.
        code: String,
    },
    /// The hours not worked computed differ from the line's.
    HoursNotWorked {
        /// Computed from the input.
        computed: String,
        /// On the DI's line.
        on_di: String,
    },
    /// The training hours given differ from the line's.
    TrainingHours {
        /// Given in the input.
        given: String,
        /// On the DI's line.
        on_di: String,
    },
}

impl RecapMismatch {
    /// A stable name, in snake case (the `mismatch` field of the error).
    ///
    /// ```
    /// use apart::procedure::RecapMismatch;
    /// assert_eq!(RecapMismatch::LineCount { inputs: 2, lines: 3 }.id(), "line_count");
    /// ```
    pub fn id(&self) -> &'static str {
        match self {
            RecapMismatch::LineCount { .. } => "line_count",
            RecapMismatch::Refused { .. } => "refused",
            RecapMismatch::HoursNotWorked { .. } => "hours_not_worked",
            RecapMismatch::TrainingHours { .. } => "training_hours",
        }
    }

    /// What differs, in French and English.
    fn messages(&self) -> (String, String) {
        match self {
            RecapMismatch::LineCount { inputs, lines } => (
                format!("{inputs} entrées pour {lines} lignes"),
                format!("{inputs} inputs for {lines} lines"),
            ),
            RecapMismatch::Refused { code } => (
                format!("calcul refusé : {code}"),
                format!("computation refused: {code}"),
            ),
            RecapMismatch::HoursNotWorked { computed, on_di } => (
                format!("{computed} heures chômées calculées pour {on_di} sur la DI"),
                format!("{computed} hours not worked computed for {on_di} on the DI"),
            ),
            RecapMismatch::TrainingHours { given, on_di } => (
                format!("{given} heures de formation données pour {on_di} sur la DI"),
                format!("{given} training hours given for {on_di} on the DI"),
            ),
        }
    }

    fn details(&self) -> Vec<Detail> {
        let mut details: Vec<Detail> = vec![("mismatch", self.id().into())];
        match self {
            RecapMismatch::LineCount { inputs, lines } => {
                details.push(("inputs", (*inputs).into()));
                details.push(("lines", (*lines).into()));
            }
            RecapMismatch::Refused { code } => details.push(("cause", code.as_str().into())),
            RecapMismatch::HoursNotWorked { computed, on_di } => {
                details.push(("computed", computed.as_str().into()));
                details.push(("on_di", on_di.as_str().into()));
            }
            RecapMismatch::TrainingHours { given, on_di } => {
                details.push(("given", given.as_str().into()));
                details.push(("on_di", on_di.as_str().into()));
            }
        }
        details
    }
}

impl Diagnostic for ProcedureError {
    fn family(&self) -> crate::diagnostic::Family {
        crate::diagnostic::Family::Procedure
    }

    fn code(&self) -> &'static str {
        use ProcedureError as E;
        match self {
            E::PeriodInverted { .. } => "PERIOD_INVERTED",
            E::DateOutOfRange { .. } => "DATE_OUT_OF_RANGE",
            E::RuleNotCovered { .. } => "RULE_NOT_COVERED",
            E::YearOutOfRange { .. } => "YEAR_OUT_OF_RANGE",
            E::EmployeesRequired => "DA_EMPLOYEES_REQUIRED",
            E::HoursNotPositive { .. } => "HOURS_NOT_POSITIVE",
            E::CseOpinionRequired { .. } => "DA_CSE_OPINION_REQUIRED",
            E::WorksRequireRestructuring => "DA_WORKS_REQUIRE_RESTRUCTURING",
            E::FilingWindowClosed { .. } => "DA_FILING_WINDOW_CLOSED",
            E::DurationExceeded { .. } => "DA_DURATION_EXCEEDED",
            E::CumulativeDurationExceeded { .. } => "DA_CUMULATIVE_DURATION_EXCEEDED",
            E::ReasonRequired { .. } => "REASON_REQUIRED",
            E::ReasonInvalid { .. } => "REASON_INVALID",
            E::DaAlreadyDecided { .. } => "DA_ALREADY_DECIDED",
            E::DecisionOutsideRequest => "DA_DECISION_OUTSIDE_REQUEST",
            E::DecisionNumberRequired => "DA_DECISION_NUMBER_REQUIRED",
            E::DecisionNumberInvalid { .. } => "DA_DECISION_NUMBER_INVALID",
            E::DaTextInvalid { .. } => "DA_TEXT_INVALID",
            E::DecisionHoursExceeded { .. } => "DA_DECISION_HOURS_EXCEEDED",
            E::NotYetDue { .. } => "NOT_YET_DUE",
            E::DaNotAuthorised { .. } => "DA_NOT_AUTHORISED",
            E::MonthOutsidePeriod { .. } => "DI_MONTH_OUTSIDE_PERIOD",
            E::DiDuplicateMonth { .. } => "DI_DUPLICATE_MONTH",
            E::DiClaimDeadlinePassed { .. } => "DI_CLAIM_DEADLINE_PASSED",
            E::DiMonthNotEnded { .. } => "DI_MONTH_NOT_ENDED",
            E::NoEmployeeLine => "DI_NO_EMPLOYEE_LINE",
            E::NirInvalid { .. } => "DI_NIR_INVALID",
            E::NegativeHours { .. } => "DI_NEGATIVE_HOURS",
            E::HoursOutOfRange { .. } => "DI_HOURS_OUT_OF_RANGE",
            E::EmployeeNameRequired { .. } => "DI_EMPLOYEE_NAME_REQUIRED",
            E::EmployeeNameInvalid { .. } => "DI_EMPLOYEE_NAME_INVALID",
            E::DuplicateEmployee { .. } => "DI_DUPLICATE_EMPLOYEE",
            E::TrainingExceedsHours { .. } => "DI_TRAINING_EXCEEDS_HOURS",
            E::AuthorisedHoursExceeded { .. } => "DI_AUTHORISED_HOURS_EXCEEDED",
            E::AnnualQuotaExceeded { .. } => "DI_ANNUAL_QUOTA_EXCEEDED",
            E::NotRejectedByIncident { .. } => "DI_NOT_REJECTED_BY_INCIDENT",
            E::RejectedByIncident => "DI_REJECTED_BY_INCIDENT",
            E::AmountNotPositive { .. } => "AMOUNT_NOT_POSITIVE",
            E::AmountInvalid { .. } => "AMOUNT_INVALID",
            E::ClawbackExceedsPayment { .. } => "DI_CLAWBACK_EXCEEDS_PAYMENT",
            E::PaidBeforeSubmission { .. } => "DI_PAID_BEFORE_SUBMISSION",
            E::DiCodeEmpty => "DI_CODE_EMPTY",
            E::DiCodeInvalidCharacter { .. } => "DI_CODE_INVALID_CHARACTER",
            E::DiCodeTooLong { .. } => "DI_CODE_TOO_LONG",
            E::DiCodeNotFound { .. } => "DI_CODE_NOT_FOUND",
            E::RecapNotAvailable { .. } => "RECAP_NOT_AVAILABLE",
            E::RecapClaimMismatch { .. } => "RECAP_CLAIM_MISMATCH",
            E::MotiveRequired => "MOTIVE_REQUIRED",
            E::MotiveUnknown { .. } => "MOTIVE_UNKNOWN",
            E::IbanInvalid => "IBAN_INVALID",
        }
    }

    fn message(&self, lang: Lang) -> String {
        use ProcedureError as E;
        let (fr, en) = match self {
            E::PeriodInverted { start, end } => (
                format!("période inversée : fin {end} avant début {start}"),
                format!("inverted period: end {end} before start {start}"),
            ),
            E::DateOutOfRange { field, date } => (
                format!("date `{field}` hors des années 0000 à 9999 : {date}"),
                format!("date `{field}` outside the years 0000 to 9999: {date}"),
            ),
            E::YearOutOfRange { year } => (
                format!("année {year} hors de 0000 à 9999"),
                format!("year {year} outside 0000 to 9999"),
            ),
            E::RuleNotCovered { rule, date } => (
                format!("la règle `{rule}` n'a pas de valeur au {date}"),
                format!("rule `{rule}` has no value on {date}"),
            ),
            E::EmployeesRequired => (
                "au moins un salarié doit être concerné".to_owned(),
                "at least one employee must be concerned".to_owned(),
            ),
            E::HoursNotPositive { field } => (
                format!("le nombre d'heures `{field}` doit être positif"),
                format!("the hours `{field}` must be positive"),
            ),
            E::CseOpinionRequired { headcount } => (
                format!("l'avis du CSE est requis à partir de 50 salariés ({headcount} déclarés)"),
                format!("the CSE opinion is required from 50 employees ({headcount} declared)"),
            ),
            E::WorksRequireRestructuring => (
                "le contingent travaux de modernisation exige le motif 4° (modernisation)"
                    .to_owned(),
                "the modernisation-works quota requires motive 4° (modernisation)".to_owned(),
            ),
            E::FilingWindowClosed {
                placement,
                last_day,
                filed_on,
            } => (
                format!(
                    "demande déposée le {filed_on}, trop tard pour un placement au {placement} (dernier jour : {last_day})"
                ),
                format!(
                    "request filed on {filed_on}, too late for a placement on {placement} (last day: {last_day})"
                ),
            ),
            E::DurationExceeded {
                max_months,
                last_allowed,
            } => (
                format!(
                    "durée supérieure au maximum de {max_months} mois (fin au plus tard le {last_allowed})"
                ),
                format!(
                    "duration above the maximum of {max_months} months (end on {last_allowed} at the latest)"
                ),
            ),
            E::CumulativeDurationExceeded {
                limit_days,
                total_days,
            } => (
                format!(
                    "durée cumulée de {total_days} jours sur 12 mois, au-delà de la limite de {limit_days} jours"
                ),
                format!(
                    "cumulative duration of {total_days} days over 12 months, above the limit of {limit_days} days"
                ),
            ),
            E::ReasonRequired { field } => (
                format!("un motif est requis (`{field}`)"),
                format!("a reason is required (`{field}`)"),
            ),
            E::ReasonInvalid { field, max } => (
                format!(
                    "le motif `{field}` tient en {max} caractères au plus, sans caractère de contrôle"
                ),
                format!(
                    "the reason `{field}` holds at most {max} characters, without control characters"
                ),
            ),
            E::DaAlreadyDecided { implicit_at } => {
                let at = format_instant(*implicit_at);
                (
                    format!("demande déjà acceptée implicitement le {at}"),
                    format!("request already implicitly accepted at {at}"),
                )
            }
            E::DecisionOutsideRequest => (
                "la période autorisée doit être comprise dans la période demandée".to_owned(),
                "the authorised period must lie within the requested period".to_owned(),
            ),
            E::DecisionNumberRequired => (
                "le numéro de la décision est requis".to_owned(),
                "the decision's number is required".to_owned(),
            ),
            E::DaTextInvalid { field, max } => (
                format!(
                    "« {field} » doit tenir en 1 à {max} caractères, sans caractère de contrôle"
                ),
                format!("'{field}' must hold 1 to {max} characters, without control characters"),
            ),
            E::DecisionNumberInvalid { max } => (
                format!(
                    "le numéro de la décision doit tenir en {max} caractères, sans caractère de contrôle"
                ),
                format!(
                    "the decision's number must fit in {max} characters, without control characters"
                ),
            ),
            E::DecisionHoursExceeded {
                authorised,
                requested,
            } => (
                format!("{authorised} h autorisées pour {requested} h demandées"),
                format!("{authorised} h authorised for {requested} h requested"),
            ),
            E::NotYetDue { due: Some(due) } => {
                let due = format_instant(*due);
                (
                    format!("pas encore échu (échéance {due})"),
                    format!("not due yet (due at {due})"),
                )
            }
            E::NotYetDue { due: None } => (
                "pas d'échéance : rien ne fixe encore cet instant".to_owned(),
                "no deadline: nothing sets that instant yet".to_owned(),
            ),
            E::DaNotAuthorised { state } => (
                format!("la demande d'autorisation n'est pas autorisée (état `{state}`)"),
                format!("the authorisation request is not authorised (state `{state}`)"),
            ),
            E::MonthOutsidePeriod { month } => (
                format!("le mois {month} est hors de la période autorisée"),
                format!("month {month} is outside the authorised period"),
            ),
            E::DiDuplicateMonth { month } => (
                format!("une demande d'indemnisation existe déjà pour {month}"),
                format!("a claim already exists for {month}"),
            ),
            E::DiClaimDeadlinePassed { last_day } => (
                format!("délai de dépôt dépassé (dernier jour : {last_day})"),
                format!("filing deadline passed (last day: {last_day})"),
            ),
            E::DiMonthNotEnded { month, from } => (
                format!("la demande d'indemnisation de {month} se dépose à partir du {from}"),
                format!("the claim for {month} can be sent from {from}"),
            ),
            E::NoEmployeeLine => (
                "la demande doit comporter au moins un salarié".to_owned(),
                "the claim must list at least one employee".to_owned(),
            ),
            E::NirInvalid { line } => (
                format!("NIR invalide à la ligne {}", line + 1),
                format!("invalid NIR on line {}", line + 1),
            ),
            E::EmployeeNameRequired { line } => (
                format!("nom du salarié manquant à la ligne {}", line + 1),
                format!("employee name missing on line {}", line + 1),
            ),
            E::EmployeeNameInvalid { line, max } => (
                format!(
                    "nom du salarié invalide à la ligne {} : caractère de contrôle, ou plus de \
                     {max} caractères",
                    line + 1
                ),
                format!(
                    "invalid employee name on line {}: a control character, or more than {max} \
                     characters",
                    line + 1
                ),
            ),
            E::DuplicateEmployee { line, first_line } => (
                format!(
                    "le salarié de la ligne {} figure déjà à la ligne {}",
                    line + 1,
                    first_line + 1
                ),
                format!(
                    "the employee on line {} is already on line {}",
                    line + 1,
                    first_line + 1
                ),
            ),
            E::TrainingExceedsHours { line } => (
                format!(
                    "heures de formation supérieures aux heures chômées à la ligne {}",
                    line + 1
                ),
                format!(
                    "training hours above the hours not worked on line {}",
                    line + 1
                ),
            ),
            E::NegativeHours { line } => (
                format!("heures négatives à la ligne {}", line + 1),
                format!("negative hours on line {}", line + 1),
            ),
            E::HoursOutOfRange { field, line, max } => {
                let (at_fr, at_en) = match line {
                    Some(l) => (format!(" (n° {})", l + 1), format!(" (no. {})", l + 1)),
                    None => (String::new(), String::new()),
                };
                let (max_fr, max_en) = match max {
                    Some(m) => (format!(" : de 0 à {m} h"), format!(": 0 to {m} h")),
                    None => (
                        " : total trop grand".to_owned(),
                        ": total too large".to_owned(),
                    ),
                };
                (
                    format!("heures hors limites pour {field}{at_fr}{max_fr}"),
                    format!("hours out of range for {field}{at_en}{max_en}"),
                )
            }
            E::AuthorisedHoursExceeded {
                authorised,
                claimed,
            } => (
                format!("{claimed} h demandées pour {authorised} h autorisées"),
                format!("{claimed} h claimed for {authorised} h authorised"),
            ),
            E::AnnualQuotaExceeded {
                line,
                year,
                quota,
                total,
            } => (
                format!(
                    "contingent annuel {year} dépassé à la ligne {} : {total} h pour {quota} h",
                    line + 1
                ),
                format!(
                    "{year} annual quota exceeded on line {}: {total} h for {quota} h",
                    line + 1
                ),
            ),
            E::NotRejectedByIncident {
                incident_id: Some(incident_id),
            } => (
                format!("la demande n'a pas été rejetée par l'incident {incident_id}"),
                format!("the claim was not rejected by incident {incident_id}"),
            ),
            E::NotRejectedByIncident { incident_id: None } => (
                "la demande n'a pas été rejetée par un incident".to_owned(),
                "the claim was not rejected by an incident".to_owned(),
            ),
            E::RejectedByIncident => (
                "rejet dû à un incident : la régularisation est faite par l'ASP".to_owned(),
                "rejected by an incident: the ASP regularises it".to_owned(),
            ),
            E::AmountNotPositive { field } => (
                format!("le montant `{field}` doit être positif"),
                format!("the amount `{field}` must be positive"),
            ),
            E::AmountInvalid { field, max } => (
                format!("le montant `{field}` s'écrit au centime, {max} € au plus"),
                format!("the amount `{field}` is in cents, at most {max} €"),
            ),
            E::ClawbackExceedsPayment { paid, clawback } => (
                format!("reversement de {clawback} € pour {paid} € payés"),
                format!("clawback of {clawback} € for {paid} € paid"),
            ),
            E::PaidBeforeSubmission {
                paid_on,
                submitted_on,
            } => (
                format!(
                    "paiement daté du {paid_on}, avant l'envoi de la demande le {submitted_on}"
                ),
                format!("payment dated {paid_on}, before the claim was sent on {submitted_on}"),
            ),
            E::DiCodeEmpty => ("code DI vide".to_owned(), "empty DI code".to_owned()),
            E::DiCodeInvalidCharacter { character, index } => (
                format!(
                    "caractère « {character} » invalide en position {position} du code DI",
                    position = index.saturating_add(1)
                ),
                format!(
                    "invalid character '{character}' at position {position} of the DI code",
                    position = index.saturating_add(1)
                ),
            ),
            E::DiCodeTooLong { length, max } => (
                format!("code DI trop long : {length} caractères, {max} au plus"),
                format!("DI code too long: {length} characters, at most {max}"),
            ),
            E::DiCodeNotFound { code } => (
                format!(
                    "code DI {code} inconnu : copiez-le depuis l'écran de la demande d'autorisation"
                ),
                format!("unknown DI code {code}: copy it from the authorisation request screen"),
            ),
            E::RecapNotAvailable { kind, state } => (
                format!("récapitulatif `{kind}` indisponible dans l'état `{state}`"),
                format!("recap `{kind}` not available in state `{state}`"),
            ),
            E::RecapClaimMismatch { line, mismatch } => {
                let (fr, en) = mismatch.messages();
                let line = line.saturating_add(1);
                (
                    format!(
                        "montants du récapitulatif : la ligne {line} ne correspond pas à la DI ({fr})"
                    ),
                    format!("recap amounts: line {line} does not match the DI ({en})"),
                )
            }
            E::MotiveRequired => (
                "veuillez sélectionner un motif".to_owned(),
                "please select a motive".to_owned(),
            ),
            E::MotiveUnknown { code } => (
                format!("motif inconnu « {code} »"),
                format!("unknown motive `{code}`"),
            ),
            E::IbanInvalid => (
                "IBAN invalide (code pays, clé, puis 30 lettres ou chiffres au plus ; clé de \
                 contrôle fausse ?)"
                    .to_owned(),
                "invalid IBAN (country code, check digits, then at most 30 letters or digits; \
                 wrong check digits?)"
                    .to_owned(),
            ),
        };
        match lang {
            Lang::En => en,
            _ => fr,
        }
    }

    fn details(&self) -> Vec<Detail> {
        use ProcedureError as E;
        match self {
            E::PeriodInverted { start, end } => vec![
                ("start", start.to_string().into()),
                ("end", end.to_string().into()),
            ],
            E::DateOutOfRange { field, date } => vec![
                ("field", (*field).into()),
                ("date", date.to_string().into()),
            ],
            E::YearOutOfRange { year } => vec![("year", (*year).into())],
            E::RuleNotCovered { rule, date } => {
                vec![("rule", (*rule).into()), ("date", date.to_string().into())]
            }
            E::EmployeesRequired
            | E::WorksRequireRestructuring
            | E::DecisionOutsideRequest
            | E::DecisionNumberRequired
            | E::NoEmployeeLine
            | E::RejectedByIncident
            | E::DiCodeEmpty
            | E::MotiveRequired => Vec::new(),
            E::IbanInvalid => vec![("field", "iban".into())],
            E::MotiveUnknown { code } => vec![("code", code.clone().into())],
            E::HoursNotPositive { field }
            | E::ReasonRequired { field }
            | E::AmountNotPositive { field } => vec![("field", (*field).into())],
            E::ReasonInvalid { field, max } => {
                vec![("field", (*field).into()), ("max", (*max).into())]
            }
            E::AmountInvalid { field, max } => {
                vec![("field", (*field).into()), ("max", max.clone().into())]
            }
            E::ClawbackExceedsPayment { paid, clawback } => vec![
                ("paid", paid.clone().into()),
                ("clawback", clawback.clone().into()),
            ],
            E::PaidBeforeSubmission {
                paid_on,
                submitted_on,
            } => vec![
                ("paid_on", paid_on.to_string().into()),
                ("submitted_on", submitted_on.to_string().into()),
            ],
            E::CseOpinionRequired { headcount } => vec![("headcount", (*headcount).into())],
            E::FilingWindowClosed {
                placement,
                last_day,
                filed_on,
            } => vec![
                ("placement", placement.to_string().into()),
                ("last_day", last_day.to_string().into()),
                ("filed_on", filed_on.to_string().into()),
            ],
            E::DurationExceeded {
                max_months,
                last_allowed,
            } => vec![
                ("max_months", (*max_months).into()),
                ("last_allowed", last_allowed.to_string().into()),
            ],
            E::CumulativeDurationExceeded {
                limit_days,
                total_days,
            } => vec![
                ("limit_days", (*limit_days).into()),
                ("total_days", (*total_days).into()),
            ],
            E::DaAlreadyDecided { implicit_at } => {
                vec![("implicit_at", format_instant(*implicit_at).into())]
            }
            E::NotYetDue { due } => due
                .iter()
                .map(|at| ("due", format_instant(*at).into()))
                .collect(),
            E::DaNotAuthorised { state } => vec![("state", (*state).into())],
            E::MonthOutsidePeriod { month } | E::DiDuplicateMonth { month } => {
                vec![("month", month.clone().into())]
            }
            E::DiClaimDeadlinePassed { last_day } => {
                vec![("last_day", last_day.to_string().into())]
            }
            E::DiMonthNotEnded { month, from } => vec![
                ("month", month.clone().into()),
                ("from", from.to_string().into()),
            ],
            E::DecisionNumberInvalid { max } => vec![("max", (*max).into())],
            E::DaTextInvalid { field, max } => {
                vec![("field", (*field).into()), ("max", (*max).into())]
            }
            E::DecisionHoursExceeded {
                authorised,
                requested,
            } => vec![
                ("authorised", authorised.clone().into()),
                ("requested", requested.clone().into()),
            ],
            E::DuplicateEmployee { line, first_line } => vec![
                ("line", (*line).into()),
                ("first_line", (*first_line).into()),
            ],
            E::NirInvalid { line }
            | E::NegativeHours { line }
            | E::EmployeeNameRequired { line }
            | E::TrainingExceedsHours { line } => {
                vec![("line", (*line).into())]
            }
            E::EmployeeNameInvalid { line, max } => {
                vec![("line", (*line).into()), ("max", (*max).into())]
            }
            E::HoursOutOfRange { field, line, max } => {
                let mut details = vec![("field", (*field).into())];
                details.extend(line.map(|l| ("line", l.into())));
                details.extend(max.map(|m| ("max", m.into())));
                details
            }
            E::AuthorisedHoursExceeded {
                authorised,
                claimed,
            } => vec![
                ("authorised", authorised.clone().into()),
                ("claimed", claimed.clone().into()),
            ],
            E::AnnualQuotaExceeded {
                line,
                year,
                quota,
                total,
            } => vec![
                ("line", (*line).into()),
                ("year", (*year).into()),
                ("quota", quota.clone().into()),
                ("total", total.clone().into()),
            ],
            E::NotRejectedByIncident { incident_id } => incident_id
                .iter()
                .map(|id| ("incident_id", id.clone().into()))
                .collect(),
            E::DiCodeInvalidCharacter { character, index } => vec![
                ("character", character.clone().into()),
                ("index", (*index).into()),
            ],
            E::DiCodeTooLong { length, max } => {
                vec![("length", (*length).into()), ("max", (*max).into())]
            }
            E::DiCodeNotFound { code } => vec![
                ("code", code.clone().into()),
                ("hint", "copy_from_da_screen".into()),
            ],
            E::RecapNotAvailable { kind, state } => {
                vec![("kind", (*kind).into()), ("state", (*state).into())]
            }
            E::RecapClaimMismatch { line, mismatch } => {
                let mut details = vec![("line", (*line).into())];
                details.extend(mismatch.details());
                details
            }
        }
    }
}
french_display!(ProcedureError);

impl From<&ProcedureError> for crate::machine::Refusal {
    fn from(error: &ProcedureError) -> Self {
        crate::machine::Refusal::from_diagnostic(error)
    }
}

impl From<ProcedureError> for crate::machine::Refusal {
    fn from(error: ProcedureError) -> Self {
        crate::machine::Refusal::from_diagnostic(&error)
    }
}

/// Why a recap could not be made from a snapshot given as JSON
/// ([`Recap::from_snapshot_json`](super::recap::Recap::from_snapshot_json)): the snapshot was
/// refused, or the recap is not available in its state. Each variant keeps its error's code and
/// family.
///
/// ```
/// use apart::procedure::recap::Recap;
/// use apart::procedure::RecapKind;
/// let err = Recap::from_snapshot_json("{}", RecapKind::DaSubmitted, None).unwrap_err();
/// assert_eq!(apart::Diagnostic::code(&err), "SNAPSHOT_MALFORMED");
/// assert_eq!(apart::Error::from(err).code(), "SNAPSHOT_MALFORMED");
/// # use apart::Diagnostic;
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RecapError {
    /// The snapshot could not be restored (`SNAPSHOT_*`).
    Snapshot(SnapshotError),
    /// The recap is not available for this snapshot (`RECAP_NOT_AVAILABLE`, …).
    Procedure(ProcedureError),
}

impl From<SnapshotError> for RecapError {
    fn from(e: SnapshotError) -> Self {
        RecapError::Snapshot(e)
    }
}

impl From<ProcedureError> for RecapError {
    fn from(e: ProcedureError) -> Self {
        RecapError::Procedure(e)
    }
}

impl RecapError {
    fn inner(&self) -> &dyn Diagnostic {
        match self {
            RecapError::Snapshot(e) => e,
            RecapError::Procedure(e) => e,
        }
    }
}

impl Diagnostic for RecapError {
    fn family(&self) -> crate::diagnostic::Family {
        self.inner().family()
    }

    fn code(&self) -> &'static str {
        self.inner().code()
    }

    fn message(&self, lang: Lang) -> String {
        self.inner().message(lang)
    }

    fn details(&self) -> Vec<Detail> {
        self.inner().details()
    }
}
french_display!(RecapError);
