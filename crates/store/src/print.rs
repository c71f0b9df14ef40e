//! Turns a notice or order record into the official document the PDF engine
//! lays out. A signed document is printed as frozen at signing
//! (`signed_document`), so later renames of units, people or plans never
//! alter it and every reprint carries the same content and code.
use crate::db::{sql_err, Store};
use crate::docs::{DispatchDoc, FeedbackRule};
use crate::Result;
use chrono::{Datelike, NaiveDate};
use diaodu_documents::{
    cn_date, DispatchMethod, DocError, Fonts, NoticeContent, OfficialDocument, OrderContent,
    Urgency,
};
use diaodu_domain::dispatch::FeedbackForm;
use diaodu_domain::{CoreError, ErrorCode};
use rusqlite::{Connection, OptionalExtension};

/// The issuing body until 公文设置 names the office's own (a generic name,
/// so that nothing prints under another organisation's name).
pub const DEFAULT_ISSUER: &str = "党委党建调度室";

pub fn doc_error(e: DocError) -> CoreError {
    CoreError::new(ErrorCode::Validation, e.message)
}

fn cn(date: &str) -> Option<String> {
    NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d")
        .ok()
        .map(|d| cn_date(d.year(), d.month(), d.day()))
}

/// When to report, as the order's feedback sentence reads it:
/// 每3个工作日 / 每周五 / 于1月10日、1月15日 / 办结后.
pub fn describe_rule(rule: &FeedbackRule) -> String {
    const DAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
    match rule.mode.as_str() {
        "every_n_days" => format!("每{}个工作日", rule.every.unwrap_or(1)),
        "weekly" => format!(
            "每周{}",
            DAYS[(rule.weekday.unwrap_or(5).clamp(1, 7) - 1) as usize]
        ),
        "dates" => {
            let dates: Vec<String> = rule
                .dates
                .iter()
                .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .map(|d| format!("{}月{}日", d.month(), d.day()))
                .collect();
            format!("于{}", dates.join("、"))
        }
        _ => "办结后".into(),
    }
}

/// Overlays the signed snapshot's values on the record; also answers the
/// issuing body frozen at signing (older snapshots have none).
fn as_signed(store: &Store, mut d: DispatchDoc) -> Result<(DispatchDoc, Option<String>)> {
    let Some(snap) = store.signed_snapshot(d.id)? else {
        return Ok((d, None));
    };
    let text = |k: &str| snap.get(k).and_then(|v| v.as_str()).map(str::to_string);
    if let Some(v) = text("title") {
        d.title = v;
    }
    if let Some(v) = text("content") {
        d.content = v;
    }
    if let Some(v) = text("requirements") {
        d.requirements = v;
    }
    if let Some(v) = text("targetUnit") {
        d.target_unit_name = v;
    }
    d.person_name = text("person");
    d.deadline = text("deadline");
    d.contact = text("contact").unwrap_or_default();
    d.phone = text("phone").unwrap_or_default();
    if let Some(v) = snap
        .get("cooperatingUnits")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
    {
        d.cooperating_unit_names = v;
    }
    if let Some(v) = snap
        .get("feedbackRule")
        .and_then(|v| serde_json::from_value(v.clone()).ok())
    {
        d.feedback_rule = v;
    }
    Ok((d, text("issuer")))
}

/// The plan the document's tasks belong to, as the basis names it
/// (《…网络推进图》); an order says 根据…工作安排 around it, a notice's
/// composer does that itself.
pub(crate) fn basis_in(conn: &Connection, d: &DispatchDoc) -> Result<Option<String>> {
    let Some(task) = d.task_ids.first() else {
        return Ok(None);
    };
    let plan: Option<String> = conn
        .query_row(
            "SELECT p.title FROM task t JOIN plan p ON p.id = t.plan_id WHERE t.id = ?1",
            [task],
            |r| r.get(0),
        )
        .optional()
        .map_err(sql_err)?;
    Ok(plan.map(|p| format!("《{p}网络推进图》")))
}

