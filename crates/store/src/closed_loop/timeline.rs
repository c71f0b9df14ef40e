//! The whole path of a task or a document as one ordered list of events:
//! the meeting decision or the visit it came from, the plan, the notice and the order,
//! signing, the receipt, feedback, supervision records, rectifications and
//! the close-out.
use super::target;
use crate::db::{json_ids, sql_err, Store};
use crate::{DispatchDoc, Result};
use diaodu_domain::closed_loop::TargetKind;
use diaodu_domain::plan::TaskStatus;
use diaodu_domain::supervision::MeetingKind;
use rusqlite::params;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEvent {
    /// `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`.
    pub at: String,
    /// decision, visit, plan, notice, order, sign, receipt, start, complete, withdraw,
    /// feedback, supervision, rectification, verification, closeout,
    /// rectification_reopen, closure, reopen.
    pub kind: String,
    /// What happened, in a word or two (列入计划, 签发, 签收, 反馈 …).
    pub label: String,
    pub title: String,
    pub detail: String,
    /// The loop stage the event belongs to (planned … closed).
    pub stage: String,
    /// The record it opens: task, document, feedback or rectification.
    pub link_kind: Option<String>,
    pub link_id: Option<i64>,
    /// "", ok, warn or bad.
    pub tone: String,
    /// When the record was entered: orders same-day reports made by date.
    #[serde(skip)]
    entered: String,
}

/// Events of one day in the order the loop runs them, for events recorded
/// with a date only next to those with a time.
fn rank(kind: &str) -> u8 {
    match kind {
        "decision" | "visit" => 0,
        "plan" => 1,
        "notice" | "order" => 2,
        "sign" => 3,
        "receipt" => 4,
        "start" => 5,
        "feedback" => 6,
        "supervision" => 7,
        "rectification" => 8,
        "verification" => 9,
        "closeout" | "rectification_reopen" => 10,
        "complete" => 11,
        "closure" => 12,
        "reopen" => 13,
        _ => 14,
    }
}

struct Builder {
    events: Vec<TimelineEvent>,
}

impl Builder {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        at: &str,
        kind: &str,
        label: &str,
        title: String,
        detail: String,
        stage: TaskStatus,
        link: Option<(&str, i64)>,
        tone: &str,
    ) {
        if at.is_empty() {
            return;
        }
        self.events.push(TimelineEvent {
            at: at.to_string(),
            kind: kind.into(),
            label: label.into(),
            title,
            detail,
            stage: stage.code().into(),
            link_kind: link.map(|(k, _)| k.to_string()),
            link_id: link.map(|(_, id)| id),
            tone: tone.into(),
            entered: at.to_string(),
        });
    }

    fn document(&mut self, d: &DispatchDoc) {
        let link = Some(("document", d.id));
        let kind = if d.kind == "order" { "order" } else { "notice" };
        self.push(
            &d.created_at,
            kind,
            &format!("起草{}", d.kind_label),
            d.title.clone(),
            format!("责任单位：{}", d.target_unit_name),
            TaskStatus::Planned,
            link,
            "",
        );
        let number = d.number.clone().unwrap_or_default();
        let late_receipt = if d.late_receipt {
            "（逾期签收）"
        } else {
            ""
        };
        // (when, kind, label, title, detail, stage, tone) of each step taken.
        let steps = [
            (
                &d.signed_at,
                "sign",
                "签发",
                format!("{number} {}", d.title),
                format!("签发人：{}", d.signer_name.clone().unwrap_or_default()),
                TaskStatus::Planned,
                "",
            ),
            (
                &d.received_at,
                "receipt",
                "签收",
                format!("{}签收{number}", d.target_unit_name),
                format!(
                    "签收人：{}{late_receipt}",
                    d.received_by.clone().unwrap_or_default()
                ),
                TaskStatus::InProgress,
                if d.late_receipt { "warn" } else { "" },
            ),
            (
                &d.started_at,
                "start",
                "开始办理",
                d.title.clone(),
                String::new(),
                TaskStatus::InProgress,
                "",
            ),
            (
                &d.completed_at,
                "complete",
                "办结",
                d.title.clone(),
                if d.late_completion {
                    "晚于完成时限".into()
                } else {
                    String::new()
                },
                TaskStatus::Closed,
                if d.late_completion { "warn" } else { "ok" },
            ),
            (
                &d.withdrawn_at,
                "withdraw",
                "撤回",
                d.title.clone(),
                format!("原因：{}", d.withdrawn_reason.clone().unwrap_or_default()),
                TaskStatus::Planned,
                "bad",
            ),
        ];
        for (at, kind, label, title, detail, stage, tone) in steps {
            if let Some(at) = at {
                self.push(at, kind, label, title, detail, stage, link, tone);
            }
        }
    }
}

