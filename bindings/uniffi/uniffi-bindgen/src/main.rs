//! `uniffi-bindgen`, built from the same pinned `uniffi` as `apart-uniffi`, so that the
//! generated Kotlin, Swift and Python always match the scaffolding compiled into the library.
//!
//! ```text
//! cargo run -p uniffi-bindgen -- generate --library target/debug/libapart_uniffi.so \
//!     --language kotlin --out-dir bindings/uniffi/generated/kotlin --no-format
//! ```

fn main() {
    uniffi::uniffi_bindgen_main()
}
