//! The fuzz targets of `apart` (issue 13.6), as plain functions: `targets::<name>::run(bytes)`
//! checks one input and panics when the library breaks a promise (a panic of its own, a long
//! or raw error message, a returned record that does not read back…). The libFuzzer entry
//! points (`fuzz_targets/*.rs`, nightly, `make fuzz`) call them; on stable, `tests/replay.rs`
//! replays the seeds ([`seeds`], taken from `tests/vectors/`) and the regressions
//! (`fuzz/regressions/<target>/`) through them in `cargo test`.
// A fuzz check is test code: it panics to report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

pub mod seeds;

/// One module per fuzz target, each with `pub fn run(data: &[u8])`.
pub mod targets {
    pub mod claim_csv;
    pub mod codes;
    pub mod forms_values;
    pub mod indemnity;
    pub mod law_file;
    pub mod machine_events;
    pub mod siret_parse;
    pub mod snapshot_json;
    pub mod values;
}

/// A target's check of one input (panics when the library breaks a promise).
pub type Check = fn(&[u8]);

/// The fuzz targets, by name, with their check.
pub const TARGETS: &[(&str, Check)] = &[
    ("claim_csv", targets::claim_csv::run),
    ("codes", targets::codes::run),
    ("forms_values", targets::forms_values::run),
    ("indemnity", targets::indemnity::run),
    ("law_file", targets::law_file::run),
    ("machine_events", targets::machine_events::run),
    ("siret_parse", targets::siret_parse::run),
    ("snapshot_json", targets::snapshot_json::run),
    ("values", targets::values::run),
];

use apart::diagnostic::{Diagnostic, DiagnosticRecord, Lang};

/// The longest message an error may have, in characters, whatever the input: errors quote at
/// most a short prefix of it (`apart::diagnostic::quote`, 40 characters), so a message is a
/// sentence plus a few quotes and lists.
pub const MAX_MESSAGE_CHARS: usize = 600;

/// The longest text of a structured field of an error, in characters: a short quote of the
/// input, or a list the library writes (the fields `EmployeeMonth` expects: 371).
pub const MAX_DETAIL_CHARS: usize = MAX_MESSAGE_CHARS;

/// The bidirectional controls `diagnostic::quote` escapes: raw, they reorder what a terminal
/// or a page shows around them.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Renders an error fully and checks it: a `SCREAMING_SNAKE_CASE` code, short messages in both
/// languages with no raw control character, short structured fields, and a wire record that
/// reads back equal.
///
/// The messages and fields are checked on the error's [`DiagnosticRecord`], which holds exactly
/// what `code`, `family`, `message(lang)` for each language and `details` return (rendering
/// every message once rather than once for the check and again for the record halved the cost
/// of this check, which dominates the targets whose inputs are mostly refused).
pub fn check_diagnostic<D: Diagnostic + ?Sized>(error: &D) {
    let record = DiagnosticRecord::of(error);
    let code = record.code.as_str();
    assert!(
        !code.is_empty()
            && code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_'),
        "code {code:?}"
    );
    assert!(!record.family.as_str().is_empty());
    for &lang in Lang::ALL {
        let message = record.messages.get(lang);
        let chars = message.chars().count();
        assert!(
            chars <= MAX_MESSAGE_CHARS,
            "{code}: message of {chars} characters: {:?}",
            message.chars().take(200).collect::<String>()
        );
        assert!(
            !message
                .chars()
                .any(|c| c.is_control() || is_bidi_control(c)),
            "{code}: raw control character in {message:?}"
        );
    }
    for (name, value) in &record.details {
        if let apart::diagnostic::DetailValue::Text(text) = value {
            let chars = text.chars().count();
            assert!(
                chars <= MAX_DETAIL_CHARS,
                "{code}: detail {name} of {chars} characters"
            );
        }
    }
    // Written into a buffer of about the right size at once (growing it took a tenth of the
    // time of this check).
    let texts: usize = record
        .details
        .iter()
        .map(|(name, value)| match value {
            apart::diagnostic::DetailValue::Text(text) => name.len() + text.len(),
            apart::diagnostic::DetailValue::Int(_) => name.len() + 20,
        })
        .sum();
    let mut json =
        Vec::with_capacity(2 * (record.messages.fr.len() + record.messages.en.len() + texts) + 128);
    serde_json::to_writer(&mut json, &record).expect("a record serialises");
    let back: DiagnosticRecord = serde_json::from_slice(&json).expect("a record reads back");
    assert_eq!(back, record);
}

/// The errors of one kind an input gave so far, each checked once by [`check_diagnostic`],
/// which depends on the error alone: parsers that call one another (a money newtype and
/// `parse_decimal`, `BoundedText::parse` and `TextRules::check`), or the same parser under
/// options that do not matter to a refusal, give the very same error several times per input.
#[derive(Debug)]
pub struct CheckedOnce<E>(Vec<E>);

impl<E> Default for CheckedOnce<E> {
    fn default() -> Self {
        CheckedOnce(Vec::new())
    }
}

impl<E: Diagnostic + PartialEq + Clone> CheckedOnce<E> {
    /// Checks `error` unless an equal error was checked before.
    pub fn check(&mut self, error: &E) {
        if !self.0.contains(error) {
            check_diagnostic(error);
            self.0.push(error.clone());
        }
    }
}

/// A `&str` from fuzz bytes: the bytes when they are UTF-8, else their lossy reading (so that
/// every input exercises the parsers rather than being skipped).
pub fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// Machines: what every snapshot a machine accepts or returns must satisfy.
pub mod machines {
    use apart::diagnostic::Diagnostic;
    use apart::machine::{Actor, DynMachine, JsonStep};
    use apart::seal::SealKey;
    use time::OffsetDateTime;

