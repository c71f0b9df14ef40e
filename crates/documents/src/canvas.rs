//! The layout vocabulary shared by every printed document: pages measured in
//! millimetres from the top-left corner, shaped text, paragraphs broken by the CJK
//! rules, rules (lines), boxes, images and QR codes. Official documents
//! ([`crate::official`]) are composed with it; chart prints, summaries, bulletins
//! and reports use the same calls.
//!
//! Nothing is written to PDF until [`Canvas::finish`], which embeds and subsets
//! exactly the faces the pages use.

use std::sync::Arc;

use printpdf::{
    Codepoint, ExternalXObject, Line, LineDashPattern, LinePoint, Op, PaintMode, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, RawImage, Rect, TextItem, TextMatrix,
    XObjectTransform,
};

use crate::error::{DocError, DocErrorCode, DocResult};
use crate::fonts::{FontRole, Fonts, GlyphInfo};
use crate::linebreak;
use crate::shared::SharedFonts;

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

pub fn mm_to_pt(mm: f32) -> f32 {
    mm * PT_PER_MM
}

pub fn pt_to_mm(pt: f32) -> f32 {
    pt / PT_PER_MM
}

/// An RGB colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Color {
    pub r: f32,
    pub g: f32,
    pub b: f32,
}

impl Color {
    pub const BLACK: Color = Color {
        r: 0.0,
        g: 0.0,
        b: 0.0,
    };
    /// The red of official documents (C0 M100 Y100 K0 as RGB).
    pub const RED: Color = Color {
        r: 0.902,
        g: 0.0,
        b: 0.071,
    };
    pub const GREY: Color = Color {
        r: 0.45,
        g: 0.45,
        b: 0.45,
    };
    pub const WHITE: Color = Color {
        r: 1.0,
        g: 1.0,
        b: 1.0,
    };

    fn pdf(self) -> printpdf::Color {
        printpdf::Color::Rgb(printpdf::Rgb {
            r: self.r,
            g: self.g,
            b: self.b,
            icc_profile: None,
        })
    }
}

/// How text looks: font role, size, colour and pitch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub role: FontRole,
    pub size_pt: f32,
    pub color: Color,
    /// Horizontal advance multiplier: glyphs advance by `advance × size × pitch`.
    /// 1.0 is the font's own spacing; the GB/T 9704 grid (28 characters in 156 mm
    /// at 16 pt) needs slightly less than 1.
    pub pitch: f32,
}

impl TextStyle {
    pub fn new(role: FontRole, size_pt: f32) -> Self {
        TextStyle {
            role,
            size_pt,
            color: Color::BLACK,
            pitch: 1.0,
        }
    }
    pub fn color(mut self, color: Color) -> Self {
        self.color = color;
        self
    }
    pub fn pitch(mut self, pitch: f32) -> Self {
        self.pitch = pitch;
        self
    }
    pub fn role(mut self, role: FontRole) -> Self {
        self.role = role;
        self
    }
    /// The em size in millimetres.
    pub fn em_mm(&self) -> f32 {
        pt_to_mm(self.size_pt)
    }
    /// The advance of one full-width character in millimetres.
    pub fn cell_mm(&self) -> f32 {
        self.em_mm() * self.pitch
    }
}

/// A line style: width, colour and optional dash (dash, gap) in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LineStyle {
    pub width_mm: f32,
    pub color: Color,
    pub dash: Option<(f32, f32)>,
}

impl LineStyle {
    pub fn solid(width_mm: f32, color: Color) -> Self {
        LineStyle {
            width_mm,
            color,
            dash: None,
        }
    }
    pub fn dashed(width_mm: f32, color: Color, dash_mm: f32, gap_mm: f32) -> Self {
        LineStyle {
            width_mm,
            color,
            dash: Some((dash_mm, gap_mm)),
        }
    }
}

/// Horizontal alignment inside a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// One glyph placed on a line: `x` in millimetres from the line's left edge.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedGlyph {
    pub(crate) info: GlyphInfo,
    pub x: f32,
    /// Advance in millimetres (as drawn).
    pub width: f32,
}

