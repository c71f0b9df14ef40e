//! Importing the catalogue from a spreadsheet: a preview that reports every
//! bad cell by row and column and writes nothing, then the import of the
//! good rows in one transaction once the user confirms. Rows are matched to
//! items by 编号: a known code updates the item (a new version when
//! anything differs), an unknown or empty one creates an item.
use super::generate;
use super::items::{self, check, parse_scope, Checked, SpecItemInput};
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::Result;
use diaodu_domain::{CoreError, Permission};
use diaodu_periodic::{parse_rule, Cycle};
use diaodu_sheets::{HeaderMap, Table};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;

/// The catalogue's columns, in the order the export writes them; the
/// import finds them by title (aliases allowed) wherever they are.
pub(crate) struct Col {
    pub field: &'static str,
    pub titles: &'static [&'static str],
    pub width: f64,
}

pub(crate) const COLUMNS: [Col; 12] = [
    Col {
        field: "code",
        titles: &["编号", "序号", "事项编号"],
        width: 9.0,
    },
    Col {
        field: "scope",
        titles: &["适用范围", "范围", "层级"],
        width: 9.0,
    },
    Col {
        field: "category",
        titles: &["类别", "分类", "工作类别"],
        width: 10.0,
    },
    Col {
        field: "title",
        titles: &["工作事项", "事项", "工作任务", "工作项目"],
        width: 24.0,
    },
    Col {
        field: "content",
        titles: &["工作内容", "内容"],
        width: 30.0,
    },
    Col {
        field: "arrange",
        titles: &["安排部署"],
        width: 20.0,
    },
    Col {
        field: "implement",
        titles: &["组织实施"],
        width: 20.0,
    },
    Col {
        field: "statistics",
        titles: &["汇总统计"],
        width: 20.0,
    },
    Col {
        field: "units",
        titles: &["责任单位", "责任部门"],
        width: 18.0,
    },
    Col {
        field: "cycle",
        titles: &["周期", "工作周期"],
        width: 6.0,
    },
    Col {
        field: "dueText",
        titles: &["完成时限", "时限", "完成时间"],
        width: 16.0,
    },
    Col {
        field: "evidence",
        titles: &["佐证材料", "佐证资料", "痕迹材料"],
        width: 18.0,
    },
];

/// Words meaning "every branch" in the 责任单位 column of a branch item.
const EVERY_BRANCH: [&str; 6] = [
    "各党支部",
    "各支部",
    "全体党支部",
    "所有党支部",
    "各基层党支部",
    "基层党支部",
];

