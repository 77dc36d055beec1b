//! The `apart` command (stub: being written).
fn main() {}
