//! The official document (公文) model and its GB/T 9704 renderer: red issuing-body
//! heading, number, red rule, title, addressees, body on the 22 × 28 grid,
//! attachment note, signature block with optional seal, verification code and QR,
//! 版记, a tear-off receipt (回执) and page numbers.

use serde::{Deserialize, Serialize};

use crate::canvas::{
    layout_paragraph, Align, Canvas, Color, LineStyle, ParagraphStyle, Run, TextLine, TextStyle,
};
use crate::error::{DocError, DocResult};
use crate::fonts::{FontRole, Fonts};
use crate::gbt9704 as g;
use crate::linebreak;
use crate::shared::SharedFonts;
use crate::verify;

/// 紧急程度.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// 特急
    Critical,
    /// 加急
    Urgent,
    /// 平急
    Normal,
}

impl Urgency {
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Critical => "特急",
            Urgency::Urgent => "加急",
            Urgency::Normal => "平急",
        }
    }
    /// Parses 特急 / 加急 / 平急 (or the English names).
    pub fn parse(s: &str) -> Option<Urgency> {
        match s.trim() {
            "特急" | "critical" => Some(Urgency::Critical),
            "加急" | "urgent" => Some(Urgency::Urgent),
            "平急" | "normal" => Some(Urgency::Normal),
            _ => None,
        }
    }
}

/// 发文机关标志: the issuing body and the document kind word, printed in red on one
/// line, e.g. 晋源煤矿党委党建调度室 + 调度令.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IssuerHeading {
    pub issuer: String,
    /// 文件 / 调度令 / 通知单 …
    pub suffix: String,
}

impl IssuerHeading {
    pub fn new(issuer: impl Into<String>, suffix: impl Into<String>) -> Self {
        IssuerHeading {
            issuer: issuer.into(),
            suffix: suffix.into(),
        }
    }
    pub fn text(&self) -> String {
        format!("{}{}", self.issuer.trim(), self.suffix.trim())
    }
}

/// A body paragraph: runs of text, each in its font role. Every paragraph's first
/// line is indented two characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub runs: Vec<Run>,
}

impl Paragraph {
    /// 仿宋 body text.
    pub fn body(text: impl Into<String>) -> Self {
        Paragraph {
            runs: vec![Run::new(FontRole::FangSong, text)],
        }
    }
    /// A first-level heading (一、…), 黑体.
    pub fn heading1(text: impl Into<String>) -> Self {
        Paragraph {
            runs: vec![Run::new(FontRole::HeiTi, text)],
        }
    }
    /// A second-level heading (（一）…), 楷体.
    pub fn heading2(text: impl Into<String>) -> Self {
        Paragraph {
            runs: vec![Run::new(FontRole::KaiTi, text)],
        }
    }
    /// A run-in heading followed by body text on the same paragraph, e.g.
    /// `lead(FontRole::HeiTi, "一、调度事项。", "……")`.
    pub fn lead(role: FontRole, lead: impl Into<String>, rest: impl Into<String>) -> Self {
        Paragraph {
            runs: vec![Run::new(role, lead), Run::new(FontRole::FangSong, rest)],
        }
    }
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// The signature block: issuing body and date (成文日期, `2026年1月5日`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Signature {
    pub issuer: String,
    pub date: String,
}

/// 印发机关 and 印发日期 of the 版记.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PrintedBy {
    pub issuer: String,
    pub date: String,
}

/// One cell pair of the receipt table: a label and a pre-filled value (often empty:
/// the receiving unit writes it by hand).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptField {
    pub label: String,
    #[serde(default)]
    pub value: String,
}

impl ReceiptField {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        ReceiptField {
            label: label.into(),
            value: value.into(),
        }
    }
}

/// One row of the receipt table: one or two fields, `lines` grid lines high
/// (room to write by hand).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptRow {
    pub fields: Vec<ReceiptField>,
    #[serde(default = "one")]
    pub lines: u8,
}

fn one() -> u8 {
    1
}

impl ReceiptRow {
    pub fn one(label: &str, value: &str) -> Self {
        ReceiptRow {
            fields: vec![ReceiptField::new(label, value)],
            lines: 1,
        }
    }
    pub fn two(label1: &str, value1: &str, label2: &str, value2: &str) -> Self {
        ReceiptRow {
            fields: vec![
                ReceiptField::new(label1, value1),
                ReceiptField::new(label2, value2),
            ],
            lines: 1,
        }
    }
    pub fn tall(label: &str, lines: u8) -> Self {
        ReceiptRow {
            fields: vec![ReceiptField::new(label, "")],
            lines: lines.max(1),
        }
    }
}

