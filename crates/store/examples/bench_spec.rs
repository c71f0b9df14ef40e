//! Benchmark of the work specification (issue 6), release build:
//! `cargo run --release -p diaodu-store --example bench_spec`
//!
//! The sample organisation (10 departments, 30 branches) plus 10 more
//! branches = 40, the sample's 122 items (95 committee/department, 27
//! branch, daily ones included). Measures (1) generating a whole year that
//! was never generated, (2) generating it again (nothing new), and (3)
//! opening every unit's monthly checklist of that year, median and worst.
use diaodu_store::{Store, UnitInput};
use std::time::Instant;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut s = Store::open(dir.path()).expect("store");
    let admin = s
        .setup_admin("admin", "系统管理员", "Admin#2026")
        .expect("admin")
        .actor();
    s.load_sample(&admin).expect("sample");
    let committee = s
        .list_units(false)
        .unwrap()
        .into_iter()
        .find(|u| u.parent_id.is_none())
        .unwrap()
        .id;
    for n in 1..=10 {
        s.create_unit(
            &admin,
            &UnitInput {
                name: format!("综合{n}队党支部"),
                kind: "branch".into(),
                parent_id: Some(committee),
                ..Default::default()
            },
        )
        .unwrap();
    }
    let units = s.list_units(false).unwrap();
    let branches = units.iter().filter(|u| u.kind.code() == "branch").count();
    let items = s.list_spec_items(&Default::default()).unwrap().len();
    let year = chrono::Datelike::year(&chrono::Local::now().date_naive()) + 1;

    let t = Instant::now();
    let r = s.generate_spec_period(&admin, &year.to_string()).unwrap();
    let first = t.elapsed();
    let t = Instant::now();
    let again = s.generate_spec_period(&admin, &year.to_string()).unwrap();
    let second = t.elapsed();
    println!(
        "{items} items × {branches} branches: generating {year} created {} instances in {:.0} ms; again: {} new in {:.0} ms",
        r.created,
        first.as_secs_f64() * 1000.0,
        again.created,
        second.as_secs_f64() * 1000.0
    );

    let mut times = Vec::new();
    let mut rows = 0;
    for m in 1..=12 {
        let period = format!("{year}-{m:02}");
        for u in &units {
            let t = Instant::now();
            let c = s.spec_checklist(u.id, &period).unwrap();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            rows = rows.max(c.total);
        }
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!(
        "monthly checklists: {} opened, median {:.2} ms, 95th {:.2} ms, worst {:.2} ms (largest {rows} rows)",
        times.len(),
        times[times.len() / 2],
        times[times.len() * 95 / 100],
        times[times.len() - 1]
    );
    let t = Instant::now();
    let o = s.spec_overview(&format!("{year}-03")).unwrap();
    println!(
        "committee's monthly list {year}-03: {} items, {} tasks in {:.1} ms",
        o.items.len(),
        o.total,
        t.elapsed().as_secs_f64() * 1000.0
    );
}
