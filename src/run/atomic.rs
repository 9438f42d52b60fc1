//! Atomic file replacement, for `fix` and the baseline file: write a temporary file in the
//! same directory, give it the original's owner, permissions and extended attributes,
//! flush it to disk, then rename it over the original. A reader (or a crash, or SIGKILL)
//! sees either the old file or the new one, never a mix.
//!
//! `fix` trusts nothing about the file it replaces: a symbolic link named on the command
//! line is followed and its target replaced (the link stays a link); a file with more than
//! one hard link is refused, since a new file would split the links and writing in place
//! is not atomic; write access is asked of the kernel as the user (opening the file for
//! writing, which honours ACLs and read-only mounts), not read off the mode bits; an owner
//! or an extended attribute (ACLs included) that cannot be kept is a refusal; setuid and
//! setgid bits are dropped when the writer is not the owner, as the kernel does on a
//! write; and a file that changed since it was read is not written.

use crate::text::path::io_message;
use std::fmt;
use std::fs::{File, Metadata};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What a file was when it was read, so that a fix is written only over the text it was
/// made from: its size and modification time (taken before the read) and the hash of the
/// bytes read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Snapshot {
    len: u64,
    modified: Option<SystemTime>,
    hash: u128,
}

impl Snapshot {
    /// The snapshot of `bytes`, read from a file whose metadata before the read was
    /// `before`. A file written during the read has another modification time later.
    pub(crate) fn of(before: &Metadata, bytes: &[u8]) -> Snapshot {
        Snapshot {
            len: bytes.len() as u64,
            modified: before.modified().ok(),
            hash: xxhash_rust::xxh3::xxh3_128(bytes),
        }
    }
}

/// Why a file was not replaced.
#[derive(Debug)]
pub(crate) enum WriteError {
    /// The file is not what was read: a fix would lose what changed.
    Changed,
    /// The new file could not be given the original's owner and group.
    Owner,
    /// The file has this many hard links.
    HardLinks(u64),
    /// An extended attribute (an ACL, a security label) could not be copied.
    Attribute(String, std::io::Error),
    /// Anything else: permission denied, a full disk, …
    Io(std::io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Changed => f.write_str("changed while it was being fixed; not written"),
            WriteError::Owner => f.write_str("cannot keep its owner; not fixed"),
            WriteError::HardLinks(n) => write!(
                f,
                "has {n} hard links, and a fix would split them; not fixed (see the fixes with --diff)"
            ),
            WriteError::Attribute(name, e) => write!(
                f,
                "cannot keep its extended attribute `{}` ({}); not fixed",
                name.escape_default(),
                io_message(e)
            ),
            WriteError::Io(e) => write!(f, "cannot write fixes: {}", io_message(e)),
        }
    }
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// The directory a path's file is in, for the temporary file.
fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// The file `path` names: a symbolic link is followed (to its final target, through any
/// chain of links), so that the target is replaced and the link stays.
fn target_of(path: &Path) -> std::io::Result<PathBuf> {
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        std::fs::canonicalize(path)
    } else {
        Ok(path.to_path_buf())
    }
}

/// Replaces the contents of the file `path` names with `contents` atomically, keeping its
/// owner, group, permissions and extended attributes, provided it is still what `read`
/// recorded. A read-only file (no write bit for anyone) is refused even for root.
pub(crate) fn replace(path: &Path, contents: &[u8], read: &Snapshot) -> Result<(), WriteError> {
    let target = target_of(path)?;
    if std::fs::metadata(&target)?.permissions().readonly() {
        return Err(WriteError::Io(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only; not changed",
        )));
    }
    // Opening for writing (without truncating) asks the kernel whether this user may write
    // the file, ACLs and read-only mounts included: the directory alone would let a
    // rename replace a file the user may not write.
    let mut original = File::options().read(true).write(true).open(&target)?;
    let meta = original.metadata()?;
    let links = hard_links(&meta);
    if links > 1 {
        return Err(WriteError::HardLinks(links));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".copydesk-fix-")
        .suffix(".tmp")
        .tempfile_in(dir_of(&target))?;
    tmp.write_all(contents)?;
    keep_attributes(&original, &meta, tmp.as_file())?;
    tmp.as_file().sync_all()?;
    // The last look, as close to the rename as it can be: the file at the path is the one
    // opened, with the size, time and bytes that were read.
    if !unchanged(&target, &mut original, &meta, read)? {
        return Err(WriteError::Changed);
    }
    tmp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

