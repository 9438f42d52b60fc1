//! Checks shared by the fuzz targets: the invariants every extraction must keep, and the
//! time budget every input must be handled in.
#![allow(dead_code)] // each target uses its own subset

use std::time::Duration;

/// What any input may take, whatever it holds: [`BASE`] plus [`PER_BYTE`] for each byte.
/// Work that grows linearly with the input uses at most about a quarter of this in a fuzz
/// build (release with debug assertions, AddressSanitizer and coverage counters: one lint
/// of a news article takes about 4 µs a byte there, an extraction under 1 µs); work that
/// grows with the square of the input, or a regex that searches a few kilobytes a second,
/// does not fit in it once the fuzzer finds an input of a few kilobytes.
pub const BASE: Duration = Duration::from_millis(50);
/// See [`BASE`].
pub const PER_BYTE: Duration = Duration::from_micros(20);

/// CPU time used by this thread so far. The timed work runs on the calling thread; a
/// busy machine slows the wall clock, not this, and libFuzzer's and AddressSanitizer's
/// own threads are not counted, so the budget does not flake when the fuzzer runs niced
/// next to a build.
pub fn cpu_time() -> Duration {
    let t = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// The budget for work on `bytes` bytes: [`BASE`] + [`PER_BYTE`] × `bytes`.
pub fn budget(bytes: usize) -> Duration {
    BASE + PER_BYTE * u32::try_from(bytes).unwrap_or(u32::MAX)
}

/// How often work over budget is timed before the input fails: the allocator of a
/// sanitized build now and then does tens of milliseconds of its own work (recycling its
/// quarantine, faulting in shadow memory) inside a call; a slow input is slow every time.
const TRIES: usize = 3;

/// Runs `work` on an input of `bytes` bytes and fails if it took more CPU time than
/// [`budget`] gives, every one of [`TRIES`] times.
pub fn within_budget<R>(what: &str, bytes: usize, mut work: impl FnMut() -> R) -> R {
    within(what, bytes, |_| budget(bytes), &mut work)
}

/// Runs `work` and fails if it took more CPU time than `allowed` makes of its result,
/// every one of [`TRIES`] times (`allowed` is for work whose size is known only once it
/// is done, such as fixing: a lint's budget for each pass).
pub fn within<R>(
    what: &str,
    bytes: usize,
    allowed: impl Fn(&R) -> Duration,
    mut work: impl FnMut() -> R,
) -> R {
    let (mut fastest, mut limit) = (Duration::MAX, Duration::ZERO);
    for _ in 0..TRIES {
        let start = cpu_time();
        let r = work();
        let spent = cpu_time().saturating_sub(start);
        limit = allowed(&r);
        if spent <= limit {
            report_share(what, bytes, spent, limit);
            return r;
        }
        fastest = fastest.min(spent);
    }
    report_share(what, bytes, fastest, limit);
    panic!(
        "{what} took at least {fastest:?} of CPU time ({TRIES} tries) for {bytes} bytes: \
         more than its budget of {limit:?} (50 ms + 20 µs a byte, for each pass), so it is \
         not linear in its input"
    );
}

/// Every piece maps to an in-bounds source range on character boundaries, pieces are in
/// order, exact pieces copy their source bytes, and mapped spans stay inside the source.
pub fn check_prose(source: &str, prose: &copydesk::text::markup::Prose) {
    let mut last_prose = 0;
    let mut last_src = 0;
    for p in &prose.pieces {
        assert!(p.prose_start <= p.prose_end, "piece {p:?} is reversed");
        assert!(
            p.prose_end <= prose.text.len(),
            "piece {p:?} past the prose"
        );
        assert!(p.prose_start >= last_prose, "pieces out of prose order");
        assert!(
            p.src.start <= p.src.end,
            "piece {p:?}: reversed source span"
        );
        assert!(p.src.end <= source.len(), "piece {p:?} past the source");
        assert!(p.src.start >= last_src, "pieces out of source order: {p:?}");
        assert!(source.is_char_boundary(p.src.start) && source.is_char_boundary(p.src.end));
        if p.exact {
            assert_eq!(
                &prose.text[p.prose_start..p.prose_end],
                &source[p.src.start..p.src.end],
                "exact piece differs from its source"
            );
        }
        last_prose = p.prose_end;
        last_src = p.src.start;
    }
    for b in &prose.blocks {
        assert!(b.start <= b.end && b.end <= prose.text.len(), "block {b:?}");
    }
}

/// With `COPYDESK_FUZZ_BUDGET=1` in the environment, prints each input that used a larger
/// share of its budget than any before it: how close the slowest inputs come (run a
/// target over its corpus with `-runs=0` to see the largest share).
fn report_share(what: &str, bytes: usize, spent: Duration, budget: Duration) {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::OnceLock;
    static ON: OnceLock<bool> = OnceLock::new();
    static MOST: AtomicU64 = AtomicU64::new(0);
    if !*ON.get_or_init(|| std::env::var_os("COPYDESK_FUZZ_BUDGET").is_some_and(|v| v == "1")) {
        return;
    }
    let per_mille = (spent.as_nanos() * 1000 / budget.as_nanos().max(1)) as u64;
    if MOST.fetch_max(per_mille, Ordering::Relaxed) < per_mille {
        eprintln!(
            "budget: {}.{}% ({what}: {spent:?} for {bytes} bytes, {:.2} µs a byte)",
            per_mille / 10,
            per_mille % 10,
            spent.as_secs_f64() * 1e6 / bytes.max(1) as f64
        );
    }
}
