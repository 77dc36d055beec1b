//! One field of a core record, read through its serde shape without converting the rest of the
//! record: what `ClaimTable.column` gives for every line, and what the getters of the native
//! records read (no field list is written here: the names are the record's serde names, so a
//! new core field is a column and a getter at once).

use napi::Env;
use napi::bindgen_prelude::Unknown;
use serde::ser::{self, Impossible, Serialize, Serializer};
use serde_json::Value;

/// The text of the field at `path` (`["employee_indemnity"]`, `["contributions", "total"]`)
/// of `value`: `Some(None)` when it is absent (`null`), `None` when `path` names no field
/// holding one value (an unknown name, a list, a record).
pub(crate) fn pick<T: Serialize>(value: &T, path: &[&str]) -> Option<Option<String>> {
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

/// The field `name` of record `value` as a JavaScript value, converted alone (what the
/// getters of the native records read): `Some(None)` when the record leaves it out
/// (`skip_serializing_if`), `None` when `value` has no field `name`.
pub(crate) fn field<'env, T: Serialize>(
    env: &'env Env,
    value: &T,
    name: &str,
) -> Option<Option<napi::Result<Unknown<'env>>>> {
    find(value, name, ToJs(env))
}

/// What is done with the field found: [`pick`] makes it JSON, [`field`] a JavaScript value.
trait Take {
    type Out;
    fn take<V: ?Sized + Serialize>(self, value: &V) -> Self::Out;
}

struct ToJson;

impl Take for ToJson {
    type Out = Option<Value>;
    fn take<V: ?Sized + Serialize>(self, value: &V) -> Option<Value> {
        serde_json::to_value(value).ok()
    }
}

struct ToJs<'env>(&'env Env);

impl<'env> Take for ToJs<'env> {
    type Out = napi::Result<Unknown<'env>>;
    fn take<V: ?Sized + Serialize>(self, value: &V) -> Self::Out {
        self.0.to_js_value(&value)
    }
}

/// The field `name` of record `value` given to `take`: `Some(None)` when the record leaves it
/// out (`skip_serializing_if`), `None` when `value` is not a record with a field `name`.
fn find<T: Serialize, K: Take>(value: &T, name: &str, take: K) -> Option<Option<K::Out>> {
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
    use apart::indemnity::{EmployeeMonth, Options, Outcome, compute};
    use apart::law::LawBook;

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
        for name in apart::fields::names::<Outcome>() {
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
        assert!(apart::fields::names::<Outcome>().contains(&"employee_indemnity"));
    }
}
