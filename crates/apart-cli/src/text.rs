//! Text that reaches a terminal: control characters escaped, hostile input quoted short.

use std::borrow::Cow;
use std::fmt::Write as _;

use apart::diagnostic::Lang;

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

/// `n` with its thousands grouped as the language writes them: `4 321` (no-break space) in
/// French, `4,321` in English.
pub fn group(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = if lang == Lang::En { ',' } else { '\u{a0}' };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(d);
    }
    out
}

/// "line 4,321" / "ligne 4 321".
pub fn line_label(lang: Lang, line: u64) -> String {
    match lang {
        Lang::En => format!("line {}", group(line, lang)),
        _ => format!("ligne {}", group(line, lang)),
    }
}

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

    #[test]
    fn thousands() {
        assert_eq!(group(7, Lang::Fr), "7");
        assert_eq!(group(4321, Lang::Fr), "4\u{a0}321");
        assert_eq!(group(1_234_567, Lang::En), "1,234,567");
        assert_eq!(group(100_000, Lang::En), "100,000");
        assert_eq!(line_label(Lang::Fr, 4321), "ligne 4\u{a0}321");
    }
}
