//! Font resolution: the font files the user configured first, then installed
//! system fonts by family preference, found through `fontdb`.
//!
//! Every face is parsed once by printpdf ([`printpdf::ParsedFont`]) and kept; a
//! document only references the faces it uses, and printpdf subsets each of them
//! when the PDF is written. A batch of documents written one file each subsets
//! each face once for all of them instead (`shared.rs`). Faces inside collections (`.ttc`, e.g. Noto CJK, where
//! the Simplified Chinese face is index 2) are addressed by their face index:
//! printpdf parses the chosen face and, when subsetting, reads the tables of that
//! face only, so the embedded program is one subset face (checked by the tests with
//! `pdffonts`).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};

use crate::error::{DocError, DocErrorCode, DocResult};

/// The typefaces of Chinese official documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FontRole {
    /// 仿宋: body text (GB/T 9704: 3号仿宋).
    FangSong,
    /// 小标宋: the red issuing-body heading and titles.
    XiaoBiaoSong,
    /// 黑体: first-level headings (一、), urgency.
    HeiTi,
    /// 楷体: second-level headings (（一）), the signer's name.
    KaiTi,
    /// 宋体: page numbers (半角宋体).
    SongTi,
}

impl FontRole {
    pub const ALL: [FontRole; 5] = [
        FontRole::FangSong,
        FontRole::XiaoBiaoSong,
        FontRole::HeiTi,
        FontRole::KaiTi,
        FontRole::SongTi,
    ];

    /// The Chinese name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            FontRole::FangSong => "仿宋",
            FontRole::XiaoBiaoSong => "小标宋",
            FontRole::HeiTi => "黑体",
            FontRole::KaiTi => "楷体",
            FontRole::SongTi => "宋体",
        }
    }

    /// Installed families to look for, best first, and the weight each must have.
    /// Names are matched against every (localised) family name of a face, ignoring
    /// case, spaces, `-` and `_`.
    pub fn preferences(self) -> &'static [(&'static str, WeightPref)] {
        use WeightPref::*;
        match self {
            FontRole::FangSong => &[
                ("仿宋_GB2312", Regular),
                ("FangSong_GB2312", Regular),
                ("仿宋", Regular),
                ("FangSong", Regular),
                ("STFangsong", Regular),
                ("华文仿宋", Regular),
                ("方正仿宋_GBK", Regular),
                ("FZFangSong-Z02", Regular),
                ("Noto Serif CJK SC", Regular),
                ("Source Han Serif SC", Regular),
                ("Source Han Serif CN", Regular),
                ("思源宋体", Regular),
                ("AR PL UMing CN", Regular),
                ("AR PL SungtiL GB", Regular),
                ("SimSun", Regular),
                ("宋体", Regular),
                ("Songti SC", Regular),
                ("STSong", Regular),
            ],
            FontRole::XiaoBiaoSong => &[
                ("方正小标宋简体", Any),
                ("FZXiaoBiaoSong-B05S", Any),
                ("方正小标宋_GBK", Any),
                ("FZXiaoBiaoSong-B05", Any),
                ("小标宋", Any),
                ("Noto Serif CJK SC", Bold),
                ("Source Han Serif SC", Bold),
                ("Source Han Serif CN", Bold),
                ("思源宋体", Bold),
                ("Songti SC", Bold),
                ("STSong", Bold),
                ("SimHei", Any),
                ("黑体", Any),
                ("Noto Sans CJK SC", Bold),
                ("Source Han Sans SC", Bold),
                ("Noto Serif CJK SC", Any),
            ],
            FontRole::HeiTi => &[
                ("黑体", Any),
                ("SimHei", Any),
                ("方正黑体_GBK", Any),
                ("FZHei-B01S", Any),
                ("STHeiti", Any),
                ("Heiti SC", Any),
                ("Noto Sans CJK SC", Bold),
                ("Source Han Sans SC", Bold),
                ("Source Han Sans CN", Bold),
                ("思源黑体", Bold),
                ("WenQuanYi Zen Hei", Any),
                ("Microsoft YaHei", Any),
                ("Noto Sans CJK SC", Any),
            ],
            FontRole::KaiTi => &[
                ("楷体_GB2312", Any),
                ("KaiTi_GB2312", Any),
                ("楷体", Any),
                ("KaiTi", Any),
                ("STKaiti", Any),
                ("华文楷体", Any),
                ("方正楷体_GBK", Any),
                ("FZKai-Z03", Any),
                ("Kaiti SC", Any),
                ("AR PL UKai CN", Any),
                ("AR PL KaitiM GB", Any),
                ("LXGW WenKai", Regular),
                ("霞鹜文楷", Regular),
            ],
            FontRole::SongTi => &[
                ("宋体", Regular),
                ("SimSun", Regular),
                ("Songti SC", Regular),
                ("STSong", Regular),
                ("华文宋体", Regular),
                ("Noto Serif CJK SC", Regular),
                ("Source Han Serif SC", Regular),
                ("AR PL UMing CN", Regular),
                ("AR PL SungtiL GB", Regular),
            ],
        }
    }

    /// The role whose face stands in when this role has none installed.
    fn substitute(self) -> &'static [FontRole] {
        match self {
            FontRole::FangSong => &[FontRole::SongTi, FontRole::KaiTi],
            FontRole::XiaoBiaoSong => &[FontRole::HeiTi, FontRole::SongTi, FontRole::FangSong],
            FontRole::HeiTi => &[FontRole::XiaoBiaoSong, FontRole::FangSong],
            FontRole::KaiTi => &[FontRole::FangSong, FontRole::SongTi],
            FontRole::SongTi => &[FontRole::FangSong],
        }
    }
}

