//! Settings of the printed documents: the issuing body (发文机关), the number
//! prefix of every numbered kind of paper (see `numbering.rs`), the office's
//! own font files per role and the
//! seal or signature image. Files the user chooses are checked by the PDF
//! engine first, then copied into `documents/` in the data directory, so the
//! documents keep printing when the originals move, and go with the data.
//! Every change is audited.
use crate::audit::{diff, record};
use crate::db::{commit, Actor, Store};
use crate::numbering::{default_prefix, PaperKind};
use crate::print::DEFAULT_ISSUER;
use crate::Result;
use diaodu_documents::{FontConfig, FontFile, FontRole, SealImage};
use diaodu_domain::{CoreError, Permission};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The standard size of a round enterprise seal on paper.
pub const DEFAULT_SEAL_WIDTH_MM: f64 = 42.0;
const MAX_SEAL_BYTES: u64 = 8 * 1024 * 1024;
const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// A file the user chose, as kept in the data directory.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StoredFile {
    /// Relative to the data directory, e.g. `documents/fonts/fang_song.ttf`.
    pub file: String,
    /// The name of the file the user chose.
    pub original_name: String,
    /// Fonts: the family name and the face used in a collection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(default)]
    pub index: u32,
    /// Images: the size in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width_px: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height_px: Option<u32>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct FontSetting {
    pub role: FontRole,
    /// 仿宋, 小标宋, 黑体, 楷体, 宋体
    pub role_label: &'static str,
    /// What the role is used for on the page.
    pub used_for: &'static str,
    /// The office's own file; `None` means an installed system font is used.
    pub configured: Option<StoredFile>,
}

/// The number prefix of one kind of paper.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct NumberPrefix {
    pub kind: PaperKind,
    /// 调度令, 通知单, 催办通知单, 阶段总结通报, 考核奖惩通报.
    pub label: &'static str,
    /// The field of [`DocSettingsInput`] that sets it (orderPrefix, …).
    pub field: &'static str,
    /// What the next number takes.
    pub prefix: String,
    /// Set in 公文设置; `None` means the default is used.
    pub custom: Option<String>,
    /// Made from the issuing body's name.
    pub default_prefix: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct DocSettings {
    pub issuer_name: String,
    /// Every numbered kind, in [`PaperKind::ALL`] order.
    pub prefixes: Vec<NumberPrefix>,
    pub seal_width_mm: f64,
    pub seal: Option<StoredFile>,
    pub fonts: Vec<FontSetting>,
}

/// A prefix field left out keeps its setting; an empty one goes back to the
/// default made from the issuing body's name.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DocSettingsInput {
    pub issuer_name: String,
    pub order_prefix: Option<String>,
    pub notice_prefix: Option<String>,
    pub reminder_prefix: Option<String>,
    pub bulletin_prefix: Option<String>,
    pub reward_prefix: Option<String>,
    pub seal_width_mm: Option<f64>,
}

impl DocSettingsInput {
    fn prefix_of(&self, kind: PaperKind) -> Option<&str> {
        match kind {
            PaperKind::Order => self.order_prefix.as_deref(),
            PaperKind::Notice => self.notice_prefix.as_deref(),
            PaperKind::Reminder => self.reminder_prefix.as_deref(),
            PaperKind::StageBulletin => self.bulletin_prefix.as_deref(),
            PaperKind::RewardBulletin => self.reward_prefix.as_deref(),
        }
    }
}

/// The input field of a kind's prefix.
pub fn prefix_field(kind: PaperKind) -> &'static str {
    match kind {
        PaperKind::Order => "orderPrefix",
        PaperKind::Notice => "noticePrefix",
        PaperKind::Reminder => "reminderPrefix",
        PaperKind::StageBulletin => "bulletinPrefix",
        PaperKind::RewardBulletin => "rewardPrefix",
    }
}

/// The roles the office may give its own font file, and what each is for.
pub const FONT_ROLES: [(FontRole, &str); 5] = [
    (FontRole::FangSong, "正文"),
    (FontRole::XiaoBiaoSong, "发文机关标志、标题"),
    (FontRole::HeiTi, "一级标题、紧急程度"),
    (FontRole::KaiTi, "二级标题、签发人姓名"),
    (FontRole::SongTi, "页码"),
];

pub fn font_role_code(role: FontRole) -> &'static str {
    match role {
        FontRole::FangSong => "fang_song",
        FontRole::XiaoBiaoSong => "xiao_biao_song",
        FontRole::HeiTi => "hei_ti",
        FontRole::KaiTi => "kai_ti",
        FontRole::SongTi => "song_ti",
    }
}

