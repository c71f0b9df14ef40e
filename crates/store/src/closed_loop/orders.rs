//! 调度令 and the tasks they carry (issue 14): an order made from the
//! network chart moves its tasks along the loop with it (feedback → 组织实施,
//! 督办/催办 → 督办落实, 整改 → 整改完善, close-out → 完成闭合), and the
//! evidence forms it asks for (图片, 视频) are checked on every report and
//! before a close-out, which goes ahead without them only with a waiver.
use super::target::Target;
use crate::db::sql_err;
use crate::Result;
use diaodu_domain::closed_loop::TargetKind;
use diaodu_domain::dispatch::FeedbackForm;
use rusqlite::{params, Connection};

/// The evidence forms that need a file: text is in every report.
const FILE_FORMS: [FeedbackForm; 2] = [FeedbackForm::Image, FeedbackForm::Video];

/// The chart tasks (not stages) an order carries, in its order; empty for a
/// notice, a draft or a withdrawn order.
pub(crate) fn order_tasks(conn: &Connection, doc_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT t.id FROM dispatch_doc d, json_each(d.task_ids) j JOIN task t ON t.id = j.value
             WHERE d.id = ?1 AND d.kind = 'order' AND d.status NOT IN ('draft', 'withdrawn') AND t.kind <> 'stage'
             ORDER BY j.key",
        )
        .map_err(sql_err)?;
    let rows = stmt.query_map([doc_id], |r| r.get(0)).map_err(sql_err)?;
    rows.collect::<std::result::Result<_, _>>().map_err(sql_err)
}

/// The signed (not withdrawn) orders that carry a task.
pub(crate) fn orders_of_task(conn: &Connection, task_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT DISTINCT d.id FROM dispatch_doc d, json_each(d.task_ids) j
             WHERE j.value = ?1 AND d.kind = 'order' AND d.status NOT IN ('draft', 'withdrawn') ORDER BY d.id",
        )
        .map_err(sql_err)?;
    let rows = stmt.query_map([task_id], |r| r.get(0)).map_err(sql_err)?;
    rows.collect::<std::result::Result<_, _>>().map_err(sql_err)
}

fn rule_forms(conn: &Connection, doc_id: i64) -> Result<Vec<String>> {
    let rule: Option<String> = conn
        .query_row(
            "SELECT feedback_rule FROM dispatch_doc WHERE id = ?1 AND kind = 'order'",
            [doc_id],
            |r| r.get(0),
        )
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(sql_err(e)),
        })?;
    Ok(rule
        .and_then(|r| serde_json::from_str::<crate::FeedbackRule>(&r).ok())
        .map(|r| r.forms)
        .unwrap_or_default())
}

/// The file forms (图片, 视频) asked of the target: an order's own rule; for a
/// task, the rules of the orders carrying it.
pub(crate) fn required_forms(
    conn: &Connection,
    kind: TargetKind,
    id: i64,
) -> Result<Vec<FeedbackForm>> {
    let docs = match kind {
        TargetKind::Document => vec![id],
        TargetKind::Task => orders_of_task(conn, id)?,
    };
    let mut asked = Vec::new();
    for d in docs {
        asked.extend(rule_forms(conn, d)?);
    }
    Ok(FILE_FORMS
        .into_iter()
        .filter(|f| asked.iter().any(|a| a == f.code()))
        .collect())
}

/// Kinds of the files (image, video, document) attached to the reports on the
/// target; for a task, also those on the orders carrying it.
fn provided_kinds(conn: &Connection, kind: TargetKind, id: i64) -> Result<Vec<String>> {
    let mut targets = vec![(kind.code(), id)];
    if kind == TargetKind::Task {
        for d in orders_of_task(conn, id)? {
            targets.push((TargetKind::Document.code(), d));
        }
    }
    let mut out = Vec::new();
    let mut stmt = conn
        .prepare_cached(
            "SELECT DISTINCT a.kind FROM feedback f JOIN feedback_attachment fa ON fa.feedback_id = f.id
             JOIN attachment a ON a.sha256 = fa.sha256 WHERE f.target_kind = ?1 AND f.target_id = ?2",
        )
        .map_err(sql_err)?;
    for (k, i) in targets {
        let rows = stmt
            .query_map(params![k, i], |r| r.get::<_, String>(0))
            .map_err(sql_err)?;
        for r in rows {
            out.push(r.map_err(sql_err)?);
        }
    }
    Ok(out)
}