/// The tear-off receipt (回执) below a dashed cut line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// 回执
    pub title: String,
    pub rows: Vec<ReceiptRow>,
    /// A line under the table, e.g. when and where to return the receipt.
    #[serde(default)]
    pub note: Option<String>,
}

/// A seal or signature image drawn over the signature block.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SealImage {
    /// PNG (with transparency) or JPEG bytes.
    pub bytes: Vec<u8>,
    /// Drawn width in millimetres; `None` for the standard seal size (42 mm).
    pub width_mm: Option<f32>,
}

/// An official document laid out per GB/T 9704.
///
/// Everything but `seal` and `verification` is content: it goes into
/// [`verify::canonical_content`], whose SHA-256 freezes a signed document.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OfficialDocument {
    pub issuer_heading: IssuerHeading,
    /// 发文字号, e.g. 晋党调令〔2026〕7号; `None` for a draft (assigned at signing).
    #[serde(default)]
    pub number: Option<String>,
    /// 签发人: printed right of the number when given.
    #[serde(default)]
    pub signer: Option<String>,
    #[serde(default)]
    pub urgency: Option<Urgency>,
    pub title: String,
    /// 主送机关, e.g. `综采一队党支部`; a full-width colon is added.
    #[serde(default)]
    pub addressees: String,
    pub body: Vec<Paragraph>,
    /// 附件 names, numbered when more than one.
    #[serde(default)]
    pub attachments: Vec<String>,
    pub signature: Signature,
    /// 抄送 (版记).
    #[serde(default)]
    pub copy_to: Option<String>,
    /// 印发机关 and 印发日期 (版记).
    #[serde(default)]
    pub printed_by: Option<PrintedBy>,
    #[serde(default)]
    pub receipt: Option<Receipt>,
    /// Short verification code of a signed document ([`verify::verification_code`]);
    /// printed with a QR code of [`verify::qr_payload`]. `None` for drafts.
    #[serde(default)]
    pub verification: Option<String>,
    /// Seal or signature image (not content, not serialised).
    #[serde(skip)]
    pub seal: Option<SealImage>,
}

impl OfficialDocument {
    /// Canonical content (see [`verify::canonical_content`]).
    pub fn canonical_content(&self) -> String {
        verify::canonical_content(self)
    }
    /// SHA-256 (hex) of the canonical content.
    pub fn content_sha256(&self) -> String {
        verify::sha256_hex(&self.canonical_content())
    }
    /// Sets `verification` from the current content and returns the full hash.
    pub fn seal_content(&mut self) -> String {
        let hash = self.content_sha256();
        self.verification = Some(verify::verification_code(&hash));
        hash
    }
}

/// Renders one document to PDF bytes (A4, fonts embedded and subset).
pub fn render_pdf(doc: &OfficialDocument, fonts: &Fonts) -> DocResult<Vec<u8>> {
    let mut canvas = Canvas::new(fonts, doc.title.clone());
    compose(&mut canvas, doc)?;
    canvas.finish()
}

/// Renders many documents into one PDF (for batch printing): each starts on a new
/// page and has its own page numbers.
pub fn render_pdf_batch(docs: &[OfficialDocument], fonts: &Fonts) -> DocResult<Vec<u8>> {
    let title = docs.first().map(|d| d.title.clone()).unwrap_or_default();
    let mut canvas = Canvas::new(fonts, title);
    for doc in docs {
        compose(&mut canvas, doc)?;
    }
    canvas.finish()
}

/// Renders each document to its own PDF, on all cores. `progress(done, total)` is
/// called after each document (in order of completion, `done` counting up) and
/// returns `false` to cancel: the result is then a `cancelled` error. The first
/// document that fails fails the whole call.
pub fn render_pdf_each(
    docs: &[OfficialDocument],
    fonts: &Fonts,
    progress: &(dyn Fn(usize, usize) -> bool + Sync),
) -> DocResult<Vec<Vec<u8>>> {
    use std::sync::Mutex;
    let laid = LaidOut::new(fonts, docs.len(), &|i| &docs[i]).map_err(|(_, e)| e)?;
    let results: Mutex<Vec<Option<Vec<u8>>>> = Mutex::new(vec![None; docs.len()]);
    let work = |i: usize| -> DocResult<()> {
        let pdf = laid.pdf(i)?;
        results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(pdf);
        Ok(())
    };
    match crate::parallel::for_each_parallel(docs.len(), &work, progress) {
        Err((_, e)) => Err(e),
        Ok(true) => Err(DocError::new(
            crate::error::DocErrorCode::Cancelled,
            "已取消",
        )),
        Ok(false) => Ok(results
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_iter()
            .flatten()
            .collect()),
    }
}

