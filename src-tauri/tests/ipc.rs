//! Commands through the real IPC layer (tauri::test), no display needed.
mod common;

use diaodu_app::{app, AppState};
use serde_json::{json, Value};
use tauri::ipc::InvokeBody;
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::WebviewWindow;

struct Harness {
    _dir: tempfile::TempDir,
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    /// The chart last answered, read as the window reads it: an edit's
    /// delta is applied to it (docs/ipc-plans.md, "The chart on the wire").
    chart: std::cell::RefCell<Option<(u64, Value)>>,
}

impl Harness {
    fn new() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let app = app(mock_builder(), AppState::open(dir.path().to_path_buf()))
            .build(mock_context(noop_assets()))
            .unwrap();
        let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        Harness {
            _dir: dir,
            _app: app,
            window,
            chart: Default::default(),
        }
    }

    fn call(&self, cmd: &str, body: Value) -> Result<Value, Value> {
        self.call_body(cmd, InvokeBody::Json(body))
    }

    /// Any body, also one the window never sends (raw bytes).
    fn call_body(&self, cmd: &str, body: InvokeBody) -> Result<Value, Value> {
        common::invoke(&self.window, cmd, body)
    }

    fn ok(&self, cmd: &str, input: Value) -> Value {
        let v = self
            .call(cmd, json!({ "input": input }))
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"));
        self.read_chart(v)
    }

    /// A chart answer as the chart: the columns read back, a delta applied
    /// to the chart answered before (which it must name).
    fn read_chart(&self, v: Value) -> Value {
        use diaodu_store::chart_wire::reading;
        let rev = v["rev"].as_u64().unwrap_or(0);
        let chart = match v["format"].as_str() {
            Some("chart-columns/1") => reading::chart(&v),
            Some("chart-delta/1") => {
                let seen = self.chart.borrow();
                let (base, before) = seen.as_ref().expect("a delta after a chart");
                assert_eq!(
                    v["base"].as_u64(),
                    Some(*base),
                    "delta against the chart sent"
                );
                reading::apply(before, &v)
            }
            _ => return v,
        };
        *self.chart.borrow_mut() = Some((rev, chart.clone()));
        chart
    }

    fn err(&self, cmd: &str, input: Value) -> Value {
        self.call(cmd, json!({ "input": input })).expect_err(cmd)
    }

    fn admin(&self) -> Value {
        self.ok(
            "setup_admin",
            json!({"username": "admin", "displayName": "系统管理员", "password": "Admin#2026"}),
        )
    }

    /// Adds a 查看 account (as the administrator) and logs in with it.
    fn as_viewer(&self) {
        self.ok("create_user", json!({"username": "viewer", "displayName": "查看员", "role": "viewer", "password": "Viewer#2026"}));
        self.call("logout", json!({})).unwrap();
        self.ok(
            "login",
            json!({"username": "viewer", "password": "Viewer#2026"}),
        );
    }
}

#[test]
fn first_start_setup_then_login() {
    let h = Harness::new();
    let info = h.call("app_info", json!({})).unwrap();
    assert_eq!(info["needsSetup"], true);
    // Not started with --today: the window is told the local clock's day.
    assert_eq!(info["todayFixed"], false);
    assert_eq!(
        info["today"],
        diaodu_domain::clock::today().to_string().as_str()
    );
    assert_eq!(info["schemaVersion"], diaodu_store::LATEST_SCHEMA_VERSION);
    let e = h.err("list_units", json!({}));
    assert_eq!(e["code"], "unauthenticated");

    let s = h.admin();
    assert_eq!(s["user"]["role"], "admin");
    assert_eq!(s["user"]["roleLabel"], "管理员");
    assert_eq!(
        s["permissions"],
        json!([
            "read",
            "edit_records",
            "sign_documents",
            "manage_users",
            "manage_settings"
        ])
    );
    assert_eq!(h.call("app_info", json!({})).unwrap()["needsSetup"], false);
    let again = h.err(
        "setup_admin",
        json!({"username": "x", "displayName": "y", "password": "Admin#2026"}),
    );
    assert_eq!(again["code"], "conflict");

    h.call("logout", json!({})).unwrap();
    assert_eq!(h.call("current_session", json!({})).unwrap(), Value::Null);
    let bad = h.err(
        "login",
        json!({"username": "admin", "password": "wrong-one"}),
    );
    assert_eq!(bad["code"], "unauthenticated");
    assert_eq!(bad["message"], "用户名或密码不正确");
    h.ok(
        "login",
        json!({"username": "admin", "password": "Admin#2026"}),
    );
    // What the window may offer comes with the session, by the core's rule.
    h.as_viewer();
    let viewer = h.call("current_session", json!({})).unwrap();
    assert_eq!(viewer["user"]["role"], "viewer");
    assert_eq!(viewer["permissions"], json!(["read"]));
}

