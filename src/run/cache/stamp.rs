//! File stamps: what the file system says of a file, enough to serve its cached findings
//! without reading it while nothing about it has changed.

/// What the file system says of a file, enough to know it has not changed without reading
/// it: device, inode, size, and modification and change times in nanoseconds (the change
/// time moves on every write and cannot be set back, as `touch -d` sets the modification
/// time). The same test git uses for its index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp(pub(super) [u64; 5]);

/// Nanoseconds since the epoch, now (0 if the clock is before it).
pub fn now_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// A file's stamp, if it can be trusted: a file modified less than two seconds before
/// `run_start` might be modified again within the file system's timestamp granularity
/// without its stamp changing, so it gets none and is read and hashed every run until it
/// is older ("racily clean" files in git's terms). No stamps off Unix.
pub fn stamp(meta: &std::fs::Metadata, run_start: i64) -> Option<Stamp> {
    if !meta.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        const MARGIN: i64 = 2_000_000_000;
        let ns = |s: i64, n: i64| s.saturating_mul(1_000_000_000).saturating_add(n);
        let (m, c) = (
            ns(meta.mtime(), meta.mtime_nsec()),
            ns(meta.ctime(), meta.ctime_nsec()),
        );
        if m.max(c) >= run_start.saturating_sub(MARGIN) {
            return None;
        }
        Some(Stamp([
            meta.dev(),
            meta.ino(),
            meta.size(),
            m as u64,
            c as u64,
        ]))
    }
    #[cfg(not(unix))]
    {
        let _ = (meta, run_start);
        None
    }
}
