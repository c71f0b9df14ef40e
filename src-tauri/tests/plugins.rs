//! The app as `run()` builds it (the shared `app()` builder) has every plugin
//! the shell's code uses, and the window is granted none of their commands.
use diaodu_app::{app, AppState};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::Manager;

fn built(dir: &Path) -> tauri::App<MockRuntime> {
    app(mock_builder(), AppState::open(dir.to_path_buf()))
        .build(mock_context(noop_assets()))
        .unwrap()
}

/// Every `tauri_plugin_<name>` the shell's sources name, as the plugin's
/// registered name (`tauri_plugin_single_instance` → `single-instance`).
fn plugins_named_in(dir: &Path, found: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            plugins_named_in(&path, found);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, _) in text.match_indices("tauri_plugin_") {
            let name: String = text[i + "tauri_plugin_".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name.replace('_', "-"));
            }
        }
    }
}

#[test]
fn every_plugin_the_commands_use_is_registered() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut used = BTreeSet::new();
    plugins_named_in(&src, &mut used);
    // The save, open and folder dialogs of the commands (dialogs.rs).
    assert!(used.contains("dialog"), "plugins found: {used:?}");

    let dir = tempfile::tempdir().unwrap();
    let app = built(dir.path());
    // What `app.dialog()` reads: without the plugin it panics in every
    // command that opens a native dialog.
    assert!(
        app.try_state::<tauri_plugin_dialog::Dialog<MockRuntime>>()
            .is_some(),
        "the dialog plugin's state is not managed"
    );
    for name in &used {
        assert!(
            app.handle().remove_plugin(name),
            "the shell uses tauri_plugin_{} but app() does not register the plugin \"{name}\"",
            name.replace('-', "_")
        );
    }
}

#[test]
fn the_window_is_granted_no_plugin_of_its_own() {
    // Dialogs open from Rust, so the window needs none of the dialog plugin's
    // commands; a script in it gets no file dialog, file system or shell.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/default.json");
    let capability: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let granted: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().or_else(|| p["identifier"].as_str()).unwrap())
        .collect();
    assert!(!granted.is_empty());
    for permission in granted {
        assert!(
            permission.starts_with("core:"),
            "the window is granted {permission}"
        );
    }
}
