//! Notices and dispatch orders: drafts, signing (number, signer, SHA-256 of
//! the canonical content, all in one immediate transaction), receipts,
//! progress, withdrawal, amendments, and verification of printed codes.
use crate::audit::{diff, record};
use crate::db::{commit, sql_err, Actor, Store};
use crate::numbering::{take_number, PaperKind};
use crate::{now_text, Result};
use chrono::{Datelike, NaiveDate};
use diaodu_documents::{normalize_code, sha256_hex, verification_code, OfficialDocument};
use diaodu_domain::dispatch::{DispatchMethod, DocKind, DocStatus, FeedbackForm, Urgency};
use diaodu_domain::plan::parse_opt_date;
use diaodu_domain::{validate, CoreError, ErrorCode, Permission};
use diaodu_schedule::WorkCalendar;
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", default)]
pub struct FeedbackRule {
    /// none, every_n_days, weekly or dates.
    pub mode: String,
    /// Working days between reports (every_n_days).
    pub every: Option<i64>,
    /// 1 = Monday … 7 = Sunday (weekly).
    pub weekday: Option<u32>,
    pub dates: Vec<String>,
    /// text, image, video.
    pub forms: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DocInput {
    pub kind: String,
    pub title: String,
    pub urgency: Option<String>,
    pub method: Option<String>,
    pub content: String,
    pub requirements: String,
    pub goal: String,
    pub target_unit_id: Option<i64>,
    pub cooperating_unit_ids: Vec<i64>,
    pub person_id: Option<i64>,
    pub deadline: Option<String>,
    pub feedback_rule: FeedbackRule,
    pub contact: String,
    pub phone: String,
    pub task_ids: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct DispatchDoc {
    pub id: i64,
    pub kind: String,
    pub kind_label: String,
    pub status: String,
    pub status_label: String,
    pub title: String,
    pub urgency: Option<String>,
    pub urgency_label: Option<String>,
    pub method: Option<String>,
    pub method_label: Option<String>,
    pub content: String,
    pub requirements: String,
    pub goal: String,
    pub target_unit_id: i64,
    pub target_unit_name: String,
    pub cooperating_unit_ids: Vec<i64>,
    pub cooperating_unit_names: Vec<String>,
    pub person_id: Option<i64>,
    pub person_name: Option<String>,
    pub deadline: Option<String>,
    pub feedback_rule: FeedbackRule,
    pub contact: String,
    pub phone: String,
    pub task_ids: Vec<i64>,
    /// key, special or daily: the kind of its tasks' plans (daily when it
    /// names no plan task).
    pub dispatch_kind: String,
    pub amends_id: Option<i64>,
    pub amends_number: Option<String>,
    pub number: Option<String>,
    pub signer_name: Option<String>,
    pub signed_at: Option<String>,
    pub content_hash: Option<String>,
    pub verification_code: Option<String>,
    pub received_by: Option<String>,
    pub received_at: Option<String>,
    pub started_at: Option<String>,
    pub completed_at: Option<String>,
    pub withdrawn_at: Option<String>,
    pub withdrawn_reason: Option<String>,
    pub created_at: String,
    /// The receipt came back (or is still missing) after its due day.
    pub late_receipt: bool,
    /// Completed after the deadline, or the deadline passed and it is not done.
    pub late_completion: bool,
    /// The app's one due light over its supervision nodes (feedback rule and
    /// deadline): none, due_soon, overdue or done.
    pub due_state: &'static str,
    /// An order's latest report lacks the pictures or video it asks for
    /// (shown yellow), e.g. 最近一次反馈缺少图片.
    pub feedback_flag: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DocFilter {
    pub kind: Option<String>,
    pub status: Option<String>,
    pub text: Option<String>,
    /// key, special or daily (重点/专项/日常调度).
    pub dispatch_kind: Option<String>,
}

/// The answer to a verification code (验证码查验).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    /// authentic, withdrawn, superseded, changed or unknown.
    pub result: &'static str,
    /// The code as read (`XXXXX-XXXXX`), whatever form it was typed in.
    pub code: String,
    pub message: String,
    /// Only an authentic paper is valid: the others are shown in red (unknown
    /// in grey) and the CLI exits non-zero for them.
    pub valid: bool,
    /// What the paper reads, as frozen at signing: to compare with the paper
    /// in hand line by line.
    pub signed: Option<SignedFacts>,
    /// What was compared, one sentence each.
    pub checks: Vec<String>,
    /// What verification cannot prove ([`VERIFICATION_LIMITS`]).
    pub limits: Vec<&'static str>,
    /// The record as it is now.
    pub document: Option<DispatchDoc>,
}

/// The facts of a signed paper as frozen at signing.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SignedFacts {
    pub kind_label: String,
    pub number: String,
    pub title: String,
    pub issuer: String,
    pub target_unit: String,
    pub signer: String,
    pub signed_at: String,
}

/// What a verification code cannot prove, said with every answer.
pub const VERIFICATION_LIMITS: [&str; 3] = [
    "不能证明手中的纸质文件在打印后未被涂改：验证码只有10位，也可能被抄到伪造的文件上，请逐项核对文号、标题、责任单位、签发人和签发时间与纸面一致",
    "不能证明纸面上的手写签名或印章是谁所为：系统只记录签发人在本机用本人账号和密码签发，印章图片不在查验范围内",
    "以本机数据库为准：能直接改写数据库文件的人可以伪造记录，数据库文件应妥善保管、按时备份",
];

const SELECT: &str = "SELECT d.id, d.kind, d.status, d.title, d.urgency, d.method, d.content, d.requirements, d.goal,
    d.target_unit_id, u.name, d.cooperating_unit_ids, d.person_id, p.name, d.deadline, d.feedback_rule, d.contact,
    d.phone, d.task_ids, d.amends_id, a.number, d.number, d.signer_name, d.signed_at, d.content_hash, d.received_by,
    d.received_at, d.started_at, d.completed_at, d.withdrawn_at, d.withdrawn_reason, d.created_at
    FROM dispatch_doc d JOIN unit u ON u.id = d.target_unit_id LEFT JOIN person p ON p.id = d.person_id
    LEFT JOIN dispatch_doc a ON a.id = d.amends_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<DispatchDoc> {
    let kind: String = r.get(1)?;
    let status: String = r.get(2)?;
    let urgency: Option<String> = r.get(4)?;
    let method: Option<String> = r.get(5)?;
    let coop: String = r.get(11)?;
    let rule: String = r.get(15)?;
    let tasks: String = r.get(18)?;
    let hash: Option<String> = r.get(24)?;
    Ok(DispatchDoc {
        id: r.get(0)?,
        kind_label: DocKind::parse(&kind)
            .map(|k| k.label())
            .unwrap_or("")
            .into(),
        kind,
        status_label: DocStatus::parse(&status)
            .map(|s| s.label())
            .unwrap_or("")
            .into(),
        status,
        title: r.get(3)?,
        urgency_label: urgency
            .as_deref()
            .and_then(|u| Urgency::parse(u).ok())
            .map(|u| u.label().into()),
        urgency,
        method_label: method
            .as_deref()
            .and_then(|m| DispatchMethod::parse(m).ok())
            .map(|m| m.label().into()),
        method,
        content: r.get(6)?,
        requirements: r.get(7)?,
        goal: r.get(8)?,
        target_unit_id: r.get(9)?,
        target_unit_name: r.get(10)?,
        cooperating_unit_ids: serde_json::from_str(&coop).unwrap_or_default(),
        cooperating_unit_names: Vec::new(),
        person_id: r.get(12)?,
        person_name: r.get(13)?,
        deadline: r.get(14)?,
        feedback_rule: serde_json::from_str(&rule).unwrap_or_default(),
        contact: r.get(16)?,
        phone: r.get(17)?,
        task_ids: serde_json::from_str(&tasks).unwrap_or_default(),
        dispatch_kind: String::new(),
        amends_id: r.get(19)?,
        amends_number: r.get(20)?,
        number: r.get(21)?,
        signer_name: r.get(22)?,
        signed_at: r.get(23)?,
        verification_code: hash.as_deref().map(verification_code),
        content_hash: hash,
        received_by: r.get(25)?,
        received_at: r.get(26)?,
        started_at: r.get(27)?,
        completed_at: r.get(28)?,
        withdrawn_at: r.get(29)?,
        withdrawn_reason: r.get(30)?,
        created_at: r.get(31)?,
        late_receipt: false,
        late_completion: false,
        due_state: "none",
        feedback_flag: None,
    })
}

fn date_of(ts: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(ts.get(..10)?, "%Y-%m-%d").ok()
}

/// Fills in unit names and the late flags, which depend on the calendar and
/// today; a list builds the calendar once and passes it to every row.
fn finish(conn: &Connection, cal: &WorkCalendar, mut d: DispatchDoc) -> Result<DispatchDoc> {
    for u in &d.cooperating_unit_ids {
        if let Some(n) = conn
            .query_row("SELECT name FROM unit WHERE id = ?1", [u], |r| {
                r.get::<_, String>(0)
            })
            .optional()
            .map_err(sql_err)?
        {
            d.cooperating_unit_names.push(n);
        }
    }
    let rank: u8 = conn
        .query_row(
            &format!(
                "SELECT {}",
                crate::supervision::stats::dispatch_rank::doc_or_daily("?1")
            ),
            [d.id],
            |r| r.get(0),
        )
        .map_err(sql_err)?;
    d.dispatch_kind = crate::supervision::stats::dispatch_rank::code(rank).into();
    let today = diaodu_domain::clock::today();
    if let Some(signed) = d.signed_at.as_deref().and_then(date_of) {
        let days = d
            .urgency
            .as_deref()
            .and_then(|u| Urgency::parse(u).ok())
            .unwrap_or(Urgency::Normal)
            .receipt_days();
        if let Some(due) = cal.add_working_days(signed, days) {
            d.late_receipt = match d.received_at.as_deref().and_then(date_of) {
                Some(r) => r > due,
                None => d.status == "issued" && today > due,
            };
        }
    }
    if let Some(deadline) = d
        .deadline
        .as_deref()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    {
        d.late_completion = match d.completed_at.as_deref().and_then(date_of) {
            Some(c) => c > deadline,
            None => !matches!(d.status.as_str(), "draft" | "withdrawn") && today > deadline,
        };
    }
    d.due_state = crate::supervision::targets::doc_light(
        conn,
        cal,
        today,
        &crate::supervision::targets::DocFacts {
            id: d.id,
            kind: &d.kind,
            status: &d.status,
            signed_at: d.signed_at.as_deref(),
            deadline: d.deadline.as_deref(),
            completed_at: d.completed_at.as_deref(),
            rule: &d.feedback_rule,
        },
    )?
    .code();
    if d.kind == "order" {
        d.feedback_flag = crate::closed_loop::feedback_flag(
            conn,
            diaodu_domain::closed_loop::TargetKind::Document,
            d.id,
        )?;
    }
    Ok(d)
}

fn doc_in(conn: &Connection, id: i64) -> Result<DispatchDoc> {
    let d = conn
        .query_row(&format!("{SELECT} WHERE d.id = ?1"), [id], from_row)
        .optional()
        .map_err(sql_err)?
        .ok_or_else(|| CoreError::not_found("文件不存在"))?;
    finish(conn, &crate::plans::calendar_of(conn)?, d)
}

/// The record as signed: its own fields and the names it printed (issuing
/// body, units, person, the plan it is based on). Frozen at signing as
/// `signed_record` and compared with the live record when a code is verified.
fn signed_record(d: &DispatchDoc, issuer: &str, basis: Option<&str>) -> serde_json::Value {
    serde_json::json!({
        "issuer": issuer, "kind": d.kind, "number": d.number, "title": d.title, "urgency": d.urgency, "method": d.method,
        "content": d.content, "requirements": d.requirements, "goal": d.goal,
        "targetUnit": d.target_unit_name, "cooperatingUnits": d.cooperating_unit_names,
        "person": d.person_name, "deadline": d.deadline, "feedbackRule": d.feedback_rule,
        "contact": d.contact, "phone": d.phone, "amends": d.amends_number,
        "signer": d.signer_name, "signedAt": d.signed_at, "basis": basis,
    })
}

/// The fields of [`signed_record`] that belong to the record itself, with
/// their names in the UI; a later change to any of them means the record no
/// longer says what was signed.
const OWN_FIELDS: [(&str, &str); 15] = [
    ("kind", "类别"),
    ("number", "文号"),
    ("title", "标题"),
    ("urgency", "紧急程度"),
    ("method", "调度方式"),
    ("content", "调度内容"),
    ("requirements", "工作要求"),
    ("goal", "任务目标"),
    ("deadline", "完成时限"),
    ("feedbackRule", "反馈要求"),
    ("contact", "联系人"),
    ("phone", "联系电话"),
    ("amends", "更正的文件"),
    ("signer", "签发人"),
    ("signedAt", "签发时间"),
];

/// Names the record looks up in other tables: a rename after signing is no
/// change to what was signed, and is only reported.
const NAME_FIELDS: [(&str, &str); 3] = [
    ("targetUnit", "责任单位"),
    ("cooperatingUnits", "配合单位"),
    ("person", "责任人"),
];

struct Checked {
    kind: DocKind,
    title: String,
    urgency: Option<Urgency>,
    method: Option<DispatchMethod>,
    content: String,
    requirements: String,
    goal: String,
    target: i64,
    deadline: Option<NaiveDate>,
    rule: FeedbackRule,
    contact: String,
    phone: String,
}

fn check(conn: &Connection, i: &DocInput) -> Result<Checked> {
    let kind = DocKind::parse(&i.kind)?;
    let title = validate::required_text("title", "标题", &i.title, 60)?;
    let content = validate::required_text(
        "content",
        if kind == DocKind::Order {
            "调度事项"
        } else {
            "调度内容"
        },
        &i.content,
        4000,
    )?;
    let requirements = validate::optional_text("requirements", "工作要求", &i.requirements, 4000)?;
    let goal = validate::optional_text("goal", "任务目标", &i.goal, 1000)?;
    let contact = validate::optional_text("contact", "联系人", &i.contact, 20)?;
    let phone = validate::phone(&i.phone)?;
    let urgency = match (kind, i.urgency.as_deref().filter(|s| !s.is_empty())) {
        (DocKind::Order, Some(u)) => Some(Urgency::parse(u)?),
        (DocKind::Order, None) => {
            return Err(CoreError::validation(
                "urgency",
                "请选择紧急程度：特急、加急或平急",
            ))
        }
        (DocKind::Notice, _) => None,
    };
    let method = match (kind, i.method.as_deref().filter(|s| !s.is_empty())) {
        (DocKind::Notice, Some(m)) => Some(DispatchMethod::parse(m)?),
        (DocKind::Notice, None) => Some(DispatchMethod::Written),
        (DocKind::Order, _) => None,
    };
    let target = i
        .target_unit_id
        .ok_or_else(|| CoreError::validation("targetUnitId", "请选择责任单位（调度对象）"))?;
    use crate::in_register::{require_active_person, require_active_unit, unit_is_active};
    require_active_unit(conn, target, "targetUnitId", "责任单位")?;
    for u in &i.cooperating_unit_ids {
        if *u == target || !unit_is_active(conn, *u)? {
            return Err(CoreError::validation(
                "cooperatingUnitIds",
                "配合单位不存在、已撤销或与责任单位相同",
            ));
        }
    }
    if let Some(p) = i.person_id {
        require_active_person(conn, p, "personId", "责任人")?;
    }
    for t in &i.task_ids {
        let ok: bool = conn
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM task WHERE id = ?1)",
                [t],
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        if !ok {
            return Err(CoreError::validation("taskIds", "关联的计划任务不存在"));
        }
    }
    let deadline = parse_opt_date("deadline", "完成时限", i.deadline.as_deref())?;
    let mut rule = i.feedback_rule.clone();
    if rule.mode.is_empty() {
        rule.mode = "none".into();
    }
    match rule.mode.as_str() {
        "none" => {}
        "every_n_days" => {
            if !rule.every.is_some_and(|n| (1..=60).contains(&n)) {
                return Err(CoreError::validation(
                    "feedbackRule",
                    "请填写每隔几个工作日反馈一次（1到60）",
                ));
            }
        }
        "weekly" => {
            if !rule.weekday.is_some_and(|w| (1..=7).contains(&w)) {
                return Err(CoreError::validation(
                    "feedbackRule",
                    "请选择每周反馈的星期",
                ));
            }
        }
        "dates" => {
            if rule.dates.is_empty() {
                return Err(CoreError::validation(
                    "feedbackRule",
                    "请至少填写一个反馈日期",
                ));
            }
            for d in &rule.dates {
                parse_opt_date("feedbackRule", "反馈日期", Some(d))?;
            }
            rule.dates.sort();
            rule.dates.dedup();
        }
        _ => {
            return Err(CoreError::validation(
                "feedbackRule",
                "反馈方式只能是：每N个工作日、每周或指定日期",
            ))
        }
    }
    for f in &rule.forms {
        FeedbackForm::parse(f)?;
    }
    if kind == DocKind::Order && rule.mode != "none" && rule.forms.is_empty() {
        return Err(CoreError::validation(
            "feedbackRule",
            "请选择反馈形式：文字、图片或视频",
        ));
    }
    Ok(Checked {
        kind,
        title,
        urgency,
        method,
        content,
        requirements,
        goal,
        target,
        deadline,
        rule,
        contact,
        phone,
    })
}

