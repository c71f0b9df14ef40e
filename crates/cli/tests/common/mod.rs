//! Running the real `diaodu-cli` binary on a data directory.
#![allow(dead_code)]
use std::path::Path;
use std::process::{Command, Output};

pub fn cli(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_diaodu-cli"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("DIAODU_DATA_DIR")
        .output()
        .unwrap()
}

/// Standard output of a run that must have succeeded.
pub fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}
