mod common;

use common::{days_ago, feedback, next_working_day, office, photo, today};
use diaodu_domain::ErrorCode;
use diaodu_store::{AttachmentRef, RectificationInput, VerificationInput};
use serde_json::{json, Map, Value};

fn rect(unit: i64, task: Option<i64>) -> RectificationInput {
    RectificationInput {
        source: "inspection".into(),
        source_ref: Some("inspection:4".into()),
        target_kind: task.map(|_| "task".into()),
        target_id: task,
        problem: "支部活动记录不完整，缺少三会一课台账。".into(),
        item_name: "补齐三会一课台账".into(),
        person_name: "王书记".into(),
        deadline: next_working_day(),
        unit_id: Some(unit),
        ..Default::default()
    }
}

fn pass(on: &str) -> VerificationInput {
    VerificationInput {
        verified_by: "赵部长".into(),
        verified_on: on.into(),
        result: "pass".into(),
        note: String::new(),
    }
}

fn task_row(o: &common::Office) -> Value {
    let plan = o.s.task_plan_id(o.task).unwrap();
    let chart = serde_json::to_value(o.s.chart(plan, None).unwrap()).unwrap();
    chart["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == o.task)
        .unwrap()
        .clone()
}

#[test]
fn feedback_moves_the_task_and_is_checked() {
    let mut o = office();
    let mut f = feedback("task", o.task, o.unit, &days_ago(2));
    f.progress = Some(40);
    let saved = o.s.add_feedback(&o.dispatcher, &f).unwrap();
    assert_eq!(saved.progress, Some(40));
    assert_eq!(saved.unit_name.as_deref(), Some("综采一队党支部"));
    assert_eq!(saved.created_by.as_deref(), Some("李调度"));
    let t = task_row(&o);
    assert_eq!(t["status"], "in_progress", "a planned task enters 组织实施");
    assert_eq!(t["progress"], 40);
    assert_eq!(t["actualStart"], days_ago(2));

    // Bad input: the field and a Chinese message; nothing written.
    let mut bad = feedback("task", o.task, o.unit, &days_ago(-3));
    let e = o.s.add_feedback(&o.dispatcher, &bad).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("reportedOn"));
    bad.reported_on = today();
    bad.text.clear();
    let e = o.s.add_feedback(&o.dispatcher, &bad).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("text"));
    assert!(e.message.contains("反馈内容"), "{}", e.message);
    let mut bad = feedback("task", o.task, o.unit, &today());
    bad.progress = Some(120);
    assert_eq!(
        o.s.add_feedback(&o.dispatcher, &bad)
            .unwrap_err()
            .field
            .as_deref(),
        Some("progress")
    );
    bad.progress = Some(80);
    bad.is_final = true;
    let e = o.s.add_feedback(&o.dispatcher, &bad).unwrap_err();
    assert!(e.message.contains("100%"), "{}", e.message);
    let mut bad = feedback("task", o.task, o.unit, &today());
    bad.unit_id = None;
    assert_eq!(
        o.s.add_feedback(&o.dispatcher, &bad)
            .unwrap_err()
            .field
            .as_deref(),
        Some("unitId")
    );
    let e =
        o.s.add_feedback(&o.viewer, &feedback("task", o.task, o.unit, &today()))
            .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert_eq!(o.s.list_feedback("task", o.task).unwrap().len(), 1);

    // On a document: not before it was signed; a draft takes none.
    let e =
        o.s.add_feedback(
            &o.dispatcher,
            &feedback("document", o.order, o.unit, &days_ago(5)),
        )
        .unwrap_err();
    assert!(e.message.contains("不能早于签发日期"), "{}", e.message);
    let on_doc =
        o.s.add_feedback(
            &o.dispatcher,
            &feedback("document", o.order, o.unit, &today()),
        )
        .unwrap();
    assert!(
        on_doc.target_title.contains("晋源党调令"),
        "{}",
        on_doc.target_title
    );
    assert_eq!(
        o.s.loop_status("document", o.order).unwrap().stage,
        "in_progress"
    );
    let audit = o.s.list_audit(&Default::default()).unwrap();
    assert!(audit
        .rows
        .iter()
        .any(|r| r.entity == "feedback" && r.summary.contains("登记反馈")));
}

