use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::{OrgIds, Result};
use diaodu_domain::{sample, CoreError, Permission};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SampleReport {
    pub units: usize,
    pub people: usize,
    pub assistance: usize,
    pub pairings: usize,
    pub plans: usize,
    pub plan_tasks: usize,
    pub documents: usize,
    pub spec_items: usize,
    pub spec_instances: usize,
    /// Feedback, photos, rectifications and close-outs (the closed loop).
    pub closed_loop: crate::LoopSampleReport,
    pub supervision: crate::supervision::sample::SupervisionSampleReport,
    pub assessment: crate::assessment::AssessmentSampleReport,
    /// Visits, emergencies, duties and the archive.
    pub registers: crate::registers::RegistersSampleReport,
}

impl Store {
    /// Loads the sample organisation, only into a database with no units, so
    /// sample records never mix with real ones. Goes through the same record
    /// operations as the UI, so every rule and audit entry applies.
    pub fn load_sample(&mut self, actor: &Actor) -> Result<SampleReport> {
        actor.require(Permission::EditRecords)?;
        let units: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM unit", [], |r| r.get(0))
            .map_err(sql_err)?;
        if units > 0 {
            return Err(CoreError::conflict(
                "数据库中已有单位记录，示例数据只能加载到空数据库",
            ));
        }
        // The sample mine's issuing body (its document numbers follow from it),
        // unless the office already named its own.
        if self.setting("issuer_name")?.is_none() {
            let name = format!("{}党建调度室", sample::COMMITTEE);
            let tx = self.tx()?;
            Store::set_setting_raw(&tx, "issuer_name", &name)?;
            record(
                &tx,
                actor,
                "settings",
                None,
                "update",
                &format!("示例数据：发文机关设为“{name}”"),
                serde_json::json!({"issuerName": name}),
            )?;
            commit(tx)?;
        }
        let org = sample::organization();
        let mut ids = OrgIds::default();
        for u in &org.units {
            let parent_id = u.parent.map(|p| ids.unit(p)).transpose()?;
            let input = crate::UnitInput {
                name: u.name.into(),
                short_name: u.short_name.into(),
                kind: u.kind.code().into(),
                parent_id,
                note: u.note.into(),
            };
            let created = self.create_unit(actor, &input)?;
            ids.units.insert(u.name.to_string(), created.id);
        }
        for p in &org.people {
            let input = crate::PersonInput {
                name: p.name.clone(),
                unit_id: ids.unit(p.unit)?,
                title: p.title.into(),
                phone: p.phone.clone(),
                roles: p.roles.iter().map(|r| r.code().to_string()).collect(),
                note: "示例数据".into(),
            };
            let created = self.create_person(actor, &input)?;
            ids.people.insert(p.name.clone(), created.id);
        }
        for (leader, branch) in &org.assistance_points {
            let leader = *ids
                .people
                .get(leader)
                .ok_or_else(|| CoreError::internal("示例数据不完整"))?;
            self.create_assistance_point(actor, leader, ids.unit(branch)?, "示例数据")?;
        }
        for (dept, branch) in &org.pairings {
            self.create_pairing(actor, ids.unit(dept)?, ids.unit(branch)?, "示例数据")?;
        }
        let plan_tasks = self.load_sample_plan(actor, &ids)?;
        let mut supervision = self.load_sample_history(actor)?;
        let documents = self.load_sample_documents(actor)?;
        let spec = self.load_sample_spec(actor)?;
        let closed_loop = self.load_sample_loop(actor)?;
        self.load_sample_stage_work(actor, &mut supervision)?;
        let assessment = self.load_sample_assessment(actor)?;
        let registers = self.load_sample_registers(actor)?;
        self.load_sample_key_plan(actor)?;
        let report = SampleReport {
            units: org.units.len(),
            people: org.people.len(),
            assistance: org.assistance_points.len(),
            pairings: org.pairings.len(),
            plans: 1,
            plan_tasks,
            documents,
            spec_items: spec.committee_items + spec.branch_items,
            spec_instances: spec.instances,
            closed_loop,
            supervision,
            assessment,
            registers,
        };
        let tx = self.tx()?;
        record(
            &tx,
            actor,
            "sample",
            None,
            "load",
            "加载示例组织数据（虚构）",
            serde_json::to_value(&report).unwrap_or_default(),
        )?;
        commit(tx)?;
        Ok(report)
    }
}

