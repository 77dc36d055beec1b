//! The errors of the state-machine kit: one shape for every machine.

use crate::diagnostic::{Detail, DetailValue, Diagnostic, Family, Lang, french_display};
use crate::seal::SealError;

pub(crate) use crate::diagnostic::quote;

/// Why a guard or an action refused a transition: a domain code (`DA_ALREADY_DECIDED`,
/// `LAST_PRINCIPAL`, …), messages in both languages and structured fields.
///
/// A refusal is usually built from a domain error with [`Refusal::from_diagnostic`], so that
/// the caller sees the same code whether it validated a field alone or sent the event.
///
/// ```
/// use apart::machine::Refusal;
/// let r = Refusal::new(apart::diagnostic::Family::Procedure, "DI_DUPLICATE_MONTH", "ce mois est déjà demandé", "this month is already claimed")
///     .with_detail("month", "2026-01");
/// assert_eq!(r.code(), "DI_DUPLICATE_MONTH");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    family: Family,
    code: &'static str,
    message_fr: String,
    message_en: String,
    details: Vec<Detail>,
}

impl Refusal {
    /// A refusal with the family of its code (the domain that refuses), a code and its two
    /// messages.
    pub fn new(
        family: Family,
        code: &'static str,
        message_fr: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        Refusal {
            family,
            code,
            message_fr: message_fr.into(),
            message_en: message_en.into(),
            details: Vec::new(),
        }
    }

    /// The same refusal with one more structured field.
    pub fn with_detail(mut self, name: &'static str, value: impl Into<DetailValue>) -> Self {
        self.details.push((name, value.into()));
        self
    }

    /// A refusal carrying a domain error's code, messages and fields.
    pub fn from_diagnostic(error: &dyn Diagnostic) -> Self {
        Refusal {
            family: error.family(),
            code: error.code(),
            message_fr: error.message(Lang::Fr),
            message_en: error.message(Lang::En),
            details: error.details(),
        }
    }

    /// The family of the refusal's code.
    pub fn family(&self) -> Family {
        self.family
    }

    /// The refusal's code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The refusal's message in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.message_en,
            _ => &self.message_fr,
        }
    }

    /// The refusal's structured fields.
    pub fn details(&self) -> &[Detail] {
        &self.details
    }
}

/// An event that the machine did not accept. Every variant names the machine, the state and
/// the event, so a log line is enough to understand it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransitionError {
    /// No row of the table leaves `from` on `event`. `allowed` lists the events that do.
    InvalidTransition {
        /// The machine's id.
        machine: &'static str,
        /// The current state.
        from: &'static str,
        /// The event that was sent.
        event: &'static str,
        /// The events the state accepts (for any actor).
        allowed: Vec<&'static str>,
    },
    /// `from` is terminal: nothing can happen to this snapshot any more.
    TerminalState {
        /// The machine's id.
        machine: &'static str,
        /// The current (terminal) state.
        from: &'static str,
        /// The event that was sent.
        event: &'static str,
    },
    /// The event exists in this state, but not for this actor.
    ForbiddenActor {
        /// The machine's id.
        machine: &'static str,
        /// The current state.
        from: &'static str,
        /// The event that was sent.
        event: &'static str,
        /// The actor who sent it.
        actor: &'static str,
    },
    /// A guard refused the event; the refusal's code is the error's code.
    GuardFailed {
        /// The machine's id.
        machine: &'static str,
        /// The current state.
        from: &'static str,
        /// The event that was sent.
        event: &'static str,
        /// The guard that refused (`"action"` when the action itself refused).
        guard: &'static str,
        /// Why (boxed: it is the rare path, and keeps `Result`s small).
        refusal: Box<Refusal>,
    },
    /// The caller's snapshot is not the version it expected (optimistic concurrency).
    StaleSnapshot {
        /// The machine's id.
        machine: &'static str,
        /// The version the caller expected.
        expected: u64,
        /// The version of the snapshot given.
        found: u64,
    },
    /// `now` could not be written in the snapshot: its year is outside 0000–9999, or its UTC
    /// offset has seconds or reaches 24 hours (RFC 3339). The code, family (`input`), message
    /// and fields are those of the value error (`VALUE_INVALID_INSTANT`, field `now`).
    InstantOutOfRange {
        /// The machine's id.
        machine: &'static str,
        /// Why (boxed: the rare path).
        error: Box<crate::value::ValueError>,
    },
    /// `now` is before the snapshot's last transition by more than
    /// [`MAX_CLOCK_SKEW`](crate::machine::MAX_CLOCK_SKEW): a clock gone back, or a replayed
    /// request. Taken, the history would say a withdrawal came before the submission.
    ClockBehind {
        /// The machine's id.
        machine: &'static str,
        /// The current state.
        from: &'static str,
        /// The event that was sent.
        event: &'static str,
        /// The instant of the last transition (RFC 3339).
        last: String,
        /// The `now` given (RFC 3339).
        now: String,
    },
    /// The transition would give a snapshot that cannot be stored and read back: a value that
    /// cannot be written as JSON (an instant of the event that RFC 3339 cannot write), or a
    /// text longer than [`MAX_SNAPSHOT_BYTES`](crate::machine::MAX_SNAPSHOT_BYTES) (a DI of
    /// some 40,000 lines), which reading it would refuse. Refused rather than lost.
    Unrepresentable {
        /// The machine's id.
        machine: &'static str,
        /// The current state.
        from: &'static str,
        /// The event that was sent.
        event: &'static str,
        /// Why it cannot be written.
        problem: WriteProblem,
    },
}

