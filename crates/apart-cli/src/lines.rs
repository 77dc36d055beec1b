//! Reading input one line at a time, in bounded memory whatever the input.
//!
//! Each line is read into one reused buffer of at most `max` bytes. A longer line is not kept:
//! its first `max` bytes are, the rest is read and dropped up to the next newline, and the
//! caller gets [`Line::TooLong`] with the line's length, so that it can refuse that one line,
//! naming its number, and go on with the next. A file that is one gigabyte without a newline
//! therefore costs `max` bytes, not a gigabyte.
//!
//! Before waiting for more input, the reader calls a hook (the caller flushes its output
//! there): on a pipe, the answer to each line is written before the next line is read, so
//! `apart siret check -` and `apart claim -` can be driven line by line by another program,
//! while a file still goes through in 64 KiB blocks with one flush per block.

use std::io::{self, BufRead, BufReader, Read};

/// One line of input, without its `\n` or `\r\n`.
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

/// Lines of at most `max` bytes from a reader, numbered from 1.
#[derive(Debug)]
pub struct Lines<R> {
    reader: BufReader<R>,
    buf: Vec<u8>,
    max: usize,
    number: u64,
    bytes: u64,
    crlf: bool,
}

impl<R: Read> Lines<R> {
    /// Reads `reader` in 64 KiB blocks, keeping at most `max` bytes of a line.
    pub fn new(reader: R, max: usize) -> Self {
        Lines {
            reader: BufReader::with_capacity(64 * 1024, reader),
            buf: Vec::new(),
            max,
            number: 0,
            bytes: 0,
            crlf: false,
        }
    }

    /// The number of the line last returned (1 for the first line).
    pub fn number(&self) -> u64 {
        self.number
    }

    /// Whether the line last returned ended with `\r\n`.
    pub fn crlf(&self) -> bool {
        self.crlf
    }

    /// The bytes read so far, line endings included (for a progress bar).
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The next line, or `None` at the end of the input. `before_wait` runs each time the
    /// reader is about to block for more input.
    ///
    /// # Errors
    ///
    /// The reader's error, or `before_wait`'s.
    pub fn next_line(
        &mut self,
        before_wait: &mut dyn FnMut() -> io::Result<()>,
    ) -> io::Result<Option<Line<'_>>> {
        self.buf.clear();
        let mut len: u64 = 0;
        let mut started = false;
        let mut last = None;
        loop {
            if self.reader.buffer().is_empty() {
                before_wait()?;
            }
            let available = match self.reader.fill_buf() {
                Ok(a) => a,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
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
            len -= 1;
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

/// The size of standard input when it is a file (`apart claim - < big.csv`), for the progress
/// bar's percentage.
pub fn stdin_size() -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let fd = io::stdin().as_fd().try_clone_to_owned().ok()?;
        let meta = std::fs::File::from(fd).metadata().ok()?;
        meta.is_file().then_some(meta.len())
    }
    #[cfg(not(unix))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;

    fn all(input: &[u8], max: usize) -> Vec<String> {
        let mut lines = Lines::new(input, max);
        let mut out = Vec::new();
        while let Some(line) = lines.next_line(&mut || Ok(())).unwrap() {
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
        let mut lines = Lines::new(&input[..], 16);
        match lines.next_line(&mut || Ok(())).unwrap().unwrap() {
            Line::TooLong { prefix, len } => {
                assert_eq!(prefix.len(), 16);
                assert_eq!(len, 1_000_000);
            }
            other => panic!("{other:?}"),
        }
        assert!(lines.buf.capacity() < 1024, "the buffer stays small");
        assert_eq!(
            lines.next_line(&mut || Ok(())).unwrap(),
            Some(Line::Text(b"end"))
        );
        assert_eq!(lines.number(), 2);
        assert_eq!(lines.bytes(), input.len() as u64);
    }

    #[test]
    fn the_hook_runs_before_each_wait() {
        let mut calls = 0;
        let mut lines = Lines::new(&b"a\nb\n"[..], 8);
        while lines
            .next_line(&mut || {
                calls += 1;
                Ok(())
            })
            .unwrap()
            .is_some()
        {}
        // One block holds everything: one wait for it, one for the end.
        assert_eq!(calls, 2);
    }
}
