use crate::audit::AuditFilter;
use crate::db::Store;
use crate::{now_text, Result};

/// The assessment and duty records (schema 0007), exported row by row.
const ASSESSMENT_TABLES: &[&str] = &[
    "assessment_rule_set",
    "assessment_rule",
    "assessment_period",
    "assessment_record",
    "reward_penalty",
    "leader_duty",
    "leader_duty_swap",
    "dispatcher_shift",
    "handover",
    "handover_item",
    "hotline_call",
    "inspection",
    "inspection_finding",
];

impl Store {
    /// Every row of each table as an object keyed by column name.
    fn raw_tables(&self, tables: &[&str]) -> Result<serde_json::Value> {
        use rusqlite::types::ValueRef;
        let mut out = serde_json::Map::new();
        for table in tables {
            let mut stmt = self
                .conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
                .map_err(crate::db::sql_err)?;
            let names: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
            let mut rows = stmt.query([]).map_err(crate::db::sql_err)?;
            let mut list = Vec::new();
            while let Some(row) = rows.next().map_err(crate::db::sql_err)? {
                let mut obj = serde_json::Map::new();
                for (i, name) in names.iter().enumerate() {
                    let v = match row.get_ref(i).map_err(crate::db::sql_err)? {
                        ValueRef::Null => serde_json::Value::Null,
                        ValueRef::Integer(n) => n.into(),
                        ValueRef::Real(x) => x.into(),
                        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
                        ValueRef::Blob(b) => format!("<{} bytes>", b.len()).into(),
                    };
                    obj.insert(name.clone(), v);
                }
                list.push(serde_json::Value::Object(obj));
            }
            out.insert((*table).to_string(), list.into());
        }
        Ok(out.into())
    }

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
            "documents": self.list_docs(&Default::default())?,
            "closedLoop": self.export_loop()?,
            "meetings": self.list_meetings(&crate::MeetingFilter {
                include_cancelled: true,
                ..Default::default()
            })?,
            "supervisionRecords": self.list_supervisions(&Default::default())?,
            "reminders": self.list_reminders_sent(None)?,
            "summaries": self.list_summaries()?,
            "spec": self.spec_export()?,
            "assessment": self.raw_tables(ASSESSMENT_TABLES)?,
            "registers": self.export_registers()?,
            "audit": audit,
        }))
    }
}
