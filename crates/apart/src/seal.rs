//! Tamper-evident records: an HMAC-SHA-256 seal over a record's JSON, with a key that only the
//! caller's server holds.
//!
//! The library keeps nothing; the caller stores every snapshot and record, and whoever can write
//! that storage can edit one: mark a habilitation active that was never granted, bring a used
//! recovery token back, raise a throttle's limits. Sealing makes such an edit visible.
//! [`SealKey::seal_value`] adds a `"seal"` member to a JSON object; [`SealKey::open_value`]
//! checks it (in constant time) and gives the object back without it, or refuses it with
//! `SEAL_MISSING` or `SEAL_INVALID` (edited, sealed with another key, or sealed as another kind
//! of record). Snapshots have their own [`Snapshot::seal`](crate::machine::Snapshot::seal) and
//! [`Snapshot::open`](crate::machine::Snapshot::open).
//!
//! The seal covers the object's canonical form (object keys sorted, no white space), so a store
//! that reorders keys or re-spaces JSON (PostgreSQL `jsonb`) does not break it. It does not hide
//! anything (the record stays readable), and it does not stop a replay of an older sealed version
//! of the same record: store with compare-and-swap on the snapshot's `version` for that.
//!
//! ```
//! use apart::seal::SealKey;
//! use apart::Diagnostic;
//! use serde_json::json;
//!
//! let key = SealKey::new(&[7u8; 32])?; // in production: 32 random bytes kept in a secret store
//! let sealed = key.seal_value("example.counter", &json!({"failures": 3}))?;
//! assert_eq!(key.open_value("example.counter", sealed.clone())?, json!({"failures": 3}));
//!
//! let mut edited = sealed.clone();
//! edited["failures"] = json!(0);
//! assert_eq!(key.open_value("example.counter", edited).unwrap_err().code(), "SEAL_INVALID");
//! let other = SealKey::new(&[8u8; 32])?;
//! assert_eq!(other.open_value("example.counter", sealed).unwrap_err().code(), "SEAL_INVALID");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use hmac::{Hmac, Mac};
use serde_json::{Map, Value};
use sha2::Sha256;

use crate::diagnostic::{Detail, Diagnostic, Family, Lang, french_display};

/// The member that holds the seal.
pub const SEAL_FIELD: &str = "seal";

/// The shortest key accepted, in bytes (256 bits, the size of the HMAC-SHA-256 output).
pub const MIN_KEY_BYTES: usize = 32;

/// The most bytes a seal adds to the JSON text of a record: `,"seal":"`, the 43 characters of
/// the tag in base64url, and `"`. A store that bounds records bounds sealed ones by this much
/// more ([`Snapshot::open`](crate::machine::Snapshot::open) reads a sealed snapshot of
/// [`MAX_SNAPSHOT_BYTES`](crate::machine::MAX_SNAPSHOT_BYTES) plus this).
///
/// # Example
///
/// ```
/// use apart::seal::{SEAL_MEMBER_BYTES, SealKey};
/// use serde_json::json;
/// let record = json!({"failures": 3});
/// let sealed = SealKey::new(&[7u8; 32])?.seal_value("example.counter", &record)?;
/// assert_eq!(sealed.to_string().len(), record.to_string().len() + SEAL_MEMBER_BYTES);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const SEAL_MEMBER_BYTES: usize = 53;

/// Domain separation: a seal made for one purpose never verifies for another.
const DOMAIN: &[u8] = b"apart.seal.v1\n";

/// A secret key for seals (HMAC-SHA-256), at least 32 bytes from a secure random source, kept by
/// the caller (a secret store, never in the records it seals). Its `Debug` hides it.
///
/// To change keys, open with the new key and, when that fails with `SEAL_INVALID`, with the old
/// one, then seal again with the new one.
///
/// # Example
///
/// ```
/// use apart::seal::{SealError, SealKey};
/// use serde_json::json;
/// let (old, new) = (SealKey::new(&[7u8; 32])?, SealKey::new(&[8u8; 32])?);
/// let stored = old.seal_value("example.counter", &json!({"failures": 3}))?;
/// let record = match new.open_value("example.counter", stored.clone()) {
///     Err(SealError::Invalid) => old.open_value("example.counter", stored)?,
///     other => other?,
/// };
/// let resealed = new.seal_value("example.counter", &record)?;
/// assert_eq!(new.open_value("example.counter", resealed)?, json!({"failures": 3}));
/// assert_eq!(format!("{new:?}"), "SealKey(…)"); // never in a log
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct SealKey(Vec<u8>);

