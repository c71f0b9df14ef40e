//! JSON and MSPDI round trips of a plan that uses every part of the model.
mod common;

use common::{d, sample};
use diaodu_exchange::{
    detect_and_parse, export, from_json, from_mspdi, to_json, to_mspdi, Format, PlanDoc,
};
use diaodu_schedule::LinkKind;

#[test]
fn json_round_trip_is_exact() {
    let plan = sample();
    let text = to_json(&plan);
    let back = from_json(&text).unwrap();
    assert_eq!(back, plan);
    // And writing it again gives the same text.
    assert_eq!(to_json(&back), text);
}

#[test]
fn json_uses_the_documented_names() {
    let text = to_json(&sample());
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["format"], "diaodu-plan");
    assert_eq!(v["version"], 1);
    assert_eq!(v["kind"], "special");
    assert_eq!(v["start"], "2026-03-02");
    assert_eq!(v["end"], "2026-06-30");
    assert_eq!(v["sources"][0]["number"], "晋国资党发〔2026〕8号");
    let t = &v["tasks"][1];
    assert_eq!(t["uid"], "2");
    assert_eq!(t["outlineLevel"], 2);
    assert_eq!(t["percentComplete"], 100);
    assert_eq!(t["actualFinish"], "2026-03-06");
    assert_eq!(t["unit"], "党委办公室");
    assert_eq!(t["status"], "closed");
    assert!(t["finish"].is_null());
    assert_eq!(v["links"][3]["kind"], "FS");
    assert_eq!(v["links"][3]["lag"], -3);
    assert_eq!(v["links"][4]["kind"], "FF");
    assert_eq!(v["calendar"][9]["working"], true);
    assert_eq!(v["calendar"][9]["name"], "劳动节调休");
    // Chinese is written as is, not as \u escapes.
    assert!(text.contains("限期整改到位"));
}

#[test]
fn minimal_json_takes_defaults() {
    let plan = from_json(
        r#"{"title": "学习教育", "start": "2026-01-05",
            "tasks": [{"uid": 1, "name": "学习", "duration": 3},
                      {"uid": "b", "name": "考试", "milestone": true}],
            "links": [{"pred": 1, "succ": "b"}]}"#,
    )
    .unwrap();
    assert_eq!(plan.format, "diaodu-plan");
    assert_eq!(plan.version, 1);
    assert_eq!(plan.tasks[0].uid, "1");
    assert_eq!(plan.tasks[0].outline_level, 1);
    assert_eq!(plan.tasks[1].duration, 0);
    assert_eq!(plan.links[0].kind, LinkKind::FinishToStart);
    assert_eq!(plan.links[0].lag, 0);
    assert_eq!(plan.links[0].pred, "1");
}

/// What MSPDI carries must come back unchanged; `finish` is filled in by the
/// export (informative), and the rest is equal.
#[test]
fn mspdi_export_import_keeps_the_plan() {
    let plan = sample();
    let xml = to_mspdi(&plan);
    let back = from_mspdi(&xml).unwrap();

    assert_eq!(back.title, plan.title);
    assert_eq!(back.kind, plan.kind);
    assert_eq!(back.goal, plan.goal);
    assert_eq!(back.start, plan.start);
    assert_eq!(back.end, plan.end);
    assert_eq!(back.sources, plan.sources);
    assert_eq!(back.calendar, plan.calendar);
    assert_eq!(back.links, plan.links);
    assert_eq!(back.tasks.len(), plan.tasks.len());
    for (a, b) in plan.tasks.iter().zip(&back.tasks) {
        let mut b = b.clone();
        assert!(b.finish.is_some(), "{} has a finish", b.uid);
        b.finish = a.finish;
        assert_eq!(&b, a);
    }

    // Every link type and the lead came through as MSPDI codes.
    let kinds: Vec<LinkKind> = back.links.iter().map(|l| l.kind).collect();
    for k in [
        LinkKind::FinishToStart,
        LinkKind::StartToStart,
        LinkKind::FinishToFinish,
        LinkKind::StartToFinish,
    ] {
        assert!(kinds.contains(&k), "{k:?}");
    }
    assert!(back.links.iter().any(|l| l.lag == -3));

    // The shown dates follow the calendar: 5 working days from Monday
    // 2 March end on Friday 6 March; the empty stage sits on its start.
    assert_eq!(back.tasks[1].finish, Some(d("2026-03-06")));
    assert_eq!(back.tasks[9].finish, Some(d("2026-06-01")));
}

