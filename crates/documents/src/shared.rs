//! Font subsets shared by the documents of one batch.
//!
//! Subsetting a CJK face is most of the cost of writing a short document: the
//! subsetter reads the face's whole character map and CFF tables, and the subset
//! (whose global subroutines are kept whole) is deflated again for every file. A
//! batch of 200 notices drew nearly the same characters 200 times. Here each face
//! is subset once for the whole batch (every glyph any of its documents draws)
//! and deflated once; each document then embeds that subset whole, so every file
//! still carries every glyph it shows and opens on its own.

use std::collections::{BTreeMap, HashMap};

use crate::canvas::{deflate_if_smaller, Canvas};
use crate::error::{DocError, DocResult};
use crate::fonts::Fonts;

/// One face subset for a batch.
#[derive(Debug)]
pub(crate) struct SharedFace {
    /// The subset, parsed; its name carries the subset tag (`ABCDEF+Name`).
    parsed: printpdf::ParsedFont,
    /// Glyph id in the installed face -> glyph id in the subset.
    remap: HashMap<u16, u16>,
    /// The font program as printpdf embeds it (the bare CFF table of a CID-keyed
    /// face, else the subset file) and its deflated bytes, when deflating pays.
    program: Vec<u8>,
    deflated: Option<Vec<u8>>,
}

impl SharedFace {
    /// Whether the subset has the face's glyph `gid`.
    pub(crate) fn covers(&self, gid: u16) -> bool {
        self.remap.contains_key(&gid)
    }

    /// The subset's glyph id for the face's glyph `gid` (which it must cover).
    pub(crate) fn gid(&self, gid: u16) -> u16 {
        self.remap.get(&gid).copied().unwrap_or(0)
    }

    /// Adds the subset to `doc` as a font embedded as it is (printpdf must not
    /// subset it again).
    pub(crate) fn add_to(&self, doc: &mut printpdf::PdfDocument) -> printpdf::FontId {
        let mut font = printpdf::PdfFont::new(self.parsed.clone());
        font.meta.embedding_mode = printpdf::FontEmbeddingMode::Full;
        font.meta.requires_subsetting = false;
        let id = printpdf::FontId::new();
        doc.resources.fonts.map.insert(id.clone(), font);
        id
    }
}

/// The faces a batch draws with, each subset once for all its documents.
#[derive(Debug, Default)]
pub(crate) struct SharedFonts {
    faces: HashMap<usize, SharedFace>,
}

impl SharedFonts {
    /// Subsets every face the `canvases` draw with, to the glyphs all of them use.
    pub(crate) fn for_canvases<'a, 'f: 'a>(
        fonts: &Fonts,
        canvases: impl Iterator<Item = &'a Canvas<'f>>,
    ) -> DocResult<SharedFonts> {
        let mut used: BTreeMap<usize, BTreeMap<u16, String>> = BTreeMap::new();
        for canvas in canvases {
            for (face, gid, ch) in canvas.used_glyphs() {
                used.entry(face)
                    .or_default()
                    .entry(gid)
                    .or_insert_with(|| ch.to_string());
            }
        }
        let mut faces = HashMap::new();
        for (i, glyphs) in used {
            let face = fonts.face(i);
            let original = face.parsed();
            let subset = printpdf::font::subset_font(original, &glyphs).map_err(|e| {
                DocError::internal(format!("字体子集化失败（{}）：{e}", face.family))
            })?;
            let mut parsed = printpdf::ParsedFont::from_bytes(&subset.bytes, 0, &mut Vec::new())
                .ok_or_else(|| {
                    DocError::internal(format!("字体子集化失败（{}）：子集无法解析", face.family))
                })?;
            let name = original
                .font_name
                .clone()
                .unwrap_or_else(|| face.family.replace(' ', ""));
            parsed.font_name = Some(format!("{}+{name}", subset_tag(i, &glyphs)));
            let remap = subset
                .glyph_mapping
                .iter()
                .map(|(old, (new, _))| (*old, *new))
                .collect();
            let program = printpdf::font::extract_cid_keyed_cff(&subset.bytes, 0)
                .unwrap_or_else(|| subset.bytes.clone());
            let deflated = deflate_if_smaller(&program);
            faces.insert(
                i,
                SharedFace {
                    parsed,
                    remap,
                    program,
                    deflated,
                },
            );
        }
        Ok(SharedFonts { faces })
    }

    pub(crate) fn face(&self, i: usize) -> Option<&SharedFace> {
        self.faces.get(&i)
    }

    /// The font programs with their deflated bytes, for the writer to reuse.
    pub(crate) fn programs(&self) -> Vec<(&[u8], &[u8])> {
        self.faces
            .values()
            .filter_map(|f| Some((f.program.as_slice(), f.deflated.as_deref()?)))
            .collect()
    }
}

/// Six capital letters naming a subset (ISO 32000-1, 9.6.4), from the face and
/// the glyphs it keeps: the same batch gets the same tag.
fn subset_tag(face: usize, glyphs: &BTreeMap<u16, String>) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    face.hash(&mut h);
    for gid in glyphs.keys() {
        gid.hash(&mut h);
    }
    let mut n = h.finish();
    (0..6)
        .map(|_| {
            let c = (b'A' + (n % 26) as u8) as char;
            n /= 26;
            c
        })
        .collect()
}
