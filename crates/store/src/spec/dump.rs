//! The specification in the all-records JSON export: items with every
//! version, the instances and the omission records, as stored.
use crate::db::{sql_err, Store};
use crate::Result;
use rusqlite::types::ValueRef;

/// Every row of a query as a JSON object keyed by column name.
fn rows(store: &Store, sql: &str) -> Result<Vec<serde_json::Value>> {
    let mut stmt = store.conn.prepare(sql).map_err(sql_err)?;
    let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
    let out = stmt
        .query_map([], |r| {
            let mut obj = serde_json::Map::new();
            for (i, name) in names.iter().enumerate() {
                let v = match r.get_ref(i)? {
                    ValueRef::Null => serde_json::Value::Null,
                    ValueRef::Integer(n) => n.into(),
                    ValueRef::Real(f) => f.into(),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
                    ValueRef::Blob(_) => serde_json::Value::Null,
                };
                obj.insert(name.clone(), v);
            }
            Ok(serde_json::Value::Object(obj))
        })
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err)?;
    Ok(out)
}

impl Store {
    pub(crate) fn spec_export(&self) -> Result<serde_json::Value> {
        Ok(serde_json::json!({
            "items": rows(self, "SELECT * FROM spec_item ORDER BY id")?,
            "versions": rows(self, "SELECT * FROM spec_version ORDER BY item_id, version")?,
            "generated": rows(self, "SELECT * FROM spec_generation ORDER BY first_day")?,
            "instances": rows(self, "SELECT * FROM spec_instance ORDER BY id")?,
            "omissions": rows(self, "SELECT * FROM spec_omission ORDER BY id")?,
            "attachments": rows(self, "SELECT * FROM spec_instance_attachment ORDER BY instance_id, name")?,
        }))
    }
}