fn cut(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

fn method_label(code: &str) -> &'static str {
    match code {
        "onsite" => "现场",
        "phone" => "电话",
        "meeting" => "会议",
        "platform" => "平台",
        _ => "",
    }
}

impl Store {
    /// The path of a task or a document, oldest event first.
    pub fn timeline(&self, target_kind: &str, target_id: i64) -> Result<Vec<TimelineEvent>> {
        let kind = target::parse_kind(target_kind)?;
        let t = target::target_in(&self.conn, kind, target_id)?;
        let mut b = Builder { events: Vec::new() };
        // The records whose feedback, supervision and rectifications belong
        // to this path: the target itself and, for a task, the notices and
        // orders issued for it.
        let mut scope: Vec<(TargetKind, i64, String)> = vec![(kind, target_id, String::new())];
        // The tasks on this path, for the meeting decisions they came from.
        let tasks = match kind {
            TargetKind::Task => {
                let (created, plan, unit, deadline): (String, String, Option<String>, Option<String>) = self
                    .conn
                    .query_row(
                        "SELECT t.created_at, p.title, u.name, t.deadline FROM task t JOIN plan p ON p.id = t.plan_id
                         LEFT JOIN unit u ON u.id = t.lead_unit_id WHERE t.id = ?1",
                        [target_id],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                    )
                    .map_err(sql_err)?;
                let mut facts = Vec::new();
                if let Some(u) = unit {
                    facts.push(format!("责任单位：{u}"));
                }
                if let Some(d) = deadline {
                    facts.push(format!("完成时限：{d}"));
                }
                b.push(
                    &created,
                    "plan",
                    "列入计划",
                    format!("《{plan}》：{}", t.title),
                    facts.join("，"),
                    TaskStatus::Planned,
                    Some(("task", target_id)),
                    "",
                );
                for d in self.docs_of_task(target_id)? {
                    b.document(&d);
                    let label = d.number.clone().unwrap_or_else(|| d.title.clone());
                    scope.push((TargetKind::Document, d.id, label));
                }
                vec![target_id]
            }
            TargetKind::Document => {
                let d = self.get_doc(target_id)?;
                for task in &d.task_ids {
                    let row: Option<(String, String)> = self
                        .conn
                        .query_row(
                            "SELECT created_at, name FROM task WHERE id = ?1",
                            [task],
                            |r| Ok((r.get(0)?, r.get(1)?)),
                        )
                        .ok();
                    if let Some((at, name)) = row {
                        b.push(
                            &at,
                            "plan",
                            "列入计划",
                            name,
                            "网络推进图任务".into(),
                            TaskStatus::Planned,
                            Some(("task", *task)),
                            "",
                        );
                    }
                }
                b.document(&d);
                d.task_ids
            }
        };
        let docs: Vec<i64> = scope
            .iter()
            .filter(|(k, _, _)| *k == TargetKind::Document)
            .map(|(_, id, _)| *id)
            .collect();
        self.decision_events(&mut b, &tasks, &docs)?;
        for task in &tasks {
            // A problem raised on a leader's visit to an assistance point.
            if let Some((v, problem)) = self.visit_of_task(*task)? {
                b.push(
                    &v.visited_on,
                    "visit",
                    "帮扶走访",
                    format!("{}走访{}", v.leader_name, v.branch_name),
                    format!("提出问题：{}", cut(&problem, 80)),
                    TaskStatus::Planned,
                    Some(("visit", v.id)),
                    "",
                );
            }
        }
        for (k, id, via) in &scope {
            let prefix = if via.is_empty() {
                String::new()
            } else {
                format!("{via} · ")
            };
            self.feedback_events(&mut b, *k, *id, &prefix)?;
            self.supervision_events(&mut b, *k, *id, &prefix)?;
            self.rectification_events(&mut b, *k, *id, &prefix)?;
        }
        for c in super::closure::status_in(&self.conn, kind, target_id)?.closures {
            b.push(
                &c.closed_at,
                "closure",
                "完成闭合",
                format!("签认：{}", c.closed_by),
                match &c.evidence_waiver {
                    Some(w) if c.note.is_empty() => format!("免报图片/视频，理由：{w}"),
                    Some(w) => format!("{}；免报图片/视频，理由：{w}", c.note),
                    None => c.note.clone(),
                },
                TaskStatus::Closed,
                None,
                if c.evidence_waiver.is_some() {
                    "warn"
                } else {
                    "ok"
                },
            );
            if let Some(at) = &c.reopened_at {
                b.push(
                    at,
                    "reopen",
                    "重新打开",
                    t.title.clone(),
                    format!("原因：{}", c.reopened_reason.clone().unwrap_or_default()),
                    TaskStatus::InProgress,
                    None,
                    "warn",
                );
            }
        }
        let mut events: Vec<(usize, TimelineEvent)> = b.events.into_iter().enumerate().collect();
        events.sort_by(|(i, a), (j, b)| {
            (a.at.get(..10), rank(&a.kind), &a.at, &a.entered, i).cmp(&(
                b.at.get(..10),
                rank(&b.kind),
                &b.at,
                &b.entered,
                j,
            ))
        });
        Ok(events.into_iter().map(|(_, e)| e).collect())
    }

