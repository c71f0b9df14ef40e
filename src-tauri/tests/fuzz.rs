//! Malformed payloads through every IPC command registered in `app()`, over
//! the real IPC layer (tauri::test, mock runtime).
//!
//! Each payload goes to one command, as the administrator with the sample
//! loaded (most), as a viewer, locked or logged out. What must hold for every
//! one of them: no panic, the process keeps running, and a refused payload
//! answers `{code, message}` with a Chinese message and writes nothing (the
//! database's commit counter, its row counts and the files of the data
//! directory are compared before and after). Payloads the commands accept as
//! valid are counted and may write.
//!
//! `DIAODU_FUZZ_COUNT` (default 10 000) and `DIAODU_FUZZ_SEED` (default
//! 20261204) choose the run; `make fuzz` runs 100 000. The same seed gives
//! the same payloads in the same order.
mod common;

use diaodu_app::{app, AppState};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tauri::ipc::InvokeBody;
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::{Manager, WebviewWindow};

const ADMIN_PASSWORD: &str = "Admin#2026";
const DEFAULT_SEED: u64 = 20_261_204;
const DEFAULT_COUNT: usize = 10_000;

// ---------------------------------------------------------------- commands

/// The commands of `generate_handler![...]` in lib.rs, in their order: the
/// list `run()` registers, read from its source so it cannot drift. (Each
/// is also called once below and must not answer "command not found".)
fn registered_commands() -> Vec<String> {
    let lib = include_str!("../src/lib.rs");
    let start = lib
        .find("generate_handler![")
        .expect("lib.rs registers its commands with generate_handler!");
    let body = &lib[start + "generate_handler![".len()..];
    let body = &body[..body.find(']').expect("generate_handler! is closed")];
    let names: Vec<String> = body
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|path| path.rsplit("::").next().unwrap().to_string())
        .collect();
    let unique: BTreeSet<&String> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "a command registered twice");
    names
}

/// The field names each command's input has, from the contract tables of
/// docs/ipc*.md, so that most payloads reach past the first field; commands
/// the docs do not describe get the field names of all the others.
fn documented_fields() -> BTreeMap<String, Vec<String>> {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    let mut fields: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(docs).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !(name.starts_with("ipc") && name.ends_with(".md")) {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines() {
            let cells: Vec<&str> = line.split(" | ").collect();
            if !line.starts_with("| `") || cells.len() < 2 {
                continue;
            }
            let names = backticked(cells[0]);
            let keys = identifiers(cells[1]);
            for n in names {
                fields.entry(n).or_default().extend(keys.iter().cloned());
            }
        }
    }
    fields
}

fn backticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| s.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .map(str::to_string)
        .collect()
}

/// camelCase identifiers in a cell (`{planId, parentId|null, ...}`).
fn identifiers(cell: &str) -> Vec<String> {
    let mut out = BTreeSet::new();
    let mut word = String::new();
    for c in cell.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() {
            word.push(c);
            continue;
        }
        if word.len() > 1
            && word.starts_with(|c: char| c.is_ascii_lowercase())
            && !matches!(word.as_str(), "null" | "true" | "false")
        {
            out.insert(word.clone());
        }
        word.clear();
    }
    out.into_iter().collect()
}

/// Lower-case words in backticks of the contract (`print`, `folder`,
/// `dispatcher`, `closed`, ...): the values enum-like fields take.
fn documented_words() -> Vec<String> {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    let mut words = BTreeSet::new();
    for entry in std::fs::read_dir(docs).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for w in backticked(&text) {
            if (2..24).contains(&w.len()) && !w.contains('_') {
                words.insert(w);
            }
        }
        for part in text.split('"').skip(1).step_by(2) {
            if (2..24).contains(&part.len()) && part.chars().all(|c| c.is_ascii_lowercase()) {
                words.insert(part.to_string());
            }
        }
    }
    words.into_iter().collect()
}

// ---------------------------------------------------------------- payloads

