//! One field of a core record converted alone (`apart::fields::find`): what the getters of
//! the native records read, without converting the rest of the record (the names are the
//! record's serde names, so a new core field is a getter at once).

use apart::fields::{Take, find};
use napi::Env;
use napi::bindgen_prelude::Unknown;
use serde::Serialize;

/// The field `name` of record `value` as a JavaScript value: `Some(None)` when the record
/// leaves it out (`skip_serializing_if`), `None` when `value` has no field `name`.
pub(crate) fn field<'env, T: Serialize>(
    env: &'env Env,
    value: &T,
    name: &str,
) -> Option<Option<napi::Result<Unknown<'env>>>> {
    find(value, name, ToJs(env))
}

/// A field made a JavaScript value by napi-rs's serializer.
struct ToJs<'env>(&'env Env);

impl<'env> Take for ToJs<'env> {
    type Out = napi::Result<Unknown<'env>>;
    fn take<V: ?Sized + Serialize>(self, value: &V) -> Self::Out {
        self.0.to_js_value(&value)
    }
}
