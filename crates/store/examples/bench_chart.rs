//! The chart's cost in the core, on a data directory with an imported plan
//! (scripts/bench-chart.mjs prepares one; docs/benchmarks.md):
//!   cargo run --release -p diaodu-store --example bench_chart -- DATA_DIR [PLAN_ID] [RUNS]
//! Times `Store::chart` (load + schedule + build), the chart as objects
//! (`serde_json::to_string(&Chart)`, the wire form before issue 17), as
//! columns (`ChartCache::whole`), and one move's answer: the edit, the chart
//! again and the delta (`ChartCache::edited`), with the sizes. Medians.
use diaodu_store::{ChartCache, Store};
use std::time::Instant;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(|a, b| a.total_cmp(b));
    let m = xs.len() / 2;
    if xs.len() % 2 == 1 {
        xs[m]
    } else {
        (xs[m - 1] + xs[m]) / 2.0
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().expect("DATA_DIR");
    let mut s = Store::open(std::path::Path::new(dir)).expect("store");
    let plan = match args.get(1) {
        Some(p) => p.parse().expect("a plan id"),
        None => {
            s.list_plans(&Default::default())
                .expect("plans")
                .into_iter()
                .max_by_key(|p| p.plan.task_count)
                .expect("a plan")
                .plan
                .id
        }
    };
    let runs: usize = args.get(2).map_or(7, |r| r.parse().expect("runs"));
    let admin = diaodu_store::Actor::cli();
    let (mut chart_ms, mut objects_ms, mut columns_ms) = (vec![], vec![], vec![]);
    let (mut edit_ms, mut again_ms, mut delta_ms) = (vec![], vec![], vec![]);
    let (mut objects_len, mut columns_len, mut delta_len, mut changed) = (0, 0, 0, 0);
    let mut cache = ChartCache::default();
    for run in 0..runs {
        let t = Instant::now();
        let chart = s.chart(plan, None).expect("chart");
        chart_ms.push(ms(t));
        let t = Instant::now();
        objects_len = serde_json::to_string(&chart).expect("json").len();
        objects_ms.push(ms(t));
        // A leaf with a successor, moved a week later and back on alternate runs.
        let leaf = chart
            .tasks
            .iter()
            .find(|t| {
                t.kind == "task"
                    && t.start.is_some()
                    && chart.links.iter().any(|l| l.pred_id == t.id)
            })
            .or_else(|| chart.tasks.iter().find(|t| t.kind == "task"))
            .expect("a task")
            .clone();
        let t = Instant::now();
        columns_len = cache.whole(chart, None).expect("columns").len();
        columns_ms.push(ms(t));

        let start = diaodu_store::chart_wire::day_number(&leaf.early_start).expect("day");
        let shift = if run % 2 == 0 { 7 } else { -7 };
        let to = diaodu_store::chart_wire::reading::day_text(i64::from(start) + shift);
        let mut patch = serde_json::Map::new();
        patch.insert("start".into(), to.into());
        let t = Instant::now();
        s.update_task(&admin, leaf.id, &patch).expect("move");
        edit_ms.push(ms(t));
        let t = Instant::now();
        let after = s.chart(plan, None).expect("chart after");
        again_ms.push(ms(t));
        let t = Instant::now();
        let delta = cache.edited(after, None).expect("delta");
        delta_ms.push(ms(t));
        delta_len = delta.len();
        let v: serde_json::Value = serde_json::from_str(&delta).expect("delta json");
        changed = v["tasks"]["id"].as_array().map_or(0, Vec::len);
    }
    let tasks = s.chart(plan, None).expect("chart").tasks.len();
    println!("plan {plan}: {tasks} tasks, {runs} runs (medians)");
    println!(
        "  Store::chart (load + schedule + build)  {:8.1} ms",
        median(chart_ms)
    );
    println!(
        "  as objects (before issue 17)           {:8.1} ms  {:6.2} MB",
        median(objects_ms),
        objects_len as f64 / 1e6
    );
    println!(
        "  as columns (get_chart now)             {:8.1} ms  {:6.2} MB",
        median(columns_ms),
        columns_len as f64 / 1e6
    );
    println!(
        "  move: update_task (edit + reschedule)  {:8.1} ms",
        median(edit_ms)
    );
    println!(
        "  move: Store::chart again               {:8.1} ms",
        median(again_ms)
    );
    println!(
        "  move: delta (diff + JSON)              {:8.1} ms  {:6.3} MB, {changed} tasks changed",
        median(delta_ms),
        delta_len as f64 / 1e6
    );
}