fn doc_json(d: &DispatchDoc) -> serde_json::Value {
    serde_json::json!({"title": d.title, "urgency": d.urgency_label, "method": d.method_label, "content": d.content,
        "requirements": d.requirements, "goal": d.goal, "targetUnit": d.target_unit_name,
        "cooperatingUnits": d.cooperating_unit_names, "person": d.person_name, "deadline": d.deadline,
        "feedbackRule": d.feedback_rule, "contact": d.contact, "phone": d.phone, "taskIds": d.task_ids})
}

/// Inserts a draft and its audit entry inside the caller's transaction.
fn insert_doc(
    tx: &rusqlite::Transaction<'_>,
    actor: &Actor,
    input: &DocInput,
    amends: Option<i64>,
) -> Result<DispatchDoc> {
    let c = check(tx, input)?;
    let now = now_text();
    tx.execute(
        "INSERT INTO dispatch_doc (kind, title, urgency, method, content, requirements, goal, target_unit_id,
         cooperating_unit_ids, person_id, deadline, feedback_rule, contact, phone, task_ids, amends_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
        params![c.kind.code(), c.title, c.urgency.map(|u| u.code()), c.method.map(|m| m.code()), c.content,
            c.requirements, c.goal, c.target, serde_json::to_string(&input.cooperating_unit_ids).unwrap_or_default(),
            input.person_id, c.deadline.map(|d| d.to_string()), serde_json::to_string(&c.rule).unwrap_or_default(),
            c.contact, c.phone, serde_json::to_string(&input.task_ids).unwrap_or_default(), amends, now],
    )
    .map_err(sql_err)?;
    let d = doc_in(tx, tx.last_insert_rowid())?;
    let what = match amends {
        Some(_) => format!(
            "起草更正{}“{}”（更正 {}）",
            d.kind_label,
            d.title,
            d.amends_number.clone().unwrap_or_default()
        ),
        None => format!("起草{}“{}”", d.kind_label, d.title),
    };
    record(
        tx,
        actor,
        "document",
        Some(d.id),
        "create",
        &what,
        doc_json(&d),
    )?;
    Ok(d)
}

