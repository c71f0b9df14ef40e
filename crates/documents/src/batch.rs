//! Many documents at once (batch printing of notices): each sent to the printer as
//! its own job in list order, saved as one PDF file each into a folder, or combined
//! into one PDF. Progress is reported between documents and the caller can stop
//! the batch there; what was done before stays done and is counted.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde::Serialize;

use crate::canvas::Canvas;
use crate::error::{DocError, DocErrorCode, DocResult};
use crate::fonts::Fonts;
use crate::official::{compose, LaidOut, OfficialDocument};
use crate::output::print_pdf;

/// One document of a batch and the name it goes by (job title, file name).
#[derive(Debug, Clone)]
pub struct BatchItem {
    pub name: String,
    pub doc: OfficialDocument,
}

/// Where the batch goes.
#[derive(Debug, Clone, PartialEq)]
pub enum BatchTarget {
    /// One print job per document, in list order.
    Printer {
        printer: Option<String>,
        copies: u32,
    },
    /// One PDF file per document in this folder.
    Folder(PathBuf),
    /// All documents in one PDF file, each starting on a new page.
    Combined(PathBuf),
}

/// How a batch ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchOutcome {
    pub total: usize,
    /// Documents printed or saved.
    pub done: usize,
    pub cancelled: bool,
    /// Files written (folder: one per document; combined: the one file).
    pub files: Vec<PathBuf>,
    /// Print job ids, where the print system gave them.
    pub jobs: Vec<String>,
    /// What to tell the user, in Chinese.
    pub message: String,
}

/// Called with `(done, total)` after each document; answering `false` stops the
/// batch before the next one.
pub use crate::parallel::Progress;

/// Runs the batch. An error stops it and names the document and how many were
/// done before it.
pub fn run_batch(
    items: &[BatchItem],
    fonts: &Fonts,
    target: &BatchTarget,
    progress: Progress<'_>,
) -> DocResult<BatchOutcome> {
    if items.is_empty() {
        return Err(DocError::validation("请至少选择一份文件"));
    }
    match target {
        BatchTarget::Printer { printer, copies } => {
            print_each(items, fonts, printer.as_deref(), *copies, progress)
        }
        BatchTarget::Folder(dir) => save_each(items, fonts, dir, progress),
        BatchTarget::Combined(file) => save_combined(items, fonts, file, progress),
    }
}

fn failed_at(items: &[BatchItem], i: usize, done: usize, e: DocError) -> DocError {
    DocError::new(
        e.code,
        format!(
            "第{}份“{}”未能完成：{}（此前已完成 {done} 份）",
            i + 1,
            items[i].name,
            e.message
        ),
    )
}

fn print_each(
    items: &[BatchItem],
    fonts: &Fonts,
    printer: Option<&str>,
    copies: u32,
    progress: Progress<'_>,
) -> DocResult<BatchOutcome> {
    if !(1..=99).contains(&copies) {
        return Err(DocError::validation("份数应在1到99之间"));
    }
    let send = |pdf: &[u8], name: &str| print_pdf(pdf, printer, copies, name);
    let (jobs, done, cancelled) = send_in_order(items, fonts, &send, progress)?;
    let total = items.len();
    let to = printer
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("打印机“{p}”"))
        .unwrap_or_else(|| "默认打印机".into());
    let message = if cancelled {
        format!(
            "已取消：已发送 {done} / {total} 份到{to}，其余 {} 份未打印",
            total - done
        )
    } else {
        format!("已发送 {total} 份到{to}，每份打印 {copies} 份")
    };
    Ok(BatchOutcome {
        total,
        done,
        cancelled,
        files: Vec::new(),
        jobs,
        message,
    })
}

/// How many documents may be rendered ahead of the one being sent.
const LOOKAHEAD: usize = 8;

