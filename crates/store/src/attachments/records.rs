//! Attachments as records see them: a row per distinct content in
//! `attachment`, and the link tables that say which feedback or
//! rectification, ticked periodic work or archived file carries which file
//! under which name.
use super::AttachmentStore;
use crate::db::{json_ids, sql_err};
use crate::Result;
use diaodu_domain::closed_loop::AttachmentKind;
use diaodu_domain::CoreError;
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

const MAX_PER_RECORD: usize = 50;

/// A stored file chosen for a record: its content hash and the name the
/// user attached it under (from `stage_attachment`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", default)]
pub struct AttachmentRef {
    pub sha256: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    pub sha256: String,
    pub name: String,
    pub size: i64,
    pub media_type: String,
    pub kind: String,
    pub kind_label: String,
    pub has_thumb: bool,
}

/// The records that carry attachments.
#[derive(Debug, Clone, Copy)]
pub(crate) enum AttachmentLink {
    Feedback,
    Rectification,
    SpecInstance,
    /// An archived incoming file or 制度 text (文档管理).
    ArchiveFile,
}

impl AttachmentLink {
    fn table(self) -> &'static str {
        match self {
            AttachmentLink::Feedback => "feedback_attachment",
            AttachmentLink::Rectification => "rectification_attachment",
            AttachmentLink::SpecInstance => "spec_instance_attachment",
            AttachmentLink::ArchiveFile => "archive_file_attachment",
        }
    }
    fn column(self) -> &'static str {
        match self {
            AttachmentLink::Feedback => "feedback_id",
            AttachmentLink::Rectification => "rectification_id",
            AttachmentLink::SpecInstance => "instance_id",
            AttachmentLink::ArchiveFile => "file_id",
        }
    }
}

/// Makes `refs` the record's attachments: each file must be in the store;
/// new content gets its `attachment` row, in the caller's transaction.
pub(crate) fn link_all(
    tx: &Transaction<'_>,
    files: &AttachmentStore,
    link: AttachmentLink,
    record_id: i64,
    refs: &[AttachmentRef],
) -> Result<Vec<Attachment>> {
    if refs.len() > MAX_PER_RECORD {
        return Err(CoreError::validation(
            "attachments",
            format!("一条记录最多{MAX_PER_RECORD}个附件"),
        ));
    }
    tx.execute(
        &format!("DELETE FROM {} WHERE {} = ?1", link.table(), link.column()),
        [record_id],
    )
    .map_err(sql_err)?;
    for r in refs {
        let stored = files.describe_stored(&r.sha256, &r.name)?;
        tx.execute(
            "INSERT INTO attachment (sha256, size, media_type, kind, has_thumb, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(sha256) DO UPDATE SET has_thumb = MAX(has_thumb, excluded.has_thumb)",
            params![
                stored.sha256,
                stored.size as i64,
                stored.media_type,
                stored.kind,
                stored.has_thumb,
                crate::now_text()
            ],
        )
        .map_err(sql_err)?;
        tx.execute(
            &format!(
                "INSERT OR IGNORE INTO {} ({}, sha256, name) VALUES (?1, ?2, ?3)",
                link.table(),
                link.column()
            ),
            params![record_id, stored.sha256, stored.name],
        )
        .map_err(sql_err)?;
    }
    attached(tx, link, record_id)
}

/// The record's attachments: photos first, then by name.
pub(crate) fn attached(
    conn: &Connection,
    link: AttachmentLink,
    record_id: i64,
) -> Result<Vec<Attachment>> {
    Ok(attached_to_many(conn, link, &[record_id])?
        .remove(&record_id)
        .unwrap_or_default())
}

/// The attachments of several records of one kind in one query (a
/// checklist's rows), by record id.
pub(crate) fn attached_to_many(
    conn: &Connection,
    link: AttachmentLink,
    record_ids: &[i64],
) -> Result<HashMap<i64, Vec<Attachment>>> {
    let mut out: HashMap<i64, Vec<Attachment>> = HashMap::new();
    if record_ids.is_empty() {
        return Ok(out);
    }
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT l.{col}, a.sha256, l.name, a.size, a.media_type, a.kind, a.has_thumb
             FROM {table} l JOIN attachment a ON a.sha256 = l.sha256
             WHERE l.{col} IN (SELECT value FROM json_each(?1)) ORDER BY a.kind <> 'image', l.name",
            table = link.table(),
            col = link.column()
        ))
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([json_ids(record_ids)], |r| {
            let kind: String = r.get(5)?;
            Ok((
                r.get::<_, i64>(0)?,
                Attachment {
                    sha256: r.get(1)?,
                    name: r.get(2)?,
                    size: r.get(3)?,
                    media_type: r.get(4)?,
                    kind_label: AttachmentKind::parse(&kind)
                        .map(|k| k.label())
                        .unwrap_or("附件")
                        .into(),
                    kind,
                    has_thumb: r.get(6)?,
                },
            ))
        })
        .map_err(sql_err)?;
    for row in rows {
        let (id, a) = row.map_err(sql_err)?;
        out.entry(id).or_default().push(a);
    }
    Ok(out)
}
