//! `diaodu-cli assess …` and `diaodu-cli duty …`: scores, proposals,
//! closing a period, the report sets and the bulletin, who is on duty.
use clap::Subcommand;
use diaodu_store::assessment::ReportRequest;
use diaodu_store::{Actor, Store};
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum AssessCommand {
    /// Scores and ranks of a period (2026-03, 2026-Q1 or 2026); --json prints one object per unit.
    Score {
        #[arg(long, value_name = "PERIOD")]
        period: String,
        #[arg(long)]
        json: bool,
    },
    /// Propose items of a month from the records (they count once confirmed in the app).
    Propose {
        #[arg(long, value_name = "PERIOD")]
        period: String,
    },
    /// Close a period: its scores are frozen.
    Close {
        #[arg(long, value_name = "PERIOD")]
        period: String,
    },
    /// A report set to PDF or xlsx (by the file's extension): ranking, roster, monthly or annual.
    Report {
        #[arg(long, default_value = "monthly")]
        kind: String,
        #[arg(long, value_name = "PERIOD")]
        period: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The rewards-and-penalties bulletin of a closed period as PDF.
    Bulletin {
        #[arg(long, value_name = "PERIOD")]
        period: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum DutyCommand {
    /// Who is on duty now (leader and dispatcher).
    Now,
}

fn write(out: &Path, bytes: Vec<u8>) -> Result<(), String> {
    std::fs::write(out, bytes).map_err(|e| format!("无法写入 {}：{e}", out.display()))?;
    println!("已生成 {}", out.display());
    Ok(())
}

pub fn assess_command(store: &mut Store, command: AssessCommand) -> Result<(), String> {
    let actor = Actor::cli();
    match command {
        AssessCommand::Score { period, json } => {
            let r = store.assessment_ranking(&period).map_err(|e| e.message)?;
            let all = r.departments.iter().chain(&r.branches);
            if json {
                let rows: Vec<serde_json::Value> = all
                    .map(|s| {
                        serde_json::json!({"unit": s.unit, "kind": s.kind, "score": s.score, "rank": s.rank,
                            "deductions": s.deductions, "bonuses": s.bonuses, "pending": s.pending})
                    })
                    .collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?
                );
            } else {
                println!("{}（{}）", r.period.label, r.period.status_label);
                for s in all {
                    println!("{}\t{}\t{}", s.rank, s.unit, s.score);
                }
            }
        }
        AssessCommand::Propose { period } => {
            let run = store
                .propose_assessments(&actor, &period)
                .map_err(|e| e.message)?;
            println!(
                "新增考核建议 {} 条（已有 {} 条），请在考核评分中确认或驳回",
                run.added, run.known
            );
        }
        AssessCommand::Close { period } => {
            let r = store
                // The operator has no account: no password to give (see
                // `confirm_signer_act`).
                .close_assessment_period(&actor, &period, "")
                .map_err(|e| e.message)?;
            println!("{}考核已关闭，结果冻结", r.period.label);
        }
        AssessCommand::Report { kind, period, out } => {
            let set = store
                .report_set(&ReportRequest { kind, period })
                .map_err(|e| e.message)?;
            let xlsx = out
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
            let bytes = if xlsx {
                diaodu_store::assessment::report_xlsx(&set).map_err(|e| e.message)?
            } else {
                let fonts = diaodu_documents::Fonts::system().map_err(|e| e.message)?;
                store.report_pdf(&set, &fonts).map_err(|e| e.message)?
            };
            write(&out, bytes)?;
        }
        AssessCommand::Bulletin { period, out } => {
            let fonts = diaodu_documents::Fonts::system().map_err(|e| e.message)?;
            write(
                &out,
                store.bulletin_pdf(&period, &fonts).map_err(|e| e.message)?,
            )?;
        }
    }
    Ok(())
}

pub fn duty_command(store: &Store, command: DutyCommand) -> Result<(), String> {
    match command {
        DutyCommand::Now => {
            let d = store.duty_now().map_err(|e| e.message)?;
            let leader = d
                .leader
                .map(|l| format!("{}（{}，{}）", l.name, l.label, l.phone))
                .unwrap_or_else(|| "未安排".into());
            let disp = d
                .dispatcher
                .map(|l| format!("{}（{}）", l.name, l.label))
                .unwrap_or_else(|| "未安排".into());
            println!("{}\t带班领导：{leader}\t值班调度员：{disp}", d.at);
        }
    }
    Ok(())
}
