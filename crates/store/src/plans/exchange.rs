//! Import and export of whole plans through diaodu-exchange (MSPDI / JSON).
use super::load::{self, TaskRow};
use super::tasks::{insert_links_once, insert_row};
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use diaodu_domain::plan::{DispatchKind, TaskStatus};
use diaodu_domain::{CoreError, Permission};
use diaodu_exchange::{CalendarOverride, DocLink, DocSource, DocTask, LinkKind, PlanDoc};
use rusqlite::{params, OptionalExtension};
use std::collections::HashMap;

fn kind_code(k: LinkKind) -> &'static str {
    match k {
        LinkKind::FinishToStart => "FS",
        LinkKind::StartToStart => "SS",
        LinkKind::FinishToFinish => "FF",
        LinkKind::StartToFinish => "SF",
    }
}

impl Store {
    /// Creates a new plan from an imported document, in one transaction: the
    /// plan, its tasks (outline levels become the hierarchy), links, and the
    /// calendar days that differ from this workstation's calendar.
    pub fn import_plan(&mut self, actor: &Actor, doc: &PlanDoc) -> Result<i64> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let kind = doc
            .kind
            .as_deref()
            .and_then(|k| DispatchKind::parse(k).ok())
            .unwrap_or(DispatchKind::Special);
        let title = doc.title.trim();
        if title.is_empty() {
            return Err(CoreError::validation("file", "导入的计划没有名称"));
        }
        let units: HashMap<String, i64> = {
            let mut stmt = tx
                .prepare("SELECT name, id FROM unit WHERE retired_at IS NULL")
                .map_err(sql_err)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(sql_err)?;
            rows.filter_map(|r| r.ok()).collect()
        };
        let sources: Vec<crate::SourceDocument> = doc
            .sources
            .iter()
            .map(|s| crate::SourceDocument {
                issuer: s.issuer.clone(),
                number: s.number.clone(),
                title: s.title.clone(),
                archive_id: None,
            })
            .collect();
        tx.execute(
            "INSERT INTO plan (title, kind, goal, start_date, end_date, note, sources, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                title,
                kind.code(),
                doc.goal,
                doc.start.to_string(),
                doc.end.map(|d| d.to_string()),
                "导入的计划",
                serde_json::to_string(&sources).unwrap_or_default(),
                now_text()
            ],
        )
        .map_err(sql_err)?;
        let plan_id = tx.last_insert_rowid();

        // Unit names that match no unit here stay in the task's note, so nothing is lost.
        let mut ids: HashMap<&str, i64> = HashMap::new();
        let mut stack: Vec<i64> = Vec::new();
        let mut positions: HashMap<Option<i64>, i64> = HashMap::new();
        for t in &doc.tasks {
            let level = t.outline_level.max(1) as usize;
            stack.truncate(level - 1);
            let parent = stack.last().copied();
            let pos = positions.entry(parent).or_insert(0);
            let unit_id = t.unit.as_deref().and_then(|u| units.get(u.trim()).copied());
            let mut content = t.notes.clone();
            if let (Some(u), None) = (t.unit.as_deref(), unit_id) {
                content = format!("{content}\n责任单位（导入，本机无此单位）：{u}")
                    .trim()
                    .to_string();
            }
            let row = TaskRow {
                id: 0,
                parent_id: parent,
                position: *pos,
                kind: if t.summary {
                    "stage".into()
                } else {
                    "task".into()
                },
                name: t.name.clone(),
                goal: String::new(),
                content,
                lead_unit_id: unit_id,
                cooperating_unit_ids: Vec::new(),
                person_id: None,
                start: t.start,
                duration: if t.milestone {
                    0
                } else {
                    t.duration.max(if t.summary { 0 } else { 1 })
                },
                deadline: t.deadline,
                progress: t.percent_complete.clamp(0, 100),
                status: t
                    .status
                    .as_deref()
                    .and_then(|s| TaskStatus::parse(s).ok())
                    .unwrap_or(TaskStatus::Planned)
                    .code()
                    .into(),
                actual_start: t.actual_start,
                actual_finish: t.actual_finish,
                external_uid: Some(t.uid.clone()),
            };
            if row.name.trim().is_empty() {
                return Err(CoreError::validation(
                    "file",
                    format!("任务 UID {} 没有名称", t.uid),
                ));
            }
            *pos += 1;
            let id = insert_row(&tx, plan_id, None, &row)?;
            ids.insert(t.uid.as_str(), id);
            stack.push(id);
        }
        let mut links = Vec::with_capacity(doc.links.len());
        for l in &doc.links {
            let (Some(&p), Some(&s)) = (ids.get(l.pred.as_str()), ids.get(l.succ.as_str())) else {
                return Err(CoreError::validation(
                    "file",
                    format!("前置关系引用了不存在的任务 UID {} → {}", l.pred, l.succ),
                ));
            };
            links.push((p, s, kind_code(l.kind), l.lag));
        }
        // Checked and stored in one pass; checking each link against all
        // stored before it made a large import quadratic (issue 17).
        let names: HashMap<i64, &str> = doc
            .tasks
            .iter()
            .filter_map(|t| Some((*ids.get(t.uid.as_str())?, t.name.trim())))
            .collect();
        insert_links_once(&tx, plan_id, &links, |id| {
            names.get(&id).copied().unwrap_or_default().to_string()
        })?;
        let cal = load::calendar(&tx)?;
        let mut days = 0;
        for d in &doc.calendar {
            if cal.is_working(d.date) != d.working {
                tx.execute(
                    "INSERT INTO calendar_day (date, working, name, updated_at) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(date) DO UPDATE SET working = excluded.working, name = excluded.name",
                    params![d.date.to_string(), d.working as i64, d.name, now_text()],
                )
                .map_err(sql_err)?;
                days += 1;
            }
        }
        // Scheduling the stored plan also refuses a cycle among the links.
        load::schedule(&tx, plan_id)?;
        record(
            &tx,
            actor,
            "plan",
            Some(plan_id),
            "import",
            &format!(
                "导入计划“{title}”：任务 {} 项，前置关系 {} 条",
                doc.tasks.len(),
                doc.links.len()
            ),
            serde_json::json!({"tasks": doc.tasks.len(), "links": doc.links.len(), "calendarDays": days}),
        )?;
        commit(tx)?;
        Ok(plan_id)
    }

    /// The plan as an exchange document, with its scheduled finish dates and
    /// every calendar exception (statutory and the office's) over its span.
    pub fn export_plan(&self, plan_id: i64) -> Result<PlanDoc> {
        let chart = self.chart(plan_id, None)?;
        let p = &chart.plan;
        let date = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let start = date(&p.start).ok_or_else(|| CoreError::storage("计划开始日期损坏"))?;
        let mut doc = PlanDoc::new(p.title.clone(), start);
        doc.kind = Some(p.kind.code().into());
        doc.goal = p.goal.clone();
        doc.end = p.end.as_deref().and_then(date);
        doc.sources = p
            .sources
            .iter()
            .map(|s| DocSource {
                issuer: s.issuer.clone(),
                number: s.number.clone(),
                title: s.title.clone(),
            })
            .collect();
        let uid = |t: &super::ChartTask| t.external_uid.clone().unwrap_or_else(|| t.id.to_string());
        let uids: HashMap<i64, String> = chart.tasks.iter().map(|t| (t.id, uid(t))).collect();
        for t in &chart.tasks {
            let mut d = DocTask::new(uid(t), t.name.clone(), t.duration);
            d.outline_level = t.depth as u32 + 1;
            d.summary = t.kind == "stage";
            d.milestone = t.milestone;
            d.start = t.start.as_deref().and_then(date);
            d.finish = date(&t.early_finish);
            d.deadline = t.deadline.as_deref().and_then(date);
            d.percent_complete = t.progress;
            d.actual_start = t.actual_start.as_deref().and_then(date);
            d.actual_finish = t.actual_finish.as_deref().and_then(date);
            d.notes = [t.goal.as_str(), t.content.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join("\n");
            d.unit = t.lead_unit_name.clone();
            d.status = Some(t.status.clone());
            doc.tasks.push(d);
        }
        for l in &chart.links {
            let (Some(pu), Some(su)) = (uids.get(&l.pred_id), uids.get(&l.succ_id)) else {
                continue;
            };
            doc.links.push(DocLink::new(
                pu.clone(),
                su.clone(),
                load::link_kind(&l.kind),
                l.lag,
            ));
        }
        let cal = load::calendar(&self.conn)?;
        let to = date(&chart.project_finish).unwrap_or(start);
        doc.calendar = cal
            .special_days(start, to)
            .into_iter()
            .map(|d| CalendarOverride {
                date: d.date,
                working: d.working,
                name: d.name,
            })
            .collect();
        Ok(doc)
    }

    /// The plan id of an imported task's uid (for tests and the CLI).
    pub fn task_id_by_uid(&self, plan_id: i64, uid: &str) -> Result<Option<i64>> {
        self.conn
            .query_row(
                "SELECT id FROM task WHERE plan_id = ?1 AND external_uid = ?2",
                params![plan_id, uid],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_err)
    }
}