/// splitmix64: a fixed seed gives the same payloads on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

struct Gen {
    rng: Rng,
    words: Vec<String>,
    all_fields: Vec<String>,
}

const DATES: &[&str] = &[
    "2026-12-04",
    "2026-12-01",
    "2026-11-30",
    "2027-01-15",
    "2026-02-30",
    "2026-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-12-32",
    "",
    " ",
    "abc",
    "9999-12-31",
    "0000-01-01",
    "-2026-01-01",
    "+262143-12-31",
    "2026-1-1",
    "2026/12/04",
    "20261204",
    "二〇二六年十二月四日",
    "2026-12-04T08:00:00",
    "2026-12-04 08:00:00",
    "2026-12-04 25:61:99",
    "2026-12-04 08:00",
    "1970-01-01",
    "2026-12-04\u{0}",
];

const TEXTS: &[&str] = &[
    "",
    " ",
    "a",
    "测试",
    "矿党委",
    "第一党支部",
    "组织部",
    "调度令",
    "DIAODU-VERIFY:ABCDE-12345",
    "ABCDE-12345",
    "'; DROP TABLE app_user; --",
    "%s%n%x",
    "../../../etc",
    "..\\..\\windows",
    "C:\\Windows",
    "\u{0}",
    "\u{1}\u{7}\u{8}\u{1b}[31m红\u{1b}[0m",
    "换行\r\n制表\t",
    "\u{202e}反向文字",
    "\u{feff}零宽\u{200b}",
    "👍🏽🇨🇳",
    "\u{fffd}",
    "-1",
    "0",
    "9223372036854775807",
    "1e309",
    "NaN",
    "null",
    "true",
    "{}",
    "[]",
    "<script>alert(1)</script>",
    "Admin#2026",
    "admin",
    "viewer",
    "x1234567",
];

const IDS: &[i64] = &[
    1,
    2,
    3,
    4,
    5,
    6,
    7,
    8,
    10,
    12,
    15,
    20,
    30,
    50,
    0,
    -1,
    -2,
    i64::MAX,
    i64::MIN,
    i64::MAX - 1,
    4_294_967_296,
    2_147_483_648,
];

impl Gen {
    fn string(&mut self) -> String {
        match self.rng.below(20) {
            0 => "测".repeat(1 + self.rng.below(30_000)),
            1 => "x".repeat(1 + self.rng.below(100_000)),
            // A megabyte, now and then.
            2 if self.rng.chance(5) => "党".repeat(350_000),
            3 => {
                // Control characters, every one of them.
                (0u32..0x20).filter_map(char::from_u32).collect()
            }
            4..=7 => self.rng.pick(&self.words).clone(),
            8..=9 => self.rng.pick(DATES).to_string(),
            _ => self.rng.pick(TEXTS).to_string(),
        }
    }

    fn number(&mut self) -> Value {
        match self.rng.below(12) {
            0 => json!(u64::MAX),
            1 => json!(-0.0),
            2 => json!(1.5),
            3 => json!(1e300),
            4 => json!(-1e300),
            5 => json!(99),
            6 => json!(100),
            7 => json!(1_000_000_000),
            _ => json!(*self.rng.pick(IDS)),
        }
    }

    fn id(&mut self) -> Value {
        match self.rng.below(20) {
            0 => json!(u64::MAX),
            1 => json!(1.5),
            2 => json!("1"),
            3 => Value::Null,
            4 => json!([1]),
            5 => json!({"id": 1}),
            6 => json!(true),
            _ => json!(*self.rng.pick(IDS)),
        }
    }

    fn date(&mut self) -> Value {
        match self.rng.below(12) {
            0 => Value::Null,
            1 => json!(20_261_204),
            2 => json!(["2026-12-04"]),
            _ => json!(self.rng.pick(DATES)),
        }
    }

