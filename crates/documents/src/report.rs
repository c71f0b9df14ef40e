//! Tabular reports on A4 (omission reports, rankings, duty rosters, annual
//! figures, reminder lists): a title block, then headings, paragraphs, key/value
//! lines and tables in order. Table cells wrap with the CJK line breaker; a table
//! that runs over a page repeats its header row; every page carries the issuer,
//! the print date and "第 N 页 共 M 页".
use crate::canvas::{layout_paragraph, Align, Canvas, Color, LineStyle, ParagraphStyle, Run};
use crate::canvas::{TextLine, TextStyle};
use crate::error::{DocError, DocErrorCode, DocResult};
use crate::fonts::{FontRole, Fonts};
use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

#[derive(Debug, Clone)]
pub struct Report {
    /// Big title, e.g. "2026年3月漏项报告".
    pub title: String,
    /// A line under the title, e.g. the unit and period; may be empty.
    pub subtitle: String,
    /// Who compiled it, printed in the footer ("漳村煤矿党委党建调度室").
    pub issuer: String,
    pub printed_on: NaiveDate,
    pub orientation: Orientation,
    pub blocks: Vec<ReportBlock>,
}

#[derive(Debug, Clone)]
pub enum ReportBlock {
    /// A section heading (黑体).
    Heading(String),
    /// Running text (仿宋), wrapped; `\n` starts a new line.
    Paragraph(String),
    /// Label：value lines, e.g. ("统计期间", "2026年3月").
    Facts(Vec<(String, String)>),
    Table(ReportTable),
}

#[derive(Debug, Clone)]
pub struct ReportTable {
    pub columns: Vec<ReportColumn>,
    pub rows: Vec<Vec<String>>,
    /// Printed under the table when it has no rows, e.g. "本期无漏项".
    pub empty_text: String,
}

#[derive(Debug, Clone)]
pub struct ReportColumn {
    pub title: String,
    /// Relative width; the table fills the type area.
    pub weight: f32,
    pub align: Align,
}

impl ReportColumn {
    pub fn new(title: impl Into<String>, weight: f32) -> Self {
        ReportColumn {
            title: title.into(),
            weight,
            align: Align::Left,
        }
    }
    pub fn right(mut self) -> Self {
        self.align = Align::Right;
        self
    }
    pub fn center(mut self) -> Self {
        self.align = Align::Center;
        self
    }
}

const MARGIN_X: f32 = 20.0;
const MARGIN_TOP: f32 = 20.0;
const MARGIN_BOTTOM: f32 = 18.0;
const CELL_PAD: f32 = 1.5;
const BODY_PT: f32 = 10.5;
const CELL_PT: f32 = 9.0;

struct Layout<'a, 'f> {
    c: Canvas<'f>,
    fonts: &'f Fonts,
    report: &'a Report,
    page: usize,
    y: f32,
    width: f32,
    height: f32,
}

impl Layout<'_, '_> {
    fn left(&self) -> f32 {
        MARGIN_X
    }
    fn right(&self) -> f32 {
        self.width - MARGIN_X
    }
    fn bottom(&self) -> f32 {
        self.height - MARGIN_BOTTOM
    }
    fn new_page(&mut self) {
        self.page = self.c.add_page(self.width, self.height);
        self.y = MARGIN_TOP;
    }
    /// Starts a new page unless `needed` millimetres still fit.
    fn ensure(&mut self, needed: f32) -> bool {
        if self.y + needed > self.bottom() && self.y > MARGIN_TOP + 0.1 {
            self.new_page();
            return true;
        }
        false
    }
    fn wrap(&self, text: &str, style: TextStyle, width: f32) -> DocResult<Vec<TextLine>> {
        let role = style.role;
        layout_paragraph(
            self.fonts,
            &[Run::new(role, text)],
            ParagraphStyle {
                text: style,
                width_mm: width.max(style.em_mm()),
                first_indent_mm: 0.0,
                rest_indent_mm: 0.0,
                justify: false,
            },
        )
    }
    fn lines(&mut self, lines: Vec<TextLine>, x: f32, leading: f32) {
        for line in lines {
            self.ensure(leading);
            self.y += leading;
            let baseline = self.y - leading * 0.28;
            self.c.draw_line_of_text(self.page, x, baseline, line);
        }
    }

