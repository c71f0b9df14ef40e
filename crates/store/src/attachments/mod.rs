//! The attachment store: evidence files (photos, videos, documents) copied
//! into `<data dir>/attachments/<sha256[0..2]>/<sha256>`. A file is named by
//! the SHA-256 of its content, so the same photo attached twice is stored
//! once; it is streamed through a fixed buffer while hashed, so a 2 GB video
//! never sits in memory; it lands under a temporary name in the same folder
//! and is renamed only once complete and on disk.
//!
//! Copying needs no database: the shell copies outside the store's lock and
//! the record that uses the file registers it (`records.rs`).
mod records;
pub(crate) mod sniff;
mod thumb;
pub(crate) mod vault;

pub(crate) use records::{attached, attached_to_many, link_all, AttachmentLink};
pub use records::{Attachment, AttachmentRef};

use crate::audit::record;
use crate::db::{commit, Actor, Store};
use crate::Result;
use diaodu_domain::{CoreError, Permission};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sniff::{FileType, ALLOWED_TEXT, SNIFF_BYTES};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

pub const ATTACHMENTS_DIR: &str = "attachments";
pub const DEFAULT_ATTACHMENT_MAX_MB: i64 = 2048;
const MAX_LIMIT_MB: i64 = 20 * 1024;
const COPY_BUFFER: usize = 1024 * 1024;
const OPEN_DIR: &str = ".open";

/// A file now in the store (not yet necessarily used by any record).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct StoredFile {
    pub sha256: String,
    /// The name the user knows the file by.
    pub name: String,
    pub size: u64,
    pub media_type: String,
    pub kind: String,
    pub kind_label: String,
    pub has_thumb: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AttachmentSettings {
    pub max_mb: i64,
    pub dir: String,
}

/// Sizes as people read them: 2 GB, 1.5 MB, 820 KB.
pub fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut v = bytes as f64;
    let mut unit = 0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    if unit == 0 || v >= 100.0 || (v - v.round()).abs() < 0.05 {
        format!("{} {}", v.round(), UNITS[unit])
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn check_sha(sha: &str) -> Result<()> {
    if sha.len() == 64 && sha.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        Ok(())
    } else {
        Err(CoreError::validation("attachments", "附件编号格式不正确"))
    }
}

/// The file name only, as shown and as used when the file is opened.
pub(crate) fn clean_name(name: &str) -> Result<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let cleaned: String = base.chars().filter(|c| !c.is_control()).collect();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        return Err(CoreError::validation("attachments", "附件缺少文件名"));
    }
    Ok(cleaned.chars().take(200).collect())
}

fn describe(sha: &str, name: String, size: u64, ty: FileType, has_thumb: bool) -> StoredFile {
    StoredFile {
        sha256: sha.to_string(),
        name,
        size,
        media_type: ty.media_type.into(),
        kind: ty.kind.code().into(),
        kind_label: ty.kind.label().into(),
        has_thumb,
    }
}

/// The store's folder and its size limit; cheap to clone and free of the
/// database, so long copies run without holding the store.
#[derive(Debug, Clone)]
pub struct AttachmentStore {
    root: PathBuf,
    max_bytes: u64,
}