/// The official document a record reads as, with the issuing body and basis
/// given (no seal, no verification code: those are not content).
pub(crate) fn compose_document(
    d: &DispatchDoc,
    issuer: String,
    basis: Option<String>,
) -> OfficialDocument {
    let date = d.signed_at.as_deref().and_then(cn).unwrap_or_else(|| {
        let t = diaodu_domain::clock::today();
        cn_date(t.year(), t.month(), t.day())
    });
    let deadline = d
        .deadline
        .as_deref()
        .and_then(cn)
        .unwrap_or_else(|| "按调度事项要求".into());
    let forms: Vec<String> = d
        .feedback_rule
        .forms
        .iter()
        .filter_map(|f| FeedbackForm::parse(f).ok().map(|f| f.label().to_string()))
        .collect();
    if d.kind == "order" {
        OrderContent {
            issuer,
            heading_suffix: None,
            number: d.number.clone(),
            urgency: d.urgency.as_deref().map(|u| match u {
                "urgent" => Urgency::Critical,
                "expedited" => Urgency::Urgent,
                _ => Urgency::Normal,
            }),
            signer: d.signer_name.clone(),
            title: d.title.clone(),
            responsible_unit: d.target_unit_name.clone(),
            cooperating_units: d.cooperating_unit_names.clone(),
            responsible_person: d.person_name.clone(),
            basis: basis.map(|b| format!("根据{b}工作安排")),
            matter: d.content.clone(),
            requirements: d
                .requirements
                .lines()
                .map(str::to_string)
                .filter(|l| !l.trim().is_empty())
                .collect(),
            deadline,
            feedback_rule: describe_rule(&d.feedback_rule),
            feedback_forms: forms,
            feedback_deadline: None,
            contact: Some(d.contact.clone()).filter(|c| !c.is_empty()),
            phone: Some(d.phone.clone()).filter(|c| !c.is_empty()),
            amends: d.amends_number.clone(),
            date,
            copy_to: None,
            attachments: Vec::new(),
            receipt: true,
        }
        .to_document()
    } else {
        let method = match d.method.as_deref() {
            Some("phone") => DispatchMethod::Phone,
            Some("meeting") => DispatchMethod::Meeting,
            Some("platform") => DispatchMethod::Platform,
            _ => DispatchMethod::Written,
        };
        let mut feedback = d.requirements.trim().to_string();
        if d.feedback_rule.mode != "none" && !d.feedback_rule.mode.is_empty() {
            let rule = format!("{}反馈", describe_rule(&d.feedback_rule));
            feedback = if feedback.is_empty() {
                rule
            } else {
                format!("{feedback}；{rule}")
            };
        }
        NoticeContent {
            issuer,
            heading_suffix: None,
            number: d.number.clone(),
            title: d.title.clone(),
            target_unit: d.target_unit_name.clone(),
            basis,
            content: d.content.clone(),
            methods: vec![method],
            goal: Some(d.goal.clone()).filter(|g| !g.is_empty()),
            deadline,
            feedback: Some(feedback).filter(|f| !f.is_empty()),
            contact: Some(d.contact.clone()).filter(|c| !c.is_empty()),
            phone: Some(d.phone.clone()).filter(|c| !c.is_empty()),
            date,
            copy_to: None,
            receipt: true,
        }
        .to_document()
    }
}

impl Store {
    /// The official document for a record, ready for the PDF engine: a signed
    /// one as frozen at signing, with its verification code; one signed
    /// before the printed form was frozen (migration 0009) from its frozen
    /// record; a draft from the record as it is. A signed document (not
    /// withdrawn) carries the office's seal image, if one is set.
    pub fn official_document(&self, id: i64) -> Result<OfficialDocument> {
        let record = self.get_doc(id)?;
        let frozen: Option<String> = self
            .conn
            .query_row(
                "SELECT signed_document FROM dispatch_doc WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        let mut doc = match frozen {
            Some(text) => serde_json::from_str::<OfficialDocument>(&text).map_err(|e| {
                CoreError::storage(format!(
                    "{}的存档打印版本无法读取（{e}），数据库中的记录可能被改动过",
                    record.number.clone().unwrap_or_default()
                ))
            })?,
            None => {
                let (d, frozen_issuer) = as_signed(self, record.clone())?;
                let issuer = match frozen_issuer {
                    Some(i) => i,
                    None => self.issuer_name()?,
                };
                let basis = basis_in(&self.conn, &d)?;
                compose_document(&d, issuer, basis)
            }
        };
        // The printed code is the store's, so it checks against the records.
        doc.verification = record.verification_code.clone();
        doc.seal = None;
        if record.number.is_some() && record.status != "withdrawn" {
            doc.seal = self.seal_image()?;
        }
        Ok(doc)
    }

    /// The documents of a batch in the order given, each with the name its
    /// print job or file goes by (number, unit, title).
    pub fn batch_documents(&self, ids: &[i64]) -> Result<Vec<diaodu_documents::BatchItem>> {
        if ids.is_empty() {
            return Err(CoreError::validation("ids", "请至少选择一份文件"));
        }
        if ids.len() > 2000 {
            return Err(CoreError::validation("ids", "一次最多处理2000份文件"));
        }
        ids.iter()
            .map(|&id| {
                let d = self.get_doc(id)?;
                let number = d.number.clone().unwrap_or_else(|| format!("草稿{}", d.id));
                Ok(diaodu_documents::BatchItem {
                    name: format!("{number}-{}-{}", d.target_unit_name, d.title),
                    doc: self.official_document(id)?,
                })
            })
            .collect()
    }

