//! Every exported function and method is `#[napi(catch_unwind, …)]`: a panic must become a
//! JavaScript exception, never abort the process. (napi-rs has no crate-wide switch, so this
//! test reads the sources.)
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

#[test]
fn every_export_catches_panics() {
    let sources = [
        ("account.rs", include_str!("../src/account.rs")),
        ("bench.rs", include_str!("../src/bench.rs")),
        ("claim.rs", include_str!("../src/claim.rs")),
        ("error.rs", include_str!("../src/error.rs")),
        ("forms.rs", include_str!("../src/forms.rs")),
        ("indemnity.rs", include_str!("../src/indemnity.rs")),
        ("native.rs", include_str!("../src/native.rs")),
        ("machine.rs", include_str!("../src/machine.rs")),
        ("procedure.rs", include_str!("../src/procedure.rs")),
        ("siret.rs", include_str!("../src/siret.rs")),
    ];
    let mut exports = 0;
    for (file, text) in sources {
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let item = line.trim_start();
            if !(item.starts_with("pub fn ") || item.starts_with("pub fn\t")) {
                continue;
            }
            // The attributes above the function, up to the doc comment.
            let mut attrs = String::new();
            for above in lines[..i].iter().rev() {
                let a = above.trim_start();
                if a.starts_with("///")
                    || a.is_empty()
                    || a.starts_with('}')
                    || a.starts_with("impl")
                {
                    break;
                }
                attrs.push_str(a);
            }
            if attrs.contains("#[napi") {
                exports += 1;
                assert!(
                    attrs.contains("catch_unwind"),
                    "{file}:{}: `{}` is exported without catch_unwind",
                    i + 1,
                    item
                );
            }
        }
    }
    assert!(
        exports > 80,
        "only {exports} exports found: is the scan still right?"
    );
}
