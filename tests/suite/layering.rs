//! The map of `crates/apart/src/lib.rs` stays true: dependencies between the core's top-level
//! modules point down, and no two modules import each other.
//!
//! The test reads the sources (code lines, not comments; not `#[cfg(test)]` modules nor
//! `tests.rs` files) and collects every `crate::<module>` path, including those inside
//! `use crate::{…}` groups. An import that is not in [`ALLOWED`] fails, naming the file.
//! [`KNOWN_UPWARD`] lists the arrows still to be removed: each must still exist (so the list
//! only shrinks) and is reported by name.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Who may import whom: the layers of the core, from the ground up.
///
/// * `diagnostic` is the ground (codes, families, messages);
/// * `value`, then `calendar`, `money`, `entropy`, `base64url` read and hold values; `seal`
///   (tamper-evident records) uses `base64url`; `float` reads a front end's binary numbers
///   (`calendar` for epoch milliseconds); `fields` names a record's serde fields;
/// * `siret`, `forms`, `machine` are the leaf domains; `thrown` (the record a JavaScript error
///   is built from) uses `forms` for a form's refused fields;
/// * `law` (uses `money`), then `indemnity` (uses `law`);
/// * `account`, `recovery` (machines, forms, identifiers; recovery uses account, never the reverse);
/// * `procedure` (machines, forms, identifiers, law and the indemnity engine for its recap);
/// * `error` (the umbrella) and `lib` (the map, `machines()`) on top, and `json_door` if present;
/// * `ffi_uniffi` (feature `uniffi`: the error and custom types of Kotlin and Swift) on top too;
///   `ts` (feature `ts`: the TypeScript declarations of the records of every domain) too.
const ALLOWED: &[(&str, &[&str])] = &[
    ("diagnostic", &[]),
    ("value", &["diagnostic"]),
    ("calendar", &["diagnostic", "value"]),
    ("money", &["diagnostic", "value"]),
    ("entropy", &["diagnostic"]),
    ("lines", &["diagnostic", "value"]),
    ("cells", &[]),
    ("fields", &[]),
    ("float", &["diagnostic", "value", "calendar"]),
    ("doc_comments", &[]),
    ("base64url", &["diagnostic", "value"]),
    ("seal", &["diagnostic", "value", "base64url"]),
    ("siret", &["diagnostic", "value"]),
    ("forms", &["diagnostic", "value", "siret", "calendar"]),
    ("machine", &["diagnostic", "value", "calendar", "seal"]),
    ("thrown", &["diagnostic", "forms"]),
    ("law", &["diagnostic", "value", "calendar", "money"]),
    (
        "indemnity",
        &[
            "diagnostic",
            "value",
            "calendar",
            "money",
            "law",
            "lines",
            "fields",
        ],
    ),
    (
        "account",
        &[
            "diagnostic",
            "value",
            "calendar",
            "entropy",
            "base64url",
            "seal",
            "siret",
            "forms",
            "machine",
        ],
    ),
    (
        "recovery",
        &[
            "diagnostic",
            "value",
            "calendar",
            "entropy",
            "base64url",
            "forms",
            "machine",
            "account",
        ],
    ),
    (
        "procedure",
        &[
            "diagnostic",
            "value",
            "calendar",
            "money",
            "siret",
            "forms",
            "machine",
            "law",
            "indemnity",
        ],
    ),
];

/// Modules that may import anything below them (the top of the map).
/// `python` (feature `python`) converts the records of every domain for Python.
const TOP: &[&str] = &[
    "error",
    "catalogue",
    "lib",
    "json_door",
    "ffi_uniffi",
    "ts",
    "python",
];

/// Names reached through `crate::` that are not modules: crate-root macros and the private
/// re-exports macros use.
const NOT_MODULES: &[&str] = &["__private", "spelled_enum", "py_record"];

/// The crate root's re-exports, and the module they come from.
const REEXPORTS: &[(&str, &str)] = &[
    ("Error", "error"),
    ("Diagnostic", "diagnostic"),
    ("Lang", "diagnostic"),
    ("Family", "diagnostic"),
    ("machines", "lib"),
    ("machine_by_id", "lib"),
    ("UniFfiTag", "ffi_uniffi"),
];

/// Arrows that still point up or close a circle, to be removed. `(from, to)`.
const KNOWN_UPWARD: &[(&str, &str)] = &[];

pub(crate) fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/apart/src")
}

pub(crate) fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "data") {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs")
            && path.file_name().is_some_and(|n| n != "tests.rs")
        {
            out.push(path);
        }
    }
}

/// The code of a file without comments and without its `#[cfg(test)]` module.
pub(crate) fn code(text: &str) -> String {
    let text = match text.find("\n#[cfg(test)]\nmod ") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every module named after `crate::` in `code`, including `use crate::{a::…, b, …}` groups.
fn imported(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // A group: the first segment of each comma-separated item, at depth 0.
            let mut depth = 0;
            let mut item_start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        rest = &group[j..];
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && (c.is_alphanumeric() || c == '_') => {
                        let name: String = group[j..]
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        out.insert(name);
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.insert(name);
        }
    }
    out
}

#[test]
fn dependencies_point_down() {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    files.sort();
    let mut found: BTreeSet<(String, String)> = BTreeSet::new();
    let mut violations = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(src()).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_owned();
        let text = std::fs::read_to_string(file).unwrap();
        for target in imported(&code(&text)) {
            let target = REEXPORTS
                .iter()
                .find(|(name, _)| *name == target)
                .map_or(target.clone(), |(_, module)| (*module).to_owned());
            if target == module || target.is_empty() || NOT_MODULES.contains(&target.as_str()) {
                continue;
            }
            found.insert((module.clone(), target.clone()));
            if TOP.contains(&module.as_str()) {
                continue;
            }
            let Some(may) = allowed.get(module.as_str()) else {
                violations.push(format!(
                    "{}: module `{module}` is not on the map (ALLOWED in tests/suite/layering.rs)",
                    rel.display()
                ));
                continue;
            };
            let known = KNOWN_UPWARD.contains(&(module.as_str(), target.as_str()));
            if !may.contains(&target.as_str()) && !known {
                violations.push(format!(
                    "{}: `{module}` imports `crate::{target}`, which the map does not allow",
                    rel.display()
                ));
            }
        }
    }
    for (from, to) in KNOWN_UPWARD {
        if !found.contains(&((*from).to_owned(), (*to).to_owned())) {
            violations.push(format!(
                "`{from}` no longer imports `{to}`: remove it from KNOWN_UPWARD"
            ));
        }
    }
    // No circle between two modules, whatever the map says.
    for (from, to) in &found {
        let known = |a: &str, b: &str| KNOWN_UPWARD.contains(&(a, b));
        if found.contains(&(to.clone(), from.clone()))
            && from < to
            && !known(from, to)
            && !known(to, from)
        {
            violations.push(format!("`{from}` and `{to}` import each other"));
        }
    }
    assert!(violations.is_empty(), "{violations:#?}");
}

#[test]
fn the_scanner_sees_groups_and_paths() {
    let seen = imported(
        "use crate::{diagnostic::{Lang, Detail}, money};\nlet x = crate::law::LawBook::shared();",
    );
    let names: Vec<&str> = seen.iter().map(String::as_str).collect();
    assert_eq!(names, ["diagnostic", "law", "money"]);
    assert_eq!(
        code("a // crate::x\n#[cfg(test)]\nmod t { crate::y }"),
        "a "
    );
}