impl Store {
    pub fn list_docs(&self, f: &DocFilter) -> Result<Vec<DispatchDoc>> {
        let cal = crate::plans::calendar_of(&self.conn)?;
        let mut stmt = self
            .conn
            .prepare(&format!("{SELECT} ORDER BY d.id DESC"))
            .map_err(sql_err)?;
        let rows: Vec<DispatchDoc> = stmt
            .query_map([], from_row)
            .map_err(sql_err)?
            .collect::<std::result::Result<_, _>>()
            .map_err(sql_err)?;
        let text = f.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
        let mut out = Vec::new();
        for d in rows {
            let keep = f
                .kind
                .as_deref()
                .filter(|k| !k.is_empty())
                .is_none_or(|k| d.kind == k)
                && f.status
                    .as_deref()
                    .filter(|k| !k.is_empty())
                    .is_none_or(|s| d.status == s)
                && text.is_none_or(|t| {
                    d.title.contains(t)
                        || d.content.contains(t)
                        || d.target_unit_name.contains(t)
                        || d.number.as_deref().is_some_and(|n| n.contains(t))
                });
            if keep {
                let d = finish(&self.conn, &cal, d)?;
                if f.dispatch_kind
                    .as_deref()
                    .filter(|k| !k.is_empty())
                    .is_none_or(|k| d.dispatch_kind == k)
                {
                    out.push(d);
                }
            }
        }
        Ok(out)
    }

