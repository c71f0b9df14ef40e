//! Work on all cores with progress and cancellation between pieces: the batch
//! of documents (`batch.rs`) and the rendering of many documents at once
//! (`official::render_pdf_each`) both run through it, so neither imports the
//! other for it.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::error::{DocError, DocResult};

/// Called with `(done, total)` after each document; answering `false` stops the
/// batch before the next one.
pub type Progress<'a> = &'a (dyn Fn(usize, usize) -> bool + Sync);

/// Runs `work(i)` for every `i < total` on all cores. `progress(done, total)` is
/// called after each finished piece (`done` counting up); `false` stops the
/// workers after the pieces they are on. Answers whether it was stopped before
/// the end, or the index and error of a failed piece (which also stops the rest).
pub(crate) fn for_each_parallel(
    total: usize,
    work: &(dyn Fn(usize) -> DocResult<()> + Sync),
    progress: Progress<'_>,
) -> Result<bool, (usize, DocError)> {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(total)
        .max(1);
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // Counting and reporting under one lock keeps the reports in order.
    let done = Mutex::new(0usize);
    let failure: Mutex<Option<(usize, DocError)>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= total {
                    break;
                }
                if let Err(e) = work(i) {
                    let mut f = failure.lock().unwrap_or_else(|e| e.into_inner());
                    if f.is_none() {
                        *f = Some((i, e));
                    }
                    stop.store(true, Ordering::SeqCst);
                    break;
                }
                let mut d = done.lock().unwrap_or_else(|e| e.into_inner());
                *d += 1;
                if !progress(*d, total) {
                    stop.store(true, Ordering::SeqCst);
                    break;
                }
            });
        }
    });
    if let Some(f) = failure.into_inner().unwrap_or_else(|e| e.into_inner()) {
        return Err(f);
    }
    Ok(done.into_inner().unwrap_or_else(|e| e.into_inner()) < total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_work_stops_when_cancelled_and_counts_what_was_done() {
        let ran = AtomicUsize::new(0);
        let cancelled = for_each_parallel(
            100,
            &|_| {
                ran.fetch_add(1, Ordering::SeqCst);
                Ok(())
            },
            &|done, _| done < 10,
        )
        .unwrap();
        assert!(cancelled);
        let ran = ran.load(Ordering::SeqCst);
        // Each other worker may finish the piece it had taken when the stop came.
        assert!((10..100).contains(&ran) && ran <= 10 + 64, "ran {ran}");
    }

    #[test]
    fn parallel_work_reports_the_failed_piece() {
        let e = for_each_parallel(
            20,
            &|i| {
                if i == 5 {
                    Err(DocError::validation("坏了"))
                } else {
                    Ok(())
                }
            },
            &|_, _| true,
        )
        .unwrap_err();
        assert_eq!(e.0, 5);
        assert_eq!(e.1.message, "坏了");
    }

    #[test]
    fn parallel_work_runs_everything_when_left_alone() {
        let ran = AtomicUsize::new(0);
        let last = Mutex::new((0, 0));
        let cancelled = for_each_parallel(
            37,
            &|_| {
                ran.fetch_add(1, Ordering::SeqCst);
                Ok(())
            },
            &|d, t| {
                *last.lock().unwrap() = (d, t);
                true
            },
        )
        .unwrap();
        assert!(!cancelled);
        assert_eq!(ran.load(Ordering::SeqCst), 37);
        assert_eq!(
            *last.lock().unwrap(),
            (37, 37),
            "the reports count up to the end"
        );
    }
}
