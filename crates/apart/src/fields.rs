//! The fields of a record, read from its serde shape: what a front end that takes a record as
//! separate columns (or reads one field of it) names, with no list written by hand, so that a
//! new field of the record is a new column at once.

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{self, Impossible, Serialize, Serializer};
use serde_json::Value;

/// The names of the fields of record `T`, as its `Deserialize` reads them (serde's names,
/// renames applied), in declaration order; empty for a type that is not a struct.
///
/// ```
/// use apart::indemnity::{EmployeeMonth, claim_csv};
/// let mut fields = apart::fields::names::<EmployeeMonth>().to_vec();
/// assert_eq!(fields[..2], ["employee", "month"]);
/// // The CSV reader has a column for every field of the record, and no other.
/// let mut columns: Vec<&str> = claim_csv::input_columns().collect();
/// fields.sort_unstable();
/// columns.sort_unstable();
/// assert_eq!(fields, columns);
/// assert!(apart::fields::names::<u32>().is_empty());
/// ```
pub fn names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Fields(&'static [&'static str]);
    impl de::Error for Fields {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Fields(&[])
        }
    }
    impl std::fmt::Display for Fields {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("fields")
        }
    }
    impl std::fmt::Debug for Fields {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("fields")
        }
    }
    impl std::error::Error for Fields {}
    struct Recorder;
    impl<'de> Deserializer<'de> for Recorder {
        type Error = Fields;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Fields> {
            Err(Fields(&[]))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Fields> {
            Err(Fields(fields))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    match T::deserialize(Recorder) {
        Err(Fields(names)) => names,
        Ok(_) => &[],
    }
}

/// The text of the field at `path` (`["employee_indemnity"]`, `["contributions", "total"]`)
/// of `value`: `Some(None)` when it is absent (`null`), `None` when `path` names no field
/// holding one value (an unknown name, a list, a record). What a front end's column of one
/// field of many records reads.
///
/// ```
/// use apart::fields::pick;
/// let limits = apart::forms::FormLimits::CURRENT;
/// assert_eq!(pick(&limits, &["email_max"]), Some(Some("254".to_owned())));
/// assert_eq!(pick(&limits, &["nope"]), None);
/// ```
pub fn pick<T: Serialize>(value: &T, path: &[&str]) -> Option<Option<String>> {
    let (first, rest) = path.split_first()?;
    let mut json = match find(value, first, ToJson)? {
        // Left out when empty (`skip_serializing_if`): absent on this record.
        None if rest.is_empty() => return Some(None),
        found => found??,
    };
    for name in rest {
        json = match json {
            // An absent record has no field with a value.
            Value::Null => return Some(None),
            Value::Object(mut fields) => fields.remove(*name)?,
            _ => return None,
        };
    }
    match json {
        Value::Null => Some(None),
        Value::String(text) => Some(Some(text)),
        Value::Bool(_) | Value::Number(_) => Some(Some(json.to_string())),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// Not a record with that field.
#[derive(Debug)]
struct NotScalar;

impl std::fmt::Display for NotScalar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a record with that field")
    }
}

impl std::error::Error for NotScalar {}

impl ser::Error for NotScalar {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        NotScalar
    }
}

/// What is done with the one field [`find`] finds: [`pick`] makes it JSON; a front end may
/// make it a value of its language directly.
///
/// ```
/// use apart::fields::{Take, find};
/// struct Json;
/// impl Take for Json {
///     type Out = serde_json::Value;
///     fn take<V: ?Sized + serde::Serialize>(self, value: &V) -> serde_json::Value {
///         serde_json::to_value(value).unwrap_or_default()
///     }
/// }
/// let choice = apart::forms::Choice { code: "B".into(), label: "bis".into() };
/// assert_eq!(find(&choice, "label", Json), Some(Some(serde_json::json!("bis"))));
/// assert_eq!(find(&choice, "nope", Json), None);
/// ```
pub trait Take {
    /// What the field becomes.
    type Out;
    /// The field's value made into [`Self::Out`].
    ///
    /// ```
    /// use apart::fields::Take;
    /// struct Text;
    /// impl Take for Text {
    ///     type Out = String;
    ///     fn take<V: ?Sized + serde::Serialize>(self, value: &V) -> String {
    ///         serde_json::to_string(value).unwrap_or_default()
    ///     }
    /// }
    /// assert_eq!(Text.take(&7), "7");
    /// ```
    fn take<V: ?Sized + Serialize>(self, value: &V) -> Self::Out;
}

struct ToJson;

impl Take for ToJson {
    type Out = Option<Value>;
    fn take<V: ?Sized + Serialize>(self, value: &V) -> Option<Value> {
        serde_json::to_value(value).ok()
    }
}

/// The field `name` of record `value` given to `take`, without serializing the rest of the
/// record: `Some(None)` when the record leaves it out (`skip_serializing_if`), `None` when
/// `value` is not a record with a field `name`. See [`Take`] for an example.
///
/// ```
/// # use apart::fields::{Take, find};
/// # struct Len;
/// # impl Take for Len {
/// #     type Out = usize;
/// #     fn take<V: ?Sized + serde::Serialize>(self, v: &V) -> usize {
/// #         serde_json::to_string(v).map_or(0, |t| t.len())
/// #     }
/// # }
/// let choice = apart::forms::Choice { code: "B".into(), label: "bis".into() };
/// assert_eq!(find(&choice, "code", Len), Some(Some(3))); // `"B"`
/// ```
pub fn find<T: Serialize, K: Take>(value: &T, name: &str, take: K) -> Option<Option<K::Out>> {
    value
        .serialize(Record {
            name,
            take: Some(take),
            found: None,
        })
        .ok()
}

/// A record's serializer that keeps one field, then its fields.
struct Record<'a, K: Take> {
    name: &'a str,
    take: Option<K>,
    found: Option<Option<K::Out>>,
}

