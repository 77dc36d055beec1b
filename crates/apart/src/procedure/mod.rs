//! The administrative path, from asking for authorisation to being paid: the authorisation
//! request (DA, machine G), the monthly claim (DI, machine H), the assistance request (machine
//! F, with the seed's form), the DI code, the recap document and its HTML rendering.
//!
//! Every lifecycle is a [`crate::machine`] transition table: callers drive it with
//! [`Snapshot::apply`](crate::machine::Snapshot::apply) and
//! [`Snapshot::tick`](crate::machine::Snapshot::tick), store the JSON snapshot, and carry out the
//! returned effects. The dated procedural parameters (decision delays, maximum durations, filing
//! deadlines, hour quotas) live in [`rules`], one table each, every row with its `from` date and
//! source.
//!
//! # The path in a few lines
//!
//! ```
//! use apart::machine::{Actor, Snapshot};
//! use apart::procedure::da::{DaContext, DaEvent, DaMachine, DaRequest, DaState};
//! use apart::procedure::di::{DiContext, DiEvent, DiLine, DiMachine, DiState, Rejection};
//! use apart::procedure::recap::Recap;
//! use apart::calendar::Month;
//! use apart::procedure::{DiCode, Establishment, Motive, Period, RecapKind};
//! use apart::siret::Siret;
//! use rust_decimal::Decimal;
//! use time::macros::{date, datetime};
//!
//! let establishment = Establishment::new(Siret::parse("73282932000074")?, "Boulangerie Martin");
//! let request = DaRequest::new(
//!     Motive::EconomicConditions,
//!     Period::new(date!(2022-03-01), date!(2022-05-31))?,
//!     4,
//!     Decimal::from(600),
//! );
//! // Filed before placement; nobody answers: accepted by silence after 15 days.
//! let da = Snapshot::<DaMachine>::new(DaContext::new("DA-1", establishment, request))?;
//! let da = da.apply(DaEvent::submit(), Actor::Principal, datetime!(2022-02-10 10:00 +1))?.snapshot;
//! let da = da.tick(datetime!(2022-02-26 00:00 +1))?.snapshot;
//! assert_eq!(da.state(), DaState::AuthorisedImplicit);
//!
//! // March's claim: filed, rejected by an incident, regularised by the ASP, then paid.
//! let code = DiCode::parse("DI 0001\u{a0}23")?;
//! let di = DiMachine::create(&da, code, Month::new(2022, 3)?, &[], datetime!(2022-04-02 09:00 +2))?;
//! let lines = vec![DiLine::new("Jeanne Martin", "269054958815780", Decimal::from(35))];
//! let di = di.apply(DiEvent::Edit { lines }, Actor::Principal, datetime!(2022-04-02 09:05 +2))?.snapshot;
//! let di = di.apply(DiEvent::submit(), Actor::Principal, datetime!(2022-04-02 09:10 +2))?.snapshot;
//! let di = di.apply(DiEvent::Reject { rejection: Rejection::incident("rejet automatique", "INC-2022-04-03") },
//!     Actor::System, datetime!(2022-04-03 02:00 +2))?.snapshot;
//! let di = di.apply(DiEvent::Regularise { incident_id: "INC-2022-04-03".into() },
//!     Actor::Asp, datetime!(2022-04-04 11:00 +2))?.snapshot;
//! assert_eq!(di.state(), DiState::Validated);
//!
//! // The recap "après validation": the same state always gives the same content and hash.
//! let recap = Recap::of_di(&di, RecapKind::DiValidated, None)?;
//! assert_eq!(recap.hash(), Recap::of_di(&di, RecapKind::DiValidated, None)?.hash());
//! assert!(recap.to_html().contains("26905*"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod assistance;
pub mod da;
pub mod di;
mod di_code;
mod error;
mod lists;
mod reason;
pub mod recap;
mod recap_html;
pub mod rules;

pub use di_code::DiCode;
pub use error::{ProcedureError, RecapError, RecapMismatch};
pub use lists::{DaStateInfo, DiStateInfo, assistance_motives, da_motives, da_states, di_states};
pub use reason::MAX_REASON_CHARS;
pub use rules::{HeldMachine, LawRef, machine_with_law};

use serde::{Deserialize, Serialize};
use time::Date;

use crate::calendar::Month;
use crate::siret::Siret;

/// A period of days, both ends included: `start <= end` always holds.
///
/// ```
/// use apart::procedure::Period;
/// use time::macros::date;
/// let p = Period::new(date!(2021-07-01), date!(2021-09-30))?;
/// assert_eq!(p.days(), 92);
/// assert_eq!(Period::new(date!(2021-07-02), date!(2021-07-01)).unwrap_err().code(), "PERIOD_INVERTED");
/// // A day that `YYYY-MM-DD` cannot write could not be stored.
/// assert_eq!(Period::new(date!(-0001-12-31), date!(2021-07-01)).unwrap_err().code(), "DATE_OUT_OF_RANGE");
/// # use apart::Diagnostic;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Period {
    /// The first day.
    #[serde(with = "crate::calendar::serde::date")]
    start: Date,
    /// The last day (included).
    #[serde(with = "crate::calendar::serde::date")]
    end: Date,
}