#[test]
fn create_units_with_field_errors() {
    let h = Harness::new();
    h.admin();
    let c = h.ok(
        "create_unit",
        json!({"name": "矿党委", "kind": "committee", "parentId": null}),
    );
    let d = h.ok(
        "create_unit",
        json!({"name": "组织部", "kind": "department", "parentId": c["id"]}),
    );
    assert_eq!(d["parentName"], "矿党委");
    assert_eq!(d["kindLabel"], "党委部门");

    let dup = h.err(
        "create_unit",
        json!({"name": "组织部", "kind": "department", "parentId": c["id"]}),
    );
    assert_eq!(dup["code"], "duplicate");
    assert_eq!(dup["field"], "name");
    assert!(dup["message"].as_str().unwrap().contains("已存在"));
    let empty = h.err("create_unit", json!({"name": " ", "kind": "branch"}));
    assert_eq!(empty["field"], "name");
    let malformed = h.err("create_unit", json!({"name": 5, "kind": "branch"}));
    assert_eq!(malformed["code"], "validation");
    assert!(malformed["message"]
        .as_str()
        .unwrap()
        .contains("请求参数格式不正确"));

    let list = h.ok("list_units", json!({"includeRetired": true}));
    assert_eq!(list.as_array().unwrap().len(), 2);
    let upd = h.ok(
        "update_unit",
        json!({"id": d["id"], "name": "党委组织部", "kind": "department", "parentId": c["id"]}),
    );
    assert_eq!(upd["name"], "党委组织部");
    let retired = h.ok("retire_unit", json!({"id": d["id"], "reason": "机构调整"}));
    assert_eq!(retired["retired"], true);

    let audit = h.ok("list_audit", json!({"entity": "unit"}));
    assert_eq!(audit["total"], 4);
    assert_eq!(audit["rows"][0]["actionLabel"], "撤销");
    assert_eq!(audit["rows"][0]["username"], "admin");
}

#[test]
fn viewer_is_refused_by_the_core() {
    let h = Harness::new();
    h.admin();
    h.as_viewer();
    let e = h.err(
        "create_unit",
        json!({"name": "X", "kind": "committee", "parentId": null}),
    );
    assert_eq!(e["code"], "forbidden");
    assert_eq!(h.err("list_users", json!(null))["code"], "forbidden");
    assert_eq!(h.err("load_sample", json!(null))["code"], "forbidden");
    assert_eq!(h.ok("list_units", json!({})).as_array().unwrap().len(), 0);
}

#[test]
fn lock_and_unlock() {
    let h = Harness::new();
    h.admin();
    h.call("lock", json!({})).unwrap();
    assert_eq!(h.err("list_units", json!({}))["code"], "locked");
    assert_eq!(
        h.call("current_session", json!({})).unwrap()["locked"],
        true
    );
    let wrong = h.err("unlock", json!({"password": "nope-nope"}));
    assert_eq!(wrong["field"], "password");
    let s = h.ok("unlock", json!({"password": "Admin#2026"}));
    assert_eq!(s["locked"], false);
    h.ok("list_units", json!({}));
}

#[test]
fn repeated_wrong_passwords_wait_on_login_and_unlock() {
    let h = Harness::new();
    h.admin();
    h.call("lock", json!({})).unwrap();
    for _ in 0..4 {
        let wrong = h.err("unlock", json!({"password": "nope-nope"}));
        assert_eq!(
            (wrong["field"].as_str(), wrong["message"].as_str()),
            (Some("password"), Some("密码不正确"))
        );
    }
    let waiting = h.err("unlock", json!({"password": "nope-nope"}));
    assert_eq!(waiting["code"], "validation", "answered on the lock screen");
    assert_eq!(waiting["message"], "密码错误次数过多，请在1分钟后再试");
    let still = h.err("unlock", json!({"password": "Admin#2026"}));
    assert_eq!(still["message"], "密码错误次数过多，请在1分钟后再试");
    assert_eq!(
        h.call("current_session", json!({})).unwrap()["locked"],
        true,
        "still locked, not logged out"
    );
    h.call("logout", json!({})).unwrap();
    let login = h.err(
        "login",
        json!({"username": "admin", "password": "Admin#2026"}),
    );
    assert_eq!(login["code"], "unauthenticated");
    assert_eq!(login["message"], "密码错误次数过多，请在1分钟后再试");
    // An unknown name gets the same answers in the same order.
    for _ in 0..4 {
        let e = h.err(
            "login",
            json!({"username": "ghost", "password": "x1234567"}),
        );
        assert_eq!(e["message"], "用户名或密码不正确");
    }
    let e = h.err(
        "login",
        json!({"username": "ghost", "password": "x1234567"}),
    );
    assert_eq!(e["message"], "密码错误次数过多，请在1分钟后再试");
}

