//! Why an indemnity computation was refused, and the warnings of an accepted one.

use crate::calendar::format_date;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Detail, Diagnostic, Lang, french_display};
use crate::law::LawError;
use crate::value::ValueError;

/// Why an indemnity could not be computed.
///
/// NOTE: the codes returned by [`Diagnostic::code`] are public API: never renamed or reused.
/// A [`LawError`] (a parameter missing for the date) keeps its own `LAW_*` code.
///
/// ```
/// use apart::indemnity::{compute, EmployeeMonth, Options};
/// use apart::law::LawBook;
/// use apart::{Diagnostic, Lang};
///
/// let book = LawBook::builtin()?;
/// let input = EmployeeMonth::new("2020-02".parse()?, "2000".parse()?, "70".parse()?);
/// let err = compute(&book, &input, &Options::default()).unwrap_err();
/// assert_eq!(err.code(), "LAW_DATE_BEFORE_FIRST");
/// assert!(err.message(Lang::En).contains("2020-03-01"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum IndemnityError {
    /// A parameter table has no value for the date of the hours (before 2020-03, after the
    /// last known date, or a period the sources do not cover).
    Law(LawError),
    /// A value could not be read (an enum spelling, a decimal): the core's typed error.
    Input(ValueError),
    /// An hours field is negative or absurd (more hours than a month has, or a contract of
    /// less than one hour a month).
    HoursOutOfRange {
        /// The input field.
        field: &'static str,
        /// The value given.
        value: String,
        /// The smallest accepted value.
        min: String,
        /// The largest accepted value.
        max: String,
    },
    /// The monthly pay is negative, zero or absurd.
    SalaryOutOfRange {
        /// The input field.
        field: &'static str,
        /// The value given.
        value: String,
        /// The smallest accepted value.
        min: String,
        /// The largest accepted value.
        max: String,
    },
    /// `hours_date` is not in `month`.
    DateOutsideMonth {
        /// The date given.
        date: String,
        /// The month.
        month: String,
    },
    /// The regime is not in force on the date of the hours.
    RegimeNotInForce {
        /// The regime.
        regime: &'static str,
        /// The date of the hours.
        date: String,
        /// The table that says so.
        table: &'static str,
        /// The first day the regime is in force after `date`, if it comes back.
        from: Option<time::Date>,
        /// The last day it was in force before `date`, if it was.
        until: Option<time::Date>,
        /// The law table's note on its row (in English, as the law data is).
        hint: String,
    },
    /// The regime does not exist in this territory (the Chido regime is Mayotte only).
    RegimeNotInTerritory {
        /// The regime.
        regime: &'static str,
        /// The territory.
        territory: &'static str,
    },
    /// CSG/CRDS asked for a territory without them (Mayotte: spec §1.6; its own sickness
    /// contribution is not computed).
    NoContributionsInTerritory {
        /// The territory.
        territory: &'static str,
    },
    /// Both `hours_not_worked` and `days_not_worked` were given, or days are not whole or
    /// half days.
    InvalidDays {
        /// What is wrong.
        problem: InputProblem,
    },
    /// A value needed by the rule in force was not given.
    MissingInput {
        /// The input field.
        field: &'static str,
        /// The article that needs it (`R5122-18 al. 4`).
        rule: &'static str,
    },
    /// Inputs that are each readable but that the rules refuse: out of what the rule allows,
    /// or given together when they exclude each other.
    InvalidInput {
        /// The input field.
        field: &'static str,
        /// What is wrong.
        problem: InputProblem,
    },
    /// A line of a claim is for another month than the claim.
    ClaimMonthMismatch {
        /// The claim's month.
        claim: String,
        /// The line's month.
        line: String,
    },
}

impl From<ValueError> for IndemnityError {
    fn from(e: ValueError) -> Self {
        IndemnityError::Input(e)
    }
}

impl From<LawError> for IndemnityError {
    fn from(e: LawError) -> Self {
        IndemnityError::Law(e)
    }
}

