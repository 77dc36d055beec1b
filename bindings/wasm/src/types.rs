//! The TypeScript names the exports use for the core's records.
//!
//! The core's records are declared once, from their serde shapes, by the core's `ts` feature
//! (owned with the Node binding, issue 12). Until it lands they are declared here as open
//! records, by name only: no field is restated by hand.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const CORE_RECORDS: &str = r#"
/** A core record in its JSON form (snake_case keys, decimals as strings). */
type CoreRecord = Record<string, any>
/** `apart::indemnity::EmployeeMonth`. */
export type EmployeeMonth = CoreRecord
/** `apart::indemnity::Options`. */
export type Options = CoreRecord
/** `apart::indemnity::Outcome`. */
export type Outcome = CoreRecord
/** `apart::indemnity::ClaimOutcome`. */
export type ClaimOutcome = CoreRecord
/** `apart::indemnity::Contributions`. */
export type Contributions = CoreRecord
/** `apart::law::Row`. */
export type LawRow = CoreRecord
/** `apart::forms::PhonePolicy`. */
export type PhonePolicy = CoreRecord
/** `apart::forms::HumanCheck`. */
export type HumanCheck = CoreRecord
/** `apart::account::AccountFormInput`. */
export type AccountFormInput = CoreRecord
/** `apart::procedure::assistance::AssistanceForm`. */
export type AssistanceForm = CoreRecord
/** `apart::procedure::recap::RecapAmounts`. */
export type RecapAmounts = CoreRecord
/** A machine's snapshot as the core writes it: store it as JSON, give it back unchanged. */
export type MachineSnapshot = CoreRecord
/** An event, serde-tagged: `{ type: 'Submit', … }`. */
export type MachineEvent = { type: string } & CoreRecord
/** A transition's result: the snapshot to store and the effects to carry out, in order. */
export interface MachineStep { snapshot: MachineSnapshot; effects: CoreRecord[] }
/** `apart::procedure::recap::Recap` (content and the SHA-256 of its canonical JSON), with that
 * canonical JSON and the printable HTML page. */
export interface Recap { content: CoreRecord; content_hash: string; canonical_json: string; html: string }
"#;
