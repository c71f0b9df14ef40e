//! The desktop shell: starts the window, holds the open store and the
//! session, and exposes the core through IPC commands. No business rules here.

mod commands;
mod dialogs;
mod error;
mod notify;
mod state;

pub use error::ApiError;
pub use state::AppState;

use std::path::PathBuf;
use tauri::{Builder, Manager, Runtime};

/// `--data-dir DIR` or `--data-dir=DIR` from the command line, if given.
pub fn data_dir_arg(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        if a == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(v) = a.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(v));
        }
    }
    None
}

/// Names the type of the command handler `generate_handler!` makes, so it
/// can be wrapped (see the raw-body check in `app`).
fn handler<R: Runtime, F: Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static>(f: F) -> F {
    f
}

/// Registers plugins, state and commands; shared by the real app and the IPC
/// tests, so a plugin a command needs is registered in both.
pub fn app<R: Runtime>(builder: Builder<R>, state: AppState) -> Builder<R> {
    use commands::{
        admin, assessment as assess, attachments, batch, closed_loop, doc_settings, docs, org,
        output, plans, registers, session, spec, supervision, supervision_output,
    };
    let commands = handler::<R, _>(tauri::generate_handler![
        session::app_info,
        session::setup_admin,
        session::login,
        session::logout,
        session::current_session,
        session::heartbeat,
        session::lock,
        session::unlock,
        session::change_password,
        session::startup_ready,
        org::list_units,
        org::create_unit,
        org::update_unit,
        org::retire_unit,
        org::reinstate_unit,
        org::list_people,
        org::create_person,
        org::update_person,
        org::retire_person,
        org::reinstate_person,
        org::list_assistance_points,
        org::create_assistance_point,
        org::end_assistance_point,
        org::list_pairings,
        org::create_pairing,
        org::end_pairing,
        admin::list_users,
        admin::create_user,
        admin::update_user,
        admin::reset_password,
        admin::list_audit,
        admin::get_settings,
        admin::update_settings,
        admin::backup_now,
        admin::load_sample,
        plans::list_plans,
        plans::get_plan,
        plans::create_plan,
        plans::update_plan,
        plans::archive_plan,
        plans::restore_plan,
        plans::get_chart,
        plans::create_task,
        plans::update_task,
        plans::move_task,
        plans::reparent_task,
        plans::delete_task,
        plans::restore_tasks,
        plans::cancel_task,
        plans::resume_task,
        plans::create_link,
        plans::update_link,
        plans::delete_link,
        plans::save_baseline,
        plans::list_baselines,
        plans::baseline_variance,
        plans::calendar_year,
        plans::list_calendar_days,
        plans::set_calendar_day,
        plans::remove_calendar_day,
        docs::list_docs,
        docs::get_doc,
        docs::create_doc,
        docs::update_doc,
        docs::amend_doc,
        docs::sign_doc,
        docs::receive_doc,
        docs::start_doc,
        docs::complete_doc,
        docs::withdraw_doc,
        docs::verify_code,
        docs::notices_from_tasks,
        docs::orders_from_tasks,
        docs::task_docs,
        output::preview_doc,
        output::preview_page,
        output::save_doc_pdf,
        output::list_printers,
        output::print_doc,
        output::preview_chart,
        output::save_chart_pdf,
        output::print_chart,
        output::import_plan_text,
        output::export_plan_file,
        batch::run_doc_batch,
        batch::cancel_doc_batch,
        doc_settings::get_doc_settings,
        doc_settings::update_doc_settings,
        doc_settings::choose_doc_font,
        doc_settings::clear_doc_font,
        doc_settings::choose_seal_image,
        doc_settings::clear_seal_image,
        doc_settings::seal_image_preview,
        doc_settings::doc_fonts_in_use,
        spec::list_spec_items,
        spec::get_spec_item,
        spec::create_spec_item,
        spec::update_spec_item,
        spec::retire_spec_item,
        spec::reinstate_spec_item,
        spec::generate_spec_period,
        spec::spec_overview,
        spec::spec_checklist,
        spec::spec_item_progress,
        spec::mark_spec_done,
        spec::mark_spec_done_many,
        spec::spec_due,
        spec::send_spec_reminder,
        spec::unmark_spec_done,
        spec::spec_omissions,
        spec::preview_spec_import,
        spec::apply_spec_import,
        spec::export_spec_xlsx,
        spec::preview_omission_report,
        spec::save_omission_report_pdf,
        spec::print_omission_report,
        attachments::pick_attachment_files,
        attachments::stage_attachment,
        attachments::attachment_thumbnail,
        attachments::open_attachment,
        attachments::get_attachment_settings,
        attachments::update_attachment_settings,
        closed_loop::add_feedback,
        closed_loop::list_feedback,
        closed_loop::loop_status,
        closed_loop::loop_owners,
        closed_loop::close_loop,
        closed_loop::reopen_loop,
        closed_loop::timeline,
        closed_loop::list_rectifications,
        closed_loop::get_rectification,
        closed_loop::create_rectification,
        closed_loop::update_rectification,
        closed_loop::verify_rectification,
        closed_loop::close_rectification,
        closed_loop::reopen_rectification,
        supervision::list_supervisions,
        supervision::create_supervision,
        supervision::target_supervision,
        supervision::reminder_list,
        supervision::send_reminder,
        supervision::list_reminders_sent,
        supervision::today_alerts,
        supervision::notification_status,
        supervision::dashboard,
        supervision::list_meetings,
        supervision::get_meeting,
        supervision::create_meeting,
        supervision::update_meeting,
        supervision::cancel_meeting,
        supervision::add_decision,
        supervision::update_decision,
        supervision::remove_decision,
        supervision::decision_to_task,
        supervision::decision_to_doc,
        supervision::record_bulletin_read,
        supervision::list_summary_stages,
        supervision::list_summaries,
        supervision::get_summary,
        supervision::generate_summary,
        supervision::update_summary,
        supervision::issue_summary,
        supervision::withdraw_summary,
        supervision::annual_stats,
        supervision_output::preview_reminder,
        supervision_output::save_reminder_pdf,
        supervision_output::print_reminder,
        supervision_output::preview_summary,
        supervision_output::save_summary_pdf,
        supervision_output::print_summary,
        supervision_output::preview_stats,
        supervision_output::save_stats_pdf,
        supervision_output::save_stats_xlsx,
        supervision_output::print_stats,
        assess::list_rule_sets,
        assess::create_rule_set,
        assess::update_rule_set,
        assess::add_rule,
        assess::update_rule,
        assess::remove_rule,
        assess::revise_rule_set,
        assess::activate_rule_set,
        assess::list_assessment_periods,
        assess::list_assessment_records,
        assess::assessment_ranking,
        assess::add_assessment_record,
        assess::add_assessment_adjustment,
        assess::propose_assessments,
        assess::decide_assessment_records,
        assess::cancel_assessment_record,
        assess::close_assessment_period,
        assess::get_evidence,
        assess::list_rewards,
        assess::create_reward,
        assess::issue_bulletin,
        assess::duty_roster,
        assess::list_duty_users,
        assess::set_leader_duty,
        assess::fill_leader_roster,
        assess::swap_leader_duty,
        assess::set_dispatcher_shift,
        assess::duty_now,
        assess::list_handovers,
        assess::create_handover,
        assess::add_handover_item,
        assess::finish_handover_item,
        assess::confirm_handover,
        assess::list_hotline_calls,
        assess::create_hotline_call,
        assess::update_hotline_call,
        assess::convert_hotline_call,
        assess::list_inspections,
        assess::create_inspection,
        assess::add_inspection_finding,
        assess::preview_report,
        assess::save_report_pdf,
        assess::save_report_xlsx,
        assess::print_report,
        registers::list_visits,
        registers::get_visit,
        registers::create_visit,
        registers::update_visit,
        registers::problem_to_task,
        registers::problem_to_rectification,
        registers::solve_problem_onsite,
        registers::list_emergencies,
        registers::get_emergency,
        registers::create_emergency,
        registers::update_emergency,
        registers::close_emergency,
        registers::duty_for_time,
        registers::preview_emergency,
        registers::save_emergency_pdf,
        registers::print_emergency,
        registers::list_post_duties,
        registers::create_post_duty,
        registers::update_post_duty,
        registers::list_archive,
        registers::get_archive_file,
        registers::create_archive_file,
        registers::update_archive_file,
        registers::retire_archive_file,
    ]);
    builder
        // Native file dialogs, opened from Rust only (src/dialogs.rs); the
        // window's capability grants none of the plugin's own commands (its
        // script's window.alert/confirm are therefore refused: the UI has
        // its own dialogs and uses neither).
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .manage(commands::batch::BatchControl::default())
        // A body of raw bytes (the window sends JSON only) is refused with
        // the same {code, message} as any other malformed input; Tauri
        // would answer an English string before the command runs.
        .invoke_handler(move |invoke| {
            if let tauri::ipc::InvokeBody::Raw(_) = invoke.message.payload() {
                invoke
                    .resolver
                    .reject(ApiError::bad_input("应为 JSON 对象 {input: …}"));
                return true;
            }
            commands(invoke)
        })
}

