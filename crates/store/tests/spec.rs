//! The work specification in the store: catalogue with versions, idempotent
//! generation to units and every active branch, checklists, ticking done,
//! omissions kept as records, and the Excel import and export.
use chrono::{Datelike, Duration, NaiveDate};
use diaodu_domain::{ErrorCode, Role};
use diaodu_periodic::{due_in, parse_rule, Cycle, Period};
use diaodu_schedule::WorkCalendar;
use diaodu_store::{Actor, AttachmentRef, DoneInput, SpecFilter, SpecItemInput, Store, UnitInput};

mod common;

struct Org {
    committee: i64,
    organisation: i64,
    propaganda: i64,
    branches: Vec<i64>,
}

fn setup() -> (tempfile::TempDir, Store, Actor, Org) {
    let (dir, mut s, admin) = common::admin_store();
    let mut unit = |name: &str, short: &str, kind: &str, parent: Option<i64>| {
        s.create_unit(
            &admin,
            &UnitInput {
                name: name.into(),
                short_name: short.into(),
                kind: kind.into(),
                parent_id: parent,
                ..Default::default()
            },
        )
        .unwrap()
        .id
    };
    let committee = unit("晋源煤矿党委", "矿党委", "committee", None);
    let organisation = unit("党委组织部", "组织部", "department", Some(committee));
    let propaganda = unit("党委宣传部", "宣传部", "department", Some(committee));
    unit("纪委办公室", "纪委", "department", Some(committee));
    unit("工会", "工会", "department", Some(committee));
    let branches = ["综采一队党支部", "机电科党支部", "通风科党支部"]
        .iter()
        .map(|n| unit(n, "", "branch", Some(committee)))
        .collect();
    (
        dir,
        s,
        admin,
        Org {
            committee,
            organisation,
            propaganda,
            branches,
        },
    )
}

fn committee_item(title: &str, due: &str, units: Vec<i64>) -> SpecItemInput {
    SpecItemInput {
        scope: "committee".into(),
        category: "组织建设".into(),
        title: title.into(),
        content: format!("{title}的具体内容"),
        arrange: "月初部署".into(),
        implement: "按要求组织".into(),
        statistics: "月底汇总".into(),
        unit_ids: units,
        due_text: due.into(),
        evidence: "台账".into(),
        ..Default::default()
    }
}

