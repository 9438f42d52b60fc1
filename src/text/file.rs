//! Opening files a checkout (or a command line) names, without trusting what they are:
//! only regular files are read (a pipe named on the command line too, since `<(cmd)` is
//! one), never more than a limit, and opening never waits for a pipe's writer. Cache
//! files are opened without following links, so a link shipped in their place cannot
//! send a read elsewhere.

use std::fs::{File, Metadata};
use std::io::{Error, ErrorKind, Read};
use std::path::Path;

/// The most any one input (an article, standard input, the result cache) may hold: 1 GiB.
/// More is not linted (`larger than 1 GiB`): a file that size is not an article, and a
/// device or endless pipe must not take the machine's memory.
pub const INPUT_LIMIT: u64 = 1 << 30;

/// The most a configuration or rule file may hold: 64 MiB (the built-in rules are a few
/// hundred KiB together).
pub const CONFIG_LIMIT: u64 = 64 << 20;

/// What may be opened at a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A regular file, through links (configuration and rule files, which may be links
    /// into a dotfiles checkout).
    Regular,
    /// A regular file that is not a link itself (files walked, cache files).
    RegularNoLink,
    /// A regular file or a pipe, through links (a path named on the command line:
    /// `<(cmd)` is `/dev/fd/63`, a link to a pipe).
    RegularOrPipe,
}

/// `is not a regular file`: a device, socket or (where not allowed) pipe.
pub fn not_regular() -> Error {
    Error::new(ErrorKind::InvalidInput, "is not a regular file")
}

/// `larger than 1 GiB` (the limit, in the largest whole unit).
pub fn too_large(limit: u64) -> Error {
    let shown = match limit {
        l if l >= 1 << 30 && l % (1 << 30) == 0 => format!("{} GiB", l >> 30),
        l if l >= 1 << 20 && l % (1 << 20) == 0 => format!("{} MiB", l >> 20),
        l => format!("{l} bytes"),
    };
    Error::new(ErrorKind::FileTooLarge, format!("larger than {shown}"))
}

/// Opens `path` as `kind` allows, with its metadata as opened. A device or socket is
/// refused before it is opened (opening some devices has effects); a pipe is opened
/// without waiting for a writer unless `kind` reads pipes; a regular file is checked
/// again once open, in case it was replaced meanwhile. A regular file over `limit` is
/// refused unread.
pub fn open(path: &Path, kind: Kind, limit: u64) -> std::io::Result<(File, Metadata)> {
    // Without following links (on Unix) the open itself refuses a link, and a device in
    // a walked file's place (a race) is opened without waiting and refused after: one
    // system call less per walked file.
    let pipe = if kind == Kind::RegularNoLink && cfg!(unix) {
        false
    } else {
        let before = match kind {
            Kind::RegularNoLink => std::fs::symlink_metadata(path)?,
            Kind::Regular | Kind::RegularOrPipe => std::fs::metadata(path)?,
        };
        let pipe = kind == Kind::RegularOrPipe && is_pipe(&before);
        if before.is_dir() {
            return Err(Error::new(ErrorKind::IsADirectory, "is a directory"));
        }
        if !before.is_file() && !pipe {
            return Err(not_regular());
        }
        pipe
    };
    let file = open_flags(path, kind, pipe)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(Error::new(ErrorKind::IsADirectory, "is a directory"));
    }
    if !(meta.is_file() || (pipe && is_pipe(&meta))) {
        return Err(not_regular());
    }
    if meta.is_file() && meta.len() > limit {
        return Err(too_large(limit));
    }
    Ok((file, meta))
}

/// Reads a configuration or rule file: a regular file (through links), checked before it
/// is opened so that a pipe or device with its name cannot hang the run or fill its
/// memory, up to [`CONFIG_LIMIT`] bytes, as UTF-8.
pub fn read_config(path: &Path) -> std::io::Result<String> {
    let bytes = read(path, Kind::Regular, CONFIG_LIMIT)?;
    String::from_utf8(bytes)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "is not valid UTF-8"))
}

/// Reads a whole file opened by [`open`], up to `limit` bytes (more is an error).
pub fn read(path: &Path, kind: Kind, limit: u64) -> std::io::Result<Vec<u8>> {
    let (file, meta) = open(path, kind, limit)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len().min(limit)).unwrap_or(0));
    read_rest(file, limit, &mut bytes)?;
    Ok(bytes)
}

/// Appends the rest of `file` to `buf`, which must end within `limit` bytes in all.
pub fn read_rest(file: impl Read, limit: u64, buf: &mut Vec<u8>) -> std::io::Result<()> {
    let room = limit.saturating_sub(buf.len() as u64);
    file.take(room.saturating_add(1)).read_to_end(buf)?;
    if buf.len() as u64 > limit {
        buf.clear();
        buf.shrink_to(64 * 1024);
        return Err(too_large(limit));
    }
    Ok(())
}

#[cfg(unix)]
fn is_pipe(meta: &Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_pipe(_: &Metadata) -> bool {
    false
}

/// Opens for reading: never through a final link for [`Kind::RegularNoLink`], and without
/// waiting for a writer unless a pipe is wanted (a pipe put in a regular file's place
/// between the check and the open then fails the check after it instead of hanging).
#[cfg(unix)]
fn open_flags(path: &Path, kind: Kind, pipe: bool) -> std::io::Result<File> {
    use rustix::fs::OFlags;
    use std::os::unix::fs::OpenOptionsExt;
    let mut flags = OFlags::empty();
    if !pipe {
        flags |= OFlags::NONBLOCK;
    }
    if kind == Kind::RegularNoLink {
        flags |= OFlags::NOFOLLOW;
    }
    // The flags are small positive bit masks: the cast keeps them as they are.
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open_flags(path: &Path, _: Kind, _: bool) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_files_are_read_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("a");
        std::fs::write(&p, b"12345").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read(&p, Kind::Regular, 5).ok(), Some(b"12345".to_vec()));
        let e = read(&p, Kind::Regular, 4).err().map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("larger than 4 bytes"));
        let e = read(dir.path(), Kind::Regular, 4)
            .err()
            .map(|e| e.to_string());
        assert_eq!(e.as_deref(), Some("is a directory"));
        assert_eq!(too_large(INPUT_LIMIT).to_string(), "larger than 1 GiB");
        assert_eq!(too_large(CONFIG_LIMIT).to_string(), "larger than 64 MiB");
    }

    #[cfg(unix)]
    #[test]
    fn links_devices_and_pipes() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (target, link) = (dir.path().join("t"), dir.path().join("l"));
        std::fs::write(&target, b"x").unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink(&target, &link).unwrap_or_else(|e| panic!("{e}"));
        assert!(read(&link, Kind::Regular, 9).is_ok());
        assert!(read(&link, Kind::RegularNoLink, 9).is_err());
        for kind in [Kind::Regular, Kind::RegularOrPipe] {
            let e = read(Path::new("/dev/zero"), kind, 9).err();
            assert_eq!(
                e.map(|e| e.to_string()).as_deref(),
                Some("is not a regular file")
            );
        }
        // A partial read of a device that never ends stops at the limit.
        let mut buf = Vec::new();
        let zero = File::open("/dev/zero").unwrap_or_else(|e| panic!("{e}"));
        assert!(read_rest(zero, 1000, &mut buf).is_err());
    }
}