    use super::check_diagnostic;

    /// The key the seeds are sealed with (`fuzz/seed_corpus.py` writes the same bytes).
    pub fn key() -> SealKey {
        SealKey::new(&[7u8; 32]).expect("a 32-byte key")
    }

    /// Another key: a snapshot sealed under [`key`] never opens under it.
    pub fn other_key() -> SealKey {
        SealKey::new(&[8u8; 32]).expect("a 32-byte key")
    }

    /// The machine a JSON text names (its `"machine"` member), else one picked by `fallback`.
    pub fn named(json: &str, fallback: u8) -> &'static dyn DynMachine {
        let all = apart::machines();
        serde_json::from_str::<serde_json::Value>(json)
            .ok()
            .and_then(|v| v.get("machine")?.as_str().and_then(apart::machine_by_id))
            .unwrap_or_else(|| all[usize::from(fallback) % all.len()])
    }

    /// How much of a snapshot [`check_snapshot`] checks.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    pub enum Depth {
        /// Nothing: the very same text as a snapshot already checked, in the same input, to
        /// the depth it needs ([`check_step`] then checks only the step's effects and version).
        Checked,
        /// It restores to itself: what every snapshot of a script is checked for. The rest is
        /// checked on the last snapshot of each alias, which holds the same content (its
        /// history names every step): sealing and asking every intermediate snapshot made
        /// `machine_events` several times slower without reaching more code.
        Restores,
        /// And its state is one of the machine's, its seal opens under the key and not under
        /// another, also re-spaced.
        Seals,
        /// And the questions a caller asks answer (allowed events for every actor, tick, next
        /// deadline).
        Answers,
    }

    /// A snapshot the machine returned or accepted: restoring it gives it back unchanged (it is
    /// stored in the form the library writes), and, as deep as `depth` says, its state is one
    /// of the machine's, its seal opens under the key and not under another, and the questions
    /// a caller asks answer.
    pub fn check_snapshot(m: &dyn DynMachine, snapshot: &str, now: OffsetDateTime, depth: Depth) {
        if depth == Depth::Checked {
            return;
        }
        let restored = m.restore(snapshot).unwrap_or_else(|e| {
            panic!(
                "{}: a returned snapshot does not restore: {} ({})\n{snapshot}",
                m.id(),
                e.code(),
                e.message(apart::Lang::En)
            )
        });
        assert_eq!(
            restored,
            snapshot,
            "{}: restore is not the identity",
            m.id()
        );
        if depth == Depth::Restores {
            return;
        }
        let state = m
            .state_of(snapshot)
            .expect("the state of a restored snapshot");
        assert!(m.states().contains(&state));
        assert!(m.is_terminal_state(state).is_some());
        let sealed = m.seal(snapshot, &key()).expect("a restored snapshot seals");
        assert_eq!(m.open(&sealed, &key()).as_deref(), Ok(snapshot));
        assert_eq!(
            m.open(&sealed, &other_key()).map_err(|e| e.code()),
            Err("SEAL_INVALID")
        );
        // Re-spaced and with its keys reordered (a jsonb column), the seal still opens.
        let value: serde_json::Value = serde_json::from_str(&sealed).expect("sealed JSON");
        let pretty = serde_json::to_string_pretty(&value).expect("pretty JSON");
        assert_eq!(m.open(&pretty, &key()).as_deref(), Ok(snapshot));
        if depth == Depth::Seals {
            return;
        }
        let events = m.events();
        for &actor in Actor::ALL {
            let allowed = m
                .allowed_events(snapshot, actor, now)
                .expect("allowed events of a restored snapshot");
            assert!(allowed.iter().all(|e| events.contains(e)));
        }
        match m.tick(snapshot, now) {
            // Nothing was due: the tick gives the snapshot back unchanged, which the lines above
            // have just checked to `Seals` (checking the same text again doubled the cost of
            // this function); its effects are still checked.
            Ok(step) if step.snapshot == snapshot => {
                check_step(m, snapshot, &step, now, Depth::Checked);
            }
            Ok(step) => {
                check_step(m, snapshot, &step, now, Depth::Seals);
            }
            Err(e) => check_diagnostic(&e),
        }
        m.next_deadline(snapshot)
            .expect("the next deadline of a restored snapshot");
    }

    /// The version of a snapshot: its `"version"` member, an unsigned integer.
    pub fn version(snapshot: &str) -> u64 {
        /// Only the version is read; the other members are skipped, not built as a
        /// `serde_json::Value` (which made this check as costly as restoring the snapshot).
        #[derive(serde::Deserialize)]
        struct Versioned {
            version: u64,
        }
        serde_json::from_str::<Versioned>(snapshot)
            .expect("a snapshot has a version")
            .version
    }

    /// A step a machine returned: its snapshot is storable ([`check_snapshot`] to `depth`), its
    /// version is the old one plus the transitions taken, its effects are a JSON array. Returns
    /// the versions before and after the step.
    pub fn check_step(
        m: &dyn DynMachine,
        before: &str,
        step: &JsonStep,
        now: OffsetDateTime,
        depth: Depth,
    ) -> (u64, u64) {
        check_snapshot(m, &step.snapshot, now, depth);
        let effects: serde_json::Value =
            serde_json::from_str(&step.effects).expect("effects are JSON");
        assert!(effects.is_array(), "effects are an array");
        let versions = (version(before), version(&step.snapshot));
        assert!(versions.1 >= versions.0);
        versions
    }
}