/// The generated plan of the import benchmark (`examples/bench_import.rs`).
#[cfg(test)]
#[path = "../../tests/common/generated_plan.rs"]
mod generated_plan;

#[cfg(test)]
mod tests {
    use super::super::tasks::insert_link;
    use super::*;
    use crate::db::testing::{actor, store};
    use diaodu_domain::{ErrorCode, Role};

    /// The import as it was before issue 17: tasks, then each link stored by
    /// `insert_link`, which checks it against every link stored before it.
    fn import_link_by_link(s: &mut Store, a: &Actor, doc: &PlanDoc) -> i64 {
        let mut bare = doc.clone();
        bare.links.clear();
        let plan_id = s.import_plan(a, &bare).unwrap();
        let tx = s.tx().unwrap();
        for l in &doc.links {
            let id = |uid: &str| -> i64 {
                tx.query_row(
                    "SELECT id FROM task WHERE plan_id = ?1 AND external_uid = ?2",
                    params![plan_id, uid],
                    |r| r.get(0),
                )
                .unwrap()
            };
            let (p, q) = (id(&l.pred), id(&l.succ));
            insert_link(&tx, plan_id, None, p, q, kind_code(l.kind), l.lag).unwrap();
        }
        commit(tx).unwrap();
        plan_id
    }