impl Diagnostic for IndemnityError {
    fn family(&self) -> crate::diagnostic::Family {
        match self {
            IndemnityError::Input(e) => e.family(),
            // A law error keeps its family: one code, one family, whoever meets it.
            IndemnityError::Law(e) => e.family(),
            _ => crate::diagnostic::Family::Indemnity,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            IndemnityError::Law(e) => e.code(),
            IndemnityError::Input(e) => e.code(),
            IndemnityError::HoursOutOfRange { .. } => "INDEMNITY_HOURS_OUT_OF_RANGE",
            IndemnityError::SalaryOutOfRange { .. } => "INDEMNITY_SALARY_OUT_OF_RANGE",
            IndemnityError::DateOutsideMonth { .. } => "INDEMNITY_DATE_OUTSIDE_MONTH",
            IndemnityError::RegimeNotInForce { .. } => "INDEMNITY_REGIME_NOT_IN_FORCE",
            IndemnityError::RegimeNotInTerritory { .. } => "INDEMNITY_REGIME_NOT_IN_TERRITORY",
            IndemnityError::NoContributionsInTerritory { .. } => {
                "INDEMNITY_NO_CONTRIBUTIONS_IN_TERRITORY"
            }
            IndemnityError::InvalidDays { .. } => "INDEMNITY_INVALID_DAYS",
            IndemnityError::MissingInput { .. } => "INDEMNITY_MISSING_INPUT",
            IndemnityError::InvalidInput { .. } => "INDEMNITY_INVALID_INPUT",
            IndemnityError::ClaimMonthMismatch { .. } => "INDEMNITY_CLAIM_MONTH_MISMATCH",
        }
    }

