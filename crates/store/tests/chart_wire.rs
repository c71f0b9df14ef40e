//! The chart on the wire (docs/ipc-plans.md): the columns read back as the
//! chart itself, and every edit's delta applied to the chart sent before
//! gives the chart after the edit, as a full reload would.
mod common;
#[path = "common/generated_plan.rs"]
mod generated_plan;

use diaodu_store::chart_wire::reading;
use diaodu_store::{Chart, ChartCache, LinkInput, Store, TaskInput};
use serde_json::{json, Map, Value};

fn plain(c: &Chart) -> Value {
    serde_json::to_value(c).unwrap()
}

fn parse(s: &str) -> Value {
    serde_json::from_str(s).unwrap()
}

struct Window {
    cache: ChartCache,
    seen: Value,
    plan: i64,
}

impl Window {
    fn open(s: &Store, plan: i64) -> Window {
        let mut cache = ChartCache::default();
        let chart = s.chart(plan, None).unwrap();
        let wire = parse(&cache.whole(chart.clone(), None).unwrap());
        assert_eq!(wire["format"], "chart-columns/1");
        let seen = reading::chart(&wire);
        assert_eq!(seen, plain(&chart), "the columns read back as the chart");
        Window { cache, seen, plan }
    }

    /// Answers an edit as the shell does and checks the delta against a
    /// full reload; returns the delta.
    fn edited(&mut self, s: &Store) -> Value {
        let after = s.chart(self.plan, None).unwrap();
        let delta = parse(&self.cache.edited(after.clone(), None).unwrap());
        assert_eq!(delta["format"], "chart-delta/1");
        let applied = reading::apply(&self.seen, &delta);
        assert_eq!(applied, plain(&after), "delta applied = full reload");
        self.seen = applied;
        delta
    }
}