/// Why a snapshot cannot be written so that it reads back ([`TransitionError::Unrepresentable`]).
///
/// ```
/// use apart::machine::{WriteProblem, MAX_SNAPSHOT_BYTES};
/// use apart::Lang;
/// let problem = WriteProblem::TooLarge { max: MAX_SNAPSHOT_BYTES };
/// assert_eq!(problem.message(Lang::Fr), "plus de 4194304 octets");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WriteProblem {
    /// Its text would be longer than the limit reading accepts.
    TooLarge {
        /// The limit, in bytes ([`MAX_SNAPSHOT_BYTES`](crate::machine::MAX_SNAPSHOT_BYTES)).
        max: usize,
    },
    /// A value its writer refuses (an instant RFC 3339 cannot write): the value error.
    Value(Box<crate::value::ValueError>),
    /// A record its state could not hold, which reading back would refuse
    /// (`SNAPSHOT_INCONSISTENT`): a defect of the machine, reported rather than stored.
    Inconsistent {
        /// What is inconsistent (`received_at`).
        field: &'static str,
    },
}

impl WriteProblem {
    /// What is wrong, in `lang`.
    ///
    /// ```
    /// use apart::machine::WriteProblem;
    /// use apart::Lang;
    /// assert_eq!(WriteProblem::TooLarge { max: 10 }.message(Lang::En), "more than 10 bytes");
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (WriteProblem::TooLarge { max }, Lang::En) => format!("more than {max} bytes"),
            (WriteProblem::TooLarge { max }, _) => format!("plus de {max} octets"),
            (WriteProblem::Value(error), lang) => error.message(lang),
            (WriteProblem::Inconsistent { field }, Lang::En) => {
                format!("a record its state cannot hold ({field})")
            }
            (WriteProblem::Inconsistent { field }, _) => {
                format!("un enregistrement que son état ne peut avoir ({field})")
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            WriteProblem::TooLarge { max } => {
                vec![
                    ("cause", "SNAPSHOT_TOO_LARGE".into()),
                    ("max", (*max).into()),
                ]
            }
            WriteProblem::Value(error) => {
                let mut details = vec![("cause", error.code().into())];
                details.extend(error.details());
                details
            }
            WriteProblem::Inconsistent { field } => vec![
                ("cause", "SNAPSHOT_INCONSISTENT".into()),
                ("field", (*field).into()),
            ],
        }
    }
}

