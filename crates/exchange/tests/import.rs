//! Reading files other tools wrote: an MS Project 2016 file, a sparse file
//! as simpler tools write, and the odd formats MSPDI allows.
mod common;

use common::d;
use diaodu_exchange::{detect_and_parse, from_mspdi, to_mspdi};
use diaodu_schedule::LinkKind;

const MS_PROJECT_2016: &str = include_str!("data/msproject2016.xml");

#[test]
fn reads_an_ms_project_2016_file() {
    let plan = from_mspdi(MS_PROJECT_2016).unwrap();
    assert_eq!(plan.title, "漳村煤矿党委强化基础工作建设专项行动");
    assert_eq!(plan.kind.as_deref(), Some("special"));
    // No <Subject>: the project summary task's notes are the goal.
    assert_eq!(plan.goal, "全面提升基层党组织标准化规范化水平。");
    assert_eq!(plan.start, d("2025-09-01"));
    assert_eq!(plan.end, Some(d("2025-11-28")));

    // UID 0 (project summary) and the blank row UID 8 are skipped.
    let uids: Vec<&str> = plan.tasks.iter().map(|t| t.uid.as_str()).collect();
    assert_eq!(uids, ["1", "2", "3", "4", "5", "6", "7", "10", "11", "12"]);
    let levels: Vec<u32> = plan.tasks.iter().map(|t| t.outline_level).collect();
    assert_eq!(levels, [1, 2, 2, 2, 1, 2, 2, 1, 2, 2]);
    let summaries: Vec<&str> = plan
        .tasks
        .iter()
        .filter(|t| t.summary)
        .map(|t| t.uid.as_str())
        .collect();
    assert_eq!(summaries, ["1", "5", "10"]);
    let milestones: Vec<&str> = plan
        .tasks
        .iter()
        .filter(|t| t.milestone)
        .map(|t| t.uid.as_str())
        .collect();
    assert_eq!(milestones, ["4"]);

    let t = |uid: &str| plan.task(uid).unwrap();
    assert_eq!(t("3").name, "召开动员部署会 & 签订责任书 <一>");
    assert_eq!(t("3").notes, "与各基层党支部书记签订「责任书」。");
    assert_eq!(
        t("7").notes,
        "问题清单、责任清单、整改清单“三单”管理。\n逐项销号。"
    );
    // Durations: 16 h = 2 days; 12 h = 1.5 days, rounded to 2; 160 h = 20.
    assert_eq!(t("2").duration, 2);
    assert_eq!(t("3").duration, 2);
    assert_eq!(t("4").duration, 0);
    assert_eq!(t("6").duration, 5);
    assert_eq!(t("7").duration, 20);
    assert_eq!(t("11").duration, 3);
    // Planned starts: start-no-earlier-than, and a manually scheduled task's start.
    assert_eq!(t("2").start, Some(d("2025-09-01")));
    assert_eq!(t("3").start, None);
    assert_eq!(t("6").start, None);
    assert_eq!(t("12").start, Some(d("2025-11-20")));
    // Finish dates as MS Project computed them; a finish at noon is that day.
    assert_eq!(t("3").finish, Some(d("2025-09-04")));
    assert_eq!(t("7").finish, Some(d("2025-10-24")));
    // Deadlines: a <Deadline>, and a finish-no-later-than constraint.
    assert_eq!(t("7").deadline, Some(d("2025-10-31")));
    assert_eq!(t("11").deadline, Some(d("2025-11-28")));
    // Progress and actual dates.
    assert_eq!(t("2").percent_complete, 100);
    assert_eq!(t("2").actual_start, Some(d("2025-09-01")));
    assert_eq!(t("2").actual_finish, Some(d("2025-09-02")));
    assert_eq!(t("3").percent_complete, 50);
    assert_eq!(t("3").actual_finish, None);
    // Text1 aliased 责任单位 is the unit; Text5, Number1 and an unaliased
    // Text2 are ignored.
    assert_eq!(t("2").unit.as_deref(), Some("党委办公室"));
    assert_eq!(t("6").unit.as_deref(), Some("党建工作部"));
    assert_eq!(t("7").unit.as_deref(), Some("各基层党支部"));
    assert_eq!(t("4").unit, None);
    assert!(plan.tasks.iter().all(|t| t.status.is_none()));

    let links: Vec<(&str, &str, LinkKind, i64)> = plan
        .links
        .iter()
        .map(|l| (l.pred.as_str(), l.succ.as_str(), l.kind, l.lag))
        .collect();
    assert_eq!(
        links,
        [
            ("2", "3", LinkKind::FinishToStart, 0),
            ("3", "4", LinkKind::FinishToStart, 0),
            // 2 elapsed days ≈ 1 working day.
            ("4", "6", LinkKind::FinishToStart, 1),
            ("6", "7", LinkKind::FinishToStart, -1),
            ("7", "11", LinkKind::FinishToFinish, 0),
            ("6", "11", LinkKind::StartToStart, 2),
        ]
    );

    // Calendar: the old <WeekDay> form (28 Sep make-up day, 1–8 Oct off),
    // the <Exceptions> form naming 1–8 Oct and adding 11 Oct; the yearly
    // recurring exception and the resource calendar are not read.
    let cal: Vec<(String, bool, &str)> = plan
        .calendar
        .iter()
        .map(|c| (c.date.to_string(), c.working, c.name.as_str()))
        .collect();
    let mut expected = vec![("2025-09-28".to_string(), true, "")];
    for day in 1..=8 {
        expected.push((format!("2025-10-{day:02}"), false, "国庆节、中秋节"));
    }
    expected.push(("2025-10-11".to_string(), true, "国庆节调休"));
    assert_eq!(cal, expected);
}