    pub fn get_doc(&self, id: i64) -> Result<DispatchDoc> {
        doc_in(&self.conn, id)
    }

    /// The record as frozen at signing (see `signed_record`), for printing a
    /// document signed before its printed form was frozen too.
    pub fn signed_snapshot(&self, id: i64) -> Result<Option<serde_json::Value>> {
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT signed_record FROM dispatch_doc WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_err)?
            .flatten();
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    }

    pub fn create_doc(&mut self, actor: &Actor, input: &DocInput) -> Result<DispatchDoc> {
        self.create_doc_amending(actor, input, None)
    }

    fn create_doc_amending(
        &mut self,
        actor: &Actor,
        input: &DocInput,
        amends: Option<i64>,
    ) -> Result<DispatchDoc> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let d = insert_doc(&tx, actor, input, amends)?;
        commit(tx)?;
        Ok(d)
    }

    /// Only drafts change; signed content is frozen.
    pub fn update_doc(&mut self, actor: &Actor, id: i64, input: &DocInput) -> Result<DispatchDoc> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let before = doc_in(&tx, id)?;
        if before.status != "draft" {
            return Err(CoreError::conflict(format!(
                "{}已签发，内容已冻结，不能修改；如需更改请起草更正{}",
                before.number.clone().unwrap_or_default(),
                before.kind_label
            )));
        }
        let mut input = input.clone();
        input.kind = before.kind.clone();
        let c = check(&tx, &input)?;
        tx.execute(
            "UPDATE dispatch_doc SET title = ?1, urgency = ?2, method = ?3, content = ?4, requirements = ?5, goal = ?6,
             target_unit_id = ?7, cooperating_unit_ids = ?8, person_id = ?9, deadline = ?10, feedback_rule = ?11,
             contact = ?12, phone = ?13, task_ids = ?14, updated_at = ?15 WHERE id = ?16",
            params![c.title, c.urgency.map(|u| u.code()), c.method.map(|m| m.code()), c.content, c.requirements, c.goal,
                c.target, serde_json::to_string(&input.cooperating_unit_ids).unwrap_or_default(), input.person_id,
                c.deadline.map(|d| d.to_string()), serde_json::to_string(&c.rule).unwrap_or_default(), c.contact, c.phone,
                serde_json::to_string(&input.task_ids).unwrap_or_default(), now_text(), id],
        )
        .map_err(sql_err)?;
        let after = doc_in(&tx, id)?;
        record(
            &tx,
            actor,
            "document",
            Some(id),
            "update",
            &format!("修改草稿“{}”", after.title),
            diff(&doc_json(&before), &doc_json(&after)),
        )?;
        commit(tx)?;
        Ok(after)
    }

    /// A new draft that carries the signed one's content and references it.
    pub fn amend_doc(&mut self, actor: &Actor, id: i64) -> Result<DispatchDoc> {
        let d = self.get_doc(id)?;
        if d.number.is_none() {
            return Err(CoreError::conflict("草稿可以直接修改，无需更正"));
        }
        let input = DocInput {
            kind: d.kind.clone(),
            title: d.title.clone(),
            urgency: d.urgency.clone(),
            method: d.method.clone(),
            content: d.content.clone(),
            requirements: d.requirements.clone(),
            goal: d.goal.clone(),
            target_unit_id: Some(d.target_unit_id),
            cooperating_unit_ids: d.cooperating_unit_ids.clone(),
            person_id: d.person_id,
            deadline: d.deadline.clone(),
            feedback_rule: d.feedback_rule.clone(),
            contact: d.contact.clone(),
            phone: d.phone.clone(),
            task_ids: d.task_ids.clone(),
        };
        self.create_doc_amending(actor, &input, Some(id))
    }

    /// Signs and issues a draft: the signer's role and password again, the
    /// next number of its kind and year, and the hash of its content, all in
    /// one immediate transaction so two windows never take the same number.
    pub fn sign_doc(&mut self, actor: &Actor, id: i64, password: &str) -> Result<DispatchDoc> {
        actor.require(Permission::SignDocuments)?;
        let user_id = actor
            .user_id
            .ok_or_else(|| CoreError::forbidden("签发需要以签发人身份登录"))?;
        let signer =
            self.confirm_own_password(actor, user_id, password, crate::credentials::Act::Sign)?;
        self.sign_as(actor, id, Some(user_id), &signer.display_name)
    }

    /// The signing itself, once who signs has been established.
    pub(crate) fn sign_as(
        &mut self,
        actor: &Actor,
        id: i64,
        user_id: Option<i64>,
        signer_name: &str,
    ) -> Result<DispatchDoc> {
        self.sign_as_at(actor, id, user_id, signer_name, diaodu_domain::clock::now())
    }

    /// Signing at a given time: the sample's year of history is signed on
    /// the days it happened.
    pub(crate) fn sign_as_at(
        &mut self,
        actor: &Actor,
        id: i64,
        user_id: Option<i64>,
        signer_name: &str,
        now: chrono::NaiveDateTime,
    ) -> Result<DispatchDoc> {
        let kind = if DocKind::parse(&self.get_doc(id)?.kind)? == DocKind::Order {
            PaperKind::Order
        } else {
            PaperKind::Notice
        };
        let prefix = self.number_prefix(kind)?;
        // The issuing body printed on the document is frozen with its content.
        let issuer = self.issuer_name()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql_err)?;
        let d = doc_in(&tx, id)?;
        if d.status != "draft" {
            return Err(CoreError::conflict(format!(
                "“{}”已是{}状态，不能重复签发",
                d.title, d.status_label
            )));
        }
        let signed_at = now.format("%Y-%m-%d %H:%M:%S").to_string();
        let taken = take_number(&tx, kind, id, &prefix, now.year(), &signed_at)?;
        let number = taken.number.clone();
        tx.execute(
            "UPDATE dispatch_doc SET status = 'issued', year = ?1, seq = ?2, number = ?3, signed_by = ?4,
             signer_name = ?5, signed_at = ?6, updated_at = ?6 WHERE id = ?7",
            params![taken.year, taken.seq, number, user_id, signer_name, signed_at, id],
        )
        .map_err(sql_err)?;
        let signed = doc_in(&tx, id)?;
        // Freeze the paper as it prints: its canonical form (diaodu-documents)
        // is what the hash, and so the printed code, covers.
        let basis = crate::print::basis_in(&tx, &signed)?;
        let document = crate::print::compose_document(&signed, issuer.clone(), basis.clone());
        let text = document.canonical_content();
        let hash = sha256_hex(&text);
        let frozen_record = signed_record(&signed, &issuer, basis.as_deref()).to_string();
        let frozen_document =
            serde_json::to_string(&document).map_err(|e| CoreError::internal(e.to_string()))?;
        tx.execute(
            "UPDATE dispatch_doc SET canonical = ?1, content_hash = ?2, signed_record = ?3, signed_document = ?4
             WHERE id = ?5",
            params![text, hash, frozen_record, frozen_document, id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "document",
            Some(id),
            "sign",
            &format!("签发{}“{}”，文号 {number}", signed.kind_label, signed.title),
            serde_json::json!({"number": number, "sha256": hash}),
        )?;
        commit(tx)?;
        self.get_doc(id)
    }

    fn transition(
        &mut self,
        actor: &Actor,
        id: i64,
        from: &[&str],
        set: &str,
        args: &[&dyn rusqlite::ToSql],
        (summary, changes): (&str, serde_json::Value),
    ) -> Result<DispatchDoc> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let d = doc_in(&tx, id)?;
        if !from.contains(&d.status.as_str()) {
            return Err(CoreError::conflict(format!(
                "“{}”当前为{}，不能{summary}",
                d.title, d.status_label
            )));
        }
        let mut all: Vec<&dyn rusqlite::ToSql> = args.to_vec();
        all.push(&id);
        tx.execute(
            &format!("UPDATE dispatch_doc SET {set} WHERE id = ?{}", all.len()),
            all.as_slice(),
        )
        .map_err(sql_err)?;
        let label = d.number.clone().unwrap_or_else(|| d.title.clone());
        record(
            &tx,
            actor,
            "document",
            Some(id),
            "update",
            &format!("{summary}：{label}"),
            changes,
        )?;
        commit(tx)?;
        self.get_doc(id)
    }

    /// Records the returned receipt (签收): who signed for it and when.
    pub fn receive_doc(
        &mut self,
        actor: &Actor,
        id: i64,
        received_by: &str,
        received_at: &str,
    ) -> Result<DispatchDoc> {
        let by = validate::required_text("receivedBy", "签收人", received_by, 20)?;
        let at = parse_opt_date("receivedAt", "签收日期", Some(received_at))?
            .ok_or_else(|| CoreError::validation("receivedAt", "请填写签收日期"))?;
        let d = self.get_doc(id)?;
        if let Some(signed) = d.signed_at.as_deref().and_then(date_of) {
            if at < signed {
                return Err(CoreError::validation(
                    "receivedAt",
                    "签收日期不能早于签发日期",
                ));
            }
        }
        if at > diaodu_domain::clock::today() {
            return Err(CoreError::validation("receivedAt", "签收日期不能晚于今天"));
        }
        let at = at.to_string();
        self.transition(
            actor,
            id,
            &["issued"],
            "status = 'received', received_by = ?1, received_at = ?2",
            &[&by, &at],
            (
                "登记签收",
                serde_json::json!({"receivedBy": by, "receivedAt": at}),
            ),
        )
    }

    pub fn start_doc(&mut self, actor: &Actor, id: i64) -> Result<DispatchDoc> {
        let now = now_text();
        self.transition(
            actor,
            id,
            &["received"],
            "status = 'in_progress', started_at = ?1",
            &[&now],
            ("开始办理", serde_json::json!({})),
        )
    }

    pub fn complete_doc(
        &mut self,
        actor: &Actor,
        id: i64,
        completed_at: &str,
    ) -> Result<DispatchDoc> {
        let at = parse_opt_date("completedAt", "办结日期", Some(completed_at))?
            .ok_or_else(|| CoreError::validation("completedAt", "请填写办结日期"))?
            .to_string();
        self.transition(
            actor,
            id,
            &["received", "in_progress"],
            "status = 'completed', completed_at = ?1",
            &[&at],
            ("办结", serde_json::json!({"completedAt": at})),
        )
    }

    /// Withdraws a draft or an issued document; a number, once given, stays
    /// taken. Withdrawing a signed one is a signer's act: the signer or
    /// administrator role and the password again, as signing asks.
    pub fn withdraw_doc(
        &mut self,
        actor: &Actor,
        id: i64,
        reason: &str,
        password: &str,
    ) -> Result<DispatchDoc> {
        actor.require(Permission::EditRecords)?;
        let reason = validate::required_text("reason", "撤回原因", reason, 200)?;
        if self.get_doc(id)?.number.is_some() {
            self.confirm_signer_act(actor, password, crate::credentials::Act::WithdrawDoc)?;
        }
        self.withdraw_doc_as(actor, id, &reason)
    }

    /// The withdrawal itself, once who may do it has been established.
    pub(crate) fn withdraw_doc_as(
        &mut self,
        actor: &Actor,
        id: i64,
        reason: &str,
    ) -> Result<DispatchDoc> {
        let reason = validate::required_text("reason", "撤回原因", reason, 200)?;
        let now = now_text();
        self.transition(
            actor,
            id,
            &["draft", "issued", "received", "in_progress"],
            "status = 'withdrawn', withdrawn_at = ?1, withdrawn_reason = ?2",
            &[&now, &reason],
            ("撤回", serde_json::json!({"reason": reason})),
        )
    }

    /// Checks a code typed or scanned from a printed document (the bare code
    /// or the QR text) against the records: the frozen canonical text must
    /// still hash to the signed hash, the frozen printed form must still have
    /// that canonical text, and the live record must still say what was
    /// signed. A withdrawn or superseded paper is reported as such.
    pub fn verify_code(&self, code: &str) -> Result<Verification> {
        let Some(code) = normalize_code(code) else {
            return Err(CoreError::field(
                ErrorCode::Validation,
                "code",
                "请输入文件上印的10位验证码（如 3FA2C-91B0E），或扫描二维码得到的文字（DIAODU-VERIFY:…）",
            ));
        };
        let head = code.replace('-', "").to_ascii_lowercase();
        type Frozen = (i64, String, Option<String>, Option<String>, Option<String>);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, content_hash, canonical, signed_record, signed_document FROM dispatch_doc
                 WHERE content_hash LIKE ?1 ORDER BY id",
            )
            .map_err(sql_err)?;
        let hits: Vec<Frozen> = stmt
            .query_map([format!("{head}%")], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .map_err(sql_err)?
            .collect::<std::result::Result<_, _>>()
            .map_err(sql_err)?;
        let limits = VERIFICATION_LIMITS.to_vec();
        let Some((id, hash, canonical, record_text, document_text)) =
            hits.into_iter().find(|h| verification_code(&h.1) == code)
        else {
            return Ok(Verification {
                result: "unknown",
                message: format!("查无此验证码：本机没有签发过验证码为 {code} 的文件"),
                code,
                valid: false,
                signed: None,
                checks: Vec::new(),
                limits,
                document: None,
            });
        };
        let d = self.get_doc(id)?;
        let frozen: Option<serde_json::Value> = record_text
            .as_deref()
            .and_then(|t| serde_json::from_str(t).ok());
        let mut changed: Vec<String> = Vec::new();
        let mut checks: Vec<String> = Vec::new();

        // 1. The frozen canonical text still hashes to what was signed.
        if canonical.as_deref().map(sha256_hex).as_deref() == Some(hash.as_str()) {
            checks.push("签发时冻结的内容与其SHA-256哈希一致".into());
        } else {
            changed.push("签发时冻结的内容与其哈希不一致".into());
        }
        // 2. The printed form kept for reprints still has that canonical text.
        if let Some(text) = document_text.as_deref() {
            let same = serde_json::from_str::<OfficialDocument>(text)
                .ok()
                .map(|doc| doc.canonical_content())
                == canonical;
            if same {
                checks.push("存档的打印版本与签发内容一致".into());
            } else {
                changed.push("存档的打印版本与签发内容不一致".into());
            }
        }
        // 3. The live record still says what was signed.
        match &frozen {
            Some(f) => {
                let issuer = f.get("issuer").and_then(|v| v.as_str()).unwrap_or("");
                let basis = f.get("basis").and_then(|v| v.as_str());
                let now = signed_record(&d, issuer, basis);
                let differ: Vec<&str> = OWN_FIELDS
                    .iter()
                    .filter(|(k, _)| f.get(*k) != now.get(*k))
                    .map(|(_, label)| *label)
                    .collect();
                if differ.is_empty() {
                    checks.push("当前记录与签发时冻结的内容一致".into());
                } else {
                    changed.push(format!("当前记录的{}与签发时不一致", differ.join("、")));
                }
                for (k, label) in NAME_FIELDS {
                    if f.get(k) != now.get(k) {
                        checks.push(format!(
                            "{label}在签发后改过名称，纸面上应为签发时的“{}”",
                            name_text(f.get(k))
                        ));
                    }
                }
            }
            None => changed.push("缺少签发时冻结的记录".into()),
        }
        let text = |k: &str| {
            frozen
                .as_ref()
                .and_then(|f| f.get(k))
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let signed = frozen.as_ref().map(|_| SignedFacts {
            kind_label: d.kind_label.clone(),
            number: text("number"),
            title: text("title"),
            issuer: text("issuer"),
            target_unit: text("targetUnit"),
            signer: text("signer"),
            signed_at: text("signedAt"),
        });
        let number = d.number.clone().unwrap_or_default();
        let amended_by: Option<String> = self
            .conn
            .query_row(
                "SELECT number FROM dispatch_doc WHERE amends_id = ?1 AND number IS NOT NULL
                 AND status <> 'withdrawn' ORDER BY signed_at DESC, id DESC LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_err)?;
        let (result, message) = if !changed.is_empty() {
            let also = if d.status == "withdrawn" {
                "；该文件也已撤回"
            } else {
                ""
            };
            (
                "changed",
                format!(
                    "内容已被改动，不能作为有效文件：{}{also}",
                    changed.join("；")
                ),
            )
        } else if d.status == "withdrawn" {
            (
                "withdrawn",
                format!(
                    "已撤回作废：{number}已于{}撤回（原因：{}），不再有效",
                    d.withdrawn_at.clone().unwrap_or_default(),
                    d.withdrawn_reason.clone().unwrap_or_default()
                ),
            )
        } else if let Some(by) = amended_by {
            (
                "superseded",
                format!("已被更正：{number}已由{by}更正，请以更正后的文件为准"),
            )
        } else {
            (
                "authentic",
                format!(
                    "真实有效：{number}，{} 于 {} 签发，本机记录与签发时冻结的内容一致",
                    d.signer_name.clone().unwrap_or_default(),
                    d.signed_at.clone().unwrap_or_default()
                ),
            )
        };
        Ok(Verification {
            result,
            code,
            message,
            valid: result == "authentic",
            signed,
            checks,
            limits,
            document: Some(d),
        })
    }
}