#[test]
fn signer_acts_refuse_dispatchers_and_ask_the_password() {
    let h = Harness::new();
    h.admin();
    h.ok("create_user", json!({"username": "signer", "displayName": "签发人甲", "role": "signer", "password": "Signer#2026"}));
    h.ok("create_user", json!({"username": "disp", "displayName": "调度员甲", "role": "dispatcher", "password": "Disp#20261"}));
    let unit = h.ok(
        "create_unit",
        json!({"name": "机电科党支部", "kind": "branch", "parentId": null}),
    );
    let d = h.ok("create_doc", json!({"kind": "order", "title": "关于整改的调度令", "urgency": "urgent", "content": "限期整改。", "targetUnitId": unit["id"]}));
    h.ok("sign_doc", json!({"id": d["id"], "password": "Admin#2026"}));
    h.call("logout", json!({})).unwrap();
    h.ok(
        "login",
        json!({"username": "disp", "password": "Disp#20261"}),
    );
    let e = h.err(
        "withdraw_doc",
        json!({"id": d["id"], "reason": "内容有误", "password": "Disp#20261"}),
    );
    assert_eq!(e["code"], "forbidden");
    assert_eq!(
        e["message"],
        "撤回已签发的文件须由签发人或管理员办理，当前角色“调度员”无权办理"
    );
    let e = h.err(
        "close_assessment_period",
        json!({"period": "2026-03", "password": "Disp#20261"}),
    );
    assert_eq!(e["code"], "forbidden");
    assert!(e["message"]
        .as_str()
        .unwrap()
        .starts_with("关闭考核须由签发人或管理员办理"));
    h.call("logout", json!({})).unwrap();
    h.ok(
        "login",
        json!({"username": "signer", "password": "Signer#2026"}),
    );
    let e = h.err(
        "withdraw_doc",
        json!({"id": d["id"], "reason": "内容有误", "password": "wrong-pass"}),
    );
    assert_eq!(
        (e["field"].as_str(), e["message"].as_str()),
        (Some("password"), Some("密码不正确"))
    );
    let e = h.err("withdraw_doc", json!({"id": d["id"], "reason": "内容有误"}));
    assert_eq!(e["field"], "password", "no password given");
    let w = h.ok(
        "withdraw_doc",
        json!({"id": d["id"], "reason": "内容有误", "password": "Signer#2026"}),
    );
    assert_eq!(w["status"], "withdrawn");
    h.call("logout", json!({})).unwrap();
    h.ok(
        "login",
        json!({"username": "admin", "password": "Admin#2026"}),
    );
    let audit = h.ok("list_audit", json!({"action": "auth_fail"}));
    assert_eq!(audit["total"], 1);
    assert_eq!(audit["rows"][0]["username"], "signer");
    assert_eq!(audit["rows"][0]["actionLabel"], "密码错误");
    assert_eq!(
        audit["rows"][0]["summary"],
        "撤回已签发的文件：账号“signer”密码错误（连续第1次）"
    );
}

#[test]
fn settings_sample_and_backup() {
    let h = Harness::new();
    h.admin();
    let r = h.call("load_sample", json!({})).unwrap();
    assert_eq!(r["units"], 41);
    // The sample's dispatcher accounts are disabled until an administrator
    // enables them and sets a password.
    let accounts = r["assessment"]["disabledAccounts"].as_array().unwrap();
    assert!(accounts.len() >= 2);
    let users = h.ok("list_users", json!(null));
    for name in accounts {
        let u = users
            .as_array()
            .unwrap()
            .iter()
            .find(|u| &u["username"] == name)
            .unwrap();
        assert_eq!(u["disabled"], true, "{name}");
    }
    let bad = h.err(
        "update_settings",
        json!({"idleLockMinutes": 0, "backupDir": "", "backupKeep": 7}),
    );
    assert_eq!(bad["field"], "idleLockMinutes");
    let s = h.ok(
        "update_settings",
        json!({"idleLockMinutes": 15, "backupDir": "", "backupKeep": 7}),
    );
    assert_eq!(s["idleLockMinutes"], 15);
    assert_eq!(
        h.call("current_session", json!({})).unwrap()["idleLockMinutes"],
        15
    );
    let b = h.call("backup_now", json!({})).unwrap();
    assert!(std::path::Path::new(b["path"].as_str().unwrap()).is_file());
    assert!(h.call("app_info", json!({})).unwrap()["lastBackupAt"].is_string());
}

#[test]
fn chart_edits_answer_with_the_rescheduled_chart() {
    let h = Harness::new();
    h.admin();
    let bad = h.err(
        "create_plan",
        json!({"title": "", "kind": "special", "start": "2026-03-02"}),
    );
    assert_eq!(bad["field"], "title");
    let plan = h.ok("create_plan", json!({"title": "专项行动", "kind": "special", "start": "2026-03-02", "sources": [{"issuer": "集团党委", "number": "集团党发〔2026〕31号", "title": "实施方案"}]}));
    let pid = plan["id"].clone();
    let c = h.ok(
        "create_task",
        json!({"planId": pid, "name": "甲", "duration": 3}),
    );
    let a = c["tasks"][0]["id"].clone();
    let c = h.ok(
        "create_task",
        json!({"planId": pid, "name": "乙", "duration": 2}),
    );
    let b = c["tasks"][1]["id"].clone();
    let c = h.ok(
        "create_link",
        json!({"planId": pid, "predId": a, "succId": b, "kind": "FS", "lag": 0}),
    );
    assert_eq!(c["tasks"][1]["earlyStart"], "2026-03-05");
    let c = h.ok("move_task", json!({"id": a, "start": "2026-03-09"}));
    assert_eq!(c["tasks"][1]["earlyStart"], "2026-03-12");
    let cyc = h.err(
        "create_link",
        json!({"planId": pid, "predId": b, "succId": a, "kind": "FS", "lag": 0}),
    );
    assert_eq!(cyc["code"], "conflict");
    assert!(cyc["message"].as_str().unwrap().contains("循环"));
    let c = h.ok(
        "update_task",
        json!({"id": b, "status": "in_progress", "progress": 40}),
    );
    assert_eq!(c["tasks"][1]["statusLabel"], "组织实施");
    let days = h.ok("list_calendar_days", json!({"year": 2026}));
    assert!(days
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["name"].as_str().unwrap_or("").contains("国庆")));
    // Whether a year's State Council notice comes with the program.
    let y = h.ok("calendar_year", json!({"year": 2026}));
    assert_eq!(y["official"], true);
    assert!(y["notice"]
        .as_str()
        .unwrap()
        .contains("2026年部分节假日安排"));
    let y = h.ok("calendar_year", json!({"year": 2027}));
    assert_eq!(
        (&y["official"], &y["notice"]),
        (&json!(false), &Value::Null)
    );
    assert_eq!(
        (&y["noticeFrom"], &y["noticeTo"]),
        (&json!(2018), &json!(2026))
    );
    assert_eq!(
        h.err("calendar_year", json!({"year": 99999}))["field"],
        "year"
    );
    let audit = h.ok("list_audit", json!({"entity": "task"}));
    assert_eq!(audit["rows"][0]["entityLabel"], "任务");
}

