//! A core value kept in Rust behind a JavaScript `External` (what the native records hold,
//! [`crate::native`]): one `napi_create_external` per value, dropped by its finalizer when the
//! garbage collector takes the `External`.
//!
//! An `External` carries no Rust type. The ones made here hold a [`Tagged`] value, whose first
//! field names its type, and [`get`] checks it; that is sound for every `External` made by
//! [`new`]. An `External` made by other native code would point to anything: the functions that
//! read them are reachable only from the JavaScript classes of [`crate::native`], which pass
//! only what [`new`] gave them.
#![allow(unsafe_code)]

use std::any::TypeId;
use std::ffi::c_void;
use std::ptr;

use napi::bindgen_prelude::{FromNapiValue, Unknown};
use napi::{Env, JsValue, sys};

/// What an `External` made here points to: the type of the value first (`repr(C)`: at the same
/// offset whatever `T`), then the value.
#[repr(C)]
struct Tagged<T> {
    tag: TypeId,
    value: T,
}

/// `value` moved into a new `External` of `env`, dropped with it.
pub(crate) fn new<T: 'static>(env: &Env, value: T) -> napi::Result<Unknown<'_>> {
    let data = Box::into_raw(Box::new(Tagged {
        tag: TypeId::of::<T>(),
        value,
    }));
    let mut external = ptr::null_mut();
    // SAFETY: `env` is the current environment; `data` is a live `Box<Tagged<T>>` whose
    // ownership passes to the `External` (its finalizer drops it) once the call succeeds.
    let status = unsafe {
        sys::napi_create_external(
            env.raw(),
            data.cast(),
            Some(finalize::<T>),
            ptr::null_mut(),
            &mut external,
        )
    };
    if status != sys::Status::napi_ok {
        // SAFETY: not adopted by an `External`: still ours, dropped once.
        drop(unsafe { Box::from_raw(data) });
        return Err(crate::runtime::internal("napi_create_external"));
    }
    // SAFETY: a value of this env, just made.
    unsafe { Unknown::from_napi_value(env.raw(), external) }
}

/// Drops the value of an `External` made by [`new`].
unsafe extern "C" fn finalize<T>(_env: sys::napi_env, data: *mut c_void, _hint: *mut c_void) {
    // SAFETY: `data` is the `Box<Tagged<T>>` given to `napi_create_external` by `new::<T>`;
    // N-API calls the finalizer once.
    drop(unsafe { Box::from_raw(data.cast::<Tagged<T>>()) });
}

/// The value of `external`, an `External` made by [`new`] (an internal error if it holds
/// another type).
pub(crate) fn get<'a, T: 'static>(external: &Unknown<'a>) -> napi::Result<&'a T> {
    let mut data = ptr::null_mut();
    // SAFETY: a value of the current call (N-API checks that it is an `External`).
    let status =
        unsafe { sys::napi_get_value_external(external.value().env, external.raw(), &mut data) };
    if status != sys::Status::napi_ok || data.is_null() {
        return Err(crate::runtime::internal("not a native record"));
    }
    // SAFETY: an `External` made by `new` (the module's doc: only those reach this function)
    // points to a live `Tagged<U>`, whose `repr(C)` puts `tag` first for every `U`; the
    // `External` is an argument of the current call, so alive for `'a`.
    let tagged = data.cast::<Tagged<T>>();
    if unsafe { (*tagged.cast::<Tagged<()>>()).tag } != TypeId::of::<T>() {
        return Err(crate::runtime::internal("not a native record of this type"));
    }
    // SAFETY: the tag says `T`; only shared references are ever made.
    Ok(unsafe { &(*tagged).value })
}
