//! Native file dialogs (tauri-plugin-dialog), opened from Rust so the webview
//! needs no file access and no dialog permission.
//!
//! The plugin's callback API is awaited rather than its `blocking_*` calls:
//! a command then waits for the user without holding a thread. A blocking
//! call would hold one of the async runtime's workers (two on the office's
//! machines) for as long as the dialog stays open, and on the main thread,
//! where GTK draws the dialog, it would never return.
use crate::error::ApiResult;
use diaodu_domain::CoreError;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::{Dialog, FileDialogBuilder, FilePath};
use tokio::sync::oneshot;

/// A file dialog with `title`, over the main window where the platform
/// supports a parent (Windows, macOS), so it stays in front of the app.
/// Answers an error, not a panic, should the plugin not be registered.
pub(crate) fn file_dialog<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
) -> ApiResult<FileDialogBuilder<R>> {
    let dialog = app.try_state::<Dialog<R>>().ok_or_else(|| {
        CoreError::internal("无法打开文件对话框：程序未加载对话框组件，请重新安装党建调度台")
    })?;
    let builder = dialog.file().set_title(title);
    Ok(match app.get_webview_window("main") {
        Some(window) => builder.set_parent(&window),
        None => builder,
    })
}

/// Runs `show` with a callback and waits for what it is given; `None` when
/// the callback is dropped unanswered (the app is closing).
async fn answer<T: Send + 'static>(show: impl FnOnce(Box<dyn FnOnce(T) + Send>)) -> Option<T> {
    let (tx, rx) = oneshot::channel();
    show(Box::new(move |value| {
        // The command may have been dropped meanwhile; nothing waits then.
        let _ = tx.send(value);
    }));
    rx.await.ok()
}

fn local(path: FilePath) -> Option<PathBuf> {
    path.into_path().ok()
}

/// The save dialog: the chosen path, or `None` when it was closed.
pub(crate) async fn save_file<R: Runtime>(dialog: FileDialogBuilder<R>) -> Option<PathBuf> {
    answer(|done| dialog.save_file(done))
        .await
        .flatten()
        .and_then(local)
}

/// The open dialog for one file.
pub(crate) async fn pick_file<R: Runtime>(dialog: FileDialogBuilder<R>) -> Option<PathBuf> {
    answer(|done| dialog.pick_file(done))
        .await
        .flatten()
        .and_then(local)
}

/// The open dialog for several files; empty when it was closed.
pub(crate) async fn pick_files<R: Runtime>(dialog: FileDialogBuilder<R>) -> Vec<PathBuf> {
    answer(|done| dialog.pick_files(done))
        .await
        .flatten()
        .unwrap_or_default()
        .into_iter()
        .filter_map(local)
        .collect()
}

/// The folder dialog.
pub(crate) async fn pick_folder<R: Runtime>(dialog: FileDialogBuilder<R>) -> Option<PathBuf> {
    answer(|done| dialog.pick_folder(done))
        .await
        .flatten()
        .and_then(local)
}