    fn title_block(&mut self) -> DocResult<()> {
        let (l, r) = (self.left(), self.right());
        self.y += 9.0;
        let title = TextStyle::new(FontRole::XiaoBiaoSong, 18.0);
        for line in self.wrap(&self.report.title, title, r - l)? {
            let dx = (r - l - line.width()) / 2.0;
            self.c.draw_line_of_text(self.page, l + dx, self.y, line);
            self.y += 9.0;
        }
        if !self.report.subtitle.trim().is_empty() {
            let sub = TextStyle::new(FontRole::KaiTi, 12.0);
            self.c.text(
                self.page,
                l,
                r,
                self.y,
                &self.report.subtitle,
                sub,
                Align::Center,
            )?;
            self.y += 6.0;
        }
        self.y += 2.0;
        Ok(())
    }

    fn heading(&mut self, text: &str) -> DocResult<()> {
        let style = TextStyle::new(FontRole::HeiTi, 12.0);
        // Keep a heading with at least a few lines of what follows it.
        self.ensure(20.0);
        self.y += 3.0;
        let lines = self.wrap(text, style, self.right() - self.left())?;
        self.lines(lines, MARGIN_X, 7.0);
        self.y += 1.0;
        Ok(())
    }

    fn paragraph(&mut self, text: &str) -> DocResult<()> {
        let style = TextStyle::new(FontRole::FangSong, BODY_PT);
        let lines = layout_paragraph(
            self.fonts,
            &[Run::new(FontRole::FangSong, text)],
            ParagraphStyle {
                text: style,
                width_mm: self.right() - self.left(),
                first_indent_mm: style.em_mm() * 2.0,
                rest_indent_mm: 0.0,
                justify: true,
            },
        )?;
        self.lines(lines, MARGIN_X, 6.2);
        self.y += 1.5;
        Ok(())
    }

    fn facts(&mut self, facts: &[(String, String)]) -> DocResult<()> {
        let label = TextStyle::new(FontRole::HeiTi, BODY_PT);
        let value = TextStyle::new(FontRole::FangSong, BODY_PT);
        let label_w = facts
            .iter()
            .map(|(k, _)| self.c.shape(&format!("{k}："), label).map(|l| l.width()))
            .collect::<DocResult<Vec<f32>>>()?
            .into_iter()
            .fold(0.0, f32::max);
        for (k, v) in facts {
            let lines = self.wrap(v, value, self.right() - self.left() - label_w)?;
            self.ensure(6.2);
            let head = self.c.shape(&format!("{k}："), label)?;
            self.c
                .draw_line_of_text(self.page, MARGIN_X, self.y + 6.2 * 0.72, head);
            self.lines(lines, MARGIN_X + label_w, 6.2);
        }
        self.y += 1.5;
        Ok(())
    }