    /// Anything at all, `depth` levels deep at most.
    fn any(&mut self, depth: usize) -> Value {
        match self.rng.below(if depth == 0 { 6 } else { 9 }) {
            0 => Value::Null,
            1 => json!(self.rng.chance(50)),
            2 => self.number(),
            3 | 4 => json!(self.string()),
            5 => self.date(),
            6 => {
                let n = self.rng.below(6);
                Value::Array((0..n).map(|_| self.any(depth - 1)).collect())
            }
            7 => {
                let n = self.rng.below(5);
                let mut m = Map::new();
                for _ in 0..n {
                    let k = if self.rng.chance(50) {
                        self.rng.pick(&self.all_fields).clone()
                    } else {
                        self.string().chars().take(40).collect()
                    };
                    m.insert(k, self.any(depth - 1));
                }
                Value::Object(m)
            }
            _ => self.nested(),
        }
    }

    /// Junk nested deep: `[[[[...]]]]` or `{"a":{"a":...}}`.
    fn nested(&mut self) -> Value {
        let depth = 1 + self.rng.below(120);
        let array = self.rng.chance(50);
        let mut v = json!("底");
        for _ in 0..depth {
            v = if array {
                json!([v])
            } else {
                json!({ "id": v })
            };
        }
        v
    }

    /// A value for field `key`, by what its name says it holds.
    fn field(&mut self, key: &str) -> Value {
        if self.rng.chance(20) {
            return self.any(3);
        }
        let k = key.to_ascii_lowercase();
        if k.ends_with("ids") {
            let n = self.rng.below(6);
            return Value::Array((0..n).map(|_| self.id()).collect());
        }
        if k == "id" || k.ends_with("id") || k == "token" {
            return self.id();
        }
        if k.contains("date")
            || k.contains("day")
            || k.ends_with("at")
            || k.contains("asof")
            || k == "from"
            || k == "to"
            || k.contains("start")
            || k.contains("finish")
            || k.contains("deadline")
            || k.contains("until")
            || k.contains("due")
            || k.contains("time")
        {
            return self.date();
        }
        if k.contains("password") {
            return json!(if self.rng.chance(15) {
                ADMIN_PASSWORD.to_string()
            } else {
                self.string()
            });
        }
        if k.contains("year") {
            return json!(*self.rng.pick(&[2026, 2027, 0, -1, 1900, 9999, i64::MAX]));
        }
        if [
            "copies", "page", "count", "limit", "offset", "max", "min", "duration", "progress",
            "score", "points", "month", "keep", "minutes", "order", "level", "amount", "days",
        ]
        .iter()
        .any(|w| k.contains(w))
        {
            return self.number();
        }
        if k.starts_with("include") || k.starts_with("is") || k == "milestone" || k == "all" {
            return if self.rng.chance(70) {
                json!(self.rng.chance(50))
            } else {
                self.any(1)
            };
        }
        json!(self.string())
    }

    /// The `input` of one call to a command with documented `fields`.
    fn input(&mut self, fields: &[String]) -> Value {
        match self.rng.below(100) {
            0..=4 => Value::Null,
            5..=9 => self.any(2),
            10..=11 => self.nested(),
            12..=13 => json!(self.string()),
            14..=15 => json!([{}]),
            _ => {
                let mut m = Map::new();
                let fields: Vec<String> = if fields.is_empty() || self.rng.chance(10) {
                    (0..self.rng.below(5))
                        .map(|_| self.rng.pick(&self.all_fields).clone())
                        .collect()
                } else {
                    fields.to_vec()
                };
                for f in &fields {
                    if self.rng.chance(85) {
                        let v = self.field(f);
                        m.insert(f.clone(), v);
                    }
                }
                if self.rng.chance(10) {
                    let k = self.string().chars().take(30).collect();
                    m.insert(k, self.any(2));
                }
                Value::Object(m)
            }
        }
    }

