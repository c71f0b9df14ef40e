//! Sample registers, dated around today and invented like the rest of the
//! sample: leaders' visits to their assistance points with problems turned
//! into a task, rectification items (one closed out) or solved on the spot;
//! emergency events on days of the sample duty roster; duties of the
//! office's posts; and the archive with the sample plan's source files
//! (which the plan then cites) and the office's 制度 texts.
use super::{ArchiveInput, EmergencyInput, NotifiedInput, PostDutyInput, VisitInput};
use super::{ProblemSolvedInput, ProblemToRectification, ProblemToTask};
use crate::db::{Actor, Store};
use crate::{AttachmentRef, Result};
use chrono::{Duration, NaiveDate};
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RegistersSampleReport {
    pub visits: usize,
    pub problems: usize,
    pub emergencies: usize,
    pub duties: usize,
    pub archive_files: usize,
}

/// (days ago, summary, problems) of the visits to one point.
const VISITS: [(i64, &str, &[&str]); 3] = [
    (
        75,
        "听取支部书记汇报“三会一课”落实情况，查看党员活动室，与班组党员座谈。",
        &[
            "井下一线党员学习时间难以保证，学习记录不全",
            "党员活动室电脑老旧，无法登录党建平台",
        ],
    ),
    (
        40,
        "参加支部主题党日，检查支部标准化建设自查台账。",
        &["支部标准化建设自查台账缺少佐证照片"],
    ),
    (
        9,
        "走访困难党员家庭两户，了解班组安全生产和职工思想动态。",
        &["困难党员慰问金发放名单未经支部委员会研究"],
    ),
];