    fn message(&self, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        match self {
            IndemnityError::Law(e) => e.message(lang),
            IndemnityError::Input(e) => e.message(lang),
            IndemnityError::HoursOutOfRange {
                field,
                value,
                min,
                max,
            } => {
                if fr {
                    format!(
                        "heures hors limites pour {field} : {value} (attendu entre {min} et {max})"
                    )
                } else {
                    format!("hours out of range for {field}: {value} (expected {min} to {max})")
                }
            }
            IndemnityError::SalaryOutOfRange {
                field,
                value,
                min,
                max,
            } => {
                if fr {
                    format!(
                        "rémunération hors limites pour {field} : {value} (attendu entre {min} et {max})"
                    )
                } else {
                    format!("pay out of range for {field}: {value} (expected {min} to {max})")
                }
            }
            IndemnityError::DateOutsideMonth { date, month } => {
                if fr {
                    format!("la date des heures {date} n'est pas dans le mois {month}")
                } else {
                    format!("the date of the hours {date} is not in month {month}")
                }
            }
            IndemnityError::RegimeNotInForce {
                regime,
                date,
                from,
                until,
                ..
            } => {
                // The dates it is in force say what to do; the table's note (English) stays in
                // the details.
                let (until, from) = (until.map(format_date), from.map(format_date));
                let when = match (until, from, fr) {
                    (Some(u), Some(f), true) => {
                        format!(" : en vigueur jusqu'au {u} et à partir du {f}")
                    }
                    (Some(u), Some(f), false) => format!(": in force until {u} and from {f}"),
                    (Some(u), None, true) => format!(" : en vigueur jusqu'au {u}"),
                    (Some(u), None, false) => format!(": in force until {u}"),
                    (None, Some(f), true) => format!(" : en vigueur à partir du {f}"),
                    (None, Some(f), false) => format!(": in force from {f}"),
                    (None, None, _) => String::new(),
                };
                if fr {
                    format!("régime {regime} non applicable au {date}{when}")
                } else {
                    format!("regime {regime} not in force on {date}{when}")
                }
            }
            IndemnityError::RegimeNotInTerritory { regime, territory } => {
                if fr {
                    format!("régime {regime} inexistant pour le territoire {territory}")
                } else {
                    format!("regime {regime} does not exist in territory {territory}")
                }
            }
            IndemnityError::NoContributionsInTerritory { territory } => {
                if fr {
                    format!(
                        "pas de CSG/CRDS sur l'indemnité dans le territoire {territory} (sa contribution maladie n'est pas calculée)"
                    )
                } else {
                    format!(
                        "no CSG/CRDS on the indemnity in territory {territory} (its sickness contribution is not computed)"
                    )
                }
            }
            IndemnityError::InvalidDays { problem } => {
                let problem = problem.message(lang);
                if fr {
                    format!("jours non travaillés invalides : {problem}")
                } else {
                    format!("invalid days not worked: {problem}")
                }
            }
            IndemnityError::MissingInput { field, rule } => {
                if fr {
                    format!("donnée manquante : {field} (nécessaire selon l'article {rule})")
                } else {
                    format!("missing input: {field} (needed by article {rule})")
                }
            }
            IndemnityError::InvalidInput { field, problem } => {
                let problem = problem.message(lang);
                if fr {
                    format!("donnée invalide pour {field} : {problem}")
                } else {
                    format!("invalid input for {field}: {problem}")
                }
            }
            IndemnityError::ClaimMonthMismatch { claim, line } => {
                if fr {
                    format!("ligne du mois {line} dans une demande du mois {claim}")
                } else {
                    format!("line for month {line} in a claim for month {claim}")
                }
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            IndemnityError::Law(e) => e.details(),
            IndemnityError::Input(e) => e.details(),
            IndemnityError::HoursOutOfRange {
                field,
                value,
                min,
                max,
            }
            | IndemnityError::SalaryOutOfRange {
                field,
                value,
                min,
                max,
            } => vec![
                ("field", (*field).into()),
                ("value", value.as_str().into()),
                ("min", min.as_str().into()),
                ("max", max.as_str().into()),
            ],
            IndemnityError::DateOutsideMonth { date, month } => {
                vec![
                    ("date", date.as_str().into()),
                    ("month", month.as_str().into()),
                ]
            }
            IndemnityError::RegimeNotInForce {
                regime,
                date,
                table,
                from,
                until,
                hint,
            } => {
                let mut details: Vec<Detail> = vec![
                    ("regime", (*regime).into()),
                    ("date", date.as_str().into()),
                    ("table", (*table).into()),
                ];
                if let Some(from) = from {
                    details.push(("from", format_date(*from).into()));
                }
                if let Some(until) = until {
                    details.push(("until", format_date(*until).into()));
                }
                details.push(("hint", hint.as_str().into()));
                details
            }
            IndemnityError::RegimeNotInTerritory { regime, territory } => {
                vec![
                    ("regime", (*regime).into()),
                    ("territory", (*territory).into()),
                ]
            }
            IndemnityError::NoContributionsInTerritory { territory } => {
                vec![("territory", (*territory).into())]
            }
            IndemnityError::InvalidDays { problem } => problem.details(),
            IndemnityError::MissingInput { field, rule } => {
                vec![("field", (*field).into()), ("rule", (*rule).into())]
            }
            IndemnityError::InvalidInput { field, problem } => {
                let mut details = vec![("field", (*field).into())];
                details.extend(problem.details());
                details
            }
            IndemnityError::ClaimMonthMismatch { claim, line } => {
                vec![
                    ("claim", claim.as_str().into()),
                    ("line", line.as_str().into()),
                ]
            }
        }
    }
}
french_display!(IndemnityError);

/// What is wrong with inputs the rules refuse (the reason of `INDEMNITY_INVALID_INPUT` and
/// `INDEMNITY_INVALID_DAYS`), typed so that it is said in French and English and a program can
/// tell one from another (the `problem` field).
///
/// ```
/// use apart::indemnity::{compute, EmployeeMonth, IndemnityError, InputProblem, Options};
/// use apart::law::LawBook;
/// use apart::{Diagnostic, Lang};
///
/// let mut input = EmployeeMonth::new("2026-01".parse()?, "2000".parse()?, "0".parse()?);
/// input.days_not_worked = Some("2.3".parse()?);
/// let err = compute(LawBook::shared()?, &input, &Options::default()).unwrap_err();
/// assert!(matches!(err, IndemnityError::InvalidDays { problem: InputProblem::DaysNotHalves { .. } }));
/// assert_eq!(
///     err.message(Lang::Fr),
///     "jours non travaillés invalides : 2.3 jours, pas des jours ou demi-journées entiers \
///      (D5122-15 : 1 jour = 7 h, ½ jour = 3,5 h)"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputProblem {
    /// `hours_not_worked` and `days_not_worked` both given.
    HoursAndDays,
    /// Days not worked outside 0–31.
    DaysOutOfRange {
        /// The days given.
        days: String,
    },
    /// Days not worked that are not whole or half days (D5122-15).
    DaysNotHalves {
        /// The days given.
        days: String,
    },
    /// A complement rate outside 0–1.
    ComplementRateNotFraction {
        /// The rate given.
        rate: String,
    },
    /// `complement_rate` and `complement_amount` both given.
    ComplementRateAndAmount,
    /// APLD counters given for a regime other than `apld` and `apld_rebond`.
    ApldCountersOutsideApld,
    /// `apld_majorated_by` given outside the `apld` regime, or naming another regime than
    /// `covid_protected` or `covid_closed`.
    MajorationOutsideApld,
    /// An APLD month counter above the most an accord can hold.
    MonthsOutOfRange {
        /// The months given.
        months: String,
        /// The most accepted.
        max: String,
    },
    /// An APLD period longer than the reference period the text allows.
    ApldPeriodTooLong {
        /// The months given.
        months: String,
        /// The months allowed.
        allowed: String,
    },
}