#[test]
fn feedback_carries_deduplicated_photos() {
    let mut o = office();
    let files = tempfile::tempdir().unwrap();
    let p = photo(files.path(), "现场照片.png", 3);
    let staged = o.s.stage_attachment(&o.dispatcher, &p).unwrap();
    let again = o.s.stage_attachment(&o.dispatcher, &p).unwrap();
    assert_eq!(staged.sha256, again.sha256);
    assert!(staged.has_thumb);
    let mut f = feedback("task", o.task, o.unit, &today());
    f.attachments = vec![
        AttachmentRef {
            sha256: staged.sha256.clone(),
            name: "现场照片.png".into(),
        },
        AttachmentRef {
            sha256: staged.sha256.clone(),
            name: "同一张照片.png".into(),
        },
    ];
    let saved = o.s.add_feedback(&o.dispatcher, &f).unwrap();
    assert_eq!(saved.attachments.len(), 2, "one file under two names");
    assert!(saved
        .attachments
        .iter()
        .all(|a| a.kind == "image" && a.has_thumb));
    let thumb = o.s.attachment_thumbnail(&staged.sha256).unwrap().unwrap();
    assert_eq!(&thumb[..3], &[0xFF, 0xD8, 0xFF], "a JPEG thumbnail");
    let open =
        o.s.attachment_open_path(&staged.sha256, "现场照片.png")
            .unwrap();
    assert_eq!(open.file_name().unwrap(), "现场照片.png");
    assert_eq!(std::fs::read(&open).unwrap(), std::fs::read(&p).unwrap());

    // A name that hides what the file is does not reach the viewer.
    let open = o.s.attachment_open_path(&staged.sha256, "run.exe").unwrap();
    assert_eq!(open.file_name().unwrap(), "run.exe.png");

    let mut bogus = feedback("task", o.task, o.unit, &today());
    bogus.attachments = vec![AttachmentRef {
        sha256: "0".repeat(64),
        name: "丢失.jpg".into(),
    }];
    let e = o.s.add_feedback(&o.dispatcher, &bogus).unwrap_err();
    assert!(e.message.contains("丢失.jpg"), "{}", e.message);
}

#[test]
fn rectification_needs_a_passed_verification_to_close() {
    let mut o = office();
    let mut bad = rect(o.unit, None);
    bad.person_name = " ".into();
    let e = o.s.create_rectification(&o.dispatcher, &bad).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("personName"));
    let mut bad = rect(o.unit, None);
    bad.source = "网上".into();
    assert_eq!(
        o.s.create_rectification(&o.dispatcher, &bad)
            .unwrap_err()
            .field
            .as_deref(),
        Some("source")
    );
    let mut bad = rect(o.unit, None);
    bad.deadline = "2026-10-03".into();
    let e = o.s.create_rectification(&o.dispatcher, &bad).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("deadline"));
    assert!(e.message.contains("不是工作日"), "{}", e.message);

    let r =
        o.s.create_rectification(&o.dispatcher, &rect(o.unit, Some(o.task)))
            .unwrap();
    assert_eq!(r.status, "open");
    assert_eq!(r.source_label, "综合大检查");
    assert_eq!(r.source_ref.as_deref(), Some("inspection:4"));
    assert_eq!(r.target_title.as_deref(), Some("支部标准化建设自查"));
    assert_eq!(
        task_row(&o)["status"],
        "rectifying",
        "the task enters 整改完善"
    );

    let e =
        o.s.close_rectification(&o.dispatcher, r.id, "")
            .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(
        e.message.contains("尚未验收") && e.message.contains("须验收通过后才能销号"),
        "{}",
        e.message
    );

    let mut fail = pass(&today());
    fail.result = "fail".into();
    assert_eq!(
        o.s.verify_rectification(&o.dispatcher, r.id, &fail)
            .unwrap_err()
            .field
            .as_deref(),
        Some("note")
    );
    fail.note = "台账仍缺三个月".into();
    let r =
        o.s.verify_rectification(&o.dispatcher, r.id, &fail)
            .unwrap();
    assert_eq!(r.status, "open");
    assert_eq!(r.verification_result.as_deref(), Some("fail"));
    let e =
        o.s.close_rectification(&o.dispatcher, r.id, "")
            .unwrap_err();
    assert!(e.message.contains("上次验收未通过"), "{}", e.message);

    let r =
        o.s.verify_rectification(&o.dispatcher, r.id, &pass(&today()))
            .unwrap();
    assert_eq!(r.status, "verified");
    assert_eq!(r.due_state, "done");
    let e =
        o.s.verify_rectification(&o.dispatcher, r.id, &pass(&today()))
            .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    let r =
        o.s.close_rectification(&o.dispatcher, r.id, "已补齐")
            .unwrap();
    assert_eq!(r.status, "closed");
    assert_eq!(r.closed_on.as_deref(), Some(today().as_str()));
    assert_eq!(r.closed_by.as_deref(), Some("李调度"));
    let e =
        o.s.update_rectification(&o.dispatcher, r.id, &rect(o.unit, Some(o.task)))
            .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);

    assert!(o.s.reopen_rectification(&o.dispatcher, r.id, " ").is_err());
    let r =
        o.s.reopen_rectification(&o.dispatcher, r.id, "复查发现台账造假")
            .unwrap();
    assert_eq!(r.status, "open");
    assert_eq!(
        r.verification_result, None,
        "closing again needs a new verification"
    );
    assert!(o.s.close_rectification(&o.dispatcher, r.id, "").is_err());

    let steps: Vec<(Option<&str>, &str)> = r
        .history
        .iter()
        .map(|h| (h.from_status.as_deref(), h.to_status.as_str()))
        .collect();
    assert_eq!(
        steps,
        vec![
            (None, "open"),
            (Some("open"), "open"),
            (Some("open"), "verified"),
            (Some("verified"), "closed"),
            (Some("closed"), "open"),
        ]
    );
    assert!(r.history[1].note.contains("台账仍缺三个月"));
    assert!(r.history[4].note.contains("复查发现台账造假"));
    assert!(r
        .history
        .iter()
        .all(|h| h.username.as_deref() == Some("李调度")));

    let open = o.s.list_rectifications(&Default::default()).unwrap();
    assert_eq!(open.len(), 1);
    let by_unit = diaodu_store::RectificationFilter {
        unit_id: Some(o.other_unit),
        ..Default::default()
    };
    assert!(o.s.list_rectifications(&by_unit).unwrap().is_empty());
    let audit = o.s.list_audit(&Default::default()).unwrap();
    for action in ["create", "verify", "closeout", "reopen"] {
        assert!(
            audit
                .rows
                .iter()
                .any(|e| e.entity == "rectification" && e.action == action),
            "audit entry for {action}"
        );
    }
}