/// `fang_song`, … as sent by the UI.
pub fn parse_font_role(code: &str) -> Result<FontRole> {
    FONT_ROLES
        .iter()
        .map(|(r, _)| *r)
        .find(|r| font_role_code(*r) == code)
        .ok_or_else(|| CoreError::validation("role", "未知的字体用途"))
}

fn font_key(role: FontRole) -> String {
    format!("doc_font_{}", font_role_code(role))
}

fn check_prefix(field: &str, label: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(CoreError::validation(field, format!("请填写{label}")));
    }
    if v.chars().count() > 12 {
        return Err(CoreError::validation(field, format!("{label}最多12个字")));
    }
    if let Some(c) = v
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "〔〕[]【】()（）".contains(*c))
    {
        return Err(CoreError::validation(
            field,
            format!("{label}不能含有“{c}”：年份和序号由系统自动加上（如 漳党调令〔2026〕7号）"),
        ));
    }
    if v.ends_with(|c: char| c.is_ascii_digit()) || v.ends_with('号') {
        return Err(CoreError::validation(
            field,
            format!("{label}只填机关代字，如“漳党调令”，不要填年份和序号"),
        ));
    }
    Ok(v.to_string())
}

fn io_error(what: &str, path: &Path, e: std::io::Error) -> CoreError {
    CoreError::storage(format!("{what} {}：{e}", path.display()))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl Store {
    fn stored(&self, key: &str) -> Result<Option<StoredFile>> {
        Ok(self
            .setting(key)?
            .and_then(|v| serde_json::from_str(&v).ok()))
    }

    pub fn issuer_name(&self) -> Result<String> {
        Ok(self
            .setting("issuer_name")?
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_ISSUER.into()))
    }

    pub fn doc_settings(&self) -> Result<DocSettings> {
        let issuer_name = self.issuer_name()?;
        let mut prefixes = Vec::new();
        for kind in PaperKind::ALL {
            let custom = self.number_prefix_custom(kind)?;
            let default_prefix = default_prefix(&issuer_name, kind);
            prefixes.push(NumberPrefix {
                kind,
                label: kind.label(),
                field: prefix_field(kind),
                prefix: custom.clone().unwrap_or_else(|| default_prefix.clone()),
                custom,
                default_prefix,
            });
        }
        let mut fonts = Vec::new();
        for (role, used_for) in FONT_ROLES {
            fonts.push(FontSetting {
                role,
                role_label: role.label(),
                used_for,
                configured: self.stored(&font_key(role))?,
            });
        }
        Ok(DocSettings {
            issuer_name,
            prefixes,
            seal_width_mm: self
                .setting("doc_seal_width_mm")?
                .and_then(|v| v.parse().ok())
                .unwrap_or(DEFAULT_SEAL_WIDTH_MM),
            seal: self.stored("doc_seal")?,
            fonts,
        })
    }

    pub fn update_doc_settings(
        &mut self,
        actor: &Actor,
        input: &DocSettingsInput,
    ) -> Result<DocSettings> {
        actor.require(Permission::ManageSettings)?;
        let issuer = input.issuer_name.trim();
        if issuer.chars().count() < 2 {
            return Err(CoreError::validation(
                "issuerName",
                "请填写发文机关名称（如 某某煤矿党委党建调度室）",
            ));
        }
        if issuer.chars().count() > 30 || issuer.chars().any(char::is_control) {
            return Err(CoreError::validation(
                "issuerName",
                "发文机关名称最多30个字，且不能换行",
            ));
        }
        // A prefix several kinds share is safe: they then share one sequence
        // in the numbering register.
        let mut prefixes: Vec<(PaperKind, Option<String>)> = Vec::new();
        for kind in PaperKind::ALL {
            if let Some(v) = input.prefix_of(kind) {
                let v = if v.trim().is_empty() {
                    None
                } else {
                    Some(check_prefix(
                        prefix_field(kind),
                        &format!("{}文号前缀", kind.label()),
                        v,
                    )?)
                };
                prefixes.push((kind, v));
            }
        }
        let seal_width = input.seal_width_mm.unwrap_or(DEFAULT_SEAL_WIDTH_MM);
        if !(20.0..=60.0).contains(&seal_width) {
            return Err(CoreError::validation(
                "sealWidthMm",
                "印章宽度应在20到60毫米之间（圆形公章一般为42毫米）",
            ));
        }
        let before = self.doc_settings()?;
        let tx = self.tx()?;
        Store::set_setting_raw(&tx, "issuer_name", issuer)?;
        for (kind, value) in &prefixes {
            let key = Store::prefix_setting_key(*kind);
            match value {
                Some(v) => Store::set_setting_raw(&tx, key, v)?,
                None => {
                    tx.execute("DELETE FROM setting WHERE key = ?1", [key])
                        .map_err(crate::db::sql_err)?;
                }
            }
        }
        Store::set_setting_raw(&tx, "doc_seal_width_mm", &seal_width.to_string())?;
        // The prefixes as they take effect (a default follows the issuer's name).
        let view = |issuer: &str, width: f64, prefixes: Vec<(&'static str, String)>| {
            let mut v = serde_json::json!({"issuerName": issuer, "sealWidthMm": width});
            for (field, p) in prefixes {
                v[field] = serde_json::Value::String(p);
            }
            v
        };
        let before_view = view(
            &before.issuer_name,
            before.seal_width_mm,
            before
                .prefixes
                .iter()
                .map(|p| (p.field, p.prefix.clone()))
                .collect(),
        );
        let after_view = view(
            issuer,
            seal_width,
            PaperKind::ALL
                .iter()
                .map(|k| {
                    let set = prefixes
                        .iter()
                        .find(|(kk, _)| kk == k)
                        .map(|(_, v)| v.clone());
                    let custom = match set {
                        Some(v) => v,
                        None => before
                            .prefixes
                            .iter()
                            .find(|p| p.kind == *k)
                            .and_then(|p| p.custom.clone()),
                    };
                    (
                        prefix_field(*k),
                        custom.unwrap_or_else(|| default_prefix(issuer, *k)),
                    )
                })
                .collect(),
        );
        record(
            &tx,
            actor,
            "settings",
            None,
            "update",
            "修改公文设置（发文机关、文号前缀、印章宽度）",
            diff(&before_view, &after_view),
        )?;
        commit(tx)?;
        self.doc_settings()
    }

    /// Copies a checked file into `documents/` under `name` (replacing what was
    /// there) and answers its path relative to the data directory.
    fn keep_file(&self, source: &Path, name: &str) -> Result<String> {
        let rel = format!("documents/{name}");
        let target = self.data_dir().join(&rel);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io_error("无法创建目录", dir, e))?;
        }
        // Through a temporary file, so a failed copy never leaves half a file.
        let partial = target.with_extension("partial");
        std::fs::copy(source, &partial).map_err(|e| io_error("无法复制", source, e))?;
        std::fs::rename(&partial, &target).map_err(|e| io_error("无法保存", &target, e))?;
        Ok(rel)
    }

    fn remove_kept(&self, stored: Option<&StoredFile>, keep: Option<&str>) {
        if let Some(old) = stored.filter(|o| Some(o.file.as_str()) != keep) {
            // The old copy is no longer referenced; a failure to delete only leaves a stray file.
            let _ = std::fs::remove_file(self.data_dir().join(&old.file));
        }
    }

    /// Gives `role` the office's own font file (checked: it must load and have
    /// Chinese), or back to the installed fonts with `None`.
    pub fn set_doc_font(
        &mut self,
        actor: &Actor,
        role: FontRole,
        source: Option<&Path>,
    ) -> Result<DocSettings> {
        actor.require(Permission::ManageSettings)?;
        let key = font_key(role);
        let before = self.stored(&key)?;
        let after = match source {
            Some(path) => {
                let size = std::fs::metadata(path)
                    .map_err(|e| {
                        CoreError::validation("file", format!("无法读取“{}”：{e}", path.display()))
                    })?
                    .len();
                if size > MAX_FONT_BYTES {
                    return Err(CoreError::validation(
                        "file",
                        "字体文件过大（超过64MB），请确认选择的是字体文件",
                    ));
                }
                let info = diaodu_documents::inspect_font_file(path)
                    .map_err(|e| CoreError::validation("file", e.message))?;
                let ext = path
                    .extension()
                    .map(|e| e.to_string_lossy().to_lowercase())
                    .filter(|e| matches!(e.as_str(), "ttf" | "otf" | "ttc" | "otc"))
                    .unwrap_or_else(|| "ttf".into());
                let file =
                    self.keep_file(path, &format!("fonts/{}.{ext}", font_role_code(role)))?;
                Some(StoredFile {
                    file,
                    original_name: file_name(path),
                    family: Some(info.family),
                    index: info.index,
                    width_px: None,
                    height_px: None,
                })
            }
            None => None,
        };
        let summary = match &after {
            Some(f) => format!(
                "设置{}字体：{}（{}）",
                role.label(),
                f.family.clone().unwrap_or_default(),
                f.original_name
            ),
            None => format!("{}字体改回使用系统字体", role.label()),
        };
        self.save_stored(actor, &key, before.as_ref(), after.as_ref(), &summary)?;
        self.doc_settings()
    }

    /// Sets the seal or signature image printed on signed documents (PNG or
    /// JPEG, checked by the PDF engine), or removes it with `None`.
    pub fn set_seal_image(&mut self, actor: &Actor, source: Option<&Path>) -> Result<DocSettings> {
        actor.require(Permission::ManageSettings)?;
        let before = self.stored("doc_seal")?;
        let after = match source {
            Some(path) => {
                let size = std::fs::metadata(path)
                    .map_err(|e| {
                        CoreError::validation("file", format!("无法读取“{}”：{e}", path.display()))
                    })?
                    .len();
                if size > MAX_SEAL_BYTES {
                    return Err(CoreError::validation(
                        "file",
                        "印章图片过大（超过8MB），请缩小后再选",
                    ));
                }
                let bytes = std::fs::read(path).map_err(|e| {
                    CoreError::validation("file", format!("无法读取“{}”：{e}", path.display()))
                })?;
                let (w, h) = diaodu_documents::image_size(&bytes)
                    .map_err(|e| CoreError::validation("file", e.message))?;
                let ext = if bytes.starts_with(b"\x89PNG") {
                    "png"
                } else {
                    "jpg"
                };
                let file = self.keep_file(path, &format!("seal.{ext}"))?;
                Some(StoredFile {
                    file,
                    original_name: file_name(path),
                    family: None,
                    index: 0,
                    width_px: Some(w),
                    height_px: Some(h),
                })
            }
            None => None,
        };
        let summary = match &after {
            Some(f) => format!("设置印章图片：{}", f.original_name),
            None => "删除印章图片".to_string(),
        };
        self.save_stored(actor, "doc_seal", before.as_ref(), after.as_ref(), &summary)?;
        self.doc_settings()
    }

    fn save_stored(
        &mut self,
        actor: &Actor,
        key: &str,
        before: Option<&StoredFile>,
        after: Option<&StoredFile>,
        summary: &str,
    ) -> Result<()> {
        let tx = self.tx()?;
        match after {
            Some(f) => Store::set_setting_raw(
                &tx,
                key,
                &serde_json::to_string(f).map_err(|e| CoreError::internal(e.to_string()))?,
            )?,
            None => {
                tx.execute("DELETE FROM setting WHERE key = ?1", [key])
                    .map_err(crate::db::sql_err)?;
            }
        }
        let show = |f: Option<&StoredFile>| serde_json::json!({ key: f.map(|f| format!("{}（{}）", f.original_name, f.file)) });
        record(
            &tx,
            actor,
            "settings",
            None,
            "update",
            summary,
            diff(&show(before), &show(after)),
        )?;
        commit(tx)?;
        self.remove_kept(before, after.map(|f| f.file.as_str()));
        Ok(())
    }

    /// The fonts the PDF engine loads: the office's files for their roles, then
    /// the installed fonts.
    pub fn font_config(&self) -> Result<FontConfig> {
        let mut config = FontConfig::default();
        for (role, _) in FONT_ROLES {
            if let Some(f) = self.stored(&font_key(role))? {
                config.files.push((
                    role,
                    FontFile::with_index(self.data_dir().join(&f.file), f.index),
                ));
            }
        }
        Ok(config)
    }

    /// The seal image as the PDF engine places it, if one is set.
    pub fn seal_image(&self) -> Result<Option<SealImage>> {
        let Some(f) = self.stored("doc_seal")? else {
            return Ok(None);
        };
        let path: PathBuf = self.data_dir().join(&f.file);
        let bytes = std::fs::read(&path).map_err(|e| {
            CoreError::storage(format!(
                "印章图片文件 {} 无法读取（{e}），请在“设置”中重新选择印章图片",
                path.display()
            ))
        })?;
        let width = self.doc_settings()?.seal_width_mm;
        Ok(Some(SealImage {
            bytes,
            width_mm: Some(width as f32),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_the_organ_code_only() {
        assert_eq!(check_prefix("f", "前缀", " 漳党调令 ").unwrap(), "漳党调令");
        for bad in [
            "",
            "漳党调令〔2026〕",
            "漳党 调令",
            "漳党调令7",
            "漳党调令7号",
            "一二三四五六七八九十一二三",
        ] {
            assert!(
                check_prefix("f", "前缀", bad).is_err(),
                "{bad:?} must be refused"
            );
        }
    }

    #[test]
    fn font_role_codes_round_trip() {
        for (role, _) in FONT_ROLES {
            assert_eq!(parse_font_role(font_role_code(role)).unwrap(), role);
        }
        assert!(parse_font_role("comic_sans").is_err());
    }
}