impl InputProblem {
    /// A stable name of the problem, in snake case (the `problem` field of the errors).
    ///
    /// ```
    /// use apart::indemnity::InputProblem;
    /// assert_eq!(InputProblem::HoursAndDays.id(), "hours_and_days");
    /// ```
    pub fn id(&self) -> &'static str {
        match self {
            InputProblem::HoursAndDays => "hours_and_days",
            InputProblem::DaysOutOfRange { .. } => "days_out_of_range",
            InputProblem::DaysNotHalves { .. } => "days_not_halves",
            InputProblem::ComplementRateNotFraction { .. } => "complement_rate_not_fraction",
            InputProblem::ComplementRateAndAmount => "complement_rate_and_amount",
            InputProblem::ApldCountersOutsideApld => "apld_counters_outside_apld",
            InputProblem::MajorationOutsideApld => "majoration_outside_apld",
            InputProblem::ApldPeriodTooLong { .. } => "apld_period_too_long",
            InputProblem::MonthsOutOfRange { .. } => "months_out_of_range",
        }
    }

    /// What is wrong, in `lang`.
    ///
    /// ```
    /// use apart::indemnity::InputProblem;
    /// use apart::Lang;
    /// assert_eq!(
    ///     InputProblem::ComplementRateAndAmount.message(Lang::En),
    ///     "give complement_rate or complement_amount, not both"
    /// );
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        match self {
            InputProblem::HoursAndDays => if fr {
                "donnez hours_not_worked ou days_not_worked, pas les deux"
            } else {
                "give hours_not_worked or days_not_worked, not both"
            }
            .into(),
            InputProblem::DaysOutOfRange { days } => {
                if fr {
                    format!("{days} jours, hors de 0 à 31")
                } else {
                    format!("{days} days, outside 0 to 31")
                }
            }
            InputProblem::DaysNotHalves { days } => {
                if fr {
                    format!(
                        "{days} jours, pas des jours ou demi-journées entiers (D5122-15 : \
                         1 jour = 7 h, ½ jour = 3,5 h)"
                    )
                } else {
                    format!(
                        "{days} days, not whole or half days (D5122-15: 1 day = 7 h, ½ day = 3.5 h)"
                    )
                }
            }
            InputProblem::ComplementRateNotFraction { rate } => {
                if fr {
                    format!("{rate} n'est pas une fraction de 0 à 1 (0.8 pour 80 %)")
                } else {
                    format!("{rate} is not a fraction between 0 and 1 (0.8 is 80 %)")
                }
            }
            InputProblem::ComplementRateAndAmount => if fr {
                "donnez complement_rate ou complement_amount, pas les deux"
            } else {
                "give complement_rate or complement_amount, not both"
            }
            .into(),
            InputProblem::ApldCountersOutsideApld => if fr {
                "les compteurs APLD ne valent que pour les régimes apld et apld_rebond"
            } else {
                "the APLD counters are for regimes apld and apld_rebond only"
            }
            .into(),
            InputProblem::MajorationOutsideApld => if fr {
                "seulement pour le régime apld, avec covid_protected ou covid_closed"
            } else {
                "only for regime apld, with covid_protected or covid_closed"
            }
            .into(),
            InputProblem::MonthsOutOfRange { months, max } => {
                if fr {
                    format!("{months} mois, au-delà des {max} mois acceptés")
                } else {
                    format!("{months} months, above the {max} months accepted")
                }
            }
            InputProblem::ApldPeriodTooLong { months, allowed } => {
                if fr {
                    format!("{months} mois, plus que les {allowed} mois que permet le texte")
                } else {
                    format!("{months} months is longer than the {allowed} months the text allows")
                }
            }
        }
    }

    /// The structured fields: `problem` (its [`id`](InputProblem::id)), then its own.
    fn details(&self) -> Vec<Detail> {
        let mut details: Vec<Detail> = vec![("problem", self.id().into())];
        match self {
            InputProblem::DaysOutOfRange { days } | InputProblem::DaysNotHalves { days } => {
                details.push(("days", days.as_str().into()));
            }
            InputProblem::ComplementRateNotFraction { rate } => {
                details.push(("rate", rate.as_str().into()));
            }
            InputProblem::MonthsOutOfRange { months, max } => {
                details.push(("months", months.as_str().into()));
                details.push(("max", max.as_str().into()));
            }
            InputProblem::ApldPeriodTooLong { months, allowed } => {
                details.push(("months", months.as_str().into()));
                details.push(("allowed", allowed.as_str().into()));
            }
            InputProblem::HoursAndDays
            | InputProblem::ComplementRateAndAmount
            | InputProblem::ApldCountersOutsideApld
            | InputProblem::MajorationOutsideApld => {}
        }
        details
    }
}

