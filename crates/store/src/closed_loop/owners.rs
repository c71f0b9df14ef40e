//! 流水线、专人负责: who is responsible for each step of a task's or a
//! document's loop — the notice or order (the dispatcher who drafted it and
//! the signer), the receipt and the feedback (the responsible unit's 责任人),
//! supervision (the dispatcher following it up), rectification (each item's
//! 三定 责任人) and close-out (who signed it off) — and who has acted so far.
//! Read from the records; nothing here is stored.
use super::target;
use crate::db::{sql_err, Store};
use crate::Result;
use diaodu_domain::closed_loop::TargetKind;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct LoopOwner {
    /// notice, receipt, feedback, supervision, rectification, closure.
    pub step: &'static str,
    /// 通知单/调度令, 签收, 反馈, 督办, 整改, 闭合.
    pub label: &'static str,
    /// Who is responsible for the step (unit and person, or the office's role).
    pub owner: String,
    /// What they do in it.
    pub duty: String,
    /// Who has acted on it so far (signers, receivers, reporters, …).
    pub done_by: Vec<String>,
    /// done, open (under way or waiting) or none (nothing of the kind).
    pub state: &'static str,
}

struct Doc {
    id: i64,
    label: String,
    unit: String,
    person: Option<String>,
    signer: Option<String>,
    received_by: Option<String>,
    drafted_by: Option<String>,
}

fn docs(conn: &Connection, kind: TargetKind, id: i64) -> Result<Vec<Doc>> {
    let sql = "SELECT d.id, CASE d.kind WHEN 'order' THEN '调度令' ELSE '通知单' END || COALESCE(' ' || d.number, ''),
        u.name, p.name, d.signer_name, d.received_by,
        (SELECT COALESCE(a.display_name, l.username) FROM audit_log l LEFT JOIN app_user a ON a.id = l.user_id
          WHERE l.entity = 'document' AND l.entity_id = d.id AND l.action = 'create' ORDER BY l.id LIMIT 1)
        FROM dispatch_doc d JOIN unit u ON u.id = d.target_unit_id LEFT JOIN person p ON p.id = d.person_id";
    let filter = match kind {
        TargetKind::Task => format!(
            "{sql} WHERE d.status <> 'withdrawn' AND d.id IN
             (SELECT x.id FROM dispatch_doc x, json_each(x.task_ids) j WHERE j.value = ?1) ORDER BY d.id"
        ),
        TargetKind::Document => format!("{sql} WHERE d.id = ?1"),
    };
    let mut stmt = conn.prepare(&filter).map_err(sql_err)?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(Doc {
                id: r.get(0)?,
                label: r.get(1)?,
                unit: r.get(2)?,
                person: r.get(3)?,
                signer: r.get(4)?,
                received_by: r.get(5)?,
                drafted_by: r.get(6)?,
            })
        })
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err)?;
    Ok(rows)
}

fn names(conn: &Connection, sql: &str, scope: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(sql).map_err(sql_err)?;
    let rows = stmt
        .query_map([scope], |r| r.get::<_, String>(0))
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err)?;
    let mut out: Vec<String> = Vec::new();
    for n in rows {
        let n = n.trim().to_string();
        if !n.is_empty() && !out.contains(&n) {
            out.push(n);
        }
    }
    Ok(out)
}

fn joined(v: &[String]) -> String {
    v.join("、")
}