impl fmt::Debug for SealKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SealKey(…)")
    }
}

impl SealKey {
    /// A key from its bytes.
    ///
    /// # Errors
    ///
    /// `SEAL_KEY_TOO_SHORT` below [`MIN_KEY_BYTES`] bytes.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::{Diagnostic, seal::SealKey};
    /// assert!(SealKey::new(&[7u8; 32]).is_ok());
    /// let err = SealKey::new(b"password").unwrap_err();
    /// assert_eq!(err.code(), "SEAL_KEY_TOO_SHORT");
    /// assert_eq!(err.to_string(), "clé de scellement trop courte : 8 octets, au moins 32");
    /// ```
    pub fn new(key: &[u8]) -> Result<SealKey, SealError> {
        if key.len() < MIN_KEY_BYTES {
            return Err(SealError::KeyTooShort { len: key.len() });
        }
        Ok(SealKey(key.to_vec()))
    }

    /// `value` (a JSON object without a `"seal"` member) with its seal for records of `kind`
    /// (for snapshots, the machine id).
    ///
    /// # Errors
    ///
    /// `SEAL_NOT_AN_OBJECT` when `value` is not a JSON object; `SEAL_ALREADY_PRESENT` when it
    /// already has a `"seal"` member (open it first: a second seal would hide the first).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::{Diagnostic, seal::SealKey};
    /// use serde_json::json;
    /// let key = SealKey::new(&[7u8; 32])?;
    /// let sealed = key.seal_value("example.counter", &json!({"failures": 3}))?;
    /// assert_eq!(sealed["failures"], 3); // the record stays readable
    /// assert_eq!(sealed["seal"].as_str().map(str::len), Some(43)); // 32 bytes in base64url
    /// let twice = key.seal_value("example.counter", &sealed);
    /// assert_eq!(twice.unwrap_err().code(), "SEAL_ALREADY_PRESENT");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn seal_value(&self, kind: &str, value: &Value) -> Result<Value, SealError> {
        let Value::Object(object) = value else {
            return Err(SealError::NotAnObject);
        };
        if object.contains_key(SEAL_FIELD) {
            return Err(SealError::AlreadySealed);
        }
        let tag = self.tag(kind, object)?;
        let mut sealed = object.clone();
        sealed.insert(
            SEAL_FIELD.to_owned(),
            Value::String(crate::base64url::encode(&tag)),
        );
        Ok(Value::Object(sealed))
    }

    /// The object `sealed` without its seal, once the seal is checked for records of `kind`.
    ///
    /// # Errors
    ///
    /// `SEAL_MISSING` when `sealed` is not an object with a `"seal"` text; `SEAL_INVALID` when
    /// the seal does not match (the record was edited, sealed with another key or for another
    /// kind of record).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::{Diagnostic, seal::SealKey};
    /// use serde_json::json;
    /// let key = SealKey::new(&[7u8; 32])?;
    /// let sealed = key.seal_value("apart.da", &json!({"b": 1, "a": [true]}))?;
    /// // A store that reorders keys and re-spaces the JSON (PostgreSQL jsonb) keeps it valid.
    /// let text = format!(r#"{{ "seal": {}, "a": [ true ], "b": 1 }}"#, sealed["seal"]);
    /// let stored: serde_json::Value = serde_json::from_str(&text)?;
    /// assert_eq!(key.open_value("apart.da", stored.clone())?, json!({"a": [true], "b": 1}));
    /// // Sealed for another kind of record, or not sealed at all:
    /// assert_eq!(key.open_value("apart.di", stored).unwrap_err().code(), "SEAL_INVALID");
    /// assert_eq!(key.open_value("apart.da", json!({"b": 1})).unwrap_err().code(), "SEAL_MISSING");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn open_value(&self, kind: &str, sealed: Value) -> Result<Value, SealError> {
        let Value::Object(mut object) = sealed else {
            return Err(SealError::Missing);
        };
        let Some(Value::String(seal)) = object.remove(SEAL_FIELD) else {
            return Err(SealError::Missing);
        };
        let tag = crate::base64url::decode(&seal).ok_or(SealError::Invalid)?;
        let mut mac = self.mac(kind)?;
        canonical_object(&object, &mut |bytes| mac.update(bytes));
        // `verify_slice` compares in constant time.
        mac.verify_slice(&tag).map_err(|_| SealError::Invalid)?;
        Ok(Value::Object(object))
    }

    fn mac(&self, kind: &str) -> Result<Hmac<Sha256>, SealError> {
        // HMAC takes a key of any length; the length was checked by `new` anyway.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0)
            .map_err(|_| SealError::KeyTooShort { len: self.0.len() })?;
        mac.update(DOMAIN);
        mac.update(kind.as_bytes());
        mac.update(b"\n");
        Ok(mac)
    }

    fn tag(&self, kind: &str, object: &Map<String, Value>) -> Result<[u8; 32], SealError> {
        let mut mac = self.mac(kind)?;
        // The canonical form is fed as it is written: no copy of the record.
        canonical_object(object, &mut |bytes| mac.update(bytes));
        Ok(mac.finalize().into_bytes().into())
    }
}

