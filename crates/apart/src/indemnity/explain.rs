//! The explanation of a computation: one [`ExplanationStep`] per legal step, with its rule,
//! values, source and [`Rounding`].

use serde::{Deserialize, Serialize};

use crate::diagnostic::Lang;

/// How a step's figure was rounded: a value, so that every front end says it in its language
/// without matching text.
///
/// ```
/// use apart::indemnity::Rounding;
/// use apart::Lang;
/// assert_eq!(Rounding::Cent.as_str(), "cent");
/// assert_eq!(Rounding::Cent.message(Lang::Fr), "au centime, la moitié s'éloignant de zéro");
/// assert_eq!(Rounding::None.message(Lang::En), "none");
/// ```
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rounding {
    /// Not rounded: the exact decimal.
    #[default]
    None,
    /// Rounded to the cent, half away from zero (`money::round_cents`).
    Cent,
}

impl Rounding {
    /// Every value, in order (the front ends' enums are made from it).
    pub const ALL: &'static [Rounding] = &[Rounding::None, Rounding::Cent];

    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Rounding::None => "none",
            Rounding::Cent => "cent",
        }
    }

    /// The rounding said in `lang`.
    pub fn message(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Rounding::None, Lang::Fr) => "aucun",
            (Rounding::Cent, Lang::Fr) => "au centime, la moitié s'éloignant de zéro",
            (Rounding::None, _) => "none",
            (Rounding::Cent, _) => "half away from zero to the cent",
        }
    }
}

/// One step of the explanation: which rule, with which values, from which text, rounded how.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, get_all, eq, module = "apart.indemnity")
)]
pub struct ExplanationStep {
    /// A stable rule id (`hourly_reference`, `allocation_floor`…).
    pub rule: String,
    /// The step in French.
    pub fr: String,
    /// The step in English.
    pub en: String,
    /// The values used, by name, as decimal strings.
    pub values: Vec<StepValue>,
    /// The legal reference (article, decree of the table row used).
    pub source: String,
    /// The rounding applied to the step's figure.
    pub rounding: Rounding,
}

/// One named value of an [`ExplanationStep`].
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(
    feature = "python",
    pyo3::pyclass(frozen, get_all, eq, module = "apart.indemnity")
)]
pub struct StepValue {
    /// The name (`hourly_reference`, `floor`…).
    pub name: String,
    /// The value, as a decimal string (or `none`).
    pub value: String,
}

impl ExplanationStep {
    /// A step with its texts; values are added with [`ExplanationStep::with`].
    pub(super) fn new(
        rule: &str,
        fr: String,
        en: String,
        source: &str,
        rounding: Rounding,
    ) -> ExplanationStep {
        ExplanationStep {
            rule: rule.to_owned(),
            fr,
            en,
            values: Vec::new(),
            source: source.to_owned(),
            rounding,
        }
    }

    /// Adds a named value.
    pub(super) fn with(mut self, name: &str, value: impl ToString) -> ExplanationStep {
        self.values.push(StepValue {
            name: name.to_owned(),
            value: value.to_string(),
        });
        self
    }

    /// The step in `lang`.
    ///
    /// ```
    /// use apart::indemnity::{compute, EmployeeMonth, Explain, Options};
    /// use apart::law::LawBook;
    /// use apart::Lang;
    /// let options = Options { explain: Explain::On, ..Options::default() };
    /// let input = EmployeeMonth::new("2026-01".parse()?, "2000".parse()?, "70".parse()?);
    /// let out = compute(LawBook::shared()?, &input, &options)?;
    /// assert!(out.explanation[0].text(Lang::En).starts_with("hours not worked"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            _ => &self.en,
        }
    }
}