#[test]
fn mspdi_export_import_export_is_stable() {
    let first = to_mspdi(&sample());
    let doc1 = from_mspdi(&first).unwrap();
    let second = to_mspdi(&doc1);
    assert_eq!(second, first);
    let doc2 = from_mspdi(&second).unwrap();
    assert_eq!(doc2, doc1);
}

#[test]
fn mspdi_text_is_as_ms_project_expects() {
    let xml = to_mspdi(&sample());
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\""));
    assert!(xml.contains("<Project xmlns=\"http://schemas.microsoft.com/project\">"));
    assert!(xml.contains("<MinutesPerDay>480</MinutesPerDay>"));
    // Escaping.
    assert!(xml.contains(
        "<Title>漳村煤矿党委强化基础工作建设专项行动 &lt;试行&gt; &amp; &quot;测试&quot;</Title>"
    ));
    assert!(xml.contains("<Name>制定实施方案 &amp; 任务清单</Name>"));
    // Durations in 8-hour days, lags in tenths of minutes.
    assert!(xml.contains("<Duration>PT40H0M0S</Duration>"));
    assert!(xml.contains("<LinkLag>-14400</LinkLag>"));
    assert!(xml.contains("<LinkLag>9600</LinkLag>"));
    assert!(xml.contains("<LagFormat>7</LagFormat>"));
    // Planned start as start-no-earlier-than; deadline at the end of the day.
    assert!(xml.contains("<ConstraintType>4</ConstraintType>"));
    assert!(xml.contains("<ConstraintDate>2026-03-02T08:00:00</ConstraintDate>"));
    assert!(xml.contains("<Deadline>2026-03-13T17:00:00</Deadline>"));
    // Runs of equal days become one exception; the 2007+ form only.
    assert!(xml.contains("<FromDate>2026-05-01T00:00:00</FromDate>"));
    assert!(xml.contains("<ToDate>2026-05-05T23:59:00</ToDate>"));
    assert_eq!(xml.matches("<Exception>").count(), 5);
    assert!(!xml.contains("<DayType>0</DayType>"));
    // The project summary task comes first.
    let first_task = &xml[xml.find("<Task>").unwrap()..];
    assert!(first_task
        .trim_start_matches("<Task>")
        .trim_start()
        .starts_with("<UID>0</UID>"));

    // Task children in the order of Microsoft's schema.
    let order = [
        "UID",
        "ID",
        "Name",
        "Active",
        "Manual",
        "Type",
        "IsNull",
        "WBS",
        "OutlineNumber",
        "OutlineLevel",
        "Start",
        "Finish",
        "Duration",
        "DurationFormat",
        "Milestone",
        "Summary",
        "PercentComplete",
        "ActualStart",
        "ActualFinish",
        "ConstraintType",
        "ConstraintDate",
        "Deadline",
        "Notes",
        "PredecessorLink",
        "ExtendedAttribute",
    ];
    for block in xml.split("<Task>").skip(1) {
        let block = &block[..block.find("</Task>").unwrap()];
        let mut last = 0;
        // Only the task's own children: two levels of indent deeper than <Tasks>.
        for line in block.lines().filter(|l| l.starts_with("      <")) {
            let line = line.trim();
            let Some(name) = line
                .strip_prefix('<')
                .and_then(|l| l.split(['>', ' ']).next())
            else {
                continue;
            };
            if let Some(pos) = order.iter().position(|o| *o == name) {
                assert!(pos >= last, "<{name}> out of order in {block}");
                last = pos;
            }
        }
    }
}

