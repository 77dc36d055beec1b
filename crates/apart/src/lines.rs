//! Reading a caller's text one line at a time, in bounded memory whatever the input.
//!
//! [`Lines`] reads the caller's [`BufRead`] (never a file of its own) into one reused buffer of
//! at most `max` bytes per line. A longer line is not kept: its first `max` bytes are, the rest
//! is read and dropped up to the next newline, and the caller gets [`Line::TooLong`] with the
//! line's length, so that it can refuse that one line, naming its number, and go on with the
//! next. A gigabyte without a newline therefore costs `max` bytes, not a gigabyte.
//!
//! [`Lines::next_line_with`] calls a hook before it waits for more input (a command flushes its
//! output there): on a pipe, the answer to each line is written before the next line is read,
//! while a file still goes through in whole blocks with one flush per block.
//!
//! [`LineError`] is the typed error of a line that cannot be read as text (too long, not
//! UTF-8): the codes of [`ValueError`] (`INPUT_TOO_LARGE`, `INPUT_MALFORMED`), family `input`,
//! with the line number in its details.
//!
//! ```
//! use apart::lines::{Line, Lines};
//! let input = "short\na line far too long\nok\n";
//! let mut lines = Lines::new(input.as_bytes(), 8);
//! assert_eq!(lines.next_line()?, Some(Line::Text(b"short")));
//! let long = lines.next_line()?.map(|l| l.text(2, 8).unwrap_err());
//! assert_eq!(long.map(|e| apart::Diagnostic::code(&e)), Some("INPUT_TOO_LARGE"));
//! assert_eq!(lines.next_line()?, Some(Line::Text(b"ok")));
//! assert_eq!(lines.number(), 3);
//! assert_eq!(lines.next_line()?, None);
//! # Ok::<(), std::io::Error>(())
//! ```

use std::io::{self, BufRead};

use crate::diagnostic::{Detail, Diagnostic, Family, Lang, quote};
use crate::value::ValueError;

/// One line of input, without its `\n` or `\r\n`.
///
/// # Example
///
/// ```
/// use apart::lines::{Line, Lines};
/// let mut lines = Lines::new(&b"ok\r\n0123456789\n"[..], 4);
/// assert_eq!(lines.next_line()?, Some(Line::Text(b"ok")));
/// assert_eq!(lines.next_line()?, Some(Line::TooLong { prefix: b"0123", len: 10 }));
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// A line of at most the limit.
    Text(&'a [u8]),
    /// A line longer than the limit: its first bytes (as many as the limit) and its full length.
    TooLong {
        /// The first bytes of the line.
        prefix: &'a [u8],
        /// The length of the line in bytes, without its line ending.
        len: u64,
    },
}

impl<'a> Line<'a> {
    /// The line as UTF-8 text, or the error naming line `number` (a line longer than `max`, or
    /// not UTF-8).
    ///
    /// # Errors
    ///
    /// [`LineError::TooLong`] and [`LineError::NotUtf8`].
    ///
    /// ```
    /// use apart::lines::Line;
    /// assert_eq!(Line::Text(b"abc").text(1, 10), Ok("abc"));
    /// let e = Line::Text(b"a\xff").text(7, 10).unwrap_err();
    /// assert_eq!(e.line(), 7);
    /// ```
    pub fn text(&self, number: u64, max: usize) -> Result<&'a str, LineError> {
        match *self {
            Line::TooLong { prefix, len } => Err(LineError::too_long(number, len, max, prefix)),
            Line::Text(bytes) => std::str::from_utf8(bytes).map_err(|e| LineError::NotUtf8 {
                line: number,
                byte: e.valid_up_to() + 1,
            }),
        }
    }
}

/// Lines of at most `max` bytes from the caller's reader, numbered from 1.
///
/// # Example
///
/// ```
/// use apart::lines::Lines;
/// let csv = "month;hours\n2026-01;70\n";
/// let mut lines = Lines::new(csv.as_bytes(), 1024);
/// let (mut number, mut texts) = (0, Vec::new());
/// while let Some(line) = lines.next_line()? {
///     number += 1;
///     texts.push(line.text(number, 1024)?.to_owned());
/// }
/// assert_eq!(texts, ["month;hours", "2026-01;70"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Lines<R> {
    reader: R,
    buf: Vec<u8>,
    max: usize,
    number: u64,
    bytes: u64,
    crlf: bool,
    /// Whether the reader's buffer was used up: the next `fill_buf` may wait for input.
    drained: bool,
}