impl PlacedGlyph {
    pub fn ch(&self) -> char {
        self.info.ch
    }
}

/// Text shaped into glyphs with advances, not yet placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub glyphs: Vec<PlacedGlyph>,
    pub style: TextStyle,
}

impl TextLine {
    /// Width from the first glyph's left edge to the last glyph's advance end.
    pub fn width(&self) -> f32 {
        self.glyphs.last().map(|g| g.x + g.width).unwrap_or(0.0)
    }
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.info.ch).collect()
    }
    pub fn is_empty(&self) -> bool {
        self.glyphs.is_empty()
    }
    /// Moves every glyph right by `dx` millimetres.
    pub fn shift(mut self, dx: f32) -> Self {
        for g in &mut self.glyphs {
            g.x += dx;
        }
        self
    }
}

/// A run of text in one font role (paragraphs mix roles: a 楷体 heading followed
/// by 仿宋 text).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Run {
    pub role: FontRole,
    pub text: String,
}

impl Run {
    pub fn new(role: FontRole, text: impl Into<String>) -> Self {
        Run {
            role,
            text: text.into(),
        }
    }
}

/// How to set a paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParagraphStyle {
    /// Size, colour and pitch (the role comes from each run).
    pub text: TextStyle,
    /// Line width in millimetres.
    pub width_mm: f32,
    /// Indent of the first line, millimetres.
    pub first_indent_mm: f32,
    /// Indent of the other lines, millimetres.
    pub rest_indent_mm: f32,
    /// Stretch lines but the last to the full width (撑满).
    pub justify: bool,
}

/// A laid-out line of a paragraph; glyph `x` is from the paragraph's left edge
/// (indents included).
pub type LaidLine = TextLine;

/// Shapes `text` in one style: each char's glyph and advance. Control characters
/// (tabs, line feeds) become spaces.
pub fn shape(fonts: &Fonts, text: &str, style: TextStyle) -> DocResult<TextLine> {
    let mut glyphs = Vec::with_capacity(text.len() / 2);
    let mut x = 0.0;
    let em = style.em_mm();
    for c in text.chars() {
        let c = if c.is_control() { ' ' } else { c };
        let info = fonts.glyph(style.role, c)?;
        let width = info.advance * em * style.pitch;
        glyphs.push(PlacedGlyph { info, x, width });
        x += width;
    }
    Ok(TextLine { glyphs, style })
}

