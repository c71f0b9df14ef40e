//! `diaodu-cli spec …`: generate periods, list omissions, import and export
//! the specification, print the omission report.
use clap::Subcommand;
use diaodu_store::{files, Actor, SpecFilter, Store, WorkbookRequest};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum SpecCommand {
    /// Generate the periodic work due in a period (2026, 2026-Q1, 2026-03,
    /// 2026-03-D2, 2026-W11, 2026-03-16); prints how many instances were created.
    Generate {
        #[arg(long)]
        period: String,
    },
    /// The omissions (漏项) of a period; one JSON object per omission with --json.
    Omissions {
        #[arg(long)]
        period: String,
        /// Only this unit (full name).
        #[arg(long)]
        unit: Option<String>,
        /// Count what was due before this day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The periodic work due on or before a day (default: today) and not
    /// done by it; with --json a list of {unit, item, due, status} (status
    /// `overdue` or `today`).
    Due {
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List the catalogue (code, scope, cycle, due rule, title).
    List,
    /// Check an xlsx file of the specification; with --apply import its good rows.
    Import {
        file: PathBuf,
        #[arg(long)]
        apply: bool,
    },
    /// Export a table to xlsx: catalogue, overview (the committee's list of a
    /// period), checklist (one unit's) or omissions.
    Export {
        #[arg(long, default_value = "catalogue")]
        kind: String,
        #[arg(long)]
        period: Option<String>,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Print the omission report of a period to PDF.
    Pdf {
        #[arg(long)]
        period: String,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        as_of: Option<String>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

fn unit_id(store: &Store, name: Option<&str>) -> Result<Option<i64>, String> {
    let Some(name) = name else { return Ok(None) };
    store
        .list_units(true)
        .map_err(|e| e.message)?
        .into_iter()
        .find(|u| u.name == name || u.short_name == name)
        .map(|u| Some(u.id))
        .ok_or_else(|| format!("找不到单位“{name}”"))
}

pub fn run(store: &mut Store, command: SpecCommand) -> Result<(), String> {
    let actor = Actor::cli();
    match command {
        SpecCommand::Generate { period } => {
            let r = store
                .generate_spec_period(&actor, &period)
                .map_err(|e| e.message)?;
            println!(
                "{}：新增 {} 项，该期共 {} 项{}",
                r.label,
                r.created,
                r.total,
                if r.omissions_found > 0 {
                    format!("，发现漏项 {} 项", r.omissions_found)
                } else {
                    String::new()
                }
            );
        }
        SpecCommand::Omissions {
            period,
            unit,
            as_of,
            json,
        } => {
            let unit = unit_id(store, unit.as_deref())?;
            let r = store
                .spec_omissions(&actor, &period, unit, as_of.as_deref())
                .map_err(|e| e.message)?;
            if json {
                let rows: Vec<serde_json::Value> = r
                    .rows
                    .iter()
                    .map(|o| {
                        serde_json::json!({"unit": o.unit_name, "item": o.title, "due": o.due_date,
                            "code": o.code, "period": o.period, "status": o.status, "doneDate": o.done_date})
                    })
                    .collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?
                );
            } else {
                println!("{}漏项 {} 项（截至 {}）", r.label, r.total, r.as_of);
                for o in r.rows {
                    println!(
                        "{}\t{}\t{} {}\t{}",
                        o.due_date, o.unit_name, o.code, o.title, o.status_label
                    );
                }
            }
        }
        SpecCommand::Due { date, json } => {
            let day = match date.as_deref() {
                Some(d) => diaodu_domain::plan::parse_opt_date("date", "日期", Some(d))
                    .map_err(|e| e.message)?
                    .ok_or_else(|| "请给出日期，如 --date 2026-12-04".to_string())?,
                None => diaodu_domain::clock::today(),
            };
            let rows = store.spec_due_on(day).map_err(|e| e.message)?;
            if json {
                let out: Vec<serde_json::Value> = rows
                    .iter()
                    .map(|f| {
                        serde_json::json!({"unit": f.row.unit_name, "item": f.row.title,
                            "due": f.row.due_date, "status": f.row.status})
                    })
                    .collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
                );
            } else {
                let overdue = rows.iter().filter(|f| f.overdue_days > 0).count();
                println!(
                    "截至{day}：今日到期 {} 项，漏项 {overdue} 项",
                    rows.len() - overdue
                );
                for f in rows {
                    println!(
                        "{}\t{}\t{} {}\t{}",
                        f.row.due_date,
                        f.row.unit_name,
                        f.row.code,
                        f.row.title,
                        f.row.status_label
                    );
                }
            }
        }
        SpecCommand::List => {
            for i in store
                .list_spec_items(&SpecFilter::default())
                .map_err(|e| e.message)?
            {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    i.code, i.scope_label, i.cycle_label, i.due_text, i.title
                );
            }
        }
        SpecCommand::Import { file, apply } => {
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let bytes =
                files::read_capped(&file, files::MAX_SHEET_FILE_BYTES).map_err(|e| e.message)?;
            let tables = files::read_spec_workbook(&actor, &bytes, name).map_err(|e| e.message)?;
            let preview = store.preview_spec_import(&tables).map_err(|e| e.message)?;
            for e in &preview.errors {
                println!(
                    "第{}行 {}列（{}）：{}",
                    e.row, e.column, e.column_title, e.reason
                );
            }
            if apply {
                let r = store
                    .apply_spec_import(&actor, &tables, name)
                    .map_err(|e| e.message)?;
                println!(
                    "已导入：新增 {}，修改 {}，无变化 {}，跳过有错误的 {} 行",
                    r.created, r.updated, r.unchanged, r.skipped
                );
            } else {
                println!(
                    "预览（未写入）：新增 {}，修改 {}，无变化 {}，有错误 {} 行；确认无误后加 --apply 导入",
                    preview.creates, preview.updates, preview.unchanged, preview.error_rows
                );
            }
        }
        SpecCommand::Export {
            kind,
            period,
            unit,
            as_of,
            out,
        } => {
            let request = WorkbookRequest {
                kind,
                period: period.unwrap_or_default(),
                unit_id: unit_id(store, unit.as_deref())?,
                as_of,
            };
            let (_, book) = store.spec_workbook(&request).map_err(|e| e.message)?;
            let bytes = diaodu_sheets::write_xlsx(&book).map_err(|e| e.0)?;
            std::fs::write(&out, bytes).map_err(|e| format!("无法写入 {}：{e}", out.display()))?;
            println!("已导出 {}", out.display());
        }
        SpecCommand::Pdf {
            period,
            unit,
            as_of,
            out,
        } => {
            let fonts = diaodu_documents::Fonts::system().map_err(|e| e.message)?;
            let unit = unit_id(store, unit.as_deref())?;
            let (_, pdf) = store
                .omission_report_pdf(&period, unit, as_of.as_deref(), &fonts)
                .map_err(|e| e.message)?;
            std::fs::write(&out, pdf).map_err(|e| format!("无法写入 {}：{e}", out.display()))?;
            println!("已生成 {}", out.display());
        }
    }
    Ok(())
}
