//! The specification's tables as workbooks (diaodu-sheets): the catalogue
//! (in the import's own columns, so an export edited in Excel imports
//! back), the committee's list of a period, a unit's checklist and the
//! omission report.
use super::import::COLUMNS;
use super::items::SpecFilter;
use super::parse_iso;
use crate::db::Store;
use crate::{now_text, Result};
use diaodu_domain::CoreError;
use diaodu_sheets::{Cell, Column, Sheet, Workbook};
use serde::Deserialize;

/// Which table to export.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WorkbookRequest {
    /// catalogue, overview, checklist or omissions.
    pub kind: String,
    pub period: String,
    pub unit_id: Option<i64>,
    pub as_of: Option<String>,
}

fn exported() -> String {
    format!("导出时间：{}", &now_text()[..16])
}

fn date(s: &str) -> Cell {
    Cell::date(parse_iso(s))
}

/// Rows with a 序号 in front, counting from 1.
fn numbered<T>(items: &[T], cells: impl Fn(&T) -> Vec<Cell>) -> Vec<Vec<Cell>> {
    items
        .iter()
        .enumerate()
        .map(|(n, x)| {
            let mut row = vec![Cell::int(n as i64 + 1)];
            row.extend(cells(x));
            row
        })
        .collect()
}

fn opt_date(s: &Option<String>) -> Cell {
    s.as_deref().map_or(Cell::Empty, date)
}

impl Store {
    /// The workbook and a file name for it.
    pub fn spec_workbook(&mut self, r: &WorkbookRequest) -> Result<(String, Workbook)> {
        match r.kind.as_str() {
            "catalogue" => self.catalogue_workbook(),
            "overview" => self.overview_workbook(&r.period),
            "checklist" => {
                let unit = r
                    .unit_id
                    .ok_or_else(|| CoreError::validation("unitId", "请选择单位"))?;
                self.checklist_workbook(unit, &r.period)
            }
            "omissions" => self.omissions_workbook(&r.period, r.unit_id, r.as_of.as_deref()),
            other => Err(CoreError::validation(
                "kind",
                format!("未知的导出内容“{other}”"),
            )),
        }
    }

    fn catalogue_workbook(&self) -> Result<(String, Workbook)> {
        let items = self.list_spec_items(&SpecFilter::default())?;
        let committee = items.iter().filter(|i| i.scope == "committee").count();
        let rows = items
            .iter()
            .map(|i| {
                let units = if i.every_branch {
                    "各党支部".to_string()
                } else {
                    i.unit_names.join("、")
                };
                vec![
                    Cell::text(&i.code),
                    Cell::text(&i.scope_label),
                    Cell::text(&i.category),
                    Cell::text(&i.title),
                    Cell::text(&i.content),
                    Cell::text(&i.arrange),
                    Cell::text(&i.implement),
                    Cell::text(&i.statistics),
                    Cell::text(units),
                    Cell::text(&i.cycle_label),
                    Cell::text(&i.due_text),
                    Cell::text(&i.evidence),
                ]
            })
            .collect();
        let columns = COLUMNS
            .iter()
            .map(|c| {
                if c.field == "cycle" || c.field == "scope" || c.field == "code" {
                    Column::centered(c.titles[0], c.width)
                } else {
                    Column::new(c.titles[0], c.width)
                }
            })
            .collect();
        Ok((
            "工作规范.xlsx".into(),
            Workbook {
                sheets: vec![Sheet {
                    name: "工作规范".into(),
                    title: Some("“1234”党建工作新模式工作规范".into()),
                    subtitle: vec![format!(
                        "党委、部门工作 {committee} 项，支部工作 {} 项。{}",
                        items.len() - committee,
                        exported()
                    )],
                    columns,
                    rows,
                    landscape: true,
                }],
            },
        ))
    }

    fn overview_workbook(&self, period: &str) -> Result<(String, Workbook)> {
        let o = self.spec_overview(period)?;
        let items = Sheet {
            name: "工作清单".into(),
            title: Some(format!("{}党建工作清单", o.label)),
            subtitle: vec![format!(
                "共 {} 项工作、{} 条任务，已完成 {}，漏项 {}。{}",
                o.items.len(),
                o.total,
                o.done,
                o.overdue,
                exported()
            )],
            columns: vec![
                Column::centered("序号", 6.0),
                Column::centered("编号", 9.0),
                Column::new("工作事项", 28.0),
                Column::new("类别", 10.0),
                Column::centered("周期", 6.0),
                Column::new("完成时限", 16.0),
                Column::new("责任单位", 24.0),
                Column::centered("期数", 6.0),
                Column::centered("任务数", 8.0),
                Column::centered("已完成", 8.0),
                Column::centered("漏项", 6.0),
            ],
            rows: numbered(&o.items, |i| {
                vec![
                    Cell::text(&i.code),
                    Cell::text(&i.title),
                    Cell::text(&i.category),
                    Cell::text(&i.cycle_label),
                    Cell::text(&i.due_text),
                    Cell::text(&i.units_text),
                    Cell::int(i.times),
                    Cell::int(i.instances),
                    Cell::int(i.done),
                    Cell::int(i.overdue),
                ]
            }),
            landscape: true,
        };
        let units = Sheet {
            name: "单位分解".into(),
            title: Some(format!("{}工作任务分解到单位", o.label)),
            subtitle: vec![exported()],
            columns: vec![
                Column::centered("序号", 6.0),
                Column::new("单位", 24.0),
                Column::centered("类别", 12.0),
                Column::centered("任务数", 8.0),
                Column::centered("已完成", 8.0),
                Column::centered("漏项", 6.0),
            ],
            rows: numbered(&o.units, |u| {
                vec![
                    Cell::text(&u.unit_name),
                    Cell::text(&u.kind_label),
                    Cell::int(u.instances),
                    Cell::int(u.done),
                    Cell::int(u.overdue),
                ]
            }),
            landscape: false,
        };
        Ok((
            format!("{}党建工作清单.xlsx", o.label),
            Workbook {
                sheets: vec![items, units],
            },
        ))
    }

