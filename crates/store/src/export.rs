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
        Ok(serde_json::json!({
            "exportedAt": now_text(),
            "schemaVersion": self.schema_version()?,
            "units": self.list_units(true)?,
            "people": self.list_people(true)?,
            "assistancePoints": self.list_assistance_points(true)?,
            "pairings": self.list_pairings(true)?,
            "users": self.list_users()?,
            "settings": self.settings()?,
            "audit": audit,
        }))
    }
}