#[test]
fn documents_sign_and_preview_through_ipc() {
    let h = Harness::new();
    h.admin();
    h.ok("create_user", json!({"username": "signer", "displayName": "签发人甲", "role": "signer", "password": "Signer#2026"}));
    let unit = h.ok(
        "create_unit",
        json!({"name": "机电科党支部", "kind": "branch", "parentId": null}),
    );
    let bad = h.err(
        "create_doc",
        json!({"kind": "order", "title": "调度令", "content": "事项", "targetUnitId": unit["id"]}),
    );
    assert_eq!(bad["field"], "urgency");
    let d = h.ok("create_doc", json!({"kind": "order", "title": "关于整改的调度令", "urgency": "urgent", "content": "限期整改“三会一课”台账。", "targetUnitId": unit["id"], "deadline": "2026-12-31"}));
    h.ok("create_user", json!({"username": "disp", "displayName": "调度员甲", "role": "dispatcher", "password": "Disp#20261"}));
    h.call("logout", json!({})).unwrap();
    h.ok(
        "login",
        json!({"username": "disp", "password": "Disp#20261"}),
    );
    assert_eq!(
        h.err("sign_doc", json!({"id": d["id"], "password": "Disp#20261"}))["code"],
        "forbidden"
    );
    h.call("logout", json!({})).unwrap();
    h.ok(
        "login",
        json!({"username": "signer", "password": "Signer#2026"}),
    );
    let d2 = h.ok("create_doc", json!({"kind": "notice", "title": "通知单", "content": "请报送自查报告。", "targetUnitId": unit["id"]}));
    let wrong = h.err(
        "sign_doc",
        json!({"id": d2["id"], "password": "wrong-pass"}),
    );
    assert_eq!(wrong["field"], "password");
    let signed = h.ok(
        "sign_doc",
        json!({"id": d2["id"], "password": "Signer#2026"}),
    );
    assert_eq!(signed["status"], "issued");
    let v = h.ok("verify_code", json!({"code": signed["verificationCode"]}));
    assert_eq!(v["result"], "authentic");
    let p = h.ok("preview_doc", json!({"id": signed["id"]}));
    let pages = p["pages"].as_array().unwrap();
    assert!(!pages.is_empty());
    // A one- or two-page order comes whole.
    assert_eq!(p["pageCount"].as_u64().unwrap(), pages.len() as u64);
    assert!(pages[0]
        .as_str()
        .unwrap()
        .starts_with("data:image/png;base64,"));
}

#[test]
fn document_settings_and_batches_through_ipc() {
    let h = Harness::new();
    h.admin();
    let s = h.call("get_doc_settings", json!({})).unwrap();
    // Every numbered kind, its default made from the (generic) issuer's name.
    assert_eq!(s["prefixes"].as_array().unwrap().len(), 5);
    assert_eq!(s["prefixes"][0]["kind"], "order");
    assert_eq!(s["prefixes"][0]["prefix"], "党调令");
    assert_eq!(s["fonts"].as_array().unwrap().len(), 5);
    assert_eq!(s["fonts"][0]["role"], "fang_song");
    let bad = h.err(
        "update_doc_settings",
        json!({"issuerName": "漳村煤矿党委党建调度室", "orderPrefix": "漳党调令〔2026〕", "noticePrefix": "漳党调通", "sealWidthMm": 42}),
    );
    assert_eq!(bad["field"], "orderPrefix");
    let saved = h.ok(
        "update_doc_settings",
        json!({"issuerName": "漳村煤矿党委党建调度室", "orderPrefix": "漳党调令", "noticePrefix": "漳党调通", "sealWidthMm": 40}),
    );
    assert_eq!(saved["prefixes"][1]["prefix"], "漳党调通");
    assert_eq!(saved["prefixes"][2]["kind"], "reminder");
    assert_eq!(saved["prefixes"][2]["prefix"], "漳村党调催");
    assert_eq!(
        h.err("clear_doc_font", json!({"role": "comic_sans"}))["field"],
        "role"
    );
    let fonts = h.call("doc_fonts_in_use", json!({})).unwrap();
    let fonts = fonts.as_array().unwrap();
    assert_eq!(fonts.len(), 5);
    assert!(fonts
        .iter()
        .all(|f| f["source"] == "system" && !f["family"].as_str().unwrap().is_empty()));
    assert_eq!(
        h.call("seal_image_preview", json!({})).unwrap()["dataUrl"],
        Value::Null
    );

    // Nothing to cancel; a batch needs documents and a known target.
    assert_eq!(
        h.call("cancel_doc_batch", json!({})).unwrap()["running"],
        false
    );
    assert_eq!(
        h.err("run_doc_batch", json!({"ids": [], "target": "print"}))["field"],
        "ids"
    );
    let unit = h.ok(
        "create_unit",
        json!({"name": "机电科党支部", "kind": "branch", "parentId": null}),
    );
    let d = h.ok("create_doc", json!({"kind": "notice", "title": "通知单", "content": "请报送自查报告。", "targetUnitId": unit["id"]}));
    assert_eq!(
        h.err("run_doc_batch", json!({"ids": [d["id"]], "target": "fax"}))["field"],
        "target"
    );

    // Only the admin changes document settings.
    h.ok("create_user", json!({"username": "disp", "displayName": "调度员甲", "role": "dispatcher", "password": "Disp#20261"}));
    h.call("logout", json!({})).unwrap();
    h.ok(
        "login",
        json!({"username": "disp", "password": "Disp#20261"}),
    );
    assert_eq!(
        h.err(
            "update_doc_settings",
            json!({"issuerName": "某单位", "orderPrefix": "甲令", "noticePrefix": "甲通", "sealWidthMm": 42})
        )["code"],
        "forbidden"
    );
    assert_eq!(
        h.err("choose_seal_image", json!({}))["code"],
        "forbidden",
        "refused before any dialog opens"
    );
}