    pub fn doc_pdf(&self, id: i64, fonts: &Fonts) -> Result<Vec<u8>> {
        let doc = self.official_document(id)?;
        diaodu_documents::render_pdf(&doc, fonts).map_err(doc_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feedback_rules_read_as_office_chinese() {
        let r = |mode: &str| FeedbackRule {
            mode: mode.into(),
            every: Some(3),
            weekday: Some(5),
            dates: vec!["2026-01-10".into(), "2026-01-15".into()],
            forms: vec![],
        };
        assert_eq!(describe_rule(&r("every_n_days")), "每3个工作日");
        assert_eq!(describe_rule(&r("weekly")), "每周五");
        assert_eq!(describe_rule(&r("dates")), "于1月10日、1月15日");
        assert_eq!(describe_rule(&r("none")), "办结后");
    }
}

/// What the user chose in the print dialog of the chart.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ChartPrintOptions {
    /// A3 (default) or A4.
    pub paper: String,
    /// day, week (default), dekad, month, quarter or year.
    pub zoom: String,
    /// Defaults to the plan's start and scheduled finish.
    pub from: Option<String>,
    pub to: Option<String>,
    pub show_critical: Option<bool>,
}

impl Store {
    /// The plan's chart laid out for paper.
    pub fn chart_print(
        &self,
        plan_id: i64,
        o: &ChartPrintOptions,
    ) -> Result<diaodu_documents::chart::ChartPrint> {
        use diaodu_documents::chart::{ChartLinkRow, ChartPrint, ChartRow, Paper, Zoom};
        let chart = self.chart(plan_id, None)?;
        let paper = if o.paper.is_empty() {
            Some(Paper::A3)
        } else {
            Paper::parse(&o.paper)
        }
        .ok_or_else(|| CoreError::validation("paper", "纸张只能是 A3 或 A4"))?;
        let zoom = if o.zoom.is_empty() {
            Some(Zoom::Week)
        } else {
            Zoom::parse(&o.zoom)
        }
        .ok_or_else(|| CoreError::validation("zoom", "比例只能是日、周、旬、月、季或年"))?;
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let from = match o.from.as_deref().filter(|s| !s.is_empty()) {
            Some(s) => {
                date(s).ok_or_else(|| CoreError::validation("from", "开始日期格式不正确"))?
            }
            None => date(&chart.project_start).unwrap_or_default(),
        };
        let to = match o.to.as_deref().filter(|s| !s.is_empty()) {
            Some(s) => date(s).ok_or_else(|| CoreError::validation("to", "结束日期格式不正确"))?,
            None => date(&chart.project_finish).unwrap_or(from),
        };
        if to < from {
            return Err(CoreError::validation("to", "结束日期不能早于开始日期"));
        }
        let index: std::collections::HashMap<i64, usize> = chart
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id, i))
            .collect();
        let rows = chart
            .tasks
            .iter()
            .map(|t| ChartRow {
                outline: t.outline.clone(),
                name: t.name.clone(),
                unit: t.lead_unit_name.clone().unwrap_or_default(),
                depth: t.depth,
                stage: t.kind == "stage",
                milestone: t.milestone,
                start: date(&t.early_start).unwrap_or(from),
                finish: date(&t.early_finish).unwrap_or(from),
                deadline: t.deadline.as_deref().and_then(date),
                progress: t.progress,
                due_state: t.due_state.to_string(),
                critical: t.critical,
            })
            .collect();
        let links = chart
            .links
            .iter()
            .filter_map(|l| {
                Some(ChartLinkRow {
                    pred: *index.get(&l.pred_id)?,
                    succ: *index.get(&l.succ_id)?,
                    kind: l.kind.clone(),
                })
            })
            .collect();
        let cal = crate::plans::calendar_of(&self.conn)?;
        let mut days_off = Vec::new();
        let mut d = from;
        while d <= to {
            if !cal.is_working(d) {
                days_off.push(d);
            }
            d += chrono::Duration::days(1);
        }
        Ok(ChartPrint {
            title: chart.plan.title.clone(),
            paper,
            zoom,
            from,
            to,
            today: diaodu_domain::clock::today(),
            rows,
            links,
            days_off,
            show_critical: o.show_critical.unwrap_or(true),
        })
    }

    pub fn chart_pdf(&self, plan_id: i64, o: &ChartPrintOptions, fonts: &Fonts) -> Result<Vec<u8>> {
        let print = self.chart_print(plan_id, o)?;
        diaodu_documents::chart::render_chart_pdf(&print, fonts).map_err(doc_error)
    }
}
