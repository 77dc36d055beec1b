//! A record's fields as cells of a table, read through its serde shape: what the bindings'
//! table outputs (an Arrow table of claim lines in Python, columns in JavaScript) write for each
//! record. The column names are the record's serde names, so a new core field is a new column
//! with no hand-written list, and no JSON tree is built on the way (a claim of 10,000 lines is
//! written column by column at the speed of the serializer).
//!
//! The walk: a record (a serde struct) is entered, its fields named by their path; every other
//! value is one cell. A list, a tuple or a free-form map (such as a diagnostic's `details`) is one
//! cell holding its JSON text; an enum variant with data is the JSON text of its tagged form.

use serde::ser::{self, Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;

/// One cell of a table.
///
/// # Example
///
/// ```
/// use apart::cells::{flatten, Cell};
/// use apart::diagnostic::DiagnosticRecord;
/// let err = "73282932000075".parse::<apart::siret::Siret>().unwrap_err();
/// let row = flatten(&DiagnosticRecord::of(&err))?;
/// assert_eq!(row[0], ("code".to_owned(), Cell::Text("SIRET_INVALID_KEY".into())));
/// assert_eq!(row[1], ("family".to_owned(), Cell::Text("siret".into())));
/// assert_eq!(row[3].0, "messages.en"); // a nested record: one column per field
/// // A free-form map is one cell of JSON text.
/// assert_eq!(row[4], ("details".to_owned(), Cell::Json(r#"{"expected":4,"found":5}"#.into())));
/// #[derive(serde::Serialize)]
/// struct Counts { lines: u32, rmm: Option<u32>, apld: bool }
/// let counts = flatten(&Counts { lines: 3, rmm: None, apld: false })?;
/// let cells: Vec<Cell> = counts.into_iter().map(|(_, cell)| cell).collect();
/// assert_eq!(cells, [Cell::Int(3), Cell::Null, Cell::Bool(false)]);
/// # Ok::<(), apart::cells::CellError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// No value: an absent `Option`, a unit.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer (a count, an index).
    Int(i64),
    /// Text: a string, an exact decimal (written as text by its type), a date, a unit variant.
    Text(String),
    /// A list, a free-form map or an enum variant with data, as JSON text.
    Json(String),
}

/// Calls `visit` with the path and the cell of every field of `value`, in serde order. A
/// record's fields have paths of one name, a nested record's fields one name more; a value that
/// is not a record is one cell with an empty path.
///
/// ```
/// use apart::cells::{cells, Cell};
/// #[derive(serde::Serialize)]
/// struct Pay { gross: String, hours: Option<u32>, parts: Parts, tags: Vec<&'static str> }
/// #[derive(serde::Serialize)]
/// struct Parts { base: bool }
/// let pay = Pay { gross: "2000.00".into(), hours: None, parts: Parts { base: true }, tags: vec!["a"] };
/// let mut out = Vec::new();
/// cells(&pay, &mut |path: &[&'static str], cell: Cell| out.push((path.join("."), cell)))?;
/// assert_eq!(out, [
///     ("gross".to_owned(), Cell::Text("2000.00".into())),
///     ("hours".to_owned(), Cell::Null),
///     ("parts.base".to_owned(), Cell::Bool(true)),
///     ("tags".to_owned(), Cell::Json(r#"["a"]"#.into())),
/// ]);
/// # Ok::<(), apart::cells::CellError>(())
/// ```
pub fn cells<T, F>(value: &T, visit: &mut F) -> Result<(), CellError>
where
    T: Serialize + ?Sized,
    F: FnMut(&[&'static str], Cell),
{
    let mut path = Vec::new();
    value.serialize(Walk {
        path: &mut path,
        visit,
    })
}

/// Every cell of `value` with its path joined by dots (`contributions.total`), in serde order:
/// [`cells`] collected, for a caller that keys columns by name.
///
/// ```
/// use apart::cells::{flatten, Cell};
/// #[derive(serde::Serialize)]
/// struct Parts { base: bool }
/// #[derive(serde::Serialize)]
/// struct Pay { gross: &'static str, parts: Parts }
/// let pay = Pay { gross: "2000.00", parts: Parts { base: true } };
/// assert_eq!(flatten(&pay)?, [
///     ("gross".to_owned(), Cell::Text("2000.00".into())),
///     ("parts.base".to_owned(), Cell::Bool(true)),
/// ]);
/// # Ok::<(), apart::cells::CellError>(())
/// ```
///
/// # Errors
///
/// As [`cells`].
pub fn flatten<T: Serialize + ?Sized>(value: &T) -> Result<Vec<(String, Cell)>, CellError> {
    let mut out = Vec::new();
    cells(value, &mut |path: &[&'static str], cell| {
        out.push((path.join("."), cell));
    })?;
    Ok(out)
}

/// A value serde could not write (a custom `Serialize` that failed, a non-string map key).
///
/// # Example
///
/// ```
/// use apart::cells::flatten;
/// use std::collections::BTreeMap;
/// #[derive(serde::Serialize)]
/// struct Report { hours_by_day: Vec<BTreeMap<(u8, u8), u32>> }
/// let report = Report { hours_by_day: vec![BTreeMap::from([((1, 5), 7)])] };
/// let err = flatten(&report).unwrap_err();
/// assert_eq!(err.to_string(), "key must be a string");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError(String);

impl std::fmt::Display for CellError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CellError {}

impl ser::Error for CellError {
    fn custom<M: std::fmt::Display>(msg: M) -> Self {
        CellError(msg.to_string())
    }
}

fn json_error(e: serde_json::Error) -> CellError {
    CellError(e.to_string())
}

/// The walk at one path.
struct Walk<'a, F> {
    path: &'a mut Vec<&'static str>,
    visit: &'a mut F,
}

impl<F: FnMut(&[&'static str], Cell)> Walk<'_, F> {
    fn cell(self, cell: Cell) -> Result<(), CellError> {
        (self.visit)(self.path, cell);
        Ok(())
    }

    fn json(self, value: Value) -> Result<(), CellError> {
        let text = serde_json::to_string(&value).map_err(json_error)?;
        self.cell(Cell::Json(text))
    }
}

/// A list or map being collected into its JSON text.
struct Collect<'a, F> {
    walk: Walk<'a, F>,
    items: Vec<Value>,
    map: serde_json::Map<String, Value>,
    key: Option<String>,
    is_map: bool,
}

impl<'a, F: FnMut(&[&'static str], Cell)> Collect<'a, F> {
    fn new(walk: Walk<'a, F>, is_map: bool) -> Self {
        Collect {
            walk,
            items: Vec::new(),
            map: serde_json::Map::new(),
            key: None,
            is_map,
        }
    }

    fn finish(self) -> Result<(), CellError> {
        let value = if self.is_map {
            Value::Object(self.map)
        } else {
            Value::Array(self.items)
        };
        self.walk.json(value)
    }
}

