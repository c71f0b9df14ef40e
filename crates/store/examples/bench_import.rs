//! Importing a large MS Project plan (issue 17), release build:
//!
//!     cargo run --release -p diaodu-store --example bench_import [-- SIZES…]
//!     cargo run --release -p diaodu-store --example bench_import -- --write plan.xml 20000
//!
//! For each size (default 1000 20000 100000 tasks) a plan is generated
//! (`tests/common/generated_plan.rs`: stages of 50, links ≈ 1.4 × tasks of all
//! four kinds with lags), written as MSPDI, then read and imported into a new
//! store as `diaodu-cli plan import` does: *read* is parsing and checking the
//! file, *import* is `Store::import_plan` (one transaction, scheduling
//! included). `--write FILE` only writes the MSPDI file of the one size
//! given, for timing the CLI itself. Peak memory is the process's (VmHWM), so
//! run one size per process to read it per size. Timings go to docs, not to
//! tests.
#[path = "../tests/common/generated_plan.rs"]
mod generated_plan;

use diaodu_store::Store;
use std::time::Instant;

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let write = match args.iter().position(|a| a == "--write") {
        Some(i) => {
            args.remove(i);
            Some(args.remove(i))
        }
        None => None,
    };
    let sizes: Vec<usize> = if args.is_empty() {
        vec![1_000, 20_000, 100_000]
    } else {
        args.iter().map(|a| a.parse().expect("a size")).collect()
    };
    if let Some(path) = write {
        let doc = generated_plan::generated_plan(sizes[0]);
        std::fs::write(&path, diaodu_exchange::to_mspdi(&doc)).expect("write");
        println!(
            "{path}: {} tasks, {} links",
            doc.tasks.len(),
            doc.links.len()
        );
        return;
    }
    for n in sizes {
        let doc = generated_plan::generated_plan(n);
        let xml = diaodu_exchange::to_mspdi(&doc);
        drop(doc);
        let dir = tempfile::tempdir().expect("temp dir");
        let mut s = Store::open(dir.path()).expect("store");
        let admin = s
            .setup_admin("admin", "系统管理员", "Admin#2026")
            .expect("admin")
            .actor();

        let t = Instant::now();
        let doc = diaodu_exchange::detect_and_parse(xml.as_bytes(), "plan.xml").expect("read");
        let read = t.elapsed();
        let t2 = Instant::now();
        let id = s.import_plan(&admin, &doc).expect("import");
        let import = t2.elapsed();
        let total = t.elapsed();
        let chart = s.chart(id, None).expect("chart");
        assert_eq!(chart.tasks.len(), doc.tasks.len());
        assert_eq!(chart.links.len(), doc.links.len());
        println!(
            "{n} tasks, {} links, {:.1} MB of XML: read {:.0} ms + import {:.0} ms = {:.0} ms; peak RSS {:.0} MB",
            doc.links.len(),
            xml.len() as f64 / 1e6,
            read.as_secs_f64() * 1000.0,
            import.as_secs_f64() * 1000.0,
            total.as_secs_f64() * 1000.0,
            peak_rss_mb()
        );
    }
}