/// The weight a preferred family must have to be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeightPref {
    /// Weight below 600 (the nearest to 400 wins).
    Regular,
    /// Weight 600 or more (the nearest to 700 wins).
    Bold,
    /// Any weight (the nearest to 400 wins).
    Any,
}

/// One font file, and the face inside it for collections (`.ttc`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FontFile {
    pub path: PathBuf,
    /// Face index inside a collection; 0 for a plain `.ttf`/`.otf`.
    #[serde(default)]
    pub index: u32,
}

impl FontFile {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        FontFile {
            path: path.into(),
            index: 0,
        }
    }
    pub fn with_index(path: impl Into<PathBuf>, index: u32) -> Self {
        FontFile {
            path: path.into(),
            index,
        }
    }
}

/// Which fonts to use. The user's files win; system fonts fill the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FontConfig {
    /// Font files the office configured, per role (e.g. its 仿宋_GB2312 and
    /// 方正小标宋简体 files).
    #[serde(default)]
    pub files: Vec<(FontRole, FontFile)>,
    /// Extra files searched for characters the role's font lacks.
    #[serde(default)]
    pub fallback: Vec<FontFile>,
    /// Look for installed fonts (default true).
    #[serde(default = "yes")]
    pub system_fonts: bool,
    /// Extra folders to scan besides the system's font folders.
    #[serde(default)]
    pub font_dirs: Vec<PathBuf>,
}

fn yes() -> bool {
    true
}

impl Default for FontConfig {
    fn default() -> Self {
        FontConfig {
            files: Vec::new(),
            fallback: Vec::new(),
            system_fonts: true,
            font_dirs: Vec::new(),
        }
    }
}

/// Where a face came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FontSource {
    /// A file the user configured.
    User,
    /// An installed system font.
    System,
}