impl<F: FnMut(&[&'static str], Cell)> SerializeSeq for Collect<'_, F> {
    type Ok = ();
    type Error = CellError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CellError> {
        self.items
            .push(serde_json::to_value(value).map_err(json_error)?);
        Ok(())
    }
    fn end(self) -> Result<(), CellError> {
        self.finish()
    }
}

impl<F: FnMut(&[&'static str], Cell)> ser::SerializeTuple for Collect<'_, F> {
    type Ok = ();
    type Error = CellError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CellError> {
        SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), CellError> {
        self.finish()
    }
}

impl<F: FnMut(&[&'static str], Cell)> ser::SerializeTupleStruct for Collect<'_, F> {
    type Ok = ();
    type Error = CellError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CellError> {
        SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), CellError> {
        self.finish()
    }
}

impl<F: FnMut(&[&'static str], Cell)> SerializeMap for Collect<'_, F> {
    type Ok = ();
    type Error = CellError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), CellError> {
        match serde_json::to_value(key).map_err(json_error)? {
            Value::String(s) => self.key = Some(s),
            other => self.key = Some(other.to_string()),
        }
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CellError> {
        let key = self
            .key
            .take()
            .ok_or_else(|| CellError("a map value without its key".into()))?;
        self.map
            .insert(key, serde_json::to_value(value).map_err(json_error)?);
        Ok(())
    }
    fn end(self) -> Result<(), CellError> {
        self.finish()
    }
}

/// A variant with data (`{"Variant": …}`), collected like a list then tagged.
struct Tagged<'a, F> {
    inner: Collect<'a, F>,
    variant: &'static str,
}

impl<F: FnMut(&[&'static str], Cell)> Tagged<'_, F> {
    fn finish(self) -> Result<(), CellError> {
        let body = if self.inner.is_map {
            Value::Object(self.inner.map)
        } else {
            Value::Array(self.inner.items)
        };
        let mut tagged = serde_json::Map::new();
        tagged.insert(self.variant.to_owned(), body);
        self.inner.walk.json(Value::Object(tagged))
    }
}

impl<F: FnMut(&[&'static str], Cell)> ser::SerializeTupleVariant for Tagged<'_, F> {
    type Ok = ();
    type Error = CellError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CellError> {
        SerializeSeq::serialize_element(&mut self.inner, value)
    }
    fn end(self) -> Result<(), CellError> {
        self.finish()
    }
}

impl<F: FnMut(&[&'static str], Cell)> ser::SerializeStructVariant for Tagged<'_, F> {
    type Ok = ();
    type Error = CellError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), CellError> {
        self.inner.map.insert(
            key.to_owned(),
            serde_json::to_value(value).map_err(json_error)?,
        );
        Ok(())
    }
    fn end(self) -> Result<(), CellError> {
        self.finish()
    }
}

/// A record being walked field by field.
struct Record<'a, F> {
    path: &'a mut Vec<&'static str>,
    visit: &'a mut F,
}

impl<F: FnMut(&[&'static str], Cell)> ser::SerializeStruct for Record<'_, F> {
    type Ok = ();
    type Error = CellError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), CellError> {
        self.path.push(key);
        let out = value.serialize(Walk {
            path: self.path,
            visit: self.visit,
        });
        self.path.pop();
        out
    }
    fn skip_field(&mut self, _: &'static str) -> Result<(), CellError> {
        Ok(())
    }
    fn end(self) -> Result<(), CellError> {
        Ok(())
    }
}

impl<'a, F: FnMut(&[&'static str], Cell)> Serializer for Walk<'a, F> {
    type Ok = ();
    type Error = CellError;
    type SerializeSeq = Collect<'a, F>;
    type SerializeTuple = Collect<'a, F>;
    type SerializeTupleStruct = Collect<'a, F>;
    type SerializeTupleVariant = Tagged<'a, F>;
    type SerializeMap = Collect<'a, F>;
    type SerializeStruct = Record<'a, F>;
    type SerializeStructVariant = Tagged<'a, F>;

    fn serialize_bool(self, v: bool) -> Result<(), CellError> {
        self.cell(Cell::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<(), CellError> {
        self.cell(Cell::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<(), CellError> {
        self.cell(Cell::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<(), CellError> {
        self.cell(Cell::Int(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<(), CellError> {
        self.cell(Cell::Int(v))
    }
    fn serialize_u8(self, v: u8) -> Result<(), CellError> {
        self.cell(Cell::Int(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<(), CellError> {
        self.cell(Cell::Int(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<(), CellError> {
        self.cell(Cell::Int(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<(), CellError> {
        // Past i64 (no count of this library gets there), the digits as text.
        match i64::try_from(v) {
            Ok(v) => self.cell(Cell::Int(v)),
            Err(_) => self.cell(Cell::Text(v.to_string())),
        }
    }
    fn serialize_f32(self, v: f32) -> Result<(), CellError> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), CellError> {
        // No record of the core holds a float; written as JSON would write it.
        self.json(Value::from(v))
    }
    fn serialize_char(self, v: char) -> Result<(), CellError> {
        self.cell(Cell::Text(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<(), CellError> {
        self.cell(Cell::Text(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), CellError> {
        self.json(Value::from(v))
    }
    fn serialize_none(self) -> Result<(), CellError> {
        self.cell(Cell::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), CellError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), CellError> {
        self.cell(Cell::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), CellError> {
        self.cell(Cell::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), CellError> {
        self.cell(Cell::Text(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), CellError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), CellError> {
        let mut tagged = serde_json::Map::new();
        tagged.insert(
            variant.to_owned(),
            serde_json::to_value(value).map_err(json_error)?,
        );
        self.json(Value::Object(tagged))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Collect<'a, F>, CellError> {
        Ok(Collect::new(self, false))
    }
    fn serialize_tuple(self, _: usize) -> Result<Collect<'a, F>, CellError> {
        Ok(Collect::new(self, false))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Collect<'a, F>, CellError> {
        Ok(Collect::new(self, false))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Tagged<'a, F>, CellError> {
        Ok(Tagged {
            inner: Collect::new(self, false),
            variant,
        })
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Collect<'a, F>, CellError> {
        Ok(Collect::new(self, true))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Record<'a, F>, CellError> {
        Ok(Record {
            path: self.path,
            visit: self.visit,
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Tagged<'a, F>, CellError> {
        Ok(Tagged {
            inner: Collect::new(self, true),
            variant,
        })
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn flat<T: Serialize>(value: &T) -> Vec<(String, Cell)> {
        flatten(value).unwrap_or_else(|e| vec![("error".into(), Cell::Text(e.to_string()))])
    }

    #[test]
    fn values_that_are_not_records_are_one_cell() {
        #[derive(serde::Serialize)]
        enum E {
            Unit,
            New(u8),
            Tuple(u8, u8),
            Rec { a: u8 },
        }
        assert_eq!(flat(&E::Unit), [(String::new(), Cell::Text("Unit".into()))]);
        assert_eq!(
            flat(&E::New(1)),
            [(String::new(), Cell::Json(r#"{"New":1}"#.into()))]
        );
        assert_eq!(
            flat(&E::Tuple(1, 2)),
            [(String::new(), Cell::Json(r#"{"Tuple":[1,2]}"#.into()))]
        );
        assert_eq!(
            flat(&E::Rec { a: 3 }),
            [(String::new(), Cell::Json(r#"{"Rec":{"a":3}}"#.into()))]
        );
        assert_eq!(
            flat(&u64::MAX),
            [(String::new(), Cell::Text(u64::MAX.to_string()))]
        );
        assert_eq!(flat(&()), [(String::new(), Cell::Null)]);
    }
}
