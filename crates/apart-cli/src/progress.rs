//! The progress bar of long runs (`claim`, `siret check -`), on stderr.
//!
//! Shown only when it helps and cannot garble anything: stderr is a terminal, stdout is not (when
//! the results themselves scroll on the terminal they are the progress), and `--no-progress` was
//! not given. The bar advances with the bytes read, which gives a percentage and an ETA for a
//! file (or for standard input redirected from a file); the rows and rows per second are counted
//! beside it. Without a known size (a pipe) a spinner shows the rows and the rate.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use apart::diagnostic::Lang;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use crate::text::group;

/// Rows between two updates of the bar (the bar itself redraws at most 20 times a second).
const BATCH: u64 = 256;

/// A progress bar, or nothing when it must not be shown.
#[derive(Debug)]
pub struct Progress {
    bar: ProgressBar,
    rows: Arc<AtomicU64>,
    since_update: u64,
}

impl Progress {
    /// Whether a bar may be drawn: stderr on a terminal, stdout not, and not `--no-progress`.
    pub fn wanted(no_progress: bool) -> bool {
        !no_progress && std::io::stderr().is_terminal() && !std::io::stdout().is_terminal()
    }

    /// A bar on stderr when `show`, else a hidden one; `total_bytes` is the input's size when
    /// known.
    pub fn new(show: bool, total_bytes: Option<u64>, lang: Lang) -> Progress {
        let target = if show {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        Progress::with_target(target, total_bytes, lang)
    }

    /// A bar drawn on `target` (tests draw on a fake terminal).
    pub fn with_target(
        target: ProgressDrawTarget,
        total_bytes: Option<u64>,
        lang: Lang,
    ) -> Progress {
        let rows = Arc::new(AtomicU64::new(0));
        let bar = ProgressBar::with_draw_target(total_bytes, target);
        if !bar.is_hidden() {
            bar.set_style(style(total_bytes.is_some(), lang, &rows));
        }
        Progress {
            bar,
            rows,
            since_update: 0,
        }
    }

    /// Counts one row; `bytes` is the input read so far.
    pub fn row(&mut self, bytes: u64) {
        self.since_update += 1;
        if self.since_update >= BATCH {
            self.flush(bytes);
        }
    }

    fn flush(&mut self, bytes: u64) {
        self.rows.fetch_add(self.since_update, Ordering::Relaxed);
        self.since_update = 0;
        self.bar.set_position(bytes);
    }

    /// Removes the bar (the summary is the command's own output).
    pub fn finish(mut self, bytes: u64) {
        self.flush(bytes);
        self.bar.finish_and_clear();
    }
}

fn style(sized: bool, lang: Lang, rows: &Arc<AtomicU64>) -> ProgressStyle {
    let en = lang == Lang::En;
    let (lines, per_s, left) = if en {
        ("lines", "lines/s", "ETA")
    } else {
        ("lignes", "lignes/s", "reste")
    };
    let template = if sized {
        format!(
            "{{bar:30}} {{percent:>3}} % · {{rows}} {lines} · {{rate}} {per_s} · {left} {{eta}}"
        )
    } else {
        format!("{{spinner}} {{rows}} {lines} · {{rate}} {per_s} · {{elapsed}}")
    };
    let count = Arc::clone(rows);
    let rate = Arc::clone(rows);
    ProgressStyle::with_template(&template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("█▉▊▋▌▍▎▏ ")
        .with_key(
            "rows",
            move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = w.write_str(&group(count.load(Ordering::Relaxed), lang));
            },
        )
        .with_key(
            "rate",
            move |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                let seconds = s.elapsed().as_secs_f64();
                // A display figure, not an amount: floating point is fine here.
                let per_second = if seconds > 0.0 {
                    (rate.load(Ordering::Relaxed) as f64 / seconds) as u64
                } else {
                    0
                };
                let _ = write!(w, "{}", group(per_second, lang));
            },
        )
}

/// The size of standard input when it is a file (`apart claim - < big.csv`), for the progress
/// bar's percentage.
pub fn stdin_size() -> Option<u64> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let fd = std::io::stdin().as_fd().try_clone_to_owned().ok()?;
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
    #![allow(clippy::unwrap_used)]
    use super::*;
    use indicatif::TermLike;
    use std::sync::Mutex;

    /// A terminal that records what is written to it.
    #[derive(Debug, Clone, Default)]
    struct Screen(Arc<Mutex<String>>);

    impl TermLike for Screen {
        fn width(&self) -> u16 {
            120
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, s: &str) -> std::io::Result<()> {
            let mut screen = self.0.lock().unwrap();
            screen.push_str(s);
            screen.push('\n');
            Ok(())
        }
        fn write_str(&self, s: &str) -> std::io::Result<()> {
            self.0.lock().unwrap().push_str(s);
            Ok(())
        }
        fn clear_line(&self) -> std::io::Result<()> {
            Ok(())
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn drawn(total: Option<u64>, lang: Lang) -> String {
        let screen = Screen::default();
        let target = ProgressDrawTarget::term_like(Box::new(screen.clone()));
        let mut progress = Progress::with_target(target, total, lang);
        for row in 1..=3000u64 {
            progress.row(row * 10);
        }
        // Draw the final state (what `finish` clears) so that it can be read.
        progress.flush(30_000);
        progress.bar.abandon();
        screen.0.lock().unwrap().clone()
    }

    #[test]
    fn a_sized_input_shows_percent_rows_rate_and_eta() {
        let text = drawn(Some(60_000), Lang::En);
        assert!(text.contains(" 50 % · 3,000 lines · "), "{text}");
        assert!(text.contains(" lines/s · ETA "), "{text}");
        let text = drawn(Some(30_000), Lang::Fr);
        assert!(text.contains("100 % · 3\u{a0}000 lignes · "), "{text}");
        assert!(text.contains(" lignes/s · reste "), "{text}");
    }

    #[test]
    fn a_pipe_shows_rows_and_rate() {
        let text = drawn(None, Lang::En);
        assert!(text.contains("3,000 lines · "), "{text}");
        assert!(text.contains(" lines/s · "), "{text}");
    }

    #[test]
    fn hidden_draws_nothing() {
        let progress = Progress::new(false, Some(10), Lang::Fr);
        assert!(progress.bar.is_hidden());
    }
}