fn branch_item(title: &str, due: &str) -> SpecItemInput {
    SpecItemInput {
        scope: "branch".into(),
        category: "组织生活".into(),
        title: title.into(),
        due_text: due.into(),
        evidence: "记录".into(),
        ..Default::default()
    }
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// The month `n` months from this one.
fn month(n: i32) -> Period {
    let mut p = Period::containing(Cycle::Month, today());
    for _ in 0..n.abs() {
        p = if n > 0 { p.next() } else { p.prev() };
    }
    p
}

fn expected_count(due: &str, p: &Period) -> usize {
    let (cycle, rule) = parse_rule(due).unwrap();
    due_in(cycle, &rule, p, &WorkCalendar::statutory()).len()
}

#[test]
fn items_validate_and_get_codes_per_scope() {
    let (_d, mut s, admin, org) = setup();
    let a = s
        .create_spec_item(
            &admin,
            &committee_item("党费收缴统计", "每月25日前", vec![org.organisation]),
        )
        .unwrap();
    assert_eq!(a.code, "DW-001");
    assert_eq!(a.due_text, "每月25日前");
    assert_eq!(a.cycle_label, "月");
    assert_eq!(a.unit_names, vec!["党委组织部"]);
    let b = s
        .create_spec_item(&admin, &branch_item("支部委员会会议", "每月最后一个工作日"))
        .unwrap();
    assert_eq!(b.code, "ZB-001");
    assert!(b.every_branch);

    let field =
        |r: diaodu_store::Result<_>| r.map(|_: diaodu_store::SpecItem| ()).unwrap_err().field;
    assert_eq!(
        field(s.create_spec_item(
            &admin,
            &committee_item("", "每月25日前", vec![org.organisation])
        )),
        Some("title".into())
    );
    assert_eq!(
        field(s.create_spec_item(&admin, &committee_item("x", "月底", vec![org.organisation]))),
        Some("dueText".into())
    );
    assert_eq!(
        field(s.create_spec_item(&admin, &committee_item("x", "每月25日前", vec![]))),
        Some("unitIds".into())
    );
    // A branch as the unit of a committee item.
    assert_eq!(
        field(s.create_spec_item(
            &admin,
            &committee_item("x", "每月25日前", vec![org.branches[0]])
        )),
        Some("unitIds".into())
    );
    // A cycle that contradicts the due rule.
    let mut bad = committee_item("x", "每月25日前", vec![org.organisation]);
    bad.cycle = "周".into();
    let e = s.create_spec_item(&admin, &bad).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("cycle"));
    assert!(e.message.contains("不符"), "{}", e.message);
    // A code in use.
    let mut dup = committee_item("y", "每周五", vec![org.propaganda]);
    dup.code = "DW-001".into();
    assert_eq!(
        s.create_spec_item(&admin, &dup).unwrap_err().code,
        ErrorCode::Duplicate
    );
    // Viewers read only.
    let viewer = Actor {
        user_id: None,
        username: "查看".into(),
        role: Role::Viewer,
    };
    assert_eq!(
        s.create_spec_item(&viewer, &branch_item("z", "每日"))
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );
    assert_eq!(s.list_spec_items(&SpecFilter::default()).unwrap().len(), 2);
    let found = s
        .list_spec_items(&SpecFilter {
            text: Some("党费".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);
}

#[test]
fn generation_reaches_units_and_every_active_branch_and_is_idempotent() {
    let (_d, mut s, admin, org) = setup();
    s.create_spec_item(
        &admin,
        &committee_item(
            "党费收缴统计",
            "每月25日前",
            vec![org.organisation, org.committee],
        ),
    )
    .unwrap();
    s.create_spec_item(&admin, &branch_item("党员安全承诺践诺", "每周五"))
        .unwrap();
    s.create_spec_item(&admin, &branch_item("调度信息报送", "每日"))
        .unwrap();
    s.create_spec_item(&admin, &branch_item("平台数据录入", "每旬最后一个工作日"))
        .unwrap();
    // A retired branch gets nothing.
    s.retire_unit(&admin, org.branches[2], "机构调整").unwrap();

    let p = month(1);
    let r = s.generate_spec_period(&admin, &p.code()).unwrap();
    let per_branch = expected_count("每周五", &p)
        + expected_count("每日", &p)
        + expected_count("每旬最后一个工作日", &p);
    assert_eq!(r.created, 2 + 2 * per_branch);
    assert_eq!(r.total as usize, r.created);
    assert_eq!(r.label, p.label());
    // Twice: nothing new.
    let again = s.generate_spec_period(&admin, &p.code()).unwrap();
    assert_eq!(again.created, 0);
    assert_eq!(again.total, r.total);
    // A year generated around it adds only the other months.
    let dekads = s
        .generate_spec_period(&admin, &format!("{}-D2", p.code()))
        .unwrap();
    assert_eq!(
        dekads.created, 0,
        "a dekad inside a generated month is complete"
    );

    let c = s.spec_checklist(org.branches[0], &p.code()).unwrap();
    assert_eq!(c.total, per_branch);
    assert!(c.rows.windows(2).all(|w| w[0].due_date <= w[1].due_date));
    assert!(c
        .rows
        .iter()
        .all(|r| r.status == "pending" || r.status == "soon" || r.status == "today"));
    assert!(s
        .spec_checklist(org.branches[2], &p.code())
        .unwrap()
        .rows
        .is_empty());
    let cal = WorkCalendar::statutory();
    for row in &c.rows {
        let d = NaiveDate::parse_from_str(&row.due_date, "%Y-%m-%d").unwrap();
        assert!(cal.is_working(d), "{} due on a day off", row.title);
    }

    let o = s.spec_overview(&p.code()).unwrap();
    assert!(o.generated);
    assert_eq!(o.items.len(), 4);
    assert_eq!(o.items[0].units_text, "党委组织部、晋源煤矿党委");
    assert_eq!(o.items[1].units_text, "各党支部（2个）");
    assert_eq!(o.units.len(), 4);
    assert_eq!(o.units[0].unit_id, org.committee, "the committee first");
    assert_eq!(o.total as usize, r.created);

    // A new branch is filled in by generating again.
    let newcomer = s
        .create_unit(
            &admin,
            &UnitInput {
                name: "开拓一队党支部".into(),
                kind: "branch".into(),
                parent_id: Some(org.committee),
                ..Default::default()
            },
        )
        .unwrap();
    let filled = s.generate_spec_period(&admin, &p.code()).unwrap();
    assert_eq!(filled.created, per_branch);
    assert_eq!(
        s.spec_checklist(newcomer.id, &p.code()).unwrap().total,
        per_branch
    );
}

#[test]
fn editing_an_item_makes_a_version_and_leaves_past_periods_as_they_were() {
    let (_d, mut s, admin, org) = setup();
    let item = s
        .create_spec_item(
            &admin,
            &committee_item("宣传信息报送", "每月25日前", vec![org.propaganda]),
        )
        .unwrap();
    let past = month(-2);
    let future = month(1);
    s.generate_spec_period(&admin, &past.code()).unwrap();
    s.generate_spec_period(&admin, &future.code()).unwrap();
    let old_due = s.spec_checklist(org.propaganda, &past.code()).unwrap().rows[0]
        .due_date
        .clone();

    let mut edit = committee_item(
        "党建宣传信息报送",
        "每月20日前",
        vec![org.propaganda, org.organisation],
    );
    edit.note = "增加组织部".into();
    let v2 = s.update_spec_item(&admin, item.id, &edit).unwrap();
    assert_eq!(v2.version, 2);
    assert_eq!(v2.code, item.code);
    let versions = v2.versions.unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].note, "增加组织部");
    assert_eq!(versions[1].title, "宣传信息报送");

    // The past month reads as it was specified then.
    let then = s.spec_checklist(org.propaganda, &past.code()).unwrap();
    assert_eq!(then.rows.len(), 1);
    assert_eq!(then.rows[0].title, "宣传信息报送");
    assert_eq!(then.rows[0].version, 1);
    assert!(then.rows[0].edited_since);
    assert_eq!(then.rows[0].due_date, old_due);
    assert!(s
        .spec_checklist(org.organisation, &past.code())
        .unwrap()
        .rows
        .is_empty());

    // The coming month follows the edit: new title, new due day, new unit.
    let next = s.spec_checklist(org.propaganda, &future.code()).unwrap();
    assert_eq!(next.rows.len(), 1);
    assert_eq!(next.rows[0].title, "党建宣传信息报送");
    assert_eq!(next.rows[0].version, 2);
    assert!(next.rows[0].due_date.as_str() <= format!("{}-20", future.code()).as_str());
    assert_eq!(
        s.spec_checklist(org.organisation, &future.code())
            .unwrap()
            .rows
            .len(),
        1
    );

    // Saving the same form again is no new version.
    assert_eq!(
        s.update_spec_item(&admin, item.id, &edit).unwrap().version,
        2
    );

    // Retiring removes only pending future work.
    s.retire_spec_item(&admin, item.id, "并入其他事项").unwrap();
    assert!(s
        .spec_checklist(org.propaganda, &future.code())
        .unwrap()
        .rows
        .is_empty());
    assert_eq!(
        s.spec_checklist(org.propaganda, &past.code())
            .unwrap()
            .rows
            .len(),
        1
    );
    assert!(s
        .list_spec_items(&SpecFilter::default())
        .unwrap()
        .is_empty());
    s.reinstate_spec_item(&admin, item.id).unwrap();
    assert_eq!(
        s.spec_checklist(org.propaganda, &future.code())
            .unwrap()
            .rows
            .len(),
        1
    );

    let audit = s
        .list_audit(&diaodu_store::AuditFilter {
            entity: Some("spec_item".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(audit
        .rows
        .iter()
        .any(|e| e.summary.contains("第2版") && e.summary.contains("增加组织部")));
}

#[test]
fn ticking_done_and_omissions_kept_as_records() {
    let (_d, mut s, admin, org) = setup();
    s.create_spec_item(&admin, &branch_item("党员安全承诺践诺", "每周五"))
        .unwrap();
    s.create_spec_item(
        &admin,
        &committee_item("党费收缴统计", "每月25日前", vec![org.organisation]),
    )
    .unwrap();
    let past = month(-2);
    s.generate_spec_period(&admin, &past.code()).unwrap();
    let fridays = expected_count("每周五", &past);
    let a = s.spec_checklist(org.branches[0], &past.code()).unwrap();
    let b = s.spec_checklist(org.branches[1], &past.code()).unwrap();
    assert_eq!(a.rows.len(), fridays);
    // Generating a past month found every instance as an omission already.
    assert!(a.rows.iter().all(|r| r.status == "overdue"));

    // Branch A: everything on time (corrects the omissions: cleared).
    for r in &a.rows {
        let done = s
            .mark_spec_done(
                &admin,
                &DoneInput {
                    id: r.id,
                    done_date: r.due_date.clone(),
                    note: "已完成".into(),
                    evidence: "承诺书".into(),
                    attachments: None,
                },
            )
            .unwrap();
        assert_eq!(done.status, "done");
        assert_eq!(done.evidence, "承诺书");
    }
    // Branch B: the first done two days late, the rest left undone.
    let late_day =
        NaiveDate::parse_from_str(&b.rows[0].due_date, "%Y-%m-%d").unwrap() + Duration::days(2);
    let late = s
        .mark_spec_done(
            &admin,
            &DoneInput {
                id: b.rows[0].id,
                done_date: late_day.to_string(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(late.status, "late");

    // Bad dates are refused beside the field.
    let tomorrow = (today() + Duration::days(1)).to_string();
    let e = s
        .mark_spec_done(
            &admin,
            &DoneInput {
                id: b.rows[1].id,
                done_date: tomorrow,
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("doneDate"));
    let before = (past.start() - Duration::days(20)).to_string();
    let e = s
        .mark_spec_done(
            &admin,
            &DoneInput {
                id: b.rows[1].id,
                done_date: before,
                ..Default::default()
            },
        )
        .unwrap_err();
    assert!(e.message.contains("不能早于本期开始"), "{}", e.message);
    let e = s
        .mark_spec_done(
            &admin,
            &DoneInput {
                id: b.rows[1].id,
                done_date: "2026/3/5".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("doneDate"));

    let report = s.spec_omissions(&admin, &past.code(), None, None).unwrap();
    // Branch B's and the third branch's weeks (B's late one stays an
    // omission) and the committee item.
    assert_eq!(report.total, 2 * fridays + 1, "{:#?}", report.rows);
    assert!(report.rows.iter().all(|o| o.unit_id != org.branches[0]));
    assert_eq!(report.rows.iter().filter(|o| o.status == "late").count(), 1);
    let unit_b = report
        .units
        .iter()
        .find(|u| u.unit_id == org.branches[1])
        .unwrap();
    assert_eq!(
        (unit_b.due, unit_b.done_on_time, unit_b.omissions),
        (fridays as i64, 0, fridays as i64)
    );
    let unit_a = report
        .units
        .iter()
        .find(|u| u.unit_id == org.branches[0])
        .unwrap();
    assert_eq!((unit_a.done_on_time, unit_a.omissions), (fridays as i64, 0));
    // One unit only.
    let only_b = s
        .spec_omissions(&admin, &past.code(), Some(org.branches[1]), None)
        .unwrap();
    assert_eq!(only_b.total, fridays);
    assert_eq!(only_b.unit_name.as_deref(), Some("机电科党支部"));
    // As of an earlier day, only what was due before it.
    let mid = past.start() + Duration::days(14);
    let early = s
        .spec_omissions(
            &admin,
            &past.code(),
            Some(org.branches[1]),
            Some(&mid.to_string()),
        )
        .unwrap();
    assert!(early.total < fridays && early.rows.iter().all(|o| o.due_date < mid.to_string()));

    // Taking back a tick opens the omission again; the record was never lost.
    s.unmark_spec_done(&admin, a.rows[0].id).unwrap();
    let reopened = s
        .spec_omissions(&admin, &past.code(), Some(org.branches[0]), None)
        .unwrap();
    assert_eq!(reopened.total, 1);
    assert_eq!(reopened.rows[0].status, "open");
}

#[test]
fn omissions_in_days_before_a_branch_was_retired_stay() {
    let (_d, mut s, admin, org) = setup();
    s.create_spec_item(&admin, &branch_item("调度信息报送", "每日"))
        .unwrap();
    let past = month(-1);
    s.generate_spec_period(&admin, &past.code()).unwrap();
    s.retire_unit(&admin, org.branches[1], "合并").unwrap();
    let report = s
        .spec_omissions(&admin, &past.code(), Some(org.branches[1]), None)
        .unwrap();
    assert_eq!(report.total, expected_count("每日", &past));
}

/// The omission records in the database, by due date.
fn recorded_omissions(dir: &std::path::Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(dir.join(diaodu_store::DB_FILE_NAME)).unwrap();
    let mut stmt = conn
        .prepare("SELECT due_date FROM spec_omission ORDER BY due_date")
        .unwrap();
    let rows = stmt.query_map([], |r| r.get(0)).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

#[test]
fn omissions_are_recorded_only_up_to_today_and_only_by_a_role_that_may_write() {
    let (d, mut s, admin, _org) = setup();
    s.create_spec_item(&admin, &branch_item("调度信息报送", "每日"))
        .unwrap();
    let (past, next) = (month(-1), month(1));
    s.generate_spec_period(&admin, &next.code()).unwrap();
    assert_eq!(recorded_omissions(d.path()), Vec::<String>::new());
    let after_next = (next.end() + Duration::days(1)).to_string();
    let viewer = Actor {
        user_id: Some(99),
        username: "viewer".into(),
        role: Role::Viewer,
    };
    let dispatcher = Actor {
        role: Role::Dispatcher,
        ..admin.clone()
    };

    // Next month as of its end, previewed by a viewer: every working day of
    // it is computed as missed, and nothing is written (before, each such
    // preview recorded 'open' omissions of days still to come).
    let preview = s
        .spec_omissions(&viewer, &next.code(), None, Some(&after_next))
        .unwrap();
    assert_eq!(preview.total, 3 * expected_count("每日", &next));
    assert!(preview.rows.iter().all(|o| o.id.is_none()));
    assert_eq!(recorded_omissions(d.path()), Vec::<String>::new());
    // The same asked by a dispatcher: the same report, and nothing recorded
    // for days that have not come.
    let same = s
        .spec_omissions(&dispatcher, &next.code(), None, Some(&after_next))
        .unwrap();
    assert_eq!(same.rows, preview.rows);
    assert_eq!(recorded_omissions(d.path()), Vec::<String>::new());

    // Last month, all past. Generating records its omissions; take the
    // records away to see who puts them back.
    s.generate_spec_period(&admin, &past.code()).unwrap();
    let n = 3 * expected_count("每日", &past);
    assert_eq!(recorded_omissions(d.path()).len(), n);
    rusqlite::Connection::open(d.path().join(diaodu_store::DB_FILE_NAME))
        .unwrap()
        .execute("DELETE FROM spec_omission", [])
        .unwrap();
    let seen = s.spec_omissions(&viewer, &past.code(), None, None).unwrap();
    assert_eq!(seen.total, n);
    assert!(
        recorded_omissions(d.path()).is_empty(),
        "a viewer writes nothing"
    );
    // Printed or exported, whoever asks, records nothing either.
    s.spec_workbook(&diaodu_store::WorkbookRequest {
        kind: "omissions".into(),
        period: past.code(),
        unit_id: None,
        as_of: None,
    })
    .unwrap();
    assert!(recorded_omissions(d.path()).is_empty());
    let kept = s
        .spec_omissions(&dispatcher, &past.code(), None, None)
        .unwrap();
    assert_eq!(kept.total, n);
    assert!(kept.rows.iter().all(|o| o.id.is_some()));
    let recorded = recorded_omissions(d.path());
    assert_eq!(recorded.len(), n);
    assert!(recorded.iter().all(|due| *due < today().to_string()));
}

#[test]
fn startup_prepares_the_current_and_coming_month() {
    let (_d, mut s, admin, _org) = setup();
    s.create_spec_item(&admin, &branch_item("平台数据录入", "每旬最后一个工作日"))
        .unwrap();
    let r = s.prepare_spec_periods(today()).unwrap();
    assert_eq!(r.periods, vec![month(0).code(), month(1).code()]);
    assert!(r.created > 0);
    assert_eq!(s.prepare_spec_periods(today()).unwrap().created, 0);
    let generated: Vec<String> = s
        .list_spec_generations()
        .unwrap()
        .into_iter()
        .map(|g| g.0)
        .collect();
    assert!(generated.contains(&month(1).code()));
}

#[test]
fn dates_of_a_year_of_dekads_honour_office_overrides() {
    let (_d, mut s, admin, org) = setup();
    s.create_spec_item(
        &admin,
        &committee_item("党费收缴统计", "每月25日前", vec![org.organisation]),
    )
    .unwrap();
    let p = month(2);
    let y = p.start().year();
    let m = p.start().month();
    let d25 = NaiveDate::from_ymd_opt(y, m, 25).unwrap();
    // The office declares the 25th (and the days before it in that week) off.
    let mut last = d25;
    while WorkCalendar::statutory().is_working(last) {
        s.set_calendar_day(&admin, &last.to_string(), false, "矿内检修")
            .unwrap();
        if last.weekday() == chrono::Weekday::Mon {
            break;
        }
        last -= Duration::days(1);
    }
    s.generate_spec_period(&admin, &p.code()).unwrap();
    let row = &s.spec_checklist(org.organisation, &p.code()).unwrap().rows[0];
    let due = NaiveDate::parse_from_str(&row.due_date, "%Y-%m-%d").unwrap();
    assert!(
        due < last,
        "{due} should be before the days off from {last}"
    );
}

#[test]
fn the_sample_specification_has_95_and_27_items_over_all_cycles_with_done_work_and_omissions() {
    let (_dir, mut s, admin) = common::admin_store();
    let r = s.load_sample(&admin).unwrap();
    assert_eq!(r.spec_items, 122);
    let items = s.list_spec_items(&SpecFilter::default()).unwrap();
    let committee: Vec<_> = items.iter().filter(|i| i.scope == "committee").collect();
    let branch: Vec<_> = items.iter().filter(|i| i.scope == "branch").collect();
    assert_eq!((committee.len(), branch.len()), (95, 27));
    for c in Cycle::ALL {
        assert!(
            committee.iter().any(|i| i.cycle == c.code()),
            "committee items of cycle {c}"
        );
        assert!(
            branch.iter().any(|i| i.cycle == c.code()),
            "branch items of cycle {c}"
        );
    }
    assert!(r.spec_instances > 1000, "{}", r.spec_instances);
    let last = month(-1);
    let report = s.spec_omissions(&admin, &last.code(), None, None).unwrap();
    let overview = s.spec_overview(&last.code()).unwrap();
    // The committee's monthly list: 100+ tasks for the committee and its
    // departments, and more again for the branches.
    let upper: i64 = overview
        .units
        .iter()
        .filter(|u| u.unit_kind != "branch")
        .map(|u| u.instances)
        .sum();
    assert!(
        upper >= 100,
        "committee and department tasks in a month: {upper}"
    );
    assert!(overview.total - upper > upper);
    assert!(
        report.total > 0 && (report.total as i64) < overview.total / 5,
        "{} of {}",
        report.total,
        overview.total
    );
    assert!(overview.done > overview.total * 3 / 4);
    let branch_unit = overview
        .units
        .iter()
        .find(|u| u.unit_kind == "branch")
        .unwrap();
    let list = s
        .spec_checklist(branch_unit.unit_id, &month(0).code())
        .unwrap();
    assert!(list.total > 20, "{}", list.total);
}

#[test]
fn done_work_carries_evidence_files_into_backups() {
    let (dir, mut s, admin, org) = setup();
    s.create_spec_item(
        &admin,
        &committee_item("党费收缴统计", "每月25日前", vec![org.organisation]),
    )
    .unwrap();
    let past = month(-1);
    s.generate_spec_period(&admin, &past.code()).unwrap();
    let list = s.spec_checklist(org.organisation, &past.code()).unwrap();
    let row = &list.rows[0];
    assert!(row.attachments.is_empty());

    let files = tempfile::tempdir().unwrap();
    let photo = common::photo(files.path(), "党费台账.png", 5);
    let staged = s.stage_attachment(&admin, &photo).unwrap();
    let done = s
        .mark_spec_done(
            &admin,
            &DoneInput {
                id: row.id,
                done_date: row.due_date.clone(),
                note: "已统计上报".into(),
                evidence: "党费收缴台账".into(),
                attachments: Some(vec![AttachmentRef {
                    sha256: staged.sha256.clone(),
                    name: "党费台账.png".into(),
                }]),
            },
        )
        .unwrap();
    assert_eq!(done.attachments.len(), 1);
    assert_eq!(done.attachments[0].name, "党费台账.png");
    assert!(done.attachments[0].has_thumb);
    // The checklist shows them; a correction without the field keeps them.
    let again = s
        .mark_spec_done(
            &admin,
            &DoneInput {
                id: row.id,
                done_date: row.due_date.clone(),
                note: "已统计上报（更正）".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(again.attachments.len(), 1);
    let list = s.spec_checklist(org.organisation, &past.code()).unwrap();
    assert_eq!(list.rows[0].attachments[0].sha256, staged.sha256);
    // A file that was never staged is refused and nothing changes.
    let e = s
        .mark_spec_done(
            &admin,
            &DoneInput {
                id: row.id,
                done_date: row.due_date.clone(),
                attachments: Some(vec![AttachmentRef {
                    sha256: "0".repeat(64),
                    name: "不存在.png".into(),
                }]),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("attachments"), "{e:?}");
    let list = s.spec_checklist(org.organisation, &past.code()).unwrap();
    assert_eq!(list.rows[0].note, "已统计上报（更正）");
    assert_eq!(list.rows[0].attachments.len(), 1);
    // The audit says which files; the backup keeps them.
    let out = dir.path().join("backups-test");
    std::fs::create_dir_all(&out).unwrap();
    let info = s.backup_to(&admin, &out.join("b.db")).unwrap();
    assert_eq!(info.attachments, 1);
    let export = s.export_json().unwrap();
    assert_eq!(
        export["spec"]["attachments"].as_array().unwrap().len(),
        1,
        "the export lists the evidence files"
    );
}