/// (hours ago, place, category, reporter, what, measures, closure note).
type SampleEmergency = (
    i64,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

const EMERGENCIES: [SampleEmergency; 4] = [
    (
        24 * 70 + 3,
        "家属区3号楼",
        "logistics",
        "物业公司值班员",
        "3号楼地下供水管道破裂，约40户停水。",
        "通知物业公司抢修队关闭阀门、抢修管道；通知后勤服务中心送桶装水到户。",
        Some("当日17时40分管道修复，恢复供水；后勤服务中心逐户回访。"),
    ),
    (
        24 * 38 + 10,
        "矿区东门",
        "stability",
        "武装保卫部门卫",
        "十余名外包单位职工在东门聚集，反映工资拖欠问题。",
        "通知信访维稳办公室、武装保卫部到场疏导；联系外包单位负责人到矿说明情况。",
        Some("外包单位当场承诺三日内结清工资，人员散去；信访办跟踪兑现情况。"),
    ),
    (
        24 * 12 + 15,
        "洗煤厂皮带走廊",
        "surface",
        "洗煤厂值班长",
        "皮带走廊照明线路短路冒烟，现场人员用灭火器处置，无人员受伤。",
        "通知供电队断电检修；通知安监处到场调查；洗煤厂停机检查。",
        Some("线路更换完毕，安监处下发隐患整改通知，洗煤厂恢复生产。"),
    ),
    (
        5,
        "职工食堂",
        "logistics",
        "后勤服务中心值班员",
        "职工食堂燃气报警器报警，已组织人员撤离。",
        "通知燃气公司抢修；食堂暂停供餐，改为送餐到区队。",
        None,
    ),
];

/// (post, title of the person in the sample organisation or none, duties).
const DUTIES: [(&str, Option<&str>, &str); 4] = [
    (
        "党建调度室主任",
        Some("党建调度室"),
        "主持党建调度室全面工作；组织召开党建调度例会；审核签发调度令；对各单位党建工作调度督办、考核兑现负总责。",
    ),
    (
        "调度员",
        Some("调度员"),
        "按班次值班，接听热线电话并登记处理；下发通知单、调度令并跟踪签收和反馈；按时间节点督办催办；填写交接班记录，未办结事项逐项交接。",
    ),
    (
        "带班领导",
        None,
        "24小时带班值班，掌握全矿安全生产和后勤保障、信访维稳等情况；接报应急事件后第一时间组织处置，并按规定向上级报告。",
    ),
    (
        "党支部书记",
        None,
        "落实“三会一课”等组织生活制度；按工作规范逐项完成支部工作并按时向党建调度室反馈；组织整改检查和帮扶中发现的问题。",
    ),
];

/// (title, issuer, number, days before the plan's start) of the 制度 texts.
const RULES: [(&str, &str, &str, i64); 3] = [
    (
        "党建调度考核管理办法",
        "晋源煤矿党委",
        "晋源党发〔2026〕2号",
        60,
    ),
    ("应急管理制度", "晋源煤矿党委", "晋源党发〔2026〕3号", 58),
    (
        "调度员交接班制度",
        "晋源煤矿党委党建调度室",
        "晋源党调字〔2026〕1号",
        55,
    ),
];

impl Store {
    /// Copies an invented text into the attachment store as the archived
    /// file's electronic copy.
    fn sample_text_file(&self, name: &str, text: &str) -> Result<AttachmentRef> {
        let stored = self.attachment_store()?.ingest_reader(
            name,
            text.as_bytes(),
            Some(text.len() as u64),
        )?;
        Ok(AttachmentRef {
            sha256: stored.sha256,
            name: stored.name,
        })
    }

    /// Loads the sample registers; needs the organisation, the sample plan
    /// and the duty roster (assessment sample) already loaded.
    pub(crate) fn load_sample_registers(&mut self, actor: &Actor) -> Result<RegistersSampleReport> {
        let today = super::today();
        let mut report = RegistersSampleReport::default();
        self.sample_archive(actor, today, &mut report)?;
        self.sample_visits(actor, today, &mut report)?;
        self.sample_emergencies(actor, &mut report)?;
        self.sample_duties(actor, today, &mut report)?;
        Ok(report)
    }

    fn sample_archive(
        &mut self,
        actor: &Actor,
        today: NaiveDate,
        report: &mut RegistersSampleReport,
    ) -> Result<()> {
        let sp = diaodu_domain::sample::plan();
        let plan = self
            .list_plans(&crate::PlanFilter::default())?
            .into_iter()
            .find(|p| p.plan.title == sp.title);
        let plan_start = plan
            .as_ref()
            .and_then(|p| NaiveDate::parse_from_str(&p.plan.start, "%Y-%m-%d").ok())
            .unwrap_or(today);
        let mut cited = Vec::new();
        for (i, (issuer, number, title)) in sp.sources.iter().enumerate() {
            let issued = (plan_start - Duration::days(20 - 6 * i as i64)).min(today);
            let body = format!(
                "{issuer}\n{number}\n\n{title}\n\n（示例文件，内容虚构）\n各单位：为夯实党建基础工作，现就开展专项行动有关事项通知如下……\n"
            );
            let file = self.sample_text_file(&format!("{title}.txt"), &body)?;
            let f = self.create_archive_file(
                actor,
                &ArchiveInput {
                    kind: "incoming".into(),
                    title: (*title).into(),
                    issuer: (*issuer).into(),
                    number: (*number).into(),
                    issued_on: issued.to_string(),
                    note: "示例数据".into(),
                    attachments: vec![file],
                },
            )?;
            cited.push(f.id);
            report.archive_files += 1;
        }
        for (title, issuer, number, before) in RULES {
            let body =
                format!("{title}\n\n第一条 为规范……，制定本制度。\n（示例文件，内容虚构）\n");
            let file = self.sample_text_file(&format!("{title}.txt"), &body)?;
            self.create_archive_file(
                actor,
                &ArchiveInput {
                    kind: "rule".into(),
                    title: title.into(),
                    issuer: issuer.into(),
                    number: number.into(),
                    issued_on: (plan_start - Duration::days(before)).min(today).to_string(),
                    note: "示例数据".into(),
                    attachments: vec![file],
                },
            )?;
            report.archive_files += 1;
        }
        // The sample plan cites the files it was issued under.
        if let Some(p) = plan {
            let p = p.plan;
            self.update_plan(
                actor,
                p.id,
                &crate::PlanInput {
                    title: p.title.clone(),
                    kind: p.kind.code().into(),
                    goal: p.goal.clone(),
                    lead_unit_id: p.lead_unit_id,
                    start: p.start.clone(),
                    end: p.end.clone(),
                    note: p.note.clone(),
                    sources: cited
                        .iter()
                        .map(|id| crate::SourceDocument {
                            archive_id: Some(*id),
                            ..Default::default()
                        })
                        .collect(),
                },
            )?;
        }
        Ok(())
    }

    fn sample_visits(
        &mut self,
        actor: &Actor,
        today: NaiveDate,
        report: &mut RegistersSampleReport,
    ) -> Result<()> {
        // One point of each of four leaders (the list runs leader by leader).
        let mut points: Vec<crate::AssistancePoint> = Vec::new();
        for p in self.list_assistance_points(false)? {
            if points.len() < 4 && !points.iter().any(|x| x.leader_id == p.leader_id) {
                points.push(p);
            }
        }
        let cal = crate::plans::calendar_of(&self.conn)?;
        let working = |d: NaiveDate| cal.working_on_or_after(d).unwrap_or(d);
        for (n, point) in points.iter().enumerate() {
            for (k, (ago, summary, problems)) in VISITS.iter().enumerate() {
                // Each point's visits on its own days.
                let on = today - Duration::days(ago + n as i64 * 3);
                let v = self.create_visit(
                    actor,
                    &VisitInput {
                        point_id: point.id,
                        visited_on: on.to_string(),
                        leader_id: None,
                        summary: (*summary).into(),
                        problems: problems.iter().map(|p| p.to_string()).collect(),
                    },
                )?;
                report.visits += 1;
                report.problems += v.problems.len();
                // What became of them: the older visits' problems are dealt
                // with, the latest visit's left pending on some points.
                for (j, p) in v.problems.iter().enumerate() {
                    match (k, j, n % 2) {
                        (0, 0, _) => {
                            self.solve_problem_onsite(
                                actor,
                                &ProblemSolvedInput {
                                    problem_id: p.id,
                                    solved_on: on.to_string(),
                                    solution:
                                        "现场协调区队调整学习时间，安排班前会集中学习并补全记录。"
                                            .into(),
                                },
                            )?;
                        }
                        (0, 1, _) => {
                            self.problem_to_task(
                                actor,
                                &ProblemToTask {
                                    problem_id: p.id,
                                    deadline: working(on + Duration::days(30)).to_string(),
                                    ..Default::default()
                                },
                            )?;
                        }
                        (1, 0, _) => {
                            let r = self.problem_to_rectification(
                                actor,
                                &ProblemToRectification {
                                    problem_id: p.id,
                                    item_name: "补齐支部标准化建设佐证材料".into(),
                                    person_name: "支部书记".into(),
                                    deadline: working(on + Duration::days(14)).to_string(),
                                    unit_id: None,
                                },
                            )?;
                            // Half of the points have verified and closed it out.
                            if n % 2 == 0 {
                                if let Some(rid) = r
                                    .problems
                                    .iter()
                                    .find(|x| x.id == p.id)
                                    .and_then(|x| x.rectification_id)
                                {
                                    self.verify_rectification(
                                        actor,
                                        rid,
                                        &crate::VerificationInput {
                                            verified_by: "党建调度室".into(),
                                            verified_on: today.to_string(),
                                            result: "pass".into(),
                                            note: "佐证材料齐全".into(),
                                        },
                                    )?;
                                    self.close_rectification(
                                        actor,
                                        rid,
                                        "示例数据：验收通过后销号",
                                    )?;
                                }
                            }
                        }
                        (2, 0, 1) => {
                            self.solve_problem_onsite(
                                actor,
                                &ProblemSolvedInput {
                                    problem_id: p.id,
                                    solved_on: on.to_string(),
                                    solution: "现场召开支委会重新研究慰问名单并公示。".into(),
                                },
                            )?;
                        }
                        _ => {}
                    }
                }
            }
        }
        Ok(())
    }

    fn sample_emergencies(
        &mut self,
        actor: &Actor,
        report: &mut RegistersSampleReport,
    ) -> Result<()> {
        let leaders: Vec<i64> = self
            .list_people(false)?
            .into_iter()
            .filter(|p| p.roles.iter().any(|r| r == "leader"))
            .map(|p| p.id)
            .collect();
        let now = super::now_minute();
        for (i, (hours, place, category, reporter, what, measures, closure)) in
            EMERGENCIES.iter().enumerate()
        {
            let at = now - Duration::hours(*hours);
            let at_text = at.format(super::TIME_FORMAT).to_string();
            let duty = self.duty_at(at)?;
            // The leader on duty first, then the leader in charge of the matter.
            let mut notified = Vec::new();
            if let Some(l) = duty.leader.as_ref() {
                if let Some(p) = self
                    .list_people(false)?
                    .into_iter()
                    .find(|p| p.name == l.name && p.roles.iter().any(|r| r == "leader"))
                {
                    notified.push(NotifiedInput {
                        person_id: p.id,
                        notified_at: (at + Duration::minutes(5))
                            .min(now)
                            .format(super::TIME_FORMAT)
                            .to_string(),
                        method: "电话".into(),
                    });
                }
            }
            if let Some(other) = leaders.get(i % leaders.len().max(1)) {
                if !notified.iter().any(|n| n.person_id == *other) {
                    notified.push(NotifiedInput {
                        person_id: *other,
                        notified_at: (at + Duration::minutes(12))
                            .min(now)
                            .format(super::TIME_FORMAT)
                            .to_string(),
                        method: "电话".into(),
                    });
                }
            }
            let e = self.create_emergency(
                actor,
                &EmergencyInput {
                    occurred_at: at_text,
                    place: (*place).into(),
                    category: (*category).into(),
                    reporter: (*reporter).into(),
                    reporter_phone: String::new(),
                    what: (*what).into(),
                    measures: (*measures).into(),
                    notified,
                },
            )?;
            if let Some(note) = closure {
                let end = (at + Duration::hours(4)).min(now);
                self.close_emergency(
                    actor,
                    e.id,
                    &end.format(super::TIME_FORMAT).to_string(),
                    note,
                )?;
            }
            report.emergencies += 1;
        }
        Ok(())
    }

    fn sample_duties(
        &mut self,
        actor: &Actor,
        today: NaiveDate,
        report: &mut RegistersSampleReport,
    ) -> Result<()> {
        let people = self.list_people(false)?;
        let since = NaiveDate::from_ymd_opt(chrono::Datelike::year(&today), 1, 1).unwrap_or(today);
        for (post, who, duties) in DUTIES {
            let holders: Vec<(Option<i64>, Option<i64>)> = match who {
                // The head of the office (by unit) or each dispatcher (by title).
                Some("党建调度室") => people
                    .iter()
                    .filter(|p| p.unit_name == "党建调度室" && p.title != "调度员")
                    .map(|p| (Some(p.id), Some(p.unit_id)))
                    .collect(),
                Some(title) => people
                    .iter()
                    .filter(|p| p.title == title)
                    .map(|p| (Some(p.id), Some(p.unit_id)))
                    .collect(),
                None => vec![(None, None)],
            };
            for (person_id, unit_id) in holders {
                self.create_post_duty(
                    actor,
                    &PostDutyInput {
                        post: post.into(),
                        unit_id,
                        person_id,
                        duties: duties.into(),
                        since: since.to_string(),
                        until: None,
                    },
                )?;
                report.duties += 1;
            }
        }
        Ok(())
    }
}
