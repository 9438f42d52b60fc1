//! How wide the terminal is, for output that fits it: `COLUMNS` when set, else the
//! terminal's own width when standard output is one, else [`DEFAULT_WIDTH`].

/// The width assumed when output goes to a file or a pipe and `COLUMNS` is not set.
pub const DEFAULT_WIDTH: usize = 100;

/// Narrower than this, excerpts would hold a word or two: layouts use at least this.
const MIN_WIDTH: usize = 40;

/// Wider than this, a window is no longer an excerpt.
const MAX_WIDTH: usize = 400;

/// The width to lay human output out for. `stdout_is_terminal` says whether to ask the
/// terminal when `COLUMNS` is not set (as shells export it for interactive use only).
pub fn terminal_width(stdout_is_terminal: bool) -> usize {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n > 0);
    let width = columns.or_else(|| {
        stdout_is_terminal
            .then(terminal_size::terminal_size)
            .flatten()
            .map(|(terminal_size::Width(w), _)| usize::from(w))
            .filter(|&w| w > 0)
    });
    clamp(width.unwrap_or(DEFAULT_WIDTH))
}

/// `width` within the range layouts support.
pub fn clamp(width: usize) -> usize {
    width.clamp(MIN_WIDTH, MAX_WIDTH)
}