/// A loaded face.
pub struct Face {
    /// The face's family name (English where it has one).
    pub family: String,
    pub path: PathBuf,
    pub index: u32,
    pub weight: u16,
    pub source: FontSource,
    pub(crate) parsed: printpdf::ParsedFont,
    pub(crate) units_per_em: f32,
    /// Glyph to draw for U+2014 (the Chinese dash must be one full em; many CJK
    /// fonts map U+2014 to a narrower proportional dash and keep the full-width
    /// one at U+2015).
    dash: Option<(u16, f32)>,
    /// Look-ups done so far (the font's own cmap look-up is slow for CJK fonts).
    cache: RwLock<HashMap<char, Option<(u16, f32)>>>,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Face")
            .field("family", &self.family)
            .field("path", &self.path)
            .field("index", &self.index)
            .field("weight", &self.weight)
            .field("source", &self.source)
            .finish()
    }
}

/// How a role was resolved, for display in the app's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResolvedFont {
    pub role: FontRole,
    /// 仿宋, 小标宋, …
    pub role_label: &'static str,
    pub family: String,
    pub path: PathBuf,
    pub index: u32,
    pub source: FontSource,
    /// True when no font of this role was found and another role's face stands in
    /// (e.g. no 楷体 installed: the 仿宋 face is used).
    pub substitute: bool,
}

/// One glyph chosen for a character.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct GlyphInfo {
    pub ch: char,
    /// Index into [`Fonts::faces`].
    pub face: usize,
    /// `None` for a space that no font draws (it only advances).
    pub gid: Option<u16>,
    /// Advance in em.
    pub advance: f32,
}

/// The loaded fonts: faces and, per role, the order in which faces are asked for a
/// character. A character none of them has is looked for in the other installed
/// fonts, whose face is then loaded and kept (so a rare character drawn once costs
/// one search).
pub struct Fonts {
    faces: Vec<Arc<Face>>,
    /// Per role: the role's own face (if any) first, then the fallbacks.
    chains: HashMap<FontRole, Vec<usize>>,
    resolved: Vec<ResolvedFont>,
    /// Installed fonts, kept for the search for missing characters.
    db: Option<fontdb::Database>,
    /// Faces loaded by that search (indices continue after `faces`).
    extra: RwLock<Vec<Arc<Face>>>,
    /// Characters no installed font has.
    absent: RwLock<HashSet<char>>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts")
            .field("resolved", &self.resolved)
            .finish()
    }
}

fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(|c| c.to_lowercase())
        .collect()
}

fn read_face(file: &FontFile, source: FontSource, known: Option<(String, u16)>) -> DocResult<Face> {
    let bytes = std::fs::read(&file.path).map_err(|e| {
        DocError::new(
            DocErrorCode::FontInvalid,
            format!("无法读取字体文件“{}”：{e}", file.path.display()),
        )
    })?;
    face_from_bytes(&bytes, file.index, &file.path, source, known)
}

fn face_from_bytes(
    bytes: &[u8],
    index: u32,
    path: &Path,
    source: FontSource,
    known: Option<(String, u16)>,
) -> DocResult<Face> {
    let invalid = || {
        DocError::new(
            DocErrorCode::FontInvalid,
            format!(
                "字体文件“{}”无法解析（字体序号 {index}）：请确认它是 TrueType/OpenType 字体",
                path.display()
            ),
        )
    };
    let mut warnings = Vec::new();
    let parsed = printpdf::ParsedFont::from_bytes(bytes, index as usize, &mut warnings)
        .ok_or_else(invalid)?;
    let upm = parsed.font_metrics.units_per_em as f32;
    if upm <= 0.0 {
        return Err(invalid());
    }
    // Family name and weight: from the system scan, else from fontdb's reading of
    // the file's name table.
    let (family, weight) = known.unwrap_or_else(|| {
        let mut db = fontdb::Database::new();
        db.load_font_source(fontdb::Source::Binary(std::sync::Arc::new(bytes.to_vec())));
        let found = db
            .faces()
            .find(|f| f.index == index)
            .map(|f| (english_family(f), f.weight.0));
        found.unwrap_or_else(|| {
            (
                path.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                400,
            )
        })
    });
    let mut face = Face {
        family,
        path: path.to_path_buf(),
        index,
        weight,
        source,
        parsed,
        units_per_em: upm,
        dash: None,
        cache: RwLock::new(HashMap::new()),
    };
    face.dash = face.full_width_dash();
    Ok(face)
}

