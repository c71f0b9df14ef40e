//! One command contract: the commands registered in `src/lib.rs`
//! (`generate_handler!`), the commands the window calls (`call('name', …)` in
//! the API modules, `ui/js/api/*.js`) and the commands documented in `docs/ipc*.md`
//! (the first column of the tables headed `| command |`) are one set.
//! Reads the files only; builds no app.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The last path segment of every entry of `generate_handler![…]`.
fn registered(lib_rs: &str) -> BTreeSet<String> {
    let start = lib_rs
        .find("generate_handler![")
        .expect("src-tauri/src/lib.rs has no generate_handler![");
    let body = &lib_rs[start + "generate_handler![".len()..];
    let body = &body[..body.find(']').expect("generate_handler! is not closed")];
    let body: String = body
        .lines()
        .map(|line| line.split("//").next().unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    body.split(',')
        .map(|entry| entry.trim())
        .filter(|entry| !entry.is_empty())
        .map(|entry| entry.rsplit("::").next().unwrap().trim().to_string())
        .collect()
}

/// The files of `dir` (under the repository) whose names pass `keep`, sorted.
fn files_in(dir: &str, keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let dir = repo().join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| keep(&p.file_name().unwrap().to_string_lossy()))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no files to read in {}", dir.display());
    files
}

/// The API modules: `ui/js/api/*.js`.
fn api_modules() -> Vec<PathBuf> {
    files_in("ui/js/api", |name| name.ends_with(".js"))
}

/// The command contracts: `docs/ipc*.md`.
fn ipc_docs() -> Vec<PathBuf> {
    files_in("docs", |name| {
        name.starts_with("ipc") && name.ends_with(".md")
    })
}

/// The names in `call('name'` (or `call("name"`), file by file.
fn called(sources: &[(String, String)]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (file, text) in sources {
        let mut rest = text.as_str();
        while let Some(at) = rest.find("call(") {
            rest = &rest[at + "call(".len()..];
            let Some(quote) = rest.chars().next().filter(|c| *c == '\'' || *c == '"') else {
                continue;
            };
            let inner = &rest[1..];
            let Some(end) = inner.find(quote) else {
                continue;
            };
            let name = &inner[..end];
            if is_name(name) {
                out.entry(name.to_string()).or_insert_with(|| file.clone());
            }
        }
    }
    out
}

/// The backticked names in the first cell of every row of the tables whose
/// header's first cell is `command`, file by file.
fn documented(docs: &[(String, String)]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (file, text) in docs {
        let mut in_table = false;
        for line in text.lines() {
            let line = line.trim();
            if !line.starts_with('|') {
                in_table = false;
                continue;
            }
            let first = line[1..].split('|').next().unwrap_or("").trim();
            if first == "command" {
                in_table = true;
                continue;
            }
            if !in_table || first.starts_with("---") {
                continue;
            }
            for (i, part) in first.split('`').enumerate() {
                if i % 2 == 1 && is_name(part) {
                    out.entry(part.to_string()).or_insert_with(|| file.clone());
                }
            }
        }
    }
    out
}

fn sources(files: &[PathBuf]) -> Vec<(String, String)> {
    let root = repo();
    files
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(&root).unwrap_or(p).display().to_string();
            (rel, read(p))
        })
        .collect()
}

/// Every way the three sets differ, each said with where to fix it.
fn differences(
    registered: &BTreeSet<String>,
    called: &BTreeMap<String, String>,
    documented: &BTreeMap<String, String>,
) -> Vec<String> {
    let mut problems = Vec::new();
    for name in registered {
        if !called.contains_key(name) {
            problems.push(format!(
                "`{name}` is registered in src-tauri/src/lib.rs but no API module calls it: \
                 add `call('{name}', …)` to the module of its area in ui/js/api/, \
                 or remove the command"
            ));
        }
        if !documented.contains_key(name) {
            problems.push(format!(
                "`{name}` is registered in src-tauri/src/lib.rs but not documented: \
                 add a row `| `{name}` | input | returns |` to the `| command |` table \
                 of its area in docs/ipc*.md"
            ));
        }
    }
    for (name, file) in called {
        if !registered.contains(name) {
            problems.push(format!(
                "`{name}` is called from {file} but not registered: add it to \
                 generate_handler![…] in src-tauri/src/lib.rs, or remove the call"
            ));
        }
    }
    for (name, file) in documented {
        if !registered.contains(name) {
            problems.push(format!(
                "`{name}` is documented in {file} but not registered: add it to \
                 generate_handler![…] in src-tauri/src/lib.rs, or remove the row"
            ));
        }
    }
    problems
}

#[test]
fn registered_called_and_documented_commands_are_one_set() {
    let registered = registered(&read(&repo().join("src-tauri/src/lib.rs")));
    assert!(
        registered.len() > 100,
        "found only {} registered commands: is generate_handler! still in src-tauri/src/lib.rs?",
        registered.len()
    );
    let called = called(&sources(&api_modules()));
    let documented = documented(&sources(&ipc_docs()));
    let problems = differences(&registered, &called, &documented);
    assert!(
        problems.is_empty(),
        "the command contract does not hold ({} problems):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

#[test]
fn the_contract_check_names_what_is_missing_and_where() {
    let registered = registered(
        "tauri::generate_handler![\n  a::app_info,\n  b::only_here, // note\n  c::list_units\n]",
    );
    assert_eq!(registered.len(), 3);
    let called = called(&[(
        "ui/js/api/x.js".into(),
        "call('app_info'); call(\"list_units\", {}); call(name); call('ui_only')".into(),
    )]);
    let documented = documented(&[(
        "docs/ipc.md".into(),
        "| command | input |\n|---|---|\n| `app_info` / `list_units` | `{id}` |\n\n\
         | figure | counts |\n|---|---|\n| `not_a_command` | x |\n"
            .into(),
    )]);
    let problems = differences(&registered, &called, &documented);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems[0].contains("`only_here`") && problems[0].contains("ui/js/api/"));
    assert!(problems[1].contains("`only_here`") && problems[1].contains("docs/ipc*.md"));
    assert!(problems[2].contains("`ui_only`") && problems[2].contains("ui/js/api/x.js"));
}
