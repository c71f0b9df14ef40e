//! A file far larger than the copy buffer goes through the store with flat
//! memory. Alone in its own test binary, so nothing else runs in the process
//! while the peak resident size is measured.
//!
//! 320 MB is enough to tell streaming from buffering (a buffered copy would
//! grow the peak by the whole file, the bound is 32 MB), and it is written
//! under the target directory rather than /tmp: CI's /tmp once had less than
//! a gigabyte free and the earlier 1 GB version failed there with ENOSPC.
use diaodu_store::AttachmentStore;
use std::io::{Read, Seek, SeekFrom};

const SIZE: u64 = 320 * 1024 * 1024 + 1;
const BLOCK: usize = 64 * 1024;

/// Peak resident set size of this process, from /proc (Linux).
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// An MP4 header, then 64 KB blocks of noise each stamped with its offset
/// (so no two blocks are alike), produced as read: nothing is on disk or in
/// memory beyond one block.
struct Video {
    pos: u64,
    block: Vec<u8>,
}

impl Video {
    fn new() -> Video {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let block = (0..BLOCK)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        Video { pos: 0, block }
    }

    /// The byte at `pos`, as `read` produces it.
    fn byte_at(&self, pos: u64) -> u8 {
        let mut one = Video {
            pos,
            block: self.block.clone(),
        };
        let mut b = [0u8];
        one.read_exact(&mut b).unwrap();
        b[0]
    }
}

const HEADER: &[u8] = b"\0\0\0\x18ftypmp42\0\0\0\0isommp42";

impl Read for Video {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pos >= SIZE {
            return Ok(0);
        }
        let in_block = (self.pos % BLOCK as u64) as usize;
        let n = buf
            .len()
            .min(BLOCK - in_block)
            .min((SIZE - self.pos) as usize);
        let mut stamped = self.block[in_block..in_block + n].to_vec();
        if self.pos < HEADER.len() as u64 {
            let h = &HEADER[self.pos as usize..];
            let k = h.len().min(n);
            stamped[..k].copy_from_slice(&h[..k]);
        } else if in_block < 8 {
            let stamp = (self.pos / BLOCK as u64).to_le_bytes();
            for (i, b) in stamped.iter_mut().enumerate().take(8 - in_block) {
                *b = stamp[in_block + i];
            }
        }
        buf[..n].copy_from_slice(&stamped);
        self.pos += n as u64;
        Ok(n)
    }
}

#[test]
fn a_large_video_streams_through_with_flat_memory() {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let files = AttachmentStore::new(dir.path().join("attachments"), 2 * 1024 * 1024 * 1024);
    let before = peak_rss_kb();
    let stored = files
        .ingest_reader("井下巡查录像.mp4", Video::new(), None)
        .unwrap();
    let after = peak_rss_kb();
    assert_eq!(stored.size, SIZE);
    assert_eq!(stored.media_type, "video/mp4");
    let path = files.path_of(&stored.sha256);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), SIZE);
    // What landed on disk is what was read, at the start, in the middle and at the end.
    let reference = Video::new();
    let mut f = std::fs::File::open(&path).unwrap();
    for pos in [0, 5, 64 * 1024, 160 * 1024 * 1024 + 3, SIZE - 1] {
        let mut b = [0u8];
        f.seek(SeekFrom::Start(pos)).unwrap();
        f.read_exact(&mut b).unwrap();
        assert_eq!(b[0], reference.byte_at(pos), "byte {pos}");
    }
    if let (Some(before), Some(after)) = (before, after) {
        let grown_mb = after.saturating_sub(before) / 1024;
        eprintln!(
            "peak RSS {before} kB before, {after} kB after (+{grown_mb} MB) for a {SIZE}-byte file"
        );
        assert!(
            grown_mb < 32,
            "peak memory grew by {grown_mb} MB copying a {SIZE}-byte file"
        );
    }
}
