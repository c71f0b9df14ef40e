//! The network progress chart (网络推进图) on paper: A3 or A4 landscape,
//! split across pages in both directions, with the task columns and the time
//! scale repeated on every page, a legend, the plan title and the print date.
use crate::canvas::{Align, Canvas, Color, LineStyle, TextStyle};
use crate::error::{DocError, DocErrorCode, DocResult};
use crate::fonts::{FontRole, Fonts};
use chrono::{Datelike, Duration, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A3,
    A4,
}

impl Paper {
    pub fn parse(s: &str) -> Option<Paper> {
        match s.trim().to_ascii_uppercase().as_str() {
            "A3" => Some(Paper::A3),
            "A4" => Some(Paper::A4),
            _ => None,
        }
    }
    /// Landscape width and height in millimetres.
    fn size(self) -> (f32, f32) {
        match self {
            Paper::A3 => (420.0, 297.0),
            Paper::A4 => (297.0, 210.0),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zoom {
    Day,
    Week,
    Dekad,
    Month,
    Quarter,
    Year,
}

impl Zoom {
    pub fn parse(s: &str) -> Option<Zoom> {
        Some(match s.trim() {
            "day" | "日" => Zoom::Day,
            "week" | "周" => Zoom::Week,
            "dekad" | "旬" => Zoom::Dekad,
            "month" | "月" => Zoom::Month,
            "quarter" | "季" => Zoom::Quarter,
            "year" | "年" => Zoom::Year,
            _ => return None,
        })
    }
    pub fn label(self) -> &'static str {
        match self {
            Zoom::Day => "日",
            Zoom::Week => "周",
            Zoom::Dekad => "旬",
            Zoom::Month => "月",
            Zoom::Quarter => "季",
            Zoom::Year => "年",
        }
    }
    /// Millimetres per calendar day.
    fn mm_per_day(self) -> f32 {
        match self {
            Zoom::Day => 5.0,
            Zoom::Week => 1.6,
            Zoom::Dekad => 0.8,
            Zoom::Month => 0.35,
            Zoom::Quarter => 0.13,
            Zoom::Year => 0.045,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ChartRow {
    pub outline: String,
    pub name: String,
    pub unit: String,
    pub depth: usize,
    pub stage: bool,
    pub milestone: bool,
    pub start: NaiveDate,
    pub finish: NaiveDate,
    pub deadline: Option<NaiveDate>,
    pub progress: i64,
    /// none, due_soon, overdue or done.
    pub due_state: String,
    pub critical: bool,
}

#[derive(Debug, Clone)]
pub struct ChartLinkRow {
    pub pred: usize,
    pub succ: usize,
    /// FS, SS, FF or SF.
    pub kind: String,
}

#[derive(Debug, Clone)]
pub struct ChartPrint {
    pub title: String,
    pub paper: Paper,
    pub zoom: Zoom,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub today: NaiveDate,
    pub rows: Vec<ChartRow>,
    pub links: Vec<ChartLinkRow>,
    /// Days off inside [from, to] (weekends, holidays, the mine's own days).
    pub days_off: Vec<NaiveDate>,
    pub show_critical: bool,
}

const MARGIN: f32 = 10.0;
const HEADER: f32 = 16.0;
const FOOTER: f32 = 10.0;
const SCALE_H: f32 = 10.0;
const ROW_H: f32 = 6.0;

fn rgb(r: u8, g: u8, b: u8) -> Color {
    Color {
        r: r as f32 / 255.0,
        g: g as f32 / 255.0,
        b: b as f32 / 255.0,
    }
}

fn bar_colour(row: &ChartRow) -> Color {
    match row.due_state.as_str() {
        "done" => rgb(76, 154, 92),
        "overdue" => rgb(200, 50, 45),
        "due_soon" => rgb(222, 160, 40),
        _ if row.progress > 0 => rgb(52, 110, 190),
        _ => rgb(120, 150, 190),
    }
}

struct Columns {
    outline: f32,
    name: f32,
    unit: f32,
    deadline: f32,
}

impl Columns {
    fn for_paper(p: Paper) -> Columns {
        match p {
            Paper::A3 => Columns {
                outline: 14.0,
                name: 78.0,
                unit: 32.0,
                deadline: 20.0,
            },
            Paper::A4 => Columns {
                outline: 12.0,
                name: 56.0,
                unit: 26.0,
                deadline: 18.0,
            },
        }
    }
    fn width(&self) -> f32 {
        self.outline + self.name + self.unit + self.deadline
    }
}

/// Shortens `text` with an ellipsis until it fits `width` mm.
fn fit(c: &Canvas<'_>, text: &str, style: TextStyle, width: f32) -> DocResult<String> {
    if c.shape(text, style)?.width() <= width {
        return Ok(text.to_string());
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let t: String = chars.iter().collect::<String>() + "…";
        if c.shape(&t, style)?.width() <= width {
            return Ok(t);
        }
    }
    Ok(String::new())
}

fn md(d: NaiveDate) -> String {
    format!("{}/{}", d.month(), d.day())
}

/// Labelled positions on one tier of the time scale.
type Ticks = Vec<(NaiveDate, String)>;

/// Ticks of the two-tier scale inside [from, to]: (date, label) for the
/// upper tier and the lower tier.
fn ticks(zoom: Zoom, from: NaiveDate, to: NaiveDate) -> (Ticks, Ticks) {
    let mut upper = Vec::new();
    let mut lower = Vec::new();
    let mut d = from;
    while d <= to {
        let first_of_month = d.day() == 1 || d == from;
        let first_of_year = (d.month() == 1 && d.day() == 1) || d == from;
        match zoom {
            Zoom::Day | Zoom::Week | Zoom::Dekad => {
                if first_of_month {
                    upper.push((d, format!("{}年{}月", d.year(), d.month())));
                }
            }
            Zoom::Month | Zoom::Quarter | Zoom::Year => {
                if first_of_year {
                    upper.push((d, format!("{}年", d.year())));
                }
            }
        }
        match zoom {
            Zoom::Day => lower.push((d, d.day().to_string())),
            Zoom::Week if d.weekday().num_days_from_monday() == 0 || d == from => {
                lower.push((d, md(d)))
            }
            Zoom::Dekad if matches!(d.day(), 1 | 11 | 21) || d == from => {
                let part = match d.day() {
                    1..=10 => "上旬",
                    11..=20 => "中旬",
                    _ => "下旬",
                };
                lower.push((d, part.into()));
            }
            Zoom::Month if d.day() == 1 || d == from => lower.push((d, format!("{}月", d.month()))),
            Zoom::Quarter if (d.day() == 1 && matches!(d.month(), 1 | 4 | 7 | 10)) || d == from => {
                lower.push((d, format!("{}季度", (d.month() - 1) / 3 + 1)))
            }
            Zoom::Year if first_of_year => lower.push((d, format!("{}", d.year()))),
            _ => {}
        }
        d += Duration::days(1);
    }
    (upper, lower)
}

/// Renders the chart; fails with a clear message on an empty or reversed range.
pub fn render_chart_pdf(chart: &ChartPrint, fonts: &Fonts) -> DocResult<Vec<u8>> {
    if chart.to < chart.from {
        return Err(DocError::new(
            DocErrorCode::Validation,
            "打印的结束日期不能早于开始日期",
        ));
    }
    if (chart.to - chart.from).num_days() > 366 * 20 {
        return Err(DocError::new(
            DocErrorCode::Validation,
            "打印的日期范围过长（最多20年）",
        ));
    }
    let (pw, ph) = chart.paper.size();
    let cols = Columns::for_paper(chart.paper);
    let left = MARGIN + cols.width();
    let time_w = pw - MARGIN - left;
    let per_day = chart.zoom.mm_per_day();
    let days_per_page = ((time_w / per_day).floor() as i64).max(1);
    let total_days = (chart.to - chart.from).num_days() + 1;
    let h_pages = ((total_days + days_per_page - 1) / days_per_page).max(1) as usize;
    let body_top = MARGIN + HEADER + SCALE_H;
    let rows_per_page = (((ph - MARGIN - FOOTER - body_top) / ROW_H).floor() as usize).max(1);
    let v_pages = chart.rows.len().div_ceil(rows_per_page).max(1);
    let total_pages = h_pages * v_pages;
    let off: std::collections::HashSet<NaiveDate> = chart.days_off.iter().copied().collect();
    let grid = LineStyle::solid(0.1, rgb(200, 200, 200));
    let frame = LineStyle::solid(0.25, rgb(90, 90, 90));
    let small = TextStyle::new(FontRole::HeiTi, 7.0);
    let cell = TextStyle::new(FontRole::FangSong, 8.0);
    let bold = TextStyle::new(FontRole::HeiTi, 8.0);
    let mut c = Canvas::new(fonts, chart.title.clone());
    let printed = chart.today;
    let mut page_no = 0;
    for v in 0..v_pages {
        let rows = &chart.rows[(v * rows_per_page).min(chart.rows.len())
            ..((v + 1) * rows_per_page).min(chart.rows.len())];
        let first_row = v * rows_per_page;
        for h in 0..h_pages {
            page_no += 1;
            let from = chart.from + Duration::days(h as i64 * days_per_page);
            let to = (from + Duration::days(days_per_page - 1)).min(chart.to);
            let x_of = |d: NaiveDate| left + (d - from).num_days() as f32 * per_day;
            let p = c.add_page(pw, ph);
            // Header: title, range, zoom, print date.
            c.text(
                p,
                MARGIN,
                pw - MARGIN,
                MARGIN + 7.0,
                &chart.title,
                TextStyle::new(FontRole::XiaoBiaoSong, 15.0),
                Align::Center,
            )?;
            let sub = format!(
                "网络推进图　打印范围：{} 至 {}　比例：{}　打印日期：{}年{}月{}日",
                chart.from,
                chart.to,
                chart.zoom.label(),
                printed.year(),
                printed.month(),
                printed.day()
            );
            c.text(
                p,
                MARGIN,
                pw - MARGIN,
                MARGIN + 13.0,
                &sub,
                TextStyle::new(FontRole::FangSong, 8.5),
                Align::Center,
            )?;
            // Column headers.
            let st = MARGIN + HEADER;
            c.rect(
                p,
                MARGIN,
                st,
                pw - 2.0 * MARGIN,
                SCALE_H,
                Some(rgb(238, 241, 246)),
                Some(frame),
            );
            let mut x = MARGIN;
            for (w, label) in [
                (cols.outline, "编号"),
                (cols.name, "任务名称"),
                (cols.unit, "责任单位"),
                (cols.deadline, "完成时限"),
            ] {
                c.text(
                    p,
                    x + 1.0,
                    x + w - 1.0,
                    st + 6.5,
                    label,
                    bold,
                    Align::Center,
                )?;
                x += w;
                c.line(p, x, st, x, body_top + rows.len() as f32 * ROW_H, frame);
            }
            // Time scale: two tiers.
            let (upper, lower) = ticks(chart.zoom, from, to);
            c.line(
                p,
                left,
                st + SCALE_H / 2.0,
                pw - MARGIN,
                st + SCALE_H / 2.0,
                grid,
            );
            for (i, (d, label)) in upper.iter().enumerate() {
                let x0 = x_of(*d);
                let x1 = upper
                    .get(i + 1)
                    .map(|n| x_of(n.0))
                    .unwrap_or(x_of(to) + per_day);
                c.line(p, x0, st, x0, st + SCALE_H / 2.0, grid);
                if x1 - x0 > 8.0 {
                    c.text(p, x0 + 0.5, x1 - 0.5, st + 3.7, label, small, Align::Center)?;
                }
            }
            for (i, (d, label)) in lower.iter().enumerate() {
                let x0 = x_of(*d);
                let x1 = lower
                    .get(i + 1)
                    .map(|n| x_of(n.0))
                    .unwrap_or(x_of(to) + per_day);
                c.line(
                    p,
                    x0,
                    st + SCALE_H / 2.0,
                    x0,
                    body_top + rows.len() as f32 * ROW_H,
                    grid,
                );
                if x1 - x0 > 3.2 {
                    c.text(
                        p,
                        x0,
                        x1,
                        st + 8.7,
                        label,
                        TextStyle::new(FontRole::FangSong, 6.5),
                        Align::Center,
                    )?;
                }
            }
            // Days off shaded where a day is wide enough to see.
            if per_day >= 1.0 {
                let mut d = from;
                while d <= to {
                    if off.contains(&d) {
                        c.rect(
                            p,
                            x_of(d),
                            body_top,
                            per_day,
                            rows.len() as f32 * ROW_H,
                            Some(rgb(242, 242, 242)),
                            None,
                        );
                    }
                    d += Duration::days(1);
                }
            }
            // Rows: table cells and bars.
            for (i, r) in rows.iter().enumerate() {
                let y = body_top + i as f32 * ROW_H;
                let base = y + 4.3;
                let style = if r.stage { bold } else { cell };
                c.line(p, MARGIN, y + ROW_H, pw - MARGIN, y + ROW_H, grid);
                c.text(
                    p,
                    MARGIN + 1.0,
                    MARGIN + cols.outline - 1.0,
                    base,
                    &r.outline,
                    style,
                    Align::Left,
                )?;
                let indent = 1.0 + r.depth as f32 * 2.5;
                let nx = MARGIN + cols.outline;
                let name = fit(&c, &r.name, style, cols.name - indent - 1.0)?;
                c.text(
                    p,
                    nx + indent,
                    nx + cols.name - 1.0,
                    base,
                    &name,
                    style,
                    Align::Left,
                )?;
                let ux = nx + cols.name;
                let unit = fit(&c, &r.unit, cell, cols.unit - 2.0)?;
                c.text(
                    p,
                    ux + 1.0,
                    ux + cols.unit - 1.0,
                    base,
                    &unit,
                    cell,
                    Align::Left,
                )?;
                let dx = ux + cols.unit;
                if let Some(dl) = r.deadline {
                    c.text(
                        p,
                        dx + 1.0,
                        dx + cols.deadline - 1.0,
                        base,
                        &dl.format("%Y-%m-%d").to_string(),
                        TextStyle::new(FontRole::FangSong, 6.8),
                        Align::Center,
                    )?;
                }
                if r.finish < from || r.start > to {
                    continue;
                }
                let x0 = x_of(r.start.max(from));
                let x1 = x_of(r.finish.min(to)) + per_day;
                let cy = y + ROW_H / 2.0;
                if r.milestone {
                    let mx = x_of(r.start) + per_day / 2.0;
                    let s: f32 = 1.8;
                    let col = if r.critical && chart.show_critical {
                        rgb(200, 50, 45)
                    } else {
                        rgb(40, 40, 40)
                    };
                    let mut k = -s;
                    while k <= s {
                        let half = s - k.abs();
                        c.line(
                            p,
                            mx - half,
                            cy + k,
                            mx + half,
                            cy + k,
                            LineStyle::solid(0.3, col),
                        );
                        k += 0.25;
                    }
                } else if r.stage {
                    c.rect(
                        p,
                        x0,
                        cy - 1.0,
                        (x1 - x0).max(0.6),
                        2.0,
                        Some(rgb(60, 60, 70)),
                        None,
                    );
                } else {
                    let w = (x1 - x0).max(0.6);
                    let stroke = (r.critical && chart.show_critical)
                        .then(|| LineStyle::solid(0.45, rgb(200, 50, 45)));
                    c.rect(p, x0, cy - 1.6, w, 3.2, Some(bar_colour(r)), stroke);
                    if r.progress > 0 && r.due_state != "done" {
                        let full = x_of(r.finish) + per_day - x_of(r.start);
                        let pw_ =
                            (full * r.progress as f32 / 100.0 - (x0 - x_of(r.start))).clamp(0.0, w);
                        c.rect(p, x0, cy - 0.5, pw_, 1.0, Some(rgb(20, 40, 80)), None);
                    }
                }
                if let Some(dl) = r.deadline.filter(|d| *d >= from && *d <= to) {
                    let dxl = x_of(dl) + per_day;
                    c.line(
                        p,
                        dxl,
                        y + 0.8,
                        dxl,
                        y + ROW_H - 0.8,
                        LineStyle::solid(0.35, rgb(200, 50, 45)),
                    );
                }
            }
            // Links between rows on this page whose ends are in this slice.
            for l in &chart.links {
                let (Some(pi), Some(si)) =
                    (l.pred.checked_sub(first_row), l.succ.checked_sub(first_row))
                else {
                    continue;
                };
                if pi >= rows.len() || si >= rows.len() {
                    continue;
                }
                let (pr, sr) = (&rows[pi], &rows[si]);
                let from_x = match l.kind.as_str() {
                    "SS" | "SF" => x_of(pr.start),
                    _ => x_of(pr.finish) + if pr.milestone { per_day / 2.0 } else { per_day },
                };
                let to_x = match l.kind.as_str() {
                    "FF" | "SF" => x_of(sr.finish) + per_day,
                    _ => {
                        x_of(sr.start)
                            + if sr.milestone {
                                per_day / 2.0 - 1.8
                            } else {
                                0.0
                            }
                    }
                };
                if from_x < left || to_x < left || from_x > pw - MARGIN || to_x > pw - MARGIN {
                    continue;
                }
                let y0 = body_top + pi as f32 * ROW_H + ROW_H / 2.0;
                let y1 = body_top + si as f32 * ROW_H + ROW_H / 2.0;
                let col = rgb(90, 100, 120);
                let ls = LineStyle::solid(0.2, col);
                let elbow = from_x + 1.2;
                c.line(p, from_x, y0, elbow, y0, ls);
                c.line(p, elbow, y0, elbow, y1, ls);
                c.line(p, elbow, y1, to_x, y1, ls);
                let dir = if to_x >= elbow { -1.0 } else { 1.0 };
                c.line(p, to_x, y1, to_x + dir * 1.0, y1 - 0.6, ls);
                c.line(p, to_x, y1, to_x + dir * 1.0, y1 + 0.6, ls);
            }
            // Today line.
            if chart.today >= from && chart.today <= to {
                let tx = x_of(chart.today) + per_day / 2.0;
                c.line(
                    p,
                    tx,
                    st,
                    tx,
                    body_top + rows.len() as f32 * ROW_H,
                    LineStyle::dashed(0.35, rgb(200, 50, 45), 1.2, 0.8),
                );
            }
            c.rect(
                p,
                MARGIN,
                st,
                pw - 2.0 * MARGIN,
                SCALE_H + rows.len() as f32 * ROW_H,
                None,
                Some(frame),
            );
            // Legend and page number.
            let ly = ph - MARGIN - 3.0;
            let mut lx = MARGIN;
            let legend: [(&str, Color); 5] = [
                ("已完成", rgb(76, 154, 92)),
                ("进行中", rgb(52, 110, 190)),
                ("未开始", rgb(120, 150, 190)),
                ("临近时限", rgb(222, 160, 40)),
                ("逾期", rgb(200, 50, 45)),
            ];
            for (label, col) in legend {
                c.rect(p, lx, ly - 2.4, 6.0, 2.6, Some(col), None);
                lx += 7.0;
                lx += c.text(
                    p,
                    lx,
                    lx + 30.0,
                    ly,
                    label,
                    TextStyle::new(FontRole::FangSong, 7.5),
                    Align::Left,
                )? + 4.0;
            }
            c.rect(
                p,
                lx,
                ly - 2.4,
                6.0,
                2.6,
                None,
                Some(LineStyle::solid(0.45, rgb(200, 50, 45))),
            );
            lx += 7.0;
            lx += c.text(
                p,
                lx,
                lx + 30.0,
                ly,
                "关键路径",
                TextStyle::new(FontRole::FangSong, 7.5),
                Align::Left,
            )? + 4.0;
            c.rect(p, lx, ly - 1.6, 6.0, 1.0, Some(rgb(60, 60, 70)), None);
            lx += 7.0;
            lx += c.text(
                p,
                lx,
                lx + 30.0,
                ly,
                "阶段",
                TextStyle::new(FontRole::FangSong, 7.5),
                Align::Left,
            )? + 4.0;
            c.line(
                p,
                lx + 3.0,
                ly - 3.0,
                lx + 3.0,
                ly + 0.5,
                LineStyle::dashed(0.35, rgb(200, 50, 45), 1.0, 0.6),
            );
            lx += 7.0;
            lx += c.text(
                p,
                lx,
                lx + 30.0,
                ly,
                "今日",
                TextStyle::new(FontRole::FangSong, 7.5),
                Align::Left,
            )? + 4.0;
            c.line(
                p,
                lx + 3.0,
                ly - 3.0,
                lx + 3.0,
                ly + 0.5,
                LineStyle::solid(0.35, rgb(200, 50, 45)),
            );
            lx += 7.0;
            c.text(
                p,
                lx,
                lx + 30.0,
                ly,
                "完成时限",
                TextStyle::new(FontRole::FangSong, 7.5),
                Align::Left,
            )?;
            let page_label = format!(
                "第{}页／共{}页（行第{}段，时间第{}段）",
                page_no,
                total_pages,
                v + 1,
                h + 1
            );
            c.text(
                p,
                MARGIN,
                pw - MARGIN,
                ly,
                &page_label,
                TextStyle::new(FontRole::FangSong, 7.5),
                Align::Right,
            )?;
        }
    }
    c.finish()
}