#[test]
fn work_specification_through_ipc() {
    use base64::Engine;
    let h = Harness::new();
    h.admin();
    h.call("load_sample", json!({})).unwrap();
    let items = h.ok("list_spec_items", json!({"scope": "branch"}));
    assert_eq!(items.as_array().unwrap().len(), 27);
    // A due rule the core cannot read comes back on its field.
    let bad = h.err(
        "create_spec_item",
        json!({"scope": "branch", "title": "测试事项", "dueText": "月底"}),
    );
    assert_eq!(bad["field"], "dueText");
    let r = h.ok("generate_spec_period", json!({"period": "2025-06"}));
    assert!(r["created"].as_u64().unwrap() > 1000);
    assert_eq!(
        h.err("generate_spec_period", json!({"period": "2025-6"}))["field"],
        "period"
    );
    let o = h.ok("spec_overview", json!({"period": "2025-06"}));
    let unit = o["units"][12]["unitId"].as_i64().unwrap();
    let c = h.ok(
        "spec_checklist",
        json!({"unitId": unit, "period": "2025-06"}),
    );
    let row = &c["rows"][0];
    let e = h.err(
        "mark_spec_done",
        json!({"id": row["id"], "doneDate": "2999-01-01"}),
    );
    assert_eq!(e["field"], "doneDate");
    let done = h.ok(
        "mark_spec_done",
        json!({"id": row["id"], "doneDate": row["dueDate"], "note": "已完成", "evidence": "记录"}),
    );
    assert_eq!(done["status"], "done");
    let report = h.ok(
        "spec_omissions",
        json!({"period": "2025-06", "unitId": unit}),
    );
    assert_eq!(
        report["total"].as_u64().unwrap() + 1,
        c["total"].as_u64().unwrap()
    );

    // The report of every unit for a month never ticked runs to some hundred
    // pages: the preview opens with its first pages and draws any other on its own.
    let p = h.ok("preview_omission_report", json!({"period": "2025-06"}));
    let count = p["pageCount"].as_u64().unwrap();
    assert!(count > 50, "a long report: {count} pages");
    assert_eq!(
        p["pages"].as_array().unwrap().len(),
        3,
        "only the first pages drawn"
    );
    let last = h.ok("preview_page", json!({"token": p["token"], "page": count}));
    assert_eq!(last["page"], count);
    assert!(last["src"]
        .as_str()
        .unwrap()
        .starts_with("data:image/png;base64,"));
    let beyond = h.err(
        "preview_page",
        json!({"token": p["token"], "page": count + 1}),
    );
    assert_eq!(beyond["code"], "validation");
    assert_eq!(
        beyond["message"],
        format!("页码应在1到{count}之间").as_str()
    );
    let unknown = h.err("preview_page", json!({"token": 999_999, "page": 1}));
    assert_eq!(unknown["message"], "该预览已关闭，请重新打开预览");
    // After logging out, no page of it is drawn.
    h.call("logout", json!({})).unwrap();
    assert!(h
        .err("preview_page", json!({"token": p["token"], "page": 1}))
        .is_object());
    h.ok(
        "login",
        json!({"username": "admin", "password": "Admin#2026"}),
    );
    assert_eq!(
        h.err("preview_page", json!({"token": p["token"], "page": 1}))["message"],
        "该预览已关闭，请重新打开预览"
    );

    let fixture = include_bytes!("../../crates/sheets/tests/fixtures/spec-import-openpyxl.xlsx");
    let data = base64::engine::general_purpose::STANDARD.encode(fixture);
    let p = h.ok(
        "preview_spec_import",
        json!({"fileName": "规范.xlsx", "data": data}),
    );
    assert_eq!(p["errors"].as_array().unwrap().len(), 6);
    assert_eq!(p["creates"], 7);
    let broken = h.err(
        "preview_spec_import",
        json!({"fileName": "坏.xlsx", "data": "bm90IGEgc3ByZWFkc2hlZXQ="}),
    );
    assert!(broken["message"].as_str().unwrap().contains("无法读取"));

    let dir = tempfile::tempdir().unwrap();
    std::env::set_var("DIAODU_SAVE_DIR", dir.path());
    let saved = h.ok(
        "export_spec_xlsx",
        json!({"kind": "omissions", "period": "2025-06"}),
    );
    let path = saved["path"].as_str().unwrap();
    assert!(path.ends_with("2025年6月漏项报告.xlsx"), "{path}");
    assert!(std::fs::read(path).unwrap().starts_with(b"PK"));
}