fn english_family(f: &fontdb::FaceInfo) -> String {
    f.families
        .iter()
        .find(|(_, lang)| *lang == fontdb::Language::English_UnitedStates)
        .or_else(|| f.families.first())
        .map(|(n, _)| n.clone())
        .unwrap_or_else(|| f.post_script_name.clone())
}

impl Face {
    fn lookup(&self, c: char) -> Option<(u16, f32)> {
        let gid = self.parsed.lookup_glyph_index(c as u32)?;
        if gid == 0 {
            return None;
        }
        let adv = self.parsed.get_horizontal_advance(gid) as f32 / self.units_per_em;
        Some((gid, adv))
    }

    fn full_width_dash(&self) -> Option<(u16, f32)> {
        let (gid, adv) = self.lookup('—')?;
        if adv >= 0.95 {
            return Some((gid, adv));
        }
        match self.lookup('―') {
            Some((g2, a2)) if a2 >= 0.95 => Some((g2, a2)),
            _ => Some((gid, adv)),
        }
    }

    /// The glyph for `c`, if this face has it.
    fn glyph(&self, c: char) -> Option<(u16, f32)> {
        if c == '—' {
            return self.dash;
        }
        if let Some(hit) = self.cache.read().ok().and_then(|m| m.get(&c).copied()) {
            return hit;
        }
        let found = self.lookup(c);
        if let Ok(mut m) = self.cache.write() {
            m.insert(c, found);
        }
        found
    }

    pub fn has_char(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }

    /// The parsed face, for embedding.
    pub(crate) fn parsed(&self) -> &printpdf::ParsedFont {
        &self.parsed
    }
}

impl Fonts {
    /// Resolves and loads the fonts: the configured files first, then installed
    /// system fonts by each role's preference list.
    ///
    /// Fails when a configured file cannot be read, or when no Chinese font at all
    /// is available.
    pub fn load(config: &FontConfig) -> DocResult<Fonts> {
        let mut faces: Vec<Face> = Vec::new();
        let mut by_key: HashMap<(PathBuf, u32), usize> = HashMap::new();
        let mut primary: HashMap<FontRole, usize> = HashMap::new();

        let mut add = |faces: &mut Vec<Face>,
                       file: &FontFile,
                       source,
                       known: Option<(String, u16)>|
         -> DocResult<usize> {
            let key = (file.path.clone(), file.index);
            if let Some(&i) = by_key.get(&key) {
                return Ok(i);
            }
            let face = read_face(file, source, known)?;
            faces.push(face);
            by_key.insert(key, faces.len() - 1);
            Ok(faces.len() - 1)
        };

        for (role, file) in &config.files {
            let i = add(&mut faces, file, FontSource::User, None)?;
            primary.entry(*role).or_insert(i);
        }
        let mut fallback = Vec::new();
        for file in &config.fallback {
            fallback.push(add(&mut faces, file, FontSource::User, None)?);
        }

        let missing: Vec<FontRole> = FontRole::ALL
            .into_iter()
            .filter(|r| !primary.contains_key(r))
            .collect();
        let mut system_db = None;
        if config.system_fonts || !config.font_dirs.is_empty() {
            let mut db = fontdb::Database::new();
            if config.system_fonts {
                db.load_system_fonts();
            }
            for dir in &config.font_dirs {
                db.load_fonts_dir(dir);
            }
            system_db = Some(db);
        }
        if let Some(db) = &system_db {
            for role in missing {
                if let Some((file, known)) = find_system_face(db, role) {
                    // A broken system font is skipped rather than fatal.
                    if let Ok(i) = add(&mut faces, &file, FontSource::System, Some(known)) {
                        primary.insert(role, i);
                    }
                }
            }
        }

        if faces.is_empty() {
            return Err(DocError::new(
                DocErrorCode::FontNotFound,
                "未找到可用的中文字体：请在设置中指定仿宋、小标宋等字体文件，或安装中文字体（如 fonts-noto-cjk）",
            ));
        }

        let mut chains = HashMap::new();
        let mut resolved = Vec::new();
        for role in FontRole::ALL {
            let mut chain: Vec<usize> = Vec::new();
            let push = |i: usize, chain: &mut Vec<usize>| {
                if !chain.contains(&i) {
                    chain.push(i);
                }
            };
            let own = primary.get(&role).copied();
            let stand_in = own.or_else(|| {
                role.substitute()
                    .iter()
                    .find_map(|r| primary.get(r).copied())
            });
            if let Some(i) = stand_in {
                push(i, &mut chain);
            }
            for &i in &fallback {
                push(i, &mut chain);
            }
            for r in FontRole::ALL {
                if let Some(&i) = primary.get(&r) {
                    push(i, &mut chain);
                }
            }
            for i in 0..faces.len() {
                push(i, &mut chain);
            }
            let first = chain[0];
            let f = &faces[first];
            resolved.push(ResolvedFont {
                role,
                role_label: role.label(),
                family: f.family.clone(),
                path: f.path.clone(),
                index: f.index,
                source: f.source,
                substitute: own.is_none(),
            });
            chains.insert(role, chain);
        }
        Ok(Fonts {
            faces: faces.into_iter().map(Arc::new).collect(),
            chains,
            resolved,
            db: system_db,
            extra: RwLock::new(Vec::new()),
            absent: RwLock::new(HashSet::new()),
        })
    }