/// A frozen name (or list of names) as text.
fn name_text(v: Option<&serde_json::Value>) -> String {
    match v {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str())
            .collect::<Vec<_>>()
            .join("、"),
        _ => String::new(),
    }
}

/// Tasks grouped by responsible unit, in the order the units first appear.
type UnitTasks = Vec<(i64, Vec<NoticeTask>)>;

/// A plan task as a notice lists it.
struct NoticeTask {
    id: i64,
    name: String,
    goal: String,
    deadline: Option<String>,
}

/// What a notice needs to know of a task: the task itself, its unit, whether
/// it is a stage, and its plan's title.
struct TaskFacts {
    task: NoticeTask,
    unit: Option<i64>,
    stage: bool,
    plan: String,
}

impl Store {
    /// The selected tasks with every stage replaced by the tasks under it (at
    /// any depth), each task once, in the order of the chart.
    fn tasks_with_stages_expanded(&self, task_ids: &[i64]) -> Result<Vec<i64>> {
        let mut out: Vec<i64> = Vec::new();
        let mut stmt = self
            .conn
            .prepare(
                "WITH RECURSIVE sub(id, kind, path) AS (
                   SELECT id, kind, printf('%08d', position) FROM task WHERE id = ?1
                   UNION ALL
                   SELECT t.id, t.kind, sub.path || '.' || printf('%08d', t.position)
                   FROM task t JOIN sub ON t.parent_id = sub.id
                 )
                 SELECT id FROM sub WHERE kind = 'task' ORDER BY path",
            )
            .map_err(sql_err)?;
        for &id in task_ids {
            let found: Vec<i64> = stmt
                .query_map([id], |r| r.get(0))
                .map_err(sql_err)?
                .collect::<std::result::Result<_, _>>()
                .map_err(sql_err)?;
            for t in found {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        Ok(out)
    }

    /// One draft notice per responsible unit for the given plan tasks (the
    /// "一个通知" step): each lists that unit's tasks, goals and deadlines. A
    /// selected stage stands for the tasks under it. All notices are made in
    /// one transaction: either every unit gets its notice or none does.
    pub fn notices_from_tasks(
        &mut self,
        actor: &Actor,
        task_ids: &[i64],
        method: &str,
        feedback_requirement: &str,
    ) -> Result<Vec<DispatchDoc>> {
        actor.require(Permission::EditRecords)?;
        let method = if method.trim().is_empty() {
            "written"
        } else {
            method
        };
        DispatchMethod::parse(method)?;
        let (plan_title, groups) = self.tasks_by_unit(task_ids, "通知单")?;
        let tx = self.tx()?;
        let mut out = Vec::new();
        for (unit, tasks) in groups {
            let input = notice_for_unit(&plan_title, unit, &tasks, method, feedback_requirement);
            out.push(insert_doc(&tx, actor, &input, None)?);
        }
        commit(tx)?;
        Ok(out)
    }

    /// One draft 调度令 per responsible unit for the tasks selected on the
    /// chart (the "一个调度令" step), each carrying that unit's tasks, with
    /// the urgency and the periodic feedback (forms: text, pictures, video)
    /// it demands. Its feedback, supervision and close-out move the tasks.
    pub fn orders_from_tasks(
        &mut self,
        actor: &Actor,
        input: &OrdersFromTasks,
    ) -> Result<Vec<DispatchDoc>> {
        actor.require(Permission::EditRecords)?;
        let (plan_title, groups) = self.tasks_by_unit(&input.task_ids, "调度令")?;
        let tx = self.tx()?;
        let mut out = Vec::new();
        for (unit, tasks) in groups {
            let doc = order_for_unit(&plan_title, unit, &tasks, input);
            out.push(insert_doc(&tx, actor, &doc, None)?);
        }
        commit(tx)?;
        Ok(out)
    }

    /// The notices and orders that carry a task (drafts and withdrawn ones
    /// included, newest first): the task panel lists them.
    pub fn docs_for_task(&self, task_id: i64) -> Result<Vec<DispatchDoc>> {
        let cal = crate::plans::calendar_of(&self.conn)?;
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{SELECT} WHERE EXISTS (SELECT 1 FROM json_each(d.task_ids) j WHERE j.value = ?1) ORDER BY d.id DESC"
            ))
            .map_err(sql_err)?;
        let rows: Vec<DispatchDoc> = stmt
            .query_map([task_id], from_row)
            .map_err(sql_err)?
            .collect::<std::result::Result<_, _>>()
            .map_err(sql_err)?;
        rows.into_iter()
            .map(|d| finish(&self.conn, &cal, d))
            .collect()
    }

    /// The selected tasks (stages expanded) grouped by responsible unit, in
    /// the order the units first appear, with the plan's title.
    fn tasks_by_unit(&self, task_ids: &[i64], paper: &str) -> Result<(String, UnitTasks)> {
        if task_ids.is_empty() {
            return Err(CoreError::validation("taskIds", "请至少选择一项任务"));
        }
        let task_ids = self.tasks_with_stages_expanded(task_ids)?;
        // (unit, tasks) in the order the units first appear.
        let mut groups: Vec<(i64, Vec<NoticeTask>)> = Vec::new();
        let mut plan_title = String::new();
        for &id in &task_ids {
            let facts = self
                .conn
                .query_row(
                    "SELECT t.name, t.goal, t.lead_unit_id, t.deadline, t.kind, p.title
                     FROM task t JOIN plan p ON p.id = t.plan_id WHERE t.id = ?1",
                    [id],
                    |r| {
                        Ok(TaskFacts {
                            task: NoticeTask {
                                id,
                                name: r.get(0)?,
                                goal: r.get(1)?,
                                deadline: r.get(3)?,
                            },
                            unit: r.get(2)?,
                            stage: r.get::<_, String>(4)? == "stage",
                            plan: r.get(5)?,
                        })
                    },
                )
                .optional()
                .map_err(sql_err)?
                .ok_or_else(|| CoreError::validation("taskIds", "所选任务不存在"))?;
            if facts.stage {
                continue;
            }
            let unit = facts.unit.ok_or_else(|| {
                CoreError::validation(
                    "taskIds",
                    format!("任务“{}”没有责任单位，无法生成{paper}", facts.task.name),
                )
            })?;
            plan_title = facts.plan;
            match groups.iter_mut().find(|(u, _)| *u == unit) {
                Some((_, list)) => list.push(facts.task),
                None => groups.push((unit, vec![facts.task])),
            }
        }
        if groups.is_empty() {
            return Err(CoreError::validation(
                "taskIds",
                "所选阶段下没有具体任务，请选择具体任务",
            ));
        }
        Ok((plan_title, groups))
    }
}

