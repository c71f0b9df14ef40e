//! A file far larger than the copy buffer goes through the store with flat
//! memory. Alone in its own test binary, so nothing else runs in the process
//! while the peak resident size is measured.
use diaodu_store::AttachmentStore;
use sha2::{Digest, Sha256};
use std::io::Read;

const SIZE: u64 = 1024 * 1024 * 1024 + 1;

/// Peak resident set size of this process, from /proc (Linux).
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// An MP4 header followed by pseudo-random bytes, generated as read and
/// hashed on the way so the test knows the content's SHA-256.
struct Video {
    left: u64,
    state: u64,
    header: Vec<u8>,
    hasher: Sha256,
}

impl Read for Video {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = (buf.len() as u64).min(self.left) as usize;
        let mut i = 0;
        while i < n && !self.header.is_empty() {
            buf[i] = self.header.remove(0);
            i += 1;
        }
        while i < n {
            self.state ^= self.state << 13;
            self.state ^= self.state >> 7;
            self.state ^= self.state << 17;
            let bytes = self.state.to_le_bytes();
            let k = (n - i).min(8);
            buf[i..i + k].copy_from_slice(&bytes[..k]);
            i += k;
        }
        self.hasher.update(&buf[..n]);
        self.left -= n as u64;
        Ok(n)
    }
}

#[test]
fn a_gigabyte_streams_through_with_flat_memory() {
    let dir = tempfile::tempdir().unwrap();
    let files = AttachmentStore::new(dir.path().join("attachments"), 2 * 1024 * 1024 * 1024);
    let mut video = Video {
        left: SIZE,
        state: 0x9E37_79B9_7F4A_7C15,
        header: b"\0\0\0\x18ftypmp42\0\0\0\0isommp42".to_vec(),
        hasher: Sha256::new(),
    };
    let before = peak_rss_kb();
    let stored = files
        .ingest_reader("井下巡查录像.mp4", &mut video, None)
        .unwrap();
    let after = peak_rss_kb();
    let expected: String = video
        .hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(stored.sha256, expected);
    assert_eq!(stored.size, SIZE);
    assert_eq!(stored.media_type, "video/mp4");
    assert_eq!(
        std::fs::metadata(files.path_of(&stored.sha256))
            .unwrap()
            .len(),
        SIZE
    );
    if let (Some(before), Some(after)) = (before, after) {
        let grown_mb = after.saturating_sub(before) / 1024;
        eprintln!(
            "peak RSS {before} kB before, {after} kB after (+{grown_mb} MB) for a {SIZE}-byte file"
        );
        assert!(
            grown_mb < 64,
            "peak memory grew by {grown_mb} MB copying 1 GB"
        );
    }
}
