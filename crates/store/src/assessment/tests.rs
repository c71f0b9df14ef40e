//! Assessment and duty against a real database: scores come from the
//! records only through confirmed proposals; rule-set versions; frozen
//! periods; handovers need both dispatchers' own passwords.
use super::sample::item as rule;
use super::*;
use crate::db::testing::store;
use crate::db::Actor;
use crate::{Store, UnitInput};
use diaodu_domain::{ErrorCode, Role};

pub(crate) struct Fixture {
    pub _dir: tempfile::TempDir,
    pub s: Store,
    pub admin: Actor,
    pub depts: Vec<i64>,
    pub branches: Vec<i64>,
}

fn unit(s: &mut Store, a: &Actor, name: &str, kind: &str) -> i64 {
    s.create_unit(
        a,
        &UnitInput {
            name: name.into(),
            kind: kind.into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

pub(crate) fn fixture() -> Fixture {
    let (dir, mut s) = store();
    let admin = s
        .setup_admin("admin", "系统管理员", "Admin#2026")
        .unwrap()
        .actor();
    let depts = vec![
        unit(&mut s, &admin, "党委组织部", "department"),
        unit(&mut s, &admin, "党委宣传部", "department"),
    ];
    let branches = vec![
        unit(&mut s, &admin, "综采一队党支部", "branch"),
        unit(&mut s, &admin, "机电科党支部", "branch"),
        unit(&mut s, &admin, "通风队党支部", "branch"),
    ];
    let set = s
        .create_rule_set(
            &admin,
            &RuleSetInput {
                name: "党建调度考核细则".into(),
                base_score: Some(100.0),
                note: String::new(),
            },
        )
        .unwrap();
    for r in [
        rule(
            "调度令落实",
            "调度令、通知单未按时签收",
            1.0,
            "deduct",
            "speed",
            "both",
            Some("late_receipt"),
        ),
        rule(
            "信息反馈",
            "未按调度令要求按期反馈进展",
            0.5,
            "deduct",
            "speed",
            "both",
            Some("missing_feedback"),
        ),
        rule(
            "信息反馈",
            "反馈进展逾期",
            0.2,
            "deduct",
            "speed",
            "both",
            Some("late_feedback"),
        ),
        rule(
            "问题整改",
            "整改事项逾期未销号",
            2.0,
            "deduct",
            "strength",
            "both",
            Some("overdue_rectification"),
        ),
        rule(
            "工作落实",
            "调度任务按期完成闭合",
            0.5,
            "bonus",
            "strength",
            "both",
            Some("closed_on_time"),
        ),
        rule(
            "帮扶指导",
            "包保支部问题按期解决",
            1.0,
            "bonus",
            "warmth",
            "department",
            Some("assistance_help"),
        ),
        rule(
            "例会制度",
            "无故缺席党建调度例会",
            1.0,
            "deduct",
            "strength",
            "both",
            None,
        ),
    ] {
        s.add_rule(&admin, set.id, &r).unwrap();
    }
    s.activate_rule_set(&admin, set.id, "Admin#2026").unwrap();
    Fixture {
        _dir: dir,
        s,
        admin,
        depts,
        branches,
    }
}

/// A signed order for `unit`, dated by SQL into the past.
fn order(
    f: &mut Fixture,
    unit: i64,
    urgency: &str,
    signed: &str,
    received: Option<&str>,
    rule: crate::FeedbackRule,
) -> i64 {
    let d =
        f.s.create_doc(
            &f.admin,
            &crate::DocInput {
                kind: "order".into(),
                title: "关于党支部标准化建设的调度令".into(),
                urgency: Some(urgency.into()),
                content: "对照清单逐项自查".into(),
                target_unit_id: Some(unit),
                deadline: Some("2026-03-31".into()),
                feedback_rule: rule,
                ..Default::default()
            },
        )
        .unwrap();
    f.s.sign_as(&f.admin, d.id, None, "周建国").unwrap();
    f.s.conn
        .execute(
            "UPDATE dispatch_doc SET signed_at = ?1, received_at = ?2, status = CASE WHEN ?2 IS NULL THEN 'issued' ELSE 'received' END WHERE id = ?3",
            rusqlite::params![format!("{signed} 09:00:00"), received, d.id],
        )
        .unwrap();
    d.id
}

fn rectification(f: &mut Fixture, unit: i64, deadline: &str, closed: Option<&str>) -> i64 {
    f.s.conn
        .execute(
            "INSERT INTO rectification (source, problem, item_name, unit_id, person_name, deadline, status, closed_on, created_at, updated_at)
             VALUES ('other', '台账不全', '补齐三会一课台账', ?1, '李志强', ?2, CASE WHEN ?3 IS NULL THEN 'open' ELSE 'closed' END, ?3, '2026-03-01 08:00:00', '2026-03-01 08:00:00')",
            rusqlite::params![unit, deadline, closed],
        )
        .unwrap();
    f.s.conn.last_insert_rowid()
}

fn score(r: &Ranking, unit: i64) -> f64 {
    r.departments
        .iter()
        .chain(&r.branches)
        .find(|s| s.unit_id == unit)
        .unwrap()
        .score
}

#[test]
fn scores_come_from_evidence_only_once_confirmed() {
    let mut f = fixture();
    let (b0, b1, d0) = (f.branches[0], f.branches[1], f.depts[0]);
    // 2026-03-02 is a Monday: an urgent order is due for receipt the next working day.
    let late = order(
        &mut f,
        b0,
        "urgent",
        "2026-03-02",
        Some("2026-03-05"),
        Default::default(),
    );
    let _on_time = order(
        &mut f,
        b1,
        "urgent",
        "2026-03-02",
        Some("2026-03-03"),
        Default::default(),
    );
    // Weekly feedback on Fridays: 3-06 missing, 3-13 late (reported 3-16), 3-20 and 3-27 on time.
    let weekly = crate::FeedbackRule {
        mode: "weekly".into(),
        weekday: Some(5),
        forms: vec!["text".into()],
        ..Default::default()
    };
    let fb = order(
        &mut f,
        b1,
        "normal",
        "2026-03-02",
        Some("2026-03-02"),
        weekly,
    );
    for day in ["2026-03-16", "2026-03-19", "2026-03-26"] {
        f.s.conn
            .execute(
                "INSERT INTO feedback (target_kind, target_id, reported_on, unit_id, text, created_at) VALUES ('document', ?1, ?2, ?3, '进展', ?2)",
                rusqlite::params![fb, day, b1],
            )
            .unwrap();
    }
    let overdue = rectification(&mut f, b0, "2026-03-10", None);
    // Closed on time at a branch paired with 组织部: help counts for the department.
    let helped = rectification(&mut f, b1, "2026-03-20", Some("2026-03-18"));
    f.s.create_pairing(&f.admin.clone(), d0, b1, "").unwrap();
    f.s.conn
        .execute("UPDATE pairing SET started_at = '2026-01-01'", [])
        .unwrap();

    let before = f.s.assessment_ranking("2026-03").unwrap();
    assert_eq!(before.period.status, "not_started");
    assert!(before
        .departments
        .iter()
        .chain(&before.branches)
        .all(|s| s.score == 100.0));

    let admin = f.admin.clone();
    let run = f.s.propose_assessments(&admin, "2026-03").unwrap();
    let recs = f.s.list_assessment_records("2026-03", None).unwrap();
    let texts: Vec<String> = recs
        .iter()
        .map(|r| r.evidence.as_ref().unwrap().text.clone())
        .collect();
    assert_eq!(run.added, recs.len(), "{texts:#?}");
    // Late receipt of one order, one missing and one late report, the overdue
    // rectification (branch) and the help (department); the order of b1 was
    // received on time and the 3-20 report was on time.
    let find = |kind: &str, id: i64, unit: i64| {
        recs.iter()
            .filter(|r| {
                r.evidence
                    .as_ref()
                    .is_some_and(|e| e.kind == kind && e.id == id)
                    && r.unit_id == unit
            })
            .count()
    };
    assert_eq!(find("document", late, b0), 1, "{texts:#?}");
    assert_eq!(find("document", fb, b1), 2, "{texts:#?}");
    assert_eq!(find("rectification", overdue, b0), 1);
    assert_eq!(find("rectification", helped, d0), 1);
    assert_eq!(recs.len(), 5, "{texts:#?}");
    assert!(
        texts
            .iter()
            .any(|t| t.contains("应于2026年3月3日前签收，实际2026年3月5日签收")),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("应于2026年3月6日反馈进展，未收到反馈")),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("2026年3月16日才反馈（逾期3天）")),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t
                .contains("包保的机电科党支部整改事项“补齐三会一课台账”于2026年3月18日按期销号")),
        "{texts:#?}"
    );
    assert!(recs.iter().all(|r| r.status == "proposed"));

    // Nothing counts before the office confirms.
    let pending = f.s.assessment_ranking("2026-03").unwrap();
    assert_eq!(score(&pending, b0), 100.0);
    assert_eq!(
        pending
            .branches
            .iter()
            .find(|s| s.unit_id == b0)
            .unwrap()
            .pending,
        2
    );
    // Proposing again adds nothing.
    assert_eq!(f.s.propose_assessments(&admin, "2026-03").unwrap().added, 0);

    // Rejecting needs a reason; confirm the rest.
    let overdue_rec = recs
        .iter()
        .find(|r| {
            r.evidence
                .as_ref()
                .is_some_and(|e| e.kind == "rectification" && e.id == overdue)
        })
        .unwrap()
        .id;
    let e =
        f.s.decide_assessment_records(&admin, &[overdue_rec], false, "")
            .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("note"));
    f.s.decide_assessment_records(&admin, &[overdue_rec], false, "已批准延期")
        .unwrap();
    let rest: Vec<i64> = recs
        .iter()
        .map(|r| r.id)
        .filter(|id| *id != overdue_rec)
        .collect();
    f.s.decide_assessment_records(&admin, &rest, true, "")
        .unwrap();
    let e =
        f.s.decide_assessment_records(&admin, &rest[..1], true, "")
            .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);

    let r = f.s.assessment_ranking("2026-03").unwrap();
    assert_eq!(
        score(&r, b0),
        99.0,
        "late receipt only; the rejected overdue item does not count"
    );
    assert_eq!(
        score(&r, b1),
        99.3,
        "one missing (0.5) and one late (0.2) report"
    );
    assert_eq!(score(&r, d0), 101.0, "help at the paired branch");
    let d = r.departments.iter().find(|s| s.unit_id == d0).unwrap();
    assert_eq!((d.rank, d.warmth), (1, 1.0));
    // Branches ranked apart from departments, ties share a rank.
    assert_eq!(
        r.branches.iter().map(|s| s.rank).collect::<Vec<_>>(),
        vec![1, 2, 3]
    );
    assert_eq!(r.branches[0].unit_id, f.branches[2]);
    // A rejected proposal stays rejected when proposing again.
    assert_eq!(f.s.propose_assessments(&admin, "2026-03").unwrap().added, 0);
}