impl<R: BufRead> Lines<R> {
    /// Reads `reader`, keeping at most `max` bytes of a line.
    ///
    /// ```
    /// let lines = apart::lines::Lines::new(&b"a\nb"[..], 1024);
    /// assert_eq!(lines.number(), 0);
    /// ```
    pub fn new(reader: R, max: usize) -> Self {
        Lines {
            reader,
            buf: Vec::new(),
            max,
            number: 0,
            bytes: 0,
            crlf: false,
            drained: true,
        }
    }

    /// The number of the line last returned (1 for the first line).
    ///
    /// # Example
    ///
    /// ```
    /// let mut lines = apart::lines::Lines::new(&b"a\nb\n"[..], 8);
    /// lines.next_line()?;
    /// assert_eq!(lines.number(), 1);
    /// while lines.next_line()?.is_some() {}
    /// assert_eq!(lines.number(), 2); // the end of the input is not a line
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn number(&self) -> u64 {
        self.number
    }

    /// The longest line kept, in bytes.
    ///
    /// # Example
    ///
    /// ```
    /// let mut lines = apart::lines::Lines::new(&b"12345\n"[..], 4);
    /// let max = lines.max();
    /// let err = lines.next_line()?.and_then(|line| line.text(1, max).err());
    /// assert_eq!(
    ///     err.map(|e| e.to_string()).as_deref(),
    ///     Some("ligne 1 : trop longue, 5 octets (au plus 4) : « 1234 »")
    /// );
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn max(&self) -> usize {
        self.max
    }

    /// Whether the line last returned ended with `\r\n`.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::lines::{Line, Lines};
    /// let mut lines = Lines::new(&b"a\r\nb\n"[..], 8);
    /// assert_eq!(lines.next_line()?, Some(Line::Text(b"a"))); // the \r is not part of the line
    /// assert!(lines.crlf());
    /// lines.next_line()?;
    /// assert!(!lines.crlf());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn crlf(&self) -> bool {
        self.crlf
    }

    /// The bytes read so far, line endings included (for a progress bar).
    ///
    /// # Example
    ///
    /// ```
    /// let mut lines = apart::lines::Lines::new(&b"2026-01;70\r\n2026-02;35\n"[..], 64);
    /// lines.next_line()?;
    /// assert_eq!(lines.bytes(), 12); // "2026-01;70\r\n"
    /// while lines.next_line()?.is_some() {}
    /// assert_eq!(lines.bytes(), 23);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The next line, or `None` at the end of the input.
    ///
    /// # Errors
    ///
    /// The reader's error.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::lines::{Line, Lines};
    /// let mut lines = Lines::new(&b"a\n\nb"[..], 8);
    /// assert_eq!(lines.next_line()?, Some(Line::Text(b"a")));
    /// assert_eq!(lines.next_line()?, Some(Line::Text(b""))); // an empty line is a line
    /// assert_eq!(lines.next_line()?, Some(Line::Text(b"b"))); // the last needs no newline
    /// assert_eq!(lines.next_line()?, None);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn next_line(&mut self) -> io::Result<Option<Line<'_>>> {
        self.next_line_with(&mut || Ok(()))
    }

    /// The next line, or `None` at the end of the input. `before_wait` runs each time the
    /// reader's buffer has been used up, before asking it for more (which may block).
    ///
    /// # Errors
    ///
    /// The reader's error, or `before_wait`'s.
    ///
    /// ```
    /// use apart::lines::Lines;
    /// let mut waits = 0;
    /// let mut lines = Lines::new(&b"a\nb\n"[..], 8);
    /// while lines.next_line_with(&mut || { waits += 1; Ok(()) })?.is_some() {}
    /// assert_eq!(waits, 2); // one block holds everything: one wait for it, one for the end
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn next_line_with(
        &mut self,
        before_wait: &mut dyn FnMut() -> io::Result<()>,
    ) -> io::Result<Option<Line<'_>>> {
        self.buf.clear();
        let mut len: u64 = 0;
        let mut started = false;
        let mut last = None;
        loop {
            if self.drained {
                before_wait()?;
            }
            let available = match self.reader.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                self.drained = true;
                if !started {
                    return Ok(None);
                }
                break;
            }
            started = true;
            let newline = available.iter().position(|&b| b == b'\n');
            let chunk = available
                .get(..newline.unwrap_or(available.len()))
                .unwrap_or_default();
            let room = self.max.saturating_sub(self.buf.len());
            self.buf
                .extend_from_slice(chunk.get(..room.min(chunk.len())).unwrap_or_default());
            len = len.saturating_add(chunk.len() as u64);
            last = chunk.last().copied().or(last);
            let used = newline.map_or(available.len(), |i| i + 1);
            self.drained = used >= available.len();
            self.reader.consume(used);
            self.bytes = self.bytes.saturating_add(used as u64);
            if newline.is_some() {
                break;
            }
        }
        self.number += 1;
        // A CR before the LF is part of the line ending, not of the line.
        self.crlf = last == Some(b'\r');
        if self.crlf {
            len = len.saturating_sub(1);
            if self.buf.len() as u64 > len {
                self.buf.pop();
            }
        }
        if len > self.max as u64 {
            Ok(Some(Line::TooLong {
                prefix: &self.buf,
                len,
            }))
        } else {
            Ok(Some(Line::Text(&self.buf)))
        }
    }
}