/// Writes `contents` to `path` atomically, whether or not the file exists yet: an existing
/// file (or a symbolic link's target) keeps its permissions; a new one gets the usual
/// permissions for a new file (0666 less the umask).
pub fn write_new_or_replace(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let target = match target_of(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => path.to_path_buf(),
        Err(e) => return Err(e),
    };
    let existing = match std::fs::metadata(&target) {
        Ok(m) => Some(m.permissions()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".copydesk-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Applied at creation, so the umask applies as it would to a new file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir_of(&target))?;
    tmp.write_all(contents)?;
    if let Some(p) = existing {
        tmp.as_file().set_permissions(p)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

/// Whether the file at `path` is still `original`, unchanged since `read`.
fn unchanged(
    path: &Path,
    original: &mut File,
    opened: &Metadata,
    read: &Snapshot,
) -> std::io::Result<bool> {
    let now = original.metadata()?;
    if now.len() != read.len || now.modified().ok() != read.modified {
        return Ok(false);
    }
    if !same_file(opened, &std::fs::metadata(path)?) {
        return Ok(false);
    }
    let mut bytes = Vec::with_capacity(read.len as usize);
    original.rewind()?;
    original.read_to_end(&mut bytes)?;
    Ok(xxhash_rust::xxh3::xxh3_128(&bytes) == read.hash)
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(_: &Metadata, _: &Metadata) -> bool {
    true
}

#[cfg(unix)]
fn hard_links(meta: &Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn hard_links(_: &Metadata) -> u64 {
    1
}

/// Gives `tmp` the owner, group, mode and extended attributes of `original`.
#[cfg(unix)]
fn keep_attributes(original: &File, meta: &Metadata, tmp: &File) -> Result<(), WriteError> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    // The temporary file is owned by whoever runs copydesk (its file-system user).
    let writer = tmp.metadata()?.uid();
    if std::os::unix::fs::fchown(tmp, Some(meta.uid()), Some(meta.gid())).is_err() {
        return Err(WriteError::Owner);
    }
    let mut mode = meta.mode() & 0o7777;
    if writer != meta.uid() {
        // Another user's write: the kernel would drop these on a write, and a setuid file
        // rewritten by someone else must not keep running as its owner.
        mode &= !0o6000;
    }
    // After fchown, which may itself clear setuid and setgid.
    tmp.set_permissions(std::fs::Permissions::from_mode(mode))?;
    copy_xattrs(original, tmp)
}

#[cfg(not(unix))]
fn keep_attributes(_: &File, meta: &Metadata, tmp: &File) -> Result<(), WriteError> {
    tmp.set_permissions(meta.permissions())?;
    Ok(())
}

/// Copies every extended attribute, ACLs (`system.posix_acl_access`) and security labels
/// included, after the mode (an ACL's mask sets the group bits).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn copy_xattrs(from: &File, to: &File) -> Result<(), WriteError> {
    use rustix::fs::{fgetxattr, flistxattr, fsetxattr, XattrFlags};
    let unsupported = |e: &rustix::io::Errno| {
        *e == rustix::io::Errno::NOTSUP || *e == rustix::io::Errno::OPNOTSUPP
    };
    let names = match read_sized(|buf| flistxattr(from, buf)) {
        Ok(n) => n,
        // No extended attributes on this file system: nothing to keep.
        Err(e) if unsupported(&e) => return Ok(()),
        Err(e) => return Err(WriteError::Io(e.into())),
    };
    for name in names.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let shown = String::from_utf8_lossy(name).into_owned();
        let failed = |e: rustix::io::Errno| WriteError::Attribute(shown.clone(), e.into());
        let name = std::ffi::OsStr::from_bytes(name);
        let value = read_sized(|buf| fgetxattr(from, name, buf)).map_err(failed)?;
        fsetxattr(to, name, &value, XattrFlags::empty()).map_err(failed)?;
    }
    Ok(())
}

#[cfg(any(target_os = "linux", target_os = "android"))]
use std::os::unix::ffi::OsStrExt;

/// Calls `get` with a growing buffer until what it returns fits.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn read_sized(get: impl Fn(&mut [u8]) -> rustix::io::Result<usize>) -> rustix::io::Result<Vec<u8>> {
    let mut buf = vec![0u8; 1024];
    loop {
        match get(&mut buf) {
            Ok(n) => {
                buf.truncate(n);
                return Ok(buf);
            }
            // Too small (or grown since it was measured): try twice the size.
            Err(rustix::io::Errno::RANGE) if buf.len() < 1 << 24 => {
                buf.resize(buf.len() * 2, 0);
            }
            Err(e) => return Err(e),
        }
    }
}

/// Other Unix systems: extended attributes are not copied; a file that has none loses
/// nothing. (Linux is the platform copydesk's CI tests.)
#[cfg(all(unix, not(any(target_os = "linux", target_os = "android"))))]
fn copy_xattrs(_: &File, _: &File) -> Result<(), WriteError> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(text: &str) -> (tempfile::TempDir, PathBuf) {
        let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = d.path().join("a.md");
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("{e}"));
        (d, p)
    }

    fn snapshot(p: &Path) -> Snapshot {
        let meta = std::fs::metadata(p).unwrap_or_else(|e| panic!("{e}"));
        Snapshot::of(&meta, &std::fs::read(p).unwrap_or_default())
    }

    #[test]
    fn a_file_changed_after_it_was_read_is_not_replaced() {
        let (_d, p) = file_with("old\n");
        let read = snapshot(&p);
        let mut f = File::options()
            .append(true)
            .open(&p)
            .unwrap_or_else(|e| panic!("{e}"));
        f.write_all(b"appended\n").unwrap_or_else(|e| panic!("{e}"));
        drop(f);
        let r = replace(&p, b"new\n", &read);
        assert!(matches!(r, Err(WriteError::Changed)), "{r:?}");
        assert_eq!(std::fs::read(&p).unwrap_or_default(), b"old\nappended\n");
        // Same size, same time, other bytes: the hash tells.
        let (_d, p) = file_with("abc\n");
        let meta = std::fs::metadata(&p).unwrap_or_else(|e| panic!("{e}"));
        let r = replace(&p, b"new\n", &Snapshot::of(&meta, b"xyz\n"));
        assert!(matches!(r, Err(WriteError::Changed)), "{r:?}");
        // Unchanged: replaced, and no temporary file is left.
        let read = snapshot(&p);
        replace(&p, b"new\n", &read).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read(&p).unwrap_or_default(), b"new\n");
        let n = std::fs::read_dir(p.parent().unwrap_or(Path::new(".")))
            .map(|d| d.count())
            .unwrap_or(0);
        assert_eq!(n, 1);
    }

    #[test]
    fn write_new_or_replace_creates_and_replaces() {
        let d = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = d.path().join("b.json");
        write_new_or_replace(&p, b"one").unwrap_or_else(|e| panic!("{e}"));
        write_new_or_replace(&p, b"two").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read(&p).unwrap_or_default(), b"two");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| {
                std::fs::metadata(p)
                    .map(|m| m.permissions().mode() & 0o777)
                    .unwrap_or(0)
            };
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640))
                .unwrap_or_else(|e| panic!("{e}"));
            write_new_or_replace(&p, b"three").unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(mode(&p), 0o640);
        }
    }
}