/// Something the caller must know about an accepted computation: hours not compensated, a
/// value the engine could not compute, an unconfirmed parameter, law used after its verified
/// date. Nothing is silently clamped.
///
/// Serialised as `{"code": …, <fields>…, "messages": {"fr": …, "en": …}}`; reading accepts the
/// same (the messages are derived, so they are ignored on input).
///
/// ```
/// use apart::indemnity::Warning;
/// let w = Warning::QuotaExceeded { hours: "10".into(), quota: "1000".into() };
/// let json = serde_json::to_value(&w)?;
/// assert_eq!(json["code"], "QUOTA_EXCEEDED");
/// assert_eq!(json["messages"]["en"], "10 h beyond the annual quota of 1000 h: no allocation");
/// assert_eq!(serde_json::from_value::<Warning>(json)?, w);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "code", rename_all = "SCREAMING_SNAKE_CASE")]
#[non_exhaustive]
pub enum Warning {
    /// Hours not worked above the contractual hours: reported, not compensated.
    HoursAboveContract {
        /// Hours refused.
        hours: String,
    },
    /// Hours above the legal duration (151.67 h) without structural overtime: reported, not
    /// compensated (R5122-11, R5122-19).
    HoursAboveLegalDuration {
        /// Hours refused.
        hours: String,
    },
    /// Hours refused by the APLD or APLD-Rebond limits (`above_apld_reduction_limit`,
    /// `beyond_apld_max_duration`).
    HoursAboveApldLimit {
        /// Hours refused.
        hours: String,
        /// Which limit.
        reason: String,
    },
    /// Part of the hours exceed the annual quota: no allocation for them, the indemnity is
    /// still due.
    QuotaExceeded {
        /// Hours without allocation.
        hours: String,
        /// The quota of the year.
        quota: String,
    },
    /// The RMM complement needs both the RMM figure and the net pay for hours worked.
    RmmNotComputed,
    /// A full-timer's hourly indemnity is below the hourly floor and the RMM inputs
    /// (`rmm_net`, `net_pay_worked`) are missing: an RMM complement may be due.
    RmmInputsMissing {
        /// The hourly indemnity by the rate.
        hourly_indemnity: String,
        /// The floor of the date (or `unknown`).
        floor: String,
    },
    /// The net cap of R5122-18 lowered the hourly indemnity to the usual net hourly pay.
    NetCapApplied {
        /// The hourly indemnity before the cap.
        hourly_indemnity: String,
        /// The usual net hourly pay given.
        net_hourly_pay: String,
    },
    /// Part of the conventional complement is pay, not replacement income: its contributions
    /// are not computed.
    ComplementAsPay {
        /// The part that is pay.
        amount: String,
    },
    /// Mayotte has no CSG/CRDS; its sickness contribution (2.35 % or 3.06 %, date of change
    /// unconfirmed) is not computed.
    MayotteContributionNotComputed,
    /// A parameter row used is flagged `unconfirmed` in the data.
    UnconfirmedParameter {
        /// The table.
        table: String,
        /// The row's start date.
        from: String,
    },
    /// A floor whose value is `unknown` on the date was skipped: the rate already gives at
    /// least the highest floor the table has ever had, so it cannot bind.
    UnknownFloorSkipped {
        /// The table.
        table: String,
        /// The start of the unknown period.
        from: String,
        /// The highest known floor of the table.
        highest_known: String,
    },
    /// The date of the hours is after the date the law data is verified for: the rows in
    /// force were used (values stay in force until a text changes them).
    LawBeyondVerifiedDate {
        /// The date of the hours.
        date: String,
        /// The last verified date.
        verified_until: String,
    },
}