impl Store {
    /// The sample plan, dated around today so its chart shows work done,
    /// under way, due soon and overdue whenever the sample is loaded.
    fn load_sample_plan(&mut self, actor: &Actor, ids: &OrgIds) -> Result<usize> {
        use chrono::Datelike;
        let sp = sample::plan();
        let today = diaodu_domain::clock::today();
        let back = today - chrono::Duration::days(42);
        let start = back - chrono::Duration::days(back.weekday().num_days_from_monday() as i64);
        let plan = self.create_plan(
            actor,
            &crate::PlanInput {
                title: sp.title.into(),
                kind: "special".into(),
                goal: sp.goal.into(),
                lead_unit_id: Some(ids.unit(sp.lead_unit)?),
                start: start.to_string(),
                end: None,
                note: "示例数据（虚构）".into(),
                sources: sp
                    .sources
                    .iter()
                    .map(|(issuer, number, title)| crate::SourceDocument {
                        issuer: (*issuer).into(),
                        number: (*number).into(),
                        title: (*title).into(),
                        archive_id: None,
                    })
                    .collect(),
            },
        )?;
        let mut stage_ids = Vec::new();
        for name in sp.stages {
            let input = crate::TaskInput {
                plan_id: plan.id,
                kind: "stage".into(),
                name: name.into(),
                ..Default::default()
            };
            stage_ids.push(self.create_task(actor, &input)?);
        }
        let mut task_ids = Vec::new();
        for t in &sp.tasks {
            let unit = ids.unit(t.unit)?;
            let person: Option<i64> = self
                .conn
                .query_row(
                    "SELECT id FROM person WHERE unit_id = ?1 ORDER BY id LIMIT 1",
                    [unit],
                    |r| r.get(0),
                )
                .ok();
            let input = crate::TaskInput {
                plan_id: plan.id,
                parent_id: Some(stage_ids[t.stage]),
                kind: "task".into(),
                name: t.name.into(),
                goal: t.goal.into(),
                lead_unit_id: Some(unit),
                cooperating_unit_ids: t
                    .cooperating
                    .iter()
                    .map(|c| ids.unit(c))
                    .collect::<Result<_>>()?,
                person_id: person,
                duration: Some(t.duration),
                milestone: t.duration == 0,
                ..Default::default()
            };
            task_ids.push(self.create_task(actor, &input)?);
        }
        for (i, t) in sp.tasks.iter().enumerate() {
            for (pred, kind, lag) in t.preds {
                let input = crate::LinkInput {
                    plan_id: plan.id,
                    pred_id: task_ids[*pred],
                    succ_id: task_ids[i],
                    kind: (*kind).into(),
                    lag: *lag,
                };
                self.create_link(actor, &input)?;
            }
        }
        let chart = self.chart(plan.id, None)?;
        let cal = crate::plans::calendar_of(&self.conn)?;
        for (i, t) in sp.tasks.iter().enumerate() {
            let id = task_ids[i];
            let Some(c) = chart.tasks.iter().find(|c| c.id == id) else {
                continue;
            };
            let (Ok(es), Ok(ef)) = (
                chrono::NaiveDate::parse_from_str(&c.early_start, "%Y-%m-%d"),
                chrono::NaiveDate::parse_from_str(&c.early_finish, "%Y-%m-%d"),
            ) else {
                continue;
            };
            let mut patch = serde_json::Map::new();
            if let Some(slack) = t.deadline_slack {
                if let Some(d) = cal.add_working_days(ef, slack) {
                    patch.insert("deadline".into(), d.to_string().into());
                }
            }
            // One finished-by-plan task is left open to show what overdue looks like.
            let left_open = i == 12;
            if ef < today && !left_open {
                // Done by the plan; the closed loop's sample reports it
                // finished and closes it with the office's sign-off.
                patch.insert("status".into(), "in_progress".into());
                patch.insert("progress".into(), 100.into());
                patch.insert("actualStart".into(), es.to_string().into());
                patch.insert("actualFinish".into(), ef.to_string().into());
            } else if es <= today {
                let total = cal.working_days_between(es, ef).max(1);
                let done = cal.working_days_between(es, today).clamp(0, total);
                patch.insert(
                    "status".into(),
                    if left_open {
                        "supervising"
                    } else {
                        "in_progress"
                    }
                    .into(),
                );
                patch.insert("progress".into(), (done * 90 / total).into());
                patch.insert("actualStart".into(), es.to_string().into());
            }
            if !patch.is_empty() {
                self.update_task(actor, id, &patch)?;
            }
        }
        Ok(sp.tasks.len() + sp.stages.len())
    }
}

