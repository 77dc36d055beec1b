//! JSON records given to a command (`apart simulate --record`, `apart form`): read from a file
//! or standard input in bounded memory, then read by the core like any binding's record (unknown
//! fields refused, every fault a typed error naming its field), so that the command answers a
//! bad record exactly as the library does.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use apart::value::{ValueError, from_json};
use serde::de::DeserializeOwned;

/// The largest record read (16 MiB): far above any real one, and it bounds what a hostile
/// input makes the command hold.
pub const MAX_RECORD: u64 = 16 * 1024 * 1024;

/// Reads the JSON record in `path` (`-`: standard input) as a `T`; `flag` names the option in
/// errors the core cannot place in a field (a file that cannot be read, too large, not JSON).
///
/// # Errors
///
/// `INPUT_MALFORMED` (unreadable file, not UTF-8, not JSON), `INPUT_TOO_LARGE`, and every
/// error of [`from_json`] (`INPUT_UNKNOWN_FIELD`, `INPUT_WRONG_TYPE`, `VALUE_*`…).
pub fn read<T: DeserializeOwned>(path: &Path, flag: &str) -> Result<T, ValueError> {
    let text = read_text(path).map_err(|e| e.with_field(flag))?;
    from_json(&text).map_err(|e| match e.field() {
        Some(_) => e,
        None => e.with_field(flag),
    })
}

/// Reads the text of `path` (`-`: standard input), at most [`MAX_RECORD`] bytes.
fn read_text(path: &Path) -> Result<String, ValueError> {
    let unreadable = |e: io::Error| ValueError::Malformed {
        field: None,
        reason: format!("{}: {e}", path.display()),
    };
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        io::stdin()
            .lock()
            .take(MAX_RECORD + 1)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
    } else {
        File::open(path)
            .map_err(unreadable)?
            .take(MAX_RECORD + 1)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
    }
    if bytes.len() as u64 > MAX_RECORD {
        return Err(ValueError::TooLarge {
            field: None,
            size: bytes.len() as u64,
            max: MAX_RECORD,
        });
    }
    String::from_utf8(bytes).map_err(|_| ValueError::Malformed {
        field: None,
        reason: "not UTF-8".to_owned(),
    })
}