    /// [`Fonts::load`] with installed system fonts only.
    pub fn system() -> DocResult<Fonts> {
        Fonts::load(&FontConfig::default())
    }

    /// How each role was resolved (for the settings screen and diagnostics).
    pub fn resolved(&self) -> &[ResolvedFont] {
        &self.resolved
    }

    /// The faces loaded for the roles and configured fallbacks (not those found
    /// later for rare characters).
    pub fn faces(&self) -> Vec<Arc<Face>> {
        self.faces.clone()
    }

    /// Number of faces loaded so far, including those found for rare characters.
    pub fn face_count(&self) -> usize {
        self.faces.len() + self.extra.read().map(|e| e.len()).unwrap_or(0)
    }

    pub(crate) fn face(&self, i: usize) -> Arc<Face> {
        if i < self.faces.len() {
            return self.faces[i].clone();
        }
        let extra = self.extra.read().unwrap_or_else(|e| e.into_inner());
        extra[i - self.faces.len()].clone()
    }

    /// The glyph for `c` in `role`'s font, else in the first fallback face that has
    /// it; an error naming the character when no face has it.
    pub(crate) fn glyph(&self, role: FontRole, c: char) -> DocResult<GlyphInfo> {
        let chain = &self.chains[&role];
        for &i in chain {
            if let Some((gid, advance)) = self.faces[i].glyph(c) {
                return Ok(GlyphInfo {
                    ch: c,
                    face: i,
                    gid: Some(gid),
                    advance,
                });
            }
        }
        if !c.is_whitespace() {
            if let Some((face, gid, advance)) = self.system_fallback(c) {
                return Ok(GlyphInfo {
                    ch: c,
                    face,
                    gid: Some(gid),
                    advance,
                });
            }
        }
        // Spaces need no ink: advance only.
        let advance = match c {
            ' ' | '\u{00A0}' => Some(0.25),
            '\u{3000}' => Some(1.0),
            '\u{2002}' => Some(0.5),
            '\u{2003}' => Some(1.0),
            _ => None,
        };
        match advance {
            Some(advance) => Ok(GlyphInfo {
                ch: c,
                face: chain[0],
                gid: None,
                advance,
            }),
            None => Err(DocError::missing_glyph(c)),
        }
    }

