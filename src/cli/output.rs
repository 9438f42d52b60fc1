//! Where a report goes: standard output, or a file (`-o`) written atomically once the
//! report is complete, so that a reader never sees half of one and a failed run leaves
//! the previous report in place.

use std::io::{self, Write};
use std::path::PathBuf;

/// The report's destination.
pub enum Output {
    /// Standard output, buffered.
    Stdout(io::BufWriter<io::StdoutLock<'static>>),
    /// A file, written when [`Output::finish`] is called.
    File(PathBuf, Vec<u8>),
}

impl Output {
    /// Standard output, or the file `path`.
    pub fn new(path: Option<PathBuf>) -> Output {
        match path {
            Some(p) => Output::File(p, Vec::new()),
            None => Output::Stdout(io::BufWriter::new(io::stdout().lock())),
        }
    }

    /// Flushes standard output, or writes the file (atomically: a temporary file in the
    /// same directory, renamed over the target). An error names the file.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Output::Stdout(mut w) => w.flush(),
            Output::File(path, bytes) => {
                copydesk::run::write_atomically(&path, &bytes).map_err(|e| {
                    let shown = copydesk::text::path::display(&path);
                    let why = copydesk::text::path::io_message(&e);
                    io::Error::new(e.kind(), format!("{shown}: {why}"))
                })
            }
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::File(_, v) => v.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.write_all(buf),
            Output::File(_, v) => v.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::File(..) => Ok(()),
        }
    }
}
