//! 奖惩: rewards and penalties decided on the assessment results, and the
//! bulletin (奖惩通报) printed as an official document: the ranking of a
//! closed period and the rewards and penalties, numbered when issued.
use super::evidence::cn;
use super::period::Period;
use super::scoring::ranking_in;
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::numbering::{take_number, PaperKind};
use crate::{now_text, Result};
use chrono::Datelike;
use diaodu_documents::{IssuerHeading, OfficialDocument, Paragraph, PrintedBy, Signature};
use diaodu_domain::assessment::RewardKind;
use diaodu_domain::plan::parse_date;
use diaodu_domain::{validate, CoreError, Permission};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RewardPenalty {
    pub id: i64,
    pub period: Option<String>,
    pub period_label: Option<String>,
    pub unit_id: i64,
    pub unit_name: String,
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub amount: Option<f64>,
    pub reason: String,
    pub decided_on: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RewardInput {
    pub period: Option<String>,
    pub unit_id: Option<i64>,
    pub kind: String,
    /// e.g. 通报表扬, 流动红旗, 通报批评.
    pub title: String,
    /// Yuan, if money is involved.
    pub amount: Option<f64>,
    pub reason: String,
    pub decided_on: String,
}

fn rewards_where(
    conn: &Connection,
    clause: &str,
    arg: rusqlite::types::Value,
) -> Result<Vec<RewardPenalty>> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT r.id, p.period, r.unit_id, u.name, r.kind, r.title, r.amount, r.reason, r.decided_on, r.created_at
             FROM reward_penalty r JOIN unit u ON u.id = r.unit_id LEFT JOIN assessment_period p ON p.id = r.period_id
             WHERE {clause} ORDER BY r.decided_on DESC, r.id DESC"
        ))
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([arg], |r| {
            let period: Option<String> = r.get(1)?;
            let kind: String = r.get(4)?;
            Ok(RewardPenalty {
                id: r.get(0)?,
                period_label: period
                    .as_deref()
                    .and_then(|p| Period::parse(p).ok())
                    .map(|p| p.label()),
                period,
                unit_id: r.get(2)?,
                unit_name: r.get(3)?,
                kind_label: RewardKind::parse(&kind)
                    .map(|k| k.label())
                    .unwrap_or("")
                    .into(),
                kind,
                title: r.get(5)?,
                amount: r.get(6)?,
                reason: r.get(7)?,
                decided_on: r.get(8)?,
                created_at: r.get(9)?,
            })
        })
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err);
    rows
}

