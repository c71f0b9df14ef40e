use crate::audit::AuditFilter;
use crate::db::Store;
use crate::{now_text, Result};

impl Store {
    /// Every record as one JSON document (password hashes excluded).
    pub fn export_json(&self) -> Result<serde_json::Value> {
        let mut audit = Vec::new();
        let mut offset = 0;
        loop {
            let page = self.list_audit(&AuditFilter {
                limit: Some(1000),
                offset: Some(offset),
                ..Default::default()
            })?;
            let n = page.rows.len() as i64;
            audit.extend(page.rows);
            offset += n;
            if n == 0 || offset >= page.total {
                break;
            }
        }
        let filter = crate::PlanFilter {
            status: Some("all".into()),
            ..Default::default()
        };
        let mut plans = Vec::new();
        for p in self.list_plans(&filter)? {
            plans.push(self.chart(p.plan.id, None)?);
        }
        let calendar_days: Vec<serde_json::Value> = {
            let mut stmt = self
                .conn
                .prepare("SELECT date, working, name FROM calendar_day ORDER BY date")
                .map_err(crate::db::sql_err)?;
            let rows = stmt
                .query_map([], |r| {
                    Ok(serde_json::json!({"date": r.get::<_, String>(0)?, "working": r.get::<_, i64>(1)? != 0, "name": r.get::<_, String>(2)?}))
                })
                .map_err(crate::db::sql_err)?;
            rows.filter_map(|r| r.ok()).collect()
        };
        Ok(serde_json::json!({
            "exportedAt": now_text(),
            "schemaVersion": self.schema_version()?,
            "units": self.list_units(true)?,
            "people": self.list_people(true)?,
            "assistancePoints": self.list_assistance_points(true)?,
            "pairings": self.list_pairings(true)?,
            "users": self.list_users()?,
            "settings": self.settings()?,
            "plans": plans,
            "calendarDays": calendar_days,
            "meetings": self.list_meetings(&crate::MeetingFilter {
                include_cancelled: true,
                ..Default::default()
            })?,
            "supervisionRecords": self.list_supervisions(&Default::default())?,
            "reminders": self.list_reminders_sent(None)?,
            "summaries": self.list_summaries()?,
            "audit": audit,
        }))
    }
}