/// A line that cannot be read as text. Family `input`; the codes are [`ValueError`]'s.
///
/// # Example
///
/// ```
/// use apart::{Diagnostic, Family, lines::Line};
/// let err = Line::Text(b"caf\xe9").text(3, 1024).unwrap_err(); // "café" in Latin-1
/// assert_eq!((err.code(), err.family()), ("INPUT_MALFORMED", Family::Input));
/// assert_eq!(
///     err.to_string(),
///     "ligne 3 : texte non UTF-8 (octet 4) ; enregistrez le fichier en « CSV UTF-8 »"
/// );
/// assert!(err.details().contains(&("byte", 4usize.into())));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LineError {
    /// A line is longer than the limit (`INPUT_TOO_LARGE`).
    TooLong {
        /// Its number.
        line: u64,
        /// Its length in bytes.
        len: u64,
        /// The limit in bytes.
        max: usize,
        /// Its first characters (quoted short).
        prefix: String,
    },
    /// A line is not UTF-8 (`INPUT_MALFORMED`).
    NotUtf8 {
        /// Its number.
        line: u64,
        /// The 1-based position of the first invalid byte.
        byte: usize,
    },
}

impl LineError {
    /// A line too long, quoting its first characters short.
    ///
    /// ```
    /// use apart::Diagnostic;
    /// let e = apart::lines::LineError::too_long(4321, 70_000, 65_536, b"employee");
    /// assert_eq!(e.message(apart::Lang::En), "line 4,321: too long, 70,000 bytes (at most 65,536): « employee »");
    /// ```
    pub fn too_long(line: u64, len: u64, max: usize, prefix: &[u8]) -> LineError {
        LineError::TooLong {
            line,
            len,
            max,
            prefix: quote(&String::from_utf8_lossy(prefix)),
        }
    }

    /// The line at fault.
    ///
    /// # Example
    ///
    /// ```
    /// use apart::diagnostic::{DetailValue, DiagnosticRecord};
    /// use apart::lines::Line;
    /// let err = Line::TooLong { prefix: b"7777", len: 70_000 }.text(12, 4).unwrap_err();
    /// assert_eq!(err.line(), 12);
    /// assert_eq!(DiagnosticRecord::of(&err).detail("line"), Some(&DetailValue::Int(12)));
    /// ```
    pub fn line(&self) -> u64 {
        match self {
            LineError::TooLong { line, .. } | LineError::NotUtf8 { line, .. } => *line,
        }
    }

    /// The core's value error for the same fault (its code, family and fields).
    ///
    /// # Example
    ///
    /// ```
    /// use apart::{Diagnostic, lines::LineError, value::ValueError};
    /// let err = LineError::too_long(2, 70_000, 65_536, b"x");
    /// let value = err.value();
    /// assert!(matches!(value, ValueError::TooLarge { size: 70_000, max: 65_536, .. }));
    /// assert_eq!((value.code(), value.family()), (err.code(), err.family()));
    /// assert_eq!(value.to_string(), "entrée trop grande : 70000, au plus 65536");
    /// ```
    pub fn value(&self) -> ValueError {
        match self {
            LineError::TooLong { len, max, .. } => ValueError::TooLarge {
                field: None,
                size: *len,
                max: *max as u64,
            },
            LineError::NotUtf8 { .. } => ValueError::Malformed {
                field: None,
                reason: "not UTF-8".to_owned(),
            },
        }
    }
}

impl Diagnostic for LineError {
    fn code(&self) -> &'static str {
        self.value().code()
    }

    fn family(&self) -> Family {
        Family::Input
    }

    fn message(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        match self {
            LineError::TooLong {
                line,
                len,
                max,
                prefix,
            } => {
                let (line, len, max) = (
                    line_label(lang, *line),
                    group(*len, lang),
                    group(*max as u64, lang),
                );
                if en {
                    format!("{line}: too long, {len} bytes (at most {max}): « {prefix} »")
                } else {
                    format!("{line} : trop longue, {len} octets (au plus {max}) : « {prefix} »")
                }
            }
            LineError::NotUtf8 { line, byte } => {
                let line = line_label(lang, *line);
                if en {
                    format!("{line}: not UTF-8 text (byte {byte}); save the file as \"CSV UTF-8\"")
                } else {
                    format!(
                        "{line} : texte non UTF-8 (octet {byte}) ; enregistrez le fichier en « CSV UTF-8 »"
                    )
                }
            }
        }
    }

    fn details(&self) -> Vec<Detail> {
        let mut details = self.value().details();
        details.push(("line", self.line().into()));
        if let LineError::NotUtf8 { byte, .. } = self {
            details.push(("byte", (*byte).into()));
        }
        details
    }
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Fr))
    }
}