impl Period {
    /// The period from `start` to `end`, both included.
    ///
    /// # Errors
    ///
    /// `DATE_OUT_OF_RANGE` for a day outside the years 0000–9999 (it could not be stored),
    /// `PERIOD_INVERTED` when `end` is before `start`.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::Period;
    /// use apart::Diagnostic;
    /// use time::macros::date;
    /// // One day is a period: both ends are included.
    /// assert_eq!(Period::new(date!(2022-03-01), date!(2022-03-01))?.days(), 1);
    /// let inverted = Period::new(date!(2022-03-02), date!(2022-03-01)).unwrap_err();
    /// assert_eq!(inverted.code(), "PERIOD_INVERTED");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(start: Date, end: Date) -> Result<Period, ProcedureError> {
        for (field, date) in [("start", start), ("end", end)] {
            if !crate::calendar::is_storable_date(date) {
                return Err(ProcedureError::DateOutOfRange { field, date });
            }
        }
        if end < start {
            return Err(ProcedureError::PeriodInverted { start, end });
        }
        Ok(Period { start, end })
    }

    /// The first day.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::Period;
    /// use time::macros::date;
    /// let p = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// assert_eq!(p.start(), date!(2022-03-01));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn start(&self) -> Date {
        self.start
    }

    /// The last day (included).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::Period;
    /// use time::macros::date;
    /// let february = Period::of_month("2022-02".parse()?);
    /// assert_eq!(february.end(), date!(2022-02-28));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn end(&self) -> Date {
        self.end
    }

    /// The number of days, both ends included (at least 1).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::Period;
    /// use time::macros::date;
    /// // March, April and May 2022: 31 + 30 + 31 days.
    /// assert_eq!(Period::new(date!(2022-03-01), date!(2022-05-31))?.days(), 92);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn days(&self) -> i64 {
        (self.end - self.start).whole_days() + 1
    }

    /// Whether `other` lies entirely inside this period.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::Period;
    /// use time::macros::date;
    /// let authorised = Period::new(date!(2022-03-01), date!(2022-05-31))?;
    /// assert!(authorised.contains_period(&Period::of_month("2022-04".parse()?)));
    /// assert!(!authorised.contains_period(&Period::new(date!(2022-05-15), date!(2022-06-15))?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contains_period(&self, other: &Period) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The days both periods share, if any.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::Period;
    /// use time::macros::date;
    /// // The days of March an authorisation from 15 March covers.
    /// let authorised = Period::new(date!(2022-03-15), date!(2022-05-31))?;
    /// let march = authorised.intersection(&Period::of_month("2022-03".parse()?));
    /// assert_eq!(march, Some(Period::new(date!(2022-03-15), date!(2022-03-31))?));
    /// assert_eq!(authorised.intersection(&Period::of_month("2022-06".parse()?)), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn intersection(&self, other: &Period) -> Option<Period> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start <= end).then_some(Period { start, end })
    }
}

impl Period {
    /// The days of `month`.
    ///
    /// ```
    /// use apart::procedure::Period;
    /// let p = Period::of_month("2024-02".parse()?);
    /// assert_eq!(p.end().to_string(), "2024-02-29");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of_month(month: Month) -> Period {
        Period {
            start: month.first_day(),
            end: month.last_day(),
        }
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields, expecting = "struct Period")]
        struct Raw {
            #[serde(with = "crate::calendar::serde::date")]
            start: Date,
            #[serde(with = "crate::calendar::serde::date")]
            end: Date,
        }
        let raw = Raw::deserialize(d)?;
        Period::new(raw.start, raw.end).map_err(crate::diagnostic::de_refusal)
    }
}

/// The establishment a request is made for, as the recap prints it. Its SIRET is valid (a
/// [`Siret`]); JSON carries it as its 14 digits.
///
/// # Example
///
/// ```
/// use apart::procedure::Establishment;
/// use apart::siret::Siret;
/// let e = Establishment::new(Siret::parse("73282932000074")?, "Boulangerie Martin");
/// let json = r#"{"siret":"73282932000074","name":"Boulangerie Martin"}"#;
/// assert_eq!(serde_json::to_string(&e)?, json);
/// assert_eq!(serde_json::from_str::<Establishment>(json)?, e);
/// // A SIRET whose check digit is wrong is refused when read.
/// assert!(serde_json::from_str::<Establishment>(&json.replace("74", "75")).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Establishment {
    /// The SIRET.
    pub siret: Siret,
    /// The name (« raison sociale » or « dénomination »).
    pub name: String,
    /// The postal address, on one line, if the caller has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl Establishment {
    /// An establishment with no address.
    ///
    /// ```
    /// use apart::siret::Siret;
    /// let e = apart::procedure::Establishment::new(Siret::parse("73282932000074")?, "Boulangerie Martin");
    /// assert_eq!(e.siret.to_string(), "732 829 320 00074");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(siret: Siret, name: impl Into<String>) -> Establishment {
        Establishment {
            siret,
            name: name.into(),
            address: None,
        }
    }
}

