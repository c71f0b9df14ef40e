//! Batch printing and saving of many notices and orders. The core renders and
//! prints (diaodu_documents::run_batch); this runs it off the UI thread, reports
//! each finished document as a `doc-batch-progress` event `{done, total}` and
//! stops between documents once `cancel_doc_batch` was called.
use super::output::{doc_err, one};
use super::parse;
use crate::dialogs;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use diaodu_documents::{run_batch, BatchOutcome, BatchTarget};
use diaodu_domain::CoreError;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicBool, Ordering};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};

/// The event the UI listens to while a batch runs.
pub const PROGRESS_EVENT: &str = "doc-batch-progress";

/// One batch at a time, and the request to stop it.
#[derive(Default)]
pub struct BatchControl {
    running: AtomicBool,
    cancel: AtomicBool,
}

/// Clears `running` however the batch ends.
struct Running<'a>(&'a BatchControl);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.running.store(false, Ordering::SeqCst);
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BatchRequest {
    ids: Vec<i64>,
    /// print, folder or combined.
    target: String,
    #[serde(default)]
    printer: Option<String>,
    #[serde(default = "one")]
    copies: u32,
}

#[derive(Serialize, Clone)]
struct Progress {
    done: usize,
    total: usize,
}

fn date_stamp() -> String {
    diaodu_domain::clock::now().format("%Y%m%d").to_string()
}

/// Where the batch goes; `None` when the user closed the native dialog.
async fn choose_target<R: Runtime>(
    app: &AppHandle<R>,
    r: &BatchRequest,
) -> ApiResult<Option<BatchTarget>> {
    Ok(match r.target.as_str() {
        "print" => Some(BatchTarget::Printer {
            printer: r.printer.clone().filter(|p| !p.trim().is_empty()),
            copies: r.copies,
        }),
        "folder" => dialogs::pick_folder(dialogs::file_dialog(
            app,
            "选择保存PDF的文件夹（每份文件一个PDF）",
        )?)
        .await
        .map(BatchTarget::Folder),
        "combined" => {
            let dialog = dialogs::file_dialog(app, "合并保存为一个PDF")?
                .set_file_name(format!(
                    "通知单和调度令-{}-{}份.pdf",
                    date_stamp(),
                    r.ids.len()
                ))
                .add_filter("PDF 文件", &["pdf"]);
            dialogs::save_file(dialog).await.map(BatchTarget::Combined)
        }
        _ => {
            return Err(ApiError::from(CoreError::validation(
                "target",
                "批量输出方式只能是打印、每份一个PDF或合并为一个PDF",
            )))
        }
    })
}

/// Prints or saves the documents `ids` in the order given. Answers the outcome
/// (how many were done, whether it was cancelled, a message), or `null` when
/// the user closed the file dialog.
#[tauri::command]
pub async fn run_doc_batch<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    control: State<'_, BatchControl>,
    input: Option<serde_json::Value>,
) -> ApiResult<Option<BatchOutcome>> {
    let r: BatchRequest = parse(input)?;
    if control.running.swap(true, Ordering::SeqCst) {
        return Err(ApiError::from(CoreError::conflict(
            "已有批量打印或保存正在进行，请等它完成或取消后再试",
        )));
    }
    let _running = Running(&control);
    control.cancel.store(false, Ordering::SeqCst);
    let items = state.act(|s, _| s.batch_documents(&r.ids))?;
    let fonts = state.fonts()?;
    let Some(target) = choose_target(&app, &r).await? else {
        return Ok(None);
    };
    let total = items.len();
    let _ = app.emit(PROGRESS_EVENT, Progress { done: 0, total });
    let handle = app.clone();
    let outcome = tauri::async_runtime::spawn_blocking(move || {
        let control = handle.state::<BatchControl>();
        run_batch(&items, &fonts, &target, &|done, total| {
            let _ = handle.emit(PROGRESS_EVENT, Progress { done, total });
            !control.cancel.load(Ordering::SeqCst)
        })
    })
    .await
    .map_err(|e| ApiError::from(CoreError::internal(format!("批量任务异常结束：{e}"))))?
    .map_err(doc_err)?;
    Ok(Some(outcome))
}

#[derive(Serialize)]
pub struct CancelAnswer {
    /// Whether a batch was running to be stopped.
    running: bool,
}

/// Asks the running batch to stop after the document it is on.
#[tauri::command]
pub async fn cancel_doc_batch(control: State<'_, BatchControl>) -> ApiResult<CancelAnswer> {
    let running = control.running.load(Ordering::SeqCst);
    if running {
        control.cancel.store(true, Ordering::SeqCst);
    }
    Ok(CancelAnswer { running })
}