impl Warning {
    /// The stable code (`HOURS_ABOVE_CONTRACT`…), also the `code` field in JSON.
    pub fn code(&self) -> &'static str {
        match self {
            Warning::HoursAboveContract { .. } => "HOURS_ABOVE_CONTRACT",
            Warning::HoursAboveLegalDuration { .. } => "HOURS_ABOVE_LEGAL_DURATION",
            Warning::HoursAboveApldLimit { .. } => "HOURS_ABOVE_APLD_LIMIT",
            Warning::QuotaExceeded { .. } => "QUOTA_EXCEEDED",
            Warning::RmmNotComputed => "RMM_NOT_COMPUTED",
            Warning::RmmInputsMissing { .. } => "RMM_INPUTS_MISSING",
            Warning::NetCapApplied { .. } => "NET_CAP_APPLIED",
            Warning::ComplementAsPay { .. } => "COMPLEMENT_AS_PAY",
            Warning::MayotteContributionNotComputed => "MAYOTTE_CONTRIBUTION_NOT_COMPUTED",
            Warning::UnconfirmedParameter { .. } => "UNCONFIRMED_PARAMETER",
            Warning::UnknownFloorSkipped { .. } => "UNKNOWN_FLOOR_SKIPPED",
            Warning::LawBeyondVerifiedDate { .. } => "LAW_BEYOND_VERIFIED_DATE",
        }
    }

    /// The fields, by name (the JSON keys besides `code` and `messages`).
    pub fn fields(&self) -> Vec<(&'static str, &str)> {
        match self {
            Warning::HoursAboveContract { hours } | Warning::HoursAboveLegalDuration { hours } => {
                vec![("hours", hours)]
            }
            Warning::HoursAboveApldLimit { hours, reason } => {
                vec![("hours", hours), ("reason", reason)]
            }
            Warning::QuotaExceeded { hours, quota } => vec![("hours", hours), ("quota", quota)],
            Warning::RmmNotComputed | Warning::MayotteContributionNotComputed => Vec::new(),
            Warning::RmmInputsMissing {
                hourly_indemnity,
                floor,
            } => vec![("hourly_indemnity", hourly_indemnity), ("floor", floor)],
            Warning::NetCapApplied {
                hourly_indemnity,
                net_hourly_pay,
            } => vec![
                ("hourly_indemnity", hourly_indemnity),
                ("net_hourly_pay", net_hourly_pay),
            ],
            Warning::ComplementAsPay { amount } => vec![("amount", amount)],
            Warning::UnconfirmedParameter { table, from } => {
                vec![("table", table), ("from", from)]
            }
            Warning::UnknownFloorSkipped {
                table,
                from,
                highest_known,
            } => vec![
                ("table", table),
                ("from", from),
                ("highest_known", highest_known),
            ],
            Warning::LawBeyondVerifiedDate {
                date,
                verified_until,
            } => vec![("date", date), ("verified_until", verified_until)],
        }
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let fr = lang == Lang::Fr;
        match self {
            Warning::HoursAboveContract { hours } => {
                if fr {
                    format!("{hours} h au-delà de la durée contractuelle : non indemnisées")
                } else {
                    format!("{hours} h above the contractual hours: not compensated")
                }
            }
            Warning::HoursAboveLegalDuration { hours } => {
                if fr {
                    format!("{hours} h au-delà de la durée légale : non indemnisées")
                } else {
                    format!("{hours} h above the legal duration: not compensated")
                }
            }
            Warning::HoursAboveApldLimit { hours, reason } => {
                let beyond = reason == "beyond_apld_max_duration";
                match (fr, beyond) {
                    (true, true) => format!(
                        "{hours} h refusées : durée maximale d'indemnisation de l'APLD atteinte"
                    ),
                    (true, false) => format!(
                        "{hours} h refusées : au-delà de la réduction maximale de l'horaire prévue par l'accord d'APLD"
                    ),
                    (false, true) => {
                        format!("{hours} h refused: the APLD's maximum duration is reached")
                    }
                    (false, false) => format!(
                        "{hours} h refused: beyond the APLD accord's maximum reduction of working time"
                    ),
                }
            }
            Warning::QuotaExceeded { hours, quota } => {
                if fr {
                    format!("{hours} h au-delà du contingent annuel de {quota} h : sans allocation")
                } else {
                    format!("{hours} h beyond the annual quota of {quota} h: no allocation")
                }
            }
            Warning::RmmNotComputed => {
                if fr {
                    "complément RMM non calculé : RMM et salaire net des heures travaillées requis"
                        .into()
                } else {
                    "rmm complement not computed: rmm and net pay for hours worked needed".into()
                }
            }
            Warning::RmmInputsMissing {
                hourly_indemnity,
                floor,
            } => {
                if fr {
                    format!(
                        "indemnité horaire {hourly_indemnity} € sous le plancher {floor} € : un complément RMM peut être dû ; donnez rmm_net et net_pay_worked pour le calculer"
                    )
                } else {
                    format!(
                        "hourly indemnity {hourly_indemnity} € below the floor {floor} €: an RMM complement may be due; give rmm_net and net_pay_worked to compute it"
                    )
                }
            }
            Warning::NetCapApplied {
                hourly_indemnity,
                net_hourly_pay,
            } => {
                if fr {
                    format!(
                        "indemnité horaire {hourly_indemnity} € ramenée à la rémunération nette horaire habituelle {net_hourly_pay} € (R5122-18)"
                    )
                } else {
                    format!(
                        "hourly indemnity {hourly_indemnity} € capped at the usual net hourly pay {net_hourly_pay} € (R5122-18)"
                    )
                }
            }
            Warning::ComplementAsPay { amount } => {
                if fr {
                    format!(
                        "{amount} € du complément conventionnel sont du salaire : leurs cotisations ne sont pas calculées"
                    )
                } else {
                    format!(
                        "{amount} € of the conventional complement are pay: their contributions are not computed"
                    )
                }
            }
            Warning::MayotteContributionNotComputed => {
                if fr {
                    "Mayotte : contribution maladie non calculée (taux non confirmé)".into()
                } else {
                    "mayotte: sickness contribution not computed (rate unconfirmed)".into()
                }
            }
            Warning::UnconfirmedParameter { table, from } => {
                if fr {
                    format!("valeur non confirmée utilisée : {table} à partir du {from}")
                } else {
                    format!("unconfirmed value used: {table} from {from}")
                }
            }
            Warning::UnknownFloorSkipped {
                table,
                from,
                highest_known,
            } => {
                if fr {
                    format!(
                        "plancher {table} inconnu depuis le {from}, sans effet ici : le taux donne au moins {highest_known} €, le plus haut plancher connu"
                    )
                } else {
                    format!(
                        "floor {table} unknown from {from}, without effect here: the rate gives at least {highest_known} €, the highest floor known"
                    )
                }
            }
            Warning::LawBeyondVerifiedDate {
                date,
                verified_until,
            } => {
                if fr {
                    format!(
                        "heures du {date}, après le {verified_until} (dernière date vérifiée des données légales) : les valeurs en vigueur à cette date sont appliquées ; ajoutez tout texte plus récent dans un fichier de loi"
                    )
                } else {
                    format!(
                        "hours of {date}, after {verified_until} (the last date the law data is verified for): the values in force then are applied; add any later text in a law file"
                    )
                }
            }
        }
    }
}

impl Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let fields = self.fields();
        let mut map = serializer.serialize_map(Some(fields.len() + 2))?;
        map.serialize_entry("code", self.code())?;
        for (name, value) in fields {
            map.serialize_entry(name, value)?;
        }
        map.serialize_entry(
            "messages",
            &Messages {
                fr: self.message(Lang::Fr),
                en: self.message(Lang::En),
            },
        )?;
        map.end()
    }
}

#[derive(Serialize)]
struct Messages {
    fr: String,
    en: String,
}