impl std::error::Error for LineError {}

/// `n` with its thousands grouped as the language writes them: `4 321` (no-break space) in
/// French, `4,321` in English.
///
/// ```
/// use apart::{Lang, lines::group};
/// assert_eq!(group(4321, Lang::Fr), "4\u{a0}321");
/// assert_eq!(group(1_234_567, Lang::En), "1,234,567");
/// ```
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

/// "line 4,321" / "ligne 4 321": how a message names a line.
///
/// ```
/// assert_eq!(apart::lines::line_label(apart::Lang::En, 12), "line 12");
/// ```
pub fn line_label(lang: Lang, line: u64) -> String {
    match lang {
        Lang::En => format!("line {}", group(line, lang)),
        _ => format!("ligne {}", group(line, lang)),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;

    fn all(input: &[u8], max: usize) -> Vec<String> {
        let mut lines = Lines::new(input, max);
        let mut out = Vec::new();
        while let Some(line) = lines.next_line().unwrap() {
            out.push(match line {
                Line::Text(t) => String::from_utf8_lossy(t).into_owned(),
                Line::TooLong { prefix, len } => {
                    format!("TOO LONG {len}: {}", String::from_utf8_lossy(prefix))
                }
            });
        }
        out
    }

    #[test]
    fn lines_endings_and_the_last_line() {
        assert_eq!(all(b"a\r\nbc\n\nd", 10), ["a", "bc", "", "d"]);
        assert_eq!(all(b"a\n", 10), ["a"]);
        assert!(all(b"", 10).is_empty());
        assert_eq!(all(b"\r\n", 10), [""]);
    }

    #[test]
    fn a_long_line_keeps_its_prefix_and_the_next_line_is_read() {
        assert_eq!(all(b"0123456789abc\nok\n", 4), ["TOO LONG 13: 0123", "ok"]);
        // Exactly the limit is fine, CR included or not.
        assert_eq!(all(b"0123\r\n0123\n", 4), ["0123", "0123"]);
    }

    #[test]
    fn a_long_line_across_many_blocks_is_not_kept() {
        let mut input = vec![b'7'; 1_000_000];
        input.extend_from_slice(b"\nend");
        let mut lines = Lines::new(std::io::BufReader::with_capacity(4096, &input[..]), 16);
        match lines.next_line().unwrap().unwrap() {
            Line::TooLong { prefix, len } => {
                assert_eq!(prefix.len(), 16);
                assert_eq!(len, 1_000_000);
            }
            other => panic!("{other:?}"),
        }
        assert!(lines.buf.capacity() < 1024, "the buffer stays small");
        assert_eq!(lines.next_line().unwrap(), Some(Line::Text(b"end")));
        assert_eq!(lines.number(), 2);
        assert_eq!(lines.bytes(), input.len() as u64);
    }

    #[test]
    fn the_hook_runs_when_the_buffer_is_used_up() {
        let mut calls = 0;
        let mut lines = Lines::new(std::io::BufReader::with_capacity(2, &b"a\nb\n"[..]), 8);
        while lines
            .next_line_with(&mut || {
                calls += 1;
                Ok(())
            })
            .unwrap()
            .is_some()
        {}
        // Blocks of 2 bytes: one wait per line, and one for the end.
        assert_eq!(calls, 3);
    }

    #[test]
    fn line_errors() {
        let e = Line::Text(b"ab\xffc").text(3, 10).unwrap_err();
        assert_eq!(e.code(), "INPUT_MALFORMED");
        assert_eq!(
            e.message(Lang::Fr),
            "ligne 3 : texte non UTF-8 (octet 3) ; enregistrez le fichier en « CSV UTF-8 »"
        );
        assert!(e.details().contains(&("byte", 3usize.into())));
        let e = Line::TooLong {
            prefix: b"7777",
            len: 16 << 20,
        }
        .text(1, 1024)
        .unwrap_err();
        assert_eq!(e.code(), "INPUT_TOO_LARGE");
        assert_eq!(e.family(), Family::Input);
        assert!(e.message(Lang::Fr).starts_with(
            "ligne 1 : trop longue, 16\u{a0}777\u{a0}216 octets (au plus 1\u{a0}024) : « 7777"
        ));
        assert!(e.details().contains(&("line", 1u64.into())));
    }
}