/// Lays out a paragraph made of runs: CJK line breaking (see
/// [`crate::linebreak`]), indents, justification. A `\n` inside the text starts a
/// new line without indent.
pub fn layout_paragraph(
    fonts: &Fonts,
    runs: &[Run],
    style: ParagraphStyle,
) -> DocResult<Vec<LaidLine>> {
    let em = style.text.em_mm();
    let mut out = Vec::new();
    // Split at hard line breaks, keeping each piece's runs.
    let mut pieces: Vec<Vec<(FontRole, String)>> = vec![Vec::new()];
    for run in runs {
        for (k, part) in run.text.replace("\r\n", "\n").split('\n').enumerate() {
            if k > 0 {
                pieces.push(Vec::new());
            }
            if !part.is_empty() {
                pieces
                    .last_mut()
                    .unwrap()
                    .push((run.role, part.to_string()));
            }
        }
    }
    for (pi, piece) in pieces.iter().enumerate() {
        let mut chars = Vec::new();
        let mut infos = Vec::new();
        for (role, text) in piece {
            for c in text.chars() {
                let c = if c.is_control() { ' ' } else { c };
                let info = fonts.glyph(*role, c)?;
                chars.push(c);
                infos.push(info);
            }
        }
        let widths: Vec<f32> = infos
            .iter()
            .map(|g| g.advance * em * style.text.pitch)
            .collect();
        let first_indent = if pi == 0 {
            style.first_indent_mm
        } else {
            style.rest_indent_mm
        };
        let breaks = linebreak::break_chars(
            &chars,
            &widths,
            style.width_mm - first_indent,
            style.width_mm - style.rest_indent_mm,
        );
        for (li, br) in breaks.iter().enumerate() {
            let indent = if li == 0 {
                first_indent
            } else {
                style.rest_indent_mm
            };
            let room = style.width_mm - indent;
            let idx: Vec<usize> = br.range.clone().collect();
            // Extra space per gap when justifying.
            let mut extra = 0.0;
            let gap_allowed = |a: usize, b: usize| -> bool {
                // No stretching inside a half-width word or number.
                infos[a].advance >= 0.75
                    || infos[b].advance >= 0.75
                    || chars[a].is_whitespace()
                    || chars[b].is_whitespace()
            };
            if style.justify && !br.last && idx.len() > 1 {
                let gaps = idx.windows(2).filter(|w| gap_allowed(w[0], w[1])).count();
                let slack = room - br.width;
                if gaps > 0 && slack > 0.0 && slack / gaps as f32 <= em * 0.5 {
                    extra = slack / gaps as f32;
                }
            }
            let mut x = indent;
            let mut glyphs = Vec::with_capacity(idx.len());
            for (k, &i) in idx.iter().enumerate() {
                if k > 0 && extra > 0.0 && gap_allowed(idx[k - 1], i) {
                    x += extra;
                }
                glyphs.push(PlacedGlyph {
                    info: infos[i],
                    x,
                    width: widths[i],
                });
                x += widths[i];
            }
            out.push(TextLine {
                glyphs,
                style: style.text,
            });
        }
    }
    Ok(out)
}

#[derive(Debug, Clone)]
enum Item {
    Text {
        line: TextLine,
        x: f32,
        baseline: f32,
    },
    Line {
        points: Vec<(f32, f32)>,
        style: LineStyle,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Color>,
        stroke: Option<LineStyle>,
    },
    Image {
        image: usize,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

#[derive(Debug, Clone)]
struct Page {
    width: f32,
    height: f32,
    items: Vec<Item>,
}

/// Pages being drawn. Coordinates are millimetres from the top-left corner, y down;
/// text is placed by its baseline.
pub struct Canvas<'f> {
    fonts: &'f Fonts,
    title: String,
    pages: Vec<Page>,
    images: Vec<Arc<PreparedImage>>,
    /// Hash and length of each image's source bytes: the same seal on the 200
    /// notices of a combined batch is embedded once.
    image_keys: Vec<ImageKey>,
}

impl<'f> Canvas<'f> {
    pub fn new(fonts: &'f Fonts, title: impl Into<String>) -> Self {
        Canvas {
            fonts,
            title: title.into(),
            pages: Vec::new(),
            images: Vec::new(),
            image_keys: Vec::new(),
        }
    }

    pub fn fonts(&self) -> &'f Fonts {
        self.fonts
    }

    /// Adds a page of the given size; returns its index.
    pub fn add_page(&mut self, width_mm: f32, height_mm: f32) -> usize {
        self.pages.push(Page {
            width: width_mm,
            height: height_mm,
            items: Vec::new(),
        });
        self.pages.len() - 1
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    pub fn shape(&self, text: &str, style: TextStyle) -> DocResult<TextLine> {
        shape(self.fonts, text, style)
    }

    /// Draws a shaped line with its left edge at `x` and its baseline at `baseline`.
    pub fn draw_line_of_text(&mut self, page: usize, x: f32, baseline: f32, line: TextLine) {
        if line.is_empty() {
            return;
        }
        self.pages[page]
            .items
            .push(Item::Text { line, x, baseline });
    }

    /// Shapes and draws `text` aligned inside the box `left..right`.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        page: usize,
        left: f32,
        right: f32,
        baseline: f32,
        text: &str,
        style: TextStyle,
        align: Align,
    ) -> DocResult<f32> {
        let line = self.shape(text, style)?;
        let w = line.width();
        let x = match align {
            Align::Left => left,
            Align::Center => left + (right - left - w) / 2.0,
            Align::Right => right - w,
        };
        self.draw_line_of_text(page, x, baseline, line);
        Ok(w)
    }