/// Documents laid out ahead of writing, with the font subsets they share: each
/// face is subset once for all of them (see [`SharedFonts`]) instead of once per
/// document.
pub(crate) struct LaidOut<'f> {
    canvases: Vec<std::sync::Mutex<Option<Canvas<'f>>>>,
    shared: SharedFonts,
}

impl<'f> LaidOut<'f> {
    /// Lays out documents `0..n` (`doc(i)`) on all cores and subsets their faces.
    /// A failure names the document's index, when it is one document's.
    pub(crate) fn new<'d>(
        fonts: &'f Fonts,
        n: usize,
        doc: &(dyn Fn(usize) -> &'d OfficialDocument + Sync),
    ) -> Result<LaidOut<'f>, (Option<usize>, DocError)> {
        use std::sync::Mutex;
        let slots: Vec<Mutex<Option<Canvas<'f>>>> = (0..n).map(|_| Mutex::new(None)).collect();
        crate::parallel::for_each_parallel(
            n,
            &|i| {
                let mut canvas = Canvas::new(fonts, doc(i).title.clone());
                compose(&mut canvas, doc(i))?;
                *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(canvas);
                Ok(())
            },
            &|_, _| true,
        )
        .map_err(|(i, e)| (Some(i), e))?;
        let canvases: Vec<Option<Canvas<'f>>> = slots
            .into_iter()
            .map(|c| c.into_inner().unwrap_or_else(|e| e.into_inner()))
            .collect();
        let shared =
            SharedFonts::for_canvases(fonts, canvases.iter().flatten()).map_err(|e| (None, e))?;
        Ok(LaidOut {
            canvases: canvases.into_iter().map(Mutex::new).collect(),
            shared,
        })
    }

    /// The PDF of document `i` (written once: its layout is used up).
    pub(crate) fn pdf(&self, i: usize) -> DocResult<Vec<u8>> {
        let canvas = self.canvases[i]
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .ok_or_else(|| DocError::internal("同一份文件不应写出两次"))?;
        canvas.finish_shared(&self.shared)
    }
}

fn body_style(role: FontRole) -> TextStyle {
    TextStyle::new(role, g::SIZE_3HAO_PT).pitch(g::body_pitch())
}

/// What fills one grid line of the flow.
struct FlowLine {
    line: TextLine,
}

fn validate(doc: &OfficialDocument) -> DocResult<()> {
    if doc.title.trim().is_empty() {
        return Err(DocError::validation("公文标题不能为空"));
    }
    if doc.issuer_heading.text().is_empty() {
        return Err(DocError::validation("发文机关标志不能为空"));
    }
    if doc.signature.issuer.trim().is_empty() || doc.signature.date.trim().is_empty() {
        return Err(DocError::validation("落款的发文机关署名和成文日期不能为空"));
    }
    Ok(())
}