impl TransitionError {
    /// The refusal behind a [`TransitionError::GuardFailed`], if that is what this is.
    pub fn refusal(&self) -> Option<&Refusal> {
        match self {
            TransitionError::GuardFailed { refusal, .. } => Some(refusal),
            _ => None,
        }
    }
}

impl Diagnostic for TransitionError {
    /// `machine`, except for a guard's refusal, which keeps its domain's family (a refused
    /// DI is a `procedure` error whether it came through the machine or a direct call).
    fn family(&self) -> Family {
        match self {
            TransitionError::GuardFailed { refusal, .. } => refusal.family(),
            TransitionError::InstantOutOfRange { error, .. } => error.family(),
            _ => Family::Machine,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            TransitionError::InvalidTransition { .. } => "INVALID_TRANSITION",
            TransitionError::TerminalState { .. } => "TERMINAL_STATE",
            TransitionError::ForbiddenActor { .. } => "FORBIDDEN_ACTOR",
            TransitionError::GuardFailed { refusal, .. } => refusal.code(),
            TransitionError::StaleSnapshot { .. } => "STALE_SNAPSHOT",
            TransitionError::InstantOutOfRange { error, .. } => error.code(),
            TransitionError::Unrepresentable { .. } => "SNAPSHOT_UNREPRESENTABLE",
            TransitionError::ClockBehind { .. } => "MACHINE_CLOCK_BEHIND",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                TransitionError::InvalidTransition {
                    from,
                    event,
                    allowed,
                    ..
                },
                Lang::En,
            ) => format!(
                "event `{event}` is not possible in state `{from}` (possible: {})",
                list(allowed)
            ),
            (
                TransitionError::InvalidTransition {
                    from,
                    event,
                    allowed,
                    ..
                },
                _,
            ) => format!(
                "l'événement `{event}` n'est pas possible dans l'état `{from}` (possibles : {})",
                list(allowed)
            ),
            (TransitionError::TerminalState { from, event, .. }, Lang::En) => {
                format!("state `{from}` is final: event `{event}` is not possible")
            }
            (TransitionError::TerminalState { from, event, .. }, _) => {
                format!("l'état `{from}` est définitif : l'événement `{event}` n'est pas possible")
            }
            (
                TransitionError::ForbiddenActor {
                    from, event, actor, ..
                },
                Lang::En,
            ) => {
                format!("`{actor}` may not send `{event}` in state `{from}`")
            }
            (
                TransitionError::ForbiddenActor {
                    from, event, actor, ..
                },
                _,
            ) => {
                format!("`{actor}` ne peut pas envoyer `{event}` dans l'état `{from}`")
            }
            (TransitionError::GuardFailed { refusal, .. }, lang) => {
                refusal.message(lang).to_owned()
            }
            (
                TransitionError::StaleSnapshot {
                    expected, found, ..
                },
                Lang::En,
            ) => {
                format!("the record changed meanwhile: version {found} found, {expected} expected")
            }
            (
                TransitionError::StaleSnapshot {
                    expected, found, ..
                },
                _,
            ) => format!(
                "le dossier a été modifié entre-temps : version {found} trouvée, {expected} attendue"
            ),
            (TransitionError::InstantOutOfRange { error, .. }, lang) => error.message(lang),
            (
                TransitionError::ClockBehind {
                    event, last, now, ..
                },
                Lang::En,
            ) => format!(
                "event `{event}` at {now}, before the record's last change at {last}: is a clock behind, or the request replayed?"
            ),
            (
                TransitionError::ClockBehind {
                    event, last, now, ..
                },
                _,
            ) => format!(
                "événement `{event}` au {now}, avant la dernière modification du dossier au {last} : une horloge retarde-t-elle, ou la demande est-elle rejouée ?"
            ),
            (TransitionError::Unrepresentable { event, problem, .. }, Lang::En) => format!(
                "event `{event}` would give a record that cannot be stored: {}",
                problem.message(Lang::En)
            ),
            (TransitionError::Unrepresentable { event, problem, .. }, lang) => format!(
                "l'événement `{event}` donnerait un dossier impossible à enregistrer : {}",
                problem.message(lang)
            ),
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            TransitionError::InvalidTransition {
                machine,
                from,
                event,
                allowed,
            } => vec![
                ("machine", (*machine).into()),
                ("state", (*from).into()),
                ("event", (*event).into()),
                ("allowed", allowed.join(",").into()),
            ],
            TransitionError::TerminalState {
                machine,
                from,
                event,
            } => vec![
                ("machine", (*machine).into()),
                ("state", (*from).into()),
                ("event", (*event).into()),
            ],
            TransitionError::ForbiddenActor {
                machine,
                from,
                event,
                actor,
            } => vec![
                ("machine", (*machine).into()),
                ("state", (*from).into()),
                ("event", (*event).into()),
                ("actor", (*actor).into()),
            ],
            TransitionError::GuardFailed {
                machine,
                from,
                event,
                guard,
                refusal,
            } => {
                let mut details = vec![
                    ("machine", (*machine).into()),
                    ("state", (*from).into()),
                    ("event", (*event).into()),
                    ("guard", (*guard).into()),
                ];
                details.extend(refusal.details().iter().cloned());
                details
            }
            TransitionError::StaleSnapshot {
                machine,
                expected,
                found,
            } => vec![
                ("machine", (*machine).into()),
                ("expected", (*expected).into()),
                ("found", (*found).into()),
            ],
            TransitionError::ClockBehind {
                machine,
                from,
                event,
                last,
                now,
            } => vec![
                ("machine", (*machine).into()),
                ("from", (*from).into()),
                ("event", (*event).into()),
                ("last", last.clone().into()),
                ("now", now.clone().into()),
            ],
            TransitionError::InstantOutOfRange { machine, error } => {
                let mut details = vec![("machine", (*machine).into())];
                details.extend(error.details());
                details
            }
            TransitionError::Unrepresentable {
                machine,
                from,
                event,
                problem,
            } => {
                let mut details = vec![
                    ("machine", (*machine).into()),
                    ("state", (*from).into()),
                    ("event", (*event).into()),
                ];
                details.extend(problem.details());
                details
            }
        }
    }
}
french_display!(TransitionError);