fn col(field: &str) -> usize {
    COLUMNS.iter().position(|c| c.field == field).unwrap_or(0)
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ImportCellError {
    /// The row number Excel shows.
    pub row: u32,
    /// The column letter (C) and its title (类别).
    pub column: String,
    pub column_title: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ImportRow {
    pub row: u32,
    pub code: String,
    pub title: String,
    pub scope_label: String,
    pub units_text: String,
    pub due_text: String,
    /// create, update, unchanged or error.
    pub action: String,
    pub action_label: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SpecImportPreview {
    pub sheet: String,
    pub header_row: u32,
    pub rows: Vec<ImportRow>,
    pub errors: Vec<ImportCellError>,
    pub creates: usize,
    pub updates: usize,
    pub unchanged: usize,
    pub error_rows: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SpecImportResult {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Rows not imported because of errors (listed in `errors`).
    pub skipped: usize,
    pub errors: Vec<ImportCellError>,
}

struct Analysed {
    preview: SpecImportPreview,
    /// The good rows: the existing item (for updates) and the checked input.
    good: Vec<(Option<i64>, Checked)>,
}

fn action_label(a: &str) -> &'static str {
    match a {
        "create" => "新增",
        "update" => "修改（新版本）",
        "unchanged" => "无变化",
        _ => "有错误，不导入",
    }
}

/// Active units by full and short name.
fn unit_lookup(conn: &Connection) -> Result<HashMap<String, (i64, String)>> {
    let mut stmt = conn
        .prepare("SELECT id, name, short_name, kind FROM unit WHERE retired_at IS NULL")
        .map_err(sql_err)?;
    let rows: Vec<(i64, String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .map_err(sql_err)?
        .collect::<std::result::Result<_, _>>()
        .map_err(sql_err)?;
    let mut map = HashMap::new();
    // Full names win over short names that happen to coincide.
    for (id, _, short, kind) in &rows {
        if !short.is_empty() {
            map.insert(short.clone(), (*id, kind.clone()));
        }
    }
    for (id, name, _, kind) in rows {
        map.insert(name, (id, kind));
    }
    Ok(map)
}

fn split_units(s: &str) -> Vec<String> {
    s.split(|c: char| "、,，;；/\n".contains(c) || c == ' ' || c == '\u{3000}')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

fn locate(tables: &[Table]) -> Result<(&Table, HeaderMap)> {
    let wanted: Vec<&[&str]> = COLUMNS.iter().map(|c| c.titles).collect();
    for t in tables {
        if let Some(h) = t.find_header(&wanted, 4) {
            return Ok((t, h));
        }
    }
    Err(CoreError::validation(
        "file",
        "没有找到工作规范的表头：表中应有“工作事项”“适用范围”“责任单位”“完成时限”等列（可先导出一份作为模板）",
    ))
}

fn analyse(conn: &Connection, tables: &[Table]) -> Result<Analysed> {
    let (table, header) = locate(tables)?;
    let missing: Vec<&str> = ["title", "scope", "dueText", "units"]
        .iter()
        .filter(|f| header.columns[col(f)].is_none())
        .map(|f| COLUMNS[col(f)].titles[0])
        .collect();
    if !missing.is_empty() {
        return Err(CoreError::validation(
            "file",
            format!("工作表“{}”缺少必填列：{}", table.sheet, missing.join("、")),
        ));
    }
    let units = unit_lookup(conn)?;
    let known: Vec<(String, i64, String, String)> = {
        let mut stmt = conn
            .prepare(
                "SELECT i.code, i.id, i.scope, v.title FROM spec_item i
                 JOIN spec_version v ON v.item_id = i.id AND v.version = i.current_version",
            )
            .map_err(sql_err)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .map_err(sql_err)?
            .collect::<std::result::Result<_, _>>()
            .map_err(sql_err)?;
        rows
    };
    let existing: HashMap<String, (i64, String)> = known
        .iter()
        .map(|(code, id, scope, _)| (code.clone(), (*id, scope.clone())))
        .collect();
    // A row without a code is the item of the same scope and title, if
    // there is one: importing the same sheet twice must not double items.
    let by_title: HashMap<(String, String), String> = known
        .iter()
        .map(|(code, _, scope, title)| ((scope.clone(), title.clone()), code.clone()))
        .collect();
    let mut preview = SpecImportPreview {
        sheet: table.sheet.clone(),
        header_row: table.rows[header.row_index].number,
        rows: Vec::new(),
        errors: Vec::new(),
        creates: 0,
        updates: 0,
        unchanged: 0,
        error_rows: 0,
    };
    let mut good = Vec::new();
    let mut seen_codes: HashMap<String, u32> = HashMap::new();
    for row in table.rows.iter().skip(header.row_index + 1) {
        if row.is_blank() {
            continue;
        }
        let cell = |field: &str| -> String {
            header.columns[col(field)]
                .map(|c| row.get(c).text())
                .unwrap_or_default()
        };
        let mut errors: Vec<(&str, String)> = Vec::new();
        let code = cell("code");
        if !code.is_empty() {
            if let Some(first) = seen_codes.get(&code) {
                errors.push(("code", format!("编号与第{first}行重复")));
            } else {
                seen_codes.insert(code.clone(), row.number);
            }
        }
        let scope = match parse_scope(&cell("scope")) {
            Ok(s) => Some(s),
            Err(e) => {
                let given = cell("scope");
                errors.push((
                    "scope",
                    if given.is_empty() {
                        "请填写适用范围：党委部门或支部".into()
                    } else {
                        e.message
                    },
                ));
                None
            }
        };
        let due_text = cell("dueText");
        let mut cycle_ok = true;
        match parse_rule(&due_text) {
            Ok((cycle, _)) => {
                let given = cell("cycle");
                if !given.is_empty() {
                    match Cycle::parse(&given) {
                        Ok(c) if c != cycle => {
                            cycle_ok = false;
                            errors.push((
                                "cycle",
                                format!(
                                    "周期“{given}”与完成时限“{due_text}”不符（应为“{}”）",
                                    cycle.label()
                                ),
                            ));
                        }
                        Ok(_) => {}
                        Err(e) => {
                            cycle_ok = false;
                            errors.push(("cycle", e.message().to_string()));
                        }
                    }
                }
            }
            Err(e) => {
                cycle_ok = false;
                errors.push(("dueText", e.message().to_string()));
            }
        }
        let units_text = cell("units");
        let mut unit_ids = Vec::new();
        match scope {
            Some("branch")
                if !units_text.is_empty() && !EVERY_BRANCH.contains(&units_text.as_str()) =>
            {
                errors.push(("units", "支部工作的责任单位应写“各党支部”".into()));
            }
            Some("branch") => {}
            Some(_) => {
                let names = split_units(&units_text);
                if names.is_empty() {
                    errors.push(("units", "请填写责任单位".into()));
                }
                for n in names {
                    match units.get(&n) {
                        Some((id, kind)) if kind == "committee" || kind == "department" => {
                            unit_ids.push(*id)
                        }
                        Some(_) => errors.push((
                            "units",
                            format!("“{n}”是党支部；党支部的工作请把适用范围写为“支部”"),
                        )),
                        None => errors.push(("units", format!("找不到单位“{n}”（或已撤销）"))),
                    }
                }
            }
            None => {}
        }
        let input = SpecItemInput {
            code: code.clone(),
            scope: cell("scope"),
            category: cell("category"),
            title: cell("title"),
            content: cell("content"),
            arrange: cell("arrange"),
            implement: cell("implement"),
            statistics: cell("statistics"),
            unit_ids,
            cycle: if cycle_ok {
                cell("cycle")
            } else {
                String::new()
            },
            due_text: due_text.clone(),
            evidence: cell("evidence"),
            note: "Excel导入".into(),
        };
        let mut checked = None;
        if errors.is_empty() {
            match check(conn, &input) {
                Ok(mut c) => {
                    if c.code.is_empty() {
                        if let Some(code) = by_title.get(&(c.scope.to_string(), c.title.clone())) {
                            c.code = code.clone();
                        }
                    }
                    checked = Some(c)
                }
                Err(e) => {
                    let field = e.field.as_deref().unwrap_or("title");
                    let field = if field == "unitIds" { "units" } else { field };
                    errors.push((
                        if COLUMNS.iter().any(|c| c.field == field) {
                            COLUMNS[col(field)].field
                        } else {
                            "title"
                        },
                        e.message,
                    ));
                }
            }
        }
        let mut action = "error";
        let mut target = None;
        if let Some(c) = &checked {
            match existing.get(&c.code) {
                Some((_, existing_scope)) if existing_scope != c.scope => {
                    errors.push((
                        "scope",
                        format!(
                            "编号“{}”已是{}事项，适用范围不能改",
                            c.code,
                            super::scope_label(existing_scope)
                        ),
                    ));
                }
                Some((id_, _)) => {
                    let id = *id_;
                    target = Some(id);
                    let current = items::item_in(conn, id)?;
                    let same = current.category == c.category
                        && current.title == c.title
                        && current.content == c.content
                        && current.arrange == c.arrange
                        && current.implement == c.implement
                        && current.statistics == c.statistics
                        && current.unit_ids == c.unit_ids
                        && current.cycle == c.cycle.code()
                        && current.due_rule == c.rule
                        && current.evidence == c.evidence
                        && !current.retired;
                    action = if same { "unchanged" } else { "update" };
                }
                None => action = "create",
            }
        }
        for (field, reason) in &errors {
            let idx = col(field);
            let letter = header.columns[idx]
                .map(|c| table.letter(c))
                .unwrap_or_default();
            preview.errors.push(super::import::ImportCellError {
                row: row.number,
                column: letter,
                column_title: COLUMNS[idx].titles[0].into(),
                reason: reason.clone(),
            });
        }
        if !errors.is_empty() {
            action = "error";
        }
        match action {
            "create" => preview.creates += 1,
            "update" => preview.updates += 1,
            "unchanged" => preview.unchanged += 1,
            _ => preview.error_rows += 1,
        }
        let display_units = if scope == Some("branch") {
            "各党支部".to_string()
        } else {
            units_text
        };
        preview.rows.push(ImportRow {
            row: row.number,
            code: checked
                .as_ref()
                .map(|c| c.code.clone())
                .filter(|c| !c.is_empty())
                .unwrap_or(code),
            title: cell("title"),
            scope_label: scope
                .map(|s| super::scope_label(s).to_string())
                .unwrap_or_else(|| cell("scope")),
            units_text: display_units,
            due_text,
            action: action.into(),
            action_label: action_label(action).into(),
        });
        if action != "error" {
            if let Some(c) = checked {
                good.push((target, c));
            }
        }
    }
    if preview.rows.is_empty() {
        return Err(CoreError::validation(
            "file",
            format!("工作表“{}”的表头下面没有数据行", table.sheet),
        ));
    }
    Ok(Analysed { preview, good })
}

impl Store {
    /// Reads the file's tables and reports what an import would do, row by
    /// row, with every bad cell. Writes nothing.
    pub fn preview_spec_import(&self, tables: &[Table]) -> Result<SpecImportPreview> {
        Ok(analyse(&self.conn, tables)?.preview)
    }

    /// Imports the good rows in one transaction (the bad ones are skipped
    /// and listed again), one audit entry per item and one for the import.
    pub fn apply_spec_import(
        &mut self,
        actor: &Actor,
        tables: &[Table],
        file_name: &str,
    ) -> Result<SpecImportResult> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let Analysed { preview, good } = analyse(&tx, tables)?;
        let mut result = SpecImportResult {
            created: 0,
            updated: 0,
            unchanged: 0,
            skipped: preview.error_rows,
            errors: preview.errors.clone(),
        };
        for (target, c) in &good {
            match target {
                Some(id) => {
                    let retired: bool = tx
                        .query_row(
                            "SELECT retired_at IS NOT NULL FROM spec_item WHERE id = ?1",
                            [id],
                            |r| r.get(0),
                        )
                        .map_err(sql_err)?;
                    if retired {
                        tx.execute("UPDATE spec_item SET retired_at = NULL, retired_reason = NULL WHERE id = ?1", [id])
                            .map_err(sql_err)?;
                    }
                    if items::update_item(&tx, actor, *id, c)? || retired {
                        if retired {
                            generate::follow_edit(&tx, *id)?;
                        }
                        result.updated += 1;
                    } else {
                        result.unchanged += 1;
                    }
                }
                None => {
                    let id = items::insert_item(&tx, actor, c)?;
                    generate::follow_edit(&tx, id)?;
                    result.created += 1;
                }
            }
        }
        record(
            &tx,
            actor,
            "spec_item",
            None,
            "import",
            &format!(
                "从“{}”导入工作规范：新增 {}，修改 {}，无变化 {}，跳过有错误的 {} 行",
                file_name, result.created, result.updated, result.unchanged, result.skipped
            ),
            serde_json::json!({"file": file_name, "sheet": preview.sheet, "created": result.created,
                "updated": result.updated, "unchanged": result.unchanged, "skipped": result.skipped}),
        )?;
        commit(tx)?;
        Ok(result)
    }
}