/// Composes one document onto new pages of `canvas`.
pub fn compose(canvas: &mut Canvas, doc: &OfficialDocument) -> DocResult<()> {
    validate(doc)?;
    let fonts = canvas.fonts();
    let pitch = g::line_pitch_mm();
    let cell = g::char_cell_mm();
    let left = g::type_left_mm();
    let right = g::type_right_mm();
    let width = g::TYPE_WIDTH_MM;
    let first_page = canvas.page_count();
    let new_page = |canvas: &mut Canvas| canvas.add_page(g::PAGE_WIDTH_MM, g::PAGE_HEIGHT_MM);
    let page0 = new_page(canvas);

    // ---- 版头 ---------------------------------------------------------------
    if let Some(u) = doc.urgency {
        canvas.text(
            page0,
            left,
            right,
            g::slot_baseline_mm(0.0, g::SIZE_3HAO_PT),
            u.label(),
            body_style(FontRole::HeiTi),
            Align::Left,
        )?;
    }
    // Issuing-body heading: as large as fits one line (≤ 15 mm a character).
    let heading_text = doc.issuer_heading.text();
    let unit = canvas.shape(
        &heading_text,
        TextStyle::new(FontRole::XiaoBiaoSong, 72.0 / 25.4),
    )?;
    let em_mm =
        (width * g::HEADING_MAX_WIDTH_SHARE / unit.width().max(1.0)).min(g::HEADING_MAX_EM_MM);
    let heading_style =
        TextStyle::new(FontRole::XiaoBiaoSong, em_mm * 72.0 / 25.4).color(Color::RED);
    let heading_top = g::type_top_mm() + g::HEADING_TOP_MM;
    canvas.text(
        page0,
        left,
        right,
        heading_top + g::ASCENT_EM * em_mm,
        &heading_text,
        heading_style,
        Align::Center,
    )?;
    let heading_bottom = heading_top + em_mm;

    // Document number (and signer).
    let number_box = heading_bottom + g::NUMBER_BLANK_LINES * pitch;
    let number_base = g::centred_baseline(number_box, pitch, g::SIZE_3HAO_PT);
    let number = doc.number.as_deref().unwrap_or("").trim();
    match doc
        .signer
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(signer) => {
            canvas.text(
                page0,
                left + cell,
                right,
                number_base,
                number,
                body_style(FontRole::FangSong),
                Align::Left,
            )?;
            let name = canvas.shape(signer, body_style(FontRole::KaiTi))?;
            let label = canvas.shape("签发人：", body_style(FontRole::FangSong))?;
            let x_name = right - cell - name.width();
            let x_label = x_name - label.width();
            canvas.draw_line_of_text(page0, x_label, number_base, label);
            canvas.draw_line_of_text(page0, x_name, number_base, name);
        }
        None => {
            canvas.text(
                page0,
                left,
                right,
                number_base,
                number,
                body_style(FontRole::FangSong),
                Align::Center,
            )?;
        }
    }
    let number_bottom = number_base + (1.0 - g::ASCENT_EM) * body_style(FontRole::FangSong).em_mm();
    let rule_y = number_bottom + g::RED_RULE_BELOW_NUMBER_MM;
    canvas.line(
        page0,
        left,
        rule_y,
        right,
        rule_y,
        LineStyle::solid(g::RED_RULE_WIDTH_MM, Color::RED),
    );

    // Title: 2号小标宋, centred, long titles in balanced lines.
    let title_style = TextStyle::new(FontRole::XiaoBiaoSong, g::SIZE_2HAO_PT);
    let title_line = canvas.shape(doc.title.trim(), title_style)?;
    let widths: Vec<f32> = title_line.glyphs.iter().map(|gl| gl.width).collect();
    let title_chars: Vec<char> = title_line.glyphs.iter().map(|gl| gl.ch()).collect();
    let ranges = if title_line.width() <= width + 0.01 {
        std::iter::once(0..title_chars.len()).collect()
    } else {
        balanced_by_widths(&title_chars, &widths, width)
    };
    let mut title_box = rule_y + g::TITLE_BLANK_LINES * pitch;
    for r in &ranges {
        let mut part = TextLine {
            glyphs: title_line.glyphs[r.clone()].to_vec(),
            style: title_style,
        };
        let x0 = part.glyphs.first().map(|gl| gl.x).unwrap_or(0.0);
        part = part.shift(-x0);
        let w = part.width();
        canvas.draw_line_of_text(
            page0,
            left + (width - w) / 2.0,
            g::centred_baseline(title_box, pitch, g::SIZE_2HAO_PT),
            part,
        );
        title_box += pitch;
    }
    // The flow starts on the grid line after one blank line below the title.
    let after_title = title_box + g::ADDRESSEE_BLANK_LINES * pitch - g::type_top_mm();
    let first_slot = ((after_title / pitch) - 0.05).ceil().max(0.0) as usize;

    // ---- flow: addressees, body, attachment note -------------------------------
    let mut flow: Vec<FlowLine> = Vec::new();
    let para = |indent_first: f32, indent_rest: f32, justify: bool| ParagraphStyle {
        text: body_style(FontRole::FangSong),
        width_mm: width,
        first_indent_mm: indent_first,
        rest_indent_mm: indent_rest,
        justify,
    };
    let addressees = doc.addressees.trim();
    if !addressees.is_empty() {
        let mut text = addressees.to_string();
        if !text.ends_with('：') && !text.ends_with(':') {
            text.push('：');
        }
        for line in layout_paragraph(
            fonts,
            &[Run::new(FontRole::FangSong, text)],
            para(0.0, 0.0, true),
        )? {
            flow.push(FlowLine { line });
        }
    }
    for p in &doc.body {
        for line in layout_paragraph(fonts, &p.runs, para(2.0 * cell, 0.0, true))? {
            flow.push(FlowLine { line });
        }
    }
    let attachments: Vec<&str> = doc
        .attachments
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .collect();
    if !attachments.is_empty() {
        flow.push(FlowLine {
            line: TextLine {
                glyphs: Vec::new(),
                style: body_style(FontRole::FangSong),
            },
        });
        let label = canvas.shape("附件：", body_style(FontRole::FangSong))?;
        let label_w = label.width();
        for (i, name) in attachments.iter().enumerate() {
            let name = name.trim_end_matches(['。', '.', '；', ';', '，', ',']);
            let (prefix, body) = if attachments.len() == 1 {
                (String::new(), name.to_string())
            } else {
                (format!("{}.", i + 1), name.to_string())
            };
            let prefix_w = canvas
                .shape(&prefix, body_style(FontRole::FangSong))?
                .width();
            let indent = 2.0 * cell + label_w;
            let lines = layout_paragraph(
                fonts,
                &[Run::new(FontRole::FangSong, format!("{prefix}{body}"))],
                para(indent, indent + prefix_w, true),
            )?;
            for (k, mut line) in lines.into_iter().enumerate() {
                if i == 0 && k == 0 {
                    // "附件：" in front of the first name.
                    let mut lab = label.clone().shift(2.0 * cell);
                    lab.glyphs.extend(line.glyphs);
                    line.glyphs = lab.glyphs;
                }
                flow.push(FlowLine { line });
            }
        }
    }

    // ---- pagination ------------------------------------------------------------
    let lines = g::LINES_PER_PAGE;
    // Place each flow line at (page offset, slot).
    let mut placed: Vec<(usize, usize)> = Vec::with_capacity(flow.len());
    let (mut pg, mut slot) = (0usize, first_slot);
    for _ in &flow {
        if slot >= lines {
            pg += 1;
            slot = 0;
        }
        placed.push((pg, slot));
        slot += 1;
    }
    // Signature block: two blank lines (room for the seal), issuer, date.
    const SIG_SLOTS: usize = 4;
    if slot + SIG_SLOTS > lines {
        // Never leave the signature alone: take the last two lines along.
        let take = placed
            .iter()
            .rev()
            .take_while(|(p, _)| *p == pg)
            .count()
            .min(2);
        let new_pg = pg + 1;
        let n = placed.len();
        for (k, pos) in placed[n - take..].iter_mut().enumerate() {
            *pos = (new_pg, k);
        }
        pg = new_pg;
        slot = take;
    }
    let sig_page = pg;
    let sig_slot = slot; // first of the four
    slot += SIG_SLOTS;

    // 版记 and receipt at the bottom of the last page.
    let banji = banji_lines(canvas, doc)?;
    let receipt_slots = doc.receipt.as_ref().map(receipt_slots).unwrap_or(0);
    let free = lines.saturating_sub(slot);
    enum Tail {
        SamePage,
        BanjiHereReceiptNext,
        NextPage,
    }
    let tail = if free >= banji.len() + receipt_slots {
        Tail::SamePage
    } else if free >= banji.len() {
        Tail::BanjiHereReceiptNext
    } else {
        Tail::NextPage
    };
    let last_pg = match tail {
        Tail::SamePage => pg,
        _ => pg + 1,
    };
    while canvas.page_count() < first_page + last_pg + 1 {
        new_page(canvas);
    }

    // Draw the flow.
    for (fl, &(p, s)) in flow.into_iter().zip(placed.iter()) {
        let base = g::slot_baseline_mm(s as f32, g::SIZE_3HAO_PT);
        canvas.draw_line_of_text(first_page + p, left, base, fl.line);
    }

    // Signature block.
    let sp = first_page + sig_page;
    let name_slot = (sig_slot + 2) as f32;
    let date_slot = (sig_slot + 3) as f32;
    let date = canvas.shape(doc.signature.date.trim(), body_style(FontRole::FangSong))?;
    let date_right = right - g::DATE_RIGHT_INDENT_CHARS * cell;
    let date_w = date.width();
    let date_centre = date_right - date_w / 2.0;
    canvas.draw_line_of_text(
        sp,
        date_right - date_w,
        g::slot_baseline_mm(date_slot, g::SIZE_3HAO_PT),
        date,
    );
    let name = canvas.shape(doc.signature.issuer.trim(), body_style(FontRole::FangSong))?;
    let name_w = name.width();
    let name_x = (date_centre - name_w / 2.0).min(right - name_w).max(left);
    canvas.draw_line_of_text(
        sp,
        name_x,
        g::slot_baseline_mm(name_slot, g::SIZE_3HAO_PT),
        name,
    );
    if let Some(seal) = &doc.seal {
        let d = seal.width_mm.unwrap_or(g::SEAL_DIAMETER_MM);
        // Centre a little above the middle of issuer and date, so both sit in the
        // seal's lower half.
        let centre_y = g::slot_top_mm(date_slot) - 0.35 * pitch;
        canvas.image_centred(sp, &seal.bytes, date_centre, centre_y, d)?;
    }
    // Verification code and QR at the left of the signature block.
    if let Some(code) = doc.verification.as_deref() {
        let qr_size = 20.0;
        let qr_bottom = g::slot_top_mm(date_slot + 1.0) - 1.0;
        let qr_top = qr_bottom - qr_size;
        canvas.qr(sp, &verify::qr_payload(code), left, qr_top, qr_size)?;
        let cap_x = left + qr_size + 3.0;
        let small = TextStyle::new(FontRole::FangSong, g::SIZE_5HAO_PT);
        let cap_em = small.em_mm();
        canvas.text(
            sp,
            cap_x,
            right,
            qr_top + 2.0 + g::ASCENT_EM * cap_em,
            "验证码",
            small,
            Align::Left,
        )?;
        canvas.text(
            sp,
            cap_x,
            right,
            qr_top + 2.0 + cap_em * 1.6 + g::ASCENT_EM * 4.9,
            code,
            TextStyle::new(FontRole::HeiTi, 13.0),
            Align::Left,
        )?;
        // The hint only where it does not run into the issuer's name.
        let hint = canvas.shape(
            "扫码或在党建调度台输入验证码核验",
            TextStyle::new(FontRole::FangSong, 9.0),
        )?;
        if cap_x + hint.width() + 3.0 <= name_x {
            let hint_em = hint.style.em_mm();
            canvas.draw_line_of_text(
                sp,
                cap_x,
                qr_bottom - 0.6 - (1.0 - g::ASCENT_EM) * hint_em,
                hint,
            );
        }
    }

    // Tail: 版记 and receipt.
    let bottom_receipt_top = lines - receipt_slots;
    match tail {
        Tail::SamePage => {
            draw_banji(
                canvas,
                first_page + pg,
                &banji,
                bottom_receipt_top - banji.len(),
            )?;
            if let Some(r) = &doc.receipt {
                draw_receipt(
                    canvas,
                    first_page + pg,
                    r,
                    g::type_bottom_mm() - receipt_height(r),
                )?;
            }
        }
        Tail::BanjiHereReceiptNext => {
            draw_banji(canvas, first_page + pg, &banji, lines - banji.len())?;
            if let Some(r) = &doc.receipt {
                draw_receipt(canvas, first_page + pg + 1, r, g::type_top_mm())?;
            }
        }
        Tail::NextPage => {
            draw_banji(
                canvas,
                first_page + pg + 1,
                &banji,
                bottom_receipt_top - banji.len(),
            )?;
            if let Some(r) = &doc.receipt {
                draw_receipt(
                    canvas,
                    first_page + pg + 1,
                    r,
                    g::type_bottom_mm() - receipt_height(r),
                )?;
            }
        }
    }

    // Page numbers: — 1 —, 4号, odd pages right, even pages left, one char in.
    let num_style = TextStyle::new(FontRole::SongTi, g::SIZE_4HAO_PT);
    let num_em = num_style.em_mm();
    let num_base = g::type_bottom_mm() + g::PAGE_NUMBER_BELOW_MM + g::ASCENT_EM * num_em;
    for (i, page) in (first_page..canvas.page_count()).enumerate() {
        let n = i + 1;
        let text = format!("— {n} —");
        let align = if n % 2 == 1 {
            Align::Right
        } else {
            Align::Left
        };
        canvas.text(
            page,
            left + num_em,
            right - num_em,
            num_base,
            &text,
            num_style,
            align,
        )?;
    }
    Ok(())
}

