//! The TypeScript names the exports use for the core's records.
//!
//! The records are declared once, from their serde shapes, by the core's `ts` feature
//! (`js/records.d.ts` = `apart::ts::declarations()`, the same file as Node's). What is left
//! here is what has no fixed shape in the core: a machine's snapshot and events (each machine
//! has its own, read by the machine from JSON), and the recap's older name.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const CORE_RECORDS: &str = r#"
import type { AccountFormInput, ActivationMail, AnnualQuota, AssistanceForm, AttemptCounter, Choice, ClaimOutcome, Contributions, CsvSettings, DaStateInfo, DiStateInfo, DurationLimit, EmployeeMonth, HumanCheck, LawRow, LoginIdentifierRecord, LoginThrottlePolicy, Options, Outcome, PhonePolicy, PhoneRecord, PostalCodeRecord, RecapAmounts, RecapDocument, RecoveryOptions, ReminderAccount, RequestOutcome, ResetAccount, SecretAnswerContext } from './records.js'
export type * from './records.js'
import type { ApartError } from './errors.js'
/** A core record in its JSON form (snake_case keys, decimals as strings). */
type CoreRecord = Record<string, any>
/** A machine's snapshot as the core writes it: store it as JSON, give it back unchanged. */
export type MachineSnapshot = CoreRecord
/** An event, serde-tagged: `{ type: 'Submit', … }`. */
export type MachineEvent = { type: string } & CoreRecord
/** A transition's result: the snapshot to store and the effects to carry out, in order. */
export interface MachineStep { snapshot: MachineSnapshot; effects: CoreRecord[] }
/** A recap with its hash, canonical JSON and printable HTML page: the core's `RecapDocument`. */
export type Recap = RecapDocument
"#;
