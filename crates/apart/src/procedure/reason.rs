//! The free-text reasons of the procedure (a refusal, a withdrawal, a rejection, an invalidated
//! payment, a clawback): shown to the employer, stored in the snapshot.

use super::ProcedureError;
use crate::diagnostic::is_escaped_in_messages;

/// The most characters of a reason: a paragraph, not a document (a snapshot keeps it, and
/// every recap and notice prints it).
///
/// ```
/// assert_eq!(apart::procedure::MAX_REASON_CHARS, 2_000);
/// ```
pub const MAX_REASON_CHARS: usize = 2_000;

/// A reason as the guards accept it: not blank (`REASON_REQUIRED`), at most
/// [`MAX_REASON_CHARS`] characters, and no control or bidirectional character but line breaks
/// and tabs (`REASON_INVALID`).
pub(crate) fn check_reason(text: &str, field: &'static str) -> Result<(), ProcedureError> {
    if text.trim().is_empty() {
        return Err(ProcedureError::ReasonRequired { field });
    }
    let refused = |c: char| is_escaped_in_messages(c) && c != '\n' && c != '\t';
    if text.chars().count() > MAX_REASON_CHARS || text.chars().any(refused) {
        return Err(ProcedureError::ReasonInvalid {
            field,
            max: MAX_REASON_CHARS,
        });
    }
    Ok(())
}
