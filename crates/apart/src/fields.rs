//! The fields of a record, read from its serde shape: what a front end that takes a record as
//! separate columns (or reads one field of it) names, with no list written by hand, so that a
//! new field of the record is a new column at once.

use serde::de::{self, Deserialize, Deserializer, Visitor};

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
