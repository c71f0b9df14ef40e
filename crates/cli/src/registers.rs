//! `diaodu-cli visit …`, `emergency …`, `duties …` and `archive …`: the
//! registers beside the loop, for scripting and checks.
use clap::Subcommand;
use diaodu_store::{
    Actor, ArchiveFilter, ArchiveInput, AttachmentRef, EmergencyFilter, PostDutyFilter, Store,
    VisitFilter,
};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum VisitCommand {
    /// Leaders' visits to their assistance points with their problems (--json: the records).
    List {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum EmergencyCommand {
    /// The emergency event log, newest first (--json: the records).
    List {
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// One event's report (应急事件报告单) as PDF.
    Pdf {
        id: i64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The year's register of events (应急事件登记表) as PDF.
    Register {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum DutiesCommand {
    /// The duties of each post and person in force today (--all: also ended ones).
    List {
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum ArchiveCommand {
    /// Find archived files by words of their title or number (all files without TEXT).
    Search {
        text: Option<String>,
        /// incoming (来文) or rule (制度).
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Archive a file: copies it into the attachment store and registers it.
    Add {
        file: PathBuf,
        #[arg(long)]
        title: String,
        /// incoming (来文) or rule (制度).
        #[arg(long, default_value = "incoming")]
        kind: String,
        #[arg(long, default_value = "")]
        issuer: String,
        #[arg(long, default_value = "")]
        number: String,
        /// The date on the file, YYYY-MM-DD.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: String,
    },
}

fn json(v: Result<serde_json::Value, serde_json::Error>) -> Result<(), String> {
    let v = v.map_err(|e| e.to_string())?;
    println!(
        "{}",
        serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?
    );
    Ok(())
}

fn write(out: &PathBuf, bytes: Vec<u8>) -> Result<(), String> {
    std::fs::write(out, bytes).map_err(|e| format!("无法写入 {}：{e}", out.display()))?;
    println!("已生成 {}", out.display());
    Ok(())
}

pub fn visit(store: &Store, command: VisitCommand) -> Result<(), String> {
    match command {
        VisitCommand::List {
            year,
            json: as_json,
        } => {
            let list = store
                .list_visits(&VisitFilter {
                    point_id: None,
                    year,
                })
                .map_err(|e| e.message)?;
            if as_json {
                return json(serde_json::to_value(&list));
            }
            for v in list {
                println!(
                    "{}\t{}\t{}\t问题 {}，已解决 {}",
                    v.visited_on, v.leader_name, v.branch_name, v.problem_count, v.solved_count
                );
            }
        }
    }
    Ok(())
}

pub fn emergency(store: &Store, command: EmergencyCommand) -> Result<(), String> {
    match command {
        EmergencyCommand::List {
            year,
            json: as_json,
        } => {
            let list = store
                .list_emergencies(&EmergencyFilter { year, status: None })
                .map_err(|e| e.message)?;
            if as_json {
                return json(serde_json::to_value(&list));
            }
            for e in list {
                println!(
                    "{}\t{}\t{}\t{}\t带班领导：{}\t{}",
                    e.id,
                    e.occurred_at,
                    e.place,
                    e.category_label,
                    e.duty_leader_name.as_deref().unwrap_or("未排"),
                    e.status_label
                );
            }
        }
        EmergencyCommand::Pdf { id, out } => {
            let fonts = diaodu_documents::Fonts::system().map_err(|e| e.message)?;
            write(
                &out,
                store.emergency_pdf(id, &fonts).map_err(|e| e.message)?,
            )?;
        }
        EmergencyCommand::Register { year, out } => {
            let fonts = diaodu_documents::Fonts::system().map_err(|e| e.message)?;
            write(
                &out,
                store
                    .emergency_register_pdf(year, &fonts)
                    .map_err(|e| e.message)?,
            )?;
        }
    }
    Ok(())
}

pub fn duties(store: &Store, command: DutiesCommand) -> Result<(), String> {
    match command {
        DutiesCommand::List { all, json: as_json } => {
            let list = store
                .list_post_duties(&PostDutyFilter {
                    include_ended: all,
                    person_id: None,
                })
                .map_err(|e| e.message)?;
            if as_json {
                return json(serde_json::to_value(&list));
            }
            for d in list {
                println!(
                    "{}\t{}\t{} 至 {}\t{}",
                    d.post,
                    d.person_name.as_deref().unwrap_or("（岗位通用）"),
                    d.since,
                    d.until.as_deref().unwrap_or("今"),
                    d.duties
                );
            }
        }
    }
    Ok(())
}

pub fn archive(store: &mut Store, command: ArchiveCommand) -> Result<(), String> {
    match command {
        ArchiveCommand::Search {
            text,
            kind,
            json: as_json,
        } => {
            let list = store
                .list_archive(&ArchiveFilter {
                    text,
                    kind,
                    include_retired: false,
                })
                .map_err(|e| e.message)?;
            if as_json {
                return json(serde_json::to_value(&list));
            }
            for f in list {
                println!(
                    "{}\t{}\t{}\t{}\t《{}》",
                    f.id, f.kind_label, f.issued_on, f.number, f.title
                );
            }
        }
        ArchiveCommand::Add {
            file,
            title,
            kind,
            issuer,
            number,
            date,
        } => {
            let actor = Actor::cli();
            let stored = store
                .stage_attachment(&actor, &file)
                .map_err(|e| e.message)?;
            let f = store
                .create_archive_file(
                    &actor,
                    &ArchiveInput {
                        kind,
                        title,
                        issuer,
                        number,
                        issued_on: date,
                        note: String::new(),
                        attachments: vec![AttachmentRef {
                            sha256: stored.sha256,
                            name: stored.name,
                        }],
                    },
                )
                .map_err(|e| e.message)?;
            println!("已归档 {} 《{}》（编号 {}）", f.kind_label, f.title, f.id);
        }
    }
    Ok(())
}