fn list(items: &[&str]) -> String {
    if items.is_empty() {
        "—".to_owned()
    } else {
        items.join(", ")
    }
}

/// A snapshot that cannot be restored.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SnapshotError {
    /// The text is not a snapshot (bad JSON, missing field, bad context), with what the
    /// reader refused as a typed value error (`INPUT_MALFORMED` for text that is not JSON,
    /// `INPUT_UNKNOWN_FIELD`, `VALUE_INVALID_DECIMAL`…: its code is the `cause` field, its
    /// `field` the path in the snapshot).
    Malformed {
        /// The machine that was expected.
        machine: &'static str,
        /// What the reader refused (boxed: the rare path).
        error: Box<crate::value::ValueError>,
    },
    /// The snapshot belongs to another machine.
    WrongMachine {
        /// The machine that was expected.
        expected: &'static str,
        /// The machine named in the snapshot.
        found: String,
    },
    /// No machine has the id a caller gave (see [`crate::machine_by_id`]).
    UnknownMachine {
        /// The id given (quoted).
        id: String,
    },
    /// The snapshot's schema version is neither current nor migratable.
    VersionUnsupported {
        /// The machine.
        machine: &'static str,
        /// The version found in the snapshot.
        found: u32,
        /// The version this library writes.
        supported: u32,
    },
    /// An event or a context given as JSON does not parse for this machine (not JSON, an
    /// unknown or missing field, an unknown event), with what the reader refused as a typed
    /// value error (its code is the `cause` field).
    MalformedInput {
        /// The machine.
        machine: &'static str,
        /// What was given: `"event"` or `"context"`.
        what: &'static str,
        /// What the reader refused (boxed: the rare path).
        error: Box<crate::value::ValueError>,
    },
    /// A new snapshot's context sets a field that the initial state cannot have (a grant
    /// date on a habilitation not yet granted): `MACHINE_INPUT_MALFORMED`.
    ContextNotInitial {
        /// The machine.
        machine: &'static str,
        /// The initial state.
        state: &'static str,
        /// The field.
        field: &'static str,
    },
    /// A value inside an event or a context given as JSON was refused by its reader (a decimal,
    /// a date, an instant, a spelling): the code, family (`input`), message and fields are the
    /// value error's (`VALUE_FLOAT_REFUSED`, `VALUE_INVALID_DECIMAL`…, `field` the JSON path),
    /// as for the same value in any record of the library.
    InvalidValue {
        /// The machine.
        machine: &'static str,
        /// What was given: `"event"` or `"context"`.
        what: &'static str,
        /// Why (boxed: the rare path).
        error: Box<crate::value::ValueError>,
    },
    /// A value inside an event or a context given as JSON was refused by its domain (an
    /// inverted period, a SIRET with a wrong check digit): the code, family, messages and
    /// fields are the domain error's (`PERIOD_INVERTED`, `SIRET_INVALID_KEY`…), with `field`
    /// the JSON path when serde knows it.
    Refused {
        /// The machine.
        machine: &'static str,
        /// What was given: `"event"` or `"context"`.
        what: &'static str,
        /// The JSON path of the refused value, when known.
        field: Option<String>,
        /// The domain's error (boxed: the rare path).
        error: Box<crate::diagnostic::Refusal>,
    },
    /// The snapshot names a state the machine does not have.
    UnknownState {
        /// The machine.
        machine: &'static str,
        /// The state named in the snapshot (quoted).
        state: String,
    },
    /// The snapshot's JSON is longer than [`MAX_SNAPSHOT_BYTES`](super::MAX_SNAPSHOT_BYTES).
    TooLarge {
        /// The machine.
        machine: &'static str,
        /// Its length, in bytes.
        bytes: usize,
        /// The limit, in bytes.
        max: usize,
    },
    /// The snapshot's parts disagree: a record edited by hand, or damaged.
    Inconsistent {
        /// The machine.
        machine: &'static str,
        /// The state named in the snapshot.
        state: &'static str,
        /// What disagrees (`version`, `history`, or a context field such as `granted_at`).
        reason: &'static str,
    },
    /// A sealed snapshot's seal is missing or does not match ([`Snapshot::open`](super::Snapshot::open)).
    Seal {
        /// The machine.
        machine: &'static str,
        /// Why.
        error: SealError,
    },
}

