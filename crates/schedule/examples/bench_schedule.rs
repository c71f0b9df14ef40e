//! Scheduling speed at the size the network chart must handle: 20,000 tasks
//! and 40,000 links (issue 3 sets a target of ≤ 50 ms in a release build).
//!
//!     cargo run --release -p diaodu-schedule --example bench_schedule
//!
//! The network is random but the same on every run (a fixed-seed generator):
//! 20,000 leaf tasks in 400 stages, links only from a lower to a higher task
//! number (so it is acyclic) within a window of 300 tasks, all four link types,
//! lags and leads, some milestones, deadlines and start-no-earlier-than dates.
//! Each run is a full `schedule()` call: building the graph, both passes, the
//! roll-up and the conversion to dates. Timings go to docs, not to tests.
use std::hint::black_box;
use std::time::Instant;

use chrono::NaiveDate;
use diaodu_schedule::{schedule, Link, LinkKind, Task, WorkCalendar};

const TASKS: i64 = 20_000;
const LINKS: usize = 40_000;
const STAGES: i64 = 400;
const RUNS: usize = 20;

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

fn network(start: NaiveDate) -> (Vec<Task>, Vec<Link>) {
    let mut rng = Rng(3);
    let per_stage = TASKS / STAGES;
    let mut tasks: Vec<Task> = (0..STAGES)
        .map(|s| Task::new(1_000_000 + s, format!("第{}阶段", s + 1), 0))
        .collect();
    for i in 0..TASKS {
        let duration = if rng.below(20) == 0 {
            0
        } else {
            1 + rng.below(10) as u32
        };
        let mut t = Task::new(i, format!("任务{i}"), duration).under(1_000_000 + i / per_stage);
        match rng.below(50) {
            0 => t.deadline = start.checked_add_days(chrono::Days::new(30 + i as u64 / 5)),
            1 => {
                t.start_no_earlier_than = start.checked_add_days(chrono::Days::new(rng.below(400)))
            }
            _ => {}
        }
        tasks.push(t);
    }
    let kinds = [
        LinkKind::FinishToStart,
        LinkKind::FinishToStart,
        LinkKind::StartToStart,
        LinkKind::FinishToFinish,
        LinkKind::StartToFinish,
    ];
    let mut links = Vec::with_capacity(LINKS);
    while links.len() < LINKS {
        let pred = rng.below(TASKS as u64 - 1) as i64;
        let succ = (pred + 1 + rng.below(300) as i64).min(TASKS - 1);
        let kind = kinds[rng.below(kinds.len() as u64) as usize];
        let lag = rng.below(8) as i32 - 2;
        links.push(Link::new(pred, succ, kind, lag));
    }
    (tasks, links)
}

fn main() {
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default();
    let (tasks, links) = network(start);

    let t0 = Instant::now();
    let calendar = WorkCalendar::statutory();
    let calendar_ms = t0.elapsed().as_secs_f64() * 1e3;

    let mut times = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let t = Instant::now();
        let result = schedule(black_box(&tasks), black_box(&links), &calendar, start);
        times.push(t.elapsed().as_secs_f64() * 1e3);
        last = Some(black_box(result));
    }
    times.sort_by(f64::total_cmp);

    let Some(Ok(s)) = last else {
        eprintln!("the benchmark network did not schedule: {last:?}");
        std::process::exit(1);
    };
    let critical = s.tasks.iter().filter(|t| t.critical && !t.summary).count();
    let late = s
        .tasks
        .iter()
        .filter(|t| t.cannot_meet_deadline && !t.summary)
        .count();
    println!(
        "network: {} tasks ({} leaf, {} stages), {} links; {} → {}; {} critical, {} cannot meet a deadline",
        tasks.len(),
        TASKS,
        STAGES,
        links.len(),
        s.project_start,
        s.project_finish,
        critical,
        late
    );
    println!("calendar build: {calendar_ms:.2} ms");
    println!(
        "schedule() over {RUNS} runs: median {:.2} ms, min {:.2} ms, max {:.2} ms",
        times[RUNS / 2],
        times[0],
        times[RUNS - 1]
    );
}
