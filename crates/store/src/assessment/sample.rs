//! Sample assessment and duty records, dated around today: a rule set in
//! force, the last three months of leaders' duty and dispatchers' shifts,
//! confirmed handovers, hotline calls, two inspections, and scored months
//! (the two older ones closed, with rewards and a bulletin). Everything goes
//! through the same operations as the UI. Names are invented.
use super::period::Period;
use super::{
    rules::RuleInput, AdjustmentInput, FindingInput, HandoverInput, HotlineConversion,
    HotlineInput, InspectionInput, ManualInput, RewardInput, RuleSetInput, ShiftInput,
};
use crate::db::{sql_err, Actor, Store};
use crate::Result;
use chrono::{Duration, NaiveDate};
use diaodu_domain::{Permission, Role};
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentSampleReport {
    pub rules: usize,
    pub months: usize,
    pub handovers: usize,
    pub hotline_calls: usize,
    pub inspections: usize,
    pub assessment_records: usize,
    /// The sample's dispatcher accounts, created disabled (see `one_time_password`).
    pub disabled_accounts: Vec<String>,
}

/// A password made for one sample load and forgotten after it: the
/// sample's handovers are confirmed with it, then the accounts are disabled,
/// so no sample account can be used until an administrator enables it and
/// sets a password.
fn one_time_password() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 18];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

const CALLS: [(&str, &str, &str, &str); 6] = [
    (
        "综采一队党支部",
        "职工 贾师傅",
        "井口候车室党建宣传栏内容长期未更新",
        "已转支部书记，要求一周内更新",
    ),
    (
        "后勤服务中心党支部",
        "家属 韩女士",
        "职工食堂夜班饭菜供应不及时",
        "协调后勤服务中心调整夜班供餐时间",
    ),
    (
        "机电科党支部",
        "党员 梁师傅",
        "支部主题党日活动通知发得太晚，井下班组来不及参加",
        "已提醒支部提前三天通知并分班次开展",
    ),
    (
        "物业公司党支部",
        "住户 田先生",
        "家属区路灯损坏多日无人维修",
        "联系物业公司当日修复",
    ),
    (
        "综掘一队党支部",
        "职工 侯师傅",
        "反映班组党员先锋岗挂牌与实际人员不符",
        "转组织部核实调整",
    ),
    (
        "洗煤厂党支部",
        "职工 秦师傅",
        "洗煤厂职工书屋开放时间与倒班时间冲突",
        "协调延长开放时间",
    ),
];

fn last_day(p: &Period) -> NaiveDate {
    p.end()
}

pub(crate) fn item(
    category: &str,
    description: &str,
    points: f64,
    direction: &str,
    dimension: &str,
    applies_to: &str,
    evidence: Option<&str>,
) -> RuleInput {
    RuleInput {
        category: category.into(),
        description: description.into(),
        points: Some(points),
        direction: direction.into(),
        dimension: dimension.into(),
        applies_to: applies_to.into(),
        evidence: evidence.map(str::to_string),
    }
}

