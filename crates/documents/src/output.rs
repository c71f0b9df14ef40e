//! Getting a finished PDF to the user: page images for the in-app preview
//! (poppler's pdftoppm), and printing through CUPS `lp` on Linux or the
//! system's default viewer elsewhere.
use crate::error::{DocError, DocErrorCode, DocResult};
use std::ffi::OsStr;
use std::path::PathBuf;
use std::process::Command;

fn err(message: impl Into<String>) -> DocError {
    DocError {
        code: DocErrorCode::Internal,
        message: message.into(),
    }
}

/// A private temporary folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> DocResult<Scratch> {
        // A counter beside the time: pages of one preview may be drawn at once
        // (the page shown and the next one fetched ahead).
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "diaodu-{}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        ));
        std::fs::create_dir_all(&dir).map_err(|e| err(format!("无法创建临时目录：{e}")))?;
        Ok(Scratch(dir))
    }

    /// Writes `bytes` as `name` inside the folder and answers its path.
    fn write(&self, name: &str, bytes: &[u8]) -> DocResult<PathBuf> {
        let path = self.0.join(name);
        std::fs::write(&path, bytes).map_err(|e| err(format!("无法写入临时文件：{e}")))?;
        Ok(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// How many pages a preview draws before it answers: a notice or an order (one
/// to three pages) comes whole in one call; a long report shows its first pages
/// at once and draws each further page when the user turns to it.
pub const PREVIEW_FIRST_PAGES: u32 = 3;

/// A finished PDF kept for its preview. Its pages are drawn only when asked
/// for: drawing every page of a 150-page report takes pdftoppm minutes on a
/// busy office computer, while one page takes a fraction of a second.
#[derive(Debug)]
pub struct PdfPreview {
    pdf: Vec<u8>,
    dpi: u32,
    pages: u32,
}

impl PdfPreview {
    /// Reads the page count (poppler's pdfinfo); draws nothing yet.
    pub fn new(pdf: Vec<u8>, dpi: u32) -> DocResult<PdfPreview> {
        let dir = Scratch::new()?;
        let input = dir.write("doc.pdf", &pdf)?;
        let out = run_poppler("pdfinfo", &[input.as_os_str()])?;
        let info = String::from_utf8_lossy(&out);
        let pages = page_count_of(&info)
            .ok_or_else(|| err(format!("生成预览失败：无法读取页数（{}）", info.trim())))?;
        Ok(PdfPreview { pdf, dpi, pages })
    }

    /// The number of pages of the document (at least 1).
    pub fn page_count(&self) -> u32 {
        self.pages
    }

    /// Pages `first..=last` (counted from 1) as PNG images, in order.
    pub fn pages_png(&self, first: u32, last: u32) -> DocResult<Vec<Vec<u8>>> {
        if first == 0 || first > last || last > self.pages {
            return Err(DocError {
                code: DocErrorCode::Validation,
                message: format!("页码应在1到{}之间", self.pages),
            });
        }
        let dir = Scratch::new()?;
        let input = dir.write("doc.pdf", &self.pdf)?;
        let (dpi, first_s, last_s) = (self.dpi.to_string(), first.to_string(), last.to_string());
        let prefix = dir.0.join("page");
        run_poppler(
            "pdftoppm",
            &[
                "-r".as_ref(),
                dpi.as_ref(),
                "-f".as_ref(),
                first_s.as_ref(),
                "-l".as_ref(),
                last_s.as_ref(),
                "-png".as_ref(),
                input.as_os_str(),
                prefix.as_os_str(),
            ],
        )?;
        let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir.0)
            .map_err(|e| err(e.to_string()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "png"))
            .collect();
        // pdftoppm pads page numbers to equal width, so name order is page order.
        pages.sort();
        if pages.len() != (last - first + 1) as usize {
            return Err(err(format!(
                "生成预览失败：应有 {} 页，只生成了 {} 页",
                last - first + 1,
                pages.len()
            )));
        }
        pages
            .iter()
            .map(|p| std::fs::read(p).map_err(|e| err(e.to_string())))
            .collect()
    }

    /// The first pages (up to [`PREVIEW_FIRST_PAGES`]), for the preview to open with.
    pub fn first_pages_png(&self) -> DocResult<Vec<Vec<u8>>> {
        self.pages_png(1, self.pages.min(PREVIEW_FIRST_PAGES))
    }
}

/// "Pages:           114" in pdfinfo's answer.
fn page_count_of(info: &str) -> Option<u32> {
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .filter(|&n| n > 0)
}

/// Runs poppler's `tool` with `args` and answers its standard output.
fn run_poppler(tool: &str, args: &[&OsStr]) -> DocResult<Vec<u8>> {
    let out = Command::new(tool).args(args).output().map_err(|_| {
        err(format!(
            "无法生成预览：未找到 {tool}（请安装 poppler-utils），可先另存为PDF查看"
        ))
    })?;
    if !out.status.success() {
        return Err(err(format!(
            "生成预览失败：{}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(out.stdout)
}

/// The previews open in the window, by token, so that their further pages can
/// be drawn when asked for. Only the most recent few are kept: an older token
/// answers "reopen the preview" rather than holding every report ever shown.
#[derive(Debug, Default)]
pub struct Previews {
    kept: std::sync::Mutex<Kept>,
}

/// The last token given, and the previews kept (oldest first).
#[derive(Debug, Default)]
struct Kept {
    last: u64,
    previews: std::collections::VecDeque<(u64, std::sync::Arc<PdfPreview>)>,
}

impl Previews {
    /// How many previews are kept (a preview dialog, a report page, and room for
    /// one opened while another is still being read).
    pub const KEPT: usize = 4;

    /// Keeps `preview` and answers its token.
    pub fn keep(&self, preview: PdfPreview) -> u64 {
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        kept.last += 1;
        let token = kept.last;
        kept.previews
            .push_back((token, std::sync::Arc::new(preview)));
        while kept.previews.len() > Self::KEPT {
            kept.previews.pop_front();
        }
        token
    }

    /// Forgets every preview (at logout).
    pub fn clear(&self) {
        self.kept
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .previews
            .clear();
    }

    /// The preview of `token`, while it is kept.
    pub fn get(&self, token: u64) -> DocResult<std::sync::Arc<PdfPreview>> {
        let kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        kept.previews
            .iter()
            .find(|(t, _)| *t == token)
            .map(|(_, p)| p.clone())
            .ok_or_else(|| DocError {
                code: DocErrorCode::Validation,
                message: "该预览已关闭，请重新打开预览".into(),
            })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Printer {
    pub name: String,
    pub is_default: bool,
}

/// The CUPS printers this machine knows (empty where CUPS is absent).
pub fn list_printers() -> Vec<Printer> {
    let default = Command::new("lpstat")
        .arg("-d")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).to_string())
        .and_then(|s| s.split(':').nth(1).map(|n| n.trim().to_string()))
        .unwrap_or_default();
    let Ok(out) = Command::new("lpstat").arg("-e").output() else {
        return Vec::new();
    };
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|name| Printer {
            name: name.to_string(),
            is_default: name == default,
        })
        .collect()
}

/// What the print system answered for one job.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrintJob {
    /// CUPS's job id (e.g. `Office-Printer-12`), when the print system gave one.
    pub job_id: Option<String>,
    /// What to tell the user.
    pub message: String,
}

/// Sends the PDF to `printer` (or the default one) with `copies` copies; `title`
/// names the job in the printer's queue.
pub fn print_pdf(
    pdf: &[u8],
    printer: Option<&str>,
    copies: u32,
    title: &str,
) -> DocResult<PrintJob> {
    print_with(OsStr::new("lp"), pdf, printer, copies, title)
}

/// The job id in `lp`'s answer: "request id is Office-Printer-12 (1 file(s))".
fn job_id_of(answer: &str) -> Option<String> {
    let rest = answer.split("request id is ").nth(1)?;
    let id = rest.split_whitespace().next()?;
    Some(id.to_string()).filter(|s| !s.is_empty())
}

/// [`print_pdf`] with the `lp` program given (tests use a stand-in).
fn print_with(
    lp: &OsStr,
    pdf: &[u8],
    printer: Option<&str>,
    copies: u32,
    title: &str,
) -> DocResult<PrintJob> {
    if !(1..=99).contains(&copies) {
        return Err(DocError {
            code: DocErrorCode::Validation,
            message: "份数应在1到99之间".into(),
        });
    }
    let dir = Scratch::new()?;
    let file = dir.write("print.pdf", pdf)?;
    if cfg!(target_os = "linux") {
        let mut cmd = Command::new(lp);
        if let Some(p) = printer.filter(|p| !p.trim().is_empty()) {
            cmd.arg("-d").arg(p);
        }
        // A job title without path separators (cups-pdf turns it into a file name).
        let title: String = title
            .chars()
            .map(|c| {
                if matches!(c, '/' | '\\') || c.is_control() {
                    '-'
                } else {
                    c
                }
            })
            .take(80)
            .collect();
        if !title.trim().is_empty() {
            cmd.arg("-t").arg(title.trim());
        }
        // Several copies come out as complete sets (1, 2, 1, 2), as an office
        // hands them out, not page by page.
        let out = cmd
            .arg("-n")
            .arg(copies.to_string())
            .arg("-o")
            .arg("collate=true")
            .arg("--")
            .arg(&file)
            .output()
            .map_err(|_| err("无法打印：未找到 lp 命令（请安装 CUPS）"))?;
        if !out.status.success() {
            let why = String::from_utf8_lossy(&out.stderr).trim().to_string();
            return Err(err(if why.is_empty() {
                format!("打印失败：lp 退出码 {}", out.status.code().unwrap_or(-1))
            } else {
                format!("打印失败：{why}")
            }));
        }
        let answer = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let job_id = job_id_of(&answer);
        let message = match &job_id {
            Some(id) => format!("已发送到打印机，作业号 {id}"),
            None => "已发送到打印机".to_string(),
        };
        return Ok(PrintJob { job_id, message });
    }
    // Elsewhere the system viewer prints; the file must outlive this call.
    let keep = std::env::temp_dir().join(format!("党建调度台-打印-{}.pdf", std::process::id()));
    std::fs::copy(&file, &keep).map_err(|e| err(e.to_string()))?;
    crate::viewer::open_in_viewer(&keep)?;
    Ok(PrintJob {
        job_id: None,
        message: format!(
            "已在系统查看器中打开 {}，请在其中选择打印机和份数",
            keep.display()
        ),
    })
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;
    use std::path::Path;

    /// A stand-in for `lp` that records its arguments and the file it was given.
    fn fake_lp(dir: &Path, body: &str) -> PathBuf {
        let path = dir.join("lp");
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    #[test]
    fn sends_printer_copies_and_title_and_reads_the_job_id() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("args");
        let copy = dir.path().join("copy.pdf");
        let lp = fake_lp(
            dir.path(),
            &format!(
                "printf '%s\\n' \"$@\" > {log}\nfor a; do last=$a; done\ncp \"$last\" {copy}\necho 'request id is Office-7 (1 file(s))'",
                log = log.display(),
                copy = copy.display()
            ),
        );
        let job = print_with(
            lp.as_os_str(),
            b"%PDF-1.7 test",
            Some("Office"),
            2,
            "晋源党调令〔2026〕7号/关于",
        )
        .unwrap();
        assert_eq!(job.job_id.as_deref(), Some("Office-7"));
        assert!(job.message.contains("Office-7"), "{}", job.message);
        let args: Vec<String> = std::fs::read_to_string(&log)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        assert_eq!(
            args[..9],
            [
                "-d",
                "Office",
                "-t",
                "晋源党调令〔2026〕7号-关于",
                "-n",
                "2",
                "-o",
                "collate=true",
                "--"
            ]
        );
        assert_eq!(std::fs::read(&copy).unwrap(), b"%PDF-1.7 test");
    }

    #[test]
    fn the_print_systems_refusal_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let lp = fake_lp(
            dir.path(),
            "echo 'lp: The printer or class does not exist.' >&2; exit 1",
        );
        let e = print_with(lp.as_os_str(), b"%PDF", Some("Nope"), 1, "x").unwrap_err();
        assert!(e.message.starts_with("打印失败："), "{}", e.message);
        assert!(e.message.contains("does not exist"), "{}", e.message);
    }

    #[test]
    fn copies_out_of_range_are_refused_before_printing() {
        let dir = tempfile::tempdir().unwrap();
        let marker = dir.path().join("ran");
        let lp = fake_lp(dir.path(), &format!("touch {}", marker.display()));
        for copies in [0, 100] {
            let e = print_with(lp.as_os_str(), b"%PDF", None, copies, "x").unwrap_err();
            assert_eq!(e.code, DocErrorCode::Validation);
        }
        assert!(!marker.exists(), "lp must not run");
    }

    #[test]
    fn a_missing_lp_says_to_install_cups() {
        let e = print_with(OsStr::new("/nonexistent/lp"), b"%PDF", None, 1, "x").unwrap_err();
        assert!(e.message.contains("CUPS"), "{}", e.message);
    }
}
