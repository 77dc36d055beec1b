//! Runnable examples live in the `[[example]]` targets of this crate; this library is empty.
