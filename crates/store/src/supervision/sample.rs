//! A year of invented supervision work for the sample database, dated back
//! from today: weekly 党建调度例会 and monthly 矿大调度会 with decisions, the
//! notices and orders those decisions became (signed, received and done on
//! the days they happened, most on time, some late), two recent orders whose
//! reports are missing (so the reminder list and the red light have
//! something to show) with a reminder sent, supervision records about every
//! other working day, and the first stage's summary issued and read out.
//!
//! Everything goes through the ordinary record operations, so every rule and
//! audit entry applies. Feedback and rectifications are the feedback
//! module's sample, not made here.
use crate::db::{sql_err, Actor, Store};
use crate::docs::FeedbackRule;
use crate::supervision::meetings::{DecisionDocInput, DecisionInput, MeetingInput};
use crate::supervision::records::SupervisionInput;
use crate::Result;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use diaodu_schedule::WorkCalendar;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SupervisionSampleReport {
    pub meetings: usize,
    pub decisions: usize,
    pub documents: usize,
    pub supervisions: usize,
    pub reminders: usize,
    pub summaries: usize,
}

const REGULAR_DECISIONS: [&str; 8] = [
    "{unit}抓紧补齐“三会一课”记录，下周例会前报送整改情况",
    "{unit}本周内报送下月主题党日活动计划",
    "{unit}规范党员活动室标识和上墙制度，月底前完成",
    "{unit}落实领导干部帮扶点走访计划，本月内走访不少于一次",
    "{unit}核对党费收缴台账，发现问题立即整改",
    "{unit}按时报送党建信息，每周不少于一条",
    "{unit}组织开展安全生产主题党日，留存图片资料",
    "{unit}对照“1234”工作规范开展本月自查，形成自查报告",
];

const MINE_DECISIONS: [&str; 6] = [
    "{unit}牵头开展基层党支部标准化建设检查，形成问题清单",
    "{unit}组织党员先锋岗创建活动，井下区队全覆盖",
    "{unit}完成季度党风廉政建设责任制落实情况检查",
    "{unit}组织青年安全监督岗专项活动",
    "{unit}做好年度党员教育培训计划落实情况检查",
    "{unit}对逾期事项责任单位进行约谈，结果纳入月度考核",
];

const FINDINGS: [(&str, &str); 6] = [
    (
        "“三会一课”记录不完整，缺少会议签到",
        "现场责令补齐，限期3个工作日",
    ),
    ("主题党日活动图片资料未及时上传平台", "已提醒，当日补传"),
    ("党员活动室制度上墙不规范", "列入整改清单，下周复查"),
    (
        "党费收缴台账与实际收缴不一致",
        "要求核对更正，支部书记签字确认",
    ),
    ("工作推进正常，资料齐全", "督办通过"),
    ("党建信息报送不及时", "约谈支部书记，纳入月度考核"),
];

const METHODS: [&str; 4] = ["onsite", "phone", "platform", "meeting"];

struct People {
    director: String,
    dispatchers: Vec<String>,
    leaders: Vec<String>,
    heads: Vec<String>,
    secretaries: HashMap<i64, String>,
}

struct Units {
    departments: Vec<(i64, String)>,
    branches: Vec<(i64, String)>,
}

fn working_on_or_after(cal: &WorkCalendar, d: NaiveDate) -> NaiveDate {
    cal.working_on_or_after(d).unwrap_or(d)
}

fn add_working(cal: &WorkCalendar, d: NaiveDate, n: i64) -> NaiveDate {
    cal.add_working_days(d, n).unwrap_or(d)
}

fn at(d: NaiveDate, h: u32, m: u32) -> chrono::NaiveDateTime {
    d.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default())
}

/// The last Friday of the month, or the working day before it.
fn last_friday(cal: &WorkCalendar, year: i32, month: u32) -> NaiveDate {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .unwrap_or_default();
    let mut d = next - Duration::days(1);
    while d.weekday() != Weekday::Fri {
        d -= Duration::days(1);
    }
    cal.working_on_or_before(d).unwrap_or(d)
}

