//! Ctrl-C in `fix` mode, and SIGTERM and SIGHUP the same way (a CI job cancelled, a
//! terminal closed). The first signal asks the run to stop: files whose fix has started
//! finish their atomic write, no further file is started, and the binary exits with code
//! 130 after reporting, whichever the signal (the handler is not told which). A second
//! signal exits at once.
//!
//! Writes are atomic either way (see [`crate::run::atomic`]); the handler exists so that an
//! interrupted `fix` leaves no temporary files behind and says what it did.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// The exit code after an interrupted run (128 + SIGINT, as shells report it).
pub const EXIT_INTERRUPTED: u8 = 130;

/// Installs the handler. Returns false if it could not be installed (the default
/// behaviour, immediate termination, then stays in force).
pub fn install() -> bool {
    ctrlc::set_handler(|| {
        if REQUESTED.swap(true, Ordering::SeqCst) {
            std::process::exit(i32::from(EXIT_INTERRUPTED));
        }
    })
    .is_ok()
}

/// Whether a stop was asked for.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}