    /// The meeting decisions (议定事项) the work came from: a decision turned
    /// into one of these tasks or documents, each decision once. (A meeting
    /// with linked decisions cannot be cancelled.)
    fn decision_events(&self, b: &mut Builder, tasks: &[i64], docs: &[i64]) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT m.id, m.kind, m.held_on, d.text,
                   (SELECT COUNT(*) FROM meeting_decision x WHERE x.meeting_id = d.meeting_id
                      AND (x.position < d.position OR (x.position = d.position AND x.id <= d.id)))
                 FROM meeting_decision d JOIN dispatch_meeting m ON m.id = d.meeting_id
                 WHERE d.task_id IN (SELECT value FROM json_each(?1))
                    OR d.doc_id IN (SELECT value FROM json_each(?2))
                 ORDER BY m.held_on, d.position, d.id",
            )
            .map_err(sql_err)?;
        // (meeting id, held on, title, decision text)
        let rows: Vec<(i64, String, String, String)> = stmt
            .query_map(params![json_ids(tasks), json_ids(docs)], |r| {
                let held_on: String = r.get(2)?;
                let kind =
                    MeetingKind::parse(&r.get::<_, String>(1)?).unwrap_or(MeetingKind::Regular);
                let ordinal: i64 = r.get(4)?;
                let meeting = crate::supervision::meetings::label_of(kind, &held_on);
                Ok((
                    r.get(0)?,
                    held_on,
                    format!("{meeting} 议定事项第{ordinal}项"),
                    r.get(3)?,
                ))
            })
            .map_err(sql_err)?
            .collect::<std::result::Result<_, _>>()
            .map_err(sql_err)?;
        for (meeting_id, held_on, title, text) in rows {
            b.push(
                &held_on,
                "decision",
                "会议议定",
                title,
                cut(&text, 80),
                TaskStatus::Planned,
                Some(("meeting", meeting_id)),
                "",
            );
        }
        Ok(())
    }

    /// Notices and orders that list the task.
    fn docs_of_task(&self, task_id: i64) -> Result<Vec<DispatchDoc>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT d.id FROM dispatch_doc d, json_each(d.task_ids) j
                 WHERE j.value = ?1 ORDER BY d.id",
            )
            .map_err(sql_err)?;
        let ids: Vec<i64> = stmt
            .query_map([task_id], |r| r.get(0))
            .map_err(sql_err)?
            .collect::<std::result::Result<_, _>>()
            .map_err(sql_err)?;
        ids.into_iter().map(|id| self.get_doc(id)).collect()
    }

    fn feedback_events(
        &self,
        b: &mut Builder,
        kind: TargetKind,
        id: i64,
        prefix: &str,
    ) -> Result<()> {
        for f in super::feedback::feedback_on(&self.conn, kind, id)? {
            let mut facts = Vec::new();
            if let Some(p) = f.progress {
                facts.push(format!("进度 {p}%"));
            }
            if !f.attachments.is_empty() {
                facts.push(format!("附件 {} 个", f.attachments.len()));
            }
            let who = [
                f.unit_name.clone().unwrap_or_default(),
                f.person_name.clone(),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
            b.push(
                &f.reported_on,
                "feedback",
                if f.is_final { "最终反馈" } else { "反馈" },
                format!("{prefix}{who}：{}", cut(&f.text, 60)),
                facts.join("，"),
                TaskStatus::InProgress,
                Some(("feedback", f.id)),
                if f.is_final { "ok" } else { "" },
            );
            if let Some(e) = b.events.last_mut() {
                e.entered = format!("{}#{:012}", f.created_at, f.id);
            }
        }
        Ok(())
    }

    fn supervision_events(
        &self,
        b: &mut Builder,
        kind: TargetKind,
        id: i64,
        prefix: &str,
    ) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT supervised_on, method, supervisor, findings, result FROM supervision_record
                 WHERE target_kind = ?1 AND target_id = ?2 ORDER BY supervised_on, id",
            )
            .map_err(sql_err)?;
        let rows: Vec<(String, String, String, String, String)> = stmt
            .query_map(params![kind.code(), id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .map_err(sql_err)?
            .collect::<std::result::Result<_, _>>()
            .map_err(sql_err)?;
        for (on, method, supervisor, findings, result) in rows {
            // Findings usually end a sentence already: no "。；".
            let findings = findings
                .trim_end_matches(['。', '；', ';', '.'])
                .to_string();
            let detail = [findings, result]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join("；");
            b.push(
                &on,
                "supervision",
                "督办",
                format!("{prefix}{}督办（{supervisor}）", method_label(&method)),
                cut(&detail, 120),
                TaskStatus::Supervising,
                None,
                "",
            );
        }
        Ok(())
    }

    fn rectification_events(
        &self,
        b: &mut Builder,
        kind: TargetKind,
        id: i64,
        prefix: &str,
    ) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT r.id, r.item_name, r.person_name, r.deadline, h.at, h.from_status, h.to_status, h.note
                 FROM rectification r JOIN rectification_history h ON h.rectification_id = r.id
                 WHERE r.target_kind = ?1 AND r.target_id = ?2 ORDER BY h.id",
            )
            .map_err(sql_err)?;
        type Row = (
            i64,
            String,
            String,
            String,
            String,
            Option<String>,
            String,
            String,
        );
        let rows: Vec<Row> = stmt
            .query_map(params![kind.code(), id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            })
            .map_err(sql_err)?
            .collect::<std::result::Result<_, _>>()
            .map_err(sql_err)?;
        for (rid, item, person, deadline, at, from, to, note) in rows {
            let link = Some(("rectification", rid));
            let title = format!("{prefix}{item}");
            match (from.as_deref(), to.as_str()) {
                (None, _) => b.push(
                    &at,
                    "rectification",
                    "整改",
                    title,
                    format!("责任人：{person}，完成时限：{deadline}"),
                    TaskStatus::Rectifying,
                    link,
                    "warn",
                ),
                (Some("open"), "verified") => b.push(
                    &at,
                    "verification",
                    "验收通过",
                    title,
                    note,
                    TaskStatus::Rectifying,
                    link,
                    "ok",
                ),
                (Some("open"), "open") => b.push(
                    &at,
                    "verification",
                    "验收未通过",
                    title,
                    note,
                    TaskStatus::Rectifying,
                    link,
                    "bad",
                ),
                (_, "closed") => b.push(
                    &at,
                    "closeout",
                    "销号",
                    title,
                    note,
                    TaskStatus::Rectifying,
                    link,
                    "ok",
                ),
                (_, "open") => b.push(
                    &at,
                    "rectification_reopen",
                    "整改重新打开",
                    title,
                    note,
                    TaskStatus::Rectifying,
                    link,
                    "warn",
                ),
                _ => {}
            }
        }
        Ok(())
    }
}