#[test]
fn hand_entries_and_adjustments_count_at_once_with_their_checks() {
    let mut f = fixture();
    let admin = f.admin.clone();
    let set = f.s.list_rule_sets().unwrap().remove(0);
    let manual = set.rules.iter().find(|r| r.evidence.is_none()).unwrap();
    let help = set
        .rules
        .iter()
        .find(|r| r.evidence.as_deref() == Some("assistance_help"))
        .unwrap();
    let rec =
        f.s.add_assessment_record(
            &admin,
            &ManualInput {
                period: "2026-04".into(),
                unit_id: Some(f.branches[0]),
                rule_id: Some(manual.id),
                description: "4月例会无故缺席".into(),
                occurred_on: Some("2026-04-08".into()),
            },
        )
        .unwrap();
    assert_eq!((rec.status.as_str(), rec.points), ("confirmed", -1.0));
    // A department-only rule cannot score a branch; a date outside the period is refused.
    let e =
        f.s.add_assessment_record(
            &admin,
            &ManualInput {
                period: "2026-04".into(),
                unit_id: Some(f.branches[0]),
                rule_id: Some(help.id),
                description: "x".into(),
                occurred_on: None,
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("ruleId"));
    let e =
        f.s.add_assessment_record(
            &admin,
            &ManualInput {
                period: "2026-04".into(),
                unit_id: Some(f.branches[0]),
                rule_id: Some(manual.id),
                description: "x".into(),
                occurred_on: Some("2026-05-01".into()),
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("occurredOn"));
    let e =
        f.s.add_assessment_adjustment(
            &admin,
            &AdjustmentInput {
                period: "2026-04".into(),
                unit_id: Some(f.branches[0]),
                points: Some(2.0),
                reason: " ".into(),
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("reason"));
    f.s.add_assessment_adjustment(
        &admin,
        &AdjustmentInput {
            period: "2026-04".into(),
            unit_id: Some(f.branches[0]),
            points: Some(2.5),
            reason: "抢险救灾中表现突出，矿党委研究加分".into(),
        },
    )
    .unwrap();
    assert_eq!(
        score(&f.s.assessment_ranking("2026-04").unwrap(), f.branches[0]),
        101.5
    );
    // A viewer may read but not score.
    let viewer = crate::db::testing::actor(Role::Viewer);
    let e =
        f.s.add_assessment_adjustment(
            &viewer,
            &AdjustmentInput {
                period: "2026-04".into(),
                unit_id: Some(f.branches[0]),
                points: Some(1.0),
                reason: "x".into(),
            },
        )
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    // Quarter: the mean of its months plus its own items.
    f.s.add_assessment_adjustment(
        &admin,
        &AdjustmentInput {
            period: "2026-05".into(),
            unit_id: Some(f.branches[0]),
            points: Some(-0.5),
            reason: "信息上报迟报".into(),
        },
    )
    .unwrap();
    let q = f.s.assessment_ranking("2026-Q2").unwrap();
    assert_eq!(score(&q, f.branches[0]), 100.5, "(101.5 + 99.5) / 2");
    assert!(f.s.propose_assessments(&admin, "2026-Q2").is_err());
}

#[test]
fn a_closed_period_is_frozen() {
    let mut f = fixture();
    let admin = f.admin.clone();
    let b0 = f.branches[0];
    order(&mut f, b0, "urgent", "2026-03-02", None, Default::default());
    f.s.propose_assessments(&admin, "2026-03").unwrap();
    let e =
        f.s.close_assessment_period(&admin, "2026-03", "Admin#2026")
            .unwrap_err();
    assert!(e.message.contains("未确认或驳回"), "{}", e.message);
    let ids: Vec<i64> =
        f.s.list_assessment_records("2026-03", Some("proposed"))
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
    f.s.decide_assessment_records(&admin, &ids, true, "")
        .unwrap();
    let closed =
        f.s.close_assessment_period(&admin, "2026-03", "Admin#2026")
            .unwrap();
    assert_eq!(closed.period.status, "closed");
    assert_eq!(score(&closed, b0), 99.0);
    let manual = f.s.list_rule_sets().unwrap()[0]
        .rules
        .iter()
        .find(|r| r.evidence.is_none())
        .unwrap()
        .id;
    for e in [
        f.s.add_assessment_adjustment(
            &admin,
            &AdjustmentInput {
                period: "2026-03".into(),
                unit_id: Some(b0),
                points: Some(1.0),
                reason: "补加".into(),
            },
        )
        .unwrap_err(),
        f.s.add_assessment_record(
            &admin,
            &ManualInput {
                period: "2026-03".into(),
                unit_id: Some(b0),
                rule_id: Some(manual),
                description: "x".into(),
                occurred_on: None,
            },
        )
        .unwrap_err(),
        f.s.propose_assessments(&admin, "2026-03").unwrap_err(),
        f.s.cancel_assessment_record(&admin, ids[0], "错误")
            .unwrap_err(),
        f.s.close_assessment_period(&admin, "2026-03", "Admin#2026")
            .unwrap_err(),
    ] {
        assert_eq!(e.code, ErrorCode::Conflict);
        assert_eq!(e.message, "2026年3月考核已关闭，结果已冻结，不能再修改");
    }
    assert_eq!(score(&f.s.assessment_ranking("2026-03").unwrap(), b0), 99.0);
    // The bulletin is numbered once, only for a closed period. Its prefix
    // comes from the issuing body's name; a stage bulletin issued first under
    // the same prefix took 1号, so the reward bulletin takes 2号: one register
    // for every kind, never two papers with one number.
    f.s.update_doc_settings(
        &admin,
        &crate::DocSettingsInput {
            issuer_name: "漳村煤矿党委党建调度室".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let plan =
        f.s.create_plan(
            &admin,
            &crate::PlanInput {
                title: "支部标准化建设专项行动".into(),
                kind: "special".into(),
                start: "2026-03-02".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let stage =
        f.s.create_task(
            &admin,
            &crate::TaskInput {
                plan_id: plan.id,
                kind: "stage".into(),
                name: "自查阶段".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let summary = f.s.generate_summary(&admin, plan.id, Some(stage)).unwrap();
    let now = chrono::Local::now().naive_local();
    let year = chrono::Datelike::year(&now);
    let stage_bulletin =
        f.s.issue_summary_as(&admin, summary.id, None, "关主任", now)
            .unwrap();
    assert_eq!(
        stage_bulletin.number,
        Some(format!("漳村党调通报〔{year}〕1号"))
    );
    assert!(f.s.issue_bulletin(&admin, "2026-04", "Admin#2026").is_err());
    let n = f.s.issue_bulletin(&admin, "2026-03", "Admin#2026").unwrap();
    assert_eq!(n, format!("漳村党调通报〔{year}〕2号"));
    assert!(f.s.issue_bulletin(&admin, "2026-03", "Admin#2026").is_err());
    f.s.create_reward(
        &admin,
        &RewardInput {
            period: Some("2026-03".into()),
            unit_id: Some(f.branches[2]),
            kind: "reward".into(),
            title: "通报表扬".into(),
            amount: Some(500.0),
            reason: "调度令签收、反馈全部按时".into(),
            decided_on: "2026-04-03".into(),
        },
    )
    .unwrap();
    let doc = f.s.bulletin_document("2026-03").unwrap();
    let text: String = doc
        .body
        .iter()
        .map(|p| p.text())
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(doc.number.as_deref(), Some(n.as_str()));
    assert!(text.contains("第1名通风队党支部（100分）"), "{text}");
    assert!(text.contains("综采一队党支部（99分）"), "{text}");
    assert!(
        text.contains("二、奖励")
            && text.contains("通风队党支部：调度令签收、反馈全部按时。通报表扬，奖励500元。"),
        "{text}"
    );
}

#[test]
fn rule_set_versions_never_rewrite_a_scored_period() {
    let mut f = fixture();
    let admin = f.admin.clone();
    let v1 = f.s.list_rule_sets().unwrap().remove(0);
    assert_eq!((v1.version, v1.status.as_str()), (1, "active"));
    let manual = v1
        .rules
        .iter()
        .find(|r| r.evidence.is_none())
        .unwrap()
        .clone();
    // An active version is frozen.
    let e =
        f.s.update_rule(
            &admin,
            manual.id,
            &rule(
                "例会制度",
                "无故缺席",
                3.0,
                "deduct",
                "strength",
                "both",
                None,
            ),
        )
        .unwrap_err();
    assert!(e.message.contains("修订为新版本"), "{}", e.message);
    f.s.add_assessment_record(
        &admin,
        &ManualInput {
            period: "2026-03".into(),
            unit_id: Some(f.branches[0]),
            rule_id: Some(manual.id),
            description: "3月例会缺席".into(),
            occurred_on: None,
        },
    )
    .unwrap();
    f.s.close_assessment_period(&admin, "2026-03", "Admin#2026")
        .unwrap();

    // Version 2 doubles the deduction and is put in force.
    let v2 = f.s.revise_rule_set(&admin, v1.id).unwrap();
    assert_eq!(
        (v2.version, v2.status.as_str(), v2.rules.len()),
        (2, "draft", v1.rules.len())
    );
    assert!(
        f.s.revise_rule_set(&admin, v1.id).is_err(),
        "one draft at a time"
    );
    let m2 = v2.rules.iter().find(|r| r.evidence.is_none()).unwrap();
    f.s.update_rule(
        &admin,
        m2.id,
        &rule(
            "例会制度",
            "无故缺席党建调度例会",
            2.0,
            "deduct",
            "strength",
            "both",
            None,
        ),
    )
    .unwrap();
    f.s.update_rule_set(
        &admin,
        v2.id,
        &RuleSetInput {
            name: String::new(),
            base_score: Some(100.0),
            note: "2026年4月修订".into(),
        },
    )
    .unwrap();
    f.s.activate_rule_set(&admin, v2.id, "Admin#2026").unwrap();
    let sets = f.s.list_rule_sets().unwrap();
    assert_eq!(
        sets.iter().find(|s| s.id == v1.id).unwrap().status,
        "retired"
    );
    assert_eq!(sets.iter().find(|s| s.id == v1.id).unwrap().periods, 1);

    // March keeps version 1 and its score; April is scored with version 2.
    let march = f.s.assessment_ranking("2026-03").unwrap();
    assert_eq!(
        (march.period.rule_set_version, score(&march, f.branches[0])),
        (Some(1), 99.0)
    );
    let e =
        f.s.add_assessment_record(
            &admin,
            &ManualInput {
                period: "2026-04".into(),
                unit_id: Some(f.branches[0]),
                rule_id: Some(manual.id),
                description: "x".into(),
                occurred_on: None,
            },
        )
        .unwrap_err();
    assert_eq!(
        e.field.as_deref(),
        Some("ruleId"),
        "a retired version's rule does not score a new period"
    );
    f.s.add_assessment_record(
        &admin,
        &ManualInput {
            period: "2026-04".into(),
            unit_id: Some(f.branches[0]),
            rule_id: Some(m2.id),
            description: "4月例会缺席".into(),
            occurred_on: None,
        },
    )
    .unwrap();
    let april = f.s.assessment_ranking("2026-04").unwrap();
    assert_eq!(
        (april.period.rule_set_version, score(&april, f.branches[0])),
        (Some(2), 98.0)
    );
    // A bonus source cannot be used for a deduction.
    let v3 = f.s.revise_rule_set(&admin, v2.id).unwrap();
    let e =
        f.s.add_rule(
            &admin,
            v3.id,
            &rule(
                "x",
                "y",
                1.0,
                "deduct",
                "warmth",
                "both",
                Some("assistance_help"),
            ),
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("evidence"));
}

fn dispatcher(s: &mut Store, admin: &Actor, name: &str, display: &str) -> crate::User {
    s.create_user(admin, name, display, "dispatcher", "Disp#2026")
        .unwrap()
}

/// The day shift of 2026-03-05 handed over from `from` to `to`.
fn day_shift(
    s: &mut Store,
    from: &crate::User,
    to: &crate::User,
    summary: &str,
    items: &[&str],
) -> Handover {
    s.create_handover(
        &from.actor(),
        &HandoverInput {
            shift_date: "2026-03-05".into(),
            shift: "day".into(),
            incoming_user_id: Some(to.id),
            summary: summary.into(),
            items: items.iter().map(|i| i.to_string()).collect(),
            ..Default::default()
        },
    )
    .unwrap()
}

#[test]
fn a_handover_needs_both_dispatchers_own_confirmation() {
    let mut f = fixture();
    let admin = f.admin.clone();
    let a = dispatcher(&mut f.s, &admin, "zhang", "张晓东");
    let b = dispatcher(&mut f.s, &admin, "li", "李海龙");
    let c = dispatcher(&mut f.s, &admin, "wang", "王丽萍");
    let h = day_shift(
        &mut f.s,
        &a,
        &b,
        "本班接热线2次，督办1次",
        &["综采一队调度令未签收，夜班继续催办", "整理例会纪要"],
    );
    assert_eq!(
        (h.outgoing_user_id, h.complete, h.items.len()),
        (a.id, false, 2)
    );
    // A wrong password answers beside the field, never as a lost session.
    let e =
        f.s.confirm_handover(&a.actor(), h.id, "zhang", "wrong-pass")
            .unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref()),
        (ErrorCode::Validation, Some("password"))
    );
    // The outgoing dispatcher confirms; the handover is not complete yet.
    let h1 =
        f.s.confirm_handover(&a.actor(), h.id, "zhang", "Disp#2026")
            .unwrap();
    assert!(
        h1.outgoing_confirmed_at.is_some() && h1.incoming_confirmed_at.is_none() && !h1.complete
    );
    // The same person cannot confirm for the other, nor can a third one.
    let e =
        f.s.confirm_handover(&a.actor(), h.id, "zhang", "Disp#2026")
            .unwrap_err();
    assert!(e.message.contains("还需李海龙本人确认"), "{}", e.message);
    let e =
        f.s.confirm_handover(&a.actor(), h.id, "wang", "Disp#2026")
            .unwrap_err();
    assert!(
        e.message
            .contains("只能由这次交接班的交班人张晓东（zhang）或接班人李海龙（li）本人确认"),
        "{}",
        e.message
    );
    let _ = c;
    // An incomplete handover blocks the next one.
    let e =
        f.s.create_handover(
            &b.actor(),
            &HandoverInput {
                shift_date: "2026-03-05".into(),
                shift: "night".into(),
                incoming_user_id: Some(a.id),
                summary: "x".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    f.s.finish_handover_item(&a.actor(), h.items[1].id, "已印发")
        .unwrap();
    // The incoming dispatcher confirms with their own login (on the same workstation).
    let done =
        f.s.confirm_handover(&a.actor(), h.id, "li", "Disp#2026")
            .unwrap();
    assert!(done.complete);
    assert!(
        f.s.add_handover_item(&b.actor(), h.id, "x").is_err(),
        "frozen once complete"
    );
    // The open item is carried over to the next handover.
    let next =
        f.s.create_handover(
            &b.actor(),
            &HandoverInput {
                shift_date: "2026-03-05".into(),
                shift: "night".into(),
                incoming_user_id: Some(a.id),
                summary: "夜班平稳".into(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(next.items.len(), 1);
    assert_eq!(next.items[0].carried_from, Some(h.items[0].id));
    assert!(next.items[0].text.contains("夜班继续催办"));
    let audit =
        f.s.list_audit(&crate::AuditFilter {
            entity: Some("handover".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(audit
        .rows
        .iter()
        .any(|r| r.summary.contains("李海龙 以本人账号确认接班")));
}

#[test]
fn a_handover_confirmation_tries_no_other_account_and_backs_off() {
    let mut f = fixture();
    let admin = f.admin.clone();
    let a = dispatcher(&mut f.s, &admin, "zhang", "张晓东");
    let b = dispatcher(&mut f.s, &admin, "li", "李海龙");
    let h = day_shift(&mut f.s, &a, &b, "本班平稳", &[]);
    // A dispatcher names the administrator with the right password: refused
    // before any password is checked, so nothing is learnt about it.
    let checks = f.s.password_verifications();
    for name in ["admin", "ADMIN", "nobody"] {
        let e =
            f.s.confirm_handover(&a.actor(), h.id, name, "Admin#2026")
                .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("username"), "{name}");
    }
    assert_eq!(f.s.password_verifications(), checks, "no hash was checked");
    // Guessing a party's password is counted, audited and backs off.
    for _ in 0..4 {
        let e =
            f.s.confirm_handover(&a.actor(), h.id, "li", "guess-guess")
                .unwrap_err();
        assert_eq!(e.message, "用户名或密码不正确");
    }
    let e =
        f.s.confirm_handover(&a.actor(), h.id, "li", "guess-guess")
            .unwrap_err();
    assert_eq!(
        (e.field.as_deref(), e.message.as_str()),
        (Some("password"), "密码错误次数过多，请在1分钟后再试")
    );
    let e =
        f.s.confirm_handover(&a.actor(), h.id, "li", "Disp#2026")
            .unwrap_err();
    assert!(
        e.message.contains("密码错误次数过多"),
        "the right one waits too"
    );
    // The login of that account waits as well: one count per account.
    let e = f.s.login("li", "Disp#2026").unwrap_err();
    assert!(e.message.contains("密码错误次数过多"), "{}", e.message);
    let audit =
        f.s.list_audit(&crate::AuditFilter {
            entity: Some("user".into()),
            ..Default::default()
        })
        .unwrap();
    let failed: Vec<_> = audit
        .rows
        .iter()
        .filter(|r| r.action == "auth_fail")
        .collect();
    assert_eq!(failed.len(), 5);
    assert!(failed
        .iter()
        .all(|r| r.username == "zhang" && r.summary.starts_with("确认交接班：账号“li”密码错误")));
    assert!(audit.rows.iter().any(|r| r.action == "auth_wait"));
    assert!(!f.s.get_handover(h.id).unwrap().complete);
}

#[test]
fn dispatchers_cannot_do_signer_acts_and_a_wrong_password_is_audited() {
    let mut f = fixture();
    let admin = f.admin.clone();
    let d = dispatcher(&mut f.s, &admin, "zhang", "张晓东").actor();
    let signer =
        f.s.create_user(&admin, "qian", "钱签发", "signer", "Signer#2026")
            .unwrap()
            .actor();
    let draft =
        f.s.revise_rule_set(&admin, f.s.list_rule_sets().unwrap()[0].id)
            .unwrap();
    let e =
        f.s.activate_rule_set(&d, draft.id, "Disp#2026")
            .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert_eq!(
        e.message,
        "启用考核细则须由签发人或管理员办理，当前角色“调度员”无权办理"
    );
    let e =
        f.s.close_assessment_period(&d, "2026-03", "Disp#2026")
            .unwrap_err();
    assert!(e.message.starts_with("关闭考核须由签发人或管理员办理"));
    let e = f.s.issue_bulletin(&d, "2026-03", "Disp#2026").unwrap_err();
    assert!(e.message.starts_with("印发奖惩通报须由签发人或管理员办理"));
    // A signer with a wrong password is refused beside the field, audited.
    let e =
        f.s.activate_rule_set(&signer, draft.id, "wrong-pass")
            .unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref(), e.message.as_str()),
        (ErrorCode::Validation, Some("password"), "密码不正确")
    );
    assert_eq!(f.s.get_rule_set(draft.id).unwrap().status, "draft");
    let audit =
        f.s.list_audit(&crate::AuditFilter {
            entity: Some("user".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(audit.rows.iter().any(|r| r.action == "auth_fail"
        && r.username == "qian"
        && r.summary == "启用考核细则：账号“qian”密码错误（连续第1次）"));
    let set =
        f.s.activate_rule_set(&signer, draft.id, "Signer#2026")
            .unwrap();
    assert_eq!(set.status, "active");
}

#[test]
fn duty_roster_swaps_and_who_is_on_duty() {
    let mut f = fixture();
    let admin = f.admin.clone();
    let leader = |s: &mut Store, name: &str| {
        s.create_person(
            &admin,
            &crate::PersonInput {
                name: name.into(),
                unit_id: f.depts[0],
                title: "矿长".into(),
                phone: "13903550001".into(),
                roles: vec!["leader".into()],
                note: String::new(),
            },
        )
        .unwrap()
        .id
    };
    let l1 = leader(&mut f.s, "王建军");
    let l2 = leader(&mut f.s, "刘志强");
    let roster =
        f.s.fill_leader_roster(&admin, "2026-03", &[l1, l2])
            .unwrap();
    assert_eq!(roster.leaders.len(), 31);
    assert_eq!(roster.leaders[0].person_name.as_deref(), Some("王建军"));
    assert_eq!(roster.leaders[1].person_name.as_deref(), Some("刘志强"));
    let e =
        f.s.swap_leader_duty(&admin, "2026-03-01", "2026-03-03", "x")
            .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("dateB"), "same leader both days");
    let e =
        f.s.swap_leader_duty(&admin, "2026-03-01", "2026-03-02", "")
            .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("reason"));
    f.s.swap_leader_duty(&admin, "2026-03-01", "2026-03-02", "参加集团会议")
        .unwrap();
    let roster = f.s.duty_roster("2026-03").unwrap();
    assert_eq!(roster.leaders[0].person_name.as_deref(), Some("刘志强"));
    assert_eq!(roster.swaps.len(), 1);
    let d = dispatcher(&mut f.s, &admin, "zhang", "张晓东");
    let n = dispatcher(&mut f.s, &admin, "li", "李海龙");
    f.s.set_dispatcher_shift(
        &admin,
        &ShiftInput {
            date: "2026-03-01".into(),
            shift: "day".into(),
            user_id: Some(d.id),
            note: String::new(),
        },
    )
    .unwrap();
    f.s.set_dispatcher_shift(
        &admin,
        &ShiftInput {
            date: "2026-03-01".into(),
            shift: "night".into(),
            user_id: Some(n.id),
            note: String::new(),
        },
    )
    .unwrap();
    let at = |t: &str| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M").unwrap();
    let noon = f.s.duty_at(at("2026-03-01 12:00")).unwrap();
    assert_eq!(
        (noon.leader.unwrap().name, noon.dispatcher.unwrap().name),
        ("刘志强".to_string(), "张晓东".to_string())
    );
    // Before 08:00 the previous day's leader and night shift are still on.
    let early = f.s.duty_at(at("2026-03-02 07:30")).unwrap();
    assert_eq!(
        (early.leader.unwrap().name, early.dispatcher.unwrap().name),
        ("刘志强".to_string(), "李海龙".to_string())
    );
    let e =
        f.s.set_leader_duty(
            &admin,
            &LeaderDutyInput {
                date: "2026-03-05".into(),
                person_id: Some(99_999),
                note: String::new(),
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("personId"));
}

#[test]
fn hotline_calls_and_inspection_findings_become_rectifications() {
    let mut f = fixture();
    let admin = f.admin.clone();
    let e =
        f.s.create_hotline_call(
            &admin,
            &HotlineInput {
                received_at: "2026-03-05 9点".into(),
                caller: "张师傅".into(),
                matter: "x".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("receivedAt"));
    let call =
        f.s.create_hotline_call(
            &admin,
            &HotlineInput {
                received_at: "2026-03-05 09:10".into(),
                caller: "张师傅".into(),
                caller_phone: "13903551234".into(),
                unit_id: Some(f.branches[0]),
                matter: "井口候车室党建宣传栏内容陈旧".into(),
                handling: "已通知支部更新".into(),
                responded_at: Some("2026-03-05 09:45".into()),
            },
        )
        .unwrap();
    assert_eq!(
        (call.response_minutes, call.response_text.as_str()),
        (Some(35), "35分钟")
    );
    let e =
        f.s.convert_hotline_call(
            &admin,
            &HotlineConversion {
                id: call.id,
                into: "rectification".into(),
                item_name: "更新宣传栏".into(),
                person_name: String::new(),
                deadline: Some("2026-03-12".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("personName"));
    let c =
        f.s.convert_hotline_call(
            &admin,
            &HotlineConversion {
                id: call.id,
                into: "rectification".into(),
                item_name: "更新宣传栏".into(),
                person_name: "李志强".into(),
                deadline: Some("2026-03-12".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let rid = c.rectification_id.unwrap();
    let (source, source_ref, status): (String, String, String) =
        f.s.conn
            .query_row(
                "SELECT source, source_ref, status FROM rectification WHERE id = ?1",
                [rid],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
    assert_eq!(
        (source.as_str(), source_ref, status.as_str()),
        ("hotline", format!("hotline:{}", call.id), "open")
    );
    let hist: i64 = f.s.conn.query_row("SELECT COUNT(*) FROM rectification_history WHERE rectification_id = ?1 AND to_status = 'open'", [rid], |r| r.get(0)).unwrap();
    assert_eq!(hist, 1);
    assert!(f
        .s
        .convert_hotline_call(
            &admin,
            &HotlineConversion {
                id: call.id,
                into: "rectification".into(),
                item_name: "a".into(),
                person_name: "b".into(),
                deadline: Some("2026-03-12".into()),
                ..Default::default()
            }
        )
        .is_err());
    let c =
        f.s.convert_hotline_call(
            &admin,
            &HotlineConversion {
                id: call.id,
                into: "task".into(),
                deadline: Some("2026-03-20".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let plan: String =
        f.s.conn
            .query_row(
                "SELECT p.title FROM task t JOIN plan p ON p.id = t.plan_id WHERE t.id = ?1",
                [c.task_id.unwrap()],
                |r| r.get(0),
            )
            .unwrap();
    assert_eq!(plan, "2026年热线电话交办事项");
    let c =
        f.s.convert_hotline_call(
            &admin,
            &HotlineConversion {
                id: call.id,
                into: "order".into(),
                urgency: Some("urgent".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let doc = f.s.get_doc(c.doc_id.unwrap()).unwrap();
    assert_eq!(
        (doc.status.as_str(), doc.target_unit_id),
        ("draft", f.branches[0])
    );
    assert_eq!(c.turned_into, "任务、调度令、整改");

    // An inspection: a bad second finding rolls the whole inspection back.
    let finding = |unit: i64, person: &str| FindingInput {
        unit_id: Some(unit),
        problem: "三会一课记录不全".into(),
        item_name: "补齐会议记录".into(),
        person_name: person.into(),
        deadline: "2026-03-25".into(),
    };
    let input = |findings| InspectionInput {
        inspected_on: "2026-03-15".into(),
        title: "一季度综合大检查".into(),
        team: "组长：王建军；成员：张晓东、李海龙".into(),
        scope: "全部基层党支部".into(),
        findings,
    };
    let rect_count = |s: &Store| -> i64 {
        s.conn
            .query_row("SELECT COUNT(*) FROM rectification", [], |r| r.get(0))
            .unwrap()
    };
    let before = rect_count(&f.s);
    let e =
        f.s.create_inspection(
            &admin,
            &input(vec![
                finding(f.branches[0], "李志强"),
                finding(f.branches[1], ""),
            ]),
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("findings.1.personName"));
    assert!(e.message.starts_with("第2条问题："), "{}", e.message);
    assert_eq!(rect_count(&f.s), before);
    let i =
        f.s.create_inspection(
            &admin,
            &input(vec![
                finding(f.branches[0], "李志强"),
                finding(f.branches[1], "赵卫东"),
            ]),
        )
        .unwrap();
    assert_eq!(i.findings.len(), 2);
    assert!(i.findings.iter().all(|x| x.status == "open"));
    let refs: Vec<String> =
        f.s.conn
            .prepare("SELECT source_ref FROM rectification WHERE source = 'inspection'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
    assert_eq!(refs, vec![format!("inspection:{}", i.id); 2]);
    let i =
        f.s.add_inspection_finding(&admin, i.id, &finding(f.branches[2], "钱宏伟"))
            .unwrap();
    assert_eq!(i.findings.len(), 3);
    // Overdue findings show up as evidence for the month of their deadline.
    f.s.propose_assessments(&admin, "2026-03").unwrap();
    let overdue =
        f.s.list_assessment_records("2026-03", None)
            .unwrap()
            .into_iter()
            .filter(|r| {
                r.evidence
                    .as_ref()
                    .is_some_and(|e| e.kind == "rectification")
            })
            .count();
    assert_eq!(
        overdue, 4,
        "three findings and the hotline item, all past their deadline"
    );

    // The report set holds the same rows in the PDF and the workbook.
    let set =
        f.s.report_set(&ReportRequest {
            kind: "monthly".into(),
            period: "2026-03".into(),
        })
        .unwrap();
    let headings: Vec<&str> = set.sections.iter().map(|s| s.heading.as_str()).collect();
    assert!(
        headings.contains(&"热线电话")
            && headings.contains(&"综合大检查")
            && headings.contains(&"基层党支部考核排名"),
        "{headings:?}"
    );
    let insp = set
        .sections
        .iter()
        .find(|s| s.heading == "综合大检查")
        .unwrap();
    assert_eq!(insp.table.rows.len(), 3);
    let xlsx = report_xlsx(&set).unwrap();
    let tables = diaodu_sheets::read_workbook(&xlsx).unwrap();
    let names: Vec<&str> = tables.iter().map(|t| t.sheet.as_str()).collect();
    assert_eq!(names.len(), set.sections.len());
    assert!(names.contains(&"综合大检查"), "{names:?}");
    let sheet = tables.iter().find(|t| t.sheet == "综合大检查").unwrap();
    // Title, the section's facts, then the header and its three rows.
    assert!(sheet.rows[0].cells[0].text().contains("综合大检查"));
    let head = sheet
        .find_header(&[&[insp.table.columns[0].title.as_str()]], 1)
        .expect("header row");
    let body: Vec<_> = sheet.rows[head.row_index + 1..]
        .iter()
        .filter(|r| !r.is_blank())
        .collect();
    assert_eq!(body.len(), 3);
    assert!(f
        .s
        .report_set(&ReportRequest {
            kind: "annual".into(),
            period: "2026-03".into()
        })
        .is_err());
    let annual =
        f.s.report_set(&ReportRequest {
            kind: "annual".into(),
            period: "2026".into(),
        })
        .unwrap();
    assert_eq!(
        annual
            .sections
            .iter()
            .find(|s| s.heading == "热线电话（按月）")
            .unwrap()
            .table
            .rows
            .len(),
        12
    );
}

#[test]
fn sample_loads_rules_duty_handovers_and_scored_months() {
    let (_d, mut s) = store();
    let admin = s
        .setup_admin("admin", "系统管理员", "Admin#2026")
        .unwrap()
        .actor();
    let r = s.load_sample(&admin).unwrap();
    let a = r.assessment;
    assert_eq!((a.rules, a.months, a.inspections), (12, 3, 2));
    assert!(
        a.handovers >= 5 && a.hotline_calls == 6 && a.assessment_records > 5,
        "{a:?}"
    );
    let periods = s.list_assessment_periods().unwrap();
    assert_eq!(periods.iter().filter(|p| p.status == "closed").count(), 2);
    assert!(periods.iter().any(|p| p.bulletin_number.is_some()));
    assert!(s.list_handovers(50).unwrap().iter().all(|h| h.complete));
    let today = diaodu_domain::clock::today();
    let roster = s.duty_roster(&Period::month_of(today).code()).unwrap();
    assert!(roster.leaders.iter().all(|d| d.person_name.is_some()));
    assert!(s.duty_now().unwrap().leader.is_some());
    assert!(!s.list_rewards(None).unwrap().is_empty());
    // The sample's dispatcher accounts exist, disabled, with no password
    // anybody knows: not usable until an administrator sets one.
    assert!(a.disabled_accounts.len() >= 2, "{a:?}");
    for name in &a.disabled_accounts {
        let u = s
            .list_users()
            .unwrap()
            .into_iter()
            .find(|u| &u.username == name)
            .unwrap();
        assert!(u.disabled && u.role == Role::Dispatcher, "{name}");
        let e = s.login(name, "Diaodu#2026").unwrap_err();
        assert_eq!(e.message, "用户名或密码不正确");
    }
}

#[test]
fn omissions_of_the_work_specification_are_proposed_with_their_evidence() {
    let (_d, mut s) = store();
    let admin = s
        .setup_admin("admin", "系统管理员", "Admin#2026")
        .unwrap()
        .actor();
    s.load_sample(&admin).unwrap();
    // The sample leaves omissions in the previous month; score that month.
    let omitted: Vec<(String, i64)> = {
        let mut stmt = s
            .conn
            .prepare("SELECT substr(due_date, 1, 7), COUNT(*) FROM spec_omission WHERE status IN ('open', 'late') GROUP BY 1 ORDER BY 2 DESC")
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        rows
    };
    let open = s.list_assessment_periods().unwrap();
    let (month, _) = omitted
        .iter()
        .find(|(m, n)| *n > 0 && !open.iter().any(|p| &p.period == m && p.status == "closed"))
        .expect("an open month with omissions in the sample")
        .clone();
    s.propose_assessments(&admin, &month).unwrap();
    let proposed = s.list_assessment_records(&month, None).unwrap();
    let from_omissions: Vec<_> = proposed
        .iter()
        .filter(|r| r.evidence.as_ref().is_some_and(|e| e.kind == "omission"))
        .collect();
    assert!(
        !from_omissions.is_empty(),
        "no omission proposals in {month}"
    );
    let e = from_omissions[0].evidence.as_ref().unwrap();
    assert!(e.text.contains("工作规范事项"), "{}", e.text);
    let detail = s.evidence_detail("omission", e.id).unwrap();
    assert!(!detail.facts.is_empty());
}
