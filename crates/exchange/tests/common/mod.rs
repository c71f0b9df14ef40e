//! A plan that uses every part of the exchange model.
#![allow(dead_code)]
use chrono::NaiveDate;
use diaodu_exchange::{DocLink, DocSource, DocTask, PlanDoc};
use diaodu_schedule::{CalendarOverride, LinkKind};

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn task(uid: &str, name: &str, level: u32, duration: i64) -> DocTask {
    let mut t = DocTask::new(uid, name, duration);
    t.outline_level = level;
    t
}

fn day(date: &str, working: bool, name: &str) -> CalendarOverride {
    CalendarOverride {
        date: d(date),
        working,
        name: name.to_string(),
    }
}

pub fn sample() -> PlanDoc {
    let mut p = PlanDoc::new(
        "漳村煤矿党委强化基础工作建设专项行动 <试行> & \"测试\"",
        d("2026-03-02"),
    );
    p.kind = Some("special".into());
    p.goal = "党组织标准化规范化建设全面达标。\n基础台账100%规范。".into();
    p.end = Some(d("2026-06-30"));
    p.sources = vec![
        DocSource {
            issuer: "山西省国资委党委".into(),
            number: "晋国资党发〔2026〕8号".into(),
            title: "关于强化国有企业基层党建基础工作的通知".into(),
        },
        DocSource {
            issuer: "潞安化工集团党委".into(),
            number: "".into(),
            title: "实施方案".into(),
        },
    ];

    let mut t1 = task("1", "一、动员部署阶段", 1, 0);
    t1.summary = true;
    t1.start = Some(d("2026-03-02"));
    let mut t2 = task("2", "制定实施方案 & 任务清单", 2, 5);
    t2.start = Some(d("2026-03-02"));
    t2.unit = Some("党委办公室".into());
    t2.status = Some("closed".into());
    t2.percent_complete = 100;
    t2.actual_start = Some(d("2026-03-02"));
    t2.actual_finish = Some(d("2026-03-06"));
    t2.notes = "包括 <目标>、\"分工\" & '时限'。\n第二行\t制表".into();
    let mut t3 = task("3", "召开动员大会", 2, 1);
    t3.deadline = Some(d("2026-03-13"));
    t3.unit = Some("党建工作部".into());
    t3.status = Some("in_progress".into());
    let mut t4 = task("4", "动员完成", 2, 0);
    t4.milestone = true;
    let mut t5 = task("5", "二、集中整治阶段", 1, 0);
    t5.summary = true;
    let mut t6 = task("6", "问题整改", 2, 0);
    t6.summary = true;
    let mut t7 = task("7", "排查基础工作问题", 3, 10);
    t7.unit = Some("各基层党支部".into());
    let mut t8 = task("8", "限期整改到位", 3, 15);
    t8.deadline = Some(d("2026-05-29"));
    t8.percent_complete = 40;
    t8.status = Some("supervising".into());
    t8.actual_start = Some(d("2026-04-07"));
    let mut t9 = task("9", "督导检查", 2, 3);
    t9.status = Some("rectifying".into());
    let mut t10 = task("10", "三、巩固提升阶段（待细化）", 1, 0);
    t10.summary = true;
    t10.start = Some(d("2026-06-01"));
    let mut t11 = task("11", "总结验收", 1, 2);
    t11.deadline = Some(d("2026-06-30"));
    t11.status = Some("planned".into());
    p.tasks = vec![t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11];

    p.links = vec![
        DocLink::new("2", "3", LinkKind::FinishToStart, 0),
        DocLink::new("3", "4", LinkKind::FinishToStart, 0),
        DocLink::new("4", "7", LinkKind::StartToStart, 2),
        DocLink::new("7", "8", LinkKind::FinishToStart, -3),
        DocLink::new("8", "9", LinkKind::FinishToFinish, 1),
        DocLink::new("9", "11", LinkKind::StartToFinish, 0),
        DocLink::new("3", "11", LinkKind::FinishToStart, 20),
    ];

    p.calendar = vec![
        day("2026-03-20", false, "矿井检修停产日"),
        day("2026-04-04", false, "清明节"),
        day("2026-04-05", false, "清明节"),
        day("2026-04-06", false, "清明节"),
        day("2026-05-01", false, "劳动节"),
        day("2026-05-02", false, "劳动节"),
        day("2026-05-03", false, "劳动节"),
        day("2026-05-04", false, "劳动节"),
        day("2026-05-05", false, "劳动节"),
        day("2026-05-09", true, "劳动节调休"),
        day("2026-06-19", false, ""),
    ];
    p
}