#[test]
fn supervision_meetings_and_figures_through_ipc() {
    let h = Harness::new();
    h.admin();
    let c = h.ok(
        "create_unit",
        json!({"name": "矿党委", "kind": "committee"}),
    );
    let b = h.ok(
        "create_unit",
        json!({"name": "综采一队党支部", "kind": "branch", "parentId": c["id"]}),
    );
    let today = chrono::Local::now().date_naive().to_string();
    // A meeting with a decision that becomes an order draft in one step.
    let m = h.ok(
        "create_meeting",
        json!({"kind": "regular", "heldOn": today, "decisions": [{"text": "补齐台账", "unitId": b["id"]}]}),
    );
    assert_eq!(m["kindLabel"], "党建调度例会");
    let d = m["decisions"][0]["id"].clone();
    let answer = h.ok("decision_to_doc", json!({"id": d, "kind": "order"}));
    assert_eq!(answer["doc"]["status"], "draft");
    assert_eq!(
        answer["meeting"]["decisions"][0]["docId"],
        answer["doc"]["id"]
    );
    // A bad method comes back in Chinese beside its field.
    let e = h.err(
        "create_supervision",
        json!({"unitId": b["id"], "supervisedOn": today, "method": "x", "supervisor": "赵敏"}),
    );
    assert_eq!(e["field"], "method");
    h.ok(
        "create_supervision",
        json!({"unitId": b["id"], "supervisedOn": today, "method": "phone", "supervisor": "赵敏"}),
    );
    let year: i32 = today[..4].parse().unwrap();
    let s = h.ok("annual_stats", json!({"year": year}));
    assert_eq!(s["dispatchMeetings"], 1);
    assert_eq!(s["branchSupervisions"], 1);
    let dash = h.ok("dashboard", json!({}));
    assert_eq!(dash["weekMeetings"].as_array().unwrap().len(), 1);
    assert!(h
        .ok("reminder_list", json!({}))
        .as_array()
        .unwrap()
        .is_empty());
    let alerts = h.ok("today_alerts", json!({}));
    // The summary names periodic work too (issue 14); none has been generated.
    assert_eq!(
        alerts["summary"],
        "今日到期 0 项，逾期 0 项；周期工作今日到期 0 项，漏项 0 项"
    );
    assert!(h.ok("spec_due", json!({})).as_array().unwrap().is_empty());
    assert_eq!(dash["periodicOverdueTotal"], 0);
    // The desktop notifier runs only in the real app.
    assert!(h.ok("notification_status", json!({})).is_null());
}

#[test]
fn closing_the_loop_through_ipc() {
    let h = Harness::new();
    h.admin();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("整改报告.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n").unwrap();
    let staged = h.ok(
        "stage_attachment",
        json!({"path": pdf.display().to_string()}),
    );
    assert_eq!(staged["kind"], "document");
    assert_eq!(staged["name"], "整改报告.pdf");
    let exe = dir.path().join("run.jpg");
    std::fs::write(&exe, b"MZ\x90\0\x03\0\0\0\x04\0").unwrap();
    let e = h.err(
        "stage_attachment",
        json!({"path": exe.display().to_string()}),
    );
    assert_eq!(e["field"], "attachments");
    assert!(e["message"].as_str().unwrap().contains("run.jpg"));
    assert_eq!(h.ok("get_attachment_settings", json!({}))["maxMb"], 2048);

    let unit = h.ok(
        "create_unit",
        json!({"name": "综采一队党支部", "kind": "branch"}),
    );
    let plan = h.ok(
        "create_plan",
        json!({"title": "专项行动", "kind": "special", "start": "2026-02-09"}),
    );
    let chart = h.ok(
        "create_task",
        json!({"planId": plan["id"], "kind": "task", "name": "支部自查", "leadUnitId": unit["id"], "duration": 3}),
    );
    let task = chart["tasks"][0]["id"].clone();

    let r = h.ok(
        "create_rectification",
        json!({"source": "inspection", "problem": "台账不全", "itemName": "补齐台账", "personName": "王书记",
               "deadline": "2026-03-10", "unitId": unit["id"], "targetKind": "task", "targetId": task,
               "attachments": [{"sha256": staged["sha256"], "name": "整改报告.pdf"}]}),
    );
    assert_eq!(r["attachments"][0]["name"], "整改报告.pdf");
    let refused = h.err("close_rectification", json!({"id": r["id"]}));
    assert_eq!(refused["code"], "conflict");
    assert!(refused["message"]
        .as_str()
        .unwrap()
        .contains("须验收通过后才能销号"));
    let bad = h.err(
        "verify_rectification",
        json!({"id": r["id"], "verifiedBy": "", "verifiedOn": "2026-03-05", "result": "pass"}),
    );
    assert_eq!(bad["field"], "verifiedBy");
    let today = chrono::Local::now().date_naive().to_string();
    h.ok(
        "verify_rectification",
        json!({"id": r["id"], "verifiedBy": "赵部长", "verifiedOn": today, "result": "pass"}),
    );
    let closed = h.ok(
        "close_rectification",
        json!({"id": r["id"], "note": "已补齐"}),
    );
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["history"].as_array().unwrap().len(), 3);

    let target = json!({"targetKind": "task", "targetId": task});
    let st = h.ok("loop_status", target.clone());
    assert_eq!(st["canClose"], false);
    h.ok(
        "add_feedback",
        json!({"targetKind": "task", "targetId": task, "reportedOn": today, "unitId": unit["id"],
               "personName": "王书记", "text": "已完成", "isFinal": true}),
    );
    let st = h.ok("close_loop", target.clone());
    assert_eq!(st["stage"], "closed");
    assert_eq!(st["closure"]["closedBy"], "系统管理员");
    let events = h.ok("timeline", target.clone());
    let kinds: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.first(), Some(&"plan"));
    assert_eq!(kinds.last(), Some(&"closure"));
    assert!(kinds.contains(&"closeout") && kinds.contains(&"feedback"));
    let reopen = h.err("reopen_loop", target.clone());
    assert_eq!(reopen["field"], "reason");
}

