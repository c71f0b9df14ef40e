//! Rendering speed and size, to be run in a release build:
//! `cargo run -p diaodu-documents --release --example bench_render`
//! (`-- batch` runs only the batches as the app runs them, `run_batch`;
//! `-- batch DIR` also keeps the files of the first folder run in DIR, to look at).
//!
//! Budgets (issue 4): a one-page order renders in ≤ 20 ms once fonts are loaded
//! and weighs ≤ 80 KB; 200 notices render in ≤ 5 s. Issue 17: 200 sealed
//! notices, one PDF file each, in ≤ 5 s through `run_batch` (five runs; median).

use std::time::{Duration, Instant};

use diaodu_documents::{
    render_pdf, render_pdf_batch, render_pdf_each, run_batch, sample, BatchItem, BatchTarget,
    Fonts, OfficialDocument,
};

/// CPU time of this process (user + system), where the OS tells it (Linux); the
/// machine may be shared, so wall time alone can mislead.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10)) // USER_HZ is 100 on Linux
}

fn cpu_note(start: Option<Duration>, n: usize) -> String {
    match (start, cpu_time()) {
        (Some(a), Some(b)) => format!(
            "  cpu {:>6.2} ms/doc",
            (b - a).as_secs_f64() * 1e3 / n as f64
        ),
        _ => String::new(),
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time_doc(name: &str, doc: &OfficialDocument, fonts: &Fonts, runs: usize) -> (Duration, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut size = 0;
    let cpu0 = cpu_time();
    for _ in 0..runs {
        let t = Instant::now();
        let bytes = render_pdf(doc, fonts).expect("render");
        times.push(t.elapsed());
        size = bytes.len();
    }
    let max = *times.iter().max().unwrap();
    let med = median(times);
    println!(
        "{name:<34} median {:>7.2} ms  max {:>7.2} ms  size {:>6.1} KB{}",
        med.as_secs_f64() * 1e3,
        max.as_secs_f64() * 1e3,
        size as f64 / 1024.0,
        cpu_note(cpu0, runs)
    );
    (med, size)
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// The batch as the app runs it (`run_batch`): 200 notices with the seal, one
/// file each into a folder (all cores) five times, and one combined file, written
/// to disk. Answers the median time of the folder runs.
fn batches(fonts: &Fonts) -> Duration {
    let items: Vec<BatchItem> = sample::sealed_notices(200)
        .into_iter()
        .enumerate()
        .map(|(i, doc)| BatchItem {
            name: format!("通知单{i:03}"),
            doc,
        })
        .collect();
    let dir = std::env::temp_dir().join(format!("diaodu-bench-batch-{}", std::process::id()));
    let mut folder = Vec::new();
    for run in 0..6 {
        let (label, target) = if run < 5 {
            (
                "run_batch, folder, all cores",
                BatchTarget::Folder(dir.join(format!("each{run}"))),
            )
        } else {
            (
                "run_batch, one combined PDF",
                BatchTarget::Combined(dir.join("all.pdf")),
            )
        };
        let load = load_average();
        let cpu0 = cpu_time();
        let t = Instant::now();
        let out = run_batch(&items, fonts, &target, &|_, _| true).expect("batch");
        let took = t.elapsed();
        let size: u64 = out
            .files
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum();
        println!(
            "200 notices + seal, {label:<28} {:>7.2} s   files {:>3}, {:>6.1} MB{}  (load {load})",
            took.as_secs_f64(),
            out.files.len(),
            size as f64 / 1048576.0,
            cpu_note(cpu0, 200)
        );
        if run < 5 {
            folder.push(took);
        }
    }
    if let Some(keep) = std::env::args().nth(2) {
        let _ = std::fs::rename(dir.join("each0"), keep);
    }
    let _ = std::fs::remove_dir_all(&dir);
    let med = median(folder);
    println!(
        "budget 200 sealed notices, one file each ≤ 5 s: median {:.2} s {}",
        med.as_secs_f64(),
        verdict(med <= Duration::from_secs(5))
    );
    med
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "ok"
    } else {
        "OVER BUDGET"
    }
}

fn main() {
    if cfg!(debug_assertions) {
        eprintln!("note: debug build; run with --release for meaningful numbers");
    }
    let t = Instant::now();
    let fonts = Fonts::system().unwrap_or_else(|e| panic!("{}", e.message));
    println!("fonts loaded in {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    if std::env::args().nth(1).as_deref() == Some("batch") {
        // Warm-up: fonts' glyph caches and the seal.
        let mut warm = sample::notice();
        warm.seal = Some(sample::seal());
        render_pdf(&warm, &fonts).expect("render");
        batches(&fonts);
        return;
    }
    // Warm-up.
    render_pdf(&sample::one_page_order(), &fonts).expect("render");

    let (one_ms, one_size) = time_doc("one-page order", &sample::one_page_order(), &fonts, 50);
    let mut order = sample::order();
    order.seal = Some(sample::seal());
    time_doc("order + seal + receipt (3 pages)", &order, &fonts, 20);
    time_doc("notice + receipt (2 pages)", &sample::notice(), &fonts, 20);
    let mut sealed_notice = sample::notice();
    sealed_notice.seal = Some(sample::seal());
    time_doc(
        "notice + seal + receipt (2 pages)",
        &sealed_notice,
        &fonts,
        20,
    );
    time_doc("long order (4 pages)", &sample::long_order(), &fonts, 10);

    let notices = sample::notices(200);
    let cpu0 = cpu_time();
    let t = Instant::now();
    let mut total = 0usize;
    for n in &notices {
        total += render_pdf(n, &fonts).expect("render").len();
    }
    let separate = t.elapsed();
    println!(
        "200 notices, one PDF each            {:>7.2} s   total {:>6.1} MB{}",
        separate.as_secs_f64(),
        total as f64 / 1048576.0,
        cpu_note(cpu0, 200)
    );
    let t = Instant::now();
    let each = render_pdf_each(&notices, &fonts, &|_, _| true).expect("render");
    let parallel = t.elapsed();
    println!(
        "200 notices, one PDF each, all cores {:>7.2} s   total {:>6.1} MB ({} threads)",
        parallel.as_secs_f64(),
        each.iter().map(|b| b.len()).sum::<usize>() as f64 / 1048576.0,
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    let cpu0 = cpu_time();
    let t = Instant::now();
    let batch = render_pdf_batch(&notices, &fonts).expect("render");
    let batched = t.elapsed();
    println!(
        "200 notices, one batch PDF           {:>7.2} s   size  {:>6.1} MB{}",
        batched.as_secs_f64(),
        batch.len() as f64 / 1048576.0,
        cpu_note(cpu0, 200)
    );
    batches(&fonts);
    println!();
    println!(
        "budget one-page order ≤ 20 ms: {:.2} ms {}",
        one_ms.as_secs_f64() * 1e3,
        verdict(one_ms <= Duration::from_millis(20))
    );
    println!(
        "budget one-page order ≤ 80 KB: {:.1} KB {}",
        one_size as f64 / 1024.0,
        verdict(one_size <= 80 * 1024)
    );
    let worst = separate.max(batched).max(parallel);
    println!(
        "budget 200 notices ≤ 5 s: {:.2} s {}",
        worst.as_secs_f64(),
        verdict(worst <= Duration::from_secs(5))
    );
}
