//! Passwords through the store's public API: one back-off for every kind of
//! password check, kept across a restart, every failure in the audit log,
//! the same work for unknown usernames; the signer's acts on documents.
mod common;
use diaodu_domain::ErrorCode;
use diaodu_store::{Actor, AuditFilter, DocInput, Store, UnitInput};

use common::ADMIN_PASSWORD;

fn failures(s: &Store) -> Vec<(String, String, serde_json::Value)> {
    let mut rows = s
        .list_audit(&AuditFilter {
            action: Some("auth_fail".into()),
            ..Default::default()
        })
        .unwrap()
        .rows;
    rows.reverse();
    rows.into_iter()
        .map(|r| (r.username, r.summary, r.changes))
        .collect()
}

fn signed_order(s: &mut Store, admin: &Actor) -> i64 {
    let unit = s
        .create_unit(
            admin,
            &UnitInput {
                name: "综采一队党支部".into(),
                kind: "branch".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let d = s
        .create_doc(
            admin,
            &DocInput {
                kind: "order".into(),
                title: "关于报送支部自查报告的调度令".into(),
                urgency: Some("特急".into()),
                content: "请按时报送。".into(),
                target_unit_id: Some(unit.id),
                ..Default::default()
            },
        )
        .unwrap();
    s.sign_doc(admin, d.id, ADMIN_PASSWORD).unwrap().id
}

#[test]
fn every_password_check_counts_towards_one_wait_and_is_audited() {
    let (_d, mut s, admin) = common::admin_store();
    let id = admin.user_id.unwrap();
    let doc = signed_order(&mut s, &admin);
    // Five different acts, one account: login, unlock, changing the
    // password, signing and withdrawing a signed order.
    assert_eq!(
        s.login("admin", "guess-1").unwrap_err().message,
        "用户名或密码不正确"
    );
    let e = s.unlock(id, "guess-2").unwrap_err();
    assert_eq!(
        (e.field.as_deref(), e.message.as_str()),
        (Some("password"), "密码不正确")
    );
    let e = s
        .change_own_password(&admin, "guess-3", "NewPass#2026")
        .unwrap_err();
    assert_eq!(
        (e.field.as_deref(), e.message.as_str()),
        (Some("oldPassword"), "原密码不正确")
    );
    let d2 = s
        .create_doc(
            &admin,
            &DocInput {
                kind: "notice".into(),
                title: "通知".into(),
                content: "内容".into(),
                target_unit_id: Some(s.get_doc(doc).unwrap().target_unit_id),
                ..Default::default()
            },
        )
        .unwrap();
    let e = s.sign_doc(&admin, d2.id, "guess-4").unwrap_err();
    assert_eq!(e.field.as_deref(), Some("password"));
    let e = s
        .withdraw_doc(&admin, doc, "内容有误", "guess-5")
        .unwrap_err();
    assert_eq!(
        (e.code, e.field.as_deref(), e.message.as_str()),
        (
            ErrorCode::Validation,
            Some("password"),
            "密码错误次数过多，请在1分钟后再试"
        )
    );
    // Now even the right password waits, for every act.
    let e = s.login("admin", ADMIN_PASSWORD).unwrap_err();
    assert_eq!(
        (e.code, e.message.as_str()),
        (
            ErrorCode::Unauthenticated,
            "密码错误次数过多，请在1分钟后再试"
        )
    );
    assert!(s
        .sign_doc(&admin, d2.id, ADMIN_PASSWORD)
        .unwrap_err()
        .message
        .contains("密码错误次数过多"));
    assert_eq!(s.get_doc(doc).unwrap().status, "issued");
    assert_eq!(s.get_doc(d2.id).unwrap().status, "draft");

    let audit = failures(&s);
    let acts: Vec<&str> = audit
        .iter()
        .map(|(_, _, c)| c["act"].as_str().unwrap())
        .collect();
    assert_eq!(
        acts,
        vec!["login", "unlock", "change_password", "sign", "withdraw_doc"]
    );
    assert_eq!(audit[0].0, "（未登录）", "nobody was logged in to try");
    assert!(audit[1..].iter().all(|(who, _, _)| who == "admin"));
    assert!(audit.iter().all(|(_, _, c)| c["account"] == "admin"));
    assert_eq!(
        audit[4].1,
        "撤回已签发的文件：账号“admin”密码错误（连续第5次），暂停1分钟"
    );
    let waits = s
        .list_audit(&AuditFilter {
            action: Some("auth_wait".into()),
            ..Default::default()
        })
        .unwrap()
        .rows;
    assert_eq!(waits.len(), 2, "the two attempts during the wait");
}

#[test]
fn a_wait_survives_a_restart() {
    let (dir, mut s, _admin) = common::admin_store();
    for _ in 0..5 {
        assert!(s.login("admin", "guess-guess").is_err());
    }
    drop(s);
    let mut s = Store::open(dir.path()).unwrap();
    let e = s.login("admin", ADMIN_PASSWORD).unwrap_err();
    assert_eq!(e.message, "密码错误次数过多，请在1分钟后再试");
}

#[test]
fn unknown_usernames_do_the_same_work_and_get_the_same_answer() {
    let (_d, mut s, admin) = common::admin_store();
    s.create_user(&admin, "viewer1", "查看员", "viewer", "Viewer#2026")
        .unwrap();
    let mut answers = Vec::new();
    for (name, password) in [
        ("viewer1", "wrong-one"),
        ("nobody", "wrong-one"),
        ("viewer1", "Viewer#2026"),
    ] {
        let before = s.password_verifications();
        let answer = s.login(name, password).map(|u| u.username);
        answers.push((answer, s.password_verifications() - before));
    }
    assert_eq!(answers[0].1, 1);
    assert_eq!(answers[1].1, 1, "an unknown name checks one hash too");
    assert_eq!(answers[2].1, 1);
    assert_eq!(answers[0].0, answers[1].0, "the same refusal");
    assert_eq!(answers[2].0, Ok("viewer1".to_string()));
    let audit = failures(&s);
    assert_eq!(audit[1].2["account"], "nobody");
}

#[test]
fn withdrawing_a_signed_order_is_a_signers_act() {
    let (_d, mut s, admin) = common::admin_store();
    let doc = signed_order(&mut s, &admin);
    let dispatcher = s
        .create_user(&admin, "disp", "调度员甲", "dispatcher", "Disp#20260")
        .unwrap()
        .actor();
    let signer = s
        .create_user(&admin, "qian", "钱签发", "signer", "Signer#2026")
        .unwrap()
        .actor();
    let e = s
        .withdraw_doc(&dispatcher, doc, "内容有误", "Disp#20260")
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert_eq!(
        e.message,
        "撤回已签发的文件须由签发人或管理员办理，当前角色“调度员”无权办理"
    );
    let e = s.withdraw_doc(&signer, doc, "内容有误", "").unwrap_err();
    assert_eq!(e.field.as_deref(), Some("password"));
    let e = s
        .withdraw_doc(&signer, doc, "内容有误", "wrong-pass")
        .unwrap_err();
    assert_eq!(e.message, "密码不正确");
    assert_eq!(s.get_doc(doc).unwrap().status, "issued");
    assert_eq!(
        failures(&s)[0].1,
        "撤回已签发的文件：账号“qian”密码错误（连续第1次）"
    );
    let w = s
        .withdraw_doc(&signer, doc, "内容有误", "Signer#2026")
        .unwrap();
    assert_eq!(w.status, "withdrawn");
    // A draft is the dispatcher's own to withdraw, without a password.
    let unit = w.target_unit_id;
    let draft = s
        .create_doc(
            &dispatcher,
            &DocInput {
                kind: "order".into(),
                title: "草稿".into(),
                urgency: Some("平急".into()),
                content: "内容".into(),
                target_unit_id: Some(unit),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        s.withdraw_doc(&dispatcher, draft.id, "不再需要", "")
            .unwrap()
            .status,
        "withdrawn"
    );
}
