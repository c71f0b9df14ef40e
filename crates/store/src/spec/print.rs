//! The omission report printed through the document engine's table report.
use super::parse_iso;
use crate::db::Store;
use crate::print::doc_error;
use crate::Result;
use chrono::Datelike;
use diaodu_documents::{
    cn_date, render_report, Fonts, Orientation, Report, ReportBlock, ReportColumn, ReportTable,
};

fn cn(date: &str) -> String {
    parse_iso(date)
        .map(|d| cn_date(d.year(), d.month(), d.day()))
        .unwrap_or_else(|| date.to_string())
}

impl Store {
    /// The omission report of a period (all units or one) as a PDF, and a
    /// file name for it.
    pub fn omission_report_pdf(
        &mut self,
        period: &str,
        unit_id: Option<i64>,
        as_of: Option<&str>,
        fonts: &Fonts,
    ) -> Result<(String, Vec<u8>)> {
        let r = self.omission_report_of(period, unit_id, as_of)?;
        let p = super::parse_period(&r.period)?;
        let whose = r.unit_name.clone().unwrap_or_default();
        let due: i64 = r.units.iter().map(|u| u.due).sum();
        let on_time: i64 = r.units.iter().map(|u| u.done_on_time).sum();
        let late = r.rows.iter().filter(|o| o.status == "late").count();
        let mut blocks = vec![ReportBlock::Facts(vec![
            (
                "统计期间".into(),
                format!(
                    "{}至{}",
                    cn(&super::iso(p.start())),
                    cn(&super::iso(p.end()))
                ),
            ),
            ("统计截止".into(), format!("{}（不含当日）", cn(&r.as_of))),
            (
                "完成情况".into(),
                format!(
                    "应完成{due}项，按时完成{on_time}项，漏项{}项（其中逾期补办{late}项）",
                    r.total
                ),
            ),
        ])];
        if unit_id.is_none() {
            blocks.push(ReportBlock::Heading("一、各单位完成情况".into()));
            blocks.push(ReportBlock::Table(ReportTable {
                columns: vec![
                    ReportColumn::new("序号", 0.6).center(),
                    ReportColumn::new("单位", 3.0),
                    ReportColumn::new("应完成", 1.0).right(),
                    ReportColumn::new("按时完成", 1.0).right(),
                    ReportColumn::new("漏项", 0.8).right(),
                ],
                rows: r
                    .units
                    .iter()
                    .enumerate()
                    .map(|(n, u)| {
                        vec![
                            (n + 1).to_string(),
                            u.unit_name.clone(),
                            u.due.to_string(),
                            u.done_on_time.to_string(),
                            u.omissions.to_string(),
                        ]
                    })
                    .collect(),
                empty_text: "本期没有应完成的工作".into(),
            }));
        }
        blocks.push(ReportBlock::Heading(
            if unit_id.is_none() {
                "二、漏项清单"
            } else {
                "漏项清单"
            }
            .into(),
        ));
        blocks.push(ReportBlock::Table(ReportTable {
            columns: vec![
                ReportColumn::new("序号", 0.6).center(),
                ReportColumn::new("责任单位", 2.2),
                ReportColumn::new("编号", 1.0).center(),
                ReportColumn::new("工作事项", 3.6),
                ReportColumn::new("周期", 0.6).center(),
                ReportColumn::new("应完成日期", 1.4).center(),
                ReportColumn::new("情况", 1.3).center(),
            ],
            rows: r
                .rows
                .iter()
                .enumerate()
                .map(|(n, o)| {
                    vec![
                        (n + 1).to_string(),
                        o.unit_name.clone(),
                        o.code.clone(),
                        o.title.clone(),
                        o.cycle_label.clone(),
                        o.due_date.clone(),
                        match &o.done_date {
                            Some(d) => format!("{}补办", &d[5..]),
                            None => o.status_label.clone(),
                        },
                    ]
                })
                .collect(),
            empty_text: "本期无漏项".into(),
        }));
        if r.total > 0 {
            blocks.push(ReportBlock::Paragraph(
                "请各责任单位对照《“1234”党建工作新模式工作规范》逐项补办，留存佐证材料，并在下次党建调度例会前向党建调度室反馈。".into(),
            ));
        }
        let report = Report {
            title: format!("{whose}{}漏项报告", r.label),
            subtitle: if whose.is_empty() {
                "全矿党委、部门和党支部".into()
            } else {
                String::new()
            },
            issuer: self.issuer_name()?,
            printed_on: super::generate::today(),
            orientation: Orientation::Portrait,
            blocks,
        };
        let bytes = render_report(&report, fonts).map_err(doc_error)?;
        Ok((format!("{whose}{}漏项报告.pdf", r.label), bytes))
    }
}