/// Writes `value` in canonical form: object keys sorted by their bytes, no white space, strings
/// and numbers as `serde_json` writes them. Independent of `serde_json`'s `preserve_order`.
fn canonical(value: &Value, out: &mut dyn FnMut(&[u8])) {
    match value {
        Value::Null => out(b"null"),
        Value::Bool(true) => out(b"true"),
        Value::Bool(false) => out(b"false"),
        Value::Number(n) => out(n.to_string().as_bytes()),
        Value::String(s) => out(string(s).as_bytes()),
        Value::Array(items) => {
            out(b"[");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out(b",");
                }
                canonical(item, out);
            }
            out(b"]");
        }
        Value::Object(map) => canonical_object(map, out),
    }
}

fn canonical_object(map: &Map<String, Value>, out: &mut dyn FnMut(&[u8])) {
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    out(b"{");
    for (i, (key, value)) in entries.into_iter().enumerate() {
        if i > 0 {
            out(b",");
        }
        out(string(key).as_bytes());
        out(b":");
        canonical(value, out);
    }
    out(b"}");
}

fn string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Why a seal was refused.
///
/// # Example
///
/// ```
/// use apart::{Diagnostic, Family, Lang, seal::{SealError, SealKey}};
/// use serde_json::json;
/// let key = SealKey::new(&[7u8; 32])?;
/// let mut sealed = key.seal_value("example.counter", &json!({"failures": 3}))?;
/// sealed["failures"] = json!(0); // someone with write access to the store
/// let err = key.open_value("example.counter", sealed).unwrap_err();
/// assert_eq!(err, SealError::Invalid);
/// assert_eq!((err.code(), err.family()), ("SEAL_INVALID", Family::Machine));
/// assert_eq!(
///     err.message(Lang::En),
///     "seal does not match: the record was altered or sealed with another key"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SealError {
    /// The key is shorter than [`MIN_KEY_BYTES`].
    KeyTooShort {
        /// Its length, in bytes.
        len: usize,
    },
    /// The record to open has no seal (or is not a JSON object).
    Missing,
    /// The record to seal, or a snapshot to read as a plain one, already has a seal: open it
    /// first.
    AlreadySealed,
    /// The record to seal is not a JSON object (only an object has room for the seal).
    NotAnObject,
    /// The seal does not match: the record was edited, or sealed with another key or for another
    /// kind of record.
    Invalid,
}

impl Diagnostic for SealError {
    /// The seals protect the machines' snapshots (and the records beside them).
    fn family(&self) -> Family {
        Family::Machine
    }

