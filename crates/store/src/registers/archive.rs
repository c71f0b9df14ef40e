//! 文档管理: the archive of incoming files (来文) and the office's 制度 texts,
//! each with its title, issuer, number, date and the file itself in the
//! attachment store (so backups carry it). Found by full-text search on
//! title and number (SQLite FTS5 with the trigram tokenizer, which suits
//! Chinese; queries shorter than three characters fall back to instr()).
//! A plan cites an archived file as one of its sources (依据文件).
use super::rows;
use crate::attachments::{attached, attached_to_many, link_all, AttachmentLink};
use crate::audit::{diff, record};
use crate::db::{commit, sql_err, Actor, Store};
use crate::query::Where;
use crate::{now_text, Attachment, AttachmentRef, Result, SourceDocument};
use diaodu_domain::registers::{self as reg, ArchiveKind};
use diaodu_domain::{validate, CoreError, Permission};
use rusqlite::{types::Value, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

const MAX_QUERY_CHARS: usize = 100;
const MAX_TERMS: usize = 8;
/// The trigram tokenizer matches runs of at least this many characters.
const TRIGRAM: usize = 3;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CitingPlan {
    pub id: i64,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ArchiveFile {
    pub id: i64,
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub issuer: String,
    pub number: String,
    pub issued_on: String,
    pub note: String,
    pub retired: bool,
    pub retired_at: Option<String>,
    pub retired_reason: Option<String>,
    pub attachments: Vec<Attachment>,
    /// Plans that cite this file as a source.
    pub cited_by: Vec<CitingPlan>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ArchiveInput {
    pub kind: String,
    pub title: String,
    pub issuer: String,
    pub number: String,
    pub issued_on: String,
    pub note: String,
    pub attachments: Vec<AttachmentRef>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ArchiveFilter {
    /// Words to find in the title or the number (all of them).
    pub text: Option<String>,
    pub kind: Option<String>,
    pub include_retired: bool,
}

const SELECT: &str = "SELECT a.id, a.kind, a.title, a.issuer, a.number, a.issued_on, a.note,
    a.retired_at, a.retired_reason, a.created_at, a.updated_at FROM archive_file a";

fn from_row(r: &Row<'_>) -> rusqlite::Result<ArchiveFile> {
    let kind: String = r.get(1)?;
    let retired_at: Option<String> = r.get(7)?;
    Ok(ArchiveFile {
        id: r.get(0)?,
        kind_label: ArchiveKind::parse(&kind)
            .map(|k| k.label())
            .unwrap_or("")
            .into(),
        kind,
        title: r.get(2)?,
        issuer: r.get(3)?,
        number: r.get(4)?,
        issued_on: r.get(5)?,
        note: r.get(6)?,
        retired: retired_at.is_some(),
        retired_at,
        retired_reason: r.get(8)?,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
        attachments: Vec::new(),
        cited_by: Vec::new(),
    })
}

fn citing_plans(conn: &Connection, id: i64) -> Result<Vec<CitingPlan>> {
    rows(
        conn,
        "SELECT DISTINCT p.id, p.title FROM plan p, json_each(p.sources) j
         WHERE json_extract(j.value, '$.archiveId') = ?1 ORDER BY p.id",
        [id],
        |r| {
            Ok(CitingPlan {
                id: r.get(0)?,
                title: r.get(1)?,
            })
        },
    )
}

fn file_in(conn: &Connection, id: i64) -> Result<ArchiveFile> {
    reg::id("id", "文档", id)?;
    let mut f = conn
        .query_row(&format!("{SELECT} WHERE a.id = ?1"), [id], from_row)
        .optional()
        .map_err(sql_err)?
        .ok_or_else(|| CoreError::not_found("文档不存在"))?;
    f.attachments = attached(conn, AttachmentLink::ArchiveFile, id)?;
    f.cited_by = citing_plans(conn, id)?;
    Ok(f)
}

/// An archived file as a plan's source: issuer, number and title come from
/// the archive, so the plan always names the file as it was registered.
pub(crate) fn archive_source(conn: &Connection, id: i64) -> Result<SourceDocument> {
    let f = file_in(conn, id)
        .map_err(|_| CoreError::validation("sources", "所引用的文件不在文档库中，请重新选择"))?;
    Ok(SourceDocument {
        issuer: f.issuer,
        number: f.number,
        title: f.title,
        archive_id: Some(f.id),
    })
}

/// A phrase for FTS5: in double quotes, quotes doubled, so nothing the user
/// types is read as query syntax.
fn phrase(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

/// The WHERE conditions for the search words.
fn search_terms(text: &str, w: &mut Where) -> Result<()> {
    let text = text.trim();
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(CoreError::validation(
            "text",
            format!("搜索内容不能超过{MAX_QUERY_CHARS}个字"),
        ));
    }
    if text.chars().any(|c| c.is_control()) {
        return Err(CoreError::validation(
            "text",
            "搜索内容含有不可见的控制字符",
        ));
    }
    let terms: Vec<&str> = text.split_whitespace().collect();
    if terms.len() > MAX_TERMS {
        return Err(CoreError::validation(
            "text",
            format!("搜索词最多{MAX_TERMS}个，请用空格分隔"),
        ));
    }
    for t in terms {
        if t.chars().count() >= TRIGRAM {
            w.is(
                "a.id IN (SELECT rowid FROM archive_fts WHERE archive_fts MATCH ?)",
                phrase(t),
            );
        } else {
            w.with(
                "(instr(a.title, ?) > 0 OR instr(a.number, ?) > 0)",
                [Value::Text(t.to_string()), Value::Text(t.to_string())],
            );
        }
    }
    Ok(())
}

struct Checked {
    kind: ArchiveKind,
    title: String,
    issuer: String,
    number: String,
    issued_on: String,
    note: String,
}

fn check(conn: &Connection, i: &ArchiveInput, id: Option<i64>) -> Result<Checked> {
    let kind = ArchiveKind::parse(&i.kind)?;
    let title = validate::required_text("title", "文件标题", &i.title, 200)?;
    let issuer = validate::optional_text("issuer", "发文机关", &i.issuer, 60)?;
    let number = validate::optional_text("number", "文号", &i.number, 60)?;
    let issued_on = reg::past_date("issuedOn", "成文日期", &i.issued_on, super::today())?;
    let note = validate::optional_text("note", "备注", &i.note, 1000)?;
    if i.attachments.is_empty() {
        return Err(CoreError::validation(
            "attachments",
            "请添加文件（扫描件或电子版），文档库保存的是文件本身",
        ));
    }
    if !number.is_empty() {
        let dup: Option<String> = conn
            .query_row(
                "SELECT title FROM archive_file WHERE number = ?1 AND id IS NOT ?2",
                rusqlite::params![number, id],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_err)?;
        if let Some(t) = dup {
            return Err(CoreError::duplicate(
                "number",
                format!("文号“{number}”已登记为《{t}》"),
            ));
        }
    }
    Ok(Checked {
        kind,
        title,
        issuer,
        number,
        issued_on: issued_on.to_string(),
        note,
    })
}

fn file_json(f: &ArchiveFile) -> serde_json::Value {
    let files: Vec<&str> = f.attachments.iter().map(|a| a.name.as_str()).collect();
    serde_json::json!({"kind": f.kind_label, "title": f.title, "issuer": f.issuer, "number": f.number,
        "issuedOn": f.issued_on, "note": f.note, "files": files})
}

impl Store {
    /// The archive, newest first; `text` finds files whose title or number
    /// holds every word.
    pub fn list_archive(&self, filter: &ArchiveFilter) -> Result<Vec<ArchiveFile>> {
        let mut w = Where::default();
        if let Some(t) = filter.text.as_deref().filter(|t| !t.trim().is_empty()) {
            search_terms(t, &mut w)?;
        }
        if let Some(k) = filter.kind.as_deref().filter(|k| !k.trim().is_empty()) {
            w.is("a.kind = ?", ArchiveKind::parse(k)?.code().to_string());
        }
        if !filter.include_retired {
            w.cond("a.retired_at IS NULL");
        }
        let sql = format!("{SELECT}{} ORDER BY a.issued_on DESC, a.id DESC", w.sql());
        let mut list = rows(&self.conn, &sql, w.params(), from_row)?;
        let ids: Vec<i64> = list.iter().map(|f| f.id).collect();
        let mut files = attached_to_many(&self.conn, AttachmentLink::ArchiveFile, &ids)?;
        for f in &mut list {
            f.attachments = files.remove(&f.id).unwrap_or_default();
            f.cited_by = citing_plans(&self.conn, f.id)?;
        }
        Ok(list)
    }

    pub fn get_archive_file(&self, id: i64) -> Result<ArchiveFile> {
        file_in(&self.conn, id)
    }

    pub fn create_archive_file(
        &mut self,
        actor: &Actor,
        input: &ArchiveInput,
    ) -> Result<ArchiveFile> {
        actor.require(Permission::EditRecords)?;
        let files = self.attachment_store()?;
        let tx = self.tx()?;
        let c = check(&tx, input, None)?;
        let now = now_text();
        tx.execute(
            "INSERT INTO archive_file (kind, title, issuer, number, issued_on, note, created_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            rusqlite::params![c.kind.code(), c.title, c.issuer, c.number, c.issued_on, c.note, actor.user_id, now],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        link_all(
            &tx,
            &files,
            AttachmentLink::ArchiveFile,
            id,
            &input.attachments,
        )?;
        let f = file_in(&tx, id)?;
        record(
            &tx,
            actor,
            "archive_file",
            Some(id),
            "create",
            &format!(
                "登记{}《{}》{}",
                f.kind_label,
                f.title,
                if f.number.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", f.number)
                }
            ),
            file_json(&f),
        )?;
        commit(tx)?;
        Ok(f)
    }

    pub fn update_archive_file(
        &mut self,
        actor: &Actor,
        id: i64,
        input: &ArchiveInput,
    ) -> Result<ArchiveFile> {
        actor.require(Permission::EditRecords)?;
        let files = self.attachment_store()?;
        let tx = self.tx()?;
        let before = file_in(&tx, id)?;
        if before.retired {
            return Err(CoreError::conflict("该文档已作废，不能再修改"));
        }
        let c = check(&tx, input, Some(id))?;
        tx.execute(
            "UPDATE archive_file SET kind = ?1, title = ?2, issuer = ?3, number = ?4, issued_on = ?5, note = ?6,
             updated_at = ?7 WHERE id = ?8",
            rusqlite::params![c.kind.code(), c.title, c.issuer, c.number, c.issued_on, c.note, now_text(), id],
        )
        .map_err(sql_err)?;
        link_all(
            &tx,
            &files,
            AttachmentLink::ArchiveFile,
            id,
            &input.attachments,
        )?;
        let after = file_in(&tx, id)?;
        record(
            &tx,
            actor,
            "archive_file",
            Some(id),
            "update",
            &format!("修改文档《{}》", after.title),
            diff(&file_json(&before), &file_json(&after)),
        )?;
        commit(tx)?;
        Ok(after)
    }

    /// A superseded 制度 or a withdrawn file stays on record, marked 作废.
    pub fn retire_archive_file(
        &mut self,
        actor: &Actor,
        id: i64,
        reason: &str,
    ) -> Result<ArchiveFile> {
        actor.require(Permission::EditRecords)?;
        let reason = validate::required_text("reason", "作废原因", reason, 200)?;
        let tx = self.tx()?;
        let f = file_in(&tx, id)?;
        if f.retired {
            return Err(CoreError::conflict("该文档已经作废"));
        }
        tx.execute(
            "UPDATE archive_file SET retired_at = ?1, retired_reason = ?2, updated_at = ?1 WHERE id = ?3",
            rusqlite::params![now_text(), reason, id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "archive_file",
            Some(id),
            "retire",
            &format!("作废文档《{}》：{reason}", f.title),
            serde_json::json!({"reason": reason}),
        )?;
        let after = file_in(&tx, id)?;
        commit(tx)?;
        Ok(after)
    }
}