fn patch(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

#[test]
fn every_edit_answers_with_a_delta_that_gives_the_reloaded_chart() {
    let mut o = common::office();
    let admin = o.admin.clone();
    let doc = generated_plan::generated_plan(300);
    let plan = o.s.import_plan(&admin, &doc).unwrap();
    let chart = o.s.chart(plan, None).unwrap();
    let n = chart.tasks.len();
    let mut w = Window::open(&o.s, plan);

    // A leaf task with successors: moving it moves them, not the rest.
    let leaf = chart
        .tasks
        .iter()
        .find(|t| t.kind == "task" && chart.links.iter().any(|l| l.pred_id == t.id))
        .unwrap();
    let moved_to = reading::day_text(
        diaodu_store::chart_wire::day_number(&leaf.early_start).unwrap() as i64 + 30,
    );
    o.s.update_task(&admin, leaf.id, &patch(json!({"start": moved_to})))
        .unwrap();
    let d = w.edited(&o.s);
    let changed = d["tasks"]["id"].as_array().unwrap().len();
    assert!(changed >= 1 && changed < n, "{changed} of {n} tasks sent");
    assert!(d["tasks"]["id"]
        .as_array()
        .unwrap()
        .contains(&json!(leaf.id)));
    assert!(d.get("order").is_none() && d.get("linkOrder").is_none());
    assert!(d["links"]["id"].as_array().unwrap().is_empty());

    // Units and people by name, the duration, the status.
    o.s.update_task(
        &admin,
        leaf.id,
        &patch(json!({"leadUnitId": o.unit, "cooperatingUnitIds": [o.other_unit], "duration": 7, "status": "in_progress", "progress": 30})),
    )
    .unwrap();
    let d = w.edited(&o.s);
    assert!(d["tasks"]["units"][o.unit.to_string()].as_str().is_some());

    // A new task, a link to it, its kind and lag changed, the link deleted.
    let stage = chart.tasks.iter().find(|t| t.kind == "stage").unwrap();
    let created =
        o.s.create_task(
            &admin,
            &TaskInput {
                plan_id: plan,
                parent_id: Some(stage.id),
                after_id: Some(leaf.id),
                kind: "task".into(),
                name: "新任务".into(),
                duration: Some(2),
                ..Default::default()
            },
        )
        .unwrap();
    let d = w.edited(&o.s);
    assert!(d["order"].as_array().unwrap().contains(&json!(created)));
    let link =
        o.s.create_link(
            &admin,
            &LinkInput {
                plan_id: plan,
                pred_id: leaf.id,
                succ_id: created,
                kind: "FS".into(),
                lag: 0,
            },
        )
        .unwrap();
    let d = w.edited(&o.s);
    assert_eq!(d["links"]["id"], json!([link]));
    o.s.update_link(&admin, link, "SS", 2).unwrap();
    w.edited(&o.s);
    o.s.delete_link(&admin, link).unwrap();
    let d = w.edited(&o.s);
    assert_eq!(d["removedLinks"], json!([link]));

    // Indent and outdent, delete a stage with its tasks and links, restore it.
    o.s.reparent_task(&admin, created, None, 0).unwrap();
    w.edited(&o.s);
    let second = chart
        .tasks
        .iter()
        .filter(|t| t.kind == "stage")
        .nth(1)
        .unwrap();
    o.s.delete_task(&admin, second.id).unwrap();
    let d = w.edited(&o.s);
    assert!(!d["removedLinks"].as_array().unwrap().is_empty());
    o.s.restore_tasks(&admin, second.id).unwrap();
    let d = w.edited(&o.s);
    // The links come back under their old ids, in their old place.
    assert!(d.get("linkOrder").is_some());
    o.s.cancel_task(&admin, created, "并入年度计划").unwrap();
    w.edited(&o.s);
    o.s.resume_task(&admin, created).unwrap();
    w.edited(&o.s);
}

#[test]
fn another_plan_or_baseline_gets_the_whole_chart() {
    let mut o = common::office();
    let admin = o.admin.clone();
    let a =
        o.s.import_plan(&admin, &generated_plan::generated_plan(60))
            .unwrap();
    let b =
        o.s.import_plan(&admin, &generated_plan::generated_plan(60))
            .unwrap();
    let mut cache = ChartCache::default();
    let first = parse(&cache.whole(o.s.chart(a, None).unwrap(), None).unwrap());
    let again = parse(&cache.edited(o.s.chart(b, None).unwrap(), None).unwrap());
    assert_eq!(again["format"], "chart-columns/1");
    assert!(again["rev"].as_u64() > first["rev"].as_u64());
    let delta = parse(&cache.edited(o.s.chart(b, None).unwrap(), None).unwrap());
    assert_eq!(delta["format"], "chart-delta/1");
    assert_eq!(delta["base"], again["rev"]);
    assert_eq!(delta["tasks"]["id"], json!([]), "nothing changed");
    assert_eq!(cache.baseline_for(b), None);
    let baseline = o.s.save_baseline(&admin, b, "基线一").unwrap();
    cache
        .whole(o.s.chart(b, Some(baseline.id)).unwrap(), Some(baseline.id))
        .unwrap();
    assert_eq!(cache.baseline_for(b), Some(baseline.id));
    assert_eq!(cache.baseline_for(a), None);
    let whole = parse(&cache.edited(o.s.chart(b, None).unwrap(), None).unwrap());
    assert_eq!(whole["format"], "chart-columns/1");
}

#[test]
fn day_numbers_count_from_1970() {
    use diaodu_store::chart_wire::day_number;
    assert_eq!(day_number("1970-01-01"), Some(0));
    assert_eq!(day_number("2026-12-06"), Some(20_793));
    assert_eq!(day_number("1969-12-31"), Some(-1));
    assert_eq!(day_number("2026-13-01"), None);
    assert_eq!(day_number("2026-02-29"), None);
    assert_eq!(day_number("2024-02-29"), Some(19_782));
    assert_eq!(day_number("2026-1-01"), None);
    assert_eq!(reading::day_text(20_793), "2026-12-06");
}

/// Writes the fixture `tests/ui/chart-wire.test.mjs` reads (a wire chart, an
/// edit's delta and the plain charts before and after) when
/// `DIAODU_WRITE_WIRE_FIXTURE` names a file: the window's reading is held to
/// the chart the core has.
#[test]
fn fixture_for_the_windows_reading() {
    let Ok(path) = std::env::var("DIAODU_WRITE_WIRE_FIXTURE") else {
        return;
    };
    let mut o = common::office();
    let admin = o.admin.clone();
    let plan =
        o.s.import_plan(&admin, &generated_plan::generated_plan(40))
            .unwrap();
    let chart = o.s.chart(plan, None).unwrap();
    let leaf = chart.tasks.iter().find(|t| t.kind == "task").unwrap().id;
    o.s.update_task(
        &admin,
        leaf,
        &patch(json!({"leadUnitId": o.unit, "cooperatingUnitIds": [o.other_unit], "deadline": "2026-01-05"})),
    )
    .unwrap();
    let mut cache = ChartCache::default();
    let before = o.s.chart(plan, None).unwrap();
    let wire = parse(&cache.whole(before.clone(), None).unwrap());
    let start = diaodu_store::chart_wire::day_number(&before.tasks[2].early_start).unwrap();
    o.s.update_task(
        &admin,
        leaf,
        &patch(json!({"start": reading::day_text(start as i64 + 9), "status": "in_progress", "progress": 40})),
    )
    .unwrap();
    let after = o.s.chart(plan, None).unwrap();
    let delta = parse(&cache.edited(after.clone(), None).unwrap());
    let fixture =
        json!({"wire": wire, "chart": plain(&before), "delta": delta, "after": plain(&after)});
    std::fs::write(path, serde_json::to_string(&fixture).unwrap()).unwrap();
}