    fn count(s: &Store, table: &str) -> i64 {
        s.conn
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_large_imported_plan_is_the_plan_the_link_by_link_import_made() {
        let (_dir, mut s) = store();
        let a = actor(Role::Admin);
        // Through the file format, as the CLI and the app import it.
        let generated = generated_plan::generated_plan(2_000);
        let doc = diaodu_exchange::from_mspdi(&diaodu_exchange::to_mspdi(&generated)).unwrap();
        assert_eq!(doc.tasks.len(), 2_000);
        assert_eq!(doc.links.len(), 2_800);
        let audit_before = count(&s, "audit_log");
        let fast = s.import_plan(&a, &doc).unwrap();
        assert_eq!(count(&s, "audit_log"), audit_before + 1, "one audit entry");
        let slow = import_link_by_link(&mut s, &a, &doc);

        let (f, w) = (s.chart(fast, None).unwrap(), s.chart(slow, None).unwrap());
        assert_eq!(f.tasks.len(), 2_000);
        assert_eq!(f.tasks.len(), w.tasks.len());
        assert_eq!(f.links.len(), 2_800);
        assert_eq!(f.project_finish, w.project_finish);
        let uid_of = |c: &crate::Chart| -> HashMap<i64, String> {
            c.tasks
                .iter()
                .map(|t| (t.id, t.external_uid.clone().unwrap()))
                .collect()
        };
        let (fu, wu) = (uid_of(&f), uid_of(&w));
        for (x, y) in f.tasks.iter().zip(&w.tasks) {
            let view = |t: &super::super::ChartTask, u: &HashMap<i64, String>| {
                (
                    (
                        t.external_uid.clone(),
                        t.parent_id.map(|p| u[&p].clone()),
                        t.outline.clone(),
                        t.kind.clone(),
                        t.name.clone(),
                        t.duration,
                        t.start.clone(),
                    ),
                    t.early_start.clone(),
                    t.early_finish.clone(),
                    t.late_start.clone(),
                    t.late_finish.clone(),
                    t.total_float,
                    t.critical,
                )
            };
            assert_eq!(view(x, &fu), view(y, &wu));
        }
        let links = |c: &crate::Chart, u: &HashMap<i64, String>| {
            let mut v: Vec<_> = c
                .links
                .iter()
                .map(|l| {
                    (
                        u[&l.pred_id].clone(),
                        u[&l.succ_id].clone(),
                        l.kind.clone(),
                        l.lag,
                    )
                })
                .collect();
            v.sort();
            v
        };
        let expected: Vec<_> = {
            let mut v: Vec<_> = doc
                .links
                .iter()
                .map(|l| {
                    (
                        l.pred.clone(),
                        l.succ.clone(),
                        kind_code(l.kind).to_string(),
                        l.lag,
                    )
                })
                .collect();
            v.sort();
            v
        };
        assert_eq!(links(&f, &fu), expected);
        assert_eq!(links(&w, &wu), expected);
    }

    /// A plan document made in code, not read from a file, so the exchange
    /// crate's own checks have not run: the store still refuses bad links.
    fn doc_with(links: Vec<DocLink>) -> PlanDoc {
        let start = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let mut doc = PlanDoc::new("导入检查", start);
        for (uid, name) in [("1", "甲"), ("2", "乙"), ("3", "丙")] {
            doc.tasks.push(DocTask::new(uid, name, 2));
        }
        doc.links = links;
        doc
    }

    #[test]
    fn an_import_with_bad_links_is_refused_and_stores_nothing() {
        let (_dir, mut s) = store();
        let a = actor(Role::Admin);
        let fs = |p: &str, q: &str| DocLink::new(p, q, LinkKind::FinishToStart, 0);
        let plans = count(&s, "plan");
        let cases = [
            (
                vec![fs("1", "2"), fs("2", "3"), fs("3", "1")],
                ErrorCode::Conflict,
                "前置关系形成循环",
            ),
            (
                vec![fs("2", "2")],
                ErrorCode::Conflict,
                "不能以自身为前置任务",
            ),
            (
                vec![fs("1", "2"), fs("1", "2")],
                ErrorCode::Duplicate,
                "“甲”与“乙”之间已有前置关系",
            ),
            (
                vec![DocLink::new("1", "2", LinkKind::StartToStart, 9999)],
                ErrorCode::Validation,
                "间隔应在",
            ),
            (
                vec![fs("1", "9")],
                ErrorCode::Validation,
                "不存在的任务 UID",
            ),
        ];
        for (links, code, text) in cases {
            let e = s.import_plan(&a, &doc_with(links)).unwrap_err();
            assert_eq!(e.code, code, "{}", e.message);
            assert!(e.message.contains(text), "{}", e.message);
            assert_eq!(count(&s, "plan"), plans);
            assert_eq!(count(&s, "task_link"), 0);
        }
        s.import_plan(&a, &doc_with(vec![fs("1", "2"), fs("2", "3")]))
            .unwrap();
        assert_eq!(count(&s, "task_link"), 2);
    }
}