impl<K: Take> ser::SerializeStruct for Record<'_, K> {
    type Ok = Option<K::Out>;
    type Error = NotScalar;

    fn serialize_field<V: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), NotScalar> {
        if key == self.name
            && let Some(take) = self.take.take()
        {
            self.found = Some(Some(take.take(value)));
        }
        Ok(())
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), NotScalar> {
        if key == self.name && self.take.take().is_some() {
            self.found = Some(None);
        }
        Ok(())
    }

    fn end(self) -> Result<Option<K::Out>, NotScalar> {
        self.found.ok_or(NotScalar)
    }
}

macro_rules! not_a_record {
    ($($method:ident$(<$v:ident>)?($($ty:ty),*) -> $out:ty;)*) => {
        $(fn $method$(<$v: ?Sized + Serialize>)?(self, $(_: $ty),*) -> Result<$out, NotScalar> {
            Err(NotScalar)
        })*
    };
}

impl<'a, K: Take> Serializer for Record<'a, K> {
    type Ok = Option<K::Out>;
    type Error = NotScalar;
    type SerializeSeq = Impossible<Self::Ok, NotScalar>;
    type SerializeTuple = Impossible<Self::Ok, NotScalar>;
    type SerializeTupleStruct = Impossible<Self::Ok, NotScalar>;
    type SerializeTupleVariant = Impossible<Self::Ok, NotScalar>;
    type SerializeMap = Impossible<Self::Ok, NotScalar>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<Self::Ok, NotScalar>;

    not_a_record! {
        serialize_bool(bool) -> Self::Ok;
        serialize_i8(i8) -> Self::Ok;
        serialize_i16(i16) -> Self::Ok;
        serialize_i32(i32) -> Self::Ok;
        serialize_i64(i64) -> Self::Ok;
        serialize_u8(u8) -> Self::Ok;
        serialize_u16(u16) -> Self::Ok;
        serialize_u32(u32) -> Self::Ok;
        serialize_u64(u64) -> Self::Ok;
        serialize_f32(f32) -> Self::Ok;
        serialize_f64(f64) -> Self::Ok;
        serialize_char(char) -> Self::Ok;
        serialize_str(&str) -> Self::Ok;
        serialize_bytes(&[u8]) -> Self::Ok;
        serialize_none() -> Self::Ok;
        serialize_some<V>(&V) -> Self::Ok;
        serialize_unit() -> Self::Ok;
        serialize_unit_struct(&'static str) -> Self::Ok;
        serialize_unit_variant(&'static str, u32, &'static str) -> Self::Ok;
        serialize_newtype_struct<V>(&'static str, &V) -> Self::Ok;
        serialize_newtype_variant<V>(&'static str, u32, &'static str, &V) -> Self::Ok;
        serialize_seq(Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(usize) -> Self::SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
        serialize_map(Option<usize>) -> Self::SerializeMap;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, NotScalar> {
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::indemnity::{EmployeeMonth, Options, Outcome, compute};
    use crate::law::LawBook;

    #[test]
    fn picks_what_the_json_holds() {
        let book = LawBook::builtin().unwrap();
        let mut e = EmployeeMonth::new(
            "2026-01".parse().unwrap(),
            "2000".parse().unwrap(),
            "70".parse().unwrap(),
        );
        e.employee = Some("A".into());
        let out = compute(&book, &e, &Options::default()).unwrap();
        let json = serde_json::to_value(&out).unwrap();
        for name in names::<Outcome>() {
            let picked = pick(&out, &[name]);
            match &json[*name] {
                serde_json::Value::String(s) => assert_eq!(picked, Some(Some(s.clone()))),
                serde_json::Value::Null => assert_eq!(picked, Some(None), "{name}"),
                serde_json::Value::Array(_) | serde_json::Value::Object(_) => {
                    assert_eq!(picked, None, "{name}")
                }
                other => assert_eq!(picked, Some(Some(other.to_string())), "{name}"),
            }
        }
        assert_eq!(
            pick(&out, &["contributions", "total"]),
            Some(json["contributions"]["total"].as_str().map(str::to_owned))
        );
        assert_eq!(pick(&out, &["nope"]), None);
        assert_eq!(pick(&out, &["employee_indemnity", "x"]), None);
        assert!(names::<Outcome>().contains(&"employee_indemnity"));
    }
}