impl Diagnostic for SnapshotError {
    /// `machine`, except for a value refused inside an event or a context, which keeps the
    /// value error's family (`input`).
    fn family(&self) -> crate::diagnostic::Family {
        match self {
            SnapshotError::InvalidValue { error, .. } => error.family(),
            SnapshotError::Refused { error, .. } => error.family(),
            _ => crate::diagnostic::Family::Machine,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            SnapshotError::Malformed { .. } => "SNAPSHOT_MALFORMED",
            SnapshotError::WrongMachine { .. } => "SNAPSHOT_WRONG_MACHINE",
            SnapshotError::UnknownMachine { .. } => "MACHINE_UNKNOWN",
            SnapshotError::VersionUnsupported { .. } => "SNAPSHOT_VERSION_UNSUPPORTED",
            SnapshotError::MalformedInput { .. } | SnapshotError::ContextNotInitial { .. } => {
                "MACHINE_INPUT_MALFORMED"
            }
            SnapshotError::InvalidValue { error, .. } => error.code(),
            SnapshotError::Refused { error, .. } => error.code(),
            SnapshotError::UnknownState { .. } => "SNAPSHOT_UNKNOWN_STATE",
            SnapshotError::TooLarge { .. } => "SNAPSHOT_TOO_LARGE",
            SnapshotError::Inconsistent { .. } => "SNAPSHOT_INCONSISTENT",
            SnapshotError::Seal { error, .. } => error.code(),
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SnapshotError::Malformed { machine, error }, Lang::En) => {
                format!(
                    "not a valid `{machine}` snapshot: {}",
                    error.message(Lang::En)
                )
            }
            (SnapshotError::Malformed { machine, error }, lang) => {
                format!("instantané `{machine}` illisible : {}", error.message(lang))
            }
            (SnapshotError::WrongMachine { expected, found }, Lang::En) => {
                format!("snapshot of machine `{found}`, expected `{expected}`")
            }
            (SnapshotError::WrongMachine { expected, found }, _) => {
                format!("instantané de la machine `{found}`, `{expected}` attendue")
            }
            (SnapshotError::UnknownMachine { id }, Lang::En) => format!("unknown machine `{id}`"),
            (SnapshotError::UnknownMachine { id }, _) => format!("machine `{id}` inconnue"),
            (
                SnapshotError::VersionUnsupported {
                    machine,
                    found,
                    supported,
                },
                Lang::En,
            ) => format!(
                "`{machine}` snapshot schema version {found} is not supported (this library writes version {supported})"
            ),
            (
                SnapshotError::VersionUnsupported {
                    machine,
                    found,
                    supported,
                },
                _,
            ) => format!(
                "version de schéma {found} de l'instantané `{machine}` non prise en charge (cette bibliothèque écrit la version {supported})"
            ),
            (
                SnapshotError::MalformedInput {
                    machine,
                    what,
                    error,
                },
                Lang::En,
            ) => {
                format!(
                    "not a valid `{machine}` {what}: {}",
                    error.message(Lang::En)
                )
            }
            (
                SnapshotError::MalformedInput {
                    machine,
                    what,
                    error,
                },
                lang,
            ) => {
                let what = if *what == "event" {
                    "événement"
                } else {
                    "contexte"
                };
                format!("{what} `{machine}` illisible : {}", error.message(lang))
            }
            (
                SnapshotError::ContextNotInitial {
                    machine,
                    state,
                    field,
                },
                Lang::En,
            ) => format!(
                "not a valid `{machine}` context: `{field}` is not possible in the initial state `{state}`"
            ),
            (
                SnapshotError::ContextNotInitial {
                    machine,
                    state,
                    field,
                },
                _,
            ) => format!(
                "contexte `{machine}` illisible : `{field}` est impossible dans l'état initial `{state}`"
            ),
            (SnapshotError::InvalidValue { error, .. }, lang) => error.message(lang),
            (SnapshotError::Refused { error, .. }, lang) => error.message(lang),
            (SnapshotError::UnknownState { machine, state }, Lang::En) => {
                format!(
                    "snapshot references state `{state}`, which does not exist on machine `{machine}`"
                )
            }
            (SnapshotError::UnknownState { machine, state }, _) => {
                format!("l'instantané cite l'état `{state}`, inconnu de la machine `{machine}`")
            }
            (
                SnapshotError::TooLarge {
                    machine,
                    bytes,
                    max,
                },
                Lang::En,
            ) => {
                format!("`{machine}` snapshot too large: {bytes} bytes, at most {max}")
            }
            (
                SnapshotError::TooLarge {
                    machine,
                    bytes,
                    max,
                },
                _,
            ) => {
                format!("instantané `{machine}` trop grand : {bytes} octets, {max} au plus")
            }
            (
                SnapshotError::Inconsistent {
                    machine,
                    state,
                    reason,
                },
                Lang::En,
            ) => format!(
                "`{machine}` snapshot inconsistent in state `{state}`: `{reason}` does not agree (edited or damaged record)"
            ),
            (
                SnapshotError::Inconsistent {
                    machine,
                    state,
                    reason,
                },
                _,
            ) => format!(
                "instantané `{machine}` incohérent dans l'état `{state}` : `{reason}` ne concorde pas (dossier modifié ou abîmé)"
            ),
            (SnapshotError::Seal { error, .. }, lang) => error.message(lang),
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            SnapshotError::Malformed { machine, error } => {
                let mut details = vec![
                    ("machine", (*machine).into()),
                    ("cause", error.code().into()),
                ];
                details.extend(error.details());
                details
            }
            SnapshotError::WrongMachine { expected, found } => {
                vec![
                    ("expected", (*expected).into()),
                    ("found", found.clone().into()),
                ]
            }
            SnapshotError::UnknownMachine { id } => vec![("id", id.clone().into())],
            SnapshotError::VersionUnsupported {
                machine,
                found,
                supported,
            } => vec![
                ("machine", (*machine).into()),
                ("found", (*found).into()),
                ("supported", (*supported).into()),
            ],
            SnapshotError::MalformedInput {
                machine,
                what,
                error,
            } => {
                let mut details = vec![
                    ("machine", (*machine).into()),
                    ("what", (*what).into()),
                    ("cause", error.code().into()),
                ];
                details.extend(error.details());
                details
            }
            SnapshotError::ContextNotInitial {
                machine,
                state,
                field,
            } => vec![
                ("machine", (*machine).into()),
                ("what", "context".into()),
                ("state", (*state).into()),
                ("field", (*field).into()),
            ],
            SnapshotError::InvalidValue {
                machine,
                what,
                error,
            } => {
                let mut details = vec![("machine", (*machine).into()), ("what", (*what).into())];
                details.extend(error.details());
                details
            }
            SnapshotError::Refused {
                machine,
                what,
                field,
                error,
            } => {
                let mut details = vec![("machine", (*machine).into()), ("what", (*what).into())];
                let own = error.details();
                if let Some(field) = field
                    .as_ref()
                    .filter(|_| !own.iter().any(|(k, _)| *k == "field"))
                {
                    details.push(("field", field.clone().into()));
                }
                details.extend(own);
                details
            }
            SnapshotError::UnknownState { machine, state } => {
                vec![
                    ("machine", (*machine).into()),
                    ("state", state.clone().into()),
                ]
            }
            SnapshotError::TooLarge {
                machine,
                bytes,
                max,
            } => vec![
                ("machine", (*machine).into()),
                ("bytes", (*bytes).into()),
                ("max", (*max).into()),
            ],
            SnapshotError::Inconsistent {
                machine,
                state,
                reason,
            } => vec![
                ("machine", (*machine).into()),
                ("state", (*state).into()),
                ("reason", (*reason).into()),
            ],
            SnapshotError::Seal { machine, error } => {
                let mut details = vec![("machine", (*machine).into())];
                details.extend(error.details());
                details
            }
        }
    }
}
french_display!(SnapshotError);