/// Sends the documents one job each in list order (the printed stack comes out
/// as listed) while the other cores render the next few, so the printer is fed
/// as fast as one core renders and the print system takes jobs. Answers the job
/// ids, how many were sent, and whether `progress` stopped it early.
fn send_in_order(
    items: &[BatchItem],
    fonts: &Fonts,
    send: &(dyn Fn(&[u8], &str) -> DocResult<crate::output::PrintJob> + Sync),
    progress: Progress<'_>,
) -> DocResult<(Vec<String>, usize, bool)> {
    use std::collections::BTreeMap;
    use std::sync::Condvar;
    struct Shared {
        ready: BTreeMap<usize, DocResult<Vec<u8>>>,
        sent: usize,
        stop: bool,
    }
    let total = items.len();
    // Every document is laid out first so that each face is subset once for the
    // batch; the renderers then only write the PDFs.
    let laid = lay_out(items, fonts)?;
    let shared = Mutex::new(Shared {
        ready: BTreeMap::new(),
        sent: 0,
        stop: false,
    });
    let changed = Condvar::new();
    let next = AtomicUsize::new(0);
    let lock = || shared.lock().unwrap_or_else(|e| e.into_inner());
    let renderers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(total)
        .max(1);
    let mut jobs = Vec::new();
    let mut done = 0;
    let mut cancelled = false;
    let mut failure = None;
    std::thread::scope(|scope| {
        for _ in 0..renderers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= total {
                    break;
                }
                {
                    // Wait until the document is within the look-ahead window.
                    let mut g = lock();
                    while !g.stop && i >= g.sent + LOOKAHEAD {
                        g = changed.wait(g).unwrap_or_else(|e| e.into_inner());
                    }
                    if g.stop {
                        break;
                    }
                }
                let pdf = laid.pdf(i);
                lock().ready.insert(i, pdf);
                changed.notify_all();
            });
        }
        for (i, item) in items.iter().enumerate() {
            let rendered = {
                let mut g = lock();
                loop {
                    if let Some(r) = g.ready.remove(&i) {
                        break r;
                    }
                    g = changed.wait(g).unwrap_or_else(|e| e.into_inner());
                }
            };
            let sent = rendered.and_then(|pdf| send(&pdf, &item.name));
            match sent {
                Ok(job) => jobs.extend(job.job_id),
                Err(e) => {
                    failure = Some(failed_at(items, i, done, e));
                    break;
                }
            }
            done += 1;
            lock().sent = done;
            changed.notify_all();
            if !progress(done, total) && done < total {
                cancelled = true;
                break;
            }
        }
        // Whatever ended the loop, the renderers stop at their next check.
        lock().stop = true;
        changed.notify_all();
    });
    match failure {
        Some(e) => Err(e),
        None => Ok((jobs, done, cancelled)),
    }
}

/// A file name from a document's name: no path separators or characters that
/// Windows refuses, not too long.
pub fn file_name_of(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .take(80)
        .collect();
    let clean = clean.trim().trim_matches('.').to_string();
    if clean.is_empty() {
        "文件".into()
    } else {
        clean
    }
}

/// `dir/name.pdf`, or `dir/name（2）.pdf` … when taken (on disk or earlier in the batch).
fn free_path(dir: &Path, name: &str, taken: &mut Vec<PathBuf>) -> PathBuf {
    let base = file_name_of(name);
    let mut n = 1;
    loop {
        let file = if n == 1 {
            format!("{base}.pdf")
        } else {
            format!("{base}（{n}）.pdf")
        };
        let path = dir.join(file);
        if !path.exists() && !taken.contains(&path) {
            taken.push(path.clone());
            return path;
        }
        n += 1;
    }
}

fn save_each(
    items: &[BatchItem],
    fonts: &Fonts,
    dir: &Path,
    progress: Progress<'_>,
) -> DocResult<BatchOutcome> {
    std::fs::create_dir_all(dir).map_err(|e| {
        DocError::new(
            DocErrorCode::Internal,
            format!("无法使用文件夹 {}：{e}", dir.display()),
        )
    })?;
    let mut taken = Vec::new();
    let paths: Vec<PathBuf> = items
        .iter()
        .map(|it| free_path(dir, &it.name, &mut taken))
        .collect();
    // Every document is laid out first (on all cores) so that each face is
    // subset once for the batch; then the files are written.
    let laid = lay_out(items, fonts)?;
    let written: Mutex<Vec<Option<PathBuf>>> = Mutex::new(vec![None; items.len()]);
    let run = crate::parallel::for_each_parallel(
        items.len(),
        &|i| {
            let pdf = laid.pdf(i)?;
            std::fs::write(&paths[i], pdf).map_err(|e| {
                DocError::new(
                    DocErrorCode::Internal,
                    format!("无法保存 {}：{e}", paths[i].display()),
                )
            })?;
            written.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(paths[i].clone());
            Ok(())
        },
        progress,
    );
    let files: Vec<PathBuf> = written
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .flatten()
        .collect();
    let (done, total) = (files.len(), items.len());
    let cancelled = match run {
        Ok(c) => c,
        Err((i, e)) => return Err(failed_at(items, i, done, e)),
    };
    let message = if cancelled {
        format!(
            "已取消：已保存 {done} / {total} 个PDF文件到 {}",
            dir.display()
        )
    } else {
        format!("已保存 {total} 个PDF文件到 {}", dir.display())
    };
    Ok(BatchOutcome {
        total,
        done,
        cancelled,
        files,
        jobs: Vec::new(),
        message,
    })
}

/// The batch laid out for writing; a failure names the document.
fn lay_out<'f>(items: &[BatchItem], fonts: &'f Fonts) -> DocResult<LaidOut<'f>> {
    LaidOut::new(fonts, items.len(), &|i| &items[i].doc).map_err(|(i, e)| match i {
        Some(i) => failed_at(items, i, 0, e),
        None => e,
    })
}