/// 生成调度令: the tasks and what the orders demand of their units.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OrdersFromTasks {
    pub task_ids: Vec<i64>,
    /// urgent, expedited or normal.
    pub urgency: String,
    pub requirements: String,
    pub feedback_rule: FeedbackRule,
}

fn task_lines(tasks: &[NoticeTask]) -> (String, String, Option<String>) {
    let content = tasks
        .iter()
        .enumerate()
        .map(|(i, t)| match &t.deadline {
            Some(d) => format!("{}. {}（完成时限：{d}）", i + 1, t.name),
            None => format!("{}. {}", i + 1, t.name),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let goal = tasks
        .iter()
        .map(|t| t.goal.as_str())
        .filter(|g| !g.is_empty())
        .collect::<Vec<_>>()
        .join("；");
    let deadline = tasks.iter().filter_map(|t| t.deadline.clone()).max();
    (content, goal.chars().take(1000).collect(), deadline)
}

/// The draft order that tells one unit its tasks and how to report on them.
fn order_for_unit(
    plan_title: &str,
    unit: i64,
    tasks: &[NoticeTask],
    i: &OrdersFromTasks,
) -> DocInput {
    let (content, goal, deadline) = task_lines(tasks);
    DocInput {
        kind: "order".into(),
        title: format!("关于落实《{plan_title}》有关任务的调度令")
            .chars()
            .take(60)
            .collect(),
        urgency: Some(i.urgency.clone()),
        content,
        requirements: i.requirements.trim().into(),
        goal,
        target_unit_id: Some(unit),
        deadline,
        feedback_rule: i.feedback_rule.clone(),
        task_ids: tasks.iter().map(|t| t.id).collect(),
        ..Default::default()
    }
}

/// The draft notice that tells one unit its tasks.
fn notice_for_unit(
    plan_title: &str,
    unit: i64,
    tasks: &[NoticeTask],
    method: &str,
    feedback_requirement: &str,
) -> DocInput {
    // Each task's own deadline is in the content; the notice is done when its
    // last task is, so its deadline is the latest.
    let (content, goal, deadline) = task_lines(tasks);
    DocInput {
        kind: "notice".into(),
        title: format!("关于落实《{plan_title}》有关任务的通知")
            .chars()
            .take(60)
            .collect(),
        method: Some(method.into()),
        content,
        requirements: feedback_requirement.trim().into(),
        goal,
        target_unit_id: Some(unit),
        deadline,
        task_ids: tasks.iter().map(|t| t.id).collect(),
        ..Default::default()
    }
}