    fn code(&self) -> &'static str {
        match self {
            SealError::KeyTooShort { .. } => "SEAL_KEY_TOO_SHORT",
            SealError::Missing => "SEAL_MISSING",
            SealError::AlreadySealed => "SEAL_ALREADY_PRESENT",
            SealError::NotAnObject => "SEAL_NOT_AN_OBJECT",
            SealError::Invalid => "SEAL_INVALID",
        }
    }

    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SealError::KeyTooShort { len }, Lang::En) => {
                format!("seal key too short: {len} bytes, at least {MIN_KEY_BYTES}")
            }
            (SealError::KeyTooShort { len }, _) => {
                format!("clé de scellement trop courte : {len} octets, au moins {MIN_KEY_BYTES}")
            }
            (SealError::Missing, Lang::En) => "record not sealed".to_owned(),
            (SealError::Missing, _) => "dossier non scellé".to_owned(),
            (SealError::AlreadySealed, Lang::En) => {
                "record sealed: open it (with its key) before reading or sealing it again"
                    .to_owned()
            }
            (SealError::AlreadySealed, _) => {
                "dossier scellé : ouvrez-le (avec sa clé) avant de le lire ou de le sceller à nouveau"
                    .to_owned()
            }
            (SealError::NotAnObject, Lang::En) => "only a JSON object can be sealed".to_owned(),
            (SealError::NotAnObject, _) => "seul un objet JSON peut être scellé".to_owned(),
            (SealError::Invalid, Lang::En) => {
                "seal does not match: the record was altered or sealed with another key".to_owned()
            }
            (SealError::Invalid, _) => {
                "sceau non conforme : le dossier a été modifié ou scellé avec une autre clé"
                    .to_owned()
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        match self {
            SealError::KeyTooShort { len } => {
                vec![("len", (*len).into()), ("min", MIN_KEY_BYTES.into())]
            }
            SealError::Missing
            | SealError::AlreadySealed
            | SealError::NotAnObject
            | SealError::Invalid => Vec::new(),
        }
    }
}
french_display!(SealError);

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn key() -> SealKey {
        SealKey::new(&[3u8; 32]).unwrap()
    }

    #[test]
    fn canonical_form_sorts_keys_and_drops_spaces() {
        let mut out = Vec::new();
        canonical(
            &json!({"b": [1, {"z": null, "a": true}], "a": "é\"\n"}),
            &mut |b| out.extend_from_slice(b),
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"a":"é\"\n","b":[1,{"a":true,"z":null}]}"#
        );
    }

    #[test]
    fn kind_and_key_are_bound() {
        let sealed = key().seal_value("a", &json!({"x": 1})).unwrap();
        assert_eq!(
            key().open_value("b", sealed.clone()),
            Err(SealError::Invalid)
        );
        assert_eq!(
            key().seal_value("a", &sealed).unwrap_err(),
            SealError::AlreadySealed,
            "sealing twice"
        );
        assert_eq!(
            key().seal_value("a", &json!([1])).unwrap_err(),
            SealError::NotAnObject
        );
        assert_eq!(key().open_value("a", json!([1])), Err(SealError::Missing));
        let mut bad = sealed.clone();
        bad["seal"] = json!("not base64!");
        assert_eq!(key().open_value("a", bad), Err(SealError::Invalid));
        assert_eq!(format!("{:?}", key()), "SealKey(…)");
    }

    proptest! {
        /// Any edit of a sealed object is caught; the object itself always opens.
        #[test]
        fn edits_are_caught(a in any::<i64>(), s in "\\PC{0,20}", flip in 0..3u8) {
            let value = json!({"a": a, "s": s, "n": [a, 1]});
            let sealed = key().seal_value("k", &value).unwrap();
            prop_assert_eq!(key().open_value("k", sealed.clone()).unwrap(), value);
            let mut edited = sealed;
            match flip {
                0 => edited["a"] = json!(a.wrapping_add(1)),
                1 => edited["s"] = json!(format!("{s}x")),
                _ => edited["extra"] = json!(0),
            }
            prop_assert_eq!(key().open_value("k", edited), Err(SealError::Invalid));
        }
    }
}