fn save_combined(
    items: &[BatchItem],
    fonts: &Fonts,
    file: &Path,
    progress: Progress<'_>,
) -> DocResult<BatchOutcome> {
    let total = items.len();
    let mut canvas = Canvas::new(fonts, items[0].doc.title.clone());
    let mut done = 0;
    for (i, item) in items.iter().enumerate() {
        compose(&mut canvas, &item.doc).map_err(|e| failed_at(items, i, done, e))?;
        done += 1;
        if !progress(done, total) && done < total {
            // A partial combined file is of no use to the office: none is written.
            return Ok(BatchOutcome {
                total,
                done: 0,
                cancelled: true,
                files: Vec::new(),
                jobs: Vec::new(),
                message: format!("已取消：未生成合并文件（已排版 {done} / {total} 份）"),
            });
        }
    }
    let pdf = canvas.finish()?;
    std::fs::write(file, pdf).map_err(|e| {
        DocError::new(
            DocErrorCode::Internal,
            format!("无法保存到 {}：{e}", file.display()),
        )
    })?;
    Ok(BatchOutcome {
        total,
        done,
        cancelled: false,
        files: vec![file.to_path_buf()],
        jobs: Vec::new(),
        message: format!("已将 {total} 份合并保存到 {}", file.display()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_path_separators_and_forbidden_characters() {
        assert_eq!(
            file_name_of("晋源党调通〔2026〕3号-关于/落实:任务?"),
            "晋源党调通〔2026〕3号-关于-落实-任务-"
        );
        assert_eq!(file_name_of("  ..  "), "文件");
        assert_eq!(file_name_of(&"长".repeat(200)).chars().count(), 80);
    }

    #[test]
    fn taken_names_get_a_number() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("通知.pdf"), b"x").unwrap();
        let mut taken = Vec::new();
        let a = free_path(dir.path(), "通知", &mut taken);
        let b = free_path(dir.path(), "通知", &mut taken);
        assert_eq!(a.file_name().unwrap(), "通知（2）.pdf");
        assert_eq!(b.file_name().unwrap(), "通知（3）.pdf");
    }

    fn notices(n: usize) -> Vec<BatchItem> {
        crate::sample::notices(n)
            .into_iter()
            .enumerate()
            .map(|(i, doc)| BatchItem {
                name: format!("n{i}"),
                doc,
            })
            .collect()
    }

    fn fonts() -> &'static Fonts {
        use std::sync::OnceLock;
        static F: OnceLock<Fonts> = OnceLock::new();
        F.get_or_init(|| Fonts::system().expect("fonts-noto-cjk must be installed"))
    }

    fn job(name: &str) -> crate::output::PrintJob {
        crate::output::PrintJob {
            job_id: Some(format!("Q-{name}")),
            message: String::new(),
        }
    }

    #[test]
    fn jobs_go_out_in_list_order_while_others_render() {
        let items = notices(12);
        let sent = Mutex::new(Vec::new());
        let (jobs, done, cancelled) = send_in_order(
            &items,
            fonts(),
            &|pdf, name| {
                assert!(pdf.starts_with(b"%PDF"));
                sent.lock().unwrap().push(name.to_string());
                Ok(job(name))
            },
            &|_, _| true,
        )
        .unwrap();
        assert_eq!((done, cancelled), (12, false));
        let names: Vec<String> = (0..12).map(|i| format!("n{i}")).collect();
        assert_eq!(*sent.lock().unwrap(), names);
        assert_eq!(jobs[0], "Q-n0");
    }

    #[test]
    fn a_cancelled_print_batch_sends_nothing_after_the_stop() {
        let items = notices(30);
        let sent = AtomicUsize::new(0);
        let (jobs, done, cancelled) = send_in_order(
            &items,
            fonts(),
            &|_, name| {
                sent.fetch_add(1, Ordering::SeqCst);
                Ok(job(name))
            },
            &|done, _| done < 3,
        )
        .unwrap();
        assert!(cancelled);
        assert_eq!(done, 3);
        assert_eq!(
            sent.load(Ordering::SeqCst),
            3,
            "exactly the documents before the stop"
        );
        assert_eq!(jobs.len(), 3);
    }

    #[test]
    fn a_refused_job_stops_the_batch_and_says_how_far_it_got() {
        let items = notices(10);
        let e = send_in_order(
            &items,
            fonts(),
            &|_, name| {
                if name == "n4" {
                    Err(DocError::validation("打印失败：打印机缺纸"))
                } else {
                    Ok(job(name))
                }
            },
            &|_, _| true,
        )
        .unwrap_err();
        assert!(e.message.contains("第5份“n4”"), "{}", e.message);
        assert!(e.message.contains("打印机缺纸"), "{}", e.message);
        assert!(e.message.contains("此前已完成 4 份"), "{}", e.message);
    }
}
