//! Batch printing throughput: 200 sample notices with a seal handed to a CUPS
//! queue one job each, as `run_doc_batch` does (rendering on the other cores
//! while jobs are sent in order). Measures the app's side: until `lp` has
//! spooled the last job. Hold the queue first so the (virtual) printer does not
//! compete for the CPU, and clear it afterwards:
//!
//! ```text
//! cupsdisable Diaodu-Test-PDF
//! cargo run --release -p diaodu-documents --example bench_print -- Diaodu-Test-PDF
//! cancel -a Diaodu-Test-PDF; cupsenable Diaodu-Test-PDF
//! ```
use std::time::Instant;

use diaodu_documents::{run_batch, sample, BatchItem, BatchTarget, Fonts};

fn main() {
    let printer = std::env::args().nth(1).expect("usage: bench_print QUEUE");
    let fonts = Fonts::system().unwrap_or_else(|e| panic!("{}", e.message));
    let items: Vec<BatchItem> = sample::sealed_notices(200)
        .into_iter()
        .enumerate()
        .map(|(i, doc)| BatchItem {
            name: format!("bench-{i:03}"),
            doc,
        })
        .collect();
    let t = Instant::now();
    let out = run_batch(
        &items,
        &fonts,
        &BatchTarget::Printer {
            printer: Some(printer),
            copies: 1,
        },
        &|_, _| true,
    )
    .unwrap_or_else(|e| panic!("{}", e.message));
    println!(
        "200 notices + seal sent to CUPS one job each: {:.2} s ({} jobs) — {}",
        t.elapsed().as_secs_f64(),
        out.jobs.len(),
        out.message
    );
}