impl Store {
    fn sample_people(&self) -> Result<People> {
        let names = |sql: &str| -> Result<Vec<String>> {
            let mut stmt = self.conn.prepare(sql).map_err(sql_err)?;
            let rows = stmt
                .query_map([], |r| r.get(0))
                .map_err(sql_err)?
                .collect::<std::result::Result<Vec<String>, _>>()
                .map_err(sql_err)?;
            Ok(rows)
        };
        let director = names(
            "SELECT p.name FROM person p JOIN unit u ON u.id = p.unit_id WHERE u.name = '党建调度室'
             AND p.title LIKE '部长%' ORDER BY p.id LIMIT 1",
        )?
        .pop()
        .unwrap_or_else(|| "党建调度室主任".into());
        let mut stmt = self
            .conn
            .prepare(
                "SELECT p.unit_id, p.name FROM person p WHERE p.title = '党支部书记' AND p.retired_at IS NULL ORDER BY p.id",
            )
            .map_err(sql_err)?;
        let secretaries = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(sql_err)?
            .collect::<std::result::Result<HashMap<i64, String>, _>>()
            .map_err(sql_err)?;
        Ok(People {
            director,
            dispatchers: names(
                "SELECT p.name FROM person p JOIN unit u ON u.id = p.unit_id WHERE u.name = '党建调度室'
                 AND p.title = '调度员' ORDER BY p.id",
            )?,
            leaders: names(
                "SELECT p.name FROM person p JOIN unit u ON u.id = p.unit_id WHERE u.kind = 'committee' ORDER BY p.id",
            )?,
            heads: names("SELECT name FROM person WHERE title LIKE '部长%' ORDER BY id")?,
            secretaries,
        })
    }

    fn sample_units(&self) -> Result<Units> {
        let of = |kind: &str| -> Result<Vec<(i64, String)>> {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT id, name FROM unit WHERE kind = ?1 AND retired_at IS NULL ORDER BY id",
                )
                .map_err(sql_err)?;
            let rows = stmt
                .query_map([kind], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(sql_err)?
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(sql_err)?;
            Ok(rows)
        };
        Ok(Units {
            departments: of("department")?,
            branches: of("branch")?,
        })
    }

