//! A progress bar on stderr for long runs: files done out of the total, and the rate.
//!
//! Workers only bump an atomic counter; a separate thread redraws the bar ten times a
//! second, so the hot path never waits on the terminal. The bar is cleared when the run
//! ends, leaving stderr as it would be without it.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
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
    done: Arc<AtomicUsize>,
    stop: Arc<(Mutex<bool>, Condvar)>,
    drawer: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    /// Starts drawing progress over `total` files.
    pub fn start(total: usize, start: Start) -> Progress {
        let done = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let drawer = {
            let done = done.clone();
            let stop = stop.clone();
            std::thread::Builder::new()
                .name("copydesk-progress".into())
                .spawn(move || draw_until_stopped(total, start, &done, &stop))
                .ok()
        };
        Progress { done, stop, drawer }
    }

    /// Counts one file as done.
    pub fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
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

fn draw_until_stopped(
    total: usize,
    start: Start,
    done: &AtomicUsize,
    stop: &(Mutex<bool>, Condvar),
) {
    let began = Instant::now();
    let mut drawn = false;
    let draw = || {
        let line = render(done.load(Ordering::Relaxed), total, began.elapsed());
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
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[K");
        let _ = err.flush();
    }
}

/// One frame: `[#######.......]  1234/3461 files  2,345 files/s`.
pub fn render(done: usize, total: usize, elapsed: Duration) -> String {
    let done = done.min(total);
    let filled = (done * WIDTH).checked_div(total).unwrap_or(WIDTH);
    let secs = elapsed.as_secs_f64();
    let rate = if secs > 0.0 {
        (done as f64 / secs).round() as usize
    } else {
        0
    };
    format!(
        "[{}{}] {done}/{total} files  {} files/s",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        group(rate)
    )
}

/// 12345 -> "12,345".
fn group(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
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
        let f = render(15, 30, Duration::from_secs(2));
        assert_eq!(
            f,
            format!(
                "[{}{}] 15/30 files  8 files/s",
                "#".repeat(15),
                ".".repeat(15)
            )
        );
        assert!(render(0, 0, Duration::ZERO).starts_with(&format!("[{}]", "#".repeat(30))));
        assert!(render(5000, 10_000, Duration::from_secs(1)).ends_with("5,000 files/s"));
    }

    #[test]
    fn finishing_without_drawing_is_quick() {
        let p = Progress::start(10, Start::Delayed);
        p.tick();
        let t = Instant::now();
        p.finish();
        assert!(t.elapsed() < DELAY);
    }
}
