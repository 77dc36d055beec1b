//! One field of a core record, read through its serde shape: what `ClaimTable.column` gives for
//! every line without converting the rest of the record (no field list is written here: the
//! names are the record's serde names, so a new core field is a column at once).

use napi::Env;
use napi::bindgen_prelude::Unknown;
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{self, Impossible, Serialize, Serializer};

/// The text of the field at `path` (`["employee_indemnity"]`, `["contributions", "total"]`)
/// of `value`: `Some(None)` when it is absent (`null`), `None` when `path` names no field
/// holding one value (an unknown name, a list, a record).
pub(crate) fn pick<T: Serialize>(value: &T, path: &[&str]) -> Option<Option<String>> {
    value.serialize(Pick { path }).ok()
}

/// The names of the fields of record `T` (its serde names), read from its `Deserialize`.
pub(crate) fn fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
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

/// Not a field with one value.
#[derive(Debug)]
struct NotScalar;

impl std::fmt::Display for NotScalar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a field with one value")
    }
}

impl std::error::Error for NotScalar {}

impl ser::Error for NotScalar {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        NotScalar
    }
}

type Out = Option<String>;

struct Pick<'p> {
    path: &'p [&'p str],
}

impl Pick<'_> {
    fn text(self, text: String) -> Result<Out, NotScalar> {
        if self.path.is_empty() {
            Ok(Some(text))
        } else {
            Err(NotScalar)
        }
    }
}

/// A record's fields, looking for the first name of the path.
struct Fields<'p> {
    path: &'p [&'p str],
    found: Option<Result<Out, NotScalar>>,
}

impl ser::SerializeStruct for Fields<'_> {
    type Ok = Out;
    type Error = NotScalar;

    fn serialize_field<V: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), NotScalar> {
        if let Some((first, rest)) = self.path.split_first()
            && self.found.is_none()
            && key == *first
        {
            self.found = Some(value.serialize(Pick { path: rest }));
        }
        Ok(())
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), NotScalar> {
        // A field left out when empty (`skip_serializing_if`) is absent on this record.
        if self.found.is_none() && self.path.len() == 1 && self.path.first() == Some(&key) {
            self.found = Some(Ok(None));
        }
        Ok(())
    }

    fn end(self) -> Result<Out, NotScalar> {
        self.found.unwrap_or(Err(NotScalar))
    }
}

macro_rules! display {
    ($($method:ident: $ty:ty),*) => {
        $(fn $method(self, v: $ty) -> Result<Out, NotScalar> {
            self.text(v.to_string())
        })*
    };
}

impl<'p> Serializer for Pick<'p> {
    type Ok = Out;
    type Error = NotScalar;
    type SerializeSeq = Impossible<Out, NotScalar>;
    type SerializeTuple = Impossible<Out, NotScalar>;
    type SerializeTupleStruct = Impossible<Out, NotScalar>;
    type SerializeTupleVariant = Impossible<Out, NotScalar>;
    type SerializeMap = Impossible<Out, NotScalar>;
    type SerializeStruct = Fields<'p>;
    type SerializeStructVariant = Impossible<Out, NotScalar>;

    display!(
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_f32: f32, serialize_f64: f64, serialize_char: char,
        serialize_str: &str
    );

    fn serialize_bytes(self, _: &[u8]) -> Result<Out, NotScalar> {
        Err(NotScalar)
    }
    fn serialize_none(self) -> Result<Out, NotScalar> {
        Ok(None)
    }
    fn serialize_some<V: ?Sized + Serialize>(self, value: &V) -> Result<Out, NotScalar> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Out, NotScalar> {
        Ok(None)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Out, NotScalar> {
        Ok(None)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Out, NotScalar> {
        self.text(variant.to_owned())
    }
    fn serialize_newtype_struct<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &V,
    ) -> Result<Out, NotScalar> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<Out, NotScalar> {
        Err(NotScalar)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotScalar> {
        Err(NotScalar)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotScalar> {
        Err(NotScalar)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotScalar> {
        Err(NotScalar)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotScalar> {
        Err(NotScalar)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotScalar> {
        Err(NotScalar)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, NotScalar> {
        if self.path.is_empty() {
            return Err(NotScalar);
        }
        Ok(Fields {
            path: self.path,
            found: None,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotScalar> {
        Err(NotScalar)
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
    value.serialize(Record { env, name }).ok()
}

type Found<'env> = Option<napi::Result<Unknown<'env>>>;

/// A record's serializer that keeps one field.
struct Record<'a, 'env> {
    env: &'env Env,
    name: &'a str,
}

/// The fields of that record, the one named kept.
struct Keep<'a, 'env> {
    env: &'env Env,
    name: &'a str,
    found: Option<Found<'env>>,
}

/// A reference that is `Sized`, for napi-rs's serializer.
struct By<'v, V: ?Sized>(&'v V);

impl<V: ?Sized + Serialize> Serialize for By<'_, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'env> ser::SerializeStruct for Keep<'_, 'env> {
    type Ok = Found<'env>;
    type Error = NotScalar;

    fn serialize_field<V: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), NotScalar> {
        if self.found.is_none() && key == self.name {
            self.found = Some(Some(self.env.to_js_value(&By(value))));
        }
        Ok(())
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), NotScalar> {
        if self.found.is_none() && key == self.name {
            self.found = Some(None);
        }
        Ok(())
    }

    fn end(self) -> Result<Found<'env>, NotScalar> {
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

impl<'a, 'env> Serializer for Record<'a, 'env> {
    type Ok = Found<'env>;
    type Error = NotScalar;
    type SerializeSeq = Impossible<Found<'env>, NotScalar>;
    type SerializeTuple = Impossible<Found<'env>, NotScalar>;
    type SerializeTupleStruct = Impossible<Found<'env>, NotScalar>;
    type SerializeTupleVariant = Impossible<Found<'env>, NotScalar>;
    type SerializeMap = Impossible<Found<'env>, NotScalar>;
    type SerializeStruct = Keep<'a, 'env>;
    type SerializeStructVariant = Impossible<Found<'env>, NotScalar>;

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

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Keep<'a, 'env>, NotScalar> {
        Ok(Keep {
            env: self.env,
            name: self.name,
            found: None,
        })
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
        for name in fields::<Outcome>() {
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
        assert!(fields::<Outcome>().contains(&"employee_indemnity"));
    }
}
