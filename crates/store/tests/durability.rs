//! A writer process is killed with SIGKILL at random moments; every write it
//! reported as committed must be there afterwards and the database sound.
use diaodu_store::{Actor, Store, UnitInput};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const CHILD_ENV: &str = "DIAODU_DURABILITY_CHILD_DIR";

/// The writer: runs only when re-executed by the parent test below.
#[test]
fn durability_writer_child() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut store = Store::open(std::path::Path::new(&dir)).unwrap();
    let actor = Actor::cli();
    let out = std::io::stdout();
    for i in 0.. {
        let name = format!("单位-{}-{i}", std::process::id());
        let unit = store
            .create_unit(
                &actor,
                &UnitInput {
                    name,
                    kind: "branch".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        let mut o = out.lock();
        writeln!(o, "COMMITTED {}", unit.id).unwrap();
        o.flush().unwrap();
    }
}

fn pseudo_random_ms(round: u64) -> u64 {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64;
    30 + (nanos ^ round.wrapping_mul(0x9E37_79B9)) % 400
}

#[test]
fn killed_writer_loses_no_committed_write() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    let mut committed = Vec::new();
    for round in 0..6 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "durability_writer_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|l| {
                    l.strip_prefix("COMMITTED ")
                        .and_then(|id| id.parse::<i64>().ok())
                })
                .collect::<Vec<_>>()
        });
        std::thread::sleep(Duration::from_millis(pseudo_random_ms(round)));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        committed.extend(reader.join().unwrap());
    }
    assert!(
        committed.len() > 10,
        "the writer should have committed something: {}",
        committed.len()
    );

    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let present: std::collections::HashSet<i64> = store
        .list_units(true)
        .unwrap()
        .into_iter()
        .map(|u| u.id)
        .collect();
    let lost: Vec<_> = committed
        .iter()
        .filter(|id| !present.contains(id))
        .collect();
    assert!(
        lost.is_empty(),
        "committed writes lost after SIGKILL: {lost:?}"
    );
    // Every unit has its audit entry: they were written in one transaction.
    let audit = store
        .list_audit(&diaodu_store::AuditFilter {
            entity: Some("unit".into()),
            limit: Some(1),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(audit.total as usize, present.len());
}
