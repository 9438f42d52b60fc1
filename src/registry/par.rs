//! A small parallel map on scoped OS threads, for start-up work (parsing and compiling
//! rule files). It does not use the rayon pool on purpose: compiling can be triggered from
//! inside a rayon worker (the first cache miss of a run), and a rayon job that blocks on
//! work queued behind it in the same pool could wait on itself.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Maps `f` over `items` on up to `available_parallelism` threads and returns the results
/// in the order of `items`. Items are handed out one at a time, so a single slow item (a
/// large regex) does not hold back a whole chunk of fast ones.
pub fn map<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let n = items.len();
    let threads = std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
        .min(n);
    if threads <= 1 {
        return items.into_iter().map(f).collect();
    }
    let inputs: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
    let outputs: Vec<Mutex<Option<R>>> = (0..n).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(slot) = inputs.get(i) else { break };
        // Each slot is taken by exactly one thread, so the locks are never contended; a
        // poisoned lock (a panic in `f` elsewhere) still holds its item.
        let item = slot.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(item) = item {
            let r = f(item);
            *outputs[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
        }
    };
    std::thread::scope(|s| {
        for _ in 1..threads {
            s.spawn(work);
        }
        work();
    });
    outputs
        .into_iter()
        .filter_map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_order_and_every_item() {
        let out = super::map((0..1000).collect(), |i: u64| i * 2);
        assert_eq!(out, (0..1000).map(|i| i * 2).collect::<Vec<_>>());
        assert!(super::map(Vec::<u8>::new(), |x| x).is_empty());
    }
}