    /// Meetings of the past year with their decisions, the notices and
    /// orders made from them, and reminders. Runs before the sample plan's
    /// own documents are signed (today), so numbers follow the dates.
    pub(crate) fn load_sample_history(&mut self, actor: &Actor) -> Result<SupervisionSampleReport> {
        let today = diaodu_domain::clock::today();
        let cal = crate::plans::calendar_of(&self.conn)?;
        let people = self.sample_people()?;
        let units = self.sample_units()?;
        if units.branches.is_empty() || units.departments.is_empty() {
            return Ok(SupervisionSampleReport::default());
        }
        let signer = people
            .leaders
            .first()
            .cloned()
            .unwrap_or_else(|| "党委书记".into());
        let start = today - Duration::days(364);
        let mut report = SupervisionSampleReport::default();

        // Meeting days: Mondays (or the next working day) for 例会, the last
        // Friday of each month for 矿大调度会, up to the end of this month.
        let mut days: Vec<(NaiveDate, &str)> = Vec::new();
        let mut d = start + Duration::days((7 - start.weekday().num_days_from_monday() as i64) % 7);
        while d <= today {
            let held = working_on_or_after(&cal, d);
            if held <= today && held.iso_week() == d.iso_week() {
                days.push((held, "regular"));
            }
            d += Duration::days(7);
        }
        let (mut y, mut m) = (start.year(), start.month());
        loop {
            let f = last_friday(&cal, y, m);
            if f >= start {
                days.push((f, "mine"));
            }
            if y == today.year() && m == today.month() {
                break;
            }
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        days.sort();

        let mut recent_orders: Vec<i64> = Vec::new();
        let branches = &units.branches;
        for (i, (held, kind)) in days.iter().enumerate() {
            let mine = *kind == "mine";
            let future = *held > today;
            let attendees = if mine {
                let mut a = people.leaders.clone();
                a.extend(people.heads.iter().cloned());
                a.push("各基层党支部书记".into());
                a.join("、")
            } else {
                let mut a = vec![people.director.clone()];
                a.extend(people.dispatchers.iter().cloned());
                a.extend(people.heads.iter().take(4).cloned());
                a.join("、")
            };
            let pool: &[&str] = if mine {
                &MINE_DECISIONS
            } else {
                &REGULAR_DECISIONS
            };
            let decisions: Vec<DecisionInput> = if future {
                Vec::new()
            } else {
                (0..if mine { 3 } else { 2 })
                    .map(|k| {
                        let n = i * 3 + k;
                        let (uid, uname) = if mine && k == 0 {
                            units.departments[n % units.departments.len()].clone()
                        } else {
                            branches[n % branches.len()].clone()
                        };
                        DecisionInput {
                            text: pool[n % pool.len()].replace("{unit}", &uname),
                            unit_id: Some(uid),
                            deadline: Some(
                                add_working(&cal, *held, 5 + (n % 4) as i64 * 3).to_string(),
                            ),
                        }
                    })
                    .collect()
            };
            let input = MeetingInput {
                kind: (*kind).into(),
                held_on: held.to_string(),
                start_time: if mine { "15:00".into() } else { "08:30".into() },
                place: if mine {
                    "矿调度楼三楼会议室".into()
                } else {
                    "党建调度室".into()
                },
                chair: if mine {
                    people.leaders.first().cloned().unwrap_or_default()
                } else {
                    people.director.clone()
                },
                attendees,
                agenda: if mine {
                    "1.通报本月党建重点工作推进情况\n2.通报党建调度考核结果\n3.安排下月重点工作"
                        .into()
                } else {
                    "1.通报上周党建调度工作完成情况\n2.安排本周重点工作\n3.对逾期、缺报事项进行督办"
                        .into()
                },
                notes: if future {
                    String::new()
                } else {
                    "会议听取了各单位工作汇报，对议定事项明确了责任单位和完成时限（示例数据）。"
                        .into()
                },
            };
            let meeting = self.create_meeting(actor, &input, &decisions)?;
            report.meetings += 1;
            report.decisions += meeting.decisions.len();
            if future {
                continue;
            }
            let age = (today - *held).num_days();
            // Older decisions of the monthly meeting and of every fourth
            // weekly one became notices that were carried out.
            let to_notice = age > 40 && (mine || i % 4 == 0);
            if to_notice {
                let decision = &meeting.decisions[0];
                let (_, doc) = self.decision_to_doc(
                    actor,
                    decision.id,
                    &DecisionDocInput {
                        kind: "notice".into(),
                        ..Default::default()
                    },
                )?;
                report.documents += 1;
                let signed = add_working(&cal, *held, 1);
                self.sign_as_at(actor, doc.id, None, &signer, at(signed, 9, 30))?;
                let unit = decision.unit_id.unwrap_or_default();
                let who = people
                    .secretaries
                    .get(&unit)
                    .cloned()
                    .unwrap_or_else(|| "部门负责人".into());
                self.receive_doc(
                    actor,
                    doc.id,
                    &who,
                    &add_working(&cal, signed, 1).to_string(),
                )?;
                let due = decision
                    .deadline
                    .as_deref()
                    .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                    .unwrap_or(signed);
                // Four in five on time, the rest two working days late.
                let done = if i % 5 == 3 {
                    add_working(&cal, due, 2)
                } else {
                    add_working(&cal, due, -1).max(signed)
                };
                self.complete_doc(actor, doc.id, &done.min(today).to_string())?;
            }
            // Two recent weekly meetings each issued an order whose reports
            // have not come in: the reminder list's sample.
            let recent = !mine
                && (((15..=24).contains(&age) && recent_orders.is_empty())
                    || ((8..=14).contains(&age) && recent_orders.len() == 1));
            if recent {
                let decision = &meeting.decisions[0];
                let rule = if recent_orders.is_empty() {
                    FeedbackRule {
                        mode: "weekly".into(),
                        weekday: Some(5),
                        forms: vec!["text".into(), "image".into()],
                        ..Default::default()
                    }
                } else {
                    FeedbackRule {
                        mode: "every_n_days".into(),
                        every: Some(3),
                        forms: vec!["text".into()],
                        ..Default::default()
                    }
                };
                let (_, doc) = self.decision_to_doc(
                    actor,
                    decision.id,
                    &DecisionDocInput {
                        kind: "order".into(),
                        urgency: Some("expedited".into()),
                        deadline: Some(add_working(&cal, today, 10).to_string()),
                        feedback_rule: Some(rule),
                        ..Default::default()
                    },
                )?;
                report.documents += 1;
                let signed = add_working(&cal, *held, 1);
                self.sign_as_at(actor, doc.id, None, &signer, at(signed, 10, 0))?;
                let unit = decision.unit_id.unwrap_or_default();
                let who = people
                    .secretaries
                    .get(&unit)
                    .cloned()
                    .unwrap_or_else(|| "支部书记".into());
                self.receive_doc(
                    actor,
                    doc.id,
                    &who,
                    &add_working(&cal, signed, 1).to_string(),
                )?;
                self.start_doc(actor, doc.id)?;
                recent_orders.push(doc.id);
            }
        }

        // Supervision records on about every other working day of the year.
        let mut day = working_on_or_after(&cal, start);
        let mut n = 0usize;
        while day <= today {
            if n.is_multiple_of(2) {
                let k = n / 2;
                let (uid, _) = if k % 5 == 4 {
                    units.departments[k % units.departments.len()].clone()
                } else {
                    branches[(k * 7) % branches.len()].clone()
                };
                let (findings, result) = FINDINGS[k % FINDINGS.len()];
                let supervisor = if people.dispatchers.is_empty() {
                    people.director.clone()
                } else {
                    people.dispatchers[k % people.dispatchers.len()].clone()
                };
                self.create_supervision(
                    actor,
                    &SupervisionInput {
                        unit_id: Some(uid),
                        supervised_on: day.to_string(),
                        method: METHODS[k % METHODS.len()].into(),
                        supervisor,
                        findings: findings.into(),
                        result: result.into(),
                        ..Default::default()
                    },
                )?;
                report.supervisions += 1;
            }
            n += 1;
            day = add_working(&cal, day, 1);
        }

        // The first recent order: a phone call, then a reminder notice.
        if let Some(&order) = recent_orders.first() {
            let call = add_working(&cal, today, -3);
            self.create_supervision(
                actor,
                &SupervisionInput {
                    target_kind: Some("document".into()),
                    target_id: Some(order),
                    supervised_on: call.to_string(),
                    method: "phone".into(),
                    supervisor: people.director.clone(),
                    findings: "本周进展材料尚未报送，支部书记称正在整理图片资料".into(),
                    result: "要求按调度令要求补报，并说明原因".into(),
                    ..Default::default()
                },
            )?;
            report.supervisions += 1;
            let sent = add_working(&cal, today, -2);
            if self
                .send_reminder_on(actor, "document", order, sent)
                .is_ok()
            {
                report.reminders += 1;
            }
        }
        Ok(report)
    }

    /// After the sample plan's documents exist: the plan is tied to the
    /// meeting that launched it, one recent decision becomes a plan task, and
    /// the first ended stage gets its summary, issued and read out.
    pub(crate) fn load_sample_stage_work(
        &mut self,
        actor: &Actor,
        report: &mut SupervisionSampleReport,
    ) -> Result<()> {
        let today = diaodu_domain::clock::today();
        let cal = crate::plans::calendar_of(&self.conn)?;
        let Some(plan) = self
            .list_plans(&Default::default())?
            .into_iter()
            .next()
            .map(|p| p.plan)
        else {
            return Ok(());
        };
        let plan_start = NaiveDate::parse_from_str(&plan.start, "%Y-%m-%d").unwrap_or(today);
        let meetings = self.list_meetings(&Default::default())?;
        // The first 矿大调度会 on or after the plan's start (or the last one
        // before it) launched the special action.
        let launch = meetings
            .iter()
            .rev()
            .find(|m| m.kind == "mine" && m.held_on >= plan.start && m.held_on <= today.to_string())
            .or_else(|| {
                meetings
                    .iter()
                    .find(|m| m.kind == "mine" && m.held_on < plan.start)
            });
        let stages = self.list_summary_stages_on(today)?;
        if let Some(m) = launch {
            let meeting = self.add_decision(
                actor,
                m.id,
                &DecisionInput {
                    text: format!(
                        "全面启动《{}》，党建调度室绘制网络推进图，向各责任单位下发通知单和调度令",
                        plan.title
                    ),
                    unit_id: self
                        .list_units(false)?
                        .into_iter()
                        .find(|u| u.name == "党建调度室")
                        .map(|u| u.id),
                    deadline: Some(add_working(&cal, plan_start, 10).to_string()),
                },
            )?;
            report.decisions += 1;
            let chart = self.chart(plan.id, None)?;
            if let (Some(d), Some(t)) = (
                meeting.decisions.last(),
                chart
                    .tasks
                    .iter()
                    .find(|t| t.name == "绘制专项行动网络推进图"),
            ) {
                self.link_decision(
                    actor,
                    d.id,
                    Some(t.id),
                    None,
                    &format!("对应计划任务“{}”", t.name),
                )?;
            }
            // The latest weekly meeting put one of the 整改提升 tasks on its
            // list (the sample plan itself is left as it is).
            if let (Some(week), Some(task)) = (
                meetings
                    .iter()
                    .find(|m| m.kind == "regular" && m.held_on <= today.to_string()),
                chart
                    .tasks
                    .iter()
                    .find(|t| t.name == "党员先锋岗和责任区创建"),
            ) {
                let meeting = self.add_decision(
                    actor,
                    week.id,
                    &DecisionInput {
                        text: "党委组织部加快推进党员先锋岗和责任区创建，井下区队全覆盖".into(),
                        unit_id: task.lead_unit_id,
                        deadline: task.deadline.clone(),
                    },
                )?;
                report.decisions += 1;
                if let Some(d) = meeting.decisions.last() {
                    self.link_decision(
                        actor,
                        d.id,
                        Some(task.id),
                        None,
                        &format!("对应计划任务“{}”", task.name),
                    )?;
                }
            }
        }
        // 一总结一通报 for the first stage that has ended.
        if let Some(stage) = stages
            .iter()
            .filter(|s| s.plan_id == plan.id && s.ended)
            .min_by(|a, b| a.finish.cmp(&b.finish))
        {
            let finish = NaiveDate::parse_from_str(&stage.finish, "%Y-%m-%d").unwrap_or(today);
            let issued = add_working(&cal, finish, 1).min(today);
            let s = self.generate_summary_on(actor, plan.id, Some(stage.stage_id), issued)?;
            let signer = self
                .sample_people()?
                .leaders
                .first()
                .cloned()
                .unwrap_or_default();
            self.issue_summary_as(actor, s.id, None, &signer, at(issued, 16, 0))?;
            report.summaries += 1;
            let read_at = self
                .list_meetings(&Default::default())?
                .into_iter()
                .rev()
                .find(|m| m.held_on >= issued.to_string() && m.held_on <= today.to_string());
            if let Some(m) = read_at {
                self.record_bulletin_read(actor, m.id, s.id)?;
            }
        }
        Ok(())
    }
}