    /// The whole body of an invoke: `{input}` mostly, sometimes not.
    fn body(&mut self, fields: &[String]) -> InvokeBody {
        match self.rng.below(100) {
            0 => InvokeBody::Json(json!({})),
            1 => InvokeBody::Json(self.any(2)),
            2 => InvokeBody::Raw(self.string().into_bytes()),
            3 => InvokeBody::Json(json!({"input": self.input(fields), "extra": self.any(1)})),
            _ => InvokeBody::Json(json!({ "input": self.input(fields) })),
        }
    }
}

// ---------------------------------------------------------------- the app

struct Harness {
    _dir: tempfile::TempDir,
    data_dir: PathBuf,
    app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    probe: rusqlite::Connection,
}

/// What a refused payload must leave as it was.
#[derive(Debug, PartialEq, Eq, Clone, Default)]
struct Fingerprint {
    /// `PRAGMA data_version` of a second connection: changes with every
    /// commit the app's connection makes, updates included.
    data_version: i64,
    rows: BTreeMap<String, i64>,
    files: BTreeMap<PathBuf, u64>,
}

fn files_under(dir: &Path, root: &Path, out: &mut BTreeMap<PathBuf, u64>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with("diaodu.db") || name.starts_with("diaodu.sqlite") {
            continue;
        }
        if p.is_dir() {
            files_under(&p, root, out);
        } else {
            let len = e.metadata().map(|m| m.len()).unwrap_or(0);
            out.insert(p.strip_prefix(root).unwrap().to_path_buf(), len);
        }
    }
}

impl Harness {
    fn new() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let data_dir = dir.path().join("data");
        let app = app(mock_builder(), AppState::open(data_dir.clone()))
            .build(mock_context(noop_assets()))
            .unwrap();
        // No one can click a native dialog here (and without a display GTK
        // would wait for ever): the dialog plugin's state is taken out, so a
        // command that would open one answers the shell's own Chinese error
        // (dialogs::file_dialog), the path it takes when the plugin is absent.
        #[allow(deprecated)]
        let dialog = app.unmanage::<tauri_plugin_dialog::Dialog<MockRuntime>>();
        assert!(dialog.is_some(), "app() registers the dialog plugin");
        // Nothing may still refer to it; kept alive to be safe.
        std::mem::forget(dialog);
        let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        let db = app.state::<AppState>().store().unwrap().db_path();
        let probe = rusqlite::Connection::open_with_flags(
            &db,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .unwrap();
        Harness {
            _dir: dir,
            data_dir,
            app,
            window,
            probe,
        }
    }

    fn call_body(&self, cmd: &str, body: InvokeBody) -> Result<Value, Value> {
        common::invoke(&self.window, cmd, body)
    }

    fn ok(&self, cmd: &str, input: Value) -> Value {
        self.call_body(cmd, InvokeBody::Json(json!({ "input": input })))
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    fn state(&self) -> tauri::State<'_, AppState> {
        self.app.state::<AppState>()
    }

    fn data_version(&self) -> i64 {
        self.probe
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .unwrap()
    }

    fn rows(&self) -> BTreeMap<String, i64> {
        let tables: Vec<String> = self
            .probe
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        tables
            .into_iter()
            .map(|t| {
                let n = self
                    .probe
                    .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                    .unwrap();
                (t, n)
            })
            .collect()
    }

    /// The cheap part of the fingerprint (the commit counter and the files);
    /// the row counts are taken when the counter moved.
    fn fingerprint(&self) -> Fingerprint {
        let mut files = BTreeMap::new();
        files_under(&self.data_dir, &self.data_dir, &mut files);
        Fingerprint {
            data_version: self.data_version(),
            rows: BTreeMap::new(),
            files,
        }
    }

