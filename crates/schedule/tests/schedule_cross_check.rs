//! The scheduler against a second, deliberately naive implementation: repeat
//! every link's rule, written on dates with the calendar's public API, until
//! nothing moves. It shares none of the scheduler's boundary arithmetic,
//! ordering or milestone labels, so agreement on hundreds of random networks
//! (all four link types, lags and leads, deadlines, across 春节 and 国庆)
//! checks the passes themselves. Milestones are left out here: their dating
//! rule is a convention, checked by hand in `schedule_networks.rs`.
use chrono::NaiveDate;
use diaodu_schedule::{schedule, Link, LinkKind, Task, WorkCalendar};

/// Deterministic pseudo-random numbers (an LCG), so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

struct Naive {
    es: Vec<NaiveDate>,
    ef: Vec<NaiveDate>,
    ls: Vec<NaiveDate>,
    lf: Vec<NaiveDate>,
}

/// Textbook day-based rules with inclusive finishes, on working dates:
/// FS: start ≥ finish + (lag + 1); SS: start ≥ start + lag;
/// FF: finish ≥ finish + lag; SF: finish ≥ start + (lag − 1).
fn naive(cal: &WorkCalendar, tasks: &[Task], links: &[Link], start: NaiveDate) -> Naive {
    let add = |d: NaiveDate, n: i64| cal.add_working_days(d, n).expect("in range");
    let n = tasks.len();
    let dur: Vec<i64> = tasks.iter().map(|t| i64::from(t.duration)).collect();
    let first = cal.working_on_or_after(start).expect("in range");
    let mut es = vec![first; n];
    loop {
        let mut moved = false;
        for l in links {
            let (p, s) = (l.pred as usize, l.succ as usize);
            let lag = i64::from(l.lag);
            let pf = add(es[p], dur[p] - 1);
            let need = match l.kind {
                LinkKind::FinishToStart => add(pf, lag + 1),
                LinkKind::StartToStart => add(es[p], lag),
                LinkKind::FinishToFinish => add(add(pf, lag), 1 - dur[s]),
                LinkKind::StartToFinish => add(add(es[p], lag - 1), 1 - dur[s]),
            };
            if need > es[s] {
                es[s] = need;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    let ef: Vec<NaiveDate> = (0..n).map(|i| add(es[i], dur[i] - 1)).collect();
    let finish = *ef.iter().max().expect("tasks");
    let mut lf: Vec<NaiveDate> = tasks
        .iter()
        .map(|t| match t.deadline {
            Some(d) => finish.min(cal.working_on_or_before(d).expect("in range")),
            None => finish,
        })
        .collect();
    loop {
        let mut moved = false;
        for l in links {
            let (p, s) = (l.pred as usize, l.succ as usize);
            let lag = i64::from(l.lag);
            let sls = add(lf[s], 1 - dur[s]);
            let bound = match l.kind {
                LinkKind::FinishToStart => add(sls, -lag - 1),
                LinkKind::StartToStart => add(add(sls, -lag), dur[p] - 1),
                LinkKind::FinishToFinish => add(lf[s], -lag),
                LinkKind::StartToFinish => add(add(lf[s], 1 - lag), dur[p] - 1),
            };
            if bound < lf[p] {
                lf[p] = bound;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    let ls = (0..n).map(|i| add(lf[i], 1 - dur[i])).collect();
    Naive { es, ef, ls, lf }
}

#[test]
fn agrees_with_a_naive_fixpoint_on_random_networks() {
    let cal = WorkCalendar::statutory();
    let starts = [
        NaiveDate::from_ymd_opt(2026, 2, 2).expect("valid"),
        NaiveDate::from_ymd_opt(2026, 9, 14).expect("valid"),
        NaiveDate::from_ymd_opt(2025, 12, 29).expect("valid"),
    ];
    let kinds = [
        LinkKind::FinishToStart,
        LinkKind::StartToStart,
        LinkKind::FinishToFinish,
        LinkKind::StartToFinish,
    ];
    let mut rng = Rng(20_260_214);
    for round in 0..300 {
        let start = starts[round % starts.len()];
        let n = 2 + rng.below(25) as i64;
        let tasks: Vec<Task> = (0..n)
            .map(|i| {
                let mut t = Task::new(i, format!("任务{i}"), 1 + rng.below(6) as u32);
                if rng.below(6) == 0 {
                    t.deadline = cal.add_working_days(start, 3 + rng.below(20) as i64);
                }
                t
            })
            .collect();
        let mut links = Vec::new();
        for _ in 0..rng.below(2 * n as u64) {
            let a = rng.below(n as u64) as i64;
            let b = rng.below(n as u64) as i64;
            if a < b {
                let kind = kinds[rng.below(4) as usize];
                let lag = rng.below(7) as i32 - 2;
                links.push(Link::new(a, b, kind, lag));
            }
        }
        let got = schedule(&tasks, &links, &cal, start).expect("acyclic");
        let want = naive(&cal, &tasks, &links, start);
        for (i, t) in got.tasks.iter().enumerate() {
            let ctx = || format!("round {round}, task {i}, links {links:?}");
            assert_eq!(
                (t.early_start, t.early_finish),
                (want.es[i], want.ef[i]),
                "early: {}",
                ctx()
            );
            assert_eq!(
                (t.late_start, t.late_finish),
                (want.ls[i], want.lf[i]),
                "late: {}",
                ctx()
            );
            let tf = cal.working_days_between(want.es[i], want.ls[i]);
            let tf = if tf > 0 { tf - 1 } else { tf + 1 };
            assert_eq!(t.total_float, tf, "float: {}", ctx());
        }
    }
}