    /// Looks for `c` in the faces found earlier, then in every other installed
    /// font; loads the first face that has it.
    fn system_fallback(&self, c: char) -> Option<(usize, u16, f32)> {
        let base = self.faces.len();
        {
            let extra = self.extra.read().unwrap_or_else(|e| e.into_inner());
            for (k, f) in extra.iter().enumerate() {
                if let Some((gid, adv)) = f.glyph(c) {
                    return Some((base + k, gid, adv));
                }
            }
        }
        if self
            .absent
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .contains(&c)
        {
            return None;
        }
        let db = self.db.as_ref()?;
        let loaded: HashSet<(PathBuf, u32)> = self
            .faces
            .iter()
            .map(|f| (f.path.clone(), f.index))
            .chain(
                self.extra
                    .read()
                    .unwrap_or_else(|e| e.into_inner())
                    .iter()
                    .map(|f| (f.path.clone(), f.index)),
            )
            .collect();
        // Upright regular faces first.
        let mut candidates: Vec<&fontdb::FaceInfo> = db
            .faces()
            .filter(|f| match &f.source {
                fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => {
                    !loaded.contains(&(p.clone(), f.index))
                }
                fontdb::Source::Binary(_) => false,
            })
            .collect();
        candidates.sort_by_key(|f| (f.style != fontdb::Style::Normal, f.weight.0.abs_diff(400)));
        for info in candidates {
            let has = db
                .with_face_data(info.id, |data, index| {
                    ttf_parser::Face::parse(data, index)
                        .ok()
                        .and_then(|face| face.glyph_index(c))
                        .is_some_and(|g| g.0 != 0)
                })
                .unwrap_or(false);
            if !has {
                continue;
            }
            let path = match &info.source {
                fontdb::Source::File(p) | fontdb::Source::SharedFile(p, _) => p.clone(),
                fontdb::Source::Binary(_) => continue,
            };
            let file = FontFile {
                path,
                index: info.index,
            };
            let Ok(face) = read_face(
                &file,
                FontSource::System,
                Some((english_family(info), info.weight.0)),
            ) else {
                continue;
            };
            let Some((gid, adv)) = face.glyph(c) else {
                continue;
            };
            let mut extra = self.extra.write().unwrap_or_else(|e| e.into_inner());
            // Another thread may have loaded it meanwhile.
            if let Some(k) = extra
                .iter()
                .position(|f| f.path == face.path && f.index == face.index)
            {
                return Some((base + k, gid, adv));
            }
            extra.push(Arc::new(face));
            return Some((base + extra.len() - 1, gid, adv));
        }
        self.absent
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(c);
        None
    }

    /// Checks that every character of `text` can be drawn in `role`'s font chain;
    /// the error names the first character that cannot.
    pub fn check_text(&self, role: FontRole, text: &str) -> DocResult<()> {
        for c in text.chars().filter(|c| !c.is_control()) {
            self.glyph(role, c)?;
        }
        Ok(())
    }
}

/// What a font file the user chose holds: the face to use and its family name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FontFileInfo {
    pub family: String,
    /// Face index inside a collection (`.ttc`); 0 for a plain file.
    pub index: u32,
}