#[test]
fn closing_needs_final_feedback_and_sign_off() {
    let mut o = office();
    o.s.add_feedback(
        &o.dispatcher,
        &feedback("task", o.task, o.unit, &days_ago(3)),
    )
    .unwrap();
    let st = o.s.loop_status("task", o.task).unwrap();
    assert!(!st.can_close);
    assert!(
        st.blockers.iter().any(|b| b.contains("最终反馈")),
        "{:?}",
        st.blockers
    );

    // The chart cannot close it behind the loop's back.
    let mut patch = Map::new();
    patch.insert("status".into(), json!("closed"));
    let e = o.s.update_task(&o.dispatcher, o.task, &patch).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("status"));

    let r =
        o.s.create_rectification(&o.dispatcher, &rect(o.unit, Some(o.task)))
            .unwrap();
    let mut fin = feedback("task", o.task, o.unit, &days_ago(1));
    fin.is_final = true;
    let fin = o.s.add_feedback(&o.dispatcher, &fin).unwrap();
    assert_eq!(fin.progress, Some(100));
    let st = o.s.loop_status("task", o.task).unwrap();
    assert_eq!(st.blockers, vec!["尚有 1 项整改未销号".to_string()]);
    let e = o.s.close_loop(&o.signer, "task", o.task, "").unwrap_err();
    assert!(e.message.contains("整改未销号"), "{}", e.message);

    o.s.verify_rectification(&o.dispatcher, r.id, &pass(&today()))
        .unwrap();
    o.s.close_rectification(&o.dispatcher, r.id, "").unwrap();
    let e =
        o.s.close_loop(&o.dispatcher, "task", o.task, "")
            .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert!(e.message.contains("签发人或管理员"), "{}", e.message);
    let st =
        o.s.close_loop(&o.signer, "task", o.task, "同意闭合")
            .unwrap();
    assert_eq!(st.stage, "closed");
    assert!(st.steps.iter().all(|s| s.state == "done"));
    let c = st.closure.clone().unwrap();
    assert_eq!(c.closed_by, "关主任");
    assert_eq!(c.final_feedback_id, fin.id);
    let t = task_row(&o);
    assert_eq!(t["status"], "closed");
    assert_eq!(t["progress"], 100);
    assert_eq!(t["actualFinish"], days_ago(1));

    let e =
        o.s.add_feedback(&o.dispatcher, &feedback("task", o.task, o.unit, &today()))
            .unwrap_err();
    assert!(e.message.contains("已完成闭合"), "{}", e.message);
    let mut patch = Map::new();
    patch.insert("status".into(), json!("in_progress"));
    assert!(o.s.update_task(&o.dispatcher, o.task, &patch).is_err());
    assert!(o.s.close_loop(&o.signer, "task", o.task, "").is_err());

    assert!(o.s.reopen_loop(&o.signer, "task", o.task, "").is_err());
    let st =
        o.s.reopen_loop(&o.admin, "task", o.task, "复查发现问题未整改到位")
            .unwrap();
    assert_eq!(st.stage, "in_progress");
    assert!(!st.can_close, "a reopened task needs a new final report");
    assert_eq!(
        st.closures[0].reopened_reason.as_deref(),
        Some("复查发现问题未整改到位")
    );
    assert!(task_row(&o)["actualFinish"].is_null());
    let mut again = feedback("task", o.task, o.unit, &today());
    again.is_final = true;
    o.s.add_feedback(&o.dispatcher, &again).unwrap();
    let st = o.s.close_loop(&o.admin, "task", o.task, "").unwrap();
    assert_eq!(st.closures.len(), 2);
    assert_eq!(st.closure.unwrap().closed_by, "系统管理员");
}