    fn table(&mut self, table: &ReportTable) -> DocResult<()> {
        let n = table.columns.len();
        if n == 0 {
            return Err(DocError::new(DocErrorCode::Validation, "报表的表格没有列"));
        }
        if let Some(i) = table.rows.iter().position(|r| r.len() != n) {
            return Err(DocError::new(
                DocErrorCode::Validation,
                format!("报表表格第{}行的列数与表头不符", i + 1),
            ));
        }
        let total: f32 = table.columns.iter().map(|c| c.weight.max(0.1)).sum();
        let avail = self.right() - self.left();
        let mut xs = vec![self.left()];
        for c in &table.columns {
            let w = avail * c.weight.max(0.1) / total;
            xs.push(xs.last().unwrap() + w);
        }
        let head_style = TextStyle::new(FontRole::HeiTi, CELL_PT);
        let cell_style = TextStyle::new(FontRole::FangSong, CELL_PT);
        let leading = 4.6;
        let shape_row = |this: &Self, cells: Vec<&str>, style| -> DocResult<Vec<Vec<TextLine>>> {
            cells
                .iter()
                .enumerate()
                .map(|(i, t)| this.wrap(t, style, xs[i + 1] - xs[i] - 2.0 * CELL_PAD))
                .collect()
        };
        let header = shape_row(
            self,
            table.columns.iter().map(|c| c.title.as_str()).collect(),
            head_style,
        )?;
        let row_h = |cells: &[Vec<TextLine>]| {
            cells.iter().map(|l| l.len().max(1)).max().unwrap_or(1) as f32 * leading
                + 2.0 * CELL_PAD
        };
        let header_h = row_h(&header);
        let grid = LineStyle::solid(0.2, Color::BLACK);
        let shade = Color {
            r: 0.91,
            g: 0.91,
            b: 0.91,
        };
        let draw_row = |this: &mut Self,
                        cells: &[Vec<TextLine>],
                        h: f32,
                        fill: Option<Color>,
                        centre: bool| {
            let top = this.y;
            for (i, lines) in cells.iter().enumerate() {
                let (x0, x1) = (xs[i], xs[i + 1]);
                this.c
                    .rect(this.page, x0, top, x1 - x0, h, fill, Some(grid));
                for (k, line) in lines.iter().enumerate() {
                    let w = line.width();
                    let inner = x1 - x0 - 2.0 * CELL_PAD;
                    let align = if centre {
                        Align::Center
                    } else {
                        table.columns[i].align
                    };
                    let dx = match align {
                        Align::Left => 0.0,
                        Align::Center => (inner - w) / 2.0,
                        Align::Right => inner - w,
                    };
                    let baseline = top + CELL_PAD + (k as f32 + 1.0) * leading - leading * 0.25;
                    this.c.draw_line_of_text(
                        this.page,
                        x0 + CELL_PAD + dx.max(0.0),
                        baseline,
                        line.clone(),
                    );
                }
            }
            this.y += h;
        };
        self.ensure(header_h + leading + 2.0 * CELL_PAD);
        draw_row(self, &header, header_h, Some(shade), true);
        for row in &table.rows {
            let cells = shape_row(self, row.iter().map(String::as_str).collect(), cell_style)?;
            let h = row_h(&cells);
            if h > self.bottom() - MARGIN_TOP - header_h {
                return Err(DocError::new(
                    DocErrorCode::Validation,
                    "报表中有一格文字过长，一页放不下，请缩短后再打印",
                ));
            }
            if self.ensure(h) {
                draw_row(self, &header, header_h, Some(shade), true);
            }
            draw_row(self, &cells, h, None, false);
        }
        if table.rows.is_empty() && !table.empty_text.is_empty() {
            let lines = self.wrap(&table.empty_text, cell_style, avail)?;
            self.lines(lines, MARGIN_X + CELL_PAD, 6.0);
        }
        self.y += 4.0;
        Ok(())
    }

    fn footers(&mut self) -> DocResult<()> {
        let total = self.c.page_count();
        let small = TextStyle::new(FontRole::SongTi, 8.0).color(Color::GREY);
        let d = self.report.printed_on;
        let left_text = format!(
            "{}　打印日期：{}年{}月{}日",
            self.report.issuer,
            d.year(),
            d.month(),
            d.day()
        );
        let baseline = self.height - MARGIN_BOTTOM + 9.0;
        let (l, r) = (self.left(), self.right());
        for p in 0..total {
            self.c.line(
                p,
                l,
                baseline - 4.0,
                r,
                baseline - 4.0,
                LineStyle::solid(0.15, Color::GREY),
            );
            self.c
                .text(p, l, r, baseline, &left_text, small, Align::Left)?;
            let page_text = format!("第 {} 页 共 {} 页", p + 1, total);
            self.c
                .text(p, l, r, baseline, &page_text, small, Align::Right)?;
        }
        Ok(())
    }
}

/// Lays out and renders `report` to PDF bytes (fonts embedded and subset).
pub fn render_report(report: &Report, fonts: &Fonts) -> DocResult<Vec<u8>> {
    if report.title.trim().is_empty() {
        return Err(DocError::new(DocErrorCode::Validation, "报表缺少标题"));
    }
    let (width, height) = match report.orientation {
        Orientation::Portrait => (210.0, 297.0),
        Orientation::Landscape => (297.0, 210.0),
    };
    let mut l = Layout {
        c: Canvas::new(fonts, report.title.clone()),
        fonts,
        report,
        page: 0,
        y: MARGIN_TOP,
        width,
        height,
    };
    l.new_page();
    l.title_block()?;
    for block in &report.blocks {
        match block {
            ReportBlock::Heading(t) => l.heading(t)?,
            ReportBlock::Paragraph(t) => l.paragraph(t)?,
            ReportBlock::Facts(f) => l.facts(f)?,
            ReportBlock::Table(t) => l.table(t)?,
        }
    }
    l.footers()?;
    l.c.finish()
}