impl AttachmentStore {
    pub fn new(root: impl Into<PathBuf>, max_bytes: u64) -> AttachmentStore {
        AttachmentStore {
            root: root.into(),
            max_bytes,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn max_bytes(&self) -> u64 {
        self.max_bytes
    }

    pub fn path_of(&self, sha: &str) -> PathBuf {
        self.root.join(&sha[..2]).join(sha)
    }

    pub(crate) fn thumb_path(&self, sha: &str) -> PathBuf {
        self.root.join(&sha[..2]).join(format!("{sha}.thumb.jpg"))
    }

    pub fn contains(&self, sha: &str) -> bool {
        check_sha(sha).is_ok() && self.path_of(sha).is_file()
    }

    fn oversize(&self, name: &str, size: u64) -> CoreError {
        CoreError::validation(
            "attachments",
            format!(
                "文件“{name}”有 {}，超过附件大小上限 {}（上限可在“设置”中调整）",
                format_size(size),
                format_size(self.max_bytes)
            ),
        )
    }

    /// Copies the file at `path` into the store.
    pub fn ingest_file(&self, path: &Path) -> Result<StoredFile> {
        let name = clean_name(&path.to_string_lossy())?;
        let meta = std::fs::metadata(path).map_err(|_| {
            CoreError::validation("attachments", format!("找不到文件“{}”", path.display()))
        })?;
        if !meta.is_file() {
            return Err(CoreError::validation(
                "attachments",
                format!("“{name}”不是文件"),
            ));
        }
        let file = std::fs::File::open(path).map_err(|e| {
            CoreError::validation("attachments", format!("无法读取文件“{name}”：{e}"))
        })?;
        self.ingest_reader(&name, file, Some(meta.len()))
    }

    /// Copies what `reader` yields into the store under the user's `name`.
    /// `declared` (the size the file system reports) lets an oversize file be
    /// refused before anything is copied; the limit is also enforced while
    /// copying, for sources that grow or do not know their size.
    pub fn ingest_reader(
        &self,
        name: &str,
        mut reader: impl Read,
        declared: Option<u64>,
    ) -> Result<StoredFile> {
        let name = clean_name(name)?;
        if let Some(size) = declared.filter(|s| *s > self.max_bytes) {
            return Err(self.oversize(&name, size));
        }
        let read_err = |e: std::io::Error| {
            CoreError::validation("attachments", format!("无法读取文件“{name}”：{e}"))
        };
        let write_err =
            |e: std::io::Error| CoreError::storage(format!("无法保存附件“{name}”：{e}"));
        let mut buf = vec![0u8; COPY_BUFFER];
        let mut head = 0;
        while head < SNIFF_BYTES {
            match reader.read(&mut buf[head..SNIFF_BYTES]) {
                Ok(0) => break,
                Ok(n) => head += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(read_err(e)),
            }
        }
        if head == 0 {
            return Err(CoreError::validation(
                "attachments",
                format!("文件“{name}”是空文件"),
            ));
        }
        let ty = sniff::detect(&buf[..head], &name).ok_or_else(|| {
            CoreError::validation(
                "attachments",
                format!("文件“{name}”的类型不在允许范围内。{ALLOWED_TEXT}"),
            )
        })?;
        std::fs::create_dir_all(&self.root).map_err(write_err)?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".incoming-")
            .tempfile_in(&self.root)
            .map_err(write_err)?;
        let mut hasher = Sha256::new();
        let mut total = head as u64;
        hasher.update(&buf[..head]);
        tmp.write_all(&buf[..head]).map_err(write_err)?;
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(read_err(e)),
            };
            total += n as u64;
            if total > self.max_bytes {
                return Err(self.oversize(&name, total));
            }
            hasher.update(&buf[..n]);
            tmp.write_all(&buf[..n]).map_err(write_err)?;
        }
        let sha = to_hex(&hasher.finalize());
        let dest = self.path_of(&sha);
        if dest.is_file() {
            // Already stored: the temporary copy is dropped (and deleted).
            drop(tmp);
        } else {
            tmp.as_file().sync_all().map_err(write_err)?;
            let dir = dest.parent().expect("sharded path");
            std::fs::create_dir_all(dir).map_err(write_err)?;
            let mut perms = tmp.as_file().metadata().map_err(write_err)?.permissions();
            // Stored content never changes; read-only keeps a viewer from
            // saving over it through the link `open_path` hands out.
            perms.set_readonly(true);
            tmp.as_file().set_permissions(perms).map_err(write_err)?;
            tmp.persist(&dest).map_err(|e| write_err(e.error))?;
            sync_dir(dir);
        }
        let has_thumb = self.ensure_thumb(&sha, ty);
        Ok(describe(&sha, name, total, ty, has_thumb))
    }

    /// Makes the thumbnail if the type has one and it is missing; whether
    /// one exists afterwards.
    fn ensure_thumb(&self, sha: &str, ty: FileType) -> bool {
        if !ty.thumbnail {
            return false;
        }
        let path = self.thumb_path(sha);
        path.is_file() || thumb::make(&self.path_of(sha), &path).is_ok()
    }

    /// What a stored file is, from its own bytes.
    pub fn describe_stored(&self, sha: &str, name: &str) -> Result<StoredFile> {
        check_sha(sha)?;
        let name = clean_name(name)?;
        let path = self.path_of(sha);
        let missing = || {
            CoreError::validation(
                "attachments",
                format!("附件“{name}”不在附件库中，请重新添加"),
            )
        };
        let mut file = std::fs::File::open(&path).map_err(|_| missing())?;
        let size = file.metadata().map_err(|_| missing())?.len();
        let mut head = vec![0u8; SNIFF_BYTES];
        let mut n = 0;
        while n < head.len() {
            match file.read(&mut head[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(_) => return Err(missing()),
            }
        }
        let ty = sniff::detect(&head[..n], &name).ok_or_else(|| {
            CoreError::validation(
                "attachments",
                format!("文件“{name}”的类型不在允许范围内。{ALLOWED_TEXT}"),
            )
        })?;
        let has_thumb = self.ensure_thumb(sha, ty);
        Ok(describe(sha, name, size, ty, has_thumb))
    }

    /// The thumbnail's JPEG bytes, made again if it went missing (a
    /// restore brings back photos, not thumbnails). None for non-photos.
    pub fn thumbnail(&self, sha: &str, media_type: &str) -> Result<Option<Vec<u8>>> {
        check_sha(sha)?;
        let Some(ty) = sniff::by_media_type(media_type).filter(|t| t.thumbnail) else {
            return Ok(None);
        };
        if !self.ensure_thumb(sha, ty) {
            return Ok(None);
        }
        std::fs::read(self.thumb_path(sha))
            .map(Some)
            .map_err(|e| CoreError::storage(format!("无法读取缩略图：{e}")))
    }

    /// A path to hand to the system viewer: a link to the stored file under
    /// the user's name (viewers choose by extension), in `.open/<sha>/`.
    pub fn open_path(&self, sha: &str, name: &str, media_type: &str) -> Result<PathBuf> {
        check_sha(sha)?;
        let src = self.path_of(sha);
        if !src.is_file() {
            return Err(CoreError::not_found(
                "附件文件不在附件库中（可能未随备份恢复）",
            ));
        }
        let mut name = clean_name(name)?;
        // The extension must say what the content is, so a photo named
        // "x.exe" is never handed to the system as a program.
        if let Some(ty) = sniff::by_media_type(media_type) {
            if !ty.exts.contains(&sniff::extension(&name).as_str()) {
                name = format!("{name}.{}", ty.exts[0]);
            }
        }
        let dir = self.root.join(OPEN_DIR).join(sha);
        std::fs::create_dir_all(&dir)
            .map_err(|e| CoreError::storage(format!("无法准备打开附件：{e}")))?;
        let dest = dir.join(&name);
        if !dest.is_file() {
            link_or_copy(&src, &dest)
                .map_err(|e| CoreError::storage(format!("无法准备打开附件“{name}”：{e}")))?;
        }
        Ok(dest)
    }

    /// Stored files no record uses, older than `min_age` (staged for a form
    /// that was never saved); removed with their thumbnails.
    pub(crate) fn unreferenced(
        &self,
        used: &std::collections::HashSet<String>,
        min_age: std::time::Duration,
    ) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let Ok(shards) = std::fs::read_dir(&self.root) else {
            return out;
        };
        let now = std::time::SystemTime::now();
        for shard in shards.flatten() {
            let shard = shard.path();
            if !shard.is_dir() || shard.file_name().is_some_and(|n| n.len() != 2) {
                continue;
            }
            for f in std::fs::read_dir(&shard).into_iter().flatten().flatten() {
                let name = f.file_name().to_string_lossy().to_string();
                if check_sha(&name).is_err() || used.contains(&name) {
                    continue;
                }
                let old = f
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|m| now.duration_since(m).ok())
                    .is_some_and(|age| age >= min_age);
                if old {
                    out.push(f.path());
                    out.push(self.thumb_path(&name));
                }
            }
        }
        out
    }
}