/// The generated file is well-formed XML: our parser reads it back (above),
/// and so does libxml2 when it is installed.
#[test]
fn mspdi_is_well_formed() {
    let xml = to_mspdi(&sample());
    let Ok(mut child) = std::process::Command::new("xmllint")
        .args(["--noout", "-"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    else {
        eprintln!("xmllint not installed; well-formedness checked by re-parsing only");
        from_mspdi(&xml).unwrap();
        return;
    };
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(xml.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "xmllint: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn control_characters_are_dropped_and_cr_kept() {
    let mut plan = sample();
    plan.tasks[1].notes = "第一行\r\n第二行\u{1}\u{8}".into();
    let xml = to_mspdi(&plan);
    assert!(!xml.contains('\u{1}'));
    let back = from_mspdi(&xml).unwrap();
    assert_eq!(back.tasks[1].notes, "第一行\r\n第二行");
}

#[test]
fn non_numeric_uids_are_numbered_for_mspdi() {
    let plan = from_json(
        r#"{"title": "t", "start": "2026-01-05",
            "tasks": [{"uid": "a", "name": "甲", "duration": 2},
                      {"uid": "b", "name": "乙", "duration": 1}],
            "links": [{"pred": "a", "succ": "b", "kind": "SS", "lag": 1}]}"#,
    )
    .unwrap();
    let back = from_mspdi(&to_mspdi(&plan)).unwrap();
    let uids: Vec<&str> = back.tasks.iter().map(|t| t.uid.as_str()).collect();
    assert_eq!(uids, ["1", "2"]);
    assert_eq!(back.links[0].pred, "1");
    assert_eq!(back.links[0].succ, "2");
    assert_eq!(back.links[0].kind, LinkKind::StartToStart);
    assert_eq!(back.links[0].lag, 1);
}

#[test]
fn an_empty_plan_exports() {
    let plan = PlanDoc::new("空计划", d("2026-01-05"));
    let back = from_mspdi(&to_mspdi(&plan)).unwrap();
    assert!(back.tasks.is_empty());
    assert_eq!(back.title, "空计划");
    assert_eq!(back.end, None);
    assert_eq!(from_json(&to_json(&plan)).unwrap(), plan);
}

#[test]
fn detect_by_extension_and_by_content() {
    let plan = sample();
    let xml = export(&plan, Format::Mspdi);
    let json = export(&plan, Format::Json);
    let a = detect_and_parse(xml.as_bytes(), "计划.XML").unwrap();
    let b = detect_and_parse(json.as_bytes(), "plan.json").unwrap();
    assert_eq!(b, plan);
    assert_eq!(a.links, plan.links);
    // Without a telling extension the content decides.
    assert_eq!(detect_and_parse(xml.as_bytes(), "下载").unwrap(), a);
    assert_eq!(detect_and_parse(json.as_bytes(), "plan.txt").unwrap(), plan);
    // A UTF-8 byte order mark, and UTF-16 as some Windows tools save.
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(json.as_bytes());
    assert_eq!(detect_and_parse(&bom, "plan.json").unwrap(), plan);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in xml.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    assert_eq!(detect_and_parse(&utf16, "plan.xml").unwrap(), a);

    assert_eq!(Format::from_name("mspdi"), Some(Format::Mspdi));
    assert_eq!(Format::from_name("JSON"), Some(Format::Json));
    assert_eq!(Format::from_name("mpp"), None);
    assert_eq!(Format::Mspdi.extension(), "xml");
}

#[test]
#[ignore = "writes the sample exports to $DIAODU_EXCHANGE_DUMP for a look"]
fn dump_sample() {
    let dir = std::env::var("DIAODU_EXCHANGE_DUMP").unwrap_or_else(|_| "/tmp".into());
    std::fs::write(format!("{dir}/sample.xml"), to_mspdi(&sample())).unwrap();
    std::fs::write(format!("{dir}/sample.json"), to_json(&sample())).unwrap();
}

/// The example in docs/plan-json.md is a valid plan.
#[test]
fn documented_example_reads() {
    let doc = include_str!("../../../docs/plan-json.md");
    let start = doc.find("```json\n").unwrap() + "```json\n".len();
    let end = start + doc[start..].find("```").unwrap();
    let plan = from_json(&doc[start..end]).unwrap();
    assert_eq!(plan.tasks.len(), 4);
    assert_eq!(plan.tasks[1].unit.as_deref(), Some("党委办公室"));
    assert_eq!(plan.calendar.len(), 3);
    // Through MSPDI and back it is the same plan.
    assert_eq!(from_mspdi(&to_mspdi(&plan)).unwrap(), plan);
    let smallest = from_json(r#"{"title": "学习教育", "start": "2026-01-05"}"#).unwrap();
    assert_eq!(smallest.title, "学习教育");
}