/// Makes the daily backup at start and checks again every hour, so a
/// workstation left running for days still gets one backup a day.
fn spawn_auto_backup<R: Runtime>(handle: tauri::AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        loop {
            let state = handle.state::<AppState>();
            if let Ok(mut store) = state.store() {
                if let Err(e) = store.auto_backup_if_due() {
                    eprintln!("自动备份失败：{e}");
                }
                // Files copied in for forms never saved, a day on.
                let _ = store.prune_staged_attachments();
            }
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
        }
    });
}

/// Generates the current and coming month of the work specification,
/// records omissions and drafts the summary of every stage that has ended,
/// at start and then hourly, so the lists and drafts are there when the
/// office opens them and a month's turn is noticed while running.
fn spawn_spec_periods<R: Runtime>(handle: tauri::AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        loop {
            let state = handle.state::<AppState>();
            if let Ok(mut store) = state.store() {
                let today = diaodu_domain::clock::today();
                if let Err(e) = store.prepare_spec_periods(today) {
                    eprintln!("生成周期工作失败：{e}");
                }
                if let Err(e) = store.draft_ended_stages(today) {
                    eprintln!("生成阶段总结草稿失败：{e}");
                }
            }
            tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
        }
    });
}

pub fn run() {
    // A fixed "today" (`--today YYYY-MM-DD` or DIAODU_TODAY) for tests and
    // rehearsals; a malformed one stops the start rather than running on the
    // real day unnoticed.
    let today = diaodu_domain::clock::today_arg(std::env::args().skip(1));
    if let Err(e) = diaodu_domain::clock::fix_today_from(today.as_deref()) {
        eprintln!("党建调度台无法启动：{e}");
        std::process::exit(2);
    }
    let data_dir = diaodu_store::resolve_data_dir(data_dir_arg(std::env::args().skip(1)));
    let state = AppState::open(data_dir);
    let result = app(tauri::Builder::default(), state)
        .setup(|app| {
            spawn_auto_backup(app.handle().clone());
            spawn_spec_periods(app.handle().clone());
            notify::spawn_daily_alerts(app.handle().clone());
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("党建调度台无法启动：{e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_dir_argument_forms() {
        let a = |v: &[&str]| data_dir_arg(v.iter().map(|s| s.to_string()));
        assert_eq!(a(&["--data-dir", "/x"]), Some(PathBuf::from("/x")));
        assert_eq!(a(&["--data-dir=/y"]), Some(PathBuf::from("/y")));
        assert_eq!(a(&["--other"]), None);
        assert_eq!(a(&["--data-dir"]), None);
    }
}