fn balanced_by_widths(chars: &[char], widths: &[f32], max: f32) -> Vec<std::ops::Range<usize>> {
    let map: std::collections::HashMap<char, f32> =
        chars.iter().copied().zip(widths.iter().copied()).collect();
    let text: String = chars.iter().collect();
    linebreak::balanced_title(&text, max, |c| map.get(&c).copied().unwrap_or(0.0))
}

/// The 版记's lines: 抄送 (wrapped, hanging after the label) and 印发.
struct BanjiLine {
    left: Option<TextLine>,
    right: Option<TextLine>,
}

fn banji_lines(canvas: &Canvas, doc: &OfficialDocument) -> DocResult<Vec<BanjiLine>> {
    let style = TextStyle::new(FontRole::FangSong, g::SIZE_4HAO_PT);
    let one = style.em_mm();
    let inner = g::TYPE_WIDTH_MM - 2.0 * one;
    let mut out = Vec::new();
    if let Some(copy) = doc
        .copy_to
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let label = canvas.shape("抄送：", style)?;
        let mut text = copy.to_string();
        if !text.ends_with('。') {
            text.push('。');
        }
        let lines = layout_paragraph(
            canvas.fonts(),
            &[Run::new(FontRole::FangSong, format!("抄送：{text}"))],
            ParagraphStyle {
                text: style,
                width_mm: inner,
                first_indent_mm: 0.0,
                rest_indent_mm: label.width(),
                justify: true,
            },
        )?;
        for l in lines {
            out.push(BanjiLine {
                left: Some(l),
                right: None,
            });
        }
    }
    if let Some(p) = &doc.printed_by {
        out.push(BanjiLine {
            left: Some(canvas.shape(p.issuer.trim(), style)?),
            right: Some(canvas.shape(&format!("{}印发", p.date.trim()), style)?),
        });
    }
    Ok(out)
}