    /// A straight line (or a dashed one).
    pub fn line(&mut self, page: usize, x1: f32, y1: f32, x2: f32, y2: f32, style: LineStyle) {
        self.pages[page].items.push(Item::Line {
            points: vec![(x1, y1), (x2, y2)],
            style,
        });
    }

    /// A rectangle, filled and/or stroked.
    #[allow(clippy::too_many_arguments)]
    pub fn rect(
        &mut self,
        page: usize,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Color>,
        stroke: Option<LineStyle>,
    ) {
        self.pages[page].items.push(Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        });
    }

    /// A PNG (or JPEG) image scaled to `w` millimetres wide, aspect kept, its
    /// top-left corner at (`x`, `y`). Returns the drawn height.
    pub fn image(&mut self, page: usize, bytes: &[u8], x: f32, y: f32, w: f32) -> DocResult<f32> {
        let (image, h) = self.decode_image(bytes, w)?;
        self.pages[page]
            .items
            .push(Item::Image { image, x, y, w, h });
        Ok(h)
    }

    /// Like [`Canvas::image`], centred on (`cx`, `cy`).
    pub fn image_centred(
        &mut self,
        page: usize,
        bytes: &[u8],
        cx: f32,
        cy: f32,
        w: f32,
    ) -> DocResult<f32> {
        let (image, h) = self.decode_image(bytes, w)?;
        self.pages[page].items.push(Item::Image {
            image,
            x: cx - w / 2.0,
            y: cy - h / 2.0,
            w,
            h,
        });
        Ok(h)
    }

    fn decode_image(&mut self, bytes: &[u8], w: f32) -> DocResult<(usize, f32)> {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut hasher);
        let key = (hasher.finish(), bytes.len());
        if let Some(i) = self.image_keys.iter().position(|k| *k == key) {
            let im = &self.images[i];
            return Ok((i, w * im.height as f32 / im.width as f32));
        }
        let prepared = prepare_image_cached(bytes, key)?;
        let h = w * prepared.height as f32 / prepared.width as f32;
        self.images.push(prepared);
        self.image_keys.push(key);
        Ok((self.images.len() - 1, h))
    }

    /// A QR code of `payload`, `size` millimetres square, drawn as vector
    /// rectangles, its top-left corner at (`x`, `y`) (quiet zone not included:
    /// leave ~2 modules free around it).
    pub fn qr(&mut self, page: usize, payload: &str, x: f32, y: f32, size: f32) -> DocResult<()> {
        let code =
            qrcode::QrCode::with_error_correction_level(payload.as_bytes(), qrcode::EcLevel::M)
                .map_err(|e| DocError::internal(format!("无法生成二维码：{e}")))?;
        let n = code.width();
        let colors = code.to_colors();
        let m = size / n as f32;
        for row in 0..n {
            let mut col = 0;
            while col < n {
                if colors[row * n + col] == qrcode::Color::Dark {
                    let start = col;
                    while col < n && colors[row * n + col] == qrcode::Color::Dark {
                        col += 1;
                    }
                    self.rect(
                        page,
                        x + start as f32 * m,
                        y + row as f32 * m,
                        (col - start) as f32 * m,
                        // A hair taller so rows merge without seams when rasterised.
                        m + 0.01,
                        Some(Color::BLACK),
                        None,
                    );
                } else {
                    col += 1;
                }
            }
        }
        Ok(())
    }

    /// Every glyph drawn on the pages: (face index, glyph id, character).
    pub(crate) fn used_glyphs(&self) -> impl Iterator<Item = (usize, u16, char)> + '_ {
        self.pages
            .iter()
            .flat_map(|p| p.items.iter())
            .filter_map(|item| match item {
                Item::Text { line, .. } => Some(line.glyphs.iter()),
                _ => None,
            })
            .flatten()
            .filter_map(|g| g.info.gid.map(|gid| (g.info.face, gid, g.info.ch)))
    }

    /// Writes the PDF: fonts embedded and subset, text extractable.
    pub fn finish(self) -> DocResult<Vec<u8>> {
        self.finish_with(None)
    }

    /// [`Canvas::finish`] with the font subsets a batch made once for all its
    /// documents (see [`SharedFonts`]): a face found there is embedded as that
    /// subset (already deflated) instead of being subset again for this document.
    pub(crate) fn finish_shared(self, shared: &SharedFonts) -> DocResult<Vec<u8>> {
        self.finish_with(Some(shared))
    }

    fn finish_with(self, shared: Option<&SharedFonts>) -> DocResult<Vec<u8>> {
        let mut doc = PdfDocument::new(&self.title);
        doc.metadata.info.producer = "党建调度台".to_string();
        doc.metadata.info.creator = "党建调度台".to_string();
        let now = printpdf::DateTime::now();
        doc.metadata.info.creation_date = now;
        doc.metadata.info.modification_date = now;
        doc.metadata.info.metadata_date = now;
        let mut font_ids: Vec<Option<printpdf::FontId>> = vec![None; self.fonts.face_count()];
        // Faces taken from the batch's shared subsets: glyph ids are renumbered to
        // the subset's. A face with a glyph the shared subset lacks is subset for
        // this document alone, as without sharing.
        let mut from_shared: Vec<Option<&crate::shared::SharedFace>> =
            vec![None; self.fonts.face_count()];
        if let Some(shared) = shared {
            let mut uncovered = vec![false; from_shared.len()];
            for (face, gid, _) in self.used_glyphs() {
                if face < from_shared.len() && !uncovered[face] {
                    match shared.face(face) {
                        Some(s) if s.covers(gid) => from_shared[face] = Some(s),
                        _ => uncovered[face] = true,
                    }
                }
            }
            for (f, u) in from_shared.iter_mut().zip(uncovered) {
                if u {
                    *f = None;
                }
            }
        }
        let mut image_ids = Vec::with_capacity(self.images.len());
        for im in &self.images {
            image_ids.push(doc.add_xobject(&im.xobject));
        }
        let mut pdf_pages = Vec::with_capacity(self.pages.len());
        for page in &self.pages {
            let h = page.height;
            let mut ops: Vec<Op> = Vec::new();
            for item in &page.items {
                match item {
                    Item::Text { line, x, baseline } => {
                        ops.push(Op::StartTextSection);
                        ops.push(Op::SetFillColor {
                            col: line.style.color.pdf(),
                        });
                        let mut cur_face = usize::MAX;
                        let y = Pt(mm_to_pt(h - baseline));
                        for g in &line.glyphs {
                            let Some(mut gid) = g.info.gid else { continue };
                            let sub = from_shared.get(g.info.face).copied().flatten();
                            if let Some(s) = sub {
                                gid = s.gid(gid);
                            }
                            if g.info.face != cur_face {
                                cur_face = g.info.face;
                                let id = font_ids[cur_face].get_or_insert_with(|| match sub {
                                    Some(s) => s.add_to(&mut doc),
                                    None => doc.add_font(self.fonts.face(cur_face).parsed()),
                                });
                                ops.push(Op::SetFont {
                                    font: PdfFontHandle::External(id.clone()),
                                    size: Pt(line.style.size_pt),
                                });
                            }
                            ops.push(Op::SetTextMatrix {
                                matrix: TextMatrix::Translate(Pt(mm_to_pt(x + g.x)), y),
                            });
                            ops.push(Op::ShowText {
                                items: vec![TextItem::GlyphIds(vec![Codepoint::with_cid(
                                    gid,
                                    0.0,
                                    g.info.ch.to_string(),
                                )])],
                            });
                        }
                        ops.push(Op::EndTextSection);
                    }
                    Item::Line { points, style } => {
                        ops.push(Op::SaveGraphicsState);
                        push_line_style(&mut ops, style);
                        ops.push(Op::DrawLine {
                            line: Line {
                                points: points
                                    .iter()
                                    .map(|&(px, py)| LinePoint {
                                        p: point(px, h - py),
                                        bezier: false,
                                    })
                                    .collect(),
                                is_closed: false,
                            },
                        });
                        ops.push(Op::RestoreGraphicsState);
                    }
                    Item::Rect {
                        x,
                        y,
                        w,
                        h: rh,
                        fill,
                        stroke,
                    } => {
                        ops.push(Op::SaveGraphicsState);
                        if let Some(f) = fill {
                            ops.push(Op::SetFillColor { col: f.pdf() });
                        }
                        if let Some(s) = stroke {
                            push_line_style(&mut ops, s);
                        }
                        let mode = match (fill, stroke) {
                            (Some(_), Some(_)) => PaintMode::FillStroke,
                            (Some(_), None) => PaintMode::Fill,
                            _ => PaintMode::Stroke,
                        };
                        let mut r = Rect::from_xywh(
                            Pt(mm_to_pt(*x)),
                            Pt(mm_to_pt(h - y - rh)),
                            Pt(mm_to_pt(*w)),
                            Pt(mm_to_pt(*rh)),
                        );
                        r.mode = Some(mode);
                        ops.push(Op::DrawRectangle { rectangle: r });
                        ops.push(Op::RestoreGraphicsState);
                    }
                    Item::Image {
                        image,
                        x,
                        y,
                        w,
                        h: ih,
                    } => {
                        let pw = self.images[*image].width;
                        let dpi = pw as f32 * 25.4 / w;
                        ops.push(Op::UseXobject {
                            id: image_ids[*image].clone(),
                            transform: XObjectTransform {
                                translate_x: Some(Pt(mm_to_pt(*x))),
                                translate_y: Some(Pt(mm_to_pt(h - y - ih))),
                                dpi: Some(dpi),
                                ..Default::default()
                            },
                        });
                    }
                }
            }
            pdf_pages.push(PdfPage::new(
                printpdf::Mm(page.width),
                printpdf::Mm(page.height),
                ops,
            ));
        }
        doc.with_pages(pdf_pages);
        let mut warnings = Vec::new();
        let opts = PdfSaveOptions {
            subset_fonts: true,
            // Seals stay lossless and are never resized or re-encoded as JPEG: printpdf
            // writes their pixels as they are and `write_compressed` deflates them (its
            // own Flate runs at the slowest level, a third of a sealed notice's time).
            image_optimization: None,
            ..PdfSaveOptions::default()
        };
        let lo = printpdf::serialize::to_lopdf_doc(
            &doc,
            &PdfSaveOptions {
                optimize: false,
                ..opts
            },
            &mut warnings,
        );
        if let Some(w) = warnings.iter().find(|w| {
            let s = format!("{w:?}");
            s.contains("Failed to subset") || s.contains("Failed to parse subset")
        }) {
            return Err(DocError::internal(format!("字体子集化失败：{w:?}")));
        }
        let programs = shared.map(|s| s.programs()).unwrap_or_default();
        let bytes = write_compressed(lo, &programs)?;
        Ok(bytes)
    }
}