fn score_text(s: f64) -> String {
    let t = format!("{s:.2}");
    t.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl Store {
    /// Rewards and penalties, all or those of one period.
    pub fn list_rewards(&self, period: Option<&str>) -> Result<Vec<RewardPenalty>> {
        match period.map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => rewards_where(&self.conn, "p.period = ?1", Period::parse(p)?.code().into()),
            None => rewards_where(&self.conn, "?1 = 1", 1.into()),
        }
    }

    pub fn create_reward(&mut self, actor: &Actor, input: &RewardInput) -> Result<RewardPenalty> {
        actor.require(Permission::EditRecords)?;
        let unit_id = input
            .unit_id
            .ok_or_else(|| CoreError::validation("unitId", "请选择单位"))?;
        if input.kind.trim().is_empty() {
            return Err(CoreError::validation("kind", "请选择奖励或处罚"));
        }
        let kind = RewardKind::parse(&input.kind)?;
        let title = validate::required_text("title", "奖惩名目", &input.title, 40)?;
        let reason = validate::required_text("reason", "奖惩事由", &input.reason, 500)?;
        if input.decided_on.trim().is_empty() {
            return Err(CoreError::validation("decidedOn", "请填写决定日期"));
        }
        let on = parse_date("decidedOn", "决定日期", &input.decided_on)?;
        if let Some(a) = input.amount {
            if !(0.0..=1_000_000.0).contains(&a) {
                return Err(CoreError::validation("amount", "金额应在0到100万元之间"));
            }
        }
        let tx = self.tx()?;
        let unit: String = tx
            .query_row("SELECT name FROM unit WHERE id = ?1", [unit_id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(sql_err)?
            .ok_or_else(|| CoreError::validation("unitId", "单位不存在"))?;
        let period_id: Option<i64> = match input
            .period
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            Some(p) => {
                let p = Period::parse(p)?;
                Some(
                    tx.query_row(
                        "SELECT id FROM assessment_period WHERE period = ?1",
                        [p.code()],
                        |r| r.get(0),
                    )
                    .optional()
                    .map_err(sql_err)?
                    .ok_or_else(|| {
                        CoreError::validation("period", format!("{}还没有考核记录", p.label()))
                    })?,
                )
            }
            None => None,
        };
        tx.execute(
            "INSERT INTO reward_penalty (period_id, unit_id, kind, title, amount, reason, decided_on, created_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![period_id, unit_id, kind.code(), title, input.amount, reason, on.to_string(), actor.user_id, now_text()],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        record(
            &tx,
            actor,
            "reward",
            Some(id),
            "create",
            &format!("{}：{unit}“{title}”，事由：{reason}", kind.label()),
            serde_json::json!({"unit": unit, "kind": kind.code(), "title": title, "amount": input.amount, "reason": reason}),
        )?;
        commit(tx)?;
        Ok(rewards_where(&self.conn, "r.id = ?1", id.into())?.remove(0))
    }

    /// Gives a closed period's bulletin its number (prefix〔year〕N号), once.
    /// A signer's act: the signer or administrator role and the password again.
    pub fn issue_bulletin(
        &mut self,
        actor: &Actor,
        period: &str,
        password: &str,
    ) -> Result<String> {
        actor.require(Permission::EditRecords)?;
        Period::parse(period)?;
        self.confirm_signer_act(actor, password, crate::credentials::Act::IssueBulletin)?;
        self.issue_bulletin_as(actor, period)
    }

    /// The numbering itself, once who may do it has been established.
    pub(crate) fn issue_bulletin_as(&mut self, actor: &Actor, period: &str) -> Result<String> {
        let p = Period::parse(period)?;
        let prefix = self.number_prefix(PaperKind::RewardBulletin)?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(sql_err)?;
        let row: Option<(i64, String, Option<String>)> = tx
            .query_row(
                "SELECT id, status, bulletin_number FROM assessment_period WHERE period = ?1",
                [p.code()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(sql_err)?;
        let (id, status, number) =
            row.ok_or_else(|| CoreError::conflict(format!("{}还没有考核记录", p.label())))?;
        if let Some(n) = number {
            return Err(CoreError::conflict(format!(
                "{}的奖惩通报已印发，文号 {n}",
                p.label()
            )));
        }
        if status != "closed" {
            return Err(CoreError::conflict(format!(
                "{}考核尚未关闭，请先关闭考核（冻结结果）再印发通报",
                p.label()
            )));
        }
        let issued_at = now_text();
        let taken = take_number(
            &tx,
            PaperKind::RewardBulletin,
            id,
            &prefix,
            diaodu_domain::clock::today().year(),
            &issued_at,
        )?;
        let number = taken.number.clone();
        tx.execute(
            "UPDATE assessment_period SET bulletin_year = ?1, bulletin_seq = ?2, bulletin_number = ?3, bulletin_issued_at = ?4 WHERE id = ?5",
            params![taken.year, taken.seq, number, issued_at, id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "assessment_period",
            Some(id),
            "issue",
            &format!("印发{}考核奖惩通报，文号 {number}", p.label()),
            serde_json::json!({"number": number}),
        )?;
        commit(tx)?;
        Ok(number)
    }

    /// The bulletin of a period as an official document (GB/T 9704): the
    /// ranking of departments and branches, then rewards and penalties.
    pub fn bulletin_document(&self, period: &str) -> Result<OfficialDocument> {
        let p = Period::parse(period)?;
        let ranking = ranking_in(&self.conn, &p)?;
        if ranking.period.status != "closed" {
            return Err(CoreError::conflict(format!(
                "{}考核尚未关闭，关闭（冻结结果）后才能打印奖惩通报",
                p.label()
            )));
        }
        let issuer = self.issuer_name()?;
        let rewards = self.list_rewards(Some(period))?;
        let mut body = vec![Paragraph::body(format!(
            "根据《{}》（第{}版），党建调度室对各党委部门、基层党支部{}党建调度工作进行了考核，考核建议均已逐条核实确认。现将考核结果及奖惩情况通报如下：",
            ranking.period.rule_set_name.clone().unwrap_or_default(),
            ranking.period.rule_set_version.unwrap_or(1),
            p.label(),
        ))];
        body.push(Paragraph::heading1("一、考核结果"));
        for (label, list) in [
            ("党委部门", &ranking.departments),
            ("基层党支部", &ranking.branches),
        ] {
            if list.is_empty() {
                continue;
            }
            let names: Vec<String> = list
                .iter()
                .map(|s| format!("第{}名{}（{}分）", s.rank, s.unit, score_text(s.score)))
                .collect();
            body.push(Paragraph::lead(
                diaodu_documents::FontRole::KaiTi,
                format!("{label}："),
                format!("{}。", names.join("，")),
            ));
        }
        let mut n = 1;
        for (kind, heading) in [("reward", "奖励"), ("penalty", "处罚")] {
            let list: Vec<&RewardPenalty> = rewards.iter().filter(|r| r.kind == kind).collect();
            if list.is_empty() {
                continue;
            }
            n += 1;
            body.push(Paragraph::heading1(format!(
                "{}、{heading}",
                diaodu_documents::compose::cn_ordinal(n)
            )));
            for r in list {
                let amount = r
                    .amount
                    .filter(|a| *a > 0.0)
                    .map(|a| {
                        format!(
                            "，{}{}元",
                            if kind == "reward" { "奖励" } else { "考核" },
                            score_text(a)
                        )
                    })
                    .unwrap_or_default();
                body.push(Paragraph::body(format!(
                    "{}：{}。{}{amount}。",
                    r.unit_name,
                    r.reason.trim_end_matches('。'),
                    r.title
                )));
            }
        }
        n += 1;
        body.push(Paragraph::heading1(format!(
            "{}、有关要求",
            diaodu_documents::compose::cn_ordinal(n)
        )));
        body.push(Paragraph::body(
            "各单位要对照考核结果查找差距，对扣分事项逐项整改，做到问题不查清不放过、责任不追究不放过、整改不彻底不放过，持续提升党建调度工作的执行速度、落实力度和帮扶温度。",
        ));
        let today = diaodu_domain::clock::today();
        Ok(OfficialDocument {
            issuer_heading: IssuerHeading::new(issuer.clone(), "通报"),
            number: ranking.period.bulletin_number.clone(),
            title: format!("关于{}党建调度考核结果及奖惩情况的通报", p.label()),
            addressees: "各党委部门、基层党支部".into(),
            body,
            signature: Signature {
                issuer: issuer.clone(),
                date: cn(today),
            },
            printed_by: Some(PrintedBy {
                issuer,
                date: cn(today),
            }),
            copy_to: Some("矿党委班子成员".into()),
            ..Default::default()
        })
    }

    pub fn bulletin_pdf(&self, period: &str, fonts: &diaodu_documents::Fonts) -> Result<Vec<u8>> {
        let doc = self.bulletin_document(period)?;
        diaodu_documents::render_pdf(&doc, fonts).map_err(crate::print::doc_error)
    }
}
