//! A progress bar on stderr for long runs: files done out of the total, and the rate.
//! Files are linted as the walk finds them, so the total grows until the walk ends;
//! until then it is shown with a `+`.
//!
//! Workers only bump atomic counters; a separate thread redraws the bar ten times a
//! second, so the hot path never waits on the terminal. The bar is cleared when the run
//! ends, leaving stderr as it would be without it.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// When the bar first appears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// Once the run has lasted a second (short runs never show it).
    Delayed,
    /// At once.
    Now,
}

/// How long a run goes before a delayed bar appears.
const DELAY: Duration = Duration::from_secs(1);
/// How often the bar is redrawn.
const TICK: Duration = Duration::from_millis(100);
/// Width of the bar itself, in cells.
const WIDTH: usize = 30;

/// A running progress bar.
#[derive(Debug)]
pub struct Progress {
    counts: Arc<Counts>,
    stop: Arc<(Mutex<bool>, Condvar)>,
    drawer: Option<std::thread::JoinHandle<()>>,
}

/// What the bar shows, updated by the workers.
#[derive(Debug, Default)]
struct Counts {
    done: AtomicUsize,
    total: AtomicUsize,
    walked: AtomicBool,
}

impl Progress {
    /// Starts drawing progress; the walk adds files with [`Progress::found`].
    pub fn start(start: Start) -> Progress {
        let counts = Arc::new(Counts::default());
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let drawer = {
            let counts = counts.clone();
            let stop = stop.clone();
            std::thread::Builder::new()
                .name("copydesk-progress".into())
                .spawn(move || draw_until_stopped(start, &counts, &stop))
                .ok()
        };
        Progress {
            counts,
            stop,
            drawer,
        }
    }

    /// Adds `n` files to the total.
    pub fn found(&self, n: usize) {
        self.counts.total.fetch_add(n, Ordering::Relaxed);
    }

    /// Says the walk is over: the total is final.
    pub fn walked(&self) {
        self.counts.walked.store(true, Ordering::Relaxed);
    }

    /// Counts one file as done.
    pub fn tick(&self) {
        self.counts.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Stops drawing and clears the bar.
    pub fn finish(mut self) {
        self.stop_drawer();
    }

    fn stop_drawer(&mut self) {
        let (lock, cvar) = &*self.stop;
        if let Ok(mut stopped) = lock.lock() {
            *stopped = true;
        }
        cvar.notify_all();
        if let Some(h) = self.drawer.take() {
            let _ = h.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop_drawer();
    }
}

fn draw_until_stopped(start: Start, counts: &Counts, stop: &(Mutex<bool>, Condvar)) {
    let began = Instant::now();
    let mut drawn = false;
    let draw = || {
        let line = render(
            counts.done.load(Ordering::Relaxed),
            counts.total.load(Ordering::Relaxed),
            counts.walked.load(Ordering::Relaxed),
            began.elapsed(),
        );
        let mut err = std::io::stderr().lock();
        // A closed or full stderr is no reason to stop linting: drop the frame.
        let _ = write!(err, "\r{line}\x1b[K");
        let _ = err.flush();
    };
    if start == Start::Now {
        draw();
        drawn = true;
    }
    let (lock, cvar) = stop;
    let Ok(mut stopped) = lock.lock() else {
        return;
    };
    loop {
        match cvar.wait_timeout(stopped, TICK) {
            Ok((guard, _)) => stopped = guard,
            Err(_) => return,
        }
        if *stopped {
            break;
        }
        if start == Start::Delayed && began.elapsed() < DELAY {
            continue;
        }
        draw();
        drawn = true;
    }
    drop(stopped);
    if drawn {
        // The last frame, with the final counts, then the bar is cleared.
        draw();
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[K");
        let _ = err.flush();
    }
}

/// One frame: `[#######.......] 1234/3461 files  2,345 files/s`, with `3461+` while
/// the walk (`walked` false) may still find more.
pub fn render(done: usize, total: usize, walked: bool, elapsed: Duration) -> String {
    let done = done.min(total);
    let filled = (done * WIDTH).checked_div(total).unwrap_or(WIDTH);
    let secs = elapsed.as_secs_f64();
    let rate = if secs > 0.0 {
        (done as f64 / secs).round() as usize
    } else {
        0
    };
    format!(
        "[{}{}] {done}/{total}{} files  {} files/s",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        if walked { "" } else { "+" },
        group(rate)
    )
}

/// 12345 -> "12,345".
fn group(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames() {
        let f = render(15, 30, true, Duration::from_secs(2));
        assert_eq!(
            f,
            format!(
                "[{}{}] 15/30 files  8 files/s",
                "#".repeat(15),
                ".".repeat(15)
            )
        );
        assert!(render(0, 0, true, Duration::ZERO).starts_with(&format!("[{}]", "#".repeat(30))));
        assert!(render(5000, 10_000, true, Duration::from_secs(1)).ends_with("5,000 files/s"));
        // While the walk goes on, the total is a lower bound.
        assert!(render(3, 40, false, Duration::from_secs(1)).contains(" 3/40+ files "));
    }

    #[test]
    fn finishing_without_drawing_is_quick() {
        let p = Progress::start(Start::Delayed);
        p.found(10);
        p.walked();
        p.tick();
        let t = Instant::now();
        p.finish();
        assert!(t.elapsed() < DELAY);
    }
}