/// A realistic rule set along the three dimensions (速度、力度、温度).
pub(crate) fn sample_rules() -> Vec<RuleInput> {
    vec![
        item(
            "调度令落实",
            "调度令、通知单未在规定时限内签收回执",
            1.0,
            "deduct",
            "speed",
            "both",
            Some("late_receipt"),
        ),
        item(
            "信息反馈",
            "未按调度令要求的周期反馈工作进展",
            0.5,
            "deduct",
            "speed",
            "both",
            Some("missing_feedback"),
        ),
        item(
            "信息反馈",
            "反馈工作进展迟报",
            0.2,
            "deduct",
            "speed",
            "both",
            Some("late_feedback"),
        ),
        item(
            "信息上报",
            "信息上报迟报、漏报",
            0.5,
            "deduct",
            "speed",
            "both",
            None,
        ),
        item(
            "问题整改",
            "整改事项超过完成时限未销号",
            2.0,
            "deduct",
            "strength",
            "both",
            Some("overdue_rectification"),
        ),
        item(
            "工作落实",
            "调度任务、调度令按期完成闭合",
            0.5,
            "bonus",
            "strength",
            "both",
            Some("closed_on_time"),
        ),
        item(
            "工作规范",
            "对照“1234”工作规范出现漏项、缺项",
            1.0,
            "deduct",
            "strength",
            "both",
            Some("omission"),
        ),
        item(
            "例会制度",
            "无故缺席党建调度例会",
            1.0,
            "deduct",
            "strength",
            "both",
            None,
        ),
        item(
            "综合大检查",
            "综合大检查发现问题（每项）",
            0.5,
            "deduct",
            "strength",
            "both",
            None,
        ),
        item(
            "帮扶指导",
            "包保部门帮助所包保支部按期解决问题",
            1.0,
            "bonus",
            "warmth",
            "department",
            Some("assistance_help"),
        ),
        item(
            "热点难点",
            "及时协调解决基层反映的热点难点问题，受到矿党委表扬",
            2.0,
            "bonus",
            "warmth",
            "both",
            None,
        ),
        item(
            "热线电话",
            "热线反映问题推诿扯皮、未按期答复",
            1.0,
            "deduct",
            "warmth",
            "both",
            None,
        ),
    ]
}

impl Store {
    /// Loads the sample; needs the sample organisation already loaded.
    pub(crate) fn load_sample_assessment(
        &mut self,
        actor: &Actor,
    ) -> Result<AssessmentSampleReport> {
        let mut report = AssessmentSampleReport::default();
        let set = self.create_rule_set(
            actor,
            &RuleSetInput {
                name: "晋源煤矿党建调度考核细则".into(),
                base_score: Some(100.0),
                note: "依据《党建调度考核管理办法》，从执行看速度、落实讲力度、帮扶有温度三个层面考核（示例数据）".into(),
            },
        )?;
        for r in sample_rules() {
            self.add_rule(actor, set.id, &r)?;
            report.rules += 1;
        }
        self.activate_rule_set_as(actor, set.id)?;

        let today = diaodu_domain::clock::today();
        let this_month = Period::month_of(today);
        let first = this_month.start() - Duration::days(1);
        let m1 = Period::month_of(first);
        let m2 = Period::month_of(m1.start() - Duration::days(1));
        let m3 = Period::month_of(m2.start() - Duration::days(1));
        let months = [m3, m2, m1];
        report.months = months.len();

        // Leaders' duty for the three months and this one, one swap a month.
        let leaders: Vec<i64> = self
            .list_people(false)?
            .into_iter()
            .filter(|p| p.roles.iter().any(|r| r == "leader"))
            .map(|p| p.id)
            .collect();
        if !leaders.is_empty() {
            for (i, m) in months.iter().chain([&this_month]).enumerate() {
                let mut order = leaders.clone();
                order.rotate_left(i % leaders.len());
                self.fill_leader_roster(actor, &m.code(), &order)?;
                let (a, b) = (
                    m.start() + Duration::days(9),
                    m.start() + Duration::days(11),
                );
                if leaders.len() > 2 {
                    self.swap_leader_duty(
                        actor,
                        &a.to_string(),
                        &b.to_string(),
                        "参加集团公司党建工作会议",
                    )?;
                }
            }
        }

        // Dispatcher accounts and shifts (only an administrator may add accounts).
        let password = one_time_password();
        let dispatchers = if actor.role == Role::Admin {
            self.sample_dispatchers(actor, &password)?
        } else {
            Vec::new()
        };
        if dispatchers.len() >= 2 {
            let n = dispatchers.len();
            let start = m3.start();
            let mut k = 0;
            let mut d = start;
            while d <= today + Duration::days(7) {
                for shift in ["day", "night"] {
                    self.set_dispatcher_shift(
                        actor,
                        &ShiftInput {
                            date: d.to_string(),
                            shift: shift.into(),
                            user_id: Some(dispatchers[k % n].0),
                            note: String::new(),
                        },
                    )?;
                    k += 1;
                }
                d += Duration::days(1);
            }
            report.handovers = self.sample_handovers(actor, &dispatchers, &password, today)?;
        }

        report.hotline_calls = self.sample_hotline(actor, &months)?;
        report.inspections = self.sample_inspections(actor, &months)?;
        report.assessment_records = self.sample_scores(actor, &months)?;
        for (id, username) in &dispatchers {
            let u = self.get_user(*id)?;
            self.update_user(
                actor,
                &crate::UserUpdate {
                    id: *id,
                    display_name: u.display_name,
                    role: u.role.code().into(),
                    disabled: true,
                },
            )?;
            report.disabled_accounts.push(username.clone());
        }
        Ok(report)
    }