crate::spelled_enum! {
    /// The motive of an authorisation request, one of the five of C. trav. R5122-1.
    ///
    /// The spellings are stable ([`Motive::as_str`]); [`Motive::label_fr`] gives the wording of
    /// the article.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::Motive;
    /// assert_eq!(Motive::ALL.len(), 5);
    /// assert_eq!(Motive::ExceptionalCircumstances.as_str(), "exceptional_circumstances");
    /// assert_eq!("disaster-or-weather".parse::<Motive>()?, Motive::DisasterOrWeather);
    /// assert_eq!(serde_json::to_string(&Motive::Restructuring)?, r#""restructuring""#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[derive(PartialOrd, Ord)]
    pub enum Motive: "motive" {
        /// 1° la conjoncture économique.
        EconomicConditions = "economic_conditions",
        /// 2° des difficultés d'approvisionnement en matières premières ou en énergie.
        SupplyDifficulties = "supply_difficulties",
        /// 3° un sinistre ou des intempéries de caractère exceptionnel.
        DisasterOrWeather = "disaster_or_weather",
        /// 4° la transformation, restructuration ou modernisation de l'entreprise.
        Restructuring = "restructuring",
        /// 5° toute autre circonstance de caractère exceptionnel (Covid-19 among them).
        ExceptionalCircumstances = "exceptional_circumstances",
    }
}

impl Motive {
    /// The item number in R5122-1 (1–5).
    ///
    /// ```
    /// assert_eq!(apart::procedure::Motive::DisasterOrWeather.item(), 3);
    /// ```
    pub fn item(self) -> u8 {
        match self {
            Motive::EconomicConditions => 1,
            Motive::SupplyDifficulties => 2,
            Motive::DisasterOrWeather => 3,
            Motive::Restructuring => 4,
            Motive::ExceptionalCircumstances => 5,
        }
    }

    /// The wording of R5122-1.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::Motive;
    /// let motive = Motive::EconomicConditions;
    /// assert_eq!((motive.item(), motive.label_fr()), (1, "La conjoncture économique"));
    /// ```
    pub fn label_fr(self) -> &'static str {
        match self {
            Motive::EconomicConditions => "La conjoncture économique",
            Motive::SupplyDifficulties => {
                "Des difficultés d'approvisionnement en matières premières ou en énergie"
            }
            Motive::DisasterOrWeather => "Un sinistre ou des intempéries de caractère exceptionnel",
            Motive::Restructuring => {
                "La transformation, restructuration ou modernisation de l'entreprise"
            }
            Motive::ExceptionalCircumstances => {
                "Toute autre circonstance de caractère exceptionnel"
            }
        }
    }
}

crate::spelled_enum! {
    /// Which recap: of a DA or a DI, at request time or after the decision.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::procedure::RecapKind;
    /// assert_eq!(RecapKind::DaDecision.as_str(), "da_decision");
    /// assert_eq!(serde_json::from_str::<RecapKind>(r#""di_submitted""#)?, RecapKind::DiSubmitted);
    /// assert!(RecapKind::DaSubmitted.title_fr().starts_with("Demande d'autorisation préalable"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
    pub enum RecapKind: "recap_kind" {
        /// A DA as submitted.
        DaSubmitted = "da_submitted",
        /// A DA after its decision (authorisation, silence, refusal or withdrawal).
        DaDecision = "da_decision",
        /// A DI as submitted (« au moment de la demande »).
        DiSubmitted = "di_submitted",
        /// A DI after validation (« après validation »), with its payment when made.
        DiValidated = "di_validated",
    }
}

impl RecapKind {
    /// The document's French title.
    ///
    /// ```
    /// use apart::procedure::RecapKind;
    /// assert_eq!("di-validated".parse::<RecapKind>()?, RecapKind::DiValidated);
    /// assert!(RecapKind::DiValidated.title_fr().ends_with("après validation"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn title_fr(self) -> &'static str {
        match self {
            RecapKind::DaSubmitted => {
                "Demande d'autorisation préalable — récapitulatif de la demande"
            }
            RecapKind::DaDecision => {
                "Demande d'autorisation préalable — récapitulatif de la décision"
            }
            RecapKind::DiSubmitted => "Demande d'indemnisation — récapitulatif de la demande",
            RecapKind::DiValidated => "Demande d'indemnisation — récapitulatif après validation",
        }
    }
}
