//! `diaodu-cli stats` (annual figures) and `diaodu-cli supervision …`
//! (reminder list, reminder notices and stage bulletins as PDF).
use clap::{Args, Subcommand};
use diaodu_store::{AnnualStats, Store};
use std::path::PathBuf;

#[derive(Args)]
pub struct StatsArgs {
    /// The year, e.g. 2026.
    #[arg(long)]
    pub year: i32,
    /// Print the figures as one JSON object (snake_case keys).
    #[arg(long)]
    pub json: bool,
    /// Also write the printed report (A4 PDF) to FILE.
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
    /// Also write the workbook (xlsx) to FILE.
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum SupervisionCommand {
    /// The reminder list (催办): records with missing reports or passed deadlines.
    Reminders {
        #[arg(long)]
        json: bool,
    },
    /// A sent reminder notice (催办通知单) as PDF.
    ReminderPdf {
        id: i64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// A stage summary / bulletin (阶段总结通报) as PDF.
    SummaryPdf {
        id: i64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// The figures as the JSON object the CLI promises (docs/ipc-supervision.md),
/// with `by_dispatch_kind` holding the same figures per kind of plan.
pub fn stats_json(s: &AnnualStats) -> serde_json::Value {
    let mut out = figures_json(s);
    if let Some(k) = &s.by_dispatch_kind {
        out["by_dispatch_kind"] = serde_json::json!({
            "key": figures_json(&k.key),
            "special": figures_json(&k.special),
            "daily": figures_json(&k.daily),
        });
    }
    out
}

fn figures_json(s: &AnnualStats) -> serde_json::Value {
    serde_json::json!({
        "year": s.year,
        "as_of": s.as_of,
        "dispatch_meetings": s.dispatch_meetings,
        "regular_meetings": s.regular_meetings,
        "mine_meetings": s.mine_meetings,
        "meeting_decisions": s.meeting_decisions,
        "key_tasks_dispatched": s.key_tasks_dispatched,
        "branch_supervisions": s.branch_supervisions,
        "branch_supervision_records": s.branch_supervision_records,
        "branch_reminders": s.branch_reminders,
        "supervision_records": s.supervision_records,
        "reminders_sent": s.reminders_sent,
        "orders_issued": s.orders_issued,
        "notices_issued": s.notices_issued,
        "bulletins_issued": s.bulletins_issued,
        "feedback_received": s.feedback_received,
        "rectifications_opened": s.rectifications_opened,
        "rectifications_closed": s.rectifications_closed,
        "assistance_visits": s.assistance_visits,
        "visit_problems_raised": s.visit_problems_raised,
        "visit_problems_solved": s.visit_problems_solved,
        "emergency_events": s.emergency_events,
        "emergencies_closed": s.emergencies_closed,
        "on_time_rate_by_unit": s.on_time_rate_by_unit,
    })
}

fn write(path: &PathBuf, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("无法写入 {}：{e}", path.display()))
}

pub fn stats(store: &Store, a: StatsArgs) -> Result<(), String> {
    let s = store.annual_stats(a.year).map_err(|e| e.message)?;
    if a.json {
        let text = serde_json::to_string_pretty(&stats_json(&s)).map_err(|e| e.to_string())?;
        println!("{text}");
    } else {
        println!("{}年党建调度工作统计（截至 {}）", s.year, s.as_of);
        println!(
            "召开党建调度会议\t{}（例会 {}，矿大调度会 {}）",
            s.dispatch_meetings, s.regular_meetings, s.mine_meetings
        );
        println!("调度落实重点工作\t{}", s.key_tasks_dispatched);
        println!("对基层党支部调度和督办\t{}", s.branch_supervisions);
        println!("签发调度令\t{}", s.orders_issued);
        println!("签发通知单\t{}", s.notices_issued);
        println!("收到工作反馈\t{}", s.feedback_received);
        println!(
            "整改问题\t新增 {}，销号 {}",
            s.rectifications_opened, s.rectifications_closed
        );
        println!(
            "领导帮扶点走访\t{}（提出问题 {}，解决 {}）",
            s.assistance_visits, s.visit_problems_raised, s.visit_problems_solved
        );
        println!(
            "应急事件\t{}（处置结束 {}）",
            s.emergency_events, s.emergencies_closed
        );
        for u in &s.units {
            println!("按时率\t{}\t{}/{}", u.unit_name, u.on_time, u.counted);
        }
    }
    if let Some(path) = &a.pdf {
        let fonts = diaodu_documents::Fonts::system().map_err(|e| e.message)?;
        write(
            path,
            &store.annual_pdf(a.year, &fonts).map_err(|e| e.message)?,
        )?;
        eprintln!("已生成 {}", path.display());
    }
    if let Some(path) = &a.xlsx {
        write(path, &store.annual_xlsx(a.year).map_err(|e| e.message)?)?;
        eprintln!("已生成 {}", path.display());
    }
    Ok(())
}

pub fn supervision(store: &Store, command: SupervisionCommand) -> Result<(), String> {
    match command {
        SupervisionCommand::Reminders { json } => {
            let rows = store.reminder_list().map_err(|e| e.message)?;
            if json {
                let text = serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?;
                println!("{text}");
            } else {
                for r in rows {
                    let missing: Vec<&str> =
                        r.item.missing.iter().map(|n| n.date.as_str()).collect();
                    println!(
                        "{}\t{}\t{}\t{}\t缺报/逾期节点 {}\t已催办 {} 次",
                        r.item.target_kind,
                        r.item.target_id,
                        r.item
                            .number
                            .clone()
                            .unwrap_or_else(|| r.item.title.clone()),
                        r.item.unit_name,
                        missing.join("、"),
                        r.reminders.len()
                    );
                }
            }
        }
        SupervisionCommand::ReminderPdf { id, out } => {
            let fonts = diaodu_documents::Fonts::system().map_err(|e| e.message)?;
            write(
                &out,
                &store.reminder_pdf(id, &fonts).map_err(|e| e.message)?,
            )?;
            println!("已生成 {}", out.display());
        }
        SupervisionCommand::SummaryPdf { id, out } => {
            let fonts = diaodu_documents::Fonts::system().map_err(|e| e.message)?;
            write(&out, &store.summary_pdf(id, &fonts).map_err(|e| e.message)?)?;
            println!("已生成 {}", out.display());
        }
    }
    Ok(())
}