/// The forms asked of the target that no report on it has supplied yet
/// (labels, e.g. 图片): a close-out needs them or a waiver.
pub(crate) fn missing_forms(conn: &Connection, kind: TargetKind, id: i64) -> Result<Vec<String>> {
    let asked = required_forms(conn, kind, id)?;
    if asked.is_empty() {
        return Ok(Vec::new());
    }
    let have = provided_kinds(conn, kind, id)?;
    Ok(asked
        .into_iter()
        .filter(|f| !have.iter().any(|h| h == f.code()))
        .map(|f| f.label().to_string())
        .collect())
}

/// The forms one report lacks: those asked of its target that none of its
/// own files is.
pub(crate) fn report_missing(
    conn: &Connection,
    kind: TargetKind,
    id: i64,
    kinds: &[String],
) -> Result<Vec<String>> {
    Ok(required_forms(conn, kind, id)?
        .into_iter()
        .filter(|f| !kinds.iter().any(|k| k == f.code()))
        .map(|f| f.label().to_string())
        .collect())
}

/// The flag (yellow) of an order or a task: its latest report (on a task,
/// also on the orders carrying it) lacks a form that was asked for, e.g.
/// `最近一次反馈缺少图片`.
pub(crate) fn feedback_flag(
    conn: &Connection,
    kind: TargetKind,
    id: i64,
) -> Result<Option<String>> {
    let asked = required_forms(conn, kind, id)?;
    if asked.is_empty() {
        return Ok(None);
    }
    let mut targets = vec![(kind.code(), id)];
    if kind == TargetKind::Task {
        for d in orders_of_task(conn, id)? {
            targets.push((TargetKind::Document.code(), d));
        }
    }
    // The latest report over all of them.
    let mut latest: Option<(String, i64)> = None;
    for (k, i) in &targets {
        let row: Option<(String, i64)> = conn
            .query_row(
                "SELECT reported_on, id FROM feedback WHERE target_kind = ?1 AND target_id = ?2
                 ORDER BY reported_on DESC, id DESC LIMIT 1",
                params![k, i],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(sql_err(e)),
            })?;
        if let Some(r) = row {
            if latest.as_ref().is_none_or(|l| r > *l) {
                latest = Some(r);
            }
        }
    }
    let Some((_, fid)) = latest else {
        return Ok(None);
    };
    let mut stmt = conn
        .prepare_cached(
            "SELECT DISTINCT a.kind FROM feedback_attachment fa JOIN attachment a ON a.sha256 = fa.sha256
             WHERE fa.feedback_id = ?1",
        )
        .map_err(sql_err)?;
    let kinds: Vec<String> = stmt
        .query_map([fid], |r| r.get(0))
        .map_err(sql_err)?
        .collect::<std::result::Result<_, _>>()
        .map_err(sql_err)?;
    let lacking: Vec<&str> = asked
        .iter()
        .filter(|f| !kinds.iter().any(|k| k == f.code()))
        .map(|f| f.label())
        .collect();
    Ok((!lacking.is_empty()).then(|| format!("最近一次反馈缺少{}", lacking.join("、"))))
}

/// The carried tasks of a document target as loop targets (none for a task
/// or a notice).
pub(crate) fn carried(conn: &Connection, t: &Target) -> Result<Vec<Target>> {
    if t.kind != TargetKind::Document {
        return Ok(Vec::new());
    }
    order_tasks(conn, t.id)?
        .into_iter()
        .map(|id| super::target::target_in(conn, TargetKind::Task, id))
        .collect()
}

/// Whether a task's plan may be written (an archived plan is not).
pub(crate) fn plan_editable(conn: &Connection, task_id: i64) -> Result<bool> {
    conn.query_row(
        "SELECT p.archived_at IS NULL FROM task t JOIN plan p ON p.id = t.plan_id WHERE t.id = ?1",
        [task_id],
        |r| r.get(0),
    )
    .map_err(sql_err)
}
