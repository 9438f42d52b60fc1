//! Atomic file replacement for `fix`: write a temporary file in the same directory, give it
//! the original's permissions, flush it to disk, then rename it over the original. A reader
//! (or a crash, or SIGKILL) sees either the old file or the new one, never a mix.

use std::io::Write;
use std::path::Path;

/// Replaces `path`'s contents with `contents` atomically, keeping its permissions.
/// A read-only file is an error and is left untouched.
pub fn replace(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let meta = std::fs::metadata(path)?;
    if meta.permissions().readonly() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only; not changed",
        ));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".copydesk-fix-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().set_permissions(meta.permissions())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