/// Writes the document with every compressible stream deflated at level 3: printpdf
/// always uses level 9, which costs several milliseconds on the CJK font subsets
/// (whose global subroutines are kept whole) for under 1 % of size. A stream equal
/// to one of `done` (a batch's shared font programs: raw, deflated) takes its
/// deflated bytes without deflating it again.
fn write_compressed(mut lo: lopdf::Document, done: &[(&[u8], &[u8])]) -> DocResult<Vec<u8>> {
    for object in lo.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object {
            if let Some((_, deflated)) = done
                .iter()
                .find(|(raw, _)| raw.len() == stream.content.len() && *raw == stream.content)
            {
                if stream.dict.get(b"Filter").is_err() {
                    stream.dict.set("Filter", "FlateDecode");
                    stream.set_content(deflated.to_vec());
                }
                continue;
            }
            // printpdf marks the image streams it left raw as not to be compressed.
            let image = stream
                .dict
                .get(b"Subtype")
                .is_ok_and(|t| matches!(t, lopdf::Object::Name(n) if n == b"Image"));
            if !(stream.allows_compression || image) || stream.dict.get(b"Filter").is_ok() {
                continue;
            }
            if let Some(compressed) = deflate_if_smaller(&stream.content) {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(compressed);
            }
        }
    }
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| DocError::internal(format!("PDF 文件写入失败：{e}")))?;
    Ok(out)
}