    fn user(&self, name: &str) -> diaodu_store::User {
        self.state()
            .store()
            .unwrap()
            .list_users()
            .unwrap()
            .into_iter()
            .find(|u| u.username == name)
            .unwrap()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum As {
    Admin,
    Viewer,
    Locked,
    LoggedOut,
}

/// Messages a refusal may carry: Chinese, no serde or tauri English.
fn chinese_error(e: &Value) -> Result<(), String> {
    let Some(code) = e.get("code").and_then(Value::as_str) else {
        return Err("not a {code, message} object".into());
    };
    if code.is_empty() {
        return Err("empty code".into());
    }
    let Some(message) = e.get("message").and_then(Value::as_str) else {
        return Err("no message".into());
    };
    let cjk = message
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    if cjk == 0 {
        return Err("the message has no Chinese".into());
    }
    // What the user typed comes back in quotes (a file's name): not the
    // message's own words.
    let mut own = String::new();
    let mut quoted = false;
    for c in message.chars() {
        match c {
            '“' | '「' => quoted = true,
            '”' | '」' => quoted = false,
            _ if !quoted => own.push(c),
            _ => {}
        }
    }
    let lower = own.to_ascii_lowercase();
    for english in [
        "invalid type",
        "invalid value",
        "invalid length",
        "missing field",
        "unknown variant",
        "unknown field",
        "expected",
        "trailing",
        "premature",
        "out of range",
        "eof",
        "error",
        "failed",
        "command ",
        "not found",
    ] {
        if lower.contains(english) {
            return Err(format!("English in the message ({english})"));
        }
    }
    Ok(())
}

/// Writes a refused call may make: a wrong password is counted for the
/// back-off and written to the audit log (issue 12: every failure audited).
fn password_refusal(e: &Value) -> bool {
    let m = e["message"].as_str().unwrap_or("");
    m.contains("密码不正确") || m.contains("密码错误次数过多") || m.contains("用户名或密码不正确")
}

#[derive(Default)]
struct Tally {
    accepted: BTreeMap<String, usize>,
    refused: BTreeMap<String, usize>,
    codes: BTreeMap<String, usize>,
    roles: BTreeMap<String, usize>,
    password_writes: usize,
    failures: Vec<String>,
    time: BTreeMap<String, Duration>,
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 300 {
        format!(
            "{}…（{} 字节）",
            s.chars().take(300).collect::<String>(),
            s.len()
        )
    } else {
        s
    }
}

fn body_text(b: &InvokeBody) -> String {
    match b {
        InvokeBody::Json(v) => short(v),
        InvokeBody::Raw(r) => format!("raw {} bytes", r.len()),
    }
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .filter(|v| !v.trim().is_empty())
        .map(|v| {
            v.trim()
                .parse()
                .unwrap_or_else(|_| panic!("{name} is not a number"))
        })
        .unwrap_or(default)
}

/// Which command runs now, for the watchdog and the panic hook.
static CURRENT: Mutex<String> = Mutex::new(String::new());
static PANICS: AtomicU64 = AtomicU64::new(0);

#[test]
fn malformed_payloads_through_every_command() {
    let count: usize = env_or("DIAODU_FUZZ_COUNT", DEFAULT_COUNT);
    let seed: u64 = env_or("DIAODU_FUZZ_SEED", DEFAULT_SEED);
    let started = Instant::now();

    // Printing, the printer list and opening files in a viewer start
    // programs (lp, lpstat, xdg-open, pdftoppm): none is found here, so no
    // payload prints on a real printer or opens a window, and each answers
    // its Chinese "not found" error.
    let empty_path = tempfile::tempdir().unwrap();
    std::env::set_var("PATH", empty_path.path());
    std::env::remove_var("DIAODU_SAVE_DIR");
    std::env::remove_var("DIAODU_EXIT_WHEN_READY");
    // The sample is dated around this day (as the end-to-end tests).
    diaodu_domain::clock::fix_today(chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap()).unwrap();

    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        eprintln!(
            "PANIC during {}: {info}",
            CURRENT.lock().map(|c| c.clone()).unwrap_or_default()
        );
        previous(info);
    }));
    // A call that never answers (a dialog waiting for a click, a deadlock)
    // fails the run with the payload rather than hanging CI.
    let progress = Arc::new(AtomicU64::new(0));
    {
        let progress = progress.clone();
        std::thread::spawn(move || {
            let mut last = (u64::MAX, Instant::now());
            loop {
                std::thread::sleep(Duration::from_secs(1));
                let now = progress.load(Ordering::SeqCst);
                if now != last.0 {
                    last = (now, Instant::now());
                } else if last.1.elapsed() > Duration::from_secs(60) {
                    eprintln!(
                        "FUZZ HANG: no answer for 60 s from {}",
                        CURRENT.lock().map(|c| c.clone()).unwrap_or_default()
                    );
                    std::process::exit(3);
                }
            }
        });
    }

    let commands = registered_commands();
    assert!(commands.len() > 200, "commands parsed: {}", commands.len());
    let fields = documented_fields();
    let all_fields: Vec<String> = fields
        .values()
        .flatten()
        .cloned()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut gen = Gen {
        rng: Rng(seed),
        words: documented_words(),
        all_fields,
    };

    let h = Harness::new();
    h.ok(
        "setup_admin",
        json!({"username": "admin", "displayName": "系统管理员", "password": ADMIN_PASSWORD}),
    );
    let t = Instant::now();
    h.ok("load_sample", Value::Null);
    eprintln!(
        "fuzz: sample loaded in {:?} (setup so far {:?})",
        t.elapsed(),
        started.elapsed()
    );
    h.ok(
        "create_user",
        json!({"username": "viewer", "displayName": "查看员", "role": "viewer", "password": "Viewer#2026"}),
    );
    let admin = h.user("admin");
    let viewer = h.user("viewer");

    // Every name read from lib.rs is a command the app answers.
    for cmd in &commands {
        if let Err(e) = h.call_body(cmd, InvokeBody::Json(json!({"input": "\u{0}"}))) {
            let text = e.to_string();
            assert!(
                !(text.contains("not found") && text.contains(cmd.as_str())),
                "{cmd} is in generate_handler! but not registered: {text}"
            );
        }
    }

    let setup_time = started.elapsed();
    let mut tally = Tally::default();
    let mut since_counts = h.rows();
    // The fingerprint after one call is the one before the next (switching
    // the session writes nothing): one look per payload.
    let mut last = h.fingerprint();
    for n in 0..count {
        let cmd = gen.rng.pick(&commands).clone();
        let who = match gen.rng.below(100) {
            0..=74 => As::Admin,
            75..=89 => As::Viewer,
            90..=94 => As::Locked,
            _ => As::LoggedOut,
        };
        let state = h.state();
        match who {
            As::Admin => {
                state.begin(admin.clone()).unwrap();
            }
            As::Viewer => {
                state.begin(viewer.clone()).unwrap();
            }
            As::Locked => {
                state.begin(admin.clone()).unwrap();
                state.lock().unwrap();
            }
            As::LoggedOut => {
                state.end().unwrap();
            }
        }
        let doc_fields = fields.get(&cmd).cloned().unwrap_or_default();
        let body = gen.body(&doc_fields);
        // What the payload was, for a failure's message: kept as a copy and
        // shown only when needed (serialising every body costs seconds).
        let kept = body.clone();
        let shown = || format!("#{n} {cmd} as {who:?} with {}", body_text(&kept));
        *CURRENT.lock().unwrap() = format!("#{n} {cmd} as {who:?} (seed {seed})");

        let before = std::mem::take(&mut last);
        let call_started = Instant::now();
        let answer =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| h.call_body(&cmd, body)));
        progress.fetch_add(1, Ordering::SeqCst);
        *tally.time.entry(cmd.clone()).or_default() += call_started.elapsed();
        let answer = match answer {
            Ok(a) => a,
            Err(_) => {
                tally.failures.push(format!("panicked: {}", shown()));
                last = h.fingerprint();
                continue;
            }
        };
        *tally.roles.entry(format!("{who:?}")).or_default() += 1;
        let after = h.fingerprint();
        last = after.clone();
        match answer {
            Ok(_) => {
                *tally.accepted.entry(cmd.clone()).or_default() += 1;
                if after.data_version != before.data_version {
                    since_counts = h.rows();
                }
            }
            Err(e) => {
                *tally.refused.entry(cmd.clone()).or_default() += 1;
                let code = e["code"].as_str().unwrap_or("(none)").to_string();
                *tally.codes.entry(code).or_default() += 1;
                if let Err(why) = chinese_error(&e) {
                    tally
                        .failures
                        .push(format!("{why}: {} answered {}", shown(), short(&e)));
                }
                if after.files != before.files {
                    tally.failures.push(format!(
                        "refused but wrote files: {} answered {}",
                        shown(),
                        short(&e)
                    ));
                }
                if after.data_version != before.data_version {
                    let rows = h.rows();
                    let changed: Vec<String> = rows
                        .iter()
                        .filter(|(t, n)| since_counts.get(*t) != Some(n))
                        .map(|(t, n)| format!("{t} {}→{n}", since_counts.get(t).unwrap_or(&0)))
                        .collect();
                    let only_audit = changed
                        .iter()
                        .all(|c| c.starts_with("audit_log ") || c.starts_with("auth_throttle "));
                    // A correct password forgets the earlier misses of that
                    // account before the act itself is refused (an unknown
                    // id, say): the throttle row goes, no record changes.
                    let throttle_forgot = !changed.is_empty()
                        && rows.iter().all(|(t, n)| {
                            since_counts.get(t) == Some(n)
                                || (t == "auth_throttle"
                                    && since_counts.get(t).is_some_and(|b| n < b))
                        });
                    if (password_refusal(&e) && only_audit) || throttle_forgot {
                        tally.password_writes += 1;
                    } else {
                        tally.failures.push(format!(
                            "refused but wrote ({}): {} answered {}",
                            changed.join(", "),
                            shown(),
                            short(&e)
                        ));
                    }
                    since_counts = rows;
                }
            }
        }
        if tally.failures.len() >= 40 {
            break;
        }
    }
    let elapsed = started.elapsed();
    let accepted: usize = tally.accepted.values().sum();
    let refused: usize = tally.refused.values().sum();
    let reached: BTreeSet<&String> = tally.accepted.keys().chain(tally.refused.keys()).collect();
    eprintln!(
        "fuzz: seed {seed}, {} payloads over {} commands in {:.1} s: {refused} refused, {accepted} accepted as valid ({} commands accepted at least one); \
         refused wrong passwords audited: {}; by session {:?}; refusals by code {:?}",
        accepted + refused,
        reached.len(),
        elapsed.as_secs_f64(),
        tally.accepted.len(),
        tally.password_writes,
        tally.roles,
        tally.codes,
    );
    if std::env::var_os("DIAODU_FUZZ_VERBOSE").is_some() {
        eprintln!("accepted: {:?}", tally.accepted);
        eprintln!("refused: {:?}", tally.refused);
        let mut slow: Vec<(&String, &Duration)> = tally.time.iter().collect();
        slow.sort_by(|a, b| b.1.cmp(a.1));
        eprintln!(
            "slowest commands (total): {:?}",
            &slow[..slow.len().min(15)]
        );
        eprintln!(
            "in calls: {:?}; setup: {:?}",
            tally.time.values().sum::<Duration>(),
            setup_time
        );
    }
    assert_eq!(PANICS.load(Ordering::SeqCst), 0, "a command panicked");
    assert!(
        tally.failures.is_empty(),
        "{} failures (first 40):\n{}",
        tally.failures.len(),
        tally.failures.join("\n")
    );
    assert!(accepted + refused >= count, "stopped early");
    let missed: Vec<&String> = commands.iter().filter(|c| !reached.contains(c)).collect();
    assert!(
        count < 5_000 || missed.is_empty(),
        "never called: {missed:?}"
    );
}