/// Files the user feeds in: nothing is parsed without a session or for a
/// role that may not import; a workbook with a huge used range and an
/// oversized plan file answer in Chinese, naming the file and the limit.
#[test]
fn imported_files_are_parsed_only_after_the_session_and_role_checks() {
    use base64::Engine;
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let corner = b64(&diaodu_sheets::test_files::corner_to_corner());
    let h = Harness::new();
    // No session: refused as such, whatever the file holds (before the
    // fix these answered with the parser's own error).
    for cmd in ["preview_spec_import", "apply_spec_import"] {
        let e = h.err(cmd, json!({"fileName": "坏.xlsx", "data": b64(b"garbage")}));
        assert_eq!(e["code"], "unauthenticated", "{cmd}: {e}");
    }
    let e = h.err(
        "import_plan_text",
        json!({"fileName": "坏.xml", "content": "<Project"}),
    );
    assert_eq!(e["code"], "unauthenticated", "{e}");

    h.admin();
    for cmd in ["preview_spec_import", "apply_spec_import"] {
        let e = h.err(cmd, json!({"fileName": "规范.xlsx", "data": corner}));
        assert_eq!(e["field"], "file", "{cmd}: {e}");
        let m = e["message"].as_str().unwrap();
        assert!(
            m.starts_with("无法读取“规范.xlsx”：工作表")
                && m.contains("A1:XFD1048576")
                && m.contains("最多 65536 行、256 列"),
            "{cmd}: {m}"
        );
    }
    // An oversized plan file is refused by its size, not by the parser.
    let mut big = String::from("<Project><Tasks>");
    big.push_str(&"<".repeat(diaodu_store::files::MAX_PLAN_FILE_BYTES));
    let e = h.err(
        "import_plan_text",
        json!({"fileName": "大计划.xml", "content": big}),
    );
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("文件“大计划.xml”过大"),
        "{e}"
    );
    drop(big);

    h.as_viewer();
    let e = h.err(
        "preview_spec_import",
        json!({"fileName": "规范.xlsx", "data": corner}),
    );
    assert_eq!(e["code"], "forbidden", "{e}");
    let e = h.err(
        "import_plan_text",
        json!({"fileName": "坏.xml", "content": "<Project"}),
    );
    assert_eq!(e["code"], "forbidden", "{e}");
}

/// Undo of a delete names the deleted task and nothing else; a task others
/// refer to is refused with what refers to it, and 撤销 keeps it instead.
#[test]
fn deleting_undoing_and_cancelling_tasks_through_ipc() {
    let h = Harness::new();
    h.admin();
    let unit = h.ok(
        "create_unit",
        json!({"name": "综采一队党支部", "kind": "branch"}),
    );
    let plan = h.ok(
        "create_plan",
        json!({"title": "专项行动", "kind": "special", "start": "2026-03-02"}),
    );
    let pid = plan["id"].clone();
    let c = h.ok(
        "create_task",
        json!({"planId": pid, "name": "甲", "duration": 3, "leadUnitId": unit["id"]}),
    );
    let a = c["tasks"][0]["id"].as_i64().unwrap();
    let c = h.ok(
        "create_task",
        json!({"planId": pid, "name": "乙", "duration": 2}),
    );
    let b = c["tasks"][1]["id"].as_i64().unwrap();
    h.ok(
        "create_link",
        json!({"planId": pid, "predId": a, "succId": b, "kind": "FS", "lag": 0}),
    );

    // What the window used to send: a snapshot of its own making. Before,
    // this inserted a closed task under id i64::MAX and no later task could
    // be created; now only the deleted task's id is read.
    let forged = json!({"planId": pid, "tasks": [{"id": i64::MAX, "name": "伪造", "status": "closed"}], "links": []});
    assert_eq!(h.err("restore_tasks", forged)["code"], "validation");
    let e = h.err("restore_tasks", json!({"id": i64::MAX}));
    assert_eq!(e["code"], "not_found", "{e}");
    let c = h.ok(
        "create_task",
        json!({"planId": pid, "name": "丙", "duration": 1}),
    );
    assert_eq!(c["tasks"].as_array().unwrap().len(), 3);

    let before = h.ok("get_chart", json!({"planId": pid}));
    let c = h.ok("delete_task", json!({"id": b}));
    assert_eq!(c["tasks"].as_array().unwrap().len(), 2);
    let c = h.ok("restore_tasks", json!({"id": b}));
    assert_eq!(c["tasks"], before["tasks"]);
    assert_eq!(c["links"], before["links"]);
    assert_eq!(h.err("restore_tasks", json!({"id": b}))["code"], "conflict");

    h.ok(
        "add_feedback",
        json!({"targetKind": "task", "targetId": a, "reportedOn": "2026-03-03", "unitId": unit["id"],
               "personName": "王书记", "text": "已部署"}),
    );
    let e = h.err("delete_task", json!({"id": a}));
    assert_eq!(e["code"], "conflict");
    assert_eq!(e["field"], "references");
    assert_eq!(
        e["message"],
        "该任务已有1条反馈引用，不能删除；可改为撤销或关闭"
    );
    assert_eq!(
        h.err("cancel_task", json!({"id": a, "reason": ""}))["field"],
        "reason"
    );
    let c = h.ok("cancel_task", json!({"id": a, "reason": "并入年度计划"}));
    assert_eq!(c["tasks"][0]["status"], "cancelled");
    assert_eq!(c["tasks"][0]["statusLabel"], "已撤销");
    let c = h.ok("resume_task", json!({"id": a}));
    assert_eq!(c["tasks"][0]["status"], "in_progress");

    h.as_viewer();
    for (cmd, input) in [
        ("delete_task", json!({"id": b})),
        ("restore_tasks", json!({"id": b})),
        ("cancel_task", json!({"id": a, "reason": "x"})),
        ("resume_task", json!({"id": a})),
    ] {
        assert_eq!(h.err(cmd, input)["code"], "forbidden", "{cmd}");
    }
}

