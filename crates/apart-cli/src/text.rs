//! Text that reaches a terminal: control characters escaped, hostile input quoted short.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` could drive a terminal or reorder what it shows: C0 and C1 controls (ESC, CSI,
/// BEL, CR…), DEL, and the bidirectional overrides and isolates.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character `hidden` picks written as `escape` writes it.
fn escape_where(
    text: &str,
    hidden: impl Fn(char) -> bool,
    escape: impl Fn(&mut String, char),
) -> Cow<'_, str> {
    if !text.chars().any(&hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` with every control character written `\u{1b}`, as Rust's `Debug` writes it, so that
/// a cell of a hostile file cannot set the terminal's title or clear its screen.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    escape_where(text, is_unsafe, |out, c| {
        let _ = write!(out, "\\u{{{:x}}}", c as u32);
    })
}

/// JSON text with the characters that serde_json leaves raw (C1 controls such as U+009B, the
/// 8-bit CSI, DEL and the bidirectional controls) written `\u009b`: the same JSON value, safe
/// on a terminal.
pub fn json_safe(json: &str) -> Cow<'_, str> {
    // Below DEL, the only controls left are the layout's own newlines: serde_json escapes the
    // others inside strings.
    escape_where(
        json,
        |c| c >= '\u{7f}' && is_unsafe(c),
        |out, c| {
            let _ = write!(out, "\\u{:04x}", c as u32);
        },
    )
}

/// Numbers as messages write them (the core's, so that every front end agrees).
pub use apart::lines::group;

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn controls_are_escaped() {
        assert_eq!(escape_controls("Jeanne"), "Jeanne");
        assert_eq!(
            escape_controls("\u{1b}]0;pwned\u{7}\u{1b}[2J"),
            "\\u{1b}]0;pwned\\u{7}\\u{1b}[2J"
        );
        assert_eq!(
            escape_controls("a\u{9b}b\u{202e}c\td"),
            "a\\u{9b}b\\u{202e}c\\u{9}d"
        );
        assert_eq!(escape_controls("Zoé Ümit"), "Zoé Ümit");
    }

    #[test]
    fn json_stays_json() {
        let text = serde_json::to_string_pretty(&["a\u{9b}b\u{202e}\u{1b}\u{7f}"]).unwrap();
        let safe = json_safe(&text);
        assert!(!safe.contains(|c| is_unsafe(c) && c != '\n'), "{safe}");
        let back: Vec<String> = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, ["a\u{9b}b\u{202e}\u{1b}\u{7f}"]);
    }
}