/// Checks a font file the user chose before it is kept: it must load the way the
/// engine loads it and draw Chinese. In a collection the first face that has
/// Chinese characters is taken.
pub fn inspect_font_file(path: &Path) -> DocResult<FontFileInfo> {
    let bytes = std::fs::read(path).map_err(|e| {
        DocError::new(
            DocErrorCode::FontInvalid,
            format!("无法读取字体文件“{}”：{e}", path.display()),
        )
    })?;
    let mut db = fontdb::Database::new();
    db.load_font_source(fontdb::Source::Binary(Arc::new(bytes.clone())));
    let faces: Vec<(u32, String, u16)> = db
        .faces()
        .map(|f| (f.index, english_family(f), f.weight.0))
        .collect();
    if faces.is_empty() {
        return Err(DocError::new(
            DocErrorCode::FontInvalid,
            format!(
                "“{}”不是可用的字体文件：请选择 TrueType/OpenType 字体（.ttf、.otf 或 .ttc）",
                file_label(path)
            ),
        ));
    }
    // A collection may hold the same design for several regions (Noto CJK: JP,
    // KR, SC, TC, HK): the Simplified Chinese face is the one for these documents.
    let simplified = |family: &str| {
        let f = family.to_uppercase();
        [" SC", " CN", "GB", "简"].iter().any(|m| f.contains(m))
    };
    let mut last_error = None;
    let mut usable: Vec<FontFileInfo> = Vec::new();
    for (index, family, weight) in faces {
        match face_from_bytes(
            &bytes,
            index,
            path,
            FontSource::User,
            Some((family.clone(), weight)),
        ) {
            Ok(face) if "党建调度中文".chars().all(|c| face.has_char(c)) => {
                usable.push(FontFileInfo { family, index })
            }
            Ok(_) => {}
            Err(e) => last_error = Some(e),
        }
    }
    if let Some(best) = usable
        .iter()
        .find(|f| simplified(&f.family))
        .or(usable.first())
    {
        return Ok(best.clone());
    }
    Err(last_error.unwrap_or_else(|| {
        DocError::new(
            DocErrorCode::FontInvalid,
            format!(
                "字体“{}”不含汉字，不能用于公文：请选择中文字体（如仿宋_GB2312、方正小标宋简体）",
                file_label(path)
            ),
        )
    }))
}

fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The best installed face for `role`, by its preference list.
fn find_system_face(db: &fontdb::Database, role: FontRole) -> Option<(FontFile, (String, u16))> {
    for (name, pref) in role.preferences() {
        let wanted = normalise(name);
        let mut best: Option<(u16, &fontdb::FaceInfo)> = None;
        for face in db.faces() {
            if face.style != fontdb::Style::Normal {
                continue;
            }
            if !face.families.iter().any(|(n, _)| normalise(n) == wanted) {
                continue;
            }
            let w = face.weight.0;
            let (ok, target) = match pref {
                WeightPref::Regular => (w < 600, 400),
                WeightPref::Bold => (w >= 600, 700),
                WeightPref::Any => (true, 400),
            };
            if !ok {
                continue;
            }
            let distance = w.abs_diff(target);
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, face));
            }
        }
        if let Some((_, face)) = best {
            let path = match &face.source {
                fontdb::Source::File(p) => p.clone(),
                fontdb::Source::SharedFile(p, _) => p.clone(),
                fontdb::Source::Binary(_) => continue,
            };
            return Some((
                FontFile {
                    path,
                    index: face.index,
                },
                (english_family(face), face.weight.0),
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_matched_loosely() {
        assert_eq!(normalise("Noto Serif CJK SC"), "notoserifcjksc");
        assert_eq!(normalise("仿宋_GB2312"), normalise("仿宋 GB2312"));
        assert_ne!(normalise("FangSong"), normalise("FangSong_GB2312"));
    }

    #[test]
    fn every_role_has_preferences() {
        for role in FontRole::ALL {
            assert!(!role.preferences().is_empty(), "{role:?}");
            assert!(!role.label().is_empty());
        }
    }

    #[test]
    fn missing_config_file_is_a_chinese_error() {
        let config = FontConfig {
            files: vec![(
                FontRole::FangSong,
                FontFile::new("/nonexistent/仿宋_GB2312.ttf"),
            )],
            system_fonts: false,
            ..FontConfig::default()
        };
        let err = Fonts::load(&config).unwrap_err();
        assert_eq!(err.code, DocErrorCode::FontInvalid);
        assert!(err.message.contains("无法读取字体文件"), "{}", err.message);
    }

    #[test]
    fn no_fonts_at_all_is_font_not_found() {
        let config = FontConfig {
            system_fonts: false,
            ..FontConfig::default()
        };
        let err = Fonts::load(&config).unwrap_err();
        assert_eq!(err.code, DocErrorCode::FontNotFound);
    }
}