#[test]
fn an_ms_project_file_survives_export_and_import() {
    let plan = from_mspdi(MS_PROJECT_2016).unwrap();
    let again = from_mspdi(&to_mspdi(&plan)).unwrap();
    assert_eq!(again.links, plan.links);
    assert_eq!(again.calendar, plan.calendar);
    for (a, b) in plan.tasks.iter().zip(&again.tasks) {
        assert_eq!(
            (&a.uid, &a.name, a.outline_level, a.summary, a.milestone),
            (&b.uid, &b.name, b.outline_level, b.summary, b.milestone)
        );
        assert_eq!(
            (a.start, a.duration, a.deadline),
            (b.start, b.duration, b.deadline)
        );
        assert_eq!(
            (a.percent_complete, a.actual_start, a.actual_finish),
            (b.percent_complete, b.actual_start, b.actual_finish)
        );
        assert_eq!((&a.unit, &a.notes), (&b.unit, &b.notes));
    }
    assert_eq!(again.tasks.len(), plan.tasks.len());
}

/// A sparse file as simpler tools write it: no IDs, outline numbers instead
/// of levels, no constraints, no calendar, namespace prefix, elapsed and
/// percentage formats.
#[test]
fn reads_a_sparse_file() {
    let xml = r#"<?xml version="1.0"?>
<p:Project xmlns:p="http://schemas.microsoft.com/project">
  <p:Name>整改计划.xml</p:Name>
  <p:StartDate>2026-03-02T08:00:00</p:StartDate>
  <p:Tasks>
    <p:Task>
      <p:UID>5</p:UID><p:Name>阶段</p:Name><p:OutlineNumber>1</p:OutlineNumber>
      <p:Start>2026-03-02T08:00:00</p:Start><p:Finish>2026-03-20T17:00:00</p:Finish>
    </p:Task>
    <p:Task>
      <p:UID>6</p:UID><p:Name>甲</p:Name><p:OutlineNumber>1.1</p:OutlineNumber>
      <p:Start>2026-03-04T08:00:00</p:Start><p:Finish>2026-03-05T17:00:00</p:Finish>
      <p:Duration>PT168H0M0S</p:Duration><p:DurationFormat>8</p:DurationFormat>
    </p:Task>
    <p:Task>
      <p:UID>7</p:UID><p:Name>乙</p:Name><p:OutlineNumber>1.2</p:OutlineNumber>
      <p:Start>2026-03-09T08:00:00</p:Start><p:Finish>2026-03-13T00:00:00</p:Finish>
      <p:PredecessorLink><p:PredecessorUID>6</p:PredecessorUID><p:LinkLag>50</p:LinkLag><p:LagFormat>19</p:LagFormat></p:PredecessorLink>
    </p:Task>
  </p:Tasks>
</p:Project>"#;
    let plan = from_mspdi(xml).unwrap();
    assert_eq!(plan.title, "整改计划");
    assert_eq!(plan.start, d("2026-03-02"));
    assert_eq!(plan.calendar, []);
    let t: Vec<_> = plan
        .tasks
        .iter()
        .map(|t| {
            (
                t.uid.as_str(),
                t.outline_level,
                t.summary,
                t.start,
                t.duration,
                t.finish,
            )
        })
        .collect();
    assert_eq!(
        t,
        [
            // Has sub-tasks, so a summary even without <Summary>.
            ("5", 1, true, None, 15, Some(d("2026-03-20"))),
            // 7 elapsed days ≈ 5 working days; no constraint written and a
            // start after the project's: the start is the planned start.
            (
                "6",
                2,
                false,
                Some(d("2026-03-04")),
                5,
                Some(d("2026-03-05"))
            ),
            // No duration: the working days from start to finish (midnight
            // ends the day before).
            ("7", 2, false, None, 4, Some(d("2026-03-12"))),
        ]
    );
    // 50 % of the predecessor's 5 days, rounded.
    assert_eq!(plan.links[0].kind, LinkKind::FinishToStart);
    assert_eq!(plan.links[0].lag, 3);
}

#[test]
fn detect_reads_the_test_file() {
    let plan = detect_and_parse(MS_PROJECT_2016.as_bytes(), "漳村.xml").unwrap();
    assert_eq!(plan.tasks.len(), 10);
}
