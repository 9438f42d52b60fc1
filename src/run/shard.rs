//! `--shard K/N`: split the files of a run between N machines. A file belongs to shard
//! `1 + hash(path) mod N`, with the path relative to the current directory, so the split
//! does not depend on the walk order or on which other files exist, and shards 1..=N
//! together cover every file exactly once.

use crate::text::hash::fnv1a64;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// One shard of N: `index` is 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which shard, `1..=count`.
    pub index: u32,
    /// How many shards.
    pub count: u32,
}

impl FromStr for Shard {
    type Err = String;

    /// Parses `K/N` with `1 <= K <= N`.
    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("`{s}` is not a shard: expected K/N with 1 <= K <= N, e.g. 2/4");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u32 = k.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// Whether `path` (as walked, relative to the current directory or absolute) is in
    /// this shard.
    pub fn contains(&self, path: &Path) -> bool {
        let key = key(path);
        let slot = fnv1a64(key.as_bytes()) % u64::from(self.count);
        slot == u64::from(self.index - 1)
    }
}

/// The path the hash is taken of: relative to the current directory when it is inside it,
/// `/`-separated, without `.` components, so `./a/b.md` and `a/b.md` agree on every OS.
fn key(path: &Path) -> String {
    let rel = if path.is_absolute() {
        std::env::current_dir()
            .ok()
            .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| path.to_path_buf())
    } else {
        path.to_path_buf()
    };
    crate::text::path::slash_path(&rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_and_rejects_invalid() {
        assert_eq!("2/3".parse(), Ok(Shard { index: 2, count: 3 }));
        assert_eq!("1/1".parse(), Ok(Shard { index: 1, count: 1 }));
        for bad in ["0/3", "4/3", "1/0", "3", "a/b", "1/2/3", "-1/2", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn every_path_is_in_exactly_one_shard() {
        let shards: Vec<Shard> = (1..=3).map(|k| Shard { index: k, count: 3 }).collect();
        let mut sizes = [0usize; 3];
        for i in 0..300 {
            let p = format!("dir/article-{i}.md");
            let owners: Vec<usize> = (0..3)
                .filter(|&s| shards[s].contains(Path::new(&p)))
                .collect();
            assert_eq!(owners.len(), 1, "{p}");
            sizes[owners[0]] += 1;
        }
        // The hash spreads files out: no shard is starved.
        assert!(sizes.iter().all(|&n| n > 60), "{sizes:?}");
    }

    #[test]
    fn dot_prefix_does_not_change_the_shard() {
        assert_eq!(key(Path::new("./a/b.md")), "a/b.md");
        let s = Shard { index: 1, count: 7 };
        assert_eq!(
            s.contains(Path::new("./a/b.md")),
            s.contains(Path::new("a/b.md"))
        );
    }
}