    fn checklist_workbook(&self, unit_id: i64, period: &str) -> Result<(String, Workbook)> {
        let c = self.spec_checklist(unit_id, period)?;
        let sheet = Sheet {
            name: "工作清单".into(),
            title: Some(format!("{}{}工作清单", c.unit_name, c.label)),
            subtitle: vec![format!(
                "共 {} 项，已完成 {}，漏项 {}。{}",
                c.total,
                c.done,
                c.overdue,
                exported()
            )],
            columns: vec![
                Column::centered("序号", 6.0),
                Column::centered("编号", 9.0),
                Column::new("工作事项", 26.0),
                Column::centered("周期", 6.0),
                Column::new("所属期间", 16.0),
                Column::new("完成时限", 16.0),
                Column::centered("应完成日期", 12.0),
                Column::centered("完成日期", 12.0),
                Column::centered("状态", 10.0),
                Column::new("完成情况", 24.0),
                Column::new("佐证材料", 20.0),
            ],
            rows: numbered(&c.rows, |r| {
                vec![
                    Cell::text(&r.code),
                    Cell::text(&r.title),
                    Cell::text(&r.cycle_label),
                    Cell::text(&r.period_label),
                    Cell::text(&r.due_text),
                    date(&r.due_date),
                    opt_date(&r.done_date),
                    Cell::text(&r.status_label),
                    Cell::text(&r.note),
                    Cell::text(evidence_text(r)),
                ]
            }),
            landscape: true,
        };
        Ok((
            format!("{}-{}工作清单.xlsx", c.unit_name, c.label),
            Workbook {
                sheets: vec![sheet],
            },
        ))
    }

    fn omissions_workbook(
        &mut self,
        period: &str,
        unit_id: Option<i64>,
        as_of: Option<&str>,
    ) -> Result<(String, Workbook)> {
        let r = self.omission_report_of(period, unit_id, as_of)?;
        let whose = r.unit_name.clone().unwrap_or_default();
        let detail = Sheet {
            name: "漏项明细".into(),
            title: Some(format!("{whose}{}漏项报告", r.label)),
            subtitle: vec![format!(
                "截至 {}（不含当日）应完成而未按时完成的工作，共 {} 项。{}",
                r.as_of,
                r.total,
                exported()
            )],
            columns: vec![
                Column::centered("序号", 6.0),
                Column::new("责任单位", 20.0),
                Column::centered("编号", 9.0),
                Column::new("工作事项", 28.0),
                Column::centered("周期", 6.0),
                Column::new("所属期间", 16.0),
                Column::centered("应完成日期", 12.0),
                Column::centered("状态", 10.0),
                Column::centered("实际完成", 12.0),
                Column::new("应有佐证材料", 18.0),
            ],
            rows: numbered(&r.rows, |o| {
                vec![
                    Cell::text(&o.unit_name),
                    Cell::text(&o.code),
                    Cell::text(&o.title),
                    Cell::text(&o.cycle_label),
                    Cell::text(&o.period_label),
                    date(&o.due_date),
                    Cell::text(&o.status_label),
                    opt_date(&o.done_date),
                    Cell::text(&o.evidence_expected),
                ]
            }),
            landscape: true,
        };
        let units = Sheet {
            name: "单位汇总".into(),
            title: Some(format!("{whose}{}漏项汇总", r.label)),
            subtitle: vec![format!("截至 {}。{}", r.as_of, exported())],
            columns: vec![
                Column::centered("序号", 6.0),
                Column::new("单位", 24.0),
                Column::centered("应完成", 8.0),
                Column::centered("按时完成", 10.0),
                Column::centered("漏项", 6.0),
            ],
            rows: numbered(&r.units, |u| {
                vec![
                    Cell::text(&u.unit_name),
                    Cell::int(u.due),
                    Cell::int(u.done_on_time),
                    Cell::int(u.omissions),
                ]
            }),
            landscape: false,
        };
        Ok((
            format!("{whose}{}漏项报告.xlsx", r.label),
            Workbook {
                sheets: vec![detail, units],
            },
        ))
    }
}

/// What a checklist row's 佐证 column says: the evidence given and the
/// attached files by name, or what is expected while nothing is given.
fn evidence_text(r: &super::ChecklistRow) -> String {
    let files: Vec<&str> = r.attachments.iter().map(|a| a.name.as_str()).collect();
    match (r.evidence.is_empty(), files.is_empty()) {
        (true, true) => r.evidence_expected.clone(),
        (false, true) => r.evidence.clone(),
        (true, false) => format!("附件：{}", files.join("、")),
        (false, false) => format!("{}（附件：{}）", r.evidence, files.join("、")),
    }
}
