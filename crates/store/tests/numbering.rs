//! Migration 0009 registers the numbers already issued, as they are: a
//! database at version 8 whose stage bulletin and reward bulletin both are
//! 〔2026〕1号 under one prefix opens with both kept and the collision on
//! record, and no new paper can take a number already in the register.
use diaodu_store::{PaperKind, Store, LATEST_SCHEMA_VERSION};

const BEFORE_0009: [&str; 8] = [
    include_str!("../migrations/0001_foundation.sql"),
    include_str!("../migrations/0002_plans.sql"),
    include_str!("../migrations/0003_documents.sql"),
    include_str!("../migrations/0004_spec.sql"),
    include_str!("../migrations/0005_loop.sql"),
    include_str!("../migrations/0006_supervision.sql"),
    include_str!("../migrations/0007_assessment.sql"),
    include_str!("../migrations/0008_spec_evidence.sql"),
];

/// A version-8 database with papers numbered the old way: each kind counted
/// in its own table, so the two bulletins collide.
fn version_8(dir: &std::path::Path) {
    std::fs::create_dir_all(dir).unwrap();
    let c = rusqlite::Connection::open(dir.join(diaodu_store::DB_FILE_NAME)).unwrap();
    for sql in BEFORE_0009 {
        c.execute_batch(sql).unwrap();
    }
    c.execute_batch(
        r#"
        PRAGMA foreign_keys = OFF; PRAGMA user_version = 8; PRAGMA application_id = 1145651524;
        INSERT INTO unit (id, name, kind, created_at) VALUES (1, '综采一队党支部', 'branch', '2026-01-01');
        INSERT INTO dispatch_doc (kind, status, title, target_unit_id, year, seq, number, signer_name, signed_at,
            canonical, content_hash, created_at, updated_at)
            VALUES ('order', 'issued', '旧调度令', 1, 2026, 3, '晋源党调令〔2026〕3号', '关主任', '2026-03-02 09:00:00',
            '{"issuer":"晋源煤矿党委党建调度室","kind":"order","number":"晋源党调令〔2026〕3号"}', 'ab', '2026-03-01', '2026-03-02');
        INSERT INTO plan (id, title, kind, start_date, created_at)
            VALUES (1, '专项行动', 'special', '2026-01-05', '2026-01-05');
        INSERT INTO stage_summary (plan_id, stage_name, title, body, status, year, seq, number, issued_at,
            created_at, updated_at)
            VALUES (1, '自查阶段', '阶段通报', '正文', 'issued', 2026, 1, '晋源党调通报〔2026〕1号',
            '2026-04-01 10:00:00', '2026-04-01', '2026-04-01');
        INSERT INTO assessment_period (period, kind, start_date, end_date, rule_set_id, base_score, status,
            bulletin_year, bulletin_seq, bulletin_number, bulletin_issued_at, created_at)
            VALUES ('2026-03', 'month', '2026-03-01', '2026-03-31', 1, 100, 'closed',
            2026, 1, '晋源党调通报〔2026〕1号', '2026-04-02 10:00:00', '2026-04-01');
        "#,
    )
    .unwrap();
}

#[test]
fn existing_numbers_are_registered_as_they_are_and_collisions_kept() {
    let dir = tempfile::tempdir().unwrap();
    version_8(dir.path());
    let s = Store::open(dir.path()).unwrap();
    assert_eq!(s.schema_version().unwrap(), LATEST_SCHEMA_VERSION);
    drop(s);
    let c = rusqlite::Connection::open(dir.path().join(diaodu_store::DB_FILE_NAME)).unwrap();
    let rows: Vec<(String, String, i64, String, Option<i64>)> = c
        .prepare("SELECT kind, prefix, seq, number, duplicate_of FROM doc_number ORDER BY id")
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(
        (rows[0].0.as_str(), rows[0].1.as_str(), rows[0].2),
        ("order", "晋源党调令", 3)
    );
    // The stage bulletin came first; the reward bulletin keeps its number and
    // points to it.
    assert_eq!(rows[1].0, "stage_bulletin");
    assert_eq!(rows[1].4, None);
    assert_eq!(rows[2].0, "reward_bulletin");
    assert_eq!(rows[2].3, "晋源党调通报〔2026〕1号");
    assert!(rows[2].4.is_some());
    // Nothing renumbered.
    let reward: String = c
        .query_row("SELECT bulletin_number FROM assessment_period", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(reward, "晋源党调通报〔2026〕1号");
    // A new number equal to a registered one is refused by the register.
    let e = c
        .execute(
            "INSERT INTO doc_number (prefix, year, seq, number, kind, record_id, issued_at)
             VALUES ('晋源党调通报', 2026, 1, '晋源党调通报〔2026〕1号', 'reminder', 9, '2026-05-01')",
            [],
        )
        .unwrap_err();
    assert!(e.to_string().contains("UNIQUE"), "{e}");
    drop(c);
    // Each kind keeps numbering under the prefix it used, and the issuing
    // body frozen on the latest signed document stays the issuer.
    let s = Store::open(dir.path()).unwrap();
    assert_eq!(s.number_prefix(PaperKind::Order).unwrap(), "晋源党调令");
    assert_eq!(
        s.number_prefix(PaperKind::RewardBulletin).unwrap(),
        "晋源党调通报"
    );
    assert_eq!(s.issuer_name().unwrap(), "晋源煤矿党委党建调度室");
    // A kind with no papers yet takes the default made from that name.
    assert_eq!(s.number_prefix(PaperKind::Reminder).unwrap(), "晋源党调催");
}