/// A hard link when the folders share a disk (stored files never change,
/// so sharing them is safe and costs no space), else a streamed copy
/// through a temporary name.
pub(crate) fn link_or_copy(src: &Path, dest: &Path) -> std::io::Result<()> {
    if std::fs::hard_link(src, dest).is_ok() {
        return Ok(());
    }
    let dir = dest.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".copy-").tempfile_in(dir)?;
    std::io::copy(&mut std::fs::File::open(src)?, tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    tmp.persist(dest).map_err(|e| e.error)?;
    Ok(())
}

/// Makes a rename durable: on Unix the folder entry itself is synced.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

impl Store {
    pub fn attachments_dir(&self) -> PathBuf {
        self.data_dir().join(ATTACHMENTS_DIR)
    }

    fn attachment_max_mb(&self) -> Result<i64> {
        Ok(self
            .setting("attachment_max_mb")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_ATTACHMENT_MAX_MB))
    }

    /// The store as configured now (folder and size limit).
    pub fn attachment_store(&self) -> Result<AttachmentStore> {
        let mb = self.attachment_max_mb()?.max(1) as u64;
        Ok(AttachmentStore::new(
            self.attachments_dir(),
            mb * 1024 * 1024,
        ))
    }

    pub fn attachment_settings(&self) -> Result<AttachmentSettings> {
        Ok(AttachmentSettings {
            max_mb: self.attachment_max_mb()?,
            dir: self.attachments_dir().display().to_string(),
        })
    }

    /// Sets the size limit of one attachment (administrators).
    pub fn update_attachment_settings(
        &mut self,
        actor: &Actor,
        max_mb: i64,
    ) -> Result<AttachmentSettings> {
        actor.require(Permission::ManageSettings)?;
        if !(1..=MAX_LIMIT_MB).contains(&max_mb) {
            return Err(CoreError::validation(
                "attachmentMaxMb",
                format!("附件大小上限应在1到{MAX_LIMIT_MB}MB之间"),
            ));
        }
        let before = self.attachment_max_mb()?;
        let tx = self.tx()?;
        Store::set_setting_raw(&tx, "attachment_max_mb", &max_mb.to_string())?;
        record(
            &tx,
            actor,
            "settings",
            None,
            "update",
            &format!("修改附件大小上限为 {max_mb} MB"),
            serde_json::json!({"attachmentMaxMb": {"from": before, "to": max_mb}}),
        )?;
        commit(tx)?;
        self.attachment_settings()
    }

    /// Copies a file into the store (for the command line and tests; the
    /// desktop shell copies through `attachment_store()` without the lock).
    pub fn stage_attachment(&self, actor: &Actor, path: &Path) -> Result<StoredFile> {
        actor.require(Permission::EditRecords)?;
        self.attachment_store()?.ingest_file(path)
    }

    fn attachment_media_type(&self, sha: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row(
                "SELECT media_type FROM attachment WHERE sha256 = ?1",
                [sha],
                |r| r.get(0),
            )
            .optional()
            .map_err(crate::db::sql_err)
    }

    /// The thumbnail of a stored photo (registered or just staged).
    pub fn attachment_thumbnail(&self, sha: &str) -> Result<Option<Vec<u8>>> {
        check_sha(sha)?;
        let files = self.attachment_store()?;
        let media = match self.attachment_media_type(sha)? {
            Some(m) => m,
            None if files.contains(sha) => files.describe_stored(sha, "附件")?.media_type,
            None => return Err(CoreError::not_found("附件不存在")),
        };
        files.thumbnail(sha, &media)
    }

    /// A path the system viewer can open the attachment from.
    pub fn attachment_open_path(&self, sha: &str, name: &str) -> Result<PathBuf> {
        check_sha(sha)?;
        let files = self.attachment_store()?;
        let media = match self.attachment_media_type(sha)? {
            Some(m) => m,
            None => files.describe_stored(sha, name)?.media_type,
        };
        files.open_path(sha, name, &media)
    }

    /// Removes files copied in for a form that was never saved (no record
    /// uses them) and links made for the viewer, once they are a day old.
    pub fn prune_staged_attachments(&self) -> Result<usize> {
        // Files a database in use before a restore referred to are kept as
        // well: a restore never loses a file.
        let used: std::collections::HashSet<String> = vault::column_of(
            &self.conn,
            "SELECT sha256 FROM attachment UNION SELECT sha256 FROM attachment_retained",
        )?
        .into_iter()
        .collect();
        let files = self.attachment_store()?;
        let day = std::time::Duration::from_secs(24 * 3600);
        let mut removed = 0;
        for p in files.unreferenced(&used, day) {
            if std::fs::remove_file(&p).is_ok() && !p.to_string_lossy().ends_with(".thumb.jpg") {
                removed += 1;
            }
        }
        // Viewer links a day old: the viewer has long read them.
        for link in std::fs::read_dir(files.root().join(OPEN_DIR))
            .into_iter()
            .flatten()
            .flatten()
        {
            let old = link
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|m| std::time::SystemTime::now().duration_since(m).ok())
                .is_some_and(|age| age >= day);
            if old {
                let _ = std::fs::remove_dir_all(link.path());
            }
        }
        Ok(removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(format_size(2 * 1024 * 1024 * 1024), "2 GB");
        assert_eq!(format_size(1536 * 1024), "1.5 MB");
        assert_eq!(format_size(820 * 1024), "820 KB");
        assert_eq!(format_size(12), "12 B");
    }

    #[test]
    fn names_lose_their_folders() {
        assert_eq!(clean_name("/home/a/照片 1.jpg").unwrap(), "照片 1.jpg");
        assert_eq!(clean_name("C:\\Users\\a\\报告.pdf").unwrap(), "报告.pdf");
        assert!(clean_name("/tmp/").is_err());
        assert!(check_sha(&"a".repeat(64)).is_ok());
        assert!(check_sha("../../etc/passwd").is_err());
    }
}