#[test]
fn registers_through_ipc() {
    let h = Harness::new();
    h.admin();
    // Malformed and out-of-range input answers in Chinese beside its field.
    let malformed = h.err("get_emergency", json!({"id": "七"}));
    assert_eq!(malformed["code"], "validation");
    assert!(malformed["message"]
        .as_str()
        .unwrap()
        .contains("请求参数格式不正确"));
    let negative = h.err("get_visit", json!({"id": -4}));
    assert_eq!(negative["field"], "id");
    let huge = h.err("get_archive_file", json!({"id": i64::MAX}));
    assert_eq!(huge["code"], "not_found");
    let no_paper = h.err("preview_emergency", json!({}));
    assert_eq!(no_paper["field"], "id");
    let future = h.err(
        "create_emergency",
        json!({"occurredAt": "2100-01-01 08:00", "place": "东门", "reporter": "门卫", "what": "聚集"}),
    );
    assert_eq!(future["field"], "occurredAt");
    assert!(future["message"].as_str().unwrap().contains("不能晚于现在"));
    assert_eq!(
        h.err(
            "create_visit",
            json!({"pointId": 1, "visitedOn": "2026-01-05"})
        )["field"],
        "pointId"
    );

    // A duty registered and listed; an event recorded, closed and previewed.
    let d = h.ok(
        "create_post_duty",
        json!({"post": "调度员", "duties": "按班次值班。", "since": "2026-01-01"}),
    );
    assert_eq!(d["current"], true);
    assert_eq!(
        h.ok("list_post_duties", json!({}))
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let e = h.ok(
        "create_emergency",
        json!({"occurredAt": "2026-01-05 09:30", "place": "洗煤厂", "category": "surface",
               "reporter": "值班长", "what": "皮带走廊冒烟。", "notified": []}),
    );
    assert_eq!(e["dutyLeaderName"], Value::Null);
    let closed = h.ok(
        "close_emergency",
        json!({"id": e["id"], "closedAt": "2026-01-05 11:00", "closureNote": "已处置。"}),
    );
    assert_eq!(closed["status"], "closed");
    assert_eq!(
        h.ok("list_emergencies", json!({"year": 2026}))
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        h.ok("list_archive", json!({"text": "专项行动"}))
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn malformed_requests_are_answered_in_chinese() {
    let h = Harness::new();
    h.admin();
    let huge = "x".repeat(200_000);
    let cases = [
        // No input at all: Tauri answered "missing required key input".
        (
            "restore_plan",
            InvokeBody::Json(json!({})),
            "类型不正确，应为对象",
        ),
        (
            "issue_bulletin",
            InvokeBody::Json(json!(false)),
            "类型不正确，应为对象",
        ),
        // serde answered in English and quoted the whole input.
        (
            "create_unit",
            InvokeBody::Json(json!({"input": huge})),
            "类型不正确，应为对象",
        ),
        (
            "get_plan",
            InvokeBody::Json(json!({"input": {"id": 1.5}})),
            "类型不正确，应为整数",
        ),
        (
            "get_plan",
            InvokeBody::Json(json!({"input": {}})),
            "缺少字段 id",
        ),
        (
            "list_units",
            InvokeBody::Raw(b"\x00junk".to_vec()),
            "应为 JSON 对象",
        ),
    ];
    for (cmd, body, want) in cases {
        let e = h.call_body(cmd, body).expect_err(cmd);
        assert_eq!(e["code"], "validation", "{cmd}: {e}");
        let m = e["message"].as_str().unwrap();
        assert!(
            m.starts_with("请求参数格式不正确：") && m.contains(want),
            "{cmd}: {m}"
        );
        assert!(m.len() < 200 && !m.contains("expected"), "{cmd}: {m:.200}");
    }
}
