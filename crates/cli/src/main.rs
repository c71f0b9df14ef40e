//! `diaodu-cli`: the same core as the desktop app, for set-up, scripting,
//! backups and tests. Errors go to standard error with a non-zero exit.
mod assess;
mod registers;
mod spec;

use clap::{Parser, Subcommand};
use diaodu_store::{files, Actor, Store};
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

mod supervision;

#[derive(Parser)]
#[command(name = "diaodu-cli", version, about = "党建调度台命令行工具")]
struct Cli {
    /// Data directory (default: $DIAODU_DATA_DIR, then the platform's app-data folder).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Run as if today were DAY (YYYY-MM-DD; default: $DIAODU_TODAY, then the local clock).
    #[arg(long, global = true, value_name = "DAY")]
    today: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create (or migrate) the database and print where it is.
    Init,
    /// Workstation accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Sample data (invented, clearly labelled).
    Sample {
        #[command(subcommand)]
        command: SampleCommand,
    },
    /// Online backup of the database to FILE (safe while the app runs).
    Backup {
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Replace the database with a backup, after checking it is one of ours.
    Restore { file: PathBuf },
    /// Plans and their network chart.
    Plan {
        #[command(subcommand)]
        command: PlanCommand,
    },
    /// Notices and dispatch orders.
    Doc {
        #[command(subcommand)]
        command: DocCommand,
    },
    /// The work specification (工作规范) and its periodic work.
    Spec {
        #[command(subcommand)]
        command: spec::SpecCommand,
    },
    /// Annual figures (年度统计): on screen, --json, --pdf FILE, --xlsx FILE.
    Stats(supervision::StatsArgs),
    /// Supervision: the reminder list, reminder notices and bulletins as PDF.
    Supervision {
        #[command(subcommand)]
        command: supervision::SupervisionCommand,
    },
    /// Assessment: scores, proposals, closing, reports, bulletin.
    Assess {
        #[command(subcommand)]
        command: assess::AssessCommand,
    },
    /// Duty: who is on duty now.
    Duty {
        #[command(subcommand)]
        command: assess::DutyCommand,
    },
    /// Leaders' visits to their assistance points (帮扶走访).
    Visit {
        #[command(subcommand)]
        command: registers::VisitCommand,
    },
    /// The emergency event log (应急管理) and its printed report.
    Emergency {
        #[command(subcommand)]
        command: registers::EmergencyCommand,
    },
    /// The duties of each post and person (工作职责).
    Duties {
        #[command(subcommand)]
        command: registers::DutiesCommand,
    },
    /// The archive of incoming files and 制度 texts (文档管理).
    Archive {
        #[command(subcommand)]
        command: registers::ArchiveCommand,
    },
    /// All records as JSON on standard output.
    Export {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add an account; the password is read from standard input.
    Add {
        name: String,
        /// admin, signer, dispatcher, viewer (or 管理员, 签发人, 调度员, 查看).
        #[arg(long)]
        role: String,
        /// Name shown in the app (default: NAME).
        #[arg(long)]
        display_name: Option<String>,
    },
    /// List accounts.
    List,
}

#[derive(Subcommand)]
enum PlanCommand {
    /// List plans (id, title, tasks, scheduled finish).
    List,
    /// Import a plan from MS Project XML (.xml, MSPDI) or the JSON form (.json); prints the new plan's id.
    Import { file: PathBuf },
    /// Export a plan as MSPDI or JSON to standard output (or --out FILE).
    Export {
        id: i64,
        #[arg(long, default_value = "mspdi", value_name = "mspdi|json")]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Print the plan's network chart to PDF (A3/A4 landscape, paginated).
    Pdf {
        id: i64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// A3 or A4.
        #[arg(long, default_value = "A3")]
        paper: String,
        /// day, week, dekad, month, quarter or year.
        #[arg(long, default_value = "week")]
        zoom: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<String>,
    },
    /// Schedule a plan and print one JSON object per task.
    Schedule {
        id: i64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum DocCommand {
    /// List documents (one JSON object each with --json: id, kind, number, status, taskIds).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Render a document as PDF; several documents go into one combined PDF.
    Pdf {
        #[arg(required = true, num_args = 1..)]
        ids: Vec<i64>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Check a verification code printed on a document: the bare code or the
    /// text of its QR code (DIAODU-VERIFY:XXXXX-XXXXX). Exits non-zero unless
    /// the paper is valid (withdrawn, superseded, changed or unknown).
    Verify { code: String },
    /// Show 公文设置 (issuing body, number prefix of every numbered kind), or
    /// change them.
    Settings {
        /// The issuing body (发文机关); default prefixes follow its name.
        #[arg(long)]
        issuer: Option<String>,
        /// KIND=PREFIX, KIND one of order, notice, reminder, stage_bulletin,
        /// reward_bulletin (or 调度令, 通知单, …); an empty PREFIX goes back
        /// to the default. May be repeated.
        #[arg(long = "prefix", value_name = "KIND=PREFIX")]
        prefixes: Vec<String>,
    },
    /// Print a document on a CUPS printer (the default one without --printer).
    Print {
        id: i64,
        #[arg(long)]
        printer: Option<String>,
        #[arg(long, default_value_t = 1)]
        copies: u32,
    },
    /// Set the seal or signature image printed on signed documents (PNG or JPEG).
    Seal {
        #[arg(required_unless_present = "clear")]
        file: Option<PathBuf>,
        /// Remove the image instead.
        #[arg(long, conflicts_with = "file")]
        clear: bool,
    },
    /// Give a font role (fang_song, xiao_biao_song, hei_ti, kai_ti, song_ti) the office's font file.
    Font {
        role: String,
        #[arg(required_unless_present = "clear")]
        file: Option<PathBuf>,
        /// Go back to the installed fonts for this role.
        #[arg(long, conflicts_with = "file")]
        clear: bool,
    },
}

#[derive(Subcommand)]
enum SampleCommand {
    /// Load the sample organisation into an empty database.
    Load,
}

fn read_password() -> Result<String, String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("无法读取密码：{e}"))?;
    let pw = line.trim_end_matches(['\r', '\n']).to_string();
    if pw.is_empty() {
        return Err(
            "请从标准输入提供密码，例如：echo '密码' | diaodu-cli user add 张三 --role dispatcher"
                .into(),
        );
    }
    Ok(pw)
}

fn run(cli: Cli) -> Result<(), String> {
    diaodu_domain::clock::fix_today_from(cli.today.as_deref()).map_err(|e| e.message)?;
    let data_dir = diaodu_store::resolve_data_dir(cli.data_dir);
    if let Command::Restore { file } = &cli.command {
        let r = Store::restore(&data_dir, file).map_err(|e| e.message)?;
        println!(
            "已从 {} 恢复数据；原数据库的安全副本：{}",
            r.restored_from, r.safety_copy
        );
        if r.attachments_restored + r.attachments_missing > 0 {
            println!(
                "附件：恢复 {} 个{}",
                r.attachments_restored,
                if r.attachments_missing > 0 {
                    format!(
                        "，{} 个在备份旁的 diaodu-attachments 中找不到",
                        r.attachments_missing
                    )
                } else {
                    String::new()
                }
            );
        }
        if r.documents_restored + r.documents_missing > 0 {
            println!(
                "公文设置文件（印章、字体）：恢复 {} 个{}",
                r.documents_restored,
                if r.documents_missing > 0 {
                    format!("，{} 个在备份旁找不到或已损坏", r.documents_missing)
                } else {
                    String::new()
                }
            );
        }
        return Ok(());
    }
    let mut store = Store::open(&data_dir).map_err(|e| e.message)?;
    let actor = Actor::cli();
    match cli.command {
        Command::Init => {
            println!(
                "数据库已就绪：{}（结构版本 {}）",
                store.db_path().display(),
                store.schema_version().map_err(|e| e.message)?
            );
        }
        Command::User {
            command:
                UserCommand::Add {
                    name,
                    role,
                    display_name,
                },
        } => {
            let password = read_password()?;
            let display = display_name.unwrap_or_else(|| name.clone());
            let user = store
                .create_user(&actor, &name, &display, &role, &password)
                .map_err(|e| e.message)?;
            println!("已添加用户 {}（{}）", user.username, user.role_label);
        }
        Command::User {
            command: UserCommand::List,
        } => {
            for u in store.list_users().map_err(|e| e.message)? {
                let state = if u.disabled { "（已停用）" } else { "" };
                println!(
                    "{}\t{}\t{}{}",
                    u.username, u.display_name, u.role_label, state
                );
            }
        }
        Command::Sample {
            command: SampleCommand::Load,
        } => {
            let r = store.load_sample(&actor).map_err(|e| e.message)?;
            println!(
                "已加载示例数据（虚构）：单位 {} 个，人员 {} 名，帮扶点 {} 个，包保关系 {} 个",
                r.units, r.people, r.assistance, r.pairings
            );
            println!(
                "闭环示例：反馈 {} 条（照片 {} 张），整改 {} 项，完成闭合 {} 项",
                r.closed_loop.feedback,
                r.closed_loop.attachments,
                r.closed_loop.rectifications,
                r.closed_loop.closures
            );
            println!(
                "调度会 {} 次（议定事项 {} 条），督办记录 {} 条，催办通知单 {} 份，阶段通报 {} 份",
                r.supervision.meetings,
                r.supervision.decisions,
                r.supervision.supervisions,
                r.supervision.reminders,
                r.supervision.summaries
            );
            if !r.assessment.disabled_accounts.is_empty() {
                println!(
                    "示例调度员账号 {} 已停用且没有可用密码；需要时由管理员启用并重设密码",
                    r.assessment.disabled_accounts.join("、")
                );
            }
        }
        Command::Backup { to } => {
            let info = store.backup_to(&actor, &to).map_err(|e| e.message)?;
            println!(
                "已备份到 {}（附件 {} 个，公文设置文件 {} 个）",
                info.path, info.attachments, info.documents
            );
        }
        Command::Export { json: _ } => {
            let v = store.export_json().map_err(|e| e.message)?;
            let text = serde_json::to_string_pretty(&v).map_err(|e| format!("导出失败：{e}"))?;
            println!("{text}");
        }
        Command::Plan { command } => plan_command(&mut store, command)?,
        Command::Doc { command } => doc_command(&mut store, command)?,
        Command::Spec { command } => spec::run(&mut store, command)?,
        Command::Stats(args) => supervision::stats(&store, args)?,
        Command::Supervision { command } => supervision::supervision(&store, command)?,
        Command::Assess { command } => assess::assess_command(&mut store, command)?,
        Command::Duty { command } => assess::duty_command(&store, command)?,
        Command::Visit { command } => registers::visit(&store, command)?,
        Command::Emergency { command } => registers::emergency(&store, command)?,
        Command::Duties { command } => registers::duties(&store, command)?,
        Command::Archive { command } => registers::archive(&mut store, command)?,
        Command::Restore { .. } => unreachable!("handled before opening the store"),
    }
    Ok(())
}

fn plan_command(store: &mut Store, command: PlanCommand) -> Result<(), String> {
    match command {
        PlanCommand::Import { file } => {
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let bytes =
                files::read_capped(&file, files::MAX_PLAN_FILE_BYTES).map_err(|e| e.message)?;
            let doc = files::read_plan_file(&Actor::cli(), &bytes, name).map_err(|e| e.message)?;
            let id = store
                .import_plan(&Actor::cli(), &doc)
                .map_err(|e| e.message)?;
            println!("{id}");
        }
        PlanCommand::Export { id, format, out } => {
            let format = diaodu_exchange::Format::from_name(&format)
                .ok_or_else(|| format!("未知的导出格式“{format}”，可选 mspdi 或 json"))?;
            let doc = store.export_plan(id).map_err(|e| e.message)?;
            let text = diaodu_exchange::export(&doc, format);
            match out {
                Some(path) => std::fs::write(&path, text)
                    .map_err(|e| format!("无法写入 {}：{e}", path.display()))?,
                None => print!("{text}"),
            }
        }
        PlanCommand::Pdf {
            id,
            out,
            paper,
            zoom,
            from,
            to,
        } => {
            let fonts = diaodu_documents::Fonts::system().map_err(|e| e.message)?;
            let o = diaodu_store::ChartPrintOptions {
                paper,
                zoom,
                from,
                to,
                show_critical: Some(true),
            };
            let pdf = store.chart_pdf(id, &o, &fonts).map_err(|e| e.message)?;
            std::fs::write(&out, pdf).map_err(|e| format!("无法写入 {}：{e}", out.display()))?;
            println!("已生成 {}", out.display());
        }
        PlanCommand::List => {
            let filter = diaodu_store::PlanFilter {
                status: Some("all".into()),
                ..Default::default()
            };
            for p in store.list_plans(&filter).map_err(|e| e.message)? {
                let finish = p.finish.unwrap_or_else(|| "-".into());
                println!(
                    "{}\t{}\t{}项任务\t计划完成 {}",
                    p.plan.id, p.plan.title, p.plan.task_count, finish
                );
            }
        }
        PlanCommand::Schedule { id, json: _ } => {
            let chart = store.chart(id, None).map_err(|e| e.message)?;
            let rows: Vec<serde_json::Value> = chart
                .tasks
                .iter()
                .map(|t| {
                    serde_json::json!({
                        "uid": t.external_uid.clone().unwrap_or_else(|| t.id.to_string()),
                        "id": t.id,
                        "name": t.name,
                        "outline": t.outline,
                        "summary": t.kind == "stage",
                        "early_start": t.early_start,
                        "early_finish": t.early_finish,
                        "late_start": t.late_start,
                        "late_finish": t.late_finish,
                        "total_float": t.total_float,
                        "free_float": t.free_float,
                        "critical": t.critical,
                        "cannot_meet_deadline": t.cannot_meet_deadline,
                    })
                })
                .collect();
            let text = serde_json::to_string_pretty(&rows).map_err(|e| format!("输出失败：{e}"))?;
            println!("{text}");
        }
    }
    Ok(())
}

/// The document fonts as the app loads them: the office's files, then installed fonts.
fn doc_fonts(store: &Store) -> Result<diaodu_documents::Fonts, String> {
    let config = store.font_config().map_err(|e| e.message)?;
    diaodu_documents::Fonts::load(&config).map_err(|e| e.message)
}

fn doc_command(store: &mut Store, command: DocCommand) -> Result<(), String> {
    match command {
        DocCommand::List { json } => {
            let docs = store
                .list_docs(&Default::default())
                .map_err(|e| e.message)?;
            if json {
                let rows: Vec<serde_json::Value> = docs
                    .iter()
                    .map(|d| {
                        serde_json::json!({"id": d.id, "kind": d.kind, "number": d.number, "status": d.status,
                            "title": d.title, "unit": d.target_unit_name, "signedAt": d.signed_at,
                            "lateReceipt": d.late_receipt, "lateCompletion": d.late_completion,
                            "taskIds": d.task_ids, "feedbackFlag": d.feedback_flag})
                    })
                    .collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?
                );
            } else {
                for d in docs {
                    let number = d.number.unwrap_or_else(|| "（草稿）".into());
                    println!(
                        "{}\t{}\t{}\t{}\t{}",
                        d.id, d.kind_label, number, d.status_label, d.title
                    );
                }
            }
        }
        DocCommand::Pdf { ids, out } => {
            let fonts = doc_fonts(store)?;
            if let [id] = ids[..] {
                let pdf = store.doc_pdf(id, &fonts).map_err(|e| e.message)?;
                std::fs::write(&out, pdf)
                    .map_err(|e| format!("无法写入 {}：{e}", out.display()))?;
                println!("已生成 {}", out.display());
            } else {
                let items = store.batch_documents(&ids).map_err(|e| e.message)?;
                let target = diaodu_documents::BatchTarget::Combined(out);
                let outcome = diaodu_documents::run_batch(&items, &fonts, &target, &|_, _| true)
                    .map_err(|e| e.message)?;
                println!("{}", outcome.message);
            }
        }
        DocCommand::Verify { code } => {
            let v = store.verify_code(&code).map_err(|e| e.message)?;
            println!("{}", v.message);
            if let Some(f) = &v.signed {
                println!("签发时的内容（请与纸面逐项核对）：");
                for (label, value) in [
                    ("类别", &f.kind_label),
                    ("文号", &f.number),
                    ("标题", &f.title),
                    ("发文机关", &f.issuer),
                    ("责任单位", &f.target_unit),
                    ("签发人", &f.signer),
                    ("签发时间", &f.signed_at),
                ] {
                    println!("  {label}：{value}");
                }
            }
            for c in &v.checks {
                println!("已核对：{c}");
            }
            println!("查验不能证明：");
            for l in &v.limits {
                println!("  {l}");
            }
            if !v.valid {
                return Err(match v.result {
                    "withdrawn" => "验证未通过：该文件已撤回作废".into(),
                    "superseded" => "验证未通过：该文件已被更正，请以更正后的文件为准".into(),
                    "changed" => "验证未通过：内容已被改动".into(),
                    _ => "验证未通过：查无此验证码".into(),
                });
            }
        }
        DocCommand::Settings { issuer, prefixes } => {
            if issuer.is_some() || !prefixes.is_empty() {
                let current = store.doc_settings().map_err(|e| e.message)?;
                let mut input = diaodu_store::DocSettingsInput {
                    issuer_name: issuer.unwrap_or(current.issuer_name),
                    seal_width_mm: Some(current.seal_width_mm),
                    ..Default::default()
                };
                for p in &prefixes {
                    let (kind, prefix) = p
                        .split_once('=')
                        .ok_or_else(|| format!("“{p}”应写成 类别=前缀，如 order=漳党调令"))?;
                    let kind = diaodu_store::PaperKind::parse(kind).map_err(|e| e.message)?;
                    let slot = match kind {
                        diaodu_store::PaperKind::Order => &mut input.order_prefix,
                        diaodu_store::PaperKind::Notice => &mut input.notice_prefix,
                        diaodu_store::PaperKind::Reminder => &mut input.reminder_prefix,
                        diaodu_store::PaperKind::StageBulletin => &mut input.bulletin_prefix,
                        diaodu_store::PaperKind::RewardBulletin => &mut input.reward_prefix,
                    };
                    *slot = Some(prefix.to_string());
                }
                store
                    .update_doc_settings(&Actor::cli(), &input)
                    .map_err(|e| e.message)?;
                println!("公文设置已保存");
            }
            let s = store.doc_settings().map_err(|e| e.message)?;
            println!("发文机关\t{}", s.issuer_name);
            for p in &s.prefixes {
                let source = if p.custom.is_some() {
                    "已设置"
                } else {
                    "按发文机关自动生成"
                };
                println!("{}\t{}\t{}（{source}）", p.kind.code(), p.label, p.prefix);
            }
        }
        DocCommand::Print {
            id,
            printer,
            copies,
        } => {
            let fonts = doc_fonts(store)?;
            let mut items = store.batch_documents(&[id]).map_err(|e| e.message)?;
            let item = items.remove(0);
            let pdf = diaodu_documents::render_pdf(&item.doc, &fonts).map_err(|e| e.message)?;
            let job =
                diaodu_documents::output::print_pdf(&pdf, printer.as_deref(), copies, &item.name)
                    .map_err(|e| e.message)?;
            println!("{}", job.message);
        }
        DocCommand::Seal { file, clear: _ } => {
            let s = store
                .set_seal_image(&Actor::cli(), file.as_deref())
                .map_err(|e| e.message)?;
            match s.seal {
                Some(f) => println!("已设置印章图片：{}（{}）", f.original_name, f.file),
                None => println!("已删除印章图片"),
            }
        }
        DocCommand::Font {
            role,
            file,
            clear: _,
        } => {
            let role = diaodu_store::parse_font_role(&role).map_err(|_| {
                format!("未知的字体用途“{role}”：应为 fang_song、xiao_biao_song、hei_ti、kai_ti 或 song_ti")
            })?;
            let s = store
                .set_doc_font(&Actor::cli(), role, file.as_deref())
                .map_err(|e| e.message)?;
            let f = s.fonts.iter().find(|f| f.role == role);
            match f.and_then(|f| f.configured.as_ref()) {
                Some(c) => println!(
                    "已设置{}字体：{}（{}）",
                    role.label(),
                    c.family.clone().unwrap_or_default(),
                    c.original_name
                ),
                None => println!("{}字体改回使用系统字体", role.label()),
            }
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("错误：{msg}");
            ExitCode::FAILURE
        }
    }
}
