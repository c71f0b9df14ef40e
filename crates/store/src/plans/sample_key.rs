//! The sample's 重点调度 plan (issue 14, point 6): the Party committee's key
//! work of the year, a few tasks each with a department and its 责任人, two
//! of them dispatched by signed notices, so that figures by dispatch kind
//! (and `key_tasks_dispatched`) have something to count. Invented content.
use crate::db::{sql_err, Actor, Store};
use crate::Result;

/// (task, goal, working days)
const TASKS: [(&str, &str, i64); 4] = [
    (
        "党委理论学习中心组专题学习",
        "全年专题学习不少于12次，形成学习记录和研讨材料",
        10,
    ),
    (
        "基层党支部标准化规范化建设",
        "各党支部对照标准逐项达标，年底前全部验收",
        20,
    ),
    (
        "党风廉政建设责任制落实",
        "签订责任书，开展廉政谈话和专项检查",
        15,
    ),
    (
        "党建品牌创建",
        "每个党支部培育一个特色品牌，年底评选推广",
        20,
    ),
];

impl Store {
    /// Loads the key plan after the rest of the sample (it starts before the
    /// special action, which stays first in the list of plans).
    pub(crate) fn load_sample_key_plan(&mut self, actor: &Actor) -> Result<usize> {
        let today = diaodu_domain::clock::today();
        let start = today - chrono::Duration::days(120);
        let departments: Vec<(i64, Option<i64>)> = {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT u.id, (SELECT p.id FROM person p WHERE p.unit_id = u.id AND p.retired_at IS NULL
                       ORDER BY p.id LIMIT 1)
                     FROM unit u WHERE u.kind = 'department' AND u.retired_at IS NULL ORDER BY u.id LIMIT 5",
                )
                .map_err(sql_err)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(sql_err)?
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(sql_err)?;
            rows
        };
        if departments.len() < 2 {
            return Ok(0);
        }
        let plan = self.create_plan(
            actor,
            &crate::PlanInput {
                title: format!("{}年度党委重点工作推进计划", chrono::Datelike::year(&today)),
                kind: "key".into(),
                goal: "党委年度重点工作逐项分解到责任部门，按节点调度落实".into(),
                lead_unit_id: Some(departments[0].0),
                start: start.to_string(),
                end: None,
                note: "示例数据（虚构）".into(),
                sources: Vec::new(),
            },
        )?;
        let mut ids = Vec::new();
        for (i, (name, goal, days)) in TASKS.iter().enumerate() {
            let (unit, person) = departments[i % departments.len()];
            let others: Vec<i64> = departments
                .iter()
                .map(|d| d.0)
                .filter(|u| *u != unit)
                .take(1)
                .collect();
            ids.push(self.create_task(
                actor,
                &crate::TaskInput {
                    plan_id: plan.id,
                    kind: "task".into(),
                    name: (*name).into(),
                    goal: (*goal).into(),
                    lead_unit_id: Some(unit),
                    cooperating_unit_ids: others,
                    person_id: person,
                    duration: Some(*days),
                    ..Default::default()
                },
            )?);
        }
        let signer = diaodu_domain::sample::organization()
            .people
            .first()
            .map(|p| p.name.clone())
            .unwrap_or_default();
        let notices = self.notices_from_tasks(
            actor,
            &ids[..2],
            "written",
            "每月25日前以文字和图片形式反馈进展",
        )?;
        for n in &notices {
            self.sign_as(actor, n.id, None, &signer)?;
        }
        Ok(ids.len())
    }
}