fn draw_banji(
    canvas: &mut Canvas,
    page: usize,
    lines: &[BanjiLine],
    first_slot: usize,
) -> DocResult<()> {
    if lines.is_empty() {
        return Ok(());
    }
    let left = g::type_left_mm();
    let right = g::type_right_mm();
    let one = TextStyle::new(FontRole::FangSong, g::SIZE_4HAO_PT).em_mm();
    let n = lines.len();
    for (i, l) in lines.iter().enumerate() {
        let s = (first_slot + i) as f32;
        let base = g::slot_baseline_mm(s, g::SIZE_4HAO_PT);
        if let Some(t) = &l.left {
            canvas.draw_line_of_text(page, left + one, base, t.clone());
        }
        if let Some(t) = &l.right {
            let w = t.width();
            canvas.draw_line_of_text(page, right - one - w, base, t.clone());
        }
        let top = g::slot_top_mm(s);
        // First rule thick; rules between 抄送 and 印发 thin.
        let is_first = i == 0;
        let width = if is_first {
            g::BANJI_THICK_MM
        } else {
            g::BANJI_THIN_MM
        };
        // Between wrapped 抄送 lines there is no rule.
        let wrapped_copy = i > 0 && lines[i - 1].right.is_none() && l.right.is_none();
        if is_first || !wrapped_copy {
            canvas.line(
                page,
                left,
                top,
                right,
                top,
                LineStyle::solid(width, Color::BLACK),
            );
        }
    }
    let bottom = g::slot_top_mm((first_slot + n) as f32);
    canvas.line(
        page,
        left,
        bottom,
        right,
        bottom,
        LineStyle::solid(g::BANJI_THICK_MM, Color::BLACK),
    );
    Ok(())
}

