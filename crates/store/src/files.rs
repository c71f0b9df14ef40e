//! Files the user feeds in: the catalogue workbook (工作规范 import) and a
//! plan file (MS Project XML or the JSON form). One order for every such
//! file: the caller has checked the session, these check the role, then the
//! size, and only then parse, so a file is never parsed for someone who may
//! not import it, and never read or parsed past a known limit. Each error
//! names the file and, where one was hit, the limit.
//!
//! The office's font and seal files (`doc_settings`) and evidence files
//! (`attachments`) follow the same order in their own modules: role, size,
//! then content; evidence files are streamed, never read whole.
use crate::db::Actor;
use crate::Result;
use diaodu_domain::{CoreError, Permission};
use diaodu_exchange::PlanDoc;
use diaodu_sheets::Table;
use std::io::Read;
use std::path::Path;

/// The largest plan file accepted (MS Project writes about 2 KB per task).
pub const MAX_PLAN_FILE_BYTES: usize = 64 * 1024 * 1024;

/// The largest catalogue workbook accepted.
pub const MAX_SHEET_FILE_BYTES: usize = diaodu_sheets::limits::FILE_BYTES;

fn too_big(file_name: &str, size: u64, max: usize) -> CoreError {
    CoreError::validation(
        "file",
        format!(
            "文件“{file_name}”过大（{:.1} MB），超过 {} MB 的上限",
            size as f64 / (1024.0 * 1024.0),
            max / (1024 * 1024)
        ),
    )
}

/// The size check on its own, for a caller that holds the content in
/// another form (base64, text) and wants to refuse before converting it.
pub fn check_size(file_name: &str, size: u64, max: usize) -> Result<()> {
    if size > max as u64 {
        return Err(too_big(file_name, size, max));
    }
    Ok(())
}

/// Reads a file from disk, at most `max` bytes: refused by its size before
/// anything is read, and by what was read if it grew meanwhile.
pub fn read_capped(path: &Path, max: usize) -> Result<Vec<u8>> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let unreadable =
        |e: std::io::Error| CoreError::validation("file", format!("无法读取“{name}”：{e}"));
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    check_size(&name, size, max)?;
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    check_size(&name, bytes.len() as u64, max)?;
    Ok(bytes)
}

/// The tables of a catalogue workbook to import (or preview), for someone
/// who may import it. The workbook's own limits (used range, unpacked size)
/// are checked by diaodu-sheets before any sheet is laid out.
pub fn read_spec_workbook(actor: &Actor, bytes: &[u8], file_name: &str) -> Result<Vec<Table>> {
    actor.require(Permission::EditRecords)?;
    check_size(file_name, bytes.len() as u64, MAX_SHEET_FILE_BYTES)?;
    diaodu_sheets::read_workbook(bytes)
        .map_err(|e| CoreError::validation("file", format!("无法读取“{file_name}”：{}", e.0)))
}

/// A plan file to import, for someone who may import it.
pub fn read_plan_file(actor: &Actor, bytes: &[u8], file_name: &str) -> Result<PlanDoc> {
    actor.require(Permission::EditRecords)?;
    check_size(file_name, bytes.len() as u64, MAX_PLAN_FILE_BYTES)?;
    diaodu_exchange::detect_and_parse(bytes, file_name)
        .map_err(|e| CoreError::validation("file", format!("无法导入“{file_name}”：{e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use diaodu_domain::{ErrorCode, Role};

    fn actor(role: Role) -> Actor {
        Actor {
            user_id: Some(7),
            username: "u".into(),
            role,
        }
    }

    #[test]
    fn a_viewer_is_refused_before_the_file_is_looked_at() {
        // Garbage that would fail to parse: the refusal must be the role's.
        for e in [
            read_spec_workbook(&actor(Role::Viewer), b"garbage", "a.xlsx").unwrap_err(),
            read_plan_file(&actor(Role::Viewer), b"<garbage", "a.xml").unwrap_err(),
        ] {
            assert_eq!(e.code, ErrorCode::Forbidden, "{e}");
        }
    }

    #[test]
    fn an_oversized_plan_file_is_refused_before_it_is_parsed() {
        // Malformed XML past the limit: a parse would answer with the XML
        // error, the size check answers first.
        let mut big = b"<Project><Tasks>".to_vec();
        big.resize(MAX_PLAN_FILE_BYTES + 1, b'<');
        let e = read_plan_file(&actor(Role::Dispatcher), &big, "大计划.xml").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("file"));
        assert!(
            e.message.contains("文件“大计划.xml”过大") && e.message.contains("64 MB 的上限"),
            "{e}"
        );
        let e = read_plan_file(&actor(Role::Dispatcher), b"<Project", "坏.xml").unwrap_err();
        assert!(e.message.starts_with("无法导入“坏.xml”"), "{e}");
    }

    #[test]
    fn a_file_on_disk_is_refused_by_its_size_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("大计划.xml");
        // Sparse: 65 MB on paper, nothing written.
        std::fs::File::create(&path)
            .unwrap()
            .set_len(MAX_PLAN_FILE_BYTES as u64 + 1)
            .unwrap();
        let e = read_capped(&path, MAX_PLAN_FILE_BYTES).unwrap_err();
        assert!(e.message.contains("文件“大计划.xml”过大"), "{e}");
        std::fs::write(&path, b"<Project/>").unwrap();
        assert_eq!(
            read_capped(&path, MAX_PLAN_FILE_BYTES).unwrap(),
            b"<Project/>"
        );
        let e = read_capped(&dir.path().join("没有.xml"), 10).unwrap_err();
        assert!(e.message.contains("无法读取“没有.xml”"), "{e}");
    }
}