    fn sample_dispatchers(&mut self, actor: &Actor, password: &str) -> Result<Vec<(i64, String)>> {
        actor.require(Permission::ManageUsers)?;
        let names: Vec<String> = self
            .list_people(false)?
            .into_iter()
            .filter(|p| p.title == "调度员")
            .map(|p| p.name)
            .collect();
        let mut out = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let username = format!("diaodu{}", i + 1);
            let u = self.create_user(actor, &username, name, "dispatcher", password)?;
            out.push((u.id, username));
        }
        Ok(out)
    }

    /// Handovers of the last days, each confirmed by both dispatchers with
    /// their own password (the one made for this load, before the accounts
    /// are disabled).
    fn sample_handovers(
        &mut self,
        actor: &Actor,
        users: &[(i64, String)],
        password: &str,
        today: NaiveDate,
    ) -> Result<usize> {
        let notes = [
            (
                "本班接热线电话2次，均已答复；督办综采一队调度令签收1次。",
                vec!["综采一队调度令回执未交回，下一班继续催办"],
            ),
            (
                "本班平稳。整理并印发党建调度例会纪要。",
                vec!["机电科党支部主题党日照片未上传平台"],
            ),
            ("本班处理家属区路灯报修1件，已修复。", vec![]),
            (
                "本班督办整改事项3项，2项已反馈。",
                vec!["通风队支部整改台账待验收"],
            ),
            ("本班平稳，无新增事项。", vec![]),
            ("本班接收宣传部信息上报1篇，已转报集团。", vec![]),
        ];
        let mut count = 0;
        for (i, (summary, items)) in notes.iter().enumerate() {
            let day = today - Duration::days((notes.len() - i) as i64);
            {
                let shift = if i % 2 == 0 { "day" } else { "night" };
                let out = &users[i % users.len()];
                let inc = &users[(i + 1) % users.len()];
                let h = self.create_handover(
                    actor,
                    &HandoverInput {
                        shift_date: day.to_string(),
                        shift: shift.into(),
                        outgoing_user_id: Some(out.0),
                        incoming_user_id: Some(inc.0),
                        summary: (*summary).into(),
                        items: items.iter().map(|s| s.to_string()).collect(),
                    },
                )?;
                // Half of the carried items get done before handing over.
                if let Some(item) = h.items.iter().find(|it| it.carried_from.is_some()) {
                    if i % 2 == 1 {
                        self.finish_handover_item(actor, item.id, done_note(&item.text))?;
                    }
                }
                self.confirm_handover(actor, h.id, &out.1, password)?;
                self.confirm_handover(actor, h.id, &inc.1, password)?;
                count += 1;
            }
        }
        Ok(count)
    }

    fn unit_id_named(&self, name: &str) -> Result<Option<i64>> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row(
                "SELECT id FROM unit WHERE name = ?1 AND retired_at IS NULL",
                [name],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_err)
    }

    fn sample_hotline(&mut self, actor: &Actor, months: &[Period]) -> Result<usize> {
        let mut n = 0;
        for (i, (unit, caller, matter, handling)) in CALLS.iter().enumerate() {
            let m = &months[i % months.len()];
            let day = m.start() + Duration::days(3 + (i as i64 * 5) % 20);
            let minutes = [25, 40, 90, 15, 180, 35][i];
            let at = day
                .and_hms_opt(9 + (i as u32 % 8), 10, 0)
                .expect("valid time");
            let call = self.create_hotline_call(
                actor,
                &HotlineInput {
                    received_at: at.format("%Y-%m-%d %H:%M").to_string(),
                    caller: (*caller).into(),
                    caller_phone: format!("1390355{:04}", 1200 + i * 37),
                    unit_id: self.unit_id_named(unit)?,
                    matter: (*matter).into(),
                    handling: (*handling).into(),
                    responded_at: Some(
                        (at + Duration::minutes(minutes))
                            .format("%Y-%m-%d %H:%M")
                            .to_string(),
                    ),
                },
            )?;
            n += 1;
            // Tasks and orders from calls are left to the user, so the sample's
            // plan and document lists stay as the other samples describe them.
            if i == 0 {
                self.convert_hotline_call(
                    actor,
                    &HotlineConversion {
                        id: call.id,
                        into: "rectification".into(),
                        item_name: "更新井口候车室党建宣传栏".into(),
                        person_name: "支部书记".into(),
                        deadline: Some((day + Duration::days(7)).to_string()),
                        ..Default::default()
                    },
                )?;
            }
        }
        Ok(n)
    }

    fn sample_inspections(&mut self, actor: &Actor, months: &[Period]) -> Result<usize> {
        let problems = [
            (
                "综采二队党支部",
                "“三会一课”记录缺少9月组织生活会内容",
                "补齐组织生活会记录",
                "程晓东",
            ),
            (
                "运输一队党支部",
                "党员活动室制度牌破损",
                "更换活动室制度牌",
                "武宏伟",
            ),
            (
                "供电队党支部",
                "党费收缴台账未按月登记",
                "规范党费收缴台账",
                "段国栋",
            ),
            (
                "党委宣传部",
                "矿报党建专栏两期未按时出刊",
                "恢复党建专栏按期出刊",
                "牛文斌",
            ),
        ];
        let mut n = 0;
        for (k, m) in [&months[0], &months[2]].into_iter().enumerate() {
            let on = last_day(m) - Duration::days(8);
            let findings = problems
                .iter()
                .skip(k)
                .take(3)
                .map(|(unit, problem, item, person)| {
                    Ok(FindingInput {
                        unit_id: self.unit_id_named(unit)?,
                        problem: (*problem).into(),
                        item_name: (*item).into(),
                        person_name: (*person).into(),
                        deadline: (on + Duration::days(if k == 0 { 6 } else { 20 })).to_string(),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            self.create_inspection(
                actor,
                &InspectionInput {
                    inspected_on: on.to_string(),
                    title: format!("{}综合大检查", m.label()),
                    team: "组长：党委副书记；成员：党建调度室、组织部、宣传部、纪委各1人".into(),
                    scope: "全部党委部门和基层党支部的党建基础工作".into(),
                    findings,
                },
            )?;
            n += 1;
        }
        Ok(n)
    }

    /// Scores the three months: proposals from the records confirmed, a few
    /// hand entries and an adjustment; the two older months closed, with
    /// rewards and the bulletin for the oldest.
    fn sample_scores(&mut self, actor: &Actor, months: &[Period]) -> Result<usize> {
        let set = self
            .list_rule_sets()?
            .into_iter()
            .find(|s| s.status == "active");
        let Some(set) = set else { return Ok(0) };
        let rule = |text: &str| {
            set.rules
                .iter()
                .find(|r| r.description.contains(text))
                .map(|r| r.id)
        };
        let entries = [
            (
                "综掘二队党支部",
                "无故缺席党建调度例会",
                "未请假缺席党建调度例会",
            ),
            ("机运队党支部", "信息上报", "党建信息上报迟报2天"),
            (
                "党委宣传部",
                "热点难点",
                "协调解决洗煤厂职工书屋开放时间问题，矿党委通报表扬",
            ),
            (
                "通风队党支部",
                "综合大检查发现问题",
                "综合大检查发现“三会一课”记录不规范",
            ),
            ("工会", "热点难点", "及时协调职工食堂夜班供餐问题"),
            ("皮带队党支部", "信息上报", "主题党日活动信息未按时上报平台"),
            (
                "抽采队党支部",
                "热线电话",
                "热线反映的班组学习时间问题未按期答复",
            ),
            (
                "洗煤厂党支部",
                "热点难点",
                "协调解决倒班职工子女托管难题，矿党委表扬",
            ),
            ("党委组织部", "无故缺席党建调度例会", "调度例会未派员参加"),
            (
                "救护队党支部",
                "综合大检查发现问题",
                "综合大检查发现党员档案缺页",
            ),
            ("供电队党支部", "信息上报", "党建信息漏报1次"),
            (
                "后勤服务中心党支部",
                "热点难点",
                "家属区供暖问题协调到位，矿党委表扬",
            ),
        ];
        let mut count = 0;
        for (mi, m) in months.iter().enumerate() {
            self.propose_assessments(actor, &m.code())?;
            let proposed: Vec<i64> = self
                .list_assessment_records(&m.code(), Some("proposed"))?
                .iter()
                .map(|r| r.id)
                .collect();
            if !proposed.is_empty() {
                self.decide_assessment_records(actor, &proposed, true, "核实无误")?;
            }
            for (k, (unit, rule_text, fact)) in entries.iter().enumerate() {
                if (k + mi) % 3 == 2 {
                    continue;
                }
                let (Some(unit_id), Some(rule_id)) = (self.unit_id_named(unit)?, rule(rule_text))
                else {
                    continue;
                };
                self.add_assessment_record(
                    actor,
                    &ManualInput {
                        period: m.code(),
                        unit_id: Some(unit_id),
                        rule_id: Some(rule_id),
                        description: (*fact).into(),
                        occurred_on: Some(
                            (m.start() + Duration::days(3 + k as i64 * 2)).to_string(),
                        ),
                    },
                )?;
            }
            if mi == 1 {
                if let Some(unit_id) = self.unit_id_named("救护队党支部")? {
                    self.add_assessment_adjustment(
                        actor,
                        &AdjustmentInput {
                            period: m.code(),
                            unit_id: Some(unit_id),
                            points: Some(1.5),
                            reason: "参加矿井应急救援演练表现突出，经矿党委研究加分".into(),
                        },
                    )?;
                }
            }
            count += self
                .list_assessment_records(&m.code(), Some("confirmed"))?
                .len();
            if mi < 2 {
                let ranking = self.close_assessment_period_as(actor, &m.code())?;
                if mi == 0 {
                    let decided = (m.end() + Duration::days(3)).min(diaodu_domain::clock::today());
                    if let Some(best) = ranking.branches.first() {
                        self.create_reward(
                            actor,
                            &RewardInput {
                                period: Some(m.code()),
                                unit_id: Some(best.unit_id),
                                kind: "reward".into(),
                                title: "通报表扬，授予“党建调度流动红旗”".into(),
                                amount: Some(500.0),
                                reason: format!(
                                    "{}党建调度考核得分{}分，位列基层党支部第一",
                                    m.label(),
                                    best.score
                                ),
                                decided_on: decided.to_string(),
                            },
                        )?;
                    }
                    if let Some(worst) = ranking.branches.last() {
                        self.create_reward(
                            actor,
                            &RewardInput {
                                period: Some(m.code()),
                                unit_id: Some(worst.unit_id),
                                kind: "penalty".into(),
                                title: "通报批评".into(),
                                amount: Some(200.0),
                                reason: format!(
                                    "{}党建调度考核得分{}分，位列基层党支部末位",
                                    m.label(),
                                    worst.score
                                ),
                                decided_on: decided.to_string(),
                            },
                        )?;
                    }
                    self.issue_bulletin_as(actor, &m.code())?;
                }
            }
        }
        Ok(count)
    }
}

/// What the dispatcher wrote when a sample handover item was done.
fn done_note(item: &str) -> &'static str {
    if item.contains("回执") {
        "综采一队已交回回执，签收情况已登记"
    } else if item.contains("照片") {
        "已电话督促，照片已上传平台"
    } else if item.contains("台账") {
        "已组织验收，台账合格"
    } else {
        "已办理完毕，结果已告知相关单位"
    }
}