/// `bytes` deflated at level 3 (see [`write_compressed`]), when that makes them
/// smaller by more than the filter entry costs.
pub(crate) fn deflate_if_smaller(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(3));
    enc.write_all(bytes).ok()?;
    let compressed = enc.finish().ok()?;
    (compressed.len() + 19 < bytes.len()).then_some(compressed)
}

fn point(x_mm: f32, y_mm_from_bottom: f32) -> Point {
    Point {
        x: Pt(mm_to_pt(x_mm)),
        y: Pt(mm_to_pt(y_mm_from_bottom)),
    }
}

fn push_line_style(ops: &mut Vec<Op>, style: &LineStyle) {
    ops.push(Op::SetOutlineColor {
        col: style.color.pdf(),
    });
    ops.push(Op::SetOutlineThickness {
        pt: Pt(mm_to_pt(style.width_mm)),
    });
    if let Some((d, g)) = style.dash {
        ops.push(Op::SetLineDashPattern {
            dash: LineDashPattern::new(0.0, &[mm_to_pt(d), mm_to_pt(g)]),
        });
    }
}

/// An image ready to be placed in any document: its PDF image object (colour
/// and, for a PNG with transparency, the soft mask) built and deflated once.
#[derive(Debug)]
pub(crate) struct PreparedImage {
    xobject: ExternalXObject,
    /// Size in pixels.
    width: u32,
    height: u32,
}