impl Store {
    /// Who is responsible for each step of the loop of a task or document.
    pub fn loop_owners(&self, target_kind: &str, target_id: i64) -> Result<Vec<LoopOwner>> {
        let kind = target::parse_kind(target_kind)?;
        let t = target::target_in(&self.conn, kind, target_id)?;
        // The responsible unit and its 责任人.
        let (unit, person): (Option<String>, Option<String>) = match kind {
            TargetKind::Task => self
                .conn
                .query_row(
                    "SELECT u.name, p.name || CASE WHEN p.title <> '' THEN '（' || p.title || '）' ELSE '' END
                     FROM task t LEFT JOIN unit u ON u.id = t.lead_unit_id
                     LEFT JOIN person p ON p.id = t.person_id WHERE t.id = ?1",
                    [target_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()
                .map_err(sql_err)?
                .unwrap_or((None, None)),
            TargetKind::Document => self
                .conn
                .query_row(
                    "SELECT u.name, COALESCE(p.name, NULLIF(d.contact, '')) FROM dispatch_doc d
                     JOIN unit u ON u.id = d.target_unit_id LEFT JOIN person p ON p.id = d.person_id
                     WHERE d.id = ?1",
                    [target_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()
                .map_err(sql_err)?
                .unwrap_or((None, None)),
        };
        let unit_person = match (&unit, &person) {
            (Some(u), Some(p)) => format!("{u} {p}"),
            (Some(u), None) => format!("{u}（未指定责任人）"),
            (None, Some(p)) => p.clone(),
            (None, None) => "未指定责任单位".into(),
        };
        let docs = docs(&self.conn, kind, target_id)?;
        // The records of this path: the target and the documents issued for it.
        let mut scope: Vec<serde_json::Value> = vec![serde_json::json!([kind.code(), target_id])];
        if kind == TargetKind::Task {
            scope.extend(docs.iter().map(|d| serde_json::json!(["document", d.id])));
        }
        let scope = serde_json::Value::Array(scope).to_string();
        let in_scope = |table: &str| {
            format!(
                "EXISTS (SELECT 1 FROM json_each(?1) s WHERE json_extract(s.value, '$[0]') = {table}.target_kind
                 AND json_extract(s.value, '$[1]') = {table}.target_id)"
            )
        };
        let mut out = Vec::new();

        // 通知单 / 调度令: drafted by a dispatcher, signed by the signer.
        let drafted: Vec<String> = docs.iter().filter_map(|d| d.drafted_by.clone()).collect();
        let signed: Vec<String> = docs
            .iter()
            .filter_map(|d| d.signer.as_ref().map(|s| format!("{}：{s}签发", d.label)))
            .collect();
        out.push(LoopOwner {
            step: "notice",
            label: "通知单/调度令",
            owner: if drafted.is_empty() {
                "党建调度室调度员".into()
            } else {
                format!("调度员 {}", joined(&dedup(drafted)))
            },
            duty: "起草通知单或调度令，报签发人签发后下发".into(),
            done_by: signed.clone(),
            state: if docs.is_empty() {
                "none"
            } else if signed.is_empty() {
                "open"
            } else {
                "done"
            },
        });

        // 签收: the unit's 责任人 signs the receipt.
        let received: Vec<String> = docs
            .iter()
            .filter_map(|d| {
                d.received_by
                    .as_ref()
                    .map(|r| format!("{}：{} {r}", d.label, d.unit))
            })
            .collect();
        let receivers: Vec<String> = dedup(
            docs.iter()
                .map(|d| match &d.person {
                    Some(p) => format!("{} {p}", d.unit),
                    // The task's 责任人 receives papers sent to the unit.
                    None if unit.as_deref() == Some(d.unit.as_str()) => unit_person.clone(),
                    None => d.unit.clone(),
                })
                .collect(),
        );
        out.push(LoopOwner {
            step: "receipt",
            label: "签收",
            owner: if receivers.is_empty() {
                unit_person.clone()
            } else {
                joined(&receivers)
            },
            duty: "收到通知单、调度令后签收回执".into(),
            done_by: received.clone(),
            state: if docs.is_empty() || signed.is_empty() {
                "none"
            } else if received.len() >= signed.len() {
                "done"
            } else {
                "open"
            },
        });

        // 反馈: the responsible unit reports, its 责任人 in charge.
        let reporters = names(
            &self.conn,
            &format!(
                "SELECT COALESCE(u.name, '') || CASE WHEN f.person_name <> '' THEN ' ' || f.person_name ELSE '' END
                 FROM feedback f LEFT JOIN unit u ON u.id = f.unit_id WHERE {} ORDER BY f.reported_on, f.id",
                in_scope("f")
            ),
            &scope,
        )?;
        let final_given: bool = self
            .conn
            .query_row(
                &format!(
                    "SELECT EXISTS(SELECT 1 FROM feedback f WHERE f.is_final = 1 AND {})",
                    in_scope("f")
                ),
                [&scope],
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        out.push(LoopOwner {
            step: "feedback",
            label: "反馈",
            owner: unit_person.clone(),
            duty: "按要求定期以文字、图片、视频等形式反馈进展，办结时报送最终反馈".into(),
            done_by: reporters.clone(),
            state: if final_given {
                "done"
            } else if reporters.is_empty() {
                "none"
            } else {
                "open"
            },
        });

        // 督办: the dispatcher following the work up.
        let supervisors = names(
            &self.conn,
            &format!(
                "SELECT s.supervisor FROM supervision_record s WHERE {} ORDER BY s.supervised_on DESC, s.id DESC",
                in_scope("s")
            ),
            &scope,
        )?;
        let reminders = names(
            &self.conn,
            &format!(
                "SELECT r.number FROM reminder r WHERE {} ORDER BY r.id",
                in_scope("r")
            ),
            &scope,
        )?;
        let drafters = dedup(docs.iter().filter_map(|d| d.drafted_by.clone()).collect());
        let mut done = supervisors
            .iter()
            .map(|s| format!("督办：{s}"))
            .collect::<Vec<_>>();
        done.extend(reminders.iter().map(|n| format!("催办：{n}")));
        out.push(LoopOwner {
            step: "supervision",
            label: "督办",
            owner: match (supervisors.first(), drafters.first()) {
                (Some(s), _) => format!("督办人 {s}"),
                (None, Some(d)) => format!("调度员 {d}（起草人跟踪督办）"),
                (None, None) => "党建调度室调度员".into(),
            },
            duty: "按时间节点督办，缺报、逾期的发催办通知单".into(),
            state: if done.is_empty() { "none" } else { "done" },
            done_by: done,
        });

        // 整改: each item's 三定 责任人.
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT x.item_name, u.name, x.person_name, x.status FROM rectification x
                 JOIN unit u ON u.id = x.unit_id WHERE {} ORDER BY x.id",
                in_scope("x")
            ))
            .map_err(sql_err)?;
        let rects: Vec<(String, String, String, String)> = stmt
            .query_map([&scope], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .map_err(sql_err)?
            .collect::<std::result::Result<_, _>>()
            .map_err(sql_err)?;
        out.push(LoopOwner {
            step: "rectification",
            label: "整改",
            owner: if rects.is_empty() {
                unit_person.clone()
            } else {
                joined(&dedup(
                    rects
                        .iter()
                        .map(|(_, u, p, _)| format!("{u} {p}"))
                        .collect(),
                ))
            },
            duty: "按三定（项目名称、责任人、完成时限）整改，验收后销号".into(),
            done_by: rects
                .iter()
                .map(|(item, _, p, st)| {
                    let st = match st.as_str() {
                        "closed" => "已销号",
                        "verified" => "已验收",
                        _ => "整改中",
                    };
                    format!("{item}（{p}，{st}）")
                })
                .collect(),
            state: if rects.is_empty() {
                "none"
            } else if rects.iter().all(|r| r.3 == "closed") {
                "done"
            } else {
                "open"
            },
        });

        // 闭合: signed off by a signer or an administrator.
        let closed_by: Option<String> = self
            .conn
            .query_row(
                "SELECT COALESCE(u.display_name, '') FROM loop_closure c LEFT JOIN app_user u ON u.id = c.closed_by
                 WHERE c.target_kind = ?1 AND c.target_id = ?2 AND c.reopened_at IS NULL ORDER BY c.id DESC LIMIT 1",
                params![kind.code(), target_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_err)?;
        let signers = dedup(docs.iter().filter_map(|d| d.signer.clone()).collect());
        out.push(LoopOwner {
            step: "closure",
            label: "闭合",
            owner: if signers.is_empty() {
                "签发人或管理员".into()
            } else {
                format!("签发人 {}", joined(&signers))
            },
            duty: "依据最终反馈签认完成闭合".into(),
            done_by: closed_by.iter().map(|c| format!("签认：{c}")).collect(),
            state: if t.is_closed() { "done" } else { "open" },
        });
        Ok(out)
    }
}

fn dedup(v: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in v {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}
