//! The desktop notification of today's due and overdue records: once when
//! the app starts and then once a day (from 08:00) while it runs. The list is
//! the core's (`Store::today_alerts`), the same one the dashboard and the
//! status bar show. Showing it never blocks anything and never fails the app:
//! it runs on its own thread, and without a notification service (a bare
//! Xvfb session, a locked-down desktop) the outcome is only recorded.
use crate::state::AppState;
use chrono::Timelike;
use serde::Serialize;
use std::sync::Mutex;
use tauri::{AppHandle, Manager, Runtime};

/// What the last attempt did, for the `notification_status` command.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotifyOutcome {
    pub at: String,
    /// shown, unavailable (no notification service) or nothing (nothing due).
    pub result: &'static str,
    pub summary: String,
    pub lines: Vec<String>,
    pub message: String,
}

static LAST: Mutex<Option<NotifyOutcome>> = Mutex::new(None);

pub fn last_outcome() -> Option<NotifyOutcome> {
    LAST.lock().ok().and_then(|g| g.clone())
}

fn record(o: NotifyOutcome) {
    if let Ok(mut g) = LAST.lock() {
        *g = Some(o);
    }
}

fn show(summary: String, lines: Vec<String>) {
    std::thread::spawn(move || {
        let at = diaodu_domain::clock::now()
            .format("%Y-%m-%d %H:%M:%S")
            .to_string();
        let shown = notify_rust::Notification::new()
            .appname("党建调度台")
            .summary(&format!("党建调度台：{summary}"))
            .body(&lines.join("\n"))
            .show();
        let (result, message) = match shown {
            Ok(_) => ("shown", String::new()),
            Err(e) => {
                eprintln!("桌面通知未能显示（{e}）：{summary}");
                ("unavailable", e.to_string())
            }
        };
        record(NotifyOutcome {
            at,
            result,
            summary,
            lines,
            message,
        });
    });
}

/// Checks now, then every ten minutes; notifies at start and on the first
/// check of each new day from 08:00.
pub fn spawn_daily_alerts<R: Runtime>(handle: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let mut last_day = None;
        loop {
            let now = diaodu_domain::clock::now();
            let today = now.date();
            let due = match last_day {
                None => true,
                Some(d) => d != today && now.hour() >= 8,
            };
            if due {
                last_day = Some(today);
                let alerts = {
                    let state = handle.state::<AppState>();
                    state.store().ok().and_then(|s| s.today_alerts().ok())
                };
                match alerts {
                    Some(a)
                        if !a.due_today.is_empty()
                            || !a.overdue.is_empty()
                            || a.periodic_due_today + a.periodic_overdue > 0 =>
                    {
                        show(a.summary, a.lines)
                    }
                    Some(a) => record(NotifyOutcome {
                        at: now.format("%Y-%m-%d %H:%M:%S").to_string(),
                        result: "nothing",
                        summary: a.summary,
                        lines: Vec::new(),
                        message: String::new(),
                    }),
                    None => {}
                }
            }
            tokio::time::sleep(std::time::Duration::from_secs(600)).await;
        }
    });
}