/// The last image prepared, by hash and length of its bytes: a batch places the
/// same seal on every document, and decoding the PNG, splitting off its
/// transparency and deflating both for each document is wasted work.
static LAST_PREPARED: std::sync::Mutex<Option<(ImageKey, Arc<PreparedImage>)>> =
    std::sync::Mutex::new(None);

/// Hash and length of an image's source bytes.
type ImageKey = (u64, usize);

fn prepare_image_cached(bytes: &[u8], key: ImageKey) -> DocResult<Arc<PreparedImage>> {
    if let Ok(last) = LAST_PREPARED.lock() {
        if let Some((k, prepared)) = last.as_ref() {
            if *k == key {
                return Ok(prepared.clone());
            }
        }
    }
    let prepared = Arc::new(prepare_image(&decode_raw_image(bytes)?)?);
    if let Ok(mut last) = LAST_PREPARED.lock() {
        *last = Some((key, prepared.clone()));
    }
    Ok(prepared)
}

/// Builds the image's PDF objects exactly as printpdf writes them (colour
/// samples, soft mask from the alpha channel), through printpdf itself on a
/// one-page scratch document, then deflates the colour samples as
/// [`write_compressed`] would.
fn prepare_image(raw: &RawImage) -> DocResult<PreparedImage> {
    use printpdf::xobject::{DictItem, ExternalStream};
    let failed = || DocError::internal("印章或签名图片无法写入PDF");
    let mut doc = PdfDocument::new("image");
    let id = doc.add_image(raw);
    doc.with_pages(vec![PdfPage::new(
        printpdf::Mm(10.0),
        printpdf::Mm(10.0),
        vec![Op::UseXobject {
            id,
            transform: XObjectTransform::default(),
        }],
    )]);
    let opts = PdfSaveOptions {
        optimize: false,
        image_optimization: None,
        ..PdfSaveOptions::default()
    };
    let lo = printpdf::serialize::to_lopdf_doc(&doc, &opts, &mut Vec::new());
    // The image is the Image stream that is not another's soft mask.
    let is_image = |s: &lopdf::Stream| {
        s.dict
            .get(b"Subtype")
            .is_ok_and(|t| matches!(t, lopdf::Object::Name(n) if n == b"Image"))
    };
    let masks: Vec<lopdf::ObjectId> = lo
        .objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter_map(|s| s.dict.get(b"SMask").and_then(|m| m.as_reference()).ok())
        .collect();
    let image = lo
        .objects
        .iter()
        .find_map(|(id, o)| match o {
            lopdf::Object::Stream(s) if is_image(s) && !masks.contains(id) => Some(s.clone()),
            _ => None,
        })
        .ok_or_else(failed)?;
    fn item(lo: &lopdf::Document, o: &lopdf::Object) -> Option<DictItem> {
        use lopdf::Object as O;
        Some(match o {
            O::Null => DictItem::Null,
            O::Boolean(b) => DictItem::Bool(*b),
            O::Integer(i) => DictItem::Int(*i),
            O::Real(r) => DictItem::Real(*r),
            O::Name(n) => DictItem::Name(n.clone()),
            O::String(s, f) => DictItem::String {
                data: s.clone(),
                literal: matches!(f, lopdf::StringFormat::Literal),
            },
            O::Array(a) => DictItem::Array(a.iter().map(|x| item(lo, x)).collect::<Option<_>>()?),
            O::Dictionary(d) => DictItem::Dict { map: dict(lo, d)? },
            O::Stream(s) => DictItem::Stream {
                stream: ExternalStream {
                    dict: dict(lo, &s.dict)?,
                    content: s.content.clone(),
                    compress: false,
                },
            },
            O::Reference(r) => item(lo, lo.objects.get(r)?)?,
        })
    }
    fn dict(
        lo: &lopdf::Document,
        d: &lopdf::Dictionary,
    ) -> Option<std::collections::BTreeMap<String, DictItem>> {
        d.iter()
            .filter(|(k, _)| k.as_slice() != b"Length")
            .map(|(k, v)| Some((String::from_utf8_lossy(k).into_owned(), item(lo, v)?)))
            .collect()
    }
    let mut map = dict(&lo, &image.dict).ok_or_else(failed)?;
    let mut content = image.content.clone();
    if !map.contains_key("Filter") {
        if let Some(deflated) = deflate_if_smaller(&content) {
            map.insert("Filter".into(), DictItem::Name(b"FlateDecode".to_vec()));
            content = deflated;
        }
    }
    let (width, height) = (raw.width as u32, raw.height as u32);
    Ok(PreparedImage {
        xobject: ExternalXObject {
            stream: ExternalStream {
                dict: map,
                content,
                compress: false,
            },
            width: Some(printpdf::Px(raw.width)),
            height: Some(printpdf::Px(raw.height)),
            dpi: None,
        },
        width,
        height,
    })
}

fn decode_raw_image(bytes: &[u8]) -> DocResult<RawImage> {
    let mut warnings = Vec::new();
    let raw = RawImage::decode_from_bytes(bytes, &mut warnings).map_err(|e| {
        DocError::new(
            DocErrorCode::ImageInvalid,
            format!("印章或签名图片无法读取（请使用 PNG 或 JPEG 图片）：{e}"),
        )
    })?;
    if raw.width == 0 || raw.height == 0 {
        return Err(DocError::new(
            DocErrorCode::ImageInvalid,
            "印章或签名图片是空的",
        ));
    }
    Ok(raw)
}

/// Checks that `bytes` is an image the engine can place (PNG or JPEG) and
/// returns its size in pixels.
pub fn image_size(bytes: &[u8]) -> DocResult<(u32, u32)> {
    let raw = decode_raw_image(bytes)?;
    Ok((raw.width as u32, raw.height as u32))
}