#[test]
fn closing_an_order_completes_it() {
    let mut o = office();
    let mut fin = feedback("document", o.order, o.unit, &today());
    fin.is_final = true;
    o.s.add_feedback(&o.dispatcher, &fin).unwrap();
    let st = o.s.close_loop(&o.signer, "document", o.order, "").unwrap();
    assert_eq!(st.stage, "closed");
    let d = o.s.get_doc(o.order).unwrap();
    assert_eq!(d.status, "completed");
    assert_eq!(d.completed_at.as_deref(), Some(today().as_str()));
    let all = o.s.export_json().unwrap();
    assert_eq!(all["closedLoop"]["feedback"].as_array().unwrap().len(), 1);
    assert_eq!(all["closedLoop"]["closures"][0]["targetKind"], "document");

    // Reopened, the order is back in hand (办理中), not 已办结.
    let st =
        o.s.reopen_loop(&o.signer, "document", o.order, "复查发现台账不全")
            .unwrap();
    assert_eq!(st.stage, "in_progress");
    let d = o.s.get_doc(o.order).unwrap();
    assert_eq!(d.status, "in_progress");
    assert!(d.completed_at.is_none());
    assert!(d.started_at.is_some());
}

#[test]
fn timeline_tells_the_path_in_order() {
    let mut o = office();
    o.s.add_feedback(
        &o.dispatcher,
        &feedback("task", o.task, o.unit, &days_ago(1)),
    )
    .unwrap();
    let r =
        o.s.create_rectification(&o.dispatcher, &rect(o.unit, Some(o.task)))
            .unwrap();
    o.s.verify_rectification(&o.dispatcher, r.id, &pass(&today()))
        .unwrap();
    o.s.close_rectification(&o.dispatcher, r.id, "").unwrap();
    let mut fin = feedback("document", o.order, o.unit, &today());
    fin.is_final = true;
    fin.text = "调度令事项全部完成。".into();
    o.s.add_feedback(&o.dispatcher, &fin).unwrap();
    let mut fin = feedback("task", o.task, o.unit, &today());
    fin.is_final = true;
    o.s.add_feedback(&o.dispatcher, &fin).unwrap();
    o.s.close_loop(&o.signer, "task", o.task, "").unwrap();

    let events = o.s.timeline("task", o.task).unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        vec![
            "feedback", // reported yesterday
            "plan",
            "order",
            "sign",
            "receipt",
            "feedback", // on the order, today
            "feedback", // final, on the task
            "rectification",
            "verification",
            "closeout",
            "closure",
        ],
        "{events:#?}"
    );
    let days: Vec<&str> = events.iter().map(|e| &e.at[..10]).collect();
    assert!(days.windows(2).all(|w| w[0] <= w[1]), "dates never go back");
    assert!(
        events[5].title.starts_with("晋源党调令"),
        "feedback on the order says so: {}",
        events[5].title
    );
    assert_eq!(events[6].label, "最终反馈");
    assert_eq!(events.last().unwrap().stage, "closed");

    let doc_events = o.s.timeline("document", o.order).unwrap();
    let kinds: Vec<&str> = doc_events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, vec!["plan", "order", "sign", "receipt", "feedback"]);
    assert!(o.s.timeline("task", 9999).is_err());
}