/// Receipt geometry, millimetres.
const RECEIPT_CUT_MM: f32 = 3.0; // cut line below the receipt's top
const RECEIPT_TITLE_TOP_MM: f32 = 6.0;
const RECEIPT_TITLE_H_MM: f32 = 10.0;
const RECEIPT_ROW_MM: f32 = 9.0; // one handwriting line
const RECEIPT_NOTE_MM: f32 = 7.0;

fn receipt_height(r: &Receipt) -> f32 {
    RECEIPT_TITLE_TOP_MM
        + RECEIPT_TITLE_H_MM
        + r.rows
            .iter()
            .map(|row| row.lines.max(1) as f32 * RECEIPT_ROW_MM)
            .sum::<f32>()
        + if r.note.is_some() {
            RECEIPT_NOTE_MM
        } else {
            0.0
        }
}

fn receipt_slots(r: &Receipt) -> usize {
    (receipt_height(r) / g::line_pitch_mm() - 0.01).ceil() as usize
}

/// Draws the receipt with its top at `top` (millimetres from the page top): the
/// dashed cut line across the sheet, the title, the table, the note.
fn draw_receipt(canvas: &mut Canvas, page: usize, r: &Receipt, top: f32) -> DocResult<()> {
    let left = g::type_left_mm();
    let right = g::type_right_mm();

    // Cut line across the whole sheet, with a label in a gap at the centre.
    let cut_y = top + RECEIPT_CUT_MM;
    let label_style = TextStyle::new(FontRole::FangSong, g::SIZE_5HAO_PT).color(Color::GREY);
    let label = canvas.shape("（沿此虚线剪下）", label_style)?;
    let lw = label.width();
    let mid = left + g::TYPE_WIDTH_MM / 2.0;
    let dashed = LineStyle::dashed(0.3, Color::GREY, 2.0, 1.5);
    canvas.line(page, 8.0, cut_y, mid - lw / 2.0 - 2.0, cut_y, dashed);
    canvas.line(
        page,
        mid + lw / 2.0 + 2.0,
        cut_y,
        g::PAGE_WIDTH_MM - 8.0,
        cut_y,
        dashed,
    );
    let em = label_style.em_mm();
    canvas.draw_line_of_text(
        page,
        mid - lw / 2.0,
        cut_y + em * (g::ASCENT_EM - 0.5),
        label,
    );

    // Title.
    let title_style = TextStyle::new(FontRole::XiaoBiaoSong, g::SIZE_XIAO2HAO_PT);
    let title = spaced_title(&r.title);
    canvas.text(
        page,
        left,
        right,
        g::centred_baseline(
            top + RECEIPT_TITLE_TOP_MM,
            RECEIPT_TITLE_H_MM,
            g::SIZE_XIAO2HAO_PT,
        ),
        &title,
        title_style,
        Align::Center,
    )?;

    // Table.
    let cell_style = TextStyle::new(FontRole::FangSong, g::SIZE_4HAO_PT);
    let label_w = 28.0; // room for five 4号 characters plus padding
    let pad = 2.0;
    let mut y = top + RECEIPT_TITLE_TOP_MM + RECEIPT_TITLE_H_MM;
    let rule = LineStyle::solid(0.3, Color::BLACK);
    for row in &r.rows {
        let h = RECEIPT_ROW_MM * row.lines.max(1) as f32;
        let n = row.fields.len().max(1) as f32;
        let pair_w = g::TYPE_WIDTH_MM / n;
        for (k, f) in row.fields.iter().enumerate() {
            let x0 = left + pair_w * k as f32;
            // Label cell, centred; value cell, left with padding.
            canvas.rect(page, x0, y, label_w, h, None, Some(rule));
            canvas.rect(page, x0 + label_w, y, pair_w - label_w, h, None, Some(rule));
            let base = g::centred_baseline(y, RECEIPT_ROW_MM, g::SIZE_4HAO_PT);
            let label_base = if row.lines > 1 {
                g::centred_baseline(y, h, g::SIZE_4HAO_PT)
            } else {
                base
            };
            fit_text(
                canvas,
                page,
                x0,
                x0 + label_w,
                label_base,
                &f.label,
                cell_style,
                Align::Center,
            )?;
            // Ideographic spaces in a value are handwriting room (　　年　　月　　日).
            let value = f.value.trim_matches(|c: char| c.is_ascii_whitespace());
            if !value.trim().is_empty() {
                fit_text(
                    canvas,
                    page,
                    x0 + label_w + pad,
                    x0 + pair_w - pad,
                    base,
                    value,
                    cell_style,
                    Align::Left,
                )?;
            }
        }
        y += h;
    }
    if let Some(note) = r.note.as_deref() {
        let note_style = TextStyle::new(FontRole::FangSong, 12.0);
        fit_text(
            canvas,
            page,
            left,
            right,
            g::centred_baseline(y, RECEIPT_NOTE_MM, 12.0),
            note.trim(),
            note_style,
            Align::Left,
        )?;
    }
    Ok(())
}

