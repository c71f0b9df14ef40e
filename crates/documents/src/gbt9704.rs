//! GB/T 9704-2012 《党政机关公文格式》 figures, each in one named constant so a
//! figure can be corrected in one place (see `shared/design/official-documents.md`).

/// A4 page.
pub const PAGE_WIDTH_MM: f32 = 210.0;
pub const PAGE_HEIGHT_MM: f32 = 297.0;

/// 天头 (top margin): 37 ± 1 mm.
pub const MARGIN_TOP_MM: f32 = 37.0;
/// 订口 (left margin): 28 ± 1 mm.
pub const MARGIN_LEFT_MM: f32 = 28.0;
/// 版心 (type area), page number not included.
pub const TYPE_WIDTH_MM: f32 = 156.0;
pub const TYPE_HEIGHT_MM: f32 = 225.0;

/// The grid: 22 lines of 28 characters, filling the type area.
pub const LINES_PER_PAGE: usize = 22;
pub const CHARS_PER_LINE: usize = 28;

/// 3号 (body, number, addressees, signature).
pub const SIZE_3HAO_PT: f32 = 16.0;
/// 2号 (title).
pub const SIZE_2HAO_PT: f32 = 22.0;
/// 小2号 (the receipt's title).
pub const SIZE_XIAO2HAO_PT: f32 = 18.0;
/// 4号 (版记, page numbers, the receipt's table).
pub const SIZE_4HAO_PT: f32 = 14.0;
/// 5号 (notes: the verification code caption, the cut-line label).
pub const SIZE_5HAO_PT: f32 = 10.5;

/// The issuing-body heading's top edge is 35 mm below the type area's top.
pub const HEADING_TOP_MM: f32 = 35.0;
/// Largest em of the heading (the standard suggests at most 22 × 15 mm per char).
pub const HEADING_MAX_EM_MM: f32 = 15.0;
/// Share of the type width the heading may take at most.
pub const HEADING_MAX_WIDTH_SHARE: f32 = 0.96;
/// Blank lines between the heading and the document number.
pub const NUMBER_BLANK_LINES: f32 = 2.0;
/// The red separator is 4 mm below the document number.
pub const RED_RULE_BELOW_NUMBER_MM: f32 = 4.0;
/// Thickness of the red separator (not fixed by the standard).
pub const RED_RULE_WIDTH_MM: f32 = 0.6;
/// Blank lines between the red separator and the title.
pub const TITLE_BLANK_LINES: f32 = 2.0;
/// Blank lines between the title and the addressees.
pub const ADDRESSEE_BLANK_LINES: f32 = 1.0;

/// 版记 rules: first and last thick, middle thin.
pub const BANJI_THICK_MM: f32 = 0.35;
pub const BANJI_THIN_MM: f32 = 0.25;

/// Page numbers: the dash line's top 7 mm below the type area.
pub const PAGE_NUMBER_BELOW_MM: f32 = 7.0;

/// Seal diameter (an enterprise's round seal is 40–42 mm).
pub const SEAL_DIAMETER_MM: f32 = 42.0;
/// The date is set four characters in from the right.
pub const DATE_RIGHT_INDENT_CHARS: f32 = 4.0;

/// Share of the em above the baseline for the ideographic em box (most CJK fonts:
/// 0.86–0.88).
pub const ASCENT_EM: f32 = 0.88;

/// Line pitch of the grid (225 / 22 ≈ 10.23 mm ≈ 29 pt).
pub const fn line_pitch_mm() -> f32 {
    TYPE_HEIGHT_MM / LINES_PER_PAGE as f32
}

/// Character cell of the grid (156 / 28 ≈ 5.57 mm).
pub const fn char_cell_mm() -> f32 {
    TYPE_WIDTH_MM / CHARS_PER_LINE as f32
}

pub const fn type_left_mm() -> f32 {
    MARGIN_LEFT_MM
}

pub const fn type_right_mm() -> f32 {
    MARGIN_LEFT_MM + TYPE_WIDTH_MM
}

pub const fn type_top_mm() -> f32 {
    MARGIN_TOP_MM
}

pub const fn type_bottom_mm() -> f32 {
    MARGIN_TOP_MM + TYPE_HEIGHT_MM
}

/// Top of grid line `slot` (0-based) on the page, millimetres from the page top.
pub fn slot_top_mm(slot: f32) -> f32 {
    MARGIN_TOP_MM + slot * line_pitch_mm()
}

/// Baseline that centres an em of `size_pt` vertically in a line box starting at
/// `box_top_mm` and `box_height_mm` high.
pub fn centred_baseline(box_top_mm: f32, box_height_mm: f32, size_pt: f32) -> f32 {
    let em = size_pt * 25.4 / 72.0;
    box_top_mm + (box_height_mm - em) / 2.0 + ASCENT_EM * em
}

/// Baseline of grid line `slot` for text of `size_pt`.
pub fn slot_baseline_mm(slot: f32, size_pt: f32) -> f32 {
    centred_baseline(slot_top_mm(slot), line_pitch_mm(), size_pt)
}

/// Pitch multiplier that puts 28 characters of 3号 in the type width.
pub fn body_pitch() -> f32 {
    char_cell_mm() / (SIZE_3HAO_PT * 25.4 / 72.0)
}