impl Store {
    /// Notices and orders from the sample plan, one in every state. The
    /// sample's signer is a made-up leader; nobody's password is involved.
    fn load_sample_documents(&mut self, actor: &Actor) -> Result<usize> {
        let plan = self
            .list_plans(&Default::default())?
            .into_iter()
            .next()
            .map(|p| p.plan.id);
        let Some(plan) = plan else { return Ok(0) };
        let chart = self.chart(plan, None)?;
        let leaf: Vec<&crate::ChartTask> = chart
            .tasks
            .iter()
            .filter(|t| t.kind == "task" && !t.milestone)
            .collect();
        let signer = sample::organization()
            .people
            .first()
            .map(|p| p.name.clone())
            .unwrap_or_default();
        let today = diaodu_domain::clock::today();
        let notice_tasks: Vec<i64> = leaf.iter().take(6).map(|t| t.id).collect();
        let notices = self.notices_from_tasks(
            actor,
            &notice_tasks,
            "written",
            "每周五前以文字和图片形式反馈进展",
        )?;
        let mut count = notices.len();
        for n in notices.iter().take(2) {
            self.sign_as(actor, n.id, None, &signer)?;
        }
        // 生成调度令 from the chart: the next tasks, one order per unit,
        // signed and received, reporting with pictures.
        let order_tasks: Vec<i64> = leaf.iter().skip(6).take(2).map(|t| t.id).collect();
        if !order_tasks.is_empty() {
            let orders = self.orders_from_tasks(
                actor,
                &crate::OrdersFromTasks {
                    task_ids: order_tasks,
                    urgency: "expedited".into(),
                    requirements: "每5个工作日以文字和现场照片反馈一次进展，完成后报送佐证材料。"
                        .into(),
                    feedback_rule: crate::FeedbackRule {
                        mode: "every_n_days".into(),
                        every: Some(5),
                        forms: vec!["text".into(), "image".into()],
                        ..Default::default()
                    },
                },
            )?;
            count += orders.len();
            for o in &orders {
                self.sign_as(actor, o.id, None, &signer)?;
                self.receive_doc(actor, o.id, "支部书记", &today.to_string())?;
            }
        }
        let states = [
            "draft",
            "issued",
            "received",
            "in_progress",
            "completed",
            "withdrawn",
        ];
        let urgencies = ["urgent", "expedited", "normal"];
        for (i, state) in states.iter().enumerate() {
            let Some(task) = leaf.get(8 + i * 3) else {
                break;
            };
            let input = crate::DocInput {
                kind: "order".into(),
                title: format!("关于{}的调度令", task.name.trim_end_matches('。'))
                    .chars()
                    .take(60)
                    .collect(),
                urgency: Some(urgencies[i % 3].into()),
                content: format!(
                    "按照网络推进图安排，请{}抓紧落实“{}”。{}",
                    task.lead_unit_name.clone().unwrap_or_default(),
                    task.name,
                    task.goal
                ),
                requirements:
                    "主要负责人亲自部署，明确专人负责。\n按时间节点反馈，遇到问题及时报告。".into(),
                goal: task.goal.clone(),
                target_unit_id: task.lead_unit_id,
                person_id: task.person_id,
                deadline: task
                    .deadline
                    .clone()
                    .or_else(|| Some(task.early_finish.clone())),
                feedback_rule: crate::FeedbackRule {
                    mode: "every_n_days".into(),
                    every: Some(3),
                    forms: vec!["text".into(), "image".into()],
                    ..Default::default()
                },
                contact: "党建调度室".into(),
                phone: "0355-5920110".into(),
                task_ids: vec![task.id],
                ..Default::default()
            };
            let d = self.create_doc(actor, &input)?;
            count += 1;
            if *state == "draft" {
                continue;
            }
            self.sign_as(actor, d.id, None, &signer)?;
            let day = today.to_string();
            match *state {
                "received" => {
                    self.receive_doc(actor, d.id, "支部书记", &day)?;
                }
                "in_progress" => {
                    self.receive_doc(actor, d.id, "支部书记", &day)?;
                    self.start_doc(actor, d.id)?;
                }
                "completed" => {
                    self.receive_doc(actor, d.id, "支部书记", &day)?;
                    self.complete_doc(actor, d.id, &day)?;
                }
                "withdrawn" => {
                    self.withdraw_doc_as(actor, d.id, "任务调整，改由专项会议部署")?;
                }
                _ => {}
            }
        }
        Ok(count)
    }
}