/// Draws one line of text in a box, shrinking the size (down to 9 pt) if needed.
#[allow(clippy::too_many_arguments)]
fn fit_text(
    canvas: &mut Canvas,
    page: usize,
    x0: f32,
    x1: f32,
    baseline: f32,
    text: &str,
    style: TextStyle,
    align: Align,
) -> DocResult<()> {
    let mut s = style;
    let mut line = canvas.shape(text, s)?;
    while line.width() > x1 - x0 && s.size_pt > 9.0 {
        s.size_pt -= 0.5;
        line = canvas.shape(text, s)?;
    }
    // Keep the baseline of the original size's centred position, adjusted for the
    // smaller em so the text stays centred.
    let shift = (style.em_mm() - s.em_mm()) * (g::ASCENT_EM - 0.5);
    let w = line.width();
    let x = match align {
        Align::Left => x0,
        Align::Center => x0 + (x1 - x0 - w) / 2.0,
        Align::Right => x1 - w,
    };
    canvas.draw_line_of_text(page, x, baseline - shift, line);
    Ok(())
}

/// 回执 → 回　执 (short titles are letter-spaced, as on printed forms).
fn spaced_title(t: &str) -> String {
    let t = t.trim();
    let n = t.chars().count();
    if n == 2 {
        t.chars()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join("　")
    } else {
        t.to_string()
    }
}
