//! A generated plan of any size for the import tests and the import benchmark
//! (`examples/bench_import.rs` includes this file): stages of 50 tasks
//! (outline level 1, summaries) with their tasks under them (level 2), and
//! about 1.4 links per task of all four kinds, with lags and leads, always
//! from an earlier to a later task (so the network is acyclic). The same size
//! gives the same plan on every run (a fixed-seed generator).
#![allow(dead_code)]
use chrono::NaiveDate;
use diaodu_exchange::{DocLink, DocTask, LinkKind, PlanDoc};
use std::collections::HashSet;

/// Tasks per stage, the stage's summary row included.
const STAGE: usize = 50;
/// Links reach at most this many rows ahead.
const WINDOW: u64 = 300;

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

/// A plan of `tasks` rows (stages included) and `tasks * 7 / 5` links.
pub fn generated_plan(tasks: usize) -> PlanDoc {
    let start = NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
    let mut rng = Rng(17);
    let mut doc = PlanDoc::new(format!("生成的计划（{tasks} 项任务）"), start);
    let mut leaves: Vec<usize> = Vec::new();
    for i in 0..tasks {
        let uid = (i + 1).to_string();
        if i % STAGE == 0 {
            let mut t = DocTask::new(uid, format!("第{}阶段", i / STAGE + 1), 0);
            t.summary = true;
            doc.tasks.push(t);
            continue;
        }
        let duration = if rng.below(20) == 0 {
            0
        } else {
            1 + rng.below(10) as i64
        };
        let mut t = DocTask::new(uid, format!("任务{i}"), duration);
        t.outline_level = 2;
        t.milestone = duration == 0;
        match rng.below(40) {
            0 => t.deadline = start.checked_add_days(chrono::Days::new(30 + i as u64 / 5)),
            1 => t.start = start.checked_add_days(chrono::Days::new(rng.below(300))),
            2 => t.unit = Some("生成单位".into()),
            _ => {}
        }
        if rng.below(10) == 0 {
            t.notes = format!("说明{i}");
        }
        leaves.push(i);
        doc.tasks.push(t);
    }
    let kinds = [
        LinkKind::FinishToStart,
        LinkKind::FinishToStart,
        LinkKind::StartToStart,
        LinkKind::FinishToFinish,
        LinkKind::StartToFinish,
    ];
    let want = tasks * 7 / 5;
    let mut seen: HashSet<(usize, usize)> = HashSet::with_capacity(want);
    let n = leaves.len() as u64;
    if n < 2 {
        return doc;
    }
    let possible = (n * (n - 1) / 2).min(n * WINDOW) as usize;
    while doc.links.len() < want.min(possible / 2) {
        let a = rng.below(n - 1);
        let b = (a + 1 + rng.below(WINDOW)).min(n - 1);
        let (p, s) = (leaves[a as usize], leaves[b as usize]);
        if !seen.insert((p, s)) {
            continue;
        }
        let kind = kinds[rng.below(kinds.len() as u64) as usize];
        let lag = rng.below(8) as i64 - 2;
        doc.links.push(DocLink::new(
            (p + 1).to_string(),
            (s + 1).to_string(),
            kind,
            lag,
        ));
    }
    doc
}
