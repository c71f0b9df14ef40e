use crate::db::{sql_err, Actor, Store};
use crate::{now_text, Result};
use rusqlite::Transaction;
use serde::{Deserialize, Serialize};

/// Writes one audit entry inside the caller's transaction, so the entry and
/// the change it describes commit or roll back together.
pub(crate) fn record(
    tx: &Transaction<'_>,
    actor: &Actor,
    entity: &str,
    entity_id: Option<i64>,
    action: &str,
    summary: &str,
    changes: serde_json::Value,
) -> Result<()> {
    tx.execute(
        "INSERT INTO audit_log (at, user_id, username, entity, entity_id, action, summary, changes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![
            now_text(),
            actor.user_id,
            actor.username,
            entity,
            entity_id,
            action,
            summary,
            changes.to_string()
        ],
    )
    .map_err(sql_err)?;
    Ok(())
}

/// `{field: {from, to}}` for the fields whose values differ.
pub(crate) fn diff(before: &serde_json::Value, after: &serde_json::Value) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    if let (Some(b), Some(a)) = (before.as_object(), after.as_object()) {
        for (k, av) in a {
            let bv = b.get(k).unwrap_or(&serde_json::Value::Null);
            if bv != av {
                out.insert(k.clone(), serde_json::json!({"from": bv, "to": av}));
            }
        }
    }
    serde_json::Value::Object(out)
}

pub fn entity_label(entity: &str) -> &'static str {
    match entity {
        "unit" => "单位",
        "person" => "人员",
        "assistance_point" => "帮扶点",
        "pairing" => "包保关系",
        "user" => "用户",
        "settings" => "设置",
        "sample" => "示例数据",
        "backup" => "备份",
        "plan" => "计划",
        "task" => "任务",
        "link" => "前置关系",
        "baseline" => "基线",
        "calendar" => "工作日历",
        "document" => "通知单/调度令",
        "spec_item" => "工作规范",
        "spec_period" => "周期工作生成",
        "spec_instance" => "周期工作",
        "spec_omission" => "漏项",
        "feedback" => "反馈",
        "rectification" => "整改",
        "supervision" => "督办记录",
        "reminder" => "催办通知单",
        "meeting" => "调度会",
        "decision" => "议定事项",
        "summary" => "阶段总结/通报",
        "rule_set" => "考核细则",
        "rule" => "考核条目",
        "assessment" => "考核记录",
        "assessment_period" => "考核期间",
        "reward" => "奖惩",
        "duty" => "值班",
        "handover" => "交接班",
        "hotline" => "热线电话",
        "inspection" => "综合大检查",
        "visit" => "帮扶走访",
        "emergency" => "应急事件",
        "post_duty" => "工作职责",
        "archive_file" => "文档",
        _ => "其他",
    }
}

pub fn action_label(action: &str) -> &'static str {
    match action {
        "create" => "新建",
        "update" => "修改",
        "retire" => "撤销",
        "reinstate" => "恢复",
        "end" => "终止",
        "login" => "登录",
        "logout" => "退出",
        "unlock" => "解锁",
        "load" => "加载",
        "backup" => "备份",
        "restore" => "恢复数据",
        "password" => "修改密码",
        "archive" => "归档",
        "delete" => "删除",
        "import" => "导入",
        "sign" => "签发",
        "generate" => "生成",
        "done" => "登记完成",
        "check" => "检查",
        "verify" => "验收",
        "closeout" => "销号",
        "close" => "完成闭合",
        "reopen" => "重新打开",
        "issue" => "印发",
        "cancel" => "取消",
        "link" => "转办",
        "activate" => "启用",
        "adjust" => "调整",
        "confirm" => "确认",
        "reject" => "驳回",
        "propose" => "生成建议",
        "swap" => "调班",
        "freeze" => "关闭冻结",
        "auth_fail" => "密码错误",
        "auth_wait" => "暂停期间尝试",
        _ => "其他",
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub username: String,
    pub entity: String,
    pub entity_label: String,
    pub entity_id: Option<i64>,
    pub action: String,
    pub action_label: String,
    pub summary: String,
    pub changes: serde_json::Value,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AuditFilter {
    pub entity: Option<String>,
    pub action: Option<String>,
    pub username: Option<String>,
    pub text: Option<String>,
    /// Inclusive dates, `YYYY-MM-DD`.
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AuditPage {
    pub total: i64,
    pub rows: Vec<AuditEntry>,
}

fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Store {
    /// Audit entries matching the filter, newest first; readable by everyone.
    pub fn list_audit(&self, filter: &AuditFilter) -> Result<AuditPage> {
        let mut w = crate::query::Where::default();
        if let Some(e) = non_empty(&filter.entity) {
            w.is("entity = ?", e.to_string());
        }
        if let Some(a) = non_empty(&filter.action) {
            w.is("action = ?", a.to_string());
        }
        if let Some(u) = non_empty(&filter.username) {
            w.contains("username LIKE ?", u);
        }
        if let Some(t) = non_empty(&filter.text) {
            w.contains("(summary LIKE ? OR changes LIKE ?)", t);
        }
        if let Some(f) = non_empty(&filter.from) {
            w.is("at >= ?", f.to_string());
        }
        if let Some(t) = non_empty(&filter.to) {
            w.is("at < date(?, '+1 day')", t.to_string());
        }
        let where_sql = w.sql();
        let total: i64 = self
            .conn
            .query_row(
                &format!("SELECT COUNT(*) FROM audit_log {where_sql}"),
                w.params(),
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        let limit = filter.limit.unwrap_or(100).clamp(1, 1000);
        let offset = filter.offset.unwrap_or(0).max(0);
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT id, at, username, entity, entity_id, action, summary, changes
                 FROM audit_log {where_sql} ORDER BY id DESC LIMIT {limit} OFFSET {offset}"
            ))
            .map_err(sql_err)?;
        let rows = stmt
            .query_map(w.params(), |r| {
                let entity: String = r.get(3)?;
                let action: String = r.get(5)?;
                let changes: String = r.get(7)?;
                Ok(AuditEntry {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    username: r.get(2)?,
                    entity_label: entity_label(&entity).into(),
                    entity,
                    entity_id: r.get(4)?,
                    action_label: action_label(&action).into(),
                    action,
                    summary: r.get(6)?,
                    changes: serde_json::from_str(&changes).unwrap_or(serde_json::Value::Null),
                })
            })
            .map_err(sql_err)?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(sql_err)?;
        Ok(AuditPage { total, rows })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_lists_only_changed_fields() {
        let b = serde_json::json!({"name": "组织部", "note": ""});
        let a = serde_json::json!({"name": "党委组织部", "note": ""});
        let d = diff(&b, &a);
        assert_eq!(d["name"]["from"], "组织部");
        assert_eq!(d["name"]["to"], "党委组织部");
        assert!(d.get("note").is_none());
    }
}