/// What the kit's JSON door ([`DynMachine`](super::DynMachine)) refuses: a snapshot, event or
/// context that does not parse, or an event the machine refuses. Its own type, so that the kit
/// stays a leaf of the crate; it converts into the umbrella [`crate::Error`].
///
/// ```
/// use apart::machine::{MachineError, SnapshotError};
/// use apart::Diagnostic;
/// let e = MachineError::from(SnapshotError::UnknownState { machine: "apart.da", state: "Bogus".into() });
/// assert_eq!(e.code(), "SNAPSHOT_UNKNOWN_STATE");
/// assert_eq!(apart::Error::from(e).code(), "SNAPSHOT_UNKNOWN_STATE");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MachineError {
    /// The snapshot, event or context given as JSON was refused.
    Snapshot(SnapshotError),
    /// The machine refused the event.
    Transition(TransitionError),
}

impl From<SnapshotError> for MachineError {
    fn from(e: SnapshotError) -> Self {
        MachineError::Snapshot(e)
    }
}

impl From<TransitionError> for MachineError {
    fn from(e: TransitionError) -> Self {
        MachineError::Transition(e)
    }
}

impl Diagnostic for MachineError {
    fn code(&self) -> &'static str {
        match self {
            MachineError::Snapshot(e) => e.code(),
            MachineError::Transition(e) => e.code(),
        }
    }

    fn family(&self) -> Family {
        match self {
            MachineError::Snapshot(e) => e.family(),
            MachineError::Transition(e) => e.family(),
        }
    }

    fn message(&self, lang: Lang) -> String {
        match self {
            MachineError::Snapshot(e) => e.message(lang),
            MachineError::Transition(e) => e.message(lang),
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            MachineError::Snapshot(e) => e.details(),
            MachineError::Transition(e) => e.details(),
        }
    }
}
french_display!(MachineError);
