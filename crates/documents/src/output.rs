//! Getting a finished PDF to the user: page images for the in-app preview
//! (poppler's pdftoppm), and printing through CUPS `lp` on Linux or the
//! system's default viewer elsewhere.
use crate::error::{DocError, DocErrorCode, DocResult};
use std::path::{Path, PathBuf};
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
        let dir = std::env::temp_dir().join(format!(
            "diaodu-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        ));
        std::fs::create_dir_all(&dir).map_err(|e| err(format!("无法创建临时目录：{e}")))?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Each page as a PNG at `dpi`.
pub fn pdf_pages_png(pdf: &[u8], dpi: u32) -> DocResult<Vec<Vec<u8>>> {
    let dir = Scratch::new()?;
    let input = dir.0.join("doc.pdf");
    std::fs::write(&input, pdf).map_err(|e| err(format!("无法写入临时文件：{e}")))?;
    let out = Command::new("pdftoppm")
        .arg("-r")
        .arg(dpi.to_string())
        .arg("-png")
        .arg(&input)
        .arg(dir.0.join("page"))
        .output()
        .map_err(|_| {
            err("无法生成预览：未找到 pdftoppm（请安装 poppler-utils），可先另存为PDF查看")
        })?;
    if !out.status.success() {
        return Err(err(format!(
            "生成预览失败：{}",
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir.0)
        .map_err(|e| err(e.to_string()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .collect();
    // pdftoppm pads page numbers to equal width, so name order is page order.
    pages.sort();
    pages
        .iter()
        .map(|p| std::fs::read(p).map_err(|e| err(e.to_string())))
        .collect()
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

/// Sends the PDF to `printer` (or the default one) with `copies` copies.
/// Returns what the print system answered (e.g. the job id).
pub fn print_pdf(pdf: &[u8], printer: Option<&str>, copies: u32) -> DocResult<String> {
    if !(1..=99).contains(&copies) {
        return Err(DocError {
            code: DocErrorCode::Validation,
            message: "份数应在1到99之间".into(),
        });
    }
    let dir = Scratch::new()?;
    let file = dir.0.join("print.pdf");
    std::fs::write(&file, pdf).map_err(|e| err(format!("无法写入临时文件：{e}")))?;
    if cfg!(target_os = "linux") {
        let mut cmd = Command::new("lp");
        if let Some(p) = printer.filter(|p| !p.trim().is_empty()) {
            cmd.arg("-d").arg(p);
        }
        let out = cmd
            .arg("-n")
            .arg(copies.to_string())
            .arg(&file)
            .output()
            .map_err(|_| err("无法打印：未找到 lp 命令（请安装 CUPS）"))?;
        if !out.status.success() {
            return Err(err(format!(
                "打印失败：{}",
                String::from_utf8_lossy(&out.stderr).trim()
            )));
        }
        return Ok(String::from_utf8_lossy(&out.stdout).trim().to_string());
    }
    // Elsewhere the system viewer prints; the file must outlive this call.
    let keep = std::env::temp_dir().join(format!("党建调度台-打印-{}.pdf", std::process::id()));
    std::fs::copy(&file, &keep).map_err(|e| err(e.to_string()))?;
    open_in_viewer(&keep)?;
    Ok(format!(
        "已在系统查看器中打开 {}，请在其中选择打印机和份数",
        keep.display()
    ))
}

fn open_in_viewer(path: &Path) -> DocResult<()> {
    let status = if cfg!(target_os = "windows") {
        Command::new("cmd")
            .args(["/C", "start", ""])
            .arg(path)
            .status()
    } else if cfg!(target_os = "macos") {
        Command::new("open").arg(path).status()
    } else {
        Command::new("xdg-open").arg(path).status()
    };
    match status {
        Ok(s) if s.success() => Ok(()),
        _ => Err(err("无法打开系统的PDF查看器")),
    }
}
